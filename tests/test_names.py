"""Gazetteer names for search (pipeline/names.py): Latin-letter names, spellings and tag values."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from pipeline.names import Names, fold_latin, get_names, latin_key, skeleton

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def airflow_db() -> None:
    """Nothing here touches Airflow."""


@pytest.fixture(scope="module")
def names() -> Names:
    return get_names()


def ids(match) -> list[str]:
    return [e.id for e in match.entities] if match else []


@pytest.mark.parametrize(("typed", "entity"), [
    # the examples, listed as data in the gazetteers
    ("Dbeibah", "abdul-hamid-dbeibah"), ("Dbaiba", "abdul-hamid-dbeibah"), ("Dbeiba", "abdul-hamid-dbeibah"),
    ("Haftar", "khalifa-haftar"), ("Hafter", "khalifa-haftar"), ("Sirte", "sirte"), ("Surt", "sirte"),
    # English names, acronyms in parentheses, articles, accents, joined words, case
    ("Khalifa Haftar", "khalifa-haftar"), ("CBL", "cbl"), ("UNSMIL", "unsmil"), ("u.n.", "united-nations"),
    ("al-Sarraj", "fayez-al-sarraj"), ("Erdoğan", "recep-tayyip-erdogan"),
    ("abdulhamid dbeibah", "abdul-hamid-dbeibah"),
    ("BENGHAZI", "benghazi"),
])
def test_latin_names_of_the_data(names: Names, typed: str, entity: str) -> None:
    match = names.lookup_latin(typed)
    assert ids(match) == [entity] and match.how == "name"


@pytest.mark.parametrize(("typed", "entity"), [
    ("Hiftar", "khalifa-haftar"), ("Misurata", "misrata"), ("Tobruch", "tobruk"), ("Lavrof", "sergey-lavrov"),
])
def test_close_spellings_found_by_their_consonants(names: Names, typed: str, entity: str) -> None:
    match = names.lookup_latin(typed)
    assert ids(match) == [entity] and match.how == "spelling"


def test_same_consonants_far_apart_are_not_a_name(names: Names) -> None:
    # Tarabulus and Trabelsi share t-r-b-l-s; the spelling is too far from the person's to be his
    assert skeleton(latin_key(fold_latin("Tarabulus"))) == skeleton(latin_key(fold_latin("Trabelsi")))
    assert names.lookup_latin("Tarabulus") is None
    for word in ("the", "news", "Reuters", "xyz", "Ab"):
        assert names.lookup_latin(word) is None, word


def test_shared_names(names: Names) -> None:
    # a family name several people bear: all of them unless the gazetteer gives it to one (حفتر)
    gaddafis = ids(names.lookup_latin("Gaddafi"))
    assert len(gaddafis) >= 5 and "muammar-gaddafi" in gaddafis and "saif-al-islam-gaddafi" in gaddafis
    assert ids(names.lookup_latin("Haftar")) == ["khalifa-haftar"]
    # a place name Libya shares with Lebanon: Libya's, in a Libya monitor
    assert ids(names.lookup_latin("Tripoli")) == ["tripoli"]


def test_resolve_keeps_order_and_takes_the_longest_name(names: Names) -> None:
    units = names.resolve(["Khalifa", "Haftar", "اشتباكات", "Sirte", "Barak"])
    assert [u if isinstance(u, str) else [e.id for e in u.entities] for u in units] == [
        ["khalifa-haftar"], "اشتباكات", ["sirte"], "Barak"]
    # Arabic spellings of the gazetteers are names too, whole (not three words)
    units = names.resolve(["عبد", "الحميد", "الدبيبة", "المصرف"])
    assert len(units) == 2 and units[0].how == "arabic" and [e.id for e in units[0].entities] == ["abdul-hamid-dbeibah"]
    assert units[1] == "المصرف"


def test_tag_values_from_any_spelling(names: Names) -> None:
    assert names.tag_value("person", "Haftar") == names.tag_value("person", "حفتر") == "خليفة حفتر"
    assert names.tag_value("place", "Surt") == "سرت"
    assert names.tag_value("org", "UNSMIL") == names.entities["unsmil"].ar
    assert names.tag_value("person", "اسم لا يعرفه المعجم") == "اسم لا يعرفه المعجم"  # Arabic passes through
    with pytest.raises(ValueError, match="no person called 'Zzyzx'"):
        names.tag_value("person", "Zzyzx")
    with pytest.raises(ValueError, match="several persons"):
        names.tag_value("person", "Gaddafi")
    with pytest.raises(ValueError, match="no place"):
        names.tag_value("place", "Haftar")  # a person, not a place


def test_heldout_spellings_of_the_news_benchmark_are_not_in_the_data(names: Names) -> None:
    """bench/search_news.py scores spellings that no gazetteer lists; adding one would make that
    score meaningless."""
    spec = importlib.util.spec_from_file_location("search_news", REPO / "bench" / "search_news.py")
    assert spec and spec.loader
    sys.path.insert(0, str(REPO / "bench"))
    try:
        bench = importlib.util.module_from_spec(spec)
        sys.modules["search_news"] = bench  # dataclasses look their module up
        spec.loader.exec_module(bench)
    finally:
        sys.path.remove(str(REPO / "bench"))
        sys.modules.pop("search_news", None)
    for spelling, entity in bench.HELDOUT_SPELLINGS.items():
        assert entity in names.entities, entity
        match = names.lookup_latin(spelling)
        assert match is None or match.how == "spelling", f"{spelling} is listed in the gazetteers"
