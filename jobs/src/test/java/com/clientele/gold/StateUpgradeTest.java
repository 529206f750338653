package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.catalog.TableCatalog;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse written by the previous release keeps a silver.customer_state of an older shape (no
 * month-days inside versions) that is otherwise up to date with silver: the next build drops that
 * derived table and rebuilds it in the catalog's shape.
 */
@ExtendWith(SparkExtension.class)
class StateUpgradeTest {

  @Test
  void anOlderStateIsRebuiltInTheCatalogsShape(SparkSession spark, @TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    landing.write("customers", "2026-05-01", "crm.csv", LandingFolder.CUSTOMERS_HEADER + ",birthday,founding_date",
        "C1,Wang Wu,,,,,individual,,,website,2026-01-01,1990-05-20,",
        "C2,Acme Ltd,,,,,enterprise,,,website,2026-01-01,,2001-11-30");
    landing.write("transactions", "2026-05-01", "pos.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T1,C1,2026-04-30,10.00,sale,1,,,,,", "T2,C2,2026-04-30,20.00,sale,1,,,,2026-05-30,");
    TestWarehouse wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    wh.ingest(landing.root(), "2026-05-01");
    // The state as the release before the care calendar wrote it, recording the silver versions it reflects.
    Dataset<Row> old = CustomerState.build(wh.warehouse().read(TableCatalog.CUSTOMERS),
            wh.warehouse().read(TableCatalog.TRANSACTIONS), wh.warehouse().read(TableCatalog.PAYMENT_UPDATES),
            wh.warehouse().read(TableCatalog.INTERACTIONS))
        .withColumn("versions", org.apache.spark.sql.functions.expr("transform(versions, v -> named_struct("
            + "'valid_from', v.valid_from, 'valid_to', v.valid_to, 'display_name_masked', v.display_name_masked, "
            + "'nature', v.nature, 'nature_label', v.nature_label, 'industry', v.industry, 'region', v.region, "
            + "'acquisition_channel', v.acquisition_channel, 'registered_date', v.registered_date))"));
    java.util.Map<String, Long> sources = new java.util.LinkedHashMap<>();
    for (var t : List.of(TableCatalog.CUSTOMERS, TableCatalog.TRANSACTIONS, TableCatalog.PAYMENT_UPDATES,
        TableCatalog.INTERACTIONS)) {
      wh.warehouse().ensureExists(t);
      sources.put(t.qualifiedName(), wh.warehouse().version(t));
    }
    String metadata = "{\"clientele.customer_state.sources\":" + new com.fasterxml.jackson.databind.ObjectMapper()
        .valueToTree(sources) + "}";
    old.write().format("delta").option("userMetadata", metadata).save(wh.warehouse().pathOf(TableCatalog.CUSTOMER_STATE));
    assertFalse(wh.warehouse().hasCatalogShape(TableCatalog.CUSTOMER_STATE));

    GoldBuildJob.StateUpdate update = new GoldBuildJob(wh.warehouse(), AnalyticsSettings.defaults()).updateState();

    assertEquals(GoldBuildJob.StateUpdate.REBUILT, update.mode());
    assertTrue(wh.warehouse().hasCatalogShape(TableCatalog.CUSTOMER_STATE));
    List<Row> days = wh.sql("SELECT v.birth_month_day, v.founding_month_day FROM silver.customer_state "
        + "LATERAL VIEW explode(versions) AS v ORDER BY 1, 2");
    assertEquals("[[null,11-30], [05-20,null]]", days.toString());
    assertEquals(1, wh.count("SELECT count(*) FROM silver.customer_state WHERE size(invoices) = 1"));
    // The next build finds it current.
    assertEquals(GoldBuildJob.StateUpdate.CURRENT,
        new GoldBuildJob(wh.warehouse(), AnalyticsSettings.defaults()).updateState().mode());
  }

  /**
   * A warehouse of the release before gold.customer_segments became a view: a stored copy of it, and a
   * gold.customer_profile without the four input columns the view reads. The next build adds those
   * columns, fills them in the earlier snapshots from the stored copy's inputs, deletes the copy, and
   * the view gives nine rows per profile row with the new date's inputs.
   */
  @Test
  void theReleaseBeforeTheSegmentsViewIsUpgradedByTheNextBuild(SparkSession spark, @TempDir Path tmp) {
    LandingFolder landing = new LandingFolder(tmp.resolve("landing"));
    landing.write("customers", "2026-05-01", "crm.csv", LandingFolder.CUSTOMERS_HEADER,
        "C1,Wang Wu,,,,,individual,,,website,2026-01-01", "C2,Acme Ltd,,,,,enterprise,,,website,2026-01-01");
    landing.write("transactions", "2026-05-01", "pos.csv", LandingFolder.TRANSACTIONS_HEADER,
        "T1,C1,2026-04-30,10.00,sale,1,,,,,", "T2,C2,2026-04-30,20.00,sale,1,,,,,");
    TestWarehouse wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    wh.ingest(landing.root(), "2026-05-01");
    var warehouse = wh.warehouse();
    new GoldBuildJob(warehouse, AnalyticsSettings.defaults()).run(java.time.LocalDate.parse("2026-05-01"));
    var segments = TableCatalog.CUSTOMER_SEGMENTS;
    var profile = TableCatalog.CUSTOMER_PROFILE;
    List<String> added = List.of("profit_index", "growth_rate", "days_since_last_enquiry", "days_since_win_back");
    // As the earlier release left it: the long form stored (here with distinctive values of the four
    // inputs the profile lacked), the profile without those inputs.
    Dataset<Row> stored = spark.createDataFrame(warehouse.read(segments).collectAsList(), segments.schema())
        .withColumn("inputs", org.apache.spark.sql.functions.expr("CASE scheme "
            + "WHEN 'quality' THEN map('profit_index', 0.5D, 'growth_rate', 0.25D) "
            + "WHEN 'trading_stage' THEN map('days_since_last_purchase', 1D, 'days_since_last_enquiry', 7D) "
            + "WHEN 'lifecycle' THEN map('days_since_last_purchase', 1D, 'days_since_win_back', 3D) ELSE inputs END"));
    Dataset<Row> oldProfile = spark.createDataFrame(warehouse.read(profile).collectAsList(), profile.schema())
        .drop(added.toArray(String[]::new));
    // Written afresh without the table's catalog properties (whose statistics columns name the new ones).
    try {
      warehouse.fileSystem().delete(new org.apache.hadoop.fs.Path(warehouse.pathOf(profile)), true);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    oldProfile.write().format("delta").partitionBy("as_of_date").save(warehouse.pathOf(profile));
    stored.write().format("delta").partitionBy("as_of_date").save(warehouse.pathOf(segments));
    assertFalse(warehouse.hasCatalogShape(profile));
    assertEquals(18, stored.count());

    new GoldBuildJob(warehouse, AnalyticsSettings.defaults()).run(java.time.LocalDate.parse("2026-05-02"));

    assertFalse(io.delta.tables.DeltaTable.isDeltaTable(spark, warehouse.pathOf(segments)), "the stored copy is gone");
    assertTrue(warehouse.hasCatalogShape(profile), "the profile has the view's inputs");
    assertEquals(2, warehouse.read(profile).where("as_of_date = DATE'2026-05-01'").count());
    assertEquals(2, warehouse.read(profile).where("as_of_date = DATE'2026-05-01' AND days_since_last_purchase = 1 "
        + "AND profit_index = 0.5 AND growth_rate = 0.25 AND days_since_last_enquiry = 7 AND days_since_win_back = 3")
        .count(), "the earlier snapshot kept, its inputs copied from the stored long form");
    Dataset<Row> today = warehouse.read(segments).where("as_of_date = DATE'2026-05-02'");
    assertEquals(18, today.count());
    assertEquals(List.of(2.0, 2.0), today.where("scheme = 'trading_stage'")
        .selectExpr("inputs['days_since_last_purchase']").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList());
    // value_position's inputs carry the day's key threshold from gold.segment_thresholds.
    double key = warehouse.read(TableCatalog.SEGMENT_THRESHOLDS)
        .where("as_of_date = DATE'2026-05-02' AND threshold = 'key'").first().<Double>getAs("value");
    assertEquals(List.of(key, key), today.where("scheme = 'value_position'")
        .selectExpr("inputs['key_threshold']").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList());
  }
}
