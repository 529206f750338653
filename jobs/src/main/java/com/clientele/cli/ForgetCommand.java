package com.clientele.cli;

import com.clientele.erasure.ErasureJob;
import com.clientele.privacy.InstallationSecret;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {
        "Erases customers (right to be forgotten): deletes their personal data, replaces their key by an",
        "unlinkable tombstone in every row that carries company figures, removes their ids and raw text",
        "from bronze and the quarantine, vacuums the old files, removes rendered PDFs that showed them,",
        "and records the erasure (a keyed hash, never the identity) in the restricted silver.erasure_log,",
        "which later ingests consult: rows of an erased customer are quarantined as erased_customer.",
        "The tables' Delta history before the erasure is removed (docs/reliability.md)."})
final class ForgetCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(names = "--customer-id", required = true, paramLabel = "ID",
      description = "The export customer id to erase (repeat for several).")
  List<String> customerIds;

  @Option(names = "--reason", required = true, paramLabel = "TEXT",
      description = "Why (e.g. a request reference); recorded. Must not name the customer.")
  String reason;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File holding the secret key (default: the environment variable named in the config, "
          + "CLIENTELE_SECRET_KEY).")
  Path keyFile;

  @Option(names = "--reports", paramLabel = "DIR", defaultValue = "out/reports",
      description = "Folder of rendered PDFs to search for the customers (default: ${DEFAULT-VALUE}).")
  Path reports;

  @Override
  public Integer call() throws Exception {
    var config = common.loadConfig();
    var protector = InstallationSecret.load(config, Optional.ofNullable(keyFile));
    ErasureJob.Outcome outcome = SparkCommand.withWarehouse("forget", common.warehouse, config, (warehouse, cfg) -> {
      // Fails closed: a wrong secret would find nobody and erase nothing while reporting success.
      InstallationSecret.requireFingerprint(protector, warehouse);
      return new ErasureJob(warehouse, protector).run(customerIds, reason, Optional.ofNullable(reports), Instant.now());
    });
    System.out.print(outcome.describe());
    return 0;
  }
}
