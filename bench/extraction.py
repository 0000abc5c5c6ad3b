"""Extraction benchmark: Rasd vs raw trafilatura, leave-one-family-out, on Arabic news page layouts.

Real article text from SaudiNewsNet (read at run time from ``--corpus``; never stored in the
repository) is rendered into the page layouts of ``bench/layouts/`` (Jinja2 templates, grouped in CMS
families, each marked dev or held-out in ``bench/layouts/manifest.yaml``; see ``extraction_pages.py``).
Every page is extracted side by side, in one run, by

* raw: ``trafilatura.bare_extraction(page_bytes, url=url, with_metadata=True)``, trafilatura's defaults
  (with its metadata step for the title and the date);
* Rasd: ``pipeline.extract.extract`` on the page as the ingest path decodes it, ``now`` = fetch time,
  with the settings shipped in ``pipeline/data/`` (the speed figures), and its parts composed under
  other settings for the leave-one-family-out procedure below.

Leave-one-family-out (LOFO): what Rasd's extraction could have been tuned on is fitted again in each
fold on the OTHER families, and the left-out family is scored with that fit:

* DOM rules (``boilerplate.yaml`` ``dom_rules``): a rule is used when the training families score
  better with it than without it;
* line patterns (``boilerplate.yaml`` ``line_patterns``): a pattern is used when, on the training
  families, the lines it drops include noise and never a line of article text; a pattern whose only
  support is the left-out family is not used for it;
* the path (trafilatura defaults, fast, full, or the cascade with its thresholds) and the order of the
  date sources: the best on the training families (each family weighs the same; ties: the cheaper).

Scores: bag-of-words precision / recall / F1 of the body (whitespace tokens of
``pipeline.normalize.normalize``, multiset overlap) against the paragraphs the template put in the
body; date right = the publication day as the site's readers see it; title exact (whitespace folded).
Per page, averaged per layout, per family, per split and overall (every page weighs the same).

    .venv/bin/python bench/extraction.py --corpus ../shared/corpus/saudinewsnet --n 40

Prints tables, the targets, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import logging  # noqa: E402

import extraction_pages as ep  # noqa: E402
import trafilatura  # noqa: E402
from extraction_report import report  # noqa: E402

from pipeline import boilerplate as bp  # noqa: E402
from pipeline import dates as dt_mod  # noqa: E402
from pipeline import extract as px  # noqa: E402
from pipeline.fetch import decode_body  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.pagemeta import clean_title, declared_text, page_head, page_metadata  # noqa: E402

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
MIN_BODY_CHARS = 200  # extract()'s default, as the ingest settings pass it
MODES = ("fast", "full")
DATE_ORDERS: dict[str, tuple[str, ...]] = {
    "declared,htmldate (trafilatura's way)": ("declared", "htmldate"),
    "declared,visible,htmldate,relative": ("declared", "visible", "htmldate", "relative"),
    "declared,htmldate,visible,relative": ("declared", "htmldate", "visible", "relative"),
    "declared,visible,relative,htmldate": ("declared", "visible", "relative", "htmldate"),
    "visible,declared,htmldate,relative": ("visible", "declared", "htmldate", "relative"),
    "htmldate,declared,visible,relative": ("htmldate", "declared", "visible", "relative"),
}
CASCADE_GRID = [
    {"min_chars": c, "min_cover": v, "full_on_tables": t}
    for c in (0, 250, 500, 1000) for v in (0.0, 0.5, 0.7, 0.8, 0.9) for t in (False, True)
]
# when the training families score two paths the same, they give no evidence for the riskier one:
# ties go to trafilatura's full mode, then its defaults, then the cascade (running full more often), then fast
PATS = bp.patterns(include_disabled=True)  # the fit decides, whatever the file's enabled flags say
PREFER = {"full": 0, "defaults": 1, "cascade": 2, "fast": 3}

# ---------------------------------------------------------------------------
# scoring


def tokens(text: str) -> Counter[str]:
    return Counter(normalize(text or "").split())


def prf(pred: str, truth: Counter[str]) -> tuple[float, float, float]:
    got = tokens(pred)
    if not got or not truth:
        return 0.0, 0.0, 0.0
    overlap = sum((got & truth).values())
    p = overlap / sum(got.values())
    r = overlap / sum(truth.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def same_title(got: str | None, want: str) -> bool:
    return " ".join((got or "").split()) == " ".join(want.split())


def day_of(when: Any) -> date | None:
    if when is None:
        return None
    if isinstance(when, datetime):
        return when.date()
    try:
        return date.fromisoformat(str(when)[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# one page: raw, ours, and the parts the LOFO fit recombines


@dataclass
class Run:
    layout: str
    family: str
    split: str
    key: str
    truth: Counter[str]
    truth_text: str
    title: str
    day: date
    now: datetime
    raw: dict[str, Any] = field(default_factory=dict)
    ours: dict[str, Any] = field(default_factory=dict)
    titles: tuple[str | None, ...] = ()
    author: str | None = None
    declared_body: str = ""
    description: str = ""
    tables: int = 0  # layout tables on the page (the cascade's table signal)
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (dom config, mode) -> trafilatura text
    dates: dict[str, dt_mod.Answer] = field(default_factory=dict)
    mode_s: dict[str, float] = field(default_factory=dict)  # trafilatura's CPU seconds per mode (all DOM rules)
    _clean: dict[tuple[str, str, frozenset[str] | None], str] = field(default_factory=dict)
    _f1: dict[Any, float] = field(default_factory=dict)
    _check: dict[Any, tuple[int, float | None]] = field(default_factory=dict)
    _support: dict[Any, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def clean(self, dom: str, mode: str, lines: frozenset[str] | None) -> str:
        k = (dom, mode, lines)
        if k not in self._clean:
            raw = self.texts[(dom, mode)]
            self._clean[k] = raw if mode == "defaults" else bp.clean_body(raw, self.titles, bp.Filters(lines=lines), PATS, author=self.author)
        return self._clean[k]

    def body(self, dom: str, lines: frozenset[str] | None, mode: str) -> str:
        """The body of one mode with extract()'s short-body retry in recall mode."""
        text = self.clean(dom, mode, lines)
        if mode != "defaults" and len(text) < MIN_BODY_CHARS and (dom, "recall") in self.texts:
            retry = self.clean(dom, "recall", lines)
            if len(retry) > len(text):
                text = retry
        return text if len(px._WORD.findall(text)) >= 2 else ""

    def f1(self, dom: str, lines: frozenset[str] | None, mode: str) -> float:
        k = (dom, lines, mode)
        if k not in self._f1:
            self._f1[k] = prf(self.body(dom, lines, mode), self.truth)[2]
        return self._f1[k]

    def prf(self, dom: str, lines: frozenset[str] | None, mode: str) -> tuple[float, float, float]:
        return prf(self.body(dom, lines, mode), self.truth)

    def cascade_mode(self, dom: str, lines: frozenset[str] | None, c: dict[str, Any]) -> str:
        """extract()'s cascade check (``px.cascade_fails``) on this page, its inputs computed once."""
        k = (dom, lines)
        if k not in self._check:
            fast = self.clean(dom, "fast", lines)
            body_cover = px.cover(self.declared_body, fast) if len(self.declared_body) >= 200 else None
            desc_cover = px.cover(self.description, fast) if len(self.description) >= 60 else None
            self._check[k] = (len(fast), body_cover if body_cover is not None else desc_cover)
        length, cov = self._check[k]
        fails = (length < c["min_chars"] or (self.tables and c["full_on_tables"])
                 or (cov is not None and cov < c["min_cover"]))
        return "full" if fails else "fast"

    def date_right(self, order: Iterable[str]) -> bool:
        when, _ = dt_mod.first_plausible((self.dates[n] for n in order), self.now)
        return day_of(when) == self.day


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    c0 = time.thread_time()
    out = fn()
    return out, time.thread_time() - c0


def run_page(page: ep.Page, dom_ids: tuple[str, ...], k: int) -> Run:
    lay = page.layout
    run = Run(layout=lay.name, family=lay.family, split=lay.split, key=page.key, truth=page.truth_tokens,
              truth_text=" ".join(normalize(p) for p in page.truth), title=page.title, day=page.day, now=page.fetched)

    def raw() -> Any:
        return trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True)

    def ours() -> Any:
        html, _ = decode_body(page.body, page.headers)
        return px.extract(html, url=page.url, now=page.fetched, min_body_chars=MIN_BODY_CHARS)

    # side by side, the order alternating from page to page
    if k % 2:
        (doc, t_raw), (content, t_ours) = _timed(raw), _timed(ours)
    else:
        (content, t_ours), (doc, t_raw) = _timed(ours), _timed(raw)
    run.raw = {"text": (doc.text or "") if doc else "", "title": doc.title if doc else None,
               "day": day_of(doc.date) if doc else None, "s": t_raw}
    run.ours = {"text": content.text, "title": content.title, "day": day_of(content.published_at),
                "date_source": content.date_source, "s": t_ours}

    # the parts
    html, _ = decode_body(page.body, page.headers)
    tree = px._parse(html)
    assert tree is not None, page.key
    head = page_head(tree)
    meta = page_metadata(tree, head, page.url)
    title = clean_title(meta.title, meta.sitename)
    run.titles = (title, meta.title, None)
    run.author = meta.author
    run.declared_body, run.description = declared_text(head)
    run.texts[("all", "defaults")], run.mode_s["defaults"] = _timed(lambda: px.run_trafilatura(tree, page.url, "defaults"))
    run.tables = len(bp.layout_tables(tree))
    for dom in ("all", "none", *(f"-{r}" for r in dom_ids)):
        prepared = copy.deepcopy(tree)
        filters = bp.Filters(dom=frozenset() if dom == "none" else frozenset(r for r in dom_ids if f"-{r}" != dom))
        bp.prepare(prepared, filters, PATS)
        for mode in MODES:
            run.texts[(dom, mode)], t = _timed(lambda m=mode, t=prepared: px.run_trafilatura(t, page.url, m))
            if dom == "all":
                run.mode_s[mode] = t
        if min(len(bp.clean_body(run.texts[(dom, m)], run.titles, pats=PATS, author=run.author)) for m in MODES) < MIN_BODY_CHARS:
            run.texts[(dom, "recall")] = px.run_trafilatura(prepared, page.url, "recall")
    dpage = dt_mod.DatePage(tree=tree, meta=head.meta, ld=head.ld, url=page.url, title=title, feed_date=None,
                            now=page.fetched)
    run.dates = {name: fn(dpage) for name, fn in dt_mod.DATE_SOURCES.items() if name != "feed"}
    return run


# ---------------------------------------------------------------------------
# the fit (on some families) and the score (on others)


@dataclass(frozen=True)
class Fit:
    dom: str  # "all" or "-rule" (the configs computed per page)
    lines: frozenset[str] | None
    path: str
    cascade: tuple[tuple[str, Any], ...] = ()
    dates: tuple[str, ...] = ()
    dom_off: tuple[str, ...] = ()
    lines_off: tuple[str, ...] = ()

    def mode(self, run: Run) -> str:
        if self.path == "cascade":
            return run.cascade_mode(self.dom, self.lines, dict(self.cascade))
        return self.path

    def describe(self) -> str:
        c = dict(self.cascade)
        path = (f"cascade(min_chars={c['min_chars']}, min_cover={c['min_cover']}, tables→full={c['full_on_tables']})"
                if self.path == "cascade" else self.path)
        off = [*(f"dom:{d}" for d in self.dom_off), *(f"line:{p}" for p in self.lines_off)]
        return f"{path}; dates {','.join(self.dates)}; off: {', '.join(off) or 'none'}"


def by_family(runs: Iterable[Run]) -> dict[str, list[Run]]:
    out: dict[str, list[Run]] = defaultdict(list)
    for r in runs:
        out[r.family].append(r)
    return out


def family_mean(runs: list[Run], value: Callable[[Run], float]) -> float:
    fams = by_family(runs)
    return statistics.fmean(statistics.fmean(value(r) for r in rs) for rs in fams.values())


def page_support(r: Run, dom: str, lines: frozenset[str] | None) -> dict[str, tuple[int, int]]:
    """One page's share of :func:`line_support` (cached on the page: folds share it)."""
    k = (dom, lines)
    if k not in r._support:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for mode in MODES:
            verdicts = bp.line_verdicts(r.texts[(dom, mode)], r.titles, bp.Filters(lines=lines), PATS, author=r.author)
            kept = " \n ".join(normalize(line) for line, v in verdicts if not v)
            for line, verdict in verdicts:
                if not verdict:
                    continue
                norm = normalize(line)
                toks = norm.split()
                if len(toks) >= 3 and r.truth_text.count(norm) > kept.count(norm):
                    out[verdict][1] += len(toks)
                elif len(toks) >= 3 or any(t not in r.truth for t in toks):
                    out[verdict][0] += len(toks)
        r._support[k] = {pid: (v[0], v[1]) for pid, v in out.items()}
    return r._support[k]


def line_support(runs: list[Run], dom: str, lines: frozenset[str] | None) -> dict[str, tuple[int, int, set[str]]]:
    """Per pattern: words of noise it drops, words of article text it drops, the families it drops noise in.
    A dropped line of three words or more is article text when the true body holds it more often than
    what is kept does (the headline repeated above a body that quotes it is noise), else noise; a
    shorter one is noise when a word of it is not in the body (else it counts for nothing)."""
    out: dict[str, list[Any]] = defaultdict(lambda: [0, 0, set()])
    for r in runs:
        for pid, (noise, text) in page_support(r, dom, lines).items():
            out[pid][0] += noise
            out[pid][1] += text
            if noise:
                out[pid][2].add(r.family)
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


# a line pattern is used when the noise it drops on the training families outweighs, ten to one, the
# article text it cuts there (the corpus bodies hold some lines a pattern rightly calls chrome: a
# Hijri date line, "تصوير: المحرر", the author's line above the text)
NOISE_PER_TEXT = 10


def fit(train: list[Run], dom_ids: tuple[str, ...], line_ids: tuple[str, ...], path: str | None = None) -> Fit:
    """The settings the training families choose (see the module docstring); ``path`` forces the path."""
    # 1. DOM rules, judged with everything else on, full mode
    base = family_mean(train, lambda r: r.f1("all", None, "full"))
    without = {d: family_mean(train, lambda r, d=d: r.f1(f"-{d}", None, "full")) for d in dom_ids}
    dom_off = tuple(d for d in dom_ids if without[d] >= base)
    if len(dom_off) == len(dom_ids):
        dom = "none"
    elif dom_off:
        # only one rule off at a time is computed per page: the one whose removal helps most
        dom_off = (max(dom_off, key=lambda d: without[d]),)
        dom = f"-{dom_off[0]}"
    else:
        dom = "all"
    # 2. line patterns: support on the training families, never cutting article text
    on = set(line_ids)
    for _ in range(5):
        support = line_support(train, dom, frozenset(on))
        # off: it drops no noise here (its only support, if any, is the left-out family), or it cuts
        # more than a tenth as much article text as the noise it drops
        drop = set()
        for pid in on:
            noise, text, _ = support.get(pid, (0, 0, set()))
            if noise == 0 or text * NOISE_PER_TEXT > noise:
                drop.add(pid)
        if not drop:
            break
        on -= drop
    lines = frozenset(on)
    lines_off = tuple(p for p in line_ids if p not in on)
    # 3. path, 4. date sources
    cands: list[tuple[float, int, float, str, tuple[tuple[str, Any], ...]]] = []
    for p in ("fast", "full", "defaults"):
        if path not in (None, p):
            continue
        mode_dom = "all" if p == "defaults" else dom
        cands.append((family_mean(train, lambda r, m=p, d=mode_dom: r.f1(d, lines, m)), -PREFER[p],
                      float(p != "fast"), p, ()))
    for c in CASCADE_GRID if path in (None, "cascade") else ():
        score = family_mean(train, lambda r, c=c: r.f1(dom, lines, r.cascade_mode(dom, lines, c)))
        share = mean(r.cascade_mode(dom, lines, c) == "full" for r in train)
        cands.append((score, -PREFER["cascade"], share, "cascade", tuple(sorted(c.items()))))
    best = max(cands, key=lambda x: (round(x[0], 4), x[1], x[2]))[2:]
    order = max(DATE_ORDERS.values(), key=lambda o: (round(family_mean(train, lambda r, o=o: float(r.date_right(o))), 6),
                                                    -len(o)))
    return Fit(dom=dom if best[1] != "defaults" else "all", lines=lines, path=best[1], cascade=best[2], dates=order,
               dom_off=dom_off, lines_off=lines_off)


def score(runs: list[Run], f: Fit) -> list[dict[str, Any]]:
    out = []
    for r in runs:
        mode = f.mode(r)
        p, rec, f1 = r.prf(f.dom, f.lines, mode)
        out.append({"p": p, "r": rec, "f1": f1, "date": r.date_right(f.dates), "mode": mode})
    return out


# ---------------------------------------------------------------------------
# the run


def mean(xs: Iterable[float]) -> float:
    xs = list(xs)
    return statistics.fmean(xs) if xs else float("nan")


def summarize(runs: list[Run], lofo: dict[int, dict[str, Any]], idx: dict[int, Run], group: Callable[[Run], str]
              ) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in idx.items():
        groups[group(r)].append(i)
    out = {}
    for g, ids in groups.items():
        rs = [idx[i] for i in ids]
        out[g] = {
            "pages": len(ids),
            "raw": {"p": mean(prf(r.raw["text"], r.truth)[0] for r in rs), "f1": mean(prf(r.raw["text"], r.truth)[2] for r in rs),
                    "date": sum(r.raw["day"] == r.day for r in rs), "title": sum(same_title(r.raw["title"], r.title) for r in rs)},
            "lofo": {"p": mean(lofo[i]["p"] for i in ids), "r": mean(lofo[i]["r"] for i in ids),
                     "f1": mean(lofo[i]["f1"] for i in ids), "date": sum(lofo[i]["date"] for i in ids),
                     "full_share": mean(lofo[i]["mode"] == "full" for i in ids)},
            "shipped": {"f1": mean(prf(r.ours["text"], r.truth)[2] for r in rs), "date": sum(r.ours["day"] == r.day for r in rs),
                        "title": sum(same_title(r.ours["title"], r.title) for r in rs)},
            "ms": {"raw": 1000 * mean(r.raw["s"] for r in rs), "ours": 1000 * mean(r.ours["s"] for r in rs)},
        }
    return out


def candidates_table(runs: list[Run], f_all: Fit) -> dict[str, dict[str, float]]:
    """Every path side by side on every page, with the line patterns and DOM rules of the fit on all
    families (the ablation of docs/decisions.md; not LOFO: for comparing paths with one another)."""
    variants: dict[str, Callable[[Run], float]] = {
        "raw trafilatura.bare_extraction": lambda r: prf(r.raw["text"], r.truth)[2],
        "defaults + nothing of ours (path defaults)": lambda r: r.f1("all", f_all.lines, "defaults"),
        "defaults + line filter": lambda r: prf(bp.clean_body(r.texts[("all", "defaults")], r.titles, bp.Filters(lines=f_all.lines), PATS, author=r.author), r.truth)[2],
        "fast, no DOM rules, no line filter": lambda r: prf(r.texts[("none", "fast")], r.truth)[2],
        "full, no DOM rules, no line filter": lambda r: prf(r.texts[("none", "full")], r.truth)[2],
        "full + line filter (no DOM rules)": lambda r: r.f1("none", f_all.lines, "full"),
        "fast + DOM rules + line filter": lambda r: r.f1(f_all.dom, f_all.lines, "fast"),
        "full + DOM rules + line filter": lambda r: r.f1(f_all.dom, f_all.lines, "full"),
        "cascade as fitted on all families": lambda r: r.f1(f_all.dom, f_all.lines, f_all.mode(r)),
        "best of fast/full per page (oracle, not a path)": lambda r: max(r.f1(f_all.dom, f_all.lines, m) for m in MODES),
    }
    out: dict[str, dict[str, float]] = {}
    fams = sorted(by_family(runs))
    for name, fn in variants.items():
        vals = {fam: mean(fn(r) for r in runs if r.family == fam) for fam in fams}
        vals["ALL"] = mean(fn(r) for r in runs)
        out[name] = vals
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of SaudiNewsNet *.zip")
    ap.add_argument("--n", type=int, default=40, help="articles sampled (each rendered in every layout)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--min-chars", type=int, default=400, help="minimum article content length")
    ap.add_argument("--layouts", default="", help="comma-separated subset of layouts (default: all)")
    ap.add_argument("--split", choices=["dev", "held-out", "all"], default="all", help="which layouts to render")
    ap.add_argument("--worst", type=int, default=0, help="also print the N worst LOFO pages (dev layouts only)")
    ap.add_argument("--dump", type=Path, help="write every rendered page here (debugging; not for the repo)")
    ap.add_argument("--false-positives", action="store_true",
                    help="instead: run the shipped line filter on every corpus article's own body and report what it drops")
    args = ap.parse_args(argv)
    if args.false_positives:
        return false_positives(args.corpus)

    layouts = ep.load_layouts()
    names = [n.strip() for n in args.layouts.split(",") if n.strip()] or list(layouts)
    unknown = set(names) - set(layouts)
    if unknown:
        ap.error(f"unknown layouts: {sorted(unknown)}")
    if args.split != "all":
        names = [n for n in names if layouts[n].split == args.split]

    t0 = time.perf_counter()
    sample, pool = ep.sample_corpus(args.corpus, n=args.n, seed=args.seed, min_chars=args.min_chars)
    renderer = ep.Renderer(layouts, pool, args.seed)
    dom_ids, line_ids = PATS.dom_ids, PATS.line_ids
    runs: list[Run] = []
    k = 0
    for i, art in enumerate(sample):
        for name in names:
            page = renderer.render(art, i, name)
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{name}-{i:04d}.html").write_bytes(page.body)
            runs.append(run_page(page, dom_ids, k))
            k += 1
        if (i + 1) % 10 == 0:
            print(f"  {i + 1}/{len(sample)} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    idx = dict(enumerate(runs))
    fams = by_family(runs)

    support_all = line_support(runs, "all", None)
    fits: dict[str, Fit] = {}
    lofo: dict[int, dict[str, Any]] = {}
    for fam in sorted(fams):
        train = [r for r in runs if r.family != fam]
        f = fit(train, dom_ids, line_ids)
        fits[fam] = f
        test_ids = [i for i, r in idx.items() if r.family == fam]
        for i, s in zip(test_ids, score([idx[i] for i in test_ids], f), strict=True):
            lofo[i] = s
    f_all = fit(runs, dom_ids, line_ids)
    # the path forced, everything else fitted per fold as above: what each path scores leave-one-family-out
    lofo_by_path: dict[str, dict[str, float]] = {}
    for path in ("defaults", "fast", "cascade", "full"):
        scores: dict[str, list[float]] = defaultdict(list)
        for fam in sorted(fams):
            f = fit([r for r in runs if r.family != fam], dom_ids, line_ids, path)
            scores[fam] = [x["f1"] for x in score(fams[fam], f)]
        row = {fam: mean(v) for fam, v in scores.items()}
        row["ALL"] = mean(x for v in scores.values() for x in v)
        row["trafilatura ms"] = 1000 * mean(
            r.mode_s["full"] if (m := (f_all if path == "full" else fit(runs, dom_ids, line_ids, path)).mode(r)) == "full"
            else r.mode_s[m] for r in runs) if path != "defaults" else 1000 * mean(r.mode_s["defaults"] for r in runs)
        lofo_by_path[path] = row
    elapsed = time.perf_counter() - t0

    per_layout = summarize(runs, lofo, idx, lambda r: r.layout)
    per_family = summarize(runs, lofo, idx, lambda r: r.family)
    per_split = summarize(runs, lofo, idx, lambda r: r.split)
    overall = summarize(runs, lofo, idx, lambda r: "ALL")["ALL"]
    cands = candidates_table(runs, f_all)
    shipped = px.settings()
    raw_ms, ours_ms = overall["ms"]["raw"], overall["ms"]["ours"]
    targets = {
        "lofo_f1>=0.97": overall["lofo"]["f1"] >= 0.97,
        "lofo_f1>=raw+0.02": overall["lofo"]["f1"] >= overall["raw"]["f1"] + 0.02,
        "no_family_below_raw-0.01": all(d["lofo"]["f1"] >= d["raw"]["f1"] - 0.01 for d in per_family.values()),
        "date>=raw": overall["lofo"]["date"] >= overall["raw"]["date"],
        "date>=raw_every_family": all(d["lofo"]["date"] >= d["raw"]["date"] for d in per_family.values()),
        "speed>=0.6x_raw": raw_ms / ours_ms >= 0.6,
    }
    result: dict[str, Any] = {
        "bench": "extraction", "n": len(sample), "pages": len(runs), "seed": args.seed, "layouts": names,
        "trafilatura": trafilatura.__version__, "seconds": round(elapsed, 1),
        "per_layout": per_layout, "per_family": per_family, "per_split": per_split, "overall": overall,
        "folds": {fam: f.describe() for fam, f in fits.items()}, "fit_all": f_all.describe(),
        "shipped": {"path": shipped.path, "min_chars": shipped.min_chars, "min_cover": shipped.min_cover,
                    "full_on_tables": shipped.full_on_tables, "dates": list(shipped.dates)},
        "candidates": cands, "lofo_by_path": lofo_by_path, "speed_ratio": round(raw_ms / ours_ms, 3), "targets": targets,
        "line_support": {pid: {"noise_words": v[0], "text_words": v[1], "families": sorted(v[2])}
                         for pid, v in sorted(support_all.items())},
    }
    report(result, layouts)
    if args.worst:
        worst = sorted((lofo[i]["f1"], r.layout, r.key, i) for i, r in idx.items() if r.split == "dev")[: args.worst]
        for f1, lay, key, i in worst:
            r = idx[i]
            f = fits[r.family]
            print(f"--- {f1:.3f} {lay} {key} ({f.mode(r)})\n{r.body(f.dom, f.lines, f.mode(r))[:1500]}\n")
    print(json.dumps(result, ensure_ascii=False, default=str))
    return 0


def false_positives(corpus: Path) -> int:
    """The shipped line filter on the true bodies of the whole corpus: what it drops is article text
    by the bench's definition (much of it chrome the corpus scraped with the text)."""
    drops: dict[str, list[str]] = defaultdict(list)
    n = words = dropped = 0
    for art in ep.load_corpus(corpus, min_chars=1):
        n += 1
        text = "\n".join(art.paragraphs)
        words += len(normalize(text).split())
        for line, verdict in bp.line_verdicts(text, (art.title,), author=art.author):
            if verdict:
                drops[verdict].append(line)
                dropped += len(normalize(line).split())
    print(f"{n} corpus bodies, {words} words; the line filter drops {dropped} ({dropped / words:.1e})")
    for pid, lines in sorted(drops.items(), key=lambda x: -len(x[1])):
        print(f"  {pid}: {len(lines)} lines, e.g. " + " | ".join(line[:60] for line in lines[:3]))
    print(json.dumps({"bodies": n, "words": words, "dropped_words": dropped,
                      "lines": {k: len(v) for k, v in drops.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
