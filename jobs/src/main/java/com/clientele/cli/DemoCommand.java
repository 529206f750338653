package com.clientele.cli;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.config.ClienteleConfig;
import com.clientele.ingest.IngestJob;
import com.clientele.ingest.IngestReport;
import com.clientele.privacy.InstallationSecret;
import com.clientele.runtime.Warehouse;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Runs every stage on the bundled samples.",
        "Builds a fresh warehouse from data-samples/ and prints where everything went.",
        "Uses the clearly labelled DEMO key in data-samples/demo.key."})
final class DemoCommand implements Callable<Integer> {

  private static final String MARKER = "demo-warehouse";

  @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = "out/demo/warehouse",
      description = "Where to build the demo warehouse; replaced if it is a previous demo (default: ${DEFAULT-VALUE}). "
          + "The PDFs go to its sibling folder reports/ (a local folder).")
  String warehouse;

  @Option(names = "--samples", paramLabel = "DIR",
      description = "The samples folder (default: data-samples of the Clientele installation).")
  Path samples;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file layered over the defaults.")
  Path config;

  @Override
  public Integer call() throws Exception {
    Path samplesDir = samples != null ? samples : defaultSamples();
    String landing = samplesDir.resolve("landing").toAbsolutePath().normalize().toString();
    Path keyFile = samplesDir.resolve("demo.key");
    if (!keyFile.toFile().isFile()) {
      throw new IllegalArgumentException("samples not found: " + samplesDir + " has no demo.key (pass --samples DIR)");
    }
    prepareFreshWarehouse(warehouse);
    Path reports = localSibling(warehouse, "reports");
    ClienteleConfig cfg = ClienteleConfig.load(Optional.ofNullable(config));
    var protector = InstallationSecret.load(cfg, Optional.of(keyFile));
    System.out.println("== Clientele demo ==");
    System.out.println("samples:   " + landing);
    System.out.println("warehouse: " + warehouse);
    System.out.println("key:       " + keyFile + "  (DEMO KEY — never use it for real data)");
    SparkCommand.withWarehouse("demo", warehouse, cfg, (wh, c) -> {
      InstallationSecret.checkFingerprint(protector, wh);
      System.out.println();
      System.out.println("-- 1. ingest (all days)");
      IngestReport report = new IngestJob(wh, c, protector).run(landing, Optional.empty());
      System.out.print(report.describe());
      System.out.println();
      System.out.println("-- 2. ingest again (must change nothing)");
      System.out.print(new IngestJob(wh, c, protector).run(landing, Optional.empty()).describe());
      System.out.println();
      LocalDate last = report.files().stream().map(IngestReport.FileResult::logicalDate)
          .max(LocalDate::compareTo).orElseThrow();
      LocalDate monthEnd = last.withDayOfMonth(1).minusDays(1);
      var settings = com.clientele.gold.AnalyticsSettings.from(c);
      for (LocalDate asOf : List.of(monthEnd, last)) {
        System.out.println("-- 3. build gold as of " + asOf);
        System.out.print(new com.clientele.gold.GoldBuildJob(wh, settings).run(asOf).describe());
        System.out.println();
      }
      System.out.println("-- 4. data-quality check as of " + last);
      System.out.print(new com.clientele.quality.QualityCheckJob(wh).run(last).describe());
      System.out.println();
      YearMonth month = YearMonth.from(monthEnd);
      System.out.println("-- 5. management PDFs for " + month + " (personal data masked)");
      new com.clientele.report.ReportJob(wh, java.time.Clock.systemDefaultZone(), "CNY", settings)
          .run(month, com.clientele.reports.Messages.LOCALES, reports, Optional.empty())
          .forEach(pdf -> System.out.println("  " + pdf));
      System.out.println();
      printTables(wh);
      printQuarantine(wh);
      return null;
    });
    System.out.println();
    System.out.println("Try: bin/clientele sql --warehouse " + warehouse
        + " \"SELECT reason_code, count(*) FROM silver.quarantine GROUP BY reason_code\"");
    return 0;
  }

  private static void printTables(Warehouse wh) {
    System.out.println("-- tables");
    TableCatalog.all().forEach(table -> {
      if (wh.exists(table)) {
        long rows = wh.read(table).count();
        System.out.printf("  %-28s %9d rows  %s%s%n", table.qualifiedName(), rows,
            table.isView() ? "(a view over " + table.view().reads().stream().map(Table::qualifiedName)
                .collect(java.util.stream.Collectors.joining(", ")) + ")" : wh.pathOf(table),
            table.restricted() ? "  (RESTRICTED, encrypted)" : "");
      }
    });
  }

  private static void printQuarantine(Warehouse wh) {
    System.out.println("-- quarantine by reason");
    for (Row r : wh.read(TableCatalog.QUARANTINE).groupBy("kind", "reason_code").count()
        .orderBy("kind", "reason_code").collectAsList()) {
      System.out.printf("  %-14s %-26s %5d%n", r.getString(0), r.getString(1), r.getLong(2));
    }
  }

  static Path defaultSamples() {
    String home = System.getenv("CLIENTELE_HOME");
    return home != null ? Path.of(home, "data-samples") : Path.of("data-samples");
  }

  /** Deletes a previous demo warehouse; refuses to touch a folder that is not one. */
  private static void prepareFreshWarehouse(String location) throws IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
    FileSystem fs = dir.getFileSystem(new Configuration());
    org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(dir, Warehouse.META), MARKER);
    if (fs.exists(dir)) {
      boolean empty = fs.listStatus(dir).length == 0;
      if (!empty && !fs.exists(marker)) {
        throw new IllegalArgumentException(location + " exists and is not a demo warehouse; pass another --warehouse");
      }
      fs.delete(dir, true);
    }
    try (var out = fs.create(marker, true)) {
      out.write("created by clientele demo; safe to delete\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** The local folder beside the (local) warehouse folder, e.g. out/demo/reports. */
  private static Path localSibling(String location, String name) throws IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
    FileSystem fs = dir.getFileSystem(new Configuration());
    if (!(fs instanceof org.apache.hadoop.fs.LocalFileSystem)) {
      throw new IllegalArgumentException("the demo runs on a local warehouse folder, not " + location);
    }
    return Path.of(fs.makeQualified(dir).toUri()).resolveSibling(name);
  }
}
