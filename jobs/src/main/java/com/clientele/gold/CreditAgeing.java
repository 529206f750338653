package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.credit_ageing: the company's receivables ageing month by month, as known at the as-of date D
 * (a line paid after a month's end was open at that end). Summed over the customers of
 * gold.customer_credit from each customer's months ({@link Receivables#months}), so D's month equals
 * the sum of gold.customer_credit.
 *
 * <p>Definitions (docs/metrics.md, "Credit"): per month from the first month with a line on credit
 * terms to D's month, measured on the month's last day (D in D's month): the open receivable and its
 * ageing buckets, overdue_amount, overdue_share = overdue_amount / open_receivable (null when
 * open_receivable ≤ 0), customers_with_receivable / customers_overdue (customers with at least one
 * open / overdue line), credit_sales (lines dated in the month) and collected (lines paid in the
 * month). Only months in which some line is open, dated or paid have a row.
 */
public final class CreditAgeing {

  private CreditAgeing() {}

  /**
   * The table's rows from the customer summaries ({@link CustomerSummaries#compute}, which carry
   * credit_months): those of the archived customers with a line on credit terms, the customers of
   * gold.customer_credit. (A line dated by D makes the customer exist at D, so these are the
   * customer facts' rows with credit lines; the facts themselves leave the month arrays out, which
   * every reader of the shared facts would otherwise copy.)
   */
  public static Dataset<Row> compute(Dataset<Row> summaries, LocalDate asOf) {
    Dataset<Row> months = summaries.where(col("is_customer").and(col("exists")).and(col("credit_lines").gt(0)))
        .select(explode(col(CustomerSummaries.CREDIT_MONTHS)).as("m"))
        .groupBy(col("m.month_day").as("month_day"), col("m.measured_day").as("measured_day"))
        .agg(sum("m.open_cents").as("open_cents"), sum("m.not_yet_due_cents").as("not_yet_due_cents"),
            sum("m.past_due_1_30_cents").as("past_due_1_30_cents"),
            sum("m.past_due_31_60_cents").as("past_due_31_60_cents"),
            sum("m.past_due_61_90_cents").as("past_due_61_90_cents"),
            sum("m.past_due_over_90_cents").as("past_due_over_90_cents"),
            sum("m.overdue_cents").as("overdue_cents"),
            count(when(col("m.open"), lit(1))).as("customers_with_receivable"),
            count(when(col("m.overdue"), lit(1))).as("customers_overdue"),
            sum("m.sales_cents").as("sales_cents"), sum("m.collected_cents").as("collected_cents"));
    Dataset<Row> rows = months
        .withColumn("as_of_date", GoldColumns.date(asOf))
        .withColumn("month_start", date_from_unix_date(col("month_day")))
        .withColumn("measured_on", date_from_unix_date(col("measured_day")))
        .withColumn("open_receivable", CustomerSummaries.amount(col("open_cents")))
        .withColumn("not_yet_due", CustomerSummaries.amount(col("not_yet_due_cents")))
        .withColumn("past_due_1_30", CustomerSummaries.amount(col("past_due_1_30_cents")))
        .withColumn("past_due_31_60", CustomerSummaries.amount(col("past_due_31_60_cents")))
        .withColumn("past_due_61_90", CustomerSummaries.amount(col("past_due_61_90_cents")))
        .withColumn("past_due_over_90", CustomerSummaries.amount(col("past_due_over_90_cents")))
        .withColumn("overdue_amount", CustomerSummaries.amount(col("overdue_cents")))
        .withColumn("overdue_share", when(col("open_cents").gt(0),
            col("overdue_cents").cast("double").divide(col("open_cents").cast("double"))))
        .withColumn("credit_sales", CustomerSummaries.amount(col("sales_cents")))
        .withColumn("collected", CustomerSummaries.amount(col("collected_cents")));
    return GoldColumns.conform(TableCatalog.CREDIT_AGEING, rows);
  }
}
