-- gold.segment_thresholds from the definitions in docs/metrics.md ("gold.segment_thresholds"), over
-- this oracle's own classification (gold_profile, customer_profile.sql): the edges of the relative
-- schemes as the smallest (largest, for recency) measure among the customers a label reaches.
WITH p AS (SELECT * FROM gold_profile),
edges AS (
  SELECT
    CAST(min(amount_12m) FILTER (WHERE value_position = 'key') AS DOUBLE) AS key_amount,
    CAST(min(amount_12m) FILTER (WHERE value_position IN ('key', 'general')) AS DOUBLE) AS general_amount,
    CASE WHEN count(*) FILTER (WHERE purchase_days_12m > 0) > 0
         THEN CAST(sum(profit_12m) FILTER (WHERE purchase_days_12m > 0) AS DOUBLE)
              / count(*) FILTER (WHERE purchase_days_12m > 0) END AS mean_profit,
    [CAST(max(days_since_last_purchase) FILTER (WHERE rfm_recency_score >= 2) AS DOUBLE),
     CAST(max(days_since_last_purchase) FILTER (WHERE rfm_recency_score >= 3) AS DOUBLE),
     CAST(max(days_since_last_purchase) FILTER (WHERE rfm_recency_score >= 4) AS DOUBLE),
     CAST(max(days_since_last_purchase) FILTER (WHERE rfm_recency_score >= 5) AS DOUBLE)] AS r,
    [CAST(min(purchase_days) FILTER (WHERE rfm_frequency_score >= 2) AS DOUBLE),
     CAST(min(purchase_days) FILTER (WHERE rfm_frequency_score >= 3) AS DOUBLE),
     CAST(min(purchase_days) FILTER (WHERE rfm_frequency_score >= 4) AS DOUBLE),
     CAST(min(purchase_days) FILTER (WHERE rfm_frequency_score >= 5) AS DOUBLE)] AS f,
    [CAST(min(total_amount) FILTER (WHERE rfm_monetary_score >= 2) AS DOUBLE),
     CAST(min(total_amount) FILTER (WHERE rfm_monetary_score >= 3) AS DOUBLE),
     CAST(min(total_amount) FILTER (WHERE rfm_monetary_score >= 4) AS DOUBLE),
     CAST(min(total_amount) FILTER (WHERE rfm_monetary_score >= 5) AS DOUBLE)] AS m
  FROM p
),
k AS (SELECT unnest([2, 3, 4, 5]) AS score)
SELECT DATE '${as_of}' AS as_of_date, 'value_position' AS scheme, 'key' AS threshold, 'amount_12m' AS measure,
       '>=' AS comparison, key_amount AS value FROM edges
UNION ALL
SELECT DATE '${as_of}', 'value_position', 'general', 'amount_12m', '>=', general_amount FROM edges
UNION ALL
SELECT DATE '${as_of}', 'quality', 'mean_profit_12m', 'profit_12m', 'none', mean_profit FROM edges
UNION ALL
SELECT DATE '${as_of}', 'rfm', 'recency_score_' || score, 'days_since_last_purchase', '<=', r[score - 1] FROM edges, k
UNION ALL
SELECT DATE '${as_of}', 'rfm', 'frequency_score_' || score, 'purchase_days', '>=', f[score - 1] FROM edges, k
UNION ALL
SELECT DATE '${as_of}', 'rfm', 'monetary_score_' || score, 'total_amount', '>=', m[score - 1] FROM edges, k;
