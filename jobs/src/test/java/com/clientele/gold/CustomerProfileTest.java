package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer archive and every segment rule on a hand-worked company, as of 2026-03-31 with the
 * default settings. Trailing year = 2025-04-01…2026-03-31; prior year = 2024-04-01…2025-03-31.
 *
 * <pre>
 * A enterprise  sales 2023-06-01 10000 (cost 6000), 2024-06-01 15000 (9000), 2025-06-01 30000 (18000),
 *               2026-03-01 5000 (cost unknown); 3 complaints (see below); satisfaction 4 and 5;
 *               referred B (converted) and F (never buys)
 * B individual  2025-12-01 200 (100), 2026-01-15 300 (150), refund 2026-01-20 −50; came by A's referral
 * C government  2025-01-10 8000 (5000), 2025-05-20 6000 (2000); a complaint never answered
 * D individual  one purchase 2025-11-15 1000 (700); G's referral came after D's first purchase
 * E individual  only a refund 2026-02-10 −80
 * F individual  a lead: never bought, enquiry 2026-03-20
 * G partner     2024-08-01 500, 2026-03-10 700 (a win-back: 586 days apart)
 * I group       one purchase 2026-03-30 100; moved region North → South on 2026-02-01
 * H             first version from 2026-04-05, no records: does not exist yet
 * </pre>
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerProfileTest {

  static final String AS_OF = "2026-03-31";
  Map<String, Row> profile;
  Map<String, Row> segments;

  static Silver company(SparkSession spark) {
    return new Silver(spark)
        .customer("A,enterprise,2023-01-01,,2023-01-01,East")
        .customer("B,individual,2025-11-20,,2025-11-20,East")
        .customer("C,government,2024-12-01,,2024-12-01,West")
        .customer("D,individual,2025-11-01,,2025-11-01,West")
        .customer("E,individual,2025-01-01,,2025-01-01,West")
        .customer("F,individual,2026-03-15,,2026-03-15,East")
        .customer("G,partner,2024-07-01,,2024-07-01,East")
        .customer("I,group,2025-01-01,2026-02-01,2025-01-01,North")
        .customer("I,group,2026-02-01,2026-04-10,2025-01-01,South")
        .customer("I,group,2026-04-10,,2025-01-01,West")
        .customer("H,individual,2026-04-05,,2026-04-05,East")
        .transaction("A,2023-06-01,sale,10000,6000")
        .transaction("A,2024-06-01,sale,15000,9000")
        .transaction("A,2025-06-01,sale,30000,18000")
        .transaction("A,2026-03-01,sale,5000,")
        .transaction("B,2025-12-01,sale,200,100")
        .transaction("B,2026-01-15,sale,300,150")
        .transaction("B,2026-01-20,refund,-50,")
        .transaction("C,2025-01-10,sale,8000,5000")
        .transaction("C,2025-05-20,sale,6000,2000")
        .transaction("D,2025-11-15,sale,1000,700")
        .transaction("E,2026-02-10,refund,-80,")
        .transaction("G,2024-08-01,sale,500,")
        .transaction("G,2026-03-10,sale,700,")
        .transaction("I,2026-03-30,sale,100,")
        .transaction("I,2026-04-02,sale,999,")
        .interaction("A,complaint,delivery,2026-02-01 09:00:00,2026-02-01 20:00:00,2026-02-03 09:00:00,")
        .interaction("A,complaint,quality,2026-03-01 10:00:00,2026-03-03 10:00:00,,")
        .interaction("A,complaint,price,2026-03-20 08:00:00,2026-03-20 09:00:00,2026-04-02 08:00:00,")
        .interaction("A,complaint,price,2026-04-01 08:00:00,,,")
        .interaction("A,feedback,service,2026-02-05 10:00:00,,,4")
        .interaction("A,feedback,service,2026-03-05 10:00:00,,,5")
        .interaction("B,feedback,service,2026-02-05 10:00:00,,,2")
        .interaction("C,complaint,quality,2025-06-01 10:00:00,,,")
        .interaction("F,enquiry,price,2026-03-20 10:00:00,2026-03-20 11:00:00,,")
        .referral("A,B,2025-11-20,100")
        .referral("A,F,2026-03-15,50")
        .referral("G,D,2025-12-01,50");
  }

  @BeforeAll
  void build(SparkSession spark) {
    AnalyticsSettings settings = AnalyticsSettings.defaults();
    GoldInputs in = company(spark).asOf(AS_OF);
    GoldTables gold = GoldTables.compute(in, settings);
    profile = gold.get(TableCatalog.CUSTOMER_PROFILE).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("customer_key"), r -> r, (a, b) -> a, TreeMap::new));
    segments = gold.get(TableCatalog.CUSTOMER_SEGMENTS).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("customer_key") + "/" + r.getAs("scheme"), r -> r));
  }

  @Test
  void oneRowPerExistingCustomerWithTheAttributesValidAtTheAsOfDate() {
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "I"), List.copyOf(profile.keySet()),
        "H's first version starts after the as-of date and nothing else is known of it");
    assertEquals("South", profile.get("I").getAs("region"), "the version valid on 2026-03-31");
    assertEquals("A*", profile.get("A").getAs("display_name_masked"));
    assertEquals(TableCatalog.CUSTOMER_PROFILE.columnNames(), List.of(profile.get("A").schema().fieldNames()));
  }

  @Test
  void purchaseDatesCountsAndAmounts() {
    Row a = profile.get("A");
    assertEquals(Silver.date("2023-06-01"), a.getAs("first_purchase_date"));
    assertEquals(Silver.date("2026-03-01"), a.getAs("last_purchase_date"));
    assertEquals(1034, (int) a.getAs("tenure_days"));
    assertEquals(1034 / 365.25, (double) a.getAs("cooperation_years"), 1e-12);
    assertEquals(30, (int) a.getAs("days_since_last_purchase"));
    assertEquals(4L, (long) a.getAs("purchase_count"));
    assertAmount("60000.00", a, "total_amount");
    assertAmount("35000.00", a, "amount_12m");
    assertAmount("15000.00", a, "amount_prior_12m");
    assertEquals(15000.0, (double) a.getAs("average_purchase_amount"), 1e-9);
    assertAmount("22000.00", a, "profit_amount");
    assertAmount("12000.00", a, "profit_12m");
    assertEquals(22000.0 / 55000.0, (double) a.getAs("profit_margin"), 1e-12, "the 5000 without cost is left out");

    Row b = profile.get("B");
    assertEquals(3L, (long) b.getAs("transaction_count"));
    assertEquals(2L, (long) b.getAs("purchase_count"));
    assertEquals(1L, (long) b.getAs("refund_count"));
    assertAmount("500.00", b, "sales_amount");
    assertAmount("-50.00", b, "refund_amount");
    assertAmount("450.00", b, "total_amount");
    assertEquals(Silver.date("2026-01-20"), b.getAs("last_transaction_date"));
    assertEquals(Silver.date("2026-01-15"), b.getAs("last_purchase_date"), "a refund is not a purchase");

    Row i = profile.get("I");
    assertAmount("100.00", i, "total_amount", "the purchase after the as-of date is not visible");
  }

  @Test
  void aCustomerWithOnePurchase() {
    Row d = profile.get("D");
    assertEquals(d.<java.sql.Date>getAs("first_purchase_date"), d.getAs("last_purchase_date"));
    assertEquals(1L, (long) d.getAs("purchase_days"));
    assertEquals(136, (int) d.getAs("days_since_last_purchase"));
    assertEquals("new", d.getAs("time_segment"));
    assertEquals("past", d.getAs("trading_stage"));
    assertEquals("at_risk", d.getAs("lifecycle_stage"));
    assertEquals("lost", d.getAs("rfm_segment"));
  }

  @Test
  void aCustomerWithOnlyRefunds() {
    Row e = profile.get("E");
    assertNull(e.getAs("first_purchase_date"));
    assertEquals(Silver.date("2026-02-10"), e.getAs("first_transaction_date"));
    assertAmount("-80.00", e, "total_amount");
    assertAmount("-80.00", e, "amount_12m");
    assertNull(e.getAs("average_purchase_amount"));
    assertNull(e.getAs("value_at_stake"));
    assertEquals(List.of("potential", "none", "scattered", "C", "poor", "none", "none", "none"),
        labels(e), "never bought: the purchase-based schemes do not apply");
    assertNull(e.getAs("rfm_recency_score"));
  }

  @Test
  void serviceFacts() {
    Row a = profile.get("A");
    assertEquals(3L, (long) a.getAs("complaint_count"), "the complaint of 2026-04-01 is not known yet");
    assertEquals(2L, (long) a.getAs("open_complaint_count"), "resolved on 2026-04-02 = still open on 03-31");
    assertEquals(2L, (long) a.getAs("complaints_answered_in_time"), "11 h and 1 h yes, 48 h no");
    assertEquals(48.0, (double) a.getAs("median_resolution_hours"), 1e-12);
    assertEquals(4.5, (double) a.getAs("average_satisfaction"), 1e-12);
    assertEquals(2L, (long) a.getAs("satisfaction_responses"));
    Row c = profile.get("C");
    assertEquals(1L, (long) c.getAs("complaint_count"));
    assertEquals(1L, (long) c.getAs("open_complaint_count"));
    assertEquals(0L, (long) c.getAs("complaints_answered_in_time"), "never answered");
    assertNull(c.getAs("median_resolution_hours"));
    assertEquals(2.0, (double) profile.get("B").getAs("average_satisfaction"), 1e-12);
    assertNull(profile.get("D").getAs("average_satisfaction"));
  }

  @Test
  void referralFacts() {
    assertEquals(2L, (long) profile.get("A").getAs("referrals_made"));
    assertEquals(1L, (long) profile.get("A").getAs("referrals_converted"), "F never buys");
    assertEquals("A", profile.get("B").getAs("referred_by_customer_key"));
    assertEquals(true, profile.get("B").getAs("is_referred"));
    assertEquals("A", profile.get("F").getAs("referred_by_customer_key"), "a referred lead still came by referral");
    assertEquals(false, profile.get("D").getAs("is_referred"), "G's referral came after D's first purchase");
    assertEquals(1L, (long) profile.get("G").getAs("referrals_made"));
    assertEquals(0L, (long) profile.get("G").getAs("referrals_converted"), "D bought before the referral only");
  }

  @Test
  void valueAtStakeIsTheYearUpToTheLastPurchase() {
    assertAmount("35000.00", profile.get("A"), "value_at_stake");
    assertAmount("14000.00", profile.get("C"), "value_at_stake");
    assertAmount("500.00", profile.get("B"), "value_at_stake", "the refund after the last purchase is not in it");
    assertAmount("700.00", profile.get("G"), "value_at_stake");
  }

  @Test
  void timeTradingStageAndLifecycle() {
    // time, trading stage, value position, grade, quality, rfm, vip, lifecycle
    // A bought again on 2026-03-01 after 273 quiet days (churned on 2025-11-28): won back.
    assertEquals(List.of("old", "current", "key", "A", "quality", "loyal", "gold", "won_back"), labels(profile.get("A")));
    assertEquals(List.of("new", "current", "scattered", "C", "growing", "hibernating", "none", "active"), labels(profile.get("B")));
    assertEquals(List.of("old", "past", "general", "B", "declining", "lost", "silver", "churned"), labels(profile.get("C")));
    assertEquals(List.of("new", "past", "general", "C", "growing", "lost", "none", "at_risk"), labels(profile.get("D")));
    assertEquals(List.of("potential", "upcoming", "scattered", "C", "poor", "none", "none", "none"), labels(profile.get("F")));
    assertEquals(List.of("old", "current", "scattered", "C", "growing", "potential_loyalist", "none", "won_back"), labels(profile.get("G")));
    assertEquals(List.of("new", "current", "scattered", "C", "growing", "new", "none", "active"), labels(profile.get("I")));
    assertEquals("enterprise", profile.get("A").getAs("nature_segment"));
  }

  @Test
  void rfmScoresAreTieSharingQuintiles() {
    // six buyers. recency (days) C 315, D 136, B 75, A 30, G 21, I 1 → 1 1 2 3 4 5
    // frequency (days) D,I 1 → 1; B,C,G 2 → 2 (2 of 6 worse); A 4 → 5
    // monetary I 100, B 450, D 1000, G 1200, C 14000, A 60000 → 1 1 2 3 4 5
    Map<String, String> expected = Map.of("A", "355", "B", "221", "C", "124", "D", "112", "G", "423", "I", "511");
    expected.forEach((key, rfm) -> {
      Row r = profile.get(key);
      assertEquals(rfm, "" + r.getAs("rfm_recency_score") + r.getAs("rfm_frequency_score") + r.getAs("rfm_monetary_score"), key);
      assertEquals(Double.parseDouble(rfm), segments.get(key + "/rfm").<Double>getAs("score"), 1e-12);
    });
  }

  @Test
  void paretoAndQualityInputs() {
    // amount_12m: A 35000, C 6000, D 1000, G 700, B 450, I 100; total 43250
    // share of revenue before: A 0, C 35000/43250 = 0.81, D 41000/43250 = 0.948, G 42000/43250 = 0.971:
    // key (< 0.80) is A alone, general (< 0.95) C and D; so the key threshold is 35000, general 1000.
    for (String key : List.of("A", "B", "C", "D", "E", "G", "I")) {
      Map<String, Double> in = inputs(segments.get(key + "/value_position"));
      assertEquals(35000.0, in.get("key_threshold"), 0, key);
      assertEquals(1000.0, in.get("general_threshold"), 0, key);
    }
    assertEquals(35000.0, segments.get("A/value_position").<Double>getAs("score"), 0);
    assertEquals(6000.0, segments.get("C/value_position").<Double>getAs("score"), 0);
    assertEquals(List.of("key", "general", "general", "scattered", "scattered"),
        java.util.stream.Stream.of("A", "C", "D", "G", "E")
            .map(k -> (String) segments.get(k + "/value_position").getAs("segment")).toList());
    // profit_12m of the six trailing-year buyers: A 12000, B 250, C 4000, D 300 → mean 16550 / 6
    double mean = 16550.0 / 6;
    assertEquals(12000 / mean, segments.get("A/quality").<Double>getAs("score"), 1e-12);
    Map<String, Double> c = inputs(segments.get("C/quality"));
    assertEquals(4000 / mean, c.get("profit_index"), 1e-12);
    assertEquals(-0.25, c.get("growth_rate"), 1e-12);
    assertNull(inputs(segments.get("B/quality")).get("growth_rate"), "no prior-year revenue");
  }

  @Test
  void segmentsLongFormHasOneRowPerCustomerAndScheme() {
    assertEquals(8 * CustomerSegments.SCHEMES.size(), segments.size());
    assertEquals("won_back", segments.get("G/lifecycle").getAs("segment"));
    assertEquals("partner", segments.get("G/nature").getAs("segment"));
    assertTrue(inputs(segments.get("G/nature")).isEmpty());
    assertEquals(21.0, inputs(segments.get("G/lifecycle")).get("days_since_win_back"));
    assertEquals(TableCatalog.CUSTOMER_SEGMENTS.columnNames(), List.of(segments.get("G/nature").schema().fieldNames()));
    for (Row r : profile.values()) {
      String key = r.getAs("customer_key");
      assertEquals((Object) r.getAs("lifecycle_stage"), segments.get(key + "/lifecycle").getAs("segment"));
      assertEquals((Object) r.getAs("value_position"), segments.get(key + "/value_position").getAs("segment"));
      assertEquals((Object) r.getAs("quality_segment"), segments.get(key + "/quality").getAs("segment"));
    }
  }

  static Map<String, Double> inputs(Row segment) {
    return segment.getJavaMap(segment.fieldIndex("inputs"));
  }

  private static List<String> labels(Row r) {
    return List.of(r.getAs("time_segment"), r.getAs("trading_stage"), r.getAs("value_position"), r.getAs("abc_grade"),
        r.getAs("quality_segment"), r.getAs("rfm_segment"), r.getAs("vip_tier"), r.getAs("lifecycle_stage"));
  }

  private static void assertAmount(String expected, Row row, String column, String... message) {
    assertEquals(new BigDecimal(expected), row.getAs(column), column + " " + String.join(" ", message));
  }
}
