"""The props a body uses, as outlines in the picture's plane (body heights, y up).

A chair, a wall, a door frame, a post to hold, a cushion and a step (two stairs); a strap
is drawn from the keypoints it runs through (draw.py). In a "three-quarter" view a cushion
is a pad on the floor seen at a slant; from "above", a square. A chair in a front or back
view is seen from the front.

A prop is in front of the body or behind it, never through it: its ``at`` may give a
depth (z) as a keypoint does. One nearer than ``AHEAD`` is drawn in front of the body, one
farther than ``-AHEAD`` behind it; one in the body's own plane is drawn behind and must not
cross the body in the picture, except where a hand holds it or the body rests on it
(``touches``).
"""

from __future__ import annotations

import math

from ..catalog.body import LIMBS, SIDES
from ..catalog.pose import Figure, Flat, Prop, segment_ends
from .view import ELEVATION, projected

AHEAD = 0.1  # a prop this far toward the viewer from the body's plane is in front of it


def depth(prop: Prop, view: str) -> str:
    """Where a prop is: "front" of the body, "behind" it, or in its "plane". Seen from the
    front (or the back), a chair is behind the person sitting on it."""
    z = prop.at[2]
    if prop.kind == "chair" and view in ("front", "back"):
        return "behind"
    return "front" if z > AHEAD else "behind" if z < -AHEAD else "plane"


def touches(prop: Prop, segment: str) -> bool:
    """Whether a body segment may meet the prop in the picture: a hand holds a post, a chair
    or a frame; a body lies or kneels on a cushion; a foot stands on a step's edge."""
    return segment == "hand" or prop.kind == "cushion" or (prop.kind, segment) == ("step", "foot")


def prop_shapes(prop: Prop, view: str = "side") -> list[tuple[list[Flat], bool]]:
    """The outlines of a prop other than a strap: (points, closed) in body heights."""
    x, y, z = prop.at
    kind = prop.kind
    if kind == "cushion" and view == "above":  # a square pad, seen from overhead
        half = 0.07
        return [
            (
                [
                    (x - half, y - half),
                    (x + half, y - half),
                    (x + half, y + half),
                    (x - half, y + half),
                ],
                True,
            )
        ]
    if kind == "cushion" and view == "three-quarter":  # a pad on the floor, seen at a slant
        s, c = math.sin(ELEVATION), math.cos(ELEVATION)
        top = z * c
        near, far = (y - 0.07) * s, (y + 0.07) * s
        return [
            (
                [
                    (x - 0.09, near + top),
                    (x + 0.09, near + top),
                    (x + 0.1, far + top + 0.04 * c),
                    (x - 0.1, far + top + 0.04 * c),
                ],
                True,
            )
        ]
    if kind == "chair" and view in ("front", "back"):  # seen from the front: seat, legs, back
        half, seat = 0.15, 0.03
        shapes = [
            ([(x - half, y), (x + half, y), (x + half, y - seat), (x - half, y - seat)], True),
            ([(x - half + 0.012, y - seat), (x - half + 0.012, 0.0)], False),
            ([(x + half - 0.012, y - seat), (x + half - 0.012, 0.0)], False),
        ]
        if prop.back != "none":  # behind the person: its top shows beside the shoulders
            top = y + 0.3
            shapes.insert(
                0,
                (
                    [
                        (x - half + 0.01, y),
                        (x - half + 0.01, top),
                        (x + half - 0.01, top),
                        (x + half - 0.01, y),
                    ],
                    True,
                ),
            )
        return shapes
    if kind == "chair":
        half, seat = 0.12, 0.025
        shapes = [
            ([(x - half, y), (x + half, y), (x + half, y - seat), (x - half, y - seat)], True),
            ([(x - half + 0.012, y - seat), (x - half + 0.012, 0.0)], False),
            ([(x + half - 0.012, y - seat), (x + half - 0.012, 0.0)], False),
        ]
        back = prop.back
        if back in ("left", "right"):
            edge, lean = (x - half, -0.02) if back == "left" else (x + half, 0.02)
            shapes.append(([(edge, y), (edge + lean, y + 0.32)], False))
        elif back == "behind":
            shapes.insert(
                0, ([(x - half, y), (x - half, y + 0.3), (x + half, y + 0.3), (x + half, y)], True)
            )
        return shapes
    if kind in ("wall", "door-frame"):
        high = 1.2 if kind == "wall" else 1.12
        shapes = [
            ([(x - 0.015, 0.0), (x - 0.015, high), (x + 0.015, high), (x + 0.015, 0.0)], True)
        ]
        if kind == "door-frame":
            shapes.append(
                (
                    [
                        (x - 0.06, high),
                        (x + 0.06, high),
                        (x + 0.06, high + 0.04),
                        (x - 0.06, high + 0.04),
                    ],
                    True,
                )
            )
        return shapes
    if kind == "step":  # the bottom stair, its edge at ``at``, and the next one up
        tread = 0.24
        rise = max(y, 0.05)
        return [
            ([(x, 0.0), (x, rise), (x + tread, rise), (x + tread, 0.0)], True),
            (
                [
                    (x + tread, 0.0),
                    (x + tread, 2 * rise),
                    (x + 2 * tread, 2 * rise),
                    (x + 2 * tread, 0.0),
                ],
                True,
            ),
        ]
    if kind == "support":
        return [
            (
                [(x - 0.012, 0.0), (x - 0.012, y + 0.03), (x + 0.012, y + 0.03), (x + 0.012, 0.0)],
                True,
            ),
            ([(x - 0.06, 0.0), (x + 0.06, 0.0), (x + 0.05, 0.02), (x - 0.05, 0.02)], True),
        ]
    return [([(x - 0.1, y), (x + 0.1, y), (x + 0.09, y + 0.045), (x - 0.09, y + 0.045)], True)]


def _crosses(a: Flat, b: Flat, c: Flat, d: Flat) -> bool:
    """Whether segment ab crosses segment cd (touching ends do not count)."""

    def turn(p: Flat, q: Flat, r: Flat) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0


JOINT_ROOM = 0.15  # a joint may rest on a prop: this much of each end of a bone is let be


def crossings(figure: Figure) -> list[tuple[str, str]]:
    """(prop kind, body segment) for each prop in the body's plane that a segment passes
    through in the picture; [] when every prop is in front, behind, held or rested on."""
    points = projected(figure)
    bones: list[tuple[str, Flat, Flat]] = []
    for segment in ("torso", *LIMBS):
        for side in (None,) if segment == "torso" else SIDES:
            joins = segment_ends(points, segment, side)
            if joins is None or segment in ("shoulder", "pelvis"):
                continue
            (ax, ay, _), (bx, by, _) = (points[name] for name in joins)
            k0, k1 = JOINT_ROOM, 1 - JOINT_ROOM
            start = (ax + (bx - ax) * k0, ay + (by - ay) * k0)
            end = (ax + (bx - ax) * k1, ay + (by - ay) * k1)
            name = segment if side is None else f"{side} {segment}"
            bones.append((name, start, end))
    found = []
    for prop in figure.props:
        if depth(prop, figure.view) != "plane":
            continue
        for shape, closed in prop_shapes(prop, figure.view):
            edges = list(zip(shape, shape[1:] + (shape[:1] if closed else []), strict=False))
            for name, a, b in bones:
                if touches(prop, name.split(" ", 1)[-1]):
                    continue
                if any(_crosses(a, b, c, d) for c, d in edges):
                    found.append((prop.kind, name))
    return sorted(set(found))
