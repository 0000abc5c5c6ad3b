"""``rasd gazetteer``: names the gazetteers do not know yet (discovery, suggestions, decisions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail, new_table, print_json

gazetteer_app = typer.Typer(help="Names the gazetteers do not know yet: suggest, accept, reject.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} is a date such as 2025-01-31: {value!r}")


@gazetteer_app.command("suggest")
def gazetteer_suggest(
    kind: Annotated[list[str] | None, typer.Option("--kind", help="person, org or place (repeat for several).")]
    = None,
    top: Annotated[int, typer.Option("--top", min=1, max=1000)] = 30,
    window: Annotated[int, typer.Option("--window", min=1, help="Days of mentions that count.")] = 30,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Rank as of this day (default today).")] = None,
    status: Annotated[str, typer.Option("--status", help="pending, accepted or rejected.")] = "pending",
    contexts: Annotated[bool, typer.Option("--contexts", help="Print where each name was seen.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Candidate persons, organizations and places, ranked: stories and outlets that name them after a
    title or role (الرئيس، وزير، اللواء، كتيبة، مدينة …), and their growth."""
    from pipeline import name_suggestions as names
    from pipeline.errors import RasdError

    try:
        found = names.suggest(kinds=kind, top=top, window=window, as_of=_day(as_of, "--as-of"), status=status)
    except RasdError as exc:
        fail(str(exc))
    if as_json:
        print_json(found)
        return
    table = new_table(f"{len(found)} {status} names",
                      ("#", "name", "kind", "score", "stories", "outlets", "growth", "first seen", "also written"))
    for i, x in enumerate(found, 1):
        table.add_row(str(i), x.display, x.kind, f"{x.score:.2f}", str(x.stories), str(x.outlets), f"{x.growth:g}",
                      x.first_seen, "، ".join(v for v in x.variants[:4] if v != x.display))
    console.print(table)
    if contexts:
        for i, x in enumerate(found, 1):
            for c in x.contexts:
                console.print(f"{i}. {x.display} [dim]({c.get('source_id')}, {c.get('day')})[/]: … {c.get('text')} …")
    if found:
        console.print("accept: rasd gazetteer accept NAME [--id ID --en NAME --libyan]; reject: rasd gazetteer "
                      "reject NAME")


@gazetteer_app.command("accept")
def gazetteer_accept(
    name: Annotated[str, typer.Argument(help="The name as `suggest` prints it (or its id).")],
    entity_id: Annotated[str | None, typer.Option("--id", help="Gazetteer id (default found-<kind>-<hash>).")]
    = None,
    en: Annotated[str | None, typer.Option("--en", help="English name.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="person, org or place (default: as suggested).")]
    = None,
    libyan: Annotated[bool, typer.Option("--libyan", help="A Libyan person, body or place (relevance).")] = False,
    type_: Annotated[str | None, typer.Option("--type", help="Entity type (e.g. armed_group, town).")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
) -> None:
    """Add the name (its spellings and short forms as variants) to the gazetteer data file of its kind,
    regenerate the plugin's protected names, and mark it accepted."""
    from pipeline import name_suggestions as names
    from pipeline.errors import RasdError

    try:
        done = names.accept(name, entity_id=entity_id, en=en, kind=kind, libyan=libyan, type_=type_, note=note)
    except RasdError as exc:
        fail(str(exc))
    if done.written:
        console.print(f"added {done.entity_id} to {done.file}: {done.entry['ar']} "
                      f"(variants: {'، '.join(done.entry['variants']) or '-'})")
    else:
        console.print(f"already in the gazetteers as {done.entity_id}: marked accepted, nothing written")
    console.print("next:")
    for i, step in enumerate(done.next_steps, 1):
        console.print(f"  {i}. {step}")


@gazetteer_app.command("reject")
def gazetteer_reject(
    name: Annotated[str, typer.Argument(help="The name as `suggest` prints it (or its id).")],
    note: Annotated[str | None, typer.Option("--note", help="Why (kept with the decision).")] = None,
) -> None:
    """Never suggest this name (nor its short forms) again."""
    from pipeline import name_suggestions as names
    from pipeline.errors import RasdError

    try:
        sug = names.reject(name, note=note)
    except RasdError as exc:
        fail(str(exc))
    console.print(f"rejected: {sug.display} ({len(sug.member_ids)} name(s): {'، '.join(sug.members)})")


@gazetteer_app.command("discover")
def gazetteer_discover(
    day: Annotated[str | None, typer.Option("--day", help="One day (YYYY-MM-DD).")] = None,
    last: Annotated[int, typer.Option("--days", min=1, max=366, help="The last N days (default 1: today).")] = 1,
) -> None:
    """Run name discovery over a day's articles (the digest DAG does this after every run); idempotent."""
    from pipeline import name_suggestions as names
    from pipeline.errors import RasdError
    from pipeline.index import get_client

    first = _day(day, "--day")
    days = [first] if first else [datetime.now(UTC).date() - timedelta(days=i) for i in range(last)][::-1]
    es = get_client()
    known = names.known_names()
    try:
        for d in days:
            r = names.update_day(d, es=es, known=known)
            console.print(f"{r.day}: {r.documents} articles, {r.candidates} candidate names, {r.written} written, "
                          f"{r.decided} already decided")
    except RasdError as exc:
        fail(str(exc))
