package com.clientele.reports;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders the three reports from hand-made gold rows in both locales and reads the PDFs back. */
class ReportRendererTest {

  static final ZonedDateTime RENDERED = ZonedDateTime.of(2026, 4, 1, 8, 30, 0, 0, ZoneId.of("Asia/Shanghai"));

  /** Rendered PDFs stay under target/report-samples for a person to look at (pdftoppm, see docs/reports.md). */
  final Path out = Path.of("target", "report-samples");

  static ReportContext context(String tag) {
    return new ReportContext(SampleGold.MONTH, SampleGold.AS_OF, RENDERED, Messages.parse(tag), "CNY");
  }

  @Test
  void everyTemplateCompiles() {
    for (String template : Templates.ALL) {
      assertNotNull(Templates.compiled(template), template);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void executiveSummaryPrintsTheGoldKpisOfTheMonth(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    MonthlyGold gold = SampleGold.history(14);
    Path pdf = ReportRenderer.executiveSummary(gold, ctx, out);
    assertEquals(out.resolve("2026-03").resolve("executive-summary-" + tag + ".pdf"), pdf);
    String text = PdfText.of(pdf);
    // March 2026 is the 14th month: revenue 10,000.25 + 13 × 1,000.50 = 23,006.75; previous 22,006.25.
    assertTrue(text.contains(fmt.money(new java.math.BigDecimal("23006.75"))), text);
    assertTrue(text.contains(fmt.money(new java.math.BigDecimal("22006.25"))));
    assertTrue(text.contains(fmt.count(139L)), "active customers");
    assertTrue(text.contains(fmt.text("report.executive-summary")));
    assertTrue(text.contains(fmt.date(SampleGold.AS_OF)), "as-of date on the page");
    assertTrue(text.contains(fmt.text("section.what_changed")));
    assertTrue(text.contains("张*"), text);
    if (tag.equals("en")) {
      assertTrue(text.contains("CN¥23,006.75"), text);
      assertTrue(text.contains("31 Mar 2026") || text.contains("Mar 31, 2026"));
    } else {
      assertTrue(text.contains("¥23,006.75"));
      assertTrue(text.contains("2026年3月31日"));
      assertTrue(text.contains("核心指标"));
    }
    assertFalse(text.contains(fmt.text("no_history")), "14 months: every comparison exists");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void aSingleMonthGivesAReportThatSaysThereIsNotEnoughHistory(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    Path summary = ReportRenderer.executiveSummary(SampleGold.history(1), ctx, out.resolve("single-month"));
    String text = PdfText.of(summary);
    assertTrue(text.contains(fmt.text("no_history")));
    assertTrue(text.contains(fmt.text("changed.first_month")));
    assertTrue(text.contains(fmt.money(new java.math.BigDecimal("10000.25"))));
    Path churn = ReportRenderer.churnReferral(SampleGold.history(1), ctx, out.resolve("single-month"));
    assertTrue(PdfText.of(churn).contains(fmt.text("heatmap.single_month")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void churnReportPrintsTheBucketAndTheWinBackList(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    Path pdf = ReportRenderer.churnReferral(SampleGold.history(14), ctx, out);
    String text = PdfText.of(pdf);
    assertTrue(text.contains(fmt.money(new java.math.BigDecimal("45678.90"))));
    assertTrue(text.contains(fmt.text("section.win_back")));
    assertTrue(text.contains(fmt.text("report.churn-referral")));
    assertTrue(PdfText.pages(pdf) >= 3);
  }

  @Test
  void cardsShowTheRealNameOnlyWithPersonalData() throws Exception {
    ReportContext ctx = context("zh-CN");
    List<CustomerCard> cards = List.of(SampleGold.card("Canary Zhangsan"));
    Path masked = ReportRenderer.customerCards(cards, false, ctx, out.resolve("masked"));
    String maskedText = PdfText.of(masked);
    assertFalse(maskedText.contains("Canary Zhangsan"));
    assertFalse(maskedText.contains("13912345678"));
    assertTrue(maskedText.contains("张*"));
    Path personal = ReportRenderer.customerCards(cards, true, ctx, out.resolve("personal"));
    String personalText = PdfText.of(personal);
    assertTrue(personalText.contains("Canary Zhangsan"));
    assertTrue(personalText.contains("13912345678"));
    assertTrue(personalText.contains("补发货物并致歉"));
    assertEquals(1, PdfText.pages(personal));
  }

  @Test
  void noKeyCustomersGivesAPageSayingSo() throws Exception {
    ReportContext ctx = context("en");
    Path pdf = ReportRenderer.customerCards(List.of(), false, ctx, out.resolve("no-cards"));
    assertTrue(PdfText.of(pdf).contains("No key or A-grade customer"));
    assertTrue(Files.size(pdf) > 0);
  }
}
