package com.clientele.generate;

/**
 * The kinds of deliberately broken rows the generator injects so that the ingest's quarantine can be
 * tested against known counts. Each messy row carries exactly one of these.
 */
public enum MessKind {
    /** An exact copy of the previous line (same file, next line). Extra row. */
    DUPLICATE_ROW("duplicate_row"),
    /** The required date/timestamp is unparseable ({@code 2026-13-45}, {@code not a date}). */
    BAD_DATE("bad_date"),
    /** The transaction amount is unparseable ({@code 12,3.4x}, {@code abc}). */
    BAD_AMOUNT("bad_amount"),
    /** A {@code sale} with a negative amount. */
    NEGATIVE_SALE("negative_sale"),
    /** A transaction or interaction referencing a customer id that exists nowhere ({@code C999999x}). */
    UNKNOWN_CUSTOMER("unknown_customer"),
    /** The customer id is empty. */
    MISSING_CUSTOMER_ID("missing_customer_id"),
    /** One column too few or one too many. */
    WRONG_COLUMN_COUNT("wrong_column_count"),
    /** A transaction id written a second time with different content (right after the original). Extra row. */
    DUPLICATE_KEY_CONFLICT("duplicate_key_conflict");

    private final String label;

    MessKind(String label) {
        this.label = label;
    }

    /** snake_case name used in the manifest. */
    public String label() {
        return label;
    }
}
