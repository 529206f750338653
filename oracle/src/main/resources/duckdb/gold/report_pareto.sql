-- gold.report_pareto from the definitions, over this oracle's own customer profile. Needs customer_profile.sql.
WITH with_revenue AS (
  SELECT customer_key, amount_12m FROM gold_customer_profile WHERE amount_12m > 0
),
ranked AS (
  SELECT row_number() OVER (ORDER BY amount_12m DESC, customer_key) AS position,
         sum(amount_12m) OVER (ORDER BY amount_12m DESC, customer_key
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative
  FROM with_revenue
),
totals AS (
  SELECT count(*) AS customers_with_revenue, sum(amount_12m) AS total FROM with_revenue
),
percents AS (
  SELECT CAST(p.range AS INTEGER) AS customer_percent, t.customers_with_revenue, t.total,
         CAST(ceil(t.customers_with_revenue * p.range / 100.0) AS BIGINT) AS customers
  FROM range(1, 101) p, totals t
  WHERE t.customers_with_revenue > 0
)
SELECT DATE '${as_of}' AS as_of_date, g.customer_percent, g.customers, g.customers_with_revenue,
       CAST(r.cumulative AS DECIMAL(18,2)) AS amount_12m,
       CAST(r.cumulative AS DOUBLE) / CAST(g.total AS DOUBLE) AS revenue_share
FROM percents g JOIN ranked r ON r.position = g.customers;
