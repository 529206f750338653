package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * gold.report_pareto — the revenue Pareto curve, per as-of date and customer_percent p = 1..100: the customers
 * with a positive amount_12m (gold.customer_profile, net revenue of the trailing year) ranked by it, largest first
 * (ties by customer_key);
 * <ul>
 *   <li>customers_with_revenue: n, how many there are;</li>
 *   <li>customers: ⌈n · p / 100⌉, the top p% of them (rounded up);</li>
 *   <li>amount_12m: their amount_12m summed; revenue_share = amount_12m / the amount_12m of all n.</li>
 * </ul>
 * No rows when no customer has positive revenue. The executive summary's note reads the row at
 * {@code top-customers-percent}.
 */
public final class ReportPareto {

  private ReportPareto() {}

  /** @param profile gold.customer_profile rows (as_of_date, customer_key, amount_12m) */
  public static Dataset<Row> compute(Dataset<Row> profile) {
    Dataset<Row> positive = profile.where(col("amount_12m").gt(0)).select("as_of_date", "customer_key", "amount_12m");
    // One as-of date per build: the ranking is one sorted partition of the customers with revenue.
    WindowSpec largestFirst = Window.partitionBy("as_of_date").orderBy(col("amount_12m").desc(), col("customer_key"));
    Dataset<Row> ranked = positive.select(col("as_of_date").as("_as_of"), row_number().over(largestFirst).as("_rank"),
        sum("amount_12m").over(largestFirst.rowsBetween(Window.unboundedPreceding(), Window.currentRow()))
            .as("amount_12m"));
    Dataset<Row> totals = positive.groupBy("as_of_date")
        .agg(count(lit(1)).as("customers_with_revenue"), sum("amount_12m").as("_total"));
    Dataset<Row> percents = profile.sparkSession().range(1, 101).select(col("id").cast("int").as("customer_percent"));
    Dataset<Row> grid = totals.crossJoin(percents)
        .withColumn("customers", ceil(col("customers_with_revenue").multiply(col("customer_percent")).divide(100))
            .cast("bigint"));
    Dataset<Row> table = grid.join(ranked, col("as_of_date").equalTo(col("_as_of"))
            .and(col("customers").equalTo(col("_rank"))))
        .withColumn("revenue_share", ratio(col("amount_12m"), col("_total")));
    return GoldColumns.conform(TableCatalog.REPORT_PARETO, table);
  }
}
