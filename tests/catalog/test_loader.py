"""Loading folders of stretches, merging with the built-in catalogue, and querying them."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import tomli_w
from hypothesis import given

from handbook import Catalog, CatalogError, CatalogWarning, Stretch, load_catalog
from tests.helpers import (
    READER_SETTINGS,
    VALID,
    as_nobody,
    damaged,
    hold_to_its_error,
    write_stretch,
)


def test_load_a_folder(folder):
    cat = load_catalog(folder)
    assert isinstance(cat, Catalog)
    assert cat.ids == ("seated-hamstring-test", "wall-calf-test")
    assert len(cat) == 2 and "wall-calf-test" in cat and "nope" not in cat
    assert str(folder) in repr(cat)


def test_stretches_table_is_indexed_by_id(folder):
    table = load_catalog(folder).stretches
    assert table.index.name == "id"
    assert list(table.index) == ["seated-hamstring-test", "wall-calf-test"]
    row = table.loc["wall-calf-test"]
    assert row["name"] == "Test calf stretch"
    assert row["primary"] == ("calves",) and row["equipment"] == ("wall",)
    assert row["hold_s"] == 30 and pd.isna(row["hold_breaths"]) and row["reps"] == 2
    assert table.loc["seated-hamstring-test", "hold_breaths"] == 4
    assert table.loc["seated-hamstring-test", "hold_s"] == 40
    assert table["position"].dtype == "category"


def test_steps_and_targets_are_tidy(folder):
    cat = load_catalog(folder)
    steps = cat.steps
    assert list(steps.columns) == ["id", "n", "text"]
    calf = steps[steps["id"] == "wall-calf-test"]
    assert list(calf["n"]) == [1, 2, 3] and calf["text"].iloc[0] == "Face the wall."
    targets = cat.targets
    assert list(targets.columns) == ["id", "muscle", "role"]
    assert set(map(tuple, targets.astype(str).to_numpy())) == {
        ("wall-calf-test", "calves", "primary"),
        ("wall-calf-test", "hamstrings", "secondary"),
        ("seated-hamstring-test", "hamstrings", "primary"),
    }


def test_getitem_gives_a_stretch(folder):
    stretch = load_catalog(folder)["seated-hamstring-test"]
    assert isinstance(stretch, Stretch)
    assert stretch.sides == "both" and stretch.steps[0] == "Face the wall."
    assert stretch.file.name == "seated-hamstring-test.toml"


def test_unknown_id_suggests_the_closest(folder):
    with pytest.raises(KeyError, match="did you mean 'wall-calf-test'"):
        load_catalog(folder)["wall-calf"]


def test_hold_from_breaths_at_a_pace_the_caller_can_change(folder):
    stretch = load_catalog(folder)["seated-hamstring-test"]
    assert stretch.hold_seconds() == 40  # 4 breaths at 6 a minute
    assert stretch.hold_seconds(breaths_per_minute=12) == 20
    assert stretch.hold_text == "4 deep breaths (about 40 s)"
    with pytest.raises(ValueError, match="positive"):
        stretch.hold_seconds(0)


def test_fixed_seconds_ignore_the_pace(folder):
    stretch = load_catalog(folder)["wall-calf-test"]
    assert stretch.hold_seconds(12) == 30 and stretch.hold_text == "30 s"


def test_with_hold(folder):
    stretch = load_catalog(folder)["wall-calf-test"]
    assert stretch.with_hold(breaths=3).hold_s == 30
    assert stretch.with_hold(seconds=45).hold_seconds(12) == 45
    with pytest.raises(ValueError, match="exactly one"):
        stretch.with_hold()
    with pytest.raises(ValueError, match="601 is over 10 minutes"):
        stretch.with_hold(seconds=601)


def test_equipment_none_means_no_equipment(tmp_path):
    write_stretch(tmp_path, "free", equipment=["none"])
    assert load_catalog(tmp_path)["free"].equipment == ()


def test_subfolders_are_read_and_hidden_folders_skipped(tmp_path):
    write_stretch(tmp_path / "legs", "calf")
    write_stretch(tmp_path / ".ipynb_checkpoints", "calf-checkpoint", reps=0)
    assert load_catalog(tmp_path).ids == ("calf",)


def test_a_catalogue_folder_with_a_stretches_subfolder(tmp_path):
    write_stretch(tmp_path / "stretches", "calf")
    (tmp_path / "notes.toml").write_text("not = 'a stretch'\n")
    assert load_catalog(tmp_path).ids == ("calf",)


def test_builtin_plus_folder_and_the_folder_wins(tmp_path):
    builtin = load_catalog()
    shared = builtin.ids[0]
    write_stretch(tmp_path, shared, name="My own version")
    write_stretch(tmp_path, "my-extra")
    with pytest.warns(CatalogWarning, match=f"replaces built-in stretches: {shared}"):
        cat = load_catalog(tmp_path, builtin=True)
    assert len(cat) == len(builtin) + 1
    assert cat[shared].name == "My own version" and cat.replaced == (shared,)
    assert cat.stretches.loc[shared, "name"] == "My own version"


def test_builtin_plus_folder_without_overlap_is_quiet(folder, recwarn):
    cat = load_catalog(folder, builtin=True)
    assert not [w for w in recwarn if issubclass(w.category, CatalogWarning)]
    assert cat.replaced == () and "wall-calf-test" in cat


def test_loading_writes_nothing(folder):
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    load_catalog(folder, builtin=True).stretches  # noqa: B018
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


def test_tables_are_built_once(folder):
    cat = load_catalog(folder)
    assert cat.stretches is cat.stretches and cat.targets is cat.targets


@pytest.fixture
def cat(tmp_path):
    write_stretch(tmp_path, "calf", tags=["after-run", "gentle"])
    write_stretch(
        tmp_path,
        "hamstring",
        primary=["hamstrings"],
        secondary=["calves"],
        position="supine",
        equipment=["strap", "mat"],
        level="intermediate",
        summary="Lying down with a strap.",
    )
    write_stretch(
        tmp_path,
        "neck",
        primary=["neck"],
        secondary=["traps"],
        sides="both",
        position="seated-chair",
        equipment=["none"],
        name="Neck turn",
        steps=["Turn the head slowly toward one shoulder."],
    )
    return load_catalog(tmp_path)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"muscle": "calves"}, ["calf", "hamstring"]),
        ({"muscle": "calves", "primary_only": True}, ["calf"]),
        ({"muscle": "Calves and ankles"}, ["calf", "hamstring"]),
        ({"muscle": ["neck", "hamstrings"]}, ["calf", "hamstring", "neck"]),
        ({"muscle": ["neck", "hamstrings"], "primary_only": True}, ["hamstring", "neck"]),
        ({"muscle": "TRAPS"}, ["neck"]),
        ({"position": "Supine"}, ["hamstring"]),
        ({"position": "lying on your back"}, ["hamstring"]),
        ({"equipment": "strap"}, ["hamstring"]),
        ({"equipment": ["wall", "strap"]}, ["calf", "hamstring"]),
        ({"level": "intermediate"}, ["hamstring"]),
        ({"sides": "both"}, ["neck"]),
        ({"tag": "Gentle"}, ["calf"]),
        ({"text": "STRAP"}, ["hamstring"]),
        ({"text": "shoulder"}, ["neck"]),
        ({"muscle": "calves", "level": "beginner"}, ["calf"]),
        ({}, ["calf", "hamstring", "neck"]),
        ({"muscle": "biceps"}, []),
    ],
)
def test_find(cat, query, expected):
    found = cat.find(**query)
    assert list(found.index) == expected
    assert list(found.columns) == list(cat.stretches.columns)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"muscle": "hamstring"}, "'hamstring' is not a muscle; did you mean 'hamstrings'?"),
        ({"position": "lying"}, "'lying' is not a position"),
        ({"level": "expert"}, "'expert' is not a level"),
    ],
)
def test_find_rejects_unknown_words(cat, query, message):
    with pytest.raises(ValueError, match=message):
        cat.find(**query)


def test_labels(cat):
    assert cat.label("muscles", "lats") == "Lats (latissimus dorsi)"
    assert cat.label("positions", "all-fours") == "On all fours"


def test_coverage_counts_every_muscle_in_vocabulary_order(cat):
    cov = cat.coverage()
    assert list(cov.index) == list(cat.vocabulary.keys("muscles"))
    assert list(cov.columns) == ["label", "region", "primary", "secondary"]
    assert cov.loc["calves", "primary"] == 1 and cov.loc["calves", "secondary"] == 1
    assert cov.loc["hamstrings"].tolist()[2:] == [1, 1]
    assert cov.loc["biceps"].tolist()[2:] == [0, 0]
    assert cov.loc["traps", "label"] == "Upper back (trapezius)"
    assert cov["primary"].sum() == (cat.targets["role"] == "primary").sum()


@pytest.mark.parametrize(
    "bad", [{"breaths": 2.5}, {"breaths": True}, {"seconds": float("nan")}, {"seconds": 0}]
)
def test_with_hold_follows_the_file_rules(folder, bad):
    with pytest.raises(ValueError, match="hold"):
        load_catalog(folder)["wall-calf-test"].with_hold(**bad)


def test_own_stretches_join_the_builtin_ones_and_bad_files_are_listed(catalog, tmp_path):
    from handbook.catalog.loader import load_with_own

    write_stretch(tmp_path, "my-calf-stretch")
    write_stretch(tmp_path, "broken-one", primary=["hamstring"])
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    merged, problems = load_with_own(tmp_path, catalog)
    assert "my-calf-stretch" in merged and "broken-one" not in merged
    assert len(merged) == len(catalog) + 1
    assert [p.file for p in problems] == [str(tmp_path / "broken-one.toml")]
    assert "did you mean 'hamstrings'" in str(problems[0])
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before  # nothing written
    assert load_with_own(tmp_path / "missing", catalog) == (catalog, [])


# Entries that are not stretch files, and files that fight back ---------------------------
def _problem(folder, path) -> str:
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    found = [str(p) for p in caught.value.problems]
    assert len(found) == 1 and found[0].startswith(f"{path}: "), found
    return found[0]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (os.mkfifo, "is a named pipe (FIFO), not a file"),  # opened, it would block for ever
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a file"),  # read without end
        (os.mkdir, "is a folder, not a stretch file; rename it without .toml"),
        (lambda p: p.symlink_to(p.with_name("gone.toml")), "which does not exist"),
    ],
)
def test_an_entry_that_is_not_a_regular_file_is_a_catalog_error(folder, make, message):
    path = folder / "odd.toml"
    make(path)
    assert message in _problem(folder, path)


def test_an_unreadable_file_or_subfolder_is_reported_not_skipped(open_tmp):
    folder = open_tmp
    write_stretch(folder, "good")
    secret = write_stretch(folder, "secret")
    secret.chmod(0)
    write_stretch(folder / "more", "hidden-away")
    (folder / "more").chmod(0)
    kind, message = as_nobody(lambda: load_catalog(folder))
    assert kind == "CatalogError"
    assert f"{secret}: cannot be read: permission denied" in message
    assert (
        f"{folder / 'more'}: cannot be read (permission denied); its stretch files were "
        f"not loaded" in message
    )


def test_an_unreadable_catalogue_folder_is_a_catalog_error(open_tmp):
    folder = open_tmp
    write_stretch(folder, "good")
    folder.chmod(0o700)
    kind, message = as_nobody(lambda: load_catalog(folder))
    assert kind == "CatalogError" and f"{folder}: cannot be read (permission denied)" in message


@pytest.mark.parametrize(
    "tail",
    [
        "pose = " + "[" * 1000 + "]" * 1000,  # tomli gives up with a RecursionError
        "pose = " + "{a = " * 100 + "1" + "}" * 100,  # under tomli's limit, over ours
        "[" + ".".join(["pose"] * 999) + "]",  # a table 999 deep by a dotted key
    ],
)
def test_deep_nesting_is_a_catalog_error(tmp_path, tail):
    path = write_stretch(tmp_path, "deep", pose=None)
    path.write_text(path.read_text() + tail + "\n")
    assert "nests tables or lists" in _problem(tmp_path, path)


@READER_SETTINGS
@given(data=damaged(tomli_w.dumps(VALID).encode()))
def test_damaged_stretch_files_load_or_get_a_catalog_error(data):
    folder = Path(tempfile.mkdtemp())
    try:
        hold_to_its_error(
            lambda p: load_catalog(p.parent), folder / "damaged.toml", data, CatalogError
        )
    finally:
        shutil.rmtree(folder)
