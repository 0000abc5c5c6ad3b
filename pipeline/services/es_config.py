"""A local Elasticsearch node's folder, ``elasticsearch.yml`` and environment.

Layout: each node has its own folder ``<repo>/.rasd/es/<name>/`` holding ``config/`` (copies
of ``jvm.options``, ``jvm.options.d/``, ``log4j2.properties`` and a generated
``elasticsearch.yml``), ``data/``, ``logs/``, ``tmp/`` (``ES_TMPDIR``), ``elasticsearch.pid``
and ``node.json`` (what ``status``/``stop`` read). The unpacked distribution is never written to.
As root the folder belongs to ``nobody``; when ``nobody`` cannot reach the checkout it lives in
``/var/tmp/rasd-es/nodes/<name>-<port>/`` and ``.rasd/es/<name>`` is a symlink to it.

The file realm's ``users``, ``users_roles`` and ``roles.yml`` are symlinks into ``config/realm/``,
a folder of the node or, with ``realm_dir``, a link to a folder someone else writes (the compose
stack mounts its ``es-realm`` volume there; :mod:`pipeline.services.es_realm`). With ``tls_dir``
(a folder holding ``elasticsearch.crt``, ``elasticsearch.key`` and ``ca.crt``, as the compose
stack's ``es-setup`` step writes them) the three files are copied to ``config/certs/`` and HTTP
and transport use TLS with them (:data:`TLS_SETTINGS`, the same settings as the compose stack).

:class:`NodeConfig` renders the settings: a single-node, loopback-only node by default;
``extra`` adds or overrides settings (``None`` removes one), which is how a node joins a
cluster (``discovery.type: None`` + ``discovery.seed_hosts``; :mod:`pipeline.services.es_cluster`)
or turns TLS on. ``cluster`` names the cluster a node belongs to (``cluster.name`` is
``rasd-<cluster>``; a lone node's cluster is named after the node).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.services import proc
from pipeline.services.es_build import SHARED_DIR, LocalESError

TRANSPORT_PORT_OFFSET = 100
SUPERUSER = "elastic"
PASSWORD_FILE = "elastic-password"
PID_FILE = "elasticsearch.pid"
REALM_FILES = ("users", "users_roles", "roles.yml")
TLS_FILES = ("elasticsearch.crt", "elasticsearch.key", "ca.crt")
# Paths relative to the node's config folder: the files of TLS_FILES in config/certs/.
TLS_SETTINGS: dict[str, Any] = {
    "xpack.security.http.ssl.enabled": True,
    "xpack.security.http.ssl.key": "certs/elasticsearch.key",
    "xpack.security.http.ssl.certificate": "certs/elasticsearch.crt",
    "xpack.security.http.ssl.certificate_authorities": "certs/ca.crt",
    "xpack.security.transport.ssl.enabled": True,
    "xpack.security.transport.ssl.verification_mode": "certificate",
    "xpack.security.transport.ssl.key": "certs/elasticsearch.key",
    "xpack.security.transport.ssl.certificate": "certs/elasticsearch.crt",
    "xpack.security.transport.ssl.certificate_authorities": "certs/ca.crt",
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


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
    # The certificate authority that signed the node's certificate, when HTTP uses TLS.
    ca_certs: str | None = None
    cluster: str | None = None  # the cluster it belongs to (None: a lone node)

    @property
    def auth(self) -> tuple[str, str] | None:
        """``(user, password)`` of the superuser on a secured node, else None."""
        if self.security and self.elastic_password is not None:
            return SUPERUSER, self.elastic_password
        return None


@dataclass
class NodeConfig:
    """What ``elasticsearch.yml`` says about one node."""

    name: str
    port: int
    security: bool = False
    tls: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    cluster: str | None = None  # the cluster this node belongs to (es_cluster); None: a lone node

    @property
    def transport_port(self) -> int:
        return self.port + TRANSPORT_PORT_OFFSET

    def settings(self, node_dir: Path) -> dict[str, Any]:
        settings: dict[str, Any] = {
            "cluster.name": f"rasd-{self.cluster or self.name}",
            "node.name": self.name,
            "discovery.type": "single-node",
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "transport.port": self.transport_port,
            "path.data": str(node_dir / "data"),
            "path.logs": str(node_dir / "logs"),
            "xpack.security.enabled": self.security,
            "xpack.ml.enabled": False,
            "cluster.routing.allocation.disk.threshold_enabled": False,
            "action.destructive_requires_name": False,
        }
        if self.security:
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
            if self.tls:
                settings.update(TLS_SETTINGS)
        settings.update(self.extra)
        return {key: value for key, value in settings.items() if value is not None}

    def render(self, node_dir: Path) -> str:
        lines = [f"{key}: {json.dumps(value)}" for key, value in self.settings(node_dir).items()]
        header = "# Generated by pipeline/services/es_config.py on every start; edits are lost."
        return "\n".join([header, *lines]) + "\n"


def check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise LocalESError(f"node name {name!r}: use letters, digits, '.', '_' and '-' only")


def registry(name: str) -> Path:
    """``<repo>/.rasd/es/<name>``: the node folder, or a symlink to it (see the module docstring)."""
    return proc.state_root() / "es" / name


def read_state(name: str) -> dict[str, Any]:
    try:
        data = json.loads((registry(name) / "node.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def prepare_node_dir(
    config: NodeConfig, home: Path, tls_dir: Path | None = None, realm_dir: Path | None = None
) -> Path:
    """Create or refresh the node folder of ``config`` for distribution ``home``; return it.

    ``tls_dir``: copy its certificates into ``config/certs/`` (needs ``config.tls``);
    ``realm_dir``: ``config/realm`` links to it instead of being a folder of the node.
    """
    node_dir = proc.runner_folder(
        registry(config.name), SHARED_DIR / "nodes" / f"{config.name}-{config.port}", LocalESError
    )
    conf = node_dir / "config"
    for sub in ("config", "config/jvm.options.d", "data", "logs", "tmp"):
        (node_dir / sub).mkdir(parents=True, exist_ok=True)
    logs = node_dir / "logs"
    jvm_options = (home / "config" / "jvm.options").read_text(encoding="utf-8")
    # The stock file writes GC logs and crash files relative to ES home, which is read-only here.
    jvm_options = jvm_options.replace("file=gc.log", f"file={logs}/gc.log")
    jvm_options = jvm_options.replace("-XX:ErrorFile=hs_err_pid", f"-XX:ErrorFile={logs}/hs_err_pid")
    (conf / "jvm.options").write_text(jvm_options, encoding="utf-8")
    shutil.copytree(home / "config" / "jvm.options.d", conf / "jvm.options.d", dirs_exist_ok=True)
    (conf / "jvm.options.d" / "rasd.options").write_text(f"-XX:HeapDumpPath={logs}\n", encoding="utf-8")
    shutil.copy2(home / "config" / "log4j2.properties", conf / "log4j2.properties")
    (conf / "elasticsearch.yml").write_text(config.render(node_dir), encoding="utf-8")
    _link_realm(conf, realm_dir)
    scheme = "http"
    state: dict[str, Any] = {"name": config.name, "port": config.port}
    if config.tls:
        if tls_dir is None:
            raise LocalESError("a TLS node needs tls_dir (the folder of elasticsearch.crt, elasticsearch.key, ca.crt)")
        _copy_certs(tls_dir, conf / "certs")
        scheme = "https"
        state["ca_certs"] = str(conf / "certs" / "ca.crt")
    state.update({"url": f"{scheme}://127.0.0.1:{config.port}", "home": str(home), "node_dir": str(node_dir)})
    if config.security:
        state["security"] = True
    if config.cluster:
        state["cluster"] = config.cluster
    (node_dir / PASSWORD_FILE).unlink(missing_ok=True)
    (node_dir / "node.json").write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    return node_dir


def _link_realm(conf: Path, realm_dir: Path | None) -> None:
    realm = conf / "realm"
    if realm_dir is not None:
        if not realm_dir.is_dir():
            raise LocalESError(f"realm folder {realm_dir} does not exist")
        if realm.is_symlink() or realm.is_file():
            realm.unlink()
        elif realm.is_dir():
            shutil.rmtree(realm)
        realm.symlink_to(realm_dir.resolve(), target_is_directory=True)
    else:
        if realm.is_symlink():
            realm.unlink()
        realm.mkdir(exist_ok=True)
    for name in REALM_FILES:
        link = conf / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(f"realm/{name}")


def _copy_certs(tls_dir: Path, certs: Path) -> None:
    missing = [name for name in TLS_FILES if not (tls_dir / name).is_file()]
    if missing:
        raise LocalESError(f"{tls_dir} lacks {', '.join(missing)} (the certificates es-setup writes)")
    certs.mkdir(exist_ok=True)
    for name in TLS_FILES:
        shutil.copyfile(tls_dir / name, certs / name)
        (certs / name).chmod(0o600 if name.endswith(".key") else 0o644)


def node_env(info: NodeInfo, java_home: Path) -> dict[str, str]:
    """Environment of the node and of its command-line tools (keystore, users)."""
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")}
    env.update(
        {
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(info.node_dir / "config"),
            "ES_TMPDIR": str(info.node_dir / "tmp"),
        }
    )
    if proc.as_root():
        env["HOME"] = str(info.node_dir / "tmp")
    return env


def log_tail(info: NodeInfo) -> str:
    logs = info.node_dir / "logs"
    server_log = logs / f"rasd-{info.cluster or info.name}.log"  # Elasticsearch names it after cluster.name
    return proc.log_tail([logs / "launcher.log", server_log], missing=f" (no log in {logs})")
