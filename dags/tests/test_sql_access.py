"""BI access to the warehouse the daily DAG run built (conftest's local_daily_run): the persistent SQL
catalog (`catalog register`, `sql`), the SQL server (`serve-sql`: the Spark Thrift Server of the pyspark
distribution, reached with PyHive, a real HiveServer2 client), and reading the gold tables without Spark
(delta-rs). Answers through the server are compared with the same queries run by `clientele sql`; the
delta-rs reads with Spark's counts and sums."""

from __future__ import annotations

import decimal
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from deltalake import DeltaTable

HOME = Path(os.environ["CLIENTELE_HOME"])
WAREHOUSE = Path(os.environ["CLIENTELE_WAREHOUSE"])
JAR = HOME / "jobs" / "target" / "clientele.jar"

#: Every gold table with a numeric column whose sum the folder readers and Spark must agree on. The
#: views (VIEWS) have no folder: they are read by their DuckDB text over the folders they read.
GOLD = {"customer_profile": "total_amount", "customer_segments": "score", "loyalty_metrics": "revenue",
        "referral_metrics": "referrals", "churn_cohorts": "customers_retained", "leaky_bucket": "customers_gained",
        "at_risk_customers": "value_at_stake", "customer_lifetime_value": "frequency", "clv_model": "customers",
        "customer_credit": "open_receivable", "segment_thresholds": "value"}

#: The gold tables published as views, with the stored tables each reads (TableCatalog's asViewOf).
VIEWS = {"customer_segments": ["customer_profile", "segment_thresholds"]}

#: The rows of each view as Spark gives them, for the row-by-row comparison with the DuckDB text.
VIEW_ROWS = {"customer_segments": "SELECT as_of_date, customer_key, scheme, segment, score, to_json(inputs) "
                                  "FROM gold.customer_segments"}

#: Typical dashboard queries: monthly KPIs, segment mix by nature, the top at-risk customers with their
#: profiles, referral lift. Each has an ORDER BY that fixes the row order.
DASHBOARD = {
    "monthly_kpis": "SELECT month_start, active_customers, new_customers, revenue, retention_rate "
                    "FROM gold.loyalty_metrics_current WHERE breakdown = 'all' ORDER BY month_start",
    "nature_mix": "SELECT segment, count(*) AS customers FROM gold.customer_segments_current "
                  "WHERE scheme = 'nature' GROUP BY segment ORDER BY segment",
    "top_at_risk": "SELECT a.priority, a.customer_key, p.display_name_masked, p.region, a.value_at_stake, "
                   "p.amount_12m FROM gold.at_risk_customers_current a JOIN gold.customer_profile_current p "
                   "ON p.customer_key = a.customer_key ORDER BY a.priority, a.customer_key LIMIT 10",
    "referral_lift": "SELECT period, referred_first_year_customers, first_year_revenue_lift, retention_12m_lift "
                     "FROM gold.referral_metrics_current WHERE period = 'overall'",
}


def clientele(*args: str, check: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
    """The runnable jar, as bin/clientele runs it (java -jar), against the session's warehouse."""
    env = dict(os.environ, CLIENTELE_JAVA_OPTS="-Xmx1g")
    # The quick-only JIT's default code cache (48 MB) can fill (see dags/README.md): as conftest.py sets it.
    done = subprocess.run(["java", "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m", "-jar",
                           str(JAR), *args, "--warehouse", str(WAREHOUSE)],
                          capture_output=True, text=True, env=env, timeout=timeout)
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


def sql_results(*queries: str) -> list[list[list[str]]]:
    """Each query's TSV result from one `clientele sql` run: rows of fields, header first."""
    out = clientele("sql", *queries).stdout
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == len(queries), out[-2000:]
    return [[line.split("\t") for line in block.split("\n")] for block in blocks]


def same(tsv_field: str, value) -> bool:
    """A TSV field of `clientele sql` and a value PyHive returned for the same cell."""
    if value is None:
        return tsv_field == ""
    if isinstance(value, (float, decimal.Decimal)) or (isinstance(value, int) and not isinstance(value, bool)):
        return tsv_field != "" and abs(float(tsv_field) - float(value)) <= 1e-9 * max(1.0, abs(float(value)))
    return tsv_field == str(value)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def warehouse(local_daily_run):
    assert str(local_daily_run.state) == "success"
    return WAREHOUSE


@pytest.fixture(scope="module")
def expected(warehouse):
    """What `clientele sql` answers (before the server holds the embedded metastore)."""
    names = list(DASHBOARD)
    aggregates = " UNION ALL ".join(
        f"SELECT '{t}' AS t, count(*) AS n, count(DISTINCT as_of_date) AS dates, "
        f"CAST(sum({c}) AS DOUBLE) AS total FROM gold.{t}" for t, c in GOLD.items())
    results = sql_results(*[DASHBOARD[n] for n in names], "SHOW TABLES IN silver", "SHOW TABLES IN gold",
                          aggregates + " ORDER BY t", *VIEW_ROWS.values())
    out = dict(zip(names, results))
    out["silver_tables"] = {row[1] for row in results[len(names)][1:]}
    out["gold_tables"] = {row[1] for row in results[len(names) + 1][1:]}
    out["counts"] = {row[0]: (int(row[1]), int(row[2]), float(row[3])) for row in results[len(names) + 2][1:]}
    out["view_rows"] = dict(zip(VIEW_ROWS, results[len(names) + 3:]))
    return out


def duckdb_view(view: str):
    """The view read as docs/bi.md tells a reader of the folders: its DuckDB text (the definition's
    resource, which docs/bi.md quotes) over the tables it reads, here the delta-rs reads of their folders."""
    import duckdb

    text = (HOME / "jobs" / "src" / "main" / "resources" / "views" / f"{view}.duckdb.sql").read_text(encoding="utf-8")
    query = "\n".join(line for line in text.splitlines() if not line.startswith("--")).strip()
    assert query in (HOME / "docs" / "bi.md").read_text(encoding="utf-8"), "docs/bi.md quotes the view's text"
    con = duckdb.connect()
    con.execute("CREATE SCHEMA gold")
    for table in VIEWS[view]:
        con.register(f"{table}_folder", DeltaTable(str(WAREHOUSE / "gold" / table)).to_pyarrow_table())
        con.execute(f"CREATE VIEW gold.{table} AS SELECT * FROM {table}_folder")
    return con.execute(query)


def test_the_catalog_persists_between_processes_and_never_holds_personal_data(warehouse, expected):
    again = clientele("catalog", "register").stdout
    # `sql` (the expected fixture) registered everything; this second process finds it all already there.
    assert "SQL catalog: 0 registered" in again and "0 removed" in again, again
    assert "customer_pii" not in expected["silver_tables"]
    assert {"customers", "transactions", "quarantine", "ingest_log"} <= expected["silver_tables"]
    gold = expected["gold_tables"]
    assert set(GOLD) | {f"{t}_current" for t in GOLD} <= gold
    assert {f"{t}_current" for t in gold if not t.endswith("_current")} <= gold, "every gold table has its view"
    refused = clientele("sql", "SELECT count(*) FROM silver.customer_pii", check=False)
    assert refused.returncode != 0 and "TABLE_OR_VIEW_NOT_FOUND" in refused.stderr
    by_path = clientele("sql", f"SELECT count(*) FROM delta.`{warehouse / 'silver' / 'customer_pii'}`", check=False)
    assert by_path.returncode != 0


@pytest.fixture(scope="module")
def server(warehouse, expected):
    """`clientele serve-sql` on a free local port; stopped (and checked stopped) at the end."""
    port = free_port()
    log = WAREHOUSE.parent / f"serve-sql-{port}.log"
    with open(log, "w") as out:
        process = subprocess.Popen(["java", "-Xmx512m", "-jar", str(JAR), "serve-sql", "--warehouse", str(WAREHOUSE),
                                    "--port", str(port)], stdout=subprocess.PIPE, stderr=out, text=True)
    deadline = time.time() + 300
    line = ""
    while time.time() < deadline and process.poll() is None:
        line = process.stdout.readline()
        if line.startswith("serve-sql: listening"):
            break
    assert line.startswith("serve-sql: listening"), (line, log.read_text()[-3000:])
    assert f"jdbc:hive2://127.0.0.1:{port}/default" in line
    yield port, process
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=120)
    for _ in range(60):
        if not listening(port):
            break
        time.sleep(1)
    assert not listening(port), "the server still listens after serve-sql was stopped"
    left = subprocess.run(["pgrep", "-f", f"serve-sql.*--port {port}"], capture_output=True, text=True).stdout
    assert left.strip() == "", f"processes left running: {left}"


def query(port: int, statement: str):
    from pyhive import hive

    connection = hive.connect(host="127.0.0.1", port=port, username="analyst")
    try:
        cursor = connection.cursor()
        cursor.execute(statement)
        return [d[0] for d in cursor.description], cursor.fetchall()
    finally:
        connection.close()


def test_dashboard_queries_through_the_server_equal_clientele_sql(server, expected):
    port, _ = server
    for name, statement in DASHBOARD.items():
        columns, rows = query(port, statement)
        header, *lines = expected[name]
        assert [c.split(".")[-1] for c in columns] == header, name
        assert len(rows) == len(lines), name
        assert rows, f"{name}: no rows, the comparison would prove nothing"
        for got, want in zip(rows, lines):
            assert all(same(w, g) for w, g in zip(want, got)), (name, got, want)


def test_the_server_lists_the_catalog_and_refuses_the_personal_data(server, expected, warehouse):
    port, _ = server
    _, silver = query(port, "SHOW TABLES IN silver")
    assert {row[1] for row in silver} == expected["silver_tables"]
    _, gold = query(port, "SHOW TABLES IN gold")
    assert {row[1] for row in gold} == expected["gold_tables"]
    # BI tools show each column's meaning: the catalog's comments, carried by the Delta schema.
    for name in ["gold.customer_profile", "gold.customer_profile_current"]:
        _, described = query(port, f"DESCRIBE {name}")
        columns = [row for row in described if row[0] and not row[0].startswith("#")]
        assert len(columns) > 40 and all(row[2] for row in columns), (name, [r for r in columns if not r[2]][:5])
    from pyhive.exc import OperationalError

    for statement in ["SELECT * FROM silver.customer_pii",
                      f"SELECT * FROM delta.`{warehouse / 'silver' / 'customer_pii'}`"]:
        with pytest.raises(OperationalError, match="TABLE_OR_VIEW_NOT_FOUND"):
            query(port, statement)


def test_the_server_is_read_only(server):
    port, _ = server
    from pyhive.exc import OperationalError

    for statement in ["INSERT INTO gold.clv_model SELECT * FROM gold.clv_model",
                      "DELETE FROM gold.customer_profile WHERE true",
                      "DROP TABLE gold.customer_profile",
                      "CREATE TABLE gold.scratch (a INT) USING delta",
                      "SET spark.sql.runSQLOnFiles=true"]:
        with pytest.raises(OperationalError, match="the SQL server is read-only"):
            query(port, statement)
    # Reading settings and harmless session settings pass; the tables are untouched.
    query(port, "SET spark.sql.shuffle.partitions=2")
    _, rows = query(port, "SELECT count(*) FROM gold.clv_model")
    assert rows[0][0] == expected_rows("clv_model")


def expected_rows(table: str) -> int:
    return DeltaTable(str(WAREHOUSE / "gold" / table)).to_pyarrow_table().num_rows


def test_a_second_server_on_the_same_port_fails_clearly(server):
    port, _ = server
    done = clientele("serve-sql", "--port", str(port), check=False, timeout=120)
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "port is taken" in done.stderr


def test_every_gold_table_reads_the_same_with_delta_rs(warehouse, expected):
    for table, column in GOLD.items():
        if table in VIEWS:
            assert not (WAREHOUSE / "gold" / table).exists(), f"{table} is a view: nothing stored"
            read = duckdb_view(table)
            names = [d[0] for d in read.description]
            data = {name: list(values) for name, values in zip(names, zip(*read.fetchall()))}
        else:
            data = DeltaTable(str(WAREHOUSE / "gold" / table)).to_pyarrow_table().to_pydict()
        rows, dates, total = expected["counts"][table]
        assert rows > 0, table
        assert len(data["as_of_date"]) == rows, table
        assert len(set(data["as_of_date"])) == dates, table
        values = [float(v) for v in data[column] if v is not None]
        assert values, f"{table}.{column}: no values, the comparison would prove nothing"
        assert abs(sum(values) - total) <= 1e-9 * max(1.0, abs(total)), (table, column, sum(values), total)


def test_configured_hiveserver2_settings_reach_the_server(warehouse, tmp_path):
    """clientele.serve-sql.hive-settings (authentication, TLS, ...) apply: here NOSASL, which a SASL
    client cannot speak and a NOSASL client can. Its own metastore folder, so it runs beside `server`."""
    config = tmp_path / "serve.conf"
    config.write_text('clientele.catalog.derby-dir = "%s"\n'
                      'clientele.serve-sql.hive-settings { "hive.server2.authentication" = "NOSASL" }\n'
                      % (tmp_path / "metastore"))
    port = free_port()
    process = subprocess.Popen(["java", "-Xmx512m", "-jar", str(JAR), "serve-sql", "--warehouse", str(WAREHOUSE),
                                "--port", str(port), "--config", str(config)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("serve-sql: listening"), line
        from pyhive import hive

        connection = hive.connect(host="127.0.0.1", port=port, username="analyst", auth="NOSASL")
        cursor = connection.cursor()
        cursor.execute("SELECT count(*) FROM gold.clv_model")
        assert cursor.fetchall()[0][0] == expected_rows("clv_model")
        connection.close()
        with pytest.raises(Exception):
            sasl = hive.connect(host="127.0.0.1", port=port, username="analyst")
            sasl.cursor().execute("SELECT 1")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
    assert not listening(port)


def test_the_views_read_the_same_with_their_duckdb_text_row_by_row(warehouse, expected):
    """docs/bi.md's DuckDB text of each view over the folders gives exactly Spark's rows (the catalog's view)."""
    import json

    for view in VIEWS:
        header, *spark_rows = expected["view_rows"][view]
        assert header[:4] == ["as_of_date", "customer_key", "scheme", "segment"], header
        duck = duckdb_view(view).fetchall()
        assert len(spark_rows) > 0 and len(duck) == len(spark_rows), (view, len(duck), len(spark_rows))

        def present(inputs: dict) -> dict:
            return {k: v for k, v in inputs.items() if v is not None}

        by_key = {(r[0], r[1], r[2]): r for r in spark_rows}
        assert len(by_key) == len(spark_rows), "one row per date, customer and scheme"
        schemes = set()
        for as_of, customer, scheme, segment, score, inputs in duck:
            row = by_key[(str(as_of), customer, scheme)]
            schemes.add(scheme)
            assert row[3] == segment, (row, segment)
            assert (row[4] == "") == (score is None) and (score is None or same(row[4], score)), (row, score)
            spark_inputs = present(json.loads(row[5]))
            assert spark_inputs.keys() == present(inputs).keys(), (row, inputs)
            assert all(same(str(spark_inputs[k]), v) for k, v in present(inputs).items()), (row, inputs)
        assert len(schemes) == 9, schemes
