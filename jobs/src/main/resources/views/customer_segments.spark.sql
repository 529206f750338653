-- gold.customer_segments (Spark SQL): gold.customer_profile in long form, one row per customer and scheme
-- with the segment, the score the rule thresholded and the inputs that decided it; value_position's
-- inputs add the day's two amount thresholds from gold.segment_thresholds. docs/metrics.md defines them.
SELECT p.as_of_date, p.customer_key, m.scheme, m.segment, m.score, m.inputs
FROM gold.customer_profile p
LEFT JOIN (
  SELECT as_of_date,
         max(CASE WHEN threshold = 'key' THEN value END) AS key_threshold,
         max(CASE WHEN threshold = 'general' THEN value END) AS general_threshold
  FROM gold.segment_thresholds
  WHERE scheme = 'value_position'
  GROUP BY as_of_date) t
  ON t.as_of_date = p.as_of_date
LATERAL VIEW inline(array(
  named_struct('scheme', 'time', 'segment', p.time_segment, 'score', CAST(p.tenure_days AS DOUBLE),
    'inputs', map('tenure_days', CAST(p.tenure_days AS DOUBLE))),
  named_struct('scheme', 'trading_stage', 'segment', p.trading_stage,
    'score', CAST(p.days_since_last_purchase AS DOUBLE),
    'inputs', map('days_since_last_purchase', CAST(p.days_since_last_purchase AS DOUBLE),
      'days_since_last_enquiry', CAST(p.days_since_last_enquiry AS DOUBLE))),
  named_struct('scheme', 'nature', 'segment', p.nature_segment, 'score', CAST(NULL AS DOUBLE),
    'inputs', map_from_arrays(CAST(array() AS ARRAY<STRING>), CAST(array() AS ARRAY<DOUBLE>))),
  named_struct('scheme', 'value_position', 'segment', p.value_position, 'score', CAST(p.amount_12m AS DOUBLE),
    'inputs', map('amount_12m', CAST(p.amount_12m AS DOUBLE), 'key_threshold', t.key_threshold,
      'general_threshold', t.general_threshold)),
  named_struct('scheme', 'abc_grade', 'segment', p.abc_grade, 'score', CAST(p.amount_12m AS DOUBLE),
    'inputs', map('amount_12m', CAST(p.amount_12m AS DOUBLE), 'cooperation_years', p.cooperation_years)),
  named_struct('scheme', 'quality', 'segment', p.quality_segment, 'score', p.profit_index,
    'inputs', map('profit_12m', CAST(p.profit_12m AS DOUBLE), 'profit_index', p.profit_index,
      'amount_12m', CAST(p.amount_12m AS DOUBLE), 'amount_prior_12m', CAST(p.amount_prior_12m AS DOUBLE),
      'growth_rate', p.growth_rate)),
  named_struct('scheme', 'rfm', 'segment', p.rfm_segment,
    'score', CAST(p.rfm_recency_score * 100 + p.rfm_frequency_score * 10 + p.rfm_monetary_score AS DOUBLE),
    'inputs', map('days_since_last_purchase', CAST(p.days_since_last_purchase AS DOUBLE),
      'purchase_days', CAST(p.purchase_days AS DOUBLE), 'total_amount', CAST(p.total_amount AS DOUBLE),
      'rfm_recency_score', CAST(p.rfm_recency_score AS DOUBLE),
      'rfm_frequency_score', CAST(p.rfm_frequency_score AS DOUBLE),
      'rfm_monetary_score', CAST(p.rfm_monetary_score AS DOUBLE))),
  named_struct('scheme', 'vip_tier', 'segment', p.vip_tier, 'score', CAST(p.amount_12m AS DOUBLE),
    'inputs', map('amount_12m', CAST(p.amount_12m AS DOUBLE))),
  named_struct('scheme', 'lifecycle', 'segment', p.lifecycle_stage,
    'score', CAST(p.days_since_last_purchase AS DOUBLE),
    'inputs', map('days_since_last_purchase', CAST(p.days_since_last_purchase AS DOUBLE),
      'days_since_win_back', CAST(p.days_since_win_back AS DOUBLE))))) m AS scheme, segment, score, inputs
