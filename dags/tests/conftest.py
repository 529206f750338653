"""Test environment for the DAGs, set before Airflow is imported (its configuration is read at import).

One temporary AIRFLOW_HOME (sqlite) and one temporary warehouse per test session; the DAGs' settings
point at the repository's sample landing folder, demo key and jar, and Spark runs locally from the
pyspark distribution that dags/setup-venv.sh installed (dags/.venv/spark/pyspark).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import subprocess
import tempfile
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parent.parent
HOME = DAGS.parent
SESSION_DIR = Path(tempfile.mkdtemp(prefix="clientele-dags-test-"))
SPARK_HOME = Path(os.environ.get("SPARK_HOME") or DAGS / ".venv" / "spark" / "pyspark")

os.environ.update(
    {
        "AIRFLOW_HOME": str(SESSION_DIR / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "True",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{SESSION_DIR / 'airflow' / 'airflow.db'}",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(SESSION_DIR / "airflow" / "logs"),
        "AIRFLOW_CONN_SPARK_DEFAULT": json.dumps({"conn_type": "spark", "host": "local[2]"}),
        "CLIENTELE_HOME": str(HOME),
        "CLIENTELE_LANDING": str(HOME / "data-samples" / "landing"),
        "CLIENTELE_WAREHOUSE": str(SESSION_DIR / "warehouse"),
        "CLIENTELE_REPORTS": str(SESSION_DIR / "reports"),
        "CLIENTELE_KEY_FILE": str(HOME / "data-samples" / "demo.key"),
        "CLIENTELE_JAR": os.environ.get("CLIENTELE_JAR", str(HOME / "jobs" / "target" / "clientele-spark.jar")),
        "CLIENTELE_DRIVER_MEMORY": "2g",
        # Tiny data, two cores shared by the driver, executors, HDFS and Airflow: the quick JIT only.
        # The quick-only JIT's code cache defaults to 48 MB, which a build's generated code can fill
        # ("Out of space in CodeCache"): give it Spark's usual room.
        "CLIENTELE_JVM_OPTIONS": "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m",
        "SPARK_HOME": str(SPARK_HOME),
        "SPARK_CONF_DIR": str(DAGS / "spark-conf"),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "PATH": f"{SPARK_HOME / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
)
(SESSION_DIR / "airflow").mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(DAGS))


#: The sample's initial load, a month's last day: the day the DAG tests run clientele_daily for.
DAY = "2026-03-31"


def jar_commands(jar: Path) -> str:
    """The jar's command list, as spark-submit of the distribution runs it (the cluster jar has no Spark)."""
    done = subprocess.run(["spark-submit", "--class", "com.clientele.cli.ClienteleCli", str(jar), "--help"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def daily_dag():
    """clientele_daily as the DAG folder defines it, tasks without retries (a failure is a test failure)."""
    jar = Path(os.environ["CLIENTELE_JAR"])
    assert jar.is_file(), f"{jar} is missing: build it first (./mvnw clean package, or bin/test)"
    commands = jar_commands(jar)
    for command in ("ingest", "build", "check", "maintain", "report"):
        assert f"  {command} " in commands or f"  {command}\n" in commands, f"the jar has no '{command}' command"
    airflow = Path(sys.executable).parent / "airflow"
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True)
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
    assert bag.import_errors == {}
    dag = bag.dags["clientele_daily"]
    for task in dag.tasks:
        task.retries = 0
    return dag


@pytest.fixture(scope="session")
def local_daily_run(daily_dag):
    """clientele_daily for DAY through Airflow (dag.test), spark-submit local[2], into the session's
    local warehouse (CLIENTELE_WAREHOUSE). Run once per session: test_daily_end_to_end.py checks it
    and re-runs the day; test_cluster.py compares the cluster's gold tables with it."""
    import pendulum

    return daily_dag.test(logical_date=pendulum.parse(DAY, tz="UTC"))


def pytest_sessionfinish(session, exitstatus):
    if not os.environ.get("CLIENTELE_KEEP_TEST_DIR"):
        shutil.rmtree(SESSION_DIR, ignore_errors=True)
