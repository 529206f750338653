"""
### clientele_monthly_reports — a month's management PDFs, once its data is complete

Starts when `clientele_daily` has loaded, built and checked a **month's last day**: that run updates
the Asset `clientele_gold_month_end` with the month, and this DAG is scheduled on the Asset (not on the
clock), so the reports never run ahead of the data, and a late month-end run simply starts them later.

1. **month_to_report** — the month M: the run's `month` parameter when given (manual runs:
   `airflow dags trigger clientele_monthly_reports --conf '{"month": "2026-03"}'`), else the month named by
   the Asset event(s) that started the run (the latest, when several months queued up).
2. **render_reports** — `clientele report --month M --out <reports>`: executive summary, customer cards
   and churn/referral PDFs in zh-CN and en into `<reports>/M/<report>-<locale>.pdf` from the gold
   snapshot of M's latest as-of date. Re-running overwrites the same files.
3. **email_reports** — sends those PDFs through the SMTP connection `smtp_default` to the addresses in
   the Variable `clientele_report_recipients` (comma-separated). **Off by default**: with no recipients
   the task is skipped.

Personal data never goes into these PDFs (no `--include-personal-data`). Settings: `dags/README.md`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
from airflow.sdk import DAG, Param, task

from clientele_jobs import DEFAULT_ARGS, GOLD_MONTH_END, SMTP_CONN_ID, clientele_job, common_args, setting

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def month_from(params: dict, triggering_asset_events) -> str:
    """The month to report: the ``month`` parameter, else the latest month the Asset events name."""
    month = (params or {}).get("month")
    if not month:
        months = [
            (event.extra or {}).get("month")
            for events in (triggering_asset_events or {}).values()
            for event in events
        ]
        months = sorted(m for m in months if m)
        if not months:
            raise ValueError("no month to report: no month-end Asset event started this run; "
                             "trigger it with conf {\"month\": \"YYYY-MM\"}")
        month = months[-1]
    if not MONTH.match(month):
        raise ValueError(f"month must be YYYY-MM, got {month!r}")
    return month


@task(retries=0)
def month_to_report(**context) -> str:
    return month_from(context.get("params"), context.get("triggering_asset_events"))


@task
def email_reports(reports: str, month: str, recipients: str) -> list[str]:
    """Mails the month's PDFs when recipients are configured; skips (sending off) otherwise."""
    from airflow.sdk.exceptions import AirflowSkipException

    to = [address.strip() for address in recipients.split(",") if address.strip()]
    if not to:
        raise AirflowSkipException("sending is off: Variable clientele_report_recipients is empty")
    pdfs = sorted(str(p) for p in (Path(reports) / month).glob("*.pdf"))
    if not pdfs:
        raise FileNotFoundError(f"no PDFs in {Path(reports) / month}")
    from airflow.providers.smtp.hooks.smtp import SmtpHook

    with SmtpHook(smtp_conn_id=SMTP_CONN_ID) as smtp:
        smtp.send_email_smtp(
            to=to,
            subject=f"Clientele monthly reports {month} / 客户月度报告 {month}",
            html_content=f"<p>Clientele management reports for {month} (zh-CN and en) are attached.</p>",
            files=pdfs,
        )
    return pdfs


with DAG(
    dag_id="clientele_monthly_reports",
    description="Render a month's management PDFs (zh-CN, en) once its last day is in gold; optionally email them.",
    doc_md=__doc__,
    schedule=[GOLD_MONTH_END],
    start_date=pendulum.datetime(2026, 4, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={"month": Param(None, type=["null", "string"], description="YYYY-MM; empty: from the Asset event")},
    tags=["clientele", "spark", "reports", "monthly"],
) as dag:
    month = month_to_report()
    render_reports = clientele_job(
        "render_reports",
        ["report", "--month", "{{ ti.xcom_pull(task_ids='month_to_report') }}", "--out", setting("reports"),
         *common_args()],
    )
    mailed = email_reports(reports=setting("reports"), month=month, recipients=setting("report_recipients"))
    month >> render_reports >> mailed
