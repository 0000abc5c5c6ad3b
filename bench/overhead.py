"""Overhead benchmark: our per-page processing against raw ``trafilatura.extract`` on the same pages.

    .venv/bin/python bench/overhead.py --corpus ../shared/corpus/saudinewsnet --n 300

``--n`` SaudiNewsNet articles (seeded sample, read at run time) are rendered into the page layouts of
the extraction bench (``bench/layouts/``: all 30 layouts of 12 CMS families, dev and held-out, table
portals and windows-1256 pages included), the layouts taken in turn, decoded as the ingest path decodes
them, and kept in memory. For every page, in the same process:

* raw: ``trafilatura.extract(html)`` (default settings);
* ours: ``pipeline.extract.extract`` (with the feed title, summary and date, as ``process_article``
  passes them) → ``pipeline.language.detect_language`` → ``pipeline.normalize.normalize`` (title
  and body) → ``pipeline.tag.tag`` → ``pipeline.dedup.signature`` (MinHash + LSH bands, in memory);
* for reference only: ``trafilatura.bare_extraction`` with trafilatura's metadata and our options,
  and ``bare_extraction`` as our ``extract`` calls it inside (the shipped path, no metadata), so the
  cost of our own steps (metadata, dates, DOM rules, line filter) shows.

Measurement is interleaved: each page runs raw, ours and the references back to back, the order
rotating from page to page and round to round, ``--rounds`` times over all pages, after a warm-up
(tagger built, langdetect profiles loaded). Times are the CPU time of this thread
(``time.thread_time``, what the machine's other load disturbs least) and wall time.

``ratio`` = raw time / our time (CPU); the target is ≥ 0.6 (issue 14: the earlier 0.8 bought speed with
quality, by running trafilatura's fast mode). Per-family times are printed too.
``--profile N`` also prints the top functions of ours (cProfile, N pages).

Prints a table, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

BASE = "http://127.0.0.1:8000"
OURS = ("extract", "language", "normalize", "tag", "dedup_signature")


def build_pages(n: int, seed: int, corpus: Path) -> list[dict[str, Any]]:
    """``n`` articles, each in the next layout of the extraction bench (all layouts in turn)."""
    import extraction_pages as ep

    from pipeline.fetch import decode_body

    layouts = ep.load_layouts()
    names = list(layouts)
    articles, pool = ep.sample_corpus(corpus, n=n, seed=seed, min_chars=400)
    renderer = ep.Renderer(layouts, pool, seed)
    pages = []
    for i, a in enumerate(articles):
        page = renderer.render(a, i, names[i % len(names)])
        html, _ = decode_body(page.body, page.headers)
        pages.append({"html": html, "url": page.url, "title": a.title, "family": page.family,
                      "summary": a.paragraphs[0][:300] if a.paragraphs else None, "date": page.published,
                      "now": page.fetched})
    return pages


def make_ours() -> Callable[[dict[str, Any], dict[str, list[float]]], Any]:
    from pipeline.dedup import signature
    from pipeline.extract import extract
    from pipeline.language import detect_language
    from pipeline.normalize import normalize
    from pipeline.tag import tag

    clock = time.thread_time

    def ours(p: dict[str, Any], acc: dict[str, list[float]]) -> Any:
        t0 = clock()
        content = extract(p["html"], url=p["url"], feed_title=p["title"], feed_summary=p["summary"],
                          feed_date=p["date"], min_body_chars=200, now=p["now"])
        t1 = clock()
        lang = detect_language(content.text, min_chars=40)
        t2 = clock()
        normalize(content.title or "")
        normalize(content.text)
        t3 = clock()
        tags = tag(content.title, content.text, libya_focused=False) if lang.lang == "ar" else None
        t4 = clock()
        sig = signature(content.text) if content.text else None
        t5 = clock()
        for name, dt in zip(OURS, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            acc[name].append(dt)
        return content, lang, tags, sig

    return ours


def measure_what_if(pages: list[dict[str, Any]], rounds: int) -> dict[str, Any]:
    """CPU ms/page of alternatives, interleaved on the same pages, and their agreement with ours."""
    import trafilatura

    from pipeline.extract import extract
    from pipeline.language import detect_language

    texts = [extract(p["html"], url=p["url"], feed_title=p["title"], feed_summary=p["summary"], feed_date=p["date"],
                     now=p["now"]).text for p in pages]
    from langdetect import detect_langs

    variants: dict[str, Callable[[int], Any]] = {
        "language: detect_language (as is: script first)": lambda i: detect_language(texts[i]).lang,
        "language: langdetect on every page (5000 chars)": lambda i: str(detect_langs(texts[i][:5000])[0].lang),
        "raw: trafilatura.extract(html, with_metadata=True)": lambda i: trafilatura.extract(pages[i]["html"],
                                                                                             with_metadata=True),
    }
    names = list(variants)
    cpu: dict[str, list[float]] = {k: [] for k in names}
    answers: dict[str, list[Any]] = {k: [] for k in names}
    for r in range(rounds):
        for i in range(len(pages)):
            k = (i + r) % len(names)
            for name in names[k:] + names[:k]:
                c0 = time.thread_time()
                out = variants[name](i)
                cpu[name].append(time.thread_time() - c0)
                if r == 0:
                    answers[name].append(out)
    base = answers[names[0]]
    rows, out = [], {}
    for name in names:
        ms = 1000 * sum(cpu[name]) / len(cpu[name])
        agree = (sum(a == b for a, b in zip(answers[name], base, strict=True)) / len(base)
                 if name.startswith("language") else float("nan"))
        rows.append([name, ms, agree])
        out[name] = {"cpu_ms": round(ms, 2), "agreement": None if agree != agree else round(agree, 4)}
    print()
    print(common.table(["what-if (same pages, interleaved)", "CPU ms/page", "same answer as as-is"], rows))
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    import trafilatura

    import pipeline.extract as px

    pages = build_pages(args.n, args.seed, args.corpus)
    print(f"pages: {len(pages)} ({sum(len(p['html']) for p in pages) / len(pages) / 1000:.1f} k characters each on "
          f"average), {args.rounds} rounds", file=sys.stderr)
    ours = make_ours()
    stage_cpu: dict[str, list[float]] = {k: [] for k in OURS}
    scratch: dict[str, list[float]] = {k: [] for k in OURS}

    def raw(p: dict[str, Any]) -> Any:
        return trafilatura.extract(p["html"])

    def ref(p: dict[str, Any]) -> Any:
        return trafilatura.bare_extraction(p["html"], url=p["url"], with_metadata=True, config=px._CONFIG,
                                           **px.TRAFILATURA_OPTIONS)

    shipped = px.settings().path

    def body_only(p: dict[str, Any]) -> Any:
        return px.run_trafilatura(p["html"], p["url"], "full" if shipped == "cascade" else shipped)

    from langdetect import detect_langs

    # a worker pays langdetect's set-up (profiles, its first Arabic text: ~0.3 s) once per
    # process: do it here, not inside a measured page
    detect_langs("The language profiles are loaded once per process, before any page is measured.")
    detect_langs("تحمل ملفات اللغات مرة واحدة في كل عملية قبل قياس أي صفحة")
    for p in pages[:10]:  # warm-up: tagger, lookup tables, trafilatura caches
        raw(p)
        ours(p, scratch)
        ref(p)
    cpu: dict[str, list[float]] = {"raw": [], "ours": [], "ref": [], "body": []}
    wall: dict[str, list[float]] = {"raw": [], "ours": [], "ref": [], "body": []}
    methods: dict[str, int] = {}
    variants: dict[str, Callable[[dict[str, Any]], Any]] = {
        "raw": raw, "ours": lambda p: ours(p, stage_cpu), "ref": ref, "body": body_only}
    names = list(variants)
    t_start = time.perf_counter()
    for r in range(args.rounds):
        for i, p in enumerate(pages):
            k = (i + r) % len(names)
            for name in names[k:] + names[:k]:
                w0, c0 = time.perf_counter(), time.thread_time()
                out = variants[name](p)
                cpu[name].append(time.thread_time() - c0)
                wall[name].append(time.perf_counter() - w0)
                if name == "ours" and r == 0:
                    methods[out[0].method] = methods.get(out[0].method, 0) + 1
        print(f"  round {r + 1}/{args.rounds} done, {time.perf_counter() - t_start:.0f} s", file=sys.stderr)
    seconds = time.perf_counter() - t_start

    def ms(xs: list[float]) -> float:
        return 1000 * sum(xs) / len(xs)

    raw_cpu, our_cpu = ms(cpu["raw"]), ms(cpu["ours"])
    raw_wall, our_wall = ms(wall["raw"]), ms(wall["ours"])
    rows: list[list[Any]] = [["raw trafilatura.extract(html)", raw_cpu, raw_wall, float("nan"), 1.0]]
    rows.append(["OURS (sum of the stages below)", our_cpu, our_wall, 100.0, our_cpu / raw_cpu])
    for name in OURS:
        c = ms(stage_cpu[name])
        rows.append([f"  {name}", c, float("nan"), 100 * c / our_cpu, c / raw_cpu])
    ref_cpu = ms(cpu["ref"])
    rows.append(["ref: bare_extraction + trafilatura metadata", ref_cpu, ms(wall["ref"]), float("nan"),
                 ref_cpu / raw_cpu])
    body_cpu = ms(cpu["body"])
    rows.append([f"ref: bare_extraction as extract runs it ({shipped}), no metadata", body_cpu, ms(wall["body"]),
                 float("nan"), body_cpu / raw_cpu])
    ext = ms(stage_cpu["extract"])
    rows.append(["  ⇒ extract's own steps (extract − body)", ext - body_cpu, float("nan"),
                 100 * (ext - body_cpu) / our_cpu, (ext - body_cpu) / raw_cpu])
    ratio = raw_cpu / our_cpu
    print(common.table(["stage", "CPU ms/page", "wall ms/page", "% of ours", "× raw"], rows,
                       title=f"Overhead: {len(pages)} pages × {args.rounds} rounds, interleaved ({seconds:.0f} s)"))
    fam_rows, per_family = [], {}
    for fam in sorted({p["family"] for p in pages}):
        idx = [k for k in range(len(cpu["raw"])) if pages[k % len(pages)]["family"] == fam]
        f_raw = 1000 * sum(cpu["raw"][k] for k in idx) / len(idx)
        f_ours = 1000 * sum(cpu["ours"][k] for k in idx) / len(idx)
        per_family[fam] = {"raw": round(f_raw, 2), "ours": round(f_ours, 2), "ratio": round(f_raw / f_ours, 3)}
        fam_rows.append([fam, len(idx) // args.rounds, f_raw, f_ours, f_raw / f_ours])
    print()
    print(common.table(["family", "pages", "raw CPU ms", "ours CPU ms", "ratio"], fam_rows))
    print()
    print(f"ratio = raw / ours = {raw_cpu:.2f} / {our_cpu:.2f} = {ratio:.3f} CPU "
          f"({raw_wall / our_wall:.3f} wall); target ≥ 0.6: {'met' if ratio >= 0.6 else 'MISSED'}")
    print(f"extraction methods (ours): {methods}")
    what_if = measure_what_if(pages, args.rounds) if args.what_if else None
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for p in pages[: args.profile]:
            ours(p, scratch)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
        print(buf.getvalue(), file=sys.stderr)
    import trafilatura as tf

    return {
        "bench": "overhead", "n": len(pages), "rounds": args.rounds, "seed": args.seed,
        "ratio": round(ratio, 3), "ratio_wall": round(raw_wall / our_wall, 3),
        "cpu_ms_per_page": {"raw": round(raw_cpu, 2), "ours": round(our_cpu, 2), "ref_bare_extraction_meta": round(ref_cpu, 2),
                            "ref_body_as_extract_runs_it": round(body_cpu, 2), **{k: round(ms(v), 2) for k, v in stage_cpu.items()}},
        "wall_ms_per_page": {"raw": round(raw_wall, 2), "ours": round(our_wall, 2), "ref_bare_extraction_meta": round(ms(wall["ref"]), 2)},
        "per_family": per_family, "path": shipped, "methods": methods, "target_ratio>=0.6": ratio >= 0.6, "what_if": what_if, "trafilatura": tf.__version__,
        "seconds": round(seconds, 1), "machine": common.machine(), "at": common.now_utc(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--n", type=int, default=300, help="pages (seeded sample of articles, one layout each; default 300)")
    ap.add_argument("--rounds", type=int, default=3, help="passes over all pages (default 3)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--what-if", action="store_true",
                    help="also time alternatives (cheaper language id, raw extraction with metadata)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also profile ours on N pages (stderr)")
    args = ap.parse_args(argv)
    out = run(args)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
