"""``docker-compose.yml`` is valid and says what the stack promises, without Docker.

With the ``docker compose`` plugin, ``docker compose config -q`` (with ``.env.example`` as
``.env``) checks the file; the structural checks below run everywhere: images and versions,
build contexts and every ``COPY`` source, dependencies and their conditions, volumes, the
variables ``.env.example`` must define, ports on loopback only, security on, and the one-shot
set-up steps (templates/aliases, Airflow pool and connection, Kibana objects).
"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
ENV_EXAMPLE = REPO / ".env.example"
ES_VERSION = "8.19.21"
AIRFLOW_IMAGE = re.compile(r"apache/airflow:3\.3\.2(-python3\.11)?$")
PROJECT_IMAGE = "rasd/airflow:"
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
# Compose interpolation: ${VAR}, ${VAR:?msg}, ${VAR:-default}, $VAR; "$$" is a literal "$".
INTERPOLATION = re.compile(
    r"(?<!\$)(?:\$\$)*\$(?:\{([A-Za-z_][A-Za-z0-9_]*)([:?\-+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))"
)
# A literal "$" for the container's shell: $${VAR} or $$VAR.
CONTAINER_VAR = re.compile(r"\$\$\{?([A-Za-z_][A-Za-z0-9_]*)")


# -- helpers ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("services"), dict)
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f".env.example: not KEY=value: {line!r}"
            values[key.strip()] = value
    return values


def strings(node: Any) -> list[str]:
    """Every string in a YAML tree (keys and values)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*strings(k), *strings(v))]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return []


def command_text(service: dict[str, Any]) -> str:
    parts = []
    for key in ("entrypoint", "command"):
        value = service.get(key)
        if isinstance(value, list):
            parts.append(" ".join(str(v) for v in value))
        elif value:
            parts.append(str(value))
    return " ".join(parts)


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): str(v) for k, v in env.items()}


def env_files(service: dict[str, Any]) -> list[str]:
    value = service.get("env_file") or []
    items = [value] if isinstance(value, str | dict) else value
    return [item["path"] if isinstance(item, dict) else item for item in items]


def build_of(service: dict[str, Any]) -> tuple[Path, Path] | None:
    build = service.get("build")
    if build is None:
        return None
    if isinstance(build, str):
        build = {"context": build}
    context = (REPO / build.get("context", ".")).resolve()
    return context, (context / build.get("dockerfile", "Dockerfile")).resolve()


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    joined: list[str] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    result = []
    for line in joined:
        instruction, _, args = line.partition(" ")
        result.append((instruction.upper(), args.strip()))
    return result


def copy_sources(args: str) -> list[str] | None:
    """Sources of a COPY/ADD from the build context (None for ``--from=`` copies)."""
    words = json.loads(args) if args.startswith("[") else shlex.split(args)
    flags = [w for w in words if w.startswith("--")]
    if any(f.startswith("--from") for f in flags):
        return None
    paths = [w for w in words if not w.startswith("--")]
    assert len(paths) >= 2, f"COPY needs a source and a destination: {args}"
    return paths[:-1]


def dockerignored(relative: str, patterns: list[str]) -> bool:
    parts = Path(relative).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        pattern = pattern.strip("/")
        for candidate in candidates:
            if fnmatch.fnmatch(candidate, pattern):
                return True
            if pattern.startswith("**/") and fnmatch.fnmatch(Path(candidate).name, pattern[3:]):
                return True
    return False


# -- docker compose itself, when it is there -------------------------------------------------------
def test_docker_compose_config(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no `docker compose` plugin here; the structural checks below cover the file")
    # The services read .env (env_file): a copy of the repository with .env.example as .env.
    for entry in REPO.iterdir():
        if entry.name not in (".env", ".git", ".venv", ".rasd"):
            (tmp_path / entry.name).symlink_to(entry)
    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")
    proc = subprocess.run(
        [docker, "compose", "--env-file", ".env.example", "config", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


# -- structure ----------------------------------------------------------------------------------
def test_every_service_has_an_image_or_a_build(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        assert service.get("image") or service.get("build"), f"service {name}: neither image nor build"


def test_builds_and_every_copy_source_exist(services: dict[str, dict[str, Any]]) -> None:
    ignore_file = REPO / ".dockerignore"
    ignored = (
        [p.strip() for p in ignore_file.read_text(encoding="utf-8").splitlines() if p.strip() and p[0] not in "#!"]
        if ignore_file.exists()
        else []
    )
    dockerfiles = set()
    for name, service in services.items():
        build = build_of(service)
        if build is None:
            continue
        context, dockerfile = build
        assert context.is_dir(), f"service {name}: build context {context} missing"
        assert dockerfile.is_file(), f"service {name}: Dockerfile {dockerfile} missing"
        dockerfiles.add((context, dockerfile))
    assert dockerfiles, "no service is built from this repository"
    for context, dockerfile in dockerfiles:
        copies = 0
        for instruction, args in dockerfile_instructions(dockerfile):
            if instruction not in ("COPY", "ADD"):
                continue
            sources = copy_sources(args)
            if sources is None:
                continue
            for source in sources:
                copies += 1
                matches = list(context.glob(source.rstrip("/"))) if any(c in source for c in "*?[") else []
                assert (context / source).exists() or matches, f"{dockerfile.name}: COPY source {source} missing"
                relative = source.rstrip("/").removeprefix("./")
                assert not dockerignored(relative, ignored), f"{dockerfile}: COPY source {source} is in .dockerignore"
        assert copies, f"{dockerfile}: no COPY from the build context"


def test_dependencies_exist_with_valid_conditions(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        if isinstance(depends, list):
            depends = {d: {"condition": "service_started"} for d in depends}
        for target, spec in depends.items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert target != name
            condition = (spec or {}).get("condition", "service_started")
            assert condition in CONDITIONS, f"{name} -> {target}: unknown condition {condition}"
            if condition == "service_healthy":
                assert services[target].get("healthcheck"), f"{name} waits for {target} healthy: no healthcheck"


def test_named_volumes_are_declared(compose: dict[str, Any], services: dict[str, dict[str, Any]]) -> None:
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            if isinstance(volume, dict):
                if volume.get("type", "volume") == "volume" and volume.get("source"):
                    used.add(volume["source"])
                continue
            source = str(volume).split(":", 1)[0]
            if ":" in str(volume) and not source.startswith((".", "/", "~", "$")):
                used.add(source)
                assert source in declared, f"service {name}: volume {source} not declared under volumes:"
    assert used <= declared
    assert declared <= used, f"declared but unused volumes: {declared - used}"


def test_variables_are_defined_in_env_example(compose: dict[str, Any]) -> None:
    example = env_example()
    text = COMPOSE.read_text(encoding="utf-8")
    used = {m.group(1) or m.group(3): m.group(2) or "" for m in INTERPOLATION.finditer(text)}
    assert used, "no ${VAR} in docker-compose.yml?"
    required = {var for var, modifier in used.items() if modifier.startswith((":?", "?"))}
    assert required, "secrets should be required (${VAR:?...})"
    for var in required:
        assert example.get(var), f"${{{var}:?}} is required but .env.example does not define it"
    for var in used:  # optional ones too: .env.example documents every knob
        assert var in example, f"${{{var}}} is not documented in .env.example"


def test_env_files_are_the_documented_env(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for path in env_files(service):
            assert path in (".env", "./.env"), f"service {name}: env_file {path} (only .env, from .env.example)"


def test_container_shell_variables_are_set(services: dict[str, dict[str, Any]]) -> None:
    """``$${VAR}`` in a command or healthcheck is read inside the container: it must be in its env."""
    example = env_example()
    for name, service in services.items():
        available = set(environment(service))
        if env_files(service):
            available |= set(example)
        for key in ("entrypoint", "command", "healthcheck"):
            for text in strings(service.get(key)):
                for var in CONTAINER_VAR.findall(text):
                    assert var in available, f"service {name}: {key} uses ${var}, not in its environment"


def test_ports_are_published_on_loopback_only(services: dict[str, dict[str, Any]]) -> None:
    published = 0
    for name, service in services.items():
        for port in service.get("ports") or []:
            published += 1
            if isinstance(port, dict):
                assert port.get("host_ip") == "127.0.0.1", f"service {name}: {port}"
            else:
                assert str(port).startswith("127.0.0.1:"), f"service {name}: port {port} not bound to 127.0.0.1"
    assert published


def test_image_versions(services: dict[str, dict[str, Any]]) -> None:
    airflow_from = [
        args.split()[0]
        for instruction, args in dockerfile_instructions(REPO / "docker" / "airflow" / "Dockerfile")
        if instruction == "FROM"
    ]
    assert len(airflow_from) == 1 and AIRFLOW_IMAGE.match(airflow_from[0]), airflow_from
    es_from = [
        args.split()[0]
        for instruction, args in dockerfile_instructions(REPO / "docker" / "elasticsearch" / "Dockerfile")
        if instruction == "FROM"
    ]
    assert f"docker.elastic.co/elasticsearch/elasticsearch:{ES_VERSION}" in es_from
    assert services["elasticsearch"]["image"].endswith(f":{ES_VERSION}")
    assert services["kibana"]["image"] == f"docker.elastic.co/kibana/kibana:{ES_VERSION}"
    for name, service in services.items():
        image = str(service.get("image", ""))
        if "elastic.co/" in image:
            assert image.endswith(f":{ES_VERSION}"), f"service {name}: {image}"


def test_security_is_on(services: dict[str, dict[str, Any]]) -> None:
    env = environment(services["elasticsearch"])
    assert env["xpack.security.enabled"] == "true"
    assert env["xpack.security.http.ssl.enabled"] == "true"
    assert "ELASTIC_PASSWORD" in env
    kibana = environment(services["kibana"])
    assert kibana["ELASTICSEARCH_USERNAME"] == "kibana_system"
    assert kibana["ELASTICSEARCH_HOSTS"].startswith("https://")
    for name, service in services.items():
        es_url = environment(service).get("ES_URL")
        if es_url:
            assert es_url.startswith("https://"), f"service {name}: ES_URL {es_url}"
            if name.startswith("airflow"):
                assert environment(service).get("ES_USERNAME") == "rasd_indexer"


def test_airflow_services_use_the_project_image(services: dict[str, dict[str, Any]]) -> None:
    airflow = {n: s for n, s in services.items() if n.startswith("airflow-")}
    assert {
        "airflow-init",
        "airflow-api-server",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
    } <= set(airflow)
    for name, service in [
        *airflow.items(),
        ("rasd-init", services["rasd-init"]),
        ("kibana-init", services["kibana-init"]),
    ]:
        assert str(service.get("image", "")).startswith(PROJECT_IMAGE), f"service {name}: {service.get('image')}"
        build = build_of(service)
        assert build is not None and build[1] == REPO / "docker" / "airflow" / "Dockerfile", name


def test_init_steps(services: dict[str, dict[str, Any]]) -> None:
    # Roles, users, templates and aliases.
    assert "pipeline.stack_init" in command_text(services["rasd-init"])
    assert (REPO / "pipeline" / "stack_init.py").is_file()
    # Airflow connection (no pool: the DAGs need none, see docs/decisions.md "Airflow").
    airflow_init = command_text(services["airflow-init"])
    assert "airflow db migrate" in airflow_init
    assert "pools set" not in airflow_init
    assert "airflow connections add rasd_elasticsearch" in airflow_init
    assert "--conn-host elasticsearch --conn-port 9200 --conn-schema https" in airflow_init
    for service in ("airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"):
        condition = services[service]["depends_on"]["airflow-init"]["condition"]
        assert condition == "service_completed_successfully"
    assert services["kibana"]["depends_on"]["rasd-init"]["condition"] == "service_completed_successfully"


def test_kibana_objects_are_imported(services: dict[str, dict[str, Any]]) -> None:
    import typer.main

    from pipeline.cli import app

    init = services["kibana-init"]
    assert init["depends_on"] == {"kibana": {"condition": "service_healthy"}}
    assert "/api/status" in " ".join(strings(services["kibana"]["healthcheck"]["test"]))
    argv = init["entrypoint"] + (init.get("command") or [])
    assert argv[:3] == ["rasd", "kibana", "import"], argv
    options = dict(zip(argv[3::2], argv[4::2], strict=True))
    assert options["--url"] == "http://kibana:5601"
    assert float(options["--wait"]) > 0
    # The file is baked into the image where the command looks for it.
    copies = {
        tuple(shlex.split(args)[-2:])
        for instruction, args in dockerfile_instructions(REPO / "docker" / "airflow" / "Dockerfile")
        if instruction == "COPY"
    }
    assert ("kibana/", "/opt/rasd/kibana/") in copies
    assert options["--file"] == "/opt/rasd/kibana/rasd.ndjson"
    assert (REPO / "kibana" / "rasd.ndjson").is_file()
    # The command and its options exist; credentials come from the variables the CLI reads.
    group = typer.main.get_command(app)
    command = group.commands["kibana"].commands["import"]  # type: ignore[attr-defined]
    opts = {opt for param in command.params for opt in param.opts}
    assert {"--url", "--file", "--wait"} <= opts
    envvars = {param.envvar for param in command.params if param.envvar}
    env = environment(init)
    assert {"KIBANA_USERNAME", "KIBANA_PASSWORD"} <= envvars
    assert env["KIBANA_USERNAME"] == "elastic"
    assert env["KIBANA_PASSWORD"] == "${ELASTIC_PASSWORD:?set in .env}"
