"""The ``rasd`` application object and what every command module shares."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console
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
