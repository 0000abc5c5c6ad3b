"""Name discovery: one entity, one suggestion — written forms that are not short forms (stop 37, helper V).

``pipeline.name_suggestions.group`` makes one suggestion of a name and its short forms (``same_entity``) and of an
organization's forms linked by the daily pass (``pipeline.discovery_forms``). Two more shapes of one entity took
rows of their own, each pushing another name out of the top of the list:

* ``merge_bin`` — a person written with and without بن / ابن between the names (خالد بن قرار الحربي / خالد قرار
  الحربي). The keys are the same words once an inner بن / ابن is dropped (not a first word: ابن تيمية).
* ``merge_heads`` — an organization under heads that are one word spelled differently or in the other number
  (ميليشيات / مليشيات / ميليشيا الحوثي), or synonyms news prints for one body (جماعة / ميليشيات الحوثي), with a
  nisba after it in the singular or the plural (الحوثي / الحوثيين / الحوثيون). The heads are data
  (``head_groups.yaml``); a head outside it merges nothing.
* ``merge_spelling`` — a name misspelled or transliterated another way in one word: a long vowel letter left out
  (تيسير / تيسر الجاسم, غابريال / غابريل), a foreign g written غ or ج (سان بطرسبرغ / سان بطرسبرج); never where the
  shorter word is a given name (سعيد / سعد), a given name after the first word, or a word with the article
  (العامري / العمري, الغامدي): :func:`spellings`.

Where the merge could join two entities it asks for evidence from the store, which keeps per day the outlets
that printed a name (not its documents): a synonym head, a nisba's number, or a person of two words once بن is
dropped (نواف بن فيصل / نواف فيصل) need one outlet that printed both keys on one day; a person of three words or
more once بن is dropped (a given name, a father's and a family name) and a respelling need both keys printed on
one day. Only a head's spelling or number with the same words after it needs nothing.

The merge acts at ranking time on the stored candidates: the groups it joins become one suggestion shown as the
best-ranked group's form (its score, stories and outlets are that group's: the store has no document sets to count
the union without counting one document twice), its other keys are the suggestion's members (the bench counts a
hidden entity found through any member, once) and their printed forms its variants, so ``accept`` writes them into
the gazetteer entry and ``accept`` / ``reject`` decide every member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import product
from typing import Any, TypeVar

import yaml

from pipeline.config import DATA_DIR
from pipeline.discovery_forms import RankedUnion
from pipeline.normalize import normalize

RULES = {"merge_bin": True, "merge_heads": True, "merge_spelling": True}  # --rules-off … for side-by-side runs
HEAD_GROUPS = DATA_DIR / "discovery" / "head_groups.yaml"
_BIN = frozenset({"بن", "ابن"})
_ARTICLE = "ال"
_PLURALS = ("يين", "يون")  # الحوثيين, الحوثيون -> الحوثي
Row = TypeVar("Row", bound=tuple[str, Mapping[str, Any], Mapping[str, Any]])


@cache
def head_groups() -> tuple[dict[str, int], dict[str, int]]:
    """head -> its spelling group, head -> its synonym group (``head_groups.yaml``, normalized)."""
    data = yaml.safe_load(HEAD_GROUPS.read_text(encoding="utf-8")) or {}
    out: list[dict[str, int]] = []
    for part in ("spelling", "synonym"):
        table: dict[str, int] = {}
        for gi, heads in enumerate(data.get(part) or []):
            for h in heads:
                table[normalize(str(h))] = gi
        out.append(table)
    return out[0], out[1]


def _bare_head(word: str) -> str:
    return word[2:] if word.startswith(_ARTICLE) and len(word) > 4 else word


def nisba_singular(word: str) -> str:
    """A definite nisba in the plural as its singular (الحوثيين, الحوثيون -> الحوثي); other words as they are."""
    if word.startswith(_ARTICLE) and word.endswith(_PLURALS) and len(word) >= 7:
        return word[:-2]
    return word


def signatures(key: str, kind: str) -> list[tuple[tuple[str, ...], bool]]:
    """The keys' signatures under the rules that are on: (signature, plain) where ``plain`` says two keys with that
    signature need no evidence (an organization's head spelled differently, the same words after it)."""
    words = tuple(key.split())
    out: list[tuple[tuple[str, ...], bool]] = []
    if kind == "person" and RULES["merge_bin"] and len(words) >= 2:
        core = tuple(w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and w in _BIN))
        if len(core) >= 2:
            out.append((("person", *core), False))
    if kind == "org" and RULES["merge_heads"] and len(words) >= 2:
        spelling, synonym = head_groups()
        head = _bare_head(words[0])
        rest = tuple(nisba_singular(w) for w in words[1:])
        if head in spelling:
            out.append((("org-spelling", str(spelling[head]), *words[1:]), True))
        if head in spelling or head in synonym:
            group = f"s{spelling[head]}" if head in spelling and head not in synonym else f"y{synonym[head]}"
            out.append((("org", group, *rest), False))
    return out


def _days(src: Mapping[str, Any]) -> set[str]:
    return {str(d.get("day")) for d in src.get("days") or []}


def _day_outlets(src: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {(str(d.get("day")), str(o)) for d in src.get("days") or [] for o in d.get("outlets") or []}


def evidence(a: Mapping[str, Any], b: Mapping[str, Any], signature: tuple[str, ...]) -> bool:
    """The store shows ``a`` and ``b`` (name documents) as one entity (module docstring)."""
    if signature[0] == "person" and len(signature) - 1 >= 3:
        return bool(_days(a) & _days(b))
    return bool(_day_outlets(a) & _day_outlets(b))


def merge_entities(linked: Sequence[list[list[Row]]]) -> list[list[list[Row]]]:
    """The linked groups (best first; each a list of groups of rows ``(id, name document, stats)``) joined where
    two keys are one entity's written forms (module docstring), in the order of their best group."""
    sets = RankedUnion(len(linked))
    seen: dict[tuple[str, ...], list[tuple[int, Mapping[str, Any], bool]]] = defaultdict(list)
    spelled: dict[tuple[str, str], list[tuple[int, Mapping[str, Any]]]] = defaultdict(list)
    for li, groups in enumerate(linked):
        for rows in groups:
            for row in rows:
                src = row[1]
                for sig, plain in signatures(str(src["name"]), str(src.get("kind"))):
                    for lj, other, other_plain in seen[sig]:
                        if sets.root(lj) == sets.root(li) or other["name"] == src["name"]:
                            continue
                        if (plain and other_plain) or evidence(src, other, sig):
                            sets.join(li, lj)  # the better-ranked group stays first
                    seen[sig].append((li, src, plain))
                if RULES["merge_spelling"]:
                    for v in spellings(str(src["name"])):
                        spelled[(str(src.get("kind")), v)].append((li, src))
    for li, groups in enumerate(linked):  # a key that is another's spelling: printed on one day with it
        for rows in groups:
            for row in rows:
                src = row[1]
                for lj, other in spelled.get((str(src.get("kind")), _canon(str(src["name"]))), []):
                    if other["name"] != src["name"] and _days(src) & _days(other):
                        sets.join(li, lj)
    joined: dict[int, list[list[Row]]] = {}
    for li, groups in enumerate(linked):
        joined.setdefault(sets.root(li), []).extend(groups)
    return list(joined.values())


def other_keys(key: str, kind: str) -> list[str]:
    """Keys that may be ``key``'s other forms (a person's with or without بن / ابن between its names, an
    organization's other head of its groups, a nisba in the other number, a respelled word), for
    ``pipeline.name_suggestions.find`` to fetch beside the names with its first word; ``group`` decides."""
    words = tuple(key.split())
    forms: set[str] = set()
    if kind == "person" and RULES["merge_bin"]:
        core = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and w in _BIN)]
        if 2 <= len(core) <= 5:
            gaps = list(product(("", "بن", "ابن"), repeat=len(core) - 1))
            forms |= {" ".join(w for pair in zip(core, (*gap, ""), strict=True) for w in pair if w) for gap in gaps}
    if kind == "org" and RULES["merge_heads"] and 2 <= len(words) <= 4:
        spelling, synonym = head_groups()
        head = _bare_head(words[0])
        heads: set[str] = set()
        for table in (spelling, synonym):
            if head in table:
                heads |= {h for h, g in table.items() if g == table[head]}
        rests = list(product(*[_numbers(w) for w in words[1:]]))
        forms |= {" ".join((h, *r)) for h in heads for r in rests}
    if RULES["merge_spelling"] and 2 <= len(words) <= 5:
        forms |= _respelled(words)
    return sorted(forms - {key})


def _respelled(words: tuple[str, ...]) -> set[str]:
    """Every key one word's long vowel letter (left out or added) or foreign g (غ / ج) away from ``words``, in words
    without the article: :func:`spellings`' candidates in both directions."""
    out: set[str] = set()
    for i, w in enumerate(words):
        if w.startswith(_ARTICLE):
            continue
        alts = {w[:j] + w[j + 1:] for j in range(1, len(w)) if w[j] in _LONG_VOWELS}
        alts |= {w[:j] + v + w[j:] for j in range(1, len(w) + 1) for v in _LONG_VOWELS}
        alts |= {w[:j] + {"غ": "ج", "ج": "غ"}[w[j]] + w[j + 1:] for j in range(len(w)) if w[j] in "غج"}
        alts.add(w.translate(_SPELLED))
        out |= {" ".join([*words[:i], a, *words[i + 1:]]) for a in alts}
    return out


def _numbers(word: str) -> list[str]:
    one = nisba_singular(word)
    if one.startswith(_ARTICLE) and one.endswith("ي") and len(one) >= 5:
        return [one, one + "ين", one + "ون"]
    return [word]


_LONG_VOWELS = "اوي"
_SPELLED = str.maketrans({"غ": "ج"})  # a foreign g: غ or ج (غابريل / جابريل)


def _canon(key: str) -> str:
    """``key`` with a foreign g written one way, in words without the article (الغامدي is not الجامدي)."""
    return " ".join(w if w.startswith(_ARTICLE) else w.translate(_SPELLED) for w in key.split())


def spellings(key: str) -> set[str]:
    """``merge_spelling``: the keys ``key`` may be a misspelling or another transliteration of, canonical
    (:func:`_canon`): one word, without the article and not a given name, with one long vowel letter (ا و ي) left
    out after its first letter (تيسير الجاسم → تيسر الجاسم, غابريال → غابريل); not where the shorter word is a
    given name (سعيد / سعد, محمود / محمد, حسين / حسن are two names), nor a given name after the first word (a
    father's name), nor a word with the article (العامري / العمري are two families)."""
    from pipeline.discovery_given import is_given

    words = key.split()
    out: set[str] = set()
    if len(words) < 2:
        return out
    for i, w in enumerate(words):
        if w.startswith(_ARTICLE) or len(w) < 4:
            continue
        for j in range(1, len(w)):
            if w[j] not in _LONG_VOWELS:
                continue
            short = w[:j] + w[j + 1:]
            if is_given(short) or (is_given(w) and i > 0):
                continue
            out.add(_canon(" ".join([*words[:i], short, *words[i + 1:]])))
    if _canon(key) != key:
        out.add(_canon(key))  # a g spelled the other way: the canonical form is the other key's
    return out
