"""Drawing: a stretch's pose as a person in SVG text, the target muscles marked on them.

The figure has a body (head and face, neck, torso and pelvis round a spine that bends,
limbs with volume, hands, feet), drawn back to front: far limbs in a lighter tone of the
same grey, the trunk, the near limbs. A movement's other end is drawn in blue, in a panel
of its own beside the first, with an arrow between them; ``motion=True`` adds the frames
picture.js moves between in time with the player.

Standard library only; the same stretch always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..catalog.body import BODY, FACES, LIMBS, MUSCLES, SIDES, TRUNK
from ..catalog.pose import (
    Figure,
    Flat,
    Point,
    near_side,
    neutral_poses,
    pose_end_for,
    pose_for,
    read_figure,
    segment_ends,
)
from . import shapes
from .arrows import arrows
from .faces import front_normal, toward_viewer
from .head import head_parts
from .props import depth, prop_shapes
from .view import ELEVATION, projected
from .words import sentence

if TYPE_CHECKING:
    from ..catalog.stretch import Stretch


class Tone(NamedTuple):
    """The colours of one figure: outlines and fills of the near and far sides, and hair."""

    line: str
    fill: str
    far_line: str
    far_fill: str
    hair: str


# Greys that read on light and dark pages and in greyscale print; blue only for the other
# end of a movement. A stylesheet may override them by class.
FIGURE = Tone("#3f4955", "#c3cad3", "#7d8793", "#e4e8ec", "#59636f")
END = Tone("#24639c", "#b5d0ea", "#5f8fbd", "#dce9f5", "#3b6f9e")
PRIMARY = "#e0600e"
SECONDARY = "#f4a75a"
PROP = "#8e969f"
STRAP = "#7a5230"
FLOOR = "#8e969f"
UNIT = 100  # SVG user units per body height
LINE = 0.016  # outline width, in body heights
FRAMES = 5  # poses a moving picture carries, from start to end


def escape(text: str) -> str:
    """HTML-escape text from data (the html module loads only when a picture is drawn)."""
    from html import escape as html_escape

    return html_escape(text)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


class _Canvas:
    """Body heights (y up) to SVG user units (y down), scaled and moved as told; mirrored
    across the whole picture (``flip``, the picture's width in units) for the other side."""

    def __init__(
        self,
        left: float,
        top: float,
        flip: float | None = None,
        scale: float = 1.0,
        shift: Flat = (0.0, 0.0),
    ):
        self.left, self.top, self.flip = left, top, flip
        self.scale, self.shift = scale, shift

    def x(self, point: Sequence[float]) -> float:
        x = (point[0] - self.left) * UNIT * self.scale + self.shift[0]
        return x if self.flip is None else self.flip - x

    def y(self, point: Sequence[float]) -> float:
        return (self.top - point[1]) * UNIT * self.scale + self.shift[1]

    def xy(self, point: Sequence[float]) -> str:
        return f"{_num(self.x(point))} {_num(self.y(point))}"

    def units(self, length: float) -> str:
        return _num(length * UNIT * self.scale)

    def path(self, points: Iterable[Sequence[float]], closed: bool = False) -> str:
        """An SVG path through the points (the hot loop of drawing: kept plain)."""
        left, top, k = self.left, self.top, UNIT * self.scale
        sx, sy, flip = self.shift[0], self.shift[1], self.flip
        parts = []
        for p in points:
            x = (p[0] - left) * k + sx
            if flip is not None:
                x = flip - x
            y = (top - p[1]) * k + sy
            if -0.05 < x < 0.0:  # never "-0.0": the same picture is always the same bytes
                x = 0.0
            if -0.05 < y < 0.0:
                y = 0.0
            parts.append("%.1f %.1f" % (x, y))  # noqa: UP031 - the fastest formatting here
        return "M" + " L".join(parts) + (" Z" if closed else "")

    def centre(self, point: Sequence[float]) -> str:
        return f'cx="{_num(self.x(point))}" cy="{_num(self.y(point))}"'


# --- Where the points are drawn ---------------------------------------------------------


def _flat(p: Sequence[float]) -> Flat:
    return p[0], p[1]


def _lerp(a: Sequence[float], b: Sequence[float], t: float) -> Flat:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _joint(points: Mapping[str, Point], side: str, joint: str) -> Point:
    """A side's shoulder or hip joint, at the middle of the body when the pose leaves it out."""
    return points.get(f"{side}_{joint}", points["neck" if joint == "shoulder" else "hip"])


def _half_span(points: Mapping[str, Point], joint: str, normal: Flat) -> float:
    near, far = _joint(points, "near", joint), _joint(points, "far", joint)
    return abs(shapes.dot(shapes.sub(near, far), normal)) / 2


# --- The body, part by part -------------------------------------------------------------


class Part(NamedTuple):
    """One drawn part of a figure: its shapes, where it sits, and its marks."""

    depth: float
    rank: int
    name: str  # "trunk", "head", "near-arm", ...
    side: str | None
    shapes: list[tuple[str, list[Flat], tuple[Flat, Flat] | None]]  # (segment, outline, bone)


ARM = ("upper arm", "forearm", "hand")
LEG = ("thigh", "shin", "foot")
RANKS = {("far", "arm"): 0, ("far", "leg"): 0, ("near", "leg"): 3, ("near", "arm"): 4}


def _grips(figure: Figure, points: Mapping[str, Point]) -> set[str]:
    """The sides whose hand is closed round something: a strap, a post, a chair, a foot."""
    held = set()
    for side in SIDES:
        names = {f"{side}_wrist", f"{side}_hand"}
        if any(names & set(strap) for strap in figure.straps):
            held.add(side)
            continue
        tip = figure.points.get(f"{side}_hand", figure.points[f"{side}_wrist"])
        for prop in figure.props:
            if prop.kind == "support" and math.dist(tip[:2], prop.at[:2]) < 0.09:
                held.add(side)
        for other in SIDES:  # a hand round an ankle or a foot
            for joint in ("ankle", "toe"):
                spot = figure.points.get(f"{other}_{joint}")
                if spot is not None and math.dist(tip, spot) < 0.06:
                    held.add(side)
    return held


def _limb_parts(figure: Figure, points: Mapping[str, Point]) -> list[Part]:
    parts = []
    grips = _grips(figure, points)
    for side in SIDES:
        for limb, chain in (("arm", ARM), ("leg", LEG)):
            drawn: list[tuple[str, list[Flat], tuple[Flat, Flat] | None]] = []
            depths = []
            for segment in chain:
                joins = segment_ends(points, segment, side)
                if segment == "hand":
                    wrist = points[f"{side}_wrist"]
                    elbow = points[f"{side}_elbow"]
                    tip = points.get(f"{side}_hand")
                    tips = (
                        _flat(tip)
                        if tip is not None
                        else shapes.add(_flat(wrist), (shapes.unit(shapes.sub(wrist, elbow)), 0.08))
                    )
                    for outline in shapes.hand(_flat(wrist), tips, side in grips):
                        drawn.append(("hand", outline, (_flat(wrist), tips)))
                    continue
                if segment == "foot":
                    ankle, knee = points[f"{side}_ankle"], points[f"{side}_knee"]
                    toe = points.get(f"{side}_toe")
                    if toe is None:
                        heel = shapes.arc(_flat(ankle), 0.028, 0.0, 2 * math.pi, 12)[:-1]
                        drawn.append(("foot", heel, None))
                    else:
                        outline = shapes.foot(_flat(ankle), _flat(toe), _flat(knee))
                        drawn.append(("foot", outline, (_flat(ankle), _flat(toe))))
                    continue
                if joins is None:
                    continue
                a, b = (points[name] for name in joins)
                ra, rb = shapes.RADII[segment]
                outline = shapes.capsule(_flat(a), _flat(b), ra, rb)
                drawn.append((segment, outline, (_flat(a), _flat(b))))
                depths += [a[2], b[2]]
            depth = round(sum(depths) / max(len(depths), 1), 3)
            parts.append(Part(depth, RANKS[side, limb], f"{side}-{limb}", side, drawn))
    return parts


def _trunk_shape(figure: Figure, points: Mapping[str, Point]) -> tuple[list[Flat], float]:
    """The torso's outline, and how much of its breadth faces the viewer (0 to 1)."""
    hip, neck = _flat(points["hip"]), _flat(points["neck"])
    bend = _flat(points["spine"]) if "spine" in points else None
    spine = shapes.spine_points(hip, bend, neck)
    axis = shapes.unit(shapes.sub(neck, hip))
    normal = shapes.perp(axis)
    shoulders = _half_span(points, "shoulder", normal)
    hips = _half_span(points, "hip", normal)
    spread = min(1.0, shoulders / BODY["shoulder"])
    front = front_normal(points, "torso", None)
    return shapes.torso(spine, front, spread, shoulders, hips), spread


def _spread(points: Mapping[str, Point]) -> float:
    """How much of the shoulders' breadth faces the viewer (0 side-on, 1 face-on)."""
    axis = shapes.unit(shapes.sub(points["neck"], points["hip"]))
    return min(1.0, _half_span(points, "shoulder", shapes.perp(axis)) / BODY["shoulder"])


def _trunk_part(figure: Figure, points: Mapping[str, Point]) -> Part:
    outline, _ = _trunk_shape(figure, points)
    neck, head = _flat(points["neck"]), _flat(points["head"])
    throat = _lerp(neck, head, 0.75)
    r = shapes.RADII["neck"][0]
    drawn: list[tuple[str, list[Flat], tuple[Flat, Flat] | None]] = [
        ("neck", shapes.capsule(neck, throat, r, r), (neck, throat)),
        ("torso", outline, (_flat(points["hip"]), neck)),
    ]
    depth = round((points["hip"][2] + points["neck"][2]) / 2, 3)
    return Part(depth, 1, "trunk", None, drawn)


# --- Marks on the muscles ---------------------------------------------------------------

Marks = dict[tuple[str, str | None], list[tuple[str, float, float, str, str]]]
"""(segment, side) -> [(role, t0, t1, muscle, stretched side)]: where the targets are."""

TARGET_STYLE = {"primary": (PRIMARY, 1.0), "secondary": (SECONDARY, 0.95)}
LATERAL = ("lats",)  # trunk muscles along the flank: marked on their side in a front view


def _marks(figure: Figure, stretch: Stretch) -> Marks:
    stretched = figure.stretched
    if stretched is None:
        stretched = "both" if stretch.sides == "both" else "near"
    marks: Marks = {}
    for role, muscles in (("secondary", stretch.secondary), ("primary", stretch.primary)):
        for muscle in muscles:
            side = stretched.get(muscle, "near") if isinstance(stretched, Mapping) else stretched
            wheres: tuple[str | None, ...] = SIDES if side == "both" else (side,)
            for segment, t0, t1 in MUSCLES.get(muscle, ()):
                for where in (None,) if segment in TRUNK else wheres:
                    marks.setdefault((segment, where), []).append((role, t0, t1, muscle, side))
    return marks


def _band(
    canvas: _Canvas,
    line: Sequence[Flat],
    width: float,
    role: str,
    muscle: str,
    face: str | None,
    hidden: bool,
    on: str = "",
) -> str:
    """A target muscle: a band on the body; the secondary one striped, a hidden one dashed.
    ``on`` names the part it lies on ("near thigh", "torso"), for checks."""
    colour, opacity = TARGET_STYLE[role]
    where = f", {face}" if face else ""
    title = f"<title>{escape(muscle)} ({role}{where})</title>"
    classes = f"hb-target-{role}" + (f" hb-face-{face}" if face else "")
    attrs = f'class="{classes}"' + (f' data-on="{on}"' if on else "")
    w = canvas.units(width)
    if math.dist(line[0], line[-1]) < 0.012:  # a spot, or a girdle seen end-on
        return (
            f'<circle {attrs} {canvas.centre(line[0])} r="{canvas.units(width * 0.6)}" '
            f'fill="{colour}" fill-opacity="{opacity}" stroke="none">{title}</circle>'
        )
    dashes = f' stroke-dasharray="{w} {w}"' if hidden else ""
    d = canvas.path(line)
    out = (
        f'<path {attrs} stroke="{colour}" stroke-opacity="{opacity}" '
        f'stroke-width="{w}" stroke-linecap="round"{dashes} d="{d}">{title}</path>'
    )
    if role == "secondary" and not hidden:  # stripes: secondary reads apart in greyscale
        stripe = canvas.units(width * 0.35)
        out += (
            f'<path class="hb-stripe" stroke="{PRIMARY}" stroke-width="{stripe}" '
            f'stroke-dasharray="{stripe} {stripe}" d="{d}"/>'
        )
    return out


def _offset_line(line: Sequence[Flat], normal: Flat, step: float) -> list[Flat]:
    return [shapes.add(p, (normal, step)) for p in line]


def _limb_marks(
    figure: Figure,
    points: Mapping[str, Point],
    marks: Marks,
    side: str,
    chain: Sequence[str],
    canvas: _Canvas,
    facing: str | None,
) -> list[str]:
    out = []
    for segment in chain:
        for role, t0, t1, muscle, _ in marks.get((segment, side), ()):
            joins = segment_ends(points, segment, side)
            if joins is None:
                continue
            a, b = (points[name] for name in joins)
            if segment == "hand":
                ra = rb = shapes.HAND[1]
            else:
                ra, rb = shapes.RADII.get(segment, (0.02, 0.02))
            r = min(ra + (rb - ra) * t0, ra + (rb - ra) * t1)
            line = [_lerp(a, b, t0), _lerp(a, b, t1)]
            face = FACES.get(muscle)
            hidden = False
            if face is not None and facing is not None:
                hidden = face != facing
            elif face is not None:
                normal = front_normal(points, segment, side)
                if normal is not None:
                    line = _offset_line(line, normal, 0.45 * r * (1 if face == "front" else -1))
            out.append(
                _band(canvas, line, 0.9 * r, role, muscle, face, hidden, f"{side} {segment}")
            )
    return out


def _trunk_marks(
    figure: Figure,
    points: Mapping[str, Point],
    marks: Marks,
    canvas: _Canvas,
    facing: str | None,
    end: bool = False,
) -> list[str]:
    """Marks on the neck, torso and girdles (the shoulders' and hips' spans)."""
    out = []
    hip, neck = _flat(points["hip"]), _flat(points["neck"])
    bend = _flat(points["spine"]) if "spine" in points else None
    spread = _spread(points)
    normal_front = front_normal(points, "torso", None)
    axis = shapes.unit(shapes.sub(neck, hip))
    for (segment, side), found in marks.items():
        if segment not in ("torso", "neck", "shoulder", "pelvis"):
            continue
        for role, t0, t1, muscle, stretched_side in found:
            face = FACES.get(muscle)
            hidden = face is not None and facing is not None and face != facing
            if segment in ("shoulder", "pelvis"):
                assert side is not None
                joint = "shoulder" if segment == "shoulder" else "hip"
                root = neck if segment == "shoulder" else hip
                tip = _flat(_joint(points, side, joint))
                line = [_lerp(root, tip, t0), _lerp(root, tip, t1)]
                if math.dist(line[0], line[1]) < 0.012:  # seen end-on: a spot at the joint
                    line = [tip, tip]
                out.append(_band(canvas, line, 0.03, role, muscle, face, hidden))
                continue
            if segment == "neck":
                head = _flat(points["head"])
                line = [_lerp(neck, head, t0 * 0.75), _lerp(neck, head, t1 * 0.75)]
                normal = front_normal(points, "neck", None)
                if face is not None and normal is not None and facing is None:
                    line = _offset_line(line, normal, 0.008 * (1 if face == "front" else -1))
                out.append(_band(canvas, line, 0.02, role, muscle, face, hidden))
                continue
            n = 6
            spine = shapes.spine_points(hip, bend, neck, n=60)
            # spine_points runs t from -0.2 to 1.07 over its 61 points
            pick = [spine[round((t0 + (t1 - t0) * i / n + 0.2) / 1.27 * 60)] for i in range(n + 1)]
            half = 0.05 + (0.09 - 0.05) * spread
            width = half * (0.8 if spread > 0.5 else 0.9)
            if muscle in LATERAL and spread > 0.5 and stretched_side in SIDES:
                toward = shapes.sub(_joint(points, stretched_side, "shoulder"), points["neck"])
                across = shapes.perp(axis)
                sign = 1.0 if shapes.dot(across, toward) > 0 else -1.0
                pick = _offset_line(pick, across, sign * half * 0.55)
                width = half * 0.6
            elif face is not None and facing is None and normal_front is not None:
                pick = _offset_line(pick, normal_front, 0.024 * (1 if face == "front" else -1))
                width = 0.038
            out.append(_band(canvas, pick, width, role, muscle, face, hidden, "torso"))
    return out


# --- A whole figure ---------------------------------------------------------------------


def _part_svg(part: Part, canvas: _Canvas, tone: Tone, faded: bool) -> list[str]:
    """A part's outline (its shapes' union, stroked), then each shape filled, so the lines
    between the shapes of one part (a thigh and its shin) are covered."""
    line, fill = (tone.far_line, tone.far_fill) if faded else (tone.line, tone.fill)
    side = f" hb-{part.side}" if part.side else ""
    paths = [canvas.path(outline, closed=True) for _, outline, _ in part.shapes]
    out = [
        f'<path class="hb-outline hb-{part.name}" fill="{fill}" stroke="{line}" '
        f'stroke-width="{canvas.units(LINE)}" stroke-linejoin="round" d="{" ".join(paths)}"/>'
    ]
    for (segment, _, bone), d in zip(part.shapes, paths, strict=True):
        ends = ""
        if bone is not None:
            ends = f' data-bone="{canvas.xy(bone[0])} {canvas.xy(bone[1])}"'
        out.append(
            f'<path class="hb-body hb-{segment.replace(" ", "-")}{side}" fill="{fill}" '
            f'stroke="none"{ends} d="{d}"/>'
        )
    return out


def _head_svg(points: Mapping[str, Point], view: str, canvas: _Canvas, tone: Tone) -> list[str]:
    head, neck = points["head"], points["neck"]
    nose = points.get("nose")
    parts = head_parts(
        _flat(head),
        _flat(neck),
        None if nose is None else _flat(nose),
        0.0 if nose is None else nose[2] - head[2],
        view,
    )
    width = canvas.units(LINE)
    out = [
        f'<circle class="hb-head" {canvas.centre(head)} r="{canvas.units(shapes.HEAD)}" '
        f'fill="{tone.fill}" stroke="{tone.line}" stroke-width="{width}"/>',
    ]
    for ear in parts.ears:
        out.append(
            f'<circle class="hb-ear" {canvas.centre(ear)} r="{canvas.units(0.013)}" '
            f'fill="{tone.fill}" stroke="{tone.line}" stroke-width="{canvas.units(LINE * 0.6)}"/>'
        )
    out.append(
        f'<path class="hb-hair" fill="{tone.hair}" stroke="none" '
        f'd="{canvas.path(parts.hair, closed=True)}"/>'
    )
    for feature in parts.features:
        out.append(
            f'<path class="hb-feature" fill="none" stroke="{tone.line}" '
            f'stroke-width="{canvas.units(LINE * 0.7)}" stroke-linecap="round" '
            f'stroke-linejoin="round" d="{canvas.path(feature)}"/>'
        )
    for eye in parts.eyes:
        out.append(
            f'<circle class="hb-eye" {canvas.centre(eye)} r="{canvas.units(0.009)}" '
            f'fill="{tone.line}" stroke="none"/>'
        )
    return out


def figure_svg(
    figure: Figure,
    stretch: Stretch,
    canvas: _Canvas,
    tone: Tone = FIGURE,
    mark: bool = True,
) -> list[str]:
    """The SVG elements of one figure, back to front, its targets marked (unless mark=False)."""
    points = projected(figure)
    marks = _marks(figure, stretch) if mark else {}
    faded_view = figure.view in ("side", "three-quarter", "above")
    facing = toward_viewer(figure.view, points)
    parts = [_trunk_part(figure, points), *_limb_parts(figure, points)]
    head_depth = round(points["head"][2], 3)
    drawn: list[tuple[float, int, int, list[str]]] = []
    for order, part in enumerate(parts):
        faded = faded_view and part.side == "far"
        elements = _part_svg(part, canvas, tone, faded)
        if part.name == "trunk":
            elements += _trunk_marks(figure, points, marks, canvas, facing)
        else:
            assert part.side is not None
            chain = ARM if part.name.endswith("arm") else LEG
            elements += _limb_marks(figure, points, marks, part.side, chain, canvas, facing)
        drawn.append((part.depth, part.rank, order, elements))
    drawn.append((head_depth, 2, len(parts), _head_svg(points, figure.view, canvas, tone)))
    return [e for *_, elements in sorted(drawn, key=lambda item: item[:3]) for e in elements]


def _props_svg(figure: Figure, canvas: _Canvas) -> tuple[list[str], list[str]]:
    """SVG elements of the props: (those behind the figure, those in front of it)."""
    behind: list[str] = []
    front: list[str] = []
    points = projected(figure)
    for between in figure.straps:
        line = [points[name] for name in between]
        front.append(
            f'<path class="hb-prop hb-strap" stroke="{STRAP}" '
            f'stroke-width="{canvas.units(0.014)}" stroke-linecap="round" '
            f'fill="none" d="{canvas.path(line)}"/>'
        )
    for prop in figure.props:
        ahead = (
            depth(prop, figure.view) == "front"
        )  # drawn over the body, open enough to see it through
        for shape, closed in prop_shapes(prop, figure.view):
            (front if ahead else behind).append(
                f'<path class="hb-prop hb-{prop.kind}" stroke="{PROP}" '
                f'stroke-width="{canvas.units(0.02)}" stroke-linejoin="round" fill="{PROP}" '
                f'fill-opacity="{(0.1 if ahead else 0.22) if closed else 0}" '
                f'd="{canvas.path(shape, closed)}"/>'
            )
    return behind, front


def _floor_svg(figure: Figure, canvas: _Canvas, box: tuple[float, float, float, float]) -> str:
    """The floor: a line under a standing or lying body; a mat seen from above or at a slant."""
    x0, y0, x1, y1 = box
    if figure.view == "above":
        mat = canvas.path([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], closed=True)
        return (
            f'<path class="hb-floor" fill="{FLOOR}" fill-opacity="0.14" stroke="{FLOOR}" '
            f'stroke-opacity="0.6" stroke-width="{canvas.units(0.012)}" d="{mat}"/>'
        )
    if figure.view == "three-quarter":
        ys = [p[1] for p in figure.points.values()]
        near, far = min(ys) - 0.08, max(ys) + 0.08
        s = math.sin(ELEVATION)
        xs = [p[0] for p in figure.points.values()]
        a, b = min(xs) - 0.1, max(xs) + 0.1
        corners = [(a, near * s), (b, near * s), (b + 0.04, far * s), (a - 0.04, far * s)]
        shadow = _shadow(figure, canvas)
        return (
            f'<path class="hb-floor" fill="{FLOOR}" fill-opacity="0.16" stroke="{FLOOR}" '
            f'stroke-opacity="0.7" stroke-width="{canvas.units(0.012)}" '
            f'd="{canvas.path(corners, closed=True)}"/>' + shadow
        )
    return (
        f'<path class="hb-floor" stroke="{FLOOR}" stroke-width="{canvas.units(0.022)}" '
        f'd="{canvas.path([(x0, 0.0), (x1, 0.0)])}"/>'
    )


def _shadow(figure: Figure, canvas: _Canvas) -> str:
    """Where the body meets the floor, in a slanting view: its limbs' shadow on the mat."""
    s = math.sin(ELEVATION)
    lines = []
    for segment in ("torso", *LIMBS):
        for side in (None,) if segment == "torso" else SIDES:
            if segment in ("shoulder", "pelvis", "hand"):
                continue
            joins = segment_ends(figure.points, segment, side)
            if joins is None:
                continue
            a, b = (figure.points[name] for name in joins)
            lines.append(canvas.path([(a[0], a[1] * s), (b[0], b[1] * s)]))
    return (
        f'<path class="hb-shadow" stroke="#000000" stroke-opacity="0.13" '
        f'stroke-width="{canvas.units(0.07)}" stroke-linecap="round" fill="none" '
        f'd="{" ".join(lines)}"/>'
    )


# --- The picture ------------------------------------------------------------------------

SIDE_CHOICES = ("first", "second", "left", "right")


def marked_side(stretch: Stretch, pose: Mapping[str, object] | None = None) -> str | None:
    """Which of the person's sides ("left" or "right") the pose, as drawn, shows leading.

    The leading limbs are the pose's ``lead`` ones, else the stretched ones; a side of the
    stretch is named for them. None for a stretch done on both sides together, or when the
    pose does not tell.
    """
    if stretch.sides == "both":
        return None
    pose = pose_for(stretch) if pose is None else pose
    near = near_side(pose)
    if near is None:
        return None
    stretched = pose.get("lead", pose.get("stretched", "near"))
    if isinstance(stretched, dict):
        stretched = stretched.get(stretch.primary[0], "near") if stretch.primary else "near"
    if stretched not in ("near", "far"):
        return None
    return near if stretched == "near" else ("left" if near == "right" else "right")


def body_side(stretch: Stretch, side: str) -> str | None:
    """The person's side a picture shows: "first"/"second" follow the stretch's first side."""
    if side not in SIDE_CHOICES:
        raise ValueError(f"side must be one of {', '.join(SIDE_CHOICES)}, got {side!r}")
    if stretch.sides == "both":
        return None
    first = stretch.first_side
    if side == "first":
        return first
    if side == "second":
        return "right" if first == "left" else "left"
    return side


def _extent(
    figures: Sequence[Figure], extra: Iterable[Flat] = ()
) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) round figures, their heads and props, the floor, and any
    extra points (a movement's arrows)."""
    outline: list[Flat] = list(extra)
    for figure in figures:
        points = projected(figure)
        outline += [_flat(p) for p in points.values()]
        outline += [
            p for prop in figure.props for s, _ in prop_shapes(prop, figure.view) for p in s
        ]
        head = points["head"]
        r = shapes.HEAD + 0.02
        outline += [(head[0] - r, head[1] - r), (head[0] + r, head[1] + r)]
        if figure.view not in ("above", "three-quarter"):
            outline.append((head[0], -0.02))
        if figure.view == "three-quarter":  # the mat (as _floor_svg draws it)
            ys = [p[1] for p in figure.points.values()]
            xs = [p[0] for p in figure.points.values()]
            s = math.sin(ELEVATION)
            outline += [
                (min(xs) - 0.14, (min(ys) - 0.08) * s),
                (max(xs) + 0.14, (max(ys) + 0.08) * s),
            ]
    xs, ys = [p[0] for p in outline], [p[1] for p in outline]
    pad = 0.07
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def _eased_from(figure: Figure) -> Figure | None:
    """A hold's figure as it starts (its pose's ``from`` points moved), for its arrow."""
    if not figure.start:
        return None
    return figure._replace(points={**figure.points, **figure.start})


def _end_figure(stretch: Stretch) -> Figure | None:
    end = pose_end_for(stretch)
    return None if end is None else read_figure(end)


def _start_pose(stretch: Stretch) -> Figure | None:
    """Where a hold eases in from: its position's neutral pose, in the hold's view."""
    neutral = neutral_poses().get(stretch.position)
    pose = pose_for(stretch)
    if (
        neutral is None
        or neutral is pose
        or neutral.get("view", "side") != pose.get("view", "side")
    ):
        return None
    return read_figure(neutral)


def _between(a: Figure, b: Figure, t: float) -> Figure:
    """A figure part way (t) from a to b: each keypoint on the straight line between."""
    points = {}
    for name, p in b.points.items():
        q = a.points[name] if name in a.points else _default(a, name)
        points[name] = (
            q[0] + (p[0] - q[0]) * t,
            q[1] + (p[1] - q[1]) * t,
            q[2] + (p[2] - q[2]) * t,
        )
    return b._replace(points=points)


def _default(figure: Figure, name: str) -> Point:
    points = figure.points
    if name == "spine":
        h, n = points["hip"], points["neck"]
        return ((h[0] + n[0]) / 2, (h[1] + n[1]) / 2, (h[2] + n[2]) / 2)
    if name.endswith("shoulder"):
        return points["neck"]
    if name.endswith("_hip"):
        return points["hip"]
    if name == "nose":
        return points["head"]
    side = name.split("_")[0]
    base = points[f"{side}_wrist" if name.endswith("hand") else f"{side}_ankle"]
    return base


ARROW = "#24639c"


def _arrow(canvas: _Canvas, start: Flat, end: Flat, both: bool) -> str:
    """An arrow from start to end (and back, when ``both``), in the other end's blue."""
    u = shapes.unit(shapes.sub(end, start))
    n = shapes.perp(u)
    head = min(0.032, 0.3 * math.dist(start, end))  # two heads that never meet
    heads = [
        [
            shapes.add(end, (u, -head), (n, head * 0.6)),
            end,
            shapes.add(end, (u, -head), (n, -head * 0.6)),
        ]
    ]
    if both:
        heads.append(
            [
                shapes.add(start, (u, head), (n, head * 0.6)),
                start,
                shapes.add(start, (u, head), (n, -head * 0.6)),
            ]
        )
    d = canvas.path([start, end]) + "".join(" " + canvas.path(h) for h in heads)
    return (
        f'<path class="hb-arrow" fill="none" stroke="{ARROW}" stroke-width="{canvas.units(0.014)}" '
        f'stroke-linecap="round" stroke-linejoin="round" d="{d}"/>'
    )


HALO = "#ffffff"


def _floor_line(figure: Figure) -> float | None:
    """The floor's height in the picture where it is drawn as a line (side, front, back)."""
    return None if figure.view in ("above", "three-quarter") else 0.0


def _move_arrows(canvas: _Canvas, start: Figure, end: Figure) -> list[str]:
    """Arrows on the start figure from where its moving parts start to where they end:
    blue on a white halo, so they read on the figure, on a dark page and in greyscale."""
    a, b = projected(start), projected(end)
    out = []
    for arrow in arrows(a, b, _floor_line(start)):
        path = arrow.path
        tip = path[-1]
        back = path[-2] if len(path) > 1 else path[0]
        u = shapes.unit(shapes.sub(tip, back))
        n = shapes.perp(u)
        size = 0.045
        head = [
            shapes.add(tip, (u, -size), (n, size * 0.6)),
            shapes.add(tip, (u, size * 0.35)),
            shapes.add(tip, (u, -size), (n, -size * 0.6)),
        ]
        name = arrow.keypoint
        line = canvas.path(path)
        ends = f"{canvas.xy(a[name])} {canvas.xy(b[name])}"
        out.append(
            f'<g class="hb-move-arrow" data-keypoint="{name}" data-ends="{ends}">'
            f'<path class="hb-arrow-halo" fill="none" stroke="{HALO}" stroke-opacity="0.9" '
            f'stroke-width="{canvas.units(0.034)}" stroke-linecap="round" '
            f'stroke-linejoin="round" d="{line}"/>'
            f'<path class="hb-arrow-halo" fill="{HALO}" stroke="{HALO}" stroke-opacity="0.9" '
            f'stroke-width="{canvas.units(0.014)}" stroke-linejoin="round" '
            f'd="{canvas.path(head, closed=True)}"/>'
            f'<path class="hb-arrow-line" fill="none" stroke="{ARROW}" '
            f'stroke-width="{canvas.units(0.016)}" stroke-linecap="round" '
            f'stroke-linejoin="round" d="{line}"/>'
            f'<path class="hb-arrow-head" fill="{ARROW}" stroke="{ARROW}" '
            f'stroke-width="{canvas.units(0.004)}" stroke-linejoin="round" '
            f'd="{canvas.path(head, closed=True)}"/></g>'
        )
    return out


def _scene(
    figure: Figure,
    stretch: Stretch,
    canvas: _Canvas,
    box: tuple[float, float, float, float],
    tone: Tone = FIGURE,
    mark: bool = True,
    cls: str = "hb-figure",
) -> list[str]:
    """A floor, the props behind, the figure, the props in front."""
    behind, in_front = _props_svg(figure, canvas)
    return [
        _floor_svg(figure, canvas, box),
        *behind,
        f'<g class="{cls}">',
        *figure_svg(figure, stretch, canvas, tone, mark),
        "</g>",
        *in_front,
    ]


def svg(
    stretch: Stretch,
    side: str = "first",
    size: int = 240,
    mark: bool = True,
    motion: bool = False,
) -> str:
    """The stretch's picture as a self-contained ``<svg>`` element, ``size`` pixels square.

    For a stretch done on each side in turn, ``side`` is "first" (the side its steps start
    on), "second", or the person's "left" or "right": the picture marks that limb, mirrored
    where the pose shows the other. For one done on both sides together every side is the
    same picture. ``mark=False`` leaves the target muscles unmarked. A stretch without a
    pose is drawn in its position's neutral pose. A movement is drawn as two panels, where
    it starts and (in blue) where it turns, with an arrow between them.

    ``motion=True`` adds the poses between the ends (class ``hb-motion``, hidden until
    picture.js shows them in time with a player): from start to turn for a movement, from
    the position's neutral pose into the stretch for a hold.
    """
    wanted = body_side(stretch, side)
    pose = pose_for(stretch)
    figure = read_figure(pose)
    end = _end_figure(stretch)
    each = stretch.sides != "both"
    shown = marked_side(stretch, pose)
    flip = each and (wanted != shown if shown is not None else side in ("second", "right"))
    words = sentence(stretch, wanted, ends=end is not None)
    title = f"{stretch.name}{_side_title(stretch, wanted)}"
    targets = [f"{m} (primary)" for m in stretch.primary]
    targets += [f"{m} (secondary)" for m in stretch.secondary]

    figures = [figure] if end is None else [figure, end]
    start = _start_pose(stretch) if motion and end is None else None
    before = _eased_from(figure)
    turns = (
        arrows(projected(figure), projected(end), _floor_line(figure))
        if end is not None
        else arrows(projected(before), projected(figure), _floor_line(figure))
        if before is not None
        else []
    )
    box = _extent(
        figures + ([start] if start is not None else []), [p for a in turns for p in a.path]
    )
    x0, y0, x1, y1 = box
    span = max(x1 - x0, y1 - y0, 0.9)
    centre = (x0 + x1) / 2
    left, top = centre - span / 2, (y0 + y1) / 2 + span / 2
    extent = _num(span * UNIT)
    view = figure.view
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hb-picture" role="img" '
        f'aria-label="{escape(words)}" width="{size}" height="{size}" '
        f'viewBox="0 0 {extent} {extent}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(words)} Targets: {escape(', '.join(targets) or 'none')}.</desc>",
    ]
    mirror = span * UNIT if flip else None
    if end is None:
        canvas = _Canvas(left, top, mirror)
        out += ['<g class="hb-still">']
        out += _scene(figure, stretch, canvas, box, mark=mark)
        if before is not None:
            out += _move_arrows(canvas, before, figure)
        out += ["</g>"]
    else:
        out += _panels(figure, end, stretch, box, span, mirror, mark)
    if motion:
        out += _motion(
            figure, end if end is not None else None, start, stretch, box, left, top, mirror, mark
        )
    if view == "above":  # say so: a body seen from overhead is the hardest to read
        canvas = _Canvas(left, top, None)
        out.append(
            f'<text class="hb-view-note" x="{_num(canvas.x((x0, y0)))}" '
            f'y="{_num(canvas.y((x0, y0)) - 2)}" font-family="sans-serif" '
            f'font-size="{canvas.units(0.045)}" fill="{FLOOR}">Seen from above</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _panels(
    figure: Figure,
    end: Figure,
    stretch: Stretch,
    box: tuple[float, float, float, float],
    span: float,
    mirror: float | None,
    mark: bool,
) -> list[str]:
    """A movement's two ends in two panels, side by side or one above the other, an arrow
    from the first to the second (both ways: a movement goes there and back)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    gap = 0.1 * span
    over = min(span / w, (span - gap) / (2 * h))  # one above the other
    beside = min((span - gap) / (2 * w), span / h)
    stacked = over > beside  # whichever draws the figures larger
    scale = max(over, beside)
    cw, ch = w * scale, h * scale  # a panel, in body heights of the picture
    out = ['<g class="hb-still hb-panels">']
    firsts: list[Flat] = []
    for n, (fig, tone, cls, marked) in enumerate(
        ((figure, FIGURE, "hb-figure", mark), (end, END, "hb-figure hb-figure-end", mark))
    ):
        if stacked:
            dx, dy = (span - cw) / 2, (span - 2 * ch - gap) / 2 + n * (ch + gap)
        else:
            dx, dy = (span - 2 * cw - gap) / 2 + n * (cw + gap), (span - ch) / 2
        canvas = _Canvas(x0, y1, mirror, scale, (dx * UNIT, dy * UNIT))
        out += _scene(fig, stretch, canvas, box, tone, marked, cls)
        if n == 0:
            out += _move_arrows(canvas, figure, end)
        firsts.append((dx + cw / 2, dy + ch / 2))
    # the arrow, in picture units (y down), between the panels
    plain = _Canvas(0.0, 0.0, mirror)
    (ax, ay), (bx, by) = firsts
    if stacked:  # down the gap between the panels
        a, b = (span / 2, -(ay + ch / 2 + 0.015)), (span / 2, -(by - ch / 2 - 0.015))
    else:  # across it
        a, b = (ax + cw / 2 + 0.015, -span / 2), (bx - cw / 2 - 0.015, -span / 2)
    out.append(_arrow(plain, a, b, both=True))
    out.append("</g>")
    return out


def _motion(
    figure: Figure,
    end: Figure | None,
    start: Figure | None,
    stretch: Stretch,
    box: tuple[float, float, float, float],
    left: float,
    top: float,
    mirror: float | None,
    mark: bool,
) -> list[str]:
    """The poses a moving picture steps through, hidden until picture.js shows one."""
    first, last = (figure, end) if end is not None else (start, figure)
    canvas = _Canvas(left, top, mirror)
    kind = "movement" if end is not None else "hold"
    out = [f'<g class="hb-motion" data-kind="{kind}" display="none">']
    if first is None or last is None:
        frames = [figure]
    else:
        frames = [_between(first, last, i / (FRAMES - 1)) for i in range(FRAMES)]
        frames[0], frames[-1] = first, last
    for i, fig in enumerate(frames):
        out.append(
            f'<g class="hb-frame" data-at="{i / max(len(frames) - 1, 1):.2f}" display="none">'
        )
        out += _scene(fig._replace(props=figure.props), stretch, canvas, box, mark=mark)
        out.append("</g>")
    out.append("</g>")
    return out


def _side_title(stretch: Stretch, side: str | None) -> str:
    if side is None:
        return ""
    return f" ({stretch.side_name(side)})"


def gallery_html(catalog: Iterable[Stretch], size: int = 200, dark: bool = False) -> str:
    """A standalone HTML page with every stretch's picture, both sides, to review them all."""
    background, text = ("#1e1e1e", "#e0e0e0") if dark else ("#ffffff", "#222222")
    cards = []
    for stretch in catalog:
        sides = ("first",) if stretch.sides == "both" else ("first", "second")
        pictures = "".join(svg(stretch, side=s, size=size) for s in sides)
        note = (
            "both sides together"
            if stretch.sides == "both"
            else escape(", then ".join(stretch.side_name(s) for s in stretch.sides_in_order))
        )
        cards.append(
            f'<figure class="hb-card">{pictures}<figcaption><b>'
            f"{escape(stretch.name)}</b><br><small>{escape(stretch.id)} &middot; "
            f"{escape(stretch.position)} &middot; {note}</small></figcaption></figure>"
        )
    key = '<span class="key" style="background:{}"></span>{}'
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8"><title>Stretch pictures</title>'
        f"<style>body{{background:{background};color:{text};font-family:sans-serif;"
        "margin:16px}.hb-grid{display:flex;flex-wrap:wrap;gap:12px}"
        ".hb-card{margin:0;padding:6px;border:1px solid #8884;border-radius:6px}"
        f"figcaption{{max-width:{2 * size}px;font-size:13px;overflow-wrap:anywhere}}"
        ".key{display:inline-block;width:28px;height:8px;border-radius:4px;margin:0 4px}"
        "</style></head><body><p>"
        + key.format(PRIMARY, "primary target")
        + key.format(SECONDARY, "secondary target")
        + f'</p><div class="hb-grid">{"".join(cards)}</div></body></html>\n'
    )
