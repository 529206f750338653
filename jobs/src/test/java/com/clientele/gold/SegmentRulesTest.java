package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.SparkExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segment rules at their edges, as of 2026-03-31 with the default settings.
 *
 * <pre>
 * Ties (one purchase each, in the trailing year):
 *   K1 50 on 03-21, K2 30 on 03-11, K3 10 on 03-01, K4 10 on 03-01; total 100
 * Boundaries (amounts 0 unless said):
 *   N365  first and only purchase 365 days ago      N366  366 days ago
 *   D89   one purchase 89 days ago   D90  90 days ago   D179  179 days ago   D180  180 days ago
 *   GA    first purchase 731 days ago, 20000 in the trailing year (2.0014 years)
 *   GB    first purchase 730 days ago, 20000 in the trailing year (1.9986 years)
 * </pre>
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentRulesTest {

  static final String AS_OF = "2026-03-31";
  Map<String, Row> ties;
  Map<String, Row> tiesWithKeyShare85;
  Map<String, Row> edges;
  Map<String, Double> thresholds;
  Map<String, Double> thresholdsWithKeyShare85;

  @BeforeAll
  void build(SparkSession spark) {
    Silver tied = new Silver(spark);
    for (String c : List.of("K1", "K2", "K3", "K4")) {
      tied.customer(c + ",individual,2025-01-01,,2025-01-01,East");
    }
    tied.transaction("K1,2026-03-21,sale,50,").transaction("K2,2026-03-11,sale,30,")
        .transaction("K3,2026-03-01,sale,10,").transaction("K4,2026-03-01,sale,10,");
    GoldTables gold = GoldTables.compute(tied.asOf(AS_OF), AnalyticsSettings.defaults());
    ties = byKey(gold.classified());
    AnalyticsSettings keyShare85 = MonthlyMetricsTest.settings("value-position.key-revenue-share = 0.85");
    Dataset<Row> classified85 = CustomerSegments.classify(gold.facts(), keyShare85);
    tiesWithKeyShare85 = byKey(classified85);
    thresholds = thresholds(gold.get(com.clientele.catalog.TableCatalog.SEGMENT_THRESHOLDS));
    thresholdsWithKeyShare85 = thresholds(SegmentThresholds.compute(classified85,
        java.time.LocalDate.parse(AS_OF), keyShare85));

    Silver bounded = new Silver(spark);
    for (String c : List.of("N365", "N366", "D89", "D90", "D179", "D180", "GA", "GB")) {
      bounded.customer(c + ",enterprise,2023-01-01,,2023-01-01,East");
    }
    bounded.transaction("N365,2025-03-31,sale,0,").transaction("N366,2025-03-30,sale,0,")
        .transaction("D89,2026-01-01,sale,0,").transaction("D90,2025-12-31,sale,0,")
        .transaction("D179,2025-10-03,sale,0,").transaction("D180,2025-10-02,sale,0,")
        .transaction("GA,2024-03-30,sale,0,").transaction("GA,2026-03-01,sale,20000,")
        .transaction("GB,2024-03-31,sale,0,").transaction("GB,2026-03-01,sale,20000,");
    edges = byKey(GoldTables.compute(bounded.asOf(AS_OF), AnalyticsSettings.defaults()).classified());
  }

  @Test
  void tiesOnTheParetoCurveShareTheirPosition() {
    // Shares before: K1 0, K2 0.5, K3 and K4 both 0.8 (not 0.8 and 0.9): neither is key at 80%. So the
    // smallest key amount is K2's 30, the smallest general (share below 95%) K3's and K4's 10.
    for (Row customer : ties.values()) {
      assertEquals(0, new java.math.BigDecimal("30").compareTo(customer.getAs("key_threshold")));
      assertEquals(0, new java.math.BigDecimal("10").compareTo(customer.getAs("general_threshold")));
    }
    assertEquals(0, new java.math.BigDecimal("10").compareTo(tiesWithKeyShare85.get("K4").getAs("key_threshold")));
    assertEquals(List.of("key", "key", "general", "general"), positions(ties));
    assertEquals(List.of("key", "key", "key", "key"), positions(tiesWithKeyShare85), "at 85% both tied customers are key");
  }

  @Test
  void tiesShareTheirRfmScores() {
    // recency 10, 20, 30, 30 days: K3 and K4 are both the worst (percentile 0) → 1; K2 2/4 → 3; K1 3/4 → 4
    assertEquals(List.of(4, 3, 1, 1), scores(ties, "rfm_recency_score"));
    // everyone bought on one day: nobody is worse than anybody → all 1
    assertEquals(List.of(1, 1, 1, 1), scores(ties, "rfm_frequency_score"));
    // 50, 30, 10, 10 → K3, K4 1; K2 2/4 → 3; K1 3/4 → 4
    assertEquals(List.of(4, 3, 1, 1), scores(ties, "rfm_monetary_score"));
    assertEquals("potential_loyalist", ties.get("K1").getAs("rfm_segment"));
    assertEquals("lost", ties.get("K4").getAs("rfm_segment"));
  }

  @Test
  void newUpToExactlyNewCustomerDays() {
    assertEquals("new", edges.get("N365").getAs("time_segment"));
    assertEquals("old", edges.get("N366").getAs("time_segment"));
  }

  @Test
  void activeWindowAndChurnBoundaries() {
    assertEquals(List.of("current", "active"), stage(edges.get("D89")));
    assertEquals(List.of("past", "at_risk"), stage(edges.get("D90")), "90 days without a purchase: out of the window");
    assertEquals(List.of("past", "at_risk"), stage(edges.get("D179")));
    assertEquals(List.of("past", "churned"), stage(edges.get("D180")), "churned on day last purchase + 180");
  }

  @Test
  void gradeAAtTheMinimumAmountAndYears() {
    assertEquals(731 / 365.25, edges.get("GA").<Double>getAs("cooperation_years"), 1e-12);
    assertEquals("A", edges.get("GA").getAs("abc_grade"), "20000 and 2.0014 years");
    assertEquals("B", edges.get("GB").getAs("abc_grade"), "20000 but 1.9986 years");
    assertEquals("gold", edges.get("GA").getAs("vip_tier"), "gold from exactly 20000");
  }

  @Test
  void theDaysThresholdsAreTheEdgesOfTheRelativeLabels() {
    // key: K1 (50) and K2 (30); general: K3 and K4 (10); at a key share of 85% all four are key
    assertEquals(30.0, thresholds.get("value_position/key"));
    assertEquals(10.0, thresholds.get("value_position/general"));
    assertEquals(10.0, thresholdsWithKeyShare85.get("value_position/key"));
    // recency scores 4 (10 days), 3 (20 days), 1, 1 (30 days): a score of at least 2 or 3 needs at most
    // 20 days, of 4 at most 10, and nobody scores 5
    assertEquals(20.0, thresholds.get("rfm/recency_score_2"));
    assertEquals(20.0, thresholds.get("rfm/recency_score_3"));
    assertEquals(10.0, thresholds.get("rfm/recency_score_4"));
    assertNull(thresholds.get("rfm/recency_score_5"));
    assertTrue(thresholds.containsKey("rfm/recency_score_5"), "a threshold nobody reaches still has its row");
    // every frequency score is 1: no frequency edge is reached
    for (int k = 2; k <= 5; k++) {
      assertNull(thresholds.get("rfm/frequency_score_" + k));
    }
    // monetary scores 4 (50), 3 (30), 1, 1 (10)
    assertEquals(30.0, thresholds.get("rfm/monetary_score_2"));
    assertEquals(30.0, thresholds.get("rfm/monetary_score_3"));
    assertEquals(50.0, thresholds.get("rfm/monetary_score_4"));
    // no line carries a cost: every trailing-year buyer's profit is 0, and so is their mean
    assertEquals(0.0, thresholds.get("quality/mean_profit_12m"));
    assertEquals(15, thresholds.size(), "2 value-position, 1 quality and 3 × 4 RFM thresholds");
  }

  private static Map<String, Double> thresholds(Dataset<Row> table) {
    Map<String, Double> out = new java.util.TreeMap<>();
    for (Row r : table.collectAsList()) {
      assertEquals(java.sql.Date.valueOf(AS_OF), r.getAs("as_of_date"));
      out.put(r.getAs("scheme") + "/" + r.getAs("threshold"), r.isNullAt(r.fieldIndex("value")) ? null : r.getAs("value"));
    }
    return out;
  }

  private static List<String> stage(Row r) {
    return List.of(r.getAs("trading_stage"), r.getAs("lifecycle_stage"));
  }

  private static List<String> positions(Map<String, Row> rows) {
    return List.of("K1", "K2", "K3", "K4").stream().map(k -> rows.get(k).<String>getAs("value_position")).toList();
  }

  private static List<Integer> scores(Map<String, Row> rows, String column) {
    return List.of("K1", "K2", "K3", "K4").stream().map(k -> rows.get(k).<Integer>getAs(column)).toList();
  }

  private static Map<String, Row> byKey(Dataset<Row> classified) {
    return classified.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_key"), r -> r));
  }
}
