"""bench/discovery_eval.py's hidden lists and its ranking ceiling (no corpus, no Elasticsearch)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.name_suggestions import Suggestion

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("discovery_eval", REPO / "bench" / "discovery_eval.py")
    assert spec and spec.loader
    sys.path.insert(0, str(REPO / "bench"))
    try:
        module = importlib.util.module_from_spec(spec)
        sys.modules["discovery_eval"] = module
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(REPO / "bench"))
        sys.modules.pop("discovery_eval", None)


def test_the_hidden_lists_are_disjoint_and_the_development_list_is_drawn_on_the_development_days(
        bench: ModuleType) -> None:
    """A development list sharing a name with a held-out one would tune on held-out data."""
    seen: set[str] = set()
    for which in ("old", *_drawn(bench)):
        persons, orgs = bench.hidden_lists(which)
        ids = set(persons) | set(orgs)
        # the fourth draw: only 10 persons of the base universe still qualified (ids are never drawn twice); the
        # nineteenth: only 18 of limitless (stop 39), every one of them drawn; the twentieth (stop 40): no person left,
        # 40 organizations
        short = {"fourth": (10, 20), "nineteenth": (18, 20), "twentieth": (0, 40)}
        assert (len(persons), len(orgs)) == short.get(which, (40, 20)), which
        drawn_from = bench.DRAWS[which].universe if which in bench.DRAWS else "base"
        universe = {eid for _kind, eid, _aliases, _rasd in bench.universe(drawn_from)}
        assert ids <= universe, which
        assert not ids & seen, f"{which} repeats {sorted(ids & seen)}"
        if which != "old":
            assert bench.excluded_before(which) == seen, which  # every earlier draw excluded, no other
        seen |= ids
    assert {name: d.part for name, d in bench.DRAWS.items()} == {
        "fresh": "test", "third": "test", "devrep": "dev", "fourth": "test", "fifth": "test", "sixth": "test",
        "seventh": "test", "eighth": "test", "ninth": "test", "tenth": "test", "eleventh": "test",
        "twelfth": "test", "thirteenth": "test", "devtail": "dev", "fourteenth": "test",
        "fifteenth": "test", "sixteenth": "test", "seventeenth": "test", "eighteenth": "test",
        "nineteenth": "test", "twentieth": "test"}


def _drawn(bench: ModuleType) -> list[str]:
    """The draws of ``DRAWS`` whose list is written (a declared draw is drawn by the lead after the merge)."""
    return [name for name in bench.DRAWS if bench.draw_file(name).exists()]


def _sug(name: str, kind: str) -> Suggestion:
    return Suggestion(id=name, name=name, display=name, kind=kind, score=1.0, stories=1, docs=1, outlets=1,
                      cue_share=1.0, growth=1.0, first_seen="2015-07-21", last_seen="2015-07-21", members=[name])


def test_the_ceiling_drops_labelled_non_names_and_wrong_kinds_only(bench: ModuleType) -> None:
    labels = {"نادي الف": "org", "قال مصدر": "no", "زيد عمرو": "person", "نادي باء": "place"}
    ranked = [_sug("قال مصدر", "person"), _sug("نادي باء", "org"), _sug("نادي الف", "org"),
              _sug("زيد عمرو", "person"), _sug("اسم جديد", "person")]
    hidden = {"zaid": ("person", {"زيد عمرو"}), "missing": ("org", {"نادي جيم"})}
    ceiling = bench.ranking_ceiling(ranked, hidden, labels)
    # the hidden person is found; the real organization counts as real-not-hidden; the unlabelled
    # name stays in the list but is neither
    assert ceiling == {"found": 1, "real_not_hidden": 1}


def test_the_extended_universe_adds_labelled_real_names_and_no_hidden_entity(bench: ModuleType) -> None:
    """SUPPLEMENT_FROM_LABELS holds labelled real names only, none a form of a universe entity: a hidden
    name added back as a separate known entity would hide it from discovery in every run."""
    extra = bench.load_supplement_from_labels()
    assert len(extra) >= 150
    universe = bench.universe()
    ids = {eid for _kind, eid, _aliases, _rasd in universe}
    hidden = set()
    for which in ("old", *_drawn(bench)):
        persons, orgs = bench.hidden_lists(which)
        hidden |= set(persons) | set(orgs)
    hidden_ents = [e for e in universe if e[1] in hidden]
    for kind, eid, aliases in extra:
        assert eid not in ids
        for alias in aliases:
            assert bench.LABELS[alias] == kind, alias
            assert bench.conflicts(alias, hidden_ents) is None, alias


def test_a_label_that_is_a_form_of_a_universe_entity_is_not_added(bench: ModuleType) -> None:
    """The whole name, its beginning, a person's first and last words, or a name that would make one of
    those known (a longer person's name sharing its first words) all stay out."""
    labels = {"فيصل بن خالد بن عبدالعزيز": "person",  # a longer form of فيصل بن خالد
              "عادل الجبير": "person",  # first and last words of عادل بن أحمد الجبير
              "فهد بن عبدالله بن عبدالعزيز": "person",  # shares فهد بن عبدالله with فهد بن عبدالله المبارك
              "وكاله رويترز": "org", "نادي النصر": "org",
              "جامعه الملك خالد": "org",  # only the fragment جامعة الملك in common with جامعة الملك سعود
              "سعود كريري": "person", "قال مصدر": "no"}
    added = {alias for _kind, _eid, aliases in bench.supplement_from_labels(labels) for alias in aliases}
    assert added == {"جامعه الملك خالد", "سعود كريري"}


def test_the_default_universe_is_unchanged_by_the_option(bench: ModuleType) -> None:
    hidden = {"john-kerry", "reuters"}
    base = bench.known_aliases(hidden)
    extended = bench.known_aliases(hidden, "extended")
    extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels() for a in aliases]
    assert extended == base + extra
    assert not set(extra) & set(base)
    assert "جون كيري" not in base and "جون كيري" not in extended
    # the draw's pool is the base universe: the label-derived names are never hidden
    universe = {eid for _k, eid, _a, _r in bench.universe()}
    assert not universe & {eid for _k, eid, _a in bench.load_supplement_from_labels()}


def _key(alias: str) -> str:
    from pipeline.discovery import name_key
    from pipeline.normalize import normalize

    return name_key(tuple(normalize(alias).split()))


def test_the_fifth_list_is_drawn_from_the_full_universe_and_run_with_it(bench: ModuleType) -> None:
    """The fifth list's ids exist in the full universe (base + SUPPLEMENT_2), none from a labels supplement,
    and a run with it under another universe is refused before the corpus is read."""
    persons, orgs = bench.hidden_lists("fifth")
    ids = set(persons) | set(orgs)
    full = {eid: k for k, eid, _a, _r in bench.universe("full")}
    assert all(full.get(p) == "person" for p in persons) and all(full.get(o) == "org" for o in orgs)
    labelled = {eid for which in ("extended", "full") for _k, eid, _a in bench.load_supplement_from_labels(which)}
    assert not ids & labelled
    assert bench.DRAWS["fifth"].universe == "full" and bench.DRAWS["fifth"].seed == 5077
    with pytest.raises(SystemExit, match="drawn for --universe full"):
        bench.main(["--hidden", "fifth", "--universe", "extended", "--dry"])


def test_the_full_universe_adds_supplement_2_and_its_own_labels_and_leaves_the_others_alone(
        bench: ModuleType) -> None:
    hidden = {"john-kerry", "reuters", "anwar-gargash"}
    base = bench.known_aliases(hidden)
    full = bench.known_aliases(hidden, "full")
    s2 = [a for _k, eid, aliases in bench.SUPPLEMENT_2 if eid not in hidden for a in aliases]
    extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels("full") for a in aliases]
    assert full == base + s2 + extra
    assert "أنور قرقاش" not in full and "جون كيري" not in full
    # base and extended are as before: the old labels file is still the extended one's (some of its names are
    # SUPPLEMENT_2 entities' forms: that is why full has its own file)
    old = [a for _k, _eid, aliases in bench.load_supplement_from_labels("extended") for a in aliases]
    assert bench.known_aliases(hidden, "extended") == base + old
    assert bench.load_supplement_from_labels() == bench.load_supplement_from_labels("extended")
    assert len(bench.load_supplement_from_labels("extended")) == 202
    # every SUPPLEMENT_2 entity is in the universe, so a label naming one is not a labelled extra
    keys = {_key(a) for _k, _eid, aliases in bench.load_supplement_from_labels("full") for a in aliases}
    for _k, eid, aliases in bench.SUPPLEMENT_2:
        assert not keys & {_key(a) for a in aliases}, eid


def test_the_wide_universe_adds_supplement_3_and_its_own_labels_and_leaves_full_alone(bench: ModuleType) -> None:
    hidden = {"john-kerry", "anwar-gargash", "thamer-al-sabhan"}
    base = bench.known_aliases(hidden)
    s2 = [a for _k, eid, aliases in bench.SUPPLEMENT_2 if eid not in hidden for a in aliases]
    s3 = [a for _k, eid, aliases in bench.SUPPLEMENT_3 if eid not in hidden for a in aliases]
    wide_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels("wide") for a in aliases]
    full_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels("full") for a in aliases]
    assert bench.known_aliases(hidden, "wide") == base + s2 + s3 + wide_extra
    assert "ثامر السبهان" not in bench.known_aliases(hidden, "wide")
    # full is as before: its universe has no SUPPLEMENT_3 entity, its labels file is its own (184 names)
    assert bench.known_aliases(hidden, "full") == base + s2 + full_extra
    assert len(bench.load_supplement_from_labels("full")) == 184
    s3_ids = {eid for _k, eid, _a in bench.SUPPLEMENT_3}
    assert not s3_ids & {eid for _k, eid, _a, _r in bench.universe("full")}
    assert bench.universe("wide") == bench.universe("full") + [(k, eid, a, False) for k, eid, a in bench.SUPPLEMENT_3]
    # every SUPPLEMENT_3 entity is in the wide universe, so a label naming one is not a labelled extra of it
    keys = {_key(a) for a in wide_extra}
    for _k, eid, aliases in bench.SUPPLEMENT_3:
        assert not keys & {_key(a) for a in aliases}, eid


def test_the_seventh_list_is_drawn_from_the_wide_universe_and_run_with_it(bench: ModuleType) -> None:
    """The seventh list's ids exist in the wide universe (full + SUPPLEMENT_3), none from a labels supplement, and
    a run with it under another universe is refused before the corpus is read."""
    persons, orgs = bench.hidden_lists("seventh")
    ids = set(persons) | set(orgs)
    wide = {eid: k for k, eid, _a, _r in bench.universe("wide")}
    assert all(wide.get(p) == "person" for p in persons) and all(wide.get(o) == "org" for o in orgs)
    assert ids & {eid for _k, eid, _a in bench.SUPPLEMENT_3}  # the full universe alone no longer had 40 persons
    labelled = {eid for which in bench.LABELS_FILES for _k, eid, _a in bench.load_supplement_from_labels(which)}
    assert not ids & labelled
    draw = bench.DRAWS["seventh"]
    assert (draw.seed, draw.part, draw.universe, draw.run_universe) == (7243, "test", "wide", "wide")
    before = list(bench.DRAWS)[:list(bench.DRAWS).index("seventh")]
    assert bench.excluded_before("seventh") == frozenset().union(
        *(set(p) | set(o) for p, o in map(bench.hidden_lists, ("old", *before))))
    for universe in ("base", "extended", "full"):
        with pytest.raises(SystemExit, match="drawn for --universe wide"):
            bench.main(["--hidden", "seventh", "--universe", universe, "--dry"])


def test_the_eighth_list_is_drawn_from_the_wide_universe_after_every_earlier_draw(bench: ModuleType) -> None:
    """The eighth list (stop 29): from the wide universe, no labels-supplement name, every earlier draw excluded
    (the seventh's included), and refused under another universe."""
    persons, orgs = bench.hidden_lists("eighth")
    assert (len(persons), len(orgs)) == (40, 20)
    wide = {eid: k for k, eid, _a, _r in bench.universe("wide")}
    assert all(wide.get(p) == "person" for p in persons) and all(wide.get(o) == "org" for o in orgs)
    labelled = {eid for which in bench.LABELS_FILES for _k, eid, _a in bench.load_supplement_from_labels(which)}
    assert not (set(persons) | set(orgs)) & labelled
    assert bench.DRAWS["eighth"] == bench.Draw(8521, "test", "wide", "wide")
    before = list(bench.DRAWS)[:list(bench.DRAWS).index("eighth")]
    assert len(before) == 7 and bench.excluded_before("eighth") == frozenset().union(
        *(set(p) | set(o) for p, o in map(bench.hidden_lists, ("old", *before))))
    with pytest.raises(SystemExit, match="drawn for --universe wide"):
        bench.main(["--hidden", "eighth", "--universe", "full", "--dry"])


def test_the_wider_universe_adds_supplement_4_and_its_own_labels_and_leaves_wide_alone(bench: ModuleType) -> None:
    hidden = {"john-kerry", "thamer-al-sabhan", "sulaiman-aba-al-khail"}
    base = bench.known_aliases(hidden)
    s2 = [a for _k, eid, aliases in bench.SUPPLEMENT_2 if eid not in hidden for a in aliases]
    s3 = [a for _k, eid, aliases in bench.SUPPLEMENT_3 if eid not in hidden for a in aliases]
    s4 = [a for _k, eid, aliases in bench.SUPPLEMENT_4 if eid not in hidden for a in aliases]
    wider_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels("wider") for a in aliases]
    wide_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels("wide") for a in aliases]
    assert bench.known_aliases(hidden, "wider") == base + s2 + s3 + s4 + wider_extra
    assert "سليمان أبا الخيل" not in bench.known_aliases(hidden, "wider")
    assert "سليمان أبا الخيل" in bench.known_aliases(hidden - {"sulaiman-aba-al-khail"}, "wider")
    # wide is as before: its universe has no SUPPLEMENT_4 entity, its labels file is its own (361 names)
    assert bench.known_aliases(hidden, "wide") == base + s2 + s3 + wide_extra
    assert len(bench.load_supplement_from_labels("wide")) == 361
    s4_ids = {eid for _k, eid, _a in bench.SUPPLEMENT_4}
    assert not s4_ids & {eid for _k, eid, _a, _r in bench.universe("wide")}
    assert bench.universe("wider") == bench.universe("wide") + [(k, eid, a, False) for k, eid, a in bench.SUPPLEMENT_4]
    # every SUPPLEMENT_4 entity is in the wider universe, so a label naming one is not a labelled extra of it
    keys = {_key(a) for a in wider_extra}
    for _k, eid, aliases in bench.SUPPLEMENT_4:
        assert not keys & {_key(a) for a in aliases}, eid


def test_the_widest_universe_adds_supplement_5_and_its_own_labels_and_leaves_wider_alone(bench: ModuleType) -> None:
    hidden = {"john-kerry", "thamer-al-sabhan", "sulaiman-aba-al-khail", "ziad-memish"}
    base = bench.known_aliases(hidden)
    s2 = [a for _k, eid, aliases in bench.SUPPLEMENT_2 if eid not in hidden for a in aliases]
    s3 = [a for _k, eid, aliases in bench.SUPPLEMENT_3 if eid not in hidden for a in aliases]
    s4 = [a for _k, eid, aliases in bench.SUPPLEMENT_4 if eid not in hidden for a in aliases]
    s5 = [a for _k, eid, aliases in bench.SUPPLEMENT_5 if eid not in hidden for a in aliases]
    widest_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels("widest") for a in aliases]
    wider_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels("wider") for a in aliases]
    assert bench.known_aliases(hidden, "widest") == base + s2 + s3 + s4 + s5 + widest_extra
    assert "زياد ميمش" not in bench.known_aliases(hidden, "widest")
    assert "زياد ميمش" in bench.known_aliases(hidden - {"ziad-memish"}, "widest")
    # wider is as before: its universe has no SUPPLEMENT_5 entity, its labels file is its own (442 names)
    assert bench.known_aliases(hidden, "wider") == base + s2 + s3 + s4 + wider_extra
    assert len(bench.load_supplement_from_labels("wider")) == 442
    s5_ids = {eid for _k, eid, _a in bench.SUPPLEMENT_5}
    assert not s5_ids & {eid for _k, eid, _a, _r in bench.universe("wider")}
    assert bench.universe("widest") == bench.universe("wider") + [
        (k, eid, a, False) for k, eid, a in bench.SUPPLEMENT_5]
    # every SUPPLEMENT_5 entity is in the widest universe, so a label naming one is not a labelled extra of it
    keys = {_key(a) for a in widest_extra}
    for _k, eid, aliases in bench.SUPPLEMENT_5:
        assert not keys & {_key(a) for a in aliases}, eid


@pytest.mark.parametrize(("before", "after", "supplement", "pid", "alias"), [
    ("widest", "broadest", "SUPPLEMENT_6", "fahim-al-hamid", "فهيم الحامد"),
    ("broadest", "largest", "SUPPLEMENT_7", "kwak-tae-hwi", "كواك تاي هي"),
    ("largest", "vast", "SUPPLEMENT_8", "kim-jin-su-hilal", "كيم جين سو"),
    ("vast", "immense", "SUPPLEMENT_9", "calum-chambers", "كالوم تشامبرز"),
    ("immense", "boundless", "SUPPLEMENT_10", "elie-saab", "إيلي صعب"),
    ("boundless", "limitless", "SUPPLEMENT_11", "mehdi-taremi", "مهدي طارمي"),
])
def test_a_universe_adds_its_supplement_and_its_own_labels_and_leaves_the_one_before_alone(
        bench: ModuleType, before: str, after: str, supplement: str, pid: str, alias: str) -> None:
    """broadest = widest + SUPPLEMENT_6, largest = broadest + SUPPLEMENT_7, vast = largest + SUPPLEMENT_8,
    immense = vast + SUPPLEMENT_9, boundless = immense + SUPPLEMENT_10, limitless = boundless + SUPPLEMENT_11, each
    with its own labels file; the universe
    before is unchanged (its labels file is its own, no entity of the new supplement is in it)."""
    new = getattr(bench, supplement)
    hidden = {"john-kerry", "thamer-al-sabhan", "ziad-memish", pid}
    before_known = bench.known_aliases(hidden, before)
    before_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels(before) for a in aliases]
    after_extra = [a for _k, _eid, aliases in bench.load_supplement_from_labels(after) for a in aliases]
    added = [a for _k, eid, aliases in new if eid not in hidden for a in aliases]
    common = before_known[:len(before_known) - len(before_extra)]
    assert before_known == common + before_extra
    assert bench.known_aliases(hidden, after) == common + added + after_extra
    assert alias not in bench.known_aliases(hidden, after)
    assert alias in bench.known_aliases(hidden - {pid}, after)
    assert alias not in bench.known_aliases(hidden - {pid}, before)
    new_ids = {eid for _k, eid, _a in new}
    assert not new_ids & {eid for _k, eid, _a, _r in bench.universe(before)}
    assert bench.universe(after) == bench.universe(before) + [(k, eid, a, False) for k, eid, a in new]
    # every entity of the supplement is in the new universe, so a label naming one is not a labelled extra of it
    keys = {_key(a) for a in after_extra}
    for _k, eid, aliases in new:
        assert not keys & {_key(a) for a in aliases}, eid


@pytest.mark.parametrize(("labels", "before", "after"), [
    ({"جامعه الملك خالد": "org", "سعود كريري": "person"}, None, "full"),
    ({"ثامر السبهان": "person"}, "full", "wide"),
    ({"سليمان أبا الخيل": "person"}, "wide", "wider"),
    ({"زياد ميمش": "person"}, "wider", "widest"),
    ({"فهيم الحامد": "person"}, "widest", "broadest"),
    ({"كواك تاي هي": "person"}, "broadest", "largest"),
    ({"كيم جين سو": "person"}, "largest", "vast"),
    ({"كالوم تشامبرز": "person"}, "vast", "immense"),
    ({"إيلي صعب": "person"}, "immense", "boundless"),
    ({"مهدي طارمي": "person"}, "boundless", "limitless"),
])
def test_a_label_that_is_a_form_of_a_new_supplement_entity_is_not_added_to_its_universe(
        bench: ModuleType, labels: dict[str, str], before: str | None, after: str) -> None:
    """A labelled name that is a form of an entity a supplement adds (SUPPLEMENT_2 … _11) is a labelled extra of the
    universe before that supplement, not of the universe with it (the entity is known there)."""
    labels = labels | {"اسم لا يعرفه احد": "person"}
    kw = {} if before is None else {"which": before}
    old = {a for _k, _e, aliases in bench.supplement_from_labels(labels, **kw) for a in aliases}
    new = {a for _k, _e, aliases in bench.supplement_from_labels(labels, which=after) for a in aliases}
    assert old == set(labels) and new == {"اسم لا يعرفه احد"}


@pytest.mark.parametrize(("name", "seed", "previous", "universe"), [
    ("ninth", 9377, "eighth", "wider"), ("tenth", 10463, "ninth", "widest"), ("eleventh", 11617, "tenth", "widest"),
    ("twelfth", 12893, "eleventh", "broadest"), ("thirteenth", 13469, "twelfth", "broadest"),
    ("devtail", 1352, "thirteenth", "broadest"), ("fourteenth", 14593, "devtail", "largest"),
    ("fifteenth", 15731, "fourteenth", "largest"), ("sixteenth", 16487, "fifteenth", "vast"),
    ("seventeenth", 17351, "sixteenth", "immense"), ("eighteenth", 18263, "seventeenth", "boundless"),
    ("nineteenth", 19427, "eighteenth", "limitless"), ("twentieth", 20687, "nineteenth", "limitless"),
])
def test_the_later_draws_are_declared_for_their_universe_after_every_earlier_draw(
        bench: ModuleType, name: str, seed: int, previous: str, universe: str) -> None:
    """The ninth (stop 30), tenth (31), eleventh (32) and twelfth (34) draws: their seeds on the test days, from their
    universe (wider = wide + SUPPLEMENT_4, widest = + SUPPLEMENT_5, broadest = + SUPPLEMENT_6, largest = + SUPPLEMENT_7,
    vast = + SUPPLEMENT_8, immense = + SUPPLEMENT_9, boundless = + SUPPLEMENT_10, limitless = + SUPPLEMENT_11; the
    fourteenth to twentieth), every
    earlier list
    excluded (the previous one's included), and refused under any other universe before the list is read."""
    orgs = 40 if name == "twentieth" else 20  # the twentieth: organizations only, 40 (stop 40)
    assert bench.DRAWS[name] == bench.Draw(seed, "dev" if name.startswith("dev") else "test", universe, universe, orgs)
    before = list(bench.DRAWS)[:list(bench.DRAWS).index(name)]
    assert before[-1] == previous
    assert bench.excluded_before(name) == frozenset().union(
        *(set(p) | set(o) for p, o in map(bench.hidden_lists, ("old", *before))))
    for other in ("base", "extended", "full", "wide", "wider", "widest", "broadest", "largest", "vast", "immense",
                  "boundless", "limitless"):
        if other != universe:
            with pytest.raises(SystemExit, match=f"drawn for --universe {universe}"):
                bench.main(["--hidden", name, "--universe", other, "--dry"])


@pytest.mark.parametrize(("supplement", "before", "persons", "orgs"), [
    ("SUPPLEMENT_2", "base", 150, 80), ("SUPPLEMENT_3", "full", 300, 100), ("SUPPLEMENT_4", "wide", 250, 80),
    ("SUPPLEMENT_5", "wider", 250, 80), ("SUPPLEMENT_6", "widest", 900, 300), ("SUPPLEMENT_7", "broadest", 1000, 200),
    ("SUPPLEMENT_8", "largest", 1700, 120), ("SUPPLEMENT_9", "vast", 1700, 12), ("SUPPLEMENT_10", "immense", 1000, 0),
    ("SUPPLEMENT_11", "boundless", 1000, 0),
])
def test_no_alias_of_a_supplement_is_another_universe_entitys(bench: ModuleType, supplement: str, before: str,
                                                                persons: int, orgs: int) -> None:
    """Each SUPPLEMENT_N (written for the next universe: full, wide, wider, widest, broadest, largest, vast, immense,
    boundless, limitless) repeats no id and no alias of the universe before it or of itself, and no alias of it is a
    form of another entity (``conflicts``): a shared alias would make a hidden entity known through its twin, or count
    one entity's suggestion as another's."""
    universe = bench.universe(before)
    new = [(k, eid, aliases, False) for k, eid, aliases in getattr(bench, supplement)]
    assert sum(k == "person" for k, *_ in new) >= persons and sum(k == "org" for k, *_ in new) >= orgs
    assert not {eid for _k, eid, _a, _r in universe} & {eid for _k, eid, _a, _r in new}
    assert len({eid for _k, eid, _a, _r in new}) == len(new)
    universe_keys = {_key(a) for _k, _eid, aliases, _r in universe for a in aliases}
    owner: dict[str, str] = {}
    for _k, eid, aliases, _r in new:
        for alias in aliases:
            assert _key(alias) not in universe_keys, alias
            assert owner.setdefault(_key(alias), eid) == eid, f"{alias}: {eid} and {owner[_key(alias)]}"
    for _k, eid, aliases, _r in new:
        others = universe + [e for e in new if e[1] != eid]
        for alias in aliases:
            assert bench.conflicts(alias, others) is None, alias
