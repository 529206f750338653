-- gold.loyalty_metrics from the definitions (defaults: "old" after 365 days, churn after 180, top 20%,
-- answered within 24 h). Needs as_of.sql and customer_profile.sql (gold_profile: segments at the as-of date).
CREATE OR REPLACE TEMP TABLE member AS
SELECT customer_key, 'all' AS breakdown, 'all' AS breakdown_value FROM gold_profile
UNION ALL SELECT customer_key, 'nature', nature_segment FROM gold_profile
UNION ALL SELECT customer_key, 'value_position', value_position FROM gold_profile;

-- One row per customer and month with a transaction line.
CREATE OR REPLACE TEMP TABLE customer_month AS
SELECT l.customer_key, CAST(date_trunc('month', l.d) AS DATE) AS month_start,
       count(DISTINCT l.d) FILTER (WHERE l.transaction_type = 'sale') AS purchase_days,
       coalesce(sum(l.amount) FILTER (WHERE l.transaction_type = 'sale'), 0) AS sales_amount,
       sum(l.amount) AS revenue,
       coalesce(sum(l.amount) FILTER (WHERE p.first_purchase_date IS NOT NULL
                                      AND date_diff('day', p.first_purchase_date, l.d) > 365), 0) AS old_customer_revenue,
       any_value(p.first_purchase_date) AS first_purchase_date
FROM lines l JOIN gold_profile p USING (customer_key)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE customer_month_flags AS
SELECT cm.*,
       cm.purchase_days > 0 AS is_active,
       cm.purchase_days > 0 AND CAST(date_trunc('month', cm.first_purchase_date) AS DATE) = cm.month_start AS is_new,
       cm.purchase_days > 0
         AND (SELECT count(*) FROM pday p WHERE p.customer_key = cm.customer_key
                                            AND p.d < cm.month_start + INTERVAL 1 MONTH) >= 2 AS is_repeat,
       cm.purchase_days > 0
         AND EXISTS (SELECT 1 FROM pday p WHERE p.customer_key = cm.customer_key
                                           AND date_trunc('month', p.d) = cm.month_start - INTERVAL 1 MONTH) AS is_retained,
       EXISTS (SELECT 1 FROM pday p WHERE p.customer_key = cm.customer_key AND date_trunc('month', p.d) = cm.month_start
                                      AND p.previous_d IS NOT NULL AND date_diff('day', p.previous_d, p.d) > 180) AS is_won_back
FROM customer_month cm;

CREATE OR REPLACE TEMP TABLE sales_by_group AS
WITH ranked AS (
  SELECT f.*, m.breakdown, m.breakdown_value,
         row_number() OVER (PARTITION BY m.breakdown, m.breakdown_value, f.month_start
                            ORDER BY f.revenue DESC, f.customer_key) AS revenue_rank,
         count(*) OVER (PARTITION BY m.breakdown, m.breakdown_value, f.month_start) AS customers_with_lines
  FROM customer_month_flags f JOIN member m USING (customer_key)
)
SELECT breakdown, breakdown_value, month_start,
       count(*) FILTER (WHERE is_active) AS active_customers,
       count(*) FILTER (WHERE is_new) AS new_customers,
       count(*) FILTER (WHERE is_won_back) AS won_back_customers,
       count(*) FILTER (WHERE is_repeat) AS repeat_customers,
       count(*) FILTER (WHERE is_retained) AS retained_customers,
       sum(purchase_days) AS purchase_days,
       sum(sales_amount) AS sales_amount,
       sum(revenue) AS revenue,
       sum(old_customer_revenue) AS old_customer_revenue,
       coalesce(sum(revenue) FILTER (WHERE revenue_rank <= (customers_with_lines * 20 + 99) // 100), 0) AS top_customers_revenue
FROM ranked
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE service_by_group AS
SELECT m.breakdown, m.breakdown_value, CAST(date_trunc('month', i.received_date) AS DATE) AS month_start,
       count(i.satisfaction) AS satisfaction_responses,
       avg(CAST(i.satisfaction AS DOUBLE)) AS average_satisfaction,
       count(*) FILTER (WHERE i.interaction_type = 'complaint') AS complaints,
       count(*) FILTER (WHERE i.interaction_type = 'complaint' AND i.first_response_at IS NOT NULL
                        AND date_diff('second', i.received_at, i.first_response_at) <= 86400) AS complaints_answered_in_time,
       quantile_cont(date_diff('second', i.received_at, i.resolved_at) / 3600.0, 0.5)
         FILTER (WHERE i.interaction_type = 'complaint' AND i.resolved_at IS NOT NULL) AS median_resolution_hours
FROM ixn i JOIN member m USING (customer_key)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE loyalty AS
SELECT g.breakdown, g.breakdown_value, months.month_start,
       coalesce(s.active_customers, 0) AS active_customers,
       coalesce(s.new_customers, 0) AS new_customers,
       coalesce(s.won_back_customers, 0) AS won_back_customers,
       coalesce(s.repeat_customers, 0) AS repeat_customers,
       coalesce(s.retained_customers, 0) AS retained_customers,
       coalesce(s.purchase_days, 0) AS purchase_days,
       coalesce(s.sales_amount, 0) AS sales_amount,
       coalesce(s.revenue, 0) AS revenue,
       coalesce(s.old_customer_revenue, 0) AS old_customer_revenue,
       coalesce(s.top_customers_revenue, 0) AS top_customers_revenue,
       coalesce(v.satisfaction_responses, 0) AS satisfaction_responses,
       v.average_satisfaction,
       coalesce(v.complaints, 0) AS complaints,
       coalesce(v.complaints_answered_in_time, 0) AS complaints_answered_in_time,
       v.median_resolution_hours
FROM months
CROSS JOIN (SELECT DISTINCT breakdown, breakdown_value FROM member) g
LEFT JOIN sales_by_group s ON s.breakdown = g.breakdown AND s.breakdown_value = g.breakdown_value
                           AND s.month_start = months.month_start
LEFT JOIN service_by_group v ON v.breakdown = g.breakdown AND v.breakdown_value = g.breakdown_value
                             AND v.month_start = months.month_start;

SELECT DATE '${as_of}' AS as_of_date, l.month_start, l.breakdown, l.breakdown_value,
       l.active_customers, l.new_customers, l.active_customers - l.new_customers AS returning_customers,
       l.won_back_customers, l.repeat_customers,
       CASE WHEN l.active_customers > 0 THEN CAST(l.repeat_customers AS DOUBLE) / l.active_customers END AS repeat_purchase_rate,
       coalesce(prev.active_customers, 0) AS previous_month_active_customers,
       l.retained_customers,
       CASE WHEN prev.active_customers > 0 THEN CAST(l.retained_customers AS DOUBLE) / prev.active_customers END AS retention_rate,
       l.purchase_days,
       CASE WHEN l.active_customers > 0 THEN CAST(l.purchase_days AS DOUBLE) / l.active_customers END AS purchase_frequency,
       l.sales_amount, l.revenue,
       CASE WHEN l.purchase_days > 0 THEN CAST(l.sales_amount AS DOUBLE) / l.purchase_days END AS average_order_value,
       l.old_customer_revenue,
       CASE WHEN l.revenue > 0 THEN CAST(l.old_customer_revenue AS DOUBLE) / CAST(l.revenue AS DOUBLE) END AS old_customer_revenue_share,
       l.top_customers_revenue,
       CASE WHEN l.revenue > 0 THEN CAST(l.top_customers_revenue AS DOUBLE) / CAST(l.revenue AS DOUBLE) END AS top_customers_revenue_share,
       l.satisfaction_responses, l.average_satisfaction, l.complaints,
       CASE WHEN l.purchase_days > 0 THEN CAST(l.complaints AS DOUBLE) / l.purchase_days END AS complaint_rate,
       l.complaints_answered_in_time,
       CASE WHEN l.complaints > 0 THEN CAST(l.complaints_answered_in_time AS DOUBLE) / l.complaints END AS answered_in_time_share,
       l.median_resolution_hours
FROM loyalty l
LEFT JOIN loyalty prev ON prev.breakdown = l.breakdown AND prev.breakdown_value = l.breakdown_value
                      AND prev.month_start = l.month_start - INTERVAL 1 MONTH;
