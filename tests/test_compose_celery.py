"""The Celery variant of the compose stack (``docker-compose.celery.yml``, an override of
``docker-compose.yml``), read the way Compose merges them: an override's mappings (environment,
depends_on) add to the base service's, ``extends`` copies a service of another file.

Compose's own loader (compose-go, ``tests/compose_go.py``) loads the pair too:
``test_compose_go_loads_the_pair`` checks what ``docker compose -f docker-compose.yml -f
docker-compose.celery.yml config`` would see.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.services.celery import CELERY_CONFIG_OPTIONS

REPO = Path(__file__).resolve().parents[1]
OVERRIDE = REPO / "docker-compose.celery.yml"
COMPOSE_VARIANTS = {"default": ["docker-compose.yml"], "celery": ["docker-compose.yml", "docker-compose.celery.yml"]}
INTERPOLATION = re.compile(r"(?<!\$)(?:\$\$)*\$\{([A-Za-z_][A-Za-z0-9_]*)([:?\-+][^}]*)?\}")


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def merged() -> dict[str, dict[str, Any]]:
    """The services of base + override, merged as Compose merges (enough for these checks)."""
    base, over = load("docker-compose.yml")["services"], load("docker-compose.celery.yml")["services"]
    services = {name: dict(spec) for name, spec in base.items()}
    for name, spec in over.items():
        spec = dict(spec)
        extends = spec.pop("extends", None)
        if extends:
            source = load(extends.get("file", "docker-compose.celery.yml"))["services"][extends["service"]]
            target = {k: v for k, v in source.items() if k != "depends_on"}  # depends_on is not extended
        else:
            target = services.get(name, {})
        for key, value in spec.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                target[key] = {**target[key], **value}
            else:
                target[key] = value
        services[name] = target
    return services


@pytest.fixture(scope="module")
def services() -> dict[str, dict[str, Any]]:
    return merged()


def test_override_touches_only_services_that_exist(services):
    base = load("docker-compose.yml")["services"]
    over = load("docker-compose.celery.yml")
    new = set(over["services"]) - set(base)
    assert new == {"redis", "airflow-worker"}
    for name, spec in over["services"].items():
        if name in base:
            assert set(spec) <= {"environment", "depends_on"}, (name, spec)  # executor settings only
    assert set(over.get("volumes") or {}) == {"redis"}
    assert services["redis"]["volumes"] == ["redis:/data"]


def test_every_airflow_service_runs_the_celery_executor(services):
    airflow = {n: s for n, s in services.items() if n.startswith("airflow-")}
    assert {"airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer",
            "airflow-worker"} <= set(airflow)
    for name, spec in airflow.items():
        env = spec["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert env["AIRFLOW__CELERY__BROKER_URL"] == "redis://redis:6379/0", name
        backend = env["AIRFLOW__CELERY__RESULT_BACKEND"]
        assert backend.startswith("db+postgresql://airflow:${POSTGRES_PASSWORD:?"), name
        assert backend.endswith("@postgres/airflow"), name
        # the base settings are still there (an override adds to a mapping)
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://"), name
        assert int(env["AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT"]) >= 2 * 3600
        # the worker preload (pipeline/celery_worker.py), named as the local stack names it
        assert env["AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS"] == CELERY_CONFIG_OPTIONS, name


def test_workers_are_the_scheduler_image_running_celery(services):
    base = load("docker-compose.yml")["services"]
    worker = services["airflow-worker"]
    assert worker["command"] == "celery worker"
    for key in ("image", "build", "volumes"):
        assert worker[key] == base["airflow-scheduler"][key], key
    assert worker["environment"]["ES_URL"] == base["airflow-scheduler"]["environment"]["ES_URL"]
    assert worker["environment"]["DUMB_INIT_SETSID"] == "0"  # warm shutdown: running tasks finish
    assert worker["depends_on"] == {"redis": {"condition": "service_healthy"},
                                    "airflow-init": {"condition": "service_completed_successfully"}}
    assert "$${HOSTNAME}" in worker["healthcheck"]["test"][1]  # the container's own name, read inside it
    assert "ports" not in worker and "ports" not in services["redis"]  # nothing published
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert services["airflow-scheduler"]["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert services["redis"]["image"].startswith("redis:7")


def test_variables_of_the_override_are_documented():
    example = {line.split("=", 1)[0] for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
               if "=" in line and not line.lstrip().startswith("#")}
    used = {m.group(1) for m in INTERPOLATION.finditer(OVERRIDE.read_text(encoding="utf-8"))}
    assert used == {"POSTGRES_PASSWORD", "AIRFLOW_WORKER_CONCURRENCY"}
    assert used <= example
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docker compose -f docker-compose.yml -f docker-compose.celery.yml up -d --scale airflow-worker=" in readme


def test_compose_go_loads_the_pair():
    """Compose's own loader merges the override: Redis and the worker join, every Airflow service
    runs the CeleryExecutor with the broker and result backend, and the worker waits for Redis."""
    from tests import compose_go

    result = compose_go.load(REPO / "docker-compose.yml", REPO / ".env.example", OVERRIDE)
    assert "error" not in result, f"docker compose would refuse the pair: {result['error']}"
    project = result["project"]["services"]
    assert {"redis", "airflow-worker"} <= set(project)
    for name, spec in project.items():
        env = spec.get("environment") or {}
        if name.startswith("airflow-") and "AIRFLOW__CORE__EXECUTOR" in env:
            assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
    worker = project["airflow-worker"]
    scheduler = project["airflow-scheduler"]["environment"]
    assert {k: worker["environment"].get(k) for k in scheduler} == scheduler  # the tasks' settings and secrets
    assert worker["image"] == project["airflow-scheduler"]["image"]
    assert "redis" in (worker.get("depends_on") or {})
    assert worker["environment"].get("AIRFLOW__CELERY__BROKER_URL", "").startswith("redis://")
