package com.clientele.maintain;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

class SnapshotRetentionTest {

  static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void keepsTheWindowCountedFromTheNewestSnapshotAndEveryMonthsLatestSnapshot() {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate x = d("2026-01-01"); !x.isAfter(d("2026-04-10")); x = x.plusDays(1)) {
      dates.add(x);
    }
    dates.remove(d("2026-02-28")); // February's last run failed: its latest snapshot is the 27th
    SortedSet<LocalDate> drop = SnapshotRetention.toDrop(dates, 10);
    // window: 2026-04-01 .. 2026-04-10 (10 days, the newest counting as the first)
    assertFalse(drop.contains(d("2026-04-01")));
    assertFalse(drop.contains(d("2026-03-31")), "March's last snapshot stays");
    assertFalse(drop.contains(d("2026-02-27")), "February's latest snapshot stays although it is not the 28th");
    assertFalse(drop.contains(d("2026-01-31")));
    assertTrue(drop.contains(d("2026-03-30")));
    assertTrue(drop.contains(d("2026-01-01")));
    // everything else before the window goes: 100 dates minus 10 in the window minus 3 month-ends
    assertEquals(dates.size() - 10 - 3, drop.size());
  }

  @Test
  void zeroDaysKeepsEverythingAndNegativeIsRefused() {
    assertTrue(SnapshotRetention.toDrop(List.of(d("2025-01-01"), d("2026-01-01")), 0).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> SnapshotRetention.toDrop(List.of(d("2026-01-01")), -1));
  }

  @Test
  void aWindowOfOneDayKeepsTheNewestAndTheMonthEndsOnly() {
    SortedSet<LocalDate> drop = SnapshotRetention.toDrop(
        List.of(d("2026-03-30"), d("2026-03-31"), d("2026-04-01"), d("2026-04-02")), 1);
    assertEquals(List.of(d("2026-03-30"), d("2026-04-01")), List.copyOf(drop));
  }
}
