package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * silver.customer_state: one row per customer with everything the gold tables read about them, so
 * that a gold build reads one row per customer (and computes each customer's facts in one pass,
 * {@link CustomerSummaries}) instead of joining every silver line since the beginning:
 * <ul>
 *   <li>{@code versions}: the customer's silver.customers versions (valid_from, valid_to and the
 *       non-personal attributes), by valid_from;</li>
 *   <li>the customer's days with transaction lines, as parallel arrays in date order:
 *       purchase_lines = sale lines, refund_lines = refund lines, sales_cents = the sum of the sale
 *       amounts, refund_cents = the sum of the refund amounts (negative), costed_sales_cents /
 *       profit_cents = the amount and amount − cost of the sale lines whose cost is known (amounts in
 *       cents; a sale line counts as a purchase even when its amount is 0, a refund never does);</li>
 *   <li>{@code interactions}: the customer's interactions (times of receipt, first response and
 *       resolution, type, category, satisfaction), by receipt time then id;</li>
 *   <li>{@code invoices}: the customer's lines on credit terms (a payment_due_date) with their
 *       effective terms ({@link com.clientele.ingest.PaymentTerms}: the latest export of the line),
 *       by transaction date.</li>
 * </ul>
 * A row depends only on the customer's silver rows, so the gold build rebuilds exactly the rows of
 * the customers whose silver rows changed ({@link GoldBuildJob#updateState}).
 */
public final class CustomerState {

  private CustomerState() {}

  static final String[] DAY_FIELDS = {"purchase_lines", "refund_lines", "sales_cents", "refund_cents",
      "costed_sales_cents", "profit_cents"};

  /**
   * The state rows of every customer found in the given silver frames (silver.customers,
   * silver.transactions, silver.payment_updates, silver.interactions columns): one per customer key in
   * any of them.
   */
  public static Dataset<Row> build(Dataset<Row> customers, Dataset<Row> transactions, Dataset<Row> paymentUpdates,
      Dataset<Row> interactions) {
    Dataset<Row> versions = customers.groupBy("customer_key")
        .agg(sort_array(collect_list(struct(col("valid_from"), col("valid_to"), col("display_name_masked"),
            col("nature"), col("nature_label"), col("industry"), col("region"), col("acquisition_channel"),
            col("registered_date"), col("birth_month_day"), col("founding_month_day")))).as("versions"));
    Dataset<Row> days = days(transactions);
    Dataset<Row> contacts = interactions.groupBy("customer_key")
        .agg(sort_array(collect_list(struct(col("received_at"), col("interaction_id"), col("interaction_type"),
            col("category"), col("first_response_at"), col("resolved_at"), col("satisfaction"))))
            .as("interactions"));
    Dataset<Row> invoices = com.clientele.ingest.PaymentTerms.effective(
            transactions.where(col("payment_due_date").isNotNull()), paymentUpdates)
        .where(col("payment_due_date").isNotNull())
        .groupBy("customer_key")
        .agg(sort_array(collect_list(struct(col("transaction_date"), col("payment_due_date"), col("paid_date"),
            col("amount").multiply(100).cast("bigint").as("amount_cents")))).as("invoices"));
    Dataset<Row> joined = versions.join(days, new String[] {"customer_key"}, "full_outer")
        .join(contacts, new String[] {"customer_key"}, "full_outer")
        .join(invoices, new String[] {"customer_key"}, "full_outer");
    List<Column> out = new ArrayList<>();
    for (StructField f : TableCatalog.CUSTOMER_STATE.schema().fields()) {
      Column c = col(f.name());
      out.add(f.dataType() instanceof ArrayType ? coalesce(c, emptyArray(f.dataType())).as(f.name()) : c);
    }
    return joined.select(out.toArray(Column[]::new));
  }

  /** Per customer: the days with transaction lines as parallel arrays (the day fields of the state). */
  static Dataset<Row> days(Dataset<Row> transactions) {
    Column sale = col("transaction_type").equalTo("sale");
    Column refund = col("transaction_type").equalTo("refund");
    Column costed = sale.and(col("cost").isNotNull());
    Column cents = col("amount").multiply(100).cast("bigint");
    Column costCents = col("cost").multiply(100).cast("bigint");
    // Partitioned by customer once: both aggregations below then run without another shuffle.
    Dataset<Row> daily = transactions.repartition(col("customer_key"))
        .groupBy(col("customer_key"), col("transaction_date").as("activity_date"))
        .agg(
            count(when(sale, lit(1))).cast("int").as("purchase_lines"),
            count(when(refund, lit(1))).cast("int").as("refund_lines"),
            coalesce(sum(when(sale, cents)), lit(0L)).as("sales_cents"),
            coalesce(sum(when(refund, cents)), lit(0L)).as("refund_cents"),
            coalesce(sum(when(costed, cents)), lit(0L)).as("costed_sales_cents"),
            coalesce(sum(when(costed, cents.minus(costCents))), lit(0L)).as("profit_cents"));
    List<Column> fields = new ArrayList<>();
    fields.add(col("activity_date"));
    for (String f : DAY_FIELDS) {
      fields.add(col(f));
    }
    List<Column> out = new ArrayList<>();
    out.add(col("customer_key"));
    out.add(col("_days.activity_date").as("activity_dates"));
    for (String f : DAY_FIELDS) {
      out.add(col("_days." + f).as(f));
    }
    return daily.groupBy("customer_key")
        .agg(sort_array(collect_list(struct(fields.toArray(Column[]::new)))).as("_days"))
        .select(out.toArray(Column[]::new));
  }

  private static Column emptyArray(DataType type) {
    return array().cast(type);
  }
}
