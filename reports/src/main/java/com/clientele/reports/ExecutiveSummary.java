package com.clientele.reports;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executive summary: headline KPIs, what changed, revenue structure, segments, churn, referral, service,
 * customer value ahead, at-risk, receivables ageing and credit grades.
 */
public final class ExecutiveSummary {

  /** The headline KPIs in print order: the kpi of gold.report_kpis and how its values are printed. */
  static final String[][] KPIS = {
      {"revenue", Fmt.MONEY},
      {"active_customers", Fmt.COUNT},
      {"new_customers", Fmt.COUNT},
      {"average_order_value", Fmt.MONEY},
      {"old_customer_revenue_share", Fmt.SHARE},
      {"retention_rate", Fmt.SHARE},
      {"repeat_purchase_rate", Fmt.SHARE},
      {"top_customers_revenue_share", Fmt.SHARE},
      {"customers_lost", Fmt.COUNT},
      {"customers_won_back", Fmt.COUNT},
      {"referred_new_share", Fmt.SHARE},
      {"answered_in_time_share", Fmt.SHARE},
      {"complaint_rate", Fmt.SHARE},
      {"average_satisfaction", Fmt.DECIMAL},
      {"median_resolution_hours", Fmt.HOURS},
  };
  static final int CHART_MONTHS = 12;
  static final int TOP_AT_RISK = 10;

  private ExecutiveSummary() {}

  /** The month's KPIs with the previous month and the same month last year (gold.report_kpis rows of the month). */
  public static List<Kpi> kpis(MonthlyGold gold) {
    Map<String, Map<String, Object>> byKpi = new java.util.HashMap<>();
    gold.kpis().forEach(r -> byKpi.put(String.valueOf(r.get("kpi")), r));
    List<Kpi> kpis = new ArrayList<>();
    for (String[] k : KPIS) {
      Map<String, Object> r = byKpi.get(k[0]);
      kpis.add(new Kpi(k[0], k[1], Rows.number(r, "value"), Rows.number(r, "previous_month_value"),
          Rows.number(r, "same_month_last_year_value")));
    }
    return kpis;
  }

  static List<Map<String, Object>> monthRows(List<Map<String, Object>> referral) {
    return referral.stream().filter(r -> "month".equals(r.get("period"))).toList();
  }

  static Optional<Map<String, Object>> overall(List<Map<String, Object>> referral) {
    return referral.stream().filter(r -> "overall".equals(r.get("period"))).findFirst();
  }

  public static List<Section> sections(MonthlyGold gold, ReportContext ctx) {
    Fmt fmt = ctx.fmt();
    YearMonth month = ctx.month();
    List<Kpi> kpis = kpis(gold);
    List<Section> sections = new ArrayList<>();
    boolean hasPrevious = Rows.month(gold.loyaltyMetrics(), month.minusMonths(1)).isPresent();
    boolean hasLastYear = Rows.month(gold.loyaltyMetrics(), month.minusMonths(12)).isPresent();
    String kpiNote = fmt.text("kpi.note") + (hasLastYear ? "" : " " + fmt.text("kpi.note.no_last_year"));
    sections.add(Section.of(fmt.text("section.kpis"), Templates.KPI_TABLE, kpis.stream().map(Kpi::row).toList(), kpiNote));
    sections.add(Section.text(fmt.text("section.what_changed"), WhatChanged.sentences(gold, kpis, ctx, hasPrevious), null));
    sections.add(oldVsNew(gold, ctx, fmt));
    sections.add(pareto(gold, fmt).onNewPage());
    sections.add(segments(gold, fmt));
    sections.add(Charts.leakyBucket(gold, ctx, fmt, CHART_MONTHS).onNewPage());
    sections.add(Charts.cohortHeatmap(gold, ctx, fmt, "retention_rate", "section.cohorts", 12));
    sections.add(Charts.referralLift(gold, fmt).onNewPage());
    sections.add(answerRate(gold, ctx, fmt));
    List<Section> valueAhead = CustomerValueAhead.sections(gold, fmt);
    sections.add(valueAhead.get(0).onNewPage());
    sections.addAll(valueAhead.subList(1, valueAhead.size()));
    sections.add(atRisk(gold, fmt));
    sections.addAll(CreditReport.summarySections(gold, ctx));
    List<String> definitions = definitions(fmt, "def.summary.");
    definitions.add(CustomerValueAhead.definition(fmt));
    sections.add(Section.text(fmt.text("section.definitions"), definitions, null));
    return sections;
  }

  static Section oldVsNew(MonthlyGold gold, ReportContext ctx, Fmt fmt) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> m : Rows.lastMonths(gold.loyaltyMetrics(), ctx.month(), CHART_MONTHS)) {
      double revenue = nz(Rows.number(m, "revenue"));
      double old = nz(Rows.number(m, "old_customer_revenue"));
      String category = fmt.monthShort(m.get("month_start"));
      rows.add(Charts.bar(fmt.text("series.old_customers"), category, old));
      rows.add(Charts.bar(fmt.text("series.new_customers"), category, revenue - old));
    }
    Optional<Map<String, Object>> now = Rows.month(gold.loyaltyMetrics(), ctx.month());
    String note = now.map(m -> fmt.message("old_new.note", fmt.percent(m.get("old_customer_revenue_share")),
        fmt.money(m.get("old_customer_revenue")), fmt.money(m.get("revenue")), fmt.thresholds().newCustomerDays()))
        .orElse(fmt.text("no_data"));
    return Charts.barSection(fmt.text("section.old_new"), rows, true, fmt.text("axis.revenue"), note, fmt);
  }

  /** The Pareto curve (gold.report_pareto, with the origin) and the top-customers-percent reading. */
  static Section pareto(MonthlyGold gold, Fmt fmt) {
    if (gold.pareto().isEmpty()) {
      return Section.text(fmt.text("section.pareto"), List.of(fmt.text("no_data")), null);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    String curve = fmt.text("series.pareto");
    String equal = fmt.text("series.equal_share");
    rows.add(Rows.row("series", curve, "customer_share", 0.0, "revenue_share", 0.0));
    for (Map<String, Object> r : gold.pareto()) {
      rows.add(Rows.row("series", curve, "customer_share", Rows.number(r, "customer_percent"),
          "revenue_share", 100 * Rows.number(r, "revenue_share")));
    }
    rows.add(Rows.row("series", equal, "customer_share", 0.0, "revenue_share", 0.0));
    rows.add(Rows.row("series", equal, "customer_share", 100.0, "revenue_share", 100.0));
    int topPercent = fmt.thresholds().topCustomersPercent();
    Map<String, Object> top = gold.pareto().stream()
        .filter(r -> Rows.count(r, "customer_percent") == topPercent).findFirst()
        .orElseThrow(() -> new IllegalStateException("gold.report_pareto has no row for " + topPercent + "%"));
    String note = fmt.message("pareto.note", fmt.count(top.get("customers_with_revenue")), fmt.count(top.get("customers")),
        fmt.percent(top.get("revenue_share")), topPercent);
    return Section.of(fmt.text("section.pareto"), Templates.PARETO_CHART, rows, note);
  }

  static Section segments(MonthlyGold gold, Fmt fmt) {
    List<String> schemes = List.of("value_position", "abc_grade", "lifecycle");
    Map<String, List<String>> order = Map.of(
        "value_position", List.of("key", "general", "scattered"),
        "abc_grade", List.of("A", "B", "C"),
        "lifecycle", List.of("active", "won_back", "at_risk", "churned", "none"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String scheme : schemes) {
      gold.segmentMix().stream().filter(r -> scheme.equals(r.get("scheme")))
          .sorted(Comparator.comparing(r -> {
            int i = order.get(scheme).indexOf(String.valueOf(r.get("segment")));
            return i < 0 ? 99 : i;
          }))
          .forEach(rows::add);
    }
    if (rows.isEmpty()) {
      return Section.text(fmt.text("section.segments"), List.of(fmt.text("no_data")), null);
    }
    return Section.of(fmt.text("section.segments"), Templates.SEGMENT_TABLE, rows, fmt.text("segments.note"));
  }

  static Section answerRate(MonthlyGold gold, ReportContext ctx, Fmt fmt) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> m : Rows.lastMonths(gold.loyaltyMetrics(), ctx.month(), CHART_MONTHS)) {
      Double share = Rows.number(m, "answered_in_time_share");
      if (share != null) {
        rows.add(Charts.bar(fmt.text("series.answered_in_time"), fmt.monthShort(m.get("month_start")), 100 * share));
      }
    }
    Optional<Map<String, Object>> now = Rows.month(gold.loyaltyMetrics(), ctx.month());
    String note = now.filter(m -> Rows.count(m, "complaints") > 0)
        .map(m -> fmt.message("answer_rate.note", fmt.count(m.get("complaints_answered_in_time")),
            fmt.count(m.get("complaints")), fmt.percent(m.get("answered_in_time_share")),
            fmt.thresholds().responseHours()))
        .orElse(fmt.text("answer_rate.none"));
    if (rows.isEmpty()) {
      return Section.text(fmt.text("section.answer_rate"), List.of(note), null);
    }
    return Charts.barSection(fmt.text("section.answer_rate"), rows, false, fmt.text("axis.percent"), note, fmt);
  }

  static Section atRisk(MonthlyGold gold, Fmt fmt) {
    List<Map<String, Object>> key = gold.atRiskCustomers().stream()
        .filter(r -> "key".equals(r.get("value_position"))).limit(TOP_AT_RISK)
        .map(r -> Rows.with(r, "reason", reason(r, fmt))).toList();
    long keyTotal = gold.atRiskCustomers().stream().filter(r -> "key".equals(r.get("value_position"))).count();
    double stake = gold.atRiskCustomers().stream().mapToDouble(r -> nz(Rows.number(r, "value_at_stake"))).sum();
    String note = fmt.message("atrisk.note", fmt.count(keyTotal), fmt.count(gold.atRiskCustomers().size()), fmt.money(stake));
    if (key.isEmpty()) {
      return Section.text(fmt.text("section.at_risk"), List.of(fmt.text("atrisk.none")), note);
    }
    return Section.of(fmt.text("section.at_risk"), Templates.AT_RISK_TABLE, key, note);
  }

  /** Why a customer is on the win-back list, in the report's language (from the structured columns). */
  static String reason(Map<String, Object> r, Fmt fmt) {
    String stage = fmt.message("atrisk.reason." + r.get("lifecycle_stage"), fmt.count(r.get("days_since_last_purchase")));
    long open = Rows.count(r, "open_complaint_count");
    return open > 0 ? stage + fmt.message("atrisk.reason.open_complaints", open) : stage;
  }

  static List<String> definitions(Fmt fmt, String prefix) {
    List<String> keys = new ArrayList<>();
    for (String key : fmt.bundle().keySet()) {
      if (key.startsWith(prefix)) {
        keys.add(key);
      }
    }
    keys.sort(Comparator.naturalOrder());
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, fmt.text(k)));
    return new ArrayList<>(out.values());
  }

  static double nz(Double v) {
    return v == null ? 0 : v;
  }
}
