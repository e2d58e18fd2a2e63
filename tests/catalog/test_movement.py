"""Movements in the stretch format: kind, reps and pace, checked with clear errors."""

from __future__ import annotations

import pytest

from handbook import load_catalog
from handbook.catalog.movement import pace_text, parse_pace
from tests.catalog.test_schema import only_problem, problems_of
from tests.helpers import write_stretch

MOVE = {"kind": "movement", "hold": None, "reps": 10, "pace": "arch 4 s, round 4 s"}


def test_a_movement_loads_with_its_pace_and_moving_time(tmp_path):
    write_stretch(tmp_path, "flow", **MOVE)
    flow = load_catalog(tmp_path)["flow"]
    assert flow.is_movement and flow.kind == "movement"
    assert flow.pace == (("arch", 4.0), ("round", 4.0)) and flow.rep_s == 8
    assert flow.hold_s == 80 and flow.hold_seconds(12) == 80  # the breath does not change it
    assert flow.hold_text == "10 reps of arch 4 s, round 4 s (80 s)"
    assert flow.with_hold(seconds=41).reps == 5
    with pytest.raises(ValueError, match="is a movement done at its own pace"):
        flow.with_hold(breaths=4)
    frame = load_catalog(tmp_path).stretches
    assert (
        frame.loc["flow", "kind"] == "movement"
        and frame.loc["flow", "pace"] == "arch 4 s, round 4 s"
    )


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("3 s", (("", 3.0),)),
        ("circle 3s", (("circle", 3.0),)),
        ("lean back 3 s, come up 2.5 s", (("lean back", 3.0), ("come up", 2.5))),
        (" up 1 s ,down 1 s, up 1 s, down 1 s ", (("up", 1.0), ("down", 1.0)) * 2),
    ],
)
def test_paces_people_write(text, parts):
    problems = []
    assert parse_pace(text, "f", problems) == parts and problems == []
    assert parse_pace(pace_text(parts), "f", []) == parts


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"pace": None},
            'pace: is missing; a movement needs a pace, e.g. pace = "arch 4 s, '
            'round 4 s" or pace = "3 s"',
        ),
        ({"reps": None}, "reps: is missing; a movement needs its count, e.g. reps = 10"),
        ({"reps": 0}, "reps: must be from 1 to 100 for a movement, got 0"),
        ({"reps": 2.5}, "reps: must be a whole number, got 2.5"),
        (
            {"hold": {"seconds": 30}},
            "hold: a movement is done in reps at a pace, not held; "
            "remove hold and give reps and pace",
        ),
        ({"pace": 4}, "pace: must be text such as"),
        ({"pace": "arch four s"}, "pace: part 1 ('arch four s') is not '<word> <seconds> s'"),
        ({"pace": "arch 4 s, 4 s"}, "pace: part 2 ('4 s') needs a word"),
        ({"pace": "arch 0.5 s"}, "pace: part 1 ('arch 0.5 s') must last 1 to 30 seconds"),
        ({"pace": "a 1 s, b 1 s, c 1 s, d 1 s, e 1 s"}, "pace: has 5 parts; give 1 to 4"),
        ({"pace": "a very long word for a part of it 2 s"}, "is longer than 24 characters"),
        (
            {"reps": 100, "pace": "arch 4 s, round 4 s"},
            "reps: 100 reps of 8 s make 800 s, over 10 minutes on one side; give fewer reps",
        ),
        ({"kind": "movment"}, "kind: 'movment' is not a kind of entry; did you mean 'movement'?"),
    ],
)
def test_bad_movement_fields(tmp_path, fields, expected):
    write_stretch(tmp_path, "flow", **(MOVE | fields))
    found = problems_of(tmp_path)
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize("field", ["pace", "pose_end"])
def test_a_hold_with_movement_fields_says_how_to_fix_it(tmp_path, field):
    value = "3 s" if field == "pace" else {"head": [0, 1]}
    write_stretch(tmp_path, "still", **{field: value})
    assert only_problem(tmp_path).endswith(
        f"{field}: belongs to a movement; add kind = "
        f'"movement" (with reps and a pace), or remove '
        f"{field}"
    )


def test_pose_end_is_checked_like_a_pose(tmp_path, catalog):
    cat_cow = catalog["cat-cow"]
    pose, end = dict(cat_cow.pose), dict(cat_cow.pose_end)
    write_stretch(tmp_path, "flow", **MOVE, pose=pose, pose_end=end)
    assert load_catalog(tmp_path)["flow"].pose_end == end
    stretched = dict(end, near_knee=[0.5, 0.5])
    write_stretch(tmp_path, "flow", **MOVE, pose=pose, pose_end=stretched)
    assert any("pose_end: near thigh (hip to near_knee) is" in p for p in problems_of(tmp_path))
    write_stretch(tmp_path, "flow", **MOVE, pose=pose, pose_end=dict(end, view="front"))
    assert "pose_end: view 'front' differs from the [pose]'s 'side'" in only_problem(tmp_path)
    write_stretch(tmp_path, "flow", **MOVE, pose_end=end)
    assert "pose_end: needs a [pose] too" in only_problem(tmp_path)


def test_find_by_kind(catalog):
    movements = catalog.find(kind="movement")
    assert {"cat-cow", "knee-rolls"} <= set(movements.index)
    assert len(movements) + len(catalog.find(kind="Hold")) == len(catalog)
    with pytest.raises(ValueError, match="'move' is not a kind"):
        catalog.find(kind="move")
