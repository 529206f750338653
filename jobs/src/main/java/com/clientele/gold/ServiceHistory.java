package com.clientele.gold;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A customer's interactions as known at the end of the as-of date, and the service measures read
 * from them — the one definition of "complaint", "open", "answered in time" and "resolution time"
 * used by the archive, the loyalty metrics and the leaky bucket:
 * <ul>
 *   <li>an interaction is known when it was received before the end of the as-of date; its first
 *       response and resolution count only if they happened before then too (a complaint resolved
 *       tomorrow is open today);</li>
 *   <li>a <b>complaint</b> is an interaction of type complaint (投诉); it is <b>open</b> while not
 *       resolved (never answered ones included);</li>
 *   <li><b>answered in time</b>: the first response came within response-hours of receipt (the
 *       24-hour service standard); a complaint never answered is not answered in time;</li>
 *   <li><b>resolution time</b>: hours from receipt to resolution, for resolved complaints.</li>
 * </ul>
 * Plain Java over one customer's interactions (timestamps in epoch microseconds, the warehouse's UTC
 * wall clock), run per customer by {@link CustomerSummaries}.
 */
public final class ServiceHistory {

  private ServiceHistory() {}

  static final String COMPLAINT = "complaint";
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** One interaction: times in epoch microseconds (null when missing). */
  public record Interaction(long receivedAt, String type, String category, Long firstResponseAt, Long resolvedAt,
      Integer satisfaction) implements Serializable {

    boolean isComplaint() {
      return COMPLAINT.equals(type);
    }

    int receivedDay() {
      return (int) Math.floorDiv(receivedAt, MICROS_PER_DAY);
    }
  }

  /** The settings the measures use (see {@link AnalyticsSettings}). */
  public record Settings(int responseHours, Set<String> enquiryTypes, int complaintLookbackDays)
      implements Serializable {

    static Settings of(AnalyticsSettings s) {
      return new Settings(s.responseHours(), Set.copyOf(s.enquiryInteractionTypes()), s.complaintLookbackDays());
    }
  }

  /**
   * A month's service figures (by the month interactions were received): interactions with a
   * satisfaction score and their sum, complaints, complaints answered in time, and the resolution
   * hours of the month's complaints resolved by the as-of date.
   */
  public record Month(int monthStart, long satisfactionResponses, long satisfactionSum, long complaints,
      long answeredInTime, double[] resolutionHours) implements Serializable {}

  /**
   * The customer's service facts ({@link CustomerFacts}): complaint_count, open_complaint_count,
   * complaints_answered_in_time, median_resolution_hours (null without a resolved complaint),
   * satisfaction_responses, average_satisfaction (null without a score), last_enquiry_date (the
   * latest receipt day of an enquiry-type interaction); and the customer's service months.
   */
  public record Summary(long complaintCount, long openComplaintCount, long answeredInTime,
      Double medianResolutionHours, long satisfactionResponses, Double averageSatisfaction, Integer lastEnquiryDay,
      List<Month> months, List<Interaction> known) implements Serializable {}

  /** The interactions known at the end of the as-of day (epoch day), with later answers blanked. */
  static List<Interaction> knownAt(List<Interaction> all, int asOf) {
    long cutoff = (asOf + 1L) * MICROS_PER_DAY;
    List<Interaction> known = new ArrayList<>();
    for (Interaction i : all) {
      if (i.receivedAt() < cutoff) {
        known.add(new Interaction(i.receivedAt(), i.type(), i.category(),
            i.firstResponseAt() != null && i.firstResponseAt() < cutoff ? i.firstResponseAt() : null,
            i.resolvedAt() != null && i.resolvedAt() < cutoff ? i.resolvedAt() : null, i.satisfaction()));
      }
    }
    return known;
  }

  /** The summary of a customer's interactions (in receipt order) as of the as-of day. */
  public static Summary summarise(List<Interaction> all, int asOf, Settings s) {
    List<Interaction> known = knownAt(all, asOf);
    long complaints = 0, open = 0, inTime = 0, responses = 0, satisfactionSum = 0;
    Integer lastEnquiry = null;
    List<Double> hours = new ArrayList<>();
    for (Interaction i : known) {
      if (i.isComplaint()) {
        complaints++;
        if (i.resolvedAt() == null) {
          open++;
        } else {
          hours.add(resolutionHours(i));
        }
        if (answeredInTime(i, s)) {
          inTime++;
        }
      }
      if (i.satisfaction() != null) {
        responses++;
        satisfactionSum += i.satisfaction();
      }
      if (s.enquiryTypes().contains(i.type())) {
        lastEnquiry = lastEnquiry == null ? i.receivedDay() : Math.max(lastEnquiry, i.receivedDay());
      }
    }
    double[] sorted = hours.stream().mapToDouble(Double::doubleValue).toArray();
    return new Summary(complaints, open, inTime, median(sorted), responses,
        responses == 0 ? null : (double) satisfactionSum / responses, lastEnquiry, months(known, s), known);
  }

  /**
   * The distinct categories ("unknown" when missing) of the complaints received in the lookback
   * window ending on {@code day}: day − complaint-lookback-days &lt; received day ≤ day.
   */
  static List<String> complaintCategoriesBefore(List<Interaction> known, int day, Settings s) {
    TreeSet<String> categories = new TreeSet<>();
    for (Interaction i : known) {
      int received = i.receivedDay();
      if (i.isComplaint() && received <= day && received > day - s.complaintLookbackDays()) {
        categories.add(i.category() == null ? "unknown" : i.category());
      }
    }
    return List.copyOf(categories);
  }

  private static List<Month> months(List<Interaction> known, Settings s) {
    java.util.TreeMap<Integer, long[]> counts = new java.util.TreeMap<>();
    java.util.Map<Integer, List<Double>> hours = new java.util.HashMap<>();
    for (Interaction i : known) {
      int month = PurchaseHistory.monthStart(i.receivedDay());
      long[] c = counts.computeIfAbsent(month, m -> new long[4]);
      if (i.satisfaction() != null) {
        c[0]++;
        c[1] += i.satisfaction();
      }
      if (i.isComplaint()) {
        c[2]++;
        if (answeredInTime(i, s)) {
          c[3]++;
        }
        if (i.resolvedAt() != null) {
          hours.computeIfAbsent(month, m -> new ArrayList<>()).add(resolutionHours(i));
        }
      }
    }
    List<Month> months = new ArrayList<>();
    counts.forEach((month, c) -> months.add(new Month(month, c[0], c[1], c[2], c[3],
        hours.getOrDefault(month, List.of()).stream().mapToDouble(Double::doubleValue).toArray())));
    return months;
  }

  static boolean answeredInTime(Interaction i, Settings s) {
    return i.firstResponseAt() != null
        && Math.floorDiv(i.firstResponseAt(), 1_000_000L) - Math.floorDiv(i.receivedAt(), 1_000_000L)
            <= s.responseHours() * 3600L;
  }

  static double resolutionHours(Interaction i) {
    return (Math.floorDiv(i.resolvedAt(), 1_000_000L) - Math.floorDiv(i.receivedAt(), 1_000_000L)) / 3600.0;
  }

  /**
   * The median as Spark's and DuckDB's exact median computes it: the middle value, or between the two
   * middle values (linear interpolation at position (n − 1) / 2). Null for no values.
   */
  static Double median(double[] values) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double position = (sorted.length - 1) * 0.5;
    long lower = (long) Math.floor(position);
    long higher = (long) Math.ceil(position);
    double lowerValue = sorted[(int) lower];
    double higherValue = sorted[(int) higher];
    if (higher == lower || lowerValue == higherValue) {
      return lowerValue;
    }
    return (higher - position) * lowerValue + (position - lower) * higherValue;
  }
}
