package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Classifies every customer in each scheme (thresholds from {@link AnalyticsSettings}): the segment
 * columns of gold.customer_profile, with the scores and inputs that decided them. Every scheme gives
 * every customer exactly one segment; "none" means the scheme does not apply (e.g. RFM for a customer
 * who never bought). The long form, {@code gold.customer_segments} (one row per customer and scheme
 * with its score and inputs), is a view over gold.customer_profile and gold.segment_thresholds
 * ({@code views/customer_segments.spark.sql}): stored once, not a second time nine rows per customer.
 *
 * <p>Rank-based schemes (value position, RFM) let equal values share a position, so the result
 * does not depend on row order and needs no tie-breaker. They need the distribution over all
 * customers: computed over the distinct values (at most one row per distinct amount or day count),
 * in one partition — fine up to millions of customers.
 */
public final class CustomerSegments {

  private CustomerSegments() {}

  public static final String TIME = "time";
  public static final String TRADING_STAGE = "trading_stage";
  public static final String NATURE = "nature";
  public static final String VALUE_POSITION = "value_position";
  public static final String ABC_GRADE = "abc_grade";
  public static final String QUALITY = "quality";
  public static final String RFM = "rfm";
  public static final String VIP_TIER = "vip_tier";
  public static final String LIFECYCLE = "lifecycle";

  /** Every scheme, in the order of the long form. */
  public static final List<String> SCHEMES = List.of(TIME, TRADING_STAGE, NATURE, VALUE_POSITION, ABC_GRADE,
      QUALITY, RFM, VIP_TIER, LIFECYCLE);

  static final String NONE = "none";

  /**
   * Adds to {@link CustomerFacts} the segment columns time_segment, trading_stage, nature_segment,
   * value_position, abc_grade, quality_segment, rfm_recency/frequency/monetary_score, rfm_segment,
   * vip_tier, lifecycle_stage and their helpers (key_threshold, general_threshold, profit_index,
   * growth_rate).
   */
  public static Dataset<Row> classify(Dataset<Row> facts, AnalyticsSettings s) {
    Dataset<Row> withInputs = withValueThresholds(facts, s);
    withInputs = withRfmScores(withInputs, s);
    withInputs = withProfitIndex(withInputs);
    Map<String, Column> segments = new LinkedHashMap<>();
    segments.put("time_segment", timeSegment(s));
    segments.put("trading_stage", tradingStage(s));
    segments.put("nature_segment", natureSegment());
    segments.put("value_position", valuePosition(s));
    segments.put("abc_grade", abcGrade(s));
    segments.put("quality_segment", qualitySegment(s));
    segments.put("rfm_segment", rfmSegment(s));
    segments.put("vip_tier", vipTier(s));
    segments.put("lifecycle_stage", lifecycleStage(s));
    return withInputs.withColumn("growth_rate", growthRate()).withColumns(segments);
  }

  /** Time: potential (never bought), new (first purchase at most new-customer-days ago), old (earlier). */
  static Column timeSegment(AnalyticsSettings s) {
    return when(col("first_purchase_date").isNull(), "potential")
        .when(col("tenure_days").leq(s.newCustomerDays()), "new")
        .otherwise("old");
  }

  /**
   * Trading stage: current (a purchase within the active window, i.e. days since the last purchase
   * &lt; active-window-days), past (bought, not within the window), upcoming (never bought, an enquiry
   * within upcoming-enquiry-days), none (never bought, no recent enquiry).
   */
  static Column tradingStage(AnalyticsSettings s) {
    return when(col("days_since_last_purchase").lt(s.activeWindowDays()), "current")
        .when(col("last_purchase_date").isNotNull(), "past")
        .when(col("days_since_last_enquiry").lt(s.upcomingEnquiryDays()), "upcoming")
        .otherwise(NONE);
  }

  /** Nature: the canonical nature from the archive (government, enterprise, …), "unknown" when missing. */
  static Column natureSegment() {
    return coalesce(col("nature"), lit("unknown"));
  }

  /**
   * The day's value-position thresholds. On the revenue Pareto curve of amount_12m (customers with a
   * positive amount, largest first) the share of revenue before an amount is the share of the total
   * taken by customers with a strictly larger amount; equal amounts share a position. That share only
   * grows as the amount falls, so "share before &lt; key-revenue-share" holds exactly for the amounts
   * from one amount up: key_threshold is the smallest positive amount_12m whose share before is below
   * key-revenue-share, general_threshold the smallest below general-revenue-share (null when there is
   * none). Both are added to every row (amount_12m's type): the per-customer rule needs no per-customer
   * point on the curve, only its own amount and these two values, which gold.segment_thresholds
   * publishes.
   */
  static Dataset<Row> withValueThresholds(Dataset<Row> facts, AnalyticsSettings s) {
    Dataset<Row> levels = facts.where(col("amount_12m").gt(0))
        .groupBy(col("amount_12m").as("_level"))
        .agg(sum("amount_12m").as("_level_revenue"));
    // Single partition over the distinct amounts (see the class comment).
    WindowSpec larger = Window.orderBy(col("_level").desc()).rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec all = Window.partitionBy();
    Column share = coalesce(sum("_level_revenue").over(larger), lit(0)).cast("double")
        .divide(sum("_level_revenue").over(all).cast("double"));
    Row edges = levels.withColumn("_share", share)
        .agg(min(when(col("_share").lt(s.keyRevenueShare()), col("_level"))).as("key_threshold"),
            min(when(col("_share").lt(s.generalRevenueShare()), col("_level"))).as("general_threshold"))
        .first();
    org.apache.spark.sql.types.DataType type = facts.schema().apply("amount_12m").dataType();
    return facts.withColumn("key_threshold", lit(edges.get(0)).cast(type))
        .withColumn("general_threshold", lit(edges.get(1)).cast(type));
  }

  /**
   * Value position (主力 / 一般 / 零散): key while the share of revenue of the customers with a strictly
   * larger amount_12m is below key-revenue-share, general while below general-revenue-share, scattered
   * otherwise and for customers without a positive amount_12m. So "key" is the smallest group of
   * largest customers that makes up the key share of revenue (the 80/20 rule), ties included. Applied
   * as amount_12m ≥ key_threshold / general_threshold ({@link #withValueThresholds}), which is exact.
   */
  static Column valuePosition(AnalyticsSettings s) {
    Column amount = col("amount_12m");
    return when(amount.geq(col("key_threshold")), "key")
        .when(amount.geq(col("general_threshold")), "general")
        .otherwise("scattered");
  }

  /**
   * A/B/C grade: A when amount_12m ≥ grade-a min-amount and cooperation_years ≥ grade-a min-years,
   * else B when both reach grade b's minimums, else C (never bought: C).
   */
  static Column abcGrade(AnalyticsSettings s) {
    Column amount = col("amount_12m");
    Column years = col("cooperation_years");
    return when(amount.geq(lit(s.gradeAMinAmount())).and(years.geq(s.gradeAMinYears())), "A")
        .when(amount.geq(lit(s.gradeBMinAmount())).and(years.geq(s.gradeBMinYears())), "B")
        .otherwise("C");
  }

  /**
   * profit_index = profit_12m / mean profit_12m of the customers with a purchase day in the
   * trailing year (null when that mean is not positive).
   */
  static Dataset<Row> withProfitIndex(Dataset<Row> facts) {
    Dataset<Row> mean = facts.where(col("purchase_days_12m").gt(0))
        .agg(ratio(sum("profit_12m"), count(lit(1))).as("_mean_profit"));
    return facts.crossJoin(broadcast(mean))
        .withColumn("profit_index", ratio(col("profit_12m"), col("_mean_profit")))
        .drop("_mean_profit");
  }

  /** growth_rate = (amount_12m − amount_prior_12m) / amount_prior_12m; null without prior-year revenue. */
  static Column growthRate() {
    return ratio(col("amount_12m").minus(col("amount_prior_12m")), col("amount_prior_12m"));
  }

  /**
   * Quality: high profit contribution = profit_index ≥ min-profit-index; growing = growth_rate ≥
   * min-growth-rate, or no prior-year revenue but revenue now. quality = high and growing, declining =
   * high and not growing, growing = low and growing, poor = low and not growing (incl. never bought).
   */
  static Column qualitySegment(AnalyticsSettings s) {
    Column high = coalesce(col("profit_index").geq(s.minProfitIndex()), lit(false));
    Column growing = coalesce(col("growth_rate").geq(s.minGrowthRate()), lit(false))
        .or(col("amount_prior_12m").leq(0).and(col("amount_12m").gt(0)));
    return when(high.and(growing), "quality")
        .when(high, "declining")
        .when(growing, "growing")
        .otherwise("poor");
  }

  /**
   * RFM scores of the customers who have bought: recency = days_since_last_purchase (fewer is
   * better), frequency = purchase_days, monetary = total_amount. Each is ranked worst-to-best with
   * equal values sharing a rank; percentile = customers strictly worse / customers, and the score is
   * 1 + the number of rfm.score-edges the percentile reaches (quintiles 1–5 by default).
   */
  static Dataset<Row> withRfmScores(Dataset<Row> facts, AnalyticsSettings s) {
    Dataset<Row> buyers = facts.where(col("first_purchase_date").isNotNull());
    Column bought = col("first_purchase_date").isNotNull();
    Map<String, Column> scores = new LinkedHashMap<>();
    scores.put("rfm_recency_score", when(bought, score(buyers, "days_since_last_purchase", false, s)));
    scores.put("rfm_frequency_score", when(bought, score(buyers, "purchase_days", true, s)));
    scores.put("rfm_monetary_score", when(bought, score(buyers, "total_amount", true, s)));
    return facts.withColumns(scores);
  }

  /**
   * The score of {@code column}'s value, see {@link #withRfmScores}. The percentile never decreases
   * from worse to better values, so each edge is a threshold on the value itself: the worst value
   * whose percentile reaches the edge. The thresholds (one per edge) are computed over the distinct
   * values and the score is 1 + the thresholds the customer's value reaches — no join, so the
   * customers' facts are not shuffled.
   */
  private static Column score(Dataset<Row> buyers, String column, boolean higherIsBetter, AnalyticsSettings s) {
    Dataset<Row> levels = buyers.groupBy(col(column).as("_v")).agg(count(lit(1)).as("_n"));
    Column worstFirst = higherIsBetter ? col("_v").asc() : col("_v").desc();
    WindowSpec worse = Window.orderBy(worstFirst).rowsBetween(Window.unboundedPreceding(), -1);
    levels = levels
        .withColumn("_worse", coalesce(sum("_n").over(worse), lit(0L)))
        .withColumn("_all", sum("_n").over(Window.partitionBy()))
        .withColumn("_percentile", col("_worse").cast("double").divide(col("_all").cast("double")));
    List<Double> edges = s.rfmScoreEdges();
    Column[] thresholds = new Column[edges.size()];
    for (int i = 0; i < thresholds.length; i++) {
      Column reaching = when(col("_percentile").geq(edges.get(i)), col("_v"));
      thresholds[i] = (higherIsBetter ? min(reaching) : max(reaching)).as("_t" + i);
    }
    // The settings always hold four edges (AnalyticsSettings checks).
    Row edgeValues = levels.agg(thresholds[0], java.util.Arrays.copyOfRange(thresholds, 1, thresholds.length))
        .first();
    Column score = lit(1);
    for (int i = 0; i < thresholds.length; i++) {
      Object threshold = edgeValues.get(i);
      if (threshold != null) {
        Column reached = higherIsBetter ? col(column).geq(lit(threshold)) : col(column).leq(lit(threshold));
        score = score.plus(when(reached, 1).otherwise(0));
      }
    }
    return score;
  }

  /** Named RFM segment: the first rfm.segments rule containing the scores; "other" if none, "none" if never bought. */
  static Column rfmSegment(AnalyticsSettings s) {
    Column r = col("rfm_recency_score");
    Column f = col("rfm_frequency_score");
    Column m = col("rfm_monetary_score");
    Column segment = when(r.isNull(), NONE);
    for (AnalyticsSettings.RfmRule rule : s.rfmSegments()) {
      segment = segment.when(r.between(rule.rMin(), rule.rMax()).and(f.between(rule.fMin(), rule.fMax()))
          .and(m.between(rule.mMin(), rule.mMax())), rule.name());
    }
    return segment.otherwise("other");
  }

  /** VIP tier: the first vip-tiers entry whose min-amount amount_12m reaches; "none" otherwise. */
  static Column vipTier(AnalyticsSettings s) {
    Column tier = null;
    for (AnalyticsSettings.VipTier t : s.vipTiers()) {
      Column reached = col("amount_12m").geq(lit(t.minAmount()));
      tier = tier == null ? when(reached, t.name()) : tier.when(reached, t.name());
    }
    return tier == null ? lit(NONE) : tier.otherwise(NONE);
  }

  /**
   * Lifecycle: none (never bought), churned (days since last purchase ≥ churn-inactivity-days),
   * at_risk (no purchase within the active window, not yet churned — or, with lifecycle.at-risk-rule
   * = p-alive, P(alive) below lifecycle.p-alive-threshold, the facts then carrying p_alive; the days
   * rule where it is null), won_back (active, and the latest win-back purchase is within the active
   * window), active (otherwise).
   */
  static Column lifecycleStage(AnalyticsSettings s) {
    Column since = col("days_since_last_purchase");
    Column atRisk = since.geq(s.activeWindowDays());
    if (s.atRiskRule() == AnalyticsSettings.AtRiskRule.P_ALIVE) {
      atRisk = coalesce(col("p_alive").lt(s.pAliveThreshold()), atRisk);
    }
    return when(since.isNull(), NONE)
        .when(since.geq(s.churnInactivityDays()), "churned")
        .when(atRisk, "at_risk")
        .when(col("days_since_win_back").lt(s.activeWindowDays()), "won_back")
        .otherwise("active");
  }
}
