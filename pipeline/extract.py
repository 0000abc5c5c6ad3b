"""Extraction: HTML → title, body, date, author with trafilatura.

Dates: the feed's date first, then the page's own machine-readable date
(``article:published_time``, JSON-LD ``datePublished``), then trafilatura's
htmldate guess; implausible dates (future, before 1990, a bare -01-01 from
htmldate) are rejected.  ``date_source`` tells which one won.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime, timedelta

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import DEFAULT_CONFIG

from pipeline.models import Content

_CONFIG = copy.deepcopy(DEFAULT_CONFIG)
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work in worker threads
_CONFIG.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "150")

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»«]\s+")
_TAGS = re.compile(r"<[^>]+>")


def clean_title(title: str | None, sitename: str | None = None) -> str | None:
    """Drop a site-name suffix or prefix such as ``" | بوابة الوسط"``."""
    if not title:
        return None
    title = _TAGS.sub("", title).strip()
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        if sitename and any(sitename.strip() and sitename.strip() in p for p in (parts[0], parts[-1])):
            parts = [p for p in parts if sitename.strip() not in p] or parts
        else:
            # the longest segment is the headline; site names are short
            longest = max(parts, key=len)
            if len(longest) >= 0.5 * len(title):
                parts = [longest]
        title = " - ".join(parts)
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
        dt = datetime.fromisoformat(m.group(1))
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def page_date(tree: lxml_html.HtmlElement) -> tuple[datetime | None, str | None]:
    """The page's declared publication date: meta tags, then JSON-LD."""
    for prop in ("article:published_time", "og:article:published_time", "datePublished", "pubdate"):
        for node in tree.xpath(f'//meta[@property="{prop}" or @name="{prop}" or @itemprop="{prop}"]/@content'):
            dt = _parse_iso(str(node))
            if dt:
                return dt, "meta:" + prop
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "datePublished" in item:
                    dt = _parse_iso(str(item["datePublished"]))
                    if dt:
                        return dt, "json-ld"
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return None, None


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
    doc = None
    tree = None
    if html and html.strip():
        try:
            tree = lxml_html.fromstring(html)
        except (ValueError, lxml_html.etree.ParserError):
            tree = None
        doc = trafilatura.bare_extraction(
            tree if tree is not None else html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
            config=_CONFIG,
        )
    text = (getattr(doc, "text", None) or "").strip()
    sitename = getattr(doc, "sitename", None)
    title = clean_title(getattr(doc, "title", None) or feed_title, sitename)
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
        dt, src = page_date(tree)
        if plausible(dt, now=now):
            published, source = dt, src
    if published is None and doc is not None and getattr(doc, "date", None):
        dt = _parse_iso(str(doc.date))
        if plausible(dt, now=now, guessed=True):
            published, source = dt, "htmldate"
    return Content(
        title=title,
        text=text,
        published_at=published.astimezone(UTC) if published else None,
        date_source=source,
        author=getattr(doc, "author", None) or None,
        sitename=sitename,
        method=method,  # type: ignore[arg-type]
    )
