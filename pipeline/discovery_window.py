"""Name discovery's look-back: a name first found today is counted over the earlier days of the window too.

A pending name found after a cue is *watched* from then on (``name_suggestions.watched_from``): counted on
later days where it appears bare. The days before it was first found were never counted, so a name cited
bare for two weeks and once after a title counted one day. When a name is **new** on a day (no document
yet, or none with a day entry in the ``window`` days before it: :func:`is_new`), the daily pass now counts
its mentions on those earlier days as well, and stores one entry per day like a regular one, marked
``"lookback": true`` and with ``cue_docs`` 0 (:func:`lookback_entries`):

* the ranking (``name_suggestions.score``) sums them like any day (stories, documents, outlets; the share
  of mentions after a cue falls with them, as it does with watched days; a damped weight and leaving them out
  of that share were tried and dropped: docs/benchmarks.md);
* they never make a name watched (``cue_docs`` 0), and a day with fewer than ``min_docs`` documents is not
  stored (the daily pass's ``MIN_DAY_DOCS``);
* idempotent: a re-run of the day finds the name with day entries before it (the looked-back ones), so it
  is not new and nothing is looked back again; when the look-back stored nothing, it runs again and finds
  the same nothing. No state on the worker: everything is in the names index.

Two implementations count the same mentions:

* :func:`lookback_es` (production, ``update_day``): one ``msearch`` of phrase queries over the window's
  articles, on ``title.exact`` / ``body.exact`` (the standard tokenizer and ``rasd_normalize``: the one
  normalization, no stemming, no stop words, so the positions are those of the words), each written form
  of the name and the same form with each proclitic the mention counting allows on its first word
  (والجبير, لعادل); aggregated per day: documents, stories (``cluster_id``; a document without one is its
  own story) and outlets (``source_id``).
* :func:`lookback_memory` (``bench/discovery_eval.py --memory``): discovery's own mention counting
  (``discovery._count_mentions``) over the earlier days' documents.

They differ where a phrase query cannot see what the counting sees: the end of a longer name (بن أحمد
الغامدي is not a mention of أحمد الغامدي; بندر بن محمد followed by a family name) is counted by the phrase
query, and a phrase may span a punctuation mark that the counting treats as a boundary. On the test
fixture (tests/test_discovery.py) the two give the same entries.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError

from pipeline.config import Settings
from pipeline.discovery import _MENTION_CLITICS, Candidate, DayDoc, Tokens, _count_mentions, get_cues
from pipeline.normalize import normalize

Forms = dict[str, tuple[str, list[tuple[str, ...]]]]  # key -> (kind, written forms as normalized words)
LAST_SECONDS: dict[str, float] = {"queries": 0.0, "names": 0.0}  # the last ES look-back (the bench prints it)


def is_new(old: Mapping[str, Any] | None, day: date, window: int, min_docs: int = 1) -> bool:
    """The name has no day entry with ``min_docs`` documents in the ``window`` days before ``day`` (the range
    ``watched_from`` reads; a day with one document after a cue, ``pipeline.discovery_lone``, does not count)."""
    lo, hi = (day - timedelta(days=window)).isoformat(), day.isoformat()
    return not any(lo <= str(d.get("day", "")) < hi and int(d.get("docs", min_docs)) >= min_docs
                   for d in (old or {}).get("days") or [])


def new_names(found: Iterable[Candidate], existing: Mapping[str, Mapping[str, Any]], day: date, window: int,
              *, name_id: Callable[[str], str], min_docs: int = 1) -> Forms:
    """The candidates of ``day`` found after a cue in ``min_docs`` documents or more that are new (:func:`is_new`)
    and pending, with their written forms (the key's words and every surface form, normalized)."""
    out: Forms = {}
    for c in found:
        old = existing.get(name_id(c.name))
        if c.cue_docs <= 0 or c.docs < min_docs or (old or {}).get("status", "pending") != "pending" or not is_new(
                old, day, window, min_docs):
            continue
        forms = {tuple(c.name.split())} | {tuple(normalize(s).split()) for s in c.surfaces}
        out[c.name] = (c.kind, sorted(f for f in forms if f))
    return out


def _entry(day: str, docs: int, stories: int, outlets: Iterable[str]) -> dict[str, Any]:
    return {"day": day, "docs": docs, "stories": stories, "cue_docs": 0, "outlets": sorted(outlets),
            "kind_votes": {}, "surfaces": {}, "lookback": True}


def with_lookback(old: Mapping[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The name document ``old`` with the looked-back day entries added (a day it already has is kept)."""
    have = {d.get("day") for d in old.get("days") or []}
    days = list(old.get("days") or []) + [e for e in entries if e["day"] not in have]
    return {**old, "days": sorted(days, key=lambda d: d["day"])}


def earlier_days(day: date, window: int) -> tuple[date, date]:
    """The look-back's days: [``day`` - ``window`` + 1, ``day``), the days ``score`` counts as of ``day``."""
    return day - timedelta(days=window - 1), day


# -- in memory (the bench) --------------------------------------------------------------------------------
def lookback_memory(names: Forms, days: Iterable[tuple[str, list[DayDoc], list[Tokens]]], *,
                    min_docs: int) -> dict[str, list[dict[str, Any]]]:
    """Look-back entries per name key, counted by discovery's mention counting in each earlier day's
    documents (``days``: (ISO day, documents, their tokens), the days of :func:`earlier_days`)."""
    out: dict[str, list[dict[str, Any]]] = {}
    if not names:
        return out
    cues = get_cues()
    keep = {k: kind for k, (kind, _f) in names.items()}
    forms = {k: set(f) for k, (_kind, f) in names.items()}
    for day, docs, tokenized in days:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        none: dict[str, set[int]] = defaultdict(set)  # no cue documents: a count only
        for c in _count_mentions(docs, tokenized, keep, forms, votes, none, cues, fragments=False):
            if c.docs >= min_docs:
                out.setdefault(c.name, []).append(_entry(day, c.docs, c.stories, c.outlets))
    return out


# -- in Elasticsearch (the daily pass) ----------------------------------------------------------------------
def phrases(forms: Iterable[tuple[str, ...]]) -> list[str]:
    """Each written form, and the same with each proclitic the mention counting allows on its first word."""
    out: list[str] = []
    for words in forms:
        for clitic in ("", *sorted(_MENTION_CLITICS)):
            p = " ".join((clitic + words[0], *words[1:]))
            if p not in out:
                out.append(p)
    return out


def _query(forms: list[tuple[str, ...]], lo: date, hi: date, min_docs: int) -> dict[str, Any]:
    should = [{"match_phrase": {field: p}} for p in phrases(forms) for field in ("title.exact", "body.exact")]
    return {
        "size": 0, "track_total_hits": False,
        "query": {"bool": {"filter": [{"range": {"published_at": {
            "gte": datetime(lo.year, lo.month, lo.day, tzinfo=UTC).isoformat(),
            "lt": datetime(hi.year, hi.month, hi.day, tzinfo=UTC).isoformat()}}}],
            "should": should, "minimum_should_match": 1}},
        "aggs": {"days": {
            "date_histogram": {"field": "published_at", "calendar_interval": "day", "time_zone": "UTC",
                               "min_doc_count": min_docs, "format": "yyyy-MM-dd"},
            "aggs": {"stories": {"terms": {"field": "cluster_id", "size": 10000}},
                     "lone": {"missing": {"field": "cluster_id"}},
                     "outlets": {"terms": {"field": "source_id", "size": 1000}}}}},
    }


def lookback_es(names: Forms, day: date, window: int, *, es: Elasticsearch, settings: Settings,
                min_docs: int, batch: int = 200) -> dict[str, list[dict[str, Any]]]:
    """Look-back entries per name key from the articles index (module docstring): one msearch per
    ``batch`` names."""
    out: dict[str, list[dict[str, Any]]] = {}
    lo, hi = earlier_days(day, window)
    keys = sorted(names)
    t = time.perf_counter()
    for i in range(0, len(keys), batch):
        chunk = keys[i : i + batch]
        searches: list[dict[str, Any]] = []
        for key in chunk:
            searches += [{"index": settings.articles_alias}, _query(names[key][1], lo, hi, min_docs)]
        try:
            resp = es.msearch(searches=searches)
        except NotFoundError:
            return out
        for key, r in zip(chunk, resp["responses"], strict=True):
            if "error" in r:
                raise RuntimeError(f"look-back query for {key!r} failed: {r['error']}")
            for b in r["aggregations"]["days"]["buckets"]:
                if b["doc_count"] < min_docs:
                    continue
                stories = len(b["stories"]["buckets"]) + int(b["lone"]["doc_count"])
                out.setdefault(key, []).append(
                    _entry(b["key_as_string"], int(b["doc_count"]), stories,
                           [o["key"] for o in b["outlets"]["buckets"]]))
    LAST_SECONDS.update(queries=time.perf_counter() - t, names=float(len(keys)))
    return out
