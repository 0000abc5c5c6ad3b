"""Extraction on the bundled sample site and on small hand-made pages (pure: no network)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from pipeline.dates import htmldate_guess
from pipeline.extract import Settings, clean_body, clean_title, extract, flatten_layout_tables, page_date, plausible

SITE = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "sample_site"
BASE = "http://127.0.0.1:8000"
NOW = datetime(2025, 6, 1, tzinfo=UTC)
MANIFEST = yaml.safe_load((SITE / "MANIFEST.yaml").read_text(encoding="utf-8"))
ARTICLES = MANIFEST["articles"]
OUTLETS = {o["id"]: o for o in MANIFEST["outlets"]}
BODY = " ".join(
    [
        "أعلنت البلدية اليوم عن خطة لصيانة الطرق الرئيسية في وسط المدينة خلال الأشهر المقبلة.",
        "وقال رئيس المجلس البلدي إن الأعمال ستبدأ من الشوارع الأكثر ازدحاما وتنتهي قبل فصل الشتاء.",
        "وأضاف أن الخطة تشمل تحسين الإنارة وتصريف مياه الأمطار وزراعة الأشجار على جانبي الطريق.",
    ]
)


def page(art: dict[str, object]) -> str:
    return (SITE / str(art["path"])).read_text(encoding="utf-8").replace("{base}", BASE)


def url(art: dict[str, object]) -> str:
    return str(art["canonical"]).replace("{base}", BASE)


def ids(art: dict[str, object]) -> str:
    return str(art["slug"])


def texts(html: str, xpath: str) -> list[str]:
    tree = lxml_html.fromstring(html)
    return [" ".join(el.text_content().split()) for el in tree.xpath(xpath)]


def simple_page(body: str, *, head: str = "", title: str = "عنوان تجريبي") -> str:
    return f'<html lang="ar" dir="rtl"><head><title>{title}</title>{head}</head><body>{body}</body></html>'


# ---------------------------------------------------------------------------
# sample site pages


@pytest.mark.parametrize("art", ARTICLES, ids=ids)
def test_title_is_cleaned(art: dict[str, object]) -> None:
    content = extract(page(art), url=url(art), now=NOW)
    site = OUTLETS[str(art["outlet"])]["name"]
    assert content.title == art["title"]
    assert site not in (content.title or "")
    assert "|" not in (content.title or "")


@pytest.mark.parametrize("art", ARTICLES, ids=ids)
def test_body_has_lead_and_no_boilerplate(art: dict[str, object]) -> None:
    html = page(art)
    content = extract(html, url=url(art), now=NOW)
    assert content.method == "trafilatura"
    assert content.text.startswith(str(art["lead"])[:20]) or str(art["lead"]) in content.text
    assert len(content.text.split()) >= 0.9 * int(str(art["body_words"]))
    noise = [
        *texts(html, "//footer[not(ancestor::article)]"),
        *texts(html, "//*[contains(@class, 'cookie') or contains(@id, 'cookie')]"),
        *texts(html, "//*[self::h2 or self::h3][contains(., 'الأكثر قراءة')]/following-sibling::*//li"),
        *texts(html, "//*[contains(@class, 'comment-text')]"),
        *texts(html, "//*[contains(@class, 'read-also') or contains(@class, 'inline-related')]//a"),
    ]
    noise = [n for n in noise if len(n) >= 15 and n != art["title"]]
    assert noise, "the fixture page should have boilerplate to check"
    for fragment in noise:
        assert fragment not in content.text
    for marker in ("جميع الحقوق محفوظة", "ملفات تعريف الارتباط", "الأكثر قراءة", "اقرأ أيضا", "شارك:", "شارك الخبر"):
        assert marker not in content.text
    assert not content.text.startswith(str(art["title"]))


@pytest.mark.parametrize("art", ARTICLES, ids=ids)
def test_date_and_author_from_page_without_feed(art: dict[str, object]) -> None:
    content = extract(page(art), url=url(art), now=NOW)
    assert content.published_at == datetime.fromisoformat(str(art["published"]))
    assert content.date_source is not None
    assert content.date_source.startswith(("meta:", "json-ld"))
    assert content.author == art["author"]


def test_json_ld_date_when_no_meta() -> None:
    art = next(a for a in ARTICLES if a["has_jsonld"])
    html = "\n".join(line for line in page(art).splitlines() if "published_time" not in line)
    content = extract(html, url=url(art), now=NOW)
    assert content.date_source == "json-ld"
    assert content.published_at == datetime.fromisoformat(str(art["published"]))


def test_feed_date_wins() -> None:
    art = ARTICLES[0]
    feed_date = datetime(2017, 12, 2, 8, 0, tzinfo=UTC)
    content = extract(page(art), url=url(art), feed_date=feed_date, now=NOW)
    assert content.published_at == feed_date
    assert content.date_source == "feed"


@pytest.mark.parametrize(
    "feed_date",
    [NOW + timedelta(days=30), datetime(1985, 5, 1, tzinfo=UTC)],
    ids=["future", "1985"],
)
def test_implausible_feed_date_falls_back_to_page(feed_date: datetime) -> None:
    art = ARTICLES[0]
    content = extract(page(art), url=url(art), feed_date=feed_date, now=NOW)
    assert content.published_at == datetime.fromisoformat(str(art["published"]))
    assert content.date_source == "meta:article:published_time"


@pytest.mark.parametrize("value", ["2099-03-01T10:00:00+02:00", "1985-03-01T10:00:00Z"], ids=["future", "1985"])
def test_implausible_page_date_rejected(value: str) -> None:
    head = f'<meta property="article:published_time" content="{value}">'
    content = extract(simple_page(f"<article><p>{BODY}</p></article>", head=head), now=NOW)
    assert content.published_at is None
    assert content.date_source is None


def test_htmldate_bare_january_first_rejected() -> None:
    # htmldate turns "14 أيار 2024" (a month name it does not know) into 2024-01-01
    html = simple_page(f"<article><p>نشر في 14 أيار 2024</p><p>{BODY}</p></article>")
    assert htmldate_guess(lxml_html.fromstring(html), None) == datetime(2024, 1, 1, tzinfo=UTC)
    content = extract(html, now=NOW, config=Settings(dates=("declared", "htmldate")))
    assert content.published_at is None
    assert content.text


def test_levantine_month_read_where_htmldate_guesses_january_first() -> None:
    html = simple_page(f"<article><p>نشر في 14 أيار 2024</p><p>{BODY}</p></article>")
    content = extract(html, now=NOW)
    assert content.published_at == datetime(2024, 5, 14, tzinfo=UTC)
    assert content.date_source == "text:published"


def test_plausible() -> None:
    assert plausible(datetime(2024, 5, 14, tzinfo=UTC), now=NOW)
    assert plausible(datetime(2024, 5, 14), now=NOW)  # naive = UTC
    assert plausible(datetime(2024, 1, 1, tzinfo=UTC), now=NOW)  # declared by the page: fine
    assert not plausible(datetime(2024, 1, 1, tzinfo=UTC), now=NOW, guessed=True)
    assert not plausible(NOW + timedelta(days=2), now=NOW)
    assert plausible(NOW + timedelta(hours=12), now=NOW)  # time zones
    assert not plausible(datetime(1989, 12, 31, tzinfo=UTC), now=NOW)
    assert not plausible(None, now=NOW)


def test_page_date_sources() -> None:
    tree = lxml_html.fromstring(
        simple_page(
            "<p>x</p>",
            head='<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            '"datePublished": "2024-09-10T09:00:00+02:00"}]}</script>',
        )
    )
    dt, src = page_date(tree)
    assert src == "json-ld" and dt == datetime(2024, 9, 10, 7, 0, tzinfo=UTC)
    assert page_date(lxml_html.fromstring(simple_page("<p>x</p>"))) == (None, None)


# ---------------------------------------------------------------------------
# fallbacks and bad input


def test_feed_summary_fallback_when_page_has_almost_no_body() -> None:
    html = simple_page('<nav><a href="/">الرئيسية</a></nav><div class="video"><p>شاهد الفيديو</p></div>')
    summary = "<p>ملخص الخبر كما ورد في الخلاصة: البلدية تعلن خطة لصيانة الطرق الرئيسية.</p>"
    content = extract(html, feed_summary=summary, feed_title="البلدية تعلن خطة الصيانة", now=NOW)
    assert content.method == "feed_summary"
    assert content.text == "ملخص الخبر كما ورد في الخلاصة: البلدية تعلن خطة لصيانة الطرق الرئيسية."
    assert content.title == "عنوان تجريبي"


def test_feed_summary_not_used_when_body_is_long_enough() -> None:
    html = simple_page(f"<article><h1>عنوان</h1><p>{BODY}</p><p>{BODY}</p></article>")
    content = extract(html, feed_summary="ملخص قصير", now=NOW)
    assert content.method == "trafilatura"
    assert BODY in content.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<<<>>>",
        "\x00\x01\x02",
        "<html></html>",
        "<html><body></body></html>",
        "not html at all",
        "<?xml?>",
        "<p>!!! ... ???</p>",
        "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00<html>\x00\x01\x02\x03\x04\x05\x06\x07",
        "<div>" * 5000,
    ],
    ids=[
        "empty",
        "spaces",
        "brackets",
        "controls",
        "empty-html",
        "empty-body",
        "plain-text",
        "xml-decl",
        "punct",
        "binary",
        "deep-nesting",
    ],
)
def test_empty_or_garbage_gives_none(html: str) -> None:
    content = extract(html, now=NOW)
    assert content.method == "none"
    assert content.text == ""
    assert content.published_at is None


def test_garbage_with_feed_data_uses_feed() -> None:
    when = datetime(2024, 3, 1, tzinfo=UTC)
    content = extract("<<<", feed_title="عنوان الخلاصة | الموقع", feed_summary="ملخص", feed_date=when, now=NOW)
    assert content.method == "feed_summary"
    assert content.title == "عنوان الخلاصة"
    assert content.published_at == when


def test_control_characters_do_not_lose_the_body() -> None:
    html = simple_page(f"<article><p>{BODY}\x1a {BODY}</p></article>")
    content = extract(html, now=NOW)
    assert content.method == "trafilatura"
    assert "الأشجار" in content.text


def test_extraction_is_stateless() -> None:
    art = ARTICLES[0]
    first = extract(page(art), url=url(art), now=NOW)
    second = extract(page(art), url=url(art), now=NOW)  # deduplicate=True would drop this one
    assert first == second


# ---------------------------------------------------------------------------
# the pieces


def test_clean_title() -> None:
    assert clean_title("السراج يلتقي ترامب | بوابة الوسط", "بوابة الوسط") == "السراج يلتقي ترامب"
    assert clean_title("بوابة الوسط :: السراج يلتقي ترامب", "بوابة الوسط") == "السراج يلتقي ترامب"
    assert clean_title("ليبيا - تونس: فتح المعبر | المنارة نيوز", "المنارة نيوز") == "ليبيا - تونس: فتح المعبر"
    assert (
        clean_title("ليبيا - تونس: إعادة فتح المعبر بعد إغلاق دام أشهر")
        == "ليبيا - تونس: إعادة فتح المعبر بعد إغلاق دام أشهر"
    )
    assert (
        clean_title("إعادة فتح معبر رأس اجدير بين ليبيا وتونس - الأخبار العربية")
        == "إعادة فتح معبر رأس اجدير بين ليبيا وتونس"
    )
    assert clean_title("<b>عنوان</b>") == "عنوان"
    assert clean_title("") is None and clean_title(None) is None


def test_clean_body_drops_teasers_headline_and_boilerplate() -> None:
    text = "\n".join(
        [
            "سياسة",
            "عنوان الخبر الرئيسي",
            "الفقرة الأولى من الخبر وفيها تفاصيل كافية عن الحدث وملابساته.",
            "اقرأ أيضاً: عنوان خبر آخر لا علاقة له",
            "إقرأ أيضا",
            "- عنوان أول في قائمة",
            "- عنوان ثان في قائمة",
            "الفقرة الثانية من الخبر، وتتحدث عن ردود الفعل.",
            "- نقطة من نص الخبر نفسه بعد فقرة عادية",
            "شاهد أيضا: فيديو من موقع الحدث",
            "المزيد: عنوان ثالث",
            "آخر تحديث: الأحد 9 أغسطس 2015",
            "جميع الحقوق محفوظة © 2025 الموقع",
            "طباعة | إرسال | تكبير الخط",
            "الكلمات الدالة: ليبيا، طرابلس",
        ]
    )
    assert clean_body(text, ["عنوان الخبر الرئيسي"]).splitlines() == [
        "الفقرة الأولى من الخبر وفيها تفاصيل كافية عن الحدث وملابساته.",
        "الفقرة الثانية من الخبر، وتتحدث عن ردود الفعل.",
        "- نقطة من نص الخبر نفسه بعد فقرة عادية",
    ]


def test_clean_body_keeps_prose_that_merely_mentions_the_words() -> None:
    text = "\n".join(
        [
            "قال الوزير إن على المواطنين أن يقرأوا أيضا التعليمات قبل السفر.",
            "شارك في الاجتماع ممثلون عن البلديات والوزارات المعنية.",
            "شاهد أيضا الحضور عرضا مسرحيا عن تاريخ المدينة.",
            "تابع أكثر من 3 ملايين مشاهد الحلقة الأخيرة من البرنامج.",
            "اقرأ أيضا" + " كلمة" * 60,  # far too long for a teaser: prose
        ]
    )
    assert clean_body(text) == text


def test_layout_table_page_is_flattened_and_extracted() -> None:
    cell_text = "<br><br>".join([BODY, BODY.replace("البلدية", "الوزارة")])
    menu = "".join(f'<tr><td><a href="/s{i}">قسم رقم {i}</a></td></tr>' for i in range(8))
    html = (
        '<html dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>جريدة - عنوان الخبر</title></head><body>"
        f'<table width="100%"><tr><td width="170"><table>{menu}</table></td>'
        f'<td><table><tr><td><b>عنوان الخبر</b></td></tr><tr><td><font size="3">{cell_text}</font></td></tr>'
        '<tr><td><a href="/print">طباعة</a> | <a href="/send">أرسل لصديق</a></td></tr></table></td></tr>'
        '<tr><td colspan="2">جميع الحقوق محفوظة © جريدة</td></tr></table></body></html>'
    )
    tree = lxml_html.fromstring(html)
    assert flatten_layout_tables(tree) == 1
    assert not tree.xpath("//table|//td")
    content = extract(html, now=NOW)
    assert "الأشجار" in content.text and "الوزارة" in content.text
    assert "قسم رقم" not in content.text and "طباعة" not in content.text and "محفوظة" not in content.text


def test_data_table_is_kept() -> None:
    rows = "".join(f"<tr><td>مدينة {i}</td><td>{i * 10}</td></tr>" for i in range(5))
    tree = lxml_html.fromstring(simple_page(f"<article><p>{BODY}</p><table>{rows}</table></article>"))
    assert flatten_layout_tables(tree) == 0
    assert tree.xpath("//table")


def test_metadata_escaped_twice_and_site_name_from_the_url() -> None:
    """CMSs often escape meta content twice (&amp;quot;); with no site name declared, the host
    stands in (as trafilatura's own metadata step did)."""
    para = "نص عربي طويل عن ليبيا وطرابلس وبنغازي " * 8
    body = "<article><h1>x</h1>" + "".join(f"<p>{para}{i}</p>" for i in range(4)) + "</article>"
    og = '<meta property="og:title" content="فيديو.. &amp;quot;مدمن الجوال&amp;quot; يتصل">'
    page = simple_page(body, head=og)
    content = extract(page, url="https://www.example.org/a/1", now=NOW)
    assert content.title == 'فيديو.. "مدمن الجوال" يتصل'
    assert content.sitename == "example.org"


def test_ingest_reads_dates_against_the_fetch_time() -> None:
    """process_article passes the page's fetch time as ``now``: "منذ ساعتين" counts back from it, also
    when an archived page is processed again years later."""
    from pipeline.config import Settings as IngestSettings
    from pipeline.ingest import build_article, process_article
    from pipeline.models import FeedEntry, HttpMeta, Source

    fetched = datetime(2015, 7, 21, 14, 0, tzinfo=UTC)
    source = Source(id="t", name="T", homepage="http://127.0.0.1/", libya_focused=True, feeds=[])
    entry = FeedEntry(url="http://127.0.0.1/a", feed_url="http://127.0.0.1/rss", title="عنوان الخبر", source_id="t")
    article = build_article(entry, source)
    article.http = HttpMeta(url=entry.url, final_url=entry.url, status=200, fetched_at=fetched)
    html = simple_page(f"<article><h1>عنوان الخبر</h1><p>منذ ساعتين</p><p>{BODY}</p></article>", title="عنوان الخبر")
    content = process_article(article, html, settings=IngestSettings()).content
    assert content is not None
    assert content.published_at == fetched - timedelta(hours=2)
    assert content.date_source == "relative"


def test_windows_1256_table_portal_ticker_and_copyright_stay_out() -> None:
    """The independent check's failure (issue 14): a windows-1256 table portal whose headline ticker
    (links joined by "•••", no <marquee>) and copyright row ended up in the body."""
    from pipeline.fetch import decode_body

    ticker = " ••• ".join(f'<a href="/n.asp?id={i}">عنوان خبر آخر في الشريط رقم {i}</a>' for i in range(6))
    cell = "".join(f"<p>{BODY} {i}</p>" for i in range(3))
    html = (
        '<html dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>البلدية تعلن خطة الصيانة - جريدة المدينة</title></head><body>"
        '<table width="100%"><tr><td colspan="2"><b>عاجل:</b> ' + ticker + "</td></tr>"
        '<tr><td width="160"><table><tr><td><a href="/s1">محليات</a></td></tr><tr><td><a href="/s2">رياضة</a>'
        "</td></tr></table></td><td><h2>البلدية تعلن خطة الصيانة</h2>" + cell + "</td></tr>"
        '<tr><td colspan="2">جميع الحقوق محفوظة لجريدة المدينة © 2001 - 2015 - يمنع النسخ دون إذن</td></tr>'
        "</table></body></html>"
    ).encode("cp1256")
    text, encoding = decode_body(html, {"content-type": "text/html"})
    assert encoding == "windows-1256"
    content = extract(text, now=NOW)
    assert content.title == "البلدية تعلن خطة الصيانة"
    assert all(f"{BODY} {i}" in content.text for i in range(3))
    assert "الشريط" not in content.text and "•••" not in content.text
    assert "الحقوق" not in content.text and "©" not in content.text
