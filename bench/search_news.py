"""News search benchmark: the queries analysts type, on the shared news corpus, per query type.

    .venv/bin/python bench/search_news.py --corpus ../shared/corpus/saudinewsnet --es-url URL [--half heldout]

Documents: every usable SaudiNewsNet article (~30,000; title, body ≥ 200 characters), indexed
through the real template (``pipeline/data/index/articles.json``, ``Article.to_document``) with
the real tagger's persons, places, orgs and topics (``pipeline.tag``), clusters of copies from
MinHash as the pipeline draws them (``pipeline.dedup.signature``, same threshold; union of band
collisions whose estimated Jaccard reaches it) and ``published_at`` = the corpus date (21 July –
11 August 2015; "now" is the last article's time). No feed summary exists in this corpus.

Query types (deterministic, seed ``--seed``), relevant = STORIES (clusters: every copy counts):

* ``known_item``: 3–4 consecutive words of a title → that article's story; titles are EXCLUDED
  from the index of that run (title-less copies of every document), and articles whose body
  repeats the title are not used as targets;
* ``entity``: an entity named as analysts type it in Arabic (a person's surname form, a place's or
  an org's name) → the stories the tagger tagged with it (entities with ≥ 5 such stories);
* ``entity_place``: a person or org and a place (Arabic) → stories tagged with both (pairs with
  ≥ 3); the tagger's judgments are checked by hand on a sample (``bench/data/news_labels.tsv``);
* ``latin``: the same entities as ``entity``, typed in Latin letters as their ``en`` name
  (persons: the surname) → the same relevant stories; the ratio to ``entity`` is per entity;
* ``latin_variant``: spellings written here, never added to the gazetteers (HELDOUT_SPELLINGS:
  Hifter, Poutine, Bengasi…), which only the consonant-skeleton fallback can resolve.

Halves: every query is in the tuning half or the held-out half by a hash of its target (article
key, entity id, pair); ``--half`` picks which is scored (default: both, reported separately).
The ranking was tuned on the tuning half only.

Systems (same documents; collapse on ``cluster_id``, top 100 stories):

* ``arabic``: the built-in Arabic chain (rebuilt from the plugin's ``rasd_builtin_*`` filters) in
  place of ``rasd_arabic``, queried as Kibana's free-text search does (``multi_match``
  best_fields, OR, over the template's ``index.query.default_field``);
* ``rasd-kibana``: the same query over the rasd analyzers (what Kibana's own search gets);
* ``before``: ``rasd search`` as it was before this benchmark (frozen copy of its query: all words
  required in one field, title ×2);
* ``after``: ``pipeline.search.build_query`` with ``sort="relevance"``; ``after-text`` the same with
  the tag fields not scoring (names found by their spellings in the text only; the entity types'
  relevant sets come from the tags, so ``after`` is partly judged by its own evidence);
  ``after-news`` with the default news order (recency factor on).

Scores per type: MRR@10, nDCG@10 (binary), R@100 (relevant stories in the top 100 / min(|relevant|,
100)), and for entity types the median age in days of the top 10 (freshness). Prints tables and
one JSON line (last line of stdout). ``--label-sample N --label-out FILE`` writes N retrieved
(entity_place query, story) pairs with their passages to FILE (outside the repository) to label.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import html
import json
import math
import pickle
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasdnews"
LABELS = Path(__file__).resolve().parent / "data" / "news_labels.tsv"
TYPES = ("known_item", "entity", "entity_place", "latin", "latin_variant")
SYSTEMS = ("arabic", "rasd-kibana", "before", "after", "after-text", "after-news")
DEPTH = 100
_EDGE = re.compile(r"^[^\w\u0640]+|[^\w\u064b-\u065f\u0670\u0640]+$")
_LETTER = re.compile(r"[^\W\d_]")
# Spellings never added to pipeline/data/gazetteer (a test keeps them out): entity id of each.
HELDOUT_SPELLINGS = {
    "Hifter": "khalifa-haftar", "Muammar Qaddafi": "muammar-gaddafi", "Poutine": "vladimir-putin",
    "Sergei Lavrov": "sergey-lavrov", "Barak Obama": "barack-obama", "Sissi": "abdel-fattah-al-sisi",
    "Erdoghan": "recep-tayyip-erdogan", "Sameh Shukri": "sameh-shoukry", "Bernadino Leon": "bernardino-leon",
    "Abdallah al-Thani": "abdullah-al-thinni", "Omar al-Hasi": "omar-al-hassi", "Bengasi": "benghazi",
    "Syrte": "sirte", "Derne": "derna", "Tobruch": "tobruk", "Misurata": "misrata", "Tarabulus": "tripoli",
    "Sebha": "sabha", "Daech": "isis", "Nicolas Sarkozi": "nicolas-sarkozy", "Hilary Clinton": "hillary-clinton",
    "Mohammed bin Zayed": "mohamed-bin-zayed", "Zentan": "zintan",
}


@dataclass
class Query:
    type: str
    text: str
    relevant: set[str]  # cluster ids
    key: str  # what the half is drawn from
    entity: str | None = None

    @property
    def half(self) -> str:
        return "tune" if int(hashlib.sha1(self.key.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


@dataclass
class Corpus:
    docs: dict[str, dict[str, Any]]  # id -> document (title included)
    keys: dict[str, str]  # id -> corpus key
    tagged: dict[str, set[str]] = field(default_factory=dict)  # entity id -> cluster ids
    now: datetime = datetime(2015, 8, 12)


# -- documents -------------------------------------------------------------------------------------------
def build_corpus(path: Path, cache: Path | None) -> Corpus:
    if cache and cache.exists():
        with cache.open("rb") as f:
            corpus: Corpus = pickle.load(f)
        return corpus
    from pipeline.dedup import THRESHOLD, content_hash, estimate_jaccard, signature
    from pipeline.models import Article, Content, Dedup, HttpMeta, LanguageInfo
    from pipeline.tag import get_tagger
    from pipeline.urls import doc_id

    tagger = get_tagger()
    t0 = time.perf_counter()
    arts = common.load_corpus(path)
    docs: dict[str, dict[str, Any]] = {}
    keys: dict[str, str] = {}
    sigs: dict[str, list[int]] = {}
    bands: dict[str, list[str]] = defaultdict(list)
    by_hash: dict[str, list[str]] = defaultdict(list)
    mentions: dict[str, set[str]] = {}
    now = max(a.date for a in arts)
    for n, a in enumerate(arts):
        body = "\n".join(a.paragraphs)
        aid = doc_id(a.url)
        if aid in docs:
            continue
        tags = tagger.tag(a.title, body)
        sig, bkeys = signature(body)
        sigs[aid] = sig
        for b in bkeys:
            bands[b].append(aid)
        by_hash[content_hash(body)].append(aid)
        art = Article(id=aid, url=a.url, canonical_url=a.url, source_id=a.source, source_name=common.OUTLETS.get(a.source),
                      http=HttpMeta(url=a.url, final_url=a.url, status=200, fetched_at=a.date),
                      content=Content(title=a.title, text=body, published_at=a.date, date_source="feed",
                                      author=a.author or None, sitename=common.OUTLETS.get(a.source)),
                      language=LanguageInfo(lang="ar", prob=1.0, reason="bench"), tags=tags,
                      dedup=Dedup(cluster_id=aid))
        doc = art.to_document(now)
        doc.pop("minhash_sig", None)
        docs[aid] = doc
        keys[aid] = a.key
        mentions[aid] = {m.id for m in tags.persons + tags.places + tags.orgs}
        if (n + 1) % 5000 == 0:
            print(f"  tagged and signed {n + 1}/{len(arts)}, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    parent = {i: i for i in docs}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for group in by_hash.values():
        for other in group[1:]:
            union(group[0], other)
    for group in bands.values():
        if 1 < len(group) <= 200:
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if find(a) != find(b) and estimate_jaccard(sigs[a], sigs[b]) >= THRESHOLD:
                        union(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for i in docs:
        members[find(i)].append(i)
    for group in members.values():
        lead = min(group, key=lambda i: (docs[i]["published_at"], i))
        for i in group:
            docs[i].update(cluster_id=lead, cluster_size=len(group), is_cluster_lead=i == lead)
            if i != lead:
                docs[i]["duplicate_of"] = lead
    tagged: dict[str, set[str]] = defaultdict(set)
    for i, ents in mentions.items():
        for e in ents:
            tagged[e].add(docs[i]["cluster_id"])
    corpus = Corpus(docs=docs, keys=keys, tagged=dict(tagged), now=now + timedelta(hours=1))
    print(f"documents: {len(docs)} in {len(members)} stories, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if cache:
        with cache.open("wb") as f:
            pickle.dump(corpus, f)
    return corpus


def index_settings(analyzer: str) -> dict[str, Any]:
    """Settings and mappings of the article template; ``arabic`` swaps in the built-in chain."""
    from pipeline.index import load_template

    tpl = load_template("articles", PREFIX)["template"]
    settings = json.loads(json.dumps(tpl["settings"]))
    if analyzer == "arabic":
        chain = ["lowercase", "rasd_builtin_decimal_digit", "rasd_builtin_arabic_stop", "rasd_builtin_arabic_normalize",
                 "rasd_builtin_arabic_stem"]
        analyzers = settings["analysis"]["analyzer"]
        for name, a in analyzers.items():
            if name == "rasd_arabic_exact":
                a["filter"] = ["lowercase", "rasd_builtin_decimal_digit", "rasd_builtin_arabic_normalize"]
            elif name.startswith("rasd_arabic"):
                lead = [f for f in a["filter"] if f not in _RASD_FILTERS]  # e.g. the lead's token limit
                a["filter"] = lead + chain
    settings.update(number_of_shards=1, number_of_replicas=0, refresh_interval="-1")
    return {"settings": settings, "mappings": tpl["mappings"]}


_RASD_FILTERS = {"rasd_normalize", "rasd_stop", "rasd_builtin_keyword_repeat", "rasd_stem", "rasd_builtin_remove_duplicates"}


def build_index(es: Any, name: str, analyzer: str, corpus: Corpus, *, titles: bool, reuse: bool) -> None:
    from elasticsearch.helpers import bulk

    if reuse and es.indices.exists(index=name):
        return
    es.options(ignore_status=404).indices.delete(index=name)
    es.indices.create(index=name, **index_settings(analyzer))
    drop = () if titles else ("title",)
    actions = ({"_index": name, "_id": i, "_source": {k: v for k, v in d.items() if k not in drop}}
               for i, d in corpus.docs.items())
    t0 = time.perf_counter()
    ok, errors = bulk(es.options(request_timeout=300), actions, chunk_size=500, raise_on_error=False)
    if errors:
        raise SystemExit(f"{name}: {len(errors)} bulk errors, first: {errors[0]}")
    es.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
    es.indices.refresh(index=name)
    es.options(request_timeout=600).indices.forcemerge(index=name, max_num_segments=1)
    print(f"  {name}: {ok} documents in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


# -- queries ---------------------------------------------------------------------------------------------
def arabic_name(e: Any) -> str:
    """How analysts type an entity in Arabic: a person's surname form (first ``short``), else the name."""
    from pipeline.normalize import normalize

    if e.kind == "person" and e.short:
        return next(f for f in e.arabic_forms if normalize(f) == e.short[0])
    return e.ar


def latin_name(e: Any) -> str:
    base = re.sub(r"\s*\([^)]*\)", "", e.en).strip()
    return base.split()[-1] if e.kind == "person" else base


def make_queries(corpus: Corpus, seed: int, n_known: int) -> list[Query]:
    from pipeline.names import get_names
    from pipeline.normalize import normalize

    names = get_names()
    rng = random.Random(seed)
    queries: list[Query] = []
    ids = sorted(corpus.docs)
    rng.shuffle(ids)
    for i in ids:
        if len([q for q in queries if q.type == "known_item"]) >= n_known:
            break
        d = corpus.docs[i]
        title = html.unescape(d.get("title") or "")  # a few corpus titles carry &quot; and the like
        if normalize(title) in normalize(d["body"]):
            continue  # the body repeats the title: not a known-item test
        # words as written (harakat, tatweel kept), punctuation around them dropped, no digits-only tokens
        words = [w for w in (_EDGE.sub("", w) for w in title.replace("..", " ").split()) if _LETTER.search(w)]
        size = rng.choice([3, 4])
        starts = [s for s in range(0, max(len(words) - size + 1, 0))
                  if sum(1 for w in words[s:s + size] if len(normalize(w)) >= 3) >= 2]
        if not starts:
            continue
        s = rng.choice(starts)
        queries.append(Query("known_item", " ".join(words[s:s + size]), {d["cluster_id"]}, corpus.keys[i]))
    usable = {eid: stories for eid, stories in corpus.tagged.items() if len(stories) >= 5 and eid in names.entities}
    for eid in sorted(usable):
        e = names.entities[eid]
        queries.append(Query("entity", arabic_name(e), usable[eid], eid, eid))
        queries.append(Query("latin", latin_name(e), usable[eid], eid, eid))
    for spelling, eid in sorted(HELDOUT_SPELLINGS.items()):
        if eid in usable:
            queries.append(Query("latin_variant", spelling, usable[eid], f"variant:{spelling}", eid))
    pairs = []
    for a in sorted(corpus.tagged):
        ea = names.entities.get(a)
        if not ea or ea.kind == "place":
            continue
        for p in sorted(corpus.tagged):
            ep = names.entities.get(p)
            if not ep or ep.kind != "place":
                continue
            both = corpus.tagged[a] & corpus.tagged[p]
            if len(both) >= 3:
                pairs.append(Query("entity_place", f"{arabic_name(ea)} {ep.ar}", both, f"{a}+{p}", f"{a}+{p}"))
    rng.shuffle(pairs)
    queries.extend(sorted(pairs[:200], key=lambda q: q.key))
    return queries


# -- systems ---------------------------------------------------------------------------------------------
def before_query(text: str) -> dict[str, Any]:
    """``rasd search`` before this benchmark (pipeline/search.py at 6f8598c), words and phrases only."""
    must: list[dict[str, Any]] = []
    pattern = re.compile(r'"([^"]+)"|«([^»]+)»')
    for phrase in [a or b for a, b in pattern.findall(text)]:
        must.append({"multi_match": {"query": phrase, "type": "phrase", "fields": ["title.exact^2", "body.exact"]}})
    words = pattern.sub(" ", text).strip()
    if words:
        must.append({"multi_match": {"query": words, "fields": ["title^2", "body", "summary"], "operator": "and"}})
    return {"bool": {"must": must or [{"match_all": {}}]}}


def kibana_query(text: str) -> dict[str, Any]:
    """Kibana's free-text KQL: multi_match best_fields (OR) over index.query.default_field."""
    return {"multi_match": {"query": text, "type": "best_fields", "lenient": True,
                            "fields": ["title", "body", "summary", "persons", "places", "orgs", "source_name"]}}


def system_body(system: str, text: str, now: datetime, ranking: Any) -> dict[str, Any]:
    from pipeline.search import search_body

    if system.startswith("after"):
        if system == "after-text":  # names found by their spellings only: the tags do not score
            ranking = dataclasses.replace(ranking, entity_tag_boost=0.0)
        # hits folded to stories in run(), as ``rasd search`` does
        return search_body(text, size=DEPTH, sort="news" if system == "after-news" else "relevance",
                           now=now, ranking=ranking) | {"_source": ["cluster_id", "published_at"],
                                                        "track_total_hits": False}
    query = before_query(text) if system == "before" else kibana_query(text)
    return {"query": query, "size": DEPTH, "_source": ["cluster_id", "published_at"], "collapse": {"field": "cluster_id"}}


def run(es: Any, index: str, system: str, queries: list[Query], now: datetime, ranking: Any
        ) -> list[list[tuple[str, str]]]:
    """(cluster id, published_at) of the top stories of every query."""
    out: list[list[tuple[str, str]]] = []
    for start in range(0, len(queries), 50):
        batch = queries[start:start + 50]
        searches: list[dict[str, Any]] = []
        for q in batch:
            searches += [{"index": index}, system_body(system, q.text, now, ranking)]
        for q, resp in zip(batch, es.options(request_timeout=300).msearch(searches=searches)["responses"], strict=True):
            if "error" in resp:
                raise SystemExit(f"{system} {q.text!r}: {resp['error']}")
            ranked = [(h["_source"]["cluster_id"], h["_source"].get("published_at", "")) for h in resp["hits"]["hits"]]
            stories: dict[str, str] = {}  # one entry per story, at its best rank (a no-op after collapse)
            for c, p in ranked:
                stories.setdefault(c, p)
            out.append(list(stories.items())[:DEPTH])
    return out


# -- scores ----------------------------------------------------------------------------------------------
def scores(q: Query, ranked: list[tuple[str, str]], now: datetime) -> dict[str, float]:
    ids = [c for c, _ in ranked]
    first = next((r for r, c in enumerate(ids[:10], 1) if c in q.relevant), None)
    dcg = sum(1 / math.log2(r + 1) for r, c in enumerate(ids[:10], 1) if c in q.relevant)
    idcg = sum(1 / math.log2(r + 1) for r in range(1, min(len(q.relevant), 10) + 1))
    ages = [(now - datetime.fromisoformat(p)).total_seconds() / 86400 for _, p in ranked[:10] if p]
    return {"mrr10": 1 / first if first else 0.0, "ndcg10": dcg / idcg,
            "r100": len(set(ids[:DEPTH]) & q.relevant) / min(len(q.relevant), DEPTH),
            "age10": statistics.median(ages) if ages else float("nan")}


def mean(values: list[float]) -> float:
    vals = [v for v in values if v == v]
    return sum(vals) / len(vals) if vals else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS)
    ap.add_argument("--es-url", help=f"Elasticsearch; default: local node {common.BENCH_NODE!r} on port {common.BENCH_PORT}")
    ap.add_argument("--half", choices=("tune", "heldout", "both"), default="both")
    ap.add_argument("--known-items", type=int, default=1000, help="known-item queries (default 1000)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--ranking", default="{}", help="JSON overriding pipeline.search.Ranking fields for after*")
    ap.add_argument("--cache", type=Path, help="pickle of the tagged, clustered documents (outside the repo)")
    ap.add_argument("--reuse", action="store_true", help="keep and reuse the benchmark indices between runs")
    ap.add_argument("--label-sample", type=int, default=0)
    ap.add_argument("--label-out", type=Path)
    ap.add_argument("--details", type=Path, help="per-query scores, JSON lines (outside the repo)")
    args = ap.parse_args(argv)

    from pipeline.search import Ranking

    t0 = time.perf_counter()
    ranking = Ranking(**{**Ranking().__dict__, **json.loads(args.ranking)})
    corpus = build_corpus(args.corpus, args.cache)
    queries = make_queries(corpus, args.seed, args.known_items)
    halves = ("tune", "heldout") if args.half == "both" else (args.half,)
    queries = [q for q in queries if q.half in halves]
    print("queries: " + ", ".join(f"{t} {sum(1 for q in queries if q.type == t)}" for t in TYPES), file=sys.stderr)
    systems = [s for s in args.systems.split(",") if s]
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    details: list[dict[str, Any]] = []
    with common.bench_es(args.es_url, keep=args.reuse, heap="2g") as url:
        from elasticsearch import Elasticsearch

        es = Elasticsearch(url, request_timeout=300)
        for analyzer in ("rasd", "arabic"):
            if any((s == "arabic") == (analyzer == "arabic") for s in systems):
                build_index(es, f"{PREFIX}-{analyzer}", analyzer, corpus, titles=True, reuse=args.reuse)
                build_index(es, f"{PREFIX}-{analyzer}-notitle", analyzer, corpus, titles=False, reuse=args.reuse)
        for system in systems:
            analyzer = "arabic" if system == "arabic" else "rasd"
            for qtype in TYPES:
                qs = [q for q in queries if q.type == qtype]
                if not qs or (qtype.startswith("latin") and not system.startswith("after")):
                    continue
                index = f"{PREFIX}-{analyzer}" + ("-notitle" if qtype == "known_item" else "")
                ranked = run(es, index, system, qs, corpus.now, ranking)
                for q, r in zip(qs, ranked, strict=True):
                    sc = scores(q, r, corpus.now)
                    details.append({"system": system, "type": qtype, "half": q.half, "query": q.text,
                                    "entity": q.entity, "n_relevant": len(q.relevant), **sc})
                    results.setdefault(system, {}).setdefault(f"{qtype}/{q.half}", {}).setdefault("n", 0)
                    agg = results[system][f"{qtype}/{q.half}"]
                    agg["n"] += 1
                    for k, v in sc.items():
                        agg.setdefault(k, []).append(v)  # type: ignore[attr-defined]
        if args.label_sample:
            write_label_sample(es, corpus, [q for q in queries if q.type == "entity_place"], args, ranking)
        if not args.reuse:
            es.options(ignore_status=404).indices.delete(index=f"{PREFIX}-*")
        es.close()
    summary = report(results, details, halves)
    summary["labels"] = label_agreement(corpus, queries)
    summary.update(seconds=round(time.perf_counter() - t0, 1), ranking=ranking.__dict__, machine=common.machine(),
                   at=common.now_utc())
    if args.details:
        with args.details.open("w", encoding="utf-8") as f:
            for row in details:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def report(results: dict[str, Any], details: list[dict[str, Any]], halves: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"bench": "search_news", "scores": {}}
    for half in halves:
        rows = []
        for qtype in TYPES:
            for system, per in results.items():
                agg = per.get(f"{qtype}/{half}")
                if not agg:
                    continue
                m = {k: round(mean(v), 4) for k, v in agg.items() if k != "n"}
                out["scores"].setdefault(half, {}).setdefault(qtype, {})[system] = m | {"n": agg["n"]}
                rows.append([f"{qtype} ({agg['n']}) {system}", m["mrr10"], m["ndcg10"], m["r100"], m["age10"]])
        print(common.table(["type (queries) system", "MRR@10", "nDCG@10", "R@100", "age10 d"], rows,
                           title=f"News search, {half} half"))
        for system in ("after", "after-news"):
            lat = {(d["entity"]): d["mrr10"] for d in details if d["system"] == system and d["type"] == "latin"
                   and d["half"] == half}
            ara = {(d["entity"]): d["mrr10"] for d in details if d["system"] == system and d["type"] == "entity"
                   and d["half"] == half}
            common_ids = sorted(set(lat) & set(ara))
            if common_ids:
                lm, am = mean([lat[i] for i in common_ids]), mean([ara[i] for i in common_ids])
                out["scores"][half].setdefault("latin_vs_arabic", {})[system] = round(lm / am, 3) if am else None
                print(f"{half} {system}: Latin-letter / Arabic-letter MRR@10 on the same {len(common_ids)} entities: "
                      f"{lm:.4f} / {am:.4f} = {lm / am if am else float('nan'):.3f}")
        ki = out["scores"].get(half, {}).get("known_item", {})
        if "arabic" in ki and "after" in ki:
            print(f"{half}: known-item MRR@10 after / arabic = {ki['after']['mrr10'] / ki['arabic']['mrr10']:.3f}")
        print()
    return out


# -- the hand-labelled sample ----------------------------------------------------------------------------
def write_label_sample(es: Any, corpus: Corpus, queries: list[Query], args: argparse.Namespace, ranking: Any) -> None:
    """Top-10 stories of a sample of entity_place queries, with the passages naming each entity."""
    rng = random.Random(args.seed + 7)
    sample = rng.sample(queries, min(len(queries), args.label_sample))
    lead_of = {d["cluster_id"]: i for i, d in corpus.docs.items() if d.get("is_cluster_lead")}
    with args.label_out.open("w", encoding="utf-8") as f:
        for q in sample:
            ranked = run(es, f"{PREFIX}-rasd", "after", [q], corpus.now, ranking)[0][:10]
            for rank, (cid, _) in enumerate(ranked, 1):
                doc = corpus.docs[lead_of[cid]]
                f.write(json.dumps({"query": q.key, "text": q.text, "rank": rank, "key": corpus.keys[lead_of[cid]],
                                    "tagger": cid in q.relevant, "title": doc.get("title"),
                                    "body": doc["body"][:1500]}, ensure_ascii=False) + "\n")


def label_agreement(corpus: Corpus, queries: list[Query]) -> dict[str, Any]:
    """How far the tagger's relevant sets agree with the hand labels (bench/data/news_labels.tsv)."""
    if not LABELS.exists():
        return {}
    by_key = {q.key: q for q in queries if q.type == "entity_place"}
    cluster_of = {k: corpus.docs[i]["cluster_id"] for i, k in corpus.keys.items()}
    counts: Counter[str] = Counter()
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        qkey, akey, label = line.split("\t")[:3]
        q = by_key.get(qkey)
        if q is None or akey not in cluster_of:
            continue
        tagger = cluster_of[akey] in q.relevant
        counts[f"tagger_{'yes' if tagger else 'no'}_label_{label}"] += 1
    yes = counts["tagger_yes_label_1"] + counts["tagger_yes_label_0"]
    no = counts["tagger_no_label_1"] + counts["tagger_no_label_0"]
    out = dict(counts) | {"qrel_precision": round(counts["tagger_yes_label_1"] / yes, 3) if yes else None,
                          "relevant_among_untagged": round(counts["tagger_no_label_1"] / no, 3) if no else None}
    print(f"hand labels: {yes} retrieved stories the tagger counts relevant, of which a person judged "
          f"{out['qrel_precision']} relevant; {no} it does not, of which {out['relevant_among_untagged']} relevant")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
