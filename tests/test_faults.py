"""The misbehaving local news web: every hostile case runs the real ingest
path against the real Elasticsearch and must end with the run finished, the
bad feed or page recorded with a clear reason, every other feed's articles
indexed, and nothing indexed twice."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from pipeline.newsweb import Route

GOOD_PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>{title} | موقع الاختبار</title>
<meta property="article:published_time" content="2025-02-03T10:00:00+02:00"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/libya">ليبيا</a></nav><article><h1>{title}</h1>
<p>أعلنت المؤسسة الوطنية للنفط في طرابلس اليوم استئناف الضخ من حقل الشرارة بعد توقف دام أسبوعا بسبب احتجاجات
في المنطقة الجنوبية، مؤكدة أن الإنتاج سيعود إلى مستواه المعتاد خلال أيام قليلة.</p>
<p>وقال مسؤول في المؤسسة إن فرق الصيانة أنهت إصلاح خط الأنابيب الرئيسي، وإن الشحنات من ميناء الزاوية ستستأنف
مطلع الأسبوع المقبل وفق الجدول المعتاد، داعيا إلى إبعاد المنشآت النفطية عن الخلافات السياسية في ليبيا.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>Mon, 03 Feb 2025 08:00:00 GMT</pubDate></item>"
        for t, p in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>hostile</title>'
            f"<link>{base}/</link>{body}</channel></rss>").encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title><link>http://x/</link></item></channel></rss>"""


def _feed_route(web, path: str, **kw) -> None:
    web.add_route(path, Route(**kw))


# Each case: (name, set-up(web) -> path of the hostile feed, expected failure kind, where it shows)
def case_5xx(web):
    _feed_route(web, "/bad/feed.xml", status=503, body=b"down", headers={"Retry-After": "120"})
    return "feed", "http_5xx"


def case_404(web):
    return "feed", "http_4xx"  # no route: the site answers 404


def case_410(web):
    _feed_route(web, "/bad/feed.xml", status=410, body=b"gone")
    return "feed", "http_4xx"


def case_429(web):
    _feed_route(web, "/bad/feed.xml", status=429, body=b"slow down", headers={"Retry-After": "600"})
    return "feed", "http_429"


def case_hang(web):
    _feed_route(web, "/bad/feed.xml", delay=4.0, body=b"<rss/>")
    return "feed", "timeout"


def case_drip(web):
    _feed_route(web, "/bad/feed.xml", drip=0.05, body=rss(web.base_url, [("x", "/x")]) * 20,
                headers={"Content-Type": "application/rss+xml"})
    return "feed", "timeout"


def case_gzip_bomb(web):
    bomb = gzip.compress(b"<rss>" + b" " * (40 * 1024 * 1024))
    _feed_route(web, "/bad/feed.xml", body=bomb, headers={"Content-Encoding": "gzip",
                                                            "Content-Type": "application/rss+xml"})
    return "feed", "too_large"


def case_huge(web):
    _feed_route(web, "/bad/feed.xml", body=b"<rss>" + b"a" * (50 * 1024 * 1024),
                headers={"Content-Type": "application/rss+xml"})
    return "feed", "too_large"


def case_malformed(web):
    _feed_route(web, "/bad/feed.xml", body=b"<rss><channel><item><title>broken", headers={"Content-Type": "text/xml"})
    return "feed", "bad_feed"


def case_billion_laughs(web):
    _feed_route(web, "/bad/feed.xml", body=BILLION_LAUGHS, headers={"Content-Type": "application/rss+xml"})
    return "feed", "bad_feed"


def case_redirect_loop(web):
    _feed_route(web, "/bad/feed.xml", status=302, headers={"Location": "/bad/loop2"})
    _feed_route(web, "/bad/loop2", status=302, headers={"Location": "/bad/feed.xml"})
    return "feed", "redirect_loop"


def case_redirect_metadata(web):
    _feed_route(web, "/bad/feed.xml", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    return "feed", "blocked_address"


def case_page_bomb(web):
    _feed_route(web, "/bad/feed.xml", body=rss(web.base_url, [("قنبلة", "/bad/bomb.html")]),
                headers={"Content-Type": "application/rss+xml"})
    _feed_route(web, "/bad/bomb.html", body=gzip.compress(b"<p>" * (20 * 1024 * 1024)),
                headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})
    return "page", "too_large"


def case_page_private_redirect(web):
    _feed_route(web, "/bad/feed.xml", body=rss(web.base_url, [("تحويل", "/bad/r.html")]),
                headers={"Content-Type": "application/rss+xml"})
    _feed_route(web, "/bad/r.html", status=301, headers={"Location": "http://10.0.0.5/admin"})
    return "page", "blocked_address"


def case_robots(web):
    _feed_route(web, "/bad/feed.xml", body=rss(web.base_url, [("خاص", "/private/secret.html")]),
                headers={"Content-Type": "application/rss+xml"})
    _feed_route(web, "/private/secret.html", body=GOOD_PAGE.format(charset="utf-8", title="سري").encode())
    return "page", "robots_disallowed"


CASES = {f.__name__[5:]: f for f in [
    case_5xx, case_404, case_410, case_429, case_hang, case_drip, case_gzip_bomb, case_huge, case_malformed,
    case_billion_laughs, case_redirect_loop, case_redirect_metadata, case_page_bomb, case_page_private_redirect,
    case_robots,
]}


@pytest.fixture
def hostile_env(sample_env, monkeypatch, tmp_path):
    from pipeline.config import DATA_DIR, reset_settings

    monkeypatch.setenv("RASD_READ_TIMEOUT", "1.5")
    monkeypatch.setenv("RASD_TOTAL_TIMEOUT", "3")
    monkeypatch.setenv("RASD_MAX_FEED_BYTES", str(2 * 1024 * 1024))
    monkeypatch.setenv("RASD_MAX_PAGE_BYTES", str(2 * 1024 * 1024))
    sources = yaml.safe_load((DATA_DIR / "sample_sources.yaml").read_text(encoding="utf-8"))
    sources["sources"].append({
        "id": "hostile", "name": "موقع عدائي", "feeds": [{"url": "{base}/bad/feed.xml", "kind": "rss"}],
        "libya_focused": True, "poll_interval_minutes": 15,
    })
    path = Path(tmp_path) / "sources.yaml"
    path.write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("RASD_SOURCES_FILE", str(path))
    reset_settings()
    yield sample_env
    reset_settings()


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_case(case, hostile_env, es_client):
    from pipeline import feedstate
    from pipeline import index as index_stage
    from pipeline.config import get_settings
    from pipeline.ingest import run_once

    web = hostile_env["web"]
    where, kind = CASES[case](web)
    s = get_settings()
    summary = run_once(settings=s)
    assert summary["state"] == "success"
    expected = hostile_env["expected_indexed"]
    if where == "feed":
        bad = [f for f in summary["feeds"] if f["source_id"] == "hostile"]
        assert bad and bad[0]["status"] == "failed", bad
        assert bad[0]["error_kind"] == kind, bad[0]
        assert bad[0]["error"]  # a clear reason, recorded
        st = feedstate.load_states(es_client, [web.url("/bad/feed.xml")], s)[web.url("/bad/feed.xml")]
        assert st.last_error_kind == kind and st.consecutive_failures == 1
        if case == "429":
            assert (st.next_poll - st.last_polled).total_seconds() >= 600
    else:
        assert summary["errors_by_kind"].get(kind) == 1, summary["errors_by_kind"]
    ids = {h["_id"] for h in es_client.search(index=s.articles_alias, size=200)["hits"]["hits"]}
    assert ids == expected  # every other feed's articles, nothing from the hostile one
    n = index_stage.count(es_client, s)
    summary2 = run_once(settings=s)  # again: nothing indexed twice
    assert summary2["state"] == "success"
    assert index_stage.count(es_client, s) == n == len(expected)


def test_windows_1256_page_with_lying_header(sample_env, es_client, monkeypatch, tmp_path):
    """A windows-1256 page served as utf-8 comes out as correct Arabic."""
    from pipeline.config import get_settings, reset_settings
    from pipeline.ingest import run_once
    from pipeline.search import search

    web = sample_env["web"]
    page = GOOD_PAGE.format(charset="windows-1256", title="استئناف الضخ من حقل الشرارة").encode("cp1256")
    web.add_route("/cp/a.html", Route(body=page, headers={"Content-Type": "text/html; charset=utf-8"}))
    web.add_route("/cp/feed.xml", Route(body=rss(web.base_url, [("الشرارة", "/cp/a.html")]),
                                        headers={"Content-Type": "application/rss+xml"}))
    path = Path(tmp_path) / "s.yaml"
    path.write_text(yaml.safe_dump({"sources": [{"id": "cp", "name": "cp", "libya_focused": True,
                                                 "feeds": [{"url": web.url("/cp/feed.xml")}]}]},
                                   allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("RASD_SOURCES_FILE", str(path))
    reset_settings()
    s = get_settings()
    summary = run_once(settings=s)
    assert summary["counts"]["indexed"] == 1
    res = search("الشرارة", settings=s, es=es_client)
    assert res.total == 1 and res.hits[0].title == "استئناف الضخ من حقل الشرارة"


def test_conditional_polling_304(sample_env, es_client, settings):
    """Second poll sends If-None-Match, gets 304 and counts the feed unchanged."""
    from pipeline.config import get_settings
    from pipeline.ingest import run_once

    s = get_settings()
    run_once(settings=s)
    web = sample_env["web"]
    summary = run_once(settings=s)
    assert summary["counts"].get("feeds_unchanged") == 3
    sent = [h for p, h in web.requests if p.endswith("rss.xml")][-3:]
    assert all("if-none-match" in h for h in sent)
