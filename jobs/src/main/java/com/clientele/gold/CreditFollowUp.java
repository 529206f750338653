package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * gold.credit_follow_up: the credit follow-up list of an as-of date D — the customers to re-check and
 * chase (the guidance: when a customer pays late, first re-check their credit rating, then
 * re-assess and follow up). Settings: {@code clientele.analytics.credit.follow-up}.
 *
 * <p>Definitions (docs/metrics.md, "Credit"):
 * <ul>
 *   <li>a customer of gold.customer_credit is listed when an open line is at least
 *       {@code follow-up.past-due-days} past due (max_days_past_due), or when their grade fell:
 *       their grade as of D − {@code follow-up.compare-days} (the previous grade, computed from the
 *       same silver by the same rules, not read from an earlier snapshot) was a known grade above
 *       today's known grade (A &gt; B &gt; C &gt; D; unknown compares with nothing);</li>
 *   <li>priority 1, 2, …: by overdue_amount (largest first), then max_days_past_due (longest
 *       first), then customer_key;</li>
 *   <li>follow_up_reason: "N days past due: X overdue" and/or "grade fell from P to G", joined by
 *       "; ".</li>
 * </ul>
 */
public final class CreditFollowUp {

  private CreditFollowUp() {}

  /**
   * @param credit gold.customer_credit rows of D
   * @param previous gold.customer_credit rows as of D − compare-days
   */
  public static Dataset<Row> compute(Dataset<Row> credit, Dataset<Row> previous, LocalDate asOf,
      AnalyticsSettings settings) {
    Dataset<Row> before = previous.select(col("customer_key").as("_previous_key"),
        col("credit_grade").as("previous_grade"), col("overdue_amount").as("previous_overdue_amount"));
    Dataset<Row> joined = credit.join(before, col("customer_key").equalTo(col("_previous_key")), "left")
        .drop("_previous_key");
    Column fell = coalesce(rank(col("previous_grade")).lt(rank(col("credit_grade"))), lit(false));
    Column overdue = coalesce(col("max_days_past_due").geq(settings.credit().followUpPastDueDays()), lit(false));
    Column reason = concat_ws("; ",
        when(overdue, concat(col("max_days_past_due").cast("string"), lit(" days past due: "),
            col("overdue_amount").cast("string"), lit(" overdue"))),
        when(fell, concat(lit("grade fell from "), col("previous_grade"), lit(" to "), col("credit_grade"))));
    Dataset<Row> listed = joined.where(overdue.or(fell))
        .withColumn("grade_fell", fell)
        .withColumn("follow_up_reason", reason)
        .withColumn("priority", row_number().over(Window.orderBy(col("overdue_amount").desc(),
            col("max_days_past_due").desc_nulls_last(), col("customer_key"))))
        .withColumn("as_of_date", GoldColumns.date(asOf));
    return GoldColumns.conform(TableCatalog.CREDIT_FOLLOW_UP, listed);
  }

  /** A known grade's rank, A = 1 … D = 4; null for unknown. */
  private static Column rank(Column grade) {
    return when(grade.equalTo("A"), lit(1)).when(grade.equalTo("B"), lit(2)).when(grade.equalTo("C"), lit(3))
        .when(grade.equalTo("D"), lit(4));
  }
}
