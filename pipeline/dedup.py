"""Deduplication: exact copies, title re-posts and near-duplicate clusters.

Three links between two articles, all decided here and stored on each document
(fields of ``data/index/articles.json``):

* exact: the same ``content_hash`` (sha256 of the normalized word sequence of
  the body, ``pipeline.normalize.normalize`` then ``\\w+`` words), any age;
* title re-post: the same ``title_hash`` (source id + normalized title words,
  at least ``MIN_TITLE_TOKENS`` words) published within ``TITLE_WINDOW``;
* near duplicate: MinHash (datasketch, ``NUM_PERM`` permutations, word
  ``SHINGLE_SIZE``-shingles of the normalized text) whose estimated Jaccard
  reaches ``THRESHOLD``, found through LSH band keys (``BANDS`` x ``ROWS``)
  stored as the keyword array ``minhash_bands`` (signature in ``minhash_sig``),
  within ``NEAR_WINDOW`` of publication.

Shingle size and threshold were chosen with ``bench/dedup.py`` (see
``docs/benchmarks.md`` and ``docs/decisions.md``, "Deduplication").

Clusters are stars around a lead: a new article that is an exact copy or a
title re-post joins its original's cluster (``duplicate_of`` = the original);
otherwise it joins the cluster of the earliest cluster lead it is a near
duplicate of, or leads a new cluster. So every near-duplicate member resembles
its lead, and template stories do not chain. The lead is the first copy
indexed: ``cluster_id`` is its id, it has ``is_cluster_lead``, and every member
carries ``cluster_size`` (a member count).

:func:`assign` runs before indexing: it clusters the batch with itself and with
the index and updates the existing members' ``cluster_size`` by partial bulk
updates (no scripts, no update-by-query: the minimal distribution has neither).
:func:`reconcile` runs after indexing: it refreshes and checks the batch again
against everything now searchable. Two runs that assigned copies of one story at
the same moment each made its copy a lead; the run whose bulk finished last
refreshes after both bulks, sees both leads, and merges the later-ranked one
(``published_at``, else ``indexed_at``; then id) into the earlier, so both runs
agree. The later lead need not be in that run's batch (the other run may have
indexed and reconciled it before this run's documents were searchable): the
later leads and later originals linked to the batch's documents are checked
with them. It repeats until a pass writes nothing.

Signatures, hashes and the in-memory clusterer of the benchmark are in
:mod:`pipeline.minhash` (re-exported here).
"""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk

from pipeline.config import Settings
from pipeline.minhash import (
    BANDS,
    MIN_TITLE_TOKENS,
    NUM_PERM,
    ROWS,
    SEED,
    SHINGLE_SIZE,
    THRESHOLD,
    BandIndex,
    MemoryClusterer,
    band_keys,
    content_hash,
    estimate_jaccard,
    features,
    lsh_params,
    minhash_values,
    shingles,
    signature,
    title_hash,
    tokens,
)
from pipeline.models import Article, Dedup

log = logging.getLogger(__name__)

__all__ = [
    "BANDS",
    "MIN_TITLE_TOKENS",
    "NUM_PERM",
    "ROWS",
    "SEED",
    "SHINGLE_SIZE",
    "THRESHOLD",
    "BandIndex",
    "DedupStats",
    "MemoryClusterer",
    "assign",
    "band_keys",
    "content_hash",
    "estimate_jaccard",
    "features",
    "lsh_params",
    "minhash_values",
    "reconcile",
    "shingles",
    "signature",
    "title_hash",
    "tokens",
]

TITLE_WINDOW = timedelta(days=7)
NEAR_WINDOW = timedelta(days=30)
MAX_GROUP = 10_000  # documents fetched per lookup (one page of the index's max_result_window)
RECONCILE_PASSES = 5
_MAX_TERMS = 60_000  # band keys per lookup query, under Elasticsearch's index.max_terms_count (65,536)

# ---------------------------------------------------------------------------------------------
# Elasticsearch: assign (before indexing) and reconcile (after indexing)

_FIELDS = ["source_id", "published_at", "indexed_at", "content_hash", "title_hash", "cluster_id",
           "cluster_size", "is_cluster_lead", "duplicate_of", "minhash_sig", "minhash_bands"]
_MEMBER_FIELDS = ["published_at", "indexed_at", "content_hash", "cluster_id", "cluster_size",
                  "is_cluster_lead", "duplicate_of"]
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


@dataclass
class DedupStats:
    """What :func:`assign` decided for the batch (one count per new article, strongest link first)."""

    exact: int = 0  # same body as an earlier article: duplicate_of it, same cluster
    title: int = 0  # same source and title within TITLE_WINDOW: duplicate_of it, same cluster
    near: int = 0  # near duplicate of a cluster lead: joins that cluster
    new_clusters: int = 0  # none of these: leads a new cluster
    existing: int = 0  # already indexed: stored dedup fields kept
    updated: int = 0  # indexed documents rewritten (cluster_size, cluster_id, is_cluster_lead)


@dataclass
class _Node:
    """One document as dedup sees it: indexed (``index`` set) or pending in the batch."""

    id: str
    index: str | None = None
    source_id: str | None = None
    published: datetime | None = None
    indexed: datetime | None = None
    content_hash: str | None = None
    title_hash: str | None = None
    sig: list[int] = field(default_factory=list)
    bands: list[str] = field(default_factory=list)
    cluster_id: str = ""
    cluster_size: int = 1
    is_lead: bool = True
    duplicate_of: str | None = None

    @property
    def when(self) -> datetime | None:
        return self.published or self.indexed

    @property
    def rank(self) -> tuple[datetime, str]:
        """Order of "earliest": publication (else indexing) time, then id."""
        return (self.when or _FAR_FUTURE, self.id)


def _parse_dt(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _node_from_hit(hit: dict[str, Any]) -> _Node:
    src = hit.get("_source") or {}
    return _Node(
        id=hit["_id"], index=hit.get("_index"), source_id=src.get("source_id"),
        published=_parse_dt(src.get("published_at")), indexed=_parse_dt(src.get("indexed_at")),
        content_hash=src.get("content_hash"), title_hash=src.get("title_hash"),
        sig=list(src.get("minhash_sig") or []), bands=list(src.get("minhash_bands") or []),
        cluster_id=src.get("cluster_id") or hit["_id"], cluster_size=int(src.get("cluster_size") or 1),
        is_lead=bool(src.get("is_cluster_lead", True)), duplicate_of=src.get("duplicate_of"),
    )


def _node_from_article(article: Article, now: datetime) -> _Node:
    content = article.content
    text = content.text if content else ""
    title = (content.title if content else None) or (article.entry.title if article.entry else None) or ""
    chash, sig, bands = features(text)
    published = (content.published_at if content else None) or (article.entry.published if article.entry else None)
    return _Node(
        id=article.id, source_id=article.source_id, published=_parse_dt(published), indexed=now,
        content_hash=chash,
        title_hash=title_hash(article.source_id, title) if len(tokens(title)) >= MIN_TITLE_TOKENS else None,
        sig=sig, bands=bands, cluster_id=article.id,
    )


def _within(a: _Node, b: _Node, window: timedelta) -> bool:
    wa, wb = a.when, b.when
    if wa is None or wb is None:
        return True
    return abs(wa - wb) <= window


def _is_exact(a: _Node, b: _Node) -> bool:
    return a.id != b.id and bool(a.content_hash) and a.content_hash == b.content_hash


def _is_title(a: _Node, b: _Node) -> bool:
    return (a.id != b.id and bool(a.title_hash) and a.title_hash == b.title_hash
            and a.source_id == b.source_id and _within(a, b, TITLE_WINDOW))


def _is_near(a: _Node, b: _Node) -> bool:
    return (a.id != b.id and bool(a.sig) and bool(b.sig) and _within(a, b, NEAR_WINDOW)
            and estimate_jaccard(a.sig, b.sig) >= THRESHOLD)


def _search(es: Elasticsearch, settings: Settings, query: dict[str, Any], fields: list[str],
            size: int = MAX_GROUP) -> list[dict[str, Any]]:
    try:
        resp = es.search(index=settings.articles_alias, query=query, size=size, source_includes=fields,
                         track_total_hits=False)
    except NotFoundError:
        return []
    hits: list[dict[str, Any]] = resp["hits"]["hits"]
    if len(hits) >= size:
        log.warning("dedup lookup hit its size limit (%d); larger groups are truncated", size)
    return hits


def _mget(es: Elasticsearch, settings: Settings, ids: Iterable[str], fields: list[str]) -> dict[str, _Node]:
    out: dict[str, _Node] = {}
    wanted = list(dict.fromkeys(ids))
    for i in range(0, len(wanted), 500):
        try:
            resp = es.mget(index=settings.articles_alias, ids=wanted[i : i + 500], source_includes=fields)
        except NotFoundError:
            return out
        for doc in resp["docs"]:
            if doc.get("found"):
                out[doc["_id"]] = _node_from_hit(doc)
    return out


@dataclass
class _Links:
    """Indexed documents linked to one focus document."""

    exact: list[_Node] = field(default_factory=list)
    title: list[_Node] = field(default_factory=list)
    near_leads: list[_Node] = field(default_factory=list)


def _lookup(es: Elasticsearch, settings: Settings, focus: list[_Node], now: datetime) -> dict[str, _Links]:
    """Exact copies and title re-posts (any document), near-duplicate cluster leads, from the index."""
    links = {n.id: _Links() for n in focus}
    hashes = sorted({n.content_hash for n in focus if n.content_hash})
    titles = sorted({n.title_hash for n in focus if n.title_hash})
    should: list[dict[str, Any]] = []
    if hashes:
        should.append({"terms": {"content_hash": hashes}})
    if titles:
        should.append({"terms": {"title_hash": titles}})
    if should:
        found = [_node_from_hit(h) for h in
                 _search(es, settings, {"bool": {"should": should, "minimum_should_match": 1}}, _FIELDS)]
        for node in focus:
            links[node.id].exact = [o for o in found if _is_exact(node, o)]
            links[node.id].title = [o for o in found if _is_title(node, o)]
    asked_all = [n for n in focus if n.bands]
    per_query = max(1, _MAX_TERMS // max(BANDS, 1))
    for start in range(0, len(asked_all), per_query):
        asked = asked_all[start : start + per_query]
        # One filter query for the whole batch (every band key of every document, the union
        # of their windows) instead of one query per document: the per-query overhead in
        # Elasticsearch was most of the lookup's cost. Each document then keeps the leads
        # that share a band with it, inside its own window, that pass the Jaccard check.
        whens = [n.when or now for n in asked]
        span = {"gte": (min(whens) - NEAR_WINDOW).isoformat(), "lte": (max(whens) + NEAR_WINDOW).isoformat()}
        query = {"bool": {"filter": [
            {"terms": {"minhash_bands": sorted({b for n in asked for b in n.bands})}},
            {"term": {"is_cluster_lead": True}},
            {"bool": {"minimum_should_match": 1, "should": [
                {"range": {"published_at": span}},
                {"bool": {"must_not": [{"exists": {"field": "published_at"}}],
                          "filter": [{"range": {"indexed_at": span}}]}},
            ]}},
        ]}}
        by_band: dict[str, list[_Node]] = defaultdict(list)
        for hit in _search(es, settings, query, _FIELDS):
            cand = _node_from_hit(hit)
            if cand.cluster_id == cand.id:
                for band in cand.bands:
                    by_band[band].append(cand)
        for node in asked:
            cands = {c.id: c for band in node.bands for c in by_band.get(band, ()) if c.id != node.id}
            links[node.id].near_leads = [c for c in cands.values() if _is_near(node, c)]
    return links


class _Clusters:
    """Cluster ids as stored: who leads what, following leads that joined another cluster."""

    def __init__(self, es: Elasticsearch, settings: Settings) -> None:
        self.es = es
        self.settings = settings
        self.docs: dict[str, _Node] = {}  # lead docs and fetched members
        self.merge: dict[str, str] = {}  # cluster id -> cluster id it joins (decided in this pass)
        self.fetched: set[str] = set()  # cluster ids whose members were fetched

    def load(self, ids: Iterable[str]) -> None:
        """Fetch the documents named by cluster ids, and the ones they point to, transitively."""
        todo = [i for i in dict.fromkeys(ids) if i and i not in self.docs]
        for _ in range(20):
            if not todo:
                return
            got = _mget(self.es, self.settings, todo, _MEMBER_FIELDS)
            self.docs.update(got)
            todo = [n.cluster_id for n in got.values() if n.cluster_id not in self.docs]

    def resolve(self, cid: str) -> str:
        """The current cluster of cluster id ``cid`` (its lead, or where that lead went)."""
        seen: list[str] = []
        while cid not in seen:
            seen.append(cid)
            if cid in self.merge:
                cid = self.merge[cid]
                continue
            lead = self.docs.get(cid)
            if lead is None or lead.cluster_id == cid:
                return cid
            cid = lead.cluster_id
        return min(seen, key=lambda c: self.docs[c].rank if c in self.docs else (_FAR_FUTURE, c))

    def members(self, cluster_ids: Iterable[str], skip: set[str]) -> dict[str, _Node]:
        """Every indexed document whose stored cluster id resolves to one of ``cluster_ids``."""
        out: dict[str, _Node] = {}
        wanted = set(cluster_ids)
        for _ in range(RECONCILE_PASSES):
            # the ids that resolve to a wanted cluster: wanted ones and those that joined them
            names = {c for c in list(self.docs) + list(self.merge) + list(wanted) if self.resolve(c) in wanted}
            todo = sorted(names - self.fetched)
            if not todo:
                break
            self.fetched.update(todo)
            for hit in _search(self.es, self.settings, {"terms": {"cluster_id": todo}}, _MEMBER_FIELDS):
                node = _node_from_hit(hit)
                self.docs.setdefault(node.id, node)
                if node.id not in skip:
                    out[node.id] = node
            self.load(todo)
        return {i: n for i, n in out.items() if self.resolve(n.cluster_id) in wanted}


def _write(es: Elasticsearch, updates: dict[str, tuple[_Node, dict[str, Any]]]) -> int:
    """Partial bulk updates: only the fields whose stored value differs."""
    actions = []
    for doc_id, (node, target) in updates.items():
        current = {"cluster_id": node.cluster_id, "cluster_size": node.cluster_size,
                   "is_cluster_lead": node.is_lead, "duplicate_of": node.duplicate_of}
        diff = {k: v for k, v in target.items() if current[k] != v}
        if diff and node.index:
            actions.append({"_op_type": "update", "_index": node.index, "_id": doc_id, "doc": diff,
                            "retry_on_conflict": 5})
    if not actions:
        return 0
    ok, errors = bulk(es, actions, raise_on_error=False, stats_only=False)
    if isinstance(errors, list) and errors:
        log.warning("dedup: %d cluster updates failed, first: %s", len(errors), errors[0])
    return int(ok)


def _sizes(clusters: _Clusters, members: dict[str, _Node], extra: dict[str, list[str]]) -> dict[str, int]:
    sizes: dict[str, int] = defaultdict(int)
    for node in members.values():
        sizes[clusters.resolve(node.cluster_id)] += 1
    for cid, ids in extra.items():
        sizes[cid] += len(ids)
    return sizes


def assign(es: Elasticsearch, articles: list[Article], settings: Settings) -> DedupStats:
    """Set ``article.dedup`` for every article of a batch about to be indexed.

    Articles already indexed keep their stored dedup fields. New ones, earliest
    first, are matched against the index and against the batch's earlier
    articles: an exact copy (any age) or a title re-post (same source, within
    ``TITLE_WINDOW``) gets ``duplicate_of`` and its original's cluster; otherwise
    an article joins the cluster of the earliest cluster lead it is a near
    duplicate of (LSH bands among leads within ``NEAR_WINDOW``, then the Jaccard
    check), or leads a new cluster. The indexed members of every cluster that
    grows get the new ``cluster_size`` by partial bulk updates. Call
    :func:`reconcile` with the ids once they are indexed.
    """
    stats = DedupStats()
    if not articles:
        return stats
    now = datetime.now(UTC)
    with contextlib.suppress(NotFoundError):
        es.indices.refresh(index=settings.articles_alias)
    stored = _mget(es, settings, [a.id for a in articles], _FIELDS)
    pending: dict[str, _Node] = {}
    for article in articles:
        if article.id not in stored and article.id not in pending:
            pending[article.id] = _node_from_article(article, now)
    order = sorted(pending.values(), key=lambda n: n.rank)
    links = _lookup(es, settings, order, now)
    clusters = _Clusters(es, settings)
    clusters.load(o.cluster_id for lk in links.values() for o in lk.exact + lk.title + lk.near_leads)

    cluster_of: dict[str, str] = {}  # pending id -> cluster id
    dup_of: dict[str, str | None] = {}
    leads = BandIndex()  # the batch's own new leads
    seen_hash: dict[str, list[_Node]] = defaultdict(list)
    seen_title: dict[str, list[_Node]] = defaultdict(list)

    def cluster_for(node: _Node) -> str:
        return cluster_of[node.id] if node.id in cluster_of else clusters.resolve(node.cluster_id)

    for node in order:
        lk = links[node.id]
        exact = [o for o in lk.exact if o.duplicate_of is None] or lk.exact
        exact = sorted(exact, key=lambda o: o.rank) + seen_hash.get(node.content_hash or "", [])
        titled = sorted(lk.title, key=lambda o: o.rank) + [
            o for o in seen_title.get(node.title_hash or "", []) if _is_title(node, o)]
        if exact:
            first = exact[0]
            dup_of[node.id] = first.duplicate_of or first.id if first.index else dup_of[first.id] or first.id
            cluster_of[node.id] = cluster_for(first)
            stats.exact += 1
        elif titled:
            first = titled[0]
            dup_of[node.id] = first.duplicate_of or first.id if first.index else dup_of[first.id] or first.id
            cluster_of[node.id] = cluster_for(first)
            stats.title += 1
        else:
            dup_of[node.id] = None
            cands = [o for o in lk.near_leads if clusters.resolve(o.cluster_id) == o.id]
            cands += [pending[k] for k, _ in leads.query(node.sig, node.bands, exclude=node.id)
                      if _within(node, pending[k], NEAR_WINDOW)]
            if cands:
                cluster_of[node.id] = cluster_for(min(cands, key=lambda o: o.rank))
                stats.near += 1
            else:
                cluster_of[node.id] = node.id
                leads.add(node.id, node.sig, node.bands)
                stats.new_clusters += 1
        if node.content_hash:
            seen_hash[node.content_hash].append(node)
        if node.title_hash:
            seen_title[node.title_hash].append(node)

    joined: dict[str, list[str]] = defaultdict(list)
    for pid, cid in cluster_of.items():
        joined[cid].append(pid)
    members = clusters.members(joined, skip=set(pending))
    sizes = _sizes(clusters, members, joined)
    updates = {m.id: (m, {"cluster_id": clusters.resolve(m.cluster_id),
                          "cluster_size": sizes[clusters.resolve(m.cluster_id)],
                          "is_cluster_lead": m.id == clusters.resolve(m.cluster_id),
                          "duplicate_of": m.duplicate_of})
               for m in members.values()}
    stats.updated = _write(es, updates)

    for article in articles:
        if article.id in stored:
            s = stored[article.id]
            article.dedup = Dedup(
                content_hash=s.content_hash, title_hash=s.title_hash, duplicate_of=s.duplicate_of,
                cluster_id=s.cluster_id, cluster_size=s.cluster_size, is_cluster_lead=s.is_lead,
                minhash_bands=s.bands, minhash_sig=s.sig,
            )
            continue
        node = pending[article.id]
        cid = cluster_of[node.id]
        article.dedup = Dedup(
            content_hash=node.content_hash, title_hash=node.title_hash, duplicate_of=dup_of[node.id],
            cluster_id=cid, cluster_size=sizes[cid], is_cluster_lead=cid == node.id,
            minhash_bands=node.bands, minhash_sig=node.sig,
        )
    stats.existing = len(stored)
    return stats


def reconcile(es: Elasticsearch, ids: Iterable[str], settings: Settings) -> int:
    """After indexing: make the clusters of ``ids`` agree with everything now searchable.

    Concurrent runs each see only their own batch in :func:`assign`; after a
    refresh, the run whose bulk finished last sees all of them. Here, for each
    document: a cluster lead that is a near duplicate (or title re-post) of an
    earlier-ranked lead merges its cluster into that one, and of two originals
    of one body the later becomes the copy (the later-ranked always yields, so
    all runs agree); a member whose lead has joined another cluster follows it;
    ``cluster_size`` and ``is_cluster_lead`` are recounted. Writes only
    differing fields; repeats until a pass writes nothing (at most
    ``RECONCILE_PASSES``). Returns the number of document updates written.
    """
    wanted = list(dict.fromkeys(ids))
    total = 0
    for _ in range(RECONCILE_PASSES if wanted else 0):
        try:
            es.indices.refresh(index=settings.articles_alias)
        except NotFoundError:
            break
        changed = _reconcile_pass(es, settings, wanted, datetime.now(UTC))
        total += changed
        if not changed:
            break
    return total


def _later_linked(focus: dict[str, _Node], links: dict[str, _Links], asked: list[_Node]) -> dict[str, _Node]:
    """Documents outside ``focus`` that must yield to one of ``asked``: later-ranked leads it is a near duplicate
    or title re-post of, later-ranked originals of its body."""
    out: dict[str, _Node] = {}
    for node in asked:
        lk = links[node.id]
        later = [o for o in lk.near_leads + lk.title if o.cluster_id == o.id]
        later += [o for o in lk.exact if o.duplicate_of is None]
        out.update({o.id: o for o in later if o.rank > node.rank and o.id not in focus})
    return out


def _reconcile_pass(es: Elasticsearch, settings: Settings, wanted: list[str], now: datetime) -> int:
    found = _mget(es, settings, wanted, _FIELDS)
    if not found:
        return 0
    # A run sees only its own batch: a later lead (or original) that another run indexed and reconciled before
    # this run's documents were searchable is not in ``wanted``, yet must yield to this batch's earlier one.
    links = _lookup(es, settings, list(found.values()), now)
    asked = list(found.values())
    for _ in range(RECONCILE_PASSES):
        extra = _later_linked(found, links, asked)
        if not extra:
            break
        found.update(extra)
        asked = list(extra.values())
        links.update(_lookup(es, settings, asked, now))
    focus = sorted(found.values(), key=lambda n: n.rank)
    clusters = _Clusters(es, settings)
    clusters.docs.update({n.id: n for n in focus})
    clusters.load([n.cluster_id for n in focus]
                  + [o.cluster_id for lk in links.values() for o in lk.exact + lk.title + lk.near_leads])
    dup_fix: dict[str, str] = {}
    moved: dict[str, str] = {}  # non-lead document -> cluster it moves to, alone
    for node in focus:
        lk = links[node.id]
        own = clusters.resolve(node.cluster_id)
        earlier_exact = sorted((o for o in lk.exact if o.rank < node.rank and o.duplicate_of is None),
                               key=lambda o: o.rank)
        target: str | None = None
        if node.duplicate_of is None and earlier_exact:
            dup_fix[node.id] = earlier_exact[0].id
            target = clusters.resolve(earlier_exact[0].cluster_id)
        elif own == node.id:
            earlier = [o for o in lk.title if o.rank < node.rank]
            earlier += [o for o in lk.near_leads if o.rank < node.rank and clusters.resolve(o.id) == o.id]
            if earlier:
                target = clusters.resolve(min(earlier, key=lambda o: o.rank).cluster_id)
        if target is None or target == own:
            continue
        if own == node.id:
            clusters.merge[own] = target
        else:
            moved[node.id] = target
    involved = {clusters.resolve(n.cluster_id) for n in focus} | set(moved.values())
    involved |= {clusters.resolve(c) for c in clusters.merge}
    members = clusters.members(involved, skip=set())
    for node in focus:
        members.setdefault(node.id, node)
    cluster_of = {m.id: moved.get(m.id) or clusters.resolve(m.cluster_id) for m in members.values()}
    sizes: dict[str, int] = defaultdict(int)
    for cid in cluster_of.values():
        sizes[cid] += 1
    updates = {
        m.id: (m, {"cluster_id": cluster_of[m.id], "cluster_size": sizes[cluster_of[m.id]],
                   "is_cluster_lead": m.id == cluster_of[m.id], "duplicate_of": dup_fix.get(m.id, m.duplicate_of)})
        for m in members.values()
    }
    return _write(es, updates)
