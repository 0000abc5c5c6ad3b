"""The Celery worker's configuration (``[celery] celery_config_options``) and its preload.

A Celery worker runs each Airflow task instance in a process it forks (worker → pool process →
task process; Airflow 3's supervisor forks on Linux, it does not start a new interpreter). A
forked process inherits every module its parent imported, so what the worker imports once at
start costs its tasks nothing. Left alone, each task process imports Airflow's task runner and
DAG loader, then this package's stages (trafilatura, lxml, elasticsearch, datasketch, the pydantic
models …) and builds the tagger's automata: ~1.3 CPU s before it does any work, about a quarter
of the CPU of a 100-article ``process_chunk`` (bench/scale.py, docs/scaling.md).

:data:`CELERY_CONFIG` is Airflow's default Celery configuration unchanged; naming this module in
``celery_config_options`` makes every process that builds Airflow's Celery app import it, which
connects :func:`preload_on_worker_init` to Celery's ``worker_init`` signal: it fires only in a
worker's main process, before the pool processes are forked. The scheduler and the api-server
import this module too, and stay as they were (the signal never fires there).

Trade-off: a worker keeps the pipeline code it started with. DAG files are still parsed by each
task, but a change to ``pipeline/`` or its data files (gazetteers, topic rules) needs a worker
restart, as an upgrade of any installed package does. ``RASD_WORKER_PRELOAD=0`` turns it off.
"""

from __future__ import annotations

import importlib
import logging
import os
import time
from typing import Any

from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG
from celery.signals import worker_init

log = logging.getLogger(__name__)

CELERY_CONFIG: dict[str, Any] = dict(DEFAULT_CELERY_CONFIG)

# what every task process needs before its callable runs: Airflow's task runner and DAG loader,
# then the modules the DAGs' tasks import (dags/*.py, inside their callables)
PRELOAD_MODULES = (
    "airflow.sdk.execution_time.task_runner",
    "airflow.dag_processing.dagbag",
    "pipeline.airflow_support",
    "pipeline.orchestration",
    "pipeline.ingest",
    "pipeline.poll",
    "pipeline.backfill",
    "pipeline.digest",
    "pipeline.alerts",
    "pipeline.delivery",
    "pipeline.sourcecheck",
    "pipeline.name_suggestions",
    "pipeline.lifecycle",
)
# caches built from the package's own data files (no settings, no connections): built once
WARM_CALLS = ("pipeline.tag:get_tagger",)


def preload(modules: tuple[str, ...] = PRELOAD_MODULES, warm: tuple[str, ...] = WARM_CALLS) -> dict[str, Any]:
    """Imports ``modules`` and runs ``warm`` (``module:function``); never raises: a module that fails
    to import here fails again, with its own error, in the task that needs it."""
    t0, done, failed = time.process_time(), [], {}
    for name in modules:
        try:
            importlib.import_module(name)
            done.append(name)
        except Exception as exc:  # reported; the task that imports it raises it again
            failed[name] = f"{type(exc).__name__}: {exc}"
    for call in warm:
        module, _, func = call.partition(":")
        try:
            getattr(importlib.import_module(module), func)()
            done.append(call)
        except Exception as exc:
            failed[call] = f"{type(exc).__name__}: {exc}"
    return {"preloaded": done, "failed": failed, "cpu_s": round(time.process_time() - t0, 3)}


def enabled() -> bool:
    return os.environ.get("RASD_WORKER_PRELOAD", "1").strip().lower() not in ("0", "false", "no", "off")


@worker_init.connect
def preload_on_worker_init(**_kwargs: Any) -> None:
    if not enabled():
        log.info("rasd worker preload: off (RASD_WORKER_PRELOAD)")
        return
    result = preload()
    log.info("rasd worker preload: %d imported in %.2f CPU s", len(result["preloaded"]), result["cpu_s"])
    for name, error in result["failed"].items():
        log.warning("rasd worker preload: %s failed (%s); tasks import it themselves", name, error)
