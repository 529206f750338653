"""
### clientele_maintenance — weekly table maintenance

Every Sunday at 12:00 UTC (the daily runs start at 00:00): **maintain** — `clientele maintain`:
drops gold daily snapshots older than 90 days (each month's latest snapshot is kept for ever, so reports
and BI find every month-end), compacts the small files of daily appends (`OPTIMIZE`), and deletes data
files no table version of the last 7 days uses (`VACUUM`). Settings: `clientele.maintenance` in the
configuration file. With the default 7-day retention it is safe beside a running daily job (Delta's
optimistic concurrency; VACUUM only removes files unused for a week).
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import DAG, CronTriggerTimetable

from clientele_jobs import DEFAULT_ARGS, clientele_job, common_args

with DAG(
    dag_id="clientele_maintenance",
    description="Weekly: gold snapshot retention, OPTIMIZE, VACUUM.",
    doc_md=__doc__,
    schedule=CronTriggerTimetable("0 12 * * 0", timezone="UTC"),
    start_date=pendulum.datetime(2026, 4, 5, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(hours=6)},
    tags=["clientele", "spark", "maintenance"],
) as dag:
    clientele_job("maintain", ["maintain", *common_args()])
