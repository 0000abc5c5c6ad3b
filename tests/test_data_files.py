"""Data files load as written: a JSON object with a key twice silently keeps the last one (a merge
once left two ``analysis.filter`` maps in the articles template, and the first one's filter vanished)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
JSON_FILES = sorted(p for folder in ("pipeline/data", "kibana") for p in (REPO / folder).rglob("*.json"))


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    assert not twice, f"keys given twice: {twice}"
    return dict(pairs)


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_json_data_files_have_no_key_twice(path: Path) -> None:
    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_unique)


def test_there_are_data_files() -> None:
    assert any(p.name == "articles.json" for p in JSON_FILES)
