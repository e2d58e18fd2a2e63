"""Tests for handbook.timer: the timeline, the clock-driven timer, M:SS and the breath pacer."""

import itertools
import math
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.timing.clock import MIN_WAIT, Timer, next_update
from handbook.timing.timeline import (
    Phase,
    TimedItem,
    build_phases,
    hold_seconds,
    mss,
    pace_phase,
    phases_frame,
)
from tests.conftest import FakeClock

no_deadline = settings(deadline=None)  # timing is irrelevant here; a loaded machine must not flake




def item(stretch="hip", *, hold_s=30.0, sides="each", reps=1, name=None):
    return TimedItem(stretch, name or stretch.title(), hold_s, sides, reps)


def rows(phases):
    return [(p.kind, p.start, p.end, p.side, p.rep, p.label) for p in phases]


def started(phases, at=0.0):
    clock = FakeClock(at)
    timer = Timer(phases, clock=clock)
    timer.start()
    return timer, clock


# -- worked examples -------------------------------------------------------------------------


def test_each_side_two_reps_exact_sequence():
    phases = build_phases([item(hold_s=30, sides="each", reps=2)])
    assert rows(phases) == [
        ("ready", 0, 5, None, 1, "Get ready"),
        ("hold", 5, 35, "left", 1, "Hold: left side"),
        ("switch", 35, 40, "right", 1, "Switch sides"),
        ("hold", 40, 70, "right", 1, "Hold: right side"),
        ("rest", 70, 80, None, 2, "Rest"),
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


def test_total_duration_arithmetic():
    items = [item("a", hold_s=30, sides="each", reps=2), item("b", hold_s=45, sides="both", reps=3)]
    phases = build_phases(items, get_ready=5, switch=5, rest=10, rest_between_items=20)
    # ready + a: 4 holds, 2 switches, 1 rest + between + b: 3 holds, 2 rests
    assert phases[-1].end == 5 + (4 * 30 + 2 * 5 + 10) + 20 + (3 * 45 + 2 * 10)
    assert Timer(phases).total == phases[-1].end


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


def test_phases_frame_columns_and_values():
    phases = build_phases([item(hold_s=30, sides="each", reps=1)])
    frame = phases_frame(phases)
    assert list(frame.columns) == ["start", "end", "kind", "stretch", "side", "rep", "label"]
    assert frame["end"].tolist() == [5.0, 35.0, 40.0, 70.0]
    assert frame["kind"].tolist() == ["ready", "hold", "switch", "hold"]
    assert frame["side"].isna().tolist() == [True, False, False, False]
    assert frame["rep"].dtype == "int64"
    assert len(phases_frame(())) == 0


def test_importing_the_timer_does_not_import_pandas_or_widgets():
    path = Path(__file__).resolve().parents[1] / "handbook"
    code = (
        "import sys, types\n"
        "before = set(sys.modules)\n"
        "package = types.ModuleType('handbook')  # the timing wing alone, not handbook/__init__\n"
        f"package.__path__ = [{str(path)!r}]\n"
        "sys.modules['handbook'] = package\n"
        "import handbook.timing.clock, handbook.timing.timeline\n"
        "new = {name.partition('.')[0] for name in set(sys.modules) - before}\n"
        "print(sorted({'pandas', 'numpy', 'ipywidgets', 'asyncio', 'threading'} & new))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the timer, by example -------------------------------------------------------------------


def test_timer_walks_the_timeline_from_the_clock():
    phases = build_phases([item(hold_s=30, sides="each")])
    clock = FakeClock(1000.0)
    timer = Timer(phases, clock=clock)
    idle = timer.state()
    assert (idle.status, idle.elapsed, idle.phase_index, idle.label) == ("idle", 0, 0, "Get ready")
    clock.advance(50)  # an idle timer does not move
    assert timer.state().elapsed == 0
    timer.start()
    clock.advance(15.5)
    state = timer.state()
    assert (state.status, state.phase_index, state.label) == ("running", 1, "Hold: left side")
    assert state.elapsed == 15.5
    assert state.remaining_in_phase == 19.5
    assert state.phase_progress == pytest.approx(10.5 / 30)
    assert state.remaining_total == 70 - 15.5
    assert mss(state.remaining_in_phase) == "0:20"


def test_pause_holds_time_and_resume_carries_on():
    timer, clock = started(build_phases([item(hold_s=30)]))
    clock.advance(12)
    timer.pause()
    clock.advance(300)
    assert (timer.state().status, timer.state().elapsed) == ("paused", 12)
    timer.resume()
    clock.advance(3)
    assert (timer.state().status, timer.state().elapsed) == ("running", 15)


def test_toggle_pauses_and_restarts():
    timer, clock = started(build_phases([item()]))
    clock.advance(2)
    timer.toggle()
    clock.advance(10)
    assert (timer.status, timer.state().elapsed) == ("paused", 2)
    timer.toggle()
    clock.advance(1)
    assert (timer.status, timer.state().elapsed) == ("running", 3)


def test_skip_goes_to_the_next_phase_and_finishes_from_the_last():
    timer, clock = started(build_phases([item(hold_s=30, sides="both")]))
    clock.advance(2)
    timer.skip()
    assert (timer.state().phase.kind, timer.state().elapsed) == ("hold", 5)
    clock.advance(1)
    assert timer.state().elapsed == 6
    timer.skip()
    done = timer.state()
    assert (done.status, done.phase, done.label, done.total_progress) == ("done", None, "Done", 1)


def test_skip_while_paused_or_idle_stays_still():
    timer, clock = started(build_phases([item(hold_s=30)]))
    timer.pause()
    timer.skip()
    clock.advance(100)
    assert (timer.status, timer.state().elapsed, timer.state().label) == (
        "paused",
        5,
        "Hold: left side",
    )
    idle = Timer(build_phases([item(hold_s=30)]), clock=clock)
    idle.skip()
    clock.advance(100)
    assert (idle.status, idle.state().elapsed) == ("paused", 5)
    idle.start()
    clock.advance(1)
    assert (idle.status, idle.state().elapsed) == ("running", 6)


def test_start_is_a_no_op_when_running_or_done_and_reset_goes_back_to_idle():
    timer, clock = started(build_phases([item(hold_s=30, sides="both")]))
    clock.advance(4)
    timer.start()
    assert timer.state().elapsed == 4
    clock.advance(31)
    assert timer.status == "done"
    timer.start()
    timer.resume()
    clock.advance(5)
    assert (timer.status, timer.state().elapsed) == ("done", 35)
    timer.reset()
    state = timer.state()
    assert (state.status, state.elapsed, state.phase_index) == ("idle", 0, 0)
    timer.start()
    clock.advance(1)
    assert timer.state().elapsed == 1


def test_pause_after_the_end_reports_done():
    timer, clock = started(build_phases([item(hold_s=30, sides="both")]))
    clock.advance(1000)
    timer.pause()
    assert timer.status == "done"
    assert timer.state().elapsed == timer.total


def test_timer_rejects_a_timeline_with_a_gap():
    good = build_phases([item()])
    gap = Phase(1, "hold", 6.0, 36.0, "hip", "Hip", "left", 1, "Hold: left side")
    with pytest.raises(ValueError, match="tile"):
        Timer((good[0], gap))
    with pytest.raises(ValueError, match="at least one"):
        Timer(())


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


@pytest.mark.parametrize(
    ("elapsed", "bpm", "word", "fraction"),
    [
        (0.0, 6, "Breathe in", 0.0),
        (2.5, 6, "Breathe in", 0.5),
        (5.0, 6, "Breathe out", 0.0),
        (7.5, 6, "Breathe out", 0.5),
        (10.0, 6, "Breathe in", 0.0),
        (32.0, 6, "Breathe in", 0.4),
        (3.75, 12, "Breathe out", 0.5),
    ],
)
def test_pace_phase_splits_each_breath_in_two(elapsed, bpm, word, fraction):
    assert pace_phase(elapsed, bpm) == (word, pytest.approx(fraction))


@no_deadline
@given(st.floats(0, 3600), st.floats(6, 12))
def test_pace_phase_fraction_stays_within_a_half_breath(elapsed, bpm):
    word, fraction = pace_phase(elapsed, bpm)
    assert word in ("Breathe in", "Breathe out")
    assert 0 <= fraction <= 1


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


@pytest.mark.parametrize("bpm", [5.9, 12.1, 0, -6, math.nan])
def test_pace_phase_rejects_breath_rates_outside_6_to_12(bpm):
    with pytest.raises(ValueError, match="between 6 and 12"):
        pace_phase(1.0, bpm)


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

seconds = st.floats(0.25, 120, allow_nan=False, allow_infinity=False)
gaps = st.one_of(st.just(0.0), seconds)
items_st = st.lists(
    st.builds(
        TimedItem,
        stretch=st.sampled_from(["a", "b", "c"]),
        name=st.sampled_from(["A", "B", "C"]),
        hold_s=seconds,
        sides=st.sampled_from(["each", "both"]),
        reps=st.integers(1, 3),
    ),
    min_size=1,
    max_size=4,
)
timelines = st.builds(
    build_phases, items_st, get_ready=gaps, switch=gaps, rest=gaps, rest_between_items=gaps
)


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
    assert phases[-1].kind == "hold"
    assert (phases[0].kind == "ready") == (ready > 0)
    expected = (
        ready
        + sum(i.hold_s * i.reps * (2 if i.sides == "each" else 1) for i in items)
        + switch * sum(i.reps for i in items if i.sides == "each")
        + rest * sum(i.reps - 1 for i in items)
        + between * (len(items) - 1)
    )
    assert phases[-1].end == pytest.approx(expected)
    holds = [p for p in phases if p.kind == "hold"]
    assert len(holds) == sum(i.reps * (2 if i.sides == "each" else 1) for i in items)


@no_deadline
@given(timelines, st.floats(0, 1, exclude_max=True))
def test_the_state_phase_contains_the_time(phases, fraction):
    timer, clock = started(phases)
    total = timer.total
    clock.advance(fraction * total)
    state = timer.state()
    assert state.status == "running"
    assert state.elapsed == fraction * total
    assert state.phase is phases[state.phase_index]
    assert state.phase.start <= state.elapsed < state.phase.end
    assert state.remaining_in_phase == pytest.approx(state.phase.end - state.elapsed)
    assert state.remaining_total + state.elapsed == pytest.approx(total)
    assert 0 <= state.phase_progress < 1
    assert state.total_progress == pytest.approx(fraction)


@no_deadline
@given(timelines, st.floats(0, 1, exclude_max=True), st.floats(0, 1e6), st.floats(0, 1e4))
def test_pausing_neither_gains_nor_loses_time(phases, fraction, wait, start_at):
    timer, clock = started(phases, at=start_at)
    clock.advance(fraction * timer.total)
    before = timer.state()
    timer.pause()
    assert timer.state().elapsed == before.elapsed
    clock.advance(wait)
    assert timer.state().elapsed == before.elapsed
    timer.resume()
    after = timer.state()
    assert after.status == ("running" if before.status == "running" else "done")
    assert (after.elapsed, after.phase_index) == (before.elapsed, before.phase_index)


operations = st.lists(
    st.one_of(
        st.floats(0, 60).map(lambda s: ("advance", s)),
        st.sampled_from([("skip",), ("pause",), ("resume",), ("start",)]),
    ),
    max_size=40,
)


@no_deadline
@given(timelines, operations)
def test_any_sequence_of_presses_keeps_time_consistent(phases, ops):
    clock = FakeClock(500.0)
    timer = Timer(phases, clock=clock)
    last = timer.state()
    for op, *args in ops:
        if op == "advance":
            clock.advance(*args)
        else:
            getattr(timer, op)()
        state = timer.state()
        assert state.elapsed >= last.elapsed
        assert state.phase_index >= last.phase_index
        assert state.remaining_total + state.elapsed == pytest.approx(timer.total)
        assert 0 <= state.total_progress <= 1
        if op == "skip" and last.status != "done":
            assert state.phase_index == last.phase_index + 1
            assert state.elapsed == (state.phase.start if state.phase else timer.total)
            if state.phase is None:
                assert state.status == "done"
            else:
                assert state.status == ("running" if last.status == "running" else "paused")
        if state.status == "done":
            assert (state.phase, state.elapsed, state.label) == (None, timer.total, "Done")
        else:
            assert state.phase.start <= state.elapsed < state.phase.end
        last = state


@no_deadline
@given(timelines, st.floats(0, 100))
def test_the_timer_finishes_exactly_at_the_total(phases, overrun):
    timer, clock = started(phases)
    clock.advance(timer.total)
    state = timer.state()
    assert (state.status, state.phase, state.label) == ("done", None, "Done")
    assert (state.elapsed, state.remaining_total, state.remaining_in_phase) == (timer.total, 0, 0)
    assert (state.total_progress, state.phase_progress) == (1, 1)
    clock.advance(overrun)
    assert timer.state() == state


@no_deadline
@given(timelines)
def test_the_timer_is_still_running_just_before_the_total(phases):
    timer, clock = started(phases)
    clock.advance(math.nextafter(timer.total, 0))
    state = timer.state()
    assert state.status == "running"
    assert state.phase is phases[-1]


@settings(deadline=None, max_examples=60)
@given(
    holds=st.lists(st.floats(min_value=1, max_value=60), min_size=1, max_size=4),
    interval=st.sampled_from([0.1, 0.25]),
)
def test_next_update_hits_every_boundary_and_keeps_the_rate(holds, interval):
    """Waking at next_update lands on each phase change (within MIN_WAIT) and never more
    often than the grid allows."""
    items = [TimedItem(f"s{i}", f"S{i}", h, "each", 1) for i, h in enumerate(holds)]
    phases = build_phases(items)
    clock = FakeClock()  # starts at 1000 s: float steps there are coarse, as on a real clock
    timer = Timer(phases, clock=clock)
    timer.start()
    wakes = []
    while (state := timer.state()).status == "running":
        wait = next_update(state, interval)
        assert MIN_WAIT <= wait <= interval + 1e-9
        clock.advance(wait)
        wakes.append(timer.state().elapsed)
        assert len(wakes) < 10 * timer.total / interval + 100  # it always moves on
    for boundary in (p.end for p in phases):
        assert any(0 <= w - boundary <= MIN_WAIT + 1e-6 for w in wakes), boundary
    for second in range(int(timer.total) + 1):
        in_window = [w for w in wakes if second + 1e-6 <= w < second + 1 + 1e-6]
        edges = [p.end for p in phases if second <= p.end < second + 1]
        assert len(in_window) <= round(1 / interval) + 2 * len(edges)  # a boundary may take 2


def test_phases_know_their_item_even_when_a_stretch_repeats():
    phases = build_phases([item("hip"), item("neck", sides="both"), item("hip")])
    assert [p.item for p in phases if p.kind == "hold"] == [0, 0, 1, 2, 2]
    assert phases[0].item == 0  # get ready belongs to the first item


def test_lived_leaves_out_what_was_skipped_and_paused():
    phases = build_phases([item("hip", hold_s=30)])  # ready 0-5, left 5-35, switch, right 40-70
    clock = FakeClock()
    timer = Timer(phases, clock=clock)
    timer.start()
    clock.advance(15)  # 10 s into the left hold
    timer.pause()
    clock.advance(100)
    timer.resume()
    clock.advance(5)
    timer.skip()  # to the switch at 35: 20-35 never ran
    clock.advance(10)  # through the switch, 5 s into the right hold
    assert timer.lived() == ((0, 15), (15, 20), (35, 45))
    assert hold_seconds(phases, timer.lived()) == {0: 10 + 5 + 5}
    assert hold_seconds(phases) == {0: 60}
    timer.reset()
    assert timer.lived() == ()


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(["start", "pause", "skip", "wait"]),
                          st.floats(0, 40)), max_size=25))
def test_lived_time_never_exceeds_the_time_that_passed(actions):
    phases = build_phases([item("hip", hold_s=20, reps=2), item("neck", sides="both")])
    clock = FakeClock()
    timer = Timer(phases, clock=clock)
    waited = 0.0
    for action, seconds in actions:
        if action == "wait":
            clock.advance(seconds)
            waited += seconds
        else:
            getattr(timer, action)()
    lived = timer.lived()
    total_lived = sum(end - start for start, end in lived)
    assert total_lived <= waited + 1e-6
    assert all(0 <= start < end <= timer.total + 1e-9 for start, end in lived)
    assert sum(hold_seconds(phases, lived).values()) <= total_lived + 1e-6
