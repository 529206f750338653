-- gold.customer_credit, from the definitions in docs/metrics.md ("Credit"; defaults of
-- clientele.analytics.credit: weights payment 0.45, frequency 0.15, influence 0.10, prospects 0.10,
-- loyalty 0.20; zero score at 60 days late; full scores at 12 purchase days, 3 converted referrals,
-- 1095 days of tenure; grades A 0.75, B 0.55, C 0.35; caps C at 31 and D at 91 days past due).
-- Needs as_of.sql and customer_profile.sql (the temp table facts).

-- Each line on credit terms with its effective terms: its latest row in silver.transactions or
-- silver.payment_updates by (logical_date, source_file, row_number).
CREATE OR REPLACE TEMP TABLE credit_lines AS
WITH rows_of_line AS (
  SELECT transaction_id, payment_due_date, paid_date, logical_date, source_file, row_number
  FROM ${silver.transactions}
  UNION ALL
  SELECT transaction_id, payment_due_date, paid_date, logical_date, source_file, row_number
  FROM ${silver.payment_updates}
),
latest AS (
  SELECT transaction_id, payment_due_date, paid_date FROM rows_of_line
  QUALIFY row_number() OVER (PARTITION BY transaction_id ORDER BY logical_date DESC, source_file DESC,
                                                                  row_number DESC) = 1
)
SELECT t.customer_key, t.transaction_date AS d, t.amount, l.payment_due_date AS due,
       CASE WHEN l.paid_date <= DATE '${as_of}' THEN l.paid_date END AS paid,
       date_diff('day', l.payment_due_date, DATE '${as_of}') AS past_due
FROM ${silver.transactions} t JOIN latest l USING (transaction_id)
WHERE l.payment_due_date IS NOT NULL AND t.transaction_date <= DATE '${as_of}';

CREATE OR REPLACE TEMP TABLE credit_facts AS
WITH per AS (
  SELECT customer_key,
         count(*) AS credit_lines,
         coalesce(sum(amount) FILTER (WHERE paid IS NULL), 0) AS open_receivable,
         coalesce(sum(amount) FILTER (WHERE paid IS NULL AND past_due <= 0), 0) AS not_yet_due,
         coalesce(sum(amount) FILTER (WHERE paid IS NULL AND past_due BETWEEN 1 AND 30), 0) AS past_due_1_30,
         coalesce(sum(amount) FILTER (WHERE paid IS NULL AND past_due BETWEEN 31 AND 60), 0) AS past_due_31_60,
         coalesce(sum(amount) FILTER (WHERE paid IS NULL AND past_due BETWEEN 61 AND 90), 0) AS past_due_61_90,
         coalesce(sum(amount) FILTER (WHERE paid IS NULL AND past_due > 90), 0) AS past_due_over_90,
         coalesce(sum(amount) FILTER (WHERE paid IS NULL AND past_due >= 1), 0) AS overdue_amount,
         count(*) FILTER (WHERE paid IS NULL AND past_due >= 1) AS overdue_lines,
         max(past_due) FILTER (WHERE paid IS NULL AND past_due >= 1) AS max_days_past_due,
         count(*) FILTER (WHERE due > DATE '${as_of}' - 365 AND due <= DATE '${as_of}'
                          AND (paid IS NOT NULL OR past_due >= 1)) AS lines_due_12m,
         count(*) FILTER (WHERE due > DATE '${as_of}' - 365 AND due <= DATE '${as_of}' AND paid <= due) AS on_time_12m,
         coalesce(sum(CASE WHEN paid IS NOT NULL THEN greatest(0, date_diff('day', due, paid)) ELSE past_due END)
                  FILTER (WHERE due > DATE '${as_of}' - 365 AND due <= DATE '${as_of}'
                          AND (paid IS NOT NULL OR past_due >= 1)), 0) AS days_late_12m,
         coalesce(sum(amount) FILTER (WHERE d > DATE '${as_of}' - 365), 0) AS credit_sales_12m
  FROM credit_lines
  GROUP BY customer_key
)
SELECT f.customer_key, f.display_name_masked, f.nature, per.*  EXCLUDE (customer_key),
       CASE WHEN per.lines_due_12m > 0 THEN CAST(per.on_time_12m AS DOUBLE) / per.lines_due_12m END AS on_time_payment_rate,
       CASE WHEN per.lines_due_12m > 0 THEN CAST(per.days_late_12m AS DOUBLE) / per.lines_due_12m END AS average_days_late,
       CASE WHEN per.credit_sales_12m > 0
            THEN CAST(per.open_receivable AS DOUBLE) / CAST(per.credit_sales_12m AS DOUBLE) * 365 END AS days_sales_outstanding,
       least(1.0, f.purchase_days_12m / 12.0) AS frequency_score,
       least(1.0, f.referrals_converted / 3.0) AS influence_score,
       CASE WHEN f.amount_prior_12m > 0
            THEN least(1.0, greatest(0.0, 0.5 + 0.5 * ((CAST(f.amount_12m AS DOUBLE) - CAST(f.amount_prior_12m AS DOUBLE))
                                                       / CAST(f.amount_prior_12m AS DOUBLE))))
            WHEN f.amount_12m > 0 THEN 0.5 ELSE 0.0 END AS prospects_score,
       CASE WHEN f.tenure_days IS NULL THEN 0.0 ELSE least(1.0, f.tenure_days / 1095.0) END AS loyalty_score
FROM per JOIN facts f USING (customer_key);

CREATE OR REPLACE TEMP TABLE credit_scored AS
SELECT *, CASE WHEN lines_due_12m > 0
               THEN on_time_payment_rate * greatest(0.0, 1.0 - average_days_late / 60.0) END AS payment_score
FROM credit_facts;

-- Suggested terms (defaults of credit.terms): payment days and headroom per grade; the limit is
-- max(0, credit sales) x days / 365 x headroom, rounded half up to the cent, computed in whole cents.
SELECT graded.*, terms.payment_days AS suggested_payment_days,
       CAST((greatest(0, CAST(credit_sales_12m * 100 AS BIGINT)) * terms.payment_days * terms.headroom_percent * 2
             + 36500) // 73000 AS DECIMAL(18, 0)) * 0.01 AS suggested_credit_limit,
       open_receivable > CAST((greatest(0, CAST(credit_sales_12m * 100 AS BIGINT)) * terms.payment_days
             * terms.headroom_percent * 2 + 36500) // 73000 AS DECIMAL(18, 0)) * 0.01 AS over_credit_limit
FROM (
SELECT DATE '${as_of}' AS as_of_date, customer_key, display_name_masked, nature, credit_lines,
       open_receivable, not_yet_due, past_due_1_30, past_due_31_60, past_due_61_90, past_due_over_90,
       overdue_amount, overdue_lines, max_days_past_due, lines_due_12m, on_time_payment_rate, average_days_late,
       credit_sales_12m, days_sales_outstanding, payment_score, frequency_score, influence_score, prospects_score,
       loyalty_score, credit_score,
       CASE WHEN lines_due_12m = 0 THEN 'unknown'
            WHEN coalesce(max_days_past_due, 0) >= 91 THEN 'D'
            WHEN credit_score >= 0.75 AND coalesce(max_days_past_due, 0) < 31 THEN 'A'
            WHEN credit_score >= 0.55 AND coalesce(max_days_past_due, 0) < 31 THEN 'B'
            WHEN credit_score >= 0.35 THEN 'C'
            ELSE 'D' END AS credit_grade
FROM (
  SELECT *, CASE WHEN lines_due_12m > 0
                 THEN (0.45 * payment_score + 0.15 * frequency_score + 0.10 * influence_score
                       + 0.10 * prospects_score + 0.20 * loyalty_score) / 1.0 END AS credit_score
  FROM credit_scored
)) graded
JOIN (VALUES ('A', 60, 150), ('B', 45, 120), ('C', 30, 100), ('D', 0, 0), ('unknown', 30, 100))
  AS terms(grade, payment_days, headroom_percent) ON terms.grade = graded.credit_grade;
