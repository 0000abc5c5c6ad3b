"""The one Arabic normalization of Rasd.

Tagging, deduplication and the Elasticsearch analyzers (the ``rasd_normalize``
token filter of the project's plugin, ``es/``) all use exactly this mapping, so
a name found by the tagger is the same string the index holds.  The golden
word list in ``tests/data/normalization_golden.tsv`` pins both sides.

The mapping, character by character:

* harakat and Quranic marks (U+064B–U+065F, U+0670, U+06D6–U+06ED) → removed
* tatweel U+0640 → removed
* alef forms أ إ آ ٱ (U+0623, U+0625, U+0622, U+0671) → ا
* alef maqsura ى (U+0649) → ي
* teh marbuta ة (U+0629) → ه
* Persian / Urdu letter forms → the Arabic letter: ک ڪ گ → ك, ی ې ۍ ے ۓ → ي,
  ۀ ە ہ ھ → ه, پ → ب, چ → ج, ژ → ز, ڤ → ف
* Arabic-Indic ٠–٩ and Eastern Arabic-Indic ۰–۹ digits → 0–9
* zero-width, bidi and soft-hyphen marks (U+200B–U+200F, U+202A–U+202E,
  U+2066–U+2069, U+061C, U+FEFF, U+00AD) → removed
* Arabic presentation forms (text copied from PDFs and old systems): the contextual
  letter forms U+FE80–U+FEF4 → their letter (Unicode's compatibility mapping, then the
  rules above: ﺃ → ا), the harakat forms U+FE70–U+FE72, U+FE74, U+FE76–U+FE7F → removed,
  the lam-alef ligatures U+FEF5–U+FEFC → ل + ا (the one mapping that lengthens a token)
* Latin letters → lower case
* any run of white space → one space (text level only; tokens have none)
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u061c", "\ufeff", "\u00ad"]
)

_MAP: dict[str, str] = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى → ي
    "\u0629": "\u0647",  # ة → ه
    "\u06a9": "\u0643",  # ک
    "\u06aa": "\u0643",  # ڪ
    "\u06af": "\u0643",  # گ
    "\u06cc": "\u064a",  # ی
    "\u06d0": "\u064a",  # ې
    "\u06cd": "\u064a",  # ۍ
    "\u06d2": "\u064a",  # ے
    "\u06d3": "\u064a",  # ۓ
    "\u06c0": "\u0647",  # ۀ
    "\u06d5": "\u0647",  # ە
    "\u06c1": "\u0647",  # ہ
    "\u06be": "\u0647",  # ھ
    "\u067e": "\u0628",  # پ
    "\u0686": "\u062c",  # چ
    "\u0698": "\u0632",  # ژ
    "\u06a4": "\u0641",  # ڤ
}
_MAP.update({chr(0x0660 + d): str(d) for d in range(10)})
_MAP.update({chr(0x06F0 + d): str(d) for d in range(10)})

_DELETE += [chr(c) for c in (0xFE70, 0xFE71, 0xFE72, 0xFE74, *range(0xFE76, 0xFE80))]
_BASE = str.maketrans({**{c: None for c in _DELETE}, **_MAP})
_MAP.update({chr(c): unicodedata.normalize("NFKC", chr(c)).translate(_BASE) for c in range(0xFE80, 0xFEF5)})
_LIGATURES = range(0xFEF5, 0xFEFD)  # lam-alef: one character becomes two
_MAP.update({chr(c): "\u0644\u0627" for c in _LIGATURES})

_TABLE = str.maketrans({**{c: None for c in _DELETE}, **_MAP})

# Long texts go through a code-point lookup table (numpy) instead of str.translate,
# whose per-character dict lookups cost ~50 ns each (0.3 ms for a 6,000-character
# article, the largest share of tagging and deduplication); same result, checked
# on every BMP character and on random text by tests/test_normalize.py.
_NUMPY_FROM = 256  # characters; below this str.translate is as fast
_DROP = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=1)
def _bmp_table() -> np.ndarray:
    table = np.arange(0x10000, dtype=np.uint32)
    for src, dst in _TABLE.items():
        if src in _LIGATURES:
            continue  # two characters: _translate hands such text to str.translate
        table[src] = _DROP if dst is None else (ord(dst) if isinstance(dst, str) else dst)
    return table


def _translate(text: str) -> str:
    if len(text) < _NUMPY_FROM:
        return text.translate(_TABLE)
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    top = int(cps.max())
    if top >= 0x10000 or (top >= _LIGATURES.start and ((cps >= _LIGATURES.start) & (cps < _LIGATURES.stop)).any()):
        return text.translate(_TABLE)  # astral characters (rare, never mapped) or lam-alef ligatures
    out = _bmp_table()[cps]
    return out[out != _DROP].astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def normalize_token(token: str) -> str:
    """Normalize one token exactly as the ``rasd_normalize`` ES filter does."""
    return _translate(token).lower()


def normalize(text: str) -> str:
    """Normalize running text: the token mapping plus white-space folding."""
    if len(text) >= _NUMPY_FROM:
        return _normalize_long(text)
    return " ".join(normalize_token(text).split())


@lru_cache(maxsize=32)
def _normalize_long(text: str) -> str:
    # An article body is normalized by tagging, by deduplication and for its content hash:
    # the same string each time (a str caches its own hash, so the lookup is cheap).
    return " ".join(normalize_token(text).split())
