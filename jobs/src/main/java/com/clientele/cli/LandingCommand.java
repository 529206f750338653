package com.clientele.cli;

import com.clientele.ingest.LandingScanner;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "landing", mixinStandardHelpOptions = true,
    description = {
        "Whether a day's exports are complete and ready to ingest (the daily DAG's sensor asks this):",
        "lists <landing>/<source folder>/<date>/ without reading any file. Ready when the day has at",
        "least one export file and, if clientele.ingest.completion-marker is set, every folder of the",
        "day holds the marker. Exit code 0: ready; " + LandingCommand.NOT_READY + ": not yet."})
final class LandingCommand implements Callable<Integer> {

  static final int NOT_READY = 10;

  @Option(names = "--landing", required = true, paramLabel = "DIR|URI",
      description = "Landing folder, a path or a Hadoop file system URI.")
  String landing;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day.")
  LocalDate date;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (HOCON) layered over the bundled defaults.")
  Path config;

  @Override
  public Integer call() {
    var cfg = com.clientele.config.ClienteleConfig.load(Optional.ofNullable(config));
    LandingScanner.Readiness r = LandingScanner.readiness(landing, cfg.sources(), date, cfg.completionMarker(),
        new Configuration());
    System.out.println("landing " + date + ": " + (r.ready() ? "ready" : "not ready") + "; export files "
        + r.files() + (r.incomplete().isEmpty() ? "" : "; without " + cfg.completionMarker() + ": " + r.incomplete()));
    return r.ready() ? 0 : NOT_READY;
  }
}
