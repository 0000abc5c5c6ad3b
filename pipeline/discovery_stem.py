"""Name discovery: an organization's head and first words that the day never prints alone are a stem, not a name
(stop 40, helper E).

``pipeline.discovery.choose_extents`` extends a name by its next word while at least ``EXTEND_MIN_DOCS``
documents, and ``EXTEND_RATIO`` of those printing the shorter name, go on that way. Where many organizations
share their first words (وزارة الشؤون الإسلامية / الاجتماعية / البلدية, المؤسسة العامة للتدريب / للخطوط …,
الهيئة العامة للغذاء …, وكالة أنباء البحرين / الإمارات …, جماعة أنصار الشريعة / بيت المقدس), no single way on
holds half of the shorter name's documents, and every one of those runs was cut to the shared stem: a key that
names no one (المؤسسة العامة), a known name's start, or a generic body, while the names themselves were lost.

``org_stem``: the day's statistics say when the shorter name is a stem — its runs end on it (the cue's run stops
right after it: a punctuation mark, a stop word) in at most ``ALONE_SHARE`` of the documents printing it. Then the
ratio is not asked: an organization is extended by its next word when at least ``EXTEND_MIN_DOCS`` documents go on
that way (the name each of them prints), and a way on of one document keeps the stem as before. A name the day
prints alone as a run's end (مستشفى الرس ، …) is extended as before.

``RULES`` switches the rule off for the bench's side-by-side runs (``--rules-off org_stem``).
"""

from __future__ import annotations

RULES = {"org_stem": True}
ALONE_SHARE = 0.1  # a stem: its runs end on it in at most this share of the documents printing it


def is_stem(kind: str, alone_docs: int, shorter_docs: int) -> bool:
    """An organization's shorter name (printed in ``shorter_docs`` documents of the day, a run ending on it in
    ``alone_docs`` of them) is a stem the day never prints alone: its next words are the names (``org_stem``)."""
    return RULES["org_stem"] and kind == "org" and shorter_docs > 0 and alone_docs <= ALONE_SHARE * shorter_docs
