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
    String grain, List<String> key) {

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
    return new Table(layer, name, description, StructType.fromDDL(ddl), List.of(partitionColumns), false, Map.of(),
        "", List.of());
  }

  Table asRestricted() {
    return new Table(layer, name, description, schema, partitionColumns, true, properties, grain, key);
  }

  /** The same table created with these Delta properties. */
  Table withProperties(Map<String, String> extra) {
    Map<String, String> all = new java.util.TreeMap<>(properties);
    all.putAll(extra);
    return new Table(layer, name, description, schema, partitionColumns, restricted, Map.copyOf(all), grain, key);
  }

  /** The same table with its grain: what one row is, e.g. "one row per customer per as-of date". */
  Table withGrain(String rowGrain) {
    return new Table(layer, name, description, schema, partitionColumns, restricted, properties, rowGrain, key);
  }

  /** The same table with its key: the columns that identify a row. Each must be a column of the table. */
  Table withKey(String... columns) {
    for (String column : columns) {
      if (!columnNames().contains(column)) {
        throw new IllegalArgumentException(qualifiedName() + " has no key column " + column);
      }
    }
    return new Table(layer, name, description, schema, partitionColumns, restricted, properties, grain,
        List.of(columns));
  }
}
