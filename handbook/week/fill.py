"""The planner's algorithm: fill each day with stretches that fit its minutes, after a warm-up.

``Recipe`` is what a plan is filled from besides its settings (the stretches it may use, the
alternatives swapped in for ruled-out stretches, the warm-up): plain data, kept on the plan
so that its check can fill the same week again with other minutes (``fill_days``).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..catalog.loader import Catalog
from ..catalog.stretch import Stretch
from ..i18n import _
from ..timing.routine import Routine, RoutineError, RoutineItem
from ..timing.routinefile import warm_up as builtin_warm_up
from ..timing.timeline import REST_S, TimedItem, item_seconds, timeline_seconds
from . import guidelines as g
from .budget import stretch_seconds, warm_up_room
from .pool import candidates, owns
from .settings import DAYS, PlanSettings, day_name

# Within a day, go from standing to the floor, never back up and down again.
POSITION_ORDER = (
    "standing",
    "seated-chair",
    "kneeling",
    "all-fours",
    "seated-floor",
    "side-lying",
    "prone",
    "supine",
)

WEIGHTS = {"focus": 2.0, "major": 1.0, "other": 0.25}
"""How much the fill values reaching a group: a focus group, another major one, any other."""


@dataclass(frozen=True)
class Recipe:
    """What a week is filled from besides its settings' minutes."""

    pool: tuple[Stretch, ...]  # the stretches the settings allow
    swaps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per day, the alternatives of the stretches the conditions rule out, placed first."""
    warm: Routine | None = None  # the warm-up's usable movements, before shortening


def recipe(catalog: Catalog, settings: PlanSettings) -> Recipe:
    """The pool, the swapped-in alternatives and the warm-up for a person's settings."""
    pool = tuple(candidates(catalog, settings))
    warm = usable_warm_up(catalog, settings) if settings.warm_up else None
    return Recipe(pool, _swaps(catalog, settings, pool, warm), warm)


def _swaps(
    catalog: Catalog, settings: PlanSettings, pool: tuple[Stretch, ...], warm: Routine | None
) -> dict[str, tuple[str, ...]]:
    """Per day, the alternatives of the ruled-out stretches a plan without conditions has."""
    if not settings.conditions:
        return {}
    free = dataclasses.replace(settings, conditions=())
    safe = {s.id for s in pool}
    days = fill_days(catalog, free, Recipe(tuple(candidates(catalog, free)), {}, warm))
    return {
        day: tuple(
            alt
            for s in (routine.stretches if routine else ())
            if s.id not in safe and (alt := catalog.alternative(s.id, settings.conditions)) in safe
        )
        for day, routine in days.items()
    }


def fill_days(
    catalog: Catalog, settings: PlanSettings, recipe: Recipe
) -> dict[str, Routine | None]:
    """The greedy fill: each day takes its swapped-in alternatives where they fit, then the
    stretches that reach the most groups still short of their days.

    With a warm-up, each day starts with it, shortened to fit, and the stretches share what
    is left.
    """
    pool = recipe.pool
    muscles = list(catalog.vocabulary.keys("muscles"))
    column = {m: i for i, m in enumerate(muscles)}
    member = np.zeros((len(pool), len(muscles)))
    for row, stretch in enumerate(pool):
        for muscle in stretch.primary:
            member[row, column[muscle]] = 1.0
    doses = [g.dose(s.hold_s, settings.older_adult) for s in pool]
    cost = np.array([item_seconds(h, r, s.sides) for (h, r), s in zip(doses, pool, strict=True)])
    target = np.array([g.target_days(m, settings.focus) for m in muscles], dtype=float)
    weight = np.array(
        [
            WEIGHTS["focus" if m in settings.focus else "major" if t else "other"]
            for m, t in zip(muscles, target, strict=True)
        ]
    )
    rng = random.Random(settings.seed)
    jitter = 1 + 1e-3 * np.array([rng.random() for _ in pool])  # ties broken by the seed
    covered = np.zeros(len(muscles))
    used = np.zeros(len(pool))
    row_of = {s.id: row for row, s in enumerate(pool)}
    days: dict[str, Routine | None] = {}
    warm_ups: dict[float, tuple[tuple[RoutineItem, ...], float]] = {}  # by minutes, this week
    for day in DAYS:
        minutes = settings.minutes[day]
        if minutes not in warm_ups:
            cut = () if recipe.warm is None else shortened(recipe.warm, minutes * 60)
            warm_ups[minutes] = (
                cut,
                moving_seconds(recipe.warm.with_items(cut)) if recipe.warm and cut else 0.0,
            )
        moves, warm_s = warm_ups[minutes]
        budget = stretch_seconds(settings.minutes[day], warm_s)  # and REST_S before a stretch
        today = np.zeros(len(muscles), dtype=bool)
        chosen: list[int] = []
        picks = iter([row_of[sid] for sid in dict.fromkeys(recipe.swaps.get(day, ()))])
        while True:
            need = np.maximum(target - covered, 0)
            value = np.where(need > 0, 3 * weight, weight / (2 + covered))
            value[today] = 0.0
            extra = cost + (REST_S if chosen or moves else 0.0)
            score = (member @ value) / extra / (1 + 0.5 * used) * jitter
            score[(extra > budget) | (score <= 0)] = -1.0
            score[chosen] = -1.0
            best = next(picks, None)  # the swapped-in alternatives first, where they fit
            if best is not None and (best in chosen or extra[best] > budget):
                continue
            if best is None:
                best = int(np.argmax(score))
                if score[best] <= 0:
                    break
            chosen.append(best)
            budget -= extra[best]
            used[best] += 1
            today |= member[best] > 0
        covered += today
        if not chosen:
            days[day] = None
            continue
        chosen.sort(key=lambda i: POSITION_ORDER.index(pool[i].position))  # stable: pick order
        items = tuple(RoutineItem(pool[i].id, hold_s=doses[i][0], reps=doses[i][1]) for i in chosen)
        days[day] = Routine(
            f"plan-{day.lower()}",
            _("{day} stretches").format(day=day_name(day)),
            tuple(moves) + items,
            catalog,
            REST_S,
        )
    return days


def usable_warm_up(catalog: Catalog, settings: PlanSettings) -> Routine | None:
    """The built-in warm-up's movements that what the person owns allows and that no
    condition rules out, or None when none can be used.

    None too when the catalogue lacks the warm-up's movements (a folder of one's own).
    """
    try:
        warm = builtin_warm_up(catalog)
    except RoutineError:
        return None
    items = [
        item
        for item in warm.items
        if owns(catalog[item.stretch], settings, catalog.vocabulary)
        and not catalog[item.stretch].skipped_for(settings.conditions)
    ]
    return warm.with_items(items) if items else None


def moving_seconds(warm: Routine) -> float:
    """Seconds a warm-up adds to a day: its movements and the short pauses between them.

    Timed with the day's rest between items (REST_S), as it will be in the day's routine.
    """
    return timeline_seconds(warm.timed_items(), get_ready=0.0, rest_between_items=REST_S)


def shortened(warm: Routine, day_s: float) -> tuple[RoutineItem, ...]:
    """The warm-up's items cut to fit a day of ``day_s`` seconds: () when it cannot.

    A warm-up takes at most ``WARM_UP_SHARE`` of the day (and never the whole built-in one
    when that is longer); movements lose reps one at a time, the longest first, down to
    ``WARM_UP_MIN_REPS``, then the last movements go. Less than ``WARM_UP_MIN_S`` is no
    warm-up at all.
    """
    timed: dict[RoutineItem, TimedItem] = {}  # each item timed once in this call

    def seconds(items: Sequence[RoutineItem]) -> float:
        for item in items:
            if item not in timed:
                timed[item] = TimedItem.from_stretch(item.resolve(warm.catalog))
        return timeline_seconds(
            [timed[item] for item in items], get_ready=0.0, rest_between_items=REST_S
        )

    limit = min(seconds(warm.items), warm_up_room(day_s / 60))
    if limit < g.WARM_UP_MIN_S:
        return ()

    stretches = {item.stretch: warm.catalog[item.stretch] for item in warm.items}
    reps = [
        item.reps if item.reps is not None else stretches[item.stretch].reps for item in warm.items
    ]  # every item's reps, spelled out in items too: the loop below cuts both alike
    items = [
        item if item.reps is not None else RoutineItem(item.stretch, reps=n)
        for item, n in zip(warm.items, reps, strict=True)
    ]
    while items and seconds(items) > limit + 1e-9:
        cuttable = [n for n, count in enumerate(reps) if count > g.WARM_UP_MIN_REPS]
        if not cuttable:
            items.pop()
            reps.pop()
            continue
        longest = max(
            cuttable, key=lambda n: (reps[n] * (stretches[items[n].stretch].rep_s or 0.0), -n)
        )
        reps[longest] -= 1
        items[longest] = RoutineItem(items[longest].stretch, reps=reps[longest])
    if not items or seconds(items) < g.WARM_UP_MIN_S:
        return ()
    return tuple(items)
