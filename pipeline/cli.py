"""``rasd``: the command line of Rasd (typer + rich)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.config import DATA_DIR, REPO_ROOT, get_settings, reset_settings

app = typer.Typer(help="Rasd (رصد): Libya news monitoring.", no_args_is_help=True, add_completion=False)
es_app = typer.Typer(help="Manage the local Elasticsearch node.", no_args_is_help=True)
app.add_typer(es_app, name="es")
feeds_app = typer.Typer(help="Feed health and one-off checks.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")
index_app = typer.Typer(help="Index lifecycle: versions, migration, rollback.", no_args_is_help=True)
app.add_typer(index_app, name="index")
retries_app = typer.Typer(help="Article pages waiting for a fetch retry (rasd-retries).", no_args_is_help=True)
app.add_typer(retries_app, name="retries")
kibana_app = typer.Typer(help="Kibana saved objects: data views, searches, dashboards.", no_args_is_help=True)
app.add_typer(kibana_app, name="kibana")
console = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


# -- es ---------------------------------------------------------------------
@es_app.command("start")
def es_start(
    name: Annotated[str, typer.Option(help="Node name (own folder under .rasd/es/).")] = "dev",
    port: Annotated[int, typer.Option(help="HTTP port.")] = 9200,
    heap: Annotated[str, typer.Option(help="JVM heap, e.g. 512m, 1g.")] = "512m",
) -> None:
    """Build what is missing, start the node and wait until it is ready."""
    from pipeline import es_local

    try:
        info = es_local.start(name=name, port=port, heap=heap)
    except es_local.LocalESError as exc:
        _fail(str(exc))
    console.print(f"Elasticsearch [bold]{name}[/] ready at {info.url} (pid {info.pid}, folder {info.node_dir})")


@es_app.command("stop")
def es_stop(name: Annotated[str, typer.Option(help="Node name.")] = "dev") -> None:
    """Stop the node."""
    from pipeline import es_local

    stopped = es_local.stop(name=name)
    console.print(f"node {name}: {'stopped' if stopped else 'was not running'}")


@es_app.command("status")
def es_status(name: Annotated[str, typer.Option(help="Node name.")] = "dev") -> None:
    """Say whether the node runs and how healthy it is."""
    from pipeline import es_local

    st = es_local.status(name=name)
    console.print_json(json.dumps(st, default=str))
    if not st.get("running"):
        raise typer.Exit(3)


# -- ingest / search ----------------------------------------------------------
@app.command()
def ingest(
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once and exit.")] = False,
    sources: Annotated[Path | None, typer.Option(help="Sources file (default: the registry).")] = None,
    base_url: Annotated[str | None, typer.Option(help="Origin replacing {base} in the sources file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run record as JSON.")] = False,
) -> None:
    """Run the ingest path in this process (the DAG runs the same functions)."""
    from pipeline.ingest import run_once

    if not once:
        _fail("only --once is supported here; schedule runs with the Airflow DAG libya_news_ingest")
    summary = run_once(str(sources) if sources else None, base_url=base_url)
    if as_json:
        console.print_json(json.dumps(summary, ensure_ascii=False))
    else:
        print_summary(summary)


def print_summary(summary: dict) -> None:
    table = Table(title=f"run {summary['run_id']}")
    table.add_column("count")
    table.add_column("value", justify="right")
    for k, v in sorted(summary["counts"].items()):
        table.add_row(k, str(v))
    for k, v in sorted(summary.get("errors_by_kind", {}).items()):
        table.add_row(f"[red]error: {k}[/]", str(v))
    console.print(table)
    failed = [f for f in summary.get("feeds", []) if f.get("status") == "failed"]
    for f in failed:
        console.print(f"[red]feed failed[/] {f['source_id']} {f['feed_url']}: {f.get('error')}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Arabic query; "quoted" parts are phrases.')],
    since: Annotated[str | None, typer.Option(help="Only newer than e.g. 24h, 7d, 3m.")] = None,
    source: Annotated[str | None, typer.Option(help="Source id.")] = None,
    person: Annotated[str | None, typer.Option(help="Person (canonical Arabic name).")] = None,
    place: Annotated[str | None, typer.Option(help="Place (canonical Arabic name).")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic id.")] = None,
    all_copies: Annotated[bool, typer.Option("--all", help="Show every copy, not one per story.")] = False,
    size: Annotated[int, typer.Option(help="How many results.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Search the articles index."""
    from pipeline.search import search as do_search

    try:
        res = do_search(query, since=since, source=source, person=person, place=place, topic=topic,
                        all_copies=all_copies, size=size)
    except ValueError as exc:
        _fail(str(exc), 2)
    if as_json:
        print(json.dumps({"total": res.total, "stories": res.stories, "per_source": res.per_source,
                          "hits": [asdict(h) for h in res.hits]},
                         ensure_ascii=False, indent=2))
        return
    print_results(query, res)


def print_results(query: str, res: object) -> None:
    from pipeline.search import SearchResult

    assert isinstance(res, SearchResult)
    console.print(f"[bold]{res.stories}[/] stories ({res.total} articles) for [bold]{query}[/]")
    for i, h in enumerate(res.hits, 1):
        date = (h.published_at or "")[:10]
        console.print(f"\n[bold]{i}. {h.title}[/]\n   [cyan]{h.source_name or h.source_id}[/]  {date}  {h.url}")
        if h.also_published_by:
            console.print(f"   [dim]also published by: {'، '.join(h.also_published_by)}[/]")
        for frag in h.highlights[:2]:
            console.print("   … " + frag.replace("«", "[bold yellow]").replace("»", "[/]").replace("\n", " ") + " …")
    if res.per_source:
        console.print("\nper source: " + ", ".join(f"{k}: {v}" for k, v in res.per_source.items()))


# -- index lifecycle ------------------------------------------------------------------
@index_app.command("migrate")
def index_migrate() -> None:
    """Create vN+1 from the current template, copy, catch up, swap both aliases (vN is kept)."""
    from pipeline.lifecycle import migrate

    r = migrate()
    console.print(f"migrated {r.source} → {r.target}: {r.copied} copied, {r.caught_up} caught up, {r.seconds} s")


@index_app.command("rollback")
def index_rollback() -> None:
    """Point the read and write aliases back at the previous version."""
    from pipeline.errors import IndexingError
    from pipeline.lifecycle import rollback

    try:
        current, previous = rollback()
    except IndexingError as exc:
        _fail(str(exc))
    console.print(f"rolled back: {current} → {previous}")


@index_app.command("status")
def index_status() -> None:
    """Versions, which one the aliases point at, document counts, and whether the live index
    was analyzed as the node analyzes today (else: migrate)."""
    from pipeline.index import analysis_status, get_client
    from pipeline.lifecycle import current_index, versions

    s = get_settings()
    es = get_client(s)
    cur = current_index(es, s)
    for name in versions(es, s):
        n = es.count(index=name)["count"]
        console.print(f"{'→' if name == cur else ' '} {name}: {n} documents")
    status = analysis_status(es, s)
    colour = {"current": "green", "stale": "red"}.get(status["state"], "yellow")
    console.print(f"analysis of {status['index']}: [{colour}]{status['state']}[/] ({status['detail']})")


# -- feeds -------------------------------------------------------------------------
@feeds_app.command("status")
def feeds_status(as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False) -> None:
    """Status, last success, new items in 24 h and last error of every polled feed."""
    from pipeline.feedstate import all_states
    from pipeline.index import get_client

    states = all_states(get_client())
    if as_json:
        print(json.dumps([s.model_dump(mode="json") | {"new_24h": s.new_in_last(24)} for s in states],
                         ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(states)} feeds")
    for col in ("source", "status", "last success", "new 24h", "next poll", "failures", "last error"):
        table.add_column(col)
    colour = {"ok": "green", "new": "cyan", "failing": "yellow", "disabled": "red"}
    for s in sorted(states, key=lambda s: (s.status != "disabled", s.status != "failing", s.source_id)):
        table.add_row(
            f"{s.source_id}\n[dim]{s.feed_url}[/]",
            f"[{colour.get(s.status, 'white')}]{s.status}[/]",
            s.last_success.strftime("%Y-%m-%d %H:%M") if s.last_success else "never",
            str(s.new_in_last(24)),
            s.next_poll.strftime("%Y-%m-%d %H:%M") if s.next_poll else "-",
            f"{s.consecutive_failures} ({s.failure_score:g})",
            f"{s.last_error_kind}: {s.last_error}" if s.last_error else "",
        )
    console.print(table)


@retries_app.command("list")
def retries_list(
    gave_up: Annotated[bool, typer.Option("--gave-up", help="Only the pages given up after the last attempt.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Pages that failed for a reason that may pass, when the next attempt is due, and why."""
    from pipeline import retries
    from pipeline.index import get_client

    records = retries.listing(get_client(), get_settings(), gave_up=True if gave_up else None)
    if as_json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(records)} pages")
    for col in ("source", "url", "attempts", "next attempt", "last error"):
        table.add_column(col)
    for r in records:
        nxt = "[red]gave up[/]" if r.get("gave_up") else str(r.get("next_attempt_at", ""))[:16].replace("T", " ")
        table.add_row(str(r.get("source_id")), str(r.get("url")), str(r.get("attempts")), nxt,
                      f"{r.get('kind')}: {r.get('error')}")
    console.print(table)


@retries_app.command("now")
def retries_now(
    source: Annotated[str | None, typer.Option("--source", help="Only this source id.")] = None,
    given_up: Annotated[bool, typer.Option("--given-up", help="Also the given-up pages (attempts start again).")]
    = False,
) -> None:
    """Make waiting pages due at once (a publisher's outage is over): the next ingest run fetches them."""
    from pipeline import retries
    from pipeline.index import get_client

    n = retries.retry_now(get_client(), get_settings(), source_id=source, include_given_up=given_up)
    console.print(f"{n} pages due now; the next `libya_news_ingest` run (or `rasd ingest --once`) fetches them")


@feeds_app.command("check")
def feeds_check(
    source_id: Annotated[str | None, typer.Argument(help="Source id from the registry.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="A feed URL not yet in the registry.")] = None,
    kind: Annotated[str, typer.Option(help="Feed kind for --url: rss, atom, sitemap, google-news.")] = "rss",
) -> None:
    """Poll one feed verbosely with every safety rule applied (nothing is stored)."""
    from pipeline.errors import RasdError
    from pipeline.feeds import parse_feed
    from pipeline.fetch import Fetcher
    from pipeline.googlenews import resolve_google_news
    from pipeline.sources import load_sources

    s = get_settings()
    targets: list[tuple[str, str, str]] = []
    if url:
        targets.append(("adhoc", url, kind))
    elif source_id:
        sources = {x.id: x for x in load_sources(s.sources_file, base_url=s.sources_base_url)}
        if source_id not in sources:
            _fail(f"no source {source_id!r} in {s.sources_file}")
        targets += [(source_id, f.url, f.kind) for f in sources[source_id].feeds]
    else:
        _fail("give a source id or --url URL")
    failed = 0
    with Fetcher(s) as fetcher:
        for sid, feed_url, feed_kind in targets:
            console.print(f"[bold]{sid}[/] {feed_kind} {feed_url}")
            try:
                resp = fetcher.get(feed_url, max_bytes=s.max_feed_bytes)
                console.print(f"  HTTP {resp.status}, {len(resp.content)} bytes, {resp.elapsed_ms:.0f} ms"
                              + (f", redirects: {' → '.join(resp.redirects)}" if resp.redirects else ""))
                entries = parse_feed(resp.content, source_id=sid, feed_url=feed_url, headers=resp.headers)
            except RasdError as exc:
                failed += 1
                err.print(f"  [red]FAILED ({exc.kind})[/]: {exc}")
                continue
            console.print(f"  {len(entries)} entries")
            for e in entries[:50]:
                if feed_kind == "google-news":
                    e = resolve_google_news(e, fetcher)
                date = e.published.strftime("%Y-%m-%d %H:%M") if e.published else "no date"
                console.print(f"  • {e.title or '(no title)'}\n    [dim]{date}  {e.url}[/]")
            if not entries:
                failed += 1
                err.print("  [red]FAILED[/]: the feed has no entries")
    if failed:
        raise typer.Exit(1)


# -- kibana ------------------------------------------------------------------------
@kibana_app.command("import")
def kibana_import(
    url: Annotated[str | None, typer.Option(help="Kibana base URL (default: settings kibana_url).")] = None,
    file: Annotated[Path | None, typer.Option(help="NDJSON export (default: kibana/rasd.ndjson).")] = None,
    user: Annotated[str | None, typer.Option(envvar="KIBANA_USERNAME", help="Kibana user.")] = None,
    password: Annotated[str | None, typer.Option(envvar="KIBANA_PASSWORD", help="Kibana password.")] = None,
    space: Annotated[str | None, typer.Option(help="Kibana space id (default space when absent).")] = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait for Kibana to become available.")] = 0,
) -> None:
    """Import the data views, saved searches, Lens charts and dashboards (overwrites same ids)."""
    from pipeline import kibana

    base = url or get_settings().kibana_url
    path = file or kibana.DEFAULT_FILE
    try:
        problems = kibana.check(kibana.load_objects(path), kibana.default_mappings())
    except (OSError, ValueError) as exc:
        _fail(f"cannot read {path}: {exc}")
    for p in problems:
        err.print(f"[yellow]warning:[/] {p}")
    try:
        if wait > 0:
            kibana.wait_for_kibana(base, wait, username=user, password=password)
        result = kibana.import_objects(base, path, username=user, password=password, space=space)
    except kibana.KibanaError as exc:
        _fail(str(exc))
    where = f"{base} (space {space})" if space else base
    table = Table(title=f"imported {result.get('successCount', 0)} objects into {where}")
    for col in ("type", "id", "title"):
        table.add_column(col)
    for r in result.get("successResults") or []:
        table.add_row(str(r.get("type")), str(r.get("id")), str((r.get("meta") or {}).get("title", "")))
    console.print(table)


# -- stages one by one ----------------------------------------------------------
@app.command()
def normalize() -> None:
    """Normalize Arabic text from stdin (the one normalization function)."""
    from pipeline.normalize import normalize as norm

    for line in sys.stdin:
        print(norm(line.rstrip("\n")))


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="An HTML file, '-' for stdin, or an http(s) URL.")],
    url: Annotated[str | None, typer.Option(help="The page's URL (for a file).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Extract one page: title, text, date (and why), author, site, language."""
    from pipeline.errors import RasdError
    from pipeline.extract import extract as do_extract
    from pipeline.fetch import Fetcher, decode_body
    from pipeline.language import detect_language

    if source.startswith(("http://", "https://")):
        try:
            with Fetcher() as f:
                resp = f.get(source)
        except RasdError as exc:
            _fail(f"{exc.kind}: {exc}")
        html, _ = decode_body(resp.content, resp.headers)
        url = url or source
    elif source == "-":
        html, _ = decode_body(sys.stdin.buffer.read())
    else:
        path = Path(source)
        if not path.is_file():
            _fail(f"no such file: {source}")
        html, _ = decode_body(path.read_bytes())
    content = do_extract(html, url=url)
    lang = detect_language(content.text)
    out = content.model_dump(mode="json") | {"language": lang.lang, "language_prob": lang.prob,
                                             "language_reason": lang.reason}
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{content.title}[/]\n{content.published_at} ({content.date_source})  "
                  f"{content.author or ''}  {content.sitename or ''}  lang={lang.lang} ({lang.prob})\n")
    console.print(content.text)


@app.command()
def tag(
    file: Annotated[Path | None, typer.Argument(help="A text file (first line = title); stdin when absent.")] = None,
    libya_focused: Annotated[bool, typer.Option(help="Treat the text as from a Libya-focused source.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Tag persons, places, orgs and topics, and score Libya relevance."""
    from pipeline.tag import tag as do_tag

    text = file.read_text(encoding="utf-8") if file else sys.stdin.read()
    title, _, body = text.partition("\n")
    tags = do_tag(title, body, libya_focused=libya_focused)
    if as_json:
        print(tags.model_dump_json(indent=2))
        return
    for kind in ("persons", "places", "orgs", "topics"):
        ms = getattr(tags, kind)
        console.print(f"[bold]{kind}[/]: " + ", ".join(f"{m.name} ({'/'.join(m.surface)})" for m in ms))
    console.print(f"[bold]libya_relevance[/]: {tags.libya_relevance} → relevant={tags.libya_relevant}  "
                  f"evidence: {', '.join(tags.evidence)}")


# -- demo ------------------------------------------------------------------------
def _demo_reanalyze_if_needed() -> None:
    """The demo node may hold an index built by an older analysis plugin (an earlier checkout):
    its documents would not match today's queries, so migrate it first (a production cluster
    is migrated by its operator: `rasd index status` says when)."""
    from pipeline.index import analysis_status, ensure_indices, get_client
    from pipeline.lifecycle import migrate

    s = get_settings()
    es = get_client(s)
    ensure_indices(es, s)
    status = analysis_status(es, s)
    if status["state"] != "current" and es.count(index=s.articles_alias)["count"]:
        console.print(f"[yellow]{status['index']} was analyzed by another plugin build ({status['state']}); "
                      "migrating it so documents are analyzed like queries[/]")
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
        _fail(str(exc))
    console.print(f"[green]Elasticsearch ready[/] at {info.url}")
    try:
        web = NewsWeb(port=web_port).start()
    except OSError as exc:
        _fail(f"cannot serve the sample site on port {web_port}: {exc}; pick another with --web-port")
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
        _fail(f"DAG run ended in state {state}")
    from pipeline.search import search as do_search

    print_results(query, do_search(query, settings=get_settings()))
    if not keep:
        es_local.stop(name="dev")
    else:
        console.print(f"\nElasticsearch keeps running at {info.url}; stop it with [bold]rasd es stop[/].")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
