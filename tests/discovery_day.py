"""Shared set-up of the name-discovery rule tests: a day's documents from fixture sentences, a candidate by name."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pipeline.discovery import Candidate, DayDoc, KnownNames, discover_day, name_key
from pipeline.normalize import normalize


def docs_of(*texts: str) -> list[DayDoc]:
    """Sentences → a day's documents, each its own story, from three outlets in turn."""
    return [DayDoc(id=f"d{i}", source_id=f"s{i % 3}", title="", body=t, cluster_id=f"d{i}")
            for i, t in enumerate(texts)]


def by_name(cands: list[Candidate], name: str) -> Candidate | None:
    """The candidate whose key is ``name`` normalized, or None."""
    key = name_key(tuple(normalize(name).split()))
    return next((c for c in cands if c.name == key), None)


def keys_with_rules(tables: Mapping[str, dict[str, bool]], texts: tuple[str, ...], known: KnownNames, kind: str,
                    off: tuple[str, ...] = (), on: tuple[str, ...] = ()) -> set[str]:
    """The day's keys of ``kind`` from ``texts``, the rules named in ``off`` / ``on`` switched for the call in their
    ``RULES`` table (``tables``: rule → its module's ``RULES``), then set back."""
    saved = {name: tables[name][name] for name in (*off, *on)}
    for name in off:
        tables[name][name] = False
    for name in on:
        tables[name][name] = True
    try:
        return {c.name for c in discover_day(docs_of(*texts), known) if c.kind == kind}
    finally:
        for name, value in saved.items():
            tables[name][name] = value


def all_rules_on(tables: Mapping[str, dict[str, bool]]) -> Iterator[None]:
    """Every rule of ``tables`` switched on for a test, then set back (the body of a ``rules_on`` fixture)."""
    saved = {name: table[name] for name, table in tables.items()}
    for name, table in tables.items():
        table[name] = True
    yield
    for name, table in tables.items():
        table[name] = saved[name]
