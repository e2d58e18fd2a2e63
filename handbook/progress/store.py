"""The progress log: every stretch done, kept in SQLite and read back as pandas tables.

One file per person, ``progress.sqlite`` in ``$HANDBOOK_HOME`` when that is set, else in
the XDG data folder (``$XDG_DATA_HOME/stretch-handbook``, by default
``~/.local/share/stretch-handbook``). Times are stored as ISO 8601 text in UTC and shown
in the computer's local time zone. Several kernels may write at once: the file is in WAL
mode, every job is one short transaction, and a busy writer is waited for (10 s by default;
``timeout=`` sets it for a log or for one call, so a caller on the kernel's loop can try
with a short wait and keep its rows when a ``ProgressBusyError`` says to try again).
Every fault of the file comes out as a ``ProgressError`` naming it, the file untouched.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import ProgressBusyError, ProgressError
from ..files import atomic_write
from ..i18n import N_, _
from . import reports, tables
from .csvfile import csv_text, read_csv
from .records import COLUMNS, ROW_FIELDS, FieldError, Row, catalog_hint, local_zone, make_row

if TYPE_CHECKING:
    from ..catalog.loader import Catalog
    from ..week.model import WeekPlan

APPLICATION_ID = 0x53744862  # "StHb" in PRAGMA application_id marks a file as ours
FILE_NAME = "progress.sqlite"
BUSY_TIMEOUT_S = 10.0

_MAGIC = b"SQLite format 3\x00"
_INSERT = (
    "INSERT OR IGNORE INTO records (id, at, routine, stretch, side, planned_s, done_s, "
    "completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_SELECT = (
    "SELECT at, routine, stretch, side, planned_s, done_s, completed, id FROM records "
    "ORDER BY rowid"
)  # as written; sorting by time is faster in pandas than by index
_SELECT_CSV = (
    "SELECT id, at, routine, stretch, side, planned_s, done_s, completed "
    "FROM records ORDER BY at, rowid"
)
_MARKS = (
    "SELECT (SELECT application_id FROM pragma_application_id), "  # one statement:
    "(SELECT user_version FROM pragma_user_version), "  # one snapshot
    "(SELECT count(*) FROM sqlite_master)"
)
_LEFT_ALONE = N_(
    "; the file was left untouched. Move it away, or keep the log elsewhere "
    "(set HANDBOOK_HOME, or give ProgressLog a path)"
)
_MARKS_TABLE = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'records'"


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
    """Stretches done, one record per hold or stretch; several kernels may write at once.

    ``path`` is the SQLite file (None: progress.sqlite in ``HANDBOOK_HOME``, else the
    handbook's folder in your home); ``timeout`` is how long a write waits for another kernel.

    >>> import handbook, pathlib, tempfile
    >>> log = handbook.ProgressLog(pathlib.Path(tempfile.mkdtemp()) / "progress.sqlite")
    >>> _ = log.record("cat-cow", planned_s=30, done_s=30)
    >>> log.sessions()[["stretch", "done_s"]].to_dict("records")
    [{'stretch': 'cat-cow', 'done_s': 30.0}]
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float = BUSY_TIMEOUT_S):
        self.path = default_path() if path is None else Path(path).expanduser()
        self.timeout = _seconds(timeout)
        """Seconds to wait for another program holding the file, unless a call says."""
        with self._connect(write=False):
            pass  # an existing file is checked (and upgraded) now, so a bad one fails early

    def __repr__(self) -> str:
        return f"ProgressLog({str(self.path)!r})"

    # Writing ------------------------------------------------------------------------
    def record(
        self,
        stretch: str,
        planned_s: float,
        done_s: float,
        *,
        side: str | None = None,
        routine: str | None = None,
        completed: bool | None = None,
        when: datetime | None = None,
        id: str | None = None,
        timeout: float | None = None,
    ) -> str | None:
        """Record one stretch done and return its id; nothing is recorded when done_s is 0.

        ``completed`` defaults to done_s >= planned_s - 0.5; ``when`` defaults to now, and a
        naive datetime is taken as local time. ``id`` (32 hex digits) makes a retry safe: a
        record whose id is in the log already is not added again. ``timeout`` is the most
        seconds to wait for a busy file (the log's ``timeout`` by default); then
        ProgressBusyError, and nothing is written.
        """
        row = make_row(stretch, planned_s, done_s, side, routine, completed, when, id)
        if row is None:
            return None
        self._insert([row], timeout)
        return row[0]

    def record_many(
        self, rows: Iterable[Mapping[str, object]], *, timeout: float | None = None
    ) -> list[str | None]:
        """Record several stretches in one transaction; ids in order, None for skipped rows.

        Each row holds record's arguments by name (``id`` too); a bad row raises ValueError
        naming it, and then nothing is recorded. A busy file raises ProgressBusyError after
        ``timeout`` seconds, and nothing is recorded: give the same rows again later.
        """
        found: list[Row | None] = []
        for n, given in enumerate(rows, 1):
            if not isinstance(given, Mapping):
                raise ValueError(
                    _("row {n}: {given!r} is not a mapping of field names to values").format(
                        n=n, given=given
                    )
                )
            missing = [name for name in ("stretch", "planned_s", "done_s") if name not in given]
            unknown = sorted(set(given) - {*ROW_FIELDS, "id"})
            if missing or unknown:
                wrong = (
                    _("{value!r} is missing").format(value=missing[0])
                    if missing
                    else _("{value!r} is unknown").format(value=unknown[0])
                )
                raise ValueError(
                    _("row {n}: {wrong}; a row holds {items} and optionally id").format(
                        n=n, wrong=wrong, items=", ".join(ROW_FIELDS)
                    )
                )
            fields = dict(given)
            rid = fields.pop("id", None)
            try:
                found.append(make_row(**fields, rid=rid))
            except FieldError as exc:
                raise ValueError(f"row {n}: {exc}") from None
        self._insert([row for row in found if row is not None], timeout)
        return [None if row is None else row[0] for row in found]

    def add(
        self,
        stretch: str,
        seconds: float,
        *,
        when: datetime | str | None = None,
        side: str | None = None,
        routine: str | None = None,
        catalog: Catalog | None = None,
        timeout: float | None = None,
    ) -> str:
        """Record a stretch done without a timer (held ``seconds``, completed) and return its id.

        ``when`` is a datetime or text such as "2026-12-01 18:30" in local time (default:
        now); with a catalogue, an unknown stretch id is refused with the nearest one named.
        """
        if catalog is not None and isinstance(stretch, str) and stretch not in catalog:
            raise ValueError(f"stretch: {catalog_hint(catalog, stretch)}")
        if isinstance(when, str):
            try:
                when = datetime.fromisoformat(when.strip())
            except ValueError:
                raise ValueError(
                    _("when: {when!r} is not a time like '2026-12-01 18:30'").format(when=when)
                ) from None
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not seconds > 0:
            raise ValueError(
                _("seconds: {seconds!r} is not a number of seconds held, more than 0").format(
                    seconds=seconds
                )
            )
        try:
            row = make_row(stretch, seconds, seconds, side, routine, True, when)
        except FieldError as exc:
            raise ValueError(str(exc)) from None
        assert row is not None  # seconds > 0 was checked above, so there is a row to record
        self._insert([row], timeout)
        return row[0]

    def delete(self, ids: str | Iterable[str], *, timeout: float | None = None) -> int:
        """Delete records by id (one or several, in one transaction); return how many went.

        Ids that are not in the log are passed over; the count says what was found.
        """
        ids = [ids] if isinstance(ids, str) else list(ids)
        for rid in ids:
            if not isinstance(rid, str):
                raise ValueError(
                    _("{rid!r} is not a record id; ids are the text in sessions()['id']").format(
                        rid=rid
                    )
                )
        if not ids:
            return 0
        with self._connect(write=False) as conn:
            if conn is None:
                return 0
        with self._writing(timeout) as conn:
            before = conn.total_changes
            conn.executemany("DELETE FROM records WHERE id = ?", [(rid,) for rid in ids])
            return conn.total_changes - before

    def import_csv(self, path: str | Path, *, timeout: float | None = None) -> int:
        """Add the records of a CSV file written by to_csv; return how many were new.

        Records whose id is already in the log are skipped, so importing twice adds nothing.
        A bad file raises ProgressError naming the row (the header is row 1) and the column;
        then nothing is imported.
        """
        rows = read_csv(Path(path))
        return self._insert([row for row in rows if row is not None], timeout)

    def to_csv(self, path: str | Path) -> Path:
        """Write every record to a CSV file (replaced at once, never half-written)."""
        path = Path(path)
        with self._connect(write=False) as conn:
            rows = [] if conn is None else conn.execute(_SELECT_CSV).fetchall()
        try:
            return atomic_write(path, csv_text(rows))
        except OSError as exc:  # a full disk, a folder it may not write: the log's own error
            why = _("the disk is full") if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
            raise ProgressError(
                path, _("cannot be written: {why}; nothing was written").format(why=why)
            ) from None

    # Reading ------------------------------------------------------------------------
    def sessions(self) -> pd.DataFrame:
        """Every record, oldest first; ``when`` is in local time (tz-aware).

        Columns: when, routine, stretch, side, planned_s, done_s, completed, id.
        """
        with self._connect(write=False) as conn:
            rows = [] if conn is None else conn.execute(_SELECT).fetchall()
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
        when = pd.to_datetime(frame["when"].astype(str), format="ISO8601", utc=True)
        frame["when"] = when.astype("datetime64[us, UTC]").dt.tz_convert(local_zone())
        frame = frame.sort_values("when", kind="stable", ignore_index=True)  # ties: as written
        return frame.astype(
            {
                "routine": "str",
                "stretch": "str",
                "side": "str",
                "planned_s": "float64",
                "done_s": "float64",
                "completed": "bool",
                "id": "str",
            }
        )

    def streak(self, today: date | str | None = None) -> int:
        """Consecutive days up to today (or yesterday, if not yet today) with a completed record."""
        return reports.streak(self.sessions(), today)

    def minutes_per_week(
        self, weeks: int | None = None, *, today: date | str | None = None
    ) -> pd.Series[float]:
        """Minutes done per week, indexed by the week's Monday (see reports.minutes_per_week)."""
        return reports.minutes_per_week(self.sessions(), weeks, today=today)

    def coverage(
        self, catalog: Catalog, weeks: int = 4, today: date | str | None = None
    ) -> pd.DataFrame:
        """Seconds per muscle and day over the last weeks (see reports.coverage)."""
        return reports.coverage(self.sessions(), catalog, weeks, today)

    def against(self, plan: WeekPlan, today: date | str | None = None) -> pd.DataFrame:
        """This week, day by day: holding minutes planned against done (see reports.against)."""
        return reports.against(self.sessions(), plan, today)

    # For people -----------------------------------------------------------------------
    def summary(self, today: date | str | None = None) -> str:
        """This week in a sentence: minutes, days, stretches finished, the streak."""
        return tables.week_summary(self.sessions(), today)

    def recent(self, catalog: Catalog | None = None, last: int | None = 10) -> pd.DataFrame:
        """The last records, newest first, in words (see tables.sessions_table)."""
        return tables.sessions_table(self.sessions(), catalog, last)

    def by_session(self, catalog: Catalog | None = None, last: int | None = 10) -> pd.DataFrame:
        """The last sessions, newest first: date, routine, what was held, the total, in words
        (see tables.session_table)."""
        return tables.session_table(self.sessions(), catalog, last)

    def week_against(self, plan: WeekPlan, today: date | str | None = None) -> pd.DataFrame:
        """This week's plan against what was done, day by day, in words (no NaN)."""
        return tables.against(self.sessions(), plan, today)

    # The file -----------------------------------------------------------------------
    def _insert(self, rows: list[Row], timeout: float | None = None) -> int:
        """Insert rows in one short transaction; return how many were new."""
        if not rows:
            return 0
        with self._writing(timeout) as conn:
            before = conn.total_changes
            conn.executemany(_INSERT, rows)
            return conn.total_changes - before

    @contextlib.contextmanager
    def _writing(self, timeout: float | None = None) -> Iterator[sqlite3.Connection]:
        """A connection to the log (made first if need be) in one transaction, for a write."""
        with self._connect(write=True, timeout=timeout) as conn:
            assert conn is not None  # only a read finds nothing: a write makes the file
            with _transaction(conn):
                yield conn

    @contextlib.contextmanager
    def _connect(
        self, *, write: bool, timeout: float | None = None
    ) -> Iterator[sqlite3.Connection | None]:
        """A connection to the checked, up-to-date log; None when there is nothing to read.

        A file not marked as ours in its header is first looked at read-only, so that a
        foreign one is left byte-for-byte as it was. Where the log cannot be written (a
        read-only folder) it is read read-only. Any fault becomes a ProgressError.
        """
        wait = self.timeout if timeout is None else _seconds(timeout)
        try:
            _refuse_foreign_link(self.path)
            head = _head(self.path)
            empty = not head or (
                head[68:72] != APPLICATION_ID.to_bytes(4, "big") and _peek(self.path, wait) is None
            )
            if empty and not write:
                yield None
                return
            if empty:
                _make_folder(self.path)
            if not write and not _writable(self.path):
                conn = _read_only(self.path, wait)
            else:
                conn = sqlite3.connect(self.path, timeout=wait, isolation_level=None)
            try:
                if (_version(conn, self.path) or 0) < SCHEMA_VERSION:
                    _upgrade(conn, self.path, wait)
                yield conn
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise _fault(exc, self.path, wait, write) from None
        except OSError as exc:
            raise ProgressError(
                self.path, _("cannot be used ({value})").format(value=exc.strerror or exc)
            ) from None


def _seconds(timeout: object) -> float:
    """A timeout as a float of seconds, 0 or more; ValueError otherwise."""
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not (math.isfinite(timeout) and timeout >= 0)
    ):
        raise ValueError(
            _("timeout must be a number of seconds, 0 or more, got {timeout!r}").format(
                timeout=timeout
            )
        )
    return float(timeout)


def _fault(exc: sqlite3.Error, path: Path, wait: float, write: bool) -> ProgressError:
    """The ProgressError saying what a SQLite error means for the person."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    nothing = _("nothing was recorded") if write else _("nothing was read")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc):
        return ProgressBusyError(
            path,
            _(
                "is busy: another program has held it for more than {wait:g} s; "
                "{nothing}, try again later"
            ).format(wait=wait, nothing=nothing),
        )
    if code in (
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_AUTH,
    ):
        return ProgressError(
            path,
            _(
                "cannot be {value}: it or its folder is read-only or not yours ({exc}); {nothing}"
            ).format(value="written" if write else "opened", exc=exc, nothing=nothing),
        )
    if code == sqlite3.SQLITE_FULL:
        return ProgressError(
            path, _("cannot be written: the disk is full; {nothing}").format(nothing=nothing)
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT):
        return ProgressError(
            path, _("is a damaged SQLite database ({exc})").format(exc=exc) + _(_LEFT_ALONE)
        )
    if code == sqlite3.SQLITE_IOERR:
        return ProgressError(
            path,
            _("cannot be used: the disk reported an error ({exc}); {nothing}").format(
                exc=exc, nothing=nothing
            ),
        )
    return ProgressError(
        path, _("cannot be used ({exc}); {nothing}").format(exc=exc, nothing=nothing)
    )


def _refuse_foreign_link(path: Path) -> None:
    """As root, a log (or its folder) that is a link to what another user owns is refused:
    root would read and write through it into that user's home (a link planted by them)."""
    if os.geteuid() != 0:
        return
    for link in (path, path.parent):
        if not link.is_symlink():
            continue
        target = Path(os.path.realpath(link))
        owner = os.lstat(link).st_uid
        there = target if target.exists() else target.parent
        with contextlib.suppress(OSError):
            theirs = os.stat(there).st_uid
            if theirs != owner:
                raise ProgressError(
                    path,
                    _(
                        "is a link ({link} to {target}) into what user {theirs} owns, not "
                        "the link's owner; as root the log does not follow it. Give "
                        "ProgressLog the real path, or remove the link"
                    ).format(link=link, target=target, theirs=theirs),
                )


def _in_the_way(path: Path) -> Path | None:
    """The nearest folder of path that exists as something other than a folder, if any."""
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            return None if parent.is_dir() else parent
    return None


def _make_folder(path: Path) -> None:
    """Create the log's folder, or say which file stands in its way."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ProgressError(
            path,
            _(
                "cannot be made: {value} is a file, not a folder; set HANDBOOK_HOME "
                "(or give ProgressLog a path) to a folder"
            ).format(value=_in_the_way(path) or path.parent),
        ) from None


def _writable(path: Path) -> bool:
    """True when this process may write the log and its folder (for WAL's -shm file)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _read_only(path: Path, wait: float) -> sqlite3.Connection:
    """A read-only connection to a log this process may not write (a read-only folder).

    SQLite reads a WAL file read-only only with its -shm file, which cannot be made here;
    when no -wal file holds records, the main file is the whole log and is read as is.
    """
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=wait, isolation_level=None)
    try:
        conn.execute(_MARKS).fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise ProgressError(
            path,
            _(
                "cannot be read: its folder is read-only and some records are still "
                "in its -wal file; open the log once where its folder may be written"
            ),
        )
    return sqlite3.connect(
        uri + "?mode=ro&immutable=1", uri=True, timeout=wait, isolation_level=None
    )


def _head(path: Path) -> bytes:
    """The header of the SQLite file at path, b"" if absent or empty; ProgressError if not."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return b""
    except NotADirectoryError:
        raise ProgressError(
            path,
            _(
                "cannot be made: {value} is a file, not a folder; set HANDBOOK_HOME "
                "(or give ProgressLog a path) to a folder"
            ).format(value=_in_the_way(path) or path.parent),
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise ProgressError(
            path,
            _(
                "is a folder, but the progress log is a file; give ProgressLog a "
                "file's path, or set HANDBOOK_HOME to a folder"
            ),
        )
    if not stat.S_ISREG(info.st_mode):
        raise ProgressError(
            path,
            _("is not a regular file (a device, a pipe or a socket), so it cannot hold the log")
            + _(_LEFT_ALONE),
        )
    try:
        with open(path, "rb") as file:
            head = file.read(100)
    except FileNotFoundError:
        return b""
    except PermissionError:
        raise ProgressError(
            path, _("cannot be read: permission denied; check who may read it")
        ) from None
    if head and not head.startswith(_MAGIC):
        raise ProgressError(path, _("is not a SQLite database") + _(_LEFT_ALONE))
    return head


def _peek(path: Path, wait: float) -> int | None:
    """The schema version of a SQLite file, read without writing; ProgressError if not ours."""
    conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=wait)
    try:
        return _version(conn, path)
    finally:
        conn.close()


def _version(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version of an open file, None if it is empty; ProgressError if not ours."""
    try:
        marks: tuple[int, int, int] = conn.execute(_MARKS).fetchone()
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        raise ProgressError(
            path, _("is a damaged SQLite database ({exc})").format(exc=exc) + _(_LEFT_ALONE)
        ) from None
    app, version, tables = marks
    if app == 0 and version == 0 and tables == 0:
        return None
    if app != APPLICATION_ID:
        raise ProgressError(
            path,
            _(
                "is a SQLite database of another program (application_id {app:#x}; a "
                "progress log has {application_id:#x})"
            ).format(app=app, application_id=APPLICATION_ID)
            + _(_LEFT_ALONE),
        )
    if version > SCHEMA_VERSION:
        raise ProgressError(
            path,
            _(
                "was written by a newer handbook (schema v{version}, this one knows "
                "v{schema_version}); update the handbook to read it"
            ).format(version=version, schema_version=SCHEMA_VERSION),
        )
    if version >= 1 and not conn.execute(_MARKS_TABLE).fetchone()[0]:
        raise ProgressError(
            path,
            _("is marked as a progress log but has no table of records, so it is damaged")
            + _(_LEFT_ALONE),
        )
    return version


def _wal(conn: sqlite3.Connection, wait: float) -> None:
    """Put the file in WAL mode (it stays so). SQLite's busy timeout does not cover this
    switch, so when several kernels create the log at once, retry it for as long."""
    deadline = time.monotonic() + wait
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _upgrade(conn: sqlite3.Connection, path: Path, wait: float) -> None:
    """Bring a log (or an empty file) to the latest schema, in one transaction."""
    _wal(conn, wait)
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
