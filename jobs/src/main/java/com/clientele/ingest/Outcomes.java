package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What became of each input row: {@code loaded} (it is in silver), {@code duplicate} (the same
 * record was already there or earlier in the batch) or {@code quarantined} (with a reason).
 * Every bronze row gets exactly one outcome; the ingest log counts them per file.
 */
final class Outcomes {

  static final String LOADED = "loaded";
  static final String DUPLICATE = "duplicate";
  static final String QUARANTINED = "quarantined";

  /**
   * Columns every per-row frame of the ingest carries, from typing to the silver rows (the outcomes
   * keep only file_id and row_number of them: see {@link #of}). The raw text is not among them: only
   * quarantined rows need it, and they fetch it from the records read by (file_id, row_number), so the
   * wide text is not copied through every intermediate frame. Nor are the per-file constants (source,
   * file path, run): they are attached by file_id where rows are written ({@link FileLineage}).
   */
  static final List<String> LINEAGE = List.of("file_id", "row_number", "line_number", "logical_date");

  /** The quarantine's columns, in its order (see {@link com.clientele.catalog.TableCatalog#QUARANTINE}). */
  static final List<String> QUARANTINE_COLUMNS = com.clientele.catalog.TableCatalog.QUARANTINE.columnNames();

  private Outcomes() {}

  /**
   * Outcome rows for a frame with file_id and row_number, given the outcome and reason columns: the row's
   * identity (file_id, row_number) and what became of it. The rest of a quarantined row's lineage
   * (source, file path, lines, run) is the same for every row of its file and comes from the records
   * read, with its raw text: not copied through every row's outcome (at 10M transactions the outcomes
   * were 14M rows of mostly repeated file paths and run ids).
   */
  static Dataset<Row> of(Dataset<Row> rows, Column outcome, Column reasonCode, Column reasonDetail) {
    return rows.select(col("file_id"), col("row_number"), outcome.as("outcome"),
        reasonCode.cast("string").as("reason_code"), reasonDetail.cast("string").as("reason_detail"));
  }

  /** Outcome rows for rows rejected by {@link RowChecks#firstFailure} (column {@code rejection}). */
  static Dataset<Row> rejected(Dataset<Row> typed) {
    return of(typed.where(col("rejection").isNotNull()), lit(QUARANTINED),
        col("rejection.reason_code"), col("rejection.reason_detail"));
  }

  static Dataset<Row> quarantined(Dataset<Row> rows, QuarantineReason reason, Column detail) {
    return of(rows, lit(QUARANTINED), lit(reason.code()), detail);
  }
}
