"""Glue between Airflow tasks and the stage functions.

DAG files stay thin: each task calls one function here or in a stage
module.  Everything here reads its inputs from arguments and settings, and its
state from Elasticsearch, so any worker can run any task, any number of times.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from pipeline import feedstate, ingest
from pipeline import index as index_stage
from pipeline.config import get_settings
from pipeline.sources import load_sources

log = logging.getLogger(__name__)


def prepare_ingest(
    sources_file: str | None = None, base_url: str | None = None, *, force: bool = False
) -> list[dict[str, Any]]:
    """Install templates/aliases and return one job per enabled source with a way in due now
    (per the stored state of its ways, ``pipeline.routing.plan``), or per every enabled source
    with ``force``."""
    s = get_settings()
    es = index_stage.get_client(s)
    index_stage.ensure_indices(es, s)
    analysis = index_stage.analysis_status(es, s)
    if analysis["state"] == "stale":
        log.warning("articles index %s: %s", analysis["index"], analysis["detail"])
    schema = index_stage.schema_status(es, s)
    if schema["behind"]:
        log.warning("articles index %s has schema v%s, the template v%s: run `rasd index migrate` (or the "
                    "libya_news_reindex DAG) to fill the new fields of stored articles", schema["index"],
                    schema["version"], schema["template_version"])
    sources = load_sources(sources_file or s.sources_file, base_url=base_url or s.sources_base_url)
    return ingest.source_jobs(sources, es, s, force=force)


def prepare_poll_groups(*, force: bool = False) -> list[list[dict[str, Any]]]:
    """``prepare_ingest``, its jobs in groups of ``RASD_SOURCES_PER_TASK`` (one poll task each)."""
    return ingest.group_jobs(prepare_ingest(force=force), get_settings().sources_per_task)


def prepare_backfill(**form: Any) -> dict[str, Any]:
    """Install templates/aliases (a backfill may be the first run on a cluster), then plan."""
    from pipeline.backfill import plan

    s = get_settings()
    index_stage.ensure_indices(index_stage.get_client(s), s)
    return plan(settings=s, **form)


def retry_dead_letters(run_id: str) -> dict[str, int]:
    """Index again what earlier runs could not (see ``pipeline.index.retry_dead_letters``)."""
    s = get_settings()
    es = index_stage.get_client(s)
    index_stage.ensure_indices(es, s)
    return index_stage.retry_dead_letters(es, s, run_id=run_id)


def finish_run(
    polls: list[dict[str, Any]],
    chunks: list[dict[str, Any]],
    *,
    run_id: str,
    dag_id: str,
    kind: str = "ingest",
    started_at: datetime | None = None,
    planned_chunks: int | None = None,
    extra_counts: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Record the run; when every planned chunk finished, confirm the polled
    feeds (clear ``pending``) so their next poll may be conditional again. For an
    ingest run, also store each source's route; the record's ``state`` is ``failed``
    (``message`` says why in one line) when no source polled answered. A run with
    fewer chunk results than planned chunks is recorded as ``partial``."""
    s = get_settings()
    es = index_stage.get_client(s)
    if planned_chunks is not None and len(chunks) >= planned_chunks:
        feedstate.confirm(es, ingest.pending_feeds(polls), s)
    es.indices.refresh(index=s.articles_alias)
    summary = ingest.summarize(polls, chunks, run_id=run_id, kind=kind, dag_id=dag_id, started_at=started_at)
    summary["counts"].update(extra_counts or {})
    if planned_chunks is not None and len(chunks) < planned_chunks:
        # some chunk tasks failed (finish runs whatever happened): the record must not say success
        summary["state"] = "partial"
        summary["counts"]["chunks_failed"] = planned_chunks - len(chunks)
    if kind == "ingest":
        sources = load_sources(s.sources_file, base_url=s.sources_base_url)
        ingest.close_run(summary, polls, sources, es=es, settings=s)
    ingest.record_run(summary, settings=s, es=es)
    return summary
