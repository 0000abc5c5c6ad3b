"""The Airflow plugin: loaded by Airflow, its extra link, its failure listener
(recording into the real run-metrics index) and its macro."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest


def test_plugin_is_loaded_by_airflow():
    from airflow import plugins_manager

    assert plugins_manager.get_import_errors() == {}
    names = {info["name"] for info in plugins_manager.get_plugin_info()}
    assert "rasd" in names
    links = plugins_manager.get_global_operator_extra_links()
    assert any(type(link).__name__ == "KibanaRunLink" for link in links)


def test_kibana_link_points_at_the_run(monkeypatch):
    import rasd_plugin
    from pipeline.config import reset_settings

    monkeypatch.setenv("RASD_KIBANA_URL", "https://kibana.example.org")
    reset_settings()
    link = rasd_plugin.KibanaRunLink()
    url = link.get_link(None, ti_key=SimpleNamespace(run_id="manual__2025-01-01T00:00:00+00:00"))
    assert url.startswith("https://kibana.example.org/app/discover#/")
    assert "dataViewId:rasd-articles" in url and "manual__2025-01-01T00%3A00%3A00%2B00%3A00" in url
    assert rasd_plugin.RasdPlugin.global_operator_extra_links[0].name == "Open in Kibana"
    reset_settings()


@pytest.mark.slow
def test_listener_records_a_real_task_failure(sample_env, es_client, settings, monkeypatch, tmp_path):
    """The real ingest DAG run with dag.test(), whose process_chunk tasks really raise: the archive
    location is a file, so writing the chunk's WARC fails (an operator's misconfigured volume).
    Airflow 3.3's dag.test() runs each task through the Task SDK's task runner in this process, and
    the runner calls the plugin's listener (hook ``on_task_instance_failed``) as a worker would: one
    record per failed attempt, with its map index, run id, error and state (up_for_retry, then
    failed); none for the tasks that succeeded.  On the loaded DAG the chunk task gets one retry at
    once and the others none (the DAG's 2 retries with 30 s back-off would repeat the same failure
    for minutes)."""
    from airflow.utils.session import create_session

    from pipeline.airflow_run import load_dag
    from pipeline.config import reset_settings

    blocker = tmp_path / "archive-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RASD_ARCHIVE_URL", str(blocker))
    reset_settings()
    dag = load_dag("libya_news_ingest")
    for task in dag.tasks:
        task.retries = 0
    chunk_task = dag.get_task("process_chunk")  # one retry, at once: both attempts are reported
    chunk_task.retries, chunk_task.retry_delay, chunk_task.retry_exponential_backoff = 1, timedelta(0), False
    dr = dag.test(run_conf={"force": True})
    assert str(getattr(dr.state, "value", dr.state)) == "failed"
    with create_session() as session:
        states = {(ti.task_id, ti.map_index): str(getattr(ti.state, "value", ti.state))
                  for ti in dr.get_task_instances(session=session)}
    failed = sorted(f"{t}[{m}]" if m >= 0 else t for (t, m), st in states.items() if st == "failed")
    # the chunk tasks failed; finish ran anyway (all_done) and the watcher leaf failed the run
    assert states[("prepare", -1)] == "success" and states[("finish", -1)] == "success"
    assert states[("fail_run", -1)] == "failed"
    failed.remove("fail_run")
    assert failed and all(name.startswith("process_chunk[") for name in failed), states

    es_client.indices.refresh(index=settings.runs_index)
    docs = [h["_source"] for h in es_client.search(
        index=settings.runs_index, size=100, query={"term": {"kind": "task_failure"}})["hits"]["hits"]]
    # one record per failed attempt: the first says up_for_retry, the last failed; none for the watcher
    assert sorted((d["task_id"], d["state"]) for d in docs) == sorted(
        [(name, "up_for_retry") for name in failed] + [(name, "failed") for name in failed])
    for d in docs:
        assert d["dag_id"] == "libya_news_ingest" and d["run_id"] == dr.run_id
        assert "archive-is-a-file" in d["error"], d["error"]
    # the run record written by finish (trigger rule all_done) still says what happened
    run = es_client.get(index=settings.runs_index, id=dr.run_id)["_source"]
    assert run["kind"] == "ingest" and run["state"] == "partial"
    assert run["counts"]["chunks_failed"] == len(failed) and run["counts"].get("indexed", 0) == 0


def test_failure_record_names_mapped_instances():
    from pipeline.airflow_support import failure_record

    rec = failure_record(dag_id="libya_news_ingest", task_id="poll_feed", run_id="r", map_index=3,
                         error=RuntimeError("feed exploded"))
    assert rec["task_id"] == "poll_feed[3]" and rec["error"] == "feed exploded" and rec["kind"] == "task_failure"
    assert failure_record(dag_id="d", task_id="t", run_id="r", map_index=-1, error=None)["task_id"] == "t"
    assert failure_record(dag_id="d", task_id="t", run_id="r", map_index=None, error="x",
                          state="up_for_retry")["state"] == "up_for_retry"
    no_state = failure_record(dag_id="d", task_id="t", run_id="r", map_index=None, error="x", state=None)
    assert no_state["state"] == "failed"


def test_listener_ignores_other_dags(clean_es, settings):
    """Other teams' DAGs on the same Airflow are not recorded in Rasd's run index."""
    import rasd_listener

    rasd_listener.on_task_instance_failed(
        previous_state=None, task_instance=SimpleNamespace(dag_id="someone_else", task_id="t", run_id="r"),
        error="not ours")
    clean_es.indices.refresh(index=settings.runs_index)
    assert clean_es.count(index=settings.runs_index, query={"term": {"kind": "task_failure"}})["count"] == 0


def test_listener_never_raises_without_elasticsearch(monkeypatch):
    from pipeline.airflow_support import record_task_failure
    from pipeline.config import reset_settings

    monkeypatch.setenv("ES_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("RASD_ES_TIMEOUT", "0.5")
    reset_settings()
    doc = record_task_failure(dag_id="libya_news_ingest", task_id="t", run_id="r", map_index=None, error="x")
    assert doc["recorded"] is False
    reset_settings()


def test_since_macro():
    from datetime import UTC, datetime, timedelta

    from pipeline.airflow_support import since_macro

    assert abs(datetime.fromisoformat(since_macro(7)) - (datetime.now(UTC) - timedelta(days=7))).total_seconds() < 5
