"""What the browser's player says back: each event checked, field by field, before it is used.

The browser's walker (``handbook/widgets/guide.js``) is the one clock that runs. Each event it
sends carries what it really lived: the spans of the timeline (``PlayerTimeline["spans"]``: a
hold, or one side of a movement) it finished or left, each by its index with the seconds
really held, and those it is in the middle of (``holding``), so that closing a player
records them too. Nothing is replayed here; the kernel only checks what it is told.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = ["EVENTS", "STATUSES", "HeldSpan", "PlayerEvent", "PlayerState", "read_event"]

# What the browser says: its page opened; a person's moves; a hold's end or the end reached.
EVENTS = ("open", "start", "pause", "skip", "back", "next", "previous", "reset", "hold", "done")
Status = Literal["idle", "running", "paused", "done"]
STATUSES: tuple[Status, ...] = ("idle", "running", "paused", "done")


@dataclass(frozen=True)
class HeldSpan:
    """A span the browser held: its index in ``spans``, the seconds held, the run held in.

    A run begins at Start after Reset, or when Back goes back: the same span held again in a
    new run is a new hold.
    """

    span: int
    seconds: float
    run: int = 0


@dataclass(frozen=True)
class PlayerEvent:
    """One event from the browser's player, checked."""

    kind: str
    t: float  # the browser's clock, seconds
    session: str  # the page (model) that sent it: a reload is a new session
    timeline: object  # the id of the timeline it is about
    status: Status  # the walker's status after the event
    held: tuple[HeldSpan, ...]  # finished or left with this event
    holding: tuple[HeldSpan, ...]  # held so far and not yet reported (recorded on close)


@dataclass
class PlayerState:
    """The browser's player as the kernel last heard it: its status and the timeline's length."""

    total: float
    status: Status = "idle"


def _number(value: object, what: str, kind: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"player event {kind!r}: {what} must be a finite number, got {value!r}")
    if value < 0:
        raise ValueError(f"player event {kind!r}: {what} must be 0 or more, got {value!r}")
    return float(value)


def _spans(value: object, field: str, kind: object, count: int) -> tuple[HeldSpan, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise ValueError(f"player event {kind!r}: {field} must be a list, got {value!r}")
    found: list[HeldSpan] = []
    for entry in value:
        if not isinstance(entry, Mapping):
            raise ValueError(
                f"player event {kind!r}: each of {field} is {{span, seconds}}, got {entry!r}"
            )
        span = entry.get("span")
        if isinstance(span, bool) or not isinstance(span, int) or not 0 <= span < count:
            raise ValueError(
                f"player event {kind!r}: {field} names span {span!r}; the timeline has "
                f"{count} (0 to {count - 1})"
            )
        run = entry.get("run", 0)
        if isinstance(run, bool) or not isinstance(run, int) or run < 0:
            raise ValueError(
                f"player event {kind!r}: {field} run must be a whole number, got {run!r}"
            )
        seconds = _number(entry.get("seconds"), f"{field} seconds", kind)
        found.append(HeldSpan(span, seconds, run))
    return tuple(found)


def read_event(event: object, spans: int) -> PlayerEvent:
    """Check an event from the browser against a timeline of ``spans`` spans.

    Raises ValueError naming the field and what is wrong.
    """
    if not isinstance(event, Mapping):
        raise ValueError(f"a player event is a mapping with type, t and session, got {event!r}")
    kind, session = event.get("type"), event.get("session")
    if kind not in EVENTS:
        raise ValueError(f"player event type {kind!r} is unknown; one of {', '.join(EVENTS)}")
    assert isinstance(kind, str)
    t = event.get("t")
    if isinstance(t, bool) or not isinstance(t, numbers.Real) or not math.isfinite(t) or t < 0:
        raise ValueError(
            f"player event {kind!r}: t must be the browser's clock in seconds "
            f"(a finite number, 0 or more), got {t!r}"
        )
    if not isinstance(session, str) or not session:
        raise ValueError(
            f"player event {kind!r}: session must be a non-empty string, got {session!r}"
        )
    status = event.get("status", "idle")
    if status not in STATUSES:
        raise ValueError(
            f"player event {kind!r}: status must be one of {', '.join(STATUSES)}, got {status!r}"
        )
    return PlayerEvent(
        kind=kind,
        t=float(t),
        session=session,
        timeline=event.get("timeline"),
        status=next(s for s in STATUSES if s == status),
        held=_spans(event.get("held"), "held", kind, spans),
        holding=_spans(event.get("holding"), "holding", kind, spans),
    )
