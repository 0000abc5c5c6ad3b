"""``rasd demo``: the main job end to end."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail
from pipeline.cli.ingest import print_results, print_summary
from pipeline.config import DATA_DIR, REPO_ROOT, get_settings, reset_settings


def _demo_reanalyze_if_needed() -> None:
    """The demo node may hold an index built by an older analysis plugin (an earlier checkout):
    its documents would not match today's queries, so migrate it first (a production cluster
    is migrated by its operator: `rasd index status` says when)."""
    from pipeline.index import analysis_status, ensure_indices, get_client, schema_status
    from pipeline.lifecycle import migrate

    s = get_settings()
    es = get_client(s)
    ensure_indices(es, s)
    status = analysis_status(es, s)
    schema = schema_status(es, s)
    if (status["state"] != "current" or schema["behind"]) and es.count(index=s.articles_alias)["count"]:
        why = (f"was analyzed by another plugin build ({status['state']})" if status["state"] != "current" else
               f"has schema v{schema['version']} (template v{schema['template_version']})")
        console.print(f"[yellow]{status['index']} {why}; migrating it so stored documents are analyzed like "
                      "queries and have today's fields[/]")
        result = migrate(es, s)
        console.print(f"migrated {result.source} → {result.target}: {result.copied} documents")


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Elasticsearch port for the demo node.")] = 9200,
    query: Annotated[str, typer.Option(help="Arabic search to run at the end.")] = "السراج واشنطن",
    keep: Annotated[bool, typer.Option(help="Leave Elasticsearch running afterwards.")] = True,
    web_port: Annotated[int, typer.Option(help="Port of the sample news site (fixed: ids stay stable).")] = 8765,
) -> None:
    """The main job end to end: local ES + bundled sample site + the real DAG + a search."""
    from pipeline import es_local
    from pipeline.newsweb import NewsWeb

    try:
        info = es_local.start(name="dev", port=port)
    except es_local.LocalESError as exc:
        fail(str(exc))
    console.print(f"[green]Elasticsearch ready[/] at {info.url}")
    try:
        web = NewsWeb(port=web_port).start()
    except OSError as exc:
        fail(f"cannot serve the sample site on port {web_port}: {exc}; pick another with --web-port")
    console.print(f"[green]Sample news site[/] on {web.base_url}")
    os.environ.update(
        {
            "ES_URL": info.url,
            "RASD_SOURCES_FILE": str(DATA_DIR / "sample_sources.yaml"),
            "RASD_SOURCES_BASE_URL": web.base_url,
            "RASD_FETCH_ALLOW_LOOPBACK": "1",
            "RASD_PER_HOST_DELAY": "0",
        }
    )
    os.environ.setdefault("AIRFLOW_HOME", str(REPO_ROOT / ".rasd" / "airflow"))
    reset_settings()
    _demo_reanalyze_if_needed()
    try:
        from pipeline.airflow_run import run_dag

        # force: poll every sample feed even if an earlier demo polled it minutes ago
        state, summary = run_dag("libya_news_ingest", {"force": True})
    finally:
        web.stop()
    if summary:
        print_summary(summary)
    if state != "success":
        fail(f"DAG run ended in state {state}")
    from pipeline.search import search as do_search

    print_results(query, do_search(query, settings=get_settings()))
    if not keep:
        es_local.stop(name="dev")
    else:
        console.print(f"\nElasticsearch keeps running at {info.url}; stop it with [bold]rasd es stop[/].")
