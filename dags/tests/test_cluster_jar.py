"""The spark-submit jar (jobs/target/clientele-spark.jar) carries nothing the Spark 3.5.6 distribution
already provides: no class file in it is also in a jar of the distribution's jars/ folder (the pyspark
wheel that dags/setup-venv.sh installs, the same files as spark-3.5.6-bin-hadoop3). It does carry what
the distribution lacks (Delta, our code, JasperReports), and the DAGs submit it."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

HOME = Path(__file__).resolve().parent.parent.parent
CLUSTER_JAR = HOME / "jobs" / "target" / "clientele-spark.jar"
SELF_CONTAINED_JAR = HOME / "jobs" / "target" / "clientele.jar"
SPARK_JARS = Path(os.environ["SPARK_HOME"]) / "jars"


def classes(jar: Path) -> set[str]:
    with zipfile.ZipFile(jar) as z:
        return {n for n in z.namelist() if n.endswith(".class") and not n.startswith("META-INF/")}


@pytest.fixture(scope="module")
def cluster_classes() -> set[str]:
    assert CLUSTER_JAR.is_file(), f"{CLUSTER_JAR} is missing: build it first (./mvnw clean package, or bin/test)"
    return classes(CLUSTER_JAR)


def test_no_class_of_the_spark_distribution_is_bundled(cluster_classes):
    jars = sorted(SPARK_JARS.glob("*.jar"))
    assert len(jars) > 200, f"the Spark distribution's jars are not at {SPARK_JARS}"
    overlap: dict[str, int] = {}
    for jar in jars:
        both = cluster_classes & classes(jar)
        if both:
            overlap[jar.name] = len(both)
    assert overlap == {}, f"classes the distribution already provides, by distribution jar: {overlap}"


def test_it_carries_what_the_distribution_lacks_and_is_much_smaller(cluster_classes):
    for needed in ["com/clientele/cli/ClienteleCli.class",
                   "io/delta/tables/DeltaTable.class",
                   "org/apache/spark/sql/delta/catalog/DeltaCatalog.class",
                   "net/sf/jasperreports/engine/JasperFillManager.class",
                   "com/amazon/deequ/VerificationSuite.class",
                   "picocli/CommandLine.class"]:
        assert needed in cluster_classes, needed
    assert not any(c.startswith(("org/apache/spark/sql/SparkSession", "scala/", "org/apache/hadoop/"))
                   for c in cluster_classes)
    assert not any(c.startswith("org/duckdb/") for c in cluster_classes), "the benchmark's DuckDB stays out"
    assert CLUSTER_JAR.stat().st_size * 4 < SELF_CONTAINED_JAR.stat().st_size
    with zipfile.ZipFile(CLUSTER_JAR) as z:
        services = z.read("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister").decode()
        assert "DeltaDataSource" in services, "Delta's data source is registered"
        assert b"clientele" in z.read("reference.conf"), "the configuration defaults are in the jar"


def test_the_dags_submit_it():
    from clientele_jobs import SETTINGS

    assert Path(SETTINGS["jar"][2]).name == "clientele-spark.jar"
