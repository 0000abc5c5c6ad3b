"""Person cues the title list lacks: occupations, a role with its club, a work before its author (stop 32, helper A).

Fixture sentences written for these tests (invented persons and clubs: كوستاف لوريني, نادي زيرامو, سالم القرناوي …),
never corpus text.
"""

from __future__ import annotations

import pytest

from pipeline import discovery_given_start, discovery_roles
from pipeline.discovery import KnownNames, discover_day, gazetteer_aliases
from pipeline.discovery_cues import get_cues
from tests.discovery_day import by_name, docs_of


@pytest.fixture(scope="module")
def known() -> KnownNames:
    return KnownNames([*gazetteer_aliases(), "نادي زيرامو"])


@pytest.fixture
def rule():
    """A test switches the rules it reads on, the others off."""
    saved = dict(discovery_roles.RULES)
    for name in discovery_roles.RULES:
        discovery_roles.RULES[name] = False

    def switch(name: str) -> None:
        discovery_roles.RULES[name] = True

    yield switch
    discovery_roles.RULES.clear()
    discovery_roles.RULES.update(saved)


def test_no_cue_is_read_with_the_rules_off_and_no_cue_is_a_title(known, rule, monkeypatch):
    # the cue-free channel (given_start, stop 38) off too: it reads a given name before a family-shaped word without
    # any cue (tests/test_discovery_given_start.py)
    monkeypatch.setitem(discovery_given_start.RULES, "given_start", False)
    docs = docs_of("وقال الروائي المصري سالم القرناوي إن الكتابة صبر.",
                   "وأصدر الروائي المصري سالم القرناوي عملا جديدا.")
    assert by_name(discover_day(docs, known), "سالم القرناوي") is None  # (the fixture: every rule off)
    # a cue of roles.yaml that were a cue of cues.yaml would be read twice
    cue_phrases = {" ".join(t) for opts in get_cues().cues.values() for t, _ in opts}
    for field in ("occupations", "club_roles", "works", "nationalities"):
        assert not [w for w in discovery_roles._lexicon()[field] if " ".join(w) in cue_phrases], field


def test_the_kept_rules_are_on_by_default():
    # occupations and a role with its club kept at stop 32; a work before its author measured and not kept; a
    # nationality before a given name kept at stop 35
    assert discovery_roles.RULES == {"occupations": True, "club_roles": True, "works": False, "nationality": True}


def test_an_occupation_before_a_name_with_a_nationality_between(known, rule):
    # catches: writers, artists and players cited after an occupation the title list lacks were never candidates
    rule("occupations")
    docs = docs_of(
        "وقال الروائي المصري سالم القرناوي إن الكتابة صبر، وحضر الحفل المهاجم الدولي الهولندي كوستاف لوريني.",
        "وأصدر الروائي المصري سالم القرناوي عملا جديدا. وتعافى المهاجم الدولي الهولندي كوستاف لوريني من إصابته.",
        "ونعى المثقفون الراحل ضياء الحلواني أمس.", "وشيع الراحل ضياء الحلواني إلى مثواه.",
    )
    cands = discover_day(docs, known)
    for name in ("سالم القرناوي", "كوستاف لوريني", "ضياء الحلواني"):
        cand = by_name(cands, name)
        assert cand is not None and cand.kind == "person" and cand.cue_docs == 2, name
    assert not any(c.name.startswith(("الدولي", "الهولندي", "المصري")) for c in cands)


def test_an_occupation_word_as_a_common_noun_gives_no_name(known, rule):
    rule("occupations")
    docs = docs_of("وتقدم المهاجم الدولي الكرة إلى الأمام وسدد بقوة.", "وتقدم المهاجم الدولي الكرة إلى المرمى.",
                   "وأغلق الحارس الشخصي أبواب القاعة أمام الجمهور.", "وأغلق الحارس الشخصي أبواب القاعة مساء.",
                   "وفتحت الأبواب للجمهور صباحا.")  # the day prints الأبواب: أبواب is a common word, no name
    cands = discover_day(docs, known)
    assert [c.name for c in cands if c.kind == "person"] == []


def test_a_role_and_its_club_are_skipped_before_the_name(known, rule):
    # catches: مهاجم <club> <name> took the club for the name's first word, or nothing was read
    rule("club_roles")
    docs = docs_of(
        "وسجل مهاجم زيرامو كوستاف لوريني هدفين، وقال مدرب المنتخب الأول فيرنو باسكال إنه سعيد.",
        "وأشاد مدرب المنتخب الأول فيرنو باسكال بأداء مهاجم زيرامو كوستاف لوريني.",
        "وانتقل لاعب نادي كارتونا ميلوش ستانكو إلى الدوري الإيطالي.", "وكان لاعب نادي كارتونا ميلوش ستانكو مصابا.",
    )
    cands = discover_day(docs, known)
    for name in ("كوستاف لوريني", "فيرنو باسكال", "ميلوش ستانكو"):
        cand = by_name(cands, name)
        assert cand is not None and cand.kind == "person" and cand.cue_docs == 2, name
    assert not any(c.name.startswith(("زيرامو", "كارتونا")) for c in cands)


def test_a_role_before_a_word_that_is_no_known_club_gives_no_name(known, rule):
    rule("club_roles")
    docs = docs_of("وقال إن لاعب كرة السلة يحتاج إلى تدريب طويل.", "وقال إن لاعب كرة السلة يحتاج إلى صبر.",
                   "ويبحث النادي عن مهاجم صريح قوي البنية.", "ويبحث النادي عن مهاجم صريح قوي البنية وسريع.")
    cands = discover_day(docs, known)
    assert [c.name for c in cands if c.kind == "person"] == []


def test_a_work_before_its_author_needs_a_given_name(known, rule):
    rule("works")
    docs = docs_of(
        "وقرأ الطلاب رواية خالد الزيادي الأخيرة، وكتاب حقوق الإنسان في العالم.",
        "وفازت رواية خالد الزيادي بالجائزة، وصدر كتاب حقوق الإنسان في طبعة ثانية.",
    )
    cands = discover_day(docs, known)
    cand = by_name(cands, "خالد الزيادي")
    assert cand is not None and cand.kind == "person" and cand.cue_docs == 2
    assert by_name(cands, "حقوق الانسان") is None and not any(c.name.startswith("حقوق") for c in cands)


def test_a_cue_before_punctuation_gives_nothing(known, rule):
    for name in discovery_roles.RULES:
        rule(name)
    docs = docs_of("وقرأ رواية، ثم قصيدة. وقال المهاجم: سنفوز. وقال مدرب المنتخب: سنفوز.")
    assert [c.name for c in discover_day(docs, known) if c.kind == "person"] == []


def test_a_nationality_before_a_given_name_is_a_person_cue(known, rule):
    # catches: players and politicians cited after their nationality alone (والعماني …) were never candidates
    rule("nationality")
    docs = docs_of(
        "وتعاقد النادي مع العماني سالم القرناوي والتونسي فارس الدوعاني لموسم واحد.",
        "وانضم العماني سالم القرناوي إلى الفريق، وغاب التونسي فارس الدوعاني عن التدريب.",
    )
    cands = discover_day(docs, known)
    for name in ("سالم القرناوي", "فارس الدوعاني"):
        cand = by_name(cands, name)
        assert cand is not None and cand.kind == "person" and cand.cue_docs == 2, name


def test_a_nationality_before_a_word_that_is_no_given_name_gives_no_name(known, rule):
    rule("nationality")
    # the same adjectives after a noun; a name that starts with no common given name (as after a work)
    docs = docs_of("وانطلق الدوري السعودي للمحترفين أمس، وتقدم الجيش السوري الحر نحو المدينة.",
                   "ويبدأ الدوري السعودي للمحترفين غدا، وانسحب الجيش السوري الحر من المدينة.",
                   "وغاب التونسي كوستاف لوريني عن التدريب.", "وعاد التونسي كوستاف لوريني إلى التدريب.")
    assert [c.name for c in discover_day(docs, known) if c.kind == "person"] == []
