"""``rasd init``: the init steps of the docker compose stack, one command each.

The stack's one-shot services run them (``es-users``, ``rasd-init``, ``airflow-init``); they
are idempotent and run outside a container as well, reading the same environment variables.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail

init_app = typer.Typer(help="Init steps of the docker compose stack (idempotent; see README).", no_args_is_help=True)
app.add_typer(init_app, name="init")


@init_app.command("es-users")
def init_es_users(
    realm: Annotated[Path, typer.Option(envvar="RASD_ES_REALM_DIR",
                                        help="Folder of the file realm (the es-realm volume).")],
) -> None:
    """Write the file realm: roles.yml, users and users_roles (passwords from RASD_INDEXER_PASSWORD,
    RASD_ANALYST_PASSWORD, KIBANA_SYSTEM_PASSWORD)."""
    from pipeline.stack_init import StackInitError, es_users

    try:
        changed = es_users(realm, os.environ)
    except StackInitError as exc:
        fail(str(exc))
    console.print(f"es-users: {', '.join(changed) + ' written' if changed else 'realm unchanged'} in {realm}")


@init_app.command("elasticsearch")
def init_elasticsearch(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for rasd_indexer's login.")] = 300,
) -> None:
    """As rasd_indexer (ES_URL, RASD_INDEXER_PASSWORD, ES_CA_CERTS): wait for its login, then
    templates, indices and aliases."""
    from pipeline.stack_init import StackInitError
    from pipeline.stack_init import init_elasticsearch as run

    try:
        index = run(os.environ, timeout=timeout)
    except StackInitError as exc:
        fail(str(exc))
    console.print(f"rasd-init: templates, indices and aliases ready (articles: {index})")


@init_app.command("airflow")
def init_airflow() -> None:
    """Check the shared Airflow settings, airflow db migrate, write the admin password file."""
    from pipeline.airflow_init import init_airflow as run
    from pipeline.stack_init import StackInitError

    try:
        written = run(os.environ)
    except StackInitError as exc:
        fail(str(exc))
    console.print(f"airflow-init: database migrated; admin password file {'written' if written else 'unchanged'}")
