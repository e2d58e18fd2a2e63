"""Drawing: a stretch's pose as a stick figure in SVG text, its targets marked.

Standard library only; the SVG is built as text, and the same stretch always gives the
same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..catalog.body import BODY, FACES, LIMBS, MUSCLES, SIDES, TRUNK
from ..catalog.pose import (
    Figure,
    Flat,
    Point,
    Prop,
    near_side,
    pose_end_for,
    pose_for,
    read_figure,
    segment_ends,
)
from .faces import front_normal, toward_viewer

if TYPE_CHECKING:
    from ..catalog.stretch import Stretch

# Colours that read on light and dark backgrounds; a stylesheet may override them by class.
FIGURE = "#8b929b"
END_FIGURE = "#5b9bd5"  # a movement's other end, drawn behind the first
PRIMARY = "#f07f2d"
SECONDARY = "#f5b66d"
PROP = "#9aa1a9"
STRAP = "#4f9fd6"
TARGET_STYLE = {"primary": (PRIMARY, 10, 0.85), "secondary": (SECONDARY, 8, 0.6)}
UNIT = 100  # SVG user units per body height
FACE_OFFSET = 0.035  # how far a mark sits off a limb's line toward the face its muscle is on


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

    def xy(self, point: Sequence[float]) -> str:
        x = point[0] if self.mirror is None else 2 * self.mirror - point[0]
        return f"{_num((x - self.left) * UNIT)} {_num((self.top - point[1]) * UNIT)}"

    def path(self, points: Iterable[Sequence[float]], closed: bool = False) -> str:
        first, *rest = points
        return (
            "M"
            + self.xy(first)
            + "".join(" L" + self.xy(p) for p in rest)
            + (" Z" if closed else "")
        )

    def centre(self, point: Sequence[float]) -> str:
        x, y = self.xy(point).split()
        return f'cx="{x}" cy="{y}"'


def _point(values: Iterable[float]) -> Point:
    x, y, z = values
    return x, y, z


def _lerp(a: Point, b: Point, t: float) -> Point:
    return _point(p + (q - p) * t for p, q in zip(a, b, strict=True))


def _torso(points: Mapping[str, Point], t0: float, t1: float) -> list[Point]:
    """Points along the torso from t0 to t1 (0 = hip, 1 = neck), bent through the spine."""
    hip, neck = points["hip"], points["neck"]
    if "spine" not in points:
        return [_lerp(hip, neck, t0), _lerp(hip, neck, t1)]
    # the quadratic curve from hip to neck that passes through the spine halfway
    bend = _point(2 * s - (h + n) / 2 for s, h, n in zip(points["spine"], hip, neck, strict=True))
    out = []
    for i in range(13):
        t = t0 + (t1 - t0) * i / 12
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
        out.append(_point(a * h + b * k + c * n for h, k, n in zip(hip, bend, neck, strict=True)))
    return out


def _piece(
    points: Mapping[str, Point], segment: str, side: str | None, t0: float = 0.0, t1: float = 1.0
) -> list[Point] | None:
    """The points along part of a segment (t0 to t1), or None when the pose has none."""
    if segment == "torso":
        return _torso(points, t0, t1)
    joins = segment_ends(points, segment, side)
    if joins is None:
        return None
    start, end = (points[name] for name in joins)
    return [_lerp(start, end, t0), _lerp(start, end, t1)]


Marks = dict[tuple[str, str | None], list[tuple[str, float, float, str]]]
"""(segment, side) -> [(role, t0, t1, muscle)]: where the target muscles are marked."""


def _marks(figure: Figure, stretch: Stretch) -> Marks:
    """(segment, side) -> [(role, t0, t1, muscle)] for the target muscles of a stretch."""
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
                    marks.setdefault((segment, where), []).append((role, t0, t1, muscle))
    return marks


def _mark(
    piece: Sequence[Point],
    role: str,
    muscle: str,
    canvas: _Canvas,
    face: str | None = None,
    hidden: bool = False,
) -> str:
    """A target muscle: a band along its segment, on its face; dashed when on the far face."""
    colour, width, opacity = TARGET_STYLE[role]
    where = f", {face}" if face else ""
    title = f"<title>{escape(muscle)} ({role}{where})</title>"
    classes = f"hb-target-{role}" + (f" hb-face-{face}" if face else "")
    if math.dist(piece[0][:2], piece[-1][:2]) < 0.01:  # a spot, or a girdle seen end-on
        return (
            f'<circle class="{classes}" {canvas.centre(piece[0])} '
            f'r="{width * 0.6:g}" fill="{colour}" fill-opacity="{opacity}" '
            f'stroke="none">{title}</circle>'
        )
    dashes = f' stroke-dasharray="{width * 0.6:g} {width * 0.4:g}"' if hidden else ""
    return (
        f'<path class="{classes}" stroke="{colour}" stroke-opacity="{opacity}" '
        f'stroke-width="{width}"{dashes} d="{canvas.path(piece)}">{title}</path>'
    )


def _on_face(
    piece: list[Point],
    points: Mapping[str, Point],
    segment: str,
    side: str | None,
    face: str | None,
    facing: str | None,
) -> tuple[list[Point], bool]:
    """The mark's points moved to the face its muscle lies on, and whether it is hidden."""
    if face is None:
        return piece, False
    if facing is not None:  # that face is turned to the viewer: a muscle on the other is hidden
        return piece, face != facing
    normal = front_normal(points, segment, side)
    if normal is None:
        return piece, False
    step = FACE_OFFSET * (1 if face == "front" else -1)
    return [(p[0] + normal[0] * step, p[1] + normal[1] * step, *p[2:]) for p in piece], False


def _head(points: Mapping[str, Point], canvas: _Canvas) -> str:
    head = points["head"]
    out = (
        f'<circle class="hb-head" {canvas.centre(head)} r="{_num(BODY["head"] * UNIT)}" '
        f'fill="{FIGURE}" stroke="none"/>'
    )
    nose = points.get("nose")
    if nose is not None and head[2] - nose[2] > math.dist(head[:2], nose[:2]):
        return out  # the face is turned away from the viewer: no eye to see
    if nose is not None:
        eye = _lerp(head, points["nose"], 0.6)
        out += f'<circle class="hb-eye" {canvas.centre(eye)} r="1.5" fill="#ffffff" stroke="none"/>'
        dx, dy = points["nose"][0] - head[0], points["nose"][1] - head[1]
        if abs(dx) > 0.5 * BODY["head"] and abs(dy) < abs(dx):  # a face seen from the side
            scale = BODY["head"] / math.hypot(dx, dy)
            tip = [(head[0] + dx * scale * k, head[1] + dy * scale * k) for k in (0.8, 1.2)]
            out += (
                f'<path class="hb-nose" stroke="{FIGURE}" stroke-width="3.5" '
                f'd="{canvas.path(tip)}"/>'
            )
    return out


def _figure(figure: Figure, stretch: Stretch, canvas: _Canvas, mark: bool) -> list[str]:
    """The body's elements back to front: by depth, then far limbs, trunk, near limbs.

    ``mark=False`` leaves the target muscles unmarked.
    """
    points = figure.points
    marks = _marks(figure, stretch) if mark else {}
    faded = figure.view == "side"  # in a side view the far limbs are behind
    facing = toward_viewer(figure.view, points)
    parts: list[tuple[str, str | None, int]] = [(segment, None, 1) for segment in TRUNK]
    parts += [(segment, side, 0 if side == "far" else 2) for side in SIDES for segment in LIMBS]
    drawn: list[tuple[float, int, int, int, str]] = []
    for order, (segment, side, rank) in enumerate(parts):
        line = _piece(points, segment, side)
        if line is None:
            continue
        depth = round(sum(p[2] for p in line) / len(line), 3)
        for role, t0, t1, muscle in marks.get((segment, side), ()):
            face = FACES.get(muscle)
            part = _piece(points, segment, side, t0, t1)
            assert part is not None  # the pose has this segment (its line above), so any part of it
            piece, hidden = _on_face(part, points, segment, side, face, facing)
            element = _mark(piece, role, muscle, canvas, face, hidden)
            drawn.append((depth, rank, order, 0, element))
        classes = f"hb-body hb-{segment.replace(' ', '-')}" + (f" hb-{side}" if side else "")
        extra = ' stroke-opacity="0.55"' if faded and side == "far" else ""
        drawn.append(
            (depth, rank, order, 1, f'<path class="{classes}"{extra} d="{canvas.path(line)}"/>')
        )
    drawn.append((round(points["head"][2], 3), 1, len(parts), 0, _head(points, canvas)))
    return [element for *_, element in sorted(drawn, key=lambda item: item[:4])]


def _prop_shapes(prop: Prop, view: str = "side") -> list[tuple[list[Flat], bool]]:
    """The outlines of a prop other than a strap: (points, closed) in body heights."""
    x, y, _ = prop.at
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
    if kind == "chair":
        half, seat = 0.12, 0.025
        shapes = [
            ([(x - half, y), (x + half, y), (x + half, y - seat), (x - half, y - seat)], True),
            ([(x - half + 0.01, y - seat), (x - half + 0.01, 0.0)], False),
            ([(x + half - 0.01, y - seat), (x + half - 0.01, 0.0)], False),
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
        return [([(x, 0.0), (x, y)], False), ([(x - 0.07, y), (x + 0.07, y)], False)]
    return [([(x - 0.1, y), (x + 0.1, y), (x + 0.09, y + 0.045), (x - 0.09, y + 0.045)], True)]


def _props(figure: Figure, canvas: _Canvas) -> tuple[list[str], list[str]]:
    """SVG elements of the props: (those behind the figure, those in front of it)."""
    behind, front = [], []
    for between in figure.straps:
        line = [figure.points[name] for name in between]
        front.append(
            f'<path class="hb-prop hb-strap" stroke="{STRAP}" stroke-width="3" '
            f'fill="none" d="{canvas.path(line)}"/>'
        )
    for prop in figure.props:
        for shape, closed in _prop_shapes(prop, figure.view):
            behind.append(
                f'<path class="hb-prop hb-{prop.kind}" stroke="{PROP}" '
                f'stroke-width="2.5" fill="{PROP}" '
                f'fill-opacity="{0.18 if closed else 0}" '
                f'd="{canvas.path(shape, closed)}"/>'
            )
    return behind, front


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


def svg(stretch: Stretch, side: str = "first", size: int = 240, mark: bool = True) -> str:
    """The stretch's picture as a self-contained ``<svg>`` element, ``size`` pixels square.

    For a stretch done on each side in turn, ``side`` is "first" (the side its steps start
    on), "second", or the person's "left" or "right": the picture marks that limb, mirrored
    where the pose shows the other. For one done on both sides together every side is the
    same picture. ``mark=False`` leaves the target muscles unmarked. A stretch without a
    pose is drawn in its position's neutral pose.
    """
    wanted = body_side(stretch, side)
    pose = pose_for(stretch)
    figure = read_figure(pose)
    view, points = figure.view, figure.points
    end = pose_end_for(stretch)
    end_figure = None if end is None else read_figure(end)
    end_points = {} if end_figure is None else end_figure.points

    outline: list[Flat] = [p[:2] for p in (*points.values(), *end_points.values())]
    outline += [p for prop in figure.props for shape, _ in _prop_shapes(prop, view) for p in shape]
    for head in (points["head"], end_points.get("head", points["head"])):
        outline += [(head[0], head[1] - BODY["head"]), (head[0], head[1] + BODY["head"])]
    head = points["head"]
    if view != "above":
        outline.append((head[0], -0.1))  # room under the floor line
    xs, ys = [p[0] for p in outline], [p[1] for p in outline]
    span = max(1.0, max(xs) - min(xs) + 0.3, max(ys) - min(ys) + 0.3)
    centre = (min(xs) + max(xs)) / 2
    left, top = centre - span / 2, (min(ys) + max(ys)) / 2 + span / 2
    each = stretch.sides != "both"
    shown = marked_side(stretch, pose)
    flip = each and (wanted != shown if shown is not None else side in ("second", "right"))
    canvas = _Canvas(left, top, centre if flip else None)

    targets = [f"{escape(m)} (primary)" for m in stretch.primary]
    targets += [f"{escape(m)} (secondary)" for m in stretch.secondary]
    extent = _num(span * UNIT)
    both_ends = (
        ". The grey figure is where the movement starts, the blue one where it turns."
        if end is not None
        else ""
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hb-picture" role="img" '
        f'width="{size}" height="{size}" viewBox="0 0 {extent} {extent}">',
        f"<title>{escape(stretch.name)}{_side_title(stretch, wanted)}</title>",
        f"<desc>Targets: {', '.join(targets) or 'none'}{both_ends}</desc>",
    ]
    if view == "above":  # the floor seen from overhead: a mat under the body
        x0, x1 = min(xs) - 0.06, max(xs) + 0.06
        y0, y1 = min(ys) - 0.06, max(ys) + 0.06
        mat = canvas.path([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], closed=True)
        out.append(
            f'<path class="hb-floor" fill="{PROP}" fill-opacity="0.12" stroke="{PROP}" '
            f'stroke-opacity="0.5" stroke-width="1.5" d="{mat}"/>'
        )
    else:
        out.append(
            f'<path class="hb-floor" stroke="{PROP}" stroke-width="2.5" '
            f'd="{canvas.path([(left, 0.0), (left + span, 0.0)])}"/>'
        )
    behind, in_front = _props(figure, canvas)
    out += behind
    if end_figure is not None:  # the other end of a movement, unmarked, behind the first
        out.append(
            f'<g class="hb-figure hb-figure-end" fill="none" stroke="{END_FIGURE}" '
            f'stroke-width="4.5" stroke-opacity="0.7" stroke-linecap="round" '
            f'stroke-linejoin="round">'
        )
        out += [
            element.replace(FIGURE, END_FIGURE)
            for element in _figure(end_figure, stretch, canvas, mark=False)
        ]
        out.append("</g>")
    out.append(
        f'<g class="hb-figure" fill="none" stroke="{FIGURE}" stroke-width="4.5" '
        f'stroke-linecap="round" stroke-linejoin="round">'
    )
    out += _figure(figure, stretch, canvas, mark)
    out.append("</g>")
    out += in_front
    if view == "above":  # say so: a body seen from overhead is the hardest to read
        x0, y0 = min(xs) - 0.06, min(ys) - 0.06  # just under the mat's lower left corner
        out.append(
            f'<text class="hb-view-note" x="{_num((x0 - left) * UNIT)}" '
            f'y="{_num((top - y0) * UNIT + 6)}" font-family="sans-serif" '
            f'font-size="5.5" fill="{PROP}">Seen from above</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _side_title(stretch: Stretch, side: str | None) -> str:
    if side is None:
        return ""
    name = stretch.side_name(side)
    return f" ({escape(name)})"


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
