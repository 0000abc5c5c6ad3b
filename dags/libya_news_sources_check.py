"""
### libya_news_sources_check

Weekly (Monday 04:00 UTC). Looks for new ways into the sources that need them: down, never
succeeded, silent, on a fallback way, or disabled in the registry.

| task | what it does |
|---|---|
| `select` | the sources to check, from each source's route (params: `sources` to check only those ids,
  `all` to check every one) |
| `check` | one mapped instance per source (at most 4 at once, no pool): discovery the way feed readers do it (homepage
  feed links, Libya section pages, robots.txt sitemaps, the usual paths), every candidate fetched through the
  safe fetcher; the candidates go to `rasd-suggestions` |
| `finish` | a run record (`kind: sources_check`) in `rasd-runs` |

Operators read the suggestions with `rasd feeds suggestions` or the Kibana saved search
"Rasd: feed suggestions", and paste the registry snippet into `pipeline/data/sources.yaml`.
Logic lives in `pipeline.sourcecheck` and `pipeline.discover`.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task


@dag(
    dag_id="libya_news_sources_check",
    schedule=CronDataIntervalTimetable("0 4 * * 1", timezone="UTC"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "rasd", "retries": 1, "retry_delay": timedelta(minutes=5),
                  "execution_timeout": timedelta(minutes=30)},
    tags=["rasd", "maintenance"],
    doc_md=__doc__,
    params={
        "sources": Param([], type="array", items={"type": "string"}, description="Only these source ids."),
        "all": Param(False, type="boolean", description="Check every source, whatever its state."),
    },
)
def libya_news_sources_check() -> None:
    @task
    def select() -> list[dict]:
        from pipeline.sourcecheck import sources_to_check

        params = get_current_context()["params"]
        return sources_to_check(only=list(params.get("sources") or []), every=bool(params.get("all")))

    @task(map_index_template="{{ source_id }}", max_active_tis_per_dagrun=4)  # no pool: nothing to set up
    def check(job: dict) -> dict:
        from pipeline.sourcecheck import check_source

        ctx = get_current_context()
        ctx["source_id"] = job["source"]["id"]  # type: ignore[typeddict-unknown-key]
        return check_source(job, run_id=ctx["run_id"])

    @task(trigger_rule="all_done")
    def finish(results: list[dict]) -> dict:
        from pipeline.airflow_support import as_list
        from pipeline.sourcecheck import finish as record

        ctx = get_current_context()
        return record(as_list(results), run_id=ctx["run_id"], dag_id=ctx["dag"].dag_id,
                      started_at=ctx["dag_run"].start_date)

    finish(check.expand(job=select()))


libya_news_sources_check()
