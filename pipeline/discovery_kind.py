"""Name discovery: how likely a candidate is a real name of the kind it was found as (a small learned model).

The cue rules (``pipeline.discovery``) find candidates; hand-written non-name rules fit the shapes they were
written from. This module scores each candidate with a logistic regression over its *shape*, not its identity:
word count, articles and endings by position, connectors and clitics, whether the first word is a common given
name, the organization's head (a closed list: ``cues.yaml``'s heads), the share of cue votes for its kind, the
share of its mentions that follow a cue, documents / stories / outlets ratios, spelling variants, and the
mention shape the daily pass counts (``Candidate.shape``: mentions going on with the same word, quoted mentions,
the day's documents holding its last word). Everything is read from the name document that the daily pass
stores (``name``, ``kind``, the ``days`` entries), so the Elasticsearch path and the bench's in-memory path
compute the same features.

The weights are data (``pipeline/data/discovery/kind_model.json``), written by ``bench/discovery_kind_train.py``
from the development days' labels only, with what they were trained on. :func:`ranking_factor` is the factor the
ranking multiplies a candidate's score by (``pipeline.name_suggestions.score``); without a model file (or with
``SETTINGS["enabled"]`` off, for the bench's side-by-side runs) it is the given-name factor alone.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config import DATA_DIR
from pipeline.discovery import name_factor
from pipeline.discovery_context import context_factor
from pipeline.discovery_cues import Cues, get_cues
from pipeline.discovery_given import gazetteer_given
from pipeline.discovery_known import CONNECTORS, has_article
from pipeline.discovery_lists import list_factor
from pipeline.discovery_source import source_factor

log = logging.getLogger(__name__)
MODEL_FILE = DATA_DIR / "discovery" / "kind_model.json"
SETTINGS: dict[str, Any] = {"enabled": True, "model": MODEL_FILE}
RULES = {"org_power": True}  # stop 35, helper B: an organization's probability weighs more (ORG_POWER)
ORG_POWER = 0.75  # the power of the model's probability on an organization's score with org_power on (the model
# file's ``use.power``, 0.5, for persons): organization phrases (جهاز المناعي, سرية تامة) get p 0.05-0.2 and sat in
# the top 100 at half the power; chosen on the development half deva (docs/benchmarks.md, "stop 35 (helper B)")
FEATURE_VERSION = 3  # 2: the last letter alone dropped (it did not generalize across the halves); 3: mention shape
_ENDINGS = tuple(sorted(("يه", "ات", "ون", "ين", "يون", "يين", "ي", "ه", "ان"), key=len, reverse=True))  # longest first


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if value <= e:
            return str(e)
    return f">{edges[-1]}"


def _ending(word: str) -> str:
    for e in _ENDINGS:
        if len(word) > len(e) + 1 and word.endswith(e):
            return e
    return "-"


def _window(days: Iterable[Mapping[str, Any]], as_of: date | None, window: int) -> list[Mapping[str, Any]]:
    if as_of is None:
        return list(days)
    lo = as_of - timedelta(days=window - 1)
    return [d for d in days if lo <= date.fromisoformat(str(d["day"])) <= as_of]


def tally(days: Iterable[Mapping[str, Any]]) -> tuple[dict[str, int], dict[str, int]]:
    """The kind votes and the printed forms of a name's day entries, summed."""
    votes: dict[str, int] = {}
    surfaces: dict[str, int] = {}
    for d in days:
        for k, v in (d.get("kind_votes") or {}).items():
            votes[k] = votes.get(k, 0) + int(v)
        for k, v in (d.get("surfaces") or {}).items():
            surfaces[k] = surfaces.get(k, 0) + int(v)
    return votes, surfaces


def features(src: Mapping[str, Any], *, cues: Cues | None = None, as_of: date | None = None,
             window: int = 30) -> dict[str, float]:
    """The features of one name document (``name``, ``kind``, ``kind_votes``, ``days``); each is also emitted
    prefixed by the kind (``person:`` / ``org:``), so one model holds a weight per kind and a shared one."""
    cues = cues or get_cues()
    words = str(src["name"]).split()
    kind = str(src["kind"])
    n = len(words)
    last = words[-1]
    f: dict[str, float] = {}

    def on(name: str, value: float = 1.0) -> None:
        f[name] = value

    on(f"words={min(n, 5)}")
    # a person's first word is also a given name when the gazetteer's persons start with it (discovery_given)
    on("first_given", float(words[0] in cues.given_names or (kind == "person" and words[0] in gazetteer_given())))
    on("first_article", float(has_article(words[0])))
    on("last_article", float(has_article(last)))
    on("inner_article", float(any(has_article(w) for w in words[1:-1])))
    on("article_share", sum(map(has_article, words)) / n)
    on(f"last_end={_ending(last)}")
    on("connector", float(any(w in CONNECTORS for w in words)))
    on("waw_word", float(any(w.startswith("و") and len(w) > 3 and w not in cues.given_names for w in words[1:])))
    on("prep_word", float(any(w[0] in "لب" and len(w) > 4 and (w[1:3] == "ال" or w.startswith("لل"))
                              for w in words[1:])))
    on("short_word", float(any(len(w) <= 2 for w in words)))
    on("role_word", float(any(w in cues.role_words or w in cues.title_words for w in words[1:])))
    on("country_word", float(any(w in cues.countries for w in words)))
    on("complement_word", float(any(w in cues.generic_complements for w in words[1:])))
    on("boundary_word", float(any(w in cues.boundaries for w in words)))
    on("last_given", float(n > 1 and last in cues.given_names))
    if kind == "org":
        head = words[0][2:] if has_article(words[0]) else words[0]
        on(f"head={head if cues.org_head(head) else '?'}")
        on("second_article", float(n > 1 and has_article(words[1])))
    days = _window(src.get("days") or [], as_of, window)
    docs = sum(int(d.get("docs", 0)) for d in days)
    stories = sum(int(d.get("stories", 0)) for d in days)
    cue_docs = sum(int(d.get("cue_docs", 0)) for d in days)
    outlets = len({o for d in days for o in d.get("outlets") or []})
    votes, surfaces = tally(days)
    total_votes = sum(votes.values())
    on("kind_share", votes.get(kind, 0) / total_votes if total_votes else 0.0)
    on("cue_share", cue_docs / docs if docs else 0.0)
    on("log_docs", math.log1p(docs) / math.log(100))
    on("story_share", stories / docs if docs else 0.0)
    on("outlet_share", outlets / stories if stories else 0.0)
    on("log_outlets", math.log1p(outlets) / math.log(15))
    on(f"days={_bucket(len(days), (1, 2, 4))}")
    mentions = sum(surfaces.values())
    shapes = [d["shape"] for d in days if d.get("shape")]  # none in day entries written before they were stored
    counted = sum(int(x.get("mentions", 0)) for x in shapes)
    if shapes:
        on("no_mentions", float(not counted))  # found after cues only, never matched as written (a quoted name)
    if counted:
        # a fragment goes on with the same word; a quoted name is a name; a name ending on a word the day's text
        # uses everywhere (its documents many times the name's) is a phrase (الحركة التجارية)
        on("follow_share", sum(int(x.get("follow_top", 0)) for x in shapes) / counted)
        on("quote_share", sum(int(x.get("quoted", 0)) for x in shapes) / counted)
        last_df = sum(int(x.get("last_df", 0)) for x in shapes)
        day_docs = sum(int(x.get("day_docs", 0)) for x in shapes)
        on("last_common", min(1.5, math.log1p(max(0.0, last_df / max(1, docs) - 1)) / math.log(20)))
        on("last_day_df", min(1.0, 10 * last_df / max(1, day_docs)))
    on("top_surface_share", max(surfaces.values()) / mentions if mentions else 1.0)
    on("surface_forms", min(len(surfaces), 4) / 4)
    return {**f, **{f"{kind}:{k}": v for k, v in f.items()}}


# -- the model --------------------------------------------------------------------------------------------
def fit(examples: list[tuple[dict[str, float], int]], *, l2: float = 1.0, iterations: int = 50,
        sample_weight: list[float] | None = None) -> dict[str, Any]:
    """L2-regularized logistic regression by Newton's method (deterministic: features sorted, no sampling).
    ``examples``: (features, 1 | 0); ``sample_weight``: one weight per example (default 1). Returns
    ``{"bias", "weights"}``."""
    import numpy as np

    names = sorted({k for x, _y in examples for k in x})
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(examples), len(names) + 1))
    x[:, -1] = 1.0
    y = np.array([float(label) for _x, label in examples])
    for r, (feats, _label) in enumerate(examples):
        for k, v in feats.items():
            x[r, index[k]] = v
    s = np.ones(len(examples)) if sample_weight is None else np.array(sample_weight, dtype=float)
    w = np.zeros(len(names) + 1)
    reg = np.full(len(names) + 1, l2)
    reg[-1] = 1e-6  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (s * (p - y)) + reg * w
        hess = (x * (s * p * (1 - p))[:, None]).T @ x + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    return {"bias": round(float(w[-1]), 6),
            "weights": {k: round(float(w[i]), 6) + 0.0 for i, k in enumerate(names)}}  # every feature seen


def probability(feats: Mapping[str, float], model: Mapping[str, Any]) -> float:
    weights = model["weights"]
    z = float(model["bias"]) + sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> dict[str, Any] | None:
    if not path.exists():
        return None
    model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if model.get("feature_version") != FEATURE_VERSION:  # the ranking goes on without it (tests catch this)
        log.warning("%s: feature version %s, the code computes %s: not used (retrain with "
                    "bench/discovery_kind_train.py train)", path, model.get("feature_version"), FEATURE_VERSION)
        return None
    return model


def current_model() -> dict[str, Any] | None:
    return load_model(Path(SETTINGS["model"])) if SETTINGS["enabled"] else None


def kind_probability(src: Mapping[str, Any], *, as_of: date | None = None, window: int = 30,
                     model: Mapping[str, Any] | None = None) -> float | None:
    """The model's probability that the name document is a real name of its kind; None without a model (or for
    a kind the model was not trained on)."""
    model = model if model is not None else current_model()
    if model is None or src.get("kind") not in model.get("kinds", ("person", "org")):
        return None
    return probability(features(src, as_of=as_of, window=window), model)


def ranking_factor(src: Mapping[str, Any], *, as_of: date | None = None, window: int = 30,
                   model: Mapping[str, Any] | None = None) -> float:
    """The factor on a name's score: the given-name factor (``pipeline.discovery.name_factor``) times the
    model's probability as the model file says (``use``: ``factor`` = p ** power, or ``cut`` = 0 below
    ``threshold``; an optional ``floor`` raises p to at least that before the power); with ``org_power`` on, an
    organization's power is ``ORG_POWER``."""
    return _model_factor(src, as_of=as_of, window=window, model=model) * context_factor(src) * source_factor(src)


def _model_factor(src: Mapping[str, Any], *, as_of: date | None, window: int, model: Mapping[str, Any] | None
                  ) -> float:
    base = name_factor(str(src["kind"]), str(src["name"])) * list_factor(src)
    model = model if model is not None else current_model()
    p = kind_probability(src, as_of=as_of, window=window, model=model)
    if p is None or model is None:
        return base
    use = model.get("use") or {"mode": "factor", "power": 1.0, "given_factor": True}
    if not use.get("given_factor", True):
        base = 1.0
    if use.get("mode") == "cut":
        return base if p >= float(use.get("threshold", 0.5)) else 0.0
    power = ORG_POWER if RULES["org_power"] and src["kind"] == "org" else float(use.get("power", 1.0))
    return base * max(p, float(use.get("floor", 0.0))) ** power
