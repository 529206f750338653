package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.report_kpis — the executive summary's headline KPIs in long form, per as-of date, month and KPI: value is
 * the month's value of the gold column named by kpi (gold.loyalty_metrics for all customers, gold.leaky_bucket,
 * gold.referral_metrics' month rows; see {@link #LOYALTY}, {@link #LEAKY_BUCKET}, {@link #REFERRAL});
 * previous_month_value is the same KPI's value for the month before and same_month_last_year_value for the month
 * twelve months before, from the same snapshot (null where the snapshot has no such month or value).
 */
public final class ReportKpis {

  /** KPIs that are columns of gold.loyalty_metrics (breakdown = all). */
  public static final List<String> LOYALTY = List.of("revenue", "active_customers", "new_customers",
      "average_order_value", "old_customer_revenue_share", "retention_rate", "repeat_purchase_rate",
      "top_customers_revenue_share", "answered_in_time_share", "complaint_rate", "average_satisfaction",
      "median_resolution_hours");
  /** KPIs that are columns of gold.leaky_bucket. */
  public static final List<String> LEAKY_BUCKET = List.of("customers_lost", "customers_won_back");
  /** KPIs that are columns of gold.referral_metrics (period = month). */
  public static final List<String> REFERRAL = List.of("referred_new_share");

  private ReportKpis() {}

  /**
   * @param loyalty  gold.loyalty_metrics
   * @param bucket   gold.leaky_bucket
   * @param referral gold.referral_metrics
   */
  public static Dataset<Row> compute(Dataset<Row> loyalty, Dataset<Row> bucket, Dataset<Row> referral) {
    Dataset<Row> values = longForm(loyalty.where(col("breakdown").equalTo("all")), LOYALTY)
        .unionByName(longForm(bucket, LEAKY_BUCKET))
        .unionByName(longForm(referral.where(col("period").equalTo("month")), REFERRAL));
    Dataset<Row> table = values
        .join(shifted(values, 1, "previous_month_value"), new String[] {"as_of_date", "kpi", "month_start"}, "left")
        .join(shifted(values, 12, "same_month_last_year_value"), new String[] {"as_of_date", "kpi", "month_start"},
            "left");
    return GoldColumns.conform(TableCatalog.REPORT_KPIS, table);
  }

  /** One row per month and KPI: as_of_date, month_start, kpi, value (as a double). */
  private static Dataset<Row> longForm(Dataset<Row> rows, List<String> kpis) {
    List<String> stack = new ArrayList<>();
    for (String kpi : kpis) {
      stack.add("'" + kpi + "'");
      stack.add("CAST(`" + kpi + "` AS DOUBLE)");
    }
    return rows.selectExpr("as_of_date", "month_start",
        "stack(" + kpis.size() + ", " + String.join(", ", stack) + ") AS (kpi, value)");
  }

  /** The values moved forward by the given months: a month's row carries the value of that many months before. */
  private static Dataset<Row> shifted(Dataset<Row> values, int months, String name) {
    return values.select(col("as_of_date"), col("kpi"), add_months(col("month_start"), months).as("month_start"),
        col("value").as(name));
  }
}
