package com.clientele.gold;

import static com.clientele.gold.GoldColumns.date;
import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Silver as it was known at the end of the as-of date — the only thing every gold table reads.
 * Nothing later than the as-of date is visible, so a snapshot depends on silver, the date and the
 * settings alone (re-running a past date gives the same tables as long as silver holds the same rows).
 *
 * @param asOf the as-of date
 * @param customers one row per customer that exists at the as-of date: customer_key,
 *     display_name_masked, nature, nature_label, industry, region, acquisition_channel, registered_date
 * @param days customer days up to the as-of date (silver.customer_daily_activity summed over files):
 *     customer_key, activity_date, purchase_lines, refund_lines, sales_amount, refund_amount, net_amount,
 *     costed_sales_amount, profit_amount
 * @param interactions interactions received up to the end of the as-of date, with first_response_at /
 *     resolved_at blanked when they happened later, plus received_date
 * @param referrals referrals dated up to the as-of date
 */
public record GoldInputs(LocalDate asOf, Dataset<Row> customers, Dataset<Row> days,
    Dataset<Row> interactions, Dataset<Row> referrals) {

  static final String[] CUSTOMER_COLUMNS = {"customer_key", "display_name_masked", "nature", "nature_label",
      "industry", "region", "acquisition_channel", "registered_date"};

  /**
   * Prepares the as-of view from silver frames.
   *
   * <p>Which customers exist: those with a silver.customers version starting on or before the as-of
   * date, plus those whose registered_date, or any transaction, interaction or referral (either side),
   * is on or before it. The second rule matters for backfills: an initial export delivers years of
   * history in a file dated today, so its customers' first versions start after every earlier
   * as-of date although their purchases do not. Attributes: the version valid at the as-of date
   * (valid_from ≤ as-of &lt; valid_to), or, for a customer known only through such back-dated
   * records, their earliest version.
   *
   * <p>Interaction times later than the end of the as-of day (first response, resolution) were not
   * known yet and count as missing: a complaint resolved tomorrow is open today.
   */
  public static GoldInputs prepare(Dataset<Row> silverCustomers, Dataset<Row> dailyActivity,
      Dataset<Row> silverInteractions, Dataset<Row> silverReferrals, LocalDate asOf) {
    Column asOfDate = date(asOf);
    Dataset<Row> days = dailyActivity.where(col("activity_date").leq(asOfDate))
        .groupBy("customer_key", "activity_date")
        .agg(sum("purchase_lines").as("purchase_lines"), sum("refund_lines").as("refund_lines"),
            sum("sales_amount").as("sales_amount"), sum("refund_amount").as("refund_amount"),
            sum("net_amount").as("net_amount"), sum("costed_sales_amount").as("costed_sales_amount"),
            sum("profit_amount").as("profit_amount"));

    Column cutoff = date_add(asOfDate, 1).cast("timestamp");
    Dataset<Row> interactions = silverInteractions.where(col("received_at").lt(cutoff))
        .withColumn("first_response_at", when(col("first_response_at").lt(cutoff), col("first_response_at")))
        .withColumn("resolved_at", when(col("resolved_at").lt(cutoff), col("resolved_at")))
        .withColumn("received_date", to_date(col("received_at")));
    Dataset<Row> referrals = silverReferrals.where(col("referral_date").leq(asOfDate));

    Dataset<Row> evidence = days.select("customer_key")
        .union(interactions.select("customer_key"))
        .union(referrals.select(col("referrer_customer_key").as("customer_key")))
        .union(referrals.select(col("referred_customer_key").as("customer_key")))
        .distinct()
        .withColumn("_has_records", lit(true));
    Column started = col("valid_from").leq(asOfDate);
    WindowSpec pick = Window.partitionBy("customer_key").orderBy(
        when(started, lit(0)).otherwise(lit(1)),
        when(started, datediff(asOfDate, col("valid_from"))).otherwise(datediff(col("valid_from"), asOfDate)));
    Dataset<Row> customers = silverCustomers
        .withColumn("_pick", row_number().over(pick))
        .where(col("_pick").equalTo(1))
        .join(evidence, "customer_key", "left")
        .where(started.or(col("registered_date").leq(asOfDate)).or(col("_has_records").isNotNull()))
        .select(CUSTOMER_COLUMNS[0], java.util.Arrays.copyOfRange(CUSTOMER_COLUMNS, 1, CUSTOMER_COLUMNS.length));
    return new GoldInputs(asOf, customers, days, interactions, referrals);
  }

  /**
   * The same inputs, each frame computed once and cut from its lineage (an eager local
   * checkpoint). Every gold table reads these frames several times; Spark copies a frame's whole
   * plan into each place it is used, so without the cut the plans of the later tables grow large
   * enough that analysing them takes longer than running them.
   */
  public GoldInputs materialized() {
    return new GoldInputs(asOf, customers.localCheckpoint(), days.localCheckpoint(),
        interactions.localCheckpoint(), referrals.localCheckpoint());
  }

  Column asOfDate() {
    return date(asOf);
  }
}
