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
    the article and runs until punctuation, a stop word (the plugin's ``arabic_stopwords.txt`` and
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
    الفرنسية: ``pipeline.discovery_bare``; off by default — measured at stop 30 and not kept).

Extent
    Where a name ends is read from the day's statistics, not from the one sentence: among the
    occurrences of a kind, a name is extended by the next word while at least ``EXTEND_MIN_DOCS``
    documents and ``EXTEND_RATIO`` of those with the shorter name continue that way (محمد بن سلمان is
    kept, عادل الجبير اليوم is not). A person has at least two words; a name never ends on a connector
    (بن, أبو, عبد …), and a compound given name (نصر الله, زين العابدين) is one of them. A head with the
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
multi-word alias or containing one), generic organization names (``generic_orgs`` alone or with
``generic_complements``: وزارة الداخلية, قوات الأمن السعودية; a definite head and a participle or an
ordinal: القوات المشتركة, المجموعة السابعة), a head with a common word of the day (الحركة التجارية:
``pipeline.discovery_phrase``), على + a noun taken for علي + a family name, an indefinite head + ل / ب on a
word (مركز للاقتراع: ``pipeline.discovery_nonname``). An organization's other forms mentioned with it
(الجامعة العربية of جامعة الدول العربية, an acronym in brackets) are listed in ``Candidate.forms``
(``pipeline.discovery_forms``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from pipeline.config import DATA_DIR
from pipeline.discovery_bare import bare_factor, bare_occurrences, fragment_following, link_head_forms
from pipeline.discovery_cues import CLITIC1, CLITIC2, Cues, get_cues
from pipeline.discovery_forms import ACRONYM_GAP, day_links
from pipeline.discovery_known import CONNECTORS, KnownNames, has_article, is_generic, name_key
from pipeline.discovery_known import gazetteer_aliases as gazetteer_aliases
from pipeline.discovery_nonname import bare_counts, is_head_preposition, is_preposition_ala
from pipeline.discovery_phrase import is_common_phrase
from pipeline.discovery_runon import day_cues
from pipeline.discovery_shape import RULES, is_fragment
from pipeline.normalize import normalize_token

DISCOVERY_DIR = DATA_DIR / "discovery"
KINDS = ("person", "org", "place")
MAX_SKIP = 6  # role words between a title and the name
MAX_WORDS = {"person": 5, "org": 6, "place": 3}  # org: head included
MIN_WORDS = {"person": 2, "org": 2, "place": 1}
EXTEND_MIN_DOCS = 2
EXTEND_RATIO = 0.5
MAX_CONTEXTS = 3
CONTEXT_WORDS = 8
_COMPOUND = frozenset(normalize_token(w) for w in ("عبد", "أبو", "ابو", "أبي"))  # عبد الله is one name
# the second half of a compound given name (نصر الله, ضيف الله, زين العابدين, محيي الدين): one name unit with
# the word before it, never a name's last word on its own
_COMPOUND_TAIL = frozenset(normalize_token(w) for w in ("الله", "الدين", "العابدين", "الإسلام", "الرحمن"))
_NAMED_AFTER_TITLES = frozenset(normalize_token(w) for w in ("الملك", "الأمير", "الشيخ", "الإمام", "السلطان"))
_NOT_FIRST = frozenset(normalize_token(w) for w in ("بن", "ابن", "بنت", "ولد", "بو"))  # a person's first word
_NOT_NAME_ARTICLES = ("وال", "فال", "كال", "لل", "ولل", "فلل", "وبال")
_MENTION_CLITICS = frozenset({"و", "ف", "ب", "ل", "وب", "ول", "لل", "ولل"})
_TOKEN = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+|[^\w\s]", re.UNICODE)
_LETTERS = re.compile(r"[\u0621-\u064a]{2,}")


# -- tokens -------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Tokens:
    """The words of a text: normalized ("" for a punctuation mark, a boundary) and as printed."""

    norm: list[str]
    raw: list[str]

    def __len__(self) -> int:
        return len(self.raw)


@lru_cache(maxsize=200_000)
def _norm(raw: str) -> str:
    norm = normalize_token(raw)
    return norm if norm and norm[0].isalnum() else ""


def tokenize(text: str) -> Tokens:
    """Words (normalized, and as printed) and punctuation marks (boundaries)."""
    raw = _TOKEN.findall(text or "")
    return Tokens(list(map(_norm, raw)), raw)


@lru_cache(maxsize=200_000)
def _forms(word: str) -> tuple[str, ...]:
    """The word and its forms without proclitics: و/ف, then ب/ل/ك; لل → ال (للرئيس → الرئيس)."""
    forms = [word]
    w = word
    if len(w) > 3 and w[0] in CLITIC1:
        w = w[1:]
        forms.append(w)
    if len(w) > 3 and w.startswith("لل"):
        forms.append("ال" + w[2:])
    elif len(w) > 3 and w[0] in CLITIC2:
        forms.append(w[1:])
    return tuple(forms)


def _strip_raw(raw: str, norm: str) -> str:
    """``raw`` without the leading letters that ``norm`` (a clitic-less form) does not have."""
    for i in range(len(raw)):
        if normalize_token(raw[i:]) == norm:
            return raw[i:]
    return raw


# -- one document -----------------------------------------------------------------------------------
@dataclass(slots=True)
class Occurrence:
    kind: str
    words: tuple[str, ...]  # normalized, the longest run the cue allows (org: head included)
    raw: tuple[str, ...]
    doc: int
    start: int  # token index of the name's first word (org: its head)
    min_words: int = 0  # 0: MIN_WORDS of the kind; 1: a bare name after a head (pipeline.discovery_bare)


def cue_occurrences(tokens: Tokens, doc: int, cues: Cues) -> list[Occurrence]:
    """Every cue of the document with the run of words that may be its name."""
    out: list[Occurrence] = []
    n = len(tokens)
    i = 0
    surface = cues.surface
    while i < n:
        word = tokens.norm[i]
        match: tuple[tuple[str, ...], str, str] | None = None
        if word in cues.verb_surface and any(f in cues.speech_verbs for f in _forms(word)):
            occ = _after_verb(tokens, i + 1, doc, cues)
            if occ:
                out.append(occ)
            i += 1
            continue
        if word in surface:
            for form in _forms(word):
                for words, kind in cues.cues.get(form, ()):
                    if all(i + k < n and tokens.norm[i + k] == words[k] for k in range(1, len(words))):
                        match = (words, kind, form)
                        break
                if match:
                    break
                # an organization's head with the article (الاتحاد الأوروبي, المجلس الرئاسي): the name keeps it
                if form.startswith("ال") and len(form) > 4 and cues.org_head(form[2:]):
                    match = ((form,), "org", form)
                    break
        if match is None:
            i += 1
            continue
        words, kind, form = match
        j = i + len(words)
        if kind == "person" and words in cues.titles_after:
            occ = _before_title(tokens, i, doc, cues)
            if occ and not (out and out[-1].start == occ.start):
                out.append(occ)
        if kind == "person":
            j = _skip_role(tokens, j, cues)
            if j >= 0 and not _named_after(tokens, i, cues):
                run = _run(tokens, j, cues, MAX_WORDS["person"], first_article=False)
                if run and tokens.norm[run[0]] not in _NOT_FIRST:
                    out.append(Occurrence("person", tuple(tokens.norm[k] for k in run),
                                          tuple(tokens.raw[k] for k in run), doc, j))
            j = max(j, i + len(words))
        elif kind == "org":
            run = _quoted(tokens, j, cues, MAX_WORDS["org"] - len(words)) or _run(
                tokens, j, cues, MAX_WORDS["org"] - len(words), first_article=True, named_after=True)
            if run and form.startswith("ال") and tokens.raw[run[0] - 1] not in OPEN_QUOTES and not (
                    tokens.norm[run[0]].startswith("ال")):
                run = []  # a head with the article names only with an adjective after it (الاتحاد الأوروبي);
                # التحالف بقيادة, الوزارة لشؤون, المقاومة والجيش are the head as a common noun
            if run:
                head_raw = [_strip_raw(tokens.raw[i], form)] + [tokens.raw[i + k] for k in range(1, len(words))]
                out.append(Occurrence("org", words + tuple(tokens.norm[k] for k in run),
                                      tuple(head_raw) + tuple(tokens.raw[k] for k in run), doc, i))
        else:
            run = _run(tokens, j, cues, MAX_WORDS["place"], first_article=True)
            if run and words[0] in cues.bare_place_heads and has_article(tokens.norm[run[0]]):
                run = []  # قطاع التأمين is a sector, قطاع غزة a place
            if run:
                out.append(Occurrence("place", tuple(tokens.norm[k] for k in run),
                                      tuple(tokens.raw[k] for k in run), doc, j))
        i = j if j > i else i + 1
    return out


def _given_at(tokens: Tokens, p: int, cues: Cues) -> str:
    """The first word of a person's name at ``p`` without its clitic, when it is a common given name
    (عبد + the next word counts as one: عبد الله); "" otherwise."""
    if p < 0 or p >= len(tokens) or not tokens.norm[p]:
        return ""
    nxt = tokens.norm[p + 1] if p + 1 < len(tokens) else ""
    for form in _forms(tokens.norm[p])[:2]:
        if form in cues.given_names or (form in _COMPOUND and nxt and form + nxt in cues.given_names):
            return form
    return ""


def _after_verb(tokens: Tokens, p: int, doc: int, cues: Cues) -> Occurrence | None:
    """A person's name right after a speech or action verb (وقال عادل الجبير …): only one that
    starts with a common given name (not قال مصدر, أكد البيان)."""
    first = _given_at(tokens, p, cues)
    if not first or tokens.norm[p] != first:  # the name itself carries no clitic after a verb
        return None
    run = _run(tokens, p, cues, MAX_WORDS["person"], first_article=False)
    if len(run) < 2:
        return None
    return Occurrence("person", tuple(tokens.norm[k] for k in run), tuple(tokens.raw[k] for k in run), doc, p)


def _before_title(tokens: Tokens, i: int, doc: int, cues: Cues) -> Occurrence | None:
    """A person's name right before a title in apposition (إبراهيم محلب رئيس الوزراء, وعبد الله الثني،
    رئيس الحكومة): up to four words back from the title (a comma between allowed), from the earliest
    one that is a common given name; at least two words."""
    e = i - 1
    if e >= 0 and tokens.raw[e] in (",", "،"):
        e -= 1
    back: list[int] = []
    k = e
    while k >= 0 and len(back) < MAX_WORDS["person"] - 1:
        w = tokens.norm[k]
        if not w or not _LETTERS.fullmatch(w) or w in cues.boundaries or w in cues.person_stops or (
                w in cues.title_words) or any(
                f in cues.cue_words or f in cues.speech_verbs for f in _forms(w)):
            break
        back.append(k)
        k -= 1
    for p in reversed(back):  # earliest first
        if p >= e:
            break
        first = _given_at(tokens, p, cues)
        if not first:
            continue
        prev = tokens.norm[p - 1] if p > 0 else ""
        if prev in CONNECTORS or prev in _COMPOUND or _given_at(tokens, p - 1, cues):
            return None  # the middle of a longer name (… محمد بن سلمان بن عبدالعزيز ولي …)
        if any(has_article(tokens.norm[q]) and q < e for q in range(p, e + 1)) or tokens.norm[p] in _NOT_FIRST:
            return None  # only the last word may carry the article (عبد الله الثني)
        words = (first, *(tokens.norm[q] for q in range(p + 1, e + 1)))
        raw0 = _strip_raw(tokens.raw[p], first)
        return Occurrence("person", words, (raw0, *(tokens.raw[q] for q in range(p + 1, e + 1))), doc, p)
    return None


OPEN_QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}


def _quoted(tokens: Tokens, j: int, cues: Cues, limit: int) -> list[int]:
    """Token indexes of the words between quotation marks right after an organization's head
    (جماعة «بوكو حرام», وكالة "رويترز"): quotes mark a name as capitals do in Latin script; [] when
    the words are not all Arabic words, start or end on a stop word, or the quote is not closed
    within ``limit`` words."""
    if j >= len(tokens) or tokens.raw[j] not in OPEN_QUOTES:
        return []
    close = OPEN_QUOTES[tokens.raw[j]]
    run: list[int] = []
    k = j + 1
    while k < len(tokens) and len(run) < limit and tokens.norm[k] and _LETTERS.fullmatch(tokens.norm[k]):
        run.append(k)
        k += 1
    if not run or k >= len(tokens) or tokens.raw[k] != close:
        return []
    return [] if {tokens.norm[run[0]], tokens.norm[run[-1]]} & cues.boundaries else run


def _skip_role(tokens: Tokens, j: int, cues: Cues) -> int:
    """The index after the rest of a role (وزير **الخارجية السعودي** …); -1 when no name can follow."""
    n = len(tokens)
    for _ in range(MAX_SKIP):
        if j >= n:
            return -1
        w = tokens.norm[j]
        if not w:
            return -1
        nxt = tokens.norm[j + 1] if j + 1 < n else ""
        if w in cues.place_heads and nxt:  # أمير منطقة مكة المكرمة …, رئيس بلدية الزلفي …
            j += 3 if nxt in _NAMED_AFTER_TITLES else 2  # مدير مطار الملك خالد الدولي …
            continue
        if has_article(w) or w in cues.role_words or w in cues.countries or w in cues.title_words:
            j += 1
            continue
        if len(w) > 3 and w[0] in "لب" and w not in cues.given_names and has_article(nxt):
            j += 2  # رئيس الاتحاد السعودي لكرة القدم …, المتحدث الإعلامي بأمانة المنطقة الشرقية …
            continue
        if len(w) > 3 and w[0] == "ل" and w not in cues.given_names and _given_at(tokens, j + 1, cues) == nxt:
            j += 1  # the body a role belongs to, with ل, before a given name (الأمين العام لأوبك عبدالله …)
            continue
        return j
    return -1


def _named_after(tokens: Tokens, i: int, cues: Cues) -> bool:
    """The title at ``i`` is inside the name of a place or institution (مطار الملك خالد)."""
    prev = tokens.norm[i - 1] if i > 0 else ""
    return bool(prev) and any(f in cues.named_after_heads for f in _forms(prev))


_ALI = normalize_token("علي")  # the given name علي and the preposition على are one word once normalized


def _ali_is_a_name(tokens: Tokens, p: int, cues: Cues) -> bool:
    """علي at the start of a person's name is the given name when a given name or a relative adjective
    (a family name: خامنئي, الموسوي) follows, not a noun (على هامش, على الرغم: the preposition)."""
    nxt = tokens.norm[p] if p < len(tokens) else ""
    if not nxt or not _LETTERS.fullmatch(nxt) or nxt in cues.boundaries:
        return False
    return nxt in cues.given_names or _given_at(tokens, p, cues) == nxt or nxt.endswith("ي")


def _run(tokens: Tokens, j: int, cues: Cues, limit: int, *, first_article: bool,
         named_after: bool = False) -> list[int]:
    """Token indexes of the words from ``j`` that may belong to a name (``named_after``: an
    institution's name may start with a title, جامعة الملك سعود)."""
    run: list[int] = []
    while j < len(tokens) and len(run) < limit:
        w = tokens.norm[j]
        if not w or not _LETTERS.fullmatch(w) or (w in cues.boundaries and not (
                not run and not first_article and w == _ALI and _ali_is_a_name(tokens, j + 1, cues))):
            break
        if named_after and not run and w in _NAMED_AFTER_TITLES:
            run.append(j)
            j += 1
            continue
        if (any(f in cues.cue_words for f in _forms(w)) or (run and w in cues.title_words)) and not (
                run and tokens.norm[run[-1]] in CONNECTORS and w in _NAMED_AFTER_TITLES):
            break  # (a title after ولد / بن / أبو is a name's word: إسماعيل ولد الشيخ أحمد)
        if run and w[0] == "و" and w not in cues.given_names and (
                w[1:] in cues.given_names or (w.startswith("وال") and (cues.org_head(w[3:])
                                                                     or w[3:] in cues.role_words))):
            break  # a second name joined by و (ميليشيات الحوثي وصالح, المجلس التنسيقي … واللجنة الوطنية)
        if (not first_article and run and w in cues.person_stops) or (named_after and w in cues.org_stops):
            break  # a word of the day printed with tanwīn ends a person's / organization's name (discovery_runon)
        if not first_article and has_article(w) and (not run or w.startswith(_NOT_NAME_ARTICLES)):
            break  # a person's name starts without the article; والأعمال, للإغاثة are not its words
            # (بال- is: بالتمر, بالحاج, بالقاسم are Libyan family names)
        run.append(j)
        j += 1
    return run


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
    shape: dict[str, int] = field(default_factory=dict)  # mention counts for pipeline.discovery_kind
    forms: list[str] = field(default_factory=list)  # the day's other forms of one organization (discovery_forms)

    @property
    def display(self) -> str:
        return max(self.surfaces.items(), key=lambda kv: (kv[1], kv[0]))[0] if self.surfaces else self.name


def choose_extents(occurrences: list[Occurrence]) -> list[tuple[Occurrence, int]]:
    """(occurrence, number of words of its name) by the day's statistics (module docstring)."""
    prefix_docs: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    for occ in occurrences:
        for k in range(1, len(occ.words) + 1):
            prefix_docs[(occ.kind, occ.words[:k])].add(occ.doc)
    out = []
    for occ in occurrences:
        lo = _min_length(occ)
        if lo > len(occ.words):
            continue
        k = lo
        while k < len(occ.words):
            longer = len(prefix_docs[(occ.kind, occ.words[: k + 1])])
            shorter = len(prefix_docs[(occ.kind, occ.words[:k])])
            if occ.words[k - 1] in CONNECTORS or occ.words[k - 1] in _NAMED_AFTER_TITLES or (
                    occ.kind == "person" and occ.words[k] in _COMPOUND_TAIL) or (
                    longer >= EXTEND_MIN_DOCS and longer >= EXTEND_RATIO * shorter):
                k += 1
                continue
            break
        if occ.words[k - 1] in CONNECTORS or occ.words[k - 1] in _NAMED_AFTER_TITLES:
            continue  # the run ended on بن / أبو / الملك: no name
        out.append((occ, k))
    return out


def _min_length(occ: Occurrence) -> int:
    """Words of the shortest name: two name units for a person (عبد + the next word is one unit, and so
    is a compound given name: نصر الله alone is a fragment of حسن نصر الله)."""
    if occ.kind != "person":
        return occ.min_words or MIN_WORDS[occ.kind]
    units = 0
    n = len(occ.words)
    for k, word in enumerate(occ.words):
        if word in _COMPOUND or (word not in CONNECTORS and not (k > 0 and occ.words[k - 1] in _COMPOUND)
                                 and not (k > 0 and word in _COMPOUND_TAIL)):
            units += 1
        if units >= 2 and word not in CONNECTORS and not (k + 1 < n and occ.words[k + 1] in _COMPOUND_TAIL):
            return k + 1
    return len(occ.words) + 1


GIVEN_NAME_FACTOR = 0.5  # a person whose first word is not a common given name ranks at half


def name_factor(kind: str, key: str, cues: Cues | None = None) -> float:
    """1.0, or ``GIVEN_NAME_FACTOR`` for a person whose first word is not in given_names.txt
    (شكره وتقديره, معسكره الإعدادي are not names; an unlisted foreign name still ranks at half); an organization
    without a head (a bare name, ``pipeline.discovery_bare``) at ``BARE_FACTOR``."""
    if kind == "org":
        return bare_factor(key, cues or get_cues())
    if kind != "person":
        return 1.0
    first = key.split(" ", 1)[0]
    return 1.0 if first in (cues or get_cues()).given_names else GIVEN_NAME_FACTOR


def _context(tokens: Tokens, start: int, length: int) -> str:
    lo, hi = max(0, start - CONTEXT_WORDS), min(len(tokens), start + length + CONTEXT_WORDS)
    return " ".join(tokens.raw[lo:hi])


def discover_day(docs: list[DayDoc], known: KnownNames, *, cues: Cues | None = None,
                 watched: Mapping[str, tuple[str, Iterable[tuple[str, ...]]]] | None = None) -> list[Candidate]:
    """The day's candidate names (unknown to ``known``), with their counts, outlets and contexts.
    ``watched``: names found after a cue on an earlier day (key -> kind, written forms as normalized
    words), counted in the day's documents even where no cue precedes them today."""
    tokenized = [tokenize(f"{d.title or ''} . {d.body or ''}") for d in docs]
    cues = day_cues(cues or get_cues(), tokenized)
    occurrences: list[Occurrence] = []
    for i, tokens in enumerate(tokenized):
        occurrences += cue_occurrences(tokens, i, cues)
    occurrences += bare_occurrences(tokenized, cues)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    cue_docs: dict[str, set[int]] = defaultdict(set)
    forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for occ, k in choose_extents(occurrences):
        words = occ.words[:k]
        key = name_key(words)
        votes[key][occ.kind] += 1
        cue_docs[key].add(occ.doc)
        forms[key].add(words)
    keep = {}
    for key, kinds in votes.items():
        kind = kinds.most_common(1)[0][0]
        words = tuple(key.split())
        if known.knows(kind, words) or is_generic(kind, words, cues):
            continue
        keep[key] = kind
    for key, (kind, written) in (watched or {}).items():
        words = tuple(key.split())
        if key in keep or known.knows(kind, words) or is_generic(kind, words, cues):
            continue
        keep[key] = kind
        forms[key].update(w for w in written if w)
    if not keep:
        return []
    return link_head_forms(_count_mentions(docs, tokenized, keep, forms, votes, cue_docs, cues))


def _count_mentions(docs: list[DayDoc], tokenized: list[Tokens], keep: dict[str, str],
                    forms: dict[str, set[tuple[str, ...]]], votes: dict[str, Counter[str]],
                    cue_docs: dict[str, set[int]], cues: Cues, *, fragments: bool = True) -> list[Candidate]:
    """Every document mentioning a candidate (whole words; a proclitic allowed on the first word);
    ``fragments``: drop a fragment of a longer name (off for a count only: ``pipeline.discovery_window``)."""
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
    last_words = {key.rsplit(" ", 1)[-1] for key in keep}
    last_df = Counter(w for tokens in tokenized for w in set(tokens.norm) & last_words)  # the day's documents
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
                    set(key.split()) & CONNECTORS):
                continue  # the end of a longer name: بن أحمد الغامدي is not a mention of أحمد الغامدي
            nxt = tokens.norm[t_index + n] if t_index + n < len(tokens) else ""
            if nxt in (cues.person_stops if keep[key] == "person" else cues.org_stops):
                nxt = ""  # a word that ends a person's / organization's name (discovery_runon): none of it follows
            if n >= 3 and key.split()[-2] in CONNECTORS and nxt and _LETTERS.fullmatch(nxt) and not (
                    nxt in CONNECTORS or nxt in cues.boundaries or any(f in cues.cue_words for f in _forms(nxt))):
                continue  # a lineage's family name follows: بندر بن محمد حجار is not a mention of بندر بن محمد
            mentioned[key].add(i)
            quoted[key] += t_index > 0 and tokens.raw[t_index - 1] in OPEN_QUOTES
            if nxt and _LETTERS.fullmatch(nxt) and not nxt.startswith("و") and not (
                    nxt in CONNECTORS or nxt in cues.boundaries or any(f in cues.cue_words for f in _forms(nxt))):
                following[key][nxt] += 1
            else:
                following[key][""] += 1
            if keep[key] == "org" and t_index + n < len(tokens) and not tokens.norm[t_index + n]:
                # its acronym may follow, after a bracket or a quotation mark: … للنفط (أوبك)
                following_words = tokens.norm[t_index + n + 1 : t_index + n + ACRONYM_GAP]
                next_word[key][next((w for w in following_words if w), "")] += 1
            raw = [tokens.raw[t_index + k] for k in range(n) if t_index + k < len(tokens)]
            if raw:
                raw[0] = _strip_raw(raw[0], tokens.norm[t_index][len(prefix) :])
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
    bare = bare_counts(tokenized, keep) if fragments else Counter()
    out = []
    for key, kind in keep.items():
        if fragments and RULES["fragment"] and is_fragment(fragment_following(kind, key, following[key], cues), key,
                                                           beginnings):
            continue
        found = mentioned[key] | cue_docs[key]
        if fragments and is_common_phrase(kind, key, len(found), last_df[key.rsplit(" ", 1)[-1]]):
            continue  # a head with a common word of the day: الحركة التجارية (pipeline.discovery_phrase)
        if fragments and (is_preposition_ala(kind, key, surfaces[key]) or is_head_preposition(kind, key, bare)):
            continue  # على النواحي, مركز للشرطة, صندوق لحماية: a phrase (pipeline.discovery_nonname)
        out.append(Candidate(
            name=key, kind=kind, kind_votes=dict(votes[key]), cue_docs=len(cue_docs[key]),
            docs=len(found), stories=len({docs[i].cluster_id or docs[i].id for i in found}),
            outlets=sorted({docs[i].source_id for i in found}),
            surfaces=dict(surfaces[key]), contexts=contexts[key],
            shape={"mentions": sum(following[key].values()), "quoted": quoted[key], "day_docs": len(docs),
                   "follow_top": max((n for w, n in following[key].items() if w), default=0),
                   "last_df": last_df[key.rsplit(" ", 1)[-1]]}, forms=links.get(key, []),
        ))
    return out

