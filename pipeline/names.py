"""Gazetteer names for search: Latin-letter names to entities, and any spelling to the tag value.

The gazetteers (``pipeline/data/gazetteer/*.yaml``) give every entity a canonical Arabic name
(``ar``, the value of the ``persons``/``places``/``orgs`` tag fields), Arabic spellings
(``variants``, ``short``), an English name (``en``) and, optionally, ``latin``: transliteration
variants and acronyms as analysts type them (Dbeibah, Dbaiba, Dbeiba; Haftar, Hafter; Sirte,
Surt; UN, UNSMIL). This module only reads them; the spellings are data.

Latin keys. A Latin name is folded to a key: accents removed (Erdoğan → erdogan), lower case,
apostrophes and hyphens dropped, a leading article dropped (al-Sarraj, as-Sarraj, el Sisi →
sarraj, sisi) and the words joined (Abdul Hamid = Abdulhamid). Keys come from ``en`` (the name
before a parenthesis and the acronym inside it: "Central Bank of Libya (CBL)"), from every
``latin`` entry and, for persons, from the surname (the last word of ``en`` and of every
multi-word ``latin`` entry). A surname shared by several people (Gaddafi) names all of them.

A spelling that is no key still resolves through its consonant skeleton (Hiftar → hftr, Bengasi →
bnks, Misurata → msrt; digraphs and letters transliterations swap are folded: kh/k, q/g/k, z/s) when
the skeleton has 3 or more consonants, the spelling is within a few edits of a known one (1 for
names up to 5 letters, 2 up to 11) and every known spelling with that skeleton names the same
entities: new transliterations of a known name are found without a data edit, and a skeleton two
entities share resolves to neither.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.config import DATA_DIR
from pipeline.normalize import normalize

KIND_FIELDS = {"person": "persons", "place": "places", "org": "orgs"}
_FILES = {"persons": "person", "places": "place", "orgs": "org"}
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9]")
_ARTICLES = frozenset({"al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ed", "es", "et"})
_PAREN = re.compile(r"\(([^)]*)\)")
MAX_WORDS = 5  # the longest name matched in a query, in words
MIN_SKELETON = 3
# skeleton: digraphs first, then letters that transliterations swap
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("ou", "u"),
             ("ck", "k"))
_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "k", "j": "k", "z": "s", "x": "k", "v": "f", "p": "b"})
_VOWELS = re.compile(r"[aeiouyw]")


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str  # person | place | org
    ar: str  # canonical Arabic name: the tag value
    en: str
    arabic_forms: tuple[str, ...]  # ar, variants, short (as written)
    latin: tuple[str, ...] = ()
    short: tuple[str, ...] = ()  # normalized ``short`` forms
    libyan: bool = False

    @property
    def tag_field(self) -> str:
        return KIND_FIELDS[self.kind]


@dataclass(frozen=True)
class NameMatch:
    """Query words ``words`` (as typed) name ``entities`` (several for a shared surname)."""

    words: str
    entities: tuple[Entity, ...]
    how: str  # "arabic" (a gazetteer spelling), "name" (a Latin key of the data), "spelling" (skeleton)

    @property
    def latin(self) -> bool:
        return self.how != "arabic"


def fold_latin(text: str) -> list[str]:
    """Lower-case, accent-free words of a Latin name; apostrophes join, hyphens and dots split."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    return [w for w in re.split(r"[^a-z0-9]+", text) if w]


def latin_key(words: list[str]) -> str:
    """The key of a folded name: leading articles of each word dropped, words joined."""
    kept = [w for i, w in enumerate(words) if not (w in _ARTICLES and i + 1 < len(words))]
    return "".join(kept)


def skeleton(key: str) -> str:
    """Consonants of a key with transliteration choices folded (kh/k, q/k, j/g, doubled letters)."""
    s = key
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = s.translate(_LETTERS)
    s = s[:1] + _VOWELS.sub("", s[1:].replace("h", ""))  # the first letter stays (Haftar, Obama)
    return re.sub(r"(.)\1+", r"\1", s)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _tolerance(a: str, b: str) -> int:
    """Edits allowed between a typed spelling and a known one: 1 for names of up to 5 letters (Barak is
    not Barka), 2 up to 11, a quarter of the length beyond."""
    n = max(len(a), len(b))
    return 1 if n <= 5 else max(2, n // 4)


def is_latin(word: str) -> bool:
    """A query word written in Latin letters (Haftar, al-Sisi, UN); Arabic and digits-only are not."""
    return bool(re.search(r"[A-Za-z\u00C0-\u024F]", word))


class Names:
    """The gazetteers' names, indexed for search."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.entities: dict[str, Entity] = {}
        self._keys: dict[str, set[str]] = {}  # key of a full name, an acronym or a latin entry -> ids
        self._surnames: dict[str, set[str]] = {}  # key of a person's last name -> ids
        self._skeletons: dict[str, set[str]] = {}  # skeleton -> the keys (of both kinds) that have it
        self._arabic: dict[str, set[str]] = {}  # normalized Arabic alias -> entity ids
        for fname, kind in _FILES.items():
            path = data_dir / "gazetteer" / f"{fname}.yaml"
            for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                self._load(raw, kind)

    def _load(self, raw: dict[str, Any], kind: str) -> None:
        forms = [str(raw["ar"]), *(str(v) for v in (raw.get("variants") or []) + (raw.get("short") or []))]
        en = str(raw.get("en") or "")
        latin = tuple(str(v) for v in raw.get("latin") or [])
        ent = Entity(id=raw["id"], kind=kind, ar=str(raw["ar"]), en=en,
                     arabic_forms=tuple(dict.fromkeys(forms)), latin=latin,
                     short=tuple(normalize(str(v)) for v in raw.get("short") or []), libyan=bool(raw.get("libyan")))
        self.entities[ent.id] = ent
        for form in forms:
            self._arabic.setdefault(normalize(form), set()).add(ent.id)
        # an acronym in parentheses is a name too ("Central Bank of Libya (CBL)"); other glosses are not
        acronyms = [a for a in _PAREN.findall(en) if re.fullmatch(r"[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*", a.strip())]
        for name in [_PAREN.sub("", en).strip(), *acronyms, *latin]:
            words = fold_latin(name)
            if not words:
                continue
            self._add_key(self._keys, latin_key(words), ent.id)
            if kind == "person" and len(words) > 1:
                self._add_key(self._surnames, latin_key(words[-1:]), ent.id)

    def _add_key(self, table: dict[str, set[str]], key: str, eid: str) -> None:
        if key:
            table.setdefault(key, set()).add(eid)
            self._skeletons.setdefault(skeleton(key), set()).add(key)

    # -- lookups ----------------------------------------------------------------------------
    def _entities(self, ids: set[str]) -> tuple[Entity, ...]:
        return tuple(self.entities[i] for i in sorted(ids))

    def _by_key(self, key: str) -> tuple[Entity, ...]:
        if key in self._keys:
            named = self._entities(self._keys[key])
            # a monitor of Libya news: Tripoli is Libya's unless said otherwise (Tripoli Lebanon)
            libyan = [e for e in named if e.libyan]
            return tuple(libyan) if len(libyan) == 1 else named
        ids = self._surnames.get(key)
        if not ids:
            return ()
        # a family name is the short form of at most one of the people who bear it (حفتر is Khalifa
        # Haftar's; القذافي is nobody's): that one, else all of them
        people = self._entities(ids)
        owners = [e for e in people if normalize(e.ar.split()[-1]) in e.short]
        return tuple(owners) if len(owners) == 1 else people

    def lookup_latin(self, name: str) -> NameMatch | None:
        """The entities a Latin name (one or more words) stands for, or None."""
        words = fold_latin(name)
        if not words:
            return None
        key = latin_key(words)
        found = self._by_key(key)
        if found:
            return NameMatch(name, found, "name")
        sk = skeleton(key)
        if len(key) < 4 or len(sk) < MIN_SKELETON:
            return None
        # the same consonants are not enough (Tarabulus is not Trabelsi): the spelling must be close to
        # a known one, and every known spelling with these consonants must name the same entities
        close = [k for k in sorted(self._skeletons.get(sk, ())) if edit_distance(key, k) <= _tolerance(key, k)]
        named = {self._by_key(k) for k in close}
        if len(named) == 1:
            return NameMatch(name, named.pop(), "spelling")
        return None

    def lookup_arabic(self, name: str) -> tuple[Entity, ...]:
        """Entities with this Arabic spelling (any of ``ar``, ``variants``, ``short``; normalized)."""
        named = self._entities(self._arabic.get(normalize(name), set()))
        libyan = [e for e in named if e.libyan]
        return tuple(libyan) if len(libyan) == 1 else named

    def resolve(self, words: list[str]) -> list[NameMatch | str]:
        """Query words in order, runs that name gazetteer entities replaced by a :class:`NameMatch`
        (longest run first; Latin runs by :meth:`lookup_latin`, Arabic ones by the gazetteer spellings)."""
        out: list[NameMatch | str] = []
        i = 0
        while i < len(words):
            latin = is_latin(words[i])
            j = i
            while j < len(words) and is_latin(words[j]) == latin:
                j += 1
            k = i
            while k < j:
                for n in range(min(MAX_WORDS, j - k), 0, -1):
                    run = " ".join(words[k:k + n])
                    match = self.lookup_latin(run) if latin else self._arabic_match(run)
                    if match:
                        out.append(match)
                        k += n
                        break
                else:
                    out.append(words[k])
                    k += 1
            i = j
        return out

    def _arabic_match(self, run: str) -> NameMatch | None:
        found = self.lookup_arabic(run)
        return NameMatch(run, found, "arabic") if found else None

    def tag_value(self, kind: str, value: str) -> str:
        """The tag-field value (canonical Arabic name) for a filter given in any known spelling.

        Latin names and Arabic spellings of one entity of ``kind`` map to its ``ar``; an Arabic value
        no entity has is returned as given (the field may hold names added since). Raises
        ``ValueError`` for a Latin value naming no entity, or several."""
        value = value.strip()
        if is_latin(value):
            match = self.lookup_latin(value)
            found = [e for e in match.entities if e.kind == kind] if match else []
            if not found:
                raise ValueError(f"no {kind} called {value!r} in the gazetteers; give the Arabic name")
            if len(found) > 1:
                names = ", ".join(f"{e.en} ({e.ar})" for e in found)
                raise ValueError(f"{value!r} names several {kind}s: {names}; be more specific")
            return found[0].ar
        same_kind = [e for e in self.lookup_arabic(value) if e.kind == kind]
        return same_kind[0].ar if len(same_kind) == 1 else value


@lru_cache(maxsize=1)
def get_names() -> Names:
    return Names()
