"""Process control shared by every local service (Elasticsearch, PostgreSQL, Airflow, …).

* **Unprivileged user.** Elasticsearch and PostgreSQL refuse to run as root. As root, commands
  run as :data:`RUN_AS_USER` through ``setpriv`` (:func:`as_runner`), in folders that user owns
  (:func:`chown_to_runner`). When that user cannot reach the repository (a CI clone under
  ``/root``), :func:`runner_folder` puts the folder under ``/var/tmp`` and leaves a symlink in
  the repository.
* **Pid files.** A pid file is only trusted when the process still runs and is the one it
  names (its start time for :class:`Daemon`; :func:`process_matches`, a marker in the command
  line, for pid files a server writes itself), so a recycled pid is never signalled.
* **Daemons.** :class:`Daemon` starts a long-running process in its own session (its own
  process group, so stopping it also stops the children it forked), output appended to its
  log, pid in its pid file; ``stop`` = SIGTERM to the group, SIGKILL after a timeout.
* **Readiness.** :func:`wait_until` polls a probe until a deadline, failing early when the
  process died, with the log tail in the error.
* Locks between processes (:func:`lock`), port checks, JSON over loopback HTTP without proxies.
"""

from __future__ import annotations

import fcntl
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from base64 import b64encode
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RUN_AS_USER = "nobody"
LOG_TAIL_LINES = 30
# No proxy for loopback, whatever HTTP(S)_PROXY says.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServiceError(RuntimeError):
    """A local service cannot be built, started or reached; the message says what to do."""


def repo_root() -> Path:
    """The repository checkout this package belongs to."""
    return Path(__file__).resolve().parents[2]


def state_root() -> Path:
    """``<repo>/.rasd`` (or ``RASD_STATE_DIR``): every local service keeps its state below it."""
    root = Path(os.environ.get("RASD_STATE_DIR") or repo_root() / ".rasd")
    root.mkdir(parents=True, exist_ok=True)
    return root


@contextmanager
def lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (concurrent test sessions, CLI calls)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- the unprivileged user -----------------------------------------------------------------------
def as_root() -> bool:
    return os.geteuid() == 0


def run_ids(error: type[ServiceError] = ServiceError) -> tuple[int, int]:
    """uid and gid of :data:`RUN_AS_USER`."""
    try:
        entry = pwd.getpwnam(RUN_AS_USER)
    except KeyError:
        raise error(f"running as root needs user {RUN_AS_USER!r} to run services; it does not exist") from None
    return entry.pw_uid, entry.pw_gid


def as_runner(cmd: list[str], error: type[ServiceError] = ServiceError) -> list[str]:
    """``cmd`` as the user services run as: ourselves, or :data:`RUN_AS_USER` when we are root."""
    if not as_root():
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise error(
            f"services refuse to run as root and setpriv (util-linux) is missing to drop to user {RUN_AS_USER}: "
            "install util-linux or run as an ordinary user"
        )
    uid, gid = run_ids(error)
    return [setpriv, f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--", *cmd]


def runner_can(test_flag: str, path: Path) -> bool:
    """``test <flag> path`` as the user services run as (always true when not root)."""
    if not as_root():
        return True
    return subprocess.run(as_runner(["test", test_flag, str(path)]), check=False).returncode == 0


def chown_to_runner(root: Path) -> None:
    """Give ``root`` and everything below it to the runner (nothing to do when not root)."""
    if not as_root():
        return
    uid, gid = run_ids()
    for path in [root, *root.rglob("*")]:
        os.lchown(path, uid, gid)


def runner_folder(link: Path, fallback: Path, error: type[ServiceError] = ServiceError) -> Path:
    """The folder a service keeps at ``link``, reachable by the runner.

    Normally ``link`` itself. As root, when the runner cannot enter ``link``'s parent (a
    checkout under ``/root``), the folder is ``fallback`` (under a world-readable ``/var/tmp``
    folder) and ``link`` becomes a symlink to it.
    """
    link.parent.mkdir(parents=True, exist_ok=True)
    if runner_can("-x", link.parent):
        if link.is_symlink():
            link.unlink()
        link.mkdir(exist_ok=True)
        return link
    if link.exists() and not link.is_symlink():
        raise error(f"{link} is a folder user {RUN_AS_USER} cannot reach; remove it (its data is lost) and retry")
    for parent in reversed([fallback.parent, *fallback.parent.parents]):
        if not parent.exists():
            parent.mkdir()
            parent.chmod(0o755)
    fallback.mkdir(exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(fallback, target_is_directory=True)
    return fallback


# -- pids ----------------------------------------------------------------------------------------
def read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # an exited child of someone else stays a zombie until reaped: it is not running
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def start_time(pid: int) -> str | None:
    """When ``pid`` started (clock ticks since boot, ``/proc/<pid>/stat`` field 22): with the pid,
    it names one process for good, whatever the process later does to its title or environment."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[-1].split()[19]


def process_matches(pid: int, marker: str) -> bool:
    """``pid`` runs and ``marker`` is in its command line or environment (not a recycled pid)."""
    if not alive(pid):
        return False
    found_proc = False
    for part in ("cmdline", "environ"):
        try:
            data = Path(f"/proc/{pid}/{part}").read_bytes().decode(errors="replace")
        except OSError:
            continue
        found_proc = True
        if marker in data:
            return True
    return not found_proc  # no /proc: trust the pid file


def signal_pid(pid: int, sig: signal.Signals, group: bool = False) -> None:
    with suppress(ProcessLookupError, PermissionError):
        if group:
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def terminate(pid: int, timeout: float, group: bool = False, error: type[ServiceError] = ServiceError) -> None:
    """SIGTERM ``pid`` (its process group with ``group``), SIGKILL after ``timeout`` s."""
    signal_pid(pid, signal.SIGTERM, group)
    if wait_gone(pid, timeout):
        if group:  # children that outlived their leader
            signal_pid(pid, signal.SIGKILL, group)
        return
    signal_pid(pid, signal.SIGKILL, group)
    if not wait_gone(pid, 10):
        raise error(f"process {pid} survived SIGKILL")


def process_table() -> dict[int, list[str]]:
    """pid -> the fields of ``/proc/<pid>/stat`` after the command name (state, ppid, pgrp, …)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            table[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[-1].split()
        except OSError:
            continue
    return table


def group_members(pgid: int) -> list[int]:
    """Live processes of process group ``pgid`` (from ``/proc``)."""
    return [pid for pid, fields in process_table().items() if int(fields[2]) == pgid and fields[0] != "Z"]


def reap_group(pgid: int, timeout: float = 10) -> list[int]:
    """SIGTERM, then SIGKILL, what is left of process group ``pgid`` whose leader is gone."""
    members = group_members(pgid)
    if not members:
        return []
    signal_pid(pgid, signal.SIGTERM, group=True)
    deadline = time.monotonic() + timeout
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if group_members(pgid):  # LocalExecutor workers ignore SIGTERM
        signal_pid(pgid, signal.SIGKILL, group=True)
        deadline = time.monotonic() + timeout
        while group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
    return members


def kill_from_pid_file(pid_file: Path) -> None:
    pid = read_pid(pid_file)
    if pid is not None and alive(pid):
        terminate(pid, 10)


# -- logs, ports, HTTP ----------------------------------------------------------------------------
def last_lines(lines: list[str], n: int) -> str:
    return "\n".join(lines[-n:])


def log_tail(logs: Iterable[Path], n: int = LOG_TAIL_LINES, missing: str = "") -> str:
    """The last ``n`` lines of each readable log, each under a header (for error messages)."""
    parts = []
    for log in logs:
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        if lines:
            parts.append(f"\n--- last lines of {log} ---\n{last_lines(lines, n)}")
    return "".join(parts) or missing


def check_port_free(port: int, message: str, error: type[ServiceError] = ServiceError) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise error(message) from None


def free_port() -> int:
    """A loopback port nobody listens on now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """Something accepts connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def http_json(
    url: str,
    timeout: float,
    auth: tuple[str, str] | None = None,
    *,
    method: str = "GET",
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """One JSON request over loopback (no proxy); raises ``OSError`` (incl. HTTP errors) or ``ValueError``."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    if auth is not None:
        token = b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    with _HTTP.open(request, timeout=timeout) as resp:
        raw = resp.read()
    return json.loads(raw) if raw else None


def get_json(url: str, timeout: float, auth: tuple[str, str] | None = None) -> dict[str, Any]:
    data = http_json(url, timeout, auth)
    if not isinstance(data, dict):
        raise ValueError(f"unexpected answer from {url}: {data!r}")
    return data


def wait_until(
    probe: Callable[[], bool],
    deadline: float,
    *,
    what: str,
    pid: int | None = None,
    details: Callable[[], str] = lambda: "",
    error: type[ServiceError] = ServiceError,
    interval: float = 0.5,
) -> None:
    """Poll ``probe`` until it is true; fail when ``deadline`` passes or process ``pid`` exits.

    A probe that raises ``OSError`` or ``ValueError`` counts as not ready yet.
    """
    while True:
        try:
            if probe():
                return
        except (OSError, ValueError):
            pass
        if pid is not None and not alive(pid):
            raise error(f"{what}: the process exited during start-up{details()}")
        if time.monotonic() > deadline:
            raise error(f"{what}: not ready in time{details()}")
        time.sleep(interval)


# -- daemons -------------------------------------------------------------------------------------
@dataclass
class Daemon:
    """A long-running process with a pid file and a log in ``run_dir``.

    ``unprivileged``: as root, run it as :data:`RUN_AS_USER`. The pid file holds the pid and the
    process's start time (:func:`start_time`): a recycled pid never matches it.
    """

    name: str
    cmd: list[str]
    run_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    unprivileged: bool = False
    log_file: Path | None = None

    @property
    def pid_file(self) -> Path:
        return self.run_dir / f"{self.name}.pid"

    @property
    def log(self) -> Path:
        return self.log_file or self.run_dir / f"{self.name}.log"

    def _recorded(self) -> tuple[int, str] | None:
        try:
            pid_text, started = self.pid_file.read_text(encoding="utf-8").split()[:2]
            return int(pid_text), started
        except (OSError, ValueError):
            return None

    def pid(self) -> int | None:
        """The pid when the daemon runs, else None."""
        recorded = self._recorded()
        if recorded is None:
            return None
        pid, started = recorded
        return pid if alive(pid) and start_time(pid) == started else None

    def _clear_stale(self) -> None:
        """After the daemon died: stop what it left in its process group, forget its pid file.

        A scheduler killed with SIGKILL leaves its executor's workers (and the tasks they run)
        behind, orphaned and never given work again; a service manager would kill them with it."""
        recorded = self._recorded()
        if recorded is None:
            return
        pid, _started = recorded
        if not alive(pid):  # (a live process with that pid is another one: leave its group alone)
            reap_group(pid)
        self.pid_file.unlink(missing_ok=True)

    def start(self) -> int:
        """Start it (in its own session) unless it runs; return its pid."""
        running = self.pid()
        if running is not None:
            return running
        self._clear_stale()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        env = dict(self.env)
        cmd = as_runner(self.cmd) if self.unprivileged else self.cmd
        with self.log.open("a", encoding="utf-8") as out:
            out.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} start: {' '.join(self.cmd)}\n")
            out.flush()
            proc = subprocess.Popen(
                cmd,
                env=env,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid_file.write_text(f"{proc.pid} {start_time(proc.pid)}\n", encoding="utf-8")
        return proc.pid

    def stop(self, timeout: float = 30) -> bool:
        """SIGTERM its process group, SIGKILL after ``timeout`` s. False when it was not running."""
        pid = self.pid()
        if pid is None:
            self._clear_stale()
            return False
        terminate(pid, timeout, group=True)
        with suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reap it when we started it in this process
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> int | None:
        """SIGKILL the daemon's own process only (its children live on), as a crash would."""
        pid = self.pid()
        if pid is not None:
            signal_pid(pid, signal.SIGKILL)
            wait_gone(pid, 10)
        return pid

    def tail(self, n: int = LOG_TAIL_LINES) -> str:
        return log_tail([self.log], n, missing=f" (no log in {self.log})")
