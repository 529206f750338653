package com.clientele.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The gold rows of one as-of snapshot that the executive summary and the churn &amp; referral report
 * print, as plain maps keyed by the gold column names (numbers as Number, dates as LocalDate).
 *
 * @param loyaltyMetrics      gold.loyalty_metrics, breakdown = all, every month of the snapshot
 * @param leakyBucket         gold.leaky_bucket, every month
 * @param churnCohorts        gold.churn_cohorts
 * @param referralMetrics     gold.referral_metrics, period month and overall
 * @param atRiskCustomers     gold.at_risk_customers in priority order, with clv, p_alive and value_at_risk of
 *                            gold.customer_lifetime_value (null without a prediction)
 * @param segmentMix          gold.report_segment_mix: scheme, segment, customers, customer_share, amount_12m,
 *                            revenue_share
 * @param pareto              gold.report_pareto, by customer_percent: customer_percent, customers,
 *                            customers_with_revenue, amount_12m, revenue_share
 * @param kpis                gold.report_kpis of the report month: kpi, value, previous_month_value,
 *                            same_month_last_year_value
 * @param maskedNames         customer_key → display_name_masked, for customers named by key in other rows
 * @param clvModels           gold.clv_model: model, status, customers, horizon_months, monthly_discount_rate;
 *                            empty when the snapshot has no lifetime-value models
 * @param lifetimeValueTotals the customers with a clv in gold.customer_lifetime_value, per value_position and
 *                            vip_tier of gold.customer_profile: value_position, vip_tier, customers, clv,
 *                            value_at_risk (sums); empty when the models were not fitted
 * @param valueWatchList      the high-value customers likely lapsing, as {@link CustomerValueAhead} defines them,
 *                            in order: customer_key, display_name_masked, value_position, vip_tier, clv_decile, clv,
 *                            p_alive, expected_purchases_365d, value_at_risk
 * @param credit              the credit tables of the snapshot ({@link Credit#NONE} for a snapshot without them)
 * @param care                the care plan of the snapshot ({@link Care#NONE} for a snapshot without one)
 */
public record MonthlyGold(LocalDate asOfDate, List<Map<String, Object>> loyaltyMetrics,
                          List<Map<String, Object>> leakyBucket, List<Map<String, Object>> churnCohorts,
                          List<Map<String, Object>> referralMetrics, List<Map<String, Object>> atRiskCustomers,
                          List<Map<String, Object>> segmentMix, List<Map<String, Object>> pareto,
                          List<Map<String, Object>> kpis,
                          Map<String, String> maskedNames, List<Map<String, Object>> clvModels,
                          List<Map<String, Object>> lifetimeValueTotals, List<Map<String, Object>> valueWatchList,
                          Credit credit, Care care) {

  /**
   * The credit rows the reports print ({@link CreditReport}).
   *
   * @param ageing   gold.credit_ageing, every month of the snapshot, by month_start
   * @param grades   gold.customer_credit per credit_grade: credit_grade, customers, open_receivable, overdue_amount
   * @param followUp gold.credit_follow_up in priority order
   */
  public record Credit(List<Map<String, Object>> ageing, List<Map<String, Object>> grades,
                       List<Map<String, Object>> followUp) {
    /** A snapshot without credit tables (built before they existed) or without sales on credit terms. */
    public static final Credit NONE = new Credit(List.of(), List.of(), List.of());
  }

  /**
   * The care plan the reports print ({@link CareReport}).
   *
   * @param byType    gold.care_actions per action_type: action_type, channel, actions, customers, high_priority,
   *                  first_due, last_due, overdue (actions due before the as-of date)
   * @param customers distinct customers of the whole plan
   */
  public record Care(List<Map<String, Object>> byType, long customers) {
    /** A snapshot without a care plan (built before it existed) or with no action planned. */
    public static final Care NONE = new Care(List.of(), 0);
  }
}
