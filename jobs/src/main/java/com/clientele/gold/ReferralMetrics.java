package com.clientele.gold;

import static com.clientele.gold.GoldColumns.ratio;
import static org.apache.spark.sql.functions.*;

import com.clientele.catalog.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * gold.referral_metrics (老带新) — one row per month (period = month, see {@link Months}) and one
 * for all time up to the as-of date (period = overall, month_start null). For a period:
 * <ul>
 *   <li>new_customers: first purchase in the period; referred_new_customers: of them, those who came
 *       by referral ({@link CustomerFacts}: is_referred); referred_new_share = referred / new;</li>
 *   <li>active_customers: customers with a purchase day in the period; referring_customers: of them,
 *       those who made a referral dated in the period; referring_share = referring / active;</li>
 *   <li>referrals: referrals dated in the period; referrals_converted: of them, those whose referred
 *       customer has bought on or after the referral date (by the as-of date);
 *       referral_conversion_rate = converted / referrals;</li>
 *   <li>viral_k_factor = referrals_converted / active_customers: new buying customers brought per
 *       active customer (invitations per customer × conversion);</li>
 *   <li>reward_cost: rewards of the period's referrals (missing = 0); referred_revenue: net revenue in
 *       the period from customers who came by referral; reward_to_revenue_ratio = cost / revenue;</li>
 *   <li>referred vs non-referred, among the customers acquired in the period (first purchase in it):
 *       first-year revenue (net revenue on the first-year-days days from the first purchase; customers
 *       whose first year is complete by the as-of date) and retention at 6 and 12 months (active —
 *       a purchase within the active window — on day first purchase + retention-6m-days /
 *       retention-12m-days, for customers observed that long): both sample sizes, both means (rates),
 *       the lift = referred mean / non-referred mean, and its confidence interval (see {@link #lift});</li>
 *   <li>top_referrers: the period's referrers by converted referrals, then referrals, then key:
 *       "customer_key:converted/referrals", at most top-referrers of them.</li>
 * </ul>
 */
public final class ReferralMetrics {

  private ReferralMetrics() {}

  static final String MONTH = "month";
  static final String OVERALL = "overall";

  /**
   * @param summaries customer summaries ({@link CustomerSummaries})
   * @param facts customer facts with first_purchase_date, last_purchase_date, is_referred and the cohort
   *     outcomes first_year_revenue, retained_6m, retained_12m
   */
  public static Dataset<Row> compute(GoldInputs in, Dataset<Row> summaries, Dataset<Row> facts, AnalyticsSettings s) {
    Dataset<Row> customers = facts.select("customer_key", "first_purchase_date", "last_purchase_date", "is_referred",
        "first_year_revenue", "retained_6m", "retained_12m");

    Dataset<Row> acquired = inPeriods(customers.where(col("first_purchase_date").isNotNull()), col("first_purchase_date"))
        .groupBy("_pk").agg(count(lit(1)).as("new_customers"),
            count(when(col("is_referred"), lit(1))).as("referred_new_customers"));

    Dataset<Row> referrals = in.referrals()
        .join(customers.select(col("customer_key").as("_referred"), col("last_purchase_date").as("_referred_last")),
            col("referred_customer_key").equalTo(col("_referred")), "left")
        .withColumn("is_converted", coalesce(col("_referred_last").geq(col("referral_date")), lit(false)));
    Dataset<Row> referralsInPeriods = inPeriods(referrals, col("referral_date"));
    Dataset<Row> referrerKeys = referralsInPeriods.select(col("_pk"), col("referrer_customer_key").as("customer_key"))
        .distinct().withColumn("_referred_someone", lit(true));
    Dataset<Row> referredKeys = customers.where(col("is_referred"))
        .select(col("customer_key"), lit(true).as("_is_referred"));
    // One pass over the customers' months (one row per customer and month with a transaction line):
    // active in a month = a purchase day in it, referring = active and a referral dated in the month,
    // and the referred customers' revenue, which each month row adds to its month and to overall.
    // The referrers and the referred customers are at most one per referral, and the referrals are
    // broadcast throughout (CustomerFacts): broadcast here too, so the months stream past them
    // instead of being shuffled for the joins.
    Column inMonth = col("_in_month");
    Column active = inMonth.and(col("purchase_days").gt(0));
    Dataset<Row> months = Months.customerMonths(summaries)
        .withColumn("_pk", periodKey(col("month_start")))
        .join(broadcast(referrerKeys), new String[] {"_pk", "customer_key"}, "left")
        .join(broadcast(referredKeys), new String[] {"customer_key"}, "left")
        .withColumn("_in_month", explode(array(lit(true), lit(false))))
        .withColumn("_pk", when(inMonth, col("_pk")).otherwise(lit(OVERALL)))
        .groupBy("_pk").agg(count(when(active, lit(1))).as("active_customers"),
            count(when(active.and(col("_referred_someone")), lit(1))).as("referring_customers"),
            sum(when(col("_is_referred"), col("revenue_cents"))).as("_referred_revenue_cents"));
    // Overall, the active customers are those who have bought, and the referring ones those of them
    // who made any referral (the months above count none for overall).
    Dataset<Row> overall = summaries.where(col("first_purchase_date").isNotNull())
        .select(lit(OVERALL).as("_pk"), col("customer_key"))
        .join(broadcast(referrerKeys), new String[] {"_pk", "customer_key"}, "left")
        .groupBy("_pk").agg(count(lit(1)).as("active_customers"),
            count(col("_referred_someone")).as("referring_customers"))
        .withColumn("_referred_revenue_cents", lit(null).cast("long"));
    Dataset<Row> activity = months.unionByName(overall)
        .groupBy("_pk").agg(sum("active_customers").as("active_customers"),
            sum("referring_customers").as("referring_customers"),
            CustomerSummaries.amount(sum("_referred_revenue_cents")).as("referred_revenue"));
    Dataset<Row> referralCounts = referralsInPeriods.groupBy("_pk").agg(
        count(lit(1)).as("referrals"),
        count(when(col("is_converted"), lit(1))).as("referrals_converted"),
        sum(coalesce(col("reward_amount"), lit(0))).as("reward_cost"));

    Dataset<Row> cohorts = inPeriods(cohortOutcomes(in, customers, s), col("first_purchase_date"));
    List<Column> comparisons = new ArrayList<>();
    Column referred = col("is_referred");
    Column nonReferred = not(col("is_referred"));
    Column firstYear = col("has_first_year");
    comparisons.add(count(when(referred.and(firstYear), lit(1))).as("referred_first_year_customers"));
    comparisons.add(count(when(nonReferred.and(firstYear), lit(1))).as("non_referred_first_year_customers"));
    comparisons.add(avg(when(referred.and(firstYear), col("first_year_revenue").cast("double"))).as("referred_first_year_revenue"));
    comparisons.add(avg(when(nonReferred.and(firstYear), col("first_year_revenue").cast("double"))).as("non_referred_first_year_revenue"));
    comparisons.add(var_samp(when(referred.and(firstYear), col("first_year_revenue").cast("double"))).as("_referred_var"));
    comparisons.add(var_samp(when(nonReferred.and(firstYear), col("first_year_revenue").cast("double"))).as("_non_referred_var"));
    for (String h : new String[] {"6m", "12m"}) {
      Column observed = col("observed_" + h);
      Column retained = col("retained_" + h).cast("double");
      comparisons.add(count(when(referred.and(observed), lit(1))).as("referred_retention_" + h + "_customers"));
      comparisons.add(count(when(nonReferred.and(observed), lit(1))).as("non_referred_retention_" + h + "_customers"));
      comparisons.add(avg(when(referred.and(observed), retained)).as("referred_retention_" + h + "_rate"));
      comparisons.add(avg(when(nonReferred.and(observed), retained)).as("non_referred_retention_" + h + "_rate"));
    }
    Dataset<Row> compared = cohorts.groupBy("_pk").agg(comparisons.get(0), comparisons.subList(1, comparisons.size())
        .toArray(Column[]::new));

    Dataset<Row> perReferrer = referralsInPeriods.groupBy(col("_pk"), col("referrer_customer_key"))
        .agg(count(lit(1)).as("_made"), count(when(col("is_converted"), lit(1))).as("_converted"))
        .withColumn("_rank", row_number().over(Window.partitionBy("_pk")
            .orderBy(col("_converted").desc(), col("_made").desc(), col("referrer_customer_key"))))
        .where(col("_rank").leq(s.topReferrers()))
        .groupBy("_pk")
        .agg(expr("array_join(transform(array_sort(collect_list(named_struct('r', _rank, 't', "
            + "concat(referrer_customer_key, ':', _converted, '/', _made)))), x -> x.t), ', ')").as("top_referrers"));

    Dataset<Row> grid = Months.grid(in, summaries)
        .select(lit(MONTH).as("period"), col("month_start"))
        .unionByName(summaries.sparkSession().range(1)
            .select(lit(OVERALL).as("period"), lit(null).cast("date").as("month_start")))
        .withColumn("_pk", periodKey(col("month_start")));
    Dataset<Row> joined = grid;
    for (Dataset<Row> part : List.of(acquired, activity, referralCounts, compared, perReferrer)) {
      joined = joined.join(part, new String[] {"_pk"}, "left");
    }
    joined = GoldColumns.withZeros(joined,
        new String[] {"new_customers", "referred_new_customers", "active_customers", "referring_customers",
            "referrals", "referrals_converted", "referred_first_year_customers", "non_referred_first_year_customers",
            "referred_retention_6m_customers", "non_referred_retention_6m_customers",
            "referred_retention_12m_customers", "non_referred_retention_12m_customers"},
        new String[] {"reward_cost", "referred_revenue"});
    java.util.Map<String, Column> rates = new java.util.LinkedHashMap<>();
    rates.put("as_of_date", in.asOfDate());
    rates.put("referred_new_share", ratio(col("referred_new_customers"), col("new_customers")));
    rates.put("referring_share", ratio(col("referring_customers"), col("active_customers")));
    rates.put("referral_conversion_rate", ratio(col("referrals_converted"), col("referrals")));
    rates.put("viral_k_factor", ratio(col("referrals_converted"), col("active_customers")));
    rates.put("reward_to_revenue_ratio", ratio(col("reward_cost"), col("referred_revenue")));
    Dataset<Row> table = joined.withColumns(rates);
    table = lift(table, "first_year_revenue", col("referred_first_year_revenue"), col("non_referred_first_year_revenue"),
        col("referred_first_year_customers"), col("non_referred_first_year_customers"),
        col("_referred_var"), col("_non_referred_var"), s.confidenceZ());
    for (String h : new String[] {"6m", "12m"}) {
      Column p1 = col("referred_retention_" + h + "_rate");
      Column p2 = col("non_referred_retention_" + h + "_rate");
      table = lift(table, "retention_" + h, p1, p2,
          col("referred_retention_" + h + "_customers"), col("non_referred_retention_" + h + "_customers"),
          p1.multiply(lit(1).minus(p1)), p2.multiply(lit(1).minus(p2)), s.confidenceZ());
    }
    return GoldColumns.conform(TableCatalog.REFERRAL_METRICS, table);
  }

  /**
   * Adds {@code <name>_lift}, {@code _lift_low} and {@code _lift_high}. The lift is the ratio of two
   * means, m1 / m2 (null unless both groups have members and m2 &gt; 0). Its interval is the usual
   * log-ratio (delta-method) interval: exp(ln(m1/m2) ± z·se), se² = v1 / (n1·m1²) + v2 / (n2·m2²),
   * where v is the sample variance for revenue and p(1 − p) for a retention rate p (the Katz
   * interval of a risk ratio); null unless both means are positive (and, for revenue, n ≥ 2 in both groups).
   */
  static Dataset<Row> lift(Dataset<Row> table, String name, Column m1, Column m2, Column n1, Column n2,
      Column v1, Column v2, double z) {
    Column lift = when(n1.gt(0).and(n2.gt(0)).and(m2.gt(0)), m1.divide(m2));
    Column se = sqrt(v1.divide(n1.multiply(m1).multiply(m1)).plus(v2.divide(n2.multiply(m2).multiply(m2))));
    Column defined = m1.gt(0).and(m2.gt(0)).and(v1.isNotNull()).and(v2.isNotNull());
    java.util.Map<String, Column> columns = new java.util.LinkedHashMap<>();
    columns.put(name + "_lift", lift);
    columns.put(name + "_lift_low", when(defined, lift.multiply(exp(se.multiply(-z)))));
    columns.put(name + "_lift_high", when(defined, lift.multiply(exp(se.multiply(z)))));
    return table.withColumns(columns);
  }

  /**
   * Per acquired customer: has_first_year / first_year_revenue, observed_6m / retained_6m,
   * observed_12m / retained_12m (definitions in the class comment; the revenue and retention come
   * from {@link PurchaseHistory#summarise}).
   */
  static Dataset<Row> cohortOutcomes(GoldInputs in, Dataset<Row> customers, AnalyticsSettings s) {
    Column first = col("first_purchase_date");
    Column asOf = in.asOfDate();
    return customers.where(first.isNotNull())
        .withColumn("has_first_year", date_add(first, s.firstYearDays() - 1).leq(asOf))
        .withColumn("observed_6m", date_add(first, s.retention6mDays()).leq(asOf))
        .withColumn("observed_12m", date_add(first, s.retention12mDays()).leq(asOf));
  }

  /** Adds each row to its month and to overall: period, month_start (null for overall) and the key _pk. */
  static Dataset<Row> inPeriods(Dataset<Row> rows, Column date) {
    return rows
        .withColumn("_periods", array(trunc(date, "month"), lit(null).cast("date")))
        .withColumn("_period_month", explode(col("_periods")))
        .withColumn("_pk", periodKey(col("_period_month")))
        .drop("_periods", "_period_month");
  }

  private static Column periodKey(Column monthStart) {
    return coalesce(monthStart.cast("string"), lit(OVERALL));
  }
}
