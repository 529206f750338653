package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The per-customer facts behind the customer archive and every segment: one row per customer that
 * exists at the as-of date — a version of their archive (silver.customers) starts on or before it, or
 * their registered_date, or any of their transactions, interactions or referrals (either side) is on
 * or before it ({@link CustomerSummaries}). Each fact is defined here once (computed per customer by
 * {@link PurchaseHistory} and {@link ServiceHistory}, the referral facts here):
 * <ul>
 *   <li>first/last_transaction_date: first and last day with any transaction line (sale or refund);
 *       first/last_purchase_date: the same for purchase days (days with a sale line);</li>
 *   <li>tenure_days = as-of − first purchase; cooperation_years = tenure_days / 365.25;
 *       days_since_last_purchase = as-of − last purchase;</li>
 *   <li>purchase_count / refund_count: sale / refund lines; transaction_count: both;
 *       purchase_days: distinct purchase days (the "orders" of RFM and loyalty);</li>
 *   <li>sales_amount (sale lines), refund_amount (refund lines, negative), total_amount = their sum
 *       (net revenue); amount_12m: net revenue of the trailing year (the trailing-year-days days ending
 *       on the as-of date); amount_prior_12m: the year before that; average_purchase_amount =
 *       sales_amount / purchase_count;</li>
 *   <li>profit_amount / profit_12m: amount − cost of the sale lines whose cost is known (all time /
 *       trailing year); profit_margin = profit_amount / the sales amount of those lines;</li>
 *   <li>complaint_count: complaints received; open_complaint_count: of those, not resolved by the end
 *       of the as-of date; complaints_answered_in_time: first response within response-hours of receipt;
 *       median_resolution_hours: median hours from receipt to resolution of the resolved ones;</li>
 *   <li>average_satisfaction: mean satisfaction (1–5) of the interactions that carry one;</li>
 *   <li>referrals_made: referrals where the customer is the referrer; referrals_converted: of those,
 *       the referred customer has bought on or after the referral date; referred_by_customer_key: the
 *       referrer of the customer's earliest referral (by date, then id) dated no later than their first
 *       purchase (any date if they never bought); is_referred: such a referral exists — the customer
 *       came by referral;</li>
 *   <li>value_at_stake: net revenue of the trailing-year-days days ending on the last purchase day
 *       (what a lapsing customer brought in their last year).</li>
 * </ul>
 */
public final class CustomerFacts {

  private CustomerFacts() {}

  /**
   * Computes the facts (columns listed in the class comment, plus helpers used by the segments and
   * the referral cohorts: first_year_revenue, retained_6m, retained_12m).
   *
   * @param summaries the as-of customer summaries ({@link CustomerSummaries#compute})
   */
  public static Dataset<Row> compute(GoldInputs in, Dataset<Row> summaries, AnalyticsSettings s) {
    return compute(in, summaries, referrals(in, summaries), s);
  }

  /**
   * The referral facts of the customers named by a referral dated by the as-of date (one row each):
   * customer_key, _evidence (true: such a referral is evidence that the customer exists),
   * referrals_made, referrals_converted, referred_by_customer_key (nulls where not applicable). Few
   * rows beside the customers: {@link #compute} broadcasts them.
   */
  public static Dataset<Row> referrals(GoldInputs in, Dataset<Row> summaries) {
    Dataset<Row> purchases = summaries.select(col("customer_key").as("_referred"),
        col("first_purchase_date").as("_referred_first"), col("last_purchase_date").as("_referred_last"));
    // The referrals are few beside the customers: they are broadcast, the summaries stream past them.
    // (Every referral names known customers — ingest quarantines the others — so each finds its
    // referred customer's summary.)
    Dataset<Row> referrals = purchases.join(broadcast(in.referrals()),
        col("referred_customer_key").equalTo(col("_referred")));
    Dataset<Row> made = referrals.groupBy(col("referrer_customer_key").as("customer_key")).agg(
        count(lit(1)).as("referrals_made"),
        count(when(col("_referred_last").geq(col("referral_date")), lit(1))).as("referrals_converted"));
    Dataset<Row> referredBy = referrals
        .where(col("_referred_first").isNull().or(col("referral_date").leq(col("_referred_first"))))
        .withColumn("_order", row_number().over(Window.partitionBy("referred_customer_key")
            .orderBy("referral_date", "referral_id")))
        .where(col("_order").equalTo(1))
        .select(col("referred_customer_key").as("customer_key"),
            col("referrer_customer_key").as("referred_by_customer_key"));
    // A customer known only through a referral dated by the as-of date exists too.
    Dataset<Row> named = in.referrals().select(col("referrer_customer_key").as("customer_key"))
        .union(in.referrals().select(col("referred_customer_key").as("customer_key")))
        .distinct()
        .withColumn("_evidence", lit(true));
    return named.join(made, new String[] {"customer_key"}, "left")
        .join(referredBy, new String[] {"customer_key"}, "left");
  }

  /**
   * As {@link #compute(GoldInputs, Dataset, AnalyticsSettings)}, with the referral facts given
   * ({@link #referrals}, computed once when the facts are read more than once).
   */
  public static Dataset<Row> compute(GoldInputs in, Dataset<Row> summaries, Dataset<Row> referralFacts,
      AnalyticsSettings s) {
    Column asOf = in.asOfDate();
    // The customers who exist by the as-of date: by their own rows, or named by a referral by then.
    Dataset<Row> joined = summaries.where(col("is_customer"))
        .join(broadcast(referralFacts), new String[] {"customer_key"}, "left")
        .where(col("exists").or(col("_evidence").isNotNull()))
        .drop("_evidence");
    String[] zeroCounts = {"purchase_count", "refund_count", "purchase_days", "purchase_days_12m",
        "complaint_count", "open_complaint_count", "complaints_answered_in_time", "satisfaction_responses",
        "referrals_made", "referrals_converted"};
    String[] zeroAmounts = {"sales_amount", "refund_amount", "total_amount", "amount_12m", "amount_prior_12m",
        "profit_amount", "profit_12m", "costed_sales_amount"};
    joined = GoldColumns.withZeros(joined, zeroCounts, zeroAmounts);
    java.util.Map<String, Column> derived = new java.util.LinkedHashMap<>();
    derived.put("transaction_count", col("purchase_count").plus(col("refund_count")));
    derived.put("tenure_days", datediff(asOf, col("first_purchase_date")));
    derived.put("cooperation_years", datediff(asOf, col("first_purchase_date")).cast("double").divide(365.25));
    derived.put("days_since_last_purchase", datediff(asOf, col("last_purchase_date")));
    derived.put("days_since_win_back", datediff(asOf, col("last_win_back_date")));
    derived.put("days_since_last_enquiry", datediff(asOf, col("last_enquiry_date")));
    derived.put("average_purchase_amount", ratio(col("sales_amount"), col("purchase_count")));
    derived.put("profit_margin", ratio(col("profit_amount"), col("costed_sales_amount")));
    derived.put("is_referred", col("referred_by_customer_key").isNotNull());
    // The month arrays stay with the summaries (the monthly tables and credit_ageing read them there):
    // the facts are shared and read by many tables, and every read copies whole rows.
    return joined.withColumns(derived).drop(CustomerSummaries.MONTHS, CustomerSummaries.EVENTS,
        CustomerSummaries.SERVICE_MONTHS, CustomerSummaries.CREDIT_MONTHS, CustomerSummaries.CREDIT_BEFORE,
        CustomerSummaries.LAST_PURCHASE_DAY_BEFORE, "is_customer", "exists",
        "clv_frequency", "clv_recency", "clv_age", "clv_monetary_value");
  }
}
