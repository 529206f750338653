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
}
