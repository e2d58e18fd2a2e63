"""The kernel's replica of a browser player: events in, the holds finished or left out."""

from __future__ import annotations

import pytest

from handbook.timing.replica import Replica
from handbook.timing.timeline import TimedItem, build_phases

# ready 0-5, left 5-35, switch 35-40, right 40-70, rest 70-80, neck 80-100
PHASES = build_phases(
    [TimedItem("quad", "Standing quad", 30, "each"), TimedItem("neck", "Neck turn", 20, "both")]
)


class Browser:
    """Sends events as the player does, at times on its own clock."""

    def __init__(self, replica: Replica, session: str = "page-1", t0: float = 500.0):
        self.replica, self.session, self.t0 = replica, session, t0

    def __call__(self, kind: str, at: float):
        held = self.replica.hear(
            {
                "type": kind,
                "t": self.t0 + at,
                "session": self.session,
                "timeline": self.replica.timeline,
            }
        )
        return [(h.phase.stretch, h.phase.side, round(h.seconds, 6), h.planned) for h in held]


@pytest.fixture
def send():
    return Browser(Replica(PHASES, timeline=7))


def test_each_side_is_reported_when_it_ends(send):
    assert send("start", 0) == []
    assert send("hold", 35.01) == [("quad", "left", 30.0, 30.0)]
    assert send("hold", 70.02) == [("quad", "right", 30.0, 30.0)]
    assert send("done", 100.0) == [("neck", None, 20.0, 20.0)]
    assert send("done", 101) == []  # each once


def test_a_late_message_is_replayed_at_its_own_time(send):
    send("start", 0)
    assert send("pause", 20) == []  # heard late, but it says t = 20: 15 s into the left side
    state = send.replica.state()
    assert state.status == "paused" and state.elapsed == pytest.approx(20)
    assert send("skip", 60) == [("quad", "left", 15.0, 30.0)]  # left part-way


def test_pauses_do_not_count_as_holding(send):
    send("start", 0)
    send("pause", 15)
    send("start", 100)
    assert send("hold", 120) == [("quad", "left", 30.0, 30.0)]


def test_skipped_holds_are_not_recorded(send):
    send("start", 0)
    for _ in range(4):  # ready, left, switch, right skipped at once
        assert send("skip", 1) == []
    assert send.replica.state().phase.kind == "rest"
    send("previous", 1.5)  # back to the start of the stretch: a new run
    send("skip", 1.5)
    assert send("skip", 3.5) == [("quad", "left", 2.0, 30.0)]  # two seconds of it, then on


def test_reset_and_back_record_the_hold_left_and_begin_a_new_run(send):
    send("start", 0)
    assert send("reset", 25) == [("quad", "left", 20.0, 30.0)]
    send("start", 30)
    assert send("hold", 65.5) == [("quad", "left", 30.0, 30.0)]  # the same hold, again
    assert send("back", 75) == [("quad", "right", 5.0, 30.0)]  # 5 s into the right side
    assert send.replica.state().phase.side == "right"
    assert send("hold", 105) == [("quad", "right", 30.0, 30.0)]


def test_next_and_previous_move_by_stretch(send):
    send("start", 0)
    assert send("next", 10) == [("quad", "left", 5.0, 30.0)]
    assert send.replica.state().phase.stretch == "neck"
    assert send("previous", 11) == [("neck", None, 1.0, 20.0)]  # within the grace:
    assert send.replica.state().elapsed == 0  # back to the stretch before


def test_a_new_page_starts_afresh(send):
    send("start", 0)
    other = Browser(send.replica, session="page-2", t0=3.0)
    assert other("open", 0) == []  # the hold in progress on the old page is lost
    assert send.replica.state().status == "idle"
    other("start", 1)
    assert other("hold", 40) == [("quad", "left", 30.0, 30.0)]


def test_events_about_another_timeline_are_ignored(send):
    send("start", 0)
    stale = {"type": "skip", "t": 510.0, "session": "page-1", "timeline": 6}
    assert send.replica.hear(stale) == []
    assert send.replica.state().status == "running" and send.replica.state().elapsed == 0


def test_close_reports_the_hold_in_progress():
    replica = Replica(PHASES)
    replica.hear({"type": "start", "t": 1.0, "session": "s"})
    replica.hear({"type": "pause", "t": 13.0, "session": "s"})
    (held,) = replica.close()
    assert (held.phase.side, held.seconds) == ("left", 7.0)
    assert replica.close() == []


@pytest.mark.parametrize(
    "event, words",
    [
        ("start", "a mapping"),
        ({"type": "jump", "t": 1, "session": "s"}, "type 'jump' is unknown"),
        ({"type": "start", "t": float("nan"), "session": "s"}, "t must be the browser's clock"),
        ({"type": "start", "t": True, "session": "s"}, "t must be"),
        ({"type": "start", "t": 1}, "session must be"),
    ],
)
def test_bad_events_are_refused_with_a_reason(event, words):
    with pytest.raises(ValueError, match=words):
        Replica(PHASES).hear(event)
