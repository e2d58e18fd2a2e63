"""Saving a week plan and reading it back, with a schema version and careful errors.

A plan file is TOML::

    schema = 2
    kind = "stretch-handbook-plan"
    planned = ["Mon", "Wed"]     # the days that have a routine; the rest are rest days
    [settings]
    minutes = { Mon = 10, Tue = 10, ... }
    focus = ["lower back"]
    level = "beginner"
    equipment = ["mat"]          # left out: any equipment
    older_adult = false
    conditions = ["osteoporosis"] # health conditions the plan left stretches out for
    seed = 0
    warm_up = true               # each day starts with a warm-up (left out: false, as before)
    [days.Mon]                   # one table per planned day
    name = "Monday stretches"
    rest = 10
    items = [{ stretch = "neck-turn", hold = { seconds = 20 }, reps = 3 }]

Version 2 added ``planned``, so that a file cut short at a day's table is caught rather
than read as a rest day; a version 1 file (without it) is still read.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from ..catalog.loader import Catalog, load_catalog
from ..catalog.schema import read_toml
from ..errors import PlanError, Problem
from ..files import atomic_write
from ..timing.routine import Routine, RoutineError, plain_number
from ..timing.routinefile import parse_routine
from .settings import DAYS, LEVELS, PlanSettings, check_minutes, day_key

if TYPE_CHECKING:  # annotations only: the model imports this module, never the reverse
    from .model import WeekPlan

SCHEMA = 2
KIND = "stretch-handbook-plan"
_MISSING = re.compile(r"^'(?P<id>[^']+)' is not in the catalogue")


def plan_document(plan: WeekPlan) -> dict:
    """The plan as a TOML document."""
    s = plan.settings
    settings = {
        "minutes": {d: plain_number(s.minutes[d]) for d in DAYS},
        "focus": list(s.focus),
        "level": s.level,
        "older_adult": s.older_adult,
        "seed": s.seed,
        "warm_up": s.warm_up,
    }
    if s.conditions:
        settings["conditions"] = list(s.conditions)
    if s.equipment is not None:
        settings["equipment"] = list(s.equipment)
    days = {}
    for day in DAYS:
        routine = plan.days[day]
        if routine is not None:
            doc = routine.to_dict()
            doc.pop("description", None)
            days[day] = doc
    return {
        "schema": SCHEMA,
        "kind": KIND,
        "planned": list(days),
        "settings": settings,
        "days": days,
    }


def save_plan(plan: WeekPlan, path: str | Path) -> Path:
    """Write the plan atomically: a crash mid-save leaves the old file whole."""
    return atomic_write(path, tomli_w.dumps(plan_document(plan)))


def read_plan(
    path: str | Path, catalog: Catalog | None = None
) -> tuple[dict[str, Routine | None], PlanSettings, Catalog]:
    """Read a saved plan's days and settings; PlanError names every problem, the file untouched."""
    path = Path(path)
    shown = str(path)
    data, problems = read_toml(path, shown, "; save a plan with plan.save(path)")
    if problems:
        raise PlanError(
            [Problem(shown, None, f"is not a readable plan file: {p.message}") for p in problems]
        )
    schema = data.get("schema")
    if data.get("kind") != KIND or schema is None:
        raise PlanError(
            [
                Problem(
                    shown,
                    "schema",
                    "has no plan schema version; is this a plan saved by the handbook?",
                )
            ]
        )
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise PlanError(
            [
                Problem(
                    shown,
                    "schema",
                    f"version {schema!r} was written by a "
                    f"newer handbook; this one reads "
                    f"version {SCHEMA}",
                )
            ]
        )
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise PlanError(
            [
                Problem(
                    shown, "schema", f"must be a version number from 1 to {SCHEMA}, got {schema!r}"
                )
            ]
        )
    catalog = catalog or load_catalog()
    settings = _settings(data.get("settings"), shown, problems, catalog, whole=schema >= 2)
    days, missing = {}, []
    raw_days = data.get("days", {})
    if not isinstance(raw_days, dict):
        problems.append(Problem(shown, "days", "must be a table of days"))
        raw_days = {}
    if schema >= 2:
        _check_planned(data.get("planned"), raw_days, shown, problems)
    for key, raw in raw_days.items():
        try:
            day = day_key(key)
        except ValueError as exc:
            problems.append(Problem(shown, f"days.{key}", str(exc)))
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(shown, f"days.{key}", "must be a routine table"))
            continue
        try:
            days[day] = parse_routine(raw, f"plan-{day.lower()}", catalog, shown, what="day")
        except RoutineError as exc:
            for p in exc.problems:
                problems.append(Problem(shown, f"days.{key}.{p.field}", p.message))
                if (found := _MISSING.match(p.message)) and found["id"] not in missing:
                    missing.append(found["id"])
    if problems:
        raise PlanError(problems, missing=missing)
    return {d: days.get(d) for d in DAYS}, settings, catalog


def _check_planned(planned, raw_days: dict, shown: str, problems: list[Problem]) -> None:
    """The days the file says it plans must be the days it has tables for."""
    if not isinstance(planned, list) or not all(isinstance(d, str) for d in planned):
        problems.append(
            Problem(
                shown,
                "planned",
                'must list the planned days, e.g. ["Mon", "Wed"]; is the file cut short?',
            )
        )
        return
    have = {}
    for key in raw_days:
        with contextlib.suppress(ValueError):  # a bad day key is reported with its table
            have[day_key(key)] = key
    for key in planned:
        try:
            day = day_key(key)
        except ValueError as exc:
            problems.append(Problem(shown, "planned", str(exc)))
            continue
        if day not in have:
            problems.append(
                Problem(
                    shown,
                    f"days.{day}",
                    "is missing, though planned lists it; the file may be cut short",
                )
            )
    listed = set()
    for key in planned:
        with contextlib.suppress(ValueError):
            listed.add(day_key(key))
    for day, key in have.items():
        if day not in listed:
            problems.append(
                Problem(shown, f"days.{key}", "is not in planned; add it there, or remove the day")
            )


def _settings(
    raw, shown: str, problems: list[Problem], catalog: Catalog, whole: bool = False
) -> PlanSettings:
    """The settings table; ``whole`` (version 2) wants every key, as save_plan writes them."""
    if not isinstance(raw, dict):
        problems.append(Problem(shown, "settings", "is missing or not a table"))
        raw = {}
    elif whole:
        for key in ("minutes", "focus", "level", "older_adult", "seed"):
            if key not in raw:
                problems.append(
                    Problem(shown, f"settings.{key}", "is missing; the file may be cut short")
                )
    minutes = raw.get("minutes", {})
    clean = dict.fromkeys(DAYS, 0.0)
    if not isinstance(minutes, dict):
        problems.append(Problem(shown, "settings.minutes", "must be a table of days"))
        minutes = {}
    elif whole and "minutes" in raw:
        given = set()
        for key in minutes:
            with contextlib.suppress(ValueError):
                given.add(day_key(key))
        if gone := [d for d in DAYS if d not in given]:
            problems.append(
                Problem(shown, "settings.minutes", f"is missing {', '.join(gone)}; give every day")
            )
    for key, value in minutes.items():
        try:
            clean[day_key(key)] = check_minutes(value)
        except ValueError as exc:
            problems.append(Problem(shown, f"settings.minutes.{key}", str(exc)))
    vocab = catalog.vocabulary
    level = raw.get("level", "beginner")
    if level not in LEVELS:
        problems.append(Problem(shown, "settings.level", vocab.check("levels", level)))
    focus = raw.get("focus", [])
    equipment = raw.get("equipment")
    conditions = raw.get("conditions", [])
    for name, value, kind in (
        ("focus", focus, "muscles"),
        ("equipment", equipment, "equipment"),
        ("conditions", conditions, "conditions"),
    ):
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            problems.append(Problem(shown, f"settings.{name}", "must be a list of texts"))
        elif value is not None:
            problems += [
                Problem(shown, f"settings.{name}", msg)
                for v in value
                if (msg := vocab.check(kind, v)) is not None
            ]
    older = raw.get("older_adult", False)
    if not isinstance(older, bool):
        problems.append(
            Problem(shown, "settings.older_adult", f"must be true or false, got {older!r}")
        )
    seed = raw.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        problems.append(Problem(shown, "settings.seed", f"must be a whole number, got {seed!r}"))
    warm_up = raw.get("warm_up", False)  # plans saved before warm-ups had none
    if not isinstance(warm_up, bool):
        problems.append(
            Problem(shown, "settings.warm_up", f"must be true or false, got {warm_up!r}")
        )
    return PlanSettings(
        minutes=clean,
        focus=tuple(focus) if isinstance(focus, list) else (),
        level=level,
        equipment=tuple(equipment) if isinstance(equipment, list) else None,
        older_adult=older is True,
        seed=seed if isinstance(seed, int) else 0,
        warm_up=warm_up is True,
        conditions=tuple(conditions) if isinstance(conditions, list) else (),
    )
