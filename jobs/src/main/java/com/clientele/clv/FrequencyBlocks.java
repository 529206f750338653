package com.clientele.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Customer groups arranged by frequency for fast likelihood evaluation. In both models the
 * log-gamma terms of a customer depend on x alone (ln Γ(r+x), ln B(a, b+x); ln Γ(px+q), ln Γ(px)), so
 * a fit evaluates them once per distinct x and per evaluation, and each group adds only its own
 * logarithms: a few hundred distinct frequencies against up to millions of groups.
 *
 * <p>The groups are ordered (x, then tₓ, T, mₓ, customers: a total order, equal groups being
 * interchangeable) and summed in fixed slices of {@link #SLICE} groups —
 * the slices in parallel, their sums then added in order — so a likelihood, and hence a fit, is the
 * same to the last bit whatever order the groups arrived in and however many cores there are.
 *
 * <p>Built either from groups ({@link #of}) or straight from per-customer columns ({@link #purchases},
 * {@link #spend}): the columns are grouped on primitive arrays — each value replaced by its rank among
 * the column's distinct values, the ranks packed into one {@code long} per customer, the longs sorted
 * and counted in runs — so a million customers group in a fraction of a second without an object per
 * customer. Both ways give the same groups in the same order.
 */
public final class FrequencyBlocks {

  /** Groups per slice of a parallel sum (a constant: the slices, not the cores, fix the rounding). */
  static final int SLICE = 16_384;

  /** The frequencies' own values: x, its customers and Σ customers · ln mₓ (positive mₓ only). */
  record Block(double frequency, double totalCustomers, double customersLogMonetaryValue) {}

  /**
   * The sum of customers × a model's per-group term over the groups {@code from} (inclusive) to
   * {@code to} (exclusive): each model writes its own loop over the arrays (a loop the JIT compiles
   * for that model alone, with no call per group).
   */
  interface SliceSum {
    double of(int from, int to);
  }

  private final List<Block> blocks;
  private final int[] blockOf;
  private final double[] monetaryValue;
  private final double[] customers;
  private final long totalCustomers;
  /** The distinct values of tₓ and T, ascending, and each group's index into them. */
  private final double[] times;
  private final int[] recencyIndex;
  private final int[] ageIndex;

  private FrequencyBlocks(List<Block> blocks, int[] blockOf, double[] monetaryValue, double[] customers,
      long totalCustomers, double[] times, int[] recencyIndex, int[] ageIndex) {
    this.blocks = blocks;
    this.blockOf = blockOf;
    this.monetaryValue = monetaryValue;
    this.customers = customers;
    this.totalCustomers = totalCustomers;
    this.times = times;
    this.recencyIndex = recencyIndex;
    this.ageIndex = ageIndex;
  }

  /**
   * The distinct values of tₓ and T (whole periods over the unit: a few thousand at most), so that a
   * function of them — ln(α + t) — is evaluated once per value instead of once per group.
   */
  double[] times() {
    return times;
  }

  /** The largest T (0 without groups): tₓ ≤ T, so the largest of the times. */
  double maxAge() {
    return times.length == 0 ? 0 : times[times.length - 1];
  }

  /** The same groups with every tₓ and T multiplied by {@code scale} (&gt; 0, so the order holds). */
  FrequencyBlocks scaled(double scale) {
    double[] scaledTimes = new double[times.length];
    for (int j = 0; j < times.length; j++) {
      scaledTimes[j] = times[j] * scale;
    }
    return new FrequencyBlocks(blocks, blockOf, monetaryValue, customers, totalCustomers, scaledTimes, recencyIndex,
        ageIndex);
  }

  /**
   * An evenly spaced sample of about {@code size} of the groups in their sorted order (every k-th),
   * or null when there are not more than that: a cheap objective to start a large fit from.
   */
  FrequencyBlocks sample(int size) {
    int n = groups();
    if (n <= size) {
      return null;
    }
    int step = (n + size - 1) / size;
    int m = (n + step - 1) / step;
    double[] x = new double[m];
    double[] value = new double[m];
    double[] weight = new double[m];
    int[] rec = new int[m];
    int[] age = new int[m];
    for (int k = 0, i = 0; i < n; i += step, k++) {
      x[k] = blocks.get(blockOf[i]).frequency();
      value[k] = monetaryValue[i];
      weight[k] = customers[i];
      rec[k] = recencyIndex[i];
      age[k] = ageIndex[i];
    }
    return sorted(x, value, weight, times, rec, age);
  }

  /** {@link #sample(int)} of the groups (in their sorted order, whatever order they come in). */
  static FrequencyBlocks sample(List<CustomerGroup> groups, int size) {
    return groups.size() <= size ? null : of(groups).sample(size);
  }

  private static final Comparator<CustomerGroup> ORDER = Comparator.comparingDouble(CustomerGroup::frequency)
      .thenComparingDouble(CustomerGroup::recency).thenComparingDouble(CustomerGroup::age)
      .thenComparingDouble(CustomerGroup::monetaryValue).thenComparingLong(CustomerGroup::customers);

  /** The groups, sorted. */
  public static FrequencyBlocks of(List<CustomerGroup> groups) {
    List<CustomerGroup> sorted = new ArrayList<>(groups);
    sorted.sort(ORDER);
    int n = sorted.size();
    double[] x = new double[n];
    double[] recency = new double[n];
    double[] age = new double[n];
    double[] value = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      CustomerGroup g = sorted.get(i);
      x[i] = g.frequency();
      recency[i] = g.recency();
      age[i] = g.age();
      value[i] = g.monetaryValue();
      weight[i] = g.customers();
    }
    double[] times = distinct(recency, age);
    int[] rec = new int[n];
    int[] ages = new int[n];
    for (int i = 0; i < n; i++) {
      rec[i] = Arrays.binarySearch(times, recency[i]);
      ages[i] = Arrays.binarySearch(times, age[i]);
    }
    return sorted(x, value, weight, times, rec, ages);
  }

  /**
   * The BG/NBD groups of customers given as columns — customer i bought x[i] repeat periods, the last
   * at recency[i], observed for age[i] — grouped by identical (x, tₓ, T); the first {@code n} entries
   * are read.
   */
  public static FrequencyBlocks purchases(double[] x, double[] recency, double[] age, int n) {
    for (int i = 0; i < n; i++) {
      if (!(x[i] >= 0 && recency[i] >= 0 && age[i] >= recency[i])) {
        throw new IllegalArgumentException("not an RFM summary: frequency " + x[i] + ", recency " + recency[i]
            + ", T " + age[i]);
      }
    }
    double[] xs = distinct(Arrays.copyOf(x, n));
    double[] times = distinct(Arrays.copyOf(recency, n), Arrays.copyOf(age, n));
    int bx = bits(xs.length);
    int bt = bits(times.length);
    if (bx + 2 * bt > 63) {
      throw new IllegalArgumentException("too many distinct RFM values to group: " + xs.length + " frequencies, "
          + times.length + " times");
    }
    long[] keys = new long[n];
    IntStream.range(0, n).parallel().forEach(i -> keys[i] = ((long) Arrays.binarySearch(xs, x[i]) << 2 * bt)
        | ((long) Arrays.binarySearch(times, recency[i]) << bt) | Arrays.binarySearch(times, age[i]));
    Arrays.parallelSort(keys);
    int groups = runs(keys);
    double[] gx = new double[groups];
    double[] weight = new double[groups];
    int[] rec = new int[groups];
    int[] ages = new int[groups];
    long mask = (1L << bt) - 1;
    for (int i = 0, g = -1; i < n; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        g++;
        gx[g] = xs[(int) (keys[i] >>> 2 * bt)];
        rec[g] = (int) ((keys[i] >>> bt) & mask);
        ages[g] = (int) (keys[i] & mask);
      }
      weight[g]++;
    }
    return sorted(gx, new double[groups], weight, times, rec, ages);
  }

  /**
   * The Gamma-Gamma groups of customers given as columns — x[i] repeat periods of mean value m[i] —
   * grouped by identical (x, mₓ); only the usable customers (x &gt; 0 and mₓ &gt; 0, as
   * {@link GammaGamma#usable}) are kept. The first {@code n} entries are read.
   */
  public static FrequencyBlocks spend(double[] x, double[] m, int n) {
    int usable = 0;
    double[] ux = new double[n];
    double[] um = new double[n];
    for (int i = 0; i < n; i++) {
      if (x[i] > 0 && m[i] > 0) {
        ux[usable] = x[i];
        um[usable++] = m[i];
      }
    }
    int u = usable;
    double[] xs = distinct(Arrays.copyOf(ux, u));
    double[] ms = distinct(Arrays.copyOf(um, u));
    int bm = bits(ms.length);
    if (bits(xs.length) + bm > 63) {
      throw new IllegalArgumentException("too many distinct frequencies and values to group: " + xs.length + ", "
          + ms.length);
    }
    long[] keys = new long[u];
    IntStream.range(0, u).parallel().forEach(i -> keys[i] = ((long) Arrays.binarySearch(xs, ux[i]) << bm)
        | Arrays.binarySearch(ms, um[i]));
    Arrays.parallelSort(keys);
    int groups = runs(keys);
    double[] gx = new double[groups];
    double[] value = new double[groups];
    double[] weight = new double[groups];
    long mask = (1L << bm) - 1;
    for (int i = 0, g = -1; i < u; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        g++;
        gx[g] = xs[(int) (keys[i] >>> bm)];
        value[g] = ms[(int) (keys[i] & mask)];
      }
      weight[g]++;
    }
    return sorted(gx, value, weight, new double[] {0}, new int[groups], new int[groups]);
  }

  /** Bits to hold the indexes 0 .. count − 1. */
  private static int bits(int count) {
    return count <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(count - 1L);
  }

  /** The number of runs of equal values in sorted keys. */
  private static int runs(long[] keys) {
    int runs = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        runs++;
      }
    }
    return runs;
  }

  /** The distinct values of the arrays, ascending (the arrays are not kept). */
  private static double[] distinct(double[]... columns) {
    double[] all = columns.length == 1 ? columns[0]
        : Arrays.stream(columns).flatMapToDouble(Arrays::stream).toArray();
    Arrays.parallelSort(all);
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || Double.compare(all[i], all[n - 1]) != 0) {
        all[n++] = all[i];
      }
    }
    return Arrays.copyOf(all, n);
  }

  /** Groups in sorted order (x, then tₓ, T, mₓ, customers): the blocks are their runs of equal x. */
  private static FrequencyBlocks sorted(double[] x, double[] value, double[] weight, double[] times, int[] rec,
      int[] age) {
    int n = x.length;
    int[] blockOf = new int[n];
    List<Block> blocks = new ArrayList<>();
    long total = 0;
    int start = 0;
    while (start < n) {
      double frequency = x[start];
      double customers = 0;
      double logValue = 0;
      int i = start;
      for (; i < n && x[i] == frequency; i++) {
        blockOf[i] = blocks.size();
        customers += weight[i];
        total += (long) weight[i];
        if (value[i] > 0) {
          logValue += weight[i] * Math.log(value[i]);
        }
      }
      blocks.add(new Block(frequency, customers, logValue));
      start = i;
    }
    return new FrequencyBlocks(List.copyOf(blocks), blockOf, value, weight, total, times, rec, age);
  }

  List<Block> blocks() {
    return blocks;
  }

  /** The customers in the groups. */
  public long customers() {
    return totalCustomers;
  }

  /** The number of groups. */
  public int groups() {
    return customers.length;
  }

  /** Σ over the groups of customers × term, sliced as the class comment says. */
  double weightedSum(SliceSum slice) {
    int slices = (customers.length + SLICE - 1) / SLICE;
    IntStream indexes = IntStream.range(0, slices);
    double[] partial = (slices > 1 ? indexes.parallel() : indexes)
        .mapToDouble(s -> slice.of(s * SLICE, Math.min(customers.length, (s + 1) * SLICE))).toArray();
    double sum = 0;
    for (double p : partial) {
      sum += p;
    }
    return sum;
  }

  /** Each group's block (index into {@link #blocks()}). */
  int[] blockOf() {
    return blockOf;
  }

  /** Each group's customers (its weight). */
  double[] weights() {
    return customers;
  }

  /** Each group's index into {@link #times()} of tₓ. */
  int[] recencyIndexes() {
    return recencyIndex;
  }

  /** Each group's index into {@link #times()} of T. */
  int[] ageIndexes() {
    return ageIndex;
  }

  /** Each group's mₓ. */
  double[] monetaryValues() {
    return monetaryValue;
  }
}
