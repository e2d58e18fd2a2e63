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
SESSION_COLUMNS = ("When", "Stretch", "Side", "Minutes", "Finished", "Routine")


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


def when_text(stamp: datetime) -> str:
    """A local time for people, to the minute: "Tue 1 Dec 18:53"."""
    return f"{stamp:%a} {stamp.day} {stamp:%b %H:%M}"


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


def minutes_text(seconds: float) -> str:
    """Seconds as minutes with one decimal: "0.5"; at least "0.1" for anything done."""
    return f"{max(seconds / 60, 0.1 if seconds > 0 else 0.0):.1f}"


def session_label(row: SessionRow, catalog: Catalog | None = None) -> str:
    """One record in a line: "Tue 1 Dec 18:53 · Kneeling hip flexor stretch, left · 0.5 min"."""
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
        f"{when_text(when)} · {stretch_name(sid, catalog)}{side} · "
        f"{minutes_text(seconds)} min{done}"
    )


def sessions_table(
    frame: pd.DataFrame,
    catalog: Catalog | None = None,
    last: int | None = 10,
    routine_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The last records (newest first) as text: When, Stretch, Side, Minutes, Finished, Routine."""
    rows = frame.iloc[::-1] if last is None else frame.iloc[::-1].head(last)
    table = pd.DataFrame(
        {
            "When": [when_text(t) for t in rows["when"]],
            "Stretch": [stretch_name(s, catalog) for s in rows["stretch"]],
            "Side": [side_text(s) for s in rows["side"]],
            "Minutes": [minutes_text(s) for s in rows["done_s"]],
            "Finished": ["yes" if c else "stopped part-way" for c in rows["completed"]],
            "Routine": [routine_text(r, routine_names) for r in rows["routine"]],
        },
        columns=list(SESSION_COLUMNS),
    )
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
    minutes = week["done_s"].sum() / 60
    days = week["when"].dt.date.nunique()
    done = int(week["completed"].sum())
    stopped = len(week) - done
    parts = [
        f"This week: {_minutes(minutes)} on {days} day{'s' if days != 1 else ''}",
        f"{done} stretch{'es' if done != 1 else ''} finished"
        + (f" and {stopped} stopped part-way" if stopped else ""),
        streak_text,
    ]
    return "; ".join(parts) + "."


def _minutes(minutes: float) -> str:
    value = f"{minutes:.1f}".rstrip("0").rstrip(".") if minutes < 10 else f"{minutes:.0f}"
    return f"{value} minute{'' if value == '1' else 's'}"


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
        f"{labels.get(str(m), str(m)).lower()} ({'not at all' if s == 0 else f'{s / 60:.1f} min'})"
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
                "Day": f"{DAY_NAMES[DAYS.index(day)]} {row['date'].day} {row['date']:%b}",
                "Planned": "rest day" if rest else f"{row['planned_min']:.1f} min",
                "Done": (
                    f"{row['done_min']:.1f} min"
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
