"""How :mod:`pipeline.search` reads a question: question words, frame words, the words it asks about.

A query is a question when it ends with ؟ or holds a question word (ما من أي only when they open it). A
question is searched without its frame words (``data/search/question_frames.txt``: اسم، عام، عدد …, unless
nothing else is left), and gets bonuses for a text that opens with a word it asks about or defines it (the
word, then هو / هي, among the first words), and for a year in the text when it asks "when".
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.config import DATA_DIR
from pipeline.names import NameMatch, is_latin
from pipeline.normalize import normalize

if TYPE_CHECKING:
    from pipeline.search import Interpretation, Ranking

QUESTION_FRAMES = DATA_DIR / "search" / "question_frames.txt"
LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # a word has a letter or a digit


# question words; ما من أي only open a question (elsewhere they are "not", "from", "any")
INTERROGATIVES = frozenset(normalize(w) for w in (
    ["ماذا", "لماذا", "متى", "أين", "كيف", "كم", "هل", "ماهو", "ماهي", "ماهى", "مالذي", "لمن", "بماذا", "ممن"]))
OPENING_INTERROGATIVES = frozenset(normalize(w) for w in ["ما", "من", "أي"])


def bare_word(word: str) -> str:
    """The word without punctuation around it and a leading و/ف (ومتى, فكيف)."""
    w = normalize(word.strip("؟?!.,،:؛\"'«»()[]"))
    return w[1:] if len(w) > 2 and w[0] in "وف" and w[1:] in INTERROGATIVES else w


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The analyzer's stop words (kept out of the proximity pairs); none where the plugin's sources
    are not installed beside the package (pairs then include them: a small extra weight)."""
    from pipeline.wordlists import STOPWORDS_FILE, load_stop_words

    return frozenset(load_stop_words()) if STOPWORDS_FILE.exists() else frozenset()


@lru_cache(maxsize=1)
def question_frames() -> frozenset[str]:
    """Words that frame a question and name no topic (``data/search/question_frames.txt``)."""
    out = set()
    for line in QUESTION_FRAMES.read_text(encoding="utf-8").splitlines():
        if word := line.split("#", 1)[0].strip():
            out.add(normalize(word))
    return frozenset(out)


def asks_when(interp: Interpretation) -> bool:
    return any(bare_word(u) in _WHEN for u in interp.units if isinstance(u, str))


_WHEN = frozenset({normalize("متى")})
YEAR = "[12][0-9]{3}"  # a year as its own token of .exact (Arabic-Indic digits are folded by the analyzer)


def subject_forms(interp: Interpretation) -> list[list[str]]:
    """Each Arabic word a question asks about (no stop, question or frame word) as ``body.exact`` spells
    it: as written, without its proclitics, and with the article (للموناليزا → موناليزا, الموناليزا)."""
    out: list[list[str]] = []
    for u in interp.units:
        text = u.words if isinstance(u, NameMatch) else u
        if isinstance(u, str) and (bare_word(u) in stop_words() or bare_word(u) in _NOT_SUBJECT):
            continue
        for word in normalize(text).split():
            word = word.strip("؟?!.,،:؛\"'«»()[]-–")
            if word and not is_latin(word) and LETTER_OR_DIGIT.search(word):
                out.append(_written_forms(word))
    return out


def _written_forms(word: str) -> list[str]:
    forms = {word}
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            forms.update((word[len(prefix):], "ال" + word[len(prefix):]))
            break
    return sorted(forms)


def opening_bonuses(subject: list[list[str]], r: Ranking) -> list[dict[str, Any]]:
    """Bonuses for a text that opens with a word of the question (``span_first`` on ``body.exact``), and
    for one that defines it (the word, then هو/هي, among the first words)."""
    if not subject:
        return []

    def word(forms: list[str]) -> dict[str, Any]:
        return {"span_or": {"clauses": [{"span_term": {"body.exact": f}} for f in forms]}}

    copula = {"span_or": {"clauses": [{"span_term": {"body.exact": c}} for c in _COPULAS]}}
    out = []
    if r.opening_boost > 0:
        out.append({"bool": {"boost": r.opening_boost, "should": [
            {"span_first": {"match": word(forms), "end": r.opening_words}} for forms in subject]}})
    if r.definition_boost > 0:
        out.append({"bool": {"boost": r.definition_boost, "should": [
            {"span_first": {"end": r.definition_words, "match": {"span_near": {
                "clauses": [word(forms), copula], "slop": r.definition_slop, "in_order": True}}}}
            for forms in subject]}})
    return out


_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")  # the first that fits is taken off
_COPULAS = sorted({normalize(w) for w in ("هو", "هي", "هى")})
_NOT_SUBJECT = INTERROGATIVES | OPENING_INTERROGATIVES | {normalize(w) for w in ("هو", "هي", "الذي", "التي")}


def without_frames(interp: Interpretation) -> Interpretation:
    """The question without its frame words (اسم، عام، عدد …), unless nothing else is left."""
    units = [u for u in interp.units if not (isinstance(u, str) and bare_word(u) in question_frames())]
    if not any(isinstance(u, NameMatch) or bare_word(u) not in stop_words() for u in units):
        return interp
    return dataclasses.replace(interp, units=units)
