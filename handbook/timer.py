"""Timer engine: a timeline of phases for a stretch or routine, walked against a clock."""

from __future__ import annotations

import bisect
import math
import numbers
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GET_READY_S",
    "REST_S",
    "SWITCH_S",
    "Phase",
    "TimedItem",
    "Timer",
    "TimerState",
    "back_target",
    "build_phases",
    "current_item",
    "hold_seconds",
    "mss",
    "next_target",
    "next_update",
    "pace_phase",
    "phases_frame",
    "stretch_starts",
]

GET_READY_S = 5.0
SWITCH_S = 5.0
REST_S = 10.0
MIN_BPM, MAX_BPM = 6.0, 12.0
MIN_WAIT = 0.001  # the shortest wait between two display updates, in seconds
BACK_GRACE_S = 2.0  # Back within this many seconds of a stretch's start goes to the one before

Sides = Literal["each", "both"]
Kind = Literal["ready", "hold", "switch", "rest"]
Status = Literal["idle", "running", "paused", "done"]


def _seconds(value: object, what: str, *, positive: bool) -> float:
    """Return value as a finite float of seconds, or raise a ValueError naming `what`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} must be a number of seconds, got {value!r}")
    seconds = float(value)
    ok = seconds > 0 if positive else seconds >= 0
    if not (ok and math.isfinite(seconds)):
        bound = "greater than 0" if positive else "0 or more"
        raise ValueError(f"{what} must be a finite number of seconds {bound}, got {value!r}")
    return seconds


@dataclass(frozen=True)
class TimedItem:
    """One stretch to time: how long each hold lasts, on which sides, how many times."""

    stretch: str
    name: str
    hold_s: float
    sides: Sides = "both"
    reps: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.stretch, str) or not self.stretch:
            raise ValueError(f"stretch must be a non-empty id, got {self.stretch!r}")
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name of {self.stretch!r} must be a non-empty string")
        hold = _seconds(self.hold_s, f"hold_s of {self.stretch!r}", positive=True)
        object.__setattr__(self, "hold_s", hold)
        if self.sides not in ("each", "both"):
            raise ValueError(
                f"sides of {self.stretch!r} must be 'each' or 'both', got {self.sides!r}"
            )
        if isinstance(self.reps, bool) or not isinstance(self.reps, numbers.Integral):
            raise ValueError(f"reps of {self.stretch!r} must be a whole number, got {self.reps!r}")
        if self.reps < 1:
            raise ValueError(f"reps of {self.stretch!r} must be 1 or more, got {self.reps!r}")
        object.__setattr__(self, "reps", int(self.reps))

    @classmethod
    def from_stretch(
        cls,
        stretch: object,
        *,
        hold_s: float | None = None,
        reps: int | None = None,
        breaths_per_minute: float = 6.0,
    ) -> TimedItem:
        """Time a Stretch (anything with id, name, sides, reps, hold_seconds(bpm))."""
        if hold_s is None:
            hold_s = stretch.hold_seconds(breaths_per_minute)  # type: ignore[attr-defined]
        return cls(
            stretch=stretch.id,  # type: ignore[attr-defined]
            name=stretch.name,  # type: ignore[attr-defined]
            hold_s=hold_s,
            sides=stretch.sides,  # type: ignore[attr-defined]
            reps=stretch.reps if reps is None else reps,  # type: ignore[attr-defined]
        )


@dataclass(frozen=True)
class Phase:
    """One step of a timeline, from start to end in seconds since the timeline began.

    A switch or rest inside an item carries the rep (and, for a switch, the side) that comes
    next; the rest after an item belongs to that item and names the next one in next_name.
    """

    index: int
    kind: Kind
    start: float
    end: float
    stretch: str
    name: str
    side: Literal["left", "right"] | None
    rep: int
    label: str
    next_name: str | None = None
    item: int = 0  # which item of the routine (from 0) the phase belongs to

    @property
    def duration(self) -> float:
        """Length of the phase in seconds."""
        return self.end - self.start


def build_phases(
    items: Iterable[TimedItem],
    *,
    get_ready: float = GET_READY_S,
    switch: float = SWITCH_S,
    rest: float = REST_S,
    rest_between_items: float | None = None,
) -> tuple[Phase, ...]:
    """Lay out the phases of a routine: get ready, holds, side switches and rests."""
    items = tuple(items)
    if not items:
        raise ValueError("a timeline needs at least one item")
    for item in items:
        if not isinstance(item, TimedItem):
            raise TypeError(f"expected TimedItem (see TimedItem.from_stretch), got {item!r}")
    get_ready = _seconds(get_ready, "get_ready", positive=False)
    switch = _seconds(switch, "switch", positive=False)
    rest = _seconds(rest, "rest", positive=False)
    between = rest if rest_between_items is None else rest_between_items
    between = _seconds(between, "rest_between_items", positive=False)

    phases: list[Phase] = []

    position = 0

    def add(kind: Kind, seconds: float, item: TimedItem, side: str | None, rep: int, label: str,
            next_name: str | None = None) -> None:
        if seconds > 0:  # a zero-length phase is left out
            start = phases[-1].end if phases else 0.0
            end = start + seconds
            phases.append(Phase(len(phases), kind, start, end, item.stretch, item.name,
                                side, rep, label, next_name, position))

    add("ready", get_ready, items[0], None, 1, "Get ready")
    for position, item in enumerate(items):
        following = items[position + 1] if position + 1 < len(items) else None
        for rep in range(1, item.reps + 1):
            last_rep = rep == item.reps
            next_name = following.name if last_rep and following else None
            if rep > 1:
                add("rest", rest, item, None, rep, "Rest")
            if item.sides == "each":
                add("hold", item.hold_s, item, "left", rep, "Hold: left side")
                add("switch", switch, item, "right", rep, "Switch sides")
                add("hold", item.hold_s, item, "right", rep, "Hold: right side", next_name)
            else:
                add("hold", item.hold_s, item, None, rep, "Hold", next_name)
        if following:
            add("rest", between, item, None, item.reps, "Rest", following.name)
    return tuple(phases)


def phases_frame(phases: Sequence[Phase]) -> pd.DataFrame:
    """Return the phases as a DataFrame: start, end, kind, stretch, side, rep, label."""
    import pandas as pd

    columns = ("start", "end", "kind", "stretch", "side", "rep", "label")
    dtypes = {"start": "float64", "end": "float64", "rep": "int64"}
    data = {c: [getattr(p, c) for p in phases] for c in columns}
    frame = pd.DataFrame(data, columns=list(columns))
    return frame.astype({c: dtypes.get(c, "str") for c in columns})


def mss(seconds: float) -> str:
    """Format a countdown as M:SS, rounding up to the whole second (within a microsecond)."""
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError(f"cannot format {seconds!r} as M:SS")
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


def hold_seconds(phases: Sequence[Phase],
                 lived: Iterable[tuple[float, float]] | None = None) -> dict[int, float]:
    """Seconds of holding per item: all of them planned, or those within the lived stretches."""
    totals: dict[int, float] = {}
    spans = None if lived is None else tuple(lived)
    for phase in phases:
        if phase.kind != "hold":
            continue
        if spans is None:
            seconds = phase.duration
        else:
            seconds = sum(max(0.0, min(end, phase.end) - max(start, phase.start))
                          for start, end in spans)
        totals[phase.item] = totals.get(phase.item, 0.0) + seconds
    return totals


def next_update(state: TimerState, interval: float = 0.1) -> float:
    """Seconds to wait before the next display update of a running timer.

    Updates fall on a grid of ``interval`` seconds of elapsed time (at most 1/interval a
    second) and on each phase boundary, so changes of phase are never late by more than
    ``MIN_WAIT``; the wait is never shorter than that, so a loop never spins.
    """
    if state.phase is None:
        return MIN_WAIT
    grid = (math.floor(state.elapsed / interval + 1e-9) + 1) * interval
    return max(MIN_WAIT, min(grid, state.phase.end) - state.elapsed)


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


def back_target(phases: Sequence[Phase], state: TimerState,
                grace: float = BACK_GRACE_S) -> float:
    """Where Back goes: the start of this stretch, or of the one before within `grace` s of it."""
    starts = stretch_starts(phases)
    item = current_item(phases, state)
    start = phases[starts[item]].start
    if state.elapsed - start < grace and item > 0:
        return phases[starts[item - 1]].start
    return start


def pace_phase(elapsed_in_hold: float, breaths_per_minute: float) -> tuple[str, float]:
    """Return ("Breathe in" | "Breathe out", fraction 0..1 of that half-breath)."""
    if not MIN_BPM <= breaths_per_minute <= MAX_BPM:
        raise ValueError(
            f"breaths_per_minute must be between {MIN_BPM:g} and {MAX_BPM:g}, "
            f"got {breaths_per_minute!r}"
        )
    half = 30.0 / breaths_per_minute
    into = max(0.0, elapsed_in_hold) % (2 * half)
    if into < half:
        return "Breathe in", min(into / half, 1.0)
    return "Breathe out", min((into - half) / half, 1.0)


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
