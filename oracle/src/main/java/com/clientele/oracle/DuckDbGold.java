package com.clientele.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gold tables recomputed by plain DuckDB SQL: the files under src/main/resources/duckdb/gold,
 * written from docs/metrics.md (not from the Spark code). Two users: the differential test (its
 * independent oracle, over silver exported to Parquet) and the benchmark (DuckDB's side of the
 * comparison, over silver-shaped tables that duckdb/load.sql builds from the landing CSVs).
 *
 * <p>Each file's final query is stored as the temp table {@code gold_<file>} (as_of.sql only builds
 * the shared temp tables the others read).
 */
public final class DuckDbGold {

  /** The files, in the order they run (later files use temp tables of earlier ones). */
  public static final List<String> FILES = List.of("as_of", "customer_profile", "customer_segments", "segment_thresholds",
      "loyalty_metrics", "referral_metrics", "churn_cohorts", "leaky_bucket", "at_risk_customers", "care_actions", "customer_credit",
      "credit_follow_up", "credit_ageing", "report_segment_mix", "report_pareto", "report_kpis");

  /** The gold tables, by the file that computes them. */
  public static final List<String> TABLES = FILES.subList(1, FILES.size());

  /** Where as_of.sql reads each silver table from: a FROM-clause source. */
  public record Sources(String customers, String transactions, String paymentUpdates, String interactions,
      String referrals) {

    /** Silver exported to Parquet: one folder per table under {@code silver}. */
    public static Sources parquet(Path silver) {
      String root = silver.toAbsolutePath().toString().replace("'", "''");
      return new Sources(glob(root, "customers"), glob(root, "transactions"), glob(root, "payment_updates"),
          glob(root, "interactions"), glob(root, "referrals"));
    }

    /** Tables of the connection named {@code <prefix><table>}. */
    public static Sources tables(String prefix) {
      return new Sources(prefix + "customers", prefix + "transactions", prefix + "payment_updates",
          prefix + "interactions", prefix + "referrals");
    }

    private static String glob(String root, String table) {
      return "read_parquet('" + root + "/" + table + "/*.parquet')";
    }

    Map<String, String> parameters() {
      return Map.of("silver.customers", customers, "silver.transactions", transactions,
          "silver.payment_updates", paymentUpdates, "silver.interactions", interactions, "silver.referrals", referrals);
    }
  }

  private DuckDbGold() {}

  /**
   * Runs every file for the as-of date, leaving {@code gold_<table>} temp tables in the connection.
   *
   * @return seconds per file, in run order
   */
  public static Map<String, Double> run(Connection connection, Sources sources, LocalDate asOf) throws SQLException {
    Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    // The follow-up list compares with the credit grades as of 30 days before (the default
    // credit.follow-up.compare-days): those files run for that date first.
    long t0 = System.nanoTime();
    run(connection, sources, asOf.minusDays(PREVIOUS_CREDIT_DAYS), PREVIOUS_CREDIT_FILES, new java.util.HashMap<>());
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE previous_credit AS SELECT * FROM gold_customer_credit");
    }
    seconds.put("previous_credit", (System.nanoTime() - t0) / 1e9);
    run(connection, sources, asOf, FILES, seconds);
    return seconds;
  }

  /** credit.follow-up.compare-days of the defaults. */
  static final int PREVIOUS_CREDIT_DAYS = 30;

  /** The files gold_customer_credit needs. */
  static final List<String> PREVIOUS_CREDIT_FILES = List.of("as_of", "customer_profile", "customer_credit");

  private static void run(Connection connection, Sources sources, LocalDate asOf, List<String> files,
      Map<String, Double> seconds) throws SQLException {
    for (String file : files) {
      long t0 = System.nanoTime();
      Map<String, String> parameters = new java.util.HashMap<>(sources.parameters());
      parameters.put("as_of", asOf.toString());
      List<String> statements = statements(substitute(resource("duckdb/gold/" + file + ".sql"), parameters));
      try (Statement st = connection.createStatement()) {
        for (int i = 0; i < statements.size(); i++) {
          String statement = statements.get(i);
          boolean last = i == statements.size() - 1;
          if (last && isQuery(statement)) {
            st.execute("CREATE OR REPLACE TEMP TABLE gold_" + file + " AS " + statement);
          } else {
            st.execute(statement);
          }
        }
      } catch (SQLException e) {
        throw new SQLException(file + ".sql: " + e.getMessage(), e);
      }
      seconds.put(file, (System.nanoTime() - t0) / 1e9);
    }
  }

  /** Replaces every {@code ${name}}; a placeholder left without a value is an error. */
  public static String substitute(String sql, Map<String, String> parameters) {
    String out = sql;
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      out = out.replace("${" + p.getKey() + "}", p.getValue());
    }
    java.util.regex.Matcher left = java.util.regex.Pattern.compile("\\$\\{[^}]+}").matcher(out);
    if (left.find()) {
      throw new IllegalArgumentException("SQL parameter without a value: " + left.group());
    }
    return out;
  }

  /** A SQL file's statements (split at a ';' ending a line), comment-only parts dropped. */
  public static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    for (String part : sql.split(";\\s*\n")) {
      String withoutComments = part.replaceAll("(?m)^\\s*--.*$", "").strip();
      if (!withoutComments.isEmpty()) {
        out.add(part.strip().replaceAll(";$", ""));
      }
    }
    return out;
  }

  /** A classpath resource as text. */
  public static String resource(String name) {
    try (InputStream in = DuckDbGold.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isQuery(String statement) {
    return statement.stripLeading().matches("(?is)^(--[^\n]*\n\\s*)*(SELECT|WITH)\\b.*");
  }
}
