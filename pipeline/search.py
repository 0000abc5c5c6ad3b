"""Search for people who do not use Kibana: the Python API behind ``rasd search``.

Words go through the stemmed Arabic analyzer (all words must match);
"quoted phrases" go to the normalization-only ``.exact`` sub-fields; results
collapse on ``cluster_id`` (one hit per story) unless ``all_copies``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch

from pipeline.config import Settings, get_settings
from pipeline.index import get_client

_PHRASE = re.compile(r'"([^"]+)"|«([^»]+)»')
_SINCE = re.compile(r"^(\d+)([hdwmy])$")


@dataclass
class Hit:
    id: str
    title: str | None
    source_id: str | None
    source_name: str | None
    published_at: str | None
    url: str | None
    score: float | None
    highlights: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    cluster_id: str | None = None
    cluster_size: int = 1
    also_published_by: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    total: int  # matching articles (every copy)
    stories: int  # distinct stories (clusters) among them
    hits: list[Hit]
    per_source: dict[str, int]
    query: dict[str, Any]


def build_query(
    text: str,
    *,
    since: str | None = None,
    source: str | None = None,
    person: str | None = None,
    place: str | None = None,
    topic: str | None = None,
) -> dict[str, Any]:
    must: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = []
    phrases = [a or b for a, b in _PHRASE.findall(text)]
    words = _PHRASE.sub(" ", text).strip()
    for phrase in phrases:
        must.append({"multi_match": {"query": phrase, "type": "phrase", "fields": ["title.exact^2", "body.exact"]}})
    if words:
        must.append({"multi_match": {"query": words, "fields": ["title^2", "body", "summary"], "operator": "and"}})
    if since:
        m = _SINCE.match(since.strip())
        if not m:
            raise ValueError(f"--since takes e.g. 24h, 7d, 2w, 3m, 1y; got {since!r}")
        unit = {"h": "h", "d": "d", "w": "w", "m": "M", "y": "y"}[m.group(2)]
        filters.append({"range": {"published_at": {"gte": f"now-{m.group(1)}{unit}"}}})
    for fname, value in (("source_id", source), ("persons", person), ("places", place), ("topics", topic)):
        if value:
            filters.append({"term": {fname: value}})
    if not must:
        must.append({"match_all": {}})
    return {"bool": {"must": must, "filter": filters}}


def search(
    text: str,
    *,
    since: str | None = None,
    source: str | None = None,
    person: str | None = None,
    place: str | None = None,
    topic: str | None = None,
    all_copies: bool = False,
    size: int = 10,
    es: Elasticsearch | None = None,
    settings: Settings | None = None,
) -> SearchResult:
    s = settings or get_settings()
    es = es or get_client(s)
    query = build_query(text, since=since, source=source, person=person, place=place, topic=topic)
    body: dict[str, Any] = {
        "query": query,
        "size": size,
        "track_total_hits": True,
        "_source": ["title", "source_id", "source_name", "published_at", "canonical_url", "persons", "places",
                    "topics", "cluster_id", "cluster_size"],
        "highlight": {
            "type": "unified",
            "boundary_scanner": "sentence",
            "fragment_size": 180,
            "number_of_fragments": 2,
            "pre_tags": ["«"],
            "post_tags": ["»"],
            "fields": {"body": {}, "body.exact": {}, "title": {"number_of_fragments": 0}},
        },
        "aggs": {
            "per_source": {"terms": {"field": "source_id", "size": 50}},
            "stories": {"cardinality": {"field": "cluster_id"}},
        },
    }
    if not all_copies:
        body["collapse"] = {
            "field": "cluster_id",
            "inner_hits": {"name": "copies", "size": 10, "_source": ["source_name", "source_id"],
                           "sort": [{"published_at": {"order": "asc", "missing": "_last"}}]},
        }
    resp = es.search(index=s.articles_alias, body=body)
    hits = []
    for h in resp["hits"]["hits"]:
        src = h.get("_source", {})
        hl = h.get("highlight", {})
        copies = h.get("inner_hits", {}).get("copies", {}).get("hits", {}).get("hits", [])
        others = [c["_source"].get("source_name") or c["_source"].get("source_id") for c in copies
                  if c["_id"] != h["_id"]]
        hits.append(
            Hit(
                id=h["_id"],
                title=src.get("title"),
                source_id=src.get("source_id"),
                source_name=src.get("source_name"),
                published_at=src.get("published_at"),
                url=src.get("canonical_url"),
                score=h.get("_score"),
                highlights=hl.get("body") or hl.get("body.exact") or [],
                persons=src.get("persons", []),
                places=src.get("places", []),
                topics=src.get("topics", []),
                cluster_id=src.get("cluster_id"),
                cluster_size=src.get("cluster_size", 1),
                also_published_by=list(dict.fromkeys(o for o in others if o)),
            )
        )
    per_source = {b["key"]: b["doc_count"] for b in resp["aggregations"]["per_source"]["buckets"]}
    return SearchResult(total=resp["hits"]["total"]["value"], stories=resp["aggregations"]["stories"]["value"],
                        hits=hits, per_source=per_source, query=query)
