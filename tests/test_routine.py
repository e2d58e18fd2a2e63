"""Routines: built-ins, timelines, editing, and routine files checked with the catalogue's care."""

from __future__ import annotations

import pytest
import tomli_w

import handbook
from handbook.timing.routine import Routine, RoutineError, RoutineItem
from handbook.timing.routinefile import load_routine, routines

CAT = handbook.load_catalog()
FOUR = ["kneeling-hip-flexor", "crossover-hamstring", "standing-quad", "hip-and-lower-back-twist"]


def test_builtin_routines():
    found = routines(CAT)
    assert set(found) == {"back-pain-basics", "desk-break", "after-a-run", "morning-mobility",
                          "whole-body-ten"}
    assert [s.id for s in found["back-pain-basics"].stretches] == FOUR
    assert 4 * 60 <= found["desk-break"].duration <= 5 * 60
    assert 9 * 60 <= found["whole-body-ten"].duration <= 11 * 60
    for routine in found.values():
        assert routine.description and routine.name


def test_from_ids_and_duration():
    routine = Routine.from_ids(CAT, FOUR[:2], name="Two of them", rest_s=10)
    assert routine.id == "two-of-them" and len(routine) == 2
    # get ready 5, then each: 50 + 5 + 50, with 10 s of rest between the two
    assert routine.duration == 5 + 105 + 10 + 105


def test_timeline_frame():
    frame = Routine.from_ids(CAT, FOUR[:2]).timeline()
    assert list(frame.columns) == ["start", "end", "kind", "stretch", "side", "rep", "label"]
    assert frame["start"].iloc[0] == 0 and (frame["start"].iloc[1:].values ==
                                            frame["end"].iloc[:-1].values).all()
    assert list(frame["kind"]) == ["ready", "hold", "switch", "hold", "rest", "hold", "switch",
                                   "hold"]


def test_items_override_hold_and_reps():
    routine = Routine("x", "X", (RoutineItem("neck-turn", hold_s=25, reps=3),
                                 RoutineItem("standing-quad", hold_breaths=3)), CAT)
    neck, quad = routine.stretches
    assert (neck.hold_s, neck.reps) == (25, 3)
    assert quad.hold_seconds(10) == 18 and quad.reps == CAT["standing-quad"].reps


def test_editing_returns_new_routines():
    base = Routine.from_ids(CAT, FOUR)
    assert [i.stretch for i in base.move(0, 3).items] == FOUR[1:] + FOUR[:1]
    assert [i.stretch for i in base.remove(1).items] == [FOUR[0], *FOUR[2:]]
    assert base.add("neck-turn", at=0).items[0].stretch == "neck-turn"
    assert base.set_item(2, hold_s=20, reps=2).stretches[2].hold_s == 20
    assert [i.stretch for i in base.items] == FOUR  # the original is unchanged
    with pytest.raises(ValueError, match="must be at least 1"):
        base.set_item(0, reps=0)
    with pytest.raises(KeyError, match="did you mean 'neck-turn'"):
        base.add("neck-tur")


def test_save_and_load_round_trip(tmp_path):
    routine = Routine.from_ids(CAT, FOUR, name="Mine").set_item(1, hold_s=30, reps=2)
    path = routine.save(tmp_path)
    assert path.name == "mine.toml"
    again = load_routine(path, CAT)
    assert again == routine and again.duration == routine.duration


def write(tmp_path, doc, name="mine.toml"):
    path = tmp_path / name
    path.write_text(tomli_w.dumps(doc))
    return path


def test_unknown_stretch_names_the_file_and_the_id(tmp_path):
    path = write(tmp_path, {"name": "Mine", "items": [{"stretch": "neck-turn"},
                                                      {"stretch": "kneeling-hip-flexer"}]})
    with pytest.raises(RoutineError) as info:
        load_routine(path, CAT)
    (problem,) = info.value.problems
    assert str(problem) == (f"{path}: items[2].stretch: 'kneeling-hip-flexer' is not in the "
                            "catalogue; did you mean 'kneeling-hip-flexor'?")


def test_every_problem_at_once(tmp_path):
    path = write(tmp_path, {"nme": "x", "rest": -1, "items": [
        {"stretch": "neck-turn", "hold": {"seconds": 0}, "reps": 0, "hodl": 3}, "oops"]})
    with pytest.raises(RoutineError) as info:
        load_routine(path, CAT)
    text = str(info.value)
    for expected in ("nme: is not a known field; did you mean 'name'?",
                     "name: is missing", "rest: must be seconds from 0 to 600",
                     "items[1].hold.seconds: must be above zero",
                     "items[1].reps: must be at least 1",
                     "items[1].hodl: is not a known field; did you mean 'hold'?",
                     "items[2]: must be a table"):
        assert expected in text


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "the file is empty"),
    (b'name = "x\n', "not valid TOML"),
    (b"\xff\xfe", "not UTF-8"),
    (b'name = "x"\nitems = []\n', "items: must list at least one stretch"),
])
def test_broken_files(tmp_path, content, expected):
    path = tmp_path / "broken.toml"
    path.write_bytes(content)
    with pytest.raises(RoutineError, match=expected):
        load_routine(path, CAT)
    assert path.read_bytes() == content


def test_missing_file(tmp_path):
    with pytest.raises(RoutineError, match="does not exist"):
        load_routine(tmp_path / "nope.toml", CAT)


def test_set_item_keeps_what_is_not_given():
    base = Routine("x", "X", (RoutineItem("standing-quad", hold_breaths=3, reps=2),), CAT)
    more = base.set_item(0, reps=4)
    assert more.items[0] == RoutineItem("standing-quad", hold_breaths=3, reps=4)
    own = more.set_item(0, hold_s=None)
    assert own.items[0] == RoutineItem("standing-quad", reps=4)
    assert own.set_item(0, reps=None).items[0] == RoutineItem("standing-quad")


def test_save_into_a_folder_that_does_not_exist_yet(tmp_path):
    routine = Routine.from_ids(CAT, FOUR, name="Evening legs")
    path = routine.save(f"{tmp_path}/my-routines/")
    assert path == tmp_path / "my-routines" / "evening-legs.toml" and path.is_file()


def test_an_empty_name_says_so(tmp_path):
    path = write(tmp_path, {"name": " ", "items": [{"stretch": "neck-turn"}]})
    with pytest.raises(RoutineError, match="name: must not be empty"):
        load_routine(path, CAT)


def test_a_name_without_latin_letters_still_gets_an_id(tmp_path):
    routine = Routine.from_ids(CAT, ["neck-turn"], name="Растяжка")
    assert routine.id == "my-routine"
    assert routine.save(f"{tmp_path}/").name == "my-routine.toml"
