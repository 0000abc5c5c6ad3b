"""Name discovery quality: hidden names come back? (recall in the top 100, precision@100)

    .venv/bin/python bench/discovery_eval.py --corpus ../shared/corpus/saudinewsnet [--part test] \\
        [--es-url http://127.0.0.1:9261]

Set-up. The corpus (SaudiNewsNet, Saudi and regional news of July–August 2015) is not Libyan, and
Rasd's gazetteers know Libya's names, so a gazetteer for the corpus' own news is simulated: the
evaluation gazetteer is Rasd's gazetteers plus ``SUPPLEMENT`` below (persons and organizations
prominent in that news, written for this benchmark from general knowledge, as a newsroom's
gazetteer would start). From that universe, ``HIDDEN`` (40 persons, 20 organizations) are removed
before discovery runs: entities mentioned (a full alias, whole words) in at least 5 articles of at
least 3 outlets in the test days, drawn at random (seed 19) by ``choose_hidden`` (``--choose``
prints the draw; the lists below are its output, so a reader can check the rule). Everything else
in the universe is known, as a deployment's gazetteer knows yesterday's names.

Run. The part's days (``dev``: 2015-07-21 .. 2015-08-01, on which the cue lists, stop lists and
score of ``pipeline/data/discovery/`` and ``pipeline/name_suggestions.py`` were chosen; ``test``: 2015-08-02 ..
2015-08-11, not looked at while choosing them) are indexed as article documents (real clusters,
as in bench/trends.py) and replayed day by day through ``pipeline.name_suggestions.update_day`` (the daily pass
of the digest DAG, into a real ``rasd-names`` index), then ``pipeline.name_suggestions.suggest`` ranks persons
and organizations as of the last day (window 30 days).

Scores, over the top 100 suggestions (persons and organizations, the kinds hidden):
* recall: hidden entities whose name (an alias, or the start / first-and-last words of one) is a
  suggestion of the right kind;
* precision@100: suggestions that are real names of the kind suggested, by ``LABELS`` (written by
  reading the suggestions and their contexts; a suggestion not in ``LABELS`` counts as wrong and is
  printed). Also printed: the same for places (not hidden, so precision only).

``--universe extended`` also makes known every labelled real person / organization the universe lacks
(``SUPPLEMENT_FROM_LABELS_FILE``, frozen; never drawn as hidden): a gazetteer for this corpus would know
those prominent names. The default ``base`` gives the earlier figures unchanged. ``--universe full`` is the base
universe + ``SUPPLEMENT_2`` (bench/discovery_supplement_2.py: 503 more entities of that news, written from general
knowledge, not from discovery's output) + the labels supplement regenerated against it
(``SUPPLEMENT_FROM_LABELS_FULL_FILE``); the fifth hidden list is drawn from base + SUPPLEMENT_2 and runs with it.
``--universe wide`` is the full universe + ``SUPPLEMENT_3`` (bench/discovery_supplement_3.py: 659 more entities of that
news, written from general knowledge, not from discovery's output or the labels) + the labels supplement regenerated
against it (``SUPPLEMENT_FROM_LABELS_WIDE_FILE``); the seventh hidden list is drawn from full + SUPPLEMENT_3 and runs
with it. ``base``, ``extended`` and ``full`` are unchanged by it. ``--universe wider`` is the wide universe +
``SUPPLEMENT_4`` (bench/discovery_supplement_4.py: 645 more entities of that news, written the same way) + the labels
supplement regenerated against it (``SUPPLEMENT_FROM_LABELS_WIDER_FILE``); the ninth hidden list is drawn from wide +
SUPPLEMENT_4 and runs with it. ``base``, ``extended``, ``full`` and ``wide`` are unchanged by it. ``--universe widest`` is
the wider universe + ``SUPPLEMENT_5`` (bench/discovery_supplement_5.py: 887 more entities of that news, written the same
way) + the labels supplement regenerated against it (``SUPPLEMENT_FROM_LABELS_WIDEST_FILE``); the tenth hidden list is
drawn from wider + SUPPLEMENT_5 and runs with it. ``base``, ``extended``, ``full``, ``wide`` and ``wider`` are unchanged
by it. ``--universe broadest`` is the widest universe + ``SUPPLEMENT_6`` (bench/discovery_supplement_6.py and _6b.py:
1,275 more entities of that news, written the same way) + the labels supplement regenerated against it
(``SUPPLEMENT_FROM_LABELS_BROADEST_FILE``); the twelfth hidden list is drawn from widest + SUPPLEMENT_6 and runs with it.
The earlier universes are unchanged by it. ``--universe largest`` is the broadest universe + ``SUPPLEMENT_7``
(bench/discovery_supplement_7.py and _7b.py: more entities of that news, written the same way) + the labels supplement
regenerated against it (``SUPPLEMENT_FROM_LABELS_LARGEST_FILE``); the fourteenth hidden list is to be drawn from broadest +
SUPPLEMENT_7 and run with it. The earlier universes are unchanged by it. ``--universe vast`` is the largest universe +
``SUPPLEMENT_8`` (bench/discovery_supplement_8.py, _8b.py and _8c.py: more entities of that news, written the same way)
+ the labels supplement regenerated against it (``SUPPLEMENT_FROM_LABELS_VAST_FILE``); the sixteenth hidden list is to be
drawn from largest + SUPPLEMENT_8 and run with it. The earlier universes are unchanged by it. ``--universe immense`` is
the vast universe + ``SUPPLEMENT_9`` (bench/discovery_supplement_9.py, _9b.py and _9c.py: more entities of that news,
written the same way) + the labels supplement regenerated against it (``SUPPLEMENT_FROM_LABELS_IMMENSE_FILE``); the
seventeenth hidden list is to be drawn from vast + SUPPLEMENT_9 and run with it. The earlier universes are unchanged by
it. ``--universe boundless`` is the immense universe + ``SUPPLEMENT_10`` (bench/discovery_supplement_10.py and _10b.py:
more persons of that news, written the same way) + the labels supplement regenerated against it
(``SUPPLEMENT_FROM_LABELS_BOUNDLESS_FILE``); the eighteenth hidden list is to be drawn from immense + SUPPLEMENT_10 and
run with it. The earlier universes are unchanged by it. ``--universe limitless`` is the boundless universe +
``SUPPLEMENT_11`` (bench/discovery_supplement_11.py and _11b.py: more persons of that news, written the same way) + the
labels supplement regenerated against it (``SUPPLEMENT_FROM_LABELS_LIMITLESS_FILE``); the nineteenth hidden list is to
be drawn from boundless + SUPPLEMENT_11 and run with it. The earlier universes are unchanged by it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
from discovery_supplement_2 import SUPPLEMENT_2
from discovery_supplement_3 import SUPPLEMENT_3
from discovery_supplement_4 import SUPPLEMENT_4
from discovery_supplement_5 import SUPPLEMENT_5
from discovery_supplement_6 import SUPPLEMENT_6
from discovery_supplement_7 import SUPPLEMENT_7
from discovery_supplement_8 import SUPPLEMENT_8
from discovery_supplement_9 import SUPPLEMENT_9
from discovery_supplement_10 import SUPPLEMENT_10
from discovery_supplement_11 import SUPPLEMENT_11
from discovery_trace import Trace

PREFIX = "rasddisc"
PARTS = {
    "dev": ("2015-07-21", "2015-08-01"),
    "test": ("2015-08-02", "2015-08-11"),
    # the development days in two halves (eighth pass): non-names are studied on ``deva`` only; a rule is kept
    # only if it also helps on ``devb``, which is scored but not read for rules (a held-out check inside dev)
    "deva": ("2015-07-21", "2015-07-26"),
    "devb": ("2015-07-27", "2015-08-01"),
    # deva's last three days: with --history (deva's first three as the look-back's past), a second check of the
    # look-back where devb has one (stop 28; the corpus begins on 2015-07-21, so deva has no past of its own)
    "deva2": ("2015-07-24", "2015-07-26"),
}
SEED = 19

# Persons and organizations prominent in Saudi and regional news of mid-2015 (the corpus' domain), as
# (kind, id, aliases). The first alias is the name; the others are other full forms.
SUPPLEMENT: list[tuple[str, str, list[str]]] = [
    ("person", "salman-bin-abdulaziz", ["سلمان بن عبدالعزيز", "سلمان بن عبدالعزيز آل سعود"]),
    ("person", "mohammed-bin-nayef", ["محمد بن نايف", "محمد بن نايف بن عبدالعزيز"]),
    ("person", "mohammed-bin-salman", ["محمد بن سلمان", "محمد بن سلمان بن عبدالعزيز"]),
    ("person", "khalid-al-faisal", ["خالد الفيصل", "خالد الفيصل بن عبدالعزيز"]),
    ("person", "abdrabbuh-mansur-hadi", ["عبدربه منصور هادي", "عبد ربه منصور هادي"]),
    ("person", "ashton-carter", ["اشتون كارتر", "آشتون كارتر"]),
    ("person", "abdullah-bin-abdulaziz", ["عبدالله بن عبدالعزيز", "عبدالله بن عبدالعزيز آل سعود"]),
    ("person", "azzam-al-dakhil", ["عزام الدخيل", "عزام بن محمد الدخيل"]),
    ("person", "adel-al-toraifi", ["عادل الطريفي", "عادل بن زيد الطريفي"]),
    ("person", "john-kerry", ["جون كيري"]),
    ("person", "saud-al-faisal", ["سعود الفيصل"]),
    ("person", "bashar-al-assad", ["بشار الأسد"]),
    ("person", "adel-al-jubeir", ["عادل الجبير", "عادل بن أحمد الجبير"]),
    ("person", "ahmet-davutoglu", ["أحمد داود أوغلو", "داود أوغلو"]),
    ("person", "faisal-bin-khalid", ["فيصل بن خالد", "فيصل بن خالد بن عبدالعزيز"]),
    ("person", "nouri-al-maliki", ["نوري المالكي"]),
    ("person", "mansour-al-balawi", ["منصور البلوي"]),
    ("person", "hassan-rouhani", ["حسن روحاني"]),
    ("person", "faisal-bin-turki", ["فيصل بن تركي"]),
    ("person", "mohammad-javad-zarif", ["محمد جواد ظريف", "جواد ظريف"]),
    ("person", "abdullah-al-rabeeah", ["عبدالله الربيعة", "عبدالله بن عبدالعزيز الربيعة"]),
    ("person", "faisal-bin-bandar", ["فيصل بن بندر", "فيصل بن بندر بن عبدالعزيز"]),
    ("person", "christian-gross", ["كريستيان جروس", "كريستيان غروس"]),
    ("person", "sultan-bin-salman", ["سلطان بن سلمان", "سلطان بن سلمان بن عبدالعزيز"]),
    ("person", "mohamed-morsi", ["محمد مرسي"]),
    ("person", "turki-al-faisal", ["تركي الفيصل"]),
    ("person", "benjamin-netanyahu", ["بنيامين نتنياهو"]),
    ("person", "mohab-mamish", ["مهاب مميش"]),
    ("person", "mahmoud-abbas", ["محمود عباس"]),
    ("person", "abdullatif-al-zayani", ["عبداللطيف الزياني", "عبداللطيف بن راشد الزياني"]),
    ("person", "sedki-sobhi", ["صدقي صبحي"]),
    ("person", "ibrahim-mahlab", ["إبراهيم محلب"]),
    ("person", "samir-geagea", ["سمير جعجع"]),
    ("person", "haider-al-abadi", ["حيدر العبادي"]),
    ("person", "david-cameron", ["ديفيد كاميرون"]),
    ("person", "sepp-blatter", ["جوزيف بلاتر", "سيب بلاتر"]),
    ("person", "khalid-al-falih", ["خالد الفالح"]),
    ("person", "mishaal-bin-majid", ["مشعل بن ماجد", "مشعل بن ماجد بن عبدالعزيز"]),
    ("person", "francois-hollande", ["فرانسوا هولاند"]),
    ("person", "laurent-fabius", ["لوران فابيوس"]),
    ("person", "uhuru-kenyatta", ["أوهورو كينياتا"]),
    ("person", "ali-abdullah-saleh", ["علي عبدالله صالح", "علي عبد الله صالح"]),
    ("person", "abdul-malik-al-houthi", ["عبدالملك الحوثي", "عبد الملك الحوثي"]),
    ("person", "khaled-bahah", ["خالد بحاح"]),
    ("person", "ismail-ould-cheikh-ahmed", ["إسماعيل ولد الشيخ أحمد", "اسماعيل ولد الشيخ احمد"]),
    ("person", "abu-bakr-al-baghdadi", ["أبو بكر البغدادي", "ابوبكر البغدادي"]),
    ("person", "hassan-nasrallah", ["حسن نصر الله", "حسن نصرالله"]),
    ("person", "tamim-bin-hamad", ["تميم بن حمد", "تميم بن حمد آل ثاني"]),
    ("person", "mohammed-bin-rashid", ["محمد بن راشد", "محمد بن راشد آل مكتوم"]),
    ("person", "ali-khamenei", ["علي خامنئي"]),
    ("person", "michel-aoun", ["ميشال عون", "ميشيل عون"]),
    ("person", "nabih-berri", ["نبيه بري"]),
    ("person", "tammam-salam", ["تمام سلام"]),
    ("person", "michel-platini", ["ميشيل بلاتيني", "ميشال بلاتيني"]),
    ("person", "abdullah-ii", ["عبدالله الثاني"]),
    ("person", "mohammed-vi", ["محمد السادس"]),
    ("person", "ibrahim-al-assaf", ["إبراهيم العساف"]),
    ("person", "ali-al-naimi", ["علي النعيمي"]),
    ("person", "mutaib-bin-abdullah", ["متعب بن عبدالله", "متعب بن عبدالله بن عبدالعزيز"]),
    ("person", "mansour-bin-mutaib", ["منصور بن متعب"]),
    ("person", "saud-bin-nayef", ["سعود بن نايف", "سعود بن نايف بن عبدالعزيز"]),
    ("person", "faisal-bin-salman", ["فيصل بن سلمان", "فيصل بن سلمان بن عبدالعزيز"]),
    ("person", "mishaal-bin-abdullah", ["مشعل بن عبدالله"]),
    ("person", "ahmed-asiri", ["أحمد عسيري", "أحمد حسن عسيري"]),
    ("person", "mansour-al-turki", ["منصور التركي"]),
    ("person", "abdulaziz-al-sheikh", ["عبدالعزيز آل الشيخ", "عبدالعزيز بن عبدالله آل الشيخ"]),
    ("person", "abdulrahman-al-sudais", ["عبدالرحمن السديس"]),
    ("person", "fahd-bin-sultan", ["فهد بن سلطان", "فهد بن سلطان بن عبدالعزيز"]),
    ("person", "hussam-bin-saud", ["حسام بن سعود"]),
    ("person", "jalawi-bin-abdulaziz", ["جلوي بن عبدالعزيز"]),
    ("person", "mishari-bin-saud", ["مشاري بن سعود"]),
    ("person", "badr-bin-sultan", ["بدر بن سلطان"]),
    ("person", "saud-bin-abdulmohsen", ["سعود بن عبدالمحسن"]),
    ("person", "turki-bin-abdullah", ["تركي بن عبدالله"]),
    ("person", "abdullah-al-moallimi", ["عبدالله المعلمي"]),
    ("person", "iyad-madani", ["إياد مدني"]),
    ("person", "nabil-elaraby", ["نبيل العربي"]),
    ("person", "staffan-de-mistura", ["ستيفان دي ميستورا"]),
    ("person", "cristiano-ronaldo", ["كريستيانو رونالدو"]),
    ("person", "lionel-messi", ["ليونيل ميسي"]),
    ("person", "jamal-khashoggi", ["جمال خاشقجي"]),
    ("person", "ahmed-aboul-gheit", ["أحمد أبو الغيط"]),
    ("person", "masoud-barzani", ["مسعود بارزاني", "مسعود البارزاني"]),
    ("person", "hamad-bin-isa", ["حمد بن عيسى", "حمد بن عيسى آل خليفة"]),
    ("person", "sabah-al-ahmad", ["صباح الأحمد", "صباح الأحمد الجابر الصباح"]),
    ("person", "qaboos-bin-said", ["قابوس بن سعيد"]),
    ("person", "khalifa-bin-salman", ["خليفة بن سلمان"]),
    ("person", "abdulaziz-al-khuwaiter", ["عبدالعزيز الخضيري"]),
    ("person", "faisal-bin-mishaal", ["فيصل بن مشعل", "فيصل بن مشعل بن سعود"]),
    ("person", "muqrin-bin-abdulaziz", ["مقرن بن عبدالعزيز"]),
    ("person", "ahmed-eid", ["أحمد عيد"]),
    ("person", "khalid-al-muqrin", ["خالد المقرن"]),
    ("org", "hezbollah", ["حزب الله"]),
    ("org", "gcc", ["مجلس التعاون لدول الخليج العربية", "مجلس التعاون الخليجي", "مجلس التعاون"]),
    ("org", "houthis", ["جماعة الحوثي", "ميليشيات الحوثي", "مليشيات الحوثي", "ميليشيا الحوثي", "جماعة الحوثيين",
                        "ميليشيات الحوثيين", "مليشيات الحوثيين", "جماعة أنصار الله"]),
    ("org", "pkk", ["حزب العمال الكردستاني"]),
    ("org", "al-qaeda", ["تنظيم القاعدة"]),
    ("org", "oic", ["منظمة التعاون الإسلامي"]),
    ("org", "nusra-front", ["جبهة النصرة"]),
    ("org", "saudi-red-crescent", ["هيئة الهلال الأحمر السعودي", "هيئة الهلال الأحمر"]),
    ("org", "sama", ["مؤسسة النقد العربي السعودي", "مؤسسة النقد"]),
    ("org", "board-of-grievances", ["ديوان المظالم"]),
    ("org", "cpvpv", ["هيئة الأمر بالمعروف والنهي عن المنكر", "هيئة الأمر بالمعروف"]),
    ("org", "council-of-senior-scholars", ["هيئة كبار العلماء"]),
    ("org", "al-ittihad-club", ["نادي الاتحاد"]),
    ("org", "al-nassr-club", ["نادي النصر"]),
    ("org", "al-hilal-club", ["نادي الهلال"]),
    ("org", "al-ahli-club", ["نادي الأهلي"]),
    ("org", "al-wehda-club", ["نادي الوحدة"]),
    ("org", "al-ettifaq-club", ["نادي الاتفاق"]),
    ("org", "al-shabab-club", ["نادي الشباب"]),
    ("org", "al-fateh-club", ["نادي الفتح"]),
    ("org", "al-taawoun-club", ["نادي التعاون"]),
    ("org", "aramco", ["أرامكو السعودية", "شركة أرامكو", "أرامكو"]),
    ("org", "sabic", ["سابك", "شركة سابك"]),
    ("org", "hamas", ["حركة حماس"]),
    ("org", "taliban", ["حركة طالبان"]),
    ("org", "akp", ["حزب العدالة والتنمية"]),
    ("org", "federal-reserve", ["مجلس الاحتياطي الاتحادي", "الاحتياطي الفيدرالي"]),
    ("org", "cma", ["هيئة السوق المالية"]),
    ("org", "gaca", ["هيئة الطيران المدني", "الهيئة العامة للطيران المدني"]),
    ("org", "bbc", ["هيئة الإذاعة البريطانية"]),
    ("org", "afp", ["وكالة فرانس برس", "فرانس برس"]),
    ("org", "reuters", ["وكالة رويترز", "رويترز"]),
    ("org", "coalition-to-restore-legitimacy", ["تحالف دعم الشرعية", "التحالف العربي"]),
    ("org", "popular-resistance", ["المقاومة الشعبية"]),
    ("org", "fatah", ["حركة فتح"]),
    ("org", "fifa", ["الاتحاد الدولي لكرة القدم", "فيفا"]),
    ("org", "king-saud-university", ["جامعة الملك سعود"]),
    ("org", "kau", ["جامعة الملك عبدالعزيز"]),
    ("org", "pif", ["صندوق الاستثمارات العامة"]),
    ("org", "irgc", ["الحرس الثوري", "الحرس الثوري الإيراني"]),
    ("org", "g20", ["مجموعة العشرين"]),
    ("org", "mwl", ["رابطة العالم الإسلامي"]),
    ("org", "saudia", ["الخطوط الجوية العربية السعودية", "الخطوط السعودية"]),
    ("org", "sfa", ["الاتحاد السعودي لكرة القدم"]),
    ("org", "scth", ["الهيئة العامة للسياحة والتراث الوطني", "هيئة السياحة"]),
    ("org", "ksrelief", ["مركز الملك سلمان للإغاثة والأعمال الإنسانية", "مركز الملك سلمان للإغاثة"]),
    ("org", "muslim-brotherhood", ["جماعة الإخوان المسلمين", "الإخوان المسلمين"]),
    ("org", "boko-haram", ["جماعة بوكو حرام", "بوكو حرام"]),
    ("org", "al-shabaab", ["حركة الشباب"]),
    ("org", "suez-canal-authority", ["هيئة قناة السويس"]),
    ("org", "apple", ["شركة أبل", "شركة آبل"]),
    ("org", "stc", ["شركة الاتصالات السعودية"]),
    ("org", "king-faisal-hospital", ["مستشفى الملك فيصل التخصصي"]),
    # Added 2026-12-03 before the second ("fresh") draw, from general knowledge of mid-2015 news (Saudi
    # government and princes, Yemen, Syria, Iraq, Iran, Lebanon, Egypt, Palestine, Gulf, world; parties,
    # armed groups, agencies, companies, universities, clubs), so that enough entities qualify for it.
    ("person", "majid-al-qasabi", ["ماجد القصبي", "ماجد بن عبدالله القصبي"]),
    ("person", "tawfiq-al-rabiah", ["توفيق الربيعة", "توفيق بن فوزان الربيعة"]),
    ("person", "bandar-hajjar", ["بندر حجار", "بندر بن محمد حجار"]),
    ("person", "saleh-al-al-sheikh", ["صالح آل الشيخ", "صالح بن عبدالعزيز آل الشيخ"]),
    ("person", "walid-al-samaani", ["وليد الصمعاني", "وليد بن محمد الصمعاني"]),
    ("person", "mufrej-al-haqbani", ["مفرج الحقباني", "مفرج بن سعد الحقباني"]),
    ("person", "majed-al-hogail", ["ماجد الحقيل", "ماجد بن عبدالله الحقيل"]),
    ("person", "abdullatif-al-al-sheikh", ["عبداللطيف آل الشيخ", "عبداللطيف بن عبدالملك آل الشيخ"]),
    ("person", "abdullah-al-muqbel", ["عبدالله المقبل", "عبدالله بن عبدالرحمن المقبل"]),
    ("person", "adel-fakeih", ["عادل فقيه", "عادل بن محمد فقيه"]),
    ("person", "abdullah-al-hussayen", ["عبدالله الحصين", "عبدالله بن عبدالرحمن الحصين"]),
    ("person", "khalid-al-araj", ["خالد العرج", "خالد بن عبدالله العرج"]),
    ("person", "mohammed-al-suwaiyel", ["محمد السويل", "محمد بن إبراهيم السويل"]),
    ("person", "fahad-al-mubarak", ["فهد المبارك", "فهد بن عبدالله المبارك"]),
    ("person", "amin-nasser", ["أمين الناصر", "أمين حسن الناصر"]),
    ("person", "alwaleed-bin-talal", ["الوليد بن طلال", "الوليد بن طلال بن عبدالعزيز"]),
    ("person", "mohammed-bin-nasser", ["محمد بن ناصر", "محمد بن ناصر بن عبدالعزيز"]),
    ("person", "faisal-bin-khalid-bin-sultan", ["فيصل بن خالد بن سلطان"]),
    ("person", "abdullah-bin-bandar", ["عبدالله بن بندر", "عبدالله بن بندر بن عبدالعزيز"]),
    ("person", "ahmed-bin-fahd", ["أحمد بن فهد", "أحمد بن فهد بن سلمان"]),
    ("person", "mansour-bin-muqrin", ["منصور بن مقرن", "منصور بن مقرن بن عبدالعزيز"]),
    ("person", "saleh-bin-humaid", ["صالح بن حميد", "صالح بن عبدالله بن حميد"]),
    ("person", "saud-al-shuraim", ["سعود الشريم"]),
    ("person", "maher-al-muaiqly", ["ماهر المعيقلي"]),
    ("person", "riyadh-yaseen", ["رياض ياسين"]),
    ("person", "mahmoud-al-subaihi", ["محمود الصبيحي"]),
    ("person", "ahmed-ali-saleh", ["أحمد علي عبدالله صالح", "أحمد علي صالح"]),
    ("person", "ali-mohsen-al-ahmar", ["علي محسن الأحمر"]),
    ("person", "nayef-al-bakri", ["نايف البكري"]),
    ("person", "mohammed-ali-al-houthi", ["محمد علي الحوثي"]),
    ("person", "hamoud-al-mikhlafi", ["حمود المخلافي", "حمود سعيد المخلافي"]),
    ("person", "abdulmalik-al-mikhlafi", ["عبدالملك المخلافي"]),
    ("person", "jamal-benomar", ["جمال بنعمر"]),
    ("person", "walid-al-muallem", ["وليد المعلم"]),
    ("person", "khaled-khoja", ["خالد خوجة"]),
    ("person", "zahran-alloush", ["زهران علوش"]),
    ("person", "abu-mohammad-al-julani", ["أبو محمد الجولاني", "أبومحمد الجولاني"]),
    ("person", "ali-mamlouk", ["علي مملوك"]),
    ("person", "salim-al-jabouri", ["سليم الجبوري"]),
    ("person", "ammar-al-hakim", ["عمار الحكيم"]),
    ("person", "muqtada-al-sadr", ["مقتدى الصدر"]),
    ("person", "qassem-soleimani", ["قاسم سليماني"]),
    ("person", "fuad-masum", ["فؤاد معصوم"]),
    ("person", "ali-larijani", ["علي لاريجاني"]),
    ("person", "hossein-amir-abdollahian", ["حسين أمير عبداللهيان", "أمير عبداللهيان"]),
    ("person", "abbas-araghchi", ["عباس عراقجي"]),
    ("person", "marzieh-afkham", ["مرضية أفخم"]),
    ("person", "saad-hariri", ["سعد الحريري"]),
    ("person", "rafik-hariri", ["رفيق الحريري"]),
    ("person", "walid-jumblatt", ["وليد جنبلاط"]),
    ("person", "michel-suleiman", ["ميشال سليمان", "ميشيل سليمان"]),
    ("person", "nouhad-machnouk", ["نهاد المشنوق"]),
    ("person", "gebran-bassil", ["جبران باسيل"]),
    ("person", "hosni-mubarak", ["حسني مبارك", "محمد حسني مبارك"]),
    ("person", "ahmed-al-tayeb", ["أحمد الطيب"]),
    ("person", "mohamed-badie", ["محمد بديع"]),
    ("person", "hisham-barakat", ["هشام بركات"]),
    ("person", "khaled-meshaal", ["خالد مشعل"]),
    ("person", "ismail-haniyeh", ["إسماعيل هنية"]),
    ("person", "rami-hamdallah", ["رامي الحمد الله", "رامي الحمدالله"]),
    ("person", "saeb-erekat", ["صائب عريقات"]),
    ("person", "moshe-yaalon", ["موشيه يعالون"]),
    ("person", "reuven-rivlin", ["رؤوفين ريفلين"]),
    ("person", "selahattin-demirtas", ["صلاح الدين دميرطاش", "صلاح الدين دميرتاش"]),
    ("person", "abdullah-ocalan", ["عبدالله أوجلان"]),
    ("person", "fethullah-gulen", ["فتح الله غولن", "فتح الله جولن"]),
    ("person", "joe-biden", ["جو بايدن"]),
    ("person", "jeb-bush", ["جيب بوش"]),
    ("person", "josh-earnest", ["جوش إرنست", "جوش ارنست"]),
    ("person", "martin-dempsey", ["مارتن ديمبسي"]),
    ("person", "federica-mogherini", ["فيديريكا موغيريني", "فيدريكا موغيريني"]),
    ("person", "alexis-tsipras", ["أليكسيس تسيبراس", "ألكسيس تسيبراس"]),
    ("person", "philip-hammond", ["فيليب هاموند"]),
    ("person", "xi-jinping", ["شي جين بينغ", "شي جينبينغ"]),
    ("person", "shinzo-abe", ["شينزو آبي"]),
    ("person", "narendra-modi", ["ناريندرا مودي"]),
    ("person", "nawaz-sharif", ["نواز شريف"]),
    ("person", "raheel-sharif", ["راحيل شريف"]),
    ("person", "ashraf-ghani", ["أشرف غني"]),
    ("person", "mullah-omar", ["الملا عمر", "الملا محمد عمر"]),
    ("person", "akhtar-mansour", ["أختر منصور", "أختر محمد منصور"]),
    ("person", "ayman-al-zawahiri", ["أيمن الظواهري"]),
    ("person", "muhammadu-buhari", ["محمد بخاري"]),
    ("person", "abubakar-shekau", ["أبوبكر شيكاو", "أبو بكر شيكاو"]),
    ("person", "omar-al-bashir", ["عمر البشير", "عمر حسن البشير"]),
    ("person", "abdelaziz-bouteflika", ["عبدالعزيز بوتفليقة"]),
    ("person", "beji-caid-essebsi", ["الباجي قائد السبسي", "الباجي السبسي"]),
    ("person", "habib-essid", ["الحبيب الصيد"]),
    ("person", "abdullah-bin-zayed", ["عبدالله بن زايد", "عبدالله بن زايد آل نهيان"]),
    ("person", "khalid-al-attiyah", ["خالد العطية"]),
    ("person", "sabah-al-khalid", ["صباح الخالد", "صباح خالد الحمد الصباح"]),
    ("person", "jaber-al-mubarak", ["جابر المبارك", "جابر المبارك الحمد الصباح"]),
    ("person", "yusuf-bin-alawi", ["يوسف بن علوي", "يوسف بن علوي بن عبدالله"]),
    ("person", "khalid-bin-ahmed", ["خالد بن أحمد", "خالد بن أحمد آل خليفة"]),
    ("person", "salman-bin-hamad", ["سلمان بن حمد", "سلمان بن حمد آل خليفة"]),
    ("person", "nasser-judeh", ["ناصر جودة"]),
    ("person", "muath-al-kasasbeh", ["معاذ الكساسبة"]),
    ("person", "abdelilah-benkirane", ["عبدالإله بنكيران", "عبدالإله ابن كيران"]),
    ("person", "ali-bin-al-hussein", ["علي بن الحسين"]),
    ("person", "salman-bin-ibrahim", ["سلمان بن إبراهيم", "سلمان بن إبراهيم آل خليفة"]),
    ("person", "bert-van-marwijk", ["فان مارفيك", "بيرت فان مارفيك"]),
    ("org", "spa", ["وكالة الأنباء السعودية"]),
    ("org", "kacst", ["مدينة الملك عبدالعزيز للعلوم والتقنية"]),
    ("org", "sec", ["الشركة السعودية للكهرباء"]),
    ("org", "maaden", ["شركة معادن", "شركة التعدين العربية السعودية"]),
    ("org", "tadawul", ["السوق المالية السعودية"]),
    ("org", "mobily", ["شركة موبايلي"]),
    ("org", "zain", ["شركة زين"]),
    ("org", "ncb", ["البنك الأهلي التجاري"]),
    ("org", "al-rajhi-bank", ["مصرف الراجحي"]),
    ("org", "sfda", ["الهيئة العامة للغذاء والدواء", "هيئة الغذاء والدواء"]),
    ("org", "nazaha", ["هيئة مكافحة الفساد", "الهيئة الوطنية لمكافحة الفساد"]),
    ("org", "hrc-saudi", ["هيئة حقوق الإنسان"]),
    ("org", "nshr", ["الجمعية الوطنية لحقوق الإنسان"]),
    ("org", "bipp", ["هيئة التحقيق والادعاء العام"]),
    ("org", "kaust", ["جامعة الملك عبدالله للعلوم والتقنية"]),
    ("org", "pnu", ["جامعة الأميرة نورة", "جامعة الأميرة نورة بنت عبدالرحمن"]),
    ("org", "imamu", ["جامعة الإمام محمد بن سعود الإسلامية", "جامعة الإمام"]),
    ("org", "uqu", ["جامعة أم القرى"]),
    ("org", "kfupm", ["جامعة الملك فهد للبترول والمعادن"]),
    ("org", "iu-madinah", ["الجامعة الإسلامية بالمدينة المنورة"]),
    ("org", "sagia", ["الهيئة العامة للاستثمار"]),
    ("org", "saudi-national-guard", ["الحرس الوطني", "وزارة الحرس الوطني"]),
    ("org", "fsa", ["الجيش السوري الحر", "الجيش الحر"]),
    ("org", "syrian-national-coalition", ["الائتلاف الوطني السوري", "الائتلاف السوري"]),
    ("org", "jaysh-al-islam", ["جيش الإسلام"]),
    ("org", "jaysh-al-fatah", ["جيش الفتح"]),
    ("org", "ahrar-al-sham", ["أحرار الشام", "حركة أحرار الشام"]),
    ("org", "ypg", ["وحدات حماية الشعب"]),
    ("org", "pmf", ["الحشد الشعبي"]),
    ("org", "islah", ["حزب الإصلاح", "التجمع اليمني للإصلاح"]),
    ("org", "gpc-yemen", ["حزب المؤتمر الشعبي العام", "المؤتمر الشعبي العام"]),
    ("org", "southern-movement", ["الحراك الجنوبي"]),
    ("org", "aqap", ["تنظيم القاعدة في جزيرة العرب", "القاعدة في جزيرة العرب"]),
    ("org", "ansar-bayt-al-maqdis", ["أنصار بيت المقدس", "جماعة أنصار بيت المقدس"]),
    ("org", "wilayat-sinai", ["ولاية سيناء"]),
    ("org", "islamic-jihad", ["حركة الجهاد الإسلامي"]),
    ("org", "amal-movement", ["حركة أمل"]),
    ("org", "future-movement", ["تيار المستقبل"]),
    ("org", "fpm", ["التيار الوطني الحر"]),
    ("org", "krg", ["حكومة إقليم كردستان"]),
    ("org", "peshmerga", ["البشمركة", "قوات البشمركة"]),
    ("org", "iaea", ["الوكالة الدولية للطاقة الذرية"]),
    ("org", "unrwa", ["الأونروا", "وكالة غوث وتشغيل اللاجئين"]),
    ("org", "al-azhar", ["الأزهر الشريف", "جامعة الأزهر"]),
    ("org", "uefa", ["الاتحاد الأوروبي لكرة القدم"]),
    ("org", "afc", ["الاتحاد الآسيوي لكرة القدم", "الاتحاد الآسيوي"]),
    ("org", "al-jazeera", ["قناة الجزيرة"]),
    ("org", "al-arabiya", ["قناة العربية"]),
    ("org", "cnn", ["شبكة سي إن إن", "سي إن إن"]),
    ("org", "ap", ["وكالة أسوشيتد برس", "أسوشيتد برس"]),
    ("org", "anadolu", ["وكالة الأناضول"]),
    ("org", "bloomberg", ["وكالة بلومبرغ", "بلومبرغ"]),
    ("org", "google", ["شركة جوجل", "شركة غوغل"]),
    ("org", "samsung", ["شركة سامسونج", "سامسونج"]),
    ("org", "microsoft", ["شركة مايكروسوفت", "مايكروسوفت"]),
    ("org", "boeing", ["شركة بوينغ", "بوينغ"]),
    ("org", "real-madrid", ["نادي ريال مدريد", "ريال مدريد"]),
    ("org", "barcelona", ["نادي برشلونة"]),
    ("org", "al-raed-club", ["نادي الرائد"]),
    ("org", "al-qadisiyah-club", ["نادي القادسية"]),
    ("org", "al-faisaly-club", ["نادي الفيصلي"]),
    ("org", "al-khaleej-club", ["نادي الخليج"]),
    ("org", "najran-club", ["نادي نجران"]),
    ("org", "al-orobah-club", ["نادي العروبة"]),
    ("org", "hajer-club", ["نادي هجر"]),
]

# choose_hidden's draw (seed 19) from the entities mentioned in ≥ 5 test-day articles of ≥ 3 outlets:
HIDDEN_PERSONS: list[str] = [
    "abdul-malik-al-houthi", "abdullah-al-thinni", "abdulrahman-al-sudais", "adel-al-toraifi", "ahmed-asiri",
    "ahmed-eid", "ahmet-davutoglu", "ali-al-naimi", "benjamin-netanyahu", "christian-gross", "faisal-bin-khalid",
    "faisal-bin-mishaal", "francois-hollande", "hamad-bin-isa", "hassan-rouhani", "ibrahim-mahlab", "iyad-madani",
    "jamal-khashoggi", "john-kerry", "khaled-bahah", "khalid-al-falih", "khalid-al-muqrin", "mahmoud-abbas",
    "mikhail-bogdanov", "mishaal-bin-majid", "mishari-bin-saud", "mohamed-bin-zayed", "mohammed-bin-nayef",
    "mohammed-bin-rashid", "mohammed-bin-salman", "muammar-gaddafi", "qaboos-bin-said", "saddam-hussein",
    "salman-bin-abdulaziz", "sameh-shoukry", "saud-bin-nayef", "sedki-sobhi", "sultan-bin-salman", "turki-al-faisal",
    "vladimir-putin",
]
HIDDEN_ORGS: list[str] = [
    "afp", "amnesty", "aramco", "boko-haram", "council-of-senior-scholars", "european-union", "fifa", "hrw",
    "king-faisal-hospital", "king-saud-university", "lifg", "nato", "ocha", "popular-resistance", "reuters", "scth",
    "supreme-judicial-council", "taliban", "totalenergies", "us-congress",
]

# The second draw ("--hidden fresh", 2026-12-03): the same rule and part, seed 2603, the 60 above
# excluded (they stay known in a fresh run), from the universe with the entities added to SUPPLEMENT
# that day. Drawn and committed before any run of the test part with the cues of that day; the list is
# its file (``--choose --hidden fresh`` writes it).
# The third draw ("--hidden third", 2026-12-03): the same rule and part, seed 3312, the 120 of the
# first two draws excluded (they stay known in a third run), the universe unchanged since the second
# draw. Drawn and committed before any run with it; ``--choose --hidden third`` writes its file.
# A development draw ("--hidden devrep", 2026-12-03): the same rule counted on the DEVELOPMENT days
# (≥ 5 dev-day articles of ≥ 3 outlets), seed 721, the 180 of the three draws above excluded.
# The first list was drawn from the most prominent entities, so dev recall on it did not predict
# held-out recall; this one is drawn like the held-out lists, to tune ranking on. Drawn and committed
# before any run with it; run it with ``--part dev`` only.
# The fourth draw ("--hidden fourth", 2026-12-03): the held-out rule again (≥ 5 TEST-day articles of ≥ 3
# outlets), seed 4419, the 240 names of the four draws above excluded, from the base universe only
# (Rasd's gazetteers + SUPPLEMENT: never from SUPPLEMENT_FROM_LABELS, whose names were picked by reading
# earlier runs' suggestions, so the ranker found them already). Drawn and committed before any run with it,
# after the extended universe was final; meant for ``--universe extended``.
# The fifth draw ("--hidden fifth", 2026-12-03): the held-out rule (≥ 5 TEST-day articles of ≥ 3 outlets), seed
# 5077 (written down before the draw), the names of all five draws above excluded, from the base universe
# + SUPPLEMENT_2 (bench/discovery_supplement_2.py: entities written from general knowledge, not from discovery's
# output or the labels; never from a labels supplement). Drawn and committed before any run with it; meant for
# ``--universe full`` only.
# The sixth draw ("--hidden sixth", stop 27, 2026-12-03): the fifth's rule and universe, seed 6131 (written
# down before the draw), the names of all six draws above excluded. Drawn and committed before the eighth pass's
# code was final and before any run with it; meant for ``--universe full`` only.
# The seventh draw ("--hidden seventh", stop 28, 2026-12-03): the held-out rule (≥ 5 TEST-day articles of ≥ 3 outlets),
# seed 7243 (written down by the lead before the draw), the names of all seven draws above excluded, from the full
# universe + SUPPLEMENT_3 (bench/discovery_supplement_3.py: entities written from general knowledge, not from
# discovery's output or the labels; never from a labels supplement): after the sixth draw only ~24 persons of the
# full universe still qualified. Drawn and committed before any run with it; meant for ``--universe wide`` only.
# The eighth draw ("--hidden eighth", stop 29, 2026-12-03): the seventh's rule and universe, seed 8521 (written down
# by the lead before the draw, docs/benchmarks.md "stop 29: what was decided before any run"), the names of all eight
# draws above excluded. Drawn and committed before any run with it and before the stop's passes were merged; meant
# for ``--universe wide`` only.
# The ninth draw ("--hidden ninth", stop 30): the held-out rule (≥ 5 TEST-day articles of ≥ 3 outlets), seed 9377
# (written down by the lead before the draw, docs/benchmarks.md "stop 30: what was decided before any run"), the names
# of all nine draws above excluded, from the wide universe + SUPPLEMENT_4 (bench/discovery_supplement_4.py: entities
# written from general knowledge, not from discovery's output or the labels; never from a labels supplement): after
# the eighth draw only 26 persons of the wide universe still qualified. Declared before the draw; the lead draws it
# (``--choose --hidden ninth``) and commits it before any run with it; meant for ``--universe wider`` only.
# The tenth draw ("--hidden tenth", stop 31): the held-out rule (≥ 5 TEST-day articles of ≥ 3 outlets), seed 10463
# (written down by the lead before the draw, docs/benchmarks.md "stop 31: what was decided before any run"), the names
# of all ten draws above excluded, from the wider universe + SUPPLEMENT_5 (bench/discovery_supplement_5.py: entities
# written from general knowledge, not from discovery's output or the labels; never from a labels supplement): after
# the ninth draw only ~34 persons of the wider universe still qualified. Declared before the draw; the lead draws it
# (``--choose --hidden tenth``) and commits it before any run with it; meant for ``--universe widest`` only.
# The eleventh draw ("--hidden eleventh", stop 32): the tenth's rule and universe, seed 11617 (written down by the
# lead before the draw, docs/benchmarks.md "stop 32: what was decided before any run"), the names of all eleven draws
# above excluded. Drawn and committed before any run with it and before the stop's passes were merged; meant for
# ``--universe widest`` only.
# The twelfth draw ("--hidden twelfth", stop 34): the held-out rule (≥ 5 TEST-day articles of ≥ 3 outlets), seed 12893
# (written down by the lead before the draw), the names of all eleven draws above and the first list excluded, from the
# widest universe + SUPPLEMENT_6 (bench/discovery_supplement_6.py and _6b.py: entities written from general knowledge,
# not from discovery's output or the labels; never from a labels supplement): after the eleventh draw only ~19 persons
# of the widest universe still qualified. Declared before the draw; the lead draws it (``--choose --hidden twelfth``)
# and commits it before any run with it; meant for ``--universe broadest`` only.
# The thirteenth draw ("--hidden thirteenth", stop 35): the twelfth's rule and universe, seed 13469 (written down by
# the lead before the draw, docs/benchmarks.md "stop 35: what was decided before any run"), the names of all twelve
# draws above and the first list excluded. Drawn and committed before any run with it and before the stop's passes
# started; meant for ``--universe broadest`` only.
# A second development draw ("--hidden devtail", stop 35): the rule counted on the DEVELOPMENT days (≥ 5 dev-day
# articles of ≥ 3 outlets), seed 1352, from the broadest universe, the names of every draw above (the thirteenth's
# included) excluded. devrep (drawn at the third draw) was studied for ten passes: its recall (0.6–0.8) no longer
# predicted the held-out lists' (0.13–0.28). This one is drawn from the same tail of the universe as the later
# held-out lists; run it with ``--part dev|deva|devb`` only, under ``--universe broadest``.
# The fourteenth draw ("--hidden fourteenth", stop 35 helper C, for the next stop): the held-out rule (≥ 5 TEST-day
# articles of ≥ 3 outlets), seed 14593, the names of all draws above (devtail included) and the first list excluded,
# from the broadest universe + SUPPLEMENT_7 (bench/discovery_supplement_7.py and _7b.py: entities written from general
# knowledge, not from discovery's output or the labels; never from a labels supplement): after the thirteenth draw
# only ~26 persons of the broadest universe still qualified. Declared before the draw; the lead draws it
# (``--choose --hidden fourteenth``) and commits it before any run with it; meant for ``--universe largest`` only.
# The fifteenth draw ("--hidden fifteenth", stop 36, second round): the fourteenth's rule and universe, seed 15731
# (written down by the lead before the draw, docs/benchmarks.md "stop 36, second round: what was decided before any
# run"), the names of every draw above (the fourteenth's included) excluded. Drawn and committed before the round's
# pass started and before any run with it; meant for ``--universe largest`` only.
# The sixteenth draw ("--hidden sixteenth", stop 37 helper S, for the lead after the merge): the held-out rule (≥ 5
# TEST-day articles of ≥ 3 outlets), seed 16487 (written down before any run, docs/benchmarks.md "stop 37: what was
# decided before any run"), the names of all draws above (the fifteenth's included) and the first list excluded, from
# the largest universe + SUPPLEMENT_8 (bench/discovery_supplement_8.py, _8b.py and _8c.py: entities written from general
# knowledge, not from discovery's output or the labels; never from a labels supplement): the fifteenth draw took 40 of
# the last 46 eligible persons of the largest universe. Declared before the draw; the lead draws it (``--choose --hidden
# sixteenth``) after regenerating the vast labels supplement and commits it before any run with it; meant for
# ``--universe vast`` only.
# The seventeenth draw ("--hidden seventeenth", stop 37 helper S2, second round; for the lead at the end of this stop,
# scored once at the next): the held-out rule (≥ 5 TEST-day articles of ≥ 3 outlets), seed 17351 (written down before
# any run, docs/benchmarks.md "stop 37, second round: what was decided before any run"), the names of all draws above
# (the sixteenth's included) and the first list excluded, from the vast universe + SUPPLEMENT_9
# (bench/discovery_supplement_9.py, _9b.py and _9c.py: entities written from general knowledge, not from discovery's
# output or the labels; never from a labels supplement): the sixteenth draw took 40 of the 55 eligible persons of the
# vast universe. Declared before the draw; the lead draws it (``--choose --hidden seventeenth``) after regenerating the
# immense labels supplement and commits it before any run with it; meant for ``--universe immense`` only.
# The eighteenth draw ("--hidden eighteenth", stop 38 helper S3; for the lead after this stop's merge): the held-out
# rule (≥ 5 TEST-day articles of ≥ 3 outlets), seed 18263 (chosen and written down by the helper before any count,
# docs/benchmarks.md "SUPPLEMENT_10 and the universe boundless"), the names of all draws above (the seventeenth's
# included) and the first list excluded, from the immense universe + SUPPLEMENT_10 (bench/discovery_supplement_10.py
# and _10b.py: persons written from general knowledge, not from discovery's output or the labels; never from a labels
# supplement): the immense universe kept 24 eligible persons after the seventeenth draw. Declared before the draw; the
# lead draws it (``--choose --hidden eighteenth``) after regenerating the boundless labels supplement and commits it
# before any run with it; meant for ``--universe boundless`` only.
# The nineteenth draw ("--hidden nineteenth", stop 39 helper S4; for the lead after this stop's merge): the held-out
# rule (≥ 5 TEST-day articles of ≥ 3 outlets), seed 19427 (chosen and written down by the helper before any count,
# docs/benchmarks.md "SUPPLEMENT_11 and the universe limitless"), the names of all draws above (the eighteenth's
# included) and the first list excluded, from the boundless universe + SUPPLEMENT_11 (bench/discovery_supplement_11.py
# and _11b.py: persons written from general knowledge, not from discovery's output or the labels; never from a labels
# supplement): the boundless universe kept 9 eligible persons after the eighteenth draw. Declared before the draw; the
# lead draws it (``--choose --hidden nineteenth``) after regenerating the limitless labels supplement and commits it
# before any run with it; meant for ``--universe limitless`` only.
# The twentieth draw ("--hidden twentieth", stop 40, the lead, declared before any run of the stop): the held-out rule,
# seed 20687, every earlier list excluded, from the limitless universe, which keeps no eligible person after the
# nineteenth (so the list holds 0 persons) and 222 eligible organizations: **40 organizations** (``Draw.orgs``; twice
# the usual 20, for a tighter figure on the one kind the test days can still check). Drawn by the lead after this
# stop's merge, committed before any run with it; meant for ``--universe limitless`` only.


@dataclass(frozen=True)
class Draw:
    """A hidden list drawn after the first: its seed (written down before the draw), the days it was drawn
    on, the universe drawn from ("base": Rasd's gazetteers + SUPPLEMENT; "full": + SUPPLEMENT_2; "wide": + SUPPLEMENT_3;
    "wider": + SUPPLEMENT_4; "widest": + SUPPLEMENT_5; "broadest": + SUPPLEMENT_6; "largest": + SUPPLEMENT_7;
    "vast": + SUPPLEMENT_8; "immense": + SUPPLEMENT_9; "boundless": + SUPPLEMENT_10; "limitless": + SUPPLEMENT_11) and
    the --universe a run with it must use (None: any). Its list is ``draw_file(name)``."""

    seed: int
    part: str
    universe: str = "base"
    run_universe: str | None = None
    orgs: int = 20  # how many organizations are drawn (persons: 40, or every eligible one if fewer)


DRAWS = {"fresh": Draw(2603, "test"), "third": Draw(3312, "test"), "devrep": Draw(721, "dev"),
         "fourth": Draw(4419, "test"), "fifth": Draw(5077, "test", "full", "full"),
         "sixth": Draw(6131, "test", "full", "full"), "seventh": Draw(7243, "test", "wide", "wide"),
         "eighth": Draw(8521, "test", "wide", "wide"), "ninth": Draw(9377, "test", "wider", "wider"),
         "tenth": Draw(10463, "test", "widest", "widest"), "eleventh": Draw(11617, "test", "widest", "widest"),
         "twelfth": Draw(12893, "test", "broadest", "broadest"),
         "thirteenth": Draw(13469, "test", "broadest", "broadest"),
         "devtail": Draw(1352, "dev", "broadest", "broadest"),
         "fourteenth": Draw(14593, "test", "largest", "largest"),
         "fifteenth": Draw(15731, "test", "largest", "largest"),
         "sixteenth": Draw(16487, "test", "vast", "vast"),
         "seventeenth": Draw(17351, "test", "immense", "immense"),
         "eighteenth": Draw(18263, "test", "boundless", "boundless"),
         "nineteenth": Draw(19427, "test", "limitless", "limitless"),
         "twentieth": Draw(20687, "test", "limitless", "limitless", orgs=40)}


def draw_file(name: str) -> Path:
    return Path(__file__).with_name(f"discovery_hidden_{name}.json")


def hidden_lists(which: str) -> tuple[list[str], list[str]]:
    if which == "old":
        return HIDDEN_PERSONS, HIDDEN_ORGS
    data = json.loads(draw_file(which).read_text(encoding="utf-8"))
    return list(data["persons"]), list(data["orgs"])


def excluded_before(which: str) -> frozenset[str]:
    """The entities of the draws before ``which`` (never drawn again)."""
    out = frozenset(HIDDEN_PERSONS) | frozenset(HIDDEN_ORGS)
    for name in DRAWS:
        if name == which:
            break
        persons, orgs = hidden_lists(name)
        out |= frozenset(persons) | frozenset(orgs)
    return out


# Suggestions read and labelled (name key as `rasd gazetteer suggest --json` gives it: normalized, عبد
# joined): person | org | place | no (not a name: a phrase, a generic name every country or city has,
# a fragment that could be several names). DEV_LABELS: the top 300 persons and organizations of the
# development days (no names known from them); TEST_LABELS: suggestions of the test days not labelled
# before, written after the test run without changing anything else.
DEV_LABELS: dict[str, str] = {
    "سلمان بن عبدالعزيز": "person", "الاتحاد الاوروبي": "org", "محمد بن سلمان بن عبدالعزيز": "person",
    "حزب العمال": "org", "الهيئه العامه للسياحه والتراث الوطني": "org", "مركز الملك سلمان": "no",
    "محمد بن نايف بن عبدالعزيز": "person", "مستشفي الملك فهد": "org", "قناه السويس الجديده": "place",
    "جمعيه الثقافه والفنون": "org", "جون كيري": "person", "فيصل بن خالد بن عبدالعزيز": "person",
    "قوات صالح": "org", "القوه العربيه المشتركه": "org", "مكتب التحقيقات": "no", "منظمه التعاون": "no",
    "حلف شمال الاطلسي": "org", "الميليشيات الحوثيه": "org", "احمد داود اوغلو": "person",
    "سلطان بن سلمان بن عبدالعزيز": "person", "هيئه الاذاعه": "no", "هيئه الامر بالمعروف والنهي": "org",
    "جامعه الملك سعود": "org", "حركه طالبان": "org", "مستشفي الملك فيصل": "org", "فلاديمير بوتين": "person",
    "فهد بن خالد": "person", "رافت الصباغ": "person", "محمود عباس": "person", "هيئه كبار العلماء": "org",
    "شركه ارامكو السعوديه": "org", "مؤسسه الملك عبدالعزيز ورجاله للموهبه والابداع": "org",
    "الاتحاد الاسيوي": "org", "سامح شكري": "person", "مستشفي الولاده والاطفال": "no",
    "خالد محفوظ بحاح": "person", "المفوضيه الاوروبيه": "org", "احمد عسيري": "person", "جامعه تبوك": "org",
    "بنيامين نتنياهو": "person", "مجلس الاحتياطي": "org", "ياسر القحطاني": "person",
    "عبدالعزيز بن عبدالرحمن": "person", "محمد نور": "person", "مجلس التنميه السياحيه بالمنطقه": "no",
    "حسن روحاني": "person", "وكاله فرانس برس": "org", "هيئه الاركان العامه": "no", "محمد بن سعود": "person",
    "ابراهيم محلب": "person", "الاتحاد الدولي لكره القدم": "org", "محمد حسين": "person",
    "خالد بن عبدالعزيز": "person", "الحزب الجمهوري": "org", "الاتحاد الانجليزي": "org",
    "محمد العمره": "person", "كريستيان جروس": "person", "المليشيات الحوثيه": "org",
    "عبدالله بن محمد": "person", "احمد عيد": "person", "الحزب الديمقراطي": "org", "مستشفي العيون بجده": "org",
    "المؤسسه العامه للتدريب التقني والمهني": "org", "صدقي صبحي": "person", "فيصل بن عبدالعزيز": "person",
    "مركز الملك عبدالعزيز للحوار الوطني": "org", "الشركه السعوديه للكهرباء": "org",
    "مستشفي الملك عبدالعزيز": "org", "مستشفي الملك خالد": "org", "مركز المسيال بقطاع ظهران الجنوب": "no",
    "نادي الزمالك": "org", "عادل بن زيد الطريفي": "person", "تركي الفيصل": "person",
    "فهد بن عبدالعزيز": "person", "الهيئه السعوديه للمواصفات والمقاييس والجوده": "org",
    "منظمه التحرير الفلسطينيه": "org", "فيصل الخراع": "person", "جمعيه البر": "org",
    "عاطي بن عطيه القرشي": "person", "قوات المقاومه الشعبيه": "org", "محمد بن حسن": "person",
    "نايف هزازي": "person", "نواف العابد": "person", "خالد بن عبدالله": "person",
    "الوكاله الدوليه للطاقه الذريه": "org", "مكتب تحقيقات الطيران": "org", "حامد بن مالح الشمري": "person",
    "زياد الرقيطي": "person", "معمر القذافي": "person", "نقل تحياته": "no", "نبيل بهوي": "person",
    "سعد بن محمد مارق": "person", "جامعه الباحه": "org", "سعود بن نايف بن عبدالعزيز": "person",
    "محمد بن ناصر": "person", "مركز التحكم والتوجيه بالاداره العامه للدفاع": "no", "رئاسه الجمهوريه": "no",
    "جامعه كاليفورنيا": "org", "اعضاء الشرف": "no", "مركز الامير سلطان الحضاري": "org",
    "اسامه بن فضل البار": "person", "جورج بوش": "person", "مشاري بن سعود بن عبدالعزيز": "person",
    "ناصيف البياوي": "person", "بنك الدم": "no", "مستشفي النساء والولاده بالقنفذه بسعه": "no",
    "محكمه استئناف": "no", "وصاحب السمو الملكي": "no", "محمد بن عبدالله": "person",
    "الاتحاد السوفيتي": "place", "المنظمه للمهرجان": "no", "التنظيم الارهابي والفكر الضال المنحرف": "no",
    "الميليشيات المتمرده": "no", "القوات المشتركه": "no", "مركز الملك فهد الثقافي": "org",
    "النادي الادبي": "no", "حمد الضويلع": "person", "محمد بن عبدالرحمن بن عبدالعزيز": "person",
    "مصطفي بلجون": "person", "الاتحاد القاري": "no", "ماجد القصبي": "person", "ناصر الشمراني": "person",
    "التنظيم المتشدد": "no", "احمد الخطيب": "person", "تركي بن محمد بن فهد": "person",
    "مشعل بن ماجد بن عبدالعزيز": "person", "عبدالعزيز الدوسري": "person", "صدام حسين": "person",
    "القوات البريه للتعامل": "no", "محمد الزهراني": "person", "المركز الثقافي": "no", "ريال مدريد": "org",
    "وتقنيه المعلومات": "no", "المليشيات المتمرده": "no", "التحالف بقياده المملكه": "no",
    "المجموعه السابعه": "no", "جوازات المنطقه": "no", "ماجد الحقيل": "person", "مستشفي الصحه النفسيه": "no",
    "القوات الكرديه": "no", "جامعه الانبار": "org", "مجلس الشؤون السياسيه والامنيه": "org",
    "خالد بن محمد اليوسف": "person", "خالد العيسي": "person", "وشمال افريقيا": "no",
    "صندوق التنميه الزراعيه": "org", "حقوق الانسان": "no", "تركي بن سعود بن محمد": "person",
    "هيئه الطيران": "no", "نادي كوينز بارك رينجرز": "org", "بدر السحيباني": "person",
    "جامعه الامام محمد بن سعود الاسلاميه": "org", "شركه الطيران": "no", "خالد بن فهد بن خالد": "person",
    "بندر بن محمد حجار": "person", "الهيئه دخولها": "no",
    "الوزاره والجامعات وادارات التعليم وتخصيص موظفين": "no", "المحكمه الجنائيه": "no",
    "عبدالله بن مساعد": "person", "سعود بن عبدالعزيز": "person", "ابراهيم بن عبدالعزيز العساف": "person",
    "مبارك العصيمي": "person", "ايه الله": "no", "وكاله رويترز": "org", "عثمان الصولي": "person",
    "بنيامين نتانياهو": "person", "الهيئه الملكيه للجبيل وينبع باداره وتشغيل": "no", "جامعه الملك خالد": "org",
    "بحفر الباطن": "no", "الاتحاد العربي السعودي لكره القدم": "org", "مصلحه الشعبين الشقيقين": "no",
    "مركز مشترك للابحاث والتطوير": "no", "ثلاث مباريات": "no", "احمد بن محمد": "person",
    "النادي الانجليزي": "no", "مصلحه الوطن": "no", "عبدالله عطيف": "person",
    "جامعه نايف العربيه للعلوم الامنيه": "org", "الوزاره ستعمل": "no",
    "جامعه الملك عبدالله للعلوم والتقنيه": "org", "خالد الفالح": "person", "نادي برشلونه الاسباني": "org",
    "محمد بن فهد بن محمد": "person", "فيصل بن سعود بن محمد": "person", "سعود بن سعد بن تركي": "person",
    "سعود بن سعد بن محمد": "person", "بندر بن سلمان بن محمد": "person", "حمد بن محمد العوهلي": "person",
    "حازم بن مصطفي زقزوق": "person", "خالد بن صالح العباد": "person", "الهيئه بالمنطقه": "no",
    "جامعه الملك فهد للبترول والمعادن": "org", "حزب الشعب الجمهوري": "org", "سولي مونتاري": "person",
    "نواف بن سعد": "person", "حركه الرياح السطحيه": "no", "نزع الملكيات": "no", "الجيش الموالي للشرعيه": "no",
    "هيئه الاتصالات وتقنيه المعلومات": "org", "مستشفي مكه المكرمه": "no", "مستشفي الجموم بسعه": "no",
    "كارلو انشيلوتي": "person", "مباراته الوديه": "no", "احمد قطان": "person", "خالد الحميدان": "person",
    "شركه طيران": "no", "بدر باسلمه": "person", "محمد اليونسي": "person", "نادي هجر": "org",
    "شركه تقنيه للطاقه لتشغيل وصيانه المحطه": "no", "قوه المجاهدين بقطاع الطوال": "no", "القوه والحماسه": "no",
    "صحيفه نيويورك تايمز": "org", "مهرجان ابها": "no", "وحمايه البيئه": "no", "هشام مرسي": "person",
    "جماعه بوكو حرام": "org", "عمر الجاسر": "person", "صندوق تنميه الموارد البشريه": "org",
    "موهبه الصيفي": "no", "عبدالرحمن بن عبدالعزيز السديس": "person", "المجموعه الثامنه": "no",
    "قوه المهام المشتركه": "no", "محمد بن عثمان القرني": "person", "نادي الخليج": "org",
    "منظمه هيومن رايتس ووتش": "org", "شكره لجميع": "no", "جمعيه الكشافه العربيه السعوديه": "org",
    "التحالف غارات": "no", "جامعه الملك فيصل": "org", "الاتحاد السوفياتي": "place", "ظهران الجنوب": "place",
    "هيئه الهلال": "no", "سالم الدوسري": "person", "خالد بن سعد": "person", "ناصر الدوسري": "person",
    "مركز الملك فيصل للدراسات الاسلاميه والبحوث": "org", "اربع مباريات": "no", "عبدالله البرقان": "person",
    "مبارياته الوديه": "no", "خورخي داسيلفا": "person", "مركز الرعايه": "no", "فهد العتيبي": "person",
    "بمكه المكرمه": "no", "غرم الله": "no", "قوه الدولار": "no", "عبدالله الفهد": "person",
    "جيش الاحتلال الاسرائيلي": "org", "المنظمه العربيه للسياحه": "org", "الحلف الاطلسي": "org",
    "جامعه جازان": "org", "محيي الدين": "no", "بدوله قطر": "no", "لسوق عكاظ": "no", "تنظيم مخطط": "no",
    "قناه السيول": "no", "اتحاد كونكاكاف": "org", "محكمه الجنايات": "org",
    "المركز السعودي لكفاءه الطاقه": "org", "عبدالعزيز بن محمد": "person",
    "النادي الباريسي حاول جاهدا الصيف": "no", "الشركه المشغله لهذه القطارات": "no", "جمعيه كشفيه وطنيه": "no",
    "عبدالعزيز بن سطام بن عبدالعزيز": "person", "منصور بن سعود بن عبدالعزيز": "person",
    "فهد بن عبدالله بن عبدالعزيز": "person", "ودوري ابطال": "no",
    "المكتب التعاوني للدعوه والارشاد وتوعيه الجاليات": "org", "المجموعه السادسه": "no",
    "محمد الثبيتي": "person", "وكاله الاناضول": "org", "وتم رفض": "no", "محمد العقيل": "person",
    "مكافحه المخدرات": "no", "الوزاره للتفتيش وتطوير بيئه العمل": "no",
    "الوزاره لشؤون المساجد والدعوه الارشاد": "no", "حفل تخريج": "no", "حزب العداله والتنميه الحاكم": "org",
    "الشركه المسجلين": "no", "محمد بن راشد": "person", "عبده الحذيفي": "person", "محكمه جنايات القاهره": "org",
    "ضيف الله": "no", "فيصل بن مشعل بن سعود": "person", "مجموعه الدول": "no", "فهد بن محمد": "person",
    "سامي معوض عوض الله الحربي": "person", "مركز الملك عبدالله": "no", "الجيش السوري الحر": "org",
    "المجلس الوزاري": "no", "بدر بن عبدالرحمن السمحان": "person", "احمد بن عبدالعزيز": "person",
    "مستشفي شرق جده بسعه سريريه قدرها": "no", "فيصل بن فهد": "person", "عبدالله محمد": "person",
    "مجلس الغرف السعوديه": "org", "وليد بن محمد الصمعاني": "person", "مجموعه صغيره": "no", "نادي نجران": "org",
    "محمد حسنين هيكل": "person",
}
# the top 30 places of the development days (places are not hidden: precision only)
DEV_LABELS |= {
    "الرياض": "place", "مكه المكرمه": "place", "جده": "place", "جازان": "place", "المدينه المنوره": "place",
    "الطائف": "place", "عسير": "place", "الاحساء": "place", "تبوك": "place", "عدن": "place", "ابها": "place",
    "نجران": "place", "الباحه": "place", "الشرق الاوسط": "place", "لحج": "place", "تعز": "place", "القصيم": "place",
    "اليورو": "no", "حائل": "place", "القطيف": "place", "الضالع": "place", "الجوف": "place", "ابين": "place",
    "مارب": "place", "امنه": "no", "ينبع": "place", "صبر": "place", "الحدود الشماليه": "place", "دوما": "place",
    "صبيا": "place",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (development days, suggestions of the speech-verb / apposition cues and the
    # article-only heads; نصر الله: a fragment, الحرس الجمهوري: every republic has one)
    "المقاومه الشعبيه": "org", "صحيفه ديلي ميل": "org", "داود اوغلو": "person", "الحرس الجمهوري": "no",
    "نصر الله": "no", "رامي عبدالرحمن": "person", "المقاومه والجيش": "no", "محمد بن عبدالرحمن المخرج": "person",
    "صحيفه الوطن": "org",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (fourth pass, development days: suggestions that watched names and the grouping
    # brought into the top 100; محمد عمر, سعد بن محمد: fragments of several names; ميليشيات الحوثي وصالح: two)
    "البنك المركزي الاوروبي": "org", "حسن معاذ": "person", "محمد عمر": "no", "سعد بن محمد": "no",
    "ميليشيات الحوثي وصالح": "no",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (stop 28, development days: suggestions the look-back brought into a top 100; a
    # fragment, a run-on of two names or a unit every region has is no, as before)
    "الشركه الوطنيه السياحيه": "org", "بعثه الحكام المشاركين": "no", "عبدالله الاحمري": "person",
    "رابطه الجامعات الاسلاميه ووزارات الشؤون الاسلاميه": "no", "مجلس قياده المقاومه": "no",
    "مركز الضبط الامني": "no", "مستشفي الملك فيصل التخصصي": "org", "صالح بن محمد": "no",
    "مستشفي الملك فهد بجده": "org", "رابطه الجامعات الاسلاميه": "org", "علي الغامدي": "no", "مستشفي نمره": "org",
    "نادي برشلونه": "org", "هيئه السياحه والاثار": "org", "حاله الطوارئ": "no", "عبدالله الاقتصاديه": "no",
    "فتح ابواب": "no", "حجاج الداخل": "no", "اكاديميه الشعر العربي": "org", "النادي الرئيسيه": "no",
    "الهيئه السعوديه للتخصصات الصحيه للتخصصات الطبيه": "no", "فهد كفاين سيعودون": "no",
    "فيصل بن تركي بن عبدالله": "person", "مجلس الاستقرار المالي": "org", "مجموعه العشرين بمبادره": "no",
    "محمد الناصر اقرار القانون باللحظه": "no", "هيئه اعضاء": "no", "وتقديره لمواقف المملكه": "no",
    "وزاره الثقافه والاعلام وبمشاركه الجهات ذات": "no", "المديريه العامه لكليه": "no",
    "مستشفي الملك فهد بمكه المكرمه": "org", "الشركه السعوديه للمعلومات الائتمانيه": "org",
    "مؤسسه النقد العربي السعودي مؤخرا": "no",
}
DEV_LABELS |= {
    # 2026-12-04, stop 34, helper B: the unlabelled persons / organizations of the development top 100s (deva and devb,
    # lists devrep and old) of the baseline (fd74c66) and of the non-name rules' runs, labelled from their printed
    # contexts; "no" also for a wrong extent (a name cut or carried on) and a bare lineage (ابراهيم بن عبدالله)
    "زيد القحطاني": "person", "منصور جوهر": "person", "جمعان الدوسري": "person", "ايلتون الميدا": "person",
    "انجلينا جولي": "person", "اسامه بن جعفر فقيه": "person", "منصور بن محمد بن سعد": "person",
    "فواز فلاته": "person", "عبدالعزيز بن عبدالله بن رقوش": "person", "بنسون كيبوي": "person", "محمد كريم": "person",
    "خالد الغملاس": "person", "محسن النجار": "person", "ابراهيم الدعيلج": "person", "حسن بن بدر القصيبي": "person",
    "حمد الحبردي": "person", "وائل الدهاسي": "person", "طارق فاطمي": "person", "يوسف الظاهري": "person",
    "عبدالله الخنين": "person", "احمد الحبسي": "person", "عبدالله بن سعيد بن ضاوي": "person", "حسين الجسمي": "person",
    "حامد سبيه": "person", "عبدالناصر عسيري": "person", "ابراهيم الطلحي": "person", "جو هارت": "person",
    "فهد المقحم": "person", "مطلق الازيمع": "person", "عبدالحميد ابا العري": "person", "طريف الاعمي": "person",
    "مجمع الامل للصحه النفسيه": "org", "وكاله الطاقه الذريه": "org", "شركه هيوليت باكارد": "org",
    "هيئه سوق المال": "org", "شركه اكس جت الامريكيه": "org", "منظمه الاوبك": "org", "وكاله بلومبرج": "org",
    "مولده النرويجي": "org", "جامعه برمنغهام": "org", "عبدالله بن ابراهيم": "no", "جو هارت بعدها": "no",
    "تعليم تبوك": "no", "اطراف الحديث": "no", "ناديه الجديد": "no",
    "مطلق الازيمع وكبار الضباط": "no", "صالح طريق": "no", "زينب وسط": "no", "وعبدالمجيد الفوزان": "no",
    "نجم فريق": "no", "احمد خان": "no", "تعد فرصه ثريه": "no", "البعثه الدبلوماسيه الكوبيه": "no", "عقد يمتد": "no",
    "مركز الظهير الايسر": "no", "فهد المقحم المبتعثين": "no", "اعضاء شرف": "no", "تعليم الخرج": "no", "ضيف شرف": "no",
    "ابراهيم بن عبدالله": "no", "بذكري اعلان": "no", "ابراهيم بن عبدالعزيز": "no", "اسمي ايات التهاني": "no",
    "محمد ال صمغان": "person", "مسلم ال فريج": "person", "عصمت مراد": "person", "ماجد المرشدي": "person",
    "مهند هادي": "person", "منصور بن سلطان": "person", "راشد الراشد": "person", "نادر حمزه مطير": "person",
    "سعد الصعب": "person", "محمد رضا نعمت زاده": "person", "رودريجو مورا": "person", "هوبير فورنييه": "person",
    "بيتر هينشكليف": "person", "توفيق خوجه": "person", "راشد بن زومه": "person", "عبدالرحيم خليل": "person",
    "بيتر شيك": "person", "سعيد مخايش": "person", "علي الشهري": "person", "خالد الشرار": "person",
    "عمر الحسن": "person", "عبدالامير الخزرجي": "person", "محمد عوض": "person", "جون ويلموث": "person",
    "عماد متعب": "person", "فضل محمد حسين الجعدي": "person", "احمد بن عيسي الحازمي": "person",
    "تركي بن احمد السديري": "person", "عبدالرحمن الوهابي": "person", "صحيفه فاينانشيال تايمز": "org",
    "مصلحه السجون الاسرائيليه": "org", "الجمعيه الوطنيه للمتقاعدين": "org", "مستشفي الامير عبدالعزيز بن مساعد": "org",
    "هيئه الرقابه والتحقيق": "org", "شركه دله للخدمات الصحيه": "org", "تشيلسي الانجليزي": "org",
    "شركه اسيا للاستثمار": "org", "عبدالعزيز مراد": "no", "طالبان توفي": "no", "زينب محمد لباد البالغه": "no",
    "عيسي حياتو بعدما اتهم السويسري": "no", "ربع النهائي": "no", "خارجيه ايران": "no", "عمر بن عبدالهادي": "no",
    "جان بول": "no", "فرصه اللعب": "no", "وشقيقه بجروح": "no", "جمعيه تحفيظ القران": "no", "الهيئه الاستشاريه": "no",
    "علماء المسلمين": "no", "جيمس بالمر": "no", "متعب بالباحه": "no", "فهد يرافقه": "no", "محمد بن حسين": "no",
    "محمد بن فيصل بن محمد": "no", "عبدالرحمن الشرفي": "person", "ناصر الدويسي": "person", "زياد البازعي": "person",
    "صالح بن فوزان": "person", "ممفيس ديباي": "person", "عيسي حياتو": "person", "زينب محمد لباد": "person",
    "شادي ابو هشهش": "person", "مورجان شنايدرلين": "person", "محمد رضا نعمت": "no", "متعب ال ثواب مشرف": "no",
    "البنك الوطني اليوناني": "org", "صندوق الموارد البشريه": "org", "فارس بن مياح الشفق": "person",
    "يحيي رسول": "person", "جديع القحطاني العديد": "no", "علي ابو حليقه": "person", "عيسي قراقع": "person",
    "عبدالله نصيب": "person",
}
TEST_LABELS: dict[str, str] = {
    # labelled after the run of 2026-12-02 (printed unlabelled; عبدالله بن صالح: a fragment of several names)
    "حسين عبدالغني": "person", "جمال عبدالناصر": "person", "عبدالله بن صالح": "no",
    "قناه السويس": "place", "مجلس التنميه السياحيه": "no", "مستشفي عسير المركزي": "org",
    "سعود كريري": "person", "قوات المقاومه": "no", "التحالف بقياده": "no",
    "الجمعيه العربيه السعوديه للثقافه والفنون": "org", "سعود الدوسري": "person", "ماجد بن عبدالله": "person",
    "نادي كوينز بارك": "org", "حركه الملاحه": "no", "الجيش الوطني والمقاومه": "no", "جورجيوس دونيس": "person",
    "عبداللطيف بن عبدالملك": "person", "خالد بحاح": "person", "الهيئه السعوديه للمهندسين": "org",
    "نادي القادسيه": "org", "الجيش الوطني والمقاومه الشعبيه": "no", "جامعه الدمام": "org",
    "القوات اضافه": "no", "الوزاره لشؤون": "no", "وزاره الحرس الوطني": "org", "الاتحاد السعودي لكره": "no",
    "قوات الطواريء الخاصه": "org", "سليم الجبوري": "person", "المجلس الاعلي للقضاء": "org",
    "شركه الخطوط الجويه": "no", "كارلوس ادواردو": "person", "قناه الاخباريه": "org",
    "عثمان بن ناصر المحرج": "person", "سامي الصالح": "person", "شركه تطوير": "no", "عدنان المعيبد": "person",
    "حمد بن عيسي": "person", "الحركه التجاريه": "no", "مستشفي قوي الامن بالرياض": "org",
    "نايف الشريف": "person", "محمد القرني": "person", "مصرف الراجحي": "org",
    "منظمه حظر الاسلحه الكيميائيه": "org", "فيصل بن الحسين": "person", "عمر المهنا": "person",
    "قوات طوارئ عسير": "no", "وزاره الاقتصاد والتخطيط": "org", "قوه واجتماعا وتالفا": "no",
    "القوات الجويه السعوديه لتسيير جسر جوي": "no", "جمعيه النحالين التعاونيه": "org",
    "حزب المؤتمر الشعبي": "org", "عبدالله القرني": "person", "احمد الخازم": "person",
    "عبدالعزيز بن سعود بن نايف": "person", "جميل البقعاوي": "person", "محمد اسماعيل": "person",
    "مبارك واكاسو": "person", "وزاره المياه والكهرباء": "org", "محمد بن زايد": "person",
    "قوات الحرس الوطني": "org", "سعيد بن محمد": "person", "مركز القياده والتحكم": "no",
    "فيصل البدين": "person", "محمد بن عبدالعزيز": "person", "جماعه المسلمين": "no",
    "البنك السعودي للتسليف والادخار": "org", "سليمان بن عبدالعزيز اليحيي": "person", "مركز ابحاث": "no",
    "هيئه السياحه والتراث الوطني": "org", "عبدالله بن زايد": "person", "بعثه المنتخب السعودي": "no",
    "شكره وتقديره": "no", "خالد بن سلطان": "person", "محمد صالح": "person", "القوات واصابه اخرين": "no",
    "الوزاره للشؤون العماليه": "no", "عبدالرحمن السلمي": "person", "مركز التدريب": "no",
    "سعود القحطاني": "person", "ياسر الرميان": "person", "ابراهيم غالب": "person", "محمد عبده": "person",
    "مركز للشرطه": "no", "طلال الفهد": "person", "رابطه دول جنوب شرق اسيا": "org", "قوه وثباتا واجتماع": "no",
    "لويس انريكي": "person", "حسني مبارك": "person", "الاتحاد العربي": "no", "القوه الشرائيه": "no",
    "جامعه اكسفورد": "org", "المجلس علما": "no", "محمد العيسي": "person", "مركز التحكم والتوجيه": "no",
    "الاتحاد البرتغالي": "org", "نايف بن عبدالعزيز": "person", "عبدالله احمد": "person",
    "فايز الطراونه": "person", "سليمان العسكر وعدد": "no", "مليشيا الحوثي": "org", "جامعه هارفارد لصيف": "no",
    "فرانسوا هولاند": "person", "بريده": "place", "زنجبار": "place", "المعرفه": "no", "سيناء": "place",
    "تكساس": "place", "التمور": "no", "ومحافظات": "no", "الضباب": "place", "صناعيه": "no", "الخليج": "place",
    "صعده": "place", "كاليفورنيا": "place", "بيشه": "place", "الاسماعيليه": "place", "حفر الباطن": "place",
    "الجزاء": "no", "الحديده": "place", "القناه": "no", "ميلانو الايطاليه": "no", "لودر": "place",
    "امن واستقرار": "no", "الروضه": "place", "حماه": "place", "الخرج": "place", "اللاذقيه": "place",
    "الحرث": "place", "جيزان": "place", "حضرموت": "place", "الدمام": "place", "الجبيل": "place",
}
TEST_LABELS |= {
    # labelled 2026-12-03 after the one run with the fresh draw (and the run with the first draw the same
    # day), from the printed suggestions and contexts: precision only, nothing else changed after it.
    # عبدالعزيز بن عبدالله: the context is the Grand Mufti's name; الاتحاد الدولي لكره, قوات الحرس: cut names.
    "الاتحاد السعودي لكره القدم": "org", "مجلس التعاون": "org", "خالد الفيصل": "person", "نادي النصر": "org",
    "عبدالفتاح السيسي": "person", "بشار الاسد": "person", "باراك اوباما": "person", "منصور البلوي": "person",
    "عبدالعزيز بن عبدالله": "person", "محمد مرسي": "person", "الهيئه العامه للسياحه": "org",
    "سيرجي لافروف": "person", "الاتحاد الدولي لكره": "no", "هيئه الطيران المدني": "org",
    "وكاله الاناضول للانباء الرسميه": "org", "خالد محمد عبدالله الشحي": "person",
    "فيصل بن بندر بن عبدالعزيز": "person", "نبيل العربي": "person", "جلوي بن عبدالعزيز بن مساعد": "person",
    "قوات الحرس": "no", "عبدالعزيز المهوس": "person", "عبداللطيف بن راشد الزياني": "person",
    "عبدالله الغامدي": "person", "فهد العيسي": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-03 (fourth pass) after the one run with the third draw and the second run with the
    # fresh one, from the printed contexts: precision only, nothing else changed after them. Hidden names
    # of the third draw had no label (they were known before). بندر بن عبدالعزيز: the context is the end of
    # فيصل بن بندر بن عبدالعزيز; الاتحاد التجاري: a cut company name.
    "عادل الجبير": "person", "جامعه الملك عبدالعزيز": "org", "هيئه الهلال الاحمر السعودي": "org",
    "سعود الفيصل": "person", "عبدالله الربيعه": "person", "ميشال بلاتيني": "person", "تركي بن عبدالله": "person",
    "محمد العمري": "person", "بندر بن عبدالعزيز": "no", "منظمه الامم المتحده للتربيه والعلم والثقافه": "org",
    "جمعيه الثقافه والفنون بجده": "org", "عبدالله العنزي": "person", "المليشيات الانقلابيه": "no",
    "الاتحاد التجاري": "no", "عبدالله السواط": "person", "فهد العيسي ومعالي": "no", "خالد ابو زيد وعدد": "no",
    "مجلس الشوري رقم": "no", "شركه النيل ستسير رحلتين اسبوعيا": "no",
    "المديريه العامه للجوازات اجراءات تصحيح اوضاع": "no", "احمد ابو زيد": "person",
    "مجلس التعاون الخليجي": "org", "سيرغي لافروف": "person",
    # places printed unlabelled by the same runs (test days; القناه: the canal zone, not one place)
    "القنفذه": "place", "شبوه": "place", "الاسكندريه": "place", "القناه": "no", "اليابسه": "no", "الجزاء": "no",
    "التمور": "no", "صناعيه": "no", "ومحافظات": "no", "امن واستقرار": "no", "زنجبار عاصمه": "no",
}
TEST_LABELS |= {
    # labelled 2026-12-03 (sixth pass) after the one run with the fourth draw (--universe extended), from the
    # printed contexts: precision only (SUPPLEMENT_FROM_LABELS_FILE was frozen before; nothing else changed).
    # Cut or run-on names are not names (وشؤون المغتربين ناصر جوده, عبدالله بن احمد [آل عواض], حسان مبروك
    # [العتيبي], فهد الطبيه of مدينة الملك فهد الطبية); قناه بنما and مملكه البحرين are places.
    "نادي الاتحاد": "org", "حيدر العبادي": "person", "حزب العمال الكردستاني": "org", "رابطه العالم الاسلامي": "org",
    "محمد جواد ظريف": "person", "عثمان المحرج": "person", "الجمعيه العربيه السعوديه": "no",
    "وشؤون المغتربين ناصر جوده": "no", "الاتحاد الكويتي لكره القدم": "org", "المقاومه والجيش الوطني": "no",
    "بندر بن سعود بن محمد": "person", "عبدالله القريني": "person", "احمد بن قران الغامدي": "person",
    "فهد الطبيه": "no", "قناه بنما": "place", "قوات المخلوع صالح": "org", "الهيئه تعمل": "no",
    "التحالف بقياده المملكه العربيه السعوديه": "no", "المؤسسه العامه لصوامع الغلال ومطاحن الدقيق": "org",
    "مملكه البحرين": "place", "مجموعه الطيار للسفر القابضه": "org", "عبدالعزيز الموسي": "person",
    "الاتحاد العربي السعودي": "no", "بدر عبدالرحمن السمحان": "person", "فهد بن فهيد السبيعي": "person",
    "المقاومه الجنوبيه": "org", "عز الدين": "no", "الحركه السياحيه": "no",
    "النادي الكاتالوني الكرواتي ايفان راكيتيتش": "no", "التحالف بقياده السعوديه": "no", "نادي الانصار": "org",
    "المجلس التنسيقي": "no", "عبدالله بن احمد": "no", "القوه الاماراتيه المشاركه": "no",
    "منظمه برامج الطاقه النوويه": "no", "عاطي القرشي": "person", "راشد الغامدي": "person",
    "شركه يابانيه متخصصه": "no", "ديفيد مويز قبيل نهايه موسم": "no", "المجلس الاولمبي الاسيوي": "org",
    "حسان مبروك": "no", "مجلس الشؤون الاقتصاديه والتنميه اجتماعا": "no", "حركه الشاحنات": "no",
    "عمر الاكلبي": "person", "نادي مانشستر سيتي": "org", "عوض الله": "no", "كريستيانو رونالدو": "person",
    "محمد الحارثي": "person", "مارك تونر": "person", "سعود بن بدر بن محمد": "person",
    "منصور بن بدر بن فيصل": "person", "نواف بن سعود بن هذلول": "person", "تركي بن بدر بن فهد": "person",
    "الشركه الراعيه": "no", "صالح الاحمد": "person", "نجيب عبدالرزاق": "person", "قوات الشرعيه": "no",
    "جامعه الامير سطام بن عبدالعزيز بالخرج": "org", "صلاح بن محمد البدير": "person", "مجلس الامن رقم": "no",
    "مركز الدراسات": "no", "محمد القحطاني": "person", "مايكل براون برصاص": "no", "الاتحاد الافريقي": "org",
    "عبدالرحمن البنيان": "person", "ثامر المحشادي": "person", "محمد العايش": "person",
}
DEV_LABELS |= {"الحوطه عاصمه": "no"}  # a place printed unlabelled by the development run of the fourth pass
DEV_LABELS |= {
    # 2026-12-04, stop 35, helper A: labelled 20:20-20:30 UTC from the printed contexts, after the runs: the
    # unlabelled persons and organizations that the extraction rules (connector_next, nisba_name, place_named,
    # lineage_prefix) moved into or out of the top 100s of the 4 development cells (broadest, memory, history);
    # devb's rows labelled only, no rule changed from them. A lineage without its family name (احمد بن علي of
    # احمد بن علي آل مريع), a cut or a run-on is `no`; rows without a context (ناصر بن علي, ابراهيم بن احمد …) and
    # نقابه صيادي السمك, نقابه الاطباء, قوه جازان (a generic unit or a name: undecided) left unlabelled
    "شركه الاستشارات العقاريه": "no", "مجموعه السعوديه الاكثر": "no", "سيرخيو راموس": "person",
    "شويش بن سعود الضويحي": "person", "فرقه مواهب وافكار": "org", "جماعه منافسه": "no", "محمد ناصر": "person",
    "اياد بن امين مدني": "person", "احمد بن علي": "no", "خالد بن علي": "no", "زيد بن علي الدكان": "person",
    "شركه سوني": "org", "بنك اوف": "no", "مستشفي صبيا": "org", "صحيفه افغي": "org", "عبدالعزيز المسعد": "person",
    "شركه الظهران اكسبو": "org", "نبيل بن محمد": "no", "هيئه الاعلام المرئي والمسموع": "org",
    "ورونالدو ديل كارمن": "no", "حامد بن صالح الربيعي": "person", "جامعه الملك عبدالعزيز واعضاء التدريس بكليه": "no",
    "محكمه استئناف بالولايه": "no", "شجاع الدوسري": "person", "سعد بن رحيل السويدي رتبته": "no",
    "حاتم الغامدي": "person", "عبدالرحمن الجنوبي": "person", "جون تاردونو عالم الجيوفيزيقا": "no",
    "وكاله الجمهوريه الاسلاميه للانباء": "org", "جامعه نايف العربيه للعلوم الامنيه للارتقاء": "no",
    "بغابه رغدان": "no", "عبدالمحسن ابا نمي": "person", "محمد بن علي": "no", "هادي بن علي اليامي": "person",
    "عبدالرحمن بن علي المهنا": "person", "بدر بن علي الكحيل": "person", "ابراهيم بن علي بني هميم": "person",
    "ناصر بن علي": "no", "مستشفي ظهران الجنوب": "org", "تنظيم الاخوان": "org", "صحيفه ديلي": "no",
    "موفق محمد ابو طالب": "person", "جوزف بلاتر": "person", "مستشفي الحياه الوطني": "org",
    "هيئه البحث العلمي بالمدينه": "no", "لاتمام عمليه المطابقه": "no", "اعتيادي ومالوف": "no",
    "ديوان الاماره بالتواصل والتنسيق": "no", "ناصر الشعيبي مقتل": "no", "عاهد عقيل": "person",
    "حمود الصميلي": "person", "كيكو كاسيا": "person", "تركي العسيري": "person", "خوسيه الميدا": "no",
}
DEV_LABELS |= {
    # 2026-12-04, stop 34, helper A: labelled 16:35-16:45 UTC from the printed contexts, before MIN_CUE_SHARE was
    # decided: every unlabelled person and organization of the top 100s of the 4 development cells (wider, memory,
    # history) at MIN_CUE_SHARE 0.2 and 0.3 (both ranked from the same replays); a cut, a run-on or a generic unit is
    # `no`; عبدالله بن ابراهيم (no context) left unlabelled
    "ابراهيم الدعيلج": "person", "احمد الحبسي": "person", "احمد بن عيسي الحازمي": "person", "احمد خان": "no",
    "اسامه بن جعفر فقيه": "person", "اطراف الحديث": "no", "اعضاء شرف": "no", "البعثه الدبلوماسيه الكوبيه": "no",
    "البنك الوطني اليوناني": "org", "الجمعيه الوطنيه للمتقاعدين": "org", "الهيئه الاستشاريه": "no",
    "انجلينا جولي": "person", "ايلتون الميدا": "person", "بنسون كيبوي": "person", "بيتر شيك": "person",
    "بيتر هينشكليف": "person", "تركي بن احمد السديري": "person", "تشيلسي الانجليزي": "org", "تعد فرصه ثريه": "no",
    "تعليم الخرج": "no", "تعليم تبوك": "no", "تمارينه اليوميه": "no", "توفيق خوجه": "person",
    "جامعه برمنغهام": "org", "جان بول": "no", "جمعان الدوسري": "person", "جمعيه تحفيظ القران": "no",
    "جو هارت بعدها": "no", "جون ويلموث": "person", "جيمس بالمر": "no", "حامد سبيه": "person",
    "حسن بن بدر القصيبي": "person", "حسين الجسمي": "person", "حمد الحبردي": "person", "خارجيه ايران": "no",
    "خالد الشرار": "person", "خالد الغملاس": "person", "راشد الراشد": "person", "راشد بن زومه": "person",
    "ربع النهائي": "no", "رودريجو مورا": "person", "زيد القحطاني": "person", "زينب محمد لباد البالغه": "no",
    "زينب وسط": "no", "سعد الصعب": "person", "سعيد مخايش": "person", "شركه اسيا للاستثمار": "org",
    "شركه اكس جت الامريكيه": "org", "شركه دله للخدمات الصحيه": "org", "شركه هيوليت باكارد": "org",
    "صالح طريق": "no", "صحيفه فاينانشيال تايمز": "org", "صندوق الموارد البشريه": "org", "طارق فاطمي": "person",
    "طالبان توفي": "no", "عبدالامير الخزرجي": "person", "عبدالحميد ابا العري": "person",
    "عبدالرحمن الشرفي": "person", "عبدالرحمن الوهابي": "person", "عبدالرحيم خليل": "person",
    "عبدالعزيز بن عبدالله بن رقوش": "person", "عبدالعزيز مراد": "no", "عبدالكريم بن سعود": "no",
    "عبدالله الخنين": "person", "عبدالله بن سعيد بن ضاوي": "person", "عبدالله نصيب": "person",
    "عبدالناصر عسيري": "person", "عصمت مراد": "person", "عقد يمتد": "no", "علماء المسلمين": "no",
    "علي ابو حليقه": "person", "علي الشهري": "person", "عماد متعب": "person", "عمر الحسن": "person",
    "عمر بن عبدالهادي": "no", "عيسي حياتو بعدما اتهم السويسري": "no", "عيسي قراقع": "person",
    "فارس بن مياح الشفق": "person", "فرصه اللعب": "no", "فضل محمد حسين الجعدي": "person",
    "فهد المقحم المبتعثين": "no", "فهد بن جليد": "person", "فهد يرافقه": "no", "فواز فلاته": "person",
    "قوات الحكومه الليبيه المعترف": "no", "ماجد المرشدي": "person", "متعب بالباحه": "no",
    "مجمع الامل للصحه النفسيه": "org", "محسن النجار": "person", "محمد ال صمغان": "person", "محمد بن حسين": "no",
    "محمد بن فيصل بن محمد": "no", "محمد رضا نعمت زاده": "person", "محمد عوض": "person", "محمد كريم": "person",
    "مركز الظهير الايسر": "no", "مستشفي الامير عبدالعزيز بن مساعد": "org", "مستشفي الملك خالد بحائل": "org",
    "مسلم ال فريج": "person", "مصلحه السجون الاسرائيليه": "org", "مطلق الازيمع وكبار الضباط": "no",
    "منصور بن سلطان": "person", "منصور بن محمد بن سعد": "person", "منصور جوهر": "person", "منظمه الاوبك": "org",
    "مهند هادي": "person", "موسي الخرمي": "person", "مولده النرويجي": "org", "نادر حمزه مطير": "person",
    "ناديه الجديد": "no", "نجم فريق": "no", "هوبير فورنييه": "person", "هيئه الرقابه والتحقيق": "org",
    "هيئه سوق المال": "org", "وائل الدهاسي": "person", "وشقيقه بجروح": "no", "وعبدالمجيد الفوزان": "no",
    "وكاله الطاقه الذريه": "org", "وكاله بلومبرج": "org", "يحيي رسول": "person", "يوسف الظاهري": "person",
    # and at 16:40 UTC the unlabelled names of the same cells' top 100s at MIN_CUE_SHARE 0.4 (the second idea)
    "تحرير جريده": "no", "تحرير مجله": "no", "جماعه المسجد": "no", "زكي حسنين": "person", "محمد الزميع": "person",
    "معهد ابن سينا للعلوم الانسانيه": "org", "احمد جمال": "person", "جيانيس فيتفاتزيدس": "person",
    "شريف الكيلاني": "person",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (seventh pass, before any rule change): every unlabelled person and organization of
    # the top 300 of the development days (devrep and the first list, extended universe, no names known
    # before); a fragment, a run-on or a generic unit (every region has one) is `no`
    "عبدربه منصور هادي": "person", "عزام بن محمد الدخيل": "person", "نادي الهلال": "org",
    "هيئه الاذاعه البريطانيه": "org", "نوري المالكي": "person", "فيصل بن تركي": "person", "اشتون كارتر": "person",
    "عبداللطيف الخضير": "person", "مجلس الشؤون الاقتصاديه والتنميه": "org", "المديريه العامه للجوازات": "org",
    "عبدالله الثاني": "person", "منظمه اوبك": "org", "مساعد بن محمد العيبان": "person",
    "مركز التدريب والتطوير": "no", "الهيئه السعوديه للتخصصات الصحيه": "org", "منظمه البلدان المصدره للبترول": "org",
    "مستشفي الولاده والاطفال بمكه المكرمه": "org", "القوه العربيه": "no", "مجلس الشؤون السياسيه": "no",
    "بندر بن خالد بن عبدالعزيز": "person", "صحيفه الشرق الاوسط": "org",
    "مؤسسه الملك عبدالعزيز للموهبه والابداع": "org", "حركه المقاومه الاسلاميه": "org", "محمد الغامدي": "no",
    "المنظمه العربيه": "no", "مستشفي شرق جده": "org", "الجهاز الهضمي": "no",
    "مستشفي الملك فيصل بمكه المكرمه": "org", "سامي الحربي": "person", "المكتب السياسي": "no",
    "مركز الضبط الامني بالسيل": "no", "عبدالقادر عمراني": "person", "مستشفي الجموم": "org", "لوران بلان": "person",
    "عبدالله ابوثنين": "person", "قطاع ظهران الجنوب": "place", "الجيش المواليه للشرعيه": "no",
    "محمد بن سليمان": "no", "متعب بن عبدالله بن عبدالعزيز": "person", "عبدالرحمن بن عبدالله": "no",
    "سمير جعجع": "person", "النادي برئاسه": "no", "عوض خميس": "person", "لاوبك عبدالله البدري": "no",
    "سلطان بن عبدالعزيز": "person", "المجلس التنسيقي لحجاج الداخل واللجنه الوطنيه": "no", "زين العابدين": "no",
    "صحيفه وول ستريت جورنال": "org", "راشد بن عبدالله": "person", "وكاله الاستخبارات المركزيه": "org",
    "انور قرقاش": "person", "المديريه العامه للشؤون الصحيه": "no", "صحيفه واشنطن بوست": "org",
    "عبدالرحمن العجلان": "person", "عبدالرحمن الثمالي لتحليل وجمع معلومات": "no",
    "خالد بن عبدالقادر طاهر": "person", "مركز القياده": "no", "عمر السومه": "person", "جامعه جده بتشغيل": "no",
    "ديوان الاماره": "no", "عبدالله بن خالد بن عبدالعزيز": "person", "تركي العبدالله الفيصل": "person",
    "سلطان بن فهد بن عبدالله": "person", "سلمان بن سلطان بن عبدالعزيز": "person",
    "نايف بن سلطان بن عبدالعزيز": "person", "سعود بن سلمان بن عبدالعزيز": "person",
    "خالد بن سلمان بن عبدالعزيز": "person", "نايف بن سلمان بن عبدالعزيز": "person",
    "فهد بن عبدالله العسكر": "person", "تميم بن عبدالعزيز السالم": "person", "حركه طالبان الافغانيه": "org",
    "مستشفي الصحه النفسيه بجده": "org", "مستشفي النساء والولاده بالقنفذه": "org", "مستشفي الاطفال بالطائف": "org",
    "مجمع الملك عبدالله بشمال جده": "org", "مركز الامير عبدالمجيد لامراض الكلي": "org", "المجموعه التاسعه": "no",
    "الجبهه الجنوبيه": "no", "محمد القاسم": "person", "عبدالله الزهراني": "person", "وكاله الفضاء": "no",
    "مديريه سيئون": "place", "المجموعه الشمسيه": "no", "محمد حسن": "no", "الاتحاد السوفييتي": "place",
    "شركه تامين": "no", "مليشيات الحوثي وصالح": "no", "مركز طب الاسنان": "no", "المنظمه الكشفيه العالميه": "org",
    "محمد امان": "person", "صحيفه حرييت": "org", "جامعه حائل": "org", "وزاره الشئون": "no",
    "حزب سيريزا اليساري": "no", "صالح العمري": "person", "فيصل بن عبدالله بن عبدالعزيز": "person",
    "الجهاز التنفسي": "no", "الوزاره شار الشهري بملاك العقارات": "no", "الوزاره لمتابعه اداء سوق العمل": "no",
    "مركز الابحاث المشترك لبناء علاقه تبادل": "no", "حزب الشعوب الديمقراطي": "org", "ميليشيات صالح": "org",
    "مركز ايداع الاوراق الماليه": "org", "الحرس الملكي المكلف": "no", "ابراهيم البلوي": "person",
    "الوزاره الالكتروني": "no", "الاتحاد منصور": "no", "فهد التخصصي ببريده": "no", "تيسير الجاسم": "person",
    "محمد مجرشي": "person", "النادي اللندني": "no", "مستشفي الامل والصحه النفسيه بالطائف": "org",
    "مستشفي نمره القنفذه": "no", "خليفه بن سلمان": "person", "يوسف البنيان": "person",
    "مستشفي الملك فهد بالهفوف": "org", "مستشفي الامير سعود بن جلوي": "org", "فيصل ابا الخيل": "person",
    "عبدالله العسكر": "no", "حمد الحمد": "person", "سعود بن عبدالله بن ثنيان": "person",
    "عبدالله يامين عبدالقيوم": "person", "محمد بن خالد": "no", "احمد شراحيلي": "person",
    "مستشفي عرعر المركزي": "org", "فيصل درويش": "person", "هيئه تدريس": "no", "نبيل ابو ردينه": "person",
    "محمد المخرج": "person", "هيئه اعضاء الشرف": "no", "عبدالعزيز ورجاله": "no", "التحالف شن": "no",
    "مكتب رعايه الشباب بالمنطقه": "no", "عبدالرحمن الركبان": "person", "الجيش والمقاومه الشعبيه": "no",
    "المصلحه المشتركه للبلدين والشعبين الشقيقين": "no", "المليشيات الحوثيه والقوات المواليه": "no",
    "زياد الشيحه": "person", "توماس باخ": "person", "سعد دوابشه": "person", "مساعد الزويهري": "person",
    "جمعيه المكفوفين الخيريه": "org", "النادي المكلف": "no", "مجلس امناء": "no", "جهاز مكافحه الارهاب": "org",
    "خالد بن محمد العطيه مادبه": "no", "تنظيم القطاع بالشكل": "no", "مديريه العبر": "place",
    "الشركه مباشره والاخذ ببعض الاستثناءات": "no", "اسامه المولد": "person", "شركه فيسبوك": "org",
    "محمد عبدالله": "no", "مسعود بارزاني": "person", "الوزاره بالتنسيق": "no", "محمد لباد": "no",
    "عبدالله الجاسر واعضاء السفاره السعوديه": "no", "مساعد البراك": "person", "هشام الفالح": "person",
    "وكاله انباء البحرين": "org", "نادي الطائي": "org", "حمد بن محمد الضويلع": "person",
    "عبدالرحمن المهنا": "person", "المؤسسه الكرويه اواخر": "no", "مركز المقابلات": "no", "محمد الحربي": "person",
    "معهد بحوث المياه والطاقه بالمدينه": "no", "محمد كنو": "person", "تنظيم حزب": "no",
    "حزب القوات اللبنانيه": "org", "القوات المشاركه": "no", "فريد ملولي": "person",
    "القوه الخاصه لامن الطرق": "org", "منصور بن متعب بن عبدالعزيز": "person", "عبدالمجيد بن محمد العمري": "person",
    "مارتن ديمبسي": "person", "عبدالعزيز وجده المكلف": "no", "بتامين طائرات شحن تابعه لقياده": "no",
    "وكاله ناسا": "org", "محسن الفضلي": "person", "الاتحاد البرازيلي لكره القدم": "org", "ناصر القصبي": "person",
    "اتحاد كره": "no", "مركز جده الدولي": "no", "منصور التركي": "person", "بيل كلينتون": "person",
    "خالد الدولي": "no", "نادي مانشستر يونايتد": "org", "عبدالله العليان": "person", "صالح الهذلول": "person",
    "عبدالعزيز بن عثمان الصولي": "person", "اسامه نقلي": "person", "مستشفي جنوب القنفذه": "org",
    "مستشفي الليث يلملم": "no", "مستشفي شمال جده": "org", "عبدالعزيز العنزي": "person", "صحيفه عكاظ": "org",
    "حزب الاتحاد الديمقراطي": "org", "مكتب التحقيقات الفيدرالي": "org", "نادي جده الادبي": "org",
    "حركه النهضه": "org", "عبدالله المعيوف": "person", "نادي الجيل": "org", "حركه الشباب الصوماليه": "org",
    "القوه المشتركه": "no", "سلمان العنزي": "person", "احمد بامعوضه": "person", "محمد البريك": "person",
    "الحركه الاقتصاديه": "no", "الائتلاف بضربات": "no", "الهيئه العالميه لاطباء": "no", "مهند عسيري": "person",
    "احمد الفريدي": "person", "اسامه بن لادن": "person", "حسن عسيري": "person", "عبدالملك الحوثي": "person",
    "عبدالرحمن السديس": "person", "خالد المقرن": "person",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (seventh pass): persons and organizations the rule changes brought into the development
    # days' top 300 (devrep and the first list), labelled as they appeared, by the same standard
    "مركز المسيال": "place", "الهيئه الملكيه للجبيل وينبع": "org", "شركه تقنيه للطاقه": "org",
    "قوه المجاهدين": "org", "احمد الغامدي": "no", "النادي الباريسي": "no", "مكتب الصحه والسكان": "no",
    "عبدالرحمن الثمالي": "person", "جامعه جده": "org", "المليشيات الحوثيه والقوات": "no", "مكتب رعايه الشباب": "no",
    "المؤسسه الكرويه": "no", "عبدالعزيز وجده": "no", "جامعه القصيم": "org", "بنك انجلترا المركزي": "org",
    "عبدالله نايف المريبض": "person", "الجامعه السعوديه الالكترونيه": "org", "قوات الحوثيين": "org",
    "تحيات خادم الحرمين الشريفين": "no", "محمد الناصر": "person", "احمد المقيرن": "person",
    "صالح بن حسين قدح": "person", "مكافحه الفساد": "no", "فرقه البحث والانقاذ": "no",
    "غرفه عمليات الهلال الاحمر": "no", "قوات النخبه": "no", "جامعه المؤسس": "no", "محمد السويكت": "person",
    "وزاره الاتصالات وتقنيه المعلومات": "org", "مختار فلاته": "person", "سلمان الفرج": "person",
    "مسعود العدواني": "person", "مجلس قياده": "no", "ابراهيم بن محمد": "no", "جامعه نايف العربيه": "org",
    "مركز التاهيل الشامل": "no", "مجمع الراشد التجاري": "org", "مستشفي شرق عرفات": "org",
    "منظمه للنهوض بالخدمات الطبيه والعلاجيه": "no", "محمد المقدشي": "person",
    "المركز الثالث والميداليه البرونزيه لسباق": "no", "وكاله التنميه باماره المنطقه": "no",
    "تحالف تقوده السعوديه المطار والكثير": "no", "سعود بن جلوي": "person", "فهد بالهفوف": "no", "احمد الجبير": "no",
    "جامعه هارفارد": "org", "حزب المحافظين": "org", "قوات الاسد": "org", "قوات البيشمركه": "org",
    "الحزب الشيوعي": "no", "حامد البلوي": "person", "شركه تطوير عقاري مدرجه": "no", "احمد الناظري": "person",
    "وكاله الرئاسه العامه لشؤون المسجد النبوي": "org", "مجموعه واسعه": "no", "حسن محمد": "no",
    "عبدالرحمن بن مساعد": "person", "شركه صله الرياضيه": "org",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (seventh pass, second batch): suggestions the later rule changes brought into the top 300
    "عبدالله البدري": "person", "شركه مدرجه": "no", "لريال مدريد": "no",
    "مركز مهارات الحياه باللغه الانجليزيه وقاعه": "no", "محمد بخاري": "person", "صندوق الاستثمارات العامه": "org",
    "تنظيم المنطقه المركزيه وامتداد شارع": "no", "سيف يوسف احمد الفلاسي": "person",
    "مشعل بن عبدالله بن عبدالعزيز": "person", "مركز الاورام": "no", "خميس محمد الزهراني": "person",
    "فضل حسن": "person", "محمد العسيري": "person", "مكتب تحقيقات حوادث الطيران البريطاني": "org",
    "ابراهيم بن سلمان": "no", "مستشفي عدن": "no", "خالد مساوي": "no", "صحيفه مكه": "org",
    "تنظيم سير اعمال الحج": "no", "الهيئه السعوديه للحياه الفطريه": "org",
    "مؤسسه الملك عبدالله بن عبدالعزيز العالميه": "no", "محمد ابراهيم": "no", "رفيق الحريري": "person",
    "فرقه الفنون الشعبيه": "no", "كتائب عز الدين القسام": "org", "وليد العنزي": "person", "المركز التجاري": "no",
    "ومديري الادارات": "no", "بامانه المنطقه الشرقيه محمد": "no", "حركه المسافرين": "no",
    "بدر بن محمد بن جلوي": "person", "عبدالرحمن بن صالح": "no", "تنظيم معرض": "no", "منظمه العفو الدوليه": "org",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (seventh pass, third batch)
    "المجلس التنسيقي لحجاج الداخل": "org", "محمد بن خالد السويكت": "person", "المجلس الاستشاري": "no", "رياض الخبراء": "place", "خدمه المجتمع": "no",
    "عبدالله بن عبدالعزيز": "person", "الوحدات السكنيه": "no", "خالد بن محمد": "no",
    "وحدات حمايه الشعب الكرديه": "org", "وحدات الجيش": "no", "بندر بن محمد": "no", "بدر بن عبدالرحمن": "no",
    "وحدات العنايه المركزه والتنويم والتشغيل الجزئي": "no", "محمد بن عثمان": "no", "عبدالله بن عبدالرحمن": "no",
    "فيصل التخصصي": "no", "بي سي": "no",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (seventh pass, fourth batch: names starting with علي)
    "اسماعيل ولد الشيخ احمد": "person",
    "مركز الامير عبدالله الفيصل": "no",
    "علي صالح": "person", "علي خامنئي": "person", "علي سعد دوابشه": "person", "علي الاحمدي": "person",
    "علي بقيه": "no", "علي حسن": "no", "علي الشايعي": "person", "علي التصدي": "no",
}
TEST_LABELS |= {
    # labelled 2026-12-03 (stop 27) after the two runs with the fifth draw (before and after the seventh pass),
    # from the printed suggestions and contexts: precision only, nothing under pipeline/ changed after them.
    # Fragments (a name cut short: منظمه الامم المتحده للتربيه, المجلس الاولمبي), given names only and run-ons are "no".
    "الحرس الثوري الايراني": "org", "منظمه التعاون الاسلامي": "org", "نادي التعاون": "org",
    "محمد بن عبدالرحمن": "person", "بدر السمحان": "person", "شركه بوينج لصناعه الطائرات": "org",
    "محمد الشلهوب": "person", "الهيئه العالميه للتنميه البشريه": "org", "شركه ابل": "org",
    "بهاء الاعرجي": "person", "المركز الانتخابي رقم": "no", "ابراهيم بن سليمان الحفظي": "person",
    "منظمه الامم المتحده للتربيه": "no", "صالح بن ناصر الجاسر": "person", "عمر احمد": "no",
    "عبدالعزيز عبدالله": "no", "بنك التسليف": "org", "المحكمه الجزائيه المتخصصه": "org",
    "الهيئه الملكيه بينبع بتشكيل فرق عمل": "no", "حركه السوق اليوميه ودقه الحركه التجاريه": "no",
    "انور السادات": "person", "محمد الصفيان": "person", "سامح الصريطي وكيل": "no", "قناه روتانا خليجيه": "org",
    "مشعل الزبن": "person", "فيصل الشوبكي": "person", "جعفر حسان": "person", "جمعيه البر الخيريه": "org",
    "الوكاله الدوليه لمكافحه المنشطات": "org", "سعود الحقباني": "person", "سليمان الحمدان": "person",
    "تنظيم سوق الاجهزه والمنتجات الطبيه ومنها": "no", "هيئه الهلال الاحمر السعودي للعام المالي": "no",
    "ابراهيم المحرج": "person", "خالد بن قرار الحربي": "person", "مصرف الانماء قائمه الشركات بنسبه": "no",
    "عبدالله الزوري": "person", "نايف العربيه": "no", "طارق عبده": "person", "جامعه ويتشيتا": "org",
    "جامعه كوينزلاند الاستراليه": "org", "مجمع الدوائر الحكوميه بحي العوالي": "no", "معسكره الاعدادي": "no",
    "بعثه فريق": "no", "صالح زمانان": "person", "سلطان البازعي": "person", "علاء يوسف": "person",
    "النادي الاسباني": "no", "جاسم الهويدي": "person", "مجموعه مختاره": "no", "اختيار المرشحين": "no",
    "عبدالله بن فهد بن محمد": "person", "زكي الصالح": "person", "خالد شراحيلي": "person",
    "احمد الغامدي": "person", "المجلس الاولمبي": "no", "حمد بن محمد الضويلع": "person", "احمد الفريدي": "person",
    "الهيئه العالميه للتنميه البشريه التابعه": "no", "الهيئه السعوديه للحياه الفطريه": "org",
    "عبدالله الفيصل": "person", "وزاره الشئون البلديه والقرويه": "org", "المنظمه لمهرجان": "no",
    "عبدالرحمن بن ابراهيم": "no",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (eighth pass, before any rule change): the unlabelled persons / organizations of the top
    # 200 of --part deva (lists devrep and old, extended universe, no names known before)
    "ابراهيم بن محمد الجار الله": "person", "احمد الزهراني": "person", "احمد العوفي": "person", "احمد عكاش": "person",
    "الاتحاد السوفيتي السابق": "no", "توفيق بن عبدالعزيز السديري": "person", "جامعه برمنجهام": "org",
    "جامعه طيبه": "org", "حامد البلوي واعضاء الجهاز الاداري": "no", "حسن حكيموف": "person", "خالد العبيدي": "person",
    "خالد بن محمد العطيه": "person", "خليفه حفتر": "person", "ديوان المراقبه العامه": "org", "سالم العثمان": "person",
    "سعيد المولد": "person", "سهيل المزروعي": "person", "صالح الصقري": "person",
    "صندوق التنميه الصناعيه السعودي": "org", "صندوق التنميه العقاريه بلغ بنهايه": "no", "عبدالاله بخاري": "person",
    "عبدالرحمن البراك": "person", "عبدالرحمن بن عبدالله العبدالجبار": "person", "عبدالله البيئي": "no",
    "عمر الشريف": "person", "فؤاد المسلم": "person", "فهد كفاين": "person", "قاسم سليماني": "person",
    "ماجد عبدالله": "person", "مجلس المقاومه": "no", "مجموعه اليورو": "org", "مجموعه ناس القابضه": "org",
    "مجموعه نجميه تعرف": "no", "محمد الشدادي": "person", "محمد جحفلي": "person", "محمد سمير": "person",
    "مركز الصوره": "place", "مركز العمليات": "no", "مركز الملك عبدالعزيز التاريخي": "org",
    "مستشفي بريده المركزي لاخضاعه للفحوصات الطبيه": "no", "مستشفي جازان": "no",
    "مصلحه الاحصاءات العامه والمعلومات": "org", "مصلحه الكيان": "no",
    "معهد الدراسات الفنيه للقوات الجويه بالظهران": "no", "مكتب سموه بقصر الحكم": "no",
    "منظمه التعاون الاسلامي التصريحات": "no", "نادي بايرن ميونيخ": "org",
    "نادي مانشستر يونايتد الانجليزي لكره القدم": "no", "ناصر الحاسي": "person", "نزار بن عبيد مدني": "person",
    "هاني ابو راس": "person", "وحدات حمايه الشعب الكرديه السوريه": "no", "وزاره الشئون الاجتماعيه": "org",
    "وكاله تسنيم الايرانيه للانباء": "org",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (eighth pass, before any rule change): the unlabelled persons / organizations of the top
    # 200 of --part devb (lists devrep and old); devb is scored, not studied for rules
    "اتحاد كره القدم الساعيه لتحقيق اعلي": "no", "احمد البركاتي": "person", "احمد جعفر": "no",
    "ارسين فينجر": "person", "اكاديميه تمكن": "no", "الاتحاد البرازيلي لكره القدم دعم ترشح": "no",
    "الاتحاد السويسري الصديق اطراد التقدم والازدهار": "no", "المؤسسه الشرقيه للصحافه والطباعه والاعلام": "org",
    "المجلس الاعلي للجاليات اليمنيه": "org", "المركز الوطني للطب البديل والتكميلي": "org", "النادي الكتالوني": "no",
    "الهيئه العليا لتطوير": "no", "الهيئه الملكيه لتكون": "no", "بدر الدين الحوثي": "person", "تحالف تقوده": "no",
    "تفهما لرغبه جماهير الاهلي حضور": "no", "تنظيم الالعاب الاولمبيه الشتويه": "no", "جامعه حائل اتفاقيه تعاون": "no",
    "جمعيه رعايه لاعبي كره القدم القدامي": "org", "جميل قاسم": "person", "جون ماكين": "person", "حركه السيارات": "no",
    "حزب العداله والتنميه الحاكم يجر تركيا": "no", "حزب سيريزا الحاكم": "no", "حسن ناصر": "no",
    "حمد الجهيم": "person", "حمد المنيف": "person", "خالد بوعلي": "person", "خالد مرغلاني": "person",
    "رابطه دوري المحترفين السعودي": "org", "رعايه الشباب": "no", "زهير هاشم": "person",
    "زينب بنت محمد لباد": "person", "سالم بن خلفان القريني": "person", "سعد بن لادن": "person",
    "سعود بن عبدالله بن جلوي": "person", "سعود بن محمد": "no", "سلمان بن ابراهيم": "no",
    "سيف الاسلام القذافي": "person", "شركه ارامكو": "org", "شركه بوبا العربيه للتامين التعاوني": "org",
    "شي جينبينغ": "person", "صالح قدح": "person", "صحه البيئه": "no", "صحيفه الوئام": "org",
    "صندوق الخدمه الشامله خدمه": "no", "صندوق للخدمه الشامله بهدف ايصال خدمات": "no", "عبدالرحمن الفهد مساعد": "no",
    "عبدالله بن يحيي المعلمي": "person", "عبدالملك بدر الدين الحوثي": "person", "عزام الدخيل": "person",
    "علي الزبيدي": "person", "علي امل": "no", "علي كامل": "no", "عليكم ورحمه الله وبركاته": "no", "فتح باب": "no",
    "فيصل بن سعد بن عبدالعزيز": "person", "فيصل بن عبدالله": "no", "فيصل بن معمر": "person",
    "قوات الحوثيين انسحبوا": "no", "قوات مكافحه الارهاب حررت": "no", "لوران بلان مستعدا لانطلاق الموسم": "no",
    "مجلس التنميه السياحي": "no", "مجلس الشؤون السياسيه والامنيه مساعد البراك": "no", "مجلس وزراء الصحه لدول": "no",
    "مجموعه هيونداي العملاقه": "no", "محمد العبدالعالي": "person", "محمد بن سليمان الشويمان": "person",
    "محمد خالد الحمد الصباح": "person", "مركز الملك عبدالله بن عبدالعزيز العالمي": "no",
    "مركز الملك فيصل للبحوث والدراسات الاسلاميه": "org", "مركز متقدم": "no", "مساعد العيبان": "person",
    "مستشفي الملك فهد التخصصي بالدمام": "org", "مستشفي النساء": "no", "مكتب احصاءات الاتحاد الاوروبي": "org",
    "ملكي يقضي بانفاذ": "no", "ممدوح العنزي": "person", "ممدوح عباس": "person", "منصور زعيما": "no",
    "منظمه الطيران الرياضي الدوليه": "org", "منظمه للجهود الاهليه التطوعيه": "no", "مهدي حاتم النهاري": "person",
    "نادي العاصمه": "no", "ناصر الوحيشي": "person", "هاني شكري": "person", "هيئه التدريس بكليه الطب": "no",
    "واعضاء السفاره السعوديه": "no", "وحدات تكتيكيه ومواقع قتاليه وسيارات ومركزا": "no",
    "وكاله الاستخبارات المركزيه الاميركيه": "org", "ياسر الشهراني": "person",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (eighth pass): suggestions the rule trials brought into the top 200 of deva / devb
    "اريك روزينباخ": "person", "اكاديميه المسجد": "no", "التحالف الجويه دعمت الاكراد": "no",
    "التحالف الداعم للشرعيه باليمن": "no", "الجمعيه الخيريه لتحفيظ القران": "no",
    "الجمعيه العامه للامم المتحده": "org", "القناه الاصليه": "no", "النادي النووي": "no",
    "الوزاره الرئيسيه لتسليمها لخطباء الجوامع للاسترشاد": "no", "اندرو اكسوم": "person", "بدر محمد باسلمه": "person",
    "بندر بن سلطان": "person", "بنك الرياض مبادره للمساهمه": "no", "تحالف تقوده الولايات المتحده قصفت مواقع": "no",
    "تركي الفيصل شرحا مفصلا": "no", "تقنيه الطاقه": "no", "توفيق بن احمد خوجه": "person", "جامعه الطائف": "org",
    "جبهه ثوار سوريا": "org", "جنوب المدينه": "no", "جهاز ايفون": "no", "جهاز صرف": "no", "جيفري ويب": "person",
    "جيم كرافت": "person", "حفل افتتاح": "no", "حمد الشنيبر واعضاء اللجنه": "no", "خالد بن صالح المديفر": "person",
    "زينب تعرضت بالخطا لاطلاق نار": "no", "ساري عمرو": "person", "سعود بن خالد": "no",
    "شركه تقنيه المياه المتقدمه": "org", "صلاح المزروع سيراس": "no", "صندوق للخدمه الشامله": "no",
    "طالبان الافغانيه": "org", "عبدالرحمن بن عبدالله السند": "person", "عبدالله ابو ثنين": "person",
    "عبدالله بن عمر النجار": "person", "عدلي منصور": "person", "علي مدي": "no", "عماد منسي الزهراني": "person",
    "فايز الشهري": "person", "فهد الثقافي": "no", "فهد بن سلمان": "person", "قوات الدفاع الشعبي الجناح العسكري": "no",
    "لحفل افتتاح": "no", "مديريه سيئون خمس": "no", "مرتضي منصور": "person", "مركز العمليات البارحه": "no",
    "مركز الملك سلمان الاجتماعي": "org", "مستشفي النهضه بسلطنه عمان": "no",
    "مشاعل بنت عبدالمحسن بن عبدالعزيز": "person", "مليشيات الحوثيين والنظام المخلوع": "no", "مهم جدا": "no",
    "ميشيل اوباما": "person", "نادي جنوي الايطالي": "no", "نديم الحسن برفقه سبعه عناصر": "no",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (eighth pass): more suggestions the rule trials brought into the top 200 of deva / devb
    "اتحاد كره القدم الساعيه": "no", "تفهما لرغبه جماهير النادي": "no", "جامعه الدول العربيه احمد بن عبدالعزيز": "no",
    "جبهه الجفينه": "place", "جمعيه رياضيه للاعبي كره القدم القدامي": "no", "مستشفي بريده المركزي لاخضاعه": "no",
    "منصور بن ابراهيم الحسين": "person", "وحدات العنايه المركزه والتنويم": "no",
    "وزاره الحج والقطاعات الحكوميه والاهليه": "no",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (eighth pass): suggestions of the common-words trial (deva / devb top 200)
    "صحيفه الشرق": "no", "مجموعه تدريبات مختلفه بالكره تعتمد": "no", "مجموعه محمد المعجل": "org",
}
DEV_LABELS |= {
    # labelled 2026-12-03 (eighth pass): printed unlabelled by the final full-dev run
    "حركه المقاومه": "no",
}
DEV_LABELS |= {
    # labelled by helper A, stop 28 (2026-12-03), after the first deva/devb cross-check of the kind classifier
    # (bench/discovery_kind_train.py crossval, universe full): every person / organization printed unlabelled in a
    # top 100 of deva or devb, baseline or classifier, labelled from its contexts (14)
    "الحركه السياحيه": "no", "الحركه التجاريه": "no", "بعثه فريق": "no", "هيئه السياحه والتراث الوطني": "org",
    "الجمعيه العربيه السعوديه": "no", "الائتلاف الدولي بقياده اميركيه": "no", "محمد الحمادي": "person",
    "خالد بحاح": "person", "خالد العطيه": "person", "محمد حسين طنطاوي": "person", "حامد العازمي": "person",
    "سعود الحقباني": "person", "علاء يوسف": "person", "منصور الرسيني": "person",
}
DEV_LABELS |= {
    # labelled by helper A, stop 28, after the second cross-check (l2 0.3 / 1 / 3): printed unlabelled there (4)
    "ناصر بن صالح الدويسي": "person", "وليد بن سعد الحجيلي": "person", "ابراهيم بن عبدالله المطرودي": "person",
    "ناصر بن سلطان الشريف": "person",
}
DEV_LABELS |= {
    # labelled by helper A, stop 28, after the name-disjoint cross-check (crossval --disjoint: the model trained
    # without the other half's names): printed unlabelled there, labelled from their contexts (32)
    "محمد الحجازي": "person", "فيصل العيسي": "person", "سعود بن عبدالله بن منصور": "no", "احمد الراشد": "person",
    "لازلو بولوني": "person", "ماجد الهزاني": "person", "نيكولا ساركوزي": "person", "طيار ركن يوسف الحربي": "no",
    "محمد عيسي": "person", "مبارك بن بنيه الخرينج": "person", "سليمان بن عبدالرحمن السحيباني رتبته": "no",
    "محمد السادس": "person", "قايد السبسي": "person", "راكان بن سلمان بن عبدالعزيز": "person",
    "عبدالله يامين": "person", "علي النعيمي": "person", "حمدان العرادي": "person", "فوزي كرني": "person",
    "ارتورو فيدال": "person", "بوريس روغه يرافقه": "no", "مده ثلاث": "no", "وكبار المسؤولين": "no",
    "رغم عدم": "no", "كلاعب اسيوي": "no", "عشره الاف": "no", "اولا باول": "no", "خمسه اهداف": "no",
    "طالبان الملا": "no", "مباراته الوديه الثالثه": "no", "متنزه الردف": "place", "عبداللطيف جميل": "org",
    "القوه الاماراتيه المشاركه": "no",
}
DEV_LABELS |= {
    # labelled by helper A, stop 28, after the shipped model's whole-dev ranking: printed unlabelled there (3)
    "عبدالرحمن بن عبدالعزيز": "no", "فرانسوا هولاند": "person", "شكره وتقديره": "no",
}
TEST_LABELS |= {
    # labelled 2026-12-03 (stop 27) after the one run with the sixth draw: precision only, nothing changed after it
    "الجامعه العربيه": "org", "جامعه الدول العربيه": "org", "نادي الفتح": "org", "شركه سابك": "org",
    "خالد الغامدي": "person", "مديريه حزم العدين": "place", "احمد الدليوي المواطنين وزوار البيت": "no",
    "هيئه المهندسين": "no", "زهير العمري": "person", "حسين الشريف": "person", "سعيد النقير": "person",
    "علي تبني": "no", "مؤسسه محمد": "no", "ومطاحن الدقيق": "no",
}
TEST_LABELS |= {
    # labelled 2026-12-03 (stop 28) after the one run with the seventh draw (integration 0b46d42): the 54 unlabelled
    # persons / organizations of its top 100 and the 16 unlabelled places of its top 30; precision only, nothing
    # changed after the run
    "مجلس الاحتياطي الاتحادي": "org", "سليمان بن محمد الجريش": "person", "موسي بيليتي": "person",
    "خالص التعازي": "no", "عبدالعزيز القحطاني": "person", "وزاره الخدمه المدنيه اسماء": "no",
    "علي السيستاني": "person", "فيصل بن حمد الصقير ممثلا": "no", "وليد بن محمد الحميدي ممثلا": "no",
    "جمعيه الثقافه والفنون بالطائف": "org", "فهد العدواني": "person", "نور الشريف": "person",
    "ماجد بن فهد السبيعي": "person", "سمير بن موسي النجدي": "person", "جامعه الملك فيصل بالاحساء": "org",
    "النادي الادبي الثقافي بجده": "org", "عبدالرحمن بن عبدالمحسن الفضلي": "person",
    "عبدالعزيز بن احمد هيجان": "person", "جمال بن ناصر الملحم": "person", "ابراهيم الحمزي": "person",
    "حامد الشمري": "person", "جمعه جوهر جمعه الحمادي": "person", "منظمه الامم المتحده للاغذيه والزراعه": "org",
    "محمد الربيعي": "person", "احمد العمري": "person", "فهد بن عبدالرحمن الجلاجل ممثلا": "no", "فهد المفرج": "person",
    "منظمه التعاون الاقتصادي والتنميه": "org", "محمد السعيدي": "person", "ناديه السقاف": "person",
    "سيف الحشان": "person", "صالح خبري قوله": "no", "حركه السوق والكميات الوارده": "no",
    "عبدالرحمن بن فيصل بن عبدالرحمن": "person", "عبدالعزيز بن تركي بن سعود": "person", "عبدالله المطيري": "person",
    "شركه اسمنت نجران": "org", "مجلس الشؤون الاقتصاديه": "no", "سليمان بن نايف الكثيري": "person",
    "طلال النجار": "person", "تيسير المفرج": "person", "منصور القحطاني": "person",
    "فيصل بن نواف بن عبدالعزيز": "person", "فهد بن نايف بن عبدالعزيز": "person", "حمد بن محمد السماعيل ممثلا": "no",
    "جمرك الحديثه ابراهيم العنزي": "no", "احمد عطيف": "person", "جلال قادري": "person", "قوه السلاح": "no",
    "الهيئه الملكيه بينبع": "org", "ياسر الفهمي": "person", "سلمان بن محمد": "no",
    "عيد ماطر مبارك الشهراني": "person", "بنك ابوظبي الوطني": "org", "ميسان": "place", "الجزاء": "no",
    "ومحافظات المملكه": "no", "غزه": "place", "شقره الساحليه": "place", "سكاكا": "place", "العريش": "place",
    "ذمار": "place", "الخرمه": "place", "الحوطه": "place", "حمص": "place", "العقيق": "place",
    "ميلانو الايطاليه": "no", "كردستان العراق": "place", "الانبار": "place", "الطوال": "place",
}
TEST_LABELS |= {
    # labelled 2026-12-03 ~18:06 UTC (stop 29) after the one run with the eighth draw (integration 79da6b9): the 16
    # unlabelled persons of its top 100, each from its printed contexts (all persons); precision only, nothing changed
    # after it
    "سليمان العسكر": "person", "خالد ابو زيد": "person", "فيصل بن حمد الصقير": "person",
    "وليد بن محمد الحميدي": "person", "فهد بن عبدالرحمن الجلاجل": "person", "سليمان بن عبدالله الحمدان": "person",
    "احمد الفهد الصباح": "person", "صالح خبري": "person", "حمد بن محمد السماعيل": "person",
    "عبدالله بن عبدالمحسن التركي": "person", "احمد الحميدي": "person", "عبدالله بترجي": "person",
    "رياض المالكي": "person", "سعيد القرني": "person", "سعيد بن حسين الغامدي": "person",
    "يحيي عبدالله القحطاني": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-03 ~21:55 UTC (stop 30) after the one run with the ninth draw (integration c996c19): the 54
    # unlabelled suggestions of its top 100, each from its printed context by the standard of the earlier blocks (a
    # name cut short or carried on into the next words is `no`; a venue or a district is `place`); precision only,
    # nothing changed after it
    "النادي الادبي الثقافي": "no", "ماجد السبيعي": "person", "شركه النيل للطيران بتسيير رحلاتها": "no",
    "عبدالله القحطاني": "person", "خالد قرار الحربي": "person", "احمد الخزعل": "person",
    "سلطان بن عاطي القرشي": "person", "مجمع الامير فيصل بن فهد الاولمبي": "place", "صالح عباس": "person",
    "جديع بن نهار القحطاني": "person", "فرانسوا اولوند": "person", "ايوب بن حجاب بن نحيت": "person",
    "عبدالله المسند": "person", "فهد الحمادي": "person", "مطلق بن حمد المريشد": "person",
    "وليد الحميدي": "person", "شركه التامين": "no", "تعليم جازان عيسي الحكمي": "no",
    "عبدالله بن ابراهيم الشريف": "person", "مجلس وزراء الداخليه العرب": "org",
    "عبدالرحمن بن ابراهيم الرويتع ممثلين": "no", "يحيي القحطاني": "person", "محمد عبدالرحيم العاصمي": "person",
    "ممدوح مسفر المسيلي الحارثي": "person", "نادي اتلانتا الايطالي": "org", "عبدالرحمن الحقباني": "person",
    "عبدالله الرشيد": "person", "مؤسسه سالم بن محفوظ الخيريه": "org", "مبارك غازي العتيبي الجلسه الاولي": "no",
    "مليشيات الحوثي والمخلوع صالح": "no", "عمر ابو شوشه": "person", "مؤسسه مسك الخيريه": "org",
    "الاتحاد الانجليزي لكره القدم": "org", "محمد الخالد الحمد الصباح": "person", "قرارا يقضي": "no",
    "مشاري النعيم": "person", "احمد الفارس": "person", "عدنان ابراهيم": "person", "مجموعه شركات": "no",
    "امانه جده": "no", "ماجد بن فهد": "no", "دوري المحترفين محمد النويصر": "no", "ميشال اولاس": "no",
    "زهير الذوادي": "person", "قوات الحوثي": "org", "عمر بن الخطاب رضي الله": "no", "منصور اليامي": "person",
    "نادي ريال مدريد الاسباني": "org", "مصلحه النادي": "no", "مديريه ارحب": "place",
    "نادي كوينز بارك رينجرز الانجليزي": "org", "قوات النظام والمسلحين": "no", "سعد بن رحيل السويدي المصابين": "no",
    "محمد بن عبدالوهاب": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-04 ~00:05 UTC (stop 31) after the one run with the tenth draw (integration 97db261): the 45
    # unlabelled suggestions of its top 100, each from its printed context by the standard of the earlier blocks (a
    # name cut short or carried on into the next words is `no`, and so is على + a name read as علي); precision only,
    # nothing changed after it
    "مركز الملك سلمان للاغاثه والاعمال الانسانيه": "org", "محمد بن عبدالعزيز الصفيان": "person",
    "علي الزهراني": "person", "خالد الحربي": "person", "ممدوح الحارثي": "person", "الجمعيه العموميه للاتحاد": "no",
    "شركه الظهران اكسبو لاربعه": "no", "عبدالناصر العبداللطيف": "person", "محمد الرميحي": "person",
    "علي سعيد": "no", "فهد الحريشي": "person", "حمد القحطاني": "person", "فارس الشفق": "person",
    "عبدالمحسن المضيان": "person", "احمد فوزي": "person", "ظافر الشهري": "person", "محمد بن حمود": "no",
    "فيصل بالاحساء": "no", "عبدالواحد المزروع": "person", "محمد الظواهري": "person", "سعود الحمام": "person",
    "عبدالعزيز الناصر": "person", "حزب الله اللبناني": "org", "مولود جاوش اوغلو": "person",
    "فؤاد العماري": "person", "احمد خواجه": "person", "سعيد العمري": "person", "فيصل النمري": "person",
    "عطيه بن محمد الزهراني": "person", "صالح بن حسين العواجي وكيل": "no", "محمد الغربي": "person",
    "اتحاد اميركا الجنوبيه": "org", "غسان دغلس المسؤول": "no", "محمد كنون": "person", "عادل باناعمه": "person",
    "محكمه التحكيم الرياضيه": "org", "راشد الحربي": "person", "خالد كعبي": "person",
    "جمعيه النهضه الخيريه": "org", "سعيد الزهراني": "person", "خليفه بن جاسم ال ثاني": "person",
    "سالم سعيد كبيش": "person", "عبدالرزاق الاشول": "person", "عبدالسلام ميسار": "person",
    "عبدالله اوقصر": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-04 ~03:55 UTC (stop 32) after the one run with the eleventh draw (integration 29636d9): the 18
    # unlabelled suggestions of its top 100, each from its printed context by the standard of the earlier blocks (a
    # name carried on into the next words is `no`); precision only, nothing changed after it
    "عبدالعزيز بن عبدالرحمن ال سعود": "person", "حزب الله": "org", "متعب شراحيلي": "person",
    "ممدوح سالم": "person", "عادل الكلباني": "person", "منذر الرياحنه": "person", "ابراهيم الالمعي": "person",
    "جون ستيوارت": "person", "جورج ايفانوف": "person", "ماجد الخيبري": "person", "لبيد بن ربيعه": "person",
    "احمد عباس": "person", "عبدالله الشامخ": "person", "اشبيليه": "org", "محمد يعقوب": "person",
    "فلاديمير فايس بكسر": "no", "احمد المبارك": "person", "عمرو بن كلثوم": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-04 ~17:35 UTC (stop 34) after the one run with the twelfth draw (integration a710409): the 35
    # unlabelled suggestions of its top 100, each from its printed context by the standard of the earlier blocks (a
    # name carried on into the next words, or cut before its last word, is `no`), and (~17:45) the 9 unlabelled of
    # its top 30 places, from the corpus text; precision only, nothing changed after it
    "احمد الدليوي المواطنين": "no", "عيسي الحكمي": "person", "خالد ابو راشد": "person", "محمد البقمي": "person",
    "نادر المولد": "person", "نادي الاسير الفلسطيني": "org", "بطنجه محمد المرابط": "no", "نبيل العايد": "person",
    "عبدالرحمن ال الشيخ": "person", "حمد بن سعد العمر": "person", "ناصر العنزي": "person",
    "جمعيه التوعيه والتاهيل الاجتماعي": "org", "سعيد ابودهش": "person", "باولو جينتيلوني": "person",
    "عبدالعزيز الرويلي": "person", "مولود تشاوش اوغلو": "person", "وكاله التفتيش وتطوير بيئه العمل لاتخاذ": "no",
    "بكر الشهري": "person", "موسي مدخلي": "person", "مستشفي الملك سلمان للقوات المسلحه بالشماليه": "no",
    "صلاح السقا": "person", "عبدالرحمن بن محمد الجديع": "person", "حمد بن عبدالله الشنيبر": "person",
    "عبدالرحمن الزيد": "person", "مستشفي الرس": "org", "احمد العنزي": "person", "شركه الخطوط الجويه الماليزيه": "org",
    "علي محمد فخرو": "person", "فرنسوا هولاند": "person", "محمد محسن": "no", "تركي رضيمان": "person",
    "طلال بن سعود بن عبدالعزيز": "person", "مستشفي القطيف المركزي": "org", "حسين الشهراني": "person",
    "حسين غنام": "person",
    "الزعتري": "place", "القاهره الدولي": "no", "الرس": "place", "السيح": "place", "الافلاج": "place",
    "الدواسر": "no", "دومه الجندل": "place", "المفتاحه": "place", "الرضمه": "place",
}
TEST_LABELS |= {
    # labelled 2026-12-04 ~20:52 UTC (stop 35) after the one run with the thirteenth draw (integration 24d510f): the 17
    # unlabelled suggestions of its top 100, each from its printed context by the standard of the earlier blocks (a
    # name carried on into the next words is `no`; two names of one court are each a real name); its top 30 places
    # were all labelled already; precision only, nothing changed after it
    "مروان فلايني": "person", "حمد بن علي العطيه": "person", "المحكمه الجنائيه الدوليه": "org",
    "محكمه الجنايات الدوليه": "org", "عبدالله بن علي القرني": "person", "سمير نصري": "person",
    "جمعان الغامدي": "person", "سامي خضيره": "person", "حسن الراهب": "person", "حسام زواوي": "person",
    "مفرح الشقيقي": "person", "عبدالله الشلوي": "person", "اسعد سعود": "person", "عبدالله المعيقل": "person",
    "سامي بن علي سندي": "person", "كارلوس باكا المنتقل": "no", "جوسيب جوارديولا": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-04 ~23:57 UTC (stop 36) after the one run with the fourteenth draw (integration 14cf215): the 35
    # unlabelled suggestions of its top 100, each from its context in the test days' text by the standard of the
    # earlier blocks (a name cut short is `no`: أسامة إبراهيم عبده); precision only, nothing changed after it
    "ابراهيم العنزي": "person", "عبدالرحمن بن ابراهيم الرويتع": "person", "غسان دغلس": "person",
    "مارسيلو بيلسا": "person", "تيبو كورتوا": "person", "حسن الشهري": "person", "رافت الحكيم": "person",
    "محمد بن مبارك المجلي": "person", "راضي الراضي": "person", "عبدالحميد ابرشان": "person",
    "عبدالله بن منصور الجعويني": "person", "اسامه ابراهيم": "no", "مبارك بن حسن ظافر": "person",
    "بيتر ثومسون": "person", "محمد الدبيسي": "person", "عبدالله بن سعيد المبطي": "person", "احمد الصمان": "person",
    "عبدالله التطاوي": "person", "محمد بن عبدالعزيز السعد": "person", "عبدالله عسيلان": "person",
    "محمد بن رافع الشهري": "person", "حسن الزهراني": "person", "عيسي حكمي": "person", "جون باردو": "person",
    "ناصر الرشيد": "person", "عبدالله بادغيش": "person", "عبدالله حامد": "person", "احمد العقيل": "person",
    "محمد شيرين فهمي": "person", "خالد القحطاني": "person", "عبدالرحمن الحريب": "person",
    "عبدالله بن سليمان الربيعان": "person", "ابراهيم بن فهد ال معيقل": "person", "عبدالرحمن المحنا": "person",
    "ايمان ادم": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-05 ~00:53 UTC (stop 36, second round) after the one run with the fifteenth draw (integration
    # e3df3bd): the 13 unlabelled suggestions of its top 100, from their contexts by the standard of the earlier
    # blocks (the Houthis' written forms are organizations as مليشيا الحوثي / قوات الحوثي were; a country suggested
    # as a person is `place`); precision only, nothing changed after it
    "جماعه الحوثي": "org", "صندوق النقد الدولي": "org", "ميليشيات الحوثي": "org", "مليشيات الحوثي": "org",
    "ميليشيا الحوثي": "org", "ميليشيات الحوثيين": "org", "جماعه الحوثيين": "org", "نادي الوحده": "org",
    "بورتو البرتغالي": "org", "سيرخيو روميرو": "person", "كوت ديفوار": "place", "نادي ابها الادبي": "org",
    "بيتر مورير": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-05 ~03:20 UTC (stop 37) after the one run with the sixteenth draw (integration 763694e): the 32
    # unlabelled suggestions of its top 100, from their contexts by the standard of the earlier blocks (a name cut
    # before its last word, a person run on from a place or into a word, an airport or a hospital carried on, a
    # ministry's deputyship every ministry has: no); precision only, nothing changed after it
    "سامح الصريطي": "person", "مبارك غازي العتيبي": "person", "رائد الفضاء": "no", "بوكا جونيورز": "org",
    "صالح بن حسين العواجي": "person", "توني تان كنق يام": "person", "محمد السعد": "person",
    "مؤسسه البريد السعودي": "org", "محمد العبد الله": "no", "مستشفي الامير محمد بن عبدالعزيز ويتلقي": "no",
    "احمد التيهاني": "person", "عبدالرحمن بن حمد الفهد": "person", "فاهم سعيد احمد الحبسي": "person",
    "بيتر ماور": "person", "نجران ناصر بن سليمان المنيع": "no", "عبدالله دواس ال منصور": "person",
    "حيدر محمود": "person", "محمد بن عبدالعزيز الدولي": "no", "تشلسي": "org", "نايف البلوي": "person",
    "خالد ناقرو": "person", "علي مونتاري": "person", "وكاله الشؤون المدرسيه": "no", "احمد المحايري": "person",
    "اسامه عشري": "person", "محمد الحازمي": "person", "منظمه الصليب الاحمر": "org", "عبدالاله الجابري": "person",
    "جريدي المنصوري": "person", "لؤي بن احمد المسلم": "person", "ناصر بن سليمان المنيع": "person",
    "زياد ال الشيخ": "person",
}
TEST_LABELS |= {
    # labelled 2026-12-05 ~06:55 UTC (stop 38) after the one run with the seventeenth draw (main 00c8f0f): the 30
    # unlabelled suggestions of its top 100, from their contexts by the standard of the earlier blocks (a role carried
    # before a name, a preposition's ل before a club, a unit carried on into ل + a masdar, a name cut before its last
    # words: no); precision only, nothing changed after it
    "شركه النيل للطيران": "org", "جوش ايرنست": "person", "عزالدين الخويلي": "person", "ماكسي موراليز": "person",
    "سامر بن علي العنيني": "person", "عباس الشماسي": "person", "مساعد مدرب المنتخب خالد حمدان": "no",
    "معاذ الجعفري": "person", "خالد الغانم": "person", "سام جونستون": "person", "احمد الهلالي": "person",
    "لمانشستر سيتي": "no", "عبدالعزيز السيف": "person", "احمد الدليوي": "person",
    "حزب التحرير الشعبي الثوري": "org", "ايفرتون": "org", "عبدالحكيم المرادي": "person",
    "اندريه ليسينكو": "person", "سعد ال ثابت": "person", "جميل الشايب": "person", "عبدالناصر باطوق": "person",
    "مروان الجهني": "person", "وحدات البحث والانقاذ للبحث": "no", "ناصر الاملح": "person", "محمد توفيق": "no",
    "وكاله دوجان للانباء": "org", "بطرس غالي": "person", "خافيير ماسشيرانو": "person", "محمد الفاضل": "person",
    "الهيئه الوطنيه للحياه الفطريه": "org",
}
TEST_LABELS |= {
    # labelled 2026-12-05 ~08:12 UTC (stop 38) after the one run with the eighteenth draw (integration 37f061e): the 23
    # unlabelled suggestions of its top 100, from their contexts by the standard of the earlier blocks (a generic
    # company, a body carried on into an adjective, a regulation, a prince's lineage cut before its grandfather: no);
    # precision only, nothing changed after it
    "حسان مبروك العتيبي": "person", "جوردي البا": "person", "شجاع الشباطي": "person",
    "عبدالله بن صالح بن عبدالرحمن العريفي": "person", "عبود الخضري": "person", "صحيفه بيلد": "org",
    "عبدالرحمن بن رجاء الله السلمي": "person", "سعيد بن عبدالله النقير": "person", "عبدالسلام دوابشه": "person",
    "يوسف بن صالح الحديثي": "person", "فواز بن خلف المطيري": "person", "خالد الغبان": "person",
    "شركه استقدام كبري": "no", "عبدالرحمن النمر": "person", "فطيس بقنه": "person", "محمد ابو قرنين": "person",
    "خالد الكعبي": "person", "زهير بن ابي سلمي": "person", "الشركه العامه للجيوفيزياء الفرنسيه المتخصصه": "no",
    "تنظيم استقدام العماله للغير": "no", "نجلاء الزامل": "person", "منصور بن بندر": "no", "سلطان بن بندر": "no",
    # labelled 2026-12-05 ~11:45 UTC (stop 39) after the one run with the nineteenth draw (integration 30ba037): the 31
    # unlabelled suggestions of its top 100, from their contexts by the standard of the earlier blocks (a prince's
    # lineage cut before its grandfather, a name cut before its family name, a park, a place run into a name, a body
    # carried on into a verb or a branch's places: no; a body named after its place: org, as helper T's block);
    # precision only, nothing changed after it
    "ديوان المظالم": "org", "امانه القصيم": "org", "ساندرا ندف": "person", "فواز بن بندر": "no",
    "تركي المسند": "person", "ابراهيم بن علي المشيقح": "person", "محمد سليمان": "no", "عاطف عبدالمجيد": "person",
    "يوسف رفه": "person", "احمد مهدي فضيل": "person", "محمد خضر عريف": "person", "سلطان بالفرعاء": "no",
    "جراح نمر": "person", "عبدالمحسن بن عبدالعزيز الفارس": "person", "سلطان بن صالح الغفيلي": "person",
    "نجران ناصر": "no", "اسامه بن حسين المنصوري": "person", "سعود بن عبدالله بن محمد": "person",
    "هزبر محمود": "person", "سهيل الشملي": "person", "عبدالعزيز بن ابراهيم الحافظ": "person",
    "قوات خفر السواحل الايطاليه فقدان": "no", "بشير العاصمي": "person",
    "شركه المياه الوطنيه بمكه المكرمه والطائف": "no", "عبدالرحمن الحازمي": "person", "نادر الغاندري": "person",
    "عبدالله العتيبي": "person", "مبارك بن سعيد الخييلي": "person", "فرانسوا كارار": "person",
    "جميل بوبشيت": "person", "عمر بن محمد الجاسر": "person",
    # labelled 2026-12-05 ~14:40 UTC (stop 40) after the one run with the twentieth draw (integration 40dbb8f): the 25
    # unlabelled suggestions of its top 100, from their contexts by the standard of the earlier blocks (a body named
    # after its place or by its country: org; a name carried on into adjectives or a word, a name cut before its first
    # words, a kind of charity every region has: no); precision only, nothing changed after it
    "الهيئه العامه للشباب والرياضه": "org", "وزاره الخارجيه الاسبانيه": "org", "شرطه منطقه القصيم": "org",
    "وكاله انباء الاناضول الحكوميه التركيه": "no", "امانه منطقه نجران": "org", "وكاله فارس": "org",
    "صحيفه الوسط": "org", "اتحاد اللجان الاولمبيه الوطنيه": "org", "الجمعيه الخيريه لتحفيظ القران الكريم": "no",
    "مبارك الخييلي": "person", "ابراهيم علام احد": "no", "سامي البكر": "person", "عبداللطيف بخاري": "person",
    "طاهر محمود الاشرفي": "person", "سعد بن مارق": "person", "سمير بن عبدالرحمن توكل": "person",
    "ميشيل كفاندو": "person", "وكاله بلومبرج للانباء الاقتصاديه": "org", "محمد سمان": "person", "كمال بشر": "person",
    "محمد الغروي": "no", "خالد فدا": "person", "براين روبسون": "person", "هيا العواد": "person",
    "عبدالله العدوان": "person",
    # and the 2 unlabelled rows of the side-by-side run with this stop's rules off (the same copy, --rules-off
    # org_stem,indefinite_form,head_share), for its precision only
    "ابراهيم القناص": "person", "ماجد بن عبدالله البواردي": "person",
}
# stop 29, helper A: labelled 2026-12-03 ~17:25 UTC, after the run-on rules' first side-by-side runs (--known-before,
# --history): the suggestions that entered or left a development top 100 with the change, from their contexts (a
# fragment of a longer lineage, a run-on or a unit several regions have is no, as before)
DEV_LABELS |= {
    "منظمه الدول المصدره للنفط": "org", "سيف الفلاسي": "person", "عبدالله الرويشد": "person",
    "توماس مولر": "person", "تركي الدهمش": "person", "هشام اللحيدان": "person",
    "عبدالعزيز باجراء دراسه تتناول": "no", "سعد بن عبدالعزيز": "no", "تدريباته اليوميه": "no",
    "مستشفي القوات المسلحه": "no",
}
# stop 29, helper A: labelled 2026-12-03 ~17:28 UTC, after the kind model's cross-check on the replays with this code
# and --history (bench/discovery_kind_train.py crossval): every suggestion it printed unlabelled in a development top 100
DEV_LABELS |= {
    "احمد بن حلي": "person", "الجامعه الالكترونيه": "org", "المجلس الاعلي للقضاء": "org", "المجلس التنسيقي": "no",
    "امجد راضي": "person", "بدر السليطين": "person", "تم تنسيقه": "no", "جاسم الحمدان": "person",
    "جلال قادري": "person", "جمعيه البر الخيريه": "org", "حاتم المطيري": "person", "حفل عشاء": "no",
    "حمد العمر استمرار الحمله": "no", "خالد الزيلعي": "person", "سعدون السعدون": "person", "سعيد الدوسري": "person",
    "شايع بن خالد القحطاني": "person", "صالح القميزي": "person", "عبدالرحمن الاسمري": "person",
    "عبدالله خضران": "person", "عبدالواحد النبوي": "person", "مباراته الاولي": "no", "مركز ابحاث": "no",
    "مهند الجميلي": "person", "موسي بيليتي": "person", "ياسر بن عثمان الرميان": "person",
}
DEV_LABELS |= {
    # stop 29, helper B: labelled 2026-12-03 after the baseline and the first change runs (deva/devb, --history,
    # both lists, with and without --known-before): the development-day suggestions printed unlabelled in a top 100
    # that differs between baseline and change, and the two left unlabelled in devb's baseline top 100 (11), from
    # their contexts by the seventh pass's standard (a name cut short or carried on into the next words is `no`)
    "صالح القميزي": "person", "جاسم الحمدان": "person", "امجد راضي": "person", "عيد الثقفي": "person",
    "هشام اللحيدان مديرا لاداره التطوير": "no", "القوه الاقتصاديه": "no", "منظمه الدول المصدره": "no",
    "النادي النرويجي مهله للتفكير": "no", "نادي مولده النرويجي": "org", "منظمه الدول المصدره للنفط": "org",
    "الاتحاد البرازيلي": "org",  # as الاتحاد الانجليزي: the football federation cited by its short name
}
# stop 30, helper B: labelled 2026-12-03 ~20:30 UTC, before/after the run-on and phrase rules (--history, deva/devb,
# both lists, with and without --known-before): the development-day suggestions printed unlabelled in a top 100 that
# differs between baseline and change (17, then 4), from their contexts (a name cut short or carried on is `no`)
DEV_LABELS |= {
    "علي النواحي": "no", "قوه الطلب الموسمي": "no", "منظمه للنهوض بالخدمات الطبيه": "no", "هيئه الخبراء": "org",
    "الجمعيه الخيريه لرعايه الايتام": "org", "صلاح المزروع": "person", "عبدالله بن حمد الغرير": "person",
    "سعود بن فيصل بن عبدالعزيز": "person", "غازي بن غرم الله الغامدي": "person", "عبدالخالق برناوي": "person",
    "مركز الامير فهد بن سلمان": "no", "سيوريانو فلورين": "person", "ايمن ترمزي": "person",
    "صالح الحارثي": "person", "مصطفي جميل بلجون": "person", "فهد باجمالي تعويض وقدره": "no", "فهد التخصصي": "no",
    # ~20:43 UTC, after the check with the 17 above decided (final code against its rules switched off)
    "علي المستشفي": "no", "سلطان القرشي": "person", "خالد الشهراني": "person", "حافظ المدلج": "person",
}
DEV_LABELS |= {
    # stop 30, helper A: labelled 2026-12-03 after the first runs of the bare-name rule (deva/devb, --history, both
    # lists), before any later change: the development-day suggestions printed unlabelled in a top 100 that differs
    # from the baseline's, from their contexts (a body's name as other texts print it, a club, an agency, a paper or
    # a company: `org`; a place, a fragment of a longer name, a word: `no`)
    "اخيسار سبور": "org", "ارامكو": "org", "اسيا": "no", "افي": "org", "اكسبريس": "org", "انجلترا": "no",
    "اندبندنت": "org", "اوف": "no", "بايرن ميونيخ": "org", "برشلونه": "org", "بوبا": "org", "بيتا": "no",
    "تسنيم": "org", "توتنهام": "org", "جنوي": "org", "جوجل": "org", "غوغل": "org", "حرييت": "org", "حقاني": "org",
    "خراسان": "org", "دبي": "no", "دوغان": "org", "رويترز": "org", "ريفربليت": "org", "سار": "org", "ساينس": "org",
    "ستاندرد": "no", "سكاي": "no", "سموحه": "org", "سوني": "org", "سيليرينا": "org", "شالكه": "org", "شنغهاي": "no",
    "غازينتاب سبور": "org", "فرانس فوتبول": "org", "فوربس": "org", "فوكس": "no", "فيرونا": "no", "لخويا": "org",
    "ليفربول": "org", "ليكيب": "org", "مساند": "no", "مصطحبين": "no", "موبايلي": "org", "موناكو": "org",
    "ميتسوبيشي": "org", "ميديا": "no", "ميغا": "no", "نادي الشباب": "org", "ناسا": "org", "نيس": "org",
    "نيكاي": "org", "نيكي": "org", "هجر": "org", "هرفي": "org", "وابل": "no", "ويرد": "org", "يونهاب": "org",
}
DEV_LABELS |= {
    # stop 30, helper A: labelled 2026-12-03 after the runs of the kept change (bare names at 0.5 + clubs) and of the
    # baseline with printed lists: the development-day suggestions unlabelled in one of the two top 100s and not the
    # other (32), from their contexts by the same standard
    "جامعه الامير سلطان الاهليه": "org", "طارق العيسي": "person", "عبدالرحمن الغامدي": "person",
    "عبدالله السالم": "person", "عمر بن محمد الاكلبي": "person", "محمد بن سعد": "no",
    "ميليشيات الحوثيين والنظام المخلوع": "no", "يوسف بن عبدالله الزغيبي": "person", "حركه العبور بالقناه الجديده": "no",
    "حسين حبري": "person", "صحيفه حريت": "org", "عبدالمجيد الفوزان": "person", "فايز المالكي": "person",
    "مستشفي ثريبان القنفذه": "no", "معاذ الخلف": "person", "ايمن يماني": "person", "جمال بلهادي": "person",
    "شركه بوبا العربيه": "org", "عبدالخالق برناوي": "person", "عبدالعزيز القميزي": "person", "عماد الزهراني": "person",
    "غازي بن غرم الله الغامدي": "person", "قوات حرس الحدود ورجال الجمارك": "no", "مركز الامير فهد بن سلمان": "no",
    "وكاله الامن القومي الاميركيه": "org", "جامعه الملك خالد تعلن فتره التحويل": "no", "حركه المرور داخل": "no",
    "عبدالله الحربي": "person", "محمد عثمان القرني": "person", "مركز الاسنان": "no", "وائل غلام": "person",
    "وكاله الصحافه الفرنسيه": "org",
}
# stop 31, helper B: labelled 2026-12-03 23:35 UTC, after the extent runs (آل + a family name, a title after آل / ولد,
# a role word with ب / ل): the unlabelled development suggestions those top 100s added, read from their contexts
# (the long forms of known rulers, an envoy, the founder king, a national coach)
DEV_LABELS |= {
    "اسماعيل ولد الشيخ": "person", "عبدالعزيز ال سعود": "person", "سلمان بن عبدالعزيز ال سعود": "person",
    "محمد بن راشد ال مكتوم": "person", "خليفه بن سلمان ال خليفه": "person", "سلمان بن ابراهيم ال خليفه": "person",
    "عمر باخشوين": "person", "محمد بن زايد ال نهيان": "person",
}
DEV_LABELS |= {
    # stop 31, helper A: labelled 2026-12-03 ~23:35 UTC, after the kind model's name-disjoint cross-check on the
    # --universe wider replays (crossval --disjoint, models trained on the full / wider replays, p^0.5 and p^1): the
    # development-day suggestions it printed unlabelled (53), from their contexts by the same standard
    "الاتحاد الاوربي": "org", "اياد نقشبندي": "person", "جامعه الملك خالد وجهه نظر": "no",
    "جماعه انصار الله الحوثيه": "org", "حسام عبدالغفار": "person", "حمد بن محمد": "no", "رياض الابراهيم": "person",
    "زينب تعرضت بالخطا": "no", "زينب لباد": "person", "شركه التامين": "no", "عادل الشجاع": "person",
    "عبدالعزيز التاريخي": "no", "عبدالله المريبض": "person", "علي احمدي": "person", "قوه السلاح": "no",
    "كريستيان غروس": "person", "ماركو بولو دل نيرو": "person", "مجلس الجمعيات التعاونيه": "org",
    "محمد الزعبي": "person", "محمد المردف": "person", "مركز الدراسات": "no", "مركز الرياض": "no",
    "مستشفي الملك عبدالله": "org", "مصلحه النادي": "no", "احمد قاديروف": "no", "احمد نظيف": "person",
    "المجلس الوطني للمقاومه الايرانيه": "org", "بتامين طائرات شحن تابعه": "no", "جان ايف لودريان": "person",
    "حركه النقل الخارجيه للمعلمين": "no", "حنان الشهراني": "person", "خالد طاهر": "person", "سامي الملحم": "person",
    "سعيد الغامدي": "person", "سلطان الدعيع": "person", "سيف سلمان": "person",
    "شركه الطائف للاستثمار والسياحه": "org", "صحيفه اس": "org", "عبدالله الموسي": "person",
    "عبدالمجيد العمري": "person", "عبدالوهاب شلبي": "person", "قوه الدفع": "no", "محمد ابو سبعان": "person",
    "محمد الخرينق": "person", "محمد جابر": "person", "مركز حدودي للجيش التركي": "no", "مريم الغامدي": "person",
    "مستشفي الامل والصحه النفسيه": "org", "مستشفي النبهانيه": "no", "مكتب التحقيقات الفدرالي": "org",
    "منظمه الامم المتحده للتربيه": "no", "هيئه التدريس وطلاب وطالبات وموظفي وموظفات": "no",
    "وتقنيه المعلومات لطفي باشريف": "no",
}
DEV_LABELS |= {
    # stop 31, helper A: labelled 2026-12-03 ~23:38 UTC, after the same cross-check with the labels above (the model
    # trained on the wider replays, p^0.5): the development-day suggestions it still printed unlabelled (25)
    "النادي الادبي الثقافي": "no", "عبدالرحمن بن سعيد": "person", "متعب بن عبدالله": "person",
    "مجلس الاقتصاد والتنميه": "org", "مستشفي الملك سعود": "org", "احمد السروي": "person", "باسل الهلالي": "person",
    "بندر بن عبدالرحمن المهنا": "person", "جورج كلوني": "person", "حسام العنقري": "person", "خالد اليوسف": "person",
    "ديفيد توماس": "person", "دين محمد درويش": "person", "سعد الحريري": "person", "سعد الحسين": "person",
    "طلال الاردني": "person", "عباس عراقجي": "person", "عبدالرحمن الشدوي": "person", "عبدالمنعم النجار": "person",
    "عمر بن عبدالعزيز المبارك": "person", "عمر قاضي": "person", "فهد المشيقح": "person", "فهد واحفاده": "no",
    "محسن الحازمي": "person", "محمد الشبانات": "no",
}
DEV_LABELS |= {
    # stop 31, helper A: labelled 2026-12-03 ~23:45 UTC, before/after the kind model retrained on the wider replays:
    # the development-day suggestions that entered or left a --known-before top 100 (4 cells), unlabelled (58)
    "احمد الجابري": "person", "احمد الحسين": "person", "التحالف الداعم للشرعيه": "no",
    "التنظيم المتطرف بقياده ابو بكر البغدادي": "no", "المديريه العامه للجوازات الاخوه اليمنيين": "no",
    "المصرف المركزي الاوروبي": "org", "النادي العاصمي": "no", "تعرضت بالخطا": "no", "تنظيم جولات استفزازيه": "no",
    "جامعه الملك عبدالعزيز بجده": "org", "جامعه تكساس وكولورادو وكاليفورنيا وبنسلفانيا": "no",
    "جامعه دار العلوم": "org", "جهاز الكمبيوتر": "no", "جورج باتاكي": "person", "حاتم خوقير": "person",
    "حسين موسوي": "person", "خالد الباز": "person", "راشد الصفيان": "person", "سعيد البشري": "person",
    "سلطان الشايع": "person", "شركه ابل ساعتها الذكيه": "no", "شركه القصيم الزراعيه": "org", "شركه سيارات": "no",
    "شركه وابل العربيه للاستثمار المحدوده": "org", "عبدالرحمن بن زيد الهزاني": "person",
    "عبدالله الجنوبي ومدرب اللياقه ماركو": "no", "عبدالله العالميه": "no", "عبدالله بن عبدالملك": "no",
    "عبدالله عمر": "person", "عثمان عز الدين": "person", "عز وجل": "no", "علي احمد": "no", "علي التيجاني": "person",
    "علي الشهراني": "person", "عمر الملا اختر محمد منصور": "no", "فعاليات عيد الرياض": "no", "مارتن اومالي": "person",
    "مجمع الامل والصحه النفسيه": "org", "مجموعه الدول الست الكبري": "no", "محمد ابو الرحي": "person",
    "محمد بن هذال الجبيري": "person", "محمد طه فقيه": "person", "محمد عسيري": "person", "مركز غسيل كلوي": "no",
    "مستشفي سرطان الاطفال": "org", "مستشفي قياء بالحارث": "no", "مستشفي متخصص": "no", "مناف ابو شقير": "person",
    "منصور الغاء القرار الصادر": "no", "موشيه يعالون": "person", "ميليشيات الحوثيه": "no", "نايف المهيلب": "person",
    "نايف محمد الجهني": "person", "وائل مطير": "person", "وحي امان": "person", "يسلم نموذج الكشف الطبي": "no",
    "يوسف ادعيس": "person", "يوسف ميرزا": "person",
}
DEV_LABELS |= {
    # stop 31, helper A: labelled 2026-12-03 ~23:50 UTC, the same 4 cells, the old model vs the models retrained on
    # the full and the wider replays: suggestions unlabelled in some of their top 100s (32)
    "اياد مؤذن": "person", "بجده احمد روزي": "no", "تشارلز هوبر": "person", "حسين طنطاوي": "no",
    "خالد الدايل": "person", "سام بانفاذ": "no", "سليمان بن عبدالرحمن السحيباني": "person",
    "شركه سلامه للتامين التعاوني": "org", "شي جين بينغ": "person", "صالح الرشيد": "person",
    "صالح بن عبدالعزيز بن محمد": "no", "عبدالحكيم بافرج": "person", "عبدالله بن سعد": "person",
    "عمر باخشوين": "person", "عوض بن فريد": "person", "عيسي العيسي": "person", "لطفي باشريف": "person",
    "محمد الحوت": "person", "محمد الطيب": "person", "محمد الممتن": "person", "محمد حمزه مليباري": "person",
    "محمد سمبس": "person", "محمد عيد": "person", "مدالله العليان": "person", "مستشفي الملك فهد التخصصي": "org",
    "مستشفي الملك فيصل التخصصي بالرياض": "org", "مستشفي بريده المركزي": "no", "هيفاء وهبي": "person",
    "وحدات حمايه الشعب الكردي": "org", "وليد بن عبدالمحسن بن عبدالعزيز": "person", "يوسف الزغيبي": "person",
    "يونس العليوي": "person",
}
DEV_LABELS |= {
    # stop 31, helper A: labelled 2026-12-03 ~23:55 UTC, the 4 cells' top 100s with the shipped model: unlabelled (4)
    "سعيد سرحان": "person", "فهد مطر": "person", "فيصل بن سلطان": "person", "هيئه الري والصرف بالاحساء": "org",
}
DEV_LABELS |= {
    # stop 31, helper A: labelled 2026-12-04 ~00:00 UTC, after the final discovery_eval runs (shipped vs stop-29 model,
    # final labels decided): the suggestions that entered or left a top 100, unlabelled (125; 7 left unlabelled, unclear
    # from their contexts: ابراهيم محمد, الجيش النيجيري, توفيق بن سعيد, عبدالرحمن بن عبيد, عبدالله بن ابراهيم, عمر بن عبدالعزيز,
    # عمر بن عبدالهادي)
    "ابراهيم الحفظي": "person", "اتحاد الكونكاكاف": "org", "اتحاد المصارف اليونانيه": "org", "احمد السهلي": "person",
    "احمد الفضالي": "person", "احمد الفهمي": "person", "احمد الكسار": "person", "احمد عبدالحليم": "person",
    "اكتمال الاستعدادات": "no", "الاكاديميه الوطنيه للطاقه بالدمام": "org", "التنظيم الجهادي": "no",
    "الجمعيه العلميه للطلبه السعوديين بالمملكه المتحده": "org", "الحركه الانفصاليه الكرديه": "no",
    "الفرقه الاسعافيه": "no", "القوات النظاميه": "no", "المجلس التشريعي": "no", "المحكمه العليا وصدر": "no",
    "المديريه العامه للمياه": "no", "المعهد العالي للقضاء": "org",
    "المفوضيه الساميه للامم المتحده لشؤون اللاجئين": "org", "بجمهوريه مصر العربيه سامح شكري": "no",
    "بعثه فريقه": "no", "بنك الاحتياطي": "no", "تنظيم الفعاليات": "no",
    "جامعه الشرق الاوسط بالمملكه الاردنيه الهاشميه": "org", "جامعه تبوك للطالبه نور مبارك العمراني": "no",
    "جامعه جده بخبرائهما": "no", "جامعه كورنيل وشيكاغو": "no", "جامعه نايف تنظم": "no", "جامعه نورث وسترن": "org",
    "جهاز الامن القومي": "org", "جوريجوس دونيس": "person", "حركه بوكو حرام": "org", "حزب الشعب الديموقراطي": "org",
    "حزب اليونانيين المستقلين اليميني": "no", "حسن البنا": "person", "خالد البراك": "person",
    "خالد الجندان": "person", "خالد بن عواض المطيري": "person", "خالد عبدالعزيز": "person",
    "خليل المصري المران بمحاضره مصغره": "no", "راشد الحمالي": "person", "ريتشارد نيكسون": "person",
    "سالم باعجاجه": "person", "سان مورتيز السويسريه": "no", "سراج حقاني": "person", "سليمان الحبيب": "person",
    "شركه الاستشارات العالميه الخاصه": "no", "شركه الخطوط الجويه الفرنسيه": "org", "شركه توشيبا": "org",
    "شركه فيات كرايسلر": "org", "شركه متخصصه": "no", "صادق سرحان": "person", "صالح بشير": "person",
    "صالح بن سعد المؤنس": "person", "صندوق المناسبات": "no", "طارق العبدالجبار بدا سلسله زيارات": "no",
    "طلعت حافظ": "person", "عبدالرحمن حبيب عبدالله": "person", "عبدالعزيز الدخيل": "person",
    "عبدالعزيز كابراوي": "person", "عبدالكريم الزبيدي": "person", "عبدالله الحسين": "person",
    "عبدالله الخزاعي": "person", "عبدالله الصبيحي": "person", "عز الدين القسام": "no", "علي البيضاني": "person",
    "علي العلياني": "person", "عمر الزهراني": "person", "عمر تعلنان وفاه": "no", "عمر عبدالعزيز": "person",
    "غازي الصويغ": "person", "فارس وشجاع لايهاب": "no", "فرقه اطفاء وانقاذ": "no",
    "فيصل ومشاهد متحركه ولقطات مرئيه": "no", "قوات البيشمركه الكرديه اشتبكت": "no", "قوه وبكافه اشكال المقاومه": "no",
    "لؤي مطبقاني": "person", "ماجد بن سعد العصيمي المشرف": "no", "ماريو دراجي": "person", "ماهر الحضراوي": "person",
    "مجمع الجامعه واستغلت فرصه تقهقر مقاتلي": "no", "مجموعه الدجاجه": "no", "مجموعه متخصصه للسياحه والتنميه": "no",
    "محكمه تنفذها الجهات المعنيه": "no", "محمد العاصمي": "person", "محمد العبدلي": "person", "محمد حبش": "person",
    "محمد سمرقندي": "person", "محمد عبدالوهاب": "person", "محمد نواز شريف": "person", "مديريه لودر": "place",
    "مديريه مشرعه وحدنان الواقعه": "no", "مروان دفتردار": "person", "مستشفي الامير متعب": "org", "مستشفي الريث": "no",
    "مستشفي سراه عبيده": "no", "مستشفي مني الشارع الجديد": "no", "مستشفي مني الوادي": "no",
    "مسعود البارزاني": "person", "مشبب بن محمد القحطاني": "person", "مصطفي الدباشي": "person", "مصلحه الجميع": "no",
    "مصلحه كره القدم": "no", "مفوضيه الامم المتحده": "no", "مكتب الحركه بالرياض لتجهيز قطار الطوارئ": "no",
    "مكتب تحقيقات الطيران بالمملكه العربيه السعوديه": "org", "نادي ضباط قوي الامن": "no", "ناصر الناصر": "person",
    "نايف التميمي": "person", "نايف الجهني": "person", "نايف فائز وبمشاركه": "no",
    "نوره بنت عبدالله الحزيمي": "person", "هديه تذكاريه": "no", "هيئه الري": "no", "وابداء الراي": "no",
    "واطلاق الاحكام جزافا وترويع الامنين": "no", "وتوعيه الجاليات": "no", "وجود عيوب خلقيه": "no",
    "وحدات تكتيكيه تابعه للتنظيم ودمرت مواقع": "no", "وحدات تكتيكيه ومركبات ومواقع قتاليه بالقرب": "no",
    "وحدات تكتيكيه ومواقع قتاليه بالقرب": "no", "وليد بن عبدالله الحسين": "person", "يحيي الحجيري": "person",
    "يوسف بن خليفه الظاهري": "person",
}
DEV_LABELS |= {
    # stop 31, helper A: labelled 2026-12-04 ~00:05 UTC, the rest of the final runs' top 100s (both models), unlabelled
    # (55; left unlabelled, unclear from the context: عبدالله بن ابراهيم, عمر بن عبدالهادي)
    "ابراهيم محمد": "no", "احمد العفيصان": "person", "احمد روزي": "person", "احمد علاونه": "no",
    "الجيش النيجيري": "org", "المؤسسه العامه للتدريب التقني": "no", "الهيئه الملكيه بالجبيل": "org",
    "بعثه النصر": "no", "بندر بن عبدالله بن عبدالعزيز": "person", "بوني يايي": "person", "بيتر سميردون": "person",
    "توفيق بن سعيد": "no", "توماس خلالها عروضه الاكروباتيه": "no", "جمعيه البر بالاحساء": "org",
    "جمعيه مراكز الاحياء": "org", "جهاد الحسين": "person", "حاكم دبي": "no", "خالد بووشل": "person",
    "خليل المصري": "person", "سعود الرشود": "person", "سفر بن احمد الغامدي": "person", "سلمان الحزم": "no",
    "سمير توكل": "person", "صالح الحازمي": "person", "صالح بن رجاء الحربي": "person",
    "صحيفه دايلي ميل البريطانيه": "org", "صحيفه سبورت": "org", "عبدالرحمن بن عبيد": "person",
    "عبدالكريم العبدالكريم": "person", "عبدالله صبيحي": "person", "عمر بن عبدالعزيز": "no", "عيد الرياض": "no",
    "فتح سد": "no", "فهد الجهني": "person", "فيصل بن عبدا": "no", "قابوس بن سعيد سلطان عمان": "no",
    "قوات الطوارئ الخاصه بالرياض": "org", "كتيبه المدرعات الخامسه": "no", "ماريو ماندزوكيتش": "person",
    "محمد الشهري": "no", "محمد العنزي": "person", "محمد الكلابي": "person", "محمد درويش": "person",
    "محمد رحيم": "person", "مركز تسليم العقود الاجله": "no", "مستشفي الملك عبدالعزيز بمكه": "org",
    "مشعل بن عبدالله": "person", "مكتب تحقيقات الطيران عين": "no", "ممدوح الدماطي": "person",
    "نايف الهاجري المشرف": "no", "هاني بن محمد ابوراس": "person", "هاني رمزي": "person", "ورؤساء الاقسام": "no",
    "وكاله الوزاره للتعليم وبمتابعه": "no", "يوسف العبدان": "person",
}
DEV_LABELS |= {
    # stop 32, helper A: labelled 2026-12-04 02:40-02:55 UTC, before the new cues were kept: the unlabelled names in
    # one of the baseline's and a new rule's development top 100s and not the other (occupations, a role + its club,
    # a work before its author; 161 names, from their printed contexts; left unlabelled, unclear: عبدالله بن ابراهيم)
    "ابراهيم الزواهره": "person", "اتحاد اللعبه": "no", "احمد الجعيد": "person", "احمد الدوسري": "person",
    "احمد الشناوي": "person", "احمد المنجحي": "person", "احمد النقاب": "no", "احمد سهيل": "person",
    "احمد شعيب": "person", "احمد شوقي": "person", "ارسنال الانجليزي": "org",
    "الجمعيه السعوديه للثقافه والفنون": "org", "املج زياد بن عبدالمحسن البازعي": "no", "انخل دي ماريا": "person",
    "انس عبدالحميد سدايو": "person", "ايمن فتيني": "person", "باستيان شفاينشتايجر": "person",
    "بندر بن فهد الشريف": "person", "بواسع رحمته": "no", "بيار نكورونزيزا": "person", "تركي الجلفان": "person",
    "تركي المشيقح": "person", "توني بارتون": "person", "ثامر احمد العبدالمحسن المركز الاول": "no", "جده الادبي": "no",
    "جمال بلماضي": "person", "جورج شترايتر": "person", "جون كامبل": "person", "جيمس ميلنر": "person",
    "جيوفاني سيجاتتيني": "person", "حاتم السرور": "person", "حامد الضبعان": "person", "حرب عصمت عبدالعزيز مراد": "no",
    "حسن جمال": "person", "حسين الشويش": "person", "حسين شيعان": "person", "خالد البشر": "person",
    "خالد الشمري": "person", "خالد الفيفي": "person", "خالد المطيري": "person", "خالد راضي": "person",
    "خميس مشيط عبدالعزيز بن مشيط": "no", "دي ميستورا": "person", "راشد الدوسري": "person",
    "راشد بن عبدالمنعم الراشد": "person", "رافت الميهي": "person", "رشيد بن رقوش": "no", "رينات داساييف": "person",
    "زيد العسكر": "person", "زيد محمد القحطاني": "person", "سامر سالم": "person", "سان مارتن": "person",
    "سانتي كازورلا": "person", "ستيفان يوفيتيتش": "person", "ستيفن جيرارد المنتقل": "no", "سعود التويم": "person",
    "سعود المهندي": "person", "سعيد الشواطي": "person", "سعيد بن مانع": "person", "سلطان البيشي": "person",
    "سلطان الدوسري": "person", "سلمي القحطاني": "person", "سليمان الطلق": "person", "سليمان الطلق بلقب": "no",
    "سمير السعود": "person", "سمير مبروك": "person", "شاكر ابو عباه": "person", "صالح القاسم": "person",
    "صحيفه الديلي ميل": "org", "طارق خطاب": "person", "عادل الحشاش": "person", "عاصم خان": "person",
    "عامر بن يحيي العربي": "person", "عبدالحميد الحليبي": "person", "عبدالرحمن الاغوز": "person",
    "عبدالرحمن البركه": "person", "عبدالرحمن الشمري": "person", "عبدالرحمن صندقجي": "person",
    "عبدالسلام السحيباني": "person", "عبدالعزيز الجبرين": "person", "عبدالعزيز الشعيل": "person",
    "عبدالعزيز الظفيري": "person", "عبدالقدوس الانصاري": "person", "عبدالله الاسطا": "person",
    "عبدالله الحيدري": "person", "عبدالله الشمري": "person", "عبدالله العبداللطيف": "person",
    "عبدالله الغرير": "person", "عبدالله درويش": "person", "عبدالله عبداللطيف عبدالله": "no",
    "عدنان البطيح": "person", "عدنان بن احمد": "no", "عساف القرني": "person", "علي الخيبري": "person",
    "علي المزيدي": "person", "عيد سعود": "person", "عيد سعيد": "no", "فرج اقعيم": "person", "فهد الثنيان": "person",
    "فهد الشمري": "person", "فهد الشهراني": "person", "فهد الصقري": "person", "فهد المطلق": "person",
    "فهد ثاني": "person", "فواز بخاري": "person", "فوزي الباشا": "person", "قوات البيشمركه الكرديه": "org",
    "كارلوس تيفيز": "person", "كريستيان بينتيكي": "person", "كواك تاي": "no", "لاحد اقاربه": "no",
    "مؤمن زكريا": "person", "ماتيو دارميان": "person", "ماجد ابوزاهره": "person", "مارك اندري تير شتيغن": "person",
    "ماركو ستايفيتش": "person", "مبارك عسيري لدورهما الحيوي وجهودهما": "no", "مجلس نواب الشعب": "org",
    "مجمع الامل للصحه النفسيه بالرياض باقسام": "no", "محمد اسلام": "person", "محمد الدوسري": "no",
    "محمد الساعد": "person", "محمد الضويان": "person", "محمد الفهيد": "person", "محمد المشنوق": "person",
    "محمد بالطيور": "person", "محمد عبدالعزيز": "no", "محمد قاسم": "person", "محمد هاني": "person",
    "محمد يوسف عبدالعزيز": "no", "محمود درويش": "person", "مروان حسين": "person", "مريم رجوي": "person",
    "مستشفي الملك عبدالعزيز بالطائف": "org", "مشعل العنزي": "person", "مطلق البقمي": "person",
    "معسكره التحضيري": "no", "منصور ثاني": "no", "موسي الشمري": "person", "موهبه الاثرائي": "no", "ميليشيا حزب": "no",
    "ناس القابضه": "org", "نجم النصر": "no", "نجيب الملا": "person", "نجيب محفوظ": "person", "نواف العنزي": "person",
    "هادي يعين": "no", "واعضاء المجلس": "no", "وحدات الحمايه": "no", "وحدات حرس الحدود بتبوك": "no",
    "وكاله يونهاب الكوريه الجنوبيه للانباء": "org", "وليد الشامي": "person", "ياسر المسحل": "person",
    "ياسر مدخلي": "person", "ياسين حمزه": "person", "يحيي دغريري": "person", "يوسف الحزيم": "person",
    "يوسف السالم": "person", "يوسف الطاسان": "person", "يوسف خميس": "person", "يوسف شاهين": "person",
}
DEV_LABELS |= {
    # stop 32, helper B: labelled 2026-12-04 ~02:45-03:10 UTC, before / after the lists rule (pipeline/discovery_lists.py):
    # every suggestion printed unlabelled in a development top 100 (4 cells, --universe wider --history; the rule with
    # LIST_FACTOR 0.5 and 1.0, and re-run with this block decided) that the rule brought in or pushed out, from its
    # contexts (64; cut names "no", a real name of another kind by its kind)
    "ابراهيم الزبيدي": "person", "احمد شعيب": "person", "ارسنال الانجليزي": "org", "الاناضول": "org",
    "الانماء": "org", "الجمعيه السعوديه للثقافه والفنون": "org", "الخضري": "org", "الراجحي": "org", "القادسيه": "org",
    "النصره": "org", "بيار نكورونزيزا": "person", "تركي المشيقح": "person", "توني بارتون": "person",
    "جده الادبي": "no", "جمال بلماضي": "person", "جون كامبل": "person", "حامد الضبعان": "person",
    "حرب عصمت عبدالعزيز مراد": "no", "خالد المطيري": "person", "خميس مشيط عبدالعزيز بن مشيط": "no",
    "دي ميستورا": "person", "راشد الدوسري": "person", "ريم ندا": "person", "سان جرمان": "org",
    "سلمي القحطاني": "person", "سياف البيشي": "person", "شاكر ابو عباه": "person", "عاصم خان": "person",
    "عامر بن يحيي العربي": "person", "عبدالرحمن الشمري": "person", "عبدالعزيز الجبرين": "person",
    "عبدالعزيز الشعيل": "person", "عبدالفتاح هوساوي": "person", "عبدالله الاسطا": "person",
    "عبدالله العبداللطيف": "person", "عبدالله درويش": "person", "عبدالمجيد السواط": "person", "عوض خريص": "person",
    "عيد سعيد": "no", "فرج اقعيم": "person", "فهد اعضاء اللجنه العليا": "no", "فهد المطلق": "person",
    "فياريال الاسباني": "org", "قصي الخيبري": "person", "كواك تاي": "no", "مجلس نواب الشعب": "org",
    "محمد اسلام": "person", "محمد الصيعري": "person", "محمد الضويان": "person", "مشعل العنزي": "person",
    "مصعب العتيبي": "person", "مندوبون": "no", "موهبه الاثرائي": "no", "ميليشيا حزب": "no", "ناس القابضه": "org",
    "نجم النصر": "no", "نواف العنزي": "person", "هادي يعين": "no", "هاني الناهض": "person", "هيومن رايتس": "no",
    "واعضاء المجلس": "no", "وحدات حرس الحدود بتبوك": "no", "وليد الشامي": "person", "ياسر المسحل": "person",
}
# 2026-12-04, stop 35, helper B: labelled ~20:00-20:25 UTC from the printed contexts (--universe broadest --memory
# --history --list 100): every suggestion printed unlabelled in a development top 100 (deva/devb x devtail/devrep) of the
# code at this stop's start (7251fac, the lead's baseline dumps) and of the rules gazetteer_given, nationality, org_power
# (each alone and together, re-ranked from the dumps). Cut or carried-on forms (كيلور نافاس القميص, لويس غال of لويس فان
# غال), fragments of several names (خالد بن عبدالقادر) and generic bodies (المحكمة الجزئية, نقابة الأطباء): no.
# At the merge the 36 keys helper A's block (above) labelled too, each the same way, were left to that block.
DEV_LABELS |= {
    "ابراهيم الجفالي": "person", "ابراهيم بن احمد": "no", "ابو مرزوق الاطار القيادي المؤقت": "no",
    "اتحاد امريكا الشماليه والوسطي والكاريبي": "org", "احمد المساري": "person", "احمد بن راشد الراشد": "person",
    "احمد بن عبدالله الشعيبي": "person", "احمد بن فهد الغنيم": "person", "احمد فروخ موظفي المنطقه الوسطي": "no",
    "احمد نيازي": "person", "ادريس البا": "person", "اراد الزعفوري": "person", "اسامه الدراجي": "person",
    "اسامه فقيه": "person", "الاتحاد البوليفي لكره القدم": "org",
    "الجهاز العسكري بالقطاع": "no", "الجهاز العصبي المركزي": "no", "الجهاز المناعي": "no",
    "الصندوق الثقه الملكيه الغاليه": "no", "المحكمه الجزئيه": "no",
    "المفوضيه الاوروبيه واليه الاستقرار الاوروبيه": "no", "المنظمه الانفصاليه الارهابيه": "no",
    "المنظمه الدول المصدره للنفط": "no", "الميليشيات الشيعيه": "no", "انتوني فوكس": "person",
    "انغيلا ميركل": "person", "اوري ارئيل": "person", "اياد صالح": "no", "ايلين جونسون سيرليف": "person",
    "اييلت شكيد": "person", "بدر الشمراني": "person", "بدر عبدالعاطي": "person", "بسام منير نحلاوي": "person",
    "بشير الغنيم": "person", "بندر الفيصل": "person", "بنيامين محمد وكيل اعمال": "no",
    "بيتر بتري": "person", "بيتر فليشر": "person", "تجمع كولومبيا": "no",
    "تنظيم دخول وخروج المشاركين وتسجيل اسماء": "no", "توم هاردي": "person", "توم هوبر": "person",
    "جاسر الحربش": "person", "جاسم النبهان": "person", "جاك ليو": "person",
    "جامعه سارلاند التقنيه قائله": "no", "جامعه غاريسا": "org",
    "جمال سائبه": "no",
    "جمعان بن رقوش": "person", "جمعان رشيد بن رقوش": "person", "جمعيه الاعاقه الحركيه للكبار": "org",
    "جمعيه البر الخيريه بالاحساء": "org", "جمعيه السلامه المروريه": "org", "جهاز العاب الفيديو": "no",
    "جهاز المناعه": "no", "جهاز ايباد": "no", "جو بايدن": "person",
    "جوزيه قوميز فترتين تدريبيتين": "no", "جون فرانسين": "person",
    "جون كيربي": "person", "جوناثان كاييري": "person", "جيري رايس": "person", "جيمس رودريجيز": "person",
    "حركه العين طبيعيه": "no", "حسان قباني": "person",
    "حسيب صديقي": "person", "حسين سجواني": "person", "حياه كريمه": "no",
    "خالد الدوسري": "person", "خالد السهلي": "person", "خالد السيف": "person", "خالد الفاخري": "person",
    "خالد بن عبدالقادر": "no", "خالد مرعي": "person", "خوان لابورتا": "person",
    "رامي عباس": "person", "روبرتو ازيفيدو": "person",
    "ريكي لامبرت": "person", "زيد رعد الحسين": "person", "سالم المري": "person", "سريه تامه": "no",
    "سعد الثويني": "person", "سعد بن سعيد الحجري": "person",
    "سعدي شوبكي": "person", "سعود العريفي": "person", "سعود بن عبدالمحسن بن عبدالعزيز": "person",
    "سليمان البطحي وكيل امانه الرياض": "no", "سليمان السحيباني": "person", "سليمان العمار": "person",
    "سيرجيو روميرو": "person", "سيف لفرانس برس": "no", "شبنان بن مبارك القرني": "person",
    "شركه ابناء": "no", "شركه الادويه البلجيكيه": "no",
    "شركه زين": "org", "شركه مساهمه": "no", "شكري الحنفوش": "person",
    "شكري زعلاني": "person", "صادق تعازيه ومواساته": "no", "صحيفه ذا": "no",
    "صندوق موضوع اسفل احدي سيارات الدعايه": "no", "صنعاء عبدالقوي احمد عباد شريف": "no", "طارق المطرفي": "person",
    "طارق بن سالم": "no", "طوال فتره المعسكر": "no", "طيار يوسف الزير": "no", "عائض الحربي": "person",
    "عائض بن محيا": "person", "عادل مهران": "person", "عاصم شيخ": "person",
    "عبدالجبار بورديلي المفتش": "no", "عبدالرحمن الصخيري": "person",
    "عبدالرحمن المسعد مكالمات هاتفيه بالبعثه": "no", "عبدالرحمن بن خليفه ال ثاني": "person",
    "عبدالعزيز بن فوزان الفوزان": "person", "عبدالعزيز طيب الله ثراه": "no",
    "عبدالله الحمراني": "person", "عبدالله الدغيثر": "person", "عبدالله الطريزاوي": "person",
    "عبدالله بن ماضي": "person", "عبدالمنعم الحيزان": "person",
    "عبدالهادي ايشان": "person", "عدنان العرعور": "person", "عدنان يانوزاي": "person", "عصام بن سعيد": "person",
    "علاء الغامدي": "person", "علي الحازمي": "person", "عمر بن عبدالله": "no", "عواد بن عيد البلوي": "person",
    "عيد الفارسي": "person", "فرقه الصم": "no", "فلاح حمد": "no", "فهد الكبيسي": "person",
    "فيصل ابان": "no", "فيصل القاسم": "person", "فيصل يماني": "person", "قناه افاق": "org", "كارلوس اسكيوس": "person",
    "كريستيان انسالدي": "person", "كريستيان زاباتا": "person", "كيفن كيليا": "person",
    "كيلور نافاس القميص": "no", "لويس غال": "no", "لويس ناني": "person",
    "ماتيو راين": "person", "ماركو فيراتي": "person", "ماريو جوميز": "person", "ماهر الجديد": "person",
    "ماهر سليم": "person", "مجمع الامل والصحه النفسيه بالدمام": "org",
    "محكمه الكاس": "org", "محمد العرمطي": "person", "محمد العويفي": "person",
    "محمد المصري": "person", "محمد خاتمي": "person", "محمد سالم الغبان": "person", "محمد صادق": "person",
    "محمد عبدالرحمن": "person", "محمد فريد": "no", "مديريه التواهي": "place",
    "مرعي بن مجدوع ال مجدوع": "person", "مركز الرياض الدولي": "no", "مستشفي الثوره": "org",
    "مستشفي الملك عبدالله التخصصي للاطفال": "org", "مسفر الخثعمي": "person",
    "معتز موسي": "person", "معهد الدراسات الفنيه للقوات الجويه": "org", "مقرن بن عبدالعزيز ال سعود": "person",
    "ممدوح بن محمد عراقي": "person", "منصور بن احمد الغامدي": "person", "موسي ابو مرزوق": "person",
    "نائف البكري": "person", "ناثانييل كلاين": "person", "نادي الضباط": "org", "ناصر الشاذلي": "person",
    "ناصر الشريف": "person", "ناصر الشهراني": "person", "ناصر العريني": "person",
    "ناصر بن عبدالله": "no", "نقابه الاطباء": "no", "نقابه صيادي السمك": "no",
    "نواز شريف": "person", "نواف بن فيصل": "person", "نيك ريماندو": "person", "نيكولا مادورو": "person",
    "هاني بن محمد": "no", "هيئه اركان الجيش التركي الهجوم": "no",
    "هيئه البحرين للثقافه والاثار": "org",
    "هيئه المسح الجيولوجي الامريكيه": "org", "وسعي اداره النادي": "no",
    "وكاله الاحصاء الاوروبيه": "org", "وكاله الفضاء الامريكيه": "org",
    "وليد باصمد": "person", "وليد جنبلاط": "person", "يوسف القرضاوي": "person", "يوسف بن محمد الثويني": "person",
}
# 2026-12-04, stop 35, helper D: labelled 21:15 UTC from the printed context, after the replays of the rules
# head_bare_form and quoted_complement (deva devtail's top 100, the one row printed unlabelled): the Anadolu agency.
DEV_LABELS |= {"وكاله انباء الاناضول": "org"}
# stop 36, helper E's DEV_LABELS block goes directly below this line
# 2026-12-04, stop 36, helper E: labelled 23:30-23:45 UTC from the printed contexts, after the replays of the rules
# titled_institution, org_join (and role_orgs, not kept): every unlabelled row of the 4 development cells' top 100s,
# before (the lead's dumps of 3938ff0) and after; cut, carried-on and lineage-only forms are "no".
DEV_LABELS |= {
    "كليه الملك فهد الامنيه": "org", "مجلس قياده المقاومه الشعبيه": "org",
    "مركز مهارات الحياه باللغه الانجليزيه": "no", "جيش الحكومه المعترف": "no", "ستيفان سافيتش": "person",
    "نادر عنتر": "person", "عمر عبدالعزير": "person", "ناصر ابو جلاس": "person", "الاتحاد الكوري السابق": "no",
    "مكتب الحمله الوطنيه السعوديه لنصره الاشقاء": "no", "نادي الزمالك المصري": "org", "الجهاز الهضمي للكلاب": "no",
    "حزب الشعوب الديمقراطي المؤيد للاكراد": "no", "جمعيه الجشه الخيريه": "org", "سعود الطبيه": "no",
    "ورؤوف جاسر": "no", "طارق العبدالجبار مساعد": "no", "لويز غوستافو": "person", "صالح بن عبدالله السهلي": "person",
    "لونج اونج": "person", "لطفي باشرين": "person", "ادم بوغدان": "person", "فدريكا موغيريني": "person",
    "تيري سكوت": "person", "تحفيظ القران": "no", "عبدالرحمن بن علي": "no", "احمد عباد شريف": "no",
    "مكافحه التحرش": "no", "اسماء بنت عمرو": "person", "فيصل الصقير": "person", "رامي ابو الفرج": "person",
    "ابراهيم عبدالله": "no", "حمدان ساير الشمري": "person", "حمود عبدالله الغامدي": "person",
    "عبدالوهاب بن محمد ابوملحه": "person", "حسن الجاسر": "person", "بسلطنه عمان": "no",
    "فلاديمير كوجين": "person", "مصطفي وزيري": "person", "فارس غروي تحقيق المركز الاول": "no",
    "كريس اولوكولاد": "person", "بيتر ساذرلاند": "person", "خورخي خوستينيانو": "person", "دانيال كارفاخال": "person",
    "محمد عبدالرازق": "person", "اردا توران": "person", "عثمان الصيني": "person", "وانا اتطلع": "no",
    "فهد الصقيه": "person", "محمد البديع": "person", "يويشي ميازاوا وحاكم البنك المركزي": "no",
    "عبدالله غل": "person", "بهدف وحيد": "no", "ومتعهد التغطيه": "no", "عبدالله العساف": "person",
    "رضا عبيد": "person", "محمد بدر": "person", "جراحه الاسنان": "no", "صانع العاب": "no", "كاف السياحي": "no",
    "اثني عشر": "no", "محمد نجيب": "person", "نيكولا دي": "no", "برندن رودجرز": "person", "وخادم الحرمين": "no",
    "وانتهت المباراه": "no", "خالد الاحمد": "person", "ياو مينغ": "person", "لوبا سامري": "person",
    "جواو ارماندو": "person", "محمد الحمزه": "person", "ميشيل اوباما زوجه": "no",
    "منصور الدريويش مسؤولي المدارس": "no", "معهد واشنطن للشرق الادني": "org", "خطاب تهنئه": "no",
    "مرسي المنتمي": "no", "عمر بن صالح": "no", "ماجد بن سعد": "no", "شركه كولشيك هولدينج": "org",
    "كريستين لاجارد": "person", "مديريه الشيخ عثمان": "place", "كارلوس دي بالاسيو القطار": "no",
    "زينب لكسور بسيطه": "no", "سيلا": "no", "عبدالعزيز بعشيره وحديقه فرحه وطن": "no", "رؤوف جاسر": "person",
    "مكه يناقش تدابير منع المتسللين": "no", "المنظمه العالميه لمناهضه التعذيب": "org",
    "جمعيه الفرقان بالاسكندريه": "org", "مانع عبدالله العتيبي": "person", "شركه تامين تطلق": "no",
    "مركز الدفاع المدني بالفيصليه": "no", "تيجانون شيري": "person", "لوبا سمري": "person", "ونائبه يهنئان": "no",
    "فواز المقاطي": "person", "يوسف الثويني": "person", "محمد الجبوري": "person", "محمد الحبشان": "person",
    "عبداللطيف بن محمد البنيان": "person", "عادل الضويحي": "person", "محمد السعدان": "person", "مجدي مصطفي": "person",
    "نايف بن مناحي بن سعيدان": "person", "فهد المشعان": "person", "صالح بن حمد القحطاني": "person",
    "نايف العنزي": "person", "خضر الغامدي": "person", "ابراهيم الشيخي": "person", "صالح بن خالد الهدلق": "person",
    "ديفيد كيناستون": "person", "سعد بن مقرن المقرن": "person", "محمد عمران": "person", "سعد مارق": "person",
    "ابراهيم هزازي": "person", "هلال سوداني": "person", "منصور الدوسري": "person", "سعيد السريحي": "person",
    "هيثم الملحاني": "person", "احمد الجباري": "person", "رفيق الشلي": "person", "عدنان الدليمي": "person",
    "اسماء الفائزين": "no", "ناصر الموسي": "person", "سليمان القزلان": "person", "ماجد الجبرين": "person",
    "محمد مغرم الهلالي": "person", "عادل الشهري": "person", "عبدالرحمن علواني": "person", "حسن عجمي": "person",
    "احمد دهلوي": "person", "صالح بن عبدالرحمن الشهيب": "person", "تركي الحربي": "person", "محمد باريان": "person",
    "محمد البكيري": "person", "مطلق العتيبي": "person", "عبدالمجيد العتيبي": "person", "سعد عبدرب": "no",
    "سالم النايلي": "person", "ابراهيم بن سليمان الرشيد": "person", "ناصر القحطاني": "person",
    "ابراهيم خفاجي": "person", "زياد الدريس": "person", "زياد المغربل": "person", "وليد بن ابراهيم البدر": "person",
    "علي المجدوعي": "person", "عبدالحكيم مجاهد": "person", "يوسف معاطي": "person", "بيتر كازيمير": "person",
    "جورج كليمنصو": "person", "صالح ابوهاشم": "person", "اسماء لمنور": "person", "توماس بيرداييتش": "person",
    "ديفيد فيرير": "person", "جيمس بولارد": "person", "عوض زارب": "person", "شركه الخليج للملاحه القابضه بواقع": "no",
}
# stop 36, helper F's DEV_LABELS block goes directly below this line
# 2026-12-04, stop 36, helper F: labelled 23:05-23:15 UTC from the printed contexts, before any rule of this pass was
# run: every suggestion printed unlabelled in the 4 development top 100s (deva/devb x devtail/devrep, --universe broadest
# --memory --history --list 100) of the code at this stop's start (3938ff0, the lead's baseline in /work/wt/base36).
# 146 keys: 104 persons, 4 organizations, 1 place, 37 not names. A name carried on into the next
# words, cut before its last words (سعد عبدرب, لويس جال of لويس فان جال), a lineage without its family name (عمر بن صالح;
# printed without a context: every mention goes on with one), a name glued to و, a common phrase: no.
DEV_LABELS |= {
    "يوسف الثويني": "person", "محمد الجبوري": "person", "محمد الحبشان": "person",
    "عبداللطيف بن محمد البنيان": "person", "عادل الضويحي": "person", "محمد السعدان": "person",
    "مجدي مصطفي": "person", "نايف بن مناحي بن سعيدان": "person", "فهد المشعان": "person",
    "صالح بن حمد القحطاني": "person", "نايف العنزي": "person", "خضر الغامدي": "person", "ابراهيم الشيخي": "person",
    "صالح بن خالد الهدلق": "person", "ديفيد كيناستون": "person", "سعد بن مقرن المقرن": "person",
    "محمد عمران": "person", "سعد مارق": "person", "ابراهيم هزازي": "person", "هلال سوداني": "person",
    "منصور الدوسري": "person", "سعيد السريحي": "person", "هيثم الملحاني": "person", "احمد الجباري": "person",
    "رفيق الشلي": "person", "عدنان الدليمي": "person", "اسماء الفائزين": "no", "ناصر الموسي": "person",
    "سليمان القزلان": "person", "ماجد الجبرين": "person", "محمد مغرم الهلالي": "person", "عادل الشهري": "person",
    "عبدالرحمن علواني": "person", "حسن عجمي": "person", "احمد دهلوي": "person", "صالح بن عبدالرحمن الشهيب": "person",
    "تركي الحربي": "person", "محمد باريان": "person", "محمد البكيري": "person", "مطلق العتيبي": "person",
    "عبدالمجيد العتيبي": "person", "سعد عبدرب": "no", "سالم النايلي": "person", "ابراهيم بن سليمان الرشيد": "person",
    "ناصر القحطاني": "person", "ابراهيم خفاجي": "person", "زياد الدريس": "person", "زياد المغربل": "person",
    "صالح بن عبدالله السهلي": "person", "لونج اونج": "person", "لطفي باشرين": "person",
    "وليد بن ابراهيم البدر": "person", "علي المجدوعي": "person", "عبدالحكيم مجاهد": "person", "يوسف معاطي": "person",
    "بيتر كازيمير": "person", "جورج كليمنصو": "person", "صالح ابوهاشم": "person", "اسماء لمنور": "person",
    "توماس بيرداييتش": "person", "ديفيد فيرير": "person", "جيمس بولارد": "person", "عوض زارب": "person",
    "ستيفان سافيتش": "person", "نادر عنتر": "person", "عمر عبدالعزير": "person", "ناصر ابو جلاس": "person",
    "عبدالرحمن بن علي": "no", "احمد عباد شريف": "no", "مكافحه التحرش": "no", "اسماء بنت عمرو": "person",
    "فيصل الصقير": "person", "رامي ابو الفرج": "person", "ابراهيم عبدالله": "no", "حمدان ساير الشمري": "person",
    "حمود عبدالله الغامدي": "person", "عبدالوهاب بن محمد ابوملحه": "person", "سعود الطبيه": "no",
    "حسن الجاسر": "person", "لويس جال": "no", "بسلطنه عمان": "no", "فلاديمير كوجين": "person",
    "مصطفي وزيري": "person", "فارس غروي تحقيق المركز الاول": "no", "كريس اولوكولاد": "person",
    "بيتر ساذرلاند": "person", "خورخي خوستينيانو": "person", "دانيال كارفاخال": "person", "محمد عبدالرازق": "person",
    "اردا توران": "person", "عثمان الصيني": "person", "وانا اتطلع": "no", "فهد الصقيه": "person",
    "محمد البديع": "person", "يويشي ميازاوا وحاكم البنك المركزي": "no", "عبدالله غل": "person", "بهدف وحيد": "no",
    "ومتعهد التغطيه": "no", "عبدالله العساف": "person", "رضا عبيد": "person", "محمد بدر": "person",
    "جراحه الاسنان": "no", "صانع العاب": "no", "كاف السياحي": "no", "اثني عشر": "no", "محمد نجيب": "person",
    "نيكولا دي": "no", "برندن رودجرز": "person", "وخادم الحرمين": "no", "وانتهت المباراه": "no",
    "خالد الاحمد": "person", "ياو مينغ": "person", "لوبا سامري": "person", "جواو ارماندو": "person",
    "محمد الحمزه": "person", "ميشيل اوباما زوجه": "no", "منصور الدريويش مسؤولي المدارس": "no",
    "معهد واشنطن للشرق الادني": "org", "خطاب تهنئه": "no", "مرسي المنتمي": "no", "ادم بوغدان": "person",
    "فدريكا موغيريني": "person", "تيري سكوت": "person", "عمر بن صالح": "no", "ماجد بن سعد": "no",
    "شركه كولشيك هولدينج": "org", "كريستين لاجارد": "person", "مديريه الشيخ عثمان": "place",
    "كارلوس دي بالاسيو القطار": "no", "زينب لكسور بسيطه": "no", "سيلا": "no",
    "عبدالعزيز بعشيره وحديقه فرحه وطن": "no", "رؤوف جاسر": "person", "مكه يناقش تدابير منع المتسللين": "no",
    "المنظمه العالميه لمناهضه التعذيب": "org", "جمعيه الفرقان بالاسكندريه": "org", "مانع عبدالله العتيبي": "person",
    "شركه تامين تطلق": "no", "مركز الدفاع المدني بالفيصليه": "no", "تيجانون شيري": "person", "لوبا سمري": "person",
    "ونائبه يهنئان": "no", "ورؤوف جاسر": "no", "طارق العبدالجبار مساعد": "no", "لويز غوستافو": "person",
    "فواز المقاطي": "person",
    # ~23:16 UTC, after the replays of this pass's rules (lineage_family, story_extend): the rows they brought into
    # a top 100, unlabelled (lineages with their family names; a lineage cut before another بن, a phrase, a run-on: no)
    "عبدالعزيز بن عبدالله الفالح": "person", "زياد بن عبدالمحسن البازعي": "person", "ذوي الاعاقه": "no",
    "ساير بن لافي": "no", "فهد بن عثمان الغامدي": "person", "محمد بن ابراهيم الشثري": "person",
    "سلمان بن علي العليوي": "person", "وليد بن علي الجلال": "person", "ناصر بن احمد الخريصي": "person",
    "عيسي بن صلاح الرجبي": "person", "مطلق بن عبدالرحمن المطيري": "person", "سامي بن معوض الحربي": "person",
    "محمد بن ابراهيم الممتن": "person", "انور بن الشامي العنزي": "person", "سهيل بن فرج الحمد": "person",
    "تركي الغنيماوي": "person", "فهد بن عبدالله السماري": "person", "فهد بن راشد العتيبي": "person",
    "عبدالعزيز بعشيره": "no", "يويشي ميازاوا وحاكم": "no", "ثامر احمد العبد المحسن": "person",
    # ~23:25 UTC, story_extend alone (lineage_family off) on devb: lineage starts without a context (no), the right
    # extent of a carried-on row (كارلوس دي بالاسيو of … القطار)
    "عادل بن احمد": "no", "ممدوح بن محمد": "no", "راشد بن عبدالمنعم": "no", "احمد بن راشد": "no", "كارلوس دي بالاسيو": "person"
}
# 2026-12-05, stop 36, helper G: labelled ~00:37-00:42 UTC from the printed contexts, after the 4 development cells
# were re-ranked (--load-store, the lead's dumps) with the kind model retrained on the current rules' candidates: the
# rows it brought unlabelled into a top 100 (55; cut or carried-on forms, a verb, a club name carried in: no)
DEV_LABELS |= {
    "مستشفي الدوادمي": "org", "وتم ابلاغ": "no", "يحتل المركز": "no", "عسير يطلق شاره البدء": "no",
    "كميل زاياتي": "person", "دييجو كوستا": "person", "ومديري العموم": "no", "برونو رودريغيز": "person",
    "زويد ورفح": "no", "برشلونه بدرو رودريغيز": "no", "سيرج جنكا": "person", "حمير بن سالم الفهادي": "person",
    "سالي مونتاري": "person", "وكاله انباء فارس": "org", "تياجو نيفيز": "person", "اندريا بيريرا": "person",
    "هيئه الاعلام المرئي": "no", "الطائي": "org", "احمد متعب": "person", "عز الدين ذو الفقار مذكرات": "no",
    "فيليبي لويس لترك تشلسي بطل": "no", "معهد العلوم": "no", "علاء بن عبدالله نصيف": "person", "موهوب": "no",
    "مازن بن محمد بترجي": "person", "بجازان بيشي": "no", "بندر ال فهيد": "person",
    "رائد بن عبدالرحمن شالواله": "person", "بدرو رودريغيز": "person", "مشاري بن عبدالمحسن الجبر": "person",
    "اجاد": "no", "وكاله الجمهوريه الاسلاميه": "no", "حراء": "org", "توتير": "org", "مستشفي مني الطوارئ": "org",
    "لحي الروضه": "no", "مستشفي بلجرشي": "org", "ويلفريد ايمفولا": "person", "مستشفي مني الجسر": "org",
    "جمعيه تمكين لايتام الشرقيه": "org", "مكتبه الملك فهد العامه": "org", "ايريك شولتز": "person",
    "مناوره كرويه": "no", "هيئه البحث العلمي": "no", "انترناسيونالي": "org", "وكاله انباء الشرق الاوسط": "org",
    "فرقه الاسعاف المتقدم": "no", "مستشفي البجاديه": "org", "لاي سبب": "no", "راجنات سينغ": "person",
    "مستشفي العيص": "org", "لفرانس برس": "no", "ثراه": "no", "مستشفي عسير المركزي لاستكمال العلاج اللازم": "no",
    "دييجو كوسا": "person",  # a spelling of دييجو كوستا
}
# stop 37, helper H's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 37, helper H: labelled ~02:33-02:47 UTC from the printed contexts: the unlabelled rows of the 4
# development cells' top 100s (--load-store) before (the lead's dumps of f89d1fb) and after family_word (149;
# a person carried on or cut, a phrase, a verb: no; a club or party read as a person: org; بني حسن: place)
DEV_LABELS |= {
    "ابراهام لينكولن": "person", "ابراهيم ديوارا": "person", "اتحاد الموزعين العرب": "org", "احاول": "no",
    "احدي تشكيلات": "no", "احمد الحنفوش": "person", "احمد الغنيم": "person", "اختر منصور": "person", "الترجي": "org",
    "الفيصلي": "org", "المشغله": "no", "ايرنست مونيز": "person", "ايمي هوود": "person", "ايندهوفن الهولندي": "org",
    "ايوانيس فيتفاتزيدس": "person", "ايوانيس فيتفاتزيديس": "person", "ايوانيس فيفتازيديس": "person",
    "باعاده بناء": "no", "بايرن": "org", "برنس بواتينج": "person", "بلاتر يشبه اكل لحوم البشر": "no",
    "بنك اليابان": "org", "بني حسن": "place", "بوبي براون": "person", "تاجيل البت": "no",
    "تبوك خالد مرضي العنزي": "no", "تبين وجود": "no", "تدخلا سافرا": "no", "تشير المصادر": "no",
    "تعليمنا الحيوي": "no", "تمرينا صباحيا": "no", "تنظيم الملتقي": "no",
    "تنظيم الوقت واغتنام الفرص وتقبل التحديات": "no", "تنظيم اولمبياد": "no", "ثامر بن فيصل بن ثامر": "person",
    "جازان والجوف": "no", "جبران خليل جبران": "person", "جلوي ال كركمان": "person", "جمال قاسم": "person",
    "جمال مظلوم": "person", "جمعيه الصحافيين": "no", "جمعيه رياضيه للاعبي": "no", "جون بينر": "person",
    "جيمس نولز": "person", "جيمس هورنر": "person", "حامد القارحي": "person", "حسين العوض": "person",
    "حسين الهلالي": "person", "حسين رشيد": "person", "حلقات نقاش": "no", "حمير الفهادي": "person",
    "حنان ماضي": "person", "خافيير سولانا": "person", "خالد الداموك": "person", "داناي جورورا": "person",
    "درعا تذكاريا": "no", "دريك دوريموس": "person", "ذائع الصيت": "no", "رودي نداي": "person",
    "رياض السنباطي": "person", "ريفربلايت الارجنتيني": "org", "ريفربليت الارجنتيني": "org", "سالك التطوعي": "org",
    "ستيفن سبيلبرغ": "person", "سعد الراجح": "person", "سعد العسكر": "person", "سعيد ال مقبول": "person",
    "سعيد بوميدوحه": "person", "سليمان بن محمد السريع": "person", "سميح القاسم": "person", "سيتم الانتهاء": "no",
    "سيريزا اليساري": "org", "سيمونيتا سوماروجا": "person", "سيمونيتا سوماروغا": "person", "سيون السويسري": "org",
    "شذي الصقر": "person", "شكري الزعلاني": "person", "صالح ال سالم": "person", "طلال العبسي": "person",
    "عبدالرحمن الهزاع": "person", "عبدالقادر شيخ": "no", "عبداللطيف البنيان": "person", "عبدالله بالنسيم": "no",
    "عبدالله معيوف": "person", "عدم الوفاء بعقد الاعاره": "no", "عسير وضع حجر الاساس": "no",
    "غرفه عمليات مشتركه": "no", "فاطمه الزامل": "person", "فتحي مبروك": "person", "فراس مؤذن": "person",
    "فرقه ابو عماد للفنون الشعبيه": "org", "فرنسوا لمي": "person", "فهد الامنيه": "no", "فهد الرشيدي": "person",
    "فيصل العمراني": "person", "فيلبي لويس": "person", "فيليب مكسيس": "person", "فيورنتينا": "org",
    "قوه التحمل": "no", "كريستيان كوشن": "person", "كوكاكولا": "org", "كولشيك هولدينج": "org", "كيفن تراب": "person",
    "لانتقاد عنيف": "no", "لخوض مباراه": "no", "لوبيتا نيونج": "person", "لوري اندرسون": "person",
    "ليام نيسون": "person", "مؤسسه جسر": "no", "ماركو بولو ديل نيرو": "person", "مانع العتيبي": "person",
    "مانويل لانزيني": "person", "مبارك الخرينج": "person", "متعب ال ثواب": "person", "مجاني": "no",
    "مجموعه الدول الصناعيه الثماني": "org", "مجيد الكرخي": "person", "محكمه النقض الغت الحكم": "no",
    "محمد العفالق": "person", "محمد المغلوث": "person", "محمد بن احمد طيب": "person", "محمد عبداللطيف واخصائي": "no",
    "محمد محمد ابو علامه": "person", "مروان اسماعيل": "person", "مستشفي الاحساء": "org", "مستشفي العريش": "org",
    "مستشفي الموسي": "org", "مصلحه الامن القومي للامه العربيه": "no", "مصلحه وست بروميتش البيون": "no",
    "مورا ملزم": "no", "مي بنت محمد ال خليفه": "person", "ميليشيا الدفاع الذاتي": "no",
    "نادي الروضه الرياضي شرق": "no", "نادي هيرتا برلين الالماني": "org", "هاني حجازي": "person",
    "هجر سامي الملحم": "no", "هيا الناصر": "person", "وائل الحربي": "person",
    "وزاره الرياضه وترفض اعتماد القرار": "no", "وسام الاستحقاق": "no", "وينبع بالجهود": "no", "يبذل الغالي": "no",
    "يتفقد قطاعات": "no", "يحمل الجنسيه": "no", "يدا بيد": "no", "يوسف الرميح": "person", "يوسف اليوسف": "person",
    "خافيير ماسكيرانو": "person", "ابو مرزوق الاطار": "no",
}
# stop 37, helper V's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 37, helper V: labelled ~02:26 UTC from the printed contexts, after the 4 development cells were
# re-ranked (--load-store, the lead's dumps) with pipeline.discovery_merge's rules on and off: the rows the merge
# joins or brings into a top 100 (a person under two spellings of a foreign g: both labelled, as both were rows)
DEV_LABELS |= {
    "سيمونيتا سوماروجا": "person", "سيمونيتا سوماروغا": "person", "جمعيه النحالين البريطانيين": "org",
    "لوري اندرسون": "person",
}
# stop 37, helper O's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 37, helper O: the unlabelled rows of the 4 development top 100s (--load-store), before (the lead's dumps of
# 43ad8eb) and after tail_proclitic / tail_verb / definite_word, labelled from their printed contexts (150: 54 persons,
# 21 organizations, 0 places, 75 not names, cut or carried-on forms)
DEV_LABELS |= {
    "عمر الصفراء": "person", "اياد البزم": "person", "سليمان عبدالله العمرو": "person", "تميزا": "no",
    "ابراهيم التركي": "person", "محمد عبدالجواد": "person", "جاك ديلور": "person",
    "مجمع القطيف سيتي مول بالقطيف ودارين": "no", "عبدالمحسن الطويل": "person", "محمد زايد": "no",
    "عبدالعزيز الملحم": "person", "سعود الثاقبه": "no", "فلاد شيريشيس": "person", "خالد بن فيصل بن بندر": "person",
    "محمد بن فيصل بن بندر": "person", "وبكل تاكيد": "no", "فيصل لبان وفرقته": "no", "سيغمار غابريال": "person",
    "عبدالوهاب العمري": "person", "ساره ليا": "no", "مايكل براون": "person", "صالح بن علوان الشمراني ومساعدي": "no",
    "لويس هاميلتون": "person", "اياد حماد": "person", "عصام الملا": "person", "وليام روتو": "person",
    "اسامه شلتوت": "person", "فيصل المهنا": "no", "سعيد ريحان": "person", "يحيي خليل": "person",
    "عصام الزهراني": "person", "وكاله الفضاء الاوروبيه": "org", "حسن الشريف": "person", "شركه اير فرانس": "org",
    "خالد النبوي": "person", "شركه المانيه لصناعه المنتجات الفاخره لاطلاق": "no", "مبارك بن محمد": "no",
    "ناصر الغامدي": "person", "حمد الجاسر": "person", "تدخلات خارجيه": "no", "عبدالمحسن العطيشان": "person",
    "عمر ابو العيش": "person", "فترتين تدريبيتين": "no", "اغوستي بينيديتو": "person", "مستجدات الاوضاع": "no",
    "عبدالعزيز الاحمد": "person", "جمعيه الاعاقه الحركيه": "org", "ابراهيم الحسني": "person",
    "سعود بن ابراهيم الشريم": "person", "فرقه البحث والانقاذ للموقع وتم انقاذه": "no", "فواز بن عبدالله": "no",
    "مساعدي": "no", "بندر المهنا": "person", "ديمي مور": "person", "زهير حداد": "person",
    "جامعه ليستر وشهاده البكالوريوس": "no", "سعد عابس الشهري": "person", "عبدالعزيز بن عبدالله الزامل": "person",
    "عبدالعزيز بن رقوش": "person", "لوكا كاتسيلي": "person", "فواز عزيز": "person", "محافظتي تعز": "no",
    "شركه المانيه لصناعه المنتجات الفاخره": "no", "جمعيه الاشخاص ذوي الاعاقه": "org", "الخويلديه": "org",
    "القلعه": "no", "بمغفرته ورضوانه": "no", "بنك دبي الاسلامي": "org", "جمعيه اصدقاء المجتمع": "org",
    "احدث مواجهه": "no", "مركز التكامل التنموي بتوجيه مباشر": "no", "المنظمه الارهابيه والانفصاليه": "no",
    "وكاله المسجد النبوي تجري المقابلات الشخصيه": "no", "الجبلين": "org", "مستشفي نجران": "org", "يثلج صدور": "no",
    "يعيد هيكله": "no", "يعتمد ترسيه": "no", "معهد ايفو الالماني": "org", "هديه العيد": "no", "شعبه السكان": "no",
    "تحاول انقاذ": "no", "ولهذا السبب": "no", "وحدات العمل لاعطاء": "no", "ميليشيات التمرد الحوثي": "no",
    "قوات التمرد المسلح": "no", "وبنوك الدم": "no", "ضربه موجعه": "no", "شركه بيكر هيوز": "org", "بكل المقاييس": "no",
    "مستشفي الملك سعود بعنيزه": "no", "تسهيل عمليه": "no", "وكاله التعاون الامني الدفاعي": "org",
    "جهاز الخدمه السريه اعتقل المراه": "no", "معهد معتمد": "no", "جريجوريس تدريبات بدنيه": "no", "لمصر تاتي": "no",
    "وتوفير البيئه": "no", "الاردني": "no", "رجح مغادره": "no", "شركه رويال داتش تسريح": "no", "وموظفي المطار": "no",
    "شركه جي اس": "no", "جامعه جونز هوبكنز": "org", "تم اسناد": "no", "جامعه كولومبيا وبوسطن": "no",
    "ينبع محمد": "no", "عسير احمد": "no", "اعلم": "no", "بعثه الملف الصيني": "no", "نواف بن خالد السبهان": "person",
    "فرقه خميس مشيط الشعبيه": "org", "باعاده بنائه": "no", "مركز الاحصاءات الايراني": "org", "فرقه المرج": "org",
    "قوه مصر الامنيه والعسكريه": "no", "وترسيخ القيم": "no", "سعد بن عبدالله الصالح": "person",
    "مستشفي المخواه وتجهيزه": "no", "ريتشارد هورويل": "person", "عبدالله دوش": "person", "حرق منزل": "no",
    "احمد اليامي": "person", "مارك روبيو": "person", "جامعه سيراكيوز": "org", "عجب بن عبدالله القحطاني": "person",
    "مركز ناقهي الامراض النفسيه شرح": "no", "محمد احمد المهيني": "person", "ماليات الجنوب": "no",
    "راكان البخناني": "person", "فرقه اسعاف تابعه": "no", "ابا نمي": "no", "جهاز التنفس الصناعي": "no",
    "قوات المقاومه الشعبيه استولت": "no", "اوباما كينيا": "no", "يعاني معاناه مريره": "no", "محمد ظريف": "person",
    "وكاله انباء رويترز": "org", "مستشفي الطوال": "org", "طيله السنوات": "no", "احتفل": "no",
    "مركز التكامل التنموي": "org", "وكاله المسجد": "no", "مجلس الاحتياط الاتحادي": "org", "جهاز السحب": "no",
    "الحزب اليساري": "no", "سيغمار غابريل": "person", "تيسر الجاسم": "person", "خيسوس فاييخو": "person",
    "تكاياسو شيما": "person",
}
# stop 38, helper P's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 38, helper P: the unlabelled rows that the rule given_start (persons without a cue) brought into
# the development top 100s (deva and devb, devtail and devrep), labelled from their contexts
DEV_LABELS |= {
    "باسم خليفه حفتر": "no", "صلاح لسته": "no", "عمر يناهز": "no", "فاضل يحافظ": "no", "فهد حمد مواليد": "no",
    "محمد حمد مواليد": "no", "محمد فلاح مواليد": "no", "محمد منصور": "no", "منصور اميرا": "no", "هاري بوتر": "no",
    "ابراهيم الدخيل": "person", "ابراهيم عسيري": "person", "ابراهيم عقيل": "person", "ابراهيم مجرشي": "person",
    "ابو احمد الكازمي": "person", "ابوبكر الصديق": "person", "احمد البخيت": "person", "احمد الحرمي": "person",
    "احمد الرحيلي": "person", "احمد العبدالواحد": "person", "احمد الفادن": "person", "احمد القرني": "person",
    "احمد المجايشي": "person", "احمد النفيلي": "person", "احمد سليمان": "person", "احمد فقيهي": "person",
    "اسعد عزوز": "person", "انطونيو سانابريا": "person", "ايمن الغامدي": "person", "ايهاب عسيري": "person",
    "بدر بن علي كحيل": "person", "بندر الواصلي": "person", "بندر محمد سلطان عسيري": "person", "بيل هادر": "person",
    "توفيق بوحيمد": "person", "جون كاسيتش": "person", "حسن الوثلان": "person", "حسين ابو شاهين": "person",
    "حمزه الزبيدي": "person", "خافيير باستوري": "person", "خالد السناني": "person", "خالد الطريس": "person",
    "خالد بن الوليد": "person", "خالد شواني": "person", "خالد صلوي": "person", "خالد عبدالله بوعلي": "person",
    "خليل حجي": "person", "خوان كوادرادو": "person", "ربيع سفياني": "person", "زياد عبدالمحسن البازعي": "person",
    "سامي سامطي": "person", "سعد الغامدي": "person", "سعد الغزواني": "person", "سعد بن فهد البواردي": "person",
    "سلطان الشلوي": "person", "سلطان الفعر": "person", "سلمان الحريري": "person", "سلمان المؤشر": "person",
    "سلمان المقيطيب": "person", "صالح الدوسري": "person", "صالح العرفج": "person",
    "صالح بن ابراهيم ابو هاشم": "person", "عادل شراحيلي": "person", "عامر الداوودي": "person",
    "عامر الرفدان": "person", "عامر هارون": "person", "عايض الشهري": "person", "عباس عبدالحسين": "person",
    "عبدالرحمن الزهراني": "person", "عبدالرحمن الكبيدي": "person", "عبدالعزيز الاسمري": "person",
    "عبدالعزيز الخالدي": "person", "عبدالله الفوزان": "person", "عبدالله حمود النفيعي": "person",
    "عبدالله قيسي": "person", "عبدالله معافا": "person", "علي الوادعي": "person", "علي هوساوي": "person",
    "عمر النجراني": "person", "عيسي حمود خيبري": "person", "فاطمه الالمعي": "person",
    "فاطمه بنت موسي بوخمسين": "person", "فهد العريني": "person", "فهد المولد": "person", "كامل الموسي": "person",
    "كريس برات": "person", "كريس فيليرز": "person", "ماجد الجهني": "person", "ماجد الشمراني": "person",
    "ماجد الشهري": "person", "مايكل دوجلاس": "person", "مايكل كيتون": "person", "محمد ال فتيل": "person",
    "محمد البريدي": "person", "محمد البلادي": "person", "محمد الخضيري": "person", "محمد العبكري": "person",
    "محمد العمران": "person", "محمد النحيت": "person", "محمد الواكد": "person", "محمد توفيق بلو": "person",
    "محمد علاونه": "person", "محمد علي جعفري": "person", "محمد علي عبدالرحيم الفرج": "person", "محمد معشي": "person",
    "مسفر البيشي": "person", "مشاري الثمالي": "person", "مشاري المشاري": "person", "مشاري عسيري": "person",
    "مصطفي عبدالخالق": "person", "معاذ عسيري": "person", "منصور نمازي": "person", "موفق المطيري": "person",
    "ناصر غزاوني": "person", "نواف البخيت": "person", "وليد الاحمد": "person", "يحيي ال معتق": "person",
    "يزيد الجماز": "person", "يوسف الزير": "person", "غازي عنتاب": "place",
}

# stop 38, helper R's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 38, helper R: the unlabelled rows of the 4 development top 100s (--load-store), before (the lead's
# dumps of 6b2c0fc, /work/wt/base38) and after common_pair + carried_before (150 keys), labelled from their printed contexts
DEV_LABELS |= {
    "ائتلاف اليسار": "no", "اتحاد الكاريبي": "org", "اتفق الجانبان": "no", "احدي جماعات": "no",
    "احمد الطيب": "person", "احمد الهادي بارك": "no", "ادم كولاخ": "person", "استطلاعات الراي": "no",
    "اسمي ايات الشكر": "no", "اكاديميه الربيع": "org", "اكاديميه الفارس العالمي": "org",
    "اكاديميه زوم الاندلس": "org", "اكمال نصف": "no", "الجهاز اللوحي": "no", "الجهاز اللياقي": "no",
    "الحركه القوميه": "org", "المؤسسه العربيه للدراسات والنشر": "org", "المالكي": "no",
    "المعهد الفني وعرض الشرطه العسكريه": "no", "المعهد النسائي لتوجيه فتيات المجتمع": "org",
    "اماني العريمي": "person", "امي بارتليت": "person", "انطونيو كاسانو صانع": "no", "بجده عمر الجاسر": "no",
    "بحي السفارات": "no", "بصفه عامه": "no", "بقطع راس": "no", "بكل شفافيه": "no", "بهدف نظيف": "no", "بورتو": "org",
    "بي تايتشابول": "person", "بيدرو زامبرانو": "person", "تابعت اماره": "no", "تاتي كمسؤوليه": "no",
    "تخصيص مبلغ اضافي": "no", "تشيكو فلوريس بقطع جزئي": "no", "تنظيم دوره الالعاب الاولمبيه الشتويه": "no",
    "جامعه شيفيلد": "org", "جانيت ييلين": "person", "جمعيه الامير فهد بن سلمان الخيريه": "org",
    "جمعيه الزهايمر": "org", "جهاز الاحصاء": "no", "جهاز الخدمه السريه": "org", "جيروم شامبين": "person",
    "حراسه امنيه": "no", "حركه النقل الداخلي للمعلمين والمعلمات للعام": "no", "حسن خالد شلحه": "person",
    "حسين المنصور": "person", "حق النقض": "no", "حل مشكله": "no", "خالد العبدالعزيز السبهان": "person",
    "خالد مرضي العنزي": "person", "خراسان الارهابيه": "no", "خميس مشيط سعيد بن عبدالعزيز": "no",
    "دايملر الالمانيه": "org", "زيد الشمري": "person", "زينب ابو طالب": "person", "سائلين المولي": "no",
    "سان بطرسبرج": "place", "سان جيرمان": "no", "شركه التطوير العقاري الفاخر": "no",
    "شركه الخطوط الجويه الروسيه": "no", "شركه المانيه": "no", "شركه جنرال داينميكس": "org",
    "شركه محرك البحث الشهير": "no", "شركه نفق يوروتانل": "org", "شركه واحده": "no", "شركه واستقرار اسعار اسهم": "no",
    "شركه يونيفرسال": "org", "صالح بن ابراهيم": "no", "صحيفه دايلي مايل": "org", "طب العيون": "no",
    "عاصم حسين": "person", "عبدالرحيم الدباس": "person", "عفيفي عبدالوهاب": "person", "عقلا بن علي العقلا": "person",
    "علي حسين": "no", "عليوي بن قيضي العنزي": "person", "عمر المبارك": "person", "غاده عادل": "person",
    "فرانسيسكو رودريجيز": "person", "فرقه اسعافيه وفريق متقدم": "no", "فرقه كوماندوس ارسلت": "no", "فلورنسا": "place",
    "فهد ابراهيم": "no", "فيصل الفوزان": "person", "فيصل بن ثامر بن عبدالعزيز": "person",
    "قوات الفرقه الذهبيه تمكنت": "no", "قوه الخصوم": "no", "قوه الدرك قتلا": "no", "قوه جازان": "no",
    "قوه لانتزاع المركز الاول": "no", "قوه مقابل الدولار": "no", "قوه ونظام": "no", "كارل هاينتس رومينيغه": "person",
    "لصحه جده": "no", "مؤسسه التقاعد": "org", "مؤسسه دوري نجوم قطر": "org", "مارك توشا": "person",
    "مارك كين": "person", "ماكس كروز": "person", "مايكل سامرز الباحث": "no", "مجلس الخبراء": "org",
    "مجلس الضمان الصحي التعاوني حفل المعايده": "no", "مجلس اللوردات البريطاني": "org", "مجمع الاحساء مول": "org",
    "محكمه استئناف طرابلس": "org", "مدرسه الامام تركي بن عبدالله الابتدائيه": "org", "مديريه المحفد": "place",
    "مركز الرعايه الصحيه الاوليه": "no", "مركز الشباب الموهوب": "org", "مركز طب الاسنان التخصصي": "no",
    "مركز ناقهي الامراض النفسيه": "no", "مستشفي البرت انشتاين": "org", "مستشفي العاصمه": "no",
    "مستشفي المظيلف": "org", "مصرف ابوظبي الاسلامي": "org", "مصلحه الامه العربيه والاسلاميه والحفاظ": "no",
    "مصلحه الحزب": "no", "مكافحه الارهاب": "no", "مكتبه الملك عبدالعزيز المتنقله المشاركه": "no", "مناسبتين": "no",
    "منسوبي المؤسسه": "no", "منظمه التامين الاجتماعي": "org", "منظمه حماس": "org", "منظمه شنغهاي": "org",
    "مهدي مقوله": "person", "ميشال شلهوب مذكرات": "no", "نادي فيد": "org", "نادي هلسنكي": "org",
    "نادي وست بروميتش البيون": "org", "ناظر القضيه": "no", "نافل البقعاوي": "person", "نال شهاده العز": "no",
    "نايف بن فيصل بن سعود": "no", "نشا نشاه": "no", "هان تشانجفو": "person", "هانز يواخيم فاتسكه": "person",
    "هديه عباره": "no", "وحدات كوماندو ارسلت": "no", "وزاره المياه والكهرباء للاسراع": "no",
    "وكاله الاناضول للانباء": "org", "وكاله ايه ايه بي": "org", "وليس العكس": "no", "ومكافحه الفساد": "no",
    "يتفقد مستشفيات": "no", "يثمن جهود": "no", "يدا واحده": "no", "يروغ يوهان": "person", "يعد الاساس": "no",
}

# stop 39, helper K's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 39, helper K: the unlabelled rows of the 4 development top 100s (--load-store), before (this
# branch's replays ranked with --rules-off known_context: the same rows as the lead's dumps of 17a9f7a) and after
# (known_context on), 153 keys, labelled from their printed contexts; a cut or carried-on form, a generic body: no
DEV_LABELS |= {
    "اتحاد جده السعودي رصد": "no", "اتحاد غرب اسيا": "org", "احمد العرفج": "person", "ادي لاعبو": "no",
    "استيبان كامبياسو": "person", "اسمير بيغوفيتش": "person", "اكاديميه الهدي": "org", "اكاديميه اليوفي": "org",
    "الاتحاد القطري للعبه": "no", "الاتحاد بولوني": "no", "الجمعيه العربيه للثقافه والفنون بالمدينه المنوره": "no",
    "الجمعيه الفلكيه بجده": "org", "الحزب الديموقراطي": "org", "الرابطه الادبيه للثقافه والفكر والادب": "org",
    "الشركه البريطانيه الهولنديه": "no", "العروبه": "no", "الفرقه الثانيه لمكافحه الخمور والمسكرات": "no",
    "المعهد الملكي لدراسات الامن والدفاع البريطاني": "org", "المنظمه الحقوقيه": "no", "النادي الغربي": "no",
    "النادي الموسمي": "no", "امناء الجائزه": "no", "امنه ومستقره": "no", "انصار الله الحوثيه": "org",
    "اوباما ادعي": "no", "ايمي بولر": "person", "بخيت العامري": "person", "بغض النظر": "no", "بلومبرج": "org",
    "بنك الاثمار": "org", "بنك التنميه الجديد لدول بريكس": "org", "بنك ميزبروم بانك": "org", "تحالف الحوثي": "no",
    "تم التركيز": "no", "تمتين العلاقات الثنائيه": "no", "تنظيم المؤتمر": "no", "تنظيم النسل والامراض": "no",
    "تنظيم بطولتين لكره القدم": "no", "تنظيم حركه": "no", "جامعه الحديده": "org", "جامعه الينوي": "org",
    "جامعه بوسطن": "org", "جامعه فلوريدا الدوليه": "org", "جامعه نايف والمؤسسات الاقليميه والدوليه ذات": "no",
    "جامعه نيويورك": "org", "جبهه النضال": "no", "جماعه مجهوله اطلقت": "no", "جمال محمد": "no",
    "جمعيه مكلفه تنظيف الشواطئ": "no", "جهاز التحكم": "no", "جيف ديفيس": "person", "حركه الشباب المتشدده": "no",
    "حركه الشعر": "no", "حركه النقل الداخلي": "no", "حزب الشعب الديموقراطي التركي": "org",
    "حفرالباطن عبدالمحسن بن محمد العطيشان": "no", "دا سيلفا": "no", "دوجلاس كوستا": "person",
    "دومينيكو سكالا": "person", "دييجو فورلان": "person", "راجناث سينغ": "person", "رادو سلاف ويعاونه": "no",
    "رضوان شمال": "no", "ريد برودي": "person", "سان بطرسبرغ": "place", "ساندرا بولوك": "person",
    "سباستيان كورتس": "person", "سلطان اللويحق": "person", "سليمان بن حاذور": "person", "سيمون برودكين": "person",
    "شركه الابحاث البريطانيه": "no", "شركه السلام الكويتيه": "org", "شركه الصناعات الكيميائيه الاساسيه": "org",
    "شركه انكاب النفطيه": "org", "شركه تداولاتها": "no", "شركه جوجل الامتثال": "no", "شركه غاز قطر": "org",
    "شركه فيات كريسلر المسؤوليه": "no", "شركه مقابل تراجع اسعار اسهم": "no", "صالح احمد": "no",
    "صحيفه برلينر مورجن بوست": "org", "صحيفه فرانكفورتر الجماينه": "org", "صحيفه كوريري": "no",
    "صحيفه كورييرا ديلا سييرا": "org", "صحيفه ميرور الانجليزيه": "org", "صندوق تؤسسه المصارف خصيصا لهذا الغرض": "no",
    "طاهر الاحسائي": "person", "عبدالبابا رحمان": "person", "عبدالهادي الحراجين": "person", "عجب القحطاني": "person",
    "عصابه": "no", "فتحي سلامه": "person", "فرقه السروات الشعبيه حفل التدشين": "no", "فرقه ليلاس": "org",
    "فولفجانج شيوبله": "person", "قوات الاحتياط": "no", "قوات الحلف": "no", "قوات الحلفاء": "no",
    "قوات المهمات والواجبات الخاصه": "org", "قوه الاقتصاد الامريكي وسوق العمل": "no", "قوه العظام": "no",
    "قوه عربيه مشتركه": "no", "قوه وجبروت الاحتلال": "no", "قياديان اخران": "no", "لاسزلو بولوني": "person",
    "لالقاء نظره الوداع": "no", "لويس بلاك": "person", "مؤسسه ماينر اند كو ستوديو": "no", "مات بيسلر ليخطف": "no",
    "ماجد العبيد": "person", "مادلين طبر": "person", "مجلس الضمان الصحي التعاوني": "org", "مجلس شوري كويتا": "org",
    "مجمع الضليل الصناعي العقاري الاول بقيم": "no", "مجموعه الايكونوميست": "org", "مجموعه عربات الركاب": "no",
    "محمد العربي": "no", "محمد بن ابراهيم": "no", "محمد خان اسكازي": "no", "مركز الضبط الامني بالشرائع": "no",
    "مركز الضبط الامني بالطريق المتجه": "no", "مركز المحمديه": "place", "مركز حراسه المرمي": "no",
    "مركز خريص": "place", "مركز محمد بن نايف للمناصحه والرعايه": "org", "مستشفي النداء الانساني": "org",
    "مستشفي عرفات": "org", "مستشفي عفيف": "org", "مستشفي قباء بالحارث": "no", "مستشفي متقدم": "no",
    "مسفر بن غالب الضويحي": "person", "مصلحه المتجدد": "no", "مصلحه المرافق العامه تحذيرات حمراء الصقت": "no",
    "مصلحه تركيا": "no", "مفوضيه الامم المتحده لشؤون اللاجئين": "org", "مكتب احصاءات العمل": "org",
    "مكتب البريد": "no", "ملامح الحياه": "no", "ملحه عبدالله": "person", "منظمه المدن العربيه كرمت": "no",
    "منظمه هيومن رايتس واتش": "org", "نابليون بونابرت": "person", "نادي الجيل للتراث الشركسي": "org",
    "نادي الطيران السعودي": "org", "نارندرا مودي ونظيرته": "no", "ناصر بن عبدالعزيز": "no", "نيوزيلندا": "place",
    "نيوشاتل السويسري": "org", "هيئه الدرك الفرنسي للنقل الجوي": "org",
    "وحدات تكتيكيه ودبابات وناقله جنود مدرعه": "no", "وزاره الاشغال": "no",
    "وزاره الحرس الوطني لانشاء طريق مرادف": "no", "يحيي احمد": "no",
}

# stop 39, helper T's DEV_LABELS block goes directly below this line
# (at the merge, the lead: 130 keys of this block are in helper K's too; the 5 labelled differently were decided
# alike in both from their contexts and the earlier labels of their shape: دا سيلفا no, انصار الله الحوثيه org,
# مركز المحمديه place, مركز الضبط الامني بالشرائع no, صحيفه فرانكفورتر الجماينه org)
# 2026-12-05, stop 39, helper T: the unlabelled rows of the 4 development top 100s (--load-store), before (the lead's
# dumps of 17a9f7a) and after (place_authority, lone_list_org, tail_suffixed), labelled from their printed contexts;
# 146 keys: 25 persons, 47 organizations, 5 places, 69 not names, cut or
# carried-on forms. A region's branch of a ministry's service (تعليم حائل) is no, as the earlier blocks say (تعليم تبوك).
DEV_LABELS |= {
    "اتحاد غرب اسيا": "org", "ادي لاعبو": "no", "استيبان كامبياسو": "person", "اسمير بيغوفيتش": "person",
    "اكاديميه الهدي": "org", "اكاديميه اليوفي": "org", "الاتحاد القطري للعبه": "no", "الاتحاد بولوني": "no",
    "الجمعيه الفلكيه بجده": "org", "الحزب الديموقراطي": "org", "الرابطه الادبيه للثقافه والفكر والادب": "org",
    "الشركه البريطانيه الهولنديه": "no", "العروبه": "no", "المعهد الملكي لدراسات الامن والدفاع البريطاني": "org",
    "المنظمه الحقوقيه": "no", "النادي الغربي": "no", "النادي الموسمي": "no", "اماره ابوظبي": "place",
    "اماره الباحه": "org", "اماره دبي": "place", "اماره منطقه جازان": "org", "امانه الطائف": "org",
    "امانه محافظه الطائف": "org", "امانه منطقه حائل": "org", "امناء الجائزه": "no", "امنه ومستقره": "no",
    "انصار الله الحوثيه": "org", "اوباما ادعي": "no", "ايمي بولر": "person", "بغض النظر": "no", "بلومبرج": "org",
    "بنك الاثمار": "org", "بنك ميزبروم بانك": "org", "تحالف الحوثي": "no", "تم التركيز": "no", "تنظيم المؤتمر": "no",
    "تنظيم النسل والامراض": "no", "تنظيم بطولتين لكره القدم": "no", "تنظيم حركه": "no", "جامعه الحديده": "org",
    "جامعه الينوي": "org", "جامعه بوسطن": "org", "جامعه فلوريدا الدوليه": "org",
    "جامعه نايف والمؤسسات الاقليميه والدوليه ذات": "no", "جامعه نيويورك": "org", "جبهه النضال": "no",
    "جمال محمد": "no", "جمعيه مكلفه تنظيف الشواطئ": "no", "جهاز التحكم": "no", "جيف ديفيس": "person",
    "حركه الشباب المتشدده": "no", "حركه الشعر": "no", "حركه النقل الداخلي": "no",
    "حزب الشعب الديموقراطي التركي": "org", "حفرالباطن عبدالمحسن بن محمد العطيشان": "no", "دا سيلفا": "no",
    "دوجلاس كوستا": "person", "دومينيكو سكالا": "person", "راجناث سينغ": "person", "رادو سلاف ويعاونه": "no",
    "سان بطرسبرغ": "place", "ساندرا بولوك": "person", "سباستيان كورتس": "person", "سلطان اللويحق": "person",
    "سليمان بن حاذور": "person", "سيمون برودكين": "person", "شرطه الطائف": "org", "شرطه القصيم": "org",
    "شرطه القطيف": "org", "شرطه جده": "org", "شرطه محافظه الطائف": "org", "شرطه محافظه جده": "org",
    "شرطه محافظه خميس": "no", "شرطه ينبع": "org", "شركه الابحاث البريطانيه": "no", "شركه السلام الكويتيه": "org",
    "شركه الصناعات الكيميائيه الاساسيه": "org", "شركه انكاب النفطيه": "org", "شركه تداولاتها": "no",
    "شركه جوجل الامتثال": "no", "شركه غاز قطر": "org", "شركه فيات كريسلر المسؤوليه": "no",
    "شركه مقابل تراجع اسعار اسهم": "no", "صالح احمد": "no", "صحيفه فرانكفورتر الجماينه": "org", "صحيفه كوريري": "no",
    "صحيفه كورييرا ديلا سييرا": "org", "صندوق تؤسسه المصارف خصيصا لهذا الغرض": "no", "طاهر الاحسائي": "person",
    "عبدالبابا رحمان": "person", "عبدالهادي الحراجين": "person", "عجب القحطاني": "person", "عصابه": "no",
    "غبيرداو غوستاف كام": "person", "فتحي سلامه": "person", "فرقه السروات الشعبيه حفل التدشين": "no",
    "فرقه ليلاس": "org", "فولفجانج شيوبله": "person", "قوات الاحتياط": "no", "قوات الحلف": "no", "قوات الحلفاء": "no",
    "قوه الاقتصاد الامريكي وسوق العمل": "no", "قوه العظام": "no", "قوه وجبروت الاحتلال": "no", "قياديان اخران": "no",
    "لالقاء نظره الوداع": "no", "لويس بلاك": "person", "مات بيسلر ليخطف": "no", "ماجد العبيد": "person",
    "مجلس الضمان الصحي التعاوني": "org", "مجلس شوري كويتا": "org", "مجمع الضليل الصناعي العقاري الاول بقيم": "no",
    "مجموعه الايكونوميست": "org", "مجموعه عربات الركاب": "no", "محمد العربي": "no", "محمد بن ابراهيم": "no",
    "محمد خان اسكازي": "no", "مركز الضبط الامني بالشرائع": "no", "مركز الضبط الامني بالطريق المتجه": "no",
    "مركز المحمديه": "place", "مركز حراسه المرمي": "no", "مركز خريص": "place", "مستشفي النداء الانساني": "org",
    "مستشفي عرفات": "org", "مستشفي عفيف": "org", "مستشفي متقدم": "no", "مسفر بن غالب الضويحي": "person",
    "مصلحه المتجدد": "no", "مصلحه تركيا": "no", "مفوضيه الامم المتحده لشؤون اللاجئين": "org",
    "مكتب احصاءات العمل": "org", "مكتب البريد": "no", "ملامح الحياه": "no", "ملحه عبدالله": "person",
    "منظمه المدن العربيه كرمت": "no", "منظمه هيومن رايتس واتش": "org", "نابليون بونابرت": "person",
    "نارندرا مودي ونظيرته": "no", "ناصر بن عبدالعزيز": "no", "نيوزيلندا": "place", "نيوشاتل السويسري": "org",
    "هيئه الدرك الفرنسي للنقل الجوي": "org", "وحدات تكتيكيه ودبابات وناقله جنود مدرعه": "no", "وزاره الاشغال": "no",
    "وزاره الحرس الوطني لانشاء طريق مرادف": "no", "يحيي احمد": "no",
}

# stop 40, helper E's DEV_LABELS block goes directly below this line
# (at the merge, the lead: 120 keys of this block are in helper N's and G's blocks too; the one labelled differently,
# صندوق الامير سلطان, is org in all three — a headline prints it so as the fund's short name)
# 2026-12-05, stop 40, helper E: the unlabelled rows of the 4 development top 100s (--load-store), before (the lead's
# dumps of a8e0dc0) and after (org_stem), labelled from their printed contexts; 161 keys: 57 persons,
# 51 organizations, 1 place, 52 not names, cut or carried-on forms. A national army is an organization (as
# الجيش النيجيري), a name carried on into an adjective or a verb is no (وكاله انباء الاناضول الحكوميه), a type of body
# every city or army has is no (مركز التاهيل الشامل للاناث, المعهد الفني للتمريض).
DEV_LABELS |= {
    "منظمه الامم المتحده للتربيه والعلوم والثقافه": "org",
    "ابراهيم الرشيدي": "person", "اتحاد جده السعودي": "org", "احمد الكاظمي": "person", "ادم ساندلر": "person",
    "ارسلا": "no", "اكاديميه المسجد النبوي": "org", "الاتحاد السعودي للرياضات البحريه": "org",
    "الاتحاد الكوري الجنوبي لكره القدم": "org", "البنك السعودي للاستثمار بكل": "no",
    "الجامعه السعوديه الالكترونيه وضم الهام الحقيل": "no", "الجمعيه السعوديه لطب العيون": "org",
    "الجمعيه السعوديه للاعاقه السمعيه": "org", "الجيش التشادي": "org", "الديوان الملكي البيان التالي": "no",
    "الشركه السعوديه للخدمات الارضيه": "org", "الشركه السعوديه للصناعات الاساسيه": "org",
    "الشركه الوطنيه الموحده للتوزيع": "org", "الصندوق السعودي للتنميه مبلغ": "no", "الفرقه الذهبيه تمكنت": "no",
    "الفرقه الكشفيه": "no", "القناه التلفزيونيه": "no", "القوات السعوديه ردت": "no", "القوه الجبريه": "no",
    "القوه الخاصه لامن طرق الرياض": "no", "القوه السوريه الجديده مخطوفون": "no", "المؤسسه الانشائيه": "no",
    "المديريه العامه للجوازات الالكتروني": "no", "المصرف الخليجي التجاري": "org",
    "المعهد العالمي لاداره المشاريع": "org", "المعهد الفني للتمريض": "no", "المعهد الفني للقوات المسلحه": "org",
    "النادي الانكليزي": "no", "الهيئه العامه للاعلام المرئي والمسموع": "org", "الهيئه العامه للسياحه والاثار": "org",
    "الهيئه العامه للغذاء والدواء بالمنفذ الجمركي": "no", "الهيئه الوطنيه لحمايه الحياه الفطريه وانمائها": "org",
    "الوحدات الاستيطانيه": "no", "الوزاره المستقبليه": "no", "بريت مكجيرك": "person", "بنك نزوي": "org",
    "تنظيم تحركات اللاعبين داخل الملعب ليقسم": "no", "تنظيم مهرجان": "no", "توفيق السديري": "person",
    "جامعه براون": "org", "جامعه فرجينيا كومنويلث": "org", "جبهه المقاومه": "no", "جمعيه ابصار الخيريه": "org",
    "جمعيه الكشافه السعوديه": "org", "جمعيه رياضيه للاعبي الكره القدامي": "no", "جهاز تكييف": "no",
    "جون كينيدي": "person", "جيرهارد شرودر": "person", "حامد القرشي": "person", "حزب العمال الكردي": "org",
    "حزب العمل الكردستاني": "org", "حسن بن ناصر عقيل": "person", "حسين الجمسي": "person", "حسين الفاخري": "person",
    "حلف شمال الاطلنطي": "org", "حمدان بن مانع العمري": "person", "حمدي بن الصادق": "person", "خالد الباتع": "person",
    "خالد الحارثي": "person", "دافيد جينولا": "person", "ديدييه رينديرز": "person", "دينيس تشيريشيف": "person",
    "رودريقو مورا": "person", "زكي الزاير": "person", "ساري الشراري": "person", "سامي الزهراني": "person",
    "سامي بن عبدالله الصالح": "person", "سعد العاطف": "person", "سعيد بن ريحان": "person", "سليمان العريفي": "person",
    "سليمان سيلا": "person", "شركه الانتاج": "no", "شركه السوق الماليه": "org", "شركه الصناعات الكهربائيه": "org",
    "شركه النفط الفنزويليه واكسون موبيل راسمالها": "no", "شركه بست باي": "org", "شركه تامين طبي": "no",
    "شركه توكيلات الجزيره": "org", "شركه روش هولدينج": "org", "شركه فينينفست القابضه": "org",
    "صالح ابو دهيم": "person", "صالح الرعوجي": "person", "صالح المطيري": "person", "صامويل ايتو": "person",
    "صحيفه ديلي ستار": "org", "صحيفه ذا صن": "org", "صحيفه كاتمندو بوست": "org", "صحيفه كيهان": "org",
    "صندوق الامير سلطان": "org", "صندوق النقد العربي": "org", "طاهر صميلي": "person", "عارف عبدالرزاق": "person",
    "عبدالاله العامر": "person", "عبدالاله بن محمد الشريف": "person", "عبدالسلام الثميري": "person",
    "عبدالكريم الزيد": "person", "عبدالله ابو هاجوس": "person", "عبدالله بن غازي العتيبي": "person",
    "علي الحسيني": "person", "فراس باحاذق": "person", "فرانكلين روزفلت": "person", "فيصل الشامي": "person",
    "قناه تواصل": "no", "قوه التيار": "no", "لويس ايناسيو": "no", "مؤسسه دبي للخدمات الاسعافيه لتقديم الرعايه": "no",
    "ماركوس روخو": "person", "مايكل زورك": "person", "مجلس الشؤون الخارجيه المنعقد": "no",
    "مجلس اللوردات اعلاء القيم": "no", "مجموعه ار": "no", "محمد الجيراني": "person", "محمد بن حمود الشايع": "person",
    "محمد صقر": "person", "مديريه سحار": "place", "مركز التاهيل الشامل للاناث": "no",
    "مركز الملك سلمان للاغاثه والاعمال والانسانيه": "org", "مركز الملك سلمان للشباب": "org",
    "مركز الملك عبدالله للدراسات والابحاث البتروليه": "org", "مستشفي الملك فهد الجامعي": "org",
    "مستشفي الملك فهد المركزي": "org", "مستشفي الملك فهد يرافقه": "no", "مستشفي قريب": "no", "مسفر الضويحي": "person",
    "مصلحه الشعبين وامن": "no", "مصلحه المؤسسات والعمال": "no", "مليشيا الحوثي والمخلوع صالح": "no",
    "منصور الانصاري": "person", "منصور بن خالد الفرحان": "person", "منصور مؤيدا": "no", "منظمه المدن العربيه": "org",
    "ميليشيا التمرد الحوثيه والمخلوع": "no", "نادي ارسنال لكره القدم": "org", "نادي بارما الايطالي": "org",
    "نادي بورتو البرتغالي": "org", "نادي روما الايطالي لاتفاق كامل": "no", "ناصر بن ابراهيم الناصر": "person",
    "نايف القضاب": "person", "نضال طعمه": "person", "هيئه التدريس والموظفين الالكتروني": "no",
    "وتركيبته الحضاريه": "no", "وحدات القوات المسلحه": "no", "وزاره الشؤون الاجتماعيه التنمويه الجديده": "no",
    "وزاره الشؤون الاجتماعيه المساعد للتنميه مشوح": "no", "وزاره الشؤون الداخليه والاتصالات": "org",
    "وزاره النقل والطرق": "org", "وكاله الانباء الطلابيه": "org", "وكاله الانباء الكوريه": "no",
    "وكاله انباء الاناضول الحكوميه": "no", "وكاله انباء الجمهوريه الاسلاميه الايرانيه": "org",
    "وكاله انباء الشرق الاوسط الرسميه": "no", "وكاله انباء الصين الجديده": "org", "وكاله انباء دوجان": "org",
    "وليد شحبل": "person", "يوفال شتاينتز": "person", "يوهانس فانديلا": "person",
}

# stop 40, helper N's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 40, helper N: every unlabelled row of the 8 development top 100s compared for org_source (deva/devb x
# devtail/devrep, the baseline dumps of a8e0dc0 ranked with the rule off and on; --universe broadest --memory --history
# --list 100), labelled from their printed contexts (127: persons, organizations, a place; no = not a name, a cut or
# carried-on form, a generic body)
DEV_LABELS |= {
    "ابراهيم الرشيدي": "person", "اتحاد جده السعودي": "org", "احمد الكاظمي": "person", "ادم ساندلر": "person",
    "ارسلا": "no", "اكاديميه المسجد النبوي": "org", "الاتحاد الكوري الجنوبي لكره القدم": "org",
    "البنك السعودي للاستثمار بكل": "no", "الجامعه السعوديه الالكترونيه وضم الهام الحقيل": "no",
    "الجيش التشادي": "org", "الديوان الملكي البيان التالي": "no", "الصندوق السعودي للتنميه مبلغ": "no",
    "الفرقه الذهبيه تمكنت": "no", "الفرقه الكشفيه": "no", "القناه التلفزيونيه": "no", "القوات السعوديه ردت": "no",
    "القوه الجبريه": "no", "القوه الخاصه لامن طرق الرياض": "no", "القوه السوريه الجديده مخطوفون": "no",
    "المؤسسه الانشائيه": "no", "المصرف الخليجي التجاري": "org", "المعهد العالمي لاداره المشاريع": "org",
    "النادي الانكليزي": "no", "الوحدات الاستيطانيه": "no", "الوزاره المستقبليه": "no", "بريت مكجيرك": "person",
    "بعثه الامم المتحده للدعم": "org", "بنك نزوي": "org", "تنظيم تحركات اللاعبين داخل الملعب ليقسم": "no",
    "تنظيم مهرجان": "no", "توفيق السديري": "person", "جامعه براون": "org", "جامعه فرجينيا كومنويلث": "org",
    "جبهه المقاومه": "no", "جمعيه ابصار الخيريه": "org", "جهاز تكييف": "no", "جون كينيدي": "person",
    "جيرهارد شرودر": "person", "حامد القرشي": "person", "حزب العمل الكردستاني": "org", "حسن بن ناصر عقيل": "person",
    "حسين الجمسي": "person", "حسين الفاخري": "person", "حمدان بن مانع العمري": "person", "حمدي بن الصادق": "person",
    "خالد الباتع": "person", "خالد الحارثي": "person", "دافيد جينولا": "person", "ديدييه رينديرز": "person",
    "دينيس تشيريشيف": "person", "رودريقو مورا": "person", "زكي الزاير": "person", "ساري الشراري": "person",
    "سامي الزهراني": "person", "سامي بن عبدالله الصالح": "person", "سعد العاطف": "person", "سعيد بن ريحان": "person",
    "سليمان العريفي": "person", "سليمان سيلا": "person", "شركه الانتاج": "no", "شركه السوق الماليه": "org",
    "شركه الصناعات الكهربائيه": "org", "شركه بست باي": "org", "شركه تامين طبي": "no", "شركه توكيلات الجزيره": "org",
    "شركه روش هولدينج": "org", "شركه فينينفست القابضه": "org", "شركه هوندا موتور اليابانيه للسيارات ارتفاع": "no",
    "صالح ابو دهيم": "person", "صالح الرعوجي": "person", "صالح المطيري": "person", "صامويل ايتو": "person",
    "صحيفه كاتمندو بوست": "org", "صحيفه كيهان": "org", "صندوق الامير سلطان": "org", "طاهر صميلي": "person",
    "عارف عبدالرزاق": "person", "عبدالاله العامر": "person", "عبدالاله بن محمد الشريف": "person",
    "عبدالسلام الثميري": "person", "عبدالكريم الزيد": "person", "عبدالله ابو هاجوس": "person",
    "عبدالله بن غازي العتيبي": "person", "علي الحسيني": "person", "فراس باحاذق": "person",
    "فرانكلين روزفلت": "person", "فيصل الشامي": "person", "قناه تواصل": "no", "قوه التيار": "no",
    "لويس ايناسيو": "no", "مؤسسه دبي للخدمات الاسعافيه لتقديم الرعايه": "no", "ماركوس روخو": "person",
    "مايكل زورك": "person", "مجلس السلام": "no", "مجلس اللوردات اعلاء القيم": "no", "مجموعه ار": "no",
    "محمد الجيراني": "person", "محمد بن حمود الشايع": "person", "محمد صقر": "person", "مديريه سحار": "place",
    "مركز الملك عبدالله للدراسات والابحاث البتروليه": "org", "مستشفي قريب": "no", "مسفر الضويحي": "person",
    "مصلحه المؤسسات والعمال": "no", "مليشيا الحوثي والمخلوع صالح": "no", "منصور الانصاري": "person",
    "منصور بن خالد الفرحان": "person", "منصور مؤيدا": "no", "منظمه المدن العربيه": "org",
    "ميليشيا التمرد الحوثيه والمخلوع": "no", "نادي ارسنال لكره القدم": "org", "نادي الباحه الادبي الثقافي": "org",
    "نادي بارما الايطالي": "org", "نادي بورتو البرتغالي": "org", "نادي روما الايطالي لاتفاق كامل": "no",
    "نادي ريال سرقسطه الاسباني لكره القدم": "org", "ناصر بن ابراهيم الناصر": "person", "نايف القضاب": "person",
    "نضال طعمه": "person", "وتركيبته الحضاريه": "no", "وحدات القوات المسلحه": "no", "وزاره النقل والطرق": "org",
    "وكاله دوجان الاخباريه": "org", "وكاله ناسا الفضائيه": "org", "وليد شحبل": "person", "يوفال شتاينتز": "person",
    "يوهانس فانديلا": "person",
}

# stop 40, helper G's DEV_LABELS block goes directly below this line
# 2026-12-05, stop 40, helper G: the unlabelled rows of the 4 development top 100s (--load-store), before (the lead's
# dumps of a8e0dc0, /work/wt/base40) and after (indefinite_form; + head_share), labelled from their printed contexts;
# 127 keys: 60 persons, 27 organizations, 1 place, 39 not names, cut, carried-on or
# generic forms. As the earlier blocks: a country's army or federation is an organization (الجيش التشادي), a club,
# company or channel named by its country or kind only is no (النادي الانكليزي, القناة التلفزيونية).
DEV_LABELS |= {
    "ابراهيم الرشيدي": "person", "اتحاد جده السعودي": "org", "احمد الكاظمي": "person", "ادم ساندلر": "person",
    "ارسلا": "no", "اكاديميه المسجد النبوي": "org", "الاتحاد الكوري الجنوبي لكره القدم": "org",
    "البنك السعودي للاستثمار بكل": "no", "الجامعه السعوديه الالكترونيه وضم الهام الحقيل": "no",
    "الجيش التشادي": "org", "الجيش الشعبي": "no", "الحركه الداخليه لهذا": "no", "الديوان الملكي البيان التالي": "no",
    "الصندوق السعودي للتنميه مبلغ": "no", "الفرقه الذهبيه تمكنت": "no", "الفرقه الكشفيه": "no",
    "القناه التلفزيونيه": "no", "القوات السعوديه ردت": "no", "القوه الجبريه": "no",
    "القوه الخاصه لامن طرق الرياض": "no", "القوه السوريه الجديده مخطوفون": "no", "المؤسسه الانشائيه": "no",
    "المصرف الخليجي التجاري": "org", "المعهد العالمي لاداره المشاريع": "org", "النادي الانكليزي": "no",
    "الوحدات الاستيطانيه": "no", "الوزاره المستقبليه": "no", "بريت مكجيرك": "person", "بنك نزوي": "org",
    "تنظيم تحركات اللاعبين داخل الملعب ليقسم": "no", "تنظيم مهرجان": "no", "توفيق السديري": "person",
    "جامعه براون": "org", "جامعه فرجينيا كومنويلث": "org", "جبهه المقاومه": "no", "جمعيه ابصار الخيريه": "org",
    "جهاز تكييف": "no", "جون كينيدي": "person", "جون هاموند": "person", "جيرهارد شرودر": "person",
    "حامد القرشي": "person", "حزب العمل الكردستاني": "org", "حسن بن ناصر عقيل": "person", "حسين الجمسي": "person",
    "حسين الفاخري": "person", "حمدان بن مانع العمري": "person", "حمدي بن الصادق": "person", "خالد الباتع": "person",
    "خالد الحارثي": "person", "دافيد جينولا": "person", "ديدييه رينديرز": "person", "دينيس تشيريشيف": "person",
    "راؤول جونزاليز": "person", "رودريقو مورا": "person", "زكي الزاير": "person", "ساري الشراري": "person",
    "سامي الزهراني": "person", "سامي بن عبدالله الصالح": "person", "ستيف ماكوين": "person", "سعد العاطف": "person",
    "سعيد بن ريحان": "person", "سليمان العريفي": "person", "سليمان سيلا": "person", "شركه الانتاج": "no",
    "شركه السوق الماليه": "org", "شركه الصناعات الكهربائيه": "org", "شركه بست باي": "org", "شركه تامين طبي": "no",
    "شركه توكيلات الجزيره": "org", "شركه روش هولدينج": "org", "شركه فينينفست القابضه": "org",
    "شركه هوندا موتور اليابانيه للسيارات ارتفاع": "no", "صالح ابو دهيم": "person", "صالح الرعوجي": "person",
    "صالح المطيري": "person", "صامويل ايتو": "person", "صحيفه كاتمندو بوست": "org", "صحيفه كيهان": "org",
    "صندوق الامير سلطان": "org", "طاهر صميلي": "person", "عارف عبدالرزاق": "person", "عبدالاله العامر": "person",
    "عبدالاله بن محمد الشريف": "person", "عبدالسلام الثميري": "person", "عبدالكريم الزيد": "person",
    "عبدالله ابو هاجوس": "person", "عبدالله بن غازي العتيبي": "person", "علي الحسيني": "person",
    "فراس باحاذق": "person", "فرانكلين روزفلت": "person", "فيصل الشامي": "person", "قناه تواصل": "no",
    "قوه التيار": "no", "لويس ايناسيو": "no", "مؤسسه دبي للخدمات الاسعافيه لتقديم الرعايه": "no",
    "ماركوس روخو": "person", "مايكل زورك": "person", "مجلس اللوردات اعلاء القيم": "no", "مجموعه ار": "no",
    "محمد الجيراني": "person", "محمد بن حمود الشايع": "person", "محمد صقر": "person", "مديريه سحار": "place",
    "مركز الملك عبدالله للدراسات والابحاث البتروليه": "org", "مستشفي قريب": "no", "مسفر الضويحي": "person",
    "مصلحه المؤسسات والعمال": "no", "مليشيا الحوثي والمخلوع صالح": "no", "منصور الانصاري": "person",
    "منصور بن خالد الفرحان": "person", "منصور مؤيدا": "no", "منظمه المدن العربيه": "org",
    "ميليشيا التمرد الحوثيه والمخلوع": "no", "نادي ارسنال لكره القدم": "org", "نادي بارما الايطالي": "org",
    "نادي بورتو البرتغالي": "org", "نادي روما الايطالي لاتفاق كامل": "no",
    "نادي ريال سرقسطه الاسباني لكره القدم": "org", "ناصر بن ابراهيم الناصر": "person", "نايف القضاب": "person",
    "نضال طعمه": "person", "وتركيبته الحضاريه": "no", "وحدات القوات المسلحه": "no", "وزاره النقل والطرق": "org",
    "وليد شحبل": "person", "يوفال شتاينتز": "person", "يوهانس فانديلا": "person",
}

LABELS = DEV_LABELS | TEST_LABELS


# -- the universe and the draw ---------------------------------------------------------------------------------
def universe(which: str = "base") -> list[tuple[str, str, list[str], bool]]:
    """(kind, id, full aliases, in Rasd's gazetteers) of every person and organization: Rasd's gazetteers and
    SUPPLEMENT, with ``which == "full"`` SUPPLEMENT_2 too, with ``which == "wide"`` SUPPLEMENT_2 and SUPPLEMENT_3, with
    ``which == "wider"`` SUPPLEMENT_4 too, with ``which == "widest"`` SUPPLEMENT_5 too, with ``which == "broadest"``
    SUPPLEMENT_6 too, with ``which == "largest"`` SUPPLEMENT_7 too, with ``which == "vast"`` SUPPLEMENT_8 too, with ``which == "immense"`` SUPPLEMENT_9 too, with ``which == "boundless"`` SUPPLEMENT_10
    too, with ``which == "limitless"`` SUPPLEMENT_11 too (never a
    labels supplement: those are known, never drawn)."""
    import yaml

    from pipeline.config import DATA_DIR

    out = []
    for fname, kind in (("persons", "person"), ("orgs", "org")):
        for e in yaml.safe_load((DATA_DIR / "gazetteer" / f"{fname}.yaml").read_text(encoding="utf-8")) or []:
            aliases = [e["ar"], *(e.get("variants") or []), *(e.get("short") or [])]
            out.append((kind, e["id"], [str(a) for a in aliases], True))
    out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT]
    if which in ("full", "wide", "wider", "widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_2]
    if which in ("wide", "wider", "widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_3]
    if which in ("wider", "widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_4]
    if which in ("widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_5]
    if which in ("broadest", "largest", "vast", "immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_6]
    if which in ("largest", "vast", "immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_7]
    if which in ("vast", "immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_8]
    if which in ("immense", "boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_9]
    if which in ("boundless", "limitless"):
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_10]
    if which == "limitless":
        out += [(kind, eid, aliases, False) for kind, eid, aliases in SUPPLEMENT_11]
    return out


# -- the extended universe (``--universe extended``) -------------------------------------------------------------
# Every suggestion LABELS calls a real person or organization, as a known entity of the universe (kind from its
# label, the suggested form as its alias), unless it is a form of an entity the universe has already (hidden
# names are universe entities: never added twice). A simulated gazetteer for this corpus would know these
# prominent names (local officials, hospitals, universities, clubs, newspapers); without them they crowd the
# hidden names out of the top 100 (the fifth pass's ceiling, 15/60). Frozen in SUPPLEMENT_FROM_LABELS_FILE
# (``--write-supplement`` writes it) so labels written after a later run change nothing but precision.
SUPPLEMENT_FROM_LABELS_FILE = Path(__file__).with_name("discovery_supplement_from_labels.json")
# The same rule against the full universe (base + SUPPLEMENT_2) for ``--universe full``: a labelled name that is
# a form of a SUPPLEMENT_2 entity is left out (that entity is in the universe, so it is never a labelled extra).
SUPPLEMENT_FROM_LABELS_FULL_FILE = Path(__file__).with_name("discovery_supplement_from_labels_full.json")
# And against the wide universe (full + SUPPLEMENT_3) for ``--universe wide``.
SUPPLEMENT_FROM_LABELS_WIDE_FILE = Path(__file__).with_name("discovery_supplement_from_labels_wide.json")
# And against the wider universe (wide + SUPPLEMENT_4) for ``--universe wider``.
SUPPLEMENT_FROM_LABELS_WIDER_FILE = Path(__file__).with_name("discovery_supplement_from_labels_wider.json")
# And against the widest universe (wider + SUPPLEMENT_5) for ``--universe widest``.
SUPPLEMENT_FROM_LABELS_WIDEST_FILE = Path(__file__).with_name("discovery_supplement_from_labels_widest.json")
# And against the broadest universe (widest + SUPPLEMENT_6) for ``--universe broadest``.
SUPPLEMENT_FROM_LABELS_BROADEST_FILE = Path(__file__).with_name("discovery_supplement_from_labels_broadest.json")
# And against the largest universe (broadest + SUPPLEMENT_7) for ``--universe largest``.
SUPPLEMENT_FROM_LABELS_LARGEST_FILE = Path(__file__).with_name("discovery_supplement_from_labels_largest.json")
# And against the vast universe (largest + SUPPLEMENT_8) for ``--universe vast``.
SUPPLEMENT_FROM_LABELS_VAST_FILE = Path(__file__).with_name("discovery_supplement_from_labels_vast.json")
# And against the immense universe (vast + SUPPLEMENT_9) for ``--universe immense``.
SUPPLEMENT_FROM_LABELS_IMMENSE_FILE = Path(__file__).with_name("discovery_supplement_from_labels_immense.json")
# And against the boundless universe (immense + SUPPLEMENT_10) for ``--universe boundless``.
SUPPLEMENT_FROM_LABELS_BOUNDLESS_FILE = Path(__file__).with_name("discovery_supplement_from_labels_boundless.json")
# And against the limitless universe (boundless + SUPPLEMENT_11) for ``--universe limitless``.
SUPPLEMENT_FROM_LABELS_LIMITLESS_FILE = Path(__file__).with_name("discovery_supplement_from_labels_limitless.json")
LABELS_FILES = {"extended": SUPPLEMENT_FROM_LABELS_FILE, "full": SUPPLEMENT_FROM_LABELS_FULL_FILE,
                "wide": SUPPLEMENT_FROM_LABELS_WIDE_FILE, "wider": SUPPLEMENT_FROM_LABELS_WIDER_FILE,
                "widest": SUPPLEMENT_FROM_LABELS_WIDEST_FILE, "broadest": SUPPLEMENT_FROM_LABELS_BROADEST_FILE,
                "largest": SUPPLEMENT_FROM_LABELS_LARGEST_FILE, "vast": SUPPLEMENT_FROM_LABELS_VAST_FILE,
                "immense": SUPPLEMENT_FROM_LABELS_IMMENSE_FILE, "boundless": SUPPLEMENT_FROM_LABELS_BOUNDLESS_FILE,
                "limitless": SUPPLEMENT_FROM_LABELS_LIMITLESS_FILE}
# The supplement each universe adds to the one before it (``--write-supplement`` and ``--count-new`` report on it).
NEW_IN = {"full": ("SUPPLEMENT_2", SUPPLEMENT_2, "base"), "wide": ("SUPPLEMENT_3", SUPPLEMENT_3, "full"),
          "wider": ("SUPPLEMENT_4", SUPPLEMENT_4, "wide"), "widest": ("SUPPLEMENT_5", SUPPLEMENT_5, "wider"),
          "broadest": ("SUPPLEMENT_6", SUPPLEMENT_6, "widest"), "largest": ("SUPPLEMENT_7", SUPPLEMENT_7, "broadest"),
          "vast": ("SUPPLEMENT_8", SUPPLEMENT_8, "largest"), "immense": ("SUPPLEMENT_9", SUPPLEMENT_9, "vast"),
          "boundless": ("SUPPLEMENT_10", SUPPLEMENT_10, "immense"),
          "limitless": ("SUPPLEMENT_11", SUPPLEMENT_11, "boundless")}


def universe_forms(kind: str, alias: str) -> list[tuple[str, ...]]:
    """The forms of a universe alias a suggestion may take and still be that entity: the whole name, its
    beginnings (a person's of two or more words, not ending on a connector: فهد بن عبدالله of فهد بن عبدالله
    المبارك, not محمد بن; an organization's of three or more: جامعة الملك is a fragment of every King-X
    university, not a form of one), a person's first and last words."""
    return list(_universe_forms(kind, alias))


@functools.cache
def _universe_forms(kind: str, alias: str) -> tuple[tuple[str, ...], ...]:
    from pipeline.discovery import CONNECTORS, name_key
    from pipeline.normalize import normalize

    words = tuple(name_key(tuple(normalize(alias).split())).split())
    shortest = 2 if kind == "person" else 3
    forms = {words} | {words[:k] for k in range(shortest, len(words)) if words[k - 1] not in CONNECTORS}
    if kind == "person" and len(words) >= 3:
        forms.add((words[0], words[-1]))
    return tuple(sorted(f for f in forms if f))


@functools.cache
def _alias_key(alias: str) -> str:
    """A universe alias keyed as run() keys the hidden ones (cached: ``conflicts`` reads every alias per call)."""
    from pipeline.discovery import name_key
    from pipeline.normalize import normalize

    return name_key(tuple(normalize(alias).split()))


def conflicts(key: str, entities: list[tuple[str, str, list[str], bool]]) -> str | None:
    """The id of a universe entity ``key`` would stand for or hide: the evaluation counts it as that entity
    (``matches``), or, made known, it would make discovery treat a form of that entity as known."""
    from pipeline.discovery import KnownNames

    known = KnownNames([key])
    for kind, eid, aliases, _r in entities:
        keys = {_alias_key(a) for a in aliases}  # as run() keys the hidden ones
        if matches(key, keys) or any(known.knows(kind, f) for a in aliases for f in _universe_forms(kind, a)):
            return eid
    return None


def supplement_from_labels(labels: dict[str, str] | None = None, which: str = "base"
                           ) -> list[tuple[str, str, list[str]]]:
    """(kind, id, [alias]) for every real person / organization of ``labels`` (default LABELS) that is no
    form of an entity of ``universe(which)`` (``conflicts``)."""
    ents = universe(which)
    out = []
    for key, label in sorted((labels if labels is not None else LABELS).items()):
        if label in ("person", "org") and conflicts(key, ents) is None:
            out.append((label, "label:" + key.replace(" ", "-"), [key]))
    return out


def load_supplement_from_labels(which: str = "extended") -> list[tuple[str, str, list[str]]]:
    data = json.loads(LABELS_FILES[which].read_text(encoding="utf-8"))
    return [(e["kind"], e["id"], list(e["aliases"])) for e in data["entities"]]


def mention_counts(docs: list[dict[str, Any]], entities: list[tuple[str, str, list[str], bool]]
                   ) -> dict[str, tuple[int, int]]:
    """Articles and outlets mentioning each entity (a full alias as whole words, normalized)."""
    import ahocorasick

    from pipeline.normalize import normalize

    auto = ahocorasick.Automaton()
    keys: dict[str, set[str]] = defaultdict(set)
    for _kind, eid, aliases, _r in entities:
        for a in aliases:
            key = normalize(a)
            if len(key) >= 3:
                keys[key].add(eid)
    for key, ids in keys.items():
        auto.add_word(key, (len(key), ids))
    auto.make_automaton()
    seen: dict[str, set[str]] = defaultdict(set)
    outlets: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        text = f"  {normalize(d['title'] + ' . ' + d['body'])}  "
        for end, (n, ids) in auto.iter(text):
            start = end - n + 1
            before, after = text[start - 1], text[end + 1]
            if after.isalpha():
                continue
            if before.isalpha() and not (before in "وبل" and not text[start - 2].isalpha()):
                continue  # inside a word (a clitic و/ب/ل is allowed)
            for eid in ids:
                seen[eid].add(d["_id"])
                outlets[eid].add(d["source_id"])
    return {eid: (len(seen[eid]), len(outlets[eid])) for eid in seen}


def eligible_ids(docs: list[dict[str, Any]], ents: list[tuple[str, str, list[str], bool]],
                 exclude: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The held-out rule: the entities of ``ents`` mentioned in ≥ 5 articles of ≥ 3 outlets of ``docs``, by kind,
    less ``exclude``."""
    counts = mention_counts(docs, ents)
    return {k: sorted(eid for kind, eid, _a, _r in ents if kind == k and counts.get(eid, (0, 0))[0] >= 5
                      and counts[eid][1] >= 3 and eid not in exclude) for k in ("person", "org")}


def choose_hidden(docs: list[dict[str, Any]], *, seed: int = SEED, exclude: frozenset[str] = frozenset(),
                  which: str = "base", n_orgs: int = 20) -> tuple[list[str], list[str]]:
    eligible = eligible_ids(docs, universe(which), exclude)
    rng = random.Random(seed)
    persons = sorted(rng.sample(eligible["person"], min(40, len(eligible["person"]))))
    orgs = sorted(rng.sample(eligible["org"], min(n_orgs, len(eligible["org"]))))
    print(f"eligible: {len(eligible['person'])} persons, {len(eligible['org'])} orgs", file=sys.stderr)
    return persons, orgs


# -- the run ---------------------------------------------------------------------------------------------------
def known_before(hidden: dict[str, tuple[str, set[str]]]) -> list[str]:
    """The names decided during the development days, as an operator working through the top 300
    suggestions would have: real ones accepted into the gazetteer, the others rejected (never
    suggested again); less any that is a hidden entity's name, also as its bare name after a head (برشلونه of
    نادي برشلونه: ``pipeline.discovery_bare``; as known, it would make the hidden head form known too)."""
    from pipeline.discovery_bare import bare_heads

    heads = bare_heads()
    out = []
    for key in DEV_LABELS:
        forms = [key] + ([f"{h} {key}" for h in heads] if not key.startswith("ال") else [])
        if any(matches(f, alias_keys) for f in forms for _kind, alias_keys in hidden.values()):
            continue
        out.append(key)
    return out


def known_kinds(hidden_ids: set[str], which: str, aliases: list[str]) -> dict[str, str]:
    """alias -> kind of the known persons and organizations (the anchors of ``pipeline.discovery_lists``): the
    universe's and its labels supplement's (less the hidden), and the decided names of ``aliases`` by their label."""
    entries = [(k, al) for k, eid, al, _r in universe(which) if eid not in hidden_ids]
    if which in LABELS_FILES:
        entries += [(k, al) for k, _eid, al in load_supplement_from_labels(which)]
    kinds = {a: k for k, al in entries if k in ("person", "org") for a in al}
    kinds |= {a: DEV_LABELS[a] for a in aliases if DEV_LABELS.get(a) in ("person", "org")}
    return kinds


def known_aliases(hidden_ids: set[str], which: str = "base") -> list[str]:
    """The simulated gazetteer: every alias of the universe but the hidden entities' (Rasd's gazetteers, places
    included, and SUPPLEMENT), and with ``which == "extended"`` SUPPLEMENT_FROM_LABELS's too; with ``which ==
    "full"`` SUPPLEMENT_2's (less the hidden) and SUPPLEMENT_FROM_LABELS_FULL's; with ``which == "wide"`` SUPPLEMENT_2's
    and SUPPLEMENT_3's (less the hidden) and SUPPLEMENT_FROM_LABELS_WIDE's; with ``which == "wider"`` SUPPLEMENT_4's too
    (less the hidden) and SUPPLEMENT_FROM_LABELS_WIDER's instead; with ``which == "widest"`` SUPPLEMENT_5's too (less the
    hidden) and SUPPLEMENT_FROM_LABELS_WIDEST's instead; with ``which == "broadest"`` SUPPLEMENT_6's too (less the
    hidden) and SUPPLEMENT_FROM_LABELS_BROADEST's instead (a labels supplement is refused if one of its names would stand
    for or hide a hidden entity)."""
    from pipeline.discovery import gazetteer_aliases

    aliases = gazetteer_aliases(hidden=hidden_ids) + [a for _k, eid, al in SUPPLEMENT if eid not in hidden_ids
                                                      for a in al]
    if which in ("full", "wide", "wider", "widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_2 if eid not in hidden_ids for a in al]
    if which in ("wide", "wider", "widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_3 if eid not in hidden_ids for a in al]
    if which in ("wider", "widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_4 if eid not in hidden_ids for a in al]
    if which in ("widest", "broadest", "largest", "vast", "immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_5 if eid not in hidden_ids for a in al]
    if which in ("broadest", "largest", "vast", "immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_6 if eid not in hidden_ids for a in al]
    if which in ("largest", "vast", "immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_7 if eid not in hidden_ids for a in al]
    if which in ("vast", "immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_8 if eid not in hidden_ids for a in al]
    if which in ("immense", "boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_9 if eid not in hidden_ids for a in al]
    if which in ("boundless", "limitless"):
        aliases += [a for _k, eid, al in SUPPLEMENT_10 if eid not in hidden_ids for a in al]
    if which == "limitless":
        aliases += [a for _k, eid, al in SUPPLEMENT_11 if eid not in hidden_ids for a in al]
    if which in LABELS_FILES:
        extra = load_supplement_from_labels(which)
        hidden_ents = [e for e in universe("limitless") if e[1] in hidden_ids]
        clash = [a for _k, _eid, al in extra for a in al if conflicts(a, hidden_ents)]
        if clash:
            raise SystemExit(f"SUPPLEMENT_FROM_LABELS names a hidden entity: {clash}")
        aliases += [a for _k, _eid, al in extra for a in al]
    return aliases


def part_docs(docs: list[dict[str, Any]], part: str) -> list[dict[str, Any]]:
    lo, hi = PARTS[part]
    return [d for d in docs if lo <= d["published_at"][:10] <= hi]


def matches(key: str, alias_keys: set[str]) -> bool:
    from pipeline.name_suggestions import same_name

    words = tuple(key.split())
    return key in alias_keys or any(same_name(words, tuple(a.split())) or same_name(tuple(a.split()), words)
                                    for a in alias_keys)


def evaluate(found: list[Any], hidden: dict[str, tuple[str, set[str]]]) -> dict[str, Any]:
    """Recall of the hidden entities and precision by LABELS over ``found`` (the top suggestions)."""
    hits: dict[str, str] = {}
    for eid, (kind, alias_keys) in hidden.items():
        for rank, sug in enumerate(found, 1):
            if sug.kind == kind and any(matches(m, alias_keys) for m in sug.members):
                hits[eid] = f"#{rank} {sug.display}"
                break
    correct = [s for s in found if LABELS.get(s.name) == s.kind]
    unlabelled = [s for s in found if s.name not in LABELS]
    return {"recall": round(len(hits) / max(1, len(hidden)), 3), "found": hits,
            "precision": round(len(correct) / max(1, len(found)), 3), "correct": len(correct),
            "unlabelled": [s.name for s in unlabelled],
            "wrong": [(s.name, s.kind, LABELS.get(s.name)) for s in found if s.name in LABELS
                      and LABELS[s.name] != s.kind]}


def history_docs(docs: list[dict[str, Any]], first_day: str) -> list[dict[str, Any]]:
    """The window's days before ``first_day`` (a part's first day): what a deployment's articles index holds when
    the part begins, read by the look-back only (``--history``)."""
    from pipeline.name_suggestions import WINDOW_DAYS

    lo = (date.fromisoformat(first_day) - timedelta(days=WINDOW_DAYS - 1)).isoformat()
    return [d for d in docs if lo <= d["published_at"][:10] < first_day]


def replay_memory(chosen: list[dict[str, Any]], days: list[str], known: Any, look_back: bool = True,
                  history: list[dict[str, Any]] | None = None, trace: Any = None) -> dict[str, dict[str, Any]]:
    """The daily pass without Elasticsearch: ``update_day``'s merge of each day's candidates into one
    document per name, kept in a dict (the same ``discover_day``, ``merged`` and ``score``; a new name's
    look-back counted by ``discovery_window.lookback_memory`` over the earlier days' documents; ``history``:
    articles of days before the part, not replayed, that only the look-back reads, as the articles index
    of a deployment holds the month before discovery first runs)."""
    from pipeline import discovery_window as window
    from pipeline import name_suggestions as names
    from pipeline.discovery import DayDoc, Tokens, discover_day, tokenize
    from pipeline.discovery_lone import stored

    by_day: dict[str, list[DayDoc]] = defaultdict(list)
    for d in [*(history or []), *chosen]:
        by_day[d["published_at"][:10]].append(DayDoc(id=d["_id"], source_id=d["source_id"], title=d["title"],
                                                     body=d["body"], url=d["canonical_url"],
                                                     cluster_id=d["cluster_id"]))
    store: dict[str, dict[str, Any]] = {}
    tokens: dict[str, list[Tokens]] = {}  # an earlier day's documents, tokenized once for every look-back
    for day in days:
        today = date.fromisoformat(day)
        watched = names.watched_from(store.values(), today)
        found = discover_day(by_day[day], known, watched=watched)
        if trace is not None:  # --diagnose on the development days: where a hidden name was lost (discovery_trace)
            trace.day_out(found, names.MIN_DAY_DOCS, stored)
        found = [c for c in found if stored(c, names.MIN_DAY_DOCS)]
        back: dict[str, list[dict[str, Any]]] = {}
        new = window.new_names(found, store, today, names.WINDOW_DAYS, name_id=names.name_id,
                               min_docs=names.MIN_DAY_DOCS) if look_back else {}
        if new:
            lo, hi = (d.isoformat() for d in window.earlier_days(today, names.WINDOW_DAYS))
            earlier = sorted(d for d in by_day if lo <= d < hi)
            for d in earlier:
                if d not in tokens:
                    tokens[d] = [tokenize(f"{x.title or ''} . {x.body or ''}") for x in by_day[d]]
            back = window.lookback_memory(new, [(d, by_day[d], tokens[d]) for d in earlier],
                                          min_docs=names.MIN_DAY_DOCS)
        for c in found:
            nid = names.name_id(c.name)
            old = window.with_lookback(store.get(nid, {}), back.get(c.name, []))
            store[nid] = names.merged(old, c, today, "") | {"status": "pending"}
        print(f"  {day}: {len(by_day[day])} articles, {len(found)} candidates, {len(new)} new, "
              f"{len(back)} looked back (memory)", file=sys.stderr)
    return store


def ranked_memory(store: dict[str, dict[str, Any]], as_of: date, kinds: list[str], top: int | None = None
                  ) -> list[Any]:
    """``suggest`` over the dict store: every pending name of ``kinds`` last seen in the window, ranked."""
    from pipeline import name_suggestions as names
    from pipeline.discovery_kind import ranking_factor

    lo = (as_of - timedelta(days=names.WINDOW_DAYS - 1)).isoformat()
    rows = []
    for nid, src in store.items():
        if src["kind"] not in kinds or not lo <= src["last_seen"] <= as_of.isoformat():
            continue
        stats = names.score(src.get("days") or [], as_of, factor=ranking_factor(src, as_of=as_of))
        if stats["stories"]:
            rows.append((nid, src, stats))
    out = names.group(rows)
    return out if top is None else out[:top]


def diagnose(chosen: list[dict[str, Any]], ranked: list[Any], hidden: dict[str, tuple[str, set[str]]]
             ) -> dict[str, list[str]]:
    """Why each hidden entity is or is not in the top 100, one category each (first that applies):
    found (top 100); ranked below 100 (a suggestion of the right kind, further down); wrong type (only a
    suggestion of another kind); wrong boundaries (its words follow a cue, inside a longer or cut run,
    but no suggestion is the name); never after a cue (no cue occurrence holds its words)."""
    from pipeline.discovery import cue_occurrences, get_cues, name_key, tokenize

    cues = get_cues()
    runs: set[str] = set()
    for i, d in enumerate(chosen):
        for occ in cue_occurrences(tokenize(f"{d['title']} . {d['body']}"), i, cues):
            runs.add(" " + name_key(occ.words) + " ")
    cats: dict[str, list[str]] = defaultdict(list)
    for eid, (kind, alias_keys) in hidden.items():
        rank = next((r for r, s in enumerate(ranked, 1)
                     if s.kind == kind and any(matches(m, alias_keys) for m in s.members)), None)
        other = any(s.kind != kind and any(matches(m, alias_keys) for m in s.members) for s in ranked)
        # an alias inside a cue's run (the run may hold an organization's head), or a run of 2+ words
        # inside an alias (a name cut short)
        after_cue = any(f" {a} " in r or (len(r.split()) >= 2 and r in f" {a} ") for a in alias_keys for r in runs)
        if rank is not None and rank <= 100:
            cats["found in the top 100"].append(eid)
        elif rank is not None:
            cats["found, ranked below 100"].append(eid)
            cats["  of which ranked " + ("101-200" if rank <= 200 else "201-500" if rank <= 500 else "> 500")].append(eid)
        elif other:
            cats["found as another type"].append(eid)
        elif after_cue:
            cats["after a cue, wrong boundaries or filtered"].append(eid)
        else:
            cats["never after a cue"].append(eid)
    order = ["found in the top 100", "found, ranked below 100", "  of which ranked 101-200",
             "  of which ranked 201-500", "  of which ranked > 500", "found as another type",
             "after a cue, wrong boundaries or filtered", "never after a cue"]
    return {c: cats[c] for c in order if c in cats}


def ranking_ceiling(ranked: list[Any], hidden: dict[str, tuple[str, set[str]]],
                    labels: dict[str, str] | None = None) -> dict[str, int]:
    """What perfect precision would give: the ranking with every suggestion that the labels (LABELS by
    default) call a non-name or a name of another kind removed (an oracle), its top 100 scored. If recall
    stays low, the hidden names are outranked by real names the evaluation gazetteer simply lacks, not by
    noise."""
    labels = LABELS if labels is None else labels
    clean = [s for s in ranked if labels.get(s.name, s.kind) == s.kind][:100]
    result = evaluate(clean, hidden)
    hit_names = {s.name for s in clean for _kind, keys in hidden.values()
                 if any(matches(m, keys) for m in s.members)}
    real = sum(1 for s in clean if labels.get(s.name) == s.kind and s.name not in hit_names)
    return {"found": len(result["found"]), "real_not_hidden": real}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from trends import corpus_docs, load

    from pipeline import index as index_stage
    from pipeline import name_suggestions as names
    from pipeline.discovery import KnownNames, name_key
    from pipeline.normalize import normalize

    if args.write_supplement:
        which = args.universe if args.universe in NEW_IN else "base"
        added = supplement_from_labels(which=which)
        named = sum(1 for label in LABELS.values() if label in ("person", "org"))
        path = LABELS_FILES[which if which != "base" else "extended"]
        if which != "base":  # how many SUPPLEMENT_2 … _11 entities a labelled real name stands for (counts only)
            name, new, before = NEW_IN[which]
            ents, known = [(k, eid, al, False) for k, eid, al in new], universe(before)
            hit = {conflicts(key, ents) for key, label in LABELS.items()
                   if label in ("person", "org") and conflicts(key, known) is None}
            hit.discard(None)
            print(f"{name} entities that a labelled real name stands for: {len(hit)} of {len(new)}")
        path.write_text(json.dumps(
            {"labelled_real_names": named, "added": len(added), "persons": sum(k == "person" for k, *_ in added),
             "orgs": sum(k == "org" for k, *_ in added),
             "entities": [{"kind": k, "id": eid, "aliases": al} for k, eid, al in added]},
            ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{len(added)} of {named} labelled real names added to {path.name}")
        return {}
    from pipeline import (
        discovery_bare,
        discovery_context,
        discovery_cues,
        discovery_extent,
        discovery_forms,
        discovery_generic,
        discovery_given,
        discovery_given_start,
        discovery_kind,
        discovery_known,
        discovery_lists,
        discovery_lone,
        discovery_merge,
        discovery_nonname,
        discovery_orgtail,
        discovery_pair,
        discovery_phrase,
        discovery_placeorg,
        discovery_roles,
        discovery_runon,
        discovery_scan,
        discovery_shape,
        discovery_source,
        discovery_stem,
    )
    from pipeline import discovery_window as window

    discovery_kind.SETTINGS["enabled"] = not args.no_kind_model
    if args.kind_model is not None:  # another model file (side by side: the previous model, a half's model)
        discovery_kind.SETTINGS["model"] = args.kind_model
    if args.min_cue_share is not None:
        names.MIN_CUE_SHARE = args.min_cue_share
    switches = (discovery_shape.RULES, discovery_runon.RULES, discovery_phrase.RULES, discovery_forms.RULES,
                discovery_nonname.RULES, discovery_bare.RULES, discovery_lone.RULES, discovery_roles.RULES,
                discovery_lists.RULES, discovery_given.RULES, discovery_cues.RULES, discovery_kind.RULES,
                discovery_scan.RULES, discovery_known.RULES, discovery_extent.RULES, discovery_merge.RULES,
                discovery_orgtail.RULES, discovery_pair.RULES, discovery_given_start.RULES,
                discovery_context.RULES, discovery_placeorg.RULES, discovery_source.RULES,
                discovery_stem.RULES, discovery_generic.RULES)
    for flag, names_, on in (("--rules-off", args.rules_off, False), ("--rules-on", args.rules_on, True)):
        for rule in filter(None, names_.split(",")):
            table = next((t for t in switches if rule in t), None)
            if table is None:
                raise SystemExit(f"{flag}: no rule {rule!r} (rules: {', '.join(r for t in switches for r in t)})")
            table[rule] = on
    discovery_cues.get_cues.cache_clear()  # the lexicon reads discovery_cues.RULES when loaded
    need = DRAWS[args.hidden].run_universe if args.hidden in DRAWS else None
    if need and args.universe != need and not args.choose:
        raise SystemExit(f"--hidden {args.hidden} is drawn for --universe {need}")
    if args.hidden in DRAWS and DRAWS[args.hidden].part == "dev" and args.part == "test" and not args.choose:
        raise SystemExit(f"--hidden {args.hidden} is drawn on the development days: run it with --part dev|deva|devb")
    t0 = time.perf_counter()
    docs: list[dict[str, Any]] = []
    if not (args.load_store and args.memory and not args.diagnose):  # a dumped store is ranked without the corpus
        articles = common.load_corpus(args.corpus)
        docs = corpus_docs(articles, random.Random(2015))
        del articles
    if args.count_new:  # SUPPLEMENT_2 (with --universe wide … limitless: SUPPLEMENT_3 … _11), held-out rule
        which = (args.universe if args.universe in ("wide", "wider", "widest", "broadest", "largest", "vast", "immense",
                                                    "boundless", "limitless")
                 else "full")
        name, supplement, before = NEW_IN[which]
        new = [(k, eid, al, False) for k, eid, al in supplement]
        for part in ("test", "dev"):
            elig = eligible_ids(part_docs(docs, part), new)
            print(f"{name} ({sum(k == 'person' for k, *_ in new)} persons, "
                  f"{sum(k == 'org' for k, *_ in new)} orgs) eligible by the held-out rule on the {part} days: "
                  f"{len(elig['person'])} persons, {len(elig['org'])} orgs")
        first_draw = {"full": "fifth", "wide": "seventh", "wider": "ninth", "widest": "tenth",
                      "broadest": "twelfth", "largest": "fourteenth", "vast": "sixteenth",
                      "immense": "seventeenth", "boundless": "eighteenth", "limitless": "nineteenth"}[which]
        both = eligible_ids(part_docs(docs, "test"), universe(which), excluded_before(first_draw))
        print(f"{before} + {name}, test days, never hidden: "
              f"{len(both['person'])} persons, {len(both['org'])} orgs")
        return {}
    if args.choose:
        if args.hidden in DRAWS:
            draw, path = DRAWS[args.hidden], draw_file(args.hidden)
            seed = draw.seed
            persons, orgs = choose_hidden(part_docs(docs, draw.part), seed=seed,
                                          exclude=excluded_before(args.hidden), which=draw.universe,
                                          n_orgs=draw.orgs)
            if path.exists() and not args.redraw:
                old = json.loads(path.read_text(encoding="utf-8"))
                same = old == {"seed": seed, "persons": persons, "orgs": orgs}
                print(f"{path.name} exists ({'the same draw' if same else 'a DIFFERENT draw'}); not rewritten "
                      "(--redraw rewrites it)")
                return {}
            path.write_text(json.dumps({"seed": seed, "persons": persons, "orgs": orgs}, indent=1) + "\n",
                            encoding="utf-8")
            print(f"{len(persons)} persons, {len(orgs)} organizations written to {path}")
            return {}
        persons, orgs = choose_hidden(part_docs(docs, "test"))
        print("HIDDEN_PERSONS = " + json.dumps(persons, indent=4))
        print("HIDDEN_ORGS = " + json.dumps(orgs, indent=4))
        return {}
    ents = {eid: (kind, aliases, rasd) for kind, eid, aliases, rasd in universe("limitless")}
    hidden_persons, hidden_orgs = hidden_lists(args.hidden)
    hidden_ids = set(hidden_persons) | set(hidden_orgs)
    missing = hidden_ids - set(ents)
    if missing:
        raise SystemExit(f"hidden ids not in the universe: {sorted(missing)}")
    hidden = {eid: (ents[eid][0], {name_key(tuple(normalize(a).split())) for a in ents[eid][1]})
              for eid in sorted(hidden_ids)}
    aliases = known_aliases(hidden_ids, args.universe)
    if args.known_before:
        aliases += known_before(hidden)
    known = KnownNames(aliases, kinds=known_kinds(hidden_ids, args.universe, aliases))
    discovery_given.use_gazetteer(known.kinds)  # the ranking's given names: this simulated gazetteer's persons
    if args.dry:
        print(f"dry check: --hidden {args.hidden} ({len(hidden_persons)} persons, {len(hidden_orgs)} orgs) "
              f"--universe {args.universe}: {len(aliases)} known aliases; discovery not run")
        return {}
    if args.history and not args.memory:
        raise SystemExit("--history needs --memory")
    chosen = part_docs(docs, args.part)
    days = sorted({d["published_at"][:10] for d in chosen})
    store: dict[str, dict[str, Any]] = {}
    if args.load_store and args.memory:  # a dumped replay, re-ranked (its stored scores are not read)
        store = json.loads(args.load_store.read_text(encoding="utf-8"))
        days = days or sorted({d["day"] for src in store.values() for d in src.get("days") or []
                               if PARTS[args.part][0] <= d["day"] <= PARTS[args.part][1]})
    ranked: list[Any] = []
    trace: Trace | None = None
    if args.memory:
        t = time.perf_counter()
        if not args.load_store:
            history = history_docs(docs, days[0]) if args.history else []
            trace = Trace(hidden) if args.diagnose and args.part.startswith("dev") else None
            with trace.installed(known) if trace else contextlib.nullcontext():
                store = replay_memory(chosen, days, known, args.look_back, history, trace=trace)
        per_day = (time.perf_counter() - t) / len(days)
        if args.dump_store:
            args.dump_store.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")
        ranked = ranked_memory(store, date.fromisoformat(days[-1]), ["person", "org"])
        top = ranked[: max(100, args.list)]
        places = ranked_memory(store, date.fromisoformat(days[-1]), ["place"], top=30)
    else:
        with common.bench_es(args.es_url, keep=args.keep_es) as es_url:
            s = common.configure(es_url, PREFIX)
            es = index_stage.get_client(s).options(request_timeout=300)
            common.drop_prefix(es, PREFIX)
            index_stage.ensure_indices(es, s)
            try:
                load(es, s.articles_write_alias, chosen)
                t = time.perf_counter()
                for day in days:
                    r = names.update_day(date.fromisoformat(day), es=es, settings=s, known=known,
                                         look_back=args.look_back)
                    print(f"  {day}: {r.documents} articles, {r.candidates} candidates, {r.written} written, "
                          f"{r.looked_back} looked back ({window.LAST_SECONDS['names']:.0f} names queried in "
                          f"{window.LAST_SECONDS['queries']:.2f} s)", file=sys.stderr)
                    window.LAST_SECONDS.update(queries=0.0, names=0.0)
                per_day = (time.perf_counter() - t) / len(days)
                as_of = date.fromisoformat(days[-1])
                top = names.suggest(es=es, settings=s, as_of=as_of, kinds=["person", "org"], top=max(100, args.list))
                places = names.suggest(es=es, settings=s, as_of=as_of, kinds=["place"], top=30)
            finally:
                if not args.keep_indices:
                    common.drop_prefix(es, PREFIX)
                es.close()
    if args.list:
        for i, sug in enumerate(top[: args.list], 1):
            ctx = sug.contexts[0]["text"] if sug.contexts else ""
            print(f"{i}\t{sug.name}\t{sug.kind}\t{LABELS.get(sug.name, '?')}\t{ctx[:150]}")
    if args.diagnose:
        if not ranked:
            raise SystemExit("--diagnose needs --memory (every candidate ranked, not only the top)")
        cats = diagnose(chosen, ranked, hidden)
        for cat, ids in cats.items():
            # the entities' names only on the development days (tuned on); elsewhere the counts alone
            persons = sum(1 for i in ids if hidden[i][0] == "person")
            print(f"{cat}: {len(ids)} ({persons} persons, {len(ids) - persons} organizations)"
                  + (f": {', '.join(ids)}" if args.part.startswith("dev") else ""))
            if trace is not None and cat in ("after a cue, wrong boundaries or filtered", "never after a cue"):
                print("\n".join(trace.report(ids)))  # which stage lost each (bench/discovery_trace.py)
        if args.part.startswith("dev"):  # never on the test days: it would be one more scoring of a held-out list
            ceiling = ranking_ceiling(ranked, hidden)
            print(f"ceiling (an oracle dropping every suggestion LABELS calls a non-name or the wrong kind): "
                  f"recall {ceiling['found']}/{len(hidden)}; real names not hidden in that top 100: "
                  f"{ceiling['real_not_hidden']}")
    top = top[:100]
    result = evaluate(top, hidden)
    place_ok = sum(1 for p in places if LABELS.get(p.name) == "place")
    report(args.part, top, places, result, hidden, ents, per_day, place_ok)
    out = {"bench": "discovery_eval", "part": args.part, "hidden_draw": args.hidden, "universe": args.universe, "known_before": args.known_before,
           "kind_model": not args.no_kind_model, "look_back": args.look_back,
           "history": args.history, "days": days, "recall_top100": result["recall"],
           "precision_at_100": result["precision"], "hidden": len(hidden), "found": len(result["found"]),
           "unlabelled": len(result["unlabelled"]), "places_precision_at_30": round(place_ok / max(1, len(places)), 3),
           "seconds_per_day": round(per_day, 2), "seconds": round(time.perf_counter() - t0, 1)}
    print(json.dumps(out, ensure_ascii=False))
    return out


def report(part: str, top: list[Any], places: list[Any], result: dict[str, Any],
           hidden: dict[str, tuple[str, set[str]]], ents: dict[str, Any], per_day: float, place_ok: int) -> None:
    rows = [(i, s.display, s.kind, LABELS.get(s.name, "?"), f"{s.score:.2f}", s.stories, s.outlets,
             "、".join(m for m in s.members if m != s.name)[:40]) for i, s in enumerate(top, 1)]
    print(common.table(("#", "suggestion", "kind", "label", "score", "stories", "outlets", "short forms"), rows,
                       title=f"{part}: top {len(top)} persons and organizations"))
    rows = [(eid, hidden[eid][0], "Rasd" if ents[eid][2] else "supplement", result["found"].get(eid, "-"))
            for eid in hidden]
    print(common.table(("hidden", "kind", "from", "found"), rows, title="hidden entities"))
    print(f"\n{part}: recall in the top 100 = {len(result['found'])}/{len(hidden)} = {result['recall']}; "
          f"precision@100 = {result['correct']}/{len(top)} = {result['precision']}; "
          f"places precision@30 = {place_ok}/{len(places)}; discovery {per_day:.1f} s per day")
    if result["unlabelled"]:
        print("unlabelled (counted wrong): " + ", ".join(result["unlabelled"]))
    if result["wrong"]:
        print("wrong kind or not a name: " + ", ".join(f"{n} ({k}≠{lab})" for n, k, lab in result["wrong"]))
    print("places: " + ", ".join(f"{p.name}{'' if LABELS.get(p.name) == 'place' else '(?)'}" for p in places))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=common.DEFAULT_CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--part", choices=sorted(PARTS), default="test")
    ap.add_argument("--choose", action="store_true", help="print the draw of hidden entities and stop "
                    "(with --hidden fresh|third: write that draw to its file)")
    ap.add_argument("--hidden", choices=("old", *DRAWS), default="old",
                    help="which draw is hidden: the first (seed 19, HIDDEN_PERSONS / HIDDEN_ORGS) or one of DRAWS "
                    "(seed, days and universe in the table; the list in bench/discovery_hidden_NAME.json)")
    ap.add_argument("--known-before", action=argparse.BooleanOptionalAction, default=True,
                    help="the names of DEV_LABELS are decided (accepted or rejected during the development days)")
    ap.add_argument("--universe", choices=("base", "extended", "full", "wide", "wider", "widest", "broadest", "largest",
                                              "vast", "immense", "boundless", "limitless"),
                    default="base",
                    help="base: Rasd's gazetteers + SUPPLEMENT (the earlier figures); extended: also "
                    "SUPPLEMENT_FROM_LABELS (every labelled real person / organization the universe lacked) known; "
                    "full: base + SUPPLEMENT_2 + SUPPLEMENT_FROM_LABELS_FULL (the labels regenerated against it); "
                    "wide: full's universe + SUPPLEMENT_3 + SUPPLEMENT_FROM_LABELS_WIDE; "
                    "wider: wide's universe + SUPPLEMENT_4 + SUPPLEMENT_FROM_LABELS_WIDER; "
                    "widest: wider's universe + SUPPLEMENT_5 + SUPPLEMENT_FROM_LABELS_WIDEST; "
                    "broadest: widest's universe + SUPPLEMENT_6 + SUPPLEMENT_FROM_LABELS_BROADEST; "
                    "largest: broadest's universe + SUPPLEMENT_7 + SUPPLEMENT_FROM_LABELS_LARGEST; "
                    "vast: largest's universe + SUPPLEMENT_8 + SUPPLEMENT_FROM_LABELS_VAST; "
                    "immense: vast's universe + SUPPLEMENT_9 + SUPPLEMENT_FROM_LABELS_IMMENSE; "
                    "boundless: immense's universe + SUPPLEMENT_10 + SUPPLEMENT_FROM_LABELS_BOUNDLESS; "
                    "limitless: boundless's universe + SUPPLEMENT_11 + SUPPLEMENT_FROM_LABELS_LIMITLESS")
    ap.add_argument("--write-supplement", action="store_true",
                    help="write SUPPLEMENT_FROM_LABELS_FILE (with --universe full / wide / wider / widest / broadest / largest / "
                    "vast / immense / boundless / limitless: SUPPLEMENT_FROM_LABELS_FULL_FILE / _WIDE_FILE / _WIDER_FILE / "
                    "_WIDEST_FILE / _BROADEST_FILE / _LARGEST_FILE / _VAST_FILE / _IMMENSE_FILE / _BOUNDLESS_FILE / "
                    "_LIMITLESS_FILE) "
                    "from LABELS and the universe, and stop")
    ap.add_argument("--count-new", action="store_true",
                    help="print how many SUPPLEMENT_2 (with --universe wide / wider / widest / broadest / largest / vast / "
                    "immense / boundless / limitless: SUPPLEMENT_3 / _4 / _5 / _6 / _7 / _8 / _9 / _10 / _11) entities "
                    "meet the held-out "
                    "rule, and stop")
    ap.add_argument("--redraw", action="store_true", help="with --choose: rewrite an existing draw file")
    ap.add_argument("--dry", action="store_true", help="load the hidden list, the universe and the known aliases, "
                    "then stop before discovery")
    ap.add_argument("--list", type=int, default=0, help="print this many suggestions with a context (labelling)")
    ap.add_argument("--es-url", default=None, help="use this Elasticsearch (default: local node 'bench', port 9291)")
    ap.add_argument("--keep-es", action="store_true")
    ap.add_argument("--rules-off", default="", help="comma-separated rules to switch off "
                    "(a side-by-side measurement: fragment, tanwin, org_tanwin, future, preposition, common_words, forms, "
                    "ala, head_preposition, club, bare, lists, single, conjunction, suffixed, common_first, waw_word, gazetteer_given, nationality, "
                    "org_power, lineage_family, story_extend, family_word, merge_bin, merge_heads, merge_spelling, tail_proclitic, tail_verb, single_verb, common_pair, carried_before, given_start, org_stem; the RULES "
                    "of pipeline.discovery_shape, discovery_extent, discovery_merge, "
                    "discovery_runon, discovery_phrase, discovery_forms, discovery_nonname, discovery_bare, "
                    "discovery_lists, discovery_given, discovery_roles, discovery_kind, discovery_orgtail, discovery_pair, "
                    "discovery_given_start, discovery_stem)")
    ap.add_argument("--rules-on", default="", help="comma-separated rules off by default to switch on (bare: "
                    "pipeline.discovery_bare's bare names after a head, measured at stop 30 and not kept; lone: "
                    "pipeline.discovery_lone's one document after a cue, measured at stop 31 and not kept; occupations, "
                    "club_roles, works: pipeline.discovery_roles' person cues, stop 32; article_noun: pipeline.discovery_runon's "
                    "definite common word after a person, measured at stop 34 and not kept; authority_heads: "
                    "pipeline.discovery_cues' شرطة / إمارة / بورصة heads, measured at stop 35 and not kept; org_source: "
                    "pipeline.discovery_source's organization quoted as a source, measured at stop 40 and not kept)")
    ap.add_argument("--memory", action="store_true", help="replay the daily pass in memory (no Elasticsearch: "
                    "the same discover_day, merged, score and group; the store is a dict)")
    ap.add_argument("--diagnose", action="store_true", help="with --memory: why each hidden entity was or was "
                    "not found (counts per category; the entities' ids only for --part dev, and there, for the misses after a "
                    "cue or never after one, the stage that lost each: bench/discovery_trace.py)")
    ap.add_argument("--keep-indices", action="store_true")
    ap.add_argument("--no-kind-model", action="store_true", help="rank without the kind classifier "
                    "(pipeline.discovery_kind; the side-by-side baseline)")
    ap.add_argument("--kind-model", type=Path, default=None, help="rank with this kind model file instead of "
                    "pipeline/data/discovery/kind_model.json (e.g. the previous model from git show)")
    ap.add_argument("--look-back", action=argparse.BooleanOptionalAction, default=True,
                    help="count a name first found on a day over the window's earlier days too "
                    "(pipeline.discovery_window; --no-look-back: the daily pass before stop 28)")
    ap.add_argument("--history", action="store_true",
                    help="with --memory: the look-back also reads the window's days before the part (never "
                    "replayed; a deployment's articles index holds them: for --part test, the development days)")
    ap.add_argument("--dump-store", type=Path, default=None,
                    help="with --memory: write the replay's name store (one document per name, its day entries) to "
                    "this json file, outside the repository (it holds contexts of the corpus' text)")
    ap.add_argument("--load-store", type=Path, default=None,
                    help="with --memory: rank a store written by --dump-store instead of replaying (the same part, "
                    "list, universe and flags; the ranking reads only the day entries, so a ranking change such as "
                    "--min-cue-share is measured without a replay)")
    ap.add_argument("--min-cue-share", type=float, default=None,
                    help="pipeline.name_suggestions.MIN_CUE_SHARE for this run (a side-by-side measurement)")
    run(ap.parse_args(argv))


if __name__ == "__main__":
    main()
