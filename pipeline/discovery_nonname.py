"""Name discovery: candidates whose words say they are a phrase, not a name (stop 30, helper B).

Two shapes the cue rules let through, judged on the candidate as the day's text prints it:

* a person whose first word is the preposition على, not the given name علي: the two are one word once normalized
  (``pipeline.normalize``), and ``pipeline.discovery`` lets علي start a name before a word ending in ي (a family
  name: علي الموسوي), which also lets in على النواحي, على التبني. A name is printed علي; a candidate printed على
  (alif maqṣūra) in most of its mentions is the preposition and its noun;
* an organization whose head has no article and is followed right away by a proclitic ل / ب on a word of the
  day (مركز للشرطة, صندوق لحماية الودائع, مستشفى بالطائف, مستشفى بمكة): an indefinite head + "for / in …" is
  a common noun and what it is for or where it is ("a police station"), while a name
  after an indefinite head is a definite or proper noun (مركز الملك عبدالله, مستشفى الحمادي). The word is judged a
  proclitic + a word when its form without the first letter is itself a word of at least ``MIN_BARE_DOCS`` of the
  day's documents (لحماية → حماية) or starts with the article (للشرطة, بالطائف); a name's word that merely begins
  with those letters has no such bare form (مركز لندن, نادي ليفربول, بنك بيروت); a bare form that starts with
  و / ف is not asked (بوروسيا is not ب + وروسيا "and Russia"). A head with the article is not judged
  (الاتحاد للطيران). Not و: names start with it (مجموعة واعد, شركة وابل, تنظيم ولاية سيناء), and a bare form
  after it is often a word (واعد → أعد, وابل → أبل).

Stop 34 (helper B): a person whose first word is a common word of the day (printed with the article at least
``discovery_shape.MIN_DEFINITE`` times: تعليم تبوك, نجم فريق, عقد يمتد, أعضاء شرف) and not a common given name is a
phrase (rule ``common_first``), and so is one whose first word is ب / ل / ك + such a word (بذكرى إعلان); a word of
fewer than three letters is not judged (جو هارت: الجو).

``RULES`` switches a rule off for the bench's side-by-side measurement (``bench/discovery_eval.py --rules-off``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pipeline.discovery_known import has_article
from pipeline.discovery_shape import MIN_DEFINITE, definite_times
from pipeline.normalize import normalize_token

if TYPE_CHECKING:
    from pipeline.discovery_bare import DayWords

RULES = {"ala": True, "head_preposition": True, "common_first": True}
_ALI = normalize_token("علي")
_PREPOSITION_ARTICLE = ("لل", "بال")  # ل + ال is written لل; ب + ال بال
_PROCLITICS = ("ل", "ب")
_PREPOSITION_FIRST = ("ب", "ل", "ك")  # common_first: a preposition on a common first word
MIN_BARE_DOCS = 5  # the word without its first letter is a word of at least this many of the day's documents
_MARKS = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670\u0640"  # ḥarakāt, dagger alif, tatweel


def is_preposition_ala(kind: str, key: str, surfaces: Mapping[str, int]) -> bool:
    """A person candidate starting with علي that most of its printed mentions write على (the preposition)."""
    if kind != "person" or not RULES["ala"] or key.split(" ", 1)[0] != _ALI:
        return False
    total = sum(surfaces.values())
    ala = sum(n for surface, n in surfaces.items() if surface.split(" ", 1)[0].rstrip(_MARKS).endswith("ى"))
    return total > 0 and 2 * ala > total


def _second_word(kind: str, key: str) -> str:
    """The word after an indefinite organization head that may be ل / ب + a word; "" when not judged."""
    words = key.split()
    if kind != "org" or not RULES["head_preposition"] or len(words) < 2 or has_article(words[0]):
        return ""
    second = words[1]
    return second if len(second) > 3 and second.startswith(_PROCLITICS) and second[1] not in "وف" else ""


def is_head_preposition(kind: str, key: str, bare: Mapping[str, int]) -> bool:
    """An organization candidate: a head without the article, then a proclitic ل / ب on a word (the article
    after it, or a bare form the day uses: ``bare``, the day's document frequencies, ``discovery_runon.doc_counts``)."""
    second = _second_word(kind, key)
    if not second:
        return False
    return (len(second) > 4 and second.startswith(_PREPOSITION_ARTICLE)) or bare.get(second[1:], 0) >= MIN_BARE_DOCS


def is_common_first(kind: str, key: str, day: DayWords, given_names: frozenset[str]) -> bool:
    """A person candidate whose first word (or that word without a preposition ب / ل / ك) the day prints with the
    article at least ``MIN_DEFINITE`` times and is not a common given name (تعليم تبوك, نجم فريق, بذكرى إعلان)."""
    if kind != "person" or not RULES["common_first"]:
        return False
    first = key.split(" ", 1)[0]
    if len(first) < 3 or first in given_names:
        return False
    if definite_times(first, day) >= MIN_DEFINITE:
        return True
    bare = first[1:]  # a preposition on it: بذكرى إعلان (ب + ذكرى)
    return (len(first) > 4 and first[0] in _PREPOSITION_FIRST and bare not in given_names
            and definite_times(bare, day) >= MIN_DEFINITE)
