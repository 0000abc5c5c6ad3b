"""Local Elasticsearch nodes for development and tests, without Docker.

The distribution is the ``integ-test-zip`` Elasticsearch that ``es/pom.xml``
unpacks into ``es/target/dist/`` (with the ``rasd-analysis`` plugin installed);
see ``docs/decisions.md`` (Elasticsearch section). This module only manages nodes: build if needed,
start, wait until ready, report, stop.

Layout: each node has its own folder ``<repo>/.rasd/es/<name>/`` holding
``config/`` (copies of ``jvm.options``, ``jvm.options.d/``, ``log4j2.properties``
and a generated ``elasticsearch.yml``), ``data/``, ``logs/``, ``tmp/``
(``ES_TMPDIR``), ``elasticsearch.pid`` and ``node.json`` (what ``status``/``stop``
read). The unpacked distribution is never written to.

Root: Elasticsearch refuses to run as root, so as root the node runs as user
``nobody`` (``setpriv``) and its folder is chowned to it. When ``nobody`` cannot
reach the repository (a CI clone under ``/root``), the distribution is copied
once to ``/var/tmp/rasd-es/<version>-<hash>/`` (root-owned, world-readable;
the hash covers the installed plugins, so a rebuilt plugin gets a fresh copy)
and the node folder moves to ``/var/tmp/rasd-es/nodes/<name>-<port>/``;
``<repo>/.rasd/es/<name>`` is then a symlink to it. Old copies are not pruned:
``rm -rf /var/tmp/rasd-es`` when no node runs.

Security (``start(..., security=True)``): the node runs with ``xpack.security.enabled``, the
file realm only (the native realm and API keys need modules this distribution lacks), HTTP
without TLS (loopback only) and no transport TLS (single-node discovery needs none). On every
start the project's roles (``pipeline/data/security/roles.json``) are rendered into
``config/roles.yml``, the ``users``/``users_roles`` files are rewritten with the requested users
(``bin/elasticsearch-users useradd``) and the ``elastic`` superuser gets the password given, or a
random one, as ``bootstrap.password`` in the node's keystore; that password is kept in
``<node folder>/elastic-password`` (mode 600) for ``status`` and later ``start`` calls.

Environment: ``RASD_ES_HOME`` = use this Elasticsearch home (plugin already
installed) instead of building; ``JAVA_HOME`` or ``java`` on ``PATH`` = the JDK
17+ (passed to Elasticsearch as ``ES_JAVA_HOME``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ES_VERSION",
    "LocalESError",
    "NodeInfo",
    "Users",
    "ensure_built",
    "load_roles",
    "repo_root",
    "start",
    "status",
    "stop",
]

ES_VERSION = "8.19.21"
PLUGIN_NAME = "rasd-analysis"
MIN_JAVA = 17
TRANSPORT_PORT_OFFSET = 100
RUN_AS_USER = "nobody"
SHARED_DIR = Path("/var/tmp/rasd-es")
LOG_TAIL_LINES = 30
SUPERUSER = "elastic"
PASSWORD_FILE = "elastic-password"
# File-realm user names: what ``elasticsearch-users`` accepts, without the odd characters.
_USER = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]{0,506}")
MIN_PASSWORD = 6  # elasticsearch-users refuses shorter ones

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_HEAP = re.compile(r"[1-9][0-9]*[kKmMgG]?")
# No proxy for loopback, whatever HTTP(S)_PROXY says.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# User name -> (password, role names) for the file realm of a secured node.
Users = dict[str, tuple[str, list[str]]]


class LocalESError(RuntimeError):
    """The local node cannot be built, started or reached; the message says what to do."""


@dataclass
class NodeInfo:
    name: str
    port: int
    url: str
    home: Path
    node_dir: Path
    pid: int | None
    security: bool = False
    # Password of the ``elastic`` superuser when ``security`` is on.
    elastic_password: str | None = None

    @property
    def auth(self) -> tuple[str, str] | None:
        """``(user, password)`` of the superuser on a secured node, else None."""
        if self.security and self.elastic_password is not None:
            return SUPERUSER, self.elastic_password
        return None


def repo_root() -> Path:
    """The repository checkout this module belongs to."""
    return Path(__file__).resolve().parent.parent


# -- build ---------------------------------------------------------------------------------------
def ensure_built(force: bool = False) -> Path:
    """Return the Elasticsearch home, running ``mvn -B -q -f es/pom.xml package`` when needed.

    Needed: Elasticsearch not unpacked, plugin not installed, plugin zip missing or older than
    ``es/pom.xml``/``es/src``, or ``force``. ``RASD_ES_HOME`` short-cuts all of it.
    """
    override = os.environ.get("RASD_ES_HOME")
    if override:
        home = Path(override).expanduser().resolve()
        if not (home / "bin" / "elasticsearch").is_file():
            raise LocalESError(f"RASD_ES_HOME={override} is not an Elasticsearch home (no bin/elasticsearch)")
        return home
    home = _built_home()
    with _lock(_state_root() / "build.lock"):
        reason = "forced" if force else _rebuild_reason(home)
        if reason:
            _run_maven()
            still = _rebuild_reason(home)
            if still:
                raise LocalESError(
                    f"the Maven build finished but {still}; run `mvn -B -f es/pom.xml package` to see why"
                )
    return home


def _built_home() -> Path:
    return repo_root() / "es" / "target" / "dist" / f"elasticsearch-{ES_VERSION}"


def _rebuild_reason(home: Path) -> str | None:
    if not (home / "bin" / "elasticsearch").is_file():
        return f"Elasticsearch is not unpacked in {home}"
    if not (home / "plugins" / PLUGIN_NAME / "stable-plugin-descriptor.properties").is_file():
        return f"the {PLUGIN_NAME} plugin is not installed in {home}"
    zips = list((repo_root() / "es" / "target").glob(f"{PLUGIN_NAME}-*.zip"))
    if not zips:
        return "the plugin zip is missing"
    built = max(z.stat().st_mtime for z in zips)
    es = repo_root() / "es"
    sources = [es / "pom.xml", *(p for p in (es / "src").rglob("*") if p.is_file())]
    if max(p.stat().st_mtime for p in sources) > built:
        return "es/src or es/pom.xml changed since the plugin was built"
    return None


def _run_maven() -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalESError(
            "Maven (mvn) is not on PATH: install Maven 3.8+ (e.g. `apt-get install maven`), "
            "or set RASD_ES_HOME to an Elasticsearch home with the rasd-analysis plugin installed"
        )
    env = {**os.environ, "JAVA_HOME": str(_java_home())}
    cmd = [mvn, "-B", "-q", "-f", str(repo_root() / "es" / "pom.xml"), "package"]
    proc = subprocess.run(cmd, cwd=repo_root(), env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = _last_lines((proc.stdout + proc.stderr).splitlines(), 40)
        raise LocalESError(f"`{' '.join(cmd)}` failed (exit {proc.returncode}):\n{tail}")


def _java_home() -> Path:
    """The JDK for Maven and Elasticsearch: ``JAVA_HOME``, else the one of ``java`` on PATH."""
    configured = os.environ.get("JAVA_HOME")
    if configured:
        home = Path(configured)
        where = f"JAVA_HOME={configured}"
    else:
        java_on_path = shutil.which("java")
        if java_on_path is None:
            raise LocalESError(
                f"no Java found: install a JDK {MIN_JAVA}+ (e.g. `apt-get install openjdk-17-jdk-headless`) "
                "or set JAVA_HOME"
            )
        home = Path(java_on_path).resolve().parent.parent
        where = f"java on PATH ({java_on_path})"
    java = home / "bin" / "java"
    if not java.is_file():
        raise LocalESError(f"{where}: {java} does not exist; set JAVA_HOME to a JDK {MIN_JAVA}+")
    proc = subprocess.run([str(java), "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if match is None:
        raise LocalESError(f"{where}: cannot read the version of {java}: {proc.stderr.strip()[:200]}")
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_292" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise LocalESError(
            f"{where} is Java {major}; Elasticsearch {ES_VERSION} needs {MIN_JAVA}+: set JAVA_HOME to a newer JDK"
        )
    return home


# -- nodes ---------------------------------------------------------------------------------------
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

    ``security``: enable security with the file realm (see the module docstring). ``users``
    maps user name -> (password, roles) for its ``users`` file; the roles are those of
    ``pipeline/data/security/roles.json`` or built-in ones (``superuser``, ``viewer``, …).
    ``elastic_password``: the ``elastic`` superuser's password (default: a random one, in
    ``NodeInfo.elastic_password``). Called for a running secured node, the given users are
    (re)created in place unless they already log in with those roles, and the call waits
    until each of them can log in.
    """
    _check_name(name)
    if not 1024 <= port <= 65535 - TRANSPORT_PORT_OFFSET:
        raise LocalESError(
            f"port {port} out of range (1024–{65535 - TRANSPORT_PORT_OFFSET}; transport uses port + 100)"
        )
    if not _HEAP.fullmatch(heap):
        raise LocalESError(f"heap {heap!r} is not a JVM size such as 512m or 1g")
    if not security and (users or elastic_password is not None):
        raise LocalESError("users and elastic_password need security=True")
    _check_users(users or {})
    if elastic_password is not None and len(elastic_password) < MIN_PASSWORD:
        raise LocalESError(f"the elastic password must have at least {MIN_PASSWORD} characters")
    home = ensure_built()
    with _lock(_state_root() / "es" / f"{name}.lock"):
        deadline = time.monotonic() + timeout
        running = _running_node(name)
        if running is not None:
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
                    f"node {name!r} already runs with another elastic password; stop it first "
                    f"(rasd es stop --name {name})"
                )
            _wait_ready(running, deadline, started_here=False)
            changed = {user: spec for user, spec in (users or {}).items() if not _logs_in_as(running, user, spec)}
            if changed:
                _add_users(running, _java_home(), changed, deadline)
                _wait_users(running, changed, deadline)
            return running
        _check_port_free(port, f"port {port} is taken by another process; use --port")
        transport = port + TRANSPORT_PORT_OFFSET
        _check_port_free(
            transport, f"transport port {transport} (HTTP port + 100) is taken by another process; use --port"
        )
        run_home = home if _runner_can("-r", home / "bin" / "elasticsearch") else _shared_copy(home)
        java_home = _java_home()
        node_dir = _prepare_node_dir(name, port, run_home, security=security)
        info = NodeInfo(
            name=name, port=port, url=f"http://127.0.0.1:{port}", home=run_home, node_dir=node_dir, pid=None
        )
        if security:
            info.security = True
            info.elastic_password = elastic_password or secrets.token_urlsafe(18)
            _setup_security(info, java_home, users or {}, deadline)
        _launch(info, heap, java_home, deadline)
        _wait_ready(info, deadline, started_here=True)
        if users:
            _wait_users(info, users, deadline)
        return info


def stop(name: str = "dev", timeout: float = 60) -> bool:
    """Stop node ``name`` (SIGTERM, SIGKILL after ``timeout`` s). False when it was not running."""
    _check_name(name)
    with _lock(_state_root() / "es" / f"{name}.lock"):
        node = _running_node(name)
        if node is None or node.pid is None:
            return False
        _terminate(node.pid, timeout)
        (node.node_dir / "elasticsearch.pid").unlink(missing_ok=True)
        return True


def status(name: str = "dev") -> dict[str, Any]:
    """Whether node ``name`` runs, where, and its ``_cluster/health`` when reachable."""
    _check_name(name)
    node = _running_node(name)
    state = _read_state(name)
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
            result["health"] = _get_json(f"{node.url}/_cluster/health", timeout=5, auth=node.auth)
        except (OSError, ValueError) as exc:
            result["health_error"] = str(exc)
    return result


# -- node folder -------------------------------------------------------------------------------
def _state_root() -> Path:
    root = repo_root() / ".rasd"
    (root / "es").mkdir(parents=True, exist_ok=True)
    return root


def _registry(name: str) -> Path:
    """``<repo>/.rasd/es/<name>``: the node folder, or a symlink to it (see the module docstring)."""
    return _state_root() / "es" / name


def _read_state(name: str) -> dict[str, Any]:
    try:
        data = json.loads((_registry(name) / "node.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _prepare_node_dir(name: str, port: int, home: Path, security: bool = False) -> Path:
    registry = _registry(name)
    if _runner_can("-x", registry.parent):
        if registry.is_symlink():
            registry.unlink()
        node_dir = registry
    else:
        if registry.exists() and not registry.is_symlink():
            raise LocalESError(
                f"{registry} is a node folder user {RUN_AS_USER} cannot reach; remove it (its data is lost) and retry"
            )
        node_dir = SHARED_DIR / "nodes" / f"{name}-{port}"
        for d in (SHARED_DIR, SHARED_DIR / "nodes"):
            d.mkdir(exist_ok=True)
            d.chmod(0o755)
        registry.unlink(missing_ok=True)
        registry.symlink_to(node_dir, target_is_directory=True)
    config = node_dir / "config"
    for sub in ("config", "config/jvm.options.d", "data", "logs", "tmp"):
        (node_dir / sub).mkdir(parents=True, exist_ok=True)

    logs = node_dir / "logs"
    jvm_options = (home / "config" / "jvm.options").read_text(encoding="utf-8")
    # The stock file writes GC logs and crash files relative to ES home, which is read-only here.
    jvm_options = jvm_options.replace("file=gc.log", f"file={logs}/gc.log")
    jvm_options = jvm_options.replace("-XX:ErrorFile=hs_err_pid", f"-XX:ErrorFile={logs}/hs_err_pid")
    (config / "jvm.options").write_text(jvm_options, encoding="utf-8")
    shutil.copytree(home / "config" / "jvm.options.d", config / "jvm.options.d", dirs_exist_ok=True)
    (config / "jvm.options.d" / "rasd.options").write_text(f"-XX:HeapDumpPath={logs}\n", encoding="utf-8")
    shutil.copy2(home / "config" / "log4j2.properties", config / "log4j2.properties")
    settings = {
        "cluster.name": f"rasd-{name}",
        "node.name": name,
        "discovery.type": "single-node",
        "network.host": "127.0.0.1",
        "http.port": port,
        "transport.port": port + TRANSPORT_PORT_OFFSET,
        "path.data": str(node_dir / "data"),
        "path.logs": str(logs),
        "xpack.security.enabled": security,
        "xpack.ml.enabled": False,
        "cluster.routing.allocation.disk.threshold_enabled": False,
        "action.destructive_requires_name": False,
    }
    if security:
        settings.update(
            {
                # Loopback only: no TLS on HTTP; single-node discovery needs no transport TLS.
                "xpack.security.http.ssl.enabled": False,
                "xpack.security.transport.ssl.enabled": False,
                # The file realm only (plus the built-in elastic user): the native realm needs the
                # .security index, whose mapping needs analysis-common, which this distribution lacks.
                "xpack.security.authc.realms.file.file1.order": 0,
                "xpack.security.authc.realms.native.native1.enabled": False,
            }
        )
    lines = [f"{key}: {json.dumps(value)}" for key, value in settings.items()]
    header = "# Generated by pipeline/es_local.py on every start; edits are lost.\n"
    (config / "elasticsearch.yml").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    state = {
        "name": name,
        "port": port,
        "url": f"http://127.0.0.1:{port}",
        "home": str(home),
        "node_dir": str(node_dir),
    }
    if security:
        state["security"] = True
        (config / "roles.yml").write_text(render_roles_yml(load_roles()), encoding="utf-8")
        for realm_file in ("users", "users_roles"):  # rewritten by _setup_security
            (config / realm_file).write_text("", encoding="utf-8")
    (node_dir / PASSWORD_FILE).unlink(missing_ok=True)
    (node_dir / "node.json").write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    if _as_root():
        uid, gid = _run_ids()
        for path in [node_dir, *node_dir.rglob("*")]:
            os.lchown(path, uid, gid)
    return node_dir


# -- process ---------------------------------------------------------------------------------------
def _launch(info: NodeInfo, heap: str, java_home: Path, deadline: float) -> None:
    pid_file = info.node_dir / "elasticsearch.pid"
    pid_file.unlink(missing_ok=True)
    env = _node_env(info, java_home)
    env["ES_JAVA_OPTS"] = f"-Xms{heap} -Xmx{heap}"
    cmd = _as_runner([str(info.home / "bin" / "elasticsearch"), "-d", "-p", str(pid_file)])
    launcher_log = info.node_dir / "logs" / "launcher.log"
    try:
        with launcher_log.open("w", encoding="utf-8") as out:
            # With -d the command returns once the node is up (or has failed) and leaves it running.
            proc = subprocess.run(
                cmd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=max(1.0, deadline - time.monotonic()),
                check=False,
            )
    except subprocess.TimeoutExpired:
        _kill_from_pid_file(pid_file)
        raise LocalESError(f"Elasticsearch {info.name!r} did not start in time{_log_tail(info)}") from None
    if proc.returncode != 0:
        _kill_from_pid_file(pid_file)
        raise LocalESError(f"Elasticsearch {info.name!r} failed to start (exit {proc.returncode}){_log_tail(info)}")
    info.pid = _read_pid(pid_file)


def _node_env(info: NodeInfo, java_home: Path) -> dict[str, str]:
    """Environment of the node and of its command-line tools (keystore, users)."""
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")}
    env.update(
        {
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(info.node_dir / "config"),
            "ES_TMPDIR": str(info.node_dir / "tmp"),
        }
    )
    if _as_root():
        env["HOME"] = str(info.node_dir / "tmp")
    return env


def _wait_ready(info: NodeInfo, deadline: float, started_here: bool) -> None:
    """Poll ``_cluster/health`` until yellow/green; on failure stop a node this call started."""
    url = f"{info.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
    while True:
        if info.pid is not None and not _alive(info.pid):
            raise LocalESError(f"Elasticsearch {info.name!r} exited during start-up{_log_tail(info)}")
        try:
            if _get_json(url, timeout=5, auth=info.auth).get("status") in ("yellow", "green"):
                return
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            if started_here and info.pid is not None:
                _terminate(info.pid, 10)
            raise LocalESError(f"Elasticsearch {info.name!r} not ready at {info.url} in time{_log_tail(info)}")
        time.sleep(0.5)


def _running_node(name: str) -> NodeInfo | None:
    state = _read_state(name)
    if not state:
        return None
    node_dir = Path(state["node_dir"])
    pid = _read_pid(node_dir / "elasticsearch.pid")
    if pid is None or not _is_node_process(pid, node_dir):
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


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
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


def _is_node_process(pid: int, node_dir: Path) -> bool:
    """``pid`` runs and is this node's Elasticsearch (not a recycled pid)."""
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return True  # no /proc: trust the pid file
    return f"{node_dir}/" in cmdline  # ES_TMPDIR and the log paths live in the node folder


def _terminate(pid: int, timeout: float) -> None:
    _signal(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return
    _signal(pid, signal.SIGKILL)
    if not _wait_gone(pid, 10):
        raise LocalESError(f"process {pid} survived SIGKILL")


def _signal(pid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, sig)


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _kill_from_pid_file(pid_file: Path) -> None:
    pid = _read_pid(pid_file)
    if pid is not None and _alive(pid):
        _terminate(pid, 10)


def _log_tail(info: NodeInfo) -> str:
    parts = []
    for log in (info.node_dir / "logs" / "launcher.log", info.node_dir / "logs" / f"rasd-{info.name}.log"):
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        if lines:
            parts.append(f"\n--- last lines of {log} ---\n{_last_lines(lines, LOG_TAIL_LINES)}")
    return "".join(parts) or f" (no log in {info.node_dir / 'logs'})"


def _last_lines(lines: list[str], n: int) -> str:
    return "\n".join(lines[-n:])


def _get_json(url: str, timeout: float, auth: tuple[str, str] | None = None) -> dict[str, Any]:
    request = urllib.request.Request(url)
    if auth is not None:
        token = b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    with _HTTP.open(request, timeout=timeout) as resp:
        data = json.loads(resp.read())
    if not isinstance(data, dict):
        raise ValueError(f"unexpected answer from {url}: {data!r}")
    return data


def _check_port_free(port: int, message: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Elasticsearch does
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise LocalESError(message) from None


def _check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise LocalESError(f"node name {name!r}: use letters, digits, '.', '_' and '-' only")


# -- security (file realm) --------------------------------------------------------------------
def load_roles(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The project's roles (``pipeline/data/security/roles.json``), without the comment."""
    path = path or repo_root() / "pipeline" / "data" / "security" / "roles.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: role for name, role in data.items() if not name.startswith("_")}


def render_roles_yml(roles: dict[str, dict[str, Any]]) -> str:
    """``roles.yml`` of the file realm: one block per role, values in YAML's flow (JSON) style.

    The file realm reads ``roles.yml`` role by role, starting a role at each unindented line,
    so every role name sits at column 0 and everything else is indented.
    """
    lines = ["# Generated by pipeline/es_local.py from pipeline/data/security/roles.json; edits are lost."]
    for name, role in roles.items():
        if not _USER.fullmatch(name):
            raise LocalESError(f"role name {name!r} cannot be written to roles.yml")
        lines.append(f"{name}:")
        lines.extend(f"  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in role.items())
    return "\n".join(lines) + "\n"


def _check_users(users: Users) -> None:
    for user, (password, roles) in users.items():
        if user == SUPERUSER or not _USER.fullmatch(user):
            raise LocalESError(f"user name {user!r}: use letters, digits, '_', '.', '@' and '-' (and not elastic)")
        if len(password) < MIN_PASSWORD:
            raise LocalESError(f"the password of {user!r} must have at least {MIN_PASSWORD} characters")
        for role in roles:
            if not _USER.fullmatch(role):
                raise LocalESError(f"role name {role!r} of user {user!r} is not valid")


def _setup_security(info: NodeInfo, java_home: Path, users: Users, deadline: float) -> None:
    """Before the first start: the superuser's bootstrap password in the keystore, then the users."""
    assert info.elastic_password is not None
    keystore_tool = str(info.home / "bin" / "elasticsearch-keystore")
    # --force: overwrite the setting, and create the keystore when there is none yet.
    _run_tool(
        info,
        java_home,
        [keystore_tool, "add", "--force", "--stdin", "bootstrap.password"],
        deadline,
        stdin=info.elastic_password + "\n",
    )
    password_file = info.node_dir / PASSWORD_FILE
    password_file.unlink(missing_ok=True)
    fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(info.elastic_password + "\n")
    _add_users(info, java_home, users, deadline)


def _add_users(info: NodeInfo, java_home: Path, users: Users, deadline: float) -> None:
    """(Re)create ``users`` in the node's file realm; a running node reloads the files by itself."""
    users_tool = str(info.home / "bin" / "elasticsearch-users")
    existing = _file_realm_users(info)
    for user, (password, roles) in users.items():
        if user in existing:
            _run_tool(info, java_home, [users_tool, "userdel", user], deadline)
        cmd = [users_tool, "useradd", user, "-p", password]
        if roles:
            cmd += ["-r", ",".join(roles)]
        _run_tool(info, java_home, cmd, deadline)


def _file_realm_users(info: NodeInfo) -> set[str]:
    try:
        lines = (info.node_dir / "config" / "users").read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {line.split(":", 1)[0] for line in lines if ":" in line and not line.startswith("#")}


def _run_tool(info: NodeInfo, java_home: Path, cmd: list[str], deadline: float, stdin: str | None = None) -> None:
    """Run an Elasticsearch command-line tool on the node's config, as the node's user."""
    env = _node_env(info, java_home)
    # Short-lived JVMs: the client compiler and serial GC start them about a third faster.
    env.setdefault("CLI_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    try:
        proc = subprocess.run(
            _as_runner(cmd),
            env=env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=max(1.0, deadline - time.monotonic()),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LocalESError(f"`{Path(cmd[0]).name} {cmd[1]}` did not finish in time") from None
    if proc.returncode != 0:
        shown = ["***" if i and cmd[i - 1] == "-p" else c for i, c in enumerate(cmd)]
        output = _last_lines((proc.stdout + proc.stderr).splitlines(), 20)
        raise LocalESError(f"`{Path(cmd[0]).name} {' '.join(shown[1:])}` failed (exit {proc.returncode}):\n{output}")


def _logs_in_as(info: NodeInfo, user: str, spec: tuple[str, list[str]]) -> bool:
    """``user`` logs in with the password of ``spec`` and has exactly its roles."""
    try:
        answer = _get_json(f"{info.url}/_security/_authenticate", timeout=5, auth=(user, spec[0]))
    except (OSError, ValueError):
        return False
    return sorted(answer.get("roles") or []) == sorted(spec[1])


def _wait_users(info: NodeInfo, users: Users, deadline: float) -> None:
    """Wait until every user of ``users`` logs in (the file realm reloads changed files within seconds)."""
    pending = dict(users)
    while True:
        for user, (password, _roles) in list(pending.items()):
            try:
                _get_json(f"{info.url}/_security/_authenticate", timeout=5, auth=(user, password))
            except (OSError, ValueError):
                continue
            del pending[user]
        if not pending:
            return
        if time.monotonic() > deadline:
            raise LocalESError(f"users {sorted(pending)} cannot log in to {info.name!r}{_log_tail(info)}")
        time.sleep(0.5)


# -- running as root ---------------------------------------------------------------------------
def _as_root() -> bool:
    return os.geteuid() == 0


def _run_ids() -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(RUN_AS_USER)
    except KeyError:
        raise LocalESError(
            f"running as root needs user {RUN_AS_USER!r} to run Elasticsearch; it does not exist"
        ) from None
    return entry.pw_uid, entry.pw_gid


def _as_runner(cmd: list[str]) -> list[str]:
    """``cmd`` as the user Elasticsearch runs as: ourselves, or ``nobody`` when we are root."""
    if not _as_root():
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise LocalESError(
            "Elasticsearch refuses to run as root and setpriv (util-linux) is missing to drop to user "
            f"{RUN_AS_USER}: install util-linux or run as an ordinary user"
        )
    uid, gid = _run_ids()
    return [setpriv, f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--", *cmd]


def _runner_can(test_flag: str, path: Path) -> bool:
    """``test <flag> path`` as the user Elasticsearch runs as (always true when not root)."""
    if not _as_root():
        return True
    return subprocess.run(_as_runner(["test", test_flag, str(path)]), check=False).returncode == 0


def _shared_copy(home: Path) -> Path:
    """A copy of ``home`` that ``nobody`` can read, made once per distribution + plugin build."""
    digest = hashlib.sha256(ES_VERSION.encode())
    for entry in sorted(p.name for p in (home / "modules").iterdir()):
        digest.update(entry.encode())
    for path in sorted(p for p in (home / "plugins").rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(home)).encode())
        digest.update(path.read_bytes())
    target = SHARED_DIR / f"{ES_VERSION}-{digest.hexdigest()[:12]}"
    copied = target / home.name
    SHARED_DIR.mkdir(exist_ok=True)
    SHARED_DIR.chmod(0o755)
    with _lock(SHARED_DIR / ".lock"):
        if not (target / ".complete").exists():
            staging = SHARED_DIR / f".staging-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            shutil.copytree(home, staging / home.name, symlinks=True)
            for path in [staging, *staging.rglob("*")]:
                if not path.is_symlink():
                    mode = path.stat().st_mode
                    path.chmod(mode | 0o044 | (0o011 if path.is_dir() or mode & 0o100 else 0))
            (staging / ".complete").touch()
            shutil.rmtree(target, ignore_errors=True)
            staging.rename(target)
    if not _runner_can("-r", copied / "bin" / "elasticsearch"):
        raise LocalESError(f"user {RUN_AS_USER} cannot read {copied}; check the permissions of {SHARED_DIR}")
    return copied


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (concurrent test sessions, CLI calls)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
