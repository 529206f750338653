package com.clientele.gold;

import static org.apache.spark.sql.functions.col;

import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import com.clientele.runtime.Stopwatch;
import com.clientele.runtime.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code clientele build --as-of D}: brings silver.customer_daily_activity up to date with the
 * ingested transactions files, then computes every gold table for D and writes each as D's snapshot
 * ({@code replaceWhere as_of_date = D}: other dates' snapshots stay, a re-run replaces D's).
 *
 * <p>Thin orchestration only: the definitions live in the transformations ({@link GoldTables}).
 * Nothing reads the clock — the tables depend on silver, D and the settings.
 *
 * <p>Cost: transactions are read only through the daily aggregate, which is brought up to date
 * from the new files alone; the tables are then computed from customer-days, customers,
 * interactions and referrals (the last two are far smaller than transactions and read whole).
 */
public final class GoldBuildJob {

  private final Warehouse warehouse;
  private final AnalyticsSettings settings;

  public GoldBuildJob(Warehouse warehouse, AnalyticsSettings settings) {
    this.warehouse = warehouse;
    this.settings = settings;
  }

  /** What a build did: the files newly aggregated and the rows written per gold table. */
  public record Report(LocalDate asOf, int filesAggregated, Map<String, Long> rows) {
    public String describe() {
      StringBuilder out = new StringBuilder();
      out.append("gold build as of ").append(asOf).append('\n');
      out.append(String.format("  %-32s %d new transactions file(s) aggregated%n",
          TableCatalog.CUSTOMER_DAILY_ACTIVITY.qualifiedName(), filesAggregated));
      rows.forEach((table, n) -> out.append(String.format("  %-32s %9d rows%n", table, n)));
      return out.toString();
    }
  }

  public Report run(LocalDate asOf) {
    Stopwatch watch = new Stopwatch("gold " + asOf);
    int aggregated = updateDailyActivity();
    watch.lap("daily activity (" + aggregated + " new files)");
    GoldInputs in = GoldInputs.prepare(warehouse.read(TableCatalog.CUSTOMERS),
        warehouse.read(TableCatalog.CUSTOMER_DAILY_ACTIVITY), warehouse.read(TableCatalog.INTERACTIONS),
        warehouse.read(TableCatalog.REFERRALS), asOf);
    GoldTables gold = GoldTables.compute(in, settings);
    watch.lap("inputs, facts and segments materialised");
    String slice = "as_of_date = DATE'" + asOf + "'";
    // The tables are independent: writing a few at once overlaps each write's planning and Delta
    // commit with the others' computation (on small data that overhead is most of the time).
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS, runnable -> {
      Thread thread = new Thread(runnable, "gold-writer");
      thread.setDaemon(true);
      return thread;
    });
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      List<Future<Long>> written = new ArrayList<>();
      for (Table table : GoldTables.TABLES) {
        written.add(writers.submit(() -> {
          Stopwatch own = new Stopwatch("gold " + asOf);
          warehouse.replace(table, slice, gold.get(table));
          own.lap("wrote " + table.name());
          return rowsWritten(table);
        }));
      }
      for (int i = 0; i < written.size(); i++) {
        rows.put(GoldTables.TABLES.get(i).qualifiedName(), result(written.get(i)));
      }
    } finally {
      writers.shutdownNow();
    }
    watch.lap("all tables written");
    return new Report(asOf, aggregated, rows);
  }

  private static final int WRITERS = 3;

  private static long result(Future<Long> write) {
    try {
      return write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the gold tables", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Appends the daily aggregate of every ingested transactions file (silver.ingest_log) not yet in
   * silver.customer_daily_activity, reading only those files' rows (silver.transactions is appended
   * batch by batch, so Delta's file statistics on file_id skip the older files). Each batch replaces
   * its own file_ids' slice, so a retried run never counts a file twice. The set of aggregated files
   * is the distinct file_id of the activity table: one narrow column, read once per run.
   *
   * @return the number of files aggregated
   */
  public int updateDailyActivity() {
    // Files that loaded no row have nothing to aggregate; leaving them out also keeps them from
    // being looked for in silver.transactions on every run.
    Set<String> logged = ids(warehouse.read(TableCatalog.INGEST_LOG)
        .where(col("kind").equalTo("transactions").and(col("rows_loaded").gt(0))));
    Set<String> done = ids(warehouse.read(TableCatalog.CUSTOMER_DAILY_ACTIVITY));
    List<String> pending = new ArrayList<>(new TreeSet<>(logged));
    pending.removeAll(done);
    if (pending.isEmpty()) {
      warehouse.ensureExists(TableCatalog.CUSTOMER_DAILY_ACTIVITY);
      return 0;
    }
    Dataset<Row> rows = warehouse.read(TableCatalog.TRANSACTIONS).where(col("file_id").isin(pending.toArray()));
    String slice = pending.stream().map(id -> "'" + id.replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "file_id IN (", ")"));
    warehouse.replace(TableCatalog.CUSTOMER_DAILY_ACTIVITY, slice, CustomerDailyActivity.aggregate(rows));
    return pending.size();
  }

  /** Rows written by the table's last commit (Delta's own operation metrics; no data is read). */
  private long rowsWritten(Table table) {
    Row last = warehouse.delta(table).history(1).select("operationMetrics").first();
    Map<String, String> metrics = last.getJavaMap(0);
    return Long.parseLong(metrics.getOrDefault("numOutputRows", "0"));
  }

  private static Set<String> ids(Dataset<Row> table) {
    return new HashSet<>(table.select("file_id").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).toList());
  }
}
