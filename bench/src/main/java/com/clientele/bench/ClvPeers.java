package com.clientele.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.clientele.catalog.TableCatalog;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.CustomerLifetimeValue;
import com.clientele.gold.LifetimeValueModels;
import com.clientele.runtime.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lifetime-value models (BG/NBD + Gamma-Gamma, fit and scoring) on the same RFM summary for both
 * sides: gold.customer_lifetime_value's summary columns of {@link BenchPlan#FULL_DATE}, exported once
 * to Parquet. Ours: {@link LifetimeValueModels#fit} fits both models on the grouped summary and
 * {@link CustomerLifetimeValue#score} scores every customer, from the summary cached in memory to the
 * predictions cached in memory (then written to Parquet, unmeasured). The peer: lifetimes' BetaGeoFitter and GammaGammaFitter on the pandas frame, the same
 * predictions (bench/src/main/python/clv_lifetimes.py), then compared with ours.
 */
final class ClvPeers {

  static final String SPARK_CLV = "clv fit + score (Spark)";

  /**
   * Unmeasured runs before the measured ones, on both sides, as a JVM benchmark harness does: the
   * first runs of a JVM pay for compiling the code they run. At 10M transactions our fit + scoring
   * took about 4.6 s in its first run, 3 s in the next four and 1.9–2.1 s from the sixth on (the
   * just-in-time compiler's last tier reaching the likelihood loops); lifetimes' runs do not change.
   * The first run's time is reported too ({@code spark_clv_first_run}): a nightly build, which fits
   * once per JVM, pays that one.
   */
  static final int WARMUP_RUNS = 5;

  private ClvPeers() {}

  /** Exports the summary from a warehouse built by a run; returns the customers exported. */
  static long exportInput(Warehouse warehouse, Path input) throws IOException {
    BenchDataset.delete(input);
    warehouse.read(TableCatalog.CUSTOMER_LIFETIME_VALUE)
        .where(col("as_of_date").equalTo(lit(java.sql.Date.valueOf(BenchPlan.FULL_DATE))))
        .select(col("customer_key"), col("frequency"), col("recency"), col("age").as("T"), col("monetary_value"))
        .write().parquet(input.toString());
    return warehouse.spark().read().parquet(input.toString()).count();
  }

  /**
   * One measured run: fit and score, from the summary in memory to the predictions in memory — as the
   * peer is measured (its pandas frame read before the clock starts, its predictions a frame). The
   * summary is read and cached before the clock starts; the predictions are cached inside the
   * measurement and written to Parquet after it, for the comparison. Our parameters go to {@code params}.
   */
  static StageMeter.Stage spark(SparkSession spark, Path input, Path output, Path params, long customers,
      AnalyticsSettings settings) throws Exception {
    BenchDataset.delete(output);
    Dataset<Row> rfm = spark.read().parquet(input.toString()).withColumnRenamed("T", "age").cache();
    rfm.count();
    Dataset<Row>[] scored = new Dataset[1];
    var measured = StageMeter.measure(SPARK_CLV, customers, () -> {
      LifetimeValueModels.Fitted fitted = LifetimeValueModels.fit(rfm, settings.clv());
      scored[0] = CustomerLifetimeValue.score(rfm, fitted).select("customer_key", "p_alive", "expected_purchases_30d",
          "expected_purchases_90d", "expected_purchases_365d", "expected_average_order_value", "clv").cache();
      scored[0].count();
      return fitted;
    });
    scored[0].write().parquet(output.toString());
    scored[0].unpersist();
    rfm.unpersist();
    LifetimeValueModels.Fitted fitted = measured.value();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("bg_nbd_status", fitted.bgNbd().status());
    values.put("gamma_gamma_status", fitted.gammaGamma().status());
    if (fitted.bgNbd().fit() != null) {
      var bg = fitted.bgNbd().fit().params();
      values.put("r", bg.r());
      values.put("alpha", bg.alpha());
      values.put("a", bg.a());
      values.put("b", bg.b());
    }
    if (fitted.gammaGamma().fit() != null) {
      var gg = fitted.gammaGamma().fit().params();
      values.put("p", gg.p());
      values.put("q", gg.q());
      values.put("v", gg.v());
    }
    values.put("bg_nbd_groups", fitted.bgNbd().groups());
    values.put("gamma_gamma_groups", fitted.gammaGamma().groups());
    values.put("fit_seconds", fitted.seconds());
    new ObjectMapper().writeValue(params.toFile(), values);
    return measured.stage();
  }

  /** Runs the lifetimes peer; its JSON result, or an object with {@code "unavailable"} and the reason. */
  static JsonNode lifetimes(Path pythonDir, Path venv, Path input, Path ours, Path params, int runs, Path resultFile) {
    return RfmPeers.python(pythonDir, venv, "clv_lifetimes.py", List.of("--input", input.toString(),
        "--ours", ours.toString(), "--ours-params", params.toString(), "--runs", Integer.toString(runs),
        "--warmup", Integer.toString(WARMUP_RUNS)), resultFile);
  }
}
