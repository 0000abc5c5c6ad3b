"""Replay benchmark: a corpus rendered into local news sites, run through the ingest path.

    .venv/bin/python bench/replay.py --corpus ../shared/corpus/saudinewsnet --n 1000

``--n`` articles of SaudiNewsNet (seeded sample; read at run time, nothing stored in the repo) are
rendered into HTML pages and one RSS feed per outlet (the corpus ``source`` field). Each outlet is
served by its own loopback ``NewsWeb`` (its own port, so its own host for per-host pacing, as on
the real web). The sources file marks every outlet ``libya_focused: true`` so every article passes
the relevance gate and goes the whole way (most SaudiNewsNet articles are not about Libya).

The run mirrors the Airflow DAG on ``--workers`` worker processes (spawned): ``feed_jobs`` /
``due_jobs`` in the parent, ``poll_feed`` mapped over the feeds on the pool, ``chunk_entries`` in the
parent, then ``process_chunk`` mapped over the chunks on the pool (each call builds its own ES client
and ``Fetcher``, as the task does), then the ``finish`` step (confirm feed state, refresh, run record).

Shapes (``--shapes``, run one after the other in one invocation, each on fresh indices):

* ``airflow`` (the headline): as Airflow runs it. Every task is a new process that imports and
  builds what it needs (``maxtasksperchild=1``); the Elasticsearch node is started by this run and
  was not warmed by an earlier one (refused otherwise, unless ``--allow-warm-node``); the per-host
  delay is the configured one (``Settings.per_host_delay``, 1 s, or ``--per-host-delay``).
* ``fresh``: new process per task as above, per-host delay 0 (what start-up costs without politeness).
* ``warm``: the in-process figure: long-lived workers that imported the pipeline, built the tagger
  and loaded langdetect before the clock starts, per-host delay 0, and the node as the earlier
  shapes left it (warm). What the code can do, not what an operator sees.

Settings: ``RASD_FETCH_ALLOW_LOOPBACK=1``, index prefix ``rasdreplay`` (dropped before and after
each shape), archive in a temporary folder, ``RASD_MAX_ARTICLES_PER_FEED=max(n, 200)``.

Reported per shape: end-to-end articles/s (first poll to the run record), the chunk phase alone,
per-stage ms totals (``poll`` from the poll results, ``fetch``/``process``/``dedup``/``index`` from
the chunk results' ``durations_ms``, ``other`` = chunk wall time not in a stage: archive write,
client and Fetcher set-up, robots.txt), CPU of workers / Elasticsearch / parent, and peak RSS (per
worker from ``RUSAGE_SELF`` inside it; all children from ``RUSAGE_CHILDREN``; the parent, which
holds the corpus and serves the sites). Then a side-by-side table of the shapes.

Prints tables, then one JSON line (the last line of stdout): the headline shape's figures at the
top level and every shape under ``shapes``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasdreplay"


# -- worker side (spawned processes) -------------------------------------------------------------------------
def _init_worker(skip: str | None = None, warm: bool = True) -> None:
    """What a long-lived worker has imported before it runs: the pipeline, the tagger, langdetect
    profiles (``warm``; with ``--fresh-workers`` nothing: each task imports and builds what it
    needs itself, as an Airflow task process does).
    ``skip`` (what-if runs only, never the pipeline as it is): leave a part out to measure its cost."""
    common.trace_es()
    from pipeline import ingest

    if skip in ("dedup", "reconcile"):
        from pipeline import dedup

        dedup.reconcile = lambda es, ids, settings: 0  # type: ignore[assignment]
        if skip == "dedup":
            ingest.dedup_articles = lambda es, articles, settings: {}  # type: ignore[assignment]
    elif skip == "refresh":  # the only refreshes in a chunk task are dedup's
        from elasticsearch._sync.client.indices import IndicesClient

        IndicesClient.refresh = lambda self, **kw: {}  # type: ignore[assignment,method-assign]
    if not warm:
        return
    from pipeline.language import detect_language
    from pipeline.tag import get_tagger

    get_tagger()
    detect_language("هذا نص عربي قصير لتهيئة كاشف اللغة قبل القياس " * 3)


def _ping(_: int) -> tuple[int, float]:
    return os.getpid(), common.maxrss_mb()


def _poll_task(job: dict[str, Any]) -> dict[str, Any]:
    from pipeline.ingest import poll_feed

    common.take_es_calls()
    c0 = common.cpu_s()
    result = poll_feed(job)
    result["es_calls"] = common.take_es_calls()
    result["cpu_s"] = common.cpu_s() - c0
    return result


def _chunk_task(arg: tuple[int, list[dict[str, Any]], str]) -> dict[str, Any]:
    from pipeline.ingest import process_chunk

    i, chunk, run_id = arg
    common.take_es_calls()
    c0 = common.cpu_s()
    t0 = time.monotonic()
    result = process_chunk(chunk, run_id=run_id, chunk_key=str(i))
    wall = (time.monotonic() - t0) * 1000
    return {"es_calls": common.take_es_calls(), "cpu_s": common.cpu_s() - c0, "counts": result["counts"], "durations_ms": result["durations_ms"],
            "errors": result["errors"][:5], "n_errors": len(result["errors"]),
            "indexed": len(result["indexed_ids"]), "wall_ms": wall, "pid": os.getpid(),
            "maxrss_mb": common.maxrss_mb()}


# -- parent ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    name: str
    fresh: bool  # a new process per task (imports and builds what it needs)
    delay: float | None  # per-host delay; None = the configured one
    needs_cold_node: bool
    label: str


SHAPES = {
    "airflow": Shape("airflow", True, None, True,
                     "Airflow-shaped: new process per task, node started by this run, per-host delay as configured"),
    "fresh": Shape("fresh", True, 0.0, False, "new process per task, per-host delay 0"),
    "warm": Shape("warm", False, 0.0, False, "warm in-process: pre-warmed workers, warm node, per-host delay 0"),
}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline import es_local
    from pipeline.config import Settings

    shapes = [SHAPES[name] for name in args.shapes]
    node_cold = not args.es_url and not es_local.status(common.BENCH_NODE)["running"]
    if shapes[0].needs_cold_node and not node_cold and not args.allow_warm_node:
        raise SystemExit(f"the {shapes[0].name!r} shape needs an Elasticsearch node this run starts (not warmed by an "
                         f"earlier run): stop node {common.BENCH_NODE!r} (rasd es stop {common.BENCH_NODE}) and do not "
                         f"pass --es-url, or pass --allow-warm-node (the figure is then not Airflow-shaped)")
    configured_delay = args.per_host_delay if args.per_host_delay is not None else float(
        Settings.model_fields["per_host_delay"].default)
    t_load = time.perf_counter()
    articles = common.load_corpus(args.corpus, n=args.n, seed=args.seed)
    results: dict[str, dict[str, Any]] = {}
    with common.BenchSite(articles, seed=args.seed, nagle=args.stock_newsweb, per_outlet_hosts=True) as site, \
            tempfile.TemporaryDirectory(prefix="rasd-replay-") as tmp:
        load_s = time.perf_counter() - t_load
        sources_file = site.write_sources(Path(tmp) / "sources.yaml")
        print(f"corpus: {len(articles)} articles, {len(site.feeds)} feeds on {len(site.hosts)} hosts, "
              f"{site.page_bytes / 1e6:.1f} MB of pages ({load_s:.1f} s to load and render)", file=sys.stderr)
        children_before = common.maxrss_mb(resource.RUSAGE_CHILDREN)
        with common.bench_es(args.es_url, keep=args.keep_es, heap=args.heap) as es_url:
            children_after_es = common.maxrss_mb(resource.RUSAGE_CHILDREN)
            for k, shape in enumerate(shapes):
                delay = configured_delay if shape.delay is None else shape.delay
                node = "started by this run, cold" if node_cold and k == 0 else "warm (used before in this run)" \
                    if node_cold else "already running: warm"
                print(f"\n== shape {shape.name}: {shape.label}; per-host delay {delay:g} s; node {node}",
                      file=sys.stderr)
                results[shape.name] = _replay(args, shape, delay, node, articles, site, sources_file,
                                              Path(tmp) / shape.name, es_url,
                                              children_es=max(children_before, children_after_es))
    return results


def _replay(args: argparse.Namespace, shape: Shape, delay: float, node: str, articles: list[common.CorpusArticle],
            site: common.BenchSite, sources_file: Path, tmp: Path, es_url: str, children_es: float) -> dict[str, Any]:
    from pipeline import feedstate, ingest
    from pipeline import index as index_stage
    from pipeline.sources import load_sources

    s = common.configure(es_url, PREFIX, fetch_allow_loopback=1, per_host_delay=delay,
                         archive_url=tmp / "archive", max_articles_per_feed=max(args.n, 200))
    es = index_stage.get_client(s)
    common.drop_prefix(es, PREFIX)
    index_stage.ensure_indices(es, s)
    run_id = f"replay-{shape.name}-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    ctx = mp.get_context("spawn")
    children_cpu0 = common.cpu_s(resource.RUSAGE_CHILDREN)
    t_pool = time.perf_counter()
    pool = ctx.Pool(args.workers, initializer=_init_worker, initargs=(args.skip, not shape.fresh),
                    maxtasksperchild=1 if shape.fresh else None)
    try:
        pids: dict[int, float] = {}
        while len(pids) < args.workers and not shape.fresh:
            pids.update(pool.map(_ping, range(args.workers), chunksize=1))
        warm_s = time.perf_counter() - t_pool
        warm_rss = max(pids.values(), default=0.0)
        if not shape.fresh:
            print(f"pool: {args.workers} spawned workers ready in {warm_s:.1f} s (worker RSS after warm-up "
                  f"{warm_rss:.0f} MiB)", file=sys.stderr)

        cpu0 = (common.cpu_s(), common.es_cpu_s(es))
        es_times0 = common.es_index_times(es, f"{PREFIX}-*")
        t0 = time.perf_counter()
        started = datetime.now(UTC)
        sources = load_sources(sources_file)
        jobs = ingest.due_jobs(ingest.feed_jobs(sources), es, s, force=True)
        polls = pool.map(_poll_task, jobs, chunksize=1)
        t_polled = time.perf_counter()
        chunks = ingest.chunk_entries(polls, size=args.chunk_size)
        results: list[dict[str, Any]] = []
        done = 0
        for res in pool.imap_unordered(_chunk_task, [(i, c, run_id) for i, c in enumerate(chunks)]):
            results.append(res)
            done += res["counts"].get("seen", 0)
            if len(results) % max(1, len(chunks) // 10) == 0:
                el = time.perf_counter() - t_polled
                print(f"  {len(results)}/{len(chunks)} chunks, {done} articles, {el:.0f} s, "
                      f"{done / el:.1f} art/s", file=sys.stderr)
        t_chunks = time.perf_counter()
        # the DAG's finish task
        feedstate.confirm(es, [p["feed_url"] for p in polls if p.get("entries")], s)
        es.indices.refresh(index=s.articles_alias)
        summary = ingest.summarize(polls, results, run_id=run_id, kind="bench-replay", started_at=started)
        ingest.record_run(summary, settings=s, es=es)
        t_end = time.perf_counter()
        es_times1 = common.es_index_times(es, f"{PREFIX}-*")
        es_times = {k: es_times1[k] - es_times0.get(k, 0.0) for k in es_times1}
        es_times["segments"] = es_times1.get("segments", 0.0)
        cpu = {"parent": common.cpu_s() - cpu0[0], "es": common.es_cpu_s(es) - cpu0[1],
               "workers": sum(r["cpu_s"] for r in [*polls, *results])}
    finally:
        pool.close()
        pool.join()
    children_rss = common.maxrss_mb(resource.RUSAGE_CHILDREN)
    cpu["workers_incl_startup"] = common.cpu_s(resource.RUSAGE_CHILDREN) - children_cpu0
    stored = index_stage.count(es, s)
    if not args.keep_indices:
        common.drop_prefix(es, PREFIX)
    es.close()
    out = _report(args, shape, articles, polls, chunks, results, summary, stored=stored,
                  times={"warm": warm_s, "poll": t_polled - t0, "chunks": t_chunks - t_polled,
                         "finish": t_end - t_chunks, "total": t_end - t0},
                  cpu=cpu, es_times=es_times, rss={"warm": warm_rss, "children": children_rss,
                                                   "children_es": children_es, "parent": common.maxrss_mb()})
    out.update({"shape": shape.name, "shape_label": shape.label, "per_host_delay_s": delay, "node": node,
                "hosts": len(site.hosts)})
    return out


def _report(args: argparse.Namespace, shape: Shape, articles: list[Any], polls: list[dict[str, Any]], chunks: list[Any],
            results: list[dict[str, Any]], summary: dict[str, Any], *, stored: int, times: dict[str, float],
            cpu: dict[str, float], rss: dict[str, float], es_times: dict[str, float]) -> dict[str, Any]:
    counts: Counter[str] = Counter(summary["counts"])
    dur: dict[str, float] = {"poll": sum(p.get("duration_ms", 0.0) for p in polls)}
    for r in results:
        for k, v in r["durations_ms"].items():
            dur[k] = dur.get(k, 0.0) + v
    wall = sum(r["wall_ms"] for r in results)
    dur["other"] = max(0.0, wall - sum(v for k, v in dur.items() if k != "poll"))
    fetched = counts.get("fetched", 0)
    indexed = counts.get("indexed", 0)
    worker_rss = max((r["maxrss_mb"] for r in results), default=0.0)
    rows = []
    busy = dur["poll"] + wall
    for stage in ("poll", "fetch", "process", "dedup", "index", "other"):
        ms = dur.get(stage, 0.0)
        per = ms / max(fetched, 1)
        rows.append([stage, ms / 1000, per, 100 * ms / busy if busy else 0.0, 1000 / per if per >= 0.01 else float("nan")])
    rows.append(["total (worker time)", busy / 1000, busy / max(fetched, 1), 100.0, float("nan")])
    e2e = indexed / times["total"] if times["total"] else 0.0
    chunk_rate = fetched / times["chunks"] if times["chunks"] else 0.0
    print(common.table(["stage", "s (sum over workers)", "ms/article", "% of worker time", "art/s on 1 worker"], rows,
                       title=f"Replay [{shape.name}]: {len(articles)} articles, {len(polls)} feeds, {len(chunks)} chunks "
                             f"of ≤{args.chunk_size}, {args.workers} workers"))
    print()
    calls: dict[str, list[float]] = {}
    for item in [*polls, *results]:
        common.merge_calls(calls, item.get("es_calls") or {})
    es_rows = sorted(calls.items(), key=lambda kv: -kv[1][1])
    es_total = sum(sec for _n, sec in calls.values())
    print(common.table(["ES requests (stage method endpoint)", "requests", "s", "ms/request", "ms/article"],
                       [[k, int(n), sec, 1000 * sec / n, 1000 * sec / max(fetched, 1)] for k, (n, sec) in es_rows]
                       + [["all", int(sum(n for n, _ in calls.values())), es_total, float("nan"),
                           1000 * es_total / max(fetched, 1)]],
                       title="Elasticsearch requests made by the workers (client-side wall time)"))
    print()
    print(common.table(["Elasticsearch time on the rasdreplay-* indices (_stats)", "s", "ms/article"],
                       [[k, v, 1000 * v / max(fetched, 1)] for k, v in es_times.items()
                        if k not in ("refreshes", "merges", "segments")]
                       + [["refreshes / merges / segments at the end",
                           f"{es_times.get('refreshes', 0):.0f} / {es_times.get('merges', 0):.0f} / "
                           f"{es_times.get('segments', 0):.0f}", float("nan")]]))
    print()
    cores = os.cpu_count() or 1
    # tasks' own CPU; with a fresh process per task its start-up (imports, tagger) belongs to the cost
    worker_cpu = cpu["workers_incl_startup"] if shape.fresh else cpu["workers"]
    cpu_total = worker_cpu + cpu["es"] + cpu["parent"]
    cpu_bound = fetched / (cpu_total / cores) if cpu_total else float("nan")
    print(common.table(["measure", "value"], [
        ["articles indexed / fetched / seen", f"{indexed} / {fetched} / {counts.get('articles_new', 0)}"],
        ["documents in index after the run", stored],
        ["end to end (poll → run record), s", times["total"]],
        ["  poll phase, s", times["poll"]],
        ["  chunk phase, s", times["chunks"]],
        ["  finish, s", times["finish"]],
        ["END TO END articles/s (target ≥ 100)", e2e],
        ["chunk phase articles/s", chunk_rate],
        ["CPU s: worker tasks / Elasticsearch / parent (site)", f"{cpu['workers']:.1f} / {cpu['es']:.1f} / {cpu['parent']:.1f}"],
        ["CPU s of worker processes incl. start-up", cpu["workers_incl_startup"]],
        ["CPU ms per article, all processes", 1000 * cpu_total / max(fetched, 1)],
        [f"CPU-bound articles/s on {cores} idle cores (estimate)", cpu_bound],
        ["worker start-up (spawn + imports + tagger), s", times["warm"]],
        ["peak RSS per worker, MiB (target ≤ 500)", worker_rss],
        ["peak RSS of children (RUSAGE_CHILDREN), MiB", rss["children"]],
        ["  of which before the pool (ES launcher), MiB", rss["children_es"]],
        ["peak RSS of parent (corpus + site), MiB", rss["parent"]],
        ["errors by kind", json.dumps(summary["errors_by_kind"], ensure_ascii=False)],
    ]))
    out = {
        "bench": "replay", "n": len(articles), "feeds": len(polls), "chunks": len(chunks), "chunk_size": args.chunk_size,
        "workers": args.workers, "fresh_workers": shape.fresh, "seed": args.seed,
        "stock_newsweb": args.stock_newsweb, "skip": args.skip,
        "indexed": indexed, "fetched": fetched, "stored": stored,
        "articles_per_s": round(e2e, 2), "chunk_phase_articles_per_s": round(chunk_rate, 2),
        "seconds": {k: round(v, 2) for k, v in times.items()},
        "cpu_s": {k: round(v, 2) for k, v in cpu.items()},
        "cpu_ms_per_article": round(1000 * cpu_total / max(fetched, 1), 1),
        "cpu_bound_articles_per_s": round(cpu_bound, 1),
        "stage_ms": {k: round(v, 1) for k, v in dur.items()},
        "stage_ms_per_article": {k: round(v / max(fetched, 1), 2) for k, v in dur.items()},
        "peak_rss_mb": {"worker": round(worker_rss, 1), "worker_after_warmup": round(rss["warm"], 1),
                        "children": round(rss["children"], 1), "children_before_pool": round(rss["children_es"], 1),
                        "parent": round(rss["parent"], 1)},
        "es_requests": {k: [int(n), round(sec, 2)] for k, (n, sec) in es_rows},
        "es_index_s": {k: round(v, 2) for k, v in es_times.items()},
        "counts": dict(counts), "errors_by_kind": summary["errors_by_kind"],
        "targets": {"articles_per_s>=100": e2e >= 100, "worker_rss_mb<=500": worker_rss <= 500},
        "machine": common.machine(), "at": common.now_utc(),
    }
    return out


def side_by_side(results: dict[str, dict[str, Any]]) -> None:
    rows = [[f"{name}: {r['shape_label']}" + (" (HEADLINE)" if k == 0 else ""), r["per_host_delay_s"], r["node"],
             r["articles_per_s"], r["chunk_phase_articles_per_s"], r["seconds"]["total"], r["cpu_ms_per_article"],
             r["peak_rss_mb"]["worker"]]
            for k, (name, r) in enumerate(results.items())]
    print(common.table(["shape", "delay s", "node", "articles/s end to end", "chunk phase art/s", "s", "CPU ms/article",
                        "worker RSS MiB"], rows, title="Replay shapes side by side (same corpus sample, same sites)"))
    head = next(iter(results.values()))
    print(f"\nheadline ({head['shape']}): {head['articles_per_s']:.1f} articles/s end to end; target ≥ 100: "
          f"{'met' if head['targets']['articles_per_s>=100'] else 'MISSED'}; worker RSS {head['peak_rss_mb']['worker']:.0f} "
          f"MiB, target ≤ 500: {'met' if head['targets']['worker_rss_mb<=500'] else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--n", type=int, default=2000, help="articles to replay (seeded sample; default 2000)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2, like the 2 Airflow workers)")
    ap.add_argument("--chunk-size", type=int, default=100, help="entries per chunk (default: the setting chunk_size = 100)")
    ap.add_argument("--shapes", default="airflow,warm",
                    help="comma-separated shapes to run in order, the first is the headline: airflow (new process per "
                         "task, node started by this run, per-host delay as configured), fresh (new process per task, "
                         "delay 0), warm (pre-warmed workers, warm node, delay 0); default airflow,warm")
    ap.add_argument("--fresh-workers", action="store_true", help="the same as --shapes fresh")
    ap.add_argument("--per-host-delay", type=float, help="the per-host delay of the airflow shape (default: the setting, 1 s)")
    ap.add_argument("--allow-warm-node", action="store_true",
                    help="run the airflow shape on a node that is already running (its figure is then not Airflow-shaped)")
    ap.add_argument("--stock-newsweb", action="store_true",
                    help="serve with NewsWeb as it is (Nagle on: ~40 ms stall per request) instead of TCP_NODELAY")
    ap.add_argument("--skip", choices=["dedup", "reconcile", "refresh"],
                    help="what-if only: make dedup (assign and reconcile), dedup.reconcile, or the index refreshes "
                         "no-ops in the workers, to measure what they cost")
    ap.add_argument("--es-url", help=f"Elasticsearch to use; default: local node {common.BENCH_NODE!r} on port {common.BENCH_PORT}")
    ap.add_argument("--heap", default="1g", help="heap of the local node when started here (default 1g)")
    ap.add_argument("--keep-es", action="store_true", help="leave the local node running")
    ap.add_argument("--keep-indices", action="store_true", help=f"keep the {PREFIX}-* indices")
    args = ap.parse_args(argv)
    args.shapes = ["fresh"] if args.fresh_workers else [x.strip() for x in args.shapes.split(",") if x.strip()]
    unknown = [x for x in args.shapes if x not in SHAPES]
    if unknown or not args.shapes or len(set(args.shapes)) != len(args.shapes):
        ap.error(f"--shapes: a comma-separated list of distinct {sorted(SHAPES)}; got {args.shapes}")
    if args.n < 1 or args.workers < 1 or args.chunk_size < 1:
        ap.error("--n, --workers and --chunk-size must be positive")
    if args.per_host_delay is not None and args.per_host_delay < 0:
        ap.error("--per-host-delay must be >= 0")
    results = run(args)
    print()
    side_by_side(results)
    head = next(iter(results.values()))
    print(json.dumps({**head, "headline_shape": head["shape"], "shapes": results}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
