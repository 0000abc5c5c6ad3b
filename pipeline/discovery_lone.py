"""Name discovery: a name after a cue in a single document of the day is stored too (stop 31, helper B).

The daily pass used to store a name only on a day with at least ``MIN_DAY_DOCS`` documents mentioning it. A
name cited once a day — a foreign minister, a Gulf ruler, an envoy — after a title (الملك حمد بن عيسى, المبعوث
الأممي إسماعيل ولد الشيخ) never reached two documents on one day and was never stored, however many days it was
cited on. With this rule on, a day with one document is stored when that document has the name after a cue
(``Candidate.cue_docs``) and the name is a person whose first word is a common given name
(``given_names.txt``): the ranking sums the days (``name_suggestions.score``), so a name cited on several
days rises and a name cited once stays at the bottom. A name mentioned in one document without a cue (a watched
name, ``name_suggestions.watched_from``) is still not stored for that day.

The look-back (``pipeline.discovery_window``) is unchanged: it runs for a name the first day it reaches
``MIN_DAY_DOCS`` documents (a day entry with fewer does not make a name old), and it stores earlier days with at
least that many.

**Not kept (stop 31): off by default.** On the development halves (docs/benchmarks.md, "stop 31, helper B") it
brought one more hidden name into the studied half's top 100 (first list) and pushed one out of the other half's
(first list; two when organizations were let in too): the names it lets in — local officials cited once a day,
real but not hidden — take the places of hidden names in the top 100. ``RULES["lone"]`` switches it on for the
bench (``--rules-on lone``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.discovery_cues import get_cues

if TYPE_CHECKING:
    from pipeline.discovery import Candidate

RULES = {"lone": False}  # measured at stop 31 and not kept: off by default (``--rules-on lone``)


def stored(c: Candidate, min_docs: int) -> bool:
    """``c`` is stored for its day: ``min_docs`` documents, or one with the name after a cue when it is a person
    whose first word is a common given name (on the development half studied, the organizations a single
    document let in were mostly phrases: قوات الشرعية, فرقة إطفاء وإنقاذ, جهاز الكمبيوتر)."""
    if c.docs >= min_docs:
        return True
    if not RULES["lone"] or c.docs < 1 or c.cue_docs < 1 or c.kind != "person":
        return False
    return c.name.split(" ", 1)[0] in get_cues().given_names
