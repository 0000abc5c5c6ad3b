"""A local three-node Elasticsearch cluster (``rasd es start --cluster 3``), real processes: formed
with the analysis plugin on every node, replicas from ``RASD_INDEX_REPLICAS``, and a node without
the plugin reported by name instead of as an analyzer error. Faults under load (a node SIGKILLed
during an ingest, a rolling restart during a backfill) are in tests/test_scale_out.py, under the
real Airflow services.

One cluster for the session (``conftest.es_cluster``).
"""

from __future__ import annotations

import json
import re
import time

import pytest
import yaml
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Settings, reset_settings
from pipeline.es_health import ClusterSetupError
from pipeline.index import TEMPLATES, ensure_indices, get_client
from pipeline.services import es_cluster as cluster
from pipeline.services.es_build import LocalESError
from pipeline.services.proc import state_root
from tests.conftest import wipe
from tests.scale import CLUSTER, cluster_port, home_without_plugin, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

# How a node without the plugin refuses an article index: the first plugin filter or filter type of
# the template's analysis it meets (rasd_normalize, or rasd_builtin_limit of the lead analyzer)
PLUGIN_MISSING = re.compile(r"(failed to find filter under name|Unknown filter type) \[rasd_")


def copies(es, pattern: str) -> dict[str, list[dict]]:
    """index -> its shard copies (prirep, state, node)."""
    found: dict[str, list[dict]] = {}
    for row in es.cat.shards(index=pattern, format="json", h="index,shard,prirep,state,node"):
        found.setdefault(row["index"], []).append(row)
    return found


def test_cluster_formed_with_the_plugin_on_every_node(es_cluster):
    base = cluster_port()
    st = cluster.status(CLUSTER)
    assert st["health"]["status"] == "green" and st["health"]["number_of_nodes"] == 3, st
    assert [n["name"] for n in st["nodes"]] == ["testc-1", "testc-2", "testc-3"]
    assert all(n["running"] and n["joined"] and n["plugin"] is True for n in st["nodes"]), st["nodes"]
    assert sum(n["master"] for n in st["nodes"]) == 1
    assert st["problems"] == []
    assert es_cluster.url == ",".join(f"http://127.0.0.1:{base + i}" for i in range(3))
    # each node: its own folder, HTTP port and transport port; discovery seeded with all three
    seeds = sorted(f"127.0.0.1:{base + i + 100}" for i in range(3))
    for i, node in enumerate(es_cluster.nodes):
        cfg = yaml.safe_load((node.node_dir / "config" / "elasticsearch.yml").read_text(encoding="utf-8"))
        assert cfg["http.port"] == base + i and cfg["transport.port"] == base + i + 100
        assert cfg["cluster.name"] == "rasd-testc" and cfg["node.name"] == f"testc-{i + 1}"
        assert sorted(cfg["discovery.seed_hosts"]) == seeds and "discovery.type" not in cfg
        assert cfg["path.data"] == str(node.node_dir / "data")
    assert len({n.node_dir for n in es_cluster.nodes}) == 3 and len({n.pid for n in es_cluster.nodes}) == 3

    result = CliRunner().invoke(app, ["es", "status", "--name", CLUSTER])
    assert result.exit_code == 0, result.output
    assert "green" in result.output and "3/3 nodes running" in result.output and "NO PLUGIN" not in result.output


def test_start_is_idempotent_and_refuses_what_cannot_work(es_cluster):
    base = cluster_port()
    t0 = time.monotonic()
    again = cluster.start(CLUSTER, nodes=3, port=base)
    assert [n.pid for n in again.nodes] == [n.pid for n in es_cluster.nodes]
    assert time.monotonic() - t0 < 15
    with pytest.raises(LocalESError, match="runs with other settings"):
        cluster.start(CLUSTER, nodes=2, port=base)
    with pytest.raises(LocalESError, match="2 to 9 nodes"):
        cluster.start("rasdone", nodes=1, port=base + 50)
    with pytest.raises(LocalESError, match=f"HTTP port {base} of node clash-1 is taken"):
        cluster.start("clash", nodes=2, port=base)  # testc's ports
    assert not cluster.read_spec("clash")  # nothing half-made left behind
    result = CliRunner().invoke(app, ["es", "start", "--name", CLUSTER, "--cluster", "2", "--port", str(base)])
    assert result.exit_code == 1 and "runs with other settings" in result.output
    result = CliRunner().invoke(app, ["es", "start", "--name", CLUSTER, "--port", str(base)])
    assert result.exit_code == 1 and "is a running cluster" in result.output


def test_replicas_follow_the_size_of_the_cluster(es_cluster, es_client, settings):
    """auto (default): one replica on three nodes, on another node than its primary; none on the
    single test node; both green. A fixed number, and indices made before the setting, follow it."""
    s3 = Settings(es_url=es_cluster.url, index_prefix="rasdrep")
    es3 = get_client(s3)
    wipe(es3, "rasdrep")
    try:
        ensure_indices(es3, s3)
        assert es3.cluster.health(index="rasdrep-*", wait_for_status="green", timeout="90s")["status"] == "green"
        found = copies(es3, "rasdrep-*")
        assert len(found) == len(TEMPLATES)  # one index per template (articles: its first version)
        for index, rows in found.items():
            assert sorted(r["prirep"] for r in rows) == ["p", "r"], (index, rows)
            assert len({r["node"] for r in rows}) == 2, (index, rows)

        # the single node of the session: no replica, green
        ensure_indices(es_client, settings)
        single = es_client.indices.get_settings(index=f"{settings.index_prefix}-*", flat_settings=True)
        assert {v["settings"]["index.auto_expand_replicas"] for v in single.values()} == {"0-1"}
        assert es_client.cluster.health(index=f"{settings.index_prefix}-*")["status"] == "green"
        assert {r["prirep"] for rows in copies(es_client, f"{settings.index_prefix}-*").values() for r in rows} == {"p"}

        # a fixed number: every index of the prefix gets it, at once (a dynamic setting)
        fixed = Settings(es_url=es_cluster.url, index_prefix="rasdrep", index_replicas="2")
        ensure_indices(es3, fixed)
        es3.cluster.health(index="rasdrep-*", wait_for_status="green", timeout="90s")
        assert {len(rows) for rows in copies(es3, "rasdrep-*").values()} == {3}
        # an index made before the setting (no replica, no auto-expand) gets it back with auto
        es3.indices.put_settings(index="rasdrep-feeds", settings={"index.auto_expand_replicas": "false",
                                                                  "index.number_of_replicas": 0})
        ensure_indices(es3, s3)
        es3.cluster.health(index="rasdrep-*", wait_for_status="green", timeout="90s")
        feeds = es3.indices.get_settings(index="rasdrep-feeds", flat_settings=True)["rasdrep-feeds"]["settings"]
        assert feeds["index.auto_expand_replicas"] == "0-1"
        assert {len(rows) for rows in copies(es3, "rasdrep-*").values()} == {2}
        with pytest.raises(ValueError, match="RASD_INDEX_REPLICAS must be 'auto' or a number"):
            Settings(index_replicas="many")
    finally:
        wipe(es3, "rasdrep")
        es3.close()


def test_a_node_without_the_plugin_is_reported_by_name(es_cluster, monkeypatch):
    """A fourth node from a home without rasd-analysis joins the cluster. Without the check, a copy of
    an article index placed there cannot open ("failed to find filter under name [rasd_normalize]",
    the shard unassigned after five tries, the cluster yellow). With it: ensure_indices (so every
    ingest run's `prepare`) refuses before creating anything, naming the node and the remedy, and
    `rasd es status` says the same (exit 4)."""
    base = cluster_port()
    s = Settings(es_url=es_cluster.url, index_prefix="rasdplug")
    es = get_client(s)
    wipe(es, "rasdplug")
    wipe(es, "rasdplugnew")
    ensure_indices(es, s)  # made while every node has the plugin
    articles = next(iter(es.indices.get_alias(name=s.articles_write_alias)))
    home = home_without_plugin(state_root() / "es-noplugin")
    try:
        assert cluster.add_node(CLUSTER, base + 3, home=home) == 4
        with pytest.raises(ClusterSetupError) as caught:
            ensure_indices(es, Settings(es_url=es_cluster.url, index_prefix="rasdplugnew"))
        message = str(caught.value)
        assert "the rasd-analysis plugin is missing on 1 of 4 Elasticsearch nodes: testc-4" in message
        assert f"127.0.0.1:{base + 3}" in message and "elasticsearch-plugin install" in message
        assert es.indices.get(index="rasdplugnew-*", expand_wildcards="all") == {}  # nothing made
        templates = es.options(ignore_status=404).indices.get_index_template(name="rasdplugnew-*")
        assert templates.get("index_templates", []) == []

        # an ingest run's first task fails with that message
        monkeypatch.setenv("ES_URL", es_cluster.url)
        monkeypatch.setenv("RASD_INDEX_PREFIX", "rasdplugnew")
        reset_settings()
        from pipeline.orchestration import prepare_ingest

        with pytest.raises(ClusterSetupError, match="missing on 1 of 4 Elasticsearch nodes: testc-4"):
            prepare_ingest()

        # what the check spares: a copy placed on that node cannot open
        es.indices.put_settings(index=articles, settings={"index.auto_expand_replicas": "false",
                                                         "index.number_of_replicas": 3})

        def failed_there() -> str:
            rows = copies(es, articles)[articles]
            if not any(r["state"] == "UNASSIGNED" for r in rows):
                return ""
            explain = json.dumps(dict(es.cluster.allocation_explain(index=articles, shard=0, primary=False)))
            return explain if PLUGIN_MISSING.search(explain) else ""

        explain = wait_for(failed_there, 180, "the copy for the fourth node to fail")
        assert PLUGIN_MISSING.search(explain), explain
        # Elasticsearch retries the copy (index.allocation.max_retries): between attempts it is
        # INITIALIZING, so the status is read again until it shows the copy unassigned
        def reported() -> dict | None:
            status = cluster.status(CLUSTER)
            return status if any("unassigned" in p for p in status["problems"]) else None

        st = wait_for(reported, 180, "the status to report the unassigned copy")
        assert [n["plugin"] for n in st["nodes"]] == [True, True, True, False]
        assert any("missing on 1 of 4" in p and "testc-4" in p for p in st["problems"]), st["problems"]
        assert any("unassigned" in p for p in st["problems"]), st["problems"]
        result = CliRunner().invoke(app, ["es", "status", "--name", CLUSTER])
        assert result.exit_code == 4 and "NO PLUGIN" in result.output and "testc-4" in result.output
    finally:
        if len(cluster.read_spec(CLUSTER)["nodes"]) == 4:
            cluster.remove_node(CLUSTER, 4)
        reset_settings()
        wipe(es, "rasdplug")
        wipe(es, "rasdplugnew")
        cluster.wait_health(CLUSTER, "green", timeout=180)
        es.close()
    assert cluster.status(CLUSTER)["problems"] == []
