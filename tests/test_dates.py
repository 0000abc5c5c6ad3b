"""Publication dates (pipeline/dates.py): the ways Arabic sites print them, which one is the publication
date, relative dates, UTC timestamps shown in local time, the order of the sources, feed offsets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import html as lxml_html

from pipeline import dates
from pipeline.extract import Settings, SettingsError, extract, load_settings
from pipeline.feeds import parse_feed
from pipeline.normalize import normalize

NOW = datetime(2015, 7, 25, 12, 0, tzinfo=UTC)
BODY = "".join(
    f"<p>{s}</p>"
    for s in (
        "أعلنت البلدية اليوم عن خطة لصيانة الطرق الرئيسية في وسط المدينة خلال الأشهر المقبلة.",
        "وقال رئيس المجلس البلدي إن الأعمال ستبدأ من الشوارع الأكثر ازدحاما وتنتهي قبل فصل الشتاء.",
        "وأضاف أن الخطة تشمل تحسين الإنارة وتصريف مياه الأمطار وزراعة الأشجار على جانبي الطريق.",
    )
)


def page(meta: str = "", *, top: str = "", under: str = "", title: str = "البلدية تعلن خطة الصيانة") -> str:
    return (
        f'<html lang="ar" dir="rtl"><head><title>{title} | الموقع</title>{meta}</head><body>'
        f'<div class="top">{top}</div><nav><a href="/">الرئيسية</a> <a href="/a">محليات</a></nav>'
        f'<article><h1>{title}</h1><div class="meta">{under}</div>{BODY}</article>'
        "<footer>© 2015 الموقع</footer></body></html>"
    )


def day(html: str, **kw: object) -> str | None:
    c = extract(html, now=kw.pop("now", NOW), **kw)  # type: ignore[arg-type]
    return c.published_at.date().isoformat() if c.published_at else None


@pytest.mark.parametrize(
    "printed",
    [
        "21 يوليو 2015",  # Egypt, the Gulf
        "الثلاثاء، 21 يوليو 2015 - 10:35 م",
        "21 تموز 2015",  # the Levant
        "الثلاثاء 21 تموز/يوليو 2015",
        "21 تموز (يوليو) 2015",
        "21 جويلية 2015",  # Tunisia, Algeria
        "21 يوليوز 2015",  # Morocco
        "21 ناصر (يوليو) 2015",  # Libya
        "٢١ يوليو ٢٠١٥",  # Arabic-Indic digits
        "21/07/2015 10:35",
        "21-7-2015",
        "2015/07/21",
        "2015-07-21 10:35",
        "الثلاثاء 5 شوال 1436 هـ - الموافق 21 يوليو 2015 م",  # Hijri beside Gregorian
    ],
)
def test_printed_date_styles(printed: str) -> None:
    assert day(page(under=printed)) == "2015-07-21"


def test_hijri_alone_is_not_read_as_gregorian() -> None:
    found = dates.printed_dates(normalize("الثلاثاء 5 شوال 1436 هـ - 1 ربيع الأول 1437"), now=NOW)
    assert found == []


def test_updated_date_is_not_the_publication_date() -> None:
    under = "آخر تحديث: 23/07/2015 08:10 | نشر في: 21/07/2015 10:35"
    assert day(page(under=under)) == "2015-07-21"


def test_today_in_the_top_bar_is_not_the_publication_date() -> None:
    top = "السبت 25 يوليو 2015 " + "عنوان خبر آخر في الشريط " * 20
    assert day(page(top=top, under="الثلاثاء 21 يوليو 2015")) == "2015-07-21"


def test_the_date_after_the_headline_wins_over_a_later_comment_date() -> None:
    text = normalize("عنوان الخبر الكاتب 21 يوليو 2015 نص الخبر 23 يوليو 2015")
    found = dates.printed_dates(text, now=NOW)
    picked = dates.pick_printed(found, text.find("عنوان"))
    assert picked is not None and picked.when.date().isoformat() == "2015-07-21"


@pytest.mark.parametrize(
    ("printed", "back"),
    [("منذ ساعتين", timedelta(hours=2)), ("منذ 3 ساعات", timedelta(hours=3)), ("منذ 11 ساعة", timedelta(hours=11)),
     ("منذ دقيقتين", timedelta(minutes=2)), ("منذ يومين", timedelta(days=2)), ("أمس", timedelta(days=1))],
)
def test_relative_dates_count_back_from_the_fetch(printed: str, back: timedelta) -> None:
    c = extract(page(under=printed), now=NOW)
    assert c.published_at == NOW - back
    assert c.date_source == "relative"


def test_utc_timestamp_takes_the_local_offset_printed_beside_it() -> None:
    # 22:30 UTC on the 20th is 01:30 on the 21st in Riyadh, which the page prints
    meta = '<meta property="article:published_time" content="2015-07-20T22:30:00Z">'
    c = extract(page(meta, under="الثلاثاء 21 يوليو 2015 - 01:30 ص"), now=NOW)
    assert c.published_at == datetime(2015, 7, 20, 22, 30, tzinfo=UTC)  # the same instant
    assert c.published_at is not None and c.published_at.utcoffset() == timedelta(hours=3)
    assert c.published_at.date().isoformat() == "2015-07-21"
    assert c.date_source == "meta:article:published_time+local"


def test_utc_timestamp_with_only_a_printed_day() -> None:
    declared = datetime(2015, 7, 20, 22, 30, tzinfo=UTC)
    printed = dates.Printed(when=datetime(2015, 7, 21), pos=0, label=None, has_time=False)
    assert dates.local_offset(declared, printed).date().isoformat() == "2015-07-21"
    assert dates.local_offset(declared, printed) == declared


def test_page_offset_is_kept() -> None:
    meta = '<meta property="article:published_time" content="2015-07-21T00:30:00+02:00">'
    c = extract(page(meta), now=NOW)
    assert c.published_at is not None and c.published_at.isoformat() == "2015-07-21T00:30:00+02:00"


def test_declared_january_first_placeholder_loses_to_the_printed_date() -> None:
    meta = '<meta name="date" content="2015-01-01">'
    assert day(page(meta, under="21 تموز 2015")) == "2015-07-21"
    assert day(page(meta)) == "2015-01-01"  # nothing better: the placeholder, rather than nothing


def test_page_date_after_the_fetch_is_implausible() -> None:
    meta = '<meta property="article:published_time" content="2015-07-28T10:00:00+02:00">'
    c = extract(page(meta, under="21 يوليو 2015"), now=NOW)
    assert c.published_at is not None and c.published_at.date().isoformat() == "2015-07-21"


def test_source_order_is_a_setting() -> None:
    html = page('<meta property="article:published_time" content="2015-07-22T10:00:00+03:00">',
                under="21 يوليو 2015")
    assert day(html) == "2015-07-22"
    assert day(html, config=Settings(dates=("visible", "declared"))) == "2015-07-21"


def test_feed_date_keeps_the_feed_offset() -> None:
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>a</title><link>http://x.test/1</link><pubDate>Tue, 21 Jul 2015 01:30:00 +0300</pubDate></item>"
        b"<item><title>b</title><link>http://x.test/2</link><pubDate>not a date</pubDate></item>"
        b"</channel></rss>"
    )
    first, second = parse_feed(rss, source_id="s", feed_url="http://x.test/feed")
    assert first.published == datetime(2015, 7, 21, 1, 30, tzinfo=timezone(timedelta(hours=3)))
    assert first.published is not None and first.published.date().isoformat() == "2015-07-21"
    assert second.published is None


def test_extraction_settings_file_errors_are_clear(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "e.yaml"
    bad.write_text("path: sideways\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="path must be one of"):
        load_settings(bad)
    bad.write_text("path: full\ndates: [feed, tea_leaves]\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="tea_leaves"):
        load_settings(bad)


def test_shipped_settings_load() -> None:
    s = load_settings()
    assert s.path in ("defaults", "fast", "full", "cascade")
    assert s.dates[0] == "feed"


def test_microdata_and_json_ld_article_first() -> None:
    tree = lxml_html.fromstring(
        '<html><head><script type="application/ld+json">[{"@type": "WebPage", "datePublished": "2015-01-05"},'
        '{"@type": "NewsArticle", "datePublished": "2015-07-21T10:00:00+02:00"}]</script></head>'
        "<body><p>x</p></body></html>"
    )
    dt, src = dates.declared_date(tree, {}, [
        {"@type": "WebPage", "datePublished": "2015-01-05"},
        {"@type": "NewsArticle", "datePublished": "2015-07-21T10:00:00+02:00"},
    ])
    assert src == "json-ld" and dt is not None and dt.isoformat() == "2015-07-21T10:00:00+02:00"
    tree = lxml_html.fromstring(
        '<html><body><abbr class="published" title="2015-07-21T10:35:00+03:00">10:35</abbr></body></html>')
    dt, src = dates.declared_date(tree, {}, [])
    assert src == "microdata" and dt is not None and dt.isoformat() == "2015-07-21T10:35:00+03:00"
