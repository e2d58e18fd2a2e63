"""Test helpers for the views: a stand-in for the browser's player, and what it shows first."""

from __future__ import annotations

from handbook.timing.timeline import mss
from handbook.widgets.guide import Guide
from tests.timing.oracle import Walk


class Browser:
    """Sends a Guide the events its player in the browser sends (guide.js), by its own clock.

    The walk is the tests' oracle (tests/timing/oracle.py), held to guide.js's own walker by
    tests/timing/test_walker.py: the events carry the holds the browser would report.
    """

    def __init__(self, guide: Guide, session: str = "test-page", t0: float = 100.0):
        self.guide, self.session, self.t0 = guide, session, t0
        self.walk: Walk | None = None

    def __call__(self, kind: str, at: float) -> None:
        timeline = self.guide.timeline
        if self.walk is None or self.walk.timeline["id"] != timeline["id"]:
            self.walk = Walk(timeline, session=self.session)  # a new timeline: a new walker
        self.guide._heard(self.guide, self.walk.event(kind, self.t0 + at), [])


def opening(guide: Guide) -> tuple[str, str]:
    """What the player shows before Start (and after Reset): the first phase and its time."""
    first = guide.timeline["phases"][0]
    return first["label"], mss(first["end"] - first["start"])


def sent(widget) -> list[dict]:
    """Start counting the messages the kernel sends to the browser for this widget."""
    messages: list[dict] = []
    original = widget.comm.send

    def send(data=None, metadata=None, buffers=None):
        messages.append(data)
        return original(data=data, metadata=metadata, buffers=buffers)

    widget.comm.send = send
    return messages
