"""Watchlists and alerts end to end: a real SMTP server (aiosmtpd) and a webhook receiver on loopback,
the real ingest path over a loopback news web, the real DAG ``libya_news_alerts`` with ``dag.test()``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.airflow_run import run_dag
from pipeline.receivers import SmtpInbox, WebhookInbox
from tests.alert_site import BANK_BODY, BANK_TITLE, HAFTAR_TITLE, OLD_BODY, OLD_TITLE, OUTLETS, AlertSite

runner = CliRunner()


@dataclass
class Env:
    site: AlertSite
    smtp: SmtpInbox
    hook: WebhookInbox
    es: Any

    @property
    def s(self):
        from pipeline.config import get_settings

        return get_settings()

    def ingest(self) -> dict[str, Any]:
        from pipeline.ingest import run_once

        return run_once()

    def alerts_dag(self) -> None:
        state, _ = run_dag("libya_news_alerts")
        assert state == "success"

    def outbox(self) -> list[dict[str, Any]]:
        self.es.indices.refresh(index=self.s.alerts_index)
        hits = self.es.search(index=self.s.alerts_index, size=1000, sort=[{"created_at": "asc"}])["hits"]["hits"]
        return [{"_id": h["_id"], **h["_source"]} for h in hits]


def cli(*args: str):
    from pipeline.cli import app

    return runner.invoke(app, list(args))


@pytest.fixture
def env(clean_es, monkeypatch, tmp_path):
    from pipeline.config import reset_settings

    site = AlertSite().__enter__()
    smtp = SmtpInbox().start()
    hook = WebhookInbox().start()
    monkeypatch.setenv("RASD_SOURCES_FILE", str(site.write_sources(tmp_path / "sources.yaml")))
    monkeypatch.setenv("RASD_ARCHIVE_URL", str(tmp_path / "archive"))
    monkeypatch.setenv("RASD_ALERT_SMTP_CONN_ID", "rasd_test_smtp")
    monkeypatch.setenv("AIRFLOW_CONN_RASD_TEST_SMTP", smtp.connection_uri())
    monkeypatch.setenv("AIRFLOW_CONN_RASD_WEBHOOK_OPS", hook.connection_uri())
    monkeypatch.setenv("RASD_ALERT_RETRY_BASE_MINUTES", "0")  # a failed delivery is due again at the next run
    reset_settings()
    try:
        yield Env(site, smtp, hook, clean_es)
    finally:
        hook.stop()
        smtp.stop()
        site.__exit__()
        reset_settings()


@pytest.fixture(scope="module")
def indices(es_client, settings):
    """Fresh indices once for the tests that only read or refuse (faster than ``clean_es`` per case)."""
    from pipeline.index import ensure_indices
    from tests.conftest import wipe

    wipe(es_client)
    ensure_indices(es_client, settings)
    yield es_client
    wipe(es_client)


def add_watchlist(*args: str) -> None:
    res = cli("watch", "add", *args)
    assert res.exit_code == 0, res.output


# -- the story of the issue ----------------------------------------------------------------------
@pytest.mark.slow
def test_one_alert_per_story_one_followup_and_reruns_send_nothing(env):
    add_watchlist("haftar", "--person", "حفتر", "--email", "analyst@example.org", "--webhook", "ops",
                  "--description", "المشير حفتر")
    env.site.carry_haftar(["o1", "o2", "o3"])
    env.site.carry("o1", "bank-salaries", BANK_TITLE, BANK_BODY, datetime.now(UTC) + timedelta(seconds=1))
    summary = env.ingest()
    assert summary["counts"]["indexed"] == 4
    env.es.indices.refresh(index=env.s.articles_alias)
    story = {h["_source"]["cluster_id"] for h in env.es.search(
        index=env.s.articles_alias, query={"match_phrase": {"title": HAFTAR_TITLE}})["hits"]["hits"]}
    assert len(story) == 1, "the three copies must be one story for this test to mean anything"

    env.alerts_dag()
    assert len(env.smtp.mails) == 1 and len(env.hook.delivered) == 1

    mail = env.smtp.mails[0]
    assert mail.recipients == ["analyst@example.org"]
    assert mail.message.get_content_type() == "multipart/alternative"
    text = mail.message.get_body(("plain",)).get_content()
    html = mail.message.get_body(("html",)).get_content()
    assert HAFTAR_TITLE in text and HAFTAR_TITLE in html
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "<mark>" in html and "«" in text  # the snippet is highlighted
    first_outlet = OUTLETS["o1"]
    assert f"المصدر: {first_outlet}" in text
    assert "نشرته أيضًا" in text and OUTLETS["o2"] in text and OUTLETS["o3"] in text
    assert BANK_TITLE not in text
    post = env.hook.delivered[0]
    assert HAFTAR_TITLE in post.body["text"] and post.body["rasd"]["kind"] == "new"
    sent_ids = {d["channel"]: d["message_id"] for d in env.outbox()}
    assert mail.message["Message-ID"] == sent_ids["email"]
    assert "<" + post.headers["idempotency-key"] + ">" == sent_ids["webhook:ops"]

    # re-running the DAG sends nothing more
    env.alerts_dag()
    assert len(env.smtp.mails) == 1 and len(env.hook.delivered) == 1

    # two more outlets carry the story: one follow-up, threaded under the first mail
    env.site.carry_haftar(["o4", "o5"])
    assert env.ingest()["counts"]["indexed"] == 2
    env.alerts_dag()
    assert len(env.smtp.mails) == 2 and len(env.hook.delivered) == 2
    follow = env.smtp.mails[1].message
    assert follow["In-Reply-To"] == mail.message["Message-ID"]
    ftext = follow.get_body(("plain",)).get_content()
    assert "متابعة" in ftext and "الآن: 5" in ftext and OUTLETS["o4"] in ftext and OUTLETS["o5"] in ftext
    assert env.hook.delivered[1].body["rasd"]["kind"] == "followup"

    env.alerts_dag()
    # re-processing today's archive (the backfill DAG's archive mode) re-indexes every copy: nothing new either
    from pipeline.backfill import reprocess_archive_day

    reprocess_archive_day(datetime.now(UTC).date().isoformat())
    env.alerts_dag()
    assert len(env.smtp.mails) == 2 and len(env.hook.delivered) == 2
    outbox = env.outbox()
    assert sorted((d["step"], d["channel"]) for d in outbox) == [(0, "email"), (0, "webhook:ops"),
                                                                  (1, "email"), (1, "webhook:ops")]
    assert {d["status"] for d in outbox} == {"sent"}
    assert all(d["latency_seconds"] > 0 for d in outbox)


# -- matching ---------------------------------------------------------------------------------------
@pytest.mark.slow
def test_person_and_word_watchlists_match_clitic_forms(env):
    """The story names Haftar only as لحفتر and وحفتر: the person filter (tagger) and the word (analyzer) both
    find it; a watchlist on another person does not."""
    from pipeline import watchlists as wl
    from pipeline.alerts import evaluate, preview

    add_watchlist("by-person", "--person", "Khalifa Haftar", "--webhook", "ops")
    add_watchlist("by-word", "حفتر", "--webhook", "ops")
    add_watchlist("by-phrase", '"الهلال النفطي"', "--place", "بنغازي", "--webhook", "ops")
    add_watchlist("other", "--person", "فائز السراج", "--webhook", "ops")
    env.site.carry_haftar(["o1", "o2"])
    env.ingest()
    body = " ".join(env.es.search(index=env.s.articles_alias, size=1)["hits"]["hits"][0]["_source"]["body"].split())
    assert "لحفتر" in body and "وحفتر" in body and " حفتر " not in f" {body} "
    ev = evaluate(es=env.es)
    assert {n: p["matched"] for n, p in ev.per_watchlist.items()} == {
        "by-person": 1, "by-word": 1, "by-phrase": 1, "other": 0}
    person = wl.get(env.es, "by-person", env.s)
    assert person is not None and person.person == "خليفة حفتر"
    stories, total = preview(person, days=1, es=env.es)
    assert total == 1 and stories[0].title == HAFTAR_TITLE and len(stories[0].outlets) == 2
    assert any("\ue000لحفتر\ue001" in s or "\ue000وحفتر\ue001" in s for s in stories[0].snippets)
    res = cli("watch", "test", "by-word", "--days", "1")
    assert res.exit_code == 0 and HAFTAR_TITLE in res.output and "nothing was sent" in res.output


@pytest.mark.parametrize(("args", "message"), [
    (["bad", "--person", "حفترر", "--email", "a@example.org"], "unknown person"),
    (["bad", "--person", "القذافي", "--email", "a@example.org"], "names several entries"),
    (["bad", '"الهلال النفطي', "--email", "a@example.org"], "unbalanced quotes"),
    (["bad", "في من على", "--email", "a@example.org"], "stop words"),
    (["bad", "حفتر"], "needs a channel"),
    (["bad", "--email", "a@example.org"], "would match every article"),
    (["bad", "حفتر", "--webhook", "https://hooks.example.org/x"], "not URLs"),
    (["bad", "حفتر", "--email", "not-an-address"], "not an e-mail address"),
    (["bad", "حفتر", "--topic", "weather", "--email", "a@example.org"], "unknown topic"),
    (["bad", "حفتر", "--source", "nosuch", "--email", "a@example.org"], "unknown source"),
    (["has space", "حفتر", "--email", "a@example.org"], "one word"),
    (["bad", "حفتر", "--email", "a@example.org", "--digest", "500"], "digest_hours"),
])
def test_invalid_watchlist_is_refused_at_add(indices, args, message):
    res = cli("watch", "add", *args)
    assert res.exit_code == 2, res.output
    assert message in " ".join(res.output.split())
    assert cli("watch", "list", "--json").output.strip() == "[]"


def test_email_domains_can_be_restricted(env, monkeypatch):
    from pipeline.config import reset_settings

    monkeypatch.setenv("RASD_ALERT_EMAIL_DOMAINS", "newsroom.example.org")
    reset_settings()
    res = cli("watch", "add", "x", "حفتر", "--email", "someone@elsewhere.example.com")
    assert res.exit_code == 2 and "RASD_ALERT_EMAIL_DOMAINS" in res.output
    add_watchlist("x", "حفتر", "--email", "desk@newsroom.example.org")


def test_seed_from_yaml_checks_everything_first_and_is_idempotent(env, tmp_path):
    from pipeline import watchlists as wl
    from pipeline.config import DATA_DIR

    example = DATA_DIR / "watchlists.example.yaml"
    res = cli("watch", "seed", str(example))
    assert res.exit_code == 0, res.output
    first = {w.name: w for w in wl.listing(env.es, env.s)}
    assert len(first) >= 4 and all(w.created_at for w in first.values())
    res = cli("watch", "seed", str(example))
    assert res.exit_code == 0 and f"0 added, {len(first)} replaced" in res.output
    again = {w.name: w for w in wl.listing(env.es, env.s)}
    assert {n: w.created_at for n, w in again.items()} == {n: w.created_at for n, w in first.items()}

    bad = tmp_path / "bad.yaml"
    bad.write_text("watchlists:\n  - {name: new-one, query: طرابلس, channels: [{webhook: ops}]}\n"
                   "  - {name: broken, person: لا أحد, channels: [{webhook: ops}]}\n", encoding="utf-8")
    res = cli("watch", "seed", str(bad))
    assert res.exit_code == 2 and "broken" in res.output
    assert wl.get(env.es, "new-one", env.s) is None  # nothing of a refused file is saved


# -- delivery ---------------------------------------------------------------------------------------
def _story_in_outbox(env, *extra: str) -> None:
    """A watchlist, the syndicated story indexed, its alert(s) in the outbox (nothing sent yet)."""
    from pipeline.alerts import evaluate

    add_watchlist("haftar", "حفتر", *extra)
    env.site.carry_haftar(["o1", "o2", "o3"])
    env.ingest()
    ev = evaluate(es=env.es)
    assert ev.new_alerts == ev.watchlists


@pytest.mark.slow
def test_smtp_refusing_then_accepting_delivers_once(env):
    from pipeline.delivery import deliver

    _story_in_outbox(env, "--email", "analyst@example.org")
    # the server answers 451 (try later) once: the same run tries again after a back-off and delivers
    env.smtp.refuse(1)
    res = deliver(es=env.es)
    assert env.smtp.refused == 1 and len(env.smtp.mails) == 1
    assert res.alerts_sent == 1 and res.attempts == 2
    assert deliver(es=env.es).alerts_sent == 0 and len(env.smtp.mails) == 1


@pytest.mark.slow
def test_smtp_server_down_then_up_delivers_once_across_runs(env):
    _story_in_outbox(env, "--email", "analyst@example.org")
    env.smtp.stop()  # connection refused for the whole run (three tries)
    env.alerts_dag()
    [doc] = env.outbox()
    assert doc["status"] == "retrying" and doc["last_error_kind"] == "smtp_connect" and doc["attempts"] == 1
    res = cli("alerts", "list", "--failed", "--json")
    assert res.exit_code == 0
    assert [(r["status"], r["last_error_kind"]) for r in json.loads(res.output)] == [("retrying", "smtp_connect")]
    env.smtp.start()
    env.alerts_dag()
    env.alerts_dag()
    assert len(env.smtp.mails) == 1
    [doc] = env.outbox()
    assert doc["status"] == "sent" and doc["attempts"] == 2


@pytest.mark.slow
def test_a_server_that_is_down_is_tried_once_per_run(env):
    """Two messages for one SMTP server that refuses connections: the first is tried (3 times), the second
    waits for the next run without an hour of timeouts; both are due again, neither is lost."""
    from pipeline.delivery import deliver

    add_watchlist("second", "الهلال النفطي", "--email", "other@example.org")
    _story_in_outbox(env, "--email", "analyst@example.org")
    assert len(env.outbox()) == 2
    env.smtp.stop()
    res = deliver(es=env.es)
    assert res.attempts == env.s.alert_send_tries and res.alerts_retrying == 2 and len(res.errors) == 1
    env.smtp.start()
    assert deliver(es=env.es).alerts_sent == 2 and len(env.smtp.mails) == 2


@pytest.mark.slow
def test_webhook_500_then_200_delivers_once(env):
    _story_in_outbox(env, "--webhook", "ops")
    env.hook.script = [500]
    env.alerts_dag()
    assert [p.status for p in env.hook.posts] == [500, 200]
    assert len(env.hook.delivered) == 1
    env.alerts_dag()
    assert len(env.hook.posts) == 2
    [doc] = env.outbox()
    assert doc["status"] == "sent"
    assert env.hook.posts[0].headers["idempotency-key"] == env.hook.posts[1].headers["idempotency-key"]


@pytest.mark.slow
def test_webhook_refusal_fails_at_once_is_shown_and_can_be_retried(env, monkeypatch):
    from pipeline.config import reset_settings
    from pipeline.delivery import counts, deliver

    monkeypatch.setenv("RASD_ALERT_MAX_ATTEMPTS", "2")
    reset_settings()
    _story_in_outbox(env, "--webhook", "ops", "--email", "analyst@example.org")
    env.hook.script = [404]  # a wrong URL does not get better by itself: no retry
    env.smtp.stop()  # ... while a mail server that is down is retried, then given up after 2 attempts
    deliver(es=env.es)
    assert [p.status for p in env.hook.posts] == [404]
    deliver(es=env.es)
    assert counts(env.es) == {"failed": 2}
    res = cli("alerts", "list", "--failed", "--json")
    assert sorted(r["last_error_kind"] for r in json.loads(res.output)) == ["smtp_connect", "webhook_4xx"]
    assert "failed: 2" in cli("alerts", "status").output

    env.smtp.start()
    assert "2 alerts due now" in cli("alerts", "retry").output
    res = deliver(es=env.es)
    assert res.alerts_sent == 2 and len(env.smtp.mails) == 1 and len(env.hook.delivered) == 1


@pytest.mark.slow
def test_a_worker_dying_between_send_and_mark_sends_again_with_the_same_message_id(env, monkeypatch):
    """At least once: the one duplicate the design allows, and the id that lets receivers drop it."""
    from pipeline import delivery

    _story_in_outbox(env, "--email", "analyst@example.org")

    def crash(es, s, taken, msg, at):  # the server accepted the mail; the worker dies before the outbox write
        raise SystemExit("worker killed")

    with monkeypatch.context() as mp, pytest.raises(SystemExit):
        mp.setattr(delivery, "_sent", crash)
        delivery.deliver(es=env.es)
    assert len(env.smtp.mails) == 1
    [doc] = env.outbox()
    assert doc["status"] == "sending"
    assert delivery.deliver(es=env.es).alerts_sent == 0  # the lease holds: no second send yet
    later = datetime.now(UTC) + timedelta(minutes=env.s.alert_lease_minutes + 1)
    assert delivery.deliver(es=env.es, now=later).alerts_sent == 1
    assert len(env.smtp.mails) == 2
    assert env.smtp.mails[0].message["Message-ID"] == env.smtp.mails[1].message["Message-ID"]


@pytest.mark.slow
def test_two_deliverers_never_claim_the_same_alert(env):
    from pipeline import delivery

    _story_in_outbox(env, "--webhook", "ops")
    now = datetime.now(UTC)
    seen_by_both = delivery.due(env.es, env.s, now)
    assert len(seen_by_both) == 1
    assert len(delivery.claim(env.es, env.s, seen_by_both, now)) == 1
    assert delivery.claim(env.es, env.s, seen_by_both, now) == []  # stale sequence number: refused


@pytest.mark.slow
def test_webhook_to_a_private_address_is_refused_without_a_packet_sent(env, monkeypatch):
    from pipeline.delivery import deliver

    # 10.x is never dialled: the address guard refuses it after resolving, before connecting
    monkeypatch.setenv("AIRFLOW_CONN_RASD_WEBHOOK_OPS",
                       json.dumps({"conn_type": "http", "extra": {"url": "http://10.255.255.1/hooks/x"}}))
    _story_in_outbox(env, "--webhook", "ops")
    res = deliver(es=env.es)
    assert res.alerts_failed == 1 and res.attempts == 1
    [doc] = env.outbox()
    assert doc["status"] == "failed" and doc["last_error_kind"] == "blocked_address"


@pytest.mark.slow
def test_digest_waits_then_sends_every_story_in_one_message(env):
    from pipeline.alerts import evaluate
    from pipeline.delivery import deliver

    add_watchlist("libya-digest", "طرابلس", "--email", "analyst@example.org", "--digest", "6")
    env.site.carry_haftar(["o1", "o2"])
    env.site.carry("o3", "bank-salaries", BANK_TITLE, BANK_BODY, datetime.now(UTC) + timedelta(seconds=1))
    env.ingest()
    assert evaluate(es=env.es).new_alerts == 2
    res = deliver(es=env.es)
    assert res.waiting_for_digest == 2 and not env.smtp.mails
    res = deliver(es=env.es, now=datetime.now(UTC) + timedelta(hours=6, minutes=1))
    assert res.messages_sent == 1 and res.alerts_sent == 2
    [mail] = env.smtp.mails
    text = mail.message.get_body(("plain",)).get_content()
    assert HAFTAR_TITLE in text and BANK_TITLE in text and "الملخص الدوري" in mail.message["Subject"]


def test_removed_watchlist_cancels_what_it_had_not_sent(clean_es, settings):
    indices = clean_es
    from pipeline import delivery
    from pipeline.alerts import Decision, Story, _create, outbox_documents
    from pipeline.watchlists import parse, save

    w = save(indices, parse({"name": "gone", "query": "حفتر", "channels": [{"webhook": "ops"}]}, settings), settings)
    d = Decision(w, Story(id="s1", title="t", url="http://x"), 0, "s1", 1)
    _create(indices, settings, outbox_documents(d, datetime.now(UTC), None))
    assert cli("watch", "rm", "gone").exit_code == 0
    res = delivery.deliver(es=indices, sender=lambda *a: pytest.fail("nothing may be sent"))
    assert res.alerts_cancelled == 1
    assert delivery.counts(indices, settings) == {"cancelled": 1}


# -- backfills ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_backfill_of_last_month_sends_nothing(env):
    """A sitemap backfill fetches last month's stories now: they match the watchlist, yet never alert."""
    from pipeline import watchlists as wl

    add_watchlist("haftar", "--person", "حفتر", "--email", "analyst@example.org", "--webhook", "ops")
    month_ago = datetime.now(UTC) - timedelta(days=30)
    for i, o in enumerate(["o1", "o2", "o3"]):
        env.site.in_sitemap(o, "south-roads", OLD_TITLE, OLD_BODY, month_ago + timedelta(minutes=i))
    conf = {"start": (month_ago - timedelta(days=1)).date().isoformat(),
            "end": (month_ago + timedelta(days=1)).date().isoformat(), "mode": "sitemap", "sources": [],
            "dry_run": False}
    state, summary = run_dag("libya_news_backfill", conf=conf)
    assert state == "success" and summary["counts"]["indexed"] == 3
    w = wl.get(env.es, "haftar", env.s)
    env.es.indices.refresh(index=env.s.articles_alias)
    assert env.es.count(index=env.s.articles_alias, query=wl.to_query(w))["count"] == 3  # they do match
    env.alerts_dag()
    assert env.outbox() == [] and not env.smtp.mails and not env.hook.posts


# -- the DAG and the messages ---------------------------------------------------------------------
def test_alerts_dag_runs_on_the_articles_asset():
    from airflow.dag_processing.dagbag import DagBag

    from pipeline.airflow_run import DAGS_FOLDER

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    assert bag.import_errors == {}
    dag = bag.get_dag("libya_news_alerts")
    assert type(dag.timetable).__name__ == "AssetOrTimeSchedule"
    assert [a.name for a in dag.timetable.asset_condition.objects] == ["rasd_articles"]
    assert dag.max_active_runs == 1 and not dag.catchup
    assert dag.get_task("deliver").trigger_rule == "all_done"
    assert dag.get_task("deliver").upstream_task_ids == {"evaluate"}


def test_messages_escape_html_and_keep_arabic_right_to_left():
    from email import message_from_bytes, policy

    from pipeline.alerts import MARK_POST, MARK_PRE
    from pipeline.messages import email, render
    from pipeline.watchlists import Watchlist

    w = Watchlist(name="t", query="حفتر", channels=[{"webhook": "ops"}], description="المشير خليفة حفتر")
    title = "<script>x</script> عنوان طويل عن استئناف تصدير النفط من موانئ الهلال النفطي بعد أسبوعين"
    doc = {"_id": "t:s:0:email", "story_id": "s", "step": 0, "title": title,
           "url": "https://example.org/a?b=1&c=2", "source_name": "مصدر | أ", "published_at": "2026-01-05T10:00:00Z",
           "snippets": [f"قال {MARK_PRE}لحفتر{MARK_POST} إن <b>"], "outlets": ["مصدر | أ", "مصدر ب"]}
    msg = render(w, "email", [doc])
    assert "<script>" not in msg.html and "&lt;script&gt;" in msg.html
    assert "<mark>لحفتر</mark>" in msg.html and "&lt;b&gt;" in msg.html
    assert "«لحفتر»" in msg.text and "12:00 بتوقيت ليبيا" in msg.text  # Tripoli is UTC+2
    assert "نشرته أيضًا: مصدر ب" in msg.text
    # chat text: the title may not break the <url|title> link syntax
    assert f"<https://example.org/a?b=1&c=2|‹script›x‹/script› {title.split('> ', 1)[1]}>" in msg.webhook["text"]
    assert all(line.strip()[0] not in "abcdefghijklmnopqrstuvwxyz" for line in msg.text.splitlines()
               if line.strip() and not line.startswith("—"))
    mail = message_from_bytes(email(msg, sender="rasd@example.org", to=["a@example.org"]).as_bytes(),
                              policy=policy.default)
    assert mail["Message-ID"] == msg.message_id and mail.get_body(("html",)).get_content_charset() == "utf-8"
    assert mail["Subject"] == msg.subject  # long Arabic subjects keep their spaces when folded
    assert mail["Content-Language"] == "ar"


def test_kibana_shows_alerts_and_their_delivery():
    from pipeline import kibana
    from pipeline.config import REPO_ROOT

    objs = {(o["type"], o["id"]): o for o in kibana.load_objects(REPO_ROOT / "kibana" / "rasd.ndjson")}
    view = objs["index-pattern", "rasd-alerts"]["attributes"]
    assert view["title"] == "rasd-alerts" and view["timeFieldName"] == "created_at"
    assert ("search", "rasd-search-alerts") in objs
    failed = json.loads(objs["search", "rasd-search-alerts-failed"]["attributes"]["kibanaSavedObjectMeta"]
                        ["searchSourceJSON"])
    assert failed["query"]["query"] == "status:(failed or retrying)"
    lens = objs["lens", "rasd-lens-alerts-sent-failed"]["attributes"]
    assert lens["title"] == "Rasd: alerts sent / failed"
    (layer,) = lens["state"]["datasourceStates"]["formBased"]["layers"].values()
    assert layer["columns"]["split"]["sourceField"] == "status"
    health = {r["id"] for r in objs["dashboard", "rasd-dashboard-health"]["references"]}
    assert {"rasd-lens-alerts-sent-failed", "rasd-search-alerts-failed"} <= health
