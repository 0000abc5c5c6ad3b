"""The fast paths of normalization and script counting give exactly the plain answers.

``pipeline.normalize`` maps long texts through a numpy code-point table and
``pipeline.language`` counts letters by script with numpy; both are checked here
against the straightforward implementations (``str.translate``, regex ``findall``)
on every BMP character and on random mixed text.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import language
from pipeline.normalize import _TABLE, normalize, normalize_token


def plain_token(text: str) -> str:
    return text.translate(_TABLE).lower()


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", plain_token(text)).strip()


ALPHABET = (
    [chr(c) for c in range(0x0600, 0x0700)]
    + list("abcXYZ 123\n\t\u00a0\u2003\x1c_-éİß")
    + ["𝒜", "😀", "\ud800", "\u200b", "\u00ad", "\ufeff", "\u06f3"]
)


def test_every_bmp_character() -> None:
    everything = "".join(chr(c) for c in range(0x10000))
    assert normalize(everything) == plain(everything)
    assert normalize_token(everything) == plain_token(everything)
    blocks = ["".join(chr(c) * 3 for c in range(start, start + 128)) for start in range(0, 0x10000, 128)]
    assert [b for b in blocks if normalize(b) != plain(b)] == []


@pytest.mark.parametrize("seed", range(5))
def test_random_long_texts(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 1500)))
        assert normalize(text) == plain(text)
        assert normalize_token(text) == plain_token(text)


@settings(max_examples=250, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), min_size=200, max_size=2000) | st.text(min_size=200, max_size=800))
def test_fuzz_long_texts(text: str) -> None:
    assert normalize(text) == plain(text)


_LETTER = re.compile(r"[^\W\d_]")
_URDU = re.compile("[\u06d2\u06ba\u0679\u0688\u0691]")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")
_ARABIC = re.compile("[\u0621-\u064a]")
_OTHER = re.compile("[\u0672-\u06d3\u06fa-\u06ff]")


def plain_counts(sample: str) -> tuple[int, int, int, int, int]:
    return (len(_LETTER.findall(sample)), len(_ARABIC.findall(sample)), len(_URDU.findall(sample)),
            len(_PERSIAN.findall(sample)), len(_OTHER.findall(sample)))


def test_script_counts_every_bmp_character() -> None:
    everything = "".join(chr(c) for c in range(0x10000)) + "𝒜😀"
    c = language.script_counts(everything)
    assert (c.letters, c.arabic, c.urdu, c.persian, c.other_arabic_script) == plain_counts(everything)


@settings(max_examples=250, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=600) | st.text(max_size=300))
def test_script_counts_match_regex(text: str) -> None:
    c = language.script_counts(text)
    assert (c.letters, c.arabic, c.urdu, c.persian, c.other_arabic_script) == plain_counts(text)
