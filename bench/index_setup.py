"""What one call of ``ensure_indices`` costs Elasticsearch when every index already exists (each ingest
run calls it twice: ``prepare`` and ``dead_letters``), on one node and on a three-node cluster.

    .venv/bin/python bench/index_setup.py [--es-port 9235] [--calls 20]

Starts a single node on ``--es-port`` and a 3-node cluster on the three ports after it, creates the
indices once, then times ``--calls`` calls and prints, per topology, the Elasticsearch CPU seconds
(``_nodes/stats``, all nodes) and the wall time per call, and the requests one call makes
(counted by the client's transport).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common


def measure(es: Any, url: str, calls: int) -> dict[str, Any]:
    from pipeline.index import ensure_indices

    settings = common.configure(url, "rasdbix")
    common.drop_prefix(es, "rasdbix")
    ensure_indices(es, settings)
    for _ in range(3):  # warm the code paths
        ensure_indices(es, settings)
    seen: Counter[str] = Counter()
    transport = es.transport
    original = transport.perform_request

    def counting(method: str, target: str, *a: Any, **kw: Any) -> Any:
        seen[f"{method} {target.split('?')[0].split('/')[1] if '/' in target else target}"] += 1
        return original(method, target, *a, **kw)

    # the nodes' process stats are cached for a second (monitor.process.refresh_interval): wait past
    # it around the measured calls, and make at least 10 s of calls
    time.sleep(1.5)
    cpu0, t0 = common.es_cpu_s(es), time.perf_counter()
    transport.perform_request = counting  # type: ignore[method-assign]
    made = 0
    try:
        while made < calls or time.perf_counter() - t0 < 10:
            ensure_indices(es, settings)
            made += 1
    finally:
        transport.perform_request = original  # type: ignore[method-assign]
    wall = time.perf_counter() - t0
    time.sleep(1.5)
    cpu, calls = common.es_cpu_s(es) - cpu0, made
    common.drop_prefix(es, "rasdbix")
    return {"es_cpu_s_per_call": cpu / calls, "wall_s_per_call": wall / calls,
            "requests_per_call": {k: v / calls for k, v in sorted(seen.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--es-port", type=int, default=9235)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    from pipeline import es_local
    from pipeline.index import get_client
    from pipeline.services import es_cluster

    def single() -> str:
        return es_local.start(name="bscale", port=args.es_port, heap="512m", timeout=300).url

    def cluster() -> str:
        es_cluster.remove("bscalec")
        return es_cluster.start("bscalec", nodes=3, port=args.es_port + 1, heap="512m", timeout=600).url

    out = {}
    for topo, start, stop in (("1 node", single, lambda: es_local.stop("bscale")),
                              ("3 nodes", cluster, lambda: es_cluster.remove("bscalec"))):
        url = start()
        try:
            es = get_client(common.configure(url, "rasdbix"))
            out[topo] = measure(es, url, args.calls)
            es.close()
        finally:
            stop()
    for topo, r in out.items():
        print(f"{topo}: ES CPU {r['es_cpu_s_per_call']:.3f} s per ensure_indices call, wall {r['wall_s_per_call']:.3f} s, "
              f"requests {sum(r['requests_per_call'].values()):.0f}: {r['requests_per_call']}")
    print(json.dumps({"bench": "index_setup", "calls": args.calls, **out, "machine": common.machine(),
                      "at": common.now_utc()}))


if __name__ == "__main__":
    main()
