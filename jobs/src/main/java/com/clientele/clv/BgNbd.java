package com.clientele.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;

/**
 * The BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchases of
 * Fader, Hardie &amp; Lee, "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD
 * Model", Marketing Science 24(2), 2005 — the lifetimes package's {@code BetaGeoFitter}.
 *
 * <p>Assumptions: while alive, a customer buys as a Poisson process with rate λ; λ varies across
 * customers as Gamma(r, α); after every purchase the customer drops out with probability p; p varies
 * across customers as Beta(a, b); λ and p are independent. A customer is described by (x, tₓ, T):
 * x repeat purchases, the last at tₓ, observed for T since the first purchase ({@link CustomerGroup}).
 *
 * <p>Everything is computed in log space where magnitudes can overflow (the likelihood, P(alive)); the
 * expectations use the hypergeometric function in the bounded form given at
 * {@link #conditionalExpectedPurchases}.
 */
public final class BgNbd {

  private BgNbd() {}

  /** The model's parameters: r, α (purchase rate, Gamma) and a, b (drop-out probability, Beta). */
  public record Params(double r, double alpha, double a, double b) implements java.io.Serializable {
    public Params {
      if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
        throw new IllegalArgumentException("BG/NBD parameters must be positive: " + this);
      }
    }
  }

  /**
   * One customer's log-likelihood, equation (6) of the paper:
   * L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
   *   + [x &gt; 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+tₓ)^(r+x)),
   * evaluated as ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
   * + ln(e^A₃ + [x &gt; 0] e^A₄) with A₃ = −(r+x) ln(α+T), A₄ = ln(a/(b+x−1)) − (r+x) ln(α+tₓ) (the
   * log-sum taken around the larger of the two).
   */
  public static double logLikelihood(Params p, double x, double recency, double age) {
    double a1 = logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha);
    double a2 = logGamma(p.a + p.b) + logGamma(p.b + x) - logGamma(p.b) - logGamma(p.a + p.b + x);
    double a3 = -(p.r + x) * Math.log(p.alpha + age);
    if (x <= 0) {
      return a1 + a2 + a3;
    }
    double a4 = Math.log(p.a) - Math.log(p.b + x - 1) - (p.r + x) * Math.log(p.alpha + recency);
    double max = Math.max(a3, a4);
    return a1 + a2 + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
  }

  /** The total log-likelihood of the groups (each group's value times its customers). */
  public static double logLikelihood(Params p, List<CustomerGroup> groups) {
    double sum = 0;
    for (CustomerGroup g : groups) {
      sum += g.customers() * logLikelihood(p, g.frequency(), g.recency(), g.age());
    }
    return sum;
  }

  /**
   * The maximum-likelihood parameters for the groups ({@link MaximumLikelihood}). As in lifetimes,
   * times are first scaled so that the largest T is 1 (which only moves α, by the same factor, and
   * keeps the search well conditioned); α is scaled back afterwards.
   */
  public static ModelFit<Params> fit(List<CustomerGroup> groups) {
    return fit(FrequencyBlocks.of(groups));
  }

  /** {@link #fit(List)} of groups already arranged ({@link FrequencyBlocks#purchases}). */
  public static ModelFit<Params> fit(FrequencyBlocks blocks) {
    if (blocks.groups() == 0) {
      throw new IllegalArgumentException("no customers to fit the BG/NBD model to");
    }
    double maxAge = blocks.maxAge();
    double scale = maxAge > 0 ? 1 / maxAge : 1;
    FrequencyBlocks scaled = blocks.scaled(scale);
    FrequencyBlocks sample = scaled.sample(MaximumLikelihood.WARM_START_GROUPS);
    long customers = blocks.customers();
    MaximumLikelihood.Result result = MaximumLikelihood.minimize(
        logParams -> -logLikelihood(fromLog(logParams, 1), scaled) / customers,
        logParams -> scaledBy(logGradient(fromLog(logParams, 1), scaled), -1.0 / customers),
        sample == null ? null : logParams -> -logLikelihood(fromLog(logParams, 1), sample) / sample.customers(), 4);
    Params params = fromLog(result.logParams(), scale);
    return new ModelFit<>(params, logLikelihood(params, blocks), result.converged(), result.evaluations(),
        customers);
  }

  /**
   * The total log-likelihood as {@link #logLikelihood(Params, List)}, with the terms that depend on x
   * alone evaluated once per frequency.
   */
  static double logLikelihood(Params p, FrequencyBlocks groups) {
    double logAlpha = Math.log(p.alpha);
    double shared = logGamma(p.r) - p.r * logAlpha + logGamma(p.b) - logGamma(p.a + p.b);
    List<FrequencyBlocks.Block> blocks = groups.blocks();
    int n = blocks.size();
    double[] rx = new double[n];
    double[] logOdds = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      double x = blocks.get(k).frequency();
      rx[k] = p.r + x;
      logOdds[k] = x > 0 ? Math.log(p.a) - Math.log(p.b + x - 1) : Double.NaN;
      sum += blocks.get(k).totalCustomers()
          * (logGamma(rx[k]) + logGamma(p.b + x) - logGamma(p.a + p.b + x) - shared);
    }
    double[] times = groups.times();
    double[] logTime = new double[times.length];
    for (int j = 0; j < times.length; j++) {
      logTime[j] = Math.log(p.alpha + times[j]);
    }
    int[] blockOf = groups.blockOf();
    double[] weight = groups.weights();
    int[] recency = groups.recencyIndexes();
    int[] age = groups.ageIndexes();
    return sum + groups.weightedSum((from, to) -> {
      double slice = 0;
      for (int i = from; i < to; i++) {
        int k = blockOf[i];
        double a3 = -rx[k] * logTime[age[i]];
        double term;
        if (Double.isNaN(logOdds[k])) {
          term = a3;
        } else {
          double a4 = logOdds[k] - rx[k] * logTime[recency[i]];
          double max = Math.max(a3, a4);
          term = max + Math.log1p(Math.exp(Math.min(a3, a4) - max));
        }
        slice += weight[i] * term;
      }
      return slice;
    });
  }

  /**
   * The gradient of the total log-likelihood ({@link #logLikelihood(Params, FrequencyBlocks)}) with
   * respect to (ln r, ln α, ln a, ln b) — each partial derivative times its parameter. Per customer,
   * with π₄ = e^A₄ / (e^A₃ + e^A₄) the weight of the second term of the likelihood (0 for x = 0) and ψ the
   * digamma function:
   * <pre>
   *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−π₄) ln(α+T) − π₄ ln(α+tₓ)
   *   ∂/∂α = r/α − (r+x) · ((1−π₄)/(α+T) + π₄/(α+tₓ))
   *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + π₄/a
   *   ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − π₄/(b+x−1)
   * </pre>
   * The digamma terms are taken once per frequency; each group adds its π₄ (one exponential) and its
   * times' logarithms and reciprocals (evaluated once per distinct time).
   */
  static double[] logGradient(Params p, FrequencyBlocks groups) {
    List<FrequencyBlocks.Block> blocks = groups.blocks();
    int n = blocks.size();
    double[] rx = new double[n];
    double[] logOdds = new double[n];
    double dr = 0;
    double da = 0;
    double db = 0;
    double total = 0;
    double logAlpha = Math.log(p.alpha);
    double psiR = digamma(p.r);
    double psiAb = digamma(p.a + p.b);
    double psiB = digamma(p.b);
    for (int k = 0; k < n; k++) {
      double x = blocks.get(k).frequency();
      double w = blocks.get(k).totalCustomers();
      rx[k] = p.r + x;
      logOdds[k] = x > 0 ? Math.log(p.a) - Math.log(p.b + x - 1) : Double.NaN;
      double psiAbx = digamma(p.a + p.b + x);
      dr += w * (digamma(rx[k]) - psiR + logAlpha);
      da += w * (psiAb - psiAbx);
      db += w * (psiAb + digamma(p.b + x) - psiB - psiAbx);
      total += w;
    }
    double[] times = groups.times();
    double[] logTime = new double[times.length];
    double[] inverseTime = new double[times.length];
    for (int j = 0; j < times.length; j++) {
      logTime[j] = Math.log(p.alpha + times[j]);
      inverseTime[j] = 1 / (p.alpha + times[j]);
    }
    int[] blockOf = groups.blockOf();
    double[] weight = groups.weights();
    int[] recency = groups.recencyIndexes();
    int[] age = groups.ageIndexes();
    // [0]: Σ w ((1−π₄) ln(α+T) + π₄ ln(α+tₓ)); [1]: Σ w (r+x) ((1−π₄)/(α+T) + π₄/(α+tₓ)); [2 + k]: Σ w π₄ of block k
    double[] sums = groups.weightedSums(2 + n, (from, to, into) -> {
      for (int i = from; i < to; i++) {
        int k = blockOf[i];
        double logAge = logTime[age[i]];
        double inverseAge = inverseTime[age[i]];
        double w = weight[i];
        if (Double.isNaN(logOdds[k])) {
          into[0] += w * logAge;
          into[1] += w * rx[k] * inverseAge;
        } else {
          double logRecency = logTime[recency[i]];
          double a3 = -rx[k] * logAge;
          double a4 = logOdds[k] - rx[k] * logRecency;
          double pi4 = 1 / (1 + Math.exp(a3 - a4));
          into[0] += w * (logAge + pi4 * (logRecency - logAge));
          into[1] += w * rx[k] * (inverseAge + pi4 * (inverseTime[recency[i]] - inverseAge));
          into[2 + k] += w * pi4;
        }
      }
    });
    dr -= sums[0];
    double dAlpha = total * p.r / p.alpha - sums[1];
    for (int k = 0; k < n; k++) {
      double x = blocks.get(k).frequency();
      if (x > 0) {
        da += sums[2 + k] / p.a;
        db -= sums[2 + k] / (p.b + x - 1);
      }
    }
    return new double[] {p.r * dr, p.alpha * dAlpha, p.a * da, p.b * db};
  }

  static double[] scaledBy(double[] values, double factor) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] * factor;
    }
    return out;
  }

  private static Params fromLog(double[] logParams, double timeScale) {
    return new Params(Math.exp(logParams[0]), Math.exp(logParams[1]) / timeScale, Math.exp(logParams[2]),
        Math.exp(logParams[3]));
  }

  /**
   * P(alive | x, tₓ, T), equation (A10 of the technical note) as lifetimes: 1 for x = 0 (in this model a
   * customer can only drop out right after a purchase), else 1 / (1 + a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)),
   * with the ratio's logarithm formed first.
   */
  public static double probabilityAlive(Params p, double x, double recency, double age) {
    if (x <= 0) {
      return 1.0;
    }
    double logRatio = logDropOutOdds(p, x, recency, age);
    return logRatio > 0 ? Math.exp(-logRatio) / (1 + Math.exp(-logRatio)) : 1 / (1 + Math.exp(logRatio));
  }

  /**
   * E[X(t)]: the expected number of repeat purchases in a period of length t of a customer just
   * acquired (equation (7)); the conditional expectation at x = tₓ = T = 0.
   */
  public static double expectedPurchases(Params p, double t) {
    return conditionalExpectedPurchases(p, t, 0, 0, 0);
  }

  /**
   * E[Y(t) | x, tₓ, T]: the expected number of purchases in the next t of a customer with the given
   * history (equation (10)):
   * <pre>
   *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)]
   *   / (1 + [x &gt; 0] · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)),      z = t/(α+T+t).
   * </pre>
   * Euler's transformation of ₂F₁ turns the bracket into 1 − (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z)
   * — the same value, but both factors stay bounded however large x is (the original ₂F₁ grows like
   * (1−z)^(a−1−r−x) and the power before it shrinks as fast). The model needs a ≠ 1.
   */
  public static double conditionalExpectedPurchases(Params p, double t, double x, double recency, double age) {
    double ifAlive = expectedPurchasesIfAlive(p, t, x, age);
    if (x <= 0) {
      return ifAlive;
    }
    return ifAlive / (1 + Math.exp(logDropOutOdds(p, x, recency, age)));
  }

  /**
   * The numerator of {@link #conditionalExpectedPurchases}: the expected purchases in the next t of a
   * customer with x repeat purchases observed for T who is still alive. It does not depend on tₓ, and
   * the conditional expectation is this times {@link #probabilityAlive} — so one value serves every
   * customer with the same x and T.
   */
  public static double expectedPurchasesIfAlive(Params p, double t, double x, double age) {
    if (t <= 0) {
      return 0;
    }
    double z = t / (p.alpha + age + t);
    double bracket = 1 - Math.pow(1 - z, p.a - 1)
        * Hypergeometric.f21(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, z);
    return (p.a + p.b + x - 1) / (p.a - 1) * bracket;
  }

  /**
   * ln(a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)) for x &gt; 0: the log-odds that the customer has dropped out, the
   * term shared by P(alive) and the conditional expectation's denominator.
   */
  private static double logDropOutOdds(Params p, double x, double recency, double age) {
    return Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + age) / (p.alpha + recency));
  }
}
