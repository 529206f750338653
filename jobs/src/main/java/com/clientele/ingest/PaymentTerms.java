package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A transaction line's payment terms (payment_due_date, paid_date) and how later exports change
 * them.
 *
 * <p>Exporting systems write a sale on its day, often before it is paid, and export the same line
 * again once it is paid (or its due date moves). Such a row — same transaction_id, same content
 * except the payment columns — is payment news, not a conflicting re-use of the id: ingest keeps it
 * in silver.payment_updates. A line's <em>effective</em> terms are those of its latest row in
 * silver.transactions or silver.payment_updates, ordered by (logical_date, source_file,
 * row_number): the latest export is the truth. A later export showing a state already known again
 * (e.g. the line as first exported, unpaid, after its payment was recorded) is a duplicate and
 * changes nothing: payment news moves a line forward, a stale copy does not move it back.
 */
public final class PaymentTerms {

  private PaymentTerms() {}

  /** The columns a payment update may change. */
  public static final List<String> COLUMNS = List.of("payment_due_date", "paid_date");

  /** The content of a line that must stay the same for a re-export to be payment news. */
  static final List<String> CORE = List.of("customer_key", "transaction_date", "transaction_type", "amount",
      "quantity", "cost", "product_category", "channel");

  /** The terms as one comparable value. */
  static Column terms() {
    return struct(col("payment_due_date"), col("paid_date"));
  }

  /** The line content apart from its terms, as one comparable value. */
  static Column core() {
    return struct(CORE.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
  }

  /** The order in which rows of one line supersede each other. */
  static Column order() {
    return struct(col("logical_date"), col("source_file"), col("row_number"));
  }

  /**
   * Per transaction_id with updates: the latest update's terms ({@code _update_terms}), its order
   * ({@code _update_order}), the updates' rows as "file_id:row_number" ({@code _update_rows}) and
   * their contents ({@code _update_hashes}).
   */
  static Dataset<Row> latestUpdates(Dataset<Row> updates) {
    return updates.groupBy(col("transaction_id").as("_update_id")).agg(
        max_by(terms(), order()).as("_update_terms"),
        max(order()).as("_update_order"),
        collect_set(concat_ws(":", col("file_id"), col("row_number").cast("string"))).as("_update_rows"),
        collect_set(col("record_hash")).as("_update_hashes"));
  }

  /**
   * silver.transactions rows with their effective payment_due_date and paid_date
   * (silver.payment_updates applied); every other column as stored.
   */
  public static Dataset<Row> effective(Dataset<Row> transactions, Dataset<Row> updates) {
    Dataset<Row> latest = latestUpdates(updates);
    Column later = col("_update_order").isNotNull().and(col("_update_order").gt(order()));
    Dataset<Row> joined = transactions.join(latest, transactions.col("transaction_id").equalTo(col("_update_id")),
        "left");
    return joined
        .withColumn("payment_due_date", when(later, col("_update_terms.payment_due_date"))
            .otherwise(col("payment_due_date")))
        .withColumn("paid_date", when(later, col("_update_terms.paid_date")).otherwise(col("paid_date")))
        .drop("_update_id", "_update_terms", "_update_order", "_update_rows", "_update_hashes");
  }
}
