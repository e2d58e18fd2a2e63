"""Sides by the limb: the file format, and every one-side stretch in steps, timer and picture."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from handbook import CatalogError, load_catalog
from handbook.pictures.draw import marked_side, svg
from handbook.timing.routine import Routine
from tests.helpers import builtin_catalog, write_stretch
from tests.pictures.helpers import mirrored

CAT = builtin_catalog()
ONE_SIDE = [s for s in CAT if s.sides == "each"]
NAMES = {"right": "right knee down", "left": "left knee down"}
SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)
NS = "{http://www.w3.org/2000/svg}"


def problems(folder, **fields) -> list[str]:
    write_stretch(folder, "test-lunge", **fields)
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    return [str(p) for p in info.value.problems]


def test_sides_are_read_with_the_first_side_first(tmp_path):
    write_stretch(tmp_path, "test-lunge", first_side="right", side_names=NAMES)
    stretch = load_catalog(tmp_path)["test-lunge"]
    assert stretch.first_side == "right" and stretch.sides_in_order == ("right", "left")
    assert stretch.side_name("left") == "left knee down"
    labels = [
        p.label
        for p in Routine.from_ids(load_catalog(tmp_path), ["test-lunge"]).phases()
        if p.kind == "hold"
    ]
    assert labels == ["Hold: right knee down", "Hold: left knee down"] * 2


def test_without_the_fields_a_stretch_starts_left_and_says_left_side(tmp_path):
    write_stretch(tmp_path, "test-lunge")
    stretch = load_catalog(tmp_path)["test-lunge"]
    assert stretch.sides_in_order == ("left", "right")
    assert stretch.side_name("right") == "right side"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"first_side": "rigth"},
            "first_side: must be 'left' or 'right', got 'rigth'; did you mean 'right'?",
        ),
        ({"side_names": "right knee"}, "side_names: must be a table of both sides"),
        ({"side_names": {"right": "right knee down"}}, "side_names.left: is missing"),
        ({"side_names": NAMES | {"middle": "x"}}, "side_names.middle: is not a side"),
        (
            {"side_names": {"right": "knee down", "left": "left knee down"}},
            "side_names.right: 'knee down' does not say 'right'",
        ),
        (
            {"side_names": {"right": "", "left": "left knee down"}},
            "side_names.right: must be a short text",
        ),
        (
            {"side_names": {"right": "right " + "x" * 40, "left": "left"}},
            "side_names.right: is 46 characters",
        ),
        (
            {"sides": "both", "first_side": "right"},
            'first_side: is only for a stretch with sides = "each"',
        ),
    ],
)
def test_a_bad_side_field_is_named_with_the_fix(tmp_path, fields, expected):
    found = problems(tmp_path, **fields)
    assert any("test-lunge.toml" in p and expected in p for p in found), found


@pytest.mark.parametrize("stretch", ONE_SIDE, ids=lambda s: s.id)
def test_every_one_side_stretch_names_its_sides_by_the_limb(stretch):
    assert stretch.side_names, "give first_side and side_names in the file"
    for side in ("left", "right"):
        name = stretch.side_name(side)
        assert name != f"{side} side" and re.search(rf"\b{side}\b", name), name


@pytest.mark.parametrize("stretch", ONE_SIDE, ids=lambda s: s.id)
def test_the_steps_start_on_the_first_side(stretch):
    words = [m.group(1).lower() for step in stretch.steps for m in SIDE_WORD.finditer(step)]
    assert words and words[0] == stretch.first_side, stretch.steps


@pytest.mark.parametrize("stretch", ONE_SIDE, ids=lambda s: s.id)
def test_the_timer_holds_the_first_side_first_and_says_its_name(stretch):
    timeline = Routine.from_ids(CAT, [stretch.id]).timeline()
    first, second = stretch.sides_in_order
    if stretch.is_movement:  # counted on each side in turn: "Circle · 1 of 8 · right ankle"
        moves = timeline.query("kind == 'move'")
        assert list(dict.fromkeys(moves["side"])) == [first, second]
        assert moves["label"].iloc[0].endswith(f" · {stretch.side_name(first)}")
        assert moves["label"].iloc[-1].endswith(f" · {stretch.side_name(second)}")
        return
    holds = timeline.query("kind == 'hold'")
    assert list(holds["side"][:2]) == [first, second]
    assert list(holds["label"][:2]) == [
        f"Hold: {stretch.side_name(first)}",
        f"Hold: {stretch.side_name(second)}",
    ]


@pytest.mark.parametrize("stretch", ONE_SIDE, ids=lambda s: s.id)
def test_the_picture_of_each_hold_shows_that_limb(stretch):
    shown = marked_side(stretch)
    assert shown is not None, "the pose must tell which side it shows (give it a nose)"
    for side in ("left", "right"):
        picture = svg(stretch, side=side)
        title = ET.fromstring(picture).find(f"{NS}title").text
        assert title.endswith(f"({stretch.side_name(side)})")
        assert (picture == svg(stretch, side="first")) == (side == stretch.first_side)
        posed = svg(stretch, side=shown)  # drawn as posed; the other side is its mirror image
        assert mirrored(posed, svg(stretch, side="left" if shown == "right" else "right"))
