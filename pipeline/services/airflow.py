"""Airflow 3.3 as operators run it: the api-server, scheduler, dag-processor and triggerer as
separate processes (LocalExecutor) over a real metadata database.

The home (``.rasd/airflow`` for ``rasd up``) holds:

* ``secrets.json`` (mode 600), generated once and kept: the fernet key, the API secret key, the
  JWT secret and the ``admin`` password (shown once, by the first ``rasd up``);
* ``passwords.json`` (mode 600): the simple auth manager's password file (``admin``);
* ``airflow.cfg`` (mode 600), written on every start from the stack's settings and those
  secrets, so ``AIRFLOW_HOME=.rasd/airflow airflow …`` works as an operator expects;
* ``logs/``: one log per service (``scheduler.log`` …) and the task logs; ``run/``: pid files.

Each service is a :class:`~pipeline.services.proc.Daemon` (own session, so stopping one also
stops the task processes it forked). The services get a clean environment: no ``AIRFLOW__*``,
``RASD_*`` or ``ES_*`` variable of the caller leaks in; the stack passes what tasks need
(``task_env``). With a port other than 8080, ``[core] execution_api_server_url`` follows the
port, or task processes could not reach the execution API.
"""

from __future__ import annotations

import configparser
import json
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.services import proc
from pipeline.services.proc import Daemon, ServiceError

SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer")
ADMIN = "admin"
_LEAKY_PREFIXES = ("AIRFLOW__", "AIRFLOW_CONN_", "AIRFLOW_VAR_", "RASD_", "ES_")
_LEAKY = {"AIRFLOW_HOME", "AIRFLOW_CONFIG", "ES_URL", "ES_USERNAME", "ES_PASSWORD", "ES_API_KEY", "ES_CA_CERTS"}


class AirflowError(ServiceError):
    """The Airflow services cannot be set up, started or reached; the message says what to do."""


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (mode 600 from the start)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    tmp.replace(path)


@dataclass
class Airflow:
    """One Airflow deployment in ``home``, its API on ``127.0.0.1:api_port``."""

    home: Path
    api_port: int
    db_url: str
    dags_folder: Path = field(default_factory=lambda: proc.repo_root() / "dags")
    plugins_folder: Path = field(default_factory=lambda: proc.repo_root() / "plugins")
    task_env: dict[str, str] = field(default_factory=dict)
    parallelism: int = 8
    # Extra airflow.cfg settings: {"scheduler": {"...": "..."}} (tests and benchmarks)
    extra_config: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    # -- configuration ---------------------------------------------------------------------
    def secrets(self) -> tuple[dict[str, str], bool]:
        """The generated-once secrets, and whether this call generated them."""
        path = self.home / "secrets.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and {"fernet_key", "secret_key", "jwt_secret", "admin_password"} <= set(data):
                return data, False
        except (OSError, ValueError):
            pass
        from cryptography.fernet import Fernet

        data = {
            "fernet_key": Fernet.generate_key().decode("ascii"),
            "secret_key": secrets.token_urlsafe(32),
            "jwt_secret": secrets.token_urlsafe(48),
            "admin_password": secrets.token_urlsafe(12),
        }
        write_private(path, json.dumps(data, indent=2) + "\n")
        return data, True

    def admin_password(self) -> str:
        return self.secrets()[0]["admin_password"]

    def write_config(self) -> bool:
        """Write ``airflow.cfg`` and the password file; True when the secrets were generated now."""
        values, created = self.secrets()
        write_private(self.home / "passwords.json", json.dumps({ADMIN: values["admin_password"]}) + "\n")
        cfg = configparser.ConfigParser(interpolation=None)
        cfg.read_dict(
            {
                "core": {
                    "dags_folder": str(self.dags_folder),
                    "plugins_folder": str(self.plugins_folder),
                    "executor": "LocalExecutor",
                    "parallelism": str(self.parallelism),
                    "load_examples": "False",
                    "fernet_key": values["fernet_key"],
                    "auth_manager": "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
                    "simple_auth_manager_users": f"{ADMIN}:admin",
                    "simple_auth_manager_passwords_file": str(self.home / "passwords.json"),
                    "execution_api_server_url": f"{self.api_url}/execution/",
                },
                "database": {"sql_alchemy_conn": self.db_url},
                "api": {"host": "127.0.0.1", "port": str(self.api_port), "secret_key": values["secret_key"],
                        "base_url": self.api_url},
                "api_auth": {"jwt_secret": values["jwt_secret"]},
                "logging": {"base_log_folder": str(self.logs)},
            }
        )
        cfg.read_dict(self.extra_config)
        lines = ["# Generated by pipeline/services/airflow.py on every `rasd up`; edits are lost.\n"]
        for section in cfg.sections():
            lines.append(f"[{section}]\n")
            lines.extend(f"{key} = {value}\n" for key, value in cfg[section].items())
            lines.append("\n")
        write_private(self.home / "airflow.cfg", "".join(lines))
        return created

    def environment(self) -> dict[str, str]:
        """The services' environment: the caller's, minus Airflow/Rasd settings, plus ours."""
        env = {k: v for k, v in os.environ.items() if k not in _LEAKY and not k.startswith(_LEAKY_PREFIXES)}
        env.update(self.task_env)
        env["AIRFLOW_HOME"] = str(self.home)
        env["PYTHONUNBUFFERED"] = "1"
        return env

    # -- processes -------------------------------------------------------------------------
    def daemon(self, service: str) -> Daemon:
        if service not in SERVICES:
            raise AirflowError(f"unknown Airflow service {service!r} (one of {', '.join(SERVICES)})")
        return Daemon(
            name=service,
            cmd=[sys.executable, "-m", "airflow", service],
            run_dir=self.home / "run",
            env=self.environment(),
            cwd=self.home,
            log_file=self.logs / f"{service}.log",
        )

    def running(self) -> dict[str, int | None]:
        return {service: self.daemon(service).pid() for service in SERVICES}

    def migrate(self, timeout: float = 600) -> None:
        """``airflow db migrate`` (idempotent; seconds when the schema is current)."""
        self.logs.mkdir(parents=True, exist_ok=True)
        log = self.logs / "db-migrate.log"
        with log.open("a", encoding="utf-8") as out:
            try:
                done = subprocess.run(
                    [sys.executable, "-m", "airflow", "db", "migrate"],
                    env=self.environment(), cwd=self.home, stdin=subprocess.DEVNULL, stdout=out,
                    stderr=subprocess.STDOUT, timeout=timeout, check=False,
                )
            except subprocess.TimeoutExpired:
                raise AirflowError(f"airflow db migrate ran over {timeout:.0f} s{proc.log_tail([log])}") from None
        if done.returncode != 0:
            raise AirflowError(f"airflow db migrate failed (exit {done.returncode}){proc.log_tail([log])}")

    def start(self, timeout: float = 300) -> list[str]:
        """Configure, migrate and start the services that do not run; wait for the API.
        Returns the services started now (empty: everything already ran)."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.write_config()
        started = []
        pending = [s for s in SERVICES if self.daemon(s).pid() is None]
        if pending:
            if "api-server" in pending:
                proc.check_port_free(
                    self.api_port, f"port {self.api_port} is taken by another process; choose another API port",
                    AirflowError,
                )
            self.migrate()
            for service in pending:
                self.daemon(service).start()
                started.append(service)
        self.wait_api(time.monotonic() + timeout)
        return started

    def stop(self, timeout: float = 60) -> list[str]:
        """Stop every running service (the api-server last); return those that ran."""
        stopped = []
        for service in ("scheduler", "triggerer", "dag-processor", "api-server"):
            if self.daemon(service).stop(timeout):
                stopped.append(service)
        return stopped

    def restart(self, service: str, timeout: float = 120) -> int:
        """Stop (or find dead) and start one service again; return its new pid."""
        daemon = self.daemon(service)
        daemon.stop(timeout)
        return daemon.start()

    # -- REST ------------------------------------------------------------------------------
    def wait_api(self, deadline: float) -> None:
        api = self.daemon("api-server")
        proc.wait_until(
            lambda: bool(self.token()),
            deadline,
            what=f"the Airflow API at {self.api_url}",
            pid=api.pid(),
            details=api.tail,
            error=AirflowError,
            interval=1.0,
        )

    def token(self, username: str = ADMIN, password: str | None = None) -> str:
        """A JWT from ``POST /auth/token`` (raises ``OSError`` while the API is not up)."""
        body = {"username": username, "password": password if password is not None else self.admin_password()}
        answer = proc.http_json(f"{self.api_url}/auth/token", 30, method="POST", body=body)
        return str(answer["access_token"])

    def api(self, method: str, path: str, body: Any = None, token: str | None = None, timeout: float = 60) -> Any:
        """One call to ``/api/v2/...`` with a bearer token; raises ``urllib.error.HTTPError`` on 4xx/5xx."""
        headers = {"Authorization": f"Bearer {token or self.token()}"}
        return proc.http_json(f"{self.api_url}/api/v2/{path.lstrip('/')}", timeout, method=method, body=body,
                              headers=headers)
