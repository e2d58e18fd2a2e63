"""Taking a plan out of the handbook: a calendar file and a CSV table."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event
from pandas.api.types import is_numeric_dtype

from ..files import atomic_write
from ..output.cards import hold_summary
from ..spreadsheet import guard
from .settings import DAY_NAMES, DAYS

if TYPE_CHECKING:  # annotations only: the model imports this module, never the reverse
    from .model import WeekPlan

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DISCLAIMER = "General information, not medical advice: stop if anything hurts."


def next_monday(today: dt.date | None = None) -> dt.date:
    """The Monday of next week."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def _clock(at: str | dt.time) -> dt.time:
    if isinstance(at, dt.time):
        return at
    try:
        return dt.time.fromisoformat(at)
    except ValueError:
        raise ValueError(f"at must be a time like '07:00', got {at!r}") from None


def plan_ics(plan: WeekPlan, path: str | Path | None = None, *, start: dt.date | None = None,
             at: str | dt.time = "07:00", tz: str | None = None, weeks: int | None = None,
             reminder_minutes: int | None = 10) -> bytes:
    """A calendar with one weekly event per planned day, from ``start`` (next week's Monday).

    Times are local wall-clock times: floating (the calendar's own zone) unless ``tz``
    names a zone such as "Europe/London". ``weeks`` ends the series; None repeats it.
    The file is written atomically when ``path`` is given; the bytes are returned.
    """
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1):
        raise ValueError(f"weeks must be a whole number of 1 or more (None repeats for ever), "
                         f"got {weeks!r}")
    if reminder_minutes is not None and not 0 <= reminder_minutes <= 24 * 60:
        raise ValueError(f"reminder_minutes must be from 0 to 1440 (before the start), "
                         f"got {reminder_minutes!r}")
    start = start or next_monday()
    when = _clock(at)
    zone = ZoneInfo(tz) if tz else None
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Stretch handbook//Week plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Stretching plan")
    key = hashlib.sha1(repr(sorted(plan.table().astype(str).itertuples(index=False)))
                       .encode()).hexdigest()[:12]
    for n, day in enumerate(DAYS):
        routine = plan.days[day]
        if routine is None:
            continue
        first = start + dt.timedelta(days=(n - start.weekday()) % 7)
        begins = dt.datetime.combine(first, when, tzinfo=zone)
        minutes = math.ceil(routine.duration / 60)
        event = Event()
        event.add("uid", f"{key}-{day.lower()}@stretch-handbook")
        event.add("dtstamp", stamp)
        event.add("summary", f"Stretch: {routine.name} ({minutes} min)")
        event.add("dtstart", begins)
        event.add("duration", dt.timedelta(minutes=minutes))
        rule = {"freq": "weekly", "byday": BYDAY[n]}
        if weeks is not None:
            rule["count"] = weeks
        event.add("rrule", rule)
        lines = [f"{DAY_NAMES[n]}: {len(routine)} stretches, about {minutes} minutes.", ""]
        lines += [f"{i}. {s.name}: {hold_summary(s)}" for i, s in enumerate(routine.stretches, 1)]
        lines += ["", "Open the stretch handbook for pictures, steps and the timer.", DISCLAIMER]
        event.add("description", "\n".join(lines))
        if reminder_minutes is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Time to stretch: {routine.name}")
            alarm.add("trigger", dt.timedelta(minutes=-reminder_minutes))
            event.add_component(alarm)
        cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones()
    data = cal.to_ical()
    if path is not None:
        atomic_write(path, data)
    return data


def plan_csv(plan: WeekPlan, path: str | Path) -> Path:
    """The plan's table (one row per stretch and day) as CSV, written atomically.

    Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay
    numbers.
    """
    table = plan.table()
    for column in table.columns:
        if not is_numeric_dtype(table[column]):
            table[column] = table[column].map(lambda v: guard(v) if isinstance(v, str) else v)
    return atomic_write(path, table.to_csv(index=False))
