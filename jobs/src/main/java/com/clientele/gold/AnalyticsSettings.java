package com.clientele.gold;

import com.clientele.config.ClienteleConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The thresholds of the gold layer, read from {@code clientele.analytics} (defaults and their
 * meaning in {@code reference.conf}; definitions in {@code docs/metrics.md}). Validated on load, so a
 * bad setting fails the build before any table is touched.
 */
public record AnalyticsSettings(
    int trailingYearDays,
    int newCustomerDays,
    int activeWindowDays,
    int churnInactivityDays,
    int upcomingEnquiryDays,
    List<String> enquiryInteractionTypes,
    int responseHours,
    double keyRevenueShare,
    double generalRevenueShare,
    BigDecimal gradeAMinAmount,
    double gradeAMinYears,
    BigDecimal gradeBMinAmount,
    double gradeBMinYears,
    double minProfitIndex,
    double minGrowthRate,
    List<Double> rfmScoreEdges,
    List<RfmRule> rfmSegments,
    List<VipTier> vipTiers,
    int topCustomersPercent,
    int firstYearDays,
    int retention6mDays,
    int retention12mDays,
    double confidenceZ,
    int topReferrers,
    int complaintLookbackDays,
    int topComplaintCategories,
    int recentlyChurnedDays,
    AtRiskRanking atRiskRanking,
    AtRiskRule atRiskRule,
    double pAliveThreshold,
    Clv clv,
    Credit credit,
    Care care) implements Serializable {

  /** How the win-back list is ordered ({@code at-risk.rank-by}). */
  public enum AtRiskRanking {
    /** Last year's revenue before the last purchase, largest first (value_at_stake). */
    VALUE_AT_STAKE,
    /** CLV × (1 − P(alive)), largest first: the expected value lost if the customer has gone. */
    VALUE_AT_RISK
  }

  /** What makes an active customer "at risk" ({@code lifecycle.at-risk-rule}). */
  public enum AtRiskRule {
    /** No purchase within active-window-days. */
    DAYS,
    /** The BG/NBD probability of being alive below p-alive-threshold (days where no model was fitted). */
    P_ALIVE
  }

  /**
   * The lifetime-value models' settings ({@code clv}).
   *
   * @param timeUnit purchase periods and the unit of recency and T
   * @param horizonMonths the CLV horizon
   * @param monthlyDiscountRate the discount rate per month
   * @param minCustomers the fewest customers (BG/NBD) and repeat customers with a positive spend
   *     (Gamma-Gamma) a fit needs
   */
  public record Clv(RfmSummary.TimeUnit timeUnit, int horizonMonths, double monthlyDiscountRate, int minCustomers)
      implements Serializable {}

  /** A named RFM segment: inclusive score ranges for R, F and M. */
  public record RfmRule(String name, int rMin, int rMax, int fMin, int fMax, int mMin, int mMax)
      implements Serializable {}

  /** A VIP tier reached at {@code minAmount} of amount_12m. */
  public record VipTier(String name, BigDecimal minAmount) implements Serializable {}

  /**
   * Credit management ({@code credit}, gold.customer_credit; docs/metrics.md, Credit): the score's
   * component weights, what earns each component full marks, the grade thresholds and the caps.
   */
  public record Credit(double paymentWeight, double frequencyWeight, double influenceWeight, double prospectsWeight,
      double loyaltyWeight, int zeroScoreDaysLate, int fullScorePurchaseDays, int fullScoreReferrals,
      int fullScoreTenureDays, double gradeA, double gradeB, double gradeC, int capCDaysPastDue,
      int capDDaysPastDue, int followUpPastDueDays, int followUpCompareDays, java.util.Map<String, Terms> terms)
      implements Serializable {

    public Credit {
      terms = java.util.Map.copyOf(terms);
    }
  }

  /** The suggested credit terms of a grade: payment days, and the limit's headroom in hundredths (1.5 → 150). */
  public record Terms(int paymentDays, int headroomPercent) implements Serializable {}

  /** The credit grades, best first ("unknown": no payment record). */
  public static final List<String> CREDIT_GRADES = List.of("A", "B", "C", "D", "unknown");

  /**
   * The care calendar ({@code care}, gold.care_actions; docs/metrics.md, Care): the horizon, each
   * action type's groups, priority and channel (by the action type's name, e.g. birthday,
   * key_no_contact), the day counts of the contact rules and the holiday calendar.
   */
  public record Care(int horizonDays, java.util.Map<String, CareAction> actions, int keyNoContactDays,
      int complaintFollowUpDays, int vipUpgradeWithinDays, List<Holiday> holidays) implements Serializable {

    public Care {
      actions = java.util.Map.copyOf(actions);
      holidays = List.copyOf(holidays);
    }

    public CareAction action(String type) {
      return actions.get(type);
    }
  }

  /** One action type's settings: the customer groups it is for (empty: not group-bound), priority, channel. */
  public record CareAction(List<String> groups, String priority, String channel) implements Serializable {
    public CareAction {
      groups = List.copyOf(groups);
    }
  }

  /**
   * A holiday of the care calendar: on {@code monthDay} (MM-DD) every year, or on the listed
   * {@code dates}; greets the listed groups; its name per report language.
   */
  public record Holiday(String key, String monthDay, List<java.time.LocalDate> dates, List<String> groups,
      java.util.Map<String, String> names) implements Serializable {
    public Holiday {
      dates = List.copyOf(dates);
      groups = List.copyOf(groups);
      names = java.util.Map.copyOf(names);
    }
  }

  /** The care action types and their setting names (the action type in kebab case). */
  public static final List<String> CARE_ACTIONS = List.of("birthday", "founding_day", "purchase_anniversary",
      "key_no_contact", "win_back", "complaint_follow_up", "vip_upgrade", "holiday");

  /** The care action types whose customers are chosen by groups (the others: by their own rule). */
  public static final List<String> GROUP_BOUND_CARE_ACTIONS = List.of("birthday", "founding_day",
      "purchase_anniversary", "key_no_contact");

  /** The customer groups care actions can be for. */
  public static final List<String> CARE_GROUPS = List.of("customers", "current", "key", "vip", "a_grade");

  public AnalyticsSettings {
    enquiryInteractionTypes = List.copyOf(enquiryInteractionTypes);
    rfmScoreEdges = List.copyOf(rfmScoreEdges);
    rfmSegments = List.copyOf(rfmSegments);
    vipTiers = List.copyOf(vipTiers);
  }

  /** The bundled defaults. */
  public static AnalyticsSettings defaults() {
    return from(ClienteleConfig.defaults());
  }

  public static AnalyticsSettings from(ClienteleConfig config) {
    return from(config.raw().getConfig("clientele.analytics"));
  }

  /** Reads and validates the {@code clientele.analytics} section. */
  public static AnalyticsSettings from(Config c) {
    try {
      List<RfmRule> rules = new ArrayList<>();
      for (Config r : c.getConfigList("rfm.segments")) {
        int[] rr = range(r, "r");
        int[] ff = range(r, "f");
        int[] mm = range(r, "m");
        rules.add(new RfmRule(r.getString("name"), rr[0], rr[1], ff[0], ff[1], mm[0], mm[1]));
      }
      List<VipTier> tiers = new ArrayList<>();
      for (Config t : c.getConfigList("vip-tiers")) {
        tiers.add(new VipTier(t.getString("name"), amount(t, "min-amount")));
      }
      return new AnalyticsSettings(
          c.getInt("trailing-year-days"),
          c.getInt("new-customer-days"),
          c.getInt("active-window-days"),
          c.getInt("churn-inactivity-days"),
          c.getInt("upcoming-enquiry-days"),
          c.getStringList("enquiry-interaction-types"),
          c.getInt("response-hours"),
          c.getDouble("value-position.key-revenue-share"),
          c.getDouble("value-position.general-revenue-share"),
          amount(c, "grade.a.min-amount"),
          c.getDouble("grade.a.min-years"),
          amount(c, "grade.b.min-amount"),
          c.getDouble("grade.b.min-years"),
          c.getDouble("quality.min-profit-index"),
          c.getDouble("quality.min-growth-rate"),
          c.getDoubleList("rfm.score-edges"),
          rules,
          tiers,
          c.getInt("top-customers-percent"),
          c.getInt("referral.first-year-days"),
          c.getInt("referral.retention-6m-days"),
          c.getInt("referral.retention-12m-days"),
          c.getDouble("referral.confidence-z"),
          c.getInt("referral.top-referrers"),
          c.getInt("leaky-bucket.complaint-lookback-days"),
          c.getInt("leaky-bucket.top-complaint-categories"),
          c.getInt("at-risk.recently-churned-days"),
          choice(c, "at-risk.rank-by", AtRiskRanking.class),
          choice(c, "lifecycle.at-risk-rule", AtRiskRule.class),
          c.getDouble("lifecycle.p-alive-threshold"),
          new Clv(RfmSummary.TimeUnit.fromSetting(c.getString("clv.time-unit")), c.getInt("clv.horizon-months"),
              c.getDouble("clv.monthly-discount-rate"), c.getInt("clv.min-customers")),
          new Credit(c.getDouble("credit.weights.payment"), c.getDouble("credit.weights.frequency"),
              c.getDouble("credit.weights.influence"), c.getDouble("credit.weights.prospects"),
              c.getDouble("credit.weights.loyalty"), c.getInt("credit.zero-score-days-late"),
              c.getInt("credit.full-score.purchase-days"), c.getInt("credit.full-score.referrals"),
              c.getInt("credit.full-score.tenure-days"), c.getDouble("credit.grades.a"),
              c.getDouble("credit.grades.b"), c.getDouble("credit.grades.c"),
              c.getInt("credit.caps.c-when-past-due-days"), c.getInt("credit.caps.d-when-past-due-days"),
              c.getInt("credit.follow-up.past-due-days"), c.getInt("credit.follow-up.compare-days"),
              terms(c.getConfig("credit.terms"))),
          care(c.getConfig("care"))).validate();
    } catch (ConfigException e) {
      throw new IllegalArgumentException("clientele.analytics: " + e.getMessage(), e);
    }
  }

  /** Checks every setting and reports all problems at once. */
  public AnalyticsSettings validate() {
    List<String> problems = new ArrayList<>();
    positive(problems, "trailing-year-days", trailingYearDays);
    positive(problems, "new-customer-days", newCustomerDays);
    positive(problems, "active-window-days", activeWindowDays);
    positive(problems, "upcoming-enquiry-days", upcomingEnquiryDays);
    positive(problems, "response-hours", responseHours);
    positive(problems, "referral.first-year-days", firstYearDays);
    positive(problems, "leaky-bucket.complaint-lookback-days", complaintLookbackDays);
    if (churnInactivityDays < 31 || churnInactivityDays <= activeWindowDays) {
      problems.add("churn-inactivity-days must be at least 31 and more than active-window-days (was "
          + churnInactivityDays + ")");
    }
    if (!(keyRevenueShare > 0 && keyRevenueShare <= generalRevenueShare && generalRevenueShare <= 1)) {
      problems.add("value-position shares must satisfy 0 < key-revenue-share <= general-revenue-share <= 1");
    }
    if (rfmScoreEdges.size() != 4) {
      problems.add("rfm.score-edges must have exactly 4 values (scores 1..5)");
    }
    for (int i = 0; i < rfmScoreEdges.size(); i++) {
      double e = rfmScoreEdges.get(i);
      if (e < 0 || e > 1 || (i > 0 && e < rfmScoreEdges.get(i - 1))) {
        problems.add("rfm.score-edges must be ascending values in [0, 1]");
        break;
      }
    }
    for (RfmRule r : rfmSegments) {
      if (r.rMin() > r.rMax() || r.fMin() > r.fMax() || r.mMin() > r.mMax()) {
        problems.add("rfm segment " + r.name() + " has an empty score range");
      }
    }
    if (gradeAMinAmount.compareTo(gradeBMinAmount) < 0 || gradeAMinYears < gradeBMinYears) {
      problems.add("grade a's minimums must not be below grade b's");
    }
    if (topCustomersPercent < 1 || topCustomersPercent > 100) {
      problems.add("top-customers-percent must be between 1 and 100 (was " + topCustomersPercent + ")");
    }
    if (retention6mDays < activeWindowDays || retention12mDays < activeWindowDays) {
      problems.add("referral.retention-6m-days and retention-12m-days must be at least active-window-days");
    }
    if (!(confidenceZ > 0)) {
      problems.add("referral.confidence-z must be positive");
    }
    if (topReferrers < 1 || topComplaintCategories < 1) {
      problems.add("referral.top-referrers and leaky-bucket.top-complaint-categories must be at least 1");
    }
    if (recentlyChurnedDays < 0) {
      problems.add("at-risk.recently-churned-days must not be negative");
    }
    if (!(pAliveThreshold > 0 && pAliveThreshold < 1)) {
      problems.add("lifecycle.p-alive-threshold must be between 0 and 1 (exclusive)");
    }
    if (clv.horizonMonths() < 1 || clv.horizonMonths() > 600) {
      problems.add("clv.horizon-months must be between 1 and 600 (was " + clv.horizonMonths() + ")");
    }
    if (!(clv.monthlyDiscountRate() >= 0 && clv.monthlyDiscountRate() < 1)) {
      problems.add("clv.monthly-discount-rate must be in [0, 1) (was " + clv.monthlyDiscountRate() + ")");
    }
    if (clv.minCustomers() < 10) {
      problems.add("clv.min-customers must be at least 10 (was " + clv.minCustomers() + ")");
    }
    double[] weights = {credit.paymentWeight(), credit.frequencyWeight(), credit.influenceWeight(),
        credit.prospectsWeight(), credit.loyaltyWeight()};
    if (java.util.Arrays.stream(weights).anyMatch(w -> !(w >= 0)) || !(java.util.Arrays.stream(weights).sum() > 0)) {
      problems.add("credit.weights must not be negative and must not all be 0");
    }
    if (!(credit.gradeA() >= credit.gradeB() && credit.gradeB() >= credit.gradeC() && credit.gradeC() >= 0
        && credit.gradeA() <= 1)) {
      problems.add("credit.grades must satisfy 1 >= a >= b >= c >= 0");
    }
    if (credit.zeroScoreDaysLate() < 1 || credit.fullScorePurchaseDays() < 1 || credit.fullScoreReferrals() < 1
        || credit.fullScoreTenureDays() < 1) {
      problems.add("credit.zero-score-days-late and credit.full-score values must be at least 1");
    }
    if (credit.capCDaysPastDue() < 1 || credit.capDDaysPastDue() < credit.capCDaysPastDue()) {
      problems.add("credit.caps must satisfy 1 <= c-when-past-due-days <= d-when-past-due-days");
    }
    credit.terms().forEach((grade, t) -> {
      if (t.paymentDays() < 0 || t.paymentDays() > 365 || t.headroomPercent() < 0 || t.headroomPercent() > 1000) {
        problems.add("credit.terms." + grade + ": payment-days must be 0-365 and headroom 0-10");
      }
    });
    if (credit.followUpPastDueDays() < 1 || credit.followUpCompareDays() < 1) {
      problems.add("credit.follow-up.past-due-days and compare-days must be at least 1");
    }
    validateCare(care, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid clientele.analytics settings: " + String.join("; ", problems));
    }
    return this;
  }

  private static java.util.Map<String, Terms> terms(Config c) {
    java.util.Map<String, Terms> out = new java.util.LinkedHashMap<>();
    for (String grade : CREDIT_GRADES) {
      BigDecimal headroom = new BigDecimal(c.getString("\"" + grade + "\".headroom"));
      try {
        out.put(grade, new Terms(c.getInt("\"" + grade + "\".payment-days"),
            headroom.movePointRight(2).intValueExact()));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("clientele.analytics.credit.terms." + grade
            + ".headroom must have at most two decimals (was " + headroom + ")");
      }
    }
    return out;
  }

  private static Care care(Config c) {
    java.util.Map<String, CareAction> actions = new java.util.LinkedHashMap<>();
    for (String type : CARE_ACTIONS) {
      Config a = c.getConfig(type.replace('_', '-'));
      actions.put(type, new CareAction(a.hasPath("groups") ? a.getStringList("groups") : List.of(),
          a.getString("priority"), a.getString("channel")));
    }
    List<Holiday> holidays = new ArrayList<>();
    for (Config h : c.getConfigList("holidays")) {
      List<java.time.LocalDate> dates = new ArrayList<>();
      if (h.hasPath("dates")) {
        for (String d : h.getStringList("dates")) {
          try {
            dates.add(java.time.LocalDate.parse(d));
          } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("clientele.analytics.care.holidays: " + h.getString("key")
                + " has a date that is not yyyy-MM-dd: '" + d + "'");
          }
        }
      }
      java.util.Map<String, String> names = new java.util.TreeMap<>();
      if (h.hasPath("names")) {
        h.getConfig("names").root().unwrapped().forEach((k, v) -> names.put(k, String.valueOf(v)));
      }
      dates = new ArrayList<>(new java.util.TreeSet<>(dates)); // a date listed twice greets once
      holidays.add(new Holiday(h.getString("key"), h.hasPath("month-day") ? h.getString("month-day") : null, dates,
          h.getStringList("groups"), names));
    }
    return new Care(c.getInt("horizon-days"), actions, c.getInt("key-no-contact.days"),
        c.getInt("complaint-follow-up.days"), c.getInt("vip-upgrade.within-days"), holidays);
  }

  private static void validateCare(Care care, List<String> problems) {
    if (care.horizonDays() < 0 || care.horizonDays() > 366) {
      problems.add("care.horizon-days must be between 0 and 366 (was " + care.horizonDays() + ")");
    }
    if (care.keyNoContactDays() < 1 || care.complaintFollowUpDays() < 0 || care.vipUpgradeWithinDays() < 1) {
      problems.add("care.key-no-contact.days and vip-upgrade.within-days must be at least 1, "
          + "complaint-follow-up.days not negative");
    }
    care.actions().forEach((type, a) -> {
      if (!List.of("high", "normal", "low").contains(a.priority())) {
        problems.add("care." + type.replace('_', '-') + ".priority must be high, normal or low (was '"
            + a.priority() + "')");
      }
      if (a.channel().isBlank()) {
        problems.add("care." + type.replace('_', '-') + ".channel must not be empty");
      }
      groups(problems, "care." + type.replace('_', '-') + ".groups", a.groups());
      if (GROUP_BOUND_CARE_ACTIONS.contains(type) && a.groups().isEmpty()) {
        problems.add("care." + type.replace('_', '-') + ".groups must name at least one group");
      }
    });
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (Holiday h : care.holidays()) {
      String where = "care.holidays " + h.key();
      if (!h.key().matches("[a-z0-9_]+")) {
        problems.add(where + ": key must be lower-case letters, digits and _");
      }
      if (!keys.add(h.key())) {
        problems.add(where + ": key appears twice");
      }
      if ((h.monthDay() == null) == h.dates().isEmpty()) {
        problems.add(where + ": give either month-day or dates");
      }
      if (h.monthDay() != null && !validMonthDay(h.monthDay())) {
        problems.add(where + ": month-day must be MM-DD (was '" + h.monthDay() + "')");
      }
      if (h.groups().isEmpty()) {
        problems.add(where + ": groups must not be empty");
      }
      groups(problems, where + " groups", h.groups());
    }
  }

  private static boolean validMonthDay(String monthDay) {
    try {
      java.time.MonthDay.parse("--" + monthDay);
      return monthDay.length() == 5;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static void groups(List<String> problems, String where, List<String> groups) {
    for (String g : groups) {
      if (!CARE_GROUPS.contains(g)) {
        problems.add(where + ": unknown group '" + g + "' (expected one of " + CARE_GROUPS + ")");
      }
    }
  }

  /** An enum setting spelled in kebab case (value-at-risk → VALUE_AT_RISK). */
  private static <E extends Enum<E>> E choice(Config c, String path, Class<E> type) {
    String value = c.getString(path);
    try {
      return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E option : type.getEnumConstants()) {
        allowed.add(option.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      }
      throw new IllegalArgumentException("clientele.analytics." + path + " must be one of " + allowed + " (was '"
          + value + "')");
    }
  }

  private static void positive(List<String> problems, String name, int value) {
    if (value < 1) {
      problems.add(name + " must be at least 1 (was " + value + ")");
    }
  }

  private static BigDecimal amount(Config c, String path) {
    try {
      return new BigDecimal(c.getString(path)).setScale(2, java.math.RoundingMode.UNNECESSARY);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("clientele.analytics." + path + " must be an amount with at most 2 decimals");
    }
  }

  private static int[] range(Config rule, String key) {
    if (!rule.hasPath(key)) {
      return new int[] {1, 5};
    }
    List<Integer> values = rule.getIntList(key);
    if (values.size() != 2) {
      throw new IllegalArgumentException("rfm segment " + rule.getString("name") + ": " + key + " must be [min, max]");
    }
    return new int[] {values.get(0), values.get(1)};
  }
}
