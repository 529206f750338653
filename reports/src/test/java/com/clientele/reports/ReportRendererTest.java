package com.clientele.reports;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders the three reports from hand-made gold rows in both locales and reads the PDFs back. */
class ReportRendererTest {

  static final ZonedDateTime RENDERED = ZonedDateTime.of(2026, 4, 1, 8, 30, 0, 0, ZoneId.of("Asia/Shanghai"));

  /** Rendered PDFs stay under target/report-samples for a person to look at (pdftoppm, see docs/reports.md). */
  final Path out = Path.of("target", "report-samples");

  /** Text without white space: a wrapped line (a note, a two-line table header) still matches its sentence. */
  static String squash(String text) {
    return text.replaceAll("\\s+", "");
  }

  /** The bundled defaults of clientele.analytics (reference.conf). */
  static final ReportThresholds DEFAULT_THRESHOLDS = new ReportThresholds(24, 20, 365, 180);

  static ReportContext context(String tag) {
    return context(tag, DEFAULT_THRESHOLDS);
  }

  static ReportContext context(String tag, ReportThresholds thresholds) {
    return new ReportContext(SampleGold.MONTH, SampleGold.AS_OF, RENDERED, Messages.parse(tag), "CNY", thresholds);
  }

  @Test
  void everyTemplateCompilesFromItsJrxml() {
    for (String template : Templates.ALL) {
      assertNotNull(Templates.compile(template), template);
    }
  }

  /** The build (process-classes) leaves a .jasper beside every .jrxml, and that is what a run loads. */
  @Test
  void everyTemplateIsPrecompiledByTheBuild() throws Exception {
    for (String template : Templates.ALL) {
      String jasper = Templates.compiledName(template);
      assertTrue(jasper.endsWith(".jasper"), jasper);
      try (var in = getClass().getClassLoader().getResourceAsStream(jasper)) {
        assertNotNull(in, "no compiled template " + jasper + " on the classpath");
        var report = (net.sf.jasperreports.engine.JasperReport) net.sf.jasperreports.engine.util.JRLoader.loadObject(in);
        assertEquals(Templates.compile(template).getName(), report.getName(), template);
      }
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
  void executiveSummaryShowsTheCustomerValueAheadByValuePositionAndVipTier(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    MonthlyGold gold = SampleGold.history(14);
    String text = PdfText.of(ReportRenderer.executiveSummary(gold, ctx, out));
    String squashed = squash(text);
    assertTrue(text.contains(fmt.text("section.value_ahead")), text);
    assertTrue(squashed.contains(squash(fmt.message("value.header.clv", 12))), "the horizon of gold.clv_model");

    // The fixture's CLV summed by hand: 52,000.10 + 41,000.20 + 12,000.30 + 9,000.40 + 5,000.50 + 3,500.60.
    double total = SampleGold.LIFETIME_VALUE_TOTALS.stream().mapToDouble(r -> (Double) r.get("clv")).sum();
    assertEquals(122502.10, total, 1e-6);
    assertTrue(text.contains(fmt.money(total)), "total CLV " + fmt.money(total));
    assertTrue(squashed.contains(squash(fmt.message("value.note", fmt.count(100), fmt.money(122502.10), 12,
        fmt.percent(0.01), fmt.money(18700.00)))), "the note with customers, total, horizon, discount and value at risk");
    for (String scheme : List.of("value_position", "vip_tier")) {
      Map<Object, Double> bySegment = SampleGold.LIFETIME_VALUE_TOTALS.stream().collect(
          Collectors.groupingBy(r -> r.get(scheme), Collectors.summingDouble(r -> (Double) r.get("clv"))));
      bySegment.forEach((segment, clv) -> {
        assertTrue(text.contains(fmt.money(clv)), scheme + " " + segment + " " + fmt.money(clv));
        assertTrue(text.contains(fmt.percent(clv / total)), scheme + " " + segment + " share");
        assertTrue(text.contains(fmt.label("segment." + scheme, segment)), scheme + " " + segment);
      });
    }
    assertTrue(text.contains(fmt.money(41000.20 + 12000.30)), "gold VIP: two cells of the fixture");

    assertTrue(text.contains(fmt.text("section.value_watch")));
    assertTrue(squashed.contains(squash(fmt.message("value.watch.definition", 2, fmt.percent0(0.2), fmt.percent0(0.5), 10))),
        "the watch list's definition");
    assertTrue(text.contains("王*") && text.contains("M*** K."), "masked names of the watch list");
    assertTrue(text.indexOf("王*") < text.indexOf("M*** K."), "largest value at risk first");
    assertTrue(text.contains(fmt.money(14824.67)) && text.contains(fmt.percent(0.21)) && text.contains(fmt.money(7654.30)));
    assertFalse(text.contains("k-w1"), "customer keys are not printed");

    assertTrue(squashed.contains(squash(fmt.text("atrisk.header.value_at_risk"))));
    assertTrue(text.contains(fmt.money(SampleGold.AT_RISK_VALUE_AT_RISK)), "value at risk on the at-risk list");
    assertTrue(squashed.contains(squash(fmt.text("def.summary.11"))), "the CLV definition");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void withoutFittedModelsTheValueSectionSaysSoInOneLine(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    String text = PdfText.of(ReportRenderer.executiveSummary(SampleGold.notFitted(SampleGold.history(14)), ctx,
        out.resolve("not-fitted")));
    String expected = tag.equals("en")
        ? "Not available this month: the lifetime-value models could not be fitted (BG/NBD (purchases): fitted, "
            + "200 customers; Gamma-Gamma (spend): too few customers, 31 customers), so there is no CLV to report."
        : "本月无法提供：客户终身价值模型未能拟合（BG/NBD（购买次数）：已拟合，200 位客户；"
            + "Gamma-Gamma（消费金额）：客户数不足，31 位客户），因此没有 CLV 可报告。";
    assertTrue(text.contains(fmt.text("section.value_ahead")));
    assertTrue(squash(text).contains(squash(expected)), text);
    assertFalse(text.contains("王*") || squash(text).contains(squash(fmt.text("value.watch.header.purchases_365d"))),
        "no watch list");
    assertFalse(text.contains(fmt.text("value.all_customers")), "no table of zeros");
    assertFalse(text.contains(fmt.money(0)), "no zero amounts");
    assertFalse(text.contains(fmt.money(SampleGold.AT_RISK_VALUE_AT_RISK)), "no value at risk on the at-risk list");

    String old = PdfText.of(ReportRenderer.executiveSummary(SampleGold.withoutModels(SampleGold.history(14)), ctx,
        out.resolve("without-models")));
    assertTrue(squash(old).contains(squash(fmt.message("value.not_run", "2026-03-31"))), old);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void cardsShowPAliveExpectedPurchasesAndClv(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    Path pdf = ReportRenderer.customerCards(List.of(SampleGold.card("Canary Zhangsan")), false, ctx, out);
    String text = PdfText.of(pdf);
    assertTrue(text.contains(fmt.text("card.value_ahead")), text);
    assertTrue(text.contains(fmt.percent(0.83)), "P(alive)");
    assertTrue(text.contains(fmt.decimal(2.4, 1)) && text.contains(fmt.decimal(9.6, 1)), "expected purchases 90 / 365 days");
    assertTrue(text.contains(fmt.money(38765.43)), "CLV");
    assertTrue(squash(text).contains(squash(fmt.message("card.clv", 12))), "the CLV's horizon");
    assertFalse(text.contains(fmt.text("card.no_lifetime_value")));
    assertEquals(1, PdfText.pages(pdf));

    Path without = ReportRenderer.customerCards(List.of(SampleGold.cardWithoutLifetimeValue("Canary Zhangsan")), false,
        ctx, out.resolve("no-lifetime-value"));
    String withoutText = PdfText.of(without);
    assertTrue(squash(withoutText).contains(squash(fmt.text("card.no_lifetime_value"))), withoutText);
    assertFalse(withoutText.contains(fmt.money(38765.43)));
    assertFalse(withoutText.contains(fmt.text("card.p_alive")));
    assertEquals(1, PdfText.pages(without));
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
  void creditSectionsPrintTheAgeingTheGradeMixAndTheFollowUpList(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    MonthlyGold gold = SampleGold.history(14);
    String summary = PdfText.of(ReportRenderer.executiveSummary(gold, ctx, out));
    String squashed = squash(summary);
    assertTrue(summary.contains(fmt.text("section.credit_ageing")), summary);
    assertTrue(summary.contains(fmt.text("section.credit_grades")));
    // March's row of gold.credit_ageing: 35,000 open, 13,000 overdue, 2,000 over 90 days.
    assertTrue(squashed.contains(squash(fmt.message("credit.ageing.note", fmt.date(java.time.LocalDate.of(2026, 3, 31)),
        fmt.money(new java.math.BigDecimal("35000.00")), fmt.money(new java.math.BigDecimal("13000.00")),
        fmt.percent(13000.0 / 35000.0), fmt.count(40L), fmt.count(12L), fmt.money(new java.math.BigDecimal("2000.00")),
        fmt.money(new java.math.BigDecimal("12000.00"))))), summary);
    assertTrue(squashed.contains(squash(fmt.message("credit.grades.entry", fmt.label("credit.grade", "D"),
        fmt.count(3L), fmt.money(new java.math.BigDecimal("9000.00")), fmt.money(new java.math.BigDecimal("9000.00"))))));
    assertTrue(squashed.contains(squash(fmt.message("credit.grades.entry_none_overdue",
        fmt.label("credit.grade", "unknown"), fmt.count(5L), fmt.money(new java.math.BigDecimal("1000.00"))))));
    assertTrue(squashed.contains(squash(fmt.text("def.summary.13"))), "the credit definition");

    String churn = PdfText.of(ReportRenderer.churnReferral(gold, ctx, out));
    assertTrue(churn.contains(fmt.text("section.credit_follow_up")), churn);
    assertTrue(churn.contains("王**") && churn.contains("A*** C."), "masked names of the follow-up list");
    assertTrue(churn.contains(fmt.money(SampleGold.FOLLOW_UP_OVERDUE)));
    assertTrue(squash(churn).contains(squash(fmt.message("credit.reason.grade_fell", "C", "D"))), churn);
    assertTrue(squash(churn).contains(squash(fmt.message("credit.reason.past_due", fmt.count(95),
        fmt.money(SampleGold.FOLLOW_UP_OVERDUE)))), churn);
    assertFalse(churn.contains("k-c1") || churn.contains("days past due: 8765.40"),
        "no customer key, and the reason is worded by the bundles, not gold's English text");
    // With a follow-up threshold above 95 days, that customer is listed for the fallen grade only.
    ReportContext higher = context(tag, new ReportThresholds(24, 20, 365, 180, 120));
    String churnHigher = squash(PdfText.of(ReportRenderer.churnReferral(gold, higher, out.resolve("threshold-120"))));
    assertFalse(churnHigher.contains(squash(fmt.message("credit.reason.past_due", fmt.count(95),
        fmt.money(SampleGold.FOLLOW_UP_OVERDUE)))), churnHigher);
    assertTrue(churnHigher.contains(squash(fmt.message("credit.reason.grade_fell", "C", "D"))));

    MonthlyGold without = SampleGold.withoutModels(gold);
    assertTrue(squash(PdfText.of(ReportRenderer.executiveSummary(without, ctx, out))).contains(squash(fmt.text("credit.none"))));
    assertTrue(squash(PdfText.of(ReportRenderer.churnReferral(without, ctx, out)))
        .contains(squash(fmt.text("credit.follow_up.none"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void churnReportPrintsTheCarePlanCountsByActionType(String tag) throws Exception {
    ReportContext ctx = context(tag);
    Fmt fmt = ctx.fmt();
    MonthlyGold gold = SampleGold.history(14);
    String churn = PdfText.of(ReportRenderer.churnReferral(gold, ctx, out));
    String squashed = squash(churn);
    assertTrue(churn.contains(fmt.text("section.care_plan")), churn);
    for (String type : List.of("birthday", "win_back", "holiday")) {
      assertTrue(churn.contains(fmt.label("care.type", type)), type + " in " + churn);
    }
    assertTrue(churn.contains(fmt.label("care.channel", "phone")) && churn.contains(fmt.label("care.channel", "sms")));
    assertFalse(churn.contains("win_back") || churn.contains("care.type"), "codes are worded through the bundles");
    // 55 actions (12 + 3 + 40) for 50 customers, 3 high priority, 2 overdue, last due 2026-04-29.
    assertTrue(squashed.contains(squash(fmt.message("care.plan.note", fmt.count(55L), fmt.count(50L),
        fmt.date(java.time.LocalDate.of(2026, 3, 31)), fmt.date(java.time.LocalDate.of(2026, 4, 29)), fmt.count(3L),
        fmt.count(2L)))), churn);
    assertTrue(squashed.contains(squash(fmt.text("def.churn.09"))), "the care plan's definition");

    String without = squash(PdfText.of(ReportRenderer.churnReferral(SampleGold.withoutModels(gold), ctx, out)));
    assertTrue(without.contains(squash(fmt.text("care.plan.none"))));
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
    assertTrue(text.contains(fmt.money(SampleGold.AT_RISK_VALUE_AT_RISK)), "value at risk on the win-back list");
    // The churned customers' complaint categories ("delivery:2, quality:1") print through the bundles.
    assertTrue(squash(text).contains(squash(fmt.label("category", "delivery") + " (2), " + fmt.label("category", "quality")
        + " (1)")), text);
    if (tag.equals("zh-CN")) {
      assertFalse(text.contains("delivery") || text.contains("quality ("), "no raw category code on a zh-CN page:\n" + text);
    }
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

  /** Service standard 48 hours, top 10% of customers, a 400-day new-customer window, a 200-day churn window. */
  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void thePagesPrintTheConfiguredThresholds(String tag) throws Exception {
    ReportContext ctx = context(tag, new ReportThresholds(48, 10, 400, 200));
    Path dir = out.resolve("thresholds");
    String summary = PdfText.of(ReportRenderer.executiveSummary(SampleGold.history(14), ctx, dir));
    String cards = PdfText.of(ReportRenderer.customerCards(List.of(SampleGold.card("Canary Zhangsan")), false, ctx, dir));
    String churn = PdfText.of(ReportRenderer.churnReferral(SampleGold.history(14), ctx, dir));
    String all = squash(summary + cards + churn);
    if (tag.equals("en")) {
      assertTrue(all.contains(squash("Complaints answered within 48 hours")), summary);
      assertTrue(all.contains(squash("Complaints answered within 48 h")), "the KPI row");
      assertTrue(all.contains(squash("16 of 20 complaints were first answered within 48 hours")), "the note");
      assertTrue(all.contains(squash("the service standard is 48 hours")));
      assertTrue(all.contains(squash("first response within 48 hours of receipt")), "the definition");
      assertTrue(squash(cards).contains(squash("In 48 h")), cards);
      // 200 customers with revenue 100,000 / i²: the top 10% are 20 customers with 97.3% of it (hand-computed).
      assertTrue(all.contains(squash("the top 10% (20 customers) bring 97.3% of it")), summary);
      assertTrue(all.contains(squash("revenue of the top 10% of the month's customers")));
      assertTrue(all.contains(squash("new-customer window (400 days)")));
      assertTrue(all.contains(squash("no purchase for the churn window (200 days)")));
      assertTrue(squash(churn).contains(squash("the churn window, 200 days")), churn);
      assertFalse(all.contains("24hours") || all.contains("24h"), "no default response time left");
      assertFalse(all.contains("20%("), "no default top percent left");
    } else {
      assertTrue(all.contains("投诉48小时内响应率"), summary);
      assertTrue(all.contains("投诉48小时响应率"), "the KPI row");
      assertTrue(all.contains("本月20件投诉中有16件在48小时内得到首次响应"), "the note");
      assertTrue(all.contains("服务标准为48小时"));
      assertTrue(all.contains("收到后48小时内首次响应"), "the definition");
      assertTrue(squash(cards).contains("48小时内响应"), cards);
      assertTrue(all.contains("前10%（20位）贡献了其中的97.3%"), summary);
      assertTrue(all.contains("当月收入前10%客户的收入"));
      assertTrue(all.contains("新客户期（400天）"));
      assertTrue(all.contains("超过流失期（200天）未购买"));
      assertTrue(squash(churn).contains("200天未购买即为流失"), churn);
      assertFalse(all.contains("24小时"), "no default response time left");
      assertFalse(all.contains("前20%"), "no default top percent left");
    }
  }
}
