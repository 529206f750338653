package com.clientele.runtime;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The thin I/O layer: where each catalog table lives and the few ways jobs read and write them.
 * Tables live at {@code <root>/<layer>/<name>} as Delta tables.
 *
 * <p>The root is any Hadoop file system URI — a plain local path (the default), {@code file:/…},
 * {@code hdfs://…}, {@code s3a://…}, {@code abfss://…}, {@code gs://…} — and every access goes
 * through Spark, Delta and Hadoop's {@link FileSystem}, so the same jobs run against a local folder
 * and a cluster's shared storage. Besides the tables, the root holds {@code _clientele/}: small
 * files of the installation (the secret's fingerprint, markers) and the runs' transient
 * checkpoints.
 */
public final class Warehouse {

  /** The folder of the installation's own files beside the layers. */
  public static final String META = "_clientele";

  private final SparkSession spark;
  private final Path root;

  /**
   * @param location the warehouse root: a path (relative paths resolve against the working
   *     directory of the local file system) or a file system URI
   */
  public Warehouse(SparkSession spark, String location) {
    this.spark = spark;
    this.root = qualify(spark, location);
  }

  /** The location made absolute and scheme-qualified ({@code file:/abs/path}, {@code hdfs://nn:8020/x}). */
  public static Path qualify(SparkSession spark, String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("the warehouse location is empty");
    }
    try {
      Path path = new Path(location);
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot use the warehouse location " + location + ": " + e.getMessage(), e);
    }
  }

  public SparkSession spark() {
    return spark;
  }

  /** The qualified root, e.g. {@code file:/data/warehouse} or {@code hdfs://namenode:8020/warehouse}. */
  public String root() {
    return root.toString();
  }

  /** The table's folder as a qualified URI string. */
  public String pathOf(Table table) {
    return new Path(new Path(root, table.layer().label()), table.name()).toString();
  }

  /** Whether the table has been created (its folder holds a Delta log). */
  public boolean exists(Table table) {
    if (table.isView()) {
      return table.view().reads().stream().allMatch(this::exists);
    }
    return DeltaTable.isDeltaTable(spark, pathOf(table));
  }

  /** The file system the warehouse lives on. */
  public FileSystem fileSystem() {
    try {
      return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the warehouse " + root, e);
    }
  }

  /** A path under {@code <root>/_clientele/}. */
  public Path metaPath(String name) {
    return new Path(new Path(root, META), name);
  }

  /** The text of a small installation file under {@code _clientele/}, if present. */
  public Optional<String> readMeta(String name) {
    Path file = metaPath(name);
    FileSystem fs = fileSystem();
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes (replaces) a small installation file under {@code _clientele/}. */
  public void writeMeta(String name, String text) {
    Path file = metaPath(name);
    try (OutputStream out = fileSystem().create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The table's current contents; an empty frame of its schema when it does not exist yet. */
  public Dataset<Row> read(Table table) {
    if (!exists(table)) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    if (table.isView()) {
      // Computed from the stored tables it reads, by the same text the SQL catalog registers.
      return spark.sql(table.viewSql(input -> "delta.`" + pathOf(input) + "`"));
    }
    return spark.read().format("delta").load(pathOf(table));
  }

  /**
   * The distinct dates in {@code column} over the given tables (those that exist), in one query: a
   * gold build and maintenance ask which as_of_date snapshots the gold tables hold.
   */
  public java.util.SortedSet<java.time.LocalDate> dates(java.util.Collection<Table> tables, String column) {
    java.util.SortedSet<java.time.LocalDate> dates = new java.util.TreeSet<>();
    Dataset<Row> all = null;
    for (Table table : tables) {
      if (!table.isView() && exists(table)) {
        Dataset<Row> some = read(table).select(column);
        all = all == null ? some : all.union(some);
      }
    }
    if (all != null) {
      for (Row row : all.distinct().collectAsList()) {
        dates.add(row.getDate(0).toLocalDate());
      }
    }
    return dates;
  }

  /** The table's contents as of a Delta version (time travel). */
  public Dataset<Row> readVersion(Table table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(pathOf(table));
  }

  /**
   * The table's change data feed (rows inserted, deleted or updated) of versions {@code from} to
   * {@code to}, both included: the table's columns plus {@code _change_type} (insert, delete,
   * update_preimage, update_postimage), {@code _commit_version} and {@code _commit_timestamp}. Needs
   * the table's {@code delta.enableChangeDataFeed} property since before {@code from}.
   */
  public Dataset<Row> readChanges(Table table, long from, long to) {
    return spark.read().format("delta").option("readChangeFeed", "true")
        .option("startingVersion", from).option("endingVersion", to).load(pathOf(table));
  }

  /**
   * The table's current Delta version; -1 when it does not exist. Read from the names of the Delta
   * log's commit files (no Spark job).
   */
  public long version(Table table) {
    List<Long> versions = commitVersions(table);
    return versions.isEmpty() ? -1 : versions.get(versions.size() - 1);
  }

  /** The operation metrics (numOutputRows, …) of the table's latest commit; empty when unknown. */
  public Map<String, String> lastCommitMetrics(Table table) {
    List<Long> versions = commitVersions(table);
    if (versions.isEmpty()) {
      return Map.of();
    }
    Map<String, String> metrics = new LinkedHashMap<>();
    commitInfo(table, versions.get(versions.size() - 1)).path("operationMetrics").fields()
        .forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asText()));
    return metrics;
  }

  /**
   * The user metadata of the table's latest commit whose metadata mentions {@code key} (a JSON text
   * written with {@link #withCommitMetadata} or the writer option {@code userMetadata}), looking back
   * over the last commits only; empty when none is found.
   */
  public Optional<String> latestCommitMetadata(Table table, String key) {
    List<Long> versions = commitVersions(table);
    for (int i = versions.size() - 1; i >= Math.max(0, versions.size() - 100); i--) {
      JsonNode metadata = commitInfo(table, versions.get(i)).path("userMetadata");
      if (metadata.isTextual() && metadata.asText().contains(key)) {
        return Optional.of(metadata.asText());
      }
    }
    return Optional.empty();
  }

  /**
   * Runs {@code write} (a DML such as a MERGE) with {@code metadata} recorded in its Delta commit, in
   * the same transaction as the data it describes.
   */
  public synchronized void withCommitMetadata(String metadata, Runnable write) {
    var conf = spark.conf();
    conf.set("spark.databricks.delta.commitInfo.userMetadata", metadata);
    try {
      write.run();
    } finally {
      conf.unset("spark.databricks.delta.commitInfo.userMetadata");
    }
  }

  /** The versions of the commit files in the table's Delta log, ascending. */
  private List<Long> commitVersions(Table table) {
    Path log = new Path(pathOf(table), "_delta_log");
    try {
      FileSystem fs = fileSystem();
      if (!fs.exists(log)) {
        return List.of();
      }
      List<Long> versions = new ArrayList<>();
      for (var status : fs.listStatus(log)) {
        String name = status.getPath().getName();
        if (name.matches("\\d{20}\\.json")) {
          versions.add(Long.parseLong(name.substring(0, 20)));
        }
      }
      versions.sort(null);
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + log, e);
    }
  }

  /** The commitInfo action of one commit file (an empty node when absent). */
  private JsonNode commitInfo(Table table, long version) {
    Path file = new Path(new Path(pathOf(table), "_delta_log"), String.format("%020d.json", version));
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(fileSystem().open(file),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode action = JSON.readTree(line);
        if (action.has("commitInfo")) {
          return action.get("commitInfo");
        }
      }
      return JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Appends rows (columns selected in catalog order, so a transform can't silently reorder them).
   * Like every write here, it creates the table from the catalog first ({@link #ensureExists}), so
   * the table's schema carries the column comments and description, not the frame's bare schema.
   */
  public void append(Table table, Dataset<Row> rows) {
    ensureExists(table);
    writer(table, conform(table, rows), SaveMode.Append).save(pathOf(table));
  }

  /** Replaces the whole table with {@code rows} in one transaction. */
  public void overwrite(Table table, Dataset<Row> rows, Map<String, String> options) {
    ensureExists(table);
    var writer = writer(table, conform(table, rows), SaveMode.Overwrite);
    for (var option : options.entrySet()) {
      writer = writer.option(option.getKey(), option.getValue());
    }
    writer.save(pathOf(table));
  }

  /**
   * Replaces exactly the rows matching {@code predicate} with {@code rows} in one transaction
   * (Delta {@code replaceWhere}); a re-run of the same slice therefore changes nothing.
   */
  public void replace(Table table, String predicate, Dataset<Row> rows) {
    ensureExists(table);
    writer(table, conform(table, rows), SaveMode.Overwrite).option("replaceWhere", predicate).save(pathOf(table));
  }

  /**
   * Upserts versioned rows by key in one MERGE: rows of {@code versions} replace or add the
   * table's rows with the same key columns, and the keys listed in {@code obsolete} are deleted.
   */
  public void mergeVersions(Table table, Dataset<Row> versions, Dataset<Row> obsolete, List<String> keys) {
    Dataset<Row> upserts = conform(table, versions).withColumn("_delete", lit(false));
    Dataset<Row> deletes = obsolete.select(Arrays.stream(table.schema().fields())
            .map(f -> keys.contains(f.name()) ? col(f.name()) : lit(null).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new))
        .withColumn("_delete", lit(true));
    String on = String.join(" AND ", keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").toList());
    Map<String, String> assignments = new LinkedHashMap<>();
    table.columnNames().forEach(c -> assignments.put("`" + c + "`", "s.`" + c + "`"));
    delta(table).as("t")
        .merge(upserts.unionByName(deletes).as("s"), on)
        .whenMatched("s._delete").delete()
        .whenMatched().updateExpr(assignments)
        .whenNotMatched("NOT s._delete").insertExpr(assignments)
        .execute();
  }

  /**
   * A run killed while creating a table can leave its folder with a {@code _delta_log} holding no
   * commit — often just {@code _delta_log/_commits/}, which Delta creates first — (Delta then refuses
   * to create the table there: DELTA_TABLE_NOT_FOUND). Nothing in such a folder belongs to any table
   * version, so it is removed before the table is created. A folder whose log has a commit or a
   * checkpoint (in {@code _delta_log} or {@code _delta_log/_commits}) is never touched.
   */
  private void removeAbandonedCreation(Table table) {
    Path folder = new Path(pathOf(table));
    Path log = new Path(folder, "_delta_log");
    FileSystem fs = fileSystem();
    try {
      if (!fs.exists(log)) {
        return;
      }
      // Delta creates _delta_log/_commits with the log, before the first commit: a real commit there
      // (coordinated commits) counts; the empty folder does not.
      Path commits = new Path(log, "_commits");
      if (holdsCommit(fs, log) || (fs.exists(commits) && holdsCommit(fs, commits))) {
        return;
      }
      fs.delete(folder, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + log, e);
    }
  }

  /** Whether the folder holds a commit or checkpoint file (or _last_checkpoint). */
  private static boolean holdsCommit(FileSystem fs, Path folder) throws IOException {
    for (org.apache.hadoop.fs.FileStatus entry : fs.listStatus(folder)) {
      String name = entry.getPath().getName();
      if (name.matches("\\d{20}\\..*") || name.equals("_last_checkpoint")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Creates the table empty if it does not exist, so readers always find it, with the catalog's
   * schema (each column's meaning as its comment), description (the Delta table's description) and
   * Delta properties; an existing table created before a property was declared gets it now. (Writes
   * whose frames have no comments keep the table's: Delta merges the frame's schema into the
   * table's, keeping the table's column metadata.)
   */
  public void ensureExists(Table table) {
    if (!exists(table)) {
      removeAbandonedCreation(table);
      var builder = DeltaTable.createIfNotExists(spark).location(pathOf(table)).addColumns(table.schema())
          .comment(table.description());
      if (!table.partitionColumns().isEmpty()) {
        builder = builder.partitionedBy(table.partitionColumns().toArray(String[]::new));
      }
      for (var property : table.properties().entrySet()) {
        builder = builder.property(property.getKey(), property.getValue());
      }
      builder.execute();
      return;
    }
    if (!table.properties().isEmpty()) {
      // The table's metadata from its log (the latest checksum file when there is one): no Spark
      // job, unlike DESCRIBE DETAIL, which computes the file count and size of the whole snapshot.
      Map<String, String> current = scala.collection.JavaConverters.mapAsJavaMap(
          org.apache.spark.sql.delta.DeltaLog.forTable(spark, pathOf(table))
              .update(false, scala.Option.empty(), scala.Option.empty()).metadata().configuration());
      List<String> missing = table.properties().entrySet().stream()
          .filter(p -> !p.getValue().equals(current.get(p.getKey())))
          .map(p -> "'" + p.getKey() + "' = '" + p.getValue() + "'").toList();
      if (!missing.isEmpty()) {
        spark.sql("ALTER TABLE delta.`" + pathOf(table) + "` SET TBLPROPERTIES (" + String.join(", ", missing) + ")");
      }
    }
  }

  /**
   * Vacuums the tables, a few at a time, keeping {@code retentionHours} of history; below Delta's
   * seven-day safety check only when {@code belowSafeRetention} (the check is switched off for this
   * call only). VACUUM lists a table's folders in {@code spark.sql.sources.parallelPartitionDiscovery.parallelism}
   * tasks — Spark's default, 10000, made a small table's VACUUM take a minute on two cores — so the
   * call lists in a few tasks per core. Returns the tables' names in their order.
   */
  public List<String> vacuum(List<Table> tables, double retentionHours, boolean belowSafeRetention, int threads) {
    var conf = spark.conf();
    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    String listing = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    String previousCheck = conf.get(check, "true");
    String previousListing = conf.get(listing, "10000");
    conf.set(listing, String.valueOf(Math.max(8, 4 * spark.sparkContext().defaultParallelism())));
    if (belowSafeRetention) {
      conf.set(check, "false");
    }
    try {
      return Parallel.map(tables, threads, "vacuum", table -> {
        DeltaTable.forPath(spark, pathOf(table)).vacuum(retentionHours);
        return table.qualifiedName();
      });
    } finally {
      conf.set(check, previousCheck);
      conf.set(listing, previousListing);
    }
  }

  /**
   * An existing table created before the catalog declared some of its columns gets them now
   * (nullable, at the end, with their comments); a missing table is created. Called by the jobs
   * that read a table's newer columns before writing it (the ingest log's rejected_reason).
   */
  public void addMissingColumns(Table table) {
    if (!exists(table)) {
      ensureExists(table);
      return;
    }
    // The schema from the table's log (as ensureExists reads its properties): no query is planned.
    java.util.Set<String> present = java.util.Set.of(org.apache.spark.sql.delta.DeltaLog.forTable(spark, pathOf(table))
        .update(false, scala.Option.empty(), scala.Option.empty()).metadata().schema().fieldNames());
    List<String> added = Arrays.stream(table.schema().fields()).filter(f -> !present.contains(f.name()))
        .map(org.apache.spark.sql.types.StructField::toDDL).toList();
    if (!added.isEmpty()) {
      spark.sql("ALTER TABLE delta.`" + pathOf(table) + "` ADD COLUMNS (" + String.join(", ", added) + ")");
    }
  }

  /**
   * Whether the stored table has exactly the catalog's columns and types, nested fields included
   * (comments and nullability aside); false for a missing table.
   */
  public boolean hasCatalogShape(Table table) {
    return exists(table) && spark.read().format("delta").load(pathOf(table)).schema().catalogString()
        .equals(table.schema().catalogString());
  }

  /**
   * Deletes a derived table (its whole folder) so that it is created afresh in the catalog's shape.
   * Only for tables that are rebuilt from others (silver.customer_state) and for the stored copy an
   * earlier release wrote of a table now published as a view ({@link #dropStoredViews}): never for
   * data of record.
   */
  public void dropDerived(Table table) {
    if (table != com.clientele.catalog.TableCatalog.CUSTOMER_STATE && !table.isView()) {
      throw new IllegalArgumentException(table.qualifiedName() + " is not derived state");
    }
    try {
      fileSystem().delete(new org.apache.hadoop.fs.Path(pathOf(table)), true);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Deletes the folders an earlier release stored for the tables now published as views (e.g.
   * gold.customer_segments, computed from gold.customer_profile since): the view holds the same rows,
   * and a stale copy would keep rows an erasure has since removed from the tables the view reads.
   * Returns the tables whose folder was deleted.
   */
  public List<Table> dropStoredViews() {
    List<Table> dropped = new java.util.ArrayList<>();
    for (Table table : TableCatalog.all()) {
      if (hasStoredCopy(table)) {
        dropDerived(table);
        dropped.add(table);
      }
    }
    return dropped;
  }

  /** Whether the table is a view whose folder still holds the Delta table an earlier release stored. */
  public boolean hasStoredCopy(Table table) {
    return table.isView() && DeltaTable.isDeltaTable(spark, pathOf(table));
  }

  public DeltaTable delta(Table table) {
    ensureExists(table);
    return DeltaTable.forPath(spark, pathOf(table));
  }

  /**
   * Makes the existing tables addressable in SQL as {@code bronze.x}, {@code silver.x},
   * {@code gold.x} (databases of the session's in-memory catalog pointing at the Delta folders).
   */
  public void registerSqlNames() {
    for (Layer layer : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.label());
    }
    for (Table table : TableCatalog.all()) {
      // Names may still point at another warehouse from earlier in this session: re-point them.
      // Dropping a table registered with a LOCATION removes the name only, never the data.
      if (spark.catalog().tableExists(table.qualifiedName())) {
        boolean view;
        try {
          view = spark.catalog().getTable(table.qualifiedName()).tableType().equals("VIEW");
        } catch (org.apache.spark.sql.AnalysisException e) {
          throw new IllegalStateException("cannot read the SQL name " + table.qualifiedName(), e);
        }
        spark.sql((view ? "DROP VIEW " : "DROP TABLE ") + table.qualifiedName());
      }
      if (table.isView()) {
        continue;
      }
      if (exists(table)) {
        spark.sql("CREATE TABLE " + table.qualifiedName() + " USING delta LOCATION '"
            + pathOf(table).replace("'", "\\'") + "'");
      }
    }
    for (Table table : TableCatalog.all()) {
      if (table.isView() && exists(table)) {
        spark.sql("CREATE VIEW " + table.qualifiedName() + " AS " + table.viewSql(Table::qualifiedName));
      }
    }
  }

  private static Dataset<Row> conform(Table table, Dataset<Row> rows) {
    return rows.selectExpr(table.columnNames().stream().map(c -> "`" + c + "`").toArray(String[]::new));
  }

  private static DataFrameWriter<Row> writer(Table table, Dataset<Row> rows, SaveMode mode) {
    var writer = rows.write().format("delta").mode(mode);
    if (!table.partitionColumns().isEmpty()) {
      writer = writer.partitionBy(table.partitionColumns().toArray(String[]::new));
    }
    return writer;
  }
}
