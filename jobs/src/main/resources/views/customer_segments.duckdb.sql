-- gold.customer_segments (DuckDB SQL, for reading the Delta folders without Spark: docs/bi.md): the same
-- rows as the Spark view, from gold.customer_profile and gold.segment_thresholds.
WITH p AS (
  SELECT p.*, t.key_threshold, t.general_threshold
  FROM gold.customer_profile p
  LEFT JOIN (
    SELECT as_of_date,
           max(CASE WHEN threshold = 'key' THEN value END) AS key_threshold,
           max(CASE WHEN threshold = 'general' THEN value END) AS general_threshold
    FROM gold.segment_thresholds
    WHERE scheme = 'value_position'
    GROUP BY as_of_date) t
    ON t.as_of_date = p.as_of_date)
SELECT as_of_date, customer_key, 'time' AS scheme, time_segment AS segment, CAST(tenure_days AS DOUBLE) AS score,
       map(['tenure_days'], [CAST(tenure_days AS DOUBLE)]) AS inputs
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'trading_stage', trading_stage, CAST(days_since_last_purchase AS DOUBLE),
       map(['days_since_last_purchase', 'days_since_last_enquiry'],
           [CAST(days_since_last_purchase AS DOUBLE), CAST(days_since_last_enquiry AS DOUBLE)])
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'nature', nature_segment, CAST(NULL AS DOUBLE),
       map(CAST([] AS VARCHAR[]), CAST([] AS DOUBLE[]))
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'value_position', value_position, CAST(amount_12m AS DOUBLE),
       map(['amount_12m', 'key_threshold', 'general_threshold'],
           [CAST(amount_12m AS DOUBLE), key_threshold, general_threshold])
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'abc_grade', abc_grade, CAST(amount_12m AS DOUBLE),
       map(['amount_12m', 'cooperation_years'], [CAST(amount_12m AS DOUBLE), cooperation_years])
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'quality', quality_segment, profit_index,
       map(['profit_12m', 'profit_index', 'amount_12m', 'amount_prior_12m', 'growth_rate'],
           [CAST(profit_12m AS DOUBLE), profit_index, CAST(amount_12m AS DOUBLE), CAST(amount_prior_12m AS DOUBLE),
            growth_rate])
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'rfm', rfm_segment,
       CAST(rfm_recency_score * 100 + rfm_frequency_score * 10 + rfm_monetary_score AS DOUBLE),
       map(['days_since_last_purchase', 'purchase_days', 'total_amount', 'rfm_recency_score', 'rfm_frequency_score',
            'rfm_monetary_score'],
           [CAST(days_since_last_purchase AS DOUBLE), CAST(purchase_days AS DOUBLE), CAST(total_amount AS DOUBLE),
            CAST(rfm_recency_score AS DOUBLE), CAST(rfm_frequency_score AS DOUBLE),
            CAST(rfm_monetary_score AS DOUBLE)])
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'vip_tier', vip_tier, CAST(amount_12m AS DOUBLE),
       map(['amount_12m'], [CAST(amount_12m AS DOUBLE)])
FROM p
UNION ALL
SELECT as_of_date, customer_key, 'lifecycle', lifecycle_stage, CAST(days_since_last_purchase AS DOUBLE),
       map(['days_since_last_purchase', 'days_since_win_back'],
           [CAST(days_since_last_purchase AS DOUBLE), CAST(days_since_win_back AS DOUBLE)])
FROM p
