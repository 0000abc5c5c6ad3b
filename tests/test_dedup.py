"""Deduplication: signatures (pure) and assign/reconcile against the real Elasticsearch.

The fixture articles are written for these tests (no corpus or web text): one
story about an oil port reopening, four rewrites of it (rewritten lead,
changed tail, added paragraph, an exact copy) and two different stories, one
about the same port and company (same topic, different story: must not merge).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from elasticsearch import Elasticsearch

from pipeline import dedup, minhash
from pipeline.config import Settings
from pipeline.index import ensure_indices, index_articles
from pipeline.models import Article, Content
from pipeline.urls import doc_id

PREFIX = "rasdtest-dedup"
T0 = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)

LEAD = ("أعلنت المؤسسة الوطنية للنفط في طرابلس صباح الثلاثاء استئناف عمليات التصدير من ميناء الزويتينة "
        "النفطي بعد توقف دام ثلاثة أسابيع بسبب احتجاجات عمال الحراسة المطالبين بصرف مرتباتهم المتأخرة.")
BODY = [
    "وقال المتحدث باسم المؤسسة في مؤتمر صحفي إن أول ناقلة غادرت الرصيف محملة بستمائة ألف برميل من الخام "
    "متجهة إلى أحد الموانئ الإيطالية، مشيرا إلى أن الإنتاج في الحقول المرتبطة بالميناء سيعود تدريجيا إلى "
    "مستواه السابق خلال الأيام المقبلة.",
    "وأوضح أن لجنة مشتركة من وزارة المالية وإدارة المؤسسة توصلت إلى اتفاق مع ممثلي العمال يقضي بصرف "
    "المستحقات على دفعتين، الأولى نهاية الشهر الجاري والثانية مطلع الشهر القادم، مع مراجعة عقود الحراسة "
    "في جميع المنشآت النفطية بالمنطقة الشرقية.",
    "وكانت الاحتجاجات قد أدت إلى تراجع صادرات البلاد بنحو مئة وخمسين ألف برميل يوميا، ما تسبب في خسائر "
    "قدرتها المؤسسة بأكثر من مئتي مليون دولار، وفق بيان نشرته على موقعها الرسمي.",
    "ودعا رئيس المؤسسة جميع الأطراف إلى إبعاد قطاع النفط عن الخلافات السياسية، مؤكدا أن عائداته هي المصدر "
    "الرئيسي لدخل الليبيين وأن أي توقف جديد سيؤثر مباشرة على رواتب الموظفين وعلى توفير الوقود والكهرباء "
    "في المدن.",
]
TAIL = ("ومن المنتظر أن يزور وفد من المؤسسة الميناء الأسبوع المقبل لتفقد خزانات التصدير والوقوف على حالة "
        "المعدات بعد فترة التوقف.")

ORIGINAL = "\n".join([LEAD, *BODY, TAIL])
REWRITTEN_LEAD = "\n".join([
    "استؤنف يوم الثلاثاء تصدير الخام من ميناء الزويتينة شرقي ليبيا، وذلك بعد ثلاثة أسابيع من التوقف الذي "
    "فرضه حراس المنشأة احتجاجا على تأخر رواتبهم، بحسب ما أفادت به المؤسسة الوطنية للنفط.",
    *BODY, TAIL])
CHANGED_TAIL = "\n".join([
    LEAD, *BODY,
    "وتأتي هذه الخطوة في وقت تسعى فيه الحكومة إلى رفع الإنتاج الوطني إلى مليون ونصف مليون برميل يوميا "
    "قبل نهاية العام الجاري، رغم الصعوبات الأمنية في عدد من المناطق."])
ADDED_PARAGRAPH = "\n".join([
    LEAD, BODY[0], BODY[1],
    "وأشار المتحدث إلى أن فرق الصيانة أجرت خلال فترة التوقف فحوصات شاملة لخطوط الأنابيب الممتدة من الحقول "
    "إلى الميناء، ولم تسجل أي أضرار تذكر، وهو ما سمح باستئناف الضخ دون تأخير إضافي.",
    BODY[2], BODY[3], TAIL])
# the original with other punctuation, spacing, diacritics and tatweel: the same normalized words
EXACT_COPY = ORIGINAL.replace("،", " ,").replace(".", " .").replace("النفط", "النّـفط").replace("\n", "\n\n")
SAME_TOPIC_OTHER_STORY = "\n".join([
    "أعلنت المؤسسة الوطنية للنفط في طرابلس مساء الأحد حالة القوة القاهرة في ميناء الزويتينة النفطي بعد أن "
    "اقتحمت مجموعة مسلحة مبنى الإدارة وطالبت بتغيير مدير الميناء وتعيين موظفين من أبناء المنطقة.",
    "وذكرت المؤسسة في بيان أن المسلحين أجبروا طاقم ناقلة كانت تستعد للتحميل على مغادرة الرصيف، وأن الإدارة "
    "أخلت العاملين حفاظا على سلامتهم إلى حين انسحاب المجموعة من المنشأة.",
    "ودعا رئيس المؤسسة جميع الأطراف إلى إبعاد قطاع النفط عن الخلافات السياسية، محملا السلطات المحلية "
    "مسؤولية حماية الموانئ والحقول، ومطالبا النائب العام بفتح تحقيق في الحادثة.",
    "ويأتي هذا الإغلاق بعد أشهر قليلة من اتفاق أنهى توقفا سابقا في الموانئ الشرقية، فيما حذر خبراء من أن "
    "تكرار الإغلاقات يضعف ثقة المشترين الأوروبيين في انتظام الإمدادات الليبية.",
])
OTHER_STORY = "\n".join([
    "افتتحت بلدية بنغازي الأربعاء جسرا جديدا فوق وادي القطارة بعد عامين من الأعمال، في مشروع تقول السلطات "
    "المحلية إنه سيخفف الازدحام على الطريق الرابط بين وسط المدينة والأحياء الجنوبية.",
    "وقال عميد البلدية خلال حفل الافتتاح إن الجسر صمم لتحمل السيول الموسمية التي ألحقت أضرارا بالجسر القديم، "
    "وإن شركة محلية نفذت الأعمال بتمويل من صندوق إعادة الإعمار.",
    "وطالب سكان الأحياء المجاورة بإضاءة الطريق وتركيب إشارات مرور عند مداخل الجسر، فيما وعدت البلدية بإطلاق "
    "مرحلة ثانية تشمل ممرات للمشاة ومواقف للحافلات قبل نهاية الصيف.",
])


def make(url: str, text: str, *, source: str = "src-a", title: str | None = None,
         published: datetime | None = T0) -> Article:
    return Article(
        id=doc_id(url), url=url, canonical_url=url, source_id=source,
        content=Content(title=title or f"عنوان {url.rsplit('/', 1)[-1]} للاختبار فقط", text=text,
                        published_at=published),
    )


# -- pure ---------------------------------------------------------------------------------------


def test_signature_shape_and_determinism() -> None:
    sig, bands = dedup.signature(ORIGINAL)
    assert len(sig) == dedup.NUM_PERM == 128
    assert all(0 <= v < 2**32 for v in sig)
    assert len(bands) == dedup.BANDS and len(set(bands)) == dedup.BANDS
    assert all(b.startswith(f"b{i:02d}:") and len(b) == 4 + 16 for i, b in enumerate(bands))
    assert dedup.signature(ORIGINAL) == (sig, bands)
    assert dedup.signature("") == ([], [])
    assert dedup.signature(" ،. ") == ([], [])


@pytest.mark.parametrize("words", [1, 2, 3, 50, 5000])
def test_minhash_values_are_datasketchs(words: int) -> None:
    """The vectorised MinHash gives exactly datasketch's affine32 values (stored signatures stay valid)."""
    from datasketch import MinHash

    text = " ".join(f"{w}{i % 997}" for i, w in zip(range(words), (ORIGINAL.split() * 200), strict=False))
    shingle_set = dedup.shingles(dedup.tokens(text))
    ref = MinHash(num_perm=dedup.NUM_PERM, seed=minhash.SEED, scheme="affine32")
    ref.update_batch(list(shingle_set))
    assert dedup.minhash_values(shingle_set).tolist() == ref.hashvalues.tolist()
    a, b = minhash._permutations()
    assert a.tolist() == ref.permutations[0].tolist() and b.tolist() == ref.permutations[1].tolist()
    assert dedup.shingles(["a", "b", "c"], 3) == {b"a b c"} and dedup.shingles(["a", "b", "c"]) == {b"a b", b"b c"}


def test_dedup_does_not_import_datasketch() -> None:
    """datasketch imports scipy (~1 s): a task process that deduplicates must not pay it."""
    import subprocess
    import sys

    code = "import sys, pipeline.dedup; sys.exit(1 if 'datasketch' in sys.modules or 'scipy' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_band_parameters_follow_the_threshold() -> None:
    assert dedup.lsh_params(dedup.THRESHOLD) == (dedup.BANDS, dedup.ROWS)
    assert dedup.BANDS * dedup.ROWS <= dedup.NUM_PERM


@pytest.mark.parametrize("variant", [REWRITTEN_LEAD, CHANGED_TAIL, ADDED_PARAGRAPH, EXACT_COPY],
                         ids=["rewritten_lead", "changed_tail", "added_paragraph", "exact_copy"])
def test_rewrites_are_near_duplicates(variant: str) -> None:
    a, bands_a = dedup.signature(ORIGINAL)
    b, bands_b = dedup.signature(variant)
    assert dedup.estimate_jaccard(a, b) >= dedup.THRESHOLD
    assert set(bands_a) & set(bands_b), "LSH must make them candidates"


@pytest.mark.parametrize("other", [SAME_TOPIC_OTHER_STORY, OTHER_STORY], ids=["same_topic", "unrelated"])
def test_other_stories_are_not_near_duplicates(other: str) -> None:
    a, _ = dedup.signature(ORIGINAL)
    b, _ = dedup.signature(other)
    assert dedup.estimate_jaccard(a, b) < dedup.THRESHOLD - 0.2


def test_content_hash_is_of_the_normalized_words() -> None:
    assert dedup.content_hash(ORIGINAL) == dedup.content_hash(EXACT_COPY)
    assert dedup.content_hash(ORIGINAL) != dedup.content_hash(CHANGED_TAIL)
    assert len(dedup.content_hash(ORIGINAL)) == 64


def test_title_hash_is_per_source() -> None:
    assert dedup.title_hash("a", "إعادة فتح الميناء") == dedup.title_hash("a", "اعاده فتح  الميناء!")
    assert dedup.title_hash("a", "إعادة فتح الميناء") != dedup.title_hash("b", "إعادة فتح الميناء")


# -- the benchmark's method (bench/dedup.py): split and hand labels ------------------------------


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "dedup.py"
    spec = importlib.util.spec_from_file_location("bench_dedup", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_dedup", mod)  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return sys.modules["bench_dedup"]


def test_bench_split_puts_no_document_in_both_parts() -> None:
    """The operating point is chosen on the tune part and reported on the test part: a document (so a
    story's copies) on both sides would leak what was tuned on into the report."""
    b = _bench()
    days = [f"2015-07-2{d} 10:00:00" for d in range(1, 9)]
    docs = [b.Doc("s", day, "", [], f"h{i}", f"https://x.sa/{i}") for i, day in enumerate(days)]
    pairs = [b.Pair(i, j, 0.8, 0.9, "pos", "pool") for i in range(len(docs)) for j in range(i + 1, len(docs))]
    cut = b.split_date(docs)
    b.assign_parts(docs, pairs, cut)
    sides: dict[int, set[str]] = {}
    for p in pairs:
        if p.part is not None:
            sides.setdefault(p.i, set()).add(p.part)
            sides.setdefault(p.j, set()).add(p.part)
    assert all(len(parts) == 1 for parts in sides.values())
    assert {p.part for p in pairs} == {"tune", "test", None}
    assert all(docs[p.i].date < cut and docs[p.j].date < cut for p in pairs if p.part == "tune")


def test_bench_weights_stand_for_the_partial_band() -> None:
    """A hand-labelled partial pair stands for N/n pairs of its band: 2 labelled of 10 partial pairs
    weigh 5 each; unlabelled partial pairs and pairs of the other part weigh nothing."""
    b = _bench()
    pairs = [b.Pair(0, 1, 0.9, 0.9, "pos", "pool", "test"), b.Pair(0, 2, 0.1, 0.2, "neg", "pool", "test")]
    pairs += [b.Pair(0, 3 + k, 0.45, 0.5, "partial", "pool", "test") for k in range(10)]
    pairs += [b.Pair(0, 20, 0.9, 0.9, "pos", "pool", "tune")]
    pairs[2].hand, pairs[3].hand = "dup", "not"
    t = b.truth(pairs, "test", partials=True)
    assert t.w.tolist() == [1, 1, 5, 5] + [0] * 8 + [0]
    assert t.pos.tolist()[:4] == [True, False, True, False] and t.neg.tolist()[:4] == [False, True, False, True]
    pred = np.array([True, False, False, False] + [True] * 8 + [True])
    p, r, _ = b.prf(pred, t)  # the missed dup weighs 5: recall 1 / (1 + 5)
    assert p == 1.0 and abs(r - 1 / 6) < 1e-9
    assert b.prf(pred, b.truth(pairs, "test", partials=False))[:2] == (1.0, 1.0)


def test_bench_hand_labels_are_well_formed() -> None:
    """The labels file: the stratified sample (20 per band in tune, 40 in test), a known rule per
    label, documents named by a hash (no corpus text, no URL slugs in the repository)."""
    b = _bench()
    labels = b.load_labels(b.LABELS_FILE)
    assert len(labels) == 180
    assert all(re.fullmatch(r"[0-9a-f]{16}", d) for pair in labels for d in pair)
    assert {rule for _, rule in labels.values()} <= set(b.HAND_RULES)
    assert all(rule.startswith("D") == (label == "dup") for label, rule in labels.values())
    rows = [line.split("\t") for line in b.LABELS_FILE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "part\t"))]
    per = Counter((r[0], r[1]) for r in rows)
    assert per == {(part, band): n for part, n in b.SAMPLE_PER_BAND.items()
                   for band in ("0.4-0.5", "0.5-0.6", "0.6-0.7")}
    assert "http" not in b.LABELS_FILE.read_text(encoding="utf-8")


def test_memory_clusterer_joins_the_lead_only() -> None:
    c = dedup.MemoryClusterer()
    for key, text in [("o", ORIGINAL), ("l", REWRITTEN_LEAD), ("t", CHANGED_TAIL), ("s", SAME_TOPIC_OTHER_STORY),
                      ("p", ADDED_PARAGRAPH), ("x", EXACT_COPY), ("u", OTHER_STORY)]:
        c.add(key, dedup.content_hash(text), *dedup.signature(text))
    assert {k: c.cluster_of(k) for k in "oltpx"} == dict.fromkeys("oltpx", "o")
    assert c.cluster_of("s") == "s" and c.cluster_of("u") == "u"
    assert sorted(c.cluster_sizes()) == [1, 1, 5]


# -- Elasticsearch --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def es(es_url: str) -> Iterator[Elasticsearch]:
    client = Elasticsearch(es_url, request_timeout=60)
    yield client
    client.close()


@pytest.fixture()
def settings(es: Elasticsearch, es_url: str) -> Iterator[Settings]:
    s = Settings(es_url=es_url, index_prefix=PREFIX)
    _drop(es)
    ensure_indices(es, s)
    yield s
    _drop(es)


def _drop(es: Elasticsearch) -> None:
    es.options(ignore_status=404).indices.delete(index=f"{PREFIX}-*", expand_wildcards="all")
    for name in ("articles", "feeds", "runs"):
        es.options(ignore_status=404).indices.delete_index_template(name=f"{PREFIX}-{name}")


def run(es: Elasticsearch, settings: Settings, batch: list[Article]) -> dedup.DedupStats:
    """What ingest does: assign, index, reconcile."""
    stats = dedup.assign(es, batch, settings)
    index_articles(es, batch, settings, refresh=True)
    dedup.reconcile(es, [a.id for a in batch], settings)
    return stats


def stored(es: Elasticsearch, settings: Settings) -> dict[str, dict[str, object]]:
    es.indices.refresh(index=settings.articles_alias)
    hits = es.search(index=settings.articles_alias, size=1000, query={"match_all": {}},
                     source_includes=["cluster_id", "cluster_size", "is_cluster_lead", "duplicate_of", "url"])
    return {h["_source"]["url"]: h["_source"] for h in hits["hits"]["hits"]}


def assert_consistent(docs: dict[str, dict[str, object]]) -> None:
    """Every cluster: one lead (the id named by cluster_id), size = member count everywhere."""
    by_cluster: dict[object, list[dict[str, object]]] = {}
    for d in docs.values():
        by_cluster.setdefault(d["cluster_id"], []).append(d)
    for cid, members in by_cluster.items():
        assert [m["is_cluster_lead"] for m in members].count(True) == 1, (cid, members)
        assert {m["cluster_size"] for m in members} == {len(members)}, (cid, members)


def test_batch_is_clustered_with_itself(es: Elasticsearch, settings: Settings) -> None:
    batch = [
        make("https://a.example/orig", ORIGINAL, published=T0),
        make("https://b.example/lead", REWRITTEN_LEAD, source="src-b", published=T0 + timedelta(hours=1)),
        make("https://c.example/tail", CHANGED_TAIL, source="src-c", published=T0 + timedelta(hours=2)),
        make("https://d.example/para", ADDED_PARAGRAPH, source="src-d", published=T0 + timedelta(hours=3)),
        make("https://e.example/copy", EXACT_COPY, source="src-e", published=T0 + timedelta(hours=4)),
        make("https://a.example/other", SAME_TOPIC_OTHER_STORY, published=T0 + timedelta(hours=5)),
        make("https://f.example/bridge", OTHER_STORY, source="src-f", published=T0 + timedelta(hours=6)),
    ]
    stats = run(es, settings, list(reversed(batch)))  # batch order does not matter, publication time does
    assert (stats.exact, stats.title, stats.near, stats.new_clusters) == (1, 0, 3, 3)
    orig = batch[0].id
    docs = stored(es, settings)
    for url in ("https://a.example/orig", "https://b.example/lead", "https://c.example/tail",
                "https://d.example/para", "https://e.example/copy"):
        assert docs[url]["cluster_id"] == orig and docs[url]["cluster_size"] == 5
    assert docs["https://a.example/orig"]["is_cluster_lead"] is True
    assert docs["https://e.example/copy"]["duplicate_of"] == orig
    assert docs["https://b.example/lead"].get("duplicate_of") is None  # near duplicates only share the cluster
    assert docs["https://a.example/other"]["cluster_id"] == batch[5].id  # same topic, different story
    assert docs["https://a.example/other"]["cluster_size"] == 1
    assert docs["https://f.example/bridge"]["cluster_id"] == batch[6].id
    assert_consistent(docs)


def test_later_batches_join_and_sizes_follow(es: Elasticsearch, settings: Settings) -> None:
    first = make("https://a.example/orig", ORIGINAL)
    run(es, settings, [first])
    stats = run(es, settings, [make("https://b.example/lead", REWRITTEN_LEAD, source="src-b"),
                               make("https://e.example/copy", EXACT_COPY, source="src-e")])
    assert (stats.exact, stats.near, stats.new_clusters) == (1, 1, 0)
    assert stats.updated == 1  # the original's cluster_size
    stats = run(es, settings, [make("https://c.example/tail", CHANGED_TAIL, source="src-c",
                                    published=T0 + timedelta(days=3)),
                               make("https://a.example/other", SAME_TOPIC_OTHER_STORY)])
    assert (stats.near, stats.new_clusters) == (1, 1)
    docs = stored(es, settings)
    assert {docs[u]["cluster_id"] for u in ("https://a.example/orig", "https://b.example/lead",
                                            "https://e.example/copy", "https://c.example/tail")} == {first.id}
    assert docs["https://a.example/orig"]["cluster_size"] == 4
    assert docs["https://e.example/copy"]["duplicate_of"] == first.id
    assert docs["https://a.example/other"]["cluster_size"] == 1
    assert_consistent(docs)


def test_near_duplicates_outside_the_window_do_not_join(es: Elasticsearch, settings: Settings) -> None:
    run(es, settings, [make("https://a.example/orig", ORIGINAL)])
    late = make("https://b.example/lead", REWRITTEN_LEAD, source="src-b", published=T0 + timedelta(days=45))
    stats = run(es, settings, [late])
    assert stats.new_clusters == 1
    assert stored(es, settings)["https://b.example/lead"]["cluster_id"] == late.id


def test_title_repost_within_seven_days(es: Elasticsearch, settings: Settings) -> None:
    title = "استئناف التصدير من ميناء الزويتينة"
    first = make("https://a.example/n/1", ORIGINAL, title=title)
    run(es, settings, [first])
    repost = make("https://a.example/n/1-updated", OTHER_STORY, title=title, published=T0 + timedelta(days=2))
    late = make("https://a.example/n/1-old", SAME_TOPIC_OTHER_STORY, title=title, published=T0 + timedelta(days=10))
    elsewhere = make("https://b.example/n/9", "\n".join(BODY[:1]) + " " + OTHER_STORY[:80], title=title,
                     source="src-b", published=T0 + timedelta(days=1))
    stats = run(es, settings, [repost, late, elsewhere])
    assert (stats.title, stats.new_clusters) == (1, 2)
    docs = stored(es, settings)
    assert docs["https://a.example/n/1-updated"]["duplicate_of"] == first.id
    assert docs["https://a.example/n/1-updated"]["cluster_id"] == first.id
    assert docs["https://a.example/n/1-old"]["cluster_id"] == late.id  # 10 days later: not a re-post
    assert docs["https://b.example/n/9"]["cluster_id"] == elsewhere.id  # same title, other source
    assert_consistent(docs)


def test_rerun_is_idempotent(es: Elasticsearch, settings: Settings) -> None:
    def batch() -> list[Article]:
        return [make("https://a.example/orig", ORIGINAL),
                make("https://b.example/lead", REWRITTEN_LEAD, source="src-b", published=T0 + timedelta(hours=1)),
                make("https://e.example/copy", EXACT_COPY, source="src-e", published=T0 + timedelta(hours=2)),
                make("https://a.example/other", SAME_TOPIC_OTHER_STORY)]

    run(es, settings, batch())
    before = stored(es, settings)
    again = batch()
    stats = dedup.assign(es, again, settings)
    assert stats.existing == 4 and stats.updated == 0
    assert (stats.exact, stats.title, stats.near, stats.new_clusters) == (0, 0, 0, 0)
    assert again[1].dedup is not None and again[1].dedup.cluster_id == again[0].id
    assert again[1].dedup.cluster_size == 3
    index_articles(es, again, settings, refresh=True)
    assert dedup.reconcile(es, [a.id for a in again], settings) == 0
    assert stored(es, settings) == before


def test_concurrent_runs_do_not_split_a_cluster(es: Elasticsearch, settings: Settings) -> None:
    """Two runs with overlapping batches, both assigning before either indexes (the worst case)."""
    orig = make("https://a.example/orig", ORIGINAL, published=T0)
    lead = make("https://b.example/lead", REWRITTEN_LEAD, source="src-b", published=T0 + timedelta(hours=1))
    tail = make("https://c.example/tail", CHANGED_TAIL, source="src-c", published=T0 + timedelta(hours=2))
    para = make("https://d.example/para", ADDED_PARAGRAPH, source="src-d", published=T0 + timedelta(hours=3))
    copy = make("https://e.example/copy", EXACT_COPY, source="src-e", published=T0 + timedelta(hours=4))
    other = make("https://a.example/other", SAME_TOPIC_OTHER_STORY, published=T0 + timedelta(hours=5))
    batches = {
        "one": [lead, para, other],
        "two": [copy, tail, lead.model_copy(deep=True), orig],
    }
    barrier = threading.Barrier(2, timeout=60)
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            client = Elasticsearch(settings.es_url, request_timeout=60)
            batch = [a.model_copy(deep=True) for a in batches[name]]
            dedup.assign(client, batch, settings)
            barrier.wait()  # neither run has indexed anything yet
            index_articles(client, batch, settings, refresh=False)
            dedup.reconcile(client, [a.id for a in batch], settings)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=worker, args=(n,)) for n in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    docs = stored(es, settings)
    story = [orig, lead, tail, para, copy]
    assert {docs[a.url]["cluster_id"] for a in story} == {orig.id}, {a.url: docs[a.url] for a in story}
    assert docs[orig.url]["is_cluster_lead"] is True
    assert docs[copy.url]["duplicate_of"] == orig.id
    assert docs[other.url]["cluster_id"] == other.id
    assert_consistent(docs)


def _one_finishes_before_two_is_searchable(es: Elasticsearch, settings: Settings, one: list[Article],
                                           two: list[Article]) -> None:
    """Both runs assign before either indexes; run one indexes and reconciles before run two indexes."""
    dedup.assign(es, one, settings)
    dedup.assign(es, two, settings)
    index_articles(es, one, settings, refresh=True)
    dedup.reconcile(es, [a.id for a in one], settings)
    index_articles(es, two, settings, refresh=True)
    dedup.reconcile(es, [a.id for a in two], settings)


def test_a_later_lead_indexed_by_the_run_that_finished_first_is_merged(es: Elasticsearch, settings: Settings) -> None:
    """The interleaving that split a story once in CI, replayed step by step.

    Both runs assign before either indexes; run one (a later copy, and a copy both runs carry) indexes and
    reconciles while run two has not indexed yet, so it sees nothing to merge; run two then indexes (rewriting
    the shared copy) and reconciles. Run two's own documents are all in the earlier lead's cluster already:
    the later lead run one left behind is not in its batch, yet it must be merged too."""
    texts = [ORIGINAL, REWRITTEN_LEAD, CHANGED_TAIL, ADDED_PARAGRAPH]
    arts = [make(f"https://s{i}.example/x", t, source=f"src-{i}", published=T0 + timedelta(minutes=i))
            for i, t in enumerate(texts)]
    one = [a.model_copy(deep=True) for a in (arts[1], arts[3])]
    two = [a.model_copy(deep=True) for a in (arts[2], arts[0], arts[3])]
    _one_finishes_before_two_is_searchable(es, settings, one, two)
    docs = stored(es, settings)
    assert {docs[a.url]["cluster_id"] for a in arts} == {arts[0].id}, {a.url: docs[a.url] for a in arts}
    assert docs[arts[0].url]["cluster_size"] == 4
    assert_consistent(docs)


def test_a_later_original_indexed_by_the_run_that_finished_first_becomes_the_copy(
        es: Elasticsearch, settings: Settings) -> None:
    """The same interleaving for two originals of one body: the later one, in run one only, becomes the copy."""
    early = make("https://a.example/first", ORIGINAL, published=T0)
    late = make("https://b.example/again", EXACT_COPY, source="src-b", published=T0 + timedelta(hours=1))
    one, two = [late.model_copy(deep=True)], [early.model_copy(deep=True)]
    _one_finishes_before_two_is_searchable(es, settings, one, two)
    docs = stored(es, settings)
    assert docs[late.url]["duplicate_of"] == early.id and docs[late.url]["cluster_id"] == early.id
    assert docs[early.url]["is_cluster_lead"] is True and docs[early.url]["cluster_size"] == 2
    assert_consistent(docs)


def test_concurrent_runs_repeatedly(es: Elasticsearch, settings: Settings) -> None:
    """No barrier: whatever the interleaving, one cluster per story after both runs.

    Rounds are 40 days apart (outside ``NEAR_WINDOW``), so each round's story is new."""
    for round_no in range(3):
        texts = [ORIGINAL, REWRITTEN_LEAD, CHANGED_TAIL, ADDED_PARAGRAPH]
        # a round marker keeps rounds apart for the exact hash too (which has no window)
        arts = [make(f"https://s{i}.example/r{round_no}", f"{t}\nالجولة رقم {round_no}.", source=f"src-{i}",
                     published=T0 + timedelta(days=40 * round_no, minutes=i)) for i, t in enumerate(texts)]
        others = [make(f"https://o.example/r{round_no}", f"{OTHER_STORY}\nالجولة رقم {round_no}.",
                       published=T0 + timedelta(days=40 * round_no))]
        halves = [[arts[1], arts[3], *others], [arts[2], arts[0], arts[3]]]
        errors: list[BaseException] = []

        def worker(batch: list[Article], errors: list[BaseException] = errors) -> None:
            try:
                client = Elasticsearch(settings.es_url, request_timeout=60)
                run(client, settings, [a.model_copy(deep=True) for a in batch])
            except BaseException as exc:  # pragma: no cover
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(h,)) for h in halves]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not errors, errors
        docs = stored(es, settings)
        # the lead is the first copy indexed (which run got there first varies), one cluster either way
        ids = {docs[a.url]["cluster_id"] for a in arts}
        assert len(ids) == 1 and ids <= {a.id for a in arts}, (round_no, ids)
        assert docs[arts[0].url]["cluster_size"] == 4
        assert docs[others[0].url]["cluster_id"] == others[0].id
        assert_consistent(docs)
