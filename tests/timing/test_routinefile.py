"""Routines: built-ins, timelines, editing, and routine files checked with the catalogue's care."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given

from handbook.catalog.stretch import MAX_ITEMS, MAX_REPS
from handbook.timing.routine import Routine, RoutineError, RoutineItem
from handbook.timing.routinefile import load_routine, routines
from tests.helpers import READER_SETTINGS, damaged, hold_to_its_error
from tests.timing.helpers import FOUR, write


def test_builtin_routines(catalog):
    found = routines(catalog)
    assert set(found) == {
        "back-pain-basics",
        "desk-break",
        "after-a-run",
        "morning-mobility",
        "whole-body-ten",
        "warm-up",
    }
    assert [s.id for s in found["back-pain-basics"].stretches] == FOUR
    assert 4 * 60 <= found["desk-break"].duration <= 5 * 60
    assert 9 * 60 <= found["whole-body-ten"].duration <= 11 * 60
    for routine in found.values():
        assert routine.description and routine.name


def test_editing_returns_new_routines(catalog):
    base = Routine.from_ids(catalog, FOUR)
    assert [i.stretch for i in base.move(0, 3).items] == FOUR[1:] + FOUR[:1]
    assert [i.stretch for i in base.remove(1).items] == [FOUR[0], *FOUR[2:]]
    assert base.add("neck-turn", at=0).items[0].stretch == "neck-turn"
    assert base.set_item(2, hold_s=20, reps=2).stretches[2].hold_s == 20
    assert [i.stretch for i in base.items] == FOUR  # the original is unchanged
    with pytest.raises(ValueError, match="must be at least 1"):
        base.set_item(0, reps=0)
    with pytest.raises(KeyError, match="did you mean 'neck-turn'"):
        base.add("neck-tur")


def test_save_and_load_round_trip(catalog, tmp_path):
    routine = Routine.from_ids(catalog, FOUR, name="Mine").set_item(1, hold_s=30, reps=2)
    path = routine.save(tmp_path)
    assert path.name == "mine.toml"
    again = load_routine(path, catalog)
    assert again == routine and again.duration == routine.duration


def test_unknown_stretch_names_the_file_and_the_id(catalog, tmp_path):
    path = write(
        tmp_path,
        {"name": "Mine", "items": [{"stretch": "neck-turn"}, {"stretch": "kneeling-hip-flexer"}]},
    )
    with pytest.raises(RoutineError) as info:
        load_routine(path, catalog)
    (problem,) = info.value.problems
    assert str(problem) == (
        f"{path}: items[2].stretch: 'kneeling-hip-flexer' is not in the "
        "catalogue; did you mean 'kneeling-hip-flexor'?"
    )


def test_every_problem_at_once(catalog, tmp_path):
    path = write(
        tmp_path,
        {
            "nme": "x",
            "rest": -1,
            "items": [
                {"stretch": "neck-turn", "hold": {"seconds": 0}, "reps": 0, "hodl": 3},
                "oops",
            ],
        },
    )
    with pytest.raises(RoutineError) as info:
        load_routine(path, catalog)
    text = str(info.value)
    for expected in (
        "nme: is not a known field; did you mean 'name'?",
        "name: is missing",
        "rest: must be seconds from 0 to 600",
        "items[1].hold.seconds: must be above zero",
        "items[1].reps: must be at least 1",
        "items[1].hodl: is not a known field; did you mean 'hold'?",
        "items[2]: must be a table",
    ):
        assert expected in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b'name = "x\n', "not valid TOML"),
        (b"\xff\xfe", "not UTF-8"),
        (b'name = "x"\nitems = []\n', "items: must list at least one stretch"),
    ],
)
def test_broken_files(catalog, tmp_path, content, expected):
    path = tmp_path / "broken.toml"
    path.write_bytes(content)
    with pytest.raises(RoutineError, match=expected):
        load_routine(path, catalog)
    assert path.read_bytes() == content


def test_missing_file(catalog, tmp_path):
    with pytest.raises(RoutineError, match="does not exist"):
        load_routine(tmp_path / "nope.toml", catalog)


def test_an_empty_name_says_so(catalog, tmp_path):
    path = write(tmp_path, {"name": " ", "items": [{"stretch": "neck-turn"}]})
    with pytest.raises(RoutineError, match="name: must not be empty"):
        load_routine(path, catalog)


def test_the_warm_up_is_three_to_five_minutes_of_movements(catalog):
    from handbook import warm_up

    warm = warm_up(catalog)
    assert 180 <= warm.duration <= 300
    assert all(s.is_movement and "warm-up" in s.tags for s in warm.stretches)
    kinds = {p.kind for p in warm.phases()}
    assert kinds <= {"ready", "move", "switch", "rest"} and "move" in kinds
    rests = [p.duration for p in warm.phases() if p.kind == "rest"]
    assert rests and max(rests) <= 5  # a flow of movements keeps flowing


def test_a_routine_file_can_start_with_the_warm_up(tmp_path, catalog):
    from handbook import warm_up

    path = write(
        tmp_path,
        {"name": "Warm then stretch", "warm_up": True, "items": [{"stretch": "neck-turn"}]},
    )
    routine = load_routine(path, catalog)
    warm = warm_up(catalog)
    assert routine.items == (*warm.items, RoutineItem("neck-turn"))
    assert routine.warm_up_items == len(warm.items)
    assert routine.duration > warm.duration
    assert Routine.from_ids(catalog, ["neck-turn"]).with_warm_up(warm).items == routine.items
    bad = write(tmp_path, {"name": "X", "warm_up": "yes", "items": [{"stretch": "neck-turn"}]})
    with pytest.raises(RoutineError, match="warm_up: must be true or false, got 'yes'"):
        load_routine(bad, catalog)


def test_a_movement_in_a_routine_takes_reps_and_seconds_but_not_breaths(tmp_path, catalog):
    path = write(
        tmp_path,
        {
            "name": "Flow",
            "items": [
                {"stretch": "cat-cow", "reps": 8},
                {"stretch": "knee-rolls", "hold": {"seconds": 41}},
            ],
        },
    )
    cat_cow, knee_rolls = load_routine(path, catalog).stretches
    assert (cat_cow.reps, cat_cow.hold_s) == (8, 80)
    assert knee_rolls.reps == 2 and knee_rolls.pace == catalog["knee-rolls"].pace
    bad = write(
        tmp_path,
        {
            "name": "Flow",
            "items": [
                {"stretch": "cat-cow", "hold": {"breaths": 4}},
                {"stretch": "cat-cow", "reps": 500},
            ],
        },
    )
    with pytest.raises(RoutineError) as info:
        load_routine(bad, catalog)
    text = str(info.value)
    assert "items[1].hold: 'cat-cow' is a movement at its own pace" in text
    assert "items[2].reps: must be from 1 to 100 for a movement, got 500" in text


# Hostile routine files ---------------------------------------------------------------------
ITEM = {"stretch": "neck-turn"}


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"items": [{**ITEM, "reps": 2**63 - 1}]}, f"items[1].reps: must be at most {MAX_REPS}"),
        (
            {"items": [{**ITEM, "hold": {"seconds": 1e-300}}]},
            "items[1].hold.seconds: must be at least 1 second, got 1e-300",
        ),
        ({"rest": 1e300}, "rest: must be seconds from 0 to 600, got 1e+300"),
        ({"rest": float("nan")}, "rest: must be seconds from 0 to 600, got nan"),
        (
            {"items": [ITEM] * (MAX_ITEMS + 1)},
            f"items: lists {MAX_ITEMS + 1} stretches; a routine holds at most {MAX_ITEMS}",
        ),
        (
            {"items": [{**ITEM, "reps": MAX_REPS, "hold": {"seconds": 600}}] * 5},
            "items: the routine lasts about 84.4 hours; the longest is 4 hours",
        ),
        ({"name": "Morning\nrun"}, "name: must be one line; it holds a line break"),
    ],
)
def test_a_routine_past_the_bounds_is_refused(catalog, tmp_path, doc, expected):
    path = write(tmp_path, {"name": "Mine", "items": [ITEM]} | doc)
    with pytest.raises(RoutineError) as info:
        load_routine(path, catalog)
    assert f"{path}: {expected}" in str(info.value)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (os.mkfifo, "is a named pipe (FIFO), not a file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a file"),
        (
            lambda p: p.write_text('name = "x"\nitems = ' + "[" * 1000 + "]" * 1000),
            "nests tables or lists too deeply",
        ),
    ],
)
def test_a_file_that_fights_back_is_a_routine_error(catalog, tmp_path, make, expected):
    path = tmp_path / "odd.toml"
    make(path)
    with pytest.raises(RoutineError, match=re.escape(f"{path}: {expected}")):
        load_routine(path, catalog)


def test_a_bom_is_accepted(catalog, tmp_path):
    path = write(tmp_path, {"name": "Mine", "items": [ITEM]})
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_routine(path, catalog).name == "Mine"


VALID_ROUTINE = tomli_w.dumps(
    {
        "name": "Mine",
        "rest": 10,
        "items": [
            {"stretch": "neck-turn", "hold": {"seconds": 20}, "reps": 2},
            {"stretch": "standing-quad", "hold": {"breaths": 3}},
        ],
    }
).encode()


@READER_SETTINGS
@given(data=damaged(VALID_ROUTINE))
def test_damaged_routine_files_load_or_get_a_routine_error(catalog, data):
    with tempfile.TemporaryDirectory() as folder:
        hold_to_its_error(
            lambda p: load_routine(p, catalog).timeline(),
            Path(folder) / "damaged.toml",
            data,
            RoutineError,
        )
