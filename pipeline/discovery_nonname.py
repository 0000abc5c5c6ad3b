"""Name discovery: candidates whose words say they are a phrase, not a name (stop 30, helper B).

Two shapes the cue rules let through, judged on the candidate as the day's text prints it:

* a person whose first word is the preposition على, not the given name علي: the two are one word once normalized
  (``pipeline.normalize``), and ``pipeline.discovery`` lets علي start a name before a word ending in ي (a family
  name: علي الموسوي), which also lets in على النواحي, على التبني. A name is printed علي; a candidate printed على
  (alif maqṣūra) in most of its mentions is the preposition and its noun;
* an organization whose head has no article and is followed right away by a preposition with the article
  (مركز للشرطة, مستشفى للولادة, مستشفى بالطائف): an indefinite head + "for / in the …" is a common noun and
  what it is for or where it is ("a police station"), while a name after an indefinite head is a definite or
  proper noun (مركز الملك عبدالله, مستشفى الحمادي). A head with the article is not judged (الاتحاد للطيران).

``RULES`` switches a rule off for the bench's side-by-side measurement (``bench/discovery_eval.py --rules-off``).
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.discovery_known import has_article
from pipeline.normalize import normalize_token

RULES = {"ala": True, "head_preposition": True}
_ALI = normalize_token("علي")
_PREPOSITION_ARTICLE = ("لل", "بال")  # ل + ال is written لل; ب + ال بال


def is_preposition_ala(kind: str, key: str, surfaces: Mapping[str, int]) -> bool:
    """A person candidate starting with علي that most of its printed mentions write على (the preposition)."""
    if kind != "person" or not RULES["ala"] or key.split(" ", 1)[0] != _ALI:
        return False
    total = sum(surfaces.values())
    ala = sum(n for surface, n in surfaces.items() if surface.split(" ", 1)[0].rstrip("\u064b-\u065f").endswith("ى"))
    return total > 0 and 2 * ala > total


def is_head_preposition(kind: str, key: str) -> bool:
    """An organization candidate: a head without the article, then a word with a preposition and the article."""
    words = key.split()
    if kind != "org" or not RULES["head_preposition"] or len(words) < 2 or has_article(words[0]):
        return False
    return words[1].startswith(_PREPOSITION_ARTICLE) and len(words[1]) > 4
