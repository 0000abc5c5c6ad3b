"""Deduplication (placeholder docstring)."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from pipeline.normalize import normalize

NUM_PERM = 128
SEED = 1
SHINGLE_SIZE = 3
THRESHOLD = 0.5
BANDS = 32
ROWS = 4
MIN_TITLE_TOKENS = 3

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Words of the normalized text (punctuation dropped)."""
    return _WORD.findall(normalize(text))


def shingles(words: list[str], size: int = SHINGLE_SIZE) -> set[bytes]:
    """Word ``size``-grams (a text shorter than ``size`` words is one shingle)."""
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    perms: tuple[np.ndarray, np.ndarray] = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    return perms


def minhash_values(shingle_set: Iterable[bytes]) -> np.ndarray:
    """The 128 MinHash values (uint32) of a shingle set; an empty array for no shingles."""
    items = list(shingle_set)
    if not items:
        return np.zeros(0, dtype=np.uint32)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    m.update_batch(items)
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(hashvalues: np.ndarray | list[int], bands: int = BANDS, rows: int = ROWS) -> list[str]:
    """LSH band keys ``bNN:<16 hex>`` (blake2b of the band's rows as little-endian uint32)."""
    hv = np.ascontiguousarray(np.asarray(hashvalues, dtype=np.uint32), dtype="<u4")
    if len(hv) < bands * rows:
        return []
    return [
        f"b{b:02d}:{hashlib.blake2b(hv[b * rows : (b + 1) * rows].tobytes(), digest_size=8).hexdigest()}"
        for b in range(bands)
    ]


def estimate_jaccard(a: np.ndarray | list[int], b: np.ndarray | list[int]) -> float:
    """Share of equal MinHash values (0.0 when either signature is missing)."""
    if len(a) != NUM_PERM or len(b) != NUM_PERM:
        return 0.0
    return float(np.count_nonzero(np.asarray(a, dtype=np.uint32) == np.asarray(b, dtype=np.uint32))) / NUM_PERM


def signature(text: str) -> tuple[list[int], list[str]]:
    """(128 MinHash values, band keys) of the normalized word shingles of ``text``."""
    hv = minhash_values(shingles(tokens(text)))
    if not len(hv):
        return [], []
    return [int(v) for v in hv], band_keys(hv)


def lsh_params(threshold: float, num_perm: int = NUM_PERM, fp_weight: float = 0.1) -> tuple[int, int]:
    """(bands, rows) minimising the weighted false-positive/false-negative areas of the S-curve.

    Same criterion as datasketch's ``MinHashLSH``, weighted towards recall
    (``fp_weight`` 0.1): a false candidate only costs one Jaccard check.
    """
    fn_weight = 1.0 - fp_weight
    best: tuple[float, int, int] | None = None
    lo = np.linspace(0.0, threshold, 201)
    hi = np.linspace(threshold, 1.0, 201)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = np.trapezoid(1 - (1 - lo**rows) ** bands, lo)
            fn = np.trapezoid((1 - hi**rows) ** bands, hi)
            err = fp_weight * fp + fn_weight * fn
            if best is None or err < best[0] - 1e-12:
                best = (err, bands, rows)
    assert best is not None
    return best[1], best[2]


def content_hash(text: str) -> str:
    """sha256 of the normalized word sequence of a body (punctuation and spacing ignored)."""
    return hashlib.sha256(" ".join(tokens(text)).encode("utf-8")).hexdigest()


def title_hash(source_id: str, title: str) -> str:
    """sha256 of ``source_id`` and the normalized title words: one value per source and title."""
    return hashlib.sha256(f"{source_id}\x1f{' '.join(tokens(title))}".encode()).hexdigest()


def is_near(sig_a: list[int] | np.ndarray, sig_b: list[int] | np.ndarray) -> bool:
    return estimate_jaccard(sig_a, sig_b) >= THRESHOLD


class BandIndex:
    """In-memory LSH: band key -> keys, verified by the signatures (same decision as the index)."""

    def __init__(self) -> None:
        self._buckets: dict[str, list[str]] = defaultdict(list)
        self._sigs: dict[str, np.ndarray] = {}

    def add(self, key: str, sig: list[int], bands: list[str]) -> None:
        if len(sig) != NUM_PERM or key in self._sigs:
            return
        self._sigs[key] = np.asarray(sig, dtype=np.uint32)
        for band in bands:
            self._buckets[band].append(key)

    def candidates(self, bands: list[str]) -> list[str]:
        return list(dict.fromkeys(k for band in bands for k in self._buckets.get(band, ())))

    def query(self, sig: list[int], bands: list[str], exclude: str | None = None) -> list[tuple[str, float]]:
        """Keys whose estimated Jaccard with ``sig`` reaches ``THRESHOLD``, with that estimate."""
        if len(sig) != NUM_PERM:
            return []
        mine = np.asarray(sig, dtype=np.uint32)
        out = []
        for key in self.candidates(bands):
            if key == exclude:
                continue
            j = float(np.count_nonzero(self._sigs[key] == mine)) / NUM_PERM
            if j >= THRESHOLD:
                out.append((key, j))
        return out


class MemoryClusterer:
    """Single-process clustering with the rules of :func:`assign`, for the benchmark.

    Documents arrive in time order; exact copies (same content hash) and verified
    LSH candidates are linked; a cluster is the connected component, led by its
    earliest member.
    """

    def __init__(self) -> None:
        self.bands = BandIndex()
        self._order: dict[str, int] = {}
        self._parent: dict[str, str] = {}
        self._by_hash: dict[str, str] = {}
        self._edges: set[tuple[str, str]] = set()

    def _find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            lead, other = (ra, rb) if self._order[ra] < self._order[rb] else (rb, ra)
            self._parent[other] = lead

    def add(self, key: str, chash: str | None, sig: list[int], bands: list[str]) -> None:
        self._order[key] = len(self._order)
        self._parent[key] = key
        if chash:
            if chash in self._by_hash:
                self._union(key, self._by_hash[chash])
            else:
                self._by_hash[chash] = key
        for other, _j in self.bands.query(sig, bands, exclude=key):
            self._edges.add((other, key) if self._order[other] < self._order[key] else (key, other))
            self._union(key, other)
        self.bands.add(key, sig, bands)

    def matched(self, a: str, b: str) -> bool:
        """Whether the near-duplicate decision linked ``a`` and ``b`` directly."""
        return (a, b) in self._edges or (b, a) in self._edges

    def cluster_of(self, key: str) -> str:
        return self._find(key)

    def cluster_sizes(self) -> list[int]:
        sizes: dict[str, int] = defaultdict(int)
        for key in self._parent:
            sizes[self._find(key)] += 1
        return list(sizes.values())
