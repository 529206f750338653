package com.clientele.quality;

import static com.clientele.quality.Deequ.atLeastRows;
import static com.clientele.quality.Deequ.complete;
import static com.clientele.quality.Deequ.holds;
import static com.clientele.quality.Deequ.unique;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every data-quality rule of an as-of date D, in one place. Kinds of rule: completeness (key and
 * required columns present), uniqueness (keys), value ranges, referential integrity (records →
 * customers, gold → silver), freshness (D's files arrived) and ingest conservation (per file,
 * rows in = loaded + quarantined + duplicate).
 *
 * <p>Cheap by design: silver records are checked on D's slice ({@code logical_date = D}), gold on D's
 * snapshot ({@code as_of_date = D}); only key uniqueness and the customer keys for referential
 * integrity read a whole table, and then only its key columns. The ingest log is small (one row per
 * file) and is checked whole, because late customers move counts of earlier files.
 */
public final class QualityRules {

  private QualityRules() {}

  /** The rule sets for D over the given tables (read with {@link QualityInputs}). */
  public static List<RuleSet> forDate(LocalDate asOf, QualityInputs in) {
    String day = "logical_date = DATE'" + asOf + "'";
    String snapshot = "as_of_date = DATE'" + asOf + "'";
    Dataset<Row> customerKeys = in.customers().select("customer_key").distinct();
    List<RuleSet> sets = new ArrayList<>();

    // ---- freshness and conservation (silver.ingest_log)
    Dataset<Row> log = in.ingestLog();
    // A rejected file is cleared once a corrected file at the same path was read.
    Dataset<Row> read = log.where("rejected_reason IS NULL").select(col("source_file").as("_read_file")).distinct();
    Dataset<Row> dayLog = log.where(day).join(read, col("source_file").equalTo(col("_read_file")), "left")
        .withColumn("superseded", col("_read_file").isNotNull()).drop("_read_file");
    String readFiles = day + " AND rejected_reason IS NULL";
    sets.add(new RuleSet(name(TableCatalog.INGEST_LOG, readFiles), log.where(readFiles), List.of(
        rule("files_arrived", Severity.ERROR, "at least one landing file of " + asOf + " was ingested",
            atLeastRows(1, null), true),
        rule("customers_file_arrived", Severity.WARNING, "a customers file of " + asOf + " was ingested",
            atLeastRows(1, "kind = 'customers'"), true),
        rule("transactions_file_arrived", Severity.WARNING, "a transactions file of " + asOf + " was ingested",
            atLeastRows(1, "kind = 'transactions'"), true),
        rule("files_mostly_loaded", Severity.WARNING, "no file of the day had more than 20% of its rows quarantined",
            holds("files_mostly_loaded", "rows_quarantined <= 0.2 * rows_in"), false))));
    sets.add(new RuleSet(name(TableCatalog.INGEST_LOG, day), dayLog, List.of(
        rule("files_not_rejected", Severity.ERROR, "no landing file of " + asOf + " was rejected whole (binary, "
                + "unsupported encoding, no source or day folder; see silver.ingest_log.rejected_reason), unless a "
                + "corrected file at the same path was read since",
            holds("files_not_rejected", "rejected_reason IS NULL OR superseded"), false))));
    sets.add(new RuleSet(TableCatalog.INGEST_LOG.qualifiedName(), log, List.of(
        rule("ingest_rows_conserved", Severity.ERROR,
            "every file: rows_in = rows_loaded + rows_quarantined + rows_duplicate",
            holds("ingest_rows_conserved", "rows_in = rows_loaded + rows_quarantined + rows_duplicate"), false),
        rule("ingest_counts_not_negative", Severity.ERROR, "no file count is negative",
            holds("ingest_counts_not_negative",
                "rows_in >= 0 AND rows_loaded >= 0 AND rows_quarantined >= 0 AND rows_duplicate >= 0"), false),
        rule("ingest_file_id_unique", Severity.ERROR, "each file is logged once", unique("file_id"), false))));

    // ---- customers (SCD 2)
    Dataset<Row> versionsAtDate = in.customers()
        .where(col("valid_from").leq(lit(java.sql.Date.valueOf(asOf)))
            .and(col("valid_to").isNull().or(col("valid_to").gt(lit(java.sql.Date.valueOf(asOf))))));
    sets.add(new RuleSet(TableCatalog.CUSTOMERS.qualifiedName() + "[valid at " + asOf + "]", versionsAtDate, List.of(
        rule("customer_key_complete", Severity.ERROR, "every customer version has a customer_key",
            complete("customer_key"), false),
        rule("customer_one_version_at_date", Severity.ERROR, "one version of each customer is valid at " + asOf,
            unique("customer_key"), false),
        rule("customer_validity_ordered", Severity.ERROR, "valid_to is after valid_from",
            holds("customer_validity_ordered", "valid_to IS NULL OR valid_to > valid_from"), false),
        rule("customer_nature_complete", Severity.WARNING, "every customer has a nature",
            complete("nature"), false))));
    sets.add(new RuleSet(TableCatalog.CUSTOMERS.qualifiedName(),
        in.customers().select("customer_key", "valid_from"), List.of(
        rule("customer_version_unique", Severity.ERROR, "(customer_key, valid_from) identifies a version",
            unique("customer_key", "valid_from"), false))));

    // ---- transactions
    Dataset<Row> transactions = withReference(in.transactions().where(day), "customer_key", customerKeys, "has_customer");
    sets.add(new RuleSet(name(TableCatalog.TRANSACTIONS, day), transactions, List.of(
        rule("transaction_required_complete", Severity.ERROR,
            "transaction_id, customer_key, transaction_date, transaction_type and amount are present",
            holds("transaction_required_complete", "transaction_id IS NOT NULL AND customer_key IS NOT NULL "
                + "AND transaction_date IS NOT NULL AND transaction_type IS NOT NULL AND amount IS NOT NULL"), false),
        rule("transaction_amount_sign", Severity.ERROR, "sales are not negative and refunds not positive",
            holds("transaction_amount_sign", "amount IS NULL OR (transaction_type = 'refund' AND amount <= 0) "
                + "OR (transaction_type <> 'refund' AND amount >= 0)"), false),
        rule("transaction_quantity_positive", Severity.WARNING, "quantity, when given, is at least 1",
            holds("transaction_quantity_positive", "quantity IS NULL OR quantity >= 1"), false),
        rule("transaction_not_future", Severity.WARNING, "transaction_date is not after the file's date",
            holds("transaction_not_future", "transaction_date <= logical_date"), false),
        rule("transaction_customer_exists", Severity.ERROR, "every transaction's customer is in silver.customers",
            holds("transaction_customer_exists", "has_customer"), false),
        // A warning, not an error: a prepayment (paid before the goods) is legitimate in B2B trade, but
        // most such lines are keying errors worth a look before the receivables are trusted.
        rule("transaction_paid_not_before_sale", Severity.WARNING,
            "paid_date, when given, is not before transaction_date (prepayments are flagged for a look)",
            holds("transaction_paid_not_before_sale", "paid_date IS NULL OR paid_date >= transaction_date"), false))));
    // Payment news of D: the paid date it brings, against the line's transaction date.
    Dataset<Row> news = in.paymentUpdates().where(day).join(
        in.transactions().select(col("transaction_id").as("_line"), col("transaction_date")),
        col("transaction_id").equalTo(col("_line")), "left");
    sets.add(new RuleSet(name(TableCatalog.PAYMENT_UPDATES, day), news, List.of(
        rule("payment_update_line_exists", Severity.ERROR, "every payment update is about a line in silver.transactions",
            holds("payment_update_line_exists", "_line IS NOT NULL"), false),
        rule("payment_update_paid_not_before_sale", Severity.WARNING,
            "paid_date, when given, is not before the line's transaction_date (prepayments are flagged for a look)",
            holds("payment_update_paid_not_before_sale", "paid_date IS NULL OR paid_date >= transaction_date"), false))));
    sets.add(new RuleSet(TableCatalog.TRANSACTIONS.qualifiedName(), in.transactions().select("transaction_id"), List.of(
        rule("transaction_id_unique", Severity.ERROR, "transaction_id is unique", unique("transaction_id"), false))));

    // ---- interactions
    Dataset<Row> interactions = withReference(in.interactions().where(day), "customer_key", customerKeys, "has_customer");
    sets.add(new RuleSet(name(TableCatalog.INTERACTIONS, day), interactions, List.of(
        rule("interaction_required_complete", Severity.ERROR,
            "interaction_id, customer_key, interaction_type and received_at are present",
            holds("interaction_required_complete", "interaction_id IS NOT NULL AND customer_key IS NOT NULL "
                + "AND interaction_type IS NOT NULL AND received_at IS NOT NULL"), false),
        rule("interaction_satisfaction_range", Severity.ERROR, "satisfaction, when given, is 1..5",
            holds("interaction_satisfaction_range", "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5"), false),
        rule("interaction_times_ordered", Severity.ERROR, "first response and resolution are not before receipt",
            holds("interaction_times_ordered", "(first_response_at IS NULL OR first_response_at >= received_at) "
                + "AND (resolved_at IS NULL OR resolved_at >= received_at)"), false),
        rule("interaction_customer_exists", Severity.ERROR, "every interaction's customer is in silver.customers",
            holds("interaction_customer_exists", "has_customer"), false))));
    sets.add(new RuleSet(TableCatalog.INTERACTIONS.qualifiedName(), in.interactions().select("interaction_id"), List.of(
        rule("interaction_id_unique", Severity.ERROR, "interaction_id is unique", unique("interaction_id"), false))));

    // ---- referrals
    Dataset<Row> referrals = withReference(withReference(in.referrals().where(day),
        "referrer_customer_key", customerKeys, "has_referrer"), "referred_customer_key", customerKeys, "has_referred");
    sets.add(new RuleSet(name(TableCatalog.REFERRALS, day), referrals, List.of(
        rule("referral_required_complete", Severity.ERROR,
            "referral_id, referrer and referred customer keys and referral_date are present",
            holds("referral_required_complete", "referral_id IS NOT NULL AND referrer_customer_key IS NOT NULL "
                + "AND referred_customer_key IS NOT NULL AND referral_date IS NOT NULL"), false),
        rule("referral_reward_not_negative", Severity.ERROR, "reward_amount, when given, is not negative",
            holds("referral_reward_not_negative", "reward_amount IS NULL OR reward_amount >= 0"), false),
        rule("referral_not_self", Severity.ERROR, "nobody refers themselves",
            holds("referral_not_self", "referrer_customer_key <> referred_customer_key"), false),
        rule("referral_customers_exist", Severity.ERROR, "referrer and referred are in silver.customers",
            holds("referral_customers_exist", "has_referrer AND has_referred"), false))));
    sets.add(new RuleSet(TableCatalog.REFERRALS.qualifiedName(), in.referrals().select("referral_id"), List.of(
        rule("referral_id_unique", Severity.ERROR, "referral_id is unique", unique("referral_id"), false))));

    // ---- gold snapshot of D
    Dataset<Row> profile = withReference(in.customerProfile().where(snapshot), "customer_key", customerKeys, "has_customer");
    sets.add(new RuleSet(name(TableCatalog.CUSTOMER_PROFILE, snapshot), profile, List.of(
        rule("profile_built", Severity.ERROR, "gold.customer_profile has a snapshot for " + asOf, atLeastRows(1, null), true),
        rule("profile_customer_key_complete", Severity.ERROR, "every profile has a customer_key",
            complete("customer_key"), false),
        rule("profile_customer_unique", Severity.ERROR, "one profile per customer", unique("customer_key"), false),
        rule("profile_customer_exists", Severity.ERROR, "every profiled customer is in silver.customers",
            holds("profile_customer_exists", "has_customer"), false),
        rule("profile_rfm_scores_range", Severity.ERROR, "RFM scores, when given, are 1..5",
            holds("profile_rfm_scores_range", "(rfm_recency_score IS NULL OR rfm_recency_score BETWEEN 1 AND 5) "
                + "AND (rfm_frequency_score IS NULL OR rfm_frequency_score BETWEEN 1 AND 5) "
                + "AND (rfm_monetary_score IS NULL OR rfm_monetary_score BETWEEN 1 AND 5)"), false),
        rule("profile_counts_not_negative", Severity.ERROR,
            "transaction, purchase and refund counts and days since last purchase are not negative",
            holds("profile_counts_not_negative", "coalesce(transaction_count, 0) >= 0 AND coalesce(purchase_count, 0) >= 0 "
                + "AND coalesce(refund_count, 0) >= 0 AND coalesce(days_since_last_purchase, 0) >= 0"), false),
        rule("profile_last_purchase_not_future", Severity.ERROR, "no purchase after the as-of date counts",
            holds("profile_last_purchase_not_future", "last_purchase_date IS NULL OR last_purchase_date <= as_of_date"),
            false))));
    sets.add(new RuleSet(name(TableCatalog.CUSTOMER_SEGMENTS, snapshot), in.customerSegments().where(snapshot), List.of(
        rule("segment_membership_unique", Severity.ERROR, "one segment per customer and scheme",
            unique("customer_key", "scheme"), false),
        rule("segment_complete", Severity.ERROR, "every membership names its segment", complete("segment"), false))));
    sets.add(new RuleSet(name(TableCatalog.LOYALTY_METRICS, snapshot), in.loyaltyMetrics().where(snapshot), List.of(
        rule("loyalty_built", Severity.ERROR, "gold.loyalty_metrics has a snapshot for " + asOf, atLeastRows(1, null), true),
        // Not old_customer_revenue_share: revenue is net of refunds, so a month with large refunds
        // can legitimately put that share outside 0..1 (docs/metrics.md).
        rule("loyalty_rates_range", Severity.ERROR, "retention, repeat-purchase and answered-in-time rates are within 0..1",
            holds("loyalty_rates_range", rates("retention_rate", "repeat_purchase_rate",
                "answered_in_time_share")), false))));
    sets.add(new RuleSet(name(TableCatalog.CHURN_COHORTS, snapshot), in.churnCohorts().where(snapshot), List.of(
        rule("cohort_retained_within_cohort", Severity.ERROR, "customers retained never exceed the cohort",
            holds("cohort_retained_within_cohort", "customers_retained <= cohort_customers"), false),
        rule("cohort_retention_range", Severity.ERROR, "retention_rate is within 0..1",
            holds("cohort_retention_range", rates("retention_rate")), false))));
    sets.add(new RuleSet(name(TableCatalog.LEAKY_BUCKET, snapshot), in.leakyBucket().where(snapshot), List.of(
        rule("leaky_bucket_balances", Severity.ERROR,
            "customers at end − at start = gained + won back − lost = net",
            holds("leaky_bucket_balances", "customers_at_end - customers_at_start = customers_net AND "
                + "customers_net = customers_gained + customers_won_back - customers_lost"), false))));
    Dataset<Row> atRisk = withReference(in.atRiskCustomers().where(snapshot), "customer_key",
        in.customerProfile().where(snapshot).select("customer_key"), "has_profile");
    sets.add(new RuleSet(name(TableCatalog.AT_RISK_CUSTOMERS, snapshot), atRisk, List.of(
        rule("at_risk_priority_unique", Severity.ERROR, "priorities are present and unique",
            unique("priority"), false),
        rule("at_risk_customer_profiled", Severity.ERROR, "every at-risk customer has a profile of the same date",
            holds("at_risk_customer_profiled", "has_profile"), false))));
    Dataset<Row> lifetimeValue = withReference(in.customerLifetimeValue().where(snapshot), "customer_key",
        in.customerProfile().where(snapshot).select("customer_key"), "has_profile");
    sets.add(new RuleSet(name(TableCatalog.CUSTOMER_LIFETIME_VALUE, snapshot), lifetimeValue, List.of(
        rule("clv_customer_unique", Severity.ERROR, "one row per customer", unique("customer_key"), false),
        rule("clv_customer_profiled", Severity.ERROR, "every customer valued has a profile of the same date",
            holds("clv_customer_profiled", "has_profile"), false),
        rule("clv_predictions_range", Severity.ERROR,
            "P(alive) within 0..1; expected purchases, order value, CLV and value at risk not negative",
            holds("clv_predictions_range", rates("p_alive") + " AND coalesce(expected_purchases_30d >= 0 AND "
                + "expected_purchases_90d >= expected_purchases_30d AND expected_purchases_365d >= "
                + "expected_purchases_90d AND expected_average_order_value >= 0 AND clv >= 0 AND value_at_risk >= 0, "
                + "p_alive IS NULL)"), false))));
    Dataset<Row> credit = withReference(in.customerCredit().where(snapshot), "customer_key",
        in.customerProfile().where(snapshot).select("customer_key"), "has_profile");
    sets.add(new RuleSet(name(TableCatalog.CUSTOMER_CREDIT, snapshot), credit, List.of(
        rule("credit_customer_unique", Severity.ERROR, "one row per customer", unique("customer_key"), false),
        rule("credit_customer_profiled", Severity.ERROR, "every customer graded has a profile of the same date",
            holds("credit_customer_profiled", "has_profile"), false),
        rule("credit_buckets_add_up", Severity.ERROR,
            "the ageing buckets add up to the open receivable, the past-due buckets to the overdue amount",
            holds("credit_buckets_add_up", "open_receivable = not_yet_due + past_due_1_30 + past_due_31_60 + "
                + "past_due_61_90 + past_due_over_90 AND overdue_amount = past_due_1_30 + past_due_31_60 + "
                + "past_due_61_90 + past_due_over_90"), false),
        // A warning: open credit notes larger than the open invoices (the company owes the customer) are
        // possible, but usually a refund keyed with a due date by mistake.
        rule("credit_open_receivable_not_negative", Severity.WARNING, "no customer's open receivable is negative",
            holds("credit_open_receivable_not_negative", "open_receivable >= 0"), false),
        rule("credit_grade_known_with_record", Severity.ERROR,
            "a customer is graded A-D exactly when they have a payment record in the trailing year",
            holds("credit_grade_known_with_record", "(lines_due_12m > 0) = (credit_grade <> 'unknown')"), false))));
    Dataset<Row> care = withReference(in.careActions().where(snapshot), "customer_key",
        in.customerProfile().where(snapshot).select("customer_key"), "has_profile");
    sets.add(new RuleSet(name(TableCatalog.CARE_ACTIONS, snapshot), care, List.of(
        rule("care_action_unique", Severity.ERROR, "every action is planned once", unique("action_id"), false),
        rule("care_action_customer_exists", Severity.ERROR,
            "every care action points to an existing customer (a profile of the same date)",
            holds("care_action_customer_exists", "customer_key IS NOT NULL AND has_profile"), false),
        rule("care_action_planned", Severity.ERROR,
            "every action has a due date, a known type, a priority, a channel and a template",
            holds("care_action_planned", "due_date IS NOT NULL AND action_type IN ('birthday', 'founding_day', "
                + "'holiday', 'purchase_anniversary', 'key_no_contact', 'win_back', 'complaint_follow_up', "
                + "'vip_upgrade') AND priority IN ('high', 'normal', 'low') AND channel IS NOT NULL AND "
                + "template_key IS NOT NULL"), false))));
    return sets;
  }

  private static QualityRule rule(String name, Severity severity, String requirement,
      java.util.function.UnaryOperator<com.amazon.deequ.checks.Check> constraint, boolean whenEmpty) {
    return new QualityRule(name, severity, requirement, constraint, whenEmpty);
  }

  private static String name(Table table, String slice) {
    return table.qualifiedName() + "[" + slice + "]";
  }

  private static String rates(String... columns) {
    return String.join(" AND ", java.util.Arrays.stream(columns)
        .map(c -> "(" + c + " IS NULL OR " + c + " BETWEEN 0 AND 1)").toList());
  }

  /**
   * Adds a boolean {@code flag}: true when {@code column} is null (completeness rules report that)
   * or found among {@code keys}' single column.
   */
  static Dataset<Row> withReference(Dataset<Row> rows, String column, Dataset<Row> keys, String flag) {
    Dataset<Row> found = keys.toDF("_ref_key").distinct().withColumn("_found", lit(true));
    return rows.join(found, rows.col(column).equalTo(found.col("_ref_key")), "left")
        .withColumn(flag, col(column).isNull().or(col("_found").isNotNull()))
        .drop("_ref_key", "_found");
  }
}
