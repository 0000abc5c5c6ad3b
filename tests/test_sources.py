"""The registry (its evidence, its ordered ways in), the routing rules over way states, and the
bot-challenge detector. Pure functions: no Elasticsearch, no network."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from pipeline.challenge import challenge_url, detect_challenge
from pipeline.config import DATA_DIR, Settings
from pipeline.errors import InputError
from pipeline.feedstate import FeedState, after_failure, after_success
from pipeline.models import KIND_RANK, Source
from pipeline.newsweb_sites import CHALLENGE_PAGE
from pipeline.routing import outage, plan, route, way_view
from pipeline.sources import load_sources

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module", autouse=True)
def airflow_db() -> None:
    """Nothing here touches Airflow."""


@pytest.fixture(scope="module")
def registry() -> dict[str, Source]:
    return {s.id: s for s in load_sources(DATA_DIR / "sources.yaml")}


# -- the registry ---------------------------------------------------------------------------------
def test_every_source_has_ordered_ways_ending_in_a_google_news_site_search(registry):
    for s in registry.values():
        kinds = [f.kind for f in s.feeds]
        assert [KIND_RANK[k] for k in kinds] == sorted(KIND_RANK[k] for k in kinds), s.id
        assert kinds[-1] == "google-news", s.id
        if s.id.startswith("gnews-"):
            continue
        assert len(kinds) >= 2, s.id  # an own feed or a sitemap before the search
        query = parse_qs(urlsplit(s.feeds[-1].url).query)["q"][0]
        host = (urlsplit(s.homepage or "").hostname or "").removeprefix("www.")
        assert f"site:{host}" in unquote(query), (s.id, query)
        assert ("ليبيا" in query) != s.libya_focused, (s.id, query)  # pan-Arab: only its Libya stories


def test_every_way_says_what_was_seen(registry):
    for s in registry.values():
        for f in s.feeds:
            assert f.evidence and len(f.evidence) > 20, (s.id, f.url)
            if f.verified:
                assert "200" in f.evidence or "items" in f.evidence, (s.id, f.evidence)


def test_the_evidence_of_issue_16_is_applied(registry):
    first = {sid: s.feeds[0] for sid, s in registry.items()}
    assert first["almarsad"].url == "https://almarsad.co/feed/" and first["almarsad"].verified
    assert first["bbc-arabic"].url == "https://feeds.bbci.co.uk/arabic/rss.xml" and first["bbc-arabic"].verified
    assert first["aawsat"].verified and "300 items" in first["aawsat"].evidence
    assert "refusing connections" in first["aljazeera"].evidence and not first["aljazeera"].verified
    assert first["tv218"].url == "https://www.218tv.net/feed/" and "2018" in first["tv218"].evidence
    assert first["afrigatenews"].url.endswith("/rss.xml")  # Drupal, not /feed
    assert not any(f.url.endswith("/feed") for f in registry["afrigatenews"].feeds)
    assert first["alaraby"].url == "https://www.alaraby.co.uk/rss.xml" and registry["alaraby"].user_agent is None
    sky = [f.url.rsplit("/", 1)[-1] for f in registry["skynewsarabia"].feeds if f.kind == "rss"]
    assert sky == ["middle-east.xml", "rss.xml", "world.xml"]  # the declared /rss.xml answered 404 twice
    assert "403" in first["alarabiya"].evidence and "403" in first["alwasat"].evidence
    assert {f.url for f in registry["libyaalahrar"].feeds} >= {"https://libyaalahrar.tv/feed/",
                                                               "https://libyaalahrar.net/feed/"}
    assert not registry["alnabaa"].enabled
    assert first["libyaakhbar"].url == "https://www.libyaakhbar.com/feed"
    assert first["cnn-arabic"].url == "https://arabic.cnn.com/api/v1/rss/rss.xml" and first["cnn-arabic"].verified


def test_sample_registry_still_loads():
    sources = load_sources(DATA_DIR / "sample_sources.yaml", base_url="http://127.0.0.1:1")
    assert [s.id for s in sources] == ["sample-wasat", "sample-manara", "sample-arabnews"]
    assert [f.kind for f in sources[0].feeds] == ["rss", "sitemap"]


@pytest.mark.parametrize(("feeds", "message"), [
    ([{"url": "https://x.ly/s.xml", "kind": "sitemap"}, {"url": "https://x.ly/feed"}], "own feeds, then sitemaps"),
    ([{"url": "https://news.google.com/rss/search?q=x", "kind": "google-news"}, {"url": "https://x.ly/feed"}],
     "found google-news, rss"),
    ([], "no way in"),
    ([{"url": "https://x.ly/feed"}, {"url": "https://x.ly/feed"}], "lists a way twice"),
])
def test_a_registry_with_ways_out_of_order_is_refused(tmp_path: Path, feeds, message):
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump({"sources": [{"id": "x", "name": "x", "feeds": feeds}]}), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_sources(path)


def test_default_user_agent_names_the_project_and_a_contact_url():
    ua = Settings().user_agent
    assert ua.startswith("RasdBot/") and "Rasd" in ua and "+https://" in ua
    assert not ua.startswith("Mozilla/")  # plain: outlets that refuse browser-like agents serve it


# -- routing --------------------------------------------------------------------------------------
SOURCE = Source(id="s", name="s", homepage="https://s.ly/", poll_interval_minutes=15, feeds=[
    {"url": "https://s.ly/feed/"}, {"url": "https://s.ly/sitemap.xml", "kind": "sitemap"},
    {"url": "https://news.google.com/rss/search?q=site%3As.ly", "kind": "google-news"}])
URLS = [f.url for f in SOURCE.feeds]


def ok(url: str, when: datetime = NOW - timedelta(minutes=5), new: int = 3) -> FeedState:
    return after_success(FeedState(source_id="s", feed_url=url), base_minutes=15, new_items=new, changed=True,
                         now=when)


def failed(state: FeedState | str, kind: str, times: int = 1, when: datetime = NOW - timedelta(minutes=5)
           ) -> FeedState:
    st = state if isinstance(state, FeedState) else FeedState(source_id="s", feed_url=state)
    for _ in range(times):
        st = after_failure(st, base_minutes=15, kind=kind, error=f"{kind} error", now=when)
    return st


def test_one_timeout_of_a_working_way_does_not_move_the_source():
    states = {URLS[0]: failed(ok(URLS[0], NOW - timedelta(hours=1)), "timeout")}
    r = route(SOURCE, states, NOW)
    assert (r.state, r.active) == ("primary", 0)
    assert way_view(0, SOURCE.feeds[0], states[URLS[0]]).label == "blip"


@pytest.mark.parametrize("kind", ["blocked_challenge", "forbidden", "http_4xx", "robots_disallowed"])
def test_a_failure_that_will_not_pass_moves_the_source_at_once(kind):
    states = {URLS[0]: failed(ok(URLS[0], NOW - timedelta(hours=1)), kind), URLS[1]: ok(URLS[1])}
    r = route(SOURCE, states, NOW)
    assert (r.state, r.active, r.severity) == ("fallback", 1, 1)
    assert kind in r.reason


def test_a_way_that_never_succeeded_is_down_from_its_first_failure_and_failing():
    st = failed(URLS[0], "dns")
    assert st.never_succeeded and st.status == "failing"  # it was never "ok"
    r = route(SOURCE, {URLS[0]: st}, NOW)
    assert (r.state, r.active) == ("fallback", 1)  # the sitemap is tried next
    r = route(SOURCE, {u: failed(u, "dns") for u in URLS}, NOW)
    assert (r.state, r.active, r.severity) == ("never", None, 2)
    assert r.reason.count("dns: ") == 3 and r.reason.startswith("rss 1: dns")


def test_a_source_whose_ways_all_fail_after_working_is_down():
    states = {u: failed(ok(u, NOW - timedelta(days=2)), "connect", times=6) for u in URLS}
    r = route(SOURCE, states, NOW)
    assert (r.state, r.severity) == ("down", 2)


def test_silent_when_no_new_item_for_too_long():
    quiet = ok(URLS[0], NOW - timedelta(days=5))
    quiet = after_success(quiet, base_minutes=15, new_items=0, changed=True, now=NOW - timedelta(minutes=5),
                          newest_entry=NOW - timedelta(days=5))
    r = route(SOURCE, {URLS[0]: quiet}, NOW)
    assert (r.state, r.active, r.severity) == ("silent", 0, 2)
    assert "no new item for 5 d" in r.reason
    assert route(SOURCE.model_copy(update={"silent_after_hours": 24 * 7}), {URLS[0]: quiet}, NOW).state == "primary"


def test_plan_retries_the_down_primary_on_its_slow_schedule_only():
    s = Settings(fallback_probe_minutes=60)
    down = failed(ok(URLS[0], NOW - timedelta(hours=3)), "forbidden", when=NOW - timedelta(minutes=20))
    fallback = ok(URLS[1], NOW - timedelta(minutes=2))
    states = {URLS[0]: down, URLS[1]: fallback}
    assert plan(SOURCE, states, now=NOW, settings=s) == []  # neither is due
    later = NOW + timedelta(hours=2)
    assert plan(SOURCE, states, now=later, settings=s) == [0, 1]  # the primary first, then the way in use
    assert plan(SOURCE, states, now=NOW, settings=s, force=True) == [0, 1]
    # due by its own back-off but tried less than probe_minutes ago: not yet
    early = down.model_copy(update={"next_poll": NOW - timedelta(minutes=1)})
    assert plan(SOURCE, {URLS[0]: early, URLS[1]: fallback}, now=NOW, settings=s) == []
    assert plan(SOURCE.model_copy(update={"enabled": False}), states, now=later, settings=s) == []


def test_outage_rule():
    never = route(SOURCE, {u: failed(u, "dns") for u in URLS}, NOW)
    up = route(SOURCE.model_copy(update={"id": "up"}), {URLS[0]: ok(URLS[0])}, NOW)

    def poll(status: str, kinds: list[str], was_down: bool = False) -> dict:
        return {"status": status, "was_down": was_down,
                "ways": [{"status": "failed" if k else "ok", "error_kind": k} for k in kinds]}

    message = outage([poll("failed", ["dns", "dns", "dns"])] * 2, [never, never])
    assert message and message.startswith("run failed: all 2 sources polled failed")
    assert "dns 6" in message and "is the network down?" in message
    assert outage([poll("failed", ["dns"]), poll("ok", [None])], [never, up]) is None
    # a dead outlet whose retry came due alone, while the rest works: red in feeds status, not a failed run
    assert outage([poll("failed", ["http_4xx"], was_down=True)], [never, up]) is None
    # ... but when nothing works anywhere any more, the run fails
    assert outage([poll("failed", ["connect"], was_down=True)], [never]) is not None
    assert outage([], [never]) is None


# -- bot challenges ------------------------------------------------------------------------------
def test_challenge_pages_are_recognised():
    html = {"content-type": "text/html; charset=UTF-8", "server": "cloudflare"}
    assert detect_challenge(403, html, CHALLENGE_PAGE) == "Cloudflare"
    assert detect_challenge(200, html, CHALLENGE_PAGE) == "Cloudflare"  # some answer 200
    assert detect_challenge(403, {"cf-mitigated": "challenge"}, b"") == "Cloudflare"
    assert detect_challenge(405, {"x-amzn-waf-action": "captcha"}, b"") == "AWS WAF"
    ddos = b"<html><head><title>DDoS-Guard</title></head><body>Checking your browser</body></html>"
    assert detect_challenge(403, html, ddos) == "DDoS-Guard"
    incapsula = b"<html><head></head><body><iframe src='/_Incapsula_Resource?x=1'></iframe></body></html>"
    assert detect_challenge(200, html, incapsula) == "Imperva"
    assert challenge_url("https://www.skynewsarabia.com/?__cf_chl_rt_tk=abc")


def test_ordinary_pages_and_feeds_behind_a_cdn_are_not_challenges():
    html = {"content-type": "text/html; charset=UTF-8", "server": "cloudflare"}
    article = ("<html><head><title>خبر من طرابلس</title></head><body>" + "<p>نص الخبر</p>" * 2000
               + "<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>"
               + "<script src='/_Incapsula_Resource?SWJIYLWA=1'></script></body></html>").encode()
    assert detect_challenge(200, html, article) is None
    feed = b'<?xml version="1.0"?><rss><channel><title>Just a moment...</title></channel></rss>'
    assert detect_challenge(200, {"content-type": "application/rss+xml"}, feed) is None
    assert detect_challenge(403, html, b"<html><body><h1>403 Forbidden</h1></body></html>") is None
    assert not challenge_url("https://www.skynewsarabia.com/rss/world.xml")
