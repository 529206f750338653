package com.clientele.runtime;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.testing.SampleWarehouse;
import com.clientele.testing.SparkExtension;
import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column meanings reach Delta: whichever write creates a table, its Delta schema carries the
 * catalog's column comments and its description the catalog's description, and appends,
 * replaceWhere overwrites, whole-table overwrites and MERGEs of frames without comments keep them.
 * Real Spark, real Delta; the frames written have bare schemas, as the jobs' transformations do.
 */
@ExtendWith(SparkExtension.class)
class WarehouseCommentsTest {

  @Test
  void appendsAndMergesKeepTheCommentsOfATableTheyCreated(SparkSession spark, @TempDir Path tmp) {
    Warehouse warehouse = new Warehouse(spark, tmp.resolve("warehouse").toString());
    Table referrals = TableCatalog.REFERRALS; // no Delta properties: an append used to create it from the frame
    warehouse.append(referrals, frame(spark, referrals, List.of(referral("r1", "2026-03-01"))));
    assertCatalogComments(warehouse, referrals);
    assertEquals(1, warehouse.read(referrals).count());

    warehouse.append(referrals, frame(spark, referrals, List.of(referral("r2", "2026-03-02"))));
    assertCatalogComments(warehouse, referrals);

    // A MERGE as the jobs write them (the source has no comments, updateAll/insertAll).
    Dataset<Row> changes = frame(spark, referrals, List.of(referral("r2", "2026-03-05"), referral("r3", "2026-03-06")));
    warehouse.delta(referrals).as("t").merge(changes.as("s"), "t.referral_id = s.referral_id")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    assertCatalogComments(warehouse, referrals);
    assertEquals(3, warehouse.read(referrals).count());
    assertEquals(Date.valueOf("2026-03-05"),
        warehouse.read(referrals).where("referral_id = 'r2'").first().getAs("referral_date"));
  }

  @Test
  void replaceWhereAndOverwriteKeepTheCommentsOfAPartitionedTable(SparkSession spark, @TempDir Path tmp) {
    Warehouse warehouse = new Warehouse(spark, tmp.resolve("warehouse").toString());
    Table results = TableCatalog.QUALITY_RESULTS; // partitioned by as_of_date, no properties
    warehouse.replace(results, "as_of_date = DATE'2026-03-30'",
        frame(spark, results, List.of(result("2026-03-30", "files_arrived"), result("2026-03-30", "profile_built"))));
    assertCatalogComments(warehouse, results);
    warehouse.replace(results, "as_of_date = DATE'2026-03-31'",
        frame(spark, results, List.of(result("2026-03-31", "files_arrived"))));
    warehouse.replace(results, "as_of_date = DATE'2026-03-30'",
        frame(spark, results, List.of(result("2026-03-30", "loyalty_built"))));
    assertCatalogComments(warehouse, results);
    assertEquals(2, warehouse.read(results).count(), "each replace replaced only its date");
    assertEquals(List.of("as_of_date"), partitionColumns(spark, warehouse, results));

    warehouse.overwrite(results, frame(spark, results, List.of(result("2026-04-01", "files_arrived"))), Map.of());
    assertCatalogComments(warehouse, results);
    assertEquals(1, warehouse.read(results).count());
  }

  @Test
  void versionMergesKeepTheCommentsOfATableWithProperties(SparkSession spark, @TempDir Path tmp) {
    Warehouse warehouse = new Warehouse(spark, tmp.resolve("warehouse").toString());
    Table customers = TableCatalog.CUSTOMERS; // change data feed, written by append then mergeVersions
    warehouse.append(customers, frame(spark, customers, List.of(customer("k1", "2026-03-01", "north"))));
    assertCatalogComments(warehouse, customers);
    Dataset<Row> versions = frame(spark, customers, List.of(customer("k1", "2026-03-01", "south"),
        customer("k2", "2026-03-02", "east")));
    Dataset<Row> obsolete = frame(spark, customers, List.of()).select("customer_key", "valid_from");
    warehouse.mergeVersions(customers, versions, obsolete, List.of("customer_key", "valid_from"));
    assertCatalogComments(warehouse, customers);
    assertEquals(2, warehouse.read(customers).count());
    assertEquals("true", DeltaTable.forPath(spark, warehouse.pathOf(customers)).detail()
        .select("properties").first().getJavaMap(0).get("delta.enableChangeDataFeed"));
  }

  @Test
  void aTableCreatedWithoutACatalogPropertyGetsItAtItsNextWrite(SparkSession spark, @TempDir Path tmp) {
    // As an earlier release left it: silver.customers created without its change data feed.
    Warehouse warehouse = new Warehouse(spark, tmp.resolve("warehouse").toString());
    Table customers = TableCatalog.CUSTOMERS;
    DeltaTable.createIfNotExists(spark).location(warehouse.pathOf(customers)).addColumns(customers.schema()).execute();
    assertNull(properties(spark, warehouse, customers).get("delta.enableChangeDataFeed"));
    warehouse.append(customers, frame(spark, customers, List.of(customer("k1", "2026-03-01", "north"))));
    Map<String, String> now = properties(spark, warehouse, customers);
    customers.properties().forEach((name, value) -> assertEquals(value, now.get(name), name));
    assertEquals(1, warehouse.read(customers).count());
    // Read from the log only: a second write finds nothing missing and changes no property.
    long version = warehouse.version(customers);
    warehouse.ensureExists(customers);
    assertEquals(version, warehouse.version(customers), "no ALTER TABLE when every property is set");
  }

  private static Map<String, String> properties(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTable.forPath(spark, warehouse.pathOf(table)).detail().select("properties").first().getJavaMap(0);
  }

  @Test
  void aRealIngestAndGoldBuildLeaveEveryTableWithTheCatalogComments(SparkSession spark) {
    // The samples' two days ingested (the second appends, replaces slices and merges the archive) and
    // two snapshots built: the suite's shared warehouse, only read here.
    Warehouse warehouse = new Warehouse(spark, SampleWarehouse.get(spark).toString());
    List<Table> stored = TableCatalog.all().stream().filter(t -> !t.isView()).toList();
    List<Table> written = stored.stream().filter(warehouse::exists).toList();
    // Everything but the quality results (written by clientele check), the erasure log (clientele
    // forget) and the care export log (clientele care export) exists after ingest and build.
    assertEquals(stored.size() - 3, written.size(), written.toString());
    // A view (gold.customer_segments) reads the tables it is computed from; nothing of it is stored.
    for (Table view : TableCatalog.all().stream().filter(Table::isView).toList()) {
      assertTrue(warehouse.exists(view), view.qualifiedName());
      assertFalse(DeltaTable.isDeltaTable(spark, warehouse.pathOf(view)), view.qualifiedName() + " stored");
      assertEquals(view.columnNames(), List.of(warehouse.read(view).columns()), view.qualifiedName());
    }
    assertFalse(written.contains(TableCatalog.CARE_EXPORT_LOG));
    for (Table table : written) {
      assertCatalogComments(warehouse, table);
    }
  }

  /** Every column of the Delta table carries the catalog comment, and the table the catalog description. */
  static void assertCatalogComments(Warehouse warehouse, Table table) {
    DeltaTable delta = DeltaTable.forPath(warehouse.spark(), warehouse.pathOf(table));
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> actual = new LinkedHashMap<>();
    for (StructField field : table.schema().fields()) {
      expected.put(field.name(), field.getComment().get());
    }
    for (StructField field : delta.toDF().schema().fields()) {
      actual.put(field.name(), field.getComment().isDefined() ? field.getComment().get() : null);
    }
    assertEquals(expected, actual, table.qualifiedName() + ": column comments in Delta");
    // The same through SQL, as a BI tool sees them.
    Row id = warehouse.spark().sql("DESCRIBE TABLE delta.`" + warehouse.pathOf(table) + "`")
        .where("col_name = '" + table.columnNames().get(0) + "'").first();
    assertEquals(expected.get(table.columnNames().get(0)), id.getAs("comment"));
    assertEquals(table.description(), delta.detail().select("description").first().getString(0),
        table.qualifiedName() + ": description");
  }

  static List<String> partitionColumns(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTable.forPath(spark, warehouse.pathOf(table)).detail().select("partitionColumns").first().getList(0);
  }

  /** A frame of the table's columns with a bare schema (no comments), like a transformation's output. */
  static Dataset<Row> frame(SparkSession spark, Table table, List<Map<String, Object>> rows) {
    StructType bare = new StructType(Arrays.stream(table.schema().fields())
        .map(f -> new StructField(f.name(), f.dataType(), f.nullable(), Metadata.empty()))
        .toArray(StructField[]::new));
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> values : rows) {
      Object[] row = new Object[bare.size()];
      values.forEach((column, value) -> row[bare.fieldIndex(column)] = value);
      out.add(RowFactory.create(row));
    }
    Dataset<Row> frame = spark.createDataFrame(out, bare);
    assertTrue(Arrays.stream(frame.schema().fields()).allMatch(f -> f.getComment().isEmpty()));
    return frame;
  }

  static Map<String, Object> referral(String id, String date) {
    return Map.of("referral_id", id, "referrer_customer_key", "a", "referred_customer_key", "b",
        "referral_date", Date.valueOf(date), "reward_amount", new BigDecimal("10.00"), "record_hash", id,
        "file_id", "f", "row_number", 1L, "logical_date", Date.valueOf(date));
  }

  static Map<String, Object> result(String asOf, String rule) {
    return Map.of("as_of_date", Date.valueOf(asOf), "rule_name", rule, "dataset", "silver.ingest_log",
        "severity", "error", "status", "passed", "metric_value", 1.0, "requirement", "something holds");
  }

  static Map<String, Object> customer(String key, String validFrom, String region) {
    return Map.of("customer_key", key, "region", region, "has_master_data", true, "attribute_hash", region,
        "valid_from", Date.valueOf(validFrom), "is_current", true, "file_id", "f", "row_number", 1L,
        "logical_date", Date.valueOf(validFrom));
  }
}
