"""Name discovery: a person the day never writes after a cue — a given name and a family name (stop 38, helper P).

Every other channel starts a candidate after a cue (a title, a role, a nationality, a list after a cue). A
player in a line-up (… ، عبدالله الحافظ ، محمد جحفلي ، …), a person named after a verb or with و in a list has
no way in. With the rule ``given_start`` on, two cue-free occurrences are read, both starting with a common given
name (``given_names.txt``, the gazetteer's given names: ``pipeline.discovery_given``), a clitic و / ف / ب / ل
allowed on it:

- a **line-up**: at least ``LINEUP_ITEMS`` items in a row, separated by a comma or by و on the next given name,
  each a given name and one to three more words (no stop word, no cue word): every item is a person;
- a **family-shaped word** after the given name, or after it and up to ``MAX_MIDDLE`` more given names or بن (محمد
  علي جعفري, سعود بن سعد بن تركي): آل / بن / أبو and the next word, or a word the day prints mostly right after a
  given name (at least ``FAMILY_SHARE`` of its times, in at least two documents; without the article, printed with
  it less than ``DEFINITE_RATIO`` of its times): a family name by the day's statistics, not by a word list
  (الغامدي, كاسيتش; not الله, not موافقة). The first given name is not one the day prints with the article as
  often as ``COMMON_RATIO`` of its times (عيد, عمر), nor one of ``given_common.txt`` (خلف, حسن, صافي), and not
  inside a longer name (after a given name or بن) nor after a title or a cue word (that channel reads it).

The extent is then chosen by the day's statistics as for the other channels (``discovery.choose_extents``). Such a
candidate is stored with ``cue_docs`` 0 and ``shape["given_docs"]`` (its documents with such an occurrence), only
when it has at least ``MIN_DOCS`` documents and ``MIN_OUTLETS`` outlets on the day; the ranking
(``name_suggestions.score``) counts each of those documents as ``GIVEN_WEIGHT`` of a document after a cue, so a
name printed only so ranks at ``GIVEN_WEIGHT / MIN_CUE_SHARE`` of a name always after a cue.

**Kept at ``GIVEN_WEIGHT`` 0.03 (stop 38): on.** Helper P measured it at 0.12: on deva (studied) it brought three
hidden persons never or rarely written after a cue into the top 100 (devtail 32 → 34), but on devb (deciding)
devtail's recall fell 20 → 19: the channel's real but not hidden names (whole line-ups of referees, youth squads)
filled 78 rows of devb devtail's top 100. At 0.03 — one further devb check, declared before it was run
(docs/benchmarks.md, "given_start at a smaller weight") — only a few of the channel's rows reach a top 100 and the
cue-free documents of names also printed after a cue lift them above the phrases: devb devtail 20 / 0.57 → 20 / 0.66,
devrep 39 / 0.68 → 39 / 0.78 (recall / labelled precision@100); deva devtail 32 → 33. Discovery per day on the
test days: 7.0 s before, 7.7 s with it and helper R's rules (stop 38's two held-out scorings; the helper's 2× was
measured on a loaded machine).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from pipeline.config import DATA_DIR
from pipeline.discovery_cues import Cues, _read_list
from pipeline.discovery_given import gazetteer_given
from pipeline.discovery_known import CONNECTORS
from pipeline.discovery_scan import LETTERS, Occurrence, Tokens

RULES = {"given_start": True}
LINEUP_ITEMS = 3  # items in a row that start with a given name
MAX_ITEM_WORDS = 4  # a line-up item: the given name and one to three words
MAX_MIDDLE = 3  # given names or connectors between the first given name and the family name
FAMILY_SHARE = 0.5  # a word printed at least this share of its times right after a given name is a family name
FAMILY_MIN_DOCS = 2
DEFINITE_RATIO = 0.5  # ... and, without the article, printed with it less than this share of its times (موافقه)
MIN_DOCS = 2  # a cue-free candidate is stored for a day with this many documents ...
MIN_OUTLETS = 2  # ... and outlets
GIVEN_WEIGHT = 0.03  # one such document counts as this share of a document after a cue (name_suggestions.score)
_CLITICS = ("و", "ف", "ب", "ل")
COMMON_RATIO = 0.3
_JOINED = ("و", "لل", "بال", "كال", "فال")
_COMMAS = frozenset({"،", ",", "؛", ";", "-", "–", "/"})


def _given(word: str, given: frozenset[str]) -> str | None:
    """``word`` as a given name (a clitic stripped; not a word with the article: الدين of صلاح الدين), or None."""
    if word.startswith("ال"):
        return None
    if word in given:
        return word
    if len(word) > 3 and word[0] in _CLITICS and word[1:] in given:
        return word[1:]
    return None


def _stop(word: str, cues: Cues) -> bool:
    return (not word or not LETTERS.fullmatch(word) or word in cues.boundaries or word in cues.cue_words
            or word in cues.title_words or word in cues.role_words or word in cues.person_stops
            or word in cues.nonname_words or word in cues.conjunctions)


def family_words(tokenized: Iterable[Tokens], given: frozenset[str]) -> tuple[frozenset[str], Counter[str]]:
    """The day's words printed mostly right after a given name (at least ``FAMILY_SHARE`` of their times, in at
    least ``FAMILY_MIN_DOCS`` documents), and the day's word counts."""
    times: Counter[str] = Counter()
    after: Counter[str] = Counter()
    docs: dict[str, set[int]] = {}
    for d, tokens in enumerate(tokenized):
        norm = tokens.norm
        for i, word in enumerate(norm):
            if not word:
                continue
            times[word] += 1
            if i and _given(norm[i - 1], given) and word not in given:
                after[word] += 1
                docs.setdefault(word, set()).add(d)
    return frozenset(w for w, n in after.items() if n >= FAMILY_SHARE * times[w] and len(docs[w]) >= FAMILY_MIN_DOCS
                     and (w.startswith("ال") or times["ال" + w] < DEFINITE_RATIO * times[w])), times


def given_occurrences(tokenized: list[Tokens], cues: Cues) -> list[Occurrence]:
    """The day's cue-free person occurrences (module docstring); empty with the rule off."""
    if not RULES["given_start"]:
        return []
    given = cues.given_names | gazetteer_given()
    family, times = family_words(tokenized, given)
    common = common_given(times, given) | common_words()
    out: list[Occurrence] = []
    for d, tokens in enumerate(tokenized):
        out += _lineups(tokens, d, given, cues)
        out += _family_runs(tokens, d, given, family, cues, common)
    return out


def _lineups(tokens: Tokens, doc: int, given: frozenset[str], cues: Cues) -> list[Occurrence]:
    norm, n = tokens.norm, len(tokens)
    items: list[tuple[int, tuple[str, ...]]] = []  # (start, words) of the current run of items
    out: list[Occurrence] = []

    def flush() -> None:
        if len(items) >= LINEUP_ITEMS:
            out.extend(Occurrence("person", words, tuple(tokens.raw[s : s + len(words)]), doc, s)
                       for s, words in items)
        items.clear()

    i = 0
    while i < n:
        first = _given(norm[i], given)
        if first is None or (items and not _joined(tokens, i, items[-1])):
            flush()
            if first is None:
                i += 1
                continue
        words = [first]
        j = i + 1
        while j < n and len(words) < MAX_ITEM_WORDS and not _stop(norm[j], cues) and not _prefixed(norm[j]):
            words.append(norm[j])
            j += 1
        if len(words) < 2 or words[-1] in CONNECTORS:
            flush()
            i += 1
            continue
        items.append((i, tuple(words)))
        i = j
    flush()
    return out


def _joined(tokens: Tokens, i: int, last: tuple[int, tuple[str, ...]]) -> bool:
    """The item at ``i`` follows ``last`` right after a comma, or with و on its given name."""
    end = last[0] + len(last[1])
    if i == end:
        return tokens.norm[i].startswith("و")
    return i == end + 1 and not tokens.norm[end] and tokens.raw[end] in _COMMAS


def _family_runs(tokens: Tokens, doc: int, given: frozenset[str], family: frozenset[str], cues: Cues,
                 common: frozenset[str]) -> list[Occurrence]:
    """A given name (not one the day prints as a common word, ``common``; not after a title or a cue word: الملك
    فيصل …, a cue's own channel; not inside a longer name: after a given name or بن), up to ``MAX_MIDDLE`` more
    given names or connectors (محمد علي …, سعود بن سعد بن …), then a family-shaped word: ``family``, or any word
    after a connector; one more word when it is in ``family`` too."""
    norm, n = tokens.norm, len(tokens)
    out = []
    for i in range(n - 1):
        first = _given(norm[i], given)
        if first is None or first in common or norm[i] in cues.boundaries or first.startswith("ال") or (
                i and (_cued(norm[i - 1], cues) or norm[i - 1] in CONNECTORS or norm[i - 1] in given)):
            continue
        j = i + 1
        while j < n and j - i <= MAX_MIDDLE and (norm[j] in given or norm[j] in CONNECTORS):
            j += 1
        if j >= n or _stop(norm[j], cues) or _prefixed(norm[j]):
            continue
        if not (norm[j - 1] in CONNECTORS or norm[j] in family):
            continue
        end = j + 1
        if end < n and norm[end] in family and not _prefixed(norm[end]) and not _stop(norm[end], cues):
            end += 1
        out.append(Occurrence("person", (first, *norm[i + 1 : end]), tuple(tokens.raw[i:end]), doc, i))
    return out


def _prefixed(word: str) -> bool:
    """و + a word, or a preposition before the article (للإغاثة, بالرياض): not a family name."""
    return word.startswith(_JOINED)


def _cued(word: str, cues: Cues) -> bool:
    """The word before a name is a title or a cue word (that channel reads the name), or an organization's head."""
    bare = word[1:] if len(word) > 3 and word[0] in _CLITICS else word
    return any(w in cues.title_words or w in cues.cue_words or cues.org_head(w) for w in (word, bare))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """``given_common.txt``: given names news text also prints as common words (خلف, حسن, صافي)."""
    return frozenset(_read_list(DATA_DIR / "discovery" / "given_common.txt"))


def common_given(times: Counter[str], given: frozenset[str]) -> frozenset[str]:
    """The given names the day prints with the article at least ``COMMON_RATIO`` times as often as without (عيد /
    العيد, عمر / العمر, مبارك / المبارك): common words too."""
    return frozenset(w for w in given if times[w] and times["ال" + w] >= COMMON_RATIO * times[w])


def given_docs_weight(days: Iterable[Mapping[str, Any]]) -> float:
    """The documents after a cue that the days' cue-free documents count for (``name_suggestions.score``)."""
    if not RULES["given_start"]:
        return 0.0
    return GIVEN_WEIGHT * sum(int((d.get("shape") or {}).get("given_docs", 0)) for d in days)


def enough(docs: int, outlets: int) -> bool:
    """A cue-free candidate has the evidence to be stored for its day."""
    return docs >= MIN_DOCS and outlets >= MIN_OUTLETS
