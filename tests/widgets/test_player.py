"""The routine player: the picture follows the stretch being timed."""

from __future__ import annotations

from handbook.timing.routine import Routine, RoutineItem
from handbook.widgets import RoutinePlayer
from tests.helpers import FakeClock


def test_the_player_picture_follows_each_stretch_without_rests(catalog):
    both = [catalog[s] for s in ("double-knee-hug", "prone-press-up")]
    assert all(s.sides == "both" for s in both)
    routine = Routine("two", "Two", tuple(RoutineItem(s.id, reps=1) for s in both), catalog, 0.0)
    clock = FakeClock()
    player = RoutinePlayer(routine, clock=clock, log=False, get_ready=0)
    first = player.picture.value
    player.timer.start_button.click()
    clock.advance(both[0].hold_s + 1)
    player.timer.refresh()
    assert player.picture.value != first  # the second stretch's picture
    player.close()
