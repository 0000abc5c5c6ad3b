"""Name discovery: words of the day that never continue a person's name (stop 29).

A person's name found after a cue runs on until a boundary (``boundaries.txt``, stop words, a cue word). A name
carried on into the word after it (… فيصل بن حمد الصقير **ممثلاً**) is a run-on. Besides the listed words of
``boundaries.txt``, the day's own text says which words are common indefinite words: a word printed with
tanwīn fatḥ (مؤكداً، مشيراً، قائلاً، ممثلاً، عاماً …, the ḥāl / adverbial accusative and other indefinite nouns)
in at least ``MIN_DOCS`` of the day's documents and ``MIN_SHARE`` of its occurrences. Proper names take no tanwīn in
news text (أوباما, مانديلا, رضا are printed without it), so such a word ends a person's name after its first word.
The first word is not judged: a foreign given name may be written like an adverb (سلفا كير; سلفاً "in advance"),
and a run that stops after it has one word, no person. Given names are never such words (رضاً is a noun, رضا a
name). Stop 29 judged persons only (``Cues.person_stops``); stop 30 extends the same words to organizations (below).

Tried and not kept (stop 29, commit 461d4ee): a lineage ending on a given name (سعد بن محمد) most of whose mentions
go on with a family name dropped as a name cut short — it also dropped the short forms that carry real names
(خالد بن محمد [العطية], فيصل بن تركي) and lost recall on both development halves (docs/benchmarks.md, "stop 29,
helper A").

Stop 30 (helper B): run-ons after an organization. The same tanwīn words end an organization's name too
(``Cues.org_stops``; an organization's words after its head are judged from the first: قوة [واجتماعاً]), and a
future verb ends any name (``Cues.boundaries``): س + an imperfect of the third or second person (ستسير, سيعقد,
سيكون) whose bare imperfect (تسير, يعقد, يكون) the day's text uses in at least ``MIN_DOCS`` documents — a name's
word that merely starts with سي / ست (سيتي, سيمنز, سيناء) has no such bare form.

A person's name also ends at a preposition ب / ل on a word of the day (… برصاص, … لجلسة, … بإجمالي): the
day's documents hold that word without the preposition (``MIN_BARE_DOCS``), as they never hold a family name cut
after its first letter (بشير, لحود). Persons only: an organization's name goes on with ل (مجلس التعاون لدول الخليج).

``RULES`` switches the rule off for the bench's side-by-side measurement (``bench/discovery_eval.py --rules-off``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline.discovery_known import CONNECTORS

if TYPE_CHECKING:
    from pipeline.discovery_cues import Cues
    from pipeline.discovery_scan import Tokens

RULES = {"tanwin": True, "org_tanwin": True, "future": True, "preposition": True}
TANWIN = "\u064b"  # fatḥatān: the accusative of an indefinite noun (مؤكداً, ممثلًا)
MIN_DOCS = 2  # a word printed with tanwīn in at least this many of the day's documents ...
MIN_SHARE = 0.1  # ... and at least this share of its occurrences of the day


def tanwin_words(tokenized: Iterable[Tokens], given_names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The normalized words of the day printed with tanwīn fatḥ (ending in اً / ًا) in at least ``MIN_DOCS``
    documents and ``MIN_SHARE`` of their occurrences, less the given names."""
    marked: Counter[str] = Counter()  # occurrences printed with tanwīn
    docs: Counter[str] = Counter()  # documents printing it so
    for tokens in tokenized:
        here = [norm for raw, norm in zip(tokens.raw, tokens.norm, strict=True)
                if norm and norm[-1] == "ا" and TANWIN in raw[-2:]]
        marked.update(here)
        docs.update(set(here))
    if not marked:
        return frozenset()
    seen: Counter[str] = Counter()
    for tokens in tokenized:
        seen.update(w for w in tokens.norm if w in marked)
    return frozenset(w for w, n in marked.items() if docs[w] >= MIN_DOCS and n >= MIN_SHARE * seen[w]
                     and w not in given_names and w not in CONNECTORS)


_FUTURE = ("سي", "ست")  # س + the imperfect's prefix (he / she, you); سن (we) is rare in news text and a place's
# first letters (سنجار: نجار is a word too)


def doc_counts(tokenized: Iterable[Tokens]) -> Counter[str]:
    """The number of the day's documents holding each normalized word (one pass, shared by the rules below)."""
    docs: Counter[str] = Counter()
    for tokens in tokenized:
        docs.update(set(tokens.norm))
    return docs


def future_verbs(docs: Counter[str]) -> frozenset[str]:
    """The normalized words of the day (``docs``: :func:`doc_counts`) that are س + an imperfect verb: a word
    starting with سي / ست whose form without س (the bare imperfect) is itself a word of at least ``MIN_DOCS`` of
    the day's documents (ستسير → تسير, سيعقد → يعقد); five letters at least (سيدي is not س + يدي)."""
    return frozenset(w for w in docs if len(w) >= 5 and w.startswith(_FUTURE) and docs.get(w[1:], 0) >= MIN_DOCS)


_PREPOSITIONS = ("ب", "ل")
MIN_BARE_DOCS = 5  # a preposition's word: its form without ب / ل is a word of at least this many documents


def preposition_words(docs: Counter[str], given_names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The normalized words of the day (``docs``: :func:`doc_counts`) that are ب / ل +
    a word of at least ``MIN_BARE_DOCS`` of the day's
    documents (برصاص → رصاص, بإجمالي → إجمالي, لمعسكر → معسكر): a preposition and its noun, never a word of a
    person's name. Not ب / ل + the article (بالحاج, بالقاسم are Libyan family names; لل- already ends a
    person's name), not a bare form starting with و / ف, and not a given name or ب / ل + a given name."""
    return frozenset(
        w for w in docs if len(w) >= 5 and w.startswith(_PREPOSITIONS) and w[1] not in "وف"
        and not w[1:].startswith("ال") and docs.get(w[1:], 0) >= MIN_BARE_DOCS
        and w not in given_names and w[1:] not in given_names)


def day_cues(cues: Cues, tokenized: list[Tokens], docs: Counter[str] | None = None) -> Cues:
    """``cues`` with the day's words that end a person's name (``Cues.person_stops``), an organization's
    (``Cues.org_stops``) and any name (future verbs, added to ``Cues.boundaries``); ``docs``: the day's
    :func:`doc_counts` when the caller has them."""
    stops = tanwin_words(tokenized, cues.given_names) if RULES["tanwin"] or RULES["org_tanwin"] else frozenset()
    if docs is None:
        docs = doc_counts(tokenized) if RULES["preposition"] or RULES["future"] else Counter()
    person = (stops if RULES["tanwin"] else frozenset()) | (
        preposition_words(docs, cues.given_names) if RULES["preposition"] else frozenset())
    verbs = frozenset(w for w in future_verbs(docs) if w not in cues.given_names and w[1:] not in cues.given_names
                      ) if RULES["future"] else frozenset()
    if not (stops or verbs or person):
        return cues
    return replace(cues, person_stops=cues.person_stops | person,
                   org_stops=cues.org_stops | stops if RULES["org_tanwin"] else cues.org_stops,
                   boundaries=cues.boundaries | verbs)

