package com.clientele.bench;

import com.clientele.config.ClienteleConfig;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.runtime.SparkRuntime;
import com.clientele.runtime.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code clientele bench}: generates (or reuses) the dataset, then per run our pipeline (full
 * history, then the daily increment) and the DuckDB peer; the RFM summary against pandas +
 * lifetimes; checks the peers' results equal ours; writes docs/benchmarks/&lt;size&gt;.json and
 * regenerates docs/benchmarks.md from every size's JSON.
 */
public final class Benchmark {

  /** A fixed secret: the data is synthetic, and fixed keys keep runs comparable. */
  static final String SECRET = "clientele-benchmark-secret-synthetic-data-only";

  private final BenchPlan plan;
  private final ObjectMapper json = new ObjectMapper();

  public Benchmark(BenchPlan plan) {
    this.plan = plan;
  }

  /** Runs everything; returns the result written to the report folder. */
  public JsonNode run() throws Exception {
    ClienteleConfig config = ClienteleConfig.load(Optional.empty());
    PersonalDataProtector protector = PersonalDataProtector.forSecret(SECRET);
    Path work = plan.workDir().toAbsolutePath();
    ObjectNode result = json.createObjectNode();
    result.put("size", plan.sizeLabel());
    ObjectNode planNode = result.putObject("plan");
    planNode.put("transactions", plan.transactions()).put("customers", plan.customers()).put("seed", plan.seed())
        .put("runs", plan.runs()).put("files_per_kind", plan.filesPerKind())
        .put("full_date", BenchPlan.FULL_DATE.toString()).put("increment_date", BenchPlan.INCREMENT_DATE.toString())
        .put("shuffle_partitions", config.shufflePartitions()).put("spark_master", config.sparkMaster())
        .put("broadcast_join_threshold_bytes", config.broadcastJoinThresholdBytes())
        // 2: peak heap from before-collection snapshots, the pandas peer's RSS from VmHWM (see StageMeter).
        .put("memory_metrics", BenchReport.MEMORY_METRICS);
    result.put("status", "running");

    String phase = "the dataset";
    log("dataset: seed " + plan.seed() + ", " + plan.sizeLabel() + " transactions, " + plan.customers() + " customers");
    BenchDataset data = BenchDataset.prepare(plan);
    ObjectNode dataNode = result.putObject("dataset");
    dataNode.put("landing", data.landing().toString()).put("csv_bytes", data.bytes()).put("cached", data.cached())
        .put("generate_seconds", data.generatedSeconds());
    dataNode.set("generator", json.readTree(data.landing().resolve("_generator.json").toFile()));
    log("dataset ready: " + (data.cached() ? "cached" : "generated in " + Math.round(data.generatedSeconds()) + " s")
        + ", " + data.bytes() / 1048576 + " MiB of CSV");

    Path scratch = work.resolve("scratch");
    Files.createDirectories(scratch);
    // Only a session this benchmark started is stopped (a test may own one).
    boolean owned = SparkSession.getDefaultSession().isEmpty();
    var started = StageMeter.measure("spark session start", 0, () -> SparkRuntime.start(config, Optional.of(scratch.resolve("spark").toString())));
    SparkRuntime.useCheckpointDir(started.value(), scratch.resolve("checkpoints").toString());
    SparkSession spark = started.value();
    result.put("spark_start_seconds", started.stage().wallSeconds());
    result.set("machine", Machine.describe(spark));
    ArrayNode sparkRuns = result.putArray("spark_runs");
    ArrayNode duckRuns = result.putArray("duckdb_runs");
    ObjectNode duckFiles = result.putObject("duckdb_gold_file_seconds");
    ArrayNode rfmRuns = result.putArray("spark_rfm_runs");
    ArrayNode clvRuns = result.putArray("spark_clv_runs");
    Path warehouseRoot = work.resolve("runs").resolve(plan.sizeLabel()).resolve("warehouse");
    try {
      for (int run = 1; run <= plan.runs(); run++) {
        phase = "our pipeline";
        log("run " + run + "/" + plan.runs() + ": our pipeline");
        List<StageMeter.Stage> ours = new SparkPipeline(spark, config, protector).run(data, warehouseRoot);
        sparkRuns.add(json.valueToTree(ours));
        ours.forEach(s -> log("  " + describe(s)));
        writeResult(result);
        if (plan.duckdb()) {
          phase = "the DuckDB peer";
          log("run " + run + "/" + plan.runs() + ": DuckDB");
          boolean last = run == plan.runs();
          try (DuckDbPipeline duck = new DuckDbPipeline(scratch.resolve("duckdb"), cores(), duckMemory())) {
            List<StageMeter.Stage> theirs = duck.run(data, config, protector);
            duckRuns.add(json.valueToTree(theirs));
            duckFiles.set("run " + run, json.valueToTree(duck.goldFileSeconds()));
            theirs.forEach(s -> log("  " + describe(s)));
            if (last) {
              // The last run's warehouse holds the increment too; gold keeps a snapshot per date.
              phase = "the gold comparison with DuckDB";
              log("comparing the gold tables of " + BenchPlan.FULL_DATE + " with DuckDB's");
              var verdicts = GoldComparison.compare(new Warehouse(spark, warehouseRoot.toString()), duck.connection(),
                  BenchPlan.FULL_DATE, work.resolve("runs").resolve(plan.sizeLabel()).resolve("gold-export"));
              result.set("gold_comparison", json.valueToTree(verdicts));
              verdicts.forEach(v -> log("  " + v.table() + ": " + (v.identical() ? "identical" : "DIFFERENT")
                  + " (" + v.oursRows() + " rows ours, " + v.duckdbRows() + " DuckDB, " + v.differentRows()
                  + " differ) " + String.join(" ", v.examples())));
            }
          }
          writeResult(result);
        }
      }
      phase = "the RFM summary in Spark";
      log("RFM summary: Spark");
      Path rfm = work.resolve("runs").resolve(plan.sizeLabel()).resolve("rfm");
      long lines = RfmPeers.exportInput(new Warehouse(spark, warehouseRoot.toString()), rfm.resolve("input"));
      result.put("rfm_input_rows", lines);
      for (int run = 1; run <= plan.runs(); run++) {
        StageMeter.Stage stage = RfmPeers.spark(spark, rfm.resolve("input"), rfm.resolve("ours"), lines);
        rfmRuns.add(json.valueToTree(stage));
        log("  " + describe(stage));
      }
      if (plan.pythonDir().isPresent()) {
        phase = "the pandas + lifetimes peer";
        log("RFM summary: pandas + lifetimes");
        JsonNode pandas = RfmPeers.pandas(plan.pythonDir().get(), work.resolve("pyenv"), rfm.resolve("input"),
            rfm.resolve("ours"), plan.runs(), rfm.resolve("pandas.json"));
        result.set("pandas", pandas);
      }
      phase = "the lifetime-value models in Spark";
      log("lifetime value models: Spark");
      Path clv = work.resolve("runs").resolve(plan.sizeLabel()).resolve("clv");
      long customers = ClvPeers.exportInput(new Warehouse(spark, warehouseRoot.toString()), clv.resolve("input"));
      result.put("clv_input_customers", customers);
      for (int run = 1 - ClvPeers.WARMUP_RUNS; run <= plan.runs(); run++) {
        StageMeter.Stage stage = ClvPeers.spark(spark, clv.resolve("input"), clv.resolve("ours"),
            clv.resolve("ours-params.json"), customers, com.clientele.gold.AnalyticsSettings.from(config));
        if (run < 1) {
          if (run == 1 - ClvPeers.WARMUP_RUNS) {
            result.set("spark_clv_first_run", json.valueToTree(stage));
          }
          log("  (warm-up) " + describe(stage));
          continue;
        }
        clvRuns.add(json.valueToTree(stage));
        log("  " + describe(stage));
      }
      if (plan.pythonDir().isPresent()) {
        phase = "the lifetimes peer";
        log("lifetime value models: lifetimes");
        result.set("lifetimes_clv", ClvPeers.lifetimes(plan.pythonDir().get(), work.resolve("pyenv"),
            clv.resolve("input"), clv.resolve("ours"), clv.resolve("ours-params.json"), plan.runs(),
            clv.resolve("lifetimes.json")));
      }
      result.put("status", "complete");
    } catch (Exception | OutOfMemoryError e) {
      result.put("status", "failed in " + phase + ": " + e);
      throw e;
    } finally {
      result.set("summary", BenchReport.summarise(result));
      writeResult(result);
      if (owned) {
        spark.stop();
      }
    }
    return result;
  }

  private void writeResult(ObjectNode result) throws Exception {
    Files.createDirectories(plan.reportDir());
    result.set("summary", BenchReport.summarise(result));
    json.writerWithDefaultPrettyPrinter().writeValue(plan.reportDir().resolve(plan.sizeLabel() + ".json").toFile(), result);
    BenchReport.writeMarkdown(plan.reportDir());
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** DuckDB shares the process with Spark's heap: give it what the heap leaves of the machine, at most 8 GB. */
  private static String duckMemory() {
    long physical = Machine.physicalMemoryBytes();
    long heap = Runtime.getRuntime().maxMemory();
    long left = physical > 0 ? (physical - heap) * 3 / 4 : 4L << 30;
    return Math.max(1, Math.min(8, left >> 30)) + "GB";
  }

  private static String describe(StageMeter.Stage s) {
    return String.format(java.util.Locale.ROOT, "%-24s %8.1f s wall %8.1f s CPU %9d rows %9.0f rows/s/core peak RSS %6.0f MiB",
        s.name(), s.wallSeconds(), s.cpuSeconds(), s.rows(), s.rowsPerSecondPerCore(cores()), s.peakRssMb());
  }

  private static void log(String line) {
    System.err.println("bench: " + line);
  }
}
