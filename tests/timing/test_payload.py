"""The player's timeline: plain data, phases as the engine laid them out, words and tones."""

from __future__ import annotations

import json

import pytest

from handbook.timing.payload import LAST_COUNT_S, player_timeline, spoken
from handbook.timing.timeline import TimedItem, build_phases

QUAD = TimedItem("quad", "Standing quad", 30, "each")
NECK = TimedItem("neck", "Neck turn", 4, "both", reps=2)


@pytest.fixture
def phases():
    return build_phases([QUAD, NECK], rest_between_items=10)


def test_the_timeline_is_plain_json_with_every_phase(phases):
    tl = player_timeline(phases, breaths_per_minute=8)
    assert json.loads(json.dumps(tl)) == tl
    assert [(p["kind"], p["start"], p["end"], p["label"]) for p in tl["phases"]] == [
        (p.kind, p.start, p.end, p.label) for p in phases
    ]
    assert tl["total"] == phases[-1].end and tl["bpm"] == 8.0 and tl["back_grace"] == 2.0
    assert tl["items"] == [
        {"stretch": "quad", "name": "Standing quad"},
        {"stretch": "neck", "name": "Neck turn"},
    ]
    assert [p["reps"] for p in tl["phases"] if p["stretch"] == "neck"] == [2, 2, 2]


def test_each_timeline_has_its_own_id(phases):
    assert (
        player_timeline(phases, breaths_per_minute=6)["id"]
        != player_timeline(phases, breaths_per_minute=6)["id"]
    )


def test_words_say_the_stretch_the_side_and_what_is_next(phases):
    said = [spoken(p) for p in phases]
    assert said[:5] == [
        "Get ready: Standing quad",
        "Standing quad, left side",
        "Switch sides",
        "Standing quad, right side",
        "Rest; next up: Neck turn",
    ]
    assert said[5:] == ["Neck turn", "Rest", "Neck turn"]


def test_the_side_words_come_from_the_label(phases):
    hold = next(p for p in phases if p.kind == "hold" and p.side == "right")
    renamed = type(hold)(**{**hold.__dict__, "label": "Hold: right knee down"})
    assert spoken(renamed) == "Standing quad, right knee down"


def test_cues_in_order_with_tones_last_three_and_done(phases):
    cues = player_timeline(phases, breaths_per_minute=6)["cues"]
    assert [c["at"] for c in cues] == sorted(c["at"] for c in cues)
    starts = [c for c in cues if c["tone"] not in (None, "done")]
    assert [(c["at"], c["tone"]) for c in starts] == [(p.start, p.kind) for p in phases]
    lasts = [c["at"] for c in cues if c["say"] == "Last three"]
    long_holds = [p for p in phases if p.kind == "hold" and p.duration >= 2 * LAST_COUNT_S]
    assert lasts == [p.end - LAST_COUNT_S for p in long_holds] and len(lasts) == 2
    assert cues[-1] == {"at": phases[-1].end, "say": "Done", "tone": "done"}


def test_a_pace_out_of_range_is_refused(phases):
    with pytest.raises(ValueError, match="between 6 and 12"):
        player_timeline(phases, breaths_per_minute=20)
    with pytest.raises(ValueError, match="at least one phase"):
        player_timeline([], breaths_per_minute=6)
