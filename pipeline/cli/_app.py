"""The ``rasd`` application object and what every command module shares."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

app = typer.Typer(help="Rasd (رصد): Libya news monitoring.", no_args_is_help=True, add_completion=False)
console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code``."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)  # one line, however narrow the terminal
    raise typer.Exit(code)
