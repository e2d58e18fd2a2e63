"""StretchTimer: guides a person through each hold, side switch and breath of a stretch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

import ipywidgets as widgets

from ..catalog.movement import PART_S
from ..catalog.stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch
from ..i18n import _, pgettext
from ..progress.recorder import Log
from ..timing.events import PlayerState
from ..timing.timeline import (
    GET_READY_S,
    HOLD_CHOICE_S,
    MAX_BPM,
    MIN_BPM,
    MOVEMENT_REPS_CHOICE,
    REST_S,
    SWITCH_S,
    Gaps,
    Phase,
    TimedItem,
    build_phases,
)
from .guide import Guided
from .setting import Setting
from .style import Change, close_all, stylesheet

HOLD_RANGE = HOLD_CHOICE_S  # seconds the hold slider offers


class TimerOptions(TypedDict, total=False):
    """A StretchTimer's settings that a view showing one passes on to it."""

    breaths_per_minute: float
    hold_s: float | None
    get_ready: float
    switch: float
    rest: float
    sound: bool
    log: Log | bool | None


class StretchTimer(widgets.VBox):
    """A guided timer for one stretch or several in a row: time, breath, tones, voice and keys.

    It runs in the browser (see ``Guide``): Start counts down at once, whatever the kernel is
    doing. Each hold done, or left part-way, is written to the progress log; ``log=False``
    turns that off. ``sound=False`` starts it muted.

    ``stretches``: one or several in a row; ``hold_s`` one hold for each; ``breaths_per_minute``
    the pacer's pace; ``get_ready``, ``switch``, ``rest`` and ``rest_between`` the pauses, in
    seconds; ``title`` names the run.

    >>> import handbook
    >>> from handbook.widgets import StretchTimer
    >>> timer = StretchTimer(handbook.load_catalog()["standing-quad"], hold_s=20, log=False)
    >>> [s.id for s in timer.stretches]
    ['standing-quad']
    """

    def __init__(
        self,
        stretches: Stretch | Sequence[Stretch],
        *,
        title: str | None = None,
        breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE,
        hold_s: float | None = None,
        get_ready: float = GET_READY_S,
        switch: float = SWITCH_S,
        rest: float = REST_S,
        rest_between: float | None = None,
        sound: bool = True,
        log: Log | bool | None = True,
        routine: str | None = None,
    ) -> None:
        super().__init__()  # first: a widget that fails half-way must still close cleanly
        self.stretches = (stretches,) if isinstance(stretches, Stretch) else tuple(stretches)
        if not self.stretches:
            raise ValueError(_("a timer needs at least one stretch"))
        if hold_s is not None and len(self.stretches) > 1:
            raise ValueError(
                _(
                    "hold_s sets the hold of a single stretch; for several, give each "
                    "its hold in a Routine (set_item) and play it with RoutinePlayer"
                )
            )
        if hold_s is not None and not HOLD_RANGE[0] <= hold_s <= HOLD_RANGE[1]:
            raise ValueError(
                _("hold_s must be from {low} to {high} seconds here, got {value}").format(
                    low=HOLD_RANGE[0], high=HOLD_RANGE[1], value=repr(hold_s)
                )
            )
        self._gaps: Gaps = {
            "get_ready": get_ready,
            "switch": switch,
            "rest": rest,
            "rest_between_items": rest_between,
        }
        single = len(self.stretches) == 1
        # Translators: between the names of stretches done one after the other
        then = _(" then ")
        self.title = title or (
            self.stretches[0].name if single else then.join(s.name for s in self.stretches)
        )
        first = self.stretches[0]
        self.moving = single and bool(getattr(first, "is_movement", False))
        self.hold, self.pace = self._hold_and_breaths(first, hold_s, breaths_per_minute, single)
        self.reps, self.rep_pace = self._reps_and_pace(first, hold_s)
        self._hold_set = hold_s is not None
        self._rep_set = False  # a movement's pace, set by hand
        self._putting_back = False
        self.player = Guided(
            self._phases(),
            breaths_per_minute=self.pace.value,
            log=log,
            routine=routine or (title if not single else None),
            on_event=self._lock,
            title=self.title,
            muted=not sound,
        )
        self.guide, self.recorder = self.player.guide, self.player.recorder
        self.pace.observe(self._on_pace, "value")
        self.hold.observe(self._on_hold, "value")
        for control in (self.reps, self.rep_pace):
            control.observe(self._on_movement, "value")
        self.settings = widgets.VBox([self.hold, self.pace, self.reps, self.rep_pace]).add_class(
            "hb-settings"
        )
        self.children = [stylesheet(), self.guide, self.settings]
        self.add_class("hb-timer")

    # Settings -------------------------------------------------------------------------
    def _hold_and_breaths(
        self, first: Stretch, hold_s: float | None, breaths_per_minute: float, single: bool
    ) -> tuple[Setting, Setting]:
        """A held stretch's settings: its hold (one stretch only) and the breathing pace."""
        first_hold = round(hold_s if hold_s is not None else first.hold_s)
        hold = Setting(
            value=first_hold,
            min=min(HOLD_RANGE[0], first_hold),
            max=max(HOLD_RANGE[1], first_hold),
            description=pgettext("card", "Hold"),
            unit=_("s"),
            layout=widgets.Layout(display=None if single and not self.moving else "none"),
        )
        pace = Setting(
            value=round(breaths_per_minute),
            min=int(MIN_BPM),
            max=int(MAX_BPM),
            description=_("Breaths a minute"),
            layout=widgets.Layout(display="none" if self.moving else None),
        )
        return hold, pace

    def _reps_and_pace(self, first: Stretch, hold_s: float | None) -> tuple[Setting, Setting]:
        """A movement's settings: its reps, and the seconds of one rep (its parts in step)."""
        shown = widgets.Layout(display=None if self.moving else "none")
        rep_s = round(first.rep_s or 1.0)
        parts = max(1, len(first.pace))
        start = first.reps if hold_s is None else max(1, round(hold_s / rep_s))
        reps = Setting(
            value=start,
            min=MOVEMENT_REPS_CHOICE[0],
            max=max(MOVEMENT_REPS_CHOICE[1], start),
            description=_("Reps"),
            layout=shown,
        )
        slowest = parts * round(PART_S[1])  # each part of a rep at its longest
        pace = Setting(
            value=rep_s,
            min=min(parts, rep_s),  # each part a second at least
            max=max(rep_s, min(2 * rep_s, slowest)),  # up to twice as slow
            description=_("Pace, a rep"),
            unit=_("s"),
            layout=widgets.Layout(display=shown.display),
        )
        return reps, pace

    # Engine ---------------------------------------------------------------------------
    def items(self) -> list[TimedItem]:
        """What will be timed, with the holds and pace set in the widget."""
        bpm = self.pace.value
        if self.moving:
            return [
                TimedItem.from_stretch(
                    self.stretches[0],
                    reps=self.reps.value,
                    # the stretch's own pace until a person moves the slider (it shows whole s)
                    rep_s=self.rep_pace.value if self._rep_set else None,
                )
            ]
        if len(self.stretches) == 1 and self._hold_set:
            return [TimedItem.from_stretch(self.stretches[0], hold_s=self.hold.value)]
        return [TimedItem.from_stretch(s, breaths_per_minute=bpm) for s in self.stretches]

    def _phases(self) -> tuple[Phase, ...]:
        return build_phases(self.items(), **self._gaps)

    @property
    def timer(self) -> PlayerState:
        """The browser's timer as the kernel last heard it: its status and total seconds."""
        return self.player.timer

    def _build(self) -> None:
        self.player.play(
            self._phases(), breaths_per_minute=self.pace.value, routine=self.recorder.routine
        )

    # Events ---------------------------------------------------------------------------
    def _lock(self) -> None:
        """The settings can change only before Start (or after Reset)."""
        idle = self.timer.status == "idle"
        for control in (self.hold, self.pace, self.reps, self.rep_pace):
            control.disabled = not idle

    def _put_back(self, change: Change[int]) -> bool:
        """A setting moved after Start (before the kernel heard it) goes back; True if so."""
        if self._putting_back:
            return True
        if self.timer.status == "idle":
            return False
        self._putting_back = True
        try:
            change["owner"].value = change["old"]
        finally:
            self._putting_back = False
        return True

    def _on_pace(self, change: Change[int]) -> None:
        if self._put_back(change):
            return
        if not self._hold_set and len(self.stretches) == 1:
            self.hold.unobserve(self._on_hold, "value")
            self.hold.value = round(self.stretches[0].hold_seconds(change["new"]))
            self.hold.observe(self._on_hold, "value")
        self._build()

    def _on_movement(self, change: Change[int]) -> None:
        if self._put_back(change):
            return
        self._rep_set = self._rep_set or change["owner"] is self.rep_pace
        self._build()

    def _on_hold(self, change: Change[int]) -> None:
        if self._put_back(change):
            return
        self._hold_set = True
        self._build()

    def close(self) -> None:
        """Record the hold in progress and close every part of the widget."""
        if getattr(self, "player", None) is not None:
            self.player.close()
        close_all(self)
