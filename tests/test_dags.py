"""DAG import check and the real end-to-end run with dag.test()."""

from __future__ import annotations

import pytest

from pipeline.airflow_run import DAGS_FOLDER, run_dag


def test_dagbag_imports_every_dag_cleanly():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    assert bag.import_errors == {}
    assert "libya_news_ingest" in bag.dag_ids
    dag = bag.get_dag("libya_news_ingest")
    assert dag.max_active_runs == 1 and not dag.catchup
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.doc_md and "poll_feed" in dag.doc_md
    poll = dag.get_task("poll_feed")
    assert poll.pool == "rasd_feeds" and poll.retries >= 1 and poll.execution_timeout is not None
    assert set(bag.dag_ids) >= {"libya_news_ingest", "libya_news_backfill", "libya_news_reindex", "libya_news_digest"}


@pytest.mark.slow
def test_ingest_dag_end_to_end(sample_env, es_client, settings):
    from pipeline import index as index_stage
    from pipeline.search import search

    state, summary = run_dag("libya_news_ingest")
    assert state == "success", summary
    assert summary is not None
    counts = summary["counts"]
    expected = sample_env["expected_indexed"]
    assert counts["feeds_polled"] == 3 and counts.get("feeds_failed", 0) == 0
    assert counts["indexed"] == len(expected)
    n = index_stage.count(es_client, settings)
    assert n == len(expected)
    ids = {h["_id"] for h in es_client.search(index=settings.articles_alias, size=100)["hits"]["hits"]}
    assert ids == expected

    res = search("السراج", es=es_client, settings=settings)
    assert res.total >= 1
    # the two Sarraj reports are one story (near-duplicates): collapsed to one hit
    assert any("sarraj" in (h.url or "") for h in res.hits)
    all_copies = search("السراج", es=es_client, settings=settings, all_copies=True)
    slugs = {(h.url or "").rsplit("/", 1)[-1].split(".")[0] for h in all_copies.hits}
    assert {"sarraj-washington", "sarraj-trump-white-house"} <= slugs
    assert any("«" in frag for h in res.hits for frag in h.highlights)

    # the non-Libya story of the pan-Arab outlet is counted, not indexed
    assert counts.get("irrelevant", 0) == sample_env["expected_irrelevant"]

    # a second run changes nothing
    state2, summary2 = run_dag("libya_news_ingest", conf={"force": True})
    assert state2 == "success"
    assert summary2 is not None and summary2["counts"].get("articles_new", 0) == 0
    assert index_stage.count(es_client, settings) == n
