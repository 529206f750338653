package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ExportKind;
import com.clientele.runtime.CrashPoints;
import com.clientele.runtime.Parallel;
import com.clientele.runtime.Progress;
import com.clientele.runtime.Stopwatch;
import com.clientele.runtime.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.Row;

/**
 * The write step of an ingest run, the only one that changes the warehouse. Called once the
 * classification is complete and its accounting balances. The bronze slices, the customer archive,
 * the silver records and the quarantine's slice each go to their own tables, so they are written at
 * the same time: on a daily batch each write is mostly planning and a Delta commit, which overlap.
 * Then, one after the other: the settling of earlier rows that waited for their customer (they leave
 * the quarantine only once the records holding them are committed) and the ingest log, last. So a
 * run that dies half-way is simply run again: whichever writes committed, each replaces its own slice
 * or recognises rows it already wrote, and files are only skipped once their log rows exist.
 */
final class IngestWriter {

  /** The stages {@link #write} announces ({@link Progress}). */
  static final int STAGES = 2;

  /** Writes at once; more only queue up behind Spark's cores on small data. */
  private static final int WRITERS = 3;

  private final Warehouse warehouse;

  IngestWriter(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** One write, named for the log. */
  private record Write(String name, Runnable step) {}

  /**
   * Writes the run's changes; {@code slice} selects the batch's rows (logical dates and file ids),
   * {@code logRows} are the batch's ingest-log rows (the files read and the files rejected), merged by file id.
   */
  void write(IngestChanges changes, String runId, String slice, Dataset<Row> logRows, Stopwatch watch) {
    Progress.stage("writing bronze, the customer archive, the silver records and the quarantine");
    // The longest writes first: the pool takes them in this order. The archive's two SCD2 MERGEs
    // (find the matches, rewrite the files) take longest on a daily batch; then the appends.
    List<Write> writes = new ArrayList<>();
    IngestChanges.CustomerVersions customers = changes.customers();
    if (customers != null) {
      List<String> keys = List.of("customer_key", "valid_from");
      writes.add(new Write(TableCatalog.CUSTOMERS.qualifiedName(),
          () -> writeVersions(TableCatalog.CUSTOMERS, customers.history(), customers.obsolete(), customers.onlyNew(),
              keys)));
      writes.add(new Write(TableCatalog.CUSTOMER_PII.qualifiedName(),
          () -> writeVersions(TableCatalog.CUSTOMER_PII, customers.piiHistory(), customers.piiObsolete(),
              customers.piiOnlyNew(), keys)));
    }
    for (Map.Entry<Table, Dataset<Row>> fresh : changes.fresh().entrySet()) {
      writes.add(new Write(fresh.getKey().qualifiedName(), () -> warehouse.append(fresh.getKey(), fresh.getValue())));
    }
    for (Map.Entry<ExportKind, Dataset<Row>> bronze : changes.bronze().entrySet()) {
      Table table = TableCatalog.bronzeFor(bronze.getKey());
      writes.add(new Write(table.qualifiedName(), () -> warehouse.replace(table, slice, bronze.getValue())));
    }
    writes.add(new Write(TableCatalog.QUARANTINE.qualifiedName(),
        () -> warehouse.replace(TableCatalog.QUARANTINE, slice, changes.quarantine())));
    Parallel.map(writes, WRITERS, "ingest-writer", write -> {
      Stopwatch own = new Stopwatch(watch.run());
      write.step().run();
      own.lap(write.name());
      return write.name();
    });
    watch.lap("bronze, customers, silver records and quarantine");
    CrashPoints.reach("ingest:before-log");
    Progress.stage("writing the ingest log (the run's commit point) and settling rows that waited for their customer");
    boolean settling = changes.settled() != null && !changes.settled().isEmpty();
    if (settling) {
      // Written ahead: the keys of the rows leaving the quarantine, so that a run dying between the
      // log's commit and the quarantine's can be finished by the next run (finishSettling).
      changes.settled().select("file_id", "row_number").write().mode(SaveMode.Overwrite)
          .parquet(settlingPath(runId).toString());
      CrashPoints.reach("ingest:settling-saved");
    }
    // One commit: the batch's log rows and the settled rows' count moves for their earlier files.
    writeLog(logRows, settling ? moves(changes.settled()) : null);
    watch.lap("ingest log");
    CrashPoints.reach("ingest:logged");
    if (settling) {
      finishSettling(warehouse);
      watch.lap("rows that waited for their customer");
    }
  }

  /**
   * An SCD2 MERGE, or a plain append when the batch's customers have no version in the table yet (a
   * first load, or a day of new customers only): the MERGE would only insert, after joining the
   * history with the table to find the files it touches (measured in docs/benchmarks/NOTES.md).
   */
  private void writeVersions(Table table, Dataset<Row> history, Dataset<Row> obsolete, boolean onlyNew,
      List<String> keys) {
    if (warehouse.exists(table) && !onlyNew) {
      warehouse.mergeVersions(table, history, obsolete, keys);
    } else {
      warehouse.append(table, history);
    }
  }

  /** The write-ahead keys of a run's settled rows, under {@code _clientele/settling/<run>}. */
  private Path settlingPath(String runId) {
    return new Path(warehouse.metaPath(SETTLING), runId);
  }

  static final String SETTLING = "settling";

  /**
   * Per earlier file, how its counts move: rows of earlier files that waited for their customer and
   * are now loaded (or duplicates) leave the quarantine.
   */
  private static Dataset<Row> moves(Dataset<Row> settled) {
    return settled.groupBy("file_id").agg(
        sum(when(col("outcome").equalTo(Outcomes.LOADED), 1).otherwise(0)).cast("long").as("_loaded"),
        sum(when(col("outcome").equalTo(Outcomes.DUPLICATE), 1).otherwise(0)).cast("long").as("_duplicate"));
  }

  /**
   * The ingest log's one commit for the run, its commit point: the batch's files (inserted; a file
   * whose row exists is replaced) and the count moves of earlier files whose waiting rows settled.
   * Files are skipped by later runs only once this has committed; every other write of the run
   * replaces its own slice or recognises rows it already wrote.
   */
  private void writeLog(Dataset<Row> logRows, Dataset<Row> moves) {
    Table log = TableCatalog.INGEST_LOG;
    Dataset<Row> source = logRows.selectExpr(log.columnNames().stream().map(c -> "`" + c + "`").toArray(String[]::new))
        .withColumn("_move", lit(false)).withColumn("_loaded", lit(0L)).withColumn("_duplicate", lit(0L));
    if (moves != null) {
      Column[] columns = java.util.Arrays.stream(log.schema().fields())
          .map(f -> f.name().equals("file_id") ? col("file_id") : lit(null).cast(f.dataType()).as(f.name()))
          .toArray(Column[]::new);
      source = source.unionByName(moves.select(col("file_id"), col("_loaded"), col("_duplicate"))
          .select(java.util.stream.Stream.concat(java.util.Arrays.stream(columns),
              java.util.stream.Stream.of(lit(true).as("_move"), col("_loaded"), col("_duplicate")))
              .toArray(Column[]::new)));
    }
    Map<String, String> all = new java.util.LinkedHashMap<>();
    log.columnNames().forEach(c -> all.put("`" + c + "`", "s.`" + c + "`"));
    warehouse.delta(log).as("t")
        .merge(source.as("s"), "t.file_id = s.file_id")
        .whenMatched("s._move").updateExpr(Map.of(
            "rows_loaded", "t.rows_loaded + s._loaded",
            "rows_duplicate", "t.rows_duplicate + s._duplicate",
            "rows_quarantined", "t.rows_quarantined - s._loaded - s._duplicate"))
        .whenMatched().updateExpr(all)
        .whenNotMatched("NOT s._move").insertExpr(all)
        .execute();
  }

  /**
   * Finishes settling: for each run whose settled rows were written ahead ({@code _clientele/settling/<run>}),
   * once that run's ingest log commit exists, its settled rows leave the quarantine; the written-ahead
   * keys of a run that died before its log commit are dropped (its re-run settles the rows again).
   * Idempotent; every ingest calls it first, so the quarantine never keeps a row the log counts as
   * settled for longer than until the next ingest.
   */
  static void finishSettling(Warehouse warehouse) {
    Path dir = warehouse.metaPath(SETTLING);
    FileSystem fs = warehouse.fileSystem();
    try {
      if (!fs.exists(dir)) {
        return;
      }
      for (FileStatus run : fs.listStatus(dir)) {
        String runId = run.getPath().getName();
        boolean committed = warehouse.exists(TableCatalog.INGEST_LOG) && !warehouse.read(TableCatalog.INGEST_LOG)
            .where(col("ingest_run_id").equalTo(runId)).isEmpty();
        if (committed && fs.exists(new Path(run.getPath(), "_SUCCESS"))) {
          Dataset<Row> keys = warehouse.spark().read().parquet(run.getPath().toString());
          warehouse.delta(TableCatalog.QUARANTINE).as("t")
              .merge(keys.as("s"), "t.file_id = s.file_id AND t.row_number = s.row_number")
              .whenMatched().delete()
              .execute();
          CrashPoints.reach("ingest:settled");
        }
        fs.delete(run.getPath(), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish settling from " + dir, e);
    }
  }
}
