"""One record of the log: its fields checked, its time stored in UTC, and local time."""

from __future__ import annotations

import contextlib
import math
import numbers
import os
import re
import uuid
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from dateutil.tz import tzlocal

from ..errors import shown, suggest

SIDES = ("left", "right")
MAX_RECORD_S = 24 * 60 * 60.0
"""The most seconds one record may hold, planned or done: a day."""
RECORD_ID = re.compile(r"[0-9a-f]{32}")
COLUMNS = ("when", "routine", "stretch", "side", "planned_s", "done_s", "completed", "id")
ROW_FIELDS = ("stretch", "planned_s", "done_s", "side", "routine", "completed", "when")


class FieldError(ValueError):
    """One bad value of a record, naming its field."""

    def __init__(self, field: str, reason: str):
        self.field, self.reason = field, reason
        super().__init__(f"{field}: {reason}")


def make_row(
    stretch, planned_s, done_s, side=None, routine=None, completed=None, when=None, rid=None
) -> tuple | None:
    """A checked record as stored (id, at, routine, stretch, side, planned, done, completed)."""
    if rid is not None and not (isinstance(rid, str) and RECORD_ID.fullmatch(rid)):
        raise FieldError(
            "id",
            f"{shown(rid)} is not a record id (32 hexadecimal digits, "
            f"as uuid.uuid4().hex makes them); leave it out for a new one",
        )
    if not _is_text(stretch):
        raise FieldError(
            "stretch",
            f"{stretch!r} is not a stretch id; give the id of the "
            f"stretch done, e.g. 'kneeling-hip-flexor'",
        )
    planned, done = _seconds("planned_s", planned_s), _seconds("done_s", done_s)
    if done > 2 * planned + 60:
        raise FieldError(
            "done_s",
            f"{done:g} s done is more than twice the {planned:g} s "
            f"planned plus a minute; give both in seconds",
        )
    side = None if _missing(side) else side
    if side not in (None, *SIDES):
        raise FieldError(
            "side", f"{side!r} is not a side; give 'left', 'right' or None{suggest(side, SIDES)}"
        )
    routine = None if _missing(routine) else routine
    if routine is not None and not _is_text(routine):
        raise FieldError("routine", f"{routine!r} is not a routine id or name; give text or None")
    if completed is None:
        completed = done >= planned - 0.5
    elif not isinstance(completed, bool | np.bool_):
        raise FieldError("completed", f"{completed!r} is not True, False or None")
    at = utc_text(when)
    if done == 0:
        return None
    return (
        rid or uuid.uuid4().hex,
        at,
        routine,
        stretch,
        side,
        planned,
        done,
        int(bool(completed)),
    )


def _seconds(field: str, value) -> float:
    """A finite, non-negative number of seconds as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise FieldError(field, f"{value!r} is not a number of seconds")
    try:
        value = float(value)
    except OverflowError:  # an int beyond any float
        value = math.inf
    if not math.isfinite(value) or value < 0:
        raise FieldError(
            field, f"{shown(value)} is not a number of seconds (it must be finite and not negative)"
        )
    if value > MAX_RECORD_S:
        raise FieldError(
            field, f"{shown(value)} s is more than a day; give the seconds of one stretch"
        )
    return value


def _is_text(value) -> bool:
    """True for text with something in it besides spaces, and no NUL (CSV cannot hold one)."""
    return isinstance(value, str) and bool(value.strip()) and "\x00" not in value


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def utc_text(when) -> str:
    """A time as stored: ISO 8601 in UTC with microseconds; naive times are local."""
    if when is None:
        when = datetime.now(UTC)
    if not isinstance(when, datetime) or when is pd.NaT:
        raise FieldError("when", f"{when!r} is not a datetime")
    try:
        if when.tzinfo is None or when.utcoffset() is None:
            when = when.replace(tzinfo=local_zone())
        return when.astimezone(UTC).isoformat(timespec="microseconds")
    except (OverflowError, ValueError):  # e.g. year 1 at UTC+14 falls before year 1 in UTC
        raise FieldError(
            "when", f"{when.isoformat()} is out of the range of dates a record can hold"
        ) from None


def local_zone() -> tzinfo:
    """This computer's time zone, named (and so fast in pandas) whenever it can be."""
    name = os.environ.get("TZ")
    if name is None:
        name = os.path.realpath("/etc/localtime").partition("/zoneinfo/")[2]
    with contextlib.suppress(ValueError, OSError, KeyError):
        return ZoneInfo(name.lstrip(":"))
    return tzlocal()  # e.g. a POSIX TZ rule: right, but slow for large frames


def local_date(day: date | str | None) -> date:
    """A date given as a date, datetime or ISO text (None: today), in local time."""
    if day is None:
        return datetime.now(local_zone()).date()
    stamp = pd.Timestamp(day)
    return (stamp.tz_convert(local_zone()) if stamp.tzinfo else stamp).date()


def catalog_hint(catalog, sid: str) -> str:
    """ "'neck-trun' is not in the catalogue; did you mean 'neck-turn'?" for an unknown id."""
    return f"{sid!r} is not in the catalogue{suggest(sid, catalog.ids)}"


def check_weeks(weeks) -> None:
    if isinstance(weeks, bool) or not isinstance(weeks, numbers.Integral) or weeks < 1:
        raise ValueError(f"weeks={weeks!r}: give a whole number of weeks, 1 or more")
