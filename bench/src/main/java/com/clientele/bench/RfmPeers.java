package com.clientele.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.clientele.catalog.TableCatalog;
import com.clientele.gold.RfmSummary;
import com.clientele.runtime.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The RFM summary (lifetimes' summary_data_from_transaction_data, freq='D') on the same input for
 * both sides: silver's sale lines up to {@link BenchPlan#FULL_DATE} (customer_key,
 * transaction_date, amount as double), exported once to Parquet. Ours: Spark reads it, computes
 * {@link RfmSummary} and writes Parquet. The peer: pandas reads it and lifetimes summarises it
 * (bench/src/main/python/rfm_lifetimes.py, in its own virtualenv), then compares its summary with
 * ours customer by customer.
 */
final class RfmPeers {

  static final String SPARK_RFM = "rfm summary (Spark)";

  private RfmPeers() {}

  /** Exports the input from a warehouse built by a run; returns the sale lines exported. */
  static long exportInput(Warehouse warehouse, Path input) throws IOException {
    BenchDataset.delete(input);
    var rows = warehouse.read(TableCatalog.TRANSACTIONS)
        .where(col("transaction_type").equalTo("sale")
            .and(col("transaction_date").leq(lit(java.sql.Date.valueOf(BenchPlan.FULL_DATE)))))
        .select(col("customer_key"), col("transaction_date"), col("amount").cast("double").as("amount"));
    rows.write().parquet(input.toString());
    return warehouse.spark().read().parquet(input.toString()).count();
  }

  /** One measured Spark run: read, summarise, write. */
  static StageMeter.Stage spark(SparkSession spark, Path input, Path output, long rows) throws Exception {
    BenchDataset.delete(output);
    return StageMeter.measure(SPARK_RFM, rows, () -> {
      var lines = spark.read().parquet(input.toString());
      RfmSummary.compute(lines, BenchPlan.FULL_DATE, RfmSummary.TimeUnit.DAYS).write().parquet(output.toString());
      return null;
    }).stage();
  }

  /**
   * Runs the pandas + lifetimes peer; returns its JSON result, or a JSON object with
   * {@code "unavailable"} giving the reason (no Python, the virtualenv could not be installed).
   */
  static JsonNode pandas(Path pythonDir, Path venv, Path input, Path ours, int runs, Path resultFile) {
    return python(pythonDir, venv, "rfm_lifetimes.py", List.of("--input", input.toString(),
        "--observation-end", BenchPlan.FULL_DATE.toString(), "--ours", ours.toString(),
        "--runs", Integer.toString(runs)), resultFile);
  }

  /**
   * Runs one of the Python peers in the benchmark's virtualenv (made first if needed) with its
   * arguments and {@code --out resultFile}; returns the JSON it wrote, or an object with
   * {@code "unavailable"} giving the reason.
   */
  static JsonNode python(Path pythonDir, Path venv, String script, List<String> arguments, Path resultFile) {
    ObjectMapper json = new ObjectMapper();
    try {
      List<String> log = new ArrayList<>();
      int setup = exec(List.of("bash", pythonDir.resolve("setup-venv.sh").toString(), venv.toString()), log);
      if (setup != 0) {
        return json.createObjectNode().put("unavailable", "virtualenv setup failed: " + tail(log));
      }
      Files.deleteIfExists(resultFile);
      List<String> command = new ArrayList<>(List.of(venv.resolve("bin").resolve("python").toString(),
          pythonDir.resolve(script).toString()));
      command.addAll(arguments);
      command.addAll(List.of("--out", resultFile.toString()));
      int code = exec(command, log);
      if (code != 0 || !Files.exists(resultFile)) {
        return json.createObjectNode().put("unavailable", script + " failed: " + tail(log));
      }
      return json.readTree(resultFile.toFile());
    } catch (IOException e) {
      return json.createObjectNode().put("unavailable", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return json.createObjectNode().put("unavailable", "interrupted");
    }
  }

  private static int exec(List<String> command, List<String> log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        System.err.println("  [python] " + line);
        log.add(line);
      }
    }
    return p.waitFor();
  }

  private static String tail(List<String> log) {
    return String.join(" / ", log.subList(Math.max(0, log.size() - 3), log.size()));
  }
}
