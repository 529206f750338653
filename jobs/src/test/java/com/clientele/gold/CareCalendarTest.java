package com.clientele.gold;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked per-customer care facts: last contact, complaints to follow up, the VIP tier reached. */
class CareCalendarTest {

  static final int D = (int) LocalDate.parse("2026-06-30").toEpochDay();
  /** Horizon 30, follow-up 7 days, VIP within 30 days; tiers 500.00 (gold) and 100.00 (silver); year 365. */
  static final CareCalendar.Settings S = new CareCalendar.Settings(30, 7, 30, new long[] {50_000, 10_000}, 365);

  static long micros(int day, int hour) {
    return day * CareCalendar.MICROS_PER_DAY + hour * 3_600_000_000L;
  }

  @Test
  void lastContactIsTheLaterOfTheLastLineAndTheLastInteractionByTheAsOfDate() {
    assertNull(CareCalendar.lastContactDay(new int[0], new long[0], D));
    assertEquals(D - 10, CareCalendar.lastContactDay(new int[] {D - 40, D - 10, D + 3}, new long[] {micros(D - 20, 9)}, D),
        "a line after the as-of date is not known yet");
    assertEquals(D - 2, CareCalendar.lastContactDay(new int[] {D - 40}, new long[] {micros(D - 2, 23), micros(D + 1, 0)}, D));
    assertEquals(D, CareCalendar.lastContactDay(new int[] {D - 40}, new long[] {micros(D, 23)}, D),
        "an interaction late on the as-of day counts");
  }

  @Test
  void complaintsAreFollowedUpSevenDaysAfterResolutionWhenThatFallsInTheHorizon() {
    String[] ids = {"due-today", "due-last", "too-late", "already-past", "unresolved", "not-complaint", "resolved-later"};
    String[] types = {"complaint", "complaint", "complaint", "complaint", "complaint", "feedback", "complaint"};
    String[] categories = {"quality", null, "price", "price", "price", "price", "price"};
    Long[] resolved = {micros(D - 7, 10), micros(D + 23, 10), micros(D + 24, 1), micros(D - 8, 10), null,
        micros(D - 3, 10), micros(D + 1, 0)};
    // The caller blanks resolutions after the as-of day; here "due-last" and "too-late" are resolved
    // after D, so they must not count either.
    List<CareCalendar.Complaint> out = CareCalendar.complaintsToFollowUp(ids, types, categories, resolved, D, S);
    assertEquals(List.of(new CareCalendar.Complaint("due-today", "quality", D - 7)), out);

    Long[] known = {micros(D, 1)};
    assertEquals(List.of(new CareCalendar.Complaint("x", null, D)), CareCalendar.complaintsToFollowUp(
        new String[] {"x"}, new String[] {"complaint"}, new String[] {null}, known, D, S),
        "resolved on the as-of day: due a week later, within the horizon");
  }

  @Test
  void theVipTierReachedIsTheFirstDayOfTheRunAtTheCurrentTierWithinTheWindow() {
    // Became silver (>= 100.00) with a purchase 10 days ago: reached on D - 10.
    assertEquals(D - 10, CareCalendar.vipTierReachedDay(new int[] {D - 100, D - 10}, new long[] {6_000, 5_000}, D, S));
    // Silver for longer than the window: nothing to congratulate.
    assertNull(CareCalendar.vipTierReachedDay(new int[] {D - 100, D - 10}, new long[] {12_000, 5_000}, D, S));
    // Silver since D - 100, gold (>= 500.00) since D - 5: an upgrade on D - 5.
    assertEquals(D - 5, CareCalendar.vipTierReachedDay(new int[] {D - 100, D - 5}, new long[] {12_000, 40_000}, D, S));
    // Reached on the as-of day itself.
    assertEquals(D, CareCalendar.vipTierReachedDay(new int[] {D}, new long[] {10_000}, D, S));
    // No tier: none.
    assertNull(CareCalendar.vipTierReachedDay(new int[] {D - 3}, new long[] {9_999}, D, S));
    // Silver for a year, fell below when a purchase left the trailing year on D - 15 (D - 380 + 365),
    // back to silver with a purchase on D - 12: the run at silver starts on D - 12.
    assertEquals(D - 12, CareCalendar.vipTierReachedDay(new int[] {D - 380, D - 300, D - 12},
        new long[] {8_000, 5_000, 6_000}, D, S));
    // A refund on D - 3 took a gold customer down to silver: silver has held since before the window.
    assertNull(CareCalendar.vipTierReachedDay(new int[] {D - 200, D - 3}, new long[] {60_000, -20_000}, D, S));
    // Days after the as-of date are not known yet.
    assertNull(CareCalendar.vipTierReachedDay(new int[] {D + 1}, new long[] {90_000}, D, S));
  }
}
