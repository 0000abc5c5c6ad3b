"""Name discovery's kind classifier: replay, cross-check and training (``pipeline.discovery_kind``).

    # 1. replay the development days in memory once per part and hidden list, keep the name stores (outside the
    #    repository; the corpus' text is not in them beyond the stored contexts)
    .venv/bin/python bench/discovery_kind_train.py replay --corpus /work/shared/corpus/saudinewsnet \\
        --out /tmp/rasd_kind [--parts deva devb dev] [--hidden devrep old] [--history]
    # 2. the deciding measurement: train on one half's labelled candidates, rank the other half with and without
    #    the model (recall in the top 100, precision@100), both directions, both lists
    .venv/bin/python bench/discovery_kind_train.py crossval --stores /tmp/rasd_kind
    # 3. the shipped model: trained on every labelled candidate of the whole development part
    .venv/bin/python bench/discovery_kind_train.py train --stores /tmp/rasd_kind [--out pipeline/data/discovery/kind_model.json]

Labels: ``DEV_LABELS`` of bench/discovery_eval.py only (never ``TEST_LABELS`` nor ``LABELS``). A candidate (a name
document of the replay's store, persons and organizations) is an example when its key is labelled; it is positive
when the label equals its kind. Replays use ``--universe full`` and ``--no-known-before`` (with the development
labels decided, none of the labelled names would be a candidate on the development days). ``replay --universe``
chooses the known names (default ``full``, stops 28-29; stop 31 compared ``wider``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
import discovery_eval as ev

KINDS = ["person", "org"]
ROOT = Path(__file__).resolve().parents[1]


def _hidden(which: str) -> dict[str, tuple[str, set[str]]]:
    from pipeline.discovery import name_key
    from pipeline.normalize import normalize

    ents = {eid: (kind, aliases) for kind, eid, aliases, _rasd in ev.universe("wider")}  # holds every smaller one
    persons, orgs = ev.hidden_lists(which)
    return {eid: (ents[eid][0], {name_key(tuple(normalize(a).split())) for a in ents[eid][1]})
            for eid in sorted(set(persons) | set(orgs))}


def store_path(out: Path, part: str, hidden: str) -> Path:
    return out / f"store_{part}_{hidden}.json"


def replay(args: argparse.Namespace) -> None:
    from trends import corpus_docs

    from pipeline import discovery_kind
    from pipeline.discovery import KnownNames

    discovery_kind.SETTINGS["enabled"] = False  # the stored scores are not used: the ranking is recomputed
    args.out.mkdir(parents=True, exist_ok=True)
    articles = common.load_corpus(args.corpus)
    docs = corpus_docs(articles, random.Random(2015))
    del articles
    for part in args.parts:
        if part not in ("deva", "devb", "dev"):
            raise SystemExit("only the development parts (deva, devb, dev)")
        chosen = ev.part_docs(docs, part)
        days = sorted({d["published_at"][:10] for d in chosen})
        for which in args.hidden:
            if which not in ("devrep", "old"):
                raise SystemExit("only the development lists (devrep, old)")
            hidden = _hidden(which)
            known = KnownNames(ev.known_aliases(set(hidden), args.universe))
            t = time.process_time()
            history = ev.history_docs(docs, days[0]) if args.history else []
            store = ev.replay_memory(chosen, days, known, history=history)
            path = store_path(args.out, part, which)
            path.write_text(json.dumps({"part": part, "hidden": which, "days": days, "history": args.history,
                                        "universe": args.universe, "store": store},
                                       ensure_ascii=False), encoding="utf-8")
            print(f"{part} {which}: {len(store)} names, {time.process_time() - t:.1f} CPU s -> {path}",
                  file=sys.stderr)


def wrap(args: argparse.Namespace) -> None:
    """A store written by ``discovery_eval --memory --no-known-before --dump-store`` (the ranking's own replay: its
    universe, known kinds and rules) as a replay folder's store (stop 36: the universe ``broadest``, lists devrep
    and devtail, which ``replay`` does not offer)."""
    if args.part not in ("deva", "devb", "dev") or args.hidden not in ("devrep", "devtail", "old"):
        raise SystemExit("only the development parts and lists")
    store = json.loads(args.dump.read_text(encoding="utf-8"))
    lo, hi = ev.PARTS[args.part]
    days = sorted({d["day"] for src in store.values() for d in src.get("days") or [] if lo <= d["day"] <= hi})
    args.out.mkdir(parents=True, exist_ok=True)
    path = store_path(args.out, args.part, args.hidden)
    path.write_text(json.dumps({"part": args.part, "hidden": args.hidden, "days": days, "history": True,
                                "universe": args.universe, "from": str(args.dump), "store": store},
                               ensure_ascii=False), encoding="utf-8")
    print(f"{args.part} {args.hidden}: {len(store)} names, {days[0]}..{days[-1]} -> {path}", file=sys.stderr)


USES: list[dict[str, Any]] = [
    {"mode": "factor", "power": 0.5, "given_factor": True},
    {"mode": "factor", "power": 0.75, "given_factor": True},
    {"mode": "factor", "power": 1.0, "given_factor": True},
    {"mode": "factor", "power": 1.0, "given_factor": True, "floor": 0.1},
    {"mode": "factor", "power": 2.0, "given_factor": True},
    {"mode": "factor", "power": 1.0, "given_factor": False},
    {"mode": "cut", "threshold": 0.2, "given_factor": True},
    {"mode": "cut", "threshold": 0.35, "given_factor": True},
    {"mode": "cut", "threshold": 0.5, "given_factor": True},
]


def use_name(use: dict[str, Any]) -> str:
    head = f"p^{use['power']:g}" if use["mode"] == "factor" else f"cut<{use['threshold']:g}"
    head += f" floor {use['floor']:g}" if use.get("floor") else ""
    return head + ("" if use.get("given_factor", True) else " (no given-name factor)")


def load_store(stores: Path, part: str, hidden: str) -> tuple[date, dict[str, dict[str, Any]]]:
    data = json.loads(store_path(stores, part, hidden).read_text(encoding="utf-8"))
    return date.fromisoformat(data["days"][-1]), data["store"]


def examples(stores: Path | list[Path], part: str, exclude: frozenset[str] = frozenset(),
             lists: tuple[str, ...] = ("devrep", "old")) -> tuple[list[tuple[dict[str, float], int]], dict[str, int]]:
    """(features, 1 | 0) of every person / organization candidate of ``part`` that DEV_LABELS labels (both
    development lists' replays, each name once, the first folder's first; none of ``exclude``)."""
    from pipeline.discovery_kind import features

    seen: set[str] = set(exclude)
    out: list[tuple[dict[str, float], int]] = []
    folders = stores if isinstance(stores, list) else [stores]
    for folder, which in [(f, w) for f in folders for w in lists]:
        as_of, store = load_store(folder, part, which)
        for src in sorted(store.values(), key=lambda s: s["name"]):
            label = ev.DEV_LABELS.get(src["name"])
            if src["kind"] not in KINDS or label is None or src["name"] in seen:
                continue
            seen.add(src["name"])
            out.append((features(src, as_of=as_of), int(label == src["kind"])))
    counts = {"examples": len(out), "positive": sum(y for _x, y in out)}
    return out, counts


def rank(store: dict[str, dict[str, Any]], as_of: date, model: dict[str, Any] | None) -> list[Any]:
    """``ranked_memory`` with the model's factor (None: the baseline, the given-name factor alone)."""
    from pipeline import discovery_kind as dk

    saved = dict(dk.SETTINGS)
    dk.SETTINGS["enabled"] = model is not None
    try:
        if model is None:
            return ev.ranked_memory(store, as_of, KINDS, top=100)
        lo = as_of.toordinal() - 29
        rows = []
        from pipeline import name_suggestions as names

        for nid, src in store.items():
            if src["kind"] not in KINDS or not lo <= date.fromisoformat(src["last_seen"]).toordinal():
                continue
            stats = names.score(src.get("days") or [], as_of,
                                factor=dk.ranking_factor(src, as_of=as_of, model=model))
            if stats["stories"]:
                rows.append((nid, src, stats))
        rows.sort(key=lambda r: -r[2]["score"])
        return names.group(rows)[:100]
    finally:
        dk.SETTINGS.update(saved)


def measure(top: list[Any], hidden: dict[str, tuple[str, set[str]]]) -> dict[str, Any]:
    """Recall in the top 100 and precision@100 by DEV_LABELS (an unlabelled suggestion counts wrong)."""
    found = ev.evaluate(top, hidden)["found"]
    correct = sum(1 for s in top if ev.DEV_LABELS.get(s.name) == s.kind)
    unlabelled = [s.name for s in top if s.name not in ev.DEV_LABELS]
    return {"found": len(found), "precision": correct / max(1, len(top)), "unlabelled": unlabelled}


def crossval(args: argparse.Namespace) -> None:
    from pipeline.discovery_kind import fit

    lines = []
    unlabelled: dict[str, set[str]] = {}
    for train_part, test_part in (("deva", "devb"), ("devb", "deva")):
        # --disjoint: no name that is a candidate of the other half trains the model (the halves share many names)
        other = frozenset(src["name"] for which in ("devrep", "old")
                          for src in load_store(args.stores, test_part, which)[1].values()) if args.disjoint else frozenset()
        data, counts = examples(args.train_stores or [args.stores], train_part, other)
        if args.drop:  # an ablation: these feature families get no weight (so inference ignores them)
            data = [({k: v for k, v in x.items() if k.split(":")[-1].split("=")[0] not in args.drop}, y)
                    for x, y in data]
        print(f"train on {train_part}: {counts['examples']} labelled candidates, {counts['positive']} positive",
              file=sys.stderr)
        for l2 in args.l2:
            model = fit(data, l2=l2) | {"kinds": KINDS}
            for which in ("devrep", "old"):
                as_of, store = load_store(args.stores, test_part, which)
                hidden = _hidden(which)
                base = measure(rank(store, as_of, None), hidden)
                unlabelled.setdefault(test_part, set()).update(base["unlabelled"])
                row = [f"{train_part}->{test_part}", which, f"l2={l2:g}",
                       f"base {base['found']}/{base['precision']:.2f}/{len(base['unlabelled'])}"]
                for use in [USES[i] for i in args.uses] if args.uses is not None else USES:
                    m = measure(rank(store, as_of, model | {"use": use}), hidden)
                    unlabelled[test_part].update(m["unlabelled"])
                    row.append(f"{use_name(use)} {m['found']}/{m['precision']:.2f}/{len(m['unlabelled'])}")
                lines.append(" | ".join(row))
                print(lines[-1], flush=True)
    for part, names_ in unlabelled.items():
        print(f"unlabelled in a top 100 of {part} ({len(names_)}): " + ", ".join(sorted(names_)))


# chosen by the cross-checks (docs/benchmarks.md, "kind classifier"): p ** 0.5 keeps recall where p ** 1 lost it
# on the name-disjoint check (devb -> deva), at a smaller precision gain
SHIPPED_USE: dict[str, Any] = {"mode": "factor", "power": 0.5, "given_factor": True}
SHIPPED_L2 = 3.0


def balance_weights(data: list[tuple[dict[str, float], int]]) -> list[float]:
    """``--balance kind`` (stop 36, helper G): within each kind, the positive and the negative examples weigh as
    much as each other (each kind's total kept), so a kind whose labelled candidates are mostly not names (the
    organizations) does not get a lower probability for a name of the same shape and counts than the other kind."""
    groups: dict[tuple[str, int], int] = {}
    kinds = ["person" if "person:log_docs" in x else "org" for x, _y in data]
    for k, (_x, y) in zip(kinds, data, strict=True):
        groups[(k, y)] = groups.get((k, y), 0) + 1
    out = []
    for k, (_x, y) in zip(kinds, data, strict=True):
        total = groups.get((k, 0), 0) + groups.get((k, 1), 0)
        out.append(total / (2 * groups[(k, y)]))
    return out


def train(args: argparse.Namespace) -> None:
    """The shipped model: every labelled candidate of the whole development part (both lists' replays)."""
    from pipeline.discovery_kind import FEATURE_VERSION, fit

    lists = tuple(args.lists)
    # --disjoint PART: without any name that is a candidate of PART's replays (the held-out-half check)
    other = frozenset(src["name"] for f in args.stores for which in lists
                      for src in load_store(f, args.disjoint, which)[1].values()) if args.disjoint else frozenset()
    data, counts = examples(args.stores, args.part, other, lists)
    meta = json.loads(store_path(args.stores[0], args.part, lists[0]).read_text(encoding="utf-8"))
    days = meta["days"]
    model = {
        "feature_version": FEATURE_VERSION, "kinds": KINDS, "use": SHIPPED_USE, "l2": SHIPPED_L2,
        "trained_on": {"bench": "bench/discovery_kind_train.py train", "part": args.part, "days": days,
                       "lists": list(lists), "known_before": False, "disjoint_from": args.disjoint,
                       "universe": [json.loads(store_path(f, args.part, lists[0]).read_text(encoding="utf-8")).get(
                           "universe", "full") for f in args.stores],
                       "history": bool(meta.get("history")),
                       "labels": "DEV_LABELS only", "dev_labels": len(ev.DEV_LABELS), **counts},
        "balance": args.balance,
        **fit(data, l2=SHIPPED_L2, sample_weight=balance_weights(data) if args.balance == "kind" else None),
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{counts['examples']} labelled candidates ({counts['positive']} positive), "
          f"{len(model['weights'])} weights -> {args.out}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("replay")
    r.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS)
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--parts", nargs="+", default=["deva", "devb", "dev"])
    r.add_argument("--hidden", nargs="+", default=["devrep", "old"])
    r.add_argument("--universe", default="full", choices=("full", "wide", "wider"),
                   help="the known names (as discovery_eval --universe); full: the stores of stops 28-29")
    r.add_argument("--history", action="store_true",
                   help="the look-back also reads the window's days before the part (as discovery_eval --history)")
    c = sub.add_parser("crossval")
    c.add_argument("--stores", type=Path, required=True)
    c.add_argument("--l2", type=float, nargs="+", default=[SHIPPED_L2])
    c.add_argument("--uses", type=int, nargs="*", default=None, help="only these of USES (indices)")
    c.add_argument("--train-stores", type=Path, nargs="+", default=None,
                   help="train on these replays' candidates (default: --stores; the other half is scored on --stores)")
    c.add_argument("--disjoint", action="store_true", help="train without the names the other half has")
    c.add_argument("--drop", nargs="*", default=[], help="feature families left out (an ablation)")
    t = sub.add_parser("train")
    t.add_argument("--stores", type=Path, nargs="+", required=True,
                   help="replay folders; a name labelled in several is taken from the first")
    t.add_argument("--part", default="dev", choices=("dev", "deva", "devb"))
    t.add_argument("--out", type=Path, default=ROOT / "pipeline" / "data" / "discovery" / "kind_model.json")
    t.add_argument("--balance", default="none", choices=("none", "kind"),
                   help="kind: positives and negatives weigh the same within each kind (the variant of stop 36)")
    t.add_argument("--lists", nargs="+", default=["devrep", "old"], help="the replays' lists (stop 36: devrep devtail)")
    t.add_argument("--disjoint", default=None, choices=("deva", "devb"),
                   help="train without the names that are candidates of this part (the held-out-half check)")
    w = sub.add_parser("wrap")
    w.add_argument("--dump", type=Path, required=True, help="a discovery_eval --dump-store file (--no-known-before)")
    w.add_argument("--part", required=True)
    w.add_argument("--hidden", required=True)
    w.add_argument("--universe", default="broadest")
    w.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    {"replay": replay, "crossval": crossval, "train": train, "wrap": wrap}[args.cmd](args)


if __name__ == "__main__":
    main()
