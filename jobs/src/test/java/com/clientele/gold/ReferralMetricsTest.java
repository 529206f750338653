package com.clientele.gold;

import static com.clientele.gold.MonthlyMetricsTest.assertAmount;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.testing.SparkExtension;
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
 * Referral metrics (老带新) on a hand-worked company, as of 2026-06-30, with short horizons: first
 * year = 60 days, "6 months" = day 40 and "12 months" = day 60 after the first purchase, active window
 * 30 days (so retained at day h = a purchase on days h−29 … h).
 *
 * <pre>
 * A   sale 01-05 500                                  refers R1 (01-20, reward 100), R2 (02-10, 50)
 * B   sales 01-10 400, 02-12 100                      refers R3 (02-20, no reward), N1 (03-01, 20)
 * R1  referred; sales 02-01 100, 03-05 50             first year 150; retained at day 40 and day 60
 * R2  referred; sale 02-15 200                        first year 200; not retained
 * R3  referred; never buys
 * N1  sales 02-03 50, 03-20 50 (B's referral came after N1's first purchase: not referred)
 *                                                     first year 100; retained at day 60 only
 * N2  sales 02-25 300, 04-01 30                       first year 330; retained at day 40 and 60
 * N3  sale 06-10 80                                   too recent for any comparison
 * </pre>
 * A: first year 500, never retained; B: first year 500, retained at day 40 and 60.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferralMetricsTest {

  static final double Z = 1.959963984540054;
  Map<String, Row> periods;

  @BeforeAll
  void build(SparkSession spark) {
    Silver silver = new Silver(spark);
    for (String c : List.of("A", "B", "R1", "R2", "R3", "N1", "N2", "N3")) {
      silver.customer(c + ",individual,2025-12-01,,2025-12-01,East");
    }
    silver.transaction("A,2026-01-05,sale,500,")
        .transaction("B,2026-01-10,sale,400,")
        .transaction("B,2026-02-12,sale,100,")
        .transaction("R1,2026-02-01,sale,100,")
        .transaction("R1,2026-03-05,sale,50,")
        .transaction("R2,2026-02-15,sale,200,")
        .transaction("N1,2026-02-03,sale,50,")
        .transaction("N1,2026-03-20,sale,50,")
        .transaction("N2,2026-02-25,sale,300,")
        .transaction("N2,2026-04-01,sale,30,")
        .transaction("N3,2026-06-10,sale,80,")
        .referral("A,R1,2026-01-20,100")
        .referral("A,R2,2026-02-10,50")
        .referral("B,R3,2026-02-20,")
        .referral("B,N1,2026-03-01,20");
    AnalyticsSettings settings = MonthlyMetricsTest.settings("""
        active-window-days = 30
        churn-inactivity-days = 45
        referral { first-year-days = 60, retention-6m-days = 40, retention-12m-days = 60 }
        """);
    periods = GoldTables.compute(silver.asOf("2026-06-30"), settings).get(TableCatalog.REFERRAL_METRICS)
        .collectAsList().stream()
        .collect(Collectors.toMap(r -> String.valueOf((Object) r.getAs("month_start")), r -> r, (a, b) -> a, TreeMap::new));
  }

  @Test
  void oneRowPerMonthAndOneOverall() {
    assertEquals(List.of("2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "null"),
        List.copyOf(periods.keySet()));
    assertEquals("overall", periods.get("null").getAs("period"));
    assertEquals("month", periods.get("2026-05-01").getAs("period"));
  }

  @Test
  void shareOfNewCustomersWhoCameByReferral() {
    assertShare(periods.get("2026-01-01"), "referred_new_customers", "new_customers", "referred_new_share", 0, 2);
    assertShare(periods.get("2026-02-01"), "referred_new_customers", "new_customers", "referred_new_share", 2, 4);
    assertShare(periods.get("2026-03-01"), "referred_new_customers", "new_customers", "referred_new_share", 0, 0);
    assertShare(periods.get("null"), "referred_new_customers", "new_customers", "referred_new_share", 2, 7);
  }

  @Test
  void shareOfActiveCustomersWhoReferred() {
    assertShare(periods.get("2026-01-01"), "referring_customers", "active_customers", "referring_share", 1, 2);
    // February: A refers but did not buy in February; B did both
    assertShare(periods.get("2026-02-01"), "referring_customers", "active_customers", "referring_share", 1, 5);
    assertShare(periods.get("2026-03-01"), "referring_customers", "active_customers", "referring_share", 0, 2);
    assertShare(periods.get("null"), "referring_customers", "active_customers", "referring_share", 2, 7);
  }

  @Test
  void conversionAndViralFactor() {
    assertShare(periods.get("2026-02-01"), "referrals_converted", "referrals", "referral_conversion_rate", 1, 2);
    assertShare(periods.get("null"), "referrals_converted", "referrals", "referral_conversion_rate", 3, 4);
    assertEquals(0.2, periods.get("2026-02-01").<Double>getAs("viral_k_factor"), 1e-12);
    assertEquals(3.0 / 7, periods.get("null").<Double>getAs("viral_k_factor"), 1e-12);
    assertEquals(0.0, periods.get("2026-04-01").<Double>getAs("viral_k_factor"));
    assertNull(periods.get("2026-05-01").getAs("viral_k_factor"), "nobody active in May");
    assertNull(periods.get("2026-04-01").getAs("referral_conversion_rate"));
  }

  @Test
  void rewardCostAgainstReferredRevenue() {
    assertAmount("50.00", periods.get("2026-02-01"), "reward_cost", "a missing reward counts 0");
    assertAmount("300.00", periods.get("2026-02-01"), "referred_revenue");
    assertEquals(50.0 / 300, periods.get("2026-02-01").<Double>getAs("reward_to_revenue_ratio"), 1e-12);
    assertAmount("170.00", periods.get("null"), "reward_cost");
    assertAmount("350.00", periods.get("null"), "referred_revenue");
    assertNull(periods.get("2026-01-01").getAs("reward_to_revenue_ratio"), "no referred revenue in January");
  }

  @Test
  void firstYearRevenueLiftWithItsInterval() {
    Row feb = periods.get("2026-02-01");
    // referred R1 150, R2 200: mean 175, variance 1250; non-referred N1 100, N2 330: mean 215, variance 26450
    assertEquals(2L, feb.<Long>getAs("referred_first_year_customers"));
    assertEquals(2L, feb.<Long>getAs("non_referred_first_year_customers"));
    assertEquals(175.0, feb.<Double>getAs("referred_first_year_revenue"), 1e-9);
    assertEquals(215.0, feb.<Double>getAs("non_referred_first_year_revenue"), 1e-9);
    assertInterval(feb, "first_year_revenue", 175.0 / 215, Math.sqrt(1250 / (2 * 175.0 * 175) + 26450 / (2 * 215.0 * 215)));
    Row all = periods.get("null");
    // non-referred A 500, B 500, N1 100, N2 330 (N3 is too recent): mean 357.5, variance 107675 / 3
    assertEquals(4L, all.<Long>getAs("non_referred_first_year_customers"));
    assertEquals(357.5, all.<Double>getAs("non_referred_first_year_revenue"), 1e-9);
    assertInterval(all, "first_year_revenue", 175 / 357.5,
        Math.sqrt(1250 / (2 * 175.0 * 175) + 107675.0 / 3 / (4 * 357.5 * 357.5)));
    Row jan = periods.get("2026-01-01");
    assertEquals(0L, jan.<Long>getAs("referred_first_year_customers"));
    assertNull(jan.getAs("first_year_revenue_lift"), "no referred customers acquired in January");
  }

  @Test
  void retentionLiftWithKatzInterval() {
    Row feb = periods.get("2026-02-01");
    // day 40: R1 yes, R2 no | N1 no, N2 yes → 0.5 vs 0.5
    assertEquals(0.5, feb.<Double>getAs("referred_retention_6m_rate"));
    assertEquals(0.5, feb.<Double>getAs("non_referred_retention_6m_rate"));
    assertInterval(feb, "retention_6m", 1.0, Math.sqrt(0.5 / (2 * 0.5) + 0.5 / (2 * 0.5)));
    // day 60: R1 yes, R2 no | N1 yes, N2 yes → 0.5 vs 1.0
    assertEquals(1.0, feb.<Double>getAs("non_referred_retention_12m_rate"));
    assertInterval(feb, "retention_12m", 0.5, Math.sqrt(0.5 / (2 * 0.5) + 0.0));
    Row all = periods.get("null");
    assertEquals(4L, all.<Long>getAs("non_referred_retention_12m_customers"));
    assertEquals(0.75, all.<Double>getAs("non_referred_retention_12m_rate"), "A no; B, N1, N2 yes");
    assertEquals(2L, all.<Long>getAs("referred_retention_12m_customers"));
  }

  @Test
  void topReferrers() {
    assertEquals("A:1/1, B:0/1", periods.get("2026-02-01").getAs("top_referrers"));
    assertEquals("A:2/2, B:1/2", periods.get("null").getAs("top_referrers"));
    assertNull(periods.get("2026-04-01").getAs("top_referrers"));
  }

  private static void assertShare(Row r, String part, String whole, String share, long expectedPart, long expectedWhole) {
    assertEquals(expectedPart, r.<Long>getAs(part), part);
    assertEquals(expectedWhole, r.<Long>getAs(whole), whole);
    if (expectedWhole == 0) {
      assertNull(r.getAs(share), share);
    } else {
      assertEquals((double) expectedPart / expectedWhole, r.<Double>getAs(share), 1e-12, share);
    }
  }

  private static void assertInterval(Row r, String name, double lift, double se) {
    assertEquals(lift, r.<Double>getAs(name + "_lift"), 1e-9, name);
    assertEquals(lift * Math.exp(-Z * se), r.<Double>getAs(name + "_lift_low"), 1e-9, name + " low");
    assertEquals(lift * Math.exp(Z * se), r.<Double>getAs(name + "_lift_high"), 1e-9, name + " high");
  }
}
