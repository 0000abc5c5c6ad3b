"""Canonical URLs and ids: same article, same id; bad input, clear error."""

import pytest

from pipeline.errors import InputError
from pipeline.urls import canonicalize, doc_id

SAME = [
    "https://alwasat.ly/news/libya/123?id=5",
    "HTTPS://WWW.Alwasat.ly/news/libya/123/?utm_source=rss&fbclid=x&id=5#top",
    "http://m.alwasat.ly/news/libya/123?id=5&utm_medium=feed",
    "https://alwasat.ly/news/libya/123/amp/?id=5",
    "https://www.alwasat.ly:443/news/libya/123?gclid=abc&id=5",
]


def test_variants_share_one_id():
    assert {canonicalize(u) for u in SAME} == {"https://alwasat.ly/news/libya/123?id=5"}
    assert len({doc_id(u) for u in SAME}) == 1


def test_id_is_sha256_hex():
    i = doc_id(SAME[0])
    assert len(i) == 64 and all(c in "0123456789abcdef" for c in i)


def test_arabic_paths_encoded_uniformly():
    a = canonicalize("https://alwasat.ly/أخبار/ليبيا")
    b = canonicalize("https://alwasat.ly/%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7/")
    assert a == b


def test_meaningful_query_kept_and_sorted():
    assert canonicalize("https://x.ly/a?page=2&id=7") == "https://x.ly/a?id=7&page=2"
    assert doc_id("https://x.ly/a?id=7") != doc_id("https://x.ly/a?id=8")


def test_loopback_keeps_http():
    assert canonicalize("http://127.0.0.1:8080/w/a.html?utm_source=rss") == "http://127.0.0.1:8080/w/a.html"


@pytest.mark.parametrize("bad", ["", "ftp://x.ly/a", "javascript:alert(1)", "/relative/path", "http://"])
def test_bad_urls_raise_clear_error(bad):
    with pytest.raises(InputError):
        canonicalize(bad)
