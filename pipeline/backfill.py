"""Manual backfill and re-processing.

Two ways to fill a window of days:

* ``archive``: re-process the raw pages archived on those days (fetch date),
  with today's extraction, gazetteers and rules; documents are overwritten by
  id, so tags change and counts do not.
* ``sitemap``: discover the window's URLs from the publishers' (news)
  sitemaps, keep those not yet handled, and fetch them like the scheduled path.

Both are idempotent: a second run over the same window changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pipeline import index as index_stage
from pipeline.archive import iter_window
from pipeline.config import Settings, get_settings
from pipeline.errors import InputError, RasdError
from pipeline.fetch import Fetcher
from pipeline.ingest import ChunkResult, PollResult, build_article, process_pages, shared_fetcher
from pipeline.models import FeedEntry, Source
from pipeline.poll import new_entries
from pipeline.sitemaps import window_entries
from pipeline.sources import load_sources

MODES = {"archive", "sitemap", "both"}
REPROCESS_BATCH = 200


def _day(value: str | date | datetime) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def plan(
    *,
    start: str | None,
    end: str | None,
    sources: list[str] | None,
    mode: str,
    interval_start: datetime | None = None,
    interval_end: datetime | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Resolve the window (params, else the run's data interval) and the work units."""
    s = settings or get_settings()
    if mode not in MODES:
        raise InputError(f"mode must be one of {sorted(MODES)}, got {mode!r}")
    if start:
        first = _day(start)
    elif interval_start:
        first = interval_start.date()
    else:
        raise InputError("give a start date (or run over a data interval)")
    if end:
        last = _day(end)
    elif interval_end and not start:
        last = (interval_end - timedelta(microseconds=1)).date()
    else:
        last = first
    if last < first:
        raise InputError(f"end {last} is before start {first}")
    if (last - first).days > 366:
        raise InputError("a backfill window is at most 366 days; split it")
    registry = load_sources(s.sources_file, base_url=s.sources_base_url)
    known = {x.id for x in registry}
    wanted = set(sources or [])
    if wanted - known:
        raise InputError(f"unknown source ids: {sorted(wanted - known)}")
    chosen = [x for x in registry if not wanted or x.id in wanted]
    days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    sitemap_jobs = [
        {"source": x.model_dump(mode="json"), "feed_url": f.url, "kind": f.kind,
         "start": first.isoformat(), "end": last.isoformat()}
        for x in chosen for f in x.feeds if f.kind == "sitemap"
    ]
    return {
        "start": first.isoformat(),
        "end": last.isoformat(),
        "mode": mode,
        "sources": [x.id for x in chosen] if wanted else [],
        "days": days if mode in {"archive", "both"} else [],
        "sitemap_jobs": sitemap_jobs if mode in {"sitemap", "both"} else [],
    }


def reprocess_archive_day(
    day: str, *, sources: list[str] | None = None, dry_run: bool = False, run_id: str | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Re-process every page archived on ``day`` (fetch date)."""
    s = settings or get_settings()
    es = index_stage.get_client(s)
    registry = {x.id: x for x in load_sources(s.sources_file, base_url=s.sources_base_url)}
    wanted = set(sources or [])
    counts: Counter[str] = Counter()
    durations: dict[str, float] = {}
    result = ChunkResult()
    batch: list[Any] = []
    latest: dict[str, Any] = {}
    d = _day(day)
    for page in iter_window(d, d, s):
        if wanted and page.source_id not in wanted:
            continue
        if not page.entry or page.status != 200:
            continue
        try:
            entry = FeedEntry.model_validate(page.entry)
            source = registry.get(page.source_id or "") or Source(
                id=page.source_id or "unknown", name=page.source_id or "unknown", feeds=[])
            article = build_article(entry, source)
        except (InputError, ValueError) as exc:
            counts["bad_input"] += 1
            result.errors.append({"url": page.url, "kind": "bad_input", "error": str(exc)[:500]})
            continue
        latest[article.id] = (article, page)  # the newest fetch of a URL wins
    counts["archived_pages"] = len(latest)
    if dry_run:
        result.counts = dict(counts)
        return asdict(result)
    items = list(latest.values())
    for i in range(0, len(items), REPROCESS_BATCH):
        batch = items[i : i + REPROCESS_BATCH]
        result.indexed_ids += process_pages(batch, es=es, settings=s, run_id=run_id, counts=counts,
                                            durations=durations, errors=result.errors)
    counts["reprocessed"] = len(items)
    result.counts = dict(counts)
    result.durations_ms = {k: round(v, 1) for k, v in durations.items()}
    return asdict(result)


def discover_sitemap(job: dict[str, Any], *, settings: Settings | None = None,
                     fetcher: Fetcher | None = None) -> dict[str, Any]:
    """URLs of the window from one (news) sitemap, following a sitemap index one level."""
    s = settings or get_settings()
    source = Source.model_validate(job["source"])
    first, last = _day(job["start"]), _day(job["end"])
    lo = datetime(first.year, first.month, first.day, tzinfo=UTC)
    hi = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    result = PollResult(source_id=source.id, feed_url=job["feed_url"])
    own = fetcher is None
    es = index_stage.get_client(s)
    fetcher = fetcher or shared_fetcher(es, s)
    try:
        entries, result.seen = window_entries(fetcher, job["feed_url"], source_id=source.id, since=lo, until=hi,
                                              max_bytes=s.max_feed_bytes, user_agent=source.user_agent)
        result.entries = new_entries(es, entries, s)
    except RasdError as exc:
        result.status, result.error, result.error_kind = "failed", str(exc), exc.kind
    finally:
        if own:
            fetcher.close()
    return asdict(result) | {"source": job["source"]}
