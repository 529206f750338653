-- gold.credit_ageing, from the definitions in docs/metrics.md ("Credit"). Needs customer_credit.sql
-- (credit_lines) and customer_profile.sql (facts: the customers that exist at the as-of date).
-- Each month from the first month with a line on credit terms to the as-of month, measured on its
-- last day (the as-of date in its own month), with the payments known at the as-of date.
CREATE OR REPLACE TEMP TABLE ageing_lines AS
SELECT l.* FROM credit_lines l WHERE l.customer_key IN (SELECT customer_key FROM facts);

CREATE OR REPLACE TEMP TABLE ageing_months AS
SELECT CAST(m AS DATE) AS month_start,
       least(CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE), DATE '${as_of}') AS measured_on
FROM (SELECT unnest(generate_series(date_trunc('month', min(d)), date_trunc('month', DATE '${as_of}'),
                                    INTERVAL 1 MONTH)) AS m
      FROM ageing_lines);

CREATE OR REPLACE TEMP TABLE ageing_line_months AS
SELECT m.month_start, m.measured_on, l.customer_key, l.amount,
       l.d >= m.month_start AS dated_in_month,
       l.paid IS NOT NULL AND l.paid >= m.month_start AND l.paid <= m.measured_on AS paid_in_month,
       l.paid IS NULL OR l.paid > m.measured_on AS is_open,
       date_diff('day', l.due, m.measured_on) AS past_due
FROM ageing_months m JOIN ageing_lines l ON l.d <= m.measured_on;

SELECT DATE '${as_of}' AS as_of_date, month_start, measured_on,
       coalesce(sum(amount) FILTER (WHERE is_open), 0) AS open_receivable,
       coalesce(sum(amount) FILTER (WHERE is_open AND past_due <= 0), 0) AS not_yet_due,
       coalesce(sum(amount) FILTER (WHERE is_open AND past_due BETWEEN 1 AND 30), 0) AS past_due_1_30,
       coalesce(sum(amount) FILTER (WHERE is_open AND past_due BETWEEN 31 AND 60), 0) AS past_due_31_60,
       coalesce(sum(amount) FILTER (WHERE is_open AND past_due BETWEEN 61 AND 90), 0) AS past_due_61_90,
       coalesce(sum(amount) FILTER (WHERE is_open AND past_due > 90), 0) AS past_due_over_90,
       coalesce(sum(amount) FILTER (WHERE is_open AND past_due >= 1), 0) AS overdue_amount,
       CASE WHEN coalesce(sum(amount) FILTER (WHERE is_open), 0) > 0
            THEN CAST(coalesce(sum(amount) FILTER (WHERE is_open AND past_due >= 1), 0) AS DOUBLE)
                 / CAST(sum(amount) FILTER (WHERE is_open) AS DOUBLE) END AS overdue_share,
       count(DISTINCT customer_key) FILTER (WHERE is_open) AS customers_with_receivable,
       count(DISTINCT customer_key) FILTER (WHERE is_open AND past_due >= 1) AS customers_overdue,
       coalesce(sum(amount) FILTER (WHERE dated_in_month), 0) AS credit_sales,
       coalesce(sum(amount) FILTER (WHERE paid_in_month), 0) AS collected
FROM ageing_line_months
WHERE is_open OR dated_in_month OR paid_in_month
GROUP BY month_start, measured_on;
