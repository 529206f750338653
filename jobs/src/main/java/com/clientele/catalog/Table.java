package com.clientele.catalog;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * One table of the warehouse, declared once in {@link TableCatalog}: where it lives
 * ({@code <warehouse>/<layer>/<name>}), its schema and what it holds.
 */
public record Table(Layer layer, String name, String description, StructType schema,
    List<String> partitionColumns, boolean restricted) {

  /** The name used in SQL, e.g. {@code silver.transactions}. */
  public String qualifiedName() {
    return layer.label() + "." + name;
  }

  /** Column names in declaration order. */
  public List<String> columnNames() {
    return List.of(schema.fieldNames());
  }

  static Table of(Layer layer, String name, String description, String ddl, String... partitionColumns) {
    return new Table(layer, name, description, StructType.fromDDL(ddl), List.of(partitionColumns), false);
  }

  Table asRestricted() {
    return new Table(layer, name, description, schema, partitionColumns, true);
  }
}
