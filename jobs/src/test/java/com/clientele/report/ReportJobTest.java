package com.clientele.report;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.cli.ClienteleCli;
import com.clientele.config.ClienteleConfig;
import com.clientele.generate.ExportGenerator;
import com.clientele.generate.GeneratorSettings;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.GoldBuildJob;
import com.clientele.reports.Fmt;
import com.clientele.reports.Messages;
import com.clientele.testing.LandingFolder;
import com.clientele.testing.SparkExtension;
import com.clientele.testing.TestWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports end to end: a generated company plus a canary key customer (real name "Canary Zhangsan"),
 * ingested, gold built as of 2026-03-31, then every report rendered in both locales and read back.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportJobTest {

  static final YearMonth MONTH = YearMonth.of(2026, 3);
  static final LocalDate AS_OF = MONTH.atEndOfMonth();
  static final String CANARY = "Canary Zhangsan";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T00:30:00Z"), ZoneId.of("Asia/Shanghai"));

  TestWarehouse wh;
  Path out;
  List<Path> masked;
  List<Path> personal;

  @BeforeAll
  void buildAndRender(SparkSession spark, @TempDir Path tmp) throws IOException {
    Path landing = tmp.resolve("landing");
    ExportGenerator.generate(GeneratorSettings.defaults().withCustomers(120).withTransactions(1200)
        .withHistory(LocalDate.of(2025, 1, 1), AS_OF).withDailyDrops(0).withMessyShare(0), landing);
    LandingFolder canary = new LandingFolder(landing);
    canary.write("customers", AS_OF.toString(), "canary.csv", LandingFolder.CUSTOMERS_HEADER,
        "CANARY-ID-7,Canary Zhangsan,13912345678,canary@example.com,88 Canary Road Beijing,110101199912310099,"
            + "enterprise,manufacturing,East,website,2022-01-01");
    List<String> sales = new ArrayList<>(List.of(LandingFolder.TRANSACTIONS_HEADER));
    for (int m = 0; m < 27; m++) {
      LocalDate day = LocalDate.of(2024, 1, 10).plusMonths(m);
      sales.add("CANARY-T" + m + ",CANARY-ID-7," + day + ",250000.00,sale,1,,,,,");
    }
    canary.write("transactions", AS_OF.toString(), "canary.csv", sales.toArray(String[]::new));
    canary.write("interactions", AS_OF.toString(), "canary.csv", LandingFolder.INTERACTIONS_HEADER,
        "CANARY-I1,CANARY-ID-7,complaint,phone,delivery,2026-03-02 09:00:00,2026-03-02 15:00:00,2026-03-04 09:00:00,,Late delivery,Resent the goods");
    wh = new TestWarehouse(spark, tmp.resolve("warehouse"));
    wh.ingestAll(landing);
    new GoldBuildJob(wh.warehouse(), AnalyticsSettings.from(ClienteleConfig.defaults())).run(AS_OF);
    out = tmp.resolve("reports");
    masked = new ReportJob(wh.warehouse(), CLOCK, "CNY").run(MONTH, Messages.LOCALES, out.resolve("masked"), Optional.empty());
    personal = new ReportJob(wh.warehouse(), CLOCK, "CNY").run(MONTH, List.of(Locale.ENGLISH), out.resolve("personal"),
        Optional.of(wh.protector()));
  }

  /** The PDF's text, via OpenPDF (JasperReports' own PDF library, already on the classpath). */
  static String text(Path pdf) throws IOException {
    var reader = new com.lowagie.text.pdf.PdfReader(pdf.toString());
    try {
      var extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
      StringBuilder text = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString();
    } finally {
      reader.close();
    }
  }

  Path pdf(List<Path> paths, String name) {
    return paths.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void writesEveryReportInBothLocalesUnderTheMonth() {
    for (String name : List.of("executive-summary", "customer-cards", "churn-referral")) {
      for (String tag : List.of("zh-CN", "en")) {
        assertTrue(Files.isRegularFile(out.resolve("masked").resolve("2026-03").resolve(name + "-" + tag + ".pdf")), name + tag);
      }
    }
  }

  @Test
  void executiveSummaryPrintsTheGoldKpisOfTheMonth() throws IOException {
    Row loyalty = wh.sql("SELECT revenue, active_customers, new_customers, retention_rate FROM gold.loyalty_metrics "
        + "WHERE as_of_date = DATE'2026-03-31' AND breakdown = 'all' AND month_start = DATE'2026-03-01'").get(0);
    Row previous = wh.sql("SELECT revenue FROM gold.loyalty_metrics WHERE as_of_date = DATE'2026-03-31' "
        + "AND breakdown = 'all' AND month_start = DATE'2026-02-01'").get(0);
    Row bucket = wh.sql("SELECT customers_lost, customers_won_back FROM gold.leaky_bucket "
        + "WHERE as_of_date = DATE'2026-03-31' AND month_start = DATE'2026-03-01'").get(0);
    for (Locale locale : Messages.LOCALES) {
      Fmt fmt = new Fmt(locale, "CNY");
      String summary = text(pdf(masked, "executive-summary-" + Messages.tag(locale) + ".pdf"));
      assertTrue(summary.contains(fmt.money(loyalty.getDecimal(0))), "revenue " + fmt.money(loyalty.getDecimal(0)));
      assertTrue(summary.contains(fmt.money(previous.getDecimal(0))), "previous month's revenue");
      assertTrue(summary.contains(fmt.count(loyalty.getLong(1))), "active customers");
      assertTrue(summary.contains(fmt.count(loyalty.getLong(2))), "new customers");
      if (!loyalty.isNullAt(3)) {
        assertTrue(summary.contains(fmt.percent(loyalty.getDouble(3))), "retention");
      }
      assertTrue(summary.contains(fmt.count(bucket.getLong(0))), "customers lost");
      assertTrue(summary.contains(fmt.date(AS_OF)), "as-of date");
    }
  }

  @Test
  void theCanarysRealNameNeverAppearsInTheSummaryOrTheChurnReport() throws IOException {
    List<Path> all = new ArrayList<>(masked);
    all.addAll(personal);
    for (Path pdf : all) {
      String name = pdf.getFileName().toString();
      if (name.startsWith("executive-summary") || name.startsWith("churn-referral")) {
        String text = text(pdf);
        assertFalse(text.contains(CANARY), name);
        assertFalse(text.contains("13912345678"), name);
      }
    }
  }

  @Test
  void theCanarysRealNameIsOnItsArchiveCardOnlyWithPersonalData() throws IOException {
    for (Path cards : masked.stream().filter(p -> p.getFileName().toString().startsWith("customer-cards")).toList()) {
      String text = text(cards);
      assertFalse(text.contains(CANARY), cards.toString());
      assertFalse(text.contains("canary@example.com"));
      assertTrue(text.contains("C*** Z."), "the canary's masked name");
    }
    String withPersonal = text(pdf(personal, "customer-cards-en.pdf"));
    assertTrue(withPersonal.contains(CANARY));
    assertTrue(withPersonal.contains("canary@example.com"));
    assertTrue(withPersonal.contains("Resent the goods"), "service record of the canary");
  }

  @Test
  void aMonthWithoutGoldDataAsksForABuild() {
    var error = assertThrows(IllegalArgumentException.class, () -> new ReportJob(wh.warehouse(), CLOCK, "CNY")
        .run(YearMonth.of(2026, 5), Messages.LOCALES, out, Optional.empty()));
    assertTrue(error.getMessage().contains("build --as-of 2026-05-31"), error.getMessage());
  }

  @Test
  void theCliRendersOneLocaleIntoTheOutFolder() throws IOException {
    Path cliOut = out.resolve("cli");
    int code = ClienteleCli.execute("report", "--warehouse", wh.warehouse().root().toString(), "--month", "2026-03",
        "--locale", "en", "--out", cliOut.toString());
    assertEquals(0, code);
    assertTrue(Files.isRegularFile(cliOut.resolve("2026-03").resolve("churn-referral-en.pdf")));
    assertEquals(2, ClienteleCli.execute("report", "--warehouse", wh.warehouse().root().toString(), "--month", "2026-13"));
  }
}
