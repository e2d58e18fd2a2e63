"""The week plan: a routine or a rest day for each day, its table, checks, notes and files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Unpack, overload

import numpy as np
import pandas as pd

from ..catalog.loader import Catalog
from ..catalog.stretch import Stretch
from ..i18n import _, ngettext
from ..timing.routine import Routine
from ..timing.timeline import TimedItem
from . import advice
from . import guidelines as g
from .budget import has_warm_up_room
from .export import CalendarOptions, plan_csv, plan_ics
from .fill import Recipe, fill_days
from .planfile import read_plan, save_plan
from .pool import candidates, planned_seconds
from .settings import DAYS, MAX_MINUTES, PlanSettings, day_key, day_name

__all__ = ["WeekPlan", "candidates", "load_plan", "planned_seconds"]


@dataclass(frozen=True)
class WeekPlan:
    """A routine (or a rest day) for each day of the week, and how it meets the guidelines.

    Made by ``handbook.plan_week`` or read by ``handbook.load_plan``: ``days`` maps "Mon" ...
    "Sun" to a routine or None; ``table()``, ``summary()``, ``check()``, ``notes()`` and
    ``coverage()`` say what it holds; ``save``, ``to_ics`` and ``to_csv`` write it.

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> plan = handbook.plan_week(cat, minutes={"Mon": 10, "Wed": 10, "Fri": 10})
    >>> [day for day, routine in plan.days.items() if routine is not None]
    ['Mon', 'Wed', 'Fri']
    >>> int(plan.check().loc["hamstrings", "target_days"])
    2
    >>> rest = plan.with_day("Fri", None)  # an edited copy
    >>> rest.days["Fri"] is None and plan.days["Fri"] is not None
    True
    """

    days: Mapping[str, Routine | None]
    settings: PlanSettings
    catalog: Catalog = field(compare=False, repr=False)
    recipe: Recipe | None = field(default=None, compare=False, repr=False)
    """What plan_week filled the week from (its pool, swaps and warm-up; None for an edited
    or loaded plan), so that the notes can fill it again to check the minutes they ask for."""

    def __post_init__(self) -> None:
        missing = [d for d in DAYS if d not in self.days]
        if missing:
            raise ValueError(_("a week plan needs every day; missing {days}").format(days=missing))

    @functools.cached_property
    def extra_minutes(self) -> dict[str, int] | None:
        """Minutes to add per day that planning again shows would cover the groups short of
        minutes (None: no such group, or not checked; notes then estimate them)."""
        return _checked_minutes(self)

    # Tables ---------------------------------------------------------------------------
    def table(self) -> pd.DataFrame:
        """One row per planned stretch: day, order, stretch, name, sides, hold_s, reps, seconds.

        A warm-up movement is a row too (``kind`` "movement"): its hold_s is its moving time
        on one side and its reps are its count.
        """
        rows: list[dict[str, object]] = []
        for day in DAYS:
            routine = self.days[day]
            for n, stretch in enumerate(routine.stretches if routine else (), 1):
                rows.append(
                    {
                        "day": day,
                        "order": n,
                        "stretch": stretch.id,
                        "name": stretch.name,
                        "sides": stretch.sides,
                        "hold_s": stretch.hold_s,
                        "reps": stretch.reps,
                        "seconds": TimedItem.from_stretch(stretch).seconds(),
                        "primary": ", ".join(stretch.primary),
                        "kind": stretch.kind,
                    }
                )
        frame = pd.DataFrame(
            rows,
            columns=[
                "day",
                "order",
                "stretch",
                "name",
                "sides",
                "hold_s",
                "reps",
                "seconds",
                "primary",
                "kind",
            ],
        )
        frame["day"] = frame["day"].astype(pd.CategoricalDtype(list(DAYS), ordered=True))
        return frame

    def summary(self) -> pd.DataFrame:
        """One row per day: minutes planned (warm-up included) and available, the stretches."""
        frame = self.minutes_per_day()
        rest = _("Rest day")
        frame["stretches"] = [
            "; ".join(s.name for s in self.holds(d)) or rest if self.days[d] else rest for d in DAYS
        ]
        return frame

    @functools.cached_property
    def seconds(self) -> Mapping[str, float | None]:
        """Seconds each day's routine takes (``Routine.duration``), None for a rest day."""
        return {d: None if (r := self.days[d]) is None else r.duration for d in DAYS}

    def minutes_per_day(self) -> pd.DataFrame:
        """Planned and available minutes for each day, and the planned minutes of warm-up."""
        planned = [(s / 60 if (s := self.seconds[d]) is not None else 0.0) for d in DAYS]
        available = [self.settings.minutes[d] for d in DAYS]
        return pd.DataFrame(
            {
                "planned": planned,
                "available": available,
                "warm_up": [self.warm_up_seconds(d) / 60 for d in DAYS],
            },
            index=pd.Index(DAYS, name="day"),
        ).round(2)

    def holds(self, day: str) -> list[Stretch]:
        """The day's held stretches: what the guidelines count (warm-up movements are not)."""
        routine = self.days[day]
        return [s for s in (routine.stretches if routine else ()) if not s.is_movement]

    def warm_up_seconds(self, day: str) -> float:
        """Seconds of the warm-up a day starts with: its movements and the pauses between."""
        routine = self.days[day]
        if routine is None or not (count := routine.warm_up_items):
            return 0.0
        phases = routine.phases()
        return (
            max(p.end for p in phases if p.item == count - 1 and p.kind != "rest") - phases[0].end
        )

    def coverage(self) -> pd.DataFrame:
        """Seconds of stretching per muscle (rows, vocabulary order) and day (columns).

        What the guideline check counts: a stretch counts its holds (per side, times reps)
        for its primary muscles; warm-up movements are not counted. A group is reached on a
        day when its seconds are above zero (``reached``), so a chart of this table shades
        exactly the days the check counts.
        """
        return self._coverage.copy()

    @functools.cached_property
    def _coverage(self) -> pd.DataFrame:
        muscles = list(self.catalog.vocabulary.keys("muscles"))
        seconds = {day: dict.fromkeys(muscles, 0.0) for day in DAYS}
        for day in DAYS:
            for stretch in self.holds(day):
                for muscle in stretch.primary:
                    seconds[day][muscle] += stretch.hold_s * stretch.reps
        return pd.DataFrame(
            seconds, index=pd.Index(muscles, name="muscle"), columns=pd.Index(DAYS, name="day")
        )

    @functools.cached_property
    def reached(self) -> Mapping[str, tuple[str, ...]]:
        """The days each muscle is reached (a held stretch names it as primary), by muscle."""
        grid = self._coverage
        return {
            m: tuple(d for d, s in zip(DAYS, row, strict=True) if s > 0)
            for m, row in zip(grid.index, grid.to_numpy(), strict=True)
        }

    def groups(self) -> list[str]:
        """The groups the plan is checked for: every major group and the focus, in order."""
        return g.checked_groups(self.catalog.vocabulary.keys("muscles"), self.settings.focus)

    def check(self) -> pd.DataFrame:
        """One row per muscle group: days, seconds per session, holds, status, cause and advice.

        Status is "on track", "too few days" or "adjust" (holds or sessions to change);
        cause says why a group has too few days (see handbook.week.advice), else "".
        """
        low, high = g.hold_range(self.settings.older_adult)
        about_low, about_high = g.ABOUT_SESSION_S
        label = self.catalog.vocabulary.labels["muscles"]
        short = {s.muscle: s for s in advice.shortfalls(self)}
        rows: list[dict[str, object]] = []
        grid = self._coverage
        for muscle in self.groups():
            target = g.target_days(muscle, self.settings.focus)
            reached = self.reached[muscle]
            row = grid.loc[muscle].to_numpy(dtype=float)
            sessions = [float(row[DAYS.index(d)]) for d in reached]
            holds = [s.hold_s for d in reached for s in self.holds(d) if muscle in s.primary]
            per_session = float(np.median(sessions)) if sessions else 0.0
            days = len(sessions)
            fix: list[str] = []
            remark: list[str] = []
            if muscle in short:
                fix.append(short[muscle].advice(self.catalog.vocabulary))
            if sessions and per_session < about_low:
                fix.append(
                    _(
                        "About {seconds} s a session; aim for about 60 s: "
                        "add a repetition or hold a little longer."
                    ).format(seconds=f"{per_session:.0f}")
                )
            elif sessions and per_session > about_high:
                remark.append(
                    _(
                        "about {seconds} s a session, more than the 60 s that "
                        "brings most of the benefit; fine if it feels good"
                    ).format(seconds=f"{per_session:.0f}")
                )
            if holds and min(holds) < low:
                fix.append(
                    _("Holds as short as {shortest} s; hold each for {low}-{high} s.").format(
                        shortest=f"{min(holds):.0f}", low=f"{low:.0f}", high=f"{high:.0f}"
                    )
                )
            if holds and max(holds) > high:
                fix.append(
                    _(
                        "Holds as long as {longest} s; {low}-{high} s "
                        "is enough, so split a long hold into repetitions."
                    ).format(longest=f"{max(holds):.0f}", low=f"{low:.0f}", high=f"{high:.0f}")
                )
            if fix:
                text = " ".join(fix)
            else:
                how = (
                    remark[0]
                    if remark
                    else _("about {seconds} s a session").format(seconds=f"{per_session:.0f}")
                )
                text = ngettext(
                    "On track: {days} day a week, {how}.",
                    "On track: {days} days a week, {how}.",
                    days,
                ).format(days=days, how=how)
            rows.append(
                {
                    "muscle": muscle,
                    "label": label[muscle],
                    "days": days,
                    "target_days": target,
                    "seconds_per_session": round(per_session, 1),
                    "shortest_hold": min(holds) if holds else np.nan,
                    "longest_hold": max(holds) if holds else np.nan,
                    "status": (
                        "too few days" if muscle in short else "adjust" if fix else "on track"
                    ),
                    "cause": short[muscle].cause if muscle in short else "",
                    "advice": text,
                }
            )
        return pd.DataFrame(rows).set_index("muscle")

    @property
    def shortfall(self) -> pd.DataFrame:
        """Groups below their days a week: days, target, missing days and the cause."""
        found = advice.shortfalls(self)
        return pd.DataFrame(
            {
                "label": [s.label for s in found],
                "days": [s.days for s in found],
                "target_days": [s.target for s in found],
                "missing_days": [s.missing for s in found],
                "cause": [s.cause for s in found],
            },
            index=pd.Index([s.muscle for s in found], name="muscle"),
        )

    def notes(self) -> list[str]:
        """Plain sentences on how the week meets the guidelines and, where it falls short, why."""
        notes = advice.notes(self) + self._warm_up_notes()
        if self.settings.older_adult:
            per_day = self.minutes_per_day()
            minutes = per_day["planned"] - per_day["warm_up"]  # stretching, not warming up
            long_days = int((minutes >= g.OLDER_ADULT_MINUTES - 0.05).sum())
            if long_days < g.OLDER_ADULT_DAYS:
                notes.append(
                    ngettext(
                        "Older adults do best with at least {minutes} minutes on at least "
                        "{days} days; this week has {n} such day.",
                        "Older adults do best with at least {minutes} minutes on at least "
                        "{days} days; this week has {n} such days.",
                        long_days,
                    ).format(minutes=g.OLDER_ADULT_MINUTES, days=g.OLDER_ADULT_DAYS, n=long_days)
                )
        return notes

    def _warm_up_notes(self) -> list[str]:
        """What the plan says about warming up: how long each day's warm-up is, or why not."""
        planned = [d for d in DAYS if self.days[d] is not None]
        warm = {d: self.warm_up_seconds(d) for d in planned}
        with_warm_up = [d for d in planned if warm[d] > 0]
        notes: list[str] = []
        if with_warm_up:
            low, high = (
                round(min(warm[d] for d in with_warm_up) / 60, 1),
                round(max(warm[d] for d in with_warm_up) / 60, 1),
            )
            span = (
                ngettext("{n} minute", "{n} minutes", 1 if low == 1 else 2).format(n=_number(low))
                if low == high
                else _("{low} to {high} minutes").format(low=_number(low), high=_number(high))
            )
            if len(with_warm_up) == len(planned):
                every = _(
                    "Each planned day starts with a warm-up of movements, about {span} "
                    "inside the day's time: muscles stretch better warm, and a stretch "
                    "should never be done cold."
                )
            else:
                every = _(
                    "{days} starts with a warm-up of movements, about {span} "
                    "inside the day's time: muscles stretch better warm, and a stretch "
                    "should never be done cold."
                )
            note = every.format(days=_short_days(with_warm_up), span=span)
            short = g.WARM_UP_ADVISED_MIN - low
            if short >= 0.5:  # the advice is 5-10 minutes of light activity: say how to get there
                more = math.ceil(short)
                note += " " + ngettext(
                    "Where it is shorter than {advised} minutes, walk briskly or march on the "
                    "spot first, up to {n} minute more, before the day's time starts.",
                    "Where it is shorter than {advised} minutes, walk briskly or march on the "
                    "spot first, up to {n} minutes more, before the day's time starts.",
                    more,
                ).format(advised=g.WARM_UP_ADVISED_MIN, n=more)
            notes.append(note)
        missing = [d for d in planned if warm[d] == 0]
        if self.settings.warm_up and missing:
            why = (
                _("the catalogue has none of the warm-up's movements")
                if not with_warm_up
                and all(has_warm_up_room(self.settings.minutes[d]) for d in missing)
                else _("the minutes leave no room for one")
            )
            notes.append(
                _(
                    "{days}: no warm-up in the plan, as {why}; walk or march on the spot for "
                    "{advised} to 10 minutes before you stretch."
                ).format(days=_short_days(missing), why=why, advised=g.WARM_UP_ADVISED_MIN)
            )
        return notes

    # Editing and days ---------------------------------------------------------------------
    def with_day(self, day: str, routine: Routine | None) -> WeekPlan:
        """A copy with one day's routine replaced (None makes it a rest day)."""
        return dataclasses.replace(self, days={**self.days, day_key(day): routine}, recipe=None)

    def for_date(self, date: dt.date) -> Routine | None:
        """The routine planned for a date's weekday (e.g. today: plan.for_date(date.today()))."""
        return self.days[DAYS[date.weekday()]]

    # Files ----------------------------------------------------------------------------------
    def save(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """Write the plan as TOML with a schema version, atomically (see save_plan: a file
        holding another plan is replaced only with ``overwrite=True``)."""
        return save_plan(self, path, overwrite=overwrite)

    def to_ics(self, path: str | Path | None = None, **options: Unpack[CalendarOptions]) -> bytes:
        """A calendar: one weekly event per planned day (see handbook.week.export.plan_ics)."""
        return plan_ics(self, path, **options)

    @overload
    def to_csv(self, path: None = None) -> str: ...
    @overload
    def to_csv(self, path: str | Path) -> Path: ...
    def to_csv(self, path: str | Path | None = None) -> Path | str:
        """The plan's table as CSV, atomically; the text itself when no path is given."""
        return plan_csv(self, path)


def _number(value: float) -> str:
    """A number of minutes as a person reads it: "2.5" in English, "2,5" in Spanish."""
    from babel.numbers import format_decimal

    from ..i18n import locale

    return str(format_decimal(value, format="#,##0.#", locale=locale()))


def _short_days(days: list[str]) -> str:
    """ "Mon, Wed and Fri" ("lun, mié y vie"): days named short, a sentence's start."""
    text = advice.listing([day_name(d, "abbreviated") for d in days])
    return text[:1].upper() + text[1:]


EXTRA_TRIES = 8  # fills at most when checking the minutes a note asks for


def _checked_minutes(plan: WeekPlan) -> dict[str, int] | None:
    """Minutes to add per day that filling the week again shows would cover every group short
    of minutes; None when there is no such group, the plan cannot be filled again (edited or
    loaded), or no number was found within the day's limit.

    The estimate of advice.minutes_to_add is tried; if the new plan still leaves a group short
    of minutes, its own estimate is added, a few times at most.
    """
    if plan.recipe is None:
        return None
    extra: dict[str, int] = {}
    current = plan
    for attempt in range(EXTRA_TRIES + 1):
        step = advice.minutes_to_add(current)
        if not step:
            return extra or None
        if attempt == EXTRA_TRIES:
            return None
        for day, minutes in step.items():
            extra[day] = extra.get(day, 0) + minutes
        more = {d: plan.settings.minutes[d] + extra.get(d, 0) for d in DAYS}
        if max(more.values()) > MAX_MINUTES:
            return None
        settings = dataclasses.replace(plan.settings, minutes=more)
        current = WeekPlan(
            fill_days(plan.catalog, settings, plan.recipe), settings, plan.catalog, plan.recipe
        )
    return None


def load_plan(path: str | Path, catalog: Catalog | None = None) -> WeekPlan:
    """Read a saved plan; PlanError names every problem, and the file is never changed.

    ``catalog`` checks the plan's stretches (default: the built-in catalogue).

    >>> import handbook, pathlib, tempfile
    >>> plan = handbook.plan_week(handbook.load_catalog(), minutes=10)
    >>> saved = plan.save(pathlib.Path(tempfile.mkdtemp()) / "week.toml")
    >>> handbook.load_plan(saved).table().equals(plan.table())
    True
    """
    days, settings, catalog = read_plan(path, catalog)
    return WeekPlan(days, settings, catalog)
