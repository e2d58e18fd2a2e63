"""A Python walker of the player's timeline, for the tests only: the oracle guide.js is held to.

The browser's walker (handbook/widgets/guide.js) is the one clock that runs; nothing in the
package walks a timeline. This copy lets the tests say, in Python, what the player must do:
tests/timing/test_walker.py runs one set of scenarios through both, boundary by boundary,
and the views' tests send the events the browser would send (``Browser``).
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

from handbook.timing.payload import BACK_GRACE_S
from handbook.timing.timeline import Phase, recorded_spans

Status = Literal["idle", "running", "paused", "done"]


def stretch_starts(phases: Sequence[Phase]) -> list[int]:
    """Index of the first phase of each stretch (item) of the timeline, in order."""
    starts: dict[int, int] = {}
    for phase in phases:
        starts.setdefault(phase.item, phase.index)
    return [starts[item] for item in sorted(starts)]


def current_item(phases: Sequence[Phase], state: TimerState) -> int:
    """The stretch (item) a state is in; the last one once done."""
    return state.phase.item if state.phase is not None else phases[-1].item


def next_target(phases: Sequence[Phase], state: TimerState) -> float:
    """Where Next goes: the start of the next stretch's first phase, or the end after the last."""
    starts = stretch_starts(phases)
    item = current_item(phases, state)
    if state.phase is None or item + 1 >= len(starts):
        return phases[-1].end
    return phases[starts[item + 1]].start


def back_target(phases: Sequence[Phase], state: TimerState, grace: float = BACK_GRACE_S) -> float:
    """Where Back goes: the start of this stretch, or of the one before within `grace` s of it."""
    starts = stretch_starts(phases)
    item = current_item(phases, state)
    start = phases[starts[item]].start
    if state.elapsed - start < grace and item > 0:
        return phases[starts[item - 1]].start
    return start


def phase_back_target(
    phases: Sequence[Phase], state: TimerState, grace: float = BACK_GRACE_S
) -> float:
    """Where a timer's Back goes: the start of this phase, or of the one before within `grace` s.

    Once done, Back goes to the start of the last phase.
    """
    index = min(state.phase_index, len(phases) - 1)
    start = phases[index].start
    if state.phase is not None and state.elapsed - start < grace and index > 0:
        return phases[index - 1].start
    return start


@dataclass(frozen=True)
class TimerState:
    """What a timer shows at one moment."""

    status: Status
    phase: Phase | None
    phase_index: int  # len(phases) once done
    elapsed: float
    remaining_in_phase: float
    remaining_total: float
    phase_progress: float
    total_progress: float
    label: str


class Timer:
    """Walk a timeline against a monotonic clock: elapsed = (now - started_at) + banked."""

    def __init__(self, phases: Iterable[Phase], clock: Callable[[], float] = time.monotonic):
        self.phases = tuple(phases)
        if not self.phases:
            raise ValueError("a timer needs at least one phase")
        previous_end = 0.0
        for phase in self.phases:
            if phase.start != previous_end or not phase.end > phase.start:
                raise ValueError(f"phases must tile the timeline from 0; {phase} does not")
            previous_end = phase.end
        self.total = previous_end
        self._starts = [p.start for p in self.phases]
        self._clock = clock
        self._status: Status = "idle"
        self._banked = 0.0
        self._started_at = 0.0
        self._lived: list[tuple[float, float]] = []  # stretches of the timeline really run
        self._run_from: float | None = None
        self.runs = 0  # how many times reset() began the timeline afresh

    def _close_run(self, until: float) -> None:
        if self._run_from is not None and until > self._run_from:
            self._lived.append((self._run_from, until))
        self._run_from = None

    def lived(self) -> tuple[tuple[float, float], ...]:
        """The (start, end) stretches of the timeline that really ran, skipped parts left out."""
        self._settle()
        now = self._elapsed()
        running = self._run_from is not None and now > self._run_from
        return (*self._lived, *(((self._run_from, now),) if running else ()))

    def _elapsed(self) -> float:
        if self._status == "running":
            return min(self.total, self._clock() - self._started_at + self._banked)
        return self._banked

    def _settle(self) -> None:
        """Latch "done" once a running timer has reached the end of the timeline."""
        if self._status == "running" and self._elapsed() >= self.total:
            self._close_run(self.total)
            self._status, self._banked = "done", self.total

    def _move_to(self, elapsed: float) -> None:
        running = self._status == "running"
        if running:
            self._close_run(self._elapsed())
        self._banked, self._started_at = elapsed, self._clock()
        if elapsed >= self.total:
            self._status, self._banked = "done", self.total
        elif running:
            self._run_from = elapsed

    @property
    def status(self) -> Status:
        """Current status: idle, running, paused or done."""
        self._settle()
        return self._status

    def start(self) -> None:
        """Start from idle, or carry on from a pause; no-op when running or done."""
        self._settle()
        if self._status in ("idle", "paused"):
            self._status, self._started_at = "running", self._clock()
            self._run_from = self._banked

    def pause(self) -> None:
        """Stop the clock where it is; no-op unless running."""
        self._settle()
        if self._status == "running":
            self._banked = self._elapsed()
            self._close_run(self._banked)
            self._status = "paused"

    def resume(self) -> None:
        """Carry on from a pause; no-op unless paused."""
        self._settle()
        if self._status == "paused":
            self._status, self._started_at = "running", self._clock()
            self._run_from = self._banked

    def toggle(self) -> None:
        """Pause when running, otherwise start or resume."""
        if self.status == "running":
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Go back to idle at the start of the timeline, forgetting what ran."""
        self._status, self._banked = "idle", 0.0
        self._lived, self._run_from = [], None
        self.runs += 1

    def skip(self) -> None:
        """Jump to the start of the next phase (from the last, finish); keeps running or not."""
        self._settle()
        if self._status == "done":
            return
        index = bisect.bisect_right(self._starts, self._elapsed()) - 1
        target = self.phases[index + 1].start if index + 1 < len(self.phases) else self.total
        if self._status == "idle":
            self._status = "paused"
        self._move_to(target)

    def seek(self, target: float) -> None:
        """Move to the phase starting at ``target`` seconds, keeping a running timer running.

        Going back begins a new run (as reset does); going forward skips, so what is jumped
        over is not counted as done.
        """
        was = self.status
        if target < self.state().elapsed:
            self.reset()
        while self.status != "done" and self.state().elapsed < target:
            self.skip()
        if was == "running":
            self.start()

    def state(self) -> TimerState:
        """Return what to show now."""
        self._settle()
        elapsed = self._elapsed()
        if self._status == "done":
            return TimerState(
                status="done",
                phase=None,
                phase_index=len(self.phases),
                elapsed=self.total,
                remaining_in_phase=0.0,
                remaining_total=0.0,
                phase_progress=1.0,
                total_progress=1.0,
                label="Done",
            )
        index = bisect.bisect_right(self._starts, elapsed) - 1
        phase = self.phases[index]
        into = elapsed - phase.start
        return TimerState(
            status=self._status,
            phase=phase,
            phase_index=index,
            elapsed=elapsed,
            remaining_in_phase=phase.end - elapsed,
            remaining_total=self.total - elapsed,
            phase_progress=min(1.0, into / phase.duration),
            total_progress=elapsed / self.total,
            label=phase.label,
        )


# Parts: what a person lives as one step. Each phase is one, but a movement's side (all its
# reps, one move phase per count) is a single part: Skip and Back move by parts.
def _same_run(a: Phase, b: Phase) -> bool:
    return a.kind == b.kind == "move" and (a.item, a.side) == (b.item, b.side)


def part_of(phases: Sequence[Phase], index: int) -> tuple[int, int]:
    """The first and last phase of the part the phase at ``index`` is in."""
    first = last = index
    while first > 0 and _same_run(phases[first - 1], phases[first]):
        first -= 1
    while last + 1 < len(phases) and _same_run(phases[last], phases[last + 1]):
        last += 1
    return first, last


def skip_target(phases: Sequence[Phase], state: TimerState) -> float:
    """Where a timer's Skip goes: the end of this part (a movement's side, not one count)."""
    if state.phase is None:
        return phases[-1].end
    return phases[part_of(phases, state.phase_index)[1]].end


def part_back_target(
    phases: Sequence[Phase], state: TimerState, grace: float = BACK_GRACE_S
) -> float:
    """Where a timer's Back goes: the start of this part, or of the one before within `grace`."""
    first = part_of(phases, min(state.phase_index, len(phases) - 1))[0]
    start = phases[first].start
    if state.phase is not None and state.elapsed - start < grace and first > 0:
        return phases[part_of(phases, first - 1)[0]].start
    return start


LEAVING = ("skip", "back", "next", "previous", "reset")  # moves that leave the part they are in


def move(timer: Timer, kind: str, grace: float = BACK_GRACE_S) -> None:
    """One move of the player, as guide.js's move() makes it."""
    phases = timer.phases
    if kind == "start":
        timer.start()
    elif kind == "pause":
        timer.pause()
    elif kind == "skip":
        timer.seek(skip_target(phases, timer.state()))
    elif kind == "back":
        timer.seek(part_back_target(phases, timer.state(), grace))
    elif kind == "next":
        timer.seek(next_target(phases, timer.state()))
    elif kind == "previous":
        timer.seek(back_target(phases, timer.state(), grace))
    elif kind == "reset":
        timer.reset()


def _overlap(span: Phase, lived: Iterable[tuple[float, float]]) -> float:
    return sum(max(0.0, min(end, span.end) - max(start, span.start)) for start, end in lived)


class Recording:
    """The spans (holds, a movement's sides) a walk finished or left, each once a run."""

    def __init__(self, timer: Timer) -> None:
        self.timer = timer
        self.spans = recorded_spans(timer.phases)
        self.span_of: dict[int, int] = {}  # phase index -> the span it is part of
        for n, span in enumerate(self.spans):
            for phase in timer.phases:
                if span.start <= phase.start < span.end:
                    self.span_of[phase.index] = n
        self.reported: set[int] = set()
        self.runs = timer.runs

    def finished(self, mark: bool = True) -> list[tuple[int, float, int]]:
        """The spans ended and not yet reported, with the seconds held (more than none)."""
        state, lived = self.timer.state(), self.timer.lived()
        found = []
        for n, span in enumerate(self.spans):
            if span.end > state.elapsed and state.status != "done":
                break
            if n not in self.reported:
                held = _overlap(span, lived)
                if held > 0:
                    if mark:
                        self.reported.add(n)
                    found.append((n, min(held, span.duration), self.runs))
        return found

    def in_progress(self, mark: bool = True) -> list[tuple[int, float, int]]:
        """The span being held now, if it was held at all and is not yet reported."""
        phase = self.timer.state().phase
        n = None if phase is None else self.span_of.get(phase.index)
        if n is None or n in self.reported:
            return []
        span = self.spans[n]
        held = _overlap(span, self.timer.lived())
        if held <= 0:
            return []
        if mark:
            self.reported.add(n)
        return [(n, min(held, span.duration), self.runs)]

    def holding(self) -> list[tuple[int, float, int]]:
        """What closing the player now would record: held so far, not yet reported."""
        return self.finished(mark=False) + self.in_progress(mark=False)

    def step(self, kind: str, grace: float = BACK_GRACE_S) -> list[tuple[int, float, int]]:
        """Make a move (or only look, for "hold"/"done"); the spans it finished or left."""
        held = self.finished()
        if kind in LEAVING:
            held += self.in_progress()
        move(self.timer, kind, grace)
        if self.timer.runs != self.runs:  # reset, or gone back: a new run
            self.runs = self.timer.runs
            self.reported.clear()
        return held


def phases_of(timeline: dict) -> list[Phase]:
    """The engine's phases again, from the timeline as sent (a check that nothing is lost)."""
    return [
        Phase(
            n,
            p["kind"],
            p["start"],
            p["end"],
            p["stretch"],
            p["name"],
            p["side"],
            p["rep"],
            p["label"],
            p["next"],
            p["item"],
            side_name=p["side_name"],
        )
        for n, p in enumerate(timeline["phases"])
    ]


class Walk:
    """The browser's player as guide.js runs it: moves at times on its clock, the events sent."""

    def __init__(self, timeline: dict, session: str = "page") -> None:
        self.timeline, self.session, self.t = timeline, session, 0.0
        self.timer = Timer(phases_of(timeline), clock=lambda: self.t)
        self.recording = Recording(self.timer)

    def event(self, kind: str, t: float) -> dict:
        """The event guide.js sends for a move (or a look: "hold", "done") at t."""
        self.t = max(self.t, t)  # one page's clock never goes back
        held = self.recording.step(kind, self.timeline["back_grace"])
        return {
            "type": kind,
            "t": t,
            "session": self.session,
            "timeline": self.timeline["id"],
            "status": self.timer.status,
            "held": [{"span": n, "seconds": s, "run": r} for n, s, r in held],
            "holding": [
                {"span": n, "seconds": s, "run": r} for n, s, r in self.recording.holding()
            ],
        }


# What a run really held: the end screen's minutes and the stretches skipped or cut short.
HELD_KINDS = ("hold", "move")
"""The phases that count as stretching done: holds, and the reps of a movement."""
SLACK_S = 1.0
"""Within this many seconds of its plan a stretch counts as done in full; under it, as skipped."""


class RunSummary(TypedDict):
    """Seconds held and planned in a run, and the stretches skipped and cut short, by name."""

    held: float
    planned: float
    skipped: list[str]
    short: list[str]


def run_summary(phases: Sequence[Phase], spans: Iterable[tuple[float, float]]) -> RunSummary:
    """Seconds held and planned, and the names of the stretches skipped and cut short."""
    spans = tuple(spans)
    held: dict[int, float] = {}
    planned: dict[int, float] = {}
    names: dict[int, str] = {}
    for phase in phases:
        names.setdefault(phase.item, phase.name)
        if phase.kind not in HELD_KINDS:
            continue
        planned[phase.item] = planned.get(phase.item, 0.0) + phase.duration
        held[phase.item] = held.get(phase.item, 0.0) + sum(
            max(0.0, min(end, phase.end) - max(start, phase.start)) for start, end in spans
        )
    skipped = [names[i] for i in sorted(planned) if held[i] < SLACK_S]
    short = [names[i] for i in sorted(planned) if SLACK_S <= held[i] < planned[i] - SLACK_S]
    return {
        "held": sum(held.values()),
        "planned": sum(planned.values()),
        "skipped": skipped,
        "short": short,
    }


def _mss(seconds: float) -> str:
    """Seconds as M:SS, rounded half up as the browser rounds."""
    whole = max(0, math.floor(seconds + 0.5))  # half up, as the browser rounds
    return f"{whole // 60}:{whole % 60:02d}"


def _names(names: list[str]) -> str:
    """Names as a sentence lists them: "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def summary_words(summary: RunSummary) -> tuple[str, str]:
    """The end screen's two lines: what was held, and what was skipped or cut short."""
    held = f"{_mss(summary['held'])} of stretching held, of {_mss(summary['planned'])} planned"
    parts: list[str] = []
    if summary["skipped"]:
        parts.append(f"Skipped: {_names(summary['skipped'])}.")
    if summary["short"]:
        parts.append(f"Cut short: {_names(summary['short'])}.")
    return held, " ".join(parts) or "Every stretch held in full."
