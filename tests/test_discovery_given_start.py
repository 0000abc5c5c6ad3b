"""A person the day never writes after a cue: a given name in a line-up or before a family-shaped word (stop 38,
helper P, rule ``given_start``).

Fixture sentences and names written for these tests (invented players and officials: سلطان الكرفاني, ماجد
الدحيلان …), never corpus text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from pipeline import discovery_given_start as given_start
from pipeline.discovery import DayDoc, KnownNames, discover_day
from pipeline.name_suggestions import MIN_CUE_SHARE, score
from tests.discovery_day import by_name, docs_of, keys_with_rules

TABLES = {"given_start": given_start.RULES}

LINEUP = (
    "وضمت القائمة سلطان الكرفاني ، ماجد الدحيلان ، فهد البرقاوي ، خالد الشعلاني إلى جانب آخرين .",
    "وشارك في التدريب سلطان الكرفاني وماجد الدحيلان وفهد البرقاوي بعد غياب .",
    "وغاب عن المباراة ماجد الدحيلان ، فهد البرقاوي ، سلطان الكرفاني بسبب الإصابة .",
)
FAMILY = (  # the family word printed only after a given name; never after a cue
    "سجل ياسر القنطوري هدفين في المباراة الودية أمس .",
    "وعاد ياسر القنطوري إلى التدريبات الجماعية .",
    "أشاد الجمهور بأداء ياسر القنطوري في الشوط الثاني .",
)
COMMON = (  # خلف and حسن are common words here: no person
    "جرت المفاوضات خلف الكواليس بين الطرفين .",
    "تحدث الوزير عن خلف الكواليس في الاجتماع .",
    "أكد البيان على حسن الجوار بين البلدين .",
    "دعا إلى حسن الجوار واحترام السيادة .",
    "وصدر البيان باسم ناصر القرملي أمس .",  # باسم: ب + اسم, not the given name
    "ووقع الاتفاق باسم ناصر القرملي وكيله .",
)
INSIDE = (  # the father's and grandfather's names: the whole name, not its end
    "وصل سعود بن مقرن بن فهد إلى المدينة .",
    "استقبل المسؤولون سعود بن مقرن بن فهد في المطار .",
    "غادر سعود بن مقرن بن فهد بعد الزيارة .",
)


@pytest.fixture
def known() -> KnownNames:
    return KnownNames(["المدينة"])


@contextmanager
def rule(on: bool) -> Iterator[None]:
    saved = given_start.RULES["given_start"]
    given_start.RULES["given_start"] = on
    try:
        yield
    finally:
        given_start.RULES["given_start"] = saved


def persons(texts: tuple[str, ...], known: KnownNames, on: bool = True) -> set[str]:
    return keys_with_rules(TABLES, texts, known, "person", on=("given_start",) if on else (),
                           off=() if on else ("given_start",))


def test_the_rule_is_on_by_default():
    assert given_start.RULES == {"given_start": True}


def test_a_lineup_gives_every_item_a_person(known):
    # catches: a player the day prints only in a line-up had no way in (no cue before any of them)
    assert {"سلطان الكرفاني", "ماجد الدحيلان", "فهد البرقاوي"} <= persons(LINEUP, known)
    assert not {"سلطان الكرفاني", "ماجد الدحيلان"} & persons(LINEUP, known, on=False)


def test_a_word_printed_only_after_a_given_name_is_a_family_name(known):
    assert "ياسر القنطوري" in persons(FAMILY, known)
    assert "ياسر القنطوري" not in persons(FAMILY, known, on=False)


def test_a_given_name_that_is_a_common_word_starts_no_person(known):
    # catches: خلف الكواليس, حسن الجوار and (the lead, stop 38) باسم ناصر القرملي read as persons (given_common.txt)
    assert not {"خلف الكواليس", "حسن الجوار", "باسم ناصر القرملي"} & persons(COMMON, known)


def test_a_name_inside_a_longer_name_is_not_cut(known):
    found = persons(INSIDE, known)
    assert "مقرن بن فهد" not in found  # the end of سعود بن مقرن بن فهد is not a person of its own
    assert "سعود بن مقرن بن فهد" in found


def test_stored_with_no_cue_and_its_documents_counted(known):
    with rule(True):
        c = by_name(discover_day(docs_of(*FAMILY), known), "ياسر القنطوري")
    assert c is not None and c.cue_docs == 0 and c.shape["given_docs"] == 3 and c.docs == 3


def test_too_little_evidence_is_not_stored(known):
    # three documents of one outlet: below MIN_OUTLETS
    docs = [DayDoc(id=f"d{i}", source_id="s0", title="", body=t, cluster_id=f"d{i}") for i, t in enumerate(FAMILY)]
    with rule(True):
        cands = discover_day(docs, known)
    assert by_name(cands, "ياسر القنطوري") is None


def test_the_score_weighs_a_cue_free_document_at_given_weight():
    days = [{"day": "2015-07-21", "docs": 4, "stories": 4, "cue_docs": 0, "outlets": ["a", "b"],
             "shape": {"given_docs": 4}}]
    as_of = date(2015, 7, 21)
    with rule(False):
        assert score(days, as_of)["score"] == 0.0  # off: no cue, no score
    with rule(True):
        on = score(days, as_of)["score"]
        full = score([dict(days[0], cue_docs=4)], as_of)["score"]
    assert on == pytest.approx(full * given_start.GIVEN_WEIGHT / MIN_CUE_SHARE, rel=1e-3)
