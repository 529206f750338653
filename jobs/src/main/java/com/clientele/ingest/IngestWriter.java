package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ExportKind;
import com.clientele.runtime.Parallel;
import com.clientele.runtime.Progress;
import com.clientele.runtime.Stopwatch;
import com.clientele.runtime.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
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
  static final int STAGES = 3;

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
   * {@code logSlice} its ingest-log rows (file ids: the files read and the files rejected).
   */
  void write(IngestChanges changes, String slice, String logSlice, Dataset<Row> logRows, Stopwatch watch) {
    Progress.stage("writing bronze, the customer archive, the silver records and the quarantine");
    // The largest writes first: the pool takes them in this order.
    List<Write> writes = new ArrayList<>();
    for (Map.Entry<Table, Dataset<Row>> fresh : changes.fresh().entrySet()) {
      writes.add(new Write(fresh.getKey().qualifiedName(), () -> warehouse.append(fresh.getKey(), fresh.getValue())));
    }
    for (Map.Entry<ExportKind, Dataset<Row>> bronze : changes.bronze().entrySet()) {
      Table table = TableCatalog.bronzeFor(bronze.getKey());
      writes.add(new Write(table.qualifiedName(), () -> warehouse.replace(table, slice, bronze.getValue())));
    }
    IngestChanges.CustomerVersions customers = changes.customers();
    if (customers != null) {
      List<String> keys = List.of("customer_key", "valid_from");
      writes.add(new Write(TableCatalog.CUSTOMERS.qualifiedName(),
          () -> writeVersions(TableCatalog.CUSTOMERS, customers.history(), customers.obsolete(), keys)));
      writes.add(new Write(TableCatalog.CUSTOMER_PII.qualifiedName(),
          () -> writeVersions(TableCatalog.CUSTOMER_PII, customers.piiHistory(), customers.piiObsolete(), keys)));
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
    Progress.stage("settling rows that waited for their customer");
    if (changes.settled() != null) {
      settle(changes.settled());
      watch.lap("rows that waited for their customer");
    }
    Progress.stage("writing the ingest log");
    warehouse.replace(TableCatalog.INGEST_LOG, logSlice, logRows);
    watch.lap("ingest log");
  }

  private void writeVersions(Table table, Dataset<Row> history, Dataset<Row> obsolete, List<String> keys) {
    if (warehouse.exists(table)) {
      warehouse.mergeVersions(table, history, obsolete, keys);
    } else {
      warehouse.append(table, history);
    }
  }

  /**
   * Rows of earlier files that waited for their customer and are now loaded (or duplicates): their
   * quarantine rows go, and their files' ingest-log counts move accordingly.
   */
  private void settle(Dataset<Row> settled) {
    if (settled.isEmpty()) {
      return;
    }
    warehouse.delta(TableCatalog.QUARANTINE).as("t")
        .merge(settled.as("s"), "t.file_id = s.file_id AND t.row_number = s.row_number")
        .whenMatched().delete()
        .execute();
    Dataset<Row> moves = settled.groupBy("file_id").agg(
        sum(when(col("outcome").equalTo(Outcomes.LOADED), 1).otherwise(0)).cast("long").as("loaded"),
        sum(when(col("outcome").equalTo(Outcomes.DUPLICATE), 1).otherwise(0)).cast("long").as("duplicate"));
    warehouse.delta(TableCatalog.INGEST_LOG).as("t")
        .merge(moves.as("s"), "t.file_id = s.file_id")
        .whenMatched().updateExpr(Map.of(
            "rows_loaded", "t.rows_loaded + s.loaded",
            "rows_duplicate", "t.rows_duplicate + s.duplicate",
            "rows_quarantined", "t.rows_quarantined - s.loaded - s.duplicate"))
        .execute();
  }
}
