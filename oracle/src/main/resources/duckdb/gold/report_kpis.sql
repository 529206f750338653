-- gold.report_kpis from the definitions, over this oracle's own loyalty, leaky-bucket and referral tables.
-- Needs loyalty_metrics.sql, referral_metrics.sql, leaky_bucket.sql.
WITH kpi_values AS (
  SELECT month_start, 'revenue' AS kpi, CAST(revenue AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'active_customers' AS kpi, CAST(active_customers AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'new_customers' AS kpi, CAST(new_customers AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'average_order_value' AS kpi, CAST(average_order_value AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'old_customer_revenue_share' AS kpi, CAST(old_customer_revenue_share AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'retention_rate' AS kpi, CAST(retention_rate AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'repeat_purchase_rate' AS kpi, CAST(repeat_purchase_rate AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'top_customers_revenue_share' AS kpi, CAST(top_customers_revenue_share AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'answered_in_time_share' AS kpi, CAST(answered_in_time_share AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'complaint_rate' AS kpi, CAST(complaint_rate AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'average_satisfaction' AS kpi, CAST(average_satisfaction AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'median_resolution_hours' AS kpi, CAST(median_resolution_hours AS DOUBLE) AS value FROM gold_loyalty_metrics WHERE breakdown = 'all'
  UNION ALL
  SELECT month_start, 'customers_lost', CAST(customers_lost AS DOUBLE) FROM gold_leaky_bucket
  UNION ALL
  SELECT month_start, 'customers_won_back', CAST(customers_won_back AS DOUBLE) FROM gold_leaky_bucket
  UNION ALL
  SELECT month_start, 'referred_new_share', CAST(referred_new_share AS DOUBLE) FROM gold_referral_metrics WHERE period = 'month'
)
SELECT DATE '${as_of}' AS as_of_date, v.month_start, v.kpi, v.value,
       previous.value AS previous_month_value, last_year.value AS same_month_last_year_value
FROM kpi_values v
LEFT JOIN kpi_values previous
  ON previous.kpi = v.kpi AND previous.month_start = CAST(v.month_start - INTERVAL 1 MONTH AS DATE)
LEFT JOIN kpi_values last_year
  ON last_year.kpi = v.kpi AND last_year.month_start = CAST(v.month_start - INTERVAL 12 MONTH AS DATE);
