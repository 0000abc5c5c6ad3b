"""Security of a local Elasticsearch node: the file realm, optionally TLS.

``start(..., security=True)`` runs the node with ``xpack.security.enabled``, the file realm
only (the native realm and API keys need modules this distribution lacks) and, unless TLS
certificates are given (``tls_dir``, see :mod:`pipeline.services.es_config`), HTTP without TLS
(loopback only) and no transport TLS. The realm files live in ``config/realm/``
(:mod:`pipeline.services.es_realm`): on every start the project's roles
(``pipeline/data/security/roles.json``) are written to ``roles.yml`` and the requested users to
``users``/``users_roles``, unless the node reads a realm folder that someone else manages
(``realm_dir``: the compose stack's ``es-users`` step). The ``elastic`` superuser gets the
password given, or a random one, as ``bootstrap.password`` in the node's keystore; that password
is kept in ``<node folder>/elastic-password`` (mode 600) for ``status`` and later ``start`` calls.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from pipeline.services import es_realm, proc
from pipeline.services.es_build import LocalESError
from pipeline.services.es_config import PASSWORD_FILE, NodeInfo, log_tail, node_env
from pipeline.services.es_realm import MIN_PASSWORD, render_roles_yml

__all__ = ["MIN_PASSWORD", "Users", "add_users", "check_users", "load_roles", "render_roles_yml"]

# User name -> (password, role names) for the file realm of a secured node.
Users = dict[str, tuple[str, list[str]]]


def load_roles(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The project's roles (``pipeline/data/security/roles.json``), without the comment."""
    path = path or proc.repo_root() / "pipeline" / "data" / "security" / "roles.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: role for name, role in data.items() if not name.startswith("_")}


def realm_folder(node_dir: Path) -> Path:
    return node_dir / "config" / "realm"


def write_realm_files(node_dir: Path) -> None:
    """``roles.yml`` from the project's roles; no users yet (``setup_security`` adds them)."""
    try:
        es_realm.write_realm(realm_folder(node_dir), {}, load_roles(), exact=True)
    except es_realm.RealmError as exc:
        raise LocalESError(str(exc)) from None


def check_users(users: Users) -> None:
    try:
        es_realm.check_users(users)
    except es_realm.RealmError as exc:
        raise LocalESError(str(exc)) from None


def setup_security(info: NodeInfo, java_home: Path, users: Users, deadline: float, manage_realm: bool = True) -> None:
    """Before the first start: the superuser's bootstrap password in the keystore, then the users."""
    assert info.elastic_password is not None
    keystore_tool = str(info.home / "bin" / "elasticsearch-keystore")
    # --force: overwrite the setting, and create the keystore when there is none yet.
    run_tool(
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
    if manage_realm:
        add_users(info, users)


def add_users(info: NodeInfo, users: Users) -> None:
    """(Re)create ``users`` in the node's file realm, keeping the others; a running node reloads the files."""
    try:
        es_realm.write_realm(realm_folder(info.node_dir), users, exact=False)
    except es_realm.RealmError as exc:
        raise LocalESError(str(exc)) from None
    proc.chown_to_runner(realm_folder(info.node_dir))  # as root the node runs as the runner


def run_tool(info: NodeInfo, java_home: Path, cmd: list[str], deadline: float, stdin: str | None = None) -> None:
    """Run an Elasticsearch command-line tool on the node's config, as the node's user."""
    env = node_env(info, java_home)
    # Short-lived JVMs: the client compiler and serial GC start them about a third faster.
    env.setdefault("CLI_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    try:
        done = subprocess.run(
            proc.as_runner(cmd, LocalESError),
            env=env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=max(1.0, deadline - time.monotonic()),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LocalESError(f"`{Path(cmd[0]).name} {cmd[1]}` did not finish in time") from None
    if done.returncode != 0:
        shown = ["***" if i and cmd[i - 1] == "-p" else c for i, c in enumerate(cmd)]
        output = proc.last_lines((done.stdout + done.stderr).splitlines(), 20)
        raise LocalESError(f"`{Path(cmd[0]).name} {' '.join(shown[1:])}` failed (exit {done.returncode}):\n{output}")


def logs_in_as(info: NodeInfo, user: str, spec: tuple[str, list[str]]) -> bool:
    """``user`` logs in with the password of ``spec`` and has exactly its roles."""
    try:
        answer = proc.get_json(
            f"{info.url}/_security/_authenticate", timeout=5, auth=(user, spec[0]), cafile=info.ca_certs
        )
    except (OSError, ValueError):
        return False
    return sorted(answer.get("roles") or []) == sorted(spec[1])


def wait_users(info: NodeInfo, users: Users, deadline: float) -> None:
    """Wait until every user of ``users`` logs in (the file realm reloads changed files within seconds)."""
    pending = dict(users)
    while True:
        for user, (password, _roles) in list(pending.items()):
            try:
                proc.get_json(
                    f"{info.url}/_security/_authenticate", timeout=5, auth=(user, password), cafile=info.ca_certs
                )
            except (OSError, ValueError):
                continue
            del pending[user]
        if not pending:
            return
        if time.monotonic() > deadline:
            raise LocalESError(f"users {sorted(pending)} cannot log in to {info.name!r}{log_tail(info)}")
        time.sleep(0.5)
