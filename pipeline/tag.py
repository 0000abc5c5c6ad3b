"""Entity and topic tagging, and the Libya relevance score.

Gazetteers (``pipeline/data/gazetteer/*.yaml``), topic rules
(``topics.yaml``) and relevance rules (``relevance.yaml``) are data.
Matching runs Aho-Corasick over the *normalized* text (``pipeline.normalize``,
the one normalization) and is aware of Arabic clitics: an alias counts when
what stands before it in its word is a clitic (و ف ب ل ك and their
combinations, ال), when an ال-name is written after لل (للدبيبة), and when the
next character is not a letter.  Ambiguous aliases (سلامة, سرت, bare first
names) count only with context: another alias of the same entity, a title
just before (المبعوث, المشير, رئيس …) or, for places, a place cue (مدينة, في …).
Overlapping hits keep the longest (طرابلس اللبنانية beats طرابلس).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from pipeline.config import DATA_DIR
from pipeline.models import Mention, Tags
from pipeline.normalize import normalize

GAZETTEER_DIR = DATA_DIR / "gazetteer"
KINDS = {"persons": "person", "places": "place", "orgs": "org"}

_CLITICS = {"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "ال", "وال", "فال", "بال", "كال",
            "لل", "ولل", "فلل", "وبال", "فبال", "وكال", "فكال"}
_LL_CLITICS = {"", "و", "ف"}  # before the لل-form of an ال-name
_LETTER = re.compile(r"[^\W\d_]")
_RANK = {"strong": 0, "full": 0, "short": 1, "keyword": 1, "ambiguous": 2}


def _is_letter(ch: str) -> bool:
    return bool(_LETTER.match(ch))


@dataclass(frozen=True)
class Alias:
    entity: str
    kind: str  # person | place | org | topic | libya
    quality: str  # full | short | ambiguous | keyword | strong | ll
    allowed_prefixes: frozenset[str]


@dataclass
class Hit:
    start: int
    end: int
    alias: Alias
    surface: str


class Tagger:
    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.entities: dict[str, dict[str, Any]] = {}
        self.topics: dict[str, dict[str, Any]] = {}
        rel = yaml.safe_load((data_dir / "relevance.yaml").read_text(encoding="utf-8"))
        self.rules = rel
        self.titles = {normalize(t) for t in rel.get("person_titles", [])}
        self.place_cues = {normalize(t) for t in rel.get("place_cues", [])}
        self.automaton = ahocorasick.Automaton()
        self._aliases: dict[str, list[Alias]] = {}
        for fname, kind in KINDS.items():
            path = data_dir / "gazetteer" / f"{fname}.yaml"
            if not path.exists():
                continue
            for ent in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                ent["kind"] = kind
                self.entities[ent["id"]] = ent
                # an alias listed as ambiguous stays ambiguous even when it is also
                # the canonical name (سرت is a city and a verb)
                amb = {normalize(str(a)) for a in ent.get("ambiguous") or []}
                for alias in [ent["ar"], *(ent.get("variants") or [])]:
                    self._add(alias, ent["id"], kind, "ambiguous" if normalize(str(alias)) in amb else "full")
                for alias in ent.get("short") or []:
                    self._add(alias, ent["id"], kind, "ambiguous" if normalize(str(alias)) in amb else "short")
                for alias in ent.get("ambiguous") or []:
                    self._add(alias, ent["id"], kind, "ambiguous")
        topics_path = data_dir / "topics.yaml"
        if topics_path.exists():
            for topic in yaml.safe_load(topics_path.read_text(encoding="utf-8")) or []:
                self.topics[topic["id"]] = topic
                for kw in topic.get("keywords") or []:
                    self._add(kw, topic["id"], "topic", "keyword")
                for kw in topic.get("strong") or []:
                    self._add(kw, topic["id"], "topic", "strong")
        for term in rel.get("libya_terms", []):
            self._add(term, "libya", "libya", "full")
        for key, aliases in self._aliases.items():
            self.automaton.add_word(key, (key, aliases))
        self.automaton.make_automaton()

    def _add(self, text: str, entity: str, kind: str, quality: str) -> None:
        key = normalize(str(text))
        if len(key) < 2:
            return
        self._put(key, Alias(entity, kind, quality, frozenset(_CLITICS)))
        if key.startswith("ال") and len(key) > 3:
            self._put("لل" + key[2:], Alias(entity, kind, quality, frozenset(_LL_CLITICS)))

    def _put(self, key: str, alias: Alias) -> None:
        """One alias per (key, entity): spelling variants that normalize alike
        collapse, and the most trusted quality wins."""
        aliases = self._aliases.setdefault(key, [])
        for i, old in enumerate(aliases):
            if old.entity == alias.entity and old.kind == alias.kind:
                if _RANK[alias.quality] < _RANK[old.quality]:
                    aliases[i] = alias
                return
        aliases.append(alias)

    # -- matching ------------------------------------------------------------
    def find(self, text: str) -> list[Hit]:
        """All clitic-aware hits in normalized ``text`` (longest wins on overlaps)."""
        raw: list[Hit] = []
        for end, (key, aliases) in self.automaton.iter(text):
            start = end - len(key) + 1
            if end + 1 < len(text) and _is_letter(text[end + 1]):
                continue
            i = start
            while i > 0 and _is_letter(text[i - 1]):
                i -= 1
            prefix = text[i:start]
            for alias in aliases:
                if prefix in alias.allowed_prefixes:
                    raw.append(Hit(start, end + 1, alias, text[i : end + 1]))
        # longest-first, drop hits overlapping a longer one (except topic keywords,
        # which may overlap entity names)
        raw.sort(key=lambda h: (-(h.end - h.start), h.start))
        kept: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for h in raw:
            if h.alias.kind == "topic":
                kept.append(h)
                continue
            overlaps = any(h.start < e and s < h.end for s, e in taken)
            if overlaps and (h.start, h.end) not in taken:  # same span: another entity, kept
                continue
            kept.append(h)
            taken.append((h.start, h.end))
        kept.sort(key=lambda h: h.start)
        return kept

    def _context_ok(self, text: str, hit: Hit, confirmed: set[str]) -> bool:
        if hit.alias.entity in confirmed:
            return True
        before = text[max(0, hit.start - 40) : hit.start].split()
        # the word holding the hit may carry a clitic; look at the two words before it
        window = before[-3:] if before and not text[hit.start - 1 : hit.start].isspace() else before[-2:]
        cues = self.titles if hit.alias.kind in {"person", "org"} else self.place_cues
        return any(w in cues for w in window) or " ".join(window[-2:]) in cues

    def tag(self, title: str | None, body: str | None, *, libya_focused: bool = False) -> Tags:
        ntitle = normalize(title or "")
        nbody = normalize(body or "")
        text = f"{ntitle}\n{nbody}" if ntitle else nbody
        title_end = len(ntitle)
        hits = self.find(text)
        confirmed = {h.alias.entity for h in hits if h.alias.quality in {"full", "short"}}
        mentions: dict[str, Mention] = {}
        topic_hits: dict[str, set[str]] = {}
        topic_strong: set[str] = set()
        rel = self.rules
        w = rel["weights"]
        weight = 0.0
        per_entity: dict[str, int] = {}
        evidence: list[str] = []
        for h in hits:
            a = h.alias
            if a.kind == "topic":
                topic_hits.setdefault(a.entity, set()).add(text[h.start : h.end])
                if a.quality == "strong":
                    topic_strong.add(a.entity)
                continue
            if a.quality == "ambiguous" and not self._context_ok(text, h, confirmed):
                continue
            confirmed.add(a.entity)
            if a.kind != "libya":
                ent = self.entities[a.entity]
                m = mentions.setdefault(
                    a.entity,
                    Mention(id=a.entity, name=ent["ar"], name_en=ent.get("en"), kind=a.kind),  # type: ignore[arg-type]
                )
                m.spans.append((h.start, h.end))
                if h.surface not in m.surface:
                    m.surface.append(h.surface)
                libyan = bool(ent.get("libyan"))
                base = w.get(a.kind, 0.0) if libyan else (w["foreign_on_libya"] if ent.get("libya_context") else 0.0)
            else:
                base = w["libya_term"]
            if base <= 0:
                continue
            n = per_entity.get(a.entity, 0)
            if n >= w["per_entity_cap"]:
                continue
            per_entity[a.entity] = n + 1
            factor = w["title_factor"] if h.start < title_end else (
                w["lead_factor"] if h.start - title_end < 400 else 1.0)
            weight += base * factor
            if n == 0:
                evidence.append(f"{a.kind}:{a.entity}" + (" (title)" if h.start < title_end else ""))
        relevance = round(1.0 - math.exp(-weight / rel["scale"]), 4)
        tags = Tags(libya_relevance=relevance, evidence=evidence)
        tags.libya_relevant = libya_focused or relevance >= rel["threshold"]
        if libya_focused:
            tags.evidence.append("source:libya_focused")
        for m in mentions.values():
            getattr(tags, {"person": "persons", "place": "places", "org": "orgs"}[m.kind]).append(m)
        for tid, words in topic_hits.items():
            topic = self.topics[tid]
            if tid in topic_strong or len(words) >= int(topic.get("min_hits", 2)):
                tags.topics.append(Mention(id=tid, name=topic["ar"], name_en=topic.get("en"), kind="topic",
                                           surface=sorted(words)))
        return tags


@lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    return Tagger()


def tag(title: str | None, body: str | None, *, libya_focused: bool = False) -> Tags:
    return get_tagger().tag(title, body, libya_focused=libya_focused)
