"""Name discovery: person cues the title list lacks (stop 32, helper A).

Persons of the arts, letters and sport are written after words that are no title of ``cues.yaml``: an occupation
(**الروائي المصري** …, **المهاجم الدولي الهولندي** …, **الراحل** …), a role and the club or team it belongs to
(**مهاجم برشلونة** …, **مدرب المنتخب** …, **لاعب نادي** X …), a work and its author (**رواية** …). The cue words are
data (``pipeline/data/discovery/roles.yaml``); each rule is an extra source of person occurrences for
``pipeline.discovery.discover_day`` (as ``pipeline.discovery_bare``), read with the title rule's own role skip and
name run (``pipeline.discovery_scan``):

(a) ``occupations``: an occupation with the article (a clitic allowed), the rest of the role skipped as after a title
    (adjectives with the article, countries, role words), then the name.
(b) ``club_roles``: a role without the article, then a club or body that is skipped, never taken as the name — a club
    head and its word (نادي X, فريق X, منتخب X), a known name (a gazetteer alias, or one without its club head: برشلونة
    of نادي برشلونة), a name the day prints right after a club head (one word, or two the day once ends there: ريال
    مدريد, بايرن ميونيخ), or words with the article
    (الهلال, المنتخب الوطني) — then the rest of the role and the name. Where the word after the role is none of those
    nothing is read: a club the day does not know would be taken for the name's first word.
(c) ``works``: a work (رواية, قصيدة, كتاب …) right before its author's name, which must start with a common given
    name (``given_names.txt``): titles of works follow the same nouns.
(d) ``nationality`` (stop 35, helper B): a nationality with the article right before the name (والعماني عيد الفارسي,
    البريطاني لويس هاميلتون): sport and foreign news cite a player or a politician so, with no title. As after a
    work the name must start with a common given name: the same adjectives follow nouns (الدوري السعودي للمحترفين).

A name never starts on a common word by the day's own text (``pipeline.discovery_bare``: a word the day prints with
the article, or mostly with a proclitic, a verb …: الحارس الشخصي **أبواب** …), on و (لاعب برشلونة **وتوماس** …) or on a
word the day prints with tanwīn, unless it is a common given name.

``RULES`` switches each rule for the bench's side-by-side runs (``bench/discovery_eval.py --rules-on``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import yaml

from pipeline.config import DATA_DIR
from pipeline.discovery_bare import DayWords, _common
from pipeline.discovery_cues import CLITIC1, CLITIC2
from pipeline.discovery_known import has_article
from pipeline.discovery_scan import (
    _NOT_FIRST,
    LETTERS,
    MAX_WORDS,
    Occurrence,
    Tokens,
    _given_at,
    _run,
    _skip_role,
    clitic_forms,
)
from pipeline.normalize import normalize

if TYPE_CHECKING:
    from pipeline.discovery_cues import Cues
    from pipeline.discovery_known import KnownNames

RULES = {"occupations": True, "club_roles": True, "works": False,  # works: measured at stop 32 and not kept
         "nationality": True}
ROLES_FILE = DATA_DIR / "discovery" / "roles.yaml"
MAX_CLUB = 3  # words of a club's name after a role (ريال مدريد, مانشستر يونايتد)


def _phrases(items: Iterable[Any] | None) -> tuple[tuple[str, ...], ...]:
    out = {tuple(normalize(str(item)).split()) for item in items or []}
    return tuple(sorted((w for w in out if w), key=lambda w: -len(w)))


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[tuple[str, ...], ...]]:
    raw = yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8")) or {}
    return {key: _phrases(raw.get(key)) for key in ("occupations", "club_roles", "club_heads", "works",
                                                          "nationalities")}


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:  # longest first
        out.setdefault(words[0], []).append(words)
    return out


@lru_cache(maxsize=8)
def _surface(field: str) -> frozenset[str]:
    """Every written form the first word of a cue of ``field`` may take (clitics, لل for ال): a fast test."""
    out: set[str] = set()
    for b in {w[0] for w in _lexicon()[field]}:
        for c1 in ("", *CLITIC1):
            out.update(c1 + c2 + b for c2 in ("", *CLITIC2))
            if b.startswith("ال"):
                out.add(c1 + "لل" + b[2:])
    return frozenset(out)


def _match(tokens: Tokens, i: int, table: dict[str, list[tuple[str, ...]]]) -> int:
    """Words of the cue of ``table`` at ``i`` (a clitic allowed on the first: والمهاجم, للمهاجم, لمهاجم), 0 for
    none."""
    n = len(tokens)
    for form in clitic_forms(tokens.norm[i]):
        for words in table.get(form, ()):
            if all(i + k < n and tokens.norm[i + k] == words[k] for k in range(1, len(words))):
                return len(words)
    return 0


@lru_cache(maxsize=4)
def club_names(known: KnownNames | None) -> frozenset[tuple[str, ...]]:
    """Known names a role may be followed by before a person: every alias of one to ``MAX_CLUB`` words, and an alias
    without its club head (برشلونه of نادي برشلونه)."""
    if known is None:
        return frozenset()
    heads = _club_heads()
    out: set[tuple[str, ...]] = set()
    for alias in known.exact:
        words = tuple(alias.split())
        if len(words) <= MAX_CLUB:
            out.add(words)
        if len(words) >= 2 and words[0] in heads and len(words) <= MAX_CLUB + 1:
            out.add(words[1:])
    return frozenset(out)


@lru_cache(maxsize=1)
def _club_heads() -> frozenset[str]:
    return frozenset(w[0] for w in _lexicon()["club_heads"])


def day_clubs(tokenized: Iterable[Tokens]) -> frozenset[tuple[str, ...]]:
    """The names the day prints right after a club head without the article: one word (نادي برشلونه → برشلونه), or
    two where something that is no name's word follows them at least once — punctuation, a word with the article
    (نادي ريال مدريد الإسباني → ريال مدريد; لاعب نادي X <person> does not make X and the person's first word a club)."""
    heads = _surface("club_heads")
    out: set[tuple[str, ...]] = set()
    for tokens in tokenized:
        norm = tokens.norm
        n = len(norm)
        for i, word in enumerate(norm[:-1]):
            if word not in heads or not _club_word(norm[i + 1]):
                continue
            out.add((norm[i + 1],))
            if i + 2 < n and _club_word(norm[i + 2]) and (
                    i + 3 >= n or not norm[i + 3] or has_article(norm[i + 3])):
                out.add((norm[i + 1], norm[i + 2]))
    return frozenset(out)


def _club_word(word: str) -> bool:
    return bool(word) and bool(LETTERS.fullmatch(word)) and not has_article(word)


def _skip_club(tokens: Tokens, j: int, cues: Cues, clubs: frozenset[tuple[str, ...]]) -> int:
    """The index after the club or body at ``j`` (rule b), -1 when no club is there."""
    n = len(tokens)
    if j >= n or not tokens.norm[j]:
        return -1
    word = tokens.norm[j]
    head = word in _club_heads()
    if head:
        j += 1  # نادي X, فريق X, منتخب X: X is the club whatever it is
        if j >= n or not tokens.norm[j]:
            return -1
    for k in range(min(MAX_CLUB, n - j), 0, -1):
        if tuple(tokens.norm[j : j + k]) in clubs:
            return j + k  # the longest known or printed club: ريال مدريد, مانشستر يونايتد
    if head or tokens.norm[j] in cues.countries or has_article(tokens.norm[j]):
        return j + 1  # (words with the article after it are skipped as the role's rest: المنتخب الوطني)
    return -1


def role_occurrences(tokenized: list[Tokens], cues: Cues, words: DayWords, known: KnownNames | None = None,
                     taken: Iterable[Occurrence] = ()) -> list[Occurrence]:
    """The day's persons after an occupation, a role and its club, or a work (module docstring), as occurrences;
    none where ``taken`` (the title rule's occurrences) already starts one (الشاعر الأمير خالد …)."""
    if not any(RULES.values()):
        return []
    lex = _lexicon()
    occupations = _by_first(lex["occupations"]) if RULES["occupations"] else {}
    roles = _by_first(lex["club_roles"]) if RULES["club_roles"] else {}
    works = _by_first(lex["works"]) if RULES["works"] else {}
    nationalities = _by_first(lex["nationalities"]) if RULES["nationality"] else {}
    clubs = club_names(known) | day_clubs(tokenized) if roles else frozenset()
    starts: dict[int, set[int]] = {}
    for occ in taken:
        if occ.kind == "person":
            starts.setdefault(occ.doc, set()).add(occ.start)
    out: list[Occurrence] = []
    surface = (_surface("occupations") if occupations else frozenset()) | (
        _surface("club_roles") if roles else frozenset()) | (_surface("works") if works else frozenset()) | (
        _surface("nationalities") if nationalities else frozenset())
    for doc, tokens in enumerate(tokenized):
        seen = set(starts.get(doc, ()))
        for i, word in enumerate(tokens.norm):
            if word not in surface:
                continue
            j = -1
            given = False
            if occupations and (k := _match(tokens, i, occupations)):
                j = _skip_role(tokens, i + k, cues)
            elif roles and (k := _match(tokens, i, roles)):
                j = _skip_club(tokens, i + k, cues, clubs)
                j = _skip_role(tokens, j, cues) if j >= 0 else -1
            elif works and (k := _match(tokens, i, works)):
                j, given = i + k, True
            elif nationalities and (k := _match(tokens, i, nationalities)):
                j, given = i + k, True  # (d) a nationality: a given name first, as after a work
            if j < 0 or j in seen or j >= len(tokens):
                continue
            if given and _given_at(tokens, j, cues) != tokens.norm[j]:
                continue  # a work's author: a common given name first, no clitic (رواية نجيب …)
            first = tokens.norm[j]
            if not first:
                continue
            if first not in cues.given_names and (
                    _common(first, words) or first[0] == "و" or first in cues.person_stops):
                continue  # a common word by the day's text (الحارس الشخصي أبواب …, a word with tanwīn: هدفاً), or a
                # second name joined by و after the club (لاعب برشلونة وتوماس …): no name starts here
            run = _run(tokens, j, cues, MAX_WORDS["person"], first_article=False)
            if run and tokens.norm[run[0]] not in _NOT_FIRST:
                seen.add(j)
                out.append(Occurrence("person", tuple(tokens.norm[p] for p in run),
                                      tuple(tokens.raw[p] for p in run), doc, j))
    return out
