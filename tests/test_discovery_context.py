"""Name discovery, stop 39 (helper K): the contexts of the names the gazetteer knows (``known_context``):
``pipeline.discovery_context``. Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline import discovery_context
from pipeline.discovery import KnownNames
from pipeline.discovery_context import context_factor, context_mean, day_model, slots
from pipeline.discovery_kind import ranking_factor
from pipeline.discovery_scan import tokenize
from pipeline.normalize import normalize
from tests.discovery_day import all_rules_on, by_name, docs_of

KNOWN = KnownNames(["سامر القحطاني", "نادر الزهراني", "شركة النور للتقنية"],
                   kinds={"سامر القحطاني": "person", "نادر الزهراني": "person", "شركة النور للتقنية": "org"})


@pytest.fixture
def rule_on() -> Iterator[None]:
    yield from all_rules_on({"known_context": discovery_context.RULES})


def test_slots_split_the_proclitics_and_mark_the_edges():
    norm = tokenize("وقال الأمير سامر القحطاني، إن الزيارة").norm
    assert slots(norm, 2, 2) == (normalize("الأمير"), "قال", "|")
    assert slots(norm, 0, 1) == ("^", "^", normalize("الأمير"))


def test_the_day_counts_the_known_names_contexts(rule_on):
    texts = ["وقال الأمير سامر القحطاني إن الوفد وصل.", "والتقى الأمير نادر الزهراني الذي وصل أمس.",
             "وأعلنت شركة النور للتقنية أن الأرباح زادت.", "وصل الوفد إلى المدينة صباحا."]
    model = day_model([tokenize(t) for t in texts], KNOWN)
    assert model is not None
    assert model.counts[("person", "l1")][normalize("الأمير")] == 2
    assert model.counts[("org", "l1")][normalize("أعلنت")] == 1
    assert model.counts[("person", "r1")][normalize("الذي")] == 1
    # a name's context scores higher for its kind than a phrase's
    assert model.score("person", (normalize("الأمير"), "قال", "ان")) > model.score("person", ("الي", "وصل", "|"))
    discovery_context.RULES["known_context"] = False
    assert day_model([tokenize(t) for t in texts], KNOWN) is None


def _src(kind: str, total: float, n: int) -> dict:
    return {"name": "x y", "kind": kind, "days": [{"day": "2015-07-21", "docs": 2, "stories": 2, "cue_docs": 2,
                                                    "outlets": ["a", "b"], "kind_votes": {kind: 2}, "surfaces": {},
                                                    "shape": {f"ctx_{kind}": total, "ctx_n": n}}]}


def test_the_factor_is_bounded_and_off_without_scores(rule_on):
    assert context_mean(_src("person", 3.0, 2)) == 1.5
    assert context_factor(_src("person", 100.0, 2)) == discovery_context.HIGH
    assert context_factor(_src("org", -100.0, 2)) == discovery_context.LOW
    assert discovery_context.LOW < context_factor(_src("org", -0.5, 1)) < 1 < context_factor(_src("org", 0.5, 1))
    assert context_factor(_src("person", 0.0, 0)) == 1.0  # no mention scored
    assert context_factor(_src("place", 9.0, 2)) == 1.0
    discovery_context.RULES["known_context"] = False
    assert context_factor(_src("person", 100.0, 2)) == 1.0


def test_the_ranking_multiplies_by_it(rule_on):
    src = _src("person", 100.0, 2)
    on = ranking_factor(src)
    discovery_context.RULES["known_context"] = False
    assert on == pytest.approx(ranking_factor(src) * discovery_context.HIGH)


def test_a_whole_day_stores_the_scores(rule_on):
    from pipeline.discovery import discover_day

    texts = ("وقال الأمير سامر القحطاني إن الوفد وصل.", "والتقى الأمير نادر الزهراني الذي وصل أمس.",
             "وقال الأمير سامر القحطاني إن الزيارة ناجحة.",
             "وقال الأمير فهد المطيري إن الوفد وصل.", "وأكد الأمير فهد المطيري أن الزيارة ناجحة.",
             "والتقى الأمير فهد المطيري الوفد.")
    cand = by_name(discover_day(docs_of(*texts), KNOWN), "فهد المطيري")
    assert cand is not None and cand.shape["ctx_n"] == 3
    assert cand.shape["ctx_person"] > 0  # printed where the known persons are: after الأمير
    discovery_context.RULES["known_context"] = False
    cand = by_name(discover_day(docs_of(*texts), KNOWN), "فهد المطيري")
    assert cand is not None and "ctx_n" not in cand.shape
