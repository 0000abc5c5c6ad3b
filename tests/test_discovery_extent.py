"""Name discovery, stop 36 (helper F): where a person's name ends — a lineage takes its family name
(``lineage_family``: عمر بن صالح العمري, not عمر بن صالح), and the copies of one story do not carry a person into a
common word of the day (``story_extend``: كريم شلباية, not كريم شلباية مذكرات). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented."""

from __future__ import annotations

import pytest

from pipeline import discovery_extent
from pipeline.discovery import DayDoc, KnownNames, discover_day, name_key
from pipeline.discovery_extent import common_tail, family_follows
from pipeline.normalize import normalize
from tests.discovery_day import keys_with_rules

TABLES = {"lineage_family": discovery_extent.RULES, "story_extend": discovery_extent.RULES}
FILLER = ("وأقيم الحفل بعد الظهر في القاعة الكبرى.", "وعاد الوفد بعد يومين من الزيارة.")


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


@pytest.fixture()
def known() -> KnownNames:
    return KnownNames(["تبوك"])


def persons(texts: tuple[str, ...], known: KnownNames, off: tuple[str, ...] = ()) -> set[str]:
    return keys_with_rules(TABLES, texts, known, "person", off)


def test_a_lineage_takes_its_family_name(known):
    # two men whose names start alike: each his own name, not the start عمر بن صالح (every mention goes on)
    texts = ("وقال الأستاذ عمر بن صالح العمري إن العمل مستمر.", "وأوضح الأستاذ عمر بن صالح الدوسري أن الموعد قريب.",
             *FILLER)
    on = persons(texts, known)
    assert key("عمر بن صالح") not in on
    assert {key("عمر بن صالح العمري"), key("عمر بن صالح الدوسري")} <= on
    assert key("عمر بن صالح") in persons(texts, known, ("lineage_family",))


def test_a_lineage_printed_alone_stays(known):
    texts = ("وقال الأستاذ عمر بن صالح ، إن العمل مستمر.", "وأوضح الأستاذ عمر بن صالح ، أن الموعد قريب.", *FILLER)
    assert key("عمر بن صالح") in persons(texts, known)


def test_family_follows_only_after_a_lineage_and_before_no_connector():
    words = tuple(normalize("عمر بن صالح بن حمد العمري").split())
    assert not family_follows("person", words, 3)  # بن follows: a lineage of princes goes on as before
    assert family_follows("person", words, 5)
    assert not family_follows("org", words, 5)
    assert not family_follows("person", tuple(normalize("عمر صالح العمري").split()), 2)


def _day(copies_in_one_story: bool) -> list[DayDoc]:
    story = ["وقال الفنان كريم شلباية مذكرات ، إن العمل مستمر.", "وقال الفنان كريم شلباية مذكرات ، إن العمل مستمر."]
    common = [f"صدرت مذكرات جديدة في المعرض رقم {i}." for i in range(6)]
    common += ["وأكد الفنان كريم شلباية ، أن الحفل ناجح.", "ورحب الفنان كريم شلباية ، بالضيوف."]  # the name alone
    docs = [DayDoc(id=f"s{i}", source_id=f"o{i}", title="", body=t, cluster_id="c0" if copies_in_one_story else f"c{i}")
            for i, t in enumerate(story)]
    return docs + [DayDoc(id=f"d{i}", source_id="o9", title="", body=t, cluster_id=f"d{i}")
                   for i, t in enumerate(common)]


def _keys(docs: list[DayDoc], known: KnownNames, on: bool = True) -> set[str]:
    # stop 37's family_word (tests/test_discovery_family.py) would stop the run of several stories too: off here
    saved = discovery_extent.RULES["story_extend"], discovery_extent.RULES["family_word"]
    discovery_extent.RULES["story_extend"], discovery_extent.RULES["family_word"] = on, False
    try:
        return {c.name for c in discover_day(docs, known) if c.kind == "person"}
    finally:
        discovery_extent.RULES["story_extend"], discovery_extent.RULES["family_word"] = saved


def test_one_storys_copies_do_not_carry_a_person_into_a_common_word(known):
    # مذكرات (memoirs) is printed in 8 of the day's documents; the one story printing it after the name has 2 copies
    assert key("كريم شلباية") in _keys(_day(True), known)
    assert key("كريم شلباية مذكرات") not in _keys(_day(True), known)
    assert key("كريم شلباية مذكرات") in _keys(_day(True), known, on=False)


def test_two_stories_extend_as_before(known):
    assert key("كريم شلباية مذكرات") in _keys(_day(False), known)


def test_common_tail_reads_the_days_documents():
    from collections import Counter

    df = Counter({"مذكرات": 8, "الغبان": 2})
    assert common_tail("person", "مذكرات", {0, 1}, ["c", "c"], df)
    assert not common_tail("person", "الغبان", {0, 1}, ["c", "c"], df)  # a family name: printed with its bearer
    assert not common_tail("person", "مذكرات", {0, 1}, ["c", "d"], df)  # two stories
    assert not common_tail("org", "مذكرات", {0, 1}, ["c", "c"], df)
    assert not common_tail("person", "مذكرات", {0, 1}, None, df)  # without the stories: as before
