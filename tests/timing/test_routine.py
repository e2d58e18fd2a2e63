"""Routines: built-ins, timelines, editing, and routine files checked with the catalogue's care."""

from __future__ import annotations

import dataclasses

import pytest

from handbook.timing.routine import Routine, RoutineItem
from tests.timing.helpers import FOUR


def test_from_ids_and_duration(catalog):
    routine = Routine.from_ids(catalog, FOUR[:2], name="Two of them", rest_s=10)
    assert routine.id == "two-of-them" and len(routine) == 2
    # get ready 5, then each: 50 + 5 + 50, with 10 s of rest between the two
    assert routine.duration == 5 + 105 + 10 + 105


def test_timeline_frame(catalog):
    frame = Routine.from_ids(catalog, FOUR[:2]).timeline()
    assert list(frame.columns) == [
        "start",
        "end",
        "kind",
        "stretch",
        "side",
        "rep",
        "label",
        "count",
    ]
    assert (
        frame["start"].iloc[0] == 0
        and (frame["start"].iloc[1:].values == frame["end"].iloc[:-1].values).all()
    )
    assert list(frame["kind"]) == [
        "ready",
        "hold",
        "switch",
        "hold",
        "rest",
        "hold",
        "switch",
        "hold",
    ]


def test_items_override_hold_and_reps(catalog):
    routine = Routine(
        "x",
        "X",
        (RoutineItem("neck-turn", hold_s=25, reps=3), RoutineItem("standing-quad", hold_breaths=3)),
        catalog,
    )
    neck, quad = routine.stretches
    assert (neck.hold_s, neck.reps) == (25, 3)
    assert quad.hold_seconds(10) == 18 and quad.reps == catalog["standing-quad"].reps


def test_set_item_keeps_what_is_not_given(catalog):
    base = Routine("x", "X", (RoutineItem("standing-quad", hold_breaths=3, reps=2),), catalog)
    more = base.set_item(0, reps=4)
    assert more.items[0] == RoutineItem("standing-quad", hold_breaths=3, reps=4)
    own = more.set_item(0, hold_s=None)
    assert own.items[0] == RoutineItem("standing-quad", reps=4)
    assert own.set_item(0, reps=None).items[0] == RoutineItem("standing-quad")


def test_save_into_a_folder_that_does_not_exist_yet(catalog, tmp_path):
    routine = Routine.from_ids(catalog, FOUR, name="Evening legs")
    path = routine.save(f"{tmp_path}/my-routines/")
    assert path == tmp_path / "my-routines" / "evening-legs.toml" and path.is_file()


def test_a_name_without_latin_letters_still_gets_an_id(catalog, tmp_path):
    routine = Routine.from_ids(catalog, ["neck-turn"], name="Растяжка")
    assert routine.id == "my-routine"
    assert routine.save(f"{tmp_path}/").name == "my-routine.toml"


def test_a_movement_item_takes_its_hold_as_reps(catalog):
    routine = Routine.from_ids(catalog, ["cat-cow", "neck-turn"])
    timed = routine.set_item(0, hold_s=31)
    assert timed.items[0] == RoutineItem("cat-cow", reps=3)  # 3 rounds of 10 s
    assert timed.set_item(0, hold_s=31, reps=7).items[0] == RoutineItem("cat-cow", reps=7)
    with pytest.raises(ValueError, match="must be above zero"):
        routine.set_item(0, hold_s=0)
    assert [p.kind for p in timed.phases()][:8] == ["ready"] + ["move"] * 6 + ["rest"]


# Saves never replace another's work (issue 24) --------------------------------------------


def test_a_save_never_replaces_another_routine(catalog, tmp_path):
    from handbook.timing.routine import RoutineExistsError
    from handbook.timing.routinefile import load_routine

    mine = Routine.from_ids(catalog, FOUR[:3], name="Morning Stretch")
    path = mine.save(f"{tmp_path}/")
    theirs = Routine.from_ids(catalog, FOUR[:1], name="morning stretch!")
    assert theirs.id == mine.id
    with pytest.raises(RoutineExistsError, match="holds another routine, 'Morning Stretch'"):
        theirs.save(f"{tmp_path}/")
    assert len(load_routine(path, catalog)) == 3  # nothing lost
    mine.remove(0).save(path)  # the same routine, edited: saved over its own file
    assert len(load_routine(path, catalog)) == 2
    theirs.save(path, overwrite=True)
    assert load_routine(path, catalog).name == "morning stretch!"


def test_a_save_never_replaces_a_file_that_is_not_a_routine(catalog, tmp_path):
    from handbook.timing.routine import RoutineExistsError

    notes = tmp_path / "notes.toml"
    notes.write_text("my notes\n")
    with pytest.raises(RoutineExistsError, match="holds no routine"):
        Routine.from_ids(catalog, FOUR[:1]).save(notes)
    assert notes.read_text() == "my notes\n"


@pytest.mark.parametrize("bad", ["../outside", "a/b", "Morning Stretch", ".hidden"])
def test_an_id_is_kebab_case_and_stays_in_its_folder(catalog, tmp_path, bad):
    with pytest.raises(ValueError, match="not a kebab-case id"):
        Routine.from_ids(catalog, FOUR[:1], id=bad)


def test_saving_enforces_every_limit_reading_does(catalog, tmp_path):
    from handbook.timing.routine import RoutineError

    long_one = Routine.from_ids(catalog, FOUR * 25, name="All day")  # 100 items, hours long
    long_one = long_one.with_items(
        dataclasses.replace(item, hold_s=600.0, reps=10) for item in long_one.items
    )
    for routine, field in (
        (long_one, "items"),
        (Routine.from_ids(catalog, FOUR[:1], name="Bad\x1bname"), "name"),
        (Routine.from_ids(catalog, FOUR[:1], name="\u200b\u200b"), "name"),
        (Routine.from_ids(catalog, [], name="Empty"), "items"),
    ):
        with pytest.raises(RoutineError) as info:
            routine.save(tmp_path / "x.toml")
        assert [p.field for p in info.value.problems] == [field]
    assert list(tmp_path.iterdir()) == []
