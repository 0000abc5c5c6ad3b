"""Search for people who do not use Kibana: the Python API behind ``rasd search``.

What a query means (:func:`interpret`):

* ``"quoted phrases"`` (or «…») must appear as written, on the normalization-only ``.exact``
  sub-fields;
* Latin-letter words that name a gazetteer entity (Haftar, Dbaiba, Sirte, UN; :mod:`pipeline.names`)
  stand for the entity: any of its Arabic spellings in the text, or its tag (``persons``,
  ``places``, ``orgs``); each such entity must match. Latin words that name nothing are searched
  as they are, but do not have to match (the articles are Arabic);
* the other words go through the stemmed Arabic analyzer over title, lead, body and feed summary
  as one field (``combined_fields``: BM25F); up to 3 words must all match, of longer queries 3 in 4.

Ranking, all inside the query, so it composes with filters and with other queries (watchlists):

* field weights: a word in the title counts ``title_boost`` times, in the lead (``body.lead``, the
  first words of the body) ``lead_boost`` times more than further down;
* proximity: every two neighbouring query words found close together (``pair_slop``) add a bonus;
* entities: an Arabic query word that is a gazetteer name also boosts articles tagged with it;
* recency (``sort="news"``, the default): the score is multiplied by ``1 - w + w·g(age)``, with
  ``g`` a Gaussian decay on ``published_at`` (``recency_scale``, ``recency_weight``;
  ``RASD_SEARCH_RECENCY_*``): newer stories first among the relevant ones, an old story that
  matches much better still wins. Off with ``sort="relevance"``; ``sort="date"`` is newest first.

One hit per story (its best-ranked copy shown, the other outlets listed) unless ``all_copies``.
:func:`build_query` returns the whole scoring query alone (usable inside another ``bool``: watchlists);
:func:`search_body` the request ``rasd search`` sends, where the bonuses and the recency factor rescore
the top RESCORE_WINDOW hits instead (same scores there, a fraction of the cost on a large index).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from elasticsearch import Elasticsearch

from pipeline.config import Settings, get_settings
from pipeline.index import get_client
from pipeline.names import Entity, NameMatch, Names, get_names, is_latin
from pipeline.normalize import normalize
from pipeline.search_questions import (
    INTERROGATIVES,
    LETTER_OR_DIGIT,
    OPENING_INTERROGATIVES,
    YEAR,
    asks_when,
    bare_word,
    opening_bonuses,
    question_frames,
    stop_words,
    subject_forms,
    without_frames,
)

_PHRASE = re.compile(r'"([^"]+)"|«([^»]+)»')
_SINCE = re.compile(r"^(\d+)([hdwmy])$")
_SINCE_DAYS = {"h": 1 / 24, "d": 1, "w": 7, "m": 31, "y": 366}
MAX_SINCE_DAYS = 100 * 366  # ``--since`` reaches back at most a century (Elasticsearch date math overflows)
SORTS = ("news", "relevance", "date")
FILTERS = frozenset({"since", "source", "person", "place", "topic", "org"})
TOTAL_CAP = 10_000  # matching articles counted exactly up to this many unless counts=True ("10,000+")
COPIES_PER_STORY = 10  # other outlets listed per story
FOLD_FACTOR = 3  # hits fetched per story shown (folded to one per story in Python, not by ``collapse``)
FOLD_MIN = 30
MAX_FETCH = 1000  # fetched at most when a few stories have many copies
RESCORE_WINDOW = 100  # top hits reordered by the proximity/all-words bonuses and the recency factor
Sort = Literal["news", "relevance", "date"]
SOURCE_FIELDS = ["title", "source_id", "source_name", "published_at", "canonical_url", "persons", "places", "orgs",
                 "topics", "cluster_id", "cluster_size"]


@dataclass(frozen=True)
class Ranking:
    """The tunable weights of the ranking (chosen on the tuning halves of bench/search_news.py and
    bench/search_relevance.py; docs/decisions.md says what each moved)."""

    title_boost: float = 2.0  # a query word in the title counts twice
    lead_boost: float = 2.0  # in the lead (body.lead, the first 50 words) three times (body + 2 × lead)
    summary_boost: float = 1.0
    pair_boost: float = 0.5  # two neighbouring query words within pair_slop positions: a bonus
    pair_slop: int = 3
    all_boost: float = 0.5  # a bonus for an article with every word
    exact_boost: float = 0.0  # the words as written (.exact sub-fields, no stemming): a bonus
    min_match: str = "2<-1 3<50%"  # 1–2 terms: all; 3: two; more: half (a stop word counts as found)
    # A question (an interrogative or a question mark) or a query of more content words than this (a
    # pasted sentence) is no keyword query: its adjacent words are no phrase and no word is needed in
    # particular, so it is matched like this (any word; no lead or all-words bonus; any two of its words
    # close together, in either order, score a small bonus; frame words such as اسم/عام/عدد are dropped;
    # متى favours a year; ARCD questions, docs/decisions.md)
    keyword_max_words: int = 4
    long_min_match: str = "1"
    long_lead_boost: float = 1.0
    pair_window: int = 1  # proximity pairs: words at most this many apart in the query (1: neighbours)
    long_pair_boost: float = 0.08  # questions: a bonus for two of their words close together in the text
    long_pair_slop: int = 5
    long_pair_window: int = 8  # questions: any two words (a question's word order is not the text's)
    when_year_boost: float = 2.0  # questions asking when (متى): a bonus for a year (4 digits, 1000–2999)
    drop_question_frames: bool = True  # questions: data/search/question_frames.txt words are not searched
    long_exact_boost: float = 0.2  # questions: the words as written (normalization only, .exact) also count
    # questions: a text that opens with a word of the question is about it (encyclopedic paragraphs, and
    # news leads, name their subject first: "بشار الأسد (…) هو …" answers "ما وظيفة بشار الأسد؟")
    opening_boost: float = 0.5  # a question word among the text's first opening_words words
    opening_words: int = 2
    definition_boost: float = 0.15  # a question word, then هو/هي within definition_slop, in the first words
    definition_words: int = 15
    definition_slop: int = 10
    subject_max_words: int = 16  # a pasted paragraph: its first words only get these bonuses
    entity_tag_boost: float = 1.0  # a name's tag next to its spellings in the text
    recency_weight: float = 0.2  # sort=news: score × (0.8 + 0.2 · gauss(age))
    recency_scale: str = "7d"
    recency_offset: str = "1d"

    @classmethod
    def from_settings(cls, s: Settings) -> Ranking:
        return cls(recency_weight=s.search_recency_weight, recency_scale=s.search_recency_scale)


@dataclass
class Interpretation:
    """How :func:`build_query` read the text: phrases, and the other words in order, runs that name a
    gazetteer entity (Latin or Arabic letters) taken together as one unit."""

    phrases: list[str] = field(default_factory=list)
    units: list[NameMatch | str] = field(default_factory=list)
    question: bool = False  # asked as a question (ends in ؟/? or has an interrogative word)

    @property
    def names(self) -> list[NameMatch]:
        return [u for u in self.units if isinstance(u, NameMatch)]

    @property
    def words(self) -> list[str]:
        """Words searched through the Arabic analyzer."""
        return [u for u in self.units if isinstance(u, str) and not is_latin(u)]

    @property
    def unknown_latin(self) -> list[str]:
        """Latin words naming nothing: searched as written, not required."""
        return [u for u in self.units if isinstance(u, str) and is_latin(u)]

    def notes(self) -> list[str]:
        """One line per name found in the query (and per Latin word that names nothing), for people."""
        out = []
        for m in self.names:
            ents = "; ".join(f"{e.ar} ({e.kind}: {e.en})" for e in m.entities)
            how = " (a spelling close to a known one)" if m.how == "spelling" else ""
            out.append(f"{m.words} → {ents}{how}: searched as its Arabic spellings and the "
                       f"{m.entities[0].tag_field} tag")
        for w in self.unknown_latin:
            out.append(f"{w}: no gazetteer name; searched as written, not required")
        return out


@dataclass
class Hit:
    id: str
    title: str | None
    source_id: str | None
    source_name: str | None
    published_at: str | None
    url: str | None
    score: float | None
    highlights: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    cluster_id: str | None = None
    cluster_size: int = 1
    also_published_by: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    total: int  # matching articles (every copy); a lower bound when not ``total_exact``
    stories: int | None  # distinct stories (clusters) among them; None unless counted (``counts=True``)
    hits: list[Hit]
    per_source: dict[str, int]  # matching articles per source; empty unless counted
    query: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # how the query was read (Latin names…)
    sort: str = "news"
    total_exact: bool = True  # False: more than ``total`` articles match (counted up to TOTAL_CAP)


def interpret(text: str, names: Names | None = None) -> Interpretation:
    names = names or get_names()
    phrases: list[str] = []
    quoted_names: list[NameMatch | str] = []
    for a, b in _PHRASE.findall(text):
        phrase = (a or b).strip()
        # a quoted Latin name ("Khalifa Haftar") cannot be matched as written in Arabic articles
        match = names.lookup_latin(phrase) if phrase and is_latin(phrase) else None
        if match:
            quoted_names.append(match)
        elif LETTER_OR_DIGIT.search(phrase):  # «» or "..." around punctuation alone is no phrase
            phrases.append(phrase)
    words = _PHRASE.sub(" ", text).split()
    bare = [bare_word(w) for w in words]
    question = (text.rstrip().endswith(("؟", "?")) or any(w in INTERROGATIVES for w in bare)
                or bool(bare and bare[0] in OPENING_INTERROGATIVES))
    return Interpretation(phrases=phrases, units=quoted_names + names.resolve(words), question=question)


def since_filter(since: str) -> dict[str, Any]:
    """``published_at`` newer than ``since`` (24h, 7d, 2w, 3m, 1y); ValueError for anything else."""
    m = _SINCE.match(since.strip())
    if not m:
        raise ValueError(f"--since takes a number and a unit h, d, w, m or y (24h, 7d, 2w, 3m, 1y); got {since!r}")
    amount, unit = int(m.group(1)), m.group(2)
    if amount * _SINCE_DAYS[unit] > MAX_SINCE_DAYS:
        raise ValueError(f"--since {since} reaches back more than 100 years; leave --since out to search every date")
    es_unit = "M" if unit == "m" else unit  # date math: m is minutes, M months
    return {"range": {"published_at": {"gte": f"now-{amount}{es_unit}"}}}


def _text_fields(r: Ranking) -> list[str]:
    lead = [f"body.lead^{r.lead_boost:g}"] if r.lead_boost >= 1 else []  # combined_fields weights are ≥ 1
    return [f"title^{r.title_boost:g}", "body", *lead, f"summary^{r.summary_boost:g}"]


def _covering_forms(forms: Iterable[str]) -> list[str]:
    """The spellings that no shorter spelling is part of: every article that names the entity in a
    long form (الرئيس التركي رجب طيب اردوغان) names it in the short one too (اردوغان), and a long
    phrase must not outscore a short mention because it has more words."""
    unique = sorted(set(forms), key=lambda f: (len(f.split()), f))
    kept: list[str] = []
    for f in unique:
        padded = f" {f} "
        if not any(f" {k} " in padded for k in kept):
            kept.append(f)
    return kept


def _entity_clause(entities: tuple[Entity, ...], r: Ranking) -> dict[str, Any]:
    """The best-matching Arabic spelling of any of ``entities`` as a phrase, plus the tag."""
    forms = _covering_forms(normalize(f) for e in entities for f in e.arabic_forms)
    fields = [f"title^{r.title_boost:g}", "body", f"body.lead^{r.lead_boost:g}"]
    should: list[dict[str, Any]] = [{"dis_max": {"queries": [
        {"multi_match": {"query": form, "type": "phrase", "fields": fields}} for form in forms]}}]
    for e in entities:
        should.append({"term": {e.tag_field: {"value": e.ar, "boost": max(r.entity_tag_boost, 0.001)}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _text_query(interp: Interpretation, r: Ranking) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The query that selects and scores the articles, and the bonus clauses (all words, proximity pairs)
    that only reorder what it found: :func:`build_query` adds them to the query, :func:`search_body` to a
    rescore of the top window (they are phrase queries over every matching article otherwise)."""
    content = [u for u in interp.units if not (isinstance(u, str) and normalize(u) in stop_words())]
    question = interp.question or len(content) > r.keyword_max_words
    if question:
        r = dataclasses.replace(r, min_match=r.long_min_match, lead_boost=r.long_lead_boost, all_boost=0.0,
                                pair_boost=r.long_pair_boost, pair_slop=r.long_pair_slop,
                                pair_window=r.long_pair_window, exact_boost=r.long_exact_boost)
        if r.drop_question_frames:
            interp = without_frames(interp)
            content = [u for u in content if not (isinstance(u, str) and bare_word(u) in question_frames())]
    must: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    should: list[dict[str, Any]] = []
    bonuses: list[dict[str, Any]] = []
    for phrase in interp.phrases:
        must.append({"multi_match": {"query": phrase, "type": "phrase", "zero_terms_query": "all",
                                     "fields": [f"title.exact^{r.title_boost:g}", "body.exact"]}})
    for u in interp.units:
        if isinstance(u, NameMatch):
            units.append(_entity_clause(u.entities, r))
        elif not is_latin(u):
            # a stop word analyzes to nothing and then counts as found (never blocks the minimum match)
            units.append({"combined_fields": {"query": u, "fields": _text_fields(r), "zero_terms_query": "all"}})
    if units:
        must.append({"bool": {"should": units, "minimum_should_match": r.min_match}})
    if r.all_boost > 0 and len(interp.words) > 1:
        bonuses.append({"combined_fields": {"query": " ".join(interp.words), "fields": _text_fields(r),
                                            "operator": "and", "boost": r.all_boost}})
    if r.pair_boost > 0:
        for a, b in _pairs(content, r.pair_window):
            if isinstance(a, str) and isinstance(b, str) and not is_latin(a) and not is_latin(b):
                bonuses.append({"multi_match": {"query": f"{a} {b}", "type": "phrase", "slop": r.pair_slop,
                                               "fields": [f"title^{r.title_boost:g}", "body"], "boost": r.pair_boost}})
    if question and r.when_year_boost > 0 and asks_when(interp):
        bonuses.append({"regexp": {"body.exact": {"value": YEAR, "boost": r.when_year_boost}}})
    if question:
        bonuses.extend(opening_bonuses(subject_forms(interp)[: r.subject_max_words], r))
    if r.exact_boost > 0 and interp.words:
        should.append({"multi_match": {"query": " ".join(interp.words), "fields": [f"title.exact^{r.title_boost:g}",
                                                                                  "body.exact"],
                                       "type": "most_fields", "boost": r.exact_boost}})
    if interp.unknown_latin:
        should.append({"combined_fields": {"query": " ".join(interp.unknown_latin), "fields": _text_fields(r)}})
    if not must:
        must.append({"match_all": {}})
    query: dict[str, Any] = {"bool": {"must": must}}
    if should:
        query["bool"]["should"] = should
    return query, bonuses


def _pairs(units: list[NameMatch | str], window: int) -> Iterable[tuple[NameMatch | str, NameMatch | str]]:
    """Pairs of units at most ``window`` apart (1: neighbours), in query order."""
    for i, a in enumerate(units):
        for b in units[i + 1 : i + 1 + window]:
            yield a, b


def _recency_functions(r: Ranking, now: datetime | None) -> list[dict[str, Any]]:
    origin = now.isoformat() if now else "now"
    return [
        {"weight": 1 - r.recency_weight},
        # undated articles get no recency bonus: treated as old, never as new
        {"filter": {"exists": {"field": "published_at"}}, "weight": r.recency_weight,
         "gauss": {"published_at": {"origin": origin, "scale": r.recency_scale, "offset": r.recency_offset,
                                    "decay": 0.5}}},
    ]


def _recency(query: dict[str, Any], r: Ranking, now: datetime | None) -> dict[str, Any]:
    if r.recency_weight <= 0:
        return query
    return {"function_score": {"query": query, "functions": _recency_functions(r, now), "score_mode": "sum",
                               "boost_mode": "multiply"}}


def build_query(
    text: str,
    *,
    since: str | None = None,
    source: str | None = None,
    person: str | None = None,
    place: str | None = None,
    topic: str | None = None,
    org: str | None = None,
    sort: Sort = "news",
    now: datetime | None = None,
    ranking: Ranking | None = None,
    names: Names | None = None,
) -> dict[str, Any]:
    """The Elasticsearch query for ``text`` and the filters (a dict usable inside another ``bool``).

    Tag filters take the canonical Arabic name, any Arabic spelling of the gazetteers, or a Latin
    name (``person="Haftar"``). ValueError for a bad ``since``, ``sort`` or a Latin name naming
    no entity."""
    query, bonuses, r = _query_parts(text, since=since, source=source, person=person, place=place, topic=topic,
                                     org=org, sort=sort, ranking=ranking, names=names)
    if bonuses:
        query["bool"].setdefault("should", []).extend(bonuses)
    return _recency(query, r, now) if sort == "news" else query


def _query_parts(
    text: str, *, sort: Sort = "news", ranking: Ranking | None = None, names: Names | None = None,
    **filters: str | None,
) -> tuple[dict[str, Any], list[dict[str, Any]], Ranking]:
    """The filtered query without recency, its bonus clauses, and the ranking used. ``filters``: those
    of :func:`build_query` (since, source, person, place, topic, org)."""
    if unknown := filters.keys() - FILTERS:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    if sort not in SORTS:
        raise ValueError(f"sort is one of {', '.join(SORTS)}; got {sort!r}")
    names = names or get_names()
    r = ranking or Ranking.from_settings(get_settings())
    query, bonuses = _text_query(interpret(text, names), r)
    clauses: list[dict[str, Any]] = []
    if since := filters.get("since"):
        clauses.append(since_filter(since))
    if source := filters.get("source"):
        clauses.append({"term": {"source_id": source}})
    for kind in ("person", "place", "org"):
        if value := filters.get(kind):
            clauses.append({"term": {f"{kind}s": names.tag_value(kind, value)}})
    if topic := filters.get("topic"):
        clauses.append({"term": {"topics": topic}})
    if clauses:
        query["bool"]["filter"] = clauses
    return query, bonuses, r


def search_body(
    text: str,
    *,
    size: int = 10,
    all_copies: bool = False,
    sort: Sort = "news",
    counts: bool = False,
    now: datetime | None = None,
    ranking: Ranking | None = None,
    **query_args: Any,
) -> dict[str, Any]:
    """The search request: the query, the rescore of its top window, the count; with ``counts`` the
    exact number of matching articles, of stories and per source.

    What costs at scale is what stops Lucene from skipping the articles that cannot reach the top
    (block-max WAND), measured at 1M documents (bench/search_latency.py, docs/decisions.md): an exact
    total or an aggregation (so totals are counted up to TOTAL_CAP unless ``counts``), ``collapse``
    (so stories are folded by :func:`fold_stories` from ``FOLD_FACTOR × size`` hits), and phrase
    bonuses and the recency factor over every matching article (so they rescore the top
    RESCORE_WINDOW: within it the scores equal :func:`build_query`'s). Highlights and the other outlets
    of the stories shown come after, in one ``msearch`` (:func:`search`)."""
    query, bonuses, r = _query_parts(text, sort=sort, ranking=ranking, **query_args)
    fetch = size if all_copies else max(FOLD_MIN, FOLD_FACTOR * size)
    body: dict[str, Any] = {"query": query, "size": fetch, "_source": SOURCE_FIELDS,
                            "track_total_hits": True if counts else TOTAL_CAP}
    if sort == "date":
        body["sort"] = [{"published_at": {"order": "desc", "missing": "_last"}}, "_score"]
    else:
        window = max(RESCORE_WINDOW, fetch)
        rescore: list[dict[str, Any]] = []
        if bonuses:
            rescore.append({"window_size": window, "query": {
                "rescore_query": {"bool": {"should": bonuses}}, "score_mode": "total"}})
        if sort == "news" and r.recency_weight > 0:
            factor = {"function_score": {"query": {"match_all": {}}, "functions": _recency_functions(r, now),
                                         "score_mode": "sum", "boost_mode": "replace"}}
            rescore.append({"window_size": window, "query": {"rescore_query": factor, "score_mode": "multiply"}})
        if rescore:
            body["rescore"] = rescore
    if counts:
        body["aggs"] = {"per_source": {"terms": {"field": "source_id", "size": 50}},
                        # exact up to 40,000 stories (Elasticsearch's highest threshold), an estimate beyond
                        "stories": {"cardinality": {"field": "cluster_id", "precision_threshold": 40_000}}}
    return body


def fold_stories(hits: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """The first (best-ranked) hit of each story, at most ``size`` of them; hits without a cluster are
    stories of their own."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for h in hits:
        key = h.get("_source", {}).get("cluster_id") or f"doc:{h['_id']}"
        if key not in seen:
            seen.add(key)
            out.append(h)
            if len(out) == size:
                break
    return out


def highlight_query(interp: Interpretation) -> dict[str, Any]:
    """What to mark in the snippets: the words, every Arabic spelling of the names, the phrases. The
    search query itself would do too, but the highlighter walks it for every hit shown (recency,
    proximity pairs, BM25F units): this plain one costs a fraction (bench/search_latency.py)."""
    should: list[dict[str, Any]] = []
    if interp.words:
        should.append({"multi_match": {"query": " ".join(interp.words), "fields": ["title", "body"]}})
    for m in interp.names:
        for form in _covering_forms(normalize(f) for e in m.entities for f in e.arabic_forms):
            should.append({"multi_match": {"query": form, "type": "phrase", "fields": ["title", "body"]}})
    for phrase in interp.phrases:
        should.append({"multi_match": {"query": phrase, "type": "phrase", "fields": ["title.exact", "body.exact"]}})
    return {"bool": {"should": should}} if should else {"match_none": {}}


def copies_body(hits: list[Hit]) -> dict[str, Any] | None:
    """The other copies of the stories shown (earliest first, source names only), COPIES_PER_STORY of
    each story counted per story (a story of many copies does not crowd out another's); None when no
    story shown has another copy. A filter on the story ids: no scoring, a few postings."""
    clusters = sorted({h.cluster_id for h in hits if h.cluster_id and h.cluster_size > 1})
    if not clusters:
        return None
    return {"query": {"bool": {"filter": [{"terms": {"cluster_id": clusters}}]}}, "size": 0,
            "track_total_hits": False,
            "aggs": {"stories": {"terms": {"field": "cluster_id", "size": len(clusters)}, "aggs": {"copies": {
                "top_hits": {"size": COPIES_PER_STORY + 1,  # the copy shown may be among them
                             "_source": ["source_name", "source_id"],
                             "sort": [{"published_at": {"order": "asc", "missing": "_last"}}, {"_doc": "asc"}]}}}}}}


def _add_highlights(hits: list[Hit], resp: Any) -> None:
    snippets = {h["_id"]: h.get("highlight", {}) for h in resp["hits"]["hits"]}
    for h in hits:
        hl = snippets.get(h.id, {})
        h.highlights = hl.get("body") or hl.get("body.exact") or []


def _add_copies(hits: list[Hit], resp: Any) -> None:
    by_cluster: dict[str, list[str]] = {}
    shown = {h.id for h in hits}
    for bucket in resp["aggregations"]["stories"]["buckets"]:
        for c in bucket["copies"]["hits"]["hits"]:
            src = c.get("_source", {})
            name = src.get("source_name") or src.get("source_id")
            if c["_id"] not in shown and name:
                by_cluster.setdefault(bucket["key"], []).append(name)
    for h in hits:
        if h.cluster_id in by_cluster:
            h.also_published_by = list(dict.fromkeys(by_cluster[h.cluster_id]))[:COPIES_PER_STORY]


def highlight_body(interp: Interpretation, ids: list[str]) -> dict[str, Any]:
    """Snippets of the articles shown (by id), marking what :func:`highlight_query` names."""
    exact: dict[str, Any] = {"body.exact": {}} if interp.phrases else {}  # only where a phrase is searched on it
    return {"query": {"ids": {"values": ids}}, "size": len(ids), "_source": False, "track_total_hits": False,
            "highlight": {
                "type": "unified", "boundary_scanner": "sentence", "fragment_size": 180, "number_of_fragments": 2,
                "pre_tags": ["«"], "post_tags": ["»"], "highlight_query": highlight_query(interp),
                "fields": {"body": {}, **exact, "title": {"number_of_fragments": 0}}}}


def search(
    text: str,
    *,
    since: str | None = None,
    source: str | None = None,
    person: str | None = None,
    place: str | None = None,
    topic: str | None = None,
    org: str | None = None,
    sort: Sort = "news",
    all_copies: bool = False,
    size: int = 10,
    counts: bool = False,
    highlight: bool = True,
    es: Elasticsearch | None = None,
    settings: Settings | None = None,
) -> SearchResult:
    """Search the articles index. ``counts``: exact totals, stories and per-source counts (slower on a
    large index: every matching article is visited); without it ``total`` is exact up to TOTAL_CAP."""
    s = settings or get_settings()
    names = get_names()
    body = search_body(text, size=size, all_copies=all_copies, sort=sort, since=since, source=source, person=person,
                       place=place, topic=topic, org=org, ranking=Ranking.from_settings(s), names=names,
                       counts=counts)
    es = es or get_client(s)
    resp = es.search(index=s.articles_alias, body=body)
    raw = resp["hits"]["hits"]
    shown = raw[:size] if all_copies else fold_stories(raw, size)
    while len(shown) < size and len(raw) == body["size"] < MAX_FETCH:  # many copies of few stories: deeper
        body = _grown(body, min(MAX_FETCH, body["size"] * 4))
        resp = es.search(index=s.articles_alias, body=body)
        raw = resp["hits"]["hits"]
        shown = fold_stories(raw, size)
    hits = [_hit(h) for h in shown]
    interp = interpret(text, names)
    # the snippets of the hits shown and their stories' other outlets: one round trip
    follow: dict[str, dict[str, Any]] = {}
    if highlight and hits:
        follow["highlight"] = highlight_body(interp, [h.id for h in hits])
    if not all_copies and (more := copies_body(hits)):
        follow["copies"] = more
    if follow:
        searches = [part for b in follow.values() for part in ({"index": s.articles_alias}, b)]
        for kind, r in zip(follow, es.msearch(searches=searches)["responses"], strict=True):
            if "error" in r:
                raise RuntimeError(f"search {kind}: {r['error']}")
            (_add_copies if kind == "copies" else _add_highlights)(hits, r)
    aggs = resp.get("aggregations", {})
    per_source = {b["key"]: b["doc_count"] for b in aggs.get("per_source", {}).get("buckets", [])}
    total = resp["hits"]["total"]
    return SearchResult(total=total["value"], total_exact=total["relation"] == "eq",
                        stories=aggs["stories"]["value"] if "stories" in aggs else None,
                        hits=hits, per_source=per_source, query=body["query"], notes=interp.notes(), sort=sort)


def _grown(body: dict[str, Any], fetch: int) -> dict[str, Any]:
    """``body`` fetching ``fetch`` hits, its rescore window at least as deep."""
    rescore = [{**r, "window_size": max(r["window_size"], fetch)} for r in body.get("rescore", [])]
    return {**body, "size": fetch, **({"rescore": rescore} if rescore else {})}


def _hit(h: dict[str, Any]) -> Hit:
    src = h.get("_source", {})
    return Hit(
        id=h["_id"], title=src.get("title"), source_id=src.get("source_id"), source_name=src.get("source_name"),
        published_at=src.get("published_at"), url=src.get("canonical_url"), score=h.get("_score"),
        persons=src.get("persons", []),
        places=src.get("places", []), orgs=src.get("orgs", []), topics=src.get("topics", []),
        cluster_id=src.get("cluster_id"), cluster_size=src.get("cluster_size", 1),
    )
