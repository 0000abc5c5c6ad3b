"""``rasd es``: the local Elasticsearch node, or a local cluster of N nodes (``--cluster N``)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail

es_app = typer.Typer(help="Manage the local Elasticsearch node or cluster.", no_args_is_help=True)
app.add_typer(es_app, name="es")


@es_app.command("start")
def es_start(
    name: Annotated[str, typer.Option(help="Node name (own folder under .rasd/es/); a cluster's nodes are "
                                      "NAME-1 … NAME-N.")] = "dev",
    port: Annotated[int, typer.Option(help="HTTP port (a cluster: of its first node, the others follow).")] = 9200,
    heap: Annotated[str, typer.Option(help="JVM heap per node, e.g. 512m, 1g.")] = "512m",
    cluster: Annotated[int | None, typer.Option(help="Start a cluster of this many nodes (2–9) instead of one "
                                                "node: own folders and transport ports, discovery seeded, the "
                                                "analysis plugin on every node.")] = None,
) -> None:
    """Build what is missing, start the node (or the cluster's nodes) and wait until it is ready."""
    from pipeline import es_local
    from pipeline.services import es_cluster

    try:
        if cluster is not None:
            info = es_cluster.start(name=name, nodes=cluster, port=port, heap=heap)
            console.print(f"Elasticsearch cluster [bold]{name}[/]: {len(info.nodes)} nodes ready; "
                          f"ES_URL={info.url}", soft_wrap=True)
            return
        if es_cluster.read_spec(name) and es_cluster.info(name).nodes:
            fail(f"{name!r} is a running cluster: add --cluster {len(es_cluster.read_spec(name)['nodes'])}, "
                 f"or stop it first (rasd es stop --name {name})")
        node = es_local.start(name=name, port=port, heap=heap)
    except es_local.LocalESError as exc:
        fail(str(exc))
    console.print(f"Elasticsearch [bold]{name}[/] ready at {node.url} (pid {node.pid}, folder {node.node_dir})")


@es_app.command("stop")
def es_stop(name: Annotated[str, typer.Option(help="Node or cluster name.")] = "dev") -> None:
    """Stop the node, or every node of the cluster."""
    from pipeline import es_local
    from pipeline.services import es_cluster

    if es_cluster.read_spec(name):
        stopped = es_cluster.stop(name)
        console.print(f"cluster {name}: {'stopped ' + ', '.join(stopped) if stopped else 'was not running'}")
        return
    stopped_one = es_local.stop(name=name)
    console.print(f"node {name}: {'stopped' if stopped_one else 'was not running'}")


@es_app.command("status")
def es_status(
    name: Annotated[str, typer.Option(help="Node or cluster name.")] = "dev",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Whether it runs and how healthy it is; for a cluster its nodes, shards and problems
    (exit code 3: not running; 4: running with problems, e.g. a node without the plugin)."""
    from pipeline import es_local
    from pipeline.services import es_cluster

    if not es_cluster.read_spec(name):
        st = es_local.status(name=name)
        console.print_json(json.dumps(st, default=str))
        if not st.get("running"):
            raise typer.Exit(3)
        return
    st = es_cluster.status(name)
    if as_json:
        console.print_json(json.dumps(st, default=str))
    else:
        health = st.get("health") or {}
        console.print(f"cluster [bold]{name}[/]  {health.get('status', 'unreachable')}  "
                      f"{st['running']}/{len(st['nodes'])} nodes running")
        for node in st["nodes"]:
            marks = [("master" if node["master"] else ""), ("" if node["plugin"] in (True, None) else "NO PLUGIN")]
            console.print(f"  {node['name']:<12} {node['url']:<24} "
                          f"{'[green]running[/]' if node['running'] else '[red]stopped[/]'}  "
                          f"{'joined' if node['joined'] else '-':<6} {' '.join(m for m in marks if m)}")
        shards = ", ".join(f"{k.lower()} {v}" for k, v in sorted(st["shards"].items())) or "none"
        console.print(f"  shards: {shards}")
        for problem in st["problems"]:
            console.print(f"  [red]problem[/]: {problem}", soft_wrap=True)
    if not st["running"]:
        raise typer.Exit(3)
    if st["problems"]:
        raise typer.Exit(4)


@es_app.command("restart")
def es_restart(name: Annotated[str, typer.Option(help="Cluster name.")] = "dev") -> None:
    """Rolling restart of a cluster: one node at a time, the cluster answering throughout."""
    from pipeline import es_local
    from pipeline.services import es_cluster

    if not es_cluster.read_spec(name):
        fail(f"no local cluster {name!r}: a single node restarts with rasd es stop / rasd es start")
    try:
        records = es_cluster.rolling_restart(name, progress=lambda step: console.print(f"[dim]…[/] {step}"))
    except es_local.LocalESError as exc:
        fail(str(exc))
    for r in records:
        console.print(f"{r['node']}: out {r['out_s']} s, green after {r['green_s']} s")
