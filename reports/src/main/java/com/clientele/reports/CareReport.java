package com.clientele.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The care plan (客户关怀) in the churn &amp; referral report: the customer-care actions of gold.care_actions
 * counted per action type, with the suggested channel and the due dates. Definitions: docs/metrics.md, "Care".
 */
public final class CareReport {

  /** The action types in print order. */
  static final List<String> TYPES = List.of("win_back", "complaint_follow_up", "key_no_contact", "vip_upgrade",
      "birthday", "founding_day", "purchase_anniversary", "holiday");

  private CareReport() {}

  /** The plan's counts by action type, with a note on totals and overdue contact actions. */
  static Section plan(MonthlyGold gold, ReportContext ctx) {
    Fmt fmt = ctx.fmt();
    List<Map<String, Object>> byType = gold.care().byType();
    if (byType.isEmpty()) {
      return Section.text(fmt.text("section.care_plan"), List.of(fmt.text("care.plan.none")), null);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    long actions = 0;
    long high = 0;
    long overdue = 0;
    LocalDate last = null;
    for (String type : TYPES) {
      for (Map<String, Object> r : byType) {
        if (type.equals(r.get("action_type"))) {
          rows.add(row(r, fmt));
        }
      }
    }
    // Types a later release may add are printed too, after the known ones.
    byType.stream().filter(r -> !TYPES.contains(String.valueOf(r.get("action_type")))).forEach(r -> rows.add(row(r, fmt)));
    for (Map<String, Object> r : byType) {
      actions += Rows.count(r, "actions");
      high += Rows.count(r, "high_priority");
      overdue += Rows.count(r, "overdue");
      LocalDate due = (LocalDate) r.get("last_due");
      if (due != null && (last == null || due.isAfter(last))) {
        last = due;
      }
    }
    LocalDate asOf = gold.asOfDate();
    String note = fmt.message("care.plan.note", fmt.count(actions), fmt.count(gold.care().customers()), fmt.date(asOf),
        fmt.date(last == null || last.isBefore(asOf) ? asOf : last), fmt.count(high), fmt.count(overdue));
    return Section.of(fmt.text("section.care_plan"), Templates.CARE_PLAN_TABLE, rows, note);
  }

  private static Map<String, Object> row(Map<String, Object> r, Fmt fmt) {
    return Rows.row("type", fmt.label("care.type", r.get("action_type")),
        "channel", fmt.label("care.channel", r.get("channel")), "actions", r.get("actions"),
        "customers", r.get("customers"), "high_priority", r.get("high_priority"), "first_due", r.get("first_due"),
        "last_due", r.get("last_due"));
  }
}
