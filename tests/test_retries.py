"""Fetch retries: a page that failed for a reason that may pass is fetched again by a later run.

Real ingest runs (``run_once``) over the loopback news web into the real
Elasticsearch. The feed stays unchanged between runs (so it never lists the
entry again): only the retry queue can bring the article in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from pipeline.newsweb import Route
from tests.test_faults import GOOD_PAGE, rss


@pytest.fixture
def flaky_env(sample_env, monkeypatch, tmp_path):
    """One Libya-focused source whose feed lists two pages: /flaky/a.html (misbehaves) and /flaky/b.html."""
    from pipeline.config import reset_settings

    web = sample_env["web"]
    web.add_route("/flaky/feed.xml", Route(body=rss(web.base_url, [("أ", "/flaky/a.html"), ("ب", "/flaky/b.html")]),
                                           headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'}))
    web.add_route("/flaky/b.html", Route(body=GOOD_PAGE.format(charset="utf-8", title="الصفحة الثانية").encode()))
    path = Path(tmp_path) / "flaky.yaml"
    path.write_text(yaml.safe_dump({"sources": [{"id": "flaky", "name": "متقلب", "libya_focused": True,
                                                 "feeds": [{"url": web.url("/flaky/feed.xml")}]}]},
                                   allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("RASD_SOURCES_FILE", str(path))
    monkeypatch.setenv("RASD_FETCH_RETRY_BASE_MINUTES", "0")  # due at once: the runs follow each other
    reset_settings()
    yield web
    reset_settings()


def good(title: str = "الصفحة الأولى") -> Route:
    return Route(body=GOOD_PAGE.format(charset="utf-8", title=title).encode())


def retry_docs(es, s) -> dict:
    es.indices.refresh(index=s.retries_index)
    return {h["_id"]: h["_source"] for h in es.search(index=s.retries_index, size=100)["hits"]["hits"]}


def test_page_503_is_fetched_again_by_the_next_run(flaky_env, es_client):
    from pipeline import index as index_stage
    from pipeline.config import get_settings
    from pipeline.ingest import run_once
    from pipeline.urls import doc_id

    web, s = flaky_env, get_settings()
    web.add_route("/flaky/a.html", Route(status=503, body=b"busy"))
    first = run_once(settings=s)
    assert first["state"] == "success"
    assert first["errors_by_kind"].get("http_5xx") == 1
    assert first["counts"]["fetch_retry_scheduled"] == 1 and first["counts"]["indexed"] == 1
    a_id = doc_id(web.url("/flaky/a.html"))
    docs = retry_docs(es_client, s)
    assert set(docs) == {a_id}
    assert docs[a_id]["attempts"] == 1 and docs[a_id]["kind"] == "http_5xx" and not docs[a_id]["gave_up"]

    web.add_route("/flaky/a.html", good())  # the site is back
    second = run_once(settings=s)
    assert second["counts"].get("feeds_unchanged") == 1  # the feed did not list it again
    assert second["counts"]["fetch_retried"] == 1 and second["counts"]["indexed"] == 1
    assert retry_docs(es_client, s) == {}
    assert index_stage.existing_ids(es_client, [a_id], s, include_skipped=False) == {a_id}

    hits = web.hits.get("/flaky/a.html", 0)
    third = run_once(settings=s)  # nothing left to do
    assert third["counts"].get("fetch_retried", 0) == 0 and web.hits.get("/flaky/a.html", 0) == hits
    assert index_stage.count(es_client, s) == 2


def test_retries_stop_after_the_last_attempt(flaky_env, es_client, monkeypatch):
    from pipeline.config import get_settings, reset_settings
    from pipeline.ingest import run_once
    from pipeline.urls import doc_id

    monkeypatch.setenv("RASD_FETCH_RETRY_MAX_ATTEMPTS", "2")
    reset_settings()
    web, s = flaky_env, get_settings()
    web.add_route("/flaky/a.html", Route(status=502, body=b"bad gateway"))
    assert run_once(settings=s)["counts"]["fetch_retry_scheduled"] == 1
    assert run_once(settings=s)["counts"]["fetch_gave_up"] == 1
    doc = retry_docs(es_client, s)[doc_id(web.url("/flaky/a.html"))]
    assert doc["attempts"] == 2 and doc["gave_up"] is True
    hits = web.hits["/flaky/a.html"]
    summary = run_once(settings=s)
    assert summary["counts"].get("fetch_retried", 0) == 0 and web.hits["/flaky/a.html"] == hits


def test_permanent_failures_are_not_retried(flaky_env, es_client):
    from pipeline.config import get_settings
    from pipeline.ingest import run_once

    web, s = flaky_env, get_settings()
    web.add_route("/flaky/a.html", Route(status=404, body=b"gone"))
    summary = run_once(settings=s)
    assert summary["errors_by_kind"].get("http_4xx") == 1
    assert "fetch_retry_scheduled" not in summary["counts"]
    assert retry_docs(es_client, s) == {}


def test_backoff_doubles_and_honours_retry_after():
    from pipeline.config import Settings
    from pipeline.retries import MAX_BACKOFF, backoff

    s = Settings(fetch_retry_base_minutes=15)
    assert [backoff(n, s) for n in (1, 2, 3)] == [timedelta(minutes=15), timedelta(minutes=30), timedelta(minutes=60)]
    assert backoff(1, s, retry_after=7200) == timedelta(hours=2)
    assert backoff(30, s) == MAX_BACKOFF


def test_a_retry_not_yet_due_is_not_planned(flaky_env, es_client):
    from pipeline import retries
    from pipeline.config import get_settings
    from pipeline.errors import FetchError
    from pipeline.index import ensure_indices
    from pipeline.urls import doc_id

    s = get_settings()
    ensure_indices(es_client, s)
    url = flaky_env.url("/flaky/a.html")
    item = {"entry": {"url": url, "source_id": "flaky", "feed_url": flaky_env.url("/flaky/feed.xml")},
            "source": {"id": "flaky", "name": "متقلب", "feeds": []}}
    now = datetime.now(UTC)
    retries.record(es_client, [(doc_id(url), item, FetchError("HTTP 503", kind="http_5xx", retry_after=3600))], s,
                   now=now)
    assert retries.due(es_client, s, now=now + timedelta(minutes=59)) == []
    planned = retries.due(es_client, s, now=now + timedelta(minutes=61))
    assert [p["entry"]["url"] for p in planned] == [url] and planned[0]["retry"] == 2  # the second attempt


# -- robots.txt as RFC 9309 reads it ------------------------------------------------------------------


@pytest.mark.parametrize(("status", "outcome"), [
    (200, "allowed"), (404, "allowed"), (410, "allowed"),
    (503, "robots_unavailable"), (500, "robots_unavailable"), (429, "robots_unavailable"),
])
def test_robots_status_codes(news_web, status, outcome):
    from pipeline.errors import FetchError
    from pipeline.fetch import Fetcher

    news_web.add_route("/robots.txt", Route(status=status, body=b"User-agent: *\nAllow: /\n"))
    news_web.add_route("/page.html", good())
    with Fetcher(allow_loopback=True) as f:
        if outcome == "allowed":
            assert f.get(news_web.url("/page.html")).status == 200
        else:
            with pytest.raises(FetchError) as err:
                f.get(news_web.url("/page.html"))
            assert err.value.kind == outcome and "robots.txt" in str(err.value)
            assert news_web.hits.get("/page.html", 0) == 0  # never asked for the page


def test_robots_answers_are_shared_between_tasks(news_web, clean_es, settings):
    """One robots.txt request serves every Fetcher (task) until the shared answer is an hour old;
    an unreachable robots.txt is not shared."""
    from pipeline.errors import FetchError
    from pipeline.fetch import Fetcher
    from pipeline.index import ensure_indices
    from pipeline.robotstore import EsRobotsStore

    ensure_indices(clean_es, settings)
    store = EsRobotsStore(clean_es, settings)
    news_web.add_route("/robots.txt", Route(body=b"User-agent: *\nDisallow: /private/\n"))
    news_web.add_route("/page.html", good())
    news_web.add_route("/private/x.html", good())
    for _task in range(3):
        with Fetcher(allow_loopback=True, robots_store=store) as f:
            assert f.get(news_web.url("/page.html")).status == 200
            with pytest.raises(FetchError) as err:
                f.get(news_web.url("/private/x.html"))
            assert err.value.kind == "robots_disallowed"
    assert news_web.hits["/robots.txt"] == 1
    assert news_web.hits.get("/private/x.html", 0) == 0

    origin = news_web.base_url.rstrip("/")
    store.put(origin, 200, "User-agent: *\nDisallow: /private/\n", now=datetime.now(UTC) - timedelta(hours=2))
    with Fetcher(allow_loopback=True, robots_store=store) as f:
        f.get(news_web.url("/page.html"))
    assert news_web.hits["/robots.txt"] == 2  # stale: read again

    clean_es.delete(index=settings.robots_index, id=__import__("hashlib").sha1(origin.encode()).hexdigest())
    news_web.add_route("/robots.txt", Route(status=503, body=b"busy"))
    for _task in range(2):
        with Fetcher(allow_loopback=True, robots_store=store) as f, pytest.raises(FetchError):
            f.get(news_web.url("/page.html"))
    assert news_web.hits["/robots.txt"] == 4  # each task asked again


def test_robots_store_failure_does_not_stop_fetching(news_web):
    from elasticsearch import Elasticsearch

    from pipeline.config import Settings
    from pipeline.fetch import Fetcher
    from pipeline.robotstore import EsRobotsStore

    dead = Elasticsearch("http://127.0.0.1:9", request_timeout=1, max_retries=0)
    news_web.add_route("/page.html", good())
    with Fetcher(allow_loopback=True, robots_store=EsRobotsStore(dead, Settings())) as f:
        assert f.get(news_web.url("/page.html")).status == 200


def test_operator_lists_and_revives_given_up_pages(flaky_env, es_client, monkeypatch):
    """After an outage: `rasd retries list` shows the given-up page, `rasd retries now --given-up`
    makes it due, and the next run indexes it."""
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.config import get_settings, reset_settings
    from pipeline.ingest import run_once

    monkeypatch.setenv("RASD_FETCH_RETRY_MAX_ATTEMPTS", "1")
    monkeypatch.setenv("RASD_INDEX_PREFIX", get_settings().index_prefix)
    reset_settings()
    web, s = flaky_env, get_settings()
    web.add_route("/flaky/a.html", Route(status=500, body=b"broken"))
    assert run_once(settings=s)["counts"]["fetch_gave_up"] == 1

    runner = CliRunner()
    listed = runner.invoke(app, ["retries", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    records = json.loads(listed.output)
    assert [(r["url"], r["gave_up"], r["kind"]) for r in records] == [(web.url("/flaky/a.html"), True, "http_5xx")]

    web.add_route("/flaky/a.html", good())  # the outage is over
    assert run_once(settings=s)["counts"].get("fetch_retried", 0) == 0  # given up: not planned
    revived = runner.invoke(app, ["retries", "now", "--given-up", "--source", "flaky"])
    assert revived.exit_code == 0 and "1 pages due now" in revived.output
    summary = run_once(settings=s)
    assert summary["counts"]["fetch_retried"] == 1 and summary["counts"]["indexed"] == 1
    assert retry_docs(es_client, s) == {}
