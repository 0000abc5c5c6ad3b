"""
### libya_news_ingest

Polls the Libya news feeds of the source registry every 15 minutes (`RASD_INGEST_SCHEDULE`) and indexes
new Arabic articles into Elasticsearch (alias `rasd-articles`).

| task | what it does |
|---|---|
| `prepare` | installs index templates and aliases (idempotent); lists one job per source with a way in due
  (per the state of its ways in `rasd-feeds`; param `force` polls all), in groups of up to
  `RASD_SOURCES_PER_TASK` (10) sources |
| `poll_sources` | one mapped instance per group (map index = its source ids; at most
  `RASD_FEED_POLL_CONCURRENCY`, 4, at once; no pool): for each source, tries its ways in in order (own feeds,
  sitemap, Google News search: the one in use, and those above it whose retry is due), falls through to the
  next way when the one in use fails for good, keeps entries whose canonical-URL id is not yet indexed |
| `dead_letters` | indexes again the documents earlier runs could not index (`rasd-deadletter`) |
| `plan_chunks` | groups the new entries, and the page fetches due for a retry (`rasd-retries`), into chunks of 100
  (`RASD_CHUNK_SIZE`; mapping stays far below 1,024) |
| `process_chunk` | per chunk: fetch page → extract → language → tag → dedup → bulk index
  (ids = sha256 of canonical URL, so re-runs change nothing) |
| `finish` | aggregates counts, errors by kind and durations into a run record in `rasd-runs`, stores each
  source's route in `rasd-sources`; updates the asset `rasd_articles` (the digest DAG runs on it). Fails the
  run, with one line saying why, when no source polled answered (the network is gone) |
| `fail_run` | runs only when a task failed, and fails the run: `finish` runs whatever
  happened (all_done), so without it a run whose chunks failed would end green |

Logic lives in the `pipeline` package; this file only wires it.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Param, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException

from pipeline.assets import ARTICLES
from pipeline.config import Settings
from pipeline.schedules import parse_timetable

SETTINGS = Settings()  # read at parse time (not the cached copy tasks use)

DEFAULT_ARGS = {
    "owner": "rasd",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(minutes=20),
}


@dag(
    dag_id="libya_news_ingest",
    schedule=parse_timetable(SETTINGS.ingest_schedule),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["rasd", "ingest"],
    doc_md=__doc__,
    params={
        "force": Param(False, type="boolean", description="Poll every enabled feed, due or not."),
    },
)
def libya_news_ingest() -> None:
    @task
    def prepare() -> list[list[dict]]:
        from pipeline.orchestration import prepare_poll_groups

        return prepare_poll_groups(force=bool(get_current_context()["params"].get("force")))

    @task
    def dead_letters() -> dict:
        from pipeline.orchestration import retry_dead_letters

        return retry_dead_letters(get_current_context()["run_id"])

    # No pool: a pool must be created before the scheduler runs a task in it (a missing one leaves the
    # task `scheduled` forever); a per-run cap needs no set-up, and max_active_runs=1 makes it global.
    @task(map_index_template="{{ feeds }}", max_active_tis_per_dagrun=SETTINGS.feed_poll_concurrency)
    def poll_sources(jobs: list[dict]) -> list[dict]:
        from pipeline.airflow_support import feeds_label
        from pipeline.poll import poll_sources as poll

        get_current_context()["feeds"] = feeds_label(jobs)  # type: ignore[typeddict-unknown-key]
        return poll(jobs)

    # none_failed: runs when no source was due (poll_sources mapped over nothing is skipped), so
    # the fetch retries that are due still get planned
    @task(trigger_rule="none_failed")
    def plan_chunks(polls: list[list[dict]]) -> list[list[dict]]:
        from pipeline.airflow_support import flat
        from pipeline.ingest import plan_chunks as plan

        return plan(flat(polls))

    @task
    def process_chunk(chunk: list[dict]) -> dict:
        from pipeline.ingest import process_chunk as process

        ctx = get_current_context()
        return process(chunk, run_id=ctx["run_id"], chunk_key=str(ctx["ti"].map_index))

    @task(trigger_rule="all_done", outlets=[ARTICLES])
    def finish(polls: list[list[dict]], chunks: list[list[dict]], results: list[dict], retried: dict) -> dict:
        from pipeline.airflow_support import as_list, flat
        from pipeline.orchestration import finish_run

        ctx = get_current_context()
        summary = finish_run(
            flat(polls),
            as_list(results),
            run_id=ctx["run_id"],
            dag_id=ctx["dag"].dag_id,
            started_at=ctx["dag_run"].start_date,
            planned_chunks=len(chunks or []),
            extra_counts=retried or {},
        )
        if summary["state"] == "failed":  # recorded; the run itself must show failed too
            raise AirflowFailException(summary["message"])
        return summary

    # `finish` runs whatever happened (all_done) so every run is recorded, and a run's state comes from
    # its leaves: without this leaf a run whose tasks failed would end `success`.
    @task(trigger_rule="one_failed", retries=0)
    def fail_run() -> None:
        raise AirflowFailException("a task of this run failed: see its log and the failure record in rasd-runs")

    jobs = prepare()
    polls = poll_sources.expand(jobs=jobs)
    chunks = plan_chunks(polls)
    results = process_chunk.expand(chunk=chunks)
    retried = dead_letters()
    [jobs, polls, chunks, results, retried, finish(polls, chunks, results, retried)] >> fail_run()


libya_news_ingest()
