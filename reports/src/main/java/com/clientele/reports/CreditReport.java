package com.clientele.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credit sections (客户信用管理): the receivables ageing by month and the credit-grade mix in the
 * executive summary, the credit follow-up list in the churn &amp; referral report. Definitions:
 * docs/metrics.md, "Credit" (gold.credit_ageing, gold.customer_credit, gold.credit_follow_up).
 */
public final class CreditReport {

  static final int AGEING_MONTHS = 12;
  static final int FOLLOW_UP_ROWS = 40;
  /** The grades in print order. */
  static final List<String> GRADES = List.of("A", "B", "C", "D", "unknown");
  /** The ageing buckets of gold.credit_ageing in print order, with their series label keys. */
  static final String[][] BUCKETS = {{"not_yet_due", "credit.bucket.not_yet_due"},
      {"past_due_1_30", "credit.bucket.past_due_1_30"}, {"past_due_31_60", "credit.bucket.past_due_31_60"},
      {"past_due_61_90", "credit.bucket.past_due_61_90"}, {"past_due_over_90", "credit.bucket.past_due_over_90"}};

  private CreditReport() {}

  /** The executive summary's credit sections: ageing by month, then the grade mix. */
  static List<Section> summarySections(MonthlyGold gold, ReportContext ctx) {
    Fmt fmt = ctx.fmt();
    List<Section> sections = new ArrayList<>();
    sections.add(ageing(gold, ctx, fmt));
    sections.add(grades(gold, fmt));
    return sections;
  }

  /** Stacked bars of the open receivable by ageing bucket at each month's end, the last AGEING_MONTHS months. */
  static Section ageing(MonthlyGold gold, ReportContext ctx, Fmt fmt) {
    List<Map<String, Object>> months = Rows.lastMonths(gold.credit().ageing(), ctx.month(), AGEING_MONTHS);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> m : months) {
      String category = fmt.monthShort(m.get("month_start"));
      for (String[] bucket : BUCKETS) {
        rows.add(Charts.bar(fmt.text(bucket[1]), category, ExecutiveSummary.nz(Rows.number(m, bucket[0]))));
      }
    }
    Optional<Map<String, Object>> now = Rows.month(gold.credit().ageing(), ctx.month());
    String note = now.map(m -> fmt.message("credit.ageing.note", fmt.date(m.get("measured_on")),
        fmt.money(m.get("open_receivable")), fmt.money(m.get("overdue_amount")), fmt.percent(m.get("overdue_share")),
        fmt.count(m.get("customers_with_receivable")), fmt.count(m.get("customers_overdue")),
        fmt.money(m.get("past_due_over_90")), fmt.money(m.get("collected"))))
        .orElse(fmt.text("credit.none"));
    return Charts.barSection(fmt.text("section.credit_ageing"), rows, true, fmt.text("axis.receivables"), note, fmt)
        .onNewPage();
  }

  /** Customers per credit grade (bars) with the open and overdue receivables of each grade (note). */
  static Section grades(MonthlyGold gold, Fmt fmt) {
    Map<String, Map<String, Object>> byGrade = new LinkedHashMap<>();
    gold.credit().grades().forEach(r -> byGrade.put(String.valueOf(r.get("credit_grade")), r));
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (String grade : GRADES) {
      Map<String, Object> r = byGrade.get(grade);
      if (r == null) {
        continue;
      }
      String label = fmt.label("credit.grade", grade);
      rows.add(Charts.bar(fmt.text("series.customers"), label, Rows.count(r, "customers")));
      boolean overdue = ExecutiveSummary.nz(Rows.number(r, "overdue_amount")) != 0;
      parts.add(overdue
          ? fmt.message("credit.grades.entry", label, fmt.count(r.get("customers")), fmt.money(r.get("open_receivable")),
              fmt.money(r.get("overdue_amount")))
          : fmt.message("credit.grades.entry_none_overdue", label, fmt.count(r.get("customers")),
              fmt.money(r.get("open_receivable"))));
    }
    String note = parts.isEmpty() ? fmt.text("credit.none")
        : fmt.message("credit.grades.note", String.join(fmt.text("list.separator"), parts));
    return Charts.barSection(fmt.text("section.credit_grades"), rows, false, fmt.text("axis.customers"), note, fmt);
  }

  /** The credit follow-up list (masked names), in priority order. */
  static Section followUp(MonthlyGold gold, Fmt fmt) {
    List<Map<String, Object>> all = gold.credit().followUp();
    if (all.isEmpty()) {
      return Section.text(fmt.text("section.credit_follow_up"), List.of(fmt.text("credit.follow_up.none")), null);
    }
    List<Map<String, Object>> rows = all.stream().limit(FOLLOW_UP_ROWS)
        .map(r -> Rows.with(r, "reason", reason(r, fmt))).toList();
    double overdue = all.stream().mapToDouble(r -> ExecutiveSummary.nz(Rows.number(r, "overdue_amount"))).sum();
    long fell = all.stream().filter(r -> Boolean.TRUE.equals(r.get("grade_fell"))).count();
    String note = fmt.message("credit.follow_up.note", fmt.count(all.size()), fmt.money(overdue), fmt.count(fell),
        fmt.count(rows.size()));
    return Section.of(fmt.text("section.credit_follow_up"), Templates.CREDIT_FOLLOW_UP_TABLE, rows, note);
  }

  /** Why a customer is on the follow-up list, in the report's language. */
  static String reason(Map<String, Object> r, Fmt fmt) {
    List<String> parts = new ArrayList<>();
    // Listed for being past due when the oldest open line reached the follow-up threshold (the gold
    // rule), whatever the words of gold's own follow_up_reason.
    Object days = r.get("max_days_past_due");
    if (days instanceof Number n && n.intValue() >= fmt.thresholds().creditFollowUpPastDueDays()) {
      parts.add(fmt.message("credit.reason.past_due", fmt.count(days), fmt.money(r.get("overdue_amount"))));
    }
    if (Boolean.TRUE.equals(r.get("grade_fell"))) {
      parts.add(fmt.message("credit.reason.grade_fell", fmt.label("credit.grade", r.get("previous_grade")),
          fmt.label("credit.grade", r.get("credit_grade"))));
    }
    return String.join(fmt.text("list.separator"), parts);
  }
}
