"""MinHash signatures, content and title hashes, and in-memory clustering: what :mod:`pipeline.dedup` compares.

Words are those of the one Arabic normalization (``pipeline.normalize.normalize``, then ``\\w+``); the MinHash is
datasketch's ``affine32`` scheme computed with numpy (a test pins the equality), so a task process that
deduplicates does not import datasketch (and scipy). Shingle size and threshold were chosen with
``bench/dedup.py`` (``docs/benchmarks.md``, "Deduplication"); the band keys stored in the index depend on
``BANDS`` x ``ROWS``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

import numpy as np

from pipeline.normalize import normalize

NUM_PERM = 128
SEED = 1
SHINGLE_SIZE = 2  # chosen with bench/dedup.py (docs/benchmarks.md, "Deduplication")
THRESHOLD = 0.55
BANDS, ROWS = 28, 4  # = lsh_params(THRESHOLD): recall-weighted S-curve; the band keys in the index depend on it
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
    if size == 2:
        return {f"{a} {b}".encode() for a, b in pairwise(words)}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``affine32`` permutations for ``SEED``: odd ``a`` and any ``b`` (uint32),
    drawn as ``MinHash._init_permutations`` draws them (a test compares the two).

    Drawn here rather than read from ``datasketch.MinHash``: importing datasketch imports
    scipy (0.9 s), paid by every Airflow task process that deduplicates."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_FMIX_BLOCK = 4096  # shingles per block: bounds the (block x NUM_PERM) matrix to 2 MB


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's affine32 scheme pre-mixes each hash."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_values(shingle_set: Iterable[bytes]) -> np.ndarray:
    """The 128 MinHash values (uint32) of a shingle set; an empty array for no shingles.

    Exactly datasketch's ``MinHash(scheme="affine32").update_batch`` (sha1_hash32 of
    each shingle, fmix32, ``a * h + b`` mod 2^32, minimum; a test pins the equality),
    with the per-shingle hashes gathered in one buffer instead of one ``struct`` call
    and one Python int each: half the time of a 2,000-word article's signature.
    """
    items = list(shingle_set)
    if not items:
        return np.zeros(0, dtype=np.uint32)
    sha1 = hashlib.sha1
    hashed = np.frombuffer(b"".join([sha1(x).digest()[:4] for x in items]), dtype="<u4").astype(np.uint32)
    a, b = _permutations()
    mixed = _fmix32(hashed)
    out = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(mixed), _FMIX_BLOCK):
        block = mixed[start : start + _FMIX_BLOCK, None]
        np.minimum(out, (block * a + b).min(axis=0), out=out)
    return out


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
    return _signature_of(tokens(text))


def _signature_of(words: list[str]) -> tuple[list[int], list[str]]:
    hv = minhash_values(shingles(words))
    if not len(hv):
        return [], []
    return [int(v) for v in hv], band_keys(hv)


def features(text: str) -> tuple[str | None, list[int], list[str]]:
    """(content hash, signature, band keys) of a body, normalizing it once; no hash for a body without words."""
    words = tokens(text)
    if not words:
        return None, [], []
    return _hash_of(words), *_signature_of(words)


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
            err = float(fp_weight * fp + fn_weight * fn)
            if best is None or err < best[0] - 1e-12:
                best = (err, bands, rows)
    assert best is not None
    return best[1], best[2]


def content_hash(text: str) -> str:
    """sha256 of the normalized word sequence of a body (punctuation and spacing ignored)."""
    return _hash_of(tokens(text))


def _hash_of(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def title_hash(source_id: str, title: str) -> str:
    """sha256 of ``source_id`` and the normalized title words: one value per source and title."""
    return hashlib.sha256(f"{source_id}\x1f{' '.join(tokens(title))}".encode()).hexdigest()


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

    Documents arrive in order. An exact copy (same content hash) joins the
    cluster of the first copy; otherwise a document joins the cluster of the
    earliest cluster lead it is a near duplicate of (LSH candidates among leads,
    then the Jaccard check), or leads a new cluster. Every member is thus a near
    duplicate of its lead (no chaining through intermediate copies).
    """

    def __init__(self) -> None:
        self.leads = BandIndex()
        self._order: dict[str, int] = {}
        self._cluster: dict[str, str] = {}
        self._by_hash: dict[str, str] = {}
        self._edges: set[tuple[str, str]] = set()
        self._all = BandIndex()

    def add(self, key: str, chash: str | None, sig: list[int], bands: list[str]) -> str:
        """Place ``key``; returns its cluster id."""
        self._order[key] = len(self._order)
        # every verified pair, for the pair-level benchmark decision
        for other, _j in self._all.query(sig, bands, exclude=key):
            self._edges.add((other, key))
        self._all.add(key, sig, bands)
        if chash and chash in self._by_hash:
            cluster = self._cluster[self._by_hash[chash]]
        else:
            if chash:
                self._by_hash[chash] = key
            matches = self.leads.query(sig, bands, exclude=key)
            if matches:
                cluster = min((k for k, _ in matches), key=self._order.__getitem__)
            else:
                cluster = key
                self.leads.add(key, sig, bands)
        self._cluster[key] = cluster
        return cluster

    def matched(self, a: str, b: str) -> bool:
        """Whether the near-duplicate decision holds for ``a`` and ``b`` (LSH candidate, Jaccard check)."""
        return (a, b) in self._edges or (b, a) in self._edges

    def cluster_of(self, key: str) -> str:
        return self._cluster[key]

    def cluster_sizes(self) -> list[int]:
        sizes: dict[str, int] = defaultdict(int)
        for cluster in self._cluster.values():
            sizes[cluster] += 1
        return list(sizes.values())
