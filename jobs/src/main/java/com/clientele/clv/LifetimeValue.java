package com.clientele.clv;

/**
 * A customer's lifetime value over a horizon: the BG/NBD expected purchases month by month, times the
 * Gamma-Gamma expected value of a purchase, discounted monthly — the lifetimes package's
 * {@code GammaGammaFitter.customer_lifetime_value}:
 * <pre>
 *   CLV = Σ_{i=1..months}  E[M] · (E[Y(i·u)] − E[Y((i−1)·u)]) / (1 + d)^i
 * </pre>
 * with u the length of a month in the model's time unit (lifetimes: 4.345 for weeks, 30 for days),
 * d the monthly discount rate, E[Y(t)] = {@link BgNbd#conditionalExpectedPurchases} and
 * E[M] = {@link GammaGamma#conditionalExpectedValue}.
 */
public final class LifetimeValue {

  private LifetimeValue() {}

  /**
   * @param expectedValue E[M], the expected value of one of the customer's future purchases
   * @param unitsPerMonth a month in the unit of tₓ and T
   */
  public static double discounted(BgNbd.Params model, double expectedValue, double x, double recency, double age,
      int months, double monthlyDiscount, double unitsPerMonth) {
    if (months < 0 || !(monthlyDiscount > -1) || !(unitsPerMonth > 0)) {
      throw new IllegalArgumentException("horizon " + months + " months, discount " + monthlyDiscount
          + ", month " + unitsPerMonth + " units");
    }
    double value = 0;
    double before = 0;
    for (int i = 1; i <= months; i++) {
      double upTo = BgNbd.conditionalExpectedPurchases(model, i * unitsPerMonth, x, recency, age);
      value += expectedValue * (upTo - before) / Math.pow(1 + monthlyDiscount, i);
      before = upTo;
    }
    return value;
  }
}
