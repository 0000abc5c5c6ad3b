"""Scale-out overhead: the ingest DAG through the real scheduler with 1 and 2 Celery workers, into a
1-node and a 3-node Elasticsearch cluster, side by side in one run (plus the one-process figure).

    .venv/bin/python bench/scale.py [--feeds 10] [--articles 300] [--es-port 9215]
    .venv/bin/python bench/scale.py --repeat 4 --warmup-runs 2 --poll-s 2 [--configs 2x3]

Content: as bench/scheduler.py: ``--feeds`` RSS feeds, each on its own loopback ``NewsWeb``,
``--articles`` SaudiNewsNet articles (read at run time from ``/work/shared/corpus/saudinewsnet``,
never copied) spread over them as news pages; ``RASD_PER_HOST_DELAY=0``.

Configurations, each a first ingest run (every article new) on its own fresh index prefix and
raw archive, triggered over the REST API:

* **dag.test()**: the whole run in one Python process (``pipeline.airflow_run.run_dag``) into the
  1-node cluster: the one-process figure;
* **celery W × N**: PostgreSQL, Redis, the four Airflow services with the CeleryExecutor and W
  Celery workers (2 task slots each), into the N-node cluster (replicas ``auto``: 0 on one node,
  1 on three, so the 3-node cluster indexes every document twice).

A configuration ``WxN`` takes options: ``-nopreload`` (workers do not preload the pipeline,
pipeline/celery_worker.py: each task process imports it), ``-cSIZE`` (chunk size), ``-parseS`` (the
DAG processor re-parses each file every S s instead of 30), e.g. ``--configs 2x3-nopreload,2x3``.

``--warmup``: before the measured runs on each Elasticsearch topology, one unmeasured ``dag.test()``
run of the same content (then dropped), so that no configuration pays the new JVMs' warm-up (a
deployment's nodes run for weeks; measured side by side, the first configuration on a fresh 3-node
cluster paid 37 s of ES CPU, the next 25 s).

``--repeat N --configs 2x3``: the comparison the ≤ 1.3× target asks for, repeated in one run: both
topologies up at once, ``--warmup-runs`` unmeasured ``dag.test()`` runs on each, the Celery stack up
once, then ``dag.test()`` (1 node) and the configuration alternately N times (order swapped every
pair), each into indices created empty just before (their set-up's Elasticsearch CPU printed apart:
a deployment creates them once). Prints each pair's ratio and the median/min/max (also without the
JVMs' JIT compiler threads, and with the set-up added back), each JVM's CPU by thread class (JIT,
GC, VM, Elasticsearch: ``/proc``) with its node-stats deltas (indexing, refreshes, merges, flushes,
thread pools, GC), explicit refreshes and writes per index, the idle cost per minute of fresh and
warm nodes, and a CPU probe (fixed work's CPU time) with the hypervisor's steal around each run.

Per configuration: wall (trigger → the API reports the run finished), articles/s, CPU seconds
(``/proc``: every process under the Airflow services and workers, PostgreSQL, Redis;
Elasticsearch from ``_nodes/stats``, all nodes), CPU per article, Elasticsearch's share of it,
which worker ran how many ``process_chunk`` instances, the task instances run, CPU by Airflow service
(a worker's includes its task processes), and the idle cost (CPU seconds per second of
Airflow and of Elasticsearch over 30 s before the run, with nothing to do). The ratios are CPU per article against the
one-process run and against ``celery 1 × 1``. Ports: the single node on ``--es-port``, the
cluster's nodes on the three after it (transport + 100). Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
import scheduler as sched  # serve_feeds, task_env, tree_cpu, run_dagtest: the same content and CPU accounting

DAG = "libya_news_ingest"
SINGLE, CLUSTER = "bscale", "bscalec"


def parse_config(spec: str) -> tuple[int, int, dict[str, str], dict[str, dict[str, str]]]:
    """``WxN`` (W workers, N nodes), then options: ``-nopreload`` (``RASD_WORKER_PRELOAD=0``: each task
    process imports Airflow's task runner and the pipeline itself), ``-cSIZE`` (``RASD_CHUNK_SIZE``),
    ``-parseS`` (``[dag_processor] min_file_process_interval`` S seconds; Airflow's default is 30)."""
    head, *opts = spec.split("-")
    workers, nodes = (int(x) for x in head.split("x"))
    env: dict[str, str] = {}
    airflow: dict[str, dict[str, str]] = {}
    for opt in opts:
        if opt == "nopreload":
            env["RASD_WORKER_PRELOAD"] = "0"
        elif opt.startswith("c") and opt[1:].isdigit():
            env["RASD_CHUNK_SIZE"] = opt[1:]
        elif opt.startswith("parse") and opt[5:].isdigit():
            airflow["dag_processor"] = {"min_file_process_interval": opt[5:]}
        else:
            raise SystemExit(f"--configs: unknown option {opt!r} in {spec!r}")
    return workers, nodes, env, airflow


def by_service(roots: dict[str, int]) -> dict[str, float]:
    return {name: sched.tree_cpu([pid]) for name, pid in roots.items()}


class CeleryRun:
    """One Celery stack (PostgreSQL, Redis, the Airflow services, W workers) for configuration ``spec``,
    kept up between measured runs: :meth:`measure` triggers one first ingest run (a fresh index prefix
    and archive each time) and returns its figures."""

    def __init__(self, es: Any, es_url: str, sources_file: Path, work: Path, spec: str) -> None:
        from pipeline.services.proc import free_port
        from pipeline.services.stack import Stack, StackConfig

        self.es, self.es_url, self.spec, self.label = es, es_url, spec, f"celery {spec}"
        workers, _nodes, self.extra, self.airflow_config = parse_config(spec)
        self.prefix = "rasdbsc" + "".join(ch for ch in spec.lower() if ch.isalnum())
        self.archive = work / f"archive-{self.prefix}"
        common.drop_prefix(es, self.prefix)
        env = sched.task_env(es_url, self.prefix, sources_file, self.archive) | self.extra
        config = StackConfig(es_url=es_url, pg_port=free_port(), api_port=free_port(), task_env=env,
                             executor="celery", workers=workers, worker_concurrency=2, unpause=[DAG],
                             airflow_config=self.airflow_config)
        self.stack = Stack(work / f"stack-{self.prefix}", config)
        self.idle: dict[str, Any] = {}
        self.poll_s = 0.5

    def up(self) -> None:
        t0 = time.perf_counter()
        self.stack.up(timeout=900)
        print(f"{self.label}: services up in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        time.sleep(20)  # let the start-up parsing and heartbeats settle
        named = self.named()
        roots = list(named.values())
        idle0 = (sched.tree_cpu(roots), common.es_cpu_s(self.es), by_service(named))
        time.sleep(30)  # the idle cost: heartbeats, DAG parsing, the nodes' housekeeping
        self.idle = {"idle_airflow_cpu_per_s": (sched.tree_cpu(roots) - idle0[0]) / 30,
                     "idle_es_cpu_per_s": (common.es_cpu_s(self.es) - idle0[1]) / 30,
                     "idle_cpu_per_s_by_service": {k: round((v - idle0[2].get(k, 0.0)) / 30, 4)
                                                   for k, v in by_service(named).items()}}

    def named(self) -> dict[str, int]:
        return {name: pid for name, pid in self.stack.airflow.running().items() if pid}

    def measure(self) -> dict[str, Any]:
        shutil.rmtree(self.archive, ignore_errors=True)
        setup = setup_indices(self.es, self.es_url, self.prefix)
        airflow = self.stack.airflow
        token = airflow.token()
        named = self.named()
        roots = list(named.values())
        pg, redis = self.stack.postgres.pid() or 0, self.stack.redis.pid() or 0
        cpu0, pg0, rd0 = sched.tree_cpu(roots), sched.tree_cpu([pg]), sched.tree_cpu([redis])
        with Probe() as probe:
            svc0, nodes0 = by_service(named), node_snapshot(self.es)
            t0 = time.perf_counter()
            run_id, info = sched.trigger_and_wait(airflow, token, {}, poll_s=self.poll_s)
            wall = time.perf_counter() - t0
            nodes = node_delta(nodes0, node_snapshot(self.es))
        cpu = sched.tree_cpu(roots) - cpu0
        run_by = {k: round(v - svc0.get(k, 0.0), 2) for k, v in by_service(named).items()}
        pgc, rdc = sched.tree_cpu([pg]) - pg0, sched.tree_cpu([redis]) - rd0
        esc = sum(n["cpu_s"] for n in nodes.values())
        host = socket.gethostname() + "-"
        tis = airflow.api("GET", f"dags/{DAG}/dagRuns/{run_id}/taskInstances?limit=1000",
                          token=airflow.token())["task_instances"]
        hosts = Counter(str(t.get("hostname") or "?").removeprefix(host) for t in tis if t.get("state") == "success")
        chunks = Counter(str(t.get("hostname") or "?").removeprefix(host) for t in tis
                         if t["task_id"] == "process_chunk" and t.get("state") == "success")
        record = self.es.get(index=f"{self.prefix}-runs", id=run_id)["_source"]
        ran = sum(1 for t in tis if t.get("state") in ("success", "failed"))
        indices = index_counts(self.es, self.prefix)
        print(f"{self.label}: {info['state']} wall {wall:.1f} s, CPU {cpu:.1f} s, ES {esc:.1f} s, tasks by worker "
              f"{dict(hosts)}, CPU by service {run_by}, load {os.getloadavg()[0]:.2f}", file=sys.stderr)
        return {"state": info["state"], "wall_s": wall, "cpu_s": cpu, "postgres_cpu_s": pgc, "redis_cpu_s": rdc,
                "es_cpu_s": esc, "counts": record["counts"], "tasks_by_worker": dict(hosts),
                "chunks_by_worker": dict(chunks), "task_instances": ran, "cpu_by_service": run_by,
                "env": self.extra, "airflow_config": self.airflow_config, "es_nodes": nodes, "indices": indices,
                **probe.record(), **setup, **self.idle}

    def down(self) -> None:
        self.stack.down()
        self.stack.postgres.remove()
        self.stack.redis.remove()
        common.drop_prefix(self.es, self.prefix)
        shutil.rmtree(self.archive, ignore_errors=True)


def run_celery(es: Any, es_url: str, sources_file: Path, work: Path, spec: str) -> dict[str, Any]:
    run = CeleryRun(es, es_url, sources_file, work, spec)
    try:
        run.up()
        return run.measure()
    finally:
        run.down()


# -- what each Elasticsearch JVM spent its CPU on -------------------------------------------------------
def _thread_class(comm: str) -> str:
    """A JVM thread's class by its (15-character) name: the JIT compilers, the garbage collector,
    the VM's own threads, or Elasticsearch's Java threads."""
    if "Compiler" in comm:
        return "jit"
    if comm.startswith(("GC Thread", "G1 ")):
        return "gc"
    if comm.startswith(("VM ", "Service Thread", "Monitor Deflati", "Signal Dispatch", "Common-Cleaner",
                        "Reference Handl", "Finalizer", "Notification Th", "Sweeper")):
        return "vm"
    return "es"


def jvm_threads(pid: int) -> dict[str, float]:
    """CPU seconds of process ``pid``'s live threads by class (see ``_thread_class``); threads that
    exited are only in the process total (``cpu_s`` minus these: ``exited``)."""
    out: dict[str, float] = Counter()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            comm = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[_thread_class(comm)] += (int(fields[11]) + int(fields[12])) / sched.TICK
    return dict(out)


_POOLS = ("write", "refresh", "search", "get", "flush", "force_merge", "management", "generic", "snapshot_meta",
          "system_write", "system_read", "cluster_coordination", "fetch_shard_started", "fetch_shard_store")


def node_snapshot(es: Any) -> dict[str, dict[str, float]]:
    """Per node (by name): process CPU (``_nodes/stats``), its threads' CPU by class (``/proc``), GC
    time, and the totals of indexing, refreshes (all and explicit), merges, flushes and the completed
    tasks of the thread pools."""
    pids = {n["name"]: n["process"]["id"] for n in es.nodes.info(metric="process")["nodes"].values()}
    stats = es.nodes.stats(metric="process,jvm,indices,thread_pool",
                           index_metric="indexing,refresh,merge,flush,get,search")["nodes"]
    out = {}
    for n in stats.values():
        ix, gc = n["indices"], n["jvm"]["gc"]["collectors"]
        snap = {"cpu_s": n["process"]["cpu"]["total_in_millis"] / 1000,
                "gc_s": sum(c["collection_time_in_millis"] for c in gc.values()) / 1000,
                "gc_count": sum(c["collection_count"] for c in gc.values()),
                "docs_indexed": ix["indexing"]["index_total"], "index_s": ix["indexing"]["index_time_in_millis"] / 1000,
                "refreshes": ix["refresh"]["total"], "refreshes_external": ix["refresh"]["external_total"],
                "refresh_s": ix["refresh"]["total_time_in_millis"] / 1000, "merges": ix["merges"]["total"],
                "merge_s": ix["merges"]["total_time_in_millis"] / 1000, "flushes": ix["flush"]["total"],
                "gets": ix["get"]["total"], "queries": ix["search"]["query_total"]}
        for pool in _POOLS:
            snap[f"tp_{pool}"] = n["thread_pool"].get(pool, {}).get("completed", 0)
        for cls, cpu in jvm_threads(pids.get(n["name"], 0)).items():
            snap[f"threads_{cls}_s"] = cpu
        out[n["name"]] = snap
    return out


def index_counts(es: Any, prefix: str) -> dict[str, dict[str, int]]:
    """Per index of ``prefix`` (fresh for each run, so totals are this run's), over all copies: explicit
    and all refreshes, documents indexed, write operations (index + delete), merges."""
    stats = es.indices.stats(index=f"{prefix}-*", metric="refresh,indexing,merge", expand_wildcards="all")
    out = {}
    for name, ix in stats["indices"].items():
        t = ix["total"]
        out[name.removeprefix(prefix + "-")] = {
            "refreshes_external": t["refresh"]["external_total"], "refreshes": t["refresh"]["total"],
            "indexed": t["indexing"]["index_total"], "deleted": t["indexing"]["delete_total"],
            "merges": t["merges"]["total"]}
    return out


def node_delta(before: dict[str, dict[str, float]], after: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {name: {k: round(v - before.get(name, {}).get(k, 0.0), 3) for k, v in snap.items()}
            for name, snap in after.items()}


def row(key: str, label: str, r: dict[str, Any], articles: int, base: dict[str, float]) -> list[Any]:
    total = r["cpu_s"] + r.get("postgres_cpu_s", 0.0) + r.get("redis_cpu_s", 0.0) + r["es_cpu_s"]
    per = total / articles
    r["total_cpu_s"], r["cpu_per_article_s"] = total, per
    indexed = (r["counts"] or {}).get("indexed", 0)
    ratios = [f"{per / base[k]:.2f}" if k in base else ("1.00" if k == key else "-") for k in ("dagtest", "1x1")]
    idle = (f"{r['idle_airflow_cpu_per_s']:.2f} / {r['idle_es_cpu_per_s']:.2f}"
            if "idle_es_cpu_per_s" in r else "-")
    where = " ".join(f"{w}:{n}" for w, n in sorted((r.get("chunks_by_worker") or {}).items())) or "-"
    return [label, r["state"], indexed, r.get("task_instances", "-"), f"{r['wall_s']:.1f}", f"{indexed / r['wall_s']:.2f}",
            f"{r['cpu_s']:.1f}", f"{r.get('postgres_cpu_s', 0) + r.get('redis_cpu_s', 0):.1f}",
            f"{r['es_cpu_s']:.1f}", f"{per:.3f}", f"{100 * r['es_cpu_s'] / total:.0f}%", *ratios, where, idle]


def probe_cpu() -> float:
    """CPU seconds this process needs for a fixed piece of pure-Python work (hashing and string
    building, ~0.3 s on an idle core): how much a CPU second buys right now. On this shared virtual
    machine the same work costs more CPU time when the host's cores are busy (shared caches, the
    hypervisor), so CPU-second figures of runs at different moments differ by that factor."""
    import hashlib

    t0 = time.process_time()
    h = b""
    for i in range(120_000):
        h = hashlib.sha1(h + str(i).encode()).digest()
        "".join(str(x) for x in range(8))
    return time.process_time() - t0


def steal_s() -> float:
    """CPU seconds the hypervisor gave to others while this machine's vCPUs wanted to run (/proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    return int(fields[8]) / sched.TICK


class Probe:
    """Around one measured run: the CPU cost of a fixed piece of work before and after
    (:func:`probe_cpu`), the hypervisor's steal, the load."""

    def __enter__(self) -> Probe:
        self.before, self.steal0 = probe_cpu(), steal_s()
        return self

    def __exit__(self, *exc: object) -> None:
        self.after = probe_cpu()

    def record(self) -> dict[str, float]:
        return {"probe_cpu_s": round((self.before + self.after) / 2, 4), "steal_s": round(steal_s() - self.steal0, 2),
                "load1": os.getloadavg()[0]}


def setup_indices(es: Any, es_url: str, prefix: str) -> dict[str, float]:
    """Drop ``prefix``'s indices, then create them empty (``ensure_indices``, what a run's ``prepare`` does
    on a new cluster) outside the measured run: the Elasticsearch CPU and wall time it took. A deployment
    pays this once; the bench's fresh prefix per run would pay it every run (14 indices, each with
    a replica on three nodes)."""
    from pipeline.index import ensure_indices

    common.drop_prefix(es, prefix)
    settings = common.configure(es_url, prefix)
    t0, cpu0 = time.perf_counter(), common.es_cpu_s(es)
    ensure_indices(es, settings)
    es.cluster.health(index=f"{prefix}-*", wait_for_status="green", timeout="60s")
    return {"setup_es_cpu_s": common.es_cpu_s(es) - cpu0, "setup_wall_s": time.perf_counter() - t0}


def dagtest_measured(es: Any, es_url: str, sources_file: Path, work: Path, label: str) -> dict[str, Any]:
    """One measured ``dag.test()`` run (bench/scheduler.py) into indices created empty before it
    (:func:`setup_indices`), with the node figures (:func:`node_snapshot`)."""
    setup = setup_indices(es, es_url, "rasdbst")
    with Probe() as probe:
        nodes0 = node_snapshot(es)
        r = sched.run_dagtest(es, es_url, sources_file, work, label, cases=("new",), drop=False)["new"]
        r["es_nodes"] = node_delta(nodes0, node_snapshot(es))
    r["es_cpu_s"] = sum(n["cpu_s"] for n in r["es_nodes"].values())
    r |= probe.record() | setup
    r["indices"] = index_counts(es, "rasdbst")
    common.drop_prefix(es, "rasdbst")
    return r


def idle_nodes(clients: dict[str, Any], seconds: float) -> dict[str, dict[str, dict[str, float]]]:
    """Per topology, per node: what the nodes spend over ``seconds`` with nothing to do, per minute."""
    before = {k: node_snapshot(es) for k, es in clients.items()}
    time.sleep(seconds)
    out = {}
    for k, es in clients.items():
        d = node_delta(before[k], node_snapshot(es))
        out[k] = {n: {f: round(v * 60 / seconds, 3) for f, v in snap.items()} for n, snap in d.items()}
    return out


def per_article(r: dict[str, Any], articles: int) -> float:
    """CPU seconds per article of the run (the indices existed, empty); also with their set-up added."""
    total = r["cpu_s"] + r.get("postgres_cpu_s", 0.0) + r.get("redis_cpu_s", 0.0) + r["es_cpu_s"]
    r["total_cpu_s"], r["cpu_per_article_s"] = total, total / articles
    r["cpu_per_article_with_setup_s"] = (total + r.get("setup_es_cpu_s", 0.0)) / articles
    r["es_jit_cpu_s"] = sum(n.get("threads_jit_s", 0.0) for n in r.get("es_nodes", {}).values())
    r["cpu_per_article_without_jit_s"] = (total - r["es_jit_cpu_s"]) / articles
    return total / articles


_NODE_COLS = ("cpu_s", "threads_es_s", "threads_jit_s", "threads_gc_s", "threads_vm_s", "gc_s", "docs_indexed",
              "index_s", "refreshes", "refreshes_external", "refresh_s", "merges", "merge_s", "flushes", "tp_write",
              "tp_refresh", "tp_get", "tp_search", "tp_management", "tp_generic")


def node_rows(label: str, nodes: dict[str, dict[str, float]]) -> list[list[Any]]:
    rows = []
    for name, snap in sorted(nodes.items()):
        rows.append([label, name, *(f"{snap.get(c, 0):.1f}" if c.endswith("_s") else f"{snap.get(c, 0):.0f}"
                                    for c in _NODE_COLS)])
    return rows


def run_repeat(args: argparse.Namespace, spec: str, sources_file: Path, work: Path) -> dict[str, Any]:
    """``--repeat N``: the 1-node and the N-node cluster both up, one unmeasured ``dag.test()`` on each, the
    Celery stack of ``spec`` up once, then ``dag.test()`` (1 node) and ``spec`` alternately N times (the
    order swapped every pair so that a drift of the machine's load does not favour one side)."""
    from pipeline import es_local
    from pipeline.index import get_client
    from pipeline.services import es_cluster

    nodes = parse_config(spec)[1]
    url1 = es_local.start(name=SINGLE, port=args.es_port, heap=args.heap, timeout=300).url
    es_cluster.remove(CLUSTER)
    urln = (es_cluster.start(CLUSTER, nodes=nodes, port=args.es_port + 1, heap=args.heap, timeout=600).url
            if nodes > 1 else url1)
    es1 = get_client(common.configure(url1, "rasdbsc"))
    esn = get_client(common.configure(urln, "rasdbsc")) if nodes > 1 else es1
    out: dict[str, Any] = {"pairs": []}
    celery = None
    try:
        out["idle_fresh_per_min"] = idle_nodes({"1 node": es1, f"{nodes} nodes": esn}, args.idle_s)
        for es, url, what in ((es1, url1, "1 node"), (esn, urln, f"{nodes} nodes"))[: 2 if nodes > 1 else 1]:
            for k in range(args.warmup_runs):
                w = dagtest_measured(es, url, sources_file, work, f"warm-up {k + 1} ({what})")
                out.setdefault("warmup", {})[f"{what} #{k + 1}"] = w
        out["idle_warm_per_min"] = idle_nodes({"1 node": es1, f"{nodes} nodes": esn}, args.idle_s)
        celery = CeleryRun(esn, urln, sources_file, work, spec)
        celery.poll_s = args.poll_s
        celery.up()
        for i in range(args.repeat):
            pair: dict[str, Any] = {}
            for side in (("dagtest", spec) if i % 2 == 0 else (spec, "dagtest")):
                if side == "dagtest":
                    pair["dagtest"] = dagtest_measured(es1, url1, sources_file, work, f"dag.test() #{i + 1}")
                else:
                    pair[spec] = celery.measure()
            pair["ratio"] = per_article(pair[spec], args.articles) / per_article(pair["dagtest"], args.articles)
            pair["ratio_with_setup"] = (pair[spec]["cpu_per_article_with_setup_s"]
                                        / pair["dagtest"]["cpu_per_article_with_setup_s"])
            pair["ratio_without_jit"] = (pair[spec]["cpu_per_article_without_jit_s"]
                                         / pair["dagtest"]["cpu_per_article_without_jit_s"])
            print(f"pair {i + 1}: dag.test {pair['dagtest']['cpu_per_article_s']:.3f}, {spec} "
                  f"{pair[spec]['cpu_per_article_s']:.3f} CPU s/article: {pair['ratio']:.2f}x", file=sys.stderr)
            out["pairs"].append(pair)
    finally:
        if celery is not None:
            celery.down()
        es1.close()
        es_local.stop(SINGLE)
        if nodes > 1:
            esn.close()
            es_cluster.remove(CLUSTER)
    return out


def print_repeat(args: argparse.Namespace, spec: str, out: dict[str, Any]) -> None:
    pairs = out["pairs"]
    rows = []
    for i, p in enumerate(pairs, 1):
        d, c = p["dagtest"], p[spec]
        rows.append([i, f"{d['cpu_s']:.1f}", f"{d['es_cpu_s']:.1f}", f"{d['wall_s']:.0f}", f"{d['cpu_per_article_s']:.3f}",
                     f"{c['cpu_s']:.1f}", f"{c['postgres_cpu_s'] + c['redis_cpu_s']:.1f}", f"{c['es_cpu_s']:.1f}",
                     f"{c['wall_s']:.0f}", f"{c['cpu_per_article_s']:.3f}", f"{p['ratio']:.2f}",
                     f"{d.get('setup_es_cpu_s', 0):.1f} / {c.get('setup_es_cpu_s', 0):.1f}",
                     f"{p.get('ratio_with_setup', 0):.2f}",
                     f"{d['es_jit_cpu_s']:.1f} / {c['es_jit_cpu_s']:.1f}", f"{p['ratio_without_jit']:.2f}",
                     f"{d['load1']:.1f} / {c['load1']:.1f}",
                     f"{d.get('probe_cpu_s', 0):.3f} / {c.get('probe_cpu_s', 0):.3f}",
                     f"{d.get('steal_s', 0):.1f} / {c.get('steal_s', 0):.1f}", c["state"], (c["counts"] or {}).get("indexed", 0)])
    ratios = [p["ratio"] for p in pairs]
    out["ratio_median"], out["ratio_min"], out["ratio_max"] = statistics.median(ratios), min(ratios), max(ratios)
    print(common.table(["pair", "dag.test CPU s Python", "ES", "wall s", "CPU s/article", f"{spec} CPU s Airflow",
                        "PG+Redis", "ES", "wall s", "CPU s/article", "ratio",
                        "index set-up ES CPU s", "ratio with set-up", "ES JIT CPU s", "ratio without JIT",
                        "load1 after", "probe CPU s", "steal s", "state",
                        "indexed"], rows,
                       title=f"bench/scale.py --repeat {args.repeat}  {args.articles} articles, {args.feeds} feeds  "
                             f"{common.now_utc()}  {common.machine()}"))
    print(f"ratio {spec} / dag.test(): median {out['ratio_median']:.2f}, min {out['ratio_min']:.2f}, "
          f"max {out['ratio_max']:.2f} over {len(ratios)} pairs")
    no_jit = [p["ratio_without_jit"] for p in pairs]
    out["ratio_without_jit_median"] = statistics.median(no_jit)
    print(f"without the JVMs' JIT compilation: median {statistics.median(no_jit):.2f}, min {min(no_jit):.2f}, "
          f"max {max(no_jit):.2f}")
    with_setup = [p["ratio_with_setup"] for p in pairs if "ratio_with_setup" in p]
    if with_setup:
        out["ratio_with_setup_median"] = statistics.median(with_setup)
        print(f"with the index set-up added: median {statistics.median(with_setup):.2f}, min {min(with_setup):.2f}, "
              f"max {max(with_setup):.2f}")
    rows = []
    for what in ("idle_fresh_per_min", "idle_warm_per_min"):
        for topo, nodes in out[what].items():
            rows += node_rows(f"{what} ({topo})", nodes)
    for topo, w in out.get("warmup", {}).items():
        rows += node_rows(f"warm-up dag.test ({topo})", w["es_nodes"])
    for i, p in enumerate(pairs, 1):
        rows += node_rows(f"#{i} dag.test", p["dagtest"]["es_nodes"])
        rows += node_rows(f"#{i} {spec}", p[spec]["es_nodes"])
    irows = []
    for label, r in (("dag.test", pairs[0]["dagtest"]), (spec, pairs[0][spec])) if pairs else ():
        for name, c in sorted(r.get("indices", {}).items()):
            irows.append([label, name, c["refreshes_external"], c["refreshes"], c["indexed"], c["deleted"], c["merges"]])
    print(common.table(["pair 1", "index", "explicit refreshes (all copies)", "refreshes", "docs indexed", "deleted",
                        "merges"], irows, title="Writes and refreshes per index"))
    print(common.table(["when", "node", *_NODE_COLS], rows, title="Elasticsearch per JVM (idle rows: per minute)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS)
    parser.add_argument("--es-port", type=int, default=9215, help="the single node; the cluster takes the 3 after it")
    parser.add_argument("--heap", default="512m", help="JVM heap of every node")
    parser.add_argument("--configs", default="1x1,2x1,1x3,2x3",
                        help="celery WORKERSxNODES[-nopreload][-cCHUNKSIZE][-parseSECONDS], comma-separated")
    parser.add_argument("--no-dagtest", action="store_true", help="skip the one-process run")
    parser.add_argument("--warmup", action="store_true",
                        help="one unmeasured dag.test() run on each Elasticsearch topology first (fresh JVMs "
                             "compile their hot code during the first minutes: without it the first "
                             "configuration on a new cluster pays that)")
    parser.add_argument("--repeat", type=int, default=0,
                        help="N: dag.test() and the one configuration of --configs (default 2x3) alternately N "
                             "times on warmed nodes, both topologies up at once; each pair's ratio, then "
                             "median/min/max, and each node's CPU split")
    parser.add_argument("--idle-s", type=float, default=60, help="--repeat: seconds of idle measurement")
    parser.add_argument("--warmup-runs", type=int, default=1,
                        help="--repeat: unmeasured dag.test() runs on each topology first (the JVMs compile "
                             "their hot code over several runs: the compiler threads' CPU falls run after run)")
    parser.add_argument("--poll-s", type=float, default=0.5,
                        help="how often the bench asks the API whether the run finished (api-server CPU, "
                             "counted in the run's)")
    args = parser.parse_args()
    if args.repeat:
        spec = args.configs if args.configs != parser.get_default("configs") else "2x3"
        if "," in spec:
            raise SystemExit("--repeat compares dag.test() with one configuration: give --configs WxN")
        import yaml

        articles = common.load_corpus(args.corpus, n=args.articles)
        webs, sources = sched.serve_feeds(articles, args.feeds)
        work = Path(tempfile.mkdtemp(prefix="rasd-bench-scale-"))
        sources_file = work / "sources.yaml"
        sources_file.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
        try:
            out = run_repeat(args, spec, sources_file, work)
        finally:
            for web in webs:
                web.stop()
            shutil.rmtree(work, ignore_errors=True)
        print_repeat(args, spec, out)
        print(json.dumps({"bench": "scale-repeat", "feeds": args.feeds, "articles": args.articles, "config": spec,
                          "repeat": args.repeat, **out, "machine": common.machine(), "at": common.now_utc()},
                         ensure_ascii=False, default=str))
        return
    configs = [c for c in args.configs.split(",") if c]
    nodes_of = {c: parse_config(c)[1] for c in configs}

    import yaml

    from pipeline import es_local
    from pipeline.index import get_client
    from pipeline.services import es_cluster

    articles = common.load_corpus(args.corpus, n=args.articles)
    webs, sources = sched.serve_feeds(articles, args.feeds)
    work = Path(tempfile.mkdtemp(prefix="rasd-bench-scale-"))
    sources_file = work / "sources.yaml"
    sources_file.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    results: dict[str, dict[str, Any]] = {}
    try:
        for nodes in sorted(set(nodes_of.values()) | ({1} if not args.no_dagtest else set())):
            if nodes == 1:
                es_url = es_local.start(name=SINGLE, port=args.es_port, heap=args.heap, timeout=300).url
            else:
                es_cluster.remove(CLUSTER)
                es_url = es_cluster.start(CLUSTER, nodes=nodes, port=args.es_port + 1, heap=args.heap, timeout=600).url
            print(f"es: {nodes} node(s) at {es_url}", file=sys.stderr)
            try:
                es = get_client(common.configure(es_url, "rasdbsc"))
                if args.warmup:
                    sched.run_dagtest(es, es_url, sources_file, work, f"warm-up ({nodes} node(s))", cases=("new",))
                    common.drop_prefix(es, "rasdbst")
                if nodes == 1 and not args.no_dagtest:
                    results["dagtest"] = sched.run_dagtest(es, es_url, sources_file, work, "dag.test()",
                                                          cases=("new",))["new"]
                    common.drop_prefix(es, "rasdbst")
                for spec in configs:
                    if nodes_of[spec] == nodes:
                        results[spec] = run_celery(es, es_url, sources_file, work, spec)
                es.close()
            finally:
                if nodes == 1:
                    es_local.stop(SINGLE)
                else:
                    es_cluster.remove(CLUSTER)
    finally:
        for web in webs:
            web.stop()
        shutil.rmtree(work, ignore_errors=True)

    rows, base = [], {}
    order = (["dagtest"] if "dagtest" in results else []) + configs
    for key in order:
        r = results[key]
        label = "dag.test() (1 process) x 1 node" if key == "dagtest" else f"celery {key}"
        rows.append(row(key, label, r, args.articles, base))
        if key in ("dagtest", "1x1"):
            base[key] = r["cpu_per_article_s"]
    print(common.table(["configuration", "state", "indexed", "tasks run", "wall s", "articles/s", "CPU s Airflow+tasks",
                        "CPU s PG+Redis", "CPU s ES", "CPU s/article", "ES share", "× dag.test", "× celery 1x1",
                        "chunks by worker", "idle CPU s/s Airflow / ES"], rows,
                       title=f"bench/scale.py  {args.articles} articles, {args.feeds} feeds  {common.now_utc()}  "
                             f"{common.machine()}"))
    print(json.dumps({"bench": "scale", "feeds": args.feeds, "articles": args.articles, "results": results,
                      "machine": common.machine(), "at": common.now_utc()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
