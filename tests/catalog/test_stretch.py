"""The Stretch model: holds in seconds and breaths, steps that state the hold it has, and one
set of bounds (hold, reps, rest, length) for stretch files, routines and plans."""

from __future__ import annotations

import dataclasses

import pytest

from handbook import CatalogError, load_catalog
from handbook.catalog.stretch import (
    HOLD_PHRASE,
    MAX_ITEMS,
    MAX_REPS,
    MAX_ROUTINE_S,
    check_hold,
    check_length,
    check_reps,
    check_rest,
    restate_hold,
)
from handbook.timing.routine import Routine, RoutineItem
from tests.helpers import write_stretch


@pytest.mark.parametrize(
    ("step", "said"),
    [
        (
            "Stay there for five deep, slow breaths, then ease back.",
            "Stay there for 120 s, then ease back.",
        ),
        ("Hold for about 30 seconds, breathing freely.", "Hold for 120 s, breathing freely."),
        (
            "Go only as far as is comfortable, and stay for one deep breath, about 10 seconds.",
            "Go only as far as is comfortable, and stay for 120 s.",
        ),
        ("Stay there for one deep breath, up to about 10 seconds.", "Stay there for 120 s."),
        (
            "Keep your chest up and hold for 45 seconds, then swap.",
            "Keep your chest up and hold for 120 s, then swap.",
        ),
    ],
)
def test_a_step_that_states_the_hold_states_the_new_one(step, said):
    assert restate_hold((step,), "120 s") == (said,)


def test_steps_without_a_hold_stay_as_they_are():
    steps = ("Breathe out and fold forward from the hips.", "Rest for a few breaths.")
    assert restate_hold(steps, "120 s") == steps


def test_a_new_hold_reaches_the_steps(catalog):
    kneeling = catalog["kneeling-hip-flexor"]
    assert any("five deep" in step for step in kneeling.steps)
    longer = kneeling.with_hold(seconds=120)
    assert not any("breaths" in step for step in longer.steps)
    assert any("for 120 s" in step for step in longer.steps)
    assert longer.hold_text == "120 s"
    assert kneeling.with_hold(breaths=8).hold_text == "8 deep breaths (about 80 s)"


def test_every_builtin_stretch_with_a_timed_step_follows_a_new_hold(catalog):
    for stretch in catalog:
        if stretch.is_movement:  # a movement keeps its pace: seconds become reps
            assert stretch.with_hold(seconds=77).reps == max(1, round(77 / stretch.rep_s))
            continue
        longer = stretch.with_hold(seconds=77)
        for step in longer.steps:
            found = HOLD_PHRASE.search(step)
            assert found is None or found.group().endswith("for 77 s"), (stretch.id, step)


# Bounds ------------------------------------------------------------------------------------
def problems(check, *args) -> list[str]:
    found: list = []
    check(*args, "x.toml", found)
    return [f"{p.field}: {p.message}" for p in found]


@pytest.mark.parametrize(
    ("reps", "expected"),
    [
        (1, []),
        (MAX_REPS, []),
        (MAX_REPS + 1, [f"reps: must be at most {MAX_REPS}, got {MAX_REPS + 1}"]),
        (2**63 - 1, [f"reps: must be at most {MAX_REPS}, got 9.22337e+18"]),
        (10**400, [f"reps: must be at most {MAX_REPS}, got a number of more than 300 digits"]),
        (0, ["reps: must be at least 1, got 0"]),
    ],
)
def test_reps_are_bounded(reps, expected):
    assert problems(check_reps, reps) == expected


@pytest.mark.parametrize(
    ("hold", "expected"),
    [
        ({"seconds": 1}, []),
        ({"seconds": 600}, []),
        ({"breaths": 1}, []),
        ({"seconds": 1e-300}, ["hold.seconds: must be at least 1 second, got 1e-300"]),
        ({"seconds": 0.5}, ["hold.seconds: must be at least 1 second, got 0.5"]),
        (
            {"seconds": 1e300},
            ["hold.seconds: 1e+300 is over 10 minutes; the longest hold is 600 seconds"],
        ),
        (
            {"seconds": 10**400},
            [
                "hold.seconds: a number of more than 300 digits is over 10 "
                "minutes; the longest hold is 600 seconds"
            ],
        ),
        (
            {"breaths": 2**63 - 1},
            ["hold.breaths: 9.22337e+18 is over 10 minutes; the longest hold is 60 breaths"],
        ),
        ({"seconds": float("inf")}, ["hold.seconds: must be a finite number, got inf"]),
    ],
)
def test_holds_are_at_least_a_second_and_at_most_ten_minutes(hold, expected):
    assert problems(check_hold, hold) == expected


@pytest.mark.parametrize(
    ("rest", "ok"),
    [
        (0, True),
        (600, True),
        (600.5, False),
        (-1, False),
        (float("nan"), False),
        (1e300, False),
        ("10", False),
        (True, False),
    ],
)
def test_rests_are_from_0_to_600_seconds(rest, ok):
    assert (problems(check_rest, rest) == []) is ok


def test_a_routine_holds_at_most_100_stretches_and_lasts_at_most_4_hours():
    assert problems(check_length, MAX_ROUTINE_S, MAX_ITEMS) == []
    assert problems(check_length, 10.0, MAX_ITEMS + 1) == [
        f"items: lists {MAX_ITEMS + 1} stretches; a routine holds at most {MAX_ITEMS}"
    ]
    assert problems(check_length, MAX_ROUTINE_S + 1, 3) == [
        "items: the routine lasts about 4.0 hours; the longest is 4 hours: drop stretches, "
        "or shorten holds and reps"
    ]


def test_a_stretch_file_with_endless_reps_is_refused(tmp_path):
    path = write_stretch(tmp_path, "endless", reps=2**63 - 1)
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: reps: must be at most {MAX_REPS}, got 9.22337e+18"
    ]


def test_the_longest_allowed_stretch_is_timed_and_shown(tmp_path):
    write_stretch(tmp_path, "longest", reps=MAX_REPS, hold={"seconds": 600})
    cat = load_catalog(tmp_path)
    routine = Routine.from_ids(cat, ["longest"])
    assert routine.duration == 5 + MAX_REPS * (2 * 600 + 5) + (MAX_REPS - 1) * 10
    assert len(routine.timeline()) == 1 + 3 * MAX_REPS + (MAX_REPS - 1)  # ready, holds, rests


def test_routine_items_and_copies_keep_the_rules(catalog):
    with pytest.raises(ValueError, match=r"hold\.seconds: must be at least 1 second"):
        RoutineItem("neck-turn", hold_s=1e-300)
    with pytest.raises(ValueError, match="reps: must be at most 100"):  # a movement's most
        Routine.from_ids(catalog, ["neck-turn"]).add("cat-cow", reps=10**6)
    with pytest.raises(ValueError, match=f"must be at most {MAX_REPS}, got 51"):
        Routine.from_ids(catalog, ["neck-turn"]).set_item(0, reps=MAX_REPS + 1)
    assert Routine.from_ids(catalog, ["cat-cow"]).set_item(0, reps=100).items[0].reps == 100
    with pytest.raises(ValueError, match="must be at least 1 second"):
        catalog["neck-turn"].with_hold(seconds=0.001)
    assert dataclasses.replace(catalog["neck-turn"]).with_hold(seconds=1).hold_s == 1


def test_a_stretch_made_by_hand_without_a_hold_says_so(catalog):
    held = next(s for s in catalog if not s.is_movement)
    bare = dataclasses.replace(held, hold_breaths=None, hold_fixed_s=None)
    with pytest.raises(ValueError, match=f"{held.name} has no hold: give it hold_breaths"):
        bare.hold_seconds()
