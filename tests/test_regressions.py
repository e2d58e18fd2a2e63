"""Bugs found in review, each held down by a test."""

from __future__ import annotations

import sqlite3

import pytest

import handbook
from handbook.timing.routine import Routine, RoutineItem
from handbook.timing.routinefile import routines
from handbook.timing.tones import tone
from handbook.widgets import ClassMode, Explorer, RoutinePlayer, StretchTimer
from handbook.widgets.planner import WeekPlanner
from tests.conftest import FakeClock, write_stretch

CAT = handbook.load_catalog()


def test_use_for_a_day_applies_to_the_day_being_edited():
    planner = WeekPlanner(CAT)
    planner.plan_button.click()
    planner.day.value = "Mon"
    planner.edit_button.click()
    planner.builder.items.value = 0
    planner.builder.remove_button.click()
    edited = planner.builder.routine
    tuesday = planner.plan.days["Tue"]
    planner.day.value = "Tue"  # looking at another day before pressing the button
    planner.apply_button.click()
    assert planner.plan.days["Mon"] == edited and planner.plan.days["Tue"] == tuesday
    planner.close()


def test_class_mode_plays_the_routine_it_was_given():
    mine = routines(CAT)["back-pain-basics"].set_item(0, hold_s=17)
    room = ClassMode(CAT, routine=mine, clock=FakeClock(), log=False)
    assert room.routine.stretches[0].hold_s == 17
    room.close()


def test_nan_holds_are_refused(tmp_path):
    write_stretch(tmp_path, "nan-hold", hold={"seconds": float("nan")})
    with pytest.raises(handbook.CatalogError, match=r"hold\.seconds: must be a finite number"):
        handbook.load_catalog(tmp_path)
    with pytest.raises(ValueError, match="finite"):
        Routine.from_ids(CAT, ["neck-turn"]).set_item(0, hold_s=float("nan"))


class _Locked:
    def record_many(self, rows):
        raise sqlite3.OperationalError("database is locked")


def test_a_locked_log_does_not_stop_the_timer():
    clock = FakeClock()
    timer = StretchTimer(CAT["neck-turn"], clock=clock, log=_Locked())
    timer.start_button.click()
    clock.advance(500)
    state = timer.refresh()
    assert state.status == "done" and "database is locked" in timer.recorder.status.value
    timer.close()


def test_the_player_picture_follows_each_stretch_without_rests():
    both = [CAT[s] for s in ("double-knee-hug", "prone-press-up")]
    assert all(s.sides == "both" for s in both)
    routine = Routine("two", "Two", tuple(RoutineItem(s.id, reps=1) for s in both), CAT, 0.0)
    clock = FakeClock()
    player = RoutinePlayer(routine, clock=clock, log=False, get_ready=0)
    first = player.picture.value
    player.timer.start_button.click()
    clock.advance(both[0].hold_s + 1)
    player.timer.refresh()
    assert player.picture.value != first  # the second stretch's picture
    player.close()


def test_changing_a_filter_keeps_the_open_card_and_its_timer():
    explorer = Explorer(CAT)
    explorer.matches.value = "wall-calf-stretch"
    card = explorer.card
    explorer.muscle.value = "calves"
    explorer.text.value = "wall"
    assert explorer.card is card and card.comm is not None
    explorer.close()


def test_hold_s_is_checked_not_clamped():
    with pytest.raises(ValueError, match="from 5 to 180 seconds"):
        StretchTimer(CAT["neck-turn"], hold_s=300, log=False)
    with pytest.raises(ValueError, match="single stretch"):
        StretchTimer([CAT["neck-turn"], CAT["standing-quad"]], hold_s=20, log=False)
    with pytest.raises(ValueError, match="from 10 to 120 seconds"):
        ClassMode(CAT, hold_s=5, log=False)


def test_tones_stay_few_however_many_play():
    timer = StretchTimer(CAT["neck-turn"], log=False)
    for _ in range(50):
        timer.chime.play("hold")
    assert tone.cache_info().currsize <= 2 * 5
    timer.close()
