"""The class page: one self-contained HTML file that runs a class offline, in any browser.

It carries the same player class mode uses: the player's ES module and stylesheet
(``handbook/widgets/guide.js`` and ``guide.css``) and the picture that follows it
(``picture.js``) are inlined as they are, not copied into another player. In the page a
small model stands in for the kernel's widget model (``get``, ``set``, ``on``, ``send``):
the routine's timeline, cues and pictures come as data; the player's events stay in the
page (nothing to record them). Nothing is requested from anywhere, so the file runs from a
USB stick, a static web host or an e-mail attachment, on a laptop, a projector or a phone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from ..catalog.stretch import DEFAULT_BREATHS_PER_MINUTE, Stretch
from ..i18n import _
from ..pictures.draw import svg
from ..timing.payload import player_timeline
from ..timing.timeline import GET_READY_S, Phase, mss
from .render import render, stylesheet

PLAYER_FILES = Path(__file__).resolve().parents[1] / "widgets"
"""The player's front end (read as text, never imported: the engines import no view)."""

PICTURE_PX = 460
"""The pictures' size on the stage, as in class mode."""


class Teachable(Protocol):
    """What a class page needs of a routine (a ``handbook.Routine`` is one)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def stretches(self) -> Sequence[Stretch]: ...
    def phases(self) -> Sequence[Phase]: ...


def side_pictures(stretches: Sequence[Stretch], size: int) -> list[list[str]]:
    """Each stretch's pictures as the player picks them: [left, right] for one done on each
    side (the picture of a hold marks its limb, whichever side comes first), else [one, one].
    Each carries its motion (picture.js moves it in time with the player)."""
    found = []
    for stretch in stretches:
        if stretch.sides == "each":
            found.append(
                [
                    svg(stretch, side="left", size=size, motion=True),
                    svg(stretch, side="right", size=size, motion=True),
                ]
            )
        else:
            first = svg(stretch, side="first", size=size, motion=True)
            found.append([first, first])
    return found


def class_cues(stretches: Sequence[Stretch]) -> list[str]:
    """The one line the stage shows under each stretch: its first cue, else its first step."""
    return [s.cues[0] if s.cues else s.steps[0] for s in stretches]


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: no "</script>", "<!--" or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _stage(routine: Teachable) -> dict[str, object]:
    """What the stage shows before the player is live: the first stretch, ready to start."""
    stretches = tuple(routine.stretches)
    first = svg(stretches[0], side="first", size=PICTURE_PX) if stretches else ""
    return {
        "name": routine.name,
        "count": len(stretches),
        "first": stretches[0].name if stretches else "",
        "cue": class_cues(stretches[:1])[0] if stretches else "",
        "ready": mss(GET_READY_S),
        "loading": _("Getting the timer ready..."),
        "first_picture": first,
    }


def first_frame(routine: Teachable, *, theme: str = "light") -> str:
    """Class mode's stage as plain HTML, to paint before the widgets connect.

    Voila's class template (``share/jupyter/voila/templates/handbook-class``) shows it in
    place of its spinner, and the live stage replaces it when drawn. It carries its own
    styles (the player's and the stage's), since the page's are not loaded yet.
    """
    _check_theme(theme)
    return render(
        "class-first-frame.html.j2",
        theme=theme,
        player_css=stylesheet() + (PLAYER_FILES / "guide.css").read_text(encoding="utf-8"),
        **_stage(routine),
    )


def _check_theme(theme: str) -> None:
    if theme not in ("light", "dark"):
        raise ValueError(f'theme must be "light" or "dark", got {theme!r}')


def class_page(routine: Teachable, *, muted: bool = False, theme: str = "light") -> str:
    """The routine as a class page: one HTML file that runs the class with no server.

    Parameters
    ----------
    routine:
        The routine to teach (a ``handbook.Routine``).
    muted:
        Start with the tones and voice off (Mute on the stage turns them on).
    theme:
        ``"light"`` or ``"dark"`` (white on black, for a dim room).

    >>> import handbook
    >>> page = handbook.routines()["back-pain-basics"].to_class_page()
    >>> page.startswith("<!doctype html>"), "Kneeling hip flexor stretch" in page
    (True, True)
    """
    _check_theme(theme)
    stretches = tuple(routine.stretches)
    timeline = player_timeline(routine.phases(), breaths_per_minute=DEFAULT_BREATHS_PER_MINUTE)
    pictures = side_pictures(stretches, PICTURE_PX)
    data = {
        "key": f"class-page-{routine.id}",
        "mode": "class",
        "timeline": timeline,
        "title": routine.name,
        "notes": class_cues(stretches),
        "muted": muted,
        "status": "",
        "pictures": pictures,
    }
    return render(
        "class-page.html.j2",
        theme=theme,
        player_css=stylesheet() + (PLAYER_FILES / "guide.css").read_text(encoding="utf-8"),
        data_json=_script_json(data),
        guide_js=_script_json((PLAYER_FILES / "guide.js").read_text(encoding="utf-8")),
        picture_js=_script_json((PLAYER_FILES / "picture.js").read_text(encoding="utf-8")),
        **_stage(routine),
    )
