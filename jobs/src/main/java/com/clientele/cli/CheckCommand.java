package com.clientele.cli;

import com.clientele.quality.QualityCheckJob;
import com.clientele.quality.QualityReport;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {
        "Runs the data-quality rules (Deequ) for an as-of date over silver and gold: completeness,",
        "key uniqueness, value ranges, referential integrity, freshness of the date's files and the",
        "ingest conservation invariant. Results go to silver.quality_results (a re-run replaces the",
        "date's rows). Exit code 3 when an error-level rule fails; warnings are only reported."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every error-level rule passed", "1:the check could not run",
        "2:bad arguments", "3:an error-level rule failed"})
final class CheckCommand implements Callable<Integer> {

  /** The exit code of a check whose error-level rules failed. */
  static final int RULES_FAILED = 3;

  @Mixin CommonOptions common;

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD",
      description = "The date checked: its ingested files (logical_date) and its gold snapshot (as_of_date).")
  LocalDate asOf;

  @Override
  public Integer call() throws Exception {
    var config = common.loadConfig();
    QualityReport report = SparkCommand.withWarehouse("check", common.warehouse, config,
        (warehouse, cfg) -> new QualityCheckJob(warehouse).run(asOf));
    System.out.print(report.describe());
    System.out.flush();
    return report.hasErrors() ? RULES_FAILED : 0;
  }
}
