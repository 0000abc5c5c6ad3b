"""What is new, measured: rising stories, rising terms and name discovery on the shared corpus,
replayed day by day.

    .venv/bin/python bench/trends.py --corpus ../shared/corpus/saudinewsnet --scales 1,10 \\
        [--es-url http://127.0.0.1:9261] [--days 2015-08-03,2015-08-06,2015-08-11]

Documents: every usable SaudiNewsNet article (title and ≥ 200 characters of body: 30,051 over 18
days of July–August 2015, 14 outlets), read at run time, as article documents of the real template
(``pipeline/data/index/articles.json``, so ``trend_text`` is analyzed by ``rasd_terms``). Stories are
real: copies are clustered by ``pipeline.dedup.MemoryClusterer`` (the rules of the live path: exact
copies, then MinHash near duplicates of a cluster lead), in the order the corpus saw them.
``fetched_at`` is the article's ``date_extracted`` (when the corpus' crawler saw it);
``published_at`` is up to two hours earlier. No tags: trends and discovery read the text.

Scales: 1× is the corpus. 10× (300,000 documents) adds nine copies of it, copy k moved k × 21
days later (so the index holds 210 days, as a deployment grows with time, ~1,700 documents a day)
and with its text recombined so that no two copies are equal: each article's paragraphs in a new
order, one in three replaced by a paragraph of another article of the same outlet and day; titles
kept; copies keep their story structure (a copy's clusters are the original's, under new ids). The
first nine copies are bulk-loaded as history; then the last copy's 18 days are replayed.

Replay: day by day in date order, index the day's documents (refresh), then compute what the
``libya_news_digest`` DAG computes for that day: rising stories of the day, the top story of each
hour, rising terms, and name discovery's pass over the day's documents (fetch + extract), and the
daily digest of ``pipeline.digest``. Each part is timed (client wall time, ES included), and the
CPU seconds of the three trends parts are counted (this process, and the Elasticsearch node from its
stats, which includes its background merging); the table gives the median and the maximum over the
replayed days. Elasticsearch's own ``significant_text`` is timed once beside ours on the first
printed day (``--significant-text N``: a sampler of N story leads). Then the top rising
terms (and stories) of three chosen days of the 1× replay are printed for a reader to judge; the
days are in the part of the corpus the stop lists were NOT chosen on (2015-08-02 .. 2015-08-11).

Side by side: ``--compare REV`` also times the rising terms of ``pipeline/trends.py`` as of git
revision REV on each day (same documents, order alternating by day) and counts the top-20 terms the
two share. Reuse: building the 10× index takes long on a shared machine; ``--reuse`` keeps it
(prefix ``rasdtrendsx10``) and uses it again when it holds the history, ``--reuse-partial`` also
when its loading was stopped (its whole copies are the history, the next copy is replayed), and
``--replay-days N`` replays only the first N days.

Elasticsearch: ``--es-url``, or the local node ``bench`` (port 9291). Index prefix ``rasdtrends``
(dropped before and after unless ``--keep-indices``). Prints tables, then one JSON line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasdtrends"
SHIFT_DAYS = 21
DEFAULT_DAYS = "2015-08-03,2015-08-06,2015-08-11"


# -- documents -----------------------------------------------------------------------------------------------
def corpus_docs(articles: list[common.CorpusArticle], rng: random.Random) -> list[dict[str, Any]]:
    """One article document per corpus article, with real clusters (``MemoryClusterer``)."""
    from pipeline.dedup import MemoryClusterer, features, title_hash
    from pipeline.urls import doc_id

    arts = sorted(articles, key=lambda a: (a.date, a.key))
    clusterer = MemoryClusterer()
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    t0 = time.perf_counter()
    for n, a in enumerate(arts):
        aid = doc_id(a.url)
        if aid in seen:
            continue
        seen.add(aid)
        body = "\n".join(a.paragraphs)
        chash, sig, bands = features(body)
        cluster = clusterer.add(aid, chash, sig, bands)
        fetched = a.date
        published = fetched - timedelta(minutes=rng.randint(0, 120))
        docs.append({
            "_id": aid, "url": a.url, "canonical_url": a.url, "source_id": a.source,
            "source_name": common.OUTLETS.get(a.source), "title": a.title, "body": body,
            "published_at": published.isoformat(), "fetched_at": fetched.isoformat(), "language": "ar",
            "content_hash": chash, "title_hash": title_hash(a.source, a.title), "cluster_id": cluster,
            "is_cluster_lead": cluster == aid, "libya_relevant": True, "extraction_method": "trafilatura",
        })
        if (n + 1) % 10000 == 0:
            print(f"  clustered {n + 1}/{len(arts)}, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sizes: dict[str, int] = defaultdict(int)
    for d in docs:
        sizes[d["cluster_id"]] += 1
    for d in docs:
        d["cluster_size"] = sizes[d["cluster_id"]]
    return docs


def variant(docs: list[dict[str, Any]], k: int, rng: random.Random) -> list[dict[str, Any]]:
    """Copy ``k``: ``k × SHIFT_DAYS`` days later, paragraphs reordered and one in three replaced by a
    paragraph of another article of the same outlet and day; clusters kept under new ids."""
    shift = timedelta(days=k * SHIFT_DAYS)
    pool: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in docs:
        pool[(d["source_id"], d["fetched_at"][:10])] += d["body"].split("\n")
    out = []
    for d in docs:
        paras = d["body"].split("\n")
        rng.shuffle(paras)
        others = pool[(d["source_id"], d["fetched_at"][:10])]
        paras = [rng.choice(others) if rng.random() < 1 / 3 and len(others) > 1 else p for p in paras]
        new = dict(d)
        new["_id"] = hashlib.sha256(f"{d['_id']}|{k}".encode()).hexdigest()[:40]
        new["url"] = new["canonical_url"] = f"{d['url']}#copy{k}"
        new["body"] = "\n".join(paras)
        new["cluster_id"] = hashlib.sha256(f"{d['cluster_id']}|{k}".encode()).hexdigest()[:40]
        for key in ("published_at", "fetched_at"):
            new[key] = (datetime.fromisoformat(d[key]) + shift).isoformat()
        new["content_hash"] = hashlib.sha256(new["body"].encode()).hexdigest()
        out.append(new)
    return out


def by_day(docs: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        days[d["fetched_at"][:10]].append(d)
    return dict(sorted(days.items()))


# -- Elasticsearch -------------------------------------------------------------------------------------------
def load(es: Any, alias: str, docs: Iterable[dict[str, Any]], *, refresh: bool = True) -> int:
    from elasticsearch.helpers import streaming_bulk

    now = datetime.now(UTC).isoformat()

    def actions() -> Iterator[dict[str, Any]]:
        for d in docs:
            src = {k: v for k, v in d.items() if k != "_id"}
            src["indexed_at"] = now
            yield {"_op_type": "index", "_index": alias, "_id": d["_id"], "_source": src}

    n = 0
    for ok, item in streaming_bulk(es, actions(), chunk_size=500, max_retries=5, raise_on_error=False):
        if not ok:
            raise SystemExit(f"bulk failed: {item}")
        n += 1
    if refresh:
        es.indices.refresh(index=alias)
    return n


def compute_day(es: Any, s: Any, day: date, known: Any,
                old: Any = None) -> tuple[dict[str, float], dict[str, Any]]:
    """What the digest DAG computes for ``day``, each part timed (seconds). ``old``: a former
    ``pipeline.trends`` module whose rising terms are timed beside the current ones (the order
    alternates by day, so neither always meets a warm cache)."""
    from pipeline import digest, trends
    from pipeline import name_suggestions as names

    times: dict[str, float] = {}
    out: dict[str, Any] = {}
    start, end = trends.day_window(day)
    cpu0, es_cpu0 = time.process_time(), common.es_cpu_s(es)
    t = time.perf_counter()
    out["stories"] = trends.rising_stories(start, end, es=es, settings=s, top=10)
    times["rising stories"] = time.perf_counter() - t
    t = time.perf_counter()
    out["hourly"] = trends.rising_by_hour(day, es=es, settings=s)
    times["by hour"] = time.perf_counter() - t
    runs = [("", trends)] + ([("old ", old)] if old is not None else [])
    if day.toordinal() % 2:
        runs.reverse()
    for label, module in runs:
        t, cpu1, es_cpu1 = time.perf_counter(), time.process_time(), common.es_cpu_s(es)
        out[f"{label}terms"] = module.rising_terms(start, end, es=es, settings=s, top=20)
        times[f"{label}rising terms"] = time.perf_counter() - t
        times[f"{label}terms CPU: Python"] = time.process_time() - cpu1
        times[f"{label}terms CPU: Elasticsearch"] = common.es_cpu_s(es) - es_cpu1
    times["trends CPU: Python"] = time.process_time() - cpu0 - times.get("old terms CPU: Python", 0.0)
    times["trends CPU: Elasticsearch"] = common.es_cpu_s(es) - es_cpu0 - times.get(
        "old terms CPU: Elasticsearch", 0.0)
    if old is not None:
        new_top = {x.term for x in out["terms"]}
        times["old vs new: shared of top 20"] = float(sum(1 for x in out["old terms"] if x.term in new_top))
    t = time.perf_counter()
    day_docs = names.day_documents(day, es=es, settings=s)
    times["discovery: fetch"] = time.perf_counter() - t
    t = time.perf_counter()
    from pipeline.discovery import discover_day

    out["candidates"] = discover_day(day_docs, known)
    times["discovery: extract"] = time.perf_counter() - t
    t = time.perf_counter()
    digest.build_digest(day, es=es, settings=s, with_trends=False)
    times["digest (as before)"] = time.perf_counter() - t
    return times, out


def significant_text_side_by_side(es: Any, s: Any, day: date, ours: list[Any], sample: int) -> dict[str, Any]:
    """Elasticsearch's own ``significant_text`` (JLH) over the same story leads of ``day`` (sampler of
    ``sample`` documents, whole index as background): time, and overlap of its top 20 with ours."""
    from pipeline import trends

    start, end = trends.day_window(day)
    leads = {"term": {"is_cluster_lead": True}}
    window = {"range": {"published_at": {"gte": start.isoformat(), "lt": end.isoformat()}}}
    t = time.perf_counter()
    resp = es.search(index=s.articles_alias, size=0, query={"bool": {"filter": [leads, window]}}, aggs={
        "sample": {"sampler": {"shard_size": sample}, "aggs": {"terms": {"significant_text": {
            "field": "trend_text", "source_fields": ["title", "body"], "size": 20, "min_doc_count": 3}}}}})
    seconds = time.perf_counter() - t
    theirs = [b["key"] for b in resp["aggregations"]["sample"]["terms"]["buckets"]]
    mine = {w for x in ours for w in [x.term]}
    return {"day": day.isoformat(), "sample": sample, "seconds": round(seconds, 2), "top20": theirs,
            "shared_with_ours": sum(1 for t_ in theirs if any(t_ in m or m in t_ for m in mine))}


def replay(es: Any, s: Any, days: dict[str, list[dict[str, Any]]], known: Any,
           keep: set[str], old: Any = None) -> tuple[list[dict[str, float]], dict[str, dict[str, Any]]]:
    timings: list[dict[str, float]] = []
    kept: dict[str, dict[str, Any]] = {}
    for day_s, docs in days.items():
        load(es, s.articles_write_alias, docs)
        times, out = compute_day(es, s, date.fromisoformat(day_s), known, old)
        times["trends total (stories+hour+terms)"] = sum(
            times[k] for k in ("rising stories", "by hour", "rising terms"))
        times["all (with discovery)"] = times["trends total (stories+hour+terms)"] + times["discovery: fetch"] + \
            times["discovery: extract"]
        timings.append(times)
        if day_s in keep:
            kept[day_s] = out
        print(f"  {day_s}: {len(docs)} docs, trends {times['trends total (stories+hour+terms)']:.2f} s, "
              f"discovery {times['discovery: fetch'] + times['discovery: extract']:.2f} s", file=sys.stderr)
    return timings, kept


def summary(timings: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    parts = list(timings[0]) if timings else []
    return {p: {"median_s": round(statistics.median(t[p] for t in timings), 3),
                "max_s": round(max(t[p] for t in timings), 3)} for p in parts}


def prefix_of(scale: int, reuse: bool) -> str:
    return f"{PREFIX}x{scale}" if reuse and scale > 1 else PREFIX


def _loaded(es: Any, prefix: str) -> int:
    resp = es.options(ignore_status=404).count(index=f"{prefix}-articles-v*")
    return int(resp.get("count", 0)) if hasattr(resp, "get") else 0


def old_trends(rev: str) -> Any:
    """``pipeline/trends.py`` as of git revision ``rev``, loaded as a module of its own."""
    import subprocess
    import types

    src = subprocess.run(["git", "show", f"{rev}:pipeline/trends.py"], check=True, capture_output=True,
                         text=True, cwd=Path(__file__).resolve().parent.parent).stdout
    module = types.ModuleType(f"trends_{rev}")
    module.__file__ = f"<pipeline/trends.py at {rev}>"
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(src, module.__file__, "exec"), module.__dict__)
    return module


# -- main ------------------------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline import index as index_stage
    from pipeline.discovery import KnownNames, gazetteer_aliases

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    old = old_trends(args.compare) if args.compare else None
    articles = common.load_corpus(args.corpus, n=args.n, seed=args.seed)
    docs = corpus_docs(articles, rng)
    del articles
    print(f"documents: {len(docs)}, {len({d['cluster_id'] for d in docs})} stories, "
          f"built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    known = KnownNames(gazetteer_aliases())
    chosen = set(args.days.split(","))
    scales = sorted({int(x) for x in args.scales.split(",")})
    results: dict[int, Any] = {}
    examples: dict[str, dict[str, Any]] = {}
    with common.bench_es(args.es_url, keep=args.keep_es, heap=args.heap) as es_url:
        es = index_stage.get_client(common.configure(es_url, PREFIX)).options(request_timeout=300)
        try:
            for scale in scales:
                prefix = prefix_of(scale, args.reuse)
                s = common.configure(es_url, prefix)
                history = (scale - 1) * len(docs)
                loaded = _loaded(es, prefix) if scale > 1 and args.reuse else 0
                reused = loaded >= len(docs) and loaded // len(docs) < scale - 1 and args.reuse_partial
                if reused:  # an index whose loading was stopped: the copies it holds are the history
                    print(f"scale {scale}×: the index holds {loaded} documents; replaying copy "
                          f"{loaded // len(docs)} over them", file=sys.stderr)
                    history_copies = loaded // len(docs)
                else:
                    reused = scale > 1 and args.reuse and loaded >= history
                    history_copies = scale - 1
                if not reused:
                    common.drop_prefix(es, prefix)
                index = index_stage.ensure_indices(es, s)
                if reused:
                    print(f"scale {scale}×: reusing {prefix}-* ({_loaded(es, prefix)} documents)", file=sys.stderr)
                    last = variant(docs, history_copies, random.Random(args.seed + history_copies))
                elif scale > 1:
                    es.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
                    t = time.perf_counter()
                    n = sum(load(es, s.articles_write_alias, variant(docs, k, random.Random(args.seed + k)),
                                 refresh=False) for k in range(scale - 1))
                    es.indices.put_settings(index=index, settings={"index": {"refresh_interval": "1s"}})
                    es.indices.refresh(index=index)
                    print(f"scale {scale}×: {n} documents of history loaded in {time.perf_counter() - t:.0f} s",
                          file=sys.stderr)
                    last = variant(docs, scale - 1, random.Random(args.seed + scale - 1))
                else:
                    last = docs
                days = by_day(last)
                if args.replay_days and scale > 1:  # the first N days only (the history is their background)
                    days = dict(list(days.items())[: args.replay_days])
                timings, kept = replay(es, s, days, known, chosen if scale == 1 else set(), old)
                total = es.count(index=s.articles_alias)["count"]
                results[scale] = {"docs": total, "days": len(timings), "parts": summary(timings),
                                  "machine": common.machine()}
                if scale == 1:
                    examples = kept
                    if args.significant_text and kept:
                        day_s = sorted(kept)[0]
                        results[scale]["significant_text"] = significant_text_side_by_side(
                            es, s, date.fromisoformat(day_s), kept[day_s]["terms"], args.significant_text)
        finally:
            if not (args.keep_indices or args.reuse):
                for scale in scales:
                    common.drop_prefix(es, prefix_of(scale, args.reuse))
            es.close()
    return report(results, examples, time.perf_counter() - t0)


def report(results: dict[int, Any], examples: dict[str, dict[str, Any]], seconds: float) -> dict[str, Any]:
    for scale, r in results.items():
        rows = [(part, v["median_s"], v["max_s"]) for part, v in r["parts"].items()]
        print(common.table(("part", "median s", "max s"), rows,
                           title=f"{scale}×: {r['docs']} documents, {r['days']} days replayed; machine {r['machine']}"))
        if "significant_text" in r:
            st = r["significant_text"]
            print(f"significant_text on {st['day']} (sampler {st['sample']}): {st['seconds']} s; "
                  f"{st['shared_with_ours']}/20 of its terms in ours: {', '.join(st['top20'])}")
    for day_s, out in sorted(examples.items()):
        print(f"\n== {day_s}: rising terms (JLH, stories vs the 30 days before)")
        rows = [(i, t.term, t.docs, t.background_docs, t.outlets, t.score) for i, t in enumerate(out["terms"], 1)]
        print(common.table(("#", "term", "stories", "background", "outlets", "score"), rows))
        if "old terms" in out:
            print(f"== {day_s}: rising terms of the compared (old) revision")
            rows = [(i, t.term, t.docs, t.background_docs, t.outlets, t.score)
                    for i, t in enumerate(out["old terms"], 1)]
            print(common.table(("#", "term", "stories", "background", "outlets", "score"), rows))
        print(f"== {day_s}: rising stories (outlets gained, by fetched_at)")
        rows = [(i, st.outlets_gained, st.outlets_total, st.first_seen[11:16], (st.label or "")[:70])
                for i, st in enumerate(out["stories"], 1)]
        print(common.table(("#", "gained", "outlets", "first seen", "label (lead's title)"), rows))
    out = {"bench": "trends", "seconds": round(seconds, 1),
           "scales": {str(k): {"docs": v["docs"], "days": v["days"], "parts": v["parts"],
                               "significant_text": v.get("significant_text")} for k, v in results.items()},
           "examples": {d: {"terms": [t.term for t in o["terms"]],
                            "old_terms": [t.term for t in o.get("old terms", [])],
                            "stories": [st.label for st in o["stories"]]} for d, o in examples.items()}}
    print(json.dumps(out, ensure_ascii=False))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--n", type=int, default=None, help="sample this many articles (default: all)")
    ap.add_argument("--scales", default="1,10", help="comma-separated multiples of the corpus (default 1,10)")
    ap.add_argument("--days", default=DEFAULT_DAYS, help="days whose rising terms and stories are printed")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--es-url", default=None, help="use this Elasticsearch (default: local node 'bench', port 9291)")
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--significant-text", type=int, default=1000, metavar="N",
                    help="time Elasticsearch's significant_text on the first printed day, sampler of N (0: no)")
    ap.add_argument("--compare", metavar="REV", default=None,
                    help="also time the rising terms of pipeline/trends.py as of git revision REV, side by side")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the >1× index between runs (prefix rasdtrendsxN) and reuse it when it holds the "
                         "history; the replayed days are indexed again (same ids), later days are already there")
    ap.add_argument("--reuse-partial", action="store_true",
                    help="with --reuse: an index whose loading was stopped is used as is (its whole copies are "
                         "the history, the next copy is replayed)")
    ap.add_argument("--replay-days", type=int, default=0, metavar="N",
                    help="at scales > 1: replay only the first N days of the last copy (0: all)")
    ap.add_argument("--keep-es", action="store_true")
    ap.add_argument("--keep-indices", action="store_true")
    run(ap.parse_args(argv))


if __name__ == "__main__":
    main()
