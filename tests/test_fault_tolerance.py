"""Fault tolerance against the real Elasticsearch: bulk rejections and 429s,
dead letters, Elasticsearch stopped mid-bulk, the ingest process killed
mid-run, and two runs at once.  Every case ends in the same index state as an
undisturbed run: none lost, none twice, clusters whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime

import pytest

from pipeline.models import Article, Content, LanguageInfo
from tests.esproxy import ESProxy


def _docs(es, s) -> dict[str, dict]:
    es.indices.refresh(index=s.articles_alias)
    hits = es.search(index=s.articles_alias, size=500, query={"match_all": {}})["hits"]["hits"]
    return {h["_id"]: h["_source"] for h in hits}


def assert_converged(es, s, expected: set[str]) -> None:
    """The state an undisturbed run leaves: the expected ids, whole clusters, one lead each."""
    docs = _docs(es, s)
    assert set(docs) == expected
    sizes = Counter(d["cluster_id"] for d in docs.values())
    for doc_id, d in docs.items():
        assert d["cluster_size"] == sizes[d["cluster_id"]], (doc_id, d["cluster_size"], sizes[d["cluster_id"]])
        assert d["is_cluster_lead"] == (doc_id == d["cluster_id"])
    sarraj = [d for d in docs.values() if "sarraj" in d["canonical_url"]]
    assert len(sarraj) == 2 and sarraj[0]["cluster_id"] == sarraj[1]["cluster_id"]


def _articles(n: int) -> list[Article]:
    return [
        Article(id=f"ft-{i:05d}", url=f"https://x.ly/{i}", canonical_url=f"https://x.ly/{i}", source_id="t",
                content=Content(title=f"خبر {i}", text="نص عن ليبيا " * 20,
                                published_at=datetime(2025, 1, 1, tzinfo=UTC)),
                language=LanguageInfo(lang="ar", prob=1.0))
        for i in range(n)
    ]


def test_bulk_429_is_retried(clean_es, settings):
    from pipeline.index import index_articles

    proxy = ESProxy(settings.es_url)
    try:
        s = settings.model_copy(update={"es_url": proxy.url, "bulk_initial_backoff": 0.1, "bulk_chunk_size": 50})
        from pipeline.index import get_client

        proxy.reject_requests = 2  # the first two bulk requests answer 429
        result = index_articles(get_client(s), _articles(120), s, refresh=True)
        assert result.indexed == 120 and result.failed == 0
        assert proxy.bulk_requests >= 3 + 2
        assert clean_es.count(index=settings.articles_alias)["count"] == 120
    finally:
        proxy.close()


def test_rejected_items_become_dead_letters_the_next_run_retries(sample_env, es_client):
    from pipeline.config import get_settings
    from pipeline.ingest import run_once

    base = get_settings()
    proxy = ESProxy(base.es_url)
    try:
        s = base.model_copy(update={"es_url": proxy.url, "bulk_initial_backoff": 0.05, "bulk_max_retries": 2})
        expected = sample_env["expected_indexed"]
        # one copy of the two-copy Sarraj story (its cluster must heal) and one single article
        sarraj = sorted(i for i, u in sample_env["urls"].items() if "sarraj" in u)
        others = sorted(expected - set(sarraj))
        victims = [sarraj[-1], others[0]]
        proxy.reject_ids = {victims[0]: 429, victims[1]: 400}  # still failing after every retry
        summary = run_once(settings=s)
        assert summary["counts"]["index_failed"] == 2 and summary["counts"]["dead_letters"] == 2
        assert set(_docs(es_client, base)) == expected - set(victims)
        es_client.indices.refresh(index=base.deadletter_index)
        letters = es_client.search(index=base.deadletter_index)["hits"]["hits"]
        assert {h["_id"] for h in letters} == set(victims)
        assert all(h["_source"]["doc"]["canonical_url"] for h in letters)

        proxy.reject_ids = {}  # Elasticsearch accepts again: the next run retries the letters first
        summary = run_once(settings=s)
        assert summary["counts"]["dead_letters_indexed"] == 2
        assert_converged(es_client, base, expected)
        es_client.indices.refresh(index=base.deadletter_index)
        assert es_client.count(index=base.deadletter_index)["count"] == 0
    finally:
        proxy.close()


@pytest.mark.slow
def test_elasticsearch_stopped_mid_bulk_then_retry(tmp_path):
    """The task fails cleanly; after a restart the retry leaves exactly the expected documents."""
    from pipeline import es_local
    from pipeline.config import Settings
    from pipeline.errors import IndexingError
    from pipeline.index import ensure_indices, get_client, index_articles
    from pipeline.services.proc import free_port

    # a free port unless one is given: a fixed one collides with any other local node on the machine
    port = int(os.environ.get("RASD_TEST_FAULT_ES_PORT") or free_port())
    info = es_local.start(name="fault", port=port)
    try:
        s = Settings(es_url=info.url, index_prefix="rasdfault", bulk_chunk_size=100, bulk_max_retries=1,
                     bulk_initial_backoff=0.1, es_timeout=5)
        es = get_client(s)
        es.options(ignore_status=404).indices.delete(index="rasdfault-*")
        ensure_indices(es, s)
        articles = _articles(6000)
        failure: list[BaseException] = []

        def task() -> None:
            try:
                index_articles(get_client(s), articles, s)
            except BaseException as exc:  # what Airflow would see
                failure.append(exc)

        t = threading.Thread(target=task)
        t.start()
        while es.count(index=s.articles_alias)["count"] == 0 and t.is_alive():
            es.indices.refresh(index=s.articles_alias)
            time.sleep(0.05)
        es_local.stop("fault")
        t.join(timeout=120)
        assert not t.is_alive(), "the indexing task hung after Elasticsearch stopped"
        assert failure and isinstance(failure[0], IndexingError), failure  # failed cleanly, with our error

        info = es_local.start(name="fault", port=port)  # same data folder
        es = get_client(s)
        result = index_articles(es, articles, s, refresh=True)  # the retry
        assert result.failed == 0
        assert es.count(index=s.articles_alias)["count"] == 6000
    finally:
        es_local.stop("fault")


@pytest.mark.slow
def test_ingest_killed_mid_run_converges(sample_env, es_client, tmp_path):
    """kill -9 during a run; the next run ends where an undisturbed run ends."""
    from pipeline.config import DATA_DIR, get_settings, reset_settings
    from pipeline.ingest import run_once
    from pipeline.newsweb import Route

    web = sample_env["web"]
    slow = "/manara/articles/ghadames-festival.html"
    page = (DATA_DIR / "sample_site" / slow.lstrip("/")).read_bytes().replace(b"{base}", web.base_url.encode())
    web.add_route(slow, Route(body=page, delay=30, headers={"Content-Type": "text/html; charset=utf-8"}))
    s = get_settings()
    env = dict(os.environ, ES_URL=s.es_url, RASD_CHUNK_SIZE="3", RASD_READ_TIMEOUT="60", RASD_TOTAL_TIMEOUT="90")
    code = "from pipeline.ingest import run_once; run_once()"
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until the slow page is being fetched
            if web.hits.get(slow):
                break
            time.sleep(0.1)
        assert web.hits.get(slow), "the run never reached the slow page"
        before = len(_docs(es_client, s))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert 0 < before < len(sample_env["expected_indexed"])  # really killed mid-run
    del web.routes[slow]
    reset_settings()
    summary = run_once(settings=get_settings())
    assert summary["state"] == "success"
    assert_converged(es_client, s, sample_env["expected_indexed"])


@pytest.mark.slow
def test_ingest_and_backfill_at_once(sample_env, es_client):
    """A scheduled ingest and a sitemap backfill over the same window, concurrently."""
    from pipeline.backfill import discover_sitemap, plan
    from pipeline.config import get_settings
    from pipeline.ingest import chunk_entries, process_chunk, run_once

    s = get_settings()
    errors: list[BaseException] = []

    def backfill() -> None:
        try:
            p = plan(start="2024-09-01", end="2025-06-30", sources=["sample-wasat"], mode="sitemap", settings=s)
            found = [discover_sitemap(j, settings=s) for j in p["sitemap_jobs"]]
            for i, chunk in enumerate(chunk_entries(found, size=2)):
                process_chunk(chunk, settings=s, run_id="backfill-concurrent", chunk_key=str(i))
        except BaseException as exc:
            errors.append(exc)

    def ingest() -> None:
        try:
            run_once(settings=s, run_id="ingest-concurrent")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=backfill, name="backfill"), threading.Thread(target=ingest, name="ingest")]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 300
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    assert [t.name for t in threads if t.is_alive()] == [], "a concurrent run did not finish in 300 s"
    assert errors == []
    # the two concurrent runs alone leave the final state: no third run needed to converge
    assert_converged(es_client, s, sample_env["expected_indexed"])
    before = _docs(es_client, s)

    summary = run_once(settings=s, run_id="after")  # settles nothing new: the state is already final
    counts = summary["counts"]
    assert counts.get("articles_new", 0) == 0, counts  # every listed article was already indexed
    for key in ("fetched", "indexed", "index_failed", "dead_letters", "cluster_fixes", "fetch_retried",
                "dead_letters_indexed"):
        assert counts.get(key, 0) == 0, (key, counts)
    assert _docs(es_client, s) == before  # not one field of one document changed
    assert_converged(es_client, s, sample_env["expected_indexed"])
