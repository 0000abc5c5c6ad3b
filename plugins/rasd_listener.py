"""Airflow listener: every failed task instance of a Rasd DAG is recorded in
the run-metrics index (``rasd-runs``), so the pipeline-health dashboard shows
failures even when a run dies before its ``finish`` task. The ``fail_run`` leaf (it only
turns a run red when another task failed) is not recorded: its cause already is."""

from __future__ import annotations

from typing import Any

from airflow.listeners import hookimpl

# the leaf that fails a run when another task failed: its failure only repeats that one
WATCHER_TASK = "fail_run"


@hookimpl
def on_task_instance_failed(previous_state: Any, task_instance: Any, error: Any) -> None:
    dag_id = getattr(task_instance, "dag_id", "")
    if not str(dag_id).startswith("libya_news") or getattr(task_instance, "task_id", "") == WATCHER_TASK:
        return
    from pipeline.airflow_support import record_task_failure

    record_task_failure(
        dag_id=dag_id,
        task_id=getattr(task_instance, "task_id", "?"),
        run_id=getattr(task_instance, "run_id", "?"),
        map_index=getattr(task_instance, "map_index", None),
        error=error,
        state=getattr(task_instance, "state", None),
    )
