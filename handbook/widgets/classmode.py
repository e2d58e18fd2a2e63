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

from pathlib import Path
from typing import Any

import ipywidgets as widgets
from babel import Locale

from .. import i18n
from ..catalog.loader import Catalog, load_catalog, load_with_own
from ..catalog.stretch import DEFAULT_BREATHS_PER_MINUTE
from ..errors import Problem
from ..i18n import _, pgettext
from ..output.classpage import PICTURE_PX, class_cues, first_frame, side_pictures
from ..output.classplan import class_plan_html
from ..output.download import download_link
from ..progress.recorder import Log
from ..timing.events import PlayerState
from ..timing.lesson import class_routine
from ..timing.routine import Routine
from ..timing.routinefile import WARM_UP, routines_to_choose
from ..timing.timeline import CLASS_HOLD_CHOICE_S
from .guide import Guided
from .style import Change, close_all, say, stylesheet

HOLD_RANGE = CLASS_HOLD_CHOICE_S
"""The holds a teacher may set for every stretch: from, to, step (seconds)."""
FIRST_CHOICE = "back-pain-basics"
"""The routine shown first, when it is there and none is asked for."""


def teacher_notes() -> str:
    """The panel's notes for the teacher, in the language of the moment (HTML)."""
    items = [
        _(
            "Choose a routine: the built-in ones, and your own files in <code>my-routines/</code>"
            " next to this page. Your own stretches in <code>my-stretches/</code> can be in them"
            " too."
        ),
        _(
            "Tick <i>Start with the warm-up</i> to lead the room through a few minutes of counted"
            " movements first, and <i>Same hold for every stretch</i> to give every hold one"
            " length (the warm-up keeps its reps)."
        ),
        _(
            "<b>Handout</b> gives a page to download, print or send: pictures, steps and cautions."
            " <b>Class page</b> gives this class as one file that runs offline in any browser (a"
            " USB stick, a tablet, a phone)."
        ),
        _(
            "Press <b>Present</b> for the whole screen (Escape leaves it), then <b>Start</b>. A"
            " presenter's clicker works: Page Down or Right for Next, Page Up or Left for Back,"
            " Space to pause. The class moves on by itself, with a tone and a voice at each"
            " change."
        ),
    ]
    head = _(
        "<b>For the teacher.</b> This panel folds away when the class starts, so the room sees"
        " only the stage."
    )
    return head + "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def language_name(code: str) -> str:
    """A language by its own name, as a speaker of it reads it in a list.

    >>> language_name("es"), language_name("en")
    ('Español', 'English')
    """
    name = Locale.parse(code).display_name or code
    return name[:1].upper() + name[1:]


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
                _("hold_s must be from {low} to {high} seconds, got {value}").format(
                    low=HOLD_RANGE[0], high=HOLD_RANGE[1], value=repr(hold_s)
                )
            )
        self._given = catalog
        self._stretches = stretches
        self.folder = Path(folder)
        self._putting_back = False
        self._passed = routine if isinstance(routine, Routine) else None
        self._read()
        key = self._first_choice(routine)
        self.panel = self._build_panel(key, hold_s, warm_up)
        stage = self._build_stage(log, sound)
        self._words()
        self._wire()
        self.children = [stylesheet(), self.panel, stage]
        self.add_class("hb-class")
        self._show(self.routine, first=True)

    # Building -----------------------------------------------------------------------------
    def _read(self) -> None:
        """The catalogue (with the teacher's own stretches) and the routines to choose from,
        in the language of the moment; the problems of the files that could not be used."""
        own_problems: list[Problem] = []
        catalog = self._given
        if self._stretches is not None:  # the teacher's own stretches join the built-in ones
            catalog, own_problems = load_with_own(self._stretches, catalog)
        elif catalog is None:
            catalog = load_catalog()
        self.catalog = catalog
        found, problems = routines_to_choose(catalog, self.folder)
        if self._passed is not None:
            found = {**found, self._passed.id: self._passed}  # the one passed in wins
        self.choices = found
        self.problems = [str(p) for p in (*own_problems, *problems)]

    def _first_choice(self, routine: str | Routine | None) -> str:
        """The key of the routine to show first: the one passed in, or "Back pain basics"."""
        if isinstance(routine, Routine):
            routine = routine.id
        if not self.choices:
            raise ValueError(
                _("there is no routine to lead: no built-in routine and none in {folder}").format(
                    folder=self.folder
                )
            )
        if routine is None:
            routine = next(
                (k for k in (FIRST_CHOICE, *self.choices) if k in self.choices), FIRST_CHOICE
            )
        if routine not in self.choices:
            raise KeyError(
                _("no routine {name}; choose from {names}").format(
                    name=repr(routine), names=sorted(self.choices)
                )
            )
        return routine

    def _build_panel(self, key: str, hold_s: float | None, warm_up: bool) -> widgets.VBox:
        """The teacher's panel, before class: routine, warm-up, one hold, the handout, and the
        language of the class. Its words are set by ``_words``."""
        self.choose = widgets.Dropdown(
            options=[(self._label(k), k) for k in self.choices],
            value=key,
            style={"description_width": "70px"},
            layout=widgets.Layout(width="380px"),
        )
        self.same_hold = widgets.Checkbox(
            value=hold_s is not None, indent=False, layout=widgets.Layout(width="auto")
        )
        low, high, step = HOLD_RANGE
        # A list, not a slider: a select carries its label to a screen reader (a slider's
        # handle has no name) and a teacher picks a round number at a glance.
        self._holds = sorted(
            {*range(low, high + 1, step), *([round(hold_s)] if hold_s is not None else [])}
        )
        self.hold = widgets.Dropdown(
            options=self._hold_options(),
            value=round(hold_s) if hold_s is not None else 30,
            style={"description_width": "60px"},  # "Tiempo" whole, not "Tie..."
            layout=widgets.Layout(width="160px"),
        )
        self.warm_up = widgets.Checkbox(
            value=warm_up and WARM_UP in self.choices,
            indent=False,
            disabled=WARM_UP not in self.choices,
            layout=widgets.Layout(width="auto"),
        )
        self.handout_button = widgets.Button(icon="print")
        self.class_page_button = widgets.Button(icon="download")
        self.language = widgets.Dropdown(
            options=[(language_name(code), code) for code in i18n.languages()],
            value=i18n.language(),
            style={"description_width": "70px"},
            layout=widgets.Layout(width="220px"),
        ).add_class("hb-class-language")
        self.plan = widgets.HTML().add_class("hb-class-plan")
        self.status = widgets.HTML().add_class("hb-class-status")
        self.download = widgets.HTML().add_class("hb-class-download")
        self.setup = widgets.HBox(
            [
                self.choose,
                self.warm_up,
                self.same_hold,
                self.hold,
                self.handout_button,
                self.class_page_button,
                self.language,
            ]
        )
        self.setup.add_class("hb-class-setup")
        self.notes = widgets.HTML().add_class("hb-class-teacher")
        panel = widgets.VBox([self.notes, self.setup, self.download, self.plan, self.status])
        return panel.add_class("hb-class-panel")

    def _hold_options(self) -> list[tuple[str, int]]:
        return [(_("{seconds} s").format(seconds=s), s) for s in self._holds]

    def _words(self) -> None:
        """Every word of the panel in the language of the moment (the values stay)."""
        self.choose.description = _("Routine")
        self.same_hold.description = _("Same hold for every stretch")
        self.hold.description = pgettext("card", "Hold")
        self.hold.tooltip = _("Seconds every stretch is held")
        self.warm_up.description = _("Start with the warm-up")
        self.handout_button.description = _("Handout")
        self.handout_button.tooltip = _(
            "A printable handout of this routine, to download, print or send"
        )
        self.class_page_button.description = _("Class page")
        self.class_page_button.tooltip = _(
            "This class as one file that runs offline in any browser: a USB stick, a tablet, "
            "a phone"
        )
        self.language.description = _("Language")
        self.language.tooltip = _("The language of this class: the stage, the list and the voice")
        self.notes.value = teacher_notes()
        self.download.value = ""  # a file made in the other language is not offered
        if self.problems:
            say(
                self.status,
                _("Some of your files could not be used (the rest of the class can go on):"),
                items=self.problems,
                error=True,
            )
        else:
            self.status.value = ""

    def _build_stage(self, log: Log | bool | None, sound: bool) -> widgets.HBox:
        """The stage the room sees: it runs in the browser; the picture follows it."""
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
        self.picture = self.player.follower(chosen.stretches, PICTURE_PX, "hb-class-picture")
        return widgets.HBox([self.picture, self.guide]).add_class("hb-class-stage")

    def _wire(self) -> None:
        for control in (self.choose, self.same_hold, self.warm_up, self.hold):
            control.observe(self._on_setup, "value")
        self.language.observe(self._on_language, "value")
        self.handout_button.on_click(self._on_handout)
        self.class_page_button.on_click(self._on_class_page)

    # Routines -------------------------------------------------------------------------
    def _label(self, key: str) -> str:
        routine = self.choices[key]
        return routine.name if key == routine.id else f"{routine.name} ({Path(key).name})"

    @property
    def routine(self) -> Routine:
        """The chosen routine, after the warm-up when that is set, with the one hold for every
        stretch (movements keep their reps) when that is set."""
        return class_routine(
            self.choices[self.choose.value],
            warm_up=self.choices.get(WARM_UP) if self.warm_up.value else None,
            hold_s=self.hold.value if self.same_hold.value else None,
        )

    @property
    def timer(self) -> PlayerState:
        """The browser's timer as the kernel last heard it: its status and total seconds."""
        return self.player.timer

    def _show(self, routine: Routine, first: bool = False) -> None:
        """Send the routine as set to the stage; nothing runs until Start."""
        self.stretches = routine.stretches
        if not first:
            self.player.play(
                routine.phases(), breaths_per_minute=DEFAULT_BREATHS_PER_MINUTE, routine=routine.id
            )
            self.picture.pictures = side_pictures(self.stretches, PICTURE_PX)
        self.guide.notes = class_cues(self.stretches)
        self.hold.disabled = not self.same_hold.value
        self.plan.value = class_plan_html(routine)
        self._lock()

    def _lock(self) -> None:
        """The setup stays still while the class runs (as the kernel last heard)."""
        running = self.timer.status == "running"
        for control in (
            self.choose,
            self.same_hold,
            self.handout_button,
            self.class_page_button,
            self.language,
        ):
            control.disabled = running
        self.warm_up.disabled = running or WARM_UP not in self.choices
        self.hold.disabled = running or not self.same_hold.value

    # Events ---------------------------------------------------------------------------
    def _put_back(self, change: Change[Any]) -> bool:
        """Whether a change to the panel is to be ignored: one made while a class runs (before
        the kernel heard Start) is put back, and putting it back is itself no change."""
        if self._putting_back:
            return True
        if self.timer.status != "running":
            return False
        self._putting_back = True
        try:
            change["owner"].value = change["old"]
        finally:
            self._putting_back = False
        return True

    def _on_setup(self, change: Change[object]) -> None:
        if self._put_back(change):
            return
        self._show(self.routine)

    def _on_language(self, change: Change[str]) -> None:
        """The class in another language: the handbook speaks it from now on (this kernel is
        this class's), the catalogue and the routines are read again in it, the panel's words
        are said again and the stage gets the routine, its words and its voice, anew."""
        if self._put_back(change):
            return
        i18n.set_language(change["new"])
        key = self.choose.value
        self._read()
        self._putting_back = True  # new labels for the same values: not a change of setup
        try:
            self.choose.options = [(self._label(k), k) for k in self.choices]
            self.choose.value = key if key in self.choices else self._first_choice(None)
            self.hold.options = self._hold_options()
            self.warm_up.value = self.warm_up.value and WARM_UP in self.choices
        finally:
            self._putting_back = False
        self._words()
        self._show(self.routine)

    def _on_handout(self, _button: widgets.Button | None = None) -> None:
        routine = self.routine
        name = f"{routine.id}-handout.html"
        link = download_link(routine.to_html(), name, _("Download {name}").format(name=name))
        self.download.value = _(
            "{link}: open it in a browser to print it, or send it to the class."
        ).format(link=link)

    def _on_class_page(self, _button: widgets.Button | None = None) -> None:
        routine = self.routine
        name = f"{routine.id}-class.html"
        link = download_link(routine.to_class_page(), name, _("Download {name}").format(name=name))
        self.download.value = _(
            "{link}: the class as set here, in one file that runs offline in any browser."
        ).format(link=link)

    def _repr_mimebundle_(self, **kwargs: object) -> dict[str, object] | None:
        """The widget, and beside it its stage as plain HTML: Voila's class template paints
        that at once, before the widgets connect (share/jupyter/voila/templates/handbook-class).
        """
        bundle: dict[str, object] | None = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["text/html"] = first_frame(self.routine)
        return bundle

    def close(self) -> None:
        """Record the hold in progress and close every part of the widget."""
        if getattr(self, "player", None) is not None:
            self.player.close()
        close_all(self)
