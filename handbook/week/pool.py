"""The stretches a plan may use, what keeps the others out, and what each costs in a day."""

from __future__ import annotations

from ..catalog.loader import Catalog
from ..catalog.stretch import Stretch
from ..timing.timeline import item_seconds
from . import guidelines as g
from .settings import LEVELS, PlanSettings

LIMITS = ("level", "equipment", "conditions")
"""The limits a person's settings put on the catalogue, in the order notes name them."""


def limits(stretch: Stretch, settings: PlanSettings) -> tuple[str, ...]:
    """Which of the settings' limits keep a stretch out of the plan (empty: it may be used)."""
    found = []
    if LEVELS.index(stretch.level) > LEVELS.index(settings.level):
        found.append("level")
    if settings.equipment is not None and not set(stretch.equipment) <= set(settings.equipment):
        found.append("equipment")
    if stretch.skipped_for(settings.conditions):
        found.append("conditions")
    return tuple(found)


def candidates(catalog: Catalog, settings: PlanSettings) -> list[Stretch]:
    """The held stretches that suit the settings' level and equipment, that no condition
    rules out (movements warm up)."""
    return [s for s in held(catalog) if not limits(s, settings)]


def held(catalog: Catalog) -> list[Stretch]:
    """The catalogue's held stretches: what a plan stretches with and the guidelines count."""
    return [s for s in catalog if not s.is_movement]


def missing_equipment(stretch: Stretch, settings: PlanSettings) -> tuple[str, ...]:
    """The equipment a stretch needs that the settings do not have, in the stretch's order."""
    have = set(settings.equipment or ())
    return (
        () if settings.equipment is None else tuple(e for e in stretch.equipment if e not in have)
    )


def planned_seconds(stretch: Stretch, older_adult: bool) -> float:
    """Seconds a stretch takes in a plan, at the hold and reps the guidelines give it."""
    hold, reps = g.dose(stretch.hold_s, older_adult)
    return item_seconds(hold, reps, stretch.sides)
