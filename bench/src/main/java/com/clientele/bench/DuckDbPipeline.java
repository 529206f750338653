package com.clientele.bench;

import com.clientele.oracle.DuckDbGold;
import com.clientele.config.ClienteleConfig;
import com.clientele.privacy.PersonalDataProtector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB peer: what one would otherwise write on one machine. In this JVM, over the same
 * landing CSV files: load (duckdb/load.sql builds silver-shaped tables), then the same gold tables
 * (duckdb/gold/*.sql) for {@link BenchPlan#FULL_DATE}. The pseudonymous customer keys are computed
 * by the same Java code as ours (DuckDB has no keyed hash) and that time counts in DuckDB's load,
 * so both sides produce identical keys and the gold tables can be compared row by row.
 */
final class DuckDbPipeline implements AutoCloseable {

  static final String LOAD = "duckdb load";
  static final String GOLD = "duckdb gold";

  private final Connection connection;

  DuckDbPipeline(Path scratch, int threads, String memoryLimit) throws Exception {
    BenchDataset.delete(scratch);
    java.nio.file.Files.createDirectories(scratch);
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = connection.createStatement()) {
      st.execute("SET threads = " + threads);
      st.execute("SET memory_limit = '" + memoryLimit + "'");
      st.execute("SET temp_directory = '" + scratch.toAbsolutePath().toString().replace("'", "''") + "'");
      st.execute("SET preserve_insertion_order = false");
    }
  }

  private Map<String, Double> goldFileSeconds = Map.of();

  /** Seconds per gold SQL file of the last run. */
  Map<String, Double> goldFileSeconds() {
    return goldFileSeconds;
  }

  Connection connection() {
    return connection;
  }

  static String version() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** One run: load and gold stages. The gold results stay in the connection as gold_* tables. */
  List<StageMeter.Stage> run(BenchDataset data, ClienteleConfig config, PersonalDataProtector protector)
      throws Exception {
    List<StageMeter.Stage> stages = new ArrayList<>();
    var load = StageMeter.measure(LOAD, 0, () -> {
      load(data.landing(), config, protector);
      return rowsLoaded();
    });
    stages.add(StageMeter.withRows(load.stage(), load.value()));
    var gold = StageMeter.measure(GOLD, 0, () ->
        DuckDbGold.run(connection, DuckDbGold.Sources.tables("src_"), BenchPlan.FULL_DATE));
    goldFileSeconds = gold.value();
    stages.add(StageMeter.withRows(gold.stage(), count("SELECT count(*) FROM src_transactions")));
    return stages;
  }

  private void load(Path landing, ClienteleConfig config, PersonalDataProtector protector) throws SQLException {
    String root = landing.toAbsolutePath().toString().replace("'", "''");
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE OR REPLACE TABLE labels (kind VARCHAR, label VARCHAR, value VARCHAR)");
      st.execute("CREATE OR REPLACE TABLE customer_keys (customer_id VARCHAR, customer_key VARCHAR)");
    }
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    // Matching ignores case, as in ingest; one row per (kind, label) so the joins cannot fan out.
    Map<String, String[]> labelRows = new java.util.TreeMap<>();
    Map.of("nature", config.natureLabels(), "transaction_type", config.transactionTypeLabels(),
        "interaction_type", config.interactionTypeLabels()).forEach((kind, labels) -> labels.forEach((label, value) -> {
          String key = label.strip().toLowerCase(java.util.Locale.ROOT);
          labelRows.putIfAbsent(kind + "\u0000" + key, new String[] {kind, key, value});
        }));
    try (DuckDBAppender labels = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "labels")) {
      for (String[] row : labelRows.values()) {
        labels.beginRow();
        labels.append(row[0]);
        labels.append(row[1]);
        labels.append(row[2]);
        labels.endRow();
      }
    }
    // Customer ids of the customers files up to the date (every record refers to one of them).
    try (Statement st = connection.createStatement();
         ResultSet ids = st.executeQuery("SELECT DISTINCT trim(customer_id) FROM read_csv('" + root
             + "/customers/*/*.csv', header = true, all_varchar = true, filename = true) "
             + "WHERE CAST(regexp_extract(filename, '/([0-9]{4}-[0-9]{2}-[0-9]{2})/[^/]*$', 1) AS DATE) <= DATE '"
             + BenchPlan.FULL_DATE + "' AND length(trim(customer_id)) > 0");
         DuckDBAppender keys = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "customer_keys")) {
      while (ids.next()) {
        String id = ids.getString(1);
        keys.beginRow();
        keys.append(id);
        keys.append(protector.customerKey(id));
        keys.endRow();
      }
    }
    String sql = DuckDbGold.substitute(DuckDbGold.resource("duckdb/load.sql"),
        Map.of("landing", root, "up_to", BenchPlan.FULL_DATE.toString()));
    try (Statement st = connection.createStatement()) {
      for (String statement : DuckDbGold.statements(sql)) {
        st.execute(statement);
      }
    }
  }

  private long rowsLoaded() throws SQLException {
    return count("SELECT (SELECT count(*) FROM src_transactions) + (SELECT count(*) FROM src_interactions) "
        + "+ (SELECT count(*) FROM src_referrals) + (SELECT count(DISTINCT customer_key) FROM src_customers)");
  }

  long count(String sql) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
