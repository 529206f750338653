package com.clientele.clv;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fits' fast likelihoods (terms of x evaluated once per frequency) equal the per-group definitions,
 * and do not depend on the order of the groups.
 */
class FrequencyBlocksTest {

  static List<CustomerGroup> groups(long seed, int n) {
    Random random = new Random(seed);
    List<CustomerGroup> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int x = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
      double age = 1 + random.nextInt(500) / 7.0;
      double recency = x == 0 ? 0 : random.nextDouble() * age;
      double value = x == 0 ? 0 : random.nextInt(5) == 0 ? 0 : Math.exp(random.nextGaussian() * 1.5 + 3);
      out.add(new CustomerGroup(x, recency, age, value, 1 + random.nextInt(40)));
    }
    return out;
  }

  @Test
  void blockLikelihoodsEqualThePerGroupDefinitions() {
    List<CustomerGroup> groups = groups(7, 3 * FrequencyBlocks.SLICE + 1_000); // several slices, summed in parallel
    FrequencyBlocks blocks = FrequencyBlocks.of(groups);
    assertEquals(groups.size(), blocks.groups());
    assertEquals(groups.stream().mapToLong(CustomerGroup::customers).sum(), blocks.customers());
    for (BgNbd.Params p : List.of(new BgNbd.Params(0.25, 4.8, 0.72, 2.16), new BgNbd.Params(2, 30, 0.3, 8))) {
      double expected = BgNbd.logLikelihood(p, groups);
      assertEquals(expected, BgNbd.logLikelihood(p, blocks), 1e-10 * Math.abs(expected), p.toString());
    }
    List<CustomerGroup> usable = groups.stream().filter(GammaGamma::usable).toList();
    FrequencyBlocks repeat = FrequencyBlocks.of(usable);
    for (GammaGamma.Params g : List.of(new GammaGamma.Params(6.3, 3.6, 15), new GammaGamma.Params(0.5, 12, 200))) {
      double expected = GammaGamma.logLikelihood(g, groups);
      assertEquals(expected, GammaGamma.logLikelihood(g, repeat), 1e-10 * Math.abs(expected), g.toString());
    }
  }

  @Test
  void theFitsDoNotDependOnTheOrderOfTheGroups() {
    List<CustomerGroup> groups = groups(11, 2_000);
    List<CustomerGroup> shuffled = new ArrayList<>(groups);
    Collections.shuffle(shuffled, new Random(3));
    assertEquals(BgNbd.fit(groups), BgNbd.fit(shuffled));
    assertEquals(GammaGamma.fit(groups), GammaGamma.fit(shuffled));
  }

  /**
   * Beyond {@link MaximumLikelihood#WARM_START_GROUPS} groups a fit starts from a fit on a sample: it
   * still ends at the full likelihood's maximum (every parameter moved by 1% lowers it), converged,
   * and does not depend on the order of the groups.
   */
  @Test
  void largeFitsWarmStartFromASampleAndEndAtTheFullMaximum() {
    List<CustomerGroup> groups = groups(5, 2 * MaximumLikelihood.WARM_START_GROUPS + 777);
    assertNotNull(FrequencyBlocks.sample(groups, MaximumLikelihood.WARM_START_GROUPS));
    ModelFit<BgNbd.Params> fit = BgNbd.fit(groups);
    assertTrue(fit.converged(), fit.toString());
    BgNbd.Params q = fit.params();
    for (double f : new double[] {0.99, 1.01}) {
      assertTrue(BgNbd.logLikelihood(new BgNbd.Params(q.r() * f, q.alpha(), q.a(), q.b()), groups) < fit.logLikelihood());
      assertTrue(BgNbd.logLikelihood(new BgNbd.Params(q.r(), q.alpha() * f, q.a(), q.b()), groups) < fit.logLikelihood());
      assertTrue(BgNbd.logLikelihood(new BgNbd.Params(q.r(), q.alpha(), q.a() * f, q.b()), groups) < fit.logLikelihood());
      assertTrue(BgNbd.logLikelihood(new BgNbd.Params(q.r(), q.alpha(), q.a(), q.b() * f), groups) < fit.logLikelihood());
    }
    ModelFit<GammaGamma.Params> spend = GammaGamma.fit(groups);
    assertTrue(spend.converged(), spend.toString());
    GammaGamma.Params g = spend.params();
    for (double f : new double[] {0.99, 1.01}) {
      assertTrue(GammaGamma.logLikelihood(new GammaGamma.Params(g.p() * f, g.q(), g.v()), groups) < spend.logLikelihood());
      assertTrue(GammaGamma.logLikelihood(new GammaGamma.Params(g.p(), g.q() * f, g.v()), groups) < spend.logLikelihood());
      assertTrue(GammaGamma.logLikelihood(new GammaGamma.Params(g.p(), g.q(), g.v() * f), groups) < spend.logLikelihood());
    }
    List<CustomerGroup> shuffled = new ArrayList<>(groups);
    Collections.shuffle(shuffled, new Random(9));
    assertEquals(fit, BgNbd.fit(shuffled));
    assertEquals(spend, GammaGamma.fit(shuffled));
  }

  /**
   * Grouping per-customer columns on primitive arrays (the gold build's path) gives exactly the groups
   * that counting identical summaries gives: the same likelihoods to the last bit and the same fits —
   * here with more groups than {@link MaximumLikelihood#WARM_START_GROUPS}, so the sampled start too.
   */
  @Test
  void groupingCustomerColumnsEqualsCountingIdenticalSummaries() {
    Random random = new Random(17);
    int n = 120_000;
    double[] x = new double[n];
    double[] recency = new double[n];
    double[] age = new double[n];
    double[] value = new double[n];
    Map<List<Double>, Long> purchases = new TreeMap<>(FrequencyBlocksTest::compare);
    Map<List<Double>, Long> spend = new TreeMap<>(FrequencyBlocksTest::compare);
    for (int i = 0; i < n; i++) {
      x[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(12);
      age[i] = (1 + random.nextInt(300)) / 7.0;
      recency[i] = x[i] == 0 ? 0 : random.nextInt((int) Math.round(age[i] * 7) + 1) / 7.0;
      value[i] = x[i] == 0 ? 0 : random.nextInt(6) == 0 ? 0 : random.nextInt(400) / 4.0; // repeats and zeros
      purchases.merge(List.of(x[i], recency[i], age[i]), 1L, Long::sum);
      if (x[i] > 0 && value[i] > 0) {
        spend.merge(List.of(x[i], value[i]), 1L, Long::sum);
      }
    }
    List<CustomerGroup> purchaseGroups = new ArrayList<>();
    purchases.forEach((k, c) -> purchaseGroups.add(new CustomerGroup(k.get(0), k.get(1), k.get(2), 0, c)));
    List<CustomerGroup> spendGroups = new ArrayList<>();
    spend.forEach((k, c) -> spendGroups.add(new CustomerGroup(k.get(0), 0, 0, k.get(1), c)));

    FrequencyBlocks fromColumns = FrequencyBlocks.purchases(x, recency, age, n);
    FrequencyBlocks fromGroups = FrequencyBlocks.of(purchaseGroups);
    assertTrue(purchaseGroups.size() > MaximumLikelihood.WARM_START_GROUPS, "groups: " + purchaseGroups.size());
    assertEquals(purchaseGroups.size(), fromColumns.groups());
    assertEquals(n, fromColumns.customers());
    BgNbd.Params p = new BgNbd.Params(0.4, 6, 0.8, 2.5);
    assertEquals(BgNbd.logLikelihood(p, fromGroups), BgNbd.logLikelihood(p, fromColumns));
    assertEquals(BgNbd.fit(purchaseGroups), BgNbd.fit(fromColumns));

    FrequencyBlocks spendColumns = FrequencyBlocks.spend(x, value, n);
    assertEquals(spendGroups.size(), spendColumns.groups());
    assertEquals(spend.values().stream().mapToLong(Long::longValue).sum(), spendColumns.customers());
    GammaGamma.Params g = new GammaGamma.Params(3, 4, 20);
    assertEquals(GammaGamma.logLikelihood(g, FrequencyBlocks.of(spendGroups)), GammaGamma.logLikelihood(g, spendColumns));
    assertEquals(GammaGamma.fit(spendGroups), GammaGamma.fit(spendColumns));

    // only the first n entries are read; a summary with T before its last purchase is refused
    assertEquals(10, FrequencyBlocks.purchases(x, recency, age, 10).customers());
    double[] bad = {1};
    assertThrows(IllegalArgumentException.class, () -> FrequencyBlocks.purchases(bad, new double[] {5}, new double[] {4}, 1));
  }

  static int compare(List<Double> a, List<Double> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = Double.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
