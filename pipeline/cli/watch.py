"""``rasd watch``: watchlists (what analysts follow) and ``rasd alerts``: the alert outbox."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli._app import app, console, fail
from pipeline.config import get_settings
from pipeline.errors import InputError

watch_app = typer.Typer(help="Watchlists: stories to be told about (rasd-watchlists).", no_args_is_help=True)
app.add_typer(watch_app, name="watch")
alerts_app = typer.Typer(help="The alert outbox (rasd-alerts): what was sent, what waits, what failed.",
                         no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


def _es():
    from pipeline.index import ensure_indices, get_client

    s = get_settings()
    es = get_client(s)
    ensure_indices(es, s)
    return es, s


def _describe(w) -> str:
    from pipeline.messages import criteria

    return criteria(w) + ("" if not w.any_relevance else " (any relevance)")


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="One word: letters, digits, '.', '-', '_'.")],
    query: Annotated[str, typer.Argument(help='Words as in `rasd search`; "quoted" parts are phrases.')] = "",
    person: Annotated[str | None, typer.Option(help="Person (gazetteer name, English name or short form).")] = None,
    place: Annotated[str | None, typer.Option(help="Place.")] = None,
    org: Annotated[str | None, typer.Option(help="Organisation.")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic id (or its Arabic name).")] = None,
    source: Annotated[str | None, typer.Option(help="Source id.")] = None,
    any_relevance: Annotated[bool, typer.Option("--any-relevance", help="Not only Libya-relevant articles.")]
    = False,
    email: Annotated[list[str] | None, typer.Option("--email", help="Recipient (repeatable).")] = None,
    webhook: Annotated[list[str] | None, typer.Option(
        "--webhook", help="Webhook NAME: posts to the URL of Airflow connection rasd_webhook_NAME (repeatable).")]
    = None,
    digest: Annotated[int | None, typer.Option(help="One message every N hours instead of one per story.")] = None,
    no_followups: Annotated[bool, typer.Option("--no-followups", help="No message when a story spreads.")] = False,
    description: Annotated[str | None, typer.Option(help="A title for messages (Arabic welcome).")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Change an existing watchlist.")] = False,
    disabled: Annotated[bool, typer.Option("--disabled", help="Save it without evaluating it.")] = False,
) -> None:
    """Save a watchlist; it alerts on stories published from now on."""
    from pipeline import watchlists as wl

    channels: list[dict] = ([{"email": list(email)}] if email else []) + [{"webhook": n} for n in webhook or []]
    data = {"name": name, "query": query, "person": person, "place": place, "org": org, "topic": topic,
            "source": source, "any_relevance": any_relevance, "channels": channels,
            "mode": "digest" if digest else "story", "digest_hours": digest, "followups": not no_followups,
            "description": description, "enabled": not disabled}
    try:
        w = wl.parse({k: v for k, v in data.items() if v is not None})
        es, s = _es()
        w = wl.save(es, w, s, replace=replace)
    except InputError as exc:
        fail(str(exc), 2)
    console.print(f"watchlist [bold]{w.name}[/] saved: {_describe(w)}; channels: "
                  f"{', '.join(w.channel_map())}; mode {w.mode}. Try it: rasd watch test {w.name}")


@watch_app.command("seed")
def watch_seed(path: Annotated[Path, typer.Argument(help="YAML file with a `watchlists:` list.")]) -> None:
    """Add or replace every watchlist of a YAML file (all are checked before any is saved)."""
    from pipeline import watchlists as wl

    try:
        es, s = _es()
        counts = wl.seed(es, path, s)
    except InputError as exc:
        fail(str(exc), 2)
    console.print(f"{counts['added']} added, {counts['replaced']} replaced from {path}")


@watch_app.command("list")
def watch_list(as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False) -> None:
    """Every watchlist: its query, channels, mode and last evaluation."""
    from pipeline import watchlists as wl

    es, s = _es()
    lists = wl.listing(es, s)
    if as_json:
        print(json.dumps([w.to_document() for w in lists], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(lists)} watchlists")
    for col in ("name", "query", "channels", "mode", "since", "last evaluated", "matched"):
        table.add_column(col)
    for w in lists:
        table.add_row(w.name + ("" if w.enabled else " [red](disabled)[/]"), _describe(w), ", ".join(w.channel_map()),
                      w.mode + (f" {w.digest_hours} h" if w.digest_hours else ""),
                      f"{w.created_at:%Y-%m-%d %H:%M}" if w.created_at else "-",
                      f"{w.last_evaluated_at:%Y-%m-%d %H:%M}" if w.last_evaluated_at else "never",
                      str(w.last_matched if w.last_matched is not None else "-"))
    console.print(table)


@watch_app.command("show")
def watch_show(name: str,
               query: Annotated[bool, typer.Option("--query", help="Also print the Elasticsearch query.")] = False
               ) -> None:
    """One watchlist, and what the outbox holds for it."""
    from pipeline import delivery
    from pipeline import watchlists as wl

    es, s = _es()
    w = wl.get(es, name, s)
    if w is None:
        fail(f"no watchlist {name!r} (rasd watch list)", 2)
    print(json.dumps(w.to_document(), ensure_ascii=False, indent=2))
    sent = delivery.listing(es, s, watchlist=name, limit=10_000)
    by_status: dict[str, int] = {}
    for a in sent:
        by_status[a["status"]] = by_status.get(a["status"], 0) + 1
    console.print(f"alerts: {by_status or 'none yet'}")
    if query:
        print(json.dumps(wl.to_query(w), ensure_ascii=False, indent=2))


@watch_app.command("rm")
def watch_rm(name: str) -> None:
    """Remove a watchlist (its alerts not yet sent are cancelled)."""
    from pipeline import watchlists as wl

    es, s = _es()
    if not wl.delete(es, name, s):
        fail(f"no watchlist {name!r}", 2)
    console.print(f"watchlist {name} removed")


@watch_app.command("test")
def watch_test(
    name: str,
    days: Annotated[float, typer.Option(help="Look at the articles first seen in the last N days.")] = 7,
    size: Annotated[int, typer.Option(help="How many stories to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """What the watchlist would have matched lately, one line per story; nothing is sent."""
    from pipeline import watchlists as wl
    from pipeline.alerts import MARK_POST, MARK_PRE, preview

    es, s = _es()
    w = wl.get(es, name, s)
    if w is None:
        fail(f"no watchlist {name!r} (rasd watch list)", 2)
    stories, total = preview(w, days=days, es=es, settings=s, size=size)
    if as_json:
        print(json.dumps({"stories": total, "shown": [asdict(st) for st in stories]}, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{total}[/] stories in the last {days:g} days for [bold]{w.name}[/] ({_describe(w)}); "
                  "nothing was sent")
    for i, st in enumerate(stories, 1):
        console.print(f"\n[bold]{i}. {st.title}[/]\n   [cyan]{st.source_name or st.source_id}[/]  "
                      f"{(st.published_at or '')[:16].replace('T', ' ')}  {st.url}")
        if len(st.outlets) > 1:
            console.print(f"   [dim]{len(st.outlets)} outlets: {'، '.join(st.outlets)}[/]")
        for frag in st.snippets[:1]:
            console.print("   … " + frag.replace(MARK_PRE, "[bold yellow]").replace(MARK_POST, "[/]") + " …")


# -- alerts --------------------------------------------------------------------------------------
@alerts_app.command("list")
def alerts_list(
    failed: Annotated[bool, typer.Option("--failed", help="Only failed (and retrying) deliveries.")] = False,
    status: Annotated[str | None, typer.Option(help="Only this status (pending, sending, sent, retrying, failed, "
                                                    "cancelled).")] = None,
    watchlist: Annotated[str | None, typer.Option(help="Only this watchlist.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Alerts, newest first: story, channel, status, attempts and the last error."""
    from pipeline import delivery

    es, s = _es()
    wanted = ["failed", "retrying"] if failed else [status] if status else None
    rows = delivery.listing(es, s, status=wanted, watchlist=watchlist, limit=limit)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} alerts " + f"({', '.join(wanted)})" if wanted else f"{len(rows)} alerts")
    for col in ("created", "watchlist", "story", "channel", "status", "attempts", "last error"):
        table.add_column(col)
    colour = {"sent": "green", "failed": "red", "retrying": "yellow", "cancelled": "dim"}
    for r in rows:
        step = "new" if not r.get("step") else f"follow-up {r['step']}"
        table.add_row(str(r.get("created_at", ""))[:16].replace("T", " "), r["watchlist"],
                      f"{r.get('title') or r['story_id']}\n[dim]{step}, {r.get('outlets_count')} outlets[/]",
                      r["channel"], f"[{colour.get(r['status'], 'white')}]{r['status']}[/]", str(r.get("attempts", 0)),
                      f"{r.get('last_error_kind', '')}: {r.get('last_error', '')}" if r.get("last_error") else "")
    console.print(table)


@alerts_app.command("status")
def alerts_status() -> None:
    """How many alerts are sent, waiting, retrying, failed."""
    from pipeline import delivery

    es, s = _es()
    counts = delivery.counts(es, s)
    console.print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "no alerts yet")
    if counts.get("failed"):
        console.print("[red]failed deliveries:[/] rasd alerts list --failed; after a fix: rasd alerts retry")


@alerts_app.command("retry")
def alerts_retry(watchlist: Annotated[str | None, typer.Option(help="Only this watchlist.")] = None) -> None:
    """Make failed and retrying alerts due now (the SMTP server or webhook is fixed)."""
    from pipeline import delivery

    es, s = _es()
    n = delivery.retry_now(es, s, watchlist=watchlist)
    console.print(f"{n} alerts due now; the next libya_news_alerts run (or `rasd alerts run`) sends them")


@alerts_app.command("run")
def alerts_run(as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False) -> None:
    """Evaluate the watchlists and send what is due, in this process (the DAG runs the same)."""
    from pipeline.alerts import run_evaluation
    from pipeline.delivery import run_delivery

    out = {"evaluation": run_evaluation(run_id="cli"), "delivery": run_delivery()}
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    ev, dl = out["evaluation"], out["delivery"]
    console.print(f"{ev['watchlists']} watchlists: {ev['matched_stories']} stories matched, {ev['new_alerts']} new "
                  f"alerts, {ev['followups']} follow-ups ({ev['es_ms']} ms of Elasticsearch); sent "
                  f"{dl['alerts_sent']} in {dl['messages_sent']} messages, {dl['alerts_retrying']} to retry, "
                  f"{dl['alerts_failed']} failed")
