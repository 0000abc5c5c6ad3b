"""The Celery side of an Airflow deployment (``rasd up --executor celery``).

The scheduler hands task instances to Celery through the broker (Redis,
:mod:`pipeline.services.redis`); each worker is a separate ``airflow celery worker`` process
(a :class:`~pipeline.services.proc.Daemon` of its own, named ``worker-1``, ``worker-2`` …) that
runs them, each task in a process of its own as under the LocalExecutor. Task results go to the
metadata database (``db+postgresql``), so the broker only carries messages.

* **Which worker ran a task.** Airflow records the worker's host name on every task instance
  (and checks it on every heartbeat). Workers of one machine share the host name, so each worker
  gets ``[core] hostname_callable`` = :func:`pipeline.airflow_support.worker_hostname` and its
  own ``RASD_WORKER_HOSTNAME`` (``<host>-worker-1``): the task instance shows the worker that ran
  each try, in the UI and over the REST API.
* **Logs.** Workers of one machine write task logs into the one logs folder the api-server reads,
  so they serve none (``--skip-serve-logs``: two log servers would fight for one port).
* **Environment per worker.** ``worker_env`` adds variables to one worker (tests give each
  worker its own raw archive folder, a path no other worker has, to show no task reads what
  another wrote on a local disk).
* **Preload.** ``celery_config_options`` names :data:`pipeline.celery_worker.CELERY_CONFIG`
  (Airflow's defaults): each worker imports Airflow's task runner and the pipeline once, before
  forking its pool, so the task processes it forks inherit them (~1.3 CPU s saved per task).
* ``visibility_timeout`` 3 h, longer than the longest task (backfill chunks: 2 h): Redis hands
  a message to another worker only when no worker acknowledged it in that time.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.services.proc import Daemon

HOSTNAME_CALLABLE = "pipeline.airflow_support.worker_hostname"
CELERY_CONFIG_OPTIONS = "pipeline.celery_worker.CELERY_CONFIG"
VISIBILITY_TIMEOUT_S = 3 * 3600


@dataclass
class CeleryConfig:
    broker_url: str
    workers: int = 2
    concurrency: int = 2  # task slots per worker (these machines have 2 cores)
    # extra environment of one worker, by name (worker-1 …)
    worker_env: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [f"worker-{i}" for i in range(1, self.workers + 1)]

    def sections(self, db_url: str) -> dict[str, dict[str, str]]:
        """The ``airflow.cfg`` sections of the Celery executor (results in the metadata database)."""
        return {
            "core": {"executor": "CeleryExecutor"},
            "celery": {
                "broker_url": self.broker_url,
                "result_backend": "db+" + db_url.replace("postgresql+psycopg2://", "postgresql://", 1),
                "worker_concurrency": str(self.concurrency),
                "worker_prefetch_multiplier": "1",
                # imports Airflow's task runner and the pipeline once per worker (pipeline/celery_worker.py)
                "celery_config_options": CELERY_CONFIG_OPTIONS,
            },
            "celery_broker_transport_options": {"visibility_timeout": str(VISIBILITY_TIMEOUT_S)},
        }


def host_name(worker: str) -> str:
    """What task instances run by ``worker`` record as their host."""
    return f"{socket.gethostname()}-{worker}"


def worker_daemon(config: CeleryConfig, name: str, *, env: dict[str, str], run_dir: Path, logs: Path,
                  cwd: Path) -> Daemon:
    """``airflow celery worker`` as daemon ``name`` with the services' environment ``env``."""
    worker_env = dict(env)
    worker_env.update({"AIRFLOW__CORE__HOSTNAME_CALLABLE": HOSTNAME_CALLABLE,
                       "RASD_WORKER_HOSTNAME": host_name(name)})
    worker_env.update(config.worker_env.get(name, {}))
    return Daemon(
        name=name,
        cmd=[sys.executable, "-m", "airflow", "celery", "worker", "--celery-hostname", f"{name}@%h",
             "--concurrency", str(config.concurrency), "--skip-serve-logs"],
        run_dir=run_dir,
        env=worker_env,
        cwd=cwd,
        log_file=logs / f"{name}.log",
    )
