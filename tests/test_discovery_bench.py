"""bench/discovery_eval.py's hidden lists and its ranking ceiling (no corpus, no Elasticsearch)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.name_suggestions import Suggestion

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("discovery_eval", REPO / "bench" / "discovery_eval.py")
    assert spec and spec.loader
    sys.path.insert(0, str(REPO / "bench"))
    try:
        module = importlib.util.module_from_spec(spec)
        sys.modules["discovery_eval"] = module
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(REPO / "bench"))
        sys.modules.pop("discovery_eval", None)


def test_the_hidden_lists_are_disjoint_and_the_development_list_is_drawn_on_the_development_days(
        bench: ModuleType) -> None:
    """A development list sharing a name with a held-out one would tune on held-out data."""
    universe = {eid for _kind, eid, _aliases, _rasd in bench.universe()}
    seen: set[str] = set()
    for which in ("old", *bench.DRAWS):
        persons, orgs = bench.hidden_lists(which)
        ids = set(persons) | set(orgs)
        assert (len(persons), len(orgs)) == (40, 20), which
        assert ids <= universe, which
        assert not ids & seen, f"{which} repeats {sorted(ids & seen)}"
        if which != "old":
            assert bench.excluded_before(which) == seen, which  # every earlier draw excluded, no other
        seen |= ids
    assert bench.DRAW_PART == {"fresh": "test", "third": "test", "devrep": "dev"}


def _sug(name: str, kind: str) -> Suggestion:
    return Suggestion(id=name, name=name, display=name, kind=kind, score=1.0, stories=1, docs=1, outlets=1,
                      cue_share=1.0, growth=1.0, first_seen="2015-07-21", last_seen="2015-07-21", members=[name])


def test_the_ceiling_drops_labelled_non_names_and_wrong_kinds_only(bench: ModuleType,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "LABELS", {"نادي الف": "org", "قال مصدر": "no", "زيد عمرو": "person",
                                          "نادي باء": "place"})
    ranked = [_sug("قال مصدر", "person"), _sug("نادي باء", "org"), _sug("نادي الف", "org"),
              _sug("زيد عمرو", "person"), _sug("اسم جديد", "person")]
    hidden = {"zaid": ("person", {"زيد عمرو"}), "missing": ("org", {"نادي جيم"})}
    ceiling = bench.ranking_ceiling(ranked, hidden)
    # the hidden person is found; the real organization counts as real-not-hidden; the unlabelled
    # name stays in the list but is neither
    assert ceiling == {"found": 1, "real_not_hidden": 1}
