"""Pictures: poses held to one body, stick figures drawn as SVG, mirrored for the other side."""

from __future__ import annotations

import copy
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import handbook
from handbook import CatalogError, load_catalog
from handbook.pictures.body import BODY, MUSCLES, TOLERANCE
from handbook.pictures.draw import gallery_html, svg
from handbook.pictures.pose import check_pose, neutral_poses, pose_for
from tests.conftest import write_stretch

NEUTRAL = neutral_poses()
CAT = handbook.load_catalog()
NS = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
POSITIONS = CAT.vocabulary.keys("positions")


def standing() -> dict:
    return copy.deepcopy(NEUTRAL["standing"])


def elements(picture: str, cls: str) -> list[ET.Element]:
    root = ET.fromstring(picture)
    return [e for e in root.iter() if cls in e.get("class", "").split()]


def path_points(d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in NUMBER.findall(d)]
    return list(zip(values[::2], values[1::2], strict=True))


# --- Every built-in stretch has a pose that keeps the one body -------------------------

def test_every_builtin_stretch_has_a_good_pose():
    bad = {s.id: check_pose(s.pose) if s.pose else ["no pose"] for s in CAT}
    assert {sid: found for sid, found in bad.items() if found} == {}


def test_every_builtin_limb_matches_the_body_model():
    """Measured here directly, not through check_pose, so a fault there cannot hide one."""
    limbs = [("upper arm", "{}_shoulder", "{}_elbow"), ("forearm", "{}_elbow", "{}_wrist"),
             ("thigh", "{}_hip", "{}_knee"), ("shin", "{}_knee", "{}_ankle"),
             ("hand", "{}_wrist", "{}_hand"), ("foot", "{}_ankle", "{}_toe")]
    fallback = {"shoulder": "neck", "hip": "hip"}
    checked, wrong = 0, []
    for stretch in CAT:
        pose = stretch.pose
        point = {k: (*v, 0.0)[:3] for k, v in pose.items() if isinstance(v, list)
                 and all(isinstance(c, int | float) for c in v)}
        for side in ("near", "far"):
            for segment, start, end in limbs:
                a, b = start.format(side), end.format(side)
                a = a if a in point else fallback[a.split("_")[1]]
                if b not in point:
                    continue
                length = math.dist(point[a], point[b])
                checked += 1
                if abs(length - BODY[segment]) > TOLERANCE * BODY[segment]:
                    wrong.append((stretch.id, side, segment, round(length, 3)))
        if "spine" not in point:
            checked += 1
            if abs(math.dist(point["hip"], point["neck"]) - BODY["torso"]) > (
                    TOLERANCE * BODY["torso"]):
                wrong.append((stretch.id, "torso"))
    assert wrong == []
    assert checked >= 43 * 8


def test_the_muscle_map_covers_the_vocabulary():
    assert set(MUSCLES) == set(CAT.vocabulary.keys("muscles"))


def test_every_position_has_a_good_neutral_pose():
    assert set(NEUTRAL) == set(POSITIONS)
    assert {pos: check_pose(pose) for pos, pose in NEUTRAL.items() if check_pose(pose)} == {}


# --- check_pose: every mistake is named, with the fix ----------------------------------

def test_a_good_pose_has_no_problems():
    assert check_pose(standing()) == []


def test_an_unknown_keypoint_gets_the_closest_name():
    pose = standing()
    pose["near_elbw"] = pose.pop("near_elbow")
    found = check_pose(pose)
    assert "'near_elbw' is not a keypoint; did you mean 'near_elbow'?" in found
    assert any("is missing near_elbow" in m for m in found)


@pytest.mark.parametrize("value", ["0.2, 0.3", [0.2], [0.2, "0.3"], [True, 0.3],
                                   [0.1, 0.2, 0.3, 0.4], [float("nan"), 0.3]])
def test_a_keypoint_must_be_a_pair_of_numbers(value):
    pose = standing()
    pose["near_knee"] = value
    assert f"near_knee must be a pair of numbers [x, y] (or [x, y, z] with a depth), " \
           f"got {value!r}" in check_pose(pose)


def test_a_missing_keypoint_is_named():
    pose = standing()
    del pose["far_ankle"]
    assert check_pose(pose) == [
        "is missing far_ankle; every pose needs head, neck, hip, near_elbow, near_wrist, "
        "near_knee, near_ankle, far_elbow, far_wrist, far_knee, far_ankle"]


def stretched_shin(factor: float) -> dict:
    """The standing pose with the near shin (and the foot below it) scaled by factor."""
    pose = standing()
    knee, ankle, toe = pose["near_knee"], pose["near_ankle"], pose["near_toe"]
    new_ankle = [k + (a - k) * factor for k, a in zip(knee, ankle, strict=True)]
    pose["near_ankle"] = new_ankle
    pose["near_toe"] = [t + n - a for t, n, a in zip(toe, new_ankle, ankle, strict=True)]
    return pose


def test_a_too_long_shin_is_named_with_the_expected_and_actual_length():
    pose = stretched_shin(1.4)
    pose["near_knee"][1] += 0.1  # keep the foot above the floor
    pose["near_ankle"][1] += 0.1
    pose["near_toe"][1] += 0.1
    actual = math.dist(pose["near_knee"], pose["near_ankle"])
    found = check_pose(pose)
    assert f"near shin (near_knee to near_ankle) is {actual:.3f} long; the body model has " \
           f"0.245 (0.216 to 0.274)" in found


@pytest.mark.parametrize(("factor", "ok"), [(0.9, True), (1.1, True), (0.85, False),
                                            (1.15, False)])
def test_the_tolerance_is_twelve_percent(factor, ok):
    pose = stretched_shin(factor)
    found = [m for m in check_pose(pose) if "near shin" in m]
    assert (found == []) is ok


def test_a_depth_keeps_a_limb_pointing_at_the_viewer_its_length():
    pose = standing()
    knee = pose["near_knee"]
    pose["near_ankle"] = [knee[0], knee[1] - 0.1]  # foreshortened: too short on paper
    pose.pop("near_toe")
    assert any("near shin" in m for m in check_pose(pose))
    pose["near_ankle"].append(math.sqrt(0.245 ** 2 - 0.1 ** 2))
    assert check_pose(pose) == []


def with_shoulder(width: float) -> dict:
    """The standing pose with the near arm moved toward the viewer by a shoulder width."""
    pose = standing()
    pose["near_shoulder"] = [*pose["neck"], 0.0]
    for name in ("near_shoulder", "near_elbow", "near_wrist", "near_hand"):
        pose[name] = [*pose[name][:2], width]
    return pose


def test_girdles_may_be_narrower_but_not_wider_than_the_body():
    assert check_pose(with_shoulder(0.06)) == check_pose(with_shoulder(0.12)) == []
    assert check_pose(with_shoulder(0.2)) == [
        "near shoulder width (neck to near_shoulder) is 0.200 long; the body model has "
        "0.120 (at most 0.134)"]


def test_other_pose_mistakes():
    pose = standing() | {"view": "sideways", "stretched": "left", "nose": [0.3, 0.9]}
    pose["near_toe"] = [0.1, -0.2]
    pose["props"] = [{"kind": "chiar", "at": [0, 0.26]},
                     {"kind": "strap", "between": ["near_wrist", "near_foot"]},
                     {"kind": "wall"}]
    found = check_pose(pose)
    assert "view must be 'side', 'front' or 'above', got 'sideways'; did you mean 'side'?" in found
    assert "stretched must be 'near', 'far' or 'both', got 'left'" in found
    assert "near_toe is below the floor (y = -0.200); the floor is at y = 0" in found
    assert any(m.startswith("nose is 0.") and "must lie on the head" in m for m in found)
    assert any("'chiar' is not a kind of prop; did you mean 'chair'?" in m for m in found)
    assert any("'near_foot' is not a keypoint of this pose; did you mean 'near_toe'?" in m
               for m in found)
    assert "props item 3 (wall): at must be a pair of numbers [x, y], got None" in found
    assert check_pose(["not", "a", "table"]) == ["must be a table of keypoints"]
    assert check_pose(standing() | {"stretched": {"glutes": "far", "glute": "near"}}) == [
        "stretched names 'glute', which is not a muscle; did you mean 'glutes'?"]


# --- svg: well-formed, escaped, marked, mirrored, deterministic ------------------------

@pytest.mark.parametrize("sid", CAT.ids)
def test_every_picture_is_well_formed_svg(sid):
    for side in ("first", "second"):
        root = ET.fromstring(svg(CAT[sid], side=side))
        assert root.tag == f"{NS}svg" and root.get("viewBox").startswith("0 0 ")
        assert root.find(f"{NS}title").text.startswith(CAT[sid].name)
        assert elements(svg(CAT[sid], side=side), "hb-head")


def test_the_name_is_escaped_text_never_markup(tmp_path):
    name = "<img src=x onerror=alert(1)>"
    write_stretch(tmp_path, "evil", name=name)
    stretch = load_catalog(tmp_path)["evil"]
    picture = svg(stretch)
    assert "<img" not in picture and "&lt;img src=x onerror=alert(1)&gt;" in picture
    assert ET.fromstring(picture).find(f"{NS}title").text == f"{name} (first side)"
    page = gallery_html(load_catalog(tmp_path))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_primary_and_secondary_muscles_are_marked():
    stretch = CAT["kneeling-lat-stretch"]  # lats; shoulders and triceps
    assert stretch.primary and stretch.secondary
    assert elements(svg(stretch), "hb-target-primary")
    assert elements(svg(stretch), "hb-target-secondary")
    plain = svg(stretch, mark=False)
    assert not elements(plain, "hb-target-primary") and not elements(plain, "hb-target-secondary")
    assert elements(plain, "hb-figure")


def on_segment(point, start, end) -> bool:
    (px, py), (ax, ay), (bx, by) = point, start, end
    cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    inside = min(ax, bx) - 0.2 <= px <= max(ax, bx) + 0.2
    return abs(cross) <= 0.2 * math.dist(start, end) and inside


@pytest.mark.parametrize("stretched", ["near", "far"])
def test_a_limb_muscle_is_marked_on_the_stretched_limb_only(stretched):
    pose = NEUTRAL["standing"] | {"stretched": stretched}
    stretch = replace(CAT["standing-quad"], primary=("quadriceps",), secondary=(), pose=pose)
    picture = svg(stretch)
    (mark,) = elements(picture, "hb-target-primary")
    thigh = {side: path_points(e.get("d")) for side in ("near", "far")
             for e in elements(picture, f"hb-{side}") if "hb-thigh" in e.get("class")}
    other = "far" if stretched == "near" else "near"
    marked = path_points(mark.get("d"))
    assert all(on_segment(p, *thigh[stretched]) for p in marked)
    assert not all(on_segment(p, *thigh[other]) for p in marked)


def mirrored(first: str, second: str) -> bool:
    width = float(ET.fromstring(first).get("viewBox").split()[2])
    a, b = ET.fromstring(first), ET.fromstring(second)
    pairs = list(zip(a.iter(), b.iter(), strict=True))
    for one, two in pairs:
        if one.tag.endswith("path"):
            for (x1, y1), (x2, y2) in zip(path_points(one.get("d")), path_points(two.get("d")),
                                          strict=True):
                if abs(x1 + x2 - width) > 0.11 or y1 != y2:
                    return False
        elif one.tag.endswith("circle") and abs(
                float(one.get("cx")) + float(two.get("cx")) - width) > 0.11:
            return False
    return True


@pytest.mark.parametrize("sid", [s.id for s in CAT if s.sides == "each"])
def test_the_second_side_is_the_mirror_image(sid):
    first, second = svg(CAT[sid], side="first"), svg(CAT[sid], side="second")
    assert first != second
    assert mirrored(first, second)


def test_the_mirror_check_can_fail():
    first = svg(CAT["standing-quad"])
    assert not mirrored(first, first)


@pytest.mark.parametrize("sid", [s.id for s in CAT if s.sides == "both"])
def test_a_both_sides_stretch_looks_the_same_on_the_second_side(sid):
    assert svg(CAT[sid], side="second") == svg(CAT[sid], side="first")


def test_pictures_are_deterministic():
    again = handbook.load_catalog()
    for stretch in CAT:
        assert svg(stretch) == svg(stretch) == svg(again[stretch.id])
        assert svg(stretch, side="second", size=120) == svg(again[stretch.id], "second", 120)


def test_size_and_side_arguments():
    root = ET.fromstring(svg(CAT["cat-cow"], size=120))
    assert root.get("width") == root.get("height") == "120"
    with pytest.raises(ValueError, match="side must be 'first' or 'second'"):
        svg(CAT["cat-cow"], side="left")


# --- A user's stretch without a pose gets a neutral figure ------------------------------

@pytest.mark.parametrize("position", POSITIONS)
def test_a_stretch_without_a_pose_gets_the_neutral_figure_of_its_position(tmp_path, position):
    write_stretch(tmp_path, "mine", position=position)
    stretch = load_catalog(tmp_path)["mine"]
    assert stretch.pose is None
    assert pose_for(stretch) is NEUTRAL[position]
    picture = svg(stretch)
    assert elements(picture, "hb-head") and elements(picture, "hb-target-primary")
    assert mirrored(picture, svg(stretch, side="second"))


def test_the_neutral_figures_differ_by_position():
    heads = {pos: round(pose["head"][1], 2) for pos, pose in NEUTRAL.items()}
    assert heads["standing"] > heads["seated-chair"] > heads["supine"]
    assert len({svg(replace(CAT["cat-cow"], pose=None, position=p)) for p in POSITIONS}) == 8


# --- The catalogue rejects a broken pose, naming the file and the field ------------------

@pytest.mark.parametrize(("change", "expected"), [
    ({"near_ankle": [0.0, -0.3]}, "near shin (near_knee to near_ankle)"),
    ({"near_elbw": [0.0, 0.6]}, "'near_elbw' is not a keypoint; did you mean 'near_elbow'?"),
])
def test_a_catalogue_with_a_broken_pose_names_the_file_and_the_field(tmp_path, change,
                                                                     expected):
    write_stretch(tmp_path, "fine")
    write_stretch(tmp_path, "bent", pose=standing() | change)
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path)
    problems = info.value.problems
    assert problems and all(p.file.endswith("bent.toml") and p.field == "pose"
                            for p in problems)
    assert any(expected in str(p) for p in problems)


def test_a_user_pose_is_drawn(tmp_path):
    pose = standing() | {"props": [{"kind": "wall", "at": [0.4, 0.8]}]}
    write_stretch(tmp_path, "own", pose=pose)
    picture = svg(load_catalog(tmp_path)["own"])
    assert elements(picture, "hb-wall")


# --- Any pose built from the body model passes and draws --------------------------------

def built(angles: list[float]) -> dict:
    """A pose from joint angles (degrees), every segment exactly its model length."""
    def step(start, length, degrees):
        r = math.radians(degrees)
        return [start[0] + length * math.cos(r), start[1] + length * math.sin(r)]
    hip = [0.0, 0.8]
    neck = step(hip, BODY["torso"], angles[0])
    pose = {"hip": hip, "neck": neck, "head": step(neck, BODY["neck"], angles[1])}
    for n, side in enumerate(("near", "far")):
        a = angles[2 + 6 * n:8 + 6 * n]
        pose[f"{side}_elbow"] = step(neck, BODY["upper arm"], a[0])
        pose[f"{side}_wrist"] = step(pose[f"{side}_elbow"], BODY["forearm"], a[1])
        pose[f"{side}_hand"] = step(pose[f"{side}_wrist"], BODY["hand"], a[2])
        pose[f"{side}_knee"] = step(hip, BODY["thigh"], a[3])
        pose[f"{side}_ankle"] = step(pose[f"{side}_knee"], BODY["shin"], a[4])
        pose[f"{side}_toe"] = step(pose[f"{side}_ankle"], BODY["foot"], a[5])
    return pose | {"view": "above"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-180, 180), min_size=14, max_size=14))
def test_any_pose_with_model_lengths_passes_and_draws(angles):
    pose = built(angles)
    assert check_pose(pose) == []
    stretch = replace(CAT["standing-quad"], pose=pose)
    assert mirrored(svg(stretch), svg(stretch, side="second"))


def test_gallery_shows_every_side_of_every_stretch():
    page = gallery_html(CAT)
    assert page.count("<svg") == sum(2 if s.sides == "each" else 1 for s in CAT)
    assert page.count('<figure class="hb-card">') == len(CAT)
    assert "Child&#x27;s pose" in page
