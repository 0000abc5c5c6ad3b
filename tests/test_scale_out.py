"""Scale-out under faults, with the real engines: PostgreSQL, Redis, the Airflow services with the
CeleryExecutor and two Celery workers (separate processes), over the session's three-node
Elasticsearch cluster. Runs are triggered over the REST API, as operators do.

* one ingest run's mapped chunks run on both workers (which ran where is printed and checked);
* a worker killed (SIGKILL, with everything it started) in the middle of a chunk: the chunk is
  retried on the other worker and the index equals an undisturbed run's (same ids, the same
  clusters, one lead each);
* no task reads a file another task wrote on its disk: each worker archives to a folder only it
  has, and every run is right; the archive backfill, the one reader of the archive, says what it
  cannot see instead of re-processing part of a day;
* an Elasticsearch data node SIGKILLed during an ingest and started again: the run finishes,
  nothing lost, nothing twice, searches answer exact counts while the node is down, green again;
* a rolling restart of the three nodes during a backfill.

One stack for the module (``celery_stack``); the tests run in file order and build on each other.
The fault table of the closing note is printed by the tests (``pytest -s``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from elasticsearch import Elasticsearch

from pipeline.config import Settings
from pipeline.index import get_client
from pipeline.newsweb import NewsWeb
from pipeline.services import es_cluster as cluster
from pipeline.services.celery import CELERY_CONFIG_OPTIONS, host_name
from pipeline.services.proc import free_port
from pipeline.services.stack import Stack, StackConfig
from pipeline.urls import doc_id
from tests.conftest import wipe
from tests.scale import CLUSTER, Gate, serve_outlet, snapshot, story, syndicated_outlets, wait_for
from tests.services import Services, bring_up

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

PREFIX = "rasdcel"
INGEST, BACKFILL = "libya_news_ingest", "libya_news_backfill"
WORKERS = ("worker-1", "worker-2")
BASELINE: dict[str, Any] = {}  # the undisturbed run, for the runs that follow


@pytest.fixture(scope="module")
def celery_stack(es_cluster):
    root = Path(tempfile.mkdtemp(prefix="rasd-celery-"))
    web = NewsWeb(root=None).start()
    (root / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    env = {
        "RASD_INDEX_PREFIX": PREFIX,
        "RASD_SOURCES_FILE": str(root / "sources.yaml"),
        "RASD_FETCH_ALLOW_LOOPBACK": "1",
        "RASD_PER_HOST_DELAY": "0",
        "RASD_INGEST_SCHEDULE": "none",
        "RASD_CHUNK_SIZE": "4",  # several chunks per run, for two workers
        # pages held back by a Gate wait as long as a fault takes (seconds to minutes)
        "RASD_READ_TIMEOUT": "600",
        "RASD_TOTAL_TIMEOUT": "900",
        "RASD_ARCHIVE_URL": str(root / "archive-unused"),
    }
    # each worker archives to a folder of its own, as if it ran on a machine of its own
    worker_env = {w: {"RASD_ARCHIVE_URL": str(root / f"disk-of-{w}" / "archive")} for w in WORKERS}
    config = StackConfig(
        es_url=es_cluster.url, pg_port=free_port(), api_port=free_port(), task_env=env, executor="celery",
        workers=2, worker_concurrency=2, worker_env=worker_env, unpause=[INGEST],
        # a task whose worker died is declared dead after this long (default 300 s), then retried
        airflow_config={"scheduler": {"task_instance_heartbeat_timeout": "30"}},
    )
    es = get_client(Settings(es_url=es_cluster.url, index_prefix=PREFIX))
    wipe(es, PREFIX)
    stack = Stack(root / "stack", config)
    bring_up(stack, web, timeout=900)
    services = Services(stack=stack, web=web, root=root, env=env)
    print(f"\nCelery stack: {stack.airflow.api_url}, logs in {stack.airflow.logs}")
    try:
        yield services
    finally:
        stack.down()
        web.stop()
        wipe(es, PREFIX)
        es.close()
        if not os.environ.get("RASD_KEEP_STACK"):
            stack.postgres.remove()
            stack.redis.remove()
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def es(celery_stack, es_cluster) -> Elasticsearch:
    client = get_client(Settings(es_url=es_cluster.url, index_prefix=PREFIX))
    yield client
    client.close()


@pytest.fixture(scope="module")
def s(es_cluster) -> Settings:
    return Settings(es_url=es_cluster.url, index_prefix=PREFIX)


def add_sources(stack: Services, *sources: dict[str, Any]) -> None:
    data = yaml.safe_load(stack.sources_file.read_text(encoding="utf-8")) or {}
    data["sources"] = (data.get("sources") or []) + list(sources)
    stack.sources_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def archive_of(stack: Services, worker: str) -> Path:
    return stack.root / f"disk-of-{worker}" / "archive"


def chunks(stack: Services, dag_id: str, run_id: str) -> list[dict[str, Any]]:
    return sorted((t for t in stack.task_instances(dag_id, run_id) if t["task_id"] == "process_chunk"),
                  key=lambda t: t["map_index"])


def tries(stack: Services, dag_id: str, run_id: str, ti: dict[str, Any]) -> list[dict[str, Any]]:
    path = f"dags/{dag_id}/dagRuns/{run_id}/taskInstances/{ti['task_id']}/{ti['map_index']}/tries"
    return sorted(stack.api("GET", path)["task_instances"], key=lambda t: t["try_number"])


def expected_ids(web: NewsWeb, *outlets: Any) -> set[str]:
    return {doc_id(url) for outlet in outlets for url in outlet.urls(web)}


def run_record(es: Elasticsearch, s: Settings, run_id: str) -> dict[str, Any]:
    es.indices.refresh(index=s.runs_index)
    return dict(es.get(index=s.runs_index, id=run_id)["_source"])


def check_clusters(snap: Any, pairs: list[tuple[str, str]]) -> None:
    """Every pair (original, copy) shares a cluster of its own; every cluster has one lead."""
    for original, copy in pairs:
        assert snap.cluster_of(original) == frozenset({original, copy}), (original, copy)
    assert set(snap.leads.values()) == {1}, snap.leads


def pairs_of(web: NewsWeb, a: Any, b: Any) -> list[tuple[str, str]]:
    by_n = {st.n: doc_id(web.url(st.path)) for st in a.stories}
    return [(by_n[c.n], doc_id(web.url(c.path))) for c in b.stories]


def print_table(title: str, rows: list[list[Any]]) -> None:
    print(f"\n{title}")
    for row in rows:
        print("  " + " | ".join(str(x) for x in row))


# -- the stack ---------------------------------------------------------------------------------------
def test_celery_stack_is_up_as_configured(celery_stack):
    health = celery_stack.api("GET", "monitor/health")
    assert {k: v["status"] for k, v in health.items()} == {
        "metadatabase": "healthy", "scheduler": "healthy", "triggerer": "healthy", "dag_processor": "healthy"}
    pids = celery_stack.airflow.running()
    assert set(pids) == {"api-server", "scheduler", "dag-processor", "triggerer", *WORKERS}
    assert all(pids.values()) and len(set(pids.values())) == 6, pids  # two workers: two processes
    cfg = (celery_stack.airflow.home / "airflow.cfg").read_text()
    assert "executor = CeleryExecutor" in cfg
    assert f"broker_url = {celery_stack.stack.redis.url}" in cfg
    assert "result_backend = db+postgresql://" in cfg
    status = celery_stack.stack.status()
    assert status["executor"] == "celery" and status["redis"]["answers"] is True
    assert celery_stack.api("GET", "importErrors")["total_entries"] == 0


def test_workers_preload_the_pipeline_for_the_task_processes_they_fork(celery_stack):
    """Each worker imported Airflow's task runner and the pipeline before forking its pool
    (``celery_config_options`` → pipeline/celery_worker.py): lxml's and pyahocorasick's extension
    modules are mapped in the worker process itself, so the task processes forked from it inherit
    them instead of importing them (~1.3 CPU s per task, bench/scale.py)."""
    cfg = (celery_stack.airflow.home / "airflow.cfg").read_text()
    assert f"celery_config_options = {CELERY_CONFIG_OPTIONS}" in cfg
    pids = celery_stack.airflow.running()
    for worker in WORKERS:
        maps = Path(f"/proc/{pids[worker]}/maps").read_text()
        assert "lxml/etree" in maps and "ahocorasick" in maps, worker
    # the scheduler builds the same Celery app from the same option, and stays light
    assert "lxml/etree" not in Path(f"/proc/{pids['scheduler']}/maps").read_text()


def test_chunks_run_on_both_workers_each_archiving_to_its_own_disk(celery_stack, es, s):
    """The undisturbed run: 16 stories and 8 copies (4 exact, 4 edited) on two outlets, chunks of 4."""
    web = celery_stack.web
    a, b = syndicated_outlets(web, "celx", first=0, originals=16, exact=4, near=4)
    add_sources(celery_stack, a.source, b.source)
    run_id = celery_stack.trigger(INGEST)
    assert celery_stack.wait(INGEST, run_id, timeout=600) == "success"

    ran = chunks(celery_stack, INGEST, run_id)
    print_table("which worker ran which chunk (undisturbed run)",
                [[f"process_chunk[{t['map_index']}]", t["hostname"], f"try {t['try_number']}",
                  f"{t['duration']:.1f} s"] for t in ran])
    assert len(ran) >= 6 and all(t["state"] == "success" for t in ran)
    hosts = {host_name(w) for w in WORKERS}
    assert {t["hostname"] for t in ran} == hosts  # both workers ran chunks
    others = [t for t in celery_stack.task_instances(INGEST, run_id) if t["state"] == "success"]
    assert {t["hostname"] for t in others} <= hosts

    snap = snapshot(es, s.articles_alias, [a.slug, b.slug])
    assert snap.ids == expected_ids(web, a, b) and len(snap.ids) == 24
    assert len(snap.clusters) == 16
    check_clusters(snap, pairs_of(web, a, b))
    assert run_record(es, s, run_id)["counts"]["indexed"] == 24

    # each chunk's raw pages are on the disk of the worker that ran it, and only there
    for t in ran:
        name = hashlib.sha1(f"{run_id}-{t['map_index']}".encode()).hexdigest()[:20] + ".warc.gz"
        mine = {w for w in WORKERS if list(archive_of(celery_stack, w).rglob(name))}
        assert mine == {w for w in WORKERS if host_name(w) == t["hostname"]}, (t["map_index"], mine)
    for doc in snap.docs.values():
        assert any(doc["archive_ref"].startswith(str(archive_of(celery_stack, w))) for w in WORKERS)
    BASELINE.update(snap=snap, outlets=(a, b))


def test_a_worker_killed_mid_chunk_is_retried_on_the_other(celery_stack, es, s):
    """The same content from scratch, pages slowed to 1 s; the worker running a chunk is SIGKILLed
    with everything it started (its task processes too) while the chunk fetches."""
    assert BASELINE, "needs the undisturbed run"
    a, b = BASELINE["outlets"]
    web = celery_stack.web
    wipe(es, PREFIX)  # a fresh index: feed state and documents gone, the run starts over
    worker = None
    for outlet in (a, b):
        for st in outlet.stories:
            web.routes[st.path].delay = 1.0
    try:
        run_id = celery_stack.trigger(INGEST)

        def running_chunk() -> dict[str, Any] | None:
            for t in chunks(celery_stack, INGEST, run_id):
                if t["state"] == "running" and t["hostname"]:
                    return t
            return None

        victim = wait_for(running_chunk, 300, "a chunk running on a worker")
        time.sleep(1.5)  # into its fetches (4 pages, 1 s each)
        worker = next(w for w in WORKERS if host_name(w) == victim["hostname"])
        daemon = celery_stack.airflow.daemon(worker)
        killed_at = datetime.now(UTC)
        killed = daemon.crash()
        assert len(killed) >= 3, killed  # the worker, its pool process, the task's supervisor and process
        assert celery_stack.wait(INGEST, run_id, timeout=900) == "success"
    finally:
        for outlet in (a, b):
            for st in outlet.stories:
                web.routes[st.path].delay = 0.0
        if worker is not None:
            celery_stack.airflow.daemon(worker).start()

    ti = next(t for t in chunks(celery_stack, INGEST, run_id) if t["map_index"] == victim["map_index"])
    history = tries(celery_stack, INGEST, run_id, ti)
    print_table(f"process_chunk[{ti['map_index']}]: {worker} killed at {killed_at:%H:%M:%S}",
                [[f"try {t['try_number']}", t["hostname"], t["state"]] for t in history])
    assert [t["try_number"] for t in history] == [1, 2]
    assert history[0]["hostname"] == victim["hostname"] and history[0]["state"] == "failed"
    assert history[1]["hostname"] != victim["hostname"] and history[1]["state"] == "success"

    snap = snapshot(es, s.articles_alias, [a.slug, b.slug])
    base = BASELINE["snap"]
    assert snap.ids == base.ids  # same ids
    assert snap.clusters == base.clusters  # whole clusters, the same ones
    assert set(snap.leads.values()) == {1}  # one lead each
    print(f"versions after the kill: {sorted(set(snap.versions.values()))}")
    BASELINE["after_kill"] = snap


def indexed_between(snap: Any, lo: datetime, hi: datetime) -> int:
    """Documents of ``snap`` indexed (``indexed_at``) between ``lo`` and ``hi``."""
    return sum(1 for d in snap.docs.values() if lo <= datetime.fromisoformat(d["indexed_at"]) <= hi)


def test_an_es_node_killed_during_an_ingest(celery_stack, es, s, es_cluster):
    """SIGKILL the node holding the article index's primary while a run indexes (pages let through
    one a second); searches go on; the node comes back with its data after 25 s; the run finishes
    with every document once; green again."""
    web = celery_stack.web
    gate = Gate()
    a, b = syndicated_outlets(web, "nodekill", first=16, originals=20, exact=4, near=4, gate=gate)
    add_sources(celery_stack, a.source, b.source)
    mine = {"terms": {"source_id": [a.slug, b.slug]}}
    stable = BASELINE["after_kill"]  # the earlier run's documents: a set that must not change
    stable_query = {"terms": {"source_id": sorted({d["source_id"] for d in stable.docs.values()})}}
    reader = get_client(Settings(es_url=es_cluster.url, index_prefix=PREFIX))
    articles = next(iter(es.indices.get_alias(name=s.articles_write_alias)))
    run_id = celery_stack.trigger(INGEST)
    stop = threading.Event()
    try:
        gate.trickle(1.0, 24, stop)  # 4 pages stay held until the node is back: the run spans it all
        wait_for(lambda: reader.count(index=s.articles_alias, query=mine)["count"] >= 4, 300,
                 "the first documents of the run")
        primary = next(r["node"] for r in es.cat.shards(index=articles, format="json") if r["prirep"] == "p")
        victim = int(primary.rsplit("-", 1)[1])
        master = es.cat.master(format="json")[0]["node"]
        before = reader.count(index=s.articles_alias, query=mine)["count"]
        killed_pid = cluster.kill_node(CLUSTER, victim)
        down, t_down = datetime.now(UTC), time.monotonic()
        answers, healths = [], set()
        while time.monotonic() - t_down < 25:
            t0 = time.monotonic()
            hits = reader.search(index=s.articles_alias, size=0, track_total_hits=True, query=stable_query)["hits"]
            answers.append((hits["total"]["value"], hits["total"]["relation"], time.monotonic() - t0))
            healths.add(reader.cluster.health()["status"])
            time.sleep(0.5)
        assert {(n, rel) for n, rel, _ in answers} == {(len(stable.ids), "eq")}, answers  # exact, every time
        assert len(answers) >= 10 and "red" not in healths, healths
        back = cluster.start_node(CLUSTER, victim, timeout=300)
        up, t_up = datetime.now(UTC), time.monotonic()
    finally:
        stop.set()
        gate.open()
    assert celery_stack.wait(INGEST, run_id, timeout=900) == "success"
    green = cluster.wait_health(CLUSTER, "green", timeout=300)
    t_green = time.monotonic()

    snap = snapshot(es, s.articles_alias, [a.slug, b.slug])
    assert snap.ids == expected_ids(web, a, b) and len(snap.ids) == 28  # nothing lost
    assert es.count(index=s.articles_alias, query=mine)["count"] == 28  # nothing twice
    check_clusters(snap, pairs_of(web, a, b))
    assert snapshot(es, s.articles_alias, stable_query["terms"]["source_id"]).ids == stable.ids
    record = run_record(es, s, run_id)
    assert record["counts"]["indexed"] == 28 and record["state"] == "success"
    assert green["status"] == "green" and back.pid != killed_pid
    cfg = yaml.safe_load((back.node_dir / "config" / "elasticsearch.yml").read_text(encoding="utf-8"))
    assert "cluster.initial_master_nodes" not in cfg  # a node with data rejoins; it never bootstraps again
    while_down = indexed_between(snap, down, up)
    twice = sorted(i for i, v in snap.versions.items() if v > 1)
    print_table("fault: an Elasticsearch node SIGKILLed during an ingest", [
        ["killed", f"testc-{victim} (pid {killed_pid}; held the articles primary; master was {master})"],
        ["when", f"after {before} of the run's 28 documents were indexed"],
        ["while down", f"{len(answers)} searches, each {len(stable.ids)} (eq), slowest "
                       f"{max(x for _, _, x in answers):.2f} s; health {sorted(healths)}; "
                       f"{while_down} documents indexed"],
        ["back", f"after {t_up - t_down:.0f} s down; green {t_green - t_up:.0f} s later"],
        ["index after", f"28/28 ids, each once; {len(snap.clusters)} clusters, one lead each; "
                        f"documents at version > 1: {len(twice)}"],
        ["run", f"{record['state']}, indexed {record['counts']['indexed']}"],
    ])
    assert while_down > 0  # the run indexed while the node was down
    reader.close()


def test_rolling_restart_during_a_backfill(celery_stack, es, s, es_cluster):
    """A sitemap backfill of 36 pages (9 chunks of 4) while the three nodes restart one after the
    other (Elastic's procedure). Each chunk's pages wait behind a gate of their own: one chunk's are
    let through as each node goes and one as it comes back, two are held until the restart is over,
    so documents are indexed while each node is out and the backfill outlasts the restart."""
    web = celery_stack.web
    gates = [Gate() for _ in range(9)]
    now = datetime.now(UTC).replace(microsecond=0)
    # newest first in the sitemap, so chunk k holds stories 4k..4k+3
    stories = [story(44 + i, now - timedelta(seconds=i)) for i in range(36)]
    roll = serve_outlet(web, "rollnews", stories, gate=[gates[i // 4] for i in range(36)], rss=False, sitemap=True)
    add_sources(celery_stack, roll.source)
    pids = {n.name: n.pid for n in cluster.info(CLUSTER).nodes}
    healths: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        reader = get_client(Settings(es_url=es_cluster.url, index_prefix=PREFIX))
        while not stop.is_set():
            try:
                healths.append(reader.cluster.health(timeout="5s")["status"])
            except Exception as exc:  # recorded: the assertion shows it
                healths.append(f"error: {exc}")
            stop.wait(1.0)
        reader.close()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    steps: dict[str, datetime] = {}
    released = [0]

    def note(step: str) -> None:  # a node goes: the next chunk's pages go through; it is back: one more
        steps[step.split(" after")[0]] = datetime.now(UTC)
        if step.endswith((": stop", ": start")):
            released[0] += 1
            gates[released[0]].open()

    celery_stack.set_paused(BACKFILL, False)
    try:
        today = now.date().isoformat()
        run_id = celery_stack.trigger(BACKFILL, {"start": today, "end": today, "mode": "sitemap",
                                                 "sources": [roll.slug]})
        gates[0].open()
        wait_for(lambda: es.count(index=s.articles_alias, query={"term": {"source_id": roll.slug}})["count"] >= 4,
                 300, "the backfill's first chunk")
        records = cluster.rolling_restart(CLUSTER, timeout=300, progress=note)
        state_then = celery_stack.run(BACKFILL, run_id)["state"]
    finally:
        stop.set()
        for gate in gates:
            gate.open()
        watcher.join(10)
    assert released[0] == 6 and state_then == "running"  # the restart happened inside the backfill
    assert celery_stack.wait(BACKFILL, run_id, timeout=900) == "success"
    celery_stack.set_paused(BACKFILL, True)

    snap = snapshot(es, s.articles_alias, [roll.slug])
    rows = []
    for node in (f"testc-{i}" for i in (1, 2, 3)):
        out, green = steps[f"{node}: stop"], steps[f"{node}: green"]
        rows.append([node, f"out and back to green in {(green - out).total_seconds():.0f} s",
                     f"{indexed_between(snap, out, green)} documents indexed meanwhile"])
    new_pids = {n.name: n.pid for n in cluster.info(CLUSTER).nodes}
    rows.append(["index after", f"{len(snap.ids)}/36 ids, versions {sorted(set(snap.versions.values()))}",
                 f"health samples {sorted(set(healths))}"])
    print_table("fault: a rolling restart of the three nodes during a backfill", rows)
    assert [r["node"] for r in records] == ["testc-1", "testc-2", "testc-3"]
    assert all(new_pids[k] != pids[k] for k in pids)  # every node restarted
    assert snap.ids == expected_ids(web, roll) and len(snap.ids) == 36
    assert es.count(index=s.articles_alias, query={"term": {"source_id": roll.slug}})["count"] == 36
    assert "red" not in healths and not any(h.startswith("error") for h in healths), healths
    assert cluster.status(CLUSTER)["health"]["status"] == "green"
    assert run_record(es, s, run_id)["counts"]["indexed"] == 36
    for node in (f"testc-{i}" for i in (1, 2, 3)):
        assert indexed_between(snap, steps[f"{node}: stop"], steps[f"{node}: green"]) > 0, rows


def test_archive_backfill_says_what_its_worker_cannot_read(celery_stack, es, s):
    """Every run above was right with each worker archiving to its own disk: no task read what
    another wrote. The archive backfill is the one reader of the archive (what earlier runs wrote,
    on whichever worker): with archives on workers' own disks it reports, per day, how many
    articles it could not find and why, instead of passing a partial re-processing off as whole."""
    today = datetime.now(UTC).date().isoformat()
    celery_stack.set_paused(BACKFILL, False)
    try:
        run_id = celery_stack.trigger(BACKFILL, {"start": today, "end": today, "mode": "archive"})
        assert celery_stack.wait(BACKFILL, run_id, timeout=600) == "success"
    finally:
        celery_stack.set_paused(BACKFILL, True)
    record = run_record(es, s, run_id)
    [day] = [t for t in celery_stack.task_instances(BACKFILL, run_id) if t["task_id"] == "reprocess_day"]
    worker = next(w for w in WORKERS if host_name(w) == day["hostname"])
    seen = {p.name for p in archive_of(celery_stack, worker).rglob("*.warc.gz")}
    print_table("archive backfill with an archive on each worker's disk", [
        ["ran on", worker, f"{len(seen)} archive files there"],
        ["counts", record["counts"].get("reprocessed"), f"archive_missing {record['counts'].get('archive_missing')}"],
    ])
    assert record["counts"].get("archive_missing", 0) > 0
    assert record["errors_by_kind"].get("archive_missing") == 1
