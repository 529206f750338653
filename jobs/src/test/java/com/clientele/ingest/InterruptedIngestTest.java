package com.clientele.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Warehouse;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import com.clientele.testing.LandingFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that dies while writing: the ingest writes bronze, the customer archive, the silver records
 * and the quarantine at the same time, so a crash can leave any of them committed and the others
 * not. Two such states are made from a completed run of the samples' 2026-04-01 (on top of
 * 2026-03-31, with a sale that waited for its customer) by restoring some tables to their versions before it (Delta RESTORE), and the day is
 * run again: every bronze and silver table must end row for row as after the uninterrupted run, and
 * the re-run must account for every file's rows exactly as the first run did.
 */
@ExtendWith(SparkExtension.class)
class InterruptedIngestTest {

  static final Path SAMPLES = Path.of("..", "data-samples", "landing");
  static final String DAY = "2026-04-01";

  @Test
  void aRunAgainAfterAPartialWriteEndsAsAnUninterruptedRun(SparkSession spark, @TempDir Path tmp) throws IOException {
    // The samples' first two days, plus a sale on 03-31 whose customer only arrives on 04-01 (it
    // waits in the quarantine and is settled by the 04-01 run) and a bad row on 04-01.
    Path landing = tmp.resolve("landing");
    for (String kind : List.of("customers", "transactions", "interactions", "referrals")) {
      for (String day : List.of("2026-03-31", DAY)) {
        Path folder = Files.createDirectories(landing.resolve(kind).resolve(day));
        try (var files = Files.list(SAMPLES.resolve(kind).resolve(day))) {
          for (Path file : files.toList()) {
            Files.copy(file, folder.resolve(file.getFileName()));
          }
        }
      }
    }
    LandingFolder extra = new LandingFolder(landing);
    extra.write("transactions", "2026-03-31", "waiting.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T-WAIT-1,C-LATE-1,2026-03-30,120.00,sale,1,,,,,");
    extra.write("customers", DAY, "late.csv", LandingFolder.CUSTOMERS_HEADER,
        "C-LATE-1,Late Comer,13800000000,late@example.com,1 Late Road,110101199001010011,enterprise,retail,East,"
            + "website,2026-03-30");
    extra.write("transactions", DAY, "bad.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T-BAD-1,C000001,2026-04-01,not-a-number,sale,1,,,,,");
    TestWarehouse wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    Warehouse warehouse = wh.warehouse();
    wh.ingest(landing, "2026-03-31");
    List<Table> tables = TableCatalog.all().stream()
        .filter(t -> t.layer() != Layer.GOLD && t != TableCatalog.CUSTOMER_STATE && t != TableCatalog.QUALITY_RESULTS)
        .toList();
    Map<Table, Long> before = new LinkedHashMap<>();
    tables.forEach(t -> before.put(t, warehouse.version(t)));
    IngestReport uninterrupted = wh.ingest(landing, DAY);
    assertTrue(uninterrupted.rowsLoaded() > 0 && uninterrupted.rowsQuarantined() > 0,
        "the day loads rows and quarantines some: " + uninterrupted.describe());
    assertEquals(1, uninterrupted.releasedFromQuarantine(), "the waiting sale is settled");
    Map<Table, List<String>> expected = contents(warehouse, tables);

    // The event records and bronze committed; the archive, the quarantine and the log did not.
    List<Table> lost = List.of(TableCatalog.CUSTOMERS, TableCatalog.CUSTOMER_PII, TableCatalog.QUARANTINE,
        TableCatalog.INGEST_LOG);
    restore(spark, warehouse, lost, before);
    assertNotEquals(expected, contents(warehouse, tables), "the crash lost writes");
    assertSameAccounting(uninterrupted, wh.ingest(landing, DAY));
    assertEquals(expected, contents(warehouse, tables), "after a crash with the records written");

    // The archive and the quarantine's slice committed; bronze, the records, the settling of rows
    // that waited for their customer (which comes after the records) and the log did not.
    lost = List.of(TableCatalog.BRONZE_CUSTOMERS, TableCatalog.BRONZE_TRANSACTIONS, TableCatalog.BRONZE_INTERACTIONS,
        TableCatalog.BRONZE_REFERRALS, TableCatalog.TRANSACTIONS, TableCatalog.INTERACTIONS, TableCatalog.REFERRALS,
        TableCatalog.INGEST_LOG);
    restore(spark, warehouse, lost, before);
    // The quarantine's last commit is the settling (after its slice): undone.
    warehouse.delta(TableCatalog.QUARANTINE).restoreToVersion(warehouse.version(TableCatalog.QUARANTINE) - 1);
    assertNotEquals(expected, contents(warehouse, tables), "the crash lost writes");
    assertSameAccounting(uninterrupted, wh.ingest(landing, DAY));
    assertEquals(expected, contents(warehouse, tables), "after a crash with the archive written");

    assertTrue(wh.ingest(landing, DAY).files().isEmpty(), "once logged, the day's files are skipped");
  }

  static void assertSameAccounting(IngestReport expected, IngestReport rerun) {
    assertEquals(expected.files(), rerun.files(), "every file's rows accounted for as by the uninterrupted run");
    assertEquals(expected.releasedFromQuarantine(), rerun.releasedFromQuarantine(), "the waiting sale settled again");
  }

  /** Every table back at its version before the day's run (as if its write had not committed). */
  static void restore(SparkSession spark, Warehouse warehouse, List<Table> lost, Map<Table, Long> before) {
    for (Table t : lost) {
      assertTrue(before.get(t) >= 0, t + " existed before the run");
      warehouse.delta(t).restoreToVersion(before.get(t));
    }
  }

  /** Each table's rows as JSON (binary columns as base64), sorted. */
  static Map<Table, List<String>> contents(Warehouse warehouse, List<Table> tables) {
    Map<Table, List<String>> contents = new LinkedHashMap<>();
    for (Table t : tables) {
      contents.put(t, warehouse.read(t).select(to_json(struct(col("*")))).collectAsList().stream()
          .map(r -> r.getString(0)).sorted().toList());
    }
    return contents;
  }
}
