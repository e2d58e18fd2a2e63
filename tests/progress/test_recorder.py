"""Recording a guided run without a browser: events in, each hold written at once, failures kept."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time

import pandas as pd
import pytest

from handbook.progress.recorder import MIN_HELD_S, RETRY_S, WRITE_TIMEOUT_S, Recorder
from handbook.progress.store import ProgressLog
from handbook.timing.payload import player_timeline
from handbook.timing.timeline import TimedItem, build_phases
from tests.helpers import run_in_fresh_loop
from tests.timing.oracle import Walk

# ready 0-5, left 5-35, switch 35-40, right 40-70, rest 70-80, neck 80-100
PHASES = build_phases(
    [TimedItem("quad", "Standing quad", 30, "each"), TimedItem("neck", "Neck turn", 20, "both")]
)
TIMELINE = player_timeline(PHASES, breaths_per_minute=6)


@pytest.fixture
def event():
    """The events a page playing PHASES sends (guide.js, as the tests' oracle walks it)."""
    pages: dict[str, Walk] = {}

    def send(kind: str, t: float, session: str = "page") -> dict:
        walk = pages.setdefault(session, Walk(TIMELINE, session=session))
        return walk.event(kind, t)

    return send


def rows(log: ProgressLog) -> list[tuple]:
    found = log.sessions()
    return [
        (
            r.stretch,
            None if pd.isna(r.side) else r.side,
            r.planned_s,
            round(r.done_s, 6),
            bool(r.completed),
            None if pd.isna(r.routine) else r.routine,
        )
        for r in found.itertuples()
    ]


class Later:
    """A scheduler that runs what it is given only when told to."""

    def __init__(self):
        self.waiting: list[tuple[float, object]] = []

    def __call__(self, delay, callback):
        handle = Handle(self, callback)
        self.waiting.append((delay, handle))
        return handle

    def run(self) -> None:
        waiting, self.waiting = self.waiting, []
        for _, handle in waiting:
            if not handle.cancelled:
                handle.callback()


class Handle:
    def __init__(self, later, callback):
        self.later, self.callback, self.cancelled = later, callback, False

    def cancel(self) -> None:
        self.cancelled = True


class Flaky:
    """A log that says "database is locked" for its first `failures` writes."""

    def __init__(self, log: ProgressLog, failures: int):
        self.log, self.failures, self.timeouts = log, failures, []

    def record_many(self, rows, *, timeout=None):
        self.timeouts.append(timeout)
        if self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError("database is locked")
        return self.log.record_many(rows, timeout=timeout)


def test_each_hold_is_written_as_it_ends(log, event):
    recorder = Recorder(PHASES, log=log, routine="basics")
    recorder.hear(event("start", 10))
    recorder.hear(event("hold", 45.02))
    assert rows(log) == [("quad", "left", 30.0, 30.0, True, "basics")]
    recorder.hear(event("skip", 60))  # 10 s into the right side
    assert rows(log)[1:] == [("quad", "right", 30.0, 10.0, False, "basics")]
    recorder.hear(event("done", 200))
    assert [r[0] for r in rows(log)] == ["quad", "quad", "neck"] and recorder.written == 3
    assert recorder.status == "" and recorder.pending == []


def test_nothing_is_written_when_nothing_was_held(log, event):
    recorder = Recorder(PHASES, log=log)
    recorder.hear(event("start", 1))
    for _ in range(6):
        recorder.hear(event("skip", 2))
    recorder.close()
    assert rows(log) == [] and not log.path.exists()


def test_close_records_a_paused_hold(log, event):
    recorder = Recorder(PHASES, log=log)
    recorder.hear(event("start", 0))
    recorder.hear(event("pause", 17))
    recorder.close()
    assert rows(log) == [("quad", "left", 30.0, 12.0, False, None)]


def test_a_new_timeline_records_the_hold_left_on_the_old_one(log, event):
    recorder = Recorder(PHASES, log=log, timeline=1)
    recorder.hear({**event("start", 0), "timeline": 1})
    recorder.hear({**event("pause", 15), "timeline": 1})
    recorder.follow(PHASES, timeline=2)
    assert rows(log) == [("quad", "left", 30.0, 10.0, False, None)]
    assert recorder.timeline == 2 and recorder.player.status == "idle"


def test_recording_can_be_turned_off(tmp_path, monkeypatch, event):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    recorder = Recorder(PHASES, log=False)
    recorder.hear(event("start", 0))
    recorder.hear(event("done", 500))
    assert list(tmp_path.iterdir()) == [] and recorder.pending == []


def test_the_default_log_is_opened_on_the_first_write(tmp_path, monkeypatch, event):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    recorder = Recorder(PHASES)
    recorder.hear(event("start", 0))
    assert list(tmp_path.iterdir()) == []  # nothing held yet: nothing touched
    recorder.hear(event("hold", 36))
    assert [r[:2] for r in rows(ProgressLog())] == [("quad", "left")]
    assert recorder.log.timeout == WRITE_TIMEOUT_S


def test_a_locked_log_keeps_the_holds_and_tries_again(log, event):
    later = Later()
    flaky = Flaky(log, failures=3)
    said = []
    recorder = Recorder(PHASES, log=flaky, later=later, on_status=said.append)
    recorder.hear(event("start", 0))
    recorder.hear(event("hold", 35.5))
    assert recorder.pending and "database is locked" in recorder.status
    assert "1 hold kept, trying again in 0.5 s" in recorder.status
    recorder.hear(event("hold", 70.5))  # a later hold queues behind; one try again at a time
    assert len(recorder.pending) == 2 and len(later.waiting) == 1
    assert "2 holds kept" in recorder.status
    later.run()  # the third failure: wait longer
    assert later.waiting[0][0] == RETRY_S[1] and rows(log) == []
    later.run()
    assert [r[1] for r in rows(log)] == ["left", "right"]  # in order, nothing lost
    assert recorder.pending == [] and recorder.status == "" and said[-1] == ""
    assert set(flaky.timeouts) == {WRITE_TIMEOUT_S}  # every try waits only a moment


def test_without_a_loop_the_next_hold_tries_again(log, event):
    recorder = Recorder(PHASES, log=Flaky(log, failures=1), later=lambda *_: None)
    recorder.hear(event("start", 0))
    recorder.hear(event("hold", 36))
    assert "trying again with the next hold" in recorder.status
    recorder.hear(event("hold", 71))
    assert len(rows(log)) == 2 and recorder.status == ""


def test_a_broken_log_is_reported_and_left_untouched(tmp_path, monkeypatch, event):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    broken = tmp_path / "progress.sqlite"
    broken.write_text("not a database")
    recorder = Recorder(PHASES, later=Later())
    recorder.hear(event("start", 0))
    recorder.hear(event("done", 500))
    assert "not a SQLite database" in recorder.status and len(recorder.pending) == 3
    assert broken.read_text() == "not a database"
    broken.unlink()  # put right: the next try writes everything
    assert recorder.flush() and len(rows(ProgressLog())) == 3


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def test_a_log_locked_for_12_s_by_another_process_loses_nothing(log, event):
    log.record("neck", 10, 10)  # the file exists, in WAL mode, as any used log
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(log.path), "12"], stdout=subprocess.PIPE, text=True
    )
    assert locker.stdout.readline() == "locked\n"
    stalls = []

    async def scenario():
        recorder = Recorder(PHASES, log=ProgressLog(log.path))
        start = time.monotonic()
        for kind, t in (("start", 0), ("hold", 35.1), ("hold", 70.1), ("done", 100)):
            before = time.monotonic()
            recorder.hear(event(kind, t))
            stalls.append(time.monotonic() - before)
            await asyncio.sleep(1)
        assert "is busy: another program has held it" in recorder.status  # a ProgressBusyError
        assert len(recorder.pending) == 3
        while recorder.pending and time.monotonic() - start < 40:
            await asyncio.sleep(0.1)  # the loop stays free: retries are its own callbacks
        return recorder

    try:
        recorder = run_in_fresh_loop(scenario)
    finally:
        locker.wait(timeout=30)
    assert recorder.status == "" and [r[1] for r in rows(log)[1:]] == ["left", "right", None]
    assert max(stalls) < 1.0, stalls  # each try gave up within its short wait, not after 12 s


def test_a_few_seconds_tried_are_not_recorded(log, event):
    recorder = Recorder(PHASES, log=log)
    recorder.hear(event("start", 0))
    recorder.hear(event("skip", 1))  # get ready skipped
    assert recorder.hear(event("skip", 1 + MIN_HELD_S - 0.5)) == []  # a key tried
    assert recorder.player.status == "running"
    recorder.hear(event("skip", 6))  # through the switch
    recorder.hear(event("pause", 6 + MIN_HELD_S))  # held long enough to count
    recorder.close()
    assert rows(log) == [("quad", "right", 30.0, MIN_HELD_S, False, None)]


def test_a_short_hold_held_in_full_is_recorded(log):
    short = build_phases([TimedItem("neck", "Neck turn", 3, "both")])
    walk = Walk(player_timeline(short, breaths_per_minute=6))
    recorder = Recorder(short, log=log)
    recorder.hear(walk.event("start", 0))
    recorder.hear(walk.event("done", 9))
    assert rows(log) == [("neck", None, 3.0, 3.0, True, None)]


def test_a_new_page_starts_afresh(log, event):
    recorder = Recorder(PHASES, log=log)
    recorder.hear(event("start", 0))
    recorder.hear(event("hold", 20))
    recorder.hear(event("open", 0, session="page-2"))  # reloaded: the old page's hold is lost
    assert recorder.player.status == "idle" and recorder.session == "page-2"
    recorder.hear(event("start", 1, session="page-2"))
    recorder.hear(event("hold", 40, session="page-2"))
    recorder.close()
    assert rows(log) == [("quad", "left", 30.0, 30.0, True, None)]


def test_events_about_another_timeline_are_ignored(log, event):
    recorder = Recorder(PHASES, log=log, timeline=7)
    recorder.hear({**event("start", 0), "timeline": 7})
    assert recorder.hear({**event("done", 500), "timeline": 6}) == []
    assert recorder.player.status == "running" and rows(log) == []


def test_each_span_is_recorded_once_a_run_whatever_the_browser_repeats(log, event):
    recorder = Recorder(PHASES, log=log)
    recorder.hear(event("start", 0))
    said = event("hold", 36)
    recorder.hear(said)
    recorder.hear(said)  # the same message twice
    assert len(rows(log)) == 1
    recorder.hear(event("reset", 37))  # a new run: the same hold counts again
    recorder.hear(event("start", 38))
    recorder.hear(event("hold", 74))
    assert len(rows(log)) == 2


@pytest.mark.parametrize(
    "module", ["handbook.progress.recorder", "handbook.timing.events", "handbook.timing.payload"]
)
def test_recording_needs_no_widgets(module):
    code = (
        f"import sys, {module}; print([m for m in ('ipywidgets', 'anywidget', 'traitlets') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_hold_left_by_reset_and_held_again_is_two_records(log, event):
    recorder = Recorder(PHASES, log=log)
    recorder.hear(event("start", 0))
    recorder.hear(event("reset", 20))  # 15 s of the left side, then Reset: the old run's hold
    recorder.hear(event("start", 21))
    recorder.hear(event("hold", 21 + 35.5))  # the same side, whole, in the new run
    assert [(r[1], r[3]) for r in rows(log)] == [("left", 15.0), ("left", 30.0)]
