"""Boilerplate patterns as data (pipeline/data/boilerplate.yaml): each drops what it names, none cuts an
article's own sentences that hold the same words, DOM rules remove chrome and keep text, bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from pipeline import boilerplate as bp
from pipeline.extract import extract

ALL = bp.load_patterns(include_disabled=True)
SPECS = yaml.safe_load(bp.DATA.read_text(encoding="utf-8"))["line_patterns"]
EXAMPLES = [(s["id"], line) for s in SPECS for line in s.get("drops", [])]

# sentences of an article (written for this test) that hold the words the patterns look for
PROSE = [
    "قال الوزير إن على المواطنين أن يقرأوا أيضا التعليمات قبل السفر إلى الخارج خلال العطلة.",
    "وأكد المتحدث أن جميع الحقوق محفوظة للمتضررين وفق القانون، وأن الحكومة ستعوضهم خلال أشهر.",
    "شارك في الاجتماع ممثلون عن البلديات والوزارات المعنية ومنظمات المجتمع المدني.",
    "شاهد أيضا الحضور عرضا مسرحيا عن تاريخ المدينة القديمة وأسوارها.",
    "تابع أكثر من 3 ملايين مشاهد الحلقة الأخيرة من البرنامج على يوتيوب خلال يومين.",
    "وتابعونا نحن الصحفيين بالأسئلة عبر الهاتف حتى ساعة متأخرة من الليل، قال المسؤول مبتسما.",
    "صورة الرئيس معلقة في كل مكان.",
    "في 21 يوليو 2015 بدأ الإضراب.",
    "منذ ساعتين بدأ الاجتماع في مقر الحكومة بطرابلس بحضور عدد من الوزراء والمسؤولين المحليين.",
    "ويمنع القانون نسخ الوثائق الرسمية دون إذن من الجهات المختصة، وفق ما أكده المسؤول.",
    "وأضاف أن المزيد من الأخبار السارة ستعلن الأسبوع المقبل بعد اكتمال المشاورات بين الأطراف.",
    "أكدت الوزارة أن التعليقات التي وردت على مشروع القانون تجاوزت ألف تعليق من المواطنين.",
    "ودعا الأهالي إلى الاشتراك في النشرة الصحية التي تصدرها البلدية كل أسبوع، لما فيها من إرشادات.",
    "نشر بتاريخ سابق تقرير يتحدث عن ارتفاع الأسعار في الأسواق المحلية بنسبة كبيرة هذا العام.",
    "وقال إن الصفحة 3 من التقرير تتحدث عن الموازنة، وإن الصفحة الأخيرة تضم التوصيات.",
    "العقل قد يعلو بك أعلى الرتب. • والصبر مفتاح الفرج. | والطريق إلى النجاح طويل.",
]


@pytest.mark.parametrize(("pid", "line"), EXAMPLES, ids=[f"{p}:{i}" for i, (p, _) in enumerate(EXAMPLES)])
def test_pattern_drops_its_examples(pid: str, line: str) -> None:
    only = bp.Filters(lines=frozenset({pid}))
    assert bp.line_verdicts(line, filters=only, pats=ALL) == [(line, pid)]


def test_every_line_pattern_with_a_regex_has_examples() -> None:
    without = [s["id"] for s in SPECS if s["kind"] not in ("headline", "byline") and not s.get("drops")]
    assert not without


@pytest.mark.parametrize("sentence", PROSE)
def test_article_sentences_holding_the_words_are_kept(sentence: str) -> None:
    assert bp.line_verdicts(sentence, pats=ALL) == [(sentence, None)]


def test_article_with_the_words_survives_extraction_while_chrome_goes() -> None:
    half = len(PROSE) // 2
    first, second = ("".join(f"<p>{s}</p>" for s in part) for part in (PROSE[:half], PROSE[half:]))
    html = (
        '<html lang="ar" dir="rtl"><head><title>خبر تجريبي | الموقع</title></head><body>'
        '<nav><a href="/">الرئيسية</a> <a href="/s">سياسة</a></nav>'
        f'<article><h1>خبر تجريبي</h1><div class="body">{first}'
        '<p><strong>اقرأ أيضاً:</strong> <a href="/x">عنوان خبر آخر لا علاقة له بالموضوع</a></p>'
        f"{second}<p>جميع الحقوق محفوظة © 2015 الموقع</p>"
        "<p>تابعوا آخر الأخبار العاجلة عبر قناتنا على تيليجرام</p></div></article></body></html>"
    )
    text = extract(html).text
    for sentence in PROSE:
        assert sentence in text
    for chrome in ("عنوان خبر آخر", "جميع الحقوق محفوظة ©", "قناتنا على تيليجرام"):
        assert chrome not in text


def test_headline_and_byline_lines_go_only_at_the_top() -> None:
    text = "\n".join(["سياسة", "عنوان الخبر", "أحمد علي - طرابلس", "نص الخبر الأول عن الاجتماع.",
                      "أحمد علي - طرابلس قال إن الاجتماع انتهى."])
    verdicts = bp.line_verdicts(text, ("عنوان الخبر",), author="أحمد علي - طرابلس")
    assert [v for _, v in verdicts] == ["headline", "headline", "byline", None, None]


def test_bulleted_list_after_a_bare_teaser_label_goes() -> None:
    text = "الفقرة الأولى.\nاقرأ أيضاً:\n- عنوان أول\n- عنوان ثان\nالفقرة الثانية.\n- نقطة من الخبر بعد فقرة"
    kept = bp.clean_body(text).splitlines()
    assert kept == ["الفقرة الأولى.", "الفقرة الثانية.", "- نقطة من الخبر بعد فقرة"]


def test_filters_switch_patterns_off() -> None:
    line = "جميع الحقوق محفوظة © 2015 الموقع"
    assert bp.clean_body(line) == ""
    assert bp.clean_body(line, filters=bp.Filters(lines=frozenset())) == line


def test_disabled_patterns_stay_out_of_extraction(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        "line_patterns:\n  - {id: a, kind: contains, regex: 'حقوق', max_tokens: 5, enabled: false}\n"
        "  - {id: b, kind: prefix, regex: 'شارك', max_tokens: 5}\ndom_rules: {}\n",
        encoding="utf-8",
    )
    assert bp.load_patterns(path).line_ids == ("b",)
    assert bp.load_patterns(path, include_disabled=True).line_ids == ("a", "b")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("line_patterns:\n  - {id: x, kind: prefix, regex: '(unclosed'}\n", "x: bad regex"),
        ("line_patterns:\n  - {id: y, kind: nonsense}\n", "needs an id and a kind"),
        ("line_patterns:\n  - {id: z, kind: contains}\n", "z: kind contains needs a regex"),
        ("line_patterns: []\ndom_rules: {unknown_rule: {}}\n", "unknown DOM rules"),
        ("- just a list\n", "expected a mapping"),
        ("line_patterns:\n  - {id: d, kind: words, words: [a]}\n  - {id: d, kind: words, words: [b]}\n", "duplicate"),
    ],
)
def test_bad_patterns_file_fails_clearly(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(bp.BoilerplateError, match=message):
        bp.load_patterns(path)


# ---------------------------------------------------------------------------
# DOM rules


def _tree(body: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f'<html dir="rtl"><body><article>{body}</article></body></html>')


def _text(tree: lxml_html.HtmlElement) -> str:
    return " ".join(tree.text_content().split())


def test_link_only_blocks_and_cards_go_linked_words_in_prose_stay() -> None:
    tree = _tree(
        '<p>نص الخبر الأول الذي يذكر <a href="/a">وزارة الصحة</a> في سياقه.</p>'
        '<p><a href="/b">عنوان خبر آخر مدرج في النص</a></p>'
        '<a class="card" href="/c"><div><span>اقرأ المزيد</span><h4>عنوان بطاقة أخرى</h4></div></a>'
        "<p>الفقرة الأخيرة من الخبر.</p>"
    )
    done = bp.prepare(tree, bp.Filters(dom=frozenset({"link_only_block"})))
    text = _text(tree)
    assert done == {"link_only_block": 2}
    assert "وزارة الصحة" in text and "الفقرة الأخيرة" in text
    assert "عنوان خبر آخر" not in text and "عنوان بطاقة أخرى" not in text


def test_figure_captions_go_a_paragraph_with_an_image_stays() -> None:
    tree = _tree(
        '<div class="media"><img src="/a.jpg"><p>صورة أرشيفية</p></div>'
        '<p><img src="/b.jpg"> فقرة قصيرة فيها صورة.</p>'
        "<p>نص الخبر.</p>"
    )
    bp.prepare(tree, bp.Filters(dom=frozenset({"figure_captions"})))
    text = _text(tree)
    assert "صورة أرشيفية" not in text
    assert "فقرة قصيرة فيها صورة." in text and "نص الخبر." in text


def test_embedded_tweets_and_marquee_tickers_go() -> None:
    tree = _tree(
        '<marquee><a href="/1">عنوان</a> ••• <a href="/2">عنوان آخر</a></marquee>'
        '<p>نص الخبر.</p><blockquote class="twitter-tweet"><p>تغريدة</p></blockquote>'
        "<blockquote><p>اقتباس من نص الخبر.</p></blockquote>"
    )
    bp.prepare(tree, bp.Filters(dom=frozenset({"embeds"})))
    text = _text(tree)
    assert "نص الخبر." in text and "اقتباس من نص الخبر." in text
    assert "عنوان" not in text and "تغريدة" not in text
