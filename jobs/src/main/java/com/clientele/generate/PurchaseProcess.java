package com.clientele.generate;

import java.util.stream.IntStream;

/**
 * The BG/NBD-like purchase process of one customer: while alive, purchases arrive as a Poisson process
 * with the customer's rate; after each purchase the customer may drop out for good, more likely after
 * a complaint that stays unresolved. Each purchase also decides (from the same customer stream) whether
 * it has a second line, is later partly refunded and draws a complaint.
 *
 * <p>One scalar {@code intensity} scales all rates up and drop-out chances down; {@link #calibrate}
 * finds the intensity that yields the requested number of transaction rows by replaying every
 * customer's stream (common random numbers make the count monotone in the intensity), without writing
 * or keeping anything.
 */
final class PurchaseProcess {
    /** Outcome of one purchase. Mutable and reused, to stay allocation-free at 10M purchases. */
    static final class Step {
        int lines;
        boolean refund;
        int refundDelay;
        boolean complaint;
        boolean unresolved;
        boolean dropped;
        double nextTime;
    }

    private static final double SECOND_LINE = 0.15;
    private static final double REFUND = 0.022;
    private static final double COMPLAINT = 0.05;
    private static final double UNRESOLVED = 0.3;
    private static final double UNRESOLVED_CHURN_FACTOR = 3.0;
    private static final int CHUNKS = 64;

    private final CustomerPopulation pop;
    private final int endDay;
    private final double intensity;
    private final double dropoutScale;

    /** @param endDay first day after the horizon (purchases on or after it are not generated) */
    PurchaseProcess(CustomerPopulation pop, int endDay, double intensity) {
        this.pop = pop;
        this.endDay = endDay;
        this.intensity = intensity;
        this.dropoutScale = 1.0 / Math.sqrt(Math.max(intensity, 1e-12));
    }

    double intensity() {
        return intensity;
    }

    /** False when no transactions were requested: nobody buys. */
    boolean enabled() {
        return intensity > 0;
    }

    /**
     * Draws what happens at the purchase at time {@code t} (days since history start) and when the next
     * one comes. Consumes only {@code rnd}, the customer's own stream.
     */
    void step(int i, double t, boolean unresolvedBefore, ReplayableRandom rnd, Step out) {
        out.lines = rnd.chance(SECOND_LINE) ? 2 : 1;
        out.refund = rnd.chance(REFUND);
        out.refundDelay = 1 + rnd.nextInt(20);
        out.complaint = rnd.chance(COMPLAINT);
        out.unresolved = out.complaint && rnd.chance(UNRESOLVED);
        double p = pop.dropout[i] * dropoutScale;
        if (unresolvedBefore || out.unresolved) {
            p *= UNRESOLVED_CHURN_FACTOR;
        }
        out.dropped = rnd.chance(Math.min(p, 0.95));
        out.nextTime = t + rnd.exponential() / (pop.rate[i] * intensity);
    }

    /** Transaction rows (lines and refunds) customer {@code i} will produce; stops early past {@code cap}. */
    long rowsOf(int i, ReplayableRandom rnd, Step step, long cap) {
        float first = pop.firstPurchase[i];
        if (!enabled() || Float.isNaN(first) || first >= endDay) {
            return 0;
        }
        rnd.state = pop.lifeState[i];
        double t = first;
        boolean unresolved = false;
        long rows = 0;
        while (rows <= cap) {
            step(i, t, unresolved, rnd, step);
            rows += step.lines;
            if (step.refund && (int) t + step.refundDelay < endDay) {
                rows++;
            }
            unresolved |= step.unresolved;
            if (step.dropped || step.nextTime >= endDay) {
                break;
            }
            t = step.nextTime;
        }
        return rows;
    }

    /** Total transaction rows at this intensity, or a number above {@code cap} if it exceeds it. */
    long totalRows(long cap) {
        int n = pop.size;
        return IntStream.range(0, CHUNKS).parallel().mapToLong(c -> {
            ReplayableRandom rnd = new ReplayableRandom();
            Step step = new Step();
            long sum = 0;
            for (int i = (int) ((long) n * c / CHUNKS), end = (int) ((long) n * (c + 1) / CHUNKS); i < end; i++) {
                sum += rowsOf(i, rnd, step, cap);
                if (sum > cap) {
                    return cap + 1;
                }
            }
            return sum;
        }).sum();
    }

    /**
     * The process whose transaction rows come closest to {@code target}: a bracketing search on the
     * log of the intensity with interpolation, stopping within 0.5 %.
     */
    static PurchaseProcess calibrate(CustomerPopulation pop, int endDay, long target) {
        if (target <= 0) {
            return new PurchaseProcess(pop, endDay, 0);
        }
        long cap = target * 4;
        double lo = 0, hi = Double.POSITIVE_INFINITY;
        long loRows = 0, hiRows = 0;
        double c = 1.0;
        double best = c;
        long bestErr = Long.MAX_VALUE;
        for (int iter = 0; iter < 60; iter++) {
            long rows = new PurchaseProcess(pop, endDay, c).totalRows(cap);
            long err = Math.abs(rows - target);
            if (err < bestErr) {
                bestErr = err;
                best = c;
            }
            if (err <= target / 200) {
                break;
            }
            if (rows < target) {
                lo = c;
                loRows = rows;
            } else {
                hi = c;
                hiRows = rows;
            }
            double next;
            if (hi == Double.POSITIVE_INFINITY) {
                next = c * (rows == 0 ? 10 : Math.min(10, Math.max(1.05, (double) target / rows)));
            } else if (lo == 0) {
                next = c * Math.max(0.1, Math.min(0.95, (double) target / Math.min(rows, cap)));
            } else {
                double fLo = Math.log(Math.max(loRows, 1)), fHi = Math.log(Math.min(hiRows, cap));
                double w = fHi > fLo ? (Math.log(target) - fLo) / (fHi - fLo) : 0.5;
                w = Math.min(0.9, Math.max(0.1, w));
                next = Math.exp(Math.log(lo) + w * (Math.log(hi) - Math.log(lo)));
            }
            if (next > 1e9 || (hi != Double.POSITIVE_INFINITY && hi / lo < 1 + 1e-9)) {
                break;
            }
            c = next;
        }
        return new PurchaseProcess(pop, endDay, best);
    }
}
