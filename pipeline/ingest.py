"""The ingest path, stage by stage, as functions the DAG and the CLI share.

``poll_feed`` (one feed → new entries) → ``chunk_entries`` → ``process_chunk``
(fetch, extract, language, tag, dedup, index one chunk) → ``summarize``.
Each function takes and returns plain JSON-able data at its boundary so that
Airflow can pass it through XCom; the typed records live inside.  Nothing is
kept on the worker: "is this entry new?" is asked of Elasticsearch.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch

from pipeline import extract as extract_stage
from pipeline import index as index_stage
from pipeline import tag as tag_stage
from pipeline.config import Settings, get_settings
from pipeline.errors import InputError, RasdError
from pipeline.feeds import parse_feed
from pipeline.fetch import Fetcher, decode_body
from pipeline.language import detect_language
from pipeline.models import Article, FeedEntry, HttpMeta, Source
from pipeline.sources import load_sources
from pipeline.urls import canonicalize, doc_id

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"


@dataclass
class PollResult:
    source_id: str
    feed_url: str
    status: str = "ok"  # ok | unchanged | failed
    seen: int = 0
    entries: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    duration_ms: float = 0.0


@dataclass
class ChunkResult:
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    durations_ms: dict[str, float] = field(default_factory=dict)
    indexed_ids: list[str] = field(default_factory=list)


def feed_jobs(sources: list[Source]) -> list[dict[str, Any]]:
    """One job per enabled feed (what the DAG maps over)."""
    jobs = []
    for src in sources:
        if not src.enabled:
            continue
        for feed in src.feeds:
            if feed.kind == "sitemap":
                continue  # sitemaps are for backfill
            jobs.append({"source": src.model_dump(mode="json"), "feed_url": feed.url, "kind": feed.kind})
    return jobs


def poll_feed(job: dict[str, Any], *, settings: Settings | None = None, es: Elasticsearch | None = None,
              fetcher: Fetcher | None = None) -> dict[str, Any]:
    """Fetch and parse one feed; return its entries not yet in the index."""
    s = settings or get_settings()
    source = Source.model_validate(job["source"])
    result = PollResult(source_id=source.id, feed_url=job["feed_url"])
    start = time.monotonic()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(s)
    try:
        resp = fetcher.get(job["feed_url"], max_bytes=s.max_feed_bytes, headers={"Accept": FEED_ACCEPT})
        entries = parse_feed(resp.content, source_id=source.id, feed_url=job["feed_url"], headers=resp.headers)
        result.seen = len(entries)
        by_id: dict[str, FeedEntry] = {}
        for entry in entries[: s.max_articles_per_feed]:
            try:
                by_id.setdefault(doc_id(entry.url), entry)
            except InputError:
                continue
        es = es or index_stage.get_client(s)
        known = index_stage.existing_ids(es, by_id, s)
        result.entries = [e.model_dump(mode="json") for i, e in by_id.items() if i not in known]
    except RasdError as exc:
        result.status, result.error, result.error_kind = "failed", str(exc), exc.kind
    finally:
        if own_fetcher:
            fetcher.close()
    result.duration_ms = round((time.monotonic() - start) * 1000, 1)
    return asdict(result) | {"source": job["source"]}


def chunk_entries(polls: list[dict[str, Any]], size: int = 25) -> list[list[dict[str, Any]]]:
    """Flatten the new entries of all polls into chunks (the unit of mapping,
    so a run maps over far fewer than Airflow's 1,024 task instances)."""
    items: list[dict[str, Any]] = []
    for poll in polls:
        src = poll.get("source") or {}
        for e in poll.get("entries", []):
            items.append({"entry": e, "source": src})
    size = max(size, -(-len(items) // 500))  # at most 500 chunks
    return [items[i : i + size] for i in range(0, len(items), size)]


def build_article(entry: FeedEntry, source: Source) -> Article:
    canonical = canonicalize(entry.url)
    return Article(
        id=doc_id(entry.url),
        url=entry.url,
        canonical_url=canonical,
        source_id=source.id,
        source_name=source.name,
        libya_focused_source=source.libya_focused,
        entry=entry,
    )


def process_article(article: Article, html: str, *, settings: Settings) -> Article:
    """The pure part of the path: extract → language → tag (+ relevance)."""
    entry = article.entry
    article.content = extract_stage.extract(
        html,
        url=article.url,
        feed_title=entry.title if entry else None,
        feed_summary=entry.summary if entry else None,
        feed_date=entry.published if entry else None,
        min_body_chars=settings.min_body_chars,
    )
    article.language = detect_language(article.content.text, min_chars=settings.min_language_chars)
    if article.language.lang == "ar":
        article.tags = tag_stage.tag(article.content.title, article.content.text,
                                     libya_focused=article.libya_focused_source)
    return article


def process_chunk(
    chunk: list[dict[str, Any]],
    *,
    settings: Settings | None = None,
    es: Elasticsearch | None = None,
    fetcher: Fetcher | None = None,
    run_id: str | None = None,
) -> dict[str, Any]:
    """Fetch, process and index one chunk of new entries."""
    s = settings or get_settings()
    es = es or index_stage.get_client(s)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(s)
    counts: Counter[str] = Counter()
    durations: dict[str, float] = {"fetch": 0.0, "process": 0.0, "index": 0.0}
    result = ChunkResult()
    ready: list[Article] = []
    skipped: list[tuple[Article, str]] = []
    try:
        for item in chunk:
            counts["seen"] += 1
            try:
                source = Source.model_validate(item["source"])
                entry = FeedEntry.model_validate(item["entry"])
                article = build_article(entry, source)
            except (InputError, ValueError) as exc:
                counts["bad_input"] += 1
                result.errors.append({"url": str(item.get("entry", {}).get("url")), "kind": "bad_input",
                                      "error": str(exc)[:500]})
                continue
            t0 = time.monotonic()
            try:
                resp = fetcher.get(article.url)
            except RasdError as exc:
                counts["fetch_failed"] += 1
                result.errors.append({"url": article.url, "kind": exc.kind, "error": str(exc)[:500]})
                continue
            finally:
                durations["fetch"] += (time.monotonic() - t0) * 1000
            counts["fetched"] += 1
            html, encoding = decode_body(resp.content, resp.headers)
            article.http = HttpMeta(
                url=article.url, final_url=resp.redirects[-1] if resp.redirects else resp.url,
                status=resp.status, headers={k: v for k, v in resp.headers.items()
                                             if k in {"content-type", "etag", "last-modified", "date"}},
                fetched_at=resp.fetched_at, encoding=encoding, elapsed_ms=resp.elapsed_ms,
                redirects=resp.redirects,
            )
            t0 = time.monotonic()
            process_article(article, html, settings=s)
            durations["process"] += (time.monotonic() - t0) * 1000
            if not article.content or not article.content.text:
                counts["empty"] += 1
                result.errors.append({"url": article.url, "kind": "no_text", "error": "no text extracted"})
                continue
            counts["extracted"] += 1
            if article.language is None or article.language.lang != "ar":
                counts["non_arabic"] += 1
                skipped.append((article, "non_arabic"))
                continue
            if article.tags is not None and not article.tags.libya_relevant:
                counts["irrelevant"] += 1
                skipped.append((article, "irrelevant"))
                continue
            ready.append(article)
        t0 = time.monotonic()
        index_stage.record_skipped(es, skipped, s, run_id=run_id)
        bulk = index_stage.index_articles(es, ready, s, run_id=run_id)
        durations["index"] += (time.monotonic() - t0) * 1000
        counts["indexed"] += bulk.indexed
        counts["index_failed"] += bulk.failed
        for err in bulk.errors:
            result.errors.append({"url": str(err.get("_id")), "kind": "index", "error": str(err.get("error"))[:500]})
        result.indexed_ids = [a.id for a in ready][: bulk.indexed] if not bulk.failed else []
    finally:
        if own_fetcher:
            fetcher.close()
    result.counts = dict(counts)
    result.durations_ms = {k: round(v, 1) for k, v in durations.items()}
    return asdict(result)


def summarize(
    polls: list[dict[str, Any]],
    chunks: list[dict[str, Any]],
    *,
    run_id: str,
    kind: str = "ingest",
    started_at: datetime | None = None,
    dag_id: str | None = None,
) -> dict[str, Any]:
    """Aggregate poll and chunk results into one run record."""
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    durations: dict[str, float] = {}
    for p in polls:
        counts["feeds_polled"] += 1
        counts[f"feeds_{p['status']}"] += 1
        counts["articles_seen"] += p.get("seen", 0)
        counts["articles_new"] += len(p.get("entries", []))
        durations["poll"] = durations.get("poll", 0.0) + p.get("duration_ms", 0.0)
        if p.get("error_kind"):
            errors[p["error_kind"]] += 1
    for c in chunks:
        counts.update(c.get("counts", {}))
        for k, v in c.get("durations_ms", {}).items():
            durations[k] = durations.get(k, 0.0) + v
        for e in c.get("errors", []):
            errors[e["kind"]] += 1
    return {
        "run_id": run_id,
        "dag_id": dag_id,
        "kind": kind,
        "started_at": (started_at or datetime.now(UTC)).isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "state": "success",
        "counts": dict(counts),
        "errors_by_kind": dict(errors),
        "durations_ms": {k: round(v, 1) for k, v in durations.items()},
        "feeds": [{k: p.get(k) for k in ("source_id", "feed_url", "status", "seen", "error", "error_kind")}
                  | {"new": len(p.get("entries", []))} for p in polls],
    }


def record_run(summary: dict[str, Any], *, settings: Settings | None = None,
               es: Elasticsearch | None = None) -> None:
    s = settings or get_settings()
    es = es or index_stage.get_client(s)
    es.index(index=s.runs_index, id=summary["run_id"], document=summary, refresh=True)


def run_once(
    sources_file: str | None = None,
    *,
    base_url: str | None = None,
    settings: Settings | None = None,
    run_id: str | None = None,
) -> dict[str, Any]:
    """The whole ingest path in one process (``rasd ingest --once``)."""
    s = settings or get_settings()
    started = datetime.now(UTC)
    run_id = run_id or f"cli-{started.strftime('%Y%m%dT%H%M%S')}"
    es = index_stage.get_client(s)
    index_stage.ensure_indices(es, s)
    sources = load_sources(sources_file or s.sources_file, base_url=base_url)
    with Fetcher(s) as fetcher:
        polls = []
        for job in feed_jobs(sources):
            polls.append(poll_feed(job, settings=s, es=es, fetcher=fetcher))
        chunks = [process_chunk(c, settings=s, es=es, fetcher=fetcher, run_id=run_id)
                  for c in chunk_entries(polls)]
    es.indices.refresh(index=s.articles_alias)
    summary = summarize(polls, chunks, run_id=run_id, started_at=started)
    record_run(summary, settings=s, es=es)
    return summary
