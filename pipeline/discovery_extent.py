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

``RULES`` switches each rule for the bench's side-by-side runs (``bench/discovery_eval.py --rules-off``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.discovery_known import CONNECTORS
from pipeline.normalize import normalize_token

RULES = {"lineage_family": True, "story_extend": True}
LINEAGE = frozenset(normalize_token(w) for w in ("بن", "ابن", "بنت"))
COMMON_TIMES = 3  # a common word: in at least this many times the longer name's documents ...
COMMON_MIN_DOCS = 4  # ... and at least this many of the day's documents


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
