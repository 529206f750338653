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
import tempfile
from pathlib import Path

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
        "SPARK_HOME": str(SPARK_HOME),
        "SPARK_CONF_DIR": str(DAGS / "spark-conf"),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "PATH": f"{SPARK_HOME / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
)
(SESSION_DIR / "airflow").mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(DAGS))


def pytest_sessionfinish(session, exitstatus):
    if not os.environ.get("CLIENTELE_KEEP_TEST_DIR"):
        shutil.rmtree(SESSION_DIR, ignore_errors=True)
