"""The weekly planner: fill each day with a routine that fits its minutes and the guidelines.

The algorithm is ``handbook.week.fill``; this module takes a person's settings in words,
checks them and returns the ``WeekPlan``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..catalog.conditions import normalise_conditions
from ..catalog.loader import Catalog
from ..i18n import _
from .fill import POSITION_ORDER, fill_days, recipe, shortened
from .model import WeekPlan
from .settings import PlanSettings, week_minutes

__all__ = ["POSITION_ORDER", "plan_week", "shortened"]


def plan_week(
    catalog: Catalog,
    minutes: float | Mapping[str, float] = 10,
    focus: Iterable[str] | str = (),
    level: str = "beginner",
    equipment: Iterable[str] | None = None,
    *,
    older_adult: bool = False,
    conditions: Iterable[str] | str = (),
    seed: int = 0,
    warm_up: bool = True,
) -> WeekPlan:
    """Fill each day with a routine that fits its minutes and spreads the muscle groups.

    Every focus group aims for 3 days a week and every major group for 2, as the minutes
    allow; holds and reps follow the guidelines (10-30 s, or 30-60 s for older adults,
    about 60 s per stretch). ``conditions`` (e.g. ["osteoporosis"]) leaves out every stretch
    they rule out and puts the stretch each names to do instead on the day it would have
    had. With ``warm_up`` (the default) each day starts with the built-in warm-up of
    movements, shortened to at most a quarter of the day's minutes and counted inside them.
    The same inputs give the same plan; ``seed`` varies it.
    ``plan.notes()`` says which groups fall short of their days and why; when more minutes
    would mend it, the number it gives was checked by planning again with them.

    ``minutes`` is one number for every day or a table of days ("Mon" ... "Sun"; days left
    out rest); ``focus`` muscle groups, ``level`` and ``equipment`` (what you own: None for
    anything) as in the vocabulary; ``older_adult`` holds 30-60 s.

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> plan = handbook.plan_week(cat, minutes={"Mon": 10, "Wed": 15, "Sat": 20},
    ...                           focus=["lower back"], equipment=["mat", "chair"])
    >>> int(plan.check().loc["lower back", "days"])
    3
    >>> any(note.startswith("What you own stands in") for note in plan.notes())
    True
    """
    vocab = catalog.vocabulary
    focus = (focus,) if isinstance(focus, str) else tuple(focus)
    settings = PlanSettings(
        minutes=week_minutes(minutes),
        focus=tuple(dict.fromkeys(vocab.normalise("muscles", m) for m in focus)),
        level=vocab.normalise("levels", level),
        equipment=None
        if equipment is None
        else tuple(
            vocab.normalise("equipment", e)
            for e in ([equipment] if isinstance(equipment, str) else equipment)
        ),
        older_adult=bool(older_adult),
        seed=int(seed),
        warm_up=bool(warm_up),
        conditions=normalise_conditions(vocab, conditions),
    )
    how = recipe(catalog, settings)
    if not how.pool:
        raise ValueError(
            _(
                "no stretch in the catalogue suits level {level} with equipment {equipment}; "
                "allow more equipment"
            ).format(level=repr(settings.level), equipment=list(settings.equipment or []))
        )
    return WeekPlan(fill_days(catalog, settings, how), settings, catalog, how)
