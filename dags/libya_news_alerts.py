"""
### libya_news_alerts

Tells analysts when a story they follow breaks, once per story, and again when it spreads.
Runs whenever ingest or backfill updates the asset `rasd_articles`, and every 10 minutes
(so that digests fall due and failed deliveries are retried when nothing is being indexed).

- `evaluate`: per enabled watchlist (`rasd-watchlists`, managed with `rasd watch`), the articles
  first seen since its checkpoint that match its query, one per story (`cluster_id`). A new story,
  or a story alerted before and now carried by more outlets (a follow-up step), goes into the
  outbox `rasd-alerts` (create-only, id = watchlist:story:step:channel).
- `deliver`: sends the due outbox documents, e-mail through the Airflow SMTP connection, webhooks
  through the connections `rasd_webhook_<name>`; retries with back-off, then `failed`
  (`rasd alerts list --failed`, the health dashboard).

Logic lives in `pipeline.alerts` and `pipeline.delivery`; this file only wires it.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import AssetOrTimeSchedule, CronTriggerTimetable, dag, get_current_context, task

from pipeline.assets import ARTICLES

DEFAULT_ARGS = {
    "owner": "rasd",
    "retries": 2,
    "retry_delay": timedelta(seconds=20),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=5),
    "execution_timeout": timedelta(minutes=15),
}


@dag(
    dag_id="libya_news_alerts",
    schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable("*/10 * * * *", timezone="UTC"), assets=[ARTICLES]),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["rasd", "alerts"],
    doc_md=__doc__,
)
def libya_news_alerts() -> None:
    @task
    def evaluate() -> dict:
        from pipeline.alerts import run_evaluation

        return run_evaluation(run_id=get_current_context()["run_id"])

    # all_done: alerts already in the outbox (retries, digests) go out even if this run's evaluation failed
    @task(trigger_rule="all_done")
    def deliver() -> dict:
        from pipeline.delivery import run_delivery

        return run_delivery()

    evaluate() >> deliver()


libya_news_alerts()
