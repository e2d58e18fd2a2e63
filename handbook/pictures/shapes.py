"""The outlines of a body's parts in the picture's plane: limbs with volume, a torso that
bends, hands, feet with heel and toes, and a head with a face that shows where it looks.

Everything here is plane geometry in body heights (x right, y up): a shape is a list of
points, closed. Widths are those of an adult of average build, as fractions of height
(after the limb girths of Drillis & Contini's segment tables): drawing thinner or thicker
would not change what the picture teaches, only how much it looks like a person.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import cache

Flat = tuple[float, float]

# Half-widths (radii) of the limbs at their two ends, in body heights.
RADII = {
    "upper arm": (0.026, 0.021),
    "forearm": (0.021, 0.016),
    "thigh": (0.045, 0.03),
    "shin": (0.03, 0.02),
    "neck": (0.022, 0.022),
}
HAND = (0.017, 0.013)  # an open hand, wrist to fingertips
FIST = 0.024  # the radius of a hand closed round a strap, a post or a chair
HEAD = 0.065  # the head's radius (as BODY["head"])
CAP = 6  # points on each round end of a limb

# The torso's thickness seen from the side, (t, front, back) along hip (0) to neck (1),
# and its half-width seen from the front, (t, half): below 0 is the seat, past 1 the
# shoulders' top.
SIDE_TORSO = (
    (-0.2, 0.028, 0.035),
    (-0.08, 0.05, 0.062),
    (0.05, 0.052, 0.066),
    (0.3, 0.048, 0.05),
    (0.62, 0.066, 0.055),
    (0.88, 0.056, 0.055),
    (1.0, 0.04, 0.045),
    (1.07, 0.018, 0.03),
)
FRONT_TORSO = (
    (-0.2, 0.05),
    (-0.08, 0.09),
    (0.05, 0.1),
    (0.3, 0.08),
    (0.62, 0.09),
    (0.88, 0.115),
    (1.0, 0.12),
    (1.07, 0.07),
)


def unit(v: Flat) -> Flat:
    """The vector scaled to length 1 (the x axis for a vector of no length)."""
    length = math.hypot(*v)
    return (1.0, 0.0) if length < 1e-9 else (v[0] / length, v[1] / length)


def perp(v: Flat) -> Flat:
    """The vector turned a quarter turn anticlockwise."""
    return -v[1], v[0]


def add(a: Flat, *terms: tuple[Flat, float]) -> Flat:
    """a plus each vector times its factor."""
    x, y = a
    for v, k in terms:
        x, y = x + v[0] * k, y + v[1] * k
    return x, y


def sub(a: Sequence[float], b: Sequence[float]) -> Flat:
    return a[0] - b[0], a[1] - b[1]


def dot(a: Flat, b: Flat) -> float:
    return a[0] * b[0] + a[1] * b[1]


def arc(centre: Flat, radius: float, start: float, end: float, n: int = CAP) -> list[Flat]:
    """n + 1 points on a circle from angle start to end (radians)."""
    cx, cy, step = centre[0], centre[1], (end - start) / n
    cos, sin = math.cos, math.sin
    return [
        (cx + radius * cos(start + step * i), cy + radius * sin(start + step * i))
        for i in range(n + 1)
    ]


def capsule(a: Flat, b: Flat, ra: float, rb: float) -> list[Flat]:
    """A limb from a to b, ra thick at a and rb at b (radii), with round ends."""
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    half = math.pi / 2
    return arc(b, rb, angle - half, angle + half) + arc(a, ra, angle + half, angle + 3 * half)


def _widths(table: Sequence[tuple[float, ...]], t: float) -> tuple[float, ...]:
    """The table's widths at t, linear between its rows."""
    for (t0, *w0), (t1, *w1) in itertools.pairwise(table):
        if t <= t1:
            k = 0.0 if t1 == t0 else max(0.0, (t - t0) / (t1 - t0))
            return tuple(p + (q - p) * k for p, q in zip(w0, w1, strict=True))
    return tuple(table[-1][1:])


@cache
def _profile(n: int) -> tuple[tuple[float, float, float, float], ...]:
    """(t, front, back, half-width) at each of n + 1 points of the spine (spine_points)."""
    out = []
    for i in range(n + 1):
        t = -0.2 + 1.27 * i / n
        ahead, back = _widths(SIDE_TORSO, t)
        (half,) = _widths(FRONT_TORSO, t)
        out.append((t, ahead, back, half))
    return tuple(out)


def torso(
    spine: Sequence[Flat], front: Flat | None, spread: float, shoulders: float, hips: float
) -> list[Flat]:
    """The trunk's outline round its spine (points hip to neck, evenly in t, ends extended).

    ``front`` points from the spine to the chest (None: symmetric); ``spread`` is how much
    of the shoulder line faces the viewer (0 side-on, 1 face-on); ``shoulders`` and
    ``hips`` are the half-spans of the joints as drawn, which the outline covers.
    """
    n = len(spine) - 1
    right: list[Flat] = []
    left: list[Flat] = []
    for i, (point, (t, ahead_w, back_w, half)) in enumerate(zip(spine, _profile(n), strict=True)):
        ahead = spine[min(i + 1, n)]
        behind = spine[max(i - 1, 0)]
        normal = perp(unit(sub(ahead, behind)))
        if t >= 0.85:
            half = max(half, shoulders + 0.028) if t <= 1.0 else max(half, shoulders - 0.01)
        elif t <= 0.1:
            half = max(half, hips + 0.045)
        if front is None or dot(normal, front) >= 0:
            a, b = ahead_w, back_w
        else:
            a, b = back_w, ahead_w
        if front is None:
            a = b = (a + b) / 2
        wa = a + (half - a) * spread
        wb = b + (half - b) * spread
        right.append(add(point, (normal, wa)))
        left.append(add(point, (normal, -wb)))
    return right + left[::-1]


def spine_points(hip: Flat, bend: Flat | None, neck: Flat, n: int = 10) -> list[Flat]:
    """Points along the spine from just below the hip (t = -0.2) to past the neck (1.07).

    ``bend`` is the middle of the back, which the curve passes halfway (None: straight).
    """
    mid = bend if bend is not None else ((hip[0] + neck[0]) / 2, (hip[1] + neck[1]) / 2)
    control = (2 * mid[0] - (hip[0] + neck[0]) / 2, 2 * mid[1] - (hip[1] + neck[1]) / 2)
    out = []
    for i in range(n + 1):
        t = -0.2 + 1.27 * i / n
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
        out.append(
            (
                a * hip[0] + b * control[0] + c * neck[0],
                a * hip[1] + b * control[1] + c * neck[1],
            )
        )
    return out


def foot(ankle: Flat, toe: Flat, knee: Flat) -> list[Flat]:
    """A foot from the ankle to the toes: heel behind the ankle, sole away from the knee."""
    along = sub(toe, ankle)
    length = math.hypot(*along)
    u = unit(along)
    sole = perp(u)
    if dot(sole, sub(knee, ankle)) > 0:
        sole = (-sole[0], -sole[1])
    # the foot's length along the picture, shortened when it points at the viewer
    reach = max(length, 0.03)
    return [
        add(ankle, (u, -0.022), (sole, -0.02)),
        add(ankle, (u, -0.042), (sole, 0.012)),
        add(ankle, (u, -0.03), (sole, 0.034)),
        add(ankle, (u, 0.02), (sole, 0.036)),
        add(ankle, (u, reach * 0.72), (sole, 0.026)),
        add(ankle, (u, reach + 0.004), (sole, 0.012)),
        add(ankle, (u, reach + 0.002), (sole, -0.004)),
        add(ankle, (u, reach * 0.62), (sole, -0.016)),
        add(ankle, (u, 0.025), (sole, -0.026)),
    ]


def hand(wrist: Flat, tips: Flat, grip: bool) -> list[list[Flat]]:
    """A hand: open (palm and fingers, and a thumb) or closed round something (a fist)."""
    along = sub(tips, wrist)
    u = unit(along)
    if grip:
        centre = add(wrist, (u, min(math.hypot(*along), 0.09) * 0.35))
        return [arc(centre, FIST, 0.0, 2 * math.pi, 16)[:-1]]
    palm = capsule(wrist, tips, *HAND)
    thumb_dir = unit(add(u, (perp(u), 0.9)))
    thumb = capsule(add(wrist, (u, 0.012)), add(wrist, (thumb_dir, 0.045)), 0.008, 0.007)
    return [thumb, palm]
