"""One stage at a time: ``rasd normalize``, ``rasd extract``, ``rasd tag``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import app, console, fail

# `rasd tag` and `rasd normalize` read at most this much text: an article is 2–50 KB, and tagging
# costs about 1 s and 30 MB per MB on top of start-up (docs/benchmarks.md, "Command-line input")
MAX_TEXT_BYTES = 1024 * 1024


def size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} KB" if n >= 1000 else f"{n} bytes"


def read_text(file: Path | None, max_bytes: int, what: str) -> str:
    """UTF-8 text of ``file`` (stdin when None), at most ``max_bytes``; exit 2 with one line otherwise."""
    name = str(file) if file else "stdin"
    try:
        if file is not None:
            if not file.is_file():
                fail(f"no such file: {file}", 2)
            length = file.stat().st_size
            if length > max_bytes:
                fail(f"{name} is {size(length)}; {what} reads at most {size(max_bytes)} of text "
                     "(an article is under 0.1 MB): split it, or raise --max-bytes", 2)
            data = file.read_bytes()
        else:
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                fail(f"stdin holds more than {size(max_bytes)}; {what} reads at most that much text: "
                     "split it, or raise --max-bytes", 2)
    except OSError as exc:
        fail(f"cannot read {name}: {exc.strerror or exc}", 2)
    nul = data.find(b"\x00")
    if nul >= 0:
        fail(f"{name} is not text (a NUL byte at offset {nul}): {what} reads UTF-8 text", 2)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
             f"{what} reads UTF-8 text", 2)


@app.command()
def normalize(
    max_bytes: Annotated[int, typer.Option(help="Read at most this many bytes.", min=1)] = MAX_TEXT_BYTES,
) -> None:
    """Normalize Arabic text from stdin (the one normalization function)."""
    from pipeline.normalize import normalize as norm

    for line in read_text(None, max_bytes, "rasd normalize").splitlines():
        print(norm(line))


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
    max_bytes: Annotated[int, typer.Option(help="Refuse input longer than this (UTF-8 bytes).", min=1)]
    = MAX_TEXT_BYTES,
) -> None:
    """Tag persons, places, orgs and topics, and score Libya relevance (UTF-8 text, at most 1 MB)."""
    text = read_text(file, max_bytes, "rasd tag")  # before loading the tagger: a refusal costs nothing
    from pipeline.tag import tag as do_tag

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
