"""Shared pytest fixtures. One section per subsystem.

Airflow reads ``AIRFLOW_HOME`` and the dags folder when it is first imported,
so they are set here, before any test module imports it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="rasd-airflow-")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(REPO / "plugins")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
# Tests never write to the cluster an operator's ES_URL names; they use
# RASD_TEST_ES_URL or their own local node, and their own index prefix.
os.environ.pop("ES_URL", None)
TEST_PREFIX = "rasdtest"
os.environ["RASD_INDEX_PREFIX"] = TEST_PREFIX
os.environ["RASD_FETCH_ALLOW_LOOPBACK"] = "1"
os.environ["RASD_PER_HOST_DELAY"] = "0"
os.environ["RASD_ARCHIVE_URL"] = tempfile.mkdtemp(prefix="rasd-archive-")


# -- Elasticsearch ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def es_url() -> Iterator[str]:
    """URL of a real Elasticsearch for the whole session.

    ``RASD_TEST_ES_URL`` if set; otherwise local node ``test`` (``pipeline.es_local``) on port
    ``RASD_TEST_ES_PORT`` (default 9250), stopped at the end if this session started it.
    """
    url = os.environ.get("RASD_TEST_ES_URL")
    if url:
        os.environ["ES_URL"] = url.rstrip("/")
        yield url.rstrip("/")
        return
    from pipeline import es_local

    was_running = bool(es_local.status("test")["running"])
    info = es_local.start(name="test", port=int(os.environ.get("RASD_TEST_ES_PORT", "9250")))
    os.environ["ES_URL"] = info.url
    try:
        yield info.url
    finally:
        if not was_running:
            es_local.stop("test")


@pytest.fixture(scope="session")
def settings(es_url: str):
    """Settings pointing at the test node with the test index prefix."""
    from pipeline.config import get_settings, reset_settings

    reset_settings()
    s = get_settings()
    assert s.es_url == es_url and s.index_prefix == TEST_PREFIX
    return s


@pytest.fixture(scope="session")
def es_client(settings):
    from pipeline.index import get_client

    es = get_client(settings)
    yield es
    es.close()


def wipe(es, prefix: str = TEST_PREFIX) -> None:
    """Delete the test indices and templates of ``prefix``."""
    es.options(ignore_status=404).indices.delete(index=f"{prefix}-*", expand_wildcards="all")
    templates = es.options(ignore_status=404).indices.get_index_template(name=f"{prefix}-*")
    for t in templates.get("index_templates", []):
        es.indices.delete_index_template(name=t["name"])


@pytest.fixture
def clean_es(es_client, settings):
    """A fresh set of test indices for one test."""
    from pipeline.index import ensure_indices

    wipe(es_client)
    ensure_indices(es_client, settings)
    yield es_client
    wipe(es_client)


# -- the local news web -------------------------------------------------------------------------
@pytest.fixture
def news_web():
    """The bundled sample site on loopback, plus room for misbehaving routes."""
    from pipeline.newsweb import NewsWeb

    with NewsWeb() as web:
        yield web


@pytest.fixture
def sample_env(news_web, clean_es, settings, monkeypatch, tmp_path):
    """Point the ingest path at the sample site; return what it should index."""
    import yaml

    from pipeline.config import DATA_DIR, reset_settings
    from pipeline.urls import doc_id

    monkeypatch.setenv("RASD_SOURCES_FILE", str(DATA_DIR / "sample_sources.yaml"))
    monkeypatch.setenv("RASD_SOURCES_BASE_URL", news_web.base_url)
    monkeypatch.setenv("RASD_ARCHIVE_URL", str(tmp_path / "archive"))  # each test its own raw archive
    reset_settings()
    manifest = yaml.safe_load((DATA_DIR / "sample_site" / "MANIFEST.yaml").read_text(encoding="utf-8"))
    base = news_web.base_url
    relevant = [a for a in manifest["articles"] if a["about_libya"]]
    yield {
        "web": news_web,
        "manifest": manifest,
        "expected_indexed": {doc_id(a["canonical"].replace("{base}", base)) for a in relevant},
        "urls": {doc_id(a["canonical"].replace("{base}", base)): a["canonical"] for a in relevant},
        "expected_irrelevant": len(manifest["articles"]) - len(relevant),
    }
    reset_settings()


# -- Airflow ----------------------------------------------------------------------------------------
@pytest.fixture(scope="session", autouse=True)
def airflow_db() -> None:
    """A migrated SQLite metadata database in the session's AIRFLOW_HOME."""
    from pipeline.airflow_run import ensure_db

    ensure_db(Path(os.environ["AIRFLOW_HOME"]))


# -- the real Airflow services (PostgreSQL + api-server, scheduler, dag-processor, triggerer) ------------
@pytest.fixture(scope="session")
def airflow_stack(es_url):
    """Started once per session, on free ports, over the session's Elasticsearch (tests/services.py)."""
    from pipeline.config import Settings
    from pipeline.index import get_client
    from tests.services import PREFIX, start_services

    es = get_client(Settings(es_url=es_url, index_prefix=PREFIX))
    wipe(es, PREFIX)
    # Not under pytest's basetemp: concurrent pytest sessions of the same user prune old basetemps.
    root = Path(tempfile.mkdtemp(prefix="rasd-stack-"))
    services = start_services(es_url, root)
    print(f"\nAirflow services: {services.airflow.api_url}, logs in {services.airflow.logs}")
    try:
        yield services
    finally:
        services.stack.down()
        services.web.stop()
        wipe(es, PREFIX)
        es.close()
        if not os.environ.get("RASD_KEEP_STACK"):
            services.stack.postgres.remove()  # also under /var/tmp when nobody cannot reach /tmp's folder
            shutil.rmtree(root, ignore_errors=True)
