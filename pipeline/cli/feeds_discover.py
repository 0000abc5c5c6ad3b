"""``rasd feeds discover`` and ``rasd feeds suggestions``: finding new ways into a source."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from pipeline.cli._app import console, fail
from pipeline.cli.feeds import feeds_app
from pipeline.config import get_settings

STATUS_STYLE = {"ok": "green", "stale": "yellow", "undated": "yellow", "untested": "cyan", "not asked": "dim"}


@feeds_app.command("discover")
def feeds_discover(
    target: Annotated[str, typer.Argument(help="A source id of the registry, or a site's URL.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    skip_google: Annotated[bool, typer.Option("--skip-google", help="Do not fetch the Google News search.")]
    = False,
    store: Annotated[bool, typer.Option("--store", help="Also store the result as suggestions (Elasticsearch).")]
    = False,
) -> None:
    """Find a site's feeds and sitemaps as feed readers do, check each through the safe fetcher,
    and print registry lines for the ones that work. Exit 1 when none of the site's own works."""
    from pipeline.discover import discover
    from pipeline.errors import InputError
    from pipeline.fetch import Fetcher
    from pipeline.sources import load_sources

    s = get_settings()
    try:
        sources = load_sources(s.sources_file, base_url=s.sources_base_url)
        with Fetcher(s) as fetcher:
            d = discover(target, sources=sources, settings=s, fetcher=fetcher,
                         check_google=s.discover_check_google and not skip_google)
    except InputError as exc:
        fail(str(exc), 2)
    if store:
        from pipeline.index import ensure_indices, get_client
        from pipeline.sourcecheck import record_suggestions

        es = get_client(s)
        ensure_indices(es, s)
        record_suggestions(es, d, s, run_id="cli")
    own = [c for c in d.kept() if c.kind != "google-news"]
    if as_json:
        print(json.dumps({"target": d.target, "homepage": d.homepage, "notes": d.notes,
                          "candidates": [c.__dict__ | {"newest": c.newest.isoformat() if c.newest else None}
                                         for c in d.candidates],
                          "snippet": d.snippet()}, ensure_ascii=False, indent=2, default=str))
    else:
        table = Table(title=f"ways into {d.target} ({d.homepage})", box=box.SIMPLE_HEAD, highlight=False)
        for col in ("result", "kind", "via", "entries", "newest", "url"):
            table.add_column(col, no_wrap=col != "url", overflow="fold")
        for c in d.candidates:
            style = STATUS_STYLE.get(c.status, "red")
            result = c.status + (f" ({c.error_kind})" if c.error_kind else "")
            url = c.url + (f" → {c.final_url}" if c.final_url else "")
            table.add_row(f"[{style}]{result}[/]", c.kind, c.via, str(c.entries or ""),
                          f"{c.newest:%Y-%m-%d}" if c.newest else "", url)
        console.print(table)
        for note in d.notes:
            console.print(f"[yellow]note:[/] {note}", highlight=False)
        console.print("\n[bold]registry lines[/] (pipeline/data/sources.yaml):", highlight=False)
        console.print(d.snippet(), markup=False, highlight=False)
    if not own:
        raise typer.Exit(1)


@feeds_app.command("suggestions")
def feeds_suggestions(
    source: Annotated[str | None, typer.Option(help="Only this source id.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every candidate checked, not only the working ones.")]
    = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """What the weekly sources check (or `feeds discover --store`) found, best first per source."""
    from pipeline.index import get_client
    from pipeline.sourcecheck import list_suggestions

    s = get_settings()
    rows = list_suggestions(get_client(s), s, source=source, working_only=not every)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        console.print("no suggestions stored (the weekly libya_news_sources_check DAG writes them)")
        return
    table = Table(box=box.SIMPLE_HEAD, highlight=False)
    for col in ("source", "#", "result", "kind", "new?", "newest", "found", "url"):
        table.add_column(col, no_wrap=col != "url", overflow="fold")
    for r in rows:
        style = STATUS_STYLE.get(r["status"], "red")
        table.add_row(r["source_id"], str(r.get("rank", "")), f"[{style}]{r['status']}[/]", r["kind"],
                      "" if r.get("in_registry") else "new", (r.get("newest_entry") or "")[:10],
                      r["found_at"][:10], r["url"])
    console.print(table)
    console.print("registry lines: `rasd feeds suggestions --json` (field snippet), or `rasd feeds discover ID`")
