"""``rasd``: the command line of Rasd (typer + rich)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.config import DATA_DIR, REPO_ROOT, get_settings, reset_settings

app = typer.Typer(help="Rasd (رصد): Libya news monitoring.", no_args_is_help=True, add_completion=False)
es_app = typer.Typer(help="Manage the local Elasticsearch node.", no_args_is_help=True)
app.add_typer(es_app, name="es")
console = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


# -- es ---------------------------------------------------------------------
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
        _fail(str(exc))
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


# -- ingest / search ----------------------------------------------------------
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
        _fail("only --once is supported here; schedule runs with the Airflow DAG libya_news_ingest")
    summary = run_once(str(sources) if sources else None, base_url=base_url)
    if as_json:
        console.print_json(json.dumps(summary, ensure_ascii=False))
    else:
        print_summary(summary)


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
    for f in failed:
        console.print(f"[red]feed failed[/] {f['source_id']} {f['feed_url']}: {f.get('error')}")


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
        _fail(str(exc), 2)
    if as_json:
        print(json.dumps({"total": res.total, "per_source": res.per_source, "hits": [asdict(h) for h in res.hits]},
                         ensure_ascii=False, indent=2))
        return
    print_results(query, res)


def print_results(query: str, res: object) -> None:
    from pipeline.search import SearchResult

    assert isinstance(res, SearchResult)
    console.print(f"[bold]{res.total}[/] results for [bold]{query}[/]")
    for i, h in enumerate(res.hits, 1):
        date = (h.published_at or "")[:10]
        console.print(f"\n[bold]{i}. {h.title}[/]\n   [cyan]{h.source_name or h.source_id}[/]  {date}  {h.url}")
        for frag in h.highlights[:2]:
            console.print("   … " + frag.replace("«", "[bold yellow]").replace("»", "[/]").replace("\n", " ") + " …")
    if res.per_source:
        console.print("\nper source: " + ", ".join(f"{k}: {v}" for k, v in res.per_source.items()))


# -- stages one by one ----------------------------------------------------------
@app.command()
def normalize() -> None:
    """Normalize Arabic text from stdin (the one normalization function)."""
    from pipeline.normalize import normalize as norm

    for line in sys.stdin:
        print(norm(line))


# -- demo ------------------------------------------------------------------------
@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Elasticsearch port for the demo node.")] = 9200,
    query: Annotated[str, typer.Option(help="Arabic search to run at the end.")] = "السراج واشنطن",
    keep: Annotated[bool, typer.Option(help="Leave Elasticsearch running afterwards.")] = True,
) -> None:
    """The main job end to end: local ES + bundled sample site + the real DAG + a search."""
    from pipeline import es_local
    from pipeline.newsweb import NewsWeb

    try:
        info = es_local.start(name="dev", port=port)
    except es_local.LocalESError as exc:
        _fail(str(exc))
    console.print(f"[green]Elasticsearch ready[/] at {info.url}")
    web = NewsWeb().start()
    console.print(f"[green]Sample news site[/] on {web.base_url}")
    os.environ.update(
        {
            "ES_URL": info.url,
            "RASD_SOURCES_FILE": str(DATA_DIR / "sample_sources.yaml"),
            "RASD_SOURCES_BASE_URL": web.base_url,
            "RASD_FETCH_ALLOW_LOOPBACK": "1",
            "RASD_PER_HOST_DELAY": "0",
        }
    )
    os.environ.setdefault("AIRFLOW_HOME", str(REPO_ROOT / ".rasd" / "airflow"))
    reset_settings()
    try:
        from pipeline.airflow_run import run_dag

        state, summary = run_dag("libya_news_ingest")
    finally:
        web.stop()
    if summary:
        print_summary(summary)
    if state != "success":
        _fail(f"DAG run ended in state {state}")
    from pipeline.search import search as do_search

    print_results(query, do_search(query, settings=get_settings()))
    if not keep:
        es_local.stop(name="dev")
    else:
        console.print(f"\nElasticsearch keeps running at {info.url}; stop it with [bold]rasd es stop[/].")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
