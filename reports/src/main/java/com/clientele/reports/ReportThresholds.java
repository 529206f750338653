package com.clientele.reports;

/**
 * The configured thresholds the reports' words mention, so a page says "answered within 48 hours" when the
 * service standard is set to 48 ({@code clientele.analytics} of the run; the report job passes them in).
 *
 * <p>In the resource bundles, a text with no arguments of its own that mentions a threshold is a MessageFormat
 * pattern over {@link #arguments()}: {@code {0}} the response hours, {@code {1}} the top-customers percent,
 * {@code {2}} the new-customer window in days, {@code {3}} the churn window in days ({@link Fmt#text}).
 * Texts with arguments of their own take the threshold as an extra, explicit argument.
 *
 * @param responseHours        a complaint answered within this many hours counts as answered in time
 * @param topCustomersPercent  the top customers by revenue: this percent of them
 * @param newCustomerDays      a sale within this many days of the customer's first purchase is a new customer's
 * @param churnInactivityDays  no purchase for this many days: churned
 * @param creditFollowUpPastDueDays an open line this many days past due puts a customer on the credit follow-up list
 */
public record ReportThresholds(int responseHours, int topCustomersPercent, int newCustomerDays,
                               int churnInactivityDays, int creditFollowUpPastDueDays) {

  /** The default credit follow-up threshold (clientele.analytics.credit.follow-up.past-due-days). */
  public static final int DEFAULT_CREDIT_FOLLOW_UP_PAST_DUE_DAYS = 31;

  public ReportThresholds(int responseHours, int topCustomersPercent, int newCustomerDays, int churnInactivityDays) {
    this(responseHours, topCustomersPercent, newCustomerDays, churnInactivityDays,
        DEFAULT_CREDIT_FOLLOW_UP_PAST_DUE_DAYS);
  }

  public ReportThresholds {
    if (responseHours < 1 || topCustomersPercent < 1 || topCustomersPercent > 100 || newCustomerDays < 1
        || churnInactivityDays < 1 || creditFollowUpPastDueDays < 1) {
      throw new IllegalArgumentException("invalid report thresholds: response hours " + responseHours
          + ", top-customers percent " + topCustomersPercent + ", new-customer days " + newCustomerDays
          + ", churn days " + churnInactivityDays);
    }
  }

  /** The bundle patterns' arguments, in the order the class comment gives. */
  Object[] arguments() {
    return new Object[] {responseHours, topCustomersPercent, newCustomerDays, churnInactivityDays};
  }
}
