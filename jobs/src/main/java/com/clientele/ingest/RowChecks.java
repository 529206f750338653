package com.clientele.ingest;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.clientele.config.ExportKind;
import com.clientele.config.SourceDefinition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Building blocks for typing and validating canonical columns with Spark's built-in functions
 * (no per-row UDFs): value extraction from a record's {@code values} (its text for each canonical
 * column, in canonical order, see {@link ExportFileReader}), date/amount parsing, label mapping, and
 * "first failing rule wins" rejection.
 */
final class RowChecks {

  private RowChecks() {}

  /** A validation rule: when {@code failed} is true the row is quarantined with {@code reason}. */
  record Rule(Column failed, QuarantineReason reason, Column detail) {
    static Rule of(Column failed, QuarantineReason reason, String detail) {
      return new Rule(failed, reason, lit(detail));
    }
  }

  /** Amounts: optional sign, optional currency sign, digits with optional 3-digit grouping, ≤ 2 decimals. */
  private static final String AMOUNT_PATTERN =
      "^[+-]?[¥￥$€£]?\\s*(\\d{1,3}(,\\d{3})+|\\d{1,16})(\\.\\d{1,2})?$";
  private static final String INTEGER_PATTERN = "^[+-]?\\d{1,9}$";

  /** The trimmed text of a canonical column of the record, null when absent or empty. */
  static Column text(ExportKind kind, String column) {
    int index = kind.columns().indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no canonical column '" + column + "' in " + kind.label());
    }
    Column value = trim(col("values").getItem(index));
    return when(length(value).gt(0), value);
  }

  /** Whether a non-null text failed to become a typed value. */
  static Column unparsed(Column text, Column typed) {
    return text.isNotNull().and(typed.isNull());
  }

  /** The first of the date patterns that parses the text (a real calendar day), else null. */
  static Column date(Column text, List<String> patterns) {
    return coalesce(patterns.stream().map(p -> to_date(text, p)).toArray(Column[]::new));
  }

  static Column timestamp(Column text, List<String> patterns) {
    return coalesce(patterns.stream().map(p -> to_timestamp(text, p)).toArray(Column[]::new));
  }

  /** A decimal(18,2) amount; text that is not a plain amount (see AMOUNT_PATTERN) gives null. */
  static Column amount(Column text) {
    Column cleaned = regexp_replace(text, "[,\\s¥￥$€£]", "");
    return when(text.rlike(AMOUNT_PATTERN), cleaned.cast(DataTypes.createDecimalType(18, 2)));
  }

  static Column integer(Column text) {
    return when(text.rlike(INTEGER_PATTERN), text.cast(DataTypes.IntegerType));
  }

  /** Maps a label through a configured label map (keys lower case), null when unknown. */
  static Column mapped(Column label, Map<String, String> labels) {
    TreeMap<String, String> sorted = new TreeMap<>(labels);
    Column[] pairs = sorted.entrySet().stream()
        .flatMap(e -> java.util.stream.Stream.of(lit(e.getKey()), lit(e.getValue())))
        .toArray(Column[]::new);
    return element_at(map(pairs), lower(label));
  }

  /**
   * The rejection of a row: a struct (reason_code, reason_detail) from the first failing rule, or
   * null when every rule passes. A problem found while reading the file comes first.
   */
  static Column firstFailure(List<Rule> rules) {
    Column parse = col("parse_error");
    Column result = when(parse.isNotNull(), struct(parse.as("reason_code"), col("parse_detail").as("reason_detail")));
    for (Rule rule : rules) {
      result = result.when(rule.failed(),
          struct(lit(rule.reason().code()).as("reason_code"), rule.detail().cast("string").as("reason_detail")));
    }
    return result;
  }

  /** A content hash over typed columns (nulls distinguished from empty strings). */
  static Column contentHash(List<String> columns) {
    Column[] parts = columns.stream()
        .map(c -> coalesce(col(c).cast("string"), lit("\u0000")))
        .toArray(Column[]::new);
    return sha2(concat_ws("\u0001", parts), 256);
  }

  /**
   * Sets the record id column: the export's id (in {@code t_<idColumn>}), or for a source without
   * ids {@code <source>:<first 20 hex of record_hash>:<occurrence of that content in the file>}, so
   * a line repeated within a file stays a separate record while the same line delivered again in
   * another file is recognised. Needs {@code record_hash}, {@code rejection} and lineage columns.
   */
  static Dataset<Row> withRecordId(Dataset<Row> checked, SourceDefinition source, String idColumn) {
    Column given = col("t_" + idColumn);
    Column id = source.hasRecordId()
        ? given
        : concat_ws(":", lit(source.name()), substring(col("record_hash"), 1, 20),
            row_number().over(Window.partitionBy(col("file_id"), col("record_hash"), col("rejection").isNull())
                .orderBy("row_number")).cast("string"));
    return checked.withColumn(idColumn, when(col("rejection").isNull(), id).otherwise(given));
  }

  /** The record id's text, or null for sources without ids. */
  static Column idText(SourceDefinition source, ExportKind kind, String idColumn) {
    return source.hasRecordId() ? text(kind, idColumn) : lit(null).cast("string");
  }

  /** The lineage and parse columns every typed frame starts with, followed by {@code more}. */
  static Column[] withLineage(Column... more) {
    List<Column> cols = new java.util.ArrayList<>();
    Outcomes.LINEAGE.forEach(c -> cols.add(col(c)));
    cols.add(col("parse_error"));
    cols.add(col("parse_detail"));
    cols.addAll(List.of(more));
    return cols.toArray(Column[]::new);
  }

  /** "detail: 'value'" for rejection messages. */
  static Column detail(String prefix, Column value) {
    return concat(lit(prefix + " '"), coalesce(value, lit("")), lit("'"));
  }
}
