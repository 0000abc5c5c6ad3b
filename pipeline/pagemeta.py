"""What a page says about itself: meta tags and JSON-LD read once, title, author, site name.

:func:`page_head` reads every ``<meta>`` and every JSON-LD object of a page in one pass;
:func:`page_metadata` takes the title, author and site name from it (trafilatura's own
heuristics answer only what the page does not declare), :func:`clean_title` drops a
site-name prefix or suffix, :func:`byline` is trafilatura's author search in the body.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html
from trafilatura import htmlprocessing as tf_htmlprocessing
from trafilatura import json_metadata as tf_json
from trafilatura import metadata as tf_metadata
from trafilatura import xpaths as tf_xpaths

from pipeline.normalize import normalize

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
    if not title:
        title, rest = title_from_page(tree)
        sitename = sitename or rest
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


_HEADINGS = ("h1", "h2", "h3", "b", "strong")


def title_from_page(tree: lxml_html.HtmlElement) -> tuple[str | None, str | None]:
    """The headline from ``<title>`` when the page declares none: the part before or after a
    separator ("site - headline", "headline | site") that a heading of the page repeats; and
    the other part, the site name.  (None, None) when no heading repeats a part."""
    raw = " ".join((tree.findtext(".//title") or "").split())
    if not raw:
        return None, None
    seen = {normalize(el.text_content()) for el in tree.iter(*_HEADINGS)}
    seen.discard("")
    for m in _TITLE_SEPARATORS.finditer(raw):
        left, right = raw[: m.start()].strip(), raw[m.end():].strip()
        for head, other in ((left, right), (right, left)):
            if len(head.split()) >= 2 and normalize(head) in seen:
                return head, other if len(other) <= 60 else None
    return None, None


def byline(tree: lxml_html.HtmlElement) -> str | None:
    """The author named in the page body (trafilatura's author search); prunes ``tree`` in place."""
    try:
        pruned = tf_htmlprocessing.prune_unwanted_nodes(tree, tf_xpaths.AUTHOR_DISCARD_XPATHS)
        found = tf_metadata.extract_metainfo(pruned, tf_xpaths.AUTHOR_XPATHS, len_limit=120)
    except Exception:
        return None
    return _authors([found]) if found else None


def declared_text(head: PageHead) -> tuple[str, str]:
    """What the page declares of its own text: JSON-LD ``articleBody`` and its description
    (``og:description``, ``description``, ``twitter:description``, JSON-LD ``description``)."""
    body = ""
    description = head.first("og:description", "description", "twitter:description") or ""
    for item in head.ld:
        value = item.get("articleBody")
        if isinstance(value, str) and len(value) > len(body):
            body = value
        if not description and isinstance(item.get("description"), str):
            description = item["description"]
    return body, description
