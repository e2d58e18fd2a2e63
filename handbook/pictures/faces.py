"""The front and back of each segment as drawn, so a mark can sit on the side its muscle lies.

In a picture's plane, the front of a segment is found from how the body folds: the knee
bends the shin behind the thigh, the elbow folds the forearm to the front of the upper arm,
the toes point forward from the shin, and the face looks out from the front of the trunk.
Where a limb is straight, the toes (legs) or the face (arms) decide. None when the pose
does not tell, or the front or back faces the viewer (a front or back view, or a body lying
face up or down seen from above): there the face of a limb is not in the picture's plane.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..catalog.pose import Flat, Point, segment_ends

BENT = 0.2  # sine of the smallest angle at a joint that counts as bent (about 12 degrees)


def _unit(vector: Flat) -> Flat | None:
    length = math.hypot(*vector)
    return None if length < 1e-9 else (vector[0] / length, vector[1] / length)


def _sub(a: Point, b: Point) -> Flat:
    return a[0] - b[0], a[1] - b[1]


def _toward(line: Flat, direction: Flat | None) -> Flat | None:
    """The unit normal of a line (2D) on the side a direction points to; None if parallel."""
    u, d = _unit(line), _unit(direction) if direction is not None else None
    if u is None or d is None:
        return None
    normal = (-u[1], u[0])
    side = normal[0] * d[0] + normal[1] * d[1]
    if abs(side) < BENT:
        return None
    return normal if side > 0 else (-normal[0], -normal[1])


def toward_viewer(view: str, points: Mapping[str, Point]) -> str | None:
    """The face of the body turned to the viewer: "front" (a front view, or lying face up seen
    from above), "back" (a back view, or face down from above), or None (it is side-on)."""
    if view in ("front", "back"):
        return view
    if view != "above" or "nose" not in points:
        return None
    nose, head = points["nose"], points["head"]
    up = nose[2] - head[2]
    if abs(up) <= math.hypot(nose[0] - head[0], nose[1] - head[1]):
        return None
    return "front" if up > 0 else "back"


def front_normal(points: Mapping[str, Point], segment: str, side: str | None) -> Flat | None:
    """A unit vector (x, y) from the segment's line toward its front, or None."""
    face: Flat | None = None
    if "nose" in points:
        face = _sub(points["nose"], points["head"])
    if segment in ("torso", "neck"):
        low, high = ("hip", "neck") if segment == "torso" else ("neck", "head")
        return _toward(_sub(points[high], points[low]), face)
    joins = segment_ends(points, segment, side)
    if joins is None:
        return None
    start, end = (points[name] for name in joins)
    line = _sub(end, start)
    toe, ankle = points.get(f"{side}_toe"), points.get(f"{side}_ankle")
    toes = _sub(toe, ankle) if toe is not None and ankle is not None else None
    if segment == "shin":
        return _toward(line, toes)
    if segment == "thigh":
        fold = _sub(points[f"{side}_ankle"], end)  # the shin folds behind the thigh
        return _toward(line, (-fold[0], -fold[1])) or _toward(line, toes)
    if segment == "upper arm":
        wrist = points.get(f"{side}_wrist")
        forearm = _sub(wrist, end) if wrist is not None else None  # the forearm folds in front
        return _toward(line, forearm) or _toward(line, face)
    return None
