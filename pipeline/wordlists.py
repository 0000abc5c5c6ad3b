"""Word lists of the ``rasd-analysis`` Elasticsearch plugin that are generated from project data.

``protected_words.txt`` (``es/src/main/resources/org/rasd/analysis/``) holds the names that the
``rasd_stem`` filter never cuts: a token that is such a name, or the name with proclitics (و ف,
ب ك ل, ال / لل) and optionally one suffix, is indexed as the name (لليبيا, بليبيا → ليبيا;
بطرابلس → طرابلس; والسراج, للسراج → السراج). The list is generated here from the gazetteers
(``pipeline/data/gazetteer/{persons,places,orgs}.yaml``) and committed; a test checks that the
committed file equals :func:`generate_protected_words`, so after a gazetteer edit run::

    python -m pipeline.wordlists

Which names (all normalized with :func:`pipeline.normalize.normalize_token`):

* every single-word alias (``ar``, ``variants``, ``short``) of persons, places and orgs, and the
  single-word ``ambiguous`` aliases of places and orgs (a place's own name repeated there because
  it is also a common word: سرت; an acronym: داعش);
* person surnames: the last word of every multi-word ``ar``/``short`` alias
  (معمر القذافي → القذافي, فايز السراج → السراج); first names are not protected;
* place names after a generic head noun without the article (مطار معيتيقة الدولي → معيتيقه,
  رأس لانوف → لانوف);

minus words that would hurt recall if protected: fewer than 3 letters without the article,
non-Arabic words, stop words (``arabic_stopwords.txt``) and :data:`COMMON_WORDS`, ordinary Arabic
words that are also names here (الكبير, السماح, البرلمان, جناح …): protected, their inflections
would no longer fold onto them (الكبير would stay apart from كبير/كبيره).

A name is written as the gazetteer writes it, article included, so it survives intact
(السراج → السراج). When the gazetteers hold a name both with and without the article (الزنتان
and زنتان), only the bare form is listed: every clitic form then folds onto it.

Hand-kept words (common words Light10 cuts wrongly, ليبي, foreign countries missing from the
gazetteers) are in ``protected_common_words.txt`` beside it, not here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from pipeline.config import DATA_DIR
from pipeline.normalize import normalize_token

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "es" / "src" / "main" / "resources" / "org" / "rasd" / "analysis"
PROTECTED_WORDS_FILE = RESOURCES / "protected_words.txt"
STOPWORDS_FILE = RESOURCES / "arabic_stopwords.txt"
PROTECTED_COMMON_WORDS_FILE = RESOURCES / "protected_common_words.txt"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
GAZETTEERS = ("persons", "places", "orgs")

ARTICLE = "ال"
MIN_LETTERS = 3  # without the article

# Head nouns of multi-word place names; the word after one is the proper name.
PLACE_HEADS = frozenset(
    normalize_token(w)
    for w in (
        "مدينة", "منطقة", "إقليم", "جبل", "جبال", "وادي", "حوض", "خليج", "حقل", "ميناء", "مطار",
        "قاعدة", "منفذ", "معبر", "جزيرة", "مجمع", "مصفاة", "واحة", "واحات", "بلدية", "حي", "مرفأ",
        "رأس", "عين", "سوق", "قصر", "بئر", "باب",
    )
)  # fmt: skip

# Ordinary words that the gazetteers also use as names or name parts, written as they would be
# listed (with the article when the name has it). Protected, their ordinary inflections would no
# longer fold onto them: الكبير would stay apart from كبير, البرلمان from برلمان. Names whose
# common reading is rare next to the name in Libyan news stay protected (البيضاء, الخمس,
# الزاوية, المرج, الكفرة, المنفي, الشرارة, خوري).
COMMON_WORDS = frozenset(
    normalize_token(w)
    for w in (
        # person names and name parts
        "الكبير", "الجميل", "الأسود", "الخطيب", "الصور", "السني", "السائح", "السايح", "الحداد",
        "المبروك", "الجليل", "الدم", "عون", "ميلاد", "خان", "سعيد", "جناح", "صالح", "سلامة",
        "الله", "ناصر", "الناصر", "محمد", "أحمد", "جمال", "صلاح", "أبو", "بو",
        # place names and name parts
        "السماح", "الوفاء", "الواحات", "الحريقة", "الانتصار", "الفارغ", "الحياة", "الربيع",
        "الخادم", "السارة", "السدر", "الدار", "البحرية", "الشاطئ", "الشاطيء", "النقاط", "الهلال",
        "الجمعة", "الأخضر", "الحرة", "النفطي", "الغربي", "الغربية", "الشرقي", "الشرقية",
        "الجنوبي", "الجنوبية", "الشمالي", "الشمالية", "آمال", "بحر", "بني", "جدير", "سيدي",
        "عقبة", "درج",
        # organization names
        "البرلمان", "الردع",
        "وال",  # the Libyan news agency's acronym, but also و + ال, a frequent typo
    )
)  # fmt: skip

_ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")


def _aliases(entry: dict[str, Any], *keys: str) -> Iterator[str]:
    for key in keys:
        value = entry.get(key) or []
        for alias in [value] if isinstance(value, str) else value:
            text = " ".join(normalize_token(str(alias)).split())
            if text:
                yield text


def _bare(word: str) -> str:
    return word[len(ARTICLE) :] if word.startswith(ARTICLE) else word


def _candidates(kind: str, entries: Iterable[dict[str, Any]]) -> Iterator[str]:
    for entry in entries:
        own = list(_aliases(entry, "ar", "variants", "short"))
        ambiguous = list(_aliases(entry, "ambiguous"))
        for alias in own + (ambiguous if kind != "persons" else []):
            words = alias.split(" ")
            if len(words) == 1:
                yield alias
        if kind == "persons":  # variants add titles and descriptions (… وزير الخارجية التركي)
            for alias in _aliases(entry, "ar", "short"):
                words = alias.split(" ")
                if len(words) > 1:
                    yield words[-1]
        if kind == "places":
            for alias in own + ambiguous:
                words = alias.split(" ")
                for head, name in itertools.pairwise(words):
                    # a head with the article is followed by an adjective (الإقليم الغربي), not a name
                    if head in PLACE_HEADS and _bare(name) not in PLACE_HEADS:
                        yield name


def _keep(word: str, stop_words: set[str]) -> bool:
    bare = _bare(word)
    return (
        _ARABIC_WORD.fullmatch(word) is not None
        and len(bare) >= MIN_LETTERS
        and word not in stop_words
        and bare not in stop_words
        and word not in COMMON_WORDS
    )


def load_stop_words(path: Path = STOPWORDS_FILE) -> set[str]:
    """The plugin's stop words, or any of its word lists (``#`` comments, normalized like the Java
    loader does)."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(normalize_token(word))
    return words


def generate_protected_words(gazetteer_dir: Path = GAZETTEER_DIR, stop_words: set[str] | None = None) -> list[str]:
    """The protected names of ``rasd_stem``, sorted (see the module docstring for the rules)."""
    stop = load_stop_words() if stop_words is None else stop_words
    words: set[str] = set()
    for kind in GAZETTEERS:
        entries = yaml.safe_load((gazetteer_dir / f"{kind}.yaml").read_text(encoding="utf-8")) or []
        words.update(w for w in _candidates(kind, entries) if _keep(w, stop))
    # A name listed with and without the article: keep the bare form, all article forms fold onto it.
    words = {w for w in words if not (w.startswith(ARTICLE) and _bare(w) in words)}
    return sorted(words)


def render_protected_words(words: Iterable[str]) -> str:
    header = (
        "# GENERATED by `python -m pipeline.wordlists` from pipeline/data/gazetteer/{persons,places,orgs}.yaml;\n"
        "# do not edit (hand-kept words go to protected_common_words.txt). Normalized names that rasd_stem\n"
        "# never cuts: a token that is the name, or proclitics (و ف, ب ك ل, ال / لل) + the name, optionally\n"
        "# + one suffix, is emitted as the name. '#' starts a comment.\n"
    )
    return header + "".join(f"{w}\n" for w in words)


def main() -> None:
    words = generate_protected_words()
    PROTECTED_WORDS_FILE.write_text(render_protected_words(words), encoding="utf-8")
    print(f"{PROTECTED_WORDS_FILE.relative_to(REPO)}: {len(words)} words")


if __name__ == "__main__":
    main()
