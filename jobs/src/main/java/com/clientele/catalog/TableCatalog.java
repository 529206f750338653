package com.clientele.catalog;

import com.clientele.config.ExportKind;
import java.util.List;
import java.util.Map;
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
      "source_name STRING COMMENT 'the configured source (clientele.sources) whose export the row came from', "
          + "source_file STRING COMMENT 'path of the export file, relative to the landing folder', "
          + "file_id STRING COMMENT 'identity of that file version: hash of its relative path and content (hex)', "
          + "row_number BIGINT COMMENT 'record number within that file (1 = the first record after the header)', "
          + "logical_date DATE COMMENT 'logical date of that file: its landing day folder', "
          + "ingest_run_id STRING COMMENT 'the ingest run that loaded the row (derived from its files, not the clock)'";

  /** Bronze: each input row as it came (personal columns removed), with lineage and parse problems. */
  private static final String BRONZE_DDL =
      "source_name STRING COMMENT 'the configured source (clientele.sources) the file belongs to', "
          + "source_file STRING COMMENT 'path of the export file, relative to the landing folder', "
          + "file_id STRING COMMENT 'identity of the file version: hash of its relative path and content (hex)', "
          + "file_sha256 STRING COMMENT 'SHA-256 of the file content (hex)', "
          + "logical_date DATE COMMENT 'logical date of the file: its landing day folder', "
          + "ingest_run_id STRING COMMENT 'the ingest run that read the file (derived from its files, not the clock)', "
          + "row_number BIGINT COMMENT 'record number within the file (1 = the first record after the header)', "
          + "line_number BIGINT COMMENT 'physical line of the file where the record starts', "
          + "raw_record STRING COMMENT 'the record text as it came; null for exports with personal columns', "
          + "fields MAP<STRING, STRING> COMMENT 'normalised header to value text as it came, personal columns removed', "
          + "parse_error STRING COMMENT 'quarantine reason code of a problem reading the record (e.g. "
          + "wrong_column_count, malformed_json); null when it was read', "
          + "parse_detail STRING COMMENT 'detail of the reading problem; null when none'";

  public static final Table BRONZE_CUSTOMERS = bronze(ExportKind.CUSTOMERS);
  public static final Table BRONZE_TRANSACTIONS = bronze(ExportKind.TRANSACTIONS);
  public static final Table BRONZE_INTERACTIONS = bronze(ExportKind.INTERACTIONS);
  public static final Table BRONZE_REFERRALS = bronze(ExportKind.REFERRALS);

  public static final Table CUSTOMERS = Table.of(Layer.SILVER, "customers",
      "The customer archive's master data, SCD type 2: one row per version of a customer's "
          + "non-personal attributes (valid_from inclusive, valid_to exclusive; is_current marks the "
          + "live version). Leads and customers registered by a transactions-only source included.",
      "customer_key STRING COMMENT 'pseudonymous customer key: keyed HMAC-SHA256 of the export customer id "
          + "(first 128 bits, hex)', "
          + "display_name_masked STRING COMMENT 'masked display name (first character or initials, e.g. J*** S.); "
          + "null without a name', "
          + "nature STRING COMMENT 'canonical nature: government, enterprise, individual, group or partner; null when "
          + "the label is missing or not mapped', "
          + "nature_label STRING COMMENT 'the nature label as the export gave it', "
          + "industry STRING COMMENT 'industry as exported', "
          + "region STRING COMMENT 'region as exported', "
          + "acquisition_channel STRING COMMENT 'how the customer found the company, as exported', "
          + "registered_date DATE COMMENT 'day the customer (or lead) became known; null when not exported', "
          + "has_master_data BOOLEAN COMMENT 'true when the version comes from a customers export, false for a "
          + "customer registered by a transactions-only source', "
          + "birth_month_day STRING COMMENT 'month and day (MM-DD) of the birthday exported for a person, for care "
          + "planning (the full date stays in silver.customer_pii); null when not exported', "
          + "founding_month_day STRING COMMENT 'month and day (MM-DD) of the founding date exported for an "
          + "organisation; null when not exported', "
          + "attribute_hash STRING COMMENT 'SHA-256 (hex) of the non-personal attributes: a change starts a new version', "
          + "valid_from DATE COMMENT 'first day the version is valid (inclusive): the logical date of the file that "
          + "brought it', "
          + "valid_to DATE COMMENT 'day the next version starts (exclusive); null for the current version', "
          + "is_current BOOLEAN COMMENT 'true for the live (latest) version: valid_to is null', " + LINEAGE)
      // The gold build keeps silver.customer_state in step with what changed here since its last run.
      .withProperties(Map.of("delta.enableChangeDataFeed", "true"))
      .withGrain("one row per version of a customer").withKey("customer_key", "valid_from");

  public static final Table CUSTOMER_PII = Table.of(Layer.SILVER, "customer_pii",
      "RESTRICTED. The only table with personal data: the export's customer id, name, phone, email, "
          + "address, ID number, birthday and founding date, each encrypted (AES-256-GCM, key derived from the installation "
          + "secret), SCD type 2 like silver.customers. personal_hash is a keyed HMAC of the values.",
      "customer_key STRING COMMENT 'pseudonymous customer key: keyed HMAC-SHA256 of the export customer id "
          + "(first 128 bits, hex)', "
          + "encrypted_customer_id STRING COMMENT 'the export customer id, AES-256-GCM encrypted (enc1: + base64)', "
          + "encrypted_name STRING COMMENT 'the name, AES-256-GCM encrypted (enc1: + base64); null when not exported', "
          + "encrypted_phone STRING COMMENT 'the phone number, AES-256-GCM encrypted (enc1: + base64); null when not "
          + "exported', "
          + "encrypted_email STRING COMMENT 'the e-mail address, AES-256-GCM encrypted (enc1: + base64); null when not "
          + "exported', "
          + "encrypted_address STRING COMMENT 'the postal address, AES-256-GCM encrypted (enc1: + base64); null when "
          + "not exported', "
          + "encrypted_id_number STRING COMMENT 'the ID number, AES-256-GCM encrypted (enc1: + base64); null when not "
          + "exported', "
          + "encrypted_birthday STRING COMMENT 'the birthday (yyyy-MM-dd), AES-256-GCM encrypted (enc1: + base64); null "
          + "when not exported', "
          + "encrypted_founding_date STRING COMMENT 'the founding date (yyyy-MM-dd), AES-256-GCM encrypted (enc1: + "
          + "base64); null when not exported', "
          + "personal_hash STRING COMMENT 'keyed HMAC (hex) of the personal values: a change starts a new version', "
          + "valid_from DATE COMMENT 'first day the version is valid (inclusive): the logical date of the file that "
          + "brought it', "
          + "valid_to DATE COMMENT 'day the next version starts (exclusive); null for the current version', "
          + "is_current BOOLEAN COMMENT 'true for the live (latest) version: valid_to is null', " + LINEAGE)
      .asRestricted()
      .withGrain("one row per version of a customer's personal data").withKey("customer_key", "valid_from");

  public static final Table TRANSACTIONS = Table.of(Layer.SILVER, "transactions",
      "One row per sale or refund line. Refund amounts are negative. transaction_id is the "
          + "export's id, or for sources without ids '<source>:<content hash>:<occurrence in file>'.",
      "transaction_id STRING COMMENT 'the export transaction id, or for sources without ids "
          + "<source>:<content hash>:<occurrence in file>', "
          + "customer_key STRING COMMENT 'the buying customer (pseudonymous key)', "
          + "transaction_date DATE COMMENT 'day of the sale or refund', "
          + "transaction_type STRING COMMENT 'sale or refund (export labels mapped; sale when empty)', "
          + "amount DECIMAL(18,2) COMMENT 'line amount in the currency; negative for refunds', "
          + "quantity INT COMMENT 'units on the line as exported; null when not given', "
          + "cost DECIMAL(18,2) COMMENT 'cost of the line in the currency (not negative); null when unknown', "
          + "product_category STRING COMMENT 'product category as exported', "
          + "channel STRING COMMENT 'sales channel as exported', "
          + "payment_due_date DATE COMMENT 'day payment is due; null when not given', "
          + "paid_date DATE COMMENT 'day the line was paid; null when not given or not paid', "
          + "record_hash STRING COMMENT 'SHA-256 (hex) of the line content: tells a duplicate from a conflicting re-use "
          + "of an id', " + LINEAGE)
      // The gold build keeps silver.customer_state in step with what changed here since its last run.
      .withProperties(Map.of("delta.enableChangeDataFeed", "true"))
      .withGrain("one row per sale or refund line").withKey("transaction_id");

  public static final Table PAYMENT_UPDATES = Table.of(Layer.SILVER, "payment_updates",
      "Payment news about transaction lines already in silver.transactions: a line exported again with the "
          + "same content except payment_due_date and/or paid_date (typically once it is paid). The line's "
          + "payment terms are those of its latest row here or in silver.transactions, by logical_date, "
          + "source_file, row_number (docs/metrics.md, Credit). Appended only; each row keeps its lineage.",
      "transaction_id STRING COMMENT 'the transaction line the news is about (silver.transactions.transaction_id)', "
          + "customer_key STRING COMMENT 'the buying customer (pseudonymous key)', "
          + "payment_due_date DATE COMMENT 'day payment is due, as the later export gives it; null when not given', "
          + "paid_date DATE COMMENT 'day the line was paid, as the later export gives it; null when not paid', "
          + "record_hash STRING COMMENT 'SHA-256 (hex) of the re-exported line content', " + LINEAGE)
      // The gold build keeps silver.customer_state in step with what changed here since its last run.
      .withProperties(Map.of("delta.enableChangeDataFeed", "true"))
      .withGrain("one row per re-exported transaction line whose payment terms changed")
      .withKey("transaction_id", "file_id", "row_number");

  public static final Table INTERACTIONS = Table.of(Layer.SILVER, "interactions",
      "Enquiries, visits, calls, complaints, service tickets and feedback, with the times of "
          + "receipt, first response and resolution (exporter's local wall-clock time).",
      "interaction_id STRING COMMENT 'the export interaction id, or for sources without ids "
          + "<source>:<content hash>:<occurrence in file>', "
          + "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "interaction_type STRING COMMENT 'enquiry, visit, call, complaint, service_ticket or feedback (export "
          + "labels mapped)', "
          + "channel STRING COMMENT 'contact channel as exported', "
          + "category STRING COMMENT 'topic category as exported (e.g. of a complaint); null when not given', "
          + "received_at TIMESTAMP COMMENT 'when the interaction was received (exporter local wall-clock time)', "
          + "first_response_at TIMESTAMP COMMENT 'first response (local time); null when not answered', "
          + "resolved_at TIMESTAMP COMMENT 'resolution (local time); null when not resolved', "
          + "satisfaction INT COMMENT 'satisfaction score 1 to 5; null when none was given', "
          + "summary STRING COMMENT 'free-text summary as exported', "
          + "resolution STRING COMMENT 'free-text resolution as exported', "
          + "record_hash STRING COMMENT 'SHA-256 (hex) of the interaction content: tells a duplicate from a "
          + "conflicting re-use of an id', " + LINEAGE)
      // The gold build keeps silver.customer_state in step with what changed here since its last run.
      .withProperties(Map.of("delta.enableChangeDataFeed", "true"))
      .withGrain("one row per interaction").withKey("interaction_id");

  public static final Table REFERRALS = Table.of(Layer.SILVER, "referrals",
      "Who referred whom (老带新): referrer and referred customer keys, date and reward.",
      "referral_id STRING COMMENT 'the export referral id, or for sources without ids "
          + "<source>:<content hash>:<occurrence in file>', "
          + "referrer_customer_key STRING COMMENT 'the customer who referred (pseudonymous key)', "
          + "referred_customer_key STRING COMMENT 'the customer who was referred (pseudonymous key; never the referrer)', "
          + "referral_date DATE COMMENT 'day of the referral', "
          + "reward_amount DECIMAL(18,2) COMMENT 'reward paid for the referral in the currency (not negative); null "
          + "when not given', "
          + "record_hash STRING COMMENT 'SHA-256 (hex) of the referral content: tells a duplicate from a conflicting "
          + "re-use of an id', " + LINEAGE)
      .withGrain("one row per referral").withKey("referral_id");

  public static final Table QUARANTINE = Table.of(Layer.SILVER, "quarantine",
      "Every input row that could not become silver, with its reason code and where it came from. "
          + "raw_record is withheld for rows of personal-data exports.",
      "source_name STRING COMMENT 'the configured source whose export the row came from', "
          + "kind STRING COMMENT 'the export kind: customers, transactions, interactions or referrals', "
          + "source_file STRING COMMENT 'path of the export file, relative to the landing folder', "
          + "file_id STRING COMMENT 'identity of that file version: hash of its relative path and content (hex)', "
          + "row_number BIGINT COMMENT 'record number within that file (1 = the first record after the header)', "
          + "line_number BIGINT COMMENT 'physical line of the file where the record starts', "
          + "logical_date DATE COMMENT 'logical date of that file: its landing day folder', "
          + "ingest_run_id STRING COMMENT 'the ingest run that quarantined the row', "
          + "reason_code STRING COMMENT 'why the row could not load: the first failing rule (docs/ingest.md lists the "
          + "codes)', "
          + "reason_detail STRING COMMENT 'the offending value or rule in words, e.g. amount 12x', "
          + "raw_record STRING COMMENT 'the record text as it came; null for rows of personal-data exports'")
      .withGrain("one row per input row that could not become silver").withKey("file_id", "row_number");

  public static final Table INGEST_LOG = Table.of(Layer.SILVER, "ingest_log",
      "One row per ingested or rejected file. Invariant: rows_in = rows_loaded + rows_quarantined + rows_duplicate. "
          + "A rejected file (rejected_reason set) was not read: its counts are 0.",
      "ingest_run_id STRING COMMENT 'the ingest run that loaded (or rejected) the file (derived from its files, not the clock)', "
          + "source_name STRING COMMENT 'the configured source the file belongs to (null: a rejected file no source claims)', "
          + "kind STRING COMMENT 'the export kind: customers, transactions, interactions or referrals (null: a rejected "
          + "file no source claims)', "
          + "source_file STRING COMMENT 'path of the file, relative to the landing folder', "
          + "file_id STRING COMMENT 'identity of the file version: hash of its relative path and content (hex)', "
          + "file_sha256 STRING COMMENT 'SHA-256 of the file content (hex)', "
          + "file_bytes BIGINT COMMENT 'size of the file in bytes', "
          + "encoding STRING COMMENT 'character set the file was decoded with (+BOM when it had a byte order mark; null: "
          + "a rejected file)', "
          + "logical_date DATE COMMENT 'logical date of the file: its landing day folder (a rejected file outside a day "
          + "folder: the day of the run that found it)', "
          + "rows_in BIGINT COMMENT 'records read from the file', "
          + "rows_loaded BIGINT COMMENT 'records of the file loaded into silver', "
          + "rows_quarantined BIGINT COMMENT 'records of the file put in silver.quarantine', "
          + "rows_duplicate BIGINT COMMENT 'records of the file already in silver with the same content', "
          + "rejected_reason STRING COMMENT 'why the whole file was not read (unclaimed_folder, unmatched_file, "
          + "not_a_day_folder, binary_file, unsupported_encoding); null for a file that was read', "
          + "rejected_detail STRING COMMENT 'the rejection in words (what was found, what was expected); null for a "
          + "file that was read'")
      .withGrain("one row per ingested or rejected file version").withKey("file_id");

  public static final Table CUSTOMER_STATE = Table.of(Layer.SILVER, "customer_state",
      "Derived state kept by the gold build (not a business entity): one row per customer holding "
          + "everything the gold tables read about them — the versions of their archive (silver.customers), "
          + "their daily transaction activity as parallel arrays in date order (element i of every array "
          + "describes day activity_dates[i]; amounts in cents), their interactions and their lines on "
          + "credit terms. Rebuilt for the "
          + "customers whose silver rows changed since the last build, so a daily build reads one row per "
          + "customer instead of every line since the beginning.",
      "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "versions ARRAY<STRUCT<valid_from: DATE, valid_to: DATE, display_name_masked: STRING, nature: STRING, "
          + "nature_label: STRING, industry: STRING, region: STRING, acquisition_channel: STRING, "
          + "registered_date: DATE, birth_month_day: STRING, founding_month_day: STRING>> COMMENT 'the customer "
          + "versions of silver.customers, by valid_from', "
          + "activity_dates ARRAY<DATE> COMMENT 'the days with at least one sale or refund line, ascending; element i "
          + "of every day array describes day activity_dates[i]', "
          + "purchase_lines ARRAY<INT> COMMENT 'per day: sale lines (a sale of amount 0 counts)', "
          + "refund_lines ARRAY<INT> COMMENT 'per day: refund lines', "
          + "sales_cents ARRAY<BIGINT> COMMENT 'per day: sum of the sale amounts, in cents', "
          + "refund_cents ARRAY<BIGINT> COMMENT 'per day: sum of the refund amounts (negative), in cents', "
          + "costed_sales_cents ARRAY<BIGINT> COMMENT 'per day: sum of the amounts of the sale lines with a known cost, "
          + "in cents', "
          + "profit_cents ARRAY<BIGINT> COMMENT 'per day: amount minus cost of the sale lines with a known cost, in cents', "
          + "interactions ARRAY<STRUCT<received_at: TIMESTAMP, interaction_id: STRING, interaction_type: STRING, "
          + "category: STRING, first_response_at: TIMESTAMP, resolved_at: TIMESTAMP, satisfaction: INT>> "
          + "COMMENT 'the customer interactions from silver.interactions, by receipt time then id', "
          + "invoices ARRAY<STRUCT<transaction_date: DATE, payment_due_date: DATE, paid_date: DATE, amount_cents: BIGINT>> "
          + "COMMENT 'the customer transaction lines on credit terms (with a payment_due_date), their effective "
          + "payment terms (silver.payment_updates applied), by transaction_date then due date'")
      // A daily build rewrites a few thousand customers' rows: deletion vectors mark the old rows
      // instead of rewriting every file they sit in.
      .withProperties(Map.of("delta.enableDeletionVectors", "true"))
      .withGrain("one row per customer (current state, no history)").withKey("customer_key");

  public static final Table QUALITY_RESULTS = Table.of(Layer.SILVER, "quality_results",
      "The data-quality rules' outcome per as-of date (clientele check): one row per rule with its "
          + "severity (error fails the run), status (passed, failed, skipped when its dataset has no rows), "
          + "the measured value and what the rule requires. A re-run replaces its date's rows.",
      "as_of_date DATE COMMENT 'the as-of date checked (clientele check --as-of)', "
          + "rule_name STRING COMMENT 'stable rule identifier, e.g. transactions_customer_exists', "
          + "dataset STRING COMMENT 'the table or slice the rule checked, e.g. silver.ingest_log', "
          + "severity STRING COMMENT 'error (a failure fails the run) or warning', "
          + "status STRING COMMENT 'passed, failed, or skipped (its dataset has no rows)', "
          + "metric_value DOUBLE COMMENT 'what Deequ measured (e.g. a share of rows as a fraction 0-1, or a row count); "
          + "null when skipped or not a number', "
          + "requirement STRING COMMENT 'what the rule requires, in words', "
          + "message STRING COMMENT 'why the rule failed, or no rows to check when skipped; usually null when it passed'",
      "as_of_date")
      .withGrain("one row per data-quality rule per as-of date").withKey("as_of_date", "rule_name");

  public static final Table ERASURE_LOG = Table.of(Layer.SILVER, "erasure_log",
      "Restricted: one row per customer erased by clientele forget (right to be forgotten), never their "
          + "identity: a keyed hash of the customer id (which is also the suppression list later ingests "
          + "consult), the reason, when, and how many rows of each table were removed or anonymised.",
      "erasure_id STRING COMMENT 'the forget run: a hash of its subjects and time (hex)', "
          + "erased_at TIMESTAMP COMMENT 'when the erasure ran (UTC): an audit fact, the one wall-clock value stored', "
          + "subject_hash STRING COMMENT 'keyed HMAC of the erased customer id, distinct from the customer key (hex); "
          + "ingest quarantines rows of this customer as erased_customer', "
          + "reason STRING COMMENT 'why the customer was erased, as given (must not name the customer)', "
          + "found BOOLEAN COMMENT 'whether the warehouse held any row of the customer', "
          + "rows_changed MAP<STRING, BIGINT> COMMENT 'per table: rows deleted or anonymised', "
          + "reports_removed ARRAY<STRING> COMMENT 'rendered PDFs that showed the customer and were removed'")
      .asRestricted()
      .withGrain("one row per erased customer per forget run").withKey("erasure_id", "subject_hash");

  public static final Table CARE_EXPORT_LOG = Table.of(Layer.SILVER, "care_export_log",
      "Restricted: one row per clientele care export — who ran it, when, which plan, how many actions and "
          + "customers it wrote and whether it included personal data (names, phone numbers, e-mail "
          + "addresses). Never the personal data itself, nor the customers.",
      "export_id STRING COMMENT 'the export: a hash of its time, operator and plan (hex)', "
          + "exported_at TIMESTAMP COMMENT 'when the export ran (UTC): an audit fact, a wall-clock value by design', "
          + "exported_by STRING COMMENT 'the operator: --operator, else the operating-system user', "
          + "host STRING COMMENT 'the machine the export ran on', "
          + "as_of_date DATE COMMENT 'the plan exported (gold.care_actions as of this date)', "
          + "include_personal_data BOOLEAN COMMENT 'true when names, phone numbers and e-mail addresses were written', "
          + "rows_exported BIGINT COMMENT 'actions written', "
          + "customers_exported BIGINT COMMENT 'distinct customers among them', "
          + "output_file STRING COMMENT 'the file name written (no folder)', "
          + "locale STRING COMMENT 'the language of the messages written (zh-CN or en)'")
      .asRestricted()
      .withGrain("one row per care export").withKey("export_id");

  // ---- gold: business marts, one snapshot per as_of_date (docs/metrics.md defines every column)

  public static final Table CUSTOMER_PROFILE = Table.of(Layer.GOLD, "customer_profile",
      "The customer archive (客户档案): one row per customer per as-of date with attributes, purchase, "
          + "profit, service and referral facts and every segment label. No personal data.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "customer_key STRING COMMENT 'pseudonymous customer key (keyed HMAC of the export customer id; hex)', "
          + "display_name_masked STRING COMMENT 'masked display name (e.g. J*** S.); null without a name', "
          + "nature STRING COMMENT 'canonical nature at the as-of date; null when unknown', "
          + "nature_label STRING COMMENT 'the nature label as the export gave it', "
          + "industry STRING COMMENT 'industry at the as-of date', "
          + "region STRING COMMENT 'region at the as-of date', "
          + "acquisition_channel STRING COMMENT 'how the customer found the company', "
          + "registered_date DATE COMMENT 'day the customer (or lead) became known', "
          + "first_transaction_date DATE COMMENT 'first day with any transaction line (sale or refund); null if none', "
          + "last_transaction_date DATE COMMENT 'last day with any transaction line; null if none', "
          + "first_purchase_date DATE COMMENT 'first purchase day (day with a sale line); null if never bought', "
          + "last_purchase_date DATE COMMENT 'last purchase day; null if never bought', "
          + "tenure_days INT COMMENT 'days from the first purchase to the as-of date; null if never bought', "
          + "cooperation_years DOUBLE COMMENT 'years of cooperation: tenure_days / 365.25; null if never bought', "
          + "days_since_last_purchase INT COMMENT 'days from the last purchase to the as-of date; null if never bought', "
          + "transaction_count BIGINT COMMENT 'sale and refund lines', "
          + "purchase_count BIGINT COMMENT 'sale lines', "
          + "refund_count BIGINT COMMENT 'refund lines', "
          + "purchase_days BIGINT COMMENT 'distinct purchase days (orders)', "
          + "sales_amount DECIMAL(18,2) COMMENT 'sum of sale amounts, in the currency', "
          + "refund_amount DECIMAL(18,2) COMMENT 'sum of refund amounts (negative), in the currency', "
          + "total_amount DECIMAL(18,2) COMMENT 'net revenue: sales_amount + refund_amount', "
          + "amount_12m DECIMAL(18,2) COMMENT 'net revenue of the trailing year (trailing-year-days ending on the "
          + "as-of date)', "
          + "amount_prior_12m DECIMAL(18,2) COMMENT 'net revenue of the year before the trailing year', "
          + "average_purchase_amount DOUBLE COMMENT 'sales_amount / purchase_count; null when purchase_count is 0', "
          + "profit_amount DECIMAL(18,2) COMMENT 'amount minus cost of the sale lines whose cost is known (refunds not "
          + "deducted)', "
          + "profit_12m DECIMAL(18,2) COMMENT 'profit_amount of the trailing year', "
          + "profit_margin DOUBLE COMMENT 'profit_amount / sales amount of the lines with a known cost (fraction); null "
          + "when that amount is 0', "
          + "complaint_count BIGINT COMMENT 'complaints received', "
          + "open_complaint_count BIGINT COMMENT 'complaints not resolved by the end of the as-of date (never answered "
          + "included)', "
          + "complaints_answered_in_time BIGINT COMMENT 'complaints first answered within response-hours of receipt', "
          + "median_resolution_hours DOUBLE COMMENT 'median hours from receipt to resolution of the resolved complaints; "
          + "null without one', "
          + "satisfaction_responses BIGINT COMMENT 'interactions that carry a satisfaction score', "
          + "average_satisfaction DOUBLE COMMENT 'mean satisfaction (1 to 5) of the scored interactions; null without one', "
          + "referrals_made BIGINT COMMENT 'referrals in which the customer is the referrer', "
          + "referrals_converted BIGINT COMMENT 'referrals made by the customer whose referred customer bought on or "
          + "after the referral date', "
          + "referred_by_customer_key STRING COMMENT 'referrer of the earliest referral of the customer dated no later "
          + "than their first purchase; null if not referred', "
          + "is_referred BOOLEAN COMMENT 'the customer came by referral: referred_by_customer_key is set', "
          + "value_at_stake DECIMAL(18,2) COMMENT 'annual value: net revenue of the trailing-year-days ending on the last "
          + "purchase day; null if never bought', "
          + "time_segment STRING COMMENT 'scheme time: potential, new or old', "
          + "trading_stage STRING COMMENT 'scheme trading_stage: current, past, upcoming or none', "
          + "nature_segment STRING COMMENT 'scheme nature: government, enterprise, individual, group, partner or "
          + "unknown', "
          + "value_position STRING COMMENT 'scheme value_position (Pareto of amount_12m): key, general or scattered', "
          + "abc_grade STRING COMMENT 'scheme abc_grade: A, B or C (amount_12m and cooperation years)', "
          + "quality_segment STRING COMMENT 'scheme quality: quality, declining, growing or poor', "
          + "rfm_recency_score INT COMMENT 'RFM recency score 1 to 5 (5 = most recent); null if never bought', "
          + "rfm_frequency_score INT COMMENT 'RFM frequency score 1 to 5 by purchase days; null if never bought', "
          + "rfm_monetary_score INT COMMENT 'RFM monetary score 1 to 5 by total_amount; null if never bought', "
          + "rfm_segment STRING COMMENT 'scheme rfm: champions, loyal, new, potential_loyalist, cant_lose, at_risk, "
          + "hibernating, lost, other or none', "
          + "vip_tier STRING COMMENT 'scheme vip_tier by amount_12m: platinum, gold, silver or none', "
          + "lifecycle_stage STRING COMMENT 'scheme lifecycle: active, at_risk, churned, won_back or none', "
          + "profit_index DOUBLE COMMENT 'scheme quality input: profit_12m / the mean profit_12m of the customers with a "
          + "purchase day in the trailing year (gold.segment_thresholds mean_profit_12m); null when that mean is not "
          + "positive', "
          + "growth_rate DOUBLE COMMENT 'scheme quality input: (amount_12m - amount_prior_12m) / amount_prior_12m; null "
          + "without prior-year revenue', "
          + "days_since_last_enquiry INT COMMENT 'scheme trading_stage input: days from the last enquiry to the as-of "
          + "date; null without one', "
          + "days_since_win_back INT COMMENT 'scheme lifecycle input: days from the latest win-back purchase (the first "
          + "purchase after a churn-inactivity-days gap) to the as-of date; null without one'",
      "as_of_date")
      .withGrain("one row per existing customer per as-of date").withKey("as_of_date", "customer_key");

  public static final Table SEGMENT_THRESHOLDS = Table.of(Layer.GOLD, "segment_thresholds",
      "The day's population-relative edges behind the segment labels: the amounts that make a customer key or "
          + "general, the RFM score edges and the mean profit that profit_index divides by. Each rule of a "
          + "relative scheme reduces to a customer's own measure compared with one of these values.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "scheme STRING COMMENT 'value_position, quality or rfm', "
          + "threshold STRING COMMENT 'what reaching the value means: key, general (value_position), "
          + "mean_profit_12m (quality), recency_score_K, frequency_score_K, monetary_score_K (rfm: score at least K)', "
          + "measure STRING COMMENT 'the gold.customer_profile column compared with value (amount_12m, profit_12m, "
          + "days_since_last_purchase, purchase_days, total_amount)', "
          + "comparison STRING COMMENT '>= or <=: the threshold is reached when measure comparison value; "
          + "none for mean_profit_12m (profit_index = profit_12m / value)', "
          + "value DOUBLE COMMENT 'the threshold at the as-of date; null when no customer reaches it (or, for "
          + "mean_profit_12m, no customer bought in the trailing year)'",
      "as_of_date")
      .withGrain("one row per threshold of a relative segment scheme per as-of date")
      .withKey("as_of_date", "scheme", "threshold");

  public static final Table CUSTOMER_SEGMENTS = Table.of(Layer.GOLD, "customer_segments",
      "Segment membership in long form: one row per customer, scheme and as-of date, with the score "
          + "and the inputs that decided it. A view over gold.customer_profile (the labels, scores and inputs) "
          + "and gold.segment_thresholds (value_position's two amounts): nothing of it is stored twice.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "scheme STRING COMMENT 'time, trading_stage, nature, value_position, abc_grade, quality, rfm, vip_tier or "
          + "lifecycle', "
          + "segment STRING COMMENT 'the customer segment in the scheme (docs/metrics.md, Segments)', "
          + "score DOUBLE COMMENT 'the value the rule thresholded (e.g. tenure_days, amount_12m, R*100+F*10+M); null "
          + "for nature', "
          + "inputs MAP<STRING, DOUBLE> COMMENT 'the inputs that decided the segment, by name (none for nature)'",
      "as_of_date")
      .withGrain("one row per customer per segmentation scheme per as-of date")
      .withKey("as_of_date", "customer_key", "scheme").asViewOf(CUSTOMER_PROFILE, SEGMENT_THRESHOLDS);

  public static final Table LOYALTY_METRICS = Table.of(Layer.GOLD, "loyalty_metrics",
      "Loyalty per month (first transaction month to the as-of month), for all customers and broken "
          + "down by nature and by value position.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "month_start DATE COMMENT 'first day of the month (the as-of month is month-to-date)', "
          + "breakdown STRING COMMENT 'all, nature or value_position (segments as of the as-of date)', "
          + "breakdown_value STRING COMMENT 'all, the nature segment or the value position of the group', "
          + "active_customers BIGINT COMMENT 'customers with a purchase day in the month', "
          + "new_customers BIGINT COMMENT 'customers whose first purchase is in the month', "
          + "returning_customers BIGINT COMMENT 'active_customers - new_customers', "
          + "won_back_customers BIGINT COMMENT 'customers with a win-back purchase in the month', "
          + "repeat_customers BIGINT COMMENT 'active customers with at least two purchase days up to the end of the "
          + "month', "
          + "repeat_purchase_rate DOUBLE COMMENT 'repeat_customers / active_customers (fraction 0-1); null when no "
          + "active customers', "
          + "previous_month_active_customers BIGINT COMMENT 'active customers of the previous month', "
          + "retained_customers BIGINT COMMENT 'customers active in the month and in the previous month', "
          + "retention_rate DOUBLE COMMENT 'retained_customers / previous_month_active_customers (fraction 0-1); null "
          + "when the previous month had none', "
          + "purchase_days BIGINT COMMENT 'purchase days (orders) in the month', "
          + "purchase_frequency DOUBLE COMMENT 'purchase days per active customer; null when no active customers', "
          + "sales_amount DECIMAL(18,2) COMMENT 'sales of the month, in the currency', "
          + "revenue DECIMAL(18,2) COMMENT 'net revenue of the month (sales + refunds), in the currency', "
          + "average_order_value DOUBLE COMMENT 'sales_amount / purchase_days; null when no purchase days', "
          + "old_customer_revenue DECIMAL(18,2) COMMENT 'revenue of lines dated more than new-customer-days after the "
          + "first purchase of their customer', "
          + "old_customer_revenue_share DOUBLE COMMENT 'old_customer_revenue / revenue (fraction); null when revenue "
          + "is not positive', "
          + "top_customers_revenue DECIMAL(18,2) COMMENT 'revenue of the top top-customers-percent (default 20) of the "
          + "customers with a line in the month, by revenue', "
          + "top_customers_revenue_share DOUBLE COMMENT 'top_customers_revenue / revenue (fraction; refunds can push it "
          + "above 1); null when revenue is not positive', "
          + "satisfaction_responses BIGINT COMMENT 'interactions received in the month with a satisfaction score', "
          + "average_satisfaction DOUBLE COMMENT 'their mean satisfaction (1 to 5); null without one', "
          + "complaints BIGINT COMMENT 'complaints received in the month', "
          + "complaint_rate DOUBLE COMMENT 'complaints per order: complaints / purchase_days (not capped at 1); null "
          + "when no purchase days', "
          + "complaints_answered_in_time BIGINT COMMENT 'of the month complaints, those first answered within "
          + "response-hours', "
          + "answered_in_time_share DOUBLE COMMENT 'complaints_answered_in_time / complaints (fraction 0-1); null when "
          + "no complaints', "
          + "median_resolution_hours DOUBLE COMMENT 'median resolution hours of the month complaints resolved by the "
          + "as-of date; null without one'",
      "as_of_date")
      .withGrain("one row per month per breakdown group (all, each nature, each value position) per as-of date")
      .withKey("as_of_date", "breakdown", "breakdown_value", "month_start");

  public static final Table REFERRAL_METRICS = Table.of(Layer.GOLD, "referral_metrics",
      "Referral (老带新) per month and overall: referral share of new customers, referring share, "
          + "conversion, K factor, reward cost against referred revenue, referred vs non-referred "
          + "first-year revenue and 6/12-month retention with lift, sample sizes and 95% interval, top referrers.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "period STRING COMMENT 'month, or overall (all time up to the as-of date)', "
          + "month_start DATE COMMENT 'first day of the month; null for overall', "
          + "new_customers BIGINT COMMENT 'customers whose first purchase is in the period', "
          + "referred_new_customers BIGINT COMMENT 'new customers of the period who came by referral (is_referred)', "
          + "referred_new_share DOUBLE COMMENT 'referred_new_customers / new_customers (fraction 0-1); null when no new "
          + "customers', "
          + "active_customers BIGINT COMMENT 'customers with a purchase day in the period', "
          + "referring_customers BIGINT COMMENT 'active customers of the period who made a referral dated in it', "
          + "referring_share DOUBLE COMMENT 'referring_customers / active_customers (fraction 0-1); null when no active "
          + "customers', "
          + "referrals BIGINT COMMENT 'referrals dated in the period', "
          + "referrals_converted BIGINT COMMENT 'referrals of the period whose referred customer bought on or after the "
          + "referral date', "
          + "referral_conversion_rate DOUBLE COMMENT 'referrals_converted / referrals (fraction 0-1); null when no "
          + "referrals', "
          + "viral_k_factor DOUBLE COMMENT 'viral K factor: referrals_converted / active_customers; null when no active "
          + "customers', "
          + "reward_cost DECIMAL(18,2) COMMENT 'rewards of the period referrals in the currency (a missing reward counts "
          + "0)', "
          + "referred_revenue DECIMAL(18,2) COMMENT 'net revenue in the period from customers who came by referral', "
          + "reward_to_revenue_ratio DOUBLE COMMENT 'reward_cost / referred_revenue; null when referred_revenue is not "
          + "positive', "
          + "referred_first_year_customers BIGINT COMMENT 'sample size: referred customers acquired in the period whose "
          + "first year (referral.first-year-days from the first purchase) is complete', "
          + "non_referred_first_year_customers BIGINT COMMENT 'sample size: non-referred customers acquired in the "
          + "period whose first year is complete', "
          + "referred_first_year_revenue DOUBLE COMMENT 'mean first-year net revenue of the referred sample, in the "
          + "currency; null when the sample is empty', "
          + "non_referred_first_year_revenue DOUBLE COMMENT 'mean first-year net revenue of the non-referred sample, in "
          + "the currency; null when the sample is empty', "
          + "first_year_revenue_lift DOUBLE COMMENT 'referred / non-referred mean first-year revenue; null unless both "
          + "samples are non-empty and the non-referred mean is positive', "
          + "first_year_revenue_lift_low DOUBLE COMMENT 'lower end of the 95 percent log-ratio interval of "
          + "first_year_revenue_lift; null unless both means are positive and both samples have two customers', "
          + "first_year_revenue_lift_high DOUBLE COMMENT 'upper end of the 95 percent log-ratio interval of "
          + "first_year_revenue_lift; null when the lower end is', "
          + "referred_retention_6m_customers BIGINT COMMENT 'sample size: referred customers acquired in the period and "
          + "observed referral.retention-6m-days (default 182) after their first purchase', "
          + "non_referred_retention_6m_customers BIGINT COMMENT 'sample size: non-referred customers acquired in the "
          + "period and observed retention-6m-days after their first purchase', "
          + "referred_retention_6m_rate DOUBLE COMMENT 'share (fraction 0-1) of the referred 6-month sample active (a "
          + "purchase within the active window) on day first purchase + retention-6m-days; null when the sample is empty', "
          + "non_referred_retention_6m_rate DOUBLE COMMENT 'share (fraction 0-1) of the non-referred 6-month sample "
          + "active on day first purchase + retention-6m-days; null when the sample is empty', "
          + "retention_6m_lift DOUBLE COMMENT 'referred / non-referred 6-month retention rate; null unless both samples "
          + "are non-empty and the non-referred rate is positive', "
          + "retention_6m_lift_low DOUBLE COMMENT 'lower end of the 95 percent (Katz) interval of retention_6m_lift; null "
          + "unless both rates are positive', "
          + "retention_6m_lift_high DOUBLE COMMENT 'upper end of the 95 percent (Katz) interval of retention_6m_lift; "
          + "null unless both rates are positive', "
          + "referred_retention_12m_customers BIGINT COMMENT 'sample size: referred customers acquired in the period and "
          + "observed referral.retention-12m-days (default 365) after their first purchase', "
          + "non_referred_retention_12m_customers BIGINT COMMENT 'sample size: non-referred customers acquired in the "
          + "period and observed retention-12m-days after their first purchase', "
          + "referred_retention_12m_rate DOUBLE COMMENT 'share (fraction 0-1) of the referred 12-month sample active on "
          + "day first purchase + retention-12m-days; null when the sample is empty', "
          + "non_referred_retention_12m_rate DOUBLE COMMENT 'share (fraction 0-1) of the non-referred 12-month sample "
          + "active on day first purchase + retention-12m-days; null when the sample is empty', "
          + "retention_12m_lift DOUBLE COMMENT 'referred / non-referred 12-month retention rate; null unless both samples "
          + "are non-empty and the non-referred rate is positive', "
          + "retention_12m_lift_low DOUBLE COMMENT 'lower end of the 95 percent (Katz) interval of retention_12m_lift; "
          + "null unless both rates are positive', "
          + "retention_12m_lift_high DOUBLE COMMENT 'upper end of the 95 percent (Katz) interval of retention_12m_lift; "
          + "null unless both rates are positive', "
          + "top_referrers STRING COMMENT 'the period referrers by converted referrals, then referrals, then key, as "
          + "customer_key:converted/referrals joined by comma, at most referral.top-referrers (10)'",
      "as_of_date")
      .withGrain("one row per month, plus one overall row, per as-of date")
      .withKey("as_of_date", "period", "month_start");

  public static final Table CHURN_COHORTS = Table.of(Layer.GOLD, "churn_cohorts",
      "Monthly acquisition cohorts x months since acquisition: customers retained (bought that month), "
          + "share retained, revenue retained.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "acquisition_month DATE COMMENT 'the cohort: first day of the month of the first purchase', "
          + "months_since_acquisition INT COMMENT 'whole months from acquisition_month to month_start (0 = the "
          + "acquisition month)', "
          + "month_start DATE COMMENT 'first day of the calendar month of the cell', "
          + "cohort_customers BIGINT COMMENT 'customers acquired in acquisition_month', "
          + "customers_retained BIGINT COMMENT 'cohort customers with a purchase day in month_start', "
          + "retention_rate DOUBLE COMMENT 'customers_retained / cohort_customers (fraction 0-1)', "
          + "revenue_retained DECIMAL(18,2) COMMENT 'net revenue of the cohort in month_start, in the currency', "
          + "revenue_retention_rate DOUBLE COMMENT 'revenue_retained / revenue of the cohort in its acquisition month "
          + "(fraction, can exceed 1); null when that revenue is not positive'",
      "as_of_date")
      .withGrain("one row per acquisition cohort per month since acquisition per as-of date")
      .withKey("as_of_date", "acquisition_month", "months_since_acquisition");

  public static final Table LEAKY_BUCKET = Table.of(Layer.GOLD, "leaky_bucket",
      "The leaky bucket (漏桶) per month: customers at start, gained, won back, lost, at end and net; "
          + "the same in revenue; the complaint categories that most often preceded the month's churn.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "month_start DATE COMMENT 'first day of the month', "
          + "customers_at_start BIGINT COMMENT 'the active base at the end of the previous month', "
          + "customers_gained BIGINT COMMENT 'customers whose first purchase is in the month', "
          + "customers_won_back BIGINT COMMENT 'customers with a win-back purchase in the month', "
          + "customers_lost BIGINT COMMENT 'customers who became churned in the month (up to the as-of date)', "
          + "customers_at_end BIGINT COMMENT 'the active base at the end of the month (the as-of date for the as-of "
          + "month)', "
          + "customers_net BIGINT COMMENT 'customers_at_end - customers_at_start = gained + won back - lost', "
          + "revenue_at_start DECIMAL(18,2) COMMENT 'net revenue of the previous month, in the currency', "
          + "revenue_gained DECIMAL(18,2) COMMENT 'revenue of the month from the customers gained in it', "
          + "revenue_won_back DECIMAL(18,2) COMMENT 'revenue of the month from the customers won back in it', "
          + "revenue_retained DECIMAL(18,2) COMMENT 'the rest of the revenue of the month: at end - gained - won back', "
          + "revenue_at_end DECIMAL(18,2) COMMENT 'net revenue of the month', "
          + "revenue_net DECIMAL(18,2) COMMENT 'revenue_at_end - revenue_at_start', "
          + "revenue_lost DECIMAL(18,2) COMMENT 'annual value of the customers lost in the month (net revenue of the "
          + "trailing-year-days up to their last purchase)', "
          + "lost_with_complaints BIGINT COMMENT 'lost customers who complained in the complaint-lookback-days (365) "
          + "before they became churned', "
          + "top_churn_complaint_categories STRING COMMENT 'categories of the complaints of the lost customers by "
          + "number of lost customers, as category:customers joined by comma, most first, at most "
          + "top-complaint-categories (3)'",
      "as_of_date")
      .withGrain("one row per month per as-of date").withKey("as_of_date", "month_start");

  public static final Table AT_RISK_CUSTOMERS = Table.of(Layer.GOLD, "at_risk_customers",
      "The win-back list: valuable customers (key, A grade or VIP) now at risk or recently churned, "
          + "with the value at stake and why they are flagged, in priority order.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "priority INT COMMENT 'position on the list: 1 = the largest value at stake (or value at risk with "
          + "at-risk.rank-by = value-at-risk); ties by customer_key', "
          + "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "display_name_masked STRING COMMENT 'masked display name (e.g. J*** S.)', "
          + "nature STRING COMMENT 'canonical nature; null when unknown', "
          + "value_position STRING COMMENT 'value position: key, general or scattered', "
          + "abc_grade STRING COMMENT 'grade: A, B or C', "
          + "vip_tier STRING COMMENT 'VIP tier: platinum, gold, silver or none', "
          + "lifecycle_stage STRING COMMENT 'at_risk or churned', "
          + "last_purchase_date DATE COMMENT 'the last purchase day', "
          + "days_since_last_purchase INT COMMENT 'days from the last purchase to the as-of date', "
          + "value_at_stake DECIMAL(18,2) COMMENT 'annual value at the last purchase (net revenue of the "
          + "trailing-year-days ending on it), in the currency', "
          + "amount_12m DECIMAL(18,2) COMMENT 'net revenue of the trailing year ending on the as-of date', "
          + "open_complaint_count BIGINT COMMENT 'complaints still open at the end of the as-of date', "
          + "flag_reason STRING COMMENT 'why the customer is listed, e.g. churned: no purchase for 200 days; key "
          + "customer, gold VIP; 1 open complaint(s)'",
      "as_of_date")
      .withGrain("one row per listed (valuable, at-risk or recently churned) customer per as-of date")
      .withKey("as_of_date", "priority");

  public static final Table CUSTOMER_LIFETIME_VALUE = Table.of(Layer.GOLD, "customer_lifetime_value",
      "Lifetime value ahead (BG/NBD and Gamma-Gamma, docs/clv.md): one row per customer with a purchase by "
          + "the as-of date — the models' RFM summary (frequency, recency, age = T in the configured unit), "
          + "P(alive), expected purchases in the next 30 / 90 / 365 days, the expected value of a purchase, "
          + "the discounted CLV over the configured horizon and the customer's CLV rank and decile. The "
          + "predictions are null where gold.clv_model could not fit a model (the value columns need both).",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "frequency DOUBLE COMMENT 'x: repeat purchase periods (periods with a sale line - 1) up to the as-of date', "
          + "recency DOUBLE COMMENT 't_x: time from the first to the last purchase period, in clv.time-unit (default "
          + "weeks)', "
          + "age DOUBLE COMMENT 'T: time from the first purchase period to the as-of date period, in clv.time-unit', "
          + "monetary_value DOUBLE COMMENT 'm_x: mean sales of the repeat periods (the first left out), in the "
          + "currency; 0 when x = 0', "
          + "p_alive DOUBLE COMMENT 'BG/NBD probability (0-1) that the customer is still alive; 1 when x = 0; null "
          + "without a BG/NBD fit', "
          + "expected_purchases_30d DOUBLE COMMENT 'purchases (periods) expected in the next 30 days; null without a "
          + "BG/NBD fit', "
          + "expected_purchases_90d DOUBLE COMMENT 'purchases (periods) expected in the next 90 days; null without a BG/NBD "
          + "fit', "
          + "expected_purchases_365d DOUBLE COMMENT 'purchases (periods) expected in the next 365 days; null without a "
          + "BG/NBD fit', "
          + "expected_average_order_value DOUBLE COMMENT 'Gamma-Gamma expected value of a purchase, in the currency; "
          + "null without a Gamma-Gamma fit', "
          + "clv DOUBLE COMMENT 'discounted expected revenue over clv.horizon-months (12) at "
          + "clv.monthly-discount-rate (0.01), in the currency; null without both fits', "
          + "value_at_risk DOUBLE COMMENT 'clv * (1 - p_alive), in the currency; null without both fits', "
          + "clv_rank BIGINT COMMENT 'rank by clv, 1 = the largest (ties by customer_key); null without both fits', "
          + "clv_decile INT COMMENT 'decile of clv_rank, 1 = the top tenth; null without both fits'",
      "as_of_date")
      .withGrain("one row per customer with a purchase by the as-of date, per as-of date")
      .withKey("as_of_date", "customer_key");

  public static final Table CUSTOMER_CREDIT = Table.of(Layer.GOLD, "customer_credit",
      "Credit management (客户信用管理): one row per customer with a transaction line on credit terms (a "
          + "payment_due_date) dated by the as-of date — the open receivable and its ageing, the overdue lines, "
          + "the trailing year's payment record and days sales outstanding, and a credit grade A-D combining "
          + "payment behaviour with purchase frequency, influence, development prospects and loyalty (weights "
          + "and thresholds in clientele.analytics.credit; docs/metrics.md, Credit). Grade unknown without a "
          + "line that fell due in the trailing year. Customers without credit terms have no row.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "display_name_masked STRING COMMENT 'masked display name (e.g. J*** S.)', "
          + "nature STRING COMMENT 'canonical nature; null when unknown', "
          + "credit_lines BIGINT COMMENT 'transaction lines on credit terms dated by the as-of date', "
          + "open_receivable DECIMAL(18,2) COMMENT 'amount of the lines not paid by the end of the as-of date "
          + "(credit notes negative), in the currency', "
          + "not_yet_due DECIMAL(18,2) COMMENT 'open amount not past its due date', "
          + "past_due_1_30 DECIMAL(18,2) COMMENT 'open amount 1-30 days past its due date', "
          + "past_due_31_60 DECIMAL(18,2) COMMENT 'open amount 31-60 days past its due date', "
          + "past_due_61_90 DECIMAL(18,2) COMMENT 'open amount 61-90 days past its due date', "
          + "past_due_over_90 DECIMAL(18,2) COMMENT 'open amount more than 90 days past its due date', "
          + "overdue_amount DECIMAL(18,2) COMMENT 'open amount at least 1 day past its due date', "
          + "overdue_lines BIGINT COMMENT 'open lines at least 1 day past their due date', "
          + "max_days_past_due INT COMMENT 'days past due of the oldest overdue open line; null when none is overdue', "
          + "lines_due_12m BIGINT COMMENT 'lines due in the trailing year that were paid by, or were past due at, "
          + "the as-of date', "
          + "on_time_payment_rate DOUBLE COMMENT 'share (0-1) of lines_due_12m paid on or before their due date; "
          + "null when lines_due_12m = 0', "
          + "average_days_late DOUBLE COMMENT 'mean days late of lines_due_12m (0 when on time; still unpaid: days "
          + "past due so far); null when lines_due_12m = 0', "
          + "credit_sales_12m DECIMAL(18,2) COMMENT 'amount of the lines on credit terms dated in the trailing year', "
          + "days_sales_outstanding DOUBLE COMMENT 'open_receivable / credit_sales_12m x trailing-year-days; null "
          + "when credit_sales_12m <= 0', "
          + "payment_score DOUBLE COMMENT 'on_time_payment_rate x (1 - average_days_late / zero-score-days-late), at "
          + "least 0; null when lines_due_12m = 0', "
          + "frequency_score DOUBLE COMMENT 'purchase days in the trailing year / full-score.purchase-days, at most 1', "
          + "influence_score DOUBLE COMMENT 'referrals converted / full-score.referrals, at most 1', "
          + "prospects_score DOUBLE COMMENT '0.5 + half the revenue growth of the trailing year over the year "
          + "before, clamped to 0-1; 0.5 without revenue the year before and some this year, 0 with neither', "
          + "loyalty_score DOUBLE COMMENT 'tenure days / full-score.tenure-days, at most 1 (0 without a purchase)', "
          + "credit_score DOUBLE COMMENT 'weighted mean (0-1) of the five scores; null when lines_due_12m = 0', "
          + "credit_grade STRING COMMENT 'A, B, C or D from credit_score and the caps (an open line 31+ days past "
          + "due: at most C; 91+: D); unknown when lines_due_12m = 0', "
          + "suggested_payment_days INT COMMENT 'the payment days the grade earns (credit.terms.<grade>.payment-days; 0: "
          + "payment before delivery)', "
          + "suggested_credit_limit DECIMAL(18,2) COMMENT 'credit_sales_12m per day x suggested_payment_days x the "
          + "grade headroom (credit.terms), at least 0, rounded half up to the cent', "
          + "over_credit_limit BOOLEAN COMMENT 'open_receivable above suggested_credit_limit'",
      "as_of_date")
      .withGrain("one row per customer with lines on credit terms per as-of date").withKey("as_of_date", "customer_key");

  public static final Table CREDIT_FOLLOW_UP = Table.of(Layer.GOLD, "credit_follow_up",
      "The credit follow-up list: customers of gold.customer_credit with an open line past the follow-up "
          + "threshold (clientele.analytics.credit.follow-up.past-due-days) or whose credit grade fell since "
          + "the grade as of follow-up.compare-days before, largest overdue amount first, with what changed.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "priority INT COMMENT 'order of the list: 1 = the largest overdue amount, then the longest past due', "
          + "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "display_name_masked STRING COMMENT 'masked display name (e.g. J*** S.)', "
          + "nature STRING COMMENT 'canonical nature; null when unknown', "
          + "credit_grade STRING COMMENT 'the credit grade as of the as-of date (A-D or unknown)', "
          + "previous_grade STRING COMMENT 'the credit grade as of follow-up.compare-days before; null when the "
          + "customer had no line on credit terms then', "
          + "grade_fell BOOLEAN COMMENT 'both grades known and the current one is lower', "
          + "open_receivable DECIMAL(18,2) COMMENT 'open receivable at the as-of date, in the currency', "
          + "overdue_amount DECIMAL(18,2) COMMENT 'open amount at least 1 day past due', "
          + "previous_overdue_amount DECIMAL(18,2) COMMENT 'the overdue amount as of follow-up.compare-days before; "
          + "null when the customer had no line on credit terms then', "
          + "max_days_past_due INT COMMENT 'days past due of the oldest overdue open line; null when none', "
          + "follow_up_reason STRING COMMENT 'why listed: N days past due: X overdue; and/or grade fell from P to G'",
      "as_of_date")
      .withGrain("one row per customer to follow up per as-of date").withKey("as_of_date", "priority");

  public static final Table CREDIT_AGEING = Table.of(Layer.GOLD, "credit_ageing",
      "The company's receivables ageing month by month (from the first month with a line on credit terms to "
          + "the as-of month), each month measured on its last day (the as-of date in its own month) with the "
          + "payments known at the as-of date; summed over the customers of gold.customer_credit.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "month_start DATE COMMENT 'the first day of the month', "
          + "measured_on DATE COMMENT 'the day the receivables are measured: the last day of the month, or the as-of date', "
          + "open_receivable DECIMAL(18,2) COMMENT 'amount of the lines dated by measured_on and not paid by it', "
          + "not_yet_due DECIMAL(18,2) COMMENT 'open amount not past its due date on measured_on', "
          + "past_due_1_30 DECIMAL(18,2) COMMENT 'open amount 1-30 days past due on measured_on', "
          + "past_due_31_60 DECIMAL(18,2) COMMENT 'open amount 31-60 days past due on measured_on', "
          + "past_due_61_90 DECIMAL(18,2) COMMENT 'open amount 61-90 days past due on measured_on', "
          + "past_due_over_90 DECIMAL(18,2) COMMENT 'open amount more than 90 days past due on measured_on', "
          + "overdue_amount DECIMAL(18,2) COMMENT 'open amount at least 1 day past due on measured_on', "
          + "overdue_share DOUBLE COMMENT 'overdue_amount / open_receivable (0-1); null when open_receivable <= 0', "
          + "customers_with_receivable BIGINT COMMENT 'customers with at least one open line on measured_on', "
          + "customers_overdue BIGINT COMMENT 'customers with at least one overdue open line on measured_on', "
          + "credit_sales DECIMAL(18,2) COMMENT 'amount of the lines on credit terms dated in the month (up to "
          + "measured_on)', "
          + "collected DECIMAL(18,2) COMMENT 'amount of the lines paid in the month (up to measured_on)'",
      "as_of_date")
      .withGrain("one row per month with credit activity per as-of date").withKey("as_of_date", "month_start");

  public static final Table CARE_ACTIONS = Table.of(Layer.GOLD, "care_actions",
      "The care calendar (客户关怀): the customer-care actions due from the as-of date to horizon-days after "
          + "it — birthday and founding-day greetings, holiday greetings, first-purchase anniversaries, key "
          + "customers without contact, win-back contacts, complaint follow-ups and VIP tier upgrades — with "
          + "the reason, due date, priority, suggested channel and message template (settings in "
          + "clientele.analytics.care; docs/metrics.md, Care). No personal data: clientele care export adds "
          + "names and phone numbers only with the key, and records every such export.",
      "as_of_date DATE COMMENT 'the as-of date of the plan', "
          + "action_id STRING COMMENT 'the action: a hash (hex) of customer, action type and occasion, the same on "
          + "every plan that lists the action', "
          + "due_date DATE COMMENT 'the day the action is due; before the as-of date only for key_no_contact and "
          + "win_back and vip_upgrade actions still open', "
          + "action_type STRING COMMENT 'birthday, founding_day, holiday, purchase_anniversary, key_no_contact, "
          + "win_back, complaint_follow_up or vip_upgrade', "
          + "occasion STRING COMMENT 'what the action is about: the date (birthday, founding_day, "
          + "purchase_anniversary), holiday:date, the last contact date (key_no_contact), the last purchase date "
          + "(win_back), the complaint interaction id, or tier:date (vip_upgrade)', "
          + "customer_key STRING COMMENT 'the customer (pseudonymous key)', "
          + "display_name_masked STRING COMMENT 'masked display name (e.g. J*** S.)', "
          + "nature STRING COMMENT 'canonical nature; null when unknown', "
          + "value_position STRING COMMENT 'value position at the as-of date: key, general or scattered', "
          + "vip_tier STRING COMMENT 'VIP tier at the as-of date: platinum, gold, silver or none', "
          + "priority STRING COMMENT 'high, normal or low: the action type setting', "
          + "channel STRING COMMENT 'suggested channel: the action type setting (e.g. sms, email, phone)', "
          + "template_key STRING COMMENT 'message template key of the care bundles: care.<action_type>, holidays "
          + "care.holiday.<holiday key> (falling back to care.holiday)', "
          + "reason STRING COMMENT 'why the action is planned, e.g. no contact since 2026-01-10 (80 days)'",
      "as_of_date")
      .withGrain("one row per planned care action per as-of date").withKey("as_of_date", "action_id");

  public static final Table CLV_MODEL = Table.of(Layer.GOLD, "clv_model",
      "The lifetime-value models fitted for the as-of date: one row per model (bg_nbd, gamma_gamma) with "
          + "its status, maximum-likelihood parameters, log-likelihood, convergence, objective evaluations, "
          + "customers and distinct customer groups used, and the settings the predictions used.",
      "as_of_date DATE COMMENT 'the as-of date of the snapshot', "
          + "model STRING COMMENT 'bg_nbd (purchases, every customer who bought) or gamma_gamma (spend, repeat "
          + "customers with a positive monetary_value)', "
          + "status STRING COMMENT 'fitted, not_converged (no predictions) or insufficient_data (fewer than "
          + "clv.min-customers)', "
          + "parameters MAP<STRING, DOUBLE> COMMENT 'maximum-likelihood parameters: r, alpha, a, b (BG/NBD) or p, q, v "
          + "(Gamma-Gamma); null with insufficient data', "
          + "log_likelihood DOUBLE COMMENT 'total log-likelihood at the parameters over the customers used', "
          + "converged BOOLEAN COMMENT 'whether the search ended by its own stopping rule inside the bounds', "
          + "evaluations INT COMMENT 'passes over all the customer groups the fit needed (docs/clv.md, Fitting)', "
          + "customers BIGINT COMMENT 'customers the model saw', "
          + "customer_groups BIGINT COMMENT 'distinct (frequency, recency, T) or (frequency, monetary_value) rows "
          + "fitted', "
          + "time_unit STRING COMMENT 'the setting clv.time-unit: days-in-weeks, days or weeks', "
          + "horizon_months INT COMMENT 'the setting clv.horizon-months: months of purchases the CLV adds up', "
          + "monthly_discount_rate DOUBLE COMMENT 'the setting clv.monthly-discount-rate: discount per month (fraction)'",
      "as_of_date")
      .withGrain("one row per lifetime-value model per as-of date").withKey("as_of_date", "model");

  // ---- gold: the report marts, what the monthly PDFs print, for any BI tool to read the same figures

  public static final Table REPORT_SEGMENT_MIX = Table.of(Layer.GOLD, "report_segment_mix",
      "The segment mix of the executive summary: per scheme (value_position, abc_grade, lifecycle) and segment, "
          + "the customers of gold.customer_profile and their trailing-year revenue, with each one's share.",
      "as_of_date DATE COMMENT 'the as-of date of the gold snapshot', "
          + "scheme STRING COMMENT 'value_position, abc_grade or lifecycle (gold.customer_profile.lifecycle_stage)', "
          + "segment STRING COMMENT 'the segment label of the scheme', "
          + "customers BIGINT COMMENT 'customers in the segment at the as-of date', "
          + "customer_share DOUBLE COMMENT 'customers / the customers of the scheme', "
          + "amount_12m DECIMAL(18,2) COMMENT 'net revenue of the trailing year of the segment (sum of amount_12m)', "
          + "revenue_share DOUBLE COMMENT 'max(amount_12m, 0) / the sum of max(amount_12m, 0) over the segments "
          + "of the scheme; null when none is positive'",
      "as_of_date")
      .withGrain("one row per segment of each report scheme (value position, A/B/C grade, lifecycle) per as-of date").withKey("as_of_date", "scheme", "segment");

  public static final Table REPORT_PARETO = Table.of(Layer.GOLD, "report_pareto",
      "The revenue Pareto curve of the executive summary: for each percent 1..100 of the customers with "
          + "positive trailing-year revenue, largest first, how many they are and their share of that revenue.",
      "as_of_date DATE COMMENT 'the as-of date of the gold snapshot', "
          + "customer_percent INT COMMENT 'p, 1..100: the top p percent of the customers with revenue', "
          + "customers BIGINT COMMENT 'ceil(customers_with_revenue * p / 100): the top customers counted', "
          + "customers_with_revenue BIGINT COMMENT 'customers with a positive amount_12m at the as-of date', "
          + "amount_12m DECIMAL(18,2) COMMENT 'the trailing-year net revenue of those top customers', "
          + "revenue_share DOUBLE COMMENT 'amount_12m / the trailing-year revenue of all customers with revenue'",
      "as_of_date")
      .withGrain("one row per percent of customers (1 to 100) per as-of date").withKey("as_of_date", "customer_percent");

  public static final Table REPORT_KPIS = Table.of(Layer.GOLD, "report_kpis",
      "The executive summary's headline KPIs in long form: per month and KPI, its value, the previous "
          + "month's and the same month last year's, all from the same snapshot.",
      "as_of_date DATE COMMENT 'the as-of date of the gold snapshot', "
          + "month_start DATE COMMENT 'the first day of the month', "
          + "kpi STRING COMMENT 'the KPI: the name of its column in gold.loyalty_metrics, gold.leaky_bucket or "
          + "gold.referral_metrics', "
          + "value DOUBLE COMMENT 'the KPI in the month', "
          + "previous_month_value DOUBLE COMMENT 'the KPI in the month before; null without that month', "
          + "same_month_last_year_value DOUBLE COMMENT 'the KPI twelve months before; null without that month'",
      "as_of_date")
      .withGrain("one row per month and headline KPI per as-of date").withKey("as_of_date", "month_start", "kpi");

  /** The columns that identify a row of each gold table within one as_of_date snapshot. */
  public static final Map<Table, List<String>> GOLD_ROW_KEYS = Map.ofEntries(
      Map.entry(CUSTOMER_PROFILE, List.of("customer_key")),
      Map.entry(CUSTOMER_SEGMENTS, List.of("customer_key", "scheme")),
      Map.entry(SEGMENT_THRESHOLDS, List.of("scheme", "threshold")),
      Map.entry(LOYALTY_METRICS, List.of("breakdown", "breakdown_value", "month_start")),
      Map.entry(REFERRAL_METRICS, List.of("period", "month_start")),
      Map.entry(CHURN_COHORTS, List.of("acquisition_month", "months_since_acquisition")),
      Map.entry(LEAKY_BUCKET, List.of("month_start")),
      Map.entry(AT_RISK_CUSTOMERS, List.of("priority")),
      Map.entry(CUSTOMER_LIFETIME_VALUE, List.of("customer_key")),
      Map.entry(CUSTOMER_CREDIT, List.of("customer_key")),
      Map.entry(CREDIT_FOLLOW_UP, List.of("priority")),
      Map.entry(CREDIT_AGEING, List.of("month_start")),
      Map.entry(CARE_ACTIONS, List.of("action_id")),
      Map.entry(CLV_MODEL, List.of("model")),
      Map.entry(REPORT_SEGMENT_MIX, List.of("scheme", "segment")),
      Map.entry(REPORT_PARETO, List.of("customer_percent")),
      Map.entry(REPORT_KPIS, List.of("month_start", "kpi")));

  public static List<Table> all() {
    return List.of(BRONZE_CUSTOMERS, BRONZE_TRANSACTIONS, BRONZE_INTERACTIONS, BRONZE_REFERRALS,
        CUSTOMERS, CUSTOMER_PII, TRANSACTIONS, PAYMENT_UPDATES, INTERACTIONS, REFERRALS, QUARANTINE, INGEST_LOG,
        CUSTOMER_STATE, QUALITY_RESULTS, ERASURE_LOG, CARE_EXPORT_LOG, CUSTOMER_PROFILE, CUSTOMER_SEGMENTS, SEGMENT_THRESHOLDS, LOYALTY_METRICS, REFERRAL_METRICS,
        CHURN_COHORTS, LEAKY_BUCKET, AT_RISK_CUSTOMERS, CUSTOMER_LIFETIME_VALUE, CLV_MODEL, CUSTOMER_CREDIT, CREDIT_FOLLOW_UP, CREDIT_AGEING, CARE_ACTIONS, REPORT_SEGMENT_MIX,
        REPORT_PARETO, REPORT_KPIS);
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
        BRONZE_DDL, "logical_date")
        .withGrain("one row per record of the " + kind.label() + " export files").withKey("file_id", "row_number");
  }
}
