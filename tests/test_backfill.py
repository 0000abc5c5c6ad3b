"""Backfill and re-processing through the real DAGs (dag.test()), and the
digest DAG fed by the articles asset."""

from __future__ import annotations

import shutil

import pytest
import yaml

from pipeline.airflow_run import run_dag


def _count(es, s) -> int:
    es.indices.refresh(index=s.articles_alias)
    return es.count(index=s.articles_alias)["count"]


@pytest.mark.slow
def test_reprocess_archive_updates_tags_not_counts(sample_env, es_client, settings, tmp_path, monkeypatch):
    """Ingest, change a gazetteer entry, backfill in archive mode: tags updated, count unchanged."""
    from datetime import UTC, datetime

    import pipeline.tag as tag_module
    from pipeline.config import DATA_DIR

    state, summary = run_dag("libya_news_ingest")
    assert state == "success"
    n = _count(es_client, settings)
    assert n == len(sample_env["expected_indexed"])
    hits = es_client.search(index=settings.articles_alias, query={"term": {"places": "غدامس"}})["hits"]["hits"]
    festival = [h for h in hits if h["_source"]["canonical_url"].endswith("ghadames-festival.html")]
    assert len(festival) == 1 and "غدامس الاختبارية" not in festival[0]["_source"]["persons"]

    # a new person appears in the gazetteer: the festival's organiser, named in the Ghadames story
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("sample_site"))
    persons = yaml.safe_load((data / "gazetteer" / "persons.yaml").read_text(encoding="utf-8"))
    persons.append({"id": "test-ghadames", "ar": "غدامس الاختبارية", "en": "Test", "variants": [],
                    "short": ["غدامس"], "ambiguous": [], "libyan": True, "type": "person"})
    (data / "gazetteer" / "persons.yaml").write_text(yaml.safe_dump(persons, allow_unicode=True), encoding="utf-8")
    tagger = tag_module.Tagger(data)
    monkeypatch.setattr(tag_module, "get_tagger", lambda: tagger)

    today = datetime.now(UTC).date().isoformat()
    conf = {"start": today, "end": today, "mode": "archive", "sources": [], "dry_run": False}
    state, summary = run_dag("libya_news_backfill", conf=conf)
    assert state == "success", summary
    assert summary["counts"]["reprocessed"] == len(sample_env["manifest"]["articles"])
    assert _count(es_client, settings) == n
    doc = es_client.get(index=settings.articles_alias, id=festival[0]["_id"])["_source"]
    assert "غدامس الاختبارية" in doc["persons"]

    # twice: nothing changes
    state, summary = run_dag("libya_news_backfill", conf=conf)
    assert state == "success" and _count(es_client, settings) == n


@pytest.mark.slow
def test_sitemap_backfill_and_digest(sample_env, es_client, settings):
    conf = {"start": "2024-09-01", "end": "2025-01-31", "mode": "sitemap", "sources": ["sample-wasat"],
            "dry_run": True}
    state, summary = run_dag("libya_news_backfill", conf=conf)
    assert state == "success"
    assert summary["counts"]["articles_new"] == 3 and summary["counts"].get("indexed", 0) == 0
    assert _count(es_client, settings) == 0

    conf["dry_run"] = False
    state, summary = run_dag("libya_news_backfill", conf=conf)
    assert state == "success", summary
    assert summary["counts"]["indexed"] == 3  # derna, benghazi, noc: the window only
    assert _count(es_client, settings) == 3
    state, summary = run_dag("libya_news_backfill", conf=conf)
    assert summary["counts"]["articles_new"] == 0 and _count(es_client, settings) == 3

    # the digest DAG (scheduled on the articles asset) builds one document per day
    state, _ = run_dag("libya_news_digest")
    assert state == "success"
    es_client.indices.refresh(index=settings.digests_index)
    digests = es_client.search(index=settings.digests_index, size=10)["hits"]["hits"]
    assert {d["_id"] for d in digests} == {"2024-09-10", "2024-11-20", "2025-01-05"}
    noc = es_client.get(index=settings.digests_index, id="2025-01-05")["_source"]
    assert noc["articles"] == 1 and noc["top_stories"][0]["title"]


def test_backfill_rejects_bad_form(sample_env):
    from pipeline.backfill import plan
    from pipeline.errors import InputError

    with pytest.raises(InputError, match="before start"):
        plan(start="2025-02-01", end="2025-01-01", sources=None, mode="archive")
    with pytest.raises(InputError, match="unknown source"):
        plan(start="2025-01-01", end="2025-01-02", sources=["nope"], mode="archive")
    with pytest.raises(InputError, match="mode"):
        plan(start="2025-01-01", end=None, sources=None, mode="bogus")


def test_assets_wire_ingest_and_backfill_to_digest():
    from airflow.dag_processing.dagbag import DagBag

    from pipeline.airflow_run import DAGS_FOLDER

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    for dag_id in ("libya_news_ingest", "libya_news_backfill"):
        finish = bag.get_dag(dag_id).get_task("finish")
        assert [o.name for o in finish.outlets] == ["rasd_articles"]
    digest = bag.get_dag("libya_news_digest")
    assert "rasd_articles" in str(digest.timetable.asset_condition)


@pytest.mark.slow
def test_backfill_as_first_run_on_an_empty_cluster(sample_env, es_client):
    """A backfill may be the very first run: it installs templates and aliases itself."""
    from tests.conftest import wipe

    wipe(es_client)
    conf = {"start": "2025-01-01", "end": "2025-01-31", "mode": "archive", "sources": [], "dry_run": True}
    state, summary = run_dag("libya_news_backfill", conf=conf)
    assert state == "success", summary
    assert summary["counts"].get("archived_pages", 0) == 0


def test_archive_backfill_reports_pages_its_worker_cannot_read(sample_env, es_client, settings, tmp_path,
                                                               monkeypatch):
    """The archive is the one thing a task reads that other tasks wrote: a worker whose
    RASD_ARCHIVE_URL is a disk of its own sees only its part of a day. The day's task says how many
    articles it could not find, with an example and the remedy, instead of re-processing part of
    the day as if it were all of it."""
    from datetime import UTC, datetime

    from pipeline.backfill import reprocess_archive_day
    from pipeline.config import reset_settings
    from pipeline.ingest import run_once

    summary = run_once()
    indexed = summary["counts"]["indexed"]
    assert indexed == len(sample_env["expected_indexed"])
    today = datetime.now(UTC).date().isoformat()

    whole = reprocess_archive_day(today, dry_run=True)  # the archive every page went to
    assert "archive_missing" not in whole["counts"] and whole["counts"]["archived_pages"] >= indexed

    monkeypatch.setenv("RASD_ARCHIVE_URL", str(tmp_path / "another-workers-disk"))
    reset_settings()
    blind = reprocess_archive_day(today, dry_run=True)
    assert blind["counts"]["archive_missing"] == indexed and blind["counts"]["archived_pages"] == 0
    [error] = [e for e in blind["errors"] if e["kind"] == "archive_missing"]
    assert f"{indexed} articles fetched on {today} are not in the archive this worker reads" in error["error"]
    assert "RASD_ARCHIVE_URL" in error["error"]
    assert error["url"].startswith(str(tmp_path / "archive")) and ".warc.gz#" in error["url"]  # where it is
