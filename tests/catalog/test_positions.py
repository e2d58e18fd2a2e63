"""Positions as data: each condition's rules, each stretch's positions, and the promise of
"My conditions": nothing the handbook offers takes a position a condition forbids."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import handbook
from handbook import CatalogError, load_catalog
from handbook.catalog.conditions import ConditionAdvice, alternatives, apply_rules
from handbook.catalog.stretch import Stretch
from handbook.paths import builtin_data_dir
from handbook.timing.routinefile import load_routines
from tests.helpers import builtin_catalog, write_stretch

CAT = builtin_catalog()
VOCAB = CAT.vocabulary
CONDITIONS = VOCAB.keys("conditions")
FLOOR = {"seated-floor", "kneeling", "all-fours", "supine", "prone", "side-lying"}


def kept(stretch: Stretch, condition: str) -> list[str]:
    """The forbidden positions a stretch still takes with a condition, after its advice."""
    entry = stretch.advice_for(condition)
    removed = entry.removes if entry is not None else ()
    return [p for p in VOCAB.rule(condition).forbidden(stretch.positions or ()) if p not in removed]


def unsafe(stretch: Stretch, condition: str) -> bool:
    """True when a stretch, as offered, takes a position the condition forbids."""
    entry = stretch.advice_for(condition)
    return bool(kept(stretch, condition)) and not (entry is not None and entry.skip)


# GUIDANCE section 8 (and 6), as the vocabulary must state it.
GUIDANCE_8 = {
    "osteoporosis": {"spine-rounded-forward", "twist-with-bending", "knees-to-chest"},
    "hip-replacement": {"hip-past-90", "leg-across-midline", "hip-turned-in", "floor-down-and-up"},
    "pregnancy": {"end-range-hip-or-groin"},
    "shoulder-problems": {"arm-out-and-back"},
    "high-blood-pressure-or-glaucoma": {"head-below-heart"},
}


@pytest.mark.parametrize("condition", sorted(GUIDANCE_8))
def test_each_condition_forbids_what_guidance_section_8_names(condition):
    assert GUIDANCE_8[condition] <= set(VOCAB.rule(condition).forbids)


def test_knees_and_pregnancy_limit_what_they_only_limit():
    assert {"kneeling", "deep-knee-bend"} <= set(VOCAB.rule("knee-problems").limits)
    assert {"lying-on-back", "one-leg-standing"} <= set(VOCAB.rule("pregnancy").limits)
    assert VOCAB.rule("knee-problems").limit and VOCAB.rule("pregnancy").limit


def test_every_position_is_labelled_and_ruled_by_a_condition():
    """A position no condition forbids or limits would be a word without a use."""
    ruled = {p for c in CONDITIONS for p in (*VOCAB.rule(c).forbids, *VOCAB.rule(c).limits)}
    for key in VOCAB.keys("positions-taken"):
        assert VOCAB.label("positions-taken", key)[0].isupper()
        assert key in ruled, key
    taken = {p for s in CAT for p in s.positions or ()}
    assert len(taken) >= len(ruled) - 1  # the built-ins take all but twisting while bent


@pytest.mark.parametrize("stretch", list(CAT), ids=lambda s: s.id)
def test_every_builtin_stretch_lists_its_positions_with_the_way_down(stretch):
    assert stretch.positions is not None
    takes = set(stretch.positions)
    assert (stretch.position in FLOOR) == ("floor-down-and-up" in takes)
    if stretch.position == "supine":
        assert "lying-on-back" in takes
    if stretch.position == "prone":
        assert "lying-face-down" in takes
    if stretch.position in ("kneeling", "all-fours"):
        assert "kneeling" in takes
    steps = " ".join(stretch.steps).lower()
    if re.search(r"cross (your|one) (right|left)? ?(leg|ankle)|across your body", steps):
        assert "leg-across-midline" in takes


@pytest.mark.parametrize("stretch", list(CAT), ids=lambda s: s.id)
def test_the_advice_of_every_builtin_stretch_answers_the_rules(stretch):
    """A forbidden or limited position has advice written for it, not only the rules'
    words; a modify removes every forbidden position it keeps."""
    for condition in CONDITIONS:
        rule = VOCAB.rule(condition)
        entry = stretch.advice_for(condition)
        needs = rule.forbidden(stretch.positions or ()) or rule.limited(stretch.positions or ())
        if needs:
            assert entry is not None and not entry.from_rules, (condition, needs)
        if entry is not None and not entry.skip:
            assert not kept(stretch, condition), (condition, entry.how)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_find_safe_for_and_ruled_out_follow_the_positions(catalog, condition):
    safe = catalog.find(safe_for=[condition])
    assert not [sid for sid in safe.index if unsafe(catalog[sid], condition)]
    out = set(catalog.ruled_out([condition]))
    assert {s.id for s in catalog if kept(s, condition)} <= out


@pytest.mark.parametrize("condition", CONDITIONS)
def test_no_alternative_takes_what_its_condition_forbids(catalog, condition):
    """The gentler stretches of cards, handouts and class mode: every one is safe for every
    condition that names it, and so is every `instead` of a modify."""
    for stretch in catalog:
        for sid, why in alternatives(stretch):
            if condition in why:
                other = catalog[sid]
                assert not other.skipped_for([condition]), (stretch.id, sid)
                assert not unsafe(other, condition), (stretch.id, sid)


ROUTINES, _ = load_routines(builtin_data_dir() / "routines", CAT)


@pytest.mark.parametrize("rid", sorted(ROUTINES))
@pytest.mark.parametrize("condition", CONDITIONS)
def test_no_builtin_routine_keeps_what_a_condition_forbids(catalog, rid, condition):
    """Each stretch of a built-in routine that takes a forbidden position is marked skip for
    that condition (cards, class mode and handouts say so), and any gentler stretch it names
    for it is one the condition allows."""
    for item in ROUTINES[rid].items:
        stretch = catalog[item.stretch]
        if kept(stretch, condition):
            entry = stretch.advice_for(condition)
            assert entry is not None and entry.skip, (item.stretch, condition)
            if (alt := catalog.alternative(stretch.id, [condition])) is not None:
                assert not catalog[alt].skipped_for([condition]) and not unsafe(
                    catalog[alt], condition
                )


@pytest.mark.parametrize("condition", CONDITIONS)
def test_the_planner_schedules_nothing_a_condition_forbids(catalog, condition):
    for focus in (["lower back"], ["glutes", "abductors"], ()):
        plan = handbook.plan_week(catalog, minutes=15, focus=focus, conditions=[condition])
        planned = set(plan.table()["stretch"])
        assert planned, focus
        assert not [sid for sid in planned if unsafe(catalog[sid], condition)], focus
        assert planned.isdisjoint(catalog.ruled_out([condition]))


def test_after_a_hip_replacement_the_issue_cases_are_out(catalog):
    out = set(catalog.ruled_out(["hip-replacement"]))
    assert {"side-lying-outer-hip", "knee-rolls", "kneeling-hip-flexor", "cat-cow"} <= out
    assert catalog.alternative("childs-pose", ["hip-replacement"]) == "pelvic-tilt"
    plan = handbook.plan_week(
        catalog, minutes=20, focus=["abductors"], conditions=["hip-replacement"]
    )
    assert {"side-lying-outer-hip", "knee-rolls"}.isdisjoint(plan.table()["stretch"])


def test_head_down_stretches_carry_advice_for_the_eyes_and_blood_pressure(catalog):
    head_down = [s for s in catalog if "head-below-heart" in (s.positions or ())]
    assert {"downward-dog", "childs-pose", "thread-the-needle", "crossover-hamstring"} <= {
        s.id for s in head_down
    }
    for stretch in head_down:
        assert stretch.advice_for("high-blood-pressure-or-glaucoma") is not None


def test_no_shoulder_alternative_takes_the_arm_out_and_back(catalog):
    for stretch in catalog:
        entry = stretch.advice_for("shoulder-problems")
        if entry is not None and entry.instead is not None:
            assert "arm-out-and-back" not in (catalog[entry.instead].positions or ())


# A person's own stretch files --------------------------------------------------------------


def problems(folder, **fields) -> list[str]:
    write_stretch(folder, "test-calf", **fields)
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    return [str(p) for p in info.value.problems]


def test_a_modify_that_keeps_a_forbidden_position_is_refused_with_the_fix(tmp_path):
    found = problems(
        tmp_path,
        positions=["hip-past-90"],
        conditions={"hip-replacement": {"advice": "modify", "how": "Go gently."}},
    )
    assert any(
        "conditions.hip-replacement.advice: is 'modify', but the stretch still takes "
        "'hip-past-90' (hip bent past a right angle)"
        in p
        and 'removes = ["hip-past-90"]' in p
        for p in found
    ), found


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"positions": ["hip-bent"]}, "positions: 'hip-bent' is not a position a stretch takes"),
        ({"positions": "kneeling"}, "positions: must be a list of positions"),
        ({"positions": ["kneeling", "kneeling"]}, "positions: lists 'kneeling' twice"),
        (
            {
                "positions": [],
                "conditions": {
                    "pregnancy": {"advice": "modify", "how": "Short.", "removes": ["kneeling"]}
                },
            },
            "conditions.pregnancy.removes: 'kneeling' is not one of the stretch's positions",
        ),
        (
            {"conditions": {"pregnancy": {"advice": "modify", "how": "x", "removes": ["knee"]}}},
            "conditions.pregnancy.removes: 'knee' is not a position a stretch takes",
        ),
    ],
)
def test_bad_positions_are_named_with_the_fix(tmp_path, fields, expected):
    found = problems(tmp_path, **fields)
    assert any("test-calf.toml" in p and expected in p for p in found), found


def test_a_users_stretch_with_positions_follows_the_rules(tmp_path):
    write_stretch(tmp_path, "my-fold", positions=["head-below-heart", "kneeling"])
    write_stretch(
        tmp_path,
        "my-hinge",
        positions=["hip-past-90"],
        conditions={
            "hip-replacement": {
                "advice": "modify",
                "how": "Hinge only a little.",
                "removes": ["hip-past-90"],
            }
        },
    )
    cat = load_catalog(tmp_path)
    fold = cat["my-fold"]
    assert cat.ruled_out(["high-blood-pressure-or-glaucoma"]) == ["my-fold"]
    derived = fold.advice_for("high-blood-pressure-or-glaucoma")
    assert derived.skip and derived.from_rules and "head below the heart" in derived.how
    knees = fold.advice_for("knee-problems")  # limited: the vocabulary's words
    assert not knees.skip and knees.how == VOCAB.rule("knee-problems").limit
    assert "my-hinge" in cat.find(safe_for=["hip-replacement"]).index
    assert cat.without_positions == ()


def test_a_users_stretch_without_positions_keeps_its_own_advice_and_is_noted(tmp_path):
    write_stretch(tmp_path, "my-calf")
    write_stretch(tmp_path, "my-fold", conditions={"pregnancy": {"advice": "skip"}})
    cat = load_catalog(tmp_path, builtin=True)
    assert cat["my-calf"].positions is None and cat["my-calf"].conditions == ()
    assert cat.ruled_out(["pregnancy"]).count("my-fold") == 1
    assert "my-calf" in cat.find(safe_for=list(CONDITIONS)).index
    assert set(cat.without_positions) == {"my-calf", "my-fold"}
    assert "2 of them do not list the positions they take" in cat._repr_markdown_()
    assert "list the positions" not in CAT._repr_markdown_()


def test_an_alternative_ruled_out_by_the_rules_is_refused(tmp_path):
    write_stretch(tmp_path, "test-other", positions=["lying-face-down"])
    found = problems(
        tmp_path,
        positions=["end-range-hip-or-groin"],
        conditions={"pregnancy": {"advice": "skip", "instead": "test-other"}},
    )
    assert any("'test-other' is itself to be skipped with pregnancy" in p for p in found), found


def test_the_vocabulary_refuses_a_rule_naming_an_unknown_position(tmp_path):
    from handbook.catalog.vocabulary import parse_vocabulary

    text = (builtin_data_dir() / "vocabulary.toml").read_text(encoding="utf-8")
    text = text.replace('forbids = ["head-below-heart"]', 'forbids = ["head-below-hart"]')
    path = tmp_path / "vocabulary.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match="'head-below-hart' is not in \\[positions-taken\\]"):
        parse_vocabulary(path)


def test_the_safety_note_covers_every_condition_in_plain_words():
    note = (builtin_data_dir() / "safety.md").read_text(encoding="utf-8").lower()
    for condition in CONDITIONS:
        first = VOCAB.label("conditions", condition).lower().split(" or ")[0]
        assert f"**{first}" in note or f"**a {first}" in note, condition
    for words in ("glaucoma", "inward", "slipped out", "not medical advice", "to the floor"):
        assert words in note, words


TAKEN = VOCAB.keys("positions-taken")


@st.composite
def stated(draw):
    """Positions a stretch takes, and advice for some conditions (removes may be anything)."""
    positions = tuple(draw(st.lists(st.sampled_from(TAKEN), unique=True, max_size=6)))
    advice = []
    for condition in draw(st.lists(st.sampled_from(CONDITIONS), unique=True, max_size=4)):
        kind = draw(st.sampled_from(("skip", "modify")))
        removes = tuple(draw(st.lists(st.sampled_from(TAKEN), unique=True, max_size=3)))
        advice.append(ConditionAdvice(condition, kind, "Go gently.", None, removes))
    return positions, tuple(sorted(advice, key=lambda a: CONDITIONS.index(a.condition)))


@given(stated())
def test_the_rules_leave_no_forbidden_position_unanswered(case):
    """Whatever a file says: either it is refused, or every forbidden position it keeps is
    a skip, every limited one has advice, and advice it gave stands as given."""
    positions, advice = case
    problems: list = []
    result = apply_rules(advice, positions, VOCAB, "x.toml", problems)
    if problems:
        return
    by = {a.condition: a for a in result}
    for condition in CONDITIONS:
        rule = VOCAB.rule(condition)
        entry = by.get(condition)
        removed = entry.removes if entry is not None else ()
        if [p for p in rule.forbidden(positions) if p not in removed]:
            assert entry is not None and entry.skip
        if rule.limited(positions):
            assert entry is not None
    assert [a for a in result if not a.from_rules] == list(advice)
    assert apply_rules(advice, None, VOCAB, "x.toml", []) == advice


def test_recent_injury_is_never_shown_as_vetted(catalog):
    """Physio review item 19: ticking recent injury or surgery removes nothing, so every
    stretch carries advice for it, the vocabulary's "ask the clinician" where the file has none."""
    rule = catalog.vocabulary.rule("recent-injury-or-surgery")
    assert rule.for_every_stretch and "ask the clinician" in rule.limit
    for stretch in catalog:
        entry = stretch.advice_for("recent-injury-or-surgery")
        assert entry is not None, stretch.id
        if entry.from_rules:
            assert entry.how == rule.limit and not entry.skip
    assert not catalog.ruled_out(["recent-injury-or-surgery"])
    assert catalog["upper-back-reach"].advice_for("recent-injury-or-surgery").from_rules
