"""Index lifecycle: versioned ``{prefix}-articles-vN`` indices behind a read
alias and a write alias; ``migrate`` to vN+1 with zero downtime, ``rollback``.

``_reindex`` is not in every distribution, so the copy runs on the client:
point-in-time + ``search_after`` over vN, bulk into vN+1.  Then a catch-up pass
copies what was written to vN meanwhile (by ``indexed_at``), the read and write
aliases swap in one atomic ``_aliases`` call, and a last catch-up copies
anything that reached vN between the catch-up and the swap.  vN is kept for
``rollback``.  Searchers never see a missing or half-filled alias.  Documents are
brought to the current schema while copied (``upgrade_document``: fields derived
on the client, since the minimal distribution has no painless or ingest pipelines).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from pipeline.config import Settings, get_settings
from pipeline.errors import IndexingError
from pipeline.index import articles_index_name, ensure_indices, record_analysis
from pipeline.models import event_time_fields

_VERSION = re.compile(r"-v(\d+)$")


@dataclass
class MigrationResult:
    source: str
    target: str
    copied: int
    caught_up: int
    seconds: float


def version_of(index: str) -> int:
    m = _VERSION.search(index)
    if not m:
        raise IndexingError(f"not a versioned index name: {index}")
    return int(m.group(1))


def current_index(es: Elasticsearch, settings: Settings) -> str:
    aliases = es.indices.get_alias(name=settings.articles_write_alias)
    return next(iter(aliases))


def versions(es: Elasticsearch, settings: Settings) -> list[str]:
    pattern = f"{settings.index_prefix}-articles-v*"
    found = es.indices.get(index=pattern, expand_wildcards="open")
    return sorted(found, key=version_of)


def scan_hits(es: Elasticsearch, index: str, query: dict[str, Any], page: int = 1000,
          source: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every hit of ``query`` (point in time + ``search_after``; ``source``: only these fields)."""
    pit = es.open_point_in_time(index=index, keep_alive="2m")["id"]
    try:
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {"size": page, "query": query, "pit": {"id": pit, "keep_alive": "2m"},
                                    "sort": [{"_shard_doc": "asc"}]}
            if source is not None:
                body["_source"] = source
            if after:
                body["search_after"] = after
            resp = es.search(body=body)
            hits = resp["hits"]["hits"]
            if not hits:
                return
            pit = resp.get("pit_id", pit)
            yield from hits
            after = hits[-1]["sort"]
    finally:
        es.close_point_in_time(id=pit)


def upgrade_document(doc: dict[str, Any]) -> dict[str, Any]:
    """A stored article brought to today's schema while it is copied (the minimal distribution
    has no painless and no ingest pipelines, so derived fields are computed here): schema 2 adds
    ``event_time``/``time_basis`` (published, else first seen)."""
    if "event_time" not in doc:
        doc = doc | event_time_fields(doc)
    return doc


def _copy(es: Elasticsearch, source: str, target: str, query: dict[str, Any], settings: Settings) -> int:
    actions = ({"_op_type": "index", "_index": target, "_id": h["_id"], "_source": upgrade_document(h["_source"])}
               for h in scan_hits(es, source, query))
    n = 0
    for ok, item in streaming_bulk(es, actions, chunk_size=settings.bulk_chunk_size,
                                   max_retries=settings.bulk_max_retries, raise_on_error=False):
        if not ok:
            raise IndexingError(f"copy to {target} failed: {item}")
        n += 1
    es.indices.refresh(index=target)
    return n


def _swap(es: Elasticsearch, s: Settings, old: str, new: str) -> None:
    """Move the read and the write alias from ``old`` to ``new`` in one atomic call."""
    es.indices.update_aliases(actions=[
        {"remove": {"index": old, "alias": s.articles_alias}},
        {"remove": {"index": old, "alias": s.articles_write_alias}},
        {"add": {"index": new, "alias": s.articles_alias}},
        {"add": {"index": new, "alias": s.articles_write_alias, "is_write_index": True}},
    ])


def migrate(es: Elasticsearch | None = None, settings: Settings | None = None) -> MigrationResult:
    """Create vN+1 from the current template, fill it, swap both aliases atomically."""
    s = settings or get_settings()
    es = es or _client(s)
    t0 = time.monotonic()
    source = ensure_indices(es, s)  # installs the current templates
    target = articles_index_name(s, max(version_of(i) for i in versions(es, s)) + 1)
    es.indices.create(index=target)
    record_analysis(es, target)
    start = datetime.now(UTC)
    es.indices.refresh(index=source)
    copied = _copy(es, source, target, {"match_all": {}}, s)
    mark = datetime.now(UTC)
    since = {"range": {"indexed_at": {"gte": start.isoformat()}}}
    es.indices.refresh(index=source)
    caught = _copy(es, source, target, since, s)
    _swap(es, s, source, target)
    es.indices.refresh(index=source)
    caught += _copy(es, source, target, {"range": {"indexed_at": {"gte": mark.isoformat()}}}, s)
    return MigrationResult(source, target, copied, caught, round(time.monotonic() - t0, 2))


def rollback(es: Elasticsearch | None = None, settings: Settings | None = None) -> tuple[str, str]:
    """Point both aliases back at the previous version (kept by ``migrate``)."""
    s = settings or get_settings()
    es = es or _client(s)
    current = current_index(es, s)
    older = [i for i in versions(es, s) if version_of(i) < version_of(current)]
    if not older:
        raise IndexingError(f"no version older than {current} to roll back to")
    previous = older[-1]
    # what was written to the current version since the migration goes back too
    es.indices.refresh(index=previous)
    newest = es.search(index=previous, size=0, aggs={"m": {"max": {"field": "indexed_at"}}})
    since = newest["aggregations"]["m"].get("value_as_string")
    _swap(es, s, current, previous)
    es.indices.refresh(index=current)
    _copy(es, current, previous, {"range": {"indexed_at": {"gte": since}}} if since else {"match_all": {}}, s)
    return current, previous


def _client(s: Settings) -> Elasticsearch:
    from pipeline.index import get_client

    return get_client(s)
