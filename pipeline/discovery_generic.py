"""Name discovery: an organization that the day also prints as an indefinite description is no name (stop 40,
helper G).

A head and a definite word (or words) is a name only when the words make one body in particular: جامعة القصيم, حزب
الاتحاد الديمقراطي, المفوضية الأوروبية. A head and a common noun or adjective describes a body any event, team or
city has: شركة الإنتاج (the production company of a film), تنظيم المهرجان (the festival's organizers), مكتب الاستقدام,
الصحيفة الأسبوعية, الجيش البوروندي. The day tells them apart: a description is printed without the article too, as
one more of its kind (شركة إنتاج فنية, تنظيم مهرجان سنوي, مكتب استقدام), a name is not (no document prints جامعة
قصيم, مفوضية أوروبية twice).

``indefinite_form``: an organization candidate of two words or more with at least one word with the article, whose
indefinite form (every word's article off: الشركة الراعية → شركة راعية; the first word also with a proclitic:
وشركة إنتاج) the day prints in at least ``MIN_DOCS`` documents, is not kept. Not judged: a candidate with a word that
the day prints bare far more often than with the article (``NAME_RATIO``: a name taking the article by choice,
الواشنطن بوست / واشنطن بوست), or with a word in ي (a relative adjective's bare form is its place: جيش بوروندي is
Burundi's army, the same body as الجيش البوروندي). Day statistics only, no word list.

``head_share``: an organization of two words, a head with the article and an adjective with the article in ية (a
relative adjective or a participle: الشركة الراعية, القناة التلفزيونية, الفرقة الكشفية), that is less than
``HEAD_SHARE`` of the day's mentions of the definite head (with proclitics: للشركة, والشركة), is not kept: the head
names many bodies of the day and the adjective tells one of them (the sponsoring company of a festival). A name of
this shape is most of its head's mentions (المفوضية الأوروبية: 27 of 38 on 2015-07-21). A masculine adjective in ي
is not judged: the labels take a country's army or federation as an organization (الجيش النيجيري, الاتحاد
البرازيلي).

``RULES`` switches the rules off for the bench's side-by-side runs (``--rules-off indefinite_form,head_share``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from pipeline.discovery_bare import ARTICLES
from pipeline.discovery_scan import Tokens, clitic_forms

RULES = {"indefinite_form": True, "head_share": True}
MIN_DOCS = 2  # the indefinite form: printed in at least this many of the day's documents
HEAD_SHARE = 0.1  # head_share: the phrase's share of the day's mentions of its definite head below this
NAME_RATIO = 4  # a word printed bare more than this many times as often as with the article: a name (الواشنطن بوست)
_AL = "ال"


def indefinite(words: tuple[str, ...], times: Mapping[str, int]) -> tuple[str, ...] | None:
    """The words without their article, or None when no word has one, or a word without it ends in ي (the bare
    form of a relative adjective is its place or name: الجيش البوروندي / جيش بوروندي, Burundi's army), or a word is
    printed bare more than ``NAME_RATIO`` times as often as with the article (any proclitic + article: الإنتاج,
    للإنتاج, بالإنتاج), by the day's counts ``times`` — a name taking the article by choice (الواشنطن بوست)."""
    out = []
    for w in words:
        if w.startswith(_AL) and len(w) > 4:
            bare = w[len(_AL):]
            definite = sum(times.get(article + bare, 0) for article in ARTICLES)
            if bare.endswith("ي") or times.get(bare, 0) > NAME_RATIO * definite:
                return None
            out.append(bare)
        else:
            out.append(w)
    found = tuple(out)
    return found if found != words else None


def described(candidates: Mapping[str, tuple[str, ...]], tokenized: Iterable[Tokens], times: Mapping[str, int],
              *, min_docs: int = MIN_DOCS) -> set[str]:
    """The keys of ``candidates`` (key -> the organization's words, two or more) whose indefinite form the day's
    documents ``tokenized`` print in at least ``min_docs`` documents (rule ``indefinite_form``)."""
    if not RULES["indefinite_form"]:
        return set()
    forms: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)  # first word -> (key, the rest)
    for key, words in candidates.items():
        if len(words) < 2:
            continue
        form = indefinite(words, times)
        if form is not None:
            forms[form[0]].append((key, form[1:]))
    if not forms:
        return set()
    docs: Counter[str] = Counter()
    for tokens in tokenized:
        norm = tokens.norm
        seen: set[str] = set()
        for i, word in enumerate(norm):
            if not word:
                continue
            for first in clitic_forms(word):
                for key, rest in forms.get(first, ()):
                    if key not in seen and tuple(norm[i + 1: i + 1 + len(rest)]) == rest:
                        seen.add(key)
        docs.update(seen)
    return {key for key, n in docs.items() if n >= min_docs}


def _head_adjective(words: tuple[str, ...]) -> bool:
    return (len(words) == 2 and all(w.startswith(_AL) and len(w) > 4 for w in words)
            and words[1].endswith("يه"))


def minor(candidates: Mapping[str, tuple[str, ...]], tokenized: Iterable[Tokens], *,
          share: float = HEAD_SHARE) -> set[str]:
    """The keys of ``candidates`` (key -> the organization's words) that are a definite head + an adjective in ية
    printed in less than ``share`` of the day's mentions of the head (rule ``head_share``)."""
    if not RULES["head_share"]:
        return set()
    pairs = {words: key for key, words in candidates.items() if _head_adjective(words)}
    if not pairs:
        return set()
    heads = {words[0] for words in pairs}
    head_times: Counter[str] = Counter()
    pair_times: Counter[tuple[str, ...]] = Counter()
    for tokens in tokenized:
        norm = tokens.norm
        for i, word in enumerate(norm):
            if not word:
                continue
            for head in heads.intersection(clitic_forms(word)):
                head_times[head] += 1
                if i + 1 < len(norm) and (head, norm[i + 1]) in pairs:
                    pair_times[(head, norm[i + 1])] += 1
    return {key for words, key in pairs.items() if pair_times[words] < share * head_times[words[0]]}
