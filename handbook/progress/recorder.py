"""Recording a guided run: each hold the player finished or left goes to the progress log at once.

The browser's player walks the timeline and tells the kernel what it really held: each event
names the spans (a hold, or a side of a movement) it finished or left, with the seconds held
(``handbook.timing.events``). Each becomes one record with its side and its routine, written
at once, so a kernel restart loses at most the hold in progress. A hold shorter than
``MIN_HELD_S`` (a key tried, a Skip pressed at once) is not a stretch done and is not
recorded, unless it was planned that short and held in full.

A write that fails (the log locked by another program, a file that cannot be used) is kept
and tried again later on the kernel's event loop, each try waiting only a moment for the lock,
so the loop never stalls; holds that come meanwhile queue behind it and nothing is lost.
``status`` says what is waiting, in words for the player to show.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from ..i18n import _, ngettext
from ..timing.events import HeldSpan, PlayerState, read_event
from ..timing.timeline import Phase, recorded_spans
from .store import ProgressLog

__all__ = ["MIN_HELD_S", "RETRY_S", "WRITE_TIMEOUT_S", "Held", "Log", "Recorder"]

MIN_HELD_S = 5.0  # a hold left before this many seconds was a key tried, not a stretch
WRITE_TIMEOUT_S = 0.05  # the longest a write made from the event loop waits for a lock
RETRY_S = (0.5, 1.0, 2.0, 4.0, 5.0)  # waits before each try again; the last one repeats
_FAILURES = (OSError, ValueError, sqlite3.Error)  # ProgressError is a ValueError


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

    @property
    def counts(self) -> bool:
        """True when it is worth a record: a few seconds held, or a short hold held in full."""
        return self.seconds >= min(MIN_HELD_S, self.planned - 1e-6)


class Handle(Protocol):
    """A call scheduled for later that can be called off (an ``asyncio.TimerHandle`` is one)."""

    def cancel(self) -> None: ...


Later = Callable[[float, Callable[[], None]], Handle | None]
"""Schedules a call after a delay in seconds; None when it cannot (no event loop)."""


class Log(Protocol):
    """What the recorder needs of a progress log (a ``ProgressLog`` is one)."""

    def record_many(
        self, rows: Iterable[Mapping[str, object]], *, timeout: float | None = None
    ) -> list[str | None]: ...


def loop_later(delay: float, callback: Callable[[], None]) -> asyncio.TimerHandle | None:
    """Call back after `delay` s on the running event loop (a kernel's); None without one."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop.call_later(delay, callback)


class Recorder:
    """Hears a player's events and writes each hold it finished or left to a progress log.

    ``log=True`` uses the default log, opened on the first write (showing a player never
    touches the disk); ``False`` or ``None`` records nothing. ``later(delay, callback)``
    schedules a try again (the running event loop's ``call_later`` by default; without a
    loop, waiting records are tried again with the next hold or ``flush()``).
    """

    def __init__(
        self,
        phases: Sequence[Phase],
        *,
        log: Log | bool | None = True,
        routine: str | None = None,
        timeline: object = None,
        later: Later = loop_later,
        timeout: float = WRITE_TIMEOUT_S,
        on_status: Callable[[str], None] | None = None,
    ):
        self._follow(phases, timeline)
        self.routine = routine
        self._log = log
        self._later = later
        self.timeout = timeout
        self._on_status = on_status
        self.pending: list[dict[str, object]] = []  # records not yet written, oldest first
        self.written = 0  # records written so far
        self.status = ""
        self._tries = 0  # tries again scheduled since the last write that worked
        self._retry: Handle | None = None  # the scheduled try again, if any
        self._wait = RETRY_S[0]

    @property
    def log(self) -> Log | None:
        """The progress log written to, or None (the default one is opened here)."""
        if self._log is True:
            self._log = ProgressLog(timeout=self.timeout)
        return self._log or None

    def _follow(self, phases: Sequence[Phase], timeline: object) -> None:
        self.spans = recorded_spans(phases)  # as the browser was sent them (payload "spans")
        self.timeline = timeline  # the id of the timeline the browser was sent
        self.player = PlayerState(total=phases[-1].end if phases else 0.0)
        self.session: str | None = None  # the browser page (model) that is playing it
        self._reported: set[tuple[int, int]] = set()  # (run, span) recorded from this page
        self._holding: tuple[HeldSpan, ...] = ()  # held, not yet reported, at the last event

    def follow(self, phases: Sequence[Phase], timeline: object = None) -> None:
        """Record for a new timeline; the hold in progress on the old one is recorded first."""
        self.close()
        self._follow(phases, timeline)

    def hear(self, event: Mapping[str, object]) -> list[Held]:
        """Check one event of the player; write the holds it finished or left; return them.

        Events about another timeline (one replaced since) are ignored; an event from a new
        session (the page reloaded) starts afresh, and a hold in progress on the old page is
        lost. Each span is recorded once a run.
        """
        heard = read_event(event, len(self.spans))
        if self.timeline is not None and heard.timeline != self.timeline:
            return []
        if heard.session != self.session:
            self.session = heard.session
            self._reported.clear()
        self.player.status = heard.status
        self._holding = heard.holding
        return self._keep(self._held(heard.held))

    def close(self) -> None:
        """Record the hold in progress (as of the last event) and write what waits, once more."""
        holding, self._holding = self._holding, ()
        self._keep(self._held(holding))

    def _held(self, spans: Iterable[HeldSpan]) -> list[Held]:
        found = []
        for held in spans:
            if (held.run, held.span) not in self._reported and held.seconds > 0:
                self._reported.add((held.run, held.span))
                span = self.spans[held.span]
                found.append(Held(span, min(held.seconds, span.duration)))
        return [h for h in found if h.counts]

    def _keep(self, held: list[Held]) -> list[Held]:
        if not self._log:
            return held
        when = datetime.now(UTC)
        self.pending += [
            {
                "stretch": h.phase.stretch,
                "side": h.phase.side,
                "planned_s": h.planned,
                "done_s": h.seconds,
                "routine": self.routine,
                "when": when,
            }
            for h in held
        ]
        if self.pending:
            self.flush()
        return held

    def flush(self) -> bool:
        """Try to write every waiting record now; True when nothing waits any more."""
        if not self.pending:
            return True
        try:
            log = self.log
            if log is None:
                self.pending.clear()
                return True
            log.record_many(self.pending, timeout=self.timeout)
        except _FAILURES as exc:
            self._failed(exc)
            return False
        self.written += len(self.pending)
        self.pending.clear()
        self._tries = 0
        if self._retry is not None:
            self._retry.cancel()
            self._retry = None
        self._say("")
        return True

    def _failed(self, exc: Exception) -> None:
        n = len(self.pending)
        kept = ngettext("{n} hold kept", "{n} holds kept", n).format(n=n)
        if self._retry is None:  # one try again at a time; later holds join the queue
            self._wait = RETRY_S[min(self._tries, len(RETRY_S) - 1)]
            self._retry = self._later(self._wait, self._try_again)
            self._tries += 1
        when = (
            _("trying again in {wait:g} s").format(wait=self._wait)
            if self._retry is not None
            else _("trying again with the next hold")
        )
        self._say(
            _("Not recorded yet: {exc}. {kept}, {when}.").format(exc=exc, kept=kept, when=when)
        )

    def _try_again(self) -> None:
        self._retry = None
        self.flush()

    def _say(self, text: str) -> None:
        if text != self.status:
            self.status = text
            if self._on_status is not None:
                self._on_status(text)
