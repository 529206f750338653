"""clientele_daily run by Airflow itself (dag.test) for the sample initial load, 2026-03-31: the real
spark-submit (from the pyspark 3.5.6 distribution, local[2]) of the real cluster jar over data-samples/,
into a temporary warehouse. 2026-03-31 is a month's last day: the run announces March on the month-end
Asset, which queues clientele_monthly_reports (test_cluster.py runs that DAG). Then the daily run again,
which must leave the tables as they were."""

from __future__ import annotations

import os
from pathlib import Path

import pendulum
from conftest import DAY
from deltalake import DeltaTable

WAREHOUSE = Path(os.environ["CLIENTELE_WAREHOUSE"])
LANDING = Path(os.environ["CLIENTELE_LANDING"])

SILVER = ["customers", "customer_pii", "transactions", "payment_updates", "interactions", "referrals", "quarantine",
          "ingest_log", "customer_state"]
GOLD = ["customer_profile", "segment_thresholds", "loyalty_metrics", "referral_metrics", "churn_cohorts",
        "leaky_bucket", "at_risk_customers", "customer_lifetime_value", "clv_model", "customer_credit",
        "care_actions"]


def run(dag):
    return dag.test(logical_date=pendulum.parse(DAY, tz="UTC"))


def rows(layer: str, table: str, day_column: str | None = None) -> list[tuple]:
    """The table's rows (only the day's when day_column is given) as sorted, comparable tuples."""
    data = DeltaTable(str(WAREHOUSE / layer / table)).to_pyarrow_table()
    out = []
    for row in data.to_pylist():
        if day_column and str(row[day_column]) != DAY:
            continue
        out.append(tuple((k, round(v, 9) if isinstance(v, float) else v) for k, v in sorted(row.items())))
    return sorted(out, key=repr)


def versions() -> dict[str, int]:
    return {t: DeltaTable(str(WAREHOUSE / "silver" / t)).version() for t in SILVER}


def secret() -> str:
    """The installation secret the runs use: the key file's first line that is neither blank nor a comment."""
    lines = Path(os.environ["CLIENTELE_KEY_FILE"]).read_text(encoding="utf-8").splitlines()
    return next(line.strip() for line in lines if line.strip() and not line.strip().startswith("#"))


def test_a_daily_run_loads_builds_and_checks_the_date_and_a_rerun_changes_nothing(daily_dag, local_daily_run, capfd):
    first = local_daily_run
    assert str(first.state) == "success"

    files = [f for f in LANDING.glob(f"*/{DAY}/*") if not f.name.startswith((".", "_"))]
    log = rows("silver", "ingest_log")
    assert len(log) == len(files), "every landing file of the day is in the ingest log"
    assert {dict(r)["logical_date"].isoformat() for r in log} == {DAY}, "only the logical date's files"
    profile = rows("gold", "customer_profile", "as_of_date")
    assert len(profile) > 0, "gold holds the date's snapshot"
    assert all(len(rows("gold", t, "as_of_date")) > 0 for t in ["segment_thresholds", "loyalty_metrics"])
    results = [dict(r) for r in rows("silver", "quality_results", "as_of_date")]
    assert results and not [r for r in results if r["severity"] == "error" and r["status"] == "failed"]

    from airflow.models.asset import AssetDagRunQueue, AssetEvent, AssetModel
    from airflow.utils.session import create_session

    with create_session() as session:
        events = (session.query(AssetEvent).join(AssetModel, AssetEvent.asset_id == AssetModel.id)
                  .filter(AssetModel.name == "clientele_gold_month_end")
                  .filter(AssetEvent.source_dag_id == "clientele_daily", AssetEvent.source_run_id == first.run_id)
                  .all())
        # (Only this run's events: other tests in the session share the Airflow database.)
        assert [e.extra for e in events] == [{"month": "2026-03"}], "the month-end run announced March"
        queued = session.query(AssetDagRunQueue).filter_by(target_dag_id="clientele_monthly_reports").count()
        assert queued == 1, "the monthly reports are queued to start"

    silver_before = versions()
    gold_before = {t: rows("gold", t, "as_of_date") for t in GOLD}
    silver_rows_before = {t: rows("silver", t) for t in ["customers", "transactions", "ingest_log"]}

    capfd.readouterr()
    assert str(run(daily_dag).state) == "success"
    # The secret never reaches a log: not the tasks' output (spark-submit's driver log included), not
    # Airflow's log folder.
    captured = capfd.readouterr()
    output = captured.out + captured.err
    assert "clientele" in output.lower(), "the run's output was captured"
    assert secret() not in output, "the secret is in the task output"
    logs = Path(os.environ["AIRFLOW__LOGGING__BASE_LOG_FOLDER"])
    for log in (logs.rglob("*") if logs.exists() else []):
        if log.is_file():
            assert secret() not in log.read_text(encoding="utf-8", errors="replace"), f"the secret is in {log}"

    assert versions() == silver_before, "a re-run ingests nothing again (no new silver versions)"
    assert {t: rows("silver", t) for t in silver_rows_before} == silver_rows_before
    assert {t: rows("gold", t, "as_of_date") for t in GOLD} == gold_before, "the same gold snapshot"
    assert [dict(r) for r in rows("silver", "quality_results", "as_of_date")] == results
