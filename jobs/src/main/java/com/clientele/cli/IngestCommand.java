package com.clientele.cli;

import com.clientele.ingest.IngestJob;
import com.clientele.ingest.IngestReport;
import com.clientele.privacy.InstallationSecret;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {
        "Loads export files into bronze and silver Delta tables.",
        "Rows that cannot be loaded go to silver.quarantine with a reason; silver.ingest_log",
        "records per file: rows in = loaded + quarantined + duplicate. Files already ingested",
        "are skipped, so re-running a day changes nothing. A file that cannot be read (binary,",
        "unsupported encoding, no source or day folder) is rejected whole and logged with its",
        "reason; the other files are ingested, and `check` fails files_not_rejected."})
final class IngestCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(names = "--landing", required = true, paramLabel = "DIR|URI",
      description = "Landing folder, a path or a Hadoop file system URI: DIR/<source folder>/<YYYY-MM-DD>/<files>.")
  String landing;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Days days;

  static final class Days {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Ingest this day's files only.")
    LocalDate date;

    @Option(names = "--all", description = "Ingest every day found in the landing folder.")
    boolean all;
  }

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File holding the secret key (default: the environment variable named in the config, "
          + "CLIENTELE_SECRET_KEY).")
  Path keyFile;

  @Option(names = "--readmit-customer-id", paramLabel = "ID",
      description = "Load the rows of this customer although `forget` erased them (they came back and agreed); "
          + "repeat for several. Without it, an erased customer's rows are quarantined as erased_customer.")
  java.util.List<String> readmit = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    com.clientele.ingest.LandingScanner.requireFolder(landing, new org.apache.hadoop.conf.Configuration());
    var config = common.loadConfig();
    var protector = InstallationSecret.load(config, Optional.ofNullable(keyFile));
    IngestReport report = SparkCommand.withWarehouse("ingest", common.warehouse, config, (warehouse, cfg) -> {
      InstallationSecret.checkFingerprint(protector, warehouse);
      return new IngestJob(warehouse, cfg, protector).readmitting(readmit).run(landing, Optional.ofNullable(days.date));
    });
    System.out.print(report.describe());
    return 0;
  }
}
