-- gold.customer_profile, from the definitions in docs/metrics.md (defaults: trailing year 365 days,
-- new 365, active window 90, churn 180, upcoming 90 on enquiry/visit/call, response 24 h, Pareto
-- 0.80 / 0.95, grade A 20000 & 2 years, B 5000 & 1 year, quality index 1.0 & growth 0.0, RFM
-- quintile edges, VIP platinum 50000 / gold 20000 / silver 5000). Needs as_of.sql; leaves the
-- table gold_profile behind for the other files.
CREATE OR REPLACE TEMP TABLE facts AS
WITH per AS (
  SELECT customer_key,
         min(d) AS first_transaction_date,
         max(d) AS last_transaction_date,
         min(d) FILTER (WHERE transaction_type = 'sale') AS first_purchase_date,
         max(d) FILTER (WHERE transaction_type = 'sale') AS last_purchase_date,
         count(*) FILTER (WHERE transaction_type = 'sale') AS purchase_count,
         count(*) FILTER (WHERE transaction_type = 'refund') AS refund_count,
         count(DISTINCT d) FILTER (WHERE transaction_type = 'sale') AS purchase_days,
         count(DISTINCT d) FILTER (WHERE transaction_type = 'sale' AND d > DATE '${as_of}' - 365) AS purchase_days_12m,
         coalesce(sum(amount) FILTER (WHERE transaction_type = 'sale'), 0) AS sales_amount,
         coalesce(sum(amount) FILTER (WHERE transaction_type = 'refund'), 0) AS refund_amount,
         sum(amount) AS total_amount,
         coalesce(sum(amount) FILTER (WHERE d > DATE '${as_of}' - 365), 0) AS amount_12m,
         coalesce(sum(amount) FILTER (WHERE d <= DATE '${as_of}' - 365 AND d > DATE '${as_of}' - 730), 0) AS amount_prior_12m,
         coalesce(sum(amount - cost) FILTER (WHERE transaction_type = 'sale' AND cost IS NOT NULL), 0) AS profit_amount,
         coalesce(sum(amount - cost) FILTER (WHERE transaction_type = 'sale' AND cost IS NOT NULL
                                             AND d > DATE '${as_of}' - 365), 0) AS profit_12m,
         coalesce(sum(amount) FILTER (WHERE transaction_type = 'sale' AND cost IS NOT NULL), 0) AS costed_sales_amount
  FROM lines
  GROUP BY customer_key
),
stake AS (
  SELECT per.customer_key, sum(l.amount) AS value_at_stake
  FROM per JOIN lines l ON l.customer_key = per.customer_key
   AND l.d <= per.last_purchase_date AND l.d > per.last_purchase_date - 365
  GROUP BY per.customer_key
),
win_back AS (
  SELECT customer_key, max(d) AS last_win_back_date
  FROM pday
  WHERE previous_d IS NOT NULL AND date_diff('day', previous_d, d) > 180
  GROUP BY customer_key
),
service AS (
  SELECT customer_key,
         count(*) FILTER (WHERE interaction_type = 'complaint') AS complaint_count,
         count(*) FILTER (WHERE interaction_type = 'complaint' AND resolved_at IS NULL) AS open_complaint_count,
         count(*) FILTER (WHERE interaction_type = 'complaint' AND first_response_at IS NOT NULL
                          AND date_diff('second', received_at, first_response_at) <= 24 * 3600) AS complaints_answered_in_time,
         quantile_cont(date_diff('second', received_at, resolved_at) / 3600.0, 0.5)
           FILTER (WHERE interaction_type = 'complaint' AND resolved_at IS NOT NULL) AS median_resolution_hours,
         count(satisfaction) AS satisfaction_responses,
         avg(CAST(satisfaction AS DOUBLE)) AS average_satisfaction,
         max(received_date) FILTER (WHERE interaction_type IN ('enquiry', 'visit', 'call')) AS last_enquiry_date
  FROM ixn
  GROUP BY customer_key
),
referral_outcomes AS (
  SELECT r.*, EXISTS (SELECT 1 FROM pday p WHERE p.customer_key = r.referred_customer_key
                                            AND p.d >= r.referral_date) AS converted
  FROM refs r
),
made AS (
  SELECT referrer_customer_key AS customer_key, count(*) AS referrals_made,
         count(*) FILTER (WHERE converted) AS referrals_converted
  FROM referral_outcomes
  GROUP BY referrer_customer_key
),
referred_by AS (
  SELECT customer_key, referred_by_customer_key FROM (
    SELECT r.referred_customer_key AS customer_key, r.referrer_customer_key AS referred_by_customer_key,
           row_number() OVER (PARTITION BY r.referred_customer_key ORDER BY r.referral_date, r.referral_id) AS n
    FROM refs r LEFT JOIN per ON per.customer_key = r.referred_customer_key
    WHERE per.first_purchase_date IS NULL OR r.referral_date <= per.first_purchase_date)
  WHERE n = 1
)
SELECT c.*,
       per.first_transaction_date, per.last_transaction_date, per.first_purchase_date, per.last_purchase_date,
       date_diff('day', per.first_purchase_date, DATE '${as_of}') AS tenure_days,
       date_diff('day', per.first_purchase_date, DATE '${as_of}') / 365.25 AS cooperation_years,
       date_diff('day', per.last_purchase_date, DATE '${as_of}') AS days_since_last_purchase,
       coalesce(per.purchase_count, 0) + coalesce(per.refund_count, 0) AS transaction_count,
       coalesce(per.purchase_count, 0) AS purchase_count,
       coalesce(per.refund_count, 0) AS refund_count,
       coalesce(per.purchase_days, 0) AS purchase_days,
       coalesce(per.purchase_days_12m, 0) AS purchase_days_12m,
       coalesce(per.sales_amount, 0) AS sales_amount,
       coalesce(per.refund_amount, 0) AS refund_amount,
       coalesce(per.total_amount, 0) AS total_amount,
       coalesce(per.amount_12m, 0) AS amount_12m,
       coalesce(per.amount_prior_12m, 0) AS amount_prior_12m,
       CASE WHEN per.purchase_count > 0 THEN CAST(per.sales_amount AS DOUBLE) / per.purchase_count END AS average_purchase_amount,
       coalesce(per.profit_amount, 0) AS profit_amount,
       coalesce(per.profit_12m, 0) AS profit_12m,
       CASE WHEN per.costed_sales_amount > 0
            THEN CAST(per.profit_amount AS DOUBLE) / CAST(per.costed_sales_amount AS DOUBLE) END AS profit_margin,
       coalesce(service.complaint_count, 0) AS complaint_count,
       coalesce(service.open_complaint_count, 0) AS open_complaint_count,
       coalesce(service.complaints_answered_in_time, 0) AS complaints_answered_in_time,
       service.median_resolution_hours,
       coalesce(service.satisfaction_responses, 0) AS satisfaction_responses,
       service.average_satisfaction,
       coalesce(made.referrals_made, 0) AS referrals_made,
       coalesce(made.referrals_converted, 0) AS referrals_converted,
       referred_by.referred_by_customer_key,
       referred_by.referred_by_customer_key IS NOT NULL AS is_referred,
       stake.value_at_stake,
       date_diff('day', win_back.last_win_back_date, DATE '${as_of}') AS days_since_win_back,
       date_diff('day', service.last_enquiry_date, DATE '${as_of}') AS days_since_last_enquiry
FROM cust c
LEFT JOIN per USING (customer_key)
LEFT JOIN stake USING (customer_key)
LEFT JOIN win_back USING (customer_key)
LEFT JOIN service USING (customer_key)
LEFT JOIN made USING (customer_key)
LEFT JOIN referred_by USING (customer_key);

-- The distributions behind the rank-based and relative segments.
CREATE OR REPLACE TEMP TABLE scored AS
WITH buyers AS (
  SELECT * FROM facts WHERE first_purchase_date IS NOT NULL
),
-- Counts and sums over "the others with a larger / smaller value" are window functions over the
-- sorted values (rank - 1 = rows strictly before; a running sum minus the ties' sum = the sum of
-- strictly larger values), not correlated subqueries: those are quadratic in the customers.
pareto AS (
  SELECT customer_key,
         CAST(sum(amount_12m) OVER (ORDER BY amount_12m DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
              - sum(amount_12m) OVER (PARTITION BY amount_12m) AS DOUBLE)
           / CAST(sum(amount_12m) OVER () AS DOUBLE) AS revenue_share_before
  FROM facts
  WHERE amount_12m > 0
),
rfm AS (
  SELECT customer_key,
         CAST(rank() OVER (ORDER BY days_since_last_purchase DESC) - 1 AS DOUBLE) / count(*) OVER () AS r_percentile,
         CAST(rank() OVER (ORDER BY purchase_days ASC) - 1 AS DOUBLE) / count(*) OVER () AS f_percentile,
         CAST(rank() OVER (ORDER BY total_amount ASC) - 1 AS DOUBLE) / count(*) OVER () AS m_percentile
  FROM buyers
),
mean_profit AS (
  SELECT CAST(sum(profit_12m) AS DOUBLE) / count(*) AS mean_profit_12m FROM facts WHERE purchase_days_12m > 0
)
SELECT f.*, pareto.revenue_share_before,
       1 + (r_percentile >= 0.2)::INT + (r_percentile >= 0.4)::INT + (r_percentile >= 0.6)::INT + (r_percentile >= 0.8)::INT AS rfm_recency_score,
       1 + (f_percentile >= 0.2)::INT + (f_percentile >= 0.4)::INT + (f_percentile >= 0.6)::INT + (f_percentile >= 0.8)::INT AS rfm_frequency_score,
       1 + (m_percentile >= 0.2)::INT + (m_percentile >= 0.4)::INT + (m_percentile >= 0.6)::INT + (m_percentile >= 0.8)::INT AS rfm_monetary_score,
       CASE WHEN mean_profit_12m > 0 THEN CAST(f.profit_12m AS DOUBLE) / mean_profit_12m END AS profit_index,
       CASE WHEN f.amount_prior_12m > 0
            THEN CAST(f.amount_12m - f.amount_prior_12m AS DOUBLE) / CAST(f.amount_prior_12m AS DOUBLE) END AS growth_rate
FROM facts f
LEFT JOIN pareto USING (customer_key)
LEFT JOIN rfm USING (customer_key)
CROSS JOIN mean_profit;

CREATE OR REPLACE TEMP TABLE gold_profile AS
SELECT *,
       CASE WHEN first_purchase_date IS NULL THEN 'potential' WHEN tenure_days <= 365 THEN 'new' ELSE 'old' END AS time_segment,
       CASE WHEN days_since_last_purchase < 90 THEN 'current'
            WHEN last_purchase_date IS NOT NULL THEN 'past'
            WHEN days_since_last_enquiry < 90 THEN 'upcoming'
            ELSE 'none' END AS trading_stage,
       coalesce(nature, 'unknown') AS nature_segment,
       CASE WHEN revenue_share_before < 0.80 THEN 'key' WHEN revenue_share_before < 0.95 THEN 'general'
            ELSE 'scattered' END AS value_position,
       CASE WHEN amount_12m >= 20000 AND cooperation_years >= 2.0 THEN 'A'
            WHEN amount_12m >= 5000 AND cooperation_years >= 1.0 THEN 'B'
            ELSE 'C' END AS abc_grade,
       CASE WHEN coalesce(profit_index >= 1.0, false)
                 AND (coalesce(growth_rate >= 0.0, false) OR (amount_prior_12m <= 0 AND amount_12m > 0)) THEN 'quality'
            WHEN coalesce(profit_index >= 1.0, false) THEN 'declining'
            WHEN coalesce(growth_rate >= 0.0, false) OR (amount_prior_12m <= 0 AND amount_12m > 0) THEN 'growing'
            ELSE 'poor' END AS quality_segment,
       CASE WHEN rfm_recency_score IS NULL THEN 'none'
            WHEN rfm_recency_score >= 4 AND rfm_frequency_score >= 4 THEN 'champions'
            WHEN rfm_recency_score >= 3 AND rfm_frequency_score >= 3 THEN 'loyal'
            WHEN rfm_recency_score = 5 AND rfm_frequency_score = 1 THEN 'new'
            WHEN rfm_recency_score >= 3 AND rfm_frequency_score <= 2 THEN 'potential_loyalist'
            WHEN rfm_recency_score <= 2 AND rfm_frequency_score >= 4 AND rfm_monetary_score >= 4 THEN 'cant_lose'
            WHEN rfm_recency_score <= 2 AND rfm_frequency_score >= 3 THEN 'at_risk'
            WHEN rfm_recency_score = 2 AND rfm_frequency_score <= 2 THEN 'hibernating'
            WHEN rfm_recency_score = 1 AND rfm_frequency_score <= 2 THEN 'lost'
            ELSE 'other' END AS rfm_segment,
       CASE WHEN amount_12m >= 50000 THEN 'platinum' WHEN amount_12m >= 20000 THEN 'gold'
            WHEN amount_12m >= 5000 THEN 'silver' ELSE 'none' END AS vip_tier,
       CASE WHEN days_since_last_purchase IS NULL THEN 'none'
            WHEN days_since_last_purchase >= 180 THEN 'churned'
            WHEN days_since_last_purchase >= 90 THEN 'at_risk'
            WHEN days_since_win_back < 90 THEN 'won_back'
            ELSE 'active' END AS lifecycle_stage
FROM scored;

SELECT DATE '${as_of}' AS as_of_date, customer_key, display_name_masked, nature, nature_label, industry, region,
       acquisition_channel, registered_date, first_transaction_date, last_transaction_date, first_purchase_date,
       last_purchase_date, tenure_days, cooperation_years, days_since_last_purchase, transaction_count,
       purchase_count, refund_count, purchase_days, sales_amount, refund_amount, total_amount, amount_12m,
       amount_prior_12m, average_purchase_amount, profit_amount, profit_12m, profit_margin, complaint_count,
       open_complaint_count, complaints_answered_in_time, median_resolution_hours, satisfaction_responses,
       average_satisfaction, referrals_made, referrals_converted, referred_by_customer_key, is_referred,
       value_at_stake, time_segment, trading_stage, nature_segment, value_position, abc_grade, quality_segment,
       rfm_recency_score, rfm_frequency_score, rfm_monetary_score, rfm_segment, vip_tier, lifecycle_stage,
       profit_index, growth_rate, days_since_last_enquiry, days_since_win_back
FROM gold_profile;
