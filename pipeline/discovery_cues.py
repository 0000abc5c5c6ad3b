"""Name discovery's cue lexicon: the cue words and stop lists of ``pipeline/data/discovery/``, loaded
and normalized once (the rules that use them: ``pipeline.discovery``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.config import DATA_DIR
from pipeline.normalize import normalize, normalize_token

CLITIC1 = ("و", "ف")  # a conjunction before a word
CLITIC2 = ("ب", "ل", "ك")  # a preposition before a word (after CLITIC1)
# authority_heads (stop 35, helper B): cues.yaml's ``authority_heads`` (شرطة, إمارة, بورصة) are organization heads too:
# a region's police or governorate, a stock exchange were never written after a head (شرطة جدة, بورصة قطر)
RULES = {"authority_heads": False}


@dataclass(frozen=True)
class Cues:
    """The cue words of ``cues.yaml`` and the stop lists, normalized."""

    cues: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> [(words, kind)], longest first
    role_words: frozenset[str]
    countries: frozenset[str]
    boundaries: frozenset[str]
    title_words: frozenset[str]  # every word of a person title (a title chain is skipped)
    cue_words: frozenset[str]  # every first word of a cue (ends a name)
    generic_orgs: frozenset[tuple[str, ...]]
    generic_complements: frozenset[str]
    place_heads: frozenset[str]
    named_after_heads: frozenset[str]
    org_heads: frozenset[str]
    titled_org_heads: frozenset[str] = frozenset()  # org heads only before a title (كلية الملك …: titled_institution)
    surface: frozenset[str] = frozenset()  # every written form that may start a cue (clitics, article)
    given_names: frozenset[str] = frozenset()  # given_names.txt, as name keys (عبد joined)
    speech_verbs: frozenset[str] = frozenset()  # a verb right before a name (given name first)
    verb_surface: frozenset[str] = frozenset()  # the verbs with a clitic و/ف
    titles_after: frozenset[tuple[str, ...]] = frozenset()  # titles that may follow a name in apposition
    article_org_heads: frozenset[str] = frozenset()  # heads only with the article (المقاومة …)
    bare_place_heads: frozenset[str] = frozenset()  # a place after these never takes the article (قطاع غزة)
    person_stops: frozenset[str] = frozenset()  # the day's words that end a person's name (discovery_runon)
    org_stops: frozenset[str] = frozenset()  # the day's words that end an organization's name (discovery_runon)
    org_joins: frozenset[str] = frozenset()  # ... after its first word: ب / و + a common word (discovery_runon)
    conjunctions: frozenset[str] = frozenset()  # nonnames.yaml: particles that end any name (rule conjunction)
    pronoun_suffixes: tuple[str, ...] = ()  # nonnames.yaml: a word with one is no name's word (rule suffixed)
    article_stops: frozenset[str] = frozenset()  # definite common words that end a person's name (article_noun)
    nonname_words: frozenset[str] = frozenset()  # the day's words that are no person's word (suffixed, waw_word)
    suffixed_words: frozenset[str] = frozenset()  # the day's stems + a pronoun suffix (suffixed; tail_suffixed)
    name_words: frozenset[str] = frozenset()  # nonnames.yaml: never cut by suffixed / article_noun (السادس, زاده)

    def org_head(self, word: str) -> bool:
        return word in self.org_heads or word in self.article_org_heads


def _words(items: Iterable[Any] | None) -> list[tuple[str, ...]]:
    out = []
    for item in items or []:
        words = tuple(normalize(str(item)).split())
        if words:
            out.append(words)
    return out


def _read_list(path: Path) -> set[str]:
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        words.update(normalize_token(w) for w in line.split("#", 1)[0].split())
    return words


def load_cues(data_dir: Path = DATA_DIR) -> Cues:
    from pipeline.wordlists import STOPWORDS_FILE, load_stop_words

    raw = yaml.safe_load((data_dir / "discovery" / "cues.yaml").read_text(encoding="utf-8")) or {}
    if RULES["authority_heads"]:
        raw["org_heads"] = [*(raw.get("org_heads") or []), *(raw.get("authority_heads") or [])]
    cues: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for key, kind in (("person_titles", "person"), ("org_heads", "org"), ("place_heads", "place")):
        for words in _words(raw.get(key)):
            cues[words[0]].append((words, kind))
    for options in cues.values():
        options.sort(key=lambda o: -len(o[0]))
    titles = _words(raw.get("person_titles"))
    nonnames = yaml.safe_load((data_dir / "discovery" / "nonnames.yaml").read_text(encoding="utf-8")) or {}
    boundaries = _read_list(data_dir / "discovery" / "boundaries.txt") | load_stop_words(STOPWORDS_FILE)
    return Cues(
        cues=dict(cues),
        role_words=frozenset(w for ws in _words(raw.get("role_words")) for w in ws),
        countries=frozenset(w for ws in _words(raw.get("countries")) for w in ws),
        boundaries=frozenset(boundaries),
        title_words=frozenset(w for ws in titles for w in ws),
        cue_words=frozenset(cues),
        generic_orgs=frozenset(_words(raw.get("generic_orgs"))),
        generic_complements=frozenset(w for ws in _words(raw.get("generic_complements")) for w in ws),
        place_heads=frozenset(ws[0] for ws in _words(raw.get("place_heads"))),
        named_after_heads=frozenset(ws[0] for ws in _words(raw.get("named_after_heads"))),
        org_heads=frozenset(ws[0] for ws in _words(raw.get("org_heads")) if len(ws) == 1),
        titled_org_heads=frozenset(ws[0] for ws in _words(raw.get("titled_org_heads"))),
        surface=_surface(cues, {ws[0] for ws in _words(raw.get("org_heads")) if len(ws) == 1}
                         | {ws[0] for ws in _words(raw.get("article_org_heads"))}),
        given_names=frozenset(w.replace(" ", "") for w in _read_list(data_dir / "discovery" / "given_names.txt")),
        speech_verbs=frozenset(ws[0] for ws in _words(raw.get("speech_verbs"))),
        verb_surface=frozenset(c + ws[0] for ws in _words(raw.get("speech_verbs")) for c in ("", *CLITIC1)),
        titles_after=frozenset(_words(raw.get("titles_after_name"))),
        article_org_heads=frozenset(ws[0] for ws in _words(raw.get("article_org_heads"))),
        bare_place_heads=frozenset(ws[0] for ws in _words(raw.get("bare_place_heads"))),
        conjunctions=frozenset(w for ws in _words(nonnames.get("conjunctions")) for w in ws),
        pronoun_suffixes=tuple(sorted({ws[0] for ws in _words(nonnames.get("pronoun_suffixes"))}, key=len,
                                      reverse=True)),
        article_stops=frozenset(w for ws in _words(nonnames.get("article_stops")) for w in ws),
        name_words=frozenset(w for ws in _words(nonnames.get("name_words")) for w in ws),
    )


def _surface(cues: dict[str, list[tuple[tuple[str, ...], str]]], org_heads: set[str]) -> frozenset[str]:
    """The forms a cue's first word may take in text (a fast test before the clitic rules)."""
    bases = set(cues) | {"ال" + h for h in org_heads}
    out = set()
    for b in bases:
        out.add(b)
        for c1 in ("", *CLITIC1):
            for c2 in ("", *CLITIC2):
                out.add(c1 + c2 + b)
            if b.startswith("ال"):
                out.add(c1 + "لل" + b[2:])
    return frozenset(out)


@lru_cache(maxsize=1)
def get_cues() -> Cues:
    return load_cues()
