-- gold.care_actions, from the definitions in docs/metrics.md ("gold.care_actions", the care.* settings
-- and "Care groups"), with the defaults of clientele.analytics.care: horizon 30 days; birthday
-- [customers] normal sms; founding-day [customers] normal email; purchase-anniversary [current] normal
-- email; key-no-contact [key, vip] 60 days high phone; win-back high phone; complaint-follow-up 7 days
-- high phone; vip-upgrade within 30 days normal sms; holiday low sms; the holiday calendar below. Also
-- active window 90 days, trailing year 365 days, VIP tiers platinum 50000 / gold 20000 / silver 5000.
-- Needs as_of.sql (lines, ixn), customer_profile.sql (gold_profile, which carries the month-days of
-- the customer version valid at D) and at_risk_customers.sql (gold_at_risk_customers).

-- The date of a month-day "MM-DD" in year y: a day past the month's end (02-29 outside leap years)
-- falls on the month's last day.
CREATE OR REPLACE TEMP MACRO care_on_month_day(md, y) AS
  make_date(y, CAST(substr(md, 1, 2) AS BIGINT),
            least(CAST(substr(md, 4, 2) AS BIGINT),
                  CAST(day(last_day(make_date(y, CAST(substr(md, 1, 2) AS BIGINT), 1))) AS BIGINT)));

-- The action types' settings.
CREATE OR REPLACE TEMP TABLE care_settings AS
SELECT * FROM (VALUES
  ('birthday', 'normal', 'sms'),
  ('founding_day', 'normal', 'email'),
  ('holiday', 'low', 'sms'),
  ('purchase_anniversary', 'normal', 'email'),
  ('key_no_contact', 'high', 'phone'),
  ('win_back', 'high', 'phone'),
  ('complaint_follow_up', 'high', 'phone'),
  ('vip_upgrade', 'normal', 'sms')
) AS s(action_type, priority, channel);

-- The holiday calendar: fixed month-days, the listed dates of the lunar holidays, and the groups each greets.
CREATE OR REPLACE TEMP TABLE care_holiday AS
SELECT * FROM (VALUES
  ('new_year', 'New Year''s Day', '01-01'),
  ('spring_festival', 'Spring Festival', NULL),
  ('labour_day', 'Labour Day', '05-01'),
  ('dragon_boat', 'Dragon Boat Festival', NULL),
  ('mid_autumn', 'Mid-Autumn Festival', NULL),
  ('national_day', 'National Day', '10-01')
) AS h(holiday_key, name_en, month_day);

CREATE OR REPLACE TEMP TABLE care_holiday_date AS
SELECT holiday_key, CAST(d AS DATE) AS holiday_date FROM (VALUES
  ('spring_festival', '2024-02-10'), ('spring_festival', '2025-01-29'), ('spring_festival', '2026-02-17'),
  ('spring_festival', '2027-02-06'), ('spring_festival', '2028-01-26'), ('spring_festival', '2029-02-13'),
  ('spring_festival', '2030-02-03'),
  ('dragon_boat', '2024-06-10'), ('dragon_boat', '2025-05-31'), ('dragon_boat', '2026-06-19'),
  ('dragon_boat', '2027-06-09'), ('dragon_boat', '2028-05-28'), ('dragon_boat', '2029-06-16'),
  ('dragon_boat', '2030-06-05'),
  ('mid_autumn', '2024-09-17'), ('mid_autumn', '2025-10-06'), ('mid_autumn', '2026-09-25'),
  ('mid_autumn', '2027-09-15'), ('mid_autumn', '2028-10-03'), ('mid_autumn', '2029-09-22'),
  ('mid_autumn', '2030-09-12')
) AS x(holiday_key, d);

-- Which groups each action type (or holiday) is for; win-back, complaint follow-up and VIP upgrade
-- have no groups.
CREATE OR REPLACE TEMP TABLE care_wanted_group AS
SELECT * FROM (VALUES
  ('birthday', 'customers'), ('founding_day', 'customers'), ('purchase_anniversary', 'current'),
  ('key_no_contact', 'key'), ('key_no_contact', 'vip'),
  ('holiday:new_year', 'key'), ('holiday:new_year', 'vip'),
  ('holiday:spring_festival', 'customers'),
  ('holiday:labour_day', 'key'),
  ('holiday:dragon_boat', 'key'), ('holiday:dragon_boat', 'vip'),
  ('holiday:mid_autumn', 'key'), ('holiday:mid_autumn', 'vip'),
  ('holiday:national_day', 'key')
) AS w(wanted_by, care_group);

-- The care groups of each customer at D.
CREATE OR REPLACE TEMP TABLE care_member AS
WITH care_groups AS (
  SELECT customer_key, 'customers' AS care_group FROM gold_profile WHERE first_purchase_date IS NOT NULL
  UNION ALL SELECT customer_key, 'current' FROM gold_profile WHERE trading_stage = 'current'
  UNION ALL SELECT customer_key, 'key' FROM gold_profile WHERE value_position = 'key'
  UNION ALL SELECT customer_key, 'vip' FROM gold_profile WHERE vip_tier <> 'none'
  UNION ALL SELECT customer_key, 'a_grade' FROM gold_profile WHERE abc_grade = 'A'
)
SELECT DISTINCT g.customer_key, w.wanted_by
FROM care_groups g JOIN care_wanted_group w USING (care_group);

-- The years whose month-days can fall in the horizon: from D's to that of D + 30.
CREATE OR REPLACE TEMP TABLE care_years AS
SELECT CAST(r.y AS INTEGER) AS y FROM range(year(DATE '${as_of}'), year(DATE '${as_of}' + 30) + 1) AS r(y);

-- The day each VIP reached their tier at D, when within the last 30 days: 1 + the latest t in
-- [D - 30, D - 1] whose trailing-year net revenue amount(t) (the lines of (t - 365, t]) put them below
-- that tier. amount(t) is amount_12m of D less the lines of (t, D] plus those of (t - 365, D - 365]:
-- only the lines of the last 30 days and of the 30 days before the trailing year are read.
CREATE OR REPLACE TEMP TABLE care_vip_reached AS
WITH vip AS (
  SELECT customer_key, amount_12m,
         CASE vip_tier WHEN 'platinum' THEN 1 WHEN 'gold' THEN 2 WHEN 'silver' THEN 3 END AS tier_rank
  FROM gold_profile WHERE vip_tier <> 'none'
),
earlier AS (
  SELECT v.customer_key, v.amount_12m, v.tier_rank, DATE '${as_of}' - CAST(k.n AS INTEGER) AS t
  FROM vip v CROSS JOIN range(1, 31) AS k(n)
),
edges AS (
  SELECT customer_key, d, amount FROM lines
  WHERE d > DATE '${as_of}' - 30 OR (d > DATE '${as_of}' - 395 AND d <= DATE '${as_of}' - 365)
),
amounts AS (
  SELECT e.customer_key, e.tier_rank, e.t,
         e.amount_12m - coalesce(sum(l.amount) FILTER (WHERE l.d > e.t), 0)
           + coalesce(sum(l.amount) FILTER (WHERE l.d > e.t - 365 AND l.d <= DATE '${as_of}' - 365), 0) AS amount
  FROM earlier e LEFT JOIN edges l ON l.customer_key = e.customer_key
  GROUP BY e.customer_key, e.amount_12m, e.tier_rank, e.t
)
SELECT customer_key, max(t) + 1 AS reached_date
FROM amounts
WHERE CASE WHEN amount >= 50000 THEN 1 WHEN amount >= 20000 THEN 2 WHEN amount >= 5000 THEN 3 ELSE 4 END > tier_rank
GROUP BY customer_key;

CREATE OR REPLACE TEMP TABLE care_candidates AS
WITH birthdays AS (
  SELECT p.customer_key, p.birth_month_day, care_on_month_day(p.birth_month_day, y.y) AS due_date
  FROM gold_profile p
  JOIN care_member m ON m.customer_key = p.customer_key AND m.wanted_by = 'birthday'
  CROSS JOIN care_years y
  WHERE p.birth_month_day IS NOT NULL
),
founding_days AS (
  SELECT p.customer_key, p.founding_month_day, care_on_month_day(p.founding_month_day, y.y) AS due_date
  FROM gold_profile p
  JOIN care_member m ON m.customer_key = p.customer_key AND m.wanted_by = 'founding_day'
  CROSS JOIN care_years y
  WHERE p.founding_month_day IS NOT NULL
),
anniversaries AS (
  SELECT p.customer_key, p.first_purchase_date, y.y - year(p.first_purchase_date) AS n,
         care_on_month_day(strftime(p.first_purchase_date, '%m-%d'), y.y) AS due_date
  FROM gold_profile p
  JOIN care_member m ON m.customer_key = p.customer_key AND m.wanted_by = 'purchase_anniversary'
  CROSS JOIN care_years y
  WHERE p.first_purchase_date IS NOT NULL
),
contact AS (
  SELECT customer_key, max(d) AS last_contact_date
  FROM (SELECT customer_key, d FROM lines UNION ALL SELECT customer_key, received_date FROM ixn)
  GROUP BY customer_key
),
no_contact AS (
  SELECT p.customer_key, c.last_contact_date, c.last_contact_date + 60 AS due_date
  FROM gold_profile p
  JOIN care_member m ON m.customer_key = p.customer_key AND m.wanted_by = 'key_no_contact'
  JOIN contact c ON c.customer_key = p.customer_key
  WHERE p.lifecycle_stage IN ('active', 'won_back')
),
complaints AS (
  SELECT i.customer_key, i.interaction_id, i.category, CAST(i.resolved_at AS DATE) AS resolved_date,
         CAST(i.resolved_at AS DATE) + 7 AS due_date
  FROM ixn i
  WHERE i.interaction_type = 'complaint' AND i.resolved_at IS NOT NULL
),
holidays AS (
  SELECT holiday_key, care_on_month_day(month_day, y.y) AS holiday_date
  FROM care_holiday CROSS JOIN care_years y
  WHERE month_day IS NOT NULL
  UNION
  SELECT holiday_key, holiday_date FROM care_holiday_date
)
SELECT customer_key, 'birthday' AS action_type, CAST(due_date AS VARCHAR) AS occasion, due_date,
       'birthday on ' || birth_month_day AS reason, 'care.birthday' AS template_key
FROM birthdays WHERE due_date BETWEEN DATE '${as_of}' AND DATE '${as_of}' + 30
UNION ALL
SELECT customer_key, 'founding_day', CAST(due_date AS VARCHAR), due_date,
       'founding anniversary on ' || founding_month_day, 'care.founding_day'
FROM founding_days WHERE due_date BETWEEN DATE '${as_of}' AND DATE '${as_of}' + 30
UNION ALL
SELECT m.customer_key, 'holiday', h.holiday_key || ':' || CAST(h.holiday_date AS VARCHAR), h.holiday_date,
       n.name_en || ' greeting', 'care.holiday.' || h.holiday_key
FROM holidays h
JOIN care_holiday n USING (holiday_key)
JOIN care_member m ON m.wanted_by = 'holiday:' || h.holiday_key
WHERE h.holiday_date BETWEEN DATE '${as_of}' AND DATE '${as_of}' + 30
UNION ALL
SELECT customer_key, 'purchase_anniversary', CAST(due_date AS VARCHAR), due_date,
       CAST(n AS VARCHAR) || ' year(s) since the first purchase on ' || CAST(first_purchase_date AS VARCHAR),
       'care.purchase_anniversary'
FROM anniversaries WHERE n >= 1 AND due_date BETWEEN DATE '${as_of}' AND DATE '${as_of}' + 30
UNION ALL
SELECT customer_key, 'key_no_contact', CAST(last_contact_date AS VARCHAR), due_date,
       'no contact since ' || CAST(last_contact_date AS VARCHAR) || ' ('
         || CAST(date_diff('day', last_contact_date, DATE '${as_of}') AS VARCHAR) || ' days)',
       'care.key_no_contact'
FROM no_contact WHERE due_date <= DATE '${as_of}' + 30
UNION ALL
SELECT customer_key, 'win_back', CAST(last_purchase_date AS VARCHAR), last_purchase_date + 90, flag_reason,
       'care.win_back'
FROM gold_at_risk_customers
UNION ALL
SELECT customer_key, 'complaint_follow_up', interaction_id, due_date,
       'complaint ' || interaction_id || ' (' || category || ') resolved on ' || CAST(resolved_date AS VARCHAR),
       'care.complaint_follow_up'
FROM complaints WHERE due_date BETWEEN DATE '${as_of}' AND DATE '${as_of}' + 30
UNION ALL
SELECT r.customer_key, 'vip_upgrade', p.vip_tier || ':' || CAST(r.reached_date AS VARCHAR), r.reached_date,
       'reached the ' || p.vip_tier || ' VIP tier on ' || CAST(r.reached_date AS VARCHAR), 'care.vip_upgrade'
FROM care_vip_reached r JOIN gold_profile p USING (customer_key);

SELECT DATE '${as_of}' AS as_of_date,
       substr(sha256(a.customer_key || '|' || a.action_type || '|' || a.occasion), 1, 32) AS action_id,
       a.due_date, a.action_type, a.occasion, a.customer_key, p.display_name_masked, p.nature, p.value_position,
       p.vip_tier, s.priority, s.channel, a.template_key, a.reason
FROM care_candidates a
JOIN gold_profile p USING (customer_key)
JOIN care_settings s USING (action_type);
