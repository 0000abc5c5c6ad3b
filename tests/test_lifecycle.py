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
    assert lifecycle.version_of(result.target) == lifecycle.version_of(result.source) + 1
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
    from pipeline.index import analysis_probe, analysis_status, ensure_indices, template_schema_version
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

    # an index from before probes that says it was made from the current template
    clean_es.indices.put_mapping(index=result.target, meta={"schema_version": template_schema_version()})
    assert analysis_status(clean_es, settings)["state"] == "unknown"


def test_an_index_from_before_the_lead_field_and_the_noun_list_is_stale(clean_es, settings):
    """What an index built before issue 20 records: a probe without the hand-kept words (قانون) and
    no schema version. Its probe may analyze as it did (the change touched no probe word), so the
    schema version is what flags it: migrate, and the new index has body.lead and the new probe."""
    from pipeline.index import analysis_fingerprint, analysis_probe, analysis_status, ensure_indices
    from pipeline.lifecycle import migrate
    from pipeline.wordlists import generate_protected_words

    index = ensure_indices(clean_es, settings)
    names = generate_protected_words()
    old_probe = " ".join(f"{w} و{w} ب{w}" if not w.startswith("ال") else f"{w} و{w} ل{w[1:]}" for w in names)
    clean_es.indices.put_mapping(index=index, meta={
        "analysis_probe": old_probe, "analysis_fingerprint": analysis_fingerprint(clean_es, index, old_probe)})
    stale = analysis_status(clean_es, settings)
    assert stale["state"] == "stale" and "schema 1" in stale["detail"] and "rasd index migrate" in stale["detail"]

    assert "قانون" in analysis_probe() and "قانون" not in old_probe  # the hand-kept words are probed now
    target = migrate(clean_es, settings).target
    assert analysis_status(clean_es, settings)["state"] == "current"
    mapping = clean_es.indices.get_mapping(index=target)[target]["mappings"]
    assert "lead" in mapping["properties"]["body"]["fields"]


def test_migration_gives_stored_articles_a_never_null_time(clean_es, settings):
    """An index of schema v1 (no event_time) takes documents of the new shape at once (the field is
    added to its mapping), and the migration fills event_time in every stored article: the
    publisher's date when there is one, else the first fetch; published_at stays the claim."""
    from pipeline import lifecycle
    from pipeline.index import ensure_indices, schema_status

    es, s = clean_es, settings
    live = lifecycle.current_index(es, s)
    # what an index of the first schema holds: no event_time in its mapping, documents without it
    old = f"{s.index_prefix}-articles-v{lifecycle.version_of(live) + 1}"
    es.indices.create(index=old, mappings={"dynamic": "strict", "_meta": {"schema_version": 1}, "properties": {
        "title": {"type": "text"}, "published_at": {"type": "date"}, "fetched_at": {"type": "date"},
        "indexed_at": {"type": "date"}}})
    es.indices.update_aliases(actions=[
        {"remove": {"index": live, "alias": s.articles_alias}},
        {"remove": {"index": live, "alias": s.articles_write_alias}},
        {"add": {"index": old, "alias": s.articles_alias}},
        {"add": {"index": old, "alias": s.articles_write_alias, "is_write_index": True}}])
    es.indices.delete(index=live)
    es.index(index=old, id="dated", document={"title": "مؤرخ", "published_at": "2025-03-01T10:00:00+00:00",
                                              "fetched_at": "2025-03-02T08:00:00+00:00",
                                              "indexed_at": "2025-03-02T08:01:00+00:00"})
    es.index(index=old, id="undated", document={"title": "بلا تاريخ", "fetched_at": "2025-03-05T09:30:00+00:00",
                                                "indexed_at": "2025-03-05T09:31:00+00:00"}, refresh=True)
    assert schema_status(es, s) == {"index": old, "version": 1, "template_version": 3, "behind": True}

    assert ensure_indices(es, s) == old  # adds the new fields to the live mapping: new documents fit
    props = es.indices.get_mapping(index=old)[old]["mappings"]["properties"]
    assert props["event_time"] == {"type": "date"} and props["time_basis"] == {"type": "keyword"}
    es.index(index=s.articles_write_alias, id="new", document={"title": "جديد", "event_time": "2025-03-06T00:00:00Z",
                                                              "time_basis": "first_seen"}, refresh=True)

    result = lifecycle.migrate(es, s)
    es.indices.refresh(index=s.articles_alias)
    assert "trend_text" in es.indices.get_mapping(index=result.target)[result.target]["mappings"]["properties"]
    docs = {h["_id"]: h["_source"] for h in es.search(index=s.articles_alias, size=10)["hits"]["hits"]}
    assert docs["dated"]["event_time"] == "2025-03-01T10:00:00+00:00" and docs["dated"]["time_basis"] == "published"
    assert docs["undated"]["event_time"] == "2025-03-05T09:30:00+00:00"
    assert docs["undated"]["time_basis"] == "first_seen" and "published_at" not in docs["undated"]
    assert docs["new"]["event_time"] == "2025-03-06T00:00:00Z"
    # every article now has the data view's time field: a time filter keeps the undated one
    hits = es.count(index=s.articles_alias, query={"range": {"event_time": {"gte": "2025-03-04", "lt": "2025-03-06"}}})
    assert hits["count"] == 1
    assert es.count(index=s.articles_alias, query={"bool": {"must_not": {"exists": {"field": "event_time"}}}}
                    )["count"] == 0
    assert schema_status(es, s) == {"index": result.target, "version": 3, "template_version": 3, "behind": False}


def test_new_fields_whose_analyzer_the_index_lacks_wait_for_the_migration(clean_es, settings):
    """sync_mapping adds the template's new plain fields to an index created without them, but not
    trend_text: its analyzer (rasd_terms) is not in that index's settings, and putting it would fail."""
    from pipeline.index import sync_mapping

    index = f"{settings.index_prefix}-oldshape"  # outside the template's pattern: only what is given here
    clean_es.indices.create(index=index, mappings={"dynamic": "strict", "properties": {"title": {"type": "text"}}})
    try:
        added = sync_mapping(clean_es, index, "articles", settings.index_prefix)
        props = clean_es.indices.get_mapping(index=index)[index]["mappings"]["properties"]
        assert "event_time" in added and props["event_time"] == {"type": "date"}
        assert "trend_text" not in added and "trend_text" not in props
        assert sync_mapping(clean_es, index, "articles", settings.index_prefix) == []  # idempotent
    finally:
        clean_es.indices.delete(index=index)


def test_ensure_indices_puts_a_template_only_when_it_differs(clean_es, settings):
    """Every run calls ensure_indices (twice): unchanged templates are not put again (each put is a
    cluster-state task on the master, 14 per call); a template missing or changed by hand is."""
    from pipeline.index import TEMPLATES, ensure_indices

    puts: list[str] = []
    transport = clean_es.transport
    original = transport.perform_request

    def counting(method, target, *a, **kw):
        if method == "PUT" and target.startswith("/_index_template/"):
            puts.append(target.rsplit("/", 1)[1])
        return original(method, target, *a, **kw)

    transport.perform_request = counting
    try:
        ensure_indices(clean_es, settings)
        assert puts == []
        runs = f"{settings.index_prefix}-runs"
        mine = clean_es.indices.get_index_template(name=runs)["index_templates"][0]["index_template"]
        clean_es.indices.put_index_template(name=runs, index_patterns=mine["index_patterns"],
                                            template={"settings": {"number_of_shards": 2}}, priority=1)
        clean_es.indices.delete_index_template(name=f"{settings.index_prefix}-feeds")
        puts.clear()
        ensure_indices(clean_es, settings)
        assert sorted(puts) == sorted([runs, f"{settings.index_prefix}-feeds"])
        restored = clean_es.indices.get_index_template(name=runs)["index_templates"][0]["index_template"]
        assert restored == mine
        puts.clear()
        ensure_indices(clean_es, settings)
        assert puts == []
    finally:
        transport.perform_request = original
    installed = clean_es.indices.get_index_template(name=f"{settings.index_prefix}-*")["index_templates"]
    assert len(installed) == len(TEMPLATES)
