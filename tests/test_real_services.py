"""The DAGs as operators run them: PostgreSQL + the Airflow api-server, scheduler, dag-processor and
triggerer (LocalExecutor, separate processes), triggered through the REST API (``/api/v2``, token
auth), over the session's Elasticsearch and the sample site on loopback. Not ``dag.test()``: the
scheduler enforces pools, serialization and separate task processes here.

One stack for the session (``conftest.airflow_stack``); the tests run in file order and build on
each other's index (the second ingest run expects the first one's documents).
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime

import pytest
import yaml

from pipeline.config import DATA_DIR, REPO_ROOT, Settings
from pipeline.index import get_client
from pipeline.services.proc import group_members
from pipeline.urls import doc_id
from tests.services import PREFIX, serve_synthetic_outlet

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # under load: services start, heartbeat timeout, retry

INGEST, BACKFILL = "libya_news_ingest", "libya_news_backfill"


@pytest.fixture(scope="module")
def es(airflow_stack, es_url):
    client = get_client(Settings(es_url=es_url, index_prefix=PREFIX))
    yield client
    client.close()


@pytest.fixture(scope="module")
def s(es_url) -> Settings:
    return Settings(es_url=es_url, index_prefix=PREFIX)


def run_record(es, s: Settings, run_id: str) -> dict:
    es.indices.refresh(index=s.runs_index)
    hit = es.options(ignore_status=404).get(index=s.runs_index, id=run_id)
    assert hit.get("found"), f"no run record for {run_id}"
    return hit["_source"]


def article_ids(es, s: Settings) -> set[str]:
    es.indices.refresh(index=s.articles_alias)
    hits = es.search(index=s.articles_alias, size=1000, source=False)["hits"]["hits"]
    return {h["_id"] for h in hits}


def expected_sample_ids(base_url: str) -> set[str]:
    manifest = yaml.safe_load((DATA_DIR / "sample_site" / "MANIFEST.yaml").read_text(encoding="utf-8"))
    return {doc_id(a["canonical"].replace("{base}", base_url)) for a in manifest["articles"] if a["about_libya"]}


def test_stack_is_up_as_configured(airflow_stack):
    """Four separate Airflow processes, LocalExecutor on PostgreSQL, our DAGs parsed without errors."""
    health = airflow_stack.api("GET", "monitor/health")
    assert {k: v["status"] for k, v in health.items()} == {
        "metadatabase": "healthy", "scheduler": "healthy", "triggerer": "healthy", "dag_processor": "healthy"}
    pids = airflow_stack.airflow.running()
    assert all(pids.values()) and len(set(pids.values())) == 4, pids
    cfg = (airflow_stack.airflow.home / "airflow.cfg").read_text()
    assert "executor = LocalExecutor" in cfg and "postgresql+psycopg2://" in cfg
    assert (airflow_stack.airflow.home / "airflow.cfg").stat().st_mode & 0o077 == 0
    assert airflow_stack.api("GET", "importErrors")["total_entries"] == 0
    dags = {d["dag_id"]: d for d in airflow_stack.api("GET", "dags?dag_id_pattern=libya_news")["dags"]}
    assert set(dags) == {p.stem for p in (REPO_ROOT / "dags").glob("libya_news_*.py")}  # every DAG file, parsed
    assert dags[INGEST]["is_paused"] is False  # the init unpaused it
    conn = airflow_stack.api("GET", "connections/rasd_elasticsearch")
    assert conn["conn_type"] == "elasticsearch" and conn["port"] is not None


def test_ingest_triggered_over_rest(airflow_stack, es, s):
    expected = expected_sample_ids(airflow_stack.web.base_url)
    run_id = airflow_stack.trigger(INGEST)
    assert airflow_stack.wait(INGEST, run_id) == "success"
    tis = airflow_stack.task_instances(INGEST, run_id)
    polls = [t for t in tis if t["task_id"] == "poll_sources"]  # one task for the three sources, labelled with them
    assert [sorted(t["rendered_map_index"].split(",")) for t in polls] == [
        ["sample-arabnews", "sample-manara", "sample-wasat"]]
    states = {(t["task_id"], t["map_index"]): t["state"] for t in tis}
    assert states.pop(("fail_run", -1)) == "skipped"  # nothing failed
    assert set(states.values()) == {"success"}, states
    # each task ran in its own process, its log under the stack's logs folder
    ran = [t for t in tis if t["task_id"] != "fail_run"]
    assert all(t["pid"] for t in ran) and len({t["pid"] for t in ran}) == len(ran)
    assert list((airflow_stack.airflow.logs / f"dag_id={INGEST}").rglob("*.log"))

    record = run_record(es, s, run_id)
    assert record["dag_id"] == INGEST and record["kind"] == "ingest" and record["state"] == "success"
    assert record["counts"]["feeds_polled"] == 3 and record["counts"].get("feeds_failed", 0) == 0
    assert record["counts"]["indexed"] == len(expected)
    assert article_ids(es, s) == expected
    docs = es.search(index=s.articles_alias, size=100, query={"term": {"run_id": run_id}})["hits"]["total"]["value"]
    assert docs == len(expected)  # every document says which run indexed it

    # a second run (forced: every feed polled again) finds nothing new and changes nothing
    run2 = airflow_stack.trigger(INGEST, {"force": True})
    assert airflow_stack.wait(INGEST, run2) == "success"
    record2 = run_record(es, s, run2)
    assert record2["counts"]["feeds_polled"] == 3
    assert record2["counts"].get("articles_new", 0) == 0 and record2["counts"].get("indexed", 0) == 0
    assert article_ids(es, s) == expected


def test_backfill_form_over_rest(airflow_stack, es, s):
    before = len(airflow_stack.runs(BACKFILL))
    # params are validated when the run is triggered: a clear 400, and no run
    for bad, word in [({"start": "2025-13-45"}, "start"), ({"mode": "everything"}, "mode"),
                      ({"dry_run": "yes"}, "dry_run")]:
        status, body = airflow_stack.api_error("POST", f"dags/{BACKFILL}/dagRuns", {"logical_date": None, "conf": bad})
        assert status == 400 and word in body, body
    assert len(airflow_stack.runs(BACKFILL)) == before

    today = datetime.now(UTC).date().isoformat()  # the raw archive is by fetch day
    ids = article_ids(es, s)
    # the backfill DAG is created paused: a run triggered now waits (dag.test() knows no pause)
    dry = airflow_stack.trigger(BACKFILL, {"start": today, "end": today, "mode": "archive", "dry_run": True})
    time.sleep(8)
    assert airflow_stack.run(BACKFILL, dry)["state"] == "queued"
    airflow_stack.set_paused(BACKFILL, False)
    try:
        assert airflow_stack.wait(BACKFILL, dry) == "success"
        counts = run_record(es, s, dry)["counts"]
        assert counts["archived_pages"] >= len(ids) and counts.get("reprocessed", 0) == 0

        real = airflow_stack.trigger(BACKFILL, {"start": today, "end": today, "mode": "archive", "dry_run": False})
        assert airflow_stack.wait(BACKFILL, real) == "success"
        record = run_record(es, s, real)
        assert record["kind"] == "backfill" and record["counts"]["reprocessed"] == counts["archived_pages"]
        assert article_ids(es, s) == ids  # re-processed in place: same documents, none added
    finally:
        airflow_stack.set_paused(BACKFILL, True)


def test_failing_task_is_recorded_by_the_listener(airflow_stack, es, s):
    """A form the schema accepts but the plan refuses (end before start): `plan` fails at once
    (no retries: retrying cannot mend a form) and the plugin's listener writes the failure."""
    airflow_stack.set_paused(BACKFILL, False)
    try:
        run_id = airflow_stack.trigger(BACKFILL, {"start": "2025-02-01", "end": "2025-01-01", "mode": "archive"})
        assert airflow_stack.wait(BACKFILL, run_id, timeout=240) == "failed"
    finally:
        airflow_stack.set_paused(BACKFILL, True)
    plan = next(t for t in airflow_stack.task_instances(BACKFILL, run_id) if t["task_id"] == "plan")
    assert plan["state"] == "failed" and plan["try_number"] == 1
    es.indices.refresh(index=s.runs_index)
    hits = es.search(index=s.runs_index, query={"bool": {"filter": [
        {"term": {"run_id": run_id}}, {"term": {"kind": "task_failure"}}]}})["hits"]["hits"]
    assert [h["_source"]["task_id"] for h in hits] == ["plan"]
    assert "end 2025-01-01 is before start 2025-02-01" in hits[0]["_source"]["error"]
    assert hits[0]["_source"]["dag_id"] == BACKFILL


def crash_chunks(stack, run_id: str, source_id: str) -> set[int]:
    """Map indexes of the run's chunks (plan_chunks' XCom, read through the REST API) with entries of one source."""
    xcom = stack.api("GET", f"dags/{INGEST}/dagRuns/{run_id}/taskInstances/plan_chunks/xcomEntries/return_value"
                     "?deserialize=true&stringify=false")
    chunks = xcom["value"]
    return {i for i, chunk in enumerate(chunks) if any((item.get("source") or {}).get("id") == source_id
                                                        for item in chunk)}


def test_scheduler_killed_mid_run(airflow_stack, es, s):
    """SIGKILL the scheduler while a run fetches new articles, then start it again as a service
    manager would (which also ends the killed scheduler's orphaned LocalExecutor workers): the
    fetching task either finishes its attempt or is declared dead and retried, and the run finishes
    with every new article indexed once (each document at version 1)."""
    outlet = serve_synthetic_outlet(airflow_stack.web, "crashnews", 24, page_delay=0.5)
    airflow_stack.add_source(outlet)
    before = article_ids(es, s)
    run_id = airflow_stack.trigger(INGEST)
    deadline = time.monotonic() + 300
    mine: set[int] | None = None  # the process_chunk map indexes holding this outlet's entries
    while True:  # kill while its pages are being fetched (24 pages × 0.5 s, one host: no overlap)
        tis = airflow_stack.task_instances(INGEST, run_id)
        if mine is None and any(t["task_id"] == "plan_chunks" and t["state"] == "success" for t in tis):
            mine = crash_chunks(airflow_stack, run_id, "crashnews")
        running = {t["map_index"] for t in tis if t["task_id"] == "process_chunk" and t["state"] == "running"}
        if mine and running & mine:
            running &= mine
            break
        assert time.monotonic() < deadline, [(t["task_id"], t["map_index"], t["state"]) for t in tis]
        time.sleep(0.5)
    scheduler = airflow_stack.airflow.daemon("scheduler")
    killed = scheduler.kill()
    assert killed is not None and scheduler.pid() is None
    orphans = group_members(killed)
    assert orphans  # its executor's workers outlive it
    time.sleep(3)
    airflow_stack.airflow.restart("scheduler")
    assert group_members(killed) == []  # the restart ended them
    assert airflow_stack.wait(INGEST, run_id, timeout=600) == "success"

    tis = airflow_stack.task_instances(INGEST, run_id)
    chunks = {t["map_index"]: t for t in tis if t["task_id"] == "process_chunk"}
    # a chunk that ran when the scheduler died either outlived it (an Airflow 3 task reports to the
    # API server, not to the scheduler: its first attempt finishes) or died with the executor's
    # workers and was retried once; either way the run succeeds with every article indexed once
    assert {chunks[i]["state"] for i in running} == {"success"}
    assert all(chunks[i]["try_number"] in (1, 2) for i in running), {i: chunks[i]["try_number"] for i in running}
    new = article_ids(es, s) - before
    assert len(new) == 24
    versions = es.search(index=s.articles_alias, size=100, version=True,
                         query={"term": {"source_id": "crashnews"}})["hits"]["hits"]
    assert len(versions) == 24 and {h["_version"] for h in versions} == {1}, sorted(h["_version"] for h in versions)
    record = run_record(es, s, run_id)
    assert record["counts"]["indexed"] == 24 and record["counts"]["articles_new"] == 24


def test_timetable_fires_and_never_overlaps(airflow_stack):
    """With a 20 s interval (RASD_INGEST_SCHEDULE, read when the dag-processor parses the file), at
    least two scheduled runs happen, and never two at once (max_active_runs=1)."""
    airflow_stack.set_paused(INGEST, True)
    airflow_stack.stack.config.task_env["RASD_INGEST_SCHEDULE"] = "20s"
    try:
        airflow_stack.stack.airflow.restart("dag-processor")
        deadline = time.monotonic() + 180
        while "0:00:20" not in str(airflow_stack.api("GET", f"dags/{INGEST}").get("timetable_summary")):
            assert time.monotonic() < deadline, airflow_stack.api("GET", f"dags/{INGEST}")
            time.sleep(2)
        since = datetime.now(UTC)
        airflow_stack.set_paused(INGEST, False)
        deadline = time.monotonic() + 360
        most_at_once = 0
        while True:
            runs = [r for r in airflow_stack.runs(INGEST) if r["run_type"] == "scheduled"
                    and datetime.fromisoformat(r["queued_at"]) >= since]
            most_at_once = max(most_at_once, sum(r["state"] == "running" for r in airflow_stack.runs(INGEST)))
            if sum(r["state"] == "success" for r in runs) >= 2:
                break
            assert time.monotonic() < deadline, runs
            time.sleep(1)
    finally:
        airflow_stack.set_paused(INGEST, True)
        airflow_stack.stack.config.task_env["RASD_INGEST_SCHEDULE"] = "none"
        airflow_stack.stack.airflow.restart("dag-processor")
    assert most_at_once <= 1
    done = sorted((r for r in airflow_stack.runs(INGEST) if r["end_date"]), key=lambda r: r["start_date"])
    for earlier, later in itertools.pairwise(done):
        assert later["start_date"] >= earlier["end_date"], (earlier, later)
