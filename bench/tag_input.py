"""`rasd tag` on inputs of growing size: why the command line reads at most 1 MB.

    .venv/bin/python bench/tag_input.py [--sizes 0.01,0.1,1,4,12] [--corpus DIR]

For each size, a fresh Python process builds that much real Arabic news text (SaudiNewsNet articles
read from ``--corpus`` at run time, joined until the size is reached), writes it to a temporary
file and runs ``rasd tag FILE --json`` in-process, uncapped (``--max-bytes`` above the size), then
reports the wall time of the command and the process's peak RSS. A last row runs the default cap
on the largest size: the one-line refusal and how long it takes.

Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common


def child(size_mb: float, corpus: Path, capped: bool) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    want = int(size_mb * 1_000_000)
    parts, total = [], 0
    while total < want:
        for art in common.iter_corpus(corpus):
            text = art.title + "\n" + art.content + "\n"
            parts.append(text)
            total += len(text.encode("utf-8"))
            if total >= want:
                break
    data = "".join(parts).encode("utf-8")[:want].decode("utf-8", "ignore")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        before = common.maxrss_mb()
        args = ["tag", f.name, "--json"] + ([] if capped else ["--max-bytes", str(want + 1)])
        t0 = time.perf_counter()
        result = CliRunner().invoke(app, args)
        seconds = time.perf_counter() - t0
    out = result.stdout if result.exit_code == 0 else ""
    tags = json.loads(out) if out else {}
    print(json.dumps({"mb": size_mb, "capped": capped, "exit": result.exit_code, "seconds": round(seconds, 2),
                      "rss_mb": round(common.maxrss_mb(), 1), "rss_before_mb": round(before, 1),
                      "places": len(tags.get("places", [])), "stderr": result.stderr.strip()[:160]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.01,0.1,1,4,12", help="MB, comma-separated")
    parser.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--capped", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.corpus, args.capped)
        return
    sizes = [float(x) for x in args.sizes.split(",")]
    runs = []
    for mb, capped in [(mb, False) for mb in sizes] + [(max(sizes), True)]:
        proc = subprocess.run([sys.executable, __file__, "--child", str(mb), "--corpus", str(args.corpus)]
                              + (["--capped"] if capped else []), capture_output=True, text=True, check=True)
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    rows = [(f"{r['mb']:g} MB" + (" (default cap)" if r["capped"] else ""), r["exit"], r["seconds"], r["rss_mb"],
             r["rss_mb"] - r["rss_before_mb"], r["places"]) for r in runs]
    print(common.table(["input", "exit", "seconds", "peak RSS MiB", "RSS growth MiB", "places"], rows,
                       title="rasd tag FILE --json (in-process, after start-up)"))
    print(runs[-1]["stderr"])
    print(json.dumps({"bench": "tag_input", "at": common.now_utc(), "machine": common.machine(), "runs": runs},
                     ensure_ascii=False))


if __name__ == "__main__":
    _ = resource  # peak RSS comes from resource via _common.maxrss_mb
    main()
