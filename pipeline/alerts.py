"""Alert evaluation: which stories each watchlist must be told about, into the outbox.

For every enabled watchlist, one search (all watchlists in one ``msearch``)
finds the articles that match its query and were **first seen** (``fetched_at``:
the first fetch; archive re-processing keeps the archived fetch time) since its
checkpoint, less ``alert_lateness_minutes`` (a page fetched before the last
evaluation may become searchable only after it), collapsed on ``cluster_id``:
one hit per **story**. Backfills do not flood: an article published (else first
fetched) before the watchlist was created, or more than ``alert_max_age_hours``
ago, never alerts.

A story not yet alerted for the watchlist gives step 0 (a new story). A story
already alerted gives a follow-up when it is carried by
``alert_followup_outlets`` more outlets (distinct ``source_id``) than at its
first alert: step ``k`` = ⌊(outlets − outlets at step 0) / that⌋, at most
``alert_max_followups``; only a step above the highest one sent counts, so a
story that jumps by six outlets in one run gets one follow-up, not three.
Growth is looked for among all new copies of the stories alerted within
``alert_max_age_hours``, whether or not the copy itself matches the words.

Each decision becomes one outbox document per channel in ``{prefix}-alerts``,
id ``watchlist:story:step:channel``, written with ``create`` (an existing id is
a 409, not an overwrite). So a retried task, a re-run DAG or two evaluations at
once never make a second alert for the same step, and the overlap of the
lateness window is harmless. The checkpoint moves only after every document was
written. A story whose cluster was merged into another after its alert (two runs
indexed copies at the same moment; ``pipeline.dedup.reconcile``) keeps its
first story id: the outbox remembers the article ids of each alert.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

from pipeline import watchlists as wl
from pipeline.config import Settings, get_settings
from pipeline.index import get_client

log = logging.getLogger(__name__)

MARK_PRE, MARK_POST = "\ue000", "\ue001"  # highlight markers (private use: never in article text)
_ARTICLE_FIELDS = ["title", "source_id", "source_name", "published_at", "fetched_at", "canonical_url", "cluster_id",
                   "cluster_size", "persons", "places", "topics"]
MAX_MEMBERS = 100  # article ids remembered per alert


@dataclass
class Story:
    """One story (cluster) as an evaluation sees it."""

    id: str
    article_id: str = ""
    title: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    published_at: str | None = None
    first_seen_at: str | None = None
    url: str | None = None
    snippets: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)  # names, first publisher first
    outlet_ids: list[str] = field(default_factory=list)
    articles: int = 0
    member_ids: list[str] = field(default_factory=list)


@dataclass
class Chain:
    """What the outbox holds for one (watchlist, story): its first alert's outlets and the highest step."""

    story_id: str
    base_outlets: int
    base_outlets_names: list[str]
    max_step: int
    snippets: list[str]


@dataclass
class Evaluation:
    started_at: str
    watchlists: int = 0
    matched_stories: int = 0  # distinct (watchlist, story) pairs matched in the window
    new_alerts: int = 0  # (watchlist, story, step) decisions created in the outbox
    followups: int = 0
    already: int = 0  # decisions whose documents existed (re-run, overlap)
    documents: int = 0  # outbox documents created (one per channel)
    es_ms: int = 0  # Elasticsearch time ("took") of the evaluation's requests, one after the other
    per_watchlist: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


# -- the searches --------------------------------------------------------------------------------
def published_floor(floor: datetime) -> dict[str, Any]:
    """Published at or after ``floor``; an article without a publication date by its first fetch."""
    return {"bool": {"minimum_should_match": 1, "should": [
        {"range": {"published_at": {"gte": _iso(floor)}}},
        {"bool": {"must_not": [{"exists": {"field": "published_at"}}],
                  "filter": [{"range": {"fetched_at": {"gte": _iso(floor)}}}]}},
    ]}}


def window(w: wl.Watchlist, now: datetime, settings: Settings) -> tuple[datetime, datetime]:
    """(first seen since, published since) of the watchlist's next evaluation."""
    created = w.created_at or now
    since = created
    if w.checkpoint is not None:
        since = max(created, w.checkpoint - timedelta(minutes=settings.alert_lateness_minutes))
    floor = max(created, now - timedelta(hours=settings.alert_max_age_hours))
    return since, floor


HIGHLIGHT = {
    "type": "unified", "boundary_scanner": "sentence", "fragment_size": 200, "number_of_fragments": 2,
    "pre_tags": [MARK_PRE], "post_tags": [MARK_POST], "require_field_match": False,
    "fields": {"body": {}, "body.exact": {}},
}


def highlight_body(w: wl.Watchlist) -> dict[str, Any]:
    """Snippets of the body around what the watchlist asked for (its words, or the names it filters on)."""
    hq = wl.highlight_query(w)
    return HIGHLIGHT | ({"highlight_query": hq} if hq is not None else {})


def stories_body(query: dict[str, Any], *, size: int, highlight: dict[str, Any] | None = None) -> dict[str, Any]:
    """A search of one hit per story (the earliest published matching copy), with ``highlight`` if given."""
    body: dict[str, Any] = {
        "query": query,
        "size": size,
        "collapse": {"field": "cluster_id"},
        "sort": [{"published_at": {"order": "asc", "missing": "_last"}}, {"fetched_at": {"order": "asc"}}],
        "_source": _ARTICLE_FIELDS,
        "track_total_hits": False,
    }
    if highlight is not None:
        body["highlight"] = highlight
    return body


def _highlight(es: Elasticsearch, s: Settings, decisions: list[Decision], ev: Evaluation) -> None:
    """Snippets for the new stories about to be alerted (only those: a watchlist re-matches the stories of
    its lateness window at every run, and highlighting is most of a search's cost)."""
    by_list: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        if d.story.article_id:
            by_list[d.watchlist.name].append(d)
    if not by_list:
        return
    searches: list[dict[str, Any]] = []
    order = list(by_list.values())
    for ds in order:
        w = ds[0].watchlist
        ids = [d.story.article_id for d in ds]
        searches += [{"index": s.articles_alias}, {
            "query": {"bool": {"must": [wl.to_query(w)], "filter": [{"ids": {"values": ids}}]}},
            "size": len(ids), "_source": False, "highlight": highlight_body(w)}]
    resp = es.msearch(searches=searches)
    ev.es_ms += int(resp.get("took") or max((int(r.get("took", 0)) for r in resp["responses"]), default=0))
    for ds, r in zip(order, resp["responses"], strict=True):
        found = {h["_id"]: h.get("highlight") or {} for h in r.get("hits", {}).get("hits", [])}
        for d in ds:
            hl = found.get(d.story.article_id, {})
            d.story.snippets = [" ".join(x.split()) for x in (hl.get("body") or hl.get("body.exact") or [])[:2]]


def story_from_hit(hit: dict[str, Any]) -> Story:
    src = hit.get("_source") or {}
    hl = hit.get("highlight") or {}
    snippets = hl.get("body") or hl.get("body.exact") or []
    return Story(
        id=str(src.get("cluster_id") or hit["_id"]), article_id=hit["_id"], title=src.get("title"),
        source_id=src.get("source_id"), source_name=src.get("source_name"), published_at=src.get("published_at"),
        first_seen_at=src.get("fetched_at"), url=src.get("canonical_url"),
        snippets=[" ".join(s.split()) for s in snippets[:2]], persons=src.get("persons") or [],
        places=src.get("places") or [], topics=src.get("topics") or [],
    )


def match_query(w: wl.Watchlist, since: datetime, floor: datetime) -> dict[str, Any]:
    q = wl.to_query(w)
    q["bool"]["filter"] = [*q["bool"]["filter"], {"range": {"fetched_at": {"gte": _iso(since)}}},
                           published_floor(floor)]
    return q


def _story_stats(es: Elasticsearch, s: Settings, ids: list[str], ev: Evaluation) -> dict[str, dict[str, Any]]:
    """Per story: its outlets (first publisher first), article count, member ids and the lead's fields."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 1000):
        part = ids[i : i + 1000]
        resp = es.search(index=s.articles_alias, size=0, query={"terms": {"cluster_id": part}}, aggs={
            "stories": {"terms": {"field": "cluster_id", "size": len(part)}, "aggs": {
                "outlets": {"terms": {"field": "source_id", "size": 200}, "aggs": {
                    "first": {"min": {"field": "published_at"}},
                    "name": {"top_hits": {"size": 1, "_source": ["source_name"]}}}},
                "members": {"top_hits": {"size": MAX_MEMBERS, "_source": False,
                                         "sort": [{"published_at": {"order": "asc", "missing": "_last"}}]}},
                "lead": {"top_hits": {"size": 1, "_source": _ARTICLE_FIELDS,
                                      "sort": [{"is_cluster_lead": "desc"},
                                               {"published_at": {"order": "asc", "missing": "_last"}}]}},
            }}})
        ev.es_ms += int(resp.get("took", 0))
        for b in resp["aggregations"]["stories"]["buckets"]:
            outlets = sorted(b["outlets"]["buckets"],
                             key=lambda o: (o["first"]["value"] is None, o["first"]["value"] or 0, o["key"]))
            names = []
            for o in outlets:
                hits = o["name"]["hits"]["hits"]
                names.append((hits[0]["_source"].get("source_name") if hits else None) or o["key"])
            lead = b["lead"]["hits"]["hits"]
            out[b["key"]] = {
                "outlet_ids": [o["key"] for o in outlets], "outlets": names, "articles": b["doc_count"],
                "members": [h["_id"] for h in b["members"]["hits"]["hits"]],
                "lead": lead[0] if lead else None,
            }
    return out


def _chains(es: Elasticsearch, s: Settings, story_ids: list[str], ev: Evaluation) -> dict[tuple[str, str], Chain]:
    """What the outbox holds for these stories, by (watchlist, story id): the highest step, and the
    outlets of step 0."""
    chains: dict[tuple[str, str], Chain] = {}
    for i in range(0, len(story_ids), 1000):
        part = story_ids[i : i + 1000]
        try:
            resp = es.search(index=s.alerts_index, size=0, query={"terms": {"story_id": part}}, aggs={
                "stories": {"terms": {"field": "story_id", "size": len(part)}, "aggs": {
                    "watchlists": {"terms": {"field": "watchlist", "size": 1000}, "aggs": {
                        "max_step": {"max": {"field": "step"}},
                        "first": {"filter": {"term": {"step": 0}}, "aggs": {"doc": {"top_hits": {
                            "size": 1, "_source": ["outlets_count", "outlets", "snippets"]}}}},
                    }}}}})
        except NotFoundError:
            return chains
        ev.es_ms += int(resp.get("took", 0))
        for b in resp["aggregations"]["stories"]["buckets"]:
            for wb in b["watchlists"]["buckets"]:
                first = wb["first"]["doc"]["hits"]["hits"]
                src = first[0]["_source"] if first else {}
                chains[(wb["key"], b["key"])] = Chain(
                    story_id=b["key"], base_outlets=int(src.get("outlets_count") or 1),
                    base_outlets_names=list(src.get("outlets") or []),
                    max_step=int(wb["max_step"]["value"] or 0), snippets=list(src.get("snippets") or []))
    return chains


def _renamed(es: Elasticsearch, s: Settings, member_ids: list[str], ev: Evaluation) -> dict[tuple[str, str], str]:
    """(watchlist, article id) → the story id an earlier alert gave that article, for articles now in a
    story of another id (clusters merged after the alert)."""
    out: dict[tuple[str, str], str] = {}
    wanted = set(member_ids)
    for i in range(0, len(member_ids), 10_000):
        try:
            resp = es.search(index=s.alerts_index, size=1000,
                             query={"terms": {"article_ids": member_ids[i : i + 10_000]}},
                             source_includes=["watchlist", "story_id", "article_ids"], sort=[{"created_at": "asc"}])
        except NotFoundError:
            return out
        ev.es_ms += int(resp.get("took", 0))
        for h in resp["hits"]["hits"]:
            d = h["_source"]
            for aid in d.get("article_ids") or []:
                if aid in wanted:
                    out.setdefault((d["watchlist"], aid), d["story_id"])
    return out


def _grown(es: Elasticsearch, s: Settings, since: datetime, floor: datetime, now: datetime,
           ev: Evaluation) -> dict[str, set[str]]:
    """Watchlist → stories it was alerted about recently that have new copies first seen since ``since``."""
    try:
        resp = es.search(index=s.alerts_index, size=0,
                         query={"range": {"created_at": {"gte": _iso(now - timedelta(hours=s.alert_max_age_hours))}}},
                         aggs={"stories": {"terms": {"field": "story_id", "size": 10_000},
                                           "aggs": {"watchlists": {"terms": {"field": "watchlist", "size": 1000}}}}})
    except NotFoundError:
        return {}
    ev.es_ms += int(resp.get("took", 0))
    open_stories: dict[str, set[str]] = {b["key"]: {w["key"] for w in b["watchlists"]["buckets"]}
                                         for b in resp["aggregations"]["stories"]["buckets"]}
    if not open_stories:
        return {}
    resp = es.search(index=s.articles_alias, size=0, query={"bool": {"filter": [
        {"terms": {"cluster_id": sorted(open_stories)}}, {"range": {"fetched_at": {"gte": _iso(since)}}},
        published_floor(floor)]}},
        aggs={"stories": {"terms": {"field": "cluster_id", "size": len(open_stories)}}})
    ev.es_ms += int(resp.get("took", 0))
    out: dict[str, set[str]] = defaultdict(set)
    for b in resp["aggregations"]["stories"]["buckets"]:
        for name in open_stories.get(b["key"], ()):
            out[name].add(b["key"])
    return out


# -- decisions -----------------------------------------------------------------------------------
@dataclass
class Decision:
    watchlist: wl.Watchlist
    story: Story
    step: int
    story_key: str  # the story id of the chain (the first alert's), normally story.id
    base_outlets: int
    base_outlets_names: list[str] = field(default_factory=list)
    snippets: list[str] = field(default_factory=list)  # a follow-up found by growth alone repeats step 0's

    @property
    def alert_key(self) -> str:
        return f"{self.watchlist.name}:{self.story_key}:{self.step}"


def decide(w: wl.Watchlist, story: Story, chain: Chain | None, settings: Settings) -> Decision | None:
    """Step 0 for a story never alerted; a follow-up step when it grew by a step's outlets; else None."""
    n = len(story.outlet_ids) or 1
    if chain is None:
        return Decision(w, story, 0, story.id, n, story.outlets)
    if not w.followups:
        return None
    step = min((n - chain.base_outlets) // max(settings.alert_followup_outlets, 1), settings.alert_max_followups)
    if step >= 1 and step > chain.max_step:
        return Decision(w, story, step, chain.story_id, chain.base_outlets, chain.base_outlets_names,
                        chain.snippets)
    return None


def outbox_documents(d: Decision, now: datetime, run_id: str | None) -> list[tuple[str, dict[str, Any]]]:
    st = d.story
    base = {
        "alert_key": d.alert_key, "watchlist": d.watchlist.name, "story_id": d.story_key, "step": d.step,
        "kind": "new" if d.step == 0 else "followup", "status": "pending", "attempts": 0,
        "created_at": _iso(now), "next_attempt_at": _iso(now),
        "title": st.title, "article_id": st.article_id, "source_id": st.source_id, "source_name": st.source_name,
        "url": st.url, "published_at": st.published_at, "first_seen_at": st.first_seen_at,
        "snippets": st.snippets or d.snippets, "outlets": st.outlets, "outlets_count": len(st.outlet_ids) or 1,
        "base_outlets": d.base_outlets, "articles_count": st.articles, "article_ids": st.member_ids[:MAX_MEMBERS],
        "new_outlets": [name for name in st.outlets if d.step and name not in set(d.base_outlets_names)],
        "persons": st.persons, "places": st.places, "topics": st.topics, "run_id": run_id,
    }
    docs = []
    for key, ch in d.watchlist.channel_map().items():
        doc = {k: v for k, v in base.items() if v not in (None, [])} | {"channel": key, "channel_type": ch.type}
        docs.append((f"{d.alert_key}:{key}", doc))
    return docs


def _create(es: Elasticsearch, s: Settings, docs: list[tuple[str, dict[str, Any]]]) -> tuple[set[str], int]:
    """Create-only writes; returns (ids that already existed, ids created). Other failures raise."""
    existed: set[str] = set()
    created = 0
    failures = []
    actions = ({"_op_type": "create", "_index": s.alerts_index, "_id": i, "_source": d} for i, d in docs)
    for ok, item in streaming_bulk(es, actions, raise_on_error=False, max_retries=s.bulk_max_retries):
        info = item.get("create", {})
        if ok:
            created += 1
        elif info.get("status") == 409:
            existed.add(str(info.get("_id")))
        else:
            failures.append(info)
    if failures:
        raise RuntimeError(f"{len(failures)} outbox writes failed (checkpoints not moved), first: {failures[0]}")
    es.indices.refresh(index=s.alerts_index)
    return existed, created


def evaluate(*, es: Elasticsearch | None = None, settings: Settings | None = None, now: datetime | None = None,
             run_id: str | None = None, names: list[str] | None = None) -> Evaluation:
    """Evaluate every enabled watchlist (or ``names``) once; write the outbox; move the checkpoints."""
    s = settings or get_settings()
    es = es or get_client(s)
    now = now or datetime.now(UTC)
    ev = Evaluation(started_at=_iso(now))
    lists = [w for w in wl.listing(es, s, enabled_only=True) if not names or w.name in names]
    ev.watchlists = len(lists)
    if not lists:
        return ev
    es.indices.refresh(index=s.articles_alias)
    windows = {w.name: window(w, now, s) for w in lists}
    searches: list[dict[str, Any]] = []
    for w in lists:
        since, floor = windows[w.name]
        searches += [{"index": s.articles_alias}, stories_body(match_query(w, since, floor), size=s.alert_max_stories)]
    resp = es.msearch(searches=searches)
    # the searches of an msearch run side by side: its own took, not the sum of theirs, is the time spent
    ev.es_ms += int(resp.get("took") or max((int(r.get("took", 0)) for r in resp["responses"]), default=0))
    matched: dict[str, list[Story]] = {}
    for w, r in zip(lists, resp["responses"], strict=True):
        if "error" in r:
            raise RuntimeError(f"watchlist {w.name}: search failed: {r['error']}")
        matched[w.name] = [story_from_hit(h) for h in r["hits"]["hits"]]
        ev.per_watchlist[w.name] = {"es_ms": int(r.get("took", 0)), "matched": len(matched[w.name])}
        if len(matched[w.name]) >= s.alert_max_stories:
            ev.warnings.append(f"watchlist {w.name}: {s.alert_max_stories}+ stories in one evaluation (only the "
                               "earliest are alerted now); narrow its query or use digest mode")
    ev.matched_stories = sum(len(v) for v in matched.values())
    es.options(ignore_status=404).indices.refresh(index=s.alerts_index)
    grown = _grown(es, s, min(since for since, _ in windows.values()),
                   now - timedelta(hours=s.alert_max_age_hours), now, ev)

    candidates: dict[str, dict[str, Story]] = {w.name: {st.id: st for st in matched[w.name]} for w in lists}
    for name, ids in grown.items():
        for sid in ids:
            if name in candidates:
                candidates[name].setdefault(sid, Story(id=sid))
    all_ids = sorted({sid for c in candidates.values() for sid in c})
    chains = _chains(es, s, all_ids, ev)
    # a story alerted before can only give a follow-up if new copies came: statistics for the others only
    for name, c in candidates.items():
        for sid in list(c):
            if (name, sid) in chains and sid not in grown.get(name, ()):
                del c[sid]
    stats = _story_stats(es, s, sorted({sid for c in candidates.values() for sid in c}), ev)
    for c in candidates.values():
        for sid, st in list(c.items()):
            info = stats.get(sid)
            if info is None:  # the cluster was merged away since: its new id is a candidate too, or later
                del c[sid]
                continue
            _complete(st, info)
    # stories never alerted under their id: were their articles alerted under another (a merged cluster)?
    members = sorted({m for name, c in candidates.items() for st in c.values() if (name, st.id) not in chains
                      for m in st.member_ids})
    renamed = _renamed(es, s, members, ev) if members else {}
    old_ids = sorted(set(renamed.values()) - set(all_ids))
    if old_ids:
        chains.update(_chains(es, s, old_ids, ev))

    decisions: list[Decision] = []
    for w in lists:
        matched_ids = {m.id for m in matched[w.name]}
        for st in candidates[w.name].values():
            chain = chains.get((w.name, st.id))
            if chain is None:  # a story renamed by a merge: continue the chain of its first id
                old = next((renamed[(w.name, m)] for m in st.member_ids if (w.name, m) in renamed), None)
                chain = chains.get((w.name, old)) if old else None
            if chain is None and st.id not in matched_ids:
                continue
            d = decide(w, st, chain, s)
            if d is not None:
                decisions.append(d)
    _highlight(es, s, [d for d in decisions if d.step == 0], ev)
    docs = [doc for d in decisions for doc in outbox_documents(d, now, run_id)]
    existed, ev.documents = _create(es, s, docs) if docs else (set(), 0)
    for d in decisions:
        keys = {f"{d.alert_key}:{k}" for k in d.watchlist.channel_map()}
        per = ev.per_watchlist[d.watchlist.name]
        if keys <= existed:
            ev.already += 1
            per["already"] = per.get("already", 0) + 1
        elif d.step == 0:
            ev.new_alerts += 1
            per["new"] = per.get("new", 0) + 1
        else:
            ev.followups += 1
            per["followups"] = per.get("followups", 0) + 1
    wl.set_checkpoints(es, now, {w.name: len(matched[w.name]) for w in lists}, s)
    for msg in ev.warnings:
        log.warning(msg)
    return ev


def _complete(st: Story, info: dict[str, Any]) -> None:
    st.outlets, st.outlet_ids = info["outlets"], info["outlet_ids"]
    st.articles, st.member_ids = info["articles"], info["members"]
    lead = info.get("lead")
    if not st.article_id and lead:  # a story found by its growth alone: show its lead
        grown = story_from_hit(lead)
        grown.outlets, grown.outlet_ids, grown.articles, grown.member_ids = (st.outlets, st.outlet_ids, st.articles,
                                                                              st.member_ids)
        st.__dict__.update(grown.__dict__)


def preview(w: wl.Watchlist, *, days: float, es: Elasticsearch | None = None, settings: Settings | None = None,
            size: int = 20, now: datetime | None = None) -> tuple[list[Story], int]:
    """What ``w`` would have matched among the articles first seen in the last ``days`` (no notification,
    no checkpoint): up to ``size`` stories, earliest first, and the number of stories in all."""
    s = settings or get_settings()
    es = es or get_client(s)
    now = now or datetime.now(UTC)
    since = now - timedelta(days=days)
    query = match_query(w, since, since)
    body = stories_body(query, size=size, highlight=highlight_body(w))
    body["aggs"] = {"stories": {"cardinality": {"field": "cluster_id"}}}
    resp = es.search(index=s.articles_alias, body=body)
    stories = [story_from_hit(h) for h in resp["hits"]["hits"]]
    stats = _story_stats(es, s, [st.id for st in stories], Evaluation(started_at=_iso(now)))
    for st in stories:
        if st.id in stats:
            _complete(st, stats[st.id])
    return stories, int(resp["aggregations"]["stories"]["value"])


def run_evaluation(run_id: str | None = None) -> dict[str, Any]:
    """The DAG's ``evaluate`` task: install the indices if needed, evaluate, return the counts.
    (Imports nothing of the ingest stack: an Airflow task process starts in a second.)"""
    from dataclasses import asdict

    from pipeline.index import ensure_indices

    s = get_settings()
    es = get_client(s)
    ensure_indices(es, s)
    return asdict(evaluate(es=es, settings=s, run_id=run_id))
