"""The weekly planner: fill each day with a routine that fits its minutes and the guidelines."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Mapping

import numpy as np

from ..catalog.loader import Catalog
from ..catalog.stretch import Stretch
from ..timing.routine import Routine, RoutineItem
from ..timing.timeline import GET_READY_S, REST_S, item_seconds
from . import guidelines as g
from .model import WeekPlan
from .pool import candidates
from .settings import DAY_NAMES, DAYS, PlanSettings, week_minutes

# Within a day, go from standing to the floor, never back up and down again.
POSITION_ORDER = ("standing", "seated-chair", "kneeling", "all-fours", "seated-floor",
                  "side-lying", "prone", "supine")


def plan_week(catalog: Catalog, minutes: float | Mapping[str, float] = 10,
              focus: Iterable[str] | str = (), level: str = "beginner",
              equipment: Iterable[str] | None = None, *, older_adult: bool = False,
              seed: int = 0) -> WeekPlan:
    """Fill each day with a routine that fits its minutes and spreads the muscle groups.

    Every focus group aims for 3 days a week and every major group for 2, as the minutes
    allow; holds and reps follow the guidelines (10-30 s, or 30-60 s for older adults,
    about 60 s per stretch). The same inputs give the same plan; ``seed`` varies it.
    ``plan.notes()`` says which groups fall short of their days and why; when more minutes
    would mend it, the number it gives was checked by planning again with them.
    """
    vocab = catalog.vocabulary
    focus = (focus,) if isinstance(focus, str) else tuple(focus)
    settings = PlanSettings(
        minutes=week_minutes(minutes),
        focus=tuple(dict.fromkeys(vocab.normalise("muscles", m) for m in focus)),
        level=vocab.normalise("levels", level),
        equipment=None if equipment is None else tuple(
            vocab.normalise("equipment", e) for e in ([equipment] if isinstance(equipment, str)
                                                      else equipment)),
        older_adult=bool(older_adult), seed=int(seed))
    pool = candidates(catalog, settings)
    if not pool:
        raise ValueError(f"no stretch in the catalogue suits level {settings.level!r} with "
                         f"equipment {list(settings.equipment or [])}; allow more equipment")
    plan = _fill(catalog, settings, pool)
    return dataclasses.replace(plan, replan=lambda minutes: _fill(
        catalog, dataclasses.replace(settings, minutes=minutes), pool))


def _fill(catalog: Catalog, settings: PlanSettings, pool: list[Stretch]) -> WeekPlan:
    """The greedy fill: each day takes the stretches that reach the most groups still short."""
    vocab = catalog.vocabulary
    muscles = list(vocab.keys("muscles"))
    column = {m: i for i, m in enumerate(muscles)}
    member = np.zeros((len(pool), len(muscles)))
    for row, stretch in enumerate(pool):
        for muscle in stretch.primary:
            member[row, column[muscle]] = 1.0
    doses = [g.dose(s.hold_s, settings.older_adult) for s in pool]
    cost = np.array([item_seconds(h, r, s.sides) for (h, r), s in zip(doses, pool, strict=True)])
    weight = np.full(len(muscles), 0.25)
    target = np.zeros(len(muscles))
    for muscle in g.MAJOR_GROUPS:
        weight[column[muscle]], target[column[muscle]] = 1.0, g.MAJOR_DAYS
    for muscle in settings.focus:
        weight[column[muscle]], target[column[muscle]] = 2.0, g.FOCUS_DAYS
    rng = random.Random(settings.seed)
    jitter = 1 + 1e-3 * np.array([rng.random() for _ in pool])  # ties broken by the seed
    covered = np.zeros(len(muscles))
    used = np.zeros(len(pool))
    days: dict[str, Routine | None] = {}
    for day in DAYS:
        budget = settings.minutes[day] * 60 - GET_READY_S
        today = np.zeros(len(muscles), dtype=bool)
        chosen: list[int] = []
        while True:
            need = np.maximum(target - covered, 0)
            value = np.where(need > 0, 3 * weight, weight / (2 + covered))
            value[today] = 0.0
            extra = cost + (REST_S if chosen else 0.0)
            score = (member @ value) / extra / (1 + 0.5 * used) * jitter
            score[(extra > budget) | (score <= 0)] = -1.0
            score[chosen] = -1.0
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
        items = tuple(RoutineItem(pool[i].id, hold_s=doses[i][0], reps=doses[i][1])
                      for i in chosen)
        days[day] = Routine(f"plan-{day.lower()}", f"{DAY_NAMES[DAYS.index(day)]} stretches",
                            items, catalog, REST_S)
    return WeekPlan(days, settings, catalog)
