"""Name discovery's store, ranking and the operator's decisions (``{prefix}-names``).

The daily pass (:func:`update_day`, run by the ``libya_news_digest`` DAG for every day that runs
touched, and by ``rasd gazetteer discover``) reads the day's articles once, finds the candidates
(``pipeline.discovery``) and merges the day's counts into one document per candidate name (id =
sha1 of its key): a ``days`` list (documents, stories, outlets, cue documents per day; the day's
entry is replaced when the day is run again, so re-runs are idempotent), the outlets, the surface
forms as printed, a few contexts, and a score. The pass never writes ``status``: it is set to
``pending`` when the document is created (``upsert``) and changed only by the operator. Pending
names found after a cue on an earlier day of the window are *watched*: the pass counts them in the
day's documents even where no cue precedes them today (:func:`watched_names`). A name new on the day (no
day entry in the window before it) is also counted on the window's earlier days, looked back in the articles
index (``pipeline.discovery_window``: day entries marked ``lookback``, ``cue_docs`` 0).

Ranking (:func:`score`) over the ``WINDOW_DAYS`` before the day it is asked for: stories (copies of
one story count once, log scale) times outlets (a name many outlets print is news beyond one
outlet's beat; chosen on the development days of bench/discovery_eval.py), times the share of
mentions that follow a cue
(low for common words that a cue happened to precede: كرة القدم), times half for a person whose
first word is not a common given name (``given_names.txt``, or a first word of the gazetteer's persons:
``pipeline.discovery_given``; شكره وتقديره), times a learned model's estimate that it is a real name of its kind
(``pipeline.discovery_kind``; an organization's at a higher power), times growth (stories in the last
``RECENT_DAYS`` against the rate before; a new name grows). Names that are one another's short form
(محمد بن سلمان / محمد بن سلمان بن عبدالعزيز, عادل الجبير / عادل بن أحمد الجبير), or its end (داود أوغلو,
an organization without its head) are one suggestion (:func:`same_entity`), and so are an organization's forms
that the daily pass linked (الجامعة العربية / جامعة الدول العربية, منظمة أوبك: ``pipeline.discovery_forms``).

Decisions
    ``accept`` appends an entry to the gazetteer data file of the kind (``persons.yaml``,
    ``orgs.yaml``, ``places.yaml``) with the forms seen as ``variants``, regenerates the plugin's
    protected names (``pipeline.wordlists``), and marks the names ``accepted``; the next steps
    (rebuild the plugin, migrate, re-tag with the backfill's archive mode) are returned.
    ``reject`` marks them ``rejected`` (with an optional note). Both decisions are kept in this
    index, so the daily pass on every worker, the CLI and Kibana's "pending" search see them at once
    without a deployment; the accepted names live on in the gazetteer files (reviewed in git), and
    the index is the one place rejections live (docs/decisions.md: "Name discovery").
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk

from pipeline import discovery_window as lookback
from pipeline.config import DATA_DIR, Settings, get_settings
from pipeline.discovery import (
    CONNECTORS,
    Candidate,
    DayDoc,
    KnownNames,
    discover_day,
    gazetteer_aliases,
    name_key,
)
from pipeline.discovery_forms import merge_linked, stored_links
from pipeline.discovery_given_start import given_docs_weight
from pipeline.discovery_kind import ranking_factor, tally
from pipeline.discovery_lists import gazetteer_kinds
from pipeline.discovery_lone import stored
from pipeline.discovery_merge import merge_entities, other_keys
from pipeline.errors import InputError
from pipeline.normalize import normalize

GAZETTEER_DIR = DATA_DIR / "gazetteer"
FILES = {"person": "persons.yaml", "org": "orgs.yaml", "place": "places.yaml"}
DEFAULT_TYPE = {"person": "person", "org": "institution", "place": "town"}
WINDOW_DAYS = 30
RECENT_DAYS = 7
KEEP_DAYS = 90  # day entries kept per name
MIN_DAY_DOCS = 2  # a name seen in fewer documents on a day is not stored for that day (unless one is after a
# cue: pipeline.discovery_lone), and the look-back reads it first on a day with this many
MIN_CUE_SHARE = 0.3  # below this share of mentions after a cue, the score falls in proportion (0.2 before stop 34:
# phrases a cue precedes now and then, أطراف الحديث, عقد يمتد, rose into the top 100; docs/benchmarks.md, stop 34 A)
STATUSES = ("pending", "accepted", "rejected")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,80}$")


def name_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _iso_day(day: date) -> str:
    return day.isoformat()


# -- the daily pass ---------------------------------------------------------------------------------------
def day_documents(day: date, *, es: Elasticsearch, settings: Settings) -> list[DayDoc]:
    """Every article published on ``day`` (title, body, outlet, story), read once (point in time)."""
    from pipeline.trends import day_window, window_documents

    start, end = day_window(day)
    return [DayDoc(id=d["id"], source_id=d.get("source_id") or "", title=d.get("title") or "",
                   body=d.get("body") or "", url=d.get("canonical_url"), cluster_id=d.get("cluster_id"))
            for d in window_documents(start, end, es=es, settings=settings)]


def watched_from(names: Iterable[dict[str, Any]], day: date, *, window: int = WINDOW_DAYS
                 ) -> dict[str, tuple[str, list[tuple[str, ...]]]]:
    """The pending names found after a cue on a day of the ``window`` days before ``day`` (name
    documents), as ``discover_day``'s ``watched``: key -> (kind, the written forms as normalized
    words). Only earlier days count, so re-running a day watches the same names."""
    lo, hi = _iso_day(day - timedelta(days=window)), _iso_day(day)
    out: dict[str, tuple[str, list[tuple[str, ...]]]] = {}
    for src in names:
        if src.get("status", "pending") != "pending":
            continue
        if not any(lo <= d.get("day", "") < hi and int(d.get("cue_docs", 0)) > 0 for d in src.get("days") or []):
            continue
        forms = {tuple(normalize(v).split()) for v in src.get("variants") or []}
        out[src["name"]] = (src["kind"], sorted(f for f in forms if f))
    return out


def watched_names(day: date, *, es: Elasticsearch, settings: Settings) -> dict[str, tuple[str, list[tuple[str, ...]]]]:
    """:func:`watched_from` over the names index."""
    from pipeline.lifecycle import scan_hits

    lo, hi = _iso_day(day - timedelta(days=WINDOW_DAYS)), _iso_day(day)
    query = {"bool": {"filter": [{"term": {"status": "pending"}}, {"range": {"first_seen": {"lt": hi}}},
                                 {"range": {"last_seen": {"gte": lo}}}]}}
    try:
        hits = list(scan_hits(es, settings.names_index, query, page=1000,
                          source=["name", "kind", "variants", "status", "days"]))
    except NotFoundError:
        return {}
    return watched_from((h["_source"] for h in hits), day)


def known_names(data_dir: Path = DATA_DIR) -> KnownNames:
    return KnownNames(gazetteer_aliases(data_dir), kinds=gazetteer_kinds(data_dir))  # kinds: discovery_lists


@dataclass
class DayResult:
    day: str
    documents: int
    candidates: int  # found that day (unknown names with at least MIN_DAY_DOCS documents, or one after a cue)
    written: int  # name documents created or updated
    decided: int  # skipped: already accepted or rejected
    looked_back: int = 0  # new names counted on the earlier days of the window (pipeline.discovery_window)


def update_day(day: date, *, es: Elasticsearch | None = None, settings: Settings | None = None,
               known: KnownNames | None = None, look_back: bool = True) -> DayResult:
    """Run discovery over ``day``'s articles and merge the day into the names index (idempotent);
    ``look_back``: a new name is counted on the window's earlier days too (``pipeline.discovery_window``)."""
    s = settings or get_settings()
    es = es or _client(s)
    docs = day_documents(day, es=es, settings=s)
    watched = watched_names(day, es=es, settings=s)
    found = [c for c in discover_day(docs, known or known_names(), watched=watched) if stored(c, MIN_DAY_DOCS)]
    existing = _mget(es, s, [name_id(c.name) for c in found])
    new = lookback.new_names(found, existing, day, WINDOW_DAYS, name_id=name_id,
                             min_docs=MIN_DAY_DOCS) if look_back else {}
    back = lookback.lookback_es(new, day, WINDOW_DAYS, es=es, settings=s, min_docs=MIN_DAY_DOCS) if new else {}
    now = datetime.now(UTC).isoformat()
    actions = []
    decided = 0
    for c in found:
        nid = name_id(c.name)
        old = existing.get(nid, {})
        if old.get("status", "pending") != "pending":
            decided += 1
            continue
        doc = merged(lookback.with_lookback(old, back.get(c.name, [])), c, day, now)
        actions.append({"_op_type": "update", "_index": s.names_index, "_id": nid, "doc": doc,
                        "upsert": doc | {"status": "pending"}, "retry_on_conflict": 3})
    if actions:
        bulk(es, actions, refresh=True)
    return DayResult(day=_iso_day(day), documents=len(docs), candidates=len(found), written=len(actions),
                     decided=decided, looked_back=len(back))


def _mget(es: Elasticsearch, s: Settings, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        try:
            resp = es.mget(index=s.names_index, ids=ids[i : i + 500])
        except NotFoundError:
            return out
        out.update({d["_id"]: d["_source"] for d in resp["docs"] if d.get("found")})
    return out


def merged(old: dict[str, Any], c: Candidate, day: date, now: str) -> dict[str, Any]:
    """The name document with ``day``'s entry (replacing an older run of the same day)."""
    day_s = _iso_day(day)
    entry = {"day": day_s, "docs": c.docs, "stories": c.stories, "cue_docs": c.cue_docs, "outlets": c.outlets,
             "kind_votes": c.kind_votes, "surfaces": c.surfaces, "shape": c.shape}
    if c.forms:
        entry["forms"] = c.forms  # the day's other forms of one organization (pipeline.discovery_forms)
    days = [d for d in old.get("days") or [] if d.get("day") != day_s] + [entry]
    days = sorted(days, key=lambda d: d["day"])[-KEEP_DAYS:]
    contexts = [x for x in old.get("contexts") or [] if x.get("day") != day_s]
    contexts = (contexts + [{"day": day_s, **x} for x in c.contexts])[-6:]
    votes, surfaces = tally(days)
    kind = max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0] if votes else c.kind
    stats = score(days, day, factor=ranking_factor({"name": c.name, "kind": kind, "days": days}, as_of=day))
    variants = [k for k, _v in sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0]))][:20]
    return {
        "name": c.name, "display": variants[0] if variants else c.name,
        "kind": kind,
        "kind_votes": votes, "variants": variants, "days": days,
        "outlets": sorted({o for d in days for o in d.get("outlets") or []}),
        "first_seen": days[0]["day"], "last_seen": days[-1]["day"], "contexts": contexts, "updated_at": now,
        **stats,
    }


def score(days: list[dict[str, Any]], as_of: date, *, window: int = WINDOW_DAYS, factor: float = 1.0
          ) -> dict[str, Any]:
    """The ranking of one name from its day entries in the ``window`` days up to ``as_of``."""
    lo = as_of - timedelta(days=window - 1)
    recent_lo = as_of - timedelta(days=RECENT_DAYS - 1)
    inside = [d for d in days if lo <= date.fromisoformat(d["day"]) <= as_of]
    stories = sum(int(d.get("stories", 0)) for d in inside)
    docs = sum(int(d.get("docs", 0)) for d in inside)
    cue_docs = sum(int(d.get("cue_docs", 0)) for d in inside)
    cued = cue_docs + given_docs_weight(inside)  # a cue-free person's documents (pipeline.discovery_given_start)
    outlets = len({o for d in inside for o in d.get("outlets") or []})
    recent = sum(int(d.get("stories", 0)) for d in inside if date.fromisoformat(d["day"]) >= recent_lo)
    before = stories - recent
    rate_before = before * RECENT_DAYS / max(1, window - RECENT_DAYS)
    growth = (recent + 1) / (rate_before + 1)
    cue_share = cue_docs / docs if docs else 0.0
    value = (factor * math.log1p(stories) * outlets * min(1.0, min(docs, cued) / docs / MIN_CUE_SHARE if docs else 0.0)
             * min(1.6, max(0.6, 1 + 0.3 * math.log(growth))))
    return {"stories": stories, "docs": docs, "cue_docs": cue_docs, "cue_share": round(cue_share, 3),
            "outlets_count": outlets, "growth": round(growth, 2), "score": round(value, 4)}


# -- suggestions ------------------------------------------------------------------------------------------
@dataclass
class Suggestion:
    id: str
    name: str
    display: str
    kind: str
    score: float
    stories: int
    docs: int
    outlets: int
    cue_share: float
    growth: float
    first_seen: str
    last_seen: str
    variants: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # keys of the names grouped here (short forms)
    member_ids: list[str] = field(default_factory=list)
    contexts: list[dict[str, Any]] = field(default_factory=list)
    status: str = "pending"


def same_name(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is a short form of ``long``: its beginning (محمد بن سلمان of … بن عبدالعزيز), or its
    first and last words (عادل الجبير of عادل بن أحمد الجبير)."""
    n = len(short)
    if n >= len(long):
        return False
    if long[:n] == short:
        return True
    # first and last words: a given name and a family name, not a chain of fathers' names
    # (محمد بن عبدالعزيز is not a short form of محمد بن سلمان بن عبدالعزيز)
    return (n == 2 and short[0] == long[0] and short[-1] == long[-1] and not (set(short) & CONNECTORS)
            and long[-2] not in CONNECTORS)


def _hits(es: Elasticsearch, s: Settings, query: dict[str, Any], size: int) -> list[dict[str, Any]]:
    try:
        resp = es.search(index=s.names_index, query=query, size=size, sort=[{"score": "desc"}])
    except NotFoundError:
        return []
    return list(resp["hits"]["hits"])


def suggest(*, es: Elasticsearch | None = None, settings: Settings | None = None, as_of: date | None = None,
            kinds: list[str] | None = None, top: int = 30, window: int = WINDOW_DAYS,
            status: str = "pending") -> list[Suggestion]:
    """The ``top`` candidate names of ``status`` seen in the ``window`` days up to ``as_of`` (default:
    today), ranked (module docstring); short forms grouped with their long form."""
    s = settings or get_settings()
    es = es or _client(s)
    for k in kinds or []:
        if k not in FILES:
            raise InputError(f"kind must be one of {sorted(FILES)}, got {k!r}")
    if status not in STATUSES:
        raise InputError(f"status must be one of {list(STATUSES)}, got {status!r}")
    as_of = as_of or datetime.now(UTC).date()
    flt: list[dict[str, Any]] = [{"term": {"status": status}},
                                 {"range": {"last_seen": {"gte": _iso_day(as_of - timedelta(days=window - 1)),
                                                          "lte": _iso_day(as_of)}}}]
    if kinds:
        flt.append({"terms": {"kind": kinds}})
    hits = _hits(es, s, {"bool": {"filter": flt}}, size=min(5000, max(500, top * 20)))
    rescored = []
    for h in hits:
        src = h["_source"]
        stats = score(src.get("days") or [], as_of, window=window,
                      factor=ranking_factor(src, as_of=as_of, window=window))
        if stats["stories"]:
            rescored.append((h["_id"], src, stats))
    return group(rescored)[:top]


def same_entity(a: tuple[str, ...], b: tuple[str, ...], kind: str) -> bool:
    """``a`` and ``b`` name one entity: one is a short form of the other (:func:`same_name`), or the
    end of it: a person's family name with the given names before it dropped (داود أوغلو of أحمد داود
    أوغلو; not the end of a lineage chain: سلمان بن عبدالعزيز is not محمد بن سلمان بن عبدالعزيز), an
    organization without its head (المقاومة الشعبية of قوات المقاومة الشعبية)."""
    if same_name(a, b) or same_name(b, a):
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    n = len(short)
    if n < 2 or n == len(long) or long[-n:] != short:
        return False
    if kind == "org":
        return len(long) == n + 1
    return kind == "person" and not (set(short) & CONNECTORS) and long[-n - 1] not in CONNECTORS


def group(rows: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> list[Suggestion]:
    """One suggestion per name and its short forms, best score first; the groups of an organization's forms that
    the daily pass linked (``pipeline.discovery_forms``: جامعة الدول العربية / الجامعة العربية) are one suggestion
    too, shown as the best-ranked group's form, and so are one entity's other written forms (a person with and
    without بن, an organization's head spelled differently: ``pipeline.discovery_merge``). Rows are ranked here
    (by ``stats["score"]``, stable), so every caller (``suggest``, ``find``, the bench) gets the same groups and the
    same form shown."""
    rows = sorted(rows, key=lambda r: -r[2]["score"])
    groups: list[tuple[list[tuple[str, dict[str, Any], dict[str, Any]]], set[tuple[str, ...]]]] = []
    by_word: dict[tuple[str, str, str], list[int]] = {}  # (kind, "first" | "last", word) -> groups
    for row in rows:
        words = tuple(row[1]["name"].split())
        kind = row[1]["kind"]
        home = None
        near = by_word.get((kind, "first", words[0]), []) + by_word.get((kind, "last", words[-1]), [])
        for gi in sorted(set(near)):
            if any(same_entity(words, w, kind) for w in groups[gi][1]):
                home = gi
                break
        if home is None:
            groups.append(([row], {words}))
            home = len(groups) - 1
        else:
            groups[home][0].append(row)
            groups[home][1].add(words)
        for key in ((kind, "first", words[0]), (kind, "last", words[-1])):
            if home not in by_word.setdefault(key, []):
                by_word[key].append(home)
    out = []
    for linked in merge_entities(merge_linked([members for members, _words in groups])):
        members = [m for g in linked for m in g]
        best = members[0]
        # the form to show and to write into the gazetteer: the longest one with a third of the stories, of the
        # best-ranked group (a linked group's own short forms do not choose it)
        most = max(m[2]["stories"] for m in linked[0])
        rep = max((m for m in linked[0] if m[2]["stories"] * 3 >= most),
                  key=lambda m: (len(m[1]["name"].split()), m[2]["stories"]))
        variants: list[str] = []
        for m in [rep] + [m for m in members if m is not rep]:
            variants += [v for v in m[1].get("variants") or [] if v not in variants]
        contexts = [c for m in members for c in m[1].get("contexts") or []][:3]
        out.append(Suggestion(
            id=rep[0], name=rep[1]["name"], display=rep[1].get("display") or rep[1]["name"], kind=rep[1]["kind"],
            score=best[2]["score"], stories=rep[2]["stories"], docs=rep[2]["docs"], outlets=rep[2]["outlets_count"],
            cue_share=rep[2]["cue_share"], growth=rep[2]["growth"], first_seen=min(m[1]["first_seen"] for m in members),
            last_seen=max(m[1]["last_seen"] for m in members), variants=variants,
            members=[m[1]["name"] for m in members], member_ids=[m[0] for m in members], contexts=contexts,
            status=rep[1].get("status", "pending")))
        _add_bare_form(out[-1])
    return out


def _add_bare_form(sug: Suggestion) -> None:
    """A head + one foreign word (شركة سوني) carries the bare word (سوني) as a form: rule ``head_bare_form`` of
    ``pipeline.discovery_bare``. Not as a variant: ``accept`` writes variants into the gazetteer, and the bare word
    may name a city the (Libyan) places gazetteer does not know (بنك دبي → دبي); the operator adds it by hand."""
    from pipeline.discovery_bare import head_bare_form
    from pipeline.discovery_cues import get_cues

    bare = head_bare_form(sug.kind, sug.name, get_cues())
    if bare is None or bare in sug.members:
        return
    sug.members.append(bare)


# -- decisions ------------------------------------------------------------------------------------------
def find(name: str, *, es: Elasticsearch | None = None, settings: Settings | None = None) -> Suggestion:
    """The suggestion (with its short forms) for ``name`` (as written, or a name id)."""
    s = settings or get_settings()
    es = es or _client(s)
    key = name_key(tuple(normalize(name).split()))
    if not key:
        raise InputError("give the name to decide on (as `rasd gazetteer suggest` prints it) or its id")
    doc = _mget(es, s, [name if re.fullmatch(r"[0-9a-f]{40}", name) else name_id(key)])
    if not doc:
        raise InputError(f"no candidate name {name!r} in {s.names_index} (see `rasd gazetteer suggest`)")
    nid, src = next(iter(doc.items()))
    words = tuple(src["name"].split())
    near = _hits(es, s, {"bool": {"filter": [{"prefix": {"name": words[0]}}, {"term": {"kind": src["kind"]}},
                                             {"term": {"status": src.get("status", "pending")}}]}}, size=200)
    as_of = date.fromisoformat(src["last_seen"])
    linked = _mget(es, s, [name_id(k) for k in stored_links(src) | set(other_keys(src["name"], src["kind"]))])
    # its other forms: linked by the daily pass (pipeline.discovery_forms), another head (pipeline.discovery_merge)
    status = src.get("status", "pending")
    near += [{"_id": i, "_source": x} for i, x in linked.items() if x.get("status", "pending") == status]
    rows = [(h["_id"], h["_source"], score(h["_source"].get("days") or [], as_of,
                                           factor=ranking_factor(h["_source"], as_of=as_of)))
            for h in [{"_id": nid, "_source": src}, *({h["_id"]: h for h in near if h["_id"] != nid}.values())]]
    for g in group(rows):
        if nid in g.member_ids:
            return g
    raise InputError(f"no candidate name {name!r}")  # pragma: no cover (the row itself forms a group)


@dataclass
class Accepted:
    entity_id: str
    kind: str
    file: str
    entry: dict[str, Any]
    written: bool  # False: the gazetteer already had it (a repeated accept changes nothing)
    next_steps: list[str]


def accept(name: str, *, entity_id: str | None = None, en: str | None = None, kind: str | None = None,
           libyan: bool = False, type_: str | None = None, es: Elasticsearch | None = None,
           settings: Settings | None = None, gazetteer_dir: Path = GAZETTEER_DIR, note: str | None = None,
           by: str | None = None) -> Accepted:
    """Add the suggestion ``name`` (with its short forms and spellings as variants) to the gazetteer
    of its kind, and mark it accepted."""
    s = settings or get_settings()
    es = es or _client(s)
    sug = find(name, es=es, settings=s)
    kind = kind or sug.kind
    if kind not in FILES:
        raise InputError(f"kind must be one of {sorted(FILES)}, got {kind!r}")
    path = gazetteer_dir / FILES[kind]
    entries = {kind_: _entries(gazetteer_dir / f) for kind_, f in FILES.items()}
    existing = _already(entries, sug)
    if existing:
        eid, written = existing, False
    else:
        eid = entity_id or f"found-{kind}-{sug.id[:8]}"
        if not _ID.fullmatch(eid):
            raise InputError(f"an entity id is lower-case letters, digits and '-': {eid!r}")
        if any(e.get("id") == eid for es_ in entries.values() for e in es_):
            raise InputError(f"the gazetteers already have an entity {eid!r}: choose another --id")
        written = True
    entry = {"id": eid, "ar": sug.display, "en": en, "variants": [v for v in sug.variants if v != sug.display],
             "short": [], "ambiguous": [], "libyan": bool(libyan), "type": type_ or DEFAULT_TYPE[kind]}
    if written:
        _append(path, entry, sug)
        if gazetteer_dir.resolve() == GAZETTEER_DIR.resolve():
            from pipeline import wordlists

            wordlists.main()
    _decide(es, s, sug, "accepted", note=note, by=by, gazetteer_id=eid)
    steps = [
        "make es-build, then `rasd es stop` / `rasd es start` (docker: rebuild and restart elasticsearch): "
        "the plugin's protected names come from the gazetteers",
        "rasd index migrate (or the libya_news_reindex DAG): stored articles analyzed by the new plugin",
        "trigger libya_news_backfill with mode=archive over the days to re-tag: articles already indexed "
        "get the new name (ids are stable, nothing is indexed twice)",
    ]
    return Accepted(entity_id=eid, kind=kind, file=str(path), entry=entry, written=written, next_steps=steps)


def reject(name: str, *, note: str | None = None, by: str | None = None, es: Elasticsearch | None = None,
           settings: Settings | None = None) -> Suggestion:
    """Mark the suggestion ``name`` (and its short forms) rejected: never suggested again."""
    s = settings or get_settings()
    es = es or _client(s)
    sug = find(name, es=es, settings=s)
    _decide(es, s, sug, "rejected", note=note, by=by)
    return sug


def _decide(es: Elasticsearch, s: Settings, sug: Suggestion, status: str, *, note: str | None, by: str | None,
            gazetteer_id: str | None = None) -> None:
    doc: dict[str, Any] = {"status": status, "decided_at": datetime.now(UTC).isoformat()}
    if note:
        doc["decision_note"] = note
    if by:
        doc["decided_by"] = by
    if gazetteer_id:
        doc["gazetteer_id"] = gazetteer_id
    bulk(es, ({"_op_type": "update", "_index": s.names_index, "_id": i, "doc": doc} for i in sug.member_ids),
         refresh=True)


def _entries(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.exists() else []


def _already(entries: dict[str, list[dict[str, Any]]], sug: Suggestion) -> str | None:
    """The id of a gazetteer entry that already has this name (a repeated accept)."""
    keys = {name_key(tuple(normalize(v).split())) for v in [sug.display, *sug.variants]} | set(sug.members)
    for ents in entries.values():
        for e in ents:
            for alias in [e.get("ar"), *(e.get("variants") or [])]:
                if alias and name_key(tuple(normalize(str(alias)).split())) in keys:
                    return str(e["id"])
    return None


def _append(path: Path, entry: dict[str, Any], sug: Suggestion) -> None:
    """Append the entry as YAML text (the file's comments and layout stay as they are)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = yaml.safe_dump([{k: v for k, v in entry.items() if v is not None}], allow_unicode=True,
                           sort_keys=False, width=120)
    header = (f"\n# accepted from name discovery on {datetime.now(UTC).date().isoformat()} (rasd gazetteer accept): "
              f"{sug.stories} stories, {sug.outlets} outlets, first seen {sug.first_seen}\n")
    path.write_text(text.rstrip("\n") + "\n" + header + block, encoding="utf-8")


def listing(*, status: str, es: Elasticsearch | None = None, settings: Settings | None = None,
            size: int = 100) -> Iterator[dict[str, Any]]:
    """Decided names (accepted or rejected), newest decision first."""
    s = settings or get_settings()
    es = es or _client(s)
    try:
        resp = es.search(index=s.names_index, query={"term": {"status": status}}, size=size,
                         sort=[{"decided_at": {"order": "desc", "unmapped_type": "date"}}],
                         source_excludes=["days", "contexts"])
    except NotFoundError:
        return
    for h in resp["hits"]["hits"]:
        yield {"id": h["_id"], **h["_source"]}


def _client(s: Settings) -> Elasticsearch:
    from pipeline.index import get_client

    return get_client(s)
