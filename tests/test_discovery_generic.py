"""Name discovery, stop 40 (helper G): an organization the day also prints as an indefinite description is no name
(``indefinite_form``), nor a definite head + an adjective in ية that is a small share of the head's mentions
(``head_share``: ``pipeline.discovery_generic``). Pure: no Elasticsearch.

Fixture sentences are written for these tests; the companies and persons in them are invented."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline import discovery_generic
from pipeline.discovery import KnownNames, name_key
from pipeline.discovery_generic import described, indefinite, minor
from pipeline.discovery_scan import tokenize
from pipeline.normalize import normalize
from tests.discovery_day import all_rules_on, keys_with_rules

TABLES = {"indefinite_form": discovery_generic.RULES, "head_share": discovery_generic.RULES}
KNOWN = KnownNames(["سالم الحربي"], kinds={"سالم الحربي": "person"})

DAY = (
    "أعلنت شركة الإنتاج أن تصوير المسلسل يبدأ الشهر المقبل في جدة .",
    "وقالت شركة الإنتاج إن الميزانية تضاعفت هذا العام .",
    "أسس الممثل شركة إنتاج فنية جديدة في القاهرة .",
    "تعاقدت القناة مع شركة إنتاج سينمائي لتقديم البرنامج .",
    "أعلنت شركة الندى القابضة أرباحها الفصلية أمس .",
    "وقالت شركة الندى القابضة إن المبيعات ارتفعت .",
    "ارتفع سهم شركة الندى القابضة في ختام التداول .",
)


def key(name: str) -> str:
    return name_key(tuple(normalize(name).split()))


def words(name: str) -> tuple[str, ...]:
    return tuple(key(name).split())


@pytest.fixture()
def rules_on():
    yield from all_rules_on(TABLES)


def test_the_rule_is_on_by_default():
    assert discovery_generic.RULES == {"indefinite_form": True, "head_share": True}


def test_the_indefinite_form_drops_every_article_and_leaves_a_name_taking_it_by_choice(rules_on):
    times = Counter({key("الإنتاج"): 5, key("إنتاج"): 3, key("الواشنطن"): 1, key("واشنطن"): 9})
    assert indefinite(words("شركة الإنتاج"), times) == words("شركة إنتاج")
    assert indefinite(words("الشركة الراعية"), times) == words("شركة راعية")
    assert indefinite(words("صحيفة الواشنطن بوست"), times) is None  # واشنطن: printed bare 9 times, 1 with ال
    assert indefinite(words("الجيش البوروندي"), times) is None  # جيش بوروندي: Burundi's army, the same body
    times[key("إنتاج")] = 30  # bare more than NAME_RATIO times as often as with an article (5 الإنتاج + 3 للإنتاج)
    times[key("للإنتاج")] = 3
    assert indefinite(words("شركة الإنتاج"), times) == words("شركة إنتاج")  # 30 <= 4 × 8
    times[key("إنتاج")] = 33
    assert indefinite(words("شركة الإنتاج"), times) is None
    assert indefinite(words("شركة أرامكو"), times) is None  # no article: nothing to compare


def test_a_phrase_printed_indefinite_in_two_documents_is_a_description(rules_on):
    tokenized = [tokenize(t) for t in DAY]
    times = Counter(w for t in tokenized for w in t.norm)
    cands = {key(n): words(n) for n in ("شركة الإنتاج", "شركة الندى القابضة")}
    assert described(cands, tokenized, times) == {key("شركة الإنتاج")}
    assert described(cands, tokenized, times, min_docs=3) == set()  # شركة إنتاج: two documents
    assert described(cands, tokenized[:3], times) == set()  # one document


def test_the_day_drops_the_description_and_keeps_the_name(rules_on):
    orgs = keys_with_rules(TABLES, DAY, KNOWN, "org")
    assert key("شركة الإنتاج") not in orgs
    assert key("شركة الندى القابضة") in orgs
    assert key("شركة الإنتاج") in keys_with_rules(TABLES, DAY, KNOWN, "org", off=("indefinite_form",))


SPONSOR = (
    "شكرت اللجنة المنظمة الشركة الراعية للمهرجان على دعمها .",
    "وقالت الشركة الراعية إن الجوائز تسلم غدا .",
    *(f"أعلنت الشركة أرباحها للربع رقم {i} من العام ." for i in range(30)),
    "قالت المفوضية الأوروبية إن المحادثات مستمرة .",
    "ورحبت المفوضية الأوروبية بالاتفاق أمس .",
    "وأضافت المفوضية أن الوفد يصل غدا .",
)


def test_a_definite_head_and_an_adjective_that_is_a_small_share_of_the_head_is_a_description(rules_on):
    tokenized = [tokenize(t) for t in SPONSOR]
    cands = {key(n): words(n) for n in ("الشركة الراعية", "المفوضية الأوروبية", "شركة الإنتاج", "الجيش النيجيري")}
    # الشركة: 32 mentions, 2 of them الشركة الراعية (6 % < 10 %); المفوضية: 3, 2 of them with الأوروبية
    assert minor(cands, tokenized) == {key("الشركة الراعية")}
    assert minor(cands, tokenized, share=0.05) == set()
    orgs = keys_with_rules(TABLES, SPONSOR, KNOWN, "org")
    assert key("الشركة الراعية") not in orgs and key("المفوضية الأوروبية") in orgs
    assert key("الشركة الراعية") in keys_with_rules(TABLES, SPONSOR, KNOWN, "org", off=("head_share",))
