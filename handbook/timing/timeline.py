"""The timeline: a stretch or routine as phases (get ready, hold, move, switch, rest) with labels.

A movement is laid out as one short "move" phase per part of each rep ("Arch · 3 of 10",
"Round · 3 of 10"), one after another with no rest between its reps; a player that shows
each phase's label and counts it down counts the reps with no code of its own.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypedDict

from ..catalog.stretch import DEFAULT_BREATHS_PER_MINUTE
from ..i18n import _

if TYPE_CHECKING:
    import pandas as pd

GET_READY_S = 5.0
SWITCH_S = 5.0
REST_S = 10.0
MIN_BPM, MAX_BPM = DEFAULT_BREATHS_PER_MINUTE, 12.0

HOLD_CHOICE_S = (5, 180)
"""The holds a person may set by hand for one stretch (timer, routine builder), in seconds."""
CLASS_HOLD_CHOICE_S = (10, 120, 5)
"""The one hold a teacher may give every stretch of a class: from, to, step (seconds)."""
REPS_CHOICE = (1, 6)
"""The reps a person may set by hand for one stretch."""
MOVEMENT_REPS_CHOICE = (1, 30)
"""The reps a person may set by hand for one movement (cat-cow, arm circles)."""

Sides = Literal["each", "both"]
Side = Literal["left", "right"]
Kind = Literal["ready", "hold", "move", "switch", "rest"]
Part = tuple[str, float]  # one part of a movement's rep: (word, seconds)


class Timeable(Protocol):
    """What the timeline needs of a stretch (a ``handbook.Stretch`` is one).

    A stretch may also have ``first_side``, ``side_name(side)`` and a movement's ``pace``;
    ``TimedItem.from_stretch`` reads them when they are there and checks them.
    """

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def sides(self) -> str: ...
    @property
    def reps(self) -> int: ...
    def hold_seconds(self, breaths_per_minute: float = ...) -> float: ...


def item_seconds(
    hold_s: float,
    reps: int,
    sides: str,
    rest_s: float = REST_S,
    switch_s: float = SWITCH_S,
    *,
    moving: bool = False,
) -> float:
    """Seconds one stretch takes in a timeline: its holds, switches and rests between reps.

    With ``moving=True`` (a movement) ``hold_s`` is the moving time of one side, all its
    reps in a row: no rest between them, a switch between the sides. ``rest_s`` is the rest
    between reps and ``switch_s`` the switch between sides, in seconds.
    The one place this sum is written: the planner, the notebooks and ``TimedItem.seconds``
    use it, and a test holds ``build_phases`` to it.

    >>> import handbook
    >>> handbook.item_seconds(30, 2, "each")  # two reps of 30 s a side: 2 x (30 + 5 + 30) + 10
    140.0
    >>> handbook.item_seconds(24.0, 8, "both", moving=True)  # a movement: 24 s of moving
    24.0
    """
    if moving:
        return 2 * hold_s + switch_s if sides == "each" else hold_s
    if sides == "each":
        return reps * (2 * hold_s + switch_s) + (reps - 1) * rest_s
    return reps * hold_s + (reps - 1) * rest_s


def _side(value: object, stretch: str) -> Side:
    """Return value as the side held first, or raise a ValueError naming the stretch."""
    if value == "left":
        return "left"
    if value == "right":
        return "right"
    raise ValueError(f"first_side of {stretch!r} must be 'left' or 'right', got {value!r}")


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
    """One stretch to time: how long each hold lasts, on which sides, how many times.

    For a stretch done on each side, ``first_side`` is held first and ``side_names`` says
    how the holds are called (left, right): "Hold: right knee down".
    A movement gives its ``pace`` (the parts of one rep, each (word, seconds)) and its
    ``reps``; its ``hold_s``, the moving time of one side, is then reps times the pace
    (leave it out, or give exactly that).
    """

    stretch: str
    name: str
    hold_s: float | None = None
    sides: Sides = "both"
    reps: int = 1
    first_side: Side = "left"
    side_names: tuple[str, str] = ("left side", "right side")
    pace: tuple[Part, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.stretch, str) or not self.stretch:
            raise ValueError(f"stretch must be a non-empty id, got {self.stretch!r}")
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name of {self.stretch!r} must be a non-empty string")
        if self.sides not in ("each", "both"):
            raise ValueError(
                f"sides of {self.stretch!r} must be 'each' or 'both', got {self.sides!r}"
            )
        if isinstance(self.reps, bool) or not isinstance(self.reps, numbers.Integral):
            raise ValueError(f"reps of {self.stretch!r} must be a whole number, got {self.reps!r}")
        if self.reps < 1:
            raise ValueError(f"reps of {self.stretch!r} must be 1 or more, got {self.reps!r}")
        object.__setattr__(self, "reps", int(self.reps))
        _side(self.first_side, self.stretch)
        names = self.side_names
        if (
            not isinstance(names, tuple)
            or len(names) != 2
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            raise ValueError(
                f"side_names of {self.stretch!r} must be two texts (left, right), got {names!r}"
            )
        if self.pace:
            self._check_pace()
        hold = _seconds(self.hold_s, f"hold_s of {self.stretch!r}", positive=True)
        object.__setattr__(self, "hold_s", hold)

    def side_label(self, side: str) -> str:
        """How the hold on a side is called: "right knee down"."""
        return self.side_names[0 if side == "left" else 1]

    def _check_pace(self) -> None:
        """A movement's parts are (word, seconds > 0); its hold_s is reps times the pace."""
        parts: list[Part] = []
        for part in self.pace:
            if not (isinstance(part, tuple | list) and len(part) == 2 and isinstance(part[0], str)):
                raise ValueError(
                    f"pace of {self.stretch!r} must be (word, seconds) pairs, got {self.pace!r}"
                )
            parts.append((part[0], _seconds(part[1], f"pace of {self.stretch!r}", positive=True)))
        object.__setattr__(self, "pace", tuple(parts))
        moving = self.reps * sum(seconds for _, seconds in parts)
        if self.hold_s is None:
            object.__setattr__(self, "hold_s", moving)
        elif not math.isclose(
            _seconds(self.hold_s, f"hold_s of {self.stretch!r}", positive=True),
            moving,
            abs_tol=1e-6,
        ):
            raise ValueError(
                f"hold_s of the movement {self.stretch!r} is its moving time, "
                f"{self.reps} reps of {moving / self.reps:g} s = {moving:g} s; "
                f"got {self.hold_s!r} (leave hold_s out)"
            )

    @property
    def is_movement(self) -> bool:
        """True when the item is a movement, done in reps at a pace."""
        return bool(self.pace)

    @classmethod
    def from_stretch(
        cls,
        stretch: Timeable,
        *,
        hold_s: float | None = None,
        reps: int | None = None,
        breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE,
        rep_s: float | None = None,
    ) -> TimedItem:
        """Time a Stretch (anything with id, name, sides, reps, hold_seconds(bpm)).

        A movement (a stretch with a ``pace``) keeps its pace whatever the breathing pace;
        a ``hold_s`` given for it becomes the whole number of reps nearest that moving time.
        ``rep_s`` sets a movement's pace: each part of a rep in the same proportion, the rep
        lasting that many seconds ("arch 4 s, round 4 s" at rep_s=6: 3 s each).
        """
        sides: Sides = "each" if stretch.sides == "each" else "both"
        first = _side(getattr(stretch, "first_side", "left"), stretch.id)
        names: tuple[str, str] = (_("left side"), _("right side"))
        side_name = getattr(stretch, "side_name", None)
        if side_name is not None:
            names = (side_name("left"), side_name("right"))
        pace: tuple[Part, ...] = tuple(getattr(stretch, "pace", ()) or ())
        reps = stretch.reps if reps is None else reps
        if rep_s is not None:
            if not pace:
                raise ValueError(
                    f"rep_s sets the pace of a movement; {stretch.id!r} is held (give hold_s)"
                )
            scale = _seconds(rep_s, f"rep_s of {stretch.id!r}", positive=True) / sum(
                seconds for _, seconds in pace
            )
            pace = tuple((word, seconds * scale) for word, seconds in pace)
        if pace:
            if hold_s is not None:
                per_rep = sum(seconds for _, seconds in pace)
                reps = max(
                    1, round(_seconds(hold_s, f"hold_s of {stretch.id!r}", positive=True) / per_rep)
                )
            return cls(
                stretch=stretch.id,
                name=stretch.name,
                sides=sides,
                reps=reps,
                pace=pace,
                first_side=first,
                side_names=names,
            )
        if hold_s is None:
            hold_s = stretch.hold_seconds(breaths_per_minute)
        return cls(
            stretch=stretch.id,
            name=stretch.name,
            hold_s=hold_s,
            sides=sides,
            reps=reps,
            first_side=first,
            side_names=names,
        )

    def seconds(self, rest_s: float = REST_S, switch_s: float = SWITCH_S) -> float:
        """Seconds this item takes in a timeline, rests between its reps included."""
        return item_seconds(
            _hold_s(self), self.reps, self.sides, rest_s, switch_s, moving=self.is_movement
        )


def _hold_s(item: TimedItem) -> float:
    """The seconds of each hold of an item (a movement's: its moving time on one side)."""
    assert item.hold_s is not None  # TimedItem.__post_init__ sets it for every item
    return item.hold_s


@dataclass(frozen=True)
class Phase:
    """One step of a timeline, from start to end in seconds since the timeline began.

    A switch or rest inside an item carries the rep and the side that come next, and so does
    the get ready (the first side of a stretch done on each side); the rest after an item
    belongs to that item and names the next one in next_name.
    A "move" phase is one part of one rep of a movement: ``part`` is its word ("arch"),
    ``count`` the rep it belongs to and ``of`` the reps on that side (rep stays 1).
    ``side_name`` is the stretch's own name for ``side`` ("left leg behind"), so what is said
    or shown about a side is read from data, never parsed back out of a label.
    """

    index: int
    kind: Kind
    start: float
    end: float
    stretch: str
    name: str
    side: Side | None
    rep: int
    label: str
    next_name: str | None = None
    item: int = 0  # which item of the routine (from 0) the phase belongs to
    count: int | None = None  # a move phase: which rep, from 1 ...
    of: int | None = None  # ... of how many on this side
    part: str | None = None  # a move phase: the word of its part of the rep ("arch")
    side_name: str | None = None  # how the stretch calls its side ("right knee down"), as data

    @property
    def duration(self) -> float:
        """Length of the phase in seconds."""
        return self.end - self.start


class Gaps(TypedDict, total=False):
    """The pauses around the holds: build_phases' keyword arguments, for a view to keep."""

    get_ready: float
    switch: float
    rest: float
    rest_between_items: float | None


def build_phases(
    items: Iterable[TimedItem],
    *,
    get_ready: float = GET_READY_S,
    switch: float = SWITCH_S,
    rest: float = REST_S,
    rest_between_items: float | None = None,
) -> tuple[Phase, ...]:
    """Lay out the phases of a routine: get ready, holds, moves, side switches and rests.

    A movement's reps follow each other with no rest (a switch between its sides), and
    between two movements in a row the pause is no longer than a switch, so a flow of
    movements keeps flowing.
    """
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

    def add(
        kind: Kind,
        seconds: float,
        item: TimedItem,
        side: Side | None,
        rep: int,
        label: str,
        next_name: str | None = None,
        count: int | None = None,
        part: str | None = None,
    ) -> None:
        if seconds > 0:  # a zero-length phase is left out
            start = phases[-1].end if phases else 0.0
            end = start + seconds
            phases.append(
                Phase(
                    len(phases),
                    kind,
                    start,
                    end,
                    item.stretch,
                    item.name,
                    side,
                    rep,
                    label,
                    next_name,
                    position,
                    count,
                    None if count is None else item.reps,
                    part,
                    item.side_label(side) if side else None,
                )
            )

    def move(item: TimedItem, side: Side | None, next_name: str | None) -> None:
        last = (item.reps, len(item.pace) - 1)
        for count in range(1, item.reps + 1):
            for n, (word, seconds) in enumerate(item.pace):
                said = f"{(word or item.name)[:1].upper()}{(word or item.name)[1:]}"
                label = (
                    # Translators: a movement's part and count: "Arch · 3 of 10 · left leg".
                    _("{part} · {count} of {reps} · {side}").format(
                        part=said, count=count, reps=item.reps, side=item.side_label(side)
                    )
                    if side
                    # Translators: a movement's part and count: "Arch · 3 of 10".
                    else _("{part} · {count} of {reps}").format(
                        part=said, count=count, reps=item.reps
                    )
                )
                add(
                    "move",
                    seconds,
                    item,
                    side,
                    1,
                    label,
                    next_name if (count, n) == last else None,
                    count,
                    word or None,
                )

    opening = items[0]
    add(
        "ready",
        get_ready,
        opening,
        opening.first_side if opening.sides == "each" else None,
        1,
        _("Get ready"),
    )
    for position, item in enumerate(items):
        following = items[position + 1] if position + 1 < len(items) else None
        if item.is_movement:
            next_name = following.name if following else None
            if item.sides == "each":
                first = item.first_side
                second: Side = "right" if first == "left" else "left"
                move(item, first, None)
                add("switch", switch, item, second, 1, _("Switch sides"))
                move(item, second, next_name)
            else:
                move(item, None, next_name)
        for rep in range(1, item.reps + 1) if not item.is_movement else ():
            last_rep = rep == item.reps
            next_name = following.name if last_rep and following else None
            each = item.sides == "each"
            if rep > 1:
                add("rest", rest, item, item.first_side if each else None, rep, _("Rest"))
            if each:
                first = item.first_side
                second = "right" if first == "left" else "left"
                add("hold", _hold_s(item), item, first, rep, hold_on(item.side_label(first)))
                add("switch", switch, item, second, rep, _("Switch sides"))
                add(
                    "hold",
                    _hold_s(item),
                    item,
                    second,
                    rep,
                    hold_on(item.side_label(second)),
                    next_name,
                )
            else:
                add("hold", _hold_s(item), item, None, rep, _("Hold"), next_name)
        if following:
            gap = gap_seconds(item, following, between, switch)
            add(
                "rest",
                gap,
                item,
                None,
                1 if item.is_movement else item.reps,
                _("Rest"),
                following.name,
            )
    return tuple(phases)


def hold_on(side: str) -> str:
    """A hold's label on one side, by the stretch's words for it: "Hold: right knee down"."""
    # Translators: {side} is the stretch's name for the side, "right knee down".
    return _("Hold: {side}").format(side=side)


def gap_seconds(item: TimedItem, following: TimedItem, between: float, switch: float) -> float:
    """The pause between two items: the rest between items, or no longer than a switch
    between two movements in a row, so that a flow of movements keeps flowing."""
    return min(between, switch) if item.is_movement and following.is_movement else between


def timeline_seconds(
    items: Sequence[TimedItem],
    *,
    get_ready: float = GET_READY_S,
    switch: float = SWITCH_S,
    rest: float = REST_S,
    rest_between_items: float | None = None,
) -> float:
    """Seconds ``build_phases`` lays the items out over (its last phase's end), summed from
    ``item_seconds`` and the pauses between the items without laying out a phase.

    >>> from handbook.timing.timeline import TimedItem
    >>> hold = TimedItem("a", "A", hold_s=30.0, sides="each", reps=1)
    >>> timeline_seconds([hold, hold], rest_between_items=10.0)
    145.0
    """
    if not items:
        return 0.0
    between = rest if rest_between_items is None else rest_between_items
    total = get_ready
    for n, item in enumerate(items):
        total += item.seconds(rest, switch)
        if n + 1 < len(items):
            total += gap_seconds(item, items[n + 1], between, switch)
    return total


def phases_frame(phases: Sequence[Phase]) -> pd.DataFrame:
    """Return the phases as a DataFrame: start, end, kind, stretch, side, rep, label, count.

    ``count`` is the rep of a movement's move phase (empty for every other phase).
    """
    import pandas as pd

    columns = ("start", "end", "kind", "stretch", "side", "rep", "label", "count")
    dtypes = {"start": "float64", "end": "float64", "rep": "int64", "count": "Int64"}
    data = {c: [getattr(p, c) for p in phases] for c in columns}
    frame = pd.DataFrame(data, columns=list(columns))
    return frame.astype({c: dtypes.get(c, "str") for c in columns})


def mss(seconds: float) -> str:
    """Format a countdown of ``seconds`` as M:SS, rounding up to the whole second (within a
    microsecond).

    >>> import handbook
    >>> handbook.mss(75), handbook.mss(59.2), handbook.mss(0)
    ('1:15', '1:00', '0:00')
    """
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError(f"cannot format {seconds!r} as M:SS")
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


def hold_seconds(
    phases: Sequence[Phase], lived: Iterable[tuple[float, float]] | None = None
) -> dict[int, float]:
    """Seconds of holding per item: all of them planned, or those within the lived stretches.

    A movement's moving time (its move phases) counts as its holding.
    """
    totals: dict[int, float] = {}
    spans = None if lived is None else tuple(lived)
    for phase in phases:
        if phase.kind not in ("hold", "move"):
            continue
        if spans is None:
            seconds = phase.duration
        else:
            seconds = sum(
                max(0.0, min(end, phase.end) - max(start, phase.start)) for start, end in spans
            )
        totals[phase.item] = totals.get(phase.item, 0.0) + seconds
    return totals


def recorded_spans(phases: Sequence[Phase]) -> tuple[Phase, ...]:
    """What a progress log records of a timeline: each hold, and each side of a movement.

    A movement's move phases on one side (all its reps, one after another) become one span,
    a "move" phase from the first to the last, so a movement is one record a side, its
    moving time, rather than one per part of each rep. The span keeps its first phase's
    index, which no other span has.
    """
    spans: list[Phase] = []
    for phase in phases:
        if phase.kind == "hold":
            spans.append(phase)
        elif phase.kind == "move":
            last = spans[-1] if spans else None
            if (
                last is not None
                and last.kind == "move"
                and last.item == phase.item
                and last.side == phase.side
                and last.end == phase.start
            ):
                spans[-1] = dataclasses.replace(last, end=phase.end, next_name=phase.next_name)
            else:
                spans.append(dataclasses.replace(phase, count=None, part=None))
    return tuple(spans)
