"""Movement you can see: the poses a picture moves through, and picture.js's clock (node)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from handbook.pictures.draw import svg
from handbook.timing.payload import player_timeline
from handbook.timing.timeline import TimedItem, build_phases
from tests.helpers import builtin_catalog
from tests.pictures.helpers import NS, elements, mirrored

ROOT = Path(__file__).resolve().parents[2]
CAT = builtin_catalog()


@pytest.mark.parametrize("sid", [s.id for s in CAT if s.is_movement])
def test_every_movement_moves_between_its_two_ends(catalog, sid):
    stretch = catalog[sid]
    moving = svg(stretch, motion=True)
    (group,) = elements(moving, "hb-motion")
    assert group.get("data-kind") == "movement" and group.get("display") == "none"
    frames = [e for e in group if "hb-frame" in e.get("class", "")]
    assert len(frames) >= 3 and [f.get("data-at") for f in frames][:: len(frames) - 1] == [
        "0.00",
        "1.00",
    ]
    heads = [
        path for f in frames for path in f.iter(f"{NS}circle") if path.get("class") == "hb-head"
    ]
    assert len({(h.get("cx"), h.get("cy")) for h in heads}) > 1 or sid in MOVING_LIMBS_ONLY
    # the still picture stays: the two panels with their arrow, for reduced motion
    assert elements(moving, "hb-panels") and elements(moving, "hb-arrow")
    if stretch.sides == "each":
        assert mirrored(moving, svg(stretch, side="second", motion=True))


MOVING_LIMBS_ONLY = {
    "ankle-circles",
    "arm-circles",
    "leg-swings",
    "marching-on-the-spot",
    "shoulder-rolls",
    "wrist-circles",
    "knee-rolls",
    "pelvic-tilt",
}


def test_a_hold_eases_in_from_its_position_and_the_still_picture_has_no_motion(catalog):
    stretch = catalog["standing-quad"]
    (group,) = elements(svg(stretch, motion=True), "hb-motion")
    assert group.get("data-kind") == "hold"
    assert not elements(svg(stretch), "hb-motion")  # cards and handouts stay still
    for stretch in catalog:
        assert not elements(svg(stretch), "hb-motion")
        root = ET.fromstring(svg(stretch, motion=True))
        assert root.get("role") == "img"


def _timeline(*items: TimedItem) -> list[dict]:
    return player_timeline(build_phases(items, get_ready=5), breaths_per_minute=6)["phases"]


def test_picture_js_moves_in_time_with_the_player(tmp_path):
    node = shutil.which("node")
    if node is None:
        message = "node is not installed; picture.js cannot be checked"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    cat_cow = CAT["cat-cow"]
    circles = CAT["arm-circles"]
    timelines = {
        "hold": _timeline(TimedItem("quad", "Standing quad", 30, "each")),
        "twoParts": _timeline(TimedItem.from_stretch(cat_cow)),
        "onePart": _timeline(TimedItem.from_stretch(circles)),
    }
    path = tmp_path / "timelines.json"
    path.write_text(json.dumps(timelines))
    result = subprocess.run(
        [node, "--test", "--test-reporter=dot", str(ROOT / "tests" / "js" / "picture-motion.mjs")],
        env=os.environ | {"HB_PICTURE_TIMELINES": str(path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
