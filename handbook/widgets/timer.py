"""StretchTimer: guides a person through each hold, side switch and breath of a stretch."""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import Callable, Sequence

import ipywidgets as widgets

from ..catalog.stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch
from ..timing.clock import Timer, TimerState
from ..timing.timeline import (
    GET_READY_S,
    HOLD_CHOICE_S,
    MAX_BPM,
    MIN_BPM,
    REST_S,
    SWITCH_S,
    TimedItem,
    build_phases,
    mss,
    pace_phase,
)
from .countdown import Chime, Countdown, Recorder
from .style import close_all, stylesheet

HOLD_RANGE = HOLD_CHOICE_S  # seconds the hold slider offers


class StretchTimer(widgets.VBox):
    """A guided timer for one stretch or several in a row, with a breath pacer and tones.

    Start runs the countdown as one asyncio task on the kernel's loop; nothing runs until
    Start is pressed, and closing the widget cancels the task. Each stretch done (or left
    part-way) is written to the progress log; ``log=False`` turns that off.
    """

    def __init__(self, stretches: Stretch | Sequence[Stretch], *, title: str | None = None,
                 breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE,
                 hold_s: float | None = None, get_ready: float = GET_READY_S,
                 switch: float = SWITCH_S, rest: float = REST_S,
                 rest_between: float | None = None, sound: bool = True, log=True,
                 routine: str | None = None,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()  # first: a widget that fails half-way must still close cleanly
        self.stretches = (stretches,) if isinstance(stretches, Stretch) else tuple(stretches)
        if not self.stretches:
            raise ValueError("a timer needs at least one stretch")
        if hold_s is not None and len(self.stretches) > 1:
            raise ValueError("hold_s sets the hold of a single stretch; for several, give each "
                             "its hold in a Routine (set_item) and play it with RoutinePlayer")
        if hold_s is not None and not HOLD_RANGE[0] <= hold_s <= HOLD_RANGE[1]:
            raise ValueError(f"hold_s must be from {HOLD_RANGE[0]} to {HOLD_RANGE[1]} seconds "
                             f"here, got {hold_s!r}")
        self._gaps = {"get_ready": get_ready, "switch": switch, "rest": rest,
                      "rest_between_items": rest_between}
        self._clock = clock
        self.countdown = Countdown(self.refresh)
        self.recorder = Recorder(self.stretches, log,
                                 routine=routine or (title if len(self.stretches) > 1 else None))
        single = len(self.stretches) == 1
        name = title or (self.stretches[0].name if single
                         else " then ".join(s.name for s in self.stretches))

        self.title = widgets.HTML(html.escape(name)).add_class("hb-title")
        self.phase = widgets.HTML().add_class("hb-phase")
        self.remaining = widgets.HTML().add_class("hb-remaining")
        self.next_up = widgets.HTML().add_class("hb-next")
        self.progress = widgets.HTML().add_class("hb-progress")
        self.total = widgets.HTML().add_class("hb-total")
        self.pacer = widgets.HTML().add_class("hb-pacer")
        self.phase_bar = widgets.FloatProgress(min=0, max=1, description="This phase",
                                               style={"description_width": "90px"})
        self.total_bar = widgets.FloatProgress(min=0, max=1, description="All of it",
                                               style={"description_width": "90px"})
        self.phase_bar.add_class("hb-phase-progress")
        self.total_bar.add_class("hb-total-progress")
        self.start_button = widgets.Button(description="Start", icon="play",
                                           button_style="success")
        self.pause_button = widgets.Button(description="Pause", icon="pause")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.skip_button = widgets.Button(description="Skip", icon="forward")
        self.pace = widgets.IntSlider(value=round(breaths_per_minute), min=MIN_BPM,
                                      max=MAX_BPM, description="Breaths/min",
                                      style={"description_width": "90px"})
        first_hold = hold_s if hold_s is not None else self.stretches[0].hold_s
        self.hold = widgets.IntSlider(value=round(first_hold), min=min(HOLD_RANGE[0],
                                      round(first_hold)), max=max(HOLD_RANGE[1],
                                      round(first_hold)), step=1,
                                      description="Hold (s)", style={"description_width": "90px"},
                                      layout=widgets.Layout(display=None if single else "none"))
        self._hold_set = hold_s is not None
        self.chime = Chime(sound)
        self.mute, self.audio = self.chime.mute, self.chime.audio

        self.start_button.on_click(self._on_start)
        self.pause_button.on_click(self._on_pause)
        self.reset_button.on_click(self._on_reset)
        self.skip_button.on_click(self._on_skip)
        self.pace.observe(self._on_pace, "value")
        self.hold.observe(self._on_hold, "value")

        controls = widgets.HBox([self.start_button, self.pause_button, self.reset_button,
                                 self.skip_button]).add_class("hb-controls")
        self.settings = widgets.VBox([self.hold, widgets.HBox([self.pace, self.mute])])
        self.settings.add_class("hb-settings")
        self.children = [stylesheet(), self.title, self.progress, self.phase, self.remaining,
                         self.next_up, self.pacer, self.phase_bar, self.total_bar, self.total,
                         controls, self.settings, self.recorder.status, self.audio]
        self.add_class("hb-timer")
        self._build()

    # Engine ---------------------------------------------------------------------------
    def items(self) -> list[TimedItem]:
        """What will be timed, with the holds and pace set in the widget."""
        bpm = self.pace.value
        if len(self.stretches) == 1 and self._hold_set:
            return [TimedItem.from_stretch(self.stretches[0], hold_s=self.hold.value)]
        return [TimedItem.from_stretch(s, breaths_per_minute=bpm) for s in self.stretches]

    def _build(self) -> None:
        self.timer = Timer(build_phases(self.items(), **self._gaps), clock=self._clock)
        self.total.value = f"{mss(self.timer.total)} in all"
        self.chime.forget()
        self.refresh()

    # Views ----------------------------------------------------------------------------
    def refresh(self) -> TimerState:
        """Show the timer's state now; sound a tone when a running timer enters a new phase."""
        state = self.timer.state()
        phase = state.phase
        kind = phase.kind if phase else "done"
        self.phase.value = (f'<span class="hb-kind-{kind}">{html.escape(state.label)}</span>')
        self.remaining.value = mss(state.remaining_in_phase)
        nxt = phase.next_name if phase else None
        self.next_up.value = f"Next up: {html.escape(nxt)}" if nxt else ""
        if len(self.stretches) > 1:
            n = phase.item + 1 if phase else len(self.stretches)
            current = self.stretches[n - 1].name
            self.progress.value = (f"Stretch {n} of {len(self.stretches)}: "
                                   f"{html.escape(current)}")
        self.phase_bar.value = state.phase_progress
        self.total_bar.value = state.total_progress
        self.pacer.value = self._pacer(state)
        self.recorder.update(self.timer, state)
        self.chime.follow(state)
        running = state.status == "running"
        self.start_button.disabled = running or state.status == "done"
        self.pause_button.disabled = not running
        self.skip_button.disabled = state.status == "done"
        for control in (self.hold, self.pace):
            control.disabled = state.status != "idle"
        return state

    def _pacer(self, state: TimerState) -> str:
        phase = state.phase
        if phase is None or phase.kind != "hold" or state.status == "idle":
            return ('<div class="hb-breath" style="transform: scale(0.6)"></div>'
                    '<span class="hb-breath-word">Breathe freely</span>')
        word, fraction = pace_phase(state.elapsed - phase.start, self.pace.value)
        scale = 0.55 + 0.45 * (fraction if word == "Breathe in" else 1 - fraction)
        return (f'<div class="hb-breath" style="transform: scale({scale:.3f})"></div>'
                f'<span class="hb-breath-word">{word}</span>')

    # Events ---------------------------------------------------------------------------
    def _on_start(self, _=None) -> None:
        self.timer.start()
        self.refresh()
        self.countdown.start()

    def _on_pause(self, _=None) -> None:
        self.timer.pause()
        self.refresh()

    def _on_reset(self, _=None) -> None:
        self.recorder.flush(self.timer)
        self.timer.reset()
        self.chime.forget()
        self.refresh()

    def _on_skip(self, _=None) -> None:
        self.timer.skip()
        self.refresh()

    def _on_pace(self, change) -> None:
        if not self._hold_set and len(self.stretches) == 1:
            self.hold.unobserve(self._on_hold, "value")
            self.hold.value = round(self.stretches[0].hold_seconds(change["new"]))
            self.hold.observe(self._on_hold, "value")
        self._build()

    def _on_hold(self, _change) -> None:
        self._hold_set = True
        self._build()

    @property
    def running_task(self) -> asyncio.Task | None:
        """The countdown task while it runs, else None."""
        return self.countdown.task

    def close(self) -> None:
        """Stop the countdown and close every part of the widget."""
        if getattr(self, "countdown", None) is not None:
            self.countdown.cancel()
            self.recorder.flush(self.timer)
        close_all(self)
