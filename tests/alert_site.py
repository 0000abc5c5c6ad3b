"""A small news web for the alert tests: five outlets on loopback that syndicate one story.

The articles are written for Rasd (facts in the manner of real events, no
published sentences). The syndicated story names Khalifa Haftar only in clitic
forms (لحفتر، وحفتر), so a watchlist on the person must find him through the
tagger and a watchlist on the word through the Arabic analyzer. Feeds are built
at request time from what each outlet currently lists, so a test makes two more
outlets carry the story between two runs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import yaml

from pipeline.newsweb import NewsWeb, Route

OUTLETS = {
    "o1": "صحيفة الساحل الليبي",
    "o2": "وكالة أنباء الواحة",
    "o3": "بوابة الجبل الأخضر",
    "o4": "راديو فزان الحر",
    "o5": "موقع المتوسط نيوز",
}

HAFTAR_TITLE = "استئناف تصدير النفط من موانئ الهلال النفطي بعد أسبوعين من الإغلاق"
HAFTAR_BODY = [
    "أعلنت القيادة العامة الموالية لحفتر، مساء الثلاثاء، استئناف تصدير الخام من موانئ الهلال النفطي بعد توقف "
    "استمر أسبوعين، وذلك عقب اجتماع موسع عقد في مدينة بنغازي بحضور ممثلين عن المؤسسة الوطنية للنفط وعدد من "
    "شيوخ القبائل في المنطقة الشرقية.",
    "وقال المتحدث باسم القيادة إن قرار إعادة فتح ميناءي السدرة ورأس لانوف جاء استجابة لمطالب السكان الذين "
    "تضرروا من نقص الوقود وتأخر صرف المرتبات، مؤكدا أن الحقول ستعود إلى طاقتها الإنتاجية المعتادة خلال أيام.",
    "وأوضح مسؤول في المؤسسة الوطنية للنفط أن ناقلتين تنتظران قبالة السواحل لتحميل شحنات متفق عليها مسبقا، وأن "
    "فرق الصيانة بدأت فحص خطوط الأنابيب التي تضررت خلال فترة التوقف.",
    "وفي طرابلس رحب المجلس الرئاسي بالخطوة ودعا إلى إبعاد قطاع النفط عن التجاذبات السياسية، فيما طالب نواب "
    "بتوزيع عادل للإيرادات بين الأقاليم الثلاثة.",
    "وكانت مجموعات محلية مقربة من القيادة العامة وحفتر قد أغلقت الموانئ احتجاجا على ما وصفته بسوء إدارة "
    "العائدات، وهو ما تسبب في خسائر يومية قدرتها المؤسسة بعشرات الملايين من الدولارات.",
    "ويرى محللون أن استئناف التصدير يبقى هشا ما لم يتم التوصل إلى آلية متفق عليها لإدارة الإيرادات تحظى بقبول "
    "الأطراف في الشرق والغرب، وتضمن ألا يتحول النفط مرة أخرى إلى ورقة ضغط.",
]
BANK_TITLE = "مصرف ليبيا المركزي يبدأ صرف مرتبات شهرين متأخرين للعاملين في القطاع العام"
BANK_BODY = [
    "بدأ مصرف ليبيا المركزي صباح اليوم تحويل مرتبات شهرين متأخرين إلى حسابات العاملين في القطاع العام، بعد "
    "اعتماد ترتيبات مالية مؤقتة مع وزارة المالية في طرابلس.",
    "وقال مدير إدارة العمليات بالمصرف إن التحويلات تشمل أكثر من مليوني موظف، وإن المصارف التجارية ستفتح "
    "أبوابها ساعات إضافية لتخفيف الازدحام أمام الفروع في المدن الكبرى.",
    "وشكا مواطنون في مصراتة والزاوية من نقص السيولة النقدية رغم وصول المرتبات إلى الحسابات، فيما أكد المصرف أن "
    "شحنات جديدة من الأوراق النقدية ستوزع على الفروع خلال الأسبوع المقبل.",
    "ويأتي القرار بعد أسابيع من الخلاف حول بنود الإنفاق في الميزانية العامة، وسط دعوات من خبراء اقتصاديين "
    "إلى توحيد السياسة المالية وإنهاء الانقسام المؤسسي.",
]
OLD_TITLE = "اجتماع عسكري في بنغازي يبحث تأمين الطرق الصحراوية جنوب البلاد"
OLD_BODY = [
    "عقدت القيادة العامة في بنغازي اجتماعا عسكريا موسعا خصص لبحث تأمين الطرق الصحراوية الرابطة بين مدن الجنوب، "
    "بحضور آمري المناطق العسكرية وممثلين عن الأجهزة الأمنية.",
    "وناقش المجتمعون مع مستشارين مقربين لحفتر خططا لتكثيف الدوريات على الطريق بين سبها وأوباري، بعد تكرار "
    "حوادث السطو على الشاحنات التي تنقل الوقود والمواد الغذائية.",
    "وأكد بيان صادر عن الاجتماع أن وحدات إضافية ستنتشر قرب الحدود الجنوبية للحد من التهريب، وأن التنسيق مع "
    "البلديات سيستمر لضمان وصول الإمدادات إلى السكان في المناطق النائية.",
    "ويشكو سكان الجنوب منذ سنوات من ضعف الخدمات وانعدام الأمن على الطرق، ويطالبون بحضور أكبر لمؤسسات الدولة.",
]
OUTLET_LEADS = {
    "o1": "بنغازي - الساحل:",
    "o2": "بنغازي (الواحة) -",
    "o3": "البيضاء - بوابة الجبل:",
    "o4": "سبها - راديو فزان:",
    "o5": "خاص - المتوسط نيوز:",
}


@dataclass
class Item:
    outlet: str
    slug: str
    title: str
    body: list[str]
    published: datetime

    def path(self) -> str:
        return f"/{self.outlet}/news/{self.slug}.html"


class AlertSite:
    """Five outlets; ``carry(outlet, item)`` lists an article in that outlet's feed from now on."""

    def __init__(self) -> None:
        self.web = NewsWeb(root=None)
        self.listed: dict[str, list[Item]] = {o: [] for o in OUTLETS}
        self.sitemap: dict[str, list[Item]] = {o: [] for o in OUTLETS}
        for outlet in OUTLETS:
            self.web.add_route(f"/{outlet}/rss.xml", Route(body=lambda _req, o=outlet: self._rss(o),
                                                            headers={"Content-Type": "application/rss+xml"}))
            self.web.add_route(f"/{outlet}/sitemap.xml", Route(body=lambda _req, o=outlet: self._sitemap(o),
                                                                headers={"Content-Type": "application/xml"}))
        self.web.add_route("/robots.txt", Route(body=b"User-agent: *\nAllow: /\n",
                                                 headers={"Content-Type": "text/plain"}))

    @property
    def base(self) -> str:
        return self.web.base_url

    def _add_page(self, item: Item) -> None:
        lead = OUTLET_LEADS[item.outlet]
        paras = [f"{lead} {item.body[0]}", *item.body[1:], f"المصدر: {OUTLETS[item.outlet]}."]
        url = self.base + item.path()
        page = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{html.escape(item.title)} | {OUTLETS[item.outlet]}</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{html.escape(item.title)}">
<meta property="og:site_name" content="{OUTLETS[item.outlet]}">
<meta property="article:published_time" content="{item.published.isoformat()}">
</head><body><header><a href="{self.base}/{item.outlet}/">{OUTLETS[item.outlet]}</a></header>
<main><article><h1>{html.escape(item.title)}</h1>
<time datetime="{item.published.isoformat()}">{item.published:%Y-%m-%d %H:%M}</time>
{"".join(f"<p>{html.escape(p)}</p>" for p in paras)}
</article></main><footer>جميع الحقوق محفوظة</footer></body></html>"""
        self.web.add_route(item.path(), Route(body=page.encode("utf-8"),
                                              headers={"Content-Type": "text/html; charset=utf-8"}))

    def carry(self, outlet: str, slug: str, title: str, body: list[str], published: datetime) -> Item:
        item = Item(outlet, slug, title, body, published)
        self._add_page(item)
        self.listed[outlet].append(item)
        return item

    def in_sitemap(self, outlet: str, slug: str, title: str, body: list[str], published: datetime) -> Item:
        item = Item(outlet, slug, title, body, published)
        self._add_page(item)
        self.sitemap[outlet].append(item)
        return item

    def carry_haftar(self, outlets: list[str]) -> list[Item]:
        """The syndicated story, published now (after the watchlists of the test were made), a second apart."""
        now = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
        return [self.carry(o, "oil-ports-reopen", HAFTAR_TITLE, HAFTAR_BODY, now + timedelta(seconds=i))
                for i, o in enumerate(outlets)]

    def _rss(self, outlet: str) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(i.title)}</title><link>{self.base}{i.path()}</link>"
            f"<guid>{self.base}{i.path()}</guid><pubDate>{format_datetime(i.published)}</pubDate>"
            f"<description>{html.escape(i.body[0][:200])}</description></item>"
            for i in self.listed[outlet])
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{OUTLETS[outlet]}</title>'
                f"<link>{self.base}/{outlet}/</link><language>ar</language>{items}</channel></rss>").encode()

    def _sitemap(self, outlet: str) -> bytes:
        urls = "".join(f"<url><loc>{self.base}{i.path()}</loc><lastmod>{i.published.isoformat()}</lastmod></url>"
                       for i in self.sitemap[outlet])
        return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>").encode()

    def write_sources(self, path: Path) -> Path:
        sources = [{"id": o, "name": name, "homepage": f"{self.base}/{o}/",
                    "feeds": [{"url": f"{self.base}/{o}/rss.xml", "kind": "rss", "verified": True},
                              {"url": f"{self.base}/{o}/sitemap.xml", "kind": "sitemap", "verified": True}],
                    "libya_focused": True, "language": "ar", "poll_interval_minutes": 15}
                   for o, name in OUTLETS.items()]
        path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    def __enter__(self) -> AlertSite:
        self.web.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.web.stop()
