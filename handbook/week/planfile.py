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
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NotRequired, TypedDict

import tomli
import tomli_w

from ..catalog.loader import Catalog, load_catalog
from ..catalog.schema import read_toml
from ..catalog.vocabulary import Vocabulary
from ..errors import PlanError, Problem
from ..files import atomic_write
from ..i18n import _
from ..timing.routine import Routine, RoutineError, RoutineTable, plain_number
from ..timing.routinefile import parse_routine
from .settings import DAYS, LEVELS, PlannedWeek, PlanSettings, check_minutes, day_key

SCHEMA = 2
KIND = "stretch-handbook-plan"
_MISSING = re.compile(r"^'(?P<id>[^']+)' ")  # a message naming an id (one not in the catalogue)


class SettingsTable(TypedDict):
    """A plan file's ``[settings]`` table, as save_plan writes it."""

    minutes: dict[str, int | float]
    focus: list[str]
    level: str
    older_adult: bool
    seed: int
    warm_up: bool
    conditions: NotRequired[list[str]]  # left out when the plan has none
    equipment: NotRequired[list[str]]  # left out: any equipment


class PlanDocument(TypedDict):
    """A plan file as a TOML document (see the module's docstring)."""

    schema: int
    kind: str
    planned: list[str]
    settings: SettingsTable
    days: dict[str, RoutineTable]  # a routine's table (Routine.to_dict) per planned day


def plan_document(plan: PlannedWeek) -> PlanDocument:
    """The plan as a TOML document."""
    s = plan.settings
    settings: SettingsTable = {
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
    days: dict[str, RoutineTable] = {}
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


class PlanExistsError(PlanError):
    """A save that would replace a file holding another plan (or something else); nothing
    was written. ``path`` is that file; save with ``overwrite=True`` to replace it."""

    def __init__(self, path: Path, message: str):
        self.path = path
        super().__init__([Problem(str(path), None, message)])


def save_plan(plan: PlannedWeek, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write the plan atomically: a crash mid-save leaves the old file whole.

    What reading would refuse is refused here (PlanError, nothing written). A file that holds
    another plan, or anything else, is replaced only with ``overwrite=True``
    (PlanExistsError otherwise); saving the same plan again needs no flag.
    """
    path = Path(path)
    problems: list[Problem] = []
    for day, routine in plan.days.items():
        if routine is not None:
            problems += [
                Problem(str(path), f"days.{day}.{p.field}", p.message)
                for p in routine.problems(str(path))
            ]
    if problems:
        raise PlanError(problems)
    text = tomli_w.dumps(plan_document(plan))
    if not overwrite and os.path.lexists(path):
        data, unreadable = read_toml(path, str(path), "")
        if data is None or unreadable or data.get("kind") != KIND:
            raise PlanExistsError(
                path,
                _(
                    "already exists and holds no plan; save elsewhere, or pass overwrite=True "
                    "to replace it"
                ),
            )
        if data != tomli.loads(text):
            raise PlanExistsError(
                path,
                _(
                    "holds another plan; save under another name, or pass overwrite=True to "
                    "replace it"
                ),
            )
    return atomic_write(path, text)


def read_plan(
    path: str | Path, catalog: Catalog | None = None
) -> tuple[dict[str, Routine | None], PlanSettings, Catalog]:
    """Read a saved plan's days and settings; PlanError names every problem, the file untouched."""
    path = Path(path)
    shown = str(path)
    read, problems = read_toml(path, shown, _("; save a plan with plan.save(path)"))
    if read is None or problems:
        raise PlanError(
            [
                Problem(shown, None, _("is not a readable plan file: {why}").format(why=p.message))
                for p in problems
            ]
        )
    data: Mapping[str, object] = read
    schema = data.get("schema")
    if data.get("kind") != KIND or schema is None:
        raise PlanError(
            [
                Problem(
                    shown,
                    "schema",
                    _("has no plan schema version; is this a plan saved by the handbook?"),
                )
            ]
        )
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise PlanError(
            [
                Problem(
                    shown,
                    "schema",
                    _(
                        "version {version} was written by a newer handbook; this one reads "
                        "version {schema}"
                    ).format(version=repr(schema), schema=SCHEMA),
                )
            ]
        )
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise PlanError(
            [
                Problem(
                    shown,
                    "schema",
                    _("must be a version number from 1 to {schema}, got {value}").format(
                        schema=SCHEMA, value=repr(schema)
                    ),
                )
            ]
        )
    catalog = catalog or load_catalog()
    settings = _settings(data.get("settings"), shown, problems, catalog, whole=schema >= 2)
    days: dict[str, Routine] = {}
    missing: list[str] = []
    raw_days = data.get("days", {})
    if not isinstance(raw_days, dict):
        problems.append(Problem(shown, "days", _("must be a table of days")))
        raw_days = {}
    _check_twice(raw_days, "days", shown, problems)
    if schema >= 2:
        _check_planned(data.get("planned"), raw_days, shown, problems)
    for key, raw in raw_days.items():
        try:
            day = day_key(key)
        except ValueError as exc:
            problems.append(Problem(shown, f"days.{key}", str(exc)))
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(shown, f"days.{key}", _("must be a routine table")))
            continue
        try:
            days[day] = parse_routine(raw, f"plan-{day.lower()}", catalog, shown, what="day")
        except RoutineError as exc:
            for p in exc.problems:
                problems.append(Problem(shown, f"days.{key}.{p.field}", p.message))
                found = _MISSING.match(p.message)
                if found and found["id"] not in catalog.ids and found["id"] not in missing:
                    missing.append(found["id"])
    if problems:
        raise PlanError(problems, missing=missing)
    return {d: days.get(d) for d in DAYS}, settings, catalog


def _check_twice(keys: Iterable[object], where: str, shown: str, problems: list[Problem]) -> None:
    """A day given twice by any spelling ("Mon" and "monday") is ambiguous: name both places."""
    first: dict[str, str] = {}
    for n, key in enumerate(keys, 1):
        if not isinstance(key, str):
            continue
        try:
            day = day_key(key)
        except ValueError:  # a bad day is reported where it is read
            continue
        place = f"{where}.{key}" if where != "planned" else f"planned[{n}] ({key!r})"
        if day in first:
            problems.append(
                Problem(
                    shown,
                    place,
                    _(
                        "gives {day} a second time, after {first}; keep one of the two "
                        "(nothing was read from either)"
                    ).format(day=day, first=first[day]),
                )
            )
        else:
            first[day] = place


def _check_planned(
    planned: object, raw_days: Mapping[str, object], shown: str, problems: list[Problem]
) -> None:
    """The days the file says it plans must be the days it has tables for."""
    if not isinstance(planned, list) or not all(isinstance(d, str) for d in planned):
        problems.append(
            Problem(
                shown,
                "planned",
                _('must list the planned days, e.g. ["Mon", "Wed"]; is the file cut short?'),
            )
        )
        return
    _check_twice(planned, "planned", shown, problems)
    have: dict[str, str] = {}
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
                    _("is missing, though planned lists it; the file may be cut short"),
                )
            )
    listed: set[str] = set()
    for key in planned:
        with contextlib.suppress(ValueError):
            listed.add(day_key(key))
    for day, key in have.items():
        if day not in listed:
            problems.append(
                Problem(
                    shown, f"days.{key}", _("is not in planned; add it there, or remove the day")
                )
            )


def _settings(
    table: object, shown: str, problems: list[Problem], catalog: Catalog, whole: bool = False
) -> PlanSettings:
    """The settings table; ``whole`` (version 2) wants every key, as save_plan writes them."""
    # A bad value is a problem (read_plan then raises) and a default stands in for it here.
    raw: Mapping[str, object] = table if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        problems.append(Problem(shown, "settings", _("is missing or not a table")))
    elif whole:
        for key in ("minutes", "focus", "level", "older_adult", "seed"):
            if key not in raw:
                problems.append(
                    Problem(shown, f"settings.{key}", _("is missing; the file may be cut short"))
                )
    minutes = raw.get("minutes", {})
    clean: dict[str, float] = dict.fromkeys(DAYS, 0.0)
    if not isinstance(minutes, dict):
        problems.append(Problem(shown, "settings.minutes", _("must be a table of days")))
        minutes = {}
    elif whole and "minutes" in raw:
        given: set[str] = set()
        for key in minutes:
            with contextlib.suppress(ValueError):
                given.add(day_key(key))
        if gone := [d for d in DAYS if d not in given]:
            problems.append(
                Problem(
                    shown,
                    "settings.minutes",
                    _("is missing {days}; give every day").format(days=", ".join(gone)),
                )
            )
    _check_twice(minutes, "settings.minutes", shown, problems)
    for key, value in minutes.items():
        try:
            clean[day_key(key)] = check_minutes(value)
        except ValueError as exc:
            problems.append(Problem(shown, f"settings.minutes.{key}", str(exc)))
    vocab = catalog.vocabulary
    level = raw.get("level", "beginner")
    if not isinstance(level, str) or level not in LEVELS:
        problems.append(Problem(shown, "settings.level", _not_a_level(vocab, level)))
        level = "beginner"
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
            problems.append(Problem(shown, f"settings.{name}", _("must be a list of texts")))
        elif value is not None:
            problems += [
                Problem(shown, f"settings.{name}", msg)
                for v in value
                if (msg := vocab.check(kind, v)) is not None
            ]
    older = raw.get("older_adult", False)
    if not isinstance(older, bool):
        problems.append(
            Problem(
                shown,
                "settings.older_adult",
                _("must be true or false, got {value}").format(value=repr(older)),
            )
        )
    seed = raw.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        problems.append(
            Problem(
                shown,
                "settings.seed",
                _("must be a whole number, got {value}").format(value=repr(seed)),
            )
        )
    warm_up = raw.get("warm_up", False)  # plans saved before warm-ups had none
    if not isinstance(warm_up, bool):
        problems.append(
            Problem(
                shown,
                "settings.warm_up",
                _("must be true or false, got {value}").format(value=repr(warm_up)),
            )
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


def _not_a_level(vocabulary: Vocabulary, level: object) -> str:
    """Why a plan's level is not one the planner knows, in the vocabulary's words if it can."""
    return vocabulary.check("levels", level) or (  # None: a vocabulary's own level
        _("{level} is not a level the planner knows; choose from {levels}").format(
            level=repr(level), levels=", ".join(LEVELS)
        )
    )
