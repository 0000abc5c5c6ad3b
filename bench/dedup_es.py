"""Deduplication through Elasticsearch: what ``pipeline.dedup`` costs on the indexing path.

    .venv/bin/python bench/dedup_es.py --corpus ../shared/corpus/saudinewsnet [--n 2000] [--batch 100]

``bench/dedup.py`` measures the decision in memory; this script measures the path a chunk task
runs against a real node: for each batch of ``--batch`` articles, ``dedup.assign`` (refresh, mget
of the batch, one band lookup, cluster loads, partial updates of grown clusters), then
``index.index_articles`` (bulk), then ``dedup.reconcile`` (refresh, recount, fixes), exactly as
``ingest.process_pages`` calls them.

Articles: the first ``--n`` SaudiNewsNet articles in ``date_extracted`` order (title and >= 200
characters of body, read at run time from ``--corpus``; nothing is stored in the repository), so
the wire copies of those days are in the run (a random sample would hold few). Each becomes an
``Article`` with the corpus title, body and date (``published_at``), language ``ar``, no tags:
extraction and tagging are not measured here (``bench/overhead.py`` does).

Reported: articles/s of each step and of the three together (wall time, one process), the
Elasticsearch requests each step made, the node's CPU seconds, and whether the clusters built
through Elasticsearch are the ones ``MemoryClusterer`` builds in memory for the same articles in
the same order (pair agreement: of the article pairs that share a cluster in either, the share
that shares one in both).

Node: ``--es-url``, else the local node ``bench`` (``RASD_BENCH_ES_PORT``, default 9291), started
here when it is not running and stopped at the end. Index prefix ``rasddedupes`` (dropped before
and after). Prints tables, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasddedupes"
STEPS = ("assign", "index", "reconcile")


def corpus_articles(path: Path, n: int) -> list[Any]:
    """The first ``n`` usable articles in date order, as pipeline Articles."""
    from pipeline.models import Article, Content, LanguageInfo
    from pipeline.urls import canonicalize, doc_id

    raw = sorted(common.iter_corpus(path), key=lambda a: (a.date, a.url))[:n]
    return [Article(id=doc_id(a.url), url=a.url, canonical_url=canonicalize(a.url), source_id=a.source,
                    source_name=common.OUTLETS.get(a.source, a.source),
                    content=Content(title=a.title, text=a.content, published_at=a.date),
                    language=LanguageInfo(lang="ar", prob=1.0))
            for a in raw]


def memory_clusters(articles: list[Any]) -> dict[str, str]:
    """Cluster of each article by the in-memory path (``MemoryClusterer``), same order."""
    from pipeline import dedup

    clusterer = dedup.MemoryClusterer()
    for a in articles:
        chash, sig, bands = dedup.features(a.content.text)
        clusterer.add(a.id, chash, sig, bands)
    return {a.id: clusterer.cluster_of(a.id) for a in articles}


def together(clusters: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for doc, cluster in clusters.items():
        groups.setdefault(cluster, []).append(doc)
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}  # type: ignore[misc]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline import dedup
    from pipeline import index as index_stage

    articles = corpus_articles(args.corpus, args.n)
    print(f"corpus: {len(articles)} articles, {articles[0].content.published_at:%Y-%m-%d %H:%M} to "
          f"{articles[-1].content.published_at:%Y-%m-%d %H:%M}", file=sys.stderr)
    with common.bench_es(args.es_url, keep=args.keep_es, heap=args.heap) as es_url:
        s = common.configure(es_url, PREFIX)
        es = index_stage.get_client(s)
        common.drop_prefix(es, PREFIX)
        index_stage.ensure_indices(es, s)
        common.trace_es()
        common.take_es_calls()
        seconds = dict.fromkeys(STEPS, 0.0)
        calls: dict[str, dict[str, list[float]]] = {step: {} for step in STEPS}
        stats: Counter[str] = Counter()
        cpu0 = (common.cpu_s(), common.es_cpu_s(es))
        t_all = time.perf_counter()
        for start in range(0, len(articles), args.batch):
            batch = [a.model_copy(deep=True) for a in articles[start : start + args.batch]]
            t0 = time.perf_counter()
            got = dedup.assign(es, batch, s)
            t1 = time.perf_counter()
            common.merge_calls(calls["assign"], common.take_es_calls())
            bulk = index_stage.index_articles(es, batch, s, run_id="bench-dedup-es")
            t2 = time.perf_counter()
            common.merge_calls(calls["index"], common.take_es_calls())
            fixes = dedup.reconcile(es, [a.id for a in batch], s)
            t3 = time.perf_counter()
            common.merge_calls(calls["reconcile"], common.take_es_calls())
            seconds["assign"] += t1 - t0
            seconds["index"] += t2 - t1
            seconds["reconcile"] += t3 - t2
            stats.update({k: v for k, v in vars(got).items() if isinstance(v, int)})
            stats["indexed"] += bulk.indexed
            stats["index_failed"] += bulk.failed
            stats["cluster_fixes"] += fixes
        total = time.perf_counter() - t_all
        cpu = {"bench": common.cpu_s() - cpu0[0], "es": common.es_cpu_s(es) - cpu0[1]}
        es.indices.refresh(index=s.articles_alias)
        hits = es.search(index=s.articles_alias, size=len(articles) + 10, source=["cluster_id"],
                         query={"match_all": {}})["hits"]["hits"]
        stored = {h["_id"]: h["_source"]["cluster_id"] for h in hits}
        if not args.keep_indices:
            common.drop_prefix(es, PREFIX)
        es.close()
    memory = memory_clusters(articles)
    in_es, in_mem = together(stored), together(memory)
    either = in_es | in_mem
    agreement = len(in_es & in_mem) / len(either) if either else 1.0
    return {"articles": articles, "seconds": seconds, "total": total, "calls": calls, "stats": stats, "cpu": cpu,
            "stored": len(stored), "pairs_es": len(in_es), "pairs_memory": len(in_mem), "agreement": agreement,
            "only_es": len(in_es - in_mem), "only_memory": len(in_mem - in_es)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--n", type=int, default=2000, help="articles, the earliest first (default 2000)")
    ap.add_argument("--batch", type=int, default=100, help="articles per batch (default 100, the chunk size)")
    ap.add_argument("--es-url", help="Elasticsearch to use; default: the local bench node")
    ap.add_argument("--heap", default="1g", help="heap of the local node when started here (default 1g)")
    ap.add_argument("--keep-es", action="store_true", help="leave the local node running")
    ap.add_argument("--keep-indices", action="store_true", help=f"keep the {PREFIX}-* indices")
    args = ap.parse_args(argv)
    if args.n < 1 or args.batch < 1:
        ap.error("--n and --batch must be positive")
    r = run(args)
    n = len(r["articles"])
    rows = [[step, r["seconds"][step], n / r["seconds"][step] if r["seconds"][step] else float("nan"),
             int(sum(c for c, _ in r["calls"][step].values())),
             1000 * r["seconds"][step] / n] for step in STEPS]
    rows.append(["all three", r["total"], n / r["total"], int(sum(c for st in STEPS for c, _ in r["calls"][st].values())),
                 1000 * r["total"] / n])
    print(common.table([f"step (batches of {args.batch})", "s", "articles/s", "ES requests", "ms/article"], rows,
                       title=f"Dedup through Elasticsearch: {n} articles in date order"))
    print()
    print(common.table(["ES requests (step method endpoint)", "requests", "s"],
                       [[k, int(c), sec] for step in STEPS
                        for k, (c, sec) in sorted(r["calls"][step].items(), key=lambda kv: -kv[1][1])]))
    print()
    stats = r["stats"]
    print(common.table(["measure", "value"], [
        ["documents indexed / stored", f"{stats['indexed']} / {r['stored']}"],
        ["exact / title / near duplicates, new clusters", f"{stats.get('exact', 0)} / {stats.get('title', 0)} / "
                                                          f"{stats.get('near', 0)}, {stats.get('new_clusters', 0)}"],
        ["cluster fixes by reconcile", stats["cluster_fixes"]],
        ["CPU s: this process / Elasticsearch", f"{r['cpu']['bench']:.1f} / {r['cpu']['es']:.1f}"],
        ["article pairs sharing a cluster: through ES / in memory", f"{r['pairs_es']} / {r['pairs_memory']}"],
        ["pair agreement ES vs MemoryClusterer", f"{r['agreement']:.4f} (only ES {r['only_es']}, "
                                                 f"only memory {r['only_memory']})"],
    ]))
    out = {
        "bench": "dedup_es", "n": n, "batch": args.batch,
        "articles_per_s": {step: round(n / r["seconds"][step], 1) for step in STEPS if r["seconds"][step]}
        | {"all": round(n / r["total"], 1)},
        "ms_per_article": {step: round(1000 * r["seconds"][step] / n, 2) for step in STEPS},
        "es_requests": {step: int(sum(c for c, _ in r["calls"][step].values())) for step in STEPS},
        "cpu_s": {k: round(v, 2) for k, v in r["cpu"].items()},
        "counts": dict(stats), "stored": r["stored"], "pair_agreement_with_memory": round(r["agreement"], 4),
        "pairs": {"es": r["pairs_es"], "memory": r["pairs_memory"], "only_es": r["only_es"],
                  "only_memory": r["only_memory"]},
        "machine": common.machine(), "at": common.now_utc(),
    }
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
