"""
### clientele_daily — one day of customer exports, from landing to checked gold tables

For its **logical date D** (`{{ ds }}`), after D has ended:

1. **wait_for_landing_files** — waits until `<landing>/<source folder>/D/` holds at least one export
   file (names starting with `.` or `_` are not exports). Pokes every 10 minutes in reschedule mode and
   **fails after 12 hours**: a day without files is an incident to look at, not something to skip silently.
2. **ingest** — `clientele ingest --date D`: D's files into bronze and silver (files already in
   `silver.ingest_log` are skipped, so a retry or re-run changes nothing).
3. **build_gold** — `clientele build --as-of D`: every gold table's snapshot for D (replaces D's snapshot
   only).
4. **quality_check** — `clientele check --as-of D`: Deequ rules over D's silver slice and gold snapshot;
   results in `silver.quality_results`; exit code 3 (task failure) when an error-level rule fails.

Each task reads and writes only D's partitions, never the clock, so retries, re-runs and backfills
give the same tables. Runs are serialised (`max_active_runs=1`) so days load in date order.

**Schedule**: daily data intervals at 00:00 UTC (`CronDataIntervalTimetable`): the run for D starts
after D ends, and its logical date is D. No catch-up; load past days with
`airflow backfill create --dag-id clientele_daily --from-date 2026-03-31 --to-date 2026-04-05`.

**Spark**: `SparkSubmitOperator` with the project's jar (`com.clientele.cli.ClienteleCli`) on the
connection `spark_default` (default: local, host `local[2]`). Settings — Variables `clientele_landing`,
`clientele_warehouse`, `clientele_jar`, or environment `CLIENTELE_*` — are in `dags/README.md`.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.sdk import DAG, CronDataIntervalTimetable, task

from clientele_jobs import DEFAULT_ARGS, clientele_job, common_args, key_args, setting


@task.sensor(poke_interval=600, timeout=12 * 3600, mode="reschedule", retries=0)
def wait_for_landing_files(landing: str, day: str) -> bool:
    """True once some source folder of the landing area has an export file for the day."""
    root = Path(landing)
    if not root.is_dir():
        raise FileNotFoundError(f"landing folder not found: {landing}")
    found = [f for f in root.glob(f"*/{day}/*") if f.is_file() and not f.name.startswith((".", "_"))]
    print(f"{len(found)} landing file(s) for {day} under {landing}")
    return bool(found)


with DAG(
    dag_id="clientele_daily",
    description="Ingest a day's customer exports, build gold for that date, run the quality gate.",
    doc_md=__doc__,
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 3, 31, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=20),
    tags=["clientele", "spark", "daily"],
) as dag:
    landing_ready = wait_for_landing_files(landing=setting("landing"), day="{{ ds }}")

    ingest = clientele_job(
        "ingest",
        ["ingest", "--landing", setting("landing"), "--date", "{{ ds }}", *common_args(), *key_args()],
    )
    build_gold = clientele_job("build_gold", ["build", "--as-of", "{{ ds }}", *common_args()])
    quality_check = clientele_job(
        "quality_check", ["check", "--as-of", "{{ ds }}", *common_args()], retries=1
    )

    landing_ready >> ingest >> build_gold >> quality_check
