"""`rasd up --sample` / `rasd status` / `rasd down`, run as a user runs them (the CLI, in a
subprocess), with the whole stack: its own Elasticsearch node, PostgreSQL, the sample site and
the four Airflow services. State lives in ``RASD_STATE_DIR`` (a temporary folder), the ports are
free ones, so a developer's own ``.rasd`` stack is never touched.

Proves, end to end: the first ``up`` starts everything, shows the admin password once, unpauses
the ingest DAG, whose first scheduled run ingests the sample site into the node (an Arabic search
finds it); a second ``up`` starts nothing and changes no process; ``down`` stops every process
and keeps the data: the next ``up`` serves the same documents, and the password is not shown again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from pipeline.services.proc import free_port

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

RASD = [sys.executable, "-m", "pipeline.cli"]


def rasd(env: dict[str, str], *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*RASD, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False)


def status(env: dict[str, str]) -> dict:
    done = rasd(env, "status", "--json", timeout=120)
    return json.loads(done.stdout)


def pids(st: dict) -> dict[str, int | None]:
    found = {name: info["pid"] for name, info in st["airflow"].items()}
    found["elasticsearch"] = st["elasticsearch"]["pid"]
    found["postgres"] = st["postgres"].get("pid")
    return found


def sample_articles(es_url: str) -> tuple[int, int]:
    """(all articles, hits of an Arabic search) in the stack's node."""
    from elasticsearch import Elasticsearch

    es = Elasticsearch(es_url, request_timeout=30)
    try:
        es.indices.refresh(index="rasd-articles")
        total = es.count(index="rasd-articles")["count"]
        hits = es.count(index="rasd-articles", query={"match": {"body": "ليبيا"}})["count"]
        return total, hits
    finally:
        es.close()


@pytest.fixture(scope="module")
def state() -> dict[str, str]:
    root = Path(tempfile.mkdtemp(prefix="rasd-up-"))
    ports = {"es": free_port(), "api": free_port(), "sample": free_port()}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RASD_", "ES_", "AIRFLOW"))}
    env["RASD_STATE_DIR"] = str(root)
    args = ["--sample", "--es-port", str(ports["es"]), "--api-port", str(ports["api"]),
            "--sample-port", str(ports["sample"])]
    yield {"root": str(root), "env": env, "args": args, "es_url": f"http://127.0.0.1:{ports['es']}"}  # type: ignore[misc]
    rasd(env, "down", timeout=300)
    if not os.environ.get("RASD_KEEP_STACK"):
        from pipeline.services.postgres import Postgres

        Postgres(root / "pg", 0).remove()
        shutil.rmtree(root, ignore_errors=True)


def wait_for_ingest(root: Path, timeout: float = 600) -> dict:
    """The first ingest run (started by the unpause) finished: its record from the REST API."""
    from pipeline.services.stack import Stack

    stack = Stack(root)
    token = stack.airflow.token()
    deadline = time.monotonic() + timeout
    while True:
        runs = stack.airflow.api("GET", "dags/libya_news_ingest/dagRuns?limit=10", token=token)["dag_runs"]
        done = [r for r in runs if r["state"] in {"success", "failed"}]
        if done:
            return done[0]
        assert time.monotonic() < deadline, runs
        time.sleep(3)


def test_up_status_up_again_down_up(state):
    env, args, root = state["env"], state["args"], Path(state["root"])
    first = rasd(env, "up", *args)
    assert first.returncode == 0, first.stdout + first.stderr
    for component in ("elasticsearch", "postgres", "sample-site", "api-server", "scheduler", "dag-processor",
                      "triggerer"):
        assert component in first.stdout, first.stdout
    assert "admin password (shown once)" in first.stdout
    secrets = list((root / "airflow").glob("passwords.json"))
    assert secrets and oct(secrets[0].stat().st_mode & 0o777) == "0o600"

    st = status(env)
    before = pids(st)
    assert all(before.values()), st
    assert st["elasticsearch"]["url"] == state["es_url"]

    # the first init unpaused the ingest DAG: its first run polls the sample site into this node
    run = wait_for_ingest(root)
    assert run["state"] == "success", run
    total, hits = sample_articles(state["es_url"])
    assert total >= 10 and hits > 0, (total, hits)

    again = rasd(env, "up", *args)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "already up" in again.stdout and "shown once" not in again.stdout
    assert pids(status(env)) == before  # nothing restarted

    other = rasd(env, "up", "--live")  # other settings while it runs: refused, nothing changed
    assert other.returncode != 0 and "rasd down" in other.stdout + other.stderr
    assert pids(status(env)) == before

    down = rasd(env, "down", timeout=300)
    assert down.returncode == 0, down.stdout + down.stderr
    st = status(env)
    assert not any(pids(st).values()), st
    assert (root / "pg").is_dir() and any((root / "es").iterdir())

    back = rasd(env, "up", *args)
    assert back.returncode == 0, back.stdout + back.stderr
    assert "shown once" not in back.stdout  # the stored password is kept, not regenerated
    assert sample_articles(state["es_url"])[0] == total  # the data stayed
