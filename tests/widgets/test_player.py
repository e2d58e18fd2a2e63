"""The routine player: the timer for a whole routine, and a picture that follows it."""

from __future__ import annotations

from handbook.timing.routine import Routine, RoutineItem
from handbook.widgets import RoutinePlayer
from tests.widgets.helpers import Browser


def test_the_picture_follows_each_stretch_of_the_routine(catalog):
    both = [catalog[s] for s in ("double-knee-hug", "prone-press-up")]
    assert all(s.sides == "both" for s in both)
    routine = Routine("two", "Two", tuple(RoutineItem(s.id, reps=1) for s in both), catalog, 0.0)
    player = RoutinePlayer(routine, log=False, get_ready=0)
    assert player.picture.follows == player.timer.guide.key
    (a, a2), (b, b2) = player.picture.pictures
    assert a == a2 and b == b2 and a != b  # one picture each: both sides at once
    assert "hb-card-picture" in player.picture._dom_classes
    assert player.timer.recorder.routine == "two" and player.timer.title == "Two"
    player.close()


def test_what_the_room_did_is_recorded_with_the_routine(catalog, tmp_path):
    from handbook import ProgressLog

    log = ProgressLog(tmp_path / "progress.sqlite")
    routine = Routine.from_ids(catalog, ["neck-turn", "standing-quad"], name="Mini")
    player = RoutinePlayer(routine, log=log)
    press = Browser(player.timer.guide)
    press("start", 0)
    press("done", 1000)
    found = log.sessions()
    assert list(found["stretch"].unique()) == ["neck-turn", "standing-quad"]
    assert set(found["routine"]) == {"mini"} and found["completed"].all()
    player.close()
