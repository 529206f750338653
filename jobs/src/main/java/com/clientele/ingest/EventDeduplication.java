package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Deduplication of event records (transactions, interactions, referrals) by their id, against the
 * batch itself and against what silver already holds:
 * <ul>
 *   <li>the first row of an id in the batch (by logical date, file, row) is the candidate; later rows
 *       with the same content are duplicates, with other content duplicate-key conflicts;</li>
 *   <li>a candidate whose id silver already has is a duplicate when the content is equal, a
 *       conflict otherwise — unless silver's row came from this very line (a retried run), which
 *       counts as loaded;</li>
 *   <li>everything else is new and is appended.</li>
 * </ul>
 * Because the earliest row wins, ingesting day by day and ingesting all days at once give the
 * same silver table.
 */
final class EventDeduplication {

  private EventDeduplication() {}

  /** Batches up to this many rows look their ids up in silver by broadcasting them. */
  static final long SMALL_BATCH = 500_000;

  /**
   * Adds {@code dedup_status}: new, already_loaded, duplicate or conflict (and a conflict detail).
   *
   * <p>Cost: ranking rows by id is needed only for ids the batch holds more than once (usually
   * none); finding those shuffles the ids, not the rows. Silver is searched for the batch's ids: a
   * small batch (a daily file) broadcasts its ids, so silver's rows are scanned but never shuffled.
   *
   * @param rows how many rows {@code valid} has (decides how silver is searched)
   */
  static Dataset<Row> classify(Dataset<Row> valid, long rows, Dataset<Row> existing, String idColumn) {
    Dataset<Row> repeated = valid.groupBy(col(idColumn).as("_repeated_id")).count()
        .where(col("count").gt(1)).select("_repeated_id");
    Dataset<Row> flagged = valid.join(broadcast(repeated), col(idColumn).equalTo(col("_repeated_id")), "left");
    Column at = concat(col("source_file"), lit(" row "), col("row_number"));
    Dataset<Row> single = flagged.where(col("_repeated_id").isNull())
        .withColumn("_rank", lit(1))
        .withColumn("_first_hash", col("record_hash"))
        .withColumn("_first_at", at);
    WindowSpec byId = Window.partitionBy(idColumn).orderBy("logical_date", "source_file", "row_number");
    Dataset<Row> multiple = flagged.where(col("_repeated_id").isNotNull())
        .withColumn("_rank", row_number().over(byId))
        .withColumn("_first_hash", first("record_hash").over(byId))
        .withColumn("_first_at", first(at).over(byId));
    Dataset<Row> ranked = single.unionByName(multiple).drop("_repeated_id");

    Dataset<Row> candidates = existing;
    if (rows <= SMALL_BATCH) {
      candidates = existing.join(broadcast(valid.select(col(idColumn).as("_batch_id")).distinct()),
          existing.col(idColumn).equalTo(col("_batch_id")), "left_semi");
    }
    Dataset<Row> known = candidates.select(
        col(idColumn).as("_existing_id"), col("record_hash").as("_existing_hash"),
        col("file_id").as("_existing_file_id"), col("row_number").as("_existing_row"),
        concat(col("source_file"), lit(" row "), col("row_number")).as("_existing_at"));
    if (rows <= SMALL_BATCH) {
      known = broadcast(known);
    }
    Dataset<Row> joined = ranked.join(known, ranked.col(idColumn).equalTo(known.col("_existing_id")), "left");
    Column rank = col("_rank");
    Column status = when(rank.gt(1).and(col("record_hash").equalTo(col("_first_hash"))), "duplicate")
        .when(rank.gt(1), "conflict")
        .when(col("_existing_id").isNull(), "new")
        .when(col("_existing_file_id").equalTo(col("file_id")).and(col("_existing_row").equalTo(col("row_number"))), "already_loaded")
        .when(col("_existing_hash").equalTo(col("record_hash")), "duplicate")
        .otherwise("conflict");
    Column conflictWith = when(rank.gt(1), col("_first_at")).otherwise(col("_existing_at"));
    return joined
        .withColumn("dedup_status", status)
        .withColumn("dedup_detail", concat(lit(idColumn + " '"), col(idColumn),
            lit("' is already used with different content by "), conflictWith))
        .drop("_rank", "_first_hash", "_first_at", "_existing_id", "_existing_hash",
            "_existing_file_id", "_existing_row", "_existing_at");
  }

  /** The outcome of each classified row. */
  static Dataset<Row> outcomes(Dataset<Row> classified, String kind) {
    Column status = col("dedup_status");
    Column outcome = when(status.isin("new", "already_loaded"), Outcomes.LOADED)
        .when(status.equalTo("duplicate"), Outcomes.DUPLICATE)
        .otherwise(Outcomes.QUARANTINED);
    Column isConflict = status.equalTo("conflict");
    return Outcomes.of(classified, kind, outcome,
        when(isConflict, lit(QuarantineReason.DUPLICATE_KEY_CONFLICT.code())),
        when(isConflict, col("dedup_detail")));
  }

  /** The rows to append to silver. */
  static Dataset<Row> newRows(Dataset<Row> classified) {
    return classified.where(col("dedup_status").equalTo("new"));
  }
}
