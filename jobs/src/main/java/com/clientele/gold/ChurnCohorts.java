package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.churn_cohorts — monthly acquisition cohorts (customers grouped by the month of their first
 * purchase) × months since acquisition, from the acquisition month to the as-of month (one row per
 * cell, empty cells included):
 * <ul>
 *   <li>cohort_customers: customers acquired in acquisition_month;</li>
 *   <li>customers_retained: of them, those with a purchase day in month_start
 *       (= acquisition_month + months_since_acquisition; month 0 is the whole cohort);
 *       retention_rate = customers_retained / cohort_customers;</li>
 *   <li>revenue_retained: the cohort's net revenue in that month (refunds included);
 *       revenue_retention_rate = revenue_retained / the cohort's revenue in month 0 (null when that is
 *       not positive).</li>
 * </ul>
 */
public final class ChurnCohorts {

  private ChurnCohorts() {}

  /** @param summaries customer summaries ({@link CustomerSummaries}) */
  public static Dataset<Row> compute(GoldInputs in, Dataset<Row> summaries) {
    Dataset<Row> buyers = summaries.where(col("first_purchase_date").isNotNull())
        .withColumn("acquisition_month", trunc(col("first_purchase_date"), "month"));
    Dataset<Row> sizes = buyers.groupBy("acquisition_month").agg(count(lit(1)).as("cohort_customers"));
    Dataset<Row> cells = Months.customerMonths(buyers, "acquisition_month")
        .groupBy("acquisition_month", "month_start")
        .agg(count(when(col("purchase_days").gt(0), lit(1))).as("customers_retained"),
            sum("revenue_cents").as("_revenue_cents"))
        .withColumn("revenue_retained", CustomerSummaries.amount(col("_revenue_cents")));
    Dataset<Row> grid = sizes.crossJoin(Months.grid(in, summaries))
        .where(col("month_start").geq(col("acquisition_month")));
    Dataset<Row> firstMonth = cells.where(col("acquisition_month").equalTo(col("month_start")))
        .select(col("acquisition_month"), col("revenue_retained").as("_month0_revenue"));
    Dataset<Row> table = grid
        .join(cells, new String[] {"acquisition_month", "month_start"}, "left")
        .join(firstMonth, new String[] {"acquisition_month"}, "left")
        .withColumn("as_of_date", in.asOfDate())
        .withColumn("months_since_acquisition", Months.monthsBetween(col("acquisition_month"), col("month_start")))
        .withColumn("customers_retained", coalesce(col("customers_retained"), lit(0L)))
        .withColumn("revenue_retained", coalesce(col("revenue_retained"), lit(0)))
        .withColumn("retention_rate", ratio(col("customers_retained"), col("cohort_customers")))
        .withColumn("revenue_retention_rate", ratio(col("revenue_retained"), col("_month0_revenue")));
    return GoldColumns.conform(TableCatalog.CHURN_COHORTS, table);
  }
}
