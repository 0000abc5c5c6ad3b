"""Name discovery: an organization's short and long forms as one suggestion (stop 29).

One organization is often printed in two forms that neither begins nor ends the other: الجامعة العربية and
جامعة الدول العربية (the same head, with or without its article, the short form's words a subsequence of the
long one's, the same last word), الجيش الحر and الجيش السوري الحر (without its country adjective), منظمة أوبك and
منظمة الدول المصدرة للنفط (أوبك) (the acronym printed right after the long form). The daily pass links two such
candidates only when the day's documents support it (:func:`day_links`): a subsequence pair must be mentioned
together in at least one document; an acronym (a bare word: no article, no preposition) must follow the long
form in at least one document, after a bracket or a quotation mark, within ``ACRONYM_GAP`` tokens. The links are
stored in the day entry (``forms``), and ``pipeline.name_suggestions.group`` makes one suggestion of the groups
they join (:func:`merge_linked`), shown as the best-ranked group's form.

A general form never swallows a specific body: the last word must be the same (وزارة الخارجية is not a form of
وزارة الخارجية الأمريكية), the short form has at least two words (the head and one more), a last word with a
preposition (مستشفى بالطائف: where a body is) links nothing, a short form that fits two bodies links neither, and
nothing is linked on words alone, without a document that holds both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pipeline.discovery_known import has_article

RULES = {"forms": True}  # switched off for the bench's side-by-side runs (--rules-off forms)
ACRONYM_GAP = 3  # tokens after the long form where its acronym may stand («», (), a dash between)
_PLACE_PREPOSITIONS = ("بال", "لل", "وبال", "ولل")
Row = TypeVar("Row", bound=tuple[str, Mapping[str, Any], Mapping[str, Any]])


def _head(word: str) -> str:
    """The head without its article (الجامعة → جامعة); clitics are not on a candidate's key."""
    return word[2:] if has_article(word) and word.startswith("ال") else word


def is_subsequence_form(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` (head + at least one word) is ``long`` with words left out: the same head (with or without the
    article), the same last word, its words in ``long``'s order; not a beginning of ``long`` (that is a short
    form already: ``pipeline.name_suggestions.same_name``) and not equal to it. A last word with a preposition
    (مستشفى بالطائف: where a body is, not its name) links nothing."""
    if len(short) < 2 or len(short) >= len(long) or short[-1] != long[-1] or _head(short[0]) != _head(long[0]):
        return False
    if short[-1].startswith(_PLACE_PREPOSITIONS):
        return False
    if long[: len(short)] == short:
        return False
    it = iter(long[1:])
    return all(w in it for w in short[1:])


def acronym_word(short: tuple[str, ...], long: tuple[str, ...]) -> str:
    """The word of a two-word ``short`` (head + one word not in ``long``, without the article or a preposition:
    أوبك, not بالطائف or التخصصي) that may be ``long``'s acronym; ""."""
    if len(short) != 2 or len(long) < 3 or _head(short[0]) != _head(long[0]) or short[1] in long:
        return ""
    if has_article(short[1]) or short[1].startswith(_PLACE_PREPOSITIONS):
        return ""
    return short[1]


def day_links(orgs: Iterable[str], found: Mapping[str, set[int]], after: Mapping[str, Mapping[str, int]]
              ) -> dict[str, list[str]]:
    """Organization keys of the day linked as one body's forms (module docstring): key -> the other keys.
    ``found``: the documents mentioning each key; ``after``: the words within ``ACRONYM_GAP`` tokens after
    each key's mentions (times)."""
    by_head: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in orgs if RULES["forms"] else ():
        words = tuple(key.split())
        by_head[_head(words[0])].append(words)
    links: dict[str, set[str]] = defaultdict(set)
    for group in by_head.values():
        if len(group) < 2:
            continue
        for short in group:
            s = " ".join(short)
            longs = set()
            for long in group:
                lg = " ".join(long)
                if is_subsequence_form(short, long) and found.get(s, set()) & found.get(lg, set()):
                    longs.add(lg)
                word = acronym_word(short, long)
                if word and after.get(lg, {}).get(word, 0) >= 1:
                    longs.add(lg)
            if len(longs) != 1:
                continue  # a short form that fits two bodies names neither
            lg = longs.pop()
            links[s].add(lg)
            links[lg].add(s)
    return {k: sorted(v) for k, v in links.items()}


def stored_links(src: Mapping[str, Any]) -> set[str]:
    """Every key a name document's day entries link it to."""
    return {k for d in src.get("days") or [] for k in d.get("forms") or []}



class RankedUnion:
    """Disjoint sets of ranked items ``0 … n-1`` (best first): a joined set's root is its best-ranked item, so
    groups joined by :func:`merge_linked` or ``pipeline.discovery_merge`` keep the order of their best group."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = sorted((self.root(i), self.root(j)))
        self.parent[b] = a

def merge_linked(groups: Sequence[list[Row]]) -> list[list[list[Row]]]:
    """The groups (rows of ``(id, name document, stats)``, best group first) joined where an organization of one
    is linked to a name of another (:func:`stored_links`, either way), in the order of their best group."""
    sets = RankedUnion(len(groups))
    where = {row[1]["name"]: gi for gi, rows in enumerate(groups) for row in rows if row[1].get("kind") == "org"}
    for gi, rows in enumerate(groups):
        for row in rows:
            if row[1].get("kind") != "org":
                continue
            others = {where[o] for o in stored_links(row[1]) if o in where} - {gi}
            if len(others) != 1:
                continue  # linked (on different days) into two other groups: ambiguous, no bridge between bodies
            sets.join(gi, others.pop())
    joined: dict[int, list[list[Row]]] = {}
    for gi, rows in enumerate(groups):
        joined.setdefault(sets.root(gi), []).append(rows)
    return list(joined.values())
