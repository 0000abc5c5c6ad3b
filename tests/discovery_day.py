"""Shared set-up of the name-discovery rule tests: a day's documents from fixture sentences, a candidate by name."""

from __future__ import annotations

from pipeline.discovery import Candidate, DayDoc, name_key
from pipeline.normalize import normalize


def docs_of(*texts: str) -> list[DayDoc]:
    """Sentences → a day's documents, each its own story, from three outlets in turn."""
    return [DayDoc(id=f"d{i}", source_id=f"s{i % 3}", title="", body=t, cluster_id=f"d{i}")
            for i, t in enumerate(texts)]


def by_name(cands: list[Candidate], name: str) -> Candidate | None:
    """The candidate whose key is ``name`` normalized, or None."""
    key = name_key(tuple(normalize(name).split()))
    return next((c for c in cands if c.name == key), None)
