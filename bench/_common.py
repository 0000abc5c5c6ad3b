"""Shared helpers of the throughput benchmarks (replay, overhead, idle poll, search latency).

* corpus: SaudiNewsNet articles read at run time from ``--corpus`` (one JSON array per day zip;
  fields ``source, url, date_extracted, title, author, content``). No corpus text is ever written
  into the repository: pages and feeds live in memory, served by a loopback ``NewsWeb``.
* rendering: one HTML page per article (a plain news-site layout: header, menu, breaking bar,
  breadcrumb, headline, byline, share bar, body paragraphs, tags, "most read" sidebar, related
  links, footer; the chrome uses OTHER articles' titles) and one RSS 2.0 feed per outlet.
* Elasticsearch: the benchmark node ``bench`` on port 9291 (``RASD_BENCH_ES_PORT``; ``pipeline.es_local``), started when
  no ``--es-url`` is given and stopped at the end when it was started here (unless ``--keep-es``).
* measurement: percentiles, peak RSS, plain-text tables.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import random
import resource
import sys
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
BENCH_NODE = "bench"
# engineers sharing a machine each keep their own port block: RASD_BENCH_ES_PORT moves the node
BENCH_PORT = int(os.environ.get("RASD_BENCH_ES_PORT", "9291"))

# Arabic names of the SaudiNewsNet outlets (the corpus ``source`` field)
OUTLETS: dict[str, str] = {
    "aawsat": "الشرق الأوسط",
    "aleqtisadiya": "الاقتصادية",
    "aljazirah": "الجزيرة",
    "almadina": "المدينة",
    "alriyadh": "الرياض",
    "alwatan": "الوطن",
    "alweeam": "الوئام",
    "alyaum": "اليوم",
    "arreyadi": "الرياضي",
    "okaz": "عكاظ",
    "sabq": "سبق",
    "3alyoum": "عين اليوم",
    "was": "واس",
    "arriyadiyah": "الرياضية",
}


# ---------------------------------------------------------------------------------------------
# corpus


@dataclass
class CorpusArticle:
    key: str  # 16 hex of sha1(url): stable, ASCII, used in page paths
    source: str
    url: str
    date: datetime
    title: str
    author: str
    content: str

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.content.split("\n") if p.strip()]


def iter_corpus(path: Path, *, min_chars: int = 200) -> Iterator[CorpusArticle]:
    """Every article with a title and at least ``min_chars`` of content, in file order
    (exact repeats of a URL are skipped)."""
    zips = sorted(Path(path).glob("*.zip"))
    if not zips:
        raise SystemExit(f"no *.zip in {path}: pass --corpus DIR (SaudiNewsNet day zips)")
    seen: set[str] = set()
    for zpath in zips:
        with zipfile.ZipFile(zpath) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for item in json.loads(zf.read(name)):
                    content = (item.get("content") or "").strip()
                    title = " ".join((item.get("title") or "").split())
                    url = (item.get("url") or "").strip()
                    if len(content) < min_chars or not title or not url:
                        continue
                    key = hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
                    if key in seen:
                        continue
                    seen.add(key)
                    try:
                        date = datetime.strptime(item.get("date_extracted") or "", "%Y-%m-%d %H:%M:%S")
                    except ValueError:
                        date = datetime(2015, 8, 1)
                    yield CorpusArticle(
                        key=key, source=str(item.get("source") or "unknown"), url=url,
                        date=date.replace(tzinfo=UTC), title=title,
                        author=" ".join((item.get("author") or "").split()), content=content,
                    )


def load_corpus(path: Path, *, n: int | None = None, seed: int = 2015, min_chars: int = 200) -> list[CorpusArticle]:
    """All usable articles, or a seeded random sample of ``n`` of them (in corpus order)."""
    arts = list(iter_corpus(path, min_chars=min_chars))
    if n is not None and n < len(arts):
        picked = sorted(random.Random(seed).sample(range(len(arts)), n))
        arts = [arts[i] for i in picked]
    return arts


# ---------------------------------------------------------------------------------------------
# rendering

_MENU = ["الرئيسية", "محليات", "اقتصاد", "سياسة", "رياضة", "ثقافة", "منوعات", "كتاب وآراء"]
_SECTIONS = ["local", "economy", "politics", "sports", "culture", "misc", "opinion"]


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def page_path(a: CorpusArticle) -> str:
    return f"/{a.source}/news/{a.key}.html"


def feed_path(source: str) -> str:
    return f"/{source}/rss.xml"


def render_page(a: CorpusArticle, base_url: str, others: Sequence[CorpusArticle]) -> bytes:
    """A plain news page for ``a``; ``others`` fill the breaking bar, sidebar and related links."""
    site = OUTLETS.get(a.source, a.source)
    url = base_url + page_path(a)
    iso = a.date.isoformat()
    section = _SECTIONS[int(a.key[:2], 16) % len(_SECTIONS)]

    def links(items: Iterable[CorpusArticle]) -> str:
        return "".join(f'<li><a href="{base_url}{page_path(o)}">{esc(o.title)}</a></li>' for o in items)

    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
                     "datePublished": iso, "author": {"@type": "Person", "name": a.author or site},
                     "publisher": {"@type": "Organization", "name": site}}, ensure_ascii=False)
    body = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
    menu = "".join(f'<li><a href="{base_url}/section/{s}">{esc(m)}</a></li>' for m, s in zip(_MENU, ["", *_SECTIONS], strict=False))
    o = list(others)
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a.title)} | {esc(site)}</title>
<meta name="description" content="{esc(a.paragraphs[0][:160] if a.paragraphs else a.title)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a.title)}">
<meta property="og:site_name" content="{esc(site)}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{iso}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="{base_url}/static/site.css">
<script type="application/ld+json">{ld}</script>
<script src="{base_url}/static/app.js" defer></script>
</head>
<body class="single-post">
<header class="site-header">
<a class="logo" href="{base_url}/">{esc(site)}</a>
<nav class="main-nav"><ul>{menu}</ul></nav>
<form class="search" action="{base_url}/search"><input name="q" placeholder="بحث"><button>بحث</button></form>
</header>
<div class="breaking-news"><span>عاجل</span><ul>{links(o[:3])}</ul></div>
<main class="container">
<article class="post">
<nav class="breadcrumb"><a href="{base_url}/">الرئيسية</a> › <a href="{base_url}/section/{section}">أخبار</a></nav>
<h1 class="post-title">{esc(a.title)}</h1>
<div class="post-meta"><span class="author">{esc(a.author or site)}</span> <time datetime="{iso}">{a.date:%Y-%m-%d %H:%M}</time></div>
<div class="share-bar"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a> <a href="#">طباعة</a></div>
<div class="post-body">
{body}
</div>
<div class="post-tags">الوسوم: <a href="{base_url}/tag/1">{esc(site)}</a> <a href="{base_url}/section/{section}">أخبار</a></div>
</article>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul>{links(o[3:8])}</ul></aside>
<section class="related"><h3>أخبار ذات صلة</h3><ul>{links(o[8:12])}</ul></section>
</main>
<footer class="site-footer"><p>© 2015 {esc(site)}. جميع الحقوق محفوظة</p>
<ul><li><a href="{base_url}/about">من نحن</a></li><li><a href="{base_url}/contact">اتصل بنا</a></li></ul></footer>
</body>
</html>
"""
    return page.encode("utf-8")


def render_feed(source: str, items: Sequence[CorpusArticle], base_url: str) -> bytes:
    """RSS 2.0 of one outlet, newest first, a 300-character summary per item."""
    site = OUTLETS.get(source, source)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
           f"<title>{esc(site)}</title><link>{base_url}/{source}/</link><language>ar</language>",
           f"<description>{esc(site)}</description>"]
    for a in sorted(items, key=lambda x: (x.date, x.key), reverse=True):
        link = base_url + page_path(a)
        summary = a.paragraphs[0][:300] if a.paragraphs else ""
        out.append(
            f"<item><title>{esc(a.title)}</title><link>{link}</link><guid isPermaLink=\"true\">{link}</guid>"
            f"<pubDate>{format_datetime(a.date)}</pubDate><dc:creator>{esc(a.author or site)}</dc:creator>"
            f"<description>{esc(summary)}</description></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out).encode("utf-8")


def no_nagle(web: Any) -> Any:
    """Set TCP_NODELAY on the answers of a ``NewsWeb``: its handler writes the headers and the body in
    two writes, and with Nagle's algorithm on, the body waits for the client's delayed ACK (~40 ms
    per request on loopback). A real web server does not stall like that; the benchmarks must not
    either (the difference is reported in docs/benchmarks.md)."""
    web.server.RequestHandlerClass.disable_nagle_algorithm = True
    return web


class BenchSite:
    """A loopback news site: one page route per article, one RSS route per outlet, robots.txt.

    ``per_outlet_hosts``: every outlet on its own ``NewsWeb`` (its own port, so its own host for
    per-host pacing, as on the real web); otherwise all outlets share one host."""

    def __init__(self, articles: Sequence[CorpusArticle], *, seed: int = 2015, nagle: bool = False,
                 per_outlet_hosts: bool = False) -> None:
        from pipeline.newsweb import NewsWeb, Route

        self.articles = list(articles)
        sources = sorted({a.source for a in self.articles})
        if per_outlet_hosts:
            self.webs = {source: NewsWeb(root=None) for source in sources}
        else:
            shared = NewsWeb(root=None)
            self.webs = {source: shared for source in sources}
        self.hosts = list({id(w): w for w in self.webs.values()}.values())
        self.web = self.hosts[0] if self.hosts else NewsWeb(root=None)
        for web in self.hosts:
            if not nagle:
                no_nagle(web)
            web.add_route("/robots.txt", Route(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}))
        rng = random.Random(seed)
        html_headers = {"Content-Type": "text/html; charset=utf-8"}
        self.page_bytes = 0
        for a in self.articles:
            web = self.webs[a.source]
            others = rng.sample(self.articles, min(12, len(self.articles)))
            body = render_page(a, web.base_url, [o for o in others if o.key != a.key])
            self.page_bytes += len(body)
            web.add_route(page_path(a), Route(body=body, headers=html_headers))
        self.feeds: dict[str, str] = {}
        by_source: dict[str, list[CorpusArticle]] = {}
        for a in self.articles:
            by_source.setdefault(a.source, []).append(a)
        for source, items in sorted(by_source.items()):
            web = self.webs[source]
            body = render_feed(source, items, web.base_url)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            self.feeds[source] = web.add_route(
                feed_path(source),
                Route(body=body, headers={"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag},
                      conditional=True),
            )

    def __enter__(self) -> BenchSite:
        for web in self.hosts:
            web.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for web in self.hosts:
            web.stop()

    def write_sources(self, path: Path, *, libya_focused: bool = True) -> Path:
        """A sources registry with one RSS feed per outlet (all ``libya_focused`` by default, so that
        every article passes the relevance gate and the whole path runs for each)."""
        import yaml

        sources = [{
            "id": source, "name": OUTLETS.get(source, source), "name_en": source,
            "homepage": f"{self.webs[source].base_url}/{source}/",
            "feeds": [{"url": url, "kind": "rss", "verified": True}],
            "libya_focused": libya_focused, "language": "ar", "poll_interval_minutes": 30,
        } for source, url in self.feeds.items()]
        path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path


# ---------------------------------------------------------------------------------------------
# settings and Elasticsearch


def configure(es_url: str, prefix: str, **extra: Any) -> Any:
    """Point ``pipeline.config.get_settings()`` (this process and the ones it spawns) at the bench:
    ``RASD_*`` environment variables, then a fresh Settings."""
    from pipeline.config import get_settings, reset_settings

    env = {"ES_URL": es_url, "RASD_ES_URL": es_url, "RASD_INDEX_PREFIX": prefix}
    env.update({f"RASD_{k.upper()}": str(v) for k, v in extra.items()})
    for var in ("ES_USERNAME", "ES_PASSWORD", "ES_API_KEY", "ES_CA_CERTS"):
        os.environ.pop(var, None)
    os.environ.update(env)
    reset_settings()
    return get_settings()


def drop_prefix(es: Any, prefix: str) -> None:
    """Delete the indices and index templates of one benchmark prefix."""
    es.options(ignore_status=404).indices.delete(index=f"{prefix}-*", expand_wildcards="all")
    found = es.options(ignore_status=404).indices.get_index_template(name=f"{prefix}-*")
    for tpl in found.get("index_templates", []) if hasattr(found, "get") else []:
        es.options(ignore_status=404).indices.delete_index_template(name=tpl["name"])


@contextmanager
def bench_es(es_url: str | None, *, keep: bool = False, heap: str = "1g") -> Iterator[str]:
    """The URL of an Elasticsearch to use: ``es_url``, or the local node ``bench`` (port 9291),
    started here when it is not running and then stopped at the end unless ``keep``."""
    if es_url:
        yield es_url
        return
    from pipeline import es_local

    started_here = not es_local.status(BENCH_NODE)["running"]
    info = es_local.start(name=BENCH_NODE, port=BENCH_PORT, heap=heap, timeout=240)
    print(f"es: node {BENCH_NODE!r} at {info.url} ({'started, heap ' + heap if started_here else 'already running'})",
          file=sys.stderr)
    try:
        yield info.url
    finally:
        if started_here and not keep:
            es_local.stop(BENCH_NODE)
            print(f"es: node {BENCH_NODE!r} stopped", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Elasticsearch request tracing (per process)

# pipeline functions that name the stage an Elasticsearch request belongs to (innermost wins)
TRACE_STAGES = ("existing_ids", "load_states", "save_state", "confirm", "record_skipped", "index_articles",
                "assign", "reconcile", "ensure_indices", "record_run", "count", "search")
TRACE_MODULES = ("pipeline.robotstore", "pipeline.retries")
ES_CALLS: dict[str, list[float]] = {}  # "stage METHOD /_endpoint" -> [requests, seconds]


def _endpoint(target: str) -> str:
    path = target.split("?", 1)[0]
    parts = [p for p in path.split("/") if p.startswith("_")]
    return "/" + "/".join(parts[:2]) if parts else "/<index>"


def trace_es() -> None:
    """Time every Elasticsearch request of this process by (calling stage, method, endpoint)."""
    from elastic_transport import Transport

    if getattr(Transport.perform_request, "_rasd_traced", False):
        return
    orig = Transport.perform_request

    def timed(self: Any, method: str, target: str, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return orig(self, method, target, *args, **kwargs)
        finally:
            stage = "?"
            f = sys._getframe(1)
            while f is not None:
                module = f.f_globals.get("__name__", "")
                if module in TRACE_MODULES:  # small modules whose function names alone say little
                    stage = f"{module.rsplit('.', 1)[-1]}.{f.f_code.co_name}"
                    break
                if f.f_code.co_name in TRACE_STAGES and module.startswith("pipeline."):
                    stage = f.f_code.co_name
                    break
                f = f.f_back
            key = f"{stage} {method} {_endpoint(target)}"
            rec = ES_CALLS.setdefault(key, [0, 0.0])
            rec[0] += 1
            rec[1] += time.perf_counter() - t0

    timed._rasd_traced = True  # type: ignore[attr-defined]
    Transport.perform_request = timed  # type: ignore[method-assign]


def take_es_calls() -> dict[str, list[float]]:
    """The requests traced since the last call (and forget them)."""
    out = {k: list(v) for k, v in ES_CALLS.items()}
    ES_CALLS.clear()
    return out


def merge_calls(into: dict[str, list[float]], calls: dict[str, list[float]]) -> None:
    for k, (n, sec) in calls.items():
        rec = into.setdefault(k, [0, 0.0])
        rec[0] += n
        rec[1] += sec


# ---------------------------------------------------------------------------------------------
# measurement and output


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (``p`` in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def cpu_s(who: int = resource.RUSAGE_SELF) -> float:
    """User + system CPU seconds used so far."""
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def es_cpu_s(es: Any) -> float:
    """CPU seconds used by the Elasticsearch node(s) so far (``_nodes/stats/process``)."""
    stats = es.nodes.stats(metric="process")
    return sum(n["process"]["cpu"]["total_in_millis"] for n in stats["nodes"].values()) / 1000


_ES_TIMES = {
    "indexing": ("indexing", "index_time_in_millis"),
    "search query": ("search", "query_time_in_millis"),
    "search fetch": ("search", "fetch_time_in_millis"),
    "get (mget)": ("get", "time_in_millis"),
    "refresh": ("refresh", "total_time_in_millis"),
    "merge": ("merges", "total_time_in_millis"),
    "flush": ("flush", "total_time_in_millis"),
}


def es_index_times(es: Any, index: str) -> dict[str, float]:
    """Seconds Elasticsearch spent so far on ``index`` per activity (``_stats``; counters, not CPU)."""
    try:
        total = es.indices.stats(index=index)["_all"]["total"]
    except Exception:
        return {}
    out = {name: total.get(group, {}).get(key, 0) / 1000 for name, (group, key) in _ES_TIMES.items()}
    out["refreshes"] = float(total.get("refresh", {}).get("total", 0))
    out["merges"] = float(total.get("merges", {}).get("total", 0))
    out["segments"] = float(total.get("segments", {}).get("count", 0))
    return out


def maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MiB (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    out = ([title] if title else []) + [line(cells[0]), rule] + [line(r) for r in cells[1:]]
    return "\n".join(out)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "-"
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine() -> dict[str, Any]:
    """What the numbers ran on: cores and the 1-minute load average at the time."""
    load1, load5, _ = os.getloadavg()
    return {"cores": os.cpu_count(), "load1": round(load1, 2), "load5": round(load5, 2)}


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
