-- gold.churn_cohorts from the definitions. Needs as_of.sql.
WITH acquired AS (
  SELECT customer_key, CAST(date_trunc('month', min(d)) AS DATE) AS acquisition_month
  FROM pday GROUP BY customer_key
),
sizes AS (
  SELECT acquisition_month, count(*) AS cohort_customers FROM acquired GROUP BY acquisition_month
),
cells AS (
  SELECT s.acquisition_month, m.month_start, s.cohort_customers,
         (SELECT count(DISTINCT p.customer_key) FROM pday p JOIN acquired a USING (customer_key)
           WHERE a.acquisition_month = s.acquisition_month AND date_trunc('month', p.d) = m.month_start) AS customers_retained,
         (SELECT coalesce(sum(l.amount), 0) FROM lines l JOIN acquired a USING (customer_key)
           WHERE a.acquisition_month = s.acquisition_month AND date_trunc('month', l.d) = m.month_start) AS revenue_retained
  FROM sizes s JOIN months m ON m.month_start >= s.acquisition_month
)
SELECT DATE '${as_of}' AS as_of_date, c.acquisition_month,
       CAST(date_diff('month', c.acquisition_month, c.month_start) AS INTEGER) AS months_since_acquisition,
       c.month_start, c.cohort_customers, c.customers_retained,
       CAST(c.customers_retained AS DOUBLE) / c.cohort_customers AS retention_rate,
       c.revenue_retained,
       CASE WHEN first.revenue_retained > 0
            THEN CAST(c.revenue_retained AS DOUBLE) / CAST(first.revenue_retained AS DOUBLE) END AS revenue_retention_rate
FROM cells c
JOIN cells first ON first.acquisition_month = c.acquisition_month AND first.month_start = c.acquisition_month;
