"""ClassMode: lead a room through a routine on a projector, one big stretch at a time.

Before class the teacher's panel offers a routine (a built-in one or a file of their own),
one hold for every stretch and a handout to download; their own stretches (``my-stretches``)
join the built-in ones, and any problem with their files is listed there. The panel folds
away when the class starts. In class the stage shows the stretch, the phase, the time left
in large type, the picture, one cue and what comes next; Start, Pause, Next and Back drive
it, Present puts it on the whole screen, and it moves on by itself. It runs in the browser
(see ``Guide``), with keys for a presenter's clicker: PageDown or Right for Next, PageUp or
Left for Back, Space to start and pause.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from ..catalog.conditions import alternatives
from ..catalog.loader import Catalog, load_catalog, load_with_own
from ..catalog.stretch import DEFAULT_BREATHS_PER_MINUTE
from ..errors import Problem
from ..output.cards import hold_summary
from ..output.download import download_link
from ..progress.recorder import Log
from ..timing.clock import Timer
from ..timing.routine import Routine, RoutineError
from ..timing.routinefile import WARM_UP, load_routine, routines
from ..timing.timeline import CLASS_HOLD_CHOICE_S, mss
from .guide import Guided, pictures
from .style import Change, close_all

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
.hb-class .hb-class-picture svg { width: min(40vw, 56vh, 460px); height: auto;
  background: transparent; border-radius: 12px; }
.hb-class .hb-class-stage > .hb-guide { flex: 1 1 420px; min-width: 0; }
.hb-class .hb-class-panel { gap: 8px; padding: 10px 14px; border: 2px solid var(--hb-line);
  border-radius: 10px; }
.hb-class .hb-class-teacher { font-size: 15px; color: var(--hb-soft); }
.hb-class .hb-class-teacher ol { margin: 4px 0; padding-left: 1.4em; }
.hb-class .hb-download { font-size: 16px; font-weight: 600; }
.hb-class.hb-in-class .hb-class-panel { display: none; } /* the room sees only the stage */
.hb-class .widget-dropdown, .hb-class .widget-hslider { max-width: 100%; }
.hb-class:fullscreen { overflow: auto; padding: 2vh 3vw; background: var(--hb-bg); }
.hb-class:fullscreen .hb-class-stage { min-height: 94vh; }
@media (max-width: 640px) {
  .hb-class { padding: 8px; }
  .hb-class .hb-class-stage { flex-direction: column; align-items: stretch; gap: 10px; }
  .hb-class .hb-class-stage > .hb-guide { flex: 1 1 auto; }
  .hb-class .hb-class-picture svg { width: min(70vw, 30vh); margin: 0 auto; display: block; }
  .hb-class .hb-class-setup > * { width: 100% !important; }
  .hb-class .hb-class-plan ol { columns: 1; }
}
"""

TEACHER_NOTES = """<b>For the teacher.</b> This panel folds away when the class starts, so the
room sees only the stage.<ol>
<li>Choose a routine: the built-in ones, and your own files in <code>my-routines/</code> next
to this page. Your own stretches in <code>my-stretches/</code> can be in them too.</li>
<li>Tick <i>Start with the warm-up</i> to lead the room through a few minutes of counted
movements first, and <i>Same hold for every stretch</i> to give every hold one length (the
warm-up keeps its reps).</li>
<li><b>Handout</b> gives a page to download, print or send: pictures, steps and cautions.</li>
<li>Press <b>Present</b> for the whole screen (Escape leaves it), then <b>Start</b>. A
presenter's clicker works: Page Down or Right for Next, Page Up or Left for Back, Space to
pause. The class moves on by itself, with a tone and a voice at each change.</li></ol>"""


# The widget ---------------------------------------------------------------------------------
class ClassMode(widgets.VBox):
    """A routine for a room: choose it, then lead it with big type and Start, Pause, Next, Back.

    The countdown runs in the browser; the kernel hears each move and records each hold.

    ``catalog`` (default: the built-in one with ``stretches``, your folder of stretch files);
    ``routine`` to start with; ``folder`` of your routines; ``hold_s`` one hold for every
    stretch; ``sound``, ``log`` (False: record nothing) and ``warm_up`` as the timer's.

    >>> from handbook.widgets import ClassMode
    >>> room = ClassMode(routine="back-pain-basics", stretches=None, log=False)
    >>> room.player is not None
    True
    """

    def __init__(
        self,
        catalog: Catalog | None = None,
        *,
        routine: str | Routine | None = None,
        folder: str | Path = "my-routines",
        stretches: str | Path | None = "my-stretches",
        hold_s: float | None = None,
        sound: bool = True,
        log: Log | bool | None = True,
        warm_up: bool = False,
    ) -> None:
        super().__init__()  # first: a widget that fails half-way must still close cleanly
        if hold_s is not None and not HOLD_RANGE[0] <= hold_s <= HOLD_RANGE[1]:
            raise ValueError(
                f"hold_s must be from {HOLD_RANGE[0]} to {HOLD_RANGE[1]} seconds, got {hold_s!r}"
            )
        own_problems: list[Problem] = []
        if stretches is not None:  # the teacher's own stretches join the built-in ones
            catalog, own_problems = load_with_own(stretches, catalog)
        elif catalog is None:
            catalog = load_catalog()
        self.catalog = catalog
        self.folder = Path(folder)
        self._putting_back = False
        self.choices, self.problems = self._find_routines()
        self.problems = [str(p) for p in own_problems] + self.problems
        if isinstance(routine, Routine):
            self.choices = {**self.choices, routine.id: routine}  # the one passed in wins
            routine = routine.id
        if not self.choices:
            raise ValueError(
                f"there is no routine to lead: no built-in routine and none in {self.folder}"
            )
        if routine is None:
            routine = (
                "back-pain-basics"
                if "back-pain-basics" in self.choices
                else next(iter(self.choices))
            )
        if routine not in self.choices:
            raise KeyError(f"no routine {routine!r}; choose from {sorted(self.choices)}")

        # Before class
        self.choose = widgets.Dropdown(
            options=[(self._label(key), key) for key in self.choices],
            value=routine,
            description="Routine",
            style={"description_width": "70px"},
            layout=widgets.Layout(width="380px"),
        )
        self.same_hold = widgets.Checkbox(
            value=hold_s is not None,
            indent=False,
            description="Same hold for every stretch",
            layout=widgets.Layout(width="auto"),
        )
        low, high, step = HOLD_RANGE
        self.hold = widgets.IntSlider(
            value=round(hold_s) if hold_s is not None else 30,
            min=low,
            max=high,
            step=step,
            description="Hold (s)",
            style={"description_width": "70px"},
        )
        self.warm_up = widgets.Checkbox(
            value=warm_up and WARM_UP in self.choices,
            indent=False,
            description="Start with the warm-up",
            disabled=WARM_UP not in self.choices,
            layout=widgets.Layout(width="auto"),
        )
        self.handout_button = widgets.Button(
            description="Handout",
            icon="print",
            tooltip="A printable handout of this routine, to download, print or send",
        )
        self.plan = widgets.HTML().add_class("hb-class-plan")
        self.status = widgets.HTML().add_class("hb-class-status")
        self.download = widgets.HTML().add_class("hb-class-download")
        self.setup = widgets.HBox(
            [self.choose, self.warm_up, self.same_hold, self.hold, self.handout_button]
        )
        self.setup.add_class("hb-class-setup")
        notes = widgets.HTML(TEACHER_NOTES).add_class("hb-class-teacher")
        self.panel = widgets.VBox([notes, self.setup, self.download, self.plan, self.status])
        self.panel.add_class("hb-class-panel")

        # In class: the stage runs in the browser, the picture follows it
        chosen = self.routine
        self.player = Guided(
            chosen.phases(),
            breaths_per_minute=DEFAULT_BREATHS_PER_MINUTE,
            log=log,
            routine=chosen.id,
            on_event=self._lock,
            mode="class",
            muted=not sound,
        )
        self.guide, self.recorder = self.player.guide, self.player.recorder
        self.picture = self.player.follower(chosen.stretches, 460, "hb-class-picture")
        stage = widgets.HBox([self.picture, self.guide]).add_class("hb-class-stage")

        self.choose.observe(self._on_setup, "value")
        self.same_hold.observe(self._on_setup, "value")
        self.warm_up.observe(self._on_setup, "value")
        self.hold.observe(self._on_setup, "value")
        self.handout_button.on_click(self._on_handout)

        style = widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(display="none"))
        self.children = [style, self.panel, stage]
        self.add_class("hb-class")
        self._say_problems()
        self._show(chosen, first=True)

    # Routines -------------------------------------------------------------------------
    def _find_routines(self) -> tuple[dict[str, Routine], list[str]]:
        """The built-in routines by id, then each file in the folder by its path; and problems."""
        found: dict[str, Routine] = {}
        problems: list[str] = []
        try:
            found.update(routines(self.catalog))
        except RoutineError:
            problems.append(
                "The built-in routines need stretches this catalogue does not "
                "have; load it with handbook.load_catalog(folder, builtin=True)."
            )
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("*.toml")):
                try:
                    found[str(path)] = load_routine(path, self.catalog)
                except (ValueError, KeyError, OSError) as exc:
                    for problem in getattr(exc, "problems", None) or [exc]:
                        field = getattr(problem, "field", None)
                        message = getattr(problem, "message", str(problem))
                        problems.append(
                            f"{path.name}: {field}: {message}"
                            if field
                            else f"{path.name}: {message}"
                        )
        return found, problems

    def _label(self, key: str) -> str:
        routine = self.choices[key]
        return routine.name if key == routine.id else f"{routine.name} ({Path(key).name})"

    @property
    def routine(self) -> Routine:
        """The chosen routine, after the warm-up when that is set, with the one hold for every
        stretch (movements keep their reps) when that is set."""
        routine = self.choices[self.choose.value]
        if self.warm_up.value and not routine.warm_up_items and WARM_UP in self.choices:
            routine = routine.with_warm_up(self.choices[WARM_UP])
        if self.same_hold.value:
            for n, item in enumerate(routine.items):
                if not self.catalog[item.stretch].is_movement:
                    routine = routine.set_item(n, hold_s=self.hold.value)  # reps kept
        return routine

    @property
    def timer(self) -> Timer:
        """The kernel's copy of the browser's timer, as of the last event it sent."""
        return self.player.timer

    def _show(self, routine: Routine, first: bool = False) -> None:
        """Send the routine as set to the stage; nothing runs until Start."""
        self.stretches = routine.stretches
        if not first:
            self.player.play(
                routine.phases(), breaths_per_minute=DEFAULT_BREATHS_PER_MINUTE, routine=routine.id
            )
            self.picture.pictures = pictures(self.stretches, 460)
        self.guide.notes = [s.cues[0] if s.cues else s.steps[0] for s in self.stretches]
        self.hold.disabled = not self.same_hold.value
        self.plan.value = self._plan_html(routine)
        self._lock()

    def _plan_html(self, routine: Routine) -> str:
        rows = []
        vocab = self.catalog.vocabulary
        for stretch in self.stretches:
            if stretch.is_movement:  # reps at a pace: "10 reps of circle 4 s (40 s), ..."
                rows.append(
                    f"<li>{html.escape(stretch.name)}: {html.escape(hold_summary(stretch))}</li>"
                )
                continue
            each = " each side" if stretch.sides == "each" else ""
            reps = f", {stretch.reps} times" if stretch.reps > 1 else ""
            gentler = "".join(
                f'<br><small class="hb-gentler">Gentler: {html.escape(self.catalog[sid].name)} '
                f"({html.escape(', '.join(vocab.label('conditions', c).lower() for c in why))})"
                f"</small>"
                for sid, why in alternatives(stretch)
                if sid in self.catalog
            )
            rows.append(
                f"<li>{html.escape(stretch.name)}: {stretch.hold_s:g} s{each}{reps}{gentler}</li>"
            )
        return (
            f"<b>{html.escape(routine.name)}</b>: {len(self.stretches)} stretches, "
            f"{mss(routine.duration)} in all<ol>{''.join(rows)}</ol>"
        )

    def _lock(self) -> None:
        """The setup stays still while the class runs (as the kernel last heard)."""
        running = self.timer.status == "running"
        for control in (self.choose, self.same_hold, self.handout_button):
            control.disabled = running
        self.warm_up.disabled = running or WARM_UP not in self.choices
        self.hold.disabled = running or not self.same_hold.value

    def _say(self, text: str, error: bool = False) -> None:
        """Show a message (already escaped HTML) in the status line."""
        self.status.value = f'<span class="hb-error">{text}</span>' if error else text

    def _say_problems(self) -> None:
        if self.problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
            self._say(
                f"Some of your files could not be used (the rest of the class can go "
                f"on):<ul>{items}</ul>",
                error=True,
            )

    # Events ---------------------------------------------------------------------------
    def _on_setup(self, change: Change[object]) -> None:
        if self._putting_back:
            return
        if self.timer.status == "running":  # changed before the kernel heard Start: put back
            self._putting_back = True
            try:
                change["owner"].value = change["old"]
            finally:
                self._putting_back = False
            return
        self._show(self.routine)

    def _on_handout(self, _button: widgets.Button | None = None) -> None:
        routine = self.routine
        name = f"{routine.id}-handout.html"
        self.download.value = (
            download_link(routine.to_html(), name)
            + ": open it in a browser to print it, or send it to the class."
        )

    def close(self) -> None:
        """Record the hold in progress and close every part of the widget."""
        if getattr(self, "player", None) is not None:
            self.player.close()
        close_all(self)
