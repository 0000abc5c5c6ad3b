"""``docker-compose.yml`` as Docker Compose itself reads it, without a Docker engine.

The file is loaded with ``.env.example`` through compose-go, the loader ``docker compose`` is built
on (``tests/compose_go.py``): it validates, interpolates and merges YAML anchors exactly as
``docker compose config`` does, so the checks below read the rendered services, not the YAML text.
The Dockerfiles are read statically (no engine to build them here); what only a Docker engine can
check is listed in docs/decisions.md ("Docker compose").
"""

from __future__ import annotations

import ast
import fnmatch
import json
import re
import shlex
import sys
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import compose_go

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
ENV_EXAMPLE = REPO / ".env.example"
AIRFLOW_DOCKERFILE = REPO / "docker" / "airflow" / "Dockerfile"
ES_DOCKERFILE = REPO / "docker" / "elasticsearch" / "Dockerfile"
ES_VERSION = "8.19.21"
AIRFLOW_IMAGE = "rasd/airflow:0.1.0"
ES_IMAGE = f"rasd/elasticsearch:{ES_VERSION}"
AIRFLOW_UID = 50000

SERVICES = {
    "postgres", "es-setup", "es-users", "elasticsearch", "rasd-init", "airflow-init", "airflow-api-server",
    "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "kibana", "kibana-init",
}
AIRFLOW_DAEMONS = {"airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"}
ONE_SHOT = {"es-setup", "es-users", "rasd-init", "airflow-init", "kibana-init"}
# Who needs which secret of .env, and why.
SECRETS_NEEDED_BY = {
    "ELASTIC_PASSWORD": {"elasticsearch", "kibana-init"},  # bootstrap password + healthcheck; the import
    "KIBANA_SYSTEM_PASSWORD": {"es-users", "kibana"},  # writes the user rasd_kibana; logs in as it
    "KIBANA_ENCRYPTION_KEY": {"kibana"},
    "RASD_INDEXER_PASSWORD": {"es-users", "rasd-init"} | AIRFLOW_DAEMONS,  # tasks and the failure listener
    "RASD_ANALYST_PASSWORD": {"es-users"},
    "POSTGRES_PASSWORD": {"postgres", "airflow-init"} | AIRFLOW_DAEMONS,
    "AIRFLOW_ADMIN_PASSWORD": {"airflow-init"},  # writes the password file the api-server reads
    "AIRFLOW_FERNET_KEY": {"airflow-init"} | AIRFLOW_DAEMONS,
    "AIRFLOW_API_SECRET_KEY": {"airflow-init"} | AIRFLOW_DAEMONS,
    "AIRFLOW_JWT_SECRET": {"airflow-init"} | AIRFLOW_DAEMONS,
}
# Facts of the upstream images (their official Dockerfiles): the default user and the folders a
# volume mounts over, with owner uid and gid (the mode here is what the check needs, group-writable).
# Elastic's images run as elasticsearch/kibana (uid 1000, group 0) and own their data folders;
# postgres starts as root and chowns its data itself.
UPSTREAM_USER = {"docker.elastic.co/kibana/kibana": 1000, "postgres": 0, "rasd/elasticsearch": 1000}
UPSTREAM_PATHS = {
    ("rasd/elasticsearch", "/usr/share/elasticsearch/data"): (1000, 0, 0o2775),
    ("docker.elastic.co/kibana/kibana", "/usr/share/kibana/data"): (1000, 0, 0o2775),
}
# Environment the upstream images read (their documentation): Elasticsearch settings are validated
# by the TLS node of tests/test_compose_init.py, which starts with the same xpack settings.
UPSTREAM_ENV = {
    "postgres": {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"},
    "docker.elastic.co/kibana/kibana": {  # kibana-docker maps these to kibana.yml settings
        "ELASTICSEARCH_HOSTS", "ELASTICSEARCH_USERNAME", "ELASTICSEARCH_PASSWORD",
        "ELASTICSEARCH_SSL_CERTIFICATEAUTHORITIES", "XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY",
        "SERVER_PUBLICBASEURL",
    },
}
# Imports of helpers that only the tests, benchmarks and demo use (not the DAGs): module -> file.
DEV_ONLY_IMPORTS = {("aiosmtpd", "pipeline/receivers.py")}
DEV_TOOLS = {"pytest", "pytest-timeout", "mypy", "ruff", "hypothesis", "playwright", "uv", "aiosmtpd", "types-pyyaml"}


# -- loading ------------------------------------------------------------------------------------
def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f".env.example: not KEY=value: {line!r}"
            values[key.strip()] = value
    return values


@pytest.fixture(scope="module")
def rendered() -> dict[str, Any]:
    result = compose_go.load(COMPOSE, ENV_EXAMPLE)
    assert "error" not in result, f"docker compose would refuse the file: {result['error']}"
    return result


@pytest.fixture(scope="module")
def services(rendered: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return rendered["project"]["services"]


def image_name(service: dict[str, Any]) -> str:
    return str(service.get("image", "")).rsplit(":", 1)[0]


def environment(service: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in (service.get("environment") or {}).items()}


def strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*strings(k), *strings(v))]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return []


def argv(service: dict[str, Any]) -> list[str]:
    return [str(a) for a in (service.get("entrypoint") or [])] + [str(a) for a in (service.get("command") or [])]


def uid_of(service: dict[str, Any]) -> int:
    user = service.get("user")
    if user is not None:
        return int(str(user).split(":")[0])
    if image_name(service) == "rasd/airflow":
        return AIRFLOW_UID
    return UPSTREAM_USER[image_name(service)]


def depends(services: dict[str, dict[str, Any]], name: str) -> dict[str, str]:
    return {target: spec.get("condition") for target, spec in (services[name].get("depends_on") or {}).items()}


def ancestors(services: dict[str, dict[str, Any]], name: str) -> set[str]:
    seen: set[str] = set()
    stack = [name]
    while stack:
        for target in depends(services, stack.pop()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


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
    return [(line.partition(" ")[0].upper(), line.partition(" ")[2].strip()) for line in joined]


def declared_folders(dockerfile: Path) -> dict[str, tuple[str, str, int]]:
    """Folders made with ``install -d -o USER -g GROUP -m MODE`` in a Dockerfile: path -> (user, group, mode)."""
    result = {}
    for instruction, args in dockerfile_instructions(dockerfile):
        if instruction != "RUN":
            continue
        for command in re.split(r"&&|;", args):
            words = shlex.split(command)
            if words[:2] != ["install", "-d"]:
                continue
            opts = dict(zip(words[2::2], words[3::2], strict=False))
            paths = [w for w in words[2:] if w.startswith("/")]
            for path in paths:
                result[path] = (opts["-o"], opts["-g"], int(opts["-m"], 8))
    return result


# -- the loader -----------------------------------------------------------------------------------
def test_compose_loads_the_file_and_every_service(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) == SERVICES


def test_every_variable_is_defined_in_env_example(rendered: dict[str, Any]) -> None:
    variables = {v["name"]: v for v in rendered["variables"]}
    assert variables, "no ${VAR} found: the checker did not read the file"
    undefined = [name for name, v in variables.items() if not v["defined"]]
    assert not undefined, f"${{VAR}} not defined in .env.example: {undefined}"
    example = env_example()
    secrets = {name for name, value in example.items() if value.startswith("change-me")}
    assert secrets == set(SECRETS_NEEDED_BY), "every secret of .env.example is in SECRETS_NEEDED_BY"
    for name in secrets:
        assert variables[name]["required"], f"${{{name}}} must be required (${{{name}:?…}}): no silent empty secret"
    celery = compose_go.load(COMPOSE, ENV_EXAMPLE, COMPOSE.parent / "docker-compose.celery.yml")
    assert "error" not in celery, f"docker compose would refuse the Celery variant: {celery['error']}"
    used = set(variables) | {v["name"] for v in celery["variables"]}
    assert used == set(example), "every variable of .env.example is used (file or Celery variant), only those"


def test_a_missing_secret_stops_compose(tmp_path: Path) -> None:
    env = tmp_path / "env"
    env.write_text("".join(f"{k}={v}\n" for k, v in env_example().items() if k != "POSTGRES_PASSWORD"))
    result = compose_go.load(COMPOSE, env)
    assert "POSTGRES_PASSWORD" in result.get("error", ""), result.get("error")


def test_yaml_merge_keys_replace_nested_maps(tmp_path: Path) -> None:
    """The row 6 defect, shown on compose-go itself: a service's own ``depends_on`` replaces the
    anchor's. The stack's file therefore merges ``depends_on`` explicitly or not at all."""
    (tmp_path / "docker-compose.yml").write_text(
        "x-common: &common\n  image: busybox\n  depends_on:\n    a: {condition: service_started}\n"
        "services:\n  a: {image: busybox}\n  b: {image: busybox}\n"
        "  c:\n    <<: *common\n    depends_on:\n      b: {condition: service_started}\n"
    )
    (tmp_path / "env").write_text("")
    result = compose_go.load(tmp_path / "docker-compose.yml", tmp_path / "env")
    assert set(result["project"]["services"]["c"]["depends_on"]) == {"b"}


# -- order ----------------------------------------------------------------------------------------
def test_airflow_services_wait_for_every_init_step(services: dict[str, dict[str, Any]]) -> None:
    for name in AIRFLOW_DAEMONS:
        assert depends(services, name) == {
            "postgres": "service_healthy",
            "rasd-init": "service_completed_successfully",
            "airflow-init": "service_completed_successfully",
        }, name
        assert {"es-setup", "es-users", "elasticsearch", "rasd-init", "airflow-init"} <= ancestors(services, name)
    assert depends(services, "airflow-init") == {"postgres": "service_healthy"}
    assert depends(services, "rasd-init") == {"elasticsearch": "service_healthy"}
    assert depends(services, "elasticsearch") == {
        "es-setup": "service_completed_successfully", "es-users": "service_completed_successfully"}
    assert depends(services, "kibana") == {"elasticsearch": "service_healthy",
                                           "rasd-init": "service_completed_successfully"}
    assert depends(services, "kibana-init") == {"kibana": "service_healthy"}


def test_waited_on_services_have_healthchecks_and_restart(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for target, condition in depends(services, name).items():
            if condition == "service_healthy":
                assert services[target].get("healthcheck", {}).get("test"), f"{name} waits for {target}: no healthcheck"
            if condition == "service_completed_successfully":
                assert target in ONE_SHOT
        if name in ONE_SHOT:
            assert service.get("restart") in (None, "no"), f"one-shot {name} must not restart"
        else:
            assert service.get("restart") == "unless-stopped", name
            assert service.get("healthcheck", {}).get("test"), f"long-running {name} has no healthcheck"


# -- commands -------------------------------------------------------------------------------------
def test_commands_are_one_line_calls_of_repository_steps(services: dict[str, dict[str, Any]]) -> None:
    """No shell script in YAML: a folded block's more-indented line keeps its line break (row 1)."""
    from pipeline.cli import app

    group = __import__("typer.main", fromlist=["get_command"]).get_command(app)
    for name, service in services.items():
        for text in strings([service.get("entrypoint"), service.get("command"), service.get("healthcheck")]):
            assert "\n" not in text, f"{name}: a multi-line command: {text!r}"
        args = argv(service)
        assert "-c" not in args, f"{name}: an inline shell script ({args})"
        if name in ONE_SHOT:
            if args[0] == "rasd":
                command = group
                for word in args[1:]:
                    if word.startswith("-"):
                        break
                    command = command.commands[word]  # type: ignore[attr-defined]
                opts = {o for p in command.params for o in p.opts}
                assert {a for a in args if a.startswith("--")} <= opts, f"{name}: unknown options"
            else:
                assert args[0] == "bash" and len(args) == 2, f"{name}: {args}"
                script = REPO / "docker" / "elasticsearch" / Path(args[1]).name
                copies = [a for i, a in dockerfile_instructions(ES_DOCKERFILE) if i == "COPY"]
                assert any(a.split()[-2:] == [f"docker/elasticsearch/{script.name}", args[1]] for a in copies)
                assert "set -euo pipefail" in script.read_text()


# -- secrets --------------------------------------------------------------------------------------
def test_secrets_reach_only_the_services_that_need_them(services: dict[str, dict[str, Any]]) -> None:
    example = env_example()
    for name, service in services.items():
        assert not service.get("env_file"), f"{name}: env_file hands the whole .env to the service"
    for var, needed in SECRETS_NEEDED_BY.items():
        value = example[var]
        reached = {name for name, s in services.items() if any(value in text for text in strings(s))}
        assert reached == needed, f"{var} reaches {sorted(reached)}, needed by {sorted(needed)}"


def test_the_ca_key_stays_with_es_setup(services: dict[str, dict[str, Any]]) -> None:
    mounts = {name: {v["source"]: v for v in s.get("volumes") or [] if v.get("type") == "volume"}
              for name, s in services.items()}
    assert [n for n, m in mounts.items() if "es-ca" in m] == ["es-setup"]
    assert sorted(n for n, m in mounts.items() if "es-certs" in m) == ["elasticsearch", "es-setup"]
    for name, m in mounts.items():
        if name != "es-setup":
            for volume in ("es-certs", "ca-cert", "es-realm"):
                if volume in m and name != "es-users":
                    assert m[volume].get("read_only"), f"{name} mounts {volume} writable"


# -- volumes --------------------------------------------------------------------------------------
def test_volumes_non_root_services_write_exist_in_the_image_with_their_owner(
    rendered: dict[str, Any], services: dict[str, dict[str, Any]]
) -> None:
    """An empty named volume takes the owner and mode of the folder it first mounts over; where
    there is none, it belongs to root and uid 50000 cannot write (row 2)."""
    ours = declared_folders(AIRFLOW_DOCKERFILE)
    owners = {"airflow": AIRFLOW_UID, "root": 0}

    def folder(service: dict[str, Any], target: str) -> tuple[int, int, int] | None:
        if image_name(service) == "rasd/airflow":
            if target in ours:
                user, group, mode = ours[target]
                return owners[user], owners[group], mode
            return None
        return UPSTREAM_PATHS.get((image_name(service), target))

    declared = set(rendered["project"].get("volumes") or {})
    checked = 0
    for volume in declared:
        mounts = [(n, v) for n, s in services.items() for v in s.get("volumes") or []
                  if v.get("type") == "volume" and v.get("source") == volume]
        assert mounts, f"volume {volume} is declared and never mounted"
        for name, mount in mounts:
            uid = uid_of(services[name])
            if uid == 0 or mount.get("read_only"):
                continue
            checked += 1
            prepared = folder(services[name], mount["target"])
            assert prepared is not None, f"{name} (uid {uid}) writes {volume} at {mount['target']}: not in its image"
            owner, group, mode = prepared
            assert owner == uid or (group == 0 and mode & 0o020), f"{name}: {mount['target']} not writable by {uid}"
            # Every other service mounting it starts after this one, or mounts the same image folder.
            for other, other_mount in mounts:
                if other != name and name not in ancestors(services, other):
                    assert folder(services[other], other_mount["target"]) == prepared, (
                        f"{other} may mount {volume} first, over a folder with another owner"
                    )
    assert checked >= 8


# Where each long-running service keeps what must survive `docker compose up` recreating it.
STATE_PATHS = {
    "postgres": {"/var/lib/postgresql/data"},
    "elasticsearch": {"/usr/share/elasticsearch/data", "/usr/share/elasticsearch/config/certs",
                      "/usr/share/elasticsearch/config/realm"},
    "kibana": {"/usr/share/kibana/data"},
    "airflow-scheduler": {"/opt/airflow/archive", "/opt/airflow/logs"},
    "airflow-api-server": {"/opt/airflow/archive", "/opt/airflow/logs", "/opt/airflow/auth"},
}


def test_state_lives_in_named_volumes(services: dict[str, dict[str, Any]]) -> None:
    """Recreating a container keeps the index, the database, Kibana's data, the raw archive, task
    logs, certificates, the realm and the login ("no Kibana data volume")."""
    for name, paths in STATE_PATHS.items():
        named = {v["target"] for v in services[name].get("volumes") or [] if v.get("type") == "volume"}
        assert paths <= named, f"{name}: {sorted(paths - named)} not on a named volume"


# -- environment ----------------------------------------------------------------------------------
@cache
def airflow_options() -> dict[str, set[str]]:
    import airflow

    config = yaml.safe_load((Path(airflow.__file__).parent / "config_templates" / "config.yml").read_text())
    return {section: set(body.get("options") or {}) for section, body in config.items()}


@cache
def settings_variables() -> set[str]:
    from pipeline.config import Settings

    names = set()
    for field_name, field in Settings.model_fields.items():
        names.add(f"RASD_{field_name.upper()}")
        alias = field.validation_alias
        names.update(getattr(alias, "choices", []) or ([alias] if isinstance(alias, str) else []))
    return names


@cache
def pipeline_literals() -> set[str]:
    """String literals of pipeline/ (typer envvars, required variables) and the users' password variables."""
    found: set[str] = set()
    for path in (REPO / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    users = json.loads((REPO / "pipeline" / "data" / "security" / "users.json").read_text())
    found.update(spec["password_env"] for name, spec in users.items() if not name.startswith("_"))
    return found


def test_every_variable_a_service_gets_is_read(services: dict[str, dict[str, Any]]) -> None:
    from pipeline.services.es_config import TLS_SETTINGS

    setup_script = (REPO / "docker" / "elasticsearch" / "setup-certs.sh").read_text()
    for name, service in services.items():
        env = environment(service)
        image = image_name(service)
        for var in env:
            if image == "rasd/airflow":
                if var.startswith("AIRFLOW__"):
                    section, option = var.removeprefix("AIRFLOW__").lower().split("__", 1)
                    assert option in airflow_options().get(section, set()), f"{name}: {var} is no Airflow option"
                else:
                    assert var in settings_variables() | pipeline_literals(), f"{name}: nothing reads {var}"
            elif name == "es-setup":
                assert f"{var}=${{{var}" in setup_script, f"es-setup: setup-certs.sh does not read {var}"
            elif name == "elasticsearch":
                if var.startswith("xpack."):
                    expected = {"xpack.security.enabled": True, **TLS_SETTINGS}
                    assert var in expected and str(expected[var]).lower() == env[var].lower(), var
                else:
                    assert var in {"discovery.type", "ELASTIC_PASSWORD", "ES_JAVA_OPTS"}, var
            else:
                assert var in UPSTREAM_ENV[image], f"{name}: {var}"


def test_elasticsearch_runs_the_settings_the_local_tls_node_runs(services: dict[str, dict[str, Any]]) -> None:
    from pipeline.services.es_config import TLS_FILES, TLS_SETTINGS

    env = environment(services["elasticsearch"])
    assert {k for k in env if k.startswith("xpack.")} == {"xpack.security.enabled", *TLS_SETTINGS}
    mounts = {v["target"]: v for v in services["elasticsearch"]["volumes"]}
    assert mounts["/usr/share/elasticsearch/config/certs"]["source"] == "es-certs"
    assert mounts["/usr/share/elasticsearch/config/realm"]["source"] == "es-realm"
    referenced = {Path(v).name for k, v in TLS_SETTINGS.items() if isinstance(v, str) and v.startswith("certs/")}
    assert referenced == set(TLS_FILES)
    # The image reads the realm from config/realm/ (the links the local nodes make too).
    runs = " ".join(a for i, a in dockerfile_instructions(ES_DOCKERFILE) if i == "RUN")
    assert 'ln -s "realm/$f" "config/$f"' in runs and "users users_roles roles.yml" in runs


# -- images ---------------------------------------------------------------------------------------
def test_images_versions_and_builds(services: dict[str, dict[str, Any]]) -> None:
    froms = [a.split()[0] for i, a in dockerfile_instructions(AIRFLOW_DOCKERFILE) if i == "FROM"]
    assert froms == ["apache/airflow:3.3.2-python3.11"]
    assert f"docker.elastic.co/elasticsearch/elasticsearch:{ES_VERSION}" in [
        a.split()[0] for i, a in dockerfile_instructions(ES_DOCKERFILE) if i == "FROM"]
    assert services["kibana"]["image"] == f"docker.elastic.co/kibana/kibana:{ES_VERSION}"
    for name, service in services.items():
        if image_name(service) == "rasd/airflow":
            assert service["image"] == AIRFLOW_IMAGE and uid_of(service) == AIRFLOW_UID, name
            assert Path(service["build"]["context"]) == REPO
            assert service["build"]["dockerfile"] == "docker/airflow/Dockerfile"
        if image_name(service) == "rasd/elasticsearch":
            assert service["image"] == ES_IMAGE and service["build"]["dockerfile"] == "docker/elasticsearch/Dockerfile"
    assert {n for n, s in services.items() if image_name(s) == "rasd/airflow"} == (
        AIRFLOW_DAEMONS | {"airflow-init", "rasd-init", "es-users", "kibana-init"})


def dockerignore() -> list[str]:
    return [p.strip().strip("/") for p in (REPO / ".dockerignore").read_text().splitlines()
            if p.strip() and p.strip()[0] not in "#!"]


def test_every_copy_source_exists_and_reaches_the_build() -> None:
    ignored = dockerignore()
    for dockerfile in (AIRFLOW_DOCKERFILE, ES_DOCKERFILE):
        copies = 0
        for instruction, args in dockerfile_instructions(dockerfile):
            words = shlex.split(args)
            if instruction not in ("COPY", "ADD") or any(w.startswith("--from") for w in words):
                continue
            for source in [w for w in words if not w.startswith("--")][:-1]:
                copies += 1
                assert (REPO / source).exists(), f"{dockerfile.name}: COPY source {source} missing"
                parts = Path(source.rstrip("/")).parts
                for i in range(len(parts)):
                    candidate = "/".join(parts[: i + 1])
                    assert not any(fnmatch.fnmatch(candidate, p) or fnmatch.fnmatch(parts[i], p.removeprefix("**/"))
                                   for p in ignored), f"{dockerfile.name}: {source} is in .dockerignore"
        assert copies


def test_ports_are_published_on_loopback_only(services: dict[str, dict[str, Any]]) -> None:
    published = {name: s["ports"] for name, s in services.items() if s.get("ports")}
    assert set(published) == {"elasticsearch", "airflow-api-server", "kibana"}
    for name, ports in published.items():
        for port in ports:
            assert port.get("host_ip") == "127.0.0.1", f"{name}: {port}"


def test_security_is_on_everywhere(services: dict[str, dict[str, Any]]) -> None:
    kibana = environment(services["kibana"])
    assert kibana["ELASTICSEARCH_HOSTS"].startswith("https://")
    assert kibana["ELASTICSEARCH_USERNAME"] == "rasd_kibana"
    for name, service in services.items():
        env = environment(service)
        if "ES_URL" in env:
            assert env["ES_URL"].startswith("https://") and env["ES_CA_CERTS"] == "/certs/ca.crt", name
            if "ES_USERNAME" in env:
                assert env["ES_USERNAME"] == "rasd_indexer", name
    users = json.loads((REPO / "pipeline" / "data" / "security" / "users.json").read_text())
    assert users["rasd_kibana"]["roles"] == ["kibana_system"]


def test_kibana_objects_are_imported_from_the_image(services: dict[str, dict[str, Any]]) -> None:
    args = argv(services["kibana-init"])
    assert args[:3] == ["rasd", "kibana", "import"]
    options = dict(zip(args[3::2], args[4::2], strict=True))
    assert options["--url"] == "http://kibana:5601" and float(options["--wait"]) > 0
    copies = {tuple(shlex.split(a)[-2:]) for i, a in dockerfile_instructions(AIRFLOW_DOCKERFILE) if i == "COPY"}
    assert ("kibana/", "/opt/rasd/kibana/") in copies and options["--file"] == "/opt/rasd/kibana/rasd.ndjson"
    assert environment(services["kibana-init"])["KIBANA_USERNAME"] == "elastic"
    assert any(v["target"] == "/usr/share/kibana/data" for v in services["kibana"]["volumes"])


# -- image hygiene --------------------------------------------------------------------------------
def lock_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-").replace(".", "-")] = match.group(2)
    return pins


def test_the_image_gets_runtime_dependencies_only_at_the_tested_versions() -> None:
    runtime = lock_pins(REPO / "docker" / "airflow" / "requirements.txt")
    dev = lock_pins(REPO / "requirements.txt")
    assert not DEV_TOOLS & set(runtime), f"dev tools in the image lock: {DEV_TOOLS & set(runtime)}"
    assert set(dev) >= DEV_TOOLS
    differing = {n: (v, dev.get(n)) for n, v in runtime.items() if dev.get(n) != v}
    assert not differing, f"the image lock differs from the tested one: {differing}"
    assert "-r docker/airflow/requirements.in" in (REPO / "requirements.in").read_text()
    runs = [a for i, a in dockerfile_instructions(AIRFLOW_DOCKERFILE) if i == "RUN"]
    assert any("install_requirements.py /opt/rasd/docker/requirements.txt" in r for r in runs)
    assert any("pip check" in r for r in runs)
    assert not any(re.search(r"pip install[^&]*-r\b", r) for r in runs), "a plain pip install -r re-pins the image"


def test_every_third_party_import_is_a_runtime_dependency() -> None:
    runtime = set(lock_pins(REPO / "docker" / "airflow" / "requirements.txt"))
    by_module = metadata.packages_distributions()
    missing = {}
    for folder in ("pipeline", "dags", "plugins"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in {"pipeline", "rasd_listener", "rasd_plugin"}:
                        continue
                    dists = {d.lower().replace("_", "-").replace(".", "-") for d in by_module.get(top, [])}
                    where = str(path.relative_to(REPO))
                    if not dists & runtime and (top, where) not in DEV_ONLY_IMPORTS:
                        missing.setdefault(top, where)
    assert not missing, f"imported but not in docker/airflow/requirements.txt: {missing}"


def test_install_requirements_never_repins_the_base_image(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "docker" / "airflow"))
    try:
        import install_requirements as inst
    finally:
        sys.path.pop(0)
    lock = tmp_path / "requirements.txt"
    lock.write_text("httpx==0.28.1\n    # via rasd\nwarcio==1.7.5\nonlywin==1.0 ; sys_platform == 'win32'\n")
    direct = tmp_path / "requirements.in"
    direct.write_text("-r other.in\nhttpx>=0.28,<0.29  # comment\nwarcio\n")
    pins = inst.read_lock(lock)
    assert pins == {"httpx": "0.28.1", "warcio": "1.7.5"}
    new, kept = inst.plan(pins, {"httpx": "0.28.0"})
    assert new == {"warcio": "1.7.5"} and kept == {"httpx": ("0.28.0", "0.28.1")}
    reqs = inst.read_direct(direct)
    assert inst.unmet(reqs, {"httpx": "0.28.0", "warcio": "1.7.5"}) == []
    assert inst.unmet(reqs, {"httpx": "0.27.2", "warcio": "1.7.5"}) == ["httpx<0.29,>=0.28: the image has 0.27.2"]
    assert inst.unmet(reqs, {"httpx": "0.28.1"}) == ["warcio: not installed"]


# -- shared Airflow settings ----------------------------------------------------------------------
def test_airflow_services_share_keys_logs_and_login(services: dict[str, dict[str, Any]]) -> None:
    """One Fernet key (row 3), one API secret key and one logs volume (row 4), one password file (row 7)."""
    shared = ("AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API__SECRET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET",
              "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE")
    airflow = AIRFLOW_DAEMONS | {"airflow-init"}
    for var in shared:
        values = {environment(services[n]).get(var) for n in airflow}
        assert len(values) == 1 and None not in values and "" not in values, f"{var}: {values}"
    for name in AIRFLOW_DAEMONS:
        targets = {v["target"]: v["source"] for v in services[name]["volumes"]}
        assert targets["/opt/airflow/logs"] == "airflow-logs" and targets["/opt/airflow/archive"] == "archive", name
    auth = {n for n, s in services.items() for v in s.get("volumes") or [] if v.get("source") == "airflow-auth"}
    assert auth == {"airflow-init", "airflow-api-server"}
    passwords_file = environment(services["airflow-api-server"])["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
    assert Path(passwords_file).parent == Path("/opt/airflow/auth")


# -- docker/make-env.sh ---------------------------------------------------------------------------
def make_env(target: Path, *args: str) -> str:
    import subprocess

    done = subprocess.run(["bash", str(REPO / "docker" / "make-env.sh"), *args, str(target)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def read_env(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line and line[0] != "#")


def test_make_env_writes_valid_fresh_secrets_once(tmp_path: Path) -> None:
    from cryptography.fernet import Fernet

    target = tmp_path / ".env"
    assert "new secrets for" in make_env(target)
    env = read_env(target)
    assert set(env) == set(env_example())
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    for name in SECRETS_NEEDED_BY:
        assert not env[name].startswith("change-me") and len(env[name]) >= 32, name
        assert re.fullmatch(r"[A-Za-z0-9_=-]+", env[name]), f"{name} has characters a URL would need escaped"
    Fernet(env["AIRFLOW_FERNET_KEY"].encode())
    assert len({env[n] for n in SECRETS_NEEDED_BY}) == len(SECRETS_NEEDED_BY), "two secrets are equal"
    assert env["RASD_KIBANA_PUBLIC_URL"] == env_example()["RASD_KIBANA_PUBLIC_URL"]
    result = compose_go.load(COMPOSE, target)
    assert "error" not in result and all(v["defined"] for v in result["variables"])
    # Again: nothing changes; an operator's own variable stays.
    with target.open("a") as out:
        out.write("MY_OWN=1\n")
    before = target.read_text()
    assert "unchanged" in make_env(target)
    assert target.read_text() == before


def test_make_env_rotates_only_what_it_is_asked_to(tmp_path: Path) -> None:
    target = tmp_path / ".env"
    make_env(target)
    before = read_env(target)
    make_env(target, "--rotate", "RASD_ANALYST_PASSWORD")
    after = read_env(target)
    assert after["RASD_ANALYST_PASSWORD"] != before["RASD_ANALYST_PASSWORD"]
    assert {k: v for k, v in after.items() if k != "RASD_ANALYST_PASSWORD"} == {
        k: v for k, v in before.items() if k != "RASD_ANALYST_PASSWORD"}


# -- the Elasticsearch image build ---------------------------------------------------------------
def test_skip_dist_builds_the_plugin_without_the_distribution(tmp_path: Path) -> None:
    """The image build's ``mvn -Drasd.skipDist=true package`` makes the plugin zip and fetches no
    distribution (offline, in a copy of what the Dockerfile copies)."""
    import shutil
    import subprocess

    runs = [a for i, a in dockerfile_instructions(ES_DOCKERFILE) if i == "RUN" and "mvn" in a]
    assert runs == ["mvn -B -q -f es/pom.xml -Drasd.skipDist=true package"]
    if shutil.which("mvn") is None:
        pytest.fail("Maven is needed (make test-java uses it too)")
    for folder in ("es", "pipeline/data", "tests/data"):  # the Dockerfile's COPY lines
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("target"))
    done = subprocess.run(["mvn", "-B", "-q", "-o", "-f", "es/pom.xml", "-Drasd.skipDist=true",
                           "-Dmaven.test.skip=true", "package"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert list((tmp_path / "es" / "target").glob("rasd-analysis-*.zip"))
    assert not (tmp_path / "es" / "target" / "dist").exists()
