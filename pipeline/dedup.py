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

Clusters are the connected components of these links. ``cluster_id`` is the id
of the earliest member (``published_at``, else ``indexed_at``; ties by id),
which has ``is_cluster_lead``; every member carries ``cluster_size``.
``duplicate_of`` names the earliest exact copy, else the earliest title
re-post; near duplicates only share the cluster.

:func:`assign` runs before indexing (the batch is clustered with itself and
with the index, existing members are updated by partial bulk updates; no
scripts, no update-by-query: the minimal distribution has neither).
:func:`reconcile` runs after indexing: it refreshes, recomputes the same
clusters from the index alone and rewrites what differs, until nothing does.
Two runs that indexed copies of one story at the same time each saw only their
own copy in ``assign``; whichever indexed last sees both in ``reconcile`` (a
refresh after a finished bulk shows every earlier finished bulk), and since the
result is a function of the documents (components, earliest member), every
run converges on the same cluster ids.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk

from pipeline.config import Settings
from pipeline.models import Article, Dedup
from pipeline.normalize import normalize

log = logging.getLogger(__name__)

NUM_PERM = 128
SEED = 1
SHINGLE_SIZE = 3
THRESHOLD = 0.5
BANDS = 32
ROWS = 4
MIN_TITLE_TOKENS = 3
TITLE_WINDOW = timedelta(days=7)
NEAR_WINDOW = timedelta(days=30)
MAX_CANDIDATES = 100  # LSH candidates fetched per article, most shared bands first
MAX_GROUP = 10_000  # documents fetched per lookup (one page of the index's max_result_window)
RECONCILE_PASSES = 5

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Words of the normalized text (punctuation dropped)."""
    return _WORD.findall(normalize(text))


def shingles(words: list[str], size: int = SHINGLE_SIZE) -> set[bytes]:
    """Word ``size``-grams (a text shorter than ``size`` words is one shingle)."""
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    perms: tuple[np.ndarray, np.ndarray] = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    return perms


def minhash_values(shingle_set: Iterable[bytes]) -> np.ndarray:
    """The 128 MinHash values (uint32) of a shingle set; an empty array for no shingles."""
    items = list(shingle_set)
    if not items:
        return np.zeros(0, dtype=np.uint32)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    m.update_batch(items)
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(hashvalues: np.ndarray | list[int], bands: int = BANDS, rows: int = ROWS) -> list[str]:
    """LSH band keys ``bNN:<16 hex>`` (blake2b of the band's rows as little-endian uint32)."""
    hv = np.ascontiguousarray(np.asarray(hashvalues, dtype=np.uint32), dtype="<u4")
    if len(hv) < bands * rows:
        return []
    return [
        f"b{b:02d}:{hashlib.blake2b(hv[b * rows : (b + 1) * rows].tobytes(), digest_size=8).hexdigest()}"
        for b in range(bands)
    ]


def estimate_jaccard(a: np.ndarray | list[int], b: np.ndarray | list[int]) -> float:
    """Share of equal MinHash values (0.0 when either signature is missing)."""
    if len(a) != NUM_PERM or len(b) != NUM_PERM:
        return 0.0
    return float(np.count_nonzero(np.asarray(a, dtype=np.uint32) == np.asarray(b, dtype=np.uint32))) / NUM_PERM


def signature(text: str) -> tuple[list[int], list[str]]:
    """(128 MinHash values, band keys) of the normalized word shingles of ``text``."""
    hv = minhash_values(shingles(tokens(text)))
    if not len(hv):
        return [], []
    return [int(v) for v in hv], band_keys(hv)


def lsh_params(threshold: float, num_perm: int = NUM_PERM, fp_weight: float = 0.1) -> tuple[int, int]:
    """(bands, rows) minimising the weighted false-positive/false-negative areas of the S-curve.

    Same criterion as datasketch's ``MinHashLSH``, weighted towards recall
    (``fp_weight`` 0.1): a false candidate only costs one Jaccard check.
    """
    fn_weight = 1.0 - fp_weight
    best: tuple[float, int, int] | None = None
    lo = np.linspace(0.0, threshold, 201)
    hi = np.linspace(threshold, 1.0, 201)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = np.trapezoid(1 - (1 - lo**rows) ** bands, lo)
            fn = np.trapezoid((1 - hi**rows) ** bands, hi)
            err = float(fp_weight * fp + fn_weight * fn)
            if best is None or err < best[0] - 1e-12:
                best = (err, bands, rows)
    assert best is not None
    return best[1], best[2]


def content_hash(text: str) -> str:
    """sha256 of the normalized word sequence of a body (punctuation and spacing ignored)."""
    return hashlib.sha256(" ".join(tokens(text)).encode("utf-8")).hexdigest()


def title_hash(source_id: str, title: str) -> str:
    """sha256 of ``source_id`` and the normalized title words: one value per source and title."""
    return hashlib.sha256(f"{source_id}\x1f{' '.join(tokens(title))}".encode()).hexdigest()


def is_near(sig_a: list[int] | np.ndarray, sig_b: list[int] | np.ndarray) -> bool:
    return estimate_jaccard(sig_a, sig_b) >= THRESHOLD


class BandIndex:
    """In-memory LSH: band key -> keys, verified by the signatures (same decision as the index)."""

    def __init__(self) -> None:
        self._buckets: dict[str, list[str]] = defaultdict(list)
        self._sigs: dict[str, np.ndarray] = {}

    def add(self, key: str, sig: list[int], bands: list[str]) -> None:
        if len(sig) != NUM_PERM or key in self._sigs:
            return
        self._sigs[key] = np.asarray(sig, dtype=np.uint32)
        for band in bands:
            self._buckets[band].append(key)

    def candidates(self, bands: list[str]) -> list[str]:
        return list(dict.fromkeys(k for band in bands for k in self._buckets.get(band, ())))

    def query(self, sig: list[int], bands: list[str], exclude: str | None = None) -> list[tuple[str, float]]:
        """Keys whose estimated Jaccard with ``sig`` reaches ``THRESHOLD``, with that estimate."""
        if len(sig) != NUM_PERM:
            return []
        mine = np.asarray(sig, dtype=np.uint32)
        out = []
        for key in self.candidates(bands):
            if key == exclude:
                continue
            j = float(np.count_nonzero(self._sigs[key] == mine)) / NUM_PERM
            if j >= THRESHOLD:
                out.append((key, j))
        return out


class MemoryClusterer:
    """Single-process clustering with the rules of :func:`assign`, for the benchmark.

    Documents arrive in time order; exact copies (same content hash) and verified
    LSH candidates are linked; a cluster is the connected component, led by its
    earliest member.
    """

    def __init__(self) -> None:
        self.bands = BandIndex()
        self._order: dict[str, int] = {}
        self._parent: dict[str, str] = {}
        self._by_hash: dict[str, str] = {}
        self._edges: set[tuple[str, str]] = set()

    def _find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            lead, other = (ra, rb) if self._order[ra] < self._order[rb] else (rb, ra)
            self._parent[other] = lead

    def add(self, key: str, chash: str | None, sig: list[int], bands: list[str]) -> None:
        self._order[key] = len(self._order)
        self._parent[key] = key
        if chash:
            if chash in self._by_hash:
                self._union(key, self._by_hash[chash])
            else:
                self._by_hash[chash] = key
        for other, _j in self.bands.query(sig, bands, exclude=key):
            self._edges.add((other, key) if self._order[other] < self._order[key] else (key, other))
            self._union(key, other)
        self.bands.add(key, sig, bands)

    def matched(self, a: str, b: str) -> bool:
        """Whether the near-duplicate decision linked ``a`` and ``b`` directly."""
        return (a, b) in self._edges or (b, a) in self._edges

    def cluster_of(self, key: str) -> str:
        return self._find(key)

    def cluster_sizes(self) -> list[int]:
        sizes: dict[str, int] = defaultdict(int)
        for key in self._parent:
            sizes[self._find(key)] += 1
        return list(sizes.values())


# ---------------------------------------------------------------------------------------------
# Elasticsearch: assign (before indexing) and reconcile (after indexing)

_FIELDS = ["source_id", "published_at", "indexed_at", "content_hash", "title_hash", "cluster_id",
           "cluster_size", "is_cluster_lead", "duplicate_of", "minhash_sig", "minhash_bands"]
_MEMBER_FIELDS = ["published_at", "indexed_at", "content_hash", "cluster_id", "cluster_size",
                  "is_cluster_lead", "duplicate_of"]
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


@dataclass
class DedupStats:
    """What :func:`assign` decided for the batch (one count per new article, first match wins)."""

    exact: int = 0  # same body as an earlier article
    title: int = 0  # same source and title within TITLE_WINDOW
    near: int = 0  # near duplicate of an earlier article
    new_clusters: int = 0  # no earlier match: starts its own cluster
    existing: int = 0  # already indexed: stored dedup fields kept
    updated: int = 0  # indexed documents rewritten (cluster_id, cluster_size, lead, duplicate_of)


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
    cluster_id: str | None = None
    cluster_size: int = 1
    is_lead: bool = True
    duplicate_of: str | None = None

    @property
    def when(self) -> datetime | None:
        return self.published or self.indexed

    @property
    def rank(self) -> tuple[datetime, str]:
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
    words = tokens(text)
    sig, bands = signature(text) if words else ([], [])
    return _Node(
        id=article.id, source_id=article.source_id,
        published=_parse_dt(content.published_at if content else None) or
        _parse_dt(article.entry.published if article.entry else None),
        indexed=now,
        content_hash=content_hash(text) if words else None,
        title_hash=title_hash(article.source_id, title) if len(tokens(title)) >= MIN_TITLE_TOKENS else None,
        sig=sig, bands=bands, cluster_id=article.id,
    )


def _within(a: _Node, b: _Node, window: timedelta) -> bool:
    wa, wb = a.when, b.when
    if wa is None or wb is None:
        return True
    return abs(wa - wb) <= window


def _window_filter(node: _Node, window: timedelta, now: datetime) -> dict[str, Any]:
    center = node.when or now
    rng = {"gte": (center - window).isoformat(), "lte": (center + window).isoformat()}
    return {"bool": {"minimum_should_match": 1, "should": [
        {"range": {"published_at": rng}},
        {"bool": {"must_not": [{"exists": {"field": "published_at"}}],
                  "filter": [{"range": {"indexed_at": rng}}]}},
    ]}}


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


def _mget(es: Elasticsearch, settings: Settings, ids: Sequence[str], fields: list[str]) -> dict[str, _Node]:
    out: dict[str, _Node] = {}
    ids = list(dict.fromkeys(ids))
    for i in range(0, len(ids), 500):
        try:
            resp = es.mget(index=settings.articles_alias, ids=ids[i : i + 500], source_includes=fields)
        except NotFoundError:
            return out
        for doc in resp["docs"]:
            if doc.get("found"):
                out[doc["_id"]] = _node_from_hit(doc)
    return out


class _View:
    """The documents one planning pass knows about, and the links between them."""

    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.links: dict[tuple[str, str], str] = {}  # (a, b) with a < b -> kind

    def put(self, node: _Node) -> _Node:
        return self.nodes.setdefault(node.id, node)

    def link(self, a: str, b: str, kind: str) -> None:
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        prev = self.links.get(key)
        order = {"exact": 0, "title": 1, "near": 2}
        if prev is None or order[kind] < order[prev]:
            self.links[key] = kind


def _match(a: _Node, b: _Node) -> str | None:
    """The strongest link between two documents, if any (exact > title > near)."""
    if a.id == b.id:
        return None
    if a.content_hash and a.content_hash == b.content_hash:
        return "exact"
    if a.title_hash and a.title_hash == b.title_hash and a.source_id == b.source_id \
            and _within(a, b, TITLE_WINDOW):
        return "title"
    if a.sig and b.sig and _within(a, b, NEAR_WINDOW) and estimate_jaccard(a.sig, b.sig) >= THRESHOLD:
        return "near"
    return None


def _lookup(es: Elasticsearch, settings: Settings, view: _View, focus: list[_Node], now: datetime) -> None:
    """Link each focus document with the indexed documents and the other focus documents."""
    # in-memory, among the focus documents (the batch is clustered with itself)
    bands = BandIndex()
    by_hash: dict[str, list[_Node]] = defaultdict(list)
    by_title: dict[str, list[_Node]] = defaultdict(list)
    for node in sorted(focus, key=lambda n: n.rank):
        seen: set[str] = set()
        for other in by_hash.get(node.content_hash or "", []) + by_title.get(node.title_hash or "", []):
            seen.add(other.id)
        seen.update(bands.candidates(node.bands))
        for oid in seen:
            kind = _match(node, view.nodes[oid])
            if kind:
                view.link(node.id, oid, kind)
        if node.content_hash:
            by_hash[node.content_hash].append(node)
        if node.title_hash:
            by_title[node.title_hash].append(node)
        bands.add(node.id, node.sig, node.bands)

    # the index: one search for the hashes, one msearch for the bands
    hashes = sorted({n.content_hash for n in focus if n.content_hash})
    titles = sorted({n.title_hash for n in focus if n.title_hash})
    should: list[dict[str, Any]] = []
    if hashes:
        should.append({"terms": {"content_hash": hashes}})
    if titles:
        should.append({"terms": {"title_hash": titles}})
    found: list[_Node] = []
    if should:
        hits = _search(es, settings, {"bool": {"should": should, "minimum_should_match": 1}}, _FIELDS)
        found.extend(_node_from_hit(h) for h in hits)
    searches: list[dict[str, Any]] = []
    asked: list[_Node] = []
    for node in focus:
        if not node.bands:
            continue
        asked.append(node)
        searches.append({"index": settings.articles_alias})
        searches.append({
            "size": MAX_CANDIDATES, "_source": {"includes": _FIELDS}, "track_total_hits": False,
            "query": {"bool": {
                "should": [{"constant_score": {"filter": {"term": {"minhash_bands": b}}}} for b in node.bands],
                "minimum_should_match": 1,
                "filter": [_window_filter(node, NEAR_WINDOW, now)],
                "must_not": [{"ids": {"values": [node.id]}}],
            }},
        })
    near_hits: list[list[dict[str, Any]]] = [[] for _ in asked]
    if searches:
        try:
            resp = es.msearch(searches=searches)
            for i, r in enumerate(resp["responses"]):
                if "error" in r:
                    if "index_not_found" not in str(r["error"]):
                        raise RuntimeError(f"dedup band lookup failed: {r['error']}")
                    continue
                near_hits[i] = r["hits"]["hits"]
        except NotFoundError:
            pass
    # only documents that really link join the view (a band hit is a candidate, not a match)
    for node, hits in zip(asked, near_hits, strict=True):
        for hit in hits:
            other = view.nodes.get(hit["_id"]) or _node_from_hit(hit)
            kind = _match(node, other)
            if kind:
                view.link(node.id, view.put(other).id, kind)
    for other in found:
        for node in focus:
            kind = _match(node, view.nodes.get(other.id) or other)
            if kind:
                view.link(node.id, view.put(other).id, kind)


def _close_clusters(es: Elasticsearch, settings: Settings, view: _View, focus_ids: set[str]) -> None:
    """Add every member of every cluster the view touches (following re-pointed leads)."""
    fetched: set[str] = set()
    for _ in range(RECONCILE_PASSES):
        wanted = {n.cluster_id for n in view.nodes.values() if n.cluster_id} - fetched
        if not wanted:
            return
        fetched |= wanted
        ordered = sorted(wanted)
        hits = _search(es, settings, {"terms": {"cluster_id": ordered}}, _MEMBER_FIELDS)
        for hit in hits:
            if hit["_id"] not in focus_ids:
                view.put(_node_from_hit(hit))
        # a cluster id names its lead; a lead that joined another cluster points further
        missing = [cid for cid in ordered if cid not in view.nodes]
        for node in _mget(es, settings, missing, _MEMBER_FIELDS).values():
            view.put(node)


@dataclass
class _Plan:
    targets: dict[str, dict[str, Any]]  # id -> cluster_id, cluster_size, is_cluster_lead, duplicate_of
    components: dict[str, list[str]]  # lead id -> member ids


def _plan(view: _View, focus_ids: set[str]) -> _Plan:
    parent: dict[str, str] = {i: i for i in view.nodes}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    for a, b in view.links:
        union(a, b)
    for node in view.nodes.values():
        if node.cluster_id and node.cluster_id != node.id and node.cluster_id in view.nodes:
            union(node.id, node.cluster_id)
    by_cid: dict[str, str] = {}
    for node in view.nodes.values():
        if node.cluster_id:
            if node.cluster_id in by_cid:
                union(node.id, by_cid[node.cluster_id])
            else:
                by_cid[node.cluster_id] = node.id

    groups: dict[str, list[_Node]] = defaultdict(list)
    for node in view.nodes.values():
        groups[find(node.id)].append(node)
    exact_root: dict[str, _Node] = {}
    for node in view.nodes.values():
        if node.content_hash:
            cur = exact_root.get(node.content_hash)
            if cur is None or node.rank < cur.rank:
                exact_root[node.content_hash] = node
    title_links: dict[str, list[str]] = defaultdict(list)
    for (a, b), kind in view.links.items():
        if kind == "title":
            title_links[a].append(b)
            title_links[b].append(a)

    plan = _Plan(targets={}, components={})
    for members in groups.values():
        if not any(m.id in focus_ids for m in members):
            continue
        lead = min(members, key=lambda m: m.rank)
        plan.components[lead.id] = [m.id for m in members]
        for m in members:
            dup: str | None = m.duplicate_of
            root = exact_root.get(m.content_hash or "")
            if root is not None and root.id != m.id:
                dup = root.id
            elif root is not None and root.id == m.id and dup and \
                    view.nodes.get(dup) is not None and view.nodes[dup].content_hash == m.content_hash:
                dup = None  # m became the earliest copy of its body
            if m.id in focus_ids and (root is None or root.id == m.id):
                earlier = [view.nodes[t] for t in title_links.get(m.id, []) if view.nodes[t].rank < m.rank]
                if earlier:
                    first = min(earlier, key=lambda n: n.rank)
                    dup = first.duplicate_of or first.id
            if dup == m.id:
                dup = None
            plan.targets[m.id] = {"cluster_id": lead.id, "cluster_size": len(members),
                                  "is_cluster_lead": m.id == lead.id, "duplicate_of": dup}
    return plan


def _write(es: Elasticsearch, view: _View, plan: _Plan, skip: set[str]) -> int:
    """Partial bulk updates of the indexed documents whose dedup fields differ from the plan."""
    actions = []
    for doc_id, target in plan.targets.items():
        node = view.nodes[doc_id]
        if doc_id in skip or node.index is None:
            continue
        current = {"cluster_id": node.cluster_id, "cluster_size": node.cluster_size,
                   "is_cluster_lead": node.is_lead, "duplicate_of": node.duplicate_of}
        diff = {k: v for k, v in target.items() if current[k] != v}
        if diff:
            actions.append({"_op_type": "update", "_index": node.index, "_id": doc_id, "doc": diff,
                            "retry_on_conflict": 5})
    if not actions:
        return 0
    ok, errors = bulk(es, actions, raise_on_error=False, stats_only=False)
    if isinstance(errors, list) and errors:
        log.warning("dedup: %d cluster updates failed, first: %s", len(errors), errors[0])
    return int(ok)


def assign(es: Elasticsearch, articles: list[Article], settings: Settings) -> DedupStats:
    """Set ``article.dedup`` for every article of a batch about to be indexed.

    Articles already indexed keep their stored dedup fields. New ones are linked
    with each other and with the index (exact hash, title re-post, LSH bands
    within ``NEAR_WINDOW``), joined into the cluster of their earliest linked
    document (clusters a new article bridges are merged, and the earliest member
    leads), and the indexed members of the touched clusters get their new
    ``cluster_size`` (and ``cluster_id`` when a merge or an earlier copy re-points
    them) by partial bulk updates. Call :func:`reconcile` after indexing.
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
        if article.id in stored:
            continue
        if article.id not in pending:
            pending[article.id] = _node_from_article(article, now)
    view = _View()
    for node in pending.values():
        view.put(node)
    focus = list(pending.values())
    _lookup(es, settings, view, focus, now)
    _close_clusters(es, settings, view, set(pending))
    plan = _plan(view, set(pending))
    stats.updated = _write(es, view, plan, skip=set(pending))

    for node in sorted(focus, key=lambda n: n.rank):
        kinds = {kind for (a, b), kind in view.links.items()
                 if node.id in (a, b) and (other := view.nodes[b if a == node.id else a]).id != node.id
                 and (other.index is not None or other.rank < node.rank)}
        if "exact" in kinds:
            stats.exact += 1
        elif "title" in kinds:
            stats.title += 1
        elif "near" in kinds:
            stats.near += 1
        else:
            stats.new_clusters += 1
    done: set[str] = set()
    for article in articles:
        if article.id in stored:
            s = stored[article.id]
            article.dedup = Dedup(
                content_hash=s.content_hash, title_hash=s.title_hash, duplicate_of=s.duplicate_of,
                cluster_id=s.cluster_id, cluster_size=s.cluster_size, is_cluster_lead=s.is_lead,
                minhash_bands=s.bands, minhash_sig=s.sig,
            )
            if article.id not in done:
                stats.existing += 1
            done.add(article.id)
            continue
        node = pending[article.id]
        target = plan.targets[node.id]
        article.dedup = Dedup(
            content_hash=node.content_hash, title_hash=node.title_hash,
            duplicate_of=target["duplicate_of"], cluster_id=target["cluster_id"],
            cluster_size=target["cluster_size"], is_cluster_lead=target["is_cluster_lead"],
            minhash_bands=node.bands, minhash_sig=node.sig,
        )
    return stats


def reconcile(es: Elasticsearch, ids: Iterable[str], settings: Settings) -> int:
    """After indexing: recompute the clusters of ``ids`` from the index and fix what differs.

    Refreshes, links the documents again against everything now searchable
    (including what concurrent runs indexed meanwhile), and rewrites
    ``cluster_id`` / ``cluster_size`` / ``is_cluster_lead`` / ``duplicate_of``
    where the stored values differ; repeats until a pass changes nothing
    (at most ``RECONCILE_PASSES``). Returns the number of documents rewritten.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return 0
    total = 0
    now = datetime.now(UTC)
    for _ in range(RECONCILE_PASSES):
        try:
            es.indices.refresh(index=settings.articles_alias)
        except NotFoundError:
            return total
        focus = list(_mget(es, settings, wanted, _FIELDS).values())
        if not focus:
            return total
        view = _View()
        for node in focus:
            view.put(node)
        focus_ids = {n.id for n in focus}
        _lookup(es, settings, view, focus, now)
        _close_clusters(es, settings, view, focus_ids)
        changed = _write(es, view, _plan(view, focus_ids), skip=set())
        total += changed
        if not changed:
            break
    return total
