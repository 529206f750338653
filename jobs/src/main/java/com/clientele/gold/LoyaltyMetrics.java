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

  /** @param classified customers with first_purchase_date, nature_segment and value_position */
  public static Dataset<Row> compute(GoldInputs in, Dataset<Row> classified, AnalyticsSettings s) {
    Dataset<Row> groups = groups(classified);
    Dataset<Row> firstPurchase = classified.select("customer_key", "first_purchase_date");

    Column isOld = col("first_purchase_date").isNotNull()
        .and(datediff(col("activity_date"), col("first_purchase_date")).gt(s.newCustomerDays()));
    Dataset<Row> customerMonths = in.days()
        .join(firstPurchase, "customer_key")
        .groupBy(col("customer_key"), trunc(col("activity_date"), "month").as("month_start"))
        .agg(first("first_purchase_date").as("first_purchase_date"),
            count(when(col("purchase_lines").gt(0), lit(1))).as("purchase_days"),
            sum("sales_amount").as("sales_amount"),
            sum("net_amount").as("revenue"),
            sum(when(isOld, col("net_amount")).otherwise(lit(0))).as("old_customer_revenue"));
    WindowSpec byCustomer = Window.partitionBy("customer_key").orderBy("month_start");
    Column active = col("purchase_days").gt(0);
    Dataset<Row> wonBack = PurchaseHistory.events(PurchaseHistory.purchaseDays(in.days()), in.asOf(),
            s.churnInactivityDays())
        .where(col("event").equalTo(PurchaseHistory.WON_BACK))
        .select(col("customer_key"), trunc(col("event_date"), "month").as("month_start"))
        .distinct()
        .withColumn("is_won_back", lit(true));
    Dataset<Row> flagged = customerMonths
        .withColumn("_purchase_days_to_date", sum("purchase_days").over(
            byCustomer.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn("_previous_active_month", last(when(active, col("month_start")), true).over(
            byCustomer.rowsBetween(Window.unboundedPreceding(), -1)))
        .withColumn("is_active", active)
        .withColumn("is_new", active.and(trunc(col("first_purchase_date"), "month").equalTo(col("month_start"))))
        .withColumn("is_repeat", active.and(col("_purchase_days_to_date").geq(2)))
        .withColumn("is_retained", active.and(coalesce(
            col("_previous_active_month").equalTo(add_months(col("month_start"), -1)), lit(false))))
        .join(wonBack, new String[] {"customer_key", "month_start"}, "left")
        .join(groups, "customer_key");

    WindowSpec inGroupMonth = Window.partitionBy("breakdown", "breakdown_value", "month_start");
    Column topCount = count(lit(1)).over(inGroupMonth).multiply(s.topCustomersPercent()).plus(99).divide(100)
        .cast("long");
    Column rank = row_number().over(inGroupMonth.orderBy(col("revenue").desc(), col("customer_key")));
    Dataset<Row> sales = flagged
        .withColumn("is_top", rank.leq(topCount))
        .groupBy("breakdown", "breakdown_value", "month_start")
        .agg(count(when(col("is_active"), lit(1))).as("active_customers"),
            count(when(col("is_new"), lit(1))).as("new_customers"),
            count(when(col("is_won_back").equalTo(true), lit(1))).as("won_back_customers"),
            count(when(col("is_repeat"), lit(1))).as("repeat_customers"),
            count(when(col("is_retained"), lit(1))).as("retained_customers"),
            sum("purchase_days").as("purchase_days"),
            sum("sales_amount").as("sales_amount"),
            sum("revenue").as("revenue"),
            sum("old_customer_revenue").as("old_customer_revenue"),
            sum(when(col("is_top"), col("revenue")).otherwise(lit(0))).as("top_customers_revenue"));

    Column complaint = ServiceLevels.isComplaint();
    Dataset<Row> service = in.interactions()
        .join(groups, "customer_key")
        .groupBy(col("breakdown"), col("breakdown_value"), trunc(col("received_date"), "month").as("month_start"))
        .agg(count(col("satisfaction")).as("satisfaction_responses"),
            avg(col("satisfaction").cast("double")).as("average_satisfaction"),
            count(when(complaint, lit(1))).as("complaints"),
            count(when(complaint.and(ServiceLevels.answeredInTime(s)), lit(1))).as("complaints_answered_in_time"),
            median(when(complaint, ServiceLevels.resolutionHours())).as("median_resolution_hours"));

    Dataset<Row> grid = Months.grid(in).crossJoin(groups.select("breakdown", "breakdown_value").distinct());
    String[] keys = {"breakdown", "breakdown_value", "month_start"};
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

  /** Each customer's groups: (all, all), (nature, nature_segment), (value_position, value_position). */
  static Dataset<Row> groups(Dataset<Row> classified) {
    return classified
        .select(col("customer_key"), explode(array(
            struct(lit(ALL).as("breakdown"), lit(ALL).as("breakdown_value")),
            struct(lit(CustomerSegments.NATURE).as("breakdown"), col("nature_segment").as("breakdown_value")),
            struct(lit(CustomerSegments.VALUE_POSITION).as("breakdown"), col("value_position").as("breakdown_value"))))
            .as("g"))
        .select(col("customer_key"), col("g.breakdown"), col("g.breakdown_value"));
  }
}
