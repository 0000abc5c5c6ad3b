"""Printing for ``bench/extraction.py``: the tables of one run's result (a plain dict, also printed as JSON)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import extraction_pages as ep


def _table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    def cell(v: Any) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    rows_s = [[cell(v) for v in r] for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows_s, strict=True)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) if k == 0 else h.rjust(w) for k, (h, w) in enumerate(zip(header, widths, strict=True))))
    for r in rows_s:
        print("  ".join(c.ljust(w) if k == 0 else c.rjust(w) for k, (c, w) in enumerate(zip(r, widths, strict=True))))


def _rows(groups: dict[str, dict[str, Any]], label: Callable[[str], str]) -> list[list[Any]]:
    rows = []
    for g, d in groups.items():
        raw, lo, sh = d["raw"], d["lofo"], d["shipped"]
        rows.append([label(g), d["pages"], raw["f1"], lo["f1"], lo["f1"] - raw["f1"], raw["p"], lo["p"], lo["r"],
                     f"{raw['date']}/{d['pages']}", f"{lo['date']}/{d['pages']}", f"{raw['title']}", f"{sh['title']}",
                     sh["f1"], lo["full_share"], d["ms"]["raw"], d["ms"]["ours"]])
    return rows


HEADER = ["", "pages", "raw F1", "LOFO F1", "ΔF1", "raw P", "LOFO P", "LOFO R", "raw date", "LOFO date",
          "raw title", "our title", "shipped F1", "full %", "raw ms", "our ms"]


def report(res: dict[str, Any], layouts: dict[str, ep.Layout]) -> None:
    print(f"Extraction: {res['n']} articles × {len(res['layouts'])} layouts = {res['pages']} pages "
          f"(seed {res['seed']}, trafilatura {res['trafilatura']}, {res['seconds']} s)")
    _table("Per layout (LOFO: scored with the fit on the other families)", ["layout", *HEADER[1:]],
           _rows(res["per_layout"], lambda g: f"{g} [{layouts[g].split}]"))
    _table("Per family", ["family", *HEADER[1:]], _rows(res["per_family"], str))
    _table("Per split", ["split", *HEADER[1:]], _rows(res["per_split"], str))
    _table("Overall", ["", *HEADER[1:]], _rows({"ALL": res["overall"]}, str))
    print("\nFits (LOFO fold → settings):")
    for fam, d in res["folds"].items():
        print(f"  without {fam}: {d}")
    print(f"  all families: {res['fit_all']}")
    print(f"  shipped (pipeline/data/extraction.yaml): {res['shipped']}")
    fams = sorted(res["per_family"])
    _table("Candidates side by side (F1, same pages, line patterns and DOM rules of the all-family fit)",
           ["candidate", *fams, "ALL"],
           [[name, *(v[f] for f in fams), v["ALL"]] for name, v in res["candidates"].items()])
    _table("Paths leave-one-family-out (path forced, patterns and rules fitted per fold; trafilatura's CPU ms/page)",
           ["path", *fams, "ALL", "ms"],
           [[name, *(v[f] for f in fams), v["ALL"], v["trafilatura ms"]] for name, v in res["lofo_by_path"].items()])
    _table("Line patterns on all pages (words of noise dropped / words of article text cut, families with noise)",
           ["pattern", "noise", "text", "families"],
           [[pid, v["noise_words"], v["text_words"], ",".join(v["families"])] for pid, v in res["line_support"].items()])
    print(f"\nspeed: raw {res['overall']['ms']['raw']:.1f} ms/page, ours {res['overall']['ms']['ours']:.1f} ms/page "
          f"(CPU, side by side): ours = {res['speed_ratio']:.2f}× raw pages/s")
    print("targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in res["targets"].items()))
