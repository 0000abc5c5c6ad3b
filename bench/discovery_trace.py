"""Which stage of the daily pass lost a hidden name (``discovery_eval.py --diagnose``, development days only).

The diagnosis of ``discovery_eval`` says that a missed name's words follow a cue ("after a cue, wrong boundaries or
filtered") but not where it was lost. :class:`Trace` watches one replay (``replay_memory``) through wrappers around
``pipeline.discovery``'s steps, and records, for every occurrence and candidate whose words hold a hidden entity's
alias or are a part of one (two words or more):

- ``run``: the longest run a cue allowed (``cue_occurrences``, roles, lists; its kind), the word that ended it, and
  the extent the day's statistics chose (``choose_extents``): the name, a longer run-on, a cut, or nothing (ends on
  a connector);
- ``dropped``: a chosen key not kept (known: ``KnownNames.knows``; generic: ``is_generic``) or filtered when its
  mentions are counted (fragment, common phrase, a preposition, common first word, a non-name word);
- ``few docs``: a candidate of fewer than ``MIN_DAY_DOCS`` documents on the day (not stored), and ``stored``.

The wrappers only observe: the replay's candidates and store are those of a run without them. Never used on the
test days (it prints the names)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Trace:
    def __init__(self, hidden: dict[str, tuple[str, set[str]]]) -> None:
        self.aliases = {eid: sorted(keys) for eid, (_kind, keys) in hidden.items()}
        self.by_word: dict[str, set[str]] = defaultdict(set)
        for eid, keys in self.aliases.items():
            for a in keys:
                for w in a.split():
                    self.by_word[w].add(eid)
        self.events: dict[str, Counter[str]] = defaultdict(Counter)
        self.tokens: list[Any] = []
        self.known: Any = None
        self.day: Any = None  # the day's words (discovery_bare.day_words)
        self.chosen: dict[str, tuple[str, set[str]]] = {}  # key -> (kind, entities) chosen on the day

    def related(self, words: tuple[str, ...] | list[str]) -> list[str]:
        """Entities with an alias inside ``words`` or ``words`` (2+ words) inside an alias."""
        text = " " + " ".join(words) + " "
        out = []
        for eid in set().union(*(self.by_word.get(w, set()) for w in words)) if words else ():
            if any(f" {a} " in text or (len(words) >= 2 and text in f" {a} ") for a in self.aliases[eid]):
                out.append(eid)
        return out

    def note(self, eids: list[str], event: str) -> None:
        for eid in eids:
            self.events[eid][event] += 1

    # -- the wrappers -------------------------------------------------------------------------------------------
    def _choose_extents(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        from pipeline.discovery_known import name_key

        def wrapper(occurrences: list[Any], **kw: Any) -> list[Any]:
            result = fn(occurrences, **kw)
            chosen = {id(o): k for o, k in result}
            for occ in occurrences:
                eids = self.related(tuple(name_key(occ.words).split()))
                if not eids:
                    continue
                tokens = self.tokens[occ.doc] if occ.doc < len(self.tokens) else None
                end = occ.start + len(occ.words)
                stop = (tokens.raw[end] if end < len(tokens) else "<end>") if tokens is not None else "?"
                k = chosen.get(id(occ))
                key = name_key(occ.words[:k]) if k else ""
                self.note(eids, f"run({occ.kind}) [{' '.join(occ.words)}] stop<{stop}> -> "
                                + (f"[{key}]" if k else "nothing (too short, or ends on a connector)"))
                if k:
                    kind_eids = self.chosen.setdefault(key, (occ.kind, set()))
                    kind_eids[1].update(self.related(tuple(key.split())))
            return result
        return wrapper

    def _doc_counts(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(tokenized: list[Any], *a: Any, **kw: Any) -> Any:
            self.tokens = tokenized
            return fn(tokenized, *a, **kw)
        return wrapper

    def _day_words(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **kw: Any) -> Any:
            self.day = fn(*a, **kw)
            return self.day
        return wrapper

    def _verdict(self, fn: Callable[..., bool], name: str, key_at: int = 1) -> Callable[..., bool]:
        def wrapper(*a: Any, **kw: Any) -> bool:
            result = fn(*a, **kw)
            key = a[key_at] if len(a) > key_at else kw.get("key", "")
            if result and key:
                self.filtered[key] = name
            return result
        return wrapper

    def _count_mentions(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        from pipeline.discovery_known import is_generic

        def wrapper(docs: list[Any], tokenized: list[Any], keep: dict[str, str], *a: Any, **kw: Any) -> Any:
            if not kw.get("fragments", True):
                return fn(docs, tokenized, keep, *a, **kw)
            self.filtered: dict[str, str] = {}
            out = fn(docs, tokenized, keep, *a, **kw)
            names = {c.name for c in out}
            cues = a[3] if len(a) > 3 else kw["cues"]
            for key, (kind, eids) in self.chosen.items():
                if not eids:
                    continue
                words = tuple(key.split())
                if key not in keep:
                    why = ("known" if self.known.knows(kind, words) else
                           "generic" if is_generic(kind, words, cues, self.day)
                           else "not kept (kind vote, or indefinite_form)")
                    self.note(sorted(eids), f"[{key}] ({kind}) dropped: {why}")
                elif key not in names:
                    self.note(sorted(eids), f"[{key}] ({keep[key]}) dropped: {self.filtered.get(key, 'non-name word')}")
            self.chosen = {}
            return out
        return wrapper

    def day_out(self, found: list[Any], min_docs: int, stored: Callable[[Any, int], bool]) -> None:
        for c in found:
            eids = self.related(tuple(c.name.split()))
            if eids:
                self.note(eids, f"[{c.name}] ({c.kind}) " + (
                    f"stored ({c.docs} docs, {c.cue_docs} after a cue)" if stored(c, min_docs)
                    else f"few docs: {c.docs} (not stored)"))

    @contextmanager
    def installed(self, known: Any) -> Iterator[None]:
        from pipeline import discovery as d

        self.known = known
        saved = {n: getattr(d, n) for n in ("choose_extents", "doc_counts", "day_words", "_count_mentions",
                                            "is_fragment",
                                            "is_common_phrase", "is_preposition_ala", "is_head_preposition",
                                            "is_common_first", "is_common_pair")}
        d.choose_extents = self._choose_extents(saved["choose_extents"])
        d.doc_counts = self._doc_counts(saved["doc_counts"])
        d.day_words = self._day_words(saved["day_words"])
        d._count_mentions = self._count_mentions(saved["_count_mentions"])
        d.is_fragment = self._verdict(saved["is_fragment"], "fragment (mentions go on)")
        d.is_common_phrase = self._verdict(saved["is_common_phrase"], "common phrase")
        d.is_preposition_ala = self._verdict(saved["is_preposition_ala"], "على + a noun")
        d.is_head_preposition = self._verdict(saved["is_head_preposition"], "head + ل/ب")
        d.is_common_first = self._verdict(saved["is_common_first"], "common first word")
        d.is_common_pair = self._verdict(saved["is_common_pair"], "a phrase of common words (discovery_pair)")
        try:
            yield
        finally:
            for n, f in saved.items():
                setattr(d, n, f)

    def report(self, eids: list[str], top: int = 8) -> list[str]:
        lines = []
        for eid in eids:
            ev = self.events.get(eid)
            lines.append(f"  {eid} ({' | '.join(self.aliases[eid])})" + ("" if ev else ": no run holds it"))
            for event, n in (ev or Counter()).most_common(top):
                lines.append(f"      {n}x {event}")
            if ev and len(ev) > top:
                lines.append(f"      … {len(ev) - top} more")
        return lines
