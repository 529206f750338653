package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report marts on hand-worked rows, as of 2026-03-31.
 *
 * <pre>
 * customer  value_position  abc_grade  lifecycle_stage  amount_12m
 * c1        key             A          active            600.00
 * c2        key             B          active            300.00
 * c3        general         C          churned           -50.00   (a net refund)
 * c4        general         C          active            100.00
 * c5        scattered       C          none                0.00
 * </pre>
 */
@ExtendWith(SparkExtension.class)
class ReportMartsTest {

  static final Date AS_OF = Date.valueOf("2026-03-31");
  static final double EPS = 1e-12;

  static Dataset<Row> profile(SparkSession spark) {
    StructType schema = StructType.fromDDL("as_of_date DATE, customer_key STRING, value_position STRING, "
        + "abc_grade STRING, lifecycle_stage STRING, amount_12m DECIMAL(18,2)");
    return spark.createDataFrame(List.of(
        RowFactory.create(AS_OF, "c1", "key", "A", "active", new BigDecimal("600.00")),
        RowFactory.create(AS_OF, "c2", "key", "B", "active", new BigDecimal("300.00")),
        RowFactory.create(AS_OF, "c3", "general", "C", "churned", new BigDecimal("-50.00")),
        RowFactory.create(AS_OF, "c4", "general", "C", "active", new BigDecimal("100.00")),
        RowFactory.create(AS_OF, "c5", "scattered", "C", "none", new BigDecimal("0.00"))), schema);
  }

  static Map<String, Row> byKey(Dataset<Row> frame, String... columns) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : frame.collectAsList()) {
      StringBuilder key = new StringBuilder();
      for (String c : columns) {
        key.append(r.getAs(c).toString()).append('/');
      }
      out.put(key.toString(), r);
    }
    return out;
  }

  @Test
  void segmentMixCountsCustomersAndSharesRevenueWithNetRefundsAsZero(SparkSession spark) {
    Dataset<Row> mix = ReportSegmentMix.compute(profile(spark));
    assertEquals(TableCatalog.REPORT_SEGMENT_MIX.columnNames(), List.of(mix.columns()));
    Map<String, Row> rows = byKey(mix, "scheme", "segment");
    assertEquals(3 + 3 + 3, rows.size(), rows.keySet().toString());
    // value_position: key 900 (2 customers), general 50 (2), scattered 0 (1); positive total 950.
    Row key = rows.get("value_position/key/");
    assertEquals(2L, key.<Long>getAs("customers"));
    assertEquals(0.4, key.<Double>getAs("customer_share"), EPS);
    assertEquals(new BigDecimal("900.00"), key.getAs("amount_12m"));
    assertEquals(900.0 / 950.0, key.<Double>getAs("revenue_share"), EPS);
    assertEquals(50.0 / 950.0, rows.get("value_position/general/").<Double>getAs("revenue_share"), EPS);
    assertEquals(0.0, rows.get("value_position/scattered/").<Double>getAs("revenue_share"), EPS);
    // abc_grade: A 600, B 300, C -50 + 100 + 0 = 50.
    assertEquals(600.0 / 950.0, rows.get("abc_grade/A/").<Double>getAs("revenue_share"), EPS);
    assertEquals(3L, rows.get("abc_grade/C/").<Long>getAs("customers"));
    assertEquals(0.6, rows.get("abc_grade/C/").<Double>getAs("customer_share"), EPS);
    // lifecycle: churned is a net refund (-50): it counts as 0; active 1000 is all of the positive revenue.
    Row churned = rows.get("lifecycle/churned/");
    assertEquals(new BigDecimal("-50.00"), churned.getAs("amount_12m"));
    assertEquals(0.0, churned.<Double>getAs("revenue_share"), EPS);
    assertEquals(1.0, rows.get("lifecycle/active/").<Double>getAs("revenue_share"), EPS);
    assertEquals(0.6, rows.get("lifecycle/active/").<Double>getAs("customer_share"), EPS);
  }

  @Test
  void paretoCountsTheTopPercentOfCustomersWithRevenueRoundedUp(SparkSession spark) {
    Dataset<Row> pareto = ReportPareto.compute(profile(spark));
    assertEquals(TableCatalog.REPORT_PARETO.columnNames(), List.of(pareto.columns()));
    Map<String, Row> rows = byKey(pareto, "customer_percent");
    assertEquals(100, rows.size());
    // Three customers with revenue (600, 300, 100; c3's refund and c5's zero are not in it), total 1,000.
    Object[][] expected = {{1, 1L, "600.00", 0.6}, {33, 1L, "600.00", 0.6}, {34, 2L, "900.00", 0.9},
        {66, 2L, "900.00", 0.9}, {67, 3L, "1000.00", 1.0}, {100, 3L, "1000.00", 1.0}};
    for (Object[] e : expected) {
      Row r = rows.get(e[0] + "/");
      assertEquals(e[1], r.<Long>getAs("customers"), "customers at " + e[0] + "%");
      assertEquals(3L, r.<Long>getAs("customers_with_revenue"));
      assertEquals(new BigDecimal((String) e[2]), r.getAs("amount_12m"), "revenue at " + e[0] + "%");
      assertEquals((double) e[3], r.<Double>getAs("revenue_share"), EPS, "share at " + e[0] + "%");
      assertEquals(AS_OF, r.getAs("as_of_date"));
    }
  }

  @Test
  void paretoIsEmptyWithoutRevenue(SparkSession spark) {
    assertEquals(0, ReportPareto.compute(profile(spark).where("amount_12m <= 0")).count());
  }

  /** A row of the table's schema: the named columns set, the others null. */
  static Row row(Table table, Object... keyValues) {
    StructType schema = table.schema();
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < keyValues.length; i += 2) {
      values[schema.fieldIndex((String) keyValues[i])] = keyValues[i + 1];
    }
    return RowFactory.create(values);
  }

  static Dataset<Row> frame(SparkSession spark, Table table, Row... rows) {
    return spark.createDataFrame(List.of(rows), table.schema());
  }

  @Test
  void kpisCarryThePreviousMonthAndTheSameMonthLastYear(SparkSession spark) {
    Table loyalty = TableCatalog.LOYALTY_METRICS;
    Dataset<Row> kpis = ReportKpis.compute(
        frame(spark, loyalty,
            row(loyalty, "as_of_date", AS_OF, "month_start", Date.valueOf("2025-03-01"), "breakdown", "all",
                "revenue", new BigDecimal("100.00"), "retention_rate", 0.30),
            row(loyalty, "as_of_date", AS_OF, "month_start", Date.valueOf("2026-02-01"), "breakdown", "all",
                "revenue", new BigDecimal("200.00"), "retention_rate", 0.40),
            row(loyalty, "as_of_date", AS_OF, "month_start", Date.valueOf("2026-03-01"), "breakdown", "all",
                "revenue", new BigDecimal("260.50"), "retention_rate", 0.45),
            row(loyalty, "as_of_date", AS_OF, "month_start", Date.valueOf("2026-03-01"), "breakdown", "nature",
                "breakdown_value", "enterprise", "revenue", new BigDecimal("99999.00"))),
        frame(spark, TableCatalog.LEAKY_BUCKET,
            row(TableCatalog.LEAKY_BUCKET, "as_of_date", AS_OF, "month_start", Date.valueOf("2026-02-01"), "customers_lost", 4L),
            row(TableCatalog.LEAKY_BUCKET, "as_of_date", AS_OF, "month_start", Date.valueOf("2026-03-01"), "customers_lost", 6L)),
        frame(spark, TableCatalog.REFERRAL_METRICS,
            row(TableCatalog.REFERRAL_METRICS, "as_of_date", AS_OF, "period", "month",
                "month_start", Date.valueOf("2026-03-01"), "referred_new_share", 0.25),
            row(TableCatalog.REFERRAL_METRICS, "as_of_date", AS_OF, "period", "overall", "referred_new_share", 0.9)));
    assertEquals(TableCatalog.REPORT_KPIS.columnNames(), List.of(kpis.columns()));
    Map<String, Row> rows = byKey(kpis, "month_start", "kpi");
    int kpisPerMonth = ReportKpis.LOYALTY.size();
    assertEquals(3 * kpisPerMonth + 2 * ReportKpis.LEAKY_BUCKET.size() + 1, rows.size(), "one row per source month and KPI");
    Row revenue = rows.get("2026-03-01/revenue/");
    assertEquals(260.5, revenue.<Double>getAs("value"), EPS);
    assertEquals(200.0, revenue.<Double>getAs("previous_month_value"), EPS);
    assertEquals(100.0, revenue.<Double>getAs("same_month_last_year_value"), EPS, "not the nature breakdown's 99,999");
    Row february = rows.get("2026-02-01/retention_rate/");
    assertEquals(0.40, february.<Double>getAs("value"), EPS);
    assertNull(february.getAs("previous_month_value"), "no January row");
    assertNull(february.getAs("same_month_last_year_value"), "no February 2025 row");
    Row lost = rows.get("2026-03-01/customers_lost/");
    assertEquals(6.0, lost.<Double>getAs("value"), EPS);
    assertEquals(4.0, lost.<Double>getAs("previous_month_value"), EPS);
    Row referred = rows.get("2026-03-01/referred_new_share/");
    assertEquals(0.25, referred.<Double>getAs("value"), EPS, "the month row, not the overall one");
    assertNull(rows.get("2026-03-01/average_satisfaction/").getAs("value"), "a null value stays null");
  }

  @Test
  void everyColumnOfTheMartsCarriesItsComment() {
    for (Table table : List.of(TableCatalog.REPORT_SEGMENT_MIX, TableCatalog.REPORT_PARETO, TableCatalog.REPORT_KPIS)) {
      for (var field : table.schema().fields()) {
        assertTrue(field.getComment().isDefined() && !field.getComment().get().isBlank(),
            table.qualifiedName() + "." + field.name());
      }
    }
  }
}
