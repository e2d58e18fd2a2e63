"""Timers and class mode write each hold to the progress log as the browser's player reports it."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from handbook import ProgressLog
from handbook.widgets import ClassMode, StretchTimer
from tests.widgets.helpers import Browser


@pytest.fixture
def log(tmp_path):
    return ProgressLog(tmp_path / "progress.sqlite")


def rows(log):
    found = log.sessions()
    return [
        (
            r.stretch,
            None if pd.isna(r.side) else r.side,
            r.planned_s,
            round(r.done_s, 3),
            bool(r.completed),
        )
        for r in found.itertuples()
    ]


def test_each_side_is_recorded_as_it_ends(catalog, log):
    timer = StretchTimer(catalog["standing-quad"], log=log)
    press = Browser(timer.guide)
    press("start", 0)
    press("hold", 55.01)
    assert rows(log) == [("standing-quad", "right", 50, 50, True)]  # its steps start right
    press("done", 110.02)
    press("done", 111)
    timer.close()
    assert rows(log)[1:] == [("standing-quad", "left", 50, 50, True)]  # once each


def test_stopped_early_is_recorded_as_not_completed(catalog, log):
    timer = StretchTimer(catalog["standing-quad"], log=log)
    press = Browser(timer.guide)
    press("start", 0)
    press("reset", 25)  # 20 s of the first side, the right
    assert rows(log) == [("standing-quad", "right", 50, 20, False)]
    timer.close()
    assert len(rows(log)) == 1  # closing after a reset adds nothing


def test_closing_records_a_paused_hold(catalog, log):
    timer = StretchTimer(catalog["neck-turn"], log=log)
    press = Browser(timer.guide)
    press("start", 0)
    press("pause", 12)  # 7 s into the left side (after 5 s of getting ready)
    timer.close()
    assert [r[3] for r in rows(log)] == [7]


def test_a_key_tried_for_a_moment_is_not_recorded(catalog, log):
    timer = StretchTimer(catalog["neck-turn"], log=log)
    press = Browser(timer.guide)
    press("start", 0)
    press("skip", 1)  # into the first hold
    press("skip", 3)  # two seconds of it: a key tried
    press("skip", 4)
    press("pause", 5)
    timer.close()
    assert rows(log) == []


def test_the_default_log_follows_handbook_home(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    timer = StretchTimer(catalog["neck-turn"])
    assert list(tmp_path.iterdir()) == []  # showing a timer touches nothing
    press = Browser(timer.guide)
    press("start", 0)
    press("done", 500)
    assert set(ProgressLog().sessions()["stretch"]) == {"neck-turn"}
    timer.close()


def test_recording_can_be_turned_off(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    timer = StretchTimer(catalog["neck-turn"], log=False)
    press = Browser(timer.guide)
    press("start", 0)
    press("done", 500)
    timer.close()
    assert list(tmp_path.iterdir()) == []


class _Locked:
    def record_many(self, rows, *, timeout=None):
        raise sqlite3.OperationalError("database is locked")


def test_a_locked_log_is_said_on_the_player_and_the_holds_are_kept(catalog):
    timer = StretchTimer(catalog["neck-turn"], log=_Locked())
    press = Browser(timer.guide)
    press("start", 0)
    press("done", 500)
    assert timer.timer.status == "done"
    assert "Not recorded yet: database is locked" in timer.guide.status
    reps = catalog["neck-turn"].reps
    assert len(timer.recorder.pending) == 2 * reps  # every rep, each side: kept to try again
    timer.close()


def test_a_broken_log_is_said_on_the_player_and_left_untouched(catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_HOME", str(tmp_path))
    broken = tmp_path / "progress.sqlite"
    broken.write_text("not a database")
    timer = StretchTimer(catalog["neck-turn"])
    press = Browser(timer.guide)
    press("start", 0)
    press("hold", 35.5)  # the first side ends at 35 s (5 s to get ready, a 30 s hold)
    assert "not a SQLite database" in timer.guide.status
    assert broken.read_text() == "not a database"
    timer.close()


def test_class_mode_records_what_the_room_did(catalog, log):
    room = ClassMode(catalog, routine="back-pain-basics", log=log, sound=False)
    press = Browser(room.guide)
    press("start", 0)
    press("next", 5 + 30)  # leave the first stretch 30 s into its left side
    found = log.sessions()
    assert list(found["stretch"]) == ["kneeling-hip-flexor"]
    assert found.iloc[0]["done_s"] == pytest.approx(30) and not found.iloc[0]["completed"]
    assert found.iloc[0]["routine"] == "back-pain-basics"
    room.close()


def test_a_movement_is_recorded_a_side_at_a_time_with_its_moving_time(catalog, log):
    timer = StretchTimer(catalog["leg-swings"], log=log)  # 10 swings of 4 s a side
    press = Browser(timer.guide)
    press("start", 0)
    press("done", 5 + 40 + 5 + 40 + 0.1)
    timer.close()
    assert rows(log) == [
        ("leg-swings", "right", 40, 40, True),  # its steps start right
        ("leg-swings", "left", 40, 40, True),
    ]  # one record a side, not 20


def test_a_movement_left_part_way_records_what_was_moved(catalog, log):
    timer = StretchTimer(catalog["cat-cow"], log=log)  # 5 rounds of 10 s
    press = Browser(timer.guide)
    press("start", 0)
    press("reset", 5 + 23)  # two rounds and a bit of the third
    timer.close()
    assert rows(log) == [("cat-cow", None, 50, 23, False)]
