package com.clientele.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Turns raw runs into the report: medians per stage, the ratios the targets speak of, and
 * docs/benchmarks.md (regenerated from every docs/benchmarks/&lt;size&gt;.json, followed by the
 * hand-written docs/benchmarks/NOTES.md: profiling findings and before/after figures).
 */
public final class BenchReport {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Version of the memory figures (see Benchmark's plan JSON); older results hide the ones since corrected. */
  static final int MEMORY_METRICS = 2;

  private BenchReport() {}

  /** The summary of a result: medians, sums, ratios, checks, targets. */
  static ObjectNode summarise(JsonNode result) {
    ObjectNode s = NODES.objectNode();
    ObjectNode stages = s.putObject("stages");
    stages.set("ours", stageMedians(runs(result.path("spark_runs"))));
    stages.set("duckdb", stageMedians(runs(result.path("duckdb_runs"))));
    List<JsonNode> rfm = new ArrayList<>();
    result.path("spark_rfm_runs").forEach(rfm::add);
    stages.set("rfm_spark", stageMedians(List.of(rfm)));
    List<JsonNode> clv = new ArrayList<>();
    result.path("spark_clv_runs").forEach(clv::add);

    Double full = medianOfSums(result.path("spark_runs"), List.of(SparkPipeline.INGEST, SparkPipeline.GOLD));
    Double increment = medianOfSums(result.path("spark_runs"),
        List.of(SparkPipeline.INCREMENT_INGEST, SparkPipeline.INCREMENT_GOLD));
    Double duck = medianOfSums(result.path("duckdb_runs"), List.of(DuckDbPipeline.LOAD, DuckDbPipeline.GOLD));
    Double oursGold = medianOfSums(result.path("spark_runs"), List.of(SparkPipeline.GOLD));
    Double duckGold = medianOfSums(result.path("duckdb_runs"), List.of(DuckDbPipeline.GOLD));
    Double sparkRfm = median(rfm, r -> r.path("wallSeconds").asDouble());
    List<JsonNode> pandasRuns = new ArrayList<>();
    result.path("pandas").path("runs").forEach(pandasRuns::add);
    Double pandas = median(pandasRuns, r -> r.path("total_seconds").asDouble());
    Double sparkClv = median(clv, r -> r.path("wallSeconds").asDouble());
    List<JsonNode> lifetimesRuns = new ArrayList<>();
    result.path("lifetimes_clv").path("runs").forEach(lifetimesRuns::add);
    Double lifetimesClv = median(lifetimesRuns, r -> r.path("total_seconds").asDouble());

    ObjectNode seconds = s.putObject("seconds");
    put(seconds, "ours_full", full);
    // The first run pays the cold JVM (JIT, Spark's code generation), as every spark-submit does.
    JsonNode firstRun = result.path("spark_runs").path(0);
    put(seconds, "ours_full_first_run", firstRun.isMissingNode() ? null
        : medianOfSums(NODES.arrayNode().add(firstRun), List.of(SparkPipeline.INGEST, SparkPipeline.GOLD)));
    put(seconds, "ours_increment", increment);
    put(seconds, "duckdb_full", duck);
    put(seconds, "ours_gold", oursGold);
    put(seconds, "duckdb_gold", duckGold);
    put(seconds, "spark_rfm", sparkRfm);
    put(seconds, "pandas_rfm", pandas);
    put(seconds, "spark_clv", sparkClv);
    put(seconds, "lifetimes_clv", lifetimesClv);
    // Our first (warm-up, unmeasured) run of the models: what a nightly build, which fits once, pays.
    JsonNode clvFirst = result.path("spark_clv_first_run");
    put(seconds, "spark_clv_first_run", clvFirst.isMissingNode() ? null : clvFirst.path("wallSeconds").asDouble());
    ObjectNode ratios = s.putObject("ratios");
    put(ratios, "ours_vs_duckdb_end_to_end", ratio(full, duck));
    put(ratios, "ours_vs_duckdb_gold_only", ratio(oursGold, duckGold));
    put(ratios, "increment_share_of_full", ratio(increment, full));
    put(ratios, "pandas_vs_spark_rfm", ratio(pandas, sparkRfm));
    put(ratios, "lifetimes_vs_spark_clv", ratio(lifetimesClv, sparkClv));

    ObjectNode checks = s.putObject("checks");
    JsonNode gold = result.path("gold_comparison");
    if (gold.isArray() && !gold.isEmpty()) {
      boolean same = true;
      for (JsonNode t : gold) {
        same &= t.path("differentRows").asLong() == 0 && t.path("oursRows").asLong() == t.path("duckdbRows").asLong();
      }
      checks.put("gold_identical_to_duckdb", same);
    }
    JsonNode cmp = result.path("pandas").path("comparison");
    if (cmp.has("identical")) {
      checks.put("rfm_identical_to_lifetimes", cmp.path("identical").asBoolean());
    }
    JsonNode clvCmp = result.path("lifetimes_clv").path("comparison");
    if (clvCmp.has("params_within_1e-3")) {
      checks.put("clv_params_within_1e-3_of_lifetimes", clvCmp.path("params_within_1e-3").asBoolean());
    }
    return s;
  }

  private static List<List<JsonNode>> runs(JsonNode runs) {
    List<List<JsonNode>> out = new ArrayList<>();
    runs.forEach(run -> {
      List<JsonNode> stages = new ArrayList<>();
      run.forEach(stages::add);
      out.add(stages);
    });
    return out;
  }

  private static ObjectNode stageMedians(List<List<JsonNode>> runs) {
    Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
    runs.forEach(run -> run.forEach(stage -> byName.computeIfAbsent(stage.path("name").asText(), k -> new ArrayList<>())
        .add(stage)));
    ObjectNode out = NODES.objectNode();
    byName.forEach((name, list) -> {
      ObjectNode m = out.putObject(name);
      m.put("runs", list.size());
      m.put("wall_seconds", median(list, x -> x.path("wallSeconds").asDouble()));
      m.put("cpu_seconds", median(list, x -> x.path("cpuSeconds").asDouble()));
      m.put("rows", list.get(0).path("rows").asLong());
      double wall = median(list, x -> x.path("wallSeconds").asDouble());
      int cores = Runtime.getRuntime().availableProcessors();
      m.put("rows_per_second_per_core", wall > 0 ? list.get(0).path("rows").asLong() / wall / cores : 0);
      m.put("peak_rss_mb", list.stream().mapToDouble(x -> x.path("peakRssMb").asDouble()).max().orElse(-1));
      m.put("peak_heap_mb", list.stream().mapToDouble(x -> x.path("peakHeapMb").asDouble()).max().orElse(-1));
    });
    return out;
  }

  private static Double medianOfSums(JsonNode runs, List<String> names) {
    List<Double> sums = new ArrayList<>();
    for (JsonNode run : runs) {
      double sum = 0;
      int found = 0;
      for (JsonNode stage : run) {
        if (names.contains(stage.path("name").asText())) {
          sum += stage.path("wallSeconds").asDouble();
          found++;
        }
      }
      if (found == names.size()) {
        sums.add(sum);
      }
    }
    return sums.isEmpty() ? null : medianOf(sums);
  }

  static <T> Double median(List<T> items, ToDoubleFunction<T> f) {
    if (items.isEmpty()) {
      return null;
    }
    return medianOf(items.stream().map(i -> f.applyAsDouble(i)).toList());
  }

  static double medianOf(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Double ratio(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  private static void put(ObjectNode node, String field, Double value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // docs/benchmarks.md

  /** Regenerates {@code <reportDir>/../benchmarks.md} from the JSON results in reportDir. */
  public static void writeMarkdown(Path reportDir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(reportDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        results.add(json.readTree(f.toFile()));
      }
    }
    results.sort(Comparator.comparingLong(r -> r.path("plan").path("transactions").asLong()));
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Generated by `bin/clientele bench` from the results in `docs/benchmarks/*.json` (one per size); the\n")
        .append("notes at the end are written by hand. Do not edit the tables: re-run the benchmark.\n\n")
        .append("What is measured: our pipeline end to end on a fresh warehouse — ingest of the full history (every\n")
        .append("export file up to the last day of the initial load) and the gold build for that day — then the daily\n")
        .append("increment (the next day's files: ingest and gold build). The DuckDB peer runs in the same JVM on the\n")
        .append("same CSV files: `duckdb/load.sql` then the same gold tables (`duckdb/gold/*.sql`), and its gold tables\n")
        .append("are checked row by row against ours. The RFM summary is compared with pandas + lifetimes'\n")
        .append("`summary_data_from_transaction_data` on the same Parquet input, customer by customer. The\n")
        .append("lifetime-value models (fit + scoring) are compared with lifetimes on the same summary, from the summary\n")
        .append("in memory to the predictions in memory on both sides, after ").append(ClvPeers.WARMUP_RUNS)
        .append(" unmeasured warm-up runs on each\nside (our first, cold run is shown below the table). Times are\n")
        .append("medians of the runs (one JVM, the first run included); CPU is the whole process's CPU time;\n")
        .append("rows/s/core = input rows / wall seconds / cores; peak RSS is the process's high-water mark during\n")
        .append("the stage. Our pipeline does more than the peers: validation with quarantine accounting,\n")
        .append("pseudonymous keys and encryption of personal data, SCD2 history, Delta transactions.\n\n");
    if (!results.isEmpty()) {
      JsonNode m = results.get(results.size() - 1).path("machine");
      md.append("## Machine\n\n| | |\n|---|---|\n");
      row(md, "CPU", m.path("cpu").asText() + ", " + m.path("cores").asInt() + " cores");
      row(md, "Memory", m.path("memory_gb").asText() + " GB");
      row(md, "OS", m.path("os").asText());
      row(md, "Java", m.path("java").asText() + " (" + m.path("jvm_options").asText() + ")");
      m.path("versions").fields().forEachRemaining(e -> row(md, e.getKey(), e.getValue().asText()));
      md.append('\n');
      md.append("## Targets\n\n| size | target | measured | met |\n|---|---|---|---|\n");
      for (JsonNode r : results) {
        targets(md, r);
      }
      md.append('\n');
    }
    for (JsonNode r : results) {
      size(md, r);
    }
    Path notes = reportDir.resolve("NOTES.md");
    if (Files.exists(notes)) {
      md.append(Files.readString(notes, StandardCharsets.UTF_8));
    }
    Files.writeString(reportDir.resolveSibling("benchmarks.md"), md.toString(), StandardCharsets.UTF_8);
  }

  static void targets(StringBuilder md, JsonNode r) {
    String size = r.path("size").asText();
    JsonNode ratios = r.path("summary").path("ratios");
    JsonNode checks = r.path("summary").path("checks");
    String status = headline(r.path("status").asText());
    boolean same = checks.path("gold_identical_to_duckdb").asBoolean(false);
    String identical = !checks.has("gold_identical_to_duckdb") ? "identity NOT checked" : same ? "identical" : "NOT identical";
    if (ratios.hasNonNull("ours_vs_duckdb_end_to_end")) {
      double x = ratios.path("ours_vs_duckdb_end_to_end").asDouble();
      md.append("| ").append(size).append(" | end to end ≤ 5× DuckDB (goal 3×; same gold tables, ").append(identical)
          .append(") | ").append(fmt(x)).append("× | ").append(x <= 5 && same ? (x <= 3 ? "yes, goal too" : "yes") : "no")
          .append(" |\n");
    }
    if (ratios.hasNonNull("ours_vs_duckdb_gold_only")) {
      double x = ratios.path("ours_vs_duckdb_gold_only").asDouble();
      md.append("| ").append(size).append(" | gold build alone ≤ 3× DuckDB's gold SQL (").append(identical)
          .append(") | ").append(fmt(x)).append("× | ").append(x <= 3 && same ? "yes" : "no").append(" |\n");
    }
    if (ratios.hasNonNull("pandas_vs_spark_rfm")) {
      double x = ratios.path("pandas_vs_spark_rfm").asDouble();
      boolean rfmSame = checks.path("rfm_identical_to_lifetimes").asBoolean(false);
      md.append("| ").append(size).append(" | RFM ≥ 10× faster than pandas + lifetimes, identical output | ")
          .append(fmt(x)).append("× faster, ").append(rfmSame ? "identical" : "NOT identical").append(" | ")
          .append(x >= 10 && rfmSame ? "yes" : "no").append(" |\n");
    }
    if (ratios.hasNonNull("lifetimes_vs_spark_clv")) {
      double x = ratios.path("lifetimes_vs_spark_clv").asDouble();
      boolean close = checks.path("clv_params_within_1e-3_of_lifetimes").asBoolean(false);
      md.append("| ").append(size).append(" | CLV fit + scoring ≥ 10× faster than lifetimes, parameters within 1e-3 | ")
          .append(fmt(x)).append("× faster, ").append(close ? "within 1e-3" : "NOT within 1e-3").append(" | ")
          .append(x >= 10 && close ? "yes" : "no").append(" |\n");
    }
    if (ratios.hasNonNull("increment_share_of_full")) {
      double x = ratios.path("increment_share_of_full").asDouble();
      md.append("| ").append(size).append(" | daily increment ≤ 15% of a full run | ")
          .append(fmt(100 * x)).append("% | ").append(x <= 0.15 ? "yes" : "no").append(" |\n");
    }
    String heap = java.util.Arrays.stream(r.path("machine").path("jvm_options").asText("").split(" "))
        .filter(o -> o.startsWith("-Xmx")).findFirst().map(o -> " with " + o).orElse("");
    // The target is about our pipeline: when all its runs finished, a later failure (a peer, the
    // comparison) is shown but does not make the pipeline's row "no".
    boolean oursComplete = status.equals("complete")
        || r.path("spark_runs").size() >= Math.max(1, r.path("plan").path("runs").asInt(1));
    String cell = status.equals("complete") || !oursComplete ? status
        : "our pipeline complete (then " + status + ")";
    md.append("| ").append(size).append(" | completes").append(heap).append(" | ").append(cell).append(" | ")
        .append(oursComplete ? "yes" : "no").append(" |\n");
  }

  /** A run's status for a table cell: a failure's first line (its stack trace stays in the JSON), at most 300 characters. */
  static String headline(String status) {
    String first = status.lines().findFirst().orElse("").strip();
    return first.length() <= 300 ? first : first.substring(0, 299) + "…";
  }

  /** The commit the run's product jar was built from, as its result recorded it. */
  static String codeOf(JsonNode r) {
    JsonNode v = r.path("machine").path("versions");
    String version = v.path("clientele").asText("unknown");
    return v.hasNonNull("clientele_commit")
        ? "clientele " + version + ", commit " + v.path("clientele_commit").asText()
        : "clientele " + version + ", commit not recorded (a result from before the build recorded it)";
  }

  private static void size(StringBuilder md, JsonNode r) {
    JsonNode plan = r.path("plan");
    JsonNode data = r.path("dataset");
    JsonNode gen = data.path("generator");
    md.append("## ").append(r.path("size").asText()).append(" transactions\n\n");
    md.append(String.format(Locale.ROOT, "Status: %s. Seed %d, %,d customers, %d runs, %d files per kind and day, "
            + "%d shuffle partitions. Full history up to %s, increment %s. CSV: %,.0f MiB. Spark session start: %s s.%n%n",
        headline(r.path("status").asText()), plan.path("seed").asLong(), plan.path("customers").asLong(), plan.path("runs").asInt(),
        plan.path("files_per_kind").asInt(), plan.path("shuffle_partitions").asInt(), plan.path("full_date").asText(),
        plan.path("increment_date").asText(), data.path("csv_bytes").asDouble() / 1048576,
        fmt(r.path("spark_start_seconds").asDouble())));
    md.append("Code: ").append(codeOf(r)).append(".\n\n");
    if (gen.has("summary")) {
      JsonNode g = gen.path("summary");
      md.append(String.format(Locale.ROOT, "Generated rows (all days): %,d customers, %,d transactions, %,d interactions, "
              + "%,d referrals.%n%n", g.path("customerRows").asLong(), g.path("transactionRows").asLong(),
          g.path("interactionRows").asLong(), g.path("referralRows").asLong()));
    }
    // Results from before memory_metrics 2 summed the heap pools' separate peaks and took the pandas
    // peer's ru_maxrss (which includes the forking JVM): both overstated, so they are not shown.
    boolean memoryOk = plan.path("memory_metrics").asInt(1) >= MEMORY_METRICS;
    if (!memoryOk) {
      md.append("Peak heap and the pandas peer's peak RSS are not shown for this size: it was measured before "
          + "those two figures were corrected (they overstated).\n\n");
    }
    md.append("| engine | stage | wall s (median) | CPU s | rows | rows/s/core | peak RSS MiB | peak heap MiB |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    JsonNode stages = r.path("summary").path("stages");
    stages.fields().forEachRemaining(engine -> engine.getValue().fields().forEachRemaining(st -> {
      JsonNode v = st.getValue();
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,d | %,.0f | %,.0f | %s |%n", engine.getKey(),
          st.getKey(), fmt(v.path("wall_seconds").asDouble()), fmt(v.path("cpu_seconds").asDouble()),
          v.path("rows").asLong(), v.path("rows_per_second_per_core").asDouble(), v.path("peak_rss_mb").asDouble(),
          memoryOk ? String.format(Locale.ROOT, "%,.0f", v.path("peak_heap_mb").asDouble()) : "–"));
    }));
    JsonNode pandas = r.path("pandas");
    if (pandas.has("runs")) {
      List<JsonNode> runs = new ArrayList<>();
      pandas.path("runs").forEach(runs::add);
      md.append(String.format(Locale.ROOT, "| pandas + lifetimes | read Parquet | %s | %s | %,d | | | |%n",
          fmt(median(runs, x -> x.path("read_seconds").asDouble())),
          fmt(median(runs, x -> x.path("read_cpu_seconds").asDouble())), pandas.path("input_rows").asLong()));
      md.append(String.format(Locale.ROOT, "| pandas + lifetimes | summary_data_from_transaction_data | %s | %s | %,d | | %s | |%n",
          fmt(median(runs, x -> x.path("summary_seconds").asDouble())),
          fmt(median(runs, x -> x.path("summary_cpu_seconds").asDouble())), pandas.path("input_rows").asLong(),
          memoryOk ? String.format(Locale.ROOT, "%,.0f", pandas.path("peak_rss_mb").asDouble()) : "–"));
    } else if (pandas.has("unavailable")) {
      md.append("\npandas + lifetimes: not run (").append(pandas.path("unavailable").asText()).append(").\n");
    }
    md.append('\n');
    JsonNode seconds = r.path("summary").path("seconds");
    JsonNode ratios = r.path("summary").path("ratios");
    md.append("| comparison | ours s | peer s | ratio |\n|---|---:|---:|---:|\n");
    cmp(md, "end to end (ours: ingest + gold build; DuckDB: load + gold)", seconds, "ours_full", "duckdb_full",
        ratios, "ours_vs_duckdb_end_to_end", "× DuckDB");
    if (seconds.hasNonNull("ours_full_first_run") && seconds.hasNonNull("duckdb_full")) {
      md.append("| end to end, our first run only (cold JVM, as under spark-submit) | ")
          .append(fmt(seconds.path("ours_full_first_run").asDouble())).append(" | ")
          .append(fmt(seconds.path("duckdb_full").asDouble())).append(" | ")
          .append(fmt(seconds.path("ours_full_first_run").asDouble() / seconds.path("duckdb_full").asDouble()))
          .append("× DuckDB |\n");
    }
    cmp(md, "gold tables only (ours from Delta silver; DuckDB from its loaded tables)", seconds, "ours_gold",
        "duckdb_gold", ratios, "ours_vs_duckdb_gold_only", "× DuckDB");
    cmp(md, "daily increment vs full run (ours)", seconds, "ours_increment", "ours_full", ratios,
        "increment_share_of_full", " of full");
    cmp(md, "RFM summary (Spark vs pandas + lifetimes)", seconds, "spark_rfm", "pandas_rfm", ratios,
        "pandas_vs_spark_rfm", "× faster");
    cmp(md, "CLV models: fit + scoring (Spark vs lifetimes, same summary)", seconds, "spark_clv", "lifetimes_clv",
        ratios, "lifetimes_vs_spark_clv", "× faster");
    md.append('\n');
    JsonNode gold = r.path("gold_comparison");
    if (gold.isArray() && !gold.isEmpty()) {
      md.append("Gold tables vs DuckDB: ");
      List<String> parts = new ArrayList<>();
      gold.forEach(t -> parts.add(String.format(Locale.ROOT, "%s %,d rows %s", t.path("table").asText(),
          t.path("oursRows").asLong(), t.path("differentRows").asLong() == 0
              && t.path("oursRows").asLong() == t.path("duckdbRows").asLong() ? "identical"
              : "DIFFERENT (" + t.path("differentRows").asLong() + " rows; DuckDB " + t.path("duckdbRows").asLong() + ")")));
      md.append(String.join("; ", parts)).append(".\n\n");
    }
    JsonNode c = pandas.path("comparison");
    if (c.has("identical")) {
      md.append(String.format(Locale.ROOT, "RFM summary vs lifetimes: %s (%,d customers ours, %,d lifetimes).%n%n",
          c.path("identical").asBoolean() ? "identical" : "DIFFERENT: " + c.path("differences"),
          c.path("customers_ours").asLong(), c.path("customers_pandas").asLong()));
    }
    JsonNode l = r.path("lifetimes_clv");
    if (l.path("comparison").has("max_relative_param_difference")) {
      JsonNode d = l.path("comparison").path("max_abs_prediction_differences");
      md.append(String.format(Locale.ROOT, "CLV models vs lifetimes on %,d customers (%,d repeat): parameters within "
              + "%.1e relative; largest prediction differences: P(alive) %.1e, 365-day purchases %.1e, CLV %.1e.%n%n",
          l.path("customers").asLong(), l.path("repeat_customers").asLong(),
          l.path("comparison").path("max_relative_param_difference").asDouble(), d.path("p_alive").asDouble(),
          d.path("expected_purchases_365d").asDouble(), d.path("clv").asDouble()));
      if (seconds.hasNonNull("spark_clv_first_run")) {
        md.append(String.format(Locale.ROOT, "CLV models, our first (cold, unmeasured) run: %.2f s.%n%n",
            seconds.path("spark_clv_first_run").asDouble()));
      }
    } else if (l.has("unavailable")) {
      md.append("CLV models vs lifetimes: not run (").append(l.path("unavailable").asText()).append(").\n\n");
    }
  }

  private static void cmp(StringBuilder md, String label, JsonNode seconds, String a, String b, JsonNode ratios,
      String ratio, String unit) {
    if (!seconds.hasNonNull(a) || !seconds.hasNonNull(b)) {
      return;
    }
    String r = ratios.hasNonNull(ratio)
        ? (unit.equals(" of full") ? fmt(100 * ratios.path(ratio).asDouble()) + "%" : fmt(ratios.path(ratio).asDouble()) + unit)
        : "";
    md.append("| ").append(label).append(" | ").append(fmt(seconds.path(a).asDouble())).append(" | ")
        .append(fmt(seconds.path(b).asDouble())).append(" | ").append(r).append(" |\n");
  }

  private static void row(StringBuilder md, String k, String v) {
    md.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  private static String fmt(double x) {
    return x >= 100 ? String.format(Locale.ROOT, "%.0f", x) : x >= 10 ? String.format(Locale.ROOT, "%.1f", x)
        : String.format(Locale.ROOT, "%.2f", x);
  }
}
