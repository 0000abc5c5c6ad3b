"""Name discovery: a name after a cue in a single document of the day is stored too (stop 31, helper B).

The daily pass used to store a name only on a day with at least ``MIN_DAY_DOCS`` documents mentioning it. A
name cited once a day — a foreign minister, a Gulf ruler, an envoy — after a title (الملك حمد بن عيسى, المبعوث
الأممي إسماعيل ولد الشيخ) never reached two documents on one day and was never stored, however many days it was
cited on. Now a day with one document is stored when that document has the name after a cue
(``Candidate.cue_docs``): the ranking sums the days (``name_suggestions.score``), so a name cited on several
days rises and a name cited once stays at the bottom. A name mentioned in one document without a cue (a watched
name, ``name_suggestions.watched_from``) is still not stored for that day.

The look-back (``pipeline.discovery_window``) is unchanged: it runs for a name the first day it reaches
``MIN_DAY_DOCS`` documents (a day entry with fewer does not make a name old), and it stores earlier days with at
least that many.

``RULES["lone"]`` switches the rule off for the bench's side-by-side measurement (``--rules-off lone``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.discovery import Candidate

RULES = {"lone": True}


def stored(c: Candidate, min_docs: int) -> bool:
    """``c`` is stored for its day: ``min_docs`` documents, or one with the name after a cue."""
    return c.docs >= min_docs or (RULES["lone"] and c.docs >= 1 and c.cue_docs >= 1)
