"""Pictures of stretches: stick figures drawn as SVG text from each stretch's ``[pose]``.

Standard library only; the SVG is built as text, and the same stretch always gives the
same bytes.

The pose format
---------------
A stretch file may end with a ``[pose]`` table of named keypoints::

    [pose]
    view = "side"              # "side" (the default), "front" or "above"
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
"above" view the picture is the floor seen from overhead, z is the height above it, and
a mat is drawn instead of the floor line.

Keypoints: ``head``, ``neck``, ``hip`` and, for each side, ``elbow``, ``wrist``, ``knee``,
``ankle`` (written ``near_elbow``, ``far_elbow``, ...; near is the side facing the
viewer, drawn in front; in a front or above view they just name the two sides).
Optional: ``nose``; ``spine``, the middle of the back, which bends the torso into a
curve; and per side ``shoulder`` (default: at ``neck``), ``hip`` (the hip joint,
default: at ``hip``), ``hand`` (the fingertips) and ``toe``.

``stretched`` may also be a table of muscle = side, e.g.
``stretched = { glutes = "near", "hip flexors" = "far" }``; a muscle it leaves out uses
"near". Without it, a stretch done on both sides together is marked on both sides and
any other on the near side. Trunk muscles are marked on the neck and torso either way.

``props`` lists what the body uses, each a table with a ``kind``: ``chair`` (``at`` = the
middle of the seat top; ``back`` = "left", "right", "behind" or "none"), ``wall`` and
``door-frame`` (a vertical line through ``at``), ``support`` (a post up to ``at``, where
the hand holds it), ``cushion`` (``at`` = the middle of its underside) and ``strap``
(``between`` = the keypoints it runs through, e.g. ``["near_wrist", "near_toe"]``).

The proportion model
--------------------
One body, ``BODY``, for every picture: each limb segment must be within ``TOLERANCE``
of its length there. Shoulder and hip widths may be narrower than the model (a side
view hides them) but not wider; the nose must lie on the head.
"""

from __future__ import annotations

import math

from .errors import suggest

BODY = {
    "head": 0.065,  # radius of the head
    "neck": 0.115,  # base of the neck to the centre of the head
    "torso": 0.29,  # middle of the pelvis to the base of the neck
    "shoulder": 0.12,  # base of the neck to a shoulder joint (at most)
    "pelvis": 0.05,  # middle of the pelvis to a hip joint (at most)
    "upper arm": 0.19,
    "forearm": 0.15,
    "hand": 0.09,  # wrist to fingertips
    "thigh": 0.245,
    "shin": 0.245,  # knee to ankle
    "foot": 0.12,  # ankle to toes
}
"""Segment lengths of the one body every picture uses, in body heights."""

TOLERANCE = 0.12
"""How far a segment may differ from ``BODY``, as a fraction of its length."""

SIDES = ("near", "far")
VIEWS = ("side", "front", "above")
SETTINGS = ("view", "stretched", "props")
PROPS = ("chair", "wall", "door-frame", "support", "cushion", "strap")
CHAIR_BACKS = ("left", "right", "behind", "none")
FLOOR_SLACK = 0.02  # how far below the floor a keypoint may be (flesh, rounding)

# Segments: the trunk by its two keypoints; limbs by (start, end) per side, where a start
# of None is a girdle's root and an optional start falls back to the root (FALLBACK).
TRUNK = {"neck": ("neck", "head"), "torso": ("hip", "neck")}
LIMBS = {
    "shoulder": (None, "shoulder"),
    "upper arm": ("shoulder", "elbow"),
    "forearm": ("elbow", "wrist"),
    "hand": ("wrist", "hand"),
    "pelvis": (None, "hip"),
    "thigh": ("hip", "knee"),
    "shin": ("knee", "ankle"),
    "foot": ("ankle", "toe"),
}
FALLBACK = {"shoulder": "neck", "hip": "hip"}
GIRDLES = ("shoulder", "pelvis")


def _per_side(*joints: str) -> tuple[str, ...]:
    return tuple(f"{side}_{joint}" for side in SIDES for joint in joints)


REQUIRED = ("head", "neck", "hip", *_per_side("elbow", "wrist", "knee", "ankle"))
OPTIONAL = ("nose", "spine", *_per_side("shoulder", "hip", "hand", "toe"))
KEYPOINTS = REQUIRED + OPTIONAL

MUSCLES = {
    "neck": (("neck", 0.0, 0.45),),
    "traps": (("neck", 0.0, 0.35), ("torso", 0.8, 1.0), ("shoulder", 0.0, 1.0)),
    "shoulders": (("shoulder", 0.5, 1.0), ("upper arm", 0.0, 0.4)),
    "chest": (("torso", 0.55, 0.92), ("upper arm", 0.0, 0.2)),
    "biceps": (("upper arm", 0.25, 0.92),),
    "triceps": (("upper arm", 0.2, 0.92),),
    "forearms": (("forearm", 0.1, 1.0), ("hand", 0.0, 0.6)),
    "lats": (("torso", 0.35, 0.85), ("upper arm", 0.0, 0.3)),
    "middle back": (("torso", 0.45, 0.85),),
    "lower back": (("torso", 0.05, 0.45),),
    "abdominals": (("torso", 0.1, 0.6),),
    "hip flexors": (("torso", 0.0, 0.15), ("thigh", 0.0, 0.4)),
    "glutes": (("thigh", 0.0, 0.0), ("thigh", 0.0, 0.25)),
    "adductors": (("thigh", 0.1, 0.75),),
    "abductors": (("pelvis", 0.0, 1.0), ("thigh", 0.0, 0.0), ("thigh", 0.0, 0.85)),
    "quadriceps": (("thigh", 0.15, 0.95),),
    "hamstrings": (("thigh", 0.15, 0.95),),
    "calves": (("shin", 0.1, 0.85),),
}
"""Where each muscle of the vocabulary lies: (segment, from, to) as fractions along the
segment from its start; from == to marks a spot (the glutes at the hip joint)."""

# Colours that read on light and dark backgrounds; a stylesheet may override them by class.
FIGURE = "#8b929b"
PRIMARY = "#f07f2d"
SECONDARY = "#f5b66d"
PROP = "#9aa1a9"
STRAP = "#4f9fd6"
TARGET_STYLE = {"primary": (PRIMARY, 10, 0.85), "secondary": (SECONDARY, 8, 0.6)}
UNIT = 100  # SVG user units per body height


# --- Checking ---------------------------------------------------------------------------

def _point(value: object) -> tuple[float, float, float] | None:
    """A keypoint as (x, y, z), or None when it is not a list of 2 or 3 numbers."""
    if not isinstance(value, list | tuple) or len(value) not in (2, 3):
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
               for v in value):
        return None
    x, y, *z = value
    return float(x), float(y), float(z[0]) if z else 0.0


def _joins(names, segment: str, side: str | None) -> tuple[str, str] | None:
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


def _measures(points: dict):
    """(label, start, end, model length, at_most) of each segment the proportions hold."""
    yield "neck", "neck", "head", BODY["neck"], False
    if "spine" in points:
        yield "lower torso", "hip", "spine", BODY["torso"] / 2, False
        yield "upper torso", "spine", "neck", BODY["torso"] / 2, False
    else:
        yield "torso", "hip", "neck", BODY["torso"], False
    for side in SIDES:
        for segment in LIMBS:
            joins = _joins(points, segment, side)
            if joins is not None:
                girdle = segment in GIRDLES
                label = f"{side} {segment}{' width' if girdle else ''}"
                yield label, *joins, BODY[segment], girdle


def _check_stretched(value: object) -> list[str]:
    choices = (*SIDES, "both")
    if isinstance(value, str):
        return [] if value in choices else [
            f"stretched must be 'near', 'far' or 'both', got {value!r}{suggest(value, choices)}"]
    if not isinstance(value, dict):
        return [f"stretched must be 'near', 'far', 'both' or a table of muscle = side, "
                f"got {value!r}"]
    found = [f"stretched names {muscle!r}, which is not a muscle{suggest(muscle, MUSCLES)}"
             for muscle in value if muscle not in MUSCLES]
    found += [f"stretched.{muscle} must be 'near', 'far' or 'both', got {side!r}"
              for muscle, side in value.items() if side not in choices]
    return found


def _check_prop(n: int, prop: object, names) -> list[str]:
    where = f"props item {n}"
    if not isinstance(prop, dict):
        return [f"{where} must be a table with a kind, got {prop!r}"]
    kind = prop.get("kind")
    if kind not in PROPS:
        return [f"{where}: {kind!r} is not a kind of prop{suggest(kind, PROPS)}; "
                f"the kinds are {', '.join(PROPS)}"]
    where = f"{where} ({kind})"
    allowed = {"strap": ("kind", "between"), "chair": ("kind", "at", "back")}.get(
        kind, ("kind", "at"))
    found = [f"{where}: {key!r} is not a setting of a {kind}{suggest(key, allowed)}"
             for key in prop if key not in allowed]
    if kind == "strap":
        between = prop.get("between")
        if not (isinstance(between, list) and len(between) >= 2
                and all(isinstance(b, str) for b in between)):
            found.append(f"{where}: between must list two or more keypoints, "
                         f'e.g. ["near_wrist", "near_toe"], got {between!r}')
        else:
            found += [f"{where}: {b!r} is not a keypoint of this pose{suggest(b, names)}"
                      for b in between if b not in names]
    elif _point(prop.get("at")) is None:
        found.append(f"{where}: at must be a pair of numbers [x, y], got {prop.get('at')!r}")
    if kind == "chair" and prop.get("back", "none") not in CHAIR_BACKS:
        found.append(f"{where}: back must be one of {', '.join(CHAIR_BACKS)}, "
                     f"got {prop.get('back')!r}")
    return found


def check_pose(pose: object) -> list[str]:
    """Everything wrong with a ``[pose]`` table, one message each; [] for a good pose."""
    if not isinstance(pose, dict):
        return ["must be a table of keypoints"]
    found: list[str] = []
    points: dict[str, tuple[float, float, float]] = {}
    for name, value in pose.items():
        if name in SETTINGS:
            continue
        if name not in KEYPOINTS:
            found.append(f"{name!r} is not a keypoint{suggest(name, KEYPOINTS + SETTINGS)}")
        elif (point := _point(value)) is None:
            found.append(f"{name} must be a pair of numbers [x, y] (or [x, y, z] with a "
                         f"depth), got {value!r}")
        else:
            points[name] = point
    missing = [name for name in REQUIRED if name not in pose]
    if missing:
        found.append(f"is missing {', '.join(missing)}; every pose needs "
                     f"{', '.join(REQUIRED)}")
    view = pose.get("view", "side")
    if view not in VIEWS:
        found.append(f"view must be 'side', 'front' or 'above', got {view!r}"
                     f"{suggest(view, VIEWS)}")
    if "stretched" in pose:
        found += _check_stretched(pose["stretched"])
    props = pose.get("props", [])
    if not isinstance(props, list):
        found.append(f'props must be a list of tables such as [{{ kind = "chair", '
                     f"at = [0.0, 0.26] }}], got {props!r}")
    else:
        for n, prop in enumerate(props, 1):
            found += _check_prop(n, prop, points)
    if view != "above":
        found += [f"{name} is below the floor (y = {p[1]:.3f}); the floor is at y = 0"
                  for name, p in points.items() if p[1] < -FLOOR_SLACK]
    for label, start, end, model, at_most in _measures(points):
        if start not in points or end not in points:
            continue
        actual = math.dist(points[start], points[end])
        low, high = (0.0 if at_most else model * (1 - TOLERANCE)), model * (1 + TOLERANCE)
        if not low <= actual <= high:
            allowed = f"at most {high:.3f}" if at_most else f"{low:.3f} to {high:.3f}"
            found.append(f"{label} ({start} to {end}) is {actual:.3f} long; the body model "
                         f"has {model:.3f} ({allowed})")
    if "nose" in points and "head" in points:
        off = math.dist(points["nose"], points["head"])
        if off > BODY["head"] * (1 + TOLERANCE):
            found.append(f"nose is {off:.3f} from the centre of the head; it must lie on "
                         f"the head (radius {BODY['head']:.3f})")
    return found


# --- Neutral poses: one per position, for a stretch without a [pose] ---------------------

NEUTRAL: dict[str, dict] = {
    "standing": {
        "view": "side", "head": [0.004, 0.935], "nose": [0.062, 0.945], "neck": [0.0, 0.82],
        "hip": [0.0, 0.53], "near_elbow": [-0.017, 0.631], "near_wrist": [0.004, 0.482],
        "near_hand": [0.02, 0.394], "near_knee": [0.042, 0.289], "near_ankle": [0.015, 0.045],
        "near_toe": [0.126, 0.0], "far_elbow": [0.02, 0.631], "far_wrist": [0.051, 0.484],
        "far_hand": [0.07, 0.396], "far_knee": [0.013, 0.285], "far_ankle": [-0.035, 0.045],
        "far_toe": [0.076, 0.0],
    },
    "seated-chair": {
        "view": "side", "head": [-0.051, 0.705], "nose": [0.007, 0.71], "neck": [-0.055, 0.59],
        "hip": [-0.05, 0.3], "near_elbow": [-0.037, 0.401], "near_wrist": [0.1, 0.34],
        "near_hand": [0.189, 0.324], "near_knee": [0.195, 0.29], "near_ankle": [0.2, 0.045],
        "near_toe": [0.311, 0.0], "far_elbow": [-0.067, 0.4], "far_wrist": [0.07, 0.34],
        "far_hand": [0.159, 0.324], "far_knee": [0.195, 0.289], "far_ankle": [0.17, 0.045],
        "far_toe": [0.281, 0.0],
        "props": [{"kind": "chair", "at": [-0.08, 0.26], "back": "left"}],
    },
    "seated-floor": {
        "view": "side", "head": [0.0, 0.454], "nose": [0.058, 0.454], "neck": [-0.01, 0.34],
        "hip": [0.0, 0.05], "near_elbow": [-0.026, 0.15], "near_wrist": [-0.1, 0.02],
        "near_hand": [-0.19, 0.02], "near_knee": [0.245, 0.044], "near_ankle": [0.49, 0.039],
        "near_toe": [0.521, 0.155], "far_elbow": [-0.055, 0.155], "far_wrist": [-0.12, 0.02],
        "far_hand": [-0.21, 0.02], "far_knee": [0.245, 0.048], "far_ankle": [0.49, 0.044],
        "far_toe": [0.521, 0.159],
    },
    "kneeling": {
        "view": "side", "head": [0.004, 0.68], "nose": [0.062, 0.685], "neck": [0.0, 0.565],
        "hip": [0.0, 0.275], "near_elbow": [-0.017, 0.376], "near_wrist": [0.004, 0.227],
        "near_hand": [0.02, 0.139], "near_knee": [0.0, 0.03], "near_ankle": [-0.245, 0.03],
        "near_toe": [-0.361, 0.0], "far_elbow": [0.02, 0.376], "far_wrist": [0.051, 0.229],
        "far_hand": [0.07, 0.141], "far_knee": [-0.017, 0.031], "far_ankle": [-0.262, 0.031],
        "far_toe": [-0.378, 0.0],
    },
    "all-fours": {
        "view": "side", "head": [0.391, 0.38], "nose": [0.435, 0.342], "neck": [0.277, 0.36],
        "hip": [0.0, 0.275], "near_elbow": [0.236, 0.174], "near_wrist": [0.277, 0.03],
        "near_hand": [0.364, 0.007], "near_knee": [0.0, 0.03], "near_ankle": [-0.245, 0.03],
        "near_toe": [-0.361, 0.0], "far_elbow": [0.222, 0.178], "far_wrist": [0.247, 0.03],
        "far_hand": [0.334, 0.007], "far_knee": [-0.013, 0.03], "far_ankle": [-0.258, 0.03],
        "far_toe": [-0.374, 0.0],
    },
    "supine": {
        "view": "side", "head": [0.405, 0.065], "nose": [0.405, 0.123], "neck": [0.29, 0.065],
        "hip": [0.0, 0.065], "near_elbow": [0.1, 0.055], "near_wrist": [-0.05, 0.055],
        "near_hand": [-0.14, 0.055], "near_knee": [-0.245, 0.065], "near_ankle": [-0.49, 0.065],
        "near_toe": [-0.511, 0.183], "far_elbow": [0.101, 0.048], "far_wrist": [-0.049, 0.048],
        "far_hand": [-0.139, 0.048], "far_knee": [-0.245, 0.074], "far_ankle": [-0.49, 0.078],
        "far_toe": [-0.511, 0.196],
    },
    "prone": {
        "view": "side", "head": [0.405, 0.065], "nose": [0.405, 0.006], "neck": [0.29, 0.065],
        "hip": [0.0, 0.065], "near_elbow": [0.1, 0.055], "near_wrist": [-0.05, 0.055],
        "near_hand": [-0.14, 0.055], "near_knee": [-0.245, 0.065], "near_ankle": [-0.49, 0.065],
        "near_toe": [-0.609, 0.048], "far_elbow": [0.101, 0.048], "far_wrist": [-0.049, 0.048],
        "far_hand": [-0.139, 0.048], "far_knee": [-0.245, 0.074], "far_ankle": [-0.49, 0.078],
        "far_toe": [-0.609, 0.061],
    },
    "side-lying": {
        "view": "above", "head": [0.405, 0.0, 0.12], "nose": [0.42, -0.055, 0.135],
        "neck": [0.29, 0.0, 0.12], "hip": [0.0, 0.0, 0.12], "near_shoulder": [0.29, 0.0, 0.232],
        "near_elbow": [0.154, -0.114, 0.164], "near_wrist": [0.011, -0.145, 0.132],
        "near_hand": [-0.079, -0.145, 0.132], "near_hip": [0.0, 0.0, 0.168],
        "near_knee": [-0.23, -0.084, 0.168], "near_ankle": [-0.467, -0.02, 0.168],
        "near_toe": [-0.587, -0.02, 0.168], "far_shoulder": [0.29, 0.0, 0.008],
        "far_elbow": [0.478, 0.015, 0.027], "far_wrist": [0.449, 0.162, 0.027],
        "far_hand": [0.359, 0.171, 0.027], "far_hip": [0.0, 0.0, 0.072],
        "far_knee": [-0.208, -0.13, 0.072], "far_ankle": [-0.45, -0.096, 0.072],
        "far_toe": [-0.57, -0.106, 0.072],
    },
}
"""A neutral pose for each position of the vocabulary (made with the same body model)."""


def pose_for(stretch) -> dict:
    """The pose a stretch is drawn with: its own, or else the neutral one of its position.

    A pose that fails ``check_pose`` (possible only for a Stretch built by hand, since the
    catalogue rejects it) is replaced by the neutral one, so drawing never fails.
    """
    pose = stretch.pose
    if isinstance(pose, dict) and not check_pose(pose):
        return pose
    return NEUTRAL.get(stretch.position, NEUTRAL["standing"])


# --- Drawing ----------------------------------------------------------------------------

def escape(text: str) -> str:
    """HTML-escape text from data (the html module loads only when a picture is drawn)."""
    from html import escape as html_escape

    return html_escape(text)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


class _Canvas:
    """Turns body-height coordinates (y up) into SVG user units (y down), mirrored or not."""

    def __init__(self, left: float, top: float, mirror_about: float | None):
        self.left, self.top, self.mirror = left, top, mirror_about

    def xy(self, point) -> str:
        x = point[0] if self.mirror is None else 2 * self.mirror - point[0]
        return f"{_num((x - self.left) * UNIT)} {_num((self.top - point[1]) * UNIT)}"

    def path(self, points, closed: bool = False) -> str:
        first, *rest = points
        return "M" + self.xy(first) + "".join(" L" + self.xy(p) for p in rest) + (
            " Z" if closed else "")

    def centre(self, point) -> str:
        x, y = self.xy(point).split()
        return f'cx="{x}" cy="{y}"'


def _lerp(a, b, t: float):
    return tuple(p + (q - p) * t for p, q in zip(a, b, strict=True))


def _torso(points: dict, t0: float, t1: float) -> list:
    """Points along the torso from t0 to t1 (0 = hip, 1 = neck), bent through the spine."""
    hip, neck = points["hip"], points["neck"]
    if "spine" not in points:
        return [_lerp(hip, neck, t0), _lerp(hip, neck, t1)]
    # the quadratic curve from hip to neck that passes through the spine halfway
    bend = tuple(2 * s - (h + n) / 2 for s, h, n in zip(points["spine"], hip, neck, strict=True))
    out = []
    for i in range(13):
        t = t0 + (t1 - t0) * i / 12
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
        out.append(tuple(a * h + b * k + c * n for h, k, n in zip(hip, bend, neck, strict=True)))
    return out


def _piece(points: dict, segment: str, side: str | None, t0: float = 0.0, t1: float = 1.0):
    """The points along part of a segment (t0 to t1), or None when the pose has none."""
    if segment == "torso":
        return _torso(points, t0, t1)
    joins = _joins(points, segment, side)
    if joins is None:
        return None
    start, end = (points[name] for name in joins)
    return [_lerp(start, end, t0), _lerp(start, end, t1)]


def _marks(pose: dict, stretch) -> dict[tuple[str, str | None], list]:
    """(segment, side) -> [(role, t0, t1, muscle)] for the target muscles of a stretch."""
    stretched = pose.get("stretched", "both" if stretch.sides == "both" else "near")
    marks: dict[tuple[str, str | None], list] = {}
    for role, muscles in (("secondary", stretch.secondary), ("primary", stretch.primary)):
        for muscle in muscles:
            side = stretched.get(muscle, "near") if isinstance(stretched, dict) else stretched
            for segment, t0, t1 in MUSCLES.get(muscle, ()):
                for where in (None,) if segment in TRUNK else (
                        SIDES if side == "both" else (side,)):
                    marks.setdefault((segment, where), []).append((role, t0, t1, muscle))
    return marks


def _mark(piece: list, role: str, muscle: str, canvas: _Canvas) -> str:
    colour, width, opacity = TARGET_STYLE[role]
    title = f"<title>{escape(muscle)} ({role})</title>"
    if math.dist(piece[0][:2], piece[-1][:2]) < 0.01:  # a spot, or a girdle seen end-on
        return (f'<circle class="hb-target-{role}" {canvas.centre(piece[0])} '
                f'r="{width * 0.6:g}" fill="{colour}" fill-opacity="{opacity}" '
                f'stroke="none">{title}</circle>')
    return (f'<path class="hb-target-{role}" stroke="{colour}" stroke-opacity="{opacity}" '
            f'stroke-width="{width}" d="{canvas.path(piece)}">{title}</path>')


def _head(points: dict, canvas: _Canvas) -> str:
    head = points["head"]
    out = (f'<circle class="hb-head" {canvas.centre(head)} r="{_num(BODY["head"] * UNIT)}" '
           f'fill="{FIGURE}" stroke="none"/>')
    if "nose" in points:
        eye = _lerp(head, points["nose"], 0.6)
        out += (f'<circle class="hb-eye" {canvas.centre(eye)} r="1.5" fill="#ffffff" '
                f'stroke="none"/>')
        dx, dy = points["nose"][0] - head[0], points["nose"][1] - head[1]
        if abs(dx) > 0.5 * BODY["head"] and abs(dy) < abs(dx):  # a face seen from the side
            scale = BODY["head"] / math.hypot(dx, dy)
            tip = [(head[0] + dx * scale * k, head[1] + dy * scale * k) for k in (0.8, 1.2)]
            out += (f'<path class="hb-nose" stroke="{FIGURE}" stroke-width="3.5" '
                    f'd="{canvas.path(tip)}"/>')
    return out


def _figure(pose: dict, points: dict, stretch, canvas: _Canvas, mark: bool) -> list[str]:
    """The body's elements back to front: by depth, then far limbs, trunk, near limbs."""
    marks = _marks(pose, stretch) if mark else {}
    faded = pose.get("view", "side") == "side"  # in a side view the far limbs are behind
    parts = [(segment, None, 1) for segment in TRUNK]
    parts += [(segment, side, 0 if side == "far" else 2) for side in SIDES for segment in LIMBS]
    drawn = []
    for order, (segment, side, rank) in enumerate(parts):
        line = _piece(points, segment, side)
        if line is None:
            continue
        depth = round(sum(p[2] for p in line) / len(line), 3)
        for role, t0, t1, muscle in marks.get((segment, side), ()):
            element = _mark(_piece(points, segment, side, t0, t1), role, muscle, canvas)
            drawn.append((depth, rank, order, 0, element))
        classes = f"hb-body hb-{segment.replace(' ', '-')}" + (f" hb-{side}" if side else "")
        extra = ' stroke-opacity="0.55"' if faded and side == "far" else ""
        drawn.append((depth, rank, order, 1,
                      f'<path class="{classes}"{extra} d="{canvas.path(line)}"/>'))
    drawn.append((round(points["head"][2], 3), 1, len(parts), 0, _head(points, canvas)))
    return [element for *_, element in sorted(drawn, key=lambda item: item[:4])]


def _prop_shapes(prop: dict) -> list[tuple[list, bool]]:
    """The outlines of a prop other than a strap: (points, closed) in body heights."""
    x, y, _ = _point(prop["at"])
    kind = prop["kind"]
    if kind == "chair":
        half, seat = 0.12, 0.025
        shapes = [([(x - half, y), (x + half, y), (x + half, y - seat), (x - half, y - seat)],
                   True),
                  ([(x - half + 0.01, y - seat), (x - half + 0.01, 0.0)], False),
                  ([(x + half - 0.01, y - seat), (x + half - 0.01, 0.0)], False)]
        back = prop.get("back", "none")
        if back in ("left", "right"):
            edge, lean = (x - half, -0.02) if back == "left" else (x + half, 0.02)
            shapes.append(([(edge, y), (edge + lean, y + 0.32)], False))
        elif back == "behind":
            shapes.insert(0, ([(x - half, y), (x - half, y + 0.3), (x + half, y + 0.3),
                               (x + half, y)], True))
        return shapes
    if kind in ("wall", "door-frame"):
        high = 1.2 if kind == "wall" else 1.12
        shapes = [([(x - 0.015, 0.0), (x - 0.015, high), (x + 0.015, high), (x + 0.015, 0.0)],
                   True)]
        if kind == "door-frame":
            shapes.append(([(x - 0.06, high), (x + 0.06, high), (x + 0.06, high + 0.04),
                            (x - 0.06, high + 0.04)], True))
        return shapes
    if kind == "support":
        return [([(x, 0.0), (x, y)], False), ([(x - 0.07, y), (x + 0.07, y)], False)]
    return [([(x - 0.1, y), (x + 0.1, y), (x + 0.09, y + 0.045), (x - 0.09, y + 0.045)], True)]


def _props(props: list, points: dict, canvas: _Canvas) -> tuple[list[str], list[str]]:
    """SVG elements of the props: (those behind the figure, those in front of it)."""
    behind, front = [], []
    for prop in props:
        if prop["kind"] == "strap":
            line = [points[name] for name in prop["between"]]
            front.append(f'<path class="hb-prop hb-strap" stroke="{STRAP}" stroke-width="2" '
                         f'fill="none" d="{canvas.path(line)}"/>')
            continue
        for shape, closed in _prop_shapes(prop):
            behind.append(f'<path class="hb-prop hb-{prop["kind"]}" stroke="{PROP}" '
                          f'stroke-width="2.5" fill="{PROP}" '
                          f'fill-opacity="{0.18 if closed else 0}" '
                          f'd="{canvas.path(shape, closed)}"/>')
    return behind, front


def svg(stretch, side: str = "first", size: int = 240, mark: bool = True) -> str:
    """The stretch's picture as a self-contained ``<svg>`` element, ``size`` pixels square.

    ``side="second"`` is the mirror image for a stretch done on each side in turn; for one
    done on both sides together it is the same picture. ``mark=False`` leaves the target
    muscles unmarked. A stretch without a pose is drawn in its position's neutral pose.
    """
    if side not in ("first", "second"):
        raise ValueError(f"side must be 'first' or 'second', got {side!r}")
    pose = pose_for(stretch)
    view = pose.get("view", "side")
    points = {name: _point(value) for name, value in pose.items() if name in KEYPOINTS}
    props = pose.get("props", [])

    outline = [p[:2] for p in points.values()]
    outline += [p for prop in props if prop["kind"] != "strap"
                for shape, _ in _prop_shapes(prop) for p in shape]
    head = points["head"]
    outline += [(head[0], head[1] - BODY["head"]), (head[0], head[1] + BODY["head"])]
    if view != "above":
        outline.append((head[0], -0.1))  # room under the floor line
    xs, ys = [p[0] for p in outline], [p[1] for p in outline]
    span = max(1.0, max(xs) - min(xs) + 0.3, max(ys) - min(ys) + 0.3)
    centre = (min(xs) + max(xs)) / 2
    left, top = centre - span / 2, (min(ys) + max(ys)) / 2 + span / 2
    each = stretch.sides != "both"
    canvas = _Canvas(left, top, centre if side == "second" and each else None)

    targets = [f"{escape(m)} (primary)" for m in stretch.primary]
    targets += [f"{escape(m)} (secondary)" for m in stretch.secondary]
    extent = _num(span * UNIT)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="hb-picture" role="img" '
           f'width="{size}" height="{size}" viewBox="0 0 {extent} {extent}">',
           f"<title>{escape(stretch.name)}{f' ({side} side)' if each else ''}</title>",
           f"<desc>Targets: {', '.join(targets) or 'none'}</desc>"]
    if view == "above":  # the floor seen from overhead: a mat under the body
        x0, x1 = min(xs) - 0.06, max(xs) + 0.06
        y0, y1 = min(ys) - 0.06, max(ys) + 0.06
        mat = canvas.path([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], closed=True)
        out.append(f'<path class="hb-floor" fill="{PROP}" fill-opacity="0.12" stroke="{PROP}" '
                   f'stroke-opacity="0.5" stroke-width="1.5" d="{mat}"/>')
    else:
        out.append(f'<path class="hb-floor" stroke="{PROP}" stroke-width="2.5" '
                   f'd="{canvas.path([(left, 0.0), (left + span, 0.0)])}"/>')
    behind, in_front = _props(props, points, canvas)
    out += behind
    out.append(f'<g class="hb-figure" fill="none" stroke="{FIGURE}" stroke-width="4.5" '
               f'stroke-linecap="round" stroke-linejoin="round">')
    out += _figure(pose, points, stretch, canvas, mark)
    out.append("</g>")
    out += in_front
    out.append("</svg>")
    return "\n".join(out)


def gallery_html(catalog, size: int = 200, dark: bool = False) -> str:
    """A standalone HTML page with every stretch's picture, both sides, to review them all."""
    background, text = ("#1e1e1e", "#e0e0e0") if dark else ("#ffffff", "#222222")
    cards = []
    for stretch in catalog:
        sides = ("first",) if stretch.sides == "both" else ("first", "second")
        pictures = "".join(svg(stretch, side=s, size=size) for s in sides)
        note = "both sides together" if stretch.sides == "both" else "first side, second side"
        cards.append(f'<figure class="hb-card">{pictures}<figcaption><b>'
                     f"{escape(stretch.name)}</b><br><small>{escape(stretch.id)} &middot; "
                     f"{escape(stretch.position)} &middot; {note}</small></figcaption></figure>")
    key = ('<span class="key" style="background:{}"></span>{}')
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8"><title>Stretch pictures</title>'
        f"<style>body{{background:{background};color:{text};font-family:sans-serif;"
        "margin:16px}.hb-grid{display:flex;flex-wrap:wrap;gap:12px}"
        ".hb-card{margin:0;padding:6px;border:1px solid #8884;border-radius:6px}"
        f"figcaption{{max-width:{2 * size}px;font-size:13px}}"
        ".key{display:inline-block;width:28px;height:8px;border-radius:4px;margin:0 4px}"
        "</style></head><body><p>"
        + key.format(PRIMARY, "primary target") + key.format(SECONDARY, "secondary target")
        + f'</p><div class="hb-grid">{"".join(cards)}</div></body></html>\n'
    )
