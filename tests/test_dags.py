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
    assert dag.doc_md and "poll_sources" in dag.doc_md
    poll = dag.get_task("poll_sources")
    assert poll.retries >= 1 and poll.execution_timeout is not None
    assert poll.max_active_tis_per_dagrun == 4  # poll tasks of a run at once, without a pool to set up
    assert set(bag.dag_ids) >= {"libya_news_ingest", "libya_news_backfill", "libya_news_reindex", "libya_news_digest",
                                "libya_news_sources_check"}
    check = bag.get_dag("libya_news_sources_check")
    assert check.timetable.expression == "0 4 * * 1" and not check.catchup  # weekly
    assert check.get_task("check").max_active_tis_per_dagrun == 4


def test_no_task_needs_a_pool_to_be_created():
    """The scheduler never runs a task whose pool does not exist (it stays `scheduled` forever,
    and dag.test() ignores pools): every task of every DAG uses the pool that always exists."""
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    pools = {(dag_id, t.task_id): t.pool for dag_id in bag.dag_ids for t in bag.get_dag(dag_id).tasks}
    assert len(pools) > 10
    assert {p for p in pools.values()} == {"default_pool"}, pools


@pytest.mark.parametrize(
    ("value", "kind", "interval"),
    [
        ("*/15 * * * *", "CronDataIntervalTimetable", None),
        ("45s", "DeltaDataIntervalTimetable", 45),
        ("2m", "DeltaDataIntervalTimetable", 120),
        ("none", None, None),
    ],
)
def test_ingest_schedule_setting(value, kind, interval):
    from pipeline.schedules import parse_timetable

    timetable = parse_timetable(value)
    assert type(timetable).__name__ == kind if kind else timetable is None
    if interval is not None:
        assert timetable.delta.total_seconds() == interval


@pytest.mark.parametrize("value", ["every 5 minutes", "*/15 * * *", "61 * * * *", "5s", "10d"])
def test_ingest_schedule_setting_refuses_nonsense(value):
    from pipeline.schedules import parse_timetable

    with pytest.raises(ValueError, match="RASD_INGEST_SCHEDULE"):
        parse_timetable(value)


def test_ingest_schedule_is_read_when_the_dag_file_is_parsed(tmp_path):
    """A changed setting changes the parsed DAG (in a fresh interpreter, as the dag-processor parses)."""
    import os
    import subprocess
    import sys

    code = ("from airflow.dag_processing.dagbag import DagBag; "
            f"b = DagBag(dag_folder={str(DAGS_FOLDER)!r}); "
            "d = b.get_dag('libya_news_ingest'); "
            "print(type(d.timetable).__name__, d.get_task('poll_sources').max_active_tis_per_dagrun, b.import_errors)")
    env = {**os.environ, "RASD_INGEST_SCHEDULE": "30s", "RASD_FEED_POLL_CONCURRENCY": "2"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1].split() == ["DeltaDataIntervalTimetable", "2", "{}"], out


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


@pytest.mark.slow
def test_ingest_dag_fetches_due_retries_when_no_feed_is_due(sample_env, es_client, settings, monkeypatch):
    """A page that answered 503 is fetched by the next scheduled run even when no feed is due then
    (poll_sources maps over nothing; plan_chunks still runs and plans the retry)."""
    from pipeline.config import reset_settings
    from pipeline.newsweb import Route
    from pipeline.urls import doc_id

    monkeypatch.setenv("RASD_FETCH_RETRY_BASE_MINUTES", "0")
    reset_settings()
    web = sample_env["web"]
    victim = next(u for u in sample_env["urls"].values() if "sarraj-washington" in u).replace("{base}", web.base_url)
    path = victim.replace(web.base_url, "").split("?")[0]
    web.add_route(path, Route(status=503, body=b"busy"))
    state, first = run_dag("libya_news_ingest")
    assert state == "success" and first is not None
    assert first["counts"]["fetch_retry_scheduled"] == 1

    del web.routes[path]  # the page is back
    state, second = run_dag("libya_news_ingest")  # not forced: every feed was polled moments ago
    assert state == "success" and second is not None
    assert second["counts"].get("feeds_polled", 0) == 0
    assert second["counts"]["fetch_retried"] == 1 and second["counts"]["indexed"] == 1
    ids = {h["_id"] for h in es_client.search(index=settings.articles_alias, size=100)["hits"]["hits"]}
    assert doc_id(victim) in ids and ids == sample_env["expected_indexed"]


def test_feeds_are_polled_in_groups_that_keep_a_host_together():
    from pipeline.ingest import group_jobs

    def job(host: str, i: int) -> dict:
        return {"feed_url": f"http://{host}/rss{i}.xml", "source": {"id": f"{host}-{i}"}}

    jobs = [job(f"h{h}.example", i) for h in range(12) for i in range(2 if h < 11 else 5)]  # 27 feeds
    groups = group_jobs(jobs, 10)
    sizes = sorted(len(g) for g in groups)
    assert len(groups) == 3 and sizes[-1] <= 10 and sizes[-1] - sizes[0] <= 2, sizes
    assert sorted(j["feed_url"] for g in groups for j in g) == sorted(j["feed_url"] for j in jobs)
    for host in {j["feed_url"].split("/")[2] for j in jobs}:  # one group per host
        assert sum(any(host in j["feed_url"] for j in g) for g in groups) == 1
    assert group_jobs([], 10) == []
    assert [len(g) for g in group_jobs(jobs[:3], 1)] == [2, 1]  # two feeds of one host stay together
