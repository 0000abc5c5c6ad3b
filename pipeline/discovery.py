"""Name discovery: persons, organizations and places that the gazetteers do not know yet.

One pass over one day's documents (title and body), no model, no second store; the cue words and
stop lists are data (``pipeline/data/discovery/``), and the text is read through the one
normalization (``pipeline.normalize``). :func:`discover_day` returns the day's candidates;
``pipeline.name_suggestions`` keeps them in Elasticsearch and ranks them.

Cues
    A person's name follows a title or role (الرئيس, وزير, اللواء, الناطق باسم …, ``person_titles``),
    usually after the rest of the role: words with the article (وزير **الخارجية السعودي** عادل الجبير),
    ``role_words`` (رئيس **مجلس** إدارة …), countries (رئيس وزراء **بريطانيا** ديفيد كاميرون) and
    further titles (الرئيس التنفيذي **المهندس** …) are skipped. The name starts with a word without
    the article and runs until punctuation (a word after بن / أبو is the name's whatever it is elsewhere: بن علي,
``connector_next``), a stop word (the plugin's ``arabic_stopwords.txt`` and
    ``boundaries.txt``: قال, اليوم, الذي, ممثلا, قوله, وعدد …) or another cue word; a person's also at a word
    the day prints with tanwīn after its first (مؤكداً: ``pipeline.discovery_runon``). An organization's name is its head
    and what follows (**جهاز** الردع, **حزب** …, ``org_heads``), or the words between quotation marks
    right after the head (جماعة «بوكو حرام»); a place's name is what follows its
    head (**مدينة** …, ``place_heads``), head excluded. A cue may carry a clitic (والرئيس, بمدينة).
    Two weaker person cues need the name to start with a common given name (``given_names.txt``): a
    speech or action verb right before it (**وقال** عادل الجبير, ``speech_verbs``), and a title right
    after it in apposition (إبراهيم محلب **رئيس الوزراء**, ``titles_after_name``; never the middle of
    a longer name). ``article_org_heads`` are heads only with the article (**المقاومة** الشعبية). A bare
    (often foreign) name after a generic head can be a candidate of its own, head excluded (شركة **توتال**
    الفرنسية: ``pipeline.discovery_bare``; off by default — measured at stop 30 and not kept). A person after an
    occupation (الروائي المصري …) or a role and its club (مهاجم برشلونة …) is read by ``pipeline.discovery_roles``.
    A name coordinated with a known name of its kind (ميسي ونيمار, أبل وسامسونج) is a candidate of that kind
    (``pipeline.discovery_lists``). A role skips an institution named after a titled person whole (مدير كلية الملك
    فهد الأمنية اللواء …), and ``titled_org_heads`` (كلية, دارة …) are organization heads before such a title
    (``titled_institution``).

Extent
    Where a name ends is read from the day's statistics, not from the one sentence: among the
    occurrences of a kind, a name is extended by the next word while at least ``EXTEND_MIN_DOCS``
    documents and ``EXTEND_RATIO`` of those with the shorter name continue that way (محمد بن سلمان is
    kept, عادل الجبير اليوم is not; a lineage takes its family name, and one story's copies do not carry a person into
    a common word of the day: ``pipeline.discovery_extent``). A person has at least two words; a name never ends on
    a connector
    (بن, أبو, عبد …), and a compound given name (نصر الله, زين العابدين) is one of them. آل and the family name after
    it are words of a name (a stop word elsewhere: حمد بن عيسى آل خليفة, صالح آل الشيخ), and a title after آل or ولد
    may end one (آل الشيخ, إسماعيل ولد الشيخ). A head with the
    article names an organization only with an adjective after it (الاتحاد الأوروبي; not التحالف بقيادة);
    و + a given name or an institution starts a second name (ميليشيات الحوثي وصالح); علي (= على once
    normalized) starts a name only before a given or a family name.

Mentions
    Each candidate is then counted in every document of the day (with or without a cue, as whole
    words, a clitic allowed on the first): documents, outlets (``source_id``), the surface forms as
    printed (the variants an accepted name takes into the gazetteer) and a few contexts. The end of a
    longer name is not a mention (بن أحمد الغامدي; بندر بن محمد followed by a family name). A candidate
    most of whose mentions go on with the same word is a fragment of a longer name and is dropped, unless
    that word begins another candidate of the day (``pipeline.discovery_shape``).

Not suggested: names the gazetteers know (any alias; for persons, a name inside a known
multi-word alias or containing one; head + a name known only as a place is an organization named after it, not
known: ``place_named``), generic organization names (``generic_orgs`` alone or with
``generic_complements``: وزارة الداخلية, قوات الأمن السعودية; a definite head and a participle or an
ordinal: القوات المشتركة, المجموعة السابعة; not head + a word ending in ي the day never prints with the article, a
name: شركة سوني, ``nisba_name``), a head with a common word of the day (الحركة التجارية:
``pipeline.discovery_phrase``), على + a noun taken for علي + a family name, an indefinite head + ل / ب on a
word (مركز للاقتراع: ``pipeline.discovery_nonname``), an organization carried on into a verb or ب / ل / و + a
common word (… بالأحساء تنظم, … والتطوير وإنشاء) and a one-word verb (أحاول: ``pipeline.discovery_orgtail``), an
organization the day also prints as an indefinite description (شركة الإنتاج / شركة إنتاج:
``pipeline.discovery_generic``). An organization's other forms mentioned with it
(الجامعة العربية of جامعة الدول العربية, an acronym in brackets) are listed in ``Candidate.forms``
(``pipeline.discovery_forms``).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import ahocorasick

from pipeline.config import DATA_DIR
from pipeline.discovery_bare import (
    DayWords,
    bare_factor,
    bare_occurrences,
    day_words,
    fragment_following,
    link_head_forms,
)
from pipeline.discovery_context import ContextModel, add_mention, day_model, shape_fields
from pipeline.discovery_cues import Cues, get_cues
from pipeline.discovery_extent import (
    NameUses,
    carried_from_common,
    common_tail,
    common_word,
    family_follows,
    name_uses,
)
from pipeline.discovery_forms import ACRONYM_GAP, day_links
from pipeline.discovery_generic import described, minor
from pipeline.discovery_given import is_given
from pipeline.discovery_given_start import enough, given_occurrences
from pipeline.discovery_known import CONNECTORS, KnownNames, is_generic, name_key
from pipeline.discovery_known import gazetteer_aliases as gazetteer_aliases
from pipeline.discovery_lists import list_occurrences
from pipeline.discovery_nonname import is_common_first, is_head_preposition, is_preposition_ala
from pipeline.discovery_orgtail import is_org_suffixed, is_org_tail
from pipeline.discovery_pair import carried_before, is_common_pair
from pipeline.discovery_phrase import is_common_phrase
from pipeline.discovery_placeorg import place_org_occurrences
from pipeline.discovery_roles import role_occurrences
from pipeline.discovery_runon import day_cues, doc_counts
from pipeline.discovery_scan import AL, COMPOUND, LETTERS, NAMED_AFTER_TITLES, OPEN_QUOTES, clitic_forms, strip_raw
from pipeline.discovery_scan import COMPOUND_TAIL as _COMPOUND_TAIL
from pipeline.discovery_scan import MAX_WORDS as MAX_WORDS
from pipeline.discovery_scan import Occurrence as Occurrence
from pipeline.discovery_scan import Tokens as Tokens
from pipeline.discovery_scan import cue_occurrences as cue_occurrences
from pipeline.discovery_scan import tokenize as tokenize
from pipeline.discovery_shape import RULES, is_fragment, is_lineage_prefix
from pipeline.discovery_stem import is_stem, several_stories
from pipeline.normalize import normalize_token

DISCOVERY_DIR = DATA_DIR / "discovery"
KINDS = ("person", "org", "place")
MIN_WORDS = {"person": 2, "org": 2, "place": 1}
EXTEND_MIN_DOCS = 2
EXTEND_RATIO = 0.5
MAX_CONTEXTS = 3
CONTEXT_WORDS = 8
_MENTION_CLITICS = frozenset({"و", "ف", "ب", "ل", "وب", "ول", "لل", "ولل"})
_FAMILY_CONNECTORS = frozenset({AL, normalize_token("ولد")})  # a title after them is a family name: آل الشيخ


# -- one day ----------------------------------------------------------------------------------------------
@dataclass
class DayDoc:
    id: str
    source_id: str
    title: str
    body: str
    url: str | None = None
    cluster_id: str | None = None  # copies of one story count once in ``Candidate.stories``


@dataclass
class Candidate:
    """One name found on one day, with what the ranking and the operator need."""

    name: str  # normalized words joined by one space: the key
    kind: str
    kind_votes: dict[str, int]
    cue_docs: int  # documents where it follows a cue
    docs: int  # documents that mention it (cue or not)
    stories: int  # distinct stories (clusters) of those documents
    outlets: list[str]
    surfaces: dict[str, int]  # as printed -> times
    contexts: list[dict[str, str]] = field(default_factory=list)
    shape: dict[str, float] = field(default_factory=dict)  # mention counts (discovery_kind), context scores
    forms: list[str] = field(default_factory=list)  # the day's other forms of one organization (discovery_forms)

    @property
    def display(self) -> str:
        return max(self.surfaces.items(), key=lambda kv: (kv[1], kv[0]))[0] if self.surfaces else self.name


def choose_extents(occurrences: list[Occurrence], *, stories: Sequence[str] | None = None,
                   df: Counter[str] | None = None, uses: NameUses | None = None,
                   cues: Cues | None = None) -> list[tuple[Occurrence, int]]:
    """(occurrence, number of words of its name) by the day's statistics (module docstring); ``stories``: each
    document's story, ``df``: the day's documents per word (``pipeline.discovery_extent``: a lineage takes its family
    name, a person is not carried on into a common word by the copies of one story; ``pipeline.discovery_stem``: an
    organization's stem the day never prints alone goes its ways)."""
    prefix_docs: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    end_docs: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)  # the run ends on it (org_stem)
    for occ in occurrences:
        end_docs[(occ.kind, occ.words)].add(occ.doc)
        for k in range(1, len(occ.words) + 1):
            prefix_docs[(occ.kind, occ.words[:k])].add(occ.doc)
    out = []
    for occ in occurrences:
        lo = _min_length(occ)
        if lo > len(occ.words):
            continue
        k = lo
        carried = False  # the statistics would extend the name by a common word (rule family_word)
        stemmed = False  # extended once past a stem the day never prints alone (rule org_stem)
        while k < len(occ.words):
            longer = len(prefix_docs[(occ.kind, occ.words[: k + 1])])
            shorter = len(prefix_docs[(occ.kind, occ.words[:k])])
            if occ.words[k - 1] in CONNECTORS or _title_ends(occ.words, k, (AL,)) or (
                    occ.kind == "person" and occ.words[k] in _COMPOUND_TAIL) or family_follows(occ.kind, occ.words, k):
                k += 1
                continue
            longer_docs = prefix_docs[(occ.kind, occ.words[: k + 1])]
            stem = not stemmed and longer < EXTEND_RATIO * shorter and is_stem(
                occ.kind, len(end_docs[(occ.kind, occ.words[:k])]), shorter, longer_docs, stories)
            past_stem = not stemmed or several_stories(longer_docs, stories)  # org_stem: past it, 2+ stories
            if longer >= EXTEND_MIN_DOCS and (longer >= EXTEND_RATIO * shorter or stem) and past_stem and (
                    not common_tail(occ.kind, occ.words[k], longer_docs, stories, df)):
                carried = common_word(occ.kind, occ.words, k, uses, cues)
                if not carried:
                    stemmed = stemmed or stem
                    k += 1
                    continue
            break
        if occ.words[k - 1] in CONNECTORS or _title_ends(occ.words, k, _FAMILY_CONNECTORS):
            continue  # the run ended on بن / أبو / الملك: no name
        if carried and carried_from_common(occ.words, k, uses, cues):
            continue  # carried on from a common word already (… الإطار [القيادي]): no name
        out.append((occ, k))
    return out


def _title_ends(words: tuple[str, ...], k: int, family: Iterable[str]) -> bool:
    """The ``k`` words end on a title that names someone after it (الملك, الشيخ): the name goes on (خالد بن الملك
    …); not after a ``family`` connector, where the title is a family name. After آل the name may end there and
    goes on only as the day's statistics say (صالح آل الشيخ); after ولد it goes on while the run does (مختار ولد
    الشيخ سالم) and may end there when the run ends (إسماعيل ولد الشيخ)."""
    return words[k - 1] in NAMED_AFTER_TITLES and not (k >= 2 and words[k - 2] in family)


def _min_length(occ: Occurrence) -> int:
    """Words of the shortest name: two name units for a person (عبد + the next word is one unit, and so
    is a compound given name: نصر الله alone is a fragment of حسن نصر الله)."""
    if occ.kind != "person" or len(occ.words) == occ.min_words == 1:  # (a list's member of one word: نيمار)
        return occ.min_words or MIN_WORDS[occ.kind]
    units = 0
    n = len(occ.words)
    for k, word in enumerate(occ.words):
        if word in COMPOUND or (word not in CONNECTORS and not (k > 0 and occ.words[k - 1] in COMPOUND)
                                 and not (k > 0 and word in _COMPOUND_TAIL)):
            units += 1
        if units >= 2 and word not in CONNECTORS and not (k + 1 < n and occ.words[k + 1] in _COMPOUND_TAIL):
            return k + 1
    return len(occ.words) + 1


GIVEN_NAME_FACTOR = 0.5  # a person whose first word is not a common given name ranks at half


def name_factor(kind: str, key: str, cues: Cues | None = None) -> float:
    """1.0, or ``GIVEN_NAME_FACTOR`` for a person whose first word is not in given_names.txt nor a first word of
    the gazetteer's persons (``pipeline.discovery_given``; شكره وتقديره, معسكره الإعدادي are not names; an unlisted
    foreign name still ranks at half); an organization without a head (a bare name, ``pipeline.discovery_bare``)
    at ``BARE_FACTOR``."""
    if kind == "org":
        return bare_factor(key, cues or get_cues())
    if kind != "person":
        return 1.0
    first = key.split(" ", 1)[0]
    return 1.0 if is_given(first, cues) else GIVEN_NAME_FACTOR  # the gazetteer's given names too (discovery_given)


def _known_place(known: KnownNames, word: str) -> bool:
    """A one-word alias of the gazetteers that is no person's nor organization's (a place; unknown without kinds)."""
    return bool(known.kinds) and word in known.exact and word not in known.named


def _context(tokens: Tokens, start: int, length: int) -> str:
    lo, hi = max(0, start - CONTEXT_WORDS), min(len(tokens), start + length + CONTEXT_WORDS)
    return " ".join(tokens.raw[lo:hi])


def discover_day(docs: list[DayDoc], known: KnownNames, *, cues: Cues | None = None,
                 watched: Mapping[str, tuple[str, Iterable[tuple[str, ...]]]] | None = None) -> list[Candidate]:
    """The day's candidate names (unknown to ``known``), with their counts, outlets and contexts.
    ``watched``: names found after a cue on an earlier day (key -> kind, written forms as normalized
    words), counted in the day's documents even where no cue precedes them today."""
    tokenized = [tokenize(f"{d.title or ''} . {d.body or ''}") for d in docs]
    df = doc_counts(tokenized)  # the day's document frequencies, one pass: run-ons, phrases, prepositions
    words_of_day = day_words(t.norm for t in tokenized)  # the day's common words: bare names, roles, lists
    cues = day_cues(cues or get_cues(), tokenized, df, words_of_day)
    occurrences: list[Occurrence] = []
    for i, tokens in enumerate(tokenized):
        occurrences += cue_occurrences(tokens, i, cues)
    occurrences += bare_occurrences(tokenized, cues, words_of_day)
    occurrences += role_occurrences(tokenized, cues, words_of_day, known, occurrences)  # occupations, roles + club
    placed = place_org_occurrences(tokenized, cues, functools.partial(_known_place, known), df)  # شرطة جدة
    occurrences += placed
    named_after_place = {name_key(o.words) for o in placed}  # head + place head + place: not generic (شرطة منطقة …)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    cue_docs: dict[str, set[int]] = defaultdict(set)
    forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    chosen = choose_extents(occurrences, stories=[d.cluster_id or d.id for d in docs], df=df,
                            uses=name_uses(tokenized, occurrences, cues), cues=cues)
    listed = list_occurrences(tokenized, cues, words_of_day, known, ((o.words[:k], o.kind) for o, k in chosen))
    list_docs: dict[str, set[int]] = defaultdict(set)  # found in a list only (pipeline.discovery_lists)
    given = functools.partial(is_given, cues=cues)
    places = functools.partial(_known_place, known)
    for occ, k in chosen + [(o, -k) for o, k in choose_extents(listed)]:
        # a common word or a place carried before a given name is cut off: بجدة عمر الجاسر (discovery_pair)
        words = carried_before(occ.kind, occ.words[: abs(k)], words_of_day, df, given, places)
        key = name_key(words)
        votes[key][occ.kind] += 1
        if k < 0 and occ.doc not in cue_docs[key]:
            list_docs[key].add(occ.doc)
        cue_docs[key].add(occ.doc)
        forms[key].add(words)
    orgs = {key: tuple(key.split()) for key, kinds in votes.items() if kinds.most_common(1)[0][0] == "org"}
    orgs.update((key, tuple(key.split())) for key, (kind, _) in (watched or {}).items() if kind == "org")
    descriptions = described(orgs, tokenized, words_of_day.times)  # شركة الإنتاج: شركة إنتاج printed too
    descriptions |= minor(orgs, tokenized)  # الشركة الراعية: one of the day's many الشركة
    keep = {}
    for key, kinds in votes.items():
        kind = kinds.most_common(1)[0][0]
        words = tuple(key.split())
        if known.knows(kind, words) or (key not in named_after_place and is_generic(kind, words, cues, words_of_day)):
            continue
        if kind == "org" and key in descriptions and key not in named_after_place:
            continue
        keep[key] = kind
    for key, (kind, written) in (watched or {}).items():
        words = tuple(key.split())
        if key in keep or known.knows(kind, words) or is_generic(kind, words, cues, words_of_day):
            continue
        if kind == "org" and key in descriptions:
            continue
        keep[key] = kind
        forms[key].update(w for w in written if w)
    given_docs: dict[str, set[int]] = defaultdict(set)  # cue-free persons (pipeline.discovery_given_start)
    for occ, k in choose_extents(given_occurrences(tokenized, cues), stories=[d.cluster_id or d.id for d in docs],
                                 df=df, cues=cues):
        key = name_key(occ.words[:k])
        if key not in votes and key not in keep:  # a name after a cue today or watched is counted as it is
            given_docs[key].add(occ.doc)
            forms[key].add(occ.words[:k])
    for key in list(given_docs):
        words = tuple(key.split())
        if known.knows("person", words) or is_generic("person", words, cues, words_of_day):
            del given_docs[key]
            continue
        keep[key] = "person"
        votes[key]["person"] += len(given_docs[key])
    if not keep:
        return []
    out = link_head_forms(_count_mentions(docs, tokenized, keep, forms, votes, cue_docs, cues, df=df,
                                                 day=words_of_day, context=day_model(tokenized, known)))
    for c in out:
        if list_docs.get(c.name):
            c.shape["list_docs"] = len(list_docs[c.name])
        if c.name in given_docs and not c.cue_docs:
            c.shape["given_docs"] = len(given_docs[c.name])
    return [c for c in out if c.cue_docs or c.name not in given_docs or enough(c.docs, len(c.outlets))]


def _count_mentions(docs: list[DayDoc], tokenized: list[Tokens], keep: dict[str, str],
                    forms: dict[str, set[tuple[str, ...]]], votes: dict[str, Counter[str]],
                    cue_docs: dict[str, set[int]], cues: Cues, *, fragments: bool = True,
                    df: Counter[str] | None = None, day: DayWords | None = None,
                    context: ContextModel | None = None) -> list[Candidate]:
    """Every document mentioning a candidate (whole words; a proclitic allowed on the first word);
    ``fragments``: drop a fragment of a longer name (off for a count only: ``pipeline.discovery_window``);
    ``df``: the documents' word frequencies (``discovery_runon.doc_counts``) when the caller has them; ``day``:
    the day's ``discovery_bare.day_words`` (a person starting with a common word is dropped); ``context``: the day's
    model of known names' contexts (``pipeline.discovery_context``), each mention's score added to ``shape``."""
    automaton = ahocorasick.Automaton()
    for key in keep:
        for words in forms[key]:
            pattern = " ".join(words)
            automaton.add_word(pattern, (key, len(words), len(pattern)))
    automaton.make_automaton()
    mentioned: dict[str, set[int]] = defaultdict(set)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    contexts: dict[str, list[dict[str, str]]] = defaultdict(list)
    following: dict[str, Counter[str]] = defaultdict(Counter)  # the word after each mention ("" : none)
    quoted: Counter[str] = Counter()  # mentions right after an opening quotation mark
    next_word: dict[str, Counter[str]] = defaultdict(Counter)  # an organization's next word, punctuation skipped
    in_context: dict[str, dict[str, float]] = defaultdict(dict)  # context scores (pipeline.discovery_context)
    went_on: Counter[str] = Counter()  # a lineage's mentions that go on with a family name (not counted as mentions)
    last_words = {key.rsplit(" ", 1)[-1] for key in keep}
    if df is None:  # without the day's frequencies: a count only (the look-back) reads its last words' alone
        df = doc_counts(tokenized) if fragments else Counter(
            w for tokens in tokenized for w in set(tokens.norm) & last_words)
    last_df = df  # the documents holding each candidate's last word (discovery_phrase)
    for i, tokens in enumerate(tokenized):
        # the words as one string (punctuation as "|"), and the token index of each word's start
        starts: dict[int, int] = {}
        pos = 0
        marked = [w or "|" for w in tokens.norm]
        for t_index, word in enumerate(marked):
            starts[pos] = t_index
            pos += len(word) + 1
        text = " ".join(marked)
        for end, (key, n, length) in automaton.iter(text):
            after = end + 1
            if after < len(text) and text[after] != " ":
                continue
            begin = end - length + 1
            # the first word: a whole word, or one with a proclitic (والجبير, لعادل)
            first = text.rfind(" ", 0, begin) + 1
            prefix = text[first:begin]
            found_at = starts.get(first)
            if found_at is None or (prefix and prefix not in _MENTION_CLITICS):
                continue
            t_index = found_at
            if t_index > 0 and tokens.norm[t_index - 1] in CONNECTORS and keep[key] == "person" and not (
                    set(key.split()) & (CONNECTORS - {AL})):
                continue  # the end of a longer name: بن أحمد الغامدي is not a mention of أحمد الغامدي, بن
                # عبدالعزيز آل سعود not one of عبدالعزيز آل سعود
            nxt = tokens.norm[t_index + n] if t_index + n < len(tokens) else ""
            if (nxt in cues.person_stops if keep[key] == "person" else (
                    nxt in cues.org_stops or nxt in cues.org_joins)) or (keep[key] == "person" and (
                    nxt in cues.nonname_words or (nxt in cues.article_stops and nxt not in _COMPOUND_TAIL))):
                nxt = ""  # a word that ends a person's / organization's name (discovery_runon): none of it follows
            if n >= 3 and key.split()[-2] in CONNECTORS - {AL} and nxt and LETTERS.fullmatch(nxt) and not (
                    nxt in CONNECTORS or nxt in cues.boundaries or any(f in cues.cue_words for f in clitic_forms(nxt))):
                went_on[key] += 1
                continue  # a lineage's family name follows: بندر بن محمد حجار is not a mention of بندر بن محمد
                # (after آل + a family the name is whole: صالح آل الشيخ يفتتح)
            mentioned[key].add(i)
            if context is not None:
                add_mention(in_context[key], context, tokens.norm, t_index, n)
            quoted[key] += t_index > 0 and tokens.raw[t_index - 1] in OPEN_QUOTES
            if nxt and LETTERS.fullmatch(nxt) and not nxt.startswith("و") and not (
                    nxt in CONNECTORS or nxt in cues.boundaries or any(f in cues.cue_words for f in clitic_forms(nxt))):
                following[key][nxt] += 1
            else:
                following[key][""] += 1
            if keep[key] == "org" and t_index + n < len(tokens) and not tokens.norm[t_index + n]:
                # its acronym may follow, after a bracket or a quotation mark: … للنفط (أوبك)
                following_words = tokens.norm[t_index + n + 1 : t_index + n + ACRONYM_GAP]
                next_word[key][next((w for w in following_words if w), "")] += 1
            raw = [tokens.raw[t_index + k] for k in range(n) if t_index + k < len(tokens)]
            if raw:
                raw[0] = strip_raw(raw[0], tokens.norm[t_index][len(prefix) :])
                surfaces[key][" ".join(raw)] += 1
            ctx = contexts[key]
            if len(ctx) < MAX_CONTEXTS and all(c["source_id"] != docs[i].source_id for c in ctx):
                ctx.append({"doc_id": docs[i].id, "source_id": docs[i].source_id, "url": docs[i].url or "",
                            "text": _context(tokens, t_index, n)})
    # the beginnings of the day's longer candidates: a short form that goes on into one of them is kept (its
    # mentions are that name's, merged with it), not dropped as a fragment
    beginnings = {" ".join(key.split()[:k]) for key in keep for k in range(2, len(key.split()) + 1)}
    links = day_links([key for key, kind in keep.items() if kind == "org"],
                      {key: mentioned[key] | cue_docs[key] for key in keep}, next_word)
    out = []
    for key, kind in keep.items():
        if fragments and RULES["fragment"] and is_fragment(fragment_following(kind, key, following[key], cues), key,
                                                           beginnings):
            continue
        if fragments and kind == "person" and is_lineage_prefix(went_on[key], sum(following[key].values())):
            continue  # احمد بن علي [آل مريع / الغامدي …]: the start of several men's names (discovery_shape)
        found = mentioned[key] | cue_docs[key]
        if fragments and is_common_phrase(kind, key, len(found), last_df[key.rsplit(" ", 1)[-1]]):
            continue  # a head with a common word of the day: الحركة التجارية (pipeline.discovery_phrase)
        if fragments and (is_preposition_ala(kind, key, surfaces[key]) or is_head_preposition(kind, key, df)):
            continue  # على النواحي, مركز للشرطة, صندوق لحماية: a phrase (pipeline.discovery_nonname)
        if fragments and is_common_pair(kind, key, day, df, functools.partial(is_given, cues=cues)):
            continue  # بهدف نظيف, يثمن جهود, مكافحة الإرهاب: a phrase read as a person (pipeline.discovery_pair)
        if fragments and (is_org_tail(kind, key, df, cues.given_names) or is_org_suffixed(kind, key,
                                                                                          cues.suffixed_words)):
            continue  # … بالأحساء تنظم, … وإنشاء, شركة تداولاتها: carried on into the sentence (discovery_orgtail)
        if fragments and kind == "person" and (not cues.nonname_words.isdisjoint(key.split()) or (
                day is not None and is_common_first(kind, key, day, cues.given_names))):
            continue  # معسكره الإعدادي, … وكبار, تعليم تبوك: no name's words (discovery_runon, discovery_nonname)
        out.append(Candidate(
            name=key, kind=kind, kind_votes=dict(votes[key]), cue_docs=len(cue_docs[key]),
            docs=len(found), stories=len({docs[i].cluster_id or docs[i].id for i in found}),
            outlets=sorted({docs[i].source_id for i in found}),
            surfaces=dict(surfaces[key]), contexts=contexts[key],
            shape={"mentions": sum(following[key].values()), "quoted": quoted[key], "day_docs": len(docs),
                   "follow_top": max((n for w, n in following[key].items() if w), default=0),
                   "last_df": last_df[key.rsplit(" ", 1)[-1]], **shape_fields(in_context.get(key, {}))},
            forms=links.get(key, []),
        ))
    return out

