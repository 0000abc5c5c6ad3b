"""Name discovery, stop 40 (helper N): an organization the day quotes as a source (``org_source``):
``pipeline.discovery_source``. Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pipeline import discovery_source
from pipeline.discovery_kind import ranking_factor
from pipeline.discovery_source import LIFT, source_factor, source_share, source_words
from pipeline.normalize import normalize
from tests.discovery_day import all_rules_on

ORG = normalize("وكالة النخيل للأنباء")


def doc(kind: str, name: str, texts: list[str]) -> dict[str, Any]:
    day = {"day": "2026-01-10", "docs": len(texts), "stories": len(texts), "cue_docs": len(texts),
           "outlets": ["a", "b"], "kind_votes": {kind: len(texts)}, "surfaces": {}, "shape": {}}
    return {"name": name, "kind": kind, "days": [day], "contexts": [{"day": "2026-01-10", "text": t} for t in texts]}


@pytest.fixture
def rule_on() -> Iterator[None]:
    yield from all_rules_on({"org_source": discovery_source.RULES})


def test_the_words_are_the_speech_verbs_and_the_attribution_words():
    words = source_words()
    assert {normalize("بحسب"), normalize("وفقا"), normalize("أعلنت"), normalize("قال")} <= words
    assert normalize("مع") not in words


def test_a_context_quoting_the_name_as_a_source_counts():
    texts = ["وأعلنت وكالة النخيل للأنباء أن الوفد وصل إلى المدينة.",  # a speech verb with و
             "وصل الوفد أمس بحسب « وكالة النخيل للأنباء » التي نقلت الخبر.",  # بحسب, a quote mark skipped
             "وأشاد الوزير بدور لوكالة النخيل للأنباء في التغطية.",  # a complement (ل): held, not a source
             "زار الوفد وكالة النخيل للأنباء صباح أمس."]  # an object: held, not a source
    assert source_share(doc("org", ORG, texts)) == (2, 4)
    assert source_share(doc("org", ORG, ["لا ذكر للاسم هنا."])) == (0, 0)


def test_an_organization_quoted_in_half_its_contexts_is_lifted(rule_on):
    quoted = ["قالت وكالة النخيل للأنباء إن الطريق أغلق.", "زار الوفد وكالة النخيل للأنباء أمس."]
    assert source_factor(doc("org", ORG, quoted)) == LIFT
    plain = [*quoted[1:], "وتعاون الفريق مع وكالة النخيل للأنباء في الحملة."]
    assert source_factor(doc("org", ORG, plain)) == 1.0
    person = normalize("سامر القحطاني")
    assert source_factor(doc("person", person, ["وقال سامر القحطاني إن الوفد وصل."])) == 1.0
    discovery_source.RULES["org_source"] = False
    assert source_factor(doc("org", ORG, quoted)) == 1.0


def test_the_ranking_factor_is_multiplied_by_it(rule_on):
    src = doc("org", ORG, ["بحسب وكالة النخيل للأنباء فإن الطريق أغلق.", "ذكرت وكالة النخيل للأنباء أن الوفد وصل."])
    on = ranking_factor(src)
    discovery_source.RULES["org_source"] = False
    off = ranking_factor(src)
    assert on == pytest.approx(off * LIFT)


def test_the_rule_is_off_by_default():
    """Measured at stop 40 and not kept (devb's labelled precision fell): off unless switched on."""
    assert discovery_source.RULES["org_source"] is False
