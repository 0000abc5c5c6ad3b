"""Elasticsearch init steps of the docker compose stack; each also runs outside a container.

* :func:`es_users` (``rasd init es-users``, service ``es-users``, before Elasticsearch starts):
  writes the file realm (``roles.yml`` from ``pipeline/data/security/roles.json``; ``users`` and
  ``users_roles`` from ``pipeline/data/security/users.json`` with the passwords of the
  environment) into the ``es-realm`` volume, which the node reads as ``config/realm/``. The realm
  holds exactly these users; a changed password is rewritten, an unchanged one keeps its hash, so
  a second run changes no file. A running node reloads changed files within seconds.
* :func:`init_elasticsearch` (``rasd init elasticsearch``, service ``rasd-init``, once the node is
  healthy): waits until ``rasd_indexer`` logs in over TLS with exactly its roles, then, as that
  user, installs the index templates and the indices and aliases (``ensure_indices``).

Both fail with :class:`StackInitError` naming what is missing or wrong; neither needs the
``elastic`` superuser.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.config import DATA_DIR, Settings
from pipeline.services import es_realm
from pipeline.services.es_security import load_roles

SECURITY_DIR = DATA_DIR / "security"
INDEXER = "rasd_indexer"
EXAMPLE_PREFIX = "change-me"  # the values of .env.example


class StackInitError(RuntimeError):
    """An init step cannot do its work; the message says what to fix."""


def load_users(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """User name -> {"roles": [...], "password_env": VAR} (``pipeline/data/security/users.json``)."""
    data = json.loads((path or SECURITY_DIR / "users.json").read_text(encoding="utf-8"))
    return {name: spec for name, spec in data.items() if not name.startswith("_")}


def require(env: Mapping[str, str], names: list[str]) -> dict[str, str]:
    """The values of ``names``; one error listing every variable that is unset, empty or still an example."""
    missing = [n for n in names if not env.get(n)]
    examples = [n for n in names if env.get(n, "").startswith(EXAMPLE_PREFIX)]
    problems = []
    if missing:
        problems.append(f"not set: {', '.join(missing)}")
    if examples:
        problems.append(f"still the example value of .env.example: {', '.join(examples)}")
    if problems:
        raise StackInitError(
            "; ".join(problems) + " (create .env with docker/make-env.sh, or set them; see README, Docker compose)"
        )
    return {n: env[n] for n in names}


def stack_users(env: Mapping[str, str]) -> dict[str, tuple[str, list[str]]]:
    users = load_users()
    passwords = require(env, [spec["password_env"] for spec in users.values()])
    return {name: (passwords[spec["password_env"]], list(spec["roles"])) for name, spec in users.items()}


def es_users(realm: Path, env: Mapping[str, str]) -> list[str]:
    """Write the realm files into ``realm``; return the files that changed (none on a re-run)."""
    try:
        return es_realm.write_realm(realm, stack_users(env), load_roles(), exact=True)
    except es_realm.RealmError as exc:
        raise StackInitError(str(exc)) from None


def indexer_settings(env: Mapping[str, str]) -> Settings:
    values = require(env, ["ES_URL", "RASD_INDEXER_PASSWORD"])
    ca = env.get("ES_CA_CERTS") or None
    if ca is not None and not Path(ca).is_file():
        raise StackInitError(f"ES_CA_CERTS={ca}: no such file (the ca-cert volume that es-setup fills)")
    return Settings(es_url=values["ES_URL"], es_username=INDEXER, es_password=values["RASD_INDEXER_PASSWORD"],
                    es_ca_certs=ca)


def init_elasticsearch(env: Mapping[str, str], timeout: float = 300) -> str:
    """Wait for the indexer's login, then templates, indices and aliases; return the articles index."""
    from elasticsearch import ApiError, TransportError

    from pipeline.index import ensure_indices, get_client

    settings = indexer_settings(env)
    expected = sorted(load_users()[INDEXER]["roles"])
    client = get_client(settings)
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while True:
        try:
            roles = sorted(client.security.authenticate().get("roles") or [])
            if roles == expected:
                break
            last = f"{INDEXER} logs in with roles {roles}, not {expected}"
        except (ApiError, TransportError) as exc:
            last = f"{type(exc).__name__}: {exc}"
        if time.monotonic() > deadline:
            raise StackInitError(
                f"{INDEXER} cannot log in to {settings.es_url} with roles {expected} after {timeout:.0f} s ({last}); "
                "is the es-realm volume mounted at config/realm and RASD_INDEXER_PASSWORD the one es-users wrote?"
            )
        time.sleep(2)
    return ensure_indices(client, settings)


def main() -> int:
    """``python -m pipeline.stack_init``: the ``rasd-init`` step (kept for old compose files)."""
    try:
        index = init_elasticsearch(os.environ)
    except StackInitError as exc:
        print(f"rasd-init: error: {exc}", file=sys.stderr)
        return 1
    print(f"rasd-init: templates, indices and aliases ready (articles: {index})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
