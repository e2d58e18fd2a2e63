"""The weekly planner: fill each day with a routine that fits its minutes and the guidelines."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Mapping

import numpy as np

from ..catalog.conditions import normalise_conditions
from ..catalog.loader import Catalog
from ..catalog.stretch import Stretch
from ..timing.routine import Routine, RoutineError, RoutineItem
from ..timing.routinefile import warm_up as builtin_warm_up
from ..timing.timeline import GET_READY_S, REST_S, item_seconds
from . import guidelines as g
from .model import WeekPlan
from .pool import candidates
from .settings import DAY_NAMES, DAYS, PlanSettings, week_minutes

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
    pool = candidates(catalog, settings)
    if not pool:
        raise ValueError(
            f"no stretch in the catalogue suits level {settings.level!r} with "
            f"equipment {list(settings.equipment or [])}; allow more equipment"
        )
    warm = _warm_up(catalog, settings) if settings.warm_up else None
    swaps = _swaps(catalog, settings, pool, warm)
    plan = _fill(catalog, settings, pool, swaps, warm)
    return dataclasses.replace(
        plan,
        replan=lambda minutes: _fill(
            catalog, dataclasses.replace(settings, minutes=minutes), pool, swaps, warm
        ),
    )


def _swaps(
    catalog: Catalog, settings: PlanSettings, pool: list[Stretch], warm: Routine | None
) -> dict[str, list[str]]:
    """Per day, the alternatives of the ruled-out stretches a plan without conditions has."""
    if not settings.conditions:
        return {}
    free = dataclasses.replace(settings, conditions=())
    safe = {s.id for s in pool}
    plan = _fill(catalog, free, candidates(catalog, free), {}, warm)
    return {
        day: [
            alt
            for s in (routine.stretches if routine else ())
            if s.id not in safe and (alt := catalog.alternative(s.id, settings.conditions)) in safe
        ]
        for day, routine in plan.days.items()
    }


def _fill(
    catalog: Catalog,
    settings: PlanSettings,
    pool: list[Stretch],
    preset: Mapping[str, list[str]],
    warm: Routine | None = None,
) -> WeekPlan:
    """The greedy fill: each day takes its preset stretches (the swapped-in alternatives)
    where they fit, then the stretches that reach the most groups still short.

    With a warm-up, each day starts with it, shortened to fit, and the stretches share what
    is left.
    """
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
    row_of = {s.id: row for row, s in enumerate(pool)}
    days: dict[str, Routine | None] = {}
    for day in DAYS:
        budget = settings.minutes[day] * 60 - GET_READY_S
        moves: tuple[RoutineItem, ...] = ()
        if warm is not None:
            moves = shortened(warm, settings.minutes[day] * 60)
            if moves:
                budget -= _moving_seconds(warm.with_items(moves))  # and REST_S before a stretch
        today = np.zeros(len(muscles), dtype=bool)
        chosen: list[int] = []
        picks = iter([row_of[sid] for sid in dict.fromkeys(preset.get(day, ()))])
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
            f"{DAY_NAMES[DAYS.index(day)]} stretches",
            tuple(moves) + items,
            catalog,
            REST_S,
        )
    return WeekPlan(days, settings, catalog)


def _warm_up(catalog: Catalog, settings: PlanSettings) -> Routine | None:
    """The built-in warm-up's movements that suit the equipment and that no condition rules
    out, or None when none can be used.

    None too when the catalogue lacks the warm-up's movements (a folder of one's own).
    """
    try:
        warm = builtin_warm_up(catalog)
    except RoutineError:
        return None
    have = None if settings.equipment is None else set(settings.equipment)
    items = [
        item
        for item in warm.items
        if (have is None or set(catalog[item.stretch].equipment) <= have)
        and not catalog[item.stretch].skipped_for(settings.conditions)
    ]
    return warm.with_items(items) if items else None


def _moving_seconds(warm: Routine) -> float:
    """Seconds a warm-up adds to a day: its movements and the short pauses between them.

    Timed with the day's rest between items (REST_S), as it will be in the day's routine.
    """
    phases = dataclasses.replace(warm, rest_s=REST_S).phases(get_ready=0.0)
    return phases[-1].end if phases else 0.0


def shortened(warm: Routine, day_s: float) -> tuple[RoutineItem, ...]:
    """The warm-up's items cut to fit a day of ``day_s`` seconds: () when it cannot.

    A warm-up takes at most ``WARM_UP_SHARE`` of the day (and never the whole built-in one
    when that is longer); movements lose reps one at a time, the longest first, down to
    ``WARM_UP_MIN_REPS``, then the last movements go. Less than ``WARM_UP_MIN_S`` is no
    warm-up at all.
    """
    limit = min(_moving_seconds(warm), g.WARM_UP_SHARE * day_s)
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
    while items and _moving_seconds(warm.with_items(items)) > limit + 1e-9:
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
    if not items or _moving_seconds(warm.with_items(items)) < g.WARM_UP_MIN_S:
        return ()
    return tuple(items)
