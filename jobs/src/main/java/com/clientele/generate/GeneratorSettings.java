package com.clientele.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What to generate. The same settings always produce byte-identical files.
 *
 * @param seed          seed of every random choice
 * @param customers     customers (leads included) written over the initial load and the daily drops, exactly
 * @param transactions  clean transaction rows wanted in total (sales and refunds); reached within a few percent
 * @param historyStart  first day of the history in the initial load
 * @param historyEnd    last day of the initial load; also its folder date
 * @param dailyDrops    number of daily increments after {@code historyEnd}
 * @param messyShare    share of rows that carry one injected mess (0 for clean data)
 * @param filesPerKind  files each export is split into ({@code 1}: {@code transactions.csv}; more: parts)
 */
public record GeneratorSettings(long seed, int customers, long transactions, LocalDate historyStart,
                                LocalDate historyEnd, int dailyDrops, double messyShare, int filesPerKind) {

    public static final int MAX_CUSTOMERS = 50_000_000;
    /** Average transactions per customer beyond which the purchase model stops being believable. */
    public static final int MAX_TRANSACTIONS_PER_CUSTOMER = 10_000;
    public static final int MAX_HISTORY_DAYS = 20 * 366;
    public static final int MAX_DAILY_DROPS = 366;
    public static final double MAX_MESSY_SHARE = 0.5;
    /** Bounded because all parts of one folder are open at once. */
    public static final int MAX_FILES_PER_KIND = 1000;

    /** The defaults of the {@code generate} command: a small but complete landing folder. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(42L, 300, 3000L, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 31), 5, 0.02, 1);
    }

    public GeneratorSettings withSeed(long v) {
        return new GeneratorSettings(v, customers, transactions, historyStart, historyEnd, dailyDrops, messyShare, filesPerKind);
    }

    public GeneratorSettings withCustomers(int v) {
        return new GeneratorSettings(seed, v, transactions, historyStart, historyEnd, dailyDrops, messyShare, filesPerKind);
    }

    public GeneratorSettings withTransactions(long v) {
        return new GeneratorSettings(seed, customers, v, historyStart, historyEnd, dailyDrops, messyShare, filesPerKind);
    }

    public GeneratorSettings withHistory(LocalDate start, LocalDate end) {
        return new GeneratorSettings(seed, customers, transactions, start, end, dailyDrops, messyShare, filesPerKind);
    }

    public GeneratorSettings withDailyDrops(int v) {
        return new GeneratorSettings(seed, customers, transactions, historyStart, historyEnd, v, messyShare, filesPerKind);
    }

    public GeneratorSettings withMessyShare(double v) {
        return new GeneratorSettings(seed, customers, transactions, historyStart, historyEnd, dailyDrops, v, filesPerKind);
    }

    public GeneratorSettings withFilesPerKind(int v) {
        return new GeneratorSettings(seed, customers, transactions, historyStart, historyEnd, dailyDrops, messyShare, v);
    }

    /**
     * Checks every setting and reports all problems at once.
     *
     * @return this, for chaining
     * @throws IllegalArgumentException naming each bad setting, its value and the allowed range
     */
    public GeneratorSettings validate() {
        List<String> problems = new ArrayList<>();
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            problems.add("customers must be between 1 and " + MAX_CUSTOMERS + " (was " + customers + ")");
        }
        if (transactions < 0) {
            problems.add("transactions must not be negative (was " + transactions + ")");
        } else if (customers >= 1 && transactions > (long) customers * MAX_TRANSACTIONS_PER_CUSTOMER) {
            problems.add("transactions must be at most " + MAX_TRANSACTIONS_PER_CUSTOMER
                    + " per customer on average (was " + transactions + " for " + customers + " customers)");
        }
        if (historyStart == null) {
            problems.add("historyStart must be set");
        }
        if (historyEnd == null) {
            problems.add("historyEnd must be set");
        }
        if (historyStart != null && historyEnd != null) {
            if (historyEnd.isBefore(historyStart)) {
                problems.add("historyEnd (" + historyEnd + ") must not be before historyStart (" + historyStart + ")");
            } else if (ChronoUnit.DAYS.between(historyStart, historyEnd) >= MAX_HISTORY_DAYS) {
                problems.add("the history from historyStart (" + historyStart + ") to historyEnd (" + historyEnd
                        + ") must span fewer than " + MAX_HISTORY_DAYS + " days");
            }
            if (historyStart.getYear() < 1900 || historyEnd.getYear() > 9000) {
                problems.add("historyStart and historyEnd must lie between the years 1900 and 9000 (were "
                        + historyStart + " and " + historyEnd + ")");
            }
        }
        if (dailyDrops < 0 || dailyDrops > MAX_DAILY_DROPS) {
            problems.add("dailyDrops must be between 0 and " + MAX_DAILY_DROPS + " (was " + dailyDrops + ")");
        }
        if (!(messyShare >= 0 && messyShare <= MAX_MESSY_SHARE)) {
            problems.add("messyShare must be between 0 and " + MAX_MESSY_SHARE + " (was " + messyShare + ")");
        }
        if (filesPerKind < 1 || filesPerKind > MAX_FILES_PER_KIND) {
            problems.add("filesPerKind must be between 1 and " + MAX_FILES_PER_KIND + " (was " + filesPerKind + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid generator settings: " + String.join("; ", problems));
        }
        return this;
    }

    /** Days from historyStart to historyEnd, both included. */
    int historyDays() {
        return (int) ChronoUnit.DAYS.between(historyStart, historyEnd) + 1;
    }

    /** Days covered by the initial load and all daily drops. */
    int totalDays() {
        return historyDays() + dailyDrops;
    }
}
