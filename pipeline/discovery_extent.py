"""Name discovery: where a person's name ends, two rules on top of the day's statistics (stop 36, helper F).

``pipeline.discovery.choose_extents`` extends a name by its next word while at least ``EXTEND_MIN_DOCS`` documents
and ``EXTEND_RATIO`` of those with the shorter name go on that way, and otherwise keeps the shortest name (two name
units for a person). Two shapes of the development days' suggestions come from that:

``lineage_family``: a lineage cut before its family name. A run عمر بن صالح العمر of one document (or of two men:
… العمر, … الغامدي) is cut to its shortest name عمر بن صالح — the start of several men's names, not a name, whose
every mention goes on with a family name. A person's name that would end on بن / ابن / بنت + a word while the run
goes on with a word that is no connector takes that word too (the family name): each man keeps his own name, and
the start is suggested only where the day prints it alone (ماجد بن عبدالله ، …). A run going on with another بن is
left as it was (سعود بن عبدالمحسن بن عبدالعزيز, a prince's lineage, has no family name).

``story_extend``: a person carried on into a common word by the copies of one story. Two outlets printing the same
sentence (مايكل سامرز الباحث في …, ميشال شلهوب مذكرات …) give the longer form two documents, and the statistics take
it. A person is not extended by a word the day prints mostly outside that name — in at least ``COMMON_TIMES`` times
as many documents as the longer name, and ``COMMON_MIN_DOCS`` documents — when the longer name is printed by one
story only (``DayDoc.cluster_id``; a document without one is its own story). A family name is printed mostly with
its bearer (الغبان), and a name of several stories is extended as before.

``family_word`` (stop 37, helper H): a person carried on into a common word by several stories (… وكيل نقابة,
… المصابين, … برصاص): ``story_extend`` stops such a run only when one story's copies print it. A family name is
printed after a name word — a given name (``given_names.txt``, a first word of the gazetteer's persons or of a
person found after a cue today) or a connector (بن, أبو, أبا, آل) — wherever it stands, also when it is frequent
(العتيبي, الغامدي: many men); a common word almost never is. A person is not extended by a word that the day prints
after other words than name words in at least ``FAMILY_MIN_DOCS`` documents (besides those printing it after the
name's word before it, when that is no name word) and after a name word in less than ``FAMILY_SHARE`` of its
documents (:func:`name_uses` counts both in one pass over the day); a given name is never such a word (جبران خليل
جبران). A name the statistics would carry on into such a word and that was carried on before it — its last word is
such a word too, or a word inside it is no name word — is dropped (بختيار دوغان قصف الطائرات [التركية]). A rare
family name (printed in fewer other documents) is extended as before.

``RULES`` switches each rule for the bench's side-by-side runs (``bench/discovery_eval.py --rules-off``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.discovery_cues import Cues
from pipeline.discovery_given import is_given
from pipeline.discovery_known import CONNECTORS
from pipeline.discovery_scan import Occurrence, Tokens
from pipeline.normalize import normalize_token

RULES = {"lineage_family": True, "story_extend": True, "family_word": True}
LINEAGE = frozenset(normalize_token(w) for w in ("بن", "ابن", "بنت"))
COMMON_TIMES = 3  # a common word: in at least this many times the longer name's documents ...
COMMON_MIN_DOCS = 4  # ... and at least this many of the day's documents
FAMILY_MIN_DOCS = 5  # a common word: printed after other words than name words in this many other documents ...
FAMILY_SHARE = 0.1  # ... and after a name word in less than this share of its documents


def family_follows(kind: str, words: Sequence[str], k: int) -> bool:
    """The first ``k`` of a run's ``words`` end on بن + a word and the run goes on with a word that is no connector:
    the lineage's family name (rule ``lineage_family``)."""
    return (RULES["lineage_family"] and kind == "person" and 2 <= k < len(words) and words[k - 2] in LINEAGE
            and words[k] not in CONNECTORS)


def common_tail(kind: str, word: str, longer_docs: set[int], stories: Sequence[str] | None,
                df: Counter[str] | None) -> bool:
    """A person's next ``word`` is a common word of the day (``df``: documents per word) and the longer name is
    printed by one story only (``stories``: each document's story): no extension (rule ``story_extend``)."""
    if not RULES["story_extend"] or kind != "person" or stories is None or df is None or not longer_docs:
        return False
    if len({stories[d] for d in longer_docs}) > 1:
        return False
    n = df.get(word, 0)
    return n >= COMMON_MIN_DOCS and n >= COMMON_TIMES * len(longer_docs)


NAME_LINKS = CONNECTORS | {normalize_token("أبا")}  # أبا الخيل: أبو's other case


@dataclass
class NameUses:
    """Per word of the day: the documents printing it after a name word (``named``) and after another word
    (``other``); per pair of a person's words, the documents printing it (``pairs``). Rule ``family_word``."""

    named: Counter[str]
    other: Counter[str]
    pairs: Counter[tuple[str, str]]
    name_words: frozenset[str]


def name_uses(tokenized: Sequence[Tokens], occurrences: Sequence[Occurrence], cues: Cues | None = None) -> NameUses:
    """The day's :class:`NameUses` in one pass, for the words a person's name could be extended by (from its third
    word on). A name word: a connector (بن, أبو, آل), a given name (``is_given``) or the first word of a person's
    name found after a cue today (a foreign given name: ديفيد)."""
    persons = [o.words for o in occurrences if o.kind == "person"]
    name_words = frozenset(w[0] for w in persons if w and w[0]) | NAME_LINKS
    wanted = {(w[k - 1], w[k]) for w in persons for k in range(2, len(w))}
    judged = {word for _, word in wanted}
    named: Counter[str] = Counter()
    other: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    given: dict[str, bool] = {}
    for tokens in tokenized:
        norm = tokens.norm
        hits = [(prev, word) for prev, word in zip(("", *norm), norm, strict=False) if word in judged]
        after_name: set[str] = set()
        after_other: set[str] = set()
        for prev, word in hits:
            if prev and (prev in name_words or given.setdefault(prev, is_given(prev, cues))):
                after_name.add(word)
            else:
                after_other.add(word)
        named.update(after_name)
        other.update(after_other)
        pairs.update({hit for hit in hits if hit in wanted})
    return NameUses(named, other, pairs, name_words)


def common_word(kind: str, words: Sequence[str], k: int, uses: NameUses | None, cues: Cues | None = None) -> bool:
    """A person's next word ``words[k]`` is a common word, no family name (rule ``family_word``; ``uses``:
    :func:`name_uses`); after a word that is no name word, the documents printing the two words are not counted
    against it (the name's own). After a name word they count for it: a surname printed alone after a verb or a
    title elsewhere (وقال ظريف) is still printed after its bearer's given name (محمد جواد ظريف)."""
    if not RULES["family_word"] or kind != "person" or uses is None or k < 2:
        return False
    word, prev = words[k], words[k - 1]
    if word in uses.name_words or is_given(word, cues):
        return False  # a given name is a name word wherever it stands (جبران خليل جبران)
    named, other = uses.named.get(word, 0), uses.other.get(word, 0)
    if not (prev in uses.name_words or is_given(prev, cues)):
        other -= uses.pairs.get((prev, word), 0)
    return other >= FAMILY_MIN_DOCS and named < FAMILY_SHARE * (named + other)


def carried_from_common(words: Sequence[str], k: int, uses: NameUses | None, cues: Cues | None = None) -> bool:
    """A name of ``k`` words that the statistics would carry on into a common word (:func:`common_word`) was
    carried on before it: its last word is a common word too (… الإطار [القيادي]), or a word between its first
    and last is no name word (بختيار دوغان قصف الطائرات [التركية]): no name (rule ``family_word``)."""
    if uses is None:
        return False
    if common_word("person", words, k - 1, uses, cues):
        return True
    return any(not (w in uses.name_words or is_given(w, cues)) for w in words[1:k - 1])
