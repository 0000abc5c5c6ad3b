"""Install Rasd's runtime lock into the Airflow image without re-pinning anything the image has.

    python install_requirements.py LOCK REQUIREMENTS_IN [--dry-run]

LOCK is ``docker/airflow/requirements.txt`` (``uv pip compile``), REQUIREMENTS_IN the direct
requirements it was compiled from. A package the base image already has keeps the image's version
(the official image was built with Airflow's constraints; re-pinning one of its packages could
break a provider the image ships); the others are installed at the locked version, without
dependencies (the lock lists them all). Then every direct requirement must hold for what is
installed (the image's versions included), and ``pip check`` must pass: otherwise the build
fails, naming the packages. Prints the packages kept at another version than the lock's.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # the image's pip always has it
    from pip._vendor.packaging.markers import Marker  # type: ignore[no-redef]
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import canonicalize_name  # type: ignore[no-redef]

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*(.+))?$")


def read_lock(path: Path) -> dict[str, str]:
    """Canonical name -> version of every pin whose marker holds here."""
    pins = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = _PIN.match(line)
        if match is None:
            raise SystemExit(f"install: {path}: not a pin: {raw!r}")
        name, version, marker = match.groups()
        if marker is None or Marker(marker).evaluate():
            pins[canonicalize_name(name)] = version
    return pins


def read_direct(path: Path) -> list[Requirement]:
    result = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            result.append(Requirement(line))
    return result


def installed_versions() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions() if d.metadata["Name"]}


def plan(lock: dict[str, str], installed: dict[str, str]) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(to install: name -> locked version, kept: name -> (image's version, locked version))."""
    new = {name: version for name, version in lock.items() if name not in installed}
    kept = {name: (installed[name], version) for name, version in lock.items()
            if name in installed and installed[name] != version}
    return new, kept


def unmet(direct: list[Requirement], versions: dict[str, str]) -> list[str]:
    """The direct requirements that the final versions do not satisfy."""
    problems = []
    for req in direct:
        if req.marker is not None and not req.marker.evaluate():
            continue
        have = versions.get(canonicalize_name(req.name))
        if have is None:
            problems.append(f"{req}: not installed")
        elif not req.specifier.contains(have, prereleases=True):
            problems.append(f"{req}: the image has {have}")
    return problems


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    lock, direct = read_lock(Path(args[0])), read_direct(Path(args[1]))
    installed = installed_versions()
    new, kept = plan(lock, installed)
    for name, (have, locked) in sorted(kept.items()):
        print(f"install: {name} stays at the image's {have} (lock: {locked})")
    problems = unmet(direct, {**installed, **new})
    if problems:
        print("install: the base image does not meet Rasd's requirements: " + "; ".join(problems), file=sys.stderr)
        return 1
    print(f"install: {len(new)} packages to add, {len(lock) - len(new)} already in the image")
    if "--dry-run" in argv:
        return 0
    if new:
        pins = [f"{name}=={version}" for name, version in sorted(new.items())]
        subprocess.run([sys.executable, "-m", "pip", "install", "--no-cache-dir", "--no-deps", *pins], check=True)
    check = subprocess.run([sys.executable, "-m", "pip", "check"], check=False)
    return check.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
