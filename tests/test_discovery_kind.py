"""Name discovery's kind classifier (``pipeline.discovery_kind``): the shipped model file, a non-name shape
scored below a real name of the same kind, deterministic training. No corpus, no Elasticsearch.

Fixture sentences are written for these tests; the names in them are invented."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from pipeline import discovery_kind as dk
from pipeline.discovery import DayDoc, KnownNames, discover_day, gazetteer_aliases, name_key
from pipeline.name_suggestions import merged
from pipeline.normalize import normalize

REPO = Path(__file__).resolve().parents[1]
DAY = date(2025, 3, 14)


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def doc(name: str, kind: str, *, docs: int, cue_docs: int, outlets: int, votes: dict[str, int] | None = None
        ) -> dict:
    """A name document as the daily pass stores it (one day)."""
    return {"name": key(name), "kind": kind, "days": [{
        "day": DAY.isoformat(), "docs": docs, "stories": docs, "cue_docs": cue_docs,
        "outlets": [f"o{i}" for i in range(outlets)], "kind_votes": votes or {kind: cue_docs},
        "surfaces": {name: docs},
        "shape": {"mentions": docs, "quoted": 0, "day_docs": 200, "follow_top": 0, "last_df": docs}}]}


def test_the_model_file_loads_and_has_the_features_the_code_computes():
    model = dk.load_model(dk.MODEL_FILE)
    assert model is not None and model["feature_version"] == dk.FEATURE_VERSION
    assert model["trained_on"]["labels"] == "DEV_LABELS only" and model["trained_on"]["examples"] > 100
    assert set(model["kinds"]) == {"person", "org"} and model["use"]["mode"] in ("factor", "cut")
    computed: set[str] = set()
    for d in (doc("سالم القماطي", "person", docs=4, cue_docs=3, outlets=3),
              doc("جهاز الحرس البلدي", "org", docs=5, cue_docs=4, outlets=2)):
        computed |= set(dk.features(d))
    # every numeric or yes/no feature the code computes has a weight (one-hot families: some value of each)
    plain = {k for k in computed if "=" not in k}
    assert plain <= set(model["weights"])
    families = {k.split("=")[0] for k in computed if "=" in k}
    assert families <= {k.split("=")[0] for k in model["weights"] if "=" in k}
    # and the model knows no feature family the code does not compute
    assert {k.split("=")[0] for k in model["weights"]} <= {k.split("=")[0] for k in computed} | {
        f"org:{k.split('=')[0]}" for k in computed if not k.startswith(("person:", "org:"))} | {
        f"person:{k.split('=')[0]}" for k in computed if not k.startswith(("person:", "org:"))}


def test_a_non_name_scores_lower_than_a_real_name_of_the_same_kind():
    # organizations, through the daily pass: a definite head + a common adjective (trade as a movement) printed
    # everywhere vs an invented municipal guard named after its head
    texts = [
        ("a", "s1", "أعلن جهاز الحرس البلدي في المدينة إغلاق السوق. وشهدت الحركة التجارية تراجعا كبيرا."),
        ("b", "s2", "قال جهاز الحرس البلدي إن الحملة مستمرة، بينما عادت الحركة التجارية إلى الأسواق."),
        ("c", "s3", "ونفذ جهاز الحرس البلدي جولة تفتيش. وتأثرت الحركة التجارية بالإغلاق."),
        ("d", "s1", "تحسنت الحركة التجارية في الميناء بعد وصول الشحنات."),
        ("e", "s4", "انتعشت الحركة التجارية في وسط المدينة مع بداية الموسم."),
    ]
    docs = [DayDoc(id=i, source_id=s, title="", body=t, cluster_id=i) for i, s, t in texts]
    cands = {c.name: c for c in discover_day(docs, KnownNames(gazetteer_aliases()))}
    guard, trade = cands[key("جهاز الحرس البلدي")], cands[key("الحركة التجارية")]
    assert guard.kind == trade.kind == "org"
    p_guard = dk.kind_probability(merged({}, guard, DAY, ""), as_of=DAY)
    p_trade = dk.kind_probability(merged({}, trade, DAY, ""), as_of=DAY)
    assert p_guard is not None and p_trade is not None and p_guard > p_trade
    # persons: a given name and a family name after titles vs an idiom a cue happened to precede (no given name,
    # a word after و, seldom after a cue)
    real = doc("سالم القماطي", "person", docs=6, cue_docs=5, outlets=4)
    phrase = doc("حرصه واهتمامه", "person", docs=6, cue_docs=1, outlets=4)
    assert (dk.kind_probability(real) or 0) > (dk.kind_probability(phrase) or 1)
    assert dk.ranking_factor(real) > dk.ranking_factor(phrase)


def test_the_daily_pass_counts_the_mention_shape():
    texts = [
        ("a", "s1", "أعلنت جماعة «الحرس الأخضر» مسؤوليتها. وشهدت الحركة التجارية تراجعا."),
        ("b", "s2", "قالت جماعة «الحرس الأخضر» إنها انسحبت. وعادت الحركة التجارية إلى الأسواق."),
        ("c", "s3", "تحسنت الحركة التجارية في الميناء بعد وصول البضائع."),
        ("d", "s4", "ارتفعت أسعار السلع التجارية هذا الشهر."),
    ]
    docs = [DayDoc(id=i, source_id=s, title="", body=t, cluster_id=i) for i, s, t in texts]
    cands = {c.name: c for c in discover_day(docs, KnownNames(gazetteer_aliases()))}
    trade = cands[key("الحركة التجارية")]
    # three mentions, one going on with a word (تراجعا); its last word in every document of the day, one more
    # than the name's
    assert trade.docs == 3
    assert trade.shape == {"mentions": 3, "quoted": 0, "day_docs": 4, "follow_top": 1, "last_df": 4}
    stored = merged({}, trade, DAY, "")["days"][0]
    assert stored["shape"] == trade.shape  # the day entry keeps it for the ranking


def test_no_model_leaves_the_given_name_factor():
    phrase = doc("حرصه واهتمامه", "person", docs=6, cue_docs=1, outlets=4)
    saved = dict(dk.SETTINGS)
    try:
        dk.SETTINGS["enabled"] = False
        assert dk.kind_probability(phrase) is None
        assert dk.ranking_factor(phrase) == 0.5  # not a common given name: half (pipeline.discovery.name_factor)
        assert dk.ranking_factor(doc("سالم القماطي", "person", docs=6, cue_docs=5, outlets=4)) == 1.0
    finally:
        dk.SETTINGS.update(saved)
    assert dk.kind_probability({"name": "طرابلس", "kind": "place", "days": []}) is None  # kinds not modelled


@pytest.fixture(scope="module")
def trainer() -> Iterator[ModuleType]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        path = REPO / "bench" / "discovery_kind_train.py"
        spec = importlib.util.spec_from_file_location("discovery_kind_train", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(REPO / "bench"))
        sys.modules.pop("discovery_eval", None)


def test_training_is_deterministic(trainer, tmp_path):
    labels = trainer.ev.DEV_LABELS
    named = sorted(k for k, v in labels.items() if v in ("person", "org"))[:30]
    nonames = sorted(k for k, v in labels.items() if v == "no")[:30]
    store = {}
    for i, name in enumerate(named + nonames):
        kind = labels[name] if labels[name] != "no" else ("org" if i % 2 else "person")
        store[str(i)] = doc(name, kind, docs=2 + i % 5, cue_docs=1 + i % 3, outlets=1 + i % 4)
    for which in ("devrep", "old"):
        trainer.store_path(tmp_path, "dev", which).write_text(
            json.dumps({"part": "dev", "hidden": which, "days": [DAY.isoformat()], "store": store}), encoding="utf-8")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"model{n}.json"
        trainer.main(["train", "--stores", str(tmp_path), "--out", str(out)])
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    model = json.loads(outs[0])
    assert model["trained_on"]["examples"] == 60 and model["feature_version"] == dk.FEATURE_VERSION
    # the fit alone: the same examples in another order give the same weights
    examples = [(dk.features(d), int(labels[d["name"]] == d["kind"])) for d in store.values()]
    assert dk.fit(examples) == dk.fit(list(reversed(examples)))
    # several replay folders (stop 31: the wider and the full universe's replays): a name labelled in both is taken
    # once, from the first folder; the universes the folders were replayed with are recorded
    other = tmp_path / "other"
    other.mkdir()
    extra = {"x": doc("سالم القماطي", "person", docs=3, cue_docs=2, outlets=2)}
    for which in ("devrep", "old"):
        meta = {"part": "dev", "hidden": which, "days": [DAY.isoformat()], "universe": "wider"}
        trainer.store_path(other, "dev", which).write_text(json.dumps(meta | {"store": {**store, **extra}}),
                                                           encoding="utf-8")
    _data, counts = trainer.examples([other, tmp_path], "dev")
    assert counts["examples"] == 60 + (key("سالم القماطي") in labels)
    out = tmp_path / "model3.json"
    trainer.main(["train", "--stores", str(other), str(tmp_path), "--out", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["trained_on"]["universe"] == ["wider", "full"]
    # stop 36 (helper G): unit sample weights change nothing; --balance kind weighs each kind's positives and
    # negatives alike (each kind's total kept) and is recorded in the model file
    assert dk.fit(examples, sample_weight=[1.0] * len(examples)) == dk.fit(examples)
    weights = trainer.balance_weights(examples)
    for kind in ("person", "org"):
        rows = [(w, y) for (x, y), w in zip(examples, weights, strict=True) if f"{kind}:log_docs" in x]
        if {y for _w, y in rows} == {0, 1}:
            assert sum(w for w, y in rows if y) == pytest.approx(sum(w for w, y in rows if not y))
            assert sum(w for w, _y in rows) == pytest.approx(len(rows))
    out = tmp_path / "model4.json"
    trainer.main(["train", "--stores", str(tmp_path), "--balance", "kind", "--out", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["balance"] == "kind"


def test_a_floor_on_the_probability():
    """``use.floor`` raises p to at least the floor before the power (measured at stop 31, not shipped)."""
    phrase = doc("حرصه واهتمامه", "person", docs=6, cue_docs=1, outlets=4)
    model = {"bias": -6.0, "weights": {}, "kinds": ["person", "org"]}  # p ≈ 0.0025 for every candidate
    plain = dk.ranking_factor(phrase, model=model | {"use": {"mode": "factor", "power": 1.0}})
    floored = dk.ranking_factor(phrase, model=model | {"use": {"mode": "factor", "power": 1.0, "floor": 0.1}})
    assert plain == pytest.approx(0.5 * dk.probability({}, model)) and floored == pytest.approx(0.5 * 0.1)


def test_an_organization_s_probability_weighs_more_with_org_power():
    """org_power (stop 35): an organization's factor is p ** ORG_POWER, a person's p ** the model file's power."""
    model = {"bias": -2.0, "weights": {}, "kinds": ["person", "org"], "use": {"mode": "factor", "power": 0.5}}
    p = dk.probability({}, model)
    org = doc("جهاز المناعي", "org", docs=6, cue_docs=6, outlets=4)
    person = doc("سالم القماطي", "person", docs=6, cue_docs=5, outlets=4)
    saved = dict(dk.RULES)
    try:
        dk.RULES["org_power"] = False
        base = dk.ranking_factor(org, model=model | {"use": {"mode": "factor", "power": 1.0}}) / p  # the head's factor
        dk.RULES["org_power"] = True
        assert saved["org_power"] and dk.ORG_POWER > 0.5  # on by default, more than the persons' power
        assert dk.ranking_factor(org, model=model) == pytest.approx(base * p ** dk.ORG_POWER)
        assert dk.ranking_factor(person, model=model) == pytest.approx(p ** 0.5)
        dk.RULES["org_power"] = False
        assert dk.ranking_factor(org, model=model) == pytest.approx(base * p ** 0.5)
    finally:
        dk.RULES.update(saved)


def test_the_elasticsearch_path_ranks_as_the_memory_path(clean_es, settings):
    """The daily pass into a real names index and ``suggest``, against the bench's in-memory pass (``merged``
    and ``score`` over a dict): the same kind factor, so the same scores (catches a feature read from something
    only one path stores)."""
    from datetime import UTC, datetime

    from pipeline import name_suggestions as names
    from pipeline.index import index_documents

    texts = [("s1", "وقال الناطق باسم جهاز الإسعاف عمران الشكشاك إن الفرق وصلت. وشهدت الحركة التجارية تراجعا."),
             ("s2", "أكد المتحدث الرسمي عمران الشكشاك أن الطريق مغلق. وعادت الحركة التجارية إلى الأسواق."),
             ("s3", "اشتبكت كتيبة النسور الساحلية مع مجموعة مسلحة. وقال اللواء خيري الزوبي إن الوضع هادئ."),
             ("s1", "وأعلنت كتيبة النسور الساحلية سيطرتها على المعبر، وأكد اللواء خيري الزوبي الانسحاب.")]
    at = datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC).isoformat()
    articles = {f"k{i}": {"url": f"https://{s}.example/k{i}", "canonical_url": f"https://{s}.example/k{i}",
                          "source_id": s, "title": "", "body": t, "published_at": at, "fetched_at": at,
                          "indexed_at": at, "cluster_id": f"k{i}", "is_cluster_lead": True, "language": "ar"}
                for i, (s, t) in enumerate(texts)}
    index_documents(clean_es, articles, settings, refresh=True)
    known = names.known_names()
    names.update_day(DAY, es=clean_es, settings=settings, known=known)
    from_es = {s.name: s.score for s in names.suggest(es=clean_es, settings=settings, as_of=DAY, top=50)}
    docs = names.day_documents(DAY, es=clean_es, settings=settings)
    store = {c.name: names.merged({}, c, DAY, "") for c in discover_day(docs, known) if c.docs >= names.MIN_DAY_DOCS}
    in_memory = {k: names.score(src["days"], DAY, factor=dk.ranking_factor(src, as_of=DAY))["score"]
                 for k, src in store.items()}
    assert from_es and from_es == {k: v for k, v in in_memory.items() if k in from_es}
    assert all(src["days"][0]["shape"]["day_docs"] == len(texts) for src in store.values())
    assert dk.kind_probability(store[key("عمران الشكشاك")], as_of=DAY) is not None
