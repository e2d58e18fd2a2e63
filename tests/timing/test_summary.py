"""The end screen's summary: seconds really held, stretches skipped and cut short."""

from __future__ import annotations

from handbook.timing.timeline import TimedItem, build_phases
from tests.helpers import FakeClock
from tests.timing.oracle import Timer, run_summary, summary_words

PHASES = build_phases(
    [
        TimedItem("quad", "Standing quad", 30, "each"),
        TimedItem("neck", "Neck turn", 20, "both"),
        TimedItem("calf", "Wall calf", 30, "both"),
    ],
    get_ready=5,
    switch=5,
    rest=10,
)


def test_a_whole_run_holds_everything_planned():
    clock = FakeClock()
    timer = Timer(PHASES, clock=clock)
    timer.start()
    clock.advance(1000)
    summary = run_summary(PHASES, timer.lived())
    assert summary == {"held": 110.0, "planned": 110.0, "skipped": [], "short": []}
    assert summary_words(summary) == (
        "1:50 of stretching held, of 1:50 planned",
        "Every stretch held in full.",
    )


def test_next_pressed_twelve_times_holds_next_to_nothing():
    clock = FakeClock()
    timer = Timer(PHASES, clock=clock)
    timer.start()
    for _ in range(12):
        clock.advance(10 / 12)
        timer.skip()
    summary = run_summary(PHASES, timer.lived())
    assert summary["held"] < 5 and summary["planned"] == 110.0  # under a second of each hold
    assert summary["skipped"] == ["Neck turn", "Wall calf"]
    assert summary["short"] == ["Standing quad"]  # two sides: 1.7 s of its 60
    assert summary_words(summary)[1] == (
        "Skipped: Neck turn and Wall calf. Cut short: Standing quad."
    )


def test_a_hold_left_early_is_cut_short():
    spans = [(0.0, 20.0), (45.0, 200.0)]  # the quad held 15 s of one side and 25 of the other
    summary = run_summary(PHASES, spans)
    assert summary["short"] == ["Standing quad"] and summary["skipped"] == []
    assert summary["held"] == 15 + 25 + 20 + 30
    assert summary_words(summary)[1] == "Cut short: Standing quad."
