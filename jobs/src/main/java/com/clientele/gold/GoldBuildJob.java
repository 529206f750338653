package com.clientele.gold;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Stopwatch;
import com.clientele.runtime.Warehouse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import com.clientele.runtime.Lineage;
import com.clientele.runtime.LateFiles;
import com.clientele.runtime.Parallel;
import com.clientele.runtime.Progress;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;

/**
 * {@code clientele build --as-of D}: brings silver.customer_state up to date with silver, then
 * computes every gold table for D and writes each as D's snapshot
 * ({@code replaceWhere as_of_date = D}: other dates' snapshots stay, a re-run replaces D's).
 *
 * <p>Thin orchestration only: the definitions live in the transformations ({@link GoldTables}).
 * Nothing reads the clock — the tables depend on silver, D and the settings.
 *
 * <p>Cost: silver is read only through the state, which is brought up to date for the customers
 * whose rows changed since the last build (the silver tables' change data feeds); the tables are then
 * computed from one state row per customer and the referrals.
 */
public final class GoldBuildJob {

  private static final Logger LOG = LogManager.getLogger(GoldBuildJob.class);

  /** The key of the state's commit metadata: the silver versions the state reflects. */
  static final String STATE_VERSIONS = "clientele.customer_state.sources";

  /** The silver tables silver.customer_state is built from. */
  static final List<Table> STATE_SOURCES = List.of(TableCatalog.CUSTOMERS, TableCatalog.TRANSACTIONS,
      TableCatalog.PAYMENT_UPDATES, TableCatalog.INTERACTIONS);

  private final Warehouse warehouse;
  private final AnalyticsSettings settings;

  public GoldBuildJob(Warehouse warehouse, AnalyticsSettings settings) {
    this.warehouse = warehouse;
    this.settings = settings;
  }

  /**
   * How the state was brought up to date: rebuilt from all of silver, refreshed for the customers
   * whose silver rows changed since the versions it reflected, or already current.
   */
  public record StateUpdate(String mode, Map<String, Long> fromVersions, Map<String, Long> toVersions,
      long customers) {

    static final String REBUILT = "rebuilt";
    static final String REFRESHED = "refreshed";
    static final String CURRENT = "current";

    public String describe() {
      return switch (mode) {
        case REBUILT -> "rebuilt from silver " + toVersions + ": " + customers + " customers";
        case REFRESHED -> "refreshed " + customers + " customer(s) whose silver rows changed (" + fromVersions
            + " -> " + toVersions + ")";
        default -> "up to date with silver " + toVersions;
      };
    }
  }

  /** What a build did: how the timeline was updated and the rows written per gold table. */
  /**
   * @param rebuilt earlier (or later) snapshots rebuilt in this run because late files changed what
   *     they should hold
   */
  public record Report(LocalDate asOf, StateUpdate state, Map<String, Long> rows, List<LocalDate> rebuilt) {
    public String describe() {
      StringBuilder out = new StringBuilder();
      out.append("gold build as of ").append(asOf).append('\n');
      if (!rebuilt.isEmpty()) {
        out.append("  rebuilt for late files: ").append(rebuilt).append('\n');
      }
      out.append(String.format("  %-32s %s%n", TableCatalog.CUSTOMER_STATE.qualifiedName(), state.describe()));
      rows.forEach((table, n) -> out.append(String.format("  %-32s %9d rows%n", table, n)));
      return out.toString();
    }
  }

  /**
   * Builds the as-of date's snapshot of every gold table. When files arrived late (a day folder
   * older than the ingest's date, see {@link LateFiles}), every existing snapshot from the earliest
   * such day on is rebuilt first, so each holds what it would have held had the files been on time.
   */
  public Report run(LocalDate asOf) {
    Stopwatch watch = new Stopwatch("gold " + asOf);
    SortedSet<LocalDate> lateDays = LateFiles.pending(warehouse);
    List<LocalDate> stale = lateDays.isEmpty() ? List.of() : snapshotDates().stream()
        .filter(d -> !d.isBefore(lateDays.first()) && !d.equals(asOf)).sorted().toList();
    Progress.plan(2 + (1 + stale.size()) * (1 + GoldTables.STORED.size()));
    Progress.stage("bringing " + TableCatalog.CUSTOMER_STATE.qualifiedName() + " up to date");
    StateUpdate update = updateState();
    watch.lap("state " + update.describe());
    for (LocalDate day : stale) {
      LOG.info("rebuilding the {} snapshot: files for {} arrived late", day, lateDays);
      buildSnapshot(day, watch);
    }
    Map<String, Long> rows = buildSnapshot(asOf, watch);
    LateFiles.done(warehouse, lateDays);
    return new Report(asOf, update, rows, stale);
  }

  /** The as_of_dates the gold tables hold a snapshot for. */
  private SortedSet<LocalDate> snapshotDates() {
    return warehouse.dates(GoldTables.STORED, "as_of_date");
  }

  private Map<String, Long> buildSnapshot(LocalDate asOf, Stopwatch watch) {
    GoldInputs in = GoldInputs.prepare(warehouse.read(TableCatalog.CUSTOMER_STATE),
        warehouse.read(TableCatalog.REFERRALS), asOf);
    Progress.stage("computing the customers' facts and segments as of " + asOf);
    GoldTables gold = GoldTables.compute(in, settings);
    LifetimeValueModels.Fitted models = gold.models();
    LOG.info("lifetime value models as of {}: bg_nbd {} ({} customers, {} groups), gamma_gamma {} ({} customers, "
        + "{} groups), fitted in {} s", asOf, models.bgNbd().status(), models.bgNbd().customers(),
        models.bgNbd().groups(), models.gammaGamma().status(), models.gammaGamma().customers(),
        models.gammaGamma().groups(), String.format("%.2f", models.seconds()));
    watch.lap("inputs, lifetime value models and shared stages");
    String slice = "as_of_date = DATE'" + asOf + "'";
    // The tables are independent: writing a few at once overlaps each write's planning and Delta
    // commit with the others' computation (on small data that overhead is most of the time).
    Map<String, Long> rows = new LinkedHashMap<>();
    List<Table> tables = GoldTables.STORED.stream().filter(t -> !GoldTables.MARTS.contains(t)).toList();
    // A table now published as a view is no longer written; an earlier release's stored copy goes,
    // its values kept where the view's inputs now live.
    SegmentsViewUpgrade.run(warehouse);
    try {
      write(tables, slice, asOf, gold::get, rows);
    } finally {
      gold.release();
    }
    // The report marts from the slices just written (narrow reads of the snapshot), not from the
    // shared stages again.
    Map<Table, Dataset<Row>> marts = GoldTables.marts(table -> warehouse.read(table).where(slice));
    write(GoldTables.MARTS, slice, asOf, marts::get, rows);
    watch.lap("all tables written");
    Map<String, Long> ordered = new LinkedHashMap<>();
    GoldTables.STORED.forEach(t -> ordered.put(t.qualifiedName(), rows.get(t.qualifiedName())));
    return ordered;
  }

  /** Writes the tables' slices, a few at once, and records the rows each wrote. */
  private void write(List<Table> tables, String slice, LocalDate asOf,
      java.util.function.Function<Table, Dataset<Row>> frames, Map<String, Long> rows) {
    List<Long> written = Parallel.map(tables, WRITERS, "gold-writer", table -> {
      Stopwatch own = new Stopwatch("gold " + asOf);
      Progress.stage("writing " + table.qualifiedName());
      // A column the catalog added since the table was created is added first (nullable, at the end).
      warehouse.addMissingColumns(table);
      warehouse.replace(table, slice, frames.apply(table));
      own.lap("wrote " + table.name());
      return rowsWritten(table);
    });
    for (int i = 0; i < written.size(); i++) {
      rows.put(tables.get(i).qualifiedName(), written.get(i));
    }
  }

  private static final int WRITERS = 3;

  /**
   * Brings silver.customer_state up to date with silver. The state's commits record the versions of
   * silver.customers, silver.transactions, silver.payment_updates and silver.interactions they reflect
   * (commit metadata). The
   * customers named by any row changed since then — read from those tables' change data feeds — get
   * their state rows rebuilt from their silver rows (as of pinned versions) in one MERGE, which
   * records the new versions. Rebuilding a customer from silver is the same however often it runs,
   * so a retried or crashed build can never count a row twice. With no state yet, or when a change
   * feed no longer reaches back (e.g. after a VACUUM), the whole state is rebuilt.
   */
  public StateUpdate updateState() {
    // A state of an older shape (a column, or a field inside versions, added since) is derived data:
    // it is dropped, created afresh in the catalog's shape and rebuilt below (no recorded versions).
    if (warehouse.exists(TableCatalog.CUSTOMER_STATE) && !warehouse.hasCatalogShape(TableCatalog.CUSTOMER_STATE)) {
      LOG.info("{} has an older shape: rebuilding it", TableCatalog.CUSTOMER_STATE.qualifiedName());
      warehouse.dropDerived(TableCatalog.CUSTOMER_STATE);
    }
    warehouse.ensureExists(TableCatalog.CUSTOMER_STATE);
    Map<String, Long> current = new LinkedHashMap<>();
    for (Table source : STATE_SOURCES) {
      warehouse.ensureExists(source);
      current.put(source.qualifiedName(), warehouse.version(source));
    }
    Optional<Map<String, Long>> recorded = recordedVersions();
    if (recorded.isPresent() && recorded.get().keySet().equals(current.keySet())) {
      Map<String, Long> from = recorded.get();
      if (STATE_SOURCES.stream().allMatch(t -> from.get(t.qualifiedName()) >= current.get(t.qualifiedName()))) {
        return new StateUpdate(StateUpdate.CURRENT, from, current, 0);
      }
      try {
        return refresh(from, current);
      } catch (RuntimeException e) {
        if (!isMissingHistory(e)) {
          throw e;
        }
        LOG.warn("a change feed does not reach back to {} ({}); rebuilding {}", from, e.getMessage(),
            TableCatalog.CUSTOMER_STATE.qualifiedName());
      }
    }
    return rebuild(current);
  }

  private StateUpdate rebuild(Map<String, Long> versions) {
    Dataset<Row> rows = CustomerState.build(source(TableCatalog.CUSTOMERS, versions),
        source(TableCatalog.TRANSACTIONS, versions), source(TableCatalog.PAYMENT_UPDATES, versions),
        source(TableCatalog.INTERACTIONS, versions));
    warehouse.overwrite(TableCatalog.CUSTOMER_STATE, rows, Map.of("userMetadata", metadata(versions)));
    return new StateUpdate(StateUpdate.REBUILT, Map.of(), versions, rowsWritten(TableCatalog.CUSTOMER_STATE));
  }

  private StateUpdate refresh(Map<String, Long> from, Map<String, Long> to) {
    Dataset<Row> keys = null;
    for (Table source : STATE_SOURCES) {
      long start = from.get(source.qualifiedName()) + 1;
      long end = to.get(source.qualifiedName());
      if (start > end) {
        continue;
      }
      Dataset<Row> changed = warehouse.readChanges(source, start, end).select("customer_key");
      keys = keys == null ? changed : keys.union(changed);
    }
    Lineage.Shared touched = Lineage.share(keys.where(col("customer_key").isNotNull()).distinct(),
        "gold: customers whose silver rows changed");
    try {
      long customers = touched.frame().count();
      Dataset<Row> rebuilt = CustomerState.build(only(source(TableCatalog.CUSTOMERS, to), touched.frame()),
          only(source(TableCatalog.TRANSACTIONS, to), touched.frame()),
          only(source(TableCatalog.PAYMENT_UPDATES, to), touched.frame()),
          only(source(TableCatalog.INTERACTIONS, to), touched.frame()));
      // Computed once: the MERGE reads its source twice (to find the rows it touches, then to write
      // them) and Delta is told not to copy sources (spark.databricks.delta.merge.materializeSource),
      // so unshared, the changed customers' silver rows would be found and aggregated twice.
      Lineage.Shared updates = Lineage.share(touched.frame().join(rebuilt, new String[] {"customer_key"}, "left")
          .withColumn("_gone", col("versions").isNull()), "gold: the changed customers' state rows");
      Map<String, String> assignments = new LinkedHashMap<>();
      TableCatalog.CUSTOMER_STATE.columnNames().forEach(c -> assignments.put("`" + c + "`", "s.`" + c + "`"));
      try {
        warehouse.withCommitMetadata(metadata(to), () -> warehouse.delta(TableCatalog.CUSTOMER_STATE).as("t")
            .merge(updates.frame().as("s"), "t.customer_key = s.customer_key")
            .whenMatched("s._gone").delete()
            .whenMatched().updateExpr(assignments)
            .whenNotMatched("NOT s._gone").insertExpr(assignments)
            .execute());
      } finally {
        updates.release();
      }
      return new StateUpdate(StateUpdate.REFRESHED, from, to, customers);
    } finally {
      touched.release();
    }
  }

  /** A source table as of the pinned version. */
  private Dataset<Row> source(Table table, Map<String, Long> versions) {
    return warehouse.readVersion(table, versions.get(table.qualifiedName()));
  }

  /** The rows of the given customers (a few thousand keys: broadcast). */
  private static Dataset<Row> only(Dataset<Row> rows, Dataset<Row> keys) {
    return rows.join(org.apache.spark.sql.functions.broadcast(keys), new String[] {"customer_key"}, "left_semi");
  }

  private static String metadata(Map<String, Long> versions) {
    try {
      return JSON.writeValueAsString(Map.of(STATE_VERSIONS, versions));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<Map<String, Long>> recordedVersions() {
    return warehouse.latestCommitMetadata(TableCatalog.CUSTOMER_STATE, STATE_VERSIONS).map(text -> {
      try {
        Map<String, Long> versions = new LinkedHashMap<>();
        JSON.readTree(text).path(STATE_VERSIONS).fields()
            .forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asLong()));
        return versions;
      } catch (java.io.IOException e) {
        return null;
      }
    });
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Whether reading the change feed failed because those versions (or their files) are gone. */
  private static boolean isMissingHistory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof java.io.FileNotFoundException
          || message.contains("VersionNotFound") || message.contains("DELTA_CHANGE_DATA_FEED_NOT_ENABLED")
          || message.contains("DELTA_MISSING_CHANGE_DATA") || message.contains("change data was not recorded")
          || message.contains("is not available") || message.contains("Cannot time travel")) {
        return true;
      }
    }
    return false;
  }

  /** Rows written by the table's last commit (Delta's own operation metrics; no data is read). */
  private long rowsWritten(Table table) {
    return Long.parseLong(warehouse.lastCommitMetrics(table).getOrDefault("numOutputRows", "0"));
  }
}
