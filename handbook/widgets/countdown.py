"""What every timer view shares: the countdown task, the tones, and recording progress."""

from __future__ import annotations

import asyncio
import html
import sqlite3
from collections.abc import Callable

import ipywidgets as widgets

from ..timing.clock import Timer, TimerState, next_update
from ..timing.timeline import hold_seconds
from ..timing.tones import tone


class Countdown:
    """Keeps calling a view's refresh() while its timer runs, as one task on the kernel's loop.

    ``start()`` makes the task only when none is running, however often it is called, and
    only inside a running event loop (a kernel); elsewhere (plain Python, tests) the view's
    refresh() is called by hand. ``cancel()`` stops it.
    """

    def __init__(self, refresh: Callable[[], TimerState]):
        self._refresh = refresh
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        """Run the countdown unless it is already running."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self.task is None:
            self._task = loop.create_task(self._run())

    async def _run(self) -> None:
        while (state := self._refresh()).status == "running":
            await asyncio.sleep(next_update(state))

    @property
    def task(self) -> asyncio.Task | None:
        """The countdown task while it runs, else None."""
        return self._task if self._task is not None and not self._task.done() else None

    def cancel(self) -> None:
        """Stop the countdown."""
        if self._task is not None:
            self._task.cancel()
            self._task = None


class Chime:
    """A hidden audio element that sounds the tone of each phase entered, and its mute button."""

    def __init__(self, sound: bool = True):
        self.mute = widgets.ToggleButton(value=not sound, description="Mute", icon="volume-off",
                                         tooltip="Silence the tone at each change of phase")
        self.mute.add_class("hb-mute")
        self.audio = widgets.Audio(value=b"", format="wav", autoplay=True, loop=False,
                                   controls=False, layout=widgets.Layout(display="none"))
        self._plays = 0
        self._shown: int | None = None  # the phase index last shown

    def follow(self, state: TimerState) -> None:
        """Sound the tone when a running (or just finished) timer has entered a new phase."""
        if state.phase_index != self._shown:
            if self._shown is not None and state.status in ("running", "done"):
                self.play(state.phase.kind if state.phase else "done")
            self._shown = state.phase_index

    def forget(self) -> None:
        """Start afresh (after a reset or a new timeline): the next phase shown is silent."""
        self._shown = None

    def play(self, kind: str) -> None:
        """Sound the tone for entering a phase of this kind ("done" at the end), unless muted."""
        if not self.mute.value:
            self._plays += 1  # alternate two variants, so the same tone plays again
            self.audio.value = tone(kind, variant=self._plays % 2)


class Recorder:
    """Writes each stretch a person finished or left to a progress log, once per run.

    ``log=True`` uses the default log (created on the first record, so showing a timer
    never touches the disk); ``False`` or ``None`` records nothing. When the log cannot be
    written, ``status`` says so and recording stops; the timer carries on.
    """

    def __init__(self, stretches, log=True, routine: str | None = None):
        self.stretches = tuple(stretches)
        self.routine = routine
        self._log = log
        self._written: set[int] = set()  # items recorded in the timer's current run
        self._run: tuple[int, int] | None = None
        self.status = widgets.HTML().add_class("hb-log-status")

    @property
    def log(self):
        """The progress log written to, or None."""
        if self._log is True:
            from ..progress import ProgressLog

            self._log = ProgressLog()
        return self._log or None

    def update(self, timer: Timer, state: TimerState) -> None:
        """Record every stretch the timer has moved past (all of them once it is done)."""
        if state.status not in ("running", "paused", "done"):
            return
        reached = state.phase.item if state.phase else len(self.stretches)
        self._write(timer, list(range(reached)))

    def flush(self, timer: Timer) -> None:
        """Record the stretch in progress too (before a reset, a jump or closing)."""
        state = timer.state()
        current = state.phase.item + 1 if state.phase else len(self.stretches)
        self._write(timer, list(range(current)))

    def _write(self, timer: Timer, items: list[int]) -> None:
        if self._run != (id(timer), timer.runs):  # a new timer, or one reset: a new run
            self._run = (id(timer), timer.runs)
            self._written.clear()
        items = [i for i in items if i not in self._written]
        if not items or not self._log:
            self._written.update(items)
            return
        planned = hold_seconds(timer.phases)
        done = hold_seconds(timer.phases, timer.lived())
        rows = [{"stretch": self.stretches[i].id, "planned_s": planned.get(i, 0.0),
                 "done_s": min(done.get(i, 0.0), planned.get(i, 0.0)),
                 "routine": self.routine} for i in items]
        self._written.update(items)
        try:
            self.log.record_many(rows)
        except (OSError, ValueError, sqlite3.Error) as exc:  # say so, keep the timer going
            self._log = None
            self.status.value = (f'<span class="hb-error">Not recorded: '
                                 f"{html.escape(str(exc))}</span>")
