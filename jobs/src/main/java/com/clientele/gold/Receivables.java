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
