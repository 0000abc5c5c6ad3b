"""When the network is gone: real unresolvable hosts (the reserved ``.invalid`` TLD), closed loopback
ports, a loopback TLS server with a certificate nobody trusts and a host that never answers. The
cause is classified before robots.txt, a run in which no source answers ends as failed (run record,
CLI exit status, DAG run state) with one line saying so, never-succeeded feeds are shown as such,
and ``rasd feeds status`` stays readable at 80 columns."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from pipeline.errors import FetchError
from pipeline.fetch import Fetcher
from pipeline.newsweb import NewsWeb, Route

REPO = Path(__file__).resolve().parents[1]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def tls_server(tmp_path):
    """HTTPS on loopback with a self-signed certificate: the handshake fails verification."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=1)).sign(key, hashes.SHA256()))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "k.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch_kind(url: str, **settings: object) -> FetchError:
    from pipeline.config import Settings

    with Fetcher(Settings(**settings), allow_loopback=True) as f, pytest.raises(FetchError) as info:  # type: ignore[arg-type]
        f.get(url)
    return info.value


@pytest.mark.parametrize("host", ["rasd-outage-test.invalid", "news.rasd-outage-test.invalid"])
def test_unresolvable_host_is_dns_not_robots(host):
    exc = fetch_kind(f"https://{host}/feed/")
    assert exc.kind == "dns", exc
    assert host in str(exc) and "does not answer" in str(exc)


def test_closed_port_is_connect():
    exc = fetch_kind(f"http://127.0.0.1:{closed_port()}/feed/")
    assert exc.kind == "connect", exc


def test_untrusted_certificate_is_tls(tls_server):
    exc = fetch_kind(f"{tls_server}/feed/")
    assert exc.kind == "tls", exc
    assert "CERTIFICATE_VERIFY_FAILED" in str(exc)


def test_host_that_never_answers_is_timeout():
    with NewsWeb(root=None) as web:
        web.add_route("/robots.txt", Route(delay=3.0, body=b"User-agent: *\n"))
        exc = fetch_kind(web.url("/feed/"), read_timeout=0.5, connect_timeout=0.5, total_timeout=1.0)
    assert exc.kind == "timeout", exc


def test_robots_txt_answering_5xx_is_still_robots_unavailable():
    with NewsWeb(root=None) as web:
        web.add_route("/robots.txt", Route(status=503, body=b"busy"))
        exc = fetch_kind(web.url("/feed/"))
    assert exc.kind == "robots_unavailable", exc


# -- a run without a network ---------------------------------------------------------------------
def offline_registry(path: Path, n_invalid: int = 4, n_closed: int = 2) -> Path:
    sources = []
    for i in range(n_invalid):
        host = f"outlet{i}.rasd-outage-test.invalid"
        sources.append({"id": f"dead-dns-{i}", "name": f"موقع {i}", "homepage": f"https://{host}/",
                        "libya_focused": True, "feeds": [
                            {"url": f"https://{host}/feed/"},
                            {"url": f"https://{host}/sitemap.xml", "kind": "sitemap"},
                            {"url": f"https://news.rasd-outage-test.invalid/rss/search?q=site%3A{host}",
                             "kind": "google-news"}]})
    for i in range(n_closed):
        port = closed_port()
        sources.append({"id": f"dead-port-{i}", "name": f"منفذ {i}", "libya_focused": True,
                        "feeds": [{"url": f"http://127.0.0.1:{port}/feed/"}]})
    path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def offline(clean_es, settings, monkeypatch, tmp_path):
    from pipeline.config import get_settings, reset_settings

    monkeypatch.setenv("RASD_SOURCES_FILE", str(offline_registry(tmp_path / "offline.yaml")))
    monkeypatch.setenv("RASD_ARCHIVE_URL", str(tmp_path / "archive"))
    reset_settings()
    yield get_settings()
    reset_settings()


def cli(*args: str, columns: int = 80, **env: str) -> subprocess.CompletedProcess:
    """``rasd`` in a child process, as a user runs it in a terminal of ``columns`` columns."""
    full = {k: v for k, v in os.environ.items() if k.startswith(("RASD_", "ES_", "PATH", "HOME", "LANG"))}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          env=full | {"COLUMNS": str(columns), "TERM": "dumb"} | env, cwd=REPO, timeout=300)


def test_a_run_where_no_source_answers_fails_loudly(offline, es_client):
    from pipeline.feedstate import all_states
    from pipeline.ingest import run_once

    s = offline
    summary = run_once(settings=s)
    assert summary["state"] == "failed"
    message = summary["message"]
    assert message.startswith("run failed: all 6 sources polled failed on every way tried (14 ways: dns 12, connect 2)")
    assert message.endswith("is the network down?") and "\n" not in message
    assert summary["errors_by_kind"] == {"dns": 12, "connect": 2}
    assert "robots_unavailable" not in summary["errors_by_kind"]
    assert summary["counts"]["route_never"] == 6
    es_client.indices.refresh(index=s.runs_index)
    stored = es_client.get(index=s.runs_index, id=summary["run_id"])["_source"]
    assert stored["state"] == "failed" and stored["message"] == message
    states = all_states(es_client, s)
    assert len(states) == 14
    assert all(st.never_succeeded and st.status == "failing" for st in states)  # never shown as ok


def test_cli_ingest_exits_1_with_one_line_and_status_shows_never_succeeded(offline, es_client):
    run = cli("ingest", "--once")
    assert run.returncode == 1, run.stdout + run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "all 6 sources polled failed" in errors[0] and "network" in errors[0]

    status = cli("feeds", "status")
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, "\n".join(lines)
    assert lines[0].startswith("6 sources: 6 never succeeded")
    for i in range(4):
        row = next(line for line in lines if line.split()[:1] == [f"dead-dns-{i}"])
        assert "never succeeded" in row and "dns: rss1 sitemap2 gnews3" in row
    assert any(line.startswith("dead-port-0") and "connect" in line for line in lines)

    wide = cli("feeds", "status", "--wide")
    assert wide.returncode == 0
    assert "https://outlet0.rasd-outage-test.invalid/sitemap.xml" in wide.stdout
    assert wide.stdout.count("never succeeded") == 1 + 14  # the summary line, then every way

    data = cli("feeds", "status", "--json")
    body = __import__("json").loads(data.stdout)
    assert {d["state"] for d in body["sources"]} == {"never"} and len(body["feeds"]) == 14


def test_a_lone_dead_source_does_not_fail_the_run_while_others_answer(sample_env, es_client, monkeypatch, tmp_path):
    from pipeline.config import DATA_DIR, get_settings, reset_settings
    from pipeline.ingest import run_once

    registry = yaml.safe_load((DATA_DIR / "sample_sources.yaml").read_text(encoding="utf-8"))
    registry["sources"].append({"id": "gone", "name": "زال", "libya_focused": True,
                                "feeds": [{"url": "https://gone.rasd-outage-test.invalid/feed/"}]})
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("RASD_SOURCES_FILE", str(path))
    reset_settings()
    s = get_settings()
    assert run_once(settings=s)["state"] == "success"
    # later only the dead source is due (its retry), while the others are not: still a success
    from pipeline.feedstate import all_states, feed_doc_id

    for st in all_states(es_client, s):
        if st.source_id == "gone":
            es_client.update(index=s.feeds_index, id=feed_doc_id(st.feed_url), refresh=True,
                             doc={"next_poll": datetime(2000, 1, 1, tzinfo=UTC).isoformat(),
                                  "last_polled": datetime(2000, 1, 1, tzinfo=UTC).isoformat()})
    lone = run_once(settings=s, force=False)
    assert lone["counts"]["sources_polled"] == 1 and lone["counts"]["sources_failed"] == 1
    assert lone["state"] == "success"


@pytest.mark.slow
def test_ingest_dag_run_fails_when_no_source_answers(offline, es_client):
    from pipeline.airflow_run import run_dag

    state, summary = run_dag("libya_news_ingest")
    assert state == "failed"
    assert summary is not None and summary["state"] == "failed"
    assert summary["message"].startswith("run failed: all 6 sources polled failed")
