"""Direction arrows: what moves where in a movement, from its start to where it turns.

Worked out from the two poses alone: the keypoints that move most, one per limb (a near
and far limb moving alike count once), each given an arrow from where it starts to where
it ends. One that turns about its limb's root (a knee about the hip, a hand about the
shoulder, the face about the neck) gets a curved arrow round that root, drawn just outside
the path the point itself takes; one that slides gets a straight arrow beside its path,
on the side away from the body. Coordinates are the picture's plane, in body heights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from ..catalog.pose import Flat, Point
from . import shapes

LEAST = 0.035  # a keypoint that moves less than this (body heights) gets no arrow
SHARE = 0.5  # a second limb gets an arrow when it moves at least this share of the first
MOST = 2  # arrows in one picture, at most
CLEAR = 0.06  # how far outside a point's own path its arrow runs
FACE_CLEAR = 0.11  # the face's arrow runs clear of the head
BOW = 0.18  # a straight arrow bows out this share of its length, to read as a move
SHORTEST = 0.13  # a straight arrow's least length
LEVEL = 0.35  # a head moving this level or more (sine of its slope) glides: a chin tuck
TURN = math.radians(30)  # a turn about the root at least this large is drawn curved

# the keypoints of each limb, tip first, each with the keypoint it turns about (the second
# is used when the pose leaves the first out); the head and trunk make one limb
GROUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "arm": (("hand", "shoulder"), ("wrist", "shoulder"), ("elbow", "shoulder"), ("shoulder", "")),
    "leg": (("toe", "hip"), ("ankle", "hip"), ("knee", "hip")),
    "axis": (("nose", "neck"), ("head", "neck"), ("spine", "hip"), ("neck", "hip"), ("hip", "")),
}
# roots tried in turn when a point does not turn about its first: a face that tips with the
# head, or the whole trunk hinging at the hip
OTHER_ROOTS = {"nose": ("head", "hip"), "head": ("hip",)}
FALLBACK = {"shoulder": "neck", "hip": "hip"}


class Arrow(NamedTuple):
    """One arrow: the keypoint it follows, and its path from start to end (tip last)."""

    keypoint: str
    path: list[Flat]
    curved: bool


def _flat(p: Point) -> Flat:
    return p[0], p[1]


def _candidates(a: Mapping[str, Point], b: Mapping[str, Point]) -> list[tuple[float, str, str]]:
    """(distance moved, keypoint, root keypoint): the farthest-moving point of each limb."""
    found = []
    for group, members in GROUPS.items():
        for side in ("near", "far") if group != "axis" else ("",):
            best: tuple[float, str, str] | None = None
            for member, joint in members:
                name = f"{side}_{member}" if side else member
                if name not in a or name not in b:
                    continue
                moved = math.dist(_flat(a[name]), _flat(b[name]))
                root = f"{side}_{joint}" if side and joint else joint
                if root and root not in a:
                    root = FALLBACK.get(joint, "")
                if best is None or moved > best[0] + 0.01:
                    best = (moved, name, root)
            if best is not None and best[0] >= LEAST:
                found.append(best)
    found.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[tuple[float, str, str]] = []
    for moved, name, root in found:
        if chosen and moved < SHARE * chosen[0][0]:
            break
        if _twin(name, chosen, a, b):
            continue
        chosen.append((moved, name, root))
        if len(chosen) == MOST:
            break
    return chosen


def _twin(
    name: str, chosen: list[tuple[float, str, str]], a: Mapping[str, Point], b: Mapping[str, Point]
) -> bool:
    """Whether the point moves as one already chosen does (the other side's same joint)."""
    for _, other, _ in chosen:
        if other.split("_", 1)[-1] != name.split("_", 1)[-1]:
            continue
        ours = shapes.sub(_flat(b[name]), _flat(a[name]))
        theirs = shapes.sub(_flat(b[other]), _flat(a[other]))
        if math.dist(ours, theirs) < 0.4 * math.hypot(*theirs) + 0.02:
            return True
    return False


def _centre(points: Mapping[str, Point]) -> Flat:
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _arc(root: Flat, start: Flat, end: Flat) -> list[Flat] | None:
    """Points round root from start's direction to end's, just outside them; None when the
    turn is too small to read as one."""
    r0, r1 = math.dist(root, start), math.dist(root, end)
    if min(r0, r1) < 0.04:
        return None
    t0 = math.atan2(start[1] - root[1], start[0] - root[0])
    t1 = math.atan2(end[1] - root[1], end[0] - root[0])
    sweep = (t1 - t0 + math.pi) % (2 * math.pi) - math.pi  # the shorter way round
    if abs(sweep) < TURN:
        return None
    n = max(6, int(abs(sweep) / math.radians(8)))
    out = []
    for i in range(n + 1):
        k = i / n
        t = t0 + sweep * k
        r = r0 + (r1 - r0) * k + CLEAR
        out.append((root[0] + r * math.cos(t), root[1] + r * math.sin(t)))
    return out


def _face_turn(head: Point, nose: Point, turned: Point) -> list[Flat] | None:
    """A face turning more toward or away from the viewer than across: a flat curved arrow
    over the head, round the neck's upright axis, its tip the way the face turns."""
    across = turned[0] - nose[0]
    if abs(turned[2] - nose[2]) < abs(across) * 0.5 or abs(across) < 1e-6:
        return None
    sign = 1.0 if across > 0 else -1.0
    cx, cy = head[0], head[1] + shapes.HEAD + 0.05
    out = []
    for i in range(13):
        t = math.radians(205 + 130 * i / 12)  # the near half of a ring seen from above
        out.append((cx + sign * 0.1 * math.cos(t), cy + 0.035 * math.sin(t)))
    return out


def _on_still_shoulders(start: Mapping[str, Point], end: Mapping[str, Point], moved: float) -> bool:
    """Whether the head slides on its own: the base of the neck stays nearly where it was
    and the face keeps its direction (a tilt turns it)."""
    if not {"head", "neck"} <= start.keys() or "neck" not in end:
        return False
    if math.dist(_flat(start["neck"]), _flat(end["neck"])) >= 0.3 * moved:
        return False
    if "nose" not in start or "nose" not in end or "head" not in end:
        return True
    face = [shapes.sub(_flat(p["nose"]), _flat(p["head"])) for p in (start, end)]
    turned = math.atan2(face[1][1], face[1][0]) - math.atan2(face[0][1], face[0][0])
    return abs((turned + math.pi) % (2 * math.pi) - math.pi) < math.radians(12)  # not a tilt


def _glide(start: Mapping[str, Point], name: str, u: Flat, moved: float) -> list[Flat]:
    """A head gliding level (a chin tuck): a short straight arrow at chin height, level,
    ending just ahead of the face and pointing the way the head goes, so it cannot read as
    the head tipping."""
    head, face = _flat(start["head"]), _flat(start[name])
    ahead = face[0] if name == "nose" else head[0] - u[0] * shapes.HEAD
    chin = head[1] - 0.8 * shapes.HEAD
    tip = (ahead - u[0] * 0.035, chin)
    length = max(moved, SHORTEST * 0.8)
    tail = (tip[0] - u[0] * length, chin)
    return [tail, tip]


def arrows(
    start: Mapping[str, Point], end: Mapping[str, Point], floor: float | None = None
) -> list[Arrow]:
    """The arrows of a movement between two poses' projected keypoints, biggest move first.
    With ``floor`` (the floor's height in the picture, where it is a line), no arrow runs
    below it: a turn that would is drawn straight, a slide along it runs above it.

    >>> a = {"hip": (0.0, 0.1, 0.0), "near_knee": (0.0, 0.35, 0.0)}
    >>> b = {"hip": (0.0, 0.1, 0.0), "near_knee": (0.245, 0.1, 0.0)}
    >>> [(x.keypoint, x.curved) for x in arrows(a, b)]
    [('near_knee', True)]
    """
    out = []
    centre = _centre(start)
    for moved, name, root in _candidates(start, end):
        a, b = _flat(start[name]), _flat(end[name])
        if name == "nose" and "head" in start:
            turn = _face_turn(start["head"], start[name], end[name])
            if turn is not None:
                out.append(Arrow(name, turn, True))
                continue
        u = shapes.unit(shapes.sub(b, a))
        if (
            name in ("nose", "head")
            and abs(u[1]) < LEVEL
            and _on_still_shoulders(start, end, moved)
        ):
            out.append(Arrow(name, _glide(start, name, u, moved), False))
            continue
        pivot = _flat(start[root]) if root and root in start else None
        still = (
            pivot is not None and root in end and math.dist(pivot, _flat(end[root])) < 0.3 * moved
        )
        arc = _arc(pivot, a, b) if still and pivot is not None else None
        for other in OTHER_ROOTS.get(name, ()):
            if arc is not None or other not in start or other not in end:
                continue
            pivot = _flat(start[other])
            if math.dist(pivot, _flat(end[other])) < 0.3 * moved:
                arc = _arc(pivot, a, b)
        if arc is not None and (floor is None or min(p[1] for p in arc) >= floor):
            out.append(Arrow(name, arc, True))
            continue
        n = shapes.perp(u)
        mid = shapes.add(a, (shapes.sub(b, a), 0.5))
        if shapes.dot(shapes.sub(mid, centre), n) < 0:  # beside the path, away from the body
            n = (-n[0], -n[1])
        if floor is not None and n[1] < 0 and min(a[1], b[1]) + n[1] * CLEAR * 2 < floor:
            n = (-n[0], -n[1])  # along the floor: above it
        clear = FACE_CLEAR if name in ("nose", "head") else CLEAR
        trim = min(0.2 * moved, 0.02)
        tail, tip = shapes.add(a, (n, clear), (u, trim)), shapes.add(b, (n, clear), (u, -trim))
        short = SHORTEST - math.dist(tail, tip)
        if short > 0:  # a small move still gets an arrow long enough to read
            tail = shapes.add(tail, (u, -short))
        steps = 8
        bowed = [
            shapes.add(
                shapes.add(tail, (shapes.sub(tip, tail), i / steps)),
                (n, 4 * BOW * moved * (i / steps) * (1 - i / steps)),
            )
            for i in range(steps + 1)
        ]
        out.append(Arrow(name, bowed, False))
    return out
