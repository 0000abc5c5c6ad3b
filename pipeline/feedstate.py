"""Per-feed polling state and health, kept in Elasticsearch (``{prefix}-feeds``).

One document per feed URL (id = sha256 of the URL).  It carries what
conditional requests need (ETag, Last-Modified, hash of the last body), when
the feed is due next, and how healthy it is.  Workers keep nothing: any worker
loads the state, polls, and writes the new state back.

Policy, in one place:

* Interval adapts to how often a feed yields new items, between
  ``poll_interval_minutes / 2`` (at least 5 min) and 8× that (at most 6 h):
  a poll with new items halves it, an empty poll grows it by half.  ±10 %
  jitter spreads feeds of one host apart.
* ``Retry-After`` is honoured, capped at 6 h.
* Failures weigh by kind: hard ones (4xx, 401/403, bot challenges, DNS, TLS,
  blocked address, bad scheme) 3, malformed feeds 2, 5xx 2, timeouts,
  connection errors and 429s 1.  The score resets on success.  Score ≥ 6 →
  ``failing`` (exponential back-off); ≥ 15 → ``disabled``, retried once a
  day, never silently dead.  A feed that has never succeeded is ``failing``
  from its first failure (``never_succeeded`` says so): it was never ``ok``.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from elasticsearch import Elasticsearch
from pydantic import BaseModel, Field

from pipeline.config import Settings, get_settings

Status = Literal["new", "ok", "failing", "disabled"]

FAILURE_WEIGHTS: dict[str, float] = {
    "http_4xx": 3.0,
    "forbidden": 3.0,
    "blocked_challenge": 3.0,
    "dns": 3.0,
    "tls": 3.0,
    "blocked_address": 3.0,
    "bad_scheme": 3.0,
    "robots_disallowed": 3.0,
    "too_many_redirects": 2.0,
    "redirect_loop": 2.0,
    "bad_feed": 2.0,
    "too_large": 2.0,
    "http_5xx": 2.0,
    "timeout": 1.0,
    "connect": 1.0,
    "http_429": 1.0,
    "robots_unavailable": 1.0,
}
FAILING_SCORE = 6.0
DISABLED_SCORE = 15.0
MAX_RETRY_AFTER = timedelta(hours=6)
DISABLED_RETRY = timedelta(hours=24)


def feed_doc_id(feed_url: str) -> str:
    return hashlib.sha256(feed_url.encode("utf-8")).hexdigest()


class FeedState(BaseModel):
    source_id: str
    feed_url: str
    kind: str = "rss"
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_polled: datetime | None = None
    last_success: datetime | None = None
    last_new_item: datetime | None = None
    next_poll: datetime | None = None
    interval_minutes: float | None = None
    consecutive_failures: int = 0
    failure_score: float = 0.0
    status: Status = "new"
    last_error: str | None = None
    last_error_kind: str | None = None
    new_items: int = 0
    recent_new: list[tuple[str, int]] = Field(default_factory=list)
    # New entries were handed to processing and the run has not confirmed them yet:
    # the next poll fetches the full feed (no conditional request, no hash short-cut),
    # so a run that died after polling loses nothing.
    pending: bool = False
    # polled at least once and never answered with a usable feed
    never_succeeded: bool = False
    first_polled: datetime | None = None
    # the date of the newest entry the feed listed at its last successful poll
    newest_entry: datetime | None = None
    # the way's place in its source's ordered ways in (0 = primary), how many ways the source has,
    # and whether the source is on this way now (written by pipeline.routing at the end of a run)
    position: int | None = None
    ways: int | None = None
    active: bool | None = None

    def is_due(self, now: datetime | None = None) -> bool:
        now = now or datetime.now(UTC)
        return self.next_poll is None or self.next_poll <= now

    def new_in_last(self, hours: float = 24, now: datetime | None = None) -> int:
        now = now or datetime.now(UTC)
        cutoff = now - timedelta(hours=hours)
        return sum(n for ts, n in self.recent_new if datetime.fromisoformat(ts) >= cutoff)

    def conditional_headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.pending:
            return headers
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def _bounds(base_minutes: float) -> tuple[float, float]:
    low = max(5.0, base_minutes / 2)
    return low, max(low, min(base_minutes * 8, 360.0))


def _jitter(minutes: float, rng: random.Random | None = None) -> timedelta:
    r = (rng or random).uniform(0.9, 1.1)
    return timedelta(minutes=minutes * r)


def after_success(
    state: FeedState,
    *,
    base_minutes: float,
    new_items: int,
    changed: bool,
    etag: str | None = None,
    last_modified: str | None = None,
    body_hash: str | None = None,
    newest_entry: datetime | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> FeedState:
    now = now or datetime.now(UTC)
    low, high = _bounds(base_minutes)
    interval = state.interval_minutes or base_minutes
    interval = interval / 2 if new_items > 0 else interval * 1.5
    interval = min(high, max(low, interval))
    s = state.model_copy(deep=True)
    s.last_polled = s.last_success = now
    s.first_polled = s.first_polled or now
    s.never_succeeded = False
    if newest_entry is not None:
        s.newest_entry = newest_entry
    if new_items:
        s.last_new_item = now
    s.new_items = new_items
    cutoff = now - timedelta(hours=48)
    s.recent_new = [(ts, n) for ts, n in s.recent_new if datetime.fromisoformat(ts) >= cutoff]
    if new_items:
        s.recent_new.append((now.isoformat(), new_items))
    if changed:
        s.etag, s.last_modified = etag or s.etag, last_modified or s.last_modified
        s.body_hash = body_hash or s.body_hash
    s.interval_minutes = round(interval, 2)
    s.next_poll = now + _jitter(interval, rng)
    s.consecutive_failures = 0
    s.failure_score = 0.0
    s.status = "ok"
    s.last_error = s.last_error_kind = None
    s.pending = bool(new_items)
    return s


def after_failure(
    state: FeedState,
    *,
    base_minutes: float,
    kind: str,
    error: str,
    retry_after: float | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> FeedState:
    now = now or datetime.now(UTC)
    low, high = _bounds(base_minutes)
    s = state.model_copy(deep=True)
    s.last_polled = now
    s.first_polled = s.first_polled or now
    s.never_succeeded = s.last_success is None
    s.new_items = 0
    s.consecutive_failures += 1
    s.failure_score = round(s.failure_score + FAILURE_WEIGHTS.get(kind, 1.0), 2)
    s.last_error, s.last_error_kind = error[:1000], kind
    if s.failure_score >= DISABLED_SCORE:
        s.status = "disabled"
        wait = DISABLED_RETRY
    else:
        failing = s.failure_score >= FAILING_SCORE or s.never_succeeded
        s.status = "failing" if failing else s.status if s.status != "new" else "ok"
        backoff = min(high * 4, (s.interval_minutes or base_minutes) * 2 ** min(s.consecutive_failures - 1, 6))
        wait = _jitter(max(low, backoff), rng)
    if retry_after is not None:
        wait = max(wait, min(timedelta(seconds=retry_after), MAX_RETRY_AFTER))
    s.next_poll = now + wait
    return s


def load_states(es: Elasticsearch, feed_urls: list[str], settings: Settings | None = None) -> dict[str, FeedState]:
    s = settings or get_settings()
    if not feed_urls:
        return {}
    resp = es.options(ignore_status=404).mget(index=s.feeds_index, ids=[feed_doc_id(u) for u in feed_urls])
    out: dict[str, FeedState] = {}
    for doc in resp.get("docs", []):
        if doc.get("found"):
            st = FeedState.model_validate(doc["_source"])
            out[st.feed_url] = st
    return out


def save_state(es: Elasticsearch, state: FeedState, settings: Settings | None = None) -> None:
    s = settings or get_settings()
    doc: dict[str, Any] = state.model_dump(mode="json")
    es.index(index=s.feeds_index, id=feed_doc_id(state.feed_url), document=doc)


def confirm(es: Elasticsearch, feed_urls: list[str], settings: Settings | None = None) -> None:
    """The run processed these feeds' new entries: clear their ``pending`` mark."""
    s = settings or get_settings()
    for url, state in load_states(es, feed_urls, s).items():
        if state.pending:
            es.update(index=s.feeds_index, id=feed_doc_id(url), doc={"pending": False})


def all_states(es: Elasticsearch, settings: Settings | None = None) -> list[FeedState]:
    s = settings or get_settings()
    if not es.indices.exists(index=s.feeds_index):
        return []
    es.indices.refresh(index=s.feeds_index)
    resp = es.search(index=s.feeds_index, size=1000, query={"match_all": {}})
    return [FeedState.model_validate(h["_source"]) for h in resp["hits"]["hits"]]
