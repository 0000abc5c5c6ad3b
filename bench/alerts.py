"""Alerts benchmark: ingest runs of a real corpus, then the alerts DAG, with 20 watchlists.

    .venv/bin/python bench/alerts.py --corpus ../shared/corpus/saudinewsnet --n 1000 --runs 2

``--n`` articles of SaudiNewsNet (seeded sample; read at run time, nothing stored in the repo) are
rendered into a loopback news site (``bench/_common.py``: one page per article, one RSS feed per
outlet, every outlet ``libya_focused`` so every article is indexed) and replayed as ``--runs``
ingest runs of n/runs articles each (``pipeline.ingest.run_once``: feeds list the next slice of
their articles at each run). The articles are dated within the hour before the first run, and the
20 watchlists (``WATCHLISTS``: words of 2015 Saudi news, some with a topic) were created an hour
before that, so every article may alert; each watchlist posts to a webhook receiver on loopback.

After each ingest run ends, the real DAG ``libya_news_alerts`` runs with ``dag.test()`` (a fresh
SQLite Airflow home). Reported per run:

* evaluation time: Elasticsearch time (sum of ``took`` of every search of the evaluation task:
  the ``msearch`` of all watchlists, story statistics, outbox look-ups), wall time of the task's
  function, and ES ``took`` per watchlist (min / median / max);
* notifications: the stories in the webhook messages received (``--burst``: by default each story
  is its own message; with the product default of 10, a watchlist with more new stories sends them
  in one message) against the distinct stories matched, counted independently: per watchlist,
  the ``cluster_id``s of its query over the articles first seen in this run (published after the
  watchlist), less the stories it matched in earlier runs, summed over watchlists; follow-ups are
  counted apart (a story of run 1 that two more outlets carry in run 2);
* alert latency: time from the end of the ingest run to the webhook receiving each message
  (median and max), which is what an analyst waits for under ``dag.test()``; under the scheduler
  an asset-triggered run adds its scheduling delay (a few seconds).

Prints tables, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasdbenchalerts"

# (name, words, topic): things a monitor of 2015 Saudi news might follow
WATCHLISTS: list[tuple[str, str, str | None]] = [
    ("riyadh", "الرياض", None),
    ("health", "وزارة الصحة", None),
    ("corona", "كورونا", None),
    ("oil", "النفط", None),
    ("aramco", "أرامكو", None),
    ("hajj", "الحج", None),
    ("mecca", "مكة المكرمة", None),
    ("yemen", "اليمن", None),
    ("houthi", "الحوثي", None),
    ("iran", "إيران", None),
    ("hilal", "الهلال", None),
    ("education", "التعليم", None),
    ("rain", "الأمطار", None),
    ("traffic", "المرور", None),
    ("housing", "الإسكان", None),
    ("stocks", "سوق الأسهم", None),
    ("isis", "داعش", None),
    ("king", '"الملك سلمان"', None),
    ("shura", "مجلس الشورى", None),
    ("jeddah-security", "جدة", "security"),
]


def _window_stories(es: Any, s: Any, w: Any, since: datetime, floor: datetime) -> set[str]:
    """Distinct stories (cluster ids) the watchlist matches among the articles first seen since ``since``:
    the independent count that notifications are checked against."""
    from pipeline.alerts import match_query

    resp = es.search(index=s.articles_alias, size=0, query=match_query(w, since, floor),
                     aggs={"stories": {"terms": {"field": "cluster_id", "size": 10_000}}})
    return {b["key"] for b in resp["aggregations"]["stories"]["buckets"]}


def run(args: argparse.Namespace) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="rasd-bench-airflow-"))
    os.environ["AIRFLOW_HOME"] = str(home)
    from pipeline.airflow_run import configure_airflow_env, ensure_db

    configure_airflow_env(home)
    t0 = time.perf_counter()
    ensure_db(home)
    print(f"airflow: SQLite home {home} migrated in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    articles = common.load_corpus(args.corpus, n=args.n, seed=args.seed)
    start = datetime.now(UTC).replace(microsecond=0)
    span = timedelta(minutes=50)
    articles = [dataclasses.replace(a, date=start - span + span * i / max(len(articles), 1))
                for i, a in enumerate(articles)]
    runs = [articles[i :: args.runs] for i in range(args.runs)]  # every run has articles of every outlet
    with common.BenchSite(articles, seed=args.seed) as site, tempfile.TemporaryDirectory(prefix="rasd-alerts-") as tmp, \
            common.bench_es(args.es_url, keep=args.keep_es) as es_url:
        from pipeline.receivers import WebhookInbox

        with WebhookInbox() as inbox:
            return _bench(args, site, runs, Path(tmp), es_url, inbox, start)


def _bench(args: argparse.Namespace, site: common.BenchSite, runs: list[list[Any]], tmp: Path, es_url: str,
           inbox: Any, start: datetime) -> dict[str, Any]:
    from pipeline import watchlists as wl
    from pipeline.airflow_run import run_dag
    from pipeline.index import ensure_indices, get_client
    from pipeline.ingest import run_once
    from pipeline.newsweb import Route

    os.environ["AIRFLOW_CONN_RASD_WEBHOOK_BENCH"] = inbox.connection_uri()
    s = common.configure(es_url, PREFIX, fetch_allow_loopback=1, per_host_delay=0, archive_url=tmp / "archive",
                         max_articles_per_feed=max(args.n, 200), alert_burst=args.burst)
    es = get_client(s)
    common.drop_prefix(es, PREFIX)
    ensure_indices(es, s)
    sources_file = site.write_sources(tmp / "sources.yaml")
    created = start - timedelta(hours=1)
    for name, words, topic in WATCHLISTS:
        w = wl.parse({"name": name, "query": words, "topic": topic, "channels": [{"webhook": "bench"}]}, s)
        wl.save(es, w, s, now=created)
    lists = wl.listing(es, s)
    _capture_evaluations()

    listed: dict[str, list[Any]] = {src: [] for src in site.feeds}
    seen: dict[str, set[str]] = {}
    results = []
    for r, batch in enumerate(runs, 1):
        for a in batch:  # the feeds now also list this run's articles
            listed[a.source].append(a)
        for src, items in listed.items():
            body = common.render_feed(src, items, site.web.base_url)
            site.web.add_route(common.feed_path(src), Route(body=body, headers={
                "Content-Type": "application/rss+xml; charset=utf-8"}))
        t_ingest = time.perf_counter()
        run_started = datetime.now(UTC)
        summary = run_once(str(sources_file), settings=s, run_id=f"bench-alerts-{r}")
        ingest_end_wall = time.time()
        ingest_s = time.perf_counter() - t_ingest
        posts_before = len(inbox.posts)
        t_dag = time.perf_counter()
        state, _ = run_dag("libya_news_alerts")
        dag_s = time.perf_counter() - t_dag
        posts = inbox.posts[posts_before:]
        ev = EVALUATIONS[-1]
        # the independent count: per watchlist, the distinct stories with an article first seen in this run,
        # less those it matched in earlier runs (already alerted: they may only give follow-ups)
        since = run_started - timedelta(seconds=1)
        window = {w.name: _window_stories(es, s, w, since, created) for w in lists}
        expected = sum(len(ids - seen.get(name, set())) for name, ids in window.items())
        in_window = sum(len(ids) for ids in window.values())
        for name, ids in window.items():
            seen.setdefault(name, set()).update(ids)
        # stories notified: one per story of each message (a burst message carries several)
        kinds = ["followup" if st["step"] else "new" for p in posts for st in p.body["rasd"]["stories"]]
        latencies = [p.received_at - ingest_end_wall for p in posts]
        per_wl = sorted(v["es_ms"] for v in ev["per_watchlist"].values())
        results.append({
            "run": r, "articles": len(batch), "indexed": summary["counts"].get("indexed", 0), "dag_state": state,
            "ingest_s": round(ingest_s, 1), "dag_s": round(dag_s, 1),
            "eval_es_ms": ev["es_ms"], "eval_wall_ms": ev["wall_ms"],
            "per_watchlist_es_ms": {"min": per_wl[0], "median": statistics.median(per_wl), "max": per_wl[-1]},
            "stories_in_window": in_window, "stories_matched": expected, "notifications_new": kinds.count("new"),
            "notifications_followup": kinds.count("followup"), "messages": len(posts),
            "evaluation_new_alerts": ev["new_alerts"], "evaluation_followups": ev["followups"],
            "latency_s": {"median": round(statistics.median(latencies), 2) if latencies else None,
                          "max": round(max(latencies), 2) if latencies else None},
        })
        print(f"run {r}: {len(batch)} articles, {results[-1]['indexed']} indexed in {ingest_s:.0f} s; alerts DAG "
              f"{dag_s:.1f} s, {len(posts)} messages", file=sys.stderr)
    if not args.keep_indices:
        common.drop_prefix(es, PREFIX)
    es.close()
    return {"n": sum(len(b) for b in runs), "burst": args.burst, "runs": results, "watchlists": len(lists), "machine": common.machine(),
            "when": common.now_utc()}


EVALUATIONS: list[dict[str, Any]] = []


def _capture_evaluations() -> None:
    """``dag.test()`` runs the tasks in this process: wrap ``pipeline.alerts.evaluate`` (which the task
    imports when it runs) to keep each evaluation's result and wall time."""
    from pipeline import alerts

    original = alerts.evaluate

    def timed(**kwargs: Any) -> Any:
        t0 = time.perf_counter()
        ev = original(**kwargs)
        EVALUATIONS.append(dataclasses.asdict(ev) | {"wall_ms": round((time.perf_counter() - t0) * 1000)})
        return ev

    alerts.evaluate = timed  # type: ignore[assignment]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--n", type=int, default=1000, help="articles in all (default 1000)")
    ap.add_argument("--runs", type=int, default=2, help="ingest runs the articles are split into (default 2)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--burst", type=int, default=100_000,
                    help="RASD_ALERT_BURST: more new stories than this for one watchlist go out as one message "
                         "(default 100000: a message per story, so messages = stories; the product default is 10)")
    ap.add_argument("--es-url", help=f"Elasticsearch to use; default: local node {common.BENCH_NODE!r}")
    ap.add_argument("--keep-es", action="store_true")
    ap.add_argument("--keep-indices", action="store_true")
    args = ap.parse_args()
    out = run(args)
    rows = [[r["run"], r["articles"], r["indexed"], r["eval_es_ms"], r["eval_wall_ms"],
             r["per_watchlist_es_ms"]["median"], r["per_watchlist_es_ms"]["max"], r["stories_in_window"],
             r["stories_matched"],
             r["notifications_new"], r["notifications_followup"], r["messages"], r["latency_s"]["median"],
             r["latency_s"]["max"], r["dag_s"]] for r in out["runs"]]
    print(common.table(["run", "articles", "indexed", "eval ES ms", "eval wall ms", "per-wl ES ms p50",
                        "per-wl ES ms max", "stories in run", "new stories matched", "stories notified", "follow-ups", "messages", "latency p50 s",
                        "latency max s", "DAG s"], rows,
                       title=f"alerts: {out['watchlists']} watchlists, {out['n']} articles, burst {out['burst']} "
                             f"({out['machine']})"))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
