"""
### libya_news_digest

Runs whenever ingest or backfill updates the asset `rasd_articles`, for the
publication days that recent runs touched:

* `days`: the publication days touched by recent indexing.
* `rebuild`: one digest document per day (`rasd-digests`): top stories by
  cluster size, top persons, places, orgs, topics, counts per source, and what
  is new: rising stories (outlets gained, first seen, the lead's title; the top
  ones of each hour) and rising terms. The rising lists are also rows of
  `rasd-trends`, for Kibana.
* `discover_names`: one pass over each day's articles: names the gazetteers do
  not know (cue words, outlets, growth, contexts) into `rasd-names`;
  `rasd gazetteer suggest` ranks them.

Idempotent: a day run again replaces that day's digest, rows and counts.
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
    def days() -> list[str]:
        from pipeline.digest import days_with_new_articles

        return [day.isoformat() for day in days_with_new_articles()]

    @task
    def rebuild(touched: list[str]) -> list[str]:
        from datetime import date

        from pipeline.digest import build_digest

        return [build_digest(date.fromisoformat(day))["day"] for day in touched]

    @task
    def discover_names(touched: list[str]) -> list[dict]:
        from dataclasses import asdict
        from datetime import date

        from pipeline.name_suggestions import known_names, update_day

        known = known_names()
        return [asdict(update_day(date.fromisoformat(day), known=known)) for day in touched]

    touched = days()
    rebuild(touched)
    discover_names(touched)


libya_news_digest()
