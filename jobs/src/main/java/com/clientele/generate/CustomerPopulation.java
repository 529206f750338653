package com.clientele.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Who the customers are, as flat per-customer arrays (about 40 bytes a customer, so a million fit
 * easily): registration day, nature, the hidden behaviour parameters of the purchase model and the
 * parked state of each customer's own random stream. Customer {@code i} has id {@code C<i+1>}; ids are
 * given in registration order, as a company numbers its customers.
 *
 * <p>Heterogeneity is what makes the analytics interesting: purchase rates are gamma-distributed and
 * drop-out chances beta-distributed (the BG/NBD assumptions), typical spend is log-normal around a
 * nature-dependent level (government and enterprise buy big), so loyal, lapsing and churned customers
 * and a real revenue Pareto curve all emerge.
 */
final class CustomerPopulation {
    static final int GOVERNMENT = 0;
    static final int ENTERPRISE = 1;
    static final int INDIVIDUAL = 2;
    static final int GROUP = 3;
    static final int PARTNER = 4;

    static final int LEAD = 1;
    static final int REFERRED = 2;
    static final int CHINESE_STYLE = 4;
    static final int CHINESE_LABELS = 8;

    static final long STREAM_REGISTRATION = 1;
    static final long STREAM_LIFE = 2;

    private static final double[] NATURE_SHARE = {0.06, 0.22, 0.55, 0.08, 0.09};
    private static final double[] NATURE_RATE = {0.6, 1.2, 1.0, 0.7, 1.6};
    private static final double[] NATURE_DROPOUT = {0.7, 0.8, 1.1, 1.2, 0.6};
    private static final double[] NATURE_SPEND_YUAN = {3000, 2000, 350, 600, 1500};
    /** Mean days between purchases of an average customer, before calibration. */
    private static final double BASE_GAP_DAYS = 25;
    /** Referral needs earlier buyers, so nobody in the first days comes by referral. */
    private static final int FIRST_REFERRAL_DAY = 21;

    final int size;
    final int[] regDay;
    final byte[] nature;
    final byte[] traits;
    final float[] rate;
    final float[] dropout;
    final float[] spendCents;
    /** Time (days since history start, fractional) of the first purchase; NaN for a lead. */
    final float[] firstPurchase;
    final byte[] favouriteCategory;
    /** Parked state of each customer's purchase-process stream, right after the draws made here. */
    final long[] lifeState;

    CustomerPopulation(GeneratorSettings s) {
        size = s.customers();
        int days = s.totalDays();
        regDay = registrationDays(s.seed(), size, days);
        nature = new byte[size];
        traits = new byte[size];
        rate = new float[size];
        dropout = new float[size];
        spendCents = new float[size];
        firstPurchase = new float[size];
        favouriteCategory = new byte[size];
        lifeState = new long[size];
        ReplayableRandom r = new ReplayableRandom();
        for (int i = 0; i < size; i++) {
            r.state = ReplayableRandom.seedFor(s.seed(), STREAM_LIFE, i);
            int n = r.weighted(NATURE_SHARE);
            nature[i] = (byte) n;
            boolean referred = regDay[i] >= FIRST_REFERRAL_DAY && r.chance(0.22);
            boolean lead = r.chance(referred ? 0.20 : 0.06);
            int t = (referred ? REFERRED : 0) | (lead ? LEAD : 0);
            if (r.chance(0.6)) {
                t |= CHINESE_STYLE;
            }
            if (r.chance(0.3)) {
                t |= CHINESE_LABELS;
            }
            traits[i] = (byte) t;
            double shape = 0.9;
            rate[i] = (float) (r.gamma(shape) / shape * NATURE_RATE[n] * (referred ? 1.1 : 1.0) / BASE_GAP_DAYS);
            dropout[i] = (float) (r.beta(1.3, 7.0) * NATURE_DROPOUT[n] * (referred ? 0.75 : 1.0));
            spendCents[i] = (float) (NATURE_SPEND_YUAN[n] * 100 * Math.exp(0.6 * r.normal() - 0.18));
            double delay = r.exponential() * 10.0;
            firstPurchase[i] = lead ? Float.NaN : (float) (regDay[i] + delay);
            favouriteCategory[i] = (byte) r.nextInt(Vocabulary.CATEGORY_EN.length);
            lifeState[i] = r.state;
        }
    }

    /** Registration days over the whole span, growing slowly (density 1 + 0.6x), sorted. */
    private static int[] registrationDays(long seed, int n, int days) {
        SplittableRandom r = new SplittableRandom(ReplayableRandom.seedFor(seed, STREAM_REGISTRATION, 0));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            double x = (-1.0 + Math.sqrt(1.0 + 1.2 * 1.3 * u)) / 0.6;
            out[i] = Math.min(days - 1, (int) (x * days));
        }
        Arrays.sort(out);
        return out;
    }

    boolean has(int i, int trait) {
        return (traits[i] & trait) != 0;
    }

    boolean isOrganisation(int i) {
        return nature[i] != INDIVIDUAL;
    }
}
