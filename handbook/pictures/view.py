"""Where a pose's keypoints are drawn: the picture's plane of each view, and depth.

Side, front and back views draw x and y as they are, z being the depth toward the viewer.
"above" draws the floor from overhead (z, the height, is the depth). "three-quarter" is the
floor seen at a slant from a raised eye in front of it: x runs along the floor, y across it
(away from the viewer), z up from it, and the eye looks down at ``ELEVATION``.
"""

from __future__ import annotations

import math

from ..catalog.pose import Figure, Point

ELEVATION = math.radians(35)


def project(view: str, point: Point) -> Point:
    """A keypoint as drawn: (x, y) in the picture's plane and its depth toward the viewer."""
    x, y, z = point
    if view == "three-quarter":
        s, c = math.sin(ELEVATION), math.cos(ELEVATION)
        return x, y * s + z * c, z * s - y * c
    return x, y, z


def projected(figure: Figure) -> dict[str, Point]:
    """The figure's keypoints as drawn."""
    return {name: project(figure.view, p) for name, p in figure.points.items()}
