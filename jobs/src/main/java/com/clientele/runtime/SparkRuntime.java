package com.clientele.runtime;

import com.clientele.config.ClienteleConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/** Starts (or joins) the SparkSession every job runs in, with Delta Lake and this project's settings. */
public final class SparkRuntime {

  private SparkRuntime() {}

  private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

  /**
   * The session for a job. Under spark-submit the master, resources and scratch folders given
   * there win; with a plain {@code java -jar} the configured master (default {@code local[2]}) is
   * used, and Spark's scratch space is {@code clientele.spark.local-dir} when set (else Spark's own
   * default: SPARK_LOCAL_DIRS or the system temp folder).
   */
  public static SparkSession start(ClienteleConfig config) {
    return start(config, config.sparkLocalDir());
  }

  /** As {@link #start(ClienteleConfig)}, with Spark's local scratch folder given explicitly (tests). */
  public static SparkSession start(ClienteleConfig config, Optional<String> localDir) {
    return builder(config, localDir).config("spark.sql.catalogImplementation", "in-memory").getOrCreate();
  }

  /**
   * A session whose catalog is the persistent SQL catalog ({@link SqlCatalog}): a Hive metastore,
   * external ({@code clientele.catalog.metastore-uri}) or embedded Derby in
   * {@link SqlCatalog#derbyDir}. Jobs never use it (they address tables by path, and an embedded
   * metastore serves one process at a time); {@code sql}, {@code catalog register} and
   * {@code serve-sql} do.
   */
  public static SparkSession startWithCatalog(ClienteleConfig config, String warehouseLocation) {
    return startWithCatalog(config, warehouseLocation, false);
  }

  /**
   * As {@link #startWithCatalog(ClienteleConfig, String)}; {@code readOnly} adds {@link ReadOnlySql},
   * which refuses every statement that would change something once enforced (the SQL server).
   */
  public static SparkSession startWithCatalog(ClienteleConfig config, String warehouseLocation, boolean readOnly) {
    SparkSession.Builder builder = builder(config, config.sparkLocalDir())
        .config("spark.sql.catalogImplementation", "hive")
        // Managed tables are never created (every table is the warehouse's Delta folder), but Spark
        // needs a home for the databases' default locations: under the warehouse's own folder.
        .config("spark.sql.warehouse.dir", SqlCatalog.databaseDir(warehouseLocation))
        // Tables are reached by name only: `delta.`/path`` and `parquet.`/path`` are refused, so the
        // catalog decides what is reachable (the personal-data table is not registered).
        .config("spark.sql.runSQLOnFiles", "false")
        // Delta 3.3 answers max()/min()/count() from its log statistics, but under the Thrift Server
        // (java.time dates) it casts a LocalDate to java.sql.Date and fails: the _current views'
        // max(as_of_date) read the partition values instead.
        .config("spark.databricks.delta.optimizeMetadataQuery.enabled", "false");
    if (readOnly) {
      builder.config("spark.sql.extensions", DELTA_EXTENSION + "," + ReadOnlySql.class.getName());
    }
    Optional<String> uri = config.metastoreUri();
    if (uri.isPresent()) {
      builder.config("spark.hadoop.hive.metastore.uris", uri.get());
    } else {
      String dir = SqlCatalog.derbyDir(config, warehouseLocation);
      System.setProperty("derby.stream.error.file", dir + "/derby.log");
      builder.config("spark.hadoop.javax.jdo.option.ConnectionURL",
          "jdbc:derby:;databaseName=" + dir + "/metastore_db;create=true");
    }
    return builder.getOrCreate();
  }

  private static SparkSession.Builder builder(ClienteleConfig config, Optional<String> localDir) {
    SparkSession.Builder builder = SparkSession.builder()
        .config("spark.sql.extensions", DELTA_EXTENSION)
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()))
        .config("spark.sql.autoBroadcastJoinThreshold", String.valueOf(config.broadcastJoinThresholdBytes()))
        // Stored values never depend on the machine's zone: the warehouse runs in UTC and
        // timestamps are the exporter's wall-clock time.
        .config("spark.sql.session.timeZone", "UTC")
        // Unparseable dates become null (then quarantined) instead of failing the job.
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.databricks.delta.schema.autoMerge.enabled", "false");
    tuningDefaults(new SparkConf(true)).forEach(builder::config);
    if (!isSubmitted()) {
      // Under spark-submit the application's name and master are spark-submit's (--name, --master).
      builder.appName("clientele").master(config.sparkMaster());
      localDir.filter(d -> !d.isBlank()).ifPresent(d -> builder.config("spark.local.dir", d));
    }
    return builder;
  }

  /**
   * Performance settings, each measured on this product's workloads (docs/benchmarks/NOTES.md), that a
   * deployment may override: a key already in {@code given} (spark-submit's {@code --conf}, a
   * {@code -Dspark.…} system property, spark-defaults.conf under spark-submit) is left as given.
   * The settings set in {@link #builder} itself are not overridable there: the stored values depend on
   * them, or they come from the Clientele configuration ({@code clientele.spark.*}).
   */
  static Map<String, String> tuningDefaults(SparkConf given) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spark.sql.adaptive.enabled", "true");
    defaults.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
    defaults.put("spark.ui.enabled", "false");
    defaults.put("spark.ui.showConsoleProgress", "false");
    // Shared intermediate results (Lineage.share) are read once or twice, then dropped:
    // compressing their column batches costs more than it saves.
    defaults.put("spark.sql.inMemoryColumnarStorage.compressed", "false");
    // ... but the part of them that does not fit in memory goes to local disk, where uncompressed
    // batches filled a 77 GB scratch disk during a 20M-transaction ingest with -Xmx8g: spilled
    // blocks are compressed (lz4), blocks kept in memory are not.
    defaults.put("spark.rdd.compress", "true");
    // A gold build compiles a few hundred generated classes; with Spark's default cache of 100
    // the later tables and the next day's build compile them again (measured: a warm build of
    // the samples 41 s with the default, 28 s with room for all).
    defaults.put("spark.sql.codegen.cache.maxEntries", "2000");
    // Hash aggregation without its first-level "fast" map: that map's memory cannot be spilled, and
    // a 40M-transaction ingest with -Xmx8g failed with "No enough memory for aggregation" after
    // 202 refused spill calls to it; with this setting the same run completed (docs/benchmarks/NOTES.md).
    defaults.put("spark.sql.codegen.aggregate.map.twolevel.enabled", "false");
    // Writes into partitioned tables (bronze by logical_date, gold by as_of_date) otherwise sort
    // every row by the partition columns first, although a write mostly carries a single date:
    // a 10M gold build spent 12% of its executor time sorting 9M segment rows by a constant.
    // With concurrent writers a task opens one file per partition value it meets, and sorts only
    // when it meets more than this many.
    defaults.put("spark.sql.maxConcurrentOutputFileWriters", "4");
    defaults.put("spark.databricks.delta.snapshotPartitions", "2");
    // Delta does not copy MERGE sources: a MERGE reads its source twice (to find the rows it touches,
    // then to write), so a source computed from other tables must be shared first (Lineage.share)
    // or it is computed twice — as the gold build's state refresh was until it shared its source.
    defaults.put("spark.databricks.delta.merge.materializeSource", "none");
    // Checkpoint files of frames no longer referenced are deleted while the job runs.
    defaults.put("spark.cleaner.referenceTracking.cleanCheckpoints", "true");
    defaults.keySet().removeIf(given::contains);
    return defaults;
  }

  /**
   * Points the session's reliable checkpoints ({@link Lineage#cut}) at {@code base}: a folder on the
   * shared file system (the warehouse's {@code _clientele/checkpoints} unless configured), so a
   * checkpointed frame survives the loss of the executor that computed it. Spark adds a folder of
   * its own per session below it; {@link #dropCheckpoints} removes it at the end of a command.
   */
  public static void useCheckpointDir(SparkSession spark, String base) {
    spark.sparkContext().setCheckpointDir(base);
  }

  /** Deletes the session's checkpoint folder (the files of this run only). */
  public static void dropCheckpoints(SparkSession spark) {
    SparkContext context = spark.sparkContext();
    if (context.getCheckpointDir().isEmpty()) {
      return;
    }
    Path dir = new Path(context.getCheckpointDir().get());
    try {
      FileSystem fs = dir.getFileSystem(context.hadoopConfiguration());
      fs.delete(dir, true);
    } catch (IOException e) {
      // Leftover checkpoint files are harmless (and named by run); the command's result stands.
      org.apache.logging.log4j.LogManager.getLogger(SparkRuntime.class)
          .warn("could not delete the checkpoint folder {}: {}", dir, e.getMessage());
    }
  }

  private static boolean isSubmitted() {
    return System.getProperty("spark.master") != null;
  }
}
