package com.clientele.gold;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-customer facts of the care calendar (gold.care_actions, {@link CareActions}), computed in
 * the single pass over a customer's state ({@link CustomerSummaries}). Days are epoch days.
 * <ul>
 *   <li><b>last contact</b>: the latest day up to the as-of date with a transaction line (sale or
 *       refund) or an interaction received (any type);</li>
 *   <li><b>complaints to follow up</b>: complaints resolved by the end of the as-of date whose
 *       follow-up day (resolution day + complaint-follow-up.days) falls within the horizon
 *       [as-of, as-of + horizon-days];</li>
 *   <li><b>VIP tier reached</b>: with a VIP tier at the as-of date (amount_12m of the tier's
 *       min-amount or more), the first day of the run of days ending on the as-of date on which the
 *       trailing-year revenue kept the customer at that tier or above; reported only when that day is
 *       within the last vip-upgrade.within-days days (as-of − within-days &lt; day ≤ as-of) — the
 *       customer reached, or came back to, the tier recently (becoming a VIP counts).</li>
 * </ul>
 */
public final class CareCalendar {

  private CareCalendar() {}

  static final long MICROS_PER_DAY = 86_400_000_000L;

  /** A complaint to follow up: its interaction id, category and resolution day. */
  public record Complaint(String interactionId, String category, int resolvedDay) implements Serializable {}

  /** The settings the per-customer pass needs. */
  public record Settings(int horizonDays, int followUpDays, int vipWithinDays, long[] tierMinCents,
      int trailingYearDays) implements Serializable {

    /** tierMinCents: the VIP tiers' min-amounts in cents, in the configured (first-match) order. */
    static Settings of(AnalyticsSettings s) {
      long[] tiers = s.vipTiers().stream()
          .mapToLong(t -> t.minAmount().movePointRight(2).longValueExact()).toArray();
      return new Settings(s.care().horizonDays(), s.care().complaintFollowUpDays(), s.care().vipUpgradeWithinDays(),
          tiers, s.trailingYearDays());
    }
  }

  /**
   * The last contact day up to {@code asOf}, or null without any.
   *
   * @param days the customer's activity days, ascending
   * @param receivedMicros the receipt times of their interactions (microseconds since the epoch)
   */
  public static Integer lastContactDay(int[] days, long[] receivedMicros, int asOf) {
    Integer last = null;
    for (int d : days) {
      if (d <= asOf) {
        last = d;
      }
    }
    for (long received : receivedMicros) {
      int d = (int) Math.floorDiv(received, MICROS_PER_DAY);
      if (d <= asOf && (last == null || d > last)) {
        last = d;
      }
    }
    return last;
  }

  /**
   * The complaints whose follow-up falls due within the horizon, in interaction order.
   *
   * @param types interaction types; {@code resolvedMicros} null when not resolved
   */
  public static List<Complaint> complaintsToFollowUp(String[] ids, String[] types, String[] categories,
      Long[] resolvedMicros, int asOf, Settings s) {
    List<Complaint> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (!ServiceHistory.COMPLAINT.equals(types[i]) || resolvedMicros[i] == null) {
        continue;
      }
      int resolved = (int) Math.floorDiv(resolvedMicros[i], MICROS_PER_DAY);
      int due = resolved + s.followUpDays();
      if (resolved <= asOf && due >= asOf && due <= asOf + s.horizonDays()) {
        out.add(new Complaint(ids[i], categories[i], resolved));
      }
    }
    return out;
  }

  /**
   * The day the customer reached their as-of VIP tier, when within the last within-days days;
   * otherwise (no tier, or held for longer) null.
   *
   * @param days activity days, ascending; {@code net} the day's net revenue in cents (sales + refunds)
   */
  public static Integer vipTierReachedDay(int[] days, long[] net, int asOf, Settings s) {
    int tier = tier(days, net, asOf, s);
    if (tier < 0) {
      return null;
    }
    for (int t = asOf - 1; t >= asOf - s.vipWithinDays(); t--) {
      int earlier = tier(days, net, t, s);
      if (earlier < 0 || earlier > tier) {
        // Below the tier on day t (a larger index is a lower tier): reached on t + 1.
        return t + 1;
      }
    }
    return null;
  }

  /** The VIP tier index (0 = the first configured tier) on day {@code day}; -1 for none. */
  static int tier(int[] days, long[] net, int day, Settings s) {
    long amount = 0;
    for (int i = 0; i < days.length && days[i] <= day; i++) {
      if (days[i] > day - s.trailingYearDays()) {
        amount += net[i];
      }
    }
    for (int i = 0; i < s.tierMinCents().length; i++) {
      if (amount >= s.tierMinCents()[i]) {
        return i;
      }
    }
    return -1;
  }
}
