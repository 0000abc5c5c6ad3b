"""The source registry on the loopback web: discovery and the fallback chain, source by source.

    .venv/bin/python bench/sources.py [--es-url URL] [--columns 80]

This machine has no internet, so each source whose shape the evidence of issue 16 describes is
replicated on loopback (``pipeline.newsweb_sites``; one ``NewsWeb`` per origin of the source,
plus a stand-in for the Google News search that answers with the publisher's own article links):

* almarsad, tv218, libyaakhbar, eanlibya, aawsat: WordPress-like, the registry's feed answers;
* bbc-arabic, cnn-arabic, anadolu-ar: the feed answers (BBC's on its own feeds host);
* afrigatenews: Drupal, ``/rss.xml`` declared;
* skynewsarabia: the declared ``/rss.xml`` answers 404, the section feeds answer, the sitemap
  redirects to a Cloudflare challenge;
* alaraby: 403 to browser-like User-Agents, served to Rasd's plain one;
* aljazeera: the declared feed's host drops the connection (April 2026: "refusing connections");
* alarabiya: a Cloudflare challenge for everything; alwasat, france24-ar: 403 to everything;
* libyaalahrar: ``.tv`` stopped publishing in January 2025, ``.net`` does not answer;
* alnabaa: off the air (no server), disabled in the registry.

The registry's own entries are used with their origins moved onto the loopback servers. Then:

1. ``rasd feeds discover ID`` for each (what it finds, how many requests, how long);
2. one ingest run (``run_once``) over the replicated registry into Elasticsearch, and the
   ``rasd feeds status`` table it leaves (at ``--columns``).

Sources without evidence of their shape are not replicated (listed at the end). Settings: the
defaults but ``RASD_FETCH_ALLOW_LOOPBACK=1`` and ``RASD_PER_HOST_DELAY=0`` (every origin is its
own host here; with the default 1 s delay, discovery takes one second per request more).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

from pipeline import newsweb_sites as sites
from pipeline.config import DATA_DIR
from pipeline.models import Source
from pipeline.newsweb import NewsWeb, Route

PREFIX = "rasdsrc"
GOOGLE = "https://news.google.com"


def origin(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}"


class Web:
    """Loopback servers standing in for real origins; ``url()`` maps a real URL onto them."""

    def __init__(self) -> None:
        self.webs: dict[str, NewsWeb] = {}
        self.closed: dict[str, str] = {}  # real origin -> a loopback origin nobody listens on

    def site(self, real: str) -> NewsWeb:
        o = origin(real)
        if o not in self.webs:
            self.webs[o] = NewsWeb(root=None).start()
        return self.webs[o]

    def dead(self, real: str) -> None:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.closed[origin(real)] = f"http://127.0.0.1:{sock.getsockname()[1]}"

    def url(self, real: str) -> str:
        o = origin(real)
        base = self.closed.get(o) or (self.webs[o].base_url if o in self.webs else None)
        return real.replace(o, base, 1) if base else real

    def back(self, url: str) -> str:
        for real, web in self.webs.items():
            url = url.replace(web.base_url, real)
        return url

    def stop(self) -> None:
        for web in self.webs.values():
            web.stop()


def path(url: str) -> str:
    p = urlsplit(url)
    return p.path + (f"?{p.query}" if p.query else "")


# -- replicas: what the evidence says each site does -----------------------------------------------
def wordpress_at(feed_url: str) -> Callable[[Web, Source, datetime], None]:
    def build(w: Web, src: Source, now: datetime) -> None:
        sites.wordpress(w.site(feed_url), now, feed=urlsplit(feed_url).path, libya_category=False)
    return build


def feed_only(feed_url: str, homepage_declares: bool = True) -> Callable[[Web, Source, datetime], None]:
    def build(w: Web, src: Source, now: datetime) -> None:
        site = w.site(feed_url)
        news = sites.items("/news", now)
        site.add_route(urlsplit(feed_url).path, Route(body=sites.rss(site.base_url, news), headers=sites.RSS))
        sites.articles(site, news)
        sites.robots(site)
        home = w.site(src.homepage or feed_url)
        head = sites.alternate(w.url(feed_url)) if homepage_declares else ""
        home.add_route(urlsplit(src.homepage or "/").path or "/", Route(body=sites.page("الرئيسية", head=head),
                                                                         headers=sites.HTML))
        if home is not site:
            sites.robots(home)
    return build


def afrigate(w: Web, src: Source, now: datetime) -> None:
    sites.drupal(w.site(src.feeds[0].url), now)


def skynews(w: Web, src: Source, now: datetime) -> None:
    site = w.site(src.homepage or "")
    base = site.base_url
    mideast, world = sites.items("/article/me", now), sites.items("/article/world", now, start=timedelta(hours=2))
    site.add_route("/", Route(body=sites.page("الرئيسية", head=sites.alternate("/rss.xml"),
                                              links=[("/rss/middle-east.xml", "RSS الشرق الأوسط"),
                                                     ("/rss/world.xml", "RSS العالم")]), headers=sites.HTML))
    site.add_route("/rss/middle-east.xml", Route(body=sites.rss(base, mideast), headers=sites.RSS))
    site.add_route("/rss/world.xml", Route(body=sites.rss(base, world), headers=sites.RSS))
    site.add_route("/sitemap.xml", Route(status=302, headers={"Location": f"{base}/?__cf_chl_rt_tk=x9Yz"}))
    sites.robots(site)
    sites.articles(site, mideast + world)


def alaraby(w: Web, src: Source, now: datetime) -> None:
    sites.ua_sensitive(w.site(src.feeds[0].url), now, feed=urlsplit(src.feeds[0].url).path)


def aljazeera(w: Web, src: Source, now: datetime) -> None:
    site = w.site(src.homepage or "")
    feed = urlsplit(src.feeds[0].url).path
    site.add_route("/", Route(body=sites.page("الرئيسية", head=sites.alternate(feed)), headers=sites.HTML))
    site.add_route(feed, Route(drop=True))
    sites.robots(site)


def challenge_all(w: Web, src: Source, now: datetime) -> None:
    sites.challenge(w.site(src.homepage or ""), [urlsplit(f.url).path for f in src.feeds if f.kind != "google-news"])


def forbidden_all(w: Web, src: Source, now: datetime) -> None:
    for f in src.feeds:
        if f.kind != "google-news":
            sites.forbidden(w.site(f.url), [urlsplit(f.url).path, urlsplit(src.homepage or "/").path])


def libyaalahrar(w: Web, src: Source, now: datetime) -> None:
    sites.wordpress(w.site(src.feeds[0].url), now, stale=True, stopped=datetime(2025, 1, 20, tzinfo=UTC),
                    libya_category=False)
    w.dead(src.feeds[1].url)


def alnabaa(w: Web, src: Source, now: datetime) -> None:
    w.dead(src.feeds[0].url)


REPLICAS: dict[str, tuple[str, Callable[[Web, Source, datetime], None]]] = {
    "almarsad": ("WordPress, /feed/ answers", wordpress_at("https://almarsad.co/feed/")),
    "tv218": ("WordPress, /feed/ answers", wordpress_at("https://www.218tv.net/feed/")),
    "libyaakhbar": ("WordPress, /feed answers", wordpress_at("https://www.libyaakhbar.com/feed")),
    "eanlibya": ("WordPress, /feed answers", wordpress_at("https://www.eanlibya.com/feed")),
    "aawsat": ("/feed answers", wordpress_at("https://aawsat.com/feed")),
    "bbc-arabic": ("feed on its own host", feed_only("https://feeds.bbci.co.uk/arabic/rss.xml")),
    "cnn-arabic": ("Arc-style feed path answers", feed_only("https://arabic.cnn.com/api/v1/rss/rss.xml")),
    "anadolu-ar": ("feed answers", feed_only("https://www.aa.com.tr/ar/rss/default?cat=guncel")),
    "afrigatenews": ("Drupal, /rss.xml declared", afrigate),
    "skynewsarabia": ("/rss.xml 404, section feeds, sitemap → challenge", skynews),
    "alaraby": ("403 to browser User-Agents", alaraby),
    "aljazeera": ("declared feed drops the connection", aljazeera),
    "alarabiya": ("Cloudflare challenge everywhere", challenge_all),
    "alwasat": ("403 to everything", forbidden_all),
    "france24-ar": ("403 to everything", forbidden_all),
    "libyaalahrar": (".tv stopped 2025-01, .net silent", libyaalahrar),
    "alnabaa": ("off the air, disabled", alnabaa),
}


def google_news(w: Web, sources: list[Source], now: datetime) -> dict[str, str]:
    """A stand-in for the Google News search: for each source, a feed of its own articles (the
    publisher's links, as resolved Google News links are). Returns source id -> search URL."""
    gn = w.site(GOOGLE)
    urls = {}
    for src in sources:
        pub = w.site(src.homepage or src.feeds[0].url)
        items = sites.items(f"/gn/{src.id}", now, n=4, start=timedelta(hours=3))
        sites.articles(pub, items)
        gn.add_route(f"/rss/search/{src.id}", Route(body=sites.rss(pub.base_url, items, "Google News"),
                                                    headers=sites.RSS))
        urls[src.id] = f"{gn.base_url}/rss/search/{src.id}"
    sites.robots(gn)
    return urls


def rebased(src: Source, w: Web, search: dict[str, str]) -> Source:
    feeds = []
    for f in src.feeds:
        url = search[src.id] if f.kind == "google-news" else w.url(f.url)
        feeds.append(f.model_copy(update={"url": url}))
    return src.model_copy(update={"homepage": w.url(src.homepage) if src.homepage else None, "feeds": feeds})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--es-url", help="Elasticsearch to use (default: the bench node, port 9291)")
    parser.add_argument("--keep-es", action="store_true")
    parser.add_argument("--columns", type=int, default=80, help="Terminal width of the feeds status table.")
    args = parser.parse_args()

    from pipeline.sources import load_sources

    registry = {s.id: s for s in load_sources(DATA_DIR / "sources.yaml")}
    now = datetime.now(UTC)
    w = Web()
    try:
        chosen = [registry[i] for i in REPLICAS]
        for src in chosen:
            for f in src.feeds:
                if f.kind != "google-news":
                    w.site(f.url) if origin(f.url) not in w.closed else None
            REPLICAS[src.id][1](w, src, now)
        search = google_news(w, chosen, now)
        replica = [rebased(s, w, search) for s in chosen]
        with common.bench_es(args.es_url, keep=args.keep_es) as es_url:
            s = common.configure(es_url, PREFIX, fetch_allow_loopback=1, per_host_delay=0,
                                 discover_check_google=1)
            from pipeline.discover import discover
            from pipeline.fetch import Fetcher

            rows, found = [], {}
            for src in replica:
                before = sum(sum(web.hits.values()) for web in w.webs.values())
                t0 = time.perf_counter()
                with Fetcher(s) as fetcher:
                    d = discover(src.id, sources=[src], settings=s, fetcher=fetcher)
                seconds = time.perf_counter() - t0
                requests = sum(sum(web.hits.values()) for web in w.webs.values()) - before
                ways = [f"{c.kind} {path(w.back(c.use_url)) if c.kind != 'google-news' else 'site: search'}"
                        + ("" if c.in_registry else " (new)") for c in d.kept() if c.status == "ok"]
                found[src.id] = {"shape": REPLICAS[src.id][0], "ways": ways, "notes": d.notes,
                                 "requests": requests, "seconds": round(seconds, 3)}
                rows.append((src.id, REPLICAS[src.id][0], "; ".join(ways) or "(none)", requests, seconds))
            print(common.table(["source", "replica", "discovery keeps (in order)", "requests", "s"], rows,
                               title="1. rasd feeds discover ID on the replicas"))
            status = ingest_and_status(s, replica, args.columns)
            print(f"\n2. one ingest run, then rasd feeds status ({args.columns} columns):\n")
            print(status["table"])
            offline = offline_run(s)
            print("\n3. the real registry on this machine (no internet): rasd ingest --once\n")
            print(offline["line"])
            missing = sorted(set(registry) - set(REPLICAS))
            print(f"\nnot replicated (no evidence of their shape): {', '.join(missing)}")
            print(json.dumps({"bench": "sources", "at": common.now_utc(), "machine": common.machine(),
                              "discovery": found, "run": status["summary"], "offline": offline},
                             ensure_ascii=False))
            from pipeline.index import get_client

            common.drop_prefix(get_client(s), PREFIX)
    finally:
        w.stop()


def offline_run(s: Any) -> dict[str, Any]:
    """``rasd ingest --once`` with the real registry here (no internet: every host fails DNS)."""
    import subprocess

    from pipeline.index import get_client

    common.drop_prefix(get_client(s), PREFIX)
    env = {k: v for k, v in __import__("os").environ.items() if k != "RASD_SOURCES_FILE"}
    env |= {"RASD_SOURCES_FILE": str(DATA_DIR / "sources.yaml"), "COLUMNS": "80"}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", "--once", "--json"], env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    record = json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else {}
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    return {"exit_status": proc.returncode, "seconds": round(seconds, 2), "state": record.get("state"),
            "errors_by_kind": record.get("errors_by_kind"), "feeds_polled": record.get("counts", {}).get(
                "feeds_polled"), "line": (errors or ["(no error line)"])[0] + f"   [exit {proc.returncode}, "
                                                                            f"{seconds:.1f} s]"}


def ingest_and_status(s: Any, replica: list[Source], columns: int) -> dict[str, Any]:
    import os
    import tempfile

    import yaml
    from rich.console import Console

    import pipeline.cli._app as cli_app
    from pipeline.index import get_client
    from pipeline.ingest import run_once

    es = get_client(s)
    common.drop_prefix(es, PREFIX)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as f:
        yaml.safe_dump({"sources": [r.model_dump(mode="json", exclude_none=True) for r in replica]}, f,
                       allow_unicode=True)
    os.environ["RASD_SOURCES_FILE"] = f.name
    from pipeline.config import reset_settings

    reset_settings()
    t0 = time.perf_counter()
    summary = run_once(settings=s.model_copy(update={"sources_file": Path(f.name)}))
    seconds = time.perf_counter() - t0
    buf = io.StringIO()
    cli_app.console = Console(file=buf, width=columns, color_system=None, highlight=False)
    import pipeline.cli.feeds as feeds_cli

    feeds_cli.console = cli_app.console
    feeds_cli.feeds_status(wide=False, as_json=False)
    os.unlink(f.name)
    keys = ("sources_polled", "sources_ok", "sources_failed", "sources_on_fallback", "feeds_polled", "feeds_failed",
            "indexed", "route_primary", "route_fallback", "route_never", "route_down", "route_silent",
            "route_disabled")
    return {"table": buf.getvalue().rstrip(),
            "summary": {"state": summary["state"], "seconds": round(seconds, 2),
                        "counts": {k: summary["counts"].get(k, 0) for k in keys},
                        "errors_by_kind": summary["errors_by_kind"]}}


if __name__ == "__main__":
    main()
