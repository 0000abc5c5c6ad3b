"""Language identification on the extracted body.

A script gate runs first: letters only Persian or Urdu use (پ چ ژ گ ک ی ے)
send a text to ``fa`` / ``ur`` whatever langdetect says; then langdetect,
seeded once, on the body (short mixed Latin/Arabic text flips, so titles are
never used alone).  Text below a minimum length, or with no letters, is
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
    try:
        best = detect_langs(sample)[0]
    except LangDetectException as exc:
        return LanguageInfo(lang="und", prob=0.0, reason=f"langdetect: {exc}")
    return LanguageInfo(lang=str(best.lang), prob=round(float(best.prob), 4), reason="langdetect")
