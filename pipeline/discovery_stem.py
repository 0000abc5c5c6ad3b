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
ratio is not asked: an organization is extended by its next word when at least ``EXTEND_MIN_DOCS`` documents of at
least ``MIN_STORIES`` stories go on that way (the name each of them prints; the copies of one story carry its
sentence on, whatever words follow the name), and a way on of one document or one story keeps the stem as before.
Once only: past the stem the ratio decides again, and only ways printed by ``MIN_STORIES`` stories are taken (a
full name past its stem is printed on into one story's sentence: وزارة الشؤون الاجتماعية [المساعد …], الهيئة العامة
للغذاء والدواء [بالمنفذ الجمركي]; the ratio alone took such ways from a name's two or three documents). A name the
day prints alone as a run's end (مستشفى الرس ، …) is extended as before.

``RULES`` switches the rule off for the bench's side-by-side runs (``--rules-off org_stem``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

RULES = {"org_stem": True}
ALONE_SHARE = 0.1  # a stem: its runs end on it in at most this share of the documents printing it
MIN_STORIES = 2  # the way on past a stem: printed by at least this many stories (not one story's copies)


def is_stem(kind: str, alone_docs: int, shorter_docs: int, longer: Collection[int],
            stories: Sequence[str] | None = None) -> bool:
    """An organization's shorter name (printed in ``shorter_docs`` documents of the day, a run ending on it in
    ``alone_docs`` of them) is a stem the day never prints alone, and the way on (the documents ``longer``) is
    printed by at least ``MIN_STORIES`` stories (``stories``: each document's story; a document without one is its
    own): the name is extended by that way (``org_stem``)."""
    if not RULES["org_stem"] or kind != "org" or shorter_docs <= 0 or alone_docs > ALONE_SHARE * shorter_docs:
        return False
    return several_stories(longer, stories)


def several_stories(docs: Collection[int], stories: Sequence[str] | None = None) -> bool:
    """The documents ``docs`` are of at least ``MIN_STORIES`` stories: past a stem, a name goes on only so."""
    return len({stories[d] for d in docs} if stories is not None else set(docs)) >= MIN_STORIES
