"""``rasd``: the command line of Rasd (typer + rich).

One module per command group; each registers its commands on the shared ``app`` when
imported. A new group is a new module here plus one import line below.
"""

from __future__ import annotations

from pipeline.cli import (  # noqa: F401  (imported for their commands)
    demo,
    es,
    feeds,
    feeds_discover,
    gazetteer,
    index,
    ingest,
    init,
    kibana,
    retries,
    stack,
    stages,
    trends,
    watch,
)
from pipeline.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
