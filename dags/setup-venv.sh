#!/usr/bin/env bash
# Creates dags/.venv: Airflow 3 with the Spark and SMTP providers and the test tools (requirements.txt,
# fully pinned), plus the Spark distribution from the pyspark wheel (spark-requirements.txt) in
# dags/.venv/spark, whose bin/spark-submit runs the jobs. Everything comes from PyPI.
# Idempotent: does nothing when the venv was built from the same requirement files (hash stamp).
#   dags/setup-venv.sh            # CLIENTELE_PYTHON=python3.12 to pick the interpreter (3.10-3.13)
# Prints the settings to use it:  SPARK_HOME=dags/.venv/spark/pyspark, PATH=$SPARK_HOME/bin:$PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(cd "$here/.." && pwd)"
venv="$here/.venv"
python="${CLIENTELE_PYTHON:-python3}"
stamp_file="$venv/.requirements.sha256"
stamp="$(cat "$here/requirements.txt" "$here/spark-requirements.txt" "$here/setup-venv.sh" | sha256sum | cut -d' ' -f1)"

if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
  echo "dags/.venv is up to date"
  exit 0
fi

"$python" - <<'PY'
import sys
if not ((3, 10) <= sys.version_info[:2] <= (3, 13)):
    sys.exit(f"setup-venv: Airflow 3 needs Python 3.10-3.13, {sys.executable} is {sys.version.split()[0]} "
             "(set CLIENTELE_PYTHON)")
PY

started=$SECONDS
echo "setup-venv: building dags/.venv with $("$python" --version) ..."
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt"
# The Spark distribution on its own, so the provider's pyspark-client cannot overwrite its files.
"$venv/bin/python" -m pip install --quiet --no-deps --target "$venv/spark" -r "$here/spark-requirements.txt"

spark_home="$venv/spark/pyspark"
wanted="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$home/pom.xml" | head -1)"
got="$(SPARK_HOME="$spark_home" "$spark_home/bin/spark-submit" --version 2>&1 | sed -n 's/.*version \([0-9][0-9.]*\)$/\1/p' | head -1)"
if [ -z "$wanted" ] || [ "$got" != "$wanted" ]; then
  echo "setup-venv: spark-submit is Spark '$got' but the jobs use Spark '$wanted' (pom.xml): fix spark-requirements.txt" >&2
  exit 1
fi
"$venv/bin/python" -c "import airflow, airflow.providers.apache.spark, airflow.providers.smtp, deltalake, duckdb, pytest"
echo "$stamp" > "$stamp_file"
echo "setup-venv: done in $((SECONDS - started)) s (Airflow $("$venv/bin/python" -c 'import airflow; print(airflow.__version__)'), Spark $got)"
