"""Figures of the progress log: recording one stretch, and loading ten years of records."""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from handbook import ProgressBusyError, load_catalog
from handbook.progress.store import ProgressLog

from .common import Figure, median_time

RECORDS = 200  # single record calls timed
HISTORY = 40_000  # ten years of daily practice, about eleven holds a day


def _median_each(fn: Callable[[int], object], count: int) -> float:
    """Median seconds of count calls of fn(n)."""
    times = []
    for n in range(count):
        start = time.perf_counter()
        fn(n)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _history(ids: list[str]) -> list[dict[str, object]]:
    """HISTORY records spread over ten years, with sides, routines and early stops."""
    rng = random.Random(7)
    start = datetime(2016, 1, 1, tzinfo=UTC)
    span = timedelta(days=3650).total_seconds()
    return [
        {
            "stretch": rng.choice(ids),
            "planned_s": 30,
            "done_s": rng.choice([30, 30, 30, 12]),
            "side": rng.choice([None, "left", "right"]),
            "routine": rng.choice([None, "morning", "desk-break"]),
            "when": start + timedelta(seconds=rng.uniform(0, span)),
        }
        for _ in range(HISTORY)
    ]


def _refused(log: ProgressLog) -> None:
    """One record on a busy log: ProgressBusyError after the short wait given."""
    try:
        log.record("cat-cow", 30, 30, timeout=0.05)
    except ProgressBusyError:
        return
    raise AssertionError("the log was not busy")


def figures() -> list[Figure]:
    """Measure this issue's figures (a few seconds) in a temporary folder."""
    found = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        log = ProgressLog(folder / "progress.sqlite")
        record = _median_each(
            lambda n: log.record("cat-cow", 30, 30, side="left", routine="morning"), RECORDS
        )
        bare = sqlite3.connect(folder / "bare.sqlite")
        bare.execute(
            "CREATE TABLE records (id TEXT PRIMARY KEY, at TEXT, stretch TEXT, "
            "side TEXT, planned_s REAL, done_s REAL, completed INTEGER, routine TEXT)"
        )

        def insert(n: int) -> None:
            bare.execute(
                "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f"{n:032x}",
                    datetime.now(UTC).isoformat(),
                    "cat-cow",
                    "left",
                    30.0,
                    30.0,
                    1,
                    "morning",
                ),
            )
            bare.commit()

        baseline = _median_each(insert, RECORDS)
        bare.close()
        found.append(
            Figure(
                "record one stretch (median of 200)",
                record * 1000,
                "ms",
                "< 5 ms",
                record < 0.005,
                baseline * 1000,
                "bare sqlite3 insert+commit",
            )
        )

        held = sqlite3.connect(log.path, isolation_level=None)  # another program's lock
        held.execute("BEGIN IMMEDIATE")
        busy = _median_each(lambda n: _refused(log), 21)
        held.execute("ROLLBACK")
        held.close()
        found.append(
            Figure(
                "record on a log another program holds (timeout=0.05)",
                busy * 1000,
                "ms",
                "< 100 ms",
                busy < 0.1,
                record * 1000,
                "record on a free log",
            )
        )

        big = ProgressLog(folder / "big.sqlite")
        big.record_many(_history(list(load_catalog().ids)))
        load = median_time(big.sessions, repeat=7)
        conn = sqlite3.connect(big.path)
        plain = median_time(lambda: pd.read_sql("SELECT * FROM records", conn), repeat=7)
        conn.close()
        found.append(
            Figure(
                f"load {HISTORY:,} records into pandas (sessions)",
                load * 1000,
                "ms",
                "< 200 ms",
                load < 0.2,
                plain * 1000,
                "pd.read_sql SELECT *",
            )
        )
    return found
