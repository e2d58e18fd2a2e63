"""ClassMode: lead a room through a routine on a projector, one big stretch at a time.

Before class the teacher picks a routine (a built-in one or a file of their own) and, if
they like, one hold for every stretch. In class the screen shows the stretch, the phase,
the time left in large type, the picture, one cue and what comes next; Start, Pause, Next
and Back drive it, and it moves on by itself. Time is the engine's (handbook.timer).
"""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..catalog.loader import Catalog
from ..pictures.draw import svg
from ..timing.clock import Timer, TimerState, back_target, current_item, next_target
from ..timing.routine import Routine, RoutineError
from ..timing.routinefile import load_routine, routines
from ..timing.timeline import CLASS_HOLD_CHOICE_S, mss, stretch_starts
from .countdown import Chime, Countdown, Recorder
from .style import close_all

"""Back within this many seconds of a stretch's start goes to the stretch before it."""

HOLD_RANGE = CLASS_HOLD_CHOICE_S
"""Hold (s) slider: min, max, step."""

CSS = """
.hb-class {
  --hb-fg: var(--jp-ui-font-color0, #111); --hb-bg: var(--jp-layout-color0, #fff);
  --hb-soft: var(--jp-ui-font-color1, #333); --hb-line: var(--jp-border-color1, #999);
  --hb-hold: #d9622b; --hb-calm: #2f7d95;
  color: var(--hb-fg); background: var(--hb-bg); padding: 16px 20px; gap: 10px;
  font-family: var(--jp-ui-font-family, system-ui, sans-serif); box-sizing: border-box;
  width: 100%; max-width: none; overflow-wrap: anywhere;
}
.hb-class .widget-html, .hb-class .widget-html-content { height: auto; line-height: 1.2;
  color: var(--hb-fg); }
.hb-class .hb-class-setup { flex-flow: row wrap; align-items: center; gap: 8px 16px;
  padding-bottom: 10px; border-bottom: 2px solid var(--hb-line); }
.hb-class .hb-class-setup .widget-label, .hb-class .hb-class-setup label,
.hb-class .hb-class-setup select { font-size: 16px; color: var(--hb-fg); }
.hb-class .hb-class-plan ol { margin: 0; padding-left: 1.6em; font-size: 15px;
  columns: 2 320px; }
.hb-class .hb-class-status { font-size: 15px; color: var(--hb-soft); }
.hb-class .hb-class-status .hb-error { color: var(--jp-error-color1, #b3261e); font-weight: 600; }
.hb-class .hb-class-stage { gap: 28px; align-items: center; flex-flow: row wrap; }
.hb-class .hb-class-picture { flex: 0 1 auto; }
.hb-class .hb-class-picture svg { width: min(42vw, 62vh, 460px); height: auto;
  background: #fff; border-radius: 12px; }
.hb-class .hb-class-info { flex: 1 1 420px; gap: 6px; }
.hb-class .hb-class-progress { font-size: 26px; color: var(--hb-soft); font-weight: 600; }
.hb-class .hb-class-name { font-size: 44px; font-weight: 700; line-height: 1.1; }
.hb-class .hb-phase { font-size: 40px; font-weight: 700; padding-left: 14px;
  border-left: 12px solid var(--hb-line); }
.hb-class .hb-phase.hb-kind-hold { border-left-color: var(--hb-hold); }
.hb-class .hb-phase.hb-kind-rest, .hb-class .hb-phase.hb-kind-switch,
.hb-class .hb-phase.hb-kind-ready { border-left-color: var(--hb-calm); }
.hb-class .hb-remaining, .hb-class .hb-remaining .widget-html-content {
  font-size: clamp(96px, 17vh, 240px); font-weight: 800; line-height: 1;
  font-variant-numeric: tabular-nums; letter-spacing: -0.02em; }
.hb-class .hb-class-cue { font-size: 30px; font-style: italic; }
.hb-class .hb-next { font-size: 28px; color: var(--hb-soft); }
.hb-class .hb-class-total { font-size: 20px; color: var(--hb-soft); }
.hb-class .hb-controls { gap: 14px; flex-flow: row wrap; padding-top: 8px; }
.hb-class .hb-controls button { height: 64px; min-width: 170px; font-size: 26px;
  font-weight: 700; border-radius: 10px; }
.hb-class .hb-controls .hb-mute { min-width: 120px; font-size: 20px; }
"""


# The widget ---------------------------------------------------------------------------------
class ClassMode(widgets.VBox):
    """A routine for a room: choose it, then lead it with big type and Start, Pause, Next, Back.

    Start runs the countdown as one asyncio task on the kernel's loop; nothing runs until
    Start is pressed, and closing the widget cancels the task.
    """

    def __init__(self, catalog: Catalog, *, routine: str | Routine | None = None,
                 folder: str | Path = "my-routines", hold_s: float | None = None,
                 sound: bool = True, handout_folder: str | Path = ".", log=True,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()  # first: a widget that fails half-way must still close cleanly
        if hold_s is not None and not HOLD_RANGE[0] <= hold_s <= HOLD_RANGE[1]:
            raise ValueError(f"hold_s must be from {HOLD_RANGE[0]} to {HOLD_RANGE[1]} seconds, "
                             f"got {hold_s!r}")
        self.catalog = catalog
        self.folder = Path(folder)
        self.handout_folder = Path(handout_folder)
        self._clock = clock
        self.countdown = Countdown(self.refresh)
        self.recorder = Recorder((), log)
        self._shown_picture: tuple[int, str] | None = None
        self.choices, self.problems = self._find_routines()
        if isinstance(routine, Routine):
            self.choices = {**self.choices, routine.id: routine}  # the one passed in wins
            routine = routine.id
        if not self.choices:
            raise ValueError("there is no routine to lead: no built-in routine and none in "
                             f"{self.folder}")
        if routine is None:
            routine = "back-pain-basics" if "back-pain-basics" in self.choices \
                else next(iter(self.choices))
        if routine not in self.choices:
            raise KeyError(f"no routine {routine!r}; choose from {sorted(self.choices)}")

        # Before class
        self.choose = widgets.Dropdown(
            options=[(self._label(key), key) for key in self.choices], value=routine,
            description="Routine", style={"description_width": "70px"},
            layout=widgets.Layout(width="380px"))
        self.same_hold = widgets.Checkbox(value=hold_s is not None, indent=False,
                                          description="Same hold for every stretch",
                                          layout=widgets.Layout(width="auto"))
        low, high, step = HOLD_RANGE
        self.hold = widgets.IntSlider(value=round(hold_s) if hold_s is not None else 30,
                                      min=low, max=high, step=step, description="Hold (s)",
                                      style={"description_width": "70px"})
        self.handout_button = widgets.Button(description="Handout", icon="print",
                                             tooltip="Write a printable handout of this "
                                                     "routine next to the notebook")
        self.plan = widgets.HTML().add_class("hb-class-plan")
        self.status = widgets.HTML().add_class("hb-class-status")
        self.setup = widgets.HBox([self.choose, self.same_hold, self.hold, self.handout_button])
        self.setup.add_class("hb-class-setup")

        # In class
        self.picture = widgets.HTML().add_class("hb-class-picture")
        self.progress = widgets.HTML().add_class("hb-class-progress")
        self.stretch_name = widgets.HTML().add_class("hb-class-name")
        self.phase = widgets.HTML().add_class("hb-phase")
        self.remaining = widgets.HTML().add_class("hb-remaining")
        self.cue = widgets.HTML().add_class("hb-class-cue")
        self.next_up = widgets.HTML().add_class("hb-next")
        self.total = widgets.HTML().add_class("hb-class-total")
        self.start_button = widgets.Button(description="Start", icon="play",
                                           button_style="success")
        self.pause_button = widgets.Button(description="Pause", icon="pause",
                                           button_style="warning")
        self.back_button = widgets.Button(description="Back", icon="step-backward")
        self.next_button = widgets.Button(description="Next", icon="step-forward")
        self.chime = Chime(sound)
        self.mute, self.audio = self.chime.mute, self.chime.audio
        info = widgets.VBox([self.progress, self.stretch_name, self.phase, self.remaining, self.cue,
                             self.next_up, self.total]).add_class("hb-class-info")
        stage = widgets.HBox([self.picture, info]).add_class("hb-class-stage")
        controls = widgets.HBox([self.start_button, self.pause_button, self.back_button,
                                 self.next_button, self.mute]).add_class("hb-controls")

        self.choose.observe(self._on_setup, "value")
        self.same_hold.observe(self._on_setup, "value")
        self.hold.observe(self._on_setup, "value")
        self.handout_button.on_click(self._on_handout)
        self.start_button.on_click(self._on_start)
        self.pause_button.on_click(self._on_pause)
        self.back_button.on_click(self._on_back)
        self.next_button.on_click(self._on_next)

        style = widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(display="none"))
        self.children = [style, self.setup, self.plan, self.status, stage, controls,
                         self.recorder.status, self.audio]
        self.add_class("hb-class")
        self._say_problems()
        self._build()

    # Routines -------------------------------------------------------------------------
    def _find_routines(self) -> tuple[dict[str, Routine], list[str]]:
        """The built-in routines by id, then each file in the folder by its path; and problems."""
        found: dict[str, Routine] = {}
        problems: list[str] = []
        try:
            found.update(routines(self.catalog))
        except RoutineError:
            problems.append("The built-in routines need stretches this catalogue does not "
                            "have; load it with handbook.load_catalog(folder, builtin=True).")
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("*.toml")):
                try:
                    found[str(path)] = load_routine(path, self.catalog)
                except (ValueError, KeyError, OSError) as exc:
                    for problem in getattr(exc, "problems", None) or [exc]:
                        field = getattr(problem, "field", None)
                        message = getattr(problem, "message", str(problem))
                        problems.append(f"{path.name}: {field}: {message}" if field
                                        else f"{path.name}: {message}")
        return found, problems

    def _label(self, key: str) -> str:
        routine = self.choices[key]
        return routine.name if key == routine.id else f"{routine.name} ({Path(key).name})"

    @property
    def routine(self) -> Routine:
        """The chosen routine, with the one hold for every stretch when that is set."""
        routine = self.choices[self.choose.value]
        if self.same_hold.value:
            for n in range(len(routine.items)):
                routine = routine.set_item(n, hold_s=self.hold.value)  # reps kept
        return routine

    def _build(self) -> None:
        """A fresh timer for the routine as set; nothing runs until Start."""
        self.countdown.cancel()
        if hasattr(self, "timer"):
            self.recorder.flush(self.timer)  # what was done of the last routine
        routine = self.routine
        self.stretches = routine.stretches
        self.recorder.stretches, self.recorder.routine = self.stretches, routine.id
        self.timer = Timer(routine.phases(), clock=self._clock)
        self._starts = stretch_starts(self.timer.phases)
        self.chime.forget()
        self._shown_picture = None
        self.hold.disabled = not self.same_hold.value
        self.plan.value = self._plan_html(routine)
        self.refresh()

    def _plan_html(self, routine: Routine) -> str:
        rows = []
        for stretch in self.stretches:
            each = " each side" if stretch.sides == "each" else ""
            reps = f", {stretch.reps} times" if stretch.reps > 1 else ""
            rows.append(f"<li>{html.escape(stretch.name)}: {stretch.hold_s:g} s{each}{reps}</li>")
        return (f"<b>{html.escape(routine.name)}</b>: {len(self.stretches)} stretches, "
                f"{mss(self.timer.total)} in all<ol>{''.join(rows)}</ol>")

    # Views ----------------------------------------------------------------------------
    def refresh(self) -> TimerState:
        """Show the class's state now; sound a tone when a running class enters a new phase."""
        state = self.timer.state()
        self.recorder.update(self.timer, state)
        phases = self.timer.phases
        item = current_item(phases, state)
        stretch = self.stretches[item]
        n = len(self.stretches)
        phase = state.phase
        kind = phase.kind if phase else "done"
        self.progress.value = f"Stretch {item + 1} of {n}"
        self.stretch_name.value = html.escape(stretch.name) if phase else "Well done!"
        self.phase.value = html.escape(state.label)
        self._kind(kind)
        self.remaining.value = mss(state.remaining_in_phase)
        cue = stretch.cues[0] if stretch.cues else stretch.steps[0]  # one key cue
        self.cue.value = html.escape(cue) if phase else ""
        if phase is None:
            self.next_up.value = ""
        elif item + 1 < n:
            self.next_up.value = f"Next up: {html.escape(phases[self._starts[item + 1]].name)}"
        else:
            self.next_up.value = "Next up: the end of the class"
        self.total.value = (f"{mss(state.remaining_total)} left in the class" if phase
                            else f"{mss(self.timer.total)} of stretching done")
        side = "second" if phase is not None and phase.side == "right" else "first"
        if (item, side) != self._shown_picture:
            self._shown_picture = (item, side)
            self.picture.value = svg(stretch, side=side, size=460)
        self.chime.follow(state)
        running = state.status == "running"
        self.start_button.disabled = running
        self.pause_button.disabled = not running
        self.next_button.disabled = state.status == "done"
        self.back_button.disabled = state.status == "idle"
        for control in (self.choose, self.same_hold, self.handout_button):
            control.disabled = running
        self.hold.disabled = running or not self.same_hold.value
        return state

    def _kind(self, kind: str) -> None:
        for old in [c for c in self.phase._dom_classes if c.startswith("hb-kind-")]:
            if old != f"hb-kind-{kind}":
                self.phase.remove_class(old)
        if f"hb-kind-{kind}" not in self.phase._dom_classes:
            self.phase.add_class(f"hb-kind-{kind}")

    def _say(self, text: str, error: bool = False) -> None:
        """Show a message (already escaped HTML) in the status line."""
        self.status.value = f'<span class="hb-error">{text}</span>' if error else text

    def _say_problems(self) -> None:
        if self.problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
            self._say(f"Some routine files in {html.escape(str(self.folder))} could not be "
                      f"used:<ul>{items}</ul>", error=True)

    # Events ---------------------------------------------------------------------------
    def _on_setup(self, _change=None) -> None:
        self._build()

    def _on_start(self, _=None) -> None:
        if self.timer.status == "done":  # once more from the top
            self.recorder.flush(self.timer)
            self.timer.reset()
            self.chime.forget()
        self.timer.start()
        self.refresh()
        self.countdown.start()

    def _on_pause(self, _=None) -> None:
        self.timer.pause()
        self.refresh()

    def _on_next(self, _=None) -> None:
        self.recorder.flush(self.timer)
        self.timer.seek(next_target(self.timer.phases, self.timer.state()))
        self.refresh()

    def _on_back(self, _=None) -> None:
        self.recorder.flush(self.timer)
        self.timer.seek(back_target(self.timer.phases, self.timer.state()))
        self.refresh()

    def _on_handout(self, _=None) -> None:
        routine = self.routine
        path = self.handout_folder / f"{routine.id}-handout.html"
        try:
            routine.to_html(path)
        except OSError as exc:
            self._say(f"Could not write the handout {html.escape(str(path))}: "
                      f"{html.escape(str(exc))}", error=True)
            return
        self._say(f"Handout written to <code>{html.escape(str(path.resolve()))}</code>: "
                  "open it in a browser and print it, or send it to the class.")

    @property
    def running_task(self) -> asyncio.Task | None:
        """The countdown task while it runs, else None."""
        return self.countdown.task

    def close(self) -> None:
        """Stop the countdown and close every part of the widget."""
        if getattr(self, "countdown", None) is not None:
            self.countdown.cancel()
        if getattr(self, "timer", None) is not None:
            self.recorder.flush(self.timer)
        close_all(self)
