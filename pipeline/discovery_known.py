"""What name discovery must not suggest: names the gazetteers know (:class:`KnownNames`, any alias, a
known name cut short or continued) and organization names that name no one in particular
(:func:`is_generic`); and the key a name is stored under (:func:`name_key`). Split from
``pipeline.discovery`` (the cue rules), which re-exports these names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from pipeline.config import DATA_DIR
from pipeline.discovery_bare import ARTICLES, DayWords, club_heads
from pipeline.discovery_cues import Cues
from pipeline.normalize import normalize, normalize_token

CONNECTORS = frozenset(normalize_token(w) for w in ("بن", "ابن", "بنت", "أبو", "ابو", "أبي", "عبد", "آل", "ولد", "بو"))
_COMPOUND_KEY = frozenset({normalize_token("عبد")})
_NISBA = ("ي", "يه")  # a relative adjective's endings (normalized ة → ه)
# stop 35 (helper A): nisba_name — head + a word ending in ي that the day never prints with the article is a name
# (شركة سوني, بنك دبي), not head + an adjective; place_named — head + a known place is an organization named
# after it (جامعة القصيم), not a known name. ``bench/discovery_eval.py --rules-off`` switches them off.
RULES = {"nisba_name": True, "place_named": True}


def has_article(word: str) -> bool:
    return len(word) > 3 and word.startswith(ARTICLES)


def name_key(words: tuple[str, ...]) -> str:
    """The key of a name: its normalized words, عبد joined to the next (عبد ربه = عبدربه)."""
    out: list[str] = []
    glue = False
    for w in words:
        if glue:
            out[-1] += w
        else:
            out.append(w)
        glue = w in _COMPOUND_KEY
    return " ".join(out)


class KnownNames:
    """The gazetteers' aliases (and decided names) that discovery must not suggest again."""

    def __init__(self, aliases: Iterable[str], kinds: Mapping[str, str] | None = None) -> None:
        self.kinds = dict(kinds or {})  # alias -> person / org: the anchors of lists (pipeline.discovery_lists)
        # the keys of known persons and organizations: with ``kinds``, an alias not among them is a place's
        self.named = {name_key(tuple(normalize(a).split())) for a in self.kinds}
        self.exact: set[str] = set()
        self.multi: set[tuple[str, ...]] = set()  # multi-word aliases
        self.starts: set[tuple[str, ...]] = set()  # the first two or more words of one
        self.cut_before_adjective: set[tuple[str, ...]] = set()  # a start the alias continues with ال…
        self.lineage_starts: set[tuple[str, ...]] = set()  # a start the alias continues with بن / آل …
        for alias in aliases:
            words = tuple(name_key(tuple(normalize(alias).split())).split())
            if not words:
                continue
            self.exact.add(" ".join(words))
            if len(words) >= 2:
                self.multi.add(words)
                self.starts.update(words[:e] for e in range(2, len(words) + 1))
                self.cut_before_adjective.update(words[:e] for e in range(2, len(words))
                                                 if words[e].startswith("ال"))
                self.lineage_starts.update(words[:e] for e in range(2, len(words)) if words[e] in CONNECTORS)

    def knows(self, kind: str, words: tuple[str, ...]) -> bool:
        words = tuple(name_key(words).split())
        if " ".join(words) in self.exact:
            return True
        if kind == "org" and " ".join(words[1:]) in self.exact and not self._place_named(words):
            return True  # head + a known name (تنظيم داعش)
        if kind == "org" and words in self.starts and not words[-1].endswith(_NISBA):
            # a known name cut after a noun that wants its complement (منظمة التعاون [الإسلامي], هيئة
            # الإذاعة [البريطانية]); a name ending on an adjective is whole (الاتحاد الأوروبي, not
            # the start of الاتحاد الأوروبي لكرة القدم)
            return True
        if kind == "org" and words in self.cut_before_adjective:
            return True  # cut before an adjective of the name: المحكمة الجنائية [الدولية], القوة العربية [المشتركة]
        if kind == "person":
            # the start of a known name (عبدالحميد الدبيبه of عبدالحميد محمد الدبيبه), or a known name
            # continued (محمد بن زايد آل نهيان); not a name ending like one: محمد بن سلمان بن عبدالعزيز
            # is not سلمان بن عبدالعزيز
            # is not سلمان بن عبدالعزيز. A lineage (… بن …) is known from a longer one only where that goes
            # on with its lineage: عبدالله بن عبدالعزيز is not عبدالله بن عبدالعزيز الربيعة, another man
            start = words in (self.lineage_starts if set(words) & CONNECTORS else self.starts)
            return start or any(words[:e] in self.multi for e in range(2, len(words)))
        return False

    def _place_named(self, words: tuple[str, ...]) -> bool:
        """Head + a known place only (جامعة القصيم, غرفة جدة, بورصة قطر): an organization named after the place,
        not the place (rule ``place_named``, stop 35); unknown without ``kinds`` (every alias may be a person's or
        an organization's)."""
        return RULES["place_named"] and bool(self.kinds) and " ".join(words[1:]) not in self.named


def _nisba_name(word: str, day: DayWords | None) -> bool:
    """``word`` (ending in ي) is a name, not an adjective (rule ``nisba_name``, stop 35): the day never prints it
    with the article. An adjective after a head is printed definite too (الصحي, الصينية, الإسلامي); a name
    ending in ي is not (شركة سوني, بنك دبي, شركة هيونداي)."""
    return (RULES["nisba_name"] and day is not None and word.endswith("ي") and len(word) >= 3
            and word not in day.definite)


def gazetteer_aliases(data_dir: Path = DATA_DIR, *, hidden: Iterable[str] = ()) -> list[str]:
    """Every alias of every gazetteer entry (minus the ``hidden`` entity ids, for evaluation)."""
    skip = set(hidden)
    out: list[str] = []
    for fname in ("persons", "places", "orgs"):
        path = data_dir / "gazetteer" / f"{fname}.yaml"
        for ent in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if ent["id"] in skip:
                continue
            for key in ("ar", "variants", "short", "ambiguous"):
                value = ent.get(key) or []
                out += [str(v) for v in ([value] if isinstance(value, str) else value)]
    return out


def is_generic(kind: str, words: tuple[str, ...], cues: Cues, day: DayWords | None = None) -> bool:
    """An organization name that names no one in particular (module docstring); ``day``: the day's words
    (``discovery_bare.day_words``), to tell a name ending in ي from an adjective (rule ``nisba_name``)."""
    if kind != "org" or len(words) < 2:
        return False  # (one word: a bare name after a head, pipeline.discovery_bare)
    if len(words) == 2 and not has_article(words[1]) and (
            (words[1].endswith(("ي", "يه")) and not _nisba_name(words[1], day))
            or "ال" + words[1] in cues.generic_complements):
        return True  # head + an indefinite adjective: مركز صحي, شركة صينية, مجموعة مسلحة
    if len(words) == 2 and has_article(words[0]) and not words[1].endswith(_NISBA):
        return True  # the head with the article and a participle or an ordinal describes, it does not
        # name: القوات المشتركة, التنظيم المتشدد, المجموعة السابعة (a name: الاتحاد الأوروبي, الحزب الجمهوري)
    if len(words) > 2 and not has_article(words[1]) and "ال" + words[1] in cues.generic_complements:
        return True  # head + an indefinite generic adjective and more: مركز مشترك للأبحاث والتطوير
    for k in range(len(words), 0, -1):
        if words[:k] in cues.generic_orgs:
            return all(w in cues.generic_complements for w in words[k:])
    if words[0] in club_heads() and has_article(words[1]):
        return False  # a club is named by a common word: نادي الشباب, نادي الأهلي (pipeline.discovery_bare)
    return all(w in cues.generic_complements for w in words[1:])
