package com.clientele.cli;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.maintain.MaintenanceJob;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {
        "Table maintenance (weekly): drops gold daily snapshots older than the retention window",
        "(each month's latest snapshot is kept for ever), compacts small files (OPTIMIZE) and",
        "deletes unreferenced data files (VACUUM). Defaults: clientele.maintenance in the configuration.",
        "Run it when no ingest or build is running against the warehouse."})
final class MaintainCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(names = "--vacuum-retention-hours", paramLabel = "HOURS",
      description = "Keep files a table version younger than this still uses (default: from the configuration, 168).")
  Double retentionHours;

  @Option(names = "--allow-short-retention",
      description = "Allow a VACUUM retention below Delta's 168-hour safety window (only when nothing else runs).")
  boolean allowShortRetention;

  @Option(names = "--daily-snapshot-days", paramLabel = "DAYS",
      description = "Gold daily snapshots kept, counted back from the newest; month-ends are always kept; 0 keeps all "
          + "(default: from the configuration, 90).")
  Integer dailySnapshotDays;

  @Option(names = "--skip-optimize", description = "Do not compact.")
  boolean skipOptimize;

  @Option(names = "--skip-vacuum", description = "Do not vacuum.")
  boolean skipVacuum;

  @Option(names = "--table", paramLabel = "LAYER.NAME",
      description = "Maintain only this table (repeatable), e.g. --table silver.transactions (default: every table).")
  List<String> tables;

  @Override
  public Integer call() throws Exception {
    var config = common.loadConfig();
    MaintenanceJob.Settings settings = new MaintenanceJob.Settings(
        retentionHours != null ? retentionHours : config.vacuumRetentionHours(), allowShortRetention,
        dailySnapshotDays != null ? dailySnapshotDays : config.dailySnapshotDays(), !skipOptimize, !skipVacuum);
    List<Table> selected = tables == null || tables.isEmpty()
        ? TableCatalog.all()
        : tables.stream().map(this::table).toList();
    MaintenanceJob.Report report = SparkCommand.withWarehouse("maintain", common.warehouse, config,
        (warehouse, cfg) -> new MaintenanceJob(warehouse, settings).run(selected));
    System.out.print(report.describe());
    return 0;
  }

  private Table table(String name) {
    return TableCatalog.all().stream().filter(t -> t.qualifiedName().equals(name)).findFirst()
        .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown table " + name + " (one of: "
            + TableCatalog.all().stream().map(Table::qualifiedName).collect(Collectors.joining(", ")) + ")"));
  }
}
