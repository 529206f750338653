package com.clientele.bench;

import com.clientele.oracle.DuckDbGold;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks that DuckDB's gold tables equal ours, so the timings compare like with like. Our rows for
 * the date are exported to Parquet (outside any timing) and joined in DuckDB with its gold_* tables
 * on each table's key: a row counts as different when it is missing on one side or any column
 * differs — doubles beyond 1e-9 relative (sums in another order), map values (segment inputs)
 * rounded to 6 decimals, everything else exactly.
 *
 * <p>A large table is compared in parts ({@link #ROWS_PER_PART} rows each at most): both sides are
 * split by a hash of the key's text, so each part's join holds a slice of the rows. DuckDB's one join
 * of a 40M-transaction run's per-customer tables spilled more temporary files than the disk held; the
 * parts spill little or nothing, at the cost of one more scan of each side per part.
 */
final class GoldComparison {

  static final Map<Table, List<String>> KEYS = TableCatalog.GOLD_ROW_KEYS;

  /** The most rows of the larger side one part's join holds (about; the hash splits evenly). */
  static final long ROWS_PER_PART = 4_000_000;

  /** One table's verdict. */
  record TableResult(String table, long oursRows, long duckdbRows, long differentRows, List<String> examples) {
    boolean identical() {
      return oursRows == duckdbRows && differentRows == 0;
    }
  }

  private GoldComparison() {}

  static List<TableResult> compare(Warehouse warehouse, Connection duckdb, LocalDate asOf, Path exportDir)
      throws Exception {
    BenchDataset.delete(exportDir);
    List<TableResult> results = new ArrayList<>();
    for (String name : DuckDbGold.TABLES) {
      Table table = TableCatalog.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
      Path out = exportDir.resolve(name);
      warehouse.read(table).where(col("as_of_date").equalTo(lit(java.sql.Date.valueOf(asOf))))
          .coalesce(1).write().parquet(out.toString());
      results.add(compareOne(duckdb, table, out, ROWS_PER_PART));
    }
    return results;
  }

  /** The number of parts a comparison of tables of these sizes is split into. */
  static int parts(long oursRows, long duckRows, long rowsPerPart) {
    return (int) Math.max(1, (Math.max(oursRows, duckRows) + rowsPerPart - 1) / rowsPerPart);
  }

  static TableResult compareOne(Connection duckdb, Table table, Path ours, long rowsPerPart) throws SQLException {
    String oursSource = "read_parquet('" + ours.toAbsolutePath().toString().replace("'", "''") + "/*.parquet')";
    String theirs = "gold_" + table.name();
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement st = duckdb.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + theirs)) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    List<String> keys = KEYS.get(table);
    String on = keys.stream().map(k -> "o." + k + " IS NOT DISTINCT FROM d." + k).collect(Collectors.joining(" AND "));
    String differs = table.columnNames().stream().map(c -> differs(c, types.getOrDefault(c, "")))
        .collect(Collectors.joining(" OR "));
    long oursRows = count(duckdb, "SELECT count(*) FROM " + oursSource);
    long duckRows = count(duckdb, "SELECT count(*) FROM " + theirs);
    int parts = parts(oursRows, duckRows, rowsPerPart);
    // The key as text on both sides (the same value in an INT and a BIGINT, or a DATE, hashes alike).
    String partOf = "hash(" + keys.stream().map(k -> "coalesce(CAST(" + k + " AS VARCHAR), 'NULL')")
        .collect(Collectors.joining(" || '|' || ")) + ") % " + parts;
    long different = 0;
    String join = null; // the first part with differences: where the examples come from
    for (int part = 0; part < parts; part++) {
      String inPart = parts == 1 ? "" : " WHERE " + partOf + " = " + part;
      String partJoin = "FROM (SELECT * FROM " + oursSource + inPart + ") o FULL OUTER JOIN (SELECT * FROM " + theirs
          + inPart + ") d ON " + on + " WHERE " + differs;
      long partDifferent = count(duckdb, "SELECT count(*) " + partJoin);
      if (partDifferent > 0 && join == null) {
        join = partJoin;
      }
      different += partDifferent;
    }
    List<String> examples = new ArrayList<>();
    if (different > 0) {
      String keyList = keys.stream().map(k -> "coalesce(CAST(o." + k + " AS VARCHAR), CAST(d." + k + " AS VARCHAR))")
          .collect(Collectors.joining(" || '|' || "));
      try (Statement st = duckdb.createStatement();
           ResultSet rs = st.executeQuery("SELECT " + keyList + ", " + table.columnNames().stream()
               .map(c -> "CASE WHEN " + differs(c, types.getOrDefault(c, "")) + " THEN '" + c + ": ours ' || "
                   + "coalesce(CAST(o." + c + " AS VARCHAR), 'NULL') || ' duckdb ' || coalesce(CAST(d." + c
                   + " AS VARCHAR), 'NULL') END").collect(Collectors.joining(", ")) + " " + join + " LIMIT 3")) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder line = new StringBuilder(table.name() + " [" + rs.getString(1) + "]");
          for (int i = 2; i <= n; i++) {
            if (rs.getString(i) != null) {
              line.append(' ').append(rs.getString(i)).append(';');
            }
          }
          examples.add(line.toString());
        }
      }
    }
    return new TableResult(table.name(), oursRows, duckRows, different, examples);
  }

  private static String differs(String c, String type) {
    String o = "o." + c;
    String d = "d." + c;
    if (type.equals("DOUBLE") || type.equals("FLOAT")) {
      return "NOT (" + o + " IS NOT DISTINCT FROM " + d + " OR abs(" + o + " - " + d + ") <= 1e-12 + 1e-9 * greatest(abs("
          + o + "), abs(" + d + ")))";
    }
    if (type.startsWith("MAP(")) {
      return rounded(o) + " IS DISTINCT FROM " + rounded(d);
    }
    return o + " IS DISTINCT FROM " + d;
  }

  private static String rounded(String map) {
    return "list_sort(list_transform(map_entries(" + map + "), lambda e: {'k': e.key, 'v': round(e.value, 6)}))";
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
