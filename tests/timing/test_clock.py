"""Tests for handbook.timer: the timeline, the clock-driven timer, M:SS and the breath pacer."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.timing.timeline import (
    Phase,
    build_phases,
    hold_seconds,
    mss,
)
from tests.helpers import FakeClock
from tests.timing.helpers import item, no_deadline, operations, started, timelines
from tests.timing.oracle import Timer, phase_back_target


def test_total_duration_arithmetic():
    items = [item("a", hold_s=30, sides="each", reps=2), item("b", hold_s=45, sides="both", reps=3)]
    phases = build_phases(items, get_ready=5, switch=5, rest=10, rest_between_items=20)
    # ready + a: 4 holds, 2 switches, 1 rest + between + b: 3 holds, 2 rests
    assert phases[-1].end == 5 + (4 * 30 + 2 * 5 + 10) + 20 + (3 * 45 + 2 * 10)
    assert Timer(phases).total == phases[-1].end


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


def test_phase_back_goes_to_this_phase_or_the_one_before_within_grace():
    phases = build_phases([item("hip", hold_s=10)])  # ready 0-5, hold 5-15, switch, hold 20-30
    clock = FakeClock()
    timer = Timer(phases, clock=clock)
    timer.start()
    clock.advance(1)
    assert phase_back_target(phases, timer.state()) == 0.0  # the first phase: stays there
    clock.advance(5.5)  # 1.5 s into the first hold
    assert phase_back_target(phases, timer.state()) == 0.0
    clock.advance(1)  # 2.5 s into it
    assert phase_back_target(phases, timer.state()) == 5.0
    clock.advance(100)
    assert timer.state().status == "done"
    assert phase_back_target(phases, timer.state()) == 20.0  # from the end: the last phase


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
@given(
    st.lists(
        st.tuples(st.sampled_from(["start", "pause", "skip", "wait"]), st.floats(0, 40)),
        max_size=25,
    )
)
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


def test_a_movement_is_walked_rep_by_rep_and_next_and_back_take_whole_items():
    from tests.timing.helpers import movement
    from tests.timing.oracle import back_target, next_target

    phases = build_phases([movement("cc", reps=3), item("hip", hold_s=30, sides="both")])
    timer, clock = started(phases)
    clock.advance(5 + 4 + 4 + 1)  # into the arch of the second rep
    state = timer.state()
    assert (state.phase.kind, state.phase.count, state.label) == ("move", 2, "Arch · 2 of 3")
    timer.skip()
    assert timer.state().label == "Round · 2 of 3"
    assert next_target(phases, timer.state()) == phases[-1].start  # the hold after the flow
    clock.advance(3)
    assert back_target(phases, timer.state()) == 0.0  # the start of the movement's item
    timer.seek(next_target(phases, timer.state()))
    assert timer.state().phase.kind == "hold"
    lived = timer.lived()
    assert 0 < hold_seconds(phases, lived)[0] < hold_seconds(phases)[0] == 24
