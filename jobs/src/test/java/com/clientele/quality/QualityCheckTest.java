package com.clientele.quality;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.cli.ClienteleCli;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The data-quality gate: what each kind of rule catches, and that a clean sample day passes. */
@ExtendWith(SparkExtension.class)
class QualityCheckTest {

  static final LocalDate DAY = LocalDate.parse("2026-03-31");
  static final Date D = Date.valueOf(DAY);

  @Test
  void aConsistentDayPassesEveryRule(SparkSession spark) {
    Frames f = new Frames(spark);
    QualityInputs in = f.inputs(Map.ofEntries(
        Map.entry(TableCatalog.INGEST_LOG, List.of(
            f.file("f1", "customers", 5, 4, 1, 0), f.file("f2", "transactions", 10, 9, 0, 1),
            f.file("f0", "transactions", 4, 4, 0, 0))),
        Map.entry(TableCatalog.CUSTOMERS, List.of(
            f.customer("c1", "2026-03-01", "2026-03-31"), f.customer("c1", "2026-03-31", null),
            f.customer("c2", "2026-03-31", null))),
        Map.entry(TableCatalog.TRANSACTIONS, List.of(
            f.transaction("t1", "c1", "sale", "10.00"), f.transaction("t2", "c2", "refund", "-5.00"))),
        Map.entry(TableCatalog.INTERACTIONS, List.of(
            f.row(TableCatalog.INTERACTIONS, "interaction_id", "i1", "customer_key", "c1", "interaction_type", "feedback",
                "received_at", Timestamp.valueOf("2026-03-31 10:00:00"),
                "resolved_at", Timestamp.valueOf("2026-03-31 11:00:00"), "satisfaction", 5, "logical_date", D))),
        Map.entry(TableCatalog.REFERRALS, List.of(
            f.row(TableCatalog.REFERRALS, "referral_id", "r1", "referrer_customer_key", "c1",
                "referred_customer_key", "c2", "referral_date", D, "reward_amount", new BigDecimal("1.00"),
                "logical_date", D))),
        Map.entry(TableCatalog.CUSTOMER_PROFILE, List.of(
            f.row(TableCatalog.CUSTOMER_PROFILE, "as_of_date", D, "customer_key", "c1", "rfm_recency_score", 5,
                "transaction_count", 1L, "last_purchase_date", D, "days_since_last_purchase", 0),
            f.row(TableCatalog.CUSTOMER_PROFILE, "as_of_date", D, "customer_key", "c2", "transaction_count", 1L))),
        Map.entry(TableCatalog.CUSTOMER_SEGMENTS, List.of(
            f.row(TableCatalog.CUSTOMER_SEGMENTS, "as_of_date", D, "customer_key", "c1", "scheme", "rfm", "segment", "champions"),
            f.row(TableCatalog.CUSTOMER_SEGMENTS, "as_of_date", D, "customer_key", "c2", "scheme", "rfm", "segment", "new"))),
        Map.entry(TableCatalog.LOYALTY_METRICS, List.of(
            f.row(TableCatalog.LOYALTY_METRICS, "as_of_date", D, "retention_rate", 0.5, "repeat_purchase_rate", 1.0))),
        Map.entry(TableCatalog.CHURN_COHORTS, List.of(
            f.row(TableCatalog.CHURN_COHORTS, "as_of_date", D, "cohort_customers", 2L, "customers_retained", 1L,
                "retention_rate", 0.5))),
        Map.entry(TableCatalog.LEAKY_BUCKET, List.of(
            f.row(TableCatalog.LEAKY_BUCKET, "as_of_date", D, "customers_at_start", 1L, "customers_gained", 2L,
                "customers_won_back", 0L, "customers_lost", 1L, "customers_net", 1L, "customers_at_end", 2L))),
        Map.entry(TableCatalog.AT_RISK_CUSTOMERS, List.of(
            f.row(TableCatalog.AT_RISK_CUSTOMERS, "as_of_date", D, "priority", 1, "customer_key", "c1"))),
        Map.entry(TableCatalog.CUSTOMER_LIFETIME_VALUE, List.of(
            f.row(TableCatalog.CUSTOMER_LIFETIME_VALUE, "as_of_date", D, "customer_key", "c1", "p_alive", 1.0,
                "expected_purchases_30d", 0.1, "expected_purchases_90d", 0.3, "expected_purchases_365d", 1.0,
                "expected_average_order_value", 20.0, "clv", 15.0, "value_at_risk", 0.0),
            f.row(TableCatalog.CUSTOMER_LIFETIME_VALUE, "as_of_date", D, "customer_key", "c2"))),
        Map.entry(TableCatalog.PAYMENT_UPDATES, List.of(
            f.row(TableCatalog.PAYMENT_UPDATES, "transaction_id", "t1", "customer_key", "c1", "paid_date", D,
                "logical_date", D))),
        Map.entry(TableCatalog.CUSTOMER_CREDIT, List.of(
            f.credit("c1", "100.00", "60.00", "40.00", "40.00", 2L, "B"))),
        Map.entry(TableCatalog.CARE_ACTIONS, List.of(
            f.care("a1", "c1", "birthday", "normal"), f.care("a2", "c2", "win_back", "high")))));

    QualityReport report = QualityCheckJob.evaluate(DAY, QualityRules.forDate(DAY, in));

    assertEquals(report.results().size(), report.count(QualityResult.PASSED), report.describe());
    assertFalse(report.hasErrors());
    assertTrue(report.describe().endsWith("result: passed\n"), report.describe());
  }

  @Test
  void resultsAreKeptPerDateAndARerunReplacesTheDatesRows(SparkSession spark, @TempDir Path dir) {
    TestWarehouse wh = new TestWarehouse(spark, dir.resolve("warehouse"));
    int rules = new QualityCheckJob(wh.warehouse()).run(DAY).results().size();
    new QualityCheckJob(wh.warehouse()).run(DAY.plusDays(1));
    List<Row> before = wh.sql("SELECT as_of_date, rule_name, status FROM silver.quality_results ORDER BY 1, 2");

    new QualityCheckJob(wh.warehouse()).run(DAY);

    assertEquals(2L * rules, before.size(), "one row per rule and date");
    assertEquals(before, wh.sql("SELECT as_of_date, rule_name, status FROM silver.quality_results ORDER BY 1, 2"));
    assertEquals(rules, wh.count("SELECT count(DISTINCT rule_name) FROM silver.quality_results"));
  }

  @Test
  void brokenRecordsFailTheRulesThatDescribeThem(SparkSession spark) {
    Frames f = new Frames(spark);
    QualityInputs in = f.inputs(Map.of(
        TableCatalog.INGEST_LOG, List.of(
            f.row(TableCatalog.INGEST_LOG, "file_id", "f1", "kind", "customers", "logical_date", D,
                "rows_in", 3L, "rows_loaded", 2L, "rows_quarantined", 0L, "rows_duplicate", 0L)),
        TableCatalog.CUSTOMERS, List.of(
            f.row(TableCatalog.CUSTOMERS, "customer_key", "c1", "nature", "individual", "valid_from", D, "is_current", true)),
        TableCatalog.TRANSACTIONS, List.of(
            f.transaction("t1", "c1", "sale", "10.00"),
            f.transaction("t1", "c1", "sale", "10.00"),
            f.transaction("t2", "ghost", "refund", "5.00"),
            f.row(TableCatalog.TRANSACTIONS, "transaction_id", "t3", "customer_key", "c1", "transaction_type", "sale",
                "amount", new BigDecimal("8.00"), "transaction_date", D, "logical_date", D,
                "paid_date", java.sql.Date.valueOf(DAY.minusDays(3)))),
        TableCatalog.INTERACTIONS, List.of(
            f.row(TableCatalog.INTERACTIONS, "interaction_id", "i1", "customer_key", "c1", "interaction_type", "feedback",
                "received_at", Timestamp.valueOf("2026-03-31 10:00:00"), "satisfaction", 7, "logical_date", D)),
        TableCatalog.CUSTOMER_LIFETIME_VALUE, List.of(
            f.row(TableCatalog.CUSTOMER_LIFETIME_VALUE, "as_of_date", D, "customer_key", "c1", "p_alive", 1.5,
                "expected_purchases_30d", 0.1, "expected_purchases_90d", 0.3, "expected_purchases_365d", 1.0,
                "expected_average_order_value", 20.0, "clv", 15.0, "value_at_risk", -7.5),
            f.row(TableCatalog.CUSTOMER_LIFETIME_VALUE, "as_of_date", D, "customer_key", "c1")),
        TableCatalog.PAYMENT_UPDATES, List.of(
            f.row(TableCatalog.PAYMENT_UPDATES, "transaction_id", "t3", "customer_key", "c1",
                "paid_date", java.sql.Date.valueOf(DAY.minusDays(5)), "logical_date", D),
            f.row(TableCatalog.PAYMENT_UPDATES, "transaction_id", "t9", "customer_key", "c1", "paid_date", D,
                "logical_date", D)),
        TableCatalog.CUSTOMER_CREDIT, List.of(
            // buckets 5 + 40 do not make the open 100; graded A without a payment record; negative open.
            f.credit("c1", "100.00", "5.00", "40.00", "40.00", 0L, "A"),
            f.credit("c1", "-10.00", "-10.00", "0.00", "0.00", 1L, "unknown")),
        TableCatalog.CARE_ACTIONS, List.of(
            // planned twice; for customers without a profile (none has one here); an unknown type and priority.
            f.care("a1", "c1", "birthday", "normal"), f.care("a1", "c1", "birthday", "normal"),
            f.care("a2", "ghost", "win_back", "high"), f.care("a3", "c1", "party", "urgent"))));

    QualityReport report = QualityCheckJob.evaluate(DAY, QualityRules.forDate(DAY, in));

    Set<String> failed = report.results().stream().filter(QualityResult::failed)
        .map(QualityResult::ruleName).collect(Collectors.toSet());
    assertTrue(failed.containsAll(Set.of("ingest_rows_conserved", "transaction_id_unique",
        "transaction_customer_exists", "transaction_amount_sign", "interaction_satisfaction_range",
        "profile_built", "loyalty_built", "transactions_file_arrived", "clv_customer_unique", "clv_customer_profiled",
        "clv_predictions_range", "transaction_paid_not_before_sale", "payment_update_line_exists",
        "payment_update_paid_not_before_sale", "credit_customer_unique", "credit_customer_profiled",
        "credit_buckets_add_up", "credit_open_receivable_not_negative", "credit_grade_known_with_record",
        "care_action_unique", "care_action_customer_exists", "care_action_planned")),
        failed.toString());
    assertEquals(0.0, result(report, "care_action_customer_exists").metricValue(), 1e-9,
        "no customer of the day has a profile here");
    assertEquals(3.0 / 4.0, result(report, "care_action_planned").metricValue(), 1e-9,
        "one action of four has an unknown type and priority");
    assertEquals(Severity.WARNING, result(report, "credit_open_receivable_not_negative").severity());
    assertEquals(0.5, result(report, "credit_buckets_add_up").metricValue(), 1e-9, "one of the two rows adds up");
    assertFalse(failed.contains("customer_one_version_at_date"), failed.toString());
    assertFalse(failed.contains("interaction_customer_exists"), failed.toString());
    assertTrue(report.hasErrors());
    QualityResult ri = result(report, "transaction_customer_exists");
    assertEquals(3.0 / 4.0, ri.metricValue(), 1e-9, "the share of the day's rows whose customer exists");
    QualityResult paid = result(report, "transaction_paid_not_before_sale");
    assertEquals(Severity.WARNING, paid.severity(), "a prepayment is flagged, not an error");
    assertEquals(3.0 / 4.0, paid.metricValue(), 1e-9, "one line of four paid before its sale");
    assertEquals(Severity.WARNING, result(report, "transactions_file_arrived").severity());
    assertTrue(report.describe().contains("ERROR   ingest_rows_conserved"), report.describe());
  }

  @Test
  void aDayWithoutFilesFailsFreshnessAndSkipsTheRulesOfEmptySlices(SparkSession spark) {
    QualityReport report = QualityCheckJob.evaluate(DAY, QualityRules.forDate(DAY, new Frames(spark).inputs(Map.of())));

    assertEquals(QualityResult.FAILED, result(report, "files_arrived").status());
    assertEquals(0.0, result(report, "files_arrived").metricValue());
    assertEquals(QualityResult.SKIPPED, result(report, "transaction_required_complete").status());
    assertEquals(QualityResult.SKIPPED, result(report, "ingest_rows_conserved").status());
    assertTrue(report.hasErrors());
  }

  @Test
  void theCheckCommandExitsWith3AndASummaryWhenAnErrorRuleFails(@TempDir Path dir, SparkSession spark) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = ClienteleCli.execute("check", "--as-of", "2026-04-01", "--warehouse", dir.toString());
    } finally {
      System.setOut(original);
    }
    String summary = out.toString(StandardCharsets.UTF_8);
    assertEquals(3, code, summary);
    assertTrue(summary.contains("files_arrived"), summary);
    assertTrue(summary.contains("result: FAILED"), summary);
    assertEquals(2, ClienteleCli.execute("check", "--as-of", "yesterday", "--warehouse", dir.toString()));
  }

  private static QualityResult result(QualityReport report, String rule) {
    return report.results().stream().filter(r -> r.ruleName().equals(rule)).findFirst().orElseThrow();
  }

  /** Small frames of catalog tables: named columns set, every other column null. */
  static final class Frames {
    private final SparkSession spark;

    Frames(SparkSession spark) {
      this.spark = spark;
    }

    Row row(Table table, Object... namesAndValues) {
      List<String> columns = table.columnNames();
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < namesAndValues.length; i += 2) {
        int at = columns.indexOf((String) namesAndValues[i]);
        assertTrue(at >= 0, "no column " + namesAndValues[i] + " in " + table.qualifiedName());
        values[at] = namesAndValues[i + 1];
      }
      return RowFactory.create(values);
    }

    Row file(String id, String kind, long in, long loaded, long quarantined, long duplicate) {
      return row(TableCatalog.INGEST_LOG, "file_id", id, "kind", kind, "logical_date", D, "rows_in", in,
          "rows_loaded", loaded, "rows_quarantined", quarantined, "rows_duplicate", duplicate);
    }

    Row customer(String key, String from, String to) {
      return row(TableCatalog.CUSTOMERS, "customer_key", key, "nature", "individual", "valid_from", Date.valueOf(from),
          "valid_to", to == null ? null : Date.valueOf(to), "is_current", to == null, "logical_date", Date.valueOf(from));
    }

    Row transaction(String id, String customer, String type, String amount) {
      return row(TableCatalog.TRANSACTIONS, "transaction_id", id, "customer_key", customer, "transaction_type", type,
          "amount", new BigDecimal(amount), "transaction_date", D, "logical_date", D);
    }

    /** A gold.customer_credit row of D: open = not yet due + 1-30 days past due (overdue), other buckets 0. */
    Row credit(String key, String open, String notYetDue, String pastDue1To30, String overdue, long linesDue,
        String grade) {
      BigDecimal zero = new BigDecimal("0.00");
      return row(TableCatalog.CUSTOMER_CREDIT, "as_of_date", D, "customer_key", key, "credit_lines", 3L,
          "open_receivable", new BigDecimal(open), "not_yet_due", new BigDecimal(notYetDue),
          "past_due_1_30", new BigDecimal(pastDue1To30), "past_due_31_60", zero, "past_due_61_90", zero,
          "past_due_over_90", zero, "overdue_amount", new BigDecimal(overdue), "lines_due_12m", linesDue,
          "credit_grade", grade);
    }

    /** A gold.care_actions row of D. */
    Row care(String id, String key, String type, String priority) {
      return row(TableCatalog.CARE_ACTIONS, "as_of_date", D, "action_id", id, "customer_key", key, "action_type", type,
          "due_date", D, "priority", priority, "channel", "sms", "template_key", "care." + type);
    }

    QualityInputs inputs(Map<Table, List<Row>> rows) {
      List<Dataset<Row>> frames = new ArrayList<>();
      for (Table t : Arrays.asList(TableCatalog.INGEST_LOG, TableCatalog.CUSTOMERS, TableCatalog.TRANSACTIONS,
          TableCatalog.INTERACTIONS, TableCatalog.REFERRALS, TableCatalog.CUSTOMER_PROFILE,
          TableCatalog.CUSTOMER_SEGMENTS, TableCatalog.LOYALTY_METRICS, TableCatalog.CHURN_COHORTS,
          TableCatalog.LEAKY_BUCKET, TableCatalog.AT_RISK_CUSTOMERS, TableCatalog.CUSTOMER_LIFETIME_VALUE,
          TableCatalog.PAYMENT_UPDATES, TableCatalog.CUSTOMER_CREDIT, TableCatalog.CARE_ACTIONS)) {
        frames.add(spark.createDataFrame(rows.getOrDefault(t, List.of()), t.schema()));
      }
      return new QualityInputs(frames.get(0), frames.get(1), frames.get(2), frames.get(3), frames.get(4),
          frames.get(5), frames.get(6), frames.get(7), frames.get(8), frames.get(9), frames.get(10), frames.get(11),
          frames.get(12), frames.get(13), frames.get(14));
    }
  }
}
