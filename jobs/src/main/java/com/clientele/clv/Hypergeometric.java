package com.clientele.clv;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and −1 &lt; z &lt; 1, which the
 * BG/NBD model's expected purchases need ({@link BgNbd}).
 *
 * <p>Method (Abramowitz &amp; Stegun, Handbook of Mathematical Functions, 1964):
 * <ol>
 *   <li>the power series 15.1.1, Σₙ (a)ₙ(b)ₙ / (c)ₙ · zⁿ / n!, each term obtained from the previous one
 *       by the ratio (a+n)(b+n) z / ((c+n)(n+1)); summation stops once n is past the parameters (from
 *       there on the ratio's magnitude tends to |z| &lt; 1) and the term is below 10⁻¹⁷·(1−|z|) of the sum,
 *       which bounds the neglected tail by about 10⁻¹⁷ of the sum; a zero term (a or b a non-positive
 *       integer) ends the series exactly (a polynomial);</li>
 *   <li>for z &gt; ½ with c − a − b &lt; 0, where the function grows like (1−z)^(c−a−b) and the plain
 *       series sums ever larger terms, Euler's transformation 15.3.3 first:
 *       ₂F₁(a, b; c; z) = (1−z)^(c−a−b) · ₂F₁(c−a, c−b; c; z), whose series stays bounded up to z = 1.</li>
 * </ol>
 * z = 1 (and |z| ≥ 1) is outside what the model needs and is refused, as is c a non-positive integer
 * (the function is not defined there).
 */
public final class Hypergeometric {

  private Hypergeometric() {}

  /** More terms than this means the arguments are far outside what the models produce. */
  static final int MAX_TERMS = 2_000_000;

  /** ₂F₁(a, b; c; z) for −1 &lt; z &lt; 1. */
  public static double f21(double a, double b, double c, double z) {
    if (!(z > -1 && z < 1)) {
      throw new IllegalArgumentException("2F1 is evaluated for -1 < z < 1 only, not z = " + z);
    }
    if (c <= 0 && c == Math.rint(c)) {
      throw new IllegalArgumentException("2F1 is undefined for c = " + c + " (a non-positive integer)");
    }
    if (z > 0.5 && c - a - b < 0) {
      return Math.pow(1 - z, c - a - b) * series(c - a, c - b, c, z);
    }
    return series(a, b, c, z);
  }

  /** The power series 15.1.1. */
  static double series(double a, double b, double c, double z) {
    double threshold = 1e-17 * (1 - Math.abs(z));
    double past = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c))) + 1;
    double term = 1;
    double sum = 1;
    for (int n = 0; n < MAX_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (term == 0 || (n > past && Math.abs(term) <= threshold * Math.abs(sum))) {
        return sum;
      }
    }
    throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
        + MAX_TERMS + " terms");
  }
}
