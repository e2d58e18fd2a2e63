"""The browser's events, checked before the kernel uses them: every fault named."""

from __future__ import annotations

import pytest

from handbook.timing.events import HeldSpan, read_event

GOOD = {"type": "hold", "t": 12.5, "session": "s", "timeline": 3, "status": "running"}


def test_a_good_event_reads_back_with_its_holds():
    event = read_event(
        {
            **GOOD,
            "held": [{"span": 0, "seconds": 30, "run": 1}],
            "holding": [{"span": 1, "seconds": 2.5, "run": 2}],
        },
        spans=2,
    )
    assert (event.kind, event.t, event.session, event.timeline) == ("hold", 12.5, "s", 3)
    assert event.status == "running"
    assert event.held == (HeldSpan(0, 30.0, 1),) and event.holding == (HeldSpan(1, 2.5, 2),)


def test_an_event_with_nothing_held_holds_nothing():
    event = read_event({"type": "open", "t": 0, "session": "s"}, spans=0)
    assert (event.status, event.held, event.holding) == ("idle", (), ())


@pytest.mark.parametrize(
    "event, words",
    [
        ("start", "a mapping"),
        ({"type": "jump", "t": 1, "session": "s"}, "type 'jump' is unknown"),
        ({"type": "start", "t": float("nan"), "session": "s"}, "t must be the browser's clock"),
        ({"type": "start", "t": True, "session": "s"}, "t must be"),
        ({"type": "start", "t": 1}, "session must be"),
        ({**GOOD, "status": "asleep"}, "status must be one of idle, running"),
        ({**GOOD, "held": [{"span": 0, "seconds": 1, "run": -1}]}, "held run must be a whole"),
        ({**GOOD, "held": {"span": 0}}, "held must be a list"),
        ({**GOOD, "held": [3]}, r"each of held is \{span, seconds\}"),
        ({**GOOD, "held": [{"span": 2, "seconds": 1}]}, "names span 2; the timeline has 2"),
        ({**GOOD, "held": [{"span": "0", "seconds": 1}]}, "names span '0'"),
        ({**GOOD, "holding": [{"span": 0, "seconds": -1}]}, "holding seconds must be 0 or more"),
        ({**GOOD, "held": [{"span": 0, "seconds": float("inf")}]}, "must be a finite number"),
    ],
)
def test_bad_events_are_refused_with_a_reason(event, words):
    with pytest.raises(ValueError, match=words):
        read_event(event, spans=2)
