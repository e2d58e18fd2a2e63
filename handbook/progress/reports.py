"""Reports on the log's sessions: the streak, minutes a week, muscles reached, plan against done.

Each takes the frame of ``ProgressLog.sessions()``; the log's methods of the same names call them.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from ..catalog.stretch import ROLE_WEIGHTS
from ..errors import ProgressWarning
from ..i18n import _
from ..timing.timeline import hold_seconds
from ..week.settings import DAYS
from .records import check_weeks, local_date

if TYPE_CHECKING:
    from ..catalog.loader import Catalog
    from ..week.model import WeekPlan


SESSION_GAP_S = 600
"""A pause longer than this (ten minutes) between one hold's end and the next's start, or
another routine, begins a new session."""


def session_numbers(frame: pd.DataFrame) -> pd.Series[int]:
    """Each record's session, numbered from 0 in time order: holds of the same routine with
    pauses of at most SESSION_GAP_S between them are one session (a routine played through,
    or a few timers used one after another)."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype="int64", name="session").astype(int)
    when = frame["when"]
    ends = when + pd.to_timedelta(frame["done_s"], unit="s")
    pause = (when - ends.shift()).dt.total_seconds()
    routine = frame["routine"].astype(str)
    new = (pause > SESSION_GAP_S) | (routine != routine.shift()) | pause.isna()
    return new.cumsum().sub(1).astype("int64").rename("session")


def stretch_sides(frame: pd.DataFrame) -> dict[str, set[str]]:
    """The sides each stretch of a set of records was held on ("left", "right", "both")."""
    held: dict[str, set[str]] = {}
    for sid, side in zip(frame["stretch"], frame["side"], strict=True):
        held.setdefault(str(sid), set()).add(side if side in ("left", "right") else "both")
    return held


def stretches_done(frame: pd.DataFrame) -> int:
    """How many stretches the records hold, a stretch's two sides in one session counting
    once: the number a person means by "stretches"."""
    if frame.empty:
        return 0
    sessions = session_numbers(frame)
    return int(frame.assign(session=sessions).groupby(["session", "stretch"]).ngroups)


def streak(frame: pd.DataFrame, today: date | str | None = None) -> int:
    """Consecutive days up to today (or yesterday, if not yet today) with a completed record."""
    frame = frame.copy()
    days = set(frame.loc[frame["completed"], "when"].dt.date)
    day = local_date(today)
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def minutes_per_week(
    frame: pd.DataFrame, weeks: int | None = None, *, today: date | str | None = None
) -> pd.Series[float]:
    """Minutes done per week, indexed by the week's Monday, weeks without practice as 0.

    ``weeks=None`` runs from the first week with a record to this week; a number gives
    that many weeks ending with this one.
    """
    frame = frame.copy()
    days = frame["when"].dt.tz_localize(None).dt.normalize()
    mondays = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    minutes = (frame["done_s"] / 60).groupby(mondays).sum()
    day = pd.Timestamp(local_date(today))
    this_week = day - pd.Timedelta(days=day.weekday())
    if weeks is None and minutes.empty:
        index = pd.DatetimeIndex([], name="week")
    elif weeks is None:
        index = pd.date_range(
            minutes.index.min(), max(this_week, minutes.index.max()), freq="7D", name="week"
        )
    else:
        check_weeks(weeks)
        index = pd.date_range(end=this_week, periods=weeks, freq="7D", name="week")
    return minutes.reindex(index, fill_value=0.0).astype("float64").rename("minutes")


def coverage(
    frame: pd.DataFrame, catalog: Catalog, weeks: int = 4, today: date | str | None = None
) -> pd.DataFrame:
    """Seconds per muscle (rows, vocabulary order) and day (columns) over the last weeks.

    Each record's done seconds count in full for the stretch's primary muscles and half
    for its secondary ones. Stretches not in the catalogue are left out with a
    ProgressWarning and listed in ``frame.attrs["unknown"]``.
    """
    check_weeks(weeks)
    end = pd.Timestamp(local_date(today))
    dates = pd.date_range(end - pd.Timedelta(days=7 * weeks - 1), end, name="date")
    frame = frame.copy()
    frame["date"] = frame["when"].dt.tz_localize(None).dt.normalize()
    frame = frame[frame["date"].between(dates[0], dates[-1])]
    known = frame["stretch"].isin(catalog.ids)
    unknown = sorted(set(frame.loc[~known, "stretch"]))
    targets = catalog.targets.astype({"muscle": "str", "role": "str"})
    hits = frame[known].drop(columns="id").merge(targets.rename(columns={"id": "stretch"}))
    hits["seconds"] = hits["done_s"] * hits["role"].map(ROLE_WEIGHTS)
    table = (
        hits.groupby(["muscle", "date"])["seconds"]
        .sum()
        .unstack(fill_value=0)  # stays float; pandas-stubs (like the docs) ask for an int
        .reindex(
            index=pd.Index(catalog.vocabulary.keys("muscles"), name="muscle"),
            columns=dates,
            fill_value=0.0,
        )
        .astype("float64")
    )
    table.attrs["unknown"] = unknown
    if unknown:
        warnings.warn(
            _("left out records of stretches not in the catalogue: {items}").format(
                items=", ".join(unknown)
            ),
            ProgressWarning,
            stacklevel=3,
        )
    return table


def against(frame: pd.DataFrame, plan: WeekPlan, today: date | str | None = None) -> pd.DataFrame:
    """This week (Monday to Sunday), day by day: holding minutes planned against done.

    Columns: date, planned_min and done_min (seconds of holding, as the timer counts
    them), planned_stretches, done_stretches (completed records of that day's planned
    stretches) and share (done over planned minutes, NaN on a rest day).
    """
    day = local_date(today)
    monday = pd.Timestamp(day) - pd.Timedelta(days=day.weekday())
    dates = pd.date_range(monday, periods=7)
    frame = frame.copy()
    frame["date"] = frame["when"].dt.tz_localize(None).dt.normalize()
    rows = []
    for name, when in zip(DAYS, dates, strict=True):
        routine = plan.days[name]
        ids = {s.id for s in routine.stretches} if routine else set()
        planned = sum(hold_seconds(routine.phases()).values()) if routine else 0.0
        that_day = frame[frame["date"] == when]
        done_ids = set(that_day.loc[that_day["completed"].astype(bool), "stretch"])
        rows.append(
            {
                "day": name,
                "date": when.date(),
                "planned_min": planned / 60,
                "done_min": that_day["done_s"].sum() / 60,
                "planned_stretches": len(ids),
                "done_stretches": len(ids & done_ids),
            }
        )
    out = pd.DataFrame(rows).set_index("day")
    out["share"] = (out["done_min"] / out["planned_min"]).where(out["planned_min"] > 0)
    return out.round({"planned_min": 1, "done_min": 1, "share": 2})
