"""Pictures: poses held to one body, stick figures drawn as SVG, mirrored for the other side."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import handbook
from handbook import load_catalog
from handbook.catalog.pose import check_pose, neutral_poses, pose_for
from handbook.pictures.draw import gallery_html, svg
from tests.helpers import builtin_catalog, write_stretch
from tests.pictures.helpers import (
    NEUTRAL,
    NS,
    bone,
    built,
    elements,
    inside,
    mirrored,
    on_segment,
    path_points,
    standing,
)

CAT = builtin_catalog()  # for collection-time parameters; tests take `catalog`
POSITIONS = CAT.vocabulary.keys("positions")


@pytest.mark.parametrize("sid", CAT.ids)
def test_every_picture_is_well_formed_svg(catalog, sid):
    for side in ("first", "second"):
        root = ET.fromstring(svg(catalog[sid], side=side))
        assert root.tag == f"{NS}svg" and root.get("viewBox").startswith("0 0 ")
        assert root.find(f"{NS}title").text.startswith(catalog[sid].name)
        assert elements(svg(catalog[sid], side=side), "hb-head")


def test_the_name_is_escaped_text_never_markup(tmp_path):
    name = "<img src=x onerror=alert(1)>"
    write_stretch(tmp_path, "evil", name=name)
    stretch = load_catalog(tmp_path)["evil"]
    picture = svg(stretch)
    assert "<img" not in picture and "&lt;img src=x onerror=alert(1)&gt;" in picture
    assert ET.fromstring(picture).find(f"{NS}title").text == f"{name} (left side)"
    page = gallery_html(load_catalog(tmp_path))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_primary_and_secondary_muscles_are_marked(catalog):
    stretch = catalog["kneeling-lat-stretch"]  # lats; shoulders and triceps
    assert stretch.primary and stretch.secondary
    assert elements(svg(stretch), "hb-target-primary")
    assert elements(svg(stretch), "hb-target-secondary")
    plain = svg(stretch, mark=False)
    assert not elements(plain, "hb-target-primary") and not elements(plain, "hb-target-secondary")
    assert elements(plain, "hb-figure")


@pytest.mark.parametrize("stretched", ["near", "far"])
def test_a_limb_muscle_is_marked_on_the_stretched_limb_only(catalog, stretched):
    pose = NEUTRAL["standing"] | {"stretched": stretched}
    stretch = replace(catalog["standing-quad"], primary=("adductors",), secondary=(), pose=pose)
    picture = svg(stretch)  # the adductors lie along the middle of the thigh
    (mark,) = elements(picture, "hb-target-primary")
    thigh = {
        side: e
        for side in ("near", "far")
        for e in elements(picture, f"hb-{side}")
        if "hb-thigh" in e.get("class")
    }
    other = "far" if stretched == "near" else "near"
    marked = path_points(mark.get("d"))
    assert all(on_segment(p, *bone(thigh[stretched])) for p in marked)
    assert not all(on_segment(p, *bone(thigh[other])) for p in marked)
    assert all(inside(p, path_points(thigh[stretched].get("d"))) for p in marked)


def _side_of_line(point, start, end) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    return (bx - ax) * (py - ay) - (by - ay) * (px - ax)


@pytest.mark.parametrize(
    ("front", "back", "segment"),
    [("quadriceps", "hamstrings", "thigh"), ("biceps", "triceps", "upper-arm")],
)
def test_a_mark_sits_on_the_face_its_muscle_lies_on(catalog, front, back, segment):
    pose = catalog["standing-quad"].pose  # the near knee bent, the shin behind the thigh
    stretch = replace(
        catalog["standing-quad"],
        primary=(front,),
        secondary=(back,),
        pose=pose | {"stretched": "near"},
    )
    picture = svg(stretch)
    (limb,) = [e for e in elements(picture, "hb-near") if f"hb-{segment}" in e.get("class")]
    line = bone(limb)
    (on_front,) = elements(picture, "hb-face-front")
    (on_back,) = elements(picture, "hb-face-back")
    sides = [_side_of_line(path_points(e.get("d"))[0], *line) for e in (on_front, on_back)]
    assert sides[0] * sides[1] < 0  # opposite faces of the limb
    outline = path_points(limb.get("d"))  # and inside its outline
    assert all(inside(p, outline) for e in (on_front, on_back) for p in path_points(e.get("d")))
    assert "quadriceps (primary, front)" in picture or "biceps (primary, front)" in picture


def test_a_muscle_on_the_back_is_dashed_when_the_front_faces_the_viewer(catalog):
    stretch = catalog["overhead-triceps-stretch"]  # a front view; triceps on the back
    assert pose_for(stretch)["view"] == "front"
    (triceps,) = [
        e for e in elements(svg(stretch), "hb-face-back") if "triceps" in e.find(f"{NS}title").text
    ]
    assert triceps.get("stroke-dasharray")


def test_the_picture_says_where_it_is_seen_from_when_it_is_seen_from_above(catalog):
    # no built-in stretch is drawn from above any more: a user's file may still be
    pose = {**neutral_poses()["supine"], "view": "above"}
    from_above = replace(catalog["knee-rolls"], pose=pose, pose_end=None)
    assert "Seen from above" in svg(from_above)
    assert "Seen from above" not in svg(catalog["supine-outer-hip-strap"])  # three-quarter
    assert "Seen from above" not in svg(catalog["cat-cow"])


@pytest.mark.parametrize("sid", [s.id for s in CAT if s.sides == "each"])
def test_the_second_side_is_the_mirror_image(catalog, sid):
    first, second = svg(catalog[sid], side="first"), svg(catalog[sid], side="second")
    assert first != second
    assert mirrored(first, second)


def test_the_mirror_check_can_fail(catalog):
    first = svg(catalog["standing-quad"])
    assert not mirrored(first, first)


@pytest.mark.parametrize("sid", [s.id for s in CAT if s.sides == "both"])
def test_a_both_sides_stretch_looks_the_same_on_the_second_side(catalog, sid):
    assert svg(catalog[sid], side="second") == svg(catalog[sid], side="first")


def test_pictures_are_deterministic(catalog):
    again = handbook.load_catalog()
    for stretch in catalog:
        assert svg(stretch) == svg(stretch) == svg(again[stretch.id])
        assert svg(stretch, side="second", size=120) == svg(again[stretch.id], "second", 120)


def test_size_and_side_arguments(catalog):
    root = ET.fromstring(svg(catalog["cat-cow"], size=120))
    assert root.get("width") == root.get("height") == "120"
    with pytest.raises(ValueError, match="side must be one of first, second, left, right"):
        svg(catalog["cat-cow"], side="near")


@pytest.mark.parametrize("position", POSITIONS)
def test_a_stretch_without_a_pose_gets_the_neutral_figure_of_its_position(tmp_path, position):
    write_stretch(tmp_path, "mine", position=position)
    stretch = load_catalog(tmp_path)["mine"]
    assert stretch.pose is None
    assert pose_for(stretch) is NEUTRAL[position]
    picture = svg(stretch)
    assert elements(picture, "hb-head") and elements(picture, "hb-target-primary")
    assert mirrored(picture, svg(stretch, side="second"))


def test_the_neutral_figures_differ_by_position(catalog):
    heads = {pos: round(pose["head"][1], 2) for pos, pose in NEUTRAL.items()}
    assert heads["standing"] > heads["seated-chair"] > heads["supine"]
    assert len({svg(replace(catalog["cat-cow"], pose=None, position=p)) for p in POSITIONS}) == 8


def test_a_user_pose_is_drawn(tmp_path):
    pose = standing() | {"props": [{"kind": "wall", "at": [0.4, 0.8]}]}
    write_stretch(tmp_path, "own", pose=pose)
    picture = svg(load_catalog(tmp_path)["own"])
    assert elements(picture, "hb-wall")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-180, 180), min_size=14, max_size=14))
def test_any_pose_with_model_lengths_passes_and_draws(catalog, angles):
    pose = built(angles)
    assert check_pose(pose) == []
    stretch = replace(catalog["standing-quad"], pose=pose)
    assert mirrored(svg(stretch), svg(stretch, side="second"))


def test_gallery_shows_every_side_of_every_stretch(catalog):
    page = gallery_html(catalog)
    assert page.count("<svg") == sum(2 if s.sides == "each" else 1 for s in catalog)
    assert page.count('<figure class="hb-card">') == len(catalog)
    assert "Child&#x27;s pose" in page


@pytest.mark.parametrize("sid", [s.id for s in CAT if s.is_movement])
def test_a_movement_shows_both_of_its_ends(catalog, sid):
    stretch = catalog[sid]
    picture = svg(stretch)
    end = elements(picture, "hb-figure-end")
    assert len(end) == 1
    end_paths = [e for e in end[0].iter() if e.tag == f"{NS}path"]
    marked = [e for e in end[0].iter() if "hb-target-primary" in e.get("class", "")]
    assert end_paths and (marked or not stretch.primary)  # marked on both positions
    assert "where it turns" in ET.fromstring(picture).find(f"{NS}desc").text
    # both figures fit the picture
    extent = float(ET.fromstring(picture).get("viewBox").split()[2])
    for element in ET.fromstring(picture).iter(f"{NS}path"):
        assert all(0 <= x <= extent and 0 <= y <= extent for x, y in path_points(element.get("d")))
    if stretch.sides == "each":
        assert mirrored(picture, svg(stretch, side="second"))


def test_the_other_end_is_drawn_only_with_the_stretch_s_own_pose(catalog):
    cat_cow = catalog["cat-cow"]
    assert not elements(svg(replace(cat_cow, pose=None)), "hb-figure-end")
    assert not elements(svg(replace(cat_cow, pose_end=None)), "hb-figure-end")
    assert not elements(svg(replace(cat_cow, pose_end={"head": [0, 1]})), "hb-figure-end")
    assert not elements(svg(catalog["neck-turn"]), "hb-figure-end")


def test_a_face_turned_away_has_no_eye(catalog):
    assert pose_for(catalog["towel-triceps-stretch"])["view"] == "back"
    assert not elements(svg(catalog["towel-triceps-stretch"]), "hb-eye")
    assert elements(svg(catalog["standing-quad"]), "hb-eye")
