-- lifetimes' summary_data_from_transaction_data, written from its definitions (independent of
-- RfmSummary.java): transactions summed per customer and period (day, or calendar week starting
-- Monday); periods after the observation end's period dropped; frequency = periods - 1; recency and
-- T from the first period, in units; monetary_value = mean of the repeat periods' totals, else 0.
-- Parameters: ${file} (CDNOW_master.txt), ${observation_end}, ${period} (an expression of d),
-- ${unit_days} (1.0 for days, 7.0 for weeks).
WITH lines AS (
  SELECT string_split_regex(trim(line), '\s+') AS f
  FROM read_csv('${file}', columns = {'line': 'VARCHAR'}, delim = '|', header = false, quote = '', escape = '')
),
transactions AS (
  SELECT f[1] AS customer_id, CAST(strptime(f[2], '%Y%m%d') AS DATE) AS d, CAST(f[4] AS DECIMAL(18, 2)) AS amount
  FROM lines
  WHERE f[1] <> 'customer_id'
),
periods AS (
  SELECT customer_id, ${period} AS p, sum(amount) AS total
  FROM transactions
  GROUP BY ALL
),
observed AS (
  SELECT *, min(p) OVER (PARTITION BY customer_id) AS first_p
  FROM periods
  WHERE p <= (SELECT ${period} FROM (SELECT DATE '${observation_end}' AS d))
)
SELECT customer_id,
       CAST(count(*) - 1 AS DOUBLE) AS frequency,
       date_diff('day', min(p), max(p)) / ${unit_days} AS recency,
       date_diff('day', min(p), (SELECT ${period} FROM (SELECT DATE '${observation_end}' AS d))) / ${unit_days} AS T,
       coalesce(avg(CASE WHEN p <> first_p THEN CAST(total AS DOUBLE) END), 0) AS monetary_value
FROM observed
GROUP BY customer_id
