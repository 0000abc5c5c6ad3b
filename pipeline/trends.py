"""What is new: rising stories and rising terms, from Elasticsearch aggregations.

Rising stories
    The stories (clusters of copies, ``cluster_id``) gaining outlets fastest in a window. An outlet
    joins a story when its first copy of it is first seen (``fetched_at``) by Rasd. Candidates: the
    clusters with the most outlets in the window (one ``terms`` aggregation ordered by the
    ``cardinality`` of ``source_id``); then, for those, each outlet's first copy over all time
    (``terms`` × ``terms`` × ``min``), so an outlet that carried the story before the window is not
    counted again. Ranked by outlets gained in the window, then by outlets gained per hour since the
    story (or the window) began, then by outlets in all; at least ``min_outlets`` gained. The label
    is the lead's title (the cluster id is the lead's id). Hourly windows of one pass give the
    stories rising fastest in each hour of a day.

Rising terms
    Words and two/three-word phrases that are significantly more frequent in the window than in a
    background period, scored like Elasticsearch's ``significant_terms`` (JLH: (fg% − bg%) ×
    fg%/bg%), counted by one pass over the window's articles. ``significant_text`` itself measured
    tens of seconds for one day of 2,600 stories (it re-analyzes every sampled text and looks up
    the background of every term it meets; bench/trends.py), so the terms are counted here: the
    normalized words of title and body (``pipeline.normalize``), the plugin's stop words leaving gaps
    no phrase spans, and their two- and three-word phrases, exactly the tokens of ``trend_text``
    (``rasd_terms`` in the article template). A story counts once (its lead: the stories that began
    in the window), so a wire story copied by ten outlets is one story. A term needs ``min_docs``
    stories and ``min_outlets`` outlets, and no more than ``ONE_OUTLET_SHARE`` of its stories (when
    five or more) from one outlet: a widget or template one outlet added that day ("شارك، جوجل بلس،
    رأيك") is not news; terms with a word of ``data/trends/stopwords.txt`` (days,
    months, reporting verbs, boilerplate), a digit or fewer than three letters are out. Background:
    the index's own term statistics (the term-vectors API on an artificial document: no document
    read) rank the candidates; the ``PRE_CANDIDATES`` best are then counted among the stories of
    the ``background_days`` before the window (the period is the query of one top-level ``filters``
    aggregation of ``term`` queries on ``trend_text``), which gives the score, and their outlets
    among the window's articles (every copy) come from one more request of the same shape. A word
    or phrase inside or overlapping a better one in about as many stories is folded into it
    (محمد بن سلمان, not also سلمان).
"""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from pipeline.config import DATA_DIR, Settings, get_settings
from pipeline.errors import InputError
from pipeline.normalize import normalize, normalize_token

TRENDS_STOPWORDS = DATA_DIR / "trends" / "stopwords.txt"
STORY_CANDIDATES = 500
FOLD_SHARE = 0.7  # a shorter term whose stories are this share of a longer rising one's is folded into it
_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(value: str) -> timedelta:
    """``30m``, ``6h``, ``2d``, ``1w`` → a duration (clear error otherwise)."""
    m = _DURATION.match(value or "")
    if not m or int(m.group(1)) <= 0:
        raise InputError(f"not a duration such as 30m, 6h, 2d or 1w: {value!r}")
    return timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])


def day_window(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start, start + timedelta(days=1)


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


def _parse(value: Any) -> datetime:
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


# -- rising stories --------------------------------------------------------------------------------------
@dataclass
class RisingStory:
    cluster_id: str
    label: str | None
    url: str | None
    source_id: str | None
    first_seen: str  # ISO, the story's first copy seen by Rasd (fetched_at)
    outlets_gained: int  # outlets whose first copy falls in the window
    outlets_total: int  # outlets that carried it up to the window's end
    sources: list[str] = field(default_factory=list)  # the outlets gained, in order of arrival
    per_hour: float = 0.0  # outlets gained per hour since the story (or the window) began


@dataclass
class _Cluster:
    first_by_source: dict[str, datetime]

    @property
    def first_seen(self) -> datetime:
        return min(self.first_by_source.values())

    def gained(self, start: datetime, end: datetime) -> list[str]:
        inside = [(t, s) for s, t in self.first_by_source.items() if start <= t < end]
        return [s for _t, s in sorted(inside)]


def _clusters_in(es: Elasticsearch, s: Settings, start: datetime, end: datetime,
                 candidates: int = STORY_CANDIDATES) -> dict[str, _Cluster]:
    """The clusters with the most outlets in [start, end), with each outlet's first copy (all time)."""
    window = {"range": {"fetched_at": {"gte": _iso(start), "lt": _iso(end)}}}
    resp = es.search(index=s.articles_alias, size=0, query={"bool": {"filter": [window]}}, aggs={
        "clusters": {"terms": {"field": "cluster_id", "size": candidates, "order": {"outlets": "desc"}},
                     "aggs": {"outlets": {"cardinality": {"field": "source_id"}}}}})
    ids = [b["key"] for b in resp["aggregations"]["clusters"]["buckets"] if b["outlets"]["value"] >= 1]
    if not ids:
        return {}
    resp = es.search(index=s.articles_alias, size=0, query={"bool": {"filter": [
        {"terms": {"cluster_id": ids}}, {"range": {"fetched_at": {"lt": _iso(end)}}}]}}, aggs={
        "clusters": {"terms": {"field": "cluster_id", "size": len(ids)}, "aggs": {
            "sources": {"terms": {"field": "source_id", "size": 500},
                        "aggs": {"first": {"min": {"field": "fetched_at"}}}}}}})
    out = {}
    for b in resp["aggregations"]["clusters"]["buckets"]:
        firsts = {sb["key"]: _parse(sb["first"]["value_as_string"]) for sb in b["sources"]["buckets"]
                  if sb["first"].get("value_as_string")}
        if firsts:
            out[b["key"]] = _Cluster(firsts)
    return out


def _rank(clusters: dict[str, _Cluster], start: datetime, end: datetime, *, top: int,
          min_outlets: int) -> list[tuple[str, list[str], float]]:
    """(cluster id, outlets gained, per hour) of the ``top`` rising clusters of [start, end)."""
    ranked = []
    for cid, cl in clusters.items():
        gained = cl.gained(start, end)
        if len(gained) < min_outlets:
            continue
        began = max(cl.first_seen, start)
        hours = max(1.0, (end - began).total_seconds() / 3600)
        ranked.append((cid, gained, round(len(gained) / hours, 2), len(cl.first_by_source), cl.first_seen))
    ranked.sort(key=lambda r: (-len(r[1]), -r[2], -r[3], -r[4].timestamp(), r[0]))
    return [(cid, gained, per_hour) for cid, gained, per_hour, _n, _f in ranked[:top]]


def _leads(es: Elasticsearch, s: Settings, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    resp = es.mget(index=s.articles_alias, ids=ids, source_includes=["title", "canonical_url", "source_id"])
    return {d["_id"]: d["_source"] for d in resp["docs"] if d.get("found")}


def _stories(es: Elasticsearch, s: Settings, clusters: dict[str, _Cluster],
             ranked: list[tuple[str, list[str], float]]) -> list[RisingStory]:
    leads = _leads(es, s, [cid for cid, _g, _p in ranked])
    out = []
    for cid, gained, per_hour in ranked:
        lead = leads.get(cid, {})
        cl = clusters[cid]
        out.append(RisingStory(
            cluster_id=cid, label=lead.get("title"), url=lead.get("canonical_url"), source_id=lead.get("source_id"),
            first_seen=_iso(cl.first_seen), outlets_gained=len(gained), outlets_total=len(cl.first_by_source),
            sources=gained, per_hour=per_hour))
    return out


def rising_stories(start: datetime, end: datetime, *, es: Elasticsearch | None = None,
                   settings: Settings | None = None, top: int = 10, min_outlets: int = 2) -> list[RisingStory]:
    """The ``top`` stories gaining outlets fastest in [start, end) (module docstring)."""
    if end <= start:
        raise InputError(f"the window ends ({end}) before it starts ({start})")
    s = settings or get_settings()
    es = es or _client(s)
    clusters = _clusters_in(es, s, start, end)
    return _stories(es, s, clusters, _rank(clusters, start, end, top=top, min_outlets=min_outlets))


def rising_by_hour(day: date, *, es: Elasticsearch | None = None, settings: Settings | None = None,
                   per_hour: int = 3, min_outlets: int = 2,
                   clusters: dict[str, _Cluster] | None = None) -> list[dict[str, Any]]:
    """For each hour of ``day``: the stories that gained the most outlets in that hour (``clusters``:
    the day's, when the caller has them)."""
    s = settings or get_settings()
    es = es or _client(s)
    start, end = day_window(day)
    if clusters is None:
        clusters = _clusters_in(es, s, start, end)
    rows: list[dict[str, Any]] = []
    ranked_by_hour = []
    for h in range(24):
        lo = start + timedelta(hours=h)
        ranked_by_hour.append((lo, _rank(clusters, lo, lo + timedelta(hours=1), top=per_hour,
                                         min_outlets=min_outlets)))
    leads = _leads(es, s, sorted({cid for _lo, ranked in ranked_by_hour for cid, _g, _p in ranked}))
    for lo, ranked in ranked_by_hour:
        for cid, gained, _p in ranked:
            rows.append({"hour": _iso(lo), "cluster_id": cid, "label": leads.get(cid, {}).get("title"),
                         "outlets_gained": len(gained), "outlets_total": len(clusters[cid].first_by_source)})
    return rows


# -- rising terms ------------------------------------------------------------------------------------------
@dataclass
class RisingTerm:
    term: str
    words: int
    score: float
    docs: int  # stories in the window with the term
    background_docs: int  # stories in the background period with it
    outlets: int  # outlets of the window's articles with it


@lru_cache(maxsize=4)
def stop_words(path: Path = TRENDS_STOPWORDS) -> frozenset[str]:
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        words.update(normalize_token(w) for w in line.split("#", 1)[0].split())
    return frozenset(w for w in words if w)


@lru_cache(maxsize=1)
def _analysis_stop_words() -> frozenset[str]:
    from pipeline.wordlists import load_stop_words

    return frozenset(load_stop_words())


def ngrams(tokens: list[str]) -> set[str]:
    """The words and two/three-word phrases of normalized tokens as ``rasd_terms`` indexes them
    (stop words of the plugin leave a gap no phrase spans; "" marks punctuation, which no phrase
    spans either), minus terms with a word of the trends stop list, a digit or a Latin letter, and
    lone words of fewer than three letters."""
    # a word that may be part of a term, else None (a gap: stop word, punctuation, excluded word)
    known = _TERM_WORDS
    if len(known) > 500_000:  # bounded, as the lru_cache it replaces
        known.clear()
    words = [known[t] if t in known else _learn_word(t) for t in tokens]
    out = {w for w in words if w and len(w) >= 3}
    for a, b in pairwise(words):
        if a and b:
            out.add(f"{a} {b}")
    for a, b, c in zip(words, words[1:], words[2:], strict=False):
        if a and b and c:
            out.add(f"{a} {b} {c}")
    return out


_ARABIC = re.compile(r"[\u0621-\u064a]+")


_TERM_WORDS: dict[str, str | None] = {}  # token -> itself when _term_word, else None (a gap)


def _learn_word(token: str) -> str | None:
    word = _TERM_WORDS[token] = token if _term_word(token) else None
    return word


def _term_word(token: str) -> bool:
    return bool(token) and token not in _analysis_stop_words() and token not in stop_words() \
        and _ARABIC.fullmatch(token) is not None
_SPLIT = re.compile(r"\w+|[^\w\s]")


def count_terms(texts: list[list[str]]) -> tuple[Counter[str], list[set[str]]]:
    """Texts (stories) with each word and phrase of :func:`ngrams`, and each text's terms."""
    per_text = [ngrams(tokens) for tokens in texts]
    return Counter(chain.from_iterable(per_text)), per_text


def window_documents(start: datetime, end: datetime, *, es: Elasticsearch, settings: Settings,
                     page: int = 1000, leads_only: bool = False) -> list[dict[str, Any]]:
    """Every article (or story lead) published in [start, end): id, title, body, outlet, story (point
    in time)."""
    query: dict[str, Any] = {"range": {"published_at": {"gte": _iso(start), "lt": _iso(end)}}}
    if leads_only:
        query = {"bool": {"filter": [query, {"term": {"is_cluster_lead": True}}]}}
    from pipeline.lifecycle import scan_hits

    fields = ["title", "body", "source_id", "cluster_id", "canonical_url", "is_cluster_lead"]
    docs = [{"id": h["_id"], **h["_source"]}
            for h in scan_hits(es, settings.articles_alias, query, page=page, source=fields)]
    return docs


def _tokens(text: str) -> list[str]:
    """Normalized words, "" for a punctuation mark (a phrase never spans one)."""
    return [t if t[0].isalnum() else "" for t in _SPLIT.findall(normalize(text))]


def rising_terms(start: datetime, end: datetime, *, es: Elasticsearch | None = None,
                 settings: Settings | None = None, docs: list[dict[str, Any]] | None = None, top: int = 20,
                 background_days: int = 30, min_docs: int = 3, min_outlets: int = 2) -> list[RisingTerm]:
    """The ``top`` words and phrases rising in [start, end) against the ``background_days`` before it
    (module docstring). ``docs``: the window's articles when the caller has read them already."""
    if end <= start:
        raise InputError(f"the window ends ({end}) before it starts ({start})")
    if background_days < 1:
        raise InputError("the background period is at least one day")
    s = settings or get_settings()
    es = es or _client(s)
    if docs is None:
        docs = window_documents(start, end, es=es, settings=s, leads_only=True)
    # one pass over the stories: a story counts once (its lead; given all articles, the first copy)
    stories: dict[str, dict[str, Any]] = {}
    for d in sorted(docs, key=lambda d: not d.get("is_cluster_lead")):
        stories.setdefault(d.get("cluster_id") or d["id"], d)
    leads = list(stories.values())
    fg, per_story = count_terms([_tokens(f"{d.get('title') or ''} . {d.get('body') or ''}") for d in leads])
    story_terms = [(d.get("source_id") or "", terms) for d, terms in zip(leads, per_story, strict=True)]
    fg_total = len(stories)
    cands_set = {t for t, n in fg.items() if n >= min_docs}
    # outlets of each candidate among the stories: two at least (cheap, before asking Elasticsearch),
    # and not one outlet's template (a term in many stories, nearly all from one outlet)
    by_outlet: dict[str, dict[str, int]] = {}  # plain dicts: one Counter per candidate costs more than the count
    for source, terms in story_terms:
        for t in terms & cands_set:
            counts = by_outlet.get(t)
            if counts is None:
                by_outlet[t] = {source: 1}
            else:
                counts[source] = counts.get(source, 0) + 1
    cands = sorted(t for t in cands_set if len(by_outlet[t]) >= min_outlets and not _one_outlet(by_outlet[t]))
    if not cands:
        return []
    # background: the index's own counts rank the candidates; the period's decide
    index_df, index_total = _index_doc_freq(es, s, cands)
    pre = sorted(cands, key=lambda t: -jlh(fg[t], fg_total, index_df.get(t, 0), index_total))[:PRE_CANDIDATES]
    bg_df, bg_total = _background_counts(es, s, pre, start, background_days)
    outlets = _window_outlets(es, s, pre, start, end)
    found = [RisingTerm(term=t, words=t.count(" ") + 1, score=round(jlh(fg[t], fg_total, bg_df.get(t, 0), bg_total), 4),
                        docs=fg[t], background_docs=bg_df.get(t, 0), outlets=outlets.get(t, 0))
             for t in pre if outlets.get(t, 0) >= min_outlets]
    return _fold([f for f in found if f.score > 0])[:top]


ONE_OUTLET_SHARE = 0.6  # of a term's stories (five or more) from one outlet: that outlet's template
ONE_OUTLET_MIN = 5


def _one_outlet(by_outlet: dict[str, int]) -> bool:
    n = sum(by_outlet.values())
    return n >= ONE_OUTLET_MIN and max(by_outlet.values()) > ONE_OUTLET_SHARE * n


PRE_CANDIDATES = 300  # candidates counted in the background period


def jlh(fg: int, fg_total: int, bg: int, bg_total: int) -> float:
    """Elasticsearch's JLH score: (fg% − bg%) × fg%/bg%, 0 unless the term is more frequent in the
    window; the background share is smoothed by one document (a term never seen before)."""
    if not fg_total:
        return 0.0
    fg_p = fg / fg_total
    bg_p = (bg + 1) / (bg_total + 1)
    return (fg_p - bg_p) * fg_p / bg_p if fg_p > bg_p else 0.0


def _index_doc_freq(es: Elasticsearch, s: Settings, terms: list[str]) -> tuple[dict[str, int], int]:
    """Documents of the whole index with each term, from its term dictionary, and the index's
    document count: the term-vectors API on an artificial document whose ``trend_text`` is the list
    of terms, each kept whole (``rasd_tag``: one token per value, normalized); no document is read."""
    index = next(iter(es.indices.get_alias(name=s.articles_write_alias)))

    def lookup(part: list[str]) -> Any:
        return es.termvectors(index=index, doc={"trend_text": part}, per_field_analyzer={"trend_text": "rasd_tag"},
                              fields=["trend_text"], term_statistics=True, field_statistics=True, positions=False,
                              offsets=False)

    # one request looks its terms up on one search thread: parts in parallel use the node's cores
    size = min(100_000, max(TERMVECTOR_MIN_PART, -(-len(terms) // TERMVECTOR_PARTS)))
    parts = [terms[i : i + size] for i in range(0, len(terms), size)]
    with ThreadPoolExecutor(max_workers=TERMVECTOR_PARTS) as pool:
        responses = list(pool.map(lookup, parts))
    out: dict[str, int] = {}
    total = 0
    for resp in responses:
        tv = resp.get("term_vectors", {}).get("trend_text", {})
        total = max(total, int(tv.get("field_statistics", {}).get("doc_count", 0)))
        for term, info in (tv.get("terms") or {}).items():
            out[term] = int(info.get("doc_freq", 0))
    return out, total


TERMVECTOR_PARTS = 2  # concurrent term-vector requests (search threads of the node used at once)
TERMVECTOR_MIN_PART = 5_000


def _period(start: datetime, days: int) -> dict[str, Any]:
    return {"bool": {"filter": [{"term": {"is_cluster_lead": True}}, {"range": {"published_at": {
        "gte": _iso(start - timedelta(days=days)), "lt": _iso(start)}}}]}}


def _term_filters(terms: list[str]) -> dict[str, Any]:
    return {"filters": {"filters": {str(i): {"term": {"trend_text": t}} for i, t in enumerate(terms)}}}


def _background_counts(es: Elasticsearch, s: Settings, terms: list[str], start: datetime,
                       days: int) -> tuple[dict[str, int], int]:
    """Stories (cluster leads) of the ``days`` before ``start`` with each term, and their number (the
    period is the query; one ``filters`` aggregation of ``term`` queries on ``trend_text``)."""
    resp = es.search(index=s.articles_alias, size=0, track_total_hits=True, query=_period(start, days),
                     aggs={"terms": _term_filters(terms)})
    buckets = resp["aggregations"]["terms"]["buckets"]
    return {t: int(buckets[str(j)]["doc_count"]) for j, t in enumerate(terms)}, int(resp["hits"]["total"]["value"])


def _window_outlets(es: Elasticsearch, s: Settings, terms: list[str], start: datetime,
                    end: datetime) -> dict[str, int]:
    """Outlets of the window's articles (every copy, not only story leads) with each term."""
    if not terms:
        return {}
    window = {"range": {"published_at": {"gte": _iso(start), "lt": _iso(end)}}}
    agg = _term_filters(terms)
    agg["aggs"] = {"outlets": {"cardinality": {"field": "source_id"}}}
    resp = es.search(index=s.articles_alias, size=0, query=window, aggs={"terms": agg})
    buckets = resp["aggregations"]["terms"]["buckets"]
    return {t: int(buckets[str(i)]["outlets"]["value"]) for i, t in enumerate(terms)}


def _join(a: str, b: str) -> str | None:
    """``a`` and ``b`` as one phrase when one contains the other or they overlap at an end
    (قوات الطوارئ الخاصه + الطوارئ الخاصه بمنطقه → قوات الطوارئ الخاصه بمنطقه)."""
    wa, wb = a.split(), b.split()
    if f" {b} " in f" {a} ":
        return a
    if f" {a} " in f" {b} ":
        return b
    for first, second in ((wa, wb), (wb, wa)):
        for n in range(min(len(first), len(second)) - 1, 0, -1):
            if first[-n:] == second[:n]:
                joined = first + second[n:]
                return " ".join(joined) if len(joined) <= MAX_PHRASE else None
    return None


MAX_PHRASE = 4


def _fold(terms: list[RisingTerm]) -> list[RisingTerm]:
    """One entry per phrase: a word or phrase inside or overlapping a better one, in about as many
    stories (``FOLD_SHARE``), is folded into it (محمد بن سلمان, not also سلمان)."""
    kept: list[RisingTerm] = []
    for t in sorted(terms, key=lambda t: (-t.score, -t.words, t.term)):  # on a tie, the phrase first
        for i, k in enumerate(kept):
            joined = _join(k.term, t.term)
            if joined is None:
                continue
            if joined == k.term and k.docs >= FOLD_SHARE * t.docs:  # t is inside k
                break
            if min(k.docs, t.docs) >= FOLD_SHARE * max(k.docs, t.docs):  # about the same stories: one phrase
                kept[i] = RisingTerm(term=joined, words=joined.count(" ") + 1, score=k.score,
                                     docs=min(k.docs, t.docs) if joined != k.term else k.docs,
                                     background_docs=min(k.background_docs, t.background_docs),
                                     outlets=min(k.outlets, t.outlets))
                break
        else:
            kept.append(t)
    # a merge may have made a phrase that now contains an earlier entry
    return [t for t in kept if not any(k is not t and k.words > t.words and f" {t.term} " in f" {k.term} "
                                       and k.docs >= FOLD_SHARE * t.docs for k in kept)]


def term_mapped(es: Elasticsearch, settings: Settings | None = None) -> bool:
    """Whether the live article index has ``trend_text`` (indices built before schema 2 do not)."""
    s = settings or get_settings()
    resp = es.indices.get_field_mapping(index=s.articles_alias, fields="trend_text")
    return any(v.get("mappings") for v in dict(resp).values())


# -- the digest's part, and the rows of rasd-trends ------------------------------------------------------
def day_trends(day: date, *, es: Elasticsearch | None = None, settings: Settings | None = None,
               top: int = 10, terms_top: int = 20) -> dict[str, Any]:
    """Rising stories (the day, and the top ones of each hour) and rising terms of ``day``."""
    s = settings or get_settings()
    es = es or _client(s)
    start, end = day_window(day)
    clusters = _clusters_in(es, s, start, end)  # one read for the day and its hours
    stories = _stories(es, s, clusters, _rank(clusters, start, end, top=top, min_outlets=2))
    hourly = rising_by_hour(day, es=es, settings=s, clusters=clusters)
    terms = rising_terms(start, end, es=es, settings=s, top=terms_top) if term_mapped(es, s) else []
    return {"rising_stories": [asdict(x) for x in stories], "rising_by_hour": hourly,
            "rising_terms": [asdict(t) for t in terms]}


MAX_ROWS = 100  # ranks per window and kind at most


def write_rows(day: date, trends: dict[str, Any], *, es: Elasticsearch, settings: Settings) -> int:
    """One ``rasd-trends`` row per ranked item (ids by window, kind and rank; older extra rows deleted)."""
    from elasticsearch.helpers import bulk

    s = settings
    start, end = day_window(day)
    now = datetime.now(UTC).isoformat()
    day_s = start.date().isoformat()
    rows: dict[str, dict[str, Any]] = {}
    for rank, st in enumerate(trends["rising_stories"], 1):
        rows[f"{day_s}|day|story|{rank}"] = {
            "day": day_s, "window": "day", "window_start": _iso(start), "window_end": _iso(end), "kind": "story",
            "rank": rank, "label": st["label"] or st["cluster_id"], "cluster_id": st["cluster_id"], "url": st["url"],
            "source_id": st["source_id"], "first_seen": st["first_seen"], "outlets_gained": st["outlets_gained"],
            "outlets_total": st["outlets_total"], "sources": st["sources"], "per_hour": st["per_hour"],
            "built_at": now}
    by_hour: dict[str, int] = {}
    for h in trends["rising_by_hour"]:
        rank = by_hour[h["hour"]] = by_hour.get(h["hour"], 0) + 1
        lo = _parse(h["hour"])
        rows[f"{h['hour']}|hour|story|{rank}"] = {
            "day": day_s, "window": "hour", "window_start": h["hour"], "window_end": _iso(lo + timedelta(hours=1)),
            "kind": "story", "rank": rank, "label": h["label"] or h["cluster_id"], "cluster_id": h["cluster_id"],
            "outlets_gained": h["outlets_gained"], "outlets_total": h["outlets_total"], "built_at": now}
    for rank, t in enumerate(trends["rising_terms"], 1):
        rows[f"{day_s}|day|term|{rank}"] = {
            "day": day_s, "window": "day", "window_start": _iso(start), "window_end": _iso(end), "kind": "term",
            "rank": rank, "label": t["term"], "term": t["term"], "words": t["words"], "score": t["score"],
            "docs": t["docs"], "background_docs": t["background_docs"], "outlets": t["outlets"], "built_at": now}
    old = es.search(index=s.trends_index, query={"term": {"day": day_s}}, size=MAX_ROWS * 3 + 100, source=False)
    actions: list[dict[str, Any]] = [{"_op_type": "index", "_index": s.trends_index, "_id": k, "_source": v}
                                     for k, v in rows.items()]
    actions += [{"_op_type": "delete", "_index": s.trends_index, "_id": h["_id"]} for h in old["hits"]["hits"]
                if h["_id"] not in rows]
    bulk(es, actions, refresh=True)
    return len(rows)


def _client(s: Settings) -> Elasticsearch:
    from pipeline.index import get_client

    return get_client(s)

