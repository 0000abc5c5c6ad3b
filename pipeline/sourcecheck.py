"""The weekly sources check (DAG ``libya_news_sources_check``): discovery for the sources that
need it, and suggestions where operators see them.

:func:`sources_to_check` picks the sources that are down, never succeeded, silent, on a
fallback way, or disabled in the registry (a dead outlet may come back); :func:`check_source`
runs :mod:`pipeline.discover` for one of them and stores what it found in
``{prefix}-suggestions`` (one document per candidate, replacing the source's previous ones);
:func:`finish` writes a run record. ``rasd feeds suggestions`` and the Kibana saved search
"Rasd: feed suggestions" show the result; an operator pastes the snippet into
``pipeline/data/sources.yaml``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from pipeline import index as index_stage
from pipeline import routing
from pipeline.config import Settings, get_settings
from pipeline.discover import Candidate, Discovery, discover
from pipeline.errors import InputError
from pipeline.fetch import Fetcher
from pipeline.models import Source
from pipeline.poll import shared_fetcher
from pipeline.sources import load_sources

CHECK_STATES = frozenset({"down", "never", "silent", "fallback", "disabled"})


def sources_to_check(
    *, only: list[str] | None = None, every: bool = False, settings: Settings | None = None,
    es: Elasticsearch | None = None,
) -> list[dict[str, Any]]:
    """Jobs for the sources to check: ``only`` these ids, ``every`` source, or (default) those
    whose route is in :data:`CHECK_STATES`."""
    s = settings or get_settings()
    es = es or index_stage.get_client(s)
    index_stage.ensure_indices(es, s)
    sources = load_sources(s.sources_file, base_url=s.sources_base_url)
    unknown = sorted(set(only or []) - {x.id for x in sources})
    if unknown:
        raise InputError(f"unknown source ids: {unknown}")
    states = routing.way_states(es, sources, s)
    jobs = []
    for src in sources:
        r = routing.route(src, states)
        if (only and src.id in only) or (not only and (every or r.state in CHECK_STATES)):
            jobs.append({"source": src.model_dump(mode="json"), "state": r.state, "reason": r.reason})
    return jobs


def suggestion_id(source_id: str, url: str) -> str:
    return hashlib.sha256(f"{source_id}\n{url}".encode()).hexdigest()


def _doc(d: Discovery, c: Candidate, rank: int | None, state: str | None, snippet: str, run_id: str | None
         ) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "source_id": d.source.id if d.source else d.target, "source_state": state, "url": c.use_url,
        "kind": c.kind, "via": c.via, "status": c.status, "in_registry": c.in_registry, "entries": c.entries,
        "newest_entry": c.newest.isoformat() if c.newest else None, "http_status": c.http_status,
        "error_kind": c.error_kind, "error": c.error, "rank": rank, "snippet": snippet,
        "found_at": d.at.isoformat(), "run_id": run_id,
    }
    return {k: v for k, v in doc.items() if v is not None}


def record_suggestions(
    es: Elasticsearch, d: Discovery, settings: Settings | None = None, *, state: str | None = None,
    run_id: str | None = None,
) -> int:
    """Replace the stored suggestions of ``d``'s source with this discovery's candidates."""
    s = settings or get_settings()
    source_id = d.source.id if d.source else d.target
    es.indices.refresh(index=s.suggestions_index)
    old = es.search(index=s.suggestions_index, size=1000, query={"term": {"source_id": source_id}}, source=False)
    kept = {c.use_url: i for i, c in enumerate(d.kept(), 1)}
    snippet = d.snippet()
    docs = {suggestion_id(source_id, c.use_url): _doc(d, c, kept.get(c.use_url), state, snippet, run_id)
            for c in d.candidates if c.status not in {"untested", "not asked"} or c.use_url in kept}
    actions: list[dict[str, Any]] = [{"_op_type": "delete", "_index": s.suggestions_index, "_id": h["_id"]}
                                     for h in old["hits"]["hits"] if h["_id"] not in docs]
    actions += [{"_op_type": "index", "_index": s.suggestions_index, "_id": i, "_source": doc}
                for i, doc in docs.items()]
    for _ok, _item in streaming_bulk(es, actions, max_retries=s.bulk_max_retries, raise_on_error=False):
        pass
    es.indices.refresh(index=s.suggestions_index)
    return len(docs)


def check_source(
    job: dict[str, Any], *, run_id: str | None = None, settings: Settings | None = None,
    es: Elasticsearch | None = None, fetcher: Fetcher | None = None, check_google: bool | None = None,
) -> dict[str, Any]:
    """Discovery for one source; its suggestions stored; a summary for the run record."""
    s = settings or get_settings()
    es = es or index_stage.get_client(s)
    source = Source.model_validate(job["source"])
    own = fetcher is None
    fetcher = fetcher or shared_fetcher(es, s)
    try:
        d = discover(source.id, sources=[source], settings=s, fetcher=fetcher,
                     check_google=s.discover_check_google if check_google is None else check_google)
    finally:
        if own:
            fetcher.close()
    stored = record_suggestions(es, d, s, state=job.get("state"), run_id=run_id)
    kept = d.kept()
    new = [c.use_url for c in kept if not c.in_registry and c.status == "ok"]
    return {"source_id": source.id, "state": job.get("state"), "candidates": stored,
            "working": [c.use_url for c in kept if c.status == "ok"], "new_ways": new, "notes": d.notes}


def finish(results: list[dict[str, Any]], *, run_id: str, dag_id: str | None = None,
           started_at: datetime | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """The run record of a sources check (``rasd-runs``, kind ``sources_check``)."""
    from pipeline.ingest import record_run

    s = settings or get_settings()
    counts: Counter[str] = Counter(sources_checked=len(results))
    for r in results:
        counts["sources_with_working_way"] += bool(r.get("working"))
        counts["sources_with_new_way"] += bool(r.get("new_ways"))
        counts["new_ways_found"] += len(r.get("new_ways") or [])
    summary = {"run_id": run_id, "dag_id": dag_id, "kind": "sources_check",
               "started_at": (started_at or datetime.now(UTC)).isoformat(),
               "finished_at": datetime.now(UTC).isoformat(), "state": "success", "counts": dict(counts),
               "details": {"sources": results}}
    record_run(summary, settings=s)
    return summary


def list_suggestions(es: Elasticsearch, settings: Settings | None = None, *, source: str | None = None,
                     working_only: bool = True) -> list[dict[str, Any]]:
    """Stored suggestions, by source then rank: the working candidates, or every one checked."""
    s = settings or get_settings()
    if not es.indices.exists(index=s.suggestions_index):
        return []
    es.indices.refresh(index=s.suggestions_index)
    must: list[dict[str, Any]] = [{"term": {"source_id": source}}] if source else []
    if working_only:
        must.append({"exists": {"field": "rank"}})
    resp = es.search(index=s.suggestions_index, size=2000, query={"bool": {"filter": must}},
                     sort=[{"source_id": "asc"}, {"rank": {"order": "asc", "missing": "_last"}}])
    return [h["_source"] for h in resp["hits"]["hits"]]
