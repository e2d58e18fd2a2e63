"""The log read for people: sessions with names and local times, sentences, plan against done.

Each takes the frame of ``ProgressLog.sessions()`` (times already local) and gives text or a
DataFrame of text: no raw ids, no NaN, times to the minute.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

import pandas as pd

from ..week.settings import DAY_NAMES, DAYS
from . import reports
from .records import local_date

if TYPE_CHECKING:
    from ..catalog.loader import Catalog
    from ..week.model import WeekPlan

ON_ITS_OWN = "on its own"
SESSION_COLUMNS = ("When", "Stretch", "Side", "Held", "Finished", "Routine")
BY_SESSION_COLUMNS = ("When", "Routine", "Stretches", "What was held", "Held", "Finished")


class SessionRow(Protocol):
    """What a line on a record reads of it: a row of ``ProgressLog.sessions()``'s itertuples."""

    @property
    def when(self) -> object: ...

    @property
    def stretch(self) -> object: ...

    @property
    def side(self) -> object: ...

    @property
    def done_s(self) -> object: ...

    @property
    def completed(self) -> object: ...


def when_text(stamp: datetime, today: date | None = None) -> str:
    """A local time for people, to the minute: "Tue 1 Dec 18:53", with the year when it is
    not this year's ("Thu 1 Jan 2099 07:00")."""
    return f"{stamp:%a} {stamp.day} {_month(stamp, today)} {stamp:%H:%M}"


def _month(day: date, today: date | None = None) -> str:
    """The month of a day, and its year when that is not today's: "Dec", "Jan 2099"."""
    this_year = (today or local_date(None)).year
    return f"{day:%b}" if day.year == this_year else f"{day:%b} {day.year}"


def stretch_name(sid: str, catalog: Catalog | None) -> str:
    """The stretch's name, or its id when the catalogue has no such stretch."""
    return catalog[sid].name if catalog is not None and sid in catalog else sid


def routine_text(routine: object, names: Mapping[str, str] | None = None) -> str:
    """The routine a record belongs to, in words: its name, "Monday plan", or "on its own"."""
    if (
        routine is None
        or (isinstance(routine, float) and math.isnan(routine))
        or routine in ("", "None", "nan")
    ):
        return ON_ITS_OWN
    text = str(routine)
    if names and text in names:
        return names[text]
    day = re.fullmatch(r"plan-(mon|tue|wed|thu|fri|sat|sun)", text)
    if day:
        return f"{DAY_NAMES[DAYS.index(day.group(1).capitalize())]} plan"
    return text


def side_text(side: object) -> str:
    """ "left", "right", or "both sides" for a stretch done on both at once."""
    return str(side) if side in ("left", "right") else "both sides"


def duration_text(seconds: float) -> str:
    """A time held in words that fit: "45 s", "4 min 10 s", "12 min", "1 h 5 min"."""
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    parts += [f"{minutes} min"] if minutes else []
    parts += [f"{secs} s"] if secs and not hours else []
    return " ".join(parts)


def count_text(n: int, one_sided: int = 0) -> str:
    """Stretches counted as people count them: "1 stretch", "2 stretches, both sides",
    "3 stretches, 1 on one side only"."""
    head = f"{n} stretch{'es' if n != 1 else ''}"
    if n == 0:
        return head
    if one_sided == 0:
        return f"{head}, both sides"
    if n == 1:
        return f"{head}, one side only"
    return f"{head}, {one_sided} on one side only"


def held_text(sides: set[str]) -> str:
    """The sides a stretch was held on, in words: "both sides", "left side only"."""
    if "both" in sides or {"left", "right"} <= sides:
        return "both sides"
    return f"{next(iter(sides))} side only"


def session_label(row: SessionRow, catalog: Catalog | None = None) -> str:
    """One record in a line: "Tue 1 Dec 18:53 · Kneeling hip flexor stretch, left · 30 s"."""
    when, sid, seconds = row.when, row.stretch, row.done_s
    if not (
        isinstance(when, datetime)
        and isinstance(sid, str)
        and isinstance(seconds, int | float)
        and not isinstance(seconds, bool)
    ):
        raise TypeError(f"{row!r} is not a row of ProgressLog.sessions()")
    side = "" if side_text(row.side) == "both sides" else f", {row.side}"
    done = "" if row.completed else ", stopped part-way"
    return (
        f"{when_text(when)} · {stretch_name(sid, catalog)}{side} · {duration_text(seconds)}{done}"
    )


def sessions_table(
    frame: pd.DataFrame,
    catalog: Catalog | None = None,
    last: int | None = 10,
    routine_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The last records (newest first) as text: When, Stretch, Side, Held, Finished, Routine."""
    rows = frame.iloc[::-1] if last is None else frame.iloc[::-1].head(last)
    table = pd.DataFrame(
        {
            "When": [when_text(t) for t in rows["when"]],
            "Stretch": [stretch_name(s, catalog) for s in rows["stretch"]],
            "Side": [side_text(s) for s in rows["side"]],
            "Held": [duration_text(s) for s in rows["done_s"]],
            "Finished": ["yes" if c else "stopped part-way" for c in rows["completed"]],
            "Routine": [routine_text(r, routine_names) for r in rows["routine"]],
        },
        columns=list(SESSION_COLUMNS),
    )
    table.index = pd.RangeIndex(1, len(table) + 1)
    return table


def session_table(
    frame: pd.DataFrame,
    catalog: Catalog | None = None,
    last: int | None = 10,
    routine_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The last sessions (newest first), one row each: When (its start), Routine, Stretches
    ("2 stretches, both sides"), What was held (each stretch and its sides), Held (the time,
    "4 min 10 s") and Finished ("yes", or how many were stopped part-way)."""
    numbers = reports.session_numbers(frame)
    rows = []
    for _, records in frame.groupby(numbers, sort=True):
        sides = reports.stretch_sides(records)
        one_sided = sum(held_text(s) != "both sides" for s in sides.values())
        stopped = int((~records["completed"].astype(bool)).sum())
        rows.append(
            {
                "When": when_text(records["when"].iloc[0]),
                "Routine": routine_text(records["routine"].iloc[0], routine_names),
                "Stretches": count_text(len(sides), one_sided),
                "What was held": "; ".join(
                    f"{stretch_name(sid, catalog)}, {held_text(s)}" for sid, s in sides.items()
                ),
                "Held": duration_text(float(records["done_s"].sum())),
                "Finished": "yes" if stopped == 0 else f"{stopped} stopped part-way",
            }
        )
    rows.reverse()
    table = pd.DataFrame(rows if last is None else rows[:last], columns=list(BY_SESSION_COLUMNS))
    table.index = pd.RangeIndex(1, len(table) + 1)
    return table


def week_summary(frame: pd.DataFrame, today: date | str | None = None) -> str:
    """A sentence on this week (Monday to today), the last record and the streak."""
    if frame.empty:
        return (
            "Nothing recorded yet. Press Start on any timer: each stretch you finish, "
            "or stop part-way, shows up here."
        )
    day = local_date(today)
    monday = day - timedelta(days=day.weekday())
    dates = frame["when"].dt.date
    week = frame[(dates >= monday) & (dates <= day)]
    streak = reports.streak(frame, day)
    streak_text = (
        "no streak running"
        if streak == 0
        else f"a streak of {streak} day{'s' if streak != 1 else ''} in a row"
    )
    last = frame["when"].iloc[-1]
    last_text = f"the last stretch on {last:%A} {last.day} {last:%B} at {last:%H:%M}"
    if week.empty:
        before = dates[dates < monday]
        weeks = len({d - timedelta(days=d.weekday()) for d in before})
        return (
            f"Nothing yet this week; {len(frame)} record{'s' if len(frame) != 1 else ''} "
            f"from {weeks} earlier week{'s' if weeks != 1 else ''}, {last_text}."
        )
    days = week["when"].dt.date.nunique()
    done = reports.stretches_done(week[week["completed"].astype(bool)])
    stopped = reports.stretches_done(week[~week["completed"].astype(bool)])
    parts = [
        f"This week: {duration_text(float(week['done_s'].sum()))} on "
        f"{days} day{'s' if days != 1 else ''}",
        f"{done} stretch{'es' if done != 1 else ''} finished"
        + (f" and {stopped} stopped part-way" if stopped else ""),
        streak_text,
    ]
    return "; ".join(parts) + "."


def least_reached(
    coverage: pd.DataFrame,
    labels: Mapping[str, str],
    n: int = 5,
    period: str = "in the last four weeks",
) -> str:
    """A sentence naming the groups stretched least in a coverage table (seconds by day).

    ``labels`` names the groups; ``n`` is how many to name; ``period`` ends the sentence.

    >>> import handbook, pandas as pd
    >>> grid = pd.DataFrame({"Mon": [60.0, 0.0], "Tue": [30.0, 0.0]}, index=["neck", "calves"])
    >>> handbook.least_reached(grid, {"neck": "Neck", "calves": "Calves and ankles"}, n=1)
    'Stretched least in the last four weeks: calves and ankles (not at all).'
    """
    totals = coverage.sum(axis=1).sort_values(kind="stable").head(n)
    parts = [
        f"{labels.get(str(m), str(m)).lower()} ({'not at all' if s == 0 else duration_text(s)})"
        for m, s in totals.items()
    ]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"Stretched least {period}: {listed}."


def against_table(table: pd.DataFrame, today: date | str | None = None) -> pd.DataFrame:
    """reports.against's week in words: Day, Planned, Done, Stretches, Share (no NaN);
    days after today are "to come"."""
    day_now = local_date(today)
    rows = []
    for day, row in table.iterrows():
        rest = row["planned_min"] == 0
        later = row["date"] > day_now and row["done_min"] == 0
        rows.append(
            {
                "Day": f"{DAY_NAMES[DAYS.index(day)]} {row['date'].day} "
                f"{_month(row['date'], day_now)}",
                "Planned": "rest day" if rest else duration_text(row["planned_min"] * 60),
                "Done": (
                    duration_text(row["done_min"] * 60)
                    if row["done_min"] > 0
                    else "to come"
                    if later
                    else "nothing"
                ),
                "Planned stretches done": (
                    "none planned"
                    if rest
                    else "to come"
                    if later
                    else f"{row['done_stretches']} of {row['planned_stretches']}"
                ),
                "Share of the plan": (
                    "rest day" if rest else "to come" if later else f"{row['share']:.0%}"
                ),
            }
        )
    return pd.DataFrame(rows, index=pd.RangeIndex(1, len(rows) + 1))


def against(frame: pd.DataFrame, plan: WeekPlan, today: date | str | None = None) -> pd.DataFrame:
    """This week's plan against what was done, day by day, in words (see against_table)."""
    return against_table(reports.against(frame, plan, today), today)
