"""Search latency benchmark: typical analyst queries through ``pipeline.search.search`` at 1× and 10×.

    .venv/bin/python bench/search_latency.py --corpus ../shared/corpus/saudinewsnet

Documents: every usable SaudiNewsNet article (title and ≥ 200 characters of body; ~30,600, what a
full replay indexes; ``--n`` for fewer), read at run time and indexed as article documents of the
real template (``pipeline/data/index/articles.json``, built with ``Article.to_document``): body and
title as they are, exact copies clustered (``content_hash``), MinHash signature and bands computed
by ``pipeline.dedup.signature``. Tags are synthetic: persons, places, orgs drawn from the
gazetteers and topics from ``topics.yaml`` (Zipf-weighted, so some names are common and most are
rare); ``published_at`` is spread uniformly over the last 365 days, so ``--since`` filters select
a realistic share. Then the index grows to each ``--scales`` multiple by bulk-indexing copies with
new ids (own cluster, new date, same text and tags).

Queries (``--queries`` of each type, drawn once from the documents, so every one has hits, and
the same at every size), through ``pipeline.search.search`` (highlighting, ``per_source``
aggregation, collapse on ``cluster_id``, ``size`` 10, as analysts get them):

* ``phrase``: a quoted 2–3-word phrase from a random body (``"…"`` → ``.exact`` phrase query);
* ``person_since``: a person filter (canonical name) + ``since`` 7d / 30d / 90d, no words;
* ``topic_facet``: one title word + a topic filter, with the per-source aggregation.

Types are interleaved after a warm-up; each query's client wall time (the whole ``search()`` call)
and the server's ``took`` are recorded; p50/p95/p99 per type and size. p95 at 1M documents is an
extrapolation (power law through the measured sizes) unless a scale reaches 1M.

Elasticsearch: ``--es-url``, or the local node ``bench`` (port 9291, heap ``--heap``, default 2g),
stopped at the end unless ``--keep-es``. Index prefix ``rasdsearch`` (dropped before and after
unless ``--keep-indices``).

Prints a table, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasdsearch"
TYPES = ("phrase", "person_since", "topic_facet")
_AR_TOKEN = re.compile(r"[\u0621-\u065f\u0670]{2,}")  # a whole white-space token of Arabic letters (and harakat)


# -- documents -----------------------------------------------------------------------------------------------
class TagDrawer:
    """Zipf-weighted draws of gazetteer names and topic ids."""

    def __init__(self, rng: random.Random) -> None:
        import yaml

        from pipeline.config import DATA_DIR

        self.rng = rng
        self.pools: dict[str, list[dict[str, Any]]] = {}
        for fname, kind in (("persons", "person"), ("places", "place"), ("orgs", "org")):
            ents = yaml.safe_load((DATA_DIR / "gazetteer" / f"{fname}.yaml").read_text(encoding="utf-8")) or []
            self.pools[kind] = ents
        self.pools["topic"] = yaml.safe_load((DATA_DIR / "topics.yaml").read_text(encoding="utf-8")) or []
        self.weights = {}
        for kind, ents in self.pools.items():
            order = list(range(len(ents)))
            rng.shuffle(order)
            w = [0.0] * len(ents)
            for rank, i in enumerate(order):
                w[i] = 1.0 / (rank + 1)
            self.weights[kind] = w

    def draw(self, kind: str, counts: list[int]) -> list[dict[str, Any]]:
        k = self.rng.choice(counts)
        if not k:
            return []
        picked = self.rng.choices(self.pools[kind], weights=self.weights[kind], k=k)
        return list({e["id"]: e for e in picked}.values())


def build_docs(articles: list[common.CorpusArticle], rng: random.Random, now: datetime,
               minhash: bool) -> list[tuple[str, dict[str, Any]]]:
    from pipeline.dedup import content_hash, signature, title_hash
    from pipeline.models import Article, Content, Dedup, FeedEntry, HttpMeta, LanguageInfo, Mention, Tags
    from pipeline.urls import doc_id

    drawer = TagDrawer(rng)
    first_by_hash: dict[str, str] = {}
    members: dict[str, int] = {}
    docs: list[tuple[str, dict[str, Any]]] = []
    t0 = time.perf_counter()
    seen: set[str] = set()
    for n, a in enumerate(articles):
        body = "\n".join(a.paragraphs)
        aid = doc_id(a.url)
        if aid in seen:  # two corpus URLs with one canonical form
            continue
        seen.add(aid)
        published = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
        chash = content_hash(body)
        lead = first_by_hash.setdefault(chash, aid)
        members[lead] = members.get(lead, 0) + 1
        sig, bands = signature(body) if minhash else ([], [])

        def mentions(kind: str, counts: list[int]) -> list[Mention]:
            return [Mention(id=e["id"], name=e["ar"], name_en=e.get("en"), kind=kind)  # type: ignore[arg-type]
                    for e in drawer.draw(kind, counts)]

        tags = Tags(persons=mentions("person", [0, 0, 1, 1, 2, 3]), places=mentions("place", [0, 1, 1, 2, 3]),
                    orgs=mentions("org", [0, 0, 1, 2]), topics=mentions("topic", [0, 1, 1, 2]),
                    libya_relevance=round(rng.uniform(0.5, 1.0), 3), libya_relevant=True, evidence=["bench:synthetic"])
        art = Article(
            id=aid, url=a.url, canonical_url=a.url, source_id=a.source, source_name=common.OUTLETS.get(a.source),
            libya_focused_source=True,
            entry=FeedEntry(source_id=a.source, feed_url=f"bench://{a.source}/rss", url=a.url, title=a.title,
                            summary=a.paragraphs[0][:300] if a.paragraphs else None, published=published),
            http=HttpMeta(url=a.url, final_url=a.url, status=200, fetched_at=published + timedelta(minutes=7)),
            content=Content(title=a.title, text=body, published_at=published, date_source="feed",
                            author=a.author or None, sitename=common.OUTLETS.get(a.source)),
            language=LanguageInfo(lang="ar", prob=0.9999, reason="bench"), tags=tags,
            dedup=Dedup(content_hash=chash, title_hash=title_hash(a.source, a.title),
                        duplicate_of=None if lead == aid else lead, cluster_id=lead, is_cluster_lead=lead == aid,
                        minhash_sig=sig, minhash_bands=bands),
        )
        docs.append((aid, art.to_document(now)))
        if (n + 1) % 5000 == 0:
            print(f"  built {n + 1}/{len(articles)} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    for _id, doc in docs:
        doc["cluster_size"] = members[doc["cluster_id"]]
    return docs


def copies(docs: list[tuple[str, dict[str, Any]]], k: int, rng: random.Random,
           now: datetime) -> Iterator[tuple[str, dict[str, Any]]]:
    """Copy ``k`` of every document: new id, own cluster, new date; same text and tags."""
    for did, doc in docs:
        new = dict(doc)
        nid = f"{did}-x{k}"
        published = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
        new.update(url=f"{doc['url']}#x{k}", canonical_url=f"{doc['canonical_url']}#x{k}", cluster_id=nid,
                   cluster_size=1, is_cluster_lead=True, published_at=published.isoformat(),
                   fetched_at=(published + timedelta(minutes=7)).isoformat())
        new.pop("duplicate_of", None)
        yield nid, new


def bulk_load(es: Any, index: str, items: Iterator[tuple[str, dict[str, Any]]]) -> tuple[int, float]:
    """Bulk-index with two client threads (the node has two cores); (documents, seconds)."""
    from elasticsearch.helpers import parallel_bulk

    t0 = time.perf_counter()
    ok = 0
    actions = ({"_op_type": "index", "_index": index, "_id": i, "_source": d} for i, d in items)
    for success, item in parallel_bulk(es, actions, thread_count=2, queue_size=2, chunk_size=500,
                                       max_chunk_bytes=20 * 1024 * 1024, raise_on_error=False):
        if success:
            ok += 1
        else:
            print(f"bulk failure: {str(item)[:300]}", file=sys.stderr)
        if ok % 50000 == 0 and ok:
            print(f"  indexed {ok}, {ok / (time.perf_counter() - t0):.0f} docs/s", file=sys.stderr)
    return ok, time.perf_counter() - t0


def settle(es: Any, index: str, timeout: float = 600) -> dict[str, Any]:
    """Refresh, then wait until no merge runs (at most ``timeout`` s); segment count and size."""
    es.indices.put_settings(index=index, settings={"index": {"refresh_interval": "1s"}})
    es.indices.refresh(index=index)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        stats = es.indices.stats(index=index, metric="merge")
        if stats["_all"]["primaries"]["merges"]["current"] == 0:
            break
        time.sleep(2)
    stats = es.indices.stats(index=index, metric="docs,store,segments")["_all"]["primaries"]
    return {"docs": stats["docs"]["count"], "segments": stats["segments"]["count"],
            "store_mb": round(stats["store"]["size_in_bytes"] / 2**20, 1),
            "settle_s": round(time.perf_counter() - t0, 1)}


# -- queries -------------------------------------------------------------------------------------------------
def make_queries(docs: list[tuple[str, dict[str, Any]]], n: int, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPES}
    while len(out["phrase"]) < n:
        tokens = rng.choice(docs)[1]["body"].split()
        size = rng.choice([2, 3])
        if len(tokens) < 10:
            continue
        i = rng.randrange(0, len(tokens) - size)
        window = tokens[i : i + size]
        if all(_AR_TOKEN.fullmatch(w) for w in window):  # no punctuation, digits or Latin inside the phrase
            out["phrase"].append({"text": '"' + " ".join(window) + '"'})
    with_persons = [d for _i, d in docs if d.get("persons")]
    while len(out["person_since"]) < n:
        d = rng.choice(with_persons)
        out["person_since"].append({"text": "", "person": rng.choice(d["persons"]),
                                    "since": rng.choice(["7d", "30d", "90d"])})
    with_topics = [d for _i, d in docs if d.get("topics")]
    while len(out["topic_facet"]) < n:
        d = rng.choice(with_topics)
        words = [w for w in d["title"].split() if len(w) >= 3 and _AR_TOKEN.fullmatch(w)]
        if not words:
            continue
        out["topic_facet"].append({"text": rng.choice(words), "topic": rng.choice(d["topics"])})
    return out


class TookES:
    """Hands ``pipeline.search.search`` the real client and keeps the last response's ``took``."""

    def __init__(self, es: Any) -> None:
        self.es = es
        self.took: int | None = None

    def search(self, **kwargs: Any) -> Any:
        resp = self.es.search(**kwargs)
        self.took = resp["took"]
        return resp


def measure(es: Any, settings: Any, queries: dict[str, list[dict[str, Any]]], warmup: int) -> dict[str, Any]:
    from pipeline.search import search

    took_es = TookES(es)
    res: dict[str, dict[str, list[float]]] = {t: {"wall": [], "took": [], "total": []} for t in TYPES}
    for i in range(warmup):
        for t in TYPES:
            search(es=took_es, settings=settings, **queries[t][i % len(queries[t])])  # type: ignore[arg-type]
    n = min(len(q) for q in queries.values())
    for i in range(n):
        k = i % len(TYPES)
        for t in TYPES[k:] + TYPES[:k]:
            t0 = time.perf_counter()
            r = search(es=took_es, settings=settings, **queries[t][i])  # type: ignore[arg-type]
            res[t]["wall"].append(1000 * (time.perf_counter() - t0))
            res[t]["took"].append(float(took_es.took or 0))
            res[t]["total"].append(float(r.total))
    out = {}
    for t, r in res.items():
        out[t] = {"p50": common.percentile(r["wall"], 50), "p95": common.percentile(r["wall"], 95),
                  "p99": common.percentile(r["wall"], 99), "took_p50": common.percentile(r["took"], 50),
                  "took_p95": common.percentile(r["took"], 95), "hits_p50": common.percentile(r["total"], 50),
                  "zero_hits": sum(1 for x in r["total"] if x == 0), "n": len(r["wall"])}
    return out


def extrapolate(points: list[tuple[int, float]], target: int) -> float:
    """Power law through the points (least squares in log-log); when the slope comes out ≤ 0
    (noise: latency does not fall as the index grows) the value at the largest size is returned
    (flat). NaN with fewer than two sizes."""
    pts = [(math.log(n), math.log(v)) for n, v in sorted(points) if n > 0 and v > 0]
    if len(pts) < 2:
        return float("nan")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    b = sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else 0.0
    if b <= 0:
        return math.exp(pts[-1][1])
    return math.exp(my + b * (math.log(target) - mx))


# -- main ----------------------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline import index as index_stage

    rng = random.Random(args.seed)
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    articles = common.load_corpus(args.corpus, n=args.n, seed=args.seed)
    docs = build_docs(articles, rng, now, minhash=not args.no_minhash)
    del articles
    print(f"documents: {len(docs)} built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    queries = make_queries(docs, args.queries, random.Random(args.seed + 1))
    scales = sorted({int(x) for x in args.scales.split(",")})
    results: dict[int, dict[str, Any]] = {}
    with common.bench_es(args.es_url, keep=args.keep_es, heap=args.heap) as es_url:
        s = common.configure(es_url, PREFIX)
        es = index_stage.get_client(s).options(request_timeout=300)
        common.drop_prefix(es, PREFIX)
        index = index_stage.ensure_indices(es, s)
        try:
            have = 0
            load_s = 0.0
            for scale in scales:
                es.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
                items: Iterator[tuple[str, dict[str, Any]]] = iter(())
                if have == 0:
                    items = iter(docs)
                    have = 1
                for k in range(have, scale):
                    items = _chain(items, copies(docs, k, random.Random(args.seed * 1000 + k), now))
                cpu0 = common.es_cpu_s(es)
                ok, sec = bulk_load(es, s.articles_write_alias, items)
                es_cpu_ms = 1000 * (common.es_cpu_s(es) - cpu0) / max(ok, 1)
                have = scale
                load_s += sec
                info = settle(es, index)
                print(f"scale {scale}×: {info['docs']} documents ({ok} added in {sec:.0f} s, "
                      f"{ok / sec if sec else 0:.0f} docs/s, ES CPU {es_cpu_ms:.1f} ms/doc), {info['segments']} segments, "
                      f"{info['store_mb']} MB; measuring", file=sys.stderr)
                load = common.machine()
                m = measure(es, s, queries, args.warmup)
                results[scale] = {"docs": info["docs"], "index": info, "bulk_docs_per_s": round(ok / sec, 1) if sec else None,
                                  "bulk_es_cpu_ms_per_doc": round(es_cpu_ms, 2), "latency": m, "machine": load}
        finally:
            if not args.keep_indices:
                common.drop_prefix(es, PREFIX)
            es.close()
    return report(args, results, len(docs), time.perf_counter() - t0)


def _chain(*its: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for it in its:
        yield from it


def report(args: argparse.Namespace, results: dict[int, dict[str, Any]], base: int, seconds: float) -> dict[str, Any]:
    rows = []
    for scale, r in results.items():
        for t in TYPES:
            m = r["latency"][t]
            rows.append([f"{r['docs']:,} ({scale}×) {t}", m["p50"], m["p95"], m["p99"], m["took_p50"], m["took_p95"],
                         m["hits_p50"], m["zero_hits"]])
    print(common.table(["documents, query type", "p50 ms", "p95 ms", "p99 ms", "took p50", "took p95", "hits p50",
                        "0 hits"], rows,
                       title=f"Search latency via pipeline.search.search ({args.queries} queries per type and size; "
                             "wall = whole call, took = server)"))
    extra: dict[str, Any] = {}
    print()
    for t in TYPES:
        pts = [(r["docs"], r["latency"][t]["p95"]) for r in results.values()]
        at_1m = extrapolate(pts, 1_000_000)
        extra[t] = round(at_1m, 1)
        print(f"{t}: p95 at 1,000,000 documents ≈ {at_1m:.1f} ms (EXTRAPOLATED from "
              + ", ".join(f"{n:,} → {v:.1f} ms" for n, v in pts) + ")")
    largest = max(results.values(), key=lambda r: r["docs"])
    worst = max(largest["latency"][t]["p95"] for t in TYPES)
    worst_1m = max(extra.values()) if extra else float("nan")
    print(f"largest size measured: {largest['docs']:,} documents, worst p95 {worst:.1f} ms; "
          f"extrapolated worst p95 at 1M {worst_1m:.1f} ms (target ≤ 50 ms)")
    return {
        "bench": "search_latency", "base_docs": base, "scales": sorted(results), "queries_per_type": args.queries,
        "sizes": {str(r["docs"]): {t: {k: (round(v, 2) if isinstance(v, float) else v) for k, v in r["latency"][t].items()}
                                   for t in TYPES} | {k: r[k] for k in ("index", "bulk_docs_per_s", "bulk_es_cpu_ms_per_doc", "machine")}
                  for r in results.values()},
        "largest_docs": largest["docs"], "worst_p95_ms_largest": round(worst, 1),
        "p95_ms_at_1m_extrapolated": extra, "target_p95<=50ms_at_1m_extrapolated": worst_1m <= 50,
        "seconds": round(seconds, 1), "minhash": not args.no_minhash, "seed": args.seed,
        "machine": common.machine(), "at": common.now_utc(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--n", type=int, default=None, help="base documents (default: every usable article, ~30,600)")
    ap.add_argument("--scales", default="1,10", help="index sizes as multiples of the base (default 1,10)")
    ap.add_argument("--queries", type=int, default=200, help="queries per type (default 200)")
    ap.add_argument("--warmup", type=int, default=20, help="unmeasured queries per type before each size (default 20)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--no-minhash", action="store_true", help="skip MinHash fields (faster document build)")
    ap.add_argument("--es-url", help=f"Elasticsearch to use; default: local node {common.BENCH_NODE!r} on port {common.BENCH_PORT}")
    ap.add_argument("--heap", default="2g", help="heap of the local node when started here (default 2g)")
    ap.add_argument("--keep-es", action="store_true", help="leave the local node running")
    ap.add_argument("--keep-indices", action="store_true", help=f"keep the {PREFIX}-* indices")
    args = ap.parse_args(argv)
    out = run(args)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
