"""Name discovery: names in lists (stop 32, helper B).

Many names are never written after a cue: foreign players and coaches, leaders, clubs, companies and media are
cited by the name alone, often in a list with names the gazetteer already knows (ميسي ونيمار وسواريز, أبل
وسامسونج وغوغل) or in an enumeration (شركات مثل …، منها …). Here a run of one to ``MAX_MEMBER`` words coordinated
(و, the comma, أو, ثم: ``lists.yaml``) with an **anchor** — a person or organization the gazetteer knows
(``KnownNames.kinds``) or a name of two words or more that the day's cues found — on either side is a candidate of
the anchor's kind; the chain goes on member after member (a list of at least two names, one of them an anchor). A
leading و is the conjunction only where the day prints the word bare at least ``WAW_SHARE`` as often (ونيمار; not
وزير, وصلت). A member's words are words of letters that are not stop words, cue or title words, role words,
countries, ``not_members`` (وغيرهم, والوفد المرافق, ونظيره), common words of the day (:func:`_common_word`:
``discovery_bare._common`` less its proclitic test — a list's members are printed with و), verb or pronoun shapes
(شاركوا, يحتاجون, جعلهم) or ف / ل + a word the day prints bare (فقال); a word with the article is a member's word
only when the day does not print its stem bare (:func:`_article_common`: الوفد / وفد) and, for a person, only as
the last word (محمد الدوسري). Ends of a member: punctuation, a stop or cue word, a word with the article, a word
with و; a member must end there — a run still going after ``MAX_MEMBER`` words is no member — and, on the left of
an anchor, it must start after a separator, punctuation, a stop, cue or title word, an enumeration's opener
(``openers``: مثل, منها, بينها, على غرار, أبرزها) or a word with the article. A person needs two name units (its
extent chosen by the day's statistics, as after a cue); an organization is taken as written, of one word
(``MIN_SINGLE_LETTERS`` letters or more) only in a list of one-word names (``RULES["single"]``), and never from a
given name.

A name found only this way ranks at ``LIST_FACTOR`` (a weaker cue than a title or a head: the coordination says
"a name of that kind", not which words are the name); its documents count as cue documents (the score's cue
share) and as ``shape["list_docs"]`` (:func:`list_factor` reads them).

``RULES["lists"]`` switches the rule for the bench's side-by-side runs (``--rules-off lists``). Kept **on** (stop 32):
on the development halves it found no hidden name more or less (recall equal in the 4 cells) and brought real names
into the top 100 in place of others — players, clubs, companies and agencies (precision@100 with the rows it changed
labelled +5 / +3 on the studied half deva, +2 / +1 on devb; re-run with those names decided: ±1 a cell, one loss
on devb from a cut name — docs/benchmarks.md, "stop 32, helper B").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from pipeline.config import DATA_DIR
from pipeline.discovery_bare import DayWords, _common, _printed
from pipeline.discovery_cues import Cues
from pipeline.discovery_known import has_article, name_key
from pipeline.discovery_scan import LETTERS, Occurrence, clitic_forms
from pipeline.normalize import normalize

if TYPE_CHECKING:
    from pipeline.discovery_known import KnownNames
    from pipeline.discovery_scan import Tokens

RULES = {"lists": True, "single": True,  # single: an organization of one word in a list of such (أبل وسامسونج)
         "lone_list_org": True}  # stop 39 (helper T): see list_factor
MAX_MEMBER = 3  # words of a member
MIN_SINGLE_LETTERS = 4  # a one-word organization's letters: a shorter word is mentioned inside too many others (دار)
LIST_FACTOR = 0.5  # the ranking factor of a name found only in lists (1.0: none)
WAW_SHARE = 0.5  # a word's bare times over its times with و for the و to be the conjunction
LONE_LIST_SHARE = 0.1  # lone_list_org: a one-word list organization's least share of documents after a cue
ARTICLE_BARE_MIN = 2  # a word with the article is a common word when the day prints its stem bare this often
LISTS_FILE = DATA_DIR / "discovery" / "lists.yaml"
KINDS = ("person", "org")
_COMMAS = frozenset({",", "،"})


@dataclass(frozen=True)
class ListWords:
    coordinators: frozenset[str]
    openers: frozenset[str]
    not_members: frozenset[str]


@lru_cache(maxsize=1)
def list_words() -> ListWords:
    raw = yaml.safe_load(LISTS_FILE.read_text(encoding="utf-8")) or {}

    def words(field: str) -> frozenset[str]:
        return frozenset(w for item in raw.get(field) or [] for w in normalize(str(item)).split())

    return ListWords(words("coordinators"), words("openers"), words("not_members"))


@dataclass(frozen=True)
class Index:
    """Anchors: the lengths of the names starting with each first word (longest first), and each name's kind."""

    lengths: dict[str, tuple[int, ...]]
    kinds: dict[tuple[str, ...], str]


def anchor_index(names: Iterable[tuple[Iterable[str], str]]) -> Index:
    """The anchors: each name as written (normalized words) and as its key (عبد joined)."""
    kinds: dict[tuple[str, ...], str] = {}
    for words_in, kind in names:
        if kind not in KINDS:
            continue
        words = tuple(words_in)
        for form in {words, tuple(name_key(words).split())}:
            if form and len(form[0]) >= 2:
                kinds[form] = min(kinds.get(form, kind), kind)
    lengths: dict[str, set[int]] = {}
    for form in kinds:
        lengths.setdefault(form[0], set()).add(len(form))
    return Index({w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()}, kinds)


@lru_cache(maxsize=4)
def known_index(known: KnownNames) -> Index:
    """The anchors of the gazetteer (``KnownNames.kinds``: alias -> kind), built once per ``known`` (a
    ``KnownNames`` is not changed after it is built; cached by identity)."""
    return anchor_index((normalize(alias).split(), kind) for alias, kind in known.kinds.items())


def _anchor_at(norm: list[str], i: int, indexes: tuple[Index, ...]) -> tuple[int, str, bool] | None:
    """(end, kind, written with و) of the anchor that starts at ``i``; the first word may carry و / ف."""
    first = norm[i]
    for form in (first, first[1:] if len(first) > 3 and first[0] in "وف" else ""):
        if not form:
            continue
        for index in indexes:
            for n in index.lengths.get(form, ()):
                kind = index.kinds.get((form, *norm[i + 1 : i + n])) if i + n <= len(norm) else None
                if kind:
                    return i + n, kind, form != first
    return None


@dataclass
class _Doc:
    tokens: Tokens
    cues: Cues
    day: DayWords
    lw: ListWords

    def word_ok(self, w: str, kind: str, last: bool) -> bool:
        """``w`` (without its و) may be a member's word."""
        cues = self.cues
        if not w or not LETTERS.fullmatch(w) or w in cues.boundaries or w in self.lw.not_members or (
                w in self.lw.openers) or w in cues.title_words or w in cues.role_words or w in cues.countries or (
                w in cues.person_stops if kind == "person" else w in cues.org_stops):
            return False
        if any(f in cues.cue_words for f in clitic_forms(w)) or _verb_or_pronoun(w):
            return False
        if w[0] in "فل" and len(w) >= 3 and self.day.times[w[1:]] >= WAW_SHARE * self.day.times[w]:
            return False  # ف / ل + a word the day prints bare: a clause or a phrase (فقال, فهل), not a name
        if has_article(w):
            if kind == "person" and not last:
                return False
            return not _article_common(w, self.day)
        return not _common_word(w, self.day)

    def ends(self, k: int) -> bool:
        """What is at ``k`` ends a member on its right."""
        norm = self.tokens.norm
        if k >= len(norm) or not norm[k]:
            return True
        w = norm[k]
        return (w in self.cues.boundaries or w in self.lw.coordinators or w[0] == "و" or w in self.lw.openers
                or any(f in self.cues.cue_words for f in clitic_forms(w)) or has_article(w))

    def starts(self, k: int) -> bool:
        """What is at ``k`` (the token before a member) lets a member start after it."""
        norm = self.tokens.norm
        if k < 0 or not norm[k]:
            return True
        w = norm[k]
        return (w in self.cues.boundaries or w in self.lw.coordinators or w in self.lw.openers
                or any(f in self.cues.cue_words or f in self.lw.openers for f in clitic_forms(w))
                or w in self.cues.title_words or has_article(w))


def _common_word(w: str, day: DayWords) -> bool:
    """``discovery_bare._common`` without its proclitic test (a list's members are printed with و: ونيمار): printed
    with the article, a pronoun suffix on a definite stem, a verb whose other person's form the day prints."""
    return _common(w, day, proclitic=False)


def _verb_or_pronoun(w: str) -> bool:
    """A verb's shape (شاركوا; يحتاجون, تتنافسان: a person prefix and a plural or dual ending) or a pronoun suffix
    (جعلهم, كلها, عليكم): no name's word."""
    return w.endswith("وا") or (len(w) > 3 and w.endswith(("ها", "هم", "هما", "كم"))) or (
        len(w) >= 5 and w[0] in "يت" and w.endswith(("ون", "ان")))


def _article_common(w: str, day: DayWords) -> bool:
    """A word with the article whose stem the day prints bare (الوفد / وفد, الرئيس / رئيس): a common word."""
    for art in ("وال", "فال", "بال", "لل", "ال"):
        if w.startswith(art) and len(w) - len(art) >= 2:
            return _printed(day.times, w[len(art):]) >= ARTICLE_BARE_MIN
    return False


def _stripped(w: str, day: DayWords) -> str:
    """``w`` without its و when the و is the conjunction: the day prints the word bare at least ``WAW_SHARE`` as
    often as with و (ونيمار / نيمار; not وزير / زير, وصلت / صلت, وديا / ديا)."""
    if len(w) > 3 and w[0] == "و" and day.times[w[1:]] >= WAW_SHARE * day.times[w]:
        return w[1:]
    return ""


def _right(doc: _Doc, e: int, kind: str, indexes: tuple[Index, ...]) -> list[tuple[int, list[str]]]:
    """Members after an anchor ending at ``e``: (start, words), the first word without its و."""
    norm, raw = doc.tokens.norm, doc.tokens.raw
    out: list[tuple[int, list[str]]] = []
    p = e
    while p < len(norm):
        if raw[p] in _COMMAS or norm[p] in doc.lw.coordinators:
            q = p + 1
            if q < len(norm) and norm[q] in doc.lw.coordinators:  # ، و …
                q += 1
            first = norm[q] if q < len(norm) else ""
            if first[:1] == "و" and first not in doc.cues.given_names:
                first = _stripped(first, doc.day)  # "": a word with و that is no member's first word
                if not first:
                    break
        elif norm[p][:1] == "و" and _stripped(norm[p], doc.day) and norm[p] not in doc.cues.given_names:
            q, first = p, _stripped(norm[p], doc.day)
        else:
            break
        if q >= len(norm):
            break
        nested = _anchor_at(norm, q, indexes)
        if nested is not None:
            if nested[1] != kind:
                break
            p = nested[0]  # a known member: the chain goes on after it
            continue
        words = [first]
        k = q + 1
        while len(words) <= MAX_MEMBER and k < len(norm) and not doc.ends(k):
            words.append(norm[k])
            k += 1
        if k < len(norm) and norm[k] and has_article(norm[k]) and kind == "person" and len(words) < MAX_MEMBER and (
                doc.word_ok(norm[k], kind, True)):
            words.append(norm[k])  # a family name with the article ends a person's name (ماجد الدوسري)
            k += 1
        if len(words) > MAX_MEMBER or not doc.ends(k) or not all(
                doc.word_ok(w, kind, j == len(words) - 1) for j, w in enumerate(words)):
            break
        out.append((q, words))
        p = k
    return out


def _left(doc: _Doc, s: int, waw: bool, kind: str) -> list[tuple[int, list[str]]]:
    """Members before an anchor starting at ``s`` (written with و when ``waw``)."""
    norm, raw = doc.tokens.norm, doc.tokens.raw
    out: list[tuple[int, list[str]]] = []
    joined = waw
    e = s  # the member ends before e
    while True:
        if not joined:
            if e - 1 >= 0 and (raw[e - 1] in _COMMAS or norm[e - 1] in doc.lw.coordinators):
                e -= 1
                if e - 1 >= 0 and raw[e - 1] in _COMMAS:
                    e -= 1
            else:
                break
        # the member: back from e - 1 while its words are words of a name; it starts after a boundary or at a و
        k = e - 1
        words: list[str] = []
        start = -1
        while k >= 0 and len(words) < MAX_MEMBER:
            w = norm[k]
            if w[:1] == "و" and w not in doc.cues.given_names:
                bare = _stripped(w, doc.day)
                if bare and doc.word_ok(bare, kind, not words):
                    words.insert(0, bare)
                    start, joined = k, True
                break  # (a word with و that is no member's first word ends the member)
            if not doc.word_ok(w, kind, not words):
                break
            words.insert(0, w)
            if doc.starts(k - 1):
                start, joined = k, False
                break
            k -= 1
        if start < 0 or not words:
            break
        out.append((start, words))
        e = start
    return out


def list_occurrences(tokenized: list[Tokens], cues: Cues, day: DayWords, known: KnownNames,
                     day_names: Iterable[tuple[tuple[str, ...], str]] = ()) -> list[Occurrence]:
    """The day's list members (module docstring), as occurrences of their anchor's kind; ``day``: the day's words
    (``discovery_bare.day_words``); ``day_names``: the names the day's cues found ((words, kind)), anchors as the
    gazetteer's are."""
    if not RULES["lists"]:
        return []
    indexes = (known_index(known), anchor_index((w, k) for w, k in day_names if len(w) >= 2))
    lw = list_words()
    out: list[Occurrence] = []
    for d, tokens in enumerate(tokenized):
        doc = _Doc(tokens, cues, day, lw)
        norm = tokens.norm
        i = 0
        while i < len(norm):
            anchor = _anchor_at(norm, i, indexes) if norm[i] else None
            if anchor is None:
                i += 1
                continue
            end, kind, waw = anchor
            for start, words in _right(doc, end, kind, indexes) + _left(doc, i, waw, kind):
                if kind == "org" and ((len(words) == 1 and not (RULES["single"] and end - i == 1
                                                                 and len(words[0]) >= MIN_SINGLE_LETTERS))
                                      or words[0] in cues.given_names):
                    continue  # one word: only in a list of one-word names (سامسونج, كيان); a given name: a person
                raw = [tokens.raw[start + j] for j in range(len(words))]
                # an organization's member is taken as written (the list's syntax ends it); a person's extent is
                # chosen by the day's statistics from two name units on (pipeline.discovery.choose_extents)
                out.append(Occurrence(kind, tuple(words), tuple(raw), d, start,
                                      min_words=len(words) if kind == "org" else 0))
            i = end
    return out


def list_factor(src: Mapping[str, Any]) -> float:
    """The ranking factor of a name document: ``LIST_FACTOR`` when all its cue documents are list documents.

    ``lone_list_org`` (stop 39, helper T): 0 for an organization of one word read only in lists whose documents
    after a cue are under ``LONE_LIST_SHARE`` of the documents printing it — a word printed ten times and more
    without any cue is a common word or a place that met a list once (عصابة, نيوزيلندا, البلجيكي: 1 list
    document of 23–39), not a name; a one-word name read in a list is printed so in a larger share (بلومبرج 1 of
    7)."""
    days = src.get("days") or []
    cue = sum(int(d.get("cue_docs", 0)) for d in days)
    listed = sum(int((d.get("shape") or {}).get("list_docs", 0)) for d in days)
    if not (RULES["lists"] and cue and listed >= cue):
        return 1.0
    docs = sum(int(d.get("docs", 0)) for d in days)
    if RULES["lone_list_org"] and src.get("kind") == "org" and " " not in str(src.get("name", "")).strip() and (
            cue < LONE_LIST_SHARE * docs):
        return 0.0
    return LIST_FACTOR


def gazetteer_kinds(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """alias -> kind of every person and organization of the gazetteers (``KnownNames.kinds``)."""
    out: dict[str, str] = {}
    for fname, kind in (("persons", "person"), ("orgs", "org")):
        for ent in yaml.safe_load((data_dir / "gazetteer" / f"{fname}.yaml").read_text(encoding="utf-8")) or []:
            for key in ("ar", "variants", "short"):
                value = ent.get(key) or []
                out.update((str(v), kind) for v in ([value] if isinstance(value, str) else value))
    return out
