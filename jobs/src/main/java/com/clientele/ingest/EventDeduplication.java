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
 * Deduplication of event records (transactions, interactions, referrals) by their id, against the
 * batch itself and against what silver already holds:
 * <ul>
 *   <li>the first row of an id in the batch (by logical date, file, row) is the candidate; later rows
 *       with the same content are duplicates, with other content duplicate-key conflicts;</li>
 *   <li>a candidate whose id silver already has is a duplicate when the content is equal, a
 *       conflict otherwise — unless silver's row came from this very line (a retried run), which
 *       counts as loaded;</li>
 *   <li>everything else is new and is appended;</li>
 *   <li>for transactions, a row that repeats a known line except for its payment terms is payment
 *       news ({@link PaymentTerms}), kept in silver.payment_updates and counted as loaded.</li>
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
   * <p>The batch's rows carry their file_id, not their file's path ({@link FileLineage}): the path is
   * joined from {@code files} (file_id, source_file) for the rows whose id the batch holds more than
   * once, the only ones ordered (and named in a conflict) by it.
   *
   * @param rows how many rows {@code valid} has (decides how silver is searched)
   * @param files file_id and source_file of every file the batch's rows come from
   */
  static Dataset<Row> classify(Dataset<Row> valid, long rows, Dataset<Row> files, Dataset<Row> existing,
      String idColumn) {
    return classify(valid, rows, files, existing, null, idColumn);
  }

  /**
   * As {@link #classify(Dataset, long, Dataset, String)}, for transactions with their payment news
   * ({@link PaymentTerms}): given silver.payment_updates ({@code updates}, not null), a row whose
   * id is known (in silver or earlier in the batch) is a duplicate when its content equals any
   * content of the id seen before it (silver's line, its payment news, the batch's earlier rows), a
   * {@code payment_update} when it differs only in the payment columns, a conflict otherwise. A row
   * that silver already holds as a payment update (a retried run) is already_loaded.
   */
  static Dataset<Row> classify(Dataset<Row> valid, long rows, Dataset<Row> files, Dataset<Row> existing,
      Dataset<Row> updates, String idColumn) {
    boolean payments = updates != null;
    Dataset<Row> repeated = valid.groupBy(col(idColumn).as("_repeated_id")).count()
        .where(col("count").gt(1)).select("_repeated_id");
    Dataset<Row> flagged = valid.join(broadcast(repeated), col(idColumn).equalTo(col("_repeated_id")), "left");
    Column at = concat(col("source_file"), lit(" row "), col("row_number"));
    // A row whose id is alone in the batch is its id's first row: never ordered, never named as the
    // first of its id (only a later row of the id, of which there is none, would name it).
    Dataset<Row> single = flagged.where(col("_repeated_id").isNull())
        .withColumn("source_file", lit(null).cast("string"))
        .withColumn("_rank", lit(1))
        .withColumn("_first_hash", col("record_hash"))
        .withColumn("_first_at", lit(null).cast("string"));
    WindowSpec byId = Window.partitionBy(idColumn).orderBy("logical_date", "source_file", "row_number");
    Dataset<Row> multiple = FileLineage.attach(flagged.where(col("_repeated_id").isNotNull()), files,
            List.of("source_file"))
        .withColumn("_rank", row_number().over(byId))
        .withColumn("_first_hash", first("record_hash").over(byId))
        .withColumn("_first_at", first(at).over(byId));
    if (payments) {
      single = single.withColumn("_first_core", PaymentTerms.core());
      multiple = multiple.withColumn("_first_core", first(PaymentTerms.core()).over(byId));
    }
    Dataset<Row> ranked = single.unionByName(multiple).withColumn("_multi", col("_repeated_id").isNotNull())
        .drop("_repeated_id");

    Dataset<Row> candidates = existing;
    Dataset<Row> batchIds = valid.select(col(idColumn).as("_batch_id")).distinct();
    if (rows <= SMALL_BATCH) {
      candidates = existing.join(broadcast(batchIds), existing.col(idColumn).equalTo(col("_batch_id")), "left_semi");
    }
    List<Column> knownColumns = new ArrayList<>(List.of(
        col(idColumn).as("_existing_id"), col("record_hash").as("_existing_hash"),
        col("file_id").as("_existing_file_id"), col("row_number").as("_existing_row"),
        concat(col("source_file"), lit(" row "), col("row_number")).as("_existing_at")));
    if (payments) {
      knownColumns.add(PaymentTerms.core().as("_existing_core"));
    }
    Dataset<Row> known = candidates.select(knownColumns.toArray(Column[]::new));
    if (payments) {
      Dataset<Row> news = rows <= SMALL_BATCH
          ? updates.join(broadcast(batchIds), col("transaction_id").equalTo(col("_batch_id")), "left_semi")
          : updates;
      Dataset<Row> latest = PaymentTerms.latestUpdates(news);
      if (rows <= SMALL_BATCH) {
        latest = broadcast(latest);
      }
      known = known.join(latest, col("_existing_id").equalTo(col("_update_id")), "left")
          .withColumn("_known_hashes", concat(array(col("_existing_hash")),
              coalesce(col("_update_hashes"), array().cast("array<string>"))))
          .drop("_update_id", "_update_terms", "_update_order", "_update_hashes");
    }
    if (rows <= SMALL_BATCH) {
      known = broadcast(known);
    } else if (existing.isEmpty() && (!payments || updates.isEmpty())) {
      // A large batch into an empty table (a first load of the history): nothing to look up, and the
      // optimiser drops a join with an empty side instead of shuffling every row of the batch by id
      // against no rows. (A small batch's broadcast join costs nothing to keep.)
      known = known.limit(0);
    }
    Dataset<Row> joined = ranked.join(known, ranked.col(idColumn).equalTo(known.col("_existing_id")), "left");
    Column rank = col("_rank");
    Column status;
    if (payments) {
      // The content every row of the id must share: silver's line, or the batch's first row.
      joined = joined.withColumn("_core_ok", PaymentTerms.core().eqNullSafe(
          when(col("_existing_id").isNull(), col("_first_core")).otherwise(col("_existing_core"))));
      // The contents of the id seen before each row: silver's line and payment news, the batch's earlier rows.
      WindowSpec before = byId.rowsBetween(Window.unboundedPreceding(), -1);
      Dataset<Row> once = joined.where(not(col("_multi"))).withColumn("_earlier_hashes", array().cast("array<string>"));
      Dataset<Row> repeatedRows = joined.where(col("_multi"))
          .withColumn("_earlier_hashes", collect_list(col("record_hash")).over(before));
      joined = once.unionByName(repeatedRows);
      Column seen = coalesce(array_contains(col("_known_hashes"), col("record_hash")), lit(false))
          .or(coalesce(array_contains(col("_earlier_hashes"), col("record_hash")), lit(false)));
      Column retried = col("_existing_file_id").equalTo(col("file_id")).and(col("_existing_row").equalTo(col("row_number")))
          .or(coalesce(array_contains(col("_update_rows"),
              concat_ws(":", col("file_id"), col("row_number").cast("string"))), lit(false)));
      status = when(coalesce(retried, lit(false)), "already_loaded")
          .when(rank.equalTo(1).and(col("_existing_id").isNull()), "new")
          .when(seen, "duplicate")
          .when(not(col("_core_ok")), "conflict")
          .otherwise(PAYMENT_UPDATE);
    } else {
      status = when(rank.gt(1).and(col("record_hash").equalTo(col("_first_hash"))), "duplicate")
          .when(rank.gt(1), "conflict")
          .when(col("_existing_id").isNull(), "new")
          .when(col("_existing_file_id").equalTo(col("file_id")).and(col("_existing_row").equalTo(col("row_number"))),
              "already_loaded")
          .when(col("_existing_hash").equalTo(col("record_hash")), "duplicate")
          .otherwise("conflict");
    }
    Column conflictWith = when(rank.gt(1), col("_first_at")).otherwise(col("_existing_at"));
    return joined
        .withColumn("dedup_status", status)
        .withColumn("dedup_detail", concat(lit(idColumn + " '"), col(idColumn),
            lit(payments ? "' is already used with different content (other than its payment terms) by "
                : "' is already used with different content by "), conflictWith))
        .drop("source_file", "_rank", "_first_hash", "_first_at", "_existing_id", "_existing_hash",
            "_existing_file_id", "_existing_row", "_existing_at", "_multi", "_first_core", "_existing_core",
            "_known_hashes", "_update_rows", "_core_ok", "_earlier_hashes");
  }

  /** The status of a transaction row that brings payment news about a line silver holds. */
  static final String PAYMENT_UPDATE = "payment_update";

  /** The outcome of each classified row. */
  static Dataset<Row> outcomes(Dataset<Row> classified) {
    Column status = col("dedup_status");
    Column outcome = when(status.isin("new", "already_loaded", PAYMENT_UPDATE), Outcomes.LOADED)
        .when(status.equalTo("duplicate"), Outcomes.DUPLICATE)
        .otherwise(Outcomes.QUARANTINED);
    Column isConflict = status.equalTo("conflict");
    return Outcomes.of(classified, outcome,
        when(isConflict, lit(QuarantineReason.DUPLICATE_KEY_CONFLICT.code())),
        when(isConflict, col("dedup_detail")));
  }

  /** The rows to append to silver. */
  static Dataset<Row> newRows(Dataset<Row> classified) {
    return classified.where(col("dedup_status").equalTo("new"));
  }

  /** The payment news to append to silver.payment_updates. */
  static Dataset<Row> paymentUpdates(Dataset<Row> classified) {
    return classified.where(col("dedup_status").equalTo(PAYMENT_UPDATE));
  }
}
