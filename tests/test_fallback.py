"""A source along its ways in, with real ingest runs over loopback sites into the real Elasticsearch:
a primary feed behind a bot challenge hands over to the sitemap in the same run, is left alone
until its retry is due, and takes over again when it recovers; a per-source User-Agent is what the
publisher sees; a source that stops yielding new items turns silent (red)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from pipeline import newsweb_sites as sites
from pipeline.newsweb import NewsWeb, Route

GNEWS = "https://news.google.com/rss/search?q=site%3Aexample.ly&hl=ar&gl=LY&ceid=LY:ar"


def write_registry(path: Path, *sources: dict) -> Path:
    path.write_text(yaml.safe_dump({"sources": list(sources)}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def env(clean_es, settings, monkeypatch, tmp_path):
    """A fresh index set, the test's own registry file and archive; yields a configure(registry) helper."""
    from pipeline.config import get_settings, reset_settings

    monkeypatch.setenv("RASD_ARCHIVE_URL", str(tmp_path / "archive"))
    monkeypatch.setenv("RASD_DISCOVER_CHECK_GOOGLE", "0")

    def configure(*sources: dict):
        monkeypatch.setenv("RASD_SOURCES_FILE", str(write_registry(tmp_path / "sources.yaml", *sources)))
        reset_settings()
        return get_settings()

    yield configure
    reset_settings()


def states_by_url(es, s) -> dict:
    from pipeline.feedstate import all_states

    return {st.feed_url: st for st in all_states(es, s)}


def source_doc(es, s, source_id: str) -> dict:
    es.indices.refresh(index=s.sources_index)
    return es.get(index=s.sources_index, id=source_id)["_source"]


def test_challenged_primary_hands_over_to_the_sitemap_and_takes_over_again(env, es_client):
    from pipeline import index as index_stage
    from pipeline.ingest import run_once

    now = datetime.now(UTC)
    with NewsWeb(root=None) as web:
        paths = sites.wordpress(web, now, libya_category=False)
        good_feed = web.routes[paths["feed"]]
        web.add_route(paths["feed"], Route(status=403, body=sites.CHALLENGE_PAGE,
                                           headers={"Content-Type": "text/html", "cf-mitigated": "challenge"}))
        s = env({"id": "wp", "name": "ووردبريس", "homepage": web.url("/"), "libya_focused": True,
                 "poll_interval_minutes": 15, "feeds": [
                     {"url": web.url(paths["feed"])},
                     {"url": web.url(paths["sitemap"]), "kind": "sitemap"},
                     {"url": GNEWS, "kind": "google-news"}]})

        first = run_once(settings=s)
        assert first["state"] == "success"
        assert first["counts"]["sources_polled"] == 1 and first["counts"]["sources_on_fallback"] == 1
        assert first["errors_by_kind"] == {"blocked_challenge": 1}
        ways = {f["position"]: f for f in first["feeds"]}
        assert ways[0]["status"] == "failed" and ways[1]["status"] == "ok" and 2 not in ways  # gnews not needed
        assert first["counts"]["indexed"] == 10 == index_stage.count(es_client, s)  # all of it, via the sitemap
        doc = source_doc(es_client, s, "wp")
        assert (doc["state"], doc["severity"], doc["way"], doc["way_kind"]) == ("fallback", 1, 2, "sitemap")
        assert "blocked_challenge" in doc["reason"] and doc["primary_error_kind"] == "blocked_challenge"
        st = states_by_url(es_client, s)
        assert st[web.url(paths["feed"])].active is False and st[web.url(paths["sitemap"])].active is True

        # the next scheduled run: nothing is due, the challenged feed is left alone
        hits = dict(web.hits)
        second = run_once(settings=s, force=False)
        assert second["counts"].get("sources_polled", 0) == 0 and web.hits == hits

        # the feed recovers; an hour later its retry is due, it answers and takes over
        web.add_route(paths["feed"], good_feed)
        for url in (web.url(paths["feed"]), web.url(paths["sitemap"])):
            from pipeline.feedstate import feed_doc_id

            es_client.update(index=s.feeds_index, id=feed_doc_id(url), refresh=True, doc={
                "last_polled": (now - timedelta(hours=2)).isoformat(),
                "next_poll": (now - timedelta(minutes=1)).isoformat()})
        sitemap_hits = web.hits.get(paths["sitemap"], 0)
        third = run_once(settings=s, force=False)
        assert third["state"] == "success"
        assert [(f["position"], f["status"]) for f in third["feeds"]] == [(0, "ok")]
        assert web.hits.get(paths["sitemap"], 0) == sitemap_hits  # the fallback was not polled
        assert third["counts"].get("articles_new", 0) == 0  # the same articles: known by id
        doc = source_doc(es_client, s, "wp")
        assert (doc["state"], doc["severity"], doc["way"]) == ("primary", 0, 1)
        assert index_stage.count(es_client, s) == 10


def test_per_source_user_agent_is_what_the_publisher_sees(env, es_client):
    """The site serves plain User-Agents and refuses browser-like ones (as al-Araby does)."""
    from pipeline.ingest import run_once

    now = datetime.now(UTC)
    with NewsWeb(root=None) as plain_site, NewsWeb(root=None) as browser_site:
        sites.ua_sensitive(plain_site, now)
        sites.ua_sensitive(browser_site, now)
        s = env(
            {"id": "plain", "name": "عادي", "libya_focused": True, "user_agent": "RasdTest/1.0 (+https://x.example)",
             "feeds": [{"url": plain_site.url("/rss.xml")}]},
            {"id": "browser", "name": "متصفح", "libya_focused": True,
             "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
             "feeds": [{"url": browser_site.url("/rss.xml")}]},
        )
        summary = run_once(settings=s)
        assert summary["counts"]["indexed"] == 6
        by_source = {f["source_id"]: f for f in summary["feeds"]}
        assert by_source["plain"]["status"] == "ok"
        assert by_source["browser"]["error_kind"] == "forbidden" and "403" in by_source["browser"]["error"]
        agents = {path: h.get("user-agent") for path, h in plain_site.requests}
        assert agents["/rss.xml"] == agents["/news/001.html"] == "RasdTest/1.0 (+https://x.example)"
        assert source_doc(es_client, s, "browser")["state"] == "never"
        assert summary["state"] == "success"  # one source answered


def test_a_source_that_stops_yielding_new_items_turns_silent(env, es_client):
    from pipeline.ingest import run_once

    now = datetime.now(UTC)
    with NewsWeb(root=None) as web:
        sites.drupal(web, now)
        s = env({"id": "quiet", "name": "هادئ", "libya_focused": True, "silent_after_hours": 0.0005,
                 "feeds": [{"url": web.url("/rss.xml")}, {"url": web.url("/sitemap.xml"), "kind": "sitemap"}]})
        assert run_once(settings=s)["counts"]["indexed"] == 6
        assert source_doc(es_client, s, "quiet")["state"] == "primary"
        time.sleep(2.0)  # longer than silent_after_hours: nothing new since
        summary = run_once(settings=s)
        assert summary["counts"].get("articles_new", 0) == 0
        doc = source_doc(es_client, s, "quiet")
        assert (doc["state"], doc["severity"]) == ("silent", 2) and "no new item for" in doc["reason"]
        assert summary["counts"]["route_silent"] == 1


def test_an_undated_article_gets_its_first_sighting_as_time_and_keeps_it(env, es_client):
    """No date in the feed nor in the page: published_at stays empty (the publisher claimed nothing),
    event_time is the first fetch; re-processing the raw archive later keeps it."""
    from pipeline.backfill import reprocess_archive_day
    from pipeline.newsweb_sites import BODY, HTML

    with NewsWeb(root=None) as web:
        items = "".join(f"<item><title>خبر بلا تاريخ {i}</title><link>{web.base_url}/u/{i}.html</link></item>"
                        for i in range(2))
        web.add_route("/undated.xml", Route(body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                                                 f"{items}</channel></rss>".encode(),
                                            headers={"Content-Type": "application/rss+xml"}))
        for i in range(2):
            body = ("<html lang='ar'><head><title>خبر بلا تاريخ</title></head><body><article>"
                    + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>")
            web.add_route(f"/u/{i}.html", Route(body=body.encode(), headers=HTML))
        s = env({"id": "undated", "name": "بلا تاريخ", "libya_focused": True,
                 "feeds": [{"url": web.url("/undated.xml")}]})
        from pipeline.ingest import run_once

        before = datetime.now(UTC)
        assert run_once(settings=s)["counts"]["indexed"] == 2
        es_client.indices.refresh(index=s.articles_alias)
        docs = {h["_id"]: h["_source"] for h in es_client.search(index=s.articles_alias, size=10)["hits"]["hits"]}
        for doc in docs.values():
            assert "published_at" not in doc and doc["time_basis"] == "first_seen"
            assert doc["event_time"] == doc["fetched_at"]
            assert datetime.fromisoformat(doc["event_time"]) >= before
        # Kibana's time filter on the data view's time field keeps them
        hits = es_client.count(index=s.articles_alias, query={"range": {"event_time": {"gte": "now-1h"}}})
        assert hits["count"] == 2

        result = reprocess_archive_day(datetime.now(UTC).date().isoformat(), settings=s)
        assert result["counts"]["reprocessed"] == 2
        es_client.indices.refresh(index=s.articles_alias)
        again = {h["_id"]: h["_source"] for h in es_client.search(index=s.articles_alias, size=10)["hits"]["hits"]}
        assert {i: d["event_time"] for i, d in again.items()} == {i: d["event_time"] for i, d in docs.items()}
        assert all(again[i]["indexed_at"] > docs[i]["indexed_at"] for i in docs)  # re-indexed, same time
