package com.clientele.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Small helpers over gold rows held as maps. */
final class Rows {

  private Rows() {}

  static Double number(Map<String, ?> row, String column) {
    if (row == null) {
      return null;
    }
    Object v = row.get(column);
    return v == null ? null : Fmt.number(v);
  }

  static long count(Map<String, ?> row, String column) {
    Double v = number(row, column);
    return v == null ? 0 : v.longValue();
  }

  static LocalDate date(Map<String, ?> row, String column) {
    return Fmt.localDate(row.get(column));
  }

  /** The row whose month_start is the given month. */
  static Optional<Map<String, Object>> month(List<Map<String, Object>> rows, YearMonth month) {
    return rows.stream().filter(r -> month.atDay(1).equals(Fmt.localDate(r.get("month_start")))).findFirst();
  }

  /** The rows of the last n months up to and including the given month, oldest first. */
  static List<Map<String, Object>> lastMonths(List<Map<String, Object>> rows, YearMonth upTo, int n) {
    LocalDate from = upTo.minusMonths(n - 1L).atDay(1);
    LocalDate to = upTo.atDay(1);
    return rows.stream()
        .filter(r -> r.get("month_start") != null)
        .filter(r -> !Fmt.localDate(r.get("month_start")).isBefore(from) && !Fmt.localDate(r.get("month_start")).isAfter(to))
        .sorted(Comparator.comparing(r -> Fmt.localDate(r.get("month_start"))))
        .toList();
  }

  /** A mutable copy with extra columns. */
  static Map<String, Object> with(Map<String, ?> row, Object... keyValues) {
    Map<String, Object> copy = new LinkedHashMap<>(row);
    for (int i = 0; i < keyValues.length; i += 2) {
      copy.put((String) keyValues[i], keyValues[i + 1]);
    }
    return copy;
  }

  /** A row from alternating keys and values (nulls allowed, unlike Map.of). */
  static Map<String, Object> row(Object... keyValues) {
    return with(Map.of(), keyValues);
  }

  static boolean same(Object a, Object b) {
    return Objects.equals(a, b);
  }
}
