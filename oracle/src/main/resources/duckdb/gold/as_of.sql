-- Silver as known at the end of the as-of date, for the independent DuckDB recomputation of the
-- gold tables (docs/metrics.md, "The as-of date"). Parameters: ${silver.customers},
-- ${silver.transactions}, ${silver.interactions}, ${silver.referrals} (each a FROM-clause source
-- shaped like that silver table: a read_parquet(...) of an export, or a table) and ${as_of}.
-- Every file of this folder uses the default settings of clientele.analytics, written out as numbers.

-- Transaction lines dated up to the as-of date.
CREATE OR REPLACE TEMP TABLE lines AS
SELECT customer_key, transaction_date AS d, transaction_type, amount, cost
FROM ${silver.transactions}
WHERE transaction_date <= DATE '${as_of}';

-- Interactions received by the end of the as-of day; later answers / resolutions are not known yet.
CREATE OR REPLACE TEMP TABLE ixn AS
SELECT customer_key, interaction_id, interaction_type, coalesce(category, 'unknown') AS category, received_at,
       CAST(received_at AS DATE) AS received_date,
       CASE WHEN first_response_at < CAST(DATE '${as_of}' + 1 AS TIMESTAMP) THEN first_response_at END AS first_response_at,
       CASE WHEN resolved_at < CAST(DATE '${as_of}' + 1 AS TIMESTAMP) THEN resolved_at END AS resolved_at,
       satisfaction
FROM ${silver.interactions}
WHERE received_at < CAST(DATE '${as_of}' + 1 AS TIMESTAMP);

CREATE OR REPLACE TEMP TABLE refs AS
SELECT referral_id, referrer_customer_key, referred_customer_key, referral_date, reward_amount
FROM ${silver.referrals}
WHERE referral_date <= DATE '${as_of}';

-- Customers that exist at the as-of date with the attributes of their version valid then; a
-- customer whose first version starts later exists when registered by then or when any record of
-- them is dated by then, with the attributes of that first version (birth_month_day and
-- founding_month_day included: the care calendar's birthdays and founding days).
CREATE OR REPLACE TEMP TABLE cust AS
WITH versions AS (
  SELECT * FROM ${silver.customers}
),
evidence AS (
  SELECT customer_key FROM lines
  UNION SELECT customer_key FROM ixn
  UNION SELECT referrer_customer_key FROM refs
  UNION SELECT referred_customer_key FROM refs
),
valid_now AS (
  SELECT * FROM versions
  WHERE valid_from <= DATE '${as_of}' AND (valid_to IS NULL OR valid_to > DATE '${as_of}')
),
first_later AS (
  SELECT v.* FROM versions v
  WHERE v.valid_from = (SELECT min(w.valid_from) FROM versions w WHERE w.customer_key = v.customer_key)
    AND v.valid_from > DATE '${as_of}'
    AND (v.registered_date <= DATE '${as_of}' OR v.customer_key IN (SELECT customer_key FROM evidence))
)
SELECT customer_key, display_name_masked, nature, nature_label, industry, region, acquisition_channel, registered_date,
       birth_month_day, founding_month_day
FROM valid_now
UNION ALL
SELECT customer_key, display_name_masked, nature, nature_label, industry, region, acquisition_channel, registered_date,
       birth_month_day, founding_month_day
FROM first_later;

-- Purchase days: days with a sale line; with the previous and next purchase day of the customer.
CREATE OR REPLACE TEMP TABLE pday AS
SELECT customer_key, d,
       lag(d) OVER (PARTITION BY customer_key ORDER BY d) AS previous_d,
       lead(d) OVER (PARTITION BY customer_key ORDER BY d) AS next_d
FROM (SELECT DISTINCT customer_key, d FROM lines WHERE transaction_type = 'sale');

-- Months covered by the monthly tables: first transaction month to the as-of month.
CREATE OR REPLACE TEMP TABLE months AS
WITH bounds AS (SELECT date_trunc('month', min(d)) AS first_month FROM lines)
SELECT CAST(g.generate_series AS DATE) AS month_start
FROM bounds,
     generate_series(CAST(bounds.first_month AS TIMESTAMP),
                     CAST(date_trunc('month', DATE '${as_of}') AS TIMESTAMP), INTERVAL 1 MONTH) AS g
WHERE bounds.first_month IS NOT NULL;
