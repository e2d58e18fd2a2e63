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

from ..i18n import N_, _, locale, ngettext
from ..week.settings import day_name
from . import reports
from .records import local_date

if TYPE_CHECKING:
    from ..catalog.loader import Catalog
    from ..week.model import WeekPlan

ON_ITS_OWN = N_("on its own")
SESSION_COLUMNS = (N_("When"), N_("Stretch"), N_("Side"), N_("Held"), N_("Finished"), N_("Routine"))
BY_SESSION_COLUMNS = (
    N_("When"),
    N_("Routine"),
    N_("Stretches"),
    N_("What was held"),
    N_("Held"),
    N_("Finished"),
)
"""The columns of the tables, in English; a table shows them in the handbook's language."""
AGAINST_COLUMNS = (
    N_("Day"),
    N_("Planned"),
    N_("Done"),
    N_("Planned stretches done"),
    N_("Share of the plan"),
)


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its column names in the handbook's language."""
    table.columns = [_(str(c)) for c in table.columns]
    return table


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
    from babel.dates import format_date

    weekday = format_date(stamp, "EEE", locale=locale())
    return f"{weekday} {stamp.day} {_month(stamp, today)} {stamp:%H:%M}"


def _month(day: date, today: date | None = None) -> str:
    """The month of a day, and its year when that is not today's: "Dec", "Jan 2099"."""
    from babel.dates import format_date

    this_year = (today or local_date(None)).year
    month = str(format_date(day, "LLL", locale=locale())).rstrip(".")
    return month if day.year == this_year else f"{month} {day.year}"


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
        return _(ON_ITS_OWN)
    text = str(routine)
    if names and text in names:
        return names[text]
    day = re.fullmatch(r"plan-(mon|tue|wed|thu|fri|sat|sun)", text)
    if day:
        return _("{day} plan").format(day=day_name(day.group(1).capitalize()))
    return text


def side_text(side: object) -> str:
    """ "left", "right", or "both sides" for a stretch done on both at once."""
    if side == "left":
        return _("left")
    return _("right") if side == "right" else _("both sides")


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
    head = ngettext("{n} stretch", "{n} stretches", n).format(n=n)
    if n == 0:
        return head
    if one_sided == 0:
        return _("{head}, both sides").format(head=head)
    if n == 1:
        return _("{head}, one side only").format(head=head)
    return _("{head}, {n} on one side only").format(head=head, n=one_sided)


def held_text(sides: set[str]) -> str:
    """The sides a stretch was held on, in words: "both sides", "left side only"."""
    if "both" in sides or {"left", "right"} <= sides:
        return _("both sides")
    return _("left side only") if next(iter(sides)) == "left" else _("right side only")


def session_label(row: SessionRow, catalog: Catalog | None = None) -> str:
    """One record in a line: "Tue 1 Dec 18:53 · Kneeling hip flexor stretch, left · 30 s"."""
    when, sid, seconds = row.when, row.stretch, row.done_s
    if not (
        isinstance(when, datetime)
        and isinstance(sid, str)
        and isinstance(seconds, int | float)
        and not isinstance(seconds, bool)
    ):
        raise TypeError(_("{row!r} is not a row of ProgressLog.sessions()").format(row=row))
    side = f", {side_text(row.side)}" if row.side in ("left", "right") else ""
    done = "" if row.completed else _(", stopped part-way")
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
            "Finished": [_("yes") if c else _("stopped part-way") for c in rows["completed"]],
            "Routine": [routine_text(r, routine_names) for r in rows["routine"]],
        },
        columns=list(SESSION_COLUMNS),
    )
    table.index = pd.RangeIndex(1, len(table) + 1)
    return _shown(table)


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
    for _number, records in frame.groupby(numbers, sort=True):
        sides = reports.stretch_sides(records)
        one_sided = sum(held_text(s) != _("both sides") for s in sides.values())
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
                "Finished": _("yes")
                if stopped == 0
                else _("{n} stopped part-way").format(n=stopped),
            }
        )
    rows.reverse()
    table = pd.DataFrame(rows if last is None else rows[:last], columns=list(BY_SESSION_COLUMNS))
    table.index = pd.RangeIndex(1, len(table) + 1)
    return _shown(table)


def week_summary(frame: pd.DataFrame, today: date | str | None = None) -> str:
    """A sentence on this week (Monday to today), the last record and the streak."""
    if frame.empty:
        return _(
            "Nothing recorded yet. Press Start on any timer: each stretch you finish, "
            "or stop part-way, shows up here."
        )
    day = local_date(today)
    monday = day - timedelta(days=day.weekday())
    dates = frame["when"].dt.date
    week = frame[(dates >= monday) & (dates <= day)]
    streak = reports.streak(frame, day)
    streak_text = (
        _("no streak running")
        if streak == 0
        else ngettext(
            "a streak of {n} day in a row", "a streak of {n} days in a row", streak
        ).format(n=streak)
    )
    last = frame["when"].iloc[-1]
    from babel.dates import format_date

    # Translators: a Babel date pattern: weekday, day and month ("Tuesday 1 December")
    on = format_date(last, _("EEEE d MMMM"), locale=locale())
    last_text = _("the last stretch on {date} at {time}").format(date=on, time=f"{last:%H:%M}")
    if week.empty:
        before = dates[dates < monday]
        weeks = len({d - timedelta(days=d.weekday()) for d in before})
        records = ngettext("{n} record", "{n} records", len(frame)).format(n=len(frame))
        earlier = ngettext("{n} earlier week", "{n} earlier weeks", weeks).format(n=weeks)
        return _("Nothing yet this week; {records} from {weeks}, {last}.").format(
            records=records, weeks=earlier, last=last_text
        )
    days = week["when"].dt.date.nunique()
    done = reports.stretches_done(week[week["completed"].astype(bool)])
    stopped = reports.stretches_done(week[~week["completed"].astype(bool)])
    finished = ngettext("{n} stretch finished", "{n} stretches finished", done).format(n=done)
    if stopped:
        finished = _("{finished} and {n} stopped part-way").format(finished=finished, n=stopped)
    parts = [
        ngettext("This week: {time} on {n} day", "This week: {time} on {n} days", days).format(
            time=duration_text(float(week["done_s"].sum())), n=days
        ),
        finished,
        streak_text,
    ]
    return "; ".join(parts) + "."


def least_reached(
    coverage: pd.DataFrame,
    labels: Mapping[str, str],
    n: int = 5,
    period: str | None = None,
) -> str:
    """A sentence naming the groups stretched least in a coverage table (seconds by day).

    ``labels`` names the groups; ``n`` is how many to name; ``period`` ends the sentence
    (default: "in the last four weeks", in the handbook's language).

    >>> import handbook, pandas as pd
    >>> grid = pd.DataFrame({"Mon": [60.0, 0.0], "Tue": [30.0, 0.0]}, index=["neck", "calves"])
    >>> handbook.least_reached(grid, {"neck": "Neck", "calves": "Calves and ankles"}, n=1)
    'Stretched least in the last four weeks: calves and ankles (not at all).'
    """
    totals = coverage.sum(axis=1).sort_values(kind="stable").head(n)
    parts = [
        f"{labels.get(str(m), str(m)).lower()} ({_('not at all') if s == 0 else duration_text(s)})"
        for m, s in totals.items()
    ]
    listed = (
        parts[0]
        if len(parts) == 1
        else _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])
    )
    period = _("in the last four weeks") if period is None else period
    return _("Stretched least {period}: {groups}.").format(period=period, groups=listed)


def against_table(table: pd.DataFrame, today: date | str | None = None) -> pd.DataFrame:
    """reports.against's week in words: Day, Planned, Done, Stretches, Share (no NaN);
    days after today are "to come"."""
    from babel.numbers import format_percent

    day_now = local_date(today)
    to_come, rest_day = _("to come"), _("rest day")
    rows = []
    for day, row in table.iterrows():
        rest = row["planned_min"] == 0
        later = row["date"] > day_now and row["done_min"] == 0
        rows.append(
            {
                "Day": f"{day_name(str(day))} {row['date'].day} {_month(row['date'], day_now)}",
                "Planned": rest_day if rest else duration_text(row["planned_min"] * 60),
                "Done": (
                    duration_text(row["done_min"] * 60)
                    if row["done_min"] > 0
                    else to_come
                    if later
                    else _("nothing")
                ),
                "Planned stretches done": (
                    _("none planned")
                    if rest
                    else to_come
                    if later
                    else _("{done} of {planned}").format(
                        done=row["done_stretches"], planned=row["planned_stretches"]
                    )
                ),
                "Share of the plan": (
                    rest_day
                    if rest
                    else to_come
                    if later
                    else format_percent(row["share"], locale=locale())
                ),
            }
        )
    return _shown(
        pd.DataFrame(rows, index=pd.RangeIndex(1, len(rows) + 1), columns=list(AGAINST_COLUMNS))
    )


def against(frame: pd.DataFrame, plan: WeekPlan, today: date | str | None = None) -> pd.DataFrame:
    """This week's plan against what was done, day by day, in words (see against_table)."""
    return against_table(reports.against(frame, plan, today), today)
