"""RoutinePlayer: the guided timer across a whole routine, with the current stretch's picture."""

from __future__ import annotations

import ipywidgets as widgets

from ..pictures.draw import svg
from ..timing.routine import Routine
from .style import close_all, stylesheet
from .timer import StretchTimer


class RoutinePlayer(widgets.HBox):
    """Play a routine: each stretch's picture, the phase, time left, next up and progress."""

    def __init__(self, routine: Routine, **timer_options):
        if not routine.items:
            raise ValueError(f"the routine {routine.name!r} has no stretches to play")
        self.routine = routine
        self.timer = StretchTimer(list(routine.stretches), title=routine.name,
                                  rest_between=routine.rest_s, routine=routine.id,
                                  **timer_options)
        self.picture = widgets.HTML().add_class("hb-card-picture")
        self._shown: tuple[int, str] | None = None
        self.timer.phase.observe(self._draw, "value")
        self.timer.progress.observe(self._draw, "value")  # a new stretch with the same words
        super().__init__([stylesheet(), self.picture, self.timer])
        self.add_class("hb-player")
        self.add_class("hb-row")
        self._draw()

    def _draw(self, _change=None) -> None:
        phase = self.timer.timer.state().phase
        index = phase.item if phase else len(self.routine.items) - 1
        side = "second" if phase is not None and phase.side == "right" else "first"
        if (index, side) != self._shown:
            self._shown = (index, side)
            self.picture.value = svg(self.timer.stretches[index], side=side, size=240)

    def close(self) -> None:
        """Close the player and its timer (cancelling any countdown)."""
        if getattr(self, "timer", None) is not None:
            self.timer.close()
        close_all(self)
