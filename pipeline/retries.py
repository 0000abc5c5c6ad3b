"""Fetch retries: a page that failed for a reason that may pass is fetched again later.

A feed lists an entry once; if its page answered 503, timed out, met a bot challenge,
or its site's robots.txt could not be read, the entry would be lost unless the feed changed
again while it still listed it. So :func:`record` keeps such entries in
``{prefix}-retries`` (one document per article id: the chunk item, the error,
the attempt count and ``next_attempt_at``, exponential back-off from
``fetch_retry_base_minutes``, at least any ``Retry-After``), :func:`due` hands
the due ones to the next run's chunk plan, and :func:`clear` deletes the records
of entries that were fetched. After ``fetch_retry_max_attempts`` the record
stays with ``gave_up: true`` (visible in Kibana and to ``rasd``), and is never
planned again. Failures that will not pass (4xx, blocked address, too large,
robots.txt disallow) are not retried: they are in the run record.

State lives in Elasticsearch, so any worker plans and clears retries; planning
the same due record twice (two runs at once) fetches the page twice at worst,
and the article id makes indexing idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

from pipeline.config import Settings, get_settings
from pipeline.errors import FetchError, RasdError

TRANSIENT = frozenset({"timeout", "connect", "dns", "tls", "http_5xx", "http_429", "robots_unavailable",
                       "blocked_challenge"})
MAX_BACKOFF = timedelta(hours=24)
MAX_PLANNED = 2_000  # due retries planned per run (the oldest first)


def is_transient(exc: RasdError) -> bool:
    return exc.kind in TRANSIENT


def backoff(attempts: int, settings: Settings, retry_after: float | None = None) -> timedelta:
    """Wait before attempt ``attempts + 1``: base × 2^(attempts − 1), capped, and ≥ Retry-After."""
    wait = timedelta(minutes=settings.fetch_retry_base_minutes * 2 ** max(attempts - 1, 0))
    if retry_after:
        wait = max(wait, timedelta(seconds=retry_after))
    return min(wait, MAX_BACKOFF)


def record(
    es: Elasticsearch,
    failures: list[tuple[str, dict[str, Any], RasdError]],
    settings: Settings | None = None,
    *,
    run_id: str | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Keep (article id, chunk item, error) failures for a later attempt; returns counts."""
    s = settings or get_settings()
    if not failures:
        return {}
    now = now or datetime.now(UTC)
    ids = [doc_id_ for doc_id_, _item, _exc in failures]
    try:
        old = {d["_id"]: d.get("_source", {}) for d in es.mget(index=s.retries_index, ids=ids)["docs"]
               if d.get("found")}
    except NotFoundError:
        old = {}
    actions = []
    counts = {"fetch_retry_scheduled": 0, "fetch_gave_up": 0}
    for doc_id_, item, exc in failures:
        prev = old.get(doc_id_, {})
        attempts = int(prev.get("attempts", 0)) + 1
        gave_up = attempts >= s.fetch_retry_max_attempts
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        if gave_up:
            counts["fetch_gave_up"] += 1
        else:
            counts["fetch_retry_scheduled"] += 1
        actions.append({"_op_type": "index", "_index": s.retries_index, "_id": doc_id_, "_source": {
            "item": {k: v for k, v in item.items() if k != "retry"},
            "url": str((item.get("entry") or {}).get("url")), "source_id": (item.get("source") or {}).get("id"),
            "kind": exc.kind, "error": str(exc)[:2000],
            "status": exc.status if isinstance(exc, FetchError) else None, "attempts": attempts,
            "first_failed_at": prev.get("first_failed_at", now.isoformat()), "last_failed_at": now.isoformat(),
            "next_attempt_at": (now + backoff(attempts, s, retry_after)).isoformat(),
            "gave_up": gave_up, "run_id": run_id,
        }})
    for _ok, _item in streaming_bulk(es, actions, max_retries=s.bulk_max_retries, raise_on_error=False):
        pass
    return {k: v for k, v in counts.items() if v}


def clear(es: Elasticsearch, ids: Iterable[str], settings: Settings | None = None) -> int:
    """Delete the retry records of ``ids`` (fetched at last, or handled otherwise)."""
    s = settings or get_settings()
    ids = list(dict.fromkeys(ids))
    if not ids:
        return 0
    done = 0
    for ok, _item in streaming_bulk(es, ({"_op_type": "delete", "_index": s.retries_index, "_id": i} for i in ids),
                                    raise_on_error=False, max_retries=s.bulk_max_retries):
        done += int(ok)  # a missing record (404) is not an error here
    return done


def due(es: Elasticsearch, settings: Settings | None = None, *, now: datetime | None = None,
        limit: int = MAX_PLANNED) -> list[dict[str, Any]]:
    """Chunk items whose next attempt is due (oldest first), each marked ``retry: <attempt number>``.

    Records of articles handled meanwhile (indexed or deliberately skipped, e.g. the
    feed listed the entry again and that run fetched it) are deleted instead."""
    from pipeline import index as index_stage

    s = settings or get_settings()
    now = now or datetime.now(UTC)
    try:
        es.indices.refresh(index=s.retries_index)
        hits = es.search(index=s.retries_index, size=limit, sort=[{"next_attempt_at": "asc"}],
                         query={"bool": {"filter": [{"range": {"next_attempt_at": {"lte": now.isoformat()}}},
                                                    {"term": {"gave_up": False}}]}})["hits"]["hits"]
    except NotFoundError:
        return []
    handled = index_stage.existing_ids(es, [h["_id"] for h in hits], s)
    if handled:
        clear(es, handled, s)
    # "retry": the number of the attempt this fetch will be (≥ 2; a revived record: 1)
    return [{**h["_source"]["item"], "retry": int(h["_source"].get("attempts", 0)) + 1}
            for h in hits if h["_id"] not in handled]


def listing(es: Elasticsearch, settings: Settings | None = None, *, gave_up: bool | None = None,
            limit: int = 1_000) -> list[dict[str, Any]]:
    """The retry records (newest failure first); ``gave_up`` filters pending (False) or given up (True)."""
    s = settings or get_settings()
    query: dict[str, Any] = {"match_all": {}} if gave_up is None else {"term": {"gave_up": gave_up}}
    try:
        es.indices.refresh(index=s.retries_index)
        hits = es.search(index=s.retries_index, size=limit, query=query,
                         sort=[{"last_failed_at": "desc"}])["hits"]["hits"]
    except NotFoundError:
        return []
    return [{"id": h["_id"], **{k: v for k, v in h["_source"].items() if k != "item"}} for h in hits]


def retry_now(es: Elasticsearch, settings: Settings | None = None, *, source_id: str | None = None,
              include_given_up: bool = False, now: datetime | None = None) -> int:
    """Make retry records due at once (after an outage is over): the next ingest run fetches them.
    Given-up records come back with ``include_given_up`` (their attempts start again)."""
    s = settings or get_settings()
    now = now or datetime.now(UTC)
    actions = []
    for rec in listing(es, s, gave_up=None if include_given_up else False, limit=10_000):
        if source_id and rec.get("source_id") != source_id:
            continue
        doc: dict[str, Any] = {"next_attempt_at": now.isoformat()}
        if rec.get("gave_up"):
            doc.update(gave_up=False, attempts=0)
        actions.append({"_op_type": "update", "_index": s.retries_index, "_id": rec["id"], "doc": doc})
    done = 0
    for ok, _item in streaming_bulk(es, actions, raise_on_error=False, max_retries=s.bulk_max_retries):
        done += int(ok)
    es.indices.refresh(index=s.retries_index)
    return done
