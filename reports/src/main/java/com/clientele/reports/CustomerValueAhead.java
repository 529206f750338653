package com.clientele.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The executive summary's "customer value ahead" (客户未来价值): the expected lifetime value (CLV, over the
 * horizon of gold.clv_model) of the customers with a prediction, in all and by value position and VIP tier,
 * and the watch list of high-value customers likely lapsing. When the month's models were not fitted (or
 * not run), one line says so instead of printing zeros.
 */
public final class CustomerValueAhead {

  /**
   * The watch list ("high value, likely lapsing"): customers in CLV deciles 1 to {@value #WATCH_TOP_DECILES}
   * (the top fifth by CLV) whose P(alive) is below {@value #WATCH_P_ALIVE_BELOW}, the
   * {@value #WATCH_ROWS} largest by value at risk (CLV × (1 − P(alive))), ties by customer_key.
   * The report reader selects them; the texts print these numbers.
   */
  public static final int WATCH_TOP_DECILES = 2;
  public static final double WATCH_P_ALIVE_BELOW = 0.5;
  public static final int WATCH_ROWS = 10;

  static final Map<String, List<String>> ORDER = Map.of(
      "value_position", List.of("key", "general", "scattered"),
      "vip_tier", List.of("platinum", "gold", "silver", "none"));

  private CustomerValueAhead() {}

  /** The value-ahead table and the watch list; one line when there is no prediction this month. */
  static List<Section> sections(MonthlyGold gold, Fmt fmt) {
    String title = fmt.text("section.value_ahead");
    List<Map<String, Object>> totals = gold.lifetimeValueTotals().stream()
        .filter(r -> Rows.number(r, "clv") != null && Rows.count(r, "customers") > 0).toList();
    if (totals.isEmpty()) {
      return List.of(Section.text(title, List.of(notAvailable(gold, fmt)), null));
    }
    long customers = totals.stream().mapToLong(r -> Rows.count(r, "customers")).sum();
    double clv = totals.stream().mapToDouble(r -> Rows.number(r, "clv")).sum();
    double atRisk = totals.stream().mapToDouble(r -> ExecutiveSummary.nz(Rows.number(r, "value_at_risk"))).sum();
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(Rows.row("breakdown", fmt.text("value.all_customers"), "segment", null, "customers", customers,
        "clv", clv, "clv_share", clv == 0 ? null : 1.0, "value_at_risk", atRisk));
    for (String scheme : List.of("value_position", "vip_tier")) {
      List<String> order = ORDER.get(scheme);
      totals.stream().map(r -> String.valueOf(r.get(scheme))).distinct()
          .sorted(Comparator.comparing((String s) -> order.indexOf(s) < 0 ? 99 : order.indexOf(s))
              .thenComparing(Comparator.naturalOrder()))
          .forEach(segment -> {
            List<Map<String, Object>> of = totals.stream()
                .filter(r -> Objects.equals(segment, String.valueOf(r.get(scheme)))).toList();
            double segmentClv = of.stream().mapToDouble(r -> Rows.number(r, "clv")).sum();
            rows.add(Rows.row("breakdown", fmt.text("scheme." + scheme), "segment", fmt.label("segment." + scheme, segment),
                "customers", of.stream().mapToLong(r -> Rows.count(r, "customers")).sum(), "clv", segmentClv,
                "clv_share", clv == 0 ? null : segmentClv / clv,
                "value_at_risk", of.stream().mapToDouble(r -> ExecutiveSummary.nz(Rows.number(r, "value_at_risk"))).sum()));
          });
    }
    Object horizon = horizonMonths(gold);
    String note = fmt.message("value.note", fmt.count(customers), fmt.money(clv), horizon,
        fmt.percent(discountRate(gold)), fmt.money(atRisk));
    List<Section> sections = new ArrayList<>();
    sections.add(Section.of(title, Templates.VALUE_AHEAD_TABLE, rows, note)
        .withParameters(Map.of("HORIZON_MONTHS", horizon)));
    sections.add(watchList(gold, fmt, horizon));
    return sections;
  }

  static Section watchList(MonthlyGold gold, Fmt fmt, Object horizon) {
    String title = fmt.text("section.value_watch");
    if (gold.valueWatchList().isEmpty()) {
      return Section.text(title, List.of(fmt.message("value.watch.none", WATCH_TOP_DECILES,
          fmt.percent0(WATCH_P_ALIVE_BELOW))), null);
    }
    return Section.of(title, Templates.VALUE_WATCH_TABLE, gold.valueWatchList(), definition(fmt))
        .withParameters(Map.of("HORIZON_MONTHS", horizon));
  }

  /** The watch list's definition in words, with the numbers it is selected by. */
  static String definition(Fmt fmt) {
    return fmt.message("value.watch.definition", WATCH_TOP_DECILES, fmt.percent0(WATCH_TOP_DECILES / 10.0),
        fmt.percent0(WATCH_P_ALIVE_BELOW), WATCH_ROWS);
  }

  /** Why there is no value ahead this month, in one line: models not run for the snapshot, or not fitted. */
  static String notAvailable(MonthlyGold gold, Fmt fmt) {
    if (gold.clvModels().isEmpty()) {
      return fmt.message("value.not_run", gold.asOfDate().toString());
    }
    List<String> models = gold.clvModels().stream()
        .map(m -> fmt.message("value.model_status", fmt.label("clv.model", m.get("model")),
            fmt.label("clv.status", m.get("status")), fmt.count(m.get("customers"))))
        .toList();
    return fmt.message("value.not_fitted", String.join(fmt.text("list.separator"), models));
  }

  /** The months the CLV adds up (gold.clv_model.horizon_months), as printed: "12", or a dash when unknown. */
  static Object horizonMonths(MonthlyGold gold) {
    return gold.clvModels().stream().map(m -> Rows.number(m, "horizon_months")).filter(Objects::nonNull)
        .map(h -> (Object) h.intValue()).findFirst().orElse("—");
  }

  static Double discountRate(MonthlyGold gold) {
    return gold.clvModels().stream().map(m -> Rows.number(m, "monthly_discount_rate")).filter(Objects::nonNull)
        .findFirst().orElse(null);
  }
}
