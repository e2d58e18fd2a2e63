"""The progress log: where it lives, what it records, its schema, several writers, bad
files, the pandas answers, and CSV export and import."""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook import load_catalog
from handbook.errors import ProgressError
from handbook.progress.store import (
    ProgressLog,
)
from tests.helpers import READER_SETTINGS, damaged, hold_to_its_error
from tests.progress.helpers import GOOD, HEADER, at, records


def test_reading_an_absent_log_creates_nothing(tmp_path):
    log = ProgressLog(tmp_path / "new" / "progress.sqlite")
    frame = log.sessions()
    assert frame.empty
    assert list(frame.columns) == [
        "when",
        "routine",
        "stretch",
        "side",
        "planned_s",
        "done_s",
        "completed",
        "id",
    ]
    assert isinstance(frame["when"].dtype, pd.DatetimeTZDtype)
    assert log.streak() == 0 and log.minutes_per_week().empty
    assert list(log.minutes_per_week(3)) == [0, 0, 0]
    assert log.coverage(load_catalog()).shape[1] == 28
    assert log.record("neck-turn", 30, 0) is None  # nothing happened: nothing is written
    log.to_csv(tmp_path / "empty.csv")
    assert not (tmp_path / "new").exists()


@settings(max_examples=40, deadline=None)
@given(st.lists(records(), max_size=8))
def test_csv_round_trip_loses_nothing_and_imports_once(rows):
    with tempfile.TemporaryDirectory() as folder:
        source, copy = ProgressLog(Path(folder) / "a.sqlite"), ProgressLog(Path(folder) / "b")
        source.record_many(rows)
        csv = source.to_csv(Path(folder) / "log.csv")
        assert copy.import_csv(csv) == len(rows)
        assert copy.import_csv(csv) == 0 and source.import_csv(csv) == 0
        pd.testing.assert_frame_equal(copy.sessions(), source.sessions())


def test_to_csv_replaces_the_file_at_once(log, tmp_path, monkeypatch):
    log.record("a", 30, 30, routine="r, with a comma", when=at("2026-03-10"))
    target = tmp_path / "log.csv"
    target.write_text("old\n")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ProgressError, match="disk full"):  # the log's own error (issue 24)
        log.to_csv(target)
    assert target.read_text() == "old\n" and os.listdir(tmp_path).count("log.csv") == 1
    monkeypatch.undo()
    log.to_csv(target)
    assert (
        target.read_text()
        .splitlines()[1]
        .endswith(',2026-03-10T07:00:00.000000+00:00,"r, with a comma",a,,30.0,30.0,true')
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["log.csv"]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "is empty"),
        (
            ["id,when,stretch,planned_s,done_s,sdie"],
            "row 1, column 'sdie': is not a column.*did you mean 'side'",
        ),
        (["id,when,stretch,planned_s"], "row 1: the column 'done_s' is missing"),
        ([HEADER, GOOD, GOOD.replace(",30,30,", ",30,lots,")], "row 3, column 'done_s': 'lots'"),
        ([HEADER, GOOD, GOOD.replace(",30,30,", ",30,500,")], "row 3, column 'done_s': 500 s done"),
        ([HEADER, GOOD, GOOD.replace("2026-03-10T", "10/03/2026 ")], "row 3, column 'when'"),
        ([HEADER, GOOD, GOOD.replace("0123", "zz", 1)], "row 3, column 'id'"),
        ([HEADER, GOOD, GOOD.replace(",left,", ",up,")], "row 3, column 'side': 'up'"),
        ([HEADER, GOOD, GOOD.replace(",true", ",maybe")], "row 3, column 'completed'"),
        ([HEADER, GOOD, GOOD.replace(",cat-cow,", ",,")], "row 3, column 'stretch'"),
        ([HEADER, GOOD, GOOD + ",extra"], "row 3: 9 values for 8 columns"),
        ([HEADER, GOOD, GOOD.replace("cat", "c\x00t")], r"row 3, column 'stretch': 'c\\x00t"),
        ([HEADER, GOOD, GOOD.replace("cat", "c" * 200_000)], "row 3: field larger than"),
    ],
)
def test_a_bad_csv_names_the_file_row_and_column_and_imports_nothing(log, tmp_path, lines, message):
    path = tmp_path / "bad.csv"
    path.write_text("".join(line + "\n" for line in lines))
    with pytest.raises(ProgressError, match=message) as caught:
        log.import_csv(path)
    assert str(path) in str(caught.value)
    assert log.sessions().empty and not log.path.exists()


def test_a_csv_that_is_not_utf8_is_refused(log, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(
        (HEADER + "\n" + GOOD.replace("cat-cow", "étirement") + "\n").encode("latin-1")
    )
    with pytest.raises(ProgressError, match="is not UTF-8"):
        log.import_csv(path)


def test_a_hand_written_csv_may_leave_out_optional_columns(log, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "\ufeffid,when,stretch,planned_s,done_s\n"
        "0123456789ABCDEF0123456789ABCDEF,2026-03-10T08:00:00,cat-cow,30,29.6\n"
        "\n"
        "1123456789abcdef0123456789abcdef,2026-03-10T09:00:00Z,cat-cow,30,0\n"
    )
    assert log.import_csv(path) == 1  # the second row did nothing, so it is not recorded
    row = log.sessions().iloc[0]
    assert row["id"] == "0123456789abcdef0123456789abcdef"
    assert row["when"] == at("2026-03-10", 8) and row["completed"]
    assert pd.isna(row["side"]) and pd.isna(row["routine"])


# Formulas, bounds and files that fight back ------------------------------------------------
FORMULAS = [
    '=HYPERLINK("http://example.com","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "'=already quoted",
    "''+x",
    "'plain",
]


def test_text_that_would_run_as_a_formula_is_written_as_text(log, tmp_path):
    for text in FORMULAS:
        log.record(text, 30, 12.5, routine=text)
    path = log.to_csv(tmp_path / "log.csv")
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))[1:]
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert {row[3] for row in rows} == {"'" + t for t in FORMULAS if t != "'plain"} | {"'plain"}
    assert {(row[5], row[6]) for row in rows} == {("30.0", "12.5")}  # numbers stay numbers
    again = ProgressLog(tmp_path / "again.sqlite")
    assert again.import_csv(path) == len(FORMULAS)
    assert sorted(again.sessions()["stretch"]) == sorted(FORMULAS)
    assert sorted(again.sessions()["routine"]) == sorted(FORMULAS)


@pytest.mark.parametrize(
    ("seconds", "message"),
    [
        ("1e300,1e300", "column 'planned_s': 1e+300 s is more than a day"),
        ("30,inf", "column 'done_s': inf is not a number of seconds"),
        ("86401,86401", "column 'planned_s': 86401.0 s is more than a day"),
    ],
)
def test_seconds_beyond_a_day_are_refused(log, tmp_path, seconds, message):
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\n{GOOD.replace(',30,30,', f',{seconds},')}\n")
    with pytest.raises(ProgressError, match=rf"row 2, {re.escape(message)}"):
        log.import_csv(path)


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_time_beyond_the_calendar_in_utc_is_refused(log, tmp_path, when):
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\n{GOOD.replace('2026-03-10T07:00:00+00:00', when)}\n")
    with pytest.raises(
        ProgressError,
        match=rf"row 2, column 'when': {re.escape(when)} is out "
        rf"of the range of dates",
    ):
        log.import_csv(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (os.mkfifo, r"is a named pipe \(FIFO\), not a file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a file"),
        (os.mkdir, "is a folder, not a file"),
    ],
)
def test_a_csv_that_is_not_a_file_is_a_progress_error(log, tmp_path, make, message):
    path = tmp_path / "log.csv"
    make(path)
    with pytest.raises(ProgressError, match=message):
        log.import_csv(path)


VALID_CSV = "\n".join([HEADER, GOOD, GOOD.replace("0123", "4567", 1).replace("left", "")]).encode()


@READER_SETTINGS
@given(data=damaged(VALID_CSV))
def test_damaged_csv_files_import_or_get_a_progress_error(data):
    with tempfile.TemporaryDirectory() as folder:
        log = ProgressLog(Path(folder) / "progress.sqlite")
        hold_to_its_error(log.import_csv, Path(folder) / "damaged.csv", data, ProgressError)


# The last corners (issue 24) ----------------------------------------------------------------


def test_a_full_disk_on_export_is_the_logs_own_error(log, tmp_path, monkeypatch):
    import errno

    log.record("a", 30, 30, when=at("2026-03-10"))
    target = tmp_path / "log.csv"
    target.write_text("old\n")

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ProgressError, match=r"log\.csv: cannot be written: the disk is full"):
        log.to_csv(target)
    assert target.read_text() == "old\n"


def test_one_id_on_two_different_rows_is_refused_naming_both(tmp_path):
    same = GOOD.split(",")[0]
    other = GOOD.replace("cat-cow", "neck-turn")
    path = tmp_path / "log.csv"
    path.write_text("\n".join([HEADER, GOOD, other]) + "\n")
    log = ProgressLog(tmp_path / "progress.sqlite")
    with pytest.raises(ProgressError, match=f"row 3, column 'id': {same} is also the id of row 2"):
        log.import_csv(path)
    assert log.sessions().empty  # nothing half-taken
    path.write_text("\n".join([HEADER, GOOD, GOOD]) + "\n")  # the same record twice: one
    assert log.import_csv(path) == 1


@pytest.mark.parametrize(
    "text", ["a\x1b[31mb", "\u202eevil", "\u200b\u200b", "a\rb", "<img src=x onerror=alert(1)>"]
)
def test_csv_texts_keep_the_text_rule(tmp_path, text):
    path = tmp_path / "log.csv"
    row = GOOD.replace("cat-cow", '"' + text + '"')
    path.write_text(HEADER + "\n" + row + "\n", newline="")
    log = ProgressLog(tmp_path / "progress.sqlite")
    if text.startswith("<"):  # odd but plain text: kept as written (and escaped when shown)
        assert log.import_csv(path) == 1 and log.sessions()["stretch"][0] == text
    else:
        with pytest.raises(ProgressError, match="row 2, column 'stretch'"):
            log.import_csv(path)
