"""Name discovery, stop 39 (helper T): a body named after its place, its head chosen by the day's statistics
(``place_authority``: ``pipeline.discovery_placeorg``), and a one-word organization read only in a list and printed
mostly without a cue (``lone_list_org``: ``pipeline.discovery_lists.list_factor``). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the persons in them are invented."""

from __future__ import annotations

import pytest

from pipeline import discovery_lists, discovery_placeorg
from pipeline.discovery import KnownNames, name_key
from pipeline.discovery_cues import get_cues
from pipeline.discovery_lists import LIST_FACTOR, list_factor
from pipeline.discovery_placeorg import place_heads_of_day, place_org_occurrences
from pipeline.discovery_scan import tokenize
from pipeline.normalize import normalize
from tests.discovery_day import all_rules_on, keys_with_rules

TABLES = {"place_authority": discovery_placeorg.RULES, "lone_list_org": discovery_lists.RULES}
PLACES = ("جدة", "الرياض", "تبوك", "أبها", "حائل", "ينبع")
KNOWN = KnownNames([*PLACES, "سالم الحربي"], kinds={"سالم الحربي": "person"})  # with kinds: the rest are places

POLICE = (
    "قال مدير شرطة جدة اللواء سالم الحربي إن الدوريات ضبطت المتهمين في الحي .",
    "أعلن المتحدث الرسمي باسم شرطة الرياض أن الحادث وقع ليلا قرب السوق .",
    "وقال مدير شرطة تبوك إن التحقيق في البلاغ جار منذ أمس .",
    "باشرت شرطة أبها البلاغ صباح أمس ونقلت المصابين .",
    "نقلت شرطة حائل المصابين إلى المستشفى بعد الحادث .",
    "تمكنت شرطة جدة من القبض على الجناة خلال يومين .",
    "وأوضح الناطق الإعلامي لشرطة ينبع أن الدوريات باشرت الموقع .",
)
NOT_BODIES = (
    "هطلت أمطار غزيرة شمال جدة وشمال الرياض وشمال تبوك وشمال أبها وشمال حائل أمس .",
    "قال مدير تعليم جدة ومدير تعليم الرياض ومدير تعليم تبوك ومدير تعليم أبها إن الدراسة تبدأ .",
    "استقبل رئيس جمهورية مصر ورئيس جمهورية تونس ورئيس جمهورية العراق ورئيس جمهورية السودان الوفود .",
)


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def is_place(word: str) -> bool:
    return word in {key(p) for p in PLACES}


@pytest.fixture()
def rules_on():
    yield from all_rules_on(TABLES)


def test_the_rules_are_on_by_default():
    assert discovery_placeorg.RULES == {"place_authority": True}
    assert discovery_lists.RULES["lone_list_org"] is True


def test_a_word_before_many_places_after_officials_is_a_head_of_the_day(rules_on):
    tokenized = [tokenize(t) for t in POLICE + NOT_BODIES]
    # a direction (no ة, no officials), a service noun (تعليم: a ministry's branch, no ة), a state before countries
    assert place_heads_of_day(tokenized, get_cues(), is_place) == {key("شرطة")}
    found = {" ".join(o.words) for o in place_org_occurrences(tokenized, get_cues(), is_place)}
    assert found == {key(f"شرطة {p}") for p in PLACES}  # لشرطة ينبع: the clitic off, the extent head + place only


def test_a_head_needs_enough_places_and_officials(rules_on):
    cues = get_cues()
    assert place_heads_of_day([tokenize(t) for t in POLICE[:3]], cues, is_place) == frozenset()  # three places
    no_officials = [t.replace("مدير ", "").replace("المتحدث الرسمي باسم ", "").replace("الناطق الإعلامي ", "")
                    for t in POLICE]
    assert place_heads_of_day([tokenize(t) for t in no_officials], cues, is_place) == frozenset()


def test_the_day_reads_the_body_named_after_its_place(rules_on):
    texts = (*POLICE, *NOT_BODIES, "وأكد مدير شرطة منطقة تبوك أن الدوريات باشرت الحادث .",
             "وقال الناطق باسم شرطة منطقة تبوك إن المصاب نقل إلى المستشفى .")
    orgs = keys_with_rules(TABLES, texts, KNOWN, "org")
    assert key("شرطة جدة") in orgs and key("شرطة ينبع") in orgs
    assert key("شرطة منطقة تبوك") in orgs  # with a place head: not generic (is_generic reads head + منطقة so)
    assert not any(k.startswith((key("شمال"), key("تعليم"), key("جمهورية"))) for k in orgs)
    assert not any(k.startswith(key("شرطة")) for k in keys_with_rules(TABLES, texts, KNOWN, "org",
                                                                       off=("place_authority",)))


def _listed(name: str, docs: int, kind: str = "org") -> dict:
    return {"name": key(name), "kind": kind, "days": [{"day": "2015-07-21", "docs": docs, "cue_docs": 1,
                                                       "shape": {"list_docs": 1}}]}


def test_a_one_word_list_organization_printed_mostly_without_a_cue_ranks_zero(rules_on):
    assert list_factor(_listed("عصابة", 28)) == 0.0  # 1 list document of 28
    assert list_factor(_listed("بلومبرج", 7)) == LIST_FACTOR  # 1 of 7: a name read in a list
    assert list_factor(_listed("شركة الندى", 28)) == LIST_FACTOR  # two words
    assert list_factor(_listed("عصابة", 28, kind="person")) == LIST_FACTOR
    discovery_lists.RULES["lone_list_org"] = False
    assert list_factor(_listed("عصابة", 28)) == LIST_FACTOR


def test_an_organization_with_a_possessive_word_is_a_phrase():
    """``tail_suffixed`` (``pipeline.discovery_orgtail``): a word after the head that is the day's stem + a pronoun
    suffix (أسهم 123 شركة تداولاتها: "ended their trading") is no name's word."""
    from pipeline import discovery_orgtail
    from pipeline.discovery_orgtail import is_org_suffixed

    suffixed = frozenset({key("تداولاتها"), key("تؤسسه")})
    assert is_org_suffixed("org", key("شركة تداولاتها"), suffixed)
    assert is_org_suffixed("org", key("صندوق تؤسسه المصارف"), suffixed)
    assert not is_org_suffixed("org", key("نادي أبها الأدبي"), suffixed)
    assert not is_org_suffixed("person", key("شركة تداولاتها"), suffixed)
    saved = dict(discovery_orgtail.RULES)
    try:
        discovery_orgtail.RULES["tail_suffixed"] = False
        assert not is_org_suffixed("org", key("شركة تداولاتها"), suffixed)
    finally:
        discovery_orgtail.RULES.update(saved)
    texts = ("وأنهت أسهم 123 شركة تداولاتها على ارتفاع أمس .", "وأنهت أسهم 40 شركة تداولاتها على انخفاض .",
             *(f"ارتفعت تداولات السوق في الجلسة رقم {i} ." for i in range(6)))
    orgs = keys_with_rules({"tail_suffixed": discovery_orgtail.RULES}, texts, KNOWN, "org")
    assert key("شركة تداولاتها") not in orgs
    assert key("شركة تداولاتها") in keys_with_rules({"tail_suffixed": discovery_orgtail.RULES}, texts, KNOWN, "org",
                                                     off=("tail_suffixed",))
