"""Entity and topic tagging, and the Libya relevance score.

Gazetteers (``pipeline/data/gazetteer/*.yaml``), topic rules (``topics.yaml``) and relevance
rules (``relevance.yaml``) are data; this module only applies them.  Public API: ``tag()``,
``get_tagger()``, ``Tagger.tag`` and ``Tagger.find``.

Matching
    Aho-Corasick over the *normalized* text (``pipeline.normalize``, the one normalization).
    An alias counts when what stands before it in its word is a clitic (و ف ب ل ك and their
    combinations, ال), when an ال-name is written after لل (للدبيبة), and when the next character
    is not a letter (ليبي never matches inside ليبيريا, سرت never inside أسرته).  Names written
    without ال take no article (الخميس is Thursday, not خميس القذافي); single-word names take no
    ك (كسبها, كليبي), ambiguous ones no ف either (فسرت, كسرت are verbs).  Overlapping hits keep the
    longest (طرابلس اللبنانية beats طرابلس); ``blockers`` of relevance.yaml take part in that
    contest and then vanish, so القوة القاهرة (force majeure) hides القاهرة (Cairo).

Ambiguous aliases (an entity's ``ambiguous`` list: سلامة, سرت, bare first names, surnames that
are common words, generic institution names) count only with context:

* strong: the entity is also named unambiguously in the document; a word from the entity's own
  ``context`` list right before it (المشير خليفة; an empty list means no word is enough); a
  strong ``place_cues`` noun before a place (مدينة سرت, بلدية القبة); a neighbouring name of the
  same kind that counts, joined by و or a comma (سرت ومصراتة, عقيلة والمشري);
* weak, only when the document has other Libyan evidence: a generic ``person_titles`` word
  (الدكتور فايز is anybody called Fayez), a ``place_cues_weak`` preposition (من الجميل أن), the
  clitic ب on a place written without ال (بسرت); orgs and entities marked ``anchor`` (generic
  names: مجلس النواب, المنطقة الشرقية) need unambiguous Libyan evidence beyond one passing ليبيا,
  and no other country dominating the story.

An ambiguous hit is refused when a word for another country follows it (مجلس النواب الأردني,
البيضاء وسط اليمن); any org hit is refused before a foreign or non-Libyan adjective (المجلس
الرئاسي اليمني, البرلمان الأوروبي).  A place with ``homonym_of`` is dropped when the words for
those countries outnumber the rest of the Libyan evidence (البريقة in Aden).  An entity may
``claim`` a bare alias of another when its ``claim_cues`` outnumber the Libyan evidence: a bare
طرابلس in a story about north Lebanon is Lebanon's Tripoli.

Relevance (weights and thresholds in relevance.yaml)
    Every Libyan hit (ليبيا/ليبي…, Libyan places, persons, orgs; foreign actors flagged
    ``libya_context`` at a lower weight) adds weight, more in the title and lead, at most
    ``per_entity_cap`` times per entity, half as much when it rests on an ambiguous alias, and
    little when ليبيا is one item of a list of countries (سوريا والعراق وليبيا).  Passing mentions
    are damped when nothing Libyan is in the title: a single mention; a long story with few
    mentions per 1,000 characters; a story whose words for one other country far outnumber its
    Libyan mentions.  A story whose only evidence is a foreign envoy's name is damped too.
    relevance = 1 - exp(-weight / scale); relevant when it reaches ``threshold`` or the source is
    Libya-focused.  ``Tags.evidence`` lists the entities that counted ("place:tripoli (title)")
    and the damping rules that fired ("rule:single_mention").
"""

from __future__ import annotations

import math
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from pipeline.config import DATA_DIR
from pipeline.models import Mention, Tags
from pipeline.normalize import normalize
from pipeline.tag_context import JOINERS, Alias, Doc, Hit

GAZETTEER_DIR = DATA_DIR / "gazetteer"
KINDS = {"persons": "person", "places": "place", "orgs": "org"}
ENTITY_KINDS = frozenset(KINDS.values())

_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "ال", "وال", "فال",
                      "بال", "كال", "وبال", "فبال", "وكال", "فكال", "لل", "ولل", "فلل"})
# before the لل-form of an ال-name (للدبيبة, وللمجلس الرئاسي)
_LL_CLITICS = frozenset({"", "و", "ف"})
# names written without ال take no article; single words take no ك, ambiguous ones no ف either
_PHRASE_NAME_CLITICS = frozenset(p for p in _CLITICS if "ال" not in p and "لل" not in p)
_NAME_CLITICS = frozenset(p for p in _PHRASE_NAME_CLITICS if "ك" not in p)
_AMBIGUOUS_NAME_CLITICS = frozenset(p for p in _NAME_CLITICS if "ف" not in p)
# a prepositional clitic is itself a place cue for a place written without ال (بسرت = in Sirte)
_PREP_CLITICS = frozenset({"ب", "وب"})  # not ل: لغات (languages) is not "to Ghat"
# ليبي after ك is a word (the family name كليبي), not "like a Libyan"
_LIBYA_CLITICS = frozenset(p for p in _CLITICS if "ك" not in p)
_MAX_PREFIX = max(len(p) for p in _CLITICS)
_RANK = {"strong": 0, "full": 0, "short": 1, "keyword": 1, "generic": 2, "ambiguous": 2, "block": 0, "foreign": 1}
SHORT_TEXT_WORDS = 40  # a title, a lead or a feed summary: one topic keyword is enough there
_NON_COMPETING = frozenset({"topic", "foreign"})  # may overlap entity names; never hide them


def _strip_clitic(word: str) -> list[str]:
    """The word and its forms without a leading و/ف and then ب/ل (وفي → في, بمدينه → مدينه)."""
    forms = [word]
    w = word
    if len(w) > 2 and w[0] in "وف":
        w = w[1:]
        forms.append(w)
    if len(w) > 2 and w[0] in "بل":
        forms.append(w[1:])
    return forms


class Tagger:
    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.entities: dict[str, dict[str, Any]] = {}
        self.topics: dict[str, dict[str, Any]] = {}
        rel = yaml.safe_load((data_dir / "relevance.yaml").read_text(encoding="utf-8"))
        self.rules = rel
        self.titles = {normalize(t) for t in rel.get("person_titles", [])}
        self.place_cues = {normalize(t) for t in rel.get("place_cues", [])}
        self.place_cues_weak = {normalize(t) for t in rel.get("place_cues_weak", [])}
        self.anchor_entities: set[str] = set()
        self.context: dict[str, set[str]] = {}
        self.claims: dict[str, tuple[set[str], list[str]]] = {}  # claimant -> (claimed keys, cues)
        self.homonyms: dict[str, set[str]] = {}  # entity -> countries that have a place of that name
        self.automaton = ahocorasick.Automaton()
        self._aliases: dict[str, list[Alias]] = {}
        for fname, kind in KINDS.items():
            path = data_dir / "gazetteer" / f"{fname}.yaml"
            if not path.exists():
                continue
            for ent in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                ent["kind"] = kind
                self.entities[ent["id"]] = ent
                if "context" in ent:  # an empty list: no cue word is enough
                    self.context[ent["id"]] = {normalize(str(c)) for c in ent["context"] or []}
                if ent.get("anchor"):
                    self.anchor_entities.add(ent["id"])
                if ent.get("homonym_of"):
                    self.homonyms[ent["id"]] = set(ent["homonym_of"])
                if ent.get("claims"):
                    self.claims[ent["id"]] = ({normalize(str(c)) for c in ent["claims"]},
                                              [normalize(str(c)) for c in ent.get("claim_cues") or []])
                # an alias listed as ambiguous stays ambiguous even when it is also the canonical
                # name (سرت is a city and a verb)
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
                for kw in topic.get("generic") or []:
                    self._add(kw, topic["id"], "topic", "generic")
        for term in rel.get("libya_terms", []):
            self._add(term, "libya", "libya", "full")
        for country, terms in (rel.get("competing_countries") or {}).items():
            for term in terms:
                self._add(term, country, "foreign", "foreign")
        for term in rel.get("non_libyan_adjectives") or []:  # refuse an org before them; no country
            self._add(term, "", "foreign", "foreign")
        for phrase in rel.get("blockers", []):
            self._add(phrase, "block", "block", "block")
        for key, aliases in self._aliases.items():
            self.automaton.add_word(key, (key, aliases))
        self.automaton.make_automaton()

    def _add(self, text: str, entity: str, kind: str, quality: str) -> None:
        key = normalize(str(text))
        if len(key) < 2:
            return
        if kind == "libya":
            prefixes = _LIBYA_CLITICS
        elif kind in ENTITY_KINDS and not key.startswith("ال"):
            # names do not take the article (الخميس is Thursday, not خميس القذافي); a single word
            # does not take ك (كسبها = "earning it"), nor ف when it is ambiguous (فسرت)
            single = " " not in key
            prefixes = (_AMBIGUOUS_NAME_CLITICS if quality == "ambiguous" else _NAME_CLITICS) if single \
                else _PHRASE_NAME_CLITICS
        else:
            prefixes = _CLITICS
        self._put(key, Alias(entity, kind, quality, prefixes, key))
        if key.startswith("ال") and len(key) > 3:
            self._put("لل" + key[2:], Alias(entity, kind, quality, _LL_CLITICS, key))

    def _put(self, key: str, alias: Alias) -> None:
        """One alias per (key, entity): spelling variants that normalize alike collapse, and the
        most trusted quality wins."""
        aliases = self._aliases.setdefault(key, [])
        for i, old in enumerate(aliases):
            if old.entity == alias.entity and old.kind == alias.kind:
                if _RANK[alias.quality] < _RANK[old.quality]:
                    aliases[i] = alias
                return
        aliases.append(alias)

    # -- matching ------------------------------------------------------------
    def find(self, text: str) -> list[Hit]:
        """All clitic-aware hits in normalized ``text`` (longest wins on overlaps; blockers removed)."""
        raw: list[Hit] = []
        n = len(text)
        for end, (key, aliases) in self.automaton.iter(text):
            if end + 1 < n and text[end + 1].isalpha():
                continue
            start = end - len(key) + 1
            i = start
            while i > 0 and text[i - 1].isalpha():
                i -= 1
                if start - i > _MAX_PREFIX:
                    break
            else:
                prefix = text[i:start]
                for alias in aliases:
                    if prefix in alias.allowed_prefixes:
                        raw.append(Hit(start, end + 1, alias, text[i : end + 1]))
        # longest first; a hit overlapping a longer one is dropped (topic keywords and foreign
        # words may overlap entity names; two entities on the very same span are both kept)
        raw.sort(key=lambda h: (-(h.end - h.start), h.start))
        kept: list[Hit] = []
        taken: set[tuple[int, int]] = set()
        occupied = bytearray(n)
        blocks: list[tuple[int, int]] = []
        for h in raw:
            kind = h.alias.kind
            if kind in _NON_COMPETING:
                kept.append(h)
                continue
            span = (h.start, h.end)
            if span not in taken:
                if occupied.find(1, h.start, h.end) != -1:
                    continue
                taken.add(span)
                occupied[h.start : h.end] = b"\x01" * (h.end - h.start)
            if kind == "block":
                blocks.append(span)
            else:
                kept.append(h)
        if blocks:
            kept = [h for h in kept if h.alias.kind != "foreign" or not any(
                h.start < e and s < h.end for s, e in blocks)]
        kept.sort(key=lambda h: (h.start, h.end))
        return kept

    # -- context ---------------------------------------------------------------
    def _cue_before(self, doc: Doc, hit: Hit) -> str | None:
        """"strong", "weak" or None: the cue word(s) right before an ambiguous hit."""
        a = hit.alias
        prev = doc.before(hit, 2)
        if not prev:
            return None

        def match(cues: set[str]) -> bool:
            if any(f in cues for f in _strip_clitic(prev[-1])):
                return True
            return len(prev) == 2 and any(f"{f} {prev[1]}" in cues for f in _strip_clitic(prev[0]))

        own = self.context.get(a.entity)
        if own is not None:  # the entity's own list replaces the generic cues
            return "strong" if match(own) else None
        if a.kind == "place":
            return "strong" if match(self.place_cues) else ("weak" if match(self.place_cues_weak) else None)
        if a.kind == "person":  # الدكتور، الوزير … can precede anybody of that name
            return "weak" if match(self.titles) else None
        return None  # رئيس البرلمان is any parliament's speaker: orgs need their own cues

    def _foreign_follows(self, doc: Doc, hit: Hit, *, window: int) -> bool:
        """A word for another country follows the hit: as the very next word, a nationality
        adjective (البرلمان التركي) when ``window`` is 1; anywhere in the next ``window`` words of
        the same clause (البيضاء وسط اليمن) otherwise."""
        if not doc.foreign:
            return False
        nxt = doc.next_words(hit, window)
        if not nxt:
            return False
        if window == 1:
            return doc.foreign.get(nxt[0][0]) == "ال"
        k = bisect_right(doc.foreign_starts, hit.end - 1)
        return k < len(doc.foreign_starts) and doc.foreign_starts[k] < nxt[-1][1]

    def _adjacent(self, doc: Doc, hit: Hit, other: Hit) -> bool:
        """``other`` is the name right before or after ``hit``, joined by spaces/commas (and و)."""
        if other.end <= hit.word_start:
            first, second = other, hit
        elif hit.end <= other.word_start:
            first, second = hit, other
        else:
            return False
        gap = doc.text[first.end : second.word_start]
        return bool(JOINERS.match(gap)) and (second.prefix.startswith("و") or "،" in gap or "," in gap)

    def _is_libyan(self, h: Hit) -> bool:
        return h.alias.kind == "libya" or bool(self.entities[h.alias.entity].get("libyan"))

    def _resolve(self, doc: Doc, hits: list[Hit]) -> list[Hit]:
        """Entity/libya hits that count, after the context rules, homonyms and claims."""
        ents = [h for h in hits if h.alias.kind in ENTITY_KINDS or h.alias.kind == "libya"]
        ok: dict[int, bool] = {}
        # 1. unambiguous hits (an org followed by a foreign nationality adjective is refused)
        for i, h in enumerate(ents):
            if h.alias.quality != "ambiguous":
                ok[i] = not (h.alias.kind == "org" and self._foreign_follows(doc, h, window=1))
        # a place whose name another country also has is out when that country dominates (early
        # check on the unambiguous evidence, so it cannot anchor anything; again at the end)
        out = self._homonyms_out(doc, [h for i, h in enumerate(ents) if ok.get(i)], ents)
        pending = []
        for i, h in enumerate(ents):
            if h.alias.entity in out:
                ok[i] = False
                continue
            if h.alias.quality == "ambiguous":
                ok[i] = False
                if not self._foreign_follows(doc, h, window=3 if h.alias.kind == "place" else 1):
                    pending.append(i)
        cues = {i: self._cue_before(doc, ents[i]) for i in pending}

        def neighbours(i: int) -> bool:  # hits are sorted by position: look a few hits either way
            h = ents[i]
            return any(ok[j] and ents[j].alias.kind == h.alias.kind and self._adjacent(doc, h, ents[j])
                       for j in range(max(0, i - 3), min(len(ents), i + 4)) if j != i)

        named: set[str] = {ents[j].alias.entity for j in ok if ok[j]}

        def settle(rule: Any, *, weak: bool = False) -> None:
            """Apply a rule until nothing changes (chains: سرت ومصراتة والجفرة)."""
            changed = True
            while changed:
                changed = False
                for i in pending:
                    if not ok[i] and rule(i):
                        ok[i] = changed = True
                        ents[i].weak = weak
                        named.add(ents[i].alias.entity)

        # 2. strong evidence: the entity named unambiguously, its own context word, a strong cue
        #    (مدينة, بلدية, حقل ...), or a neighbour that already counts
        def strong(i: int) -> bool:
            return ents[i].alias.entity in named or cues[i] == "strong" or neighbours(i)

        settle(strong)

        # 3. weak evidence (a preposition, a generic title, an institution name, an entity marked
        #    `anchor`) counts only when something else in the document is Libyan
        def anchored(eid: str, *, strong: bool) -> bool:
            """Other Libyan evidence in the document.  ``strong`` (for generic names): unambiguous,
        and more than one passing ليبيا; otherwise an ambiguous name taken on strong evidence counts."""
            libya = 0
            for j in ok:
                h = ents[j]
                if not ok[j] or h.alias.entity == eid or not self._is_libyan(h):
                    continue
                if h.alias.quality == "ambiguous" and (strong or h.weak):  # no anchoring on hearsay
                    continue
                if not strong or h.start < doc.title_end or (h.alias.kind != "libya" and h.alias.entity != "libya"):
                    return True
                libya += 1
            return libya >= 2

        libya_mentions = sum(1 for j in ok if ok[j] and self._is_libyan(ents[j]))
        foreign_story = bool(doc.countries) and max(doc.countries.values()) > libya_mentions

        def weak(i: int) -> bool:
            h = ents[i]
            a = h.alias
            if a.kind == "org" or a.entity in self.anchor_entities:  # generic names: a Libyan story,
                return anchored(a.entity, strong=True) and not foreign_story  # not a Tunisian one
            evidence = cues[i] == "weak" or (a.kind == "place" and not a.key.startswith("ال")
                                             and h.prefix in _PREP_CLITICS)
            return evidence and anchored(a.entity, strong=False)

        settle(weak, weak=True)
        settle(strong)
        kept = [h for i, h in enumerate(ents) if ok[i]]
        return self._apply_claims(doc, self._drop_homonyms(doc, kept))

    def _homonyms_out(self, doc: Doc, evidence: list[Hit], candidates: list[Hit]) -> set[str]:
        """Libyan places (and bodies) whose name another country also has (البيضاء in Yemen, البريقة
        in Aden) that are out: the words for that country outnumber the rest of the Libyan evidence."""
        named = {h.alias.entity for h in candidates} & self.homonyms.keys()
        if not named or not doc.countries:
            return set()
        out = set()
        for eid in named:
            rival = sum(doc.countries.get(c, 0) for c in self.homonyms[eid])
            libya = sum(1 for h in evidence if h.alias.entity != eid and self._is_libyan(h))
            if rival > libya:
                out.add(eid)
        return out

    def _drop_homonyms(self, doc: Doc, hits: list[Hit]) -> list[Hit]:
        out = self._homonyms_out(doc, hits, hits)
        return [h for h in hits if h.alias.entity not in out]

    def _apply_claims(self, doc: Doc, hits: list[Hit]) -> list[Hit]:
        for claimant, (keys, cues) in self.claims.items():
            claimed = [h for h in hits if h.alias.key in keys]
            if not claimed:
                continue
            claimed_entities = {h.alias.entity for h in claimed}
            score = sum(doc.text.count(c) for c in cues) + 2 * sum(h.alias.entity == claimant for h in hits)
            libya = sum(1 for h in hits if h.alias.entity not in claimed_entities and h.alias.entity != claimant
                        and (h.alias.kind == "libya" or self.entities[h.alias.entity].get("libyan")))
            if score > libya:
                kind = self.entities[claimant]["kind"]
                for h in claimed:
                    h.alias = Alias(claimant, kind, "full", h.alias.allowed_prefixes, h.alias.key)
        # a claimed hit may now share its span with a copy that already named the claimant
        seen: set[tuple[int, int, str]] = set()
        out = []
        for h in hits:
            k = (h.start, h.end, h.alias.entity)
            if k not in seen:
                seen.add(k)
                out.append(h)
        return out

    # -- tagging -----------------------------------------------------------------
    def tag(self, title: str | None, body: str | None, *, libya_focused: bool = False) -> Tags:
        ntitle = normalize(title or "")
        nbody = normalize(body or "")
        text = f"{ntitle}\n{nbody}" if ntitle else nbody
        doc = Doc(text, len(ntitle))
        hits = self.find(text)
        doc.foreign = {h.word_start: h.prefix for h in hits if h.alias.kind == "foreign"}
        doc.foreign_starts = sorted(doc.foreign)
        for h in hits:
            if h.alias.kind == "foreign" and h.alias.entity:
                doc.countries[h.alias.entity] = doc.countries.get(h.alias.entity, 0) + 1
        entity_hits = self._resolve(doc, hits)

        mentions: dict[str, Mention] = {}
        for h in entity_hits:
            a = h.alias
            if a.kind == "libya":
                continue
            ent = self.entities[a.entity]
            m = mentions.setdefault(
                a.entity,
                Mention(id=a.entity, name=ent["ar"], name_en=ent.get("en"), kind=a.kind),  # type: ignore[arg-type]
            )
            m.spans.append((h.start, h.end))
            if h.surface not in m.surface:
                m.surface.append(h.surface)

        relevance, evidence = self._relevance(doc, hits, entity_hits)
        tags = Tags(libya_relevance=relevance, evidence=evidence)
        tags.libya_relevant = libya_focused or relevance >= self.rules["threshold"]
        if libya_focused:
            tags.evidence.append("source:libya_focused")
        for m in mentions.values():
            getattr(tags, {"person": "persons", "place": "places", "org": "orgs"}[m.kind]).append(m)
        tags.topics = self._topics(text, hits, title_end=len(ntitle))
        return tags

    def _topics(self, text: str, hits: list[Hit], *, title_end: int = 0) -> list[Mention]:
        """A topic needs a strong phrase; or ``min_hits`` distinct keyword/generic words, one of
        them a keyword; or one keyword in the title or in a short text (≤ ``SHORT_TEXT_WORDS``).
        Generic words (زيارة, جلسة, صيانة …) never decide alone."""
        topic_hits: dict[str, set[str]] = {}
        topic_strong: set[str] = set()
        topic_keyword: set[str] = set()
        topic_title: set[str] = set()
        for h in hits:
            if h.alias.kind != "topic":
                continue
            tid = h.alias.entity
            topic_hits.setdefault(tid, set()).add(text[h.start : h.end])
            if h.alias.quality == "strong":
                topic_strong.add(tid)
            if h.alias.quality in ("strong", "keyword"):
                topic_keyword.add(tid)
                if h.start < title_end:
                    topic_title.add(tid)
        short = len(text.split()) <= SHORT_TEXT_WORDS
        out = []
        for tid, words in topic_hits.items():
            topic = self.topics[tid]
            specific = tid in topic_keyword
            if tid in topic_strong or tid in topic_title or (specific and short) or (
                    specific and len(words) >= int(topic.get("min_hits", 2))):
                out.append(Mention(id=tid, name=topic["ar"], name_en=topic.get("en"), kind="topic",
                                   surface=sorted(words)))
        return out

    def _relevance(self, doc: Doc, hits: list[Hit], entity_hits: list[Hit]) -> tuple[float, list[str]]:
        w = self.rules["weights"]
        confirmed = {h.alias.entity for h in entity_hits if h.alias.quality != "ambiguous"}
        units: dict[str, int] = {}  # evidence unit -> mentions counted
        libyan_units: set[str] = set()  # units that are Libyan themselves (not libya_context actors)
        unit_title: set[str] = set()
        seen_spans: set[tuple[int, int]] = set()
        weight = 0.0
        mentions = 0
        list_mentions = 0
        for h in entity_hits:
            a = h.alias
            ent = self.entities.get(a.entity, {})
            if a.kind == "libya" or a.entity == "libya":
                unit, base = "libya", w["libya_term"]
                libyan_units.add(unit)
            elif ent.get("libyan"):
                unit, base = a.entity, w.get(a.kind, 0.0)
                libyan_units.add(unit)
            elif ent.get("libya_context"):
                unit, base = a.entity, w["foreign_on_libya"]
            else:
                continue
            if (h.start, h.end) in seen_spans:  # ليبيا is both a libya term and the place libya
                continue
            seen_spans.add((h.start, h.end))
            if a.quality == "ambiguous" and a.entity not in confirmed:
                base *= w["ambiguous_factor"]
            in_title = h.start < doc.title_end
            listed = unit == "libya" and doc.in_country_list(h)
            if listed:  # one country among others: سوريا والعراق واليمن وليبيا
                base *= w["country_list_factor"]
                list_mentions += 1
            elif not h.weak:
                mentions += 1
            n = units.get(unit, 0)
            units[unit] = n + 1
            if in_title:
                unit_title.add(unit)
            if n >= w["per_entity_cap"]:
                continue
            factor = w["title_factor"] if in_title else (
                w["lead_factor"] if h.start - doc.title_end < w["lead_chars"] else 1.0)
            weight += base * factor
        kind_of = {"libya": "libya"}
        for h in entity_hits:
            kind_of.setdefault(h.alias.entity, h.alias.kind)
        evidence = [f"{kind_of[u]}:{u}" + (" (title)" if u in unit_title else "") for u in units]
        if list_mentions:
            evidence.append(f"rule:country_list x{list_mentions}")
        if units and not libyan_units and all(kind_of[u] == "person" for u in units):
            weight *= w["context_only_factor"]
            evidence.append("rule:context_only")
        if units and not unit_title:
            if mentions <= 1:  # one mention (those resting on weak evidence do not rescue a story)
                weight *= w["single_mention_factor"]
                evidence.append("rule:single_mention")
            body_chars = len(doc.text) - doc.title_end
            if body_chars > w["density_min_chars"] and mentions * 1000 / body_chars < w["density_min"]:
                weight *= w["density_factor"]
                evidence.append("rule:low_density")
            if doc.countries:
                country, count = max(doc.countries.items(), key=lambda kv: kv[1])
                if count >= w["foreign_focus_min"] and count >= w["foreign_focus_ratio"] * mentions:
                    weight *= w["foreign_focus_factor"]
                    evidence.append(f"rule:foreign_focus:{country}")
        relevance = round(1.0 - math.exp(-weight / self.rules["scale"]), 4)
        return relevance, evidence


@lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    return Tagger()


def tag(title: str | None, body: str | None, *, libya_focused: bool = False) -> Tags:
    return get_tagger().tag(title, body, libya_focused=libya_focused)
