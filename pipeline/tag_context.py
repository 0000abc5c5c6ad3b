"""What the tagger reads around a gazetteer hit: the hit, its alias, the words before and after it.

:class:`Doc` is one normalized document for the context rules of :mod:`pipeline.tag` (a title or role word
before a name, a country list around a place); words are read around a hit on demand, within its sentence
or clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W_]+")
SENTENCE_BREAK = re.compile(r"[.!?؟:;؛\n]")
CLAUSE_BREAK = re.compile(r"[.!?؟:;؛\n،,]")
JOINERS = re.compile(r"^[\s،,]*$")
LIST_OR = re.compile(r"^[\s،,]*(?:او|أو)?[\s،,]*$")  # سوريا أو ليبيا


@dataclass(frozen=True, slots=True)
class Alias:
    entity: str
    kind: str  # person | place | org | topic | libya | foreign | block
    quality: str  # full | short | ambiguous | keyword | strong | foreign | block
    allowed_prefixes: frozenset[str]
    key: str = ""


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    alias: Alias
    surface: str  # the whole word(s) as written, clitics included
    weak: bool = False  # an ambiguous alias accepted on weak evidence only (a preposition, a title)

    @property
    def word_start(self) -> int:
        return self.end - len(self.surface)

    @property
    def prefix(self) -> str:
        return self.surface[: len(self.surface) - (self.end - self.start)]


@dataclass
class Doc:
    """One normalized document, for the context rules (words are read around a hit on demand)."""

    text: str
    title_end: int
    foreign: dict[int, str] = field(default_factory=dict)  # word start -> clitic, of foreign words
    foreign_starts: list[int] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)  # competing country -> words for it

    def before(self, hit: Hit, n: int, *, span: int = 80) -> list[str]:
        """Up to ``n`` words right before the hit's word, within its sentence (nearest last)."""
        lo = max(0, hit.word_start - span)
        seg = self.text[lo : hit.word_start]
        words = [(m.group(), m.end()) for m in WORD.finditer(seg)]
        out: list[str] = []
        pos = len(seg)
        for word, end in reversed(words[-n:]):
            if SENTENCE_BREAK.search(seg, end, pos):
                break
            out.insert(0, word)
            pos = end - len(word)
        return out

    def in_country_list(self, hit: Hit) -> bool:
        """The hit is one item of a list of countries: a word for another country right before
        or after it, joined by و or a comma (سوريا والعراق وليبيا)."""
        if not self.foreign:
            return False
        nxt = self.next_words(hit, 1)
        if nxt and nxt[0][0] in self.foreign:
            gap = self.text[hit.end : nxt[0][0]]
            if JOINERS.match(gap) and ("،" in gap or "," in gap or self.foreign[nxt[0][0]].startswith("و")):
                return True
        nxt2 = self.next_words(hit, 2)
        if len(nxt2) == 2 and nxt2[1][0] in self.foreign and LIST_OR.match(self.text[hit.end : nxt2[1][0]]):
            return True
        seg = self.text[max(0, hit.word_start - 40) : hit.word_start]
        prev = list(WORD.finditer(seg))
        if prev:
            start = hit.word_start - len(seg) + prev[-1].start()
            gap = seg[prev[-1].end() :]
            if start in self.foreign and JOINERS.match(gap) and (
                    "،" in gap or "," in gap or hit.prefix.startswith("و")):
                return True
            if len(prev) >= 2 and prev[-1].group() == "او":
                start2 = hit.word_start - len(seg) + prev[-2].start()
                if start2 in self.foreign and LIST_OR.match(seg[prev[-2].end() :]):
                    return True
        return False

    def next_words(self, hit: Hit, n: int, *, span: int = 80) -> list[tuple[int, int]]:
        """Absolute (start, end) of up to ``n`` words after the hit, within its clause."""
        seg = self.text[hit.end : hit.end + span]
        out: list[tuple[int, int]] = []
        pos = 0
        for m in WORD.finditer(seg):
            if len(out) >= n or CLAUSE_BREAK.search(seg, pos, m.start()):
                break
            out.append((hit.end + m.start(), hit.end + m.end()))
            pos = m.end()
        return out
