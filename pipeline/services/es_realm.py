"""The files of Elasticsearch's file realm: ``roles.yml``, ``users`` and ``users_roles``.

One writer for every node the project runs: the local nodes of ``rasd es start --security`` and
the tests, and the ``es-users`` step of the docker compose stack (``rasd init es-users``), which
writes them into a volume the Elasticsearch container reads. The node keeps the three files in
``config/realm/`` and ``config/users`` (and the other two) are symlinks into it, so a folder
(a volume) can hold them; Elasticsearch follows the links and reloads changed files within
seconds (``resource.reload.interval.high``, 5 s), so a changed password needs no restart.

* Passwords are stored as ``{PBKDF2}10000$salt$key`` (PBKDF2-HMAC-SHA512, 32-byte salt and key,
  base64), the format of Elasticsearch's own ``Hasher.PBKDF2`` that ``elasticsearch-users`` writes
  in FIPS mode; the file realm reads any supported hash whatever the node's hashing setting.
* Idempotent: a user whose stored hash already verifies the given password keeps it, and a file is
  rewritten only when its content changes (atomically: temporary file + rename, mode 640; in a
  setgid folder it takes the folder's group, which is how the node's user reads it).
* Names are checked before anything is written (what ``elasticsearch-users`` accepts).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.services.proc import ServiceError

REALM_FILES = ("roles.yml", "users", "users_roles")
PBKDF2_PREFIX = "{PBKDF2}"
PBKDF2_ITERATIONS = 10_000
MIN_PASSWORD = 6  # what elasticsearch-users accepts
RESERVED = {"elastic", "kibana", "kibana_system", "logstash_system", "beats_system", "apm_system",
            "remote_monitoring_user"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]{0,506}")

# User name -> (password, role names)
Users = Mapping[str, tuple[str, list[str]]]


class RealmError(ServiceError):
    """A file-realm user, role or file cannot be written; the message says which and why."""


def hash_password(password: str, iterations: int = PBKDF2_ITERATIONS) -> str:
    salt = secrets.token_bytes(32)
    key = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, iterations, 32)
    return f"{PBKDF2_PREFIX}{iterations}${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """``stored`` is a ``{PBKDF2}`` hash of ``password`` (other formats: False, so they get rewritten)."""
    if not stored.startswith(PBKDF2_PREFIX):
        return False
    try:
        iterations, salt, key = stored[len(PBKDF2_PREFIX):].split("$")
        expected = base64.b64decode(key, validate=True)
        computed = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), base64.b64decode(salt, validate=True),
                                       int(iterations), len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(computed, expected)


def check_name(kind: str, name: str) -> None:
    if not _NAME.fullmatch(name):
        raise RealmError(f"{kind} name {name!r}: use letters, digits, '_', '.', '@' and '-' (a letter or '_' first)")


def check_users(users: Users) -> None:
    for user, (password, roles) in users.items():
        check_name("user", user)
        if user in RESERVED:
            raise RealmError(f"user name {user!r} is a built-in Elasticsearch user; the file realm cannot hold it")
        if len(password) < MIN_PASSWORD:
            raise RealmError(f"the password of {user!r} must have at least {MIN_PASSWORD} characters")
        if "\n" in password:
            raise RealmError(f"the password of {user!r} contains a line break")
        for role in roles:
            check_name(f"role (of user {user!r})", role)


def render_roles_yml(roles: Mapping[str, Mapping[str, Any]]) -> str:
    """``roles.yml``: one block per role, values in YAML's flow (JSON) style.

    The file realm reads ``roles.yml`` role by role, starting a role at each unindented line,
    so every role name sits at column 0 and everything else is indented.
    """
    lines = ["# Generated from pipeline/data/security/roles.json (pipeline/services/es_realm.py); edits are lost."]
    for name, role in roles.items():
        check_name("role", name)
        lines.append(f"{name}:")
        lines.extend(f"  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in role.items())
    return "\n".join(lines) + "\n"


def read_users(realm: Path) -> dict[str, str]:
    """User name -> stored hash, from ``realm/users`` (empty when missing)."""
    return dict(_entries(realm / "users"))


def read_user_roles(realm: Path) -> dict[str, list[str]]:
    """User name -> role names, from ``realm/users_roles`` (a line per role: ``role:user1,user2``)."""
    result: dict[str, list[str]] = {}
    for role, members in _entries(realm / "users_roles"):
        for user in filter(None, (m.strip() for m in members.split(","))):
            result.setdefault(user, []).append(role)
    return result


def _entries(path: Path) -> list[tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [
        (name.strip(), value.strip())
        for name, sep, value in (line.partition(":") for line in lines if line.strip() and not line.startswith("#"))
        if sep
    ]


def write_realm(
    realm: Path,
    users: Users,
    roles: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    exact: bool = True,
) -> list[str]:
    """Write the realm files into folder ``realm``; return the names of the files that changed.

    ``users``: the users to have, with their passwords and roles. ``exact``: the users file holds
    these users only (the compose stack's managed realm); otherwise users already there and not
    named are kept (a local node whose users are added over several calls). ``roles``: the
    content of ``roles.yml`` (None: leave it alone).
    """
    check_users(users)
    if not realm.is_dir():
        raise RealmError(f"the realm folder {realm} does not exist (it is the es-realm volume in the compose stack)")
    stored = read_users(realm)
    stored_roles = read_user_roles(realm)
    kept = {} if exact else {u: h for u, h in stored.items() if u not in users}
    hashes = dict(kept)
    for user, (password, _roles) in users.items():
        old = stored.get(user)
        hashes[user] = old if old is not None and verify_password(password, old) else hash_password(password)
    by_role: dict[str, list[str]] = {}
    for user in sorted(hashes):
        user_roles = users[user][1] if user in users else stored_roles.get(user, [])
        for role in user_roles:
            by_role.setdefault(role, []).append(user)
    contents = {
        "users": "".join(f"{user}:{hashes[user]}\n" for user in sorted(hashes)),
        "users_roles": "".join(f"{role}:{','.join(members)}\n" for role, members in sorted(by_role.items())),
    }
    if roles is not None:
        contents["roles.yml"] = render_roles_yml(roles)
    changed = []
    for name, text in contents.items():
        if _write_if_changed(realm / name, text):
            changed.append(name)
    return changed


def _write_if_changed(path: Path, text: str) -> bool:
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        pass
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    except PermissionError:
        raise RealmError(
            f"cannot write in {path.parent} as uid {os.getuid()}: the folder must be writable by this user "
            "(in the compose stack the es-realm volume belongs to the Airflow user, 50000:0)"
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(tmp, 0o640)  # whatever the umask
    tmp.replace(path)
    return True
