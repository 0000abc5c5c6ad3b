"""Daily digests: per day, the biggest stories (clusters), the most mentioned
persons, places, orgs and topics, counts per source, and what is new (rising
stories, the top ones of each hour, rising terms: ``pipeline.trends``); one
document per day in ``{prefix}-digests`` (id = the day), rebuilt idempotently,
and the rising lists as rows of ``{prefix}-trends`` for Kibana."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from elasticsearch import Elasticsearch

from pipeline.config import Settings, get_settings
from pipeline.index import get_client


def _terms(resp: Any, name: str) -> list[dict[str, Any]]:
    return [{"name": b["key"], "count": b["doc_count"]} for b in resp["aggregations"][name]["buckets"]]


def build_digest(day: date, *, es: Elasticsearch | None = None, settings: Settings | None = None,
                 top: int = 10, with_trends: bool = True) -> dict[str, Any]:
    s = settings or get_settings()
    es = es or get_client(s)
    lo = datetime(day.year, day.month, day.day, tzinfo=UTC)
    query = {"range": {"published_at": {"gte": lo.isoformat(), "lt": (lo + timedelta(days=1)).isoformat()}}}
    resp = es.search(
        index=s.articles_alias, size=0, query=query,
        aggs={
            "persons": {"terms": {"field": "persons", "size": top}},
            "places": {"terms": {"field": "places", "size": top}},
            "orgs": {"terms": {"field": "orgs", "size": top}},
            "topics": {"terms": {"field": "topics", "size": top}},
            "sources": {"terms": {"field": "source_id", "size": 100}},
            "stories": {"cardinality": {"field": "cluster_id"}},
        },
    )
    leads = es.search(
        index=s.articles_alias, size=top, query={"bool": {"filter": [query, {"term": {"is_cluster_lead": True}}]}},
        sort=[{"cluster_size": "desc"}, {"published_at": "asc"}],
        source_includes=["title", "source_id", "cluster_size", "canonical_url"],
    )
    total = resp["hits"]["total"]["value"]
    stories = resp["aggregations"]["stories"]["value"]
    doc = {
        "day": day.isoformat(),
        "articles": total,
        "stories": stories,
        "duplicates": max(0, total - stories),
        "top_stories": [
            {"id": h["_id"], "title": h["_source"].get("title"), "source_id": h["_source"].get("source_id"),
             "cluster_size": h["_source"].get("cluster_size", 1), "url": h["_source"].get("canonical_url")}
            for h in leads["hits"]["hits"]
        ],
        "top_persons": _terms(resp, "persons"),
        "top_places": _terms(resp, "places"),
        "top_orgs": _terms(resp, "orgs"),
        "top_topics": _terms(resp, "topics"),
        "per_source": _terms(resp, "sources"),
        "built_at": datetime.now(UTC).isoformat(),
    }
    if with_trends:
        from pipeline import trends

        rising = trends.day_trends(day, es=es, settings=s, top=top)
        doc |= rising
        trends.write_rows(day, rising, es=es, settings=s)
    es.index(index=s.digests_index, id=day.isoformat(), document=doc, refresh=True)
    return doc


def days_with_new_articles(run_ids: list[str] | None = None, *, es: Elasticsearch | None = None,
                           settings: Settings | None = None, lookback_days: int = 2) -> list[date]:
    """The publication days touched by recent indexing (what a digest refresh must rebuild)."""
    s = settings or get_settings()
    es = es or get_client(s)
    since = (datetime.now(UTC) - timedelta(days=lookback_days)).isoformat()
    flt: list[dict[str, Any]] = [{"range": {"indexed_at": {"gte": since}}}]
    if run_ids:
        flt = [{"terms": {"run_id": run_ids}}]
    resp = es.search(index=s.articles_alias, size=0, query={"bool": {"filter": flt}},
                     aggs={"days": {"date_histogram": {"field": "published_at", "calendar_interval": "day",
                                                       "min_doc_count": 1}}})
    return [datetime.fromisoformat(b["key_as_string"][:10]).date()
            for b in resp["aggregations"]["days"]["buckets"]]
