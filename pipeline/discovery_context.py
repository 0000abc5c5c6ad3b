"""Name discovery: the contexts of the names the gazetteer already knows (stop 39, helper K).

Every other rule reads a candidate from its cue or its own shape. This one reads where the day prints it. The
gazetteer knows thousands of persons and organizations (and production's grows with every accepted name); each
day their mentions show which neighbouring words go with a name of each kind: the word before (مع, بين, ضد, لاعبه,
أعلنت, لدى), the one before that, and the word after (the comma, الذي, أن, رئيس, a past verb). :func:`day_model`
counts, in one pass over the day's tokens, the left-1 / left-2 / right-1 words (normalized, a context word's
proclitics split as the scanner splits them: ``discovery_scan.clitic_forms``) of every mention of a known person
and a known organization of two or more words (a proclitic allowed on its first word), and, as background, every
word of the day (a punctuation mark is ``|``, a document's edge ``^``).

A mention's **context score** for a kind is a smoothed log-likelihood ratio, summed over its slots (``SCORED``):
``log(P_kind(w) / P_background(w))``, ``P_kind`` the kind's share of ``w`` in the slot mixed with the background
(``LAMBDA``: a word the known names never had scores ``log(1 − LAMBDA)``, not −∞), each slot's ratio clipped to
``±SLOT_CLIP``. The daily pass (``pipeline.discovery._count_mentions``, where every mention is already found) adds
each candidate mention's score for both kinds to the day entry's ``shape`` (``ctx_person``, ``ctx_org``: sums;
``ctx_n``: the mentions scored), so the ranking reads it from the stored name document, on the Elasticsearch path
as in the bench.

Rule ``known_context`` (ranking, ``pipeline.discovery_kind.ranking_factor``): :func:`context_factor` multiplies a
name's score by ``exp(WEIGHT × mean)``, ``mean`` the average context score of its stored mentions for its kind,
bounded to ``[LOW, HIGH]``: a name printed where names are printed is lifted a little, a phrase printed where
phrases are lowered a little; a name printed by many outlets stays above a one-document phrase.

**Kept at WEIGHT 0.15 in [0.85, 1.2] (stop 39).** Alone, the score separates labelled names from non-names among
the stored candidates of deva at AUC 0.70 (persons) / 0.65 (organizations), but mostly repeats the kind model (a
candidate's cue mentions stand where known names stand) and cannot see a name cut or carried on (its mentions stand
where a name stands); at 0.5 in [0.6, 1.5] it lifted real but not hidden names over three hidden ones on deva
devtail. At 0.15: deva 34 → 34 / 45 → 46 hidden names, labelled precision@100 +0.04 / +0.03; devb (deciding) recall
equal on both lists, +0.04 / +0.02 (docs/benchmarks.md, "stop 39 (helper K)").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.discovery_lists import Index, known_index
from pipeline.discovery_scan import Tokens, clitic_forms

RULES = {"known_context": True}
KINDS = ("person", "org")
LAMBDA = 0.5  # a kind's slot distribution, mixed with the background: LAMBDA × the kind's + (1 − LAMBDA) × background
SLOT_CLIP = 3.0  # one slot's log ratio is bounded to ±SLOT_CLIP
WEIGHT = 0.15  # the factor is exp(WEIGHT * the mean context score) ...
LOW, HIGH = 0.85, 1.2  # ... bounded to [LOW, HIGH]
MIN_KNOWN_WORDS = 2  # a known name of fewer words is not counted (a one-word alias is often a common word too)
_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_ONE = frozenset(p for p in _PREFIXES if len(p) == 1)
_TWO = frozenset(p for p in _PREFIXES if len(p) == 2)
SLOTS = ("l1", "l2", "r1")
SCORED = SLOTS  # the slots a mention's score sums
FACTOR_KINDS = KINDS  # the kinds the ranking factor applies to


def _word(norm: list[str], i: int) -> str:
    """A context word: ``^`` outside the document, ``|`` a punctuation mark, else its form without proclitics."""
    if i < 0 or i >= len(norm):
        return "^"
    w = norm[i]
    return clitic_forms(w)[-1] if w else "|"


def slots(norm: list[str], start: int, n: int) -> tuple[str, str, str]:
    """The left-1, left-2 and right-1 context words of the run ``norm[start : start + n]``."""
    return _word(norm, start - 1), _word(norm, start - 2), _word(norm, start + n)


@dataclass
class ContextModel:
    """One day's context counts: per kind and slot, and the background (every word of the day)."""

    counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    totals: dict[tuple[str, str], int] = field(default_factory=dict)
    background: Counter[str] = field(default_factory=Counter)
    words: int = 0
    _cache: dict[tuple[str, str, str], float] = field(default_factory=dict)

    def ratio(self, kind: str, slot: str, w: str) -> float:
        got = self._cache.get((kind, slot, w))
        if got is None:
            bg = (self.background[w] + 1.0) / (self.words + len(self.background) + 1.0)
            c = self.counts.get((kind, slot))
            total = self.totals.get((kind, slot), 0)
            p = LAMBDA * ((c[w] if c else 0) / total if total else 0.0) + (1 - LAMBDA) * bg
            got = self._cache[(kind, slot, w)] = max(-SLOT_CLIP, min(SLOT_CLIP, math.log(p / bg)))
        return got

    def score(self, kind: str, context: tuple[str, str, str]) -> float:
        """A mention's context score for ``kind`` (module docstring)."""
        return sum(self.ratio(kind, s, w) for s, w in zip(SLOTS, context, strict=True) if s in SCORED)


def _first_forms(first: str) -> list[str]:
    """A word and its forms without a proclitic (``_PREFIXES``): the first word of a known name as printed."""
    forms = [first]
    if first[:1] in _ONE and len(first) >= 3:
        forms.append(first[1:])
        if first[:2] in _TWO and len(first) >= 4:
            forms.append(first[2:])
    return forms


def _known_at(norm: list[str], i: int, index: Index) -> tuple[int, str] | None:
    """(end, kind) of the known person / organization of at least ``MIN_KNOWN_WORDS`` words starting at ``i``; its
    first word may carry a proclitic (``_PREFIXES``)."""
    for form in _first_forms(norm[i]):
        for n in index.lengths.get(form, ()):
            if n < MIN_KNOWN_WORDS or i + n > len(norm):
                continue
            kind = index.kinds.get((form, *norm[i + 1 : i + n]))
            if kind:
                return i + n, kind
    return None


def day_model(tokenized: Sequence[Tokens], known: Any) -> ContextModel | None:
    """The day's context model (module docstring); None with the rule off or without known kinds. One pass over the
    tokens for the day's words; the known names then looked up only where the day has a word that may start one."""
    if not RULES["known_context"] or not getattr(known, "kinds", None):
        return None
    index = known_index(known)
    model = ContextModel()
    words: Counter[str] = Counter()
    for tokens in tokenized:
        words.update(tokens.norm)
        model.words += len(tokens.norm)
    starts = frozenset(w for w in words if w and any(f in index.lengths for f in _first_forms(w)))
    for tokens in tokenized:
        norm = tokens.norm
        end = 0
        for i in [i for i, w in enumerate(norm) if w in starts]:
            hit = _known_at(norm, i, index) if i >= end else None
            if hit is None:
                continue
            end, kind = hit
            for s, w in zip(SLOTS, slots(norm, i, end - i), strict=True):
                model.counts.setdefault((kind, s), Counter())[w] += 1
                model.totals[(kind, s)] = model.totals.get((kind, s), 0) + 1
    for w, n in words.items():  # the background: the day's words as context words (proclitics split)
        model.background[clitic_forms(w)[-1] if w else "|"] += n
    return model


def add_mention(acc: dict[str, float], model: ContextModel, norm: list[str], start: int, n: int) -> None:
    """Add one candidate mention's context scores (both kinds) to ``acc`` (the day entry's ``shape`` fields)."""
    context = slots(norm, start, n)
    for kind in KINDS:
        acc[f"ctx_{kind}"] = acc.get(f"ctx_{kind}", 0.0) + model.score(kind, context)
    acc["ctx_n"] = acc.get("ctx_n", 0.0) + 1


def shape_fields(acc: Mapping[str, float]) -> dict[str, float]:
    """The stored form of a candidate's day sums (rounded; the mention count an integer)."""
    if not acc:
        return {}
    return {**{f"ctx_{k}": round(acc.get(f"ctx_{k}", 0.0), 3) for k in KINDS}, "ctx_n": int(acc.get("ctx_n", 0))}


def context_mean(src: Mapping[str, Any], kind: str | None = None) -> float | None:
    """The average context score of a name document's stored mentions for its kind (None: none scored)."""
    kind = kind or str(src.get("kind"))
    if kind not in KINDS:
        return None
    total = n = 0.0
    for d in src.get("days") or []:
        shape = d.get("shape") or {}
        total += float(shape.get(f"ctx_{kind}", 0.0))
        n += float(shape.get("ctx_n", 0))
    return total / n if n else None


def context_factor(src: Mapping[str, Any]) -> float:
    """Rule ``known_context``: the ranking factor of a name document (module docstring); 1 when off or unscored."""
    if not RULES["known_context"] or src.get("kind") not in FACTOR_KINDS:
        return 1.0
    mean = context_mean(src)
    if mean is None:
        return 1.0
    return max(LOW, min(HIGH, math.exp(WEIGHT * mean)))
