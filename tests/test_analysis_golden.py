"""Golden analysis tests: the template's ``rasd_arabic`` analyzer word by word, `rasd normalize` vs
``rasd_normalize``, and the generated protected-word list.

``tests/data/analysis_golden.tsv``: ``word<TAB>expected tokens<TAB>kind<TAB>why``, UTF-8, ``#``
comments; tokens are space-separated positions, ``|`` joins the readings of one position
(``rasd_stem``'s stem and its alternative reading: ``بيان|يان``); empty for a stop word. ``kind`` is
``truth`` (a person checked the analysis against Arabic morphology: only clitics and endings of the
word removed, nothing of its stem; a name kept whole; a function word dropped) or ``snapshot`` (the
plugin's behaviour by design, pinned so a change is noticed: second readings, the 3-letter rule,
known limits); ``why`` says which. A failing truth row is a bug in the plugin; a failing snapshot row
is a change to look at. The analyzer is taken from a real index
created from ``pipeline/data/index/articles.json`` (``pipeline.index.ensure_indices``, prefix
``rasdtest-golden``), so a template change shows here. Each position is compared as a set to which
the normalized word itself is added on both sides, so the rows hold whether or not the chain also
indexes the word as written (``rasd_builtin_keyword_repeat`` … ``rasd_builtin_remove_duplicates``).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from pipeline.normalize import normalize_token

DATA = Path(__file__).parent / "data"
ANALYSIS_GOLDEN = DATA / "analysis_golden.tsv"
NORMALIZATION_GOLDEN = DATA / "normalization_golden.tsv"
PREFIX = "rasdtest-golden"
RASD_CLI = Path(sys.executable).parent / "rasd"


def _rows(path: Path) -> list[tuple[str, str]]:
    """(source, expected) of a golden file (``#`` lines are comments; extra columns ignored)."""
    return [(r[0], r[1]) for r in _records(path)]


def _records(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _wipe(es: Elasticsearch) -> None:
    es.options(ignore_status=404).indices.delete(index=f"{PREFIX}-*", expand_wildcards="all")
    templates = es.options(ignore_status=404).indices.get_index_template(name=f"{PREFIX}-*")
    for t in templates.get("index_templates", []):
        es.indices.delete_index_template(name=t["name"])


@pytest.fixture(scope="module")
def golden_index(es_url: str) -> Iterator[tuple[Elasticsearch, str]]:
    """An article index made from the real template, with its own prefix; removed afterwards."""
    from pipeline.config import Settings
    from pipeline.index import ensure_indices

    es = Elasticsearch(es_url, request_timeout=30)
    _wipe(es)
    try:
        index = ensure_indices(es, Settings(es_url=es_url, index_prefix=PREFIX))
        yield es, index
    finally:
        _wipe(es)
        es.close()


def _positions(es: Elasticsearch, index: str, word: str) -> list[set[str]]:
    """The readings of every position of ``word`` through rasd_arabic, plus the word as written."""
    tokens = es.indices.analyze(index=index, analyzer="rasd_arabic", text=word)["tokens"]
    by_position: dict[int, set[str]] = {}
    for t in tokens:
        by_position.setdefault(t["position"], set()).add(t["token"])
    return [by_position[p] | {normalize_token(word)} for p in sorted(by_position)]


def test_golden_rows_say_what_they_are() -> None:
    """Every row is marked truth or snapshot, with its reason; truth rows claim one reading only
    (the second readings are a design choice, never a linguistic fact)."""
    records = _records(ANALYSIS_GOLDEN)
    assert all(len(r) == 4 and r[2] in ("truth", "snapshot") and len(r[3]) > 10 for r in records), \
        [r for r in records if len(r) != 4 or r[2] not in ("truth", "snapshot")]
    truth = [r for r in records if r[2] == "truth"]
    assert len(truth) >= 60 and not [r for r in truth if "|" in r[1]]
    truth_words = {r[0] for r in truth}
    for word in ("القانون", "البرلمانية", "الإعلانات", "لليبيا", "والحكومة"):  # fixed or central rows
        assert word in truth_words, word


def test_normalization_golden_rows_say_what_they_are() -> None:
    """``normalization_golden.tsv`` rows are marked the same way (truth: the same word, only marks
    removed or variant forms of one letter folded; snapshot: a folding by design a reader would not
    call the same word), each with its reason; the rows that were wrong snapshots are truth now."""
    records = _records(NORMALIZATION_GOLDEN)
    assert all(len(r) == 4 and r[2] in ("truth", "snapshot") and len(r[3]) > 10 for r in records), \
        [r for r in records if len(r) != 4 or r[2] not in ("truth", "snapshot")]
    kinds = {r[0]: r[2] for r in records}
    assert kinds["\ufefb"] == "truth" and dict(_rows(NORMALIZATION_GOLDEN))["\ufefb"] == "\u0644\u0627"  # ﻻ → لا
    assert kinds["على"] == "snapshot" and kinds["مدينة"] == "truth"
    assert sum(1 for r in records if r[2] == "truth") >= 50


def test_golden_list_covers_enough() -> None:
    rows = _rows(ANALYSIS_GOLDEN)
    assert len(rows) >= 60
    words = {w for w, _ in rows}
    for required in ("لليبيا", "بطرابلس", "لطرابلس", "كالسراج", "والسراج", "وبنغازي", "فالمؤسسة"):
        assert required in words
    assert sum(1 for _, expected in rows if not expected) >= 5  # stop words


@pytest.mark.parametrize(("word", "expected"), _rows(ANALYSIS_GOLDEN), ids=lambda v: v or "-")
def test_rasd_arabic_golden(golden_index: tuple[Elasticsearch, str], word: str, expected: str) -> None:
    es, index = golden_index
    assert _positions(es, index, word) == [set(p.split("|")) | {normalize_token(word)} for p in expected.split()]


def test_protected_names_survive_intact(golden_index: tuple[Elasticsearch, str]) -> None:
    es, index = golden_index
    text = "لليبيا بطرابلس والسراج"
    stems = [t["token"] for t in es.indices.analyze(index=index, analyzer="rasd_arabic", text=text)["tokens"]]
    assert {"ليبيا", "طرابلس", "السراج"} <= set(stems)


def test_cli_normalize_and_analyze_agree(golden_index: tuple[Elasticsearch, str]) -> None:
    """`rasd normalize` (stdin lines) and rasd_builtin_keyword + rasd_normalize, row by row."""
    es, _ = golden_index
    rows = _rows(NORMALIZATION_GOLDEN)
    stdin = "".join(source + "\n" for source, _ in rows)
    result = subprocess.run(
        [str(RASD_CLI), "normalize"], input=stdin, capture_output=True, text=True, encoding="utf-8", check=True
    )
    cli_lines = result.stdout.split("\n")[: len(rows)]
    assert len(cli_lines) == len(rows)
    for (source, expected), cli in zip(rows, cli_lines, strict=True):
        tokens = es.indices.analyze(tokenizer="rasd_builtin_keyword", filter=["rasd_normalize"], text=source)["tokens"]
        assert [t["token"] for t in tokens] == [cli] == [expected], repr(source)


def test_protected_words_file_is_generated() -> None:
    """The committed protected_words.txt is what `python -m pipeline.wordlists` writes."""
    from pipeline.wordlists import PROTECTED_WORDS_FILE, generate_protected_words, render_protected_words

    expected = render_protected_words(generate_protected_words())
    assert PROTECTED_WORDS_FILE.read_text(encoding="utf-8") == expected, "run: python -m pipeline.wordlists"


def test_generated_protected_words() -> None:
    from pipeline.wordlists import generate_protected_words

    words = set(generate_protected_words())
    for name in ("ليبيا", "طرابلس", "بنغازي", "مصراته", "السراج", "الدبيبه", "حفتر", "سرت", "الناتو", "داعش"):
        assert name in words, name
    for common in ("الكبير", "البرلمان", "الله", "محمد", "ابو", "وال"):
        assert common not in words, common
    assert words == {normalize_token(w) for w in words}
