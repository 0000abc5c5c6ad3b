"""Task processes import only what their task needs.

In Airflow every task instance is a new process, and a poll task (one per feed,
every 15 minutes) only fetches and parses a feed: it must not pay for the
extraction, language and tagging stack (trafilatura, lxml, langdetect, numpy),
nor for datasketch (which imports scipy). Checked in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("trafilatura", "langdetect", "datasketch", "scipy", "numpy", "pipeline.extract", "pipeline.tag")


@pytest.mark.parametrize("module", ["pipeline.ingest", "pipeline.orchestration", "pipeline.feedstate"])
def test_poll_path_imports_no_processing_stack(module: str) -> None:
    code = f"import sys, {module}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "", f"importing {module} pulled in: {out}"


def test_processing_still_works_after_lazy_imports() -> None:
    from pipeline.config import Settings
    from pipeline.ingest import build_article, process_article
    from pipeline.models import FeedEntry, Source

    source = Source(id="t", name="T", homepage="http://127.0.0.1/", libya_focused=True, feeds=[])
    entry = FeedEntry(url="http://127.0.0.1/a", feed_url="http://127.0.0.1/rss", title="عنوان", source_id="t")
    article = process_article(build_article(entry, source), "<html><body><p>" + "نص عربي عن ليبيا وطرابلس. " * 20
                              + "</p></body></html>", settings=Settings())
    assert article.language is not None and article.language.lang == "ar"
    assert article.tags is not None
