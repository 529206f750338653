package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.Table;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Small column helpers shared by the gold transformations. */
final class GoldColumns {

  private GoldColumns() {}

  /** The frame with exactly the table's columns, in order, cast to the declared types. */
  static Dataset<Row> conform(Table table, Dataset<Row> frame) {
    Column[] columns = Arrays.stream(table.schema().fields())
        .map(f -> col("`" + f.name() + "`").cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
    return frame.select(columns);
  }

  static Column date(LocalDate day) {
    return lit(Date.valueOf(day));
  }

  /**
   * numerator / denominator as doubles (each cast first, so decimal sums divide exactly as in any
   * SQL engine); null when the denominator is not positive.
   */
  static Column ratio(Column numerator, Column denominator) {
    return when(denominator.gt(0), numerator.cast("double").divide(denominator.cast("double")));
  }

  /** Seconds between two timestamps (whole seconds). */
  static Column secondsBetween(Column from, Column to) {
    return to.cast("long").minus(from.cast("long"));
  }

  /** The first day of the date's month. */
  static Column monthOf(Column date) {
    return trunc(date, "month");
  }

  /**
   * Missing counts (left joins) become 0, missing amounts 0.00 — in one projection, since every
   * withColumn adds a plan node that later analysis walks again.
   */
  static Dataset<Row> withZeros(Dataset<Row> frame, String[] counts, String[] amounts) {
    java.util.Map<String, Column> zeros = new java.util.LinkedHashMap<>();
    for (String c : counts) {
      zeros.put(c, coalesce(col(c), lit(0L)));
    }
    for (String c : amounts) {
      zeros.put(c, coalesce(col(c), lit(0)).cast("decimal(18,2)"));
    }
    return frame.withColumns(zeros);
  }
}
