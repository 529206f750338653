package com.clientele.cli;

import com.clientele.catalog.TableCatalog;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.LifetimeValueValidation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "clv-validate", mixinStandardHelpOptions = true,
    description = {
        "Checks the BG/NBD purchase model on the warehouse's own history: fits it on the sale lines up",
        "to the calibration end, predicts each customer's purchases in the holdout period after it, and",
        "prints predicted against actual repeat purchases by week and by calibration frequency, with",
        "the mean absolute error per customer (docs/clv.md). Reads silver only; writes nothing to the",
        "warehouse."})
final class ClvValidateCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(names = "--calibration-end", required = true, paramLabel = "YYYY-MM-DD",
      description = "The last day of the calibration period (the model sees sales up to it).")
  LocalDate calibrationEnd;

  @Option(names = "--holdout-end", required = true, paramLabel = "YYYY-MM-DD",
      description = "The last day of the holdout period (after the calibration end).")
  LocalDate holdoutEnd;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
  Path out;

  @Override
  public Integer call() throws Exception {
    var config = common.loadConfig();
    LifetimeValueValidation.Result result = SparkCommand.withWarehouse("clv-validate", common.warehouse, config,
        (warehouse, cfg) -> LifetimeValueValidation.run(warehouse.read(TableCatalog.TRANSACTIONS), calibrationEnd,
            holdoutEnd, AnalyticsSettings.from(cfg)));
    System.out.print(result.describe());
    System.out.flush();
    if (out != null) {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
    }
    return 0;
  }
}
