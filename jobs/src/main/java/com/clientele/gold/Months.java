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
  static Dataset<Row> grid(GoldInputs in, Dataset<Row> summaries) {
    return summaries.agg(min("first_transaction_date").as("_first"))
        .where(col("_first").isNotNull())
        .select(explode(sequence(trunc(col("_first"), "month"), trunc(in.asOfDate(), "month"),
            expr("interval 1 month"))).as("month_start"));
  }

  /** Whole months from {@code from} to {@code to} (both month starts). */
  static Column monthsBetween(Column from, Column to) {
    return months_between(to, from).cast("int");
  }

  /**
   * Customer months ({@link PurchaseHistory.Month}): per customer and month with a transaction line,
   * customer_key, month_start, purchase_days, sales_cents, revenue_cents, old_revenue_cents, is_new,
   * is_repeat, is_retained, is_won_back, plus the given columns of the summary row.
   *
   * @param summaries customer summaries ({@link CustomerSummaries})
   */
  static Dataset<Row> customerMonths(Dataset<Row> summaries, String... carried) {
    Column[] keep = new Column[carried.length + 2];
    keep[0] = col("customer_key");
    for (int i = 0; i < carried.length; i++) {
      keep[i + 1] = col(carried[i]);
    }
    keep[carried.length + 1] = explode(col(CustomerSummaries.MONTHS)).as("_m");
    return summaries.select(keep)
        .select(col("*"), date_from_unix_date(col("_m.month_day")).as("month_start"),
            col("_m.purchase_days").as("purchase_days"), col("_m.sales_cents").as("sales_cents"),
            col("_m.revenue_cents").as("revenue_cents"), col("_m.old_revenue_cents").as("old_revenue_cents"),
            col("_m.is_new").as("is_new"), col("_m.is_repeat").as("is_repeat"),
            col("_m.is_retained").as("is_retained"), col("_m.is_won_back").as("is_won_back"))
        .drop("_m");
  }

  /**
   * Lifecycle events ({@link PurchaseHistory.Event}): customer_key, event, event_date, purchase_date,
   * annual_value_cents, complaint_categories (of the complaints preceding a lost event), month_start
   * (of the event date).
   */
  static Dataset<Row> events(Dataset<Row> summaries) {
    return summaries.select(col("customer_key"), explode(col(CustomerSummaries.EVENTS)).as("_e"))
        .select(col("customer_key"), col("_e.event").as("event"),
            date_from_unix_date(col("_e.event_day")).as("event_date"),
            date_from_unix_date(col("_e.purchase_day")).as("purchase_date"),
            col("_e.annual_value_cents").as("annual_value_cents"),
            col("_e.complaint_categories").as("complaint_categories"))
        .withColumn("month_start", trunc(col("event_date"), "month"));
  }

  /**
   * Service months ({@link ServiceHistory.Month}): per customer and month with interactions,
   * customer_key, month_start, satisfaction_responses, satisfaction_sum, complaints,
   * answered_in_time, resolution_hours, plus the given columns of the summary row.
   */
  static Dataset<Row> serviceMonths(Dataset<Row> summaries, String... carried) {
    Column[] keep = new Column[carried.length + 2];
    keep[0] = col("customer_key");
    for (int i = 0; i < carried.length; i++) {
      keep[i + 1] = col(carried[i]);
    }
    keep[carried.length + 1] = explode(col(CustomerSummaries.SERVICE_MONTHS)).as("_s");
    return summaries.select(keep)
        .select(col("*"), date_from_unix_date(col("_s.month_day")).as("month_start"),
            col("_s.satisfaction_responses").as("satisfaction_responses"),
            col("_s.satisfaction_sum").as("satisfaction_sum"), col("_s.complaints").as("complaints"),
            col("_s.answered_in_time").as("answered_in_time"), col("_s.resolution_hours").as("resolution_hours"))
        .drop("_s");
  }
}
