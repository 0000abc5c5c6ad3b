"""Name discovery's lists (pipeline.discovery_lists): a name coordinated with a known name of the same kind.

The sentences are written for these tests (not corpus text)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline import discovery_lists
from pipeline.discovery import DayDoc, KnownNames, discover_day
from pipeline.discovery_lists import list_factor

KNOWN = {"ليونيل ميسي": "person", "ميسي": "person", "أبل": "org", "نادي برشلونة": "org", "مدينة الرياض": "place"}


@pytest.fixture
def lists_on() -> Iterator[None]:
    old = dict(discovery_lists.RULES)
    discovery_lists.RULES["lists"] = True
    yield
    discovery_lists.RULES.update(old)


def _found(texts: list[str], kinds: dict[str, str] = KNOWN) -> dict[str, str]:
    docs = [DayDoc(id=str(i), source_id=f"outlet{i % 3}", title="", body=t) for i, t in enumerate(texts)]
    known = KnownNames(list(kinds), kinds=kinds)
    return {c.name: c.kind for c in discover_day(docs, known)}


def test_a_name_after_a_known_name_of_its_kind(lists_on: None) -> None:
    found = _found([
        "وأشاد المدرب بأداء ليونيل ميسي وكريم بنزيما في مباراة أمس .",
        "وغاب ليونيل ميسي وكريم بنزيما عن التدريبات بسبب الإصابة .",
        "وسجل كريم بنزيما هدف الفوز في الدقيقة الأخيرة .",  # printed bare too: the و is the conjunction
    ])
    assert found.get("كريم بنزيما") == "person"
    assert not any(name.startswith("كريم بنزيما ") for name in found)  # the extent ends at في / عن


def test_a_name_before_a_known_name_and_an_enumeration(lists_on: None) -> None:
    found = _found([
        "وتتنافس في السوق شركات مثل سامسونج وأبل على الهواتف الذكية .",
        "وقال المحلل إن سامسونج وأبل تتنافسان بقوة هذا العام .",
    ])
    assert found.get("سامسونج") == "org"


def test_a_common_phrase_coordinated_with_a_name_is_not_suggested(lists_on: None) -> None:
    found = _found([
        "واستقبل الرئيس ليونيل ميسي والوفد المرافق له في القصر .",
        "والتقى ليونيل ميسي وغيرهم من النجوم في الحفل ، وكان الوفد كبيرا .",
        "وحضر ميسي ونظيره في الحفل الكبير مع وفد النادي .",
    ])
    assert not found, found


def test_one_word_organizations_in_a_list_of_one_word_names(lists_on: None) -> None:
    kinds = {"سابك": "org", "الإنماء": "org"}
    found = _found([
        "وارتفعت أسهم الإنماء وسابك ودار وكيان في تداولات اليوم .",
        "وتراجعت أسهم سابك وكيان في نهاية الجلسة .",
        "وأعلنت كيان عن نتائجها ، وبقيت دار الأيتام مفتوحة .",
    ], kinds)
    assert found.get("كيان") == "org"
    assert "دار" not in found  # three letters: every دار, بدار would count as its mention


def test_the_kind_is_the_anchors_and_places_are_no_anchors(lists_on: None) -> None:
    found = _found([
        "وزار الوفد مدينة الرياض وتبوك في جولته .",
        "وانتقل اللاعب من نادي برشلونة وبايرن ميونيخ إلى فريق آخر .",
        "وتفاوض نادي برشلونة وبايرن ميونيخ على صفقة جديدة .",
        "وفاز بايرن ميونيخ في مباراة الأمس .",
    ])
    assert "تبوك" not in found
    assert found.get("بايرن ميونيخ") == "org"


def test_the_switch_and_the_ranking_factor(lists_on: None) -> None:
    texts = ["وأشاد المدرب بأداء ليونيل ميسي وكريم بنزيما في مباراة أمس .",
             "وغاب ليونيل ميسي وكريم بنزيما عن التدريبات بسبب الإصابة .",
             "وسجل كريم بنزيما هدف الفوز في الدقيقة الأخيرة ."]
    docs = [DayDoc(id=str(i), source_id="a", title="", body=t) for i, t in enumerate(texts)]
    cand = next(c for c in discover_day(docs, KnownNames(list(KNOWN), kinds=KNOWN)) if c.name == "كريم بنزيما")
    assert cand.shape["list_docs"] == cand.cue_docs == 2 and cand.docs == 3
    src = {"name": cand.name, "kind": "person", "days": [{"day": "2015-07-21", "docs": 2, "stories": 2,
                                                         "cue_docs": 2, "shape": cand.shape}]}
    assert list_factor(src) == discovery_lists.LIST_FACTOR
    discovery_lists.RULES["lists"] = False
    assert list_factor(src) == 1.0
    assert "كريم بنزيما" not in {c.name for c in discover_day(docs, KnownNames(list(KNOWN), kinds=KNOWN))}
