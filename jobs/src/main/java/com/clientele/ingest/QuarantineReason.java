package com.clientele.ingest;

import java.util.Locale;

/**
 * Why an input row went to {@code silver.quarantine} instead of silver. The code (lower case) is
 * what the table stores; docs/ingest.md lists them with examples.
 */
public enum QuarantineReason {
  /** The row has more or fewer fields than the header. */
  WRONG_COLUMN_COUNT,
  /** A quoted CSV field is never closed before the end of the file. */
  UNTERMINATED_QUOTE,
  /** A JSON Lines line is not a JSON object. */
  MALFORMED_JSON,
  /** The line has bytes that are not valid in the file's encoding. */
  INVALID_ENCODING,
  /** The file's header lacks a column its source requires (every row of that file). */
  MISSING_REQUIRED_COLUMN,
  /** The file's header names a column twice, so its values are ambiguous (every row of that file). */
  DUPLICATE_COLUMN,
  /** A field longer than {@link ExportFileReader#MAX_FIELD_CHARS} characters. */
  VALUE_TOO_LONG,
  /** An identifying value (customer id, record id) is empty. */
  MISSING_KEY,
  /** Another required value (a date, an amount, a type) is empty. */
  MISSING_VALUE,
  /** A date matches none of the source's date patterns, or is not a real day. */
  UNPARSEABLE_DATE,
  /** A timestamp matches none of the source's timestamp patterns. */
  UNPARSEABLE_TIMESTAMP,
  /** An event dated after the day of the file that delivers it (a transaction of tomorrow). */
  FUTURE_DATE,
  /** An amount is not a decimal number with at most two decimals. */
  UNPARSEABLE_AMOUNT,
  /** A count or score is not a whole number. */
  UNPARSEABLE_NUMBER,
  /** A sale, cost or reward with a negative amount (refunds are typed as refunds). */
  NEGATIVE_AMOUNT,
  /** A value outside its allowed range (e.g. satisfaction not in 1..5). */
  OUT_OF_RANGE,
  /** A label that the configured mappings do not know (e.g. an interaction type). */
  UNKNOWN_VALUE,
  /** Timestamps in an impossible order (answered or resolved before received). */
  INCONSISTENT_TIMESTAMPS,
  /** A customer who refers themself. */
  SELF_REFERRAL,
  /** The row refers to a customer id that no customers export (or registering source) has. */
  UNKNOWN_CUSTOMER,
  /** The record's id was already used by a row with different content. */
  DUPLICATE_KEY_CONFLICT,
  /** The row names a customer erased by {@code clientele forget} (silver.erasure_log): not loaded again. */
  ERASED_CUSTOMER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
