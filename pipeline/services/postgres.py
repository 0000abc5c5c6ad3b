"""A PostgreSQL 15 cluster of our own (the Airflow metadata database), without Docker.

Made with the server binaries of the machine's Debian package ``postgresql-15``
(``/usr/lib/postgresql/15/bin``; ``RASD_PG_BIN`` overrides), never the system cluster:

* ``initdb`` once (``-U airflow --auth=trust``, UTF-8), then ``pg_ctl start`` with the port,
  ``listen_addresses=127.0.0.1`` and the socket in the cluster folder; ``pg_ctl stop -m fast``.
* As root both run as ``nobody`` (PostgreSQL refuses root) and the folder belongs to it; when
  ``nobody`` cannot reach the checkout the folder lives under ``/var/tmp/rasd-pg/`` with a
  symlink where it was asked for (see :func:`pipeline.services.proc.runner_folder`).
* Trust authentication on loopback only: a development database on one machine.

Layout of the folder (``.rasd/pg`` for ``rasd up``): ``data/`` (the cluster), ``run/``
(socket), ``postgres.log``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.services import proc
from pipeline.services.proc import ServiceError

PG_MAJOR = 15
DEFAULT_BIN = Path(f"/usr/lib/postgresql/{PG_MAJOR}/bin")
SHARED_DIR = Path("/var/tmp/rasd-pg")


class PostgresError(ServiceError):
    """The local PostgreSQL cannot be set up or started; the message says what to do."""


def pg_bin() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``; a clear error naming the package when missing."""
    where = Path(os.environ.get("RASD_PG_BIN") or DEFAULT_BIN)
    missing = [tool for tool in ("initdb", "pg_ctl", "postgres") if not (where / tool).is_file()]
    if missing:
        raise PostgresError(
            f"the PostgreSQL {PG_MAJOR} server binaries are missing ({', '.join(missing)} not in {where}): "
            f"install the Debian package postgresql-{PG_MAJOR} (`apt-get install -y postgresql-{PG_MAJOR}`) "
            "or set RASD_PG_BIN to the folder holding initdb and pg_ctl"
        )
    return where


@dataclass
class Postgres:
    """One cluster in ``folder`` (a path; see the module docstring) listening on ``port``."""

    folder: Path
    port: int
    user: str = "airflow"
    database: str = "airflow"

    @property
    def url(self) -> str:
        """SQLAlchemy URL for Airflow (psycopg2 driver)."""
        return f"postgresql+psycopg2://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def _home(self) -> Path:
        digest = hashlib.sha256(str(self.folder.absolute()).encode()).hexdigest()[:12]
        return proc.runner_folder(self.folder, SHARED_DIR / digest, PostgresError)

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "postgres.log"

    def pid(self) -> int | None:
        """The postmaster's pid when this cluster runs."""
        pid = proc.read_pid(self.data_dir / "postmaster.pid")
        if pid is None or not proc.process_matches(pid, str(self.data_dir.resolve())):
            return None
        return pid

    def running_port(self) -> int | None:
        """The port the running cluster listens on (line 4 of ``postmaster.pid``)."""
        try:
            return int((self.data_dir / "postmaster.pid").read_text().splitlines()[3])
        except (OSError, ValueError, IndexError):
            return None

    def start(self, timeout: float = 60) -> None:
        """initdb when needed, start unless running, create the database; idempotent."""
        tools = pg_bin()
        home = self._home()
        data = home / "data"
        if self.pid() is not None:
            if self.running_port() != self.port:
                raise PostgresError(
                    f"the cluster in {self.folder} already runs on port {self.running_port()}; stop it first"
                )
            self._ensure_database(timeout)
            return
        proc.check_port_free(self.port, f"port {self.port} is taken by another process; choose another", PostgresError)
        (home / "run").mkdir(exist_ok=True)
        if not (data / "PG_VERSION").is_file():
            data.mkdir(exist_ok=True)
            proc.chown_to_runner(home)
            self._run(
                [str(tools / "initdb"), "-D", str(data), "-U", self.user, "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8"],
                timeout,
                "initdb",
            )
        proc.chown_to_runner(home)
        options = f"-p {self.port} -k {home / 'run'} -c listen_addresses=127.0.0.1"
        self._run(
            [str(tools / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "postgres.log"),
             "-w", "-t", str(int(timeout)), "start"],
            timeout + 5,
            "pg_ctl start",
        )
        self._ensure_database(timeout)

    def stop(self, timeout: float = 60) -> bool:
        """Stop the cluster (fast shutdown); False when it was not running. Data stays."""
        if self.pid() is None:
            return False
        self._run(
            [str(pg_bin() / "pg_ctl"), "-D", str(self.data_dir.resolve()), "-m", "fast", "-w", "-t",
             str(int(timeout)), "stop"],
            timeout + 5,
            "pg_ctl stop",
        )
        return True

    def remove(self) -> None:
        """Stop the cluster and delete it, wherever it lives (tests and benchmarks: data is lost)."""
        self.stop()
        if self.folder.is_symlink():
            shutil.rmtree(self.folder.resolve(), ignore_errors=True)
            self.folder.unlink()
        else:
            shutil.rmtree(self.folder, ignore_errors=True)

    def status(self) -> dict[str, Any]:
        pid = self.pid()
        return {"running": pid is not None, "pid": pid, "port": self.running_port() if pid else self.port,
                "folder": str(self.folder), "url": self.url}

    def _run(self, cmd: list[str], timeout: float, what: str) -> None:
        try:
            done = subprocess.run(
                proc.as_runner(cmd, PostgresError),
                cwd="/",  # the runner may not be allowed into our working folder
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PostgresError(f"{what} did not finish in {timeout:.0f} s{proc.log_tail([self.log])}") from None
        if done.returncode != 0:
            output = proc.last_lines((done.stdout + done.stderr).splitlines(), 20)
            raise PostgresError(f"{what} failed (exit {done.returncode}):\n{output}{proc.log_tail([self.log])}")

    def _ensure_database(self, timeout: float) -> None:
        import psycopg2

        deadline = time.monotonic() + timeout
        while True:
            try:
                conn = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres",
                                        connect_timeout=5)
                break
            except psycopg2.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise PostgresError(f"PostgreSQL on port {self.port} refuses connections: {exc}") from None
                time.sleep(0.5)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.database,))
                if cur.fetchone() is None:
                    cur.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            conn.close()
