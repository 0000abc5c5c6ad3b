"""Name discovery, stop 40 (helper E): an organization's first words that the day never prints alone are a stem, not
a name (``org_stem``): each of its runs takes its own way on when that way is printed by two stories or more, instead
of all being cut to the stem (جمعية النور للمسرح / للرماية / للتمريض, not جمعية النور). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented."""

from __future__ import annotations

import pytest

from pipeline import discovery_stem
from pipeline.discovery import DayDoc, KnownNames, choose_extents, discover_day, name_key
from pipeline.discovery_scan import Occurrence
from pipeline.discovery_stem import is_stem, several_stories
from pipeline.normalize import normalize

WAYS = ("للمسرح", "للرماية", "للتمريض")


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def occ(name: str, doc: int) -> Occurrence:
    words = tuple(normalize(name).split())
    return Occurrence("org", words, words, doc, 0)


def extents(occurrences: list[Occurrence], stories: list[str] | None, on: bool = True) -> set[str]:
    saved = discovery_stem.RULES["org_stem"]
    discovery_stem.RULES["org_stem"] = on
    try:
        return {name_key(o.words[:k]) for o, k in choose_extents(occurrences, stories=stories)}
    finally:
        discovery_stem.RULES["org_stem"] = saved


def _stem_day(alone: int = 0) -> list[Occurrence]:
    # جمعية النور goes on three ways, two documents each (one going on: بالمدينة); ``alone`` more end the run on it
    runs = [occ(f"جمعية النور {way}" + (" بالمدينة" if j else ""), 2 * i + j) for i, way in enumerate(WAYS)
            for j in range(2)]
    return runs + [occ("جمعية النور", 6 + i) for i in range(alone)]


def test_a_stem_the_day_never_prints_alone_goes_its_ways():
    stories = [f"s{i}" for i in range(6)]
    on = extents(_stem_day(), stories)
    assert on == {key(f"جمعية النور {way}") for way in WAYS}
    assert extents(_stem_day(), stories, on=False) == {key("جمعية النور")}  # no way holds half: the stem


def test_a_name_printed_alone_is_extended_as_before():
    stories = [f"s{i}" for i in range(9)]
    assert extents(_stem_day(alone=3), stories) == {key("جمعية النور")}


def test_one_storys_copies_keep_the_stem():
    stories = [f"s{i // 2}" for i in range(6)]  # each way printed by the two copies of one story
    assert extents(_stem_day(), stories) == {key("جمعية النور")}


def test_past_the_stem_only_ways_of_several_stories():
    # every run of the second way goes on into one story's sentence (المنعقد): the ratio would take it
    runs = [occ(f"جمعية النور {way}", 2 * i + j) for i, way in enumerate(WAYS) for j in range(2)]
    runs[2] = occ("جمعية النور للرماية المنعقد", 2)
    runs[3] = occ("جمعية النور للرماية المنعقد", 3)
    runs.append(occ("جمعية النور للرماية", 6))
    stories = ["a", "b", "c", "c", "e", "f", "g"]
    assert key("جمعية النور للرماية") in extents(runs, stories)
    assert key("جمعية النور للرماية المنعقد") not in extents(runs, stories)


def test_persons_are_not_asked():
    runs = [Occurrence("person", tuple(normalize(f"سالم النوري {w}").split()), (), i, 0)
            for i, w in enumerate(("الكبير", "الكبير", "الصغير", "الصغير", "الاول", "الاول"))]
    assert {name_key(o.words[:k]) for o, k in choose_extents(runs, stories=[str(i) for i in range(6)])} == {
        key("سالم النوري")}


def test_is_stem_reads_the_days_counts():
    assert is_stem("org", 0, 6, {0, 1}, ["a", "b"])
    assert is_stem("org", 1, 10, {0, 1}, None)  # without the stories: each document its own
    assert not is_stem("org", 2, 10, {0, 1}, ["a", "b"])  # the day prints it alone in 20 %
    assert not is_stem("org", 0, 6, {0, 1}, ["a", "a"])  # one story
    assert not is_stem("person", 0, 6, {0, 1}, ["a", "b"])
    assert not is_stem("org", 0, 0, set(), None)
    assert several_stories({0, 2}, ["a", "b", "c"]) and not several_stories({0}, ["a"])


@pytest.fixture()
def known() -> KnownNames:
    return KnownNames(["تبوك"])


def _docs() -> list[DayDoc]:
    texts = [f"وأعلنت جمعية النور {way} {where}، أمس عن برنامجها." for way in WAYS for where in ("بالمدينة ", "")]
    texts += ["وأقيم الحفل بعد الظهر في القاعة الكبرى.", "وعاد الوفد بعد يومين من الزيارة."]
    return [DayDoc(id=f"d{i}", source_id=f"o{i % 3}", title="", body=t, cluster_id=f"c{i}")
            for i, t in enumerate(texts)]


def test_a_day_reads_the_names_past_the_stem(known):
    saved = discovery_stem.RULES["org_stem"]
    try:
        orgs = {c.name for c in discover_day(_docs(), known) if c.kind == "org"}
        discovery_stem.RULES["org_stem"] = False
        before = {c.name for c in discover_day(_docs(), known) if c.kind == "org"}
    finally:
        discovery_stem.RULES["org_stem"] = saved
    assert {key(f"جمعية النور {way}") for way in WAYS} <= orgs
    assert not {key(f"جمعية النور {way}") for way in WAYS} & before
