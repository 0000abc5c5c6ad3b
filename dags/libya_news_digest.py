"""
### libya_news_digest

Runs whenever ingest or backfill updates the asset `rasd_articles`: rebuilds
the daily digest documents (`rasd-digests`, one per publication day: top
stories by cluster size, top persons, places, orgs and topics, counts per
source) of the days that recent runs touched.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from pipeline.assets import ARTICLES


@dag(
    dag_id="libya_news_digest",
    schedule=[ARTICLES],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["rasd", "digest"],
    doc_md=__doc__,
)
def libya_news_digest() -> None:
    @task
    def rebuild() -> list[str]:
        from pipeline.digest import build_digest, days_with_new_articles

        return [build_digest(day)["day"] for day in days_with_new_articles()]

    rebuild()


libya_news_digest()
