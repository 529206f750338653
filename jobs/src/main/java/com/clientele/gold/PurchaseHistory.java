package com.clientele.gold;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's purchase timeline and everything read from it — the one definition of "purchase",
 * "new", "won back" and "lost" used by every gold table:
 * <ul>
 *   <li>a <b>purchase day</b> is a customer day with at least one sale line (refunds are revenue
 *       corrections, not activity);</li>
 *   <li>a customer becomes <b>churned</b> ("lost") on day p + C, C = churn-inactivity-days, when p is
 *       a purchase day followed by no purchase on days p+1 … p+C;</li>
 *   <li>a purchase day d is a <b>win-back</b> when the previous purchase day p is more than C days
 *       earlier (d − p &gt; C: the customer was churned the day before);</li>
 *   <li>the <b>first purchase</b> makes a customer new.</li>
 * </ul>
 * A customer is in the active base on day t when they have bought and t − (last purchase ≤ t) &lt; C,
 * so each month: base at end = base at start + new + won back − lost.
 *
 * <p>{@link #summarise} reads one customer's days (from silver.customer_state) as they were known
 * at the end of the as-of date — days after it do not exist yet — and returns the customer's
 * purchase facts, their months and their lifecycle events in one pass over the days. It is plain
 * Java on primitive arrays (dates are epoch days, amounts are cents), so Spark runs it per customer
 * without shuffling the days ({@link CustomerSummaries}); the fact definitions are in
 * {@link CustomerFacts} and the monthly ones in the tables that aggregate them.
 */
public final class PurchaseHistory {

  private PurchaseHistory() {}

  public static final String NEW = "new";
  public static final String WON_BACK = "won_back";
  public static final String LOST = "lost";

  /**
   * One customer's days in date order (ascending, one entry per day with a transaction line):
   * sale and refund lines, sale amounts, refund amounts (negative), and the amount and amount − cost
   * of the sale lines whose cost is known. Net revenue of a day = sales + refunds.
   */
  public record Days(int[] dates, int[] purchaseLines, int[] refundLines, long[] sales, long[] refunds,
      long[] costedSales, long[] profit) implements Serializable {

    public int size() {
      return dates.length;
    }

    long net(int i) {
      return sales[i] + refunds[i];
    }
  }

  /** The day counts the definitions use (see {@link AnalyticsSettings}). */
  public record Horizons(int trailingYearDays, int newCustomerDays, int activeWindowDays, int churnInactivityDays,
      int firstYearDays, int retention6mDays, int retention12mDays) implements Serializable {

    static Horizons of(AnalyticsSettings s) {
      return new Horizons(s.trailingYearDays(), s.newCustomerDays(), s.activeWindowDays(), s.churnInactivityDays(),
          s.firstYearDays(), s.retention6mDays(), s.retention12mDays());
    }
  }

  /**
   * A month with transaction lines (refund-only months included): purchase days, sale amounts, net
   * revenue and the part of it from lines dated more than new-customer-days after the first purchase
   * ("old customer" revenue); flags of the month as loyalty counts it (active = a purchase day; new =
   * active in the first purchase's month; repeat = active with at least two purchase days up to the
   * end of the month; retained = active in this month and the previous one; won back = a win-back
   * purchase in it).
   */
  public record Month(int monthStart, int purchaseDays, long sales, long revenue, long oldCustomerRevenue,
      boolean isNew, boolean isRepeat, boolean isRetained, boolean isWonBack) implements Serializable {}

  /**
   * A lifecycle event: {@link #NEW} and {@link #WON_BACK} on the purchase day, {@link #LOST} on the
   * day the customer became churned (purchaseDate = the last purchase before it), with the customer's
   * net revenue over the trailing-year-days days up to that purchase (lost events only).
   */
  public record Event(String event, int eventDate, int purchaseDate, long annualValue) implements Serializable {}

  /** Everything the gold tables take from one customer's days up to the as-of date. */
  public record Summary(int firstTransactionDate, int lastTransactionDate, Integer firstPurchaseDate,
      Integer lastPurchaseDate, long purchaseCount, long refundCount, long purchaseDays, long purchaseDays12m,
      long salesAmount, long refundAmount, long totalAmount, long amount12m, long amountPrior12m,
      long profitAmount, long profit12m, long costedSalesAmount, Long valueAtStake, Integer lastWinBackDate,
      long firstYearRevenue, boolean retained6m, boolean retained12m, List<Month> months, List<Event> events)
      implements Serializable {}

  /**
   * The last purchase day (a day with a sale line) on or before {@code asOf}, or null: {@link
   * Summary#lastPurchaseDate} of {@link #summarise} at {@code asOf}, without the rest of the summary.
   */
  static Integer lastPurchaseDay(Days d, int asOf) {
    for (int i = d.size() - 1; i >= 0; i--) {
      if (d.dates[i] <= asOf && d.purchaseLines[i] > 0) {
        return d.dates[i];
      }
    }
    return null;
  }

  /**
   * The customer's summary as of {@code asOf} (epoch day), or null when they have no transaction
   * line on or before it. Definitions: {@link CustomerFacts} (facts), the class comment (events),
   * {@link Month} (months); first-year revenue = net revenue on first purchase … first purchase +
   * first-year-days − 1; retained at 6 / 12 months = a purchase day in the active window ending on
   * first purchase + retention-6m-days / retention-12m-days.
   */
  public static Summary summarise(Days d, int asOf, Horizons h) {
    int n = 0;
    while (n < d.size() && d.dates[n] <= asOf) {
      n++;
    }
    if (n == 0) {
      return null;
    }
    int year = h.trailingYearDays();
    int trailingFrom = asOf - year;          // trailing year: trailingFrom < day <= asOf
    int priorFrom = asOf - 2 * year;         // prior year: priorFrom < day <= trailingFrom
    Integer firstPurchase = null;
    Integer lastPurchase = null;
    long purchaseCount = 0, refundCount = 0, purchaseDays = 0, purchaseDays12m = 0;
    long sales = 0, refunds = 0, amount12m = 0, amountPrior = 0, profit = 0, profit12m = 0, costed = 0;
    for (int i = 0; i < n; i++) {
      int day = d.dates[i];
      boolean purchase = d.purchaseLines[i] > 0;
      if (purchase) {
        if (firstPurchase == null) {
          firstPurchase = day;
        }
        lastPurchase = day;
        purchaseDays++;
        if (day > trailingFrom) {
          purchaseDays12m++;
        }
      }
      purchaseCount += d.purchaseLines[i];
      refundCount += d.refundLines[i];
      sales += d.sales[i];
      refunds += d.refunds[i];
      profit += d.profit[i];
      costed += d.costedSales[i];
      if (day > trailingFrom) {
        amount12m += d.net(i);
        profit12m += d.profit[i];
      } else if (day > priorFrom) {
        amountPrior += d.net(i);
      }
    }
    Long valueAtStake = lastPurchase == null ? null : netBetween(d, n, lastPurchase - year, lastPurchase);

    List<Event> events = new ArrayList<>();
    Integer lastWinBack = null;
    int churn = h.churnInactivityDays();
    int previous = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      if (d.purchaseLines[i] <= 0) {
        continue;
      }
      int day = d.dates[i];
      if (previous == Integer.MIN_VALUE) {
        events.add(new Event(NEW, day, day, 0));
      } else {
        if (day - previous > churn) {
          events.add(new Event(WON_BACK, day, day, 0));
          lastWinBack = day;
        }
      }
      previous = day;
    }
    // Lost: a purchase day with no purchase in the C days after it, once those C days have passed.
    int previousPurchase = Integer.MIN_VALUE;
    for (int i = 0; i <= n; i++) {
      boolean isPurchase = i < n && d.purchaseLines[i] > 0;
      if (i < n && !isPurchase) {
        continue;
      }
      if (previousPurchase != Integer.MIN_VALUE) {
        boolean gap = i == n || d.dates[i] - previousPurchase > churn;
        if (gap && previousPurchase + churn <= asOf) {
          events.add(new Event(LOST, previousPurchase + churn, previousPurchase,
              netBetween(d, n, previousPurchase - year, previousPurchase)));
        }
      }
      if (i < n) {
        previousPurchase = d.dates[i];
      }
    }
    events.sort(java.util.Comparator.comparingInt(Event::eventDate).thenComparing(Event::event));

    long firstYearRevenue = 0;
    boolean retained6m = false;
    boolean retained12m = false;
    if (firstPurchase != null) {
      firstYearRevenue = netBetween(d, n, firstPurchase - 1, firstPurchase + h.firstYearDays() - 1);
      retained6m = purchasedBetween(d, n, firstPurchase + h.retention6mDays() - h.activeWindowDays(),
          firstPurchase + h.retention6mDays());
      retained12m = purchasedBetween(d, n, firstPurchase + h.retention12mDays() - h.activeWindowDays(),
          firstPurchase + h.retention12mDays());
    }

    List<Month> months = months(d, n, firstPurchase, h.newCustomerDays(), events);
    return new Summary(d.dates[0], d.dates[n - 1], firstPurchase, lastPurchase, purchaseCount, refundCount,
        purchaseDays, purchaseDays12m, sales, refunds, sales + refunds, amount12m, amountPrior, profit, profit12m,
        costed, valueAtStake, lastWinBack, firstYearRevenue, retained6m, retained12m, months, events);
  }

  private static List<Month> months(Days d, int n, Integer firstPurchase, int newCustomerDays, List<Event> events) {
    List<Month> months = new ArrayList<>();
    int firstPurchaseMonth = firstPurchase == null ? Integer.MIN_VALUE : monthStart(firstPurchase);
    long purchaseDaysToDate = 0;
    int previousActiveMonth = Integer.MIN_VALUE;
    int i = 0;
    while (i < n) {
      int month = monthStart(d.dates[i]);
      int purchaseDays = 0;
      long sales = 0, revenue = 0, old = 0;
      while (i < n && monthStart(d.dates[i]) == month) {
        if (d.purchaseLines[i] > 0) {
          purchaseDays++;
        }
        sales += d.sales[i];
        revenue += d.net(i);
        if (firstPurchase != null && d.dates[i] - firstPurchase > newCustomerDays) {
          old += d.net(i);
        }
        i++;
      }
      purchaseDaysToDate += purchaseDays;
      boolean active = purchaseDays > 0;
      boolean isNew = active && month == firstPurchaseMonth;
      boolean isRepeat = active && purchaseDaysToDate >= 2;
      boolean isRetained = active && previousActiveMonth == previousMonthStart(month);
      boolean isWonBack = false;
      for (Event e : events) {
        if (e.event().equals(WON_BACK) && monthStart(e.eventDate()) == month) {
          isWonBack = true;
        }
      }
      months.add(new Month(month, purchaseDays, sales, revenue, old, isNew, isRepeat, isRetained, isWonBack));
      if (active) {
        previousActiveMonth = month;
      }
    }
    return months;
  }

  /** Net revenue of the days with from &lt; day ≤ to (among the first n days). */
  private static long netBetween(Days d, int n, int from, int to) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      int day = d.dates[i];
      if (day > from && day <= to) {
        sum += d.net(i);
      }
    }
    return sum;
  }

  /** Whether a purchase day lies in from &lt; day ≤ to (among the first n days). */
  private static boolean purchasedBetween(Days d, int n, int from, int to) {
    for (int i = 0; i < n; i++) {
      if (d.purchaseLines[i] > 0 && d.dates[i] > from && d.dates[i] <= to) {
        return true;
      }
    }
    return false;
  }

  /** The epoch day of the first day of the day's month. */
  static int monthStart(int epochDay) {
    java.time.LocalDate date = java.time.LocalDate.ofEpochDay(epochDay);
    return (int) date.withDayOfMonth(1).toEpochDay();
  }

  private static int previousMonthStart(int monthStart) {
    return (int) java.time.LocalDate.ofEpochDay(monthStart).minusMonths(1).toEpochDay();
  }
}
