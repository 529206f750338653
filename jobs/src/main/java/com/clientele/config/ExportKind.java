package com.clientele.config;

import java.util.List;
import java.util.Locale;

/**
 * The four kinds of export a company delivers, with their canonical columns (documented in
 * {@code data-samples/README.md}). The order of {@link #columns()} is the canonical header order.
 */
public enum ExportKind {
  CUSTOMERS(
      "customer_id",
      List.of("customer_id", "name", "phone", "email", "address", "id_number", "nature", "industry",
          "region", "acquisition_channel", "registered_date", "birthday", "founding_date"),
      List.of("customer_id"),
      List.of("name", "phone", "email", "address", "id_number", "birthday", "founding_date")),
  TRANSACTIONS(
      "transaction_id",
      List.of("transaction_id", "customer_id", "transaction_date", "amount", "transaction_type",
          "quantity", "cost", "product_category", "channel", "payment_due_date", "paid_date"),
      List.of("customer_id", "transaction_date", "amount"),
      List.of()),
  INTERACTIONS(
      "interaction_id",
      List.of("interaction_id", "customer_id", "interaction_type", "channel", "category",
          "received_at", "first_response_at", "resolved_at", "satisfaction", "summary", "resolution"),
      List.of("customer_id", "interaction_type", "received_at"),
      List.of()),
  REFERRALS(
      "referral_id",
      List.of("referral_id", "referrer_customer_id", "referred_customer_id", "referral_date",
          "reward_amount"),
      List.of("referrer_customer_id", "referred_customer_id", "referral_date"),
      List.of());

  private final String idColumn;
  private final List<String> columns;
  private final List<String> requiredColumns;
  private final List<String> personalColumns;

  ExportKind(String idColumn, List<String> columns, List<String> requiredColumns,
      List<String> personalColumns) {
    this.idColumn = idColumn;
    this.columns = columns;
    this.requiredColumns = requiredColumns;
    this.personalColumns = personalColumns;
  }

  /** The column that identifies a record of this kind in the export (may be absent: see has-record-id). */
  public String idColumn() {
    return idColumn;
  }

  /** Canonical columns, in canonical header order. */
  public List<String> columns() {
    return columns;
  }

  /** Columns a file must have in its header (besides the id column when the source has ids). */
  public List<String> requiredColumns() {
    return requiredColumns;
  }

  /** Columns holding personal data: they never leave the ingest except into the restricted table. */
  public List<String> personalColumns() {
    return personalColumns;
  }

  /** The lower-case name used in folders, table names and config. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ExportKind fromLabel(String label) {
    for (ExportKind kind : values()) {
      if (kind.label().equalsIgnoreCase(label.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown export kind '" + label + "' (expected customers, transactions, interactions or referrals)");
  }
}
