package com.clientele.catalog;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One table of the warehouse, declared once in {@link TableCatalog}: where it lives
 * ({@code <warehouse>/<layer>/<name>}), its schema (every column with its meaning as the column's
 * comment), what it holds, its grain and key, and the Delta table properties it is created with
 * (e.g. a change data feed for tables whose changes are folded into derived state).
 *
 * @param grain what one row is, e.g. "one row per customer per as-of date"
 * @param key the columns that identify a row (unique together)
 */
public record Table(Layer layer, String name, String description, StructType schema,
    List<String> partitionColumns, boolean restricted, Map<String, String> properties,
    String grain, List<String> key, View view) {

  /**
   * A table published as a view: computed when read from the stored tables it {@code reads}, never
   * written. Its definition is one query per SQL dialect, kept as resources beside the code
   * ({@code views/<name>.<dialect>.sql}) and naming its inputs by their qualified names
   * ({@code gold.customer_profile}): Spark's text is what the SQL catalog registers and what
   * {@code Warehouse.read} runs over the folders; DuckDB's is what docs/bi.md gives the readers of the
   * Delta folders (DuckDB, delta-rs), checked against Spark's by dags/tests/test_sql_access.py.
   */
  public record View(List<Table> reads) {

    /** The definition in {@code dialect} ("spark" or "duckdb"), its inputs named as {@code names} gives them. */
    public String sql(String table, String dialect, java.util.function.Function<Table, String> names) {
      String text = text(table, dialect);
      for (Table input : reads) {
        text = text.replace(input.qualifiedName(), names.apply(input));
      }
      return text;
    }

    /** The stored text of the definition (inputs by their qualified names). */
    public static String text(String table, String dialect) {
      String resource = "/views/" + table + "." + dialect + ".sql";
      try (var in = Table.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no view definition " + resource);
        }
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        // Leading comment lines document the text; the query follows them.
        return java.util.Arrays.stream(text.split("\n")).filter(l -> !l.startsWith("--"))
            .collect(java.util.stream.Collectors.joining("\n")).strip();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Whether the table is a view (computed from others when read, never stored). */
  public boolean isView() {
    return view != null;
  }

  /** The view's query in Spark SQL over the given names of its inputs (see {@link View}). */
  public String viewSql(java.util.function.Function<Table, String> names) {
    return view.sql(name, "spark", names);
  }

  /** Who may read a restricted table. */
  public static final String RESTRICTED_READERS =
      "restricted: personal data, the privacy officer's role only — not exposed to BI";

  /** Who may read every other table. */
  public static final String OPEN_READERS = "analysts and BI tools (no personal data)";

  /** The name used in SQL, e.g. {@code silver.transactions}. */
  public String qualifiedName() {
    return layer.label() + "." + name;
  }

  /** Column names in declaration order. */
  public List<String> columnNames() {
    return List.of(schema.fieldNames());
  }

  /** Who may read the table: derived from {@link #restricted()}. */
  public String readers() {
    return restricted ? RESTRICTED_READERS : OPEN_READERS;
  }

  /** The column's meaning (its schema comment); empty when it has none. */
  public String meaning(String column) {
    StructField field = schema.apply(column);
    return field.getComment().isDefined() ? field.getComment().get() : "";
  }

  static Table of(Layer layer, String name, String description, String ddl, String... partitionColumns) {
    StructType schema = StructType.fromDDL(ddl);
    return new Table(layer, name, description, schema, List.of(partitionColumns), false,
        statisticsProperties(schema, List.of(partitionColumns)), "", List.of(), null);
  }

  /** The string columns whose per-file statistics are kept: file identities, which carry no personal data. */
  static final java.util.Set<String> STRING_STATISTICS = java.util.Set.of("file_id");

  /**
   * Which columns Delta keeps per-file min/max statistics for ({@code delta.dataSkippingStatsColumns}):
   * numbers, dates and timestamps, and the file identity (Delta keeps none for booleans); never a text column. Statistics
   * are written into the Delta log in plain JSON and stay there after the files they describe are
   * rewritten or vacuumed, so a text column's statistics would copy a customer key, a raw record's
   * first 32 characters or a ciphertext prefix into the log for good (and erasure could not remove
   * it). Text statistics would buy nothing here: keys are uniformly spread hashes (every file spans
   * nearly the whole range) and the tables are pruned by their date partitions. Without any such
   * column no column statistics are kept at all.
   */
  static Map<String, String> statisticsProperties(StructType schema, List<String> partitionColumns) {
    List<String> kept = new java.util.ArrayList<>();
    for (StructField field : schema.fields()) {
      var type = field.dataType();
      boolean plain = type instanceof org.apache.spark.sql.types.NumericType
          || type instanceof org.apache.spark.sql.types.DateType
          || type instanceof org.apache.spark.sql.types.TimestampType
          || (type instanceof org.apache.spark.sql.types.StringType && STRING_STATISTICS.contains(field.name()));
      if (plain && !partitionColumns.contains(field.name())) {
        kept.add(field.name());
      }
    }
    return kept.isEmpty()
        ? Map.of(NUM_INDEXED_COLUMNS, "0")
        : Map.of(STATISTICS_COLUMNS, String.join(",", kept));
  }

  /** The Delta property naming the columns with per-file statistics. */
  public static final String STATISTICS_COLUMNS = "delta.dataSkippingStatsColumns";

  /** The Delta property limiting statistics to the first N columns (used with 0: none). */
  public static final String NUM_INDEXED_COLUMNS = "delta.dataSkippingNumIndexedCols";

  Table asRestricted() {
    return new Table(layer, name, description, schema, partitionColumns, true, properties, grain, key, view);
  }

  /** The same table created with these Delta properties. */
  Table withProperties(Map<String, String> extra) {
    Map<String, String> all = new java.util.TreeMap<>(properties);
    all.putAll(extra);
    return new Table(layer, name, description, schema, partitionColumns, restricted,
        java.util.Collections.unmodifiableMap(all), grain, key, view);
  }

  /** The same table with its grain: what one row is, e.g. "one row per customer per as-of date". */
  Table withGrain(String rowGrain) {
    return new Table(layer, name, description, schema, partitionColumns, restricted, properties, rowGrain, key,
        view);
  }

  /** The same table with its key: the columns that identify a row. Each must be a column of the table. */
  Table withKey(String... columns) {
    for (String column : columns) {
      if (!columnNames().contains(column)) {
        throw new IllegalArgumentException(qualifiedName() + " has no key column " + column);
      }
    }
    return new Table(layer, name, description, schema, partitionColumns, restricted, properties, grain,
        List.of(columns), view);
  }

  /** The same table published as a view over {@code reads} (its text: {@link View}); no Delta properties. */
  Table asViewOf(Table... reads) {
    return new Table(layer, name, description, schema, partitionColumns, restricted, Map.of(), grain, key,
        new View(List.of(reads)));
  }
}
