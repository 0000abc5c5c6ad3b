"""Name discovery: the gazetteer's persons say which words are given names (stop 35, helper B).

The ranking halves a person candidate whose first word is not a common given name (``given_names.txt``,
``pipeline.discovery.name_factor``) and the kind model (``pipeline.discovery_kind``, feature ``first_given``)
scores it lower still: that is what keeps شكره وتقديره and معسكره الإعدادي down. The list is short (some 500
words), so most foreign names as Arabic news writes them (روبرتو, جاك, خوسيه, سيباستيان, جوش) were ranked as
if they were phrases: on the development days a foreign minister or a footballer printed by several outlets
stayed below local officials printed twice.

With the rule ``gazetteer_given`` on, a word is also a given name when it is the first word of at least
``MIN_ALIASES`` multi-word person aliases of the gazetteers (``persons.yaml``: the names the operator has
accepted grow it), unless it has the article, is a connector (بن, أبو …), a title or cue word, a role word,
or shorter than three letters. The check is made when ranking only (``name_factor`` and the model's
``first_given`` feature, persons only); the candidates, the daily pass and the rules that read
``given_names.txt`` while scanning are unchanged. The bench gives its own simulated gazetteer
(:func:`use_gazetteer`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from pipeline.config import DATA_DIR
from pipeline.discovery_cues import Cues, get_cues
from pipeline.discovery_known import CONNECTORS, has_article, name_key
from pipeline.discovery_lists import gazetteer_kinds
from pipeline.normalize import normalize

RULES = {"gazetteer_given": True}
MIN_ALIASES = 2  # a first word of at least this many person aliases (one alias: سان of a place read as a name)
MIN_LETTERS = 3
_STATE: dict[str, frozenset[str] | None] = {"words": None}  # the bench's gazetteer (None: the data files')


def given_words(kinds: Mapping[str, str], cues: Cues | None = None) -> frozenset[str]:
    """The first words of at least ``MIN_ALIASES`` multi-word person aliases of ``kinds`` (alias -> kind, as
    ``KnownNames.kinds``), less articles, connectors, titles, cue and role words and short words."""
    cues = cues or get_cues()
    counts: Counter[str] = Counter()
    for alias in {name_key(tuple(normalize(a).split())) for a, kind in kinds.items() if kind == "person"}:
        words = alias.split()
        if len(words) < 2:
            continue
        first = words[0]
        if (len(first) < MIN_LETTERS or has_article(first) or first in CONNECTORS or first in cues.title_words
                or first in cues.cue_words or first in cues.role_words):
            continue
        counts[first] += 1
    return frozenset(w for w, n in counts.items() if n >= MIN_ALIASES)


@lru_cache(maxsize=1)
def _data_words() -> frozenset[str]:
    return given_words(gazetteer_kinds(DATA_DIR))


def use_gazetteer(kinds: Mapping[str, str] | None) -> None:
    """Read the given names from ``kinds`` (the bench's simulated gazetteer) instead of the data files;
    None: the data files again."""
    _STATE["words"] = None if kinds is None else given_words(kinds)


def gazetteer_given() -> frozenset[str]:
    """The gazetteer's given names (empty with the rule off)."""
    if not RULES["gazetteer_given"]:
        return frozenset()
    words = _STATE["words"]
    return _data_words() if words is None else words


def is_given(word: str, cues: Cues | None = None) -> bool:
    """``word`` (a name key's word) is a given name: in ``given_names.txt`` or, with the rule on, the
    gazetteer's."""
    return word in (cues or get_cues()).given_names or word in gazetteer_given()
