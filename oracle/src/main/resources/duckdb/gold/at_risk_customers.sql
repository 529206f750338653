-- gold.at_risk_customers from the definitions (defaults: active window 90, churn 180, recently
-- churned 90 days). Needs customer_profile.sql (gold_profile).
WITH listed AS (
  SELECT * FROM gold_profile
  WHERE (value_position = 'key' OR abc_grade = 'A' OR vip_tier <> 'none')
    AND (lifecycle_stage = 'at_risk' OR (lifecycle_stage = 'churned' AND days_since_last_purchase < 180 + 90))
)
SELECT DATE '${as_of}' AS as_of_date,
       CAST(row_number() OVER (ORDER BY value_at_stake DESC, customer_key) AS INTEGER) AS priority,
       customer_key, display_name_masked, nature, value_position, abc_grade, vip_tier, lifecycle_stage,
       last_purchase_date, days_since_last_purchase, value_at_stake, amount_12m, open_complaint_count,
       concat_ws('; ',
         CASE WHEN lifecycle_stage = 'at_risk' THEN 'at risk: no purchase for ' ELSE 'churned: no purchase for ' END
           || CAST(days_since_last_purchase AS VARCHAR) || ' days',
         concat_ws(', ',
           CASE WHEN value_position = 'key' THEN 'key customer' END,
           CASE WHEN abc_grade = 'A' THEN 'grade A' END,
           CASE WHEN vip_tier <> 'none' THEN vip_tier || ' VIP' END),
         CASE WHEN open_complaint_count > 0 THEN CAST(open_complaint_count AS VARCHAR) || ' open complaint(s)' END)
         AS flag_reason
FROM listed;
