package com.clientele.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made gold snapshots: a company with 14 months of history, and one with a single month. */
final class SampleGold {

  private SampleGold() {}

  static final YearMonth MONTH = YearMonth.of(2026, 3);
  static final LocalDate AS_OF = MONTH.atEndOfMonth();

  /** Months Feb 2025 .. Mar 2026; revenue grows by 1,000.50 a month from 10,000.25. */
  static MonthlyGold history(int months) {
    List<Map<String, Object>> loyalty = new ArrayList<>();
    List<Map<String, Object>> bucket = new ArrayList<>();
    List<Map<String, Object>> cohorts = new ArrayList<>();
    List<Map<String, Object>> referral = new ArrayList<>();
    for (int i = 0; i < months; i++) {
      YearMonth m = MONTH.minusMonths(months - 1L - i);
      LocalDate start = m.atDay(1);
      BigDecimal revenue = new BigDecimal("10000.25").add(new BigDecimal("1000.50").multiply(BigDecimal.valueOf(i)));
      loyalty.add(Rows.row("month_start", start, "breakdown", "all", "breakdown_value", "all",
          "active_customers", 100L + i * 3, "new_customers", 10L + i, "revenue", revenue,
          "old_customer_revenue", revenue.multiply(new BigDecimal("0.6")), "old_customer_revenue_share", 0.6,
          "average_order_value", 250.5 + i, "retention_rate", 0.40 + i * 0.01, "repeat_purchase_rate", 0.3,
          "top_customers_revenue_share", 0.7, "answered_in_time_share", 0.8 - i * 0.01, "complaints", 20L,
          "complaints_answered_in_time", 16L, "complaint_rate", 0.05, "average_satisfaction", 4.1,
          "median_resolution_hours", 30.0));
      bucket.add(Rows.row("month_start", start, "customers_at_start", 90L + i, "customers_gained", 10L + i,
          "customers_won_back", 2L, "customers_lost", 5L + (i % 3), "customers_at_end", 97L + i, "customers_net", 7L,
          "revenue_at_end", revenue, "revenue_lost", new BigDecimal("1500.00"), "lost_with_complaints", 2L,
          "top_churn_complaint_categories", "delivery:2, quality:1"));
      for (int k = 0; k <= Math.min(12, months - 1 - i); k++) {
        cohorts.add(Rows.row("acquisition_month", start, "months_since_acquisition", k, "cohort_customers", 10L + i,
            "retention_rate", k == 0 ? 1.0 : 0.5 / k, "revenue_retention_rate", k == 0 ? 1.0 : 0.6 / k));
      }
      referral.add(Rows.row("period", "month", "month_start", start, "new_customers", 10L + i,
          "referred_new_customers", 2L, "referred_new_share", 2.0 / (10 + i), "referrals", 5L, "referrals_converted", 2L,
          "referral_conversion_rate", 0.4, "viral_k_factor", 0.02, "reward_cost", new BigDecimal("200.00"),
          "referred_revenue", new BigDecimal("3000.00"), "top_referrers", "k-key-1:2/3"));
    }
    referral.add(Rows.row("period", "overall", "month_start", null, "new_customers", 200L, "referred_new_customers", 30L,
        "referred_new_share", 0.15, "viral_k_factor", 0.021, "referred_first_year_customers", 12L,
        "non_referred_first_year_customers", 80L, "referred_first_year_revenue", 5200.0,
        "non_referred_first_year_revenue", 4000.0, "first_year_revenue_lift", 1.3, "first_year_revenue_lift_low", 1.05,
        "first_year_revenue_lift_high", 1.61, "referred_retention_6m_customers", 20L,
        "non_referred_retention_6m_customers", 120L, "referred_retention_6m_rate", 0.55,
        "non_referred_retention_6m_rate", 0.42, "retention_6m_lift", 1.31, "top_referrers", "k-key-1:9/12, k-x:1/1"));
    List<Map<String, Object>> atRisk = List.of(
        Rows.row("priority", 1, "customer_key", "k-key-1", "display_name_masked", "张*", "value_position", "key",
            "abc_grade", "A", "vip_tier", "gold", "lifecycle_stage", "at_risk", "last_purchase_date", LocalDate.of(2025, 11, 2),
            "days_since_last_purchase", 149, "value_at_stake", new BigDecimal("45678.90"),
            "amount_12m", new BigDecimal("45678.90"), "open_complaint_count", 1L, "clv", 15432.10, "p_alive", 0.2,
            "value_at_risk", AT_RISK_VALUE_AT_RISK),
        Rows.row("priority", 2, "customer_key", "k-2", "display_name_masked", "J*** S.", "value_position", "general",
            "abc_grade", "A", "vip_tier", "none", "lifecycle_stage", "churned", "last_purchase_date", LocalDate.of(2025, 8, 1),
            "days_since_last_purchase", 242, "value_at_stake", new BigDecimal("21000.00"),
            "amount_12m", new BigDecimal("21000.00"), "open_complaint_count", 0L, "clv", null, "p_alive", null,
            "value_at_risk", null));
    // gold.report_segment_mix: 200 customers and 100,000 of revenue in every scheme.
    List<Map<String, Object>> segments = List.of(
        seg("value_position", "key", 20, 0.10, "80000", 0.80), seg("value_position", "general", 30, 0.15, "15000", 0.15),
        seg("value_position", "scattered", 150, 0.75, "5000", 0.05), seg("abc_grade", "A", 5, 0.025, "50000", 0.50),
        seg("abc_grade", "B", 25, 0.125, "30000", 0.30), seg("abc_grade", "C", 170, 0.85, "20000", 0.20),
        seg("lifecycle", "active", 120, 0.60, "90000", 0.90), seg("lifecycle", "at_risk", 30, 0.15, "8000", 0.08),
        seg("lifecycle", "churned", 50, 0.25, "2000", 0.02));
    return new MonthlyGold(AS_OF, loyalty, bucket, cohorts, referral, atRisk, segments, pareto(),
        kpis(loyalty, bucket, referral), Map.of("k-key-1", "张*", "k-x", "L*** W."),
        List.of(model("bg_nbd", "fitted", 200), model("gamma_gamma", "fitted", 150)), LIFETIME_VALUE_TOTALS, WATCH_LIST,
        credit(), care());
  }

  /** Overdue amount of the credit follow-up list's first customer (a figure the tests look for). */
  static final BigDecimal FOLLOW_UP_OVERDUE = new BigDecimal("8765.40");

  /**
   * Credit rows of the sample month (2026-03): receivables at the ends of January to March, three graded
   * customer groups and an unrated one, and two customers to follow up (one long past due, one whose grade fell).
   */
  /**
   * gold.care_actions of 2026-03-31 by type (plan to 2026-04-30): 12 birthday greetings by SMS, 3 win-back calls
   * (2 of them overdue), 40 Spring-Festival-style holiday greetings; 50 customers in all.
   */
  static MonthlyGold.Care care() {
    return new MonthlyGold.Care(List.of(
        Rows.row("action_type", "birthday", "channel", "sms", "actions", 12L, "customers", 12L, "high_priority", 0L,
            "first_due", LocalDate.of(2026, 4, 2), "last_due", LocalDate.of(2026, 4, 29), "overdue", 0L),
        Rows.row("action_type", "win_back", "channel", "phone", "actions", 3L, "customers", 3L, "high_priority", 3L,
            "first_due", LocalDate.of(2026, 3, 1), "last_due", LocalDate.of(2026, 4, 10), "overdue", 2L),
        Rows.row("action_type", "holiday", "channel", "sms", "actions", 40L, "customers", 40L, "high_priority", 0L,
            "first_due", LocalDate.of(2026, 4, 5), "last_due", LocalDate.of(2026, 4, 5), "overdue", 0L)), 50L);
  }

  static MonthlyGold.Credit credit() {
    List<Map<String, Object>> ageing = new java.util.ArrayList<>();
    String[][] months = {{"2026-01-01", "2026-01-31", "30000.00", "20000.00", "6000.00", "2000.00", "1000.00", "1000.00"},
        {"2026-02-01", "2026-02-28", "32000.00", "21000.00", "5000.00", "3000.00", "1500.00", "1500.00"},
        {"2026-03-01", "2026-03-31", "35000.00", "22000.00", "6000.00", "3000.00", "2000.00", "2000.00"}};
    for (String[] m : months) {
      BigDecimal open = new BigDecimal(m[2]);
      BigDecimal overdue = open.subtract(new BigDecimal(m[3]));
      ageing.add(Rows.row("month_start", LocalDate.parse(m[0]), "measured_on", LocalDate.parse(m[1]),
          "open_receivable", open, "not_yet_due", new BigDecimal(m[3]), "past_due_1_30", new BigDecimal(m[4]),
          "past_due_31_60", new BigDecimal(m[5]), "past_due_61_90", new BigDecimal(m[6]),
          "past_due_over_90", new BigDecimal(m[7]), "overdue_amount", overdue,
          "overdue_share", overdue.doubleValue() / open.doubleValue(), "customers_with_receivable", 40L,
          "customers_overdue", 12L, "credit_sales", new BigDecimal("15000.00"), "collected", new BigDecimal("12000.00")));
    }
    List<Map<String, Object>> grades = List.of(
        Rows.row("credit_grade", "A", "customers", 20L, "open_receivable", new BigDecimal("15000.00"),
            "overdue_amount", new BigDecimal("500.00")),
        Rows.row("credit_grade", "B", "customers", 12L, "open_receivable", new BigDecimal("10000.00"),
            "overdue_amount", new BigDecimal("3500.00")),
        Rows.row("credit_grade", "D", "customers", 3L, "open_receivable", new BigDecimal("9000.00"),
            "overdue_amount", new BigDecimal("9000.00")),
        Rows.row("credit_grade", "unknown", "customers", 5L, "open_receivable", new BigDecimal("1000.00"),
            "overdue_amount", new BigDecimal("0.00")));
    List<Map<String, Object>> followUp = List.of(
        Rows.row("priority", 1, "customer_key", "k-c1", "display_name_masked", "王**", "nature", "enterprise",
            "credit_grade", "D", "previous_grade", "C", "grade_fell", true, "open_receivable", new BigDecimal("9000.00"),
            "overdue_amount", FOLLOW_UP_OVERDUE, "previous_overdue_amount", new BigDecimal("7000.00"),
            "max_days_past_due", 95, "follow_up_reason", "95 days past due: 8765.40 overdue; grade fell from C to D"),
        Rows.row("priority", 2, "customer_key", "k-c2", "display_name_masked", "A*** C.", "nature", "partner",
            "credit_grade", "B", "previous_grade", "A", "grade_fell", true, "open_receivable", new BigDecimal("3000.00"),
            "overdue_amount", new BigDecimal("0.00"), "previous_overdue_amount", new BigDecimal("0.00"),
            "max_days_past_due", null, "follow_up_reason", "grade fell from A to B"));
    return new MonthlyGold.Credit(ageing, grades, followUp);
  }

  /** gold.report_pareto of 200 customers whose trailing-year revenue is 100,000 / i² (i = 1..200). */
  static List<Map<String, Object>> pareto() {
    int n = 200;
    double[] cumulative = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      cumulative[i] = cumulative[i - 1] + 100000.0 / ((double) i * i);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int p = 1; p <= 100; p++) {
      int top = (int) Math.ceil(n * p / 100.0);
      rows.add(Rows.row("customer_percent", p, "customers", (long) top, "customers_with_revenue", (long) n,
          "amount_12m", cumulative[top], "revenue_share", cumulative[top] / cumulative[n]));
    }
    return rows;
  }

  /** gold.report_kpis of the report month: each KPI column of the month's rows, of the month before and of last year's. */
  static List<Map<String, Object>> kpis(List<Map<String, Object>> loyalty, List<Map<String, Object>> bucket,
      List<Map<String, Object>> referral) {
    List<Map<String, Object>> monthRows = referral.stream().filter(r -> "month".equals(r.get("period"))).toList();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String[] k : ExecutiveSummary.KPIS) {
      List<Map<String, Object>> source = switch (k[0]) {
        case "customers_lost", "customers_won_back" -> bucket;
        case "referred_new_share" -> monthRows;
        default -> loyalty;
      };
      rows.add(Rows.row("month_start", MONTH.atDay(1), "kpi", k[0], "value", valueOf(source, MONTH, k[0]),
          "previous_month_value", valueOf(source, MONTH.minusMonths(1), k[0]),
          "same_month_last_year_value", valueOf(source, MONTH.minusMonths(12), k[0])));
    }
    return rows;
  }

  private static Double valueOf(List<Map<String, Object>> rows, YearMonth month, String column) {
    return Rows.month(rows, month).map(r -> Rows.number(r, column)).orElse(null);
  }

  /** value_at_risk of the first win-back customer: 15,432.10 × (1 − 0.2). */
  static final double AT_RISK_VALUE_AT_RISK = 12345.68;

  /** CLV of the customers with a prediction per value position and VIP tier (value_position, vip_tier, customers, clv, value_at_risk). */
  static final List<Map<String, Object>> LIFETIME_VALUE_TOTALS = List.of(
      value("key", "platinum", 2, 52000.10, 4100.00),
      value("key", "gold", 3, 41000.20, 6200.00),
      value("general", "gold", 4, 12000.30, 3300.00),
      value("general", "silver", 6, 9000.40, 2400.00),
      value("general", "none", 10, 5000.50, 1500.00),
      value("scattered", "none", 75, 3500.60, 1200.00));

  /** The watch list as the reader selects it (top two CLV deciles, P(alive) below 0.5, largest value at risk first). */
  static final List<Map<String, Object>> WATCH_LIST = List.of(
      Rows.row("customer_key", "k-w1", "display_name_masked", "王*", "value_position", "key", "vip_tier", "gold",
          "clv_decile", 1, "clv", 18765.40, "p_alive", 0.21, "expected_purchases_365d", 1.3, "value_at_risk", 14824.67),
      Rows.row("customer_key", "k-w2", "display_name_masked", "M*** K.", "value_position", "general", "vip_tier", "none",
          "clv_decile", 2, "clv", 7654.30, "p_alive", 0.42, "expected_purchases_365d", 2.2, "value_at_risk", 4439.49));

  private static Map<String, Object> value(String position, String tier, long customers, double clv, double atRisk) {
    return Rows.row("value_position", position, "vip_tier", tier, "customers", customers, "clv", clv, "value_at_risk", atRisk);
  }

  private static Map<String, Object> model(String model, String status, long customers) {
    return Rows.row("model", model, "status", status, "customers", customers, "horizon_months", 12,
        "monthly_discount_rate", 0.01);
  }

  /** The same month when the lifetime-value models could not be fitted: no predictions anywhere. */
  static MonthlyGold notFitted(MonthlyGold gold) {
    return new MonthlyGold(gold.asOfDate(), gold.loyaltyMetrics(), gold.leakyBucket(), gold.churnCohorts(),
        gold.referralMetrics(), gold.atRiskCustomers().stream()
            .map(r -> Rows.with(r, "clv", null, "p_alive", null, "value_at_risk", null)).toList(),
        gold.segmentMix(), gold.pareto(), gold.kpis(), gold.maskedNames(),
        List.of(model("bg_nbd", "fitted", 200), model("gamma_gamma", "insufficient_data", 31)), List.of(), List.of(),
        gold.credit(), gold.care());
  }

  /** The same month from a snapshot built before the lifetime-value models existed. */
  static MonthlyGold withoutModels(MonthlyGold gold) {
    MonthlyGold notFitted = notFitted(gold);
    return new MonthlyGold(gold.asOfDate(), gold.loyaltyMetrics(), gold.leakyBucket(), gold.churnCohorts(),
        gold.referralMetrics(), notFitted.atRiskCustomers(), gold.segmentMix(), gold.pareto(), gold.kpis(),
        gold.maskedNames(), List.of(), List.of(), List.of(), MonthlyGold.Credit.NONE, MonthlyGold.Care.NONE);
  }

  private static Map<String, Object> seg(String scheme, String segment, long customers, double customerShare,
      String amount, double revenueShare) {
    return Rows.row("scheme", scheme, "segment", segment, "customers", customers, "customer_share", customerShare,
        "amount_12m", new BigDecimal(amount), "revenue_share", revenueShare);
  }

  static CustomerCard card(String name) {
    Map<String, Object> profile = new HashMap<>();
    profile.put("customer_key", "k-key-1");
    profile.put("display_name_masked", "张*");
    profile.put("nature", "enterprise");
    profile.put("industry", "制造业");
    profile.put("region", "华东");
    profile.put("acquisition_channel", "referral");
    profile.put("registered_date", LocalDate.of(2022, 5, 1));
    profile.put("first_purchase_date", LocalDate.of(2022, 6, 1));
    profile.put("last_purchase_date", LocalDate.of(2026, 3, 20));
    profile.put("cooperation_years", 3.8);
    profile.put("days_since_last_purchase", 11);
    profile.put("purchase_count", 42L);
    profile.put("refund_count", 1L);
    profile.put("total_amount", new BigDecimal("123456.78"));
    profile.put("amount_12m", new BigDecimal("45678.90"));
    profile.put("amount_prior_12m", new BigDecimal("40000.00"));
    profile.put("average_purchase_amount", 2939.45);
    profile.put("profit_12m", new BigDecimal("9000.00"));
    profile.put("profit_margin", 0.197);
    profile.put("complaint_count", 2L);
    profile.put("open_complaint_count", 1L);
    profile.put("complaints_answered_in_time", 1L);
    profile.put("median_resolution_hours", 30.0);
    profile.put("satisfaction_responses", 3L);
    profile.put("average_satisfaction", 4.33);
    profile.put("referrals_made", 3L);
    profile.put("referrals_converted", 2L);
    profile.put("value_position", "key");
    profile.put("abc_grade", "A");
    profile.put("vip_tier", "gold");
    profile.put("quality_segment", "quality");
    profile.put("rfm_segment", "champions");
    profile.put("rfm_recency_score", 5);
    profile.put("rfm_frequency_score", 5);
    profile.put("rfm_monetary_score", 5);
    profile.put("lifecycle_stage", "active");
    profile.put("time_segment", "old");
    profile.put("trading_stage", "current");
    List<Map<String, Object>> history = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      history.add(Rows.row("month_start", MONTH.minusMonths(13 - i).atDay(1), "revenue", new BigDecimal(3000 + 100 * i)));
    }
    List<Map<String, Object>> service = List.of(Rows.row("received_at", LocalDateTime.of(2026, 3, 2, 9, 0),
        "first_response_at", LocalDateTime.of(2026, 3, 2, 15, 30), "resolved_at", LocalDateTime.of(2026, 3, 4, 9, 0),
        "interaction_type", "complaint", "category", "delivery", "resolution", "补发货物并致歉"));
    List<Map<String, Object>> feedback = List.of(Rows.row("received_at", LocalDateTime.of(2026, 3, 5, 10, 0),
        "interaction_type", "feedback", "satisfaction", 4, "summary", "希望缩短交货周期"));
    List<Map<String, Object>> referrals = List.of(Rows.row("referral_date", LocalDate.of(2025, 9, 1),
        "referred_name", "李*", "has_purchased", true, "reward_amount", new BigDecimal("200.00")));
    return new CustomerCard(profile, history, service, feedback, referrals, null,
        new CustomerCard.PersonalData(name, "13912345678", "canary@example.com", "88 Canary Road Beijing"),
        Rows.row("p_alive", 0.83, "expected_purchases_90d", 2.4, "expected_purchases_365d", 9.6, "clv", 38765.43,
            "value_at_risk", 6590.12, "clv_decile", 1, "horizon_months", 12));
  }

  /** The card of a customer without a lifetime-value prediction (models not fitted this month). */
  static CustomerCard cardWithoutLifetimeValue(String name) {
    CustomerCard card = card(name);
    return new CustomerCard(card.profile(), card.monthlyRevenue(), card.serviceRecords(), card.feedback(),
        card.referrals(), card.referredByName(), card.personal(), null);
  }
}
