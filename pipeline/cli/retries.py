"""``rasd retries``: pages waiting for a fetch retry."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli._app import app, console
from pipeline.config import get_settings

retries_app = typer.Typer(help="Article pages waiting for a fetch retry (rasd-retries).", no_args_is_help=True)
app.add_typer(retries_app, name="retries")


@retries_app.command("list")
def retries_list(
    gave_up: Annotated[bool, typer.Option("--gave-up", help="Only the pages given up after the last attempt.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Pages that failed for a reason that may pass, when the next attempt is due, and why."""
    from pipeline import retries
    from pipeline.index import get_client

    records = retries.listing(get_client(), get_settings(), gave_up=True if gave_up else None)
    if as_json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(records)} pages")
    for col in ("source", "url", "attempts", "next attempt", "last error"):
        table.add_column(col)
    for r in records:
        nxt = "[red]gave up[/]" if r.get("gave_up") else str(r.get("next_attempt_at", ""))[:16].replace("T", " ")
        table.add_row(str(r.get("source_id")), str(r.get("url")), str(r.get("attempts")), nxt,
                      f"{r.get('kind')}: {r.get('error')}")
    console.print(table)


@retries_app.command("now")
def retries_now(
    source: Annotated[str | None, typer.Option("--source", help="Only this source id.")] = None,
    given_up: Annotated[bool, typer.Option("--given-up", help="Also the given-up pages (attempts start again).")]
    = False,
) -> None:
    """Make waiting pages due at once (a publisher's outage is over): the next ingest run fetches them."""
    from pipeline import retries
    from pipeline.index import get_client

    n = retries.retry_now(get_client(), get_settings(), source_id=source, include_given_up=given_up)
    console.print(f"{n} pages due now; the next `libya_news_ingest` run (or `rasd ingest --once`) fetches them")
