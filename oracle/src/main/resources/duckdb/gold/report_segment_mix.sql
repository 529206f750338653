-- gold.report_segment_mix from the definitions, over this oracle's own customer profile. Needs customer_profile.sql.
WITH segments AS (
  SELECT 'value_position' AS scheme, value_position AS segment, count(*) AS customers,
         coalesce(sum(amount_12m), 0) AS amount_12m
  FROM gold_customer_profile GROUP BY value_position
  UNION ALL
  SELECT 'abc_grade', abc_grade, count(*), coalesce(sum(amount_12m), 0) FROM gold_customer_profile GROUP BY abc_grade
  UNION ALL
  SELECT 'lifecycle', lifecycle_stage, count(*), coalesce(sum(amount_12m), 0)
  FROM gold_customer_profile GROUP BY lifecycle_stage
),
totals AS (
  SELECT scheme, sum(customers) AS customers, sum(greatest(amount_12m, 0)) AS positive
  FROM segments GROUP BY scheme
)
SELECT DATE '${as_of}' AS as_of_date, s.scheme, s.segment, s.customers,
       CAST(s.customers AS DOUBLE) / CAST(t.customers AS DOUBLE) AS customer_share,
       CAST(s.amount_12m AS DECIMAL(18,2)) AS amount_12m,
       CASE WHEN t.positive > 0
            THEN CAST(greatest(s.amount_12m, 0) AS DOUBLE) / CAST(t.positive AS DOUBLE) END AS revenue_share
FROM segments s JOIN totals t USING (scheme);
