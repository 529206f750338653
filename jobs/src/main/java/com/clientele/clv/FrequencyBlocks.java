package com.clientele.clv;

import java.util.ArrayList;
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
 */
final class FrequencyBlocks {

  /** Groups per slice of a parallel sum (a constant: the slices, not the cores, fix the rounding). */
  static final int SLICE = 16_384;

  /** The frequencies' own values: x, its customers and Σ customers · ln mₓ (positive mₓ only). */
  record Block(double frequency, double totalCustomers, double customersLogMonetaryValue) {}

  /** A per-group term given its block's index and the group's index. */
  interface Term {
    double of(int block, int group);
  }

  private final List<Block> blocks;
  private final int[] blockOf;
  private final double[] recency;
  private final double[] age;
  private final double[] monetaryValue;
  private final double[] customers;
  private final long totalCustomers;
  /** The distinct values of tₓ and T, ascending, and each group's index into them. */
  private final double[] times;
  private final int[] recencyIndex;
  private final int[] ageIndex;

  private FrequencyBlocks(List<Block> blocks, int[] blockOf, double[] recency, double[] age, double[] monetaryValue,
      double[] customers, long totalCustomers) {
    this.blocks = blocks;
    this.blockOf = blockOf;
    this.recency = recency;
    this.age = age;
    this.monetaryValue = monetaryValue;
    this.customers = customers;
    this.totalCustomers = totalCustomers;
    double[] all = new double[recency.length + age.length];
    System.arraycopy(recency, 0, all, 0, recency.length);
    System.arraycopy(age, 0, all, recency.length, age.length);
    this.times = java.util.Arrays.stream(all).sorted().distinct().toArray();
    this.recencyIndex = new int[recency.length];
    this.ageIndex = new int[age.length];
    for (int i = 0; i < recency.length; i++) {
      recencyIndex[i] = java.util.Arrays.binarySearch(times, recency[i]);
      ageIndex[i] = java.util.Arrays.binarySearch(times, age[i]);
    }
  }

  /**
   * The distinct values of tₓ and T (whole periods over the unit: a few thousand at most), so that a
   * function of them — ln(α + t) — is evaluated once per value instead of once per group.
   */
  double[] times() {
    return times;
  }

  int recencyIndex(int group) {
    return recencyIndex[group];
  }

  int ageIndex(int group) {
    return ageIndex[group];
  }

  /**
   * An evenly spaced sample of about {@code size} of the groups in their sorted order (every k-th),
   * or null when there are not more than that: a cheap objective to start a large fit from.
   */
  static FrequencyBlocks sample(List<CustomerGroup> groups, int size) {
    if (groups.size() <= size) {
      return null;
    }
    List<CustomerGroup> sorted = new ArrayList<>(groups);
    sorted.sort(ORDER);
    int step = (sorted.size() + size - 1) / size;
    List<CustomerGroup> every = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i += step) {
      every.add(sorted.get(i));
    }
    return of(every);
  }

  private static final Comparator<CustomerGroup> ORDER = Comparator.comparingDouble(CustomerGroup::frequency)
      .thenComparingDouble(CustomerGroup::recency).thenComparingDouble(CustomerGroup::age)
      .thenComparingDouble(CustomerGroup::monetaryValue).thenComparingLong(CustomerGroup::customers);

  static FrequencyBlocks of(List<CustomerGroup> groups) {
    List<CustomerGroup> sorted = new ArrayList<>(groups);
    sorted.sort(ORDER);
    int n = sorted.size();
    int[] blockOf = new int[n];
    double[] recency = new double[n];
    double[] age = new double[n];
    double[] value = new double[n];
    double[] weight = new double[n];
    List<Block> blocks = new ArrayList<>();
    long total = 0;
    int start = 0;
    while (start < n) {
      double x = sorted.get(start).frequency();
      double customers = 0;
      double logValue = 0;
      int i = start;
      for (; i < n && sorted.get(i).frequency() == x; i++) {
        CustomerGroup g = sorted.get(i);
        blockOf[i] = blocks.size();
        recency[i] = g.recency();
        age[i] = g.age();
        value[i] = g.monetaryValue();
        weight[i] = g.customers();
        customers += g.customers();
        total += g.customers();
        if (g.monetaryValue() > 0) {
          logValue += g.customers() * Math.log(g.monetaryValue());
        }
      }
      blocks.add(new Block(x, customers, logValue));
      start = i;
    }
    return new FrequencyBlocks(List.copyOf(blocks), blockOf, recency, age, value, weight, total);
  }

  List<Block> blocks() {
    return blocks;
  }

  long customers() {
    return totalCustomers;
  }

  int groups() {
    return customers.length;
  }

  double monetaryValue(int group) {
    return monetaryValue[group];
  }

  /** Σ over the groups of customers × term, sliced as the class comment says. */
  double weightedSum(Term term) {
    int slices = (customers.length + SLICE - 1) / SLICE;
    IntStream indexes = IntStream.range(0, slices);
    double[] partial = (slices > 1 ? indexes.parallel() : indexes).mapToDouble(s -> {
      double sum = 0;
      for (int i = s * SLICE, end = Math.min(customers.length, (s + 1) * SLICE); i < end; i++) {
        sum += customers[i] * term.of(blockOf[i], i);
      }
      return sum;
    }).toArray();
    double sum = 0;
    for (double p : partial) {
      sum += p;
    }
    return sum;
  }
}
