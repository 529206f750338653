package com.clientele.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The churn &amp; referral report: cohorts, the leaky bucket in detail, churn reasons, the win-back list, the
 * credit follow-up list, the care plan, referral.
 */
public final class ChurnReferralReport {

  static final int TABLE_MONTHS = 12;
  static final int WIN_BACK_ROWS = 40;

  private ChurnReferralReport() {}

  public static List<Section> sections(MonthlyGold gold, ReportContext ctx) {
    Fmt fmt = ctx.fmt();
    List<Section> sections = new ArrayList<>();
    sections.add(Charts.leakyBucket(gold, ctx, fmt, TABLE_MONTHS));
    List<Map<String, Object>> bucket = Rows.lastMonths(gold.leakyBucket(), ctx.month(), TABLE_MONTHS);
    sections.add(bucket.isEmpty()
        ? Section.text(fmt.text("section.bucket_detail"), List.of(fmt.text("no_data")), null)
        : Section.of(fmt.text("section.bucket_detail"), Templates.LEAKY_BUCKET_TABLE, bucket, fmt.text("bucket.detail.note")));
    sections.add(Charts.cohortHeatmap(gold, ctx, fmt, "retention_rate", "section.cohorts", 12).onNewPage());
    sections.add(Charts.cohortHeatmap(gold, ctx, fmt, "revenue_retention_rate", "section.cohorts_revenue", 12));
    sections.add(churnReasons(bucket, fmt).onNewPage());
    sections.add(winBack(gold, fmt));
    sections.add(CreditReport.followUp(gold, fmt).onNewPage());
    sections.add(CareReport.plan(gold, ctx).onNewPage());
    sections.add(referralMonthly(gold, ctx, fmt).onNewPage());
    sections.add(Charts.referralLift(gold, fmt));
    sections.add(topReferrers(gold, ctx, fmt));
    sections.add(Section.text(fmt.text("section.definitions"), ExecutiveSummary.definitions(fmt, "def.churn."), null)
        .onNewPage());
    return sections;
  }

  static Section churnReasons(List<Map<String, Object>> bucket, Fmt fmt) {
    List<Map<String, Object>> rows = bucket.stream().map(m -> {
      long lost = Rows.count(m, "customers_lost");
      String categories = (String) m.get("top_churn_complaint_categories");
      return Rows.row("month_start", m.get("month_start"), "customers_lost", m.get("customers_lost"),
          "lost_with_complaints", m.get("lost_with_complaints"),
          "complaint_share", lost == 0 ? null : Rows.count(m, "lost_with_complaints") / (double) lost,
          "categories", categories == null || categories.isBlank() ? fmt.text("reasons.none") : WhatChanged.categories(categories, fmt));
    }).toList();
    if (rows.isEmpty()) {
      return Section.text(fmt.text("section.churn_reasons"), List.of(fmt.text("no_data")), null);
    }
    return Section.of(fmt.text("section.churn_reasons"), Templates.CHURN_REASONS_TABLE, rows, fmt.text("reasons.note"));
  }

  static Section winBack(MonthlyGold gold, Fmt fmt) {
    List<Map<String, Object>> rows = gold.atRiskCustomers().stream().limit(WIN_BACK_ROWS)
        .map(r -> Rows.with(r, "reason", ExecutiveSummary.reason(r, fmt))).toList();
    double stake = gold.atRiskCustomers().stream().mapToDouble(r -> ExecutiveSummary.nz(Rows.number(r, "value_at_stake"))).sum();
    String note = fmt.message("winback.note", fmt.count(gold.atRiskCustomers().size()), fmt.money(stake),
        fmt.count(Math.min(WIN_BACK_ROWS, gold.atRiskCustomers().size())));
    if (rows.isEmpty()) {
      return Section.text(fmt.text("section.win_back"), List.of(fmt.text("atrisk.none")), null);
    }
    return Section.of(fmt.text("section.win_back"), Templates.AT_RISK_TABLE, rows, note);
  }

  static Section referralMonthly(MonthlyGold gold, ReportContext ctx, Fmt fmt) {
    List<Map<String, Object>> rows = Rows.lastMonths(ExecutiveSummary.monthRows(gold.referralMetrics()), ctx.month(),
        TABLE_MONTHS);
    if (rows.isEmpty()) {
      return Section.text(fmt.text("section.referral_monthly"), List.of(fmt.text("no_data")), null);
    }
    return Section.of(fmt.text("section.referral_monthly"), Templates.REFERRAL_MONTHLY_TABLE, rows,
        fmt.text("refm.note"));
  }

  /** The month's and all-time top referrers ("key:converted/made" in gold), named by their masked names. */
  static Section topReferrers(MonthlyGold gold, ReportContext ctx, Fmt fmt) {
    List<String> sentences = new ArrayList<>();
    Optional<Map<String, Object>> month = Rows.month(ExecutiveSummary.monthRows(gold.referralMetrics()), ctx.month());
    month.map(m -> (String) m.get("top_referrers")).filter(s -> !s.isBlank())
        .ifPresent(s -> sentences.add(fmt.message("referrers.month", referrers(s, gold, fmt))));
    ExecutiveSummary.overall(gold.referralMetrics()).map(m -> (String) m.get("top_referrers")).filter(s -> !s.isBlank())
        .ifPresent(s -> sentences.add(fmt.message("referrers.overall", referrers(s, gold, fmt))));
    if (sentences.isEmpty()) {
      sentences.add(fmt.text("referrers.none"));
    }
    return Section.text(fmt.text("section.top_referrers"), sentences, null);
  }

  static String referrers(String encoded, MonthlyGold gold, Fmt fmt) {
    List<String> out = new ArrayList<>();
    for (String part : encoded.split(",\\s*")) {
      String[] keyAndCounts = part.split(":");
      if (keyAndCounts.length != 2) {
        continue;
      }
      String[] counts = keyAndCounts[1].split("/");
      String name = gold.maskedNames().getOrDefault(keyAndCounts[0], fmt.text("referrers.unknown"));
      out.add(fmt.message("referrers.entry", name, counts[0], counts.length > 1 ? counts[1] : "?"));
    }
    return String.join(fmt.text("list.separator"), out);
  }
}
