package com.clientele.bench;

import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.GoldBuildJob;
import com.clientele.ingest.IngestJob;
import com.clientele.ingest.IngestReport;
import com.clientele.privacy.InstallationSecret;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Our pipeline, as a data engineer runs it, on a fresh warehouse: the full history (every file up
 * to {@link BenchPlan#FULL_DATE}: ingest, then the gold build for that date), then the daily
 * increment (the next day's files: ingest, then the gold build for that day). The same jobs the
 * CLI and the DAGs run; nothing is skipped (validation, quarantine accounting, pseudonyms,
 * encryption of personal data, customer history, Delta writes).
 */
final class SparkPipeline {

  static final String INGEST = "ingest";
  static final String GOLD = "gold build";
  static final String INCREMENT_INGEST = "increment ingest";
  static final String INCREMENT_GOLD = "increment gold build";

  private final SparkSession spark;
  private final ClienteleConfig config;
  private final PersonalDataProtector protector;

  SparkPipeline(SparkSession spark, ClienteleConfig config, PersonalDataProtector protector) {
    this.spark = spark;
    this.config = config;
    this.protector = protector;
  }

  /** One run into {@code warehouseRoot} (deleted first); returns the four stages. */
  List<StageMeter.Stage> run(BenchDataset data, Path warehouseRoot) throws Exception {
    BenchDataset.delete(warehouseRoot);
    spark.catalog().clearCache();
    Warehouse warehouse = new Warehouse(spark, warehouseRoot.toString());
    InstallationSecret.checkFingerprint(protector, warehouse);
    String landing = data.landing().toString();
    List<StageMeter.Stage> stages = new ArrayList<>();
    stages.add(ingest(INGEST, warehouse, landing, BenchPlan.FULL_DATE));
    stages.add(gold(GOLD, warehouse, BenchPlan.FULL_DATE));
    stages.add(ingest(INCREMENT_INGEST, warehouse, landing, BenchPlan.INCREMENT_DATE));
    stages.add(gold(INCREMENT_GOLD, warehouse, BenchPlan.INCREMENT_DATE));
    return stages;
  }

  private StageMeter.Stage ingest(String name, Warehouse warehouse, String landing, LocalDate date) throws Exception {
    var measured = StageMeter.measure(name, 0, () ->
        new IngestJob(warehouse, config, protector).run(landing, Optional.of(date)));
    IngestReport report = measured.value();
    if (report.rowsQuarantined() != 0) {
      throw new IllegalStateException(name + ": " + report.rowsQuarantined()
          + " rows quarantined; the benchmark's exports should be clean");
    }
    return StageMeter.withRows(measured.stage(), report.rowsIn());
  }

  private StageMeter.Stage gold(String name, Warehouse warehouse, LocalDate asOf) throws Exception {
    var measured = StageMeter.measure(name, 0, () ->
        new GoldBuildJob(warehouse, AnalyticsSettings.from(config)).run(asOf));
    // Rows = the transaction lines the build covers (counted after the stage, outside its timing).
    long lines = warehouse.read(TableCatalog.TRANSACTIONS)
        .where(org.apache.spark.sql.functions.col("transaction_date").leq(java.sql.Date.valueOf(asOf))).count();
    return StageMeter.withRows(measured.stage(), lines);
  }
}
