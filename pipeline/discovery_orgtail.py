"""Name discovery: an organization carried on into a verb or a preposition's phrase is no name (stop 37, helper O).

An organization's run goes on after its name into the sentence: … بالأحساء **تنظم** (a verb), فرقة البحث والإنقاذ
**للموقع وتم** …, مركز التدريب والتطوير **وإنشاء**, جامعة ليستر **وشهادة** البكالوريوس, شركة … البريطانية
**بالمشاركة**, صندوق مؤشرات مدعوم **بالذهب**. Such a candidate is dropped (not cut: a cut form is another key; its
right extent, when the day prints it, is a candidate of its own). Judged on the day's document frequencies
(``discovery_runon.doc_counts``), on the words after the head and its first word (a name's first word is never
judged: مجموعة واعد, بنك بيروت):

* ``tail_proclitic``: a word that is ب / ل / و + a word the day prints bare in at least ``MIN_BARE_DOCS`` documents
  (وإنشاء → إنشاء, لإطلاق → إطلاق, بقيادة → قيادة); not ل + the article (للأنباء, للتنمية: a name goes on so) nor
  و + the article (والزراعة, والأمنية: a name's coordinated word); ل + a word (a construct: لشؤون اللاجئين, لدول
  الخليج) and ب + the article (بالمشاركة, بالذهب) only as the last word (هيئة الأمر بالمعروف والنهي عن المنكر
  goes on); five letters at least; the bare form not a given name; a bare form starting with و / ف is not asked
  (بوسطن);
* ``tail_verb``: an imperfect verb, with or without و: a word starting with ي / ت (four letters at least) whose
  other person's form (ي ↔ ت: تنظم / ينظم, يتلقى / تتلقى) the day prints in at least ``MIN_VERB_DOCS`` documents —
  a name's word starting so has no such twin (تبوك / يبوك, تويتر, يونايتد);
* ``single_verb``: an organization of one word that is a verb of the first person or of the past, starting with
  ا (أحاول, أعلم, احتفل), whose imperfect of the third person (ي / ت + the rest: يحاول, يعلم, يحتفل) the day prints
  in at least ``MIN_VERB_DOCS`` documents — a one-word name starting with ا has none (أرامكو, أمازون, أبل).

Stop 39 (helper T): ``tail_suffixed`` — an organization one of whose words after the head is a stem + a pronoun
suffix by the day's statistics (``Cues.suffixed_words``, the person rule ``suffixed`` of ``pipeline.discovery_runon``:
the stem a word of the day, a final ه only where the day prints the word with ه, not ة) is a phrase: شركة تداولاتها
(123 شركة تداولاتها, "123 companies ended their trading"), صندوق تؤسسه المصارف, القناة المقرر افتتاحها; a name's
words carry no possessive (نادي أبها الأدبي: أب is no stem of three letters).

The stop-36 rule ``org_join`` (``pipeline.discovery_runon``, off) cut the name at ب / و + a common word instead; a
cut form is a new suggestion (and a new key to label), where this one removes the carried-on row only.
``RULES`` switches the rules off for the bench's side-by-side runs (``--rules-off tail_proclitic,tail_verb``).
"""

from __future__ import annotations

from collections.abc import Mapping

RULES = {"tail_proclitic": True, "tail_verb": True, "single_verb": True, "tail_suffixed": True}
MIN_BARE_DOCS = 5  # the word without its proclitic: a word of at least this many of the day's documents
MIN_VERB_DOCS = 3  # the imperfect's other person: a word of at least this many of the day's documents
MIN_LETTERS = 5
_TWIN = {"ي": "ت", "ت": "ي"}


def _proclitic_phrase(word: str, last: bool, df: Mapping[str, int], given_names: frozenset[str]) -> bool:
    if len(word) < MIN_LETTERS or word[0] not in "بلو" or word[1] in "وف":
        return False
    bare = word[1:]
    if bare.startswith("ال") and (word[0] != "ب" or not last):
        return False  # للأنباء, والزراعة: a name's words; بالمعروف inside هيئة الأمر بالمعروف
    if word[0] == "ل" and (bare.startswith("ل") or not last):
        return False  # لل- (ل + the article); لشؤون, لدول inside a name (… لشؤون اللاجئين)
    return bare not in given_names and df.get(bare, 0) >= MIN_BARE_DOCS


def _verb(word: str, df: Mapping[str, int], given_names: frozenset[str]) -> bool:
    stem = word[1:] if word.startswith("و") and len(word) > 4 and word[1] in _TWIN else word
    if len(stem) < 4 or stem[0] not in _TWIN or stem in given_names:
        return False
    return df.get(_TWIN[stem[0]] + stem[1:], 0) >= MIN_VERB_DOCS


def is_org_tail(kind: str, key: str, df: Mapping[str, int], given_names: frozenset[str] = frozenset()) -> bool:
    """An organization candidate (three words at least) one of whose words after the head and its first word is a
    preposition's or a conjunction's phrase (``tail_proclitic``) or an imperfect verb (``tail_verb``); or one word
    that is a verb (``single_verb``)."""
    words = key.split()
    if kind == "org" and len(words) == 1 and RULES["single_verb"]:
        word = words[0]
        return len(word) >= 4 and word[0] == "ا" and not word.startswith("ال") and word not in given_names and max(
            df.get("ي" + word[1:], 0), df.get("ت" + word[1:], 0)) >= MIN_VERB_DOCS
    if kind != "org" or len(words) < 3 or not (RULES["tail_proclitic"] or RULES["tail_verb"]):
        return False
    for i, word in enumerate(words[2:], 2):
        if RULES["tail_proclitic"] and _proclitic_phrase(word, i == len(words) - 1, df, given_names):
            return True
        if RULES["tail_verb"] and _verb(word, df, given_names):
            return True
    return False


def is_org_suffixed(kind: str, key: str, suffixed: frozenset[str]) -> bool:
    """``tail_suffixed``: an organization with a word after its head that is the day's stem + a pronoun suffix."""
    return RULES["tail_suffixed"] and kind == "org" and not suffixed.isdisjoint(key.split()[1:])
