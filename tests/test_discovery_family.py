"""Name discovery, stop 37 (helper H): a person is not carried on into a common word by several stories
(``family_word``: حسان الكربولي, not حسان الكربولي وكيل), while a frequent family name printed after many given
names is still taken (غازي العتيبي's العتيبي). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline import discovery_extent
from pipeline.discovery import KnownNames, name_key
from pipeline.discovery_extent import NameUses, carried_from_common, common_word
from pipeline.normalize import normalize
from tests.discovery_day import keys_with_rules

TABLES = {"family_word": discovery_extent.RULES}
FILLER = ("وأقيم الحفل بعد الظهر في القاعة الكبرى.", "وعاد الوفد بعد يومين من الزيارة.")


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def words(name: str) -> tuple[str, ...]:
    return tuple(normalize(name).split())


@pytest.fixture()
def known() -> KnownNames:
    return KnownNames(["تبوك"])


def persons(texts: tuple[str, ...], known: KnownNames, off: tuple[str, ...] = ()) -> set[str]:
    return keys_with_rules(TABLES, texts, known, "person", off)


# two stories (each document its own story) print the name carried on into وكيل; six others print وكيل after
# other words than name words
CARRIED = ("وقال الأستاذ حسان الكربولي وكيل نقابة المعلمين إن العمل مستمر.",
           "وأوضح الأستاذ حسان الكربولي وكيل نقابة المعلمين أن الموعد قريب.",
           *(f"وزار وكيل الوزارة المدينة رقم {i} أمس." for i in range(6)), *FILLER)


def test_several_stories_do_not_carry_a_person_into_a_common_word(known):
    on = persons(CARRIED, known)
    assert key("حسان الكربولي") in on
    assert not any(k.startswith(key("حسان الكربولي") + " ") for k in on)
    assert any(k.startswith(key("حسان الكربولي وكيل")) for k in persons(CARRIED, known, ("family_word",)))


def test_a_frequent_family_name_is_still_taken(known):
    # العتيبي: printed in many documents, but after given names (many men of one family)
    texts = ("وقال الأستاذ حسان غازي العتيبي إن العمل مستمر.", "وأوضح الأستاذ حسان غازي العتيبي أن الموعد قريب.",
             *(f"وشارك {g} العتيبي في اللقاء." for g in ("محمد", "عبدالله", "فهد", "سعد", "خالد", "سلطان")),
             "وأثنى العتيبي على الحضور.", *FILLER)
    assert key("حسان غازي العتيبي") in persons(texts, known)


def uses(named: dict[str, int], other: dict[str, int], pairs: dict[tuple[str, str], int]) -> NameUses:
    return NameUses(Counter(named), Counter(other), Counter(pairs), frozenset({"ديفيد"}))


def test_common_word_reads_the_days_name_uses():
    day = uses({"العتيبي": 6}, {"وكيل": 9, "العتيبي": 3, "خيا": 6}, {("دي", "خيا"): 6})
    assert common_word("person", words("حسان الكربولي وكيل"), 2, day)
    assert not common_word("person", words("حسان غازي العتيبي"), 2, day)  # mostly after given names
    assert not common_word("person", words("ديفيد دي خيا"), 2, day)  # printed after its own first words
    # a surname printed alone after verbs elsewhere (وقال ظريف) and after its bearer's given name in his documents
    zarif = NameUses(Counter({"ظريف": 3}), Counter({"ظريف": 9}), Counter({("جواد", "ظريف"): 3}), frozenset({"جواد"}))
    assert not common_word("person", words("محمد جواد ظريف"), 2, zarif)
    assert not common_word("org", words("حسان الكربولي وكيل"), 2, day)
    assert not common_word("person", words("حسان وكيل"), 1, day)  # the shortest name is not judged here
    assert not common_word("person", words("حسان الكربولي وكيل"), 2, None)


def test_a_name_carried_on_from_a_common_word_is_dropped():
    day = uses({}, {"قصف": 9, "الطائرات": 9}, {})
    assert carried_from_common(words("بختيار دوغان قصف"), 3, day)  # its last word is common
    assert carried_from_common(words("بختيار دوغان قصف الطائرات"), 4, day)  # قصف: no name word inside
    assert not carried_from_common(words("حسان غازي الكربولي"), 3, day)


def test_a_given_name_is_never_a_common_word():
    day = NameUses(Counter(), Counter({"جبران": 9}), Counter(), frozenset({"جبران"}))
    assert not common_word("person", words("جبران خليل جبران"), 2, day)
