"""Tests for handbook.timer: the timeline, the clock-driven timer, M:SS and the breath pacer."""

import itertools
import math
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given

from handbook.timing.timeline import (
    TimedItem,
    build_phases,
    hold_seconds,
    mss,
    phases_frame,
)
from tests.timing.helpers import gaps, item, items_st, movement, no_deadline, rows

# -- worked examples -------------------------------------------------------------------------


def test_each_side_two_reps_exact_sequence():
    phases = build_phases([item(hold_s=30, sides="each", reps=2)])
    assert rows(phases) == [
        ("ready", 0, 5, "left", 1, "Get ready"),  # the side that comes next, as for a switch
        ("hold", 5, 35, "left", 1, "Hold: left side"),
        ("switch", 35, 40, "right", 1, "Switch sides"),
        ("hold", 40, 70, "right", 1, "Hold: right side"),
        ("rest", 70, 80, "left", 2, "Rest"),
        ("hold", 80, 110, "left", 2, "Hold: left side"),
        ("switch", 110, 115, "right", 2, "Switch sides"),
        ("hold", 115, 145, "right", 2, "Hold: right side"),
    ]
    assert [p.index for p in phases] == list(range(8))
    assert {p.stretch for p in phases} == {"hip"}
    assert all(p.next_name is None for p in phases)
    assert phases[1].duration == 30


def test_symmetrical_two_reps_exact_sequence():
    phases = build_phases([item("cat-cow", hold_s=20, sides="both", reps=2)])
    assert rows(phases) == [
        ("ready", 0, 5, None, 1, "Get ready"),
        ("hold", 5, 25, None, 1, "Hold"),
        ("rest", 25, 35, None, 2, "Rest"),
        ("hold", 35, 55, None, 2, "Hold"),
    ]
    assert {p.name for p in phases} == {"Cat-Cow"}


def test_routine_rest_between_items_names_the_next_stretch():
    first = item("hip", hold_s=30, sides="each", name="Kneeling hip flexor")
    second = item("child", hold_s=40, sides="both", name="Child's pose")
    phases = build_phases([first, second], rest_between_items=15)
    assert [(p.kind, p.stretch, p.next_name) for p in phases] == [
        ("ready", "hip", None),
        ("hold", "hip", None),
        ("switch", "hip", None),
        ("hold", "hip", "Child's pose"),
        ("rest", "hip", "Child's pose"),
        ("hold", "child", None),
    ]
    between = phases[4]
    assert (between.start, between.end, between.label) == (70, 85, "Rest")
    assert phases[-1].end == 5 + 30 + 5 + 30 + 15 + 40


def test_rest_between_items_defaults_to_rest():
    phases = build_phases([item("a", sides="both"), item("b", sides="both")], rest=7)
    assert phases[2].kind == "rest"
    assert phases[2].duration == 7


def test_zero_length_phases_are_omitted():
    phases = build_phases([item(hold_s=30, sides="each", reps=2)], switch=0, get_ready=0)
    assert [p.kind for p in phases] == ["hold", "hold", "rest", "hold", "hold"]
    assert [p.side for p in phases if p.kind == "hold"] == ["left", "right", "left", "right"]
    assert phases[0].start == 0
    assert all(p.duration > 0 for p in phases)
    no_rests = build_phases([item("a", reps=2), item("b")], rest=0)
    assert "rest" not in {p.kind for p in no_rests}


def test_from_stretch_reads_the_stretch_and_explicit_values_win():
    asked = []

    def hold_seconds(bpm):
        asked.append(bpm)
        return 5 * 60 / bpm

    stretch = SimpleNamespace(
        id="hip", name="Kneeling hip flexor", sides="each", reps=2, hold_seconds=hold_seconds
    )
    assert TimedItem.from_stretch(stretch, breaths_per_minute=10) == TimedItem(
        "hip", "Kneeling hip flexor", 30.0, "each", 2
    )
    assert asked == [10]
    overridden = TimedItem.from_stretch(stretch, hold_s=45, reps=1)
    assert (overridden.hold_s, overridden.reps) == (45.0, 1)
    assert asked == [10]  # an explicit hold does not ask the stretch


def test_a_stretch_that_starts_right_gets_ready_for_the_right_and_says_its_names():
    phases = build_phases(
        [
            item(
                hold_s=30,
                sides="each",
                reps=2,
                first_side="right",
                side_names=("left knee down", "right knee down"),
            )
        ]
    )
    assert [(p.kind, p.side, p.label) for p in phases] == [
        ("ready", "right", "Get ready"),
        ("hold", "right", "Hold: right knee down"),
        ("switch", "left", "Switch sides"),
        ("hold", "left", "Hold: left knee down"),
        ("rest", "right", "Rest"),
        ("hold", "right", "Hold: right knee down"),
        ("switch", "left", "Switch sides"),
        ("hold", "left", "Hold: left knee down"),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("first_side", "middle"), ("side_names", ("only one",)), ("side_names", ("left", ""))],
)
def test_bad_sides_of_an_item_are_named(field, value):
    with pytest.raises(ValueError, match=field):
        item(hold_s=30, sides="each", **{field: value})


def test_phases_frame_columns_and_values():
    phases = build_phases([item(hold_s=30, sides="each", reps=1)])
    frame = phases_frame(phases)
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
    assert frame["end"].tolist() == [5.0, 35.0, 40.0, 70.0]
    assert frame["kind"].tolist() == ["ready", "hold", "switch", "hold"]
    assert frame["side"].tolist() == ["left", "left", "right", "right"]
    both = phases_frame(build_phases([item(hold_s=30, sides="both", reps=1)]))
    assert both["side"].isna().all()
    assert frame["rep"].dtype == "int64"
    assert len(phases_frame(())) == 0


def test_importing_the_timer_does_not_import_pandas_or_widgets():
    path = Path(__file__).resolve().parents[2] / "handbook"
    code = (
        "import sys, types\n"
        "before = set(sys.modules)\n"
        "package = types.ModuleType('handbook')  # the timing wing alone, not handbook/__init__\n"
        f"package.__path__ = [{str(path)!r}]\n"
        "sys.modules['handbook'] = package\n"
        "import handbook.timing.events, handbook.timing.payload, handbook.timing.timeline\n"
        "new = {name.partition('.')[0] for name in set(sys.modules) - before}\n"
        "print(sorted({'pandas', 'numpy', 'ipywidgets', 'asyncio', 'threading'} & new))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the timer, by example -------------------------------------------------------------------


# -- M:SS and the breath pacer ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (29.2, "0:30"),
        (30.0, "0:30"),
        (30.0000000001, "0:30"),
        (0.01, "0:01"),
        (0, "0:00"),
        (-3, "0:00"),
        (59.5, "1:00"),
        (61, "1:01"),
        (600, "10:00"),
        (3599.1, "60:00"),
    ],
)
def test_mss_rounds_up_to_the_whole_second(seconds, shown):
    assert mss(seconds) == shown


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("hold_s", [0, -1, math.nan, math.inf, "30", True])
def test_hold_must_be_positive_seconds(hold_s):
    with pytest.raises(ValueError, match="hold_s of 'hip'"):
        TimedItem("hip", "Hip", hold_s, "each", 1)


@pytest.mark.parametrize("reps", [0, -2, 1.5, True])
def test_reps_must_be_a_whole_number_from_one(reps):
    with pytest.raises(ValueError, match="reps of 'hip'"):
        TimedItem("hip", "Hip", 30, "each", reps)


@pytest.mark.parametrize("sides", ["left", "", None, "Each"])
def test_sides_must_be_each_or_both(sides):
    with pytest.raises(ValueError, match="'each' or 'both'"):
        TimedItem("hip", "Hip", 30, sides, 1)


@pytest.mark.parametrize(("stretch", "name"), [("", "Hip"), ("hip", ""), (None, "Hip")])
def test_id_and_name_are_required(stretch, name):
    with pytest.raises(ValueError, match="non-empty"):
        TimedItem(stretch, name, 30, "each", 1)


@pytest.mark.parametrize("option", ["get_ready", "switch", "rest", "rest_between_items"])
def test_build_phases_rejects_negative_durations(option):
    with pytest.raises(ValueError, match=option):
        build_phases([item()], **{option: -1})


def test_build_phases_needs_timed_items():
    with pytest.raises(ValueError, match="at least one"):
        build_phases([])
    with pytest.raises(TypeError, match="from_stretch"):
        build_phases([SimpleNamespace(id="hip")])


def test_mss_rejects_non_finite():
    with pytest.raises(ValueError, match="M:SS"):
        mss(math.nan)


# -- properties ------------------------------------------------------------------------------


@no_deadline
@given(items_st, gaps, gaps, gaps, gaps)
def test_phases_tile_the_timeline(items, ready, switch, rest, between):
    phases = build_phases(
        items, get_ready=ready, switch=switch, rest=rest, rest_between_items=between
    )
    assert phases[0].start == 0
    assert all(p.duration > 0 for p in phases)
    assert all(a.end == b.start for a, b in itertools.pairwise(phases))
    assert [p.index for p in phases] == list(range(len(phases)))
    assert phases[-1].kind in ("hold", "move")
    assert (phases[0].kind == "ready") == (ready > 0)
    held = [i for i in items if not i.is_movement]
    moving = [i for i in items if i.is_movement]
    expected = (
        ready
        + sum(i.hold_s * i.reps * (2 if i.sides == "each" else 1) for i in held)
        + switch * sum(i.reps for i in held if i.sides == "each")
        + rest * sum(i.reps - 1 for i in held)
        + sum(i.hold_s * (2 if i.sides == "each" else 1) for i in moving)  # no rests inside
        + switch * sum(1 for i in moving if i.sides == "each")
        + sum(
            min(between, switch) if a.is_movement and b.is_movement else between
            for a, b in itertools.pairwise(items)
        )
    )
    assert phases[-1].end == pytest.approx(expected)
    for n, it in enumerate(items):  # each item takes what TimedItem.seconds says
        own = sum(
            p.duration
            for p in phases
            if p.item == n and p.kind != "ready" and not (p.kind == "rest" and p.next_name)
        )
        assert own == pytest.approx(it.seconds(rest, switch))
    holds = [p for p in phases if p.kind == "hold"]
    assert len(holds) == sum(i.reps * (2 if i.sides == "each" else 1) for i in held)
    moves = [p for p in phases if p.kind == "move"]
    assert len(moves) == sum(i.reps * len(i.pace) * (2 if i.sides == "each" else 1) for i in moving)
    for a, b, c in zip(phases, phases[1:], phases[2:], strict=False):  # no rest inside a flow
        assert not (a.kind == "move" and b.kind == "rest" and c.kind == "move" and a.item == c.item)


def test_phases_know_their_item_even_when_a_stretch_repeats():
    phases = build_phases([item("hip"), item("neck", sides="both"), item("hip")])
    assert [p.item for p in phases if p.kind == "hold"] == [0, 0, 1, 2, 2]
    assert phases[0].item == 0  # get ready belongs to the first item


# -- movements ---------------------------------------------------------------------------------


def test_a_flow_counts_each_part_of_each_rep_with_no_rest():
    phases = build_phases([movement("cat-cow", reps=2, name="Cat-cow")])
    assert rows(phases) == [
        ("ready", 0, 5, None, 1, "Get ready"),
        ("move", 5, 9, None, 1, "Arch · 1 of 2"),
        ("move", 9, 13, None, 1, "Round · 1 of 2"),
        ("move", 13, 17, None, 1, "Arch · 2 of 2"),
        ("move", 17, 21, None, 1, "Round · 2 of 2"),
    ]
    moves = phases[1:]
    assert [(p.count, p.of, p.part) for p in moves] == [
        (1, 2, "arch"),
        (1, 2, "round"),
        (2, 2, "arch"),
        (2, 2, "round"),
    ]
    assert phases[0].count is None and phases[0].of is None
    assert (
        TimedItem(
            "cat-cow", "Cat-cow", sides="both", reps=2, pace=(("arch", 4), ("round", 4))
        ).seconds()
        == 16
    )


def test_a_movement_on_each_side_switches_once_and_names_the_side():
    swing = movement("swing", pace=(("forward", 2), ("back", 2)), sides="each", reps=2)
    labels = [(p.kind, p.side, p.label) for p in build_phases([swing], get_ready=0)]
    assert labels == [
        ("move", "left", "Forward · 1 of 2 · left side"),
        ("move", "left", "Back · 1 of 2 · left side"),
        ("move", "left", "Forward · 2 of 2 · left side"),
        ("move", "left", "Back · 2 of 2 · left side"),
        ("switch", "right", "Switch sides"),
        ("move", "right", "Forward · 1 of 2 · right side"),
        ("move", "right", "Back · 1 of 2 · right side"),
        ("move", "right", "Forward · 2 of 2 · right side"),
        ("move", "right", "Back · 2 of 2 · right side"),
    ]
    assert swing.seconds() == 2 * 8 + 5


def test_a_one_part_pace_without_a_word_shows_the_name():
    circles = movement("arms", pace=(("", 3),), reps=2, name="Arm circles")
    phases = build_phases([circles], get_ready=0)
    assert [p.label for p in phases] == ["Arm circles · 1 of 2", "Arm circles · 2 of 2"]
    assert all(p.part is None for p in phases)


def test_two_movements_in_a_row_pause_no_longer_than_a_switch():
    first, second = movement("a", name="A"), movement("b", name="B")
    hold = item("c", hold_s=20, sides="both")
    phases = build_phases([first, second, hold], rest_between_items=15, switch=5)
    rests = [(p.duration, p.next_name) for p in phases if p.kind == "rest"]
    assert rests == [(5, "B"), (15, "C")]
    assert phases[-1].next_name is None
    last_move = [p for p in phases if p.kind == "move"][-1]
    assert last_move.next_name == "C"


def test_a_movement_keeps_its_pace_and_a_hold_becomes_reps():
    cat_cow = SimpleNamespace(
        id="cat-cow",
        name="Cat-cow",
        sides="both",
        reps=5,
        pace=(("arch", 5.0), ("round", 5.0)),
        hold_seconds=lambda bpm=6: 50.0,
    )
    timed = TimedItem.from_stretch(cat_cow, breaths_per_minute=12)
    assert (timed.reps, timed.hold_s, timed.pace) == (5, 50.0, (("arch", 5.0), ("round", 5.0)))
    assert TimedItem.from_stretch(cat_cow, hold_s=34).reps == 3  # 34 s is nearest 3 x 10 s
    assert TimedItem.from_stretch(cat_cow, hold_s=1).reps == 1
    assert TimedItem.from_stretch(cat_cow, reps=8).hold_s == 80


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hold_s": 30, "reps": 2, "pace": (("arch", 4),)}, "is its moving time, 2 reps of 4 s"),
        ({"pace": (("arch", 0),)}, "pace of 'm' must be a finite number of seconds greater than 0"),
        ({"pace": ("arch",)}, "must be \\(word, seconds\\) pairs"),
        ({"pace": (("arch", "4"),)}, "pace of 'm' must be a number of seconds"),
    ],
)
def test_a_movement_item_checks_its_pace(fields, message):
    with pytest.raises(ValueError, match=message):
        TimedItem("m", "M", **fields)


def test_moving_time_counts_as_holding_and_the_frame_carries_the_count():
    phases = build_phases([movement("cc", reps=2), item("hip", hold_s=30, sides="both")])
    assert hold_seconds(phases) == {0: 16.0, 1: 30.0}
    frame = phases_frame(phases)
    assert frame.loc[frame["kind"] == "move", "count"].tolist() == [1, 1, 2, 2]
    assert frame.loc[frame["kind"] != "move", "count"].isna().all()


def test_rep_s_sets_a_movements_pace_in_proportion(catalog):
    flow = catalog["cat-cow"]  # arch 5 s, round 5 s
    item = TimedItem.from_stretch(flow, reps=2, rep_s=7)
    assert item.pace == (("arch", 3.5), ("round", 3.5)) and item.hold_s == 14
    with pytest.raises(ValueError, match="rep_s sets the pace of a movement"):
        TimedItem.from_stretch(catalog["neck-turn"], rep_s=7)
    with pytest.raises(ValueError, match="rep_s of 'cat-cow'"):
        TimedItem.from_stretch(flow, rep_s=0)
