"""Redis, the Celery broker of ``rasd up --executor celery``, without Docker.

Debian's ``redis-server`` (``apt-get install -y redis-server``; ``RASD_REDIS_SERVER`` names another
binary), never the system service: one server of our own per stack, a
:class:`~pipeline.services.proc.Daemon` listening on ``127.0.0.1:port`` only, run as ``nobody``
when we are root (like PostgreSQL and Elasticsearch), its folder given to that user
(:func:`~pipeline.services.proc.runner_folder`).

Persistence: an append-only file in the folder (``appendonly yes``, fsync every second, no RDB
snapshots), so task messages queued when the stack stops are still there when it starts again.
The broker holds only messages in transit: the metadata database (PostgreSQL) holds every task's
state, and the scheduler queues again a task whose message was lost
(``[scheduler] task_queued_timeout``).

Layout of the folder (``.rasd/redis`` for ``rasd up``): ``appendonlydir/``, ``redis.log``,
``redis.pid``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.services import proc
from pipeline.services.proc import Daemon, ServiceError

SHARED_DIR = Path("/var/tmp/rasd-redis")


class RedisError(ServiceError):
    """The local Redis cannot be started or reached; the message says what to do."""


def redis_server() -> str:
    """The ``redis-server`` binary; a clear error naming the package when it is missing."""
    configured = os.environ.get("RASD_REDIS_SERVER")
    found = configured if configured and Path(configured).is_file() else shutil.which("redis-server")
    if not found:
        where = f"RASD_REDIS_SERVER={configured} does not exist" if configured else "redis-server is not on PATH"
        raise RedisError(
            f"{where}: the Celery executor needs Redis as its broker; install the Debian package redis-server "
            "(`apt-get install -y redis-server`) or set RASD_REDIS_SERVER to a redis-server binary"
        )
    return found


def ping(port: int, timeout: float = 2.0) -> bool:
    """Redis answers ``PING`` on ``127.0.0.1:port`` (raises ``OSError`` when nothing listens)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(64).startswith(b"+PONG")


@dataclass
class Redis:
    """One Redis server whose data and log live in ``folder``, listening on ``port``."""

    folder: Path
    port: int

    @property
    def url(self) -> str:
        """The Celery broker URL (database 0)."""
        return f"redis://127.0.0.1:{self.port}/0"

    def _home(self) -> Path:
        digest = hashlib.sha256(str(self.folder.absolute()).encode()).hexdigest()[:12]
        return proc.runner_folder(self.folder, SHARED_DIR / digest, RedisError)

    def daemon(self, binary: str = "redis-server") -> Daemon:
        return Daemon(
            name="redis",
            cmd=[binary, "--port", str(self.port), "--bind", "127.0.0.1", "--protected-mode", "yes",
                 "--dir", str(self.folder.resolve()), "--save", "", "--appendonly", "yes",
                 "--appendfsync", "everysec", "--daemonize", "no", "--logfile", ""],
            run_dir=self.folder,
            unprivileged=True,
            cwd=Path("/"),
        )

    def pid(self) -> int | None:
        return self.daemon().pid() if self.folder.exists() else None

    def start(self, timeout: float = 30) -> bool:
        """Start the server unless it runs and wait until it answers; True when started now."""
        if self.pid() is not None:
            return False
        proc.check_port_free(self.port, f"port {self.port} for Redis is taken by another process; choose another",
                             RedisError)
        binary = redis_server()
        home = self._home()
        proc.chown_to_runner(home)
        daemon = self.daemon(binary)
        pid = daemon.start()
        proc.wait_until(lambda: ping(self.port), time.monotonic() + timeout, what=f"Redis on port {self.port}",
                        pid=pid, details=daemon.tail, error=RedisError, interval=0.2)
        return True

    def stop(self, timeout: float = 30) -> bool:
        """Stop it (SIGTERM: Redis writes its append-only file and exits); False when it was not running."""
        return self.daemon().stop(timeout) if self.folder.exists() else False

    def remove(self) -> None:
        """Stop the server and delete its folder, wherever it lives (tests and benchmarks)."""
        self.stop()
        proc.remove_runner_folder(self.folder)

    def status(self) -> dict[str, Any]:
        pid = self.pid()
        answers = False
        if pid is not None:
            with suppress(OSError):
                answers = ping(self.port)
        return {"running": pid is not None, "pid": pid, "port": self.port, "answers": answers, "url": self.url}
