package com.clientele.testing;

import com.clientele.config.ClienteleConfig;
import com.clientele.runtime.SparkRuntime;
import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.SparkSessionProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real local SparkSession (with Delta) for the whole test JVM, kept in the root store and
 * stopped when the suite ends. Test classes get it, and spark-testing-base's comparison helper,
 * as parameters.
 */
public final class SparkExtension implements ParameterResolver {

  private static final String KEY = "clientele.spark";

  /** The session; created on first use. */
  public static synchronized SparkSession session(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    Holder holder = store.getOrComputeIfAbsent(KEY, k -> new Holder(), Holder.class);
    return holder.spark;
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

    @Override
    public void close() {
      spark.stop();
    }
  }
}
