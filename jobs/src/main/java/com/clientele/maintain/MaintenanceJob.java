package com.clientele.maintain;

import static org.apache.spark.sql.functions.col;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Parallel;
import com.clientele.runtime.Progress;
import com.clientele.runtime.Warehouse;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Keeps a warehouse small and fast to read (clientele maintain; weekly in the DAGs):
 *
 * <ol>
 *   <li><b>Gold snapshot retention</b> ({@link SnapshotRetention}): daily snapshots older than the
 *       window are deleted from every gold table, each month's latest snapshot is kept for ever.
 *   <li><b>Compaction</b>: {@code OPTIMIZE} of every table, so the small files of daily appends and
 *       merges become few large ones (Delta only rewrites where there are several small files).
 *   <li><b>VACUUM</b>: data files that no table version younger than the retention still uses are
 *       deleted (the replaced small files, deleted snapshots, superseded merge output). Time travel
 *       further back than the retention stops working; the gold build then rebuilds its state.
 * </ol>
 *
 * Every step is a Delta commit or a Delta VACUUM, so a crash leaves the tables consistent, and a
 * second run finds little or nothing to do.
 */
public final class MaintenanceJob {

  /** Delta's own safety window for VACUUM (delta.deletedFileRetentionDuration's default, 7 days). */
  public static final double DELTA_SAFE_RETENTION_HOURS = 168;

  /** What to do. */
  public record Settings(double vacuumRetentionHours, boolean allowShortRetention, int dailySnapshotDays,
                         boolean optimize, boolean vacuum) {
    public Settings {
      if (vacuumRetentionHours < 0) {
        throw new IllegalArgumentException("the VACUUM retention must be 0 hours or more");
      }
      if (vacuum && vacuumRetentionHours < DELTA_SAFE_RETENTION_HOURS && !allowShortRetention) {
        throw new IllegalArgumentException("a VACUUM retention of " + vacuumRetentionHours + " hours is below Delta's "
            + "safety window of " + (long) DELTA_SAFE_RETENTION_HOURS + " hours: a job still reading or writing an "
            + "older table version would lose its files; pass --allow-short-retention if no job can be running");
      }
    }
  }

  /** One table's outcome. */
  public record TableResult(Table table, long filesBefore, long filesAfter, long filesCompacted,
                            List<LocalDate> snapshotsDropped) {}

  /** The run's outcome. */
  public record Report(List<TableResult> tables) {
    public String describe() {
      StringBuilder out = new StringBuilder("maintain: " + tables.size() + " table(s)\n");
      for (TableResult t : tables) {
        out.append(String.format("  %-28s files %d -> %d (compacted %d)%s%n", t.table().qualifiedName(),
            t.filesBefore(), t.filesAfter(), t.filesCompacted(),
            t.snapshotsDropped().isEmpty() ? "" : ", snapshots dropped: " + t.snapshotsDropped().size()
                + " (" + t.snapshotsDropped().get(0) + " .. " + t.snapshotsDropped().get(t.snapshotsDropped().size() - 1)
                + ")"));
      }
      return out.toString();
    }
  }

  private final Warehouse warehouse;
  private final Settings settings;

  public MaintenanceJob(Warehouse warehouse, Settings settings) {
    this.warehouse = warehouse;
    this.settings = settings;
  }

  /** Maintains every table of the catalog that exists. */
  public Report run() {
    return run(TableCatalog.all());
  }

  /**
   * Maintains the given tables (those that exist). Which gold snapshots go is still decided on the
   * dates of every gold table, so a partial run drops the same dates a full one would.
   */
  public Report run(Collection<Table> tables) {
    // A view stores nothing to compact, vacuum or drop: its rows follow the tables it reads.
    List<Table> present = TableCatalog.all().stream().filter(tables::contains).filter(t -> !t.isView())
        .filter(warehouse::exists).toList();
    Progress.plan(3);
    Progress.stage("gold snapshot retention");
    List<Table> gold = TableCatalog.all().stream().filter(t -> t.layer() == Layer.GOLD && !t.isView()).toList();
    // Every as_of_date present in any gold table: the retention decides on their union.
    SortedSet<LocalDate> drop = SnapshotRetention.toDrop(warehouse.dates(gold, "as_of_date"),
        settings.dailySnapshotDays());
    List<Long> before = present.stream().map(this::dataFiles).toList();
    List<List<LocalDate>> dropped = new ArrayList<>();
    for (Table table : present) {
      dropped.add(table.layer() == Layer.GOLD ? dropSnapshots(table, drop) : List.of());
    }
    Progress.stage("compaction");
    List<Long> compacted = Parallel.map(present, PARALLEL_TABLES, "maintain",
        table -> settings.optimize() ? compact(table) : 0L);
    Progress.stage("vacuum");
    if (settings.vacuum()) {
      warehouse.vacuum(present, settings.vacuumRetentionHours(), settings.allowShortRetention(), PARALLEL_TABLES);
    }
    List<TableResult> results = new ArrayList<>();
    for (int i = 0; i < present.size(); i++) {
      results.add(new TableResult(present.get(i), before.get(i), dataFiles(present.get(i)), compacted.get(i),
          dropped.get(i)));
    }
    return new Report(results);
  }

  /**
   * Tables maintained at once: most tables are small, and one table's Spark jobs rarely fill the
   * cluster, so overlapping them saves most of the per-job overhead.
   */
  private static final int PARALLEL_TABLES = 4;

  private List<LocalDate> dropSnapshots(Table table, SortedSet<LocalDate> drop) {
    if (drop.isEmpty()) {
      return List.of();
    }
    List<LocalDate> present = warehouse.read(table).select("as_of_date").distinct().collectAsList().stream()
        .map(r -> r.getDate(0).toLocalDate()).filter(drop::contains).sorted().toList();
    if (!present.isEmpty()) {
      DeltaTable.forPath(warehouse.spark(), warehouse.pathOf(table))
          .delete(col("as_of_date").isin(present.stream().map(java.sql.Date::valueOf).toArray()));
    }
    return present;
  }

  /** OPTIMIZE; the number of files it replaced. */
  private long compact(Table table) {
    Row metrics = DeltaTable.forPath(warehouse.spark(), warehouse.pathOf(table)).optimize().executeCompaction()
        .select("metrics.numFilesRemoved").first();
    return metrics.isNullAt(0) ? 0 : metrics.getLong(0);
  }

  /**
   * Files under the table's folder outside its Delta log: what the storage holds for it. Listed
   * folder by folder ({@code listStatus}, not {@code listFiles}): on a local file system Hadoop's
   * located statuses load each file's permissions by forking a shell command per file.
   */
  private long dataFiles(Table table) {
    Path root = new Path(warehouse.pathOf(table));
    try {
      FileSystem fs = root.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
      long count = 0;
      ArrayDeque<Path> folders = new ArrayDeque<>(List.of(root));
      while (!folders.isEmpty()) {
        for (FileStatus status : fs.listStatus(folders.pop())) {
          Path path = status.getPath();
          if (status.isDirectory()) {
            if (!path.getName().equals("_delta_log")) {
              folders.push(path);
            }
          } else if (!path.getName().endsWith(".crc")) {
            count++;
          }
        }
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }
}
