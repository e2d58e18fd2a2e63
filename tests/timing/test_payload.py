"""The player's timeline: plain data, phases as the engine laid them out, words and tones."""

from __future__ import annotations

import json
import math

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
        "Switch sides: now right side",
        "Standing quad, right side",
        "Rest; next up: Neck turn",
    ]
    assert said[5:] == ["Neck turn", "Rest", "Neck turn"]


def test_the_side_words_come_from_the_data_not_the_label(phases):
    hold = next(p for p in phases if p.kind == "hold" and p.side == "right")
    relabelled = type(hold)(**{**hold.__dict__, "label": "Hold: something else"})
    assert spoken(relabelled) == "Standing quad, right side"
    renamed = type(hold)(**{**hold.__dict__, "side_name": "right knee down"})
    assert spoken(renamed) == "Standing quad, right knee down"


def test_a_switch_says_what_to_change_in_the_stretchs_words():
    cross = TimedItem(
        "cross",
        "Crossover",
        30,
        "each",
        first_side="right",
        side_names=("left leg behind", "right leg behind"),
    )
    (switch,) = [p for p in build_phases([cross]) if p.kind == "switch"]
    assert spoken(switch) == "Switch sides: now left leg behind"
    tl = player_timeline(build_phases([cross]), breaths_per_minute=6)
    assert [p["side_name"] for p in tl["phases"]] == [
        "right leg behind",
        "right leg behind",
        "left leg behind",
        "left leg behind",
    ]
    assert tl["phases"][2]["shown"] == "Switch sides: now left leg behind"


def test_rests_and_rounds_read_naturally():
    neck = TimedItem("neck", "Neck turn", 20, "both", reps=3)
    shown = [
        p["shown"] for p in player_timeline(build_phases([neck]), breaths_per_minute=6)["phases"]
    ]
    assert shown == [
        "Get ready",
        "Hold (1 of 3)",
        "Rest, then round 2 of 3",
        "Hold (2 of 3)",
        "Rest, then the last round",
        "Hold (3 of 3)",
    ]


def test_a_three_two_one_countdown_before_each_change_but_not_on_a_count(phases):
    cues = player_timeline(phases, breaths_per_minute=6)["cues"]
    counts = [c["at"] for c in cues if c["tone"] == "count"]
    ends = [p.end for p in phases if p.duration > 3]
    assert counts == sorted(at for end in ends for at in (end - 3, end - 2, end - 1))
    assert all(c["say"] == "" for c in cues if c["tone"] == "count")  # a tone, no words
    flow = TimedItem("cc", "Cat-cow", reps=3, pace=(("arch", 3.0), ("round", 3.0)))
    moving = build_phases([flow], get_ready=0)
    counts = [
        c["at"]
        for c in player_timeline(moving, breaths_per_minute=6)["cues"]
        if c["tone"] == "count"
    ]
    assert counts == [16.0, 17.0]  # 18 s of counts: only between them, never on one


def test_the_spans_are_what_a_log_records(phases):
    spans = player_timeline(phases, breaths_per_minute=6)["spans"]
    assert [(s["stretch"], s["side"], s["start"], s["end"]) for s in spans] == [
        ("quad", "left", 5.0, 35.0),
        ("quad", "right", 40.0, 70.0),
        ("neck", None, 80.0, 84.0),
        ("neck", None, 94.0, 98.0),
    ]


def test_cues_in_order_with_tones_last_three_and_done(phases):
    cues = player_timeline(phases, breaths_per_minute=6)["cues"]
    assert [c["at"] for c in cues] == sorted(c["at"] for c in cues)
    starts = [c for c in cues if c["tone"] not in (None, "done", "count")]
    assert [(c["at"], c["tone"]) for c in starts] == [(p.start, p.kind) for p in phases]
    lasts = [c["at"] for c in cues if c["say"] == "Last three"]
    long_holds = [p for p in phases if p.kind == "hold" and p.duration >= 2 * LAST_COUNT_S]
    assert lasts == [p.end - LAST_COUNT_S for p in long_holds] and len(lasts) == 2
    assert cues[-1] == {"at": phases[-1].end, "say": "Done", "tone": "done"}


@pytest.mark.parametrize("bpm", [5.9, 12.1, 0, -6, math.nan])
def test_breath_rates_outside_6_to_12_are_refused(phases, bpm):
    with pytest.raises(ValueError, match="between 6 and 12"):
        player_timeline(phases, breaths_per_minute=bpm)


def test_a_pace_out_of_range_is_refused(phases):
    with pytest.raises(ValueError, match="between 6 and 12"):
        player_timeline(phases, breaths_per_minute=20)
    with pytest.raises(ValueError, match="at least one phase"):
        player_timeline([], breaths_per_minute=6)
