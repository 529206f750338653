package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The months the monthly gold tables cover: every month from the month of the first transaction
 * line (sale or refund) up to the as-of month — months without any new customer or sale included.
 * The as-of month is month-to-date.
 */
final class Months {

  private Months() {}

  /** One row per month: month_start. Empty when there are no transactions yet. */
  static Dataset<Row> grid(GoldInputs in) {
    return in.days().agg(min("activity_date").as("_first"))
        .where(col("_first").isNotNull())
        .select(explode(sequence(trunc(col("_first"), "month"), trunc(in.asOfDate(), "month"),
            expr("interval 1 month"))).as("month_start"));
  }

  /** Whole months from {@code from} to {@code to} (both month starts). */
  static Column monthsBetween(Column from, Column to) {
    return months_between(to, from).cast("int");
  }

  /** Customer months: per customer and month with activity, purchase_days, sales_amount, revenue. */
  static Dataset<Row> customerMonths(GoldInputs in) {
    return in.days()
        .groupBy(col("customer_key"), trunc(col("activity_date"), "month").as("month_start"))
        .agg(count(when(col("purchase_lines").gt(0), lit(1))).as("purchase_days"),
            sum("sales_amount").as("sales_amount"),
            sum("net_amount").as("revenue"));
  }
}
