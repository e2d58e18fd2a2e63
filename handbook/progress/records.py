"""One record of the log: its fields checked, its time stored in UTC, and local time."""

from __future__ import annotations

import contextlib
import math
import numbers
import os
import re
import uuid
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, TypeGuard
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from dateutil.tz import tzlocal

from ..catalog.text import LINE, text_problem
from ..errors import shown, suggest
from ..i18n import _

if TYPE_CHECKING:
    from ..catalog.loader import Catalog

SIDES = ("left", "right")
MAX_RECORD_S = 24 * 60 * 60.0
"""The most seconds one record may hold, planned or done: a day."""
RECORD_ID = re.compile(r"[0-9a-f]{32}")
COLUMNS = ("when", "routine", "stretch", "side", "planned_s", "done_s", "completed", "id")
ROW_FIELDS = ("stretch", "planned_s", "done_s", "side", "routine", "completed", "when")

Row = tuple[str, str, str | None, str, str | None, float, float, int]
"""A record as stored: (id, at, routine, stretch, side, planned_s, done_s, completed 0 or 1)."""


class FieldError(ValueError):
    """One bad value of a record, naming its field."""

    def __init__(self, field: str, reason: str):
        self.field, self.reason = field, reason
        super().__init__(f"{field}: {reason}")


def make_row(
    stretch: object,
    planned_s: object,
    done_s: object,
    side: object = None,
    routine: object = None,
    completed: object = None,
    when: object = None,
    rid: object = None,
) -> Row | None:
    """A checked record as stored (id, at, routine, stretch, side, planned, done, completed)."""
    record_id = _record_id(rid)
    if not _is_text(stretch):
        raise FieldError(
            "stretch",
            _(
                "{stretch!r} is not a stretch id; give the id of the stretch done, "
                "e.g. 'kneeling-hip-flexor'"
            ).format(stretch=stretch),
        )
    if (odd := text_problem(stretch, longest=LINE)) is not None:  # shown in tables and charts
        raise FieldError("stretch", odd)
    planned, done = _seconds("planned_s", planned_s), _seconds("done_s", done_s)
    if done > 2 * planned + 60:
        raise FieldError(
            "done_s",
            _(
                "{done:g} s done is more than twice the {planned:g} s planned plus a "
                "minute; give both in seconds"
            ).format(done=done, planned=planned),
        )
    side_done = _side(side)
    routine_id = _routine(routine)
    if completed is None:
        completed = done >= planned - 0.5
    elif not isinstance(completed, bool | np.bool_):
        raise FieldError(
            "completed", _("{completed!r} is not True, False or None").format(completed=completed)
        )
    at = utc_text(when)
    if done == 0:
        return None
    return (
        record_id or uuid.uuid4().hex,
        at,
        routine_id,
        stretch,
        side_done,
        planned,
        done,
        int(bool(completed)),
    )


def _record_id(rid: object) -> str | None:
    """A record's id as given (None: a new one is made), or FieldError."""
    if rid is None:
        return None
    if not (isinstance(rid, str) and RECORD_ID.fullmatch(rid)):
        raise FieldError(
            "id",
            _(
                "{rid} is not a record id (32 hexadecimal digits, as "
                "uuid.uuid4().hex makes them); leave it out for a new one"
            ).format(rid=shown(rid)),
        )
    return rid


def _side(side: object) -> str | None:
    """The side of a record: "left", "right", or None (both at once, or not given)."""
    if _missing(side):
        return None
    if not (isinstance(side, str) and side in SIDES):
        raise FieldError(
            "side",
            _("{side!r} is not a side; give 'left', 'right' or None{suggest}").format(
                side=side, suggest=suggest(side, SIDES)
            ),
        )
    return side


def _routine(routine: object) -> str | None:
    """The routine a record belongs to, or None."""
    if _missing(routine):
        return None
    if not _is_text(routine):
        raise FieldError(
            "routine",
            _("{routine!r} is not a routine id or name; give text or None").format(routine=routine),
        )
    if (odd := text_problem(routine, longest=LINE)) is not None:
        raise FieldError("routine", odd)
    return routine


def _seconds(field: str, value: object) -> float:
    """A finite, non-negative number of seconds as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise FieldError(field, _("{value!r} is not a number of seconds").format(value=value))
    try:
        seconds = float(value)
    except OverflowError:  # an int beyond any float
        seconds = math.inf
    if not math.isfinite(seconds) or seconds < 0:
        raise FieldError(
            field,
            _("{seconds} is not a number of seconds (it must be finite and not negative)").format(
                seconds=shown(seconds)
            ),
        )
    if seconds > MAX_RECORD_S:
        raise FieldError(
            field,
            _("{seconds} s is more than a day; give the seconds of one stretch").format(
                seconds=shown(seconds)
            ),
        )
    return seconds


def _is_text(value: object) -> TypeGuard[str]:
    """True for text with something in it besides spaces, and no NUL (CSV cannot hold one)."""
    return isinstance(value, str) and bool(value.strip()) and "\x00" not in value


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def utc_text(when: object) -> str:
    """A time as stored: ISO 8601 in UTC with microseconds; naive times are local."""
    if when is None:
        when = datetime.now(UTC)
    if when is pd.NaT or not isinstance(when, datetime):  # NaT passes for a datetime: no time
        raise FieldError("when", _("{when!r} is not a datetime").format(when=when))
    try:
        if when.tzinfo is None or when.utcoffset() is None:
            when = when.replace(tzinfo=local_zone())
        return when.astimezone(UTC).isoformat(timespec="microseconds")
    except (OverflowError, ValueError):  # e.g. year 1 at UTC+14 falls before year 1 in UTC
        raise FieldError(
            "when",
            _("{isoformat} is out of the range of dates a record can hold").format(
                isoformat=when.isoformat()
            ),
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


def catalog_hint(catalog: Catalog, sid: str) -> str:
    """ "'neck-trun' is not in the catalogue; did you mean 'neck-turn'?" for an unknown id."""
    return _("{sid!r} is not in the catalogue{suggest}").format(
        sid=sid, suggest=suggest(sid, catalog.ids)
    )


def check_weeks(weeks: object) -> None:
    """ValueError unless weeks is a whole number, 1 or more."""
    if isinstance(weeks, bool) or not isinstance(weeks, numbers.Integral) or weeks < 1:
        raise ValueError(
            _("weeks={weeks!r}: give a whole number of weeks, 1 or more").format(weeks=weeks)
        )
