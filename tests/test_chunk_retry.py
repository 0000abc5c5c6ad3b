"""A retried ``process_chunk`` (its first attempt died after indexing, e.g. with the scheduler's
workers) neither fetches nor indexes again what the earlier attempt did, and still reports it as
this run's work (the run record counts the successful attempt only)."""

from __future__ import annotations

from pipeline.ingest import feed_jobs, plan_chunks, poll_feed, process_chunk
from pipeline.sources import load_sources


def test_second_attempt_of_a_chunk_skips_what_the_first_indexed(sample_env, es_client):
    from pipeline.config import get_settings

    settings = get_settings()  # pointed at the sample site by sample_env
    web = sample_env["web"]
    sources = load_sources(settings.sources_file, base_url=web.base_url)
    polls = [poll_feed(job, settings=settings) for job in feed_jobs(sources)]
    [chunk] = plan_chunks(polls, es=es_client, settings=settings)

    first = process_chunk(chunk, settings=settings, run_id="run-1", chunk_key="0")
    assert first["counts"]["indexed"] == len(sample_env["expected_indexed"])
    page_hits = sum(n for path, n in web.hits.items() if "/articles/" in path)

    again = process_chunk(chunk, settings=settings, run_id="run-1", chunk_key="0")  # the retry
    assert sum(n for path, n in web.hits.items() if "/articles/" in path) == page_hits  # nothing fetched
    assert again["counts"]["indexed"] == first["counts"]["indexed"]
    assert sorted(again["indexed_ids"]) == sorted(first["indexed_ids"])
    es_client.indices.refresh(index=settings.articles_alias)
    hits = es_client.search(index=settings.articles_alias, size=100, version=True)["hits"]["hits"]
    assert {h["_version"] for h in hits} == {1}  # indexed once

    other = process_chunk(chunk, settings=settings, run_id="run-2", chunk_key="0")  # another run
    assert other["counts"].get("indexed", 0) == 0
    assert other["counts"]["already_handled"] == len(chunk)
    assert again["counts"]["already_handled"] == len(chunk) - len(first["indexed_ids"])  # the skipped one
