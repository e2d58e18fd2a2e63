"""The guided player that runs in the browser (guide.js), and pictures that follow it (picture.js).

The kernel sends a timeline once; the browser walks it on its own clock (the one clock that
runs) and sends back events (started, paused, skipped, a hold ended, done), each carrying the
holds it really lived, which ``Guided`` hands to the progress recorder. While the player
counts down the kernel sends nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import anywidget
import traitlets

from ..catalog.stretch import Stretch
from ..i18n import _
from ..output.classpage import side_pictures
from ..progress.recorder import Log, Recorder
from ..timing.events import PlayerState
from ..timing.payload import player_timeline
from ..timing.timeline import Phase

HERE = Path(__file__).parent

Event = Mapping[str, object]
"""A message from the player in the browser: JSON, checked by the recorder that hears it."""


class Guide(anywidget.AnyWidget):
    """The player in the browser: a timeline to walk, what to show beside it, events back."""

    _esm = HERE / "guide.js"
    _css = HERE / "guide.css"
    key = traitlets.Unicode().tag(sync=True)  # pictures on the page find their player by it
    mode = traitlets.Unicode("timer").tag(sync=True)  # "timer", or "class" for a room
    timeline = traitlets.Dict().tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    notes = traitlets.List(traitlets.Unicode()).tag(sync=True)  # one cue per stretch (class)
    muted = traitlets.Bool(False).tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)  # plain text, shown under the buttons

    def __init__(self, on_event: Callable[[Event], None], **traits: object) -> None:
        super().__init__(key=uuid.uuid4().hex, **traits)
        self._on_event = on_event
        self.on_msg(self._heard)

    def _heard(self, _widget: Guide, content: Event, _buffers: Sequence[memoryview]) -> None:
        self._on_event(content)


class GuidePicture(anywidget.AnyWidget):
    """A stretch's picture that follows a Guide in the browser: the stretch and side held."""

    _esm = HERE / "picture.js"
    follows = traitlets.Unicode().tag(sync=True)
    pictures = traitlets.List(traitlets.List(traitlets.Unicode())).tag(sync=True)


class Guided:
    """A Guide wired to a progress Recorder: each event heard, each hold it reports recorded."""

    def __init__(
        self,
        phases: Sequence[Phase],
        *,
        breaths_per_minute: float,
        log: Log | bool | None,
        routine: str | None,
        on_event: Callable[[], None] = lambda: None,
        **traits: object,
    ) -> None:
        self._after = on_event
        timeline = player_timeline(phases, breaths_per_minute=breaths_per_minute)
        self.recorder = Recorder(
            phases, log=log, routine=routine, timeline=timeline["id"], on_status=self._status
        )
        self.guide = Guide(self.hear, timeline=timeline, **traits)

    @property
    def timer(self) -> PlayerState:
        """The browser's timer as the kernel last heard it: its status and total seconds."""
        return self.recorder.player

    def play(
        self, phases: Sequence[Phase], *, breaths_per_minute: float, routine: str | None = None
    ) -> None:
        """Send a new timeline; the hold in progress on the old one is recorded first."""
        timeline = player_timeline(phases, breaths_per_minute=breaths_per_minute)
        self.recorder.follow(phases, timeline["id"])
        self.recorder.routine = routine
        self.guide.timeline = dict(timeline)  # the trait holds a plain dict

    def follower(self, stretches: Sequence[Stretch], size: int, css: str) -> GuidePicture:
        """A picture of the stretch and side this player is on, drawn at `size` px."""
        picture = GuidePicture(follows=self.guide.key, pictures=side_pictures(stretches, size))
        picture.add_class(css)
        return picture

    def hear(self, event: Event) -> None:
        """An event from the browser: record the holds it reports, tell the view."""
        try:
            self.recorder.hear(event)
        except ValueError as exc:  # not from our player: say so, keep going
            self.guide.status = _(
                "The player sent an event that was not understood: {error}"
            ).format(error=exc)
            return
        self._after()

    def _status(self, text: str) -> None:
        self.guide.status = text

    def close(self) -> None:
        """Record the hold in progress (as of the last event) and what still waits."""
        self.recorder.close()
