"""Timers and players write what was done to the progress log by themselves."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from handbook import ProgressLog
from handbook.timing.routinefile import routines
from handbook.widgets import ClassMode, RoutinePlayer, StretchTimer
from tests.helpers import FakeClock


@pytest.fixture
def log(tmp_path):
    return ProgressLog(tmp_path / "progress.sqlite")


def rows(log):
    return log.sessions()[["stretch", "routine", "planned_s", "done_s", "completed"]]


def test_a_finished_stretch_is_recorded_once(catalog, log):
    clock = FakeClock()
    timer = StretchTimer(catalog["standing-quad"], clock=clock, log=log)
    timer.start_button.click()
    clock.advance(200)
    timer.refresh()
    timer.refresh()
    timer.close()
    found = rows(log)
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["stretch"], row["planned_s"], row["done_s"]) == ("standing-quad", 100, 100)
    assert row["completed"] and pd.isna(row["routine"])


def test_stopped_early_is_recorded_as_not_completed(catalog, log):
    clock = FakeClock()
    timer = StretchTimer(catalog["standing-quad"], clock=clock, log=log)
    timer.start_button.click()
    clock.advance(5 + 20)  # get ready, then 20 s of the left hold
    timer.refresh()
    timer.reset_button.click()
    found = rows(log)
    assert len(found) == 1 and found.iloc[0]["done_s"] == pytest.approx(20)
    assert not found.iloc[0]["completed"]
    timer.close()
    assert len(rows(log)) == 1  # closing after a reset adds nothing


def test_nothing_is_recorded_when_nothing_happened(catalog, log, tmp_path):
    clock = FakeClock()
    timer = StretchTimer(catalog["standing-quad"], clock=clock, log=log)
    timer.start_button.click()
    clock.advance(3)  # still getting ready
    timer.reset_button.click()
    for _ in range(4):
        timer.skip_button.click()  # skipped through: no hold was lived
    timer.close()
    assert rows(log).empty and not (tmp_path / "progress.sqlite").exists()


def test_a_routine_records_each_stretch_with_its_name(catalog, log):
    clock = FakeClock()
    routine = routines(catalog)["back-pain-basics"]
    player = RoutinePlayer(routine, clock=clock, log=log)
    player.timer.start_button.click()
    clock.advance(5 + 105 + 10 + 30)  # the first stretch, the rest, 30 s of the second
    player.timer.refresh()
    assert list(rows(log)["stretch"]) == ["kneeling-hip-flexor"]
    player.close()
    found = rows(log)
    assert list(found["stretch"]) == ["kneeling-hip-flexor", "crossover-hamstring"]
    assert set(found["routine"]) == {"back-pain-basics"}
    assert list(found["completed"]) == [True, False]


def test_recording_can_be_turned_off(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    clock = FakeClock()
    timer = StretchTimer(catalog["neck-turn"], clock=clock, log=False)
    timer.start_button.click()
    clock.advance(500)
    timer.refresh()
    timer.close()
    assert list(tmp_path.iterdir()) == []


def test_the_default_log_follows_handbook_home(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    clock = FakeClock()
    timer = StretchTimer(catalog["neck-turn"], clock=clock)
    timer.start_button.click()
    clock.advance(500)
    timer.refresh()
    assert list(ProgressLog().sessions()["stretch"]) == ["neck-turn"]
    timer.close()


def test_a_broken_log_is_reported_and_the_timer_carries_on(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    broken = tmp_path / "progress.sqlite"
    broken.write_text("not a database")
    clock = FakeClock()
    timer = StretchTimer(catalog["neck-turn"], clock=clock)
    timer.start_button.click()
    clock.advance(500)
    timer.refresh()
    assert "Not recorded" in timer.recorder.status.value
    assert "not a SQLite database" in timer.recorder.status.value
    assert timer.phase.value.endswith("Done</span>")
    assert broken.read_text() == "not a database"
    timer.close()


def test_class_mode_records_what_the_room_did(catalog, log):
    clock = FakeClock()
    room = ClassMode(catalog, routine="back-pain-basics", clock=clock, log=log, sound=False)
    room.start_button.click()
    clock.advance(5 + 30)
    room.refresh()
    room.next_button.click()  # leave the first stretch part-way
    found = rows(log)
    assert list(found["stretch"]) == ["kneeling-hip-flexor"]
    assert found.iloc[0]["done_s"] == pytest.approx(30) and not found.iloc[0]["completed"]
    room.close()


class _Locked:
    def record_many(self, rows):
        raise sqlite3.OperationalError("database is locked")


def test_a_locked_log_does_not_stop_the_timer(catalog):
    clock = FakeClock()
    timer = StretchTimer(catalog["neck-turn"], clock=clock, log=_Locked())
    timer.start_button.click()
    clock.advance(500)
    state = timer.refresh()
    assert state.status == "done" and "database is locked" in timer.recorder.status.value
    timer.close()


def test_a_movement_is_recorded_with_its_moving_time(catalog, log):
    clock = FakeClock()
    warm = routines(catalog)["warm-up"]
    player = RoutinePlayer(warm, clock=clock, log=log)
    player.timer.start_button.click()
    clock.advance(warm.duration + 1)
    player.timer.refresh()
    player.close()
    found = rows(log).set_index("stretch")
    assert list(found.index) == [s.id for s in warm.stretches]
    for stretch in warm.stretches:  # all the reps, both sides of leg swings
        moving = stretch.hold_s * (2 if stretch.sides == "each" else 1)
        assert found.loc[stretch.id, "planned_s"] == found.loc[stretch.id, "done_s"] == moving
    assert found["completed"].all() and (found["routine"] == "warm-up").all()
