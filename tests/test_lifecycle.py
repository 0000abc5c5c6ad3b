"""Index migration and rollback against the real Elasticsearch, with a
searcher hammering the read alias the whole time (zero downtime)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from pipeline.models import Article, Content, LanguageInfo


def _articles(n: int, start: int = 0) -> list[Article]:
    return [
        Article(
            id=f"doc-{i:05d}", url=f"https://x.ly/{i}", canonical_url=f"https://x.ly/{i}", source_id="t",
            content=Content(title=f"خبر رقم {i} عن طرابلس", text="نص الخبر عن ليبيا والمؤسسة الوطنية للنفط " * 5,
                            published_at=datetime(2025, 1, 1, tzinfo=UTC)),
            language=LanguageInfo(lang="ar", prob=1.0),
        )
        for i in range(start, start + n)
    ]


def test_migrate_and_rollback_with_zero_downtime(clean_es, settings):
    from pipeline import lifecycle
    from pipeline.index import index_articles

    es = clean_es
    index_articles(es, _articles(1500), settings, refresh=True)
    errors: list[str] = []
    low: list[int] = []
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                n = es.count(index=settings.articles_alias, query={"match": {"title": "طرابلس"}})["count"]
                if n < 1500:
                    low.append(n)
            except Exception as exc:  # any failure is downtime
                errors.append(repr(exc))

    def writer() -> None:  # new articles keep arriving during the migration
        for k in range(5):
            index_articles(es, _articles(20, start=2000 + 20 * k), settings)

    threads = [threading.Thread(target=searcher), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    result = lifecycle.migrate(es, settings)
    threads[1].join()
    stop.set()
    threads[0].join()
    assert errors == [] and low == []
    assert int(result.target.rsplit("-v", 1)[1]) == int(result.source.rsplit("-v", 1)[1]) + 1
    assert lifecycle.current_index(es, settings) == result.target
    es.indices.refresh(index=settings.articles_alias)
    assert es.count(index=settings.articles_alias)["count"] == 1600  # none lost, none twice
    assert set(es.indices.get_alias(name=settings.articles_alias)) == {result.target}

    index_articles(es, _articles(10, start=5000), settings, refresh=True)
    current, previous = lifecycle.rollback(es, settings)
    assert (current, previous) == (result.target, result.source)
    es.indices.refresh(index=settings.articles_alias)
    assert es.count(index=settings.articles_alias)["count"] == 1610


def test_analysis_drift_is_detected_and_migrate_cures_it(clean_es, settings):
    """Each article index records a probe of its analysis; a node whose plugin analyzes the probe
    differently reports the index stale; a migration re-analyzes and records a fresh probe."""
    from pipeline.index import analysis_probe, analysis_status, ensure_indices
    from pipeline.lifecycle import migrate

    index = ensure_indices(clean_es, settings)
    status = analysis_status(clean_es, settings)
    assert status == {"index": index, "state": "current", "detail": status["detail"]}
    meta = clean_es.indices.get_mapping(index=index)[index]["mappings"]["_meta"]
    assert meta["analysis_probe"] == analysis_probe() and "والسراج" in meta["analysis_probe"]

    # what a plugin change looks like from here: the stored fingerprint no longer matches
    clean_es.indices.put_mapping(index=index, meta={**meta, "analysis_fingerprint": "0" * 64})
    stale = analysis_status(clean_es, settings)
    assert stale["state"] == "stale" and "rasd index migrate" in stale["detail"]

    result = migrate(clean_es, settings)
    assert result.target != index
    assert analysis_status(clean_es, settings) == {"index": result.target, "state": "current",
                                                    "detail": status["detail"]}

    clean_es.indices.put_mapping(index=result.target, meta={})  # an index from before probes
    assert analysis_status(clean_es, settings)["state"] == "unknown"
