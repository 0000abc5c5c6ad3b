"""Search latency benchmark: typical analyst queries through ``pipeline.search.search``, measured at
every index size up to 1M documents.

    .venv/bin/python bench/search_latency.py --corpus ../shared/corpus/saudinewsnet --sizes base,100000,300000,1000000

Base documents: every usable SaudiNewsNet article (title and ≥ 200 characters of body; ~30,000),
read at run time and indexed as article documents of the real template
(``pipeline/data/index/articles.json``, built with ``Article.to_document``): body and title as they
are, exact copies clustered (``content_hash``), MinHash signature and bands from
``pipeline.dedup.signature``. Tags are synthetic: persons, places, orgs drawn from the gazetteers and
topics from ``topics.yaml`` (Zipf-weighted); ``published_at`` uniform over the last 365 days.

Growing the index (``--sizes``, documents in all): NEW documents, not copies, so the vocabulary and
the term statistics grow as a real archive's do. Each is 3–8 paragraphs drawn from different
articles of different days, in a new order, under a title spliced from two titles; about 2 % of its
words (4+ letters) become new word forms (a letter substituted, two letters swapped, a clitic or an
ending added: the misspellings, transliterated names and inflections a growing archive keeps
adding), every number is redrawn, and it gets its own date, tags and story. Its MinHash fields are
random values of the real size (computing 1M real signatures would take hours; the index keeps the
same size and band-term count). The distinct word forms seen are counted and printed per size
(Heaps' law: the base corpus's vocabulary keeps growing, copies would not grow it at all).

Queries (``--queries`` of each type, drawn once from the base documents so every one has hits, and
the same at every size), through ``pipeline.search.search`` as analysts get them (default news
order with the recency factor, proximity and lead weighting, collapse on ``cluster_id``,
highlighting, articles counted up to 10,000 and no per-source aggregation, as ``rasd search`` sends
it without ``--counts``; ``size`` 10):

* ``words``: 2–3 consecutive words of a random title (the most common analyst query);
* ``latin``: a gazetteer name in Latin letters (en), searched as its Arabic spellings and tag;
* ``phrase``: a quoted 2–3-word phrase from a random body (``"…"`` → ``.exact`` phrase query);
* ``person_since``: a person filter (canonical name) + ``since`` 7d / 30d / 90d, no words;
* ``topic_facet``: one title word + a topic filter.

``--variants old,new`` measures the request of ``pipeline/search.py`` at ``OLD_COMMIT`` (exact totals,
``per_source``/``stories`` aggregations, collapse ``inner_hits``) beside the current one, interleaved
on the same index in one run. ``--reuse`` measures a kept index (``--keep-indices``) as it is.

Types are interleaved after a warm-up; each query's client wall time (the whole ``search()`` call)
and the server's ``took`` are recorded; p50/p95/p99 per type and size, every size MEASURED.

Elasticsearch: ``--es-url``, or the local node ``bench`` (port 9291, heap ``--heap``, default 2g),
stopped at the end unless ``--keep-es``. Index prefix ``rasdsearch`` (dropped before and after
unless ``--keep-indices``).

Prints a table, then one JSON line (the last line of stdout).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common

PREFIX = "rasdsearch"
TYPES = ("words", "latin", "phrase", "person_since", "topic_facet")
_AR_TOKEN = re.compile(r"[\u0621-\u065f\u0670]{2,}")  # a whole white-space token of Arabic letters (and harakat)


# -- documents -----------------------------------------------------------------------------------------------
class TagDrawer:
    """Zipf-weighted draws of gazetteer names and topic ids."""

    def __init__(self, rng: random.Random) -> None:
        import yaml

        from pipeline.config import DATA_DIR

        self.rng = rng
        self.pools: dict[str, list[dict[str, Any]]] = {}
        for fname, kind in (("persons", "person"), ("places", "place"), ("orgs", "org")):
            ents = yaml.safe_load((DATA_DIR / "gazetteer" / f"{fname}.yaml").read_text(encoding="utf-8")) or []
            self.pools[kind] = ents
        self.pools["topic"] = yaml.safe_load((DATA_DIR / "topics.yaml").read_text(encoding="utf-8")) or []
        self.weights = {}
        for kind, ents in self.pools.items():
            order = list(range(len(ents)))
            rng.shuffle(order)
            w = [0.0] * len(ents)
            for rank, i in enumerate(order):
                w[i] = 1.0 / (rank + 1)
            self.weights[kind] = w

    def draw(self, kind: str, counts: list[int]) -> list[dict[str, Any]]:
        k = self.rng.choice(counts)
        if not k:
            return []
        picked = self.rng.choices(self.pools[kind], weights=self.weights[kind], k=k)
        return list({e["id"]: e for e in picked}.values())


def build_docs(articles: list[common.CorpusArticle], rng: random.Random, now: datetime,
               minhash: bool) -> list[tuple[str, dict[str, Any]]]:
    from pipeline.dedup import content_hash, signature, title_hash
    from pipeline.models import Article, Content, Dedup, FeedEntry, HttpMeta, LanguageInfo, Mention, Tags
    from pipeline.urls import doc_id

    drawer = TagDrawer(rng)
    first_by_hash: dict[str, str] = {}
    members: dict[str, int] = {}
    docs: list[tuple[str, dict[str, Any]]] = []
    t0 = time.perf_counter()
    seen: set[str] = set()
    for n, a in enumerate(articles):
        body = "\n".join(a.paragraphs)
        aid = doc_id(a.url)
        if aid in seen:  # two corpus URLs with one canonical form
            continue
        seen.add(aid)
        published = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
        chash = content_hash(body)
        lead = first_by_hash.setdefault(chash, aid)
        members[lead] = members.get(lead, 0) + 1
        sig, bands = signature(body) if minhash else ([], [])

        def mentions(kind: str, counts: list[int]) -> list[Mention]:
            return [Mention(id=e["id"], name=e["ar"], name_en=e.get("en"), kind=kind)  # type: ignore[arg-type]
                    for e in drawer.draw(kind, counts)]

        tags = Tags(persons=mentions("person", [0, 0, 1, 1, 2, 3]), places=mentions("place", [0, 1, 1, 2, 3]),
                    orgs=mentions("org", [0, 0, 1, 2]), topics=mentions("topic", [0, 1, 1, 2]),
                    libya_relevance=round(rng.uniform(0.5, 1.0), 3), libya_relevant=True, evidence=["bench:synthetic"])
        art = Article(
            id=aid, url=a.url, canonical_url=a.url, source_id=a.source, source_name=common.OUTLETS.get(a.source),
            libya_focused_source=True,
            entry=FeedEntry(source_id=a.source, feed_url=f"bench://{a.source}/rss", url=a.url, title=a.title,
                            summary=a.paragraphs[0][:300] if a.paragraphs else None, published=published),
            http=HttpMeta(url=a.url, final_url=a.url, status=200, fetched_at=published + timedelta(minutes=7)),
            content=Content(title=a.title, text=body, published_at=published, date_source="feed",
                            author=a.author or None, sitename=common.OUTLETS.get(a.source)),
            language=LanguageInfo(lang="ar", prob=0.9999, reason="bench"), tags=tags,
            dedup=Dedup(content_hash=chash, title_hash=title_hash(a.source, a.title),
                        duplicate_of=None if lead == aid else lead, cluster_id=lead, is_cluster_lead=lead == aid,
                        minhash_sig=sig, minhash_bands=bands),
        )
        docs.append((aid, art.to_document(now)))
        if (n + 1) % 5000 == 0:
            print(f"  built {n + 1}/{len(articles)} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    for _id, doc in docs:
        doc["cluster_size"] = members[doc["cluster_id"]]
    return docs


ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_DIGITS = re.compile(r"\d+")
_NEW_FORM = (("و", ""), ("ب", ""), ("ال", ""), ("", "ها"), ("", "ات"), ("", "ية"), ("", "ون"))


class Generator:
    """New documents from the base ones: recombined paragraphs of different articles and days, new
    word forms, new numbers, new dates, tags and stories (see the module docstring)."""

    def __init__(self, docs: list[tuple[str, dict[str, Any]]], rng: random.Random, now: datetime,
                 new_word_rate: float = 0.02) -> None:
        self.paragraphs = [p for _i, d in docs for p in d["body"].split("\n") if len(p) > 80]
        self.titles = [d["title"] for _i, d in docs if d.get("title")]
        self.template = docs
        self.rng = rng
        self.now = now
        self.rate = new_word_rate
        self.drawer = TagDrawer(rng)
        self.vocabulary: set[int] = set()  # hashes of the distinct word forms of the whole index

    def count(self, text: str) -> None:
        self.vocabulary.update(hash(w) for w in text.split())

    def _word(self, w: str) -> str:
        if len(w) < 4 or not _AR_TOKEN.fullmatch(w) or self.rng.random() >= self.rate:
            return w
        kind = self.rng.randrange(3)
        i = self.rng.randrange(1, len(w) - 1)
        if kind == 0:  # a letter substituted (a misspelling, another transliteration)
            return w[:i] + self.rng.choice(ARABIC_LETTERS) + w[i + 1:]
        if kind == 1:  # two letters swapped
            return w[:i - 1] + w[i] + w[i - 1] + w[i + 1:]
        pre, suf = self.rng.choice(_NEW_FORM)  # a clitic or an ending
        return pre + w + suf

    def _text(self, text: str) -> str:
        text = _DIGITS.sub(lambda m: str(self.rng.randrange(10 ** len(m.group()))), text)
        return " ".join(self._word(w) for w in text.split(" "))

    def make(self, k: int) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        body = "\n".join(self._text(rng.choice(self.paragraphs)) for _ in range(rng.randint(3, 8)))
        t1, t2 = rng.choice(self.titles).split(), rng.choice(self.titles).split()
        title = self._text(" ".join(t1[: max(1, len(t1) // 2)] + t2[len(t2) // 2:]))
        _tid, base = self.template[k % len(self.template)]
        nid = f"gen-{k:07d}"
        published = self.now - timedelta(seconds=rng.uniform(0, 365 * 86400))
        doc = dict(base)
        doc.pop("duplicate_of", None)
        doc.update(
            title=title, body=body, summary=body[:300], url=f"https://gen.example/{nid}",
            canonical_url=f"https://gen.example/{nid}", final_url=f"https://gen.example/{nid}",
            published_at=published.isoformat(), fetched_at=(published + timedelta(minutes=7)).isoformat(),
            cluster_id=nid, cluster_size=1, is_cluster_lead=True, content_hash=f"{rng.getrandbits(64):016x}",
            title_hash=f"{rng.getrandbits(64):016x}",
            persons=[e["ar"] for e in self.drawer.draw("person", [0, 0, 1, 1, 2, 3])],
            places=[e["ar"] for e in self.drawer.draw("place", [0, 1, 1, 2, 3])],
            orgs=[e["ar"] for e in self.drawer.draw("org", [0, 0, 1, 2])],
            topics=[e["id"] for e in self.drawer.draw("topic", [0, 1, 1, 2])],
        )
        if base.get("minhash_sig"):  # random values of the real size (see the module docstring)
            doc["minhash_sig"] = [rng.getrandbits(32) for _ in base["minhash_sig"]]
            doc["minhash_bands"] = [f"{i:02d}{rng.getrandbits(48):012x}" for i in range(len(base["minhash_bands"]))]
        self.count(title + " " + body)
        return nid, doc

    def docs(self, start: int, stop: int) -> Iterator[tuple[str, dict[str, Any]]]:
        for k in range(start, stop):
            yield self.make(k)


def bulk_load(es: Any, index: str, items: Iterator[tuple[str, dict[str, Any]]]) -> tuple[int, float]:
    """Bulk-index with two client threads (the node has two cores); (documents, seconds)."""
    from elasticsearch.helpers import parallel_bulk

    t0 = time.perf_counter()
    ok = 0
    actions = ({"_op_type": "index", "_index": index, "_id": i, "_source": d} for i, d in items)
    for success, item in parallel_bulk(es, actions, thread_count=2, queue_size=2, chunk_size=500,
                                       max_chunk_bytes=20 * 1024 * 1024, raise_on_error=False):
        if success:
            ok += 1
        else:
            print(f"bulk failure: {str(item)[:300]}", file=sys.stderr)
        if ok % 50000 == 0 and ok:
            print(f"  indexed {ok}, {ok / (time.perf_counter() - t0):.0f} docs/s", file=sys.stderr)
    return ok, time.perf_counter() - t0


def settle(es: Any, index: str, timeout: float = 600) -> dict[str, Any]:
    """Refresh, then wait until no merge runs (at most ``timeout`` s); segment count and size."""
    es.indices.put_settings(index=index, settings={"index": {"refresh_interval": "1s"}})
    es.indices.refresh(index=index)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        stats = es.indices.stats(index=index, metric="merge")
        if stats["_all"]["primaries"]["merges"]["current"] == 0:
            break
        time.sleep(2)
    stats = es.indices.stats(index=index, metric="docs,store,segments")["_all"]["primaries"]
    return {"docs": stats["docs"]["count"], "segments": stats["segments"]["count"],
            "store_mb": round(stats["store"]["size_in_bytes"] / 2**20, 1),
            "settle_s": round(time.perf_counter() - t0, 1)}


# -- queries -------------------------------------------------------------------------------------------------
def make_queries(docs: list[tuple[str, dict[str, Any]]], n: int, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    from pipeline.names import get_names

    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPES}
    while len(out["words"]) < n:
        words = [w for w in rng.choice(docs)[1]["title"].split() if _AR_TOKEN.fullmatch(w)]
        size = rng.choice([2, 3])
        if len(words) >= size:
            i = rng.randrange(0, len(words) - size + 1)
            out["words"].append({"text": " ".join(words[i:i + size])})
    names = get_names()
    by_ar = {e.ar: e for e in names.entities.values()}
    tagged = [v for _i, d in docs for k in ("persons", "places", "orgs") for v in d.get(k, []) if v in by_ar]
    while len(out["latin"]) < n:
        e = by_ar[rng.choice(tagged)]
        name = re.sub(r"\s*\([^)]*\)", "", e.en).strip()
        if names.lookup_latin(name):
            out["latin"].append({"text": name})
    while len(out["phrase"]) < n:
        tokens = rng.choice(docs)[1]["body"].split()
        size = rng.choice([2, 3])
        if len(tokens) < 10:
            continue
        i = rng.randrange(0, len(tokens) - size)
        window = tokens[i : i + size]
        if all(_AR_TOKEN.fullmatch(w) for w in window):  # no punctuation, digits or Latin inside the phrase
            out["phrase"].append({"text": '"' + " ".join(window) + '"'})
    with_persons = [d for _i, d in docs if d.get("persons")]
    while len(out["person_since"]) < n:
        d = rng.choice(with_persons)
        out["person_since"].append({"text": "", "person": rng.choice(d["persons"]),
                                    "since": rng.choice(["7d", "30d", "90d"])})
    with_topics = [d for _i, d in docs if d.get("topics")]
    while len(out["topic_facet"]) < n:
        d = rng.choice(with_topics)
        words = [w for w in d["title"].split() if len(w) >= 3 and _AR_TOKEN.fullmatch(w)]
        if not words:
            continue
        out["topic_facet"].append({"text": rng.choice(words), "topic": rng.choice(d["topics"])})
    return out


class TookES:
    """Hands ``pipeline.search.search`` the real client and keeps the last response's ``took``."""

    def __init__(self, es: Any) -> None:
        self.es = es
        self.took: int | None = None

    def search(self, **kwargs: Any) -> Any:
        resp = self.es.search(**kwargs)
        self.took = resp["took"]
        return resp

    def msearch(self, **kwargs: Any) -> Any:  # highlights and other outlets of the hits shown (not in took)
        return self.es.msearch(**kwargs)


OLD_COMMIT = "8ab4c33"  # pipeline/search.py before the latency work (the query of the issue-20 stop)


def variant_search(name: str) -> Any:
    """The ``search`` function of a variant: ``new`` is ``pipeline.search.search`` as it is; ``old`` the
    same module as committed at OLD_COMMIT (read with ``git show``, loaded beside the package: same
    names, gazetteers and client), so both run on one index in one run, interleaved."""
    if name == "new":
        from pipeline.search import search

        return search
    if name != "old" and not name.startswith("@"):
        raise SystemExit(f"--variants: old, new or @COMMIT; got {name!r}")
    import subprocess
    import types

    rev = OLD_COMMIT if name == "old" else name[1:]
    root = Path(__file__).resolve().parents[1]
    src = subprocess.run(["git", "-C", str(root), "show", f"{rev}:pipeline/search.py"], check=True,
                         capture_output=True, text=True).stdout
    module = types.ModuleType(f"rasd_search_{name.strip('@')}")
    module.__file__ = f"{rev}:pipeline/search.py"
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(src, module.__file__, "exec"), module.__dict__)
    return module.search


def measure(es: Any, settings: Any, queries: dict[str, list[dict[str, Any]]], warmup: int,
            variants: tuple[str, ...] = ("new",)) -> dict[str, Any]:
    """Latency per query type (and per variant: ``type`` for ``new`` alone, else ``type/variant``)."""
    took_es = TookES(es)
    funcs = {v: variant_search(v) for v in variants}
    keys = [(t, v) for t in TYPES for v in variants]
    res: dict[tuple[str, str], dict[str, list[float]]] = {k: {"wall": [], "took": [], "total": []} for k in keys}
    for i in range(warmup):
        for t, v in keys:
            funcs[v](es=took_es, settings=settings, **queries[t][i % len(queries[t])])
    n = min(len(q) for q in queries.values())
    for i in range(n):
        k = i % len(keys)
        for t, v in keys[k:] + keys[:k]:  # interleaved, the order rotating: the same load on every variant
            t0 = time.perf_counter()
            r = funcs[v](es=took_es, settings=settings, **queries[t][i])
            res[(t, v)]["wall"].append(1000 * (time.perf_counter() - t0))
            res[(t, v)]["took"].append(float(took_es.took or 0))
            res[(t, v)]["total"].append(float(r.total))
    out = {}
    for (t, v), r in res.items():
        out[t if variants == ("new",) else f"{t}/{v}"] = {
            "p50": common.percentile(r["wall"], 50), "p95": common.percentile(r["wall"], 95),
            "p99": common.percentile(r["wall"], 99), "took_p50": common.percentile(r["took"], 50),
            "took_p95": common.percentile(r["took"], 95), "hits_p50": common.percentile(r["total"], 50),
            "zero_hits": sum(1 for x in r["total"] if x == 0), "n": len(r["wall"])}
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline import index as index_stage

    rng = random.Random(args.seed)
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    variants = tuple(v.strip() for v in args.variants.split(",") if v.strip())
    articles = common.load_corpus(args.corpus, n=args.n, seed=args.seed)
    # --reuse: the documents only give the queries (MinHash draws no random numbers: the same documents)
    docs = build_docs(articles, rng, now, minhash=not (args.no_minhash or args.reuse))
    del articles
    print(f"documents: {len(docs)} built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    queries = make_queries(docs, args.queries, random.Random(args.seed + 1))
    sizes = sorted({len(docs) if x.strip() == "base" else int(x) for x in args.sizes.split(",")})
    if sizes[0] < len(docs):
        raise SystemExit(f"--sizes: the smallest size is the base corpus ({len(docs)} documents)")
    gen = Generator(docs, random.Random(args.seed + 2), now, new_word_rate=args.new_word_rate)
    for _i, d in docs:
        gen.count(d["title"] + " " + d["body"])
    results: dict[int, dict[str, Any]] = {}
    with common.bench_es(args.es_url, keep=args.keep_es, heap=args.heap) as es_url:
        s = common.configure(es_url, PREFIX)
        es = index_stage.get_client(s).options(request_timeout=300)
        if args.reuse:
            held = reused_size(es, s.articles_alias, sizes[-1])
            print(f"--reuse: {s.articles_alias} holds {held:,} documents; measuring without loading",
                  file=sys.stderr)
            results[held] = measure_size(es, s, queries, args, variants, reused_info(es, s.articles_alias), None,
                                         None, None)
            es.close()
            return report(args, results, len(docs), time.perf_counter() - t0, variants)
        common.drop_prefix(es, PREFIX)
        index = index_stage.ensure_indices(es, s)
        try:
            have = 0
            for size in sizes:
                es.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
                items: Iterator[tuple[str, dict[str, Any]]] = iter(docs) if have == 0 else iter(())
                items = _chain(items, gen.docs(max(have, len(docs)) - len(docs), size - len(docs)))
                cpu0 = common.es_cpu_s(es)
                ok, sec = bulk_load(es, s.articles_write_alias, items)
                es_cpu_ms = 1000 * (common.es_cpu_s(es) - cpu0) / max(ok, 1)
                have = size
                info = settle(es, index)
                print(f"size {info['docs']:,}: {ok} added in {sec:.0f} s ({ok / sec if sec else 0:.0f} docs/s, ES CPU "
                      f"{es_cpu_ms:.1f} ms/doc), {len(gen.vocabulary):,} distinct word forms, {info['segments']} "
                      f"segments, {info['store_mb']} MB; measuring", file=sys.stderr)
                results[size] = measure_size(es, s, queries, args, variants, info, len(gen.vocabulary),
                                             round(ok / sec, 1) if sec else None, round(es_cpu_ms, 2))
        finally:
            if not args.keep_indices:
                common.drop_prefix(es, PREFIX)
            es.close()
    return report(args, results, len(docs), time.perf_counter() - t0, variants)


def reused_size(es: Any, alias: str, largest: int) -> int:
    """--reuse: the documents behind ``alias``; SystemExit unless it holds ``largest`` or more."""
    if not es.indices.exists(index=alias):
        raise SystemExit(f"--reuse: no index {alias}; run once with --keep-indices first")
    held = int(es.count(index=alias)["count"])
    if held < largest:
        raise SystemExit(f"--reuse: {alias} holds {held:,} documents, fewer than the largest size asked "
                         f"({largest:,}); grow it without --reuse (and with --keep-indices)")
    return held


def reused_info(es: Any, alias: str) -> dict[str, Any]:
    stats = es.indices.stats(index=alias, metric="docs,store,segments")["_all"]["primaries"]
    return {"docs": stats["docs"]["count"], "segments": stats["segments"]["count"],
            "store_mb": round(stats["store"]["size_in_bytes"] / 2**20, 1), "settle_s": 0.0}


def measure_size(es: Any, s: Any, queries: dict[str, list[dict[str, Any]]], args: argparse.Namespace,
                 variants: tuple[str, ...], info: dict[str, Any], vocabulary: int | None, docs_per_s: float | None,
                 es_cpu_ms: float | None) -> dict[str, Any]:
    """Measure one index size; print each row as it is measured (a run stopped later keeps these)."""
    load = common.machine()
    cpu0 = common.es_cpu_s(es)
    m = measure(es, s, queries, args.warmup, variants)
    cpu_s = round(common.es_cpu_s(es) - cpu0, 1)
    load_end = common.machine()
    for t, r in m.items():
        print(f"  {info['docs']:,} {t}: p50 {r['p50']:.1f} p95 {r['p95']:.1f} p99 {r['p99']:.1f} "
              f"ms, took p95 {r['took_p95']:.0f} ms, hits p50 {r['hits_p50']:.0f} (load1 "
              f"{load['load1']}→{load_end['load1']})", file=sys.stderr, flush=True)
    return {"docs": info["docs"], "index": info, "vocabulary": vocabulary, "bulk_docs_per_s": docs_per_s,
            "bulk_es_cpu_ms_per_doc": es_cpu_ms, "latency": m, "machine": load, "machine_end": load_end,
            "es_cpu_s_measuring": cpu_s}


def _chain(*its: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for it in its:
        yield from it


def report(args: argparse.Namespace, results: dict[int, dict[str, Any]], base: int, seconds: float,
           variants: tuple[str, ...] = ("new",)) -> dict[str, Any]:
    rows = []
    for r in results.values():
        for t in r["latency"]:
            m = r["latency"][t]
            rows.append([f"{r['docs']:,} {t}", m["p50"], m["p95"], m["p99"], m["took_p50"], m["took_p95"],
                         m["hits_p50"], m["zero_hits"]])
    print(common.table(["documents, query type", "p50 ms", "p95 ms", "p99 ms", "took p50", "took p95", "hits p50",
                        "0 hits"], rows,
                       title=f"Search latency via pipeline.search.search ({args.queries} queries per type and size; "
                             "wall = whole call, took = server; every size measured)"))
    print()
    current = [t if variants == ("new",) else f"{t}/new" for t in TYPES] if "new" in variants else []
    for r in results.values():
        if len(variants) > 1:
            for t in TYPES:
                lat = r["latency"]
                ratios = ", ".join(f"{v} {lat[f'{t}/{v}']['p95']:.1f}" for v in variants)
                took = ", ".join(f"{v} {lat[f'{t}/{v}']['took_p95']:.0f}" for v in variants)
                print(f"{r['docs']:,} {t}: p95 ms {ratios} (took p95 {took})")
        worst = max((r["latency"][t]["p95"] for t in current), default=float("nan"))
        vocab = f"{r['vocabulary']:,} distinct word forms, " if r["vocabulary"] else ""
        print(f"{r['docs']:,} documents ({vocab}{r['index']['store_mb']} MB, ES CPU {r['es_cpu_s_measuring']} s "
              f"measuring, load1 {r['machine']['load1']}): worst p95 of the current query {worst:.1f} ms")
    largest = max(results.values(), key=lambda r: r["docs"])
    worst = max((largest["latency"][t]["p95"] for t in current), default=float("nan"))
    print(f"largest size measured: {largest['docs']:,} documents, worst p95 {worst:.1f} ms (target ≤ 50 ms at 1M)")
    return {
        "bench": "search_latency", "base_docs": base, "sizes_requested": args.sizes, "queries_per_type": args.queries,
        "sizes": {str(r["docs"]): {t: {k: (round(v, 2) if isinstance(v, float) else v) for k, v in m.items()}
                                   for t, m in r["latency"].items()}
                  | {k: r[k] for k in ("index", "vocabulary", "bulk_docs_per_s", "bulk_es_cpu_ms_per_doc", "machine",
                                       "machine_end", "es_cpu_s_measuring")}
                  for r in results.values()},
        "largest_docs": largest["docs"], "worst_p95_ms_largest": round(worst, 1),
        "target_p95<=50ms_at_1m": worst <= 50 if largest["docs"] >= 1_000_000 else None,
        "seconds": round(seconds, 1), "minhash": not args.no_minhash, "new_word_rate": args.new_word_rate,
        "seed": args.seed, "variants": list(variants), "reuse": args.reuse, "machine": common.machine(),
        "at": common.now_utc(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--n", type=int, default=None, help="base documents (default: every usable article, ~30,000)")
    ap.add_argument("--sizes", default="base,100000",
                    help="index sizes in documents, 'base' = the corpus (default base,100000; the issue's run: "
                         "base,100000,300000,1000000)")
    ap.add_argument("--new-word-rate", type=float, default=0.02, help="share of generated words made new forms")
    ap.add_argument("--queries", type=int, default=200, help="queries per type (default 200)")
    ap.add_argument("--warmup", type=int, default=20, help="unmeasured queries per type before each size (default 20)")
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--no-minhash", action="store_true", help="skip MinHash fields (faster document build)")
    ap.add_argument("--es-url", help=f"Elasticsearch to use; default: local node {common.BENCH_NODE!r} on port {common.BENCH_PORT}")
    ap.add_argument("--heap", default="2g", help="heap of the local node when started here (default 2g)")
    ap.add_argument("--keep-es", action="store_true", help="leave the local node running")
    ap.add_argument("--keep-indices", action="store_true", help=f"keep the {PREFIX}-* indices")
    ap.add_argument("--reuse", action="store_true",
                    help=f"measure the kept {PREFIX} index as it is (it must hold the largest --sizes or more): no "
                         "loading, nothing dropped; the queries come from the regenerated base documents (--seed)")
    ap.add_argument("--variants", default="new",
                    help=f"comma-separated: new (pipeline/search.py as it is), old (as at {OLD_COMMIT}), @COMMIT (as at "
                         "COMMIT); all are "
                         "measured interleaved on the same index in one run (default new)")
    args = ap.parse_args(argv)
    out = run(args)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
