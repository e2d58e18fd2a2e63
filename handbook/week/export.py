"""Taking a plan out of the handbook: a calendar file and a CSV table."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, TypedDict, overload
from zoneinfo import ZoneInfo

import pandas as pd
from icalendar import Alarm, Calendar, Event
from pandas.api.types import is_numeric_dtype

from ..files import atomic_write
from ..i18n import N_, _, locale, ngettext
from ..output.cards import hold_summary
from ..spreadsheet import guard
from .settings import DAYS, PlannedWeek, day_key, day_name

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DISCLAIMER = N_("General information, not medical advice: stop if anything hurts.")
"""Said in each event's description (translated where it is said)."""

Times = str | dt.time | Mapping[str, str | dt.time]
"""When the events start: one time of day for all ("07:00"), or a time per planned day."""


class TabledWeek(PlannedWeek, Protocol):
    """A week plan that gives its table: what the calendar and the CSV are made from."""

    def table(self) -> pd.DataFrame: ...


class CalendarChoices(TypedDict, total=False):
    """What a person chooses for a calendar: describe_calendar's keyword arguments."""

    start: dt.date | str | None
    at: Times
    weeks: int | None
    reminder_minutes: int | None


class CalendarOptions(CalendarChoices, total=False):
    """The keyword arguments of plan_ics (and WeekPlan.to_ics) after the path."""

    tz: str | None


def next_monday(today: dt.date | None = None) -> dt.date:
    """The Monday of next week."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def _clock(at: str | dt.time, where: str = "at") -> dt.time:
    if isinstance(at, dt.time):
        return at
    text = str(at).strip()
    if re.fullmatch(r"\d:\d\d", text):
        text = "0" + text  # "7:30" as people write it
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _("{where} must be a time like '07:00', got {value}").format(
                where=where, value=repr(at)
            )
        ) from None


def event_times(plan: PlannedWeek, at: Times = "07:00") -> dict[str, dt.time]:
    """The time of day of each planned day's event: one time for all, or a time per day.

    A mapping may name days as "Mon", "monday" ...; every planned day needs a time, and a
    day the plan rests on may have one (it is ignored).
    """
    planned = [d for d in DAYS if plan.days[d] is not None]
    if not isinstance(at, Mapping):
        when = _clock(at)
        return dict.fromkeys(planned, when)
    given: dict[str, dt.time] = {}
    for day, time in at.items():
        key = day_key(day)
        given[key] = _clock(time, f"at[{day!r}]")
    missing = [d for d in planned if d not in given]
    if missing:
        raise ValueError(
            _(
                "at has no time for {missing}; give a time for every planned day ({planned}), "
                "or one time for all"
            ).format(missing=", ".join(missing), planned=", ".join(planned))
        )
    return {d: given[d] for d in planned}


def _start(start: dt.date | str | None) -> dt.date:
    if start is None:
        return next_monday()
    if isinstance(start, dt.datetime):
        return start.date()
    if isinstance(start, dt.date):
        return start
    try:
        return dt.date.fromisoformat(str(start).strip())
    except ValueError:
        raise ValueError(
            _("start must be a date like '2027-01-04', got {value}").format(value=repr(start))
        ) from None


def plan_ics(
    plan: TabledWeek,
    path: str | Path | None = None,
    *,
    start: dt.date | str | None = None,
    at: Times = "07:00",
    tz: str | None = None,
    weeks: int | None = None,
    reminder_minutes: int | None = 10,
) -> bytes:
    """A calendar with one weekly event per planned day, from ``start`` (next week's Monday).

    ``at`` is one time for every day ("07:00") or a time per planned day
    ({"Mon": "07:00", "Wed": "18:30"}). Times are local wall-clock times: floating (the
    calendar's own zone) unless ``tz`` names a zone such as "Europe/London". Each day's
    first event is on or after ``start``; ``weeks`` ends the series (None repeats it).
    ``reminder_minutes`` puts a reminder that long before each event (None: no reminder).
    The file is written atomically when ``path`` is given; the bytes are returned.
    """
    check_calendar_options(weeks, reminder_minutes)
    start = _start(start)
    times = event_times(plan, at)
    zone = ZoneInfo(tz) if tz else None
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Stretch handbook//Week plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Stretching plan"))
    key = hashlib.sha1(
        repr(sorted(plan.table().astype(str).itertuples(index=False))).encode()
    ).hexdigest()[:12]
    for n, day in enumerate(DAYS):
        routine = plan.days[day]
        if routine is None:
            continue
        first = start + dt.timedelta(days=(n - start.weekday()) % 7)
        begins = dt.datetime.combine(first, times[day], tzinfo=zone)
        minutes = math.ceil(routine.duration / 60)
        event = Event()
        event.add("uid", f"{key}-{day.lower()}@stretch-handbook")
        event.add("dtstamp", stamp)
        event.add(
            "summary",
            _("Stretch: {routine} ({minutes} min)").format(routine=routine.name, minutes=minutes),
        )
        event.add("dtstart", begins)
        event.add("duration", dt.timedelta(minutes=minutes))
        rule: dict[str, str | int] = {"freq": "weekly", "byday": BYDAY[n]}
        if weeks is not None:
            rule["count"] = weeks
        event.add("rrule", rule)
        count = ngettext(
            "{day}: {n} stretch, about {minutes} minutes.",
            "{day}: {n} stretches, about {minutes} minutes.",
            len(routine),
        )
        lines = [count.format(day=day_name(day), n=len(routine), minutes=minutes), ""]
        lines += [f"{i}. {s.name}: {hold_summary(s)}" for i, s in enumerate(routine.stretches, 1)]
        lines += [
            "",
            _("Open the stretch handbook for pictures, steps and the timer."),
            _(DISCLAIMER),
        ]
        event.add("description", "\n".join(lines))
        if reminder_minutes is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _("Time to stretch: {routine}").format(routine=routine.name))
            alarm.add("trigger", dt.timedelta(minutes=-reminder_minutes))
            event.add_component(alarm)
        cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones()
    data: bytes = cal.to_ical()  # icalendar leaves to_ical unannotated
    if path is not None:
        atomic_write(path, data)
    return data


def check_calendar_options(weeks: int | None, reminder_minutes: int | None) -> None:
    """ValueError unless weeks is None or a whole number from 1, and the reminder 0-1440."""
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1):
        raise ValueError(
            _(
                "weeks must be a whole number of 1 or more (None repeats for ever), got {value}"
            ).format(value=repr(weeks))
        )
    if reminder_minutes is not None and (
        isinstance(reminder_minutes, bool)
        or not isinstance(reminder_minutes, int | float)
        or not 0 <= reminder_minutes <= 24 * 60
    ):
        raise ValueError(
            _("reminder_minutes must be from 0 to 1440 (before the start), got {value}").format(
                value=repr(reminder_minutes)
            )
        )


def describe_calendar(
    plan: PlannedWeek,
    *,
    start: dt.date | str | None = None,
    at: Times = "07:00",
    weeks: int | None = None,
    reminder_minutes: int | None = 10,
) -> str:
    """What a calendar of the plan holds, in a sentence: days, times, dates and reminder.

    ``start`` is the first date (default: next Monday); ``at`` a time for every day or a time per
    day; ``weeks`` how many (None: every week); ``reminder_minutes`` before each (None: none).

    >>> import handbook
    >>> plan = handbook.plan_week(handbook.load_catalog(), minutes={"Mon": 10, "Thu": 15})
    >>> print(handbook.describe_calendar(plan, start="2026-12-07", at="07:30", weeks=4))
    Monday and Thursday at 07:30, for 4 weeks from Monday 7 December 2026, with a reminder
    10 minutes before.
    """
    check_calendar_options(weeks, reminder_minutes)
    times = event_times(plan, at)
    if not times:
        return _("The plan has no planned day, so the calendar is empty.")
    start = _start(start)
    if len(set(times.values())) == 1:
        days = [day_name(d) for d in times]
        when = _("{days} at {time}").format(
            days=_listing(days), time=f"{next(iter(times.values())):%H:%M}"
        )
    else:
        when = _listing(
            [
                _("{days} at {time}").format(days=day_name(d), time=f"{t:%H:%M}")
                for d, t in times.items()
            ]
        )
    first = min(start + dt.timedelta(days=(DAYS.index(d) - start.weekday()) % 7) for d in times)
    length = (
        _("every week")
        if weeks is None
        else ngettext("for {n} week", "for {n} weeks", weeks).format(n=weeks)
    )
    if reminder_minutes is None:
        reminder = _("no reminder")
    elif reminder_minutes == 0:
        reminder = _("a reminder as each one starts")
    else:
        reminder = _("a reminder {time} before").format(time=_minutes(reminder_minutes))
    text = _("{when}, {length} from {date}, with {reminder}.").format(
        when=when, length=length, date=long_date(first), reminder=reminder
    )
    return text[:1].upper() + text[1:]


def long_date(day: dt.date) -> str:
    """A date as a person reads it in the handbook's language: "Monday 7 December 2026",
    "lunes 7 de diciembre de 2026" (Babel).

    >>> long_date(dt.date(2026, 12, 7))
    'Monday 7 December 2026'
    """
    from babel.dates import format_date

    # Translators: a Babel date pattern (EEEE weekday, d day, MMMM month, y year); quote words
    return str(format_date(day, format=_("EEEE d MMMM y"), locale=locale()))


def _minutes(n: float) -> str:
    if n % 60 == 0:
        hours = int(n // 60)
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    return ngettext("{n} minute", "{n} minutes", 1 if n == 1 else 2).format(n=f"{n:g}")


def _listing(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


@overload
def plan_csv(plan: TabledWeek, path: None = None) -> str: ...
@overload
def plan_csv(plan: TabledWeek, path: str | Path) -> Path: ...
def plan_csv(plan: TabledWeek, path: str | Path | None = None) -> Path | str:
    """The plan's table (one row per stretch and day) as CSV: written atomically to path,
    or returned as text when no path is given.

    Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay
    numbers.
    """
    table = plan.table()
    for column in table.columns:
        if not is_numeric_dtype(table[column]):
            table[column] = table[column].map(lambda v: guard(v) if isinstance(v, str) else v)
    text = table.to_csv(index=False)
    return text if path is None else atomic_write(path, text)
