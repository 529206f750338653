package com.clientele.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "Measures the pipeline's speed and scale, side by side with DuckDB and pandas + lifetimes.",
        "Generates the dataset once per seed and size (cached under --work), then per run: our",
        "pipeline (ingest + gold build of the full history, then one daily increment) and the same",
        "gold tables in DuckDB (in this JVM, same CSV files), checked identical; then the RFM summary",
        "in Spark and in pandas + lifetimes (own virtualenv), checked identical. Writes",
        "<report-dir>/<size>.json and regenerates docs/benchmarks.md. Not part of the tests: a 10M",
        "run takes tens of minutes. Give the JVM a large heap: CLIENTELE_JAVA_OPTS=-Xmx12g."})
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--transactions", converter = com.clientele.cli.GenerateCommand.CountConverter.class,
      description = "Transaction lines to generate, e.g. 1M, 10M, 100M (required unless --report-only).")
  Long transactions;

  @Option(names = "--report-only",
      description = "Only regenerate the summary page from the results already in --report-dir.")
  boolean reportOnly;

  @Option(names = "--customers", converter = com.clientele.cli.GenerateCommand.CountConverter.class,
      description = "Customers (default: one per 10 transactions).")
  Long customers;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs; medians are reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--files-per-kind", defaultValue = "4",
      description = "Part files per export kind and day (default: ${DEFAULT-VALUE}).")
  int filesPerKind;

  @Option(names = "--work", defaultValue = "out/bench", paramLabel = "DIR",
      description = "Datasets, warehouses, virtualenv (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--report-dir", defaultValue = "docs/benchmarks", paramLabel = "DIR",
      description = "Where results go; the summary page is written beside it (default: ${DEFAULT-VALUE}).")
  Path reportDir;

  @Option(names = "--skip-pandas", description = "Do not run the pandas + lifetimes peer.")
  boolean skipPandas;

  @Option(names = "--skip-duckdb", description = "Do not run the DuckDB peer.")
  boolean skipDuckdb;

  @Override
  public Integer call() throws Exception {
    if (reportOnly) {
      BenchReport.writeMarkdown(reportDir);
      System.out.println("wrote " + reportDir.resolveSibling("benchmarks.md"));
      return 0;
    }
    if (transactions == null) {
      throw new IllegalArgumentException("--transactions is required (e.g. --transactions 1M)");
    }
    long customerCount = customers != null ? customers : Math.max(100, transactions / 10);
    if (customerCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--customers is too large");
    }
    Optional<Path> python = Optional.empty();
    if (!skipPandas) {
      Path home = Path.of(Optional.ofNullable(System.getenv("CLIENTELE_HOME")).orElse("."));
      Path dir = home.resolve("bench/src/main/python");
      if (!Files.isRegularFile(dir.resolve("rfm_lifetimes.py"))) {
        throw new IllegalArgumentException("the pandas peer is not at " + dir + " (run from the project folder, "
            + "or pass --skip-pandas)");
      }
      python = Optional.of(dir);
    }
    BenchPlan plan = new BenchPlan(transactions, (int) customerCount, seed, runs, filesPerKind, work, reportDir,
        python, !skipDuckdb);
    var result = new Benchmark(plan).run();
    System.out.println("bench " + plan.sizeLabel() + ": " + result.path("status").asText() + "; "
        + result.path("summary").path("ratios") + " -> " + reportDir.resolve(plan.sizeLabel() + ".json"));
    return 0;
  }
}
