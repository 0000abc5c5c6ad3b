"""Pages for ``bench/extraction.py``: real corpus articles rendered into the layout templates of ``bench/layouts/``.

The layouts are data: one Jinja2 template per page layout (``bench/layouts/<family>/<layout>.html.j2``),
listed with their family, split (dev / held-out), encoding and time zone in ``bench/layouts/manifest.yaml``.
The boilerplate they carry (comments, captions, cookie banners, promos...) is written for the bench
(``bench/layouts/noise.yaml``); headlines and teaser leads in tickers, "most read" boxes and cards come from
OTHER corpus articles than the page's own, read at run time. Corpus text is never written into the repository.

A page's truth is the paragraphs the template put in its body slot (``paras``), the article's title and its
publication date as the site's readers see it (the calendar day in the layout's time zone).
"""

from __future__ import annotations

import json
import math
import random
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml

from pipeline.normalize import normalize

LAYOUTS_DIR = Path(__file__).resolve().parent / "layouts"

# ---------------------------------------------------------------------------
# corpus


@dataclass
class Article:
    key: str
    title: str
    paragraphs: list[str]
    date: datetime  # naive, as the corpus has it
    author: str
    source: str

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")


def _paragraphs(content: str) -> list[str]:
    """The article's paragraphs; a run-on paragraph (most of the corpus: one line per article) is cut
    into paragraphs of a few sentences, as the sites laid them out (the tokens stay the same)."""
    out: list[str] = []
    for raw in content.split("\n"):
        p = " ".join(raw.split())
        if not p:
            continue
        if len(p) <= 700:
            out.append(p)
            continue
        chunk = ""
        for sentence in _SENTENCE_END.split(p):
            chunk = f"{chunk} {sentence}".strip()
            if len(chunk) >= 280:
                out.append(chunk)
                chunk = ""
        if chunk:
            if out and len(chunk) < 80:
                out[-1] = f"{out[-1]} {chunk}"
            else:
                out.append(chunk)
    return out


def load_corpus(path: Path, *, min_chars: int) -> Iterator[Article]:
    zips = sorted(path.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no *.zip in {path}: pass --corpus (the SaudiNewsNet folder)")
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
                        when = datetime.strptime(item.get("date_extracted") or "", "%Y-%m-%d %H:%M:%S")
                    except ValueError:
                        when = datetime(2015, 7, 21, 12, 0)
                    yield Article(
                        key=f"{zpath.stem}/{name}#{i}",
                        title=title,
                        paragraphs=_paragraphs(content),
                        date=when,
                        author=" ".join((item.get("author") or "").split()),
                        source=item.get("source") or "",
                    )


@dataclass
class Pool:
    """Text of OTHER articles for the page chrome: headlines and short leads."""

    titles: list[str]
    leads: list[str]


def sample_corpus(path: Path, *, n: int, seed: int, min_chars: int) -> tuple[list[Article], Pool]:
    seen: set[str] = set()
    articles: list[Article] = []
    for art in load_corpus(path, min_chars=min_chars):
        norm = normalize(art.body)
        if norm in seen or not art.paragraphs:
            continue
        seen.add(norm)
        articles.append(art)
    rng = random.Random(seed)
    chosen = set(rng.sample(range(len(articles)), min(n, len(articles))))
    sample = [articles[i] for i in sorted(chosen, key=lambda i: articles[i].key)]
    rng.shuffle(sample)
    own = {a.title for a in sample}
    rest = [a for i, a in enumerate(articles) if i not in chosen]
    titles = sorted({a.title for a in rest if 25 <= len(a.title) <= 140 and a.title not in own})
    leads = sorted({_lead(a.paragraphs[0]) for a in rest if len(a.paragraphs[0]) >= 80})
    return sample, Pool(titles=titles, leads=leads)


def _lead(paragraph: str) -> str:
    cut = paragraph[:170]
    return cut[: cut.rfind(" ")] + "…" if len(paragraph) > 170 and " " in cut else cut


# ---------------------------------------------------------------------------
# dates as Arabic sites write them

WEEKDAYS = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
MONTHS = {
    # Egypt, the Gulf, most pan-Arab sites
    "eg": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    # the Levant and Iraq (Syriac names)
    "lev": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
            "تشرين الثاني", "كانون الأول"],
    # Tunisia, Algeria (French names)
    "mag": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    # Morocco
    "ma": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"],
    # Libya (the Gaddafi-era names some Libyan outlets still print)
    "ly": ["أي النار", "النوار", "الربيع", "الطير", "الماء", "الصيف", "ناصر", "هانيبال", "الفاتح", "التمور",
           "الحرث", "الكانون"],
}
HIJRI_MONTHS = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
                "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_ISLAMIC_EPOCH = 1948439.5


def _islamic_jd(y: int, m: int, d: int) -> float:
    return d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + _ISLAMIC_EPOCH - 1


def hijri(d: date) -> tuple[int, int, int]:
    """The tabular Islamic date (sites' Umm al-Qura dates differ from it by a day at times, as real ones do)."""
    jd = d.toordinal() + 1721424.5
    y = int((30 * (jd - _ISLAMIC_EPOCH) + 10646) // 10631)
    m = min(12, math.ceil((jd - (29 + _islamic_jd(y, 1, 1))) / 29.5) + 1)
    return y, m, int(jd - _islamic_jd(y, m, 1) + 1)


def _clock12(d: datetime) -> str:
    h = d.hour % 12 or 12
    return f"{h:02d}:{d.minute:02d} {'ص' if d.hour < 12 else 'م'}"


def _hijri_text(d: datetime) -> str:
    hy, hm, hd = hijri(d.date())
    return f"{hd} {HIJRI_MONTHS[hm - 1]} {hy}"


def _named(d: datetime, names: str = "eg") -> str:
    return f"{d.day} {MONTHS[names][d.month - 1]} {d.year}"


def _wd(d: datetime) -> str:
    return WEEKDAYS[d.weekday()]


STYLES: dict[str, Callable[[datetime], str]] = {
    **{names: (lambda d, n=names: _named(d, n)) for names in MONTHS},
    "eg_wd": lambda d: f"{_wd(d)}، {_named(d)}",
    "eg_time": lambda d: f"{_wd(d)} {_named(d)} - {_clock12(d)}",
    "lev_eg": lambda d: f"{_wd(d)} {d.day} {MONTHS['lev'][d.month - 1]}/{MONTHS['eg'][d.month - 1]} {d.year}",
    "lev_paren": lambda d: f"{d.day} {MONTHS['lev'][d.month - 1]} ({MONTHS['eg'][d.month - 1]}) {d.year}",
    "ly_eg": lambda d: f"{d.day} {MONTHS['ly'][d.month - 1]} ({MONTHS['eg'][d.month - 1]}) {d.year}",
    "indic": lambda d: _named(d).translate(_INDIC),
    "indic_num": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}".translate(_INDIC),
    "dmy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "dmy_time": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year} {d.hour:02d}:{d.minute:02d}",
    "dmy_dash": lambda d: f"{d.day}-{d.month}-{d.year}",
    "ymd": lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    "ymd_time": lambda d: f"{d.year}-{d.month:02d}-{d.day:02d} {d.hour:02d}:{d.minute:02d}",
    "hijri": lambda d: f"{_wd(d)} {_hijri_text(d)} هـ - الموافق {_named(d)} م",
    "hijri_only": lambda d: f"{_hijri_text(d)}هـ",
    "time": lambda d: f"{d.hour:02d}:{d.minute:02d}",
}


def ar_date(d: datetime, style: str = "eg") -> str:
    """``d`` written one of the ways Arabic news sites write dates (``STYLES``)."""
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}")
    return STYLES[style](d)


def relative(then: datetime, now: datetime) -> str:
    """"منذ ساعتين": how a page shows ``then`` at ``now`` (rounded down, as sites do)."""
    minutes = int((now - then).total_seconds() // 60)
    if minutes < 60:
        n = max(minutes, 1)
        return "منذ دقيقة" if n == 1 else "منذ دقيقتين" if n == 2 else f"منذ {n} دقائق" if n <= 10 else f"منذ {n} دقيقة"
    hours = minutes // 60
    if hours < 24:
        return "منذ ساعة" if hours == 1 else "منذ ساعتين" if hours == 2 else f"منذ {hours} ساعات" if hours <= 10 else f"منذ {hours} ساعة"
    days = hours // 24
    return "منذ يوم" if days == 1 else "منذ يومين" if days == 2 else f"منذ {days} أيام"


# ---------------------------------------------------------------------------
# layouts


@dataclass(frozen=True)
class Layout:
    name: str
    family: str
    split: str  # "dev": looked at and fixed against; "held-out": scored, never tuned to
    template: str
    written: str
    first_scored: str | None
    encoding: str = "utf-8"
    content_type: str = "text/html; charset=utf-8"
    tz: str = "+03:00"
    url: str = "https://{host}/news/{id}"
    host: str = "example.org"
    site: str = ""
    paginate: bool = False
    relative_fetch: bool = False  # fetched within hours of publication (pages showing "منذ ساعتين")
    note: str = ""


def load_layouts(path: Path = LAYOUTS_DIR / "manifest.yaml") -> dict[str, Layout]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, Layout] = {}
    for family, fam in data["families"].items():
        for name, spec in fam["layouts"].items():
            if name in out:
                raise SystemExit(f"{path}: layout {name!r} listed twice")
            out[name] = Layout(name=name, family=family, template=f"{family}/{name}.html.j2", **spec)
            if out[name].split not in ("dev", "held-out"):
                raise SystemExit(f"{path}: {name}: split must be dev or held-out")
    return out


def _tz(spec: str) -> timezone:
    sign = -1 if spec.startswith("-") else 1
    hh, mm = spec.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hh), minutes=int(mm)))


@dataclass
class Page:
    layout: Layout
    index: int
    key: str
    url: str
    body: bytes
    headers: dict[str, str]
    truth: list[str]
    title: str
    published: datetime  # aware, in the layout's time zone
    fetched: datetime

    @property
    def family(self) -> str:
        return self.layout.family

    @property
    def day(self) -> date:
        return self.published.date()

    @cached_property
    def truth_tokens(self) -> Counter[str]:
        return Counter(normalize("\n".join(self.truth)).split())


@dataclass
class Ctx:
    """What a template sees besides the article: helpers drawing page chrome from other articles and noise."""

    art: Article
    rng: random.Random
    pool: Pool
    noise: dict[str, list[str]]
    used: set[str] = field(default_factory=set)

    def _fresh(self, items: list[str], k: int) -> list[str]:
        own = set(normalize(self.art.title).split())
        body = normalize(self.art.body)
        out: list[str] = []
        for _ in range(2000):
            if len(out) == k:
                break
            t = self.rng.choice(items)
            if t in self.used:
                continue
            toks = set(normalize(t).split())
            if len(toks & own) > 0.4 * max(1, len(toks)) or normalize(t).rstrip("…") in body:
                continue
            self.used.add(t)
            out.append(t)
        return out

    def others(self, k: int = 1) -> list[str]:
        """``k`` headlines of other articles."""
        return self._fresh(self.pool.titles, k)

    def other(self) -> str:
        return self.others(1)[0]

    def leads(self, k: int = 1) -> list[str]:
        """``k`` opening lines of other articles (the excerpt of a summary card)."""
        return self._fresh(self.pool.leads, k)

    def noise_pick(self, kind: str, k: int | None = None) -> Any:
        items = self.noise[kind]
        if k is None:
            return self.rng.choice(items)
        return self.rng.sample(items, min(k, len(items)))

    def slug(self) -> str:
        return str(self.rng.randrange(10_000, 999_999))

    def num(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def pick(self, seq: list[Any]) -> Any:
        return self.rng.choice(seq)

    def sample(self, seq: list[Any], k: int) -> list[Any]:
        return self.rng.sample(seq, min(k, len(seq)))

    def slots(self, n: int, k: int) -> list[int]:
        """Indexes of paragraphs after which an in-body insert goes (never after the last one)."""
        if n < 2 or k <= 0:
            return []
        cands = list(range(0, n - 1)) if n < 4 else list(range(1, n - 1))
        return sorted(self.rng.sample(cands, min(k, len(cands))))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ar"] = ar_date
    env.filters["iso"] = lambda d: d.isoformat(timespec="seconds")
    env.filters["isoz"] = lambda d: d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    env.filters["indic"] = lambda s: str(s).translate(_INDIC)
    env.filters["tojson_ar"] = lambda v: jinja2.utils.markupsafe.Markup(
        json.dumps(v, ensure_ascii=False).replace("</", "<\\/"))
    return env


class Renderer:
    def __init__(self, layouts: dict[str, Layout], pool: Pool, seed: int) -> None:
        self.layouts = layouts
        self.pool = pool
        self.seed = seed
        self.env = _environment()
        self.noise: dict[str, list[str]] = yaml.safe_load((LAYOUTS_DIR / "noise.yaml").read_text(encoding="utf-8"))

    def render(self, art: Article, index: int, name: str) -> Page:
        lay = self.layouts[name]
        rng = random.Random(f"{self.seed}:{art.key}:{name}")
        tz = _tz(lay.tz)
        # published: the corpus day, at any hour (late-night stories cross midnight in UTC)
        pub = datetime(art.date.year, art.date.month, art.date.day, rng.randrange(24), rng.randrange(60), tzinfo=tz)
        upd = pub + timedelta(minutes=rng.randrange(40, 60 * 30))
        if lay.relative_fetch:
            fetched = pub + timedelta(minutes=rng.randrange(3, 60 * 20))
        else:
            fetched = max(pub, upd) + timedelta(days=rng.randrange(0, 3), minutes=rng.randrange(5, 600))
        paras = list(art.paragraphs)
        if lay.paginate and len(paras) >= 4:
            paras = paras[: (len(paras) + 1) // 2]
        ctx = Ctx(art=art, rng=rng, pool=self.pool, noise=self.noise)
        ident = str(rng.randrange(100_000, 9_999_999))
        url = lay.url.format(host=lay.host, id=ident, y=pub.year, m=f"{pub.month:02d}", d=f"{pub.day:02d}",
                             slug=f"news-{ident}")
        html = self.env.get_template(lay.template).render(
            a=art, title=art.title, author=art.author, paras=paras,
            site=lay.site, host=lay.host, url=url, pub=pub, upd=upd, fetched=fetched,
            rel=relative(pub, fetched), rel_upd=relative(upd, fetched) if upd < fetched else "منذ دقيقة",
            n_pages=2 if lay.paginate and len(art.paragraphs) >= 4 else 1, ctx=ctx,
        )
        body = html.encode(lay.encoding, errors="xmlcharrefreplace")
        return Page(layout=lay, index=index, key=art.key, url=url, body=body,
                    headers={"content-type": lay.content_type}, truth=paras, title=art.title,
                    published=pub, fetched=fetched)
