"""The local Elasticsearch distribution: Maven build of the plugin and of the node, the JDK.

The distribution is the ``integ-test-zip`` Elasticsearch that ``es/pom.xml`` unpacks into
``es/target/dist/`` (with the ``rasd-analysis`` plugin installed); see ``docs/decisions.md``
(Elasticsearch section). ``RASD_ES_HOME`` = use this Elasticsearch home (plugin already
installed) instead of building; ``JAVA_HOME`` or ``java`` on ``PATH`` = the JDK 17+.

As root, when user ``nobody`` cannot read the checkout, :func:`shared_copy` copies the
distribution once to ``/var/tmp/rasd-es/<version>-<hash>/`` (root-owned, world-readable; the
hash covers the installed plugins, so a rebuilt plugin gets a fresh copy). Old copies are not
pruned: ``rm -rf /var/tmp/rasd-es`` when no node runs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from pipeline.services import proc
from pipeline.services.proc import ServiceError, lock, repo_root, state_root

ES_VERSION = "8.19.21"
PLUGIN_NAME = "rasd-analysis"
MIN_JAVA = 17
SHARED_DIR = Path("/var/tmp/rasd-es")


class LocalESError(ServiceError):
    """The local node cannot be built, started or reached; the message says what to do."""


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
    home = built_home()
    with lock(state_root() / "build.lock"):
        reason = "forced" if force else _rebuild_reason(home)
        if reason:
            _run_maven()
            still = _rebuild_reason(home)
            if still:
                raise LocalESError(
                    f"the Maven build finished but {still}; run `mvn -B -f es/pom.xml package` to see why"
                )
    return home


def built_home() -> Path:
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
    env = {**os.environ, "JAVA_HOME": str(java_home())}
    cmd = [mvn, "-B", "-q", "-f", str(repo_root() / "es" / "pom.xml"), "package"]
    done = subprocess.run(cmd, cwd=repo_root(), env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = proc.last_lines((done.stdout + done.stderr).splitlines(), 40)
        raise LocalESError(f"`{' '.join(cmd)}` failed (exit {done.returncode}):\n{tail}")


def java_home() -> Path:
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
    done = subprocess.run([str(java), "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if match is None:
        raise LocalESError(f"{where}: cannot read the version of {java}: {done.stderr.strip()[:200]}")
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_292" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise LocalESError(
            f"{where} is Java {major}; Elasticsearch {ES_VERSION} needs {MIN_JAVA}+: set JAVA_HOME to a newer JDK"
        )
    return home


def runnable_home(home: Path) -> Path:
    """``home``, or a copy the unprivileged runner can read (see the module docstring)."""
    return home if proc.runner_can("-r", home / "bin" / "elasticsearch") else shared_copy(home)


def shared_copy(home: Path) -> Path:
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
    with lock(SHARED_DIR / ".lock"):
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
    if not proc.runner_can("-r", copied / "bin" / "elasticsearch"):
        raise LocalESError(f"user {proc.RUN_AS_USER} cannot read {copied}; check the permissions of {SHARED_DIR}")
    return copied
