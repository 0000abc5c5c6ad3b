"""Name discovery, stop 35 (helper A): names after a cue that were cut or filtered out — the word after a connector
is the name's (``connector_next``: خالد بن علي), head + a word ending in ي that the day never prints with the article
is a name (``nisba_name``: شركة سوني), head + a known place is an organization named after it (``place_named``: جامعة
القصيم), a lineage whose mentions mostly go on with a family name is the start of several names (``lineage_prefix``:
احمد بن علي). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented or common words."""

from __future__ import annotations

import pytest

from pipeline import discovery_extent, discovery_known, discovery_scan, discovery_shape
from pipeline.discovery import KnownNames, discover_day, name_key
from pipeline.discovery_bare import day_words
from pipeline.discovery_cues import get_cues
from pipeline.discovery_known import is_generic
from pipeline.discovery_scan import tokenize
from pipeline.normalize import normalize
from tests.discovery_day import docs_of, keys_with_rules

TABLES = {"connector_next": discovery_scan.RULES, "nisba_name": discovery_known.RULES,
          "place_named": discovery_known.RULES, "lineage_prefix": discovery_shape.RULES,
          "quoted_complement": discovery_scan.RULES, "lineage_family": discovery_extent.RULES}
FILLER = ("وأقيم الحفل بعد الظهر في القاعة الكبرى.", "وعاد الوفد بعد يومين من الزيارة.")


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def found(texts: tuple[str, ...], known: KnownNames, kind: str, off: tuple[str, ...] = (),
          on: tuple[str, ...] = ()) -> set[str]:
    """The day's keys of ``kind``, the rules named in ``off`` / ``on`` switched for the call (then set back)."""
    return keys_with_rules(TABLES, texts, known, kind, off, on)


@pytest.fixture()
def known() -> KnownNames:
    # a place (no kind) and an organization (kind "org"), as the gazetteers give them (pipeline.discovery_lists)
    return KnownNames(["القصيم", "تبوك", "الحرس الوطني"], kinds={"الحرس الوطني": "org"})


def test_the_word_after_a_connector_is_the_names(known):
    # catches: خالد بن علي الشهري — علي (= على once normalized) is a stop word: the run ended on بن, no name
    texts = ("وقال الأمير خالد بن علي الغامدي إن الاجتماع ناجح.",
             "وأكد الأمير خالد بن علي الغامدي أن العمل مستمر.", *FILLER)
    assert key("خالد بن علي الغامدي") in found(texts, known, "person")
    assert not any(k.startswith(key("خالد بن")) for k in found(texts, known, "person", ("connector_next",)))


def test_a_cue_word_after_a_connector_is_the_names(known):
    # طالب (a student: a cue word) after بن is a father's name: عبدالعزيز بن طالب الفوزان
    texts = ("وقال الدكتور سامي بن طالب المطيري إن البحث اكتمل.",
             "وأوضح الدكتور سامي بن طالب المطيري أن النتائج مشجعة.", *FILLER)
    assert key("سامي بن طالب المطيري") in found(texts, known, "person")


def test_a_connector_does_not_take_a_definite_common_word(known):
    # only a word without the article: ابن + a definite word keeps the old rules (no run-on into الرئيس)
    tokens = tokenize("قال الشيخ محمد ابن الرئيس السابق")
    occs = discovery_scan.cue_occurrences(tokens, 0, get_cues())
    assert all("الرييس" not in " ".join(o.words) and "الرئيس" not in " ".join(o.words) for o in occs)


def test_a_name_ending_in_ya_is_not_an_adjective(known):
    # catches: شركة سوني, بنك دبي dropped as head + an indefinite adjective (مركز صحي)
    texts = ("وأعلنت شركة سوني عن جهاز جديد للألعاب.", "وقالت شركة سوني إن المبيعات ارتفعت.", *FILLER)
    assert key("شركة سوني") in found(texts, known, "org")
    assert key("شركة سوني") not in found(texts, known, "org", ("nisba_name",))


def test_an_adjective_the_day_prints_definite_is_still_generic():
    cues = get_cues()
    day = day_words(tokenize(t).norm for t in ("افتتح مركز صحي جديد.", "وقال مدير المركز الصحي إن العمل بدأ."))
    assert is_generic("org", tuple(normalize("مركز صحي").split()), cues, day)
    assert not is_generic("org", tuple(normalize("شركة سوني").split()), cues, day)
    assert is_generic("org", tuple(normalize("شركة سوني").split()), cues)  # without the day: as before


def test_head_and_a_known_place_is_an_organization(known):
    # catches: جامعة القصيم taken for head + a known name (the place القصيم) and never suggested
    texts = ("وافتتحت جامعة القصيم مبنى جديدا للطلاب.", "وقال مدير جامعة القصيم إن المبنى جاهز.", *FILLER)
    assert key("جامعة القصيم") in found(texts, known, "org")
    assert key("جامعة القصيم") not in found(texts, known, "org", ("place_named",))


def test_head_and_a_known_organization_is_still_known(known):
    words = tuple(normalize("قوات الحرس الوطني").split())
    assert known.knows("org", words)
    assert not known.knows("org", tuple(normalize("جامعة تبوك").split()))
    # without kinds every alias may be a person's or an organization's: head + any known name is known
    assert KnownNames(["تبوك"]).knows("org", tuple(normalize("جامعة تبوك").split()))


def test_a_lineage_that_goes_on_with_family_names_is_no_name(known):
    # catches: احمد بن علي — three men (… الغامدي, … الزهراني, … الشهري) read as one name
    texts = ("قال الدكتور أحمد بن علي الغامدي إن الاجتماع ناجح.", "وأكد المهندس أحمد بن علي الزهراني أن العمل مستمر.",
             "وأوضح الأستاذ أحمد بن علي الشهري أن العمل مستمر.", *FILLER)
    assert key("أحمد بن علي") not in found(texts, known, "person", on=("lineage_prefix",))
    assert key("أحمد بن علي") in found(texts, known, "person", ("lineage_family",))  # not kept: off by default
    # stop 36: lineage_family (on) keeps each man's family name, so the start is no candidate at all
    assert key("أحمد بن علي") not in found(texts, known, "person")


def test_a_lineage_printed_alone_is_a_name(known):
    # a known man's short form is printed without a family name after it: محمد بن سلمان، ولي العهد
    texts = ("وقال الأمير سامي بن فهد، أمير المنطقة، إن العمل مستمر.", "واستقبل الأمير سامي بن فهد، الوفد الزائر.",
             "وأكد الأمير سامي بن فهد أن العمل مستمر.", *FILLER)
    assert key("سامي بن فهد") in found(texts, known, "person", on=("lineage_prefix",))


def test_the_trace_says_where_a_name_was_lost(known):
    # bench/discovery_trace.py (--diagnose on the development days): a key dropped as known, and the run it came from
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "discovery_trace.py"
    spec = importlib.util.spec_from_file_location("discovery_trace", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    trace = module.Trace({"qassim-university": ("org", {key("جامعة القصيم")})})
    texts = ("وافتتحت جامعة القصيم مبنى جديدا للطلاب.", "وقال مدير جامعة القصيم إن المبنى جاهز.",
             "وقال الأمير خالد بن علي الغامدي إن الاجتماع ناجح.", "وأكد الأمير خالد بن علي الغامدي أن العمل مستمر.",
             *FILLER)  # (a day with another candidate: the mentions of a day without any are not counted)
    saved = TABLES["place_named"]["place_named"]
    TABLES["place_named"]["place_named"] = False
    try:
        with trace.installed(known):
            discover_day(docs_of(*texts), known)
    finally:
        TABLES["place_named"]["place_named"] = saved
    events = trace.events["qassim-university"]
    assert any(e.startswith("run(org)") and e.endswith(f"[{key('جامعة القصيم')}]") for e in events)
    assert any(e.endswith("dropped: known") for e in events)
    assert trace.related(tuple(key("مبنى جديدا").split())) == []


def test_a_quoted_name_after_a_head_and_its_complement_is_the_name(known):
    # catches (stop 35, helper D): وكالة أنباء «الشرق الأوسط» — the run ended on the quote and kept وكالة أنباء
    # (a generic name); the quoted words after the head's one complement are the organization's name
    texts = ("ونقلت وكالة أنباء « الزوفار » عن مصدر رسمي أن الوفد وصل.",
             "وذكرت وكالة أنباء « الزوفار » أن الاجتماع انتهى.", *FILLER)
    assert key("وكالة أنباء الزوفار") in found(texts, known, "org")
    assert key("وكالة أنباء الزوفار") not in found(texts, known, "org", ("quoted_complement",))
    # a name already in quotes right after the head does not take a second quoted phrase (" … " " … ")
    occs = discovery_scan.cue_occurrences(tokenize('وقالت وكالة "كرامس" "إن" الأمر انتهى'), 0, get_cues())
    assert [" ".join(o.words) for o in occs if o.kind == "org"] == [key("وكالة كرامس")]
