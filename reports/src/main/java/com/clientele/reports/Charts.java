package com.clientele.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sections shared by the executive summary and the churn &amp; referral report. */
final class Charts {

  private Charts() {}

  static Map<String, Object> bar(String series, String category, double value) {
    return Rows.row("series", series, "category", category, "value", value);
  }

  static Section barSection(String title, List<Map<String, Object>> rows, boolean stacked, String axis, String note,
      Fmt fmt) {
    if (rows.isEmpty()) {
      return Section.text(title, List.of(fmt.text("no_data")), note);
    }
    return Section.of(title, Templates.BAR_CHART, rows, note)
        .withParameters(Map.of("STACKED", stacked, "VALUE_AXIS", axis));
  }

  /** The leaky bucket: customers gained, won back and lost per month. */
  static Section leakyBucket(MonthlyGold gold, ReportContext ctx, Fmt fmt, int months) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> m : Rows.lastMonths(gold.leakyBucket(), ctx.month(), months)) {
      String category = fmt.monthShort(m.get("month_start"));
      rows.add(bar(fmt.text("series.gained"), category, Rows.count(m, "customers_gained")));
      rows.add(bar(fmt.text("series.won_back"), category, Rows.count(m, "customers_won_back")));
      rows.add(bar(fmt.text("series.lost"), category, Rows.count(m, "customers_lost")));
    }
    Optional<Map<String, Object>> now = Rows.month(gold.leakyBucket(), ctx.month());
    String note = now.map(m -> fmt.message("bucket.note", fmt.count(m.get("customers_at_start")),
        fmt.count(m.get("customers_gained")), fmt.count(m.get("customers_won_back")),
        fmt.count(m.get("customers_lost")), fmt.count(m.get("customers_at_end")), fmt.signed(m.get("customers_net")),
        fmt.money(m.get("revenue_lost")))).orElse(fmt.text("no_data"));
    return barSection(fmt.text("section.leaky_bucket"), rows, false, fmt.text("axis.customers"), note, fmt)
        .withParameters(Map.of("STACKED", false, "VALUE_AXIS", fmt.text("axis.customers")));
  }

  /** The cohort heat map of the last n acquisition cohorts, months 0..12 since acquisition. */
  static Section cohortHeatmap(MonthlyGold gold, ReportContext ctx, Fmt fmt, String measure, String titleKey,
      int cohorts) {
    LocalDate from = ctx.month().minusMonths(cohorts - 1L).atDay(1);
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM");
    List<Map<String, Object>> rows = gold.churnCohorts().stream()
        .filter(r -> !Fmt.localDate(r.get("acquisition_month")).isBefore(from))
        .filter(r -> !Fmt.localDate(r.get("acquisition_month")).isAfter(ctx.month().atDay(1)))
        .filter(r -> Rows.count(r, "months_since_acquisition") <= 12)
        .sorted(Comparator.comparing((Map<String, Object> r) -> Fmt.localDate(r.get("acquisition_month")))
            .thenComparing(r -> Rows.count(r, "months_since_acquisition")))
        .map(r -> Rows.row(
            "cohort", iso.format(Fmt.localDate(r.get("acquisition_month")))
                + " (" + fmt.count(r.get("cohort_customers")) + ")",
            "months_since_acquisition", (int) Rows.count(r, "months_since_acquisition"),
            "rate", Rows.number(r, measure)))
        .toList();
    if (rows.isEmpty()) {
      return Section.text(fmt.text(titleKey), List.of(fmt.text("no_data")), null);
    }
    String note = fmt.text("heatmap.note." + measure);
    if (rows.stream().allMatch(r -> (int) r.get("months_since_acquisition") == 0)) {
      note = note + " " + fmt.text("heatmap.single_month");
    }
    return Section.of(fmt.text(titleKey), Templates.COHORT_HEATMAP, rows, note);
  }

  /** Referred vs non-referred customers (overall): first-year revenue and retention, with sample sizes. */
  static Section referralLift(MonthlyGold gold, Fmt fmt) {
    Optional<Map<String, Object>> overall = ExecutiveSummary.overall(gold.referralMetrics());
    if (overall.isEmpty()) {
      return Section.text(fmt.text("section.referral_lift"), List.of(fmt.text("no_data")), null);
    }
    Map<String, Object> o = overall.get();
    List<Map<String, Object>> rows = List.of(
        liftRow(o, "first_year_revenue", Fmt.MONEY, "first_year_customers", "first_year_revenue", "first_year_revenue_lift"),
        liftRow(o, "retention_6m", Fmt.SHARE, "retention_6m_customers", "retention_6m_rate", "retention_6m_lift"),
        liftRow(o, "retention_12m", Fmt.SHARE, "retention_12m_customers", "retention_12m_rate", "retention_12m_lift"));
    String note = fmt.message("lift.note", fmt.count(o.get("referred_new_customers")), fmt.count(o.get("new_customers")),
        fmt.percent(o.get("referred_new_share")), fmt.decimal(o.get("viral_k_factor"), 3));
    return Section.of(fmt.text("section.referral_lift"), Templates.REFERRAL_LIFT_TABLE, rows, note);
  }

  private static Map<String, Object> liftRow(Map<String, Object> o, String measure, String kind, String customers,
      String value, String lift) {
    return Rows.row("measure", measure, "kind", kind,
        "referred_customers", o.get("referred_" + customers), "referred_value", o.get("referred_" + value),
        "non_referred_customers", o.get("non_referred_" + customers), "non_referred_value", o.get("non_referred_" + value),
        "lift", o.get(lift), "lift_low", o.get(lift + "_low"), "lift_high", o.get(lift + "_high"));
  }

  static YearMonth monthOf(Object value) {
    return YearMonth.from(Fmt.localDate(value));
  }
}
