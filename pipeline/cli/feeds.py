"""``rasd feeds``: feed health and one-off checks."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli._app import app, console, err, fail
from pipeline.config import get_settings

feeds_app = typer.Typer(help="Feed health and one-off checks.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")


@feeds_app.command("status")
def feeds_status(as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False) -> None:
    """Status, last success, new items in 24 h and last error of every polled feed."""
    from pipeline.feedstate import all_states
    from pipeline.index import get_client

    states = all_states(get_client())
    if as_json:
        print(json.dumps([s.model_dump(mode="json") | {"new_24h": s.new_in_last(24)} for s in states],
                         ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(states)} feeds")
    for col in ("source", "status", "last success", "new 24h", "next poll", "failures", "last error"):
        table.add_column(col)
    colour = {"ok": "green", "new": "cyan", "failing": "yellow", "disabled": "red"}
    for s in sorted(states, key=lambda s: (s.status != "disabled", s.status != "failing", s.source_id)):
        table.add_row(
            f"{s.source_id}\n[dim]{s.feed_url}[/]",
            f"[{colour.get(s.status, 'white')}]{s.status}[/]",
            s.last_success.strftime("%Y-%m-%d %H:%M") if s.last_success else "never",
            str(s.new_in_last(24)),
            s.next_poll.strftime("%Y-%m-%d %H:%M") if s.next_poll else "-",
            f"{s.consecutive_failures} ({s.failure_score:g})",
            f"{s.last_error_kind}: {s.last_error}" if s.last_error else "",
        )
    console.print(table)



@feeds_app.command("check")
def feeds_check(
    source_id: Annotated[str | None, typer.Argument(help="Source id from the registry.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="A feed URL not yet in the registry.")] = None,
    kind: Annotated[str, typer.Option(help="Feed kind for --url: rss, atom, sitemap, google-news.")] = "rss",
) -> None:
    """Poll one feed verbosely with every safety rule applied (nothing is stored)."""
    from pipeline.errors import RasdError
    from pipeline.feeds import parse_feed
    from pipeline.fetch import Fetcher
    from pipeline.googlenews import resolve_google_news
    from pipeline.sources import load_sources

    s = get_settings()
    targets: list[tuple[str, str, str]] = []
    if url:
        targets.append(("adhoc", url, kind))
    elif source_id:
        sources = {x.id: x for x in load_sources(s.sources_file, base_url=s.sources_base_url)}
        if source_id not in sources:
            fail(f"no source {source_id!r} in {s.sources_file}")
        targets += [(source_id, f.url, f.kind) for f in sources[source_id].feeds]
    else:
        fail("give a source id or --url URL")
    failed = 0
    with Fetcher(s) as fetcher:
        for sid, feed_url, feed_kind in targets:
            console.print(f"[bold]{sid}[/] {feed_kind} {feed_url}")
            try:
                resp = fetcher.get(feed_url, max_bytes=s.max_feed_bytes)
                console.print(f"  HTTP {resp.status}, {len(resp.content)} bytes, {resp.elapsed_ms:.0f} ms"
                              + (f", redirects: {' → '.join(resp.redirects)}" if resp.redirects else ""))
                entries = parse_feed(resp.content, source_id=sid, feed_url=feed_url, headers=resp.headers)
            except RasdError as exc:
                failed += 1
                err.print(f"  [red]FAILED ({exc.kind})[/]: {exc}")
                continue
            console.print(f"  {len(entries)} entries")
            for e in entries[:50]:
                if feed_kind == "google-news":
                    e = resolve_google_news(e, fetcher)
                date = e.published.strftime("%Y-%m-%d %H:%M") if e.published else "no date"
                console.print(f"  • {e.title or '(no title)'}\n    [dim]{date}  {e.url}[/]")
            if not entries:
                failed += 1
                err.print("  [red]FAILED[/]: the feed has no entries")
    if failed:
        raise typer.Exit(1)
