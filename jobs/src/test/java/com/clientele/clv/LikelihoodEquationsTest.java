package com.clientele.clv;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The models' analytic gradients, and the large fits that solve the likelihood equations with them
 * ({@link MaximumLikelihood#minimize(java.util.function.ToDoubleFunction, java.util.function.Function,
 * java.util.function.ToDoubleFunction, int)}).
 */
class LikelihoodEquationsTest {

  /** Central difference of f at 0 with step h. */
  private static double derivative(DoubleUnaryOperator f, double h) {
    return (f.applyAsDouble(h) - f.applyAsDouble(-h)) / (2 * h);
  }

  /**
   * Each gradient component equals the central difference of the total log-likelihood along that log
   * parameter, at points near and far from the optimum (several slices, so the parallel sums too).
   */
  @Test
  void gradientsEqualDifferencesOfTheLikelihoods() {
    FrequencyBlocks blocks = FrequencyBlocks.of(FrequencyBlocksTest.groups(7, 3 * FrequencyBlocks.SLICE + 1_000));
    double h = 1e-5;
    for (BgNbd.Params p : List.of(new BgNbd.Params(0.25, 4.8, 0.72, 2.16), new BgNbd.Params(2, 30, 0.3, 8),
        new BgNbd.Params(0.05, 0.5, 3, 0.9))) {
      double[] gradient = BgNbd.logGradient(p, blocks);
      double scale = Math.abs(BgNbd.logLikelihood(p, blocks));
      double[] expected = {
          derivative(e -> BgNbd.logLikelihood(new BgNbd.Params(p.r() * Math.exp(e), p.alpha(), p.a(), p.b()), blocks), h),
          derivative(e -> BgNbd.logLikelihood(new BgNbd.Params(p.r(), p.alpha() * Math.exp(e), p.a(), p.b()), blocks), h),
          derivative(e -> BgNbd.logLikelihood(new BgNbd.Params(p.r(), p.alpha(), p.a() * Math.exp(e), p.b()), blocks), h),
          derivative(e -> BgNbd.logLikelihood(new BgNbd.Params(p.r(), p.alpha(), p.a(), p.b() * Math.exp(e)), blocks), h)};
      for (int i = 0; i < 4; i++) {
        assertEquals(expected[i], gradient[i], 1e-8 * scale + 1e-6 * Math.abs(expected[i]), p + " component " + i);
        assertTrue(Math.abs(expected[i]) > 1e-4 * scale, "a point off the optimum: " + p);
      }
    }
    FrequencyBlocks repeat = FrequencyBlocks.of(
        FrequencyBlocksTest.groups(7, 3 * FrequencyBlocks.SLICE + 1_000).stream().filter(GammaGamma::usable).toList());
    for (GammaGamma.Params g : List.of(new GammaGamma.Params(6.3, 3.6, 15), new GammaGamma.Params(0.5, 12, 200))) {
      double[] gradient = GammaGamma.logGradient(g, repeat);
      double scale = Math.abs(GammaGamma.logLikelihood(g, repeat));
      double[] expected = {
          derivative(e -> GammaGamma.logLikelihood(new GammaGamma.Params(g.p() * Math.exp(e), g.q(), g.v()), repeat), h),
          derivative(e -> GammaGamma.logLikelihood(new GammaGamma.Params(g.p(), g.q() * Math.exp(e), g.v()), repeat), h),
          derivative(e -> GammaGamma.logLikelihood(new GammaGamma.Params(g.p(), g.q(), g.v() * Math.exp(e)), repeat), h)};
      for (int i = 0; i < 3; i++) {
        assertEquals(expected[i], gradient[i], 1e-8 * scale + 1e-6 * Math.abs(expected[i]), g + " component " + i);
        assertTrue(Math.abs(expected[i]) > 1e-4 * scale, "a point off the optimum: " + g);
      }
    }
  }

  /**
   * Customers drawn from the models themselves (so the optimum is well defined): λ ~ Gamma(r, α),
   * p ~ Beta(a, b), purchases on whole days over T of 30–730 days (measured in weeks), and each
   * purchase's value ~ Gamma(shape p, rate ν) with ν ~ Gamma(q, rate v).
   */
  static List<CustomerGroup> simulated(long seed, int customers) {
    RandomGenerator random = new MersenneTwister(seed);
    GammaDistribution rate = new GammaDistribution(random, 0.6, 1 / 3.0); // r = 0.6, α = 3 (weeks)
    BetaDistribution dropOut = new BetaDistribution(random, 0.8, 2.5);
    GammaDistribution spendRate = new GammaDistribution(random, 3.5, 1 / 15.0); // q = 3.5, v = 15
    Map<List<Double>, Long> counts = new TreeMap<>(FrequencyBlocksTest::compare);
    for (int c = 0; c < customers; c++) {
      double lambda = rate.sample();
      double p = dropOut.sample();
      int days = 30 + random.nextInt(701);
      double nu = spendRate.sample();
      GammaDistribution value = new GammaDistribution(random, 6, 1 / nu);
      double t = 0;
      int last = 0;
      int x = 0;
      double spend = 0;
      java.util.Set<Integer> purchaseDays = new java.util.TreeSet<>();
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / lambda * 7; // days
        if (t >= days) {
          break;
        }
        int day = (int) t;
        if (day > 0 && purchaseDays.add(day)) {
          x++;
          last = day;
          spend += value.sample();
        }
        if (random.nextDouble() < p) {
          break;
        }
      }
      counts.merge(List.of((double) x, last / 7.0, days / 7.0, x == 0 ? 0 : Math.round(spend / x * 100) / 100.0), 1L,
          Long::sum);
    }
    List<CustomerGroup> out = new ArrayList<>();
    counts.forEach((k, n) -> out.add(new CustomerGroup(k.get(0), k.get(1), k.get(2), k.get(3), n)));
    return out;
  }

  /**
   * A fit large enough to start from a sample ends where BOBYQA alone on all the groups ends, to 1e-5
   * relative in every parameter (about what a search on values can place them to) and with a
   * log-likelihood at least as high, in a few dozen passes over the groups instead of hundreds; and the
   * gradient there is zero to rounding.
   */
  @Test
  void largeFitsEndAtTheOptimumOfADerivativeFreeSearch() {
    List<CustomerGroup> groups = simulated(5, 60_000);
    FrequencyBlocks blocks = FrequencyBlocks.of(groups);
    assertTrue(blocks.groups() > MaximumLikelihood.WARM_START_GROUPS, "groups: " + blocks.groups());
    long customers = blocks.customers();
    ModelFit<BgNbd.Params> fit = BgNbd.fit(blocks);
    assertTrue(fit.converged(), fit.toString());
    MaximumLikelihood.Result search = MaximumLikelihood.minimize(
        v -> -BgNbd.logLikelihood(new BgNbd.Params(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3])),
            blocks) / customers, 4);
    assertTrue(search.converged());
    BgNbd.Params ours = fit.params();
    double[] theirs = exp(search.logParams());
    assertEquals(theirs[0], ours.r(), 1e-5 * theirs[0]);
    assertEquals(theirs[1], ours.alpha(), 1e-5 * theirs[1]);
    assertEquals(theirs[2], ours.a(), 1e-5 * theirs[2]);
    assertEquals(theirs[3], ours.b(), 1e-5 * theirs[3]);
    assertEquals(0.6, ours.r(), 0.1, "near the simulated r");
    assertTrue(fit.logLikelihood() >= -search.objective() * customers - 1e-12 * Math.abs(fit.logLikelihood()));
    assertTrue(fit.evaluations() < search.evaluations() / 3, fit.evaluations() + " passes against " + search.evaluations());
    for (double g : BgNbd.logGradient(ours, blocks)) {
      assertEquals(0, g / customers, 1e-9);
    }

    FrequencyBlocks repeat = FrequencyBlocks.of(groups.stream().filter(GammaGamma::usable).toList());
    assertTrue(repeat.groups() > MaximumLikelihood.WARM_START_GROUPS, "groups: " + repeat.groups());
    ModelFit<GammaGamma.Params> spend = GammaGamma.fit(repeat);
    assertTrue(spend.converged(), spend.toString());
    MaximumLikelihood.Result spendSearch = MaximumLikelihood.minimize(
        v -> -GammaGamma.logLikelihood(new GammaGamma.Params(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2])), repeat)
            / repeat.customers(), 3);
    double[] expected = exp(spendSearch.logParams());
    assertEquals(expected[0], spend.params().p(), 1e-5 * expected[0]);
    assertEquals(expected[1], spend.params().q(), 1e-5 * expected[1]);
    assertEquals(expected[2], spend.params().v(), 1e-5 * expected[2]);
    assertTrue(spend.logLikelihood() >= -spendSearch.objective() * repeat.customers()
        - 1e-12 * Math.abs(spend.logLikelihood()));
    assertTrue(spend.evaluations() < spendSearch.evaluations() / 3,
        spend.evaluations() + " passes against " + spendSearch.evaluations());
    for (double g : GammaGamma.logGradient(spend.params(), repeat)) {
      assertEquals(0, g / repeat.customers(), 1e-9);
    }
  }

  private static double[] exp(double[] logs) {
    double[] out = new double[logs.length];
    for (int i = 0; i < logs.length; i++) {
      out[i] = Math.exp(logs[i]);
    }
    return out;
  }
}
