"""Name discovery, stop 38 (helper R): a person that is a phrase of common words is dropped (``common_pair``), a place
or a preposition's word carried before a given name is cut off (``carried_before``): ``pipeline.discovery_pair``.
Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented or common words."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline import discovery_pair
from pipeline.discovery import KnownNames, name_key
from pipeline.discovery_bare import DayWords
from pipeline.discovery_pair import carried_before, is_common_pair
from pipeline.normalize import normalize
from tests.discovery_day import all_rules_on, keys_with_rules

TABLES = {"common_pair": discovery_pair.RULES, "carried_before": discovery_pair.RULES}
GIVEN = frozenset(normalize(w) for w in ("محمد", "سامر", "عمر", "أحمد"))


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def words(name: str) -> tuple[str, ...]:
    return tuple(name_key(tuple(normalize(name).split())).split())


def day_of(**counts: int) -> tuple[DayWords, Counter[str]]:
    """A day whose document frequencies and word counts are ``counts`` (a word per name, ``_`` a space)."""
    c = Counter({normalize(w): n for w, n in counts.items()})
    return DayWords(frozenset(w[2:] for w in c if w.startswith("ال")), c), c


def given(w: str) -> bool:
    return w in GIVEN


def place(w: str) -> bool:
    return w == normalize("جدة")


@pytest.fixture()
def rules_on():
    yield from all_rules_on(TABLES)


def test_the_rules_are_on_by_default():
    assert discovery_pair.RULES == {"common_pair": True, "carried_before": True}


def test_a_verb_read_as_a_persons_first_word(rules_on):
    # catches: أمير المدينة يثمن جهود …, يرفض المثول: the day prints تثمن, ترفض
    day, df = day_of(تثمن=4, ترفض=3, يوم=40, اليوم=60)
    assert is_common_pair("person", key("يثمن جهود"), day, df, given)
    assert is_common_pair("person", key("يرفض المثول"), day, df, given)
    assert not is_common_pair("person", key("توم هاردي"), day, df, given)  # يوم is a noun (اليوم): not a verb
    assert not is_common_pair("org", key("يثمن جهود"), day, df, given)
    discovery_pair.RULES["common_pair"] = False
    assert not is_common_pair("person", key("يثمن جهود"), day, df, given)


def test_a_preposition_on_a_common_word(rules_on):
    # catches: الفريق الكونغولي بهدف نظيف, بكل شفافية, وليس العكس
    day, df = day_of(بهدف=30, الهدف=40, بكل=50, كل=300, وليس=40, ليس=90, لارون=2, ارون=6, ويلي=12, يلي=30)
    assert is_common_pair("person", key("بهدف نظيف"), day, df, given)
    assert is_common_pair("person", key("بكل شفافية"), day, df, given)
    assert is_common_pair("person", key("وليس العكس"), day, df, given)
    assert not is_common_pair("person", key("لارون دافيدسون"), day, df, given)  # a rare word: a name's
    assert not is_common_pair("person", key("ويلي نياميتوي"), day, df, given)  # يلي: a verb's ي, not judged


def test_a_common_word_needs_a_common_second_word(rules_on):
    # catches: مكافحة الإرهاب, خط الوسط; a family name has no bare form (الشمري), a given name is never judged
    day, df = day_of(مكافحة=30, المكافحة=8, إرهاب=12, خط=20, الخط=9, وسط=15, بدر=30, البدر=7, شمري=0)
    assert is_common_pair("person", key("مكافحة الإرهاب"), day, df, given)
    assert is_common_pair("person", key("خط الوسط"), day, df, given)
    assert not is_common_pair("person", key("مكافحة الشمري"), day, df, given)
    assert not is_common_pair("person", key("بدر عبدالعاطي"), day, df, given)
    assert not is_common_pair("person", key("محمد الإرهاب"), day, df, given)


def test_a_place_or_a_prepositions_word_before_a_given_name_is_cut_off(rules_on):
    day, df = day_of(بجدة=12, جدة=30)
    assert carried_before("person", words("بجدة عمر الجاسر"), day, df, given, place) == words("عمر الجاسر")
    assert carried_before("person", words("جدة سامر القحطاني"), day, df, given, place) == words("سامر القحطاني")
    # not cut: a given name first, no given name second, two words only, a common word alone, an organization
    assert carried_before("person", words("عمر أحمد الجاسر"), day, df, given, place) == words("عمر أحمد الجاسر")
    assert carried_before("person", words("بجدة الجاسر القحطاني"), day, df, given, place) == words(
        "بجدة الجاسر القحطاني")
    assert carried_before("person", words("بجدة عمر"), day, df, given, place) == words("بجدة عمر")
    assert carried_before("org", words("بجدة عمر الجاسر"), day, df, given, place) == words("بجدة عمر الجاسر")
    discovery_pair.RULES["carried_before"] = False
    assert carried_before("person", words("بجدة عمر الجاسر"), day, df, given, place) == words("بجدة عمر الجاسر")


def test_a_whole_day(rules_on):
    # a branch's director named after بجدة; a score read after a nationality
    texts = ("وأكد مدير فرع الجمعية بجدة سامر القحطاني أن المعرض ناجح.",
             "وقال مدير فرع الجمعية بجدة سامر القحطاني إن الزوار كثر.",
             "وصرح مدير فرع الجمعية بجدة سامر القحطاني للصحيفة.",
             *(f"وصل الوفد إلى جدة {n} وزار المعرض." for n in ("صباحا", "مساء", "ظهرا", "أمس", "اليوم")),
             *(f"فاز الفريق {n} بهدف نظيف على ضيفه." for n in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس",
                                                               "السادس", "السابع", "الثامن", "التاسع")),
             *(f"جاء الهدف الأول في الدقيقة {n}." for n in range(10, 16)),
             "فاز الفريق الكونغولي بهدف نظيف في المباراة.",
             "وفاز المنتخب الكاميروني بهدف نظيف أمس.")
    known = KnownNames(["جدة", "سعود الفيصل"], kinds={"سعود الفيصل": "person"})
    on = keys_with_rules(TABLES, texts, known, "person")
    off = keys_with_rules(TABLES, texts, known, "person", ("common_pair", "carried_before"))
    assert on == {name_key(words("سامر القحطاني"))}
    assert name_key(words("بجدة سامر القحطاني")) in off and name_key(words("بهدف نظيف")) in off
