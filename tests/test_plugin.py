"""The Airflow plugin: loaded by Airflow, its extra link, its failure listener
(recording into the real run-metrics index) and its macro."""

from __future__ import annotations

from types import SimpleNamespace


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


def test_listener_records_task_failures(clean_es, settings):
    import rasd_listener

    ti = SimpleNamespace(dag_id="libya_news_ingest", task_id="poll_feed", run_id="manual__x", map_index=3)
    rasd_listener.on_task_instance_failed(previous_state=None, task_instance=ti, error=RuntimeError("feed exploded"))
    rasd_listener.on_task_instance_failed(
        previous_state=None, task_instance=SimpleNamespace(dag_id="someone_else", task_id="t", run_id="r"),
        error="not ours")
    clean_es.indices.refresh(index=settings.runs_index)
    docs = clean_es.search(index=settings.runs_index, query={"term": {"kind": "task_failure"}})["hits"]["hits"]
    assert len(docs) == 1
    d = docs[0]["_source"]
    assert d["task_id"] == "poll_feed[3]" and d["dag_id"] == "libya_news_ingest" and "feed exploded" in d["error"]


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
