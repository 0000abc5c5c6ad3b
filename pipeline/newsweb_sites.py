"""Loopback replicas of the shapes outlets' sites take, on :class:`pipeline.newsweb.NewsWeb`.

A WordPress site (``/feed/``, a Libya category with its own feed), a Drupal site (``/rss.xml``
declared in the head, nothing at ``/feed``), a site that moved its feed, a site whose only way
in is its sitemap (announced in robots.txt), a site behind a bot challenge, a site that answers
403 to everything from here, a site that refuses browser-like User-Agents, a site that stopped
publishing. Feeds and sitemaps are dated relative to ``now`` so that "recent" means the same
on every run. Used by the discovery and fallback tests and by ``bench/discovery.py``; the
Arabic headlines and article text are written for Rasd.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape

from pipeline.newsweb import NewsWeb, Route

HEADLINES = [
    "المجلس الرئاسي يدعو إلى استئناف الحوار بين مجلسي النواب والدولة",
    "المؤسسة الوطنية للنفط تعلن عودة الإنتاج في حقل الشرارة",
    "بلدية بنغازي تفتتح جسرا جديدا على الطريق الدائري الثالث",
    "مصرف ليبيا المركزي يصدر بيانا عن توفير السيولة في المصارف",
    "المفوضية العليا للانتخابات تعلن جدول الانتخابات البلدية في الجنوب",
    "حرس السواحل ينقذ مهاجرين قبالة سواحل زوارة",
    "افتتاح معرض طرابلس الدولي للكتاب بمشاركة عربية واسعة",
    "وزارة الصحة تطلق حملة تطعيم في مدن الجبل الغربي",
]
BODY = [
    "أكد مسؤولون ليبيون في طرابلس اليوم أن الجهات المختصة تتابع تنفيذ القرار خطوة بخطوة، وأن فرق العمل "
    "ستقدم تقريرا مفصلا إلى الحكومة خلال الأسبوع المقبل عن التقدم المحرز والعقبات التي تواجهها.",
    "وأوضح المتحدث باسم الجهة المعنية أن التنسيق مع البلديات في الشرق والغرب والجنوب مستمر، داعيا "
    "المواطنين في ليبيا إلى متابعة البيانات الرسمية وعدم الالتفات إلى الشائعات المتداولة على مواقع التواصل.",
]
CHALLENGE_PAGE = (
    b'<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>'
    b'<meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper">'
    b"<h1>Checking if the site connection is secure</h1><noscript>Enable JavaScript and cookies to continue"
    b"</noscript><script>(function(){window._cf_chl_opt={cvId: '3',cType: 'managed',cRay: '8f0c1b2a3d4e5f60'};"
    b"var a = document.createElement('script');a.src = '/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1';"
    b"document.getElementsByTagName('head')[0].appendChild(a);}());</script></div></body></html>"
)
XML = {"Content-Type": "application/xml; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}


@dataclass
class Item:
    title: str
    path: str
    published: datetime


def items(prefix: str, now: datetime, n: int = 6, *, every: timedelta = timedelta(hours=5),
          start: timedelta = timedelta(hours=1)) -> list[Item]:
    """``n`` articles under ``prefix``, the newest ``start`` before ``now``, one every ``every``."""
    return [Item(HEADLINES[i % len(HEADLINES)], f"{prefix}/{i + 1:03d}.html", now - start - i * every)
            for i in range(n)]


def rss(base: str, entries: list[Item], title: str = "أخبار") -> bytes:
    body = "".join(f"<item><title>{escape(e.title)}</title><link>{base}{e.path}</link>"
                   f"<guid>{base}{e.path}</guid><pubDate>{format_datetime(e.published)}</pubDate></item>"
                   for e in entries)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>{base}/</link>{body}</channel></rss>").encode()


def urlset(base: str, entries: list[Item], *, news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = []
    for e in entries:
        when = e.published.isoformat()
        extra = (f"<news:news><news:publication><news:name>موقع</news:name><news:language>ar</news:language>"
                 f"</news:publication><news:publication_date>{when}</news:publication_date>"
                 f"<news:title>{escape(e.title)}</news:title></news:news>") if news else f"<lastmod>{when}</lastmod>"
        rows.append(f"<url><loc>{base}{e.path}</loc>{extra}</url>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
            + "".join(rows) + "</urlset>").encode()


def sitemap_index(base: str, children: list[tuple[str, datetime]]) -> bytes:
    rows = "".join(f"<sitemap><loc>{base}{p}</loc><lastmod>{d.isoformat()}</lastmod></sitemap>" for p, d in children)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{rows}</sitemapindex>").encode()


def page(title: str, *, head: str = "", links: list[tuple[str, str]] | None = None,
         published: datetime | None = None) -> bytes:
    """An Arabic HTML page: ``head`` extra head markup, ``links`` (href, text) in its navigation."""
    nav = "".join(f'<a href="{escape(h)}">{escape(t)}</a> ' for h, t in links or [])
    date = f'<meta property="article:published_time" content="{published.isoformat()}">' if published else ""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"{date}{head}</head><body><nav>{nav}</nav><article><h1>{escape(title)}</h1>{paras}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode()


def alternate(href: str, kind: str = "application/rss+xml") -> str:
    return f'<link rel="alternate" type="{kind}" title="RSS" href="{escape(href)}">'


def robots(web: NewsWeb, *sitemaps: str) -> None:
    lines = ["User-agent: *", "Allow: /"] + [f"Sitemap: {web.base_url}{p}" for p in sitemaps]
    web.add_route("/robots.txt", Route(body=("\n".join(lines) + "\n").encode(),
                                       headers={"Content-Type": "text/plain"}))


def articles(web: NewsWeb, entries: list[Item]) -> None:
    for e in entries:
        web.add_route(e.path, Route(body=page(e.title, published=e.published), headers=HTML))


# -- shapes ---------------------------------------------------------------------------------------
def wordpress(web: NewsWeb, now: datetime, *, feed: str = "/feed/", libya_category: bool = True,
              stale: bool = False, stopped: datetime | None = None) -> dict[str, str]:
    """WordPress: ``/feed/`` declared in the head; a Libya category page declaring its own feed;
    a Yoast sitemap index in robots.txt. ``stale``: the outlet stopped publishing (on ``stopped``,
    default 400 days ago)."""
    base = web.base_url
    start = (now - stopped if stopped else timedelta(days=400)) if stale else timedelta(hours=1)
    news = items("/2026/news", now, start=start)
    libya = items("/2026/libya", now, n=4, start=start + timedelta(hours=2))
    links = [("/category/libya/", "ليبيا"), ("/category/world/", "العالم")] if libya_category else []
    web.add_route("/", Route(body=page("الرئيسية", head=alternate(feed), links=links), headers=HTML))
    web.add_route(feed, Route(body=rss(base, news + libya), headers=RSS))
    if libya_category:
        web.add_route("/category/libya/", Route(body=page("ليبيا", head=alternate("/category/libya/feed/")),
                                                headers=HTML))
        web.add_route("/category/libya/feed/", Route(body=rss(base, libya, "ليبيا"), headers=RSS))
    web.add_route("/sitemap_index.xml", Route(body=sitemap_index(base, [("/post-sitemap.xml", now)]), headers=XML))
    web.add_route("/post-sitemap.xml", Route(body=urlset(base, news + libya), headers=XML))
    robots(web, "/sitemap_index.xml")
    articles(web, news + libya)
    return {"feed": feed, "section_feed": "/category/libya/feed/", "sitemap": "/sitemap_index.xml"}


def drupal(web: NewsWeb, now: datetime) -> dict[str, str]:
    """Drupal: ``/rss.xml`` declared in the head (``Generator: Drupal``); ``/feed`` answers 404."""
    base = web.base_url
    news = items("/node", now)
    head = '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">' + alternate("/rss.xml")
    web.add_route("/", Route(body=page("الرئيسية", head=head), headers=HTML))
    web.add_route("/rss.xml", Route(body=rss(base, news), headers=RSS))
    web.add_route("/sitemap.xml", Route(body=urlset(base, news), headers=XML))
    robots(web, "/sitemap.xml")
    articles(web, news)
    return {"feed": "/rss.xml", "sitemap": "/sitemap.xml"}


def moved(web: NewsWeb, now: datetime, *, redirect: bool = False) -> dict[str, str]:
    """A site that moved its feed: the old ``/feed`` answers 404 (or, with ``redirect``, 301s to
    the new one), and the homepage declares ``/ar/rss/latest.xml``."""
    base = web.base_url
    news = items("/ar/news", now)
    web.add_route("/", Route(body=page("الرئيسية", head=alternate("/ar/rss/latest.xml")), headers=HTML))
    web.add_route("/ar/rss/latest.xml", Route(body=rss(base, news), headers=RSS))
    if redirect:
        web.add_route("/feed", Route(status=301, headers={"Location": f"{base}/ar/rss/latest.xml"}))
    robots(web)
    articles(web, news)
    return {"old": "/feed", "feed": "/ar/rss/latest.xml"}


def sitemap_only(web: NewsWeb, now: datetime) -> dict[str, str]:
    """No feed anywhere; robots.txt announces a sitemap index whose news child lists today's articles."""
    base = web.base_url
    news = items("/post", now)
    web.add_route("/", Route(body=page("الرئيسية", links=[("/post/001.html", news[0].title)]), headers=HTML))
    web.add_route("/sitemaps/index.xml", Route(body=sitemap_index(base, [
        ("/sitemaps/news.xml", now - timedelta(minutes=30)), ("/sitemaps/2019.xml", now - timedelta(days=2000))]),
        headers=XML))
    web.add_route("/sitemaps/news.xml", Route(body=urlset(base, news, news=True), headers=XML))
    web.add_route("/sitemaps/2019.xml", Route(body=urlset(base, items("/old", now, start=timedelta(days=2000))),
                                              headers=XML))
    robots(web, "/sitemaps/index.xml")
    articles(web, news)
    return {"sitemap": "/sitemaps/index.xml"}


def challenge(web: NewsWeb, paths: list[str] | None = None) -> dict[str, str]:
    """Behind a bot challenge: the homepage and every path given answer 403 with a Cloudflare
    "Just a moment..." page (robots.txt included, as Cloudflare does)."""
    route = Route(status=403, body=CHALLENGE_PAGE, headers=HTML | {"Server": "cloudflare", "cf-mitigated": "challenge"})
    for path in ["/", "/robots.txt", *(paths or [])]:
        web.add_route(path, route)
    return {}


def forbidden(web: NewsWeb, paths: list[str]) -> dict[str, str]:
    """403 to everything asked from here (a site refusing data-centre addresses), challenge-free."""
    for path in ["/", *paths]:
        web.add_route(path, Route(status=403, body=b"<html><body><h1>403 Forbidden</h1></body></html>",
                                  headers=HTML))
    robots(web)
    return {}


def ua_sensitive(web: NewsWeb, now: datetime, feed: str = "/rss.xml") -> dict[str, str]:
    """Serves a plain User-Agent and answers 403 to a browser-like one (``Mozilla/…``)."""
    news = items("/news", now)
    web.add_route("/", Route(body=page("الرئيسية", head=alternate(feed)), headers=HTML, refuse_agents="Mozilla/"))
    web.add_route(feed, Route(body=rss(web.base_url, news), headers=RSS, refuse_agents="Mozilla/"))
    robots(web)
    articles(web, news)
    return {"feed": feed}
