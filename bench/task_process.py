"""What one Airflow task process costs before its callable does any work, forked as a Celery
worker forks it, with and without the worker preload (pipeline/celery_worker.py).

    .venv/bin/python bench/task_process.py [--runs 5] [--dag dags/libya_news_ingest.py]

The parent imports what an Airflow 3.3 Celery pool process holds when a task arrives (Airflow, the
Celery executor and its own preload, the task supervisor), then, for each case, forks ``--runs``
children that do what a task process does before the callable: import the task runner, load the
listeners and macros of the plugins, parse the DAG file with ``BundleDagBag`` (as
``task_runner.parse``), and import the modules the ingest DAG's tasks import. CPU of each child
from ``wait4``; the median is printed. Case "preloaded": the parent ran
``pipeline.celery_worker.preload()`` first (what the worker does at ``worker_init``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def child(dag_file: Path) -> None:
    import importlib

    from airflow.dag_processing.dagbag import BundleDagBag
    from airflow.sdk.execution_time import task_runner  # noqa: F401
    from airflow.sdk.listener import get_listener_manager
    from airflow.sdk.plugins_manager import integrate_macros_plugins

    get_listener_manager()
    integrate_macros_plugins()
    bag = BundleDagBag(dag_folder=str(dag_file), safe_mode=False, load_op_links=False,
                       bundle_path=dag_file.parent, bundle_name="dags-folder")
    if not bag.dags:
        raise SystemExit(f"no DAG parsed: {bag.import_errors}")
    for module in ("pipeline.orchestration", "pipeline.ingest", "pipeline.poll"):
        importlib.import_module(module)
    from pipeline.tag import get_tagger

    get_tagger()  # process_chunk builds the tagger before its first article


def forked(dag_file: Path, runs: int) -> list[float]:
    cpu = []
    for _ in range(runs):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                child(dag_file)
            except BaseException as exc:  # the child must never return into the parent's loop
                print(f"child failed: {exc!r}", file=sys.stderr)
                code = 1
            os._exit(code)
        _pid, status, usage = os.wait4(pid, 0)
        if status != 0:
            raise SystemExit("a task process failed (see above)")
        cpu.append(usage.ru_utime + usage.ru_stime)
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dag", type=Path, default=REPO / "dags" / "libya_news_ingest.py")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="rasd-bench-taskproc-"))
    os.environ.update({"AIRFLOW_HOME": str(home), "AIRFLOW__CORE__DAGS_FOLDER": str(args.dag.parent),
                       "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                       "RASD_INGEST_SCHEDULE": "none"})
    sys.path.insert(0, str(REPO / "bench"))
    import _common as common
    import airflow.providers.celery.executors.celery_executor_utils as celery_utils
    import airflow.sdk.execution_time.supervisor  # noqa: F401  (a pool process has it after its first task)

    celery_utils.on_celery_import_modules()  # Airflow's own preload (operators, jinja2)
    results = {"as shipped by Airflow": forked(args.dag, args.runs)}
    from pipeline.celery_worker import preload

    loaded = preload()
    results["preloaded (pipeline/celery_worker.py)"] = forked(args.dag, args.runs)
    rows = [[case, f"{statistics.median(cpu):.3f}", f"{min(cpu):.3f}", f"{max(cpu):.3f}"] for case, cpu in results.items()]
    print(common.table(["task process", "CPU s median", "min", "max"], rows,
                       title=f"bench/task_process.py  {args.runs} forks each  {common.now_utc()}  {common.machine()}"))
    print(f"worker preload itself (once per worker): {loaded['cpu_s']:.2f} CPU s, failed: {loaded['failed'] or 'none'}")
    print(json.dumps({"bench": "task_process", "cpu_s": results, "preload_cpu_s": loaded["cpu_s"],
                      "machine": common.machine(), "at": common.now_utc()}))


if __name__ == "__main__":
    main()
