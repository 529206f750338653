package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * gold.report_segment_mix — the segment mix the executive summary prints, per as-of date: for each scheme
 * (value_position, abc_grade, lifecycle = gold.customer_profile.lifecycle_stage) and segment,
 * <ul>
 *   <li>customers: the customers of gold.customer_profile in the segment;
 *       customer_share = customers / the scheme's customers;</li>
 *   <li>amount_12m: the sum of their amount_12m (net revenue of the trailing year);
 *       revenue_share = max(amount_12m, 0) / the sum of max(amount_12m, 0) over the scheme's segments (a segment
 *       with a net refund counts as 0; null when no segment has positive revenue).</li>
 * </ul>
 */
public final class ReportSegmentMix {

  /** scheme name → the gold.customer_profile column holding its segment. */
  static final String[][] SCHEMES = {{"value_position", "value_position"}, {"abc_grade", "abc_grade"},
      {"lifecycle", "lifecycle_stage"}};

  private ReportSegmentMix() {}

  /** @param profile gold.customer_profile rows (as_of_date, value_position, abc_grade, lifecycle_stage, amount_12m) */
  public static Dataset<Row> compute(Dataset<Row> profile) {
    Dataset<Row> segments = null;
    for (String[] scheme : SCHEMES) {
      Dataset<Row> one = profile.groupBy(col("as_of_date"), col(scheme[1]).as("segment"))
          .agg(count(lit(1)).as("customers"), coalesce(sum("amount_12m"), lit(0)).as("amount_12m"))
          .withColumn("scheme", lit(scheme[0]));
      segments = segments == null ? one : segments.unionByName(one);
    }
    WindowSpec inScheme = Window.partitionBy("as_of_date", "scheme");
    Dataset<Row> table = segments
        .withColumn("customer_share", ratio(col("customers"), sum("customers").over(inScheme)))
        .withColumn("_positive", greatest(col("amount_12m"), lit(0)))
        .withColumn("revenue_share", ratio(col("_positive"), sum("_positive").over(inScheme)));
    return GoldColumns.conform(TableCatalog.REPORT_SEGMENT_MIX, table);
  }
}
