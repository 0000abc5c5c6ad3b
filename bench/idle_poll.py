"""Idle-poll benchmark: 30 feeds on 30 loopback hosts that all answer 304.

    .venv/bin/python bench/idle_poll.py

Each feed is served by its own ``NewsWeb`` on ``127.0.0.1`` (its own port, so its own host for
per-host pacing, whose netloc includes the port): an RSS feed of 20 items with an ``ETag``, answered
with 304 to a matching ``If-None-Match``. Feed state lives in the bench Elasticsearch (index prefix
``rasdidle``, dropped before and after); settings are the defaults (per-host delay 1 s, robots.txt
honoured) but for ``RASD_FETCH_ALLOW_LOOPBACK=1``.

1. First round: ``poll_feed`` over all 30 (stores the ETags), then ``feedstate.confirm`` as the
   DAG's finish task does (clears ``pending``, so the next poll is conditional).
2. Timed rounds (``--rounds``, default 3), each like one task: a new ES client and one ``Fetcher``,
   ``poll_feed`` for the 30 feeds in turn, ``Fetcher.close``. The first timed round is "the second
   round" of the issue; the median over rounds is reported too.
3. For comparison, the DAG's shape: each feed its own ``poll_feed(job)`` call with its own ES client
   and ``Fetcher`` (one mapped task instance per feed, without Airflow's own task overhead).

Per feed: wall time, HTTP time (``Fetcher.get``, robots.txt included) and Elasticsearch time (state
load and save), and the status every poll saw.

Verdict (``target_met``): the second round takes at most 5 s, AND every feed request after the
first round carried ``If-None-Match`` (the servers count them), AND every timed poll came back
``unchanged`` from a 304.  A fast round that fetched the feeds in full is a miss, not a pass.

Prints a table, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasdidle"


def feed_body(i: int, base_url: str) -> bytes:
    """An RSS feed of 20 synthetic items (no corpus text needed)."""
    start = datetime(2025, 6, 1, tzinfo=UTC)
    items = []
    for k in range(20):
        link = f"{base_url}/news/{i:02d}-{k:03d}.html"
        items.append(f"<item><title>خبر تجريبي رقم {k} من المصدر {i}</title><link>{link}</link><guid>{link}</guid>"
                     f"<pubDate>{format_datetime(start - timedelta(hours=k))}</pubDate>"
                     f"<description>ملخص الخبر رقم {k}</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>مصدر {i}</title><link>{base_url}/</link>" + "".join(items) + "</channel></rss>").encode("utf-8")


def start_hosts(n: int, *, nagle: bool) -> list[Any]:
    from pipeline.newsweb import NewsWeb, Route

    webs = []
    for i in range(n):
        web = NewsWeb(root=None)
        if not nagle:
            common.no_nagle(web)
        body = feed_body(i, web.base_url)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        web.add_route("/rss.xml", Route(body=body, conditional=True,
                                        headers={"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag}))
        webs.append(web.start())
    return webs


class TimedFetcher:
    """Wraps a ``Fetcher``: total time spent in ``get`` per URL."""

    def __init__(self, fetcher: Any) -> None:
        self._f = fetcher
        self.spent: dict[str, float] = {}

    def get(self, url: str, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self._f.get(url, **kwargs)
        finally:
            self.spent[url] = self.spent.get(url, 0.0) + time.perf_counter() - t0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._f, name)


def one_task(jobs: list[dict[str, Any]], settings: Any) -> dict[str, Any]:
    """One task: a new ES client and Fetcher, all feeds in turn."""
    from pipeline import index as index_stage
    from pipeline.fetch import Fetcher
    from pipeline.ingest import poll_feed

    common.take_es_calls()
    t0 = time.perf_counter()
    es = index_stage.get_client(settings)
    fetcher = TimedFetcher(Fetcher(settings))
    polls, per_feed = [], []
    try:
        for job in jobs:
            t = time.perf_counter()
            polls.append(poll_feed(job, settings=settings, es=es, fetcher=fetcher))  # type: ignore[arg-type]
            per_feed.append(time.perf_counter() - t)
    finally:
        fetcher.close()
    total = time.perf_counter() - t0
    es.close()
    calls = common.take_es_calls()
    return {"total": total, "per_feed": per_feed, "http": sum(fetcher.spent.values()),
            "es": sum(sec for _n, sec in calls.values()), "calls": calls, "polls": polls}


def dag_shape(jobs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each feed its own poll_feed(job): own ES client, own Fetcher (settings from the environment)."""
    from pipeline.ingest import poll_feed

    common.take_es_calls()
    t0 = time.perf_counter()
    polls, per_feed = [], []
    for job in jobs:
        t = time.perf_counter()
        polls.append(poll_feed(job))
        per_feed.append(time.perf_counter() - t)
    total = time.perf_counter() - t0
    calls = common.take_es_calls()
    return {"total": total, "per_feed": per_feed, "http": float("nan"),
            "es": sum(sec for _n, sec in calls.values()), "calls": calls, "polls": polls}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline import feedstate, ingest
    from pipeline import index as index_stage
    from pipeline.fetch import Fetcher
    from pipeline.models import Source

    common.trace_es()
    webs = start_hosts(args.feeds, nagle=args.stock_newsweb)
    try:
        with common.bench_es(args.es_url, keep=args.keep_es, heap=args.heap) as es_url:
            s = common.configure(es_url, PREFIX, fetch_allow_loopback=1)
            es = index_stage.get_client(s)
            common.drop_prefix(es, PREFIX)
            index_stage.ensure_indices(es, s)
            sources = [Source(id=f"idle{i:02d}", name=f"مصدر {i}", feeds=[{"url": web.url("/rss.xml"), "kind": "rss"}])
                       for i, web in enumerate(webs)]
            jobs = ingest.feed_jobs(sources)
            t = time.perf_counter()
            with Fetcher(s) as f:
                first = [ingest.poll_feed(job, settings=s, es=es, fetcher=f) for job in jobs]
            first_s = time.perf_counter() - t
            bad = [p for p in first if p["status"] != "ok" or len(p["entries"]) != 20]
            if bad:
                raise SystemExit(f"first round failed: {bad[0]}")
            feedstate.confirm(es, [p["feed_url"] for p in first], s)
            print(f"first round: {len(first)} feeds, 20 new entries each, {first_s:.2f} s; states stored",
                  file=sys.stderr)
            rounds = [one_task(jobs, s) for _ in range(args.rounds)]
            dag = dag_shape(jobs)
            if not args.keep_indices:
                common.drop_prefix(es, PREFIX)
            es.close()
    finally:
        for web in webs:
            web.stop()
    # every timed poll must have been a conditional request answered 304
    statuses: dict[str, int] = {}
    for r in [*rounds, dag]:
        for p in r["polls"]:
            key = f"{p['status']}/{p['http_status']}"
            statuses[key] = statuses.get(key, 0) + 1
    feed_requests = [h for web in webs for path, h in web.requests if path == "/rss.xml"]
    conditional = sum(1 for h in feed_requests if "if-none-match" in h)
    expected = args.feeds * (args.rounds + 1)
    # the verdict, not only a printout: after the first round (no ETag yet), every feed request must
    # carry If-None-Match and every poll must come back unchanged from a 304
    all_304 = statuses == {"unchanged/304": expected}
    all_conditional = conditional == expected and len(feed_requests) == expected + args.feeds
    rows = []
    for label, r in [*[(f"task, one Fetcher: round {i + 2}", r) for i, r in enumerate(rounds)],
                     ("DAG shape: own client + Fetcher per feed", dag)]:
        pf = [1000 * x for x in r["per_feed"]]
        rows.append([label, r["total"], statistics.median(pf), common.percentile(pf, 95), max(pf),
                     1000 * r["http"] / args.feeds, 1000 * r["es"] / args.feeds])
    second = rounds[0]["total"]
    median_task = statistics.median(r["total"] for r in rounds)
    print(common.table(["run", "total s", "p50 ms/feed", "p95 ms/feed", "max ms/feed", "HTTP ms/feed", "ES ms/feed"], rows,
                       title=f"Idle poll: {args.feeds} feeds on {args.feeds} loopback hosts, all 304"))
    print()
    calls: dict[str, list[float]] = {}
    for r in rounds:
        common.merge_calls(calls, r["calls"])
    print(common.table(["ES requests in the timed task rounds", "requests", "ms/request"],
                       [[k, int(n), 1000 * sec / n] for k, (n, sec) in sorted(calls.items(), key=lambda kv: -kv[1][1])]))
    print()
    print(f"statuses seen: {statuses}; feed requests {len(feed_requests)}, of which conditional {conditional} "
          f"(expected: {args.feeds} unconditional in the first round, then {expected} conditional)")
    met = second <= 5 and all_304 and all_conditional
    why = [w for ok, w in ((second <= 5, f"task took {second:.2f} s > 5 s"),
                           (all_304, "not every timed poll was unchanged/304"),
                           (all_conditional, "not every feed request after the first round was conditional")) if not ok]
    print(f"second round (one task): {second:.2f} s; median over {args.rounds} rounds {median_task:.2f} s; "
          f"every request conditional: {'yes' if all_conditional else 'NO'}; every answer 304: "
          f"{'yes' if all_304 else 'NO'}")
    print(f"target (task ≤ 5 s, every request conditional, every answer 304): {'met' if met else 'MISSED: ' + '; '.join(why)}")
    return {
        "bench": "idle_poll", "feeds": args.feeds, "rounds": args.rounds, "stock_newsweb": args.stock_newsweb,
        "task_s": round(second, 3), "task_s_median": round(median_task, 3),
        "task_s_rounds": [round(r["total"], 3) for r in rounds],
        "per_feed_ms_p50": round(statistics.median(1000 * x for x in rounds[0]["per_feed"]), 1),
        "per_feed_ms_max": round(1000 * max(rounds[0]["per_feed"]), 1),
        "http_ms_per_feed": round(1000 * rounds[0]["http"] / args.feeds, 1),
        "es_ms_per_feed": round(1000 * rounds[0]["es"] / args.feeds, 1),
        "dag_shape_s": round(dag["total"], 3), "first_round_s": round(first_s, 3),
        "statuses": statuses, "conditional_requests": conditional, "feed_requests": len(feed_requests),
        "all_conditional": all_conditional, "all_304": all_304,
        "target_task_s<=5": second <= 5, "target_met": met, "machine": common.machine(), "at": common.now_utc(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--feeds", type=int, default=30, help="feeds, one loopback host each (default 30)")
    ap.add_argument("--rounds", type=int, default=3, help="timed task rounds after the first (default 3)")
    ap.add_argument("--stock-newsweb", action="store_true", help="NewsWeb as it is (Nagle on) instead of TCP_NODELAY")
    ap.add_argument("--es-url", help=f"Elasticsearch to use; default: local node {common.BENCH_NODE!r} on port {common.BENCH_PORT}")
    ap.add_argument("--heap", default="1g", help="heap of the local node when started here (default 1g)")
    ap.add_argument("--keep-es", action="store_true", help="leave the local node running")
    ap.add_argument("--keep-indices", action="store_true", help=f"keep the {PREFIX}-* indices")
    args = ap.parse_args(argv)
    out = run(args)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
