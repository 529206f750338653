package com.clientele.reports;

/**
 * One headline KPI of the month: its gold source column, its kind (see {@link Fmt}) and the values of
 * this month, the previous month and the same month last year (null where the snapshot has no such month).
 */
public record Kpi(String kpi, String kind, Double currentValue, Double previousValue, Double lastYearValue) {

  java.util.Map<String, Object> row() {
    return Rows.row("kpi", kpi, "kind", kind, "current_value", currentValue, "previous_value", previousValue,
        "last_year_value", lastYearValue);
  }
}
