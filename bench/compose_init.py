"""What the compose stack's init steps cost on every ``docker compose up`` (issue 15).

Runs natively, with the local distribution, what the one-shot services run, first on empty
folders and then again (the idempotent re-run of every later ``up``), and times each:

* ``es-setup``: ``docker/elasticsearch/setup-certs.sh`` (elasticsearch-certutil: CA + node certificate);
* ``es-users``: ``rasd init es-users`` (the file realm; a process with the CLI's imports), and side by
  side the same three users written with Elasticsearch's ``bin/elasticsearch-users useradd`` (one JVM
  per user: how the local secured nodes wrote them before ``pipeline/services/es_realm.py``).

    .venv/bin/python bench/compose_init.py [--repeat 3]

Prints a table of medians (wall seconds) and the machine's load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.services.es_build import ensure_built, java_home  # noqa: E402
from pipeline.stack_init import load_users  # noqa: E402

RASD = str(Path(sys.executable).parent / "rasd")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")


def one_round(home: Path, jdk: Path, passwords: dict[str, str], rows: dict[str, list[float]]) -> None:
    work = Path(tempfile.mkdtemp(prefix="rasd-bench-init-"))
    try:
        certs = {"ES_HOME": str(home), "ES_JAVA_HOME": str(jdk), "CA_DIR": str(work / "ca"),
                 "NODE_DIR": str(work / "node"), "PUBLIC_DIR": str(work / "public"),
                 "NODE_OWNER": f"{os.getuid()}:{os.getgid()}"}
        script = ["bash", str(ROOT / "docker" / "elasticsearch" / "setup-certs.sh")]
        rows.setdefault("es-setup, first run", []).append(timed(lambda: run(script, certs)))
        rows.setdefault("es-setup, re-run", []).append(timed(lambda: run(script, certs)))
        realm = work / "realm"
        realm.mkdir()
        users = {"RASD_ES_REALM_DIR": str(realm), **passwords}
        step = [RASD, "init", "es-users"]
        rows.setdefault("es-users (rasd init es-users), first run", []).append(timed(lambda: run(step, users)))
        rows.setdefault("es-users, re-run", []).append(timed(lambda: run(step, users)))
        conf = work / "conf"
        conf.mkdir()
        for name in ("users", "users_roles", "roles.yml"):
            (conf / name).write_text("")
        tool_env = {"ES_JAVA_HOME": str(jdk), "ES_PATH_CONF": str(conf),
                    "CLI_JAVA_OPTS": "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"}

        def with_tool() -> None:
            for user, spec in load_users().items():
                run([str(home / "bin" / "elasticsearch-users"), "useradd", user, "-p",
                     passwords[spec["password_env"]], "-r", ",".join(spec["roles"])], tool_env)

        rows.setdefault("same 3 users with elasticsearch-users useradd", []).append(timed(with_tool))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    home, jdk = ensure_built(), java_home()
    passwords = {spec["password_env"]: f"bench-password-{i}-0123456789"
                 for i, spec in enumerate(load_users().values())}
    rows: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        one_round(home, jdk, passwords, rows)
    print(f"{args.repeat} repeats, load average {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"{'step':<48} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, values in rows.items():
        print(f"{name:<48} {statistics.median(values):>9.2f} {min(values):>7.2f} {max(values):>7.2f}")


if __name__ == "__main__":
    main()
