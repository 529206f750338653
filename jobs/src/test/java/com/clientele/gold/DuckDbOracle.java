package com.clientele.gold;

import com.clientele.oracle.DuckDbGold;
import com.clientele.catalog.Table;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The independent oracle of the differential test: the SQL files under
 * src/main/resources/duckdb/gold (written from docs/metrics.md, not from the Spark code; see
 * {@link DuckDbGold}) run in an
 * in-process DuckDB over silver exported to Parquet, and a row-by-row comparison with Spark's rows.
 */
final class DuckDbOracle implements AutoCloseable {

  private final Connection connection;
  private final Path silver;

  DuckDbOracle(Path silver) throws SQLException {
    this.connection = DriverManager.getConnection("jdbc:duckdb:");
    this.silver = silver;
  }

  /** Runs every file for the as-of date; returns each gold table's rows (file name → rows). */
  Map<String, List<Map<String, Object>>> run(LocalDate asOf) throws SQLException {
    DuckDbGold.run(connection, DuckDbGold.Sources.parquet(silver), asOf);
    Map<String, List<Map<String, Object>>> results = new TreeMap<>();
    try (Statement st = connection.createStatement()) {
      for (String table : DuckDbGold.TABLES) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM gold_" + table)) {
          results.put(table, rows(rs));
        }
      }
    }
    return results;
  }

  /** The rows of a query over the silver Parquet folders ({@code {silver}} stands for their root). */
  List<Map<String, Object>> query(String sql) throws SQLException {
    String root = silver.toAbsolutePath().toString().replace("'", "''");
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery(sql.replace("{silver}", root))) {
      return rows(rs);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      Map<String, Object> row = new TreeMap<>();
      for (int i = 1; i <= n; i++) {
        row.put(rs.getMetaData().getColumnLabel(i), normalise(rs.getObject(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Spark rows as the same maps. */
  static List<Map<String, Object>> rows(List<Row> sparkRows) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row r : sparkRows) {
      Map<String, Object> row = new TreeMap<>();
      for (String column : r.schema().fieldNames()) {
        Object value = r.get(r.fieldIndex(column));
        if (value instanceof scala.collection.Map<?, ?>) {
          value = r.getJavaMap(r.fieldIndex(column));
        }
        row.put(column, normalise(value));
      }
      rows.add(row);
    }
    return rows;
  }

  /** One representation per type: dates as LocalDate, integers as Long, maps as sorted maps. */
  static Object normalise(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.math.BigInteger b) {
      return b.longValueExact();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), normalise(x)));
      return sorted;
    }
    return v;
  }

  /**
   * Compares two tables row by row after sorting by {@code keys}: decimals exactly, doubles within
   * 1e-9 relative (1e-12 absolute near zero), everything else by equality. Returns the differences
   * (at most {@code limit}).
   */
  static List<String> differences(Table table, List<Map<String, Object>> expected, List<Map<String, Object>> actual,
      List<String> keys, int limit) {
    List<String> out = new ArrayList<>();
    if (!expected.isEmpty() && !expected.get(0).keySet().equals(new java.util.TreeSet<>(table.columnNames()))) {
      out.add(table.name() + ": DuckDB columns " + expected.get(0).keySet() + " differ from the catalog's");
      return out;
    }
    Comparator<Map<String, Object>> byKey = Comparator.comparing(r -> keyOf(r, keys));
    List<Map<String, Object>> e = expected.stream().sorted(byKey).toList();
    List<Map<String, Object>> a = actual.stream().sorted(byKey).toList();
    if (e.size() != a.size()) {
      out.add(table.name() + ": DuckDB has " + e.size() + " rows, Spark " + a.size());
    }
    for (int i = 0; i < Math.min(e.size(), a.size()) && out.size() < limit; i++) {
      String key = keyOf(e.get(i), keys);
      if (!key.equals(keyOf(a.get(i), keys))) {
        out.add(table.name() + ": row " + i + " key DuckDB " + key + " vs Spark " + keyOf(a.get(i), keys));
        continue;
      }
      for (String column : table.columnNames()) {
        Object x = e.get(i).get(column);
        Object y = a.get(i).get(column);
        if (!same(x, y)) {
          out.add(table.name() + " [" + key + "] " + column + ": DuckDB " + x + " vs Spark " + y);
          if (out.size() >= limit) {
            break;
          }
        }
      }
    }
    return out;
  }

  private static String keyOf(Map<String, Object> row, List<String> keys) {
    StringBuilder key = new StringBuilder();
    for (String k : keys) {
      key.append(row.get(k) == null ? "~" : row.get(k).toString()).append('|');
    }
    return key.toString();
  }

  @SuppressWarnings("unchecked")
  static boolean same(Object x, Object y) {
    if (x == null || y == null) {
      return x == y;
    }
    if (x instanceof BigDecimal || y instanceof BigDecimal) {
      if (!(x instanceof BigDecimal bx) || !(y instanceof BigDecimal by)) {
        return false;
      }
      return bx.compareTo(by) == 0;
    }
    if (x instanceof Double dx && y instanceof Double dy) {
      if (dx.isNaN() || dy.isNaN()) {
        return dx.isNaN() && dy.isNaN();
      }
      double diff = Math.abs(dx - dy);
      return diff <= 1e-12 || diff <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy));
    }
    if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
      if (!mx.keySet().equals(my.keySet())) {
        return false;
      }
      return mx.keySet().stream().allMatch(k -> same(mx.get(k), my.get(k)));
    }
    return x.equals(y);
  }
}
