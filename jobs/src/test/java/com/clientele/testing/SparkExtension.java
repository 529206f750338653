package com.clientele.testing;

import com.clientele.config.ClienteleConfig;
import com.clientele.runtime.SparkRuntime;
import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.SparkSessionProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real local SparkSession (with Delta) for the whole test JVM, kept in the root store and
 * stopped when the suite ends. Test classes get it, and spark-testing-base's comparison helper,
 * as parameters.
 *
 * <p>After each test class the session is emptied of what that class left behind: cached frames
 * (frames a test shared and did not release, or a failed test could not), and Delta's cached table
 * handles with their cached snapshot states — every class writes its own temporary warehouses, so
 * none of it is ever read again. Left in place it accumulates over the suite (CrashPointTest alone
 * leaves about 250 cached frames), and in CI a class late in the suite took four times as long as in
 * a short run (GeneratedExportsIngestTest: 310 s against 73–78 s). Each class's end prints one line
 * to the build log: the frames dropped and the JIT's code cache.
 */
public final class SparkExtension implements ParameterResolver, AfterAllCallback {

  private static final String KEY = "clientele.spark";

  /** The session; created on first use. */
  public static synchronized SparkSession session(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    Holder holder = store.getOrComputeIfAbsent(KEY, k -> new Holder(), Holder.class);
    return holder.spark;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    Holder holder = store.get(KEY, Holder.class);
    if (holder != null) {
      int dropped = holder.empty();
      long code = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getName().startsWith("CodeHeap") || pool.getName().equals("Code Cache"))
          .mapToLong(pool -> pool.getUsage().getUsed()).sum();
      System.err.printf("[spark-suite] after %s: %d cached frames dropped; code cache %d MiB%n",
          context.getRequiredTestClass().getSimpleName(), dropped, code >> 20);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SparkSession.class || type == JavaDataFrameSuiteBase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SparkSession spark = session(context);
    if (parameter.getParameter().getType() == JavaDataFrameSuiteBase.class) {
      return new JavaDataFrameSuiteBase();
    }
    return spark;
  }

  /** Closes the session at the end of the run (JUnit closes CloseableResource values in the root store). */
  static final class Holder implements ExtensionContext.Store.CloseableResource {
    final SparkSession spark;

    Holder() {
      try {
        Path scratch = Files.createTempDirectory("clientele-test-spark");
        var config = ClienteleConfig.load(java.util.Optional.empty());
        spark = SparkRuntime.start(config, java.util.Optional.of(scratch.resolve("spark").toString()));
        SparkRuntime.useCheckpointDir(spark, scratch.resolve("checkpoints").toString());
        spark.sparkContext().setLogLevel("ERROR");
        // Without this, a failing DataFrame comparison throws NPE instead of an assertion error.
        SparkSessionProvider._sparkSession_$eq(spark);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Drops every cached frame and Delta's cached table handles; returns how many frames were cached.
     * The RDDs are unpersisted (blocking) before the SQL cache is cleared: clearing it first starts
     * asynchronous removals of the same blocks, and a blocking removal racing one of them fails with
     * "Block rdd_… does not exist" (a CI run failed on that). A block already gone is what we want,
     * so that one failure is tolerated; any other is not.
     */
    int empty() {
      var cached = List.copyOf(JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().values());
      for (var rdd : cached) {
        try {
          rdd.unpersist(true);
        } catch (RuntimeException e) {
          if (!alreadyRemoved(e)) {
            throw e;
          }
        }
      }
      spark.catalog().clearCache();
      DeltaLog.clearCache();
      return cached.size();
    }

    private static boolean alreadyRemoved(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t.getMessage() != null && t.getMessage().matches("(?s).*Block rdd_\\d+_\\d+ does not exist.*")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void close() {
      spark.stop();
    }
  }
}
