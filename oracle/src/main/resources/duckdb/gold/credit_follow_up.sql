-- gold.credit_follow_up, from the definitions in docs/metrics.md ("Credit"; defaults of
-- clientele.analytics.credit.follow-up: past-due-days 31, compare-days 30). Needs customer_credit.sql
-- and the temp table previous_credit: gold_customer_credit computed as of 30 days before (DuckDbGold
-- runs as_of.sql, customer_profile.sql and customer_credit.sql for that date first).
WITH ranked AS (
  SELECT c.*, p.credit_grade AS previous_grade, p.overdue_amount AS previous_overdue_amount,
         coalesce(c.max_days_past_due >= 31, false) AS listed_overdue,
         coalesce(CASE p.credit_grade WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN 'D' THEN 4 END
                  < CASE c.credit_grade WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN 'D' THEN 4 END,
                  false) AS grade_fell
  FROM gold_customer_credit c
  LEFT JOIN previous_credit p USING (customer_key)
)
SELECT as_of_date,
       CAST(row_number() OVER (ORDER BY overdue_amount DESC, max_days_past_due DESC NULLS LAST, customer_key) AS INTEGER)
         AS priority,
       customer_key, display_name_masked, nature, credit_grade, previous_grade, grade_fell, open_receivable,
       overdue_amount, previous_overdue_amount, max_days_past_due,
       concat_ws('; ',
                 CASE WHEN listed_overdue
                      THEN CAST(max_days_past_due AS VARCHAR) || ' days past due: ' || CAST(overdue_amount AS VARCHAR)
                           || ' overdue' END,
                 CASE WHEN grade_fell THEN 'grade fell from ' || previous_grade || ' to ' || credit_grade END)
         AS follow_up_reason
FROM ranked
WHERE listed_overdue OR grade_fell;
