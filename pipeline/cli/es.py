"""``rasd es``: the local Elasticsearch node."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail

es_app = typer.Typer(help="Manage the local Elasticsearch node.", no_args_is_help=True)
app.add_typer(es_app, name="es")


@es_app.command("start")
def es_start(
    name: Annotated[str, typer.Option(help="Node name (own folder under .rasd/es/).")] = "dev",
    port: Annotated[int, typer.Option(help="HTTP port.")] = 9200,
    heap: Annotated[str, typer.Option(help="JVM heap, e.g. 512m, 1g.")] = "512m",
) -> None:
    """Build what is missing, start the node and wait until it is ready."""
    from pipeline import es_local

    try:
        info = es_local.start(name=name, port=port, heap=heap)
    except es_local.LocalESError as exc:
        fail(str(exc))
    console.print(f"Elasticsearch [bold]{name}[/] ready at {info.url} (pid {info.pid}, folder {info.node_dir})")


@es_app.command("stop")
def es_stop(name: Annotated[str, typer.Option(help="Node name.")] = "dev") -> None:
    """Stop the node."""
    from pipeline import es_local

    stopped = es_local.stop(name=name)
    console.print(f"node {name}: {'stopped' if stopped else 'was not running'}")


@es_app.command("status")
def es_status(name: Annotated[str, typer.Option(help="Node name.")] = "dev") -> None:
    """Say whether the node runs and how healthy it is."""
    from pipeline import es_local

    st = es_local.status(name=name)
    console.print_json(json.dumps(st, default=str))
    if not st.get("running"):
        raise typer.Exit(3)
