"""One stretch, as read from its TOML file."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeGuard

from ..errors import Problem
from ..errors import shown as shown_value
from ..files import MAX_INT
from ..i18n import _
from .conditions import ConditionAdvice
from .movement import Pace, pace_text, rep_seconds, reps_for
from .sides import DEFAULT_FIRST, default_names, other_side

MAX_HOLD_S = 600.0
"""The longest hold, ten minutes."""

MIN_HOLD_S = 1.0
"""The shortest hold, one second."""

MAX_REPS = 50
"""The most repetitions of one stretch (or movement) in a file, a routine or a plan."""

MAX_REST_S = 600.0
"""The longest rest between the stretches of a routine, ten minutes."""

MAX_ITEMS = 100
"""The most stretches one routine (or one day of a plan) holds."""

MAX_ROUTINE_S = 4 * 60 * 60.0
"""The longest routine, and so the longest day of a plan: four hours."""

DEFAULT_BREATHS_PER_MINUTE = 6.0
"""The slow "resonance" pace studied by Steffen et al. (2017): one deep breath every 10 s.

A hold given in breaths lasts as long as that many breaths at this pace; the player paces
the breath at it unless a person chooses another."""
SLOWEST_BREATH_S = 60.0 / DEFAULT_BREATHS_PER_MINUTE
"""One breath at the slowest pace the timer offers, for the limit on a hold in breaths."""

NOT_FOR_CLASS = "not-for-class"
"""The tag of an entry that does not belong in a workshop: advanced, or not safe to teach a
group at once (frog and pigeon); class mode and the routine builder for a class read it."""

ROLE_WEIGHTS = {"primary": 1.0, "secondary": 0.5}
"""The share of a stretch's seconds each of its muscles gets, by role (plan and log alike)."""


@dataclass(frozen=True)
class Stretch:
    """A stretch: what it targets, how to do it, what to avoid, and how long to hold it.

    A movement (``kind == "movement"``) is done in ``reps`` at its ``pace`` instead of
    held; its "hold" is its moving time on one side, reps times the pace.

    Read from a stretch file by ``handbook.load_catalog``; frozen, so a change is a copy
    (``with_hold``).

    >>> import handbook
    >>> quad = handbook.load_catalog()["standing-quad"]
    >>> quad.primary, quad.sides, quad.with_hold(seconds=45).hold_s
    (('quadriceps',), 'each', 45.0)
    """

    id: str
    name: str
    summary: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    position: str
    equipment: tuple[str, ...]
    level: str
    sides: str
    reps: int
    steps: tuple[str, ...]
    cues: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: str = ""
    hold_breaths: int | None = None
    hold_fixed_s: float | None = None
    first_side: str = DEFAULT_FIRST
    side_names: tuple[tuple[str, str], ...] = ()  # ((side, name), ...), the first side first
    conditions: tuple[ConditionAdvice, ...] = ()
    positions: tuple[str, ...] | None = None  # what it takes (catalog.positions); None: unstated
    kind: str = "hold"
    pace: Pace = ()
    pose: dict[str, object] | None = field(default=None, compare=False, repr=False)
    pose_end: dict[str, object] | None = field(default=None, compare=False, repr=False)
    file: Path | None = field(default=None, compare=False, repr=False)

    @property
    def is_movement(self) -> bool:
        """True for a movement, done in reps at a pace."""
        return self.kind == "movement"

    @property
    def rep_s(self) -> float | None:
        """Seconds of one rep of a movement; None for a hold."""
        return rep_seconds(self.pace) if self.is_movement else None

    def hold_seconds(self, breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE) -> float:
        """Seconds of one hold: breaths at the given pace, or the fixed seconds of the file.

        For a movement: its moving time on one side (reps times the pace, whatever the
        breathing pace).
        """
        if self.is_movement:
            return self.reps * rep_seconds(self.pace)
        if self.hold_fixed_s is not None:
            return float(self.hold_fixed_s)
        if not breaths_per_minute > 0:
            raise ValueError(
                _("breaths_per_minute must be positive, got {breaths_per_minute!r}").format(
                    breaths_per_minute=breaths_per_minute
                )
            )
        if self.hold_breaths is None:  # a Stretch made by hand with neither
            raise ValueError(
                _("{kind} has no hold: give it hold_breaths or hold_fixed_s").format(kind=self.name)
            )
        return self.hold_breaths * 60.0 / breaths_per_minute

    def side_name(self, side: str) -> str:
        """How a side is called, by its limb: "right knee down" (or "right side")."""
        if side not in ("left", "right"):
            raise ValueError(_("side must be 'left' or 'right', got {side!r}").format(side=side))
        return dict(self.side_names).get(side, default_names()[side])

    @property
    def sides_in_order(self) -> tuple[str, str]:
        """The two sides, the first one first."""
        return self.first_side, other_side(self.first_side)

    def advice_for(self, condition: str) -> ConditionAdvice | None:
        """What to do about this stretch with a condition, or None when nothing is needed."""
        return next((c for c in self.conditions if c.condition == condition), None)

    @property
    def for_class(self) -> bool:
        """False for an entry tagged ``not-for-class`` (see ``NOT_FOR_CLASS``)."""
        return NOT_FOR_CLASS not in self.tags

    def skipped_for(self, conditions: Iterable[str]) -> bool:
        """True when any of the conditions rules this stretch out."""
        return any((a := self.advice_for(c)) is not None and a.skip for c in conditions)

    @property
    def hold_s(self) -> float:
        """Seconds of one hold at the default pace of 6 breaths a minute."""
        return self.hold_seconds()

    @property
    def muscles(self) -> tuple[str, ...]:
        """Primary then secondary muscles."""
        return self.primary + self.secondary

    @property
    def hold_text(self) -> str:
        """The hold as people say it: "5 deep breaths (about 50 s)" or "30 s".

        A movement says its reps and pace: "10 reps of arch 4 s, round 4 s (80 s)".
        """
        if self.is_movement:
            return _("{reps} reps of {pace_text} ({hold_s:g} s)").format(
                reps=self.reps, pace_text=pace_text(self.pace), hold_s=self.hold_s
            )
        if self.hold_breaths is None:
            return f"{self.hold_s:g} s"
        return _("{hold_breaths} deep breaths (about {hold_s:g} s)").format(
            hold_breaths=self.hold_breaths, hold_s=self.hold_s
        )

    def with_hold(self, *, seconds: float | None = None, breaths: int | None = None) -> Stretch:
        """A copy with another hold, given in seconds or in breaths.

        A movement keeps its pace: seconds become the whole number of reps whose moving
        time is nearest them; breaths do not apply to it.
        """
        if (seconds is None) == (breaths is None):
            raise ValueError(_("give exactly one of seconds= or breaths="))
        if self.is_movement and breaths is not None:
            raise ValueError(
                _(
                    "{kind} is a movement done at its own pace ({pace_text}); give its "
                    "reps, or seconds= of moving"
                ).format(kind=self.name, pace_text=pace_text(self.pace))
            )
        problems: list[Problem] = []
        check_hold(
            {"seconds": seconds} if breaths is None else {"breaths": breaths}, self.name, problems
        )
        if problems:
            raise ValueError("; ".join(f"{p.field}: {p.message}" for p in problems))
        if self.is_movement:
            assert seconds is not None  # exactly one was given, and breaths were refused above
            return replace(self, reps=reps_for(seconds, self.pace))
        copy = replace(
            self, hold_fixed_s=None if seconds is None else float(seconds), hold_breaths=breaths
        )
        return replace(copy, steps=restate_hold(self.steps, copy.hold_text))


_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
HOLD_PHRASE = re.compile(
    rf"\b(?P<verb>hold|stay)(?P<there> there)? for (?:about |up to about )?"
    rf"(?:{_NUMBER} (?:deep,? |slow,? )*breaths?(?:,? (?:up to )?about \d+ seconds)?"
    rf"|\d+ seconds)",
    re.IGNORECASE,
)
"""How a step states the hold: "stay there for five deep, slow breaths", "hold for about 30
seconds", "stay for one deep breath, about 10 seconds"."""


def restate_hold(steps: tuple[str, ...], hold_text: str) -> tuple[str, ...]:
    """The steps with every stated hold replaced by ``hold_text``, so words and timer agree."""
    return tuple(
        HOLD_PHRASE.sub(lambda m: f"{m['verb']}{m['there'] or ''} for {hold_text}", step)
        for step in steps
    )


# --- The hold rules, the same for a stretch file, a routine and a copy with_hold ---------


def is_int(value: object) -> TypeGuard[int]:
    """True for a whole number that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[int | float]:
    """True for an int or float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_hold(
    hold: object, shown: str, problems: list[Problem], field: str = "hold"
) -> tuple[int | None, float | None]:
    """Check a hold table ({ breaths = n } or { seconds = s }); return (breaths, seconds)."""
    fix = _("write {field} = {{ breaths = 5 }} or {field} = {{ seconds = 30 }}").format(field=field)
    if not isinstance(hold, dict):
        problems.append(
            Problem(
                shown, field, _("must be a table, got {hold!r}; {fix}").format(hold=hold, fix=fix)
            )
        )
        return None, None
    unknown = set(hold) - {"breaths", "seconds"}
    if unknown or len(hold) != 1:
        problems.append(
            Problem(
                shown,
                field,
                _("must give exactly one of breaths or seconds, got {hold}; {fix}").format(
                    hold=sorted(hold), fix=fix
                ),
            )
        )
        return None, None
    ((unit, value),) = hold.items()
    where = f"{field}.{unit}"
    if unit == "breaths":
        if not is_int(value):
            problems.append(
                Problem(
                    shown,
                    where,
                    _("must be a whole number, got {value}").format(value=shown_value(value)),
                )
            )
            return None, None
        seconds = value * SLOWEST_BREATH_S if abs(value) <= MAX_INT else math.inf
    else:
        if not is_number(value):
            problems.append(
                Problem(
                    shown,
                    where,
                    _("must be a number, got {value}").format(value=shown_value(value)),
                )
            )
            return None, None
        seconds = float(value) if not is_int(value) or abs(value) <= MAX_INT else math.inf
    if math.isnan(seconds) or (math.isinf(seconds) and isinstance(value, float)):
        problems.append(
            Problem(shown, where, _("must be a finite number, got {value!r}").format(value=value))
        )
    elif value <= 0:
        problems.append(
            Problem(
                shown, where, _("must be above zero, got {value}").format(value=shown_value(value))
            )
        )
    elif seconds < MIN_HOLD_S:
        problems.append(
            Problem(
                shown,
                where,
                _("must be at least 1 second, got {value}").format(value=shown_value(value)),
            )
        )
    elif seconds > MAX_HOLD_S:
        limit = _("60 breaths") if unit == "breaths" else _("600 seconds")
        problems.append(
            Problem(
                shown,
                where,
                _("{value} is over 10 minutes; the longest hold is {limit}").format(
                    value=shown_value(value), limit=limit
                ),
            )
        )
    else:
        return (value, None) if unit == "breaths" else (None, seconds)
    return None, None


def check_reps(
    reps: object, shown: str, problems: list[Problem], field: str = "reps", most: int = MAX_REPS
) -> None:
    """Check that reps is a whole number from 1 to ``most`` (MAX_REPS for a held stretch)."""
    if not is_int(reps):
        problems.append(
            Problem(
                shown, field, _("must be a whole number, got {reps}").format(reps=shown_value(reps))
            )
        )
    elif reps < 1:
        problems.append(
            Problem(
                shown, field, _("must be at least 1, got {reps}").format(reps=shown_value(reps))
            )
        )
    elif reps > most:
        problems.append(
            Problem(
                shown,
                field,
                _("must be at most {most}, got {reps}").format(most=most, reps=shown_value(reps)),
            )
        )


def check_rest(rest: object, shown: str, problems: list[Problem], field: str = "rest") -> None:
    """Check that a rest is a number of seconds from 0 to MAX_REST_S."""
    if not is_number(rest) or math.isnan(rest) or not 0 <= rest <= MAX_REST_S:
        problems.append(
            Problem(
                shown,
                field,
                _("must be seconds from 0 to {max_rest_s:g}, got {rest}").format(
                    max_rest_s=MAX_REST_S, rest=shown_value(rest)
                ),
            )
        )


def check_length(
    seconds: float,
    count: int,
    shown: str,
    problems: list[Problem],
    field: str = "items",
    what: str = "routine",
) -> None:
    """Check that a routine (or a day of a plan) holds at most MAX_ITEMS and lasts at most
    MAX_ROUTINE_S."""
    if count > MAX_ITEMS:
        problems.append(
            Problem(
                shown,
                field,
                _("lists {count} stretches; a {what} holds at most {max_items}").format(
                    count=count, what=what, max_items=MAX_ITEMS
                ),
            )
        )
    elif seconds > MAX_ROUTINE_S:
        problems.append(
            Problem(
                shown,
                field,
                _(
                    "the {what} lasts about {value:.1f} hours; the longest is {value2:g} "
                    "hours: drop stretches, or shorten holds and reps"
                ).format(what=what, value=seconds / 3600, value2=MAX_ROUTINE_S / 3600),
            )
        )
