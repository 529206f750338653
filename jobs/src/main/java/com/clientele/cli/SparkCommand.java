package com.clientele.cli;

import com.clientele.config.ClienteleConfig;
import com.clientele.runtime.SparkRuntime;
import com.clientele.runtime.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Starts Spark for a command against a warehouse, and stops it afterwards. */
final class SparkCommand {

  private SparkCommand() {}

  interface Body<T> {
    T run(Warehouse warehouse, ClienteleConfig config) throws Exception;
  }

  static <T> T withWarehouse(Path root, ClienteleConfig config, Body<T> body) throws Exception {
    Path scratch = root.resolve("_clientele").resolve("spark-tmp");
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the warehouse folder " + root + ": " + e.getMessage());
    }
    // Only a session this command started is stopped (an embedding program may own one).
    boolean owned = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkRuntime.start(config, scratch);
    try {
      return body.run(new Warehouse(spark, root), config);
    } finally {
      if (owned) {
        spark.stop();
      }
    }
  }
}
