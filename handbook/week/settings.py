"""What a week plan is made of and asked with: the days, the levels, the minutes, the settings."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from ..catalog.stretch import MAX_ROUTINE_S
from ..i18n import _, locale
from ..timing.routine import Routine

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The days' names in English, as files and arguments may give them (``day_name`` says them)."""
LEVELS = ("beginner", "intermediate", "advanced")
MAX_MINUTES = int(MAX_ROUTINE_S // 60)
"""The most minutes a day may ask for (the longest routine); the planner widget takes its
limit from here."""


@dataclass(frozen=True)
class PlanSettings:
    """What a person asked of the planner."""

    minutes: Mapping[str, float]
    focus: tuple[str, ...] = ()
    level: str = "beginner"
    equipment: tuple[str, ...] | None = None  # None: any equipment
    older_adult: bool = False
    seed: int = 0
    conditions: tuple[str, ...] = ()  # health conditions: their ruled-out stretches are left out
    warm_up: bool = False  # each day starts with a short warm-up (plan_week's default: True)


# WeekPlan satisfies it, and the protocols built on it in export and advice: the modules the
# model hands itself to (its file, its export, its advice) name these, never the model.
class PlannedWeek(Protocol):
    """What a week plan is made of: a routine (None: a rest day) for each day, and its settings."""

    @property
    def days(self) -> Mapping[str, Routine | None]: ...

    @property
    def settings(self) -> PlanSettings: ...


def day_name(day: str, width: Literal["wide", "abbreviated"] = "wide") -> str:
    """A day ("Mon" ... "Sun") named in the handbook's language (Babel): "Monday", "lunes".

    ``width`` is Babel's: "wide" ("Monday") or "abbreviated" ("Mon").

    >>> day_name("Mon"), day_name("Sun", "abbreviated")
    ('Monday', 'Sun')
    """
    from babel.dates import get_day_names

    return str(get_day_names(width, locale=locale())[DAYS.index(day)])


def _plain(text: str) -> str:
    """Lower case without accents: "Sábado" is "sabado"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _other_names() -> tuple[tuple[str, ...], ...]:
    """Each day's wide name in every language the handbook speaks, plain (see ``_plain``)."""
    from babel.dates import get_day_names

    from ..i18n import languages

    names = [get_day_names("wide", locale=code) for code in languages()]
    return tuple(tuple(_plain(str(n[i])) for n in names) for i in range(7))


def day_key(day: str) -> str:
    """ "Mon" from "Mon", "monday", "MONDAY" or "mo", or a day named in another language the
    handbook speaks ("lunes", "sábado", "sabado"); ValueError for anything else.

    >>> day_key("monday"), day_key("Sábado"), day_key("mie")
    ('Mon', 'Sat', 'Wed')
    """
    text = _plain(str(day).strip())
    if len(text) >= 2:
        for key, name in zip(DAYS, DAY_NAMES, strict=True):
            if name.lower().startswith(text):
                return key
        for key, names in zip(DAYS, _other_names(), strict=True):
            if any(name.startswith(text) for name in names):
                return key
    raise ValueError(
        _("{day} is not a day of the week; use Mon, Tue, ... Sun").format(day=repr(day))
    )


def check_minutes(value: object) -> float:
    """One day's minutes as a float, or a ValueError saying what is wrong (planner, plan files)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(_("must be a number of minutes, got {value}").format(value=repr(value)))
    if not 0 <= value <= MAX_MINUTES:
        raise ValueError(
            _("must be from 0 to {most}, got {value}").format(most=MAX_MINUTES, value=repr(value))
        )
    return float(value)


def week_minutes(minutes: float | Mapping[str, float]) -> dict[str, float]:
    """Minutes for every day from one number or a table of days (missing days get 0)."""
    if isinstance(minutes, Mapping):
        out: dict[str, object] = dict.fromkeys(DAYS, 0.0)
        for day, value in minutes.items():
            out[day_key(day)] = value
    else:
        out = dict.fromkeys(DAYS, minutes)
    checked: dict[str, float] = {}
    for day, given in out.items():
        try:
            checked[day] = check_minutes(given)
        except ValueError as exc:
            raise ValueError(
                _("minutes for {day} {problem}").format(day=day, problem=exc)
            ) from None
    return checked
