package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Slowly changing dimension, type 2, keyed by customer_key: a customer's archive keeps every
 * version of its values (valid_from inclusive, valid_to exclusive, is_current on the live one).
 *
 * <p>A batch brings candidate versions dated by their file's logical date. For every customer the
 * batch touches, the existing versions and the candidates are laid on one timeline ordered by
 * date (existing before new on the same day; a new value on a day that already has one corrects
 * it), consecutive equal values are collapsed, and the validity intervals are recomputed. So a
 * file that arrives late for an earlier day slots into the right place, and re-applying the same
 * rows changes nothing. Only touched customers are rewritten.
 */
final class CustomerHistory {

  private CustomerHistory() {}

  /**
   * All three are computed from materialised inputs, so they stay valid while the table is rewritten.
   *
   * @param history the new full history of the touched customers (table columns, in any order)
   * @param obsolete existing (customer_key, valid_from) versions of those customers that no longer exist
   * @param changes per candidate (file_id, row_number): whether it changed the timeline
   * @param onlyNewCustomers none of the batch's customers has a version in the table yet: {@code obsolete}
   *     is empty and {@code history} only adds rows, so it can be appended instead of merged
   */
  record Result(Dataset<Row> history, Dataset<Row> obsolete, Dataset<Row> changes, boolean onlyNewCustomers) {}

  static final List<String> LINEAGE = List.of("source_name", "source_file", "file_id", "row_number",
      "logical_date", "ingest_run_id");

  /**
   * @param existing the table's current rows
   * @param candidates one row per (customer_key, logical_date) at most, with the payload, hash and
   *     lineage columns
   * @param share shares a frame that later steps read several times ({@link com.clientele.runtime.Lineage})
   */
  static Result apply(Dataset<Row> existing, Dataset<Row> candidates, String hashColumn, List<String> payload,
      java.util.function.UnaryOperator<Dataset<Row>> share) {
    Dataset<Row> touchedKeys = candidates.select("customer_key").distinct();
    Dataset<Row> candidateLines = candidates.select(col("file_id").as("_cf"), col("row_number").as("_cr"));
    // Materialised: everything below derives from these two, never from the table being rewritten.
    Dataset<Row> touched = share.apply(existing.join(touchedKeys, "customer_key"));
    // A version written by this very line (a retried run) is replaced by the candidate itself.
    Dataset<Row> kept = touched.join(candidateLines,
        touched.col("file_id").equalTo(candidateLines.col("_cf"))
            .and(touched.col("row_number").equalTo(candidateLines.col("_cr"))), "left_anti");

    Dataset<Row> timeline = points(kept, "valid_from", 0, hashColumn, payload)
        .unionByName(points(candidates, "logical_date", 1, hashColumn, payload));
    WindowSpec inOrder = Window.partitionBy("customer_key").orderBy("point_date", "_src", "source_file", "row_number");
    Dataset<Row> marked = share.apply(timeline.withColumn("_previous", lag(col(hashColumn), 1).over(inOrder)));
    Dataset<Row> changes = marked.where(col("_src").equalTo(1)).select(
        col("file_id"), col("row_number"),
        col("_previous").isNull().or(col("_previous").notEqual(col(hashColumn))).as("is_change"));

    // The last value of each day wins (a correction), then equal neighbours collapse.
    WindowSpec sameDay = Window.partitionBy("customer_key", "point_date").orderBy(col("_src").desc(),
        col("source_file").desc(), col("row_number").desc());
    WindowSpec byDate = Window.partitionBy("customer_key").orderBy("point_date");
    Dataset<Row> collapsed = marked
        .withColumn("_day_rank", row_number().over(sameDay))
        .where(col("_day_rank").equalTo(1))
        .withColumn("_before", lag(col(hashColumn), 1).over(byDate))
        .where(col("_before").isNull().or(col("_before").notEqual(col(hashColumn))));
    List<Column> columns = new ArrayList<>();
    columns.add(col("customer_key"));
    payload.forEach(c -> columns.add(col(c)));
    columns.add(col(hashColumn));
    columns.add(col("point_date").as("valid_from"));
    columns.add(lead(col("point_date"), 1).over(byDate).as("valid_to"));
    columns.add(lead(col("point_date"), 1).over(byDate).isNull().as("is_current"));
    LINEAGE.forEach(c -> columns.add(col(c)));
    Dataset<Row> history = collapsed.select(columns.toArray(Column[]::new));
    Dataset<Row> remaining = history.select(col("customer_key").as("_hk"), col("valid_from").as("_hv"));
    Dataset<Row> obsolete = touched.select("customer_key", "valid_from").join(remaining,
        col("customer_key").equalTo(col("_hk")).and(col("valid_from").equalTo(col("_hv"))), "left_anti");
    // Cheap: a look at the materialised rows. True on a first load and on days that bring only new
    // customers; a retried run finds its own earlier rows here, so it takes the merge.
    return new Result(history, obsolete, changes, touched.isEmpty());
  }

  private static Dataset<Row> points(Dataset<Row> rows, String dateColumn, int src, String hashColumn,
      List<String> payload) {
    List<Column> columns = new ArrayList<>();
    columns.add(col("customer_key"));
    columns.add(col(dateColumn).as("point_date"));
    payload.forEach(c -> columns.add(col(c)));
    columns.add(col(hashColumn));
    LINEAGE.forEach(c -> columns.add(col(c)));
    columns.add(lit(src).as("_src"));
    return rows.select(columns.toArray(Column[]::new));
  }
}
