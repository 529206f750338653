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


def render(dag, task_id: str, logical_date, variables: dict | None = None):
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
    }
    task.render_template_fields(context, jinja_env=dag.get_template_env())
    return task


def test_the_dag_files_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"clientele_daily", "clientele_monthly_reports"}


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


def test_daily_task_graph_and_retries(dagbag):
    dag = dagbag.dags["clientele_daily"]
    order = ["wait_for_landing_files", "ingest", "build_gold", "quality_check"]
    assert set(dag.task_ids) == set(order)
    for upstream, downstream in zip(order, order[1:]):
        assert dag.get_task(downstream).upstream_task_ids == {upstream}
    assert dag.get_task("quality_check").downstream_task_ids == set()
    assert {t: dag.get_task(t).retries for t in order} == {
        "wait_for_landing_files": 0, "ingest": 2, "build_gold": 2, "quality_check": 1}
    sensor = dag.get_task("wait_for_landing_files")
    assert sensor.mode == "reschedule"
    assert sensor.timeout == 12 * 3600
    for t in order[1:]:
        task = dag.get_task(t)
        assert type(task).__name__ == "SparkSubmitOperator"
        assert task._conn_id == "spark_default"
        assert task._java_class == "com.clientele.cli.ClienteleCli"


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


def test_the_landing_sensor_waits_for_the_days_export_files(tmp_path):
    import clientele_daily

    poke = clientele_daily.wait_for_landing_files.function
    landing = HOME / "data-samples" / "landing"
    assert poke(str(landing), "2026-04-01") is True
    assert poke(str(landing), "2026-05-01") is False
    (tmp_path / "transactions" / "2026-04-01").mkdir(parents=True)
    (tmp_path / "transactions" / "2026-04-01" / "_SUCCESS").write_text("")
    assert poke(str(tmp_path), "2026-04-01") is False, "markers are not exports"
    with pytest.raises(FileNotFoundError):
        poke(str(tmp_path / "missing"), "2026-04-01")


def test_monthly_reports_render_the_previous_month_on_the_first(dagbag):
    dag = dagbag.dags["clientele_monthly_reports"]
    assert isinstance(dag.timetable, CronTriggerTimetable)
    assert dag.timetable.expression == "0 8 1 * *"
    assert set(dag.tags) == {"clientele", "spark", "reports", "monthly"}
    assert "### clientele_monthly_reports" in dag.doc_md
    assert dag.get_task("email_reports").upstream_task_ids == {"render_reports"}
    assert dag.get_task("render_reports").retries == 2
    reports = os.environ["CLIENTELE_REPORTS"]
    assert render(dag, "render_reports", pendulum.datetime(2026, 4, 1, 8, tz="UTC")).application_args == [
        "report", "--month", "2026-03", "--out", reports, "--warehouse", os.environ["CLIENTELE_WAREHOUSE"]]
    january = render(DagBag(dag_folder=str(DAGS)).dags["clientele_monthly_reports"], "render_reports", pendulum.datetime(2026, 1, 1, 8, tz="UTC"))
    assert january.application_args[2] == "2025-12"
    mail = render(dag, "email_reports", pendulum.datetime(2026, 4, 1, 8, tz="UTC"))
    assert mail.op_kwargs == {"reports": reports, "month": "2026-03", "recipients": ""}


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
