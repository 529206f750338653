package com.clientele.clv;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.clv.BgNbd.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD likelihood and expectations on examples worked by hand from the paper's equations (not
 * from the code's rearranged forms), and what a fit reports.
 */
class BgNbdTest {

  @Test
  void likelihoodOfACustomerWithoutRepeatPurchases() {
    // x = 0: only the first term, (alpha / (alpha + T))^r = 1/2 for r = alpha = T = 1 (a, b cancel)
    assertEquals(Math.log(0.5), BgNbd.logLikelihood(new Params(1, 1, 1, 1), 0, 0, 1), 1e-15);
  }

  @Test
  void likelihoodOfARepeatCustomer() {
    // r=2, alpha=3, a=1, b=2; x=1, t_x=1, T=2:
    //   Gamma(3) 3^2 / Gamma(2) = 18;  B(1, 3) / B(1, 2) = (1/3) / (1/2) = 2/3
    //   L = 18 * 2/3 * (5^-3 + a/(b+x-1) * 4^-3) = 12 * (1/125 + 1/128) = 3036/16000
    Params p = new Params(2, 3, 1, 2);
    assertEquals(Math.log(3036.0 / 16000), BgNbd.logLikelihood(p, 1, 1, 2), 1e-14);
    assertEquals(2 * Math.log(3036.0 / 16000),
        BgNbd.logLikelihood(p, List.of(new CustomerGroup(1, 1, 2, 10, 2))), 1e-13, "weighted by the group's customers");
  }

  @Test
  void probabilityAlive() {
    // same customer: 1 / (1 + a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x)) = 1 / (1 + 1/2 * (5/4)^3) = 128/253
    Params p = new Params(2, 3, 1, 2);
    assertEquals(128.0 / 253, BgNbd.probabilityAlive(p, 1, 1, 2), 1e-15);
    assertEquals(1.0, BgNbd.probabilityAlive(p, 0, 0, 50), "no repeat purchase: cannot have dropped out");
    assertTrue(BgNbd.probabilityAlive(p, 5, 1, 50) < BgNbd.probabilityAlive(p, 5, 45, 50),
        "a customer whose last purchase is recent is more likely alive");
    assertTrue(BgNbd.probabilityAlive(p, 2000, 1, 5000) >= 0, "no overflow for extreme histories");
  }

  @Test
  void expectedPurchasesOfANewCustomer() {
    // (7): E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r F(r, b; a+b-1; t/(alpha+t))];
    // r=1, alpha=1, a=2, b=1, t=1: 2 [1 - 1/2 F(1, 1; 2; 1/2)] = 2 [1 - 1/2 * 2 ln 2] = 2 (1 - ln 2)
    assertEquals(2 * (1 - Math.log(2)), BgNbd.expectedPurchases(new Params(1, 1, 2, 1), 1), 1e-14);
    assertEquals(0.0, BgNbd.expectedPurchases(new Params(1, 1, 2, 1), 0));
  }

  @Test
  void conditionalExpectedPurchases() {
    // (10) with r=1, alpha=1, a=2, b=1; x=1, t_x=1, T=2; t=3, so z = 3/(1+2+3) = 1/2:
    //   F(r+x, b+x; a+b+x-1; z) = F(2, 2; 3; z) = sum 2(n+1)/(n+2) z^n = 2 [1/(1-z) - (-ln(1-z) - z)/z^2]
    //                           = 8 - 8 ln 2 at z = 1/2
    //   bracket     = 1 - ((alpha+T)/(alpha+T+t))^(r+x) F = 1 - (1/2)^2 (8 - 8 ln 2) = 2 ln 2 - 1
    //   numerator   = (a+b+x-1)/(a-1) * bracket = 3 (2 ln 2 - 1)
    //   denominator = 1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) = 1 + 2 (3/2)^2 = 5.5
    Params p = new Params(1, 1, 2, 1);
    assertEquals(3 * (2 * Math.log(2) - 1) / 5.5, BgNbd.conditionalExpectedPurchases(p, 3, 1, 1, 2), 1e-14);
    assertEquals(BgNbd.expectedPurchases(p, 3), BgNbd.conditionalExpectedPurchases(p, 3, 0, 0, 0), 0.0);
    double heavy = BgNbd.conditionalExpectedPurchases(p, 52, 300, 100, 104);
    assertTrue(Double.isFinite(heavy) && heavy > 0, "bounded form for a heavy buyer: " + heavy);
  }

  @Test
  void fitReportsWhatItUsed() {
    List<CustomerGroup> groups = List.of(new CustomerGroup(0, 0, 30, 0, 40), new CustomerGroup(1, 10, 30, 5, 25),
        new CustomerGroup(3, 25, 30, 5, 20), new CustomerGroup(6, 29, 32, 5, 10), new CustomerGroup(2, 5, 20, 5, 15));
    ModelFit<Params> fit = BgNbd.fit(groups);
    assertTrue(fit.converged(), fit.toString());
    assertEquals(110, fit.customers());
    assertEquals(BgNbd.logLikelihood(fit.params(), groups), fit.logLikelihood(), 1e-9);
    // a maximum: every nearby point is less likely
    Params q = fit.params();
    for (double f : new double[] {0.99, 1.01}) {
      assertTrue(BgNbd.logLikelihood(new Params(q.r() * f, q.alpha(), q.a(), q.b()), groups) < fit.logLikelihood());
      assertTrue(BgNbd.logLikelihood(new Params(q.r(), q.alpha() * f, q.a(), q.b()), groups) < fit.logLikelihood());
      assertTrue(BgNbd.logLikelihood(new Params(q.r(), q.alpha(), q.a() * f, q.b()), groups) < fit.logLikelihood());
      assertTrue(BgNbd.logLikelihood(new Params(q.r(), q.alpha(), q.a(), q.b() * f), groups) < fit.logLikelihood());
    }
    assertThrows(IllegalArgumentException.class, () -> BgNbd.fit(List.of()));
  }
}
