"""The ``rasd`` application object and what every command module shares."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

app = typer.Typer(help="Rasd (رصد): Libya news monitoring.", no_args_is_help=True, add_completion=False)
console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` on stderr, on one line (never wrapped at the terminal's width),
    and exit with ``code``. The message is printed as it is: Elasticsearch reasons and Java paths hold
    [brackets] that rich would read as markup (or refuse: MarkupError)."""
    err.print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True, highlight=False)
    raise typer.Exit(code)


def print_json(items: Iterable[Any]) -> None:
    """Dataclasses (or dicts) as a JSON list on stdout."""
    print(json.dumps([asdict(x) if is_dataclass(x) and not isinstance(x, type) else x for x in items],
                     ensure_ascii=False, indent=2))


def new_table(title: str, columns: Sequence[str]) -> Table:
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    return table
