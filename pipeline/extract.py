"""Extraction: HTML → title, body, date, author with trafilatura.

Body: trafilatura with settings chosen by measurement (``bench/extraction.py``,
numbers in ``docs/benchmarks.md``), wrapped in two Arabic-aware steps:

* before: old table-based layouts (a whole page in nested ``<table>``s, the body
  one ``<td>`` of ``<br>``-separated text) are flattened to ``<div>``s, so
  trafilatura sees blocks instead of one big "data table";
* after: lines that are not article text are dropped: in-body teasers
  ("اقرأ أيضا: …", "شاهد أيضا", "المزيد: …") with the bare headline list that
  follows a teaser heading, the headline repeated as the first line, and short
  boilerplate lines (copyright, "آخر تحديث", share/print/app-store bars, tag lists).

If that leaves less than ``min_body_chars``, trafilatura runs again in recall
mode; if the body is still too short, the feed summary is used and
``method="feed_summary"`` records it.

Dates: the feed's date first, then the page's own machine-readable date
(``article:published_time``, JSON-LD ``datePublished``), then trafilatura's
htmldate guess; implausible dates (future, before 1990, a bare -01-01 from
htmldate) are rejected.  ``date_source`` tells which one won.

Pure: no I/O, no network, no global state (trafilatura's ``deduplicate`` cache
is never used: it would make the result depend on what was extracted before).
"""

from __future__ import annotations

import copy
import html as html_lib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from trafilatura import htmlprocessing as tf_htmlprocessing
from trafilatura import json_metadata as tf_json
from trafilatura import metadata as tf_metadata
from trafilatura import xpaths as tf_xpaths
from trafilatura.settings import DEFAULT_CONFIG, Extractor, set_date_params

from pipeline.models import Content
from pipeline.normalize import normalize

_CONFIG = copy.deepcopy(DEFAULT_CONFIG)
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work in worker threads
_CONFIG.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "150")

# Chosen with bench/extraction.py (see docs/benchmarks.md, "Extraction"):
# balanced focus (favor_precision drops short real paragraphs, e.g. live-blog
# entries and signatures), comments off (reader comments are not the article),
# tables on (old layouts put the body in a table cell), never deduplicate.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}

_TITLE_SEPARATORS = re.compile(r"(\s+(?:::|\|\||[|\-–—:»«/])\s+)")
_TAGS = re.compile(r"<[^>]+>")


def _is_site(part: str, site: str) -> bool:
    """Whether a title segment is the site name (give or take a word or a year)."""
    seg = normalize(part)
    if not seg or not site:
        return False
    if site in seg:
        return len(seg) <= len(site) + 12
    return seg in site and len(seg) >= 0.5 * len(site)


def _site_like(segment: str, title: str) -> bool:
    return len(segment) <= 40 and len(segment.split()) <= 5 and len(title) - len(segment) >= 0.5 * len(title)


def clean_title(title: str | None, sitename: str | None = None) -> str | None:
    """Drop a site-name suffix or prefix such as ``" | بوابة الوسط"``.

    With a known site name only a first or last segment naming the site goes;
    without one, a short suffix goes (a short prefix only before ``|`` or ``::``).
    Separators inside the kept headline are left as they are.
    """
    if not title:
        return None
    title = " ".join(_TAGS.sub("", title).split())
    pieces = _TITLE_SEPARATORS.split(title)  # segment, separator, segment, ...
    if len(pieces) > 1:
        site = normalize(sitename or "")
        if site and (_is_site(pieces[0], site) or _is_site(pieces[-1], site)):
            if _is_site(pieces[-1], site):
                pieces = pieces[:-2]
            if len(pieces) > 1 and _is_site(pieces[0], site):
                pieces = pieces[2:]
        else:
            # no site name to match: a short last segment is a site-name suffix
            # ("… - الأخبار العربية"); a short first one only before a pipe-like
            # separator ("الوسط | …"), since "ليبيا - تونس: …" is a headline
            if pieces[-2].strip() in ("|", "||", "::", "-", "–", "—") and _site_like(pieces[-1], title):
                pieces = pieces[:-2]
            if len(pieces) > 1 and pieces[1].strip() in ("|", "||", "::") and _site_like(pieces[0], title):
                pieces = pieces[2:]
        title = "".join(pieces)
    return title.strip() or None


def plausible(date: datetime | None, *, now: datetime | None = None, guessed: bool = False) -> bool:
    if date is None:
        return False
    now = now or datetime.now(UTC)
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    if date > now + timedelta(days=1) or date.year < 1990:
        return False
    # htmldate falls back to January 1st when it only found a year ("14 أيار 2024")
    return not (guessed and date.month == 1 and date.day == 1)


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4}-\d{2}-\d{2})", value)
        if not m:
            return None
        try:
            dt = datetime.fromisoformat(m.group(1))
        except ValueError:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@dataclass
class PageHead:
    """What a page declares about itself, read once: meta tags and JSON-LD nodes."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased property/name/itemprop -> contents
    ld: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD object, depth first

    def first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None


def page_head(tree: lxml_html.HtmlElement) -> PageHead:
    head = PageHead()
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        # unescaped once more, as trafilatura does: CMSs often escape twice (&amp;quot;)
        content = " ".join(html_lib.unescape(content).split())
        for attr in ("property", "name", "itemprop"):
            key = el.get(attr)
            if key:
                head.meta.setdefault(key.strip().lower(), []).append(content)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > 200_000:
            continue  # no real JSON-LD block is this large
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # malformed, or nested deeper than the parser goes
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                head.ld.append(item)
                stack.extend(reversed([v for v in item.values() if isinstance(v, (dict, list))]))
    return head


def page_date(tree: lxml_html.HtmlElement, head: PageHead | None = None) -> tuple[datetime | None, str | None]:
    """The page's declared publication date: meta tags, then JSON-LD."""
    head = head or page_head(tree)
    for prop in ("article:published_time", "og:article:published_time", "datePublished", "pubdate"):
        for value in head.meta.get(prop.lower(), ()):
            dt = _parse_iso(value)
            if dt:
                return dt, "meta:" + prop
    for item in head.ld:
        if "datePublished" in item:
            dt = _parse_iso(str(item["datePublished"]))
            if dt:
                return dt, "json-ld"
    return None, None


# ---------------------------------------------------------------------------
# before trafilatura: flatten layout tables

_TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th"}
_LONG_CELL = 300  # characters of text in one cell: prose, not data


def _layout_table(table: lxml_html.HtmlElement) -> bool:
    """A table used for page layout rather than data: it nests tables or forms,
    or one of its cells holds prose."""
    if table.xpath(".//table|.//form"):
        return True
    return any(len(cell.text_content()) >= _LONG_CELL for cell in table.iter("td", "th"))


_BOILERPLATE_CLASS = re.compile(r"(^|[ _-])(author-?(box|bio|info)|about-?(the-)?author|saboxplugin)([ _-]|$)", re.I)


def prune_boilerplate(tree: lxml_html.HtmlElement) -> int:
    """Drop, in place, blocks trafilatura keeps but that are not article text:
    author boxes, and short paragraphs made only of links (a related headline
    inserted into the body without a label).  Returns how many."""
    dropped = 0
    boxes = [el for el in tree.iter("div", "section", "aside")
             if (cls := el.get("class")) and _BOILERPLATE_CLASS.search(cls)]
    for el in boxes:
        if el.getparent() is not None:
            el.drop_tree()
            dropped += 1
    for p in tree.xpath("//p[.//a]"):  # only paragraphs with a link can be made only of links
        if p.getparent() is None:
            continue
        text = " ".join(p.text_content().split())
        if not text or len(text) > 200:
            continue
        linked = " ".join(" ".join(a.text_content() for a in p.iter("a")).split())
        if linked == text:
            p.drop_tree()
            dropped += 1
    return dropped


def flatten_layout_tables(tree: lxml_html.HtmlElement) -> int:
    """Rename layout tables, with every table nested in them, to ``div``s in place;
    return how many outermost layout tables there were.  A table standing alone
    in the article (data: results, rates) is kept."""
    outer = [t for t in tree.iter("table") if _layout_table(t) and not any(a.tag == "table" for a in t.iterancestors())]
    for table in outer:
        for el in list(table.iter(*_TABLE_PARTS)):
            el.tag = "div"
    return len(outer)


# ---------------------------------------------------------------------------
# after trafilatura: drop lines that are not article text

# normalized forms (pipeline.normalize folds أ/إ/آ→ا, ة→ه, ى→ي and drops tanween)
_TEASER = re.compile(
    r"^[\s\-–•*»«\"'(\[]*(?:"
    r"اقرا\s*(?:ايضا|كذلك|المزيد)|(?:شاهد|طالع|راجع)\s*(?:ايضا|كذلك)\s*(?::|$)"  # not "شاهد أيضا الحضور…"
    r"|اقرا\s*:|للمزيد\s*:|المزيد\s*:|المزيد من الاخبار|مزيد من الاخبار"
    r"|(?:اخبار|مواضيع|مقالات|قصص|روابط|تقارير)\s+(?:ذات\s+صله|متعلقه|مشابهه)"
    r"|ذات\s+صله\s*:|قد\s+يهمك|قد\s+يعجبك|ننصحك\s+بقراءه|لمتابعه\s+المزيد"
    r")"
)
_TEASER_MAX_TOKENS = 40  # prefix + one headline; a paragraph of prose is longer
_BOILERPLATE = re.compile(
    r"جميع\s+الحقوق\s+محفوظه|حقوق\s+(?:النشر|الطبع)\s+محفوظه|©|\(c\)\s*\d{4}|copyright"
    r"|^(?:(?:اخر\s+تحديث|تاريخ\s+النشر|تاريخ\s+الاضافه)\s*:|نشر\s+بتاريخ|حمل\s+(?:التطبيق|تطبيق)"
    r"|تابعونا\s+(?:علي|عبر|في)|شارك\s*(?::|الخبر|المقال|هذا)"
    r"|الكلمات\s+الداله|كلمات\s+(?:مفتاحيه|داله)|الوسوم\s*:|وسوم\s*:|الاوسمه\s*:|مواضيع\s*:"
    r"|اضف\s+تعليق|اترك\s+تعليقا|التعليقات\s*(?:\(|\d|$)|المصدر\s*:\s*$"
    r"|(?:اشترك|اشتركوا|سجل)\s+(?:الان\s+)?(?:في\s+)?(?:النشره|نشرتنا|القائمه\s+البريديه))"
)
# a heading that opens a block which is not article text: it and the next line go
_SKIP_BLOCK_HEADINGS = frozenset(normalize(h) for h in ("عن الكاتب", "نبذة عن الكاتب", "عن المؤلف", "عن الكاتبة"))
_BOILERPLATE_MAX_TOKENS = 25
_UI_WORDS = frozenset(
    normalize(w)
    for w in [
        "طباعة",
        "إرسال",
        "أرسل",
        "لصديق",
        "تكبير",
        "تصغير",
        "الخط",
        "حفظ",
        "مشاركة",
        "شارك",
        "نسخ",
        "الرابط",
        "فيسبوك",
        "تويتر",
        "إكس",
        "واتساب",
        "تيليجرام",
        "تلغرام",
        "يوتيوب",
        "انستغرام",
        "لينكدإن",
        "البريد",
        "الإلكتروني",
        "تعليق",
        "أضف",
        "التعليقات",
        "رد",
        "|",
        "-",
        "/",
        "•",
        ":",
        "·",
    ]
)


def _is_teaser(norm: str) -> bool:
    return bool(_TEASER.match(norm)) and len(norm.split()) <= _TEASER_MAX_TOKENS


def _teaser_heading(norm: str) -> bool:
    """A teaser label alone ("اقرأ أيضاً:"), the heading of a bare headline list."""
    m = _TEASER.match(norm)
    return m is not None and len(norm[m.end() :].strip(" :-–.»«\"'()[]")) <= 8


def _is_boilerplate(norm: str) -> bool:
    toks = norm.split()
    if not toks:
        return True
    if len(toks) <= _BOILERPLATE_MAX_TOKENS and _BOILERPLATE.search(norm):
        return True
    return all(t in _UI_WORDS for t in toks)


def clean_body(text: str, titles: Iterable[str | None] = ()) -> str:
    """Drop the lines of an extracted body that are not article text."""
    heads = {normalize(t) for t in titles if t}
    heads.discard("")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # page chrome above the headline (kicker, section) and the headline itself
    for k, line in enumerate(lines[:3]):
        if normalize(line) in heads and all(len(x.split()) <= 6 for x in lines[:k]):
            lines = lines[k + 1 :]
            break
    out: list[str] = []
    in_list = skip_next = False
    for line in lines:
        norm = normalize(line)
        if skip_next:
            skip_next = False
            continue
        if norm.strip(" :") in _SKIP_BLOCK_HEADINGS:
            skip_next = True
            continue
        if in_list:
            if line.startswith(("- ", "• ", "* ")) and len(norm.split()) <= _TEASER_MAX_TOKENS:
                continue  # an item of the headline list after a teaser heading
            in_list = False
        if _is_teaser(norm):
            in_list = _teaser_heading(norm)
            continue
        if _is_boilerplate(norm):
            continue
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# input checks

# C0 controls other than tab/newline/CR are invalid in XML: trafilatura discards a
# tree holding one (seen in real corpus text: a stray U+001A), so they become spaces
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<[A-Za-z!/?]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _garbage(html: str) -> bool:
    """Not an HTML page: no tag at all, or binary (control/replacement characters)."""
    head = html[:4000]
    if not _MARKUP.search(head):
        return True
    junk = len(_CONTROL.findall(head)) + head.count("\ufffd")
    return junk > 0.05 * len(head)


def _parse(html: str) -> lxml_html.HtmlElement | None:
    html = _CONTROL.sub(" ", html)
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):
        return None
    return tree if isinstance(tree, lxml_html.HtmlElement) else None


@lru_cache(maxsize=16)
def _extractor(options: tuple[tuple[str, Any], ...]) -> Extractor:
    """trafilatura's options object, built once per set of options (making one re-reads the config)."""
    o = dict(options)
    return Extractor(
        config=_CONFIG,
        output_format="python",
        fast=o["fast"],
        precision=o["favor_precision"],
        recall=o["favor_recall"],
        comments=o["include_comments"],
        links=o["include_links"],
        images=o["include_images"],
        tables=o["include_tables"],
        dedup=o["deduplicate"],
        with_metadata=False,
    )


def _run(tree: lxml_html.HtmlElement | str, url: str | None, *, fast: bool, recall: bool = False) -> Any:
    """trafilatura's body extraction alone (metadata is :func:`page_metadata`'s job)."""
    settings = {"fast": fast, **TRAFILATURA_OPTIONS}  # TRAFILATURA_OPTIONS may force "fast" (bench ablation)
    if recall:
        settings.update(favor_precision=False, favor_recall=True)
    options = copy.copy(_extractor(tuple(sorted(settings.items()))))
    options.url = options.source = url
    try:
        return trafilatura.bare_extraction(tree, url=url, options=options)
    except Exception:  # trafilatura raises assorted errors on pathological markup
        return None


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    sitename: str | None = None


def _names(value: Any) -> list[str]:
    """Names in a JSON-LD author/publisher value: a string, an object with a name, or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _authors(values: Iterable[str]) -> str | None:
    out: str | None = None
    for value in values:
        value = " ".join(str(value).split())
        if value and len(value) <= 120:
            out = tf_json.normalize_authors(out, value)
    return out or None


_URL_SITE = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/:]+)", re.I)


def page_metadata(tree: lxml_html.HtmlElement, head: PageHead | None = None, url: str | None = None
                  ) -> PageMetadata:
    """Title, author and site name: meta tags, then JSON-LD, then the page itself.

    What trafilatura's metadata step looks at, read from one pass over the
    ``<meta>`` tags and the JSON-LD (shared with :func:`page_date`), without what
    we do not store (categories, tags, licence: together they cost more than
    the rest).  trafilatura's heuristics answer only when the page declares
    nothing: ``extract_title`` (one ``<h1>``, ``<title>``, ...), ``extract_sitename``;
    the author search in the page body is :func:`byline`.
    """
    head = head or page_head(tree)
    title = head.first("og:title", "twitter:title", "title", "dc.title")
    sitename = head.first("og:site_name", "application-name")
    author = _authors(
        v for k in ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author")
        for v in head.meta.get(k, ())
    )
    for item in head.ld:
        title = title or (str(item["headline"]).strip() if isinstance(item.get("headline"), str) else None)
        if author is None and "author" in item:
            author = _authors(_names(item["author"]))
        if sitename is None and "publisher" in item:
            sitename = next(iter(_names(item["publisher"])), None)
    try:
        title = title or tf_metadata.extract_title(tree)
        sitename = sitename or tf_metadata.extract_sitename(tree)
    except Exception:  # pathological markup: no metadata rather than no article
        pass
    if sitename:
        sitename = html_lib.unescape(sitename).strip().lstrip("@") or None
    if not sitename and url and (m := _URL_SITE.match(url)):
        sitename = m.group(1).lower()  # as trafilatura does: the host, without www.
    title = html_lib.unescape(title) if title and "&" in title else title
    return PageMetadata(title=(title or "").strip() or None, author=author, sitename=sitename)


def byline(tree: lxml_html.HtmlElement) -> str | None:
    """The author named in the page body (trafilatura's author search); prunes ``tree`` in place."""
    try:
        pruned = tf_htmlprocessing.prune_unwanted_nodes(tree, tf_xpaths.AUTHOR_DISCARD_XPATHS)
        found = tf_metadata.extract_metainfo(pruned, tf_xpaths.AUTHOR_XPATHS, len_limit=120)
    except Exception:
        return None
    return _authors([found]) if found else None


def _htmldate(tree: lxml_html.HtmlElement, url: str | None) -> str | None:
    try:
        return find_date(tree, url=url, **set_date_params(True))
    except Exception:
        return None


def extract(
    html: str,
    *,
    url: str | None = None,
    feed_title: str | None = None,
    feed_summary: str | None = None,
    feed_date: datetime | None = None,
    min_body_chars: int = 200,
    now: datetime | None = None,
) -> Content:
    """Extract the article from a decoded HTML page (pure: no I/O)."""
    doc: Any = None
    tree = None
    text = ""
    fast = True
    meta = PageMetadata()
    head = PageHead()
    if html and html.strip() and not _garbage(html):
        tree = _parse(html)
        if tree is not None:
            head = page_head(tree)
            meta = page_metadata(tree, head, url)
            # trafilatura's second opinion (readability + justext) only pays off on old
            # table layouts (bench/extraction.py: legacy_table F1 0.71 without it, every
            # other layout identical); elsewhere it is a third of the extraction time
            fast = flatten_layout_tables(tree) == 0
            prune_boilerplate(tree)
        doc = _run(tree if tree is not None else _CONTROL.sub(" ", html), url, fast=fast)
    sitename = meta.sitename
    page_title = meta.title
    title = clean_title(page_title or feed_title, sitename)
    titles = (title, page_title, feed_title)
    if doc is not None:
        text = clean_body(getattr(doc, "text", None) or "", titles)
        if len(text) < min_body_chars and tree is not None:
            retry = _run(tree, url, fast=False, recall=True)
            retry_text = clean_body(getattr(retry, "text", None) or "", titles)
            if len(retry_text) > len(text):
                text = retry_text
    if len(_WORD.findall(text)) < 2:
        text = ""  # punctuation or a stray word is not a body
    method = "trafilatura"
    if len(text) < min_body_chars and feed_summary:
        summary = _TAGS.sub(" ", feed_summary)
        summary = re.sub(r"\s+", " ", summary).strip()
        if len(summary) > len(text):
            text, method = summary, "feed_summary"
    if not text:
        method = "none"

    published: datetime | None = None
    source: str | None = None
    if plausible(feed_date, now=now):
        published, source = feed_date, "feed"
    if published is None and tree is not None:
        dt, src = page_date(tree, head)
        if plausible(dt, now=now):
            published, source = dt, src
    guess = _htmldate(tree, url) if published is None and tree is not None else None
    if published is None and guess:
        dt = _parse_iso(str(guess))
        if plausible(dt, now=now, guessed=True):
            published, source = dt, "htmldate"
    return Content(
        title=title,
        text=text,
        published_at=published.astimezone(UTC) if published else None,
        date_source=source,
        author=meta.author or (byline(tree) if tree is not None and text else None),
        sitename=sitename,
        method=method,  # type: ignore[arg-type]
    )
