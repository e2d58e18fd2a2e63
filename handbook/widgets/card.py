"""StretchCard: a stretch's picture, how to do it, its cautions, and its guided timer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Unpack

import ipywidgets as widgets
import traitlets

from ..catalog.stretch import Stretch
from ..catalog.vocabulary import Vocabulary
from ..output.cards import details_html
from ..pictures.draw import svg
from .style import Change, close_all, stylesheet
from .timer import StretchTimer, TimerOptions


class CardOptions(TimerOptions, total=False):
    """What a view showing a StretchCard passes on: a timer or none, and the timer's settings."""

    timer: bool


class StretchCard(widgets.VBox):
    """Everything about one stretch in one view; with a timer, the picture follows the side held
    (in the browser, as the timer runs).

    ``vocabulary`` labels its fields; ``timer=False`` leaves the timer out; ``conditions``
    adds the advice for them; ``timer_options`` are StretchTimer's.

    >>> import handbook
    >>> from handbook.widgets import StretchCard
    >>> card = StretchCard(handbook.load_catalog()["standing-quad"], timer=False)
    >>> card.stretch.id, card.timer is None
    ('standing-quad', True)
    """

    conditions = traitlets.Tuple()  # the reader's conditions: their advice shows on the card
    timer: StretchTimer | None = None  # also when __init__ failed before making it

    def __init__(
        self,
        stretch: Stretch,
        *,
        vocabulary: Vocabulary | None = None,
        timer: bool = True,
        conditions: Iterable[str] = (),
        name_of: Callable[[str], str] | None = None,
        **timer_options: Unpack[TimerOptions],
    ) -> None:
        self.stretch = stretch
        self._vocabulary, self._name_of = vocabulary, name_of
        self.timer = StretchTimer(stretch, **timer_options) if timer else None
        if self.timer is not None:
            self.picture = self.timer.player.follower([stretch], 260, "hb-card-picture")
        else:
            self.picture = widgets.HTML(svg(stretch, side="first", size=260))
            self.picture.add_class("hb-card-picture")
        self.details = widgets.HTML(
            details_html(stretch, vocabulary, conditions=conditions, name_of=name_of)
        )
        self.details.add_class("hb-details")
        self.details.layout = widgets.Layout(flex="1 1 320px")
        body = widgets.HBox(
            [self.picture, self.details], layout=widgets.Layout(flex_flow="row wrap")
        ).add_class("hb-row")
        children = [stylesheet(), body] + ([self.timer] if self.timer else [])
        super().__init__(children)
        self.add_class("hb-card")
        self.conditions = tuple(conditions)
        self.observe(self._write, "conditions")

    def _write(self, _change: Change[tuple[str, ...]] | None = None) -> None:
        self.details.value = details_html(
            self.stretch, self._vocabulary, conditions=self.conditions, name_of=self._name_of
        )

    def close(self) -> None:
        """Close the card, its timer (recording the hold in progress) and every part."""
        if self.timer is not None:
            self.timer.close()
        close_all(self)
