package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * A customer's purchase timeline and the lifecycle events read from it. The one definition of
 * "purchase", "new", "won back" and "lost" used by every gold table:
 * <ul>
 *   <li>a <b>purchase day</b> is a customer day with at least one sale line (refunds are revenue
 *       corrections, not activity);</li>
 *   <li>a customer becomes <b>churned</b> ("lost") on day p + C, C = churn-inactivity-days, when p is
 *       a purchase day followed by no purchase on days p+1 … p+C;</li>
 *   <li>a purchase day d is a <b>win-back</b> when the previous purchase day p is more than C days
 *       earlier (d − p &gt; C: the customer was churned the day before);</li>
 *   <li>the <b>first purchase</b> makes a customer new.</li>
 * </ul>
 * A customer is in the active base on day t when they have bought and t − (last purchase ≤ t) &lt; C,
 * so each month: base at end = base at start + new + won back − lost.
 */
public final class PurchaseHistory {

  private PurchaseHistory() {}

  public static final String NEW = "new";
  public static final String WON_BACK = "won_back";
  public static final String LOST = "lost";

  /**
   * Customer days → purchase days with previous_purchase_date, next_purchase_date and
   * first_purchase_date (windows partitioned by customer).
   */
  public static Dataset<Row> purchaseDays(Dataset<Row> days) {
    WindowSpec timeline = Window.partitionBy("customer_key").orderBy("activity_date");
    return days.where(col("purchase_lines").gt(0))
        .withColumn("previous_purchase_date", lag(col("activity_date"), 1).over(timeline))
        .withColumn("next_purchase_date", lead(col("activity_date"), 1).over(timeline))
        .withColumn("first_purchase_date", min(col("activity_date")).over(Window.partitionBy("customer_key")));
  }

  /**
   * Lifecycle events up to the as-of date: customer_key, event (new / won_back / lost), event_date
   * (the purchase day, or for lost the day the customer became churned) and purchase_date (the
   * purchase day itself, or for lost the last purchase before churning).
   */
  public static Dataset<Row> events(Dataset<Row> purchaseDays, LocalDate asOf, int churnDays) {
    Column d = col("activity_date");
    Dataset<Row> gained = purchaseDays.where(col("previous_purchase_date").isNull())
        .select(col("customer_key"), lit(NEW).as("event"), d.as("event_date"), d.as("purchase_date"));
    Dataset<Row> wonBack = purchaseDays
        .where(col("previous_purchase_date").isNotNull()
            .and(datediff(d, col("previous_purchase_date")).gt(churnDays)))
        .select(col("customer_key"), lit(WON_BACK).as("event"), d.as("event_date"), d.as("purchase_date"));
    Dataset<Row> lost = purchaseDays
        .where(col("next_purchase_date").isNull().or(datediff(col("next_purchase_date"), d).gt(churnDays)))
        .where(date_add(d, churnDays).leq(GoldColumns.date(asOf)))
        .select(col("customer_key"), lit(LOST).as("event"), date_add(d, churnDays).as("event_date"),
            d.as("purchase_date"));
    return gained.unionByName(wonBack).unionByName(lost);
  }

  /**
   * Annual value at an anchor date: for each (customer_key, anchorColumn) row of {@code anchors},
   * adds {@code valueColumn} = the customer's net revenue on the {@code yearDays} days ending on the
   * anchor date (anchor − yearDays &lt; day ≤ anchor). Used for the value at stake of a lapsing
   * customer (anchor = last purchase) and the revenue lost with churned customers.
   */
  static Dataset<Row> withAnnualValue(Dataset<Row> anchors, String anchorColumn, Dataset<Row> days,
      int yearDays, String valueColumn) {
    Dataset<Row> keys = anchors.select(col("customer_key").as("_k"), col(anchorColumn).as("_anchor")).distinct();
    Dataset<Row> values = keys.join(days, keys.col("_k").equalTo(days.col("customer_key"))
            .and(days.col("activity_date").leq(keys.col("_anchor")))
            .and(days.col("activity_date").gt(date_sub(keys.col("_anchor"), yearDays))))
        .groupBy("_k", "_anchor")
        .agg(sum("net_amount").as(valueColumn));
    return anchors.join(values, anchors.col("customer_key").equalTo(values.col("_k"))
            .and(anchors.col(anchorColumn).equalTo(values.col("_anchor"))), "left")
        .drop("_k", "_anchor");
  }
}
