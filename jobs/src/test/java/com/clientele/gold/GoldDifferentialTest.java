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
 * again for the backfilled date, and once for an earlier year end; every gold table of the three dates
 * compared row by row with independent DuckDB SQL over the same silver tables (exported to Parquet).
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
  /**
   * A year end, so that the care calendar's horizon crosses into the next year (birthdays, founding
   * days and anniversaries in D's year and the next, New Year's Day on its month-day of the next year)
   * and holds a lunar holiday's listed date (Spring Festival 2025-01-29): at BACKFILL and LAST no
   * holiday of the default calendar falls in the 30 days.
   */
  static final LocalDate YEAR_END = LocalDate.parse("2024-12-31");
  /** The dates compared with DuckDB. */
  static final List<LocalDate> COMPARED = List.of(BACKFILL, LAST, YEAR_END);

  static final Map<Table, List<String>> KEYS = TableCatalog.GOLD_ROW_KEYS;

  /**
   * The tables the DuckDB SQL recomputes: all but the lifetime-value models' (maximum-likelihood fits
   * are checked against the lifetimes package on CDNOW, CdnowLifetimeValueTest); their input, the RFM
   * summary, is compared below.
   */
  static final List<Table> DUCKDB_TABLES = GoldTables.TABLES.stream()
      .filter(t -> com.clientele.oracle.DuckDbGold.TABLES.contains(t.name())).toList();

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
    job.run(YEAR_END);
    silver = tmp.resolve("silver");
    for (Table table : List.of(TableCatalog.CUSTOMERS, TableCatalog.TRANSACTIONS, TableCatalog.PAYMENT_UPDATES,
        TableCatalog.INTERACTIONS, TableCatalog.REFERRALS)) {
      wh.warehouse().read(table).write().parquet(silver.resolve(table.name()).toString());
    }
  }

  @Test
  void everyGoldTableMatchesIndependentDuckDbSql() throws Exception {
    List<String> problems = new ArrayList<>();
    try (DuckDbOracle duck = new DuckDbOracle(silver)) {
      for (LocalDate asOf : COMPARED) {
        Map<String, List<Map<String, Object>>> expected = duck.run(asOf);
        for (Table table : DUCKDB_TABLES) {
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
  void everyGoldTableIsCoveredByTheComparisonOrTheLifetimeValueChecks() {
    List<Table> rest = GoldTables.TABLES.stream().filter(t -> !DUCKDB_TABLES.contains(t)).toList();
    assertEquals(List.of(TableCatalog.CUSTOMER_LIFETIME_VALUE, TableCatalog.CLV_MODEL), rest);
  }

  /**
   * The models' input in gold.customer_lifetime_value equals lifetimes' summary_data_from_transaction_data
   * (freq='D', freq_multiplier=7: the default unit) written in DuckDB SQL over silver: one-day periods
   * of sale lines up to the as-of date, repeat days, weeks from the first to the last and to the as-of
   * date, the mean of the repeat days' sales.
   */
  @Test
  void theLifetimeValueInputEqualsLifetimesSummaryInDuckDbSql() throws Exception {
    try (DuckDbOracle duck = new DuckDbOracle(silver)) {
      for (LocalDate asOf : List.of(BACKFILL, LAST)) {
        String day = "DATE '" + asOf + "'";
        List<Map<String, Object>> expected = duck.query("WITH days AS ("
            + " SELECT customer_key, transaction_date AS d, CAST(sum(amount) AS DOUBLE) AS v"
            + " FROM read_parquet('{silver}/transactions/*.parquet')"
            + " WHERE transaction_type = 'sale' AND transaction_date <= " + day
            + " AND customer_key IN (SELECT customer_key FROM read_parquet('{silver}/customers/*.parquet'))"
            + " GROUP BY 1, 2),"
            + " marked AS (SELECT *, min(d) OVER (PARTITION BY customer_key) AS first_d FROM days)"
            + " SELECT customer_key, CAST(count(*) - 1 AS DOUBLE) AS frequency,"
            + " date_diff('day', min(d), max(d)) / 7.0 AS recency, date_diff('day', min(d), " + day + ") / 7.0 AS age,"
            + " coalesce(avg(v) FILTER (WHERE d <> first_d), 0.0) AS monetary_value"
            + " FROM marked GROUP BY customer_key");
        Map<String, Map<String, Object>> byKey = new java.util.HashMap<>();
        expected.forEach(r -> byKey.put((String) r.get("customer_key"), r));
        List<Row> actual = wh.sql("SELECT customer_key, frequency, recency, age, monetary_value, p_alive, clv_rank "
            + "FROM gold.customer_lifetime_value WHERE as_of_date = DATE'" + asOf + "'");
        assertTrue(expected.size() > 500, "customers with a purchase as of " + asOf + ": " + expected.size());
        assertEquals(expected.size(), actual.size(), "customers with a purchase as of " + asOf);
        List<String> problems = new ArrayList<>();
        for (Row r : actual) {
          Map<String, Object> e = byKey.get(r.getString(0));
          if (e == null) {
            problems.add(r.getString(0) + " has no purchase in DuckDB");
            continue;
          }
          String[] names = {"frequency", "recency", "age", "monetary_value"};
          for (int i = 0; i < names.length; i++) {
            double x = ((Number) e.get(names[i])).doubleValue();
            if (Math.abs(x - r.getDouble(i + 1)) > 1e-9 * Math.max(1, Math.abs(x))) {
              problems.add(r.getString(0) + " " + names[i] + ": DuckDB " + x + " vs Spark " + r.getDouble(i + 1));
            }
          }
        }
        assertTrue(problems.isEmpty(), problems.size() + " difference(s), e.g. " + problems.subList(0,
            Math.min(10, problems.size())));
        assertEquals(actual.size(), actual.stream().map(r -> r.getLong(6)).distinct().count(),
            "the ranks are distinct");
        assertEquals(1L, actual.stream().mapToLong(r -> r.getLong(6)).min().orElseThrow());
        assertEquals(actual.size(), actual.stream().mapToLong(r -> r.getLong(6)).max().orElseThrow());
      }
    }
  }

  /**
   * The lifetime-value settings: the p-alive rule moves customers between at_risk and active by
   * P(alive) alone (never bought and churned stay as they are), falls back to the days rule where no
   * model could be fitted, and value-at-risk ranking orders the same win-back list by CLV × (1 − P(alive)).
   */
  @Test
  void theLifetimeValueSettingsDecideTheLifecycleAndTheWinBackOrder() {
    GoldInputs in = GoldInputs.prepare(wh.warehouse().read(TableCatalog.CUSTOMER_STATE),
        wh.warehouse().read(TableCatalog.REFERRALS), LAST);
    GoldTables byDays = GoldTables.compute(in, AnalyticsSettings.defaults());
    GoldTables byModel = GoldTables.compute(in,
        MonthlyMetricsTest.settings("lifecycle.at-risk-rule = p-alive, at-risk.rank-by = value-at-risk"));
    GoldTables unfitted = GoldTables.compute(in,
        MonthlyMetricsTest.settings("lifecycle.at-risk-rule = p-alive, clv.min-customers = 100000000"));
    try {
      Map<String, String> days = stages(byDays);
      Map<String, String> model = stages(byModel);
      Map<String, Double> alive = new java.util.HashMap<>();
      byModel.scores().collectAsList().forEach(r -> alive.put(r.getString(0), r.getDouble(r.fieldIndex("p_alive"))));
      assertEquals(days.keySet(), model.keySet());
      int moved = 0;
      for (Map.Entry<String, String> e : days.entrySet()) {
        String before = e.getValue();
        String after = model.get(e.getKey());
        if (before.equals("none") || before.equals("churned")) {
          assertEquals(before, after, e.getKey());
          continue;
        }
        Double p = alive.get(e.getKey());
        assertNotNull(p, "a customer who bought has a P(alive): " + e.getKey());
        assertEquals(p < 0.5, after.equals("at_risk"), e.getKey() + " P(alive) " + p + " is " + after);
        moved += before.equals(after) ? 0 : 1;
      }
      assertTrue(moved > 0, "the rule changes some customers' stage");
      assertTrue(model.containsValue("at_risk"));

      assertEquals(LifetimeValueModels.INSUFFICIENT_DATA, unfitted.models().bgNbd().status());
      assertEquals(0, unfitted.get(TableCatalog.CUSTOMER_LIFETIME_VALUE).where(col("p_alive").isNotNull()
          .or(col("clv").isNotNull()).or(col("clv_rank").isNotNull())).count(), "no model, no predictions");
      assertEquals(days, stages(unfitted), "without a model the days rule decides");

      // Too few repeat customers for the spend model, enough customers for the purchase model.
      long repeat = byModel.models().gammaGamma().customers();
      GoldTables purchasesOnly = GoldTables.compute(in, MonthlyMetricsTest.settings("clv.min-customers = " + (repeat + 1)));
      try {
        assertEquals(LifetimeValueModels.FITTED, purchasesOnly.models().bgNbd().status());
        assertEquals(LifetimeValueModels.INSUFFICIENT_DATA, purchasesOnly.models().gammaGamma().status());
        Dataset<Row> values = purchasesOnly.get(TableCatalog.CUSTOMER_LIFETIME_VALUE);
        assertEquals(0, values.where(col("p_alive").isNull().or(col("expected_purchases_365d").isNull())).count(),
            "P(alive) and expected purchases need only BG/NBD");
        assertEquals(0, values.where(col("clv").isNotNull().or(col("expected_average_order_value").isNotNull())
            .or(col("clv_rank").isNotNull())).count(), "no value without the spend model");
      } finally {
        purchasesOnly.release();
      }

      List<Row> list = byModel.get(TableCatalog.AT_RISK_CUSTOMERS).join(
              byModel.scores().select("customer_key", "value_at_risk"), "customer_key")
          .orderBy("priority").collectAsList();
      assertTrue(list.size() > 3, "a win-back list to order: " + list.size());
      for (int i = 1; i < list.size(); i++) {
        double previous = list.get(i - 1).getDouble(list.get(i - 1).fieldIndex("value_at_risk"));
        assertTrue(previous >= list.get(i).getDouble(list.get(i).fieldIndex("value_at_risk")), "priority " + (i + 1));
      }
      assertTrue(list.stream().filter(r -> "at_risk".equals(r.getAs("lifecycle_stage")))
          .allMatch(r -> r.<String>getAs("flag_reason").startsWith("at risk: P(alive) ")));
    } finally {
      byDays.release();
      byModel.release();
      unfitted.release();
    }
  }

  /**
   * The comparison of gold.care_actions exercises every action type at some compared date, and the
   * horizon's ways into the calendar at the year end: month-days of the next year (New Year's Day,
   * birthdays, first-purchase anniversaries) and a lunar holiday's listed date.
   */
  @Test
  void theCareCalendarExercisesEveryActionType() {
    List<Row> counts = wh.sql("SELECT as_of_date, action_type, count(*) FROM gold.care_actions "
        + "GROUP BY as_of_date, action_type ORDER BY as_of_date, action_type");
    counts.forEach(r -> System.out.println("gold.care_actions " + r.get(0) + " " + r.getString(1) + ": " + r.getLong(2)));
    Set<String> seen = counts.stream().map(r -> r.getString(1)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(AnalyticsSettings.CARE_ACTIONS), seen, "the action types of the compared dates");
    String yearEnd = "SELECT count(*) FROM gold.care_actions WHERE as_of_date = DATE'" + YEAR_END + "' AND ";
    assertTrue(wh.count(yearEnd + "occasion = 'new_year:2025-01-01'") > 0, "New Year's Day of the next year");
    assertTrue(wh.count(yearEnd + "occasion = 'spring_festival:2025-01-29'") > 0, "a listed lunar date");
    for (String type : List.of("birthday", "purchase_anniversary")) {
      assertTrue(wh.count(yearEnd + "action_type = '" + type + "' AND year(due_date) = 2025") > 0, type + " next year");
    }
  }

  private static Map<String, String> stages(GoldTables gold) {
    Map<String, String> out = new java.util.HashMap<>();
    gold.classified().select("customer_key", "lifecycle_stage").collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getString(1)));
    return out;
  }

  /**
   * The follow-up list's comparison snapshot, which the per-customer pass computes alongside the
   * as-of date's summaries (no second read of the state), equals gold.customer_credit built the
   * ordinary way for the comparison date B, row by row and column by column. The settings make the
   * check sharp: a comparison date half a year back and an influence score that every converted
   * referral moves; and the company has referrals of credit customers, dated by B, whose referred
   * customer first bought after B — counted as converted as of the last day, not as of B.
   */
  @Test
  void theFollowUpListsEarlierCreditSnapshotEqualsTheTableBuiltForThatDate(JavaDataFrameSuiteBase frames) {
    AnalyticsSettings settings = MonthlyMetricsTest.settings(
        "credit.follow-up.compare-days = 180, credit.full-score.referrals = 1000");
    LocalDate compared = LAST.minusDays(settings.credit().followUpCompareDays());
    List<Row> convertedLater = wh.sql("SELECT r.referral_id FROM silver.referrals r"
        + " WHERE r.referral_date <= DATE'" + compared + "'"
        + " AND r.referrer_customer_key IN (SELECT customer_key FROM silver.transactions"
        + "   WHERE payment_due_date IS NOT NULL AND transaction_date <= DATE'" + compared + "')"
        + " AND NOT EXISTS (SELECT 1 FROM silver.transactions t WHERE t.customer_key = r.referred_customer_key"
        + "   AND t.transaction_type = 'sale' AND t.transaction_date BETWEEN r.referral_date AND DATE'" + compared + "')"
        + " AND EXISTS (SELECT 1 FROM silver.transactions t WHERE t.customer_key = r.referred_customer_key"
        + "   AND t.transaction_type = 'sale' AND t.transaction_date > DATE'" + compared + "'"
        + "   AND t.transaction_date <= DATE'" + LAST + "')");
    assertFalse(convertedLater.isEmpty(), "a credit customer's referral dated by " + compared
        + " that converted only after it: the check would not see which date conversions are counted by");
    GoldInputs atLast = GoldInputs.prepare(wh.warehouse().read(TableCatalog.CUSTOMER_STATE),
        wh.warehouse().read(TableCatalog.REFERRALS), LAST);
    Dataset<Row> summaries = CustomerSummaries.compute(atLast.state(), LAST, settings).cache();
    GoldTables then = GoldTables.compute(GoldInputs.prepare(wh.warehouse().read(TableCatalog.CUSTOMER_STATE),
        wh.warehouse().read(TableCatalog.REFERRALS), compared), settings);
    try {
      Dataset<Row> expected = then.get(TableCatalog.CUSTOMER_CREDIT).cache();
      assertTrue(expected.count() > 100, "credit customers as of " + compared + ": " + expected.count());
      Frames.assertSameRows(frames, expected, GoldTables.previousCredit(atLast, summaries, settings));
    } finally {
      then.release();
      summaries.unpersist();
    }
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
        wh.warehouse().read(TableCatalog.TRANSACTIONS), wh.warehouse().read(TableCatalog.PAYMENT_UPDATES),
        wh.warehouse().read(TableCatalog.INTERACTIONS));
    Dataset<Row> expected = wh.warehouse().spark().createDataFrame(scratch.collectAsList(),
        TableCatalog.CUSTOMER_STATE.schema());
    Frames.assertSameRows(frames, expected, wh.warehouse().read(TableCatalog.CUSTOMER_STATE));
  }

  @Test
  void snapshotsAccumulateAndARerunReplacesItsDateOnly() {
    for (Table table : GoldTables.TABLES) {
      Set<String> dates = wh.warehouse().read(table).select("as_of_date").distinct().collectAsList().stream()
          .map(r -> r.get(0).toString()).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(COMPARED.stream().map(LocalDate::toString).collect(Collectors.toSet()), dates, table.name());
      if (table.isView()) {
        // Not written: gold.customer_segments gives each profile row once per scheme.
        assertEquals(table, TableCatalog.CUSTOMER_SEGMENTS);
        assertEquals(CustomerSegments.SCHEMES.size() * rerun.rows().get("gold.customer_profile"),
            wh.warehouse().read(table).where(col("as_of_date").equalTo(GoldColumns.date(BACKFILL))).count());
        continue;
      }
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
