package com.clientele.cli;

import com.clientele.generate.ExportGenerator;
import com.clientele.generate.GenerationSummary;
import com.clientele.generate.GeneratorSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Writes synthetic, realistic customer exports into a landing folder.",
        "An initial load of the whole history is dated --end, then come --days daily increments. Same seed and sizes give",
        "byte-identical files. Streams to disk, so 1M customers / 10M+ transactions fit in little memory."})
public final class GenerateCommand implements Callable<Integer> {

  private static final GeneratorSettings DEFAULTS = GeneratorSettings.defaults();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/generated/landing",
      description = "Landing folder to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", description = "Random seed (default: 42).")
  Long seed;

  @Option(names = "--customers", description = "Number of customers, leads included (default: 300).")
  Integer customers;

  @Option(names = "--transactions", description = "Approximate number of transactions (default: 3000); "
      + "suffixes k and M are accepted, e.g. 10M.", converter = CountConverter.class)
  Long transactions;

  @Option(names = "--start", paramLabel = "YYYY-MM-DD", description = "First day of history (default: 2025-01-01).")
  LocalDate start;

  @Option(names = "--end", paramLabel = "YYYY-MM-DD", description = "Last day of the initial load (default: 2026-03-31).")
  LocalDate end;

  @Option(names = "--days", description = "Daily increments after --end (default: 5).")
  Integer days;

  @Option(names = "--messy-share", description = "Share of deliberately messy rows, 0..0.5 (default: 0.02).")
  Double messyShare;

  @Option(names = "--files-per-kind", description = "Split each export into this many part files (default: 1).")
  Integer filesPerKind;

  @Override
  public Integer call() throws Exception {
    GeneratorSettings settings = new GeneratorSettings(
        seed != null ? seed : DEFAULTS.seed(),
        customers != null ? customers : DEFAULTS.customers(),
        transactions != null ? transactions : DEFAULTS.transactions(),
        start != null ? start : DEFAULTS.historyStart(),
        end != null ? end : DEFAULTS.historyEnd(),
        days != null ? days : DEFAULTS.dailyDrops(),
        messyShare != null ? messyShare : DEFAULTS.messyShare(),
        filesPerKind != null ? filesPerKind : DEFAULTS.filesPerKind()).validate();
    GenerationSummary summary = ExportGenerator.generate(settings, out);
    System.out.println("wrote " + out.toAbsolutePath().normalize());
    System.out.println(summary.describe());
    return 0;
  }

  /** Parses 3000, 10k, 1M, 1.5M. */
  public static final class CountConverter implements picocli.CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "");
      double factor = 1;
      if (v.endsWith("k")) {
        factor = 1e3;
      } else if (v.endsWith("m")) {
        factor = 1e6;
      } else if (v.endsWith("g") || v.endsWith("b")) {
        factor = 1e9;
      }
      if (factor > 1) {
        v = v.substring(0, v.length() - 1);
      }
      try {
        return Math.round(Double.parseDouble(v) * factor);
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a count (e.g. 5000, 10k, 1M)");
      }
    }
  }
}
