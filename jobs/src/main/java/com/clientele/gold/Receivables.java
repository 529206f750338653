package com.clientele.gold;

/**
 * One customer's receivables and payment record as of a date, from their lines on credit terms
 * (transaction lines with a payment_due_date, with their effective terms: silver.payment_updates
 * applied). Pure Java, per customer, inside the summaries' pass ({@link CustomerSummaries}).
 *
 * <p>Definitions (docs/metrics.md, "Credit"), for the lines dated on or before the as-of date D:
 * <ul>
 *   <li>A line is <b>open</b> at D when it has no paid_date or its paid_date is after D. A line is
 *       open for its whole amount until its paid_date and then paid in full: the exports carry one
 *       paid_date per line, so a partial payment cannot be seen (it shows when the line is paid in
 *       full). A refund line on credit terms (a credit note) counts with its negative amount in the
 *       same way; a refund without a due date was settled on its day and is not a receivable.</li>
 *   <li><b>Days past due</b> of an open line = D − payment_due_date. Ageing buckets of the open
 *       amount: not yet due (≤ 0 days), 1–30, 31–60, 61–90, over 90 days past due.
 *       <b>Overdue</b> = the open lines at least 1 day past due (amount and count).</li>
 *   <li>The <b>payment record</b> of the trailing year: the lines whose due date falls in the
 *       trailing-year days ending on D and which are paid by D or past due at D (a line due on D and
 *       unpaid is not late yet). On time = paid on or before its due date; days late = paid_date −
 *       due date for a line paid late, D − due date for one still unpaid, 0 when on time.</li>
 *   <li><b>Credit sales</b> of the trailing year: the amount of the lines on credit terms dated in
 *       the trailing-year days ending on D (days sales outstanding divide by it).</li>
 * </ul>
 */
public final class Receivables {

  private Receivables() {}

  /**
   * One customer's receivables at a month's measuring day (the month's last day, or D in D's month),
   * payments as known at D: a line is open at that day when dated on or before it and not paid by
   * it. Ageing as in {@link #summarise}, with that day in place of D; sales = lines dated in the
   * month up to that day, collected = lines paid in the month up to that day.
   */
  public record Month(int monthStart, int measuredOn, long openCents, long[] bucketCents, long overdueCents,
      boolean open, boolean overdue, long salesCents, long collectedCents) {}

  /**
   * The months from the month of the customer's first line to D's month in which at least one of
   * their lines is open at the measuring day, dated in the month or paid in the month; empty when
   * they have no line dated by D.
   */
  public static java.util.List<Month> months(int[] dates, int[] dues, int[] paid, long[] cents, int asOf) {
    java.util.List<Month> out = new java.util.ArrayList<>();
    int first = Integer.MAX_VALUE;
    for (int d : dates) {
      if (d <= asOf) {
        first = Math.min(first, d);
      }
    }
    if (first == Integer.MAX_VALUE) {
      return out;
    }
    java.time.LocalDate end = java.time.LocalDate.ofEpochDay(asOf);
    for (java.time.LocalDate m = java.time.LocalDate.ofEpochDay(first).withDayOfMonth(1); !m.isAfter(end);
        m = m.plusMonths(1)) {
      int start = (int) m.toEpochDay();
      int measured = (int) Math.min(asOf, m.plusMonths(1).toEpochDay() - 1);
      long open = 0;
      long overdue = 0;
      long sales = 0;
      long collected = 0;
      long[] buckets = new long[5];
      boolean anyOpen = false;
      boolean anyOverdue = false;
      boolean active = false;
      for (int i = 0; i < dates.length; i++) {
        if (dates[i] > measured) {
          continue;
        }
        if (dates[i] >= start) {
          sales += cents[i];
          active = true;
        }
        if (paid[i] >= start && paid[i] <= measured) {
          collected += cents[i];
          active = true;
        }
        if (paid[i] > measured) {
          int pastDue = measured - dues[i];
          open += cents[i];
          buckets[pastDue <= 0 ? 0 : pastDue <= 30 ? 1 : pastDue <= 60 ? 2 : pastDue <= 90 ? 3 : 4] += cents[i];
          anyOpen = true;
          active = true;
          if (pastDue >= 1) {
            overdue += cents[i];
            anyOverdue = true;
          }
        }
      }
      if (active) {
        out.add(new Month(start, measured, open, buckets, overdue, anyOpen, anyOverdue, sales, collected));
      }
    }
    return out;
  }

  /** No paid_date. */
  public static final int UNPAID = Integer.MAX_VALUE;

  /**
   * @param creditLines lines on credit terms dated by D
   * @param lastDue the latest due date of those lines (epoch day), or null
   */
  public record Summary(long openCents, long notDueCents, long pastDue1To30Cents, long pastDue31To60Cents,
      long pastDue61To90Cents, long pastDueOver90Cents, long overdueCents, long overdueLines, Integer maxDaysPastDue,
      long linesDue12m, long onTime12m, long daysLate12m, long creditSales12mCents, long creditLines) {}

  /**
   * @param dates transaction dates (epoch days)
   * @param dues due dates (epoch days)
   * @param paid paid dates (epoch days; {@link #UNPAID} when none)
   * @param cents line amounts in cents (negative for refunds)
   * @return null when the customer has no line on credit terms dated by {@code asOf}
   */
  public static Summary summarise(int[] dates, int[] dues, int[] paid, long[] cents, int asOf, int trailingDays) {
    long open = 0;
    long[] buckets = new long[5];
    long overdue = 0;
    long overdueLines = 0;
    Integer maxPastDue = null;
    long linesDue = 0;
    long onTime = 0;
    long daysLate = 0;
    long sales = 0;
    long lines = 0;
    int windowStart = asOf - trailingDays; // exclusive
    for (int i = 0; i < dates.length; i++) {
      if (dates[i] > asOf) {
        continue;
      }
      lines++;
      if (dates[i] > windowStart) {
        sales += cents[i];
      }
      boolean paidByD = paid[i] <= asOf;
      int pastDue = asOf - dues[i];
      if (!paidByD) {
        open += cents[i];
        buckets[pastDue <= 0 ? 0 : pastDue <= 30 ? 1 : pastDue <= 60 ? 2 : pastDue <= 90 ? 3 : 4] += cents[i];
        if (pastDue >= 1) {
          overdue += cents[i];
          overdueLines++;
          maxPastDue = maxPastDue == null ? pastDue : Math.max(maxPastDue, pastDue);
        }
      }
      if (dues[i] > windowStart && dues[i] <= asOf && (paidByD || pastDue >= 1)) {
        linesDue++;
        if (paidByD && paid[i] <= dues[i]) {
          onTime++;
        } else {
          daysLate += paidByD ? paid[i] - dues[i] : pastDue;
        }
      }
    }
    if (lines == 0) {
      return null;
    }
    return new Summary(open, buckets[0], buckets[1], buckets[2], buckets[3], buckets[4], overdue, overdueLines,
        maxPastDue, linesDue, onTime, daysLate, sales, lines);
  }
}
