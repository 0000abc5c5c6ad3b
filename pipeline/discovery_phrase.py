"""Name discovery: an organization's head with common words is a phrase, not a name (stop 29).

الحركة التجارية ("the commercial movement"), المركز الثقافي, حركة المسافرين: a head and one word that the day's
text uses everywhere. The test is the day's document frequency of that word against the candidate's own documents
(``Candidate.shape["last_df"]`` and ``docs``), on two shapes only (``pipeline/data/discovery/common_phrases.yaml``
says which and why): a definite head with a definite relative adjective, and a head that is a common noun of
activity (حركة, قوة) with one definite word. A name of either shape owns most uses of its word (الاتحاد الأوروبي,
المقاومة الشعبية, حركة النهضة); a body named by a common noun after any other head (صحيفة الوطن, نادي الخليج) is
not judged.

Stop 37 (helper O), rule ``definite_word``: a head with the article and any word with the article, not only a
relative adjective's shape (ending ي / ية, which also holds الشركة الراعية): الجهة المختصة, اللجنة المنظمة. A
definite head is never in a construct, so the word after it is an adjective, a participle or an apposition; the same
ratio judges it. **Off by default**: on the four development cells it dropped no stored candidate (no evidence either
way; docs/benchmarks.md, "stop 37 (helper O)").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from pipeline.config import DATA_DIR
from pipeline.discovery_known import has_article
from pipeline.normalize import normalize_token

PHRASES_FILE = DATA_DIR / "discovery" / "common_phrases.yaml"
RULES = {"common_words": True,  # switched off for the bench's side-by-side runs (--rules-off common_words)
         "definite_word": False}  # stop 37 (helper O): a definite head with any definite word (اللجنة المنظمة);
# inert on the four development cells (it dropped no stored candidate), so left off (--rules-on definite_word)
_NISBA = ("ي", "يه")


@dataclass(frozen=True)
class PhraseRule:
    ratio: float
    activity_heads: frozenset[str]


@lru_cache(maxsize=1)
def phrase_rule() -> PhraseRule:
    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8")) or {}
    return PhraseRule(ratio=float(raw.get("ratio", 10)),
                      activity_heads=frozenset(normalize_token(str(w)) for w in raw.get("activity_heads") or []))


def is_common_phrase(kind: str, key: str, docs: int, word_docs: int, rule: PhraseRule | None = None) -> bool:
    """``key`` (an organization of two words) is its head and a word common in the day's text: ``word_docs``
    (the day's documents holding its last word) at least ``ratio`` times ``docs`` (its own)."""
    words = key.split()
    if kind != "org" or len(words) != 2 or not RULES["common_words"] or not has_article(words[1]):
        return False
    rule = rule or phrase_rule()
    head = words[0][2:] if has_article(words[0]) and words[0].startswith("ال") else words[0]
    adjective = has_article(words[0]) and (words[1].endswith(_NISBA) or RULES["definite_word"])
    if not (adjective or head in rule.activity_heads):
        return False
    return word_docs >= rule.ratio * max(1, docs)
