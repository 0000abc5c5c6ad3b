"""Name discovery: a person that is a phrase of common words, and a word carried before a person (stop 38, helper R).

The cues read the words after them as a name, and the words after a cue are often the sentence's: a verb (أمير
المدينة **يثمن جهود** …, **يعد الأساس**, **يرفض المثول**), a preposition's phrase (الفريق الكونغولي **بهدف نظيف**,
**بكل شفافية**, **وليس العكس**), a noun and its complement (**مكافحة الإرهاب**, **خط الوسط**, **حق النقض**,
**معاملة تفضيلية**). Judged on the day's own text (``discovery_bare.DayWords``, the day's document frequencies
``discovery_runon.doc_counts``), never on a word list; a first word that is a given name (``given_names.txt``, the
gazetteer's: ``discovery_given.is_given``) is never judged.

* ``common_pair``: a person candidate whose first word is

  - an imperfect verb: ي / ت + a stem whose other person's form (يثمن / تثمن) the day prints in at least
    ``MIN_VERB_DOCS`` documents and not as a noun (printed with the article fewer than ``MIN_DEFINITE`` times:
    توم / يوم is a name, اليوم a noun);
  - a preposition or a conjunction on a word: ب / ل / و / ك + a word the day prints bare in at least
    ``MIN_BARE_DOCS`` documents or with the article ``MIN_DEFINITE`` times (بكل → كل, وليس → ليس, بهدف → الهدف),
    the whole word itself printed in at least ``MIN_PHRASE_DOCS`` documents (a name's rare first word that merely
    begins so is not: لارون, كاري, ويلي; nor a bare form starting with و / ف / ي: يلي);
  - a common word (``discovery_bare._common``, three letters or more, printed in ``MIN_COMMON_DOCS`` documents) or
    a two-letter word printed with the article ``MIN_DEFINITE`` times (خط, حق, طب), when the second word is common
    too: with the article, its bare form printed in ``MIN_SECOND_DOCS`` documents (الإرهاب → إرهاب; a family name
    الشمري has no bare شمري); without it, printed with the article ``MIN_SECOND_DEFINITE`` times or a verb by its
    twin (جهود, نسبة).

  Such a candidate is dropped (where ``pipeline.discovery`` drops phrases).
* ``carried_before``: a person's run of three words or more whose first word is not a given name, whose second word
  is one, and whose first word is a verb or a preposition's word by the tests above, or a place the gazetteer knows,
  with or without ب / ل (**بجدة** عمر الجاسر, **ينبع** سامر …): the first word is cut off where the run is made a
  key (the name keeps its place: عمر الجاسر). A common word alone does not cut: a given name the lists lack is
  often one (مانع عبدالله العتيبي, دين محمد درويش).

``RULES`` switches each rule off for the bench's side-by-side runs (``--rules-off common_pair,carried_before``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from pipeline.discovery_bare import _common
from pipeline.discovery_shape import MIN_DEFINITE, definite_times

if TYPE_CHECKING:
    from pipeline.discovery_bare import DayWords

RULES = {"common_pair": True, "carried_before": True}
MIN_VERB_DOCS = 3  # the other person's form of an imperfect: printed in at least this many documents
MIN_BARE_DOCS = 5  # a preposition's word: its bare form printed in at least this many documents
MIN_PHRASE_DOCS = 10  # ... and the word with the preposition in at least this many
MIN_COMMON_DOCS = 5  # a common first word: printed in at least this many documents
MIN_SECOND_DOCS = 3  # a definite second word: its bare form printed in at least this many documents
MIN_SECOND_DEFINITE = 3  # an indefinite second word: printed with the article at least this many times
_TWIN = {"ي": "ت", "ت": "ي"}
_PROCLITICS = "بلوك"


def _verb(w: str, day: DayWords, df: Mapping[str, int]) -> bool:
    if len(w) < 3 or w[0] not in _TWIN:
        return False
    twin = _TWIN[w[0]] + w[1:]
    return df.get(twin, 0) >= MIN_VERB_DOCS and definite_times(twin, day) < MIN_DEFINITE


def _proclitic(w: str, day: DayWords, df: Mapping[str, int], given: Callable[[str], bool]) -> bool:
    if len(w) < 3 or w[0] not in _PROCLITICS or w[1] in "وفي" or df.get(w, 0) < MIN_PHRASE_DOCS:
        return False
    bare = w[1:]
    return not given(bare) and (df.get(bare, 0) >= MIN_BARE_DOCS or definite_times(bare, day) >= MIN_DEFINITE)


def _common_word(w: str, day: DayWords, df: Mapping[str, int]) -> bool:
    if len(w) == 2:
        return definite_times(w, day) >= MIN_DEFINITE
    return len(w) >= 3 and df.get(w, 0) >= MIN_COMMON_DOCS and _common(w, day)


def _common_second(w: str, day: DayWords, df: Mapping[str, int], given: Callable[[str], bool]) -> bool:
    if w.startswith("ال"):
        return len(w) >= 5 and df.get(w[2:], 0) >= MIN_SECOND_DOCS and not given(w[2:])
    return len(w) >= 3 and not given(w) and (definite_times(w, day) >= MIN_SECOND_DEFINITE or _verb(w, day, df))


def is_common_pair(kind: str, key: str, day: DayWords | None, df: Mapping[str, int],
                   given: Callable[[str], bool]) -> bool:
    """A person candidate (``key``: its words) that is a phrase: its first word a verb, a preposition's or a
    conjunction's word, or a common word followed by a common word (``common_pair``)."""
    words = key.split()
    if not RULES["common_pair"] or kind != "person" or day is None or len(words) < 2 or given(words[0]):
        return False
    first = words[0]
    if _verb(first, day, df) or _proclitic(first, day, df, given):
        return True
    return _common_word(first, day, df) and _common_second(words[1], day, df, given)


def carried_before(kind: str, words: tuple[str, ...], day: DayWords | None, df: Mapping[str, int],
                   given: Callable[[str], bool], places: Callable[[str], bool]) -> tuple[str, ...]:
    """``words`` without its first word when that word is carried before a person's given name (a common word of the
    day or a known place, with or without ب / ل: بجدة عمر الجاسر → عمر الجاسر); ``words`` otherwise."""
    if not RULES["carried_before"] or kind != "person" or day is None or len(words) < 3:
        return words
    first, second = words[0], words[1]
    if given(first) or not given(second):
        return words
    place = places(first) or (len(first) > 3 and first[0] in "بل" and places(first[1:]))
    if place or _verb(first, day, df) or _proclitic(first, day, df, given):
        return words[1:]  # not a common word alone: a given name the lists lack is one (مانع, دين)
    return words
