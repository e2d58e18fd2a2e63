"""Every kind of bad stretch file gets a clear error naming the file, the field and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import handbook
from handbook import CatalogError, load_catalog
from handbook.timing.routine import Routine
from tests.helpers import write_stretch


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    assert isinstance(info.value, ValueError)
    return [str(p) for p in info.value.problems]


def only_problem(folder: Path) -> str:
    found = problems_of(folder)
    assert len(found) == 1, found
    return found[0]


def test_toml_syntax_error_names_the_line(tmp_path):
    (tmp_path / "broken.toml").write_text('name = "A"\nsummary = \nprimary = []\n')
    msg = only_problem(tmp_path)
    assert "broken.toml" in msg and "line 2" in msg and "not valid TOML" in msg


def test_not_utf8(tmp_path):
    write_stretch(tmp_path, "latin", name="Caf\u00e9 stretch")
    path = tmp_path / "latin.toml"
    path.write_bytes(path.read_bytes().replace("\u00e9".encode(), b"\xe9"))
    msg = only_problem(tmp_path)
    assert "latin.toml" in msg and "not UTF-8" in msg and "0xe9" in msg and "line 1" in msg


def test_empty_file(tmp_path):
    (tmp_path / "empty.toml").write_text("  \n")
    assert "empty.toml: the file is empty" in only_problem(tmp_path)


@pytest.mark.parametrize("field", ["name", "primary", "steps", "cautions", "hold", "sides"])
def test_missing_required_field(tmp_path, field):
    write_stretch(tmp_path, "gap", **{field: None})
    assert only_problem(tmp_path).endswith(f"gap.toml: {field}: is missing; every stretch needs it")


def test_steps_given_as_a_string(tmp_path):
    write_stretch(tmp_path, "one-step", steps="Just do it.")
    msg = only_problem(tmp_path)
    assert "one-step.toml: steps: must be a list of texts, got a single text" in msg
    assert 'steps = ["...", "..."]' in msg


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "primary",
            ["hamstring"],
            "primary: 'hamstring' is not a muscle; did you mean 'hamstrings'?",
        ),
        ("secondary", ["Glutes"], "secondary: 'Glutes' is not a muscle; did you mean 'glutes'?"),
        (
            "position",
            "sitting-chair",
            "position: 'sitting-chair' is not a position; did you mean 'seated-chair'?",
        ),
        (
            "equipment",
            ["towel"],
            "equipment: 'towel' is not an equipment; choose from none, mat, "
            "chair, wall, door-frame, strap, cushion, support",
        ),
        ("level", "beginer", "level: 'beginer' is not a level; did you mean 'beginner'?"),
        ("sides", "one", "sides: 'one' is not a sides value; choose from each, both"),
        (
            "level",
            "pro",
            "level: 'pro' is not a level; choose from beginner, intermediate, advanced",
        ),
    ],
)
def test_value_outside_the_vocabulary(tmp_path, field, value, expected):
    write_stretch(tmp_path, "odd", **{field: value})
    assert only_problem(tmp_path).endswith(expected)


def test_unknown_key_suggests_the_known_one(tmp_path):
    write_stretch(tmp_path, "typo", cautons=["Careful."])
    assert only_problem(tmp_path).endswith(
        "typo.toml: cautons: is not a known field; did you mean 'cautions'?"
    )


@pytest.mark.parametrize(
    ("hold", "expected"),
    [
        ({"seconds": 0}, "hold.seconds: must be above zero, got 0"),
        ({"seconds": -5}, "hold.seconds: must be above zero, got -5"),
        ({"breaths": 0}, "hold.breaths: must be above zero, got 0"),
        ({"seconds": 601}, "hold.seconds: 601 is over 10 minutes"),
        ({"breaths": 61}, "hold.breaths: 61 is over 10 minutes"),
        ({"breaths": 2.5}, "hold.breaths: must be a whole number, got 2.5"),
        ({"seconds": "30"}, "hold.seconds: must be a number, got '30'"),
        ({"seconds": 30, "breaths": 3}, "hold: must give exactly one of breaths or seconds"),
        ({"minutes": 1}, "hold: must give exactly one of breaths or seconds"),
    ],
)
def test_bad_hold(tmp_path, hold, expected):
    write_stretch(tmp_path, "holdy", hold=hold)
    assert expected in only_problem(tmp_path)


def test_hold_of_exactly_ten_minutes_is_allowed(tmp_path):
    write_stretch(tmp_path, "long", hold={"seconds": 600})
    assert load_catalog(tmp_path)["long"].hold_s == 600


@pytest.mark.parametrize("reps", [0, -1])
def test_reps_below_one(tmp_path, reps):
    write_stretch(tmp_path, "repsy", reps=reps)
    assert only_problem(tmp_path).endswith(f"reps: must be at least 1, got {reps}")


def test_reps_must_be_whole(tmp_path):
    write_stretch(tmp_path, "repsy", reps=True)
    assert "reps: must be a whole number, got True" in only_problem(tmp_path)


def test_id_not_kebab_case_suggests_a_name(tmp_path):
    write_stretch(tmp_path, "Hip_Flexor 2")
    assert only_problem(tmp_path).endswith(
        "id: the file name 'Hip_Flexor 2' is not a kebab-case id; rename it to 'hip-flexor-2.toml'"
    )


def test_same_id_twice_in_subfolders(tmp_path):
    write_stretch(tmp_path / "legs", "calf")
    write_stretch(tmp_path / "more", "calf")
    msg = only_problem(tmp_path)
    assert "the id 'calf' is used twice" in msg and "legs" in msg and "more" in msg


def test_every_problem_in_the_folder_at_once(tmp_path):
    write_stretch(tmp_path, "a", primary=["hamstring"], cautons=["x"])
    write_stretch(tmp_path, "b", reps=0)
    (tmp_path / "c.toml").write_text("")
    found = problems_of(tmp_path)
    assert len(found) == 4
    assert {Path(p.split(":")[0]).name for p in found} == {"a.toml", "b.toml", "c.toml"}


def test_error_message_lists_the_problems(tmp_path):
    write_stretch(tmp_path, "a", reps=0)
    write_stretch(tmp_path, "b", level="expert")
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path)
    text = str(info.value)
    assert text.startswith(f"2 problems in {tmp_path}:")
    assert "a.toml: reps" in text and "b.toml: level" in text
    assert {(Path(p.file).name, p.field) for p in info.value.problems} == {
        ("a.toml", "reps"),
        ("b.toml", "level"),
    }


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", "", "name: must not be empty"),
        ("name", 3, "name: must be text, got int"),
        ("steps", [], "steps: must list at least one item"),
        ("cues", ["fine", ""], "cues: holds an empty text"),
        ("steps", ["ok", 2], "steps: must be a list of texts"),
        ("secondary", ["calves"], "secondary: repeats ['calves'] from primary"),
        ("tags", ["Back Pain"], "tags: 'Back Pain' is not kebab-case; write 'back-pain'"),
        ("hold", 30, "hold: must be a table, got 30"),
        ("pose", "standing", "pose: must be a table of keypoints"),
    ],
)
def test_other_shapes(tmp_path, field, value, expected):
    write_stretch(tmp_path, "shape", **{field: value})
    assert expected in only_problem(tmp_path)


def test_missing_folder(tmp_path):
    with pytest.raises(CatalogError, match="does not exist; give the folder"):
        load_catalog(tmp_path / "nowhere")


def test_a_file_is_not_a_folder(tmp_path):
    path = write_stretch(tmp_path, "single")
    with pytest.raises(CatalogError, match="is a file, not a folder"):
        load_catalog(path)


def test_folder_without_stretches(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CatalogError, match=r"holds no stretch files \(\*\.toml\)"):
        load_catalog(tmp_path)


def test_broken_files_are_left_untouched(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b'name = "A\n\xff')
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")}
    problems_of(tmp_path)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")}
    assert after == before


def test_nan_holds_are_refused(catalog, tmp_path):
    write_stretch(tmp_path, "nan-hold", hold={"seconds": float("nan")})
    with pytest.raises(handbook.CatalogError, match=r"hold\.seconds: must be a finite number"):
        handbook.load_catalog(tmp_path)
    with pytest.raises(ValueError, match="finite"):
        Routine.from_ids(catalog, ["neck-turn"]).set_item(0, hold_s=float("nan"))


# Text: one line for a name, no control characters anywhere -------------------------------
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"name": "Calf\nstretch"}, "name: must be one line; it holds a line break"),
        ({"name": "Calf\u2028stretch"}, "name: must be one line; it holds a line break"),
        ({"name": "Calf\x07 stretch"}, "name: holds the control character U+0007; remove it"),
        ({"summary": "Calf\x1b[31m"}, "summary: holds the control character U+001B; remove it"),
        (
            {"steps": ["Face the wall.", "Step\x00 back."]},
            "steps: holds the control character U+0000; remove it",
        ),
    ],
)
def test_control_characters_and_line_breaks_in_names_are_refused(tmp_path, fields, expected):
    write_stretch(tmp_path, "odd", **fields)
    assert only_problem(tmp_path).endswith(expected)


def test_line_breaks_and_tabs_are_fine_in_longer_texts(tmp_path):
    write_stretch(tmp_path, "fine", summary="One line,\nand another.\tTabbed.")
    assert load_catalog(tmp_path)["fine"].summary == "One line,\nand another.\tTabbed."


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("primary", ["calves", "calves"]),
        ("secondary", ["glutes", "glutes"]),
        ("equipment", ["wall", "wall"]),
        ("tags", ["desk", "desk"]),
    ],
)
def test_a_value_listed_twice_is_refused(tmp_path, field, value):
    write_stretch(tmp_path, "twice", **{field: value})
    assert only_problem(tmp_path).endswith(f"{field}: lists {value[0]!r} twice; give each once")


def test_the_suggested_name_for_a_bad_id_is_free(tmp_path):
    write_stretch(tmp_path, "Hip_Flexor 2")
    write_stretch(tmp_path, "hip-flexor-2", name="Another")
    write_stretch(tmp_path, "hip-flexor-2-2", name="And another")
    assert only_problem(tmp_path).endswith("rename it to 'hip-flexor-2-3.toml'")


def test_a_bom_at_the_start_is_accepted(tmp_path):
    path = write_stretch(tmp_path, "bom")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_catalog(tmp_path)["bom"].name == "Test calf stretch"


def test_huge_values_are_shown_short(tmp_path):
    write_stretch(tmp_path, "huge", steps=[["x" * 5000]])
    message = only_problem(tmp_path)
    assert "steps: must be a list of texts, got [['xxx" in message and len(message) < 300
