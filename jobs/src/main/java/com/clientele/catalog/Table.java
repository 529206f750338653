package com.clientele.catalog;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * One table of the warehouse, declared once in {@link TableCatalog}: where it lives
 * ({@code <warehouse>/<layer>/<name>}), its schema, what it holds, and the Delta table properties it
 * is created with (e.g. a change data feed for tables whose changes are folded into derived state).
 */
public record Table(Layer layer, String name, String description, StructType schema,
    List<String> partitionColumns, boolean restricted, Map<String, String> properties) {

  /** The name used in SQL, e.g. {@code silver.transactions}. */
  public String qualifiedName() {
    return layer.label() + "." + name;
  }

  /** Column names in declaration order. */
  public List<String> columnNames() {
    return List.of(schema.fieldNames());
  }

  static Table of(Layer layer, String name, String description, String ddl, String... partitionColumns) {
    return new Table(layer, name, description, StructType.fromDDL(ddl), List.of(partitionColumns), false, Map.of());
  }

  Table asRestricted() {
    return new Table(layer, name, description, schema, partitionColumns, true, properties);
  }

  /** The same table created with these Delta properties. */
  Table withProperties(Map<String, String> extra) {
    Map<String, String> all = new java.util.TreeMap<>(properties);
    all.putAll(extra);
    return new Table(layer, name, description, schema, partitionColumns, restricted, Map.copyOf(all));
  }
}
