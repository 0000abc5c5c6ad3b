"""Tagging and Libya-relevance benchmark of ``pipeline.tag`` on the project's own labelled sets.

    .venv/bin/python bench/tagging_eval.py [--gold-tags FILE] [--gold-relevance FILE] [--errors]

Gold sets (hand-written Arabic, see their headers for the labelling rules):

* ``tests/data/tagging_gold.yaml``: sentences / short paragraphs with the expected gazetteer ids
  (``persons``, ``places``, ``orgs``) and, for some items, the expected ``topics``.
  Each text is tagged as a body with no title.  Scores are micro-averaged over items on sets
  of ids (an entity counts once per item however often it is named): per type, and overall
  over persons + places + orgs.  Topics are scored only on items that carry a ``topics`` key.
* ``tests/data/relevance_gold.yaml``: short articles (``title``, ``body``) with ``relevant`` and
  ``kind`` (positive / hard_negative / easy_negative).  Each is scored with
  ``libya_focused=False`` (the decision for pan-Arab feeds); the prediction is
  ``Tags.libya_relevant``.  Reported: precision, recall, F1, and the false-positive rate on the
  hard negatives and on the easy negatives.

Speed: the relevance articles are concatenated into ~2,000-character documents (the size of a
typical news body), tagged once to warm up, then tagged in a timed loop; reported as ms per
1,000 documents and documents per second (one core, the tagger already built).  With
``--corpus DIR`` (SaudiNewsNet zips, read at run time, never stored) every article of the real
corpus is also tagged once: docs/s on real text, and how many come out Libya-relevant.

The last line of output is one JSON object with every number above.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.tag import Tagger, get_tagger  # noqa: E402

ENTITY_TYPES = ("persons", "places", "orgs")
DEFAULT_TAGS = REPO / "tests" / "data" / "tagging_gold.yaml"
DEFAULT_RELEVANCE = REPO / "tests" / "data" / "relevance_gold.yaml"


def load(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn,
            "support": tp + fn}


def check_ids(items: Iterable[dict[str, Any]], tagger: Tagger) -> list[str]:
    """Gold ids that are not in the gazetteer / topic rules (a typo in the gold set)."""
    bad = []
    for i, item in enumerate(items):
        for typ in ENTITY_TYPES:
            for eid in item.get(typ) or []:
                ent = tagger.entities.get(eid)
                if ent is None or f"{ent['kind']}s" != typ:
                    bad.append(f"item {i}: {typ} {eid}")
        for tid in item.get("topics") or []:
            if tid not in tagger.topics:
                bad.append(f"item {i}: topic {tid}")
    return bad


def eval_tags(items: list[dict[str, Any]], tagger: Tagger) -> tuple[dict[str, Any], list[str]]:
    counts = {t: [0, 0, 0] for t in (*ENTITY_TYPES, "topics")}
    errors: list[str] = []
    for item in items:
        tags = tagger.tag(None, item["text"])
        got = {
            "persons": {m.id for m in tags.persons},
            "places": {m.id for m in tags.places},
            "orgs": {m.id for m in tags.orgs},
            "topics": {m.id for m in tags.topics},
        }
        for typ in (*ENTITY_TYPES, "topics"):
            if typ == "topics" and "topics" not in item:
                continue
            gold = set(item.get(typ) or [])
            c = counts[typ]
            c[0] += len(gold & got[typ])
            c[1] += len(got[typ] - gold)
            c[2] += len(gold - got[typ])
            if gold != got[typ]:
                errors.append(f"[{typ}] +{sorted(got[typ] - gold)} -{sorted(gold - got[typ])} :: {item['text'][:90]}")
    result: dict[str, Any] = {t: prf(*counts[t]) for t in (*ENTITY_TYPES, "topics")}
    overall = [sum(counts[t][k] for t in ENTITY_TYPES) for k in range(3)]
    result["entities_micro"] = prf(*overall)
    result["items"] = len(items)
    result["items_with_topics"] = sum(1 for i in items if "topics" in i)
    return result, errors


def eval_relevance(items: list[dict[str, Any]], tagger: Tagger) -> tuple[dict[str, Any], list[str]]:
    tp = fp = fn = 0
    kind_fp: dict[str, list[int]] = {"hard_negative": [0, 0], "easy_negative": [0, 0]}
    errors: list[str] = []
    for item in items:
        tags = tagger.tag(item["title"], item["body"], libya_focused=False)
        pred, gold = tags.libya_relevant, bool(item["relevant"])
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        if item["kind"] in kind_fp:
            kind_fp[item["kind"]][0] += pred
            kind_fp[item["kind"]][1] += 1
        if pred != gold:
            errors.append(f"[{'FP' if pred else 'FN'} {item['kind']}] {tags.libya_relevance:.3f} "
                          f"{tags.evidence} :: {item['title']}")
    result: dict[str, Any] = prf(tp, fp, fn)
    result["items"] = len(items)
    result["positives"] = sum(1 for i in items if i["relevant"])
    for kind, (n_fp, n) in kind_fp.items():
        result[f"{kind}_count"] = n
        result[f"{kind}_fp_rate"] = round(n_fp / n, 4) if n else 0.0
    return result, errors


def speed(items: list[dict[str, Any]], tagger: Tagger, *, docs: int = 2000, size: int = 2000) -> dict[str, Any]:
    texts = [f"{i['title']}. {i['body']}" for i in items]
    corpus: list[str] = []
    buf, k = "", 0
    while len(corpus) < 200:
        buf += " " + texts[k % len(texts)]
        k += 1
        if len(buf) >= size:
            corpus.append(buf[:size])
            buf = ""
    for t in corpus:
        tagger.tag("", t)
    t0 = time.perf_counter()
    for n in range(docs):
        tagger.tag("", corpus[n % len(corpus)])
    elapsed = time.perf_counter() - t0
    return {"docs": docs, "chars_per_doc": size, "ms_per_1000_docs": round(elapsed * 1000 / docs * 1000, 1),
            "docs_per_s": round(docs / elapsed, 1)}


def corpus_run(corpus: Path, tagger: Tagger) -> dict[str, Any]:
    arts: list[dict[str, Any]] = []
    for z in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                arts.extend(a for a in json.loads(zf.read(name)) if a.get("content"))
    t0 = time.perf_counter()
    relevant = sum(tagger.tag(a.get("title"), a["content"]).libya_relevant for a in arts)
    elapsed = time.perf_counter() - t0
    chars = sum(len(a["content"]) for a in arts)
    return {"corpus": corpus.name, "docs": len(arts), "mean_chars": round(chars / max(1, len(arts))),
            "docs_per_s": round(len(arts) / elapsed, 1), "relevant": relevant}


def _row(name: str, m: dict[str, Any]) -> str:
    return f"| {name:<16} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']:>4} |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold-tags", type=Path, default=DEFAULT_TAGS)
    ap.add_argument("--gold-relevance", type=Path, default=DEFAULT_RELEVANCE)
    ap.add_argument("--errors", action="store_true", help="print every mismatch")
    ap.add_argument("--docs", type=int, default=2000, help="documents in the timed loop")
    ap.add_argument("--corpus", type=Path, help="SaudiNewsNet directory (../shared/corpus/saudinewsnet)")
    args = ap.parse_args(argv)

    tagger = get_tagger()
    tag_items, rel_items = load(args.gold_tags), load(args.gold_relevance)
    bad = check_ids(tag_items, tagger)
    if bad:
        print("unknown ids in the gold set:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 2
    tag_res, tag_err = eval_tags(tag_items, tagger)
    rel_res, rel_err = eval_relevance(rel_items, tagger)
    spd = speed(rel_items, tagger, docs=args.docs)
    real = corpus_run(args.corpus, tagger) if args.corpus else None

    if args.errors:
        for line in tag_err + rel_err:
            print(line)
        print()
    print(f"Entity tagging: {tag_res['items']} items ({tag_res['items_with_topics']} with topic labels)")
    print("| type             | P     | R     | F1    | gold |")
    print("|------------------|-------|-------|-------|------|")
    for typ in ENTITY_TYPES:
        print(_row(typ, tag_res[typ]))
    print(_row("micro (entities)", tag_res["entities_micro"]))
    print(_row("topics", tag_res["topics"]))
    print()
    print(f"Libya relevance (libya_focused=False): {rel_res['items']} articles, {rel_res['positives']} relevant, "
          f"{rel_res['hard_negative_count']} hard negatives, {rel_res['easy_negative_count']} easy negatives")
    print("| P     | R     | F1    | FP rate, hard negatives | FP rate, easy negatives |")
    print("|-------|-------|-------|-------------------------|-------------------------|")
    print(f"| {rel_res['precision']:.3f} | {rel_res['recall']:.3f} | {rel_res['f1']:.3f} | "
          f"{rel_res['hard_negative_fp_rate']:<23.3f} | {rel_res['easy_negative_fp_rate']:<23.3f} |")
    print()
    print(f"Speed: {spd['ms_per_1000_docs']:.0f} ms per 1,000 documents of {spd['chars_per_doc']} characters "
          f"({spd['docs_per_s']:.0f} docs/s, one core)")
    if real:
        print(f"Real corpus {real['corpus']}: {real['docs']} articles (mean {real['mean_chars']} characters), "
              f"{real['docs_per_s']:.0f} docs/s, {real['relevant']} Libya-relevant")
    out: dict[str, Any] = {"tagging": tag_res, "relevance": rel_res, "speed": spd}
    if real:
        out["corpus"] = real
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
