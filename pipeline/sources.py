"""The source registry: publishers as data (``pipeline/data/sources.yaml``), each with its
ordered ways in (own feeds, then sitemaps, then Google News searches)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from pipeline.errors import InputError
from pipeline.models import KIND_RANK, Source


def load_sources(path: Path | str, *, base_url: str | None = None) -> list[Source]:
    """Load and validate a registry file.  ``{base}`` in URLs is replaced by
    ``base_url`` (the bundled sample site uses it for its loopback origin)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read sources file {path}: {exc}") from exc
    if base_url is not None:
        text = text.replace("{base}", base_url.rstrip("/"))
    try:
        data = yaml.safe_load(text) or {}
        sources = [Source.model_validate(item) for item in data.get("sources", [])]
    except (yaml.YAMLError, ValidationError, AttributeError) as exc:
        raise InputError(f"invalid sources file {path}: {exc}") from exc
    ids = [s.id for s in sources]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise InputError(f"duplicate source ids in {path}: {sorted(dupes)}")
    for s in sources:
        check_ways(s, path)
    return sources


def check_ways(source: Source, path: Path | str = "the registry") -> None:
    """A source's ways in come in order: its own feeds, then its sitemaps, then Google News
    searches (``pipeline.routing`` tries them in the order written), each URL once."""
    if not source.feeds:
        raise InputError(f"source {source.id!r} in {path} has no way in (feeds: is empty)")
    ranks = [KIND_RANK[f.kind] for f in source.feeds]
    if ranks != sorted(ranks):
        order = ", ".join(f.kind for f in source.feeds)
        raise InputError(f"source {source.id!r} in {path}: ways in must come as own feeds, then sitemaps, then "
                         f"Google News searches; found {order}")
    urls = [f.url for f in source.feeds]
    if len(set(urls)) != len(urls):
        raise InputError(f"source {source.id!r} in {path} lists a way twice")
