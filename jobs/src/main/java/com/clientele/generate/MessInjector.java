package com.clientele.generate;

import com.clientele.config.ExportKind;

import static com.clientele.generate.MessKind.BAD_AMOUNT;
import static com.clientele.generate.MessKind.BAD_DATE;
import static com.clientele.generate.MessKind.DUPLICATE_KEY_CONFLICT;
import static com.clientele.generate.MessKind.DUPLICATE_ROW;
import static com.clientele.generate.MessKind.MISSING_CUSTOMER_ID;
import static com.clientele.generate.MessKind.NEGATIVE_SALE;
import static com.clientele.generate.MessKind.UNKNOWN_CUSTOMER;
import static com.clientele.generate.MessKind.WRONG_COLUMN_COUNT;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * Writes rows, turning a {@code share} of them into messy rows with exactly one defect each, and
 * counts every defect so tests can check the ingest's quarantine against them.
 *
 * <p>Transactions, interactions and referrals are <em>replaced</em> by their messy version (the clean
 * row is lost, as in a real broken export), except duplicates and duplicate-key conflicts, which are
 * extra lines after the clean one. Customers are different: their messy row is always an extra line
 * next to the clean one, so no customer ever goes missing and no transaction gets quarantined as
 * "unknown customer" by accident — every quarantined row maps to exactly one counted mess.
 *
 * <p>It draws from its own stream, so the clean data does not depend on the messy share.
 */
final class MessInjector {
    static final long STREAM_MESS = 5;

    private static final MessKind[] FOR_CUSTOMERS = {DUPLICATE_ROW, BAD_DATE, MISSING_CUSTOMER_ID, WRONG_COLUMN_COUNT};
    private static final MessKind[] FOR_SALES = MessKind.values();
    private static final MessKind[] FOR_REFUNDS = {DUPLICATE_ROW, BAD_DATE, BAD_AMOUNT, UNKNOWN_CUSTOMER,
            MISSING_CUSTOMER_ID, WRONG_COLUMN_COUNT, DUPLICATE_KEY_CONFLICT};
    private static final MessKind[] FOR_INTERACTIONS = {DUPLICATE_ROW, BAD_DATE, UNKNOWN_CUSTOMER,
            MISSING_CUSTOMER_ID, WRONG_COLUMN_COUNT};
    private static final MessKind[] FOR_REFERRALS = {DUPLICATE_ROW, BAD_DATE, WRONG_COLUMN_COUNT};
    private static final String[] BAD_DATES = {"2026-13-45", "not a date"};
    private static final String[] BAD_TIMESTAMPS = {"2026-13-45 25:61:00", "not a date"};
    private static final String[] BAD_AMOUNTS = {"12,3.4x", "abc"};

    private final SplittableRandom rnd;
    private final double share;
    private final long[][] counts = new long[ExportKind.values().length][MessKind.values().length];
    private final String[] scratch = new String[32];

    MessInjector(long seed, double share) {
        this.rnd = new SplittableRandom(ReplayableRandom.seedFor(seed, STREAM_MESS, 0));
        this.share = share;
    }

    /** How many rows of {@code kind} got {@code mess}. */
    long count(ExportKind kind, MessKind mess) {
        return counts[kind.ordinal()][mess.ordinal()];
    }

    /**
     * Writes one logical row (fields of {@code kind}, canonical count), possibly messed up.
     *
     * @param sale for transactions: whether the row is a sale (only sales can get a negative amount)
     * @return the mess the row got, or null when it was written as it is
     */
    MessKind write(ExportKind kind, CsvWriter out, String[] f, boolean sale) throws IOException {
        int n = kind.columns().size();
        if (share <= 0 || rnd.nextDouble() >= share) {
            out.writeRow(f, n);
            return null;
        }
        MessKind[] options = switch (kind) {
            case CUSTOMERS -> FOR_CUSTOMERS;
            case TRANSACTIONS -> sale ? FOR_SALES : FOR_REFUNDS;
            case INTERACTIONS -> FOR_INTERACTIONS;
            case REFERRALS -> FOR_REFERRALS;
        };
        MessKind mess = options[rnd.nextInt(options.length)];
        counts[kind.ordinal()][mess.ordinal()]++;
        boolean extraLine = kind == ExportKind.CUSTOMERS || mess == DUPLICATE_ROW || mess == DUPLICATE_KEY_CONFLICT;
        if (extraLine) {
            out.writeRow(f, n);
        }
        String[] m = scratch;
        System.arraycopy(f, 0, m, 0, n);
        switch (mess) {
            case DUPLICATE_ROW -> out.writeRow(m, n);
            case BAD_DATE -> {
                boolean timestamp = kind == ExportKind.INTERACTIONS;
                m[MessInjector.dateColumn(kind)] = (timestamp ? BAD_TIMESTAMPS : BAD_DATES)[rnd.nextInt(2)];
                out.writeRow(m, n);
            }
            case BAD_AMOUNT -> {
                m[3] = BAD_AMOUNTS[rnd.nextInt(2)];
                out.writeRow(m, n);
            }
            case NEGATIVE_SALE -> {
                BigDecimal amount = new BigDecimal(m[3]);
                if (amount.signum() == 0) {
                    amount = BigDecimal.ONE.setScale(2);
                }
                m[3] = amount.abs().negate().toPlainString();
                out.writeRow(m, n);
            }
            case UNKNOWN_CUSTOMER -> {
                m[MessInjector.customerColumn(kind)] = "C" + (900_000 + rnd.nextInt(100_000)) + "x";
                out.writeRow(m, n);
            }
            case MISSING_CUSTOMER_ID -> {
                m[MessInjector.customerColumn(kind)] = "";
                out.writeRow(m, n);
            }
            case WRONG_COLUMN_COUNT -> {
                if (rnd.nextBoolean()) {
                    out.writeRow(m, n - 1);
                } else {
                    m[n] = "extra";
                    out.writeRow(m, n + 1);
                }
            }
            case DUPLICATE_KEY_CONFLICT -> {
                BigDecimal amount = new BigDecimal(m[3]).abs();
                BigDecimal bump = BigDecimal.valueOf(100 + rnd.nextInt(5000), 2);
                m[3] = amount.add(bump).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
                m[5] = "";
                out.writeRow(m, n);
            }
        }
        return mess;
    }

    /** Index of the required date/timestamp column: the one a "bad date" mess garbles. */
    static int dateColumn(ExportKind kind) {
        return switch (kind) {
            case CUSTOMERS -> kind.columns().indexOf("registered_date");
            case TRANSACTIONS -> kind.columns().indexOf("transaction_date");
            case INTERACTIONS -> kind.columns().indexOf("received_at");
            case REFERRALS -> kind.columns().indexOf("referral_date");
        };
    }

    /** Index of the (first) customer id column: the one a "missing/unknown customer" mess blanks or fakes. */
    static int customerColumn(ExportKind kind) {
        return kind == ExportKind.REFERRALS ? kind.columns().indexOf("referrer_customer_id")
                : kind.columns().indexOf("customer_id");
    }
}
