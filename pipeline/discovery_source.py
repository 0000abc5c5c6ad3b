"""Name discovery: an organization the day quotes as a source (stop 40, helper N).

An organization found with few stories ranks below the phrases and persons of more stories, even when the
outlets print it the way a real body is printed: as the one who speaks or the one a report comes from — **أعلنت**
منظمة هيومن رايتس واتش, **قالت** وكالة ناسا, **بحسب** وكالة دوجان, **أعربت** بعثة الأمم المتحدة للدعم في ليبيا.
A generic body (قوات الاحتياط, بعثة المنتخب, مركز الضبط الأمني) is printed as an object or a place, rarely as the
subject of a speech verb or after بحسب / وفق. The signal is read from the name document's stored contexts (the
daily pass keeps the last few, ``pipeline.name_suggestions.merged``), so the Elasticsearch path and the bench rank
from the same stored text, and it acts at ranking time only.

:func:`source_share` finds the name's first two words in each stored context (the first word may carry a
proclitic: و/ف, ب/ل/ك, لل → ال, ``discovery_scan.clitic_forms``; a context where it carries ب/ل/ك is counted, but
never as a source: the name is then a complement) and checks the word before it, one quote mark or bracket
skipped: a speech verb (``cues.yaml``'s ``speech_verbs``, و/ف allowed) or an attribution word
(``source_words.yaml``: بحسب, حسب, وفق, وفقا …). It returns (contexts quoting it, contexts holding it).

Rule ``org_source`` (ranking, ``pipeline.discovery_kind.ranking_factor``): an organization whose stored contexts
quote it as a source in at least ``MIN_SHARE`` of the contexts that hold it (and at least ``MIN_HITS``) has its
score multiplied by ``LIFT``. Persons are left alone (a speech verb before a person is the usual cue already).

**Measured at stop 40 and not kept: off by default** (``--rules-on org_source`` in the bench). Ranked from the
baseline's stores (a8e0dc0): deva devtail 37 → 38 hidden names (unsmil, printed after أعربت, from #101 to #97),
labelled precision@100 equal (0.91), deva devrep equal recall, 0.91 → 0.92; on devb (deciding) recall equal on both
lists but labelled precision@100 0.62 → 0.60 (devtail) and 0.67 → 0.66 (devrep): the source position also lifts
forms cut or carried on after the verb (its subject is followed by the rest of the sentence: شركة … اليابانية
للسيارات ارتفاع; a body cut before its adjective), as deva's own lifted rows show (docs/benchmarks.md, "stop 40
(helper N)").
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from pipeline.config import DATA_DIR
from pipeline.discovery_cues import get_cues
from pipeline.discovery_scan import clitic_forms
from pipeline.normalize import normalize

RULES = {"org_source": False}  # measured at stop 40 and not kept (module docstring)
SOURCE_FILE = DATA_DIR / "discovery" / "source_words.yaml"
MIN_SHARE = 0.5  # the share of the contexts holding the name that quote it as a source ...
MIN_HITS = 1  # ... and at least this many of them
LIFT = 1.3  # the factor on such an organization's score
_COMPLEMENT = frozenset("بلك")  # a proclitic making the name a complement (لمنظمة, بوكالة), not a source


@lru_cache(maxsize=1)
def source_words() -> frozenset[str]:
    """The speech verbs of ``cues.yaml`` and the attribution words of ``source_words.yaml``, normalized."""
    raw = yaml.safe_load(SOURCE_FILE.read_text(encoding="utf-8")) or {}
    words = {normalize(str(w)) for w in raw.get("attribution") or []}
    return frozenset(words | set(get_cues().speech_verbs))


def _is_word(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


def _quotes_it(tokens: list[str], i: int, words: frozenset[str]) -> bool:
    """Whether the word before ``tokens[i]`` (one mark skipped) is a speech verb or an attribution word."""
    j = i - 1
    if j >= 0 and not _is_word(tokens[j]):
        j -= 1
    return j >= 0 and any(f in words for f in clitic_forms(tokens[j])[:2])


def source_share(src: Mapping[str, Any]) -> tuple[int, int]:
    """(stored contexts printing the name right after a speech verb or an attribution word, contexts holding it)."""
    name = str(src.get("name") or "").split()
    if not name:
        return 0, 0
    words = source_words()
    hits = held = 0
    for ctx in src.get("contexts") or []:
        tokens = normalize(str(ctx.get("text") or "")).split()
        for i, tok in enumerate(tokens):
            forms = clitic_forms(tok)
            if name[0] not in forms or (len(name) > 1 and tokens[i + 1: i + 2] != name[1:2]):
                continue
            held += 1
            bare = tok == name[0] or (tok[0] in "وف" and tok[1:] == name[0])
            hits += bare and _quotes_it(tokens, i, words)
            break
    return hits, held


def source_factor(src: Mapping[str, Any]) -> float:
    """Rule ``org_source``: ``LIFT`` for an organization its contexts quote as a source (module docstring), else 1."""
    if not RULES["org_source"] or src.get("kind") != "org":
        return 1.0
    hits, held = source_share(src)
    return LIFT if held and hits >= MIN_HITS and hits / held >= MIN_SHARE else 1.0
