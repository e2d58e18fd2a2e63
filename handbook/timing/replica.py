"""The kernel's copy of a browser player's timer, moved only by the events the browser sends.

The browser walks the timeline on its own clock and tells the kernel what happened and when,
by that clock (``t``, seconds). Replaying each event on a ``Timer`` whose clock reads the
event's ``t`` gives the kernel exactly the state the browser had, however late the message
arrives; from it the kernel learns which holds were finished or left part-way.
"""

from __future__ import annotations

import bisect
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .clock import Timer, TimerState, back_target, next_target, phase_back_target
from .timeline import Phase, recorded_spans

__all__ = ["EVENTS", "Held", "Replica"]

# What the browser says: its page opened; a person's moves; a hold's end or the end reached.
EVENTS = ("open", "start", "pause", "skip", "back", "next", "previous", "reset", "hold", "done")
_LEAVING = ("skip", "back", "next", "previous", "reset")  # moves that leave the phase they are in


@dataclass(frozen=True)
class Held:
    """One hold the player finished or left part-way, and the seconds really held.

    For a movement, ``phase`` spans one side of it, all its reps (see
    ``timeline.recorded_spans``): its moving time is what it holds.
    """

    phase: Phase
    seconds: float

    @property
    def planned(self) -> float:
        """The hold's planned length in seconds."""
        return self.phase.duration


def _overlap(phase: Phase, lived: Iterable[tuple[float, float]]) -> float:
    return sum(max(0.0, min(end, phase.end) - max(start, phase.start)) for start, end in lived)


def _check(event: object) -> tuple[str, float, str]:
    """The type, time and session of an event from the browser; ValueError naming what is wrong."""
    if not isinstance(event, Mapping):
        raise ValueError(f"a player event is a mapping with type, t and session, got {event!r}")
    kind, t, session = event.get("type"), event.get("t"), event.get("session")
    if kind not in EVENTS:
        raise ValueError(f"player event type {kind!r} is unknown; one of {', '.join(EVENTS)}")
    if isinstance(t, bool) or not isinstance(t, numbers.Real) or not math.isfinite(t) or t < 0:
        raise ValueError(
            f"player event {kind!r}: t must be the browser's clock in seconds "
            f"(a finite number, 0 or more), got {t!r}"
        )
    if not isinstance(session, str) or not session:
        raise ValueError(
            f"player event {kind!r}: session must be a non-empty string, got {session!r}"
        )
    return kind, float(t), session


class Replica:
    """A Timer replayed from a browser player's events; ``hear`` returns the holds left."""

    def __init__(self, phases: Iterable[Phase], timeline: object = None) -> None:
        self._t = 0.0
        self.timer = Timer(phases, clock=lambda: self._t)
        self._spans = recorded_spans(self.timer.phases)  # what is recorded: holds, moving
        starts = [span.start for span in self._spans]
        self._span_of: dict[int, Phase] = {}  # phase index -> the span it is part of
        for phase in self.timer.phases:
            at = bisect.bisect_right(starts, phase.start) - 1
            if at >= 0 and self._spans[at].start <= phase.start < self._spans[at].end:
                self._span_of[phase.index] = self._spans[at]
        self.timeline = timeline  # the id of the timeline the browser was sent
        self.session: str | None = None  # the browser page (model) that is playing it
        self._reported: set[int] = set()  # holds reported in the current run
        self._runs = self.timer.runs

    def state(self) -> TimerState:
        """What the browser showed at the last event heard."""
        return self.timer.state()

    def hear(self, event: Mapping[str, object]) -> list[Held]:
        """Replay one event; return the holds it finished or left, each once per run.

        Events about another timeline (one replaced since) are ignored; events from a new
        session (the page reloaded) start afresh, and a hold in progress on the old page is
        lost.
        """
        kind, t, session = _check(event)
        if self.timeline is not None and event.get("timeline") != self.timeline:
            return []
        if session != self.session:
            self.session = session
            self.timer.reset()
            self._reported.clear()
            self._runs = self.timer.runs
            self._t = t
        self._t = max(self._t, t)  # one page's clock never goes back
        left = self._finished()
        if kind in _LEAVING:
            left += self._in_progress()
        self._move(kind)
        if self.timer.runs != self._runs:  # reset, or gone back: a new run
            self._runs = self.timer.runs
            self._reported.clear()
        return left

    def close(self) -> list[Held]:
        """The holds not yet reported, the one in progress included (as of the last event)."""
        return self._finished() + self._in_progress()

    def _move(self, kind: str) -> None:
        timer = self.timer
        phases = timer.phases
        if kind == "start":
            timer.start()
        elif kind == "pause":
            timer.pause()
        elif kind == "skip":
            timer.skip()
        elif kind == "back":
            timer.seek(phase_back_target(phases, timer.state()))
        elif kind == "next":
            timer.seek(next_target(phases, timer.state()))
        elif kind == "previous":
            timer.seek(back_target(phases, timer.state()))
        elif kind == "reset":
            timer.reset()

    def _finished(self) -> list[Held]:
        state = self.timer.state()
        lived = self.timer.lived()
        found: list[Held] = []
        for span in self._spans:
            if span.end > state.elapsed and state.status != "done":
                break
            if span.index not in self._reported:
                held = _overlap(span, lived)
                if held > 0:
                    self._reported.add(span.index)
                    found.append(Held(span, min(held, span.duration)))
        return found

    def _in_progress(self) -> list[Held]:
        phase = self.timer.state().phase
        span = None if phase is None else self._span_of.get(phase.index)
        if span is None or span.index in self._reported:
            return []
        held = _overlap(span, self.timer.lived())
        if held <= 0:
            return []
        self._reported.add(span.index)
        return [Held(span, min(held, span.duration))]
