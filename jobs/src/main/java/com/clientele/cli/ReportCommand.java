package com.clientele.cli;

import com.clientele.gold.AnalyticsSettings;
import com.clientele.privacy.InstallationSecret;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.report.ReportJob;
import com.clientele.reports.Messages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Renders the monthly management PDFs from the gold tables: executive-summary, customer-cards,",
        "churn-referral, into DIR/<YYYY-MM>/<report>-<locale>.pdf. The data is the gold snapshot of the",
        "month's latest as-of date (run `build --as-of` first). Names and contact data appear only on the",
        "customer cards, and only with --include-personal-data and the secret key."})
final class ReportCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month to report.")
  String month;

  @Option(names = "--locale", paramLabel = "zh-CN|en",
      description = "Render in this language only (default: zh-CN and en).")
  String locale;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/reports",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--currency", paramLabel = "CODE", defaultValue = "CNY",
      description = "ISO currency of the exports' amounts, for printing (default: ${DEFAULT-VALUE}).")
  String currency;

  @Option(names = "--include-personal-data",
      description = "Print real names and contact data on the customer cards (decrypts the restricted table; needs the key).")
  boolean includePersonalData;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File holding the secret key (default: the environment variable named in the config, "
          + "CLIENTELE_SECRET_KEY). Read only with --include-personal-data.")
  Path keyFile;

  @Override
  public Integer call() throws Exception {
    YearMonth reportMonth;
    try {
      reportMonth = YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--month must be YYYY-MM (was " + month + ")");
    }
    List<Locale> locales = locale == null ? Messages.LOCALES : List.of(Messages.parse(locale));
    try {
      java.util.Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown currency code " + currency);
    }
    var config = common.loadConfig();
    Optional<PersonalDataProtector> personal = includePersonalData
        ? Optional.of(InstallationSecret.load(config, Optional.ofNullable(keyFile)))
        : Optional.empty();
    List<Path> written = SparkCommand.withWarehouse("report", common.warehouse, config, (warehouse, cfg) -> {
      personal.ifPresent(p -> InstallationSecret.checkFingerprint(p, warehouse));
      return new ReportJob(warehouse, Clock.systemDefaultZone(), currency, AnalyticsSettings.from(cfg))
          .run(reportMonth, locales, out, personal);
    });
    written.forEach(p -> System.out.println("wrote " + p));
    return 0;
  }
}
