"""The search API behind `rasd search`, over the sample site indexed for real."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import wipe


@pytest.fixture
def indexed(sample_env, es_client):
    from pipeline.config import get_settings
    from pipeline.ingest import run_once

    s = get_settings()
    run_once(settings=s)
    return s


def test_clitics_match_through_the_arabic_analyzer(indexed, es_client):
    from pipeline.search import search

    # the pages write لليبيا, بطرابلس, والسراج: the stem analyzer finds them from the bare words
    for word in ("ليبيا", "طرابلس", "السراج"):
        assert search(word, settings=indexed, es=es_client).total >= 1, word


def test_one_hit_per_story_unless_all(indexed, es_client):
    from pipeline.search import search

    collapsed = search("السراج ترامب", settings=indexed, es=es_client, counts=True)
    every = search("السراج ترامب", settings=indexed, es=es_client, all_copies=True, counts=True)
    assert collapsed.stories == 1 and collapsed.total == 2
    assert len(collapsed.hits) == 1 and len(every.hits) == 2
    assert collapsed.hits[0].also_published_by  # "also published by …"
    assert collapsed.per_source == {"sample-wasat": 1, "sample-manara": 1}
    # not asked to count: the same hits and outlets, articles counted (exactly, up to TOTAL_CAP), no aggregation
    quick = search("السراج ترامب", settings=indexed, es=es_client)
    assert quick.hits == collapsed.hits and quick.total == 2 and quick.total_exact
    assert quick.stories is None and quick.per_source == {}


def test_phrase_filters_and_highlights(indexed, es_client):
    from pipeline.search import search

    res = search('"المؤسسة الوطنية للنفط"', settings=indexed, es=es_client)
    assert res.total >= 1
    assert all("«" in f and "»" in f for h in res.hits for f in h.highlights)
    assert search('"النفط المؤسسة الوطنية"', settings=indexed, es=es_client).total == 0  # order matters
    oil = search("", topic="oil_energy", settings=indexed, es=es_client)
    assert oil.total >= 1 and all("oil_energy" in h.topics for h in oil.hits)
    by_person = search("", person="فايز السراج", settings=indexed, es=es_client, all_copies=True)
    assert by_person.total >= 2
    by_source = search("ليبيا", source="sample-manara", settings=indexed, es=es_client, all_copies=True, counts=True)
    assert by_source.per_source.keys() == {"sample-manara"}
    assert search("السراج", since="30d", settings=indexed, es=es_client).total == 0  # 2017 story
    with pytest.raises(ValueError, match="since"):
        search("x", since="yesterday", settings=indexed, es=es_client)


def test_cli_search_json(indexed):
    import os

    env = dict(os.environ, ES_URL=indexed.es_url)
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "search", "مصراتة", "--json"], env=env,
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["total"] >= 1 and data["hits"][0]["title"]


# -- ranking, names and recency on documents written for these tests ------------------------------
NOW = datetime.now(UTC)


def _doc(title: str, body: str, *, days: float, source: str = "test-a", cluster: str | None = None,
         persons: tuple[str, ...] = (), places: tuple[str, ...] = (), size: int = 1) -> dict:
    return {"title": title, "body": body, "source_id": source, "source_name": source.upper(),
            "published_at": (NOW - timedelta(days=days)).isoformat(), "canonical_url": f"https://{source}.example/{title}",
            "persons": list(persons), "places": list(places), "orgs": [], "topics": [], "cluster_id": cluster,
            "cluster_size": size, "is_cluster_lead": True, "language": "ar"}


FILLER = ("وتناولت الجلسة ملفات الخدمات العامة والطرق والمياه في البلديات، وقدم المشاركون مقترحات لتحسين أداء "
          "الإدارات المحلية وتسريع صرف الميزانيات المتأخرة منذ العام الماضي. ") * 6
DOCS = {
    "haftar-benghazi": _doc("حفتر يتفقد وحدات الجيش في بنغازي",
                            "تفقد القائد العام خليفة حفتر صباح اليوم وحدات عسكرية في مدينة بنغازي. " + FILLER,
                            days=2, source="test-a", cluster="c-haftar", persons=("خليفة حفتر",), places=("بنغازي",),
                            size=2),
    "haftar-benghazi-copy": _doc("القائد العام يزور معسكرات المدينة",
                                 "تفقد القائد العام خليفة حفتر صباح اليوم وحدات عسكرية في مدينة بنغازي. " + FILLER,
                                 days=1.9, source="test-b", cluster="c-haftar", persons=("خليفة حفتر",),
                                 places=("بنغازي",), size=2),
    # the tagger missed this one: only the text names him
    "haftar-untagged": _doc("لقاء في القاهرة حول المسار العسكري",
                            FILLER + "وقال مصدر إن المشير حفتر أرسل وفدا إلى الاجتماع.", days=20, source="test-c"),
    "clashes-near": _doc("تقرير عن الوضع في العاصمة",
                         "اندلعت اشتباكات عنيفة في طرابلس مساء الأحد بين مجموعتين مسلحتين. " + FILLER,
                         days=5, source="test-a"),
    "clashes-far": _doc("تقرير آخر عن الوضع في العاصمة",
                        "شهدت الأطراف اشتباكات متفرقة مساء الأحد. " + FILLER + "وعاد الهدوء إلى طرابلس صباحا.",
                        days=5, source="test-b"),
    "bank-lead": _doc("اجتماع مالي", "أعلن المصرف المركزي أمس إجراءات جديدة للسيولة. " + FILLER, days=8),
    "bank-deep": _doc("اجتماع اقتصادي", FILLER + "وأعلن المصرف المركزي أمس إجراءات جديدة للسيولة.", days=8,
                      source="test-b"),
    "flood-old": _doc("فيضانات في درنة", "غمرت فيضانات درنة أحياء كاملة وتواصل فرق الإنقاذ البحث عن مفقودين "
                                        "بعد فيضانات العاصفة. " + FILLER, days=60, source="test-a"),
    "flood-new": _doc("أخبار محلية", FILLER + "وتحدث السكان عن فيضانات صغيرة في درنة.", days=1, source="test-b"),
    # a question asking when: the article that gives a year answers it
    "dam-year": _doc("سد وادي المجينين", "سد وادي المجينين جنوب العاصمة اكتمل إنشاؤه سنة 1972 لحماية الأحياء من "
                                         "السيول، وأعيد تأهيل بوابات السد بعد ذلك بسنوات.", days=40, source="test-a"),
    "dam-no-year": _doc("سد وادي المجينين", "سد وادي المجينين يحمي الأحياء من السيول. سد وادي المجينين.",
                        days=40, source="test-b"),
    # a question about something: the text that opens with it (and says what it is) answers it
    "river-lead": _doc("المياه في المدن",
                       "النهر الصناعي هو شبكة أنابيب تنقل المياه الجوفية من آبار الصحراء في الجنوب إلى مدن "
                       "الساحل، بدأ حفر آبارها ومد خطوطها في ثمانينيات القرن الماضي واكتملت مراحلها الأولى "
                       "بعد سنوات من العمل في الصحراء.", days=30, source="test-a"),
    "river-deep": _doc("أعمال صيانة", "وقالت إدارة النهر الصناعي إن صيانة النهر الصناعي ستستمر أسبوعا، وإن "
                                      "خطوط النهر الصناعي إلى المدن ستعمل بعدها.",
                       days=30, source="test-b"),
}


@pytest.fixture(scope="module")
def ranked(es_url):
    """The documents above in an index of their own (the real template), behind its own aliases."""
    from pipeline.config import Settings
    from pipeline.index import ensure_indices, get_client, index_documents

    s = Settings(es_url=es_url, index_prefix="rasdtest-rank")
    es = get_client(s)
    wipe(es, "rasdtest-rank")
    ensure_indices(es, s)
    docs = {i: {**d, "cluster_id": d["cluster_id"] or i} for i, d in DOCS.items()}
    result = index_documents(es, docs, s, refresh=True)
    assert result.failed == 0, result.errors
    yield s, es
    wipe(es, "rasdtest-rank")
    es.close()


def ids(res) -> list[str]:
    return [h.id for h in res.hits]


def test_latin_name_finds_the_arabic_articles_and_says_so(ranked):
    from pipeline.search import search

    s, es = ranked
    latin = search("Haftar", settings=s, es=es, sort="relevance", counts=True)
    arabic = search("حفتر", settings=s, es=es, sort="relevance", counts=True)
    assert set(ids(latin)) == {"haftar-benghazi", "haftar-untagged"} or set(ids(latin)) == {
        "haftar-benghazi-copy", "haftar-untagged"}  # one hit per story; the untagged article through its text
    assert latin.stories == arabic.stories == 2
    assert any("Haftar → خليفة حفتر" in n and "persons" in n for n in latin.notes)
    # Latin names as filters too
    by_tag = search("", person="Hafter", settings=s, es=es, all_copies=True)
    assert set(ids(by_tag)) == {"haftar-benghazi", "haftar-benghazi-copy"}
    assert set(ids(search("", place="Benghazi", settings=s, es=es, all_copies=True))) == set(ids(by_tag))
    with pytest.raises(ValueError, match="no person"):
        search("", person="Nobodyxq", settings=s, es=es)


def test_the_story_once_with_its_best_copy(ranked):
    from pipeline.search import search

    s, es = ranked
    res = search("حفتر بنغازي", settings=s, es=es, sort="relevance")
    story = [h for h in res.hits if h.cluster_id == "c-haftar"]
    assert len(story) == 1 and story[0].id == "haftar-benghazi"  # both words in its title: the best copy
    assert story[0].also_published_by == ["TEST-B"]


def test_words_close_together_rank_higher(ranked):
    from pipeline.search import search

    s, es = ranked
    res = search("اشتباكات طرابلس", settings=s, es=es, sort="relevance")
    assert ids(res)[:2] == ["clashes-near", "clashes-far"]


def test_the_lead_weighs_more_than_the_rest_of_the_body(ranked):
    from pipeline.search import search

    s, es = ranked
    res = search("المصرف المركزي السيولة", settings=s, es=es, sort="relevance")
    assert ids(res)[:2] == ["bank-lead", "bank-deep"]


def test_recency_orders_news_but_not_relevance(ranked):
    from pipeline.search import search

    s, es = ranked
    relevance = search("فيضانات درنة", settings=s, es=es, sort="relevance")
    news = search("فيضانات درنة", settings=s, es=es)
    date = search("فيضانات درنة", settings=s, es=es, sort="date")
    assert ids(relevance)[:2] == ["flood-old", "flood-new"]  # the old story is about the floods
    assert ids(date)[:2] == ["flood-new", "flood-old"]
    # news order: the recency factor moves the old story's score down, by at most its weight
    old = {h.id: h.score for h in relevance.hits}
    new = {h.id: h.score for h in news.hits}
    weight = s.search_recency_weight
    assert new["flood-old"] == pytest.approx(old["flood-old"] * (1 - weight), rel=0.02)
    assert new["flood-new"] == pytest.approx(old["flood-new"], rel=0.02)  # within the day's grace
    # a much better old match still wins; a close one loses to the new story
    assert ids(news)[0] == ("flood-old" if old["flood-old"] * (1 - weight) > old["flood-new"] else "flood-new")


def test_questions_are_not_keyword_queries(ranked):
    """A question (a question word or mark) needs no word in particular and gets no phrase bonus; the
    same words typed as keywords need two of three. Question words in the middle of a query ("من"
    = "from") do not make it a question."""
    from pipeline.search import interpret, search

    assert interpret("متى حدثت فيضانات طرابلس؟").question
    assert interpret("من هو رئيس الحكومة").question and interpret("ومتى بدأت الاشتباكات").question
    assert interpret("كم عدد المفقودين في درنة").question
    assert not interpret("وفد من طرابلس").question and not interpret("اشتباكات طرابلس").question
    s, es = ranked
    question = search("متى حدثت فيضانات طرابلس؟", settings=s, es=es, sort="relevance")
    keywords = search("حدثت فيضانات طرابلس", settings=s, es=es, sort="relevance")
    assert keywords.hits == []  # no article has two of the three words
    assert {"flood-old", "flood-new", "clashes-near", "clashes-far"} <= set(ids(question))


def test_when_questions_favour_an_article_with_a_year(ranked):
    """متى asks for a date: among articles that match the words alike, one with a year (4 digits) comes
    first; without that bonus the article repeating the words would. Keyword queries get no such bonus."""
    from pipeline.search import Ranking, build_query

    s, es = ranked
    question = "متى أنشئ سد وادي المجينين؟"

    def top(text: str, ranking: Ranking | None = None) -> list[str]:
        query = build_query(text, sort="relevance", ranking=ranking or Ranking())
        return [h["_id"] for h in es.search(index=s.articles_alias, query=query, size=2)["hits"]["hits"]]

    assert top(question, Ranking(when_year_boost=0.0)) == ["dam-no-year", "dam-year"]
    assert top(question) == ["dam-year", "dam-no-year"]
    assert "regexp" not in json.dumps(build_query("سد وادي المجينين 1972", sort="relevance"))


def test_questions_favour_a_text_that_opens_with_their_subject(ranked):
    """A question's words among a text's first words (and then هو/هي: a definition) make it the answer;
    without these bonuses the text repeating the words comes first. Keyword queries get no such bonus."""
    from pipeline.search import Ranking, build_query

    s, es = ranked

    def top(text: str, ranking: Ranking | None = None) -> list[str]:
        query = build_query(text, sort="relevance", ranking=ranking or Ranking())
        return [h["_id"] for h in es.search(index=s.articles_alias, query=query, size=2)["hits"]["hits"]]

    question = "ما هو النهر الصناعي؟"
    assert top(question, Ranking(opening_boost=0.0, definition_boost=0.0)) == ["river-deep", "river-lead"]
    assert top(question) == ["river-lead", "river-deep"]
    assert top(question, Ranking(opening_boost=0.0, definition_boost=0.3))[0] == "river-lead"  # "X هو …" alone
    assert top("ما الذي يجري بالنهر؟")[0] == "river-lead"  # the word without its proclitic, with the article
    assert "span_first" not in json.dumps(build_query("النهر الصناعي", sort="relevance"))
    assert "span_first" not in json.dumps(build_query("ما هو؟", sort="relevance"))  # no subject: no bonus
    pasted = " ".join(f"كلمة{i}" for i in range(40))  # a pasted paragraph: only its first words get the bonuses
    assert json.dumps(build_query(pasted, sort="relevance")).count("span_first") == 2 * Ranking().subject_max_words


def test_question_frames_are_not_searched_keywords_unchanged():
    """In a question, words that only frame it (اسم، عام، عدد …: data/search/question_frames.txt) are not
    searched, unless nothing else is left; any two question words close together score a bonus, while a
    keyword query keeps its words and its proximity pairs of neighbours (slop 3)."""
    from pipeline.search import Ranking, build_query

    def phrases(query: dict) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                mm = node.get("multi_match")
                if isinstance(mm, dict) and mm.get("type") == "phrase" and "slop" in mm:
                    out.append((mm["query"], mm["slop"]))
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(query)
        return out

    question = json.dumps(build_query("ما اسم رئيس المجلس البلدي في غريان؟", sort="relevance"), ensure_ascii=False)
    assert '"اسم"' not in question and '"رئيس"' in question
    assert '"عام؟"' in json.dumps(build_query("في أي عام؟", sort="relevance"), ensure_ascii=False)  # nothing else
    assert '"عام"' in json.dumps(build_query("عام الرمادة", sort="relevance"), ensure_ascii=False)
    kept = json.dumps(build_query("ما اسم غريان؟", sort="relevance", ranking=Ranking(drop_question_frames=False)),
                      ensure_ascii=False)
    assert '"اسم"' in kept
    assert phrases(build_query("اشتباكات مسلحة جنوب المدينة", sort="relevance")) == [
        ("اشتباكات مسلحة", 3), ("مسلحة جنوب", 3), ("جنوب المدينة", 3)]
    assert sorted(phrases(build_query("لماذا اندلعت اشتباكات المدينة", sort="relevance"))) == sorted([
        ("اندلعت اشتباكات", 5), ("اندلعت المدينة", 5), ("اشتباكات المدينة", 5)])


def test_build_query_inside_another_bool(ranked):
    """Watchlists wrap build_query in their own bool; Latin names and filters survive it."""
    from pipeline.search import build_query

    s, es = ranked
    query = {"bool": {"must": [build_query("Haftar", place="بنغازي")],
                      "filter": [{"term": {"source_id": "test-b"}}]}}
    hits = es.search(index=s.articles_alias, query=query)["hits"]["hits"]
    assert [h["_id"] for h in hits] == ["haftar-benghazi-copy"]


def test_the_request_lets_lucene_skip(ranked):
    """Without ``counts`` the request has no aggregation and counts articles up to TOTAL_CAP; no
    collapse (stories are folded from FOLD_FACTOR × size hits) and no highlight (asked for the hits
    shown, after): neither stops Lucene from skipping; the bonuses and recency rescore the top window."""
    import pipeline.search as ps

    body = ps.search_body("حفتر بنغازي")
    assert "aggs" not in body and body["track_total_hits"] == ps.TOTAL_CAP
    assert "collapse" not in body and "highlight" not in body and body["size"] == ps.FOLD_MIN
    words = ps.search_body("اشتباكات عنيفة")  # bonuses (all words, proximity), then the recency factor
    assert [r["window_size"] for r in words["rescore"]] == [ps.RESCORE_WINDOW] * 2
    counted = ps.search_body("حفتر بنغازي", counts=True)
    assert counted["track_total_hits"] is True and set(counted["aggs"]) == {"per_source", "stories"}


# -- an index crowded with one word: more matches than TOTAL_CAP, one story in many copies -----------
FLOOD_COPIES = 45  # copies of one story, more than the FOLD_MIN hits of a first fetch
FLOOD_OTHERS = 10_000  # other articles naming the word once


@pytest.fixture(scope="module")
def crowded(es_url):
    from elasticsearch import helpers

    from pipeline.config import Settings
    from pipeline.index import ensure_indices, get_client

    s = Settings(es_url=es_url, index_prefix="rasdtest-crowd")
    es = get_client(s)
    wipe(es, "rasdtest-crowd")
    ensure_indices(es, s)
    story = _doc("السيول تغمر الأحياء", "غمرت السيول أحياء المدينة ليلا وقطعت السيول الطرق. " + FILLER, days=3,
                 cluster="c-flood", size=FLOOD_COPIES)
    docs = {f"copy-{i:02d}": {**story, "source_id": f"outlet-{i}", "source_name": f"OUTLET-{i}"}
            for i in range(FLOOD_COPIES)}
    for i in range(FLOOD_OTHERS):
        docs[f"other-{i:05d}"] = _doc(f"تقرير محلي رقم {i}", FILLER + " وذكر التقرير السيول عرضا.", days=10 + i % 50,
                                      cluster=f"c-other-{i}")
    ok, errors = helpers.bulk(es, ({"_index": s.articles_write_alias, "_id": i, "_source": d} for i, d in docs.items()),
                              chunk_size=2000, raise_on_error=False, refresh=True)
    assert ok == len(docs), errors[:3]
    yield s, es
    wipe(es, "rasdtest-crowd")
    es.close()


def test_totals_are_counted_up_to_the_cap_unless_asked(crowded):
    """Past TOTAL_CAP matching articles the total says "at least"; ``counts`` counts them all."""
    from pipeline.search import TOTAL_CAP, search

    s, es = crowded
    quick = search("السيول", settings=s, es=es)
    assert quick.total == TOTAL_CAP and not quick.total_exact and len(quick.hits) == 10
    exact = search("السيول", settings=s, es=es, counts=True)
    assert exact.total == FLOOD_COPIES + FLOOD_OTHERS and exact.total_exact
    assert exact.stories == 1 + FLOOD_OTHERS


def test_snippets_mark_the_words_and_the_arabic_spellings_of_a_latin_name(ranked):
    from pipeline.search import search

    s, es = ranked
    res = search("Haftar", settings=s, es=es, sort="relevance")
    assert res.hits and all("«حفتر»" in " ".join(h.highlights) for h in res.hits)
    words = search("اشتباكات طرابلس", settings=s, es=es, sort="relevance")
    assert "«اشتباكات»" in " ".join(words.hits[0].highlights) and "«طرابلس»" in " ".join(words.hits[0].highlights)


def test_since_out_of_range_is_a_clear_error(ranked):
    from pipeline.search import search

    s, es = ranked
    for bad in ("99999999999y", "40000d", "-3d", "3x", ""):
        if bad:
            with pytest.raises(ValueError, match="--since"):
                search("حفتر", since=bad, settings=s, es=es)
    assert search("حفتر", since="36500d", settings=s, es=es, counts=True).stories == 2  # a century: accepted


PIECES = [*"حفترطرابلسالمصرفيودبة ءئؤًٌٍَُِّْـ\"«»()[]{}*?~:/\\^!-+&|<>=\u200f\n",
          "Haftar", "Sirte", "UN", " AND ", " OR ", "ال", "و", "طرابلس", "المصرف"]
JUNK = list("\"«»()[]{}*?~:/\\^!-+&|<>=،؛؟.\u200f ")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=st.lists(st.sampled_from(PIECES), max_size=15).map("".join),
       junk=st.lists(st.sampled_from(JUNK), max_size=6).map("".join))
def test_fuzz_any_query_text_gets_an_answer(ranked, text, junk):
    """Whatever is typed, Elasticsearch never refuses the query (no 400, no exception), and
    punctuation around a name does not lose its story."""
    from pipeline.search import search

    s, es = ranked
    res = search(text, settings=s, es=es, size=5, counts=True)
    assert 0 <= len(res.hits) <= 5 and (res.stories or 0) <= len(DOCS)
    named = search(f"{junk} Haftar {junk}", settings=s, es=es, size=5, sort="relevance")
    assert "c-haftar" in [h.cluster_id for h in named.hits[:2]]


def test_cli_prints_the_latin_interpretation(ranked):
    import os

    s, _ = ranked
    env = dict(os.environ, ES_URL=s.es_url, RASD_INDEX_PREFIX=s.index_prefix, COLUMNS="200")
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "search", "Haftar", "--sort", "relevance", "--counts"],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert "Haftar → خليفة حفتر (person: Khalifa Haftar)" in out and "2 stories (3 articles)" in out
    quick = subprocess.run([sys.executable, "-m", "pipeline.cli", "search", "Haftar", "--sort", "relevance"], env=env,
                           capture_output=True, text=True, check=True).stdout
    assert "3 articles for Haftar" in quick and "stories" not in quick.split("\n\n")[0]
    one = subprocess.run([sys.executable, "-m", "pipeline.cli", "search", '"اشتباكات عنيفة"', "--counts"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert "1 story (1 article) for" in one
    bad = subprocess.run([sys.executable, "-m", "pipeline.cli", "search", "x", "--since", "99999999999y"], env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "--since" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("sort", ["news", "relevance"])
@pytest.mark.parametrize("text", ["اشتباكات طرابلس", "المصرف المركزي السيولة", "فيضانات درنة", "Haftar بنغازي",
                                  "حفتر بنغازي", "متى حدثت فيضانات طرابلس؟", '"المصرف المركزي" إجراءات'])
def test_the_rescored_request_ranks_as_the_whole_query(ranked, text, sort):
    """``rasd search`` adds the bonuses and the recency factor in a rescore of the top window: there the
    scores equal those of build_query's whole query (what watchlists use), so the order is the same."""
    from pipeline.search import build_query, search

    s, es = ranked
    now = datetime.now(UTC)
    whole = es.search(index=s.articles_alias, query=build_query(text, sort=sort, now=now), size=20)["hits"]["hits"]
    got = search(text, settings=s, es=es, sort=sort, all_copies=True, size=20)
    assert [h.id for h in got.hits] == [h["_id"] for h in whole]
    for h, w in zip(got.hits, whole, strict=True):
        assert h.score == pytest.approx(w["_score"], rel=1e-3)


def test_stories_with_many_copies_are_folded_from_a_deeper_fetch(crowded):
    """The first FOLD_MIN hits are all copies of one story: the request is made deeper until there are
    enough stories, and the stories come in the order of their best copies."""
    from pipeline.search import FOLD_MIN, search

    s, es = crowded
    every = search("السيول", settings=s, es=es, sort="relevance", all_copies=True, size=FLOOD_COPIES + 5)
    assert {h.cluster_id for h in every.hits[:FOLD_MIN]} == {"c-flood"}  # the first fetch holds one story
    folded = search("السيول", settings=s, es=es, sort="relevance", size=3)
    firsts: dict[str, str] = {}
    for h in every.hits:
        firsts.setdefault(h.cluster_id, h.id)
    assert len(folded.hits) == 3 and ids(folded) == list(firsts.values())[:3]
    assert folded.hits[0].cluster_id == "c-flood" and len(folded.hits[0].also_published_by) == 10
