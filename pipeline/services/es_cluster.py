"""Local Elasticsearch clusters: N nodes on one machine (``rasd es start --cluster N``).

Node i (1..N) of cluster C is an ordinary local node (:mod:`es_node`, :mod:`es_config`) named
``C-i``: its own folder ``.rasd/es/C-i/`` (config, data, logs), HTTP port P+i−1 and transport port
P+i−1+100. The nodes share the one read-only distribution, so every node has the rasd-analysis
plugin. Every node is master-eligible and holds data: three nodes keep a master and every shard
(with one replica) when one of them dies.

* **Discovery** is seeded with every node's transport address. ``cluster.initial_master_nodes``
  (every node's name) is written only while no node of the cluster holds data, i.e. when the
  cluster is bootstrapped: Elasticsearch asks for it to be removed once the cluster has formed.
* **Start**: the nodes are launched side by side (a lone node of a new cluster waits for the
  others to elect a master), then :func:`start` waits until all N have joined and the cluster is
  yellow or green. Idempotent: running nodes are left alone, stopped ones started.
* **Faults and maintenance**: :func:`kill_node` (SIGKILL, as a crash), :func:`start_node` (back,
  with its data), :func:`rolling_restart` (Elastic's procedure: replica allocation to primaries,
  flush, stop, start, allocation back, wait for green; one node at a time).
* No security: nodes of a secured cluster must talk TLS to each other; this cluster is
  loopback-only, for development, tests and benchmarks.

``.rasd/es/C.cluster.json`` records the nodes (name, port) and the heap; ``stop``, ``status``
and the fault helpers read it.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.services import es_node, proc
from pipeline.services.es_build import LocalESError
from pipeline.services.es_config import (
    TRANSPORT_PORT_OFFSET,
    NodeConfig,
    NodeInfo,
    check_name,
    log_tail,
    read_state,
    registry,
)

MAX_NODES = 9


@dataclass
class ClusterInfo:
    name: str
    nodes: list[NodeInfo]

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    @property
    def url(self) -> str:
        """The ``ES_URL`` form (comma-separated): the client spreads requests over the nodes and
        fails over when one does not answer."""
        return ",".join(self.urls)


def spec_file(name: str) -> Path:
    return proc.state_root() / "es" / f"{name}.cluster.json"


def read_spec(name: str) -> dict[str, Any]:
    """The recorded nodes of cluster ``name`` ({} when there is no such cluster)."""
    try:
        data = json.loads(spec_file(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("nodes") else {}


def node_name(name: str, i: int) -> str:
    return f"{name}-{i}"


def _nodes(name: str) -> list[dict[str, Any]]:
    spec = read_spec(name)
    if not spec:
        raise LocalESError(f"no local cluster {name!r} (start it with `rasd es start --name {name} --cluster 3`)")
    return list(spec["nodes"])


def _node(name: str, i: int) -> dict[str, Any]:
    nodes = _nodes(name)
    if not 1 <= i <= len(nodes):
        raise LocalESError(f"cluster {name!r} has nodes 1..{len(nodes)}, not {i}")
    return nodes[i - 1]


def _config(name: str, node: dict[str, Any], all_nodes: list[dict[str, Any]], bootstrap: bool) -> NodeConfig:
    extra: dict[str, Any] = {
        "discovery.type": None,
        "discovery.seed_hosts": [f"127.0.0.1:{n['port'] + TRANSPORT_PORT_OFFSET}" for n in all_nodes],
    }
    if bootstrap:
        extra["cluster.initial_master_nodes"] = [n["name"] for n in all_nodes]
    return NodeConfig(name=node["name"], port=node["port"], extra=extra, cluster=name)


def _has_data(node: str) -> bool:
    """The node has joined a cluster once (its data folder holds cluster state)."""
    folder = read_state(node).get("node_dir")
    return folder is not None and (Path(str(folder)) / "data" / "_state").is_dir()


def start(name: str = "dev", nodes: int = 3, port: int = 9200, heap: str = "512m", timeout: float = 300
          ) -> ClusterInfo:
    """Start the ``nodes`` nodes of cluster ``name`` (HTTP ports ``port``…) and wait until all have
    joined and the cluster is yellow or green. Idempotent."""
    check_name(name)
    if not 2 <= nodes <= MAX_NODES:
        raise LocalESError(f"a local cluster has 2 to {MAX_NODES} nodes, not {nodes} (one node: leave out --cluster)")
    lone = es_node.running_node(name)
    if lone is not None and lone.cluster is None:
        raise LocalESError(f"a single node named {name!r} runs; stop it (rasd es stop --name {name}) "
                           "or give the cluster another name")
    wanted: list[dict[str, Any]] = [{"name": node_name(name, i), "port": port + i - 1} for i in range(1, nodes + 1)]
    with proc.lock(spec_file(name).with_suffix(".lock")):
        spec = read_spec(name)
        if spec and (spec["nodes"] != wanted or spec.get("heap") != heap):
            running = [n["name"] for n in spec["nodes"] if es_node.running_node(n["name"]) is not None]
            if running:
                raise LocalESError(
                    f"cluster {name!r} runs with other settings ({len(spec['nodes'])} nodes from port "
                    f"{spec['nodes'][0]['port']}, heap {spec.get('heap')}); stop it first (rasd es stop --name {name})")
        todo = [n for n in wanted if es_node.running_node(n["name"]) is None]
        for node in todo:  # before anything is written: a clash leaves no half-made cluster behind
            for what, free in (("HTTP", node["port"]), ("transport", node["port"] + TRANSPORT_PORT_OFFSET)):
                proc.check_port_free(free, f"{what} port {free} of node {node['name']} is taken by another "
                                     "process; use another --port", LocalESError)
        spec_file(name).parent.mkdir(parents=True, exist_ok=True)
        spec_file(name).write_text(json.dumps({"name": name, "nodes": wanted, "heap": heap}, indent=2) + "\n",
                                   encoding="utf-8")
        deadline = time.monotonic() + timeout
        bootstrap = not any(_has_data(n["name"]) for n in wanted)
        started = _launch_all(name, todo, wanted, heap, deadline, bootstrap)
        try:
            wait_joined(name, deadline)
        except LocalESError:
            for launched in started:
                es_node.stop(launched.name, timeout=10)
            raise
    return info(name)


def _launch_all(name: str, todo: list[dict[str, Any]], wanted: list[dict[str, Any]], heap: str, deadline: float,
                bootstrap: bool) -> list[NodeInfo]:
    """Launch ``todo`` side by side; on any failure stop those launched and raise every error."""

    def one(node: dict[str, Any]) -> NodeInfo:
        with proc.lock(es_node.lock_file(node["name"])):
            return es_node.launch(_config(name, node, wanted, bootstrap), heap, deadline)

    started, errors = [], []
    with ThreadPoolExecutor(max_workers=max(1, len(todo))) as pool:
        futures = [pool.submit(one, node) for node in todo]
        for future in futures:
            try:
                started.append(future.result())
            except LocalESError as exc:
                errors.append(str(exc))
    if errors:
        for node in started:
            es_node.stop(node.name, timeout=10)
        raise LocalESError(f"cluster {name!r}: " + "\n".join(errors))
    return started


def info(name: str) -> ClusterInfo:
    """The running nodes of cluster ``name``."""
    running = [es_node.running_node(n["name"]) for n in _nodes(name)]
    return ClusterInfo(name=name, nodes=[n for n in running if n is not None])


def _health(url: str, query: str = "") -> dict[str, Any]:
    return proc.get_json(f"{url}/_cluster/health{query}", timeout=10)


def any_url(name: str) -> str:
    """The URL of a running node of the cluster (a clear error when none runs)."""
    urls = info(name).urls
    if not urls:
        raise LocalESError(f"no node of cluster {name!r} runs (rasd es start --name {name} --cluster N)")
    return urls[0]


def wait_joined(name: str, deadline: float) -> None:
    """Until every recorded node runs, has joined, and the cluster is yellow or green."""
    count = len(_nodes(name))

    def joined() -> bool:
        for url in info(name).urls:
            try:
                health = _health(url, f"?wait_for_nodes={count}&wait_for_status=yellow&timeout=1s")
            except (OSError, ValueError):
                continue
            return not health.get("timed_out") and health.get("number_of_nodes") == count
        return False

    proc.wait_until(joined, deadline, what=f"cluster {name!r}: {count} nodes joined", details=lambda: _tails(name),
                    error=LocalESError, interval=1.0)


def wait_health(name: str, status: str = "green", timeout: float = 180) -> dict[str, Any]:
    """Until the cluster reports ``status`` (green: every replica allocated); the health answer."""
    seen: dict[str, Any] = {}

    def reached() -> bool:
        seen.update(_health(any_url(name), f"?wait_for_status={status}&timeout=1s"))
        return not seen.get("timed_out")

    proc.wait_until(reached, time.monotonic() + timeout, what=f"cluster {name!r} {status}",
                    details=lambda: f" (last health: {json.dumps(seen)})", error=LocalESError, interval=1.0)
    return seen


def stop(name: str, timeout: float = 60) -> list[str]:
    """Stop every node of the cluster (side by side); the names of those that ran."""
    names = [n["name"] for n in _nodes(name)]
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        stopped = list(pool.map(lambda n: es_node.stop(n, timeout=timeout), names))
    return [n for n, was in zip(names, stopped, strict=True) if was]


def kill_node(name: str, i: int) -> int | None:
    """SIGKILL node ``i`` (1-based), as a crash would; its pid (None: it was not running)."""
    return es_node.kill(_node(name, i)["name"])


def stop_node(name: str, i: int, timeout: float = 60) -> bool:
    """Shut node ``i`` down cleanly (SIGTERM)."""
    return es_node.stop(_node(name, i)["name"], timeout=timeout)


def start_node(name: str, i: int, timeout: float = 180, home: Path | None = None) -> NodeInfo:
    """Start node ``i`` of the cluster again (with its data) and wait until it has joined.

    ``home``: another Elasticsearch home (tests: a node without the analysis plugin)."""
    nodes = _nodes(name)
    node = _node(name, i)
    heap = str(read_spec(name).get("heap") or "512m")
    deadline = time.monotonic() + timeout
    with proc.lock(es_node.lock_file(node["name"])):
        running = es_node.running_node(node["name"])
        if running is None:
            bootstrap = not any(_has_data(n["name"]) for n in nodes)
            running = es_node.launch(_config(name, node, nodes, bootstrap), heap, deadline, home=home)
    wait_joined(name, deadline)
    return running


def add_node(name: str, port: int, home: Path | None = None, timeout: float = 180) -> int:
    """Record one more node (HTTP ``port``) in cluster ``name``, start it from an empty folder and wait
    until it joined; its number. Its seeds are the other nodes'; theirs are not rewritten (a running
    cluster finds it)."""
    spec = read_spec(name)
    if not spec:
        raise LocalESError(f"no local cluster {name!r}")
    i = len(spec["nodes"]) + 1
    if i > MAX_NODES:
        raise LocalESError(f"cluster {name!r} has {MAX_NODES} nodes already")
    new = node_name(name, i)
    if es_node.running_node(new) is None:  # a folder left by an earlier node of that name (remove_node):
        proc.remove_runner_folder(registry(new))  # it holds another cluster's UUID, and would be refused
    spec["nodes"].append({"name": new, "port": port})
    spec_file(name).write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    start_node(name, i, timeout=timeout, home=home)
    return i


def remove_node(name: str, i: int) -> None:
    """Stop the last node ``i`` and forget it (the inverse of :func:`add_node`; its folder stays)."""
    spec = read_spec(name)
    if not spec or i != len(spec["nodes"]):
        raise LocalESError(f"only the last node of cluster {name!r} can be removed")
    stop_node(name, i)
    spec["nodes"].pop()
    spec_file(name).write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")


def _allocation(url: str, value: str | None) -> None:
    proc.http_json(f"{url}/_cluster/settings", 30, method="PUT",
                   body={"persistent": {"cluster.routing.allocation.enable": value}})


def rolling_restart(name: str, timeout: float = 300, progress: Callable[[str], None] = lambda _: None
                    ) -> list[dict[str, Any]]:
    """Restart every node, one at a time, the cluster serving throughout (Elastic's procedure):
    replica allocation limited to primaries, flush, stop the node, start it, allocation back,
    wait for green. One record per node: its name and the seconds it was out and to green."""
    records = []
    for i, node in enumerate(_nodes(name), start=1):
        t0 = time.monotonic()
        others = [n.url for n in info(name).nodes if n.name != node["name"]]
        if not others:
            raise LocalESError(f"cluster {name!r}: no other node runs; a rolling restart needs one")
        url = others[0]
        _allocation(url, "primaries")
        try:
            with suppress(OSError):  # a flush is an optimisation: recovery replays the translog otherwise
                proc.http_json(f"{url}/_flush", 60, method="POST")
            progress(f"{node['name']}: stop")
            stop_node(name, i)
            progress(f"{node['name']}: start")
            start_node(name, i, timeout=timeout)
            back = time.monotonic() - t0
        finally:
            _allocation(url, None)
        wait_health(name, "green", timeout=timeout)
        records.append({"node": node["name"], "out_s": round(back, 1), "green_s": round(time.monotonic() - t0, 1)})
        progress(f"{node['name']}: green after {records[-1]['green_s']} s")
    return records


def status(name: str) -> dict[str, Any]:
    """Nodes (running, joined, master, plugin), health, shards by state and the problems seen."""
    from pipeline.es_health import plugin_problems

    nodes = _nodes(name)
    result: dict[str, Any] = {"name": name, "cluster": True, "health": None, "nodes": [], "shards": {},
                              "unassigned": [], "problems": []}
    running = {n["name"]: es_node.running_node(n["name"]) for n in nodes}
    url = next((r.url for r in running.values() if r is not None), None)
    joined: dict[str, dict[str, Any]] = {}
    plugins: dict[str, Any] = {}
    if url is not None:
        try:
            result["health"] = _health(url)
            for row in proc.http_json(f"{url}/_cat/nodes?format=json&h=name,http_address,master,heap.percent", 10):
                joined[row["name"]] = row
            plugins = proc.get_json(f"{url}/_nodes/plugins,http", 10)
            shards = proc.http_json(f"{url}/_cat/shards?format=json&h=index,shard,prirep,state,node,unassigned.reason",
                                    10)
            result["shards"] = dict(Counter(s["state"] for s in shards))
            result["unassigned"] = [s for s in shards if s["state"] == "UNASSIGNED"]
        except (OSError, ValueError) as exc:
            result["health_error"] = str(exc)
    names_with_plugin = {n.get("name") for n in (plugins.get("nodes") or {}).values()
                         if any(p.get("name") == "rasd-analysis" for p in n.get("plugins") or [])}
    for node in nodes:
        run = running[node["name"]]
        row = joined.get(node["name"])
        result["nodes"].append({
            "name": node["name"], "url": f"http://127.0.0.1:{node['port']}", "running": run is not None,
            "pid": run.pid if run else None, "joined": row is not None, "master": bool(row and row["master"] == "*"),
            "plugin": (node["name"] in names_with_plugin) if row else None,
            "heap_percent": row.get("heap.percent") if row else None,
        })
        if run is not None and row is None and joined:
            result["problems"].append(f"node {node['name']} runs but has not joined the cluster")
        if run is None:
            result["problems"].append(f"node {node['name']} is not running (rasd es start --name {name} "
                                      f"--cluster {len(nodes)})")
    if plugins:
        result["problems"] += plugin_problems(plugins)
    if result["unassigned"]:
        result["problems"].append(f"{len(result['unassigned'])} shard copies unassigned "
                                  f"({', '.join(sorted({str(s['unassigned.reason']) for s in result['unassigned']}))})")
    result["running"] = sum(1 for r in running.values() if r is not None)
    return result


def _tails(name: str) -> str:
    return "".join(log_tail(node) for node in info(name).nodes)


def remove(name: str) -> None:
    """Stop the cluster and delete its nodes' folders (wherever they live) and its record: its data
    is lost (tests and benchmarks start from an empty cluster)."""
    spec = read_spec(name)
    if not spec:
        return
    stop(name)
    for node in spec["nodes"]:
        proc.remove_runner_folder(registry(node["name"]))
    spec_file(name).unlink(missing_ok=True)
