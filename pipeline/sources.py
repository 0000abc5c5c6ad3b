"""The source registry: publishers as data (``pipeline/data/sources.yaml``)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from pipeline.errors import InputError
from pipeline.models import Source


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
    return sources
