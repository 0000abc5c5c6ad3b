"""Extraction benchmark: raw trafilatura vs ``pipeline.extract`` on realistic Arabic news pages.

Real article text from a corpus (SaudiNewsNet: one JSON array per zip, fields
``source, url, date_extracted, title, author, content``) is rendered into several
realistic Arabic news page layouts; each extractor's output is scored against the
true body with token precision / recall / F1 (bag of whitespace tokens of
``pipeline.normalize.normalize``, multiset overlap), per page, then averaged per
layout and overall (macro: every page weighs the same).

Noise (navigation, "الأكثر قراءة" lists, "اقرأ أيضا" teasers inside the body,
captions, share bars, comments, cookie banners, footers) is made of OTHER corpus
articles' titles and of fixed boilerplate strings, never of the true body.
Corpus text is read at run time from ``--corpus`` and never stored in the repository.

    .venv/bin/python bench/extraction.py --corpus ../shared/corpus/saudinewsnet

Prints a table, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import random
import statistics
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

import pipeline.extract as rasd_extract  # noqa: E402
from pipeline.extract import extract  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
NOW = datetime(2025, 6, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------
# corpus


@dataclass
class Article:
    key: str
    title: str
    paragraphs: list[str]
    date: datetime
    author: str
    source: str

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


def _paragraphs(content: str) -> list[str]:
    return [" ".join(p.split()) for p in content.split("\n") if p.strip()]


def load_corpus(path: Path, *, min_chars: int) -> Iterator[Article]:
    """Every article of the corpus with a title and ``content`` of at least ``min_chars``."""
    zips = sorted(path.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no *.zip in {path}")
    for zpath in zips:
        with zipfile.ZipFile(zpath) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for i, item in enumerate(json.loads(zf.read(name))):
                    title = " ".join((item.get("title") or "").split())
                    content = item.get("content") or ""
                    if not title or len(content.strip()) < min_chars:
                        continue
                    try:
                        date = datetime.strptime(item.get("date_extracted") or "", "%Y-%m-%d %H:%M:%S")
                    except ValueError:
                        date = datetime(2015, 7, 21, 12, 0)
                    yield Article(
                        key=f"{zpath.stem}/{name}#{i}",
                        title=title,
                        paragraphs=_paragraphs(content),
                        date=date.replace(tzinfo=UTC),
                        author=" ".join((item.get("author") or "").split()),
                        source=item.get("source") or "",
                    )


def sample_corpus(path: Path, *, n: int, seed: int, min_chars: int) -> tuple[list[Article], list[str]]:
    """A seeded sample of ``n`` articles (exact duplicate bodies dropped) and the other titles."""
    seen: set[str] = set()
    articles: list[Article] = []
    for art in load_corpus(path, min_chars=min_chars):
        norm = normalize(art.body)
        if norm in seen:
            continue
        seen.add(norm)
        articles.append(art)
    rng = random.Random(seed)
    chosen = rng.sample(range(len(articles)), min(n, len(articles)))
    chosen_set = set(chosen)
    sample = [articles[i] for i in chosen]
    # noise titles: other articles only (never one of the sampled pages' own)
    pool = sorted({a.title for i, a in enumerate(articles) if i not in chosen_set and 25 <= len(a.title) <= 140})
    own = {a.title for a in sample}
    return sample, [t for t in pool if t not in own]


# ---------------------------------------------------------------------------
# page rendering helpers

E = htmllib.escape

SECTIONS = [
    "الرئيسية",
    "محليات",
    "ليبيا",
    "عربي ودولي",
    "سياسة",
    "اقتصاد",
    "رياضة",
    "ثقافة وفنون",
    "منوعات",
    "تقارير",
    "مقالات الرأي",
    "فيديو",
    "صور",
    "كاريكاتير",
]
AR_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
AR_DAYS = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
COMMENT_NAMES = [
    "أبو محمد",
    "سالم الورفلي",
    "مواطن",
    "ناصر - بنغازي",
    "أم خالد",
    "عبدالله",
    "زائر",
    "فتحي من مصراتة",
    "محمود",
    "ريم",
    "متابع قديم",
    "حمد العتيبي",
]
COMMENTS = [
    "الله يعطيكم العافية على هذا الخبر، نتمنى المتابعة.",
    "كلام جميل لكن التنفيذ هو الأهم، ننتظر النتائج على أرض الواقع.",
    "أين كانت الجهات المسؤولة طوال هذه السنوات؟",
    "شكرا على النقل، خبر مهم جدا.",
    "نتمنى أن يكون هذا القرار بداية لإصلاح حقيقي.",
    "للأسف نفس الوعود تتكرر كل عام ولا جديد.",
    "متى يتم تطبيق هذا في باقي المدن؟",
    "خطوة ممتازة وتأخرت كثيرا.",
    "الموضوع يحتاج إلى تفاصيل أكثر، الخبر ناقص.",
    "ربي يحفظ البلاد وأهلها من كل سوء.",
    "أتفق مع الأخ في التعليق السابق تماما.",
    "نرجو من الصحيفة متابعة الموضوع ونشر ردود المسؤولين.",
]
CAPTIONS = [
    "صورة أرشيفية",
    "(أرشيفية)",
    "صورة تعبيرية",
    "من موقع الحدث (الإنترنت)",
    "جانب من الاجتماع",
    "المصدر: وكالات",
    "تصوير: المركز الإعلامي",
    "جانب من الفعالية",
]
COOKIE_TEXT = (
    "نستخدم ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك على موقعنا وتحليل حركة الزيارات وتخصيص "
    "الإعلانات. باستمرارك في تصفح الموقع فإنك توافق على سياسة الخصوصية واستخدام ملفات تعريف الارتباط."
)
TEASER_PREFIXES = ["اقرأ أيضا:", "اقرأ أيضاً:", "إقرأ أيضا:", "شاهد أيضا:", "المزيد:", "طالع أيضا:"]


def ar_date(d: datetime) -> str:
    return f"{AR_DAYS[d.weekday()]} {d.day} {AR_MONTHS[d.month - 1]} {d.year}"


@dataclass
class Ctx:
    art: Article
    rng: random.Random
    pool: list[str]
    used: set[str] = field(default_factory=set)

    def titles(self, k: int) -> list[str]:
        """``k`` titles of other articles, none sharing much with this article's own title or body."""
        own = set(normalize(self.art.title).split())
        body = normalize(self.art.body)
        out: list[str] = []
        while len(out) < k:
            t = self.rng.choice(self.pool)
            if t in self.used:
                continue
            toks = set(normalize(t).split())
            if len(toks & own) > 0.4 * max(1, len(toks)) or normalize(t) in body:
                continue
            self.used.add(t)
            out.append(t)
        return out

    def slug(self) -> str:
        return f"{self.rng.randrange(10_000, 999_999)}"

    def link(self, title: str, base: str = "/news/") -> str:
        return f'<a href="{base}{self.slug()}">{E(title)}</a>'


def _teaser_slots(n_par: int, k: int, rng: random.Random) -> list[int]:
    """Indexes of paragraphs after which an in-body teaser goes (never after the last one)."""
    if n_par < 2:
        return [0] if k else []
    cands = list(range(0, n_par - 1)) if n_par < 4 else list(range(1, n_par - 1))
    return sorted(rng.sample(cands, min(k, len(cands))))


def _head(ctx: Ctx, site: str, *, sep: str = " | ", extra: str = "", jsonld: bool = True) -> str:
    a = ctx.art
    iso = a.date.isoformat()
    ld = ""
    if jsonld:
        ld_obj = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "datePublished": iso,
            "publisher": {"@type": "Organization", "name": site},
        }
        if a.author:
            ld_obj["author"] = {"@type": "Person", "name": a.author}
        ld = f'<script type="application/ld+json">{json.dumps(ld_obj, ensure_ascii=False)}</script>'
    return (
        f'<meta charset="utf-8"><title>{E(a.title)}{sep}{E(site)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta property="og:site_name" content="{E(site)}"><meta property="og:type" content="article">'
        f'<meta property="og:title" content="{E(a.title)}">'
        f'<meta property="article:published_time" content="{iso}">{ld}{extra}'
    )


# ---------------------------------------------------------------------------
# layouts: each returns the HTML of one page


def libya_portal(ctx: Ctx) -> str:
    """Libyan news portal (Drupal-like): menu, ticker, share bars, caption, sidebar
    "الأكثر قراءة", editor-inserted "اقرأ أيضا" paragraphs inside the body, tags, footer."""
    a, rng = ctx.art, ctx.rng
    site = "بوابة الفجر الليبية"
    nav = "".join(f'<li><a href="/section/{i}">{s}</a></li>' for i, s in enumerate(SECTIONS))
    ticker = " ".join(f"<li>{ctx.link(t)}</li>" for t in ctx.titles(3))
    share = (
        '<div class="share-links"><span>شارك:</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a> '
        '<a href="#">واتساب</a> <a href="#">تيليجرام</a></div>'
    )
    slots = _teaser_slots(len(a.paragraphs), rng.choice([1, 2, 2]), rng)
    fig_at = len(a.paragraphs) // 2 if len(a.paragraphs) >= 3 else -1
    body = []
    for i, p in enumerate(a.paragraphs):
        body.append(f"<p>{E(p)}</p>")
        if i in slots:
            pre = rng.choice(TEASER_PREFIXES[:3])
            body.append(f"<p><strong>{pre}</strong> {ctx.link(ctx.titles(1)[0])}</p>")
        if i == fig_at:
            body.append(
                f'<figure class="inline-image"><img src="/media/{ctx.slug()}.jpg" alt="">'
                f"<figcaption>{rng.choice(CAPTIONS)}</figcaption></figure>"
            )
    most_read = "".join(f"<li>{ctx.link(t)}</li>" for t in ctx.titles(5))
    most_comm = "".join(f"<li>{ctx.link(t)}</li>" for t in ctx.titles(4))
    tags = "".join(f'<li><a href="/tag/{i}">{s}</a></li>' for i, s in enumerate(rng.sample(SECTIONS[1:], 3)))
    by = f'<span class="field-author">{E(a.author)}</span> | ' if a.author else ""
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head>{_head(ctx, site)}</head>
<body class="page-node node-type-article">
<div class="top-bar"><span class="today">{ar_date(a.date)}</span> <a href="/en">English</a> <a href="/rss">RSS</a></div>
<header class="site-header"><a class="logo" href="/">{site}</a><p class="slogan">أخبار ليبيا على مدار الساعة</p>
<form class="search" action="/search"><input type="search" name="q" placeholder="ابحث"><button>بحث</button></form></header>
<nav class="main-menu"><ul>{nav}</ul></nav>
<div class="ticker"><strong>عاجل</strong><ul>{ticker}</ul></div>
<div class="container"><main id="content">
<ol class="breadcrumb"><li><a href="/">الرئيسية</a></li><li><a href="/section/2">ليبيا</a></li></ol>
<article class="node node-article">
<h1 class="article-title">{E(a.title)}</h1>
<div class="article-meta">{by}<time datetime="{a.date.isoformat()}">{ar_date(a.date)}</time></div>
{share}
<figure class="main-image"><img src="/media/{ctx.slug()}.jpg" alt="">
<figcaption>{rng.choice(CAPTIONS)} ({site})</figcaption></figure>
<div class="field-body">
{"".join(body)}
</div>
<div class="tags"><span>الكلمات الدالة:</span><ul>{tags}</ul></div>
{share}
</article>
</main>
<aside class="sidebar">
<section class="most-read"><h3>الأكثر قراءة</h3><ol>{most_read}</ol></section>
<section class="most-commented"><h3>الأكثر تعليقا</h3><ol>{most_comm}</ol></section>
<section class="newsletter"><h3>النشرة البريدية</h3><p>اشترك ليصلك ملخص أخبار ليبيا كل صباح.</p>
<form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></form></section>
</aside></div>
<footer class="site-footer"><ul><li><a href="/about">من نحن</a></li><li><a href="/contact">اتصل بنا</a></li>
<li><a href="/privacy">سياسة الخصوصية</a></li><li><a href="/ads">أعلن معنا</a></li></ul>
<p>© {a.date.year} {site}. جميع الحقوق محفوظة.</p></footer>
</body></html>"""


def panarab_wp(ctx: Ctx) -> str:
    """Pan-Arab WordPress site: cookie banner, breaking bar, share bars, caption, an
    "اقرأ أيضاً" box with a bare headline list inside the body, author box, comment thread,
    related posts, footer."""
    a, rng = ctx.art, ctx.rng
    site = "المشهد العربي"
    nav = "".join(f'<li class="menu-item"><a href="/category/{i}">{s}</a></li>' for i, s in enumerate(SECTIONS))
    slots = _teaser_slots(len(a.paragraphs), 1, rng)
    body = []
    for i, p in enumerate(a.paragraphs):
        body.append(f"<p>{E(p)}</p>")
        if i in slots:
            items = "".join(f"<li>{ctx.link(t)}</li>" for t in ctx.titles(3))
            body.append(f'<div class="wp-block-group"><p><strong>اقرأ أيضاً</strong></p><ul>{items}</ul></div>')
        if i == 0 and len(a.paragraphs) > 1:
            body.append(
                '<div class="code-block code-block-2"><span class="ad-label">إعلان</span>'
                '<ins class="adsbygoogle" data-ad-slot="123"></ins></div>'
            )
    comments = []
    for k in range(rng.randint(2, 5)):
        comments.append(
            f'<li class="comment" id="comment-{k}"><article class="comment-body">'
            f'<footer class="comment-meta"><b class="fn">{rng.choice(COMMENT_NAMES)}</b> '
            f"<time>{a.date.day} {AR_MONTHS[a.date.month - 1]} {a.date.year}</time></footer>"
            f'<div class="comment-content"><p>{rng.choice(COMMENTS)}</p></div>'
            f'<div class="reply"><a href="#">رد</a></div></article></li>'
        )
    related = "".join(
        f'<article class="related-item"><a href="/{ctx.slug()}"><img src="/i/{ctx.slug()}.jpg" alt=""></a>'
        f'<h4>{ctx.link(t)}</h4><span class="date">{ar_date(a.date)}</span></article>'
        for t in ctx.titles(4)
    )
    share = (
        '<div class="social-share"><a class="fb" href="#">فيسبوك</a><a class="tw" href="#">إكس</a>'
        '<a class="wa" href="#">واتساب</a><button class="copy-link">نسخ الرابط</button></div>'
    )
    author = a.author or "المحرر"
    breaking = ctx.link(ctx.titles(1)[0])
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head>{_head(ctx, site, sep=" - ")}</head>
<body class="post-template-default single single-post rtl">
<div id="cookie-notice" role="dialog"><p>{COOKIE_TEXT}</p><button>موافق</button><button>رفض</button>
<a href="/privacy">سياسة الخصوصية</a></div>
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">{site}</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{nav}</ul></nav></header>
<div class="breaking-news"><strong>عاجل:</strong> {breaking}</div>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article class="post type-post status-publish format-standard has-post-thumbnail">
<header class="entry-header"><span class="cat-links"><a href="/category/4">{rng.choice(SECTIONS[1:])}</a></span>
<h1 class="entry-title">{E(a.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published"
datetime="{a.date.isoformat()}">{ar_date(a.date)}</time></span>
<span class="byline">كتب: <a class="url fn n" href="/author/1">{E(author)}</a></span></div></header>
<div class="post-thumbnail"><figure class="wp-caption"><img src="/i/{ctx.slug()}.jpg" alt="">
<figcaption class="wp-caption-text">{rng.choice(CAPTIONS)}</figcaption></figure></div>
{share}
<div class="entry-content">
{"".join(body)}
</div>
<footer class="entry-footer">{share}</footer>
</article>
<div class="author-box"><h4>عن الكاتب</h4><p>{E(author)} صحفي ومحرر في {site}، يغطي الشؤون السياسية والاقتصادية
في المنطقة العربية.</p></div>
<div id="comments" class="comments-area"><h3 class="comments-title">{len(comments)} تعليقات</h3>
<ol class="comment-list">{"".join(comments)}</ol>
<div id="respond" class="comment-respond"><h3>أضف تعليقاً</h3><form><p>لن يتم نشر عنوان بريدك الإلكتروني.</p>
<textarea name="comment"></textarea><input type="submit" value="إرسال التعليق"></form></div></div>
<section class="related-posts"><h3>مقالات ذات صلة</h3>{related}</section>
</main></div></div>
<footer id="colophon" class="site-footer"><div class="site-info">جميع الحقوق محفوظة © {site} {a.date.year}</div>
</footer></div></body></html>"""


def amp_minimal(ctx: Ctx) -> str:
    """AMP-like minimal page: amp-sidebar menu, amp-img with caption, social share,
    "المزيد:" link after the body, amp-ad, short footer."""
    a, rng = ctx.art, ctx.rng
    site = "الخليج اليوم"
    menu = "".join(f'<li><a href="/amp/section/{i}">{s}</a></li>' for i, s in enumerate(SECTIONS[:9]))
    pars = [f"<p>{E(p)}</p>" for p in a.paragraphs]
    if len(pars) >= 3:
        pars.insert(
            2,
            f'<figure><amp-img src="/i/{ctx.slug()}.jpg" width="800" height="450" layout="responsive">'
            f"</amp-img><figcaption>{rng.choice(CAPTIONS)}</figcaption></figure>",
        )
    body = "".join(pars)
    more = ctx.titles(1)[0]
    by = f'<span class="author">{E(a.author)}</span>' if a.author else ""
    return f"""<!doctype html><html ⚡ lang="ar" dir="rtl"><head>{_head(ctx, site)}
<link rel="canonical" href="/news/{ctx.slug()}"><style amp-boilerplate>body{{visibility:hidden}}</style>
<script async src="https://cdn.ampproject.org/v0.js"></script></head>
<body>
<amp-sidebar id="sidebar" layout="nodisplay" side="right"><ul>{menu}</ul></amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle">☰</button><a href="/amp">{site}</a></header>
<article class="amp-article">
<h1>{E(a.title)}</h1>
<div class="amp-meta">{by} <time datetime="{a.date.isoformat()}">{ar_date(a.date)}</time></div>
<figure><amp-img src="/i/{ctx.slug()}.jpg" width="800" height="450" layout="responsive"></amp-img>
<figcaption>{rng.choice(CAPTIONS)}</figcaption></figure>
{body}
<p class="more-link"><strong>المزيد:</strong> {ctx.link(more, "/amp/news/")}</p>
<div class="amp-share"><amp-social-share type="facebook"></amp-social-share><amp-social-share type="twitter">
</amp-social-share><amp-social-share type="whatsapp"></amp-social-share></div>
<amp-ad width="300" height="250" type="doubleclick" data-slot="/123/ar"></amp-ad>
</article>
<footer class="amp-footer"><a href="/news/{ctx.slug()}">عرض النسخة الكاملة</a> | <a href="/">الرئيسية</a>
<p>© {a.date.year} {site}</p></footer>
</body></html>"""


def legacy_table(ctx: Ctx) -> str:
    """Old table-based newspaper site (windows-1256 era): nested tables, <font>, body as
    <br><br>-separated text in one cell, left column of sections and "الأكثر قراءة",
    print/send bar, related links, poll, footer. Characters windows-1256 cannot encode
    become numeric character references, as such sites served them."""
    a, rng = ctx.art, ctx.rng
    site = "جريدة الأنباء"
    sections = "".join(
        f'<tr><td class="menu"><img src="/img/bullet.gif"> <a href="/sec.asp?id={i}">{s}</a></td></tr>'
        for i, s in enumerate(SECTIONS[:10])
    )
    most = "".join(f'<img src="/img/arrow.gif"> {ctx.link(t, "/news.asp?id=")}<br>' for t in ctx.titles(5))
    latest = "".join(f'<tr><td><font size="2">{ctx.link(t, "/news.asp?id=")}</font></td></tr>' for t in ctx.titles(4))
    related = "<br>".join(ctx.link(t, "/news.asp?id=") for t in ctx.titles(3))
    text = "<br><br>\n".join(E(p) for p in a.paragraphs)
    by = f'<tr><td><font color="#333333"><b>{E(a.author)}</b></font></td></tr>' if a.author else ""
    page = f"""<html dir="rtl"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>{site} - {E(a.title)}</title></head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="3" bgcolor="#003366"><img src="/img/logo.gif" alt="{site}"> <font color="#FFFFFF">{ar_date(a.date)}</font>
</td></tr>
<tr><td colspan="3" bgcolor="#EEEEEE"><a href="/">الرئيسية</a> | <a href="/archive.asp">الأرشيف</a> |
<a href="/pdf.asp">العدد الورقي</a> | <a href="/contact.asp">اتصل بنا</a></td></tr>
<tr>
<td width="170" valign="top" bgcolor="#F5F5F5">
<table width="100%">{sections}</table>
<table width="100%"><tr><td bgcolor="#CCCCCC"><b>الأكثر قراءة</b></td></tr><tr><td>{most}</td></tr></table>
<table width="100%"><tr><td><b>استطلاع الرأي</b></td></tr><tr><td><form>هل تؤيد القرار؟<br>
<input type="radio" name="v"> نعم<br><input type="radio" name="v"> لا<br><input type="submit" value="صوّت"></form>
</td></tr></table>
</td>
<td valign="top">
<table width="100%" cellpadding="6">
<tr><td><font face="Simplified Arabic" size="5" color="#990000"><b>{E(a.title)}</b></font></td></tr>
{by}
<tr><td><font size="2" color="#666666">تاريخ النشر: {ar_date(a.date)}</font></td></tr>
<tr><td><img src="/photos/{ctx.slug()}.jpg" width="300"><br><font size="2">{rng.choice(CAPTIONS)}</font></td></tr>
<tr><td><font face="Simplified Arabic" size="3">
{text}
</font></td></tr>
<tr><td><a href="/print.asp">طباعة</a> | <a href="/send.asp">أرسل لصديق</a> | <a href="/comment.asp">أضف تعليق</a>
</td></tr>
<tr><td><b>أخبار ذات صلة:</b><br>{related}</td></tr>
</table>
</td>
<td width="160" valign="top"><table width="100%"><tr><td><b>آخر الأخبار</b></td></tr>{latest}</table>
<a href="/ads.asp"><img src="/ads/banner160.gif"></a></td>
</tr>
<tr><td colspan="3" align="center" bgcolor="#003366"><font color="#FFFFFF" size="1">جميع الحقوق محفوظة © {site}
{a.date.year} - يمنع النسخ أو إعادة النشر دون إذن</font></td></tr>
</table></body></html>"""
    # what a windows-1256 page decodes to: unencodable characters as character references
    return page.encode("cp1256", errors="xmlcharrefreplace").decode("cp1256")


def liveblog(ctx: Ctx) -> str:
    """Live-blog / list style: timestamped entries each with its own share links, photo
    captions between entries, "تغطيات سابقة" box, "قصص ذات صلة" cards, most-watched videos."""
    a, rng = ctx.art, ctx.rng
    site = "الشرق نيوز"
    nav = " ".join(f'<a href="/{i}">{s}</a>' for i, s in enumerate(SECTIONS[:8]))
    prev = "".join(f"<li>{ctx.link(t)}</li>" for t in ctx.titles(3))
    entries = []
    minute = rng.randint(0, 50)
    hour = 8 + rng.randint(0, 10)
    for i, p in enumerate(a.paragraphs):
        hh, mm = hour + (minute + 17 * i) // 60, (minute + 17 * i) % 60
        entries.append(
            f'<div class="lb-entry"><div class="lb-time"><time>{hh:02d}:{mm:02d}</time></div>'
            f'<div class="lb-text"><p>{E(p)}</p></div>'
            f'<div class="lb-tools"><a href="#e{i}">رابط التحديث</a> <a href="#">فيسبوك</a> <a href="#">إكس</a></div>'
            f"</div>"
        )
        if i % 3 == 1 and i < len(a.paragraphs) - 1:
            entries.append(
                f'<div class="lb-media"><img src="/i/{ctx.slug()}.jpg" alt=""><p class="caption">'
                f"{rng.choice(CAPTIONS)}</p></div>"
            )
    cards = "".join(
        f'<div class="card"><img src="/i/{ctx.slug()}.jpg" alt=""><h3>{ctx.link(t)}</h3>'
        f'<span class="ago">منذ {rng.randint(2, 23)} ساعة</span></div>'
        for t in ctx.titles(4)
    )
    videos = "".join(
        f"<li>{ctx.link(t, '/video/')} <span>0{rng.randint(1, 9)}:{rng.randint(10, 59)}</span></li>"
        for t in ctx.titles(3)
    )
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head>{_head(ctx, site)}</head><body>
<div class="header"><a class="brand" href="/">{site}</a><div class="nav">{nav}</div></div>
<div class="wrap">
<div class="live-header"><span class="live-badge">مباشر</span>
<h1>{E(a.title)}</h1><p class="updated">آخر تحديث: {ar_date(a.date)}</p></div>
<div class="prev-coverage"><h4>تغطيات سابقة</h4><ul>{prev}</ul></div>
<div class="lb-feed">
{"".join(entries)}
</div>
<div class="stories-block"><h2>قصص ذات صلة</h2><div class="cards">{cards}</div></div>
<div class="videos"><h2>الأكثر مشاهدة</h2><ul>{videos}</ul></div>
</div>
<div class="foot"><a href="/terms">شروط الاستخدام</a> <a href="/privacy">الخصوصية</a> © {site}</div>
</body></html>"""


def agency_wire(ctx: Ctx) -> str:
    """News-agency / Gulf daily layout with site-specific class names: tools bar (print,
    font size), dateline, "شاهد أيضا" video teaser inside the body, keywords, follow-us box,
    "الأكثر قراءة" tabs, link-heavy footer."""
    a, rng = ctx.art, ctx.rng
    site = "وكالة الأنباء العربية"
    nav = "".join(f'<li><a href="/ar/{i}">{s}</a></li>' for i, s in enumerate(SECTIONS[:11]))
    slots = _teaser_slots(len(a.paragraphs), 1, rng)
    body = []
    for i, p in enumerate(a.paragraphs):
        body.append(f"<p>{E(p)}</p>")
        if i in slots:
            pre = rng.choice(["شاهد أيضا:", "طالع أيضا:", "اقرأ أيضاً:"])
            body.append(f'<div class="vid-teaser"><span>{pre}</span> {ctx.link(ctx.titles(1)[0], "/video/")}</div>')
        if i == len(a.paragraphs) - 2:
            body.append(f"<p><strong>{ctx.link(ctx.titles(1)[0])}</strong></p>")
    body.append(
        '<div class="nl-promo"><p>اشترك في النشرة الإخبارية ليصلك أهم الأخبار يوميا على بريدك</p>'
        '<form><input type="email" placeholder="البريد الإلكتروني"><button>اشتراك</button></form></div>'
    )
    tabs_a = "".join(f"<li><span>{k + 1}</span>{ctx.link(t)}</li>" for k, t in enumerate(ctx.titles(5)))
    tabs_b = "".join(f"<li><span>{k + 1}</span>{ctx.link(t)}</li>" for k, t in enumerate(ctx.titles(5)))
    kw = "، ".join(f'<a href="/kw/{i}">{s}</a>' for i, s in enumerate(rng.sample(SECTIONS[1:], 4)))
    foot = "".join(f'<li><a href="/ar/{i}">{s}</a></li>' for i, s in enumerate(SECTIONS))
    city = rng.choice(["الرياض", "جدة", "الدمام", "القاهرة", "دبي"])
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head>{_head(ctx, site, sep=" :: ", jsonld=False)}</head>
<body>
<div id="wrapper">
<div class="hdr"><div class="lang"><a href="/en">English</a> <a href="/fr">Français</a></div>
<a class="lg" href="/">{site}</a><ul class="mnu">{nav}</ul></div>
<div class="row">
<div class="col-md-8">
<div class="news-details">
<h1 class="ttl">{E(a.title)}</h1>
<div class="info"><span>{city}</span> - <span>{ar_date(a.date)}</span>
{f"<span> - {E(a.author)}</span>" if a.author else ""}</div>
<div class="tools"><a href="#">طباعة</a> <a href="#">إرسال</a> <a href="#">تكبير الخط</a> <a href="#">تصغير الخط</a></div>
<div class="img-wrap"><img src="/p/{ctx.slug()}.jpg" alt=""><span class="img-cap">{rng.choice(CAPTIONS)}</span></div>
<div id="NewsText" class="txt">
{"".join(body)}
</div>
<div class="kw"><b>كلمات مفتاحية:</b> {kw}</div>
<div class="follow">تابعونا على <a href="#">تويتر</a> و<a href="#">فيسبوك</a> و<a href="#">يوتيوب</a></div>
</div>
</div>
<div class="col-md-4">
<div class="tabs"><ul class="tab-head"><li>الأكثر قراءة</li><li>الأحدث</li></ul>
<ol class="t1">{tabs_a}</ol><ol class="t2">{tabs_b}</ol></div>
</div>
</div>
<div class="ftr"><ul>{foot}</ul><p>حمّل التطبيق: <a href="#">App Store</a> | <a href="#">Google Play</a></p>
<p>جميع الحقوق محفوظة © {site} {a.date.year}</p></div>
</div></body></html>"""


def _css(rng: random.Random) -> str:
    return "css-" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))


def spa_hashed(ctx: Ctx) -> str:
    """Modern single-page-app site (Next.js-like): hashed class names only, a related-story
    card (label + headline) and an embedded tweet inside the body, topic chips, a "more
    from the section" grid with relative times, app/social footer. Added after the
    extractor was tuned on the other layouts, as a held-out check."""
    a, rng = ctx.art, ctx.rng
    site = "المستقل عربي"
    c = _css
    nav = "".join(f'<a class="{c(rng)}" href="/s/{i}">{s}</a>' for i, s in enumerate(SECTIONS[:10]))
    trending = "".join(f'<li class="{c(rng)}">{ctx.link(t)}</li>' for t in ctx.titles(4))
    body = []
    card_at = min(1, len(a.paragraphs) - 1)
    tweet_at = len(a.paragraphs) // 2 + 1 if len(a.paragraphs) >= 4 else -1
    for i, p in enumerate(a.paragraphs):
        body.append(f'<p class="{c(rng)}">{E(p)}</p>')
        if i == card_at:
            t = ctx.titles(1)[0]
            body.append(
                f'<a class="{c(rng)}" href="/news/{ctx.slug()}"><div class="{c(rng)}"><span class="{c(rng)}">'
                f'اقرأ المزيد</span><h4 class="{c(rng)}">{E(t)}</h4></div></a>'
            )
        if i == tweet_at:
            t = ctx.titles(1)[0]
            body.append(
                f'<blockquote class="twitter-tweet"><p lang="ar" dir="rtl">{E(t)} '
                f'<a href="https://t.co/x{ctx.slug()}">pic.twitter.com/x{ctx.slug()}</a></p>'
                f'&mdash; حساب الأخبار (@news_{ctx.slug()}) <a href="https://twitter.com/">'
                f"{a.date.day} {AR_MONTHS[a.date.month - 1]} {a.date.year}</a></blockquote>"
            )
    chips = "".join(f'<a class="{c(rng)}" href="/topic/{i}">{s}</a>' for i, s in enumerate(rng.sample(SECTIONS[1:], 4)))
    grid = "".join(
        f'<div class="{c(rng)}"><a href="/news/{ctx.slug()}"><img src="/i/{ctx.slug()}.webp" alt="">'
        f'<h3 class="{c(rng)}">{E(t)}</h3></a><span class="{c(rng)}">منذ {rng.randint(2, 11)} ساعات</span></div>'
        for t in ctx.titles(6)
    )
    nd = json.dumps({"props": {"pageProps": {"id": ctx.slug(), "section": "news"}}, "page": "/article/[id]"})
    by = f'<span class="{c(rng)}">{E(a.author)}</span>' if a.author else ""
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head>{_head(ctx, site)}</head>
<body><div id="__next">
<header class="{c(rng)}"><a class="{c(rng)}" href="/">{site}</a><nav class="{c(rng)}">{nav}</nav></header>
<div class="{c(rng)}"><span class="{c(rng)}">الأكثر تداولا</span><ul class="{c(rng)}">{trending}</ul></div>
<main class="{c(rng)}"><div class="{c(rng)}">
<h1 class="{c(rng)}">{E(a.title)}</h1>
<div class="{c(rng)}">{by}<time datetime="{a.date.isoformat()}">{ar_date(a.date)}</time></div>
<div class="{c(rng)}"><img src="/i/{ctx.slug()}.webp" alt=""><p class="{c(rng)}">{rng.choice(CAPTIONS)}</p></div>
<div class="{c(rng)}">
{"".join(body)}
</div>
<div class="{c(rng)}">{chips}</div>
</div>
<section class="{c(rng)}"><h2 class="{c(rng)}">المزيد من الأخبار</h2><div class="{c(rng)}">{grid}</div></section>
</main>
<footer class="{c(rng)}"><div class="{c(rng)}"><a href="#">App Store</a> <a href="#">Google Play</a></div>
<div class="{c(rng)}"><a href="/about">من نحن</a> <a href="/terms">الشروط والأحكام</a> <a href="/privacy">سياسة الخصوصية</a></div>
<p class="{c(rng)}">© {a.date.year} {site}</p></footer>
</div><script id="__NEXT_DATA__" type="application/json">{nd}</script></body></html>"""


LAYOUTS: dict[str, Callable[[Ctx], str]] = {
    "libya_portal": libya_portal,
    "panarab_wp": panarab_wp,
    "amp_minimal": amp_minimal,
    "legacy_table": legacy_table,
    "liveblog": liveblog,
    "agency_wire": agency_wire,
    "spa_hashed": spa_hashed,
}

# ---------------------------------------------------------------------------
# scoring


def tokens(text: str) -> Counter[str]:
    return Counter(normalize(text or "").split())


def prf(pred: str, truth: Counter[str]) -> tuple[float, float, float]:
    got = tokens(pred)
    if not got or not truth:
        return 0.0, 0.0, 0.0
    overlap = sum((got & truth).values())
    p = overlap / sum(got.values())
    r = overlap / sum(truth.values())
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run_raw(html: str, url: str) -> str:
    """(a) trafilatura with its default settings."""
    return trafilatura.extract(html) or ""


def run_rasd(html: str, url: str) -> str:
    """(b) ``pipeline.extract.extract``."""
    return extract(html, url=url, now=NOW).text


SYSTEMS: dict[str, Callable[[str, str], str]] = {"raw": run_raw, "rasd": run_rasd}


def variant(
    options: dict[str, Any] | None = None, /, *, flatten: bool = True, prune: bool = True, clean: bool = True
) -> Callable[[str, str], str]:
    """``pipeline.extract.extract`` with trafilatura options changed or steps switched off."""

    def run(html: str, url: str) -> str:
        saved = (
            rasd_extract.TRAFILATURA_OPTIONS,
            rasd_extract.flatten_layout_tables,
            rasd_extract.prune_boilerplate,
            rasd_extract.clean_body,
        )
        try:
            rasd_extract.TRAFILATURA_OPTIONS = {**saved[0], **(options or {})}
            if not flatten:
                rasd_extract.flatten_layout_tables = lambda tree: 0
            if not prune:
                rasd_extract.prune_boilerplate = lambda tree: 0
            if not clean:
                rasd_extract.clean_body = lambda text, titles=(): text
            return rasd_extract.extract(html, url=url, now=NOW).text
        finally:
            (
                rasd_extract.TRAFILATURA_OPTIONS,
                rasd_extract.flatten_layout_tables,
                rasd_extract.prune_boilerplate,
                rasd_extract.clean_body,
            ) = saved

    return run


PRECISION = {"favor_precision": True, "favor_recall": False}
RECALL = {"favor_precision": False, "favor_recall": True}
BARE = {"flatten": False, "prune": False, "clean": False}
# --ablation: how each setting and step was chosen (cumulative, then one change at a time)
ABLATION: dict[str, Callable[[str, str], str]] = {
    "raw: trafilatura.extract(html)": run_raw,
    "first draft: precision, no tables": variant({**PRECISION, "include_tables": False}, **BARE),
    "tf balanced, comments off": variant(**BARE),
    "tf precision, comments off": variant(PRECISION, **BARE),
    "tf recall, comments off": variant(RECALL, **BARE),
    "tf balanced, comments+tables off": variant({"include_tables": False}, **BARE),
    "+ flatten layout tables": variant(prune=False, clean=False),
    "+ prune author box, link-only <p>": variant(clean=False),
    "+ line filter (= rasd)": run_rasd,
    "rasd but favor_precision": variant(PRECISION),
    "rasd but favor_recall": variant(RECALL),
    "rasd but include_tables=False": variant({"include_tables": False}),
    "rasd but comments on": variant({"include_comments": True}),
    "rasd but never fast (readability/justext fallback on every page)": variant({"fast": False}),
    "rasd but always fast (no fallback even on table layouts)": variant({"fast": True}),
}


@dataclass
class Acc:
    p: list[float] = field(default_factory=list)
    r: list[float] = field(default_factory=list)
    f: list[float] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    empty: int = 0

    def add(self, p: float, r: float, f: float, ms: float, empty: bool) -> None:
        self.p.append(p)
        self.r.append(r)
        self.f.append(f)
        self.ms.append(ms)
        self.empty += empty

    def summary(self) -> dict[str, float]:
        return {
            "p": round(statistics.fmean(self.p), 4),
            "r": round(statistics.fmean(self.r), 4),
            "f1": round(statistics.fmean(self.f), 4),
            "ms": round(statistics.fmean(self.ms), 2),
            "empty": self.empty,
        }


def evaluate(
    sample: list[Article],
    pool: list[str],
    layouts: list[str],
    systems: dict[str, Callable[[str, str], str]],
    *,
    seed: int,
    dump: Path | None = None,
    worst: list[tuple[float, str, str, str]] | None = None,
) -> tuple[dict[str, dict[str, Acc]], dict[str, Acc]]:
    accs = {lay: {s: Acc() for s in systems} for lay in layouts}
    overall = {s: Acc() for s in systems}
    for i, art in enumerate(sample):
        truth = tokens(art.body)
        for lay in layouts:
            ctx = Ctx(art=art, rng=random.Random(f"{seed}:{art.key}:{lay}"), pool=pool)
            page = LAYOUTS[lay](ctx)
            url = f"https://example.org/{lay}/{i}"
            if dump:
                dump.mkdir(parents=True, exist_ok=True)
                (dump / f"{lay}-{i:04d}.html").write_text(page, encoding="utf-8")
            for name, fn in systems.items():
                t = time.perf_counter()
                out = fn(page, url)
                ms = (time.perf_counter() - t) * 1000
                p, r, f = prf(out, truth)
                accs[lay][name].add(p, r, f, ms, not out.strip())
                overall[name].add(p, r, f, ms, not out.strip())
                if worst is not None and name == "rasd":
                    worst.append((f, lay, art.key, out))
    return accs, overall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of SaudiNewsNet *.zip")
    ap.add_argument("--n", type=int, default=300, help="articles sampled (each rendered in every layout)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--min-chars", type=int, default=400, help="minimum article content length")
    ap.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated subset of layouts")
    ap.add_argument("--ablation", action="store_true", help="compare settings and steps instead of raw vs rasd")
    ap.add_argument("--worst", type=int, default=0, help="also print the N worst pages of ours (debugging)")
    ap.add_argument("--dump", type=Path, help="write every rendered page here (debugging; not for the repo)")
    args = ap.parse_args(argv)
    layouts = [name.strip() for name in args.layouts.split(",") if name.strip()]
    unknown = set(layouts) - set(LAYOUTS)
    if unknown:
        ap.error(f"unknown layouts: {sorted(unknown)}")

    t0 = time.perf_counter()
    sample, pool = sample_corpus(args.corpus, n=args.n, seed=args.seed, min_chars=args.min_chars)
    systems = ABLATION if args.ablation else SYSTEMS
    worst: list[tuple[float, str, str, str]] | None = [] if args.worst else None
    accs, overall = evaluate(sample, pool, layouts, systems, seed=args.seed, dump=args.dump, worst=worst)
    elapsed = time.perf_counter() - t0

    result: dict[str, Any] = {
        "layouts": {lay: {s: accs[lay][s].summary() for s in systems} for lay in layouts},
        "overall": {s: overall[s].summary() for s in systems},
        "n": len(sample),
        "pages": len(sample) * len(layouts),
        "seed": args.seed,
        "min_chars": args.min_chars,
        "corpus": args.corpus.name,
        "trafilatura": trafilatura.__version__,
        "seconds": round(elapsed, 1),
    }
    if args.ablation:
        print_ablation(result)
    else:
        print_table(result)
    for f, lay, key, out in sorted(worst or [])[: args.worst]:
        print(f"--- {f:.3f} {lay} {key}\n{out[:1500]}\n")
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _render(title: str, header: list[str], lines: list[list[str]]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # plain fallback
        print(title)
        widths = [max(len(str(r[k])) for r in [header, *lines]) for k in range(len(header))]
        for r in [header, *lines]:
            print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
        return
    table = Table(title=title)
    for k, h in enumerate(header):
        table.add_column(h, justify="left" if k == 0 else "right")
    for r in lines:
        table.add_row(*r)
    Console(width=200).print(table)


def _title(result: dict[str, Any]) -> str:
    return (
        f"Extraction: {result['n']} articles × {len(result['layouts'])} layouts = {result['pages']} pages "
        f"(seed {result['seed']}, trafilatura {result['trafilatura']}, {result['seconds']} s)"
    )


def print_table(result: dict[str, Any]) -> None:
    rows = [*result["layouts"].items(), ("OVERALL", result["overall"])]
    header = ["layout", "raw P", "raw R", "raw F1", "rasd P", "rasd R", "rasd F1", "ΔF1", "raw ms", "rasd ms"]
    lines = []
    for name, d in rows:
        raw, ours = d["raw"], d["rasd"]
        lines.append(
            [
                name,
                f"{raw['p']:.3f}",
                f"{raw['r']:.3f}",
                f"{raw['f1']:.3f}",
                f"{ours['p']:.3f}",
                f"{ours['r']:.3f}",
                f"{ours['f1']:.3f}",
                f"{ours['f1'] - raw['f1']:+.3f}",
                f"{raw['ms']:.1f}",
                f"{ours['ms']:.1f}",
            ]
        )
    _render(_title(result), header, lines)


def print_ablation(result: dict[str, Any]) -> None:
    layouts = list(result["layouts"])
    header = ["variant (F1)", *layouts, "P", "R", "F1", "ms"]
    lines = []
    for name, o in result["overall"].items():
        lines.append(
            [
                name,
                *(f"{result['layouts'][lay][name]['f1']:.3f}" for lay in layouts),
                f"{o['p']:.3f}",
                f"{o['r']:.3f}",
                f"{o['f1']:.3f}",
                f"{o['ms']:.1f}",
            ]
        )
    _render("Ablation — " + _title(result), header, lines)


if __name__ == "__main__":
    raise SystemExit(main())
