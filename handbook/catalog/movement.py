"""Movements: entries done in reps at a pace rather than held, and the rules of their pace.

A movement's file says ``kind = "movement"``, how many ``reps`` (on each side in turn when
``sides = "each"``) and its ``pace``: one to four parts of a rep, each a word and seconds,
in the order they are done::

    kind = "movement"
    reps = 10
    pace = "arch 4 s, round 4 s"     # or one part: "circle 3 s", or a bare "3 s"

The words are what the player shows and says ("Arch · 3 of 10"); a bare "3 s" shows the
movement's name instead. A movement has no ``hold``: its moving time is reps times the pace.
"""

from __future__ import annotations

import math
import re

from ..errors import Problem
from ..i18n import _

KINDS = ("hold", "movement")
"""What an entry of the catalogue is: a still hold (the default) or a movement."""

MAX_PARTS = 4
PART_S = (1.0, 30.0)  # the shortest and longest part of a rep, in seconds
MAX_REPS = 100
MAX_WORD = 24  # a part's word is shown big and said aloud: keep it short

PACE_EXAMPLE = 'pace = "arch 4 s, round 4 s" or pace = "3 s"'
_PART = re.compile(r"^(?:(?P<word>[^\W\d_][^\d,]*?)\s+)?(?P<seconds>\d+(?:\.\d+)?)\s*s$")

Pace = tuple[tuple[str, float], ...]


def parse_pace(text: object, shown: str, problems: list[Problem], field: str = "pace") -> Pace:
    """The parts of a pace ("arch 4 s, round 4 s"): ((word, seconds), ...); () on a problem."""
    if not isinstance(text, str):
        problems.append(
            Problem(
                shown,
                field,
                _("must be text such as {pace_example}, got {text!r}").format(
                    pace_example=PACE_EXAMPLE, text=text
                ),
            )
        )
        return ()
    pieces = [piece.strip() for piece in text.split(",")]
    if not 1 <= len(pieces) <= MAX_PARTS:
        problems.append(
            Problem(
                shown,
                field,
                _("has {pieces} parts; give 1 to {max_parts}, e.g. {pace_example}").format(
                    pieces=len(pieces), max_parts=MAX_PARTS, pace_example=PACE_EXAMPLE
                ),
            )
        )
        return ()
    parts = []
    low, high = PART_S
    for n, piece in enumerate(pieces, 1):
        found = _PART.match(piece)
        if found is None:
            problems.append(
                Problem(
                    shown,
                    field,
                    _(
                        "part {n} ({piece!r}) is not '<word> <seconds> s'; write {pace_example}"
                    ).format(n=n, piece=piece, pace_example=PACE_EXAMPLE),
                )
            )
            return ()
        word, seconds = (found["word"] or "").strip(), float(found["seconds"])
        if not (math.isfinite(seconds) and low <= seconds <= high):
            problems.append(
                Problem(
                    shown,
                    field,
                    _("part {n} ({piece!r}) must last {low:g} to {high:g} seconds").format(
                        n=n, piece=piece, low=low, high=high
                    ),
                )
            )
            return ()
        if len(word) > MAX_WORD:
            problems.append(
                Problem(
                    shown,
                    field,
                    _(
                        "part {n}: {word!r} is longer than {max_word} characters; the player "
                        "shows and says it at every rep, so keep it short"
                    ).format(n=n, word=word, max_word=MAX_WORD),
                )
            )
            return ()
        if not word and len(pieces) > 1:
            problems.append(
                Problem(
                    shown,
                    field,
                    _(
                        "part {n} ({piece!r}) needs a word: a rep of several parts names "
                        'each one, e.g. "arch 4 s, round 4 s"'
                    ).format(n=n, piece=piece),
                )
            )
            return ()
        parts.append((word, seconds))
    return tuple(parts)


def check_movement_reps(
    reps: object, shown: str, problems: list[Problem], field: str = "reps"
) -> None:
    """Check a movement's count: a whole number from 1 to MAX_REPS."""
    if isinstance(reps, bool) or not isinstance(reps, int):
        problems.append(
            Problem(shown, field, _("must be a whole number, got {reps!r}").format(reps=reps))
        )
    elif not 1 <= reps <= MAX_REPS:
        problems.append(
            Problem(
                shown,
                field,
                _("must be from 1 to {max_reps} for a movement, got {reps}").format(
                    max_reps=MAX_REPS, reps=reps
                ),
            )
        )


def rep_seconds(pace: Pace) -> float:
    """Seconds of one rep: its parts added up."""
    return sum(seconds for _, seconds in pace)


def pace_text(pace: Pace) -> str:
    """A pace as people write it: "arch 4 s, round 4 s" or "3 s"."""
    return ", ".join(f"{word} {seconds:g} s".strip() for word, seconds in pace)


def reps_for(seconds: float, pace: Pace) -> int:
    """The whole number of reps (at least 1) whose moving time is nearest ``seconds``."""
    return min(MAX_REPS, max(1, round(seconds / rep_seconds(pace))))
