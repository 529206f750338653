package com.clientele.cli;

import com.clientele.care.CareExportJob;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.privacy.InstallationSecret;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.reports.Messages;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clientele care ...}: the care calendar (gold.care_actions; docs/metrics.md, Care). */
@Command(name = "care", mixinStandardHelpOptions = true,
    description = "The care calendar: the planned customer-care actions of gold.care_actions.",
    subcommands = {CareCommand.Export.class})
final class CareCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see --help)");
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {
          "Writes the care plan as of a date (gold.care_actions) to a CSV file for an SMS / e-mail tool:",
          "action id, due date, type, priority, channel, customer key, name, phone, e-mail, template key,",
          "the message in the chosen language and the reason. Names are masked and phone / e-mail empty",
          "unless --include-personal-data is given with the key. Every export is recorded (who, when, how",
          "many rows, whether personal data was written; never the data) in the restricted",
          "silver.care_export_log before the file appears."})
  static final class Export implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
        description = "The plan's as-of date (a gold snapshot built by clientele build).")
    String date;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write.")
    Path out;

    @Option(names = "--locale", paramLabel = "zh-CN|en", defaultValue = "zh-CN",
        description = "Language of the messages (default: ${DEFAULT-VALUE}).")
    String locale;

    @Option(names = "--include-personal-data",
        description = "Write real names, phone numbers and e-mail addresses (decrypts the restricted table; needs "
            + "the key). Recorded in silver.care_export_log.")
    boolean includePersonalData;

    @Option(names = "--key-file", paramLabel = "FILE",
        description = "File holding the secret key (default: the environment variable named in the config, "
            + "CLIENTELE_SECRET_KEY). Read only with --include-personal-data.")
    Path keyFile;

    @Option(names = "--operator", paramLabel = "NAME",
        description = "Who runs the export, for the audit log (default: the operating-system user).")
    String operator;

    @Override
    public Integer call() throws Exception {
      LocalDate asOf;
      try {
        asOf = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--date must be YYYY-MM-DD (was " + date + ")");
      }
      var language = Messages.parse(locale);
      var config = common.loadConfig();
      Optional<PersonalDataProtector> personal = includePersonalData
          ? Optional.of(InstallationSecret.load(config, Optional.ofNullable(keyFile)))
          : Optional.empty();
      String who = operator != null && !operator.isBlank() ? operator : System.getProperty("user.name", "unknown");
      CareExportJob.Outcome outcome = SparkCommand.withWarehouse("care export", common.warehouse, config,
          (warehouse, cfg) -> {
            // Fails closed: a wrong key would decrypt nothing.
            personal.ifPresent(p -> InstallationSecret.requireFingerprint(p, warehouse));
            return new CareExportJob(warehouse, AnalyticsSettings.from(cfg))
                .run(asOf, out, language, personal, who, Instant.now());
          });
      System.out.print(outcome.describe());
      return 0;
    }
  }
}
