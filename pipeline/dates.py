"""Publication dates: the feed's, the page's declared one, the one printed under the headline, htmldate's guess.

Each source is a function of the page; :func:`find_date` tries them in the order the
extraction settings give (``pipeline/data/extraction.yaml``, chosen leave-one-family-out by
``bench/extraction.py``) and keeps the first plausible answer:

* ``feed``: the feed entry's date;
* ``declared``: what the page declares for machines: ``article:published_time`` and other
  meta tags, JSON-LD ``datePublished``, ``itemprop="datePublished"``, ``<time pubdate>``;
* ``visible``: the date printed near the headline, in the ways Arabic sites print it:
  Egyptian/Gulf (يوليو), Levantine (تموز, "تموز/يوليو"), Maghrebi (جويلية, يوليوز), Libyan
  (ناصر) month names, Arabic-Indic digits, d/m/Y, a Hijri date beside the Gregorian one
  (the Gregorian one is read); a date labelled "آخر تحديث" is not the publication date;
* ``htmldate``: trafilatura's own date search (htmldate, extensive, original date), except a
  bare January 1st (what htmldate answers when it only found a year);
* ``relative``: "منذ ساعتين", "أمس" under the headline, counted back from the fetch time.

A date keeps the UTC offset the page gives it (the calendar day readers saw); a UTC ("Z")
timestamp takes the offset of the local time printed beside it when there is one
(``local_offset``).  Dates in the future (after ``now``, the fetch time) or before 1990 are
implausible, and so is a declared midnight of January 1st (a CMS placeholder) unless
nothing else answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from lxml import html as lxml_html

from pipeline.normalize import normalize

SOURCES = ("feed", "declared", "visible", "htmldate", "relative")


def plausible(when: datetime | None, *, now: datetime | None = None, guessed: bool = False) -> bool:
    if when is None:
        return False
    now = now or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if when > now + timedelta(days=1) or when.year < 1990:
        return False
    # htmldate falls back to January 1st when it only found a year ("14 أيار 2024")
    return not (guessed and when.month == 1 and when.day == 1)


def _placeholder(when: datetime) -> bool:
    """Midnight of January 1st: what a CMS declares when nobody set the date."""
    return when.month == 1 and when.day == 1 and when.hour == 0 and when.minute == 0


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 date or timestamp, offset kept (none: UTC)."""
    if not value:
        return None
    value = value.strip()
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
        if not m:
            return None
        try:
            dt = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


# ---------------------------------------------------------------------------
# declared

_META_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "article.published", "dc.date.issued",
    "dcterms.issued", "dc.date", "parsely-pub-date", "sailthru.date", "date",
)
_ARTICLE_TYPES = re.compile(r"article|posting|report", re.I)


def declared_date(tree: lxml_html.HtmlElement, meta: dict[str, list[str]],
                  ld: list[dict[str, Any]]) -> tuple[datetime | None, str | None]:
    """The publication date the page declares for machines: meta tags, JSON-LD, microdata."""
    for key in _META_KEYS:
        for value in meta.get(key, ()):
            dt = parse_iso(value)
            if dt:
                return dt, "meta:" + key
    # JSON-LD: an article's datePublished before any other node's
    for want_article in (True, False):
        for item in ld:
            if "datePublished" not in item:
                continue
            types = item.get("@type")
            is_article = any(_ARTICLE_TYPES.search(str(t)) for t in (types if isinstance(types, list) else [types]))
            if is_article == want_article:
                dt = parse_iso(str(item["datePublished"]))
                if dt:
                    return dt, "json-ld"
    for el in tree.xpath('//*[@itemprop="datePublished"] | //time[@pubdate] | //abbr[contains(@class, "published")]'):
        dt = parse_iso(el.get("datetime") or el.get("content") or el.get("title"))
        if dt:
            return dt, "microdata"
    return None, None


# ---------------------------------------------------------------------------
# visible: dates printed on the page, in Arabic

_MONTH_NAMES: dict[int, list[str]] = {
    1: ["يناير", "كانون الثاني", "جانفي", "أي النار", "اي النار"],
    2: ["فبراير", "شباط", "فيفري", "النوار"],
    3: ["مارس", "آذار", "الربيع"],
    4: ["أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل", "الطير"],
    5: ["مايو", "أيار", "ماي", "الماء"],
    6: ["يونيو", "يونيه", "حزيران", "جوان", "الصيف"],
    7: ["يوليو", "يوليه", "تموز", "جويلية", "جويليه", "يوليوز", "ناصر"],
    8: ["أغسطس", "اغسطس", "آب", "أوت", "اوت", "غشت", "هانيبال"],
    9: ["سبتمبر", "أيلول", "شتنبر", "الفاتح"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "التمور"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر", "الحرث"],
    12: ["ديسمبر", "كانون الأول", "دجنبر", "الكانون"],
}
_MONTHS = {normalize(name): m for m, names in _MONTH_NAMES.items() for name in names}
_MONTH_RX = "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True))
_SEP = r"[\s,،\-/]*"
_NAMED = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?({_MONTH_RX})(?:\s*[/(\-]\s*(?:{_MONTH_RX})\s*\)?)?{_SEP}((?:19|20)\d\d)(?!\d)"
)
_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d\d)(?![\d/.\-])")
_YMD = re.compile(r"(?<![\d/.\-])((?:19|20)\d\d)[/.\-](\d{1,2})[/.\-](\d{1,2})(?![\d/.\-])")
_HIJRI_MONTHS = "|".join(normalize(m) for m in (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة", "جمادى الثانية",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"))
_HIJRI = re.compile(rf"(?<!\d)\d{{1,2}}\s*(?:{_HIJRI_MONTHS})\s*\d{{4}}\s*(?:ه|هـ)?")
_TIME = re.compile(r"^[\s,،\-|:]*(?:الساعه\s*)?(\d{1,2}):(\d{2})(?::\d{2})?\s*(ص|صباحا|م|مساء|am|pm)?", re.I)
_UPDATED = re.compile(r"(?:تحديث|حدث|محدث|عدل|تعديل|updated?|modified)\W*(?:\w+\W*){0,3}$", re.I)
_PUBLISHED = re.compile(r"(?:نشر|تاريخ النشر|بتاريخ|published|posted)\W*(?:\w+\W*){0,3}$", re.I)
_RELATIVE = re.compile(
    r"منذ\s+(?:(\d+)\s+)?(دقيقتين|دقيقه|دقائق|ساعتين|ساعه|ساعات|يومين|يوم|ايام)|(?<!\w)(امس)(?!\w)"
)
_SKIP = {"script", "style", "noscript", "template", "head", "select", "option", "textarea"}


@dataclass(frozen=True)
class Printed:
    when: datetime  # the day, with the printed time when there is one (the site's local time, offset unknown)
    pos: int
    label: str | None  # "published", "updated" or None
    has_time: bool


def _page_text(tree: lxml_html.HtmlElement, title: str | None) -> tuple[str, int]:
    """The page's visible text in document order (normalized, one line) and where the headline starts
    in it: the first ``<h1>`` (or an ``<h2>`` holding the title), else the title's first occurrence."""
    parts: list[str] = []
    size = 0
    anchor = -1
    norm_title = normalize(title or "")

    def add(text: str | None) -> None:
        nonlocal size
        if text and (norm := normalize(text)):
            parts.append(norm)
            size += len(norm) + 1

    def walk(el: lxml_html.HtmlElement) -> None:
        nonlocal anchor
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if anchor < 0 and tag in ("h1", "h2"):
            text = normalize(el.text_content())
            if text and (tag == "h1" or text == norm_title):
                anchor = size
        add(el.text)
        for child in el:
            walk(child)
            add(child.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    text = " ".join(parts)
    if anchor < 0 and norm_title:
        anchor = text.find(norm_title)
    return text, anchor


def date_spans(norm: str) -> list[tuple[int, int]]:
    """Where dates (Gregorian, Hijri, relative) are printed in a normalized line."""
    spans: list[tuple[int, int]] = []
    for rx in (_NAMED, _YMD, _DMY, _HIJRI, _RELATIVE):
        for m in rx.finditer(norm):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return spans


def printed_dates(text: str, *, now: datetime) -> list[Printed]:
    """Every Gregorian date printed in ``text`` (normalized), with its label and time if any."""
    found: list[Printed] = []
    spans: list[tuple[int, int]] = []
    for rx, order in ((_NAMED, "dmy_named"), (_YMD, "ymd"), (_DMY, "dmy")):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            try:
                if order == "dmy_named":
                    d = date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
                elif order == "ymd":
                    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                else:
                    d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except (ValueError, KeyError):
                continue
            spans.append((m.start(), m.end()))
            hour = minute = 0
            t = _TIME.match(text[m.end(): m.end() + 30])
            has_time = bool(t) and int(t.group(1)) < 24 and int(t.group(2)) < 60 if t else False
            if t and has_time:
                hour, minute = int(t.group(1)), int(t.group(2))
                ampm = (t.group(3) or "").lower()
                if ampm in ("م", "مساء", "pm") and hour < 12:
                    hour += 12
                elif ampm in ("ص", "صباحا", "am") and hour == 12:
                    hour = 0
            before = text[max(0, m.start() - 45): m.start()]
            label = "updated" if _UPDATED.search(before) else "published" if _PUBLISHED.search(before) else None
            when = datetime(d.year, d.month, d.day, hour, minute)
            if plausible(when.replace(tzinfo=UTC), now=now):
                found.append(Printed(when=when, pos=m.start(), label=label, has_time=has_time))
    return sorted(found, key=lambda p: p.pos)


def pick_printed(found: Iterable[Printed], anchor: int, *, after: int = 700, before: int = 250) -> Printed | None:
    """The publication date among printed ones: one labelled published; else the first after the headline
    (within ``after`` characters); else the nearest before it (within ``before``).  Never one labelled updated."""
    usable = [p for p in found if p.label != "updated"]
    labelled = [p for p in usable if p.label == "published"]
    if labelled:
        return min(labelled, key=lambda p: abs(p.pos - anchor) if anchor >= 0 else p.pos)
    if anchor < 0:
        return usable[0] if usable else None
    after_ = [p for p in usable if anchor <= p.pos <= anchor + after]
    if after_:
        return after_[0]
    before_ = [p for p in usable if anchor - before <= p.pos < anchor]
    return before_[-1] if before_ else None


def relative_date(text: str, anchor: int, *, now: datetime, after: int = 700) -> datetime | None:
    """"منذ ساعتين" (or "أمس") printed after the headline, counted back from ``now``."""
    start = max(anchor, 0)
    m = _RELATIVE.search(text, start, start + after)
    if not m:
        return None
    if m.group(3):
        return now - timedelta(days=1)
    n = int(m.group(1)) if m.group(1) else 1
    unit = m.group(2)
    if unit in ("دقيقتين", "ساعتين", "يومين"):
        n = 2
    if unit.startswith("دقي") or unit == "دقائق":
        return now - timedelta(minutes=n)
    if unit.startswith("ساع"):
        return now - timedelta(hours=n)
    return now - timedelta(days=n)


def local_offset(declared: datetime, printed: Printed | None) -> datetime:
    """A UTC timestamp in the offset of the local time printed beside it (the day readers saw)."""
    if printed is None or declared.utcoffset() != timedelta(0):
        return declared
    utc = declared.astimezone(UTC).replace(tzinfo=None)
    if printed.has_time:
        delta = printed.when - utc
        minutes = round(delta.total_seconds() / 900) * 15
        if -14 * 60 <= minutes <= 14 * 60 and minutes:
            return declared.astimezone(timezone(timedelta(minutes=minutes)))
        return declared
    days = (printed.when.date() - utc.date()).days
    if days == 1:  # late evening in UTC, the next day where the site is
        hours = 24 - utc.hour
        return declared.astimezone(timezone(timedelta(hours=min(hours, 14))))
    if days == -1:
        return declared.astimezone(timezone(-timedelta(hours=min(utc.hour + 1, 12))))
    return declared


# ---------------------------------------------------------------------------
# htmldate


def htmldate_guess(tree: lxml_html.HtmlElement, url: str | None) -> datetime | None:
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    try:
        found = find_date(tree, url=url, **set_date_params(True))
    except Exception:  # htmldate raises assorted errors on pathological markup
        return None
    return parse_iso(str(found)) if found else None


# ---------------------------------------------------------------------------
# the chain


@dataclass
class DatePage:
    """What the date sources read, computed once and only when a source asks."""

    tree: lxml_html.HtmlElement | None
    meta: dict[str, list[str]]
    ld: list[dict[str, Any]]
    url: str | None
    title: str | None
    feed_date: datetime | None
    now: datetime
    _text: tuple[str, int] | None = None

    def text(self) -> tuple[str, int]:
        if self._text is None:
            self._text = _page_text(self.tree, self.title) if self.tree is not None else ("", -1)
        return self._text

    def printed(self) -> Printed | None:
        text, anchor = self.text()
        return pick_printed(printed_dates(text, now=self.now), anchor)


Answer = tuple[datetime | None, bool, str]  # date, weak (a declared January 1st placeholder), source label


def _feed(page: DatePage) -> Answer:
    return page.feed_date, False, "feed"


def _declared(page: DatePage) -> Answer:
    if page.tree is None:
        return None, False, "declared"
    dt, label = declared_date(page.tree, page.meta, page.ld)
    if dt is not None and dt.utcoffset() == timedelta(0):
        local = local_offset(dt, page.printed())
        if local.utcoffset() != dt.utcoffset():
            dt, label = local, f"{label}+local"
    return dt, bool(dt and _placeholder(dt)), label or "declared"


def _visible(page: DatePage) -> Answer:
    p = page.printed() if page.tree is not None else None
    if p is None:
        return None, False, "text"
    return p.when.replace(tzinfo=UTC), False, "text:published" if p.label else "text"


def _htmldate(page: DatePage) -> Answer:
    dt = htmldate_guess(page.tree, page.url) if page.tree is not None else None
    if dt is not None and dt.month == 1 and dt.day == 1:
        dt = None  # htmldate's answer when it found only a year ("14 أيار 2024" → 2024-01-01)
    return dt, False, "htmldate"


def _relative(page: DatePage) -> Answer:
    if page.tree is None:
        return None, False, "relative"
    text, anchor = page.text()
    return relative_date(text, anchor, now=page.now), False, "relative"


DATE_SOURCES: dict[str, Callable[[DatePage], Answer]] = {
    "feed": _feed, "declared": _declared, "visible": _visible, "htmldate": _htmldate, "relative": _relative,
}


def first_plausible(answers: Iterable[Answer], now: datetime) -> tuple[datetime | None, str | None]:
    """The first plausible answer; a weak one (a declared January 1st placeholder) only when no
    answer is better.  Returns (date, source label)."""
    weak: tuple[datetime, str] | None = None
    for dt, suspicious, label in answers:
        if dt is None or not plausible(dt, now=now):
            continue
        if suspicious:
            weak = weak or (dt, label)
            continue
        return dt, label
    return weak if weak else (None, None)


def find_date(page: DatePage, order: Iterable[str]) -> tuple[datetime | None, str | None]:
    """The publication date from the sources in ``order`` (each asked only if the ones before did not answer)."""
    return first_plausible((DATE_SOURCES[name](page) for name in order), page.now)
