package com.clientele.generate;

import com.clientele.config.ExportKind;

import java.util.Locale;
import java.util.Map;

/**
 * What a generator run wrote. Row counts are data lines (header excluded) over all files of a kind,
 * messy rows included, so they can be checked by counting lines; the mess counts say how many of those
 * lines carry each kind of injected mess, so an ingest test can compare its quarantine against them.
 *
 * @param customerRows             lines in all customers files (new customers, changed customers, mess)
 * @param transactionRows          lines in all transactions files
 * @param interactionRows          lines in all interactions files
 * @param referralRows             lines in all referrals files
 * @param customers                distinct customers generated (leads included) = the requested number
 * @param leads                    customers who never bought up to the last daily drop
 * @param customerChanges          rows re-exporting an existing customer with changed attributes (daily drops)
 * @param messDuplicateRows        exact duplicate lines (extra lines)
 * @param messBadDates             unparseable required dates/timestamps
 * @param messBadAmounts           unparseable amounts
 * @param messNegativeSales        sales with a negative amount
 * @param messUnknownCustomers     transactions/interactions referencing a customer that exists nowhere
 * @param messMissingCustomerIds   rows with an empty customer id
 * @param messWrongColumnCounts    rows with one column too few or too many
 * @param messDuplicateKeyConflicts transaction ids reused with different content (extra lines)
 * @param messByKind               the same mess counts split by export kind, keys {@code <kind>.<mess>}
 *                                 (e.g. {@code transactions.bad_date}), sorted, all combinations present
 * @param filesWritten             CSV files written (the manifest not included)
 * @param paymentUpdateRows        transaction lines exported again, with their paid date, on the day they
 *                                 were paid (they were first exported unpaid; counted in transactionRows)
 */
public record GenerationSummary(long customerRows, long transactionRows, long interactionRows, long referralRows,
                                int customers, int leads, long customerChanges,
                                long messDuplicateRows, long messBadDates, long messBadAmounts,
                                long messNegativeSales, long messUnknownCustomers, long messMissingCustomerIds,
                                long messWrongColumnCounts, long messDuplicateKeyConflicts,
                                Map<String, Long> messByKind, int filesWritten, long paymentUpdateRows) {

    public GenerationSummary {
        messByKind = Map.copyOf(messByKind);
    }

    /** Data lines written for one export kind. */
    public long rows(ExportKind kind) {
        return switch (kind) {
            case CUSTOMERS -> customerRows;
            case TRANSACTIONS -> transactionRows;
            case INTERACTIONS -> interactionRows;
            case REFERRALS -> referralRows;
        };
    }

    /** Messy lines of one mess kind in one export kind. */
    public long mess(ExportKind kind, MessKind mess) {
        return messByKind.getOrDefault(key(kind, mess), 0L);
    }

    /** Messy lines in one export kind. */
    public long messRows(ExportKind kind) {
        long n = 0;
        for (MessKind m : MessKind.values()) {
            n += mess(kind, m);
        }
        return n;
    }

    /** All messy lines. */
    public long messTotal() {
        return messDuplicateRows + messBadDates + messBadAmounts + messNegativeSales + messUnknownCustomers
                + messMissingCustomerIds + messWrongColumnCounts + messDuplicateKeyConflicts;
    }

    /** All data lines. */
    public long totalRows() {
        return customerRows + transactionRows + interactionRows + referralRows;
    }

    static String key(ExportKind kind, MessKind mess) {
        return kind.label() + "." + mess.label();
    }

    /** A short human summary, e.g. for the CLI. */
    public String describe() {
        return String.format(Locale.ROOT,
                "%d customers (%d leads), %d customer rows (%d changes), %d transactions, %d interactions, "
                        + "%d referrals in %d files; %d messy rows (%.2f%%): %d duplicates, %d bad dates, "
                        + "%d bad amounts, %d negative sales, %d unknown customers, %d missing customer ids, "
                        + "%d wrong column counts, %d duplicate-key conflicts",
                customers, leads, customerRows, customerChanges, transactionRows, interactionRows, referralRows,
                filesWritten, messTotal(), totalRows() == 0 ? 0.0 : 100.0 * messTotal() / totalRows(),
                messDuplicateRows, messBadDates, messBadAmounts, messNegativeSales, messUnknownCustomers,
                messMissingCustomerIds, messWrongColumnCounts, messDuplicateKeyConflicts);
    }

    @Override
    public String toString() {
        return describe();
    }
}
