"""What the pipeline checks about the Elasticsearch cluster it writes to.

* **The analysis plugin on every node.** Rasd's indices use the analyzers of the rasd-analysis
  plugin. A node without it (say, a node added to a cluster from the stock image) cannot open
  their shards, and a request analyzed there fails with "Unknown filter type [rasd_normalize]":
  an error that names a filter, not the missing plugin, and that comes and goes with where
  shards and requests land. :func:`check_plugin` reads ``_nodes/plugins`` (one request, cluster
  privilege ``monitor``) and raises :class:`ClusterSetupError` naming the nodes and the remedy;
  ``ensure_indices`` calls it before it creates or changes anything, so every ingest run's
  ``prepare`` task fails with that message instead. ``rasd es status`` reports the same.
* **Replicas** (``RASD_INDEX_REPLICAS``): ``auto`` (default) is ``auto_expand_replicas: 0-1``
  (no replica on one node, one on a cluster: green on both, and a cluster grown from one node
  gains its replicas); a number fixes ``number_of_replicas`` (docs/decisions.md, "Scale-out").
"""

from __future__ import annotations

import logging
from typing import Any

from elasticsearch import ApiError, Elasticsearch

from pipeline.config import Settings
from pipeline.errors import RasdError

log = logging.getLogger(__name__)

PLUGIN = "rasd-analysis"


class ClusterSetupError(RasdError):
    """The cluster cannot hold Rasd's indices as it is set up (a node lacks the plugin …)."""

    kind = "cluster_setup"


def plugin_problems(nodes_plugins: dict[str, Any]) -> list[str]:
    """What is wrong with the plugin across the nodes of a ``GET _nodes/plugins`` answer: nodes
    without it, or nodes with different versions of it ([] when all is well)."""
    nodes = list((nodes_plugins.get("nodes") or {}).values())
    missing: list[str] = []
    versions: dict[str, list[str]] = {}
    for node in nodes:
        found = [p for p in node.get("plugins") or [] if p.get("name") == PLUGIN]
        where = f"{node.get('name')} ({node.get('http', {}).get('publish_address') or node.get('host')})"
        if not found:
            missing.append(where)
        else:
            versions.setdefault(str(found[0].get("version")), []).append(where)
    problems = []
    if missing:
        problems.append(
            f"the {PLUGIN} plugin is missing on {len(missing)} of {len(nodes)} Elasticsearch nodes: "
            f"{', '.join(missing)}. Rasd's indices use its analyzers (rasd_arabic, rasd_normalize …), so their "
            f"shards cannot open on such a node and requests analyzed there fail with \"Unknown filter type\". "
            f"Install es/target/{PLUGIN}-*.zip on every node (bin/elasticsearch-plugin install file:///…zip, "
            "or the project's Elasticsearch image) and restart it, or take the node out of the cluster")
    if len(versions) > 1:
        shown = "; ".join(f"{v} on {', '.join(w)}" for v, w in sorted(versions.items()))
        problems.append(f"nodes run different versions of the {PLUGIN} plugin ({shown}): text is analyzed "
                        "differently depending on the node; install one build everywhere")
    return problems


def check_plugin(es: Elasticsearch) -> None:
    """Raise :class:`ClusterSetupError` when a node lacks the analysis plugin (or versions differ).

    A client not allowed to read node info (no ``monitor`` privilege) cannot check: logged, not fatal."""
    try:
        answer = es.nodes.info(metric="plugins,http")
    except ApiError as exc:
        if exc.meta.status in (401, 403):
            log.warning("cannot check the %s plugin on the nodes (no monitor privilege): %s", PLUGIN, exc)
            return
        raise
    problems = plugin_problems(dict(answer))
    if problems:
        raise ClusterSetupError("; ".join(problems))


def replica_settings(settings: Settings) -> dict[str, Any]:
    """Index settings for the replicas of every Rasd index (``RASD_INDEX_REPLICAS``)."""
    value = settings.index_replicas.strip().lower()
    if value == "auto":
        return {"number_of_replicas": 0, "auto_expand_replicas": "0-1"}
    return {"number_of_replicas": int(value), "auto_expand_replicas": "false"}
