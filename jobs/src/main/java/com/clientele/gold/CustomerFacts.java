package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The per-customer facts behind the customer archive and every segment: one row per customer that
 * exists at the as-of date (see {@link GoldInputs#prepare}). Each fact is defined here once:
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

  /** Computes the facts (columns listed in the class comment, plus helpers used by the segments). */
  public static Dataset<Row> compute(GoldInputs in, AnalyticsSettings s) {
    Column asOf = in.asOfDate();
    Column d = col("activity_date");
    Column purchase = col("purchase_lines").gt(0);
    Column trailing = d.gt(date_sub(asOf, s.trailingYearDays()));
    Column prior = d.leq(date_sub(asOf, s.trailingYearDays()))
        .and(d.gt(date_sub(asOf, 2 * s.trailingYearDays())));
    Dataset<Row> activity = in.days().groupBy("customer_key").agg(
        min(d).as("first_transaction_date"),
        max(d).as("last_transaction_date"),
        min(when(purchase, d)).as("first_purchase_date"),
        max(when(purchase, d)).as("last_purchase_date"),
        sum("purchase_lines").as("purchase_count"),
        sum("refund_lines").as("refund_count"),
        count(when(purchase, lit(1))).as("purchase_days"),
        count(when(purchase.and(trailing), lit(1))).as("purchase_days_12m"),
        sum("sales_amount").as("sales_amount"),
        sum("refund_amount").as("refund_amount"),
        sum("net_amount").as("total_amount"),
        sum(when(trailing, col("net_amount")).otherwise(lit(0))).as("amount_12m"),
        sum(when(prior, col("net_amount")).otherwise(lit(0))).as("amount_prior_12m"),
        sum("profit_amount").as("profit_amount"),
        sum(when(trailing, col("profit_amount")).otherwise(lit(0))).as("profit_12m"),
        sum("costed_sales_amount").as("costed_sales_amount"));

    Dataset<Row> valueAtStake = PurchaseHistory.withAnnualValue(
        activity.where(col("last_purchase_date").isNotNull()).select("customer_key", "last_purchase_date"),
        "last_purchase_date", in.days(), s.trailingYearDays(), "value_at_stake").drop("last_purchase_date");

    Dataset<Row> purchaseDays = PurchaseHistory.purchaseDays(in.days());
    Dataset<Row> winBacks = PurchaseHistory.events(purchaseDays, in.asOf(), s.churnInactivityDays())
        .where(col("event").equalTo(PurchaseHistory.WON_BACK))
        .groupBy("customer_key").agg(max("event_date").as("last_win_back_date"));

    Column complaint = ServiceLevels.isComplaint();
    Dataset<Row> service = in.interactions().groupBy("customer_key").agg(
        count(when(complaint, lit(1))).as("complaint_count"),
        count(when(complaint.and(ServiceLevels.isOpen()), lit(1))).as("open_complaint_count"),
        count(when(complaint.and(ServiceLevels.answeredInTime(s)), lit(1))).as("complaints_answered_in_time"),
        median(when(complaint, ServiceLevels.resolutionHours())).as("median_resolution_hours"),
        count(col("satisfaction")).as("satisfaction_responses"),
        avg(col("satisfaction").cast("double")).as("average_satisfaction"),
        max(when(col("interaction_type").isin(s.enquiryInteractionTypes().toArray()), col("received_date")))
            .as("last_enquiry_date"));

    Dataset<Row> firstPurchase = activity.select(col("customer_key").as("_referred"),
        col("first_purchase_date").as("_referred_first"), col("last_purchase_date").as("_referred_last"));
    Dataset<Row> referrals = in.referrals()
        .join(firstPurchase, col("referred_customer_key").equalTo(col("_referred")), "left");
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

    Dataset<Row> joined = in.customers()
        .join(activity, "customer_key", "left")
        .join(valueAtStake, "customer_key", "left")
        .join(winBacks, "customer_key", "left")
        .join(service, "customer_key", "left")
        .join(made, "customer_key", "left")
        .join(referredBy, "customer_key", "left");
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
    derived.put("value_at_stake", col("value_at_stake").cast("decimal(18,2)"));
    return joined.withColumns(derived);
  }
}
