"""``rasd ingest`` and ``rasd search``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli._app import app, console, fail


@app.command()
def ingest(
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once and exit.")] = False,
    sources: Annotated[Path | None, typer.Option(help="Sources file (default: the registry).")] = None,
    base_url: Annotated[str | None, typer.Option(help="Origin replacing {base} in the sources file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run record as JSON.")] = False,
) -> None:
    """Run the ingest path in this process (the DAG runs the same functions)."""
    from pipeline.ingest import run_once

    if not once:
        fail("only --once is supported here; schedule runs with the Airflow DAG libya_news_ingest")
    summary = run_once(str(sources) if sources else None, base_url=base_url)
    if as_json:
        console.print_json(json.dumps(summary, ensure_ascii=False))
    else:
        print_summary(summary)
    if summary.get("state") == "failed":
        fail(summary.get("message") or "the run failed")


def print_summary(summary: dict) -> None:
    table = Table(title=f"run {summary['run_id']}")
    table.add_column("count")
    table.add_column("value", justify="right")
    for k, v in sorted(summary["counts"].items()):
        table.add_row(k, str(v))
    for k, v in sorted(summary.get("errors_by_kind", {}).items()):
        table.add_row(f"[red]error: {k}[/]", str(v))
    console.print(table)
    failed = [f for f in summary.get("feeds", []) if f.get("status") == "failed"]
    if len(failed) > 10:  # an outage: one line per kind, not a screenful of identical errors
        kinds: dict[str, int] = {}
        for f in failed:
            kinds[f.get("error_kind") or "error"] = kinds.get(f.get("error_kind") or "error", 0) + 1
        console.print(f"[red]{len(failed)} feeds failed[/]: " + ", ".join(f"{k} {n}" for k, n in kinds.items())
                      + " (rasd feeds status says which)")
        return
    for f in failed:
        console.print(f"[red]feed failed[/] {f['source_id']} {f['feed_url']}: {f.get('error_kind')}: {f.get('error')}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Arabic query; "quoted" parts are phrases.')],
    since: Annotated[str | None, typer.Option(help="Only newer than e.g. 24h, 7d, 3m.")] = None,
    source: Annotated[str | None, typer.Option(help="Source id.")] = None,
    person: Annotated[str | None, typer.Option(help="Person (canonical Arabic name).")] = None,
    place: Annotated[str | None, typer.Option(help="Place (canonical Arabic name).")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic id.")] = None,
    all_copies: Annotated[bool, typer.Option("--all", help="Show every copy, not one per story.")] = False,
    size: Annotated[int, typer.Option(help="How many results.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Search the articles index."""
    from pipeline.search import search as do_search

    try:
        res = do_search(query, since=since, source=source, person=person, place=place, topic=topic,
                        all_copies=all_copies, size=size)
    except ValueError as exc:
        fail(str(exc), 2)
    if as_json:
        print(json.dumps({"total": res.total, "stories": res.stories, "per_source": res.per_source,
                          "hits": [asdict(h) for h in res.hits]},
                         ensure_ascii=False, indent=2))
        return
    print_results(query, res)


def print_results(query: str, res: object) -> None:
    from pipeline.search import SearchResult

    assert isinstance(res, SearchResult)
    console.print(f"[bold]{res.stories}[/] stories ({res.total} articles) for [bold]{query}[/]")
    for i, h in enumerate(res.hits, 1):
        date = (h.published_at or "")[:10]
        console.print(f"\n[bold]{i}. {h.title}[/]\n   [cyan]{h.source_name or h.source_id}[/]  {date}  {h.url}")
        if h.also_published_by:
            console.print(f"   [dim]also published by: {'، '.join(h.also_published_by)}[/]")
        for frag in h.highlights[:2]:
            console.print("   … " + frag.replace("«", "[bold yellow]").replace("»", "[/]").replace("\n", " ") + " …")
    if res.per_source:
        console.print("\nper source: " + ", ".join(f"{k}: {v}" for k, v in res.per_source.items()))
