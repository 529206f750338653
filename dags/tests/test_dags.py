"""The DAG files as designed: they import cleanly, their schedules, tags, retries and task order, and
the Spark arguments their templates render for sample dates. No Spark runs here."""

from __future__ import annotations

import os
from pathlib import Path

import pendulum
import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk import CronDataIntervalTimetable, CronTriggerTimetable
from airflow.serialization.encoders import coerce_to_core_timetable
from airflow.sdk.exceptions import AirflowSkipException

DAGS = Path(__file__).resolve().parent.parent
HOME = DAGS.parent


@pytest.fixture
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def render(dag, task_id: str, logical_date, variables: dict | None = None, extra: dict | None = None):
    """The task's templated fields rendered as Airflow would for a run at logical_date."""
    from airflow.sdk.execution_time import macros

    class Values:
        def get(self, key, default=None):
            return (variables or {}).get(key, default)

    task = dag.get_task(task_id)
    context = {
        "ds": logical_date.strftime("%Y-%m-%d"),
        "logical_date": logical_date,
        "macros": macros,
        "var": {"value": Values()},
        **(extra or {}),
    }
    task.render_template_fields(context, jinja_env=dag.get_template_env())
    return task


def test_the_dag_files_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"clientele_daily", "clientele_monthly_reports", "clientele_maintenance"}


def test_daily_runs_each_day_for_its_logical_date_in_order(dagbag):
    dag = dagbag.dags["clientele_daily"]
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable.expression == "0 0 * * *"
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert set(dag.tags) == {"clientele", "spark", "daily"}
    assert "### clientele_daily" in dag.doc_md
    # the run for 2026-04-01 covers that day and starts when it has ended
    info = coerce_to_core_timetable(dag.timetable).next_dagrun_info(last_automated_data_interval=None, restriction=_from(2026, 4, 1))
    assert info.logical_date == pendulum.datetime(2026, 4, 1, tz="UTC")
    assert info.data_interval.end == pendulum.datetime(2026, 4, 2, tz="UTC")


def test_daily_task_graph_retries_and_days_in_order(dagbag):
    dag = dagbag.dags["clientele_daily"]
    order = ["wait_for_landing_files", "ingest", "build_gold", "quality_check", "announce_month_end"]
    assert set(dag.task_ids) == set(order)
    for upstream, downstream in zip(order, order[1:]):
        assert dag.get_task(downstream).upstream_task_ids == {upstream}
    assert dag.get_task("announce_month_end").downstream_task_ids == set()
    assert {t: dag.get_task(t).retries for t in order} == {
        "wait_for_landing_files": 0, "ingest": 2, "build_gold": 2, "quality_check": 0, "announce_month_end": 0}
    assert all(dag.get_task(t).depends_on_past and dag.get_task(t).wait_for_downstream for t in order), \
        "a failed day blocks the next one"
    sensor = dag.get_task("wait_for_landing_files")
    assert sensor.mode == "reschedule"
    assert sensor.timeout == 12 * 3600
    for t in order[1:4]:
        task = dag.get_task(t)
        assert type(task).__name__ == "SparkSubmitOperator"
        assert task._conn_id == "spark_default"
        assert task._java_class == "com.clientele.cli.ClienteleCli"
    assert [o.name for o in dag.get_task("announce_month_end").outlets] == ["clientele_gold_month_end"]


def scheduler_dag(dag_id: str):
    """The DAG as the scheduler sees it: the DAG folder synced to Airflow's database (as dag.test does)."""
    import subprocess
    import sys

    subprocess.run([str(Path(sys.executable).parent / "airflow"), "db", "migrate"], check=True, capture_output=True)
    from airflow.dag_processing.bundles.manager import DagBundlesManager
    from airflow.dag_processing.dagbag import BundleDagBag, sync_bag_to_db
    from airflow.models.serialized_dag import SerializedDagModel

    manager = DagBundlesManager()
    manager.sync_bundles_to_db()
    for bundle in manager.get_all_dag_bundles():
        if not bundle.is_initialized:
            bundle.initialize()
        bag = BundleDagBag(dag_folder=bundle.path, bundle_path=bundle.path, bundle_name=bundle.name)
        sync_bag_to_db(bag, bundle.name, bundle.version)
    return SerializedDagModel.get_dag(dag_id)


def test_a_failed_day_blocks_the_next_one():
    """Airflow's own dependency check (PrevDagrunDep), on runs recorded in its database: while any step
    of 2026-05-01 up to its gold build has not succeeded, 2026-05-02's ingest may not start."""
    from airflow.models.taskinstance import TaskInstance
    from airflow.ti_deps.dep_context import DepContext
    from airflow.ti_deps.deps.prev_dagrun_dep import PrevDagrunDep
    from airflow.utils.session import create_session
    from airflow.utils.state import DagRunState, TaskInstanceState
    from airflow.utils.types import DagRunTriggeredByType, DagRunType

    dag = scheduler_dag("clientele_daily")

    def run_for(day, state):
        logical = pendulum.parse(day, tz="UTC")
        return dag.create_dagrun(
            run_id=f"blocking_test__{day}", logical_date=logical,
            data_interval=(logical, logical.add(days=1)), run_after=logical.add(days=1),
            run_type=DagRunType.SCHEDULED, triggered_by=DagRunTriggeredByType.TEST, state=state)

    first = run_for("2026-05-01", DagRunState.FAILED)
    second = run_for("2026-05-02", DagRunState.RUNNING)
    with create_session() as session:
        def ti(run, task_id):
            found = session.query(TaskInstance).filter_by(run_id=run.run_id, task_id=task_id).one()
            found.task = dag.get_task(task_id)
            return found

        def may_start():
            session.flush()
            return PrevDagrunDep().is_met(ti=ti(second, "ingest"), session=session, dep_context=DepContext())

        ti(first, "wait_for_landing_files").state = TaskInstanceState.SUCCESS
        ti(first, "ingest").state = TaskInstanceState.FAILED
        assert not may_start(), "the previous day's ingest failed"
        ti(first, "ingest").state = TaskInstanceState.SUCCESS
        ti(first, "build_gold").state = TaskInstanceState.FAILED
        assert not may_start(), "the previous day's gold build failed"
        for task_id in ["build_gold", "quality_check"]:
            ti(first, task_id).state = TaskInstanceState.SUCCESS
        ti(first, "announce_month_end").state = TaskInstanceState.SKIPPED
        assert may_start(), "once the previous day has succeeded, the next may start"


def test_daily_spark_arguments_render_for_a_sample_date(dagbag):
    dag = dagbag.dags["clientele_daily"]
    day = pendulum.datetime(2026, 4, 1, tz="UTC")
    warehouse = os.environ["CLIENTELE_WAREHOUSE"]
    ingest = render(dag, "ingest", day)
    assert ingest.application == os.environ["CLIENTELE_JAR"]
    assert ingest.application_args == [
        "ingest", "--landing", os.environ["CLIENTELE_LANDING"], "--date", "2026-04-01",
        "--warehouse", warehouse, "--key-file", os.environ["CLIENTELE_KEY_FILE"]]
    assert render(dag, "build_gold", day).application_args == [
        "build", "--as-of", "2026-04-01", "--warehouse", warehouse]
    assert render(dag, "quality_check", day).application_args == [
        "check", "--as-of", "2026-04-01", "--warehouse", warehouse]


def test_airflow_variables_override_the_environment(dagbag):
    dag = dagbag.dags["clientele_daily"]
    task = render(dag, "build_gold", pendulum.datetime(2026, 4, 2, tz="UTC"),
                  {"clientele_warehouse": "/mnt/shared/warehouse", "clientele_jar": "/opt/clientele.jar"})
    assert task.application_args == ["build", "--as-of", "2026-04-02", "--warehouse", "/mnt/shared/warehouse"]
    assert task.application == "/opt/clientele.jar"


def test_the_landing_sensor_waits_for_the_days_export_files_and_their_marker(tmp_path):
    """The sensor asks the jar (spark-submit of the distribution): export files, and the marker when set."""
    import clientele_daily

    poke = clientele_daily.wait_for_landing_files.function
    jar = os.environ["CLIENTELE_JAR"]
    landing = HOME / "data-samples" / "landing"
    assert poke(jar, str(landing), "2026-04-01", "") is True
    assert poke(jar, str(landing), "2026-05-01", "") is False
    day = tmp_path / "landing" / "transactions" / "2026-04-01"
    day.mkdir(parents=True)
    (day / "_SUCCESS").write_text("")
    assert poke(jar, str(tmp_path / "landing"), "2026-04-01", "") is False, "markers are not exports"
    (day / "part-1.csv").write_text("transaction_id\n")
    marker = tmp_path / "marker.conf"
    marker.write_text('clientele.ingest.completion-marker = "_READY"\n')
    assert poke(jar, str(tmp_path / "landing"), "2026-04-01", "") is True
    assert poke(jar, str(tmp_path / "landing"), "2026-04-01", str(marker)) is False, "no _READY yet"
    (day / "_READY").write_text("")
    assert poke(jar, str(tmp_path / "landing"), "2026-04-01", str(marker)) is True
    with pytest.raises(RuntimeError, match="landing folder not found"):
        poke(jar, str(tmp_path / "missing"), "2026-04-01", "")


def test_month_end_is_announced_on_a_months_last_day_only():
    import clientele_daily

    announce = clientele_daily.announce_month_end.function
    from clientele_jobs import GOLD_MONTH_END

    events = {GOLD_MONTH_END: type("Event", (), {"extra": {}})()}
    assert announce("2026-03-31", outlet_events=events) == "2026-03"
    assert events[GOLD_MONTH_END].extra == {"month": "2026-03"}
    assert announce("2024-02-29", outlet_events=events) == "2024-02"
    for day in ["2026-03-30", "2026-04-01", "2024-02-28"]:
        with pytest.raises(AirflowSkipException):
            announce(day, outlet_events=events)


def test_monthly_reports_start_from_the_month_end_asset(dagbag):
    dag = dagbag.dags["clientele_monthly_reports"]
    from airflow.sdk.definitions.asset import AssetAll

    condition = dag.timetable.asset_condition
    names = [a.name for a in condition.objects] if isinstance(condition, AssetAll) else [condition.name]
    assert names == ["clientele_gold_month_end"]
    assert set(dag.tags) == {"clientele", "spark", "reports", "monthly"}
    assert "### clientele_monthly_reports" in dag.doc_md
    assert dag.get_task("render_reports").upstream_task_ids == {"month_to_report"}
    assert dag.get_task("email_reports").upstream_task_ids == {"render_reports", "month_to_report"}
    assert dag.get_task("render_reports").retries == 2
    reports = os.environ["CLIENTELE_REPORTS"]
    task = dag.get_task("render_reports")
    assert task.application_args == [
        "report", "--month", "{{ ti.xcom_pull(task_ids='month_to_report') }}", "--out", setting_template("reports"),
        "--warehouse", setting_template("warehouse")]
    class Ti:
        @staticmethod
        def xcom_pull(task_ids):
            return {"month_to_report": "2026-03"}[task_ids]

    rendered = render(dag, "render_reports", pendulum.datetime(2026, 4, 1, 8, tz="UTC"), extra={"ti": Ti()})
    assert rendered.application_args == [
        "report", "--month", "2026-03", "--out", reports, "--warehouse", os.environ["CLIENTELE_WAREHOUSE"]]


def test_the_month_comes_from_the_parameter_or_the_latest_asset_event():
    from clientele_monthly_reports import month_from

    event = lambda month: type("Event", (), {"extra": {"month": month}})()  # noqa: E731
    assert month_from({"month": "2026-02"}, {}) == "2026-02"
    assert month_from({"month": None}, {"asset": [event("2026-03")]}) == "2026-03"
    assert month_from({}, {"asset": [event("2026-04"), event("2026-03")]}) == "2026-04"
    with pytest.raises(ValueError, match="no month to report"):
        month_from({}, {})
    with pytest.raises(ValueError, match="YYYY-MM"):
        month_from({"month": "March"}, {})


def test_weekly_maintenance(dagbag):
    dag = dagbag.dags["clientele_maintenance"]
    assert isinstance(dag.timetable, CronTriggerTimetable)
    assert dag.timetable.expression == "0 12 * * 0"
    assert render(dag, "maintain", pendulum.datetime(2026, 4, 5, 12, tz="UTC")).application_args == [
        "maintain", "--warehouse", os.environ["CLIENTELE_WAREHOUSE"]]


def setting_template(name):
    from clientele_jobs import setting

    return setting(name)


def test_emailing_is_off_without_recipients(tmp_path):
    import clientele_monthly_reports

    send = clientele_monthly_reports.email_reports.function
    with pytest.raises(AirflowSkipException):
        send(str(tmp_path), "2026-03", " ")
    with pytest.raises(FileNotFoundError):
        send(str(tmp_path), "2026-03", "boss@example.com")


def _from(year, month, day):
    from airflow.timetables.base import TimeRestriction

    return TimeRestriction(earliest=pendulum.datetime(year, month, day, tz="UTC"), latest=None, catchup=True)
