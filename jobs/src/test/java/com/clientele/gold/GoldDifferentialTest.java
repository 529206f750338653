package com.clientele.gold;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.generate.ExportGenerator;
import com.clientele.generate.GeneratorSettings;
import com.clientele.testing.Frames;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test: a generated company (2,000 customers, three years, messy exports)
 * ingested into a warehouse up to the day before the last; the gold build run by the real job for a
 * backfilled date (before the initial load's file date, so every customer's first version starts
 * after it), which builds silver.customer_state from scratch; then the last day's files are
 * ingested and the build runs for the last day (refreshing the changed customers' state) and
 * again for the backfilled date; every gold table of both dates compared row by row with independent
 * DuckDB SQL over the same silver tables (exported to Parquet).
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldDifferentialTest {

  static final GeneratorSettings COMPANY = GeneratorSettings.defaults()
      .withSeed(20261122L).withCustomers(2000).withTransactions(16_000)
      .withHistory(LocalDate.parse("2023-01-01"), LocalDate.parse("2025-12-31"))
      .withDailyDrops(2).withMessyShare(0.03);
  static final LocalDate BACKFILL = LocalDate.parse("2025-06-30");
  static final LocalDate LAST = LocalDate.parse("2026-01-02");

  static final Map<Table, List<String>> KEYS = TableCatalog.GOLD_ROW_KEYS;

  TestWarehouse wh;
  GoldBuildJob.Report firstBackfill;
  GoldBuildJob.Report last;
  GoldBuildJob.Report rerun;
  Path silver;

  @BeforeAll
  void buildAndExport(SparkSession spark, @TempDir Path tmp) throws Exception {
    Path landing = tmp.resolve("landing");
    ExportGenerator.generate(COMPANY, landing);
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    for (LocalDate day = COMPANY.historyEnd(); day.isBefore(LAST); day = day.plusDays(1)) {
      wh.ingest(landing, day.toString());
    }
    GoldBuildJob job = new GoldBuildJob(wh.warehouse(), AnalyticsSettings.defaults());
    firstBackfill = job.run(BACKFILL);
    wh.ingest(landing, LAST.toString());
    last = job.run(LAST);
    rerun = job.run(BACKFILL);
    silver = tmp.resolve("silver");
    for (Table table : List.of(TableCatalog.CUSTOMERS, TableCatalog.TRANSACTIONS, TableCatalog.INTERACTIONS,
        TableCatalog.REFERRALS)) {
      wh.warehouse().read(table).write().parquet(silver.resolve(table.name()).toString());
    }
  }

  @Test
  void everyGoldTableMatchesIndependentDuckDbSql() throws Exception {
    List<String> problems = new ArrayList<>();
    try (DuckDbOracle duck = new DuckDbOracle(silver)) {
      for (LocalDate asOf : List.of(BACKFILL, LAST)) {
        Map<String, List<Map<String, Object>>> expected = duck.run(asOf);
        for (Table table : GoldTables.TABLES) {
          List<Row> actual = wh.warehouse().read(table).where(col("as_of_date").equalTo(GoldColumns.date(asOf)))
              .collectAsList();
          List<Map<String, Object>> duckRows = expected.get(table.name());
          assertNotNull(duckRows, "no DuckDB result for " + table.name());
          assertFalse(duckRows.isEmpty(), table.name() + " is empty as of " + asOf + ": nothing compared");
          problems.addAll(DuckDbOracle.differences(table, duckRows, DuckDbOracle.rows(actual), KEYS.get(table), 10)
              .stream().map(p -> asOf + " " + p).toList());
        }
      }
    }
    assertTrue(problems.isEmpty(), problems.size() + " difference(s):\n" + String.join("\n", problems));
  }

  @Test
  void theStateIsRebuiltOnceThenRefreshedAndEqualsOneBuiltFromScratch(JavaDataFrameSuiteBase frames) {
    assertEquals(GoldBuildJob.StateUpdate.REBUILT, firstBackfill.state().mode());
    assertEquals(GoldBuildJob.StateUpdate.REFRESHED, last.state().mode());
    assertTrue(last.state().customers() > 0, "the last day's customers were refreshed");
    assertTrue(last.state().customers() < firstBackfill.state().customers(),
        "only the customers with new rows were rewritten");
    assertEquals(GoldBuildJob.StateUpdate.CURRENT, rerun.state().mode(), "nothing new");
    Dataset<Row> scratch = CustomerState.build(wh.warehouse().read(TableCatalog.CUSTOMERS),
        wh.warehouse().read(TableCatalog.TRANSACTIONS), wh.warehouse().read(TableCatalog.INTERACTIONS));
    Dataset<Row> expected = wh.warehouse().spark().createDataFrame(scratch.collectAsList(),
        TableCatalog.CUSTOMER_STATE.schema());
    Frames.assertSameRows(frames, expected, wh.warehouse().read(TableCatalog.CUSTOMER_STATE));
  }

  @Test
  void snapshotsAccumulateAndARerunReplacesItsDateOnly() {
    for (Table table : GoldTables.TABLES) {
      Set<String> dates = wh.warehouse().read(table).select("as_of_date").distinct().collectAsList().stream()
          .map(r -> r.get(0).toString()).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(BACKFILL.toString(), LAST.toString()), dates, table.name());
      assertEquals(rerun.rows().get(table.qualifiedName()),
          wh.warehouse().read(table).where(col("as_of_date").equalTo(GoldColumns.date(BACKFILL))).count(),
          table.name() + ": the re-run replaced the backfilled date's rows instead of adding to them");
    }
    assertTrue(rerun.rows().get("gold.customer_profile") >= firstBackfill.rows().get("gold.customer_profile"));
  }

  @Test
  void theCompanyExercisesEverySegmentTheComparisonCovers() {
    List<Row> segments = wh.sql("SELECT scheme, segment, count(*) FROM gold.customer_segments "
        + "WHERE as_of_date = DATE'" + LAST + "' GROUP BY scheme, segment");
    Set<String> seen = segments.stream().map(r -> r.getString(0) + "/" + r.getString(1)).collect(Collectors.toSet());
    for (String expected : List.of("time/potential", "time/new", "time/old", "trading_stage/current",
        "trading_stage/past", "trading_stage/upcoming", "value_position/key", "value_position/general",
        "value_position/scattered", "abc_grade/A", "abc_grade/B", "abc_grade/C", "quality/quality",
        "quality/declining", "quality/growing", "quality/poor", "rfm/champions", "rfm/loyal", "rfm/lost",
        "rfm/hibernating", "vip_tier/gold", "vip_tier/silver", "lifecycle/active", "lifecycle/at_risk",
        "lifecycle/churned", "lifecycle/won_back", "lifecycle/none")) {
      assertTrue(seen.contains(expected), expected + " never occurs in " + new TreeSet<>(seen));
    }
    assertTrue(wh.count("SELECT count(*) FROM gold.at_risk_customers WHERE as_of_date = DATE'" + LAST + "'") > 0);
    assertTrue(wh.count("SELECT sum(customers_lost) FROM gold.leaky_bucket WHERE as_of_date = DATE'" + LAST + "'") > 0);
    assertTrue(wh.count("SELECT count(*) FROM gold.leaky_bucket WHERE as_of_date = DATE'" + LAST + "' "
        + "AND top_churn_complaint_categories IS NOT NULL") > 0);
    assertTrue(wh.count("SELECT count(*) FROM gold.referral_metrics WHERE as_of_date = DATE'" + LAST + "' "
        + "AND first_year_revenue_lift_low IS NOT NULL") > 0);
  }
}
