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
          + "is_current BOOLEAN, " + LINEAGE)
      // The gold build keeps silver.customer_state in step with what changed here since its last run.
      .withProperties(Map.of("delta.enableChangeDataFeed", "true"));

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
          + "channel STRING, payment_due_date DATE, paid_date DATE, record_hash STRING, " + LINEAGE)
      // The gold build keeps silver.customer_state in step with what changed here since its last run.
      .withProperties(Map.of("delta.enableChangeDataFeed", "true"));

  public static final Table INTERACTIONS = Table.of(Layer.SILVER, "interactions",
      "Enquiries, visits, calls, complaints, service tickets and feedback, with the times of "
          + "receipt, first response and resolution (exporter's local wall-clock time).",
      "interaction_id STRING, customer_key STRING, interaction_type STRING, channel STRING, "
          + "category STRING, received_at TIMESTAMP, first_response_at TIMESTAMP, resolved_at TIMESTAMP, "
          + "satisfaction INT, summary STRING, resolution STRING, record_hash STRING, " + LINEAGE)
      // The gold build keeps silver.customer_state in step with what changed here since its last run.
      .withProperties(Map.of("delta.enableChangeDataFeed", "true"));

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

  public static final Table CUSTOMER_STATE = Table.of(Layer.SILVER, "customer_state",
      "Derived state kept by the gold build (not a business entity): one row per customer holding "
          + "everything the gold tables read about them — the versions of their archive (silver.customers), "
          + "their daily transaction activity as parallel arrays in date order (element i of every array "
          + "describes day activity_dates[i]; amounts in cents) and their interactions. Rebuilt for the "
          + "customers whose silver rows changed since the last build, so a daily build reads one row per "
          + "customer instead of every line since the beginning.",
      "customer_key STRING, "
          + "versions ARRAY<STRUCT<valid_from: DATE, valid_to: DATE, display_name_masked: STRING, nature: STRING, "
          + "nature_label: STRING, industry: STRING, region: STRING, acquisition_channel: STRING, "
          + "registered_date: DATE>>, "
          + "activity_dates ARRAY<DATE>, purchase_lines ARRAY<INT>, refund_lines ARRAY<INT>, "
          + "sales_cents ARRAY<BIGINT>, refund_cents ARRAY<BIGINT>, costed_sales_cents ARRAY<BIGINT>, "
          + "profit_cents ARRAY<BIGINT>, "
          + "interactions ARRAY<STRUCT<received_at: TIMESTAMP, interaction_id: STRING, interaction_type: STRING, "
          + "category: STRING, first_response_at: TIMESTAMP, resolved_at: TIMESTAMP, satisfaction: INT>>")
      // A daily build rewrites a few thousand customers' rows: deletion vectors mark the old rows
      // instead of rewriting every file they sit in.
      .withProperties(Map.of("delta.enableDeletionVectors", "true"));

  public static final Table QUALITY_RESULTS = Table.of(Layer.SILVER, "quality_results",
      "The data-quality rules' outcome per as-of date (clientele check): one row per rule with its "
          + "severity (error fails the run), status (passed, failed, skipped when its dataset has no rows), "
          + "the measured value and what the rule requires. A re-run replaces its date's rows.",
      "as_of_date DATE, rule_name STRING, dataset STRING, severity STRING, status STRING, "
          + "metric_value DOUBLE, requirement STRING, message STRING",
      "as_of_date");

  // ---- gold: business marts, one snapshot per as_of_date (docs/metrics.md defines every column)

  public static final Table CUSTOMER_PROFILE = Table.of(Layer.GOLD, "customer_profile",
      "The customer archive (客户档案): one row per customer per as-of date with attributes, purchase, "
          + "profit, service and referral facts and every segment label. No personal data.",
      "as_of_date DATE, customer_key STRING, display_name_masked STRING, nature STRING, nature_label STRING, "
          + "industry STRING, region STRING, acquisition_channel STRING, registered_date DATE, "
          + "first_transaction_date DATE, last_transaction_date DATE, first_purchase_date DATE, "
          + "last_purchase_date DATE, tenure_days INT, cooperation_years DOUBLE, days_since_last_purchase INT, "
          + "transaction_count BIGINT, purchase_count BIGINT, refund_count BIGINT, purchase_days BIGINT, "
          + "sales_amount DECIMAL(18,2), refund_amount DECIMAL(18,2), total_amount DECIMAL(18,2), "
          + "amount_12m DECIMAL(18,2), amount_prior_12m DECIMAL(18,2), average_purchase_amount DOUBLE, "
          + "profit_amount DECIMAL(18,2), profit_12m DECIMAL(18,2), profit_margin DOUBLE, "
          + "complaint_count BIGINT, open_complaint_count BIGINT, complaints_answered_in_time BIGINT, "
          + "median_resolution_hours DOUBLE, satisfaction_responses BIGINT, average_satisfaction DOUBLE, "
          + "referrals_made BIGINT, referrals_converted BIGINT, referred_by_customer_key STRING, "
          + "is_referred BOOLEAN, value_at_stake DECIMAL(18,2), time_segment STRING, trading_stage STRING, "
          + "nature_segment STRING, value_position STRING, abc_grade STRING, quality_segment STRING, "
          + "rfm_recency_score INT, rfm_frequency_score INT, rfm_monetary_score INT, rfm_segment STRING, "
          + "vip_tier STRING, lifecycle_stage STRING",
      "as_of_date");

  public static final Table CUSTOMER_SEGMENTS = Table.of(Layer.GOLD, "customer_segments",
      "Segment membership in long form: one row per customer, scheme and as-of date, with the score "
          + "and the inputs that decided it.",
      "as_of_date DATE, customer_key STRING, scheme STRING, segment STRING, score DOUBLE, "
          + "inputs MAP<STRING, DOUBLE>",
      "as_of_date");

  public static final Table LOYALTY_METRICS = Table.of(Layer.GOLD, "loyalty_metrics",
      "Loyalty per month (first transaction month to the as-of month), for all customers and broken "
          + "down by nature and by value position.",
      "as_of_date DATE, month_start DATE, breakdown STRING, breakdown_value STRING, "
          + "active_customers BIGINT, new_customers BIGINT, returning_customers BIGINT, "
          + "won_back_customers BIGINT, repeat_customers BIGINT, repeat_purchase_rate DOUBLE, "
          + "previous_month_active_customers BIGINT, retained_customers BIGINT, retention_rate DOUBLE, "
          + "purchase_days BIGINT, purchase_frequency DOUBLE, sales_amount DECIMAL(18,2), "
          + "revenue DECIMAL(18,2), average_order_value DOUBLE, old_customer_revenue DECIMAL(18,2), "
          + "old_customer_revenue_share DOUBLE, top_customers_revenue DECIMAL(18,2), "
          + "top_customers_revenue_share DOUBLE, satisfaction_responses BIGINT, average_satisfaction DOUBLE, "
          + "complaints BIGINT, complaint_rate DOUBLE, complaints_answered_in_time BIGINT, "
          + "answered_in_time_share DOUBLE, median_resolution_hours DOUBLE",
      "as_of_date");

  public static final Table REFERRAL_METRICS = Table.of(Layer.GOLD, "referral_metrics",
      "Referral (老带新) per month and overall: referral share of new customers, referring share, "
          + "conversion, K factor, reward cost against referred revenue, referred vs non-referred "
          + "first-year revenue and 6/12-month retention with lift, sample sizes and 95% interval, top referrers.",
      "as_of_date DATE, period STRING, month_start DATE, new_customers BIGINT, referred_new_customers BIGINT, "
          + "referred_new_share DOUBLE, active_customers BIGINT, referring_customers BIGINT, "
          + "referring_share DOUBLE, referrals BIGINT, referrals_converted BIGINT, "
          + "referral_conversion_rate DOUBLE, viral_k_factor DOUBLE, reward_cost DECIMAL(18,2), "
          + "referred_revenue DECIMAL(18,2), reward_to_revenue_ratio DOUBLE, "
          + "referred_first_year_customers BIGINT, non_referred_first_year_customers BIGINT, "
          + "referred_first_year_revenue DOUBLE, non_referred_first_year_revenue DOUBLE, "
          + "first_year_revenue_lift DOUBLE, first_year_revenue_lift_low DOUBLE, "
          + "first_year_revenue_lift_high DOUBLE, referred_retention_6m_customers BIGINT, "
          + "non_referred_retention_6m_customers BIGINT, referred_retention_6m_rate DOUBLE, "
          + "non_referred_retention_6m_rate DOUBLE, retention_6m_lift DOUBLE, retention_6m_lift_low DOUBLE, "
          + "retention_6m_lift_high DOUBLE, referred_retention_12m_customers BIGINT, "
          + "non_referred_retention_12m_customers BIGINT, referred_retention_12m_rate DOUBLE, "
          + "non_referred_retention_12m_rate DOUBLE, retention_12m_lift DOUBLE, "
          + "retention_12m_lift_low DOUBLE, retention_12m_lift_high DOUBLE, top_referrers STRING",
      "as_of_date");

  public static final Table CHURN_COHORTS = Table.of(Layer.GOLD, "churn_cohorts",
      "Monthly acquisition cohorts x months since acquisition: customers retained (bought that month), "
          + "share retained, revenue retained.",
      "as_of_date DATE, acquisition_month DATE, months_since_acquisition INT, month_start DATE, "
          + "cohort_customers BIGINT, customers_retained BIGINT, retention_rate DOUBLE, "
          + "revenue_retained DECIMAL(18,2), revenue_retention_rate DOUBLE",
      "as_of_date");

  public static final Table LEAKY_BUCKET = Table.of(Layer.GOLD, "leaky_bucket",
      "The leaky bucket (漏桶) per month: customers at start, gained, won back, lost, at end and net; "
          + "the same in revenue; the complaint categories that most often preceded the month's churn.",
      "as_of_date DATE, month_start DATE, customers_at_start BIGINT, customers_gained BIGINT, "
          + "customers_won_back BIGINT, customers_lost BIGINT, customers_at_end BIGINT, customers_net BIGINT, "
          + "revenue_at_start DECIMAL(18,2), revenue_gained DECIMAL(18,2), revenue_won_back DECIMAL(18,2), "
          + "revenue_retained DECIMAL(18,2), revenue_at_end DECIMAL(18,2), revenue_net DECIMAL(18,2), "
          + "revenue_lost DECIMAL(18,2), lost_with_complaints BIGINT, top_churn_complaint_categories STRING",
      "as_of_date");

  public static final Table AT_RISK_CUSTOMERS = Table.of(Layer.GOLD, "at_risk_customers",
      "The win-back list: valuable customers (key, A grade or VIP) now at risk or recently churned, "
          + "with the value at stake and why they are flagged, in priority order.",
      "as_of_date DATE, priority INT, customer_key STRING, display_name_masked STRING, nature STRING, "
          + "value_position STRING, abc_grade STRING, vip_tier STRING, lifecycle_stage STRING, "
          + "last_purchase_date DATE, days_since_last_purchase INT, value_at_stake DECIMAL(18,2), "
          + "amount_12m DECIMAL(18,2), open_complaint_count BIGINT, flag_reason STRING",
      "as_of_date");

  public static final Table CUSTOMER_LIFETIME_VALUE = Table.of(Layer.GOLD, "customer_lifetime_value",
      "Lifetime value ahead (BG/NBD and Gamma-Gamma, docs/clv.md): one row per customer with a purchase by "
          + "the as-of date — the models' RFM summary (frequency, recency, age = T in the configured unit), "
          + "P(alive), expected purchases in the next 30 / 90 / 365 days, the expected value of a purchase, "
          + "the discounted CLV over the configured horizon and the customer's CLV rank and decile. The "
          + "predictions are null where gold.clv_model could not fit a model (the value columns need both).",
      "as_of_date DATE, customer_key STRING, frequency DOUBLE, recency DOUBLE, age DOUBLE, monetary_value DOUBLE, "
          + "p_alive DOUBLE, expected_purchases_30d DOUBLE, expected_purchases_90d DOUBLE, "
          + "expected_purchases_365d DOUBLE, expected_average_order_value DOUBLE, clv DOUBLE, "
          + "value_at_risk DOUBLE, clv_rank BIGINT, clv_decile INT",
      "as_of_date");

  public static final Table CLV_MODEL = Table.of(Layer.GOLD, "clv_model",
      "The lifetime-value models fitted for the as-of date: one row per model (bg_nbd, gamma_gamma) with "
          + "its status, maximum-likelihood parameters, log-likelihood, convergence, objective evaluations, "
          + "customers and distinct customer groups used, and the settings the predictions used.",
      "as_of_date DATE, model STRING, status STRING, parameters MAP<STRING, DOUBLE>, log_likelihood DOUBLE, "
          + "converged BOOLEAN, evaluations INT, customers BIGINT, customer_groups BIGINT, time_unit STRING, "
          + "horizon_months INT, monthly_discount_rate DOUBLE",
      "as_of_date");

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
      "as_of_date");

  public static final Table REPORT_PARETO = Table.of(Layer.GOLD, "report_pareto",
      "The revenue Pareto curve of the executive summary: for each percent 1..100 of the customers with "
          + "positive trailing-year revenue, largest first, how many they are and their share of that revenue.",
      "as_of_date DATE COMMENT 'the as-of date of the gold snapshot', "
          + "customer_percent INT COMMENT 'p, 1..100: the top p percent of the customers with revenue', "
          + "customers BIGINT COMMENT 'ceil(customers_with_revenue * p / 100): the top customers counted', "
          + "customers_with_revenue BIGINT COMMENT 'customers with a positive amount_12m at the as-of date', "
          + "amount_12m DECIMAL(18,2) COMMENT 'the trailing-year net revenue of those top customers', "
          + "revenue_share DOUBLE COMMENT 'amount_12m / the trailing-year revenue of all customers with revenue'",
      "as_of_date");

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
      "as_of_date");

  /** The columns that identify a row of each gold table within one as_of_date snapshot. */
  public static final Map<Table, List<String>> GOLD_ROW_KEYS = Map.ofEntries(
      Map.entry(CUSTOMER_PROFILE, List.of("customer_key")),
      Map.entry(CUSTOMER_SEGMENTS, List.of("customer_key", "scheme")),
      Map.entry(LOYALTY_METRICS, List.of("breakdown", "breakdown_value", "month_start")),
      Map.entry(REFERRAL_METRICS, List.of("period", "month_start")),
      Map.entry(CHURN_COHORTS, List.of("acquisition_month", "months_since_acquisition")),
      Map.entry(LEAKY_BUCKET, List.of("month_start")),
      Map.entry(AT_RISK_CUSTOMERS, List.of("priority")),
      Map.entry(CUSTOMER_LIFETIME_VALUE, List.of("customer_key")),
      Map.entry(CLV_MODEL, List.of("model")),
      Map.entry(REPORT_SEGMENT_MIX, List.of("scheme", "segment")),
      Map.entry(REPORT_PARETO, List.of("customer_percent")),
      Map.entry(REPORT_KPIS, List.of("month_start", "kpi")));

  public static List<Table> all() {
    return List.of(BRONZE_CUSTOMERS, BRONZE_TRANSACTIONS, BRONZE_INTERACTIONS, BRONZE_REFERRALS,
        CUSTOMERS, CUSTOMER_PII, TRANSACTIONS, INTERACTIONS, REFERRALS, QUARANTINE, INGEST_LOG,
        CUSTOMER_STATE, QUALITY_RESULTS, CUSTOMER_PROFILE, CUSTOMER_SEGMENTS, LOYALTY_METRICS, REFERRAL_METRICS,
        CHURN_COHORTS, LEAKY_BUCKET, AT_RISK_CUSTOMERS, CUSTOMER_LIFETIME_VALUE, CLV_MODEL, REPORT_SEGMENT_MIX,
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
        BRONZE_DDL, "logical_date");
  }
}
