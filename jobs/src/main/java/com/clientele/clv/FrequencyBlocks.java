package com.clientele.clv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Customer groups arranged by frequency for fast likelihood evaluation. In both models the
 * log-gamma terms of a customer depend on x alone (ln Γ(r+x), ln B(a, b+x); ln Γ(px+q), ln Γ(px)), so
 * a fit evaluates them once per distinct x and per evaluation, and each group adds only its own
 * logarithms: a few hundred distinct frequencies against up to millions of groups. The groups are
 * ordered (x, then tₓ, T, mₓ) so that the sums, and hence the fitted parameters, do not depend on
 * the order the groups arrived in.
 */
final class FrequencyBlocks {

  /** The groups of one frequency, as parallel arrays. */
  record Block(double frequency, double[] recency, double[] age, double[] monetaryValue, double[] customers,
      double totalCustomers, double customersLogMonetaryValue) {}

  private final List<Block> blocks;
  private final long customers;

  private FrequencyBlocks(List<Block> blocks, long customers) {
    this.blocks = blocks;
    this.customers = customers;
  }

  static FrequencyBlocks of(List<CustomerGroup> groups) {
    List<CustomerGroup> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparingDouble(CustomerGroup::frequency).thenComparingDouble(CustomerGroup::recency)
        .thenComparingDouble(CustomerGroup::age).thenComparingDouble(CustomerGroup::monetaryValue));
    List<Block> blocks = new ArrayList<>();
    long customers = 0;
    int start = 0;
    while (start < sorted.size()) {
      double x = sorted.get(start).frequency();
      int end = start;
      while (end < sorted.size() && sorted.get(end).frequency() == x) {
        end++;
      }
      int n = end - start;
      double[] recency = new double[n];
      double[] age = new double[n];
      double[] value = new double[n];
      double[] weight = new double[n];
      double total = 0;
      double logValue = 0;
      for (int i = 0; i < n; i++) {
        CustomerGroup g = sorted.get(start + i);
        recency[i] = g.recency();
        age[i] = g.age();
        value[i] = g.monetaryValue();
        weight[i] = g.customers();
        total += g.customers();
        customers += g.customers();
        if (g.monetaryValue() > 0) {
          logValue += g.customers() * Math.log(g.monetaryValue());
        }
      }
      blocks.add(new Block(x, recency, age, value, weight, total, logValue));
      start = end;
    }
    return new FrequencyBlocks(List.copyOf(blocks), customers);
  }

  List<Block> blocks() {
    return blocks;
  }

  long customers() {
    return customers;
  }

  int groups() {
    return blocks.stream().mapToInt(b -> b.customers().length).sum();
  }
}
