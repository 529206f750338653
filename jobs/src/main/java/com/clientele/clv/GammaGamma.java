package com.clientele.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie &amp; Lee, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 2005; Fader &amp; Hardie, "The
 * Gamma-Gamma Model of Monetary Value", 2013) — the lifetimes package's {@code GammaGammaFitter}.
 *
 * <p>Assumptions: the value of a customer's purchases varies around their own mean; a purchase's
 * value is Gamma(p, ν) with ν varying across customers as Gamma(q, γ) (lifetimes calls γ {@code v});
 * spend is independent of the purchase process (check the correlation of frequency and monetary value
 * before trusting it). Fitted to repeat customers only (x &gt; 0 with a positive mean repeat value mₓ):
 * a customer with no repeat purchase tells nothing about their spend beyond the first, which the RFM
 * summary leaves out.
 */
public final class GammaGamma {

  private GammaGamma() {}

  /** The model's parameters: p (shape of a purchase's value), q and v (Gamma of the scale). */
  public record Params(double p, double q, double v) implements java.io.Serializable {
    public Params {
      if (!(p > 0 && q > 0 && v > 0)) {
        throw new IllegalArgumentException("Gamma-Gamma parameters must be positive: " + this);
      }
    }
  }

  /**
   * One repeat customer's log-likelihood of their mean repeat value mₓ over x purchases:
   * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln mₓ + px ln x − (px+q) ln(v + x mₓ).
   */
  public static double logLikelihood(Params g, double x, double meanValue) {
    double px = g.p * x;
    return logGamma(px + g.q) - logGamma(px) - logGamma(g.q) + g.q * Math.log(g.v) + (px - 1) * Math.log(meanValue)
        + px * Math.log(x) - (px + g.q) * Math.log(g.v + x * meanValue);
  }

  /** Whether a group takes part in the fit: repeat customers with a positive mean repeat value. */
  public static boolean usable(CustomerGroup group) {
    return group.frequency() > 0 && group.monetaryValue() > 0;
  }

  /** The total log-likelihood of the usable groups. */
  public static double logLikelihood(Params g, List<CustomerGroup> groups) {
    double sum = 0;
    for (CustomerGroup c : groups) {
      if (usable(c)) {
        sum += c.customers() * logLikelihood(g, c.frequency(), c.monetaryValue());
      }
    }
    return sum;
  }

  /** The maximum-likelihood parameters over the usable groups ({@link MaximumLikelihood}). */
  public static ModelFit<Params> fit(List<CustomerGroup> groups) {
    return fit(FrequencyBlocks.of(groups.stream().filter(GammaGamma::usable).toList()));
  }

  /** {@link #fit(List)} of usable groups already arranged ({@link FrequencyBlocks#spend}). */
  public static ModelFit<Params> fit(FrequencyBlocks blocks) {
    if (blocks.groups() == 0) {
      throw new IllegalArgumentException("no repeat customers with a positive spend to fit the Gamma-Gamma model to");
    }
    FrequencyBlocks sample = blocks.sample(MaximumLikelihood.WARM_START_GROUPS);
    long customers = blocks.customers();
    MaximumLikelihood.Result result = MaximumLikelihood.minimize(
        logParams -> -logLikelihood(fromLog(logParams), blocks) / customers,
        logParams -> BgNbd.scaledBy(logGradient(fromLog(logParams), blocks), -1.0 / customers),
        sample == null ? null : logParams -> -logLikelihood(fromLog(logParams), sample) / sample.customers(), 3);
    Params params = fromLog(result.logParams());
    return new ModelFit<>(params, logLikelihood(params, blocks), result.converged(), result.evaluations(),
        customers);
  }

  /**
   * The total log-likelihood of usable groups as {@link #logLikelihood(Params, List)}, with the terms
   * that depend on x alone evaluated once per frequency (Σ ln mₓ of a frequency is kept with it).
   */
  static double logLikelihood(Params g, FrequencyBlocks groups) {
    double perCustomerShared = -logGamma(g.q) + g.q * Math.log(g.v);
    List<FrequencyBlocks.Block> blocks = groups.blocks();
    double[] x = new double[blocks.size()];
    double[] exponent = new double[blocks.size()];
    double sum = 0;
    for (int k = 0; k < blocks.size(); k++) {
      FrequencyBlocks.Block block = blocks.get(k);
      x[k] = block.frequency();
      double px = g.p * x[k];
      exponent[k] = px + g.q;
      sum += block.totalCustomers() * (logGamma(px + g.q) - logGamma(px) + perCustomerShared + px * Math.log(x[k]))
          + (px - 1) * block.customersLogMonetaryValue();
    }
    int[] blockOf = groups.blockOf();
    double[] weight = groups.weights();
    double[] value = groups.monetaryValues();
    return sum - groups.weightedSum((from, to) -> {
      double slice = 0;
      for (int i = from; i < to; i++) {
        int k = blockOf[i];
        slice += weight[i] * (exponent[k] * Math.log(g.v + x[k] * value[i]));
      }
      return slice;
    });
  }

  /**
   * The gradient of the total log-likelihood of usable groups ({@link #logLikelihood(Params,
   * FrequencyBlocks)}) with respect to (ln p, ln q, ln v) — each partial derivative times its
   * parameter. Per customer, with ψ the digamma function:
   * <pre>
   *   ∂/∂p = x · (ψ(px+q) − ψ(px) + ln mₓ + ln x − ln(v + x mₓ))
   *   ∂/∂q = ψ(px+q) − ψ(q) + ln v − ln(v + x mₓ)
   *   ∂/∂v = q/v − (px+q)/(v + x mₓ)
   * </pre>
   * The digamma terms are taken once per frequency; each group adds its ln(v + x mₓ) and its reciprocal.
   */
  static double[] logGradient(Params g, FrequencyBlocks groups) {
    List<FrequencyBlocks.Block> blocks = groups.blocks();
    int n = blocks.size();
    double[] x = new double[n];
    double[] exponent = new double[n];
    double dp = 0;
    double dq = 0;
    double total = 0;
    double psiQ = digamma(g.q);
    double logV = Math.log(g.v);
    for (int k = 0; k < n; k++) {
      FrequencyBlocks.Block block = blocks.get(k);
      x[k] = block.frequency();
      double w = block.totalCustomers();
      double px = g.p * x[k];
      exponent[k] = px + g.q;
      double psiPxq = digamma(px + g.q);
      dp += x[k] * (w * (psiPxq - digamma(px) + Math.log(x[k])) + block.customersLogMonetaryValue());
      dq += w * (psiPxq - psiQ + logV);
      total += w;
    }
    int[] blockOf = groups.blockOf();
    double[] weight = groups.weights();
    double[] value = groups.monetaryValues();
    // [k]: Σ w ln(v + x mₓ) of block k; [n]: Σ w (px+q)/(v + x mₓ)
    double[] sums = groups.weightedSums(n + 1, (from, to, into) -> {
      for (int i = from; i < to; i++) {
        int k = blockOf[i];
        double denominator = g.v + x[k] * value[i];
        into[k] += weight[i] * Math.log(denominator);
        into[n] += weight[i] * exponent[k] / denominator;
      }
    });
    for (int k = 0; k < n; k++) {
      dp -= x[k] * sums[k];
      dq -= sums[k];
    }
    double dv = total * g.q / g.v - sums[n];
    return new double[] {g.p * dp, g.q * dq, g.v * dv};
  }

  private static Params fromLog(double[] logParams) {
    return new Params(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]));
  }

  /**
   * E[M | x, mₓ]: the expected value of the customer's future purchases, a weighted mean of the
   * population mean p·v/(q−1) and the customer's own mₓ, the weight on the latter p·x/(p·x+q−1)
   * growing with the number of purchases seen; for x = 0, the population mean. Defined for q &gt; 1.
   */
  public static double conditionalExpectedValue(Params g, double x, double meanValue) {
    if (!(g.q > 1)) {
      throw new IllegalArgumentException("the expected spend needs q > 1, the fit gave q = " + g.q);
    }
    double populationMean = g.p * g.v / (g.q - 1);
    if (x <= 0) {
      return populationMean;
    }
    double own = g.p * x / (g.p * x + g.q - 1);
    return (1 - own) * populationMean + own * meanValue;
  }
}
