"""The browser's walker (guide.js) and the tests' Python oracle agree on every phase boundary,
on the holds each move finished or left, on what each run really lived, and on the end
screen's summary of it.

One set of scenarios (pause, skip, back, next, previous, reset, run to the end, movements, and
seeded random presses) is walked by the oracle here (tests/timing/oracle.py) and by the
JavaScript walker with node's own test runner; the states after every step must be equal,
exactly.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.timing.payload import player_timeline
from handbook.timing.timeline import TimedItem, build_phases, mss
from tests.timing.oracle import Walk, run_summary, summary_words

ROOT = Path(__file__).resolve().parents[2]
MOVES = ("start", "pause", "skip", "back", "next", "previous", "reset")
T0 = 1234.5678  # the browser's clock when a scenario begins: never a round number


def timeline(*items: TimedItem, **gaps) -> dict:
    return player_timeline(build_phases(items, **gaps), breaths_per_minute=6)


QUAD = TimedItem("quad", "Standing quad", 50, "each")
HIP = TimedItem("hip", "Hip flexor", 30, "each", reps=2)
NECK = TimedItem("neck", "Neck turn", 20, "both", reps=3)
BASICS = timeline(QUAD, HIP, NECK, rest_between_items=10)
SWINGS = TimedItem("swings", "Leg swings", sides="each", reps=4, pace=(("swing", 2.0),))
CATCOW = TimedItem("cc", "Cat-cow", reps=3, pace=(("arch", 3.0), ("round", 3.0)))
MOVING = timeline(SWINGS, CATCOW, NECK, rest_between_items=10)


def replay(tl: dict, moves: list[tuple[float, str]]) -> dict:
    """Steps at the moves' times, and looks at and around every boundary between them."""
    walk = Walk(tl, session="s")
    steps, expected = [], []

    def step(t: float, kind: str) -> None:
        event = walk.event("hold" if kind == "look" else kind, t)
        state = walk.timer.state()
        steps.append({"t": t, "do": kind})
        expected.append(
            {
                "status": state.status,
                "index": state.phase_index,
                "elapsed": state.elapsed,
                "remaining": mss(state.remaining_in_phase),
                "label": state.label,
                "held": event["held"],
                "holding": event["holding"],
            }
        )

    moves = [(T0 + at, kind) for at, kind in moves]
    ends = [*(at for at, _ in moves[1:]), moves[-1][0] + tl["total"] + 5]
    for (at, kind), until in zip(moves, ends, strict=True):
        step(at, kind)
        state = walk.timer.state()
        if state.status != "running":
            step((at + until) / 2, "look")
            continue
        for phase in tl["phases"]:
            boundary = at + (phase["end"] - state.elapsed)
            if phase["end"] > state.elapsed and boundary < until:
                for t in (boundary - 1e-6, boundary, boundary + 1e-6):
                    step(t, "look")
    lived = walk.timer.lived()
    summary = run_summary(walk.timer.phases, lived)
    return {
        "timeline": tl,
        "steps": steps,
        "expected": expected,
        "end": {
            "lived": [list(span) for span in lived],
            "summary": summary,
            "words": list(summary_words(summary)),
        },
    }


def scenarios() -> list[dict]:
    named = {
        "pause and carry on": (
            BASICS,
            [(0, "start"), (7.3, "pause"), (40, "start"), (41.25, "pause"), (41.5, "start")],
        ),
        "skip running, paused and idle": (
            BASICS,
            [
                (0, "skip"),
                (1, "skip"),
                (2, "start"),
                (3.5, "skip"),
                (20, "pause"),
                (21, "skip"),
                (22, "start"),
            ],
        ),
        "back within and after the grace": (
            BASICS,
            [
                (0, "start"),
                (6, "back"),
                (7.5, "back"),
                (30, "back"),
                (33, "pause"),
                (34, "back"),
                (35, "start"),
            ],
        ),
        "next and previous stretches": (
            BASICS,
            [
                (0, "start"),
                (3, "next"),
                (4, "next"),
                (4.5, "previous"),
                (5, "previous"),
                (60, "previous"),
                (61, "next"),
                (62, "next"),
            ],
        ),
        "next before start": (BASICS, [(0, "next"), (10, "next"), (20, "start")]),
        "reset and again": (
            BASICS,
            [
                (0, "start"),
                (30, "reset"),
                (31, "start"),
                (45, "reset"),
                (46, "reset"),
                (47, "start"),
            ],
        ),
        "to the end and back": (
            BASICS,
            [
                (0, "start"),
                (600, "back"),
                (601, "start"),
                (700, "previous"),
                (701, "next"),
                (702, "next"),
                (703, "next"),
                (704, "next"),
                (705, "skip"),
            ],
        ),
        "a movement skipped a side at a time": (
            MOVING,
            [(0, "start"), (7, "skip"), (8, "skip"), (30, "back"), (30.5, "back"), (31, "skip")],
        ),
        "a movement paused, backed and left": (
            MOVING,
            [(0, "start"), (9, "pause"), (10, "back"), (11, "start"), (40, "next"), (41, "skip")],
        ),
        "no get ready, no rests": (
            timeline(NECK, QUAD, get_ready=0, rest=0, switch=0),
            [(0, "start"), (19.99, "pause"), (20, "skip"), (21, "start"), (59.5, "back")],
        ),
    }
    found = [{"name": name, **replay(tl, moves)} for name, (tl, moves) in named.items()]
    rng = random.Random(20240611)
    for n in range(120):
        items = [
            TimedItem(
                f"s{i}",
                f"S{i}",
                rng.choice([1, 2.5, 7, 20, 33.3]),
                rng.choice(["each", "both"]),
                rng.randint(1, 3),
            )
            for i in range(rng.randint(1, 3))
        ]
        tl = timeline(
            *items,
            get_ready=rng.choice([0, 5]),
            switch=rng.choice([0, 2, 5]),
            rest=rng.choice([0, 3, 10]),
        )
        at, moves = 0.0, [(0.0, "start")]
        for _ in range(rng.randint(3, 12)):
            at += rng.choice([0, 0.001, 0.5, 1.9, 2.1, 4, 13.7, 40])
            moves.append((at, rng.choice(MOVES)))
        found.append({"name": f"random {n}", **replay(tl, moves)})
    return found


def test_the_walker_agrees_with_the_engine(tmp_path):
    node = shutil.which("node")
    if node is None:
        message = "node is not installed; the browser's walker cannot be checked"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps(scenarios()))
    result = subprocess.run(
        [node, "--test", "--test-reporter=dot", str(ROOT / "tests" / "js" / "scenarios.mjs")],
        env=os.environ | {"HB_WALKER_SCENARIOS": str(path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]


def test_the_scenarios_reach_every_move_and_every_status():
    found = scenarios()
    done = {step["do"] for s in found for step in s["steps"]}
    statuses = {e["status"] for s in found for e in s["expected"]}
    assert set(MOVES) <= done and statuses == {"idle", "running", "paused", "done"}
    looks = sum(step["do"] == "look" for s in found for step in s["steps"])
    assert looks > 1000  # the boundaries are looked at, not only the moves
    held = [h for s in found for e in s["expected"] for h in e["held"]]
    assert len(held) > 200 and any(0 < h["seconds"] < 5 for h in held)  # whole and part-way
