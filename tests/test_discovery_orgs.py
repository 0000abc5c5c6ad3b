"""Name discovery, stop 36 (helper E): organizations after a cue — an institution named after a titled person is not
that person and, after ``titled_org_heads``, an organization (``titled_institution``: كلية الملك … الأمنية); an
organization inside a person's role is read (``role_orgs``: مدير جامعة … الدكتور …); an organization's name ends at
ب / و + a common word of the day after its first word (``org_join``: مستشفى … بجدة). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented or common words."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from pipeline import discovery_runon, discovery_scan
from pipeline.discovery import KnownNames, name_key
from pipeline.discovery_cues import get_cues
from pipeline.discovery_scan import cue_occurrences, tokenize
from pipeline.normalize import normalize
from tests.discovery_day import all_rules_on, keys_with_rules

TABLES = {"titled_institution": discovery_scan.RULES, "role_orgs": discovery_scan.RULES,
          "org_join": discovery_runon.RULES}
FILLER = ("وأقيم الحفل بعد الظهر في القاعة الكبرى.", "وعاد الوفد بعد يومين من الزيارة.")


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def found(texts: tuple[str, ...], kind: str, off: tuple[str, ...] = ()) -> set[str]:
    return keys_with_rules(TABLES, texts, KnownNames(["جدة"]), kind, off)


@pytest.fixture()
def rules_on():
    yield from all_rules_on(TABLES)


def occurrences(text: str) -> list[tuple[str, str]]:
    return [(o.kind, " ".join(o.words)) for o in cue_occurrences(tokenize(text), 0, get_cues())]


def test_a_college_named_after_a_king_is_an_organization_not_a_person(rules_on):
    # catches: مدير كلية الملك … الأمنية — the role's skip passed كلية and الملك, and the person read started at the
    # king's name (فهد الأمنية); كلية is no organization head, so the college was never a candidate
    texts = ("أعلن مدير كلية الملك سلمان الأمنية اللواء سامي المطيري بدء القبول.",
             "وأعلنت كلية الملك سلمان الأمنية أسماء المقبولين.",
             "وقالت إدارة كلية الملك سلمان الأمنية إن الدفعة كبيرة.", *FILLER)
    orgs, persons = found(texts, "org", ("role_orgs",)), found(texts, "person", ("role_orgs",))
    assert key("كلية الملك سلمان الأمنية") in orgs
    assert key("سامي المطيري") in persons and key("سلمان الأمنية") not in persons
    off = ("titled_institution", "role_orgs")
    assert key("سلمان الأمنية") in found(texts, "person", off)
    assert key("كلية الملك سلمان الأمنية") not in found(texts, "org", off)


def test_a_college_alone_is_no_cue(rules_on):
    # كلية is a common noun without a title after it (كلية الطب): only كلية + الملك / الأمير … is a cue
    assert not any(kind == "org" for kind, _ in occurrences("درس في كلية الطب ثم عمل في المستشفى."))


def test_a_hospital_named_after_a_prince_before_a_name(rules_on):
    # مساعد مدير مستشفى الأمير … محمد …: the person is the one after the hospital, not the prince's name + his
    assert ("person", key("محمد الحركي")) in occurrences("وقال مساعد مدير مستشفى الأمير متعب محمد الحركي إن العمل بدأ.")
    discovery_scan.RULES["titled_institution"] = False
    assert ("person", key("متعب محمد الحركي")) in occurrences(
        "وقال مساعد مدير مستشفى الأمير متعب محمد الحركي إن العمل بدأ.")


def test_an_organization_inside_a_role_is_read(rules_on):
    # catches: a university cited by its director's role only (مدير جامعة … الدكتور …) had no cue document
    texts = ("وقال مدير جامعة الوادي الأخضر الدكتور سامي المطيري إن التسجيل بدأ.",
             "وأكد مدير جامعة الوادي الأخضر الدكتور سامي المطيري أن القبول اكتمل.", *FILLER)
    assert key("جامعة الوادي الأخضر") in found(texts, "org")
    assert key("سامي المطيري") in found(texts, "person")
    assert key("جامعة الوادي الأخضر") not in found(texts, "org", ("role_orgs",))


def test_only_titled_institution_is_on_by_default():
    # role_orgs and org_join were measured at stop 36 and not kept (docs/benchmarks.md, "stop 36 (helper E)")
    assert discovery_scan.RULES["role_orgs"] is False and discovery_runon.RULES["org_join"] is False
    assert discovery_scan.RULES["titled_institution"] is True


def test_an_organization_in_a_role_ends_before_the_name(rules_on):
    # the role's organization has no title after it: its run ends where the person's name starts
    occ = occurrences("وقال محافظ مؤسسة الواحة العربية فهد المبارك إن السوق مستقر.")
    assert ("org", key("مؤسسة الواحة العربية")) in occ and ("person", key("فهد المبارك")) in occ


def test_an_organization_ends_at_a_preposition_on_a_common_word(rules_on):
    # catches: مستشفى … بجدة وفد …: the place after ب carried the name on (the day prints جدة in 5+ documents)
    city = tuple(f"وصل الوفد {n} إلى جدة أمس." for n in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس"))
    texts = ("وتم افتتاح مستشفى النخيل الأهلي بجدة صباح اليوم.",
             "ويستقبل مستشفى النخيل الأهلي بجدة المراجعين بعد الظهر.", *city)
    orgs = found(texts, "org")
    assert key("مستشفى النخيل الأهلي") in orgs
    assert not any("بجده" in k for k in orgs)
    assert any("بجده" in k for k in found(texts, "org", ("org_join",)))


def test_the_join_words_of_a_day():
    # ب + a word the day prints bare in 5+ documents; not ب + the article (هيئة الأمر بالمعروف), not a given name
    joined = discovery_runon.org_join_words(Counter({"بجده": 3, "جده": 9, "بالرياض": 2, "الرياض": 9}), get_cues(),
                                            frozenset({"وامام", "والعمل"}))
    assert joined == {"بجده", "وامام"}


def test_the_first_word_after_the_head_is_not_cut(rules_on):
    # a name's first word may look like و + a word (مجموعة واعد): only the words after it end the name
    cues = replace(get_cues(), org_joins=frozenset({normalize("واعد"), normalize("بجدة")}))
    occ = [(o.kind, " ".join(o.words)) for o in cue_occurrences(tokenize("أعلنت مجموعة واعد القابضة بجدة نتائجها."), 0,
                                                                 cues)]
    assert ("org", key("مجموعة واعد القابضة")) in occ
