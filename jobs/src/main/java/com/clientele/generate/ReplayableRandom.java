package com.clientele.generate;

import java.util.SplittableRandom;

/**
 * A SplitMix64 stream (the algorithm behind {@link SplittableRandom}) whose whole state is one
 * {@code long}. Each customer's life is driven by its own stream whose state is parked in a
 * {@code long[]} between events: that is what lets the transaction-count calibration replay every
 * customer's purchase process with the same random numbers as the real run, at 8 bytes per customer.
 * Also the home of the few distributions the models need.
 */
final class ReplayableRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Current state; read and write it to park/resume a stream. */
    long state;

    ReplayableRandom() {
    }

    ReplayableRandom(long state) {
        this.state = state;
    }

    /** A well-mixed seed for stream {@code stream}, element {@code index}, of the run seeded with {@code seed}. */
    static long seedFor(long seed, long stream, long index) {
        return mix64(mix64(seed + GOLDEN * (stream + 1)) ^ (index * 0xD1B54A32D192ED03L + stream));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return mix64(state += GOLDEN);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), bound &gt; 0 (the tiny modulo bias is irrelevant here). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 1) % bound);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard exponential. */
    double exponential() {
        return -Math.log(1.0 - nextDouble());
    }

    /** Standard normal (Box–Muller, one value per call so the draw count is fixed). */
    double normal() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Gamma(shape, 1) by Marsaglia–Tsang, boosted for shape &lt; 1. */
    double gamma(double shape) {
        if (shape < 1.0) {
            double g = gamma(shape + 1.0);
            return g * Math.pow(1.0 - nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = normal();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Beta(a, b) from two gammas. */
    double beta(double a, double b) {
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }

    /** Index drawn from non-negative weights. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }
}
