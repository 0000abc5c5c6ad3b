"""Name discovery, the scan of one document: its words (normalized and as printed) and every cue with the
run of words that may be its name (``pipeline.discovery``'s docstring, "Cues", tells the rules). The day's
statistics then choose each name's extent (``pipeline.discovery.choose_extents``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.discovery_cues import CLITIC1, CLITIC2, Cues
from pipeline.discovery_known import CONNECTORS, has_article
from pipeline.normalize import normalize_token

MAX_SKIP = 6  # role words between a title and the name
MAX_WORDS = {"person": 5, "org": 6, "place": 3}  # org: head included
COMPOUND = frozenset(normalize_token(w) for w in ("عبد", "أبو", "ابو", "أبي"))  # عبد الله is one name
# the second half of a compound given name (نصر الله, ضيف الله, زين العابدين, محيي الدين): one name unit with the word
# before it, never a name's last word on its own (pipeline.discovery), never a common word that ends a name
COMPOUND_TAIL = frozenset(normalize_token(w) for w in ("الله", "الدين", "العابدين", "الإسلام", "الرحمن"))
NAMED_AFTER_TITLES = frozenset(normalize_token(w) for w in ("الملك", "الأمير", "الشيخ", "الإمام", "السلطان"))
_NOT_FIRST = frozenset(normalize_token(w) for w in ("بن", "ابن", "بنت", "ولد", "بو"))  # a person's first word
_NOT_NAME_ARTICLES = ("وال", "فال", "كال", "لل", "ولل", "فلل", "وبال")
AL = normalize_token("آل")  # a family's آل (حمد بن عيسى آل خليفة); a stop word of the plugin's list, not inside a name
_TOKEN = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+|[^\w\s]", re.UNICODE)
LETTERS = re.compile(r"[\u0621-\u064a]{2,}")
# stop 35 (helper A): connector_next — the word after بن / أبو / ولد … in a person's run is a word of the name even
# when it is a stop or cue word elsewhere (خالد بن علي: علي = على once normalized; عبدالعزيز بن طالب); the run used
# to end on the connector, and the name was lost. ``bench/discovery_eval.py --rules-off`` switches it off.
# stop 35 (helper D): quoted_complement — a name in quotation marks after a head and one complement word without
# the article (وكالة أنباء «الشرق الأوسط», شركة طيران «ناس») is the organization's name; the run ended on the quote
# and kept the head and its complement only (وكالة أنباء, a generic name); the quotes mark the extent, so the name is
# not cut back to its generic start by the day's statistics (choose_extents).
# stop 36 (helper E): titled_institution — an institution named after a person with a title (كلية الملك فهد الأمنية,
# جامعة الملك سعود, مستشفى الأمير متعب) is not the person: a role before it (مدير كلية الملك فهد الأمنية اللواء …)
# skips the head, the title and the name (with its lineage) as it skips a place head, where the person read used to
# start inside it (فهد الأمنية, فيصل بالأحساء); and ``titled_org_heads`` (كلية, دارة, مكتبة …, common nouns alone)
# are organization heads before such a title.
# role_orgs — an organization inside a person's role (مدير جامعة الحدود الشمالية الدكتور …) is read as one; the role's
# skip passed over it, so bodies cited mostly by their officials' roles had few cue documents or none. Off (measured
# at stop 36, not kept: its organizations entered devb's top 100 and pushed a hidden name out; ``--rules-on``).
RULES = {"connector_next": True, "quoted_complement": True, "titled_institution": True, "role_orgs": False}


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
def clitic_forms(word: str) -> tuple[str, ...]:
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


def strip_raw(raw: str, norm: str) -> str:
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
    min_words: int = 0  # 0: MIN_WORDS of the kind; 1: a bare name after a head (pipeline.discovery_bare); n: quoted


def cue_occurrences(tokens: Tokens, doc: int, cues: Cues) -> list[Occurrence]:
    """Every cue of the document with the run of words that may be its name."""
    out: list[Occurrence] = []
    n = len(tokens)
    i = 0
    while i < n:
        word = tokens.norm[i]
        if word in cues.verb_surface and any(f in cues.speech_verbs for f in clitic_forms(word)):
            occ = _after_verb(tokens, i + 1, doc, cues)
            if occ:
                out.append(occ)
            i += 1
            continue
        match = _cue_at(tokens, i, cues)
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
            if j >= 0 and RULES["role_orgs"]:
                out += _role_orgs(tokens, i + len(words), j, doc, cues)
            j = max(j, i + len(words))
        elif kind == "org":
            org = _org_at(tokens, i, words, form, doc, cues)
            if org:
                out.append(org)
        else:
            run = _run(tokens, j, cues, MAX_WORDS["place"], first_article=True)
            if run and words[0] in cues.bare_place_heads and has_article(tokens.norm[run[0]]):
                run = []  # قطاع التأمين is a sector, قطاع غزة a place
            if run:
                out.append(Occurrence("place", tuple(tokens.norm[k] for k in run),
                                      tuple(tokens.raw[k] for k in run), doc, j))
        i = j if j > i else i + 1
    return out


def _cue_at(tokens: Tokens, i: int, cues: Cues) -> tuple[tuple[str, ...], str, str] | None:
    """The cue starting at token ``i``: (its words, its kind, the form matched without a clitic); None if none."""
    word = tokens.norm[i]
    n = len(tokens)
    if word in cues.surface:
        for form in clitic_forms(word):
            for words, kind in cues.cues.get(form, ()):
                if all(i + k < n and tokens.norm[i + k] == words[k] for k in range(1, len(words))):
                    return words, kind, form
            # an organization's head with the article (الاتحاد الأوروبي, المجلس الرئاسي): the name keeps it
            if form.startswith("ال") and len(form) > 4 and cues.org_head(form[2:]):
                return (form,), "org", form
    if RULES["titled_institution"] and i + 1 < n and tokens.norm[i + 1] in NAMED_AFTER_TITLES:
        form = next((f for f in clitic_forms(word) if f in cues.titled_org_heads), "")
        if form:
            return (form,), "org", form  # كلية الملك فهد الأمنية (titled_institution)
    return None


def _org_at(tokens: Tokens, i: int, words: tuple[str, ...], form: str, doc: int, cues: Cues,
            end: int | None = None) -> Occurrence | None:
    """The organization named by the head ``words`` at ``i`` (``form``: the head's first word without its clitic),
    its words before ``end`` (a person's name after a role: ``_role_orgs``)."""
    j = i + len(words)
    limit = MAX_WORDS["org"] - len(words) if end is None else min(MAX_WORDS["org"] - len(words), end - j)
    if limit <= 0:
        return None
    whole = 0  # quoted_complement: the name's words, all of them (Occurrence.min_words)
    run = _quoted(tokens, j, cues, limit) or _run(tokens, j, cues, limit, first_article=True, named_after=True)
    if RULES["quoted_complement"] and len(run) == 1 and tokens.raw[run[0] - 1] not in OPEN_QUOTES and not (
            has_article(tokens.norm[run[0]])):
        more = _quoted(tokens, run[0] + 1, cues, limit - 1)
        if more:  # the quotes mark the name's extent: not cut back to the generic وكالة أنباء
            run += more
            whole = len(words) + len(run)
    if run and form.startswith("ال") and tokens.raw[run[0] - 1] not in OPEN_QUOTES and not (
            tokens.norm[run[0]].startswith("ال")):
        run = []  # a head with the article names only with an adjective after it (الاتحاد الأوروبي);
        # التحالف بقيادة, الوزارة لشؤون, المقاومة والجيش are the head as a common noun
    if not run:
        return None
    head_raw = [strip_raw(tokens.raw[i], form)] + [tokens.raw[i + k] for k in range(1, len(words))]
    return Occurrence("org", words + tuple(tokens.norm[k] for k in run),
                      tuple(head_raw) + tuple(tokens.raw[k] for k in run), doc, i, min_words=whole)


def _role_orgs(tokens: Tokens, lo: int, hi: int, doc: int, cues: Cues) -> list[Occurrence]:
    """Rule ``role_orgs`` (stop 36): the organizations named inside a person's role, between the title (``lo``) and
    the name (``hi``), which the role's skip used to pass over (مدير **جامعة الحدود الشمالية** الدكتور …, رئيس مجلس
    إدارة **شركة أرامكو السعودية** المهندس …); each ends before the name."""
    out = []
    k = lo
    while k < hi:
        match = _cue_at(tokens, k, cues)
        if match is None or match[1] != "org":
            k += 1
            continue
        org = _org_at(tokens, k, match[0], match[2], doc, cues, end=hi)
        if org:
            out.append(org)
        k += len(org.words) if org else len(match[0])
    return out


def _given_at(tokens: Tokens, p: int, cues: Cues) -> str:
    """The first word of a person's name at ``p`` without its clitic, when it is a common given name
    (عبد + the next word counts as one: عبد الله); "" otherwise."""
    if p < 0 or p >= len(tokens) or not tokens.norm[p]:
        return ""
    nxt = tokens.norm[p + 1] if p + 1 < len(tokens) else ""
    for form in clitic_forms(tokens.norm[p])[:2]:
        if form in cues.given_names or (form in COMPOUND and nxt and form + nxt in cues.given_names):
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
        if not w or not LETTERS.fullmatch(w) or w in cues.boundaries or w in cues.person_stops or (
                w in cues.title_words) or w in cues.nonname_words or any(
                f in cues.cue_words or f in cues.speech_verbs for f in clitic_forms(w)):
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
        if prev in CONNECTORS or prev in COMPOUND or _given_at(tokens, p - 1, cues):
            return None  # the middle of a longer name (… محمد بن سلمان بن عبدالعزيز ولي …)
        if any(has_article(tokens.norm[q]) and q < e for q in range(p, e + 1)) or tokens.norm[p] in _NOT_FIRST:
            return None  # only the last word may carry the article (عبد الله الثني)
        words = (first, *(tokens.norm[q] for q in range(p + 1, e + 1)))
        raw0 = strip_raw(tokens.raw[p], first)
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
    while k < len(tokens) and len(run) < limit and tokens.norm[k] and LETTERS.fullmatch(tokens.norm[k]):
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
        if RULES["titled_institution"] and nxt in NAMED_AFTER_TITLES and j + 2 < n and any(
                f in cues.named_after_heads for f in clitic_forms(w)):
            j += 3  # مدير كلية الملك فهد الأمنية …, مستشفى الأمير متعب محمد الحركان: the institution, not a name
            while j + 1 < n and tokens.norm[j] in CONNECTORS:
                j += 2  # its lineage: مؤسسة الأمير محمد بن فهد للتنمية …
            continue
        if w in cues.place_heads and nxt:  # أمير منطقة مكة المكرمة …, رئيس بلدية الزلفي …
            j += 3 if nxt in NAMED_AFTER_TITLES else 2  # مدير مطار الملك خالد الدولي …
            continue
        if has_article(w) or w in cues.role_words or w in cues.countries or w in cues.title_words:
            j += 1
            continue
        if len(w) > 3 and w[0] in "لب" and w not in cues.given_names and has_article(nxt):
            j += 2  # رئيس الاتحاد السعودي لكرة القدم …, المتحدث الإعلامي بأمانة المنطقة الشرقية …
            continue
        if len(w) > 3 and w[0] in "لب" and w[1:] in cues.role_words and w not in cues.given_names:
            j += 1  # a role word with ب / ل before a country: وزير الخارجية بدولة قطر خالد العطية
            continue
        if len(w) > 3 and w[0] == "ل" and w not in cues.given_names and _given_at(tokens, j + 1, cues) == nxt:
            j += 1  # the body a role belongs to, with ل, before a given name (الأمين العام لأوبك عبدالله …)
            continue
        return j
    return -1


def _named_after(tokens: Tokens, i: int, cues: Cues) -> bool:
    """The title at ``i`` is inside the name of a place or institution (مطار الملك خالد)."""
    prev = tokens.norm[i - 1] if i > 0 else ""
    return bool(prev) and any(f in cues.named_after_heads for f in clitic_forms(prev))


_ALI = normalize_token("علي")  # the given name علي and the preposition على are one word once normalized


def _ali_is_a_name(tokens: Tokens, p: int, cues: Cues) -> bool:
    """علي at the start of a person's name is the given name when a given name or a relative adjective
    (a family name: خامنئي, الموسوي) follows, not a noun (على هامش, على الرغم: the preposition)."""
    nxt = tokens.norm[p] if p < len(tokens) else ""
    if not nxt or not LETTERS.fullmatch(nxt) or nxt in cues.boundaries:
        return False
    return nxt in cues.given_names or _given_at(tokens, p, cues) == nxt or nxt.endswith("ي")


def _family_follows(tokens: Tokens, p: int, cues: Cues) -> bool:
    """A family name after آل at ``p``: a word of letters, not a stop word or a cue word (الشيخ and the other
    titles that name a family are)."""
    w = tokens.norm[p] if p < len(tokens) else ""
    if not w or not LETTERS.fullmatch(w) or w in cues.boundaries:
        return False
    return w in NAMED_AFTER_TITLES or not any(f in cues.cue_words for f in clitic_forms(w))


def _run(tokens: Tokens, j: int, cues: Cues, limit: int, *, first_article: bool,
         named_after: bool = False) -> list[int]:
    """Token indexes of the words from ``j`` that may belong to a name (``named_after``: an
    institution's name may start with a title, جامعة الملك سعود)."""
    run: list[int] = []
    while j < len(tokens) and len(run) < limit:
        w = tokens.norm[j]
        if w == AL and run and _family_follows(tokens, j + 1, cues):
            run.append(j)  # آل + a family name is a name's words (صالح آل الشيخ, محمد بن زايد آل نهيان)
            j += 1
            continue
        if (RULES["connector_next"] and not first_article and run and tokens.norm[run[-1]] in CONNECTORS and w != AL
                and w and LETTERS.fullmatch(w) and not has_article(w) and w not in cues.nonname_words):
            run.append(j)  # after a connector, a stop or cue word without the article is a name's word: بن علي
            j += 1
            continue
        if not w or not LETTERS.fullmatch(w) or (w in cues.boundaries and not (
                not run and not first_article and w == _ALI and _ali_is_a_name(tokens, j + 1, cues))):
            break
        if named_after and not run and w in NAMED_AFTER_TITLES:
            run.append(j)
            j += 1
            continue
        if (any(f in cues.cue_words for f in clitic_forms(w)) or (run and w in cues.title_words)) and not (
                run and tokens.norm[run[-1]] in CONNECTORS and w in NAMED_AFTER_TITLES):
            break  # (a title after ولد / بن / أبو is a name's word: إسماعيل ولد الشيخ أحمد)
        if run and w[0] == "و" and w not in cues.given_names and (
                w[1:] in cues.given_names or (w.startswith("وال") and (cues.org_head(w[3:])
                                                                     or w[3:] in cues.role_words))):
            break  # a second name joined by و (ميليشيات الحوثي وصالح, المجلس التنسيقي … واللجنة الوطنية)
        if not first_article and (w in cues.nonname_words or (
                run and w in cues.article_stops and w not in COMPOUND_TAIL and tokens.norm[run[-1]] not in COMPOUND
                and not any(tokens.norm[q] in CONNECTORS for q in run))):
            break  # معسكره, وكبار: no word of a person's name; … المبتعثين: a definite common word ends it (stop 34),
            # not after a lineage (إبراهيم بن عبدالعزيز العساف: the word after بن … is the family name)
        if (not first_article and run and w in cues.person_stops) or (named_after and (
                w in cues.org_stops or (run and w in cues.org_joins))):
            break  # a word of the day printed with tanwīn ends a person's / organization's name (discovery_runon)
        if not first_article and has_article(w) and (not run or w.startswith(_NOT_NAME_ARTICLES)):
            break  # a person's name starts without the article; والأعمال, للإغاثة are not its words
            # (بال- is: بالتمر, بالحاج, بالقاسم are Libyan family names)
        run.append(j)
        j += 1
    return run
