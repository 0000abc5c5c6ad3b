"""Extraction: HTML → title, body, date, author with trafilatura.

The way it runs is data, chosen leave-one-family-out by ``bench/extraction.py`` over
page layouts of the CMS families Arabic news sites use (``pipeline/data/extraction.yaml``;
numbers in ``docs/benchmarks.md``, choices in ``docs/decisions.md``):

* body: trafilatura on the page prepared by :func:`pipeline.boilerplate.prepare` (layout
  tables flattened, link-only blocks, author boxes, embeds and tickers dropped), then the
  line filter :func:`pipeline.boilerplate.clean_body` (teasers, copyright, share bars...,
  patterns in ``pipeline/data/boilerplate.yaml``).  ``path`` says how trafilatura runs:
  its defaults, fast mode, full mode (its own comparison with readability and justext),
  or a cascade: fast, and full when the fast body fails a cheap check (too short, or
  missing most of the text the page declares in JSON-LD ``articleBody`` or its
  description).  A body still shorter than ``min_body_chars`` gets a recall-mode retry,
  then the feed summary (``method="feed_summary"``).
* date: :mod:`pipeline.dates`, sources in the configured order (feed, declared, printed
  under the headline, htmldate, relative), offset kept.
* title, author, site name: :mod:`pipeline.pagemeta`.

Pure: no I/O, no network, no global state (trafilatura's ``deduplicate`` cache is never
used: it would make the result depend on what was extracted before).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import trafilatura
import yaml
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import DEFAULT_CONFIG, Extractor

from pipeline.boilerplate import ALL, Filters, clean_body, flatten_layout_tables, layout_tables, prepare
from pipeline.dates import SOURCES, DatePage, declared_date, find_date, plausible
from pipeline.models import Content
from pipeline.normalize import normalize
from pipeline.pagemeta import (
    PageHead,
    PageMetadata,
    byline,
    clean_title,
    declared_text,
    page_head,
    page_metadata,
)

__all__ = [
    "TRAFILATURA_OPTIONS", "PageHead", "Settings", "clean_body", "clean_title", "extract",
    "flatten_layout_tables", "page_date", "page_head", "page_metadata", "plausible", "settings",
]

SETTINGS_FILE = Path(__file__).resolve().parent / "data" / "extraction.yaml"
PATHS = ("defaults", "fast", "full", "cascade")

_CONFIG = copy.deepcopy(DEFAULT_CONFIG)
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work in worker threads
_CONFIG.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "150")
_DEFAULT_CONFIG = copy.deepcopy(DEFAULT_CONFIG)  # the "defaults" path: trafilatura as it comes
_DEFAULT_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")

# balanced focus (favor_precision drops short real paragraphs, e.g. live-blog entries and
# signatures), comments off (reader comments are not the article), tables on (old layouts
# put the body in a table cell), never deduplicate
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}


class SettingsError(ValueError):
    """``extraction.yaml`` is malformed."""


@dataclass(frozen=True)
class Settings:
    """How the body and the date are extracted (see ``pipeline/data/extraction.yaml``)."""

    path: str = "cascade"
    min_chars: int = 500
    min_cover: float = 0.8
    full_on_tables: bool = True
    dates: tuple[str, ...] = SOURCES
    filters: Filters = field(default=ALL)

    def __post_init__(self) -> None:
        if self.path not in PATHS:
            raise SettingsError(f"path must be one of {PATHS}, not {self.path!r}")
        unknown = set(self.dates) - set(SOURCES)
        if unknown or not self.dates:
            raise SettingsError(f"dates: unknown sources {sorted(unknown)} (known: {SOURCES})")


def load_settings(path: Path = SETTINGS_FILE) -> Settings:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        cascade = data.get("cascade") or {}
        return Settings(path=str(data.get("path", "cascade")), min_chars=int(cascade.get("min_chars", 500)),
                        min_cover=float(cascade.get("min_cover", 0.8)),
                        full_on_tables=bool(cascade.get("full_on_tables", True)),
                        dates=tuple(data.get("dates") or SOURCES))
    except (OSError, yaml.YAMLError, TypeError, ValueError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc


@lru_cache(maxsize=1)
def settings() -> Settings:
    return load_settings()


def page_date(tree: lxml_html.HtmlElement, head: PageHead | None = None) -> tuple[datetime | None, str | None]:
    """The publication date the page declares (meta tags, JSON-LD, microdata)."""
    head = head or page_head(tree)
    return declared_date(tree, head.meta, head.ld)


# ---------------------------------------------------------------------------
# input checks

# C0 controls other than tab/newline/CR are invalid in XML: trafilatura discards a
# tree holding one (seen in real corpus text: a stray U+001A), so they become spaces
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<[A-Za-z!/?]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_TAGS = re.compile(r"<[^>]+>")


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


# ---------------------------------------------------------------------------
# trafilatura


@lru_cache(maxsize=16)
def _extractor(options: tuple[tuple[str, Any], ...], defaults: bool) -> Extractor:
    """trafilatura's options object, built once per set of options (making one re-reads the config)."""
    o = dict(options)
    return Extractor(
        config=_DEFAULT_CONFIG if defaults else _CONFIG, output_format="python", fast=o["fast"],
        precision=o["favor_precision"], recall=o["favor_recall"], comments=o["include_comments"],
        links=o["include_links"], images=o["include_images"], tables=o["include_tables"],
        dedup=o["deduplicate"], with_metadata=False,
    )


_DEFAULTS = {"fast": False, "include_comments": True, "include_tables": True, "include_images": False,
             "include_links": False, "favor_precision": False, "favor_recall": False, "deduplicate": False}


def run_trafilatura(tree: lxml_html.HtmlElement | str, url: str | None, mode: str) -> str:
    """trafilatura's body text alone (metadata is :mod:`pipeline.pagemeta`'s job).

    ``mode``: ``defaults`` (trafilatura's own defaults), ``fast``, ``full``, ``recall`` (full, favor_recall)."""
    if mode == "defaults":
        opts = dict(_DEFAULTS)
    else:
        opts = {"fast": mode == "fast", **TRAFILATURA_OPTIONS}
        if mode == "recall":
            opts.update(favor_precision=False, favor_recall=True)
    options = copy.copy(_extractor(tuple(sorted(opts.items())), mode == "defaults"))
    options.url = options.source = url
    try:
        doc = trafilatura.bare_extraction(tree, url=url, options=options)
    except Exception:  # trafilatura raises assorted errors on pathological markup
        return ""
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _tokens(text: str) -> set[str]:
    return set(normalize(text).split())


def cover(reference: str, text: str) -> float | None:
    """The share of ``reference``'s words found in ``text`` (None when there is no reference)."""
    ref = _tokens(reference)
    if len(ref) < 8:
        return None
    return len(ref & _tokens(text)) / len(ref)


def cascade_fails(text: str, declared_body: str, description: str, s: Settings, tables: int = 0) -> bool:
    """The cheap check of a fast-mode body: too short, missing the text the page declares, or taken
    from a page laid out with tables (``tables``: how many were flattened)."""
    if len(text) < s.min_chars or (tables and s.full_on_tables):
        return True
    c = cover(declared_body, text) if len(declared_body) >= 200 else None
    if c is None:
        c = cover(description, text) if len(description) >= 60 else None
    return c is not None and c < s.min_cover


def choose_body(get: Callable[[str], str], declared_body: str, description: str, s: Settings,
                tables: int = 0) -> tuple[str, str]:
    """The body along ``s.path``; ``get(mode)`` gives the filtered body of one trafilatura mode."""
    if s.path != "cascade":
        return get(s.path), s.path
    text = get("fast")
    if cascade_fails(text, declared_body, description, s, tables):
        return get("full"), "full"
    return text, "fast"


@dataclass
class _Bodies:
    """Filtered bodies of one page, one per trafilatura mode, computed when first asked for."""

    raw: lxml_html.HtmlElement | str
    prepared: lxml_html.HtmlElement | str
    url: str | None
    titles: tuple[str | None, ...]
    filters: Filters
    author: str | None = None
    done: dict[str, str] = field(default_factory=dict)

    def __call__(self, mode: str) -> str:
        if mode not in self.done:
            text = run_trafilatura(self.raw if mode == "defaults" else self.prepared, self.url, mode)
            self.done[mode] = text if mode == "defaults" else clean_body(text, self.titles, self.filters,
                                                                          author=self.author)
        return self.done[mode]


def extract(
    html: str,
    *,
    url: str | None = None,
    feed_title: str | None = None,
    feed_summary: str | None = None,
    feed_date: datetime | None = None,
    min_body_chars: int = 200,
    now: datetime | None = None,
    config: Settings | None = None,
) -> Content:
    """Extract the article from a decoded HTML page (pure: no I/O).

    ``now`` is when the page was fetched (default: now): dates after it are implausible and
    relative ones ("منذ ساعتين") count back from it."""
    s = config or settings()
    now = now or datetime.now(UTC)
    tree = None
    text = ""
    meta = PageMetadata()
    head = PageHead()
    bodies: _Bodies | None = None
    if html and html.strip() and not _garbage(html):
        tree = _parse(html)
        if tree is not None:
            head = page_head(tree)
            meta = page_metadata(tree, head, url)
    title = clean_title(meta.title or feed_title, meta.sitename)
    titles = (title, meta.title, feed_title)
    if html and html.strip() and not _garbage(html):
        raw: lxml_html.HtmlElement | str = tree if tree is not None else _CONTROL.sub(" ", html)
        prepared = raw
        tables = 0
        if tree is not None and s.path != "defaults":
            if s.path == "cascade" and s.full_on_tables:
                tables = len(layout_tables(tree))
            prepared = copy.deepcopy(tree)
            prepare(prepared, s.filters)
        bodies = _Bodies(raw=raw, prepared=prepared, url=url, titles=titles, filters=s.filters, author=meta.author)
        declared_body, description = declared_text(head)
        text, _ = choose_body(bodies, declared_body, description, s, tables)
        if len(text) < min_body_chars and tree is not None and s.path != "defaults":
            retry = bodies("recall")
            if len(retry) > len(text):
                text = retry
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

    when, source = find_date(
        DatePage(tree=tree, meta=head.meta, ld=head.ld, url=url, title=title,
                 feed_date=feed_date if plausible(feed_date, now=now) else None, now=now),
        s.dates,
    )
    return Content(
        title=title,
        text=text,
        published_at=when,
        date_source=source,
        author=meta.author or (byline(tree) if tree is not None and text else None),
        sitename=meta.sitename,
        method=method,  # type: ignore[arg-type]
    )
