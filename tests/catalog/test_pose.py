"""Pictures: poses held to one body, stick figures drawn as SVG, mirrored for the other side."""

from __future__ import annotations

import math

import pytest

from handbook import CatalogError, load_catalog
from handbook.catalog.body import BODY, MUSCLES, TOLERANCE
from handbook.catalog.pose import KEYPOINTS, Prop, check_pose, near_side, read_figure
from tests.helpers import builtin_catalog, write_stretch
from tests.pictures.helpers import NEUTRAL, standing, stretched_shin, with_shoulder

CAT = builtin_catalog()  # for collection-time parameters; tests take `catalog`
POSITIONS = CAT.vocabulary.keys("positions")


# --- Every built-in stretch has a pose that keeps the one body -------------------------


def test_every_builtin_stretch_has_a_good_pose(catalog):
    bad = {s.id: check_pose(s.pose) if s.pose else ["no pose"] for s in catalog}
    assert {sid: found for sid, found in bad.items() if found} == {}
    ends = {s.id: check_pose(s.pose_end) for s in catalog if s.is_movement}
    assert ends and {sid: found for sid, found in ends.items() if found} == {}


def test_every_builtin_limb_matches_the_body_model(catalog):
    """Measured here directly, not through check_pose, so a fault there cannot hide one."""
    limbs = [
        ("upper arm", "{}_shoulder", "{}_elbow"),
        ("forearm", "{}_elbow", "{}_wrist"),
        ("thigh", "{}_hip", "{}_knee"),
        ("shin", "{}_knee", "{}_ankle"),
        ("hand", "{}_wrist", "{}_hand"),
        ("foot", "{}_ankle", "{}_toe"),
    ]
    fallback = {"shoulder": "neck", "hip": "hip"}
    checked, wrong = 0, []
    poses = [(s.id, s.pose) for s in catalog] + [
        (s.id, s.pose_end) for s in catalog if s.pose_end is not None
    ]
    for sid, pose in poses:
        point = {
            k: (*v, 0.0)[:3]
            for k, v in pose.items()
            if isinstance(v, list) and all(isinstance(c, int | float) for c in v)
        }
        for side in ("near", "far"):
            for segment, start, end in limbs:
                a, b = start.format(side), end.format(side)
                a = a if a in point else fallback[a.split("_")[1]]
                if b not in point:
                    continue
                length = math.dist(point[a], point[b])
                checked += 1
                if abs(length - BODY[segment]) > TOLERANCE * BODY[segment]:
                    wrong.append((sid, side, segment, round(length, 3)))
        if "spine" not in point:
            checked += 1
            if abs(math.dist(point["hip"], point["neck"]) - BODY["torso"]) > (
                TOLERANCE * BODY["torso"]
            ):
                wrong.append((sid, "torso"))
    assert wrong == []
    assert checked >= 43 * 8


def test_the_muscle_map_covers_the_vocabulary(catalog):
    assert set(MUSCLES) == set(catalog.vocabulary.keys("muscles"))


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


@pytest.mark.parametrize(
    "value",
    ["0.2, 0.3", [0.2], [0.2, "0.3"], [True, 0.3], [0.1, 0.2, 0.3, 0.4], [float("nan"), 0.3]],
)
def test_a_keypoint_must_be_a_pair_of_numbers(value):
    pose = standing()
    pose["near_knee"] = value
    assert (
        f"near_knee must be a pair of numbers [x, y] (or [x, y, z] with a depth), "
        f"got {value!r}" in check_pose(pose)
    )


def test_a_missing_keypoint_is_named():
    pose = standing()
    del pose["far_ankle"]
    assert check_pose(pose) == [
        "is missing far_ankle; every pose needs head, neck, hip, near_elbow, near_wrist, "
        "near_knee, near_ankle, far_elbow, far_wrist, far_knee, far_ankle"
    ]


def test_a_too_long_shin_is_named_with_the_expected_and_actual_length():
    pose = stretched_shin(1.4)
    pose["near_knee"][1] += 0.1  # keep the foot above the floor
    pose["near_ankle"][1] += 0.1
    pose["near_toe"][1] += 0.1
    actual = math.dist(pose["near_knee"], pose["near_ankle"])
    found = check_pose(pose)
    assert (
        f"near shin (near_knee to near_ankle) is {actual:.3f} long; the body model has "
        f"0.245 (0.216 to 0.274)" in found
    )


@pytest.mark.parametrize(("factor", "ok"), [(0.9, True), (1.1, True), (0.85, False), (1.15, False)])
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
    pose["near_ankle"].append(math.sqrt(0.245**2 - 0.1**2))
    assert check_pose(pose) == []


def test_girdles_may_be_narrower_but_not_wider_than_the_body():
    assert check_pose(with_shoulder(0.06)) == check_pose(with_shoulder(0.12)) == []
    assert check_pose(with_shoulder(0.2)) == [
        "near shoulder width (neck to near_shoulder) is 0.200 long; the body model has "
        "0.120 (at most 0.134)"
    ]


def test_other_pose_mistakes():
    pose = standing() | {"view": "sideways", "stretched": "left", "nose": [0.3, 0.9]}
    pose["near_toe"] = [0.1, -0.2]
    pose["props"] = [
        {"kind": "chiar", "at": [0, 0.26]},
        {"kind": "strap", "between": ["near_wrist", "near_foot"]},
        {"kind": "wall"},
    ]
    found = check_pose(pose)
    assert (
        "view must be 'side', 'front', 'back', 'three-quarter' or 'above', got 'sideways'; "
        "did you mean 'side'?"
    ) in found
    assert "stretched must be 'near', 'far' or 'both', got 'left'" in found
    assert "near_toe is below the floor (y = -0.200); the floor is at y = 0" in found
    assert any(m.startswith("nose is 0.") and "must lie on the head" in m for m in found)
    assert any("'chiar' is not a kind of prop; did you mean 'chair'?" in m for m in found)
    assert any(
        "'near_foot' is not a keypoint of this pose; did you mean 'near_toe'?" in m for m in found
    )
    assert "props item 3 (wall): at must be a pair of numbers [x, y], got None" in found
    assert check_pose(["not", "a", "table"]) == ["must be a table of keypoints"]
    assert check_pose(standing() | {"stretched": {"glutes": "far", "glute": "near"}}) == [
        "stretched names 'glute', which is not a muscle; did you mean 'glutes'?"
    ]


# --- svg: well-formed, escaped, marked, mirrored, deterministic ------------------------


# --- A user's stretch without a pose gets a neutral figure ------------------------------


# --- The catalogue rejects a broken pose, naming the file and the field ------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"near_ankle": [0.0, -0.3]}, "near shin (near_knee to near_ankle)"),
        ({"near_elbw": [0.0, 0.6]}, "'near_elbw' is not a keypoint; did you mean 'near_elbow'?"),
    ],
)
def test_a_catalogue_with_a_broken_pose_names_the_file_and_the_field(tmp_path, change, expected):
    write_stretch(tmp_path, "fine")
    write_stretch(tmp_path, "bent", pose=standing() | change)
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path)
    problems = info.value.problems
    assert problems and all(p.file.endswith("bent.toml") and p.field == "pose" for p in problems)
    assert any(expected in str(p) for p in problems)


# --- Any pose built from the body model passes and draws --------------------------------


def _mirror(pose: dict) -> dict:
    """The pose mirrored left to right (x negated)."""
    out = {}
    for name, value in pose.items():
        out[name] = (
            [-value[0], *value[1:]]
            if isinstance(value, list) and value and isinstance(value[0], int | float)
            else value
        )
    return out


def test_a_person_facing_right_in_a_side_view_shows_their_right_side():
    pose = standing()  # the nose points to +x: facing right, the near limbs are the right ones
    assert near_side(pose) == "right"
    assert near_side(_mirror(pose)) == "left"


def test_lying_on_the_back_head_to_the_right_shows_the_left_side():
    assert near_side(NEUTRAL["supine"]) == "left"


def test_a_front_view_faces_the_viewer_so_their_right_is_on_our_left():
    pose = standing() | {
        "view": "front",
        "near_knee": [-0.06, 0.29],
        "far_knee": [0.06, 0.29],
        "near_elbow": [-0.12, 0.63],
        "far_elbow": [0.12, 0.63],
    }
    assert near_side(pose) == "right"
    pose |= {
        "near_knee": [0.06, 0.29],
        "far_knee": [-0.06, 0.29],
        "near_elbow": [0.12, 0.63],
        "far_elbow": [-0.12, 0.63],
    }
    assert near_side(pose) == "left"


def test_a_side_view_without_a_nose_does_not_tell():
    pose = standing()
    del pose["nose"]
    assert near_side(pose) is None


def test_lead_must_be_near_or_far():
    assert "lead must be 'near' or 'far', got 'left'" in " ".join(
        check_pose(standing() | {"lead": "left"})
    )


def test_a_back_view_shows_the_persons_right_on_our_right():
    pose = standing() | {
        "view": "back",
        "near_knee": [0.06, 0.29],
        "far_knee": [-0.06, 0.29],
        "near_elbow": [0.12, 0.63],
        "far_elbow": [-0.12, 0.63],
    }
    assert near_side(pose) == "right"


# --- Huge numbers are told in a few digits ----------------------------------------------


@pytest.mark.parametrize("value", [1e300, -1e300, 2**62, 10**400])
def test_errors_never_print_hundreds_of_digits(value):
    pose = {**standing(), "near_knee": [value, value], "head": [0.0, value]}
    found = check_pose(pose)
    assert found and max(len(message) for message in found) < 200, found


def test_a_huge_keypoint_is_not_a_point():
    found = check_pose({**standing(), "near_knee": [10**400, 0.5]})
    assert found[0].startswith(
        "near_knee must be a pair of numbers [x, y] (or [x, y, z] with a depth), got [1000"
    ) and found[0].endswith(" ...")
    assert len(found[0]) < 160


# --- A checked pose, read for drawing --------------------------------------------------


def test_every_pose_drawn_reads_as_a_figure(catalog):
    poses = [*NEUTRAL.values(), *(s.pose for s in catalog), *(s.pose_end for s in catalog)]
    poses = [pose for pose in poses if pose is not None]
    assert len(poses) > len(catalog)
    for pose in poses:
        figure = read_figure(pose)
        assert list(figure.points) == [name for name in pose if name in KEYPOINTS]
        assert figure.points["hip"] == (*pose["hip"], 0.0)[:3]
        assert figure.view == pose.get("view", "side")
    chair = read_figure(catalog["ankle-circles"].pose)
    assert chair.props == (Prop("chair", (-0.08, 0.26, 0.0), "left"),) and chair.straps == ()
    strapped = read_figure(
        standing() | {"props": [{"kind": "strap", "between": ["near_wrist", "near_toe"]}]}
    )
    assert strapped.straps == (("near_wrist", "near_toe"),) and strapped.props == ()
    assert read_figure(standing() | {"stretched": {"glutes": "far"}}).stretched == {"glutes": "far"}


@pytest.mark.parametrize(
    "change",
    [
        {"near_knee": [0.1]},
        {"view": 3},
        {"stretched": {"glutes": 1}},
        {"props": {"kind": "chair"}},
        {"props": [{"kind": "chair"}]},
        {"props": [{"kind": "strap", "between": [1, 2]}]},
    ],
)
def test_a_pose_check_pose_rejects_is_no_figure(change):
    pose = standing() | change
    assert check_pose(pose)
    with pytest.raises(ValueError, match="not a pose that passes check_pose"):
        read_figure(pose)


# Pictures always on the canvas (issue 24) ----------------------------------------------------


def _shifted(pose, dx):
    return {
        k: ([v[0] + dx, *v[1:]] if isinstance(v, list) and v and isinstance(v[0], float) else v)
        for k, v in pose.items()
    }


@pytest.mark.parametrize("dx", [50.0, -3.0, 1e300])
def test_a_figure_far_off_is_refused(dx):
    pose = _shifted(standing(), dx)
    assert any("off the picture" in m for m in check_pose(pose))


@pytest.mark.parametrize("at", [[1e300, 0.2], [0.3, 40.0], [0.1, 0.2, -9.0]])
def test_a_prop_far_off_is_refused_in_a_stretch_file(tmp_path, at):
    pose = {**standing(), "props": [{"kind": "wall", "at": at}]}
    write_stretch(tmp_path, "calf", pose=pose)
    with pytest.raises(CatalogError, match=r"props item 1 \(wall\) sits at .* off the picture"):
        load_catalog(tmp_path)


def test_every_builtin_pose_is_on_the_canvas(catalog):
    for stretch in catalog:
        for pose in (stretch.pose, stretch.pose_end):
            if pose:
                assert not [m for m in check_pose(dict(pose)) if "off the picture" in m]


def test_a_body_lying_on_its_side_seen_from_behind_has_its_upper_side_near():
    # head to the left, the face turned away from us: the person's right is up
    pose = {
        "head": [-0.405, 0.11],
        "nose": [-0.42, 0.115, -0.06],
        "neck": [-0.29, 0.12],
        "hip": [0.0, 0.11],
        "near_shoulder": [-0.29, 0.22],
        "far_shoulder": [-0.29, 0.02],
        "near_hip": [0.0, 0.16],
        "far_hip": [0.0, 0.06],
    }
    assert near_side(pose) == "right"
    pose["nose"] = [-0.42, 0.115, 0.06]  # the face toward us: the right side is down
    assert near_side(pose) == "left"
