"""The ingest path, stage by stage, as functions the DAG and the CLI share.

``source_jobs`` (which sources have a way in to poll now) → ``group_jobs`` (sources per
task) → ``poll_sources`` / ``poll_source`` (a source along its ways in → new entries, each way's state
updated; ``pipeline.poll``) →
``plan_chunks`` (new entries + due fetch retries) → ``process_chunk`` (fetch and
archive the pages of one chunk, then ``process_pages``: extract, language,
tag, dedup, index) → ``summarize`` (+ each source's route, ``pipeline.routing``).
Each function takes and returns plain JSON-able data at its boundary so that
Airflow can pass it through XCom; the typed records live inside.  Nothing is kept
on the worker: feed state and "is this entry new?" are asked of Elasticsearch, raw
pages go to the archive.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch

from pipeline import feedstate, routing
from pipeline import index as index_stage
from pipeline.archive import ArchivedPage, ArchiveWriter
from pipeline.config import Settings, get_settings
from pipeline.errors import InputError, RasdError
from pipeline.fetch import Fetcher, decode_body
from pipeline.models import Article, FeedEntry, HttpMeta, Source
from pipeline.poll import (  # noqa: F401  (re-exported: the DAGs, benches and tests import them from here)
    FEED_ACCEPT,
    PollResult,
    due_jobs,
    feed_jobs,
    group_jobs,
    pending_feeds,
    poll_feed,
    poll_source,
    poll_sources,
    shared_fetcher,
    source_jobs,
)
from pipeline.sources import load_sources
from pipeline.urls import canonicalize, doc_id

MAX_CHUNKS = 500


@dataclass
class ChunkResult:
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    durations_ms: dict[str, float] = field(default_factory=dict)
    indexed_ids: list[str] = field(default_factory=list)
    archive: str | None = None


def chunk_entries(
    polls: list[dict[str, Any]], size: int | None = None, *, extra: list[dict[str, Any]] | None = None
) -> list[list[dict[str, Any]]]:
    """Flatten the new entries of all polls into chunks (the unit of mapping,
    so a run maps over far fewer than Airflow's 1,024 task instances).
    ``extra``: ready chunk items (due fetch retries), after the polls' entries."""
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    candidates = [{"entry": e, "source": poll.get("source") or {}} for poll in polls for e in poll.get("entries", [])]
    for item in candidates + list(extra or []):
        url = (item.get("entry") or {}).get("url", "")
        try:
            key = doc_id(url)
        except InputError:
            key = url
        if key in seen:  # the same article in two feeds of one run, or listed again while due for a retry
            continue
        seen.add(key)
        items.append(item)
    size = max(size or get_settings().chunk_size, -(-len(items) // MAX_CHUNKS))
    return [items[i : i + size] for i in range(0, len(items), size)]


def plan_chunks(
    polls: list[dict[str, Any]], *, es: Elasticsearch | None = None, settings: Settings | None = None
) -> list[list[dict[str, Any]]]:
    """The run's chunks: the polls' new entries plus the fetch retries now due (``pipeline.retries``)."""
    from pipeline import retries

    s = settings or get_settings()
    es = es or index_stage.get_client(s)
    return chunk_entries(polls, extra=retries.due(es, s))


def build_article(entry: FeedEntry, source: Source) -> Article:
    return Article(
        id=doc_id(entry.url),
        url=entry.url,
        canonical_url=canonicalize(entry.url),
        source_id=source.id,
        source_name=source.name,
        libya_focused_source=source.libya_focused,
        entry=entry,
    )


def process_article(article: Article, html: str, *, settings: Settings) -> Article:
    """The pure part of the path: extract → language → tag (+ relevance)."""
    # imported here, not at the top: a poll task (one per feed, a new process each in
    # Airflow) needs none of them, and trafilatura with lxml, numpy and langdetect cost it
    # about half a second to import
    from pipeline import extract as extract_stage
    from pipeline import tag as tag_stage
    from pipeline.language import detect_language

    entry = article.entry
    article.content = extract_stage.extract(
        html,
        url=article.url,
        feed_title=entry.title if entry else None,
        feed_summary=entry.summary if entry else None,
        feed_date=entry.published if entry else None,
        min_body_chars=settings.min_body_chars,
        # dates after the fetch are implausible, "منذ ساعتين" counts back from it (also when
        # an archived page is processed again later)
        now=article.http.fetched_at if article.http else None,
    )
    article.language = detect_language(article.content.text, min_chars=settings.min_language_chars)
    if article.language.lang == "ar":
        article.tags = tag_stage.tag(article.content.title, article.content.text,
                                     libya_focused=article.libya_focused_source)
    return article


def process_pages(
    pages: list[tuple[Article, ArchivedPage]],
    *,
    es: Elasticsearch,
    settings: Settings,
    run_id: str | None,
    counts: Counter[str],
    durations: dict[str, float],
    errors: list[dict[str, str]],
) -> list[str]:
    """Decode → extract → language → tag → skip decisions → dedup → index.
    Shared by the scheduled path and archive re-processing.  Returns the ids indexed."""
    ready: list[Article] = []
    skipped: list[tuple[Article, str]] = []
    t0 = time.monotonic()
    for article, page in pages:
        html, encoding = decode_body(page.body, page.headers)
        article.http = HttpMeta(
            url=article.url, final_url=page.final_url, status=page.status,
            headers={k: v for k, v in page.headers.items() if k in {"content-type", "etag", "last-modified", "date"}},
            fetched_at=page.fetched_at, encoding=encoding, redirects=page.redirects,
        )
        article.archive_ref = page.ref
        process_article(article, html, settings=settings)
        if not article.content or not article.content.text:
            counts["empty"] += 1
            errors.append({"url": article.url, "kind": "no_text", "error": "no text extracted"})
            skipped.append((article, "no_text"))
            continue
        counts["extracted"] += 1
        if article.content.method == "feed_summary":
            counts["summary_fallback"] += 1
        if article.language is None or article.language.lang != "ar":
            counts["non_arabic"] += 1
            skipped.append((article, "non_arabic"))
            continue
        if article.tags is not None and not article.tags.libya_relevant:
            counts["irrelevant"] += 1
            skipped.append((article, "irrelevant"))
            continue
        ready.append(article)
    durations["process"] = durations.get("process", 0.0) + (time.monotonic() - t0) * 1000
    t0 = time.monotonic()
    dedup_stats = dedup_articles(es, ready, settings)
    counts.update(dedup_stats)
    durations["dedup"] = durations.get("dedup", 0.0) + (time.monotonic() - t0) * 1000
    t0 = time.monotonic()
    index_stage.record_skipped(es, skipped, settings, run_id=run_id)
    bulk = index_stage.index_articles(es, ready, settings, run_id=run_id)
    durations["index"] = durations.get("index", 0.0) + (time.monotonic() - t0) * 1000
    counts["indexed"] += bulk.indexed
    counts["index_failed"] += bulk.failed
    counts["dead_letters"] += index_stage.record_dead_letters(es, bulk, settings, run_id=run_id)
    failed_ids = set()
    for err in bulk.errors:
        failed_ids.add(str(err.get("_id")))
        errors.append({"url": str(err.get("_id")), "kind": "index", "error": str(err.get("error"))[:500]})
    indexed = [a.id for a in ready if a.id not in failed_ids]
    if indexed:
        # a concurrent run may have clustered copies of the same story: settle it now
        from pipeline import dedup

        t0 = time.monotonic()
        counts["cluster_fixes"] += dedup.reconcile(es, indexed, settings)
        durations["dedup"] = durations.get("dedup", 0.0) + (time.monotonic() - t0) * 1000
    return indexed


def dedup_articles(es: Elasticsearch, articles: list[Article], settings: Settings) -> dict[str, int]:
    """Exact and near-duplicate assignment (``pipeline.dedup``), as counts."""
    if not articles:
        return {}
    from pipeline import dedup

    stats = dedup.assign(es, articles, settings)
    return {f"duplicate_{k}": int(v) for k, v in asdict(stats).items() if isinstance(v, int) and v}


def process_chunk(
    chunk: list[dict[str, Any]],
    *,
    settings: Settings | None = None,
    es: Elasticsearch | None = None,
    fetcher: Fetcher | None = None,
    run_id: str | None = None,
    chunk_key: str | None = None,
) -> dict[str, Any]:
    """Fetch, archive, process and index one chunk of new entries (and due fetch retries)."""
    from pipeline import retries

    s = settings or get_settings()
    es = es or index_stage.get_client(s)
    own_fetcher = fetcher is None
    fetcher = fetcher or shared_fetcher(es, s)
    counts: Counter[str] = Counter()
    durations: dict[str, float] = {"fetch": 0.0}
    result = ChunkResult()
    key = chunk_key or hashlib.sha1("|".join(i["entry"]["url"] for i in chunk).encode()).hexdigest()[:12]
    archive = ArchiveWriter(f"{run_id or 'adhoc'}-{key}", s)
    pages: list[tuple[Article, ArchivedPage]] = []
    failures: list[tuple[str, dict[str, Any], RasdError]] = []  # transient: fetched again by a later run
    settled: list[str] = []  # retried entries that need no further attempt
    # Entries handled since they were planned: by an earlier attempt of this task (killed after its
    # bulk request, e.g. with the scheduler's workers) or by another run. Not fetched or indexed again.
    handled = index_stage.handled_by(es, _entry_ids(chunk), s)
    try:
        for item in chunk:
            counts["seen"] += 1
            try:
                source = Source.model_validate(item["source"])
                article = build_article(FeedEntry.model_validate(item["entry"]), source)
            except (InputError, ValueError) as exc:
                counts["bad_input"] += 1
                result.errors.append({"url": str(item.get("entry", {}).get("url")), "kind": "bad_input",
                                      "error": str(exc)[:500]})
                continue
            if article.id in handled:
                if handled[article.id] == (True, run_id) and run_id is not None:
                    counts["indexed"] += 1  # by an earlier attempt of this run: still this run's work
                    result.indexed_ids.append(article.id)
                else:
                    counts["already_handled"] += 1
                if item.get("retry"):
                    settled.append(article.id)
                continue
            if item.get("retry"):
                counts["fetch_retried"] += 1
            t0 = time.monotonic()
            try:
                resp = fetcher.get(article.url, user_agent=source.user_agent)
            except RasdError as exc:
                counts["fetch_failed"] += 1
                result.errors.append({"url": article.url, "kind": exc.kind, "error": str(exc)[:500]})
                if retries.is_transient(exc):
                    failures.append((article.id, item, exc))
                elif item.get("retry"):
                    settled.append(article.id)  # failed for good this time: in the run record, not retried
                continue
            finally:
                durations["fetch"] += (time.monotonic() - t0) * 1000
            if item.get("retry"):
                settled.append(article.id)
            counts["fetched"] += 1
            page = ArchivedPage(
                url=article.url, final_url=resp.redirects[-1] if resp.redirects else resp.url,
                status=resp.status, headers=resp.headers, body=resp.content, fetched_at=resp.fetched_at,
                source_id=source.id, entry=item["entry"], redirects=resp.redirects,
            )
            page.ref = archive.add(page)
            pages.append((article, page))
        result.archive = archive.close()
        result.indexed_ids += process_pages(pages, es=es, settings=s, run_id=run_id, counts=counts,
                                           durations=durations, errors=result.errors)
        counts.update(retries.record(es, failures, s, run_id=run_id))
        retries.clear(es, settled, s)
    finally:
        if own_fetcher:
            fetcher.close()
    result.counts = dict(counts)
    result.durations_ms = {k: round(v, 1) for k, v in durations.items()}
    return asdict(result)


def _entry_ids(chunk: list[dict[str, Any]]) -> list[str]:
    ids = []
    for item in chunk:
        try:
            ids.append(doc_id(FeedEntry.model_validate(item["entry"]).url))
        except (InputError, KeyError, TypeError, ValueError):
            continue  # reported as bad input below
    return ids


def summarize(
    polls: list[dict[str, Any]],
    chunks: list[dict[str, Any]],
    *,
    run_id: str,
    kind: str = "ingest",
    started_at: datetime | None = None,
    dag_id: str | None = None,
) -> dict[str, Any]:
    """Aggregate poll and chunk results into one run record. A poll is a source polled along
    its ways (``ways``: one record per way tried) or a single way (backfill sitemaps)."""
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    durations: dict[str, float] = {}
    feeds: list[dict[str, Any]] = []
    for p in polls:
        ways = p["ways"] if "ways" in p else [p | {"new": len(p.get("entries", []))}]
        if "ways" in p and ways:
            counts["sources_polled"] += 1
            counts[f"sources_{p['status']}"] += 1
            if p.get("way"):
                counts["sources_on_fallback"] += 1
        counts["articles_new"] += len(p.get("entries", []))
        for w in ways:
            counts["feeds_polled"] += 1
            counts[f"feeds_{w['status']}"] += 1
            counts["articles_seen"] += w.get("seen", 0)
            durations["poll"] = durations.get("poll", 0.0) + w.get("duration_ms", 0.0)
            if w.get("error_kind"):
                errors[w["error_kind"]] += 1
            feeds.append({k: w.get(k) for k in ("source_id", "feed_url", "kind", "position", "status", "seen", "new",
                                                "error", "error_kind")})
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
        "feeds": feeds,
    }


def close_run(
    summary: dict[str, Any], polls: list[dict[str, Any]], sources: list[Source], *, es: Elasticsearch,
    settings: Settings,
) -> dict[str, Any]:
    """Store every source's route (``pipeline.routing``) and mark the run failed, with one line
    saying why, when no source polled answered (``routing.outage``)."""
    routes = routing.record_routes(es, sources, settings, run_id=summary["run_id"])
    summary["counts"].update(Counter(f"route_{r.state}" for r in routes))
    why = routing.outage(polls, routes)
    if why:
        summary["state"], summary["message"] = "failed", why
    return summary


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
    force: bool = True,
) -> dict[str, Any]:
    """The whole ingest path in one process (``rasd ingest --once``). The run record's
    ``state`` is ``failed`` (with ``message``) when no source polled answered."""
    s = settings or get_settings()
    started = datetime.now(UTC)
    run_id = run_id or f"cli-{started.strftime('%Y%m%dT%H%M%S')}"
    es = index_stage.get_client(s)
    index_stage.ensure_indices(es, s)
    retried = index_stage.retry_dead_letters(es, s, run_id=run_id)
    sources = load_sources(sources_file or s.sources_file, base_url=base_url or s.sources_base_url)
    with shared_fetcher(es, s) as fetcher:
        jobs = source_jobs(sources, es, s, force=force)
        polls = [poll_source(job, settings=s, es=es, fetcher=fetcher) for job in jobs]
        chunks = [process_chunk(c, settings=s, es=es, fetcher=fetcher, run_id=run_id, chunk_key=str(i))
                  for i, c in enumerate(plan_chunks(polls, es=es, settings=s))]
    feedstate.confirm(es, pending_feeds(polls), s)
    es.indices.refresh(index=s.articles_alias)
    summary = summarize(polls, chunks, run_id=run_id, started_at=started)
    summary["counts"].update(retried)
    close_run(summary, polls, sources, es=es, settings=s)
    record_run(summary, settings=s, es=es)
    return summary
