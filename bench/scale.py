"""Scale-out overhead: the ingest DAG through the real scheduler with 1 and 2 Celery workers, into a
1-node and a 3-node Elasticsearch cluster, side by side in one run (plus the one-process figure).

    .venv/bin/python bench/scale.py [--feeds 10] [--articles 300] [--es-port 9215]

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
import shutil
import socket
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


def run_celery(es: Any, es_url: str, sources_file: Path, work: Path, spec: str) -> dict[str, Any]:
    from pipeline.services.proc import free_port
    from pipeline.services.stack import Stack, StackConfig

    workers, _nodes, extra, airflow_config = parse_config(spec)
    label = f"celery {spec}"
    prefix = "rasdbsc" + "".join(ch for ch in spec.lower() if ch.isalnum())
    common.drop_prefix(es, prefix)
    env = sched.task_env(es_url, prefix, sources_file, work / f"archive-{prefix}") | extra
    config = StackConfig(es_url=es_url, pg_port=free_port(), api_port=free_port(), task_env=env, executor="celery",
                         workers=workers, worker_concurrency=2, unpause=[DAG], airflow_config=airflow_config)
    stack = Stack(work / f"stack-{prefix}", config)
    t0 = time.perf_counter()
    try:
        stack.up(timeout=900)
        print(f"{label}: services up in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        airflow = stack.airflow
        token = airflow.token()
        time.sleep(20)  # let the start-up parsing and heartbeats settle
        named = {name: pid for name, pid in airflow.running().items() if pid}
        roots = list(named.values())
        idle0 = (sched.tree_cpu(roots), common.es_cpu_s(es), by_service(named))
        time.sleep(30)  # the idle cost: heartbeats, DAG parsing, the nodes' housekeeping
        idle = ((sched.tree_cpu(roots) - idle0[0]) / 30, (common.es_cpu_s(es) - idle0[1]) / 30)
        idle_by = {k: round((v - idle0[2].get(k, 0.0)) / 30, 4) for k, v in by_service(named).items()}
        pg, redis = stack.postgres.pid() or 0, stack.redis.pid() or 0
        cpu0, pg0, rd0, es0 = sched.tree_cpu(roots), sched.tree_cpu([pg]), sched.tree_cpu([redis]), common.es_cpu_s(es)
        svc0 = by_service(named)
        t0 = time.perf_counter()
        run_id, info = sched.trigger_and_wait(airflow, token, {})
        wall = time.perf_counter() - t0
        cpu = sched.tree_cpu(roots) - cpu0
        run_by = {k: round(v - svc0.get(k, 0.0), 2) for k, v in by_service(named).items()}
        pgc, rdc, esc = sched.tree_cpu([pg]) - pg0, sched.tree_cpu([redis]) - rd0, common.es_cpu_s(es) - es0
        host = socket.gethostname() + "-"
        tis = airflow.api("GET", f"dags/{DAG}/dagRuns/{run_id}/taskInstances?limit=1000",
                          token=airflow.token())["task_instances"]
        hosts = Counter(str(t.get("hostname") or "?").removeprefix(host) for t in tis if t.get("state") == "success")
        chunks = Counter(str(t.get("hostname") or "?").removeprefix(host) for t in tis
                         if t["task_id"] == "process_chunk" and t.get("state") == "success")
        record = es.get(index=f"{prefix}-runs", id=run_id)["_source"]
        ran = sum(1 for t in tis if t.get("state") in ("success", "failed"))
        print(f"{label}: {info['state']} wall {wall:.1f} s, CPU {cpu:.1f} s, ES {esc:.1f} s, tasks by worker "
              f"{dict(hosts)}, CPU by service {run_by}, idle CPU s/s by service {idle_by}", file=sys.stderr)
        return {"state": info["state"], "wall_s": wall, "cpu_s": cpu, "postgres_cpu_s": pgc, "redis_cpu_s": rdc,
                "es_cpu_s": esc, "counts": record["counts"], "tasks_by_worker": dict(hosts),
                "idle_airflow_cpu_per_s": idle[0], "idle_es_cpu_per_s": idle[1],
                "chunks_by_worker": dict(chunks), "task_instances": ran, "cpu_by_service": run_by,
                "idle_cpu_per_s_by_service": idle_by, "env": extra, "airflow_config": airflow_config}
    finally:
        stack.down()
        stack.postgres.remove()
        stack.redis.remove()
        common.drop_prefix(es, prefix)


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
    args = parser.parse_args()
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
