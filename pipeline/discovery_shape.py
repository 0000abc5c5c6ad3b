"""Name discovery: rules on a candidate's shape read from the day's mentions (eighth pass).

A candidate most of whose mentions go on with the same word is the beginning of a longer name or phrase
(مستشفى جازان [العام], مجلس قيادة [المقاومة], علي حسن [الأحمدي]), not a name as it stands — unless the
candidate + that word begins another candidate of the day: then it is a short form of that name (نادي برشلونة
of نادي برشلونة الإسباني) and its mentions count for it when the day's candidates are merged. Only a
candidate of two words (the shortest name) is judged so: a longer one is often followed by its acronym
(حركة المقاومة الإسلامية حماس). A word after و (a second name) does not count as going on.

A word و + a common word (وكبار of … مطلق الأزيمع وكبار الضباط: the day prints the word after و with the article
at least ``MIN_DEFINITE`` times) or و + a given name (وعبدالمجيد: a second name glued to its conjunction) is no word of
a person's name (rule ``waw_word``, stop 34): a person's run ends there (``pipeline.discovery_scan``) and a
person candidate holding one is not suggested (``pipeline.discovery``).

A lineage without a family name whose mentions mostly go on with one (احمد بن علي [الغامدي]) is the start of
several men's names (rule ``lineage_prefix``, stop 35; not kept, off by default: ``--rules-on lineage_prefix``).

``RULES`` switches a rule off for the bench's side-by-side measurement (``bench/discovery_eval.py --rules-off``);
every rule but ``lineage_prefix`` is on in the pipeline.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from pipeline.discovery_bare import ARTICLES

if TYPE_CHECKING:
    from pipeline.discovery_bare import DayWords

# lineage_prefix: measured at stop 35 and not kept (it dropped a hidden name's short form on the studied half): off
RULES = {"fragment": True, "waw_word": True, "lineage_prefix": False}
MIN_DEFINITE = 5  # a common word: printed with the article (ال, وال, بال, لل …) at least this many times a day
FRAGMENT_SHARE = 0.6  # a fragment: at least this share of its mentions goes on with the same word ...
FRAGMENT_MIN = 2  # ... and at least this many mentions do


def is_fragment(following: Counter[str], key: str = "", beginnings: frozenset[str] | set[str] = frozenset()
                ) -> bool:
    """``following``: the word after each of the candidate's mentions ("" where none could be part of a name:
    a cue, a boundary, punctuation, the end). ``beginnings``: the first words (two or more) of every candidate
    of the day."""
    if len(key.split()) > 2:
        return False  # a longer name is rarely cut short; it is often followed by its acronym (حماس)
    total = sum(following.values())
    word, times = max(((w, n) for w, n in following.items() if w), key=lambda wn: wn[1], default=("", 0))
    if not word or times < FRAGMENT_MIN or times < FRAGMENT_SHARE * total:
        return False
    return f"{key} {word}" not in beginnings



def is_lineage_prefix(went_on: int, mentions: int) -> bool:
    """A lineage without a family name (احمد بن علي, given + بن + a given name) most of whose mentions go on with a
    family name (``went_on``: آل مريع, الغامدي … — different men) is the start of several names, not a name (rule
    ``lineage_prefix``, stop 35, helper A); ``mentions``: those that do not go on. A known man's short form is
    mostly printed without one (محمد بن سلمان ولي العهد, … بن عبدالعزيز)."""
    return RULES["lineage_prefix"] and went_on > mentions


def definite_times(w: str, day: DayWords) -> int:
    """Times the day prints ``w`` with the article (a clitic before it allowed)."""
    return sum(day.times[a + w] for a in ARTICLES)


def waw_words(day: DayWords, given_names: frozenset[str]) -> frozenset[str]:
    """The day's words و + a common word (printed with the article and bare at least ``MIN_DEFINITE`` times each:
    not وزير, whose و is its own letter) or و + a given name; never a given name itself (وليد, وسام); empty when the
    rule is off."""
    if not RULES["waw_word"]:
        return frozenset()
    return frozenset(w for w in day.times if len(w) >= 4 and w[0] == "و" and w not in given_names and (
        w[1:] in given_names or (definite_times(w[1:], day) >= MIN_DEFINITE and day.times[w[1:]] >= MIN_DEFINITE)))
