package com.clientele.runtime;

import com.clientele.config.ClienteleConfig;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Starts (or joins) the SparkSession every job runs in, with Delta Lake and this project's settings. */
public final class SparkRuntime {

  private SparkRuntime() {}

  /**
   * The session for a job. Under spark-submit the master and resources given there win; with a
   * plain {@code java -jar} the configured master (default {@code local[2]}) is used.
   *
   * @param scratchDir where Spark spills shuffle and temp files, so an interrupted run leaves no
   *     stray {@code spark-*} folders in /tmp
   */
  public static SparkSession start(ClienteleConfig config, Path scratchDir) {
    SparkSession.Builder builder = SparkSession.builder()
        .appName("clientele")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()))
        .config("spark.sql.autoBroadcastJoinThreshold", String.valueOf(config.broadcastJoinThresholdBytes()))
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.adaptive.coalescePartitions.enabled", "true")
        // Stored values never depend on the machine's zone: the warehouse runs in UTC and
        // timestamps are the exporter's wall-clock time.
        .config("spark.sql.session.timeZone", "UTC")
        // Unparseable dates become null (then quarantined) instead of failing the job.
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        // MERGE sources here are already materialised (checkpointed), so Delta need not copy them again.
        .config("spark.databricks.delta.merge.materializeSource", "none")
        .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
        .config("spark.local.dir", scratchDir.toAbsolutePath().toString());
    if (!isSubmitted()) {
      builder.master(config.sparkMaster());
    }
    return builder.getOrCreate();
  }

  private static boolean isSubmitted() {
    return System.getProperty("spark.master") != null;
  }
}
