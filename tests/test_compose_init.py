"""The compose stack's init steps, run natively, in order, the way its containers run them.

``.env`` comes from ``docker/make-env.sh``; each step gets exactly the environment compose-go renders
for its service (container paths mapped to folders standing for the named volumes, the service
names ``elasticsearch`` and ``postgres`` to loopback), and runs the same command:

1. es-setup: ``docker/elasticsearch/setup-certs.sh`` with the local distribution's ``elasticsearch-certutil``;
2. es-users: ``rasd init es-users`` (the file realm);
3. elasticsearch: a local node with security, TLS on HTTP and transport with those certificates, the
   realm folder as ``config/realm`` and the same TLS settings as the compose file;
4. rasd-init: ``rasd init elasticsearch`` over TLS, then the least-privilege checks of
   tests/test_security.py, over TLS;
5. airflow-init: ``rasd init airflow`` against a real PostgreSQL 15 (own cluster in a temp folder);

then steps 1, 2, 4 and 5 again (the node keeps running, as a healthy container does on a second
``docker compose up``): no error, no file rewritten, nothing duplicated.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import AuthenticationException, AuthorizationException, Elasticsearch

from pipeline.config import Settings
from pipeline.index import get_client
from tests import compose_go

REPO = Path(__file__).resolve().parents[1]
RASD = str(Path(sys.executable).parent / "rasd")
NODE = "compose-tls"
VOLUMES = ("es-ca", "es-certs", "ca-cert", "es-realm", "airflow-auth")
OTHER = "other-index"
pytestmark = pytest.mark.timeout(1800)


@dataclass
class Stack:
    root: Path
    env: dict[str, str]  # the .env make-env.sh wrote
    services: dict[str, dict[str, Any]]  # compose-go's rendering with that .env
    es_port: int
    pg_port: int
    airflow_home: Path
    outputs: dict[str, list[str]] = field(default_factory=dict)
    last_exit: int = 0

    def volume(self, name: str) -> Path:
        return self.root / "volumes" / name

    def service_env(self, name: str) -> dict[str, str]:
        """The service's environment, with its mounts and the other services' names mapped to here."""
        service = self.services[name]
        mounts = sorted(((v["target"], self.volume(v["source"])) for v in service.get("volumes") or []
                         if v.get("type") == "volume"), key=lambda m: -len(m[0]))
        env = {}
        for key, value in (service.get("environment") or {}).items():
            value = str(value)
            for target, folder in mounts:
                if value == target or value.startswith(target + "/"):
                    value = str(folder) + value[len(target):]
                    break
            value = value.replace("https://elasticsearch:9200", f"https://localhost:{self.es_port}")
            value = value.replace("@postgres/airflow", f"@127.0.0.1:{self.pg_port}/airflow")
            env[key] = value
        return env

    def run(self, name: str, cmd: list[str], extra: dict[str, str] | None = None, check: bool = True) -> str:
        """Run ``cmd`` with the service's environment (plus PATH and ``extra``) as its container would."""
        env = {"PATH": os.environ["PATH"], "HOME": str(self.root), **self.service_env(name), **(extra or {})}
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, check=False)
        output = done.stdout + done.stderr
        self.outputs.setdefault(name, []).append(output)
        self.last_exit = done.returncode
        if check:
            assert done.returncode == 0, f"{name}: {' '.join(cmd)} failed (exit {done.returncode}):\n{output}"
        return output


def es_setup(stack: Stack) -> str:
    from pipeline.services import proc
    from pipeline.services.es_build import ensure_built, java_home

    uid, gid = proc.run_ids() if proc.as_root() else (os.getuid(), os.getgid())
    owner = f"{uid}:{gid}"  # uid 1000 in the image: the node's user
    extra = {"ES_HOME": str(ensure_built()), "ES_JAVA_HOME": str(java_home()), "NODE_OWNER": owner}
    args = [str(a) for a in stack.services["es-setup"]["command"]]
    assert args == ["bash", "/usr/share/elasticsearch/rasd/setup-certs.sh"]
    return stack.run("es-setup", ["bash", str(REPO / "docker" / "elasticsearch" / "setup-certs.sh")], extra)


def rasd_step(stack: Stack, name: str, extra: dict[str, str] | None = None, check: bool = True) -> str:
    entrypoint = [str(a) for a in stack.services[name]["entrypoint"]]
    assert entrypoint[0] == "rasd"
    return stack.run(name, [RASD, *entrypoint[1:]], {"AIRFLOW_HOME": str(stack.airflow_home), **(extra or {})},
                     check=check)


def snapshot(folder: Path) -> dict[str, tuple[str, float]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def client(stack: Stack, auth: tuple[str, str] | None) -> Elasticsearch:
    # Through the pipeline's own client factory (UTF-8 Basic credentials: Arabic passwords work).
    settings = Settings.model_validate({
        "ES_URL": f"https://localhost:{stack.es_port}", "ES_USERNAME": auth[0] if auth else None,
        "ES_PASSWORD": auth[1] if auth else None, "ES_API_KEY": None,
        "ES_CA_CERTS": str(stack.volume("ca-cert") / "ca.crt")})
    return get_client(settings)


def es_state(stack: Stack) -> dict[str, Any]:
    es = client(stack, ("elastic", stack.env["ELASTIC_PASSWORD"]))
    try:
        indices = sorted(es.indices.get(index="rasd-*", expand_wildcards="all"))
        aliases = {i: sorted(a["aliases"]) for i, a in es.indices.get_alias(index="rasd-*").items()}
        templates = sorted(t["name"] for t in es.indices.get_index_template(name="rasd-*")["index_templates"])
        return {"indices": indices, "aliases": aliases, "templates": templates}
    finally:
        es.close()


def pg_state(stack: Stack) -> dict[str, Any]:
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", port=stack.pg_port, user="airflow", dbname="airflow")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT version_num FROM alembic_version")
            versions = [r[0] for r in cur.fetchall()]
            cur.execute("SELECT count(*) FROM connection")
            connections = cur.fetchone()[0]  # type: ignore[index]
        return {"alembic": versions, "connections": connections}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    from pipeline import es_local
    from pipeline.services import proc
    from pipeline.services.postgres import Postgres

    # Under /var/tmp, world-searchable: the node and PostgreSQL run as `nobody` when we are root.
    root = Path(tempfile.mkdtemp(prefix="rasd-compose-init-", dir="/var/tmp"))
    root.chmod(0o755)
    env_file = root / ".env"
    done = subprocess.run(["bash", str(REPO / "docker" / "make-env.sh"), str(env_file)], capture_output=True,
                          text=True, check=True)
    assert "new secrets for" in done.stdout
    env = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line and line[0] != "#")
    rendered = compose_go.load(REPO / "docker-compose.yml", env_file)
    assert "error" not in rendered, rendered
    for name in VOLUMES:
        (root / "volumes" / name).mkdir(parents=True)
    realm = root / "volumes" / "es-realm"  # as the Airflow image makes /opt/rasd/es-realm: setgid, group-readable
    proc.chown_to_runner(realm)
    realm.chmod(0o2770)
    pg = Postgres(root / "pg", proc.free_port())
    stack = Stack(root=root, env=env, services=rendered["project"]["services"],
                  es_port=int(os.environ.get("RASD_TEST_ES_PORT", "9250")) + 4, pg_port=pg.port,
                  airflow_home=root / "airflow-home")
    stack.airflow_home.mkdir()
    es_local.stop(NODE)  # a node left by an interrupted run reads folders that are gone
    try:
        yield stack
    finally:
        es_local.stop(NODE)
        pg.remove()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def first_run(stack: Stack) -> dict[str, Any]:
    """Every init step once, in the compose order, starting the node and PostgreSQL between them."""
    from pipeline import es_local
    from pipeline.services.postgres import Postgres

    es_setup(stack)
    rasd_step(stack, "es-users")
    info = es_local.start(name=NODE, port=stack.es_port, security=True, elastic_password=stack.env["ELASTIC_PASSWORD"],
                          tls_dir=stack.volume("es-certs"), realm_dir=stack.volume("es-realm"), timeout=600)
    rasd_step(stack, "rasd-init")
    Postgres(stack.root / "pg", stack.pg_port).start()
    rasd_step(stack, "airflow-init")
    return {"node": info, "certs": {v: snapshot(stack.volume(v)) for v in VOLUMES}, "es": es_state(stack),
            "pg": pg_state(stack)}


@pytest.fixture(scope="module")
def second_run(stack: Stack, first_run: dict[str, Any]) -> dict[str, Any]:
    time.sleep(1.1)  # a rewritten file would get a later mtime
    outputs = {"es-setup": es_setup(stack), "es-users": rasd_step(stack, "es-users"),
               "rasd-init": rasd_step(stack, "rasd-init"), "airflow-init": rasd_step(stack, "airflow-init")}
    return {"outputs": outputs, "files": {v: snapshot(stack.volume(v)) for v in VOLUMES}, "es": es_state(stack),
            "pg": pg_state(stack)}


# -- the first run --------------------------------------------------------------------------------
def test_certificates_and_modes(stack: Stack, first_run: dict[str, Any]) -> None:
    files = {v: set(first_run["certs"][v]) for v in ("es-ca", "es-certs", "ca-cert")}
    assert files == {"es-ca": {"ca.crt", "ca.key"}, "es-certs": {"elasticsearch.crt", "elasticsearch.key", "ca.crt",
                                                                 "instances.yml"}, "ca-cert": {"ca.crt"}}
    assert stat.S_IMODE(stack.volume("es-ca").joinpath("ca.key").stat().st_mode) == 0o600
    assert stat.S_IMODE(stack.volume("es-certs").joinpath("elasticsearch.key").stat().st_mode) == 0o640
    assert (stack.volume("ca-cert") / "ca.crt").read_bytes() == (stack.volume("es-ca") / "ca.crt").read_bytes()


def test_the_node_serves_tls_only_with_those_certificates(stack: Stack, first_run: dict[str, Any]) -> None:
    import urllib.error
    import urllib.request

    from pipeline.services import proc

    info = first_run["node"]
    assert info.url == f"https://127.0.0.1:{stack.es_port}"
    health = proc.get_json(f"https://localhost:{stack.es_port}/_cluster/health", 10,
                           ("elastic", stack.env["ELASTIC_PASSWORD"]), cafile=str(stack.volume("ca-cert") / "ca.crt"))
    assert health["status"] in ("green", "yellow")
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):  # a CA of its own, not the system's
        urllib.request.urlopen(f"https://localhost:{stack.es_port}/_cluster/health", timeout=10)
    with pytest.raises(OSError):  # no plain HTTP
        proc.get_json(f"http://127.0.0.1:{stack.es_port}/_cluster/health", 10,
                      ("elastic", stack.env["ELASTIC_PASSWORD"]))


def test_every_stack_user_logs_in_with_its_roles_only(stack: Stack, first_run: dict[str, Any]) -> None:
    expected = {"rasd_indexer": ("RASD_INDEXER_PASSWORD", ["rasd_writer"]),
                "rasd_analyst": ("RASD_ANALYST_PASSWORD", ["rasd_analyst"]),
                "rasd_kibana": ("KIBANA_SYSTEM_PASSWORD", ["kibana_system"])}
    for user, (var, roles) in expected.items():
        es = client(stack, (user, stack.env[var]))
        try:
            answer = es.security.authenticate()
            assert answer["roles"] == roles and answer["authentication_realm"]["type"] == "file", user
        finally:
            es.close()
    for auth in (None, ("rasd_analyst", stack.env["RASD_INDEXER_PASSWORD"])):
        es = client(stack, auth)
        try:
            with pytest.raises(AuthenticationException):
                es.search(index="rasd-articles")
        finally:
            es.close()


def test_rasd_init_installed_templates_and_aliases_as_the_indexer(first_run: dict[str, Any]) -> None:
    state = first_run["es"]
    assert "rasd-articles" in state["templates"]
    writers = [i for i, a in state["aliases"].items() if "rasd-articles-write" in a]
    assert len(writers) == 1 and set(state["aliases"][writers[0]]) == {"rasd-articles", "rasd-articles-write"}


def test_least_privilege_over_tls(stack: Stack, first_run: dict[str, Any]) -> None:
    elastic = client(stack, ("elastic", stack.env["ELASTIC_PASSWORD"]))
    indexer = client(stack, ("rasd_indexer", stack.env["RASD_INDEXER_PASSWORD"]))
    analyst = client(stack, ("rasd_analyst", stack.env["RASD_ANALYST_PASSWORD"]))
    try:
        elastic.index(index=OTHER, id="1", document={"title": "not for rasd users"}, refresh=True)
        indexer.index(index="rasd-articles-write", id="tls-1", document={"title": "طرابلس"}, refresh=True)
        assert [h["_id"] for h in analyst.search(index="rasd-articles", query={"ids": {"values": ["tls-1"]}})
                ["hits"]["hits"]] == ["tls-1"]
        for call in (lambda: analyst.search(index=OTHER), lambda: analyst.index(index="rasd-articles-write", id="x",
                                                                                 document={"title": "x"}),
                     lambda: analyst.delete(index="rasd-articles-write", id="tls-1"),
                     lambda: indexer.index(index=OTHER, id="2", document={"title": "x"}),
                     lambda: indexer.indices.create(index="not-rasd")):
            with pytest.raises(AuthorizationException):
                call()
        assert elastic.count(index=OTHER)["count"] == 1
        assert elastic.exists(index="rasd-articles", id="tls-1")
    finally:
        for es in (elastic, indexer, analyst):
            es.close()


def test_airflow_init_migrated_the_database_and_wrote_the_login(stack: Stack, first_run: dict[str, Any]) -> None:
    assert len(first_run["pg"]["alembic"]) == 1 and first_run["pg"]["connections"] == 0
    passwords = stack.volume("airflow-auth") / "passwords.json"
    assert json.loads(passwords.read_text()) == {"admin": stack.env["AIRFLOW_ADMIN_PASSWORD"]}
    assert stat.S_IMODE(passwords.stat().st_mode) == 0o600
    # The api-server's auth manager reads that file, with the api-server's environment.
    code = ("from airflow.api_fastapi.auth.managers.simple.simple_auth_manager import SimpleAuthManager as M;"
            "import json; print(json.dumps(M.get_passwords()))")
    out = stack.run("airflow-api-server", [sys.executable, "-c", code], {"AIRFLOW_HOME": str(stack.airflow_home)})
    assert json.loads(out.strip().splitlines()[-1]) == {"admin": stack.env["AIRFLOW_ADMIN_PASSWORD"]}


# -- the second run -------------------------------------------------------------------------------
def test_a_second_run_changes_nothing(first_run: dict[str, Any], second_run: dict[str, Any]) -> None:
    assert second_run["files"] == first_run["certs"], "a second run rewrote a certificate, realm or password file"
    assert second_run["es"] == first_run["es"], "a second rasd-init created or moved an index, alias or template"
    assert second_run["pg"] == first_run["pg"]
    outputs = second_run["outputs"]
    assert "certificates present and current" in outputs["es-setup"]
    assert "realm unchanged" in outputs["es-users"]
    assert "password file unchanged" in outputs["airflow-init"]


# -- repair, rotation, bad input ------------------------------------------------------------------
def test_a_lost_node_certificate_is_made_again_and_served(stack: Stack, second_run: dict[str, Any]) -> None:
    (stack.volume("es-certs") / "elasticsearch.key").unlink()
    out = es_setup(stack)
    assert "creating the node certificate" in out and "creating the certificate authority" not in out
    done = subprocess.run(["openssl", "verify", "-CAfile", str(stack.volume("ca-cert") / "ca.crt"),
                           str(stack.volume("es-certs") / "elasticsearch.crt")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_new_password_works_without_restarting_the_node(stack: Stack, second_run: dict[str, Any]) -> None:
    old = stack.env["RASD_ANALYST_PASSWORD"]
    new = "كلمة-سر-جديدة-" + old[:12]  # non-ASCII too: PBKDF2 over UTF-8, as Elasticsearch hashes it
    out = rasd_step(stack, "es-users", {"RASD_ANALYST_PASSWORD": new})
    assert "users written" in out
    deadline = time.monotonic() + 60
    while True:
        es = client(stack, ("rasd_analyst", new))
        try:
            es.security.authenticate()
            break
        except AuthenticationException:
            assert time.monotonic() < deadline, "the node did not reload the realm within 60 s"
            time.sleep(1)
        finally:
            es.close()
    es = client(stack, ("rasd_analyst", old))
    try:
        with pytest.raises(AuthenticationException):
            es.security.authenticate()
    finally:
        es.close()
    rasd_step(stack, "es-users")  # back to the .env's password


@pytest.mark.parametrize(
    ("service", "extra", "message"),
    [
        ("es-users", {"RASD_ANALYST_PASSWORD": ""}, "not set: RASD_ANALYST_PASSWORD"),
        ("es-users", {"KIBANA_SYSTEM_PASSWORD": "change-me-kibana"}, "example value of .env.example: KIBANA_SYSTEM"),
        ("airflow-init", {"AIRFLOW__CORE__FERNET_KEY": "not-a-fernet-key"}, "is not a Fernet key"),
        ("airflow-init", {"AIRFLOW_ADMIN_PASSWORD": "short"}, "at least 12 characters"),
        ("rasd-init", {"ES_CA_CERTS": "/nonexistent/ca.crt"}, "ES_CA_CERTS=/nonexistent/ca.crt: no such file"),
    ],
)
def test_bad_settings_fail_loudly(stack: Stack, second_run: dict[str, Any], service: str, extra: dict[str, str],
                                  message: str) -> None:
    before = snapshot(stack.volume("es-realm")), snapshot(stack.volume("airflow-auth"))
    out = rasd_step(stack, service, extra, check=False)
    assert stack.last_exit == 1 and "error:" in out and message in out, out
    assert (snapshot(stack.volume("es-realm")), snapshot(stack.volume("airflow-auth"))) == before
