"""Feed parsing: bytes we fetched ourselves → typed feed entries.

feedparser is always given bytes plus the response headers (given a string it
would open local paths or fetch URLs on its own).  Sitemaps (``urlset``,
``sitemapindex``, Google News sitemaps) are parsed with lxml, entities and
network access off.
"""

from __future__ import annotations

import calendar
import email.utils
import re
from datetime import UTC, datetime

import feedparser
from lxml import etree

from pipeline.errors import FeedError
from pipeline.models import FeedEntry

_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_REPLACEMENT_REF = b"&#xFFFD;"


def _code_point(m: re.Match[bytes]) -> int:
    hexa, dec = m.group(1), m.group(2)
    digits = (hexa or dec).lstrip(b"0") or b"0"
    if len(digits) > 8:  # far past U+10FFFF (and int() of a huge digit string is slow or refused)
        return 0x110000
    return int(digits, 16) if hexa is not None else int(digits)


def fix_char_refs(content: bytes) -> bytes:
    """Numeric character references that are not characters, made harmless before feedparser sees
    them: a UTF-16 surrogate pair written as two references (some CMSes write emoji so) becomes the
    one character it encodes; a lone surrogate, NUL, or a number past U+10FFFF becomes U+FFFD.
    feedparser raised on them, which lost every entry of the feed for one bad title.  Only
    ASCII-compatible encodings are touched (a UTF-16 body has no ASCII ``&#``)."""
    if b"&#" not in content:
        return content
    out: list[bytes] = []
    pos = 0
    matches = list(_CHAR_REF.finditer(content))
    skip = -1
    for k, m in enumerate(matches):
        if k == skip:
            continue
        cp = _code_point(m)
        if 0xD800 <= cp <= 0xDBFF and k + 1 < len(matches) and matches[k + 1].start() == m.end():
            low = _code_point(matches[k + 1])
            if 0xDC00 <= low <= 0xDFFF:
                out += [content[pos : m.start()], b"&#x%X;" % (0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00))]
                pos, skip = matches[k + 1].end(), k + 1
                continue
        if cp == 0 or 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
            out += [content[pos : m.start()], _REPLACEMENT_REF]
            pos = m.end()
    out.append(content[pos:])
    return b"".join(out)


def _with_offset(instant: datetime, raw: object) -> datetime:
    """``instant`` in the UTC offset the feed wrote (the calendar day its readers saw), when the raw
    string says the same instant; else in UTC."""
    if not isinstance(raw, str) or not raw.strip():
        return instant
    text = raw.strip()
    try:
        written = email.utils.parsedate_to_datetime(text)  # RSS: "Tue, 21 Jul 2015 01:30:00 +0300"
    except (TypeError, ValueError, IndexError):
        try:
            written = datetime.fromisoformat(text.replace("Z", "+00:00"))  # Atom: RFC 3339
        except ValueError:
            return instant
    if written.tzinfo is None or written != instant:
        return instant
    return written


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published", "updated", "created"):
        value = entry.get(key + "_parsed")
        if value:
            try:
                instant = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, TypeError):
                continue
            return _with_offset(instant, entry.get(key))
    return None


def parse_feed(
    content: bytes, *, source_id: str, feed_url: str, headers: dict[str, str] | None = None
) -> list[FeedEntry]:
    """Parse RSS/Atom bytes.  Raises :class:`FeedError` when nothing usable is there."""
    if not content.strip():
        raise FeedError(f"empty feed body from {feed_url}")
    head = content.lstrip()[:2048].lower()
    if b"<!entity" in head or re.search(rb"<!doctype[^>\[]*\[", head):
        raise FeedError(f"feed {feed_url} declares entities (refused: entity expansion attack)")
    if b"<urlset" in head or b"<sitemapindex" in head:
        return parse_sitemap(content, source_id=source_id, feed_url=feed_url)
    try:
        parsed = feedparser.parse(fix_char_refs(content), response_headers=headers or {}, resolve_relative_uris=False,
                                  sanitize_html=True)
    except Exception as exc:  # feedparser's loose parser lets odd errors out (bad character references)
        raise FeedError(f"unparsable feed {feed_url}: {exc.__class__.__name__}: {exc}") from exc
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"malformed feed {feed_url}: {parsed.get('bozo_exception')}")
    entries: list[FeedEntry] = []
    for e in parsed.entries:
        link = (e.get("link") or "").strip()
        if not link:
            for lk in e.get("links", []):
                if (lk.get("href") or "").strip():
                    link = lk["href"].strip()
                    break
        if not link:
            continue
        author = e.get("author") or None
        entries.append(
            FeedEntry(
                source_id=source_id,
                feed_url=feed_url,
                url=link.strip(),
                title=(e.get("title") or "").strip() or None,
                summary=(e.get("summary") or "").strip() or None,
                published=_entry_date(e),
                author=author,
                guid=e.get("id") or None,
            )
        )
    if not entries and not parsed.get("feed"):
        raise FeedError(f"no feed found at {feed_url} (is it HTML?)")
    return entries


def sitemap_children(content: bytes) -> list[tuple[str, datetime | None]] | None:
    """For a sitemap index, its child sitemaps with their ``lastmod``; None for anything else."""
    head = content.lstrip()[:2048].lower()
    if b"<sitemapindex" not in head:
        return None
    try:
        root = etree.fromstring(content, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed sitemap index: {exc}") from exc
    out: list[tuple[str, datetime | None]] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = lastmod = None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = _iso(child.text)
        if loc:
            out.append((loc, lastmod))
    return out


def _iso(text: str | None) -> datetime | None:
    if not text or not text.strip():
        return None
    try:
        dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def parse_sitemap(content: bytes, *, source_id: str, feed_url: str) -> list[FeedEntry]:
    """Parse a sitemap or Google News sitemap into entries (child sitemaps as entries too)."""
    try:
        root = etree.fromstring(content, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed sitemap {feed_url}: {exc}") from exc
    out: list[FeedEntry] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = title = None
        published: datetime | None = None
        for child in node.iter():
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            text = (child.text or "").strip()
            if tag == "loc" and loc is None:
                loc = text
            elif tag in {"publication_date", "lastmod"} and text and published is None:
                published = _iso(text)
            elif tag == "title" and text:
                title = text
        if loc:
            out.append(FeedEntry(source_id=source_id, feed_url=feed_url, url=loc, title=title, published=published))
    return out
