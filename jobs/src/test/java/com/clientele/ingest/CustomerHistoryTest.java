package com.clientele.ingest;

import static com.clientele.testing.LandingFolder.CUSTOMERS_HEADER;
import static org.junit.jupiter.api.Assertions.*;

import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer archive keeps history (SCD type 2): changes start versions, repeats do not, a file
 * arriving late for an earlier day slots into place, and a corrected re-delivery of a day's file
 * replaces that day's values. Personal data keeps its own history in the restricted table.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerHistoryTest {

  TestWarehouse wh;
  IngestReport late;
  IngestReport corrected;

  static String row(String id, String name, String phone, String region) {
    return id + "," + name + "," + phone + ",,,,enterprise,retail," + region + ",website,2025-01-01";
  }

  @BeforeAll
  void ingestHistory(SparkSession spark, @TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    landing.write("customers", "2026-03-01", "crm.csv", CUSTOMERS_HEADER,
        row("C1", "Anna Lee", "111", "North"), row("C2", "Bo Chen", "999", "East"));
    landing.write("customers", "2026-03-03", "crm.csv", CUSTOMERS_HEADER,
        row("C1", "Anna Lee", "111", "South"), row("C2", "Bo Chen", "888", "East"), row("C3", "Cy Wu", "333", "West"));
    wh.ingest(landing.root(), "2026-03-01");
    wh.ingest(landing.root(), "2026-03-03");
    // Arrives after 03-03 was loaded.
    landing.write("customers", "2026-03-02", "crm.csv", CUSTOMERS_HEADER,
        row("C1", "Anna Lee", "111", "West"), row("C2", "Bo Chen", "999", "East"));
    late = wh.ingest(landing.root(), "2026-03-02");
    // The exporter re-delivers a corrected 03-03 file at the same path.
    landing.write("customers", "2026-03-03", "crm.csv", CUSTOMERS_HEADER,
        row("C1", "Anna Lee", "111", "Centre"), row("C2", "Bo Chen", "888", "East"), row("C3", "Cy Wu", "333", "West"));
    corrected = wh.ingest(landing.root(), "2026-03-03");
    // A day of new customers only: their versions are appended, not merged.
    landing.write("customers", "2026-03-04", "crm.csv", CUSTOMERS_HEADER, row("C4", "Di Ma", "444", "North"));
    wh.ingest(landing.root(), "2026-03-04");
  }

  /** The Delta operations that wrote a silver table, oldest first. */
  private List<String> operations(String table) {
    return wh.sql("DESCRIBE HISTORY delta.`" + wh.warehouse().pathOf(com.clientele.catalog.TableCatalog.find("silver."
            + table).orElseThrow()) + "`").stream()
        .sorted(java.util.Comparator.comparingLong(r -> r.getLong(r.fieldIndex("version"))))
        .map(r -> r.getString(r.fieldIndex("operation"))).collect(Collectors.toList());
  }

  @Test
  void versionsOfCustomersNotYetArchivedAreAppendedTheRestMerged() {
    assertEquals(List.of("North 2026-03-04..null current"), versions("customers", "region", "C4"));
    assertEquals("444", wh.protector().decrypt("phone", wh.sql("SELECT encrypted_phone FROM silver.customer_pii WHERE "
        + "customer_key = '" + wh.key("C4") + "'").get(0).getString(0)));
    // First load and the C4-only day append; the days touching archived customers merge.
    for (String table : List.of("customers", "customer_pii")) {
      List<String> ops = operations(table);
      assertEquals(List.of("WRITE", "MERGE", "MERGE", "MERGE", "WRITE"),
          ops.subList(ops.size() - 5, ops.size()), table + ": " + ops);
    }
  }

  private List<String> versions(String table, String value, String customer) {
    return wh.sql("SELECT " + value + ", valid_from, valid_to, is_current FROM silver." + table
            + " WHERE customer_key = '" + wh.key(customer) + "' ORDER BY valid_from").stream()
        .map(r -> r.get(0) + " " + r.get(1) + ".." + r.get(2) + (r.getBoolean(3) ? " current" : ""))
        .collect(Collectors.toList());
  }

  @Test
  void aLateDaySlotsIntoHistoryAndACorrectionReplacesItsDay() {
    assertEquals(List.of(
        "North 2026-03-01..2026-03-02",
        "West 2026-03-02..2026-03-03",
        "Centre 2026-03-03..null current"), versions("customers", "region", "C1"));
  }

  @Test
  void unchangedRowsStartNoVersion() {
    assertEquals(List.of("East 2026-03-01..null current"), versions("customers", "region", "C2"));
    assertEquals(List.of("West 2026-03-03..null current"), versions("customers", "region", "C3"));
  }

  @Test
  void personalDataKeepsItsOwnHistoryEncrypted() {
    List<Row> rows = wh.sql("SELECT encrypted_phone, valid_from, valid_to FROM silver.customer_pii WHERE customer_key = '"
        + wh.key("C2") + "' ORDER BY valid_from");
    assertEquals(2, rows.size(), "C2's phone changed on 03-03; the late 03-02 row repeats the 03-01 phone");
    assertEquals("999", wh.protector().decrypt("phone", rows.get(0).getString(0)));
    assertEquals("2026-03-03", rows.get(0).get(2).toString());
    assertEquals("888", wh.protector().decrypt("phone", rows.get(1).getString(0)));
    assertNull(rows.get(1).get(2));
  }

  @Test
  void outcomesCountChangesAsLoadedAndRepeatsAsDuplicates() {
    assertEquals(1, late.rowsLoaded(), "C1 moved to West");
    assertEquals(1, late.rowsDuplicate(), "C2 equals its 03-01 version");
    assertEquals(1, corrected.rowsLoaded(), "C1 corrected to Centre");
    assertEquals(2, corrected.rowsDuplicate());
    assertEquals(1, wh.count("SELECT count(*) FROM silver.customers WHERE is_current AND customer_key = '" + wh.key("C1") + "'"));
  }
}
