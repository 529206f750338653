package com.clientele.runtime;

import java.time.LocalDate;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The days whose files arrived late: ingest records the day folder of every file it loads that is
 * older than the day it was run for; the next gold build rebuilds every existing snapshot from the
 * earliest such day on, then clears what it handled. Kept in the warehouse's {@code _clientele/late-days}
 * (one date per line). Ingest records before it commits anything, so a crash can only make a later
 * build rebuild more than needed, never less.
 */
public final class LateFiles {

  static final String META = "late-days";

  private LateFiles() {}

  /** Records late days (adds to those already pending). */
  public static synchronized void record(Warehouse warehouse, Collection<LocalDate> days) {
    if (days.isEmpty()) {
      return;
    }
    SortedSet<LocalDate> all = pending(warehouse);
    if (all.addAll(days)) {
      write(warehouse, all);
    }
  }

  /** The late days not yet handled by a gold build. */
  public static SortedSet<LocalDate> pending(Warehouse warehouse) {
    return warehouse.readMeta(META).map(text -> text.lines().map(String::strip).filter(l -> !l.isEmpty())
        .map(LocalDate::parse).collect(Collectors.toCollection(TreeSet::new))).orElseGet(TreeSet::new);
  }

  /** Marks days as handled (days recorded meanwhile stay pending). */
  public static synchronized void done(Warehouse warehouse, Collection<LocalDate> days) {
    if (days.isEmpty()) {
      return;
    }
    SortedSet<LocalDate> all = pending(warehouse);
    if (all.removeAll(days)) {
      write(warehouse, all);
    }
  }

  private static void write(Warehouse warehouse, SortedSet<LocalDate> days) {
    warehouse.writeMeta(META, days.stream().map(LocalDate::toString).collect(Collectors.joining("\n", "", "\n")));
  }
}
