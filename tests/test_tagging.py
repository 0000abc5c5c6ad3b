"""Entity tagging and Libya relevance (pipeline.tag) on the labelled sets, plus focused cases.

The development sets (tests/data/tagging_dev*.yaml, relevance_dev*.yaml) are hand-written and were
used to develop the rules: the quality gates below run on them only.  The held-out sets
(tests/data/heldout/) are scored by bench/tagging_eval.py and reported in docs/benchmarks.md, never
gated on or tuned to: here they are only checked for form, and their content is pinned by sha256
so that an edit to them cannot pass unnoticed.  Scores come from bench/tagging_eval.py, the same
code that prints the benchmark table.
"""

from __future__ import annotations

import hashlib
import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.models import Tags
from pipeline.normalize import normalize
from pipeline.tag import Tagger, get_tagger, tag

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tagging_eval", REPO / "bench" / "tagging_eval.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


bench = _load_bench()


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return get_tagger()


def ids(tags: Tags, kind: str) -> set[str]:
    return {m.id for m in getattr(tags, kind)}


def body(text: str) -> Tags:
    return tag(None, text)


# -- labelled sets ---------------------------------------------------------------------------------
DEV_TAGS = ["tagging_dev.yaml", "tagging_dev2.yaml"]
DEV_RELEVANCE = ["relevance_dev.yaml", "relevance_dev2.yaml"]
HELDOUT = DATA / "heldout"
# sha256 of the held-out sets as labelled and committed before their first scoring (2026-12-02).
# Do not update these to make a change pass: a held-out set that has been edited after its errors
# were seen is a development set; rename it (tagging_dev3.yaml …) and write a new held-out set.
HELDOUT_SHA256 = {
    "tagging.yaml": "ec2339eb7a7f997f0f4ad718f71885f9163fe822d61d776c2b6a741862f242b8",
    "relevance.yaml": "1dbfb4b4b702ea9d9c2ed1db077275402719f1750b2940adc59538d1bb75cf35",
}


def _check_tagging_items(items: list[dict]) -> None:
    for item in items:
        assert {"text", "persons", "places", "orgs", "note"} <= set(item), item
        assert set(item) <= {"text", "persons", "places", "orgs", "note", "topics"}, item


def _check_relevance_items(items: list[dict]) -> None:
    for art in items:
        assert set(art) == {"title", "body", "relevant", "kind", "note"}, art
        assert art["kind"] in {"positive", "hard_negative", "easy_negative"}
        assert art["relevant"] == (art["kind"] == "positive")


def test_dev_sets_are_big_enough_and_well_formed(tagger: Tagger) -> None:
    tags_dev = bench.load(DATA / "tagging_dev.yaml")
    rel_dev = bench.load(DATA / "relevance_dev.yaml")
    assert len(tags_dev) >= 100
    assert len(rel_dev) >= 160
    assert sum(1 for a in rel_dev if a["kind"] == "hard_negative") * 3 >= len(rel_dev)
    for name in DEV_TAGS:
        _check_tagging_items(bench.load(DATA / name))
        assert bench.check_ids(bench.load(DATA / name), tagger) == []
    for name in DEV_RELEVANCE:
        _check_relevance_items(bench.load(DATA / name))
    assert bench.SETS["dev"] == (DATA / "tagging_dev.yaml", DATA / "relevance_dev.yaml")


def test_heldout_sets_are_well_formed_and_unchanged(tagger: Tagger) -> None:
    """Form and labels only (no scores: CI never gates on a held-out set), and the exact bytes that
    were labelled before the first scoring, so that nobody fixes labels or texts after seeing errors."""
    tags = bench.load(HELDOUT / "tagging.yaml")
    rel = bench.load(HELDOUT / "relevance.yaml")
    _check_tagging_items(tags)
    _check_relevance_items(rel)
    assert bench.check_ids(tags, tagger) == []
    assert len(tags) >= 60 and len(rel) >= 70
    assert {a["kind"] for a in rel} == {"positive", "hard_negative", "easy_negative"}
    assert bench.SETS["heldout"] == (HELDOUT / "tagging.yaml", HELDOUT / "relevance.yaml")
    for name, digest in HELDOUT_SHA256.items():
        got = hashlib.sha256((HELDOUT / name).read_bytes()).hexdigest()
        assert got == digest, f"tests/data/heldout/{name} changed after it was first scored"


def test_heldout_near_copies_of_dev_items_are_known_and_left_out() -> None:
    """A held-out item that (nearly) repeats a dev item scores what was tuned.  Five such items were
    found after the first scoring (same event, same wording); the bench leaves them out of the
    "clean" held-out figure.  Any further one (e.g. a held-out sentence copied into a dev set to
    fix it) fails here."""
    dev_tags, dev_rel = bench.dev_items()
    tags = bench.load(HELDOUT / "tagging.yaml")
    rel = bench.load(HELDOUT / "relevance.yaml")
    assert sorted(bench.near_copies(tags, dev_tags)) == [7, 19]
    assert sorted(bench.near_copies(rel, dev_rel)) == [4, 6, 75]
    # the rule itself: a reworded copy is caught, a different story in the same formula is not
    copy = {"text": "استقبل المشير خليفة حفتر في مقره بالرجمة السفير الأمريكي."}
    other = {"text": "أعلنت بلدية غات إغلاق المدارس بسبب موجة الحر وانقطاع الكهرباء."}
    assert bench.near_copies([copy, other], dev_tags) == {0: pytest.approx(0.5, abs=0.2)}


@pytest.mark.parametrize("name", DEV_TAGS)
def test_entity_f1_per_type(tagger: Tagger, name: str) -> None:
    res, errors = bench.eval_tags(bench.load(DATA / name), tagger)
    for typ in ("persons", "places", "orgs"):
        assert res[typ]["f1"] >= 0.90, (typ, res[typ], errors)


@pytest.mark.parametrize("name", DEV_RELEVANCE)
def test_relevance_precision_and_recall(tagger: Tagger, name: str) -> None:
    res, errors = bench.eval_relevance(bench.load(DATA / name), tagger)
    assert res["precision"] >= 0.97, (res, errors)
    assert res["recall"] >= 0.95, (res, errors)


# -- clitics and boundaries -----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kind", "eid"), [
    ("وبطرابلس اجتمع الوزير بعمداء البلديات.", "places", "tripoli"),
    ("أكد الوزير دعم بلاده لليبيا.", "places", "libya"),
    ("التقى المبعوث والسراج أمس.", "persons", "fayez-al-sarraj"),
    ("وجه النواب انتقادات للدبيبة.", "persons", "abdul-hamid-dbeibah"),
    ("انطلقت القافلة من مصراتة، فبنغازي كانت محطتها الأخيرة.", "places", "benghazi"),
    ("لا أحد كالمشير حفتر في الشرق.", "persons", "khalifa-haftar"),
    ("التقى السيسي بالمشير حفتر في العلمين.", "persons", "khalifa-haftar"),
    ("أكد مسؤول بالمؤسسة الوطنية للنفط عودة الإنتاج.", "orgs", "noc"),
    ("قدمت اللجنة مقترحها للمجلس الرئاسي وللمجلس الأعلى للدولة.", "orgs", "hcs"),
])
def test_clitic_forms(text: str, kind: str, eid: str) -> None:
    assert eid in ids(body(text), kind)


@pytest.mark.parametrize(("text", "eid"), [
    ("وجه النواب انتقادات للدبيبة.", "abdul-hamid-dbeibah"),    # ال-name after لل
    ("وللمشري موقف آخر من القاعدة الدستورية.", "khalid-al-mishri"),
    ("أحالت الحكومة الملف للمؤسسة الوطنية للنفط.", "noc"),
])
def test_ll_form_of_al_names(text: str, eid: str) -> None:
    t = body(text)
    assert eid in ids(t, "persons") | ids(t, "orgs")


@pytest.mark.parametrize("text", [
    "فازت ليبيريا بمقعد في مجلس الأمن.",            # ليبي + ري: next character is a letter
    "فاز المهاجم الليبيري بالكرة الذهبية.",
    "قال اللاعب إن أسرته دعمته.",                    # سرت inside أسرته
    "خسرت البورصة اثنين في المئة.",
    "ناقشت الندوة الفكر الليبرالي.",
    "قال المواطن عماد كليبي إن البنك تأخر.",          # ك + ليبي is a family name
    "يصدر المركز كتابا بست لغات عالمية.",            # لغات is not ل + غات
])
def test_next_character_and_substring_traps(text: str) -> None:
    t = body(text)
    assert not ids(t, "places") & {"libya", "sirte", "ghat"}
    assert not t.libya_relevant and "libya:libya" not in t.evidence


def test_find_reports_surfaces_with_clitics(tagger: Tagger) -> None:
    hits = tagger.find(normalize("وبطرابلس وللدبيبة"))
    surfaces = {(h.alias.entity, h.surface) for h in hits}
    assert ("tripoli", "وبطرابلس") in surfaces
    assert ("abdul-hamid-dbeibah", "وللدبيبه") in surfaces


# -- longest match, blockers, claims ---------------------------------------------------------------
def test_longest_match_lebanese_tripoli() -> None:
    t = body("شهدت طرابلس اللبنانية احتجاجات على انقطاع الكهرباء.")
    assert ids(t, "places") == {"tripoli-lebanon"}


def test_bare_tripoli_in_a_lebanese_story_is_lebanons() -> None:
    t = tag("انقطاع الكهرباء يشعل احتجاجات في طرابلس",
            "قطع محتجون طرقا في طرابلس شمالي لبنان. وطالبوا مؤسسة كهرباء لبنان بزيادة التغذية.")
    assert "tripoli" not in ids(t, "places") and "tripoli-lebanon" in ids(t, "places")
    assert not t.libya_relevant


def test_force_majeure_is_not_cairo_but_cairo_is() -> None:
    assert "cairo" not in ids(body("رفعت المؤسسة الوطنية للنفط حالة القوة القاهرة عن الموانئ."), "places")
    assert "cairo" not in ids(body("أرجعت الشركة التأخير إلى الظروف القاهرة."), "places")
    assert "cairo" in ids(body("جمع بين دعم القاهرة وموسكو."), "places")


def test_iron_dome_is_not_al_qubba_but_the_town_is() -> None:
    assert "qubba" not in ids(body("اعترضت منظومة القبة الحديدية الصواريخ."), "places")
    assert "qubba" in ids(body("أعلنت بلدية القبة خطة لصيانة المدارس."), "places")


# -- ambiguous aliases need context ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "kind", "eid", "expected"), [
    ("سرت شائعات في الأسواق عن تخفيض الجنيه.", "places", "sirte", False),
    ("كسرت أسعار الذهب حاجزا جديدا.", "places", "sirte", False),
    ("أعلن المجلس البلدي في مدينة سرت صيانة الطريق.", "places", "sirte", True),
    ("عقدت اللجنة اجتماعها بسرت.", "places", "sirte", False),                   # ب alone is weak...
    ("عقدت اللجنة العسكرية المشتركة 5+5 اجتماعها بسرت.", "places", "sirte", True),  # ...with Libya, enough
    ("فتح الطريق الساحلي بين مصراتة وسرت.", "places", "sirte", True),           # neighbouring name
    ("شددت الوزارة على سلامة المواطنين.", "persons", "ghassan-salame", False),
    ("أعرب المبعوث الأممي سلامة عن قلقه.", "persons", "ghassan-salame", True),
    ("نعت الإمارات الشيخ خليفة بن زايد.", "persons", "khalifa-haftar", False),
    ("افتتح الشيخ خليفة المسجد الجديد.", "persons", "khalifa-haftar", False),     # الشيخ is not his title
    ("وأكد المشير خليفة أن قواته مستعدة.", "persons", "khalifa-haftar", True),
    ("سجل اللاعب خليفة الجابري هدف الفوز.", "persons", "khalifa-haftar", False),
    ("قال الدكتور فايز الشهري إن الأمن مستقر.", "persons", "fayez-al-sarraj", False),
    ("يستقبل الملعب الجماهير يوم الخميس المقبل.", "persons", "khamis-gaddafi", False),
    ("عاشت الكاتبة سنوات طويلة في المنفى.", "persons", "mohamed-al-menfi", False),
    ("التقى عقيلة والمشري في القاهرة.", "persons", "aguila-saleh", True),
    ("صوت مجلس النواب الأردني على الموازنة.", "orgs", "hor", False),
    ("رفض مجلس النواب الميزانية التي قدمتها حكومة الدبيبة.", "orgs", "hor", True),
    ("قتل مسلحون في محافظة البيضاء وسط اليمن.", "places", "bayda", False),
    ("عقدت الحكومة اجتماعها في البيضاء برئاسة عبد الله الثني.", "places", "bayda", True),
    ("من الجميل أن نرى الأطفال يلعبون.", "places", "al-jmail", False),           # weak cue, no Libya
])
def test_ambiguous_alias_needs_context(text: str, kind: str, eid: str, expected: bool) -> None:
    assert (eid in ids(body(text), kind)) is expected


def test_per_entity_context_list_is_data(tagger: Tagger) -> None:
    assert "المشير" in tagger.context["khalifa-haftar"]
    assert "الشيخ" not in tagger.context["khalifa-haftar"]


# -- relevance --------------------------------------------------------------------------------------
def test_libya_focused_source_is_always_relevant() -> None:
    t = tag("موجة حر تضرب دول الخليج", "تجاوزت درجات الحرارة خمسين درجة.", libya_focused=True)
    assert t.libya_relevant and "source:libya_focused" in t.evidence
    assert not tag("موجة حر تضرب دول الخليج", "تجاوزت درجات الحرارة خمسين درجة.").libya_relevant


def test_evidence_is_stored() -> None:
    t = tag("اشتباكات مسلحة في طرابلس", "أعلنت حكومة الوحدة الوطنية في ليبيا وقف إطلاق النار.")
    assert t.libya_relevant
    assert "place:tripoli (title)" in t.evidence
    assert "org:gnu" in t.evidence and "libya:libya" in t.evidence


def test_positive_without_the_word_libya() -> None:
    t = tag("ميناء مصراتة يستقبل أكبر سفينة حاويات",
            "رست في ميناء مصراتة البحري سفينة حاويات. وقال مدير المنطقة الحرة بمصراتة إن الأرصفة الجديدة جاهزة.")
    assert t.libya_relevant and "misrata-port" in ids(t, "places")


def test_passing_mentions_are_not_relevant() -> None:
    single = tag("تحويلات المصريين بالخارج تسجل رقما قياسيا",
                 "سجلت تحويلات المصريين رقما قياسيا. وتراجعت التحويلات من ليبيا بسبب الأوضاع الأمنية. "
                 "ويرى خبراء أن التحويلات أهم مصدر للنقد الأجنبي في مصر.")
    assert not single.libya_relevant and "rule:single_mention" in single.evidence
    listed = tag("القمة العربية تختتم أعمالها",
                 "تناول البيان الأوضاع في السودان واليمن وسوريا ولبنان وليبيا، ودعا إلى وقف الحرب.")
    assert not listed.libya_relevant and any(e.startswith("rule:country_list") for e in listed.evidence)


def test_former_envoy_in_a_lebanese_story_is_not_relevant() -> None:
    t = tag("وزير الثقافة اللبناني يفتتح معرض الكتاب",
            "افتتح وزير الثقافة اللبناني غسان سلامة معرض بيروت للكتاب. ودعا سلامة إلى دعم النشر.")
    assert "ghassan-salame" in ids(t, "persons") and not t.libya_relevant


@pytest.mark.parametrize(("title", "text"), [
    (None, None), ("", ""), (None, "نص قصير"), ("ليبيا", None), ("ليبيا " * 400, "طرابلس " * 2000),
    ("\u200fليبيا\u200f", "\u0640ليبيا\u0640 وطرابلس\n\n\t بنغازي"),
])
def test_relevance_is_a_probability(title: str | None, text: str | None) -> None:
    t = tag(title, text)
    assert 0.0 <= t.libya_relevance <= 1.0
    assert t.libya_relevant == (t.libya_relevance >= get_tagger().rules["threshold"])


def test_topics_are_tagged() -> None:
    t = body("أعلنت المؤسسة الوطنية للنفط أن إنتاج النفط تجاوز مليون برميل يوميا.")
    assert "oil_energy" in ids(t, "topics")


# filler of 60 words with no topic vocabulary (a long body: the short-text rule does not apply)
_FILLER = " ".join(["وقال المتحدث في تصريح للصحفيين إن الأمور تسير وفق ما هو مخطط لها منذ البداية"] * 5)


def test_generic_topic_words_never_decide_alone() -> None:
    assert "diplomacy" not in ids(body("استقبل رئيس البلدية وفدا من أعيان المدينة في زيارة قصيرة."), "topics")
    assert "reconstruction_services" not in ids(body("افتتح المجلس البلدي معرضا للكتاب بحضور عدد من المثقفين."),
                                                "topics")


def test_one_topic_keyword_is_enough_in_a_title_or_a_short_text() -> None:
    assert "environment_climate" in ids(body("اجتاحت السيول شوارع المرج وقطعت الطريق الساحلي."), "topics")
    assert "environment_climate" in ids(tag("سيول في المرج", _FILLER), "topics")
    long_text = _FILLER + " وقد تأخرت الرحلات بسبب السيول. " + _FILLER
    assert "environment_climate" not in ids(body(long_text), "topics")
    two = _FILLER + " وقد تأخرت الرحلات بسبب السيول والفيضانات. " + _FILLER
    assert "environment_climate" in ids(body(two), "topics")


def test_tagger_is_fast_enough(tagger: Tagger) -> None:
    """A loose bound (the benchmark reports the real figure): fifty full 2,000-character documents
    (the dev articles repeated as needed, so no chunk is short or empty and the mean is honest)."""
    docs = [a["title"] + ". " + a["body"] for a in bench.load(DATA / "relevance_dev.yaml")]
    text = " ".join(docs)
    while len(text) < 2000 * 50:
        text += " " + text
    chunks = [text[i : i + 2000] for i in range(0, 2000 * 50, 2000)]
    assert len(chunks) == 50 and all(len(c) == 2000 for c in chunks)
    t0 = time.perf_counter()
    for c in chunks:
        tagger.tag("", c)
    assert (time.perf_counter() - t0) / len(chunks) < 0.05
