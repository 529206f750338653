package com.clientele.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "What changed": the month's largest movements against the previous month, in words. A KPI's movement
 * is scored relative to its base (counts and amounts) or in percentage points / 25 (shares), so a 5-point
 * swing in a share weighs like a 20% swing in revenue; the top four are told, then the leaky bucket,
 * the win-back list and the complaint categories that preceded churn.
 */
final class WhatChanged {

  static final int MOVEMENTS = 4;

  private WhatChanged() {}

  static List<String> sentences(MonthlyGold gold, List<Kpi> kpis, ReportContext ctx, boolean hasPrevious) {
    Fmt fmt = ctx.fmt();
    List<String> out = new ArrayList<>();
    if (!hasPrevious) {
      out.add(fmt.text("changed.first_month"));
    } else {
      kpis.stream()
          .filter(k -> k.currentValue() != null && k.previousValue() != null)
          .filter(k -> score(k) > 0.005)
          .sorted(Comparator.comparing(WhatChanged::score).reversed())
          .limit(MOVEMENTS)
          .forEach(k -> out.add(movement(k, fmt)));
      if (out.isEmpty()) {
        out.add(fmt.text("changed.steady"));
      }
    }
    Optional<Map<String, Object>> bucket = Rows.month(gold.leakyBucket(), ctx.month());
    bucket.ifPresent(b -> out.add(fmt.message("changed.bucket", fmt.signed(b.get("customers_net")),
        fmt.count(b.get("customers_gained")), fmt.count(b.get("customers_won_back")), fmt.count(b.get("customers_lost")))));
    bucket.map(b -> (String) b.get("top_churn_complaint_categories"))
        .filter(s -> !s.isBlank())
        .ifPresent(s -> out.add(fmt.message("changed.churn_complaints", categories(s, fmt))));
    if (!gold.atRiskCustomers().isEmpty()) {
      Map<String, Object> first = gold.atRiskCustomers().get(0);
      double stake = gold.atRiskCustomers().stream().mapToDouble(r -> ExecutiveSummary.nz(Rows.number(r, "value_at_stake"))).sum();
      out.add(fmt.message("changed.at_risk", fmt.count(gold.atRiskCustomers().size()), fmt.money(stake),
          first.get("display_name_masked"), fmt.money(first.get("value_at_stake"))));
    }
    return out;
  }

  static double score(Kpi k) {
    double c = k.currentValue();
    double b = k.previousValue();
    if (Fmt.SHARE.equals(k.kind())) {
      return Math.abs(c - b) * 100 / 25;
    }
    if (b == 0) {
      return c == 0 ? 0 : 1;
    }
    return Math.abs(c - b) / Math.abs(b);
  }

  static String movement(Kpi k, Fmt fmt) {
    boolean up = k.currentValue() >= k.previousValue();
    String name = fmt.label("kpi", k.kpi());
    String change = fmt.change(k.kind(), k.currentValue(), k.previousValue()).replaceFirst("^[+-]", "");
    return fmt.message(up ? "changed.up" : "changed.down", name, change,
        fmt.value(k.kind(), k.currentValue()), fmt.value(k.kind(), k.previousValue()));
  }

  /** "delivery:3, quality:1" → "Delivery (3), Quality (1)" / "交付 (3), 质量 (1)": each category through the bundles. */
  static String categories(String encoded, Fmt fmt) {
    List<String> parts = new ArrayList<>();
    for (String part : encoded.split(",\\s*")) {
      int colon = part.lastIndexOf(':');
      String category = colon < 0 ? part : part.substring(0, colon);
      String label = fmt.label("category", category);
      parts.add(colon < 0 ? label : label + " (" + part.substring(colon + 1) + ")");
    }
    return String.join(", ", parts);
  }
}
