"""RoutinePlayer: the guided timer across a whole routine, with the current stretch's picture."""

from __future__ import annotations

from typing import Unpack

import ipywidgets as widgets

from ..i18n import _
from ..timing.routine import Routine
from .style import close_all, stylesheet
from .timer import StretchTimer, TimerOptions


class RoutinePlayer(widgets.HBox):
    """Play a routine: each stretch's picture, the phase, time left, next up and progress.

    The picture follows the timer in the browser: the stretch being done, mirrored for the
    second side.

    ``timer_options`` are StretchTimer's (``log=False``, ``sound=False``, ``hold_s`` ...).

    >>> import handbook
    >>> from handbook.widgets import RoutinePlayer
    >>> player = RoutinePlayer(handbook.routines()["back-pain-basics"], log=False)
    >>> player.routine.name == handbook.routines()["back-pain-basics"].name
    True
    """

    def __init__(self, routine: Routine, **timer_options: Unpack[TimerOptions]) -> None:
        if not routine.items:
            raise ValueError(
                _("the routine {name} has no stretches to play").format(name=repr(routine.name))
            )
        self.routine = routine
        self.timer = StretchTimer(
            list(routine.stretches),
            title=routine.name,
            rest_between=routine.rest_s,
            routine=routine.id,
            **timer_options,
        )
        self.picture = self.timer.player.follower(routine.stretches, 240, "hb-card-picture")
        super().__init__([stylesheet(), self.picture, self.timer])
        self.add_class("hb-player")
        self.add_class("hb-row")

    def close(self) -> None:
        """Close the player and its timer (recording the hold in progress)."""
        if getattr(self, "timer", None) is not None:
            self.timer.close()
        close_all(self)
