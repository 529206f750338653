"""
### clientele_monthly_reports — the previous month's management PDFs

Runs on the **first of each month** at 08:00 UTC (`CronTriggerTimetable`; the logical date is that
first day) and reports on the **previous month** M:

1. **render_reports** — `clientele report --month M --out <reports>`: executive summary, customer cards
   and churn/referral PDFs in zh-CN and en into `<reports>/M/<report>-<locale>.pdf` from the gold
   snapshot of M's latest as-of date (the daily DAG's run for M's last day should have finished).
   Re-running overwrites the same files.
2. **email_reports** — sends those PDFs through the SMTP connection `smtp_default` to the addresses in
   the Variable `clientele_report_recipients` (comma-separated). **Off by default**: with no recipients
   the task is skipped.

Personal data never goes into these PDFs (no `--include-personal-data`). Settings: `dags/README.md`.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
from airflow.sdk import DAG, CronTriggerTimetable, task

from clientele_jobs import DEFAULT_ARGS, SMTP_CONN_ID, clientele_job, common_args, setting

#: The month before the logical date, e.g. 2026-04-01 -> 2026-03.
PREVIOUS_MONTH = "{{ (logical_date - macros.dateutil.relativedelta.relativedelta(months=1)).strftime('%Y-%m') }}"


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
    description="Render the previous month's management PDFs (zh-CN, en) and optionally email them.",
    doc_md=__doc__,
    schedule=CronTriggerTimetable("0 8 1 * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 4, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["clientele", "spark", "reports", "monthly"],
) as dag:
    render_reports = clientele_job(
        "render_reports",
        ["report", "--month", PREVIOUS_MONTH, "--out", setting("reports"), *common_args()],
    )
    mailed = email_reports(
        reports=setting("reports"), month=PREVIOUS_MONTH, recipients=setting("report_recipients")
    )
    render_reports >> mailed
