"""The timeline: a stretch or routine as phases (get ready, hold, switch, rest) with labels."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    import pandas as pd

GET_READY_S = 5.0
SWITCH_S = 5.0
REST_S = 10.0
DEFAULT_BREATHS_PER_MINUTE = 6.0
"""The slow "resonance" pace studied by Steffen et al. (2017): one deep breath every 10 s."""
MIN_BPM, MAX_BPM = DEFAULT_BREATHS_PER_MINUTE, 12.0

HOLD_CHOICE_S = (5, 180)
"""The holds a person may set by hand for one stretch (timer, routine builder), in seconds."""
CLASS_HOLD_CHOICE_S = (10, 120, 5)
"""The one hold a teacher may give every stretch of a class: from, to, step (seconds)."""
REPS_CHOICE = (1, 6)
"""The reps a person may set by hand for one stretch."""

Sides = Literal["each", "both"]
Kind = Literal["ready", "hold", "switch", "rest"]


class Timeable(Protocol):
    """What the timeline needs of a stretch (a ``handbook.Stretch`` is one)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def sides(self) -> str: ...
    @property
    def reps(self) -> int: ...
    def hold_seconds(self, breaths_per_minute: float = ...) -> float: ...


def item_seconds(hold_s: float, reps: int, sides: str, rest_s: float = REST_S,
                 switch_s: float = SWITCH_S) -> float:
    """Seconds one stretch takes in a timeline: its holds, switches and rests between reps.

    The one place this sum is written: the planner, the notebooks and ``TimedItem.seconds``
    use it, and a test holds ``build_phases`` to it.
    """
    if sides == "each":
        return reps * (2 * hold_s + switch_s) + (reps - 1) * rest_s
    return reps * hold_s + (reps - 1) * rest_s


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
        stretch: Timeable,
        *,
        hold_s: float | None = None,
        reps: int | None = None,
        breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE,
    ) -> TimedItem:
        """Time a Stretch (anything with id, name, sides, reps, hold_seconds(bpm))."""
        if hold_s is None:
            hold_s = stretch.hold_seconds(breaths_per_minute)
        sides: Sides = "each" if stretch.sides == "each" else "both"
        return cls(stretch=stretch.id, name=stretch.name, hold_s=hold_s, sides=sides,
                   reps=stretch.reps if reps is None else reps)

    def seconds(self, rest_s: float = REST_S, switch_s: float = SWITCH_S) -> float:
        """Seconds this item takes in a timeline, rests between its reps included."""
        return item_seconds(self.hold_s, self.reps, self.sides, rest_s, switch_s)


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


def stretch_starts(phases: Sequence[Phase]) -> list[int]:
    """Index of the first phase of each stretch (item) of the timeline, in order."""
    starts: dict[int, int] = {}
    for phase in phases:
        starts.setdefault(phase.item, phase.index)
    return [starts[item] for item in sorted(starts)]


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
