"""Run a DAG of ours in-process with ``dag.test()`` (demo, tests, backfills
from the CLI).  Sets up a local Airflow home (SQLite) on first use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pipeline.config import REPO_ROOT

DAGS_FOLDER = REPO_ROOT / "dags"


def configure_airflow_env(home: Path | None = None) -> Path:
    """Set AIRFLOW_HOME and the dags folder (must happen before airflow is imported)."""
    home = Path(os.environ.get("AIRFLOW_HOME") or home or REPO_ROOT / ".rasd" / "airflow")
    home.mkdir(parents=True, exist_ok=True)
    os.environ["AIRFLOW_HOME"] = str(home)
    os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(DAGS_FOLDER))
    os.environ.setdefault("AIRFLOW__CORE__PLUGINS_FOLDER", str(REPO_ROOT / "plugins"))
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")
    return home


def ensure_db(home: Path) -> None:
    if (home / "airflow.db").exists():
        return
    proc = subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        env=os.environ.copy(), capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"airflow db migrate failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def load_dag(dag_id: str) -> Any:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    dag = bag.get_dag(dag_id)
    if dag is None:
        raise RuntimeError(f"no DAG {dag_id!r} in {DAGS_FOLDER}")
    return dag


def run_dag(dag_id: str, conf: dict[str, Any] | None = None) -> tuple[str, dict[str, Any] | None]:
    """Run ``dag_id`` once with ``dag.test()``; return (state, run record)."""
    home = configure_airflow_env()
    ensure_db(home)
    dag = load_dag(dag_id)
    dr = dag.test(run_conf=conf or None)
    state = str(getattr(dr.state, "value", dr.state))
    from pipeline.config import get_settings
    from pipeline.index import get_client

    s = get_settings()
    es = get_client(s)
    summary = None
    if es.indices.exists(index=s.runs_index):
        es.indices.refresh(index=s.runs_index)
        hit = es.options(ignore_status=404).get(index=s.runs_index, id=dr.run_id)
        if hit.get("found"):
            summary = hit["_source"]
    return state, summary
