package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_credit (客户信用管理): per customer with lines on credit terms, the receivables and
 * payment record of {@link Receivables} and a credit grade. Settings: {@code clientele.analytics.credit}.
 *
 * <p>Metric definitions (docs/metrics.md, "Credit"), D = the as-of date:
 * <ul>
 *   <li>on_time_payment_rate = on-time lines / lines_due_12m; average_days_late = days late of those
 *       lines / lines_due_12m; both null when lines_due_12m = 0;</li>
 *   <li>days_sales_outstanding = open_receivable / credit_sales_12m × trailing-year-days (null when
 *       credit_sales_12m ≤ 0);</li>
 *   <li>payment_score = on_time_payment_rate × max(0, 1 − average_days_late / zero-score-days-late);</li>
 *   <li>frequency_score = min(1, purchase_days_12m / full-score.purchase-days);</li>
 *   <li>influence_score = min(1, referrals_converted / full-score.referrals);</li>
 *   <li>prospects_score = min(1, max(0, 0.5 + 0.5 × (amount_12m − amount_prior_12m) / amount_prior_12m))
 *       when amount_prior_12m &gt; 0; else 0.5 when amount_12m &gt; 0, else 0;</li>
 *   <li>loyalty_score = min(1, tenure_days / full-score.tenure-days) (0 without a purchase);</li>
 *   <li>credit_score = Σ weight × score / Σ weight (null when lines_due_12m = 0);</li>
 *   <li>credit_grade: unknown when lines_due_12m = 0 (no payment record, never a good grade by
 *       default); else D when an open line is at least d-when-past-due-days past due; else the grade of
 *       the score (A ≥ grades.a, B ≥ grades.b, C ≥ grades.c, else D), lowered to C when an open line is
 *       at least c-when-past-due-days past due;</li>
 *   <li>suggested_payment_days = terms.&lt;grade&gt;.payment-days; suggested_credit_limit = max(0,
 *       credit_sales_12m) × payment-days / trailing-year-days × terms.&lt;grade&gt;.headroom, rounded half up
 *       to the cent (what the customer normally owes on those terms, with headroom); over_credit_limit =
 *       open_receivable &gt; suggested_credit_limit.</li>
 * </ul>
 */
public final class CustomerCredit {

  private CustomerCredit() {}

  /** The table's rows from the customer facts ({@link CustomerFacts#compute}, which carry the receivables). */
  public static Dataset<Row> compute(Dataset<Row> facts, LocalDate asOf, AnalyticsSettings settings) {
    AnalyticsSettings.Credit c = settings.credit();
    Column due = col("lines_due_12m");
    Column known = due.gt(0);
    Column onTimeRate = when(known, col("on_time_12m").cast("double").divide(due.cast("double")));
    Column daysLate = when(known, col("days_late_12m").cast("double").divide(due.cast("double")));
    Column payment = onTimeRate.multiply(greatest(lit(0.0),
        lit(1.0).minus(daysLate.divide((double) c.zeroScoreDaysLate()))));
    Column frequency = least(lit(1.0), col("purchase_days_12m").cast("double").divide((double) c.fullScorePurchaseDays()));
    Column influence = least(lit(1.0), col("referrals_converted").cast("double").divide((double) c.fullScoreReferrals()));
    Column prior = col("amount_prior_12m").cast("double");
    Column current = col("amount_12m").cast("double");
    Column prospects = when(prior.gt(0), least(lit(1.0), greatest(lit(0.0),
        lit(0.5).plus(lit(0.5).multiply(current.minus(prior).divide(prior))))))
        .when(current.gt(0), lit(0.5)).otherwise(lit(0.0));
    // (least() skips nulls: a customer without a purchase has no tenure, and scores 0.)
    Column loyalty = when(col("tenure_days").isNull(), lit(0.0))
        .otherwise(least(lit(1.0), col("tenure_days").cast("double").divide((double) c.fullScoreTenureDays())));
    double total = c.paymentWeight() + c.frequencyWeight() + c.influenceWeight() + c.prospectsWeight()
        + c.loyaltyWeight();
    Column score = col("payment_score").multiply(c.paymentWeight())
        .plus(col("frequency_score").multiply(c.frequencyWeight()))
        .plus(col("influence_score").multiply(c.influenceWeight()))
        .plus(col("prospects_score").multiply(c.prospectsWeight()))
        .plus(col("loyalty_score").multiply(c.loyaltyWeight()))
        .divide(total);
    Column pastDue = coalesce(col("max_days_past_due"), lit(0));
    Column byScore = when(col("credit_score").geq(c.gradeA()), lit("A"))
        .when(col("credit_score").geq(c.gradeB()), lit("B"))
        .when(col("credit_score").geq(c.gradeC()), lit("C"))
        .otherwise(lit("D"));
    Column grade = when(not(known), lit("unknown"))
        .when(pastDue.geq(c.capDDaysPastDue()), lit("D"))
        .when(pastDue.geq(c.capCDaysPastDue()).and(byScore.isin("A", "B")), lit("C"))
        .otherwise(byScore);
    Dataset<Row> rows = facts.where(col("credit_lines").gt(0))
        .withColumn("as_of_date", GoldColumns.date(asOf))
        .withColumn("on_time_payment_rate", onTimeRate)
        .withColumn("average_days_late", daysLate)
        .withColumn("days_sales_outstanding", when(col("credit_sales_12m").gt(0),
            col("open_receivable").cast("double").divide(col("credit_sales_12m").cast("double"))
                .multiply((double) settings.trailingYearDays())))
        .withColumn("payment_score", payment)
        .withColumn("frequency_score", frequency)
        .withColumn("influence_score", influence)
        .withColumn("prospects_score", prospects)
        .withColumn("loyalty_score", loyalty)
        .withColumn("credit_score", when(known, score))
        .withColumn("credit_grade", grade);
    // Suggested terms: the grade's payment days; the limit in cents, exactly and rounded half up:
    // max(0, credit sales cents) x days x headroom% / (trailing days x 100).
    Column days = lit(null).cast("int");
    Column headroom = lit(null).cast("long");
    for (var t : c.terms().entrySet()) {
      days = when(col("credit_grade").equalTo(t.getKey()), lit(t.getValue().paymentDays())).otherwise(days);
      headroom = when(col("credit_grade").equalTo(t.getKey()), lit((long) t.getValue().headroomPercent()))
          .otherwise(headroom);
    }
    long denominator = 100L * settings.trailingYearDays();
    Column salesCents = greatest(lit(0L), col("credit_sales_12m").multiply(100).cast("long"));
    rows = rows.withColumn("_limit_numerator", salesCents.multiply(days.cast("long")).multiply(headroom).multiply(2)
        .plus(denominator));
    // Integral division of longs ("div"), so no double rounding creeps in.
    Column limitCents = expr("_limit_numerator div " + (2 * denominator));
    rows = rows.withColumn("suggested_payment_days", days)
        .withColumn("suggested_credit_limit", CustomerSummaries.amount(limitCents))
        .withColumn("over_credit_limit", col("open_receivable").gt(col("suggested_credit_limit")));
    return GoldColumns.conform(TableCatalog.CUSTOMER_CREDIT, rows);
  }
}
