"""Local Elasticsearch nodes: start (build if needed, wait until ready), report, stop.

Root: Elasticsearch refuses to run as root, so as root the node runs as user ``nobody``
(``setpriv``, :mod:`pipeline.services.proc`) and its folder is chowned to it. The folder layout is
in :mod:`pipeline.services.es_config`, security (file realm) in :mod:`pipeline.services.es_security`.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import time
from pathlib import Path
from typing import Any

from pipeline.services import es_security, proc
from pipeline.services.es_build import LocalESError, ensure_built, java_home, runnable_home
from pipeline.services.es_config import (
    PASSWORD_FILE,
    PID_FILE,
    TRANSPORT_PORT_OFFSET,
    NodeConfig,
    NodeInfo,
    check_name,
    log_tail,
    node_env,
    prepare_node_dir,
    read_state,
)
from pipeline.services.es_security import Users

_HEAP = re.compile(r"[1-9][0-9]*[kKmMgG]?")


def _lock_file(name: str) -> Path:
    return proc.state_root() / "es" / f"{name}.lock"


def start(
    name: str = "dev",
    port: int = 9200,
    heap: str = "512m",
    timeout: float = 120,
    security: bool = False,
    users: Users | None = None,
    elastic_password: str | None = None,
) -> NodeInfo:
    """Start node ``name`` on ``127.0.0.1:port`` and wait until its cluster is yellow or green.

    Idempotent: a running healthy node of that name is returned as it is.

    ``security``: enable security with the file realm (see :mod:`pipeline.services.es_security`).
    ``users`` maps user name -> (password, roles) for its ``users`` file; the roles are those of
    ``pipeline/data/security/roles.json`` or built-in ones (``superuser``, ``viewer``, …).
    ``elastic_password``: the ``elastic`` superuser's password (default: a random one, in
    ``NodeInfo.elastic_password``). Called for a running secured node, the given users are
    (re)created in place unless they already log in with those roles, and the call waits
    until each of them can log in.
    """
    check_name(name)
    if not 1024 <= port <= 65535 - TRANSPORT_PORT_OFFSET:
        raise LocalESError(
            f"port {port} out of range (1024–{65535 - TRANSPORT_PORT_OFFSET}; transport uses port + 100)"
        )
    if not _HEAP.fullmatch(heap):
        raise LocalESError(f"heap {heap!r} is not a JVM size such as 512m or 1g")
    if not security and (users or elastic_password is not None):
        raise LocalESError("users and elastic_password need security=True")
    es_security.check_users(users or {})
    if elastic_password is not None and len(elastic_password) < es_security.MIN_PASSWORD:
        raise LocalESError(f"the elastic password must have at least {es_security.MIN_PASSWORD} characters")
    home = ensure_built()
    with proc.lock(_lock_file(name)):
        deadline = time.monotonic() + timeout
        running = _running_node(name)
        if running is not None:
            _check_same(running, port, security, elastic_password)
            _wait_ready(running, deadline, started_here=False)
            changed = {
                user: spec for user, spec in (users or {}).items() if not es_security.logs_in_as(running, user, spec)
            }
            if changed:
                es_security.add_users(running, java_home(), changed, deadline)
                es_security.wait_users(running, changed, deadline)
            return running
        proc.check_port_free(port, f"port {port} is taken by another process; use --port", LocalESError)
        transport = port + TRANSPORT_PORT_OFFSET
        proc.check_port_free(
            transport, f"transport port {transport} (HTTP port + 100) is taken by another process; use --port",
            LocalESError,
        )
        run_home = runnable_home(home)
        jdk = java_home()
        node_dir = prepare_node_dir(NodeConfig(name=name, port=port, security=security), run_home)
        if security:
            es_security.write_realm_files(node_dir)
        proc.chown_to_runner(node_dir)
        info = NodeInfo(
            name=name, port=port, url=f"http://127.0.0.1:{port}", home=run_home, node_dir=node_dir, pid=None
        )
        if security:
            info.security = True
            info.elastic_password = elastic_password or secrets.token_urlsafe(18)
            es_security.setup_security(info, jdk, users or {}, deadline)
        _launch(info, heap, jdk, deadline)
        _wait_ready(info, deadline, started_here=True)
        if users:
            es_security.wait_users(info, users, deadline)
        return info


def _check_same(running: NodeInfo, port: int, security: bool, elastic_password: str | None) -> None:
    """A second ``start`` of a running node must ask for the node that runs."""
    name = running.name
    if running.port != port:
        raise LocalESError(
            f"node {name!r} already runs on port {running.port}; stop it first (rasd es stop --name {name}) "
            "or choose another name"
        )
    if running.security != security:
        raise LocalESError(
            f"node {name!r} already runs with security {'on' if running.security else 'off'}; "
            f"stop it first (rasd es stop --name {name}) or choose another name"
        )
    if elastic_password is not None and elastic_password != running.elastic_password:
        raise LocalESError(
            f"node {name!r} already runs with another elastic password; stop it first (rasd es stop --name {name})"
        )


def stop(name: str = "dev", timeout: float = 60) -> bool:
    """Stop node ``name`` (SIGTERM, SIGKILL after ``timeout`` s). False when it was not running."""
    check_name(name)
    with proc.lock(_lock_file(name)):
        node = _running_node(name)
        if node is None or node.pid is None:
            return False
        proc.terminate(node.pid, timeout, error=LocalESError)
        (node.node_dir / PID_FILE).unlink(missing_ok=True)
        return True


def status(name: str = "dev") -> dict[str, Any]:
    """Whether node ``name`` runs, where, and its ``_cluster/health`` when reachable."""
    check_name(name)
    node = _running_node(name)
    state = read_state(name)
    result: dict[str, Any] = {
        "name": name,
        "running": node is not None,
        "pid": node.pid if node else None,
        "port": state.get("port"),
        "url": state.get("url"),
        "node_dir": state.get("node_dir"),
        "home": state.get("home"),
        "health": None,
    }
    if state.get("security"):
        result["security"] = True
    if node is not None:
        try:
            result["health"] = proc.get_json(f"{node.url}/_cluster/health", timeout=5, auth=node.auth)
        except (OSError, ValueError) as exc:
            result["health_error"] = str(exc)
    return result


def _launch(info: NodeInfo, heap: str, jdk: Path, deadline: float) -> None:
    pid_file = info.node_dir / PID_FILE
    pid_file.unlink(missing_ok=True)
    env = node_env(info, jdk)
    env["ES_JAVA_OPTS"] = f"-Xms{heap} -Xmx{heap}"
    cmd = proc.as_runner([str(info.home / "bin" / "elasticsearch"), "-d", "-p", str(pid_file)], LocalESError)
    launcher_log = info.node_dir / "logs" / "launcher.log"
    try:
        with launcher_log.open("w", encoding="utf-8") as out:
            # With -d the command returns once the node is up (or has failed) and leaves it running.
            done = subprocess.run(
                cmd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=max(1.0, deadline - time.monotonic()),
                check=False,
            )
    except subprocess.TimeoutExpired:
        proc.kill_from_pid_file(pid_file)
        raise LocalESError(f"Elasticsearch {info.name!r} did not start in time{log_tail(info)}") from None
    if done.returncode != 0:
        proc.kill_from_pid_file(pid_file)
        raise LocalESError(f"Elasticsearch {info.name!r} failed to start (exit {done.returncode}){log_tail(info)}")
    info.pid = proc.read_pid(pid_file)


def _wait_ready(info: NodeInfo, deadline: float, started_here: bool) -> None:
    """Poll ``_cluster/health`` until yellow/green; on failure stop a node this call started."""
    url = f"{info.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
    try:
        proc.wait_until(
            lambda: proc.get_json(url, timeout=5, auth=info.auth).get("status") in ("yellow", "green"),
            deadline,
            what=f"Elasticsearch {info.name!r} at {info.url}",
            pid=info.pid,
            details=lambda: log_tail(info),
            error=LocalESError,
        )
    except LocalESError:
        if started_here and info.pid is not None and proc.alive(info.pid):
            proc.terminate(info.pid, 10, error=LocalESError)
        raise


def _running_node(name: str) -> NodeInfo | None:
    state = read_state(name)
    if not state:
        return None
    node_dir = Path(state["node_dir"])
    pid = proc.read_pid(node_dir / PID_FILE)
    # ES_TMPDIR and the log paths live in the node folder: a recycled pid does not name it
    if pid is None or not proc.process_matches(pid, f"{node_dir}/"):
        return None
    security = bool(state.get("security"))
    password = None
    if security:
        try:
            password = (node_dir / PASSWORD_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            raise LocalESError(
                f"secured node {name!r} runs but {node_dir / PASSWORD_FILE} is unreadable; "
                f"stop it (rasd es stop --name {name}) and start it again"
            ) from None
    return NodeInfo(
        name=name,
        port=int(state["port"]),
        url=state["url"],
        home=Path(state["home"]),
        node_dir=node_dir,
        pid=pid,
        security=security,
        elastic_password=password,
    )
