"""The pipeline on real distributed components started here: a real HDFS (Hadoop 3.3.4's MiniDFSCluster:
a NameNode and a DataNode, cluster-test/) and a real Spark standalone cluster on 127.0.0.1 (a master and two
workers from the pinned Spark 3.5.6 distribution's spark-class). clientele_daily runs through Airflow
(dag.test) for the sample days with the Spark connection on spark://127.0.0.1:<port>, landing and warehouse on
hdfs://; one worker is killed (SIGKILL) in the middle of the first gold build, and the run still completes.
Then the monthly reports DAG renders March from that warehouse. Every gold table must equal, row by row,
the same day run locally (the same DAG, spark-submit local[2]) into a local warehouse. Every process is started and
stopped here; nothing is left running."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pendulum
import pytest
from conftest import DAY
from deltalake import DeltaTable

HOME = Path(__file__).resolve().parent.parent.parent
SPARK_HOME = Path(os.environ["SPARK_HOME"])
CLUSTER_JAR = Path(os.environ["CLIENTELE_JAR"])
CLASSPATH_FILE = HOME / "cluster-test" / "target" / "classpath.txt"
LANDING = HOME / "data-samples" / "landing"
#: The sample's initial load, a month's last day: ingest, build (a worker killed in it), check, and the
#: month-end Asset that starts the monthly reports. One day keeps the test within bin/test's budget
#: (each spark-submit on this two-core machine's cluster takes minutes); later days add nothing that
#: test_daily_end_to_end.py and the JUnit suites do not already check.
DAYS = [DAY]
GOLD = ["customer_profile", "segment_thresholds", "loyalty_metrics", "referral_metrics", "churn_cohorts",
        "leaky_bucket", "at_risk_customers", "customer_lifetime_value", "clv_model"]
OPENS = [f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in
         ["java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
          "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action",
          "sun.util.calendar"]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processes:
    """Every process the test starts, each in its own process group, all stopped at the end."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict | None = None, stdin=subprocess.DEVNULL):
        log = open(self.logs / f"{name}.log", "w")
        process = subprocess.Popen(command, stdout=subprocess.PIPE if name == "hdfs" else log, stderr=log,
                                   stdin=stdin, env={**os.environ, **(env or {})}, start_new_session=True)
        self.started[name] = process
        return process

    def kill(self, name: str):
        """SIGKILL of the process itself (not its group: a worker's executor notices on its own)."""
        self.started[name].send_signal(signal.SIGKILL)
        self.started[name].wait(30)

    def stop_all(self):
        for process in self.started.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.time() + 30
        for process in self.started.values():
            try:
                process.wait(max(1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                pass
        for process in self.started.values():
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the group: executors a worker left behind too
            except ProcessLookupError:
                pass
            process.wait(10)


def wait_for(what: str, check, timeout: float = 120, every: float = 1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise TimeoutError(f"timed out waiting for {what}")


def master_state(web_port: int) -> dict:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/json/", timeout=5) as response:
            return json.load(response)
    except OSError:
        return {}


def gold_rows(warehouse: Path, table: str) -> list[tuple]:
    data = DeltaTable(str(warehouse / "gold" / table)).to_pyarrow_table()
    out = [tuple((k, round(v, 9) if isinstance(v, float) else v) for k, v in sorted(r.items()))
           for r in data.to_pylist()]
    return sorted(out, key=repr)


@pytest.fixture(scope="module")
def components(tmp_path_factory):
    for needed in [CLUSTER_JAR, CLASSPATH_FILE]:
        assert needed.is_file(), f"{needed} is missing: build first (./mvnw clean package, or bin/test)"
    work = tmp_path_factory.mktemp("cluster")
    logs = work / "logs"
    logs.mkdir()
    processes = Processes(logs)
    started = time.time()
    try:
        # HDFS
        classpath = CLASSPATH_FILE.read_text().strip() + os.pathsep + str(HOME / "cluster-test" / "target" / "classes")
        hdfs_java = ["java", "-Xmx1g", *OPENS, "-cp", classpath, "com.clientele.clustertest.MiniHdfs"]
        namenode = processes.start("hdfs", [*hdfs_java, "serve", str(work / "hdfs"), str(free_port())],
                                   stdin=subprocess.PIPE)
        line = wait_for("HDFS", lambda: namenode.stdout.readline().decode().strip() or namenode.poll() is not None)
        assert isinstance(line, str) and line.startswith("READY "), f"HDFS did not start: see {logs}/hdfs.log"
        hdfs = line.split()[1]
        subprocess.run([*hdfs_java, "copy", str(LANDING), f"{hdfs}/landing"], check=True, capture_output=True)

        # Spark standalone: a master and two workers
        conf_dir = work / "spark-conf"
        conf_dir.mkdir()
        shutil.copy(HOME / "dags" / "spark-conf" / "log4j2.properties", conf_dir)
        (conf_dir / "spark-defaults.conf").write_text(
            "spark.executor.memory 1g\nspark.executor.cores 1\nspark.sql.shuffle.partitions 4\n"
            "spark.network.timeout 60s\nspark.executor.heartbeatInterval 5s\n"
            # two single-core executors: waiting for a task's preferred executor only idles the other
            "spark.locality.wait 0s\n")
        env = {"SPARK_HOME": str(SPARK_HOME), "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_CONF_DIR": str(conf_dir),
               "SPARK_NO_DAEMONIZE": "1"}
        spark_class = str(SPARK_HOME / "bin" / "spark-class")
        port, web_port = free_port(), free_port()
        processes.start("master", [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                                   "--port", str(port), "--webui-port", str(web_port)], env)
        wait_for("the Spark master", lambda: master_state(web_port).get("status") == "ALIVE")
        master = f"spark://127.0.0.1:{port}"
        for n in (1, 2):
            (work / f"worker{n}").mkdir()
            processes.start(f"worker{n}", [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                                           "--cores", "1", "--memory", "2g", "--webui-port", str(free_port()),
                                           "--work-dir", str(work / f"worker{n}"), master], env)
        wait_for("two workers", lambda: sum(w["state"] == "ALIVE" for w in master_state(web_port).get("workers", [])) == 2)
        yield {"hdfs": hdfs, "hdfs_java": hdfs_java, "master": master, "port": port, "web_port": web_port,
               "work": work, "conf_dir": conf_dir, "processes": processes, "started": started}
    finally:
        processes.stop_all()
        leftover = [name for name, p in processes.started.items() if p.poll() is None]
        assert not leftover, f"still running: {leftover}"


@pytest.fixture(scope="module")
def local_reference(local_daily_run):
    """The same day run locally: clientele_daily through Airflow with spark-submit local[2] into the
    session's local warehouse (conftest's local_daily_run, which test_daily_end_to_end.py checks too)."""
    assert str(local_daily_run.state) == "success", f"the local run of {DAY}: {local_daily_run.state}"
    return Path(os.environ["CLIENTELE_WAREHOUSE"])


def kill_a_worker_during_the_first_build(components, killed: dict):
    """Waits for the first build_gold application to be running on both workers, lets it work a few
    seconds, then SIGKILLs worker 2's process."""
    web_port = components["web_port"]

    def build_running():
        apps = master_state(web_port).get("activeapps", [])
        return any(a["name"] == "clientele-build_gold" for a in apps)

    try:
        wait_for("the first gold build", build_running, timeout=900, every=0.5)
        time.sleep(6)
        components["processes"].kill("worker2")
        killed["at"] = time.time()
    except Exception as e:  # reported by the test below
        killed["error"] = repr(e)


def test_the_daily_dag_on_hdfs_and_a_standalone_cluster_survives_a_lost_worker_and_matches_a_local_run(
        local_reference, components, capsys):
    from airflow.dag_processing.dagbag import DagBag

    subprocess.run([str(Path(sys.executable).parent / "airflow"), "db", "migrate"], check=True, capture_output=True)
    hdfs, work = components["hdfs"], components["work"]
    saved = {k: os.environ.get(k) for k in ["AIRFLOW_CONN_SPARK_DEFAULT", "SPARK_CONF_DIR", "AIRFLOW_VAR_CLIENTELE_LANDING",
                                            "AIRFLOW_VAR_CLIENTELE_WAREHOUSE", "AIRFLOW_VAR_CLIENTELE_REPORTS"]}
    os.environ.update({
        "AIRFLOW_CONN_SPARK_DEFAULT": json.dumps({"conn_type": "spark", "host": "spark://127.0.0.1",
                                                  "port": components["port"]}),
        "SPARK_CONF_DIR": str(components["conf_dir"]),
        "AIRFLOW_VAR_CLIENTELE_LANDING": f"{hdfs}/landing",
        "AIRFLOW_VAR_CLIENTELE_WAREHOUSE": f"{hdfs}/warehouse",
        "AIRFLOW_VAR_CLIENTELE_REPORTS": str(work / "reports"),
    })
    try:
        bag = DagBag(dag_folder=os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
        assert bag.import_errors == {}
        daily, monthly = bag.dags["clientele_daily"], bag.dags["clientele_monthly_reports"]
        for task in [*daily.tasks, *monthly.tasks]:
            task.retries = min(task.retries, 1)  # one retry, at once: a lost worker may cost one
            task.retry_delay = timedelta(seconds=0)
            task.retry_exponential_backoff = False

        killed: dict = {}
        killer = threading.Thread(target=kill_a_worker_during_the_first_build, args=(components, killed), daemon=True)
        killer.start()
        for day in DAYS:
            run = daily.test(logical_date=pendulum.parse(day, tz="UTC"))
            assert str(run.state) == "success", f"clientele_daily {day} on the cluster: {run.state}"
        killer.join(5)
        assert "at" in killed, f"worker 2 was not killed during the first build: {killed.get('error')}"
        alive = [w["state"] for w in master_state(components["web_port"]).get("workers", [])]
        assert alive.count("ALIVE") == 1, f"one worker is gone: {alive}"

        reports = monthly.test(run_conf={"month": "2026-03"})
        assert str(reports.state) == "success"
        pdfs = sorted((work / "reports" / "2026-03").glob("*.pdf"))
        assert len(pdfs) == 6 and all(p.stat().st_size > 10_000 for p in pdfs), pdfs
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    fetched = work / "fetched"
    fetched.mkdir()
    subprocess.run([*components["hdfs_java"], "fetch", f"{hdfs}/warehouse/gold", str(fetched / "gold")],
                   check=True, capture_output=True)
    for table in GOLD:
        cluster_rows, local_rows = gold_rows(fetched, table), gold_rows(local_reference, table)
        assert len(local_rows) > 0, f"gold.{table} is empty: nothing compared"
        assert cluster_rows == local_rows, f"gold.{table} differs between the cluster and the local run"
    dates = {dict(r)["as_of_date"].isoformat() for r in gold_rows(fetched, "customer_profile")}
    assert dates == set(DAYS)
    with capsys.disabled():
        print(f"\n[cluster test] HDFS + standalone Spark (1 master, 2 workers, one killed), {len(DAYS)} days, "
              f"monthly PDFs, comparison with the local run: {time.time() - components['started']:.0f} s")
