"""What the Airflow plugin (``plugins/rasd_plugin.py``) needs, kept here so it
is importable, typed and tested like the rest: Kibana links, failure records,
macros."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from pipeline.config import get_settings


def kibana_discover_url(run_id: str, kibana_url: str | None = None) -> str:
    """Kibana Discover on the articles of one run (documents carry ``run_id``)."""
    base = (kibana_url or get_settings().kibana_url).rstrip("/")
    query = quote(f'run_id:"{run_id}"', safe="")
    return (
        f"{base}/app/discover#/?_a=(dataSource:(dataViewId:rasd-articles,type:dataView),"
        f"query:(language:kuery,query:'{query}'))&_g=(time:(from:now-1y,to:now))"
    )


def failure_record(
    *, dag_id: str, task_id: str, run_id: str, map_index: int | None, error: object, state: object = "failed"
) -> dict[str, Any]:
    """``state``: the task instance's state when the listener ran, ``failed`` or ``up_for_retry``
    (Airflow calls the failure hook for an attempt that will be retried too)."""
    now = datetime.now(UTC).isoformat()
    state = str(getattr(state, "value", state) or "failed")
    return {
        "run_id": run_id,
        "dag_id": dag_id,
        "task_id": task_id if map_index in (None, -1) else f"{task_id}[{map_index}]",
        "kind": "task_failure",
        "state": state if state in ("failed", "up_for_retry") else "failed",
        "started_at": now,
        "finished_at": now,
        "error": str(error)[:4000] if error is not None else None,
    }


def record_task_failure(**kwargs: Any) -> dict[str, Any]:
    """Write a task-failure document into the run-metrics index (never raises)."""
    from pipeline.index import get_client

    doc = failure_record(**kwargs)
    try:
        s = get_settings()
        es = get_client(s)
        es.index(index=s.runs_index, document={k: v for k, v in doc.items() if v is not None})
    except Exception:  # a listener must never break the task runner
        doc["recorded"] = False
    else:
        doc["recorded"] = True
    return doc


def since_macro(days: int = 1) -> str:
    """``{{ macros.rasd.since(7) }}``: ISO timestamp of *days* ago (UTC)."""
    from datetime import timedelta

    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def as_list(seq: Any) -> list[Any]:
    """All values of a mapped task's output, read in one request.

    Iterating the Task SDK's lazy XCom sequence asks for one item at a time and stops on
    the 404 after the last one, which the SDK logs as an error ("XCom not found") in every
    run; a slice is one request. ``None`` (an upstream that did not run) is an empty list."""
    if seq is None:
        return []
    try:
        return list(seq[:])
    except TypeError:  # not sliceable: a plain iterable
        return list(seq)


def flat(groups: Any) -> list[Any]:
    """The items of a mapped task whose instances each returned a list (``poll_sources``)."""
    return [item for group in as_list(groups) for item in (group or [])]


def feeds_label(jobs: list[dict[str, Any]]) -> str:
    """Map index label of a poll task: its source ids (shortened past 200 characters)."""
    ids = ",".join(dict.fromkeys(str(j["source"]["id"]) for j in jobs))
    return ids if len(ids) <= 200 else f"{ids[:190]}… ({len(jobs)} feeds)"
