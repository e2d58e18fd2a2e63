"""The pose format: a stretch's ``[pose]`` keypoints, their checks, and the neutral poses.

A stretch file may end with a ``[pose]`` table of named keypoints (a movement may add a
``[pose_end]`` in the same format and view: where the movement turns, drawn with the
``[pose]`` in one picture)::

    [pose]
    view = "side"              # "side" (the default), "front", "back", "three-quarter", "above"
    stretched = "near"         # whose limbs the targets are marked on: "near", "far", "both"
    head = [0.004, 0.935]      # the centre of the head
    nose = [0.062, 0.945]      # optional: a point of the face, drawn as an eye
    neck = [0.0, 0.82]         # the base of the neck, between the shoulders
    hip = [0.0, 0.53]          # the middle of the pelvis
    near_elbow = [-0.017, 0.631]
    near_wrist = [0.004, 0.482]
    near_knee = [0.042, 0.289]
    near_ankle = [0.015, 0.045]
    near_toe = [0.126, 0.0]
    ...                        # and the same for far_
    props = [{ kind = "chair", at = [-0.08, 0.26], back = "left" }]

Coordinates are in body heights (a standing person is 1.0 tall), x to the right, y up,
the floor at y = 0. A keypoint is ``[x, y]``, or ``[x, y, z]`` where z is a depth toward
the viewer (default 0): it is not drawn, but counts in limb lengths, so a limb pointing
at the viewer (the thighs of a person seated facing us) keeps its length. In the
"above" and "three-quarter" views x and y lie on the floor (y away from the viewer) and z
is the height above it: "above" draws the floor from overhead, "three-quarter" at a slant
from a raised eye in front (a mat and the body's shadow on it are drawn instead of the
floor line). Choose the view that shows the stretch: side for hinges, lunges and lying on
the back or front, front for side bends (and, seen from the feet, for knees that fall out
to the side of a person lying on the back: the body lies along z, the head away),
three-quarter for lying with a leg out to the side, above only where nothing else shows it.

Keypoints: ``head``, ``neck``, ``hip`` and, for each side, ``elbow``, ``wrist``, ``knee``,
``ankle`` (written ``near_elbow``, ``far_elbow``, ...; near is the side facing the
viewer, drawn in front; in a front, back or above view they just name the two sides).
A "front" view shows the person facing the viewer, a "back" view from behind.
Optional: ``nose``; ``spine``, the middle of the back, which bends the torso into a
curve; and per side ``shoulder`` (default: at ``neck``), ``hip`` (the hip joint,
default: at ``hip``), ``hand`` (the fingertips) and ``toe``.

``stretched`` may also be a table of muscle = side, e.g.
``stretched = { glutes = "near", "hip flexors" = "far" }``; a muscle it leaves out uses
"near". Without it, a stretch done on both sides together is marked on both sides and
any other on the near side. Trunk muscles are marked on the neck and torso either way.

``lead`` ("near" or "far") says whose limbs a one-side stretch's side is named for, when
that is not the stretched limb: knees rolled toward the near side (``lead = "near"``)
stretch the far hip (``stretched = "far"``), and the side is called "knees to the right".
The picture of a stretch's ``right`` side shows the person's right limb leading.

``from`` (a hold only) gives where some keypoints start before the person eases into the
stretch, e.g. ``from = { near_knee = [0.0, 0.1, 0.25] }`` for a knee that lowers out to
the side: the picture draws an arrow from there to the pose (a movement's arrows come
from its ``[pose_end]``). These points are hints for the arrow, not held to the body model.

``props`` lists what the body uses, each a table with a ``kind``: ``chair`` (``at`` = the
middle of the seat top; ``back`` = "left", "right", "behind" or "none"), ``wall`` and
``door-frame`` (a vertical line through ``at``), ``support`` (a post up to ``at``, where
the hand holds it), ``cushion`` (``at`` = the middle of its underside; from above, its
middle), ``step`` (the bottom stair of a staircase: ``at`` = the top of its edge, where the
balls of the feet rest; the stairs rise to the right of it, mirrored for the other side) and
``strap``
(``between`` = the keypoints it runs through, e.g. ``["near_wrist", "near_toe"]``). A
prop's ``at`` may have a depth, as a keypoint: a post held by the far hand stands behind
the body (``at = [0.27, 0.6, -0.15]``), a door frame beside the near arm in front of it;
one in the body's own plane must not pass through it (hands may hold it, a body rest on
a cushion).

The proportion model
--------------------
One body, ``BODY``, for every picture: each limb segment must be within ``TOLERANCE``
of its length there. Shoulder and hip widths may be narrower than the model (a side
view hides them) but not wider; the nose must lie on the head.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Container, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple, Protocol

import tomli

from ..errors import shown, suggest
from ..i18n import _
from .body import BODY, FALLBACK, GIRDLES, LIMBS, MUSCLES, SIDES, TOLERANCE, TRUNK

VIEWS = ("side", "front", "back", "three-quarter", "above")
SETTINGS = ("view", "stretched", "lead", "props", "from")
PROPS = ("chair", "wall", "door-frame", "support", "cushion", "step", "strap")
CHAIR_BACKS = ("left", "right", "behind", "none")
CLEAR = 0.3  # near_side: the smallest cosine between the person's right and the near side
FLOOR_SLACK = 0.02  # how far below the floor a keypoint may be (flesh, rounding)


def _per_side(*joints: str) -> tuple[str, ...]:
    return tuple(f"{side}_{joint}" for side in SIDES for joint in joints)


REQUIRED = ("head", "neck", "hip", *_per_side("elbow", "wrist", "knee", "ankle"))
OPTIONAL = ("nose", "spine", *_per_side("shoulder", "hip", "hand", "toe"))
KEYPOINTS = REQUIRED + OPTIONAL

Point = tuple[float, float, float]
"""A keypoint: x and y in body heights, and z, its depth toward the viewer (0 if not given)."""

Flat = tuple[float, float]
"""A point or a vector in the picture's plane (x, y), in body heights."""


# --- Checking ---------------------------------------------------------------------------


def as_point(value: object) -> Point | None:
    """A keypoint as (x, y, z), or None when it is not a list of 2 or 3 numbers."""
    if not isinstance(value, list | tuple) or len(value) not in (2, 3):
        return None
    numbers: list[float] = []
    for v in value:  # a plain loop: every keypoint of every stretch passes here at load
        if type(v) is float:  # what TOML gives for nearly every coordinate: no conversion
            if not math.isfinite(v):
                return None
            numbers.append(v)
            continue
        if isinstance(v, bool) or not isinstance(v, int | float):
            return None
        try:
            number = float(v)
        except OverflowError:  # an int beyond any float
            return None
        if not math.isfinite(number):
            return None
        numbers.append(number)
    if len(numbers) == 2:
        return numbers[0], numbers[1], 0.0
    return numbers[0], numbers[1], numbers[2]


def _n(value: float) -> str:
    """A length or coordinate in a message: 3 decimals, or 3 digits when it is huge."""
    return f"{value:.3f}" if abs(value) < 1e6 else f"{value:.3g}"


def segment_ends(names: Container[str], segment: str, side: str | None) -> tuple[str, str] | None:
    """The keypoint names a segment joins, or None when the pose leaves the segment out."""
    if segment in TRUNK:
        return TRUNK[segment]
    start, joint = LIMBS[segment]
    end = f"{side}_{joint}"
    if end not in names:
        return None
    if start is None:  # a girdle: from the middle of the body out to the joint
        return FALLBACK[joint], end
    first = f"{side}_{start}"
    return (first if first in names else FALLBACK.get(start, first)), end


def _measures(points: Mapping[str, Point]) -> Iterator[tuple[str, str, str, float, bool]]:
    """(label, start, end, model length, at_most) of each segment the proportions hold."""
    yield "neck", "neck", "head", BODY["neck"], False
    if "spine" in points:
        yield _("lower torso"), "hip", "spine", BODY["torso"] / 2, False
        yield _("upper torso"), "spine", "neck", BODY["torso"] / 2, False
    else:
        yield "torso", "hip", "neck", BODY["torso"], False
    for side in SIDES:
        for segment in LIMBS:
            joins = segment_ends(points, segment, side)
            if joins is not None:
                girdle = segment in GIRDLES
                label = f"{side} {segment}{' width' if girdle else ''}"
                yield label, *joins, BODY[segment], girdle


def _check_stretched(value: object) -> list[str]:
    choices = (*SIDES, "both")
    if isinstance(value, str):
        return (
            []
            if value in choices
            else [
                _("stretched must be 'near', 'far' or 'both', got {value}{suggest}").format(
                    value=shown(value), suggest=suggest(value, choices)
                )
            ]
        )
    if not isinstance(value, dict):
        return [
            _(
                "stretched must be 'near', 'far', 'both' or a table of muscle = side, got {value}"
            ).format(value=shown(value))
        ]
    found = [
        _("stretched names {muscle!r}, which is not a muscle{suggest}").format(
            muscle=muscle, suggest=suggest(muscle, MUSCLES)
        )
        for muscle in value
        if muscle not in MUSCLES
    ]
    found += [
        _("stretched.{muscle} must be 'near', 'far' or 'both', got {side}").format(
            muscle=muscle, side=shown(side)
        )
        for muscle, side in value.items()
        if side not in choices
    ]
    return found


def _check_prop(n: int, prop: object, names: Collection[str]) -> list[str]:
    where = _("props item {n}").format(n=n)
    if not isinstance(prop, dict):
        return [
            _("{where} must be a table with a kind, got {prop}").format(
                where=where, prop=shown(prop)
            )
        ]
    kind = prop.get("kind")
    if not isinstance(kind, str) or kind not in PROPS:
        hint = suggest(kind, PROPS) if isinstance(kind, str) else ""
        return [
            _("{where}: {kind} is not a kind of prop{hint}; the kinds are {items}").format(
                where=where, kind=shown(kind), hint=hint, items=", ".join(PROPS)
            )
        ]
    where = f"{where} ({kind})"
    allowed = {"strap": ("kind", "between"), "chair": ("kind", "at", "back")}.get(
        kind, ("kind", "at")
    )
    found = [
        _("{where}: {key!r} is not a setting of a {kind}{suggest}").format(
            where=where, key=key, kind=kind, suggest=suggest(key, allowed)
        )
        for key in prop
        if key not in allowed
    ]
    if kind == "strap":
        between = prop.get("between")
        if not (
            isinstance(between, list)
            and len(between) >= 2
            and all(isinstance(b, str) for b in between)
        ):
            found.append(
                _(
                    "{where}: between must list two or more keypoints, e.g. "
                    '["near_wrist", "near_toe"], got {between}'
                ).format(where=where, between=shown(between))
            )
        else:
            found += [
                _("{where}: {b!r} is not a keypoint of this pose{suggest}").format(
                    where=where, b=b, suggest=suggest(b, names)
                )
                for b in between
                if b not in names
            ]
    elif as_point(prop.get("at")) is None:
        found.append(
            _("{where}: at must be a pair of numbers [x, y], got {get}").format(
                where=where, get=shown(prop.get("at"))
            )
        )
    if kind == "chair" and prop.get("back", "none") not in CHAIR_BACKS:
        found.append(
            _("{where}: back must be one of {items}, got {get}").format(
                where=where, items=", ".join(CHAIR_BACKS), get=shown(prop.get("back"))
            )
        )
    return found


def _check_from(value: object, names: Collection[str]) -> list[str]:
    example = "e.g. from = { near_knee = [0.0, 0.1, 0.25] }"
    if not isinstance(value, dict) or not value:
        return [f"from must be a table of keypoint = [x, y], {example}, got {shown(value)}"]
    found = []
    for name, point in value.items():
        if name not in names:
            found.append(f"from.{name} is not a keypoint of this pose{suggest(name, names)}")
        elif (at := as_point(point)) is None:
            found.append(f"from.{name} must be a pair of numbers [x, y], got {shown(point)}")
        elif max(map(abs, at)) > CANVAS:
            found.append(f"from.{name} is off the picture (beyond {CANVAS} body heights)")
    return found


CANVAS = 1.5
"""How far from the origin (in body heights, on each axis) a keypoint or prop may sit: a
person is 1.0 tall, and a point farther off would shrink the figure out of the picture."""


def _off_canvas(points: Mapping[str, Point], props: list[object]) -> list[str]:
    """Keypoints and props that sit outside the picture's box, one message each."""
    placed = [(name, p) for name, p in points.items()]
    for n, prop in enumerate(props, 1):
        if isinstance(prop, dict) and (at := as_point(prop.get("at"))) is not None:
            placed.append((_("props item {n} ({get})").format(n=n, get=prop.get("kind")), at))
    return [
        _(
            "{kind} sits at {items}, off the picture; keypoints and props keep "
            "within {canvas} body heights of the origin on each axis"
        ).format(kind=name, items=", ".join(_n(v) for v in p), canvas=CANVAS)
        for name, p in placed
        if max(map(abs, p)) > CANVAS
    ]


def check_pose(pose: object) -> list[str]:
    """Everything wrong with a ``[pose]`` table, one message each; [] for a good pose."""
    if not isinstance(pose, dict):
        return [_("must be a table of keypoints")]
    found: list[str] = []
    points: dict[str, Point] = {}
    for name, value in pose.items():
        if name in SETTINGS:
            continue
        if name not in KEYPOINTS:
            found.append(
                _("{kind!r} is not a keypoint{suggest}").format(
                    kind=name, suggest=suggest(name, KEYPOINTS + SETTINGS)
                )
            )
        elif (point := as_point(value)) is None:
            found.append(
                _(
                    "{kind} must be a pair of numbers [x, y] (or [x, y, z] with a "
                    "depth), got {value}"
                ).format(kind=name, value=shown(value))
            )
        else:
            points[name] = point
    missing = [name for name in REQUIRED if name not in pose]
    if missing:
        found.append(
            _("is missing {items}; every pose needs {items2}").format(
                items=", ".join(missing), items2=", ".join(REQUIRED)
            )
        )
    view = pose.get("view", "side")
    if view not in VIEWS:
        found.append(
            _(
                "view must be 'side', 'front', 'back', 'three-quarter' or 'above', "
                "got {view}{suggest}"
            ).format(view=shown(view), suggest=suggest(view, VIEWS))
        )
    if "stretched" in pose:
        found += _check_stretched(pose["stretched"])
    if pose.get("lead", "near") not in SIDES:
        found.append(
            _("lead must be 'near' or 'far', got {value!r}{suggest}").format(
                value=pose["lead"], suggest=suggest(pose["lead"], SIDES)
            )
        )
    if "from" in pose:
        found += _check_from(pose["from"], points)
    props = pose.get("props", [])
    if not isinstance(props, list):
        found.append(
            _(
                'props must be a list of tables such as [{{ kind = "chair", at = '
                "[0.0, 0.26] }}], got {props}"
            ).format(props=shown(props))
        )
    else:
        for n, prop in enumerate(props, 1):
            found += _check_prop(n, prop, points)
    found += _off_canvas(points, props if isinstance(props, list) else [])
    if view not in ("above", "three-quarter"):  # there y runs across the floor
        found += [
            _("{kind} is below the floor (y = {n}); the floor is at y = 0").format(
                kind=name, n=_n(p[1])
            )
            for name, p in points.items()
            if p[1] < -FLOOR_SLACK
        ]
    for label, start, end, model, at_most in _measures(points):
        if start not in points or end not in points:
            continue
        actual = math.dist(points[start], points[end])
        low, high = (0.0 if at_most else model * (1 - TOLERANCE)), model * (1 + TOLERANCE)
        if not low <= actual <= high:
            allowed = (
                _("at most {high:.3f}").format(high=high)
                if at_most
                else _("{low:.3f} to {high:.3f}").format(low=low, high=high)
            )
            found.append(
                _(
                    "{label} ({start} to {end}) is {n} long; the body model has "
                    "{model:.3f} ({allowed})"
                ).format(
                    label=label, start=start, end=end, n=_n(actual), model=model, allowed=allowed
                )
            )
    if "nose" in points and "head" in points:
        off = math.dist(points["nose"], points["head"])
        if off > BODY["head"] * (1 + TOLERANCE):
            found.append(
                _(
                    "nose is {n} from the centre of the head; it must lie on the head "
                    "(radius {value:.3f})"
                ).format(n=_n(off), value=BODY["head"])
            )
    return found


# --- Which of the person's sides is near ------------------------------------------------


def _sub(a: Point, b: Point) -> Point:
    return a[0] - b[0], a[1] - b[1], a[2] - b[2]


def _cross(a: Point, b: Point) -> Point:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def near_side(pose: Mapping[str, object]) -> str | None:
    """Which of the person's sides the near limbs are: "left", "right", or None if unclear.

    The person's right is their facing direction crossed with their up (hip to neck). They
    face the way the nose points from the head (in a "front" view toward the viewer, in a
    "back" view away from the viewer; for a body lying along the line of sight, seen from
    its feet or head, the way the nose points).
    In a side view the near side is the one toward the viewer (for a body lying on its side
    seen from its front or back, the upper one); in a front or above view it is the side its
    joints lie on. None when the pose does not tell (no nose in a side view).
    """
    points: dict[str, Point] = {}
    for name, value in pose.items():
        if name in KEYPOINTS:
            if (point := as_point(value)) is None:
                return None
            points[name] = point
    view = pose.get("view", "side")
    facing: Point
    if view in ("front", "back"):
        facing = (0.0, 0.0, 1.0 if view == "front" else -1.0)
    elif "nose" in points:
        facing = _sub(points["nose"], points["head"])
    else:
        return None
    up = _sub(points["neck"], points["hip"])
    if view in ("front", "back") and "nose" in points and abs(up[2]) > math.hypot(up[0], up[1]):
        # lying along the line of sight (seen from the feet or the head): the face tells
        facing = _sub(points["nose"], points["head"])
    right = _cross(facing, up)
    if view == "side":
        found = _side_of(right, (0.0, 0.0, 1.0))
        if found is not None or abs(facing[2]) < math.hypot(facing[0], facing[1]):
            return found
        # a body lying on its side, seen from its front or back: near is the upper side
    joints = [
        j
        for j in ("shoulder", "hip", "elbow", "knee")
        if f"near_{j}" in points and f"far_{j}" in points
    ]
    if not joints:
        return None
    toward_near = tuple(
        sum(points[f"near_{j}"][k] - points[f"far_{j}"][k] for j in joints) for k in range(3)
    )
    return _side_of(right, toward_near)


def _side_of(right: Point, toward_near: tuple[float, ...]) -> str | None:
    """ "right" when toward_near points the person's right way, "left" the other, None when
    it is nearly side-on to it."""
    dot = sum(r * d for r, d in zip(right, toward_near, strict=True))
    scale = math.hypot(*right) * math.hypot(*toward_near)
    if scale < 1e-9 or abs(dot) < CLEAR * scale:  # nearly side-on to the question: unclear
        return None
    return "right" if dot > 0 else "left"


# --- Neutral poses: one per position, for a stretch without a [pose] ---------------------

NEUTRAL_FILE = Path(__file__).with_name("neutral.toml")


class Posed(Protocol):
    """What picking a picture's pose reads of a stretch (a Stretch has it)."""

    @property
    def position(self) -> str: ...

    @property
    def pose(self) -> Mapping[str, object] | None: ...

    @property
    def pose_end(self) -> Mapping[str, object] | None: ...


@cache
def neutral_poses() -> Mapping[str, Mapping[str, object]]:
    """A neutral pose for each position of the vocabulary (made with the same body model)."""
    with NEUTRAL_FILE.open("rb") as file:
        return tomli.load(file)


def pose_for(stretch: Posed) -> Mapping[str, object]:
    """The pose a stretch is drawn with: its own, or else the neutral one of its position.

    A pose that fails ``check_pose`` (possible only for a Stretch built by hand, since the
    catalogue rejects it) is replaced by the neutral one, so drawing never fails.
    """
    pose = stretch.pose
    if isinstance(pose, dict) and not check_pose(pose):
        return pose
    neutral = neutral_poses()
    return neutral.get(stretch.position, neutral["standing"])


def pose_end_for(stretch: Posed) -> Mapping[str, object] | None:
    """The other end of a movement (its ``[pose_end]``), or None when there is none to draw.

    Drawn only beside the stretch's own pose, in the same view, and only when it passes
    ``check_pose``.
    """
    end, pose = stretch.pose_end, stretch.pose
    if not (isinstance(end, dict) and isinstance(pose, dict)) or pose_for(stretch) is not pose:
        return None
    if end.get("view", "side") != pose.get("view", "side") or check_pose(end):
        return None
    return end


# --- A checked pose, read for drawing ---------------------------------------------------


class Prop(NamedTuple):
    """A prop other than a strap: its kind, where it is and, for a chair, where its back is."""

    kind: str
    at: Point
    back: str = "none"


class Figure(NamedTuple):
    """A pose that passes ``check_pose``, read into what drawing it takes."""

    view: str
    points: dict[str, Point]  # the keypoints, in the pose's order
    props: tuple[Prop, ...]  # in the pose's order, straps left out
    straps: tuple[tuple[str, ...], ...]  # each strap: the keypoints it runs through
    stretched: str | Mapping[str, str] | None  # as the pose says; None when it does not
    start: dict[str, Point] | None = None  # a hold's ``from``: where some keypoints start


def _unchecked(what: str, value: object) -> ValueError:
    return ValueError(
        _("not a pose that passes check_pose: {what} is {value}").format(
            what=what, value=shown(value)
        )
    )


def read_figure(pose: Mapping[str, object]) -> Figure:
    """A pose that passes ``check_pose`` as a Figure; ValueError for one that does not."""
    points: dict[str, Point] = {}
    for name, value in pose.items():
        if name in KEYPOINTS:
            if (point := as_point(value)) is None:
                raise _unchecked(name, value)
            points[name] = point
    view, stretched = pose.get("view", "side"), pose.get("stretched")
    if not isinstance(view, str):
        raise _unchecked("view", view)
    if not (
        stretched is None
        or isinstance(stretched, str)
        or (
            isinstance(stretched, dict)
            and all(isinstance(m, str) and isinstance(s, str) for m, s in stretched.items())
        )
    ):
        raise _unchecked("stretched", stretched)
    items = pose.get("props", [])
    if not isinstance(items, list):
        raise _unchecked("props", items)
    props: list[Prop] = []
    straps: list[tuple[str, ...]] = []
    for prop in items:
        if not isinstance(prop, dict):
            raise _unchecked("a prop", prop)
        kind, at, back = prop.get("kind"), as_point(prop.get("at")), prop.get("back", "none")
        between = prop.get("between")
        if kind == "strap" and isinstance(between, list):
            if not all(isinstance(name, str) for name in between):
                raise _unchecked(_("a strap's between"), between)
            straps.append(tuple(between))
        elif isinstance(kind, str) and at is not None and isinstance(back, str):
            props.append(Prop(kind, at, back))
        else:
            raise _unchecked("a prop", prop)
    start = pose.get("from")
    moved: dict[str, Point] | None = None
    if isinstance(start, dict):
        moved = {}
        for name, value in start.items():
            if (point := as_point(value)) is None or name not in points:
                raise _unchecked(f"from.{name}", value)
            moved[name] = point
    return Figure(view, points, tuple(props), tuple(straps), stretched, moved)
