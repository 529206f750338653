package com.clientele.runtime;

import com.clientele.catalog.Layer;
import com.clientele.catalog.Table;
import com.clientele.catalog.TableCatalog;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The thin I/O layer: where each catalog table lives and the few ways jobs read and write them.
 * Tables live at {@code <root>/<layer>/<name>} as Delta tables.
 */
public final class Warehouse {

  private final SparkSession spark;
  private final Path root;

  public Warehouse(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root.toAbsolutePath().normalize();
  }

  public SparkSession spark() {
    return spark;
  }

  public Path root() {
    return root;
  }

  public Path pathOf(Table table) {
    return root.resolve(table.layer().label()).resolve(table.name());
  }

  public boolean exists(Table table) {
    return Files.isDirectory(pathOf(table).resolve("_delta_log"));
  }

  /** The table's current contents; an empty frame of its schema when it does not exist yet. */
  public Dataset<Row> read(Table table) {
    if (!exists(table)) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return spark.read().format("delta").load(pathOf(table).toString());
  }

  /** Appends rows (columns selected in catalog order, so a transform can't silently reorder them). */
  public void append(Table table, Dataset<Row> rows) {
    writer(table, conform(table, rows), SaveMode.Append).save(pathOf(table).toString());
  }

  /**
   * Replaces exactly the rows matching {@code predicate} with {@code rows} in one transaction
   * (Delta {@code replaceWhere}); a re-run of the same slice therefore changes nothing.
   */
  public void replace(Table table, String predicate, Dataset<Row> rows) {
    var writer = writer(table, conform(table, rows), SaveMode.Overwrite);
    if (exists(table)) {
      writer = writer.option("replaceWhere", predicate);
    }
    writer.save(pathOf(table).toString());
  }

  /**
   * Upserts versioned rows by key in one MERGE: rows of {@code versions} replace or add the
   * table's rows with the same key columns, and the keys listed in {@code obsolete} are deleted.
   */
  public void mergeVersions(Table table, Dataset<Row> versions, Dataset<Row> obsolete, List<String> keys) {
    Dataset<Row> upserts = conform(table, versions).withColumn("_delete", org.apache.spark.sql.functions.lit(false));
    Dataset<Row> deletes = obsolete.select(java.util.Arrays.stream(table.schema().fields())
            .map(f -> keys.contains(f.name())
                ? org.apache.spark.sql.functions.col(f.name())
                : org.apache.spark.sql.functions.lit(null).cast(f.dataType()).as(f.name()))
            .toArray(org.apache.spark.sql.Column[]::new))
        .withColumn("_delete", org.apache.spark.sql.functions.lit(true));
    String on = String.join(" AND ", keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").toList());
    java.util.Map<String, String> assignments = new java.util.LinkedHashMap<>();
    table.columnNames().forEach(c -> assignments.put("`" + c + "`", "s.`" + c + "`"));
    delta(table).as("t")
        .merge(upserts.unionByName(deletes).as("s"), on)
        .whenMatched("s._delete").delete()
        .whenMatched().updateExpr(assignments)
        .whenNotMatched("NOT s._delete").insertExpr(assignments)
        .execute();
  }

  /** Creates the table empty if it does not exist, so readers always find it. */
  public void ensureExists(Table table) {
    if (!exists(table)) {
      append(table, spark.createDataFrame(List.of(), table.schema()));
    }
  }

  public DeltaTable delta(Table table) {
    ensureExists(table);
    return DeltaTable.forPath(spark, pathOf(table).toString());
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
      spark.sql("DROP TABLE IF EXISTS " + table.qualifiedName());
      if (exists(table)) {
        spark.sql("CREATE TABLE " + table.qualifiedName() + " USING delta LOCATION '"
            + pathOf(table).toString().replace("'", "\\'") + "'");
      }
    }
  }

  private static Dataset<Row> conform(Table table, Dataset<Row> rows) {
    return rows.selectExpr(table.columnNames().stream().map(c -> "`" + c + "`").toArray(String[]::new));
  }

  private static org.apache.spark.sql.DataFrameWriter<Row> writer(Table table, Dataset<Row> rows, SaveMode mode) {
    var writer = rows.write().format("delta").mode(mode);
    if (!table.partitionColumns().isEmpty()) {
      writer = writer.partitionBy(table.partitionColumns().toArray(String[]::new));
    }
    return writer;
  }
}
