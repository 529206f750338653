package com.clientele.clv;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.clv.GammaGamma.Params;
import java.util.List;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

/** The Gamma-Gamma density, fit and expected spend on hand-worked examples. */
class GammaGammaTest {

  @Test
  void densityWorkedByHand() {
    // f(m | p, q, v, x) = Gamma(px+q) / (Gamma(px) Gamma(q)) v^q m^(px-1) x^(px) / (v + m x)^(px+q)
    // p=1, q=2, v=1, x=1, m=1: Gamma(3) / (Gamma(1) Gamma(2)) * 1 / 2^3 = 1/4
    assertEquals(Math.log(0.25), GammaGamma.logLikelihood(new Params(1, 2, 1), 1, 1), 1e-15);
  }

  @Test
  void densityIntegratesToOne() {
    Params g = new Params(2, 3, 5);
    double x = 3;
    // m = u / (1 - u) maps (0, 1) onto (0, inf); dm = du / (1 - u)^2
    double integral = new IterativeLegendreGaussIntegrator(32, 1e-10, 1e-10).integrate(1_000_000, u -> {
      double m = u / (1 - u);
      return Math.exp(GammaGamma.logLikelihood(g, x, m)) / ((1 - u) * (1 - u));
    }, 1e-12, 1 - 1e-12);
    assertEquals(1.0, integral, 1e-8);
  }

  @Test
  void expectedSpendShrinksTowardsThePopulationMean() {
    Params g = new Params(2, 3, 10); // population mean p v / (q - 1) = 10
    assertEquals(10.0, GammaGamma.conditionalExpectedValue(g, 0, 0), 1e-12);
    // x=2, m=30: weight on own mean p x / (p x + q - 1) = 4/6
    assertEquals(10.0 / 3 + 20, GammaGamma.conditionalExpectedValue(g, 2, 30), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> GammaGamma.conditionalExpectedValue(new Params(2, 0.9, 10), 2, 30));
  }

  @Test
  void fitUsesRepeatCustomersWithSpendOnly() {
    List<CustomerGroup> groups = List.of(new CustomerGroup(0, 0, 10, 0, 50), new CustomerGroup(1, 3, 10, 0, 5),
        new CustomerGroup(1, 3, 10, 20, 10), new CustomerGroup(2, 5, 10, 35, 8), new CustomerGroup(4, 9, 10, 15, 6),
        new CustomerGroup(3, 8, 10, 60, 4), new CustomerGroup(1, 2, 10, 12, 9));
    ModelFit<Params> fit = GammaGamma.fit(groups);
    assertTrue(fit.converged(), fit.toString());
    assertEquals(37, fit.customers(), "10 + 8 + 6 + 4 + 9: not the 50 one-time buyers nor the 5 with zero spend");
    // The fit sums the terms of each frequency first: the same value up to rounding (large p cancels).
    assertEquals(GammaGamma.logLikelihood(fit.params(), groups), fit.logLikelihood(),
        1e-10 * Math.abs(fit.logLikelihood()));
    Params q = fit.params();
    for (double f : new double[] {0.98, 1.02}) {
      assertTrue(GammaGamma.logLikelihood(new Params(q.p() * f, q.q(), q.v()), groups) < fit.logLikelihood());
      assertTrue(GammaGamma.logLikelihood(new Params(q.p(), q.q() * f, q.v()), groups) < fit.logLikelihood());
      assertTrue(GammaGamma.logLikelihood(new Params(q.p(), q.q(), q.v() * f), groups) < fit.logLikelihood());
    }
    assertThrows(IllegalArgumentException.class, () -> GammaGamma.fit(groups.subList(0, 2)));
  }
}
