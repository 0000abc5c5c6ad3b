"""``rasd trends``: what is new (rising stories, rising terms)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail, new_table, print_json
from pipeline.config import get_settings

trends_app = typer.Typer(help="What is new: stories gaining outlets fastest, rising words and phrases.",
                         no_args_is_help=True)
app.add_typer(trends_app, name="trends")

DayOpt = Annotated[str | None, typer.Option("--day", help="A whole day (YYYY-MM-DD, UTC) instead of --since.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON output.")]


def window(since: str, day: str | None) -> tuple[datetime, datetime]:
    """[start, end) of ``--day`` or of the last ``--since``."""
    from pipeline.errors import InputError
    from pipeline.trends import day_window, parse_since

    try:
        if day:
            return day_window(date.fromisoformat(day))
        end = datetime.now(UTC)
        return end - parse_since(since), end
    except ValueError as exc:
        raise InputError(f"--day is a date such as 2025-01-31: {day!r}") from exc


@trends_app.command("stories")
def trends_stories(
    since: Annotated[str, typer.Option("--since", help="Window up to now: 30m, 6h, 2d, 1w.")] = "24h",
    day: DayOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100)] = 10,
    min_outlets: Annotated[int, typer.Option("--min-outlets", min=1, help="Outlets gained at least.")] = 2,
    hourly: Annotated[bool, typer.Option("--hourly", help="With --day: the top stories of each hour.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Stories (clusters of copies) gaining outlets fastest: outlets whose first copy Rasd saw
    (fetched_at) in the window, first seen, label (the lead's title)."""
    from pipeline.errors import RasdError
    from pipeline.trends import rising_by_hour, rising_stories

    try:
        start, end = window(since, day)
        if hourly:
            if not day:
                fail("--hourly needs --day")
            rows = rising_by_hour(date.fromisoformat(day or ""), min_outlets=min_outlets)
            if as_json:
                print_json(rows)
                return
            table = new_table(f"rising stories per hour of {day}", ("hour", "gained", "outlets", "label"))
            for r in rows:
                table.add_row(r["hour"][11:16], str(r["outlets_gained"]), str(r["outlets_total"]), r["label"] or "")
            console.print(table)
            return
        stories = rising_stories(start, end, top=top, min_outlets=min_outlets)
    except RasdError as exc:
        fail(str(exc))
    if as_json:
        print_json(stories)
        return
    table = new_table(f"rising stories {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} UTC",
                      ("#", "gained", "per hour", "outlets", "first seen", "label (lead's title)", "outlets gained"))
    for i, st in enumerate(stories, 1):
        table.add_row(str(i), str(st.outlets_gained), f"{st.per_hour:g}", str(st.outlets_total),
                      st.first_seen[:16].replace("T", " "), st.label or st.cluster_id, ", ".join(st.sources))
    console.print(table)
    if not stories:
        console.print(f"no story gained {min_outlets} outlets in the window")


@trends_app.command("terms")
def trends_terms(
    since: Annotated[str, typer.Option("--since", help="Window up to now: 6h, 1d, 1w.")] = "24h",
    day: DayOpt = None,
    background: Annotated[int, typer.Option("--background", min=1, help="Days before the window to compare.")] = 30,
    top: Annotated[int, typer.Option("--top", min=1, max=60)] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Words and two/three-word phrases significantly more frequent in the window than in the days
    before it (counted over story leads, scored like significant_terms (JLH); stop words, days,
    boilerplate removed)."""
    from pipeline.errors import RasdError
    from pipeline.index import get_client
    from pipeline.trends import rising_terms, term_mapped

    s = get_settings()
    es = get_client(s)
    try:
        start, end = window(since, day)
        if not term_mapped(es, s):
            fail("the live article index has no trend_text field (built before schema 3): run `rasd index migrate`")
        terms = rising_terms(start, end, es=es, settings=s, top=top, background_days=background)
    except RasdError as exc:
        fail(str(exc))
    if as_json:
        print_json(terms)
        return
    table = new_table(f"rising terms {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} UTC vs {background} days before",
                      ("#", "term", "stories", "background", "outlets", "score"))
    for i, t in enumerate(terms, 1):
        table.add_row(str(i), t.term, str(t.docs), str(t.background_docs), str(t.outlets), f"{t.score:.3f}")
    console.print(table)
