"""Helpers of the scale-out tests (tests/test_es_cluster.py, tests/test_scale_out.py).

* the session's three-node cluster (``testc``, HTTP ports ``RASD_TEST_ES_PORT`` + 1..3, started
  once per session from empty folders: ``conftest.es_cluster``);
* an Elasticsearch home without the analysis plugin (hard links to the build, no copy);
* news outlets on loopback whose stories are really different from one another (each story is
  four sentences drawn from a bank of unrelated ones, so two stories share few word pairs), plus
  exact and edited copies of some of them on a second outlet: real near-duplicate clusters;
* :class:`Gate`: pages that answer only when the test lets them through (a fault is then sure to
  land while a run is fetching and writing);
* :func:`snapshot`: what the index holds for some outlets (ids, clusters as sets of ids, leads,
  versions), to compare a disturbed run with an undisturbed one.

The stories are written for these tests (places and institutions are real, the events are not).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from pipeline.newsweb import NewsWeb, Route

CLUSTER = "testc"

CITIES = ["طرابلس", "بنغازي", "مصراتة", "سبها", "الزاوية", "غدامس", "درنة", "زوارة", "البيضاء", "غريان", "طبرق",
          "سرت", "أجدابيا", "الكفرة", "نالوت", "يفرن", "ترهونة", "الخمس", "زليتن", "صبراتة"]
HEADLINES = [
    "افتتاح مستشفى ميداني جديد", "انقطاع الكهرباء عن أحياء واسعة", "وصول شحنة أدوية للأمراض المزمنة",
    "إطلاق مسابقة للشعر الشعبي", "تعطل حركة الطيران بسبب الرياح", "توقيع اتفاق لصيانة الطريق الساحلي",
    "احتجاج المعلمين على تأخر الرواتب", "ضبط شحنة وقود مهربة", "موسم حصاد القمح يبدأ مبكرا",
    "ترميم قلعة أثرية وسط المدينة", "مباراة حاسمة في الدوري الليبي", "فيضان وادٍ يقطع طريقا زراعيا",
    "تدشين خط حافلات بين الأحياء", "حملة لتنظيف الشواطئ من البلاستيك", "ندوة عن حقوق المرأة في العمل",
    "أزمة سيولة أمام المصارف", "زيارة وفد أممي للمجلس البلدي", "ارتفاع أسعار الخبز في الأسواق",
    "تخريج دفعة جديدة من الممرضات", "اكتشاف نقوش صخرية في الصحراء",
]
SENTENCES = [
    "قال عميد بلدية {city} إن الأعمال ستنتهي خلال {a} أسابيع إذا توفرت المواد في موعدها.",
    "وأكد مدير مركز الطوارئ أن فرق الإسعاف تعاملت مع {a} حالات منذ الصباح دون تسجيل وفيات.",
    "ويشكو سكان الأحياء الجنوبية من طوابير طويلة أمام محطات الوقود منذ مطلع الشهر.",
    "وأعلنت المؤسسة الوطنية للنفط استئناف الضخ في حقل قريب بعد توقف دام {b} يوما.",
    "وطالب نشطاء من المجتمع المدني بنشر تفاصيل العقود وأسماء الشركات المنفذة للمشروع.",
    "وذكرت مصادر في الهلال الأحمر الليبي أن المساعدات وزعت على {c} أسرة نازحة.",
    "ولم يصدر عن حكومة الوحدة الوطنية أي تعليق رسمي حتى ساعة إعداد هذا الخبر.",
    "وتوقع خبراء الأرصاد هبوب رياح محملة بالأتربة على المناطق الساحلية مساء الغد.",
    "ويعد هذا المشروع الأول من نوعه في {city} منذ أكثر من {b} عاما بحسب الأهالي.",
    "وبلغت قيمة الأضرار الأولية نحو {d} ألف دينار وفق تقدير لجنة فنية محلية.",
    "واشتكى تجار السوق القديم من ركود غير مسبوق بسبب غياب السيولة في المصارف.",
    "وأوضح مسؤول في وزارة الصحة أن الأدوية ستوزع على العيادات الريفية أولا.",
    "وحضر الافتتاح ممثلون عن الجامعة وعدد من أعيان القبائل في المنطقة.",
    "وأشار بيان صادر عن مديرية الأمن إلى توقيف {a} أشخاص على ذمة التحقيق.",
    "وقال مزارعون إن ارتفاع كلفة الأسمدة يهدد المحصول في المواسم المقبلة.",
    "ودعت منظمات دولية إلى حماية المهاجرين المحتجزين في مراكز الإيواء غرب البلاد.",
    "ونظمت جمعية أهلية معرضا للصور يوثق تاريخ الميناء وحياة الصيادين فيه.",
    "وأثار القرار جدلا واسعا على مواقع التواصل بين مؤيد ومعارض لتوقيته.",
    "وتعاني المدارس في الضواحي من نقص في الكتب المدرسية والمقاعد الدراسية.",
    "وأكد رئيس النادي أن الفريق سيخوض مباراته المقبلة على أرضه وبين جماهيره.",
    "وسجلت محطات القياس منسوبا مرتفعا للمياه في الوادي بعد أمطار غزيرة.",
    "ويأمل الأهالي أن تسهم الخطوة في تخفيف الازدحام عند المداخل الشرقية للمدينة.",
    "وكشفت دراسة محلية أن نصف الشباب في المنطقة يبحثون عن عمل منذ عامين.",
    "ورحب المبعوث الأممي بالاتفاق واعتبره خطوة نحو توحيد المؤسسات في ليبيا.",
    "وتعهدت شركة الكهرباء بتركيب محولات جديدة قبل حلول فصل الصيف.",
    "وأفاد شهود عيان بأن الحريق اندلع في مستودع للأخشاب قرب المنطقة الصناعية.",
    "وتستعد الفرق الكشفية لتنظيم مخيم صيفي يشارك فيه {c} طفلا من مدن مختلفة.",
    "وقال أستاذ في جامعة {city} إن المخطوطات تعود إلى القرن الثامن عشر.",
    "وطالب سائقو سيارات الأجرة بخفض رسوم التراخيص التي فرضتها البلدية مؤخرا.",
    "وأشاد الأهالي بسرعة استجابة فرق الدفاع المدني رغم قلة الإمكانات.",
    "وبدأت ورش البناء في رصف الشارع الرئيسي المؤدي إلى السوق المركزي.",
    "ونفى المتحدث باسم المجلس البلدي وجود أي نية لرفع رسوم النظافة.",
    "وأطلقت الإذاعة المحلية برنامجا أسبوعيا يستضيف الحرفيين وأصحاب المهن التقليدية.",
    "وشارك في السباق {c} عداء من الهواة والمحترفين تحت شمس حارقة.",
    "وأغلقت السلطات المعبر الحدودي مؤقتا لأسباب قالت إنها فنية بحتة.",
    "وتبرع رجال أعمال بتجهيز قاعة للحاسوب في المكتبة العامة للمدينة.",
    "وقالت ممرضة في القسم إن العمل يجري بنصف الطاقم منذ أسابيع طويلة.",
    "ورصدت جمعية حماية البيئة نفوق أسماك على امتداد {a} كيلومترات من الساحل.",
    "وتقرر تأجيل الامتحانات النهائية أسبوعا واحدا بطلب من أولياء الأمور.",
    "وسلم الصليب الأحمر الدولي مولدات كهربائية لمستشفى الأطفال في المدينة.",
]
# Story n takes the four sentences (block + n) mod 40 of block n // 40: these cyclic blocks have
# no difference in common, so two stories share at most one sentence (120 stories).
BLOCKS = [(0, 14, 30, 33), (0, 12, 13, 35), (0, 2, 6, 31)]
EDIT = "وتابعت وسائل إعلام محلية الخبر باهتمام كبير خلال الساعات الماضية."


def cluster_port() -> int:
    """HTTP port of the test cluster's first node: the session node's port + 1 (its block)."""
    return int(os.environ.get("RASD_TEST_ES_PORT", "9250")) + 1


def home_without_plugin(where: Path) -> Path:
    """An Elasticsearch home like the build's but without the rasd-analysis plugin (hard links)."""
    from pipeline.services.es_build import PLUGIN_NAME, ensure_built

    home = ensure_built()
    target = where / home.name
    if not target.exists():
        def skip(folder: str, names: list[str]) -> list[str]:
            return [PLUGIN_NAME] if Path(folder).name == "plugins" else []

        try:
            shutil.copytree(home, target, symlinks=True, copy_function=os.link, ignore=skip)
        except OSError:  # another file system: copy
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(home, target, symlinks=True, ignore=skip)
    return target


# -- stories ------------------------------------------------------------------------------------
@dataclass
class Story:
    n: int
    title: str
    body: str
    published: datetime
    path: str = ""


def story(n: int, published: datetime) -> Story:
    """Story ``n`` (0 ≤ n < 120): a headline and four sentences, both chosen by ``n``."""
    if not 0 <= n < 40 * len(BLOCKS):
        raise ValueError(f"story {n}: only 0..{40 * len(BLOCKS) - 1}")
    city = CITIES[n % len(CITIES)]
    values = {"city": city, "a": 2 + n % 9, "b": 3 + n % 17, "c": 40 + 7 * n, "d": 100 + 13 * n}
    picked = [SENTENCES[(k + n) % 40] for k in BLOCKS[n // 40]]
    body = "\n".join(s.format(**values) for s in picked)
    title = f"{city}: {HEADLINES[(n * 7) % len(HEADLINES)]} ({n})"
    return Story(n=n, title=title, body=f"{city} (ليبيا) - " + body, published=published)


def near_copy(original: Story, published: datetime) -> Story:
    """The same story as another outlet carries it: a dateline, one sentence added."""
    return Story(n=original.n, title=f"{original.title} - متابعة", published=published,
                 body="(وكالات) " + original.body + "\n" + EDIT)


def exact_copy(original: Story, published: datetime) -> Story:
    return Story(n=original.n, title=f"نقلا عن الصحف: {original.title}", body=original.body, published=published)


class Gate:
    """Pages behind it answer only when let through: :meth:`let` lets ``n`` more, :meth:`open` all;
    :attr:`passed` holds the (UTC) time each page went through."""

    def __init__(self) -> None:
        self._permits = threading.Semaphore(0)
        self._open = threading.Event()
        self._lock = threading.Lock()
        self.waiting = 0
        self.passed: list[datetime] = []

    def through(self) -> None:
        with self._lock:
            self.waiting += 1
        try:
            while not self._open.is_set():
                if self._permits.acquire(timeout=0.2):
                    break
        finally:
            with self._lock:
                self.waiting -= 1
                self.passed.append(datetime.now(UTC))

    def let(self, n: int = 1) -> None:
        self._permits.release(n)

    def open(self) -> None:
        self._open.set()

    def trickle(self, every: float, limit: int, stop: threading.Event) -> threading.Thread:
        """Every ``every`` seconds let one waiting page through (none piles up while nobody waits),
        at most ``limit``, until ``stop``."""

        def run() -> None:
            let = 0
            while let < limit and not stop.wait(every):
                if self.waiting > 0:
                    self.let()
                    let += 1

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread


def _page(s: Story) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in s.body.split("\n"))
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{s.title}</title>'
            f'<meta property="article:published_time" content="{s.published.isoformat()}"></head>'
            f"<body><header><a href='/'>الرئيسية</a></header><article><h1>{s.title}</h1>{paragraphs}</article>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>").encode()


@dataclass
class Outlet:
    slug: str
    stories: list[Story]
    source: dict[str, Any] = field(default_factory=dict)

    def urls(self, web: NewsWeb) -> list[str]:
        return [web.url(s.path) for s in self.stories]


def serve_outlet(web: NewsWeb, slug: str, stories: list[Story], *, gate: Gate | list[Gate] | None = None,
                 delay: float = 0.0, rss: bool = True, sitemap: bool = False) -> Outlet:
    """Serve ``stories`` under ``/<slug>/`` (an RSS feed and/or a sitemap of them); the source entry.
    ``gate``: one for every page, or one per story."""
    routes = []
    for i, s in enumerate(stories):
        s.path = f"/{slug}/news/{s.n}.html"
        body = _page(s)
        page_gate = gate[i] if isinstance(gate, list) else gate
        if page_gate is None:
            route = Route(body=body, delay=delay, headers={"Content-Type": "text/html; charset=utf-8"})
        else:
            def answer(_headers: dict[str, str], body: bytes = body, gate: Gate = page_gate) -> bytes:
                gate.through()
                return body

            route = Route(body=answer, headers={"Content-Type": "text/html; charset=utf-8"})
        web.add_route(s.path, route)
        routes.append(route)
    feeds = []
    if rss:
        items = "".join(f"<item><title>{s.title}</title><link>{web.url(s.path)}</link><guid>{web.url(s.path)}</guid>"
                        f"<pubDate>{format_datetime(s.published)}</pubDate></item>" for s in stories)
        feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>{slug}</title><link>{web.url('/' + slug + '/')}</link>{items}</channel></rss>").encode()
        web.add_route(f"/{slug}/rss.xml", Route(body=feed, headers={"Content-Type": "application/rss+xml"}))
        feeds.append({"url": web.url(f"/{slug}/rss.xml"), "kind": "rss", "verified": True})
    if sitemap:
        urls = "".join(f"<url><loc>{web.url(s.path)}</loc><lastmod>{s.published.isoformat()}</lastmod></url>"
                       for s in stories)
        xml = ('<?xml version="1.0" encoding="UTF-8"?>'
               f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()
        web.add_route(f"/{slug}/sitemap.xml", Route(body=xml, headers={"Content-Type": "application/xml"}))
        feeds.append({"url": web.url(f"/{slug}/sitemap.xml"), "kind": "sitemap", "verified": True})
    source = {"id": slug, "name": f"منفذ تجريبي {slug}", "homepage": web.url(f"/{slug}/"), "feeds": feeds,
              "libya_focused": True, "language": "ar", "poll_interval_minutes": 15, "enabled": True}
    return Outlet(slug=slug, stories=stories, source=source)


def syndicated_outlets(web: NewsWeb, tag: str, first: int, originals: int, exact: int, near: int, *,
                       delay: float = 0.0, gate: Gate | None = None) -> tuple[Outlet, Outlet]:
    """``originals`` stories (numbers ``first``…) on outlet ``<tag>-a``, and on ``<tag>-b`` exact copies
    of the first ``exact`` and edited copies of the ``near`` after them, each published later."""
    now = datetime.now(UTC).replace(microsecond=0)
    stories = [story(first + i, now - timedelta(hours=2, minutes=originals - i)) for i in range(originals)]
    copies = [exact_copy(s, s.published + timedelta(minutes=30)) for s in stories[:exact]]
    copies += [near_copy(s, s.published + timedelta(minutes=40)) for s in stories[exact:exact + near]]
    a = serve_outlet(web, f"{tag}-a", stories, delay=delay, gate=gate)
    b = serve_outlet(web, f"{tag}-b", copies, delay=delay, gate=gate)
    return a, b


# -- what the index holds -------------------------------------------------------------------------
@dataclass
class Snapshot:
    ids: set[str]
    clusters: set[frozenset[str]]  # members of each cluster_id
    leads: dict[str, int]  # cluster_id -> number of documents that say they lead it
    versions: dict[str, int]
    urls: dict[str, str]
    docs: dict[str, dict[str, Any]]

    def cluster_of(self, doc_id: str) -> frozenset[str]:
        return next(c for c in self.clusters if doc_id in c)


def snapshot(es: Any, index: str, source_ids: list[str]) -> Snapshot:
    es.indices.refresh(index=index)
    hits = es.search(index=index, size=1000, version=True, query={"terms": {"source_id": source_ids}},
                     source=["cluster_id", "is_cluster_lead", "url", "archive_ref", "duplicate_of", "cluster_size",
                             "run_id", "source_id", "indexed_at"])["hits"]["hits"]
    by_cluster: dict[str, set[str]] = {}
    leads: dict[str, int] = {}
    for h in hits:
        cid = h["_source"]["cluster_id"]
        by_cluster.setdefault(cid, set()).add(h["_id"])
        leads[cid] = leads.get(cid, 0) + int(bool(h["_source"].get("is_cluster_lead")))
    return Snapshot(ids={h["_id"] for h in hits}, clusters={frozenset(m) for m in by_cluster.values()},
                    leads=leads, versions={h["_id"]: h["_version"] for h in hits},
                    urls={h["_id"]: h["_source"]["url"] for h in hits}, docs={h["_id"]: h["_source"] for h in hits})


def wait_for(probe: Any, timeout: float, what: str, interval: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(interval)
