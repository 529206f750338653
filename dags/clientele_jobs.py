"""Shared pieces of the Clientele DAGs: where things are, and a Spark task running the project's jar.

Every setting is an Airflow Variable, falling back to an environment variable of the worker, then
to a default relative to this checkout (see dags/README.md). Variables are read when a task runs
(Jinja ``var.value.get``), never while the scheduler parses the DAG files.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Asset

#: The checkout this file belongs to (dags/..): defaults point into it.
PROJECT_HOME = Path(os.environ.get("CLIENTELE_HOME", Path(__file__).resolve().parent.parent))

#: Setting name -> (Airflow Variable, environment variable, default).
SETTINGS = {
    "jar": ("clientele_jar", "CLIENTELE_JAR", str(PROJECT_HOME / "jobs" / "target" / "clientele-spark.jar")),
    "landing": ("clientele_landing", "CLIENTELE_LANDING", str(PROJECT_HOME / "data-samples" / "landing")),
    "warehouse": ("clientele_warehouse", "CLIENTELE_WAREHOUSE", str(PROJECT_HOME / "warehouse")),
    "reports": ("clientele_reports", "CLIENTELE_REPORTS", str(PROJECT_HOME / "out" / "reports")),
    "report_recipients": ("clientele_report_recipients", "CLIENTELE_REPORT_RECIPIENTS", ""),
}

#: The Airflow connection naming the Spark master (host "local[2]", "spark://h:7077", "yarn", "k8s://https://...").
SPARK_CONN_ID = os.environ.get("CLIENTELE_SPARK_CONN_ID", "spark_default")
#: The SMTP connection used when report recipients are set.
SMTP_CONN_ID = os.environ.get("CLIENTELE_SMTP_CONN_ID", "smtp_default")
#: Optional: a key file (on the Spark driver's machine) instead of CLIENTELE_SECRET_KEY in its environment.
KEY_FILE = os.environ.get("CLIENTELE_KEY_FILE", "")
#: Optional: a HOCON config file layered over the jar's defaults (source definitions, thresholds).
CONFIG_FILE = os.environ.get("CLIENTELE_CONFIG", "")

#: The Spark driver's heap (spark-submit --driver-memory; not a templated field, so environment only).
DRIVER_MEMORY = os.environ.get("CLIENTELE_DRIVER_MEMORY", "4g")
#: Extra Spark properties for a cluster (JSON object), e.g. executors, the Kubernetes image, secrets.
SPARK_CONF = json.loads(os.environ.get("CLIENTELE_SPARK_CONF") or "{}")

MAIN_CLASS = "com.clientele.cli.ClienteleCli"

#: Updated by clientele_daily when a month's last day has been loaded, built and checked; its event's
#: extra names the month ({"month": "2026-03"}). clientele_monthly_reports is scheduled on it.
GOLD_MONTH_END = Asset(name="clientele_gold_month_end", uri="clientele://gold/month-end")

#: Exit code of ``clientele landing`` when the day's exports are not complete yet.
LANDING_NOT_READY = 10

DEFAULT_ARGS = {
    "owner": "clientele",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=3),
}


def setting(name: str) -> str:
    """A Jinja expression giving the setting at run time: Variable, else environment, else default."""
    variable, env, default = SETTINGS[name]
    fallback = os.environ.get(env, default)
    return "{{ var.value.get(%r, %r) }}" % (variable, fallback)


def common_args() -> list[str]:
    """The options every Spark command takes: the warehouse, and the config file when one is set."""
    return ["--warehouse", setting("warehouse"), *config_args()]


def config_args(config: str = CONFIG_FILE) -> list[str]:
    return ["--config", config] if config else []


def spark_submit_binary() -> str:
    """The spark-submit the tasks use: $SPARK_HOME/bin/spark-submit, else the one on PATH."""
    home = os.environ.get("SPARK_HOME")
    return str(Path(home) / "bin" / "spark-submit") if home else "spark-submit"


def key_args() -> list[str]:
    return ["--key-file", KEY_FILE] if KEY_FILE else []


#: JIT and collector options of the driver and executors, the same as bin/clientele's
#: (docs/benchmarks/NOTES.md). They compile Spark's generated methods over the JIT's 8000-byte limit
#: anyway (ingest ~15% faster at volume), keep the optimising compiler's inlining shallower (Java 11's
#: depth: on two cores that compiler spent half of a cold 10M build's CPU) and use the throughput
#: collector; together a cold 10M gold build ran about 12% faster on 13% less CPU. On executors with
#: very large heaps, G1's shorter pauses may matter more: set CLIENTELE_JVM_OPTIONS (it replaces them).
#: On small daily data and few cores, "-XX:TieredStopAtLevel=1" (the quick compiler only) spends
#: less CPU on compiling than it loses in speed; the DAG tests use it on their two-core machine, with
#: "-XX:ReservedCodeCacheSize=256m" (that mode's default code cache, 48 MB, can fill during a build).
JIT_OPTIONS = os.environ.get(
    "CLIENTELE_JVM_OPTIONS",
    "-XX:-DontCompileHugeMethods -XX:MaxInlineLevel=9 -XX:InlineSmallCode=1000 -XX:+UseParallelGC")


def clientele_job(task_id: str, args: list[str], **kwargs) -> SparkSubmitOperator:
    """A task running ``clientele <args>`` through spark-submit on the connection's master.

    The jar's main exits with the command's code (0 ok, 1 failed, 2 bad arguments, 3 quality
    errors); spark-submit passes it on, so a non-zero code fails the task.
    """
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        application=setting("jar"),
        java_class=MAIN_CLASS,
        application_args=args,
        name=f"clientele-{task_id}",
        driver_memory=DRIVER_MEMORY,
        conf={
            "spark.driver.extraJavaOptions": f"-Dfile.encoding=UTF-8 {JIT_OPTIONS}",
            "spark.executor.extraJavaOptions": JIT_OPTIONS,
            "spark.ui.enabled": "false",
            **SPARK_CONF,
        },
        verbose=False,
        **kwargs,
    )
