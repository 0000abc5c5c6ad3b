"""``rasd feeds``: source and feed health, one-off checks (discovery: ``feeds_discover.py``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from pipeline.cli._app import app, console, err, fail
from pipeline.config import get_settings

feeds_app = typer.Typer(help="Source and feed health, one-off checks, discovery.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")

STATE_LABEL = {"primary": "ok", "fallback": "fallback", "down": "DOWN", "never": "never succeeded",
               "silent": "silent", "new": "new", "disabled": "disabled"}
STATE_STYLE = {"primary": "green", "fallback": "yellow", "down": "bold red", "never": "bold red",
               "silent": "bold red", "new": "cyan", "disabled": "dim"}
KIND_SHORT = {"google-news": "gnews"}
WAY_STYLE = {"ok": "green", "untried": "cyan", "blip": "yellow", "never succeeded": "bold red", "disabled": "red"}


def ago(when: datetime | None, now: datetime) -> str:
    """"35m ago", "5h ago", "3d ago", or the date when older than a fortnight; "never"."""
    if when is None:
        return "never"
    secs = (now - when).total_seconds()
    if secs < 3600:
        return f"{max(0, int(secs // 60))}m ago"
    if secs < 2 * 86400:
        return f"{int(secs // 3600)}h ago"
    if secs < 14 * 86400:
        return f"{int(secs // 86400)}d ago"
    return when.strftime("%Y-%m-%d")


def _load():
    from elasticsearch import ApiError, TransportError

    from pipeline.errors import InputError
    from pipeline.feedstate import all_states
    from pipeline.index import get_client
    from pipeline.routing import route, way_states
    from pipeline.sources import load_sources

    s = get_settings()
    try:
        sources = load_sources(s.sources_file, base_url=s.sources_base_url)
    except InputError as exc:
        fail(str(exc), 2)
    es = get_client(s)
    try:
        states = way_states(es, sources, s) if es.indices.exists(index=s.feeds_index) else {}
        every = all_states(es, s)
    except (ApiError, TransportError) as exc:
        fail(f"cannot read feed states from Elasticsearch at {s.es_url}: {exc}")
    now = datetime.now(UTC)
    return every, [route(src, states, now) for src in sources], now


@feeds_app.command("status")
def feeds_status(
    wide: Annotated[bool, typer.Option("--wide", help="One row per way in: URL, next poll, failures, full error.")]
    = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (sources and feeds).")] = False,
) -> None:
    """Which way into each source is in use and why; red: nothing is coming from it (down, never
    succeeded, silent). Fits 80 columns; --wide shows every way."""
    from pipeline.routing import source_doc

    every, routes, now = _load()
    if as_json:
        print(json.dumps({"sources": [source_doc(r, now=now) for r in routes],
                          "feeds": [st.model_dump(mode="json") | {"new_24h": st.new_in_last(24)} for st in every]},
                         ensure_ascii=False, indent=2))
        return
    counts: dict[str, int] = {}
    for r in routes:
        counts[r.state] = counts.get(r.state, 0) + 1
    order = ["primary", "fallback", "new", "silent", "down", "never", "disabled"]
    console.print(f"[bold]{len(routes)} sources[/]: " + " · ".join(
        f"[{STATE_STYLE[k]}]{counts[k]} {STATE_LABEL[k]}[/]" for k in order if counts.get(k)), highlight=False)
    if wide:
        _wide_table(routes, every, now)
        return
    # fixed columns sized to their content; "why" takes what is left of the terminal (80 columns: ~20)
    ids = max((len(r.source_id) for r in routes), default=6)
    widths = {"source": min(max(ids, 6), 20), "way": 9, "state": 15, "last new": 10}
    why = max(12, console.width - sum(widths.values()) - 2 * len(widths) - 1)
    table = Table(box=None, pad_edge=False, padding=(0, 1), highlight=False, header_style="bold")
    for name, width in widths.items():
        table.add_column(name, no_wrap=True, overflow="ellipsis", width=width)
    table.add_column("why", no_wrap=True, overflow="ellipsis", width=why)
    rank = {k: i for i, k in enumerate(["down", "never", "silent", "fallback", "new", "primary", "disabled"])}
    for r in sorted(routes, key=lambda r: (rank[r.state], r.source_id)):
        way = r.way
        way_text = f"{KIND_SHORT.get(way.kind, way.kind)} {way.position + 1}" if way else "none"
        table.add_row(r.source_id, way_text, f"[{STATE_STYLE[r.state]}]{STATE_LABEL[r.state]}[/]",
                      ago(r.last_new_item, now), r.brief)
    console.print(table)
    if any(r.state in {"down", "never", "silent"} for r in routes):
        console.print("[dim]red: no articles are coming from it. `rasd feeds status --wide` shows every way, "
                      "`rasd feeds discover ID` looks for new ones.[/]", highlight=False)


def _wide_table(routes, every, now: datetime) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, highlight=False)
    for col in ("source", "#", "kind", "way state", "in use", "last success", "new 24h", "next poll", "failures",
                "url", "last error"):
        table.add_column(col, no_wrap=col != "last error")
    known = set()
    for r in routes:
        for w in r.ways:
            known.add(w.url)
            st = w.state
            table.add_row(
                r.source_id, str(w.position + 1), w.kind, f"[{WAY_STYLE.get(w.label, 'red')}]{w.label}[/]",
                "●" if r.active == w.position and r.state != "disabled" else "",
                ago(st.last_success, now) if st else "-", str(st.new_in_last(24)) if st else "-",
                st.next_poll.strftime("%Y-%m-%d %H:%M") if st and st.next_poll else "-",
                f"{st.consecutive_failures} ({st.failure_score:g})" if st else "-", w.url,
                f"{st.last_error_kind}: {st.last_error}" if st and st.last_error else "",
            )
    for st in every:
        if st.feed_url not in known:
            table.add_row(st.source_id, "-", st.kind, "[dim]not in the registry[/]", "", ago(st.last_success, now),
                          str(st.new_in_last(24)), "-", f"{st.consecutive_failures} ({st.failure_score:g})",
                          st.feed_url, st.last_error or "")
    from rich.console import Console

    # wider than the terminal, by request: lines are not cut (the terminal wraps them)
    Console(width=max(console.width, 250), highlight=False).print(table, crop=False)


@feeds_app.command("check")
def feeds_check(
    source_id: Annotated[str | None, typer.Argument(help="Source id from the registry.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="A feed URL not yet in the registry.")] = None,
    kind: Annotated[str, typer.Option(help="Feed kind for --url: rss, atom, sitemap, google-news.")] = "rss",
    user_agent: Annotated[str | None, typer.Option("--user-agent", help="Send this User-Agent instead.")] = None,
) -> None:
    """Poll every way into a source verbosely with every safety rule applied (nothing is stored)."""
    from datetime import timedelta

    from pipeline.errors import RasdError
    from pipeline.feeds import parse_feed
    from pipeline.fetch import Fetcher
    from pipeline.googlenews import resolve_google_news
    from pipeline.sitemaps import window_entries
    from pipeline.sources import load_sources

    s = get_settings()
    if kind not in {"rss", "atom", "sitemap", "google-news"}:
        fail(f"--kind must be rss, atom, sitemap or google-news, not {kind!r}", 2)
    targets: list[tuple[str, str, str]] = []
    agent = user_agent
    if url:
        targets.append(("adhoc", url, kind))
    elif source_id:
        sources = {x.id: x for x in load_sources(s.sources_file, base_url=s.sources_base_url)}
        if source_id not in sources:
            fail(f"no source {source_id!r} in {s.sources_file}", 2)
        targets += [(source_id, f.url, f.kind) for f in sources[source_id].feeds]
        agent = agent or sources[source_id].user_agent
    else:
        fail("give a source id or --url URL", 2)
    failed = 0
    with Fetcher(s) as fetcher:
        for n, (sid, feed_url, feed_kind) in enumerate(targets, 1):
            console.print(f"[bold]{sid}[/] way {n}/{len(targets)}: {feed_kind} {feed_url}")
            try:
                resp = fetcher.get(feed_url, max_bytes=s.max_feed_bytes, user_agent=agent)
                console.print(f"  HTTP {resp.status}, {len(resp.content)} bytes, {resp.elapsed_ms:.0f} ms"
                              + (f", redirects: {' → '.join(resp.redirects)}" if resp.redirects else ""))
                if feed_kind == "sitemap":
                    since = datetime.now(UTC) - timedelta(hours=s.sitemap_recent_hours)
                    entries, listed = window_entries(fetcher, feed_url, source_id=sid, since=since,
                                                     max_bytes=s.max_feed_bytes, max_children=3, user_agent=agent,
                                                     first=resp)
                    console.print(f"  {listed} URLs listed, {len(entries)} dated in the last "
                                  f"{s.sitemap_recent_hours:g} h")
                else:
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
                err.print("  [red]FAILED[/]: no entries" + (" in the window" if feed_kind == "sitemap" else ""))
    if failed:
        raise typer.Exit(1)
