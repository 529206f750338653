-- gold.referral_metrics from the definitions (defaults: first year 365 days, retained at day 182 / 365
-- = a purchase in the 90 days up to that day, z = 1.959963984540054, top 10 referrers). Month rows
-- and the overall row (month_start NULL) are computed by GROUPING SETS or a separate query.
-- Needs as_of.sql and customer_profile.sql (gold_profile: first purchase and is_referred).
CREATE OR REPLACE TEMP TABLE acquired AS
SELECT p.customer_key, p.is_referred, CAST(date_trunc('month', p.first_purchase_date) AS DATE) AS m,
       (SELECT coalesce(sum(l.amount), 0) FROM lines l
         WHERE l.customer_key = p.customer_key
           AND l.d BETWEEN p.first_purchase_date AND p.first_purchase_date + 364) AS first_year_revenue,
       p.first_purchase_date + 364 <= DATE '${as_of}' AS has_first_year,
       p.first_purchase_date + 182 <= DATE '${as_of}' AS observed_6m,
       EXISTS (SELECT 1 FROM pday q WHERE q.customer_key = p.customer_key
                 AND q.d <= p.first_purchase_date + 182 AND q.d > p.first_purchase_date + 182 - 90) AS retained_6m,
       p.first_purchase_date + 365 <= DATE '${as_of}' AS observed_12m,
       EXISTS (SELECT 1 FROM pday q WHERE q.customer_key = p.customer_key
                 AND q.d <= p.first_purchase_date + 365 AND q.d > p.first_purchase_date + 365 - 90) AS retained_12m
FROM gold_profile p
WHERE p.first_purchase_date IS NOT NULL;

CREATE OR REPLACE TEMP TABLE referral_outcomes AS
SELECT r.*, CAST(date_trunc('month', r.referral_date) AS DATE) AS m,
       EXISTS (SELECT 1 FROM pday p WHERE p.customer_key = r.referred_customer_key AND p.d >= r.referral_date) AS converted
FROM refs r;

CREATE OR REPLACE TEMP TABLE acquisition AS
SELECT m AS month_start,
       count(*) AS new_customers,
       count(*) FILTER (WHERE is_referred) AS referred_new_customers,
       count(*) FILTER (WHERE is_referred AND has_first_year) AS n1_year,
       count(*) FILTER (WHERE NOT is_referred AND has_first_year) AS n2_year,
       avg(CAST(first_year_revenue AS DOUBLE)) FILTER (WHERE is_referred AND has_first_year) AS m1_year,
       avg(CAST(first_year_revenue AS DOUBLE)) FILTER (WHERE NOT is_referred AND has_first_year) AS m2_year,
       var_samp(CAST(first_year_revenue AS DOUBLE)) FILTER (WHERE is_referred AND has_first_year) AS v1_year,
       var_samp(CAST(first_year_revenue AS DOUBLE)) FILTER (WHERE NOT is_referred AND has_first_year) AS v2_year,
       count(*) FILTER (WHERE is_referred AND observed_6m) AS n1_6m,
       count(*) FILTER (WHERE NOT is_referred AND observed_6m) AS n2_6m,
       avg(CAST(retained_6m AS DOUBLE)) FILTER (WHERE is_referred AND observed_6m) AS p1_6m,
       avg(CAST(retained_6m AS DOUBLE)) FILTER (WHERE NOT is_referred AND observed_6m) AS p2_6m,
       count(*) FILTER (WHERE is_referred AND observed_12m) AS n1_12m,
       count(*) FILTER (WHERE NOT is_referred AND observed_12m) AS n2_12m,
       avg(CAST(retained_12m AS DOUBLE)) FILTER (WHERE is_referred AND observed_12m) AS p1_12m,
       avg(CAST(retained_12m AS DOUBLE)) FILTER (WHERE NOT is_referred AND observed_12m) AS p2_12m
FROM acquired
GROUP BY GROUPING SETS ((m), ());

CREATE OR REPLACE TEMP TABLE activity AS
SELECT a.m AS month_start, count(*) AS active_customers,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral_outcomes r
                                      WHERE r.referrer_customer_key = a.customer_key AND r.m = a.m)) AS referring_customers
FROM (SELECT DISTINCT customer_key, CAST(date_trunc('month', d) AS DATE) AS m FROM pday) a
GROUP BY a.m
UNION ALL
SELECT NULL, count(DISTINCT customer_key),
       count(DISTINCT customer_key) FILTER (WHERE customer_key IN (SELECT referrer_customer_key FROM refs))
FROM pday;

CREATE OR REPLACE TEMP TABLE referral_counts AS
SELECT m AS month_start, count(*) AS referrals, count(*) FILTER (WHERE converted) AS referrals_converted,
       sum(coalesce(reward_amount, 0)) AS reward_cost
FROM referral_outcomes
GROUP BY GROUPING SETS ((m), ());

CREATE OR REPLACE TEMP TABLE referred_revenue AS
SELECT CAST(date_trunc('month', l.d) AS DATE) AS month_start, sum(l.amount) AS referred_revenue
FROM lines l JOIN gold_profile p USING (customer_key)
WHERE p.is_referred
GROUP BY GROUPING SETS ((CAST(date_trunc('month', l.d) AS DATE)), ());

CREATE OR REPLACE TEMP TABLE top_referrers AS
WITH per_referrer AS (
  SELECT m AS month_start, referrer_customer_key, count(*) AS made, count(*) FILTER (WHERE converted) AS converted
  FROM referral_outcomes GROUP BY m, referrer_customer_key
  UNION ALL
  SELECT NULL, referrer_customer_key, count(*), count(*) FILTER (WHERE converted)
  FROM referral_outcomes GROUP BY referrer_customer_key
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY month_start ORDER BY converted DESC, made DESC, referrer_customer_key) AS n
  FROM per_referrer
)
SELECT month_start,
       string_agg(referrer_customer_key || ':' || CAST(converted AS VARCHAR) || '/' || CAST(made AS VARCHAR), ', '
                  ORDER BY n) AS top_referrers
FROM ranked WHERE n <= 10
GROUP BY month_start;

WITH periods AS (
  SELECT 'month' AS period, month_start FROM months
  UNION ALL SELECT 'overall', CAST(NULL AS DATE)
),
joined AS (
  SELECT p.period, p.month_start,
         coalesce(a.new_customers, 0) AS new_customers, coalesce(a.referred_new_customers, 0) AS referred_new_customers,
         coalesce(v.active_customers, 0) AS active_customers, coalesce(v.referring_customers, 0) AS referring_customers,
         coalesce(c.referrals, 0) AS referrals, coalesce(c.referrals_converted, 0) AS referrals_converted,
         coalesce(c.reward_cost, 0) AS reward_cost, coalesce(r.referred_revenue, 0) AS referred_revenue,
         coalesce(a.n1_year, 0) AS n1_year, coalesce(a.n2_year, 0) AS n2_year, a.m1_year, a.m2_year, a.v1_year, a.v2_year,
         coalesce(a.n1_6m, 0) AS n1_6m, coalesce(a.n2_6m, 0) AS n2_6m, a.p1_6m, a.p2_6m,
         coalesce(a.n1_12m, 0) AS n1_12m, coalesce(a.n2_12m, 0) AS n2_12m, a.p1_12m, a.p2_12m,
         t.top_referrers
  FROM periods p
  LEFT JOIN acquisition a ON a.month_start IS NOT DISTINCT FROM p.month_start
  LEFT JOIN activity v ON v.month_start IS NOT DISTINCT FROM p.month_start
  LEFT JOIN referral_counts c ON c.month_start IS NOT DISTINCT FROM p.month_start
  LEFT JOIN referred_revenue r ON r.month_start IS NOT DISTINCT FROM p.month_start
  LEFT JOIN top_referrers t ON t.month_start IS NOT DISTINCT FROM p.month_start
)
SELECT DATE '${as_of}' AS as_of_date, period, month_start,
       new_customers, referred_new_customers,
       CASE WHEN new_customers > 0 THEN CAST(referred_new_customers AS DOUBLE) / new_customers END AS referred_new_share,
       active_customers, referring_customers,
       CASE WHEN active_customers > 0 THEN CAST(referring_customers AS DOUBLE) / active_customers END AS referring_share,
       referrals, referrals_converted,
       CASE WHEN referrals > 0 THEN CAST(referrals_converted AS DOUBLE) / referrals END AS referral_conversion_rate,
       CASE WHEN active_customers > 0 THEN CAST(referrals_converted AS DOUBLE) / active_customers END AS viral_k_factor,
       reward_cost, referred_revenue,
       CASE WHEN referred_revenue > 0 THEN CAST(reward_cost AS DOUBLE) / CAST(referred_revenue AS DOUBLE) END AS reward_to_revenue_ratio,
       n1_year AS referred_first_year_customers, n2_year AS non_referred_first_year_customers,
       m1_year AS referred_first_year_revenue, m2_year AS non_referred_first_year_revenue,
       CASE WHEN n1_year > 0 AND n2_year > 0 AND m2_year > 0 THEN m1_year / m2_year END AS first_year_revenue_lift,
       CASE WHEN m1_year > 0 AND m2_year > 0 AND v1_year IS NOT NULL AND v2_year IS NOT NULL
            THEN m1_year / m2_year * exp(-1.959963984540054 * sqrt(v1_year / (n1_year * m1_year * m1_year)
                                                                  + v2_year / (n2_year * m2_year * m2_year))) END
         AS first_year_revenue_lift_low,
       CASE WHEN m1_year > 0 AND m2_year > 0 AND v1_year IS NOT NULL AND v2_year IS NOT NULL
            THEN m1_year / m2_year * exp(1.959963984540054 * sqrt(v1_year / (n1_year * m1_year * m1_year)
                                                                 + v2_year / (n2_year * m2_year * m2_year))) END
         AS first_year_revenue_lift_high,
       n1_6m AS referred_retention_6m_customers, n2_6m AS non_referred_retention_6m_customers,
       p1_6m AS referred_retention_6m_rate, p2_6m AS non_referred_retention_6m_rate,
       CASE WHEN n1_6m > 0 AND n2_6m > 0 AND p2_6m > 0 THEN p1_6m / p2_6m END AS retention_6m_lift,
       CASE WHEN p1_6m > 0 AND p2_6m > 0
            THEN p1_6m / p2_6m * exp(-1.959963984540054 * sqrt((1 - p1_6m) / (n1_6m * p1_6m) + (1 - p2_6m) / (n2_6m * p2_6m))) END
         AS retention_6m_lift_low,
       CASE WHEN p1_6m > 0 AND p2_6m > 0
            THEN p1_6m / p2_6m * exp(1.959963984540054 * sqrt((1 - p1_6m) / (n1_6m * p1_6m) + (1 - p2_6m) / (n2_6m * p2_6m))) END
         AS retention_6m_lift_high,
       n1_12m AS referred_retention_12m_customers, n2_12m AS non_referred_retention_12m_customers,
       p1_12m AS referred_retention_12m_rate, p2_12m AS non_referred_retention_12m_rate,
       CASE WHEN n1_12m > 0 AND n2_12m > 0 AND p2_12m > 0 THEN p1_12m / p2_12m END AS retention_12m_lift,
       CASE WHEN p1_12m > 0 AND p2_12m > 0
            THEN p1_12m / p2_12m * exp(-1.959963984540054 * sqrt((1 - p1_12m) / (n1_12m * p1_12m) + (1 - p2_12m) / (n2_12m * p2_12m))) END
         AS retention_12m_lift_low,
       CASE WHEN p1_12m > 0 AND p2_12m > 0
            THEN p1_12m / p2_12m * exp(1.959963984540054 * sqrt((1 - p1_12m) / (n1_12m * p1_12m) + (1 - p2_12m) / (n2_12m * p2_12m))) END
         AS retention_12m_lift_high,
       top_referrers
FROM joined;
