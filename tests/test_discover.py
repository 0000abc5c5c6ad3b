"""Discovery (``rasd feeds discover``, the weekly sources check) against sites of our own on the
loopback news web: a WordPress site, a Drupal site, a site that moved its feed (404 and 301), a
site whose only way in is its sitemap, a site behind a bot challenge, a site that stopped
publishing. Every candidate goes through the safe fetcher; the snippet is valid registry YAML."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pipeline import newsweb_sites as sites
from pipeline.config import Settings
from pipeline.discover import Discovery, discover
from pipeline.errors import InputError
from pipeline.models import Source
from pipeline.newsweb import NewsWeb

NOW = datetime.now(UTC)


@pytest.fixture(scope="module", autouse=True)
def airflow_db() -> None:
    """Only the DAG test at the end needs Airflow's database (it has its own fixture)."""


@pytest.fixture
def web():
    with NewsWeb(root=None) as w:
        yield w


def settings() -> Settings:
    return Settings(fetch_allow_loopback=True, per_host_delay=0)


def kept(d: Discovery, web: NewsWeb) -> list[tuple[str, str]]:
    return [(c.kind, c.use_url.replace(web.base_url, "")) for c in d.kept() if c.kind != "google-news"]


def snippet_source(d: Discovery) -> Source:
    (entry,) = yaml.safe_load(d.snippet())
    return Source.model_validate(entry)


def test_wordpress_site_feed_section_feed_and_sitemap(web):
    sites.wordpress(web, NOW)
    d = discover(web.url("/"), settings=settings(), check_google=False)
    assert kept(d, web) == [("rss", "/category/libya/feed/"), ("rss", "/feed/"), ("sitemap", "/sitemap_index.xml")]
    by_url = {c.url.replace(web.base_url, ""): c for c in d.candidates}
    assert by_url["/feed/"].via == "homepage link" and by_url["/feed/"].entries == 10
    assert by_url["/category/libya/feed/"].via == "section page link"
    assert by_url["/sitemap_index.xml"].via == "robots.txt"
    assert not any(c.via == "usual path" for c in d.candidates)  # the site declared its ways: no guessing
    src = snippet_source(d)
    assert [f.kind for f in src.feeds] == ["rss", "rss", "sitemap", "google-news"]
    assert all(f.verified for f in src.feeds[:3]) and "via homepage link" in src.feeds[1].evidence


def test_drupal_site_registered_with_the_wrong_path(web):
    """The registry says /feed (WordPress habit); the Drupal site declares /rss.xml."""
    sites.drupal(web, NOW)
    source = Source(id="afrigate-like", name="بوابة", homepage=web.url("/"), libya_focused=True,
                    feeds=[{"url": web.url("/feed")}, {"url": "https://news.google.com/rss/search?q=site%3Ax",
                                                      "kind": "google-news"}])
    d = discover("afrigate-like", sources=[source], settings=settings(), check_google=False)
    by_url = {c.url.replace(web.base_url, ""): c for c in d.candidates}
    assert by_url["/feed"].in_registry and (by_url["/feed"].status, by_url["/feed"].error_kind) == ("failed",
                                                                                                       "http_4xx")
    assert kept(d, web) == [("rss", "/rss.xml"), ("sitemap", "/sitemap.xml")]
    src = snippet_source(d)
    assert src.id == "afrigate-like" and src.feeds[0].url == web.url("/rss.xml")
    assert src.feeds[-1].url == "https://news.google.com/rss/search?q=site%3Ax"  # the registry's search is kept


def test_moved_feed_404_found_through_the_homepage(web):
    sites.moved(web, NOW)
    source = Source(id="moved", name="منقول", homepage=web.url("/"), libya_focused=True,
                    feeds=[{"url": web.url("/feed")}])
    d = discover("moved", sources=[source], settings=settings(), check_google=False)
    assert kept(d, web)[0] == ("rss", "/ar/rss/latest.xml")


def test_moved_feed_301_registered_at_its_new_address(web):
    sites.moved(web, NOW, redirect=True)
    d = discover(web.url("/feed"), settings=settings(), check_google=False)
    (first, *_rest) = d.kept()
    assert first.url == web.url("/feed") and first.final_url == web.url("/ar/rss/latest.xml")
    src = snippet_source(d)
    assert src.feeds[0].url == web.url("/ar/rss/latest.xml")
    assert f"moved from {web.url('/feed')}" in (src.feeds[0].evidence or "")
    assert d.homepage == web.url("/")  # a feed URL was given: the site is its origin


def test_sitemap_only_site(web):
    sites.sitemap_only(web, NOW)
    d = discover(web.url("/"), settings=settings(), check_google=False)
    assert kept(d, web) == [("sitemap", "/sitemaps/index.xml")]
    sitemap = next(c for c in d.candidates if c.kind == "sitemap" and c.status == "ok")
    assert sitemap.via == "robots.txt" and sitemap.newest and (NOW - sitemap.newest).days == 0
    # the usual feed paths were tried (no feed was declared anywhere), and all failed
    guessed = [c for c in d.candidates if c.via == "usual path" and c.kind == "rss"]
    assert len(guessed) >= 10 and all(c.status != "ok" for c in guessed)
    assert [f.kind for f in snippet_source(d).feeds] == ["sitemap", "google-news"]


def test_challenge_page_is_recognised_and_not_hammered(web):
    sites.challenge(web, ["/feed", "/feed/", "/rss.xml"])
    d = discover(web.url("/"), settings=settings(), check_google=False)
    assert any("bot challenge (Cloudflare)" in n for n in d.notes)
    kinds = [c.error_kind for c in d.candidates if c.status == "failed"]
    assert kinds.count("blocked_challenge") == 2  # the homepage made 1, two more stop the probing
    assert sum(c.status == "not asked" for c in d.candidates) >= 10
    assert sum(web.hits.values()) <= 8  # robots.txt, the homepage, a few paths: then it stops
    assert kept(d, web) == []
    assert [f.kind for f in snippet_source(d).feeds] == ["google-news"]


def test_stale_site_is_reported(web):
    sites.wordpress(web, NOW, stale=True)
    d = discover(web.url("/"), settings=settings(), check_google=False)
    assert kept(d, web) == []
    assert {c.status for c in d.candidates if c.via in {"homepage link", "robots.txt"}} == {"stale"}
    assert any("may have stopped publishing" in n for n in d.notes)


def test_unknown_target_is_refused():
    with pytest.raises(InputError, match="not a source id"):
        discover("no-such-source", sources=[], settings=settings())


# -- the command line ----------------------------------------------------------------------------
@pytest.fixture
def cli_registry(web, tmp_path, monkeypatch):
    from pipeline.config import reset_settings

    sites.drupal(web, NOW)
    path = Path(tmp_path) / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [{"id": "drupal", "name": "دروبال", "homepage": "{base}/",
                                                 "libya_focused": True, "feeds": [{"url": "{base}/feed"}]}]},
                                   allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("RASD_SOURCES_FILE", str(path))
    monkeypatch.setenv("RASD_SOURCES_BASE_URL", web.base_url)
    monkeypatch.setenv("RASD_DISCOVER_CHECK_GOOGLE", "0")
    reset_settings()
    yield web
    reset_settings()


def test_cli_discover_prints_registry_lines(cli_registry):
    from pipeline.cli import app

    result = CliRunner().invoke(app, ["feeds", "discover", "drupal"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("registry lines", 1)[1].split("\n", 1)[1]
    (entry,) = yaml.safe_load(lines)
    assert entry["id"] == "drupal" and entry["feeds"][0]["url"] == cli_registry.url("/rss.xml")
    assert "http_4xx" in result.stdout  # the registry's /feed, shown failing

    bad = CliRunner().invoke(app, ["feeds", "discover", "nope"])
    assert bad.exit_code == 2 and "not a source id" in bad.stderr


def test_cli_discover_exits_1_when_nothing_of_the_site_works(web, monkeypatch):
    from pipeline.cli import app
    from pipeline.config import reset_settings

    monkeypatch.setenv("RASD_DISCOVER_CHECK_GOOGLE", "0")
    reset_settings()
    sites.challenge(web)
    result = CliRunner().invoke(app, ["feeds", "discover", web.url("/")], env={"COLUMNS": "160"})
    assert result.exit_code == 1 and "blocked_challenge" in result.stdout
    reset_settings()


# -- suggestions and the weekly DAG --------------------------------------------------------------
def test_suggestions_are_stored_and_replaced(cli_registry, clean_es, settings):
    from pipeline.config import get_settings
    from pipeline.sourcecheck import check_source, list_suggestions, sources_to_check

    s = get_settings()
    jobs = sources_to_check(settings=s, es=clean_es)
    assert [j["source"]["id"] for j in jobs] == []  # never polled: "new", nothing to check yet
    (job,) = sources_to_check(only=["drupal"], settings=s, es=clean_es)
    first = check_source(job, run_id="r1", settings=s, es=clean_es)
    assert first["new_ways"] == [cli_registry.url("/rss.xml"), cli_registry.url("/sitemap.xml")]
    rows = list_suggestions(clean_es, s, source="drupal")
    assert [(r["rank"], r["url"], r["status"]) for r in rows][:2] == [
        (1, cli_registry.url("/rss.xml"), "ok"), (2, cli_registry.url("/sitemap.xml"), "ok")]
    assert rows[0]["snippet"].startswith("- id: drupal")
    checked = list_suggestions(clean_es, s, source="drupal", working_only=False)
    assert any(r["url"] == cli_registry.url("/feed") and r["error_kind"] == "http_4xx" for r in checked)
    # the site changes: the next check replaces what was stored (nothing stale is left behind)
    cli_registry.routes.pop("/sitemap.xml")
    check_source(job, run_id="r2", settings=s, es=clean_es)
    rows = list_suggestions(clean_es, s, source="drupal")
    assert [r["url"] for r in rows if r["kind"] != "google-news"] == [cli_registry.url("/rss.xml")]
    assert {r["run_id"] for r in list_suggestions(clean_es, s, source="drupal", working_only=False)} == {"r2"}
    with pytest.raises(InputError, match="unknown source ids"):
        sources_to_check(only=["nope"], settings=s, es=clean_es)


@pytest.mark.slow
def test_sources_check_dag_checks_the_failing_sources(cli_registry, clean_es, settings, airflow_db_real):
    """The registry's source fails (its /feed is gone): the ingest run marks it, the weekly DAG finds
    /rss.xml and writes it where operators look (rasd-suggestions, `rasd feeds suggestions`)."""
    from pipeline.airflow_run import run_dag
    from pipeline.cli import app
    from pipeline.config import get_settings
    from pipeline.ingest import run_once

    s = get_settings()
    run_once(settings=s)  # the registry's /feed answers 404: the source never succeeded
    state, _ = run_dag("libya_news_sources_check")
    assert state == "success"
    clean_es.indices.refresh(index=s.runs_index)
    record = clean_es.search(index=s.runs_index, query={"term": {"kind": "sources_check"}})["hits"]["hits"]
    assert record and record[0]["_source"]["counts"] == {"sources_checked": 1, "sources_with_working_way": 1,
                                                         "sources_with_new_way": 1, "new_ways_found": 2}
    out = CliRunner().invoke(app, ["feeds", "suggestions"], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and cli_registry.url("/rss.xml") in out.stdout and "new" in out.stdout


@pytest.fixture
def airflow_db_real(tmp_path_factory):
    import os

    from pipeline.airflow_run import ensure_db

    ensure_db(Path(os.environ["AIRFLOW_HOME"]))
