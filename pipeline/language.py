"""Language identification on the extracted body.

A script gate runs first: letters only Persian or Urdu use (پ چ ژ گ ک ی ے)
send a text to ``fa`` / ``ur`` whatever langdetect says; a body whose letters
are ≥ 90 % basic Arabic with no letters of other Arabic-script languages is
``ar`` by script (its probability = that share); everything else goes to
langdetect, seeded once, on the body (short mixed Latin/Arabic text flips, so
titles are never used alone).  Text below a minimum length, or with no letters, is
``und``.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect_langs

from pipeline.models import LanguageInfo

DetectorFactory.seed = 0

_URDU = re.compile("[\u06d2\u06ba\u0679\u0688\u0691]")  # ے ں ٹ ڈ ڑ
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")  # پ چ ژ گ ک ی
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# letters of Persian, Urdu, Kurdish, Pashto, Sindhi, Uyghur … (U+0671–U+06D3 minus ٱ): not Arabic
_OTHER_ARABIC_SCRIPT = re.compile("[\u0672-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str, *, min_chars: int = 40) -> LanguageInfo:
    sample = (text or "")[:5000]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return LanguageInfo(lang="und", prob=0.0, reason="no letters")
    urdu = len(_URDU.findall(sample))
    persian = len(_PERSIAN.findall(sample))
    arabic = len(_ARABIC_LETTER.findall(sample))
    if arabic and (urdu + persian) / max(arabic, 1) > 0.01 and urdu + persian >= 3:
        # letters only Urdu uses (ے ں ٹ ڈ ڑ) decide between the two; the rest is shared
        lang = "ur" if urdu >= 2 else "fa"
        return LanguageInfo(lang=lang, prob=1.0, reason="script gate: Persian/Urdu letters")
    if letters < min_chars:
        return LanguageInfo(lang="und", prob=0.0, reason=f"too short ({letters} letters)")
    # Script fast path: a body whose letters are almost all basic Arabic (U+0621–U+064A) and
    # that has no letters of other Arabic-script languages is Arabic; langdetect (5 ms a page,
    # more than extraction) is asked only about everything else.
    other_script = len(_OTHER_ARABIC_SCRIPT.findall(sample))
    if arabic / letters >= 0.9 and other_script <= max(1, arabic // 500):
        return LanguageInfo(lang="ar", prob=round(arabic / letters, 4), reason="script: Arabic letters")
    try:
        best = detect_langs(sample)[0]
    except LangDetectException as exc:
        return LanguageInfo(lang="und", prob=0.0, reason=f"langdetect: {exc}")
    return LanguageInfo(lang=str(best.lang), prob=round(float(best.prob), 4), reason="langdetect")
