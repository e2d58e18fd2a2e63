"""Test helpers for the views: a stand-in for the browser's player, and what it shows first."""

from __future__ import annotations

from handbook.timing.timeline import mss
from handbook.widgets.guide import Guide


class Browser:
    """Sends a Guide the events its player in the browser sends (guide.js), by its own clock."""

    def __init__(self, guide: Guide, session: str = "test-page", t0: float = 100.0):
        self.guide, self.session, self.t0 = guide, session, t0

    def __call__(self, kind: str, at: float) -> None:
        event = {
            "type": kind,
            "t": self.t0 + at,
            "session": self.session,
            "timeline": self.guide.timeline["id"],
        }
        self.guide._heard(self.guide, event, [])


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
