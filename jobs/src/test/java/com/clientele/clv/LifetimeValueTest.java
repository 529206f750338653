package com.clientele.clv;

import static org.junit.jupiter.api.Assertions.*;

import com.clientele.clv.BgNbd.Params;
import org.junit.jupiter.api.Test;

class LifetimeValueTest {

  static final Params MODEL = new Params(1, 1, 2, 1);

  @Test
  void oneUndiscountedMonthIsValueTimesExpectedPurchases() {
    // new customer, a month of 1 unit: E[X(1)] = 2 (1 - ln 2) (worked in BgNbdTest), times 40
    assertEquals(40 * 2 * (1 - Math.log(2)), LifetimeValue.discounted(MODEL, 40, 0, 0, 0, 1, 0.0, 1), 1e-12);
  }

  @Test
  void monthsAreDiscountedOneByOne() {
    // two months of 1 unit at 10%: 40 E[X(1)] / 1.1 + 40 (E[X(2)] - E[X(1)]) / 1.21
    double first = BgNbd.expectedPurchases(MODEL, 1);
    double both = BgNbd.expectedPurchases(MODEL, 2);
    assertEquals(40 * first / 1.1 + 40 * (both - first) / 1.21,
        LifetimeValue.discounted(MODEL, 40, 0, 0, 0, 2, 0.10, 1), 1e-12);
    assertEquals(40 * both, LifetimeValue.discounted(MODEL, 40, 0, 0, 0, 2, 0.0, 1), 1e-12,
        "undiscounted: the value of all purchases in the horizon");
    assertEquals(0.0, LifetimeValue.discounted(MODEL, 40, 0, 0, 0, 0, 0.01, 1));
    assertThrows(IllegalArgumentException.class, () -> LifetimeValue.discounted(MODEL, 40, 0, 0, 0, 12, 0.01, 0));
  }
}
