"""``rasd kibana``: saved objects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli._app import app, console, err, fail
from pipeline.config import get_settings

kibana_app = typer.Typer(help="Kibana saved objects: data views, searches, dashboards.", no_args_is_help=True)
app.add_typer(kibana_app, name="kibana")


@kibana_app.command("import")
def kibana_import(
    url: Annotated[str | None, typer.Option(help="Kibana base URL (default: settings kibana_url).")] = None,
    file: Annotated[Path | None, typer.Option(help="NDJSON export (default: kibana/rasd.ndjson).")] = None,
    user: Annotated[str | None, typer.Option(envvar="KIBANA_USERNAME", help="Kibana user.")] = None,
    password: Annotated[str | None, typer.Option(envvar="KIBANA_PASSWORD", help="Kibana password.")] = None,
    space: Annotated[str | None, typer.Option(help="Kibana space id (default space when absent).")] = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait for Kibana to become available.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print Kibana's import response as JSON.")] = False,
) -> None:
    """Import the data views, saved searches, Lens charts and dashboards (overwrites same ids).
    Objects that already exist in another space get new ids in this one: listed with their
    destinationId."""
    from pipeline import kibana

    base = url or get_settings().kibana_url
    path = file or kibana.DEFAULT_FILE
    try:
        problems = kibana.check(kibana.load_objects(path), kibana.default_mappings())
    except (OSError, ValueError) as exc:
        fail(f"cannot read {path}: {exc}")
    for p in problems:
        err.print(f"[yellow]warning:[/] {p}")
    try:
        if wait > 0:
            kibana.wait_for_kibana(base, wait, username=user, password=password)
        result = kibana.import_objects(base, path, username=user, password=password, space=space)
    except kibana.KibanaError as exc:
        fail(str(exc))
    moved = kibana.moved_objects(result)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        where = f"{base} (space {space})" if space else base
        table = Table(title=f"imported {result.get('successCount', 0)} objects into {where}")
        for col in ("type", "id", "destinationId", "title"):
            table.add_column(col, overflow="fold")
        for r in result.get("successResults") or []:
            dest = r.get("destinationId") if r.get("destinationId") not in (None, r.get("id")) else ""
            table.add_row(str(r.get("type")), str(r.get("id")), f"[yellow]{dest}[/]" if dest else "",
                          str((r.get("meta") or {}).get("title", "")))
        console.print(table)
    if moved:
        ids = ", ".join(f"{r.get('type')} {r.get('id')} → {r.get('destinationId')}" for r in moved)
        err.print(f"[yellow]warning:[/] {len(moved)} objects already exist in another space, so Kibana imported "
                  f"them into {space or 'the default space'} under new ids (references between them were "
                  f"rewritten; links that name the ids of kibana/rasd.ndjson, such as Airflow's \"Open in "
                  f"Kibana\" on data view rasd-articles, open the other space's objects): {ids}",
                  soft_wrap=True, highlight=False)
