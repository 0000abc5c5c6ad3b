"""Watchlists and alerts end to end: a real SMTP server (aiosmtpd) and a webhook receiver on loopback,
the real ingest path over a loopback news web, the real DAG ``libya_news_alerts`` with ``dag.test()``."""

from __future__ import annotations

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
