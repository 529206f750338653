package com.clientele.report;

import com.clientele.gold.AnalyticsSettings;
import com.clientele.privacy.PersonalDataProtector;
import com.clientele.reports.CustomerCard;
import com.clientele.reports.MonthlyGold;
import com.clientele.reports.ReportContext;
import com.clientele.reports.ReportRenderer;
import com.clientele.reports.ReportThresholds;
import com.clientele.runtime.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code clientele report --month M}: renders the executive summary, the customer archive cards and the
 * churn &amp; referral report for M, in each locale, from the gold snapshot of M's as-of date (the latest
 * gold as_of_date within M). Personal data is read (and decrypted) only when a protector is given, i.e.
 * when the user asked with --include-personal-data and supplied the key; it reaches the cards only.
 */
public final class ReportJob {

  private static final org.apache.logging.log4j.Logger LOG =
      org.apache.logging.log4j.LogManager.getLogger(ReportJob.class);

  private final Warehouse warehouse;
  private final Clock clock;
  private final String currency;
  private final ReportThresholds thresholds;

  /** With the bundled analytics settings (reference.conf). */
  public ReportJob(Warehouse warehouse, Clock clock, String currency) {
    this(warehouse, clock, currency, AnalyticsSettings.defaults());
  }

  /** The pages print the thresholds of these settings (response hours, top-customers percent, windows). */
  public ReportJob(Warehouse warehouse, Clock clock, String currency, AnalyticsSettings settings) {
    this.warehouse = warehouse;
    this.clock = clock;
    this.currency = currency;
    this.thresholds = thresholds(settings);
  }

  /** The thresholds of the gold settings that the reports' words mention. */
  static ReportThresholds thresholds(AnalyticsSettings settings) {
    return new ReportThresholds(settings.responseHours(), settings.topCustomersPercent(), settings.newCustomerDays(),
        settings.churnInactivityDays(), settings.credit().followUpPastDueDays());
  }

  public List<Path> run(YearMonth month, List<Locale> locales, Path outRoot, Optional<PersonalDataProtector> personal) {
    MonthlyReportReader reader = new MonthlyReportReader(warehouse);
    LocalDate asOf = reader.asOfDate(month).orElseThrow(() -> new IllegalArgumentException(
        "no gold data for " + month + ": run `clientele build --as-of " + month.atEndOfMonth() + "` first"));
    MonthlyGold gold = reader.monthlyGold(asOf);
    List<CustomerCard> cards = reader.customerCards(asOf, personal);
    ZonedDateTime renderedAt = ZonedDateTime.now(clock);
    List<Path> written = new ArrayList<>();
    // The pack's rendering alone (the gold rows are in memory by now): templates, fill, PDF export. The
    // thread's CPU time is logged beside the wall-clock time, which a busy machine stretches.
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long startCpu = threads.getCurrentThreadCpuTime();
    for (Locale locale : locales) {
      ReportContext ctx = new ReportContext(month, asOf, renderedAt, locale, currency, thresholds);
      written.add(timed(() -> ReportRenderer.executiveSummary(gold, ctx, outRoot)));
      written.add(timed(() -> ReportRenderer.customerCards(cards, personal.isPresent(), ctx, outRoot)));
      written.add(timed(() -> ReportRenderer.churnReferral(gold, ctx, outRoot)));
    }
    LOG.info(String.format(Locale.ROOT,
        "rendered %d PDFs for %s in %.1f s, %.1f s CPU (first render call to last PDF written)", written.size(),
        month, (System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - startCpu) / 1e9));
    return written;
  }

  private static Path timed(java.util.function.Supplier<Path> render) {
    long start = System.nanoTime();
    Path pdf = render.get();
    LOG.info(String.format(Locale.ROOT, "rendered %s in %.2f s", pdf.getFileName(), (System.nanoTime() - start) / 1e9));
    return pdf;
  }
}
