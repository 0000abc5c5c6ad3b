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
import hashlib
import json
import os
import random
import sys
import time
import zipfile
from collections import Counter, defaultdict
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
    url: str = ""
    title: str = ""


@dataclass
class Pair:
    i: int
    j: int
    cov_min: float
    cov_max: float
    label: str  # "pos" | "neg" | "partial"
    origin: str  # "pool" | "random"
    part: str | None = None  # "tune" | "test" | None (documents on both sides of the split date)
    hand: str | None = None  # partial pairs labelled by hand: "dup" | "not" | "unsure"


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
                        dedup.content_hash(r["content"]), r.get("url") or "", r.get("title") or ""))
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


# -- split: choose on one part, report on the other ----------------------------------------------------
def split_date(docs: list[Doc]) -> str:
    """The median ``date_extracted`` of the distinct bodies: earlier documents tune, later ones test."""
    dates = sorted(d.date for d in docs)
    return dates[len(dates) // 2]


def assign_parts(docs: list[Doc], pairs: list[Pair], cut: str) -> None:
    """A pair is in ``tune`` when both documents are older than ``cut``, in ``test`` when neither is;
    pairs across the cut belong to neither, so no document is in both parts."""
    for p in pairs:
        a, b = docs[p.i].date < cut, docs[p.j].date < cut
        p.part = "tune" if a and b else "test" if not a and not b else None


# -- the partial band, labelled by hand -------------------------------------------------------------------
PARTIAL_BANDS = ((0.40, 0.50), (0.50, 0.60), (0.60, 0.70))
LABELS_FILE = ROOT / "bench" / "data" / "dedup_partial_labels.tsv"
SAMPLE_SEED = 2026
SAMPLE_PER_BAND = {"tune": 20, "test": 40}
HAND_RULES = {
    # same story: the pair should share a cluster
    "D1": "dup: one text is a cut of the other (a shorter edit of the same report)",
    "D2": "dup: the same report with background, quotes or a paragraph added",
    "D3": "dup: the same event (actors, action, occasion) reported by two outlets in their own words",
    # not the same story
    "N1": "not: a fixed template or formula reused for another event (other person, meeting, match, figures)",
    "N2": "not: one text is a digest, column or round-up in which the other story is one part",
    "N3": "not: a follow-up whose lead is a new development; the shared part is background",
    "N4": "not: the shared part is a quoted statement, boilerplate or background while the news differs",
    "U": "unsure: the texts do not settle it (excluded from the scores, counted)",
}


def band_of(cov_min: float) -> str:
    for lo, hi in PARTIAL_BANDS:
        if lo <= cov_min < hi:
            return f"{lo:.1f}-{hi:.1f}"
    return ""


def sample_partials(pairs: list[Pair], seed: int = SAMPLE_SEED,
                    per_band: dict[str, int] | None = None) -> list[Pair]:
    """The stratified sample to label: ``per_band[part]`` pairs from each band of each part (seeded)."""
    rng = random.Random(seed)
    out = []
    for part, n in (per_band or SAMPLE_PER_BAND).items():
        for lo, hi in PARTIAL_BANDS:
            band = [p for p in pairs if p.label == "partial" and p.part == part and lo <= p.cov_min < hi]
            out.extend(rng.sample(band, min(n, len(band))))
    return out


def doc_key(doc: Doc) -> str:
    """How the labels file names a document: 16 hex digits of sha1(url) (URLs hold headline words)."""
    return hashlib.sha1(doc.url.encode()).hexdigest()[:16]


def pair_key(docs: list[Doc], p: Pair) -> tuple[str, str]:
    a, b = doc_key(docs[p.i]), doc_key(docs[p.j])
    return (a, b) if a <= b else (b, a)


def load_labels(path: Path = LABELS_FILE) -> dict[tuple[str, str], tuple[str, str]]:
    """(doc, doc) -> (label, rule) from the labels file (TSV: part, band, doc_a, doc_b, label, rule, note)."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if not path.is_file():
        return out
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("part\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 6 or cols[4] not in ("dup", "not", "unsure") or cols[5] not in HAND_RULES:
            raise ValueError(f"{path}:{n}: expected part, band, doc_a, doc_b, dup|not|unsure, rule code, note")
        a, b = sorted(cols[2:4])
        out[(a, b)] = (cols[4], cols[5])
    return out


def apply_labels(docs: list[Doc], pairs: list[Pair], labels: dict[tuple[str, str], tuple[str, str]]) -> int:
    """Set ``hand`` on the labelled partial pairs; returns how many labels matched no partial pair."""
    seen = 0
    for p in pairs:
        if p.label == "partial":
            got = labels.get(pair_key(docs, p))
            if got:
                p.hand = got[0]
                seen += 1
    return len(labels) - seen


def review_text(docs: list[Doc], p: Pair, n: int) -> str:
    """One pair as the labeller reads it: titles, then what only one side says (runs not in a shared
    block of >= 4 words), then the start of the shared text.  Written OUTSIDE the repository."""
    a, b = docs[p.i], docs[p.j]
    sm = difflib.SequenceMatcher(None, a.words, b.words, autojunk=False)
    blocks = [bl for bl in sm.get_matching_blocks() if bl.size >= ALIGN_MIN_BLOCK]

    def only(words: list[str], starts: list[tuple[int, int]]) -> str:
        covered = np.zeros(len(words), dtype=bool)
        for st, size in starts:
            covered[st : st + size] = True
        runs, cur = [], []
        for w, c in zip(words, covered, strict=True):
            if c:
                if cur:
                    runs.append(cur)
                cur = []
            else:
                cur.append(w)
        if cur:
            runs.append(cur)
        return " | ".join(" ".join(r[:45]) + (" …" if len(r) > 45 else "") for r in runs[:5])

    shared = " ".join(a.words[blocks[0].a : blocks[0].a + 30]) if blocks else ""
    return (f"#{n} part={p.part} band={band_of(p.cov_min)} cov={p.cov_min:.2f}/{p.cov_max:.2f}\n"
            f"A [{a.source} {a.date[:10]} {len(a.words)}w] {a.title}\n"
            f"B [{b.source} {b.date[:10]} {len(b.words)}w] {b.title}\n"
            f"A only: {only(a.words, [(bl.a, bl.size) for bl in blocks])}\n"
            f"B only: {only(b.words, [(bl.b, bl.size) for bl in blocks])}\n"
            f"shared starts: {shared}\n")


def write_review(docs: list[Doc], sample: list[Pair], path: Path) -> None:
    """The sample to label, with the text needed to judge it, and a TSV skeleton to fill in.  Corpus
    text must never enter the repository, so ``path`` must be outside it."""
    if path.resolve().is_relative_to(ROOT):
        raise SystemExit(f"refusing to write corpus text inside the repository: {path}")
    path.write_text("\n".join(review_text(docs, p, n) for n, p in enumerate(sample)), encoding="utf-8")
    skeleton = path.with_suffix(".tsv")
    skeleton.write_text("".join(f"{p.part}\t{band_of(p.cov_min)}\t{doc_key(docs[p.i])}\t{doc_key(docs[p.j])}\t\t\t#{n}\n"
                                for n, p in enumerate(sample)), encoding="utf-8")


@dataclass
class Truth:
    """What one set of scored pairs says: positive and negative masks over all pairs, and each pair's
    weight (1 for a pair labelled by alignment, N/n for a hand-labelled partial pair of a band of N
    partial pairs of which n were labelled, 0 for every pair outside the set)."""

    pos: np.ndarray
    neg: np.ndarray
    w: np.ndarray


def truth(pairs: list[Pair], part: str | None, *, partials: bool) -> Truth:
    """The scored pairs of ``part`` (None = all): the alignment labels, and with ``partials`` the
    hand-labelled partial pairs too, each standing for its share of its band (stratified estimate)."""
    n = len(pairs)
    in_part = np.array([part is None or p.part == part for p in pairs])
    pos = np.array([p.label == "pos" for p in pairs]) & in_part
    neg = np.array([p.label == "neg" for p in pairs]) & in_part
    w = (pos | neg).astype(float)
    if partials:
        for lo, hi in PARTIAL_BANDS:
            band = np.array([p.label == "partial" and lo <= p.cov_min < hi for p in pairs]) & in_part
            judged = band & np.array([p.hand in ("dup", "not") for p in pairs])
            if judged.any():
                w[judged] = band.sum() / judged.sum()
        pos = pos | (np.array([p.hand == "dup" for p in pairs]) & in_part)
        neg = neg | (np.array([p.hand == "not" for p in pairs]) & in_part)
    return Truth(pos, neg, np.where(pos | neg, w, 0.0) if n else w)


def prf(pred: np.ndarray, t: Truth) -> tuple[float, float, float]:
    tp = float(t.w[pred & t.pos].sum())
    fp = float(t.w[pred & t.neg].sum())
    fn = float(t.w[~pred & t.pos].sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bootstrap_prf(pred: np.ndarray, pairs: list[Pair], part: str, *, reps: int = 1000,
                  seed: int = 7) -> dict[str, tuple[float, float]]:
    """95 % intervals of precision and recall with the partial band, resampling the hand-labelled
    partial pairs within each band (the alignment-labelled pairs are the whole population)."""
    rng = np.random.default_rng(seed)
    base = truth(pairs, part, partials=True)
    hand = [np.flatnonzero(np.array([p.part == part and p.hand in ("dup", "not") and lo <= p.cov_min < hi
                                     for p in pairs])) for lo, hi in PARTIAL_BANDS]
    ps, rs = [], []
    for _ in range(reps):
        w = base.w.copy()
        for idx in hand:
            if len(idx):
                w[idx] = 0.0
                picks = rng.choice(idx, size=len(idx), replace=True)
                np.add.at(w, picks, base.w[idx[0]])
        p, r, _ = prf(pred, Truth(base.pos, base.neg, w))
        ps.append(p)
        rs.append(r)
    return {"precision": (float(np.percentile(ps, 2.5)), float(np.percentile(ps, 97.5))),
            "recall": (float(np.percentile(rs, 2.5)), float(np.percentile(rs, 97.5)))}


def lsh_candidate(sig: np.ndarray, left: np.ndarray, right: np.ndarray, bands: int, rows: int) -> np.ndarray:
    a = sig[left, : bands * rows].reshape(len(left), bands, rows)
    b = sig[right, : bands * rows].reshape(len(right), bands, rows)
    return np.asarray((a == b).all(axis=2).any(axis=1))


@dataclass
class Grid:
    """The pair decision of every cell (shingle size x threshold) on every labelled pair, and the
    signatures to cluster with."""

    preds: dict[tuple[int, float], np.ndarray]
    sigs: dict[int, np.ndarray]


def run_grid(docs: list[Doc], pairs: list[Pair]) -> Grid:
    left = np.array([p.i for p in pairs], dtype=np.int64)
    right = np.array([p.j for p in pairs], dtype=np.int64)
    preds: dict[tuple[int, float], np.ndarray] = {}
    sigs: dict[int, np.ndarray] = {}
    for k in SHINGLE_GRID:
        sig = np.zeros((len(docs), dedup.NUM_PERM), dtype=np.uint32)
        for idx in range(len(docs)):
            hv = dedup.minhash_values(dedup.shingles(docs[idx].words, k))
            if len(hv):
                sig[idx] = hv
        sigs[k] = sig
        est = (sig[left] == sig[right]).mean(axis=1)
        for t in THRESHOLD_GRID:
            bands, rows = dedup.lsh_params(t)
            preds[(k, t)] = lsh_candidate(sig, left, right, bands, rows) & (est >= t - 1e-9)
    return Grid(preds, sigs)


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


def score_grid(grid: Grid, t: Truth) -> list[dict[str, float]]:
    out = []
    for (k, thr), pred in grid.preds.items():
        bands, rows = dedup.lsh_params(thr)
        p, r, f = prf(pred, t)
        out.append({"shingle": k, "threshold": thr, "bands": bands, "rows": rows, "precision": p, "recall": r,
                    "f1": f})
    return out


def choose(cells: list[dict[str, float]]) -> tuple[dict[str, float], bool]:
    """The selection rule (on the tune part): the highest F1 among the cells meeting both targets
    (P >= 0.98, R >= 0.90).  When none does, precision first: the highest recall among the cells
    with P >= 0.98 (else the highest precision).  Search collapses on ``cluster_id``, so a false
    merge hides a different story from analysts, while a missed merge only shows one more copy.
    (The first run of this bench, 2026-12-02, fell back to the highest F1 instead: it picked
    shingle 2 / t 0.40 at P 0.937 on the tune part; see docs/benchmarks.md.)  Ties go to the
    larger (stricter) threshold.  Returns the cell and whether it met both targets."""
    ok = [g for g in cells if g["precision"] >= TARGET_PRECISION and g["recall"] >= TARGET_RECALL]
    if ok:
        return max(ok, key=lambda g: (round(g["f1"], 4), g["threshold"])), True
    precise = [g for g in cells if g["precision"] >= TARGET_PRECISION]
    if precise:
        return max(precise, key=lambda g: (round(g["recall"], 4), g["threshold"])), False
    return max(cells, key=lambda g: (round(g["precision"], 4), g["threshold"])), False


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


def _pr(cell: tuple[float, float, float]) -> str:
    return f"{cell[0]:.3f}/{cell[1]:.3f}"


def print_grid(title: str, cells: list[dict[str, float]]) -> None:
    print(f"\n{title}")
    print("shingle | " + " | ".join(f"t={t:.2f} ({dedup.lsh_params(t)[0]}x{dedup.lsh_params(t)[1]})"
                                     for t in THRESHOLD_GRID))
    for k in SHINGLE_GRID:
        row = [g for g in cells if g["shingle"] == k]
        print(f"{k:7d} | " + " | ".join(f"{g['precision']:.3f}/{g['recall']:.3f}".ljust(14) for g in row))


def report_cell(name: str, pred: np.ndarray, same: np.ndarray, pairs: list[Pair], part: str) -> dict[str, object]:
    """The figures of one decision on one part: alignment labels only, with the partial band
    (weighted), the hand-labelled partial pairs alone per band, and same-cluster figures."""
    align, full = truth(pairs, part, partials=False), truth(pairs, part, partials=True)
    out: dict[str, object] = {
        "pair_alignment_only": prf(pred, align), "pair_with_partials": prf(pred, full),
        "cluster_alignment_only": prf(same, align), "cluster_with_partials": prf(same, full),
        "ci95_with_partials": bootstrap_prf(pred, pairs, part),
    }
    bands = {}
    for lo, hi in PARTIAL_BANDS:
        sel = np.array([p.part == part and p.hand in ("dup", "not") and lo <= p.cov_min < hi for p in pairs])
        dup = np.array([p.hand == "dup" for p in pairs])
        merged = pred & sel
        bands[f"{lo:.1f}-{hi:.1f}"] = {"labelled": int(sel.sum()), "dup": int((sel & dup).sum()),
                                       "dup_merged": int((merged & dup).sum()),
                                       "not_merged": int((merged & ~dup).sum())}
    out["hand_labelled_bands"] = bands
    print(f"\n{name} on the {part} part")
    print("metric                                             | P / R / F1")
    print(f"pair decision, alignment labels only                | {'/'.join(f'{v:.3f}' for v in out['pair_alignment_only'])}")
    print(f"pair decision, with the partial band (weighted)     | {'/'.join(f'{v:.3f}' for v in out['pair_with_partials'])}")
    ci = out["ci95_with_partials"]
    print(f"  95 % interval (bootstrap of the hand labels)      | P {ci['precision'][0]:.3f}-{ci['precision'][1]:.3f}, "
          f"R {ci['recall'][0]:.3f}-{ci['recall'][1]:.3f}")
    print(f"same cluster, alignment labels only                 | {'/'.join(f'{v:.3f}' for v in out['cluster_alignment_only'])}")
    print(f"same cluster, with the partial band (weighted)      | {'/'.join(f'{v:.3f}' for v in out['cluster_with_partials'])}")
    for band, b in bands.items():
        print(f"hand-labelled partial {band}: {b['labelled']} pairs, {b['dup']} dup; merged "
              f"{b['dup_merged']} of the dup, {b['not_merged']} of the {b['labelled'] - b['dup']} not")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--random", type=int, default=10000, help="random negative pairs (default 10000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-docs", type=int, default=None, help="only the first N documents (quick runs)")
    ap.add_argument("--labels", type=Path, default=LABELS_FILE, help="hand labels of partial pairs (TSV)")
    ap.add_argument("--review", type=Path,
                    help="write the partial pairs to label (with their text) to this file OUTSIDE the repository, "
                         "and a TSV skeleton beside it, then stop")
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
    cut = split_date(docs)
    assign_parts(docs, pairs, cut)
    if args.review:
        sample = sample_partials(pairs)
        write_review(docs, sample, args.review)
        print(f"{len(sample)} partial pairs to label: {args.review} (skeleton {args.review.with_suffix('.tsv')})")
        return 0
    try:
        labels = load_labels(args.labels)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    unmatched = apply_labels(docs, pairs, labels)
    counts = Counter((p.part, p.label) for p in pairs)
    n_pos = sum(p.label == "pos" for p in pairs)
    n_neg = sum(p.label == "neg" for p in pairs)
    n_part = sum(p.label == "partial" for p in pairs)
    print(f"labelled pairs ({time.perf_counter() - t0:.0f}s): pool {sum(p.origin == 'pool' for p in pairs)} + random "
          f"{sum(p.origin == 'random' for p in pairs)}; positive {n_pos}, negative {n_neg}, partial {n_part}")
    print(f"split at {cut} (median date of the distinct bodies): tune = both documents earlier, test = both later; "
          f"{sum(p.part is None for p in pairs)} pairs across the split are left out")
    for part in ("tune", "test"):
        print(f"  {part}: positive {counts[(part, 'pos')]}, negative {counts[(part, 'neg')]}, "
              f"partial {counts[(part, 'partial')]}")
    hand = Counter((p.part, band_of(p.cov_min), p.hand) for p in pairs if p.hand)
    print(f"hand labels: {len(labels)} in {args.labels.name} ({unmatched} match no partial pair)")
    for part in ("tune", "test"):
        for lo, hi in PARTIAL_BANDS:
            band = f"{lo:.1f}-{hi:.1f}"
            total = sum(1 for p in pairs if p.part == part and p.label == "partial" and lo <= p.cov_min < hi)
            print(f"  {part} {band}: {total} partial pairs, labelled dup {hand[(part, band, 'dup')]}, "
                  f"not {hand[(part, band, 'not')]}, unsure {hand[(part, band, 'unsure')]}")

    t0 = time.perf_counter()
    grid = run_grid(docs, pairs)
    tune_align = score_grid(grid, truth(pairs, "tune", partials=False))
    tune_full = score_grid(grid, truth(pairs, "tune", partials=True))
    print(f"\ngrid ({time.perf_counter() - t0:.0f}s), TUNE part only (the test part is not looked at here)")
    print_grid("pair precision / recall, alignment labels only:", tune_align)
    print_grid("pair precision / recall, with the hand-labelled partial band (weighted):", tune_full)
    best, met = choose(tune_full)
    print(f"\nchosen on the tune part, with the partial band ({'meets' if met else 'NO cell meets'} P >= "
          f"{TARGET_PRECISION}, R >= {TARGET_RECALL}; rule: "
          f"{'highest F1 among those' if met else 'precision first: highest R with P >= ' + str(TARGET_PRECISION)}): shingle "
          f"{best['shingle']}, threshold {best['threshold']:.2f} ({best['bands']}x{best['rows']}), "
          f"P {best['precision']:.3f} R {best['recall']:.3f} F1 {best['f1']:.3f}")
    chosen = (int(best["shingle"]), float(best["threshold"]))
    production = (dedup.SHINGLE_SIZE, dedup.THRESHOLD)
    if chosen != production:
        print(f"NOTE: pipeline.dedup uses shingle {production[0]}, threshold {production[1]}: not the chosen cell")

    left = np.array([p.i for p in pairs], dtype=np.int64)
    right = np.array([p.j for p in pairs], dtype=np.int64)
    reports: dict[str, object] = {}
    for name, (k, thr) in {"chosen cell": chosen, "production cell": production}.items():
        if name == "production cell" and production == chosen:
            continue
        bands, rows = dedup.lsh_params(thr)
        cl = star_clusters(grid.sigs[k], thr, bands, rows)
        reports[name] = report_cell(f"{name} (shingle {k}, t={thr:.2f}, {bands}x{rows})", grid.preds[(k, thr)],
                                    cl[left] == cl[right], pairs, "test")

    rate, cpu_rate, clusterer = run_pipeline(docs, all_texts)
    key_of: dict[int, str] = {}
    for n, d in enumerate(loaded):
        key_of.setdefault(first[d.chash], f"d{n}")
    pred = np.array([clusterer.matched(key_of[p.i], key_of[p.j]) for p in pairs])
    same = np.array([clusterer.cluster_of(key_of[p.i]) == clusterer.cluster_of(key_of[p.j]) for p in pairs])
    prod = report_cell(f"pipeline.dedup as shipped (features, BandIndex, MemoryClusterer; shingle {dedup.SHINGLE_SIZE}, "
                       f"t={dedup.THRESHOLD}, {dedup.BANDS}x{dedup.ROWS})", pred, same, pairs, "test")
    sizes = clusterer.cluster_sizes()
    load = os.getloadavg()[0]
    print(f"\nclusters (size>1) / largest over the whole corpus: {sum(1 for s in sizes if s > 1)} / {max(sizes, default=0)}")
    print(f"throughput (signature+LSH+decide): {rate:.0f} docs/s over {len(all_texts)} docs, 1 process "
          f"(1-min load average {load:.1f} on {os.cpu_count()} cores); {cpu_rate:.0f} docs per CPU second")
    print(f"total bench time: {time.perf_counter() - t_start:.0f}s")

    def r4(v: tuple[float, ...]) -> list[float]:
        return [round(x, 4) for x in v]

    print(json.dumps({
        "split_date": cut, "shingle": dedup.SHINGLE_SIZE, "threshold": dedup.THRESHOLD, "bands": dedup.BANDS,
        "rows": dedup.ROWS, "num_perm": dedup.NUM_PERM,
        "chosen_on_tune": {"shingle": chosen[0], "threshold": chosen[1], "met_targets": met,
                           "tune_pair_with_partials": r4((best["precision"], best["recall"], best["f1"]))},
        "test": {"pair_alignment_only": r4(prod["pair_alignment_only"]),  # type: ignore[arg-type]
                 "pair_with_partials": r4(prod["pair_with_partials"]),  # type: ignore[arg-type]
                 "ci95_with_partials": prod["ci95_with_partials"],
                 "cluster_alignment_only": r4(prod["cluster_alignment_only"]),  # type: ignore[arg-type]
                 "cluster_with_partials": r4(prod["cluster_with_partials"]),  # type: ignore[arg-type]
                 "hand_labelled_bands": prod["hand_labelled_bands"]},
        "pairs": {part: {lab: counts[(part, lab)] for lab in ("pos", "neg", "partial")} for part in ("tune", "test")},
        "hand_labels": len(labels), "docs_per_s": round(rate, 1), "docs_per_cpu_s": round(cpu_rate, 1),
        "documents": len(all_texts), "distinct_bodies": len(docs), "load_avg": round(load, 1),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
