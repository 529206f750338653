package com.clientele.report;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.cli.ClienteleCli;
import com.clientele.config.ClienteleConfig;
import com.clientele.generate.ExportGenerator;
import com.clientele.generate.GeneratorSettings;
import com.clientele.gold.AnalyticsSettings;
import com.clientele.gold.GoldBuildJob;
import com.clientele.reports.CustomerValueAhead;
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
 * The reports end to end: a generated company plus a canary key customer (real name "Canary Zhangsan") and two
 * big spenders who stopped buying months ago ("Lapsing Lisi…"), ingested, gold built as of 2026-03-31 (with the
 * lifetime-value models), then every report rendered in both locales and read back.
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
    // Two big spenders who have not bought for months: high CLV with P(alive) below one half (the watch list).
    List<String> lapsingCustomers = new ArrayList<>(List.of(LandingFolder.CUSTOMERS_HEADER));
    List<String> lapsingSales = new ArrayList<>(List.of(LandingFolder.TRANSACTIONS_HEADER));
    String[][] lapsing = {{"60000.00", "2025-01-28", "2025-03-20", "2025-06-17"},
        {"40000.00", "2024-11-05", "2025-01-14", "2025-03-25", "2025-07-01"}};
    for (int c = 0; c < lapsing.length; c++) {
      String id = "LAPSING-ID-" + c;
      lapsingCustomers.add(id + ",Lapsing Lisi" + c + ",1380000000" + c + ",lisi" + c + "@example.com,9 Lane Shanghai,"
          + "31010119900101001" + c + ",enterprise,retail,East,website,2022-01-01");
      for (int k = 1; k < lapsing[c].length; k++) {
        lapsingSales.add("LAPSING-T" + c + "-" + k + "," + id + "," + lapsing[c][k] + "," + lapsing[c][0] + ",sale,1,,,,,");
      }
    }
    canary.write("customers", AS_OF.toString(), "lapsing.csv", lapsingCustomers.toArray(String[]::new));
    canary.write("transactions", AS_OF.toString(), "lapsing.csv", lapsingSales.toArray(String[]::new));
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

  /**
   * The report marts are what the PDF prints (a BI tool reading them sees the same figures): the segment mix rows,
   * the top-20% Pareto reading and a KPI with its previous month, each checked against SQL over the tables the
   * marts come from, and found in the PDF's text.
   */
  @Test
  void executiveSummaryPrintsTheReportMartsRows() throws IOException {
    String snapshot = "as_of_date = DATE'2026-03-31'";
    List<Row> mix = wh.sql("SELECT scheme, segment, customers, customer_share, amount_12m, revenue_share "
        + "FROM gold.report_segment_mix WHERE " + snapshot + " AND scheme = 'value_position' ORDER BY segment");
    List<Row> positions = wh.sql("SELECT value_position, count(*), sum(amount_12m) FROM gold.customer_profile WHERE "
        + snapshot + " GROUP BY value_position ORDER BY value_position");
    assertEquals(positions.size(), mix.size());
    long customers = positions.stream().mapToLong(r -> r.getLong(1)).sum();
    for (int i = 0; i < mix.size(); i++) {
      assertEquals(positions.get(i).getString(0), mix.get(i).getString(1));
      assertEquals(positions.get(i).getLong(1), mix.get(i).getLong(2));
      assertEquals(positions.get(i).getLong(1) / (double) customers, mix.get(i).getDouble(3), 1e-12);
      assertEquals(0, positions.get(i).getDecimal(2).compareTo(mix.get(i).getDecimal(4)));
    }
    Row top = wh.sql("SELECT customers, customers_with_revenue, revenue_share FROM gold.report_pareto WHERE "
        + snapshot + " AND customer_percent = 20").get(0);
    Row withRevenue = wh.sql("SELECT count(*), sum(amount_12m) FROM gold.customer_profile WHERE " + snapshot
        + " AND amount_12m > 0").get(0);
    long topCustomers = (long) Math.ceil(withRevenue.getLong(0) * 0.2);
    Row topRevenue = wh.sql("SELECT sum(amount_12m) FROM (SELECT amount_12m FROM gold.customer_profile WHERE " + snapshot
        + " AND amount_12m > 0 ORDER BY amount_12m DESC LIMIT " + topCustomers + ")").get(0);
    assertEquals(withRevenue.getLong(0), top.getLong(1));
    assertEquals(topCustomers, top.getLong(0));
    assertEquals(topRevenue.getDecimal(0).doubleValue() / withRevenue.getDecimal(1).doubleValue(), top.getDouble(2), 1e-12);
    Row revenue = wh.sql("SELECT value, previous_month_value FROM gold.report_kpis WHERE " + snapshot
        + " AND month_start = DATE'2026-03-01' AND kpi = 'revenue'").get(0);
    List<Row> loyalty = wh.sql("SELECT revenue FROM gold.loyalty_metrics WHERE " + snapshot + " AND breakdown = 'all' "
        + "AND month_start IN (DATE'2026-03-01', DATE'2026-02-01') ORDER BY month_start DESC");
    assertEquals(loyalty.get(0).getDecimal(0).doubleValue(), revenue.getDouble(0), 1e-9);
    assertEquals(loyalty.get(1).getDecimal(0).doubleValue(), revenue.getDouble(1), 1e-9);
    for (Locale locale : Messages.LOCALES) {
      Fmt fmt = new Fmt(locale, "CNY");
      String summary = squash(text(pdf(masked, "executive-summary-" + Messages.tag(locale) + ".pdf")));
      for (Row m : mix) {
        String row = squash(fmt.count(m.getLong(2)) + fmt.percent(m.getDouble(3)) + fmt.money(m.getDecimal(4))
            + fmt.percent(m.isNullAt(5) ? null : m.getDouble(5)));
        assertTrue(summary.contains(row), m.getString(1) + ": " + row + " in " + summary);
      }
      String note = squash(fmt.message("pareto.note", fmt.count(top.getLong(1)), fmt.count(top.getLong(0)),
          fmt.percent(top.getDouble(2)), 20));
      assertTrue(summary.contains(note), note);
      assertTrue(summary.contains(squash(fmt.money(revenue.getDouble(0)))), "the KPI");
      assertTrue(summary.contains(squash(fmt.money(revenue.getDouble(1)))), "its previous month");
    }
  }

  static final String SNAPSHOT = "v.as_of_date = DATE'2026-03-31' AND p.as_of_date = v.as_of_date "
      + "AND p.customer_key = v.customer_key AND v.clv IS NOT NULL";

  /** Text without white space, so that a sentence wrapped over lines still matches. */
  static String squash(String text) {
    return text.replaceAll("\\s+", "");
  }

  @Test
  void executiveSummaryPrintsTheGoldLifetimeValueAheadByPositionAndTier() throws IOException {
    List<Row> models = wh.sql("SELECT model, status, horizon_months, monthly_discount_rate FROM gold.clv_model "
        + "WHERE as_of_date = DATE'2026-03-31' ORDER BY model");
    assertEquals(List.of("fitted", "fitted"), models.stream().map(m -> m.getString(1)).toList(),
        "the generated company is large enough for both models to fit");
    int horizon = models.get(0).getInt(2);
    Row total = wh.sql("SELECT SUM(v.clv), SUM(v.value_at_risk), COUNT(*) FROM gold.customer_lifetime_value v, "
        + "gold.customer_profile p WHERE " + SNAPSHOT).get(0);
    List<Row> byPosition = wh.sql("SELECT p.value_position, SUM(v.clv) FROM gold.customer_lifetime_value v, "
        + "gold.customer_profile p WHERE " + SNAPSHOT + " GROUP BY p.value_position");
    List<Row> byTier = wh.sql("SELECT p.vip_tier, SUM(v.clv) FROM gold.customer_lifetime_value v, "
        + "gold.customer_profile p WHERE " + SNAPSHOT + " GROUP BY p.vip_tier");
    List<Row> watch = wh.sql("SELECT p.display_name_masked, v.value_at_risk FROM gold.customer_lifetime_value v, "
        + "gold.customer_profile p WHERE " + SNAPSHOT + " AND v.clv_decile <= " + CustomerValueAhead.WATCH_TOP_DECILES
        + " AND v.p_alive < " + CustomerValueAhead.WATCH_P_ALIVE_BELOW
        + " ORDER BY v.value_at_risk DESC, v.customer_key LIMIT " + CustomerValueAhead.WATCH_ROWS);
    assertTrue(total.getLong(2) > 0);
    assertFalse(watch.isEmpty(), "the two lapsing big spenders: top CLV deciles, P(alive) below one half");
    for (Locale locale : Messages.LOCALES) {
      Fmt fmt = new Fmt(locale, "CNY");
      String summary = text(pdf(masked, "executive-summary-" + Messages.tag(locale) + ".pdf"));
      assertTrue(summary.contains(fmt.text("section.value_ahead")), summary);
      assertTrue(squash(summary).contains(squash(fmt.message("value.note", fmt.count(total.getLong(2)),
          fmt.money(total.getDouble(0)), horizon, fmt.percent(models.get(0).getDouble(3)), fmt.money(total.getDouble(1))))),
          "total CLV");
      for (Row r : byPosition) {
        assertTrue(summary.contains(fmt.money(r.getDouble(1))), "CLV of value position " + r.getString(0));
      }
      for (Row r : byTier) {
        assertTrue(summary.contains(fmt.money(r.getDouble(1))), "CLV of VIP tier " + r.getString(0));
      }
      int at = summary.indexOf(fmt.text("section.value_watch"));
      assertTrue(at >= 0, "the watch list");
      for (Row r : watch) {
        int next = summary.indexOf(fmt.money(r.getDouble(1)), at);
        assertTrue(next > at && summary.indexOf(r.getString(0), at) > at,
            "watch list, largest value at risk first: " + r.getString(0) + " " + fmt.money(r.getDouble(1)));
        at = next;
      }
    }
  }

  @Test
  void theCanarysCardShowsItsLifetimeValueAndTheAtRiskListItsValueAtRisk() throws IOException {
    Row canary = wh.sql("SELECT v.clv, v.p_alive, v.expected_purchases_90d FROM gold.customer_lifetime_value v, "
        + "gold.customer_profile p WHERE " + SNAPSHOT + " AND p.display_name_masked = 'C*** Z.'").get(0);
    List<Row> atRisk = wh.sql("SELECT v.value_at_risk FROM gold.at_risk_customers a, gold.customer_lifetime_value v "
        + "WHERE a.as_of_date = DATE'2026-03-31' AND v.as_of_date = a.as_of_date AND v.customer_key = a.customer_key "
        + "AND v.value_at_risk IS NOT NULL ORDER BY a.priority LIMIT 40");
    assertFalse(atRisk.isEmpty(), "the win-back list's customers have bought, so they have predictions");
    for (Locale locale : Messages.LOCALES) {
      Fmt fmt = new Fmt(locale, "CNY");
      String cards = text(pdf(masked, "customer-cards-" + Messages.tag(locale) + ".pdf"));
      assertTrue(cards.contains(fmt.money(canary.getDouble(0))), "the canary's CLV " + fmt.money(canary.getDouble(0)));
      assertTrue(cards.contains(fmt.percent(canary.getDouble(1))), "the canary's P(alive)");
      assertTrue(cards.contains(fmt.decimal(canary.getDouble(2), 1)), "the canary's expected purchases, 90 days");
      String churn = text(pdf(masked, "churn-referral-" + Messages.tag(locale) + ".pdf"));
      for (Row r : atRisk) {
        assertTrue(churn.contains(fmt.money(r.getDouble(0))), "value at risk on the win-back list " + fmt.money(r.getDouble(0)));
      }
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
        assertFalse(text.contains("Lapsing Lisi"), name + ": the watch list names customers by their masked names");
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
