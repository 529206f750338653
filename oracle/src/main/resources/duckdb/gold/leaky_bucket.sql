-- gold.leaky_bucket from the definitions (defaults: churn after 180 days without a purchase, annual
-- value over 365 days, complaints in the 365 days before churning, top 3 categories). The base at a
-- date is counted directly (bought, and fewer than 180 days since the last purchase), not from the
-- flows, so the identity at end = start + gained + won back - lost is checked, not assumed.
-- Needs as_of.sql.
CREATE OR REPLACE TEMP TABLE churn_events AS
SELECT customer_key, d AS last_purchase_date, d + 180 AS churn_date
FROM pday
WHERE (next_d IS NULL OR date_diff('day', d, next_d) > 180) AND d + 180 <= DATE '${as_of}';

CREATE OR REPLACE TEMP TABLE bucket_months AS
SELECT month_start,
       least(CAST(month_start + INTERVAL 1 MONTH AS DATE) - 1, DATE '${as_of}') AS month_end,
       month_start - 1 AS previous_end
FROM months;

CREATE OR REPLACE TEMP TABLE base_at AS
WITH ends AS (
  SELECT month_end AS at_date FROM bucket_months UNION SELECT previous_end FROM bucket_months
),
last_purchase AS (
  SELECT e.at_date, p.customer_key, max(p.d) AS last_d
  FROM ends e JOIN pday p ON p.d <= e.at_date
  GROUP BY ALL
)
SELECT e.at_date, count(lp.customer_key) FILTER (WHERE date_diff('day', lp.last_d, e.at_date) < 180) AS customers
FROM ends e LEFT JOIN last_purchase lp USING (at_date)
GROUP BY e.at_date;

CREATE OR REPLACE TEMP TABLE customer_month_revenue AS
SELECT customer_key, CAST(date_trunc('month', d) AS DATE) AS month_start, sum(amount) AS revenue
FROM lines GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE gained AS
SELECT customer_key, CAST(date_trunc('month', min(d)) AS DATE) AS month_start FROM pday GROUP BY customer_key;

CREATE OR REPLACE TEMP TABLE won_back AS
SELECT DISTINCT customer_key, CAST(date_trunc('month', d) AS DATE) AS month_start
FROM pday WHERE previous_d IS NOT NULL AND date_diff('day', previous_d, d) > 180;

CREATE OR REPLACE TEMP TABLE lost_value AS
SELECT e.customer_key, e.churn_date, CAST(date_trunc('month', e.churn_date) AS DATE) AS month_start,
       (SELECT sum(l.amount) FROM lines l WHERE l.customer_key = e.customer_key
         AND l.d <= e.last_purchase_date AND l.d > e.last_purchase_date - 365) AS annual_value
FROM churn_events e;

CREATE OR REPLACE TEMP TABLE churn_complaints AS
SELECT e.month_start, i.category, count(DISTINCT e.customer_key) AS customers
FROM lost_value e JOIN ixn i ON i.customer_key = e.customer_key AND i.interaction_type = 'complaint'
 AND i.received_date <= e.churn_date AND i.received_date > e.churn_date - 365
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE top_categories AS
SELECT month_start, string_agg(category || ':' || CAST(customers AS VARCHAR), ', ' ORDER BY customers DESC, category) AS top
FROM (SELECT *, row_number() OVER (PARTITION BY month_start ORDER BY customers DESC, category) AS n FROM churn_complaints)
WHERE n <= 3
GROUP BY month_start;

WITH month_revenue AS (
  SELECT month_start, sum(revenue) AS revenue FROM customer_month_revenue GROUP BY month_start
)
SELECT DATE '${as_of}' AS as_of_date, m.month_start,
       s.customers AS customers_at_start,
       (SELECT count(*) FROM gained g WHERE g.month_start = m.month_start) AS customers_gained,
       (SELECT count(*) FROM won_back w WHERE w.month_start = m.month_start) AS customers_won_back,
       (SELECT count(*) FROM lost_value v WHERE v.month_start = m.month_start) AS customers_lost,
       e.customers AS customers_at_end,
       e.customers - s.customers AS customers_net,
       coalesce((SELECT revenue FROM month_revenue r WHERE r.month_start = m.month_start - INTERVAL 1 MONTH), 0) AS revenue_at_start,
       coalesce((SELECT sum(c.revenue) FROM customer_month_revenue c JOIN gained g USING (customer_key, month_start)
                 WHERE c.month_start = m.month_start), 0) AS revenue_gained,
       coalesce((SELECT sum(c.revenue) FROM customer_month_revenue c JOIN won_back w USING (customer_key, month_start)
                 WHERE c.month_start = m.month_start), 0) AS revenue_won_back,
       coalesce((SELECT revenue FROM month_revenue r WHERE r.month_start = m.month_start), 0)
         - coalesce((SELECT sum(c.revenue) FROM customer_month_revenue c JOIN gained g USING (customer_key, month_start)
                     WHERE c.month_start = m.month_start), 0)
         - coalesce((SELECT sum(c.revenue) FROM customer_month_revenue c JOIN won_back w USING (customer_key, month_start)
                     WHERE c.month_start = m.month_start), 0) AS revenue_retained,
       coalesce((SELECT revenue FROM month_revenue r WHERE r.month_start = m.month_start), 0) AS revenue_at_end,
       coalesce((SELECT revenue FROM month_revenue r WHERE r.month_start = m.month_start), 0)
         - coalesce((SELECT revenue FROM month_revenue r WHERE r.month_start = m.month_start - INTERVAL 1 MONTH), 0) AS revenue_net,
       coalesce((SELECT sum(v.annual_value) FROM lost_value v WHERE v.month_start = m.month_start), 0) AS revenue_lost,
       (SELECT count(DISTINCT v.customer_key) FROM lost_value v JOIN ixn i ON i.customer_key = v.customer_key
         AND i.interaction_type = 'complaint' AND i.received_date <= v.churn_date AND i.received_date > v.churn_date - 365
         WHERE v.month_start = m.month_start) AS lost_with_complaints,
       t.top AS top_churn_complaint_categories
FROM bucket_months m
LEFT JOIN top_categories t ON t.month_start = m.month_start
JOIN base_at s ON s.at_date = m.previous_end
JOIN base_at e ON e.at_date = m.month_end;
