package com.clientele.maintain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which gold snapshots (as_of_dates) a retention policy drops. Pure: the decision depends only on the
 * dates present, never on the clock.
 *
 * <ul>
 *   <li>Every snapshot within {@code dailyDays} days of the newest one is kept (the newest date
 *       counts as day 0, so {@code dailyDays = 90} keeps dates {@code newest - 89 … newest}).
 *   <li>Each calendar month's latest snapshot is kept for ever: the monthly reports and BI read a
 *       month through its latest as_of_date (usually the month's last day).
 *   <li>{@code dailyDays = 0} keeps everything.
 * </ul>
 */
public final class SnapshotRetention {

  private SnapshotRetention() {}

  /** The dates to delete, in order. */
  public static SortedSet<LocalDate> toDrop(Collection<LocalDate> dates, int dailyDays) {
    if (dailyDays < 0) {
      throw new IllegalArgumentException("daily snapshot days must be 0 or more, got " + dailyDays);
    }
    SortedSet<LocalDate> drop = new TreeSet<>();
    if (dailyDays == 0 || dates.isEmpty()) {
      return drop;
    }
    TreeSet<LocalDate> all = new TreeSet<>(dates);
    LocalDate firstKeptDaily = all.last().minusDays(dailyDays - 1L);
    Map<YearMonth, LocalDate> monthEnds = new TreeMap<>();
    for (LocalDate d : all) {
      monthEnds.merge(YearMonth.from(d), d, (a, b) -> a.isAfter(b) ? a : b);
    }
    for (LocalDate d : all) {
      if (d.isBefore(firstKeptDaily) && !d.equals(monthEnds.get(YearMonth.from(d)))) {
        drop.add(d);
      }
    }
    return drop;
  }
}
