-- The DuckDB peer's load step in the benchmark: landing CSV files (the generator's clean exports,
-- canonical headers) -> tables shaped like the silver tables the gold SQL reads
-- (src_customers, src_transactions, src_interactions, src_referrals). What a DuckDB user would
-- write by hand for the same input: typed columns, labels mapped to canonical values (the label
-- table comes from the configuration, as in ingest), refunds negative, one row per record id
-- (first file wins), customer versions dated by their file's date with unchanged repeats
-- collapsed, masked display names (docs/privacy: 张伟 -> 张*, John Smith -> J*** S.), the month and
-- day (MM-DD) of the birthday / founding date (the care calendar's; the full dates are personal).
-- It validates nothing: the benchmark's exports carry no deliberate mess (--messy-share 0).
--
-- Parameters: ${landing} (the landing folder), ${up_to} (the last file date to load).
-- Tables prepared by the caller: customer_keys(customer_id, customer_key) (the pseudonymous keys,
-- computed with the installation secret) and labels(kind, label, value) (label lower-cased).

CREATE OR REPLACE TEMP MACRO cell(v) AS CASE WHEN length(trim(v)) > 0 THEN trim(v) END;

CREATE OR REPLACE TEMP MACRO file_date(f) AS CAST(regexp_extract(f, '/([0-9]{4}-[0-9]{2}-[0-9]{2})/[^/]*$', 1) AS DATE);

CREATE OR REPLACE TEMP MACRO masked(name) AS
  CASE
    WHEN cell(name) IS NULL THEN NULL
    WHEN regexp_matches(cell(name), '^\p{Han}')
      THEN substr(cell(name), 1, 1) || repeat('*', greatest(1, length(cell(name)) - 1))
    WHEN regexp_matches(cell(name), '\s')
      THEN substr(cell(name), 1, 1) || '*** ' || substr(regexp_extract(cell(name), '(\S+)$', 1), 1, 1) || '.'
    ELSE substr(cell(name), 1, 1) || '***'
  END;

CREATE OR REPLACE TEMP TABLE tx_rows AS
WITH raw AS (
  SELECT *, file_date(filename) AS file_date
  FROM read_csv('${landing}/transactions/*/*.csv', header = true, all_varchar = true, filename = true)
  WHERE file_date(filename) <= DATE '${up_to}'
),
typed AS (
  SELECT cell(r.transaction_id) AS transaction_id, k.customer_key,
         CAST(cell(r.transaction_date) AS DATE) AS transaction_date,
         coalesce(t.value, CASE WHEN cell(r.transaction_type) IS NULL THEN 'sale' END) AS transaction_type,
         CAST(cell(r.amount) AS DECIMAL(18, 2)) AS unsigned_amount,
         CAST(cell(r.quantity) AS INTEGER) AS quantity, CAST(cell(r.cost) AS DECIMAL(18, 2)) AS cost,
         cell(r.product_category) AS product_category, cell(r.channel) AS channel,
         CAST(cell(r.payment_due_date) AS DATE) AS payment_due_date, CAST(cell(r.paid_date) AS DATE) AS paid_date,
         r.file_date, r.filename
  FROM raw r
  JOIN customer_keys k ON k.customer_id = cell(r.customer_id)
  LEFT JOIN labels t ON t.kind = 'transaction_type' AND t.label = lower(cell(r.transaction_type))
)
SELECT transaction_id, customer_key, transaction_date, transaction_type,
       CASE WHEN transaction_type = 'refund' THEN -abs(unsigned_amount) ELSE unsigned_amount END AS amount,
       quantity, cost, product_category, channel, payment_due_date, paid_date,
       file_date AS logical_date, filename AS source_file,
       row_number() OVER (PARTITION BY transaction_id ORDER BY file_date, filename) AS row_number
FROM typed;

-- The first row of each id is the line; a later row of the id (the same line exported again, e.g.
-- once paid) carries its payment news: the latest row's terms are the line's (docs/metrics.md, Credit).
CREATE OR REPLACE TEMP TABLE src_transactions AS
SELECT * FROM tx_rows WHERE row_number = 1;

CREATE OR REPLACE TEMP TABLE src_payment_updates AS
SELECT transaction_id, customer_key, payment_due_date, paid_date, logical_date, source_file, row_number
FROM tx_rows WHERE row_number > 1;

CREATE OR REPLACE TEMP TABLE src_interactions AS
WITH raw AS (
  SELECT *, file_date(filename) AS file_date
  FROM read_csv('${landing}/interactions/*/*.csv', header = true, all_varchar = true, filename = true)
  WHERE file_date(filename) <= DATE '${up_to}'
)
SELECT cell(r.interaction_id) AS interaction_id, k.customer_key, t.value AS interaction_type,
       cell(r.channel) AS channel, cell(r.category) AS category,
       CAST(cell(r.received_at) AS TIMESTAMP) AS received_at,
       CAST(cell(r.first_response_at) AS TIMESTAMP) AS first_response_at,
       CAST(cell(r.resolved_at) AS TIMESTAMP) AS resolved_at,
       CAST(cell(r.satisfaction) AS INTEGER) AS satisfaction
FROM raw r
JOIN customer_keys k ON k.customer_id = cell(r.customer_id)
LEFT JOIN labels t ON t.kind = 'interaction_type' AND t.label = lower(cell(r.interaction_type))
QUALIFY row_number() OVER (PARTITION BY cell(r.interaction_id) ORDER BY r.file_date, r.filename) = 1;

CREATE OR REPLACE TEMP TABLE src_referrals AS
WITH raw AS (
  SELECT *, file_date(filename) AS file_date
  FROM read_csv('${landing}/referrals/*/*.csv', header = true, all_varchar = true, filename = true)
  WHERE file_date(filename) <= DATE '${up_to}'
)
SELECT cell(r.referral_id) AS referral_id, a.customer_key AS referrer_customer_key,
       b.customer_key AS referred_customer_key, CAST(cell(r.referral_date) AS DATE) AS referral_date,
       CAST(cell(r.reward_amount) AS DECIMAL(18, 2)) AS reward_amount
FROM raw r
JOIN customer_keys a ON a.customer_id = cell(r.referrer_customer_id)
JOIN customer_keys b ON b.customer_id = cell(r.referred_customer_id)
QUALIFY row_number() OVER (PARTITION BY cell(r.referral_id) ORDER BY r.file_date, r.filename) = 1;

-- Customer versions: one candidate per customer and file date (first file wins), a new version
-- only when the attributes differ from the previous one; valid_to = the next version's start.
CREATE OR REPLACE TEMP TABLE src_customers AS
WITH raw AS (
  SELECT *, file_date(filename) AS file_date
  FROM read_csv('${landing}/customers/*/*.csv', header = true, all_varchar = true, filename = true)
  WHERE file_date(filename) <= DATE '${up_to}'
),
candidates AS (
  SELECT k.customer_key, masked(r.name) AS display_name_masked, n.value AS nature,
         cell(r.nature) AS nature_label, cell(r.industry) AS industry, cell(r.region) AS region,
         cell(r.acquisition_channel) AS acquisition_channel,
         CAST(cell(r.registered_date) AS DATE) AS registered_date,
         strftime(CAST(cell(r.birthday) AS DATE), '%m-%d') AS birth_month_day,
         strftime(CAST(cell(r.founding_date) AS DATE), '%m-%d') AS founding_month_day, r.file_date AS valid_from
  FROM raw r
  JOIN customer_keys k ON k.customer_id = cell(r.customer_id)
  LEFT JOIN labels n ON n.kind = 'nature' AND n.label = lower(cell(r.nature))
  QUALIFY row_number() OVER (PARTITION BY k.customer_key, r.file_date ORDER BY r.filename) = 1
),
marked AS (
  SELECT *, row(display_name_masked, nature, nature_label, industry, region, acquisition_channel, registered_date,
                 birth_month_day, founding_month_day)
              IS DISTINCT FROM lag(row(display_name_masked, nature, nature_label, industry, region,
                                        acquisition_channel, registered_date, birth_month_day, founding_month_day))
                               OVER (PARTITION BY customer_key ORDER BY valid_from) AS is_change
  FROM candidates
),
versions AS (
  SELECT * EXCLUDE (is_change) FROM marked WHERE is_change
)
SELECT *, lead(valid_from) OVER (PARTITION BY customer_key ORDER BY valid_from) AS valid_to
FROM versions;
