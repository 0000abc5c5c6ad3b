"""Finding a site's ways in, the way feed readers do (``rasd feeds discover``, the weekly
``libya_news_sources_check`` DAG).

Candidates, in this order, without duplicates:

1. the source's registry ways (when given a source id);
2. the homepage's feed links: ``<link rel="alternate">`` in its head (trafilatura's
   ``determine_feed``, the feedfinder algorithm) and ``<a>`` links that look like feeds;
3. section pages about Libya linked from the homepage (``/category/libya/``, ``/section/ليبيا``):
   their own feed links and the WordPress section feed ``<section>/feed/``;
4. ``Sitemap:`` lines of robots.txt (protego);
5. when none of the above gave a working feed or sitemap, the usual paths of WordPress,
   Drupal, Arc XP, Blogger and others (``/feed/``, ``/rss.xml``, ``/.rss``,
   ``/arc/outboundfeeds/rss/``, ``/sitemap_index.xml`` …);
6. a Google News ``site:`` search (the last way in of every source).

Each candidate is fetched through the same safe :class:`pipeline.fetch.Fetcher` (robots.txt,
address guard, size caps, the source's User-Agent) and parsed with the pipeline's own feed
and sitemap readers; it is kept when it parses and its newest entry is at most
``discover_recent_days`` old. A host that answers three times with a bot challenge or a
401/403 is not asked further. :meth:`Discovery.snippet` prints the registry lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import yaml

from pipeline.config import Settings, get_settings
from pipeline.errors import FeedError, InputError, RasdError
from pipeline.feeds import parse_feed
from pipeline.fetch import NETWORK_KINDS, Fetcher, decode_body
from pipeline.models import KIND_RANK, Source
from pipeline.sitemaps import window_entries

FEED_PATHS = ["/feed/", "/feed", "/rss", "/rss.xml", "/rss/", "/.rss", "/index.xml", "/atom.xml", "/feed.xml",
              "/arc/outboundfeeds/rss/", "/?feed=rss2", "/feeds/posts/default"]
SITEMAP_PATHS = ["/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-news.xml"]
REFUSALS = frozenset({"blocked_challenge", "forbidden"})
MAX_SECTIONS = 3
LIBYA_WORDS = re.compile(r"libya|ليبيا|%d9%84%d9%8a%d8%a8%d9%8a%d8%a7", re.IGNORECASE)
SECTION_PATH = re.compile(r"/(category|section|sections|tag|tags|topic|topics|where|news|taxonomy)/", re.IGNORECASE)
GOOGLE_NEWS = "https://news.google.com/rss/search?q={q}&hl=ar&gl=LY&ceid=LY:ar"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class Candidate:
    url: str
    kind: str  # rss | atom | sitemap | google-news (a guess until fetched)
    via: str  # registry | homepage link | homepage anchor | section page | section path | robots.txt | usual path
    in_registry: bool = False
    status: str = "untested"  # ok | stale | undated | empty | not a feed | failed | not asked | untested
    final_url: str | None = None
    http_status: int | None = None
    entries: int = 0
    newest: datetime | None = None
    error_kind: str | None = None
    error: str | None = None
    libya_section: bool = False

    @property
    def use_url(self) -> str:
        """The URL to register: where a permanent redirect led, else the URL itself."""
        return self.final_url or self.url

    def evidence(self, day: str) -> str:
        moved = f" (moved from {self.url})" if self.final_url and self.final_url != self.url else ""
        newest = f", newest {self.newest:%Y-%m-%d}" if self.newest else ""
        return (f"rasd feeds discover {day}: HTTP {self.http_status}, {self.entries} entries{newest}, "
                f"via {self.via}{moved}")


@dataclass
class Discovery:
    target: str
    source: Source | None
    homepage: str
    candidates: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def kept(self) -> list[Candidate]:
        """Working ways in, best first: own feeds, then sitemaps, then the Google News search;
        for an outlet that is not about Libya, a Libya section feed before its site-wide feed."""
        libya_focused = bool(self.source and self.source.libya_focused)
        ok = [c for c in self.candidates if c.status == "ok" or c.kind == "google-news"]
        unique: dict[str, Candidate] = {}
        for c in ok:
            unique.setdefault(c.use_url, c)
        return sorted(unique.values(), key=lambda c: (
            KIND_RANK[c.kind], 0 if (c.libya_section and not libya_focused) else 1,
            -(c.newest or EPOCH).timestamp(), -c.entries))

    def snippet(self) -> str:
        """Registry lines (``pipeline/data/sources.yaml``) for the source with the ways found."""
        day = f"{self.at:%Y-%m-%d}"
        feeds: list[dict[str, Any]] = []
        for c in self.kept():
            evidence = (c.evidence(day) if c.status == "ok" else f"rasd feeds discover {day}: not fetched"
                        if c.status == "untested" else f"rasd feeds discover {day}: {c.status} ({c.error_kind})")
            feeds.append({"url": c.use_url, "kind": c.kind, "verified": c.status == "ok", "evidence": evidence})
        if self.source is not None:
            entry = self.source.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            entry = {"id": self.source.id, "name": self.source.name} | entry | {"feeds": feeds}
        else:
            host = (urlsplit(self.homepage).hostname or "site").removeprefix("www.")
            entry = {"id": host.split(".")[0], "name": host, "homepage": self.homepage, "feeds": feeds,
                     "libya_focused": False}
        return yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=120)


def google_news_url(homepage: str, libya_focused: bool) -> str:
    """The Google News search for a site's articles (about Libya, for outlets that are not)."""
    parts = urlsplit(homepage)
    site = (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")
    query = f"site:{site}" + ("" if libya_focused else " ليبيا")
    return GOOGLE_NEWS.format(q=quote(query, safe=""))


def _origin(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}"


def _links(html: str, base: str) -> tuple[list[str], list[str], list[str]]:
    """Feed links declared in the head, feed-looking anchors, and links to Libya section pages."""
    from lxml import html as lxml_html
    from trafilatura.feeds import LINK_VALIDATION_RE, FeedParameters, determine_feed

    host = urlsplit(base).hostname or ""
    declared = determine_feed(html, FeedParameters(_origin(base), host, base))
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return declared, [], []
    anchors, sections = [], []
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base, href)
        if urlsplit(url).hostname != host:
            continue
        if LINK_VALIDATION_RE.search(href):
            anchors.append(url)
        elif LIBYA_WORDS.search(href + " " + (a.text_content() or "")) and SECTION_PATH.search(urlsplit(url).path):
            sections.append(url)
    return declared, list(dict.fromkeys(anchors)), list(dict.fromkeys(sections))[:MAX_SECTIONS]


class Discoverer:
    """One discovery run over one site, through one Fetcher."""

    def __init__(self, fetcher: Fetcher, settings: Settings | None = None, *, check_google: bool = True) -> None:
        self.fetcher = fetcher
        self.settings = settings or get_settings()
        self.check_google = check_google
        self.refusals: dict[str, int] = {}
        self.unreachable: set[str] = set()
        self.agent: str | None = None

    def discover(self, target: str, sources: list[Source] | None = None) -> Discovery:
        by_id = {s.id: s for s in sources or []}
        source = by_id.get(target)
        if source is None and not target.startswith(("http://", "https://")):
            raise InputError(f"not a source id of the registry nor an http(s) URL: {target!r}")
        homepage = (source.homepage if source else None) or (
            _origin(source.feeds[0].url) + "/" if source and source.feeds else target)
        d = Discovery(target=target, source=source, homepage=homepage)
        self.agent = source.user_agent if source else None
        if source:
            for f in source.feeds:
                self._add(d, Candidate(f.url, f.kind, "registry", in_registry=True))
        elif target.rstrip("/") != _origin(target):
            given = Candidate(target, "rss", "given URL")
            self._check(given, d.at)
            if given.status == "not a feed":  # a page (a section, a homepage under a path): scan it
                d.notes.append(f"{target} is a page, not a feed: scanned for feed links")
            else:  # a feed or sitemap (working or not): the site is its origin
                d.candidates.append(given)
                d.homepage = homepage = _origin(target) + "/"
        self._scan_page(d, homepage, "homepage", sections=True)
        self._robots_sitemaps(d, homepage)
        self._check_all(d)
        if not any(c.status == "ok" and c.kind in {"rss", "atom"} for c in d.candidates):
            for path in FEED_PATHS:
                self._add(d, Candidate(urljoin(homepage, path), "rss", "usual path"))
        if not any(c.status == "ok" and c.kind == "sitemap" for c in d.candidates):
            for path in SITEMAP_PATHS:
                self._add(d, Candidate(urljoin(homepage, path), "sitemap", "usual path"))
        self._check_all(d)
        if not any(c.kind == "google-news" for c in d.candidates):
            gn = Candidate(google_news_url(homepage, bool(source and source.libya_focused)), "google-news",
                           "constructed")
            self._add(d, gn)
        if self.check_google:
            self._check_all(d)
        stale = [c for c in d.candidates if c.status == "stale" and c.newest]
        if stale and not any(c.status == "ok" and c.kind != "google-news" for c in d.candidates):
            newest = max(c.newest for c in stale if c.newest)
            d.notes.append(f"the site's feeds answer but their newest entry is from {newest:%Y-%m-%d}: "
                           "the outlet may have stopped publishing")
        return d

    # -- gathering ---------------------------------------------------------------------------
    def _add(self, d: Discovery, c: Candidate) -> None:
        if all(c.url != x.url and c.url != x.final_url for x in d.candidates):
            d.candidates.append(c)

    def _scan_page(self, d: Discovery, url: str, label: str, *, sections: bool) -> None:
        html = self._page(d, url, label)
        if html is None:
            return
        declared, anchors, section_pages = _links(html, url)
        for link in declared:
            self._add(d, Candidate(link, "rss", f"{label} link", libya_section=label == "section page"))
        for link in anchors:
            self._add(d, Candidate(link, "rss", f"{label} anchor",
                                   libya_section=label == "section page" or bool(LIBYA_WORDS.search(link))))
        if sections:
            for page in section_pages:
                self._scan_page(d, page, "section page", sections=False)
                self._add(d, Candidate(page.rstrip("/") + "/feed/", "rss", "section path", libya_section=True))

    def _page(self, d: Discovery, url: str, label: str) -> str | None:
        host = urlsplit(url).netloc
        if host in self.unreachable or self.refusals.get(host, 0) >= 3:
            return None
        try:
            resp = self.fetcher.get(url, max_bytes=self.settings.max_page_bytes, user_agent=self.agent)
        except RasdError as exc:
            self._note_failure(host, exc)
            d.notes.append(f"{label} {url}: {exc.kind}: {exc}")
            return None
        return decode_body(resp.content, resp.headers)[0]

    def _robots_sitemaps(self, d: Discovery, homepage: str) -> None:
        host = urlsplit(homepage).netloc
        if host in self.unreachable:
            return
        try:
            rules = self.fetcher.robots(homepage)
        except RasdError:
            return
        for url in list(rules.sitemaps) if rules is not None else []:
            self._add(d, Candidate(urljoin(homepage, url), "sitemap", "robots.txt"))

    def _note_failure(self, host: str, exc: RasdError) -> None:
        if exc.kind in NETWORK_KINDS:
            self.unreachable.add(host)
        elif exc.kind in REFUSALS:
            self.refusals[host] = self.refusals.get(host, 0) + 1

    # -- checking ----------------------------------------------------------------------------
    def _check_all(self, d: Discovery) -> None:
        for c in d.candidates:
            if c.status == "untested" and (c.kind != "google-news" or self.check_google):
                self._check(c, d.at)

    def _check(self, c: Candidate, now: datetime) -> None:
        s = self.settings
        host = urlsplit(c.url).netloc
        if host in self.unreachable or self.refusals.get(host, 0) >= 3:
            c.status, c.error = "not asked", "the host does not answer, or refused this client three times"
            return
        since = now - timedelta(days=s.discover_recent_days)
        try:
            resp = self.fetcher.get(c.url, max_bytes=s.max_feed_bytes, user_agent=self.agent)
            c.http_status = resp.status
            c.final_url = resp.redirects[-1] if resp.redirects else None
            head = resp.content.lstrip()[:2048].lower()
            if b"<urlset" in head or b"<sitemapindex" in head:
                c.kind = "sitemap"
                dated, c.entries = window_entries(self.fetcher, c.use_url, source_id="discover", since=EPOCH,
                                                  max_bytes=s.max_feed_bytes, max_children=3,
                                                  user_agent=self.agent, first=resp)
            else:
                dated = parse_feed(resp.content, source_id="discover", feed_url=c.url, headers=resp.headers)
                c.entries = len(dated)
                if c.kind == "rss" and b"<feed" in head and b"http://www.w3.org/2005/atom" in head:
                    c.kind = "atom"
        except FeedError as exc:
            c.status, c.error_kind, c.error = "not a feed", exc.kind, str(exc)[:300]
            return
        except RasdError as exc:
            self._note_failure(host, exc)
            c.status, c.error_kind, c.error = "failed", exc.kind, str(exc)[:300]
            c.http_status = getattr(exc, "status", None)
            return
        dates = [e.published for e in dated if e.published is not None]
        c.newest = max(dates) if dates else None
        if not c.entries and not dated:
            c.status = "empty"
        elif c.newest is None:
            c.status = "undated"
        elif c.newest < since:
            c.status = "stale"
        else:
            c.status = "ok"


def discover(
    target: str, *, sources: list[Source] | None = None, settings: Settings | None = None,
    fetcher: Fetcher | None = None, check_google: bool = True,
) -> Discovery:
    """Discover the ways into ``target`` (a source id of ``sources`` or a site URL)."""
    s = settings or get_settings()
    own = fetcher is None
    fetcher = fetcher or Fetcher(s)
    try:
        return Discoverer(fetcher, s, check_google=check_google).discover(target, sources)
    finally:
        if own:
            fetcher.close()
