"""
### libya_news_backfill

Fills a window of days, manually (form below) or with `airflow backfill create`
over logical dates (then the window is each run's data interval).

* **archive** mode re-processes the raw pages archived on those days (fetch date)
  with today's extraction, gazetteers and rules: tags change, counts do not.
* **sitemap** mode discovers the window's URLs from the publishers' sitemaps and
  fetches the ones not yet handled.
* **both** does both. **dry_run** plans and counts without indexing.

Idempotent: a second run over the same window changes nothing.

| task | what it does |
|---|---|
| `plan` | installs templates/aliases, validates the form, resolves the window and the work units |
| `reprocess_day` | one mapped instance per archived day (archive mode) |
| `discover` | one mapped instance per sitemap (sitemap mode): URLs of the window not yet handled |
| `plan_chunks` / `process_chunk` | as in ingest: fetch, archive, extract, tag, dedup, index |
| `finish` | run record (kind `backfill`) in `rasd-runs`; updates the asset `rasd_articles` |
| `fail_run` | runs only when a task failed, and fails the run (`finish` runs whatever happened) |
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task

from pipeline.assets import ARTICLES


@dag(
    dag_id="libya_news_backfill",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    is_paused_upon_creation=True,
    max_active_runs=2,
    default_args={"owner": "rasd", "retries": 2, "retry_delay": timedelta(minutes=1),
                  "retry_exponential_backoff": True, "execution_timeout": timedelta(hours=2)},
    tags=["rasd", "backfill"],
    doc_md=__doc__,
    params={
        "start": Param(None, type=["null", "string"], format="date", description="First day (YYYY-MM-DD)."),
        "end": Param(None, type=["null", "string"], format="date", description="Last day, inclusive."),
        "sources": Param([], type="array", description="Source ids (empty: all)."),
        "mode": Param("archive", enum=["archive", "sitemap", "both"], description="Where URLs come from."),
        "dry_run": Param(False, type="boolean", description="Plan and count only."),
    },
)
def libya_news_backfill() -> None:
    @task
    def plan() -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from pipeline.errors import InputError
        from pipeline.orchestration import prepare_backfill

        ctx = get_current_context()
        p = ctx["params"]
        try:
            return prepare_backfill(start=p.get("start"), end=p.get("end"), sources=p.get("sources") or None,
                                    mode=p.get("mode", "archive"), interval_start=ctx.get("data_interval_start"),
                                    interval_end=ctx.get("data_interval_end"))
        except InputError as exc:  # a bad form (end before start, unknown source): fail now, retrying cannot help
            raise AirflowFailException(f"invalid backfill form: {exc}") from exc

    @task
    def days(p: dict) -> list[str]:
        return p["days"]

    @task
    def sitemaps(p: dict) -> list[dict]:
        return p["sitemap_jobs"]

    @task(map_index_template="{{ day }}")
    def reprocess_day(day: str, p: dict) -> dict:
        from pipeline.backfill import reprocess_archive_day

        ctx = get_current_context()
        ctx["day"] = day  # type: ignore[typeddict-unknown-key]
        return reprocess_archive_day(day, sources=p["sources"] or None, dry_run=bool(ctx["params"]["dry_run"]),
                                     run_id=ctx["run_id"])

    @task(map_index_template="{{ feed_id }}")
    def discover(job: dict) -> dict:
        from pipeline.backfill import discover_sitemap

        get_current_context()["feed_id"] = job["source"]["id"]  # type: ignore[typeddict-unknown-key]
        return discover_sitemap(job)

    @task(trigger_rule="none_failed")  # runs when there was no sitemap to read (mode archive)
    def plan_chunks(found: list[dict]) -> list[list[dict]]:
        from pipeline.airflow_support import as_list
        from pipeline.ingest import chunk_entries

        if get_current_context()["params"]["dry_run"]:
            return []
        return chunk_entries(as_list(found))

    @task
    def process_chunk(chunk: list[dict]) -> dict:
        from pipeline.ingest import process_chunk as process

        ctx = get_current_context()
        return process(chunk, run_id=ctx["run_id"], chunk_key=f"backfill-{ctx['ti'].map_index}")

    @task(trigger_rule="all_done", outlets=[ARTICLES])
    def finish(found: list[dict], reprocessed: list[dict], results: list[dict]) -> dict:
        from pipeline.airflow_support import as_list
        from pipeline.orchestration import finish_run

        ctx = get_current_context()
        return finish_run(as_list(found), as_list(reprocessed) + as_list(results), run_id=ctx["run_id"],
                          dag_id=ctx["dag"].dag_id, kind="backfill", started_at=ctx["dag_run"].start_date)

    # `finish` runs whatever happened (all_done) so every run is recorded, and a run's state comes from
    # its leaves: without this leaf a run whose tasks failed would end `success`.
    @task(trigger_rule="one_failed", retries=0)
    def fail_run() -> None:
        from airflow.sdk.exceptions import AirflowFailException

        raise AirflowFailException("a task of this run failed: see its log and the failure record in rasd-runs")

    p = plan()
    day_list, jobs = days(p), sitemaps(p)
    reprocessed = reprocess_day.partial(p=p).expand(day=day_list)
    found = discover.expand(job=jobs)
    chunks = plan_chunks(found)
    results = process_chunk.expand(chunk=chunks)
    done = finish(found, reprocessed, results)
    [p, day_list, jobs, reprocessed, found, chunks, results, done] >> fail_run()


libya_news_backfill()
