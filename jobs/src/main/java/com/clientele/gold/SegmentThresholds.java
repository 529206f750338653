package com.clientele.gold;

import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.segment_thresholds — the day's edges of the population-relative segment schemes. A relative
 * rule ({@link CustomerSegments}) depends on every customer; each one reduces exactly to the
 * customer's own measure compared with one value of the day, published here:
 * <ul>
 *   <li>value_position: the share of revenue before a customer only grows as their amount_12m falls,
 *       so key ⇔ amount_12m ≥ {@code key} (the smallest amount_12m of a key customer), key or
 *       general ⇔ amount_12m ≥ {@code general} (the smallest of a key or general customer): the
 *       thresholds the classification itself applies ({@link CustomerSegments#withValueThresholds});</li>
 *   <li>quality: {@code mean_profit_12m}, the mean profit_12m of the customers with a purchase day in
 *       the trailing year (profit_index = profit_12m / it, when it is positive);</li>
 *   <li>rfm: for each score K from 2 to 1 + the number of rfm.score-edges, the value a measure must
 *       reach for a score of at least K: {@code recency_score_K} (days_since_last_purchase ≤ it: the
 *       largest such value with a score ≥ K), {@code frequency_score_K} (purchase_days ≥ it) and
 *       {@code monetary_score_K} (total_amount ≥ it).</li>
 * </ul>
 * A threshold that no customer reaches has a null value. The RFM edges are derived from the scores
 * themselves and the value-position edges are the ones the labels were given by, so the table and the
 * segments cannot disagree.
 */
public final class SegmentThresholds {

  private SegmentThresholds() {}

  /** One threshold: its name, the customer column it applies to, how, and the aggregate that finds it. */
  private record Threshold(String scheme, String name, String measure, String comparison, Column value) {}

  /** @param classified the classified customer facts ({@link CustomerSegments#classify}) */
  public static Dataset<Row> compute(Dataset<Row> classified, LocalDate asOf, AnalyticsSettings s) {
    List<Threshold> thresholds = new ArrayList<>();
    // The value-position thresholds are the classification's own (CustomerSegments.withValueThresholds):
    // the same value on every row.
    thresholds.add(new Threshold(CustomerSegments.VALUE_POSITION, "key", "amount_12m", ">=",
        max(col("key_threshold"))));
    thresholds.add(new Threshold(CustomerSegments.VALUE_POSITION, "general", "amount_12m", ">=",
        max(col("general_threshold"))));
    thresholds.add(new Threshold(CustomerSegments.QUALITY, "mean_profit_12m", "profit_12m", "none",
        GoldColumns.ratio(sum(when(col("purchase_days_12m").gt(0), col("profit_12m"))),
            count(when(col("purchase_days_12m").gt(0), lit(1))))));
    int scores = s.rfmScoreEdges().size() + 1;
    for (int k = 2; k <= scores; k++) {
      thresholds.add(new Threshold(CustomerSegments.RFM, "recency_score_" + k, "days_since_last_purchase", "<=",
          max(when(col("rfm_recency_score").geq(k), col("days_since_last_purchase")))));
      thresholds.add(new Threshold(CustomerSegments.RFM, "frequency_score_" + k, "purchase_days", ">=",
          min(when(col("rfm_frequency_score").geq(k), col("purchase_days")))));
      thresholds.add(new Threshold(CustomerSegments.RFM, "monetary_score_" + k, "total_amount", ">=",
          min(when(col("rfm_monetary_score").geq(k), col("total_amount")))));
    }
    // One aggregation over the customers, then one row per threshold.
    Column[] values = new Column[thresholds.size()];
    Column[] rows = new Column[thresholds.size()];
    for (int i = 0; i < values.length; i++) {
      Threshold t = thresholds.get(i);
      values[i] = t.value().cast("double").as("_v" + i);
      rows[i] = struct(lit(t.scheme()).as("scheme"), lit(t.name()).as("threshold"), lit(t.measure()).as("measure"),
          lit(t.comparison()).as("comparison"), col("_v" + i).as("value"));
    }
    Dataset<Row> table = classified.agg(values[0], java.util.Arrays.copyOfRange(values, 1, values.length))
        .select(explode(array(rows)).as("t"))
        .select(GoldColumns.date(asOf).as("as_of_date"), col("t.scheme"), col("t.threshold"), col("t.measure"),
            col("t.comparison"), col("t.value"));
    return GoldColumns.conform(TableCatalog.SEGMENT_THRESHOLDS, table);
  }
}
