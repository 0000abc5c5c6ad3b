"""``rasd up | down | status``: Elasticsearch, PostgreSQL and the Airflow services on this machine."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail


@app.command()
def up(
    sample: Annotated[bool | None, typer.Option("--sample/--live", help="Serve the bundled sample site and poll it "
                                                "(default: the real source registry).")] = None,
    api_port: Annotated[int | None, typer.Option(help="Airflow API and UI port (default 8080).")] = None,
    es_port: Annotated[int | None, typer.Option(help="Elasticsearch HTTP port (default 9200).")] = None,
    pg_port: Annotated[int | None, typer.Option(help="PostgreSQL port (default: a free one, then kept).")] = None,
    sample_port: Annotated[int | None, typer.Option(help="Port of the sample site (default 8765).")] = None,
) -> None:
    """Start everything (idempotent: a second `rasd up` does nothing) and unpause the ingest DAG once."""
    from pipeline.services.proc import ServiceError
    from pipeline.services.stack import Stack

    stack = Stack()
    wanted = {"sample": sample, "api_port": api_port, "es_port": es_port, "pg_port": pg_port,
              "sample_port": sample_port}
    for key, value in wanted.items():
        if value is not None:
            setattr(stack.config, key, value)
    try:
        result = stack.up(progress=lambda step: console.print(f"[dim]…[/] {step}"))
    except ServiceError as exc:
        fail(str(exc))
    if result.started:
        console.print(f"[green]started[/]: {', '.join(result.started)}")
    else:
        console.print("[green]already up[/]: nothing to do")
    console.print(f"Airflow UI and API: [bold]{result.api_url}[/] (user admin)   Elasticsearch: {result.es_url}")
    if result.admin_password:
        console.print(f"[bold yellow]admin password (shown once)[/]: {result.admin_password}   "
                      f"(kept in {stack.airflow.home / 'passwords.json'}, mode 600)")
    if stack.config.sample:
        console.print(f"sample site: {stack.sample_url} (the ingest DAG polls it)")
    console.print(f"logs: {stack.airflow.logs}   stop: rasd down (data stays)")


@app.command()
def down() -> None:
    """Stop the Airflow services, the sample site, PostgreSQL and Elasticsearch; data stays."""
    from pipeline.services.stack import Stack

    stopped = Stack().down()
    console.print(f"stopped: {', '.join(stopped)}" if stopped else "nothing was running")


@app.command("status")
def stack_status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What runs (exit code 3 when the Airflow scheduler does not)."""
    from pipeline.services.stack import Stack

    st = Stack().status()
    if as_json:
        console.print_json(json.dumps(st, default=str))
    else:
        es = st["elasticsearch"]
        console.print(f"elasticsearch  {'external' if es.get('external') else _mark(es['running'])}  {es['url']}"
                      f"  {es.get('health') or ''}")
        console.print(f"postgres       {_mark(st['postgres']['running'])}  {st['postgres']['url']}")
        if "sample_site" in st:
            console.print(f"sample site    {_mark(st['sample_site']['running'])}  {st['sample_site']['url']}")
        for service, info in st["airflow"].items():
            console.print(f"{service:<14} {_mark(info['running'])}  pid {info['pid'] or '-'}")
        console.print(f"Airflow API    {st['airflow_api']}   logs {st['airflow_logs']}")
        health = st.get("airflow_health") or {}
        if "error" not in health:
            console.print("health         " + ", ".join(f"{k} {v.get('status')}" for k, v in health.items()))
    if not st["airflow"]["scheduler"]["running"]:
        raise typer.Exit(3)


def _mark(running: bool) -> str:
    return "[green]running[/]" if running else "[red]stopped[/]"
