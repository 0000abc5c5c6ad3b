"""One stage at a time: ``rasd normalize``, ``rasd extract``, ``rasd tag``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail


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
            fail(f"{exc.kind}: {exc}")
        html, _ = decode_body(resp.content, resp.headers)
        url = url or source
    elif source == "-":
        html, _ = decode_body(sys.stdin.buffer.read())
    else:
        path = Path(source)
        if not path.is_file():
            fail(f"no such file: {source}")
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
