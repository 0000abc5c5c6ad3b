"""The Celery worker's preload (pipeline/celery_worker.py): what it imports, that it never stops a
worker from starting, and that it keeps up with what the DAGs' tasks import."""

from __future__ import annotations

import ast
from pathlib import Path

from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG

from pipeline import celery_worker
from pipeline.services.celery import CELERY_CONFIG_OPTIONS, CeleryConfig

REPO = Path(__file__).resolve().parents[1]


def task_imports() -> set[str]:
    """``pipeline`` modules imported inside the DAG files' functions (the task callables)."""
    found = set()
    for path in (REPO / "dags").glob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline"):
                        found.add(node.module or "")
    return found


def test_every_module_a_task_imports_is_preloaded():
    """A DAG task that starts importing a new pipeline module would pay its import in every task
    process again: the list must grow with it."""
    missing = task_imports() - set(celery_worker.PRELOAD_MODULES) - {"pipeline.errors", "pipeline.assets"}
    assert task_imports() and not missing, f"add to PRELOAD_MODULES: {sorted(missing)}"


def test_the_stack_and_compose_name_the_config_and_it_is_airflows_default():
    module, _, attr = CELERY_CONFIG_OPTIONS.rpartition(".")
    assert module == celery_worker.__name__ and getattr(celery_worker, attr) == dict(DEFAULT_CELERY_CONFIG)
    sections = CeleryConfig(broker_url="redis://127.0.0.1:1/0").sections("postgresql+psycopg2://a@b/c")
    assert sections["celery"]["celery_config_options"] == CELERY_CONFIG_OPTIONS


def test_preload_reports_what_fails_and_never_raises():
    result = celery_worker.preload(modules=("json", "pipeline.no_such_stage"), warm=("pipeline.tag:no_such_call",))
    assert result["preloaded"] == ["json"]
    assert set(result["failed"]) == {"pipeline.no_such_stage", "pipeline.tag:no_such_call"}
    assert "ModuleNotFoundError" in result["failed"]["pipeline.no_such_stage"]


def test_preload_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("RASD_WORKER_PRELOAD", "0")
    assert not celery_worker.enabled()
    called = []
    monkeypatch.setattr(celery_worker, "preload", lambda *a, **k: called.append(1) or {})
    celery_worker.preload_on_worker_init()
    assert not called
    monkeypatch.setenv("RASD_WORKER_PRELOAD", "1")
    assert celery_worker.enabled()
