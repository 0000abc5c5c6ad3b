"""Compose's own loader for the tests: ``tests/compose/`` (compose-go, the library ``docker compose``
is built on) compiled once and cached in ``.rasd/go/`` (rebuilt when its sources change).

Go comes from the machine (``go`` on PATH or ``/usr/local/go/bin``); the modules from the Go module
proxy, checked against the committed ``go.sum``. ``GOPATH``, ``GOCACHE`` and the binary live under
``.rasd/go`` (writable on a fresh CI clone); ``GOTOOLCHAIN=local`` never downloads a toolchain.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from pipeline.services.proc import lock

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "tests" / "compose"
STATE = REPO / ".rasd" / "go"
BINARY = STATE / "bin" / "composecheck"


def go() -> str:
    found = shutil.which("go") or ("/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").is_file() else None)
    if found is None:
        raise RuntimeError("Go is needed to build tests/compose (compose-go): install Go 1.23+ (CI machines have it)")
    return found


def build() -> Path:
    """The checker binary, built when missing or older than its sources."""
    sources = [SOURCE / name for name in ("main.go", "go.mod", "go.sum")]
    with lock(STATE / "build.lock"):
        if BINARY.is_file() and BINARY.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
            return BINARY
        env = {
            **os.environ,
            "GOPATH": str(STATE / "path"),
            "GOCACHE": str(STATE / "cache"),
            "GOFLAGS": "-mod=mod -buildvcs=false",
            "GOTOOLCHAIN": "local",
            "CGO_ENABLED": "0",
        }
        done = subprocess.run([go(), "build", "-o", str(BINARY), "."], cwd=SOURCE, env=env,
                              capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"go build of tests/compose failed:\n{done.stdout}{done.stderr}")
    return BINARY


def load(compose_file: Path, env_file: Path, *overrides: Path) -> dict[str, Any]:
    """What compose-go makes of ``compose_file`` (merged with ``overrides`` in order, as ``docker compose
    -f A -f B`` does) with ``env_file``: ``{"variables", "project"}`` or ``{"error"}``."""
    files = [str(compose_file), *(str(o) for o in overrides)]
    done = subprocess.run([str(build()), *files, str(env_file)], capture_output=True, text=True,
                          timeout=120, check=False)
    try:
        return json.loads(done.stdout)
    except ValueError:
        raise RuntimeError(f"composecheck printed no JSON (exit {done.returncode}): {done.stderr[-2000:]}") from None
