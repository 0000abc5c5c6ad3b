"""Language identification on the body: script gate, minimum length, no letters."""

from pipeline.language import detect_language

ARABIC = ("أعلنت المؤسسة الوطنية للنفط في طرابلس استئناف الإنتاج في حقل الشرارة بعد توقف دام أسبوعين، "
          "مؤكدة أن الصادرات ستعود إلى مستواها المعتاد خلال الأيام المقبلة.")
PERSIAN = ("وزارت امور خارجه ایران روز یکشنبه اعلام کرد که گفتگوها با کشورهای همسایه درباره پیمان "
           "همکاری اقتصادی ادامه خواهد یافت و نتیجه آن به زودی گزارش می‌شود.")
URDU = ("پاکستان کے وزیر خارجہ نے کہا ہے کہ لیبیا میں پھنسے ہوئے شہریوں کی واپسی کے لیے خصوصی پروازیں "
        "چلائی جائیں گی اور سفارت خانہ ان سے رابطے میں ہے۔")
ENGLISH = ("The National Oil Corporation said on Sunday that production at the Sharara field resumed after "
           "a two-week shutdown caused by protests in the south of the country.")


def test_arabic_body_is_arabic_with_probability():
    info = detect_language(ARABIC)
    assert info.lang == "ar" and info.prob > 0.9


def test_script_gate_sends_persian_and_urdu_away_from_arabic():
    assert detect_language(PERSIAN).lang == "fa"
    assert detect_language(URDU).lang == "ur"
    assert "script gate" in (detect_language(PERSIAN).reason or "")


def test_other_languages_and_degenerate_text():
    assert detect_language(ENGLISH).lang == "en"
    assert detect_language("").lang == "und"
    assert detect_language("12345 !!! ---").reason == "no letters"
    assert detect_language("ليبيا").lang == "und"  # too short to decide
    # mixed Latin/Arabic: the Arabic body wins
    assert detect_language(ARABIC + " NOC Sharara Reuters").lang == "ar"


def test_deterministic():
    assert len({detect_language(ARABIC + " OK").prob for _ in range(5)}) == 1
