"""The figure as a person sees it: one body's proportions, props never through it, the named
limb leading, a sentence for every picture, far limbs lighter, few views from above."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from handbook.catalog.body import ANTHROPOMETRY, BODY, LIMBS, SIDES, TOLERANCE
from handbook.catalog.pose import (
    PROPS,
    Prop,
    near_side,
    pose_end_for,
    pose_for,
    read_figure,
    segment_ends,
)
from handbook.pictures.draw import END, FIGURE, marked_side, svg
from handbook.pictures.props import crossings
from handbook.pictures.view import projected
from tests.helpers import builtin_catalog
from tests.pictures.helpers import elements, inside, path_points, standing

CAT = builtin_catalog()
ONE_SIDE = [s for s in CAT if s.sides == "each"]


def _poses(stretch):
    return [p for p in (pose_for(stretch), pose_end_for(stretch)) if p is not None]


def test_the_body_is_a_standard_anthropometric_body():
    assert set(BODY) == set(ANTHROPOMETRY)
    off = {k: round(BODY[k] / ANTHROPOMETRY[k] - 1, 3) for k in BODY}
    assert {k: v for k, v in off.items() if abs(v) > TOLERANCE} == {}
    assert BODY["upper arm"] + BODY["forearm"] + BODY["hand"] < BODY["thigh"] + BODY["shin"] + 0.2


@pytest.mark.parametrize("sid", CAT.ids)
def test_every_drawn_limb_is_its_length_as_the_view_foreshortens_it(catalog, sid):
    """Drawn no longer than the body's segment; shorter only by the depth the view hides."""
    wrong = []
    for pose in _poses(catalog[sid]):
        figure = read_figure(pose)
        points = projected(figure)
        for side in SIDES:
            for segment in LIMBS:
                joins = segment_ends(points, segment, side)
                if joins is None or segment in ("shoulder", "pelvis"):
                    continue
                a, b = (points[n] for n in joins)
                drawn, hidden = math.dist(a[:2], b[:2]), abs(a[2] - b[2])
                model = BODY[segment]
                if drawn > model * (1 + TOLERANCE) or not (
                    model * (1 - TOLERANCE) <= math.hypot(drawn, hidden) <= model * (1 + TOLERANCE)
                ):
                    wrong.append((side, segment, round(drawn, 3), round(hidden, 3)))
    assert wrong == []


def test_the_legs_of_a_standing_side_view_look_alike_in_length(catalog):
    """No standing leg drawn half as long as the other (depth cannot hide a standing leg)."""
    for stretch in catalog:
        pose = pose_for(stretch)
        if pose.get("view", "side") != "side" or stretch.position != "standing":
            continue
        points = projected(read_figure(pose))
        legs = [
            math.dist(points[f"{s}_knee"][:2], points[f"{s}_ankle"][:2])
            + math.dist(points[segment_ends(points, "thigh", s)[0]][:2], points[f"{s}_knee"][:2])
            for s in SIDES
        ]
        assert min(legs) > 0.75 * max(legs), (stretch.id, legs)


@pytest.mark.parametrize("sid", [s.id for s in CAT if any(read_figure(p).props for p in _poses(s))])
def test_no_prop_passes_through_the_body(catalog, sid):
    for pose in _poses(catalog[sid]):
        assert crossings(read_figure(pose)) == []


def test_a_post_through_the_thigh_is_found():
    figure = read_figure(standing())
    knee, hip = figure.points["near_knee"], figure.points["hip"]
    middle = ((knee[0] + hip[0]) / 2, (knee[1] + hip[1]) / 2, 0.0)
    through = figure._replace(props=(Prop("support", (middle[0], 0.6, 0.0)),))
    assert ("support", "near thigh") in crossings(through)
    behind = figure._replace(props=(Prop("support", (middle[0], 0.6, -0.2)),))
    assert crossings(behind) == []  # behind the body: drawn behind it, not through it
    held = figure._replace(props=(Prop("cushion", (middle[0], 0.35, 0.0)),))
    assert ("cushion", "near thigh") not in crossings(held)  # sat or knelt on


def test_a_foot_may_stand_on_a_step_s_edge_but_a_shin_may_not_pass_through_it():
    figure = read_figure(standing())
    ankle, toe = figure.points["near_ankle"], figure.points["near_toe"]
    edge = ((ankle[0] + toe[0]) / 2, 0.04, 0.0)
    assert crossings(figure._replace(props=(Prop("step", edge),))) == []
    knee = figure.points["near_knee"]
    high = ((knee[0] + ankle[0]) / 2 - 0.01, 0.2, 0.0)
    assert ("step", "near shin") in crossings(figure._replace(props=(Prop("step", high),)))
    assert "step" in PROPS


# The first side's picture marks the limb its side name names: a rule for each way the
# catalogue names a side, read from the pose as drawn for that side.
def _angle(points, a, b, c):
    (ax, ay, _), (bx, by, _), (cx, cy, _) = points[a], points[b], points[c]
    u, v = (ax - bx, ay - by), (cx - bx, cy - by)
    return math.degrees(
        math.acos(max(-1, min(1, (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v)))))
    )


def _facing(points):
    return 1.0 if points["nose"][0] >= points["head"][0] else -1.0


RULES = {
    r"knee bent": lambda p, n, o: (
        _angle(p, f"{n}_hip" if f"{n}_hip" in p else "hip", f"{n}_knee", f"{n}_ankle")
        < _angle(p, f"{o}_hip" if f"{o}_hip" in p else "hip", f"{o}_knee", f"{o}_ankle")
    ),
    r"knee down": lambda p, n, o: p[f"{n}_knee"][1] < p[f"{o}_knee"][1],
    r"leg back": lambda p, n, o: (p[f"{n}_ankle"][0] - p[f"{o}_ankle"][0]) * _facing(p) < 0,
    # crossed behind the other leg (farther from the viewer), or stepped back
    r"leg behind": lambda p, n, o: (
        p[f"{n}_ankle"][2] < p[f"{o}_ankle"][2]
        or (p[f"{n}_ankle"][0] - p[f"{o}_ankle"][0]) * _facing(p) < 0
    ),
    r"leg in front": lambda p, n, o: (p[f"{n}_ankle"][0] - p[f"{o}_ankle"][0]) * _facing(p) > 0,
    r"arm (up|overhead)": lambda p, n, o: p[f"{n}_elbow"][1] > p[f"{o}_elbow"][1],
    r"leg up": lambda p, n, o: p[f"{n}_ankle"][1] > p[f"{o}_ankle"][1],
    r"heel to buttock|foot in hand": lambda p, n, o: p[f"{n}_ankle"][1] > p[f"{o}_ankle"][1],
}


@pytest.mark.parametrize("stretch", ONE_SIDE, ids=lambda s: s.id)
def test_the_first_side_shows_the_limb_its_side_name_names(stretch):
    """The near/far limbs the name means, as drawn for the first side (mirrored or not)."""
    first = stretch.first_side
    name = stretch.side_name(first)
    assert first in name  # every built-in side name says its side
    pose = pose_for(stretch)
    posed_near = near_side(pose)
    assert posed_near is not None
    flipped = marked_side(stretch, pose) != first
    drawn_near = posed_near if not flipped else ("left" if posed_near == "right" else "right")
    named, other = ("near", "far") if drawn_near == first else ("far", "near")
    points = projected(read_figure(pose))
    rules = [rule for pattern, rule in RULES.items() if re.search(pattern, name)]
    for rule in rules:
        assert rule(points, named, other), f"{stretch.id}: {name!r} is not what the picture shows"
    lead = pose.get("lead", pose.get("stretched", "near"))
    if isinstance(lead, str) and lead in SIDES and not rules:
        assert lead == named  # otherwise the side is named for the leading (or stretched) limb


def test_the_side_lunge_names_its_bent_knee(catalog):
    rules = [r for p, r in RULES.items() if re.search(p, "right knee bent")]
    pose = pose_for(catalog["supported-side-lunge"])
    points = projected(read_figure(pose))
    assert rules[0](points, "near", "far") and not rules[0](points, "far", "near")


@pytest.mark.parametrize("sid", CAT.ids)
def test_every_picture_says_what_it_shows(catalog, sid):
    stretch = catalog[sid]
    sides = ("left", "right") if stretch.sides == "each" else ("first",)
    for side in sides:
        root = ET.fromstring(svg(stretch, side=side))
        assert root.get("role") == "img"
        words = root.get("aria-label")
        assert words and words in root.find("{http://www.w3.org/2000/svg}desc").text
        if stretch.sides == "each":
            assert stretch.side_name(side) in words
        assert all(muscle in words for muscle in stretch.primary)
        assert len(words.split()) >= 8


def test_the_sentence_swaps_left_and_right_for_the_second_side(catalog):
    stretch = catalog["kneeling-hip-flexor"]
    first = ET.fromstring(svg(stretch, side=stretch.first_side)).get("aria-label")
    second = ET.fromstring(svg(stretch, side="second")).get("aria-label")
    assert "right" in first and first != second
    assert first.replace("right", "@").replace("left", "right").replace("@", "left") == second


def test_far_limbs_are_a_lighter_grey_and_blue_is_only_the_other_end(catalog):
    picture = svg(catalog["standing-quad"])  # a side view
    far = [e for e in elements(picture, "hb-far") if "hb-body" in e.get("class", "")]
    near = [e for e in elements(picture, "hb-near") if "hb-body" in e.get("class", "")]
    assert {e.get("fill") for e in far} == {FIGURE.far_fill}
    assert {e.get("fill") for e in near} == {FIGURE.fill}
    for stretch in catalog:  # direction arrows share the blue: they point where things go
        drawn = re.sub(r'<g class="hb-move-arrow".*?</g>', "", svg(stretch), flags=re.S)
        blue = END.line in drawn or END.fill in drawn
        assert blue == stretch.is_movement, stretch.id


def test_at_most_two_pictures_are_seen_from_above(catalog):
    above = [s.id for s in catalog if pose_for(s).get("view") == "above"]
    assert len(above) <= 2, above


@pytest.mark.parametrize("sid", CAT.ids)
def test_every_mark_lies_inside_the_outline_of_its_part(catalog, sid):
    picture = svg(catalog[sid])
    root = ET.fromstring(picture)
    outlines = {}
    for e in root.iter():
        classes = e.get("class", "").split()
        if "hb-body" in classes:
            side = next((c[3:] for c in classes if c in ("hb-near", "hb-far")), None)
            segment = next(
                c[3:].replace("-", " ")
                for c in classes
                if c not in ("hb-body",) and c != f"hb-{side}"
            )
            outlines.setdefault(f"{side} {segment}" if side else segment, []).append(
                path_points(e.get("d"))
            )
    checked = 0
    for e in root.iter():
        on = e.get("data-on")
        if not on or on not in outlines:
            continue
        if e.tag.endswith("circle"):
            points = [(float(e.get("cx")), float(e.get("cy")))]
        else:
            points = path_points(e.get("d"))
        assert all(any(inside(p, o) for o in outlines[on]) for p in points), (
            sid,
            on,
            e.find("{http://www.w3.org/2000/svg}title").text,
        )
        checked += 1
    assert checked or not (catalog[sid].primary)
