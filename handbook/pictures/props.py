"""The props a body uses, as outlines in the picture's plane (body heights, y up).

A chair, a wall, a door frame, a post to hold and a cushion; a strap is drawn from the
keypoints it runs through (draw.py). In a "three-quarter" view a cushion is a pad on the
floor seen at a slant; from "above", a square.
"""

from __future__ import annotations

import math

from ..catalog.pose import Flat, Prop

ELEVATION = math.radians(35)  # as draw.ELEVATION: how a "three-quarter" view looks down


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
    if kind == "support":
        return [
            (
                [(x - 0.012, 0.0), (x - 0.012, y + 0.03), (x + 0.012, y + 0.03), (x + 0.012, 0.0)],
                True,
            ),
            ([(x - 0.06, 0.0), (x + 0.06, 0.0), (x + 0.05, 0.02), (x - 0.05, 0.02)], True),
        ]
    return [([(x - 0.1, y), (x + 0.1, y), (x + 0.09, y + 0.045), (x - 0.09, y + 0.045)], True)]
