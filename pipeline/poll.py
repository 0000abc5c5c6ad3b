"""Polling: one way into a source (``poll_feed``), and a source along its ways in (``poll_source``).

``poll_feed`` fetches one feed, sitemap or Google News search safely and conditionally,
returns the entries not yet handled and stores the way's new state and health
(``pipeline.feedstate``). ``poll_source`` is the task of the ingest DAG: it asks
``pipeline.routing`` which ways to try now (the down ways above the one in use whose retry is
due, then the one in use), tries them in order, stops at the first that answers, and when the
way in use goes down during the poll falls through to the next one at once. Each returns plain
JSON-able data for XCom; state lives in Elasticsearch.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from elasticsearch import Elasticsearch

from pipeline import feedstate, routing
from pipeline import index as index_stage
from pipeline.config import Settings, get_settings
from pipeline.errors import FetchError, InputError, RasdError
from pipeline.feeds import parse_feed
from pipeline.fetch import Fetcher
from pipeline.googlenews import is_google_news, resolve_google_news
from pipeline.models import FeedEntry, Source
from pipeline.sitemaps import window_entries
from pipeline.urls import doc_id

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
LIVE_SITEMAP_CHILDREN = 3


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


def feed_jobs(sources: list[Source], *, kinds: set[str] | None = None) -> list[dict[str, Any]]:
    """One job per enabled feed of the given kinds (every way in, without routing: benches and checks)."""
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
    """The feed jobs whose feed is due (by its stored ``next_poll``), or all with ``force``."""
    if force:
        return jobs
    states = feedstate.load_states(es, [j["feed_url"] for j in jobs], settings)
    return [j for j in jobs if j["feed_url"] not in states or states[j["feed_url"]].is_due(now)]


def source_jobs(
    sources: list[Source], es: Elasticsearch, settings: Settings, *, force: bool = False,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """One job per enabled source with a way to try now (``pipeline.routing.plan``)."""
    states = routing.way_states(es, sources, settings)
    return [{"source": src.model_dump(mode="json"), "force": force} for src in sources
            if routing.plan(src, states, now=now, force=force, settings=settings)]


def shared_fetcher(es: Elasticsearch, settings: Settings) -> Fetcher:
    """A task's Fetcher whose robots.txt answers are shared with every other worker (``rasd-robots``)."""
    from pipeline.robotstore import EsRobotsStore

    return Fetcher(settings, robots_store=EsRobotsStore(es, settings))


def _read_entries(job: dict[str, Any], source: Source, fetcher: Fetcher, resp: Any, s: Settings) -> tuple[
        list[FeedEntry], int]:
    """The entries of a fetched way, and how many it listed."""
    if job.get("kind") == "sitemap":
        since = datetime.now(UTC) - timedelta(hours=s.sitemap_recent_hours)
        return window_entries(fetcher, job["feed_url"], source_id=source.id, since=since,
                              max_bytes=s.max_feed_bytes, max_children=LIVE_SITEMAP_CHILDREN,
                              user_agent=source.user_agent, first=resp)
    entries = parse_feed(resp.content, source_id=source.id, feed_url=job["feed_url"], headers=resp.headers)
    if job.get("kind") == "google-news":
        entries = [resolve_google_news(e, fetcher) for e in entries[: s.max_articles_per_feed]]
    return entries, len(entries)


def new_entries(es: Elasticsearch, entries: list[FeedEntry], settings: Settings) -> list[dict[str, Any]]:
    """The entries not yet handled (by canonical-URL id, indexed or deliberately skipped), as
    JSON-able dicts, each once. Unusable URLs and unresolved Google News links are dropped."""
    by_id: dict[str, FeedEntry] = {}
    for entry in entries:
        if is_google_news(entry.url):
            continue  # unresolved redirect: never index Google's URL
        try:
            by_id.setdefault(doc_id(entry.url), entry)
        except InputError:
            continue
    known = index_stage.existing_ids(es, by_id, settings)
    return [e.model_dump(mode="json") for i, e in by_id.items() if i not in known]


def poll_feed(job: dict[str, Any], *, settings: Settings | None = None, es: Elasticsearch | None = None,
              fetcher: Fetcher | None = None) -> dict[str, Any]:
    """Fetch and parse one way in (conditionally); return its entries not yet handled, and
    store the way's new state and health."""
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
    sitemap = job.get("kind") == "sitemap"  # its children change while the index may not: no short-cuts
    try:
        conditional = {} if sitemap else state.conditional_headers()
        resp = fetcher.get(feed_url, max_bytes=s.max_feed_bytes, headers={"Accept": FEED_ACCEPT, **conditional},
                           user_agent=source.user_agent)
        result.http_status = resp.status
        body_hash = hashlib.sha256(resp.content).hexdigest() if not resp.not_modified else state.body_hash
        if resp.not_modified or (not sitemap and body_hash and body_hash == state.body_hash and not state.pending):
            result.status = "unchanged"
            state = feedstate.after_success(state, base_minutes=base, new_items=0, changed=False)
        else:
            entries, result.seen = _read_entries(job, source, fetcher, resp, s)
            result.entries = new_entries(es, entries[: s.max_articles_per_feed], s)
            dates = [e.published for e in entries if e.published is not None]
            state = feedstate.after_success(
                state, base_minutes=base, new_items=len(result.entries), changed=True,
                etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"), body_hash=body_hash,
                newest_entry=max(dates) if dates else None,
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
    return asdict(result) | {"source": job["source"], "kind": job.get("kind", "rss"), "feed_status": state.status,
                             "state": state.model_dump(mode="json")}


def poll_source(job: dict[str, Any], *, settings: Settings | None = None, es: Elasticsearch | None = None,
                fetcher: Fetcher | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Poll one source along its ways in (see the module docstring).

    Returns the new entries of the way that answered, and one record per way tried
    (``ways``: status, error kind, new entries) for the run record."""
    s = settings or get_settings()
    source = Source.model_validate(job["source"])
    es = es or index_stage.get_client(s)
    states = routing.way_states(es, [source], s)
    before = routing.route(source, states, now)
    queue = routing.plan(source, states, now=now, force=bool(job.get("force")), settings=s)
    out: dict[str, Any] = {"source": job["source"], "source_id": source.id, "status": "skipped", "way": None,
                           "entries": [], "ways": [], "seen": 0,
                           "was_down": before.state in {"down", "never"}, "route_before": before.state}
    own_fetcher = fetcher is None
    fetcher = fetcher or shared_fetcher(es, s)
    try:
        k = 0
        while k < len(queue):
            pos = queue[k]
            k += 1
            spec = source.feeds[pos]
            res = poll_feed({"source": job["source"], "feed_url": spec.url, "kind": spec.kind},
                            settings=s, es=es, fetcher=fetcher)
            state = feedstate.FeedState.model_validate(res.pop("state"))
            entries = res.pop("entries")
            res.pop("source", None)
            out["ways"].append(res | {"position": pos, "new": len(entries)})
            out["seen"] += res.get("seen", 0)
            if res["status"] != "failed":
                out.update(status=res["status"] if not entries else "ok", way=pos, entries=entries)
                return out
            out["status"] = "failed"
            in_use = before.active is not None and pos >= before.active  # not a retry of a way already down
            if in_use and not routing.way_view(pos, spec, state).usable and pos + 1 < len(source.feeds) \
                    and pos + 1 not in queue:
                queue.append(pos + 1)  # the way in use went down: the next one, now
        return out
    finally:
        if own_fetcher:
            fetcher.close()


def group_jobs(jobs: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    """Source jobs in ⌈n / size⌉ balanced groups, one per poll task (each Airflow task process costs
    ~1.5 s of CPU to start: 50 one-source tasks made an idle run take minutes). Sources whose first way
    is on one host stay in one group (its Fetcher paces the host; two tasks would hit it at once)."""
    if not jobs:
        return []
    by_host: dict[str, list[dict[str, Any]]] = {}
    for job in jobs:
        by_host.setdefault(_job_host(job), []).append(job)
    groups: list[list[dict[str, Any]]] = [[] for _ in range(-(-len(jobs) // max(1, size)))]
    for host_jobs in sorted(by_host.values(), key=len, reverse=True):
        min(groups, key=len).extend(host_jobs)
    return [g for g in groups if g]


def _job_host(job: dict[str, Any]) -> str:
    url = job.get("feed_url") or next((f.get("url") for f in job["source"].get("feeds") or []), "") or ""
    return urlsplit(str(url)).netloc


def poll_sources(jobs: list[dict[str, Any]], *, settings: Settings | None = None) -> list[dict[str, Any]]:
    """``poll_source`` for each job of a group in turn, with one ES client and one Fetcher."""
    s = settings or get_settings()
    es = index_stage.get_client(s)
    fetcher = shared_fetcher(es, s)
    try:
        return [poll_source(job, settings=s, es=es, fetcher=fetcher) for job in jobs]
    finally:
        fetcher.close()


def pending_feeds(polls: list[dict[str, Any]]) -> list[str]:
    """The ways whose new entries a run handed to processing (their ``pending`` mark is cleared
    when every chunk finished). Source polls and single-way polls alike."""
    urls: list[str] = []
    for p in polls:
        if "ways" in p:
            urls += [w["feed_url"] for w in p["ways"] if w.get("new")]
        elif p.get("entries"):
            urls.append(p["feed_url"])
    return urls
