"""Near-duplicate benchmark: MinHash + LSH of ``pipeline.dedup`` on real syndicated copies.

    .venv/bin/python bench/dedup.py --corpus ../shared/corpus/saudinewsnet

Corpus: SaudiNewsNet (one JSON array per zip; fields ``source, url,
date_extracted, title, author, content``), read at run time from ``--corpus``;
no corpus text is stored in the repository. Wire stories appear in several
outlets with small edits, so the corpus holds real near-duplicates.

Labelled pair set (exactly how):

1. Documents: every article whose ``content`` has at least 200 characters (the
   pipeline's ``min_body_chars``), in ``date_extracted`` order; words are
   ``pipeline.dedup.tokens`` (``pipeline.normalize.normalize``, then ``\\w+``).
   Bodies with the same word sequence (= the same ``content_hash``) are exact
   duplicates, handled by the hash and collapsed to one document here.
2. Candidate pool (independent of MinHash): an exact inverted index of word
   4-grams; 4-grams found in more than 50 documents (boilerplate) are ignored;
   every pair sharing 4-grams that cover at least 20 % of the smaller
   document's distinct 4-grams is a candidate.
3. Stricter rule (alignment, not shingle sets): ``difflib.SequenceMatcher``
   over the two word sequences (``autojunk=False``); words in matching blocks
   of at least 4 words are "shared"; coverage = shared / length, per document.
   * positive: both coverages >= 0.70 (a copy with small edits: a rewritten lead,
     a changed tail, an added paragraph leave at most 30 % of either text unshared);
   * hard negative: the smaller coverage < 0.40;
   * partial (0.40 <= smaller coverage < 0.70): the same story extended or cut by a
     third or more, or a fixed template reused for a different event (the same
     ministry-meeting wording with another agenda). Text overlap alone cannot tell
     these apart, so they are NOT scored; how often they are merged is printed,
     and precision/recall with them counted as negatives or as positives too.
4. Random negatives: ``--random`` random pairs (seeded) outside the pool,
   labelled by the same rule (all come out negative on this corpus).

Decision under test (the code of ``pipeline.dedup``): a pair is a near-duplicate
when the documents share an LSH band key (``band_keys``) and the estimated
Jaccard of their signatures (``estimate_jaccard``) reaches the threshold. The
grid (shingle size 2..5 x threshold 0.40..0.80, bands x rows from
``lsh_params``) compares band rows with numpy (equivalent to equal band keys);
for the cells meeting both targets it also runs the clustering of production
(in date order, each document joins the earliest cluster lead it matches) and
prints same-cluster precision / recall. The selection rule: highest pair F1
among cells meeting both targets. The cell in ``pipeline.dedup``
(``SHINGLE_SIZE``, ``THRESHOLD``, ``BANDS`` x ``ROWS``) is then run for real:
``features()`` (content hash, ``signature``) for every document in date order
and ``MemoryClusterer`` (exact hash, LSH candidates among leads in a
``BandIndex``, Jaccard check). Its pair decisions give the headline precision
and recall; its wall time over all documents (exact copies included), one
process, gives ``docs_per_s``.

Prints tables, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import sys
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline import dedup  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
MIN_BODY_CHARS = 200
POOL_NGRAM = 4
POOL_MAX_DF = 50
POOL_MIN_CONTAINMENT = 0.2
ALIGN_MIN_BLOCK = 4
POSITIVE_COVERAGE = 0.70
NEGATIVE_COVERAGE = 0.40
SHINGLE_GRID = (2, 3, 4, 5)
THRESHOLD_GRID = (0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80)
TARGET_PRECISION = 0.98
TARGET_RECALL = 0.90


@dataclass
class Doc:
    source: str
    date: str
    text: str
    words: list[str]
    chash: str


@dataclass
class Pair:
    i: int
    j: int
    cov_min: float
    cov_max: float
    label: str  # "pos" | "neg" | "partial"
    origin: str  # "pool" | "random"


def load_corpus(corpus: Path, max_docs: int | None) -> list[Doc]:
    rows: list[dict[str, str]] = []
    for zpath in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                rows.extend(json.loads(zf.read(name)))
    rows = [r for r in rows if len((r.get("content") or "").strip()) >= MIN_BODY_CHARS]
    rows.sort(key=lambda r: (r.get("date_extracted") or "", r.get("url") or ""))
    if max_docs:
        rows = rows[:max_docs]
    docs = []
    for r in rows:
        words = dedup.tokens(r["content"])
        docs.append(Doc(r.get("source") or "", r.get("date_extracted") or "", r["content"], words,
                        dedup.content_hash(r["content"])))
    return docs


def coverage(a: list[str], b: list[str]) -> tuple[float, float]:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    shared = sum(bl.size for bl in sm.get_matching_blocks() if bl.size >= ALIGN_MIN_BLOCK)
    return shared / max(1, len(a)), shared / max(1, len(b))


def label_of(cov_min: float) -> str:
    if cov_min >= POSITIVE_COVERAGE:
        return "pos"
    if cov_min < NEGATIVE_COVERAGE:
        return "neg"
    return "partial"


def candidate_pool(docs: list[Doc]) -> list[tuple[int, int]]:
    postings: dict[int, list[int]] = defaultdict(list)
    sizes = np.zeros(len(docs), dtype=np.int64)
    for idx, d in enumerate(docs):
        w = d.words
        grams = {hash(" ".join(w[k : k + POOL_NGRAM])) for k in range(max(1, len(w) - POOL_NGRAM + 1))}
        sizes[idx] = len(grams)
        for g in grams:
            postings[g].append(idx)
    n = len(docs)
    chunks = []
    for ids in postings.values():
        if 2 <= len(ids) <= POOL_MAX_DF:
            arr = np.asarray(ids, dtype=np.int64)
            ii, jj = np.triu_indices(len(arr), 1)
            chunks.append(arr[ii] * n + arr[jj])
    if not chunks:
        return []
    codes, counts = np.unique(np.concatenate(chunks), return_counts=True)
    left, right = codes // n, codes % n
    keep = counts / np.minimum(sizes[left], sizes[right]) >= POOL_MIN_CONTAINMENT
    return list(zip(left[keep].tolist(), right[keep].tolist(), strict=True))


def build_pairs(docs: list[Doc], n_random: int, seed: int) -> list[Pair]:
    pairs = []
    pool = candidate_pool(docs)
    in_pool = set(pool)
    for i, j in pool:
        ca, cb = coverage(docs[i].words, docs[j].words)
        pairs.append(Pair(i, j, min(ca, cb), max(ca, cb), label_of(min(ca, cb)), "pool"))
    rng = random.Random(seed)
    seen: set[tuple[int, int]] = set()
    while len(seen) < n_random and len(docs) > 1:
        i, j = sorted(rng.sample(range(len(docs)), 2))
        if (i, j) in in_pool or (i, j) in seen:
            continue
        seen.add((i, j))
        ca, cb = coverage(docs[i].words, docs[j].words)
        pairs.append(Pair(i, j, min(ca, cb), max(ca, cb), label_of(min(ca, cb)), "random"))
    return pairs


def prf(pred: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & pos).sum())
    fp = int((pred & neg).sum())
    fn = int((~pred & pos).sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def lsh_candidate(sig: np.ndarray, left: np.ndarray, right: np.ndarray, bands: int, rows: int) -> np.ndarray:
    a = sig[left, : bands * rows].reshape(len(left), bands, rows)
    b = sig[right, : bands * rows].reshape(len(right), bands, rows)
    return np.asarray((a == b).all(axis=2).any(axis=1))


def run_grid(docs: list[Doc], pairs: list[Pair]) -> list[dict[str, float]]:
    left = np.array([p.i for p in pairs], dtype=np.int64)
    right = np.array([p.j for p in pairs], dtype=np.int64)
    pos = np.array([p.label == "pos" for p in pairs])
    neg = np.array([p.label == "neg" for p in pairs])
    rows_out = []
    for k in SHINGLE_GRID:
        sig = np.zeros((len(docs), dedup.NUM_PERM), dtype=np.uint32)
        for idx in range(len(docs)):
            hv = dedup.minhash_values(dedup.shingles(docs[idx].words, k))
            if len(hv):
                sig[idx] = hv
        est = (sig[left] == sig[right]).mean(axis=1)
        for t in THRESHOLD_GRID:
            bands, rows = dedup.lsh_params(t)
            pred = lsh_candidate(sig, left, right, bands, rows) & (est >= t - 1e-9)
            p, r, f = prf(pred, pos, neg)
            cell = {"shingle": k, "threshold": t, "bands": bands, "rows": rows, "precision": p, "recall": r,
                    "f1": f}
            if p >= TARGET_PRECISION and r >= TARGET_RECALL:
                # documents are in date order: the clustering of production, run over the whole corpus
                cl = star_clusters(sig, t, bands, rows)
                cell["cluster_precision"], cell["cluster_recall"], _ = prf(cl[left] == cl[right], pos, neg)
            rows_out.append(cell)
    return rows_out


def star_clusters(sig: np.ndarray, threshold: float, bands: int, rows: int) -> np.ndarray:
    """Cluster of every document with the rule of ``MemoryClusterer`` (earliest matching lead),
    bands compared as raw rows (equivalent to equal band keys)."""
    buckets: dict[bytes, list[int]] = defaultdict(list)
    cluster = np.zeros(len(sig), dtype=np.int64)
    for n in range(len(sig)):
        keys = [bytes([b]) + sig[n, b * rows : (b + 1) * rows].tobytes() for b in range(bands)]
        cands = sorted({m for key in keys for m in buckets.get(key, ())})
        ok = [m for m in cands if (sig[n] == sig[m]).mean() >= threshold - 1e-9]
        if ok:
            cluster[n] = ok[0]
        else:
            cluster[n] = n
            for key in keys:
                buckets[key].append(n)
    return cluster


def choose(grid: list[dict[str, float]]) -> dict[str, float] | None:
    """Highest F1 among cells meeting both targets; ties go to the larger (stricter) threshold."""
    ok = [g for g in grid if g["precision"] >= TARGET_PRECISION and g["recall"] >= TARGET_RECALL]
    return max(ok, key=lambda g: (round(g["f1"], 4), g["threshold"])) if ok else None


def run_pipeline(docs: list[Doc], all_texts: list[tuple[str, str]]) -> tuple[float, float, dedup.MemoryClusterer]:
    """The production path over every document (exact copies included): returns docs/s.

    Per document: ``features`` (normalize once, content hash, signature, band keys)
    and ``MemoryClusterer.add`` (exact hash, lead candidates, Jaccard check). The
    clusterer also queries a second band index of all documents for the pair-level
    decision; that work is not needed in production, so the rate is conservative."""
    t0, c0 = time.perf_counter(), time.process_time()
    clusterer = dedup.MemoryClusterer()
    for key, text in all_texts:
        chash, sig, bands = dedup.features(text)
        clusterer.add(key, chash, sig, bands)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    return len(all_texts) / elapsed, len(all_texts) / cpu, clusterer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--random", type=int, default=10000, help="random negative pairs (default 10000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-docs", type=int, default=None, help="only the first N documents (quick runs)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    t_start = time.perf_counter()
    loaded = load_corpus(args.corpus, args.max_docs)
    all_texts = [(f"d{n}", d.text) for n, d in enumerate(loaded)]
    first: dict[str, int] = {}
    docs: list[Doc] = []
    for d in loaded:
        if d.chash not in first:
            first[d.chash] = len(docs)
            docs.append(d)
    print(f"documents: {len(loaded)} with >= {MIN_BODY_CHARS} chars, {len(docs)} distinct bodies "
          f"({len(loaded) - len(docs)} exact copies collapsed)")

    t0 = time.perf_counter()
    pairs = build_pairs(docs, args.random, args.seed)
    n_pos = sum(p.label == "pos" for p in pairs)
    n_neg = sum(p.label == "neg" for p in pairs)
    n_part = sum(p.label == "partial" for p in pairs)
    n_pool = sum(p.origin == "pool" for p in pairs)
    print(f"labelled pairs ({time.perf_counter() - t0:.0f}s): pool {n_pool} + random {len(pairs) - n_pool}; "
          f"positive {n_pos}, negative {n_neg} "
          f"(hard {sum(p.label == 'neg' and p.origin == 'pool' for p in pairs)}), partial (unscored) {n_part}")

    t0 = time.perf_counter()
    grid = run_grid(docs, pairs)
    print(f"\ngrid ({time.perf_counter() - t0:.0f}s): precision / recall of the pair decision "
          "(LSH candidate and estimated Jaccard >= threshold)")
    print("shingle | " + " | ".join(f"t={t:.2f} ({dedup.lsh_params(t)[0]}x{dedup.lsh_params(t)[1]})"
                                     for t in THRESHOLD_GRID))
    for k in SHINGLE_GRID:
        cells = [g for g in grid if g["shingle"] == k]
        print(f"{k:7d} | " + " | ".join(f"{g['precision']:.3f}/{g['recall']:.3f}".ljust(14) for g in cells))
    print("\nsame-cluster precision / recall (clustering of pipeline.dedup: earliest matching lead), "
          "cells meeting the pair targets:")
    for g in grid:
        if "cluster_precision" in g:
            print(f"  shingle {g['shingle']}, t={g['threshold']:.2f}: "
                  f"{g['cluster_precision']:.3f} / {g['cluster_recall']:.3f}")
    best = choose(grid)
    if best:
        print(f"best cell by the rule (max F1 with P >= {TARGET_PRECISION}, R >= {TARGET_RECALL}): "
              f"shingle {best['shingle']}, threshold {best['threshold']:.2f}, "
              f"P {best['precision']:.3f} R {best['recall']:.3f} F1 {best['f1']:.3f}")
    else:
        print("no grid cell meets both targets")
    chosen = (dedup.SHINGLE_SIZE, dedup.THRESHOLD)
    if best and (best["shingle"], best["threshold"]) != chosen:
        print(f"NOTE: pipeline.dedup uses shingle {chosen[0]}, threshold {chosen[1]} (not the best cell)")

    rate, cpu_rate, clusterer = run_pipeline(docs, all_texts)
    print(f"\nchosen: shingle {dedup.SHINGLE_SIZE}, threshold {dedup.THRESHOLD}, "
          f"{dedup.BANDS} bands x {dedup.ROWS} rows, {dedup.NUM_PERM} permutations")
    # map distinct-body index -> the key of its first copy in all_texts
    key_of: dict[int, str] = {}
    for n, d in enumerate(loaded):
        key_of.setdefault(first[d.chash], f"d{n}")
    pred = np.array([clusterer.matched(key_of[p.i], key_of[p.j]) for p in pairs])
    same = np.array([clusterer.cluster_of(key_of[p.i]) == clusterer.cluster_of(key_of[p.j]) for p in pairs])
    pos = np.array([p.label == "pos" for p in pairs])
    neg = np.array([p.label == "neg" for p in pairs])
    part = np.array([p.label == "partial" for p in pairs])
    precision, recall, f1 = prf(pred, pos, neg)
    cp, cr, _ = prf(same, pos, neg)
    sp, _, _ = prf(pred, pos, neg | part)
    _, lr, _ = prf(pred, pos | part, neg)
    cov_min = np.array([p.cov_min for p in pairs])
    sizes = clusterer.cluster_sizes()
    print("metric                                   | value")
    print(f"pair decision precision                  | {precision:.4f}")
    print(f"pair decision recall                     | {recall:.4f}")
    print(f"pair decision F1                         | {f1:.4f}")
    print(f"same-cluster precision                   | {cp:.4f}")
    print(f"same-cluster recall                      | {cr:.4f}")
    print(f"precision if partial pairs were negative | {sp:.4f}")
    print(f"recall if partial pairs were positive    | {lr:.4f}")
    for lo, hi in ((0.4, 0.5), (0.5, 0.6), (0.6, 0.7)):
        band = part & (cov_min >= lo) & (cov_min < hi)
        print(f"partial {lo:.1f}-{hi:.1f} merged                   | "
              f"{int((pred & band).sum())}/{int(band.sum())}")
    print(f"clusters (size>1) / largest              | {sum(1 for s in sizes if s > 1)} / {max(sizes, default=0)}")
    load = os.getloadavg()[0]
    print(f"throughput (signature+LSH+decide)        | {rate:.0f} docs/s over {len(all_texts)} docs, 1 process "
          f"(1-min load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"throughput per CPU second                | {cpu_rate:.0f} docs/s (what one idle core would do)")
    print(f"total bench time                         | {time.perf_counter() - t_start:.0f}s")
    print(json.dumps({
        "precision": round(precision, 4), "recall": round(recall, 4), "docs_per_s": round(rate, 1), "docs_per_cpu_s": round(cpu_rate, 1),
        "f1": round(f1, 4), "cluster_precision": round(cp, 4), "cluster_recall": round(cr, 4),
        "shingle": dedup.SHINGLE_SIZE, "threshold": dedup.THRESHOLD, "bands": dedup.BANDS, "rows": dedup.ROWS,
        "num_perm": dedup.NUM_PERM, "positives": n_pos, "negatives": n_neg, "partial_unscored": n_part,
        "documents": len(all_texts), "distinct_bodies": len(docs), "load_avg": round(load, 1),
        "grid_best": {"shingle": best["shingle"], "threshold": best["threshold"]} if best else None,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
