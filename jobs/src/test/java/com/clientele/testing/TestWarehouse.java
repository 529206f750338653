package com.clientele.testing;

import com.clientele.config.ClienteleConfig;
import com.clientele.ingest.IngestJob;
import com.clientele.ingest.IngestReport;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A warehouse in a temp folder with the test secret, and shortcuts to ingest and query it. */
public final class TestWarehouse {

  public static final String SECRET = "test-secret-for-unit-tests-only";
  private final Warehouse warehouse;
  private final ClienteleConfig config;
  private final PersonalDataProtector protector = PersonalDataProtector.forSecret(SECRET);

  public TestWarehouse(SparkSession spark, Path root) {
    this(spark, root, ClienteleConfig.defaults());
  }

  public TestWarehouse(SparkSession spark, Path root, ClienteleConfig config) {
    this.warehouse = new Warehouse(spark, root.toString());
    this.config = config;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  public PersonalDataProtector protector() {
    return protector;
  }

  public IngestReport ingest(Path landing, String date) {
    return new IngestJob(warehouse, config, protector).run(landing.toString(), Optional.of(LocalDate.parse(date)));
  }

  public IngestReport ingestAll(Path landing) {
    return new IngestJob(warehouse, config, protector).run(landing.toString(), Optional.empty());
  }

  /** Runs SQL with the warehouse's tables registered as bronze.x / silver.x / gold.x. */
  public List<Row> sql(String query) {
    warehouse.registerSqlNames();
    return warehouse.spark().sql(query).collectAsList();
  }

  public long count(String query) {
    return sql(query).get(0).getLong(0);
  }

  public String key(String customerId) {
    return protector.customerKey(customerId);
  }
}
