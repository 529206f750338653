package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.testing.SparkExtension;
import com.typesafe.config.ConfigFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loyalty, cohorts, the leaky bucket and the win-back list on a hand-worked company, as of
 * 2026-04-15, with short windows so that a few months show every flow: active window 30 days, churn
 * after 45 days without a purchase, "old" after 60 days, top 50% for revenue concentration, VIP gold
 * from 400 and silver from 150.
 *
 * <pre>
 * P enterprise  sales 01-05 100, 01-20 50, 02-10 200, 04-01 100  (lost 03-27 = 02-10 + 45, won back 04-01)
 *               complaints 02-12 delivery (never answered), 02-20 delivery (answered after 30 h, resolved after 48 h)
 * Q individual  sale 01-10 300, refund 01-25 −100                  (lost 02-24)
 *               complaint 01-26 quality (answered after 2 h, resolved after 48 h); satisfaction 2 on 01-27
 * R individual  sales 02-03 80, 03-03 80                            (would be lost on 04-17: still in)
 *               satisfaction 5 on 03-10
 * S individual  only a refund 03-05 −30
 * T group       a lead, never buys
 * U partner     sale 02-01 500                                      (lost 03-18)
 *               complaints 02-05 price (answered after 1 h, resolved after 2 h), 02-06 delivery (never answered)
 * </pre>
 * March has no new customer. Months: January (first transaction) to April (month to date).
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthlyMetricsTest {

  static final String AS_OF = "2026-04-15";
  static final AnalyticsSettings SETTINGS = settings("""
      active-window-days = 30
      churn-inactivity-days = 45
      new-customer-days = 60
      top-customers-percent = 50
      vip-tiers = [{name = gold, min-amount = 400}, {name = silver, min-amount = 150}]
      """);

  Map<String, Row> loyalty;
  Map<String, Row> cohorts;
  Map<String, Row> bucket;
  List<Row> atRisk;
  List<Row> atRiskShortMemory;

  static AnalyticsSettings settings(String overrides) {
    return AnalyticsSettings.from(ConfigFactory.parseString(overrides)
        .withFallback(ClienteleConfig.defaults().raw().getConfig("clientele.analytics")));
  }

  static Silver company(SparkSession spark) {
    Silver silver = new Silver(spark);
    for (String c : List.of("P,enterprise", "Q,individual", "R,individual", "S,individual", "T,group", "U,partner")) {
      silver.customer(c + ",2025-12-01,,2025-12-01,East");
    }
    return silver
        .transaction("P,2026-01-05,sale,100,")
        .transaction("P,2026-01-20,sale,50,")
        .transaction("P,2026-02-10,sale,200,")
        .transaction("P,2026-04-01,sale,100,")
        .transaction("Q,2026-01-10,sale,300,")
        .transaction("Q,2026-01-25,refund,-100,")
        .transaction("R,2026-02-03,sale,80,")
        .transaction("R,2026-03-03,sale,80,")
        .transaction("S,2026-03-05,refund,-30,")
        .transaction("U,2026-02-01,sale,500,")
        .interaction("P,complaint,delivery,2026-02-12 09:00:00,,,")
        .interaction("P,complaint,delivery,2026-02-20 09:00:00,2026-02-21 15:00:00,2026-02-22 09:00:00,")
        .interaction("Q,complaint,quality,2026-01-26 10:00:00,2026-01-26 12:00:00,2026-01-28 10:00:00,")
        .interaction("Q,feedback,service,2026-01-27 10:00:00,,,2")
        .interaction("R,feedback,service,2026-03-10 10:00:00,,,5")
        .interaction("U,complaint,price,2026-02-05 09:00:00,2026-02-05 10:00:00,2026-02-05 11:00:00,")
        .interaction("U,complaint,delivery,2026-02-06 09:00:00,,,");
  }

  @BeforeAll
  void build(SparkSession spark) {
    GoldInputs in = company(spark).asOf(AS_OF);
    GoldTables gold = GoldTables.compute(in, SETTINGS);
    loyalty = byKey(gold.get(TableCatalog.LOYALTY_METRICS), "breakdown_value", "month_start");
    cohorts = byKey(gold.get(TableCatalog.CHURN_COHORTS), "acquisition_month", "months_since_acquisition");
    bucket = byKey(gold.get(TableCatalog.LEAKY_BUCKET), "month_start");
    atRisk = sorted(gold.get(TableCatalog.AT_RISK_CUSTOMERS));
    atRiskShortMemory = sorted(AtRiskCustomers.compute(gold.classified(), gold.scores(), in.asOf(),
        settings("active-window-days = 30, churn-inactivity-days = 45, at-risk.recently-churned-days = 40, "
            + "vip-tiers = [{name = gold, min-amount = 400}, {name = silver, min-amount = 150}]")));
  }

  // ------------------------------------------------------------------ loyalty, all customers

  @Test
  void januaryTwoNewCustomersOneRepeat() {
    Row jan = loyalty.get("all/2026-01-01");
    assertCounts(jan, 2, 2, 0, 0, 1, 0, 0);
    assertNull(jan.getAs("retention_rate"), "no previous month");
    assertEquals(0.5, jan.<Double>getAs("repeat_purchase_rate"));
    assertEquals(3L, jan.<Long>getAs("purchase_days"));
    assertEquals(1.5, jan.<Double>getAs("purchase_frequency"));
    assertAmount("450.00", jan, "sales_amount");
    assertAmount("350.00", jan, "revenue");
    assertEquals(150.0, jan.<Double>getAs("average_order_value"));
    assertEquals(0.0, jan.<Double>getAs("old_customer_revenue_share"));
    // P 150, Q 200 → the top half (1 customer) is Q
    assertEquals(200.0 / 350, jan.<Double>getAs("top_customers_revenue_share"), 1e-12);
    assertEquals(2.0, jan.<Double>getAs("average_satisfaction"));
    assertEquals(1L, jan.<Long>getAs("complaints"));
    assertEquals(1.0 / 3, jan.<Double>getAs("complaint_rate"), 1e-12);
    assertEquals(1.0, jan.<Double>getAs("answered_in_time_share"));
    assertEquals(48.0, jan.<Double>getAs("median_resolution_hours"));
  }

  @Test
  void februaryRetentionAgainstJanuary() {
    Row feb = loyalty.get("all/2026-02-01");
    // active P, R, U; new R, U; P repeats and was active in January (of 2)
    assertCounts(feb, 3, 2, 1, 0, 1, 1, 2);
    assertEquals(0.5, feb.<Double>getAs("retention_rate"));
    assertAmount("780.00", feb, "revenue");
    assertEquals(260.0, feb.<Double>getAs("average_order_value"));
    // P 200, R 80, U 500 → top ceil(1.5) = 2 customers: 700
    assertEquals(700.0 / 780, feb.<Double>getAs("top_customers_revenue_share"), 1e-12);
    assertEquals(4L, feb.<Long>getAs("complaints"));
    assertEquals(0.25, feb.<Double>getAs("answered_in_time_share"), "only U's price complaint within 24 h");
    assertEquals(25.0, feb.<Double>getAs("median_resolution_hours"), "median of 48 h and 2 h");
    assertEquals(4.0 / 3, feb.<Double>getAs("complaint_rate"), 1e-12);
    assertEquals(0L, feb.<Long>getAs("satisfaction_responses"));
    assertNull(feb.getAs("average_satisfaction"));
  }

  @Test
  void aMonthWithNoNewCustomers() {
    Row mar = loyalty.get("all/2026-03-01");
    assertCounts(mar, 1, 0, 1, 0, 1, 1, 3);
    assertEquals(1.0 / 3, mar.<Double>getAs("retention_rate"), 1e-12);
    assertAmount("50.00", mar, "revenue", "R's 80 less S's refund of 30");
    assertEquals(80.0 / 50, mar.<Double>getAs("top_customers_revenue_share"), 1e-12, "refunds can push it above 1");
    assertEquals(0L, mar.<Long>getAs("complaints"));
    assertEquals(0.0, mar.<Double>getAs("complaint_rate"));
    assertNull(mar.getAs("answered_in_time_share"));
    assertNull(mar.getAs("median_resolution_hours"));
    assertEquals(5.0, mar.<Double>getAs("average_satisfaction"));
  }

  @Test
  void aprilWinBackByAnOldCustomer() {
    Row apr = loyalty.get("all/2026-04-01");
    assertCounts(apr, 1, 0, 1, 1, 1, 0, 1);
    assertEquals(0.0, apr.<Double>getAs("retention_rate"));
    assertEquals(1.0, apr.<Double>getAs("old_customer_revenue_share"), "04-01 is 86 days after P's first purchase");
  }

  @Test
  void breakdownsByNatureAndValuePosition() {
    assertEquals(4 * (1 + 4 + 3), loyalty.size(), "4 months × (all, 4 natures, 3 value positions)");
    Row individualJan = loyalty.get("individual/2026-01-01");
    assertCounts(individualJan, 1, 1, 0, 0, 0, 0, 0);
    assertEquals(1.0, individualJan.<Double>getAs("top_customers_revenue_share"));
    Row groupFeb = loyalty.get("group/2026-02-01");
    assertCounts(groupFeb, 0, 0, 0, 0, 0, 0, 0);
    assertNull(groupFeb.getAs("repeat_purchase_rate"));
    assertAmount("0.00", groupFeb, "revenue");
    // key customers (amount_12m): U 500, P 450, Q 200 of 1310; R 160 is general
    Row keyFeb = loyalty.get("key/2026-02-01");
    assertCounts(keyFeb, 2, 1, 1, 0, 1, 1, 2);
    assertEquals(500.0 / 700, keyFeb.<Double>getAs("top_customers_revenue_share"), 1e-12);
    assertEquals("value_position", keyFeb.getAs("breakdown"));
  }

  // ------------------------------------------------------------------ cohorts

  @Test
  void cohortsRetainCustomersAndRevenue() {
    assertEquals(List.of("2026-01-01/0", "2026-01-01/1", "2026-01-01/2", "2026-01-01/3",
        "2026-02-01/0", "2026-02-01/1", "2026-02-01/2"), List.copyOf(cohorts.keySet()),
        "no cohort for March (no new customers) nor April; S (refunds only) belongs to none");
    assertCohort("2026-01-01/0", 2, 2, "350.00", 1.0);
    assertCohort("2026-01-01/1", 2, 1, "200.00", 200.0 / 350);
    assertCohort("2026-01-01/2", 2, 0, "0.00", 0.0);
    assertCohort("2026-01-01/3", 2, 1, "100.00", 100.0 / 350);
    assertCohort("2026-02-01/0", 2, 2, "580.00", 1.0);
    assertCohort("2026-02-01/1", 2, 1, "80.00", 80.0 / 580);
    assertEquals(0.5, cohorts.get("2026-02-01/1").<Double>getAs("retention_rate"));
    assertEquals(Silver.date("2026-03-01"), cohorts.get("2026-02-01/1").getAs("month_start"));
  }

  // ------------------------------------------------------------------ leaky bucket

  @Test
  void theBucketBalancesEveryMonth() {
    assertBucket("2026-01-01", 0, 2, 0, 0, 2);
    assertBucket("2026-02-01", 2, 2, 0, 1, 3);
    assertBucket("2026-03-01", 3, 0, 0, 2, 1);
    assertBucket("2026-04-01", 1, 0, 1, 0, 2);
    for (Row r : bucket.values()) {
      assertEquals(r.<Long>getAs("customers_at_end") - r.<Long>getAs("customers_at_start"), r.<Long>getAs("customers_net"));
    }
  }

  @Test
  void theBucketInRevenue() {
    assertRevenue("2026-01-01", "0.00", "350.00", "0.00", "0.00", "350.00", "0.00");
    assertRevenue("2026-02-01", "350.00", "580.00", "0.00", "200.00", "780.00", "300.00");
    assertRevenue("2026-03-01", "780.00", "0.00", "0.00", "50.00", "50.00", "850.00");
    assertRevenue("2026-04-01", "50.00", "0.00", "100.00", "0.00", "100.00", "0.00");
    assertAmount("-730.00", bucket.get("2026-03-01"), "revenue_net");
  }

  @Test
  void complaintsThatPrecededChurn() {
    assertEquals("quality:1", bucket.get("2026-02-01").getAs("top_churn_complaint_categories"));
    assertEquals(1L, bucket.get("2026-02-01").<Long>getAs("lost_with_complaints"));
    assertEquals("delivery:2, price:1", bucket.get("2026-03-01").getAs("top_churn_complaint_categories"));
    assertEquals(2L, bucket.get("2026-03-01").<Long>getAs("lost_with_complaints"));
    assertNull(bucket.get("2026-04-01").getAs("top_churn_complaint_categories"));
  }

  // ------------------------------------------------------------------ win-back list

  @Test
  void valuableLapsingCustomersInPriorityOrder() {
    assertEquals(List.of("U", "Q", "R"), atRisk.stream().map(r -> r.<String>getAs("customer_key")).toList(),
        "P is won back, S and T never bought");
    Row u = atRisk.get(0);
    assertEquals(1, u.<Integer>getAs("priority"));
    assertAmount("500.00", u, "value_at_stake");
    assertEquals(1L, u.<Long>getAs("open_complaint_count"));
    assertEquals("churned: no purchase for 73 days; key customer, gold VIP; 1 open complaint(s)", u.getAs("flag_reason"));
    assertAmount("300.00", atRisk.get(1), "value_at_stake", "the refund after Q's last purchase is not in it");
    assertEquals("churned: no purchase for 95 days; key customer, silver VIP", atRisk.get(1).getAs("flag_reason"));
    assertEquals("at risk: no purchase for 43 days; silver VIP", atRisk.get(2).getAs("flag_reason"));
    assertEquals(Silver.date("2026-03-03"), atRisk.get(2).getAs("last_purchase_date"));
  }

  @Test
  void churnedCustomersLeaveTheListAfterRecentlyChurnedDays() {
    // 45 + 40 = 85 days: Q (95 days) is no longer "recently" churned, U (73) still is
    assertEquals(List.of("U", "R"), atRiskShortMemory.stream().map(r -> r.<String>getAs("customer_key")).toList());
    assertEquals(2, atRiskShortMemory.get(1).<Integer>getAs("priority"));
  }

  // ------------------------------------------------------------------ helpers

  /** active, new, returning, won back, repeat, retained, previous month active. */
  private static void assertCounts(Row r, long... expected) {
    String[] columns = {"active_customers", "new_customers", "returning_customers", "won_back_customers",
        "repeat_customers", "retained_customers", "previous_month_active_customers"};
    List<Long> actual = new ArrayList<>();
    for (String c : columns) {
      actual.add(r.getAs(c));
    }
    assertEquals(java.util.Arrays.stream(expected).boxed().toList(), actual, String.join(", ", columns));
  }

  private void assertCohort(String key, long size, long retained, String revenue, double revenueRate) {
    Row r = cohorts.get(key);
    assertEquals(size, r.<Long>getAs("cohort_customers"), key);
    assertEquals(retained, r.<Long>getAs("customers_retained"), key);
    assertEquals((double) retained / size, r.<Double>getAs("retention_rate"), 1e-12, key);
    assertAmount(revenue, r, "revenue_retained", key);
    assertEquals(revenueRate, r.<Double>getAs("revenue_retention_rate"), 1e-12, key);
  }

  private void assertBucket(String month, long start, long gained, long wonBack, long lost, long end) {
    Row r = bucket.get(month);
    assertEquals(List.of(start, gained, wonBack, lost, end), List.of(r.<Long>getAs("customers_at_start"),
        r.<Long>getAs("customers_gained"), r.<Long>getAs("customers_won_back"), r.<Long>getAs("customers_lost"),
        r.<Long>getAs("customers_at_end")), month + ": start, gained, won back, lost, end");
  }

  private void assertRevenue(String month, String start, String gained, String wonBack, String retained, String end,
      String lost) {
    Row r = bucket.get(month);
    assertAmount(start, r, "revenue_at_start", month);
    assertAmount(gained, r, "revenue_gained", month);
    assertAmount(wonBack, r, "revenue_won_back", month);
    assertAmount(retained, r, "revenue_retained", month);
    assertAmount(end, r, "revenue_at_end", month);
    assertAmount(lost, r, "revenue_lost", month);
  }

  static void assertAmount(String expected, Row row, String column, String... message) {
    assertEquals(new BigDecimal(expected), row.getAs(column), column + " " + String.join(" ", message));
  }

  private static Map<String, Row> byKey(Dataset<Row> frame, String... columns) {
    return frame.collectAsList().stream().collect(Collectors.toMap(
        r -> java.util.Arrays.stream(columns).map(c -> String.valueOf((Object) r.getAs(c))).collect(Collectors.joining("/")),
        r -> r, (a, b) -> {
          throw new IllegalStateException("duplicate key " + a);
        }, TreeMap::new));
  }

  private static List<Row> sorted(Dataset<Row> atRisk) {
    return atRisk.orderBy("priority").collectAsList();
  }
}
