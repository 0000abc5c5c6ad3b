"""The ingest DAG under the real Airflow services vs ``dag.test()``, side by side in one run.

    .venv/bin/python bench/scheduler.py [--feeds 50] [--articles 500] [--es-port 9291]

Content: ``--feeds`` RSS feeds, each on its own loopback ``NewsWeb`` (its own host), answering 304
to a matching ``If-None-Match``; ``--articles`` SaudiNewsNet articles (read at run time from
``/work/shared/corpus/saudinewsnet``, never copied) spread over them and rendered as news pages.
``RASD_PER_HOST_DELAY=0`` on both sides (politeness sleeps would only add the same idle wall time).

For each mode, on its own fresh index prefix and raw archive:

* (b) **new**: the first ingest run, every feed new: all articles fetched, extracted, tagged,
  deduplicated and indexed;
* (a) **idle**: the next run (``force``: every feed polled again), every feed answers 304.

Modes:

* **real**: PostgreSQL + the Airflow api-server, scheduler, dag-processor and triggerer
  (LocalExecutor, ``pipeline.services``), runs triggered through the REST API. Wall = from the
  trigger request until the API reports the run finished. CPU = user + system seconds of every
  process under the four Airflow services (the scheduler's LocalExecutor workers, the task
  supervisors and task processes; exited children are counted through their parents'
  ``cutime``/``cstime``), from ``/proc``, before and after the run; PostgreSQL separately.
* **dag.test**: ``pipeline.airflow_run.run_dag`` (``dag.test()``, SQLite) in a fresh Python
  process per run, as ``rasd demo`` does. Wall and CPU of that process (and its children).

Elasticsearch CPU (``_nodes/stats``) is reported for both (same work on both sides). Prints a
table, the ratios real / dag.test, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

TICK = os.sysconf("SC_CLK_TCK")
DAG = "libya_news_ingest"


# -- content --------------------------------------------------------------------------------
def serve_feeds(articles: list[Any], n_feeds: int) -> tuple[list[Any], list[dict[str, Any]]]:
    """``n_feeds`` hosts, each one RSS feed (ETag, 304) of its share of ``articles`` and their pages."""
    import hashlib

    from pipeline.newsweb import NewsWeb, Route

    webs, sources = [], []
    for i in range(n_feeds):
        web = common.no_nagle(NewsWeb(root=None))
        mine = articles[i::n_feeds]
        for k, a in enumerate(mine):
            others = [o for o in articles if o is not a][k : k + 12]
            web.add_route(common.page_path(a), Route(body=common.render_page(a, web.base_url, others),
                                                     headers={"Content-Type": "text/html; charset=utf-8"}))
        feed = common.render_feed(f"outlet{i:02d}", mine, web.base_url)
        etag = '"' + hashlib.sha1(feed).hexdigest()[:16] + '"'
        web.add_route("/rss.xml", Route(body=feed, conditional=True,
                                        headers={"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag}))
        webs.append(web.start())
        sources.append({"id": f"outlet{i:02d}", "name": f"مصدر {i}", "homepage": web.base_url + "/",
                        "feeds": [{"url": web.base_url + "/rss.xml", "kind": "rss", "verified": True}],
                        "libya_focused": True, "language": "ar", "poll_interval_minutes": 15, "enabled": True})
    return webs, sources


def task_env(es_url: str, prefix: str, sources_file: Path, archive: Path) -> dict[str, str]:
    return {"ES_URL": es_url, "RASD_INDEX_PREFIX": prefix, "RASD_SOURCES_FILE": str(sources_file),
            "RASD_FETCH_ALLOW_LOOPBACK": "1", "RASD_PER_HOST_DELAY": "0", "RASD_ARCHIVE_URL": str(archive),
            "RASD_INGEST_SCHEDULE": "none"}


# -- CPU of process trees ---------------------------------------------------------------------
def _procs() -> dict[int, tuple[int, float]]:
    """pid -> (ppid, CPU seconds incl. reaped children: utime + stime + cutime + cstime) of every process."""
    from pipeline.services.proc import process_table

    return {pid: (int(f[1]), sum(int(x) for x in f[11:15]) / TICK) for pid, f in process_table().items()}


def tree_cpu(roots: list[int]) -> float:
    """CPU seconds of ``roots`` and all their live descendants (exited ones are in their parents' c-times).
    A descendant's own c-times already hold its reaped children, so each live process counts once."""
    procs = _procs()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _cpu) in procs.items():
        children.setdefault(ppid, []).append(pid)
    total, todo, seen = 0.0, [r for r in roots if r in procs], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += procs[pid][1]
        todo.extend(children.get(pid, []))
    return total


# -- the two modes ----------------------------------------------------------------------------
def run_real(es: Any, es_url: str, sources_file: Path, work: Path, label: str) -> dict[str, Any]:
    from pipeline.services.proc import free_port
    from pipeline.services.stack import Stack, StackConfig

    prefix = "rasdbsr"
    common.drop_prefix(es, prefix)
    env = task_env(es_url, prefix, sources_file, work / "archive-real")
    stack = Stack(work / "stack", StackConfig(es_url=es_url, pg_port=free_port(), api_port=free_port(), task_env=env))
    t0 = time.perf_counter()
    stack.up(timeout=900)
    print(f"{label}: services up in {time.perf_counter() - t0:.0f} s ({stack.airflow.api_url})", file=sys.stderr)
    airflow = stack.airflow
    results = {}
    try:
        token = airflow.token()
        time.sleep(20)  # let the start-up parsing and heartbeats settle
        for case, conf in (("new", {}), ("idle", {"force": True})):
            roots = [p for p in airflow.running().values() if p]
            pg = stack.postgres.pid() or 0
            cpu0, pg0, es0 = tree_cpu(roots), tree_cpu([pg]), common.es_cpu_s(es)
            t0 = time.perf_counter()
            run_id, info = trigger_and_wait(airflow, token, conf)
            wall = time.perf_counter() - t0
            cpu, pgc, esc = tree_cpu(roots) - cpu0, tree_cpu([pg]) - pg0, common.es_cpu_s(es) - es0
            record = es.get(index=f"{prefix}-runs", id=run_id)["_source"]
            results[case] = {"state": info["state"], "wall_s": wall, "cpu_s": cpu, "postgres_cpu_s": pgc,
                             "es_cpu_s": esc, "counts": record["counts"]}
            print(f"{label} {case}: {info['state']} wall {wall:.1f} s, CPU {cpu:.1f} s", file=sys.stderr)
            token = airflow.token()
    finally:
        stack.down()
        stack.postgres.remove()
    return results


def trigger_and_wait(airflow: Any, token: str, conf: dict[str, Any], poll_s: float = 0.5) -> tuple[str, dict[str, Any]]:
    """Trigger the ingest DAG over the REST API; its run id and final state once it has finished
    (asked every ``poll_s`` seconds: each question is api-server CPU, counted in the run's)."""
    run_id = airflow.api("POST", f"dags/{DAG}/dagRuns", {"logical_date": None, "conf": conf}, token=token)["dag_run_id"]
    while True:
        info = airflow.api("GET", f"dags/{DAG}/dagRuns/{run_id}", token=token)
        if info["state"] in ("success", "failed"):
            return run_id, info
        time.sleep(poll_s)

def run_dagtest(es: Any, es_url: str, sources_file: Path, work: Path, label: str,
                cases: tuple[str, ...] = ("new", "idle"), *, drop: bool = True) -> dict[str, Any]:
    """``drop=False``: keep the prefix's indices (the caller created them empty, bench/scale.py)."""
    prefix = "rasdbst"
    if drop:
        common.drop_prefix(es, prefix)
    home = work / "airflow-dagtest"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW__", "RASD_", "ES_"))}
    env.update(task_env(es_url, prefix, sources_file, work / "archive-dagtest"))
    env.update({"AIRFLOW_HOME": str(home), "AIRFLOW__CORE__LOAD_EXAMPLES": "False"})
    subprocess.run([sys.executable, "-c", "from pipeline.airflow_run import configure_airflow_env, ensure_db; "
                    "ensure_db(configure_airflow_env())"], env=env, check=True, capture_output=True)
    results = {}
    for case, conf in (("new", {}), ("idle", {"force": True})):
        if case not in cases:
            continue
        code = ("import json, sys; from pipeline.airflow_run import run_dag; "
                f"state, summary = run_dag({DAG!r}, {conf!r}); "
                "print('RESULT ' + json.dumps({'state': state, 'counts': (summary or {}).get('counts')}))")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        es0 = common.es_cpu_s(es)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
        if done.returncode != 0 or line is None:
            raise SystemExit(f"dag.test run failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        out = json.loads(line[7:])
        results[case] = {"state": out["state"], "wall_s": wall, "cpu_s": cpu, "es_cpu_s": common.es_cpu_s(es) - es0,
                         "counts": out["counts"]}
        print(f"{label} {case}: {out['state']} wall {wall:.1f} s, CPU {cpu:.1f} s", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS)
    parser.add_argument("--es-url", default=None)
    parser.add_argument("--es-port", type=int, default=common.BENCH_PORT)
    parser.add_argument("--keep-es", action="store_true")
    args = parser.parse_args()

    from pipeline.index import get_client

    articles = common.load_corpus(args.corpus, n=args.articles)
    webs, sources = serve_feeds(articles, args.feeds)
    work = Path(tempfile.mkdtemp(prefix="rasd-bench-scheduler-"))
    sources_file = work / "sources.yaml"
    import yaml

    sources_file.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    common.BENCH_PORT = args.es_port
    try:
        with common.bench_es(args.es_url, keep=args.keep_es) as es_url:
            settings = common.configure(es_url, "rasdbsr")
            es = get_client(settings)
            real = run_real(es, es_url, sources_file, work, "real scheduler")
            test = run_dagtest(es, es_url, sources_file, work, "dag.test()")
            for prefix in ("rasdbsr", "rasdbst"):
                common.drop_prefix(es, prefix)
    finally:
        for web in webs:
            web.stop()
        shutil.rmtree(work, ignore_errors=True)

    rows = []
    for case, title in (("idle", f"(a) idle: {args.feeds} feeds, all 304"),
                        ("new", f"(b) new: {args.articles} articles")):
        r, t = real[case], test[case]
        rows.append([title, "real scheduler", r["state"], f"{r['wall_s']:.1f}", f"{r['cpu_s']:.1f}",
                     f"{r['postgres_cpu_s']:.1f}", f"{r['es_cpu_s']:.1f}", r["counts"].get("indexed", 0)])
        rows.append(["", "dag.test()", t["state"], f"{t['wall_s']:.1f}", f"{t['cpu_s']:.1f}", "-",
                     f"{t['es_cpu_s']:.1f}", (t["counts"] or {}).get("indexed", 0)])
        rows.append(["", "ratio real / dag.test", "", f"{r['wall_s'] / t['wall_s']:.2f}",
                     f"{r['cpu_s'] / t['cpu_s']:.2f}", "", "", ""])
    print(common.table(["run", "mode", "state", "wall s", "CPU s (Airflow+tasks)", "PostgreSQL CPU s", "ES CPU s",
                        "indexed"], rows, title=f"bench/scheduler.py  {common.now_utc()}  {common.machine()}"))
    print(json.dumps({"bench": "scheduler", "feeds": args.feeds, "articles": args.articles, "real": real,
                      "dag_test": test, "machine": common.machine(), "at": common.now_utc()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
