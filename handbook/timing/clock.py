"""Walking a timeline against a monotonic clock: start, pause, skip, seek; Next and Back."""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .timeline import Phase, stretch_starts

BACK_GRACE_S = 2.0  # Back within this many seconds of a stretch's start goes to the one before

Status = Literal["idle", "running", "paused", "done"]


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
