"""Rising stories and rising terms against a real Elasticsearch; the digest's part and its Kibana
rows; the digest DAG; the CLI. Fixture texts are written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from typer.testing import CliRunner

DAY = date(2025, 6, 10)
T0 = datetime(DAY.year, DAY.month, DAY.day, tzinfo=UTC)

# ordinary days: the same everyday news in many stories, so its words are not rising
ORDINARY = [
    "عقد المجلس البلدي اجتماعه الدوري لمناقشة خطة النظافة وصيانة الطرق في الأحياء",
    "ارتفعت أسعار الخضروات في السوق المحلي مع بداية موسم الصيف وقلة المعروض",
    "افتتحت الجامعة معرضا للكتاب بمشاركة دور نشر محلية وعربية وسط إقبال الطلبة",
    "أعلنت شركة الكهرباء عن برنامج لصيانة المحطات وتخفيف الأحمال خلال فصل الصيف",
]
# the day's new story, written by several outlets in their own words
NEW = [
    "أعلنت السلطات إغلاق معبر الوادي الأخضر الحدودي بعد اشتباكات قرب المعبر",
    "إغلاق معبر الوادي الأخضر يربك حركة الشاحنات والتجار على جانبي الحدود",
    "سكان المنطقة يطالبون بإعادة فتح معبر الوادي الأخضر في أقرب وقت",
    "وزارة المواصلات تدرس بدائل بعد إغلاق معبر الوادي الأخضر أمام المسافرين",
]


def doc(i: str, source: str, text: str, when: datetime, cluster: str | None = None) -> tuple[str, dict]:
    cid = cluster or i
    return i, {"url": f"https://{source}.example/{i}", "canonical_url": f"https://{source}.example/{i}",
               "source_id": source, "title": text.split(" ", 6)[-1][:60] if cluster else text[:60],
               "body": text + " . " + text, "published_at": when.isoformat(), "fetched_at": when.isoformat(),
               "indexed_at": datetime.now(UTC).isoformat(), "cluster_id": cid, "is_cluster_lead": cid == i,
               "language": "ar"}


def corpus() -> dict[str, dict]:
    docs: dict[str, dict] = {}
    # background: ten days of ordinary news from four outlets
    for d in range(1, 11):
        for k, text in enumerate(ORDINARY):
            i, body = doc(f"bg{d}-{k}", f"s{k}", text, T0 - timedelta(days=d, hours=-k))
            docs[i] = body
    # the day: ordinary news again, the new story by four outlets
    for k, text in enumerate(ORDINARY):
        i, body = doc(f"day-{k}", f"s{k}", text, T0 + timedelta(hours=8, minutes=k))
        docs[i] = body
    for k, text in enumerate(NEW):
        i, body = doc(f"new-{k}", f"s{k}", text, T0 + timedelta(hours=9 + k))
        docs[i] = body
    # a story that one outlet repeats (its boilerplate phrase must not rise: one outlet)
    for k in range(4):
        i, body = doc(f"solo-{k}", "s0", f"نشرة الأرصاد البحرية الساحلية تحذر الصيادين رقم {k}",
                      T0 + timedelta(hours=10, minutes=k))
        docs[i] = body
    # stories: A had one outlet yesterday and three more today; B two outlets today; C all yesterday
    cluster_rows = [("A", "s1", -20), ("A", "s2", 5), ("A", "s3", 6), ("A", "s4", 7),
                    ("B", "s1", 12), ("B", "s5", 12.5), ("C", "s1", -10), ("C", "s2", -9), ("C", "s3", -8)]
    for n, (cid, source, hours) in enumerate(cluster_rows):
        lead = f"story{cid}-0"
        i = lead if not any(k.startswith(f"story{cid}") for k in docs) else f"story{cid}-{n}"
        i, body = doc(i, source, f"قصة {cid} عن موضوع عام رقم {n}", T0 + timedelta(hours=hours), cluster=lead)
        body["title"] = f"عنوان القصة {cid}"
        docs[i] = body
    return docs


@pytest.fixture
def trends_env(clean_es, settings):
    from pipeline.index import index_documents

    result = index_documents(clean_es, corpus(), settings, refresh=True)
    assert result.failed == 0, result.errors[:2]
    return clean_es


def test_rising_stories_count_outlets_gained_in_the_window(trends_env, settings):
    from pipeline.trends import day_window, rising_stories

    start, end = day_window(DAY)
    stories = rising_stories(start, end, es=trends_env, settings=settings, top=5)
    by = {s.cluster_id: s for s in stories}
    a = by["storyA-0"]
    assert a.outlets_gained == 3 and a.outlets_total == 4 and a.sources == ["s2", "s3", "s4"]
    assert a.label == "عنوان القصة A" and a.first_seen.startswith((DAY - timedelta(days=1)).isoformat())
    assert by["storyB-0"].outlets_gained == 2
    assert "storyC-0" not in by  # all its outlets came yesterday
    assert stories[0].cluster_id == "storyA-0"  # gained the most
    assert [s.cluster_id for s in rising_stories(start, end, es=trends_env, settings=settings,
                                                 min_outlets=3)] == ["storyA-0"]
    # yesterday: C gained three, A one (below two)
    y0, y1 = day_window(DAY - timedelta(days=1))
    assert [s.cluster_id for s in rising_stories(y0, y1, es=trends_env, settings=settings)] == ["storyC-0"]


def test_rising_by_hour(trends_env, settings):
    from pipeline.trends import rising_by_hour

    rows = rising_by_hour(DAY, es=trends_env, settings=settings, min_outlets=1)
    assert {(r["hour"][11:13], r["cluster_id"]) for r in rows} >= {("05", "storyA-0"), ("12", "storyB-0")}
    assert all(r["outlets_gained"] >= 1 for r in rows)


def test_rising_terms_find_the_new_story_not_the_everyday_words(trends_env, settings):
    from pipeline.trends import day_window, rising_terms

    start, end = day_window(DAY)
    terms = rising_terms(start, end, es=trends_env, settings=settings, top=10, background_days=10)
    assert terms, "nothing rose"
    assert "معبر الوادي الاخضر" in terms[0].term  # normalized; the phrase, not its words alone
    top = terms[0]
    assert top.docs >= 3 and top.background_docs == 0 and top.outlets >= 3
    words = {t.term for t in terms}
    assert not words & {"الوادي", "الاخضر", "معبر"}  # folded into the phrase
    everyday = {"المجلس البلدي", "الصيف", "الجامعه", "صيانه"}
    assert not any(w in t for t in words for w in everyday)
    assert not any("الارصاد البحريه" in t for t in words)  # one outlet only
    assert not any(t.isdigit() or "_" in t for t in words)


def test_python_terms_are_the_tokens_elasticsearch_indexes(trends_env, settings):
    """A term counted in Python is a token of trend_text (else its background would read 0)."""
    from pipeline.trends import _tokens, ngrams

    index = next(iter(trends_env.indices.get_alias(name=settings.articles_write_alias)))
    text = "وأكد رئيس المجلس البلدي أن إغلاق معبر الوادي الأخضر في الحدود سيستمر، وقال إن الطرق مغلقة."
    tokens = {t["token"] for t in trends_env.indices.analyze(index=index, analyzer="rasd_terms", text=text)["tokens"]}
    ours = ngrams(_tokens(text))
    assert ours and ours <= tokens, ours - tokens


def test_window_and_duration_errors():
    from pipeline.errors import InputError
    from pipeline.trends import parse_since, rising_stories, rising_terms

    assert parse_since("6h") == timedelta(hours=6) and parse_since("2d") == timedelta(days=2)
    for bad in ("", "6", "h", "-1h", "0h", "six hours"):
        with pytest.raises(InputError, match="duration"):
            parse_since(bad)
    with pytest.raises(InputError, match="before it starts"):
        rising_stories(T0, T0, es=object())  # type: ignore[arg-type]
    with pytest.raises(InputError, match="background"):
        rising_terms(T0, T0 + timedelta(days=1), es=object(), background_days=0)  # type: ignore[arg-type]


def test_digest_carries_the_trends_and_writes_kibana_rows_idempotently(trends_env, settings):
    from pipeline.digest import build_digest

    doc1 = build_digest(DAY, es=trends_env, settings=settings)
    assert doc1["rising_stories"][0]["cluster_id"] == "storyA-0"
    assert "معبر الوادي الاخضر" in doc1["rising_terms"][0]["term"]
    assert doc1["rising_by_hour"]
    stored = trends_env.get(index=settings.digests_index, id=DAY.isoformat())["_source"]
    assert stored["rising_terms"] == doc1["rising_terms"]

    def rows() -> dict[str, dict]:
        trends_env.indices.refresh(index=settings.trends_index)
        hits = trends_env.search(index=settings.trends_index, size=500, query={"term": {"day": DAY.isoformat()}})
        return {h["_id"]: h["_source"] for h in hits["hits"]["hits"]}

    first = rows()
    kinds = {(r["kind"], r["window"]) for r in first.values()}
    assert kinds == {("story", "day"), ("story", "hour"), ("term", "day")}
    assert first[f"{DAY.isoformat()}|day|story|1"]["label"] == "عنوان القصة A"
    # a stale row from an older build (rank 99) goes; a second build changes nothing else
    trends_env.index(index=settings.trends_index, id=f"{DAY.isoformat()}|day|term|99", refresh=True,
                     document={"day": DAY.isoformat(), "kind": "term", "window": "day", "rank": 99, "term": "قديم"})
    build_digest(DAY, es=trends_env, settings=settings)
    second = rows()
    assert set(second) == set(first)
    assert {k: {f: v for f, v in r.items() if f != "built_at"} for k, r in second.items()} == \
        {k: {f: v for f, v in r.items() if f != "built_at"} for k, r in first.items()}


def test_an_old_digests_index_gets_the_new_fields(clean_es, settings):
    """A deployment's rasd-digests created before the trends: ensure_indices adds the fields."""
    from pipeline.index import ensure_indices

    clean_es.indices.delete(index=settings.digests_index)
    clean_es.indices.delete_index_template(name=f"{settings.index_prefix}-digests")
    clean_es.indices.create(index=settings.digests_index, mappings={
        "dynamic": "strict", "properties": {"day": {"type": "date"}, "articles": {"type": "integer"}}})
    ensure_indices(clean_es, settings)
    props = clean_es.indices.get_mapping(index=settings.digests_index)[settings.digests_index]["mappings"]
    assert {"rising_stories", "rising_terms", "rising_by_hour", "top_stories"} <= set(props["properties"])
    clean_es.index(index=settings.digests_index, id="x", document={"day": "2025-01-01", "rising_terms": [
        {"term": "كلمة", "score": 1.0, "docs": 3}]}, refresh=True)


def test_cli_trends(trends_env, settings):
    from pipeline.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["trends", "stories", "--day", DAY.isoformat(), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)[0]["cluster_id"] == "storyA-0"
    res = runner.invoke(app, ["trends", "stories", "--day", DAY.isoformat()])
    assert res.exit_code == 0 and "عنوان" in res.output and "rising stories" in res.output
    res = runner.invoke(app, ["trends", "stories", "--day", DAY.isoformat(), "--hourly", "--min-outlets", "1"])
    assert res.exit_code == 0 and "05:00" in res.output
    res = runner.invoke(app, ["trends", "terms", "--day", DAY.isoformat(), "--background", "10", "--json"])
    assert res.exit_code == 0, res.output
    assert "معبر الوادي الاخضر" in json.loads(res.output)[0]["term"]
    res = runner.invoke(app, ["trends", "stories", "--since", "soon"])
    assert res.exit_code == 1 and "duration" in res.output
    res = runner.invoke(app, ["trends", "terms", "--day", "10/06/2025"])
    assert res.exit_code == 1 and "--day" in res.output


@pytest.mark.slow
def test_digest_dag_builds_trends_and_discovers_names(trends_env, settings):
    """The libya_news_digest DAG (dag.test()) on days touched by recent indexing: digest with the
    rising lists, and the day's names in rasd-names."""
    from pipeline.airflow_run import run_dag
    from pipeline.index import index_documents

    named = {f"named-{k}": doc(f"named-{k}", f"s{k}", text, T0 + timedelta(hours=14, minutes=k))[1]
             for k, text in enumerate(["وقال العقيد خيري الزوبي إن المعبر سيفتح قريبا",
                                       "أكد العقيد خيري الزوبي أن الدوريات مستمرة",
                                       "وصل العقيد خيري الزوبي إلى المعبر صباحا"])}
    index_documents(trends_env, named, settings, refresh=True)
    state, _ = run_dag("libya_news_digest")
    assert state == "success"
    digest = trends_env.get(index=settings.digests_index, id=DAY.isoformat())["_source"]
    assert digest["rising_stories"] and digest["rising_terms"]
    trends_env.indices.refresh(index=settings.names_index)
    hits = trends_env.search(index=settings.names_index, query={"term": {"status": "pending"}}, size=50)
    shown = {h["_source"]["display"]: h["_source"] for h in hits["hits"]["hits"]}
    assert "خيري الزوبي" in shown and shown["خيري الزوبي"]["outlets_count"] == 3
