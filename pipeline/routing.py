"""Which way into each source to use now, and how healthy each source is.

A source of the registry lists its ways in, in order: its own feeds, then its sitemap, then
a Google News ``site:`` search. From the stored state of each way (``pipeline.feedstate``)
:func:`route` decides, with nothing kept on a worker:

* a way is **down** when its last poll failed and it is ``failing`` or ``disabled``, has never
  succeeded, or failed in a way that will not pass by itself (401/403, a bot challenge, a
  4xx such as a moved feed, robots.txt disallowing it, a refused address). One timeout of a
  way that works does not count;
* the source is on the first way that is not down (``primary`` when that is the first one,
  ``fallback`` otherwise); ``down`` when every way is down, ``never`` when no way has ever
  worked; ``silent`` when a way works but no new item came for ``silent_after_hours``;
* the ways above the one in use are tried again when their own back-off is over, at most
  every ``fallback_probe_minutes``, and the first of them that answers takes over again.

:func:`plan` turns that into the ways a poll task tries now (``pipeline.poll.poll_source``
walks them, and falls through to the next way when the one in use goes down during the
poll). :func:`record_routes` writes one document per source to ``{prefix}-sources`` (the
health dashboard) and marks each way's position and whether it is in use in
``{prefix}-feeds``. :func:`outage` says when a run must end as failed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from pipeline import feedstate
from pipeline.config import Settings, get_settings
from pipeline.feedstate import FeedState, feed_doc_id
from pipeline.models import FeedSpec, Source

# failures that move a source to its next way at once: they will not pass by waiting
IMMEDIATE = frozenset({"forbidden", "blocked_challenge", "http_4xx", "robots_disallowed", "blocked_address",
                       "bad_scheme"})
NETWORK = frozenset({"dns", "connect", "tls", "timeout"})
SEVERITY = {"new": 0, "primary": 0, "fallback": 1, "down": 2, "never": 2, "silent": 2, "disabled": -1}
KIND_SHORT = {"google-news": "gnews"}


@dataclass
class WayView:
    position: int
    url: str
    kind: str
    state: FeedState | None
    usable: bool
    label: str  # untried | ok | blip | failing | disabled | never succeeded | <immediate kind>
    reason: str = ""


@dataclass
class Route:
    source_id: str
    source_name: str
    enabled: bool
    state: str
    active: int | None
    ways: list[WayView] = field(default_factory=list)
    reason: str = ""
    last_success: datetime | None = None
    last_new_item: datetime | None = None

    @property
    def severity(self) -> int:
        return SEVERITY[self.state]

    @property
    def way(self) -> WayView | None:
        return self.ways[self.active] if self.active is not None else None

    @property
    def brief(self) -> str:
        """``reason`` in a few words (a narrow terminal): the failing ways' kinds, or the silence."""
        if self.state in {"fallback", "down", "never"}:
            top = self.active if self.active is not None else len(self.ways)
            by_kind: dict[str, list[str]] = {}
            for w in self.ways[:top]:
                kind = w.state.last_error_kind if w.state and w.state.last_error_kind else w.label
                by_kind.setdefault(kind, []).append(f"{KIND_SHORT.get(w.kind, w.kind)}{w.position + 1}")
            return "; ".join(f"{kind}: {' '.join(ways)}" for kind, ways in by_kind.items())
        return self.reason


def short_error(state: FeedState, limit: int = 90) -> str:
    text = " ".join((state.last_error or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def way_view(position: int, spec: FeedSpec, state: FeedState | None) -> WayView:
    """One way's health for routing (see the module docstring)."""
    if state is None or state.last_polled is None:
        usable, label, reason = True, "untried", ""
    elif state.consecutive_failures == 0:
        usable, label, reason = True, "ok", ""
    else:
        kind = state.last_error_kind or "error"
        reason = f"{kind}: {short_error(state)}"
        usable = False
        if state.status == "disabled":
            label = "disabled"
        elif state.never_succeeded or state.last_success is None:
            label = "never succeeded"
        elif state.status == "failing":
            label = "failing"
        elif kind in IMMEDIATE:
            label = kind
        else:
            usable, label = True, "blip"  # one failure of a way that works
    return WayView(position=position, url=spec.url, kind=spec.kind, state=state, usable=usable, label=label,
                   reason=reason)


def _latest(values: list[datetime | None]) -> datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def route(source: Source, states: dict[str, FeedState], now: datetime | None = None) -> Route:
    """Where ``source`` stands: the way in use, its state and why."""
    now = now or datetime.now(UTC)
    ways = [way_view(i, spec, states.get(spec.url)) for i, spec in enumerate(source.feeds)]
    polled = [w.state for w in ways if w.state is not None]
    r = Route(source_id=source.id, source_name=source.name, enabled=source.enabled, state="primary", active=None,
              ways=ways, last_success=_latest([s.last_success for s in polled]),
              last_new_item=_latest([s.last_new_item for s in polled]))
    if not source.enabled:
        r.state, r.reason = "disabled", "disabled in the registry" + (f": {source.notes}" if source.notes else "")
        return r
    r.active = next((w.position for w in ways if w.usable), None)
    down = [w for w in ways if not w.usable]
    if r.active is None:
        r.state = "never" if r.last_success is None else "down"
        r.reason = "; ".join(f"{w.kind} {w.position + 1}: {w.reason}" for w in down) or "no way in"
        return r
    if all(w.label == "untried" for w in ways):
        r.state, r.reason = "new", "not polled yet"
        return r
    if r.active > 0:
        r.state = "fallback"
        r.reason = "; ".join(f"{w.kind} {w.position + 1} {w.label} ({w.reason})" for w in ways[: r.active])
    since = r.last_new_item or _latest([s.first_polled for s in polled if s.last_success is not None])
    silent_for = now - since if since else None
    if silent_for is not None and silent_for > timedelta(hours=source.silent_after_hours):
        newest = _latest([s.newest_entry for s in polled])
        r.state = "silent"
        r.reason = (f"no new item for {silent_for.days} d {silent_for.seconds // 3600} h"
                    + (f"; newest entry listed: {newest:%Y-%m-%d}" if newest else "")
                    + (f"; on {r.ways[r.active].kind} {r.active + 1}" if r.active else ""))
    return r


def probe_due(state: FeedState | None, now: datetime, probe_minutes: float) -> bool:
    """Whether a way that is down may be tried again now: its own back-off is over, and it
    was last tried at least ``probe_minutes`` ago."""
    if state is None or state.last_polled is None:
        return True
    return state.is_due(now) and now - state.last_polled >= timedelta(minutes=probe_minutes)


def plan(
    source: Source, states: dict[str, FeedState], *, now: datetime | None = None, force: bool = False,
    settings: Settings | None = None,
) -> list[int]:
    """The ways to try now, in order: the down ways above the one in use whose retry is due,
    then the one in use if it is due. ``force``: all of them. Empty: nothing is due."""
    s = settings or get_settings()
    now = now or datetime.now(UTC)
    r = route(source, states, now)
    if not r.enabled:
        return []
    top = r.active if r.active is not None else len(r.ways)
    order = [w.position for w in r.ways[:top] if force or probe_due(w.state, now, s.fallback_probe_minutes)]
    if r.active is not None:
        st = r.ways[r.active].state
        if force or st is None or st.is_due(now):
            order.append(r.active)
    return order


def way_states(es: Elasticsearch, sources: list[Source], settings: Settings) -> dict[str, FeedState]:
    return feedstate.load_states(es, [f.url for src in sources for f in src.feeds], settings)


def source_doc(r: Route, *, now: datetime, run_id: str | None = None) -> dict[str, Any]:
    way = r.way
    primary = r.ways[0] if r.ways else None
    doc: dict[str, Any] = {
        "source_id": r.source_id, "source_name": r.source_name, "enabled": r.enabled, "state": r.state,
        "severity": r.severity, "ways": len(r.ways), "reason": r.reason[:2000] or None,
        "way": way.position + 1 if way else None, "way_kind": way.kind if way else None,
        "way_url": way.url if way else None,
        "primary_url": primary.url if primary else None,
        "primary_error_kind": primary.state.last_error_kind if primary and primary.state else None,
        "last_success": r.last_success.isoformat() if r.last_success else None,
        "last_new_item": r.last_new_item.isoformat() if r.last_new_item else None,
        "updated_at": now.isoformat(), "run_id": run_id,
    }
    return {k: v for k, v in doc.items() if v is not None}


def record_routes(
    es: Elasticsearch, sources: list[Source], settings: Settings | None = None, *, run_id: str | None = None,
    now: datetime | None = None,
) -> list[Route]:
    """Compute every source's route and store it: ``{prefix}-sources`` (one document per source)
    and, on each polled way in ``{prefix}-feeds``, its position and whether it is in use."""
    s = settings or get_settings()
    now = now or datetime.now(UTC)
    states = way_states(es, sources, s)
    routes = [route(src, states, now) for src in sources]
    actions: list[dict[str, Any]] = []
    for r in routes:
        actions.append({"_op_type": "index", "_index": s.sources_index, "_id": r.source_id,
                        "_source": source_doc(r, now=now, run_id=run_id)})
        for w in r.ways:
            if w.state is not None:
                actions.append({"_op_type": "update", "_index": s.feeds_index, "_id": feed_doc_id(w.url),
                                "doc": {"position": w.position, "ways": len(r.ways),
                                        "active": r.active == w.position}})
    for _ok, _item in streaming_bulk(es, actions, max_retries=s.bulk_max_retries, raise_on_error=False):
        pass
    es.indices.refresh(index=s.sources_index)
    return routes


def stored_routes(es: Elasticsearch, settings: Settings | None = None) -> dict[str, dict[str, Any]]:
    """The source documents of the last run, by source id."""
    s = settings or get_settings()
    if not es.indices.exists(index=s.sources_index):
        return {}
    resp = es.search(index=s.sources_index, size=1000, query={"match_all": {}})
    return {h["_id"]: h["_source"] for h in resp["hits"]["hits"]}


def outage(polls: list[dict[str, Any]], routes: list[Route]) -> str | None:
    """Why the run must end as failed, in one line, or None.

    A run fails when it polled sources and none of them answered on any way, unless every one
    of them was already known to be down before the run while other sources of the registry
    still work (a dead outlet whose retry came due alone is red in `feeds status`, not a
    failed run). Nothing answering at all (the network is gone) always fails."""
    tried = [p for p in polls if p.get("ways")]
    if not tried or any(p.get("status") != "failed" for p in tried):
        return None
    some_source_up = any(r.enabled and r.state in {"primary", "fallback", "silent"} for r in routes)
    if all(p.get("was_down") for p in tried) and some_source_up:
        return None
    kinds = Counter(w.get("error_kind") or "error" for p in tried for w in p["ways"])
    ways = sum(kinds.values())
    detail = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    hint = ": is the network down?" if sum(n for k, n in kinds.items() if k in NETWORK) * 2 > ways else ""
    return (f"run failed: all {len(tried)} sources polled failed on every way tried ({ways} ways: {detail})"
            f"{hint}")
