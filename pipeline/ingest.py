"""The ingest path, stage by stage, as functions the DAG and the CLI share.

``due_jobs`` (which feeds to poll) → ``poll_feed`` (one feed → new entries,
feed state updated) → ``plan_chunks`` (new entries + due fetch retries) → ``process_chunk`` (fetch and
archive the pages of one chunk, then ``process_pages``: extract, language,
tag, dedup, index) → ``summarize``.  Each function takes and returns plain
JSON-able data at its boundary so that Airflow can pass it through XCom; the
typed records live inside.  Nothing is kept on the worker: feed state and
"is this entry new?" are asked of Elasticsearch, raw pages go to the archive.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch

from pipeline import feedstate
from pipeline import index as index_stage
from pipeline.archive import ArchivedPage, ArchiveWriter
from pipeline.config import Settings, get_settings
from pipeline.errors import FetchError, InputError, RasdError
from pipeline.feeds import parse_feed
from pipeline.fetch import Fetcher, decode_body
from pipeline.googlenews import is_google_news, resolve_google_news
from pipeline.models import Article, FeedEntry, HttpMeta, Source
from pipeline.sources import load_sources
from pipeline.urls import canonicalize, doc_id

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
MAX_CHUNKS = 500


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
    http_status: int | None = None


@dataclass
class ChunkResult:
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    durations_ms: dict[str, float] = field(default_factory=dict)
    indexed_ids: list[str] = field(default_factory=list)
    archive: str | None = None


def feed_jobs(sources: list[Source], *, kinds: set[str] | None = None) -> list[dict[str, Any]]:
    """One job per enabled feed (what the DAG maps over).  Sitemaps are for backfill."""
    kinds = kinds or {"rss", "atom", "google-news"}
    jobs = []
    for src in sources:
        if not src.enabled:
            continue
        for feed in src.feeds:
            if feed.kind in kinds:
                jobs.append({"source": src.model_dump(mode="json"), "feed_url": feed.url, "kind": feed.kind})
    return jobs


def due_jobs(
    jobs: list[dict[str, Any]], es: Elasticsearch, settings: Settings, *, force: bool = False,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """The jobs whose feed is due (by its stored ``next_poll``), or all with ``force``."""
    if force:
        return jobs
    states = feedstate.load_states(es, [j["feed_url"] for j in jobs], settings)
    return [j for j in jobs if j["feed_url"] not in states or states[j["feed_url"]].is_due(now)]


def poll_feed(job: dict[str, Any], *, settings: Settings | None = None, es: Elasticsearch | None = None,
              fetcher: Fetcher | None = None) -> dict[str, Any]:
    """Fetch and parse one feed (conditionally); return its entries not yet
    handled, and store the feed's new state and health."""
    s = settings or get_settings()
    source = Source.model_validate(job["source"])
    feed_url = job["feed_url"]
    result = PollResult(source_id=source.id, feed_url=feed_url)
    start = time.monotonic()
    es = es or index_stage.get_client(s)
    state = feedstate.load_states(es, [feed_url], s).get(feed_url) or feedstate.FeedState(
        source_id=source.id, feed_url=feed_url, kind=job.get("kind", "rss"))
    own_fetcher = fetcher is None
    fetcher = fetcher or shared_fetcher(es, s)
    base = float(source.poll_interval_minutes)
    try:
        resp = fetcher.get(feed_url, max_bytes=s.max_feed_bytes,
                           headers={"Accept": FEED_ACCEPT, **state.conditional_headers()})
        result.http_status = resp.status
        body_hash = hashlib.sha256(resp.content).hexdigest() if not resp.not_modified else state.body_hash
        if resp.not_modified or (body_hash and body_hash == state.body_hash and not state.pending):
            result.status = "unchanged"
            state = feedstate.after_success(state, base_minutes=base, new_items=0, changed=False)
        else:
            entries = parse_feed(resp.content, source_id=source.id, feed_url=feed_url, headers=resp.headers)
            result.seen = len(entries)
            if job.get("kind") == "google-news":
                entries = [resolve_google_news(e, fetcher) for e in entries[: s.max_articles_per_feed]]
            by_id: dict[str, FeedEntry] = {}
            for entry in entries[: s.max_articles_per_feed]:
                if is_google_news(entry.url):
                    continue  # unresolved redirect: never index Google's URL
                try:
                    by_id.setdefault(doc_id(entry.url), entry)
                except InputError:
                    continue
            known = index_stage.existing_ids(es, by_id, s)
            result.entries = [e.model_dump(mode="json") for i, e in by_id.items() if i not in known]
            state = feedstate.after_success(
                state, base_minutes=base, new_items=len(result.entries), changed=True,
                etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"), body_hash=body_hash,
            )
    except RasdError as exc:
        result.status, result.error, result.error_kind = "failed", str(exc), exc.kind
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        state = feedstate.after_failure(state, base_minutes=base, kind=exc.kind, error=str(exc),
                                        retry_after=retry_after)
    finally:
        if own_fetcher:
            fetcher.close()
    feedstate.save_state(es, state, s)
    result.duration_ms = round((time.monotonic() - start) * 1000, 1)
    return asdict(result) | {"source": job["source"], "feed_status": state.status}


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


def shared_fetcher(es: Elasticsearch, settings: Settings) -> Fetcher:
    """A task's Fetcher whose robots.txt answers are shared with every other worker (``rasd-robots``)."""
    from pipeline.robotstore import EsRobotsStore

    return Fetcher(settings, robots_store=EsRobotsStore(es, settings))


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
            if item.get("retry"):
                counts["fetch_retried"] += 1
            t0 = time.monotonic()
            try:
                resp = fetcher.get(article.url)
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
        result.indexed_ids = process_pages(pages, es=es, settings=s, run_id=run_id, counts=counts,
                                           durations=durations, errors=result.errors)
        counts.update(retries.record(es, failures, s, run_id=run_id))
        retries.clear(es, settled, s)
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
    force: bool = True,
) -> dict[str, Any]:
    """The whole ingest path in one process (``rasd ingest --once``)."""
    s = settings or get_settings()
    started = datetime.now(UTC)
    run_id = run_id or f"cli-{started.strftime('%Y%m%dT%H%M%S')}"
    es = index_stage.get_client(s)
    index_stage.ensure_indices(es, s)
    retried = index_stage.retry_dead_letters(es, s, run_id=run_id)
    sources = load_sources(sources_file or s.sources_file, base_url=base_url or s.sources_base_url)
    with shared_fetcher(es, s) as fetcher:
        jobs = due_jobs(feed_jobs(sources), es, s, force=force)
        polls = [poll_feed(job, settings=s, es=es, fetcher=fetcher) for job in jobs]
        chunks = [process_chunk(c, settings=s, es=es, fetcher=fetcher, run_id=run_id, chunk_key=str(i))
                  for i, c in enumerate(plan_chunks(polls, es=es, settings=s))]
    feedstate.confirm(es, [p["feed_url"] for p in polls if p.get("entries")], s)
    es.indices.refresh(index=s.articles_alias)
    summary = summarize(polls, chunks, run_id=run_id, started_at=started)
    summary["counts"].update(retried)
    record_run(summary, settings=s, es=es)
    return summary
