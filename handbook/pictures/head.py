"""The head: a face in profile, a face seen from the front, or the back of the head.

The hair covers the back and top of the head, so even a small picture shows which way the
person looks: the face is where the hair is not. In plane geometry, body heights.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .shapes import HEAD, Flat, add, arc, dot, perp, unit

PROFILE = 0.4  # the nose this far off the head's centre (in head radii) turns the face side-on


class Head(NamedTuple):
    """The head's parts: its circle, the hair, the features (lines, dots) and the ears."""

    hair: list[Flat]
    features: list[list[Flat]]  # short open lines: a nose, a mouth, brows
    eyes: list[Flat]
    ears: list[Flat]
    facing: str  # "profile", "front" or "back"


def _crown(head: Flat, neck: Flat, look: Flat) -> Flat:
    """Toward the top of the head, square to the way it looks."""
    up = unit((head[0] - neck[0], head[1] - neck[1]))
    across = (up[0] - dot(up, look) * look[0], up[1] - dot(up, look) * look[1])
    if math.hypot(*across) < 0.2:  # looking along the neck: the crown is a quarter turn off
        return perp(look)
    return unit(across)


def head_parts(head: Flat, neck: Flat, nose: Flat | None, depth: float, view: str) -> Head:
    """The head's parts. ``nose`` is the nose in the plane (None: not given), ``depth`` how
    far the nose is toward the viewer from the head's centre (face-on when it is)."""
    r = HEAD
    up = unit((head[0] - neck[0], head[1] - neck[1]))
    off = (0.0, 0.0) if nose is None else (nose[0] - head[0], nose[1] - head[1])
    side_on = math.hypot(*off) >= PROFILE * r
    if view == "back" or (view != "front" and not side_on and depth < 0):
        facing = "back"
    elif view == "front" or (not side_on and (depth > 0 or nose is None)):
        facing = "front"
    else:
        facing = "profile"
    if facing == "back":
        ears = [add(head, (perp(up), r * 0.98)), add(head, (perp(up), -r * 0.98))]
        hair = arc(head, r * 0.99, 0.0, 2 * math.pi, 20)[:-1]
        return Head(hair, [], [], ears, facing)
    if facing == "front":
        gaze = (off[0] * 0.5, off[1] * 0.5) if view != "front" else (off[0] * 0.8, off[1] * 0.8)
        across = perp(up)
        centre = add(head, (gaze, 1.0))
        eyes = [add(centre, (up, r * 0.12), (across, k * r * 0.36)) for k in (-1, 1)]
        mouth = [add(centre, (up, -r * 0.45), (across, k * r * 0.22)) for k in (-1, 0, 1)]
        mouth[1] = add(mouth[1], (up, -r * 0.08))
        nose_line = [add(centre, (up, r * 0.02)), add(centre, (up, -r * 0.2))]
        angle = math.atan2(up[1], up[0])
        hair = arc(head, r * 0.99, angle - 1.45, angle + 1.45, 12)
        hair += [add(head, (up, r * 0.5), (across, -r * 0.45)), add(head, (up, r * 0.62))]
        hair += [add(head, (up, r * 0.5), (across, r * 0.45))]
        ears = [add(head, (across, r * 1.0)), add(head, (across, -r * 1.0))]
        return Head(hair, [mouth, nose_line], eyes, ears, facing)
    look = unit(off)
    crown = _crown(head, neck, look)
    angle = math.atan2(look[1], look[0])
    turn = 1.0 if dot(perp(look), crown) > 0 else -1.0  # which way round is the crown
    # the hair: from above the brow over the crown and down the back of the head
    start, end = angle + turn * 1.15, angle + turn * 3.5
    hair = arc(head, r * 0.99, start, end, 14)
    hair.append(add(head, (look, -r * 0.45), (crown, r * 0.35)))
    tip = add(head, (look, r * 1.22), (crown, -r * 0.05))
    nose_line = [
        add(head, (look, r * 0.96), (crown, r * 0.18)),
        tip,
        add(head, (look, r * 0.94), (crown, -r * 0.2)),
    ]
    mouth = [
        add(head, (look, r * 0.9), (crown, -r * 0.48)),
        add(head, (look, r * 0.7), (crown, -r * 0.5)),
    ]
    eye = add(head, (look, r * 0.62), (crown, r * 0.12))
    return Head(hair, [nose_line, mouth], [eye], [], facing)  # the hair hides the ear
