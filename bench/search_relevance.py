"""Search relevance benchmark: ``standard`` vs the built-in ``arabic`` chain vs ``rasd_arabic``.

    .venv/bin/python bench/search_relevance.py \\
        --questions ../shared/corpus/arcd/arcd-train.json \\
        --corpus ../shared/corpus/saudinewsnet --distractors 5000

Question set: any SQuAD-format JSON (``data[].paragraphs[].{context, qas[].question}``), read
at run time; no corpus text is stored in the repository. Every distinct ``context`` (identical
contexts collapsed) becomes one document; each question is one query and the paragraph it was
written on is its one relevant document.

Distractors (optional): with ``--corpus DIR`` (SaudiNewsNet: one JSON array per zip, field
``content``), the article bodies are split on line breaks; paragraphs of at least
``--min-distractor-chars`` characters (white space folded, exact copies and question-set
contexts removed) are collected in file/article order and ``--distractors N`` of them are drawn
with ``random.Random(--seed)``, so every run indexes the same documents.

Analyzers, one index each, same documents, same queries (default similarity BM25):

* ``standard``: Elasticsearch's ``standard`` analyzer (standard tokenizer + lowercase);
* ``arabic``: the built-in ``arabic`` analyzer's chain, rebuilt from the filters the plugin exposes
  (this distribution has no analysis-common module): standard tokenizer, ``lowercase``,
  ``rasd_builtin_decimal_digit``, ``rasd_builtin_arabic_stop``, ``rasd_builtin_arabic_normalize``,
  ``rasd_builtin_arabic_stem``;
* ``rasd``: ``rasd_arabic`` exactly as ``pipeline/data/index/articles.json`` defines it (or, with
  ``--rasd-filters a,b,c``, the standard tokenizer and that filter chain: a proposed template change).

Each question runs as a ``match`` query (operator OR) on the one text field, top 10 via
``_msearch``. Scores: MRR@10 (1/rank of the gold paragraph, 0 past rank 10) and Recall@10 (gold in
the top 10), averaged over questions. Questions that analyze to no term count as misses.

Elasticsearch: ``--es-url URL``, or a local node ``bench`` on port 9291 (``pipeline.es_local``),
started here and stopped at the end (left alone if it was already running). The benchmark's
indices (``--index-prefix``, default ``rasdbench``) are deleted at the end unless ``--keep``.

Prints a table, then one JSON line (the last line of stdout):
``{"standard": {"mrr10": …, "r10": …}, "arabic": {…}, "rasd": {…}}``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from elasticsearch import Elasticsearch  # noqa: E402
from elasticsearch.helpers import bulk  # noqa: E402

from pipeline.index import load_template  # noqa: E402

DEFAULT_QUESTIONS = ROOT.parent / "shared" / "corpus" / "arcd" / "arcd-train.json"
BENCH_NODE = "bench"
BENCH_PORT = 9291
K = 10
FIELD = "text"
MSEARCH_BATCH = 100
_SPACE = re.compile(r"\s+")


def analyzers(rasd_filters: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Analyzer name in the report → the ``analysis`` settings of its index (analyzer ``bench``).

    ``rasd`` is the template's ``rasd_arabic``; ``rasd_filters`` replaces its filter list (to
    measure a proposed change before it goes into the template).
    """
    template = load_template("articles", "rasdbench")
    rasd = dict(template["template"]["settings"]["analysis"]["analyzer"]["rasd_arabic"])
    if rasd_filters:
        rasd["filter"] = rasd_filters
    return {
        "standard": {"analyzer": {"bench": {"type": "standard"}}},
        "arabic": {
            "analyzer": {
                "bench": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "rasd_builtin_decimal_digit",
                        "rasd_builtin_arabic_stop",
                        "rasd_builtin_arabic_normalize",
                        "rasd_builtin_arabic_stem",
                    ],
                }
            }
        },
        "rasd": {"analyzer": {"bench": rasd}},
    }


@dataclass
class QuestionSet:
    paragraphs: list[str]  # document i = paragraphs[i]
    questions: list[tuple[str, int]]  # (question, index of its paragraph)
    articles: list[int]  # the ARCD article (data[] index) of every question

    def split(self, half: str) -> QuestionSet:
        """``tune``: questions of even-numbered articles; ``heldout``: odd; ``all``: every question."""
        if half == "all":
            return self
        keep = [i for i, a in enumerate(self.articles) if (a % 2 == 0) == (half == "tune")]
        return QuestionSet(self.paragraphs, [self.questions[i] for i in keep], [self.articles[i] for i in keep])


def load_questions(path: Path) -> QuestionSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs: list[str] = []
    index: dict[str, int] = {}
    questions: list[tuple[str, int]] = []
    articles: list[int] = []
    for number, article in enumerate(data["data"]):
        for para in article["paragraphs"]:
            context = para["context"]
            if context not in index:
                index[context] = len(paragraphs)
                paragraphs.append(context)
            for qa in para["qas"]:
                question = qa["question"].strip()
                if question:
                    questions.append((question, index[context]))
                    articles.append(number)
    return QuestionSet(paragraphs, questions, articles)


def corpus_paragraphs(corpus: Path, min_chars: int) -> Iterator[str]:
    """Paragraphs of SaudiNewsNet article bodies, in file and article order."""
    zips = sorted(corpus.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no *.zip in {corpus}")
    for zpath in zips:
        with zipfile.ZipFile(zpath) as z:
            for member in sorted(z.namelist()):
                if not member.endswith(".json"):
                    continue
                for article in json.loads(z.read(member)):
                    for line in (article.get("content") or "").split("\n"):
                        text = _SPACE.sub(" ", line).strip()
                        if len(text) >= min_chars:
                            yield text


def pick_distractors(corpus: Path, n: int, seed: int, min_chars: int, exclude: set[str]) -> list[str]:
    seen: set[str] = set()
    pool: list[str] = []
    for text in corpus_paragraphs(corpus, min_chars):
        if text not in seen and text not in exclude:
            seen.add(text)
            pool.append(text)
    if n >= len(pool):
        return pool
    return random.Random(seed).sample(pool, n)


def build_index(es: Elasticsearch, index: str, analysis: dict[str, Any], docs: list[str]) -> float:
    t0 = time.perf_counter()
    es.options(ignore_status=404).indices.delete(index=index)
    es.indices.create(
        index=index,
        settings={
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "refresh_interval": "-1",
            "analysis": analysis,
        },
        mappings={"dynamic": "strict", "properties": {FIELD: {"type": "text", "analyzer": "bench"}}},
    )
    actions = ({"_index": index, "_id": str(i), "_source": {FIELD: text}} for i, text in enumerate(docs))
    load_all(es, index, actions, len(docs))
    return time.perf_counter() - t0


def load_all(es: Elasticsearch, index: str, actions: Iterable[dict[str, Any]], expected: int) -> None:
    """Bulk-index every action (all or stop), refresh, and merge to one segment (stable timings)."""
    ok, errors = bulk(es.options(request_timeout=120), actions, chunk_size=500, raise_on_error=True)
    if errors or ok != expected:
        raise SystemExit(f"{index}: indexed {ok} of {expected}: {errors}")
    es.indices.refresh(index=index)
    es.options(request_timeout=300).indices.forcemerge(index=index, max_num_segments=1)


def run_queries(es: Elasticsearch, index: str, questions: list[tuple[str, int]],
                make_query: Callable[[str], dict[str, Any]] | None = None) -> tuple[list[int | None], float]:
    """Rank (1-based) of the gold paragraph in the top K of every question, None when absent. The query
    is a ``match`` on the one text field, or ``make_query(question)``."""
    t0 = time.perf_counter()
    ranks: list[int | None] = []
    for start in range(0, len(questions), MSEARCH_BATCH):
        batch = questions[start : start + MSEARCH_BATCH]
        body: list[dict[str, Any]] = []
        for question, _ in batch:
            body.append({"index": index})
            query = make_query(question) if make_query else {"match": {FIELD: {"query": question}}}
            body.append({"size": K, "_source": False, "query": query})
        responses = es.options(request_timeout=120).msearch(searches=body)["responses"]
        for (_, gold), resp in zip(batch, responses, strict=True):
            if "error" in resp:
                raise SystemExit(f"{index}: query failed: {resp['error']}")
            ids = [int(hit["_id"]) for hit in resp["hits"]["hits"]]
            ranks.append(ids.index(gold) + 1 if gold in ids else None)
    return ranks, time.perf_counter() - t0


def build_search_index(es: Elasticsearch, index: str, docs: list[str], reuse: bool = False) -> float:
    """An index made from the article template itself (analyzers, sub-fields such as body.lead);
    every document is a body (no title, date or tags) and its own story."""
    t0 = time.perf_counter()
    if reuse and es.indices.exists(index=index):
        return 0.0
    tpl = load_template("articles", "rasdbench")["template"]
    es.options(ignore_status=404).indices.delete(index=index)
    es.indices.create(index=index, settings={**tpl["settings"], "refresh_interval": "-1"}, mappings=tpl["mappings"])
    actions = ({"_index": index, "_id": str(i), "_source": {"body": text, "cluster_id": str(i)}}
               for i, text in enumerate(docs))
    load_all(es, index, actions, len(docs))
    return time.perf_counter() - t0


def run_search_queries(es: Elasticsearch, index: str, questions: list[tuple[str, int]], ranking: Any
                       ) -> tuple[list[int | None], float]:
    """Like :func:`run_queries`, through ``pipeline.search.build_query`` (``sort="relevance"``)."""
    from pipeline.search import build_query

    return run_queries(es, index, questions, lambda q: build_query(q, sort="relevance", ranking=ranking))


def score(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    mrr = sum(1.0 / r for r in ranks if r is not None) / n
    recall = sum(1 for r in ranks if r is not None) / n
    return {"mrr10": round(mrr, 4), "r10": round(recall, 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--questions", type=Path, required=True, help=f"SQuAD-format JSON (e.g. {DEFAULT_QUESTIONS})")
    ap.add_argument("--corpus", type=Path, help="SaudiNewsNet folder (*.zip) for distractor paragraphs")
    ap.add_argument(
        "--distractors", type=int, default=5000, help="distractor paragraphs drawn from --corpus (default 5000)"
    )
    ap.add_argument("--min-distractor-chars", type=int, default=200, help="shortest distractor paragraph (default 200)")
    ap.add_argument("--seed", type=int, default=13, help="seed of the distractor draw (default 13)")
    ap.add_argument("--es-url", help=f"Elasticsearch URL; default: local node {BENCH_NODE!r} on port {BENCH_PORT}")
    ap.add_argument("--index-prefix", default="rasdbench", help="prefix of the benchmark indices (default rasdbench)")
    ap.add_argument("--keep", action="store_true", help="keep the benchmark indices")
    ap.add_argument(
        "--rasd-filters",
        help="comma-separated filter chain for 'rasd' instead of the template's rasd_arabic filters (standard tokenizer kept)",
    )
    ap.add_argument(
        "--details", type=Path, help="write per-question ranks (JSON lines) to this file (outside the repo)"
    )
    ap.add_argument("--split", choices=("all", "tune", "heldout"), default="all",
                    help="questions of even-numbered ARCD articles (tune), odd (heldout), or all (default)")
    ap.add_argument("--ranking", default="{}", help="JSON overriding pipeline.search.Ranking fields (rasd_search)")
    ap.add_argument("--only-search", action="store_true", help="score rasd_search only (analyzer indices skipped)")
    ap.add_argument("--reuse", action="store_true", help="reuse a kept rasd_search index (with --keep)")
    args = ap.parse_args(argv)

    from pipeline.search import Ranking

    ranking = Ranking(**{**Ranking().__dict__, **json.loads(args.ranking)})
    t_start = time.perf_counter()
    full = load_questions(args.questions)
    qset = full.split(args.split)
    docs = list(qset.paragraphs)
    n_distractors = 0
    if args.corpus:
        extra = pick_distractors(args.corpus, args.distractors, args.seed, args.min_distractor_chars, set(docs))
        docs.extend(extra)
        n_distractors = len(extra)
    print(
        f"questions: {len(qset.questions)} ({args.questions.name}, {args.split}); documents: {len(docs)} "
        f"= {len(qset.paragraphs)} paragraphs + {n_distractors} distractors"
        + (f" (seed {args.seed}, {args.corpus.name})" if args.corpus else ""),
        file=sys.stderr,
    )

    started_here = False
    url = args.es_url
    if not url:
        from pipeline import es_local

        started_here = not es_local.status(BENCH_NODE)["running"]
        url = es_local.start(name=BENCH_NODE, port=BENCH_PORT).url
    es = Elasticsearch(url, request_timeout=120)
    results: dict[str, dict[str, float]] = {}
    all_ranks: dict[str, list[int | None]] = {}
    timings: dict[str, tuple[float, float]] = {}
    names: list[str] = []
    try:
        rasd_filters = [f.strip() for f in args.rasd_filters.split(",")] if args.rasd_filters else None
        for name, analysis in analyzers(rasd_filters).items():
            if args.only_search:
                break
            index = f"{args.index_prefix}-{name}"
            names.append(index)
            t_index = build_index(es, index, analysis, docs)
            ranks, t_query = run_queries(es, index, qset.questions)
            results[name] = score(ranks)
            all_ranks[name] = ranks
            timings[name] = (t_index, t_query)
        index = f"{args.index_prefix}-search"
        names.append(index)
        t_index = build_search_index(es, index, docs, reuse=args.reuse)
        ranks, t_query = run_search_queries(es, index, qset.questions, ranking)
        results["rasd_search"] = score(ranks)
        all_ranks["rasd_search"] = ranks
        timings["rasd_search"] = (t_index, t_query)
    finally:
        if not args.keep:
            for name in names:
                es.options(ignore_status=404).indices.delete(index=name)
        es.close()
        if started_here:
            from pipeline import es_local

            es_local.stop(BENCH_NODE)

    if args.details:
        with args.details.open("w", encoding="utf-8") as out:
            for i, (question, gold) in enumerate(qset.questions):
                row = {"question": question, "gold": gold, **{n: r[i] for n, r in all_ranks.items()}}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    base = results.get("arabic", {"mrr10": 0.0})
    print(f"{'analyzer':<11} {'MRR@10':>8} {'R@10':>8} {'MRR vs arabic':>14} {'index s':>8} {'query s':>8}")
    for name, r in results.items():
        ratio = r["mrr10"] / base["mrr10"] if base["mrr10"] else float("nan")
        t_index, t_query = timings[name]
        print(f"{name:<11} {r['mrr10']:>8.4f} {r['r10']:>8.4f} {ratio:>13.3f}x {t_index:>8.1f} {t_query:>8.1f}")
    print(f"total {time.perf_counter() - t_start:.1f} s", file=sys.stderr)
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
