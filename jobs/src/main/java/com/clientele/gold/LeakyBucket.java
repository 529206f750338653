package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * gold.leaky_bucket (漏桶) — per month (see {@link Months}), the flows of the active base defined in
 * {@link PurchaseHistory} (in the base = has bought and is not churned):
 * <ul>
 *   <li>customers_gained: first purchases in the month; customers_won_back: win-back purchases;
 *       customers_lost: customers who became churned in the month (up to the as-of date);</li>
 *   <li>customers_at_end: the base at the end of the month (the as-of date for the as-of month);
 *       customers_at_start: the base at the end of the previous month; customers_net = at end − at
 *       start = gained + won back − lost;</li>
 *   <li>revenue_at_end: the month's net revenue; revenue_at_start: the previous month's;
 *       revenue_gained / revenue_won_back: the month's revenue from the customers gained / won back in
 *       it; revenue_retained: the rest (revenue_at_end = gained + won back + retained);
 *       revenue_net = at end − at start; revenue_lost: the annual value of the customers lost in the
 *       month (their net revenue over the trailing-year-days days up to their last purchase);</li>
 *   <li>lost_with_complaints: lost customers who complained in the complaint-lookback-days days up to
 *       the day they became churned; top_churn_complaint_categories: the categories of those complaints
 *       by number of lost customers ("category:customers", most first, then by name, at most
 *       top-complaint-categories; a missing category is "unknown").</li>
 * </ul>
 */
public final class LeakyBucket {

  private LeakyBucket() {}

  /** @param summaries customer summaries ({@link CustomerSummaries}) */
  public static Dataset<Row> compute(GoldInputs in, Dataset<Row> summaries, AnalyticsSettings s) {
    Dataset<Row> events = Months.events(summaries);

    Dataset<Row> counts = events.groupBy("month_start").agg(
        count(when(col("event").equalTo(PurchaseHistory.NEW), lit(1))).as("customers_gained"),
        count(when(col("event").equalTo(PurchaseHistory.WON_BACK), lit(1))).as("customers_won_back"),
        count(when(col("event").equalTo(PurchaseHistory.LOST), lit(1))).as("customers_lost"),
        sum(when(col("event").equalTo(PurchaseHistory.LOST), col("annual_value_cents"))).as("_lost_cents"));

    // A customer is gained in the month of their first purchase (is_new) and won back in the month of a
    // win-back purchase (is_won_back): the months' revenue splits accordingly.
    Dataset<Row> revenue = Months.customerMonths(summaries)
        .groupBy("month_start").agg(
            sum("revenue_cents").as("_end_cents"),
            sum(when(col("is_new"), col("revenue_cents")).otherwise(lit(0L))).as("_gained_cents"),
            sum(when(col("is_won_back"), col("revenue_cents")).otherwise(lit(0L))).as("_won_back_cents"))
        .select(col("month_start"), CustomerSummaries.amount(col("_end_cents")).as("revenue_at_end"),
            CustomerSummaries.amount(col("_gained_cents")).as("revenue_gained"),
            CustomerSummaries.amount(col("_won_back_cents")).as("revenue_won_back"));

    // Each lost event carries the categories of the complaints that preceded it (ServiceHistory);
    // a customer is lost at most once a month (C is more than a month), so events count customers.
    Dataset<Row> preceding = events.where(col("event").equalTo(PurchaseHistory.LOST))
        .select(col("month_start"), col("customer_key"), explode(col("complaint_categories")).as("category"));
    Dataset<Row> withComplaints = preceding.groupBy("month_start")
        .agg(countDistinct("customer_key").as("lost_with_complaints"));
    WindowSpec byCount = Window.partitionBy("month_start").orderBy(col("customers").desc(), col("category"));
    Dataset<Row> categories = preceding.groupBy("month_start", "category")
        .agg(countDistinct("customer_key").as("customers"))
        .withColumn("_rank", row_number().over(byCount))
        .where(col("_rank").leq(s.topComplaintCategories()))
        .groupBy("month_start")
        .agg(expr("array_join(transform(array_sort(collect_list(named_struct('r', _rank, "
            + "'t', concat(category, ':', customers)))), x -> x.t), ', ')").as("top_churn_complaint_categories"));

    String[] month = {"month_start"};
    Dataset<Row> joined = Months.grid(in, summaries)
        .join(counts.withColumn("revenue_lost", CustomerSummaries.amount(col("_lost_cents"))), month, "left")
        .join(revenue, month, "left")
        .join(withComplaints, month, "left").join(categories, month, "left");
    joined = GoldColumns.withZeros(joined,
        new String[] {"customers_gained", "customers_won_back", "customers_lost", "lost_with_complaints"},
        new String[] {"revenue_at_end", "revenue_gained", "revenue_won_back", "revenue_lost"});
    // One row per month, a handful of rows: a window over the whole (tiny) table is fine here.
    WindowSpec inOrder = Window.orderBy("month_start");
    Column net = col("customers_gained").plus(col("customers_won_back")).minus(col("customers_lost"));
    Dataset<Row> table = joined
        .withColumn("as_of_date", in.asOfDate())
        .withColumn("customers_net", net)
        .withColumn("customers_at_end", sum(net).over(inOrder.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn("customers_at_start", col("customers_at_end").minus(col("customers_net")))
        .withColumn("revenue_at_start", coalesce(lag("revenue_at_end", 1).over(inOrder), lit(0)))
        .withColumn("revenue_retained", col("revenue_at_end").minus(col("revenue_gained")).minus(col("revenue_won_back")))
        .withColumn("revenue_net", col("revenue_at_end").minus(col("revenue_at_start")));
    return GoldColumns.conform(TableCatalog.LEAKY_BUCKET, table);
  }
}
