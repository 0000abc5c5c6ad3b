"""The local-service modules without the heavy services: process control, PostgreSQL, the
Airflow configuration, the stack's guard rails (the real services run in test_real_services.py)."""

from __future__ import annotations

import json
import os
import socket
import stat
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.services import proc
from pipeline.services.airflow import Airflow
from pipeline.services.postgres import Postgres, PostgresError, pg_bin
from pipeline.services.proc import Daemon, ServiceError
from pipeline.services.stack import Stack, StackConfig


def test_daemon_runs_in_its_own_session_and_stops_with_its_children(tmp_path):
    d = Daemon("sleeper", ["sh", "-c", "sleep 60 & sleep 60 & wait"], tmp_path)
    pid = d.start()
    assert d.start() == pid  # idempotent
    time.sleep(0.3)
    assert os.getpgid(pid) == pid and len(proc.group_members(pid)) == 3
    assert d.stop(timeout=5) is True
    assert proc.group_members(pid) == [] and d.pid() is None and not d.pid_file.exists()
    assert d.stop() is False


def test_daemon_never_signals_a_recycled_pid(tmp_path):
    d = Daemon("ghost", ["true"], tmp_path)
    d.run_dir.mkdir(exist_ok=True)
    d.pid_file.write_text(f"{os.getpid()} 12345\n")  # our pid, another start time
    assert d.pid() is None
    assert d.stop() is False  # and we are still alive to assert it
    assert not d.pid_file.exists()


def test_restarting_a_killed_daemon_reaps_what_it_left(tmp_path):
    d = Daemon("crashy", ["sh", "-c", "sleep 60 & sleep 60 & wait"], tmp_path)
    pid = d.start()
    time.sleep(0.3)
    assert d.kill() == pid
    orphans = proc.group_members(pid)
    assert len(orphans) == 2  # the children outlive the leader
    new = d.start()
    assert new != pid and proc.group_members(pid) == []
    d.stop(timeout=5)


def test_port_checks():
    port = proc.free_port()
    proc.check_port_free(port, "unused")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
        sock.listen()
        assert proc.port_open(port)
        with pytest.raises(ServiceError, match="taken"):
            proc.check_port_free(port, f"port {port} is taken")


def test_missing_postgres_binaries_name_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_PG_BIN", str(tmp_path))
    with pytest.raises(PostgresError, match=r"apt-get install -y postgresql-15"):
        pg_bin()
    with pytest.raises(PostgresError, match="postgresql-15"):
        Postgres(tmp_path / "pg", proc.free_port()).start()


@pytest.mark.skipif(not Path("/usr/lib/postgresql/15/bin/initdb").is_file(), reason="postgresql-15 not installed")
def test_postgres_cluster_of_our_own(tmp_path):
    import psycopg2

    pg = Postgres(tmp_path / "pg", proc.free_port())
    try:
        pg.start()
        first = pg.pid()
        assert first is not None and pg.running_port() == pg.port
        pg.start()  # idempotent
        assert pg.pid() == first
        with psycopg2.connect(host="127.0.0.1", port=pg.port, user="airflow", dbname="airflow") as conn:
            assert conn.server_version // 10000 == 15
        with pytest.raises(PostgresError, match="already runs on port"):
            Postgres(tmp_path / "pg", proc.free_port()).start()
    finally:
        assert pg.stop() is True
    assert pg.pid() is None and pg.stop() is False
    home = pg.data_dir.resolve().parent
    assert (pg.data_dir / "PG_VERSION").is_file()  # data stays
    pg.remove()
    assert not home.exists() and not pg.folder.exists()


def test_airflow_configuration_is_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW__CORE__EXECUTOR", "SequentialExecutor")
    monkeypatch.setenv("RASD_INDEX_PREFIX", "leaked")
    monkeypatch.setenv("ES_URL", "http://leaked:9200")
    af = Airflow(tmp_path / "airflow", 18081, "postgresql+psycopg2://airflow@127.0.0.1:5999/airflow",
                 task_env={"ES_URL": "http://127.0.0.1:9299"})
    assert af.write_config() is True
    secrets = json.loads((af.home / "secrets.json").read_text())
    assert af.write_config() is False  # kept: the same secrets on every start
    assert json.loads((af.home / "secrets.json").read_text()) == secrets
    for name in ("secrets.json", "passwords.json", "airflow.cfg"):
        assert stat.S_IMODE((af.home / name).stat().st_mode) == 0o600, name
    assert json.loads((af.home / "passwords.json").read_text()) == {"admin": secrets["admin_password"]}
    cfg = (af.home / "airflow.cfg").read_text()
    assert "executor = LocalExecutor" in cfg and f"fernet_key = {secrets['fernet_key']}" in cfg
    assert "execution_api_server_url = http://127.0.0.1:18081/execution/" in cfg  # follows the API port
    assert f"jwt_secret = {secrets['jwt_secret']}" in cfg and f"secret_key = {secrets['secret_key']}" in cfg
    env = af.environment()
    assert env["AIRFLOW_HOME"] == str(af.home) and env["ES_URL"] == "http://127.0.0.1:9299"
    assert "AIRFLOW__CORE__EXECUTOR" not in env and "RASD_INDEX_PREFIX" not in env


def test_stack_refuses_other_settings_while_it_runs(tmp_path):
    port = proc.free_port()
    stack = Stack(tmp_path, StackConfig(es_url="http://127.0.0.1:1", sample=True, sample_port=port, pg_port=1))
    stack._save()
    site = stack.sample_site
    site.start()
    try:
        proc.wait_until(lambda: proc.port_open(port), time.monotonic() + 30, what="sample site")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/wasat/rss.xml", timeout=10) as resp:
            assert resp.status == 200 and b"<rss" in resp.read()
        other = Stack(tmp_path, StackConfig(es_url="http://127.0.0.1:1", sample=False, sample_port=port, pg_port=1))
        with pytest.raises(ServiceError, match=r"other settings \(sample: True → False\).*rasd down"):
            other.up()
    finally:
        site.stop()
