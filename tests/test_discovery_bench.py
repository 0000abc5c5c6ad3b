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
        # the fourth draw: only 10 persons of the base universe still qualified (ids are never drawn twice)
        assert (len(persons), len(orgs)) == ((10, 20) if which == "fourth" else (40, 20)), which
        assert ids <= universe, which
        assert not ids & seen, f"{which} repeats {sorted(ids & seen)}"
        if which != "old":
            assert bench.excluded_before(which) == seen, which  # every earlier draw excluded, no other
        seen |= ids
    assert bench.DRAW_PART == {"fresh": "test", "third": "test", "devrep": "dev", "fourth": "test"}


def _sug(name: str, kind: str) -> Suggestion:
    return Suggestion(id=name, name=name, display=name, kind=kind, score=1.0, stories=1, docs=1, outlets=1,
                      cue_share=1.0, growth=1.0, first_seen="2015-07-21", last_seen="2015-07-21", members=[name])


def test_the_ceiling_drops_labelled_non_names_and_wrong_kinds_only(bench: ModuleType) -> None:
    labels = {"نادي الف": "org", "قال مصدر": "no", "زيد عمرو": "person", "نادي باء": "place"}
    ranked = [_sug("قال مصدر", "person"), _sug("نادي باء", "org"), _sug("نادي الف", "org"),
              _sug("زيد عمرو", "person"), _sug("اسم جديد", "person")]
    hidden = {"zaid": ("person", {"زيد عمرو"}), "missing": ("org", {"نادي جيم"})}
    ceiling = bench.ranking_ceiling(ranked, hidden, labels)
    # the hidden person is found; the real organization counts as real-not-hidden; the unlabelled
    # name stays in the list but is neither
    assert ceiling == {"found": 1, "real_not_hidden": 1}


def test_the_extended_universe_adds_labelled_real_names_and_no_hidden_entity(bench: ModuleType) -> None:
    """SUPPLEMENT_FROM_LABELS holds labelled real names only, none a form of a universe entity: a hidden
    name added back as a separate known entity would hide it from discovery in every run."""
    extra = bench.load_supplement_from_labels()
    assert len(extra) >= 150
    universe = bench.universe()
    ids = {eid for _kind, eid, _aliases, _rasd in universe}
    hidden = set()
    for which in ("old", *bench.DRAWS):
        persons, orgs = bench.hidden_lists(which)
        hidden |= set(persons) | set(orgs)
    hidden_ents = [e for e in universe if e[1] in hidden]
    for kind, eid, aliases in extra:
        assert eid not in ids
        for alias in aliases:
            assert bench.LABELS[alias] == kind, alias
            assert bench.conflicts(alias, hidden_ents) is None, alias


def test_a_label_that_is_a_form_of_a_universe_entity_is_not_added(bench: ModuleType) -> None:
    """The whole name, its beginning, a person's first and last words, or a name that would make one of
    those known (a longer person's name sharing its first words) all stay out."""
    labels = {"فيصل بن خالد بن عبدالعزيز": "person",  # a longer form of فيصل بن خالد
              "عادل الجبير": "person",  # first and last words of عادل بن أحمد الجبير
              "فهد بن عبدالله بن عبدالعزيز": "person",  # shares فهد بن عبدالله with فهد بن عبدالله المبارك
              "وكاله رويترز": "org", "نادي النصر": "org",
              "جامعه الملك خالد": "org",  # only the fragment جامعة الملك in common with جامعة الملك سعود
              "سعود كريري": "person", "قال مصدر": "no"}
    added = {alias for _kind, _eid, aliases in bench.supplement_from_labels(labels) for alias in aliases}
    assert added == {"جامعه الملك خالد", "سعود كريري"}


def test_the_default_universe_is_unchanged_by_the_option(bench: ModuleType) -> None:
    hidden = {"john-kerry", "reuters"}
    base = bench.known_aliases(hidden)
    extended = bench.known_aliases(hidden, "extended")
    extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels() for a in aliases]
    assert extended == base + extra
    assert not set(extra) & set(base)
    assert "جون كيري" not in base and "جون كيري" not in extended
    # the draw's pool is the base universe: the label-derived names are never hidden
    universe = {eid for _k, eid, _a, _r in bench.universe()}
    assert not universe & {eid for _k, eid, _a in bench.load_supplement_from_labels()}
