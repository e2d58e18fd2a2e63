"""The progress log: every stretch done, kept in SQLite and read back as pandas tables.

One file per person, ``progress.sqlite`` in ``$HANDBOOK_HOME`` when that is set, else in
the XDG data folder (``$XDG_DATA_HOME/stretch-handbook``, by default
``~/.local/share/stretch-handbook``). Times are stored as ISO 8601 text in UTC and shown
in the computer's local time zone. Several kernels may write at once: the file is in WAL
mode, every job is one short transaction, and a busy writer is waited for (10 s).
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import numbers
import os
import re
import sqlite3
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from dateutil.tz import tzlocal

from .errors import suggest
from .files import atomic_write

if TYPE_CHECKING:
    from .catalog import Catalog
    from .planner import WeekPlan

APPLICATION_ID = 0x53744862  # "StHb" in PRAGMA application_id marks a file as ours
FILE_NAME = "progress.sqlite"
BUSY_TIMEOUT_S = 10.0
SIDES = ("left", "right")
COLUMNS = ("when", "routine", "stretch", "side", "planned_s", "done_s", "completed", "id")
CSV_COLUMNS = ("id", "when", "routine", "stretch", "side", "planned_s", "done_s", "completed")
REQUIRED_CSV_COLUMNS = ("id", "when", "stretch", "planned_s", "done_s")
WEIGHTS = {"primary": 1.0, "secondary": 0.5}  # share of a stretch's seconds each muscle gets

_MAGIC = b"SQLite format 3\x00"
_INSERT = ("INSERT OR IGNORE INTO records (id, at, routine, stretch, side, planned_s, done_s, "
           "completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_SELECT = ("SELECT at, routine, stretch, side, planned_s, done_s, completed, id FROM records "
           "ORDER BY rowid")  # as written; sorting by time is faster in pandas than by index
_SELECT_CSV = ("SELECT id, at, routine, stretch, side, planned_s, done_s, completed "
               "FROM records ORDER BY at, rowid")
_MARKS = ("SELECT (SELECT application_id FROM pragma_application_id), "  # one statement:
          "(SELECT user_version FROM pragma_user_version), "            # one snapshot
          "(SELECT count(*) FROM sqlite_master)")
_LEFT_ALONE = ("; the file was left untouched. Move it away, or keep the log elsewhere "
               "(set HANDBOOK_HOME, or give ProgressLog a path)")


class ProgressError(ValueError):
    """A log file that cannot be used, or a CSV that cannot be imported; names the file."""

    def __init__(self, path: str | Path, message: str):
        self.path = Path(path)
        super().__init__(f"{path}: {message}")


class ProgressWarning(UserWarning):
    """Records left out of an answer, e.g. stretches that are not in the catalogue."""


class _FieldError(ValueError):
    """One bad value of a record, naming its field."""

    def __init__(self, field: str, reason: str):
        self.field, self.reason = field, reason
        super().__init__(f"{field}: {reason}")


# Schema versions: MIGRATIONS[n] takes a file from version n to n + 1 -------------------
def _v1(conn: sqlite3.Connection) -> None:
    """Version 1: one table of records."""
    conn.execute("""
        CREATE TABLE records (
            id TEXT PRIMARY KEY NOT NULL,   -- uuid4 hex; CSV files carry it
            at TEXT NOT NULL,               -- ISO 8601 in UTC, microseconds, "+00:00"
            stretch TEXT NOT NULL,
            side TEXT CHECK (side IN ('left', 'right')),
            planned_s REAL NOT NULL CHECK (planned_s >= 0),
            done_s REAL NOT NULL CHECK (done_s > 0),
            completed INTEGER NOT NULL CHECK (completed IN (0, 1))
        )""")


def _v2(conn: sqlite3.Connection) -> None:
    """Version 2: the routine a record belongs to, and an index on time."""
    conn.execute("ALTER TABLE records ADD COLUMN routine TEXT")
    conn.execute("CREATE INDEX records_at ON records (at)")


MIGRATIONS = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    """Where the log lives: $HANDBOOK_HOME/progress.sqlite, else the XDG data folder."""
    home = os.environ.get("HANDBOOK_HOME")
    if home:
        return Path(home).expanduser() / FILE_NAME
    data = os.environ.get("XDG_DATA_HOME", "")
    base = Path(data) if os.path.isabs(data) else Path.home() / ".local" / "share"
    return base / "stretch-handbook" / FILE_NAME


class ProgressLog:
    """Stretches done, one record per hold or stretch; several kernels may write at once."""

    def __init__(self, path: str | Path | None = None):
        self.path = default_path() if path is None else Path(path).expanduser()
        with self._connect(write=False):
            pass  # an existing file is checked (and upgraded) now, so a bad one fails early

    def __repr__(self) -> str:
        return f"ProgressLog({str(self.path)!r})"

    # Writing ------------------------------------------------------------------------
    def record(self, stretch: str, planned_s: float, done_s: float, *, side: str | None = None,
               routine: str | None = None, completed: bool | None = None,
               when: datetime | None = None) -> str | None:
        """Record one stretch done and return its id; nothing is recorded when done_s is 0.

        ``completed`` defaults to done_s >= planned_s - 0.5; ``when`` defaults to now, and a
        naive datetime is taken as local time.
        """
        row = _row(stretch, planned_s, done_s, side, routine, completed, when)
        if row is None:
            return None
        self._insert([row])
        return row[0]

    def record_many(self, rows: Iterable[Mapping]) -> list[str | None]:
        """Record several stretches in one transaction; ids in order, None for skipped rows.

        Each row holds record's arguments by name; a bad row raises ValueError naming it,
        and then nothing is recorded.
        """
        found = []
        for n, given in enumerate(rows, 1):
            if not isinstance(given, Mapping):
                raise ValueError(f"row {n}: {given!r} is not a mapping of field names to values")
            missing = [name for name in ("stretch", "planned_s", "done_s") if name not in given]
            unknown = sorted(set(given) - set(_ROW_FIELDS))
            if missing or unknown:
                wrong = f"{missing[0]!r} is missing" if missing else f"{unknown[0]!r} is unknown"
                raise ValueError(f"row {n}: {wrong}; a row holds {', '.join(_ROW_FIELDS)}")
            try:
                found.append(_row(**given))
            except _FieldError as exc:
                raise ValueError(f"row {n}: {exc}") from None
        self._insert([row for row in found if row is not None])
        return [None if row is None else row[0] for row in found]

    def import_csv(self, path: str | Path) -> int:
        """Add the records of a CSV file written by to_csv; return how many were new.

        Records whose id is already in the log are skipped, so importing twice adds nothing.
        A bad file raises ProgressError naming the row (the header is row 1) and the column;
        then nothing is imported.
        """
        path = Path(path)
        try:
            rows = _read_csv(path)
        except UnicodeDecodeError as exc:
            raise ProgressError(path, f"is not UTF-8 text ({exc.reason})") from None
        return self._insert([row for row in rows if row is not None])

    def to_csv(self, path: str | Path) -> Path:
        """Write every record to a CSV file (replaced at once, never half-written)."""
        path = Path(path)
        with self._connect(write=False) as conn:
            rows = [] if conn is None else conn.execute(_SELECT_CSV).fetchall()
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for rid, at, routine, stretch, side, planned, done, completed in rows:
            writer.writerow([rid, at, routine or "", stretch, side or "", repr(planned),
                             repr(done), "true" if completed else "false"])
        return atomic_write(path, out.getvalue())

    # Reading ------------------------------------------------------------------------
    def sessions(self) -> pd.DataFrame:
        """Every record, oldest first; ``when`` is in local time (tz-aware).

        Columns: when, routine, stretch, side, planned_s, done_s, completed, id.
        """
        with self._connect(write=False) as conn:
            rows = [] if conn is None else conn.execute(_SELECT).fetchall()
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
        when = pd.to_datetime(frame["when"].astype(str), format="ISO8601", utc=True)
        frame["when"] = when.astype("datetime64[us, UTC]").dt.tz_convert(_local_zone())
        frame = frame.sort_values("when", kind="stable", ignore_index=True)  # ties: as written
        return frame.astype({"routine": "str", "stretch": "str", "side": "str",
                             "planned_s": "float64", "done_s": "float64", "completed": "bool",
                             "id": "str"})

    def streak(self, today: date | str | None = None) -> int:
        """Consecutive days up to today (or yesterday, if not yet today) with a completed record."""
        frame = self.sessions()
        days = set(frame.loc[frame["completed"], "when"].dt.date)
        day = _local_date(today)
        if day not in days:
            day -= timedelta(days=1)
        count = 0
        while day in days:
            count += 1
            day -= timedelta(days=1)
        return count

    def minutes_per_week(self, weeks: int | None = None, *,
                         today: date | str | None = None) -> pd.Series:
        """Minutes done per week, indexed by the week's Monday, weeks without practice as 0.

        ``weeks=None`` runs from the first week with a record to this week; a number gives
        that many weeks ending with this one.
        """
        frame = self.sessions()
        days = frame["when"].dt.tz_localize(None).dt.normalize()
        mondays = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
        minutes = (frame["done_s"] / 60).groupby(mondays).sum()
        day = pd.Timestamp(_local_date(today))
        this_week = day - pd.Timedelta(days=day.weekday())
        if weeks is None and minutes.empty:
            index = pd.DatetimeIndex([], name="week")
        elif weeks is None:
            index = pd.date_range(minutes.index.min(), max(this_week, minutes.index.max()),
                                  freq="7D", name="week")
        else:
            _check_weeks(weeks)
            index = pd.date_range(end=this_week, periods=weeks, freq="7D", name="week")
        return minutes.reindex(index, fill_value=0.0).astype("float64").rename("minutes")

    def coverage(self, catalog: Catalog, weeks: int = 4,
                 today: date | str | None = None) -> pd.DataFrame:
        """Seconds per muscle (rows, vocabulary order) and day (columns) over the last weeks.

        Each record's done seconds count in full for the stretch's primary muscles and half
        for its secondary ones. Stretches not in the catalogue are left out with a
        ProgressWarning and listed in ``frame.attrs["unknown"]``.
        """
        _check_weeks(weeks)
        end = pd.Timestamp(_local_date(today))
        dates = pd.date_range(end - pd.Timedelta(days=7 * weeks - 1), end, name="date")
        frame = self.sessions()
        frame["date"] = frame["when"].dt.tz_localize(None).dt.normalize()
        frame = frame[frame["date"].between(dates[0], dates[-1])]
        known = frame["stretch"].isin(catalog.ids)
        unknown = sorted(set(frame.loc[~known, "stretch"]))
        targets = catalog.targets.astype({"muscle": "str", "role": "str"})
        hits = frame[known].drop(columns="id").merge(targets.rename(columns={"id": "stretch"}))
        hits["seconds"] = hits["done_s"] * hits["role"].map(WEIGHTS)
        table = (hits.groupby(["muscle", "date"])["seconds"].sum().unstack(fill_value=0.0)
                 .reindex(index=pd.Index(catalog.vocabulary.keys("muscles"), name="muscle"),
                          columns=dates, fill_value=0.0).astype("float64"))
        table.attrs["unknown"] = unknown
        if unknown:
            warnings.warn(f"left out records of stretches not in the catalogue: "
                          f"{', '.join(unknown)}", ProgressWarning, stacklevel=2)
        return table

    def against(self, plan: WeekPlan, today: date | str | None = None) -> pd.DataFrame:
        """This week (Monday to Sunday), day by day: holding minutes planned against done.

        Columns: date, planned_min and done_min (seconds of holding, as the timer counts
        them), planned_stretches, done_stretches (completed records of that day's planned
        stretches) and share (done over planned minutes, NaN on a rest day).
        """
        from .planner import DAYS
        from .timer import hold_seconds

        day = _local_date(today)
        monday = pd.Timestamp(day) - pd.Timedelta(days=day.weekday())
        dates = pd.date_range(monday, periods=7)
        frame = self.sessions()
        frame["date"] = frame["when"].dt.tz_localize(None).dt.normalize()
        rows = []
        for name, when in zip(DAYS, dates, strict=True):
            routine = plan.days[name]
            ids = {s.id for s in routine.stretches} if routine else set()
            planned = sum(hold_seconds(routine.phases()).values()) if routine else 0.0
            that_day = frame[frame["date"] == when]
            done_ids = set(that_day.loc[that_day["completed"].astype(bool), "stretch"])
            rows.append({"day": name, "date": when.date(), "planned_min": planned / 60,
                         "done_min": that_day["done_s"].sum() / 60,
                         "planned_stretches": len(ids), "done_stretches": len(ids & done_ids)})
        out = pd.DataFrame(rows).set_index("day")
        out["share"] = (out["done_min"] / out["planned_min"]).where(out["planned_min"] > 0)
        return out.round({"planned_min": 1, "done_min": 1, "share": 2})

    # The file -----------------------------------------------------------------------
    def _insert(self, rows: list[tuple]) -> int:
        """Insert rows in one short transaction; return how many were new."""
        if not rows:
            return 0
        with self._connect(write=True) as conn, _transaction(conn):
            before = conn.total_changes
            conn.executemany(_INSERT, rows)
            return conn.total_changes - before

    @contextlib.contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection to the checked, up-to-date log; None when there is nothing to read.

        A file not marked as ours in its header is first looked at read-only, so that a
        foreign one is left byte-for-byte as it was.
        """
        head = _head(self.path)
        empty = not head or (head[68:72] != APPLICATION_ID.to_bytes(4, "big")
                             and _peek(self.path) is None)
        if empty and not write:
            yield None
            return
        if empty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            if (_version(conn, self.path) or 0) < SCHEMA_VERSION:
                _upgrade(conn, self.path)
            yield conn
        finally:
            conn.close()


_ROW_FIELDS = ("stretch", "planned_s", "done_s", "side", "routine", "completed", "when")


def _head(path: Path) -> bytes:
    """The header of the SQLite file at path, b"" if absent or empty; ProgressError if not."""
    if path.is_dir():
        raise ProgressError(path, "is a folder, but the progress log is a file; give "
                                  "ProgressLog a file's path, or set HANDBOOK_HOME to a folder")
    try:
        with open(path, "rb") as file:
            head = file.read(100)
    except FileNotFoundError:
        return b""
    if head and not head.startswith(_MAGIC):
        raise ProgressError(path, "is not a SQLite database" + _LEFT_ALONE)
    return head


def _peek(path: Path) -> int | None:
    """The schema version of a SQLite file, read without writing; ProgressError if not ours."""
    conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_S)
    try:
        return _version(conn, path)
    finally:
        conn.close()


def _version(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version of an open file, None if it is empty; ProgressError if not ours."""
    try:
        app, version, tables = conn.execute(_MARKS).fetchone()
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        raise ProgressError(path, f"is a damaged SQLite database ({exc})" + _LEFT_ALONE) from None
    if app == 0 and version == 0 and tables == 0:
        return None
    if app != APPLICATION_ID:
        raise ProgressError(path, f"is a SQLite database of another program (application_id "
                                  f"{app:#x}; a progress log has {APPLICATION_ID:#x})"
                                  + _LEFT_ALONE)
    if version > SCHEMA_VERSION:
        raise ProgressError(path, f"was written by a newer handbook (schema v{version}, this one "
                                  f"knows v{SCHEMA_VERSION}); update the handbook to read it")
    return version


def _wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode (it stays so). SQLite's busy timeout does not cover this
    switch, so when several kernels create the log at once, retry it for as long."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Bring a log (or an empty file) to the latest schema, in one transaction."""
    _wal(conn)
    with _transaction(conn):
        version = _version(conn, path) or 0  # again: another kernel may have upgraded it
        for migrate in MIGRATIONS[version:]:
            migrate(conn)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite ends some failed transactions itself
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# Records -------------------------------------------------------------------------------
def _row(stretch, planned_s, done_s, side=None, routine=None, completed=None, when=None,
         rid=None) -> tuple | None:
    """A checked record as stored (id, at, routine, stretch, side, planned, done, completed)."""
    if not _is_text(stretch):
        raise _FieldError("stretch", f"{stretch!r} is not a stretch id; give the id of the "
                                     f"stretch done, e.g. 'kneeling-hip-flexor'")
    planned, done = _seconds("planned_s", planned_s), _seconds("done_s", done_s)
    if done > 2 * planned + 60:
        raise _FieldError("done_s", f"{done:g} s done is more than twice the {planned:g} s "
                                    f"planned plus a minute; give both in seconds")
    side = None if _missing(side) else side
    if side not in (None, *SIDES):
        raise _FieldError("side", f"{side!r} is not a side; give 'left', 'right' or None"
                                  f"{suggest(side, SIDES)}")
    routine = None if _missing(routine) else routine
    if routine is not None and not _is_text(routine):
        raise _FieldError("routine", f"{routine!r} is not a routine id or name; give text "
                                     f"or None")
    if completed is None:
        completed = done >= planned - 0.5
    elif not isinstance(completed, bool | np.bool_):
        raise _FieldError("completed", f"{completed!r} is not True, False or None")
    at = _utc_text(when)
    if done == 0:
        return None
    return (rid or uuid.uuid4().hex, at, routine, stretch, side, planned, done,
            int(bool(completed)))


def _seconds(field: str, value) -> float:
    """A finite, non-negative number of seconds as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _FieldError(field, f"{value!r} is not a number of seconds")
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise _FieldError(field, f"{value!r} is not a number of seconds (it must be finite "
                                 f"and not negative)")
    return value


def _is_text(value) -> bool:
    """True for text with something in it besides spaces, and no NUL (CSV cannot hold one)."""
    return isinstance(value, str) and bool(value.strip()) and "\x00" not in value


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _utc_text(when) -> str:
    """A time as stored: ISO 8601 in UTC with microseconds; naive times are local."""
    if when is None:
        when = datetime.now(UTC)
    if not isinstance(when, datetime) or when is pd.NaT:
        raise _FieldError("when", f"{when!r} is not a datetime")
    if when.tzinfo is None or when.utcoffset() is None:
        when = when.replace(tzinfo=_local_zone())
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _local_zone() -> tzinfo:
    """This computer's time zone, named (and so fast in pandas) whenever it can be."""
    name = os.environ.get("TZ")
    if name is None:
        name = os.path.realpath("/etc/localtime").partition("/zoneinfo/")[2]
    with contextlib.suppress(ValueError, OSError, KeyError):
        return ZoneInfo(name.lstrip(":"))
    return tzlocal()  # e.g. a POSIX TZ rule: right, but slow for large frames


def _local_date(day: date | str | None) -> date:
    """A date given as a date, datetime or ISO text (None: today), in local time."""
    if day is None:
        return datetime.now(_local_zone()).date()
    stamp = pd.Timestamp(day)
    return (stamp.tz_convert(_local_zone()) if stamp.tzinfo else stamp).date()


def _check_weeks(weeks) -> None:
    if isinstance(weeks, bool) or not isinstance(weeks, numbers.Integral) or weeks < 1:
        raise ValueError(f"weeks={weeks!r}: give a whole number of weeks, 1 or more")


# CSV -----------------------------------------------------------------------------------
_ID = re.compile(r"[0-9a-f]{32}")
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
             "": None}


def _read_csv(path: Path) -> list[tuple | None]:
    """The checked records of a CSV file (None for rows with nothing done)."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        n = 0  # the last row read; the header is row 1
        try:
            header = [name.strip() for name in next(reader, [])]
            n = 1
            if not header:
                raise ProgressError(path, "is empty; expected the header row "
                                          + ",".join(CSV_COLUMNS))
            for name in header:
                if name not in CSV_COLUMNS or header.count(name) > 1:
                    why = "is repeated" if name in CSV_COLUMNS else "is not a column of the log"
                    raise ProgressError(path, f"row 1, column {name!r}: {why}; the columns "
                                              f"are {','.join(CSV_COLUMNS)}"
                                              + suggest(name, CSV_COLUMNS))
            for name in REQUIRED_CSV_COLUMNS:
                if name not in header:
                    raise ProgressError(path, f"row 1: the column {name!r} is missing; the "
                                              f"columns are {','.join(CSV_COLUMNS)}")
            rows = []
            for n, fields in enumerate(reader, 2):
                if not fields:
                    continue
                if len(fields) != len(header):
                    raise ProgressError(path, f"row {n}: {len(fields)} values for "
                                              f"{len(header)} columns")
                try:
                    rows.append(_csv_row(dict(zip(header, fields, strict=True))))
                except _FieldError as exc:
                    raise ProgressError(path, f"row {n}, column {exc.field!r}: "
                                              f"{exc.reason}") from None
        except csv.Error as exc:
            raise ProgressError(path, f"row {n + 1}: {exc}") from None
    return rows


def _csv_row(fields: dict[str, str]) -> tuple | None:
    """A checked record from one CSV row's text values."""
    rid = fields["id"].strip().lower()
    if not _ID.fullmatch(rid):
        raise _FieldError("id", f"{fields['id']!r} is not a record id (32 hexadecimal digits, "
                                f"as to_csv writes them)")
    try:
        when = datetime.fromisoformat(fields["when"].strip())
    except ValueError:
        raise _FieldError("when", f"{fields['when']!r} is not a time; give ISO 8601, e.g. "
                                  f"2026-05-09T07:35:00+00:00") from None
    seconds = {}
    for name in ("planned_s", "done_s"):
        try:
            seconds[name] = float(fields[name])
        except ValueError:
            raise _FieldError(name, f"{fields[name]!r} is not a number of seconds") from None
    completed = fields.get("completed", "").strip().lower()
    if completed not in _BOOLEANS:
        raise _FieldError("completed", f"{fields['completed']!r} is not true, false or empty")
    return _row(fields["stretch"], side=fields.get("side", "") or None,
                routine=fields.get("routine", "") or None, completed=_BOOLEANS[completed],
                when=when, rid=rid, **seconds)
