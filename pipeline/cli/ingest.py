"""``rasd ingest`` and ``rasd search``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
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
    query: Annotated[str, typer.Argument(help='Words (Arabic, or names in Latin letters: Haftar Sirte); "quoted" '
                                              "parts are phrases.")],
    since: Annotated[str | None, typer.Option(help="Only newer than e.g. 24h, 7d, 3m, 1y.")] = None,
    source: Annotated[str | None, typer.Option(help="Source id.")] = None,
    person: Annotated[str | None, typer.Option(help="Person: canonical Arabic name, another spelling or Latin.")
                      ] = None,
    place: Annotated[str | None, typer.Option(help="Place: Arabic or Latin name (Sirte, سرت).")] = None,
    org: Annotated[str | None, typer.Option(help="Organization: Arabic or Latin name (UNSMIL, CBL).")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic id.")] = None,
    sort: Annotated[str, typer.Option(help="news: relevant and recent first (default); relevance: no recency "
                                           "factor; date: newest first.")] = "news",
    all_copies: Annotated[bool, typer.Option("--all", help="Show every copy, not one per story.")] = False,
    size: Annotated[int, typer.Option(min=1, max=1000, help="How many results.")] = 10,
    counts: Annotated[bool, typer.Option("--counts", help="Count every matching article, the stories and the "
                                                          "articles per source (slower on a large index; without "
                                                          "it, articles are counted up to 10,000).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Search the articles index (one hit per story, its best copy shown)."""
    from elasticsearch import ApiError, TransportError

    from pipeline.search import SORTS
    from pipeline.search import search as do_search

    if sort not in SORTS:
        fail(f"--sort is one of {', '.join(SORTS)}; got {sort!r}", 2)
    try:
        res = do_search(query, since=since, source=source, person=person, place=place, org=org, topic=topic,
                        sort=sort, all_copies=all_copies, size=size, counts=counts)  # type: ignore[arg-type]
    except ValueError as exc:
        fail(str(exc), 2)
    except ApiError as exc:  # a query Elasticsearch refuses: say why in one line
        body = exc.body if isinstance(exc.body, dict) else {}
        reason = (body.get("error", {}).get("root_cause") or [{}])[0].get("reason")
        fail(f"Elasticsearch refused the search ({exc.meta.status}): {reason or exc.message}", 2)
    except TransportError as exc:
        fail(f"cannot reach Elasticsearch: {exc.message}")
    if as_json:
        print(json.dumps({"total": res.total, "total_exact": res.total_exact, "stories": res.stories,
                          "per_source": res.per_source, "sort": res.sort,
                          "notes": res.notes, "hits": [asdict(h) for h in res.hits]},
                         ensure_ascii=False, indent=2))
        return
    print_results(query, res)


def print_results(query: str, res: object) -> None:
    from pipeline.search import SearchResult

    assert isinstance(res, SearchResult)
    for note in res.notes:
        console.print(f"[cyan]{escape(note)}[/]")
    order = {"news": "relevant and recent first", "relevance": "most relevant first", "date": "newest first"}[res.sort]
    one = res.total == 1 and res.total_exact
    articles = f"{res.total:,}{'' if res.total_exact else '+'} article{'' if one else 's'}"
    stories = f"{res.stories:,} stor{'y' if res.stories == 1 else 'ies'}" if res.stories is not None else ""
    found = f"[bold]{stories}[/] ({articles})" if stories else f"[bold]{articles}[/]"
    console.print(f"{found} for [bold]{escape(query)}[/], {order}")
    for i, h in enumerate(res.hits, 1):
        date = (h.published_at or "")[:10]
        source = escape(h.source_name or h.source_id or "")
        console.print(f"\n[bold]{i}. {escape(h.title or '')}[/]\n   [cyan]{source}[/]  {date}  {h.url}")
        if h.also_published_by:
            console.print(f"   [dim]also published by: {escape('، '.join(h.also_published_by))}[/]")
        for frag in h.highlights[:2]:
            frag = escape(frag.replace("\n", " "))
            console.print("   … " + frag.replace("«", "[bold yellow]").replace("»", "[/]") + " …")
    if res.per_source:
        console.print("\nper source: " + ", ".join(f"{k}: {v}" for k, v in res.per_source.items()))
