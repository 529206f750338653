package com.clientele.cli;

import com.clientele.config.ClienteleConfig;
import com.clientele.runtime.Progress;
import com.clientele.runtime.RunLock;
import com.clientele.runtime.SparkRuntime;
import com.clientele.runtime.SqlCatalog;
import com.clientele.runtime.Warehouse;
import org.apache.spark.sql.SparkSession;

/** Starts Spark for a command against a warehouse, and stops it afterwards. */
final class SparkCommand {

  private SparkCommand() {}

  interface Body<T> {
    T run(Warehouse warehouse, ClienteleConfig config) throws Exception;
  }

  /**
   * Runs {@code body} against the warehouse at {@code location} (a path or any Hadoop file system
   * URI). Reliable checkpoints go to the configured folder, else the warehouse's
   * {@code _clientele/checkpoints}, and are deleted when the command ends.
   */
  static <T> T withWarehouse(String location, ClienteleConfig config, Body<T> body) throws Exception {
    return withWarehouse(null, location, config, body);
  }

  /**
   * Runs {@code body} against the warehouse in a session whose catalog is the persistent SQL catalog
   * ({@link SparkRuntime#startWithCatalog}), after bringing the catalog in step with the warehouse
   * ({@link SqlCatalog#register}; idempotent). An embedded metastore open in another process (e.g.
   * serve-sql) is reported as such.
   */
  static <T> T withCatalog(String location, ClienteleConfig config, CatalogBody<T> body) throws Exception {
    return withCatalog(location, config, false, body);
  }

  /** As {@link #withCatalog(String, ClienteleConfig, CatalogBody)}, read-only once registered (serve-sql). */
  static <T> T withCatalog(String location, ClienteleConfig config, boolean readOnly, CatalogBody<T> body)
      throws Exception {
    boolean owned = SparkSession.getDefaultSession().isEmpty();
    if (owned && config.metastoreUri().isEmpty()) {
      SqlCatalog.ensureNotInUse(SqlCatalog.derbyDir(config, location));
    }
    SparkSession spark = SparkRuntime.startWithCatalog(config, location, readOnly);
    try {
      Warehouse warehouse = new Warehouse(spark, location);
      SqlCatalog.Registration registration;
      try {
        registration = new SqlCatalog(warehouse).register();
      } catch (RuntimeException e) {
        if (SqlCatalog.isMetastoreInUse(e)) {
          throw new IllegalStateException("the SQL catalog " + SqlCatalog.derbyDir(config, location)
              + " is open in another process (an embedded metastore serves one process at a time; is "
              + "`clientele serve-sql` running? Query through it, stop it, or set clientele.catalog.metastore-uri)");
        }
        throw e;
      }
      return body.run(warehouse, registration);
    } finally {
      if (owned) {
        spark.stop();
      }
    }
  }

  interface CatalogBody<T> {
    T run(Warehouse warehouse, SqlCatalog.Registration registration) throws Exception;
  }

  /** As {@link #withWarehouse(String, ClienteleConfig, Body)}, reporting progress on stderr as {@code command}. */
  static <T> T withWarehouse(String command, String location, ClienteleConfig config, Body<T> body) throws Exception {
    // Only a session this command started is stopped (an embedding program may own one).
    boolean owned = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkRuntime.start(config);
    Warehouse warehouse = new Warehouse(spark, location);
    boolean ownCheckpoints = owned || spark.sparkContext().getCheckpointDir().isEmpty();
    if (ownCheckpoints) {
      SparkRuntime.useCheckpointDir(spark,
          config.checkpointDir().orElse(warehouse.metaPath("checkpoints").toString()));
    }
    RunLock lock = null;
    Progress progress = null;
    try {
      // Every writing command holds the warehouse's run lock while it runs (one writer at a time);
      // read-only commands (sql, report, clv-validate, catalog, serve-sql) do not need it.
      lock = command != null && WRITING.contains(command) ? RunLock.acquire(warehouse, command) : null;
      progress = command == null ? null : Progress.begin(command, spark);
      return body.run(warehouse, config);
    } finally {
      if (progress != null) {
        progress.close();
      }
      if (ownCheckpoints) {
        SparkRuntime.dropCheckpoints(spark);
      }
      if (owned) {
        spark.stop();
      }
      if (lock != null) {
        lock.close();
      }
    }
  }

  /** The commands that write to the warehouse, and so take its run lock ({@link RunLock}). */
  static final java.util.Set<String> WRITING = java.util.Set.of("ingest", "build", "check", "maintain", "demo", "forget");
}
