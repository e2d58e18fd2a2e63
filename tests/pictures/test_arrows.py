"""Direction arrows: every movement shows what moves where, from its start to its end."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from handbook.catalog.pose import check_pose, pose_end_for, pose_for, read_figure
from handbook.pictures.arrows import arrows
from handbook.pictures.draw import svg
from handbook.pictures.view import projected
from tests.helpers import builtin_catalog
from tests.pictures.helpers import NS, elements, path_points

CAT = builtin_catalog()
MOVEMENTS = [s.id for s in CAT if s.is_movement]
GLIDES = {"chin-tucks"}  # a head sliding level: a push at the chin, not a path (see below)


def _ends(group: ET.Element) -> tuple[tuple[float, float], tuple[float, float]]:
    a, b = path_points(group.get("data-ends", ""))
    return a, b


@pytest.mark.parametrize("sid", MOVEMENTS)
def test_every_movement_has_an_arrow_from_start_to_end(catalog, sid):
    for side in ("first", "second"):
        picture = svg(catalog[sid], side=side)
        groups = elements(picture, "hb-move-arrow")
        assert groups, f"{sid}: no direction arrow"
        for group in groups:
            start, end = _ends(group)
            if sid in GLIDES:
                continue
            line = next(e for e in group.iter() if "hb-arrow-line" in e.get("class", ""))
            points = path_points(line.get("d"))
            tail, tip = points[0], points[-1]
            # the arrow starts by the moving part's start and points at where it ends
            assert math.dist(tail, start) < math.dist(tail, end)
            assert math.dist(tip, end) < math.dist(tip, start)
            assert math.dist(tip, end) < 0.6 * math.dist(start, end) + 8


@pytest.mark.parametrize("sid", MOVEMENTS)
def test_arrows_lie_inside_the_picture(catalog, sid):
    picture = svg(catalog[sid])
    extent = float(ET.fromstring(picture).get("viewBox").split()[2])
    for group in elements(picture, "hb-move-arrow"):
        for element in group.iter(f"{NS}path"):
            for x, y in path_points(element.get("d")):
                assert 0 <= x <= extent and 0 <= y <= extent


@pytest.mark.parametrize("sid", MOVEMENTS)
def test_an_arrow_follows_a_part_that_moves_most(catalog, sid):
    stretch = catalog[sid]
    a = projected(read_figure(pose_for(stretch)))
    b = projected(read_figure(pose_end_for(stretch)))
    moved = {k: math.dist(a[k][:2], b[k][:2]) for k in a if k in b}
    found = arrows(a, b)
    assert found and found[0].keypoint in moved
    assert moved[found[0].keypoint] >= 0.8 * max(moved.values())


def test_a_hold_has_an_arrow_only_where_its_pose_says_where_it_starts(catalog):
    for stretch in catalog:
        if not stretch.is_movement:
            eased = isinstance(stretch.pose, dict) and "from" in stretch.pose
            assert bool(elements(svg(stretch), "hb-move-arrow")) == eased, stretch.id


def test_a_hold_s_from_is_checked():
    pose = dict(pose_for(CAT["neck-turn"]))
    assert not check_pose({**pose, "from": {"nose": [0.0, 0.95, 0.06]}})
    assert check_pose({**pose, "from": {"nosee": [0.0, 0.95]}}) == [
        "from.nosee is not a keypoint of this pose; did you mean 'nose'?"
    ]
    assert "from must be a table" in check_pose({**pose, "from": [1, 2]})[0]


def test_no_arrow_when_nothing_moves():
    still = {"hip": (0.0, 0.5, 0.0), "near_knee": (0.0, 0.25, 0.0)}
    assert arrows(still, still) == []


def test_a_turn_about_a_still_joint_is_curved_and_a_slide_straight():
    hip = (0.0, 0.1, 0.0)
    turned = arrows(
        {"hip": hip, "near_knee": (0.0, 0.35, 0.0)}, {"hip": hip, "near_knee": (0.245, 0.1, 0.0)}
    )
    assert [(x.keypoint, x.curved) for x in turned] == [("near_knee", True)]
    slid = arrows({"hip": (0.0, 0.5, 0.0)}, {"hip": (0.1, 0.5, 0.0)})
    assert [(x.keypoint, x.curved) for x in slid] == [("hip", False)]


def test_a_head_gliding_level_gets_a_level_push_at_the_chin_not_a_tip(catalog):
    """A chin tuck: the head slides straight back on still shoulders. Its arrow is short,
    straight and level, ahead of the face at chin height, pointing back (a curve over the
    head read as tipping the head back, the opposite of a tuck)."""
    figure = read_figure(pose_for(catalog["chin-tucks"]))
    a, b = projected(figure), projected(read_figure(pose_end_for(catalog["chin-tucks"])))
    (arrow,) = arrows(a, b, 0.0)
    assert arrow.keypoint == "nose" and not arrow.curved
    (tx, ty), (px, py) = arrow.path[0], arrow.path[-1]
    assert ty == py and px < tx  # level, pointing back (the face looks to +x)
    assert 0.08 < tx - px < 0.15
    assert a["head"][1] - 0.07 < py < a["head"][1]  # at the chin
    assert px > a["nose"][0]  # ahead of the face, not over the head
    # a head that tilts (its face turns with it) keeps its curved arrow
    tilt = {"hip": (0.0, 0.5, 0.0), "neck": (0.0, 0.8, 0.0), "head": (0.0, 0.915, 0.0)}
    tilted = {**tilt, "head": (0.06, 0.9, 0.0)}
    tilt["nose"], tilted["nose"] = (0.0, 0.9, 0.06), (0.068, 0.887, 0.06)
    assert [x.curved for x in arrows(tilt, tilted)] == [True]


def _eased(stretch):
    """(start, end) projected keypoints of a movement, or of a hold with a ``from``."""
    figure = read_figure(pose_for(stretch))
    end = pose_end_for(stretch)
    if end is not None:
        return figure, projected(figure), projected(read_figure(end))
    if figure.start:
        before = figure._replace(points={**figure.points, **figure.start})
        return figure, projected(before), projected(figure)
    return figure, None, None


@pytest.mark.parametrize("sid", CAT.ids)
def test_no_arrow_runs_below_a_floor_line(catalog, sid):
    figure, a, b = _eased(catalog[sid])
    if a is None or figure.view in ("above", "three-quarter"):
        return
    for arrow in arrows(a, b, 0.0):
        assert min(y for _, y in arrow.path) >= -0.005, arrow.keypoint
