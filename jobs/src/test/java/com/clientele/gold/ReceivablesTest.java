package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Hand-worked receivables: every ageing bucket edge, the payment record's window and the open rule. */
class ReceivablesTest {

  static final LocalDate D = LocalDate.parse("2026-06-30");
  static final int AS_OF = (int) D.toEpochDay();

  static int day(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  /** One line per edge: due D (0 days past due), D-1 (1), D-30 (30), D-31 (31), D-60, D-61, D-90, D-91. */
  @Test
  void openLinesFallIntoTheirBucketAtEachEdge() {
    int[] pastDue = {-5, 0, 1, 30, 31, 60, 61, 90, 91};
    long[] cents = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    int n = pastDue.length;
    int[] dates = new int[n];
    int[] dues = new int[n];
    int[] paid = new int[n];
    for (int i = 0; i < n; i++) {
      dues[i] = AS_OF - pastDue[i];
      dates[i] = dues[i] - 30;
      paid[i] = Receivables.UNPAID;
    }
    Receivables.Summary s = Receivables.summarise(dates, dues, paid, cents, AS_OF, 365);
    assertEquals(511, s.openCents());
    assertEquals(1 + 2, s.notDueCents(), "0 days past due is not yet due");
    assertEquals(4 + 8, s.pastDue1To30Cents());
    assertEquals(16 + 32, s.pastDue31To60Cents());
    assertEquals(64 + 128, s.pastDue61To90Cents());
    assertEquals(256, s.pastDueOver90Cents());
    assertEquals(511 - 3, s.overdueCents());
    assertEquals(7, s.overdueLines());
    assertEquals(91, s.maxDaysPastDue());
    // Due in the trailing year and past due (the line due on D is not late yet; the one due later is not due).
    assertEquals(7, s.linesDue12m());
    assertEquals(0, s.onTime12m());
    assertEquals(1 + 30 + 31 + 60 + 61 + 90 + 91, s.daysLate12m());
  }

  @Test
  void aLineIsOpenUntilItsPaidDateAndPaidInFullOnIt() {
    int[] dates = {day("2026-05-01"), day("2026-05-01"), day("2026-05-01")};
    int[] dues = {day("2026-05-31"), day("2026-05-31"), day("2026-05-31")};
    // Paid on D (not open at the end of D), paid the day after D (open at D), paid early.
    int[] paid = {AS_OF, AS_OF + 1, day("2026-05-20")};
    long[] cents = {10_000, 20_000, 40_000};
    Receivables.Summary s = Receivables.summarise(dates, dues, paid, cents, AS_OF, 365);
    assertEquals(20_000, s.openCents());
    assertEquals(20_000, s.pastDue1To30Cents(), "30 days past due at D");
    assertEquals(30, s.maxDaysPastDue());
    assertEquals(3, s.linesDue12m());
    assertEquals(1, s.onTime12m(), "paid before its due date");
    assertEquals(30 + 30, s.daysLate12m(), "paid 30 days late on D; 30 days past due and unpaid");
    assertEquals(70_000, s.creditSales12mCents());
  }

  @Test
  void theTrailingYearAndTheAsOfDateBoundTheRecord() {
    int[] dates = {day("2025-05-01"), day("2025-06-01"), day("2026-07-15")};
    // Due exactly 365 days before D (outside the window), 364 days before (inside), and a line dated after D.
    int[] dues = {AS_OF - 365, AS_OF - 364, day("2026-08-15")};
    int[] paid = {AS_OF - 360, AS_OF - 364, Receivables.UNPAID};
    long[] cents = {500, 700, 900};
    Receivables.Summary s = Receivables.summarise(dates, dues, paid, cents, AS_OF, 365);
    assertEquals(2, s.creditLines(), "the line dated after D does not exist yet");
    assertEquals(0, s.openCents());
    assertEquals(1, s.linesDue12m());
    assertEquals(1, s.onTime12m());
    assertEquals(0, s.daysLate12m());
    assertEquals(0, s.creditSales12mCents(), "both lines are dated more than 365 days before D");
  }

  @Test
  void aCreditNoteCountsNegativeAndNoLinesMeansNoSummary() {
    int[] dates = {day("2026-06-01"), day("2026-06-10")};
    int[] dues = {day("2026-07-01"), day("2026-07-10")};
    int[] paid = {Receivables.UNPAID, Receivables.UNPAID};
    long[] cents = {10_000, -2_500};
    Receivables.Summary s = Receivables.summarise(dates, dues, paid, cents, AS_OF, 365);
    assertEquals(7_500, s.openCents());
    assertEquals(7_500, s.notDueCents());
    assertEquals(0, s.linesDue12m());
    assertNull(s.maxDaysPastDue());
    assertNull(Receivables.summarise(new int[0], new int[0], new int[0], new long[0], AS_OF, 365));
    assertNull(Receivables.summarise(new int[] {AS_OF + 1}, new int[] {AS_OF + 31}, new int[] {Receivables.UNPAID},
        new long[] {100}, AS_OF, 365), "only a line dated after D");
  }
}
