"""The timelines node's tests of guide.js walk (tests/js/fixtures) are what the engine sends.

They are committed, so ``node --test tests/js/`` needs no Python; this test holds them to
``player_timeline``. After a deliberate change to the payload, write them again with
``HB_WRITE_FIXTURES=1 pytest tests/timing/test_js_fixtures.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from handbook.timing.payload import player_timeline
from handbook.timing.timeline import TimedItem, build_phases

FIXTURES = Path(__file__).resolve().parents[1] / "js" / "fixtures"

TIMELINES = {
    # ready 0-5, left 5-35, switch 35-40, right 40-70, rest 70-80, neck 80-100
    "quad-neck.json": build_phases(
        [TimedItem("quad", "Standing quad", 30, "each"), TimedItem("neck", "Neck turn", 20, "both")]
    ),
    # ready 0-5, arch/round x3 (3 s each) 5-23, rest 23-33, neck 3 x 20 s with rests of 10
    "catcow-neck.json": build_phases(
        [
            TimedItem("cc", "Cat-cow", reps=3, pace=(("arch", 3.0), ("round", 3.0))),
            TimedItem("neck", "Neck turn", 20, "both", reps=3),
        ]
    ),
}


def sent(name: str) -> dict:
    return {**player_timeline(TIMELINES[name], breaths_per_minute=6), "id": 1}


@pytest.mark.parametrize("name", sorted(TIMELINES))
def test_the_fixture_is_what_the_engine_sends(name):
    path = FIXTURES / name
    if os.environ.get("HB_WRITE_FIXTURES"):
        path.write_text(json.dumps(sent(name), indent=1) + "\n")
    assert json.loads(path.read_text()) == sent(name), f"{name} is stale: see this module's doc"
