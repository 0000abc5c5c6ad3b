"""``rasd index``: versions, migration, rollback, analysis drift."""

from __future__ import annotations

import typer

from pipeline.cli._app import app, console, fail
from pipeline.config import get_settings

index_app = typer.Typer(help="Index lifecycle: versions, migration, rollback.", no_args_is_help=True)
app.add_typer(index_app, name="index")


@index_app.command("migrate")
def index_migrate() -> None:
    """Create vN+1 from the current template, copy, catch up, swap both aliases (vN is kept)."""
    from pipeline.lifecycle import migrate

    r = migrate()
    console.print(f"migrated {r.source} → {r.target}: {r.copied} copied, {r.caught_up} caught up, {r.seconds} s")


@index_app.command("rollback")
def index_rollback() -> None:
    """Point the read and write aliases back at the previous version."""
    from pipeline.errors import IndexingError
    from pipeline.lifecycle import rollback

    try:
        current, previous = rollback()
    except IndexingError as exc:
        fail(str(exc))
    console.print(f"rolled back: {current} → {previous}")


@index_app.command("status")
def index_status() -> None:
    """Versions, which one the aliases point at, document counts, whether the live index
    was analyzed as the node analyzes today and has the template's schema (else: migrate)."""
    from pipeline.index import analysis_status, get_client, schema_status
    from pipeline.lifecycle import current_index, versions

    s = get_settings()
    es = get_client(s)
    cur = current_index(es, s)
    for name in versions(es, s):
        n = es.count(index=name)["count"]
        console.print(f"{'→' if name == cur else ' '} {name}: {n} documents")
    status = analysis_status(es, s)
    colour = {"current": "green", "stale": "red"}.get(status["state"], "yellow")
    console.print(f"analysis of {status['index']}: [{colour}]{status['state']}[/] ({status['detail']})")
    schema = schema_status(es, s)
    if schema["behind"]:
        console.print(f"schema of {schema['index']}: [red]v{schema['version']}, the template is "
                      f"v{schema['template_version']}[/]: run `rasd index migrate` to fill the new fields "
                      "(v2: event_time, the articles' never-null time in Kibana)")
    else:
        console.print(f"schema of {schema['index']}: [green]v{schema['version']}[/] (current)")
