"""Boilerplate around and inside article bodies, as data (``pipeline/data/boilerplate.yaml``).

Two places:

* before trafilatura, on the parsed page (:func:`prepare`): layout tables flattened to
  ``div``s, author boxes, short blocks made only of links (a related headline or card put
  inside the body), embedded tweets and scrolling tickers;
* after it, on the extracted text (:func:`clean_body`): whole lines that are not article
  text (in-body teasers, copyright, share/tag/comment labels, tickers, UI words, the
  headline repeated at the top).

A line pattern only ever drops a whole, short line, anchored at its start or short
enough that it cannot be a sentence of the article; the file says which kind each is.
Each pattern and DOM rule has an id, so a caller (``bench/extraction.py``) can switch any
of them off: :class:`Filters` is the set in use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from lxml import html as lxml_html

from pipeline.normalize import normalize

DATA = Path(__file__).resolve().parent / "data" / "boilerplate.yaml"
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff]+")
_LIST_ITEM = ("- ", "• ", "* ")
_LINE_KINDS = {"teaser", "prefix", "contains", "words", "heading_block", "separated", "headline", "byline", "date_only"}


class BoilerplateError(ValueError):
    """The patterns file is malformed."""


def normalize_regex(regex: str) -> str:
    """Normalize the Arabic letters of a regex (leaving its syntax alone), so patterns are written as printed."""
    return _ARABIC_RUN.sub(lambda m: normalize(m.group()), regex)


@dataclass(frozen=True)
class LinePattern:
    id: str
    kind: str
    regex: re.Pattern[str] | None = None
    max_tokens: int = 25
    words: frozenset[str] = frozenset()
    separators: tuple[str, ...] = ()
    min_parts: int = 3
    max_part_tokens: int = 25

    def parts(self, norm: str) -> int:
        """How many short parts a ticker-like line has (0 if it is not one)."""
        for sep in self.separators:
            if sep in norm:
                pieces = [p.strip() for p in norm.split(sep)]
                pieces = [p for p in pieces if p]
                sentences = sum(p.endswith((".", "!", "؟", "?")) for p in pieces)
                if (len(pieces) >= self.min_parts and sentences <= 1
                        and all(len(p.split()) <= self.max_part_tokens for p in pieces)):
                    return len(pieces)  # headlines, not sentences
        return 0


@dataclass(frozen=True)
class Patterns:
    lines: tuple[LinePattern, ...]
    dom: dict[str, dict[str, Any]]

    @property
    def line_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.lines)

    @property
    def dom_ids(self) -> tuple[str, ...]:
        return tuple(self.dom)


def _line_pattern(spec: Any) -> LinePattern:
    if not isinstance(spec, dict):
        raise BoilerplateError(f"line pattern {spec!r}: expected a mapping")
    pid, kind = spec.get("id"), spec.get("kind")
    if not pid or kind not in _LINE_KINDS:
        raise BoilerplateError(f"line pattern {spec!r}: needs an id and a kind among {sorted(_LINE_KINDS)}")
    regex = None
    if kind in {"teaser", "prefix", "contains"}:
        if not spec.get("regex"):
            raise BoilerplateError(f"line pattern {pid}: kind {kind} needs a regex")
        src = normalize_regex(spec["regex"])
        try:
            regex = re.compile(src if kind == "contains" else r"^[\s\-–•*»«\"'(\[]*(?:" + src + ")")
        except re.error as exc:
            raise BoilerplateError(f"line pattern {pid}: bad regex: {exc}") from exc
    words: frozenset[str] = frozenset()
    if kind in {"words", "heading_block"}:
        items = spec.get("words") if kind == "words" else spec.get("headings")
        if not items:
            raise BoilerplateError(f"line pattern {pid}: kind {kind} needs a list")
        words = frozenset(normalize(str(w)) for w in items)
    return LinePattern(
        id=str(pid), kind=str(kind), regex=regex, max_tokens=int(spec.get("max_tokens", 25)), words=words,
        separators=tuple(str(s) for s in spec.get("separators", ())), min_parts=int(spec.get("min_parts", 3)),
        max_part_tokens=int(spec.get("max_part_tokens", 25)),
    )


def load_patterns(path: Path = DATA, *, include_disabled: bool = False) -> Patterns:
    """The patterns of ``path``; those marked ``enabled: false`` only with ``include_disabled``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BoilerplateError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise BoilerplateError(f"{path}: expected a mapping with line_patterns and dom_rules")
    specs = [s for s in data.get("line_patterns") or [] if include_disabled or s.get("enabled", True)]
    lines = tuple(_line_pattern(s) for s in specs)
    ids = [p.id for p in lines]
    if len(set(ids)) != len(ids):
        raise BoilerplateError(f"{path}: duplicate line pattern ids")
    dom = {str(k): dict(v or {}) for k, v in (data.get("dom_rules") or {}).items()
           if include_disabled or (v or {}).get("enabled", True)}
    unknown = set(dom) - set(_DOM_RULES)
    if unknown:
        raise BoilerplateError(f"{path}: unknown DOM rules {sorted(unknown)}")
    return Patterns(lines=lines, dom=dom)


@lru_cache(maxsize=2)
def patterns(include_disabled: bool = False) -> Patterns:
    return load_patterns(include_disabled=include_disabled)


@dataclass(frozen=True)
class Filters:
    """Which DOM rules and line patterns are on (None: all in the file)."""

    dom: frozenset[str] | None = None
    lines: frozenset[str] | None = None

    def dom_on(self, rule: str) -> bool:
        return self.dom is None or rule in self.dom

    def line_on(self, pid: str) -> bool:
        return self.lines is None or pid in self.lines


ALL = Filters()


# ---------------------------------------------------------------------------
# before trafilatura: the page

_TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th"}


def _layout_table(table: lxml_html.HtmlElement, long_cell: int) -> bool:
    """A table used for page layout rather than data: it nests tables or forms, or a cell holds prose."""
    if table.xpath(".//table|.//form"):
        return True
    return any(len(cell.text_content()) >= long_cell for cell in table.iter("td", "th"))


def layout_tables(tree: lxml_html.HtmlElement, long_cell: int = 300) -> list[lxml_html.HtmlElement]:
    """The outermost tables used for page layout."""
    return [t for t in tree.iter("table")
            if _layout_table(t, long_cell) and not any(a.tag == "table" for a in t.iterancestors())]


def flatten_layout_tables(tree: lxml_html.HtmlElement, long_cell: int = 300) -> int:
    """Rename layout tables, with every table nested in them, to ``div``s in place; return how many
    outermost layout tables there were.  A table standing alone in the article (data) is kept."""
    outer = layout_tables(tree, long_cell)
    for table in outer:
        for el in list(table.iter(*_TABLE_PARTS)):
            el.tag = "div"
    return len(outer)


def _drop(elements: Iterable[lxml_html.HtmlElement]) -> int:
    n = 0
    for el in list(elements):
        if el.getparent() is not None:
            el.drop_tree()
            n += 1
    return n


def _author_boxes(tree: lxml_html.HtmlElement, spec: dict[str, Any]) -> int:
    rx = _class_regex(spec.get("class_regex", "$^"))
    return _drop(el for el in tree.iter("div", "section", "aside") if (cls := el.get("class")) and rx.search(cls))


@lru_cache(maxsize=8)
def _class_regex(src: str) -> re.Pattern[str]:
    return re.compile(src, re.I)


_BLOCKS = ("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "section", "aside")


def _link_only_blocks(tree: lxml_html.HtmlElement, spec: dict[str, Any]) -> int:
    """Short blocks whose every word is inside a link, innermost first: a headline inserted into the body
    ("<p><a>…</a></p>", a card of label + headline inside one <a>).  A block inside a link counts too."""
    limit = int(spec.get("max_chars", 400))
    drop = []
    for el in tree.xpath("//a[normalize-space()]"):
        # climb from the link to the largest block whose text is all link text
        block = None
        node = el.getparent()
        linked = " ".join(el.text_content().split())
        while node is not None and node.tag not in ("body", "html", "article", "main"):
            text = " ".join(node.text_content().split())
            if len(text) > limit:
                break
            link_text = " ".join(" ".join(a.text_content() for a in node.iter("a")).split())
            if link_text != text:
                break
            if node.tag in _BLOCKS and len(node.xpath(".//a")) == 1:
                block = node
            node = node.getparent()
        parent = el.getparent()
        # a card: <a class=…><div>label</div><h4>headline</h4></a> directly inside the body
        if (block is None and parent is not None and parent.tag in ("div", "section", "article")
                and len(linked) <= limit and el.xpath(".//div|.//h2|.//h3|.//h4|.//p|.//span")):
            block = el
        if block is not None:
            drop.append(block)
    return _drop(drop)


_IMAGES = ("img", "picture", "amp-img", "video", "amp-video")
_CAPTION_HOLDERS = {"figure", "div", "span", "td", "center", "font", "section"}


def _figure_captions(tree: lxml_html.HtmlElement, spec: dict[str, Any]) -> int:
    """An image with its caption: the smallest block around an image that holds text, when that text is
    short and links nowhere (a photo and "صورة أرشيفية", "(أ ف ب)", a credit)."""
    limit = int(spec.get("max_chars", 160))
    drop = []
    for img in tree.iter(*_IMAGES):
        node = img.getparent()
        while node is not None and node.tag not in ("body", "html") and not node.text_content().strip():
            node = node.getparent()
        if node is None or node.tag not in _CAPTION_HOLDERS:
            continue  # a <p> with an image and a few words is a paragraph
        text = " ".join(node.text_content().split())
        if (len(text) <= limit and not node.xpath(".//a[normalize-space()]")
                and not node.xpath(".//p[string-length(normalize-space()) > 200]")):
            drop.append(node)
    return _drop(drop)


def _embeds(tree: lxml_html.HtmlElement, spec: dict[str, Any]) -> int:
    return _drop(tree.xpath(spec.get("xpath", "//marquee")))


_DOM_RULES = {
    "flatten_tables": lambda tree, spec: flatten_layout_tables(tree, int(spec.get("long_cell", 300))),
    "author_box": _author_boxes,
    "link_only_block": _link_only_blocks,
    "embeds": _embeds,
    "figure_captions": _figure_captions,
}


def prepare(tree: lxml_html.HtmlElement, filters: Filters = ALL, pats: Patterns | None = None) -> dict[str, int]:
    """Apply the DOM rules in place, in file order; returns what each did (tables flattened, blocks dropped)."""
    pats = pats or patterns()
    done: dict[str, int] = {}
    for rule, spec in pats.dom.items():
        if filters.dom_on(rule):
            done[rule] = _DOM_RULES[rule](tree, spec)
    return done


# ---------------------------------------------------------------------------
# after trafilatura: the lines


def line_verdicts(text: str, titles: Iterable[str | None] = (), filters: Filters = ALL,
                  pats: Patterns | None = None, author: str | None = None) -> list[tuple[str, str | None]]:
    """Every non-empty line of ``text`` with the id of the pattern that drops it (None: kept).
    ``titles``: the headline as the page gives it (any variants); ``author``: the byline's name."""
    pats = pats or patterns()
    by = normalize(author or "")
    heads = {normalize(t) for t in titles if t}
    heads.discard("")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out: list[tuple[str, str | None]] = []
    on = [p for p in pats.lines if filters.line_on(p.id)]
    start = 0
    headline = next((p for p in on if p.kind == "headline"), None)
    if headline and heads:
        # page chrome above the headline (kicker, section) and the headline itself
        for k, line in enumerate(lines[:3]):
            if normalize(line) in heads and all(len(x.split()) <= 6 for x in lines[:k]):
                out.extend((x, headline.id) for x in lines[: k + 1])
                start = k + 1
                break
    skip_next: str | None = None
    in_list: str | None = None
    for pos, line in enumerate(lines[start:]):
        norm = normalize(line)
        toks = norm.split()
        if skip_next:
            out.append((line, skip_next))
            skip_next = None
            continue
        if in_list:
            if line.startswith(_LIST_ITEM) and len(toks) <= 40:
                out.append((line, in_list))  # an item of the headline list after a teaser label
                continue
            in_list = None
        verdict = None
        for p in on:
            if p.kind == "byline":
                if (by and pos < 3 and norm.startswith(by) and len(toks) - len(by.split()) <= p.max_tokens
                        and not _sentence(norm)):
                    verdict = p.id
                    break
                continue
            if _matches(p, norm, toks):
                verdict = p.id
                if p.kind == "heading_block":
                    skip_next = p.id
                elif p.kind == "teaser" and p.regex is not None:
                    m = p.regex.match(norm)
                    if m and len(norm[m.end():].strip(" :-–.»«\"'()[]")) <= 8:
                        in_list = p.id
                break
        out.append((line, verdict))
    return out


def _matches(p: LinePattern, norm: str, toks: list[str]) -> bool:
    if not toks:
        return True
    if p.kind in ("teaser", "prefix"):
        return len(toks) <= p.max_tokens and p.regex is not None and p.regex.match(norm) is not None
    if p.kind == "contains":
        return len(toks) <= p.max_tokens and p.regex is not None and p.regex.search(norm) is not None
    if p.kind == "words":
        return all(t in p.words for t in toks)
    if p.kind == "heading_block":
        return norm.strip(" :") in p.words
    if p.kind == "separated":
        return p.parts(norm) > 0
    if p.kind == "date_only":
        return _date_only(norm, p.max_tokens)
    return False


_WEEKDAYS = frozenset(normalize(d) for d in ("الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
                                             "الأحد", "اليوم", "أمس", "الموافق", "هـ", "م", "ص", "مساء", "صباحا"))
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|[|\-–/،,:.()]+")


def _sentence(norm: str) -> bool:
    return norm.rstrip().endswith((".", "!", "؟", "?"))


def _date_only(norm: str, max_left: int) -> bool:
    """A printed date (or "منذ ساعتين") with at most ``max_left`` other words (a label, a place), not a
    sentence ("في 21 يوليو 2015 بدأ الإضراب." is kept)."""
    from pipeline.dates import date_spans

    if _sentence(norm):
        return False
    spans = date_spans(norm)
    if not spans:
        return False
    rest = norm
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    left = [t for t in _CLOCK.sub(" ", rest).split() if t not in _WEEKDAYS]
    return len(left) <= max_left


def clean_body(text: str, titles: Iterable[str | None] = (), filters: Filters = ALL,
               pats: Patterns | None = None, author: str | None = None) -> str:
    """Drop the lines of an extracted body that are not article text."""
    return "\n".join(line for line, v in line_verdicts(text, titles, filters, pats, author) if v is None)
