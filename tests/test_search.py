"""The search API behind `rasd search`, over the sample site indexed for real."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.fixture
def indexed(sample_env, es_client):
    from pipeline.config import get_settings
    from pipeline.ingest import run_once

    s = get_settings()
    run_once(settings=s)
    return s


def test_clitics_match_through_the_arabic_analyzer(indexed, es_client):
    from pipeline.search import search

    # the pages write لليبيا, بطرابلس, والسراج: the stem analyzer finds them from the bare words
    for word in ("ليبيا", "طرابلس", "السراج"):
        assert search(word, settings=indexed, es=es_client).total >= 1, word


def test_one_hit_per_story_unless_all(indexed, es_client):
    from pipeline.search import search

    collapsed = search("السراج ترامب", settings=indexed, es=es_client)
    every = search("السراج ترامب", settings=indexed, es=es_client, all_copies=True)
    assert collapsed.stories == 1 and collapsed.total == 2
    assert len(collapsed.hits) == 1 and len(every.hits) == 2
    assert collapsed.hits[0].also_published_by  # "also published by …"
    assert collapsed.per_source == {"sample-wasat": 1, "sample-manara": 1}


def test_phrase_filters_and_highlights(indexed, es_client):
    from pipeline.search import search

    res = search('"المؤسسة الوطنية للنفط"', settings=indexed, es=es_client)
    assert res.total >= 1
    assert all("«" in f and "»" in f for h in res.hits for f in h.highlights)
    assert search('"النفط المؤسسة الوطنية"', settings=indexed, es=es_client).total == 0  # order matters
    oil = search("", topic="oil_energy", settings=indexed, es=es_client)
    assert oil.total >= 1 and all("oil_energy" in h.topics for h in oil.hits)
    by_person = search("", person="فايز السراج", settings=indexed, es=es_client, all_copies=True)
    assert by_person.total >= 2
    by_source = search("ليبيا", source="sample-manara", settings=indexed, es=es_client, all_copies=True)
    assert by_source.per_source.keys() == {"sample-manara"}
    assert search("السراج", since="30d", settings=indexed, es=es_client).total == 0  # 2017 story
    with pytest.raises(ValueError, match="since"):
        search("x", since="yesterday", settings=indexed, es=es_client)


def test_cli_search_json(indexed):
    import os

    env = dict(os.environ, ES_URL=indexed.es_url)
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "search", "مصراتة", "--json"], env=env,
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["total"] >= 1 and data["hits"][0]["title"]
