"""Set-up step of the docker compose stack (service ``rasd-init``).

As the ``elastic`` superuser: sets the ``kibana_system`` password, installs the
least-privilege roles (``pipeline/data/security/roles.json``) and the users
``rasd_indexer`` (writes ``rasd-*`` only) and ``rasd_analyst`` (reads
``rasd-*`` only); then, as the indexer, installs templates and aliases.
Idempotent: run it as often as you like.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from elasticsearch import Elasticsearch

from pipeline.config import DATA_DIR, Settings
from pipeline.index import ensure_indices, get_client


def load_roles() -> dict[str, dict]:
    data: dict[str, dict] = json.loads((DATA_DIR / "security" / "roles.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def wait_for(es: Elasticsearch, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            es.cluster.health(wait_for_status="yellow", timeout="10s")
            return
        except Exception as exc:
            if time.monotonic() > deadline:
                raise SystemExit(f"Elasticsearch not ready: {exc}") from exc
            time.sleep(3)


def main() -> int:
    env = os.environ
    url = env.get("ES_URL", "https://elasticsearch:9200")
    ca = env.get("ES_CA_CERTS")
    extra: dict[str, Any] = {"ca_certs": ca} if ca else {}
    admin = Elasticsearch(url, basic_auth=("elastic", env["ELASTIC_PASSWORD"]), request_timeout=60, **extra)
    wait_for(admin)
    admin.security.change_password(username="kibana_system", password=env["KIBANA_SYSTEM_PASSWORD"])
    for name, role in load_roles().items():
        admin.security.put_role(name=name, **role)
    admin.security.put_user(username="rasd_indexer", password=env["RASD_INDEXER_PASSWORD"], roles=["rasd_writer"])
    admin.security.put_user(username="rasd_analyst", password=env["RASD_ANALYST_PASSWORD"], roles=["rasd_analyst"])
    settings = Settings(es_url=url, es_username="rasd_indexer", es_password=env["RASD_INDEXER_PASSWORD"],
                        es_ca_certs=ca)
    index = ensure_indices(get_client(settings), settings)
    print(f"rasd-init: roles, users and index {index} ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
