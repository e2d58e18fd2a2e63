"""A day's time: what its minutes hold for the get-ready, the warm-up and the stretches.

The one place the budget is reckoned: the planner fills a day to it, the advice asks what is
left of it and whether a stretch could ever fit, the notes whether a warm-up has room.
"""

from __future__ import annotations

import math

from ..timing.timeline import GET_READY_S
from . import guidelines as g


def stretch_seconds(minutes: float, warm_up_s: float = 0.0) -> float:
    """Seconds a day of ``minutes`` leaves for its stretches, after the get-ready and a warm-up
    of ``warm_up_s`` seconds (a stretch after the warm-up still pays its rest, as in a routine).

    >>> stretch_seconds(3), stretch_seconds(10, warm_up_s=120.0)
    (175.0, 475.0)
    """
    return minutes * 60 - GET_READY_S - warm_up_s


def minutes_for(stretch_s: float) -> int:
    """The whole minutes a day needs for ``stretch_s`` seconds of stretches (at least 1): the
    inverse of ``stretch_seconds``.

    >>> minutes_for(70.0), minutes_for(55.0)
    (2, 1)
    """
    return max(1, math.ceil((stretch_s + GET_READY_S) / 60 - 1e-9))


def seconds_left(minutes: float, routine_s: float | None) -> float:
    """Seconds a day's minutes leave after its routine of ``routine_s`` seconds (None: a rest
    day, which leaves all but the get-ready).

    The same budget as ``stretch_seconds``: a routine's duration counts its get-ready.

    >>> seconds_left(3, None), seconds_left(3, 125.0)
    (175.0, 55.0)
    """
    return stretch_seconds(minutes) - (0.0 if routine_s is None else routine_s - GET_READY_S)


def warm_up_room(minutes: float) -> float:
    """The most seconds a warm-up may take of a day: ``WARM_UP_SHARE`` of its minutes.

    >>> warm_up_room(10)
    150.0
    """
    return g.WARM_UP_SHARE * minutes * 60


def has_warm_up_room(minutes: float) -> bool:
    """Whether a day is long enough for a warm-up of at least ``WARM_UP_MIN_S`` seconds.

    >>> has_warm_up_room(3), has_warm_up_room(4)
    (False, True)
    """
    return warm_up_room(minutes) >= g.WARM_UP_MIN_S
