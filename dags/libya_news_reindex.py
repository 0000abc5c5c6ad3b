"""
### libya_news_reindex

Manual. Migrates the articles index to the next version built from the current
template (`rasd-articles-vN` → `vN+1`): client-side copy with point-in-time +
bulk, catch-up, atomic swap of the read and write aliases; vN is kept so
`rasd index rollback` can return to it. Searchers see no downtime.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task


@dag(
    dag_id="libya_news_reindex",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["rasd", "maintenance"],
    doc_md=__doc__,
)
def libya_news_reindex() -> None:
    @task
    def migrate() -> dict:
        from dataclasses import asdict

        from pipeline.lifecycle import migrate as run_migration

        return asdict(run_migration())

    migrate()


libya_news_reindex()
