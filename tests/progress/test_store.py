"""The progress log: where it lives, what it records, its schema, several writers, bad
files, the pandas answers, and CSV export and import."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from handbook.errors import ProgressBusyError, ProgressError
from handbook.progress.store import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    ProgressLog,
    default_path,
)
from tests.helpers import as_nobody
from tests.progress.helpers import at, stored


# Where the log lives ---------------------------------------------------------------------
def test_handbook_home_moves_the_log(tmp_path):
    assert default_path() == tmp_path / "handbook-home" / "progress.sqlite"
    assert ProgressLog().path == tmp_path / "handbook-home" / "progress.sqlite"


def test_without_handbook_home_the_log_is_in_the_xdg_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("HANDBOOK_HOME")
    assert default_path() == tmp_path / "xdg" / "stretch-handbook" / "progress.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    expected = tmp_path / "home" / ".local" / "share" / "stretch-handbook" / "progress.sqlite"
    assert default_path() == expected
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the XDG spec ignores these
    assert default_path() == expected


def test_the_first_record_creates_the_folder(tmp_path):
    log = ProgressLog()
    assert not log.path.parent.exists()
    log.record("neck-turn", 30, 30)
    assert log.path == tmp_path / "handbook-home" / "progress.sqlite" and log.path.is_file()


# Recording -------------------------------------------------------------------------------
def test_a_record_keeps_what_it_is_given(log):
    rid = log.record(
        "cat-cow", 30, 25, side="left", routine="morning", when=at("2026-03-10", 7, 30)
    )
    row = log.sessions().iloc[0]
    assert row["id"] == rid and len(rid) == 32
    assert row["when"] == at("2026-03-10", 7, 30) and str(row["when"].tz) == "Europe/Berlin"
    assert (row["routine"], row["stretch"], row["side"]) == ("morning", "cat-cow", "left")
    assert (row["planned_s"], row["done_s"], row["completed"]) == (30.0, 25.0, False)
    assert stored(log.path, "SELECT at FROM records") == [("2026-03-10T06:30:00.000000+00:00",)]


@pytest.mark.parametrize(
    ("planned", "done", "given", "completed"),
    [
        (30, 29.5, None, True),
        (30, 29.4, None, False),
        (30, 10, True, True),
        (30, 30, False, False),
        (0, 12, None, True),
    ],
)
def test_completed_is_done_within_half_a_second_unless_given(log, planned, done, given, completed):
    log.record("cat-cow", planned, done, completed=given)
    assert log.sessions()["completed"].tolist() == [completed]


def test_naive_times_are_local_and_aware_times_are_converted(log):
    log.record("a", 30, 30, when=datetime(2026, 1, 15, 8, 0))  # Berlin winter: UTC+1
    log.record("b", 30, 30, when=datetime(2026, 7, 1, 8, 0))  # Berlin summer: UTC+2
    log.record("c", 30, 30, when=datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    assert stored(log.path, "SELECT stretch, at FROM records ORDER BY stretch") == [
        ("a", "2026-01-15T07:00:00.000000+00:00"),
        ("b", "2026-07-01T06:00:00.000000+00:00"),
        ("c", "2026-07-01T00:00:00.000000+00:00"),
    ]
    assert log.sessions()["when"].dt.hour.tolist() == [8, 2, 8]


def test_sessions_are_sorted_by_time_then_as_written(log):
    for day in ("2026-03-12", "2026-03-10", "2026-03-11", "2026-03-10"):
        log.record(day, 30, 30, side="left" if len(log.sessions()) < 2 else "right", when=at(day))
    frame = log.sessions()
    assert frame["stretch"].tolist() == ["2026-03-10", "2026-03-10", "2026-03-11", "2026-03-12"]
    assert frame["side"].tolist()[:2] == ["left", "right"]
    assert frame.index.tolist() == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("", 30, 30), {}, "'' is not a stretch id"),
        (("  ", 30, 30), {}, "is not a stretch id"),
        ((None, 30, 30), {}, "None is not a stretch id"),
        (("a", -1, 30), {}, "planned_s: -1.0 is not a number of seconds"),
        (("a", 30, -5), {}, "done_s: -5.0 is not a number of seconds"),
        (("a", 30, float("nan")), {}, "done_s: nan is not a number"),
        (("a", 30, True), {}, "done_s: True is not a number"),
        (("a", 30, "30"), {}, "done_s: '30' is not a number"),
        (("a", 30, 120.5), {}, "120.5 s done is more than twice the 30 s planned plus a minute"),
        (("a", 30, 30), {"side": "up"}, "'up' is not a side"),
        (("a", 30, 30), {"side": "Left"}, "did you mean 'left'"),
        (("a", 30, 30), {"routine": ""}, "routine: '' is not a routine"),
        (("a", 30, 30), {"completed": "yes"}, "'yes' is not True, False or None"),
        (("a", 30, 30), {"when": "2026-03-10"}, "'2026-03-10' is not a datetime"),
    ],
)
def test_bad_records_are_refused_clearly(log, args, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        log.record(*args, **kwargs)
    assert not log.path.exists()


def test_twice_the_plan_plus_a_minute_is_still_fine(log):
    assert log.record("a", 30, 120) is not None


def test_record_many_is_one_transaction(log):
    ids = log.record_many(
        [
            {"stretch": "a", "planned_s": 30, "done_s": 30, "side": "left", "routine": "r"},
            {"stretch": "a", "planned_s": 30, "done_s": 0, "side": "right", "routine": "r"},
            {"stretch": "b", "planned_s": 20, "done_s": 20, "routine": "r"},
        ]
    )
    assert ids[1] is None and ids[0] is not None and ids[2] is not None
    assert log.sessions()["id"].tolist() == [ids[0], ids[2]]
    rows = [
        {"stretch": "c", "planned_s": 30, "done_s": 30},
        {"stretch": "c", "planned_s": 30, "done_s": -1},
    ]
    with pytest.raises(ValueError, match="row 2: done_s"):
        log.record_many(rows)
    with pytest.raises(ValueError, match="row 1: 'sid' is unknown"):
        log.record_many([{"stretch": "c", "planned_s": 30, "done_s": 3, "sid": "x"}])
    with pytest.raises(ValueError, match="row 1: 'done_s' is missing"):
        log.record_many([{"stretch": "c", "planned_s": 30}])
    with pytest.raises(ValueError, match="row 1: 'stretch' is not a mapping"):
        log.record_many(["stretch"])
    assert len(log.sessions()) == 2


# Schema ---------------------------------------------------------------------------------
def test_a_new_file_is_marked_as_ours_and_in_wal_mode(log):
    log.record("a", 30, 30)
    assert stored(log.path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert stored(log.path, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(2,)]
    assert stored(log.path, "PRAGMA journal_mode") == [("wal",)]


def test_a_version_1_file_is_upgraded_keeping_every_row(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    old = [
        (
            f"{n:032x}",
            f"2025-01-{n % 28 + 1:02d}T10:00:00.000000+00:00",
            f"s{n}",
            (None, "left", "right")[n % 3],
            30.0,
            20.0 + n % 11,
            int(n % 2),
        )
        for n in range(50)
    ]
    conn.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)", old)
    conn.close()

    log = ProgressLog(path)
    assert stored(path, "PRAGMA user_version") == [(2,)]
    assert ("records_at",) in stored(path, "SELECT name FROM sqlite_master WHERE type='index'")
    frame = log.sessions().set_index("id")
    assert len(frame) == 50 and frame["routine"].isna().all()
    for rid, when, stretch, side, planned, done, completed in old:
        row = frame.loc[rid]
        assert row["when"] == pd.Timestamp(when)
        assert (row["stretch"], row["planned_s"], row["done_s"], row["completed"]) == (
            stretch,
            planned,
            done,
            bool(completed),
        )
        assert row["side"] == side if side else pd.isna(row["side"])
    log.record("new", 30, 30, routine="evening")
    assert log.sessions()["routine"].dropna().tolist() == ["evening"]


# Several writers ------------------------------------------------------------------------
def _write_many(path: str, barrier, worker: int, count: int) -> None:
    """A process that records count stretches as fast as it can."""
    log = ProgressLog(path)
    barrier.wait()
    for n in range(count):
        log.record(f"w{worker}-{n}", 30, 30, side="left")


@pytest.mark.slow
def test_several_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared" / "progress.sqlite"  # absent: they also race to create it
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4)
    workers = [
        context.Process(target=_write_many, args=(str(path), barrier, w, 200)) for w in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    frame = ProgressLog(path).sessions()
    assert len(frame) == 800 and frame["id"].is_unique
    assert set(frame["stretch"]) == {f"w{w}-{n}" for w in range(4) for n in range(200)}


# Files that are not a log of ours -------------------------------------------------------
def _text(path: Path) -> None:
    path.write_text("my stretching notes\n" * 20)


def _sqlite(path: Path, app: int, version: int, table: bool = True) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {app}")
    conn.execute(f"PRAGMA user_version = {version}")
    if table:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.close()


def _damaged(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)


def _foreign_with_pending_wal(path: Path) -> None:
    """A foreign WAL-mode file whose program stopped before writing its WAL back."""
    live = path.with_name("live.sqlite")
    conn = sqlite3.connect(live, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('not yet in the main file')")
    path.write_bytes(live.read_bytes())
    path.with_name(path.name + "-wal").write_bytes(live.with_name("live.sqlite-wal").read_bytes())
    conn.close()
    live.unlink()


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """What each regular file of a folder holds (a FIFO is not opened: it would block)."""
    return {
        p.name: (p.read_bytes() if p.is_file() else b"", p.lstat().st_mtime_ns)
        for p in folder.iterdir()
    }


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_text, "is not a SQLite database"),
        (
            lambda p: _sqlite(p, 0x1234ABCD, 3),
            "is a SQLite database of another program "
            r"\(application_id 0x1234abcd",
        ),
        (lambda p: _sqlite(p, 0, 0), r"another program \(application_id 0x0;"),
        (
            lambda p: _sqlite(p, APPLICATION_ID, 9),
            r"written by a newer handbook \(schema v9, "
            r"this one knows v2\)",
        ),
        (_damaged, "is a damaged SQLite database"),
        (_foreign_with_pending_wal, r"another program \(application_id 0x0;"),
    ],
)
def test_a_file_that_is_not_our_log_is_refused_and_left_untouched(
    tmp_path, monkeypatch, make, message
):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "progress.sqlite"
    make(path)
    before = _files(folder)
    monkeypatch.setenv("HANDBOOK_HOME", str(folder))
    for attempt in (lambda: ProgressLog(path), lambda: ProgressLog().record("a", 1, 1)):
        with pytest.raises(ProgressError, match=message) as caught:
            attempt()
        assert str(path) in str(caught.value) and caught.value.path == path
    after = _files(folder)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) <= {"progress.sqlite-shm"}  # SQLite's read-only index


def test_a_log_still_partly_in_its_wal_is_read_as_ours(tmp_path):
    path = tmp_path / "progress.sqlite"
    reader = sqlite3.connect(path, isolation_level=None)  # an empty WAL-mode file, and a
    reader.execute("PRAGMA journal_mode = WAL")  # reader that keeps what is written
    reader.execute("BEGIN")  # next in the WAL
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    ProgressLog(path).record("a", 30, 30)
    assert path.read_bytes()[68:72] == bytes(4)  # the file's own header does not say "ours" yet
    assert ProgressLog(path).sessions()["stretch"].tolist() == ["a"]
    reader.execute("COMMIT")
    reader.close()


def test_a_log_replaced_by_a_foreign_file_refuses_to_write(tmp_path):
    path = tmp_path / "progress.sqlite"
    log = ProgressLog(path)
    log.record("a", 30, 30)
    path.unlink()
    _sqlite(path, 0x1234ABCD, 0)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for attempt in (
        lambda: log.record("a", 30, 30),
        log.sessions,
        lambda: log.record_many([{"stretch": "a", "planned_s": 1, "done_s": 1}]),
    ):
        with pytest.raises(ProgressError, match="another program"):
            attempt()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_folder_where_the_log_should_be_is_refused(tmp_path):
    (tmp_path / "progress.sqlite").mkdir()
    with pytest.raises(ProgressError, match="is a folder"):
        ProgressLog(tmp_path / "progress.sqlite")


# Answers -------------------------------------------------------------------------------


# CSV ------------------------------------------------------------------------------------


def test_add_a_stretch_done_without_a_timer(log, catalog):
    rid = log.add("neck-turn", 45, when="2026-03-10 07:30", catalog=catalog)
    row = log.sessions().set_index("id").loc[rid]
    assert row["when"] == pd.Timestamp("2026-03-10 07:30", tz="Europe/Berlin")
    assert row["planned_s"] == row["done_s"] == 45 and row["completed"]
    side = log.add("standing-quad", 30, side="left", when=datetime(2026, 3, 10, 8, 0))
    assert log.sessions().set_index("id").loc[side, "side"] == "left"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("neck-trun", 30), {}, "'neck-trun' is not in the catalogue; did you mean 'neck-turn'"),
        (("neck-turn", 0), {}, "seconds: 0 is not a number of seconds held"),
        (("neck-turn", 30), {"when": "yesterday"}, "when: 'yesterday' is not a time like"),
        (("neck-turn", 30), {"side": "middle"}, "side: 'middle' is not a side"),
    ],
)
def test_adding_checks_what_it_is_given(log, catalog, args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        log.add(*args, catalog=catalog, **kwargs)
    assert log.sessions().empty


def test_delete_records_by_id(log):
    ids = [log.record("a", 30, 30, when=at("2026-03-0" + str(d))) for d in (1, 2, 3)]
    assert log.delete(ids[1]) == 1
    assert log.sessions()["id"].tolist() == [ids[0], ids[2]]
    assert log.delete([ids[0], "not-there"]) == 1
    assert log.delete(ids[0]) == 0  # already gone
    assert log.sessions()["id"].tolist() == [ids[2]]
    with pytest.raises(ValueError, match="is not a record id"):
        log.delete([3])


def test_deleting_from_a_log_not_yet_written_creates_nothing(tmp_path):
    log = ProgressLog(tmp_path / "none" / "progress.sqlite")
    assert log.delete("abc") == 0 and not (tmp_path / "none").exists()


# A busy log: a short wait, ProgressBusyError, and nothing lost ----------------------------
@pytest.fixture
def held(log):
    """Another connection holding the log's write lock, as a second program would."""
    log.record("before", 30, 30)
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_a_busy_log_raises_progress_busy_error_after_the_wait_given(log, held):
    row = {"stretch": "a", "planned_s": 30, "done_s": 30}
    for attempt in (
        lambda: log.record("a", 30, 30, timeout=0),
        lambda: log.record_many([row], timeout=0.01),
        lambda: ProgressLog(log.path, timeout=0).record("a", 30, 30),
    ):
        with pytest.raises(ProgressBusyError) as caught:
            attempt()
        assert isinstance(caught.value, ProgressError) and caught.value.path == log.path
        assert "is busy: another program has held it for more than" in str(caught.value)
        assert "nothing was recorded, try again later" in str(caught.value)
    assert log.sessions()["stretch"].tolist() == ["before"]  # reading is not held up


def test_rows_kept_through_a_busy_log_go_in_once_when_it_is_free(log, held):
    rows = [
        {"stretch": f"s{n}", "planned_s": 30, "done_s": 30, "id": f"{n:032x}"} for n in range(3)
    ]
    with pytest.raises(ProgressBusyError):
        log.record_many(rows, timeout=0)
    held.execute("ROLLBACK")
    held.execute("BEGIN IMMEDIATE")
    held.execute("ROLLBACK")
    held.execute("BEGIN")  # the fixture's ROLLBACK ends this one
    assert log.record_many(rows) == [f"{n:032x}" for n in range(3)]
    log.record_many(rows)  # a second retry adds nothing
    assert log.record("s0", 30, 30, id=f"{0:032x}") == f"{0:032x}"
    assert log.sessions()["stretch"].tolist() == ["before", "s0", "s1", "s2"]


@pytest.mark.parametrize("timeout", [-1, float("nan"), "1", True])
def test_a_timeout_is_seconds(log, timeout):
    with pytest.raises(ValueError, match="timeout must be a number of seconds"):
        log.record("a", 30, 30, timeout=timeout)
    with pytest.raises(ValueError, match="timeout must be a number of seconds"):
        ProgressLog(log.path, timeout=timeout)


def test_a_record_id_is_checked(log):
    with pytest.raises(ValueError, match="'x' is not a record id"):
        log.record("a", 30, 30, id="x")
    with pytest.raises(ValueError, match="row 1: id: 'x' is not a record id"):
        log.record_many([{"stretch": "a", "planned_s": 30, "done_s": 30, "id": "x"}])


# Every fault of the file: a ProgressError, the file untouched -------------------------------
def _records(path: Path, n: int = 300) -> None:
    ProgressLog(path).record_many(
        [{"stretch": f"s{i}", "planned_s": 30, "done_s": 30} for i in range(n)]
    )


def _damaged_pages(path: Path) -> None:
    _records(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(path.read_bytes())
    for page in range(4096, len(raw), 4096):  # scribble over the head of every page but the first
        raw[page : page + 12] = b"\xff" * 12
    path.write_bytes(bytes(raw))


def _ours_without_a_table(path: Path) -> None:
    _sqlite(path, APPLICATION_ID, SCHEMA_VERSION)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_damaged_pages, r"is a damaged SQLite database \(database disk image is malformed\)"),
        (_ours_without_a_table, "is marked as a progress log but has no table of records"),
        (lambda p: p.symlink_to("/dev/null"), r"is not a regular file \(a device"),
        (os.mkfifo, r"is not a regular file \(a device, a pipe or a socket\)"),
    ],
)
def test_a_log_that_cannot_be_used_is_a_progress_error_and_left_alone(tmp_path, make, message):
    path = tmp_path / "progress.sqlite"
    make(path)
    before = _files(tmp_path)
    for attempt in (
        lambda: ProgressLog(path).sessions(),
        lambda: ProgressLog(path).record("a", 30, 30),
        lambda: ProgressLog(path).to_csv(tmp_path / "out.csv"),
    ):
        with pytest.raises(ProgressError, match=message):
            attempt()
    after = _files(tmp_path)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) <= {"progress.sqlite-shm", "progress.sqlite-wal"}


def test_handbook_home_pointing_at_a_file_is_a_progress_error(tmp_path, monkeypatch):
    home = tmp_path / "not-a-folder"
    home.write_text("notes")
    monkeypatch.setenv("HANDBOOK_HOME", str(home))
    for attempt in (lambda: ProgressLog().sessions(), lambda: ProgressLog().record("a", 1, 1)):
        with pytest.raises(
            ProgressError, match=f"{home} is a file, not a folder; set HANDBOOK_HOME"
        ):
            attempt()
    assert home.read_text() == "notes"


def test_a_log_in_a_read_only_folder_is_read_and_refuses_writes_clearly(open_tmp):
    folder = open_tmp
    path = folder / "progress.sqlite"
    ProgressLog(path).record("kept", 30, 30)
    for p in folder.iterdir():
        p.chmod(0o644)
    folder.chmod(0o555)
    assert as_nobody(lambda: ProgressLog(path).sessions()["stretch"].tolist()) == ("ok", "['kept']")
    kind, message = as_nobody(lambda: ProgressLog(path).record("more", 30, 30))
    assert kind == "ProgressError" and message.startswith(f"{path}: cannot be written")
    assert "nothing was recorded" in message


def test_a_full_disk_is_a_progress_error_and_keeps_what_was_written(log, monkeypatch):
    _records(log.path, 5)
    connect = sqlite3.connect

    def small_disk(*args, **kwargs):  # SQLite's own "disk full", as a full disk gives it
        conn = connect(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 8")
        return conn

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    with pytest.raises(
        ProgressError, match="cannot be written: the disk is full; nothing was recorded"
    ):
        log.record_many([{"stretch": "x" * 1000, "planned_s": 30, "done_s": 30}] * 50)
    monkeypatch.undo()
    assert len(log.sessions()) == 5


@pytest.mark.skipif(os.geteuid() != 0, reason="root follows links into homes; others cannot")
def test_as_root_the_log_never_follows_a_link_into_another_users_home(tmp_path):
    theirs = tmp_path / "home" / "alice"
    theirs.mkdir(parents=True)
    target = theirs / "notes.sqlite"
    target.write_bytes(b"")
    os.chown(theirs, 65534, 65534)
    os.chown(target, 65534, 65534)
    mine = tmp_path / "root-home"
    mine.mkdir()
    (mine / "progress.sqlite").symlink_to(target)
    path = mine / "progress.sqlite"
    for call in (
        lambda: ProgressLog(path).record("a", 30, 30),
        lambda: ProgressLog(path).sessions(),
    ):
        with pytest.raises(ProgressError, match="as root the log does not follow it"):
            call()
    assert target.read_bytes() == b""
    folder_link = tmp_path / "linked"
    folder_link.symlink_to(theirs)
    with pytest.raises(ProgressError, match="does not follow"):
        ProgressLog(folder_link / "progress.sqlite").record("a", 30, 30)
    assert sorted(p.name for p in theirs.iterdir()) == ["notes.sqlite"]
