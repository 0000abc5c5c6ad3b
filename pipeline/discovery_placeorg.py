"""Name discovery: a body named after its place, by the day's statistics (stop 39, helper T).

A region's or a city's police, governorate, municipality or passports office is printed as a word that no cue list
holds, followed by a place: شرطة جدة, شرطة محافظة جدة, إمارة منطقة جازان, أمانة الرياض, جوازات الجوف. The stop-35
rule ``authority_heads`` (``pipeline.discovery_cues``, off) made three such words organization heads from a list;
their runs went on into the sentence (شرطة مكافحة الإرهاب داهمت) or named a generic body (الشرطة التركية). Here the
day says which words are such heads, and the name is the head and its place only:

* ``place_authority``: a word (its clitics و / ف / ب / ل off; no article, three letters at least, no stop word, cue
  word, title word or place head; a feminine noun, ending in ة, as the nouns of an office are: شرطة, إمارة,
  أمانة, بورصة — a service or an activity printed before a region's name, تعليم حائل, جوازات الرياض, سجون الطائف,
  is the region's branch of a ministry, which the development labels call no name, and a direction, شمال جدة, is
  none) is a head of the day when it is printed right before (or before a place head
  before) at least ``MIN_PLACES`` different known places (one-word places of the gazetteer, or the cue file's
  countries), in at least ``MIN_SHARE`` of the documents printing it, and after a title or role word (مدير شرطة …,
  المتحدث الرسمي لشرطة …, وكيل إمارة …) in at least ``MIN_ROLE_SHARE`` of those — a direction (شمال, شرق), a
  verb (تليها) or a movement (تحرير عدن) is not an office with officials; and most of its places are not
  countries (جمهورية مصر, دولة الإمارات, رئيس وزراء مصر: the state itself). Each such head + (place head +) place is
  an organization occurrence of exactly those words (the extent is fixed: nothing carried on); with a place head
  (إمارة منطقة جازان, شرطة محافظة جدة) it is not generic (``pipeline.discovery_known.is_generic`` reads a head +
  منطقة … as a unit every region has: مكتب منطقة …), as ``pipeline.discovery`` keeps these keys.

``RULES`` switches the rule off for the bench's side-by-side runs (``--rules-off place_authority``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from pipeline.discovery_cues import Cues
from pipeline.discovery_known import has_article
from pipeline.discovery_runon import doc_counts
from pipeline.discovery_scan import Occurrence, Tokens, clitic_forms, strip_raw

RULES = {"place_authority": True}
MIN_PLACES = 4  # different known places after the head on the day
MIN_SHARE = 0.25  # of the documents printing the head (bare), those with a place right after it
MIN_ROLE_SHARE = 0.2  # of those, the documents with a title or role word right before the head


def _place_at(norm: list[str], k: int, cues: Cues, is_place: Callable[[str], bool]) -> int:
    """The index after a place starting at ``k`` (a place head allowed before it), or 0."""
    if k < len(norm) and norm[k] in cues.place_heads:
        k += 1
    if k < len(norm) and norm[k] and (norm[k] in cues.countries or is_place(norm[k])):
        return k + 1
    return 0


def _head_form(word: str, cues: Cues, bare: Counter[str]) -> str:
    """The word without its clitics, as the day prints it bare most (بشرطة → شرطة, بورصة stays), or "" when that
    form cannot be a head."""
    f = max(clitic_forms(word), key=lambda form: (bare[form], form == word))
    if len(f) < 3 or has_article(f) or f in cues.boundaries or f in cues.title_words or f in cues.place_heads or (
            f in cues.cue_words or f in cues.countries):
        return ""
    if not f.endswith("ه"):  # not a body's noun (ة): a service or an activity (تعليم, جوازات, سجون), a direction
        return ""
    return f


def _head_places(tokenized: list[Tokens], cues: Cues, is_place: Callable[[str], bool], bare: Counter[str],
                 heads: frozenset[str] | None = None) -> Iterator[tuple[int, Tokens, int, str, int]]:
    """(document, its tokens, index, head form, end) of every word that may be a head (one of ``heads`` when
    given); ``end`` the index after the place that follows it, or 0."""
    forms: dict[str, str] = {}
    for d, tokens in enumerate(tokenized):
        norm = tokens.norm
        for j, word in enumerate(norm):
            if not word or word in cues.boundaries:
                continue
            f = forms.get(word)
            if f is None:
                f = forms[word] = _head_form(word, cues, bare)
            if f and (heads is None or f in heads):
                yield d, tokens, j, f, _place_at(norm, j + 1, cues, is_place)


def place_heads_of_day(tokenized: list[Tokens], cues: Cues, is_place: Callable[[str], bool],
                       bare: Counter[str] | None = None) -> frozenset[str]:
    """The day's words that name a body after its place (module docstring); ``bare``: the day's document counts
    (``discovery_runon.doc_counts``) when the caller has them."""
    docs: dict[str, set[int]] = defaultdict(set)
    placed: dict[str, set[int]] = defaultdict(set)
    roled: dict[str, set[int]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    roles = cues.title_words | cues.role_words
    bare = doc_counts(tokenized) if bare is None else bare
    for d, tokens, j, f, end in _head_places(tokenized, cues, is_place, bare):
        docs[f].add(d)
        if end:
            before = tokens.norm[j - 1] if j else ""
            placed[f].add(d)
            places[f].add(tokens.norm[end - 1])
            if before and (before in roles or any(b in roles for b in clitic_forms(before))):
                roled[f].add(d)
    out = set()
    for f, ps in places.items():
        if len(ps) < MIN_PLACES or len(placed[f]) < MIN_SHARE * len(docs[f]):
            continue
        if len(roled[f]) < MIN_ROLE_SHARE * len(placed[f]):
            continue
        if 2 * sum(p in cues.countries for p in ps) >= len(ps):
            continue
        out.add(f)
    return frozenset(out)


def place_org_occurrences(tokenized: list[Tokens], cues: Cues, is_place: Callable[[str], bool],
                          df: Counter[str] | None = None) -> list[Occurrence]:
    """Every head of the day (:func:`place_heads_of_day`) + its place, as an organization occurrence of fixed
    extent; ``df``: the day's document counts (``discovery_runon.doc_counts``) when the caller has them."""
    if not RULES["place_authority"]:
        return []
    bare = doc_counts(tokenized) if df is None else df
    heads = place_heads_of_day(tokenized, cues, is_place, bare)
    if not heads:
        return []
    out = []
    for d, tokens, j, head, end in _head_places(tokenized, cues, is_place, bare, heads):
        if not end:
            continue
        words = (head, *tokens.norm[j + 1:end])
        raw = (strip_raw(tokens.raw[j], head), *tokens.raw[j + 1:end])
        out.append(Occurrence("org", words, raw, d, j, min_words=len(words)))
    return out
