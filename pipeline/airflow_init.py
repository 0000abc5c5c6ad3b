"""Airflow init step of the docker compose stack (``rasd init airflow``, service ``airflow-init``).

Also runs outside a container (the tests run it against a real PostgreSQL). In order:

1. checks the shared settings every Airflow service must agree on: the Fernet key (connections
   and variables one service encrypts, the others decrypt), the API secret key (task logs served
   between services), the JWT secret (the execution API's tokens), the metadata database and the
   admin password; an unset, example or malformed value stops it with the variable's name;
2. ``airflow db migrate`` (idempotent: seconds when the schema is current);
3. writes the simple auth manager's password file (``{"admin": AIRFLOW_ADMIN_PASSWORD}``, mode
   600) where ``[core] simple_auth_manager_passwords_file`` points, so the login does not change
   when a container is recreated; rewritten only when the password changed (rotation: change
   ``.env``, ``docker compose up -d``). The api-server reads the file at each login.

The DAGs need no pool and no connection: tasks read Elasticsearch's address and credentials
from ``ES_*`` (see ``docs/decisions.md``, "Docker compose").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from pipeline.stack_init import StackInitError, require

ADMIN = "admin"
MIN_ADMIN_PASSWORD = 12
SHARED = [
    "AIRFLOW__CORE__FERNET_KEY",
    "AIRFLOW__API__SECRET_KEY",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE",
    "AIRFLOW_ADMIN_PASSWORD",
]


def check_settings(env: Mapping[str, str]) -> dict[str, str]:
    from cryptography.fernet import Fernet

    values = require(env, SHARED)
    try:  # "NEW,OLD" while rotating (airflow rotate-fernet-key): each must be a key
        for key in values["AIRFLOW__CORE__FERNET_KEY"].split(","):
            Fernet(key.strip().encode())
    except ValueError:
        raise StackInitError(
            "AIRFLOW__CORE__FERNET_KEY (AIRFLOW_FERNET_KEY in .env) is not a Fernet key: 32 random bytes in "
            "url-safe base64, 44 characters (docker/make-env.sh writes one); NEW,OLD while rotating"
        ) from None
    if len(values["AIRFLOW_ADMIN_PASSWORD"]) < MIN_ADMIN_PASSWORD:
        raise StackInitError(f"AIRFLOW_ADMIN_PASSWORD must have at least {MIN_ADMIN_PASSWORD} characters")
    users = [u.split(":")[0] for u in env.get("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", f"{ADMIN}:admin").split(",")]
    if users != [ADMIN]:
        raise StackInitError(f"AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS names {users}; the stack has one user, {ADMIN}")
    return values


def migrate(env: Mapping[str, str], timeout: float = 900) -> None:
    try:
        done = subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], env=dict(env),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise StackInitError(f"airflow db migrate ran over {timeout:.0f} s") from None
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise StackInitError(f"airflow db migrate failed (exit {done.returncode}):\n{tail}")


def write_password_file(path: Path, password: str) -> bool:
    """``{"admin": password}`` at ``path`` (mode 600); False when it already says that."""
    text = json.dumps({ADMIN: password}) + "\n"
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        pass
    if not path.parent.is_dir():
        raise StackInitError(f"{path.parent} does not exist (the airflow-auth volume in the compose stack)")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except PermissionError:
        raise StackInitError(f"cannot write in {path.parent} as uid {os.getuid()}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    tmp.replace(path)
    return True


def init_airflow(env: Mapping[str, str]) -> bool:
    """All three steps; True when the password file was (re)written."""
    values = check_settings(env)
    migrate(env)
    return write_password_file(Path(values["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]),
                               values["AIRFLOW_ADMIN_PASSWORD"])
