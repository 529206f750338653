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

  /**
   * The vector form of {@link SliceSum} (a likelihood's gradient): adds the sums over the groups
   * {@code from} (inclusive) to {@code to} (exclusive) into {@code into}, a zeroed array of the slice's own.
   */
  interface SliceSums {
    void add(int from, int to, double[] into);
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
    Ranking xs = Ranking.of(n, x);
    Ranking times = Ranking.of(n, recency, age);
    int bx = bits(xs.size());
    int bt = bits(times.size());
    if (bx + 2 * bt > 63) {
      throw new IllegalArgumentException("too many distinct RFM values to group: " + xs.size() + " frequencies, "
          + times.size() + " times");
    }
    long[] keys = new long[n];
    IntStream.range(0, n).parallel().forEach(i -> keys[i] = ((long) xs.rank(x[i]) << 2 * bt)
        | ((long) times.rank(recency[i]) << bt) | times.rank(age[i]));
    Arrays.parallelSort(keys);
    int groups = runs(keys);
    double[] gx = new double[groups];
    double[] weight = new double[groups];
    int[] rec = new int[groups];
    int[] ages = new int[groups];
    long mask = (1L << bt) - 1;
    double[] frequencies = xs.sorted();
    for (int i = 0, g = -1; i < n; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        g++;
        gx[g] = frequencies[(int) (keys[i] >>> 2 * bt)];
        rec[g] = (int) ((keys[i] >>> bt) & mask);
        ages[g] = (int) (keys[i] & mask);
      }
      weight[g]++;
    }
    return sorted(gx, new double[groups], weight, times.sorted(), rec, ages);
  }

  /**
   * The Gamma-Gamma groups of customers given as columns — x[i] repeat periods of mean value m[i] —
   * grouped by identical (x, mₓ); only the usable customers (x &gt; 0 and mₓ &gt; 0, as
   * {@link GammaGamma#usable}) are kept. The first {@code n} entries are read. The customers are put in
   * buckets by x (a counting sort over the few distinct frequencies), each bucket's values are sorted,
   * and runs of equal values are counted: mean values are nearly all distinct, so they are not ranked.
   */
  public static FrequencyBlocks spend(double[] x, double[] m, int n) {
    int u = 0;
    for (int i = 0; i < n; i++) {
      if (x[i] > 0 && m[i] > 0) {
        u++;
      }
    }
    double[] ux = new double[u];
    for (int i = 0, k = 0; i < n; i++) {
      if (x[i] > 0 && m[i] > 0) {
        ux[k++] = x[i];
      }
    }
    Ranking xs = Ranking.of(u, ux);
    int[] from = new int[xs.size() + 1];
    for (int i = 0; i < u; i++) {
      from[xs.rank(ux[i]) + 1]++;
    }
    for (int k = 0; k < xs.size(); k++) {
      from[k + 1] += from[k];
    }
    double[] bucketed = new double[u];
    int[] next = Arrays.copyOf(from, xs.size());
    for (int i = 0; i < n; i++) {
      if (x[i] > 0 && m[i] > 0) {
        bucketed[next[xs.rank(x[i])]++] = m[i];
      }
    }
    IntStream.range(0, xs.size()).parallel().forEach(k -> Arrays.sort(bucketed, from[k], from[k + 1]));
    int groups = 0;
    for (int k = 0; k < xs.size(); k++) {
      for (int i = from[k]; i < from[k + 1]; i++) {
        if (i == from[k] || Double.compare(bucketed[i], bucketed[i - 1]) != 0) {
          groups++;
        }
      }
    }
    double[] gx = new double[groups];
    double[] value = new double[groups];
    double[] weight = new double[groups];
    double[] frequencies = xs.sorted();
    for (int k = 0, g = -1; k < xs.size(); k++) {
      for (int i = from[k]; i < from[k + 1]; i++) {
        if (i == from[k] || Double.compare(bucketed[i], bucketed[i - 1]) != 0) {
          g++;
          gx[g] = frequencies[k];
          value[g] = bucketed[i];
        }
        weight[g]++;
      }
    }
    return sorted(gx, value, weight, new double[] {0}, new int[groups], new int[groups]);
  }

  /**
   * The distinct values of columns, ascending, and each value's rank among them, found by hashing:
   * the table grows with the distinct values (a few hundred frequencies, a few thousand times), not
   * with the customers, so it stays in the processor's cache where sorting a copy of the column and
   * searching it per customer did not. Values compare as {@link Double#compare} does (as the sort did).
   */
  static final class Ranking {
    private long[] keys = new long[64];
    private int[] ranks = new int[64];
    private boolean[] used = new boolean[64];
    private int size;
    private double[] sorted;

    /** The ranking of the first {@code n} entries of the columns. */
    static Ranking of(int n, double[]... columns) {
      Ranking ranking = new Ranking();
      for (double[] column : columns) {
        for (int i = 0; i < n; i++) {
          ranking.add(column[i]);
        }
      }
      double[] values = new double[ranking.size];
      for (int j = 0, k = 0; j < ranking.used.length; j++) {
        if (ranking.used[j]) {
          values[k++] = Double.longBitsToDouble(ranking.keys[j]);
        }
      }
      Arrays.sort(values);
      for (int k = 0; k < values.length; k++) {
        ranking.ranks[ranking.slot(Double.doubleToLongBits(values[k]))] = k;
      }
      ranking.sorted = values;
      return ranking;
    }

    private int slot(long key) {
      int mask = keys.length - 1;
      int j = (int) Hashing.mix(key) & mask;
      while (used[j] && keys[j] != key) {
        j = (j + 1) & mask;
      }
      return j;
    }

    private void add(double value) {
      long key = Double.doubleToLongBits(value);
      int j = slot(key);
      if (!used[j]) {
        used[j] = true;
        keys[j] = key;
        if (++size * 2 > keys.length) {
          grow();
        }
      }
    }

    private void grow() {
      long[] oldKeys = keys;
      boolean[] oldUsed = used;
      keys = new long[oldKeys.length * 2];
      ranks = new int[oldKeys.length * 2];
      used = new boolean[oldKeys.length * 2];
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldUsed[j]) {
          int k = slot(oldKeys[j]);
          used[k] = true;
          keys[k] = oldKeys[j];
        }
      }
    }

    int size() {
      return size;
    }

    /** The distinct values, ascending. */
    double[] sorted() {
      return sorted;
    }

    /** The rank of a value of the columns among their distinct values. */
    int rank(double value) {
      return ranks[slot(Double.doubleToLongBits(value))];
    }
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

  /**
   * The vector form of {@link #weightedSum}: {@code width} sums, each slice into an array of its own,
   * the slices' arrays then added in order (so the sums too are the same to the last bit on any number
   * of cores).
   */
  double[] weightedSums(int width, SliceSums slice) {
    int slices = (customers.length + SLICE - 1) / SLICE;
    double[][] partial = new double[slices][];
    IntStream indexes = IntStream.range(0, slices);
    (slices > 1 ? indexes.parallel() : indexes).forEach(s -> {
      double[] into = new double[width];
      slice.add(s * SLICE, Math.min(customers.length, (s + 1) * SLICE), into);
      partial[s] = into;
    });
    double[] sum = new double[width];
    for (double[] p : partial) {
      for (int j = 0; j < width; j++) {
        sum[j] += p[j];
      }
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

  /**
   * The distinct (x, T) of the groups, ordered by x then T: {@code {x[], T[]}}. The expected purchases of
   * a customer who is alive depend on these two alone, so scoring evaluates them once per pair.
   */
  public double[][] frequenciesAndAges() {
    int n = groups();
    long cells = (long) blocks.size() * times.length;
    if (cells > 1L << 30) {
      throw new IllegalStateException("too many frequencies and times to list their pairs: " + cells);
    }
    java.util.BitSet seen = new java.util.BitSet((int) cells);
    for (int i = 0; i < n; i++) {
      seen.set(blockOf[i] * times.length + ageIndex[i]);
    }
    int pairs = seen.cardinality();
    double[] x = new double[pairs];
    double[] age = new double[pairs];
    for (int cell = seen.nextSetBit(0), k = 0; cell >= 0; cell = seen.nextSetBit(cell + 1), k++) {
      x[k] = blocks.get(cell / times.length).frequency();
      age[k] = times[cell % times.length];
    }
    return new double[][] {x, age};
  }

  /** Each group's mₓ. */
  double[] monetaryValues() {
    return monetaryValue;
  }
}
