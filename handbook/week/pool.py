"""The stretches a plan may use, what keeps the others out, and what each costs in a day.

Equipment means what a person owns: what they named, and what it stands in for (the
vocabulary's ``stands_in_for``: a chair is a support to hold, a mat folded double pads a knee).
"""

from __future__ import annotations

from ..catalog.loader import Catalog
from ..catalog.stretch import Stretch
from ..catalog.vocabulary import Vocabulary
from ..timing.timeline import item_seconds
from . import guidelines as g
from .settings import LEVELS, PlanSettings

LIMITS = ("level", "equipment", "conditions")
"""The limits a person's settings put on the catalogue, in the order notes name them."""


def stand_ins(
    stretch: Stretch, settings: PlanSettings, vocabulary: Vocabulary
) -> dict[str, tuple[str, str]]:
    """For each piece of equipment a stretch needs that the person lacks but owns something to
    use instead: (what they own, how, in words), in the stretch's order (empty: nothing to
    replace, or any equipment allowed)."""
    if settings.equipment is None:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for needed in stretch.equipment:
        if needed in settings.equipment:
            continue
        for owned in settings.equipment:
            how = vocabulary.stands_in.get(owned, {}).get(needed)
            if how is not None:
                found[needed] = (owned, how)
                break
    return found


def missing_equipment(
    stretch: Stretch, settings: PlanSettings, vocabulary: Vocabulary
) -> tuple[str, ...]:
    """The equipment a stretch needs that nothing the person owns provides or stands in for:
    what they would have to get, in the stretch's order."""
    if settings.equipment is None:
        return ()
    replaced = stand_ins(stretch, settings, vocabulary)
    return tuple(e for e in stretch.equipment if e not in settings.equipment and e not in replaced)


def owns(stretch: Stretch, settings: PlanSettings, vocabulary: Vocabulary) -> bool:
    """Whether what the person owns does for every piece of equipment the stretch needs."""
    return not missing_equipment(stretch, settings, vocabulary)


def limits(stretch: Stretch, settings: PlanSettings, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Which of the settings' limits keep a stretch out of the plan (empty: it may be used)."""
    found = []
    if LEVELS.index(stretch.level) > LEVELS.index(settings.level):
        found.append("level")
    if not owns(stretch, settings, vocabulary):
        found.append("equipment")
    if stretch.skipped_for(settings.conditions):
        found.append("conditions")
    return tuple(found)


def candidates(catalog: Catalog, settings: PlanSettings) -> list[Stretch]:
    """The held stretches that suit the settings' level and what the person owns, that no
    condition rules out (movements warm up)."""
    return [s for s in held(catalog) if not limits(s, settings, catalog.vocabulary)]


def held(catalog: Catalog) -> list[Stretch]:
    """The catalogue's held stretches: what a plan stretches with and the guidelines count."""
    return [s for s in catalog if not s.is_movement]


def planned_seconds(stretch: Stretch, older_adult: bool) -> float:
    """Seconds a stretch takes in a plan, at the hold and reps the guidelines give it."""
    hold, reps = g.dose(stretch.hold_s, older_adult)
    return item_seconds(hold, reps, stretch.sides)
