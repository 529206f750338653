package com.clientele.maintain;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.GoldBuildJob;
import com.clientele.runtime.Warehouse;
import com.clientele.testing.SampleWarehouse;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance of six tables (bronze and silver transactions, the customer archive, the customer
 * state, two gold tables) over the sample exports loaded day by day (two ingests, two gold snapshots): with a
 * one-day window, 2026-03-30's snapshots go, 2026-03-31 (the newest, and March's last) stays row
 * for row (which dates a policy keeps is {@link SnapshotRetentionTest}'s subject); compaction leaves one file per partition; a zero-hour VACUUM leaves on disk
 * exactly the files the tables use; every table still reads the same; a second run has nothing to do;
 * a gold build afterwards (its state brought forward across the maintenance commits) still gives the
 * same snapshot.
 */
@ExtendWith(SparkExtension.class)
class MaintenanceJobTest {

  /** The samples' two days ingested, 2026-03-30 and 2026-03-31 built (a copy of the shared warehouse). */
  static final List<String> INGESTED = SampleWarehouse.INGESTED;

  @Test
  void dropsOldDailySnapshotsCompactsAndVacuumsWithoutChangingWhatIsKept(SparkSession spark, @TempDir Path tmp) {
    assertEquals(List.of("2026-03-30", "2026-03-31"), SampleWarehouse.BUILT, "one snapshot to drop, one to keep");
    TestWarehouse wh = new TestWarehouse(spark, SampleWarehouse.copyTo(spark, tmp.resolve("warehouse")));
    Warehouse warehouse = wh.warehouse();
    GoldBuildJob build = new GoldBuildJob(warehouse, AnalyticsSettings.from(ClienteleConfig.defaults()));
    // The tables that grow the ways maintenance cares about: daily appends (bronze and silver
    // transactions), MERGEs (the customer archive, the state) and gold snapshots; the other
    // tables of those layers go through the same code (kept out: each costs the test ~20 s).
    List<Table> tables = List.of(TableCatalog.bronzeFor(com.clientele.config.ExportKind.TRANSACTIONS),
        TableCatalog.TRANSACTIONS, TableCatalog.CUSTOMERS, TableCatalog.CUSTOMER_STATE, TableCatalog.CUSTOMER_PROFILE,
        TableCatalog.SEGMENT_THRESHOLDS);
    assertTrue(tables.stream().allMatch(warehouse::exists));
    Map<Table, List<String>> before = new HashMap<>();
    Map<Table, List<String>> keptGold = new HashMap<>();
    for (Table t : tables) {
      before.put(t, rows(warehouse, t));
      if (t.layer() == Layer.GOLD) {
        assertTrue(warehouse.read(t).where("as_of_date = DATE'2026-03-30'").count() > 0, t + " has 2026-03-30");
        keptGold.put(t, rows(warehouse.read(t).where("as_of_date <> DATE'2026-03-30'")));
      }
    }
    long filesInSnapshotBefore = numFiles(spark, warehouse, TableCatalog.TRANSACTIONS);
    assertTrue(filesInSnapshotBefore >= INGESTED.size(), "the daily appends left several files");

    MaintenanceJob.Report report = new MaintenanceJob(warehouse,
        new MaintenanceJob.Settings(0, true, 1, true, true)).run(tables);
    assertEquals(tables.size(), report.tables().size(), "only the tables asked for");

    for (Table t : tables) {
      if (t.layer() == Layer.GOLD) {
        assertEquals(keptGold.get(t), rows(warehouse, t), t + ": the kept snapshots unchanged, 2026-03-30 gone");
      } else {
        assertEquals(before.get(t), rows(warehouse, t), t + " reads the same");
      }
      assertEquals(numFiles(spark, warehouse, t), result(report, t).filesAfter(),
          t + ": after VACUUM the storage holds exactly the files the table uses");
    }
    assertEquals(List.of(LocalDate.parse("2026-03-30")), result(report, TableCatalog.CUSTOMER_PROFILE).snapshotsDropped());
    assertEquals(1, numFiles(spark, warehouse, TableCatalog.TRANSACTIONS), "the daily appends compacted into one file");
    assertTrue(result(report, TableCatalog.TRANSACTIONS).filesCompacted() >= filesInSnapshotBefore);
    assertTrue(result(report, TableCatalog.TRANSACTIONS).filesBefore() > result(report, TableCatalog.TRANSACTIONS).filesAfter());

    MaintenanceJob.Report again = new MaintenanceJob(warehouse,
        new MaintenanceJob.Settings(0, true, 1, true, false)).run(tables);
    for (MaintenanceJob.TableResult t : again.tables()) {
      assertEquals(0, t.filesCompacted(), t.table() + ": nothing left to compact");
      assertTrue(t.snapshotsDropped().isEmpty());
      assertEquals(t.filesBefore(), t.filesAfter());
    }

    List<String> profile = rows(warehouse, TableCatalog.CUSTOMER_PROFILE);
    build.run(LocalDate.parse("2026-03-31"));
    assertEquals(profile, rows(warehouse, TableCatalog.CUSTOMER_PROFILE),
        "a build after maintenance gives the same snapshot");
  }

  @Test
  void refusesAShortRetentionUnlessAllowed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MaintenanceJob.Settings(24, false, 90, true, true));
    assertTrue(e.getMessage().contains("--allow-short-retention"), e.getMessage());
    assertDoesNotThrow(() -> new MaintenanceJob.Settings(24, true, 90, true, true));
    assertDoesNotThrow(() -> new MaintenanceJob.Settings(24, false, 90, true, false), "no VACUUM, no check");
  }

  static MaintenanceJob.TableResult result(MaintenanceJob.Report report, Table table) {
    return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
  }

  static long numFiles(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTable.forPath(spark, warehouse.pathOf(table)).detail().select("numFiles").first().getLong(0);
  }

  static List<String> rows(Warehouse warehouse, Table table) {
    return rows(warehouse.read(table));
  }

  static List<String> rows(org.apache.spark.sql.Dataset<Row> frame) {
    return frame.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
