"""Doses, from the data: about 60 s a stretch in each built-in routine (or it says it is a
short top-up and what the full dose is), a warm-up of five minutes or more, holds of 30 s
or more for older adults, time to change sides on the floor, the mechanics of the
adductor stretch, and advanced entries kept out of class."""

from __future__ import annotations

import re

import pytest

from handbook.catalog.stretch import NOT_FOR_CLASS
from handbook.paths import builtin_data_dir
from handbook.timing.routinefile import WARM_UP, load_routines
from tests.helpers import builtin_catalog

CAT = builtin_catalog()
ROUTINES, _ = load_routines(builtin_data_dir() / "routines", CAT)
ABOUT_60_S = 50.0  # five deep breaths at 6 a minute: the founding routine's dose
FLOOR = {"seated-floor", "kneeling", "all-fours", "supine", "prone", "side-lying"}


def seconds_a_side(rid: str) -> dict[str, float]:
    """Seconds each held stretch of a routine is held on one side, all its reps together."""
    return {
        item.stretch: item.hold_s * item.reps
        for item in ROUTINES[rid].timed_items()
        if not item.pace
    }


@pytest.mark.parametrize("rid", sorted(set(ROUTINES) - {WARM_UP}))
def test_every_routine_gives_about_60_s_or_says_it_is_a_top_up(rid):
    short = {sid: s for sid, s in seconds_a_side(rid).items() if s < ABOUT_60_S}
    if short:
        words = ROUTINES[rid].description.lower()
        assert "short top-up" in words and "60 s" in words, (rid, short)


def test_the_full_routines_are_full():
    assert min(seconds_a_side("back-pain-basics").values()) >= ABOUT_60_S


def test_the_warm_up_lasts_five_minutes_or_more():
    warm = ROUTINES[WARM_UP]
    assert warm.duration >= 5 * 60
    assert re.search(r"five to ten minutes|5-10 minutes", warm.description.lower())


@pytest.mark.parametrize(
    "stretch",
    [s for s in CAT if "older-adults" in s.tags and not s.is_movement],
    ids=lambda s: s.id,
)
def test_entries_for_older_adults_hold_30_s_or_more(stretch):
    assert stretch.hold_s >= 30  # ACSM 2021: 30-60 s holds for older adults


def _changes_by_rolling_over(stretch) -> bool:
    steps = " ".join(stretch.steps).lower()
    return stretch.position == "side-lying" or bool(
        re.search(r"roll (slowly )?onto|turn around|lie the other way", steps)
    )


@pytest.mark.parametrize(
    "stretch",
    [s for s in CAT if s.position in FLOOR and s.sides == "each" and not s.is_movement],
    ids=lambda s: s.id,
)
def test_floor_stretches_leave_time_to_change_sides(stretch):
    """Rolling over or turning round on the floor happens once, between two long holds;
    a stretch whose legs swap in place keeps its holds of 30 s or more."""
    if _changes_by_rolling_over(stretch):
        assert stretch.reps == 1 and stretch.hold_s >= ABOUT_60_S
    else:
        assert stretch.hold_s >= 20 and stretch.hold_s * stretch.reps >= ABOUT_60_S


def test_the_half_kneeling_adductor_stretches_its_straight_leg(catalog):
    steps = " ".join(catalog["half-kneeling-adductor"].steps).lower()
    assert "straight" in steps and "inside of the straight" in steps
    assert not re.search(r"bending that knee|toward the side foot", steps)


def test_advanced_entries_are_kept_out_of_class(catalog):
    advanced = {s.id for s in catalog if s.level == "advanced"}
    assert advanced and advanced == {s.id for s in catalog if not s.for_class}
    assert all(NOT_FOR_CLASS in catalog[sid].tags for sid in advanced)


NEW = {
    "wall-walk-shoulder": "shoulders",
    "heel-drop-calf": "calves",
    "plantar-fascia-toe-stretch": "calves",
    "door-frame-hamstring": "hamstrings",
    "seated-upper-back-extension": "chest",  # physio review 27: it lengthens the front
    "finger-thumb-stretch": "forearms",
}


@pytest.mark.parametrize("sid", sorted(NEW))
def test_the_new_stretches_are_whole(catalog, sid):
    stretch = catalog[sid]
    assert NEW[sid] in stretch.primary
    assert stretch.pose is not None and stretch.positions is not None and stretch.cautions
    assert len(stretch.source) > 60 and stretch.hold_s * stretch.reps >= ABOUT_60_S


def test_merged_entries_are_gone_and_their_routines_still_load():
    assert "upper-trapezius-stretch" not in CAT
    assert not _ and "neck-side-tilt" in {i.stretch for i in ROUTINES["desk-break"].items}
