package com.clientele.bench;

import com.clientele.generate.GeneratorSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What one benchmark invocation measures.
 *
 * @param transactions approximate transaction lines of the generated company
 * @param customers customers (leads included)
 * @param seed generator seed (same seed and sizes give byte-identical exports, so the dataset is cached)
 * @param runs measured runs per engine; the report gives medians
 * @param filesPerKind part files per export kind and day (ingest reads each file in one task)
 * @param workDir datasets, warehouses and scratch files (out/bench)
 * @param reportDir where the results go (docs/benchmarks: one JSON per size, and the summary page)
 * @param pythonDir the pandas + lifetimes peer (bench/src/main/python); empty skips it
 * @param duckdb whether to run the DuckDB peer
 */
public record BenchPlan(long transactions, int customers, long seed, int runs, int filesPerKind, Path workDir,
                        Path reportDir, Optional<Path> pythonDir, boolean duckdb) {

  /** Three years of history; the initial load is dated the last day, then one daily drop. */
  public static final LocalDate HISTORY_START = LocalDate.of(2023, 4, 1);
  public static final LocalDate FULL_DATE = LocalDate.of(2026, 3, 31);
  public static final LocalDate INCREMENT_DATE = FULL_DATE.plusDays(1);

  public BenchPlan {
    if (transactions < 1000) {
      throw new IllegalArgumentException("--transactions must be at least 1000");
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
  }

  /** The generator settings: clean exports (no deliberate mess), so every peer sees the same rows. */
  public GeneratorSettings generatorSettings() {
    return GeneratorSettings.defaults().withSeed(seed).withCustomers(customers).withTransactions(transactions)
        .withHistory(HISTORY_START, FULL_DATE).withDailyDrops(1).withMessyShare(0).withFilesPerKind(filesPerKind)
        .validate();
  }

  /** A short name of the size: 1M, 10M, 250k. */
  public String sizeLabel() {
    return label(transactions);
  }

  static String label(long n) {
    if (n >= 1_000_000 && n % 1_000_000 == 0) {
      return n / 1_000_000 + "M";
    }
    if (n >= 1_000 && n % 1_000 == 0) {
      return n / 1_000 + "k";
    }
    return Long.toString(n);
  }
}
