package com.clientele.catalog;

import com.clientele.config.ExportKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every table of the warehouse, declared once. Column vocabulary: keys {@code <object>_key} /
 * {@code <object>_id}, dates {@code <event>_date}, timestamps {@code <event>_at}, booleans
 * {@code is_}/{@code has_}. Lineage columns (source_name, source_file, file_id, row_number,
 * logical_date, ingest_run_id) tie every silver row back to the line of the export it came from.
 */
public final class TableCatalog {

  private TableCatalog() {}

  private static final String LINEAGE =
      "source_name STRING, source_file STRING, file_id STRING, row_number BIGINT, "
          + "logical_date DATE, ingest_run_id STRING";

  /** Bronze: each input row as it came (personal columns removed), with lineage and parse problems. */
  private static final String BRONZE_DDL =
      "source_name STRING, source_file STRING, file_id STRING, file_sha256 STRING, logical_date DATE, "
          + "ingest_run_id STRING, row_number BIGINT, line_number BIGINT, raw_record STRING, "
          + "fields MAP<STRING, STRING>, parse_error STRING, parse_detail STRING";

  public static final Table BRONZE_CUSTOMERS = bronze(ExportKind.CUSTOMERS);
  public static final Table BRONZE_TRANSACTIONS = bronze(ExportKind.TRANSACTIONS);
  public static final Table BRONZE_INTERACTIONS = bronze(ExportKind.INTERACTIONS);
  public static final Table BRONZE_REFERRALS = bronze(ExportKind.REFERRALS);

  public static final Table CUSTOMERS = Table.of(Layer.SILVER, "customers",
      "The customer archive's master data, SCD type 2: one row per version of a customer's "
          + "non-personal attributes (valid_from inclusive, valid_to exclusive; is_current marks the "
          + "live version). Leads and customers registered by a transactions-only source included.",
      "customer_key STRING, display_name_masked STRING, nature STRING, nature_label STRING, "
          + "industry STRING, region STRING, acquisition_channel STRING, registered_date DATE, "
          + "has_master_data BOOLEAN, attribute_hash STRING, valid_from DATE, valid_to DATE, "
          + "is_current BOOLEAN, " + LINEAGE);

  public static final Table CUSTOMER_PII = Table.of(Layer.SILVER, "customer_pii",
      "RESTRICTED. The only table with personal data: the export's customer id, name, phone, email, "
          + "address and ID number, each encrypted (AES-256-GCM, key derived from the installation "
          + "secret), SCD type 2 like silver.customers. personal_hash is a keyed HMAC of the values.",
      "customer_key STRING, encrypted_customer_id STRING, encrypted_name STRING, encrypted_phone STRING, "
          + "encrypted_email STRING, encrypted_address STRING, encrypted_id_number STRING, "
          + "personal_hash STRING, valid_from DATE, valid_to DATE, is_current BOOLEAN, " + LINEAGE)
      .asRestricted();

  public static final Table TRANSACTIONS = Table.of(Layer.SILVER, "transactions",
      "One row per sale or refund line. Refund amounts are negative. transaction_id is the "
          + "export's id, or for sources without ids '<source>:<content hash>:<occurrence in file>'.",
      "transaction_id STRING, customer_key STRING, transaction_date DATE, transaction_type STRING, "
          + "amount DECIMAL(18,2), quantity INT, cost DECIMAL(18,2), product_category STRING, "
          + "channel STRING, payment_due_date DATE, paid_date DATE, record_hash STRING, " + LINEAGE);

  public static final Table INTERACTIONS = Table.of(Layer.SILVER, "interactions",
      "Enquiries, visits, calls, complaints, service tickets and feedback, with the times of "
          + "receipt, first response and resolution (exporter's local wall-clock time).",
      "interaction_id STRING, customer_key STRING, interaction_type STRING, channel STRING, "
          + "category STRING, received_at TIMESTAMP, first_response_at TIMESTAMP, resolved_at TIMESTAMP, "
          + "satisfaction INT, summary STRING, resolution STRING, record_hash STRING, " + LINEAGE);

  public static final Table REFERRALS = Table.of(Layer.SILVER, "referrals",
      "Who referred whom (老带新): referrer and referred customer keys, date and reward.",
      "referral_id STRING, referrer_customer_key STRING, referred_customer_key STRING, "
          + "referral_date DATE, reward_amount DECIMAL(18,2), record_hash STRING, " + LINEAGE);

  public static final Table QUARANTINE = Table.of(Layer.SILVER, "quarantine",
      "Every input row that could not become silver, with its reason code and where it came from. "
          + "raw_record is withheld for rows of personal-data exports.",
      "source_name STRING, kind STRING, source_file STRING, file_id STRING, row_number BIGINT, "
          + "line_number BIGINT, logical_date DATE, ingest_run_id STRING, reason_code STRING, "
          + "reason_detail STRING, raw_record STRING");

  public static final Table INGEST_LOG = Table.of(Layer.SILVER, "ingest_log",
      "One row per ingested file. Invariant: rows_in = rows_loaded + rows_quarantined + rows_duplicate.",
      "ingest_run_id STRING, source_name STRING, kind STRING, source_file STRING, file_id STRING, "
          + "file_sha256 STRING, file_bytes BIGINT, encoding STRING, logical_date DATE, rows_in BIGINT, "
          + "rows_loaded BIGINT, rows_quarantined BIGINT, rows_duplicate BIGINT");

  public static List<Table> all() {
    return List.of(BRONZE_CUSTOMERS, BRONZE_TRANSACTIONS, BRONZE_INTERACTIONS, BRONZE_REFERRALS,
        CUSTOMERS, CUSTOMER_PII, TRANSACTIONS, INTERACTIONS, REFERRALS, QUARANTINE, INGEST_LOG);
  }

  public static Table bronzeFor(ExportKind kind) {
    return switch (kind) {
      case CUSTOMERS -> BRONZE_CUSTOMERS;
      case TRANSACTIONS -> BRONZE_TRANSACTIONS;
      case INTERACTIONS -> BRONZE_INTERACTIONS;
      case REFERRALS -> BRONZE_REFERRALS;
    };
  }

  public static Optional<Table> find(String qualifiedName) {
    return all().stream().filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName)).findFirst();
  }

  public static Stream<Table> inLayer(Layer layer) {
    return all().stream().filter(t -> t.layer() == layer);
  }

  private static Table bronze(ExportKind kind) {
    return Table.of(Layer.BRONZE, kind.label(),
        "The " + kind.label() + " export files row by row as they came (headers normalised to lower "
            + "case, personal columns removed), with lineage and any parse problem.",
        BRONZE_DDL, "logical_date");
  }
}
