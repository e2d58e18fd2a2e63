"""Test helpers for the pictures: poses to vary, and reading the SVG drawn."""

from __future__ import annotations

import copy
import math
import re
import xml.etree.ElementTree as ET

from handbook.catalog.body import BODY
from handbook.catalog.pose import neutral_poses

NEUTRAL = neutral_poses()


NS = "{http://www.w3.org/2000/svg}"


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def standing() -> dict:
    return copy.deepcopy(NEUTRAL["standing"])


def elements(picture: str, cls: str) -> list[ET.Element]:
    root = ET.fromstring(picture)
    return [e for e in root.iter() if cls in e.get("class", "").split()]


def path_points(d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in NUMBER.findall(d)]
    return list(zip(values[::2], values[1::2], strict=True))


def stretched_shin(factor: float) -> dict:
    """The standing pose with the near shin (and the foot below it) scaled by factor."""
    pose = standing()
    knee, ankle, toe = pose["near_knee"], pose["near_ankle"], pose["near_toe"]
    new_ankle = [k + (a - k) * factor for k, a in zip(knee, ankle, strict=True)]
    pose["near_ankle"] = new_ankle
    pose["near_toe"] = [t + n - a for t, n, a in zip(toe, new_ankle, ankle, strict=True)]
    return pose


def with_shoulder(width: float) -> dict:
    """The standing pose with the near arm moved toward the viewer by a shoulder width."""
    pose = standing()
    pose["near_shoulder"] = [*pose["neck"], 0.0]
    for name in ("near_shoulder", "near_elbow", "near_wrist", "near_hand"):
        pose[name] = [*pose[name][:2], width]
    return pose


def bone(element: ET.Element) -> tuple[tuple[float, float], tuple[float, float]]:
    """The line a limb's outline is drawn round (its data-bone: the two joints)."""
    x1, y1, x2, y2 = (float(v) for v in element.get("data-bone").split())
    return (x1, y1), (x2, y2)


def inside(point, polygon) -> bool:
    """Whether a point lies within a closed outline (even-odd rule)."""
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def on_segment(point, start, end) -> bool:
    (px, py), (ax, ay), (bx, by) = point, start, end
    cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    inside = min(ax, bx) - 0.2 <= px <= max(ax, bx) + 0.2
    return abs(cross) <= 0.2 * math.dist(start, end) and inside


def mirrored(first: str, second: str) -> bool:
    width = float(ET.fromstring(first).get("viewBox").split()[2])
    a, b = ET.fromstring(first), ET.fromstring(second)
    pairs = list(zip(a.iter(), b.iter(), strict=True))
    for one, two in pairs:
        if one.tag.endswith("path"):
            for (x1, y1), (x2, y2) in zip(
                path_points(one.get("d")), path_points(two.get("d")), strict=True
            ):
                if abs(x1 + x2 - width) > 0.11 or y1 != y2:
                    return False
        elif (
            one.tag.endswith("circle")
            and abs(float(one.get("cx")) + float(two.get("cx")) - width) > 0.11
        ):
            return False
    return True


def built(angles: list[float]) -> dict:
    """A pose from joint angles (degrees), every segment exactly its model length."""

    def step(start, length, degrees):
        r = math.radians(degrees)
        return [start[0] + length * math.cos(r), start[1] + length * math.sin(r)]

    hip = [0.0, 0.8]
    neck = step(hip, BODY["torso"], angles[0])
    pose = {"hip": hip, "neck": neck, "head": step(neck, BODY["neck"], angles[1])}
    for n, side in enumerate(("near", "far")):
        a = angles[2 + 6 * n : 8 + 6 * n]
        pose[f"{side}_elbow"] = step(neck, BODY["upper arm"], a[0])
        pose[f"{side}_wrist"] = step(pose[f"{side}_elbow"], BODY["forearm"], a[1])
        pose[f"{side}_hand"] = step(pose[f"{side}_wrist"], BODY["hand"], a[2])
        pose[f"{side}_knee"] = step(hip, BODY["thigh"], a[3])
        pose[f"{side}_ankle"] = step(pose[f"{side}_knee"], BODY["shin"], a[4])
        pose[f"{side}_toe"] = step(pose[f"{side}_ankle"], BODY["foot"], a[5])
    return pose | {"view": "above"}
