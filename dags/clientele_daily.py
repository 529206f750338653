"""
### clientele_daily — one day of customer exports, from landing to checked gold tables

For its **logical date D** (`{{ ds }}`), after D has ended:

1. **wait_for_landing_files** — asks `clientele landing --date D` (a listing, nothing is read) until
   `<landing>/<source folder>/D/` holds at least one export file and, when a completion marker is
   configured (`clientele.ingest.completion-marker`, e.g. `_SUCCESS`), every folder of D holds it, so a
   half-copied export is never ingested. Pokes every 10 minutes in reschedule mode and **fails after
   12 hours**: a day without files is an incident to look at, not something to skip silently.
2. **ingest** — `clientele ingest --date D`: D's files into bronze and silver (files already in
   `silver.ingest_log` are skipped, so a retry or re-run changes nothing), plus **late files**: new files
   in the folders of the 31 days before D (`clientele.ingest.late-file-days`).
3. **build_gold** — `clientele build --as-of D`: every gold table's snapshot for D (replaces D's snapshot
   only); when late files were loaded, the existing snapshots from their day on are rebuilt first.
4. **quality_check** — `clientele check --as-of D`: Deequ rules over D's silver slice and gold snapshot;
   results in `silver.quality_results`; exit code 3 (task failure) when an error-level rule fails. **No
   retries**: the data will not change between attempts.
5. **announce_month_end** — on a month's last day only (skipped otherwise): updates the Asset
   `clientele_gold_month_end` with `{"month": "YYYY-MM"}`, which starts `clientele_monthly_reports`.

**Days in order**: every task `depends_on_past` with `wait_for_downstream`, and runs are serialised
(`max_active_runs=1`): a task of D+1 starts only when the same task of D and the tasks right after it
succeeded, so a failed day blocks the next one until it is fixed (clear it, or mark it success on purpose).
Each task reads and writes only D's partitions, never the clock, so retries, re-runs and backfills give
the same tables.

**Schedule**: daily data intervals at 00:00 UTC (`CronDataIntervalTimetable`): the run for D starts
after D ends, and its logical date is D. No catch-up; load past days with
`airflow backfill create --dag-id clientele_daily --from-date 2026-03-31 --to-date 2026-04-05`.

**Spark**: `SparkSubmitOperator` with the project's cluster jar (`jobs/target/clientele-spark.jar`,
`com.clientele.cli.ClienteleCli`) on the connection `spark_default` (default: local, host `local[2]`;
`spark://host:7077` for a standalone cluster). Settings — Variables `clientele_landing`,
`clientele_warehouse`, `clientele_jar`, or environment `CLIENTELE_*` — are in `dags/README.md`.
"""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pendulum
from airflow.sdk import DAG, CronDataIntervalTimetable, task

from clientele_jobs import (
    CONFIG_FILE,
    DEFAULT_ARGS,
    GOLD_MONTH_END,
    LANDING_NOT_READY,
    MAIN_CLASS,
    clientele_job,
    common_args,
    config_args,
    key_args,
    setting,
    spark_submit_binary,
)


@task.sensor(poke_interval=600, timeout=12 * 3600, mode="reschedule", retries=0)
def wait_for_landing_files(jar: str, landing: str, day: str, config: str = CONFIG_FILE) -> bool:
    """True once the day's exports are complete (``clientele landing``: works on any Hadoop file system)."""
    command = [spark_submit_binary(), "--master", "local[1]", "--conf", "spark.ui.enabled=false",
               "--class", MAIN_CLASS, jar, "landing", "--landing", landing, "--date", day, *config_args(config)]
    done = subprocess.run(command, capture_output=True, text=True)
    print(done.stdout.strip())
    if done.returncode == LANDING_NOT_READY:
        return False
    if done.returncode != 0:
        raise RuntimeError(f"clientele landing failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return True


@task(outlets=[GOLD_MONTH_END], retries=0)
def announce_month_end(day: str, **context) -> str:
    """On a month's last day: records the month on the Asset (starting the monthly reports); else skips."""
    from airflow.sdk.exceptions import AirflowSkipException

    d = date.fromisoformat(day)
    if (d + timedelta(days=1)).month == d.month:
        raise AirflowSkipException(f"{day} is not the last day of its month")
    month = d.strftime("%Y-%m")
    context["outlet_events"][GOLD_MONTH_END].extra = {"month": month}
    return month


with DAG(
    dag_id="clientele_daily",
    description="Ingest a day's customer exports, build gold for that date, run the quality gate.",
    doc_md=__doc__,
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 3, 31, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, "depends_on_past": True, "wait_for_downstream": True},
    dagrun_timeout=timedelta(hours=20),
    tags=["clientele", "spark", "daily"],
) as dag:
    landing_ready = wait_for_landing_files(jar=setting("jar"), landing=setting("landing"), day="{{ ds }}")

    ingest = clientele_job(
        "ingest",
        ["ingest", "--landing", setting("landing"), "--date", "{{ ds }}", *common_args(), *key_args()],
    )
    build_gold = clientele_job("build_gold", ["build", "--as-of", "{{ ds }}", *common_args()])
    quality_check = clientele_job(
        "quality_check", ["check", "--as-of", "{{ ds }}", *common_args()], retries=0
    )
    month_end = announce_month_end(day="{{ ds }}")

    landing_ready >> ingest >> build_gold >> quality_check >> month_end
