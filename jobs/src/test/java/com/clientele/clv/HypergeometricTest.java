package com.clientele.clv;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * ₂F₁ against the closed forms tabulated in Abramowitz &amp; Stegun, chapter 15 (15.1.3, 15.1.9, 15.1.10,
 * 15.1.11) and a terminating series worked by hand, on both of {@link Hypergeometric}'s paths (the
 * plain series, and Euler's transformation for z &gt; ½ with c − a − b &lt; 0).
 */
class HypergeometricTest {

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void logarithmFormOnBothSidesOfZero() {
    // 15.1.3: F(1, 1; 2; z) = -ln(1 - z) / z (c - a - b = 0: the plain series even close to 1)
    for (double z : new double[] {-0.9, -0.3, 0.1, 0.5, 0.75, 0.9, 0.99}) {
      close(-Math.log1p(-z) / z, Hypergeometric.f21(1, 1, 2, z), "F(1,1;2;" + z + ")");
    }
  }

  @Test
  void eulerPathAgainstClosedForms() {
    // 15.1.10: F(a, a + 1/2; 1/2; z^2) = ((1 + z)^(-2a) + (1 - z)^(-2a)) / 2, c - a - b = -2a < 0
    for (double[] az : new double[][] {{0.75, 0.95}, {0.3, 0.8}, {2.2, 0.9}, {0.75, 0.5}}) {
      double a = az[0];
      double z = az[1];
      double expected = (Math.pow(1 + z, -2 * a) + Math.pow(1 - z, -2 * a)) / 2;
      close(expected, Hypergeometric.f21(a, a + 0.5, 0.5, z * z), "15.1.10 a=" + a + " z=" + z);
    }
    // 15.1.9: F(a, a + 1/2; 3/2; z^2) = ((1 + z)^(1-2a) - (1 - z)^(1-2a)) / (2z(1 - 2a)), c - a - b = 1 - 2a
    for (double[] az : new double[][] {{1.3, 0.9}, {3.1, 0.97}, {0.2, 0.9}}) {
      double a = az[0];
      double z = az[1];
      double expected = (Math.pow(1 + z, 1 - 2 * a) - Math.pow(1 - z, 1 - 2 * a)) / (2 * z * (1 - 2 * a));
      close(expected, Hypergeometric.f21(a, a + 0.5, 1.5, z * z), "15.1.9 a=" + a + " z=" + z);
    }
  }

  @Test
  void negativeArgument() {
    // 15.1.11: F(-a, a; 1/2; -z^2) = ((sqrt(1 + z^2) + z)^(2a) + (sqrt(1 + z^2) - z)^(2a)) / 2
    double a = 0.7;
    double z = 0.8;
    double root = Math.sqrt(1 + z * z);
    close((Math.pow(root + z, 2 * a) + Math.pow(root - z, 2 * a)) / 2, Hypergeometric.f21(-a, a, 0.5, -z * z),
        "15.1.11");
  }

  @Test
  void terminatingSeriesIsAPolynomial() {
    // F(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1)): two terms after 1, then every term is 0
    double b = 1.7;
    double c = 2.9;
    double z = 0.95;
    close(1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)), Hypergeometric.f21(-2, b, c, z), "F(-2,b;c;z)");
  }

  @Test
  void refusesWhatItDoesNotEvaluate() {
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.f21(1, 1, 2, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.f21(1, 1, 2, -1.0));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.f21(1, 1, -2, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.f21(1, 1, 2, Double.NaN));
  }
}
