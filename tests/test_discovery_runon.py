"""Name discovery, stop 29: run-ons after a person's name (``pipeline.discovery_runon``,
the run-on words of ``boundaries.txt``). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented."""

from __future__ import annotations

import pytest

from pipeline import discovery_runon
from pipeline.discovery import DayDoc, KnownNames, discover_day, gazetteer_aliases, name_key, tokenize
from pipeline.normalize import normalize


def docs_of(*texts: str) -> list[DayDoc]:
    return [DayDoc(id=str(i), source_id=f"s{i}", title="", body=t, cluster_id=str(i)) for i, t in enumerate(texts)]


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


@pytest.fixture(scope="module")
def known() -> KnownNames:
    return KnownNames(gazetteer_aliases())


def names_of(texts: tuple[str, ...], known: KnownNames) -> set[str]:
    return {c.name for c in discover_day(docs_of(*texts), known) if c.kind == "person"}


def test_a_word_the_day_prints_with_tanwin_ends_a_persons_name(known):
    # catches: <name> مبتسماً (a ḥāl not in boundaries.txt) carried into the name; the day prints it with tanwīn
    texts = (
        "وقال الوزير سالم الفيتوري مبتسماً إن الاتفاق قريب.",
        "وأضاف الوزير سالم الفيتوري مبتسماً أن الحوار مستمر.",
        "وغادر اللواء خليفة الورفلي القاعة مبتسما.",
    )
    names = names_of(texts, known)
    assert key("سالم الفيتوري") in names and key("سالم الفيتوري مبتسما") not in names
    # the same rule off: the run-on is back (the side-by-side switch of the bench)
    discovery_runon.RULES["tanwin"] = False
    try:
        assert key("سالم الفيتوري مبتسما") in names_of(texts, known)
    finally:
        discovery_runon.RULES["tanwin"] = True


def test_a_name_ending_like_an_adverb_but_never_printed_with_tanwin_is_kept(known):
    # a family name ending in ا (بوغرارا) is not an adverb: printed without tanwīn, it stays a name's word; and a
    # first word the day prints as an adverb (سلفاً "in advance") does not stop the name it starts (سلفا ميكور)
    texts = (
        "وقال الوزير سالم بوغرارا إن الاتفاق قريب، وقد دفع المبلغ سلفاً.",
        "وأكد الوزير سالم بوغرارا أن الحوار مستمر، والثمن مدفوع سلفاً.",
        "واستقبل الرئيس سلفا ميكور الوفد. وقال الرئيس سلفا ميكور إن بلاده ترحب.",
    )
    names = names_of(texts, known)
    assert key("سالم بوغرارا") in names
    assert key("سلفا ميكور") in names


def test_tanwin_words_need_two_documents_and_leave_given_names():
    tokenized = [tokenize(t) for t in ("وصل مبتسماً.", "غادر مبتسماً وقال رضاً.", "رضاً بالقضاء.", "حضر متأخراً.")]
    words = discovery_runon.tanwin_words(tokenized, frozenset({normalize("رضا")}))
    assert normalize("مبتسما") in words
    assert normalize("متاخرا") not in words  # one document only
    assert normalize("رضا") not in words  # a given name


@pytest.mark.parametrize("after", ["ممثلاً للوزارة في الاجتماع", "وعدد من المسؤولين", "رقم عشرة في الفريق",
                                   "قوله إن الأمر محسوم"])
def test_listed_run_on_words_end_a_persons_name(known, after):
    # catches: … ممثلاً, … وعدد, … رقم, … قوله carried into a person's name (the seventh list's run-ons), printed
    # without tanwīn
    texts = (f"وحضر الأستاذ فهد الزنتاني {after}.", f"وشارك المهندس فهد الزنتاني {after}.",
             f"وكان اللواء فهد الزنتاني {after}.")
    names = names_of(texts, known)
    assert key("فهد الزنتاني") in names
    assert not any(n.startswith(key("فهد الزنتاني") + " ") for n in names)


def test_a_family_name_ending_in_ha_is_not_a_verbal_noun(known):
    # the listed verbal nouns are words (قوله, كلمته), not an ending: a family name ending in ه stays (عادل فقيه)
    texts = ("وقال الوزير عادل فقيه إن العمل مستمر.", "وأكد الوزير عادل فقيه أن البرنامج جاهز.")
    assert key("عادل فقيه") in names_of(texts, known)


# -- stop 30 (helper B): run-ons after an organization, and phrases taken for names (pipeline.discovery_nonname) ----
def orgs_of(texts: tuple[str, ...], known: KnownNames) -> set[str]:
    return {c.name for c in discover_day(docs_of(*texts), known) if c.kind == "org"}


def test_a_word_the_day_prints_with_tanwin_ends_an_organizations_name(known):
    # catches: <organization> اجتماعاً carried into the name (the day prints اجتماعاً with tanwīn in two documents)
    texts = (
        "وعقدت هيئة الموارد الساحلية اجتماعاً في المدينة أمس.",
        "كما عقدت هيئة الموارد الساحلية اجتماعاً ثانياً مع الخبراء.",
        "ونظمت هيئة الموارد الساحلية معرضا للصور.",
    )
    names = orgs_of(texts, known)
    assert key("هيئة الموارد الساحلية") in names and key("هيئة الموارد الساحلية اجتماعا") not in names
    discovery_runon.RULES["org_tanwin"] = False
    try:
        assert key("هيئة الموارد الساحلية اجتماعا") in orgs_of(texts, known)
    finally:
        discovery_runon.RULES["org_tanwin"] = True


def test_an_organization_ending_in_alif_never_printed_with_tanwin_is_kept(known):
    # the same shape as a run-on (a last word ending in ا), but the day never prints أفريقيا with tanwīn
    texts = (
        "وأعلنت جمعية أصدقاء أفريقيا عن حملة جديدة.",
        "وقالت جمعية أصدقاء أفريقيا إن الحملة تبدأ غدا.",
        "وتعمل جمعية أصدقاء أفريقيا في عدة دول.",
    )
    assert key("جمعية أصدقاء أفريقيا") in orgs_of(texts, known)


def test_a_future_verb_ends_a_name(known):
    # catches: شركة … ستسير (س + an imperfect whose bare form تسير the day uses) carried into the name
    texts = (
        "وقالت المصادر إن شركة الرمال الذهبية ستسير رحلات يومية إلى المدينة.",
        "وأكدت أن شركة الرمال الذهبية ستسير رحلات إضافية في الصيف.",
        "والحافلات تسير ببطء في الطرق المزدحمة.",
        "كما تسير الأعمال وفق الخطة.",
    )
    names = orgs_of(texts, known)
    assert key("شركة الرمال الذهبية") in names and key("شركة الرمال الذهبية ستسير") not in names
    discovery_runon.RULES["future"] = False
    try:
        assert any(n.startswith(key("شركة الرمال الذهبية ستسير")) for n in orgs_of(texts, known))
    finally:
        discovery_runon.RULES["future"] = True


def test_a_name_word_starting_like_a_future_verb_is_kept(known):
    # ستانفورد starts with ست but تانفورد is no word of the day; سيدي is too short to be س + an imperfect
    texts = ("وأعلنت جامعة ستانفورد عن منحة جديدة.", "وقالت جامعة ستانفورد إن المنحة مفتوحة.",
             "وأكدت جامعة ستانفورد أن التقديم يبدأ غدا.")
    assert key("جامعة ستانفورد") in orgs_of(texts, known)
    tokenized = [tokenize(t) for t in ("ستسير القافلة غدا و سيدي بوزيد.", "تسير القافلة وعلى يدي.",
                                       "تسير الأمور و يدي.")]
    verbs = discovery_runon.future_verbs(discovery_runon.doc_counts(tokenized))
    assert normalize("ستسير") in verbs and normalize("سيدي") not in verbs


def test_ala_the_preposition_is_not_the_given_name_ali(known):
    # catches: على النواحي (the preposition and a noun ending in ي) taken for a person علي + a family name
    texts = (
        "وشدد الوزير على النواحي الأمنية في الخطة.",
        "وركز الوزير على النواحي الفنية للمشروع.",
        "وقال الوزير علي الموسوي إن الخطة جاهزة.",
        "وأكد الوزير علي الموسوي أن المشروع يبدأ غدا.",
    )
    names = names_of(texts, known)
    assert key("علي الموسوي") in names  # the given name, printed علي
    assert not any(n.startswith(key("علي النواحي")) for n in names)
    from pipeline import discovery_nonname
    discovery_nonname.RULES["ala"] = False
    try:
        assert any(n.startswith(key("علي النواحي")) for n in names_of(texts, known))
    finally:
        discovery_nonname.RULES["ala"] = True


def test_an_indefinite_head_with_a_preposition_is_a_common_noun(known):
    # catches: مركز للاقتراع ("a polling station"); kept: مركز لندن (a name whose word merely starts with ل)
    texts = (
        "وتوجه الرئيس إلى مركز للاقتراع في قريته.",
        "وأدلى الناخبون بأصواتهم في مركز للاقتراع قرب العاصمة.",
        "وقال مركز لندن للدراسات إن التقرير جاهز.",
        "وأصدر مركز لندن للدراسات تقريرا جديدا.",
    )
    names = orgs_of(texts, known)
    assert not any(n.startswith(key("مركز للاقتراع")) for n in names)
    assert any(n.startswith(key("مركز لندن")) for n in names)


def test_an_indefinite_head_with_a_preposition_on_a_word_of_the_day(known):
    # catches: صندوق لحماية الودائع (ل + حماية, a word of five of the day's documents); kept: نادي بوروسيا
    # (بوروسيا is not ب + وروسيا "and Russia", though وروسيا is a word of the day)
    texts = (
        "وأعلن البنك إنشاء صندوق لحماية الودائع المصرفية.",
        "وسيعمل صندوق لحماية الودائع المصرفية بداية العام.",
        "وقال نادي بوروسيا دورتموند إن اللاعب جاهز.",
        "وأكد نادي بوروسيا دورتموند أن المباراة قائمة.",
        *(f"وتحدث الوزير عن حماية البيئة وعن الصين وروسيا في المقال {i}." for i in range(5)),
    )
    names = orgs_of(texts, known)
    assert not any(n.startswith(key("صندوق لحماية")) for n in names)
    assert any(n.startswith(key("نادي بوروسيا")) for n in names)
    from pipeline import discovery_nonname
    discovery_nonname.RULES["head_preposition"] = False
    try:
        assert any(n.startswith(key("صندوق لحماية")) for n in orgs_of(texts, known))
    finally:
        discovery_nonname.RULES["head_preposition"] = True


def test_a_preposition_on_a_word_of_the_day_ends_a_persons_name(known):
    # catches: <name> برصاص (ب + رصاص, a word of five of the day's documents) carried into a person's name; kept: a
    # family name starting with ب whose form without it is no word of the day (بوشناق) and بال- (بالحاج)
    texts = (
        "وأصيب اللواء سالم الورشفاني برصاص قناص في المدينة.",
        "وكان اللواء سالم الورشفاني برصاص القناصة قد أصيب أمس.",
        "وقال الوزير كمال بوشناق إن الحوار مستمر.", "وأكد الوزير كمال بوشناق أن الاتفاق قريب.",
        "وقال الوزير عمر بالحاج إن الخطة جاهزة.", "وأكد الوزير عمر بالحاج أن العمل مستمر.",
        *(f"وسمع صوت رصاص كثيف في الحي {i}." for i in range(5)),
    )
    names = names_of(texts, known)
    assert key("سالم الورشفاني") in names and not any(n.startswith(key("سالم الورشفاني برصاص")) for n in names)
    assert key("كمال بوشناق") in names and key("عمر بالحاج") in names
    discovery_runon.RULES["preposition"] = False
    try:
        assert any(n.startswith(key("سالم الورشفاني برصاص")) for n in names_of(texts, known))
    finally:
        discovery_runon.RULES["preposition"] = True
