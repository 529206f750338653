package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * gold.loyalty_metrics — loyalty per month (see {@link Months}) for all customers
 * (breakdown = all) and per nature and value position (the customer's segment at the as-of date,
 * so history is shown by today's segments). For a month m and a group of customers:
 * <ul>
 *   <li>active_customers: customers with a purchase day in m; new_customers: whose first purchase is
 *       in m; returning_customers = active − new; won_back_customers: with a win-back purchase in m
 *       ({@link PurchaseHistory});</li>
 *   <li>repeat_customers: active customers with at least two purchase days up to the end of m;
 *       repeat_purchase_rate = repeat / active;</li>
 *   <li>retained_customers: active in m and in m − 1; retention_rate = retained /
 *       previous_month_active_customers;</li>
 *   <li>purchase_days: customer purchase days ("orders") in m; purchase_frequency = purchase_days /
 *       active; average_order_value = sales_amount / purchase_days;</li>
 *   <li>revenue: net revenue of m (refunds included); old_customer_revenue: of it, lines dated more
 *       than new-customer-days after the customer's first purchase; old_customer_revenue_share =
 *       old / revenue;</li>
 *   <li>top_customers_revenue: revenue of the top top-customers-percent of the customers with a
 *       transaction in m (ceil(n × percent / 100) customers, largest revenue first);
 *       top_customers_revenue_share = top / revenue;</li>
 *   <li>average_satisfaction: mean satisfaction of the interactions received in m that carry one
 *       (satisfaction_responses of them); complaints: complaints received in m; complaint_rate =
 *       complaints / purchase_days; answered_in_time_share = complaints answered within
 *       response-hours / complaints; median_resolution_hours of the complaints of m resolved by the
 *       as-of date.</li>
 * </ul>
 * Ratios are null when their denominator is 0 (or revenue is not positive).
 */
public final class LoyaltyMetrics {

  private LoyaltyMetrics() {}

  static final String ALL = "all";

  /**
   * @param summaries customer summaries ({@link CustomerSummaries})
   * @param grouped the summaries' months of the existing customers with their segments ({@link #grouped});
   *     read twice, so the caller persists it
   * @param classified customers with nature_segment and value_position
   */
  public static Dataset<Row> compute(GoldInputs in, Dataset<Row> summaries, Dataset<Row> grouped,
      Dataset<Row> classified, AnalyticsSettings s) {
    Dataset<Row> groups = groups(classified);
    // Each existing customer's months, once per group the customer belongs to.
    Dataset<Row> flagged = Months.customerMonths(inGroups(grouped, col(CustomerSummaries.MONTHS)),
        "breakdown", "breakdown_value");
    String[] keys = {"breakdown", "breakdown_value", "month_start"};
    Dataset<Row> sales = flagged
        .groupBy("breakdown", "breakdown_value", "month_start")
        .agg(count(when(col("purchase_days").gt(0), lit(1))).as("active_customers"),
            count(when(col("is_new"), lit(1))).as("new_customers"),
            count(when(col("is_won_back"), lit(1))).as("won_back_customers"),
            count(when(col("is_repeat"), lit(1))).as("repeat_customers"),
            count(when(col("is_retained"), lit(1))).as("retained_customers"),
            sum("purchase_days").cast("long").as("purchase_days"),
            sum("sales_cents").as("_sales_cents"),
            sum("revenue_cents").as("_revenue_cents"),
            sum("old_revenue_cents").as("_old_cents"));
    // The top customers of a month: by the month's revenue among the customers with a transaction in it.
    Dataset<Row> top = TopShare.topSums(flagged, java.util.List.of(keys), "revenue_cents", s.topCustomersPercent(),
        "_top_cents");
    sales = sales.join(top, keys, "left")
        .withColumn("sales_amount", CustomerSummaries.amount(col("_sales_cents")))
        .withColumn("revenue", CustomerSummaries.amount(col("_revenue_cents")))
        .withColumn("old_customer_revenue", CustomerSummaries.amount(col("_old_cents")))
        .withColumn("top_customers_revenue", CustomerSummaries.amount(col("_top_cents")));

    Dataset<Row> serviceMonths = Months.serviceMonths(inGroups(grouped, col(CustomerSummaries.SERVICE_MONTHS)),
        "breakdown", "breakdown_value");
    Dataset<Row> service = serviceMonths
        .groupBy("breakdown", "breakdown_value", "month_start")
        .agg(sum("satisfaction_responses").as("satisfaction_responses"),
            sum("satisfaction_sum").as("_satisfaction_sum"),
            sum("complaints").as("complaints"),
            sum("answered_in_time").as("complaints_answered_in_time"))
        .withColumn("average_satisfaction", ratio(col("_satisfaction_sum"), col("satisfaction_responses")));
    Dataset<Row> resolution = serviceMonths
        .select(col("breakdown"), col("breakdown_value"), col("month_start"), explode(col("resolution_hours")).as("_h"))
        .groupBy("breakdown", "breakdown_value", "month_start")
        .agg(median(col("_h")).as("median_resolution_hours"));
    service = service.join(resolution, keys, "left");

    Dataset<Row> grid = Months.grid(in, summaries).crossJoin(groups.select("breakdown", "breakdown_value").distinct());
    Dataset<Row> joined = grid.join(sales, keys, "left").join(service, keys, "left");
    joined = GoldColumns.withZeros(joined,
        new String[] {"active_customers", "new_customers", "won_back_customers", "repeat_customers",
            "retained_customers", "purchase_days", "satisfaction_responses", "complaints", "complaints_answered_in_time"},
        new String[] {"sales_amount", "revenue", "old_customer_revenue", "top_customers_revenue"});
    WindowSpec byGroup = Window.partitionBy("breakdown", "breakdown_value").orderBy("month_start");
    java.util.Map<String, Column> rates = new java.util.LinkedHashMap<>();
    rates.put("as_of_date", in.asOfDate());
    rates.put("returning_customers", col("active_customers").minus(col("new_customers")));
    rates.put("repeat_purchase_rate", ratio(col("repeat_customers"), col("active_customers")));
    rates.put("retention_rate", ratio(col("retained_customers"), col("previous_month_active_customers")));
    rates.put("purchase_frequency", ratio(col("purchase_days"), col("active_customers")));
    rates.put("average_order_value", ratio(col("sales_amount"), col("purchase_days")));
    rates.put("old_customer_revenue_share", ratio(col("old_customer_revenue"), col("revenue")));
    rates.put("top_customers_revenue_share", ratio(col("top_customers_revenue"), col("revenue")));
    rates.put("complaint_rate", ratio(col("complaints"), col("purchase_days")));
    rates.put("answered_in_time_share", ratio(col("complaints_answered_in_time"), col("complaints")));
    Dataset<Row> metrics = joined
        .withColumn("previous_month_active_customers", coalesce(lag("active_customers", 1).over(byGroup), lit(0L)))
        .withColumns(rates);
    return GoldColumns.conform(TableCatalog.LOYALTY_METRICS, metrics);
  }

  /** The existing customers' months with the segments that decide their groups ({@link #groups}). */
  static Dataset<Row> grouped(Dataset<Row> summaries, Dataset<Row> classified) {
    return summaries.select("customer_key", CustomerSummaries.MONTHS, CustomerSummaries.SERVICE_MONTHS)
        .join(classified.select("customer_key", "nature_segment", "value_position"), "customer_key");
  }

  /** Each customer's groups: (all, all), (nature, nature_segment), (value_position, value_position). */
  static Dataset<Row> groups(Dataset<Row> classified) {
    return inGroups(classified);
  }

  /** One row per customer and group, with the given columns carried along. */
  private static Dataset<Row> inGroups(Dataset<Row> classified, Column... carried) {
    Column[] columns = new Column[carried.length + 2];
    columns[0] = col("customer_key");
    System.arraycopy(carried, 0, columns, 1, carried.length);
    columns[carried.length + 1] = explode(array(
            struct(lit(ALL).as("breakdown"), lit(ALL).as("breakdown_value")),
            struct(lit(CustomerSegments.NATURE).as("breakdown"), col("nature_segment").as("breakdown_value")),
            struct(lit(CustomerSegments.VALUE_POSITION).as("breakdown"), col("value_position").as("breakdown_value"))))
        .as("g");
    return classified.select(columns).select(col("*"), col("g.breakdown"), col("g.breakdown_value")).drop("g");
  }
}
