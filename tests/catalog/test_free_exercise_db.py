"""Importing free-exercise-db: every rule on a fixture of our own, then the real catalogue."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook import CatalogError, load_catalog
from handbook.catalog.free_exercise_db import __main__ as cli
from handbook.catalog.free_exercise_db import rules
from handbook.catalog.free_exercise_db.importer import (
    SourceError,
    import_free_exercise_db,
    read_source,
    summarise,
)
from handbook.paths import builtin_data_dir
from tests.helpers import READER_SETTINGS, damaged, hold_to_its_error

SAMPLE = Path(__file__).parents[1] / "data" / "free-exercise-db-sample.json"
# The shared copy sits beside the checkout (../shared), on developers' machines and in CI.
REAL = Path(
    os.environ.get(
        "FREE_EXERCISE_DB",
        Path(__file__).resolve().parents[3] / "shared/datasets/free-exercise-db/exercises.json",
    )
)
BUILTIN_IDS = {p.stem for p in (builtin_data_dir() / "stretches").glob("*.toml")}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "my-stretches"


@pytest.fixture
def report(out: Path):
    """The fixture imported into out, indexed by source id."""
    return import_free_exercise_db(SAMPLE, out).set_index("id")


def toml_of(out: Path, sid: str) -> dict:
    return tomli.loads((out / f"{sid}.toml").read_text(encoding="utf-8"))


def comments_of(out: Path, sid: str) -> list[str]:
    lines = (out / f"{sid}.toml").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("# ")]


def entry(**fields) -> dict:
    """A well-formed entry in the source's format, with some fields replaced."""
    return {
        "id": "Test_Stretch",
        "name": "Test Stretch",
        "force": "static",
        "level": "beginner",
        "mechanic": None,
        "equipment": None,
        "primaryMuscles": ["calves"],
        "secondaryMuscles": [],
        "instructions": [
            "Stand facing a wall and press one heel down.",
            "Hold for 20 seconds, then switch sides.",
        ],
        "category": "stretching",
        "images": [],
    } | fields


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# The report --------------------------------------------------------------------------------


def test_report_has_one_row_per_stretching_entry(report):
    assert list(report.reset_index().columns) == list(rules.COLUMNS)
    assert len(report) == 14 and "Farmer_Hold" not in report.index  # a strength entry
    assert report["status"].value_counts().to_dict() == {
        "imported": 10,
        "skipped": 2,
        "error": 2,
        "exists": 0,
    }
    assert report["kind"].value_counts().to_dict() == {"hold": 9, "movement": 1}
    assert list(report["status"].cat.categories) == ["imported", "skipped", "exists", "error"]


def test_every_imported_file_loads_with_the_builtin_catalogue(report, out):
    imported = report[report["status"] == "imported"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no built-in stretch is replaced
        cat = load_catalog(out, builtin=True)
    assert set(imported["stretch_id"]) <= set(cat.ids)
    assert set(cat.ids) >= BUILTIN_IDS and cat.replaced == ()
    assert len(cat) == len(BUILTIN_IDS) + len(imported)
    for sid, file in zip(imported["stretch_id"], imported["file"], strict=True):
        assert Path(file) == out / f"{sid}.toml"
        assert cat[sid].file == out / f"{sid}.toml"


def test_skipped_entries_say_why_and_write_nothing(report, out):
    reasons = report.loc[report["status"] == "skipped", "reason"]
    assert reasons["Glute-SMR"] == (
        'self-massage with a foam roller: equipment "foam roll"; '
        "the handbook times stretches and movements, and rolling "
        "on a foam roller is self-massage, with its own technique "
        "and cautions"
    )
    assert reasons["Blank_Stretch"].startswith("no instructions")
    assert report.loc[reasons.index, "file"].isna().all()
    assert not list(out.glob("glute*")) and not list(out.glob("blank*"))


def test_a_broken_entry_is_an_error_row_and_the_rest_is_imported(report, out):
    errors = report.loc[report["status"] == "error", "reason"]
    assert errors["Unlabelled_Stretch"] == "missing key: level"
    assert errors["Hammy_Reach"] == (
        "unknown muscle: 'hamstring' is not a muscle; did you mean 'hamstrings'?"
    )
    assert not list(out.glob("unlabelled*")) and not list(out.glob("hammy*"))
    assert (report["status"] == "imported").sum() == 10


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"primaryMuscles": "calves"}, "bad value: primaryMuscles must be a list of texts"),
        ({"instructions": ["Stand.", 3]}, "bad value: instructions must be a list of texts"),
        ({"name": "  "}, "bad value: name must be a non-empty text"),
        (
            {"level": "expret"},
            "bad value: level 'expret' is not one of the source's levels; did you mean 'expert'?",
        ),
        (
            {"secondaryMuscles": ["Calfs"]},
            "unknown muscle: 'Calfs' is not a muscle; did you mean 'calves'?",
        ),
        ({"equipment": 7}, "bad value: equipment must be a text or null"),
        ({"primaryMuscles": []}, "bad value: primaryMuscles is empty"),
    ],
)
def test_each_kind_of_bad_entry_is_named(tmp_path, changes, reason):
    source = write_json(tmp_path / "x.json", [entry(**changes), entry(id="Good", name="Good")])
    report = import_free_exercise_db(source, tmp_path / "out")
    assert report["status"].tolist() == ["error", "imported"]
    assert report["reason"].iloc[0].startswith(reason)


# Mapping and inference --------------------------------------------------------------------


def test_hip_flexor_stretches_filed_under_quadriceps_target_the_hip_flexors(report, out):
    data = toml_of(out, "couch-hip-flexor-stretch")
    assert data["primary"] == ["hip flexors"]
    assert data["secondary"] == ["quadriceps", "glutes"]
    said = comments_of(out, "couch-hip-flexor-stretch")
    assert (
        '# primary: hip flexors, from the name "Couch Hip Flexor Stretch" '
        "(the source files it under quadriceps)"
    ) in said


def test_a_name_with_both_keeps_the_quadriceps_primary(tmp_path):
    source = write_json(
        tmp_path / "x.json",
        [
            entry(
                name="Hip Flexor and Quad Stretch",
                primaryMuscles=["quadriceps"],
                secondaryMuscles=["quadriceps"],
            )
        ],
    )
    import_free_exercise_db(source, tmp_path / "out")
    data = toml_of(tmp_path / "out", "test-stretch")
    assert data["primary"] == ["hip flexors", "quadriceps"] and data["secondary"] == []


@pytest.mark.parametrize(
    ("sid", "equipment"),
    [
        ("couch-hip-flexor-stretch", ["none"]),  # "body only"
        ("face-down-quad-pull", ["strap"]),  # "bands"
        ("chair-twist", ["chair"]),  # "other", and the text names a chair
        ("wall-calf-lean", ["wall"]),  # null, and the text names a wall
        ("partner-chest-opener", ["none"]),  # null and nothing named: a default
    ],
)
def test_equipment_is_mapped_to_our_keys(report, out, sid, equipment):
    assert toml_of(out, sid)["equipment"] == equipment


def test_unmappable_equipment_is_reported(out):
    report = import_free_exercise_db(SAMPLE, out, categories=["strength"]).set_index("id")
    assert report.loc["Farmer_Hold", "status"] == "imported"
    assert report.loc["Farmer_Hold", "notes"] == (
        "equipment 'dumbbell' has no match in the handbook; left out"
    )
    assert toml_of(out, "farmer-hold")["equipment"] == []
    assert '# equipment: the source\'s "dumbbell" has no match here; left out' in comments_of(
        out, "farmer-hold"
    )


def test_other_equipment_with_nothing_named_is_reported(tmp_path):
    source = write_json(
        tmp_path / "x.json",
        [entry(equipment="other", instructions=["Stand tall and reach up. Hold for 20 seconds."])],
    )
    report = import_free_exercise_db(source, tmp_path / "out")
    assert "equipment 'other' matches nothing" in report["notes"].iloc[0]


def test_expert_becomes_advanced(report, out):
    assert toml_of(out, "partner-chest-opener")["level"] == "advanced"
    assert toml_of(out, "wall-calf-lean")["level"] == "beginner"
    assert '# level: advanced, from the source\'s "expert"' in comments_of(
        out, "partner-chest-opener"
    )


@pytest.mark.parametrize(
    ("source_id", "position", "phrase"),
    [
        ("Double_Knee_Hug", "supine", "Lie on your back and draw both knees in toward your chest"),
        ("Face_Down_Quad_Pull", "prone", "Lie face down with a band looped around one ankle"),
        (
            "Cross-Body-Arm",
            "side-lying",
            "Lie on your side and reach your top arm across your chest toward the floor",
        ),
        (
            "Chair_Twist",
            "seated-chair",
            "Sit tall on a chair and turn your chest toward its backrest",
        ),
        ("Partner_Chest_Opener", "seated-floor", "Sit on the floor with a partner..."),  # long
        (
            "Couch_Hip_Flexor_Stretch",
            "kneeling",
            "Kneel in front of a sofa and rest the top of your back foot against its seat",
        ),
        ("Quadruped_Back_Round", "all-fours", "Start on your hands and knees"),
        ("Wall_Calf_Lean", "standing", "Stand an arm's length from a wall"),
    ],
)
def test_position_is_inferred_from_the_instructions(report, out, source_id, position, phrase):
    row = report.loc[source_id]
    assert row["position"] == position and "position" not in row["defaults"]
    assert toml_of(out, row["stretch_id"])["position"] == position
    assert f'# position: {position}, inferred from "{phrase}"' in comments_of(
        out, row["stretch_id"]
    )


def test_no_position_in_the_text_is_standing_by_default(report, out):
    row = report.loc["Cross_Body_Arm"]
    assert row["position"] == "standing" and "position" in row["defaults"]
    assert "# position: standing by default; the text names no position" in comments_of(
        out, "cross-body-arm"
    )


@pytest.mark.parametrize(
    ("source_id", "sides", "phrase"),
    [
        ("Couch_Hip_Flexor_Stretch", "each", "then change to the other leg"),
        ("Face_Down_Quad_Pull", "each", "Switch legs afterwards"),
        ("Wall_Calf_Lean", "each", "Hold for 30 seconds and repeat on the other side"),
        (
            "Cross_Body_Arm",
            "each",
            "Draw your right arm across your chest and hug it in with your left hand",
        ),
        ("Double_Knee_Hug", "both", None),
    ],
)
def test_sides_are_inferred_from_the_instructions(report, out, source_id, sides, phrase):
    row = report.loc[source_id]
    assert row["sides"] == sides
    said = comments_of(out, row["stretch_id"])
    if phrase is None:
        assert "sides" in row["defaults"]
        assert "# sides: both by default; the text never mentions the other side" in said
    else:
        assert "sides" not in row["defaults"]
        assert f'# sides: each, inferred from "{phrase}"' in said


@pytest.mark.parametrize(
    ("source_id", "seconds", "comment"),
    [
        (
            "Couch_Hip_Flexor_Stretch",
            20,
            'hold: 20 s, the shorter end of "Tuck your tailbone under and hold for 20-30 seconds"',
        ),
        (
            "Quadruped_Back_Round",
            10,
            'hold: 10 s, the shorter end of "Round your back toward '
            'the ceiling and hold for 10 to 15 seconds"',
        ),
        ("Double_Knee_Hug", 25, 'hold: 25 s, inferred from "Stay there for 25 seconds"'),
        ("Face_Down_Quad_Pull", 30, "hold: 30 s by default; the source states no time"),
    ],
)
def test_hold_is_the_stated_time_or_a_marked_default(report, out, source_id, seconds, comment):
    row = report.loc[source_id]
    assert row["hold_s"] == seconds
    assert toml_of(out, row["stretch_id"])["hold"] == {"seconds": seconds}
    assert f"# {comment}" in comments_of(out, row["stretch_id"])
    assert ("hold" in row["defaults"]) == ("by default" in comment)


def test_a_stated_hold_wins_over_other_times(tmp_path):
    source = write_json(
        tmp_path / "x.json",
        [
            entry(
                instructions=[
                    "Press against the wall for 5 seconds.",
                    "Then relax and hold for 40 seconds.",
                ]
            )
        ],
    )
    assert import_free_exercise_db(source, tmp_path / "out")["hold_s"].iloc[0] == 40


def test_written_fields_are_honest_and_our_own(report, out):
    data = toml_of(out, "partner-chest-opener")
    assert data["summary"] == (
        "Stretches the chest and shoulders with a partner (imported from free-exercise-db)."
    )
    assert toml_of(out, "wall-calf-lean")["summary"] == (
        "Stretches the calves (imported from free-exercise-db)."
    )
    assert data["cautions"][:3] == rules.CAUTIONS and data["cautions"][3] == rules.PARTNER_CAUTION
    assert "No cautions came with this stretch" in data["cautions"][0]
    assert "stop at once on sharp pain" in data["cautions"][1]
    assert "safety note" in data["cautions"][2]
    assert data["tags"] == ["free-exercise-db", "partner"]
    assert "free-exercise-db" in data["source"] and '"Partner_Chest_Opener"' in data["source"]
    assert "Unlicense" in data["source"]
    source = json.loads(SAMPLE.read_text())
    given = next(e for e in source if e["id"] == "Partner_Chest_Opener")
    assert data["steps"] == given["instructions"] and data["name"] == given["name"]


def test_each_file_opens_with_what_was_given_and_inferred(report, out):
    text = (out / "double-knee-hug-2.toml").read_text(encoding="utf-8")
    head = text.split("\n\n", 1)[0].splitlines()
    assert all(line.startswith("# ") for line in head)
    assert head[0].startswith("# Imported from free-exercise-db") and "Unlicense" in head[0]
    assert (
        "# given by the source: name, muscles, level, equipment; steps are its instructions" in head
    )
    assert {line.split(":")[0] for line in head} >= {
        "# id",
        "# position",
        "# sides",
        "# hold",
        "# equipment",
        "# summary, cautions, tags, source",
    }


def test_ids_are_slugs_made_unique_and_the_report_says_so(report, out):
    assert report.loc["Wall_Calf_Lean", "stretch_id"] == "wall-calf-lean"
    assert report.loc["Cross_Body_Arm", "stretch_id"] == "cross-body-arm"
    assert report.loc["Cross-Body-Arm", "stretch_id"] == "cross-body-arm-2"
    assert report.loc["Cross-Body-Arm", "notes"] == (
        'id: "cross-body-arm" is already used by entry "Cross_Body_Arm"; '
        'written as "cross-body-arm-2"'
    )
    # a built-in id is never replaced: the import gets a suffix instead
    assert "double-knee-hug" in BUILTIN_IDS
    assert report.loc["Double_Knee_Hug", "stretch_id"] == "double-knee-hug-2"
    assert "built-in catalogue" in report.loc["Double_Knee_Hug", "notes"]
    assert (
        '# id: "cross-body-arm" is already used by entry "Cross_Body_Arm"; written as '
        '"cross-body-arm-2"' in comments_of(out, "cross-body-arm-2")
    )


def test_a_stretch_that_fails_the_validator_is_reported_not_written(out, monkeypatch):
    monkeypatch.setattr(rules, "DEFAULT_HOLD_S", 0)
    report = import_free_exercise_db(SAMPLE, out).set_index("id")
    row = report.loc["Face_Down_Quad_Pull"]  # the one with no stated hold
    assert row["status"] == "error" and pd_isna(row["file"])
    assert row["reason"] == "invalid stretch: hold.seconds: must be above zero, got 0"
    assert not (out / "face-down-quad-pull.toml").exists()
    assert report.loc["Wall_Calf_Lean", "status"] == "imported"


def pd_isna(value) -> bool:
    return value is None or value != value


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=40), step=st.text(min_size=1, max_size=80))
def test_any_text_is_written_as_a_valid_file_or_reported(tmp_path, name, step):
    folder = tmp_path / "out"
    source = write_json(tmp_path / "any.json", [entry(id="Any", name=name, instructions=[step])])
    report = import_free_exercise_db(source, folder, overwrite=True)
    status = report["status"].iloc[0]
    assert status in ("imported", "skipped", "error")
    if status == "imported":
        stretch = load_catalog(folder)["any"]
        assert stretch.name == name.strip() and stretch.steps == (step.strip(),)


# Files: never overwrite unless asked, atomic writes --------------------------------------


def test_existing_files_are_kept_unless_overwrite(out):
    first = import_free_exercise_db(SAMPLE, out).set_index("id")
    path = out / "wall-calf-lean.toml"
    path.write_text("# my own edits\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    again = import_free_exercise_db(SAMPLE, out).set_index("id")
    assert (again["status"] == "exists").sum() == (first["status"] == "imported").sum()
    assert again.loc["Wall_Calf_Lean", "reason"].startswith("file exists")
    assert again.loc["Wall_Calf_Lean", "file"] == str(path)
    assert path.read_text(encoding="utf-8").startswith("# my own edits")
    replaced = import_free_exercise_db(SAMPLE, out, overwrite=True).set_index("id")
    assert replaced.loc["Wall_Calf_Lean", "status"] == "imported"
    assert replaced.loc["Wall_Calf_Lean", "notes"] == "replaced the existing file"
    assert not path.read_text(encoding="utf-8").startswith("# my own edits")


def test_a_failed_write_leaves_no_partial_file_and_the_old_file_whole(out, monkeypatch):
    import_free_exercise_db(SAMPLE, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def crash(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    report = import_free_exercise_db(SAMPLE, out, overwrite=True)
    failed = report[report["reason"].str.startswith("write failed")]
    assert len(failed) == 10 and (failed["status"] == "error").all()
    assert "No space left on device" in failed["reason"].iloc[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp files either


def test_a_failed_write_in_a_new_folder_leaves_nothing(tmp_path, monkeypatch):
    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    report = import_free_exercise_db(SAMPLE, tmp_path / "new")
    assert (report["status"] == "imported").sum() == 0
    assert list((tmp_path / "new").iterdir()) == []


def test_files_go_where_the_loader_reads_them(tmp_path):
    (tmp_path / "stretches").mkdir()
    report = import_free_exercise_db(SAMPLE, tmp_path)
    imported = report[report["status"] == "imported"]
    assert all(Path(f).parent == tmp_path / "stretches" for f in imported["file"])
    assert len(load_catalog(tmp_path)) == len(imported)


# Options and progress ----------------------------------------------------------------------


def test_other_categories_only_when_asked(out):
    both = import_free_exercise_db(SAMPLE, out, categories=("stretching", "strength"))
    assert len(both) == 15 and "Farmer_Hold" in set(both["id"])


def test_an_unknown_category_is_refused_with_a_suggestion(out):
    with pytest.raises(
        ValueError,
        match=re.escape(
            "'stretch' is not a category of free-exercise-db; did you mean 'stretching'?"
        ),
    ):
        import_free_exercise_db(SAMPLE, out, categories=["stretch"])


def test_progress_is_called_after_each_entry(out):
    calls = []
    import_free_exercise_db(SAMPLE, out, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 14) for n in range(1, 15)]


def test_the_progress_bar_draws_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term, log = Terminal(), io.StringIO()
    for stream in (term, log):
        bar = cli._ProgressBar(stream, width=10, every=2)
        for done in range(1, 6):
            bar(done, 5)
        bar.close()
    assert term.getvalue().endswith("\r[##########] 5/5 entries\n")
    assert "\r[####......] 2/5 entries" in term.getvalue()
    assert log.getvalue() == ("2 of 5 entries done\n4 of 5 entries done\n5 of 5 entries done\n")


def test_summary_counts_reasons_and_says_how_to_load(report, out):
    text = summarise(report.reset_index(), out)
    assert "14 entries of free-exercise-db:" in text
    assert "  imported    10" in text and "  error        2" in text
    assert "Top reasons:" in text and "self-massage with a foam roller" in text
    assert "Hammy_Reach: unknown muscle" in text
    assert f'handbook.load_catalog("{out}", builtin=True)' in text


# Bad input files ---------------------------------------------------------------------------


def test_a_file_that_is_not_json_names_the_line_and_column(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('[\n  {"id": "A",\n   "name": }\n]\n', encoding="utf-8")
    with pytest.raises(
        SourceError,
        match=r"broken\.json is not valid JSON: Expecting value "
        r"\(line 3, column 12\)",
    ):
        import_free_exercise_db(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert issubclass(SourceError, ValueError)


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ({"exercises": []}, "should hold a list of exercises, found an object (keys: exercises)"),
        ("hello", "should hold a list of exercises, found a text"),
        ([{"id": "A"}, 3], "should hold a list of exercise objects, found a number at position 1"),
    ],
)
def test_the_wrong_shape_says_what_was_found(tmp_path, data, found):
    with pytest.raises(SourceError, match=re.escape(found)):
        read_source(write_json(tmp_path / "x.json", data))


def test_a_missing_file_or_a_folder_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match=r"does not exist; give the path of exercises\.json"):
        import_free_exercise_db(tmp_path / "nope.json", tmp_path / "out")
    with pytest.raises(SourceError, match="is a folder"):
        import_free_exercise_db(tmp_path, tmp_path / "out")
    (tmp_path / "latin1.json").write_bytes(b'[{"name": "caf\xe9"}]')
    with pytest.raises(SourceError, match="not UTF-8 text"):
        read_source(tmp_path / "latin1.json")


# The command line --------------------------------------------------------------------------


def run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "handbook.catalog.free_exercise_db", *map(str, args)]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2]
    )


def test_cli_imports_and_prints_a_summary(out):
    done = run_cli(SAMPLE, out)
    assert done.returncode == 0, done.stderr
    assert "  imported    10" in done.stdout and "Top reasons:" in done.stdout
    assert f'handbook.load_catalog("{out}", builtin=True)' in done.stdout
    assert done.stderr == "14 of 14 entries done\n"  # not a terminal: a line, no bar
    assert len(load_catalog(out)) == 10

    again = run_cli(SAMPLE, out, "--category", "stretching", "--category", "strength")
    assert again.returncode == 0 and "  exists      10" in again.stdout
    assert "  imported     1" in again.stdout  # the strength entry
    forced = run_cli(SAMPLE, out, "--overwrite")
    assert forced.returncode == 0 and "  imported    10" in forced.stdout


def test_cli_exit_code_2_on_a_bad_input_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    for args in (
        (bad, tmp_path / "out"),
        (tmp_path / "missing.json", tmp_path / "out"),
        (SAMPLE, tmp_path / "out", "--category", "stretch"),
    ):
        done = run_cli(*args)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith("error: ")
    assert "bad.json is not valid JSON" in run_cli(bad, tmp_path / "o").stderr
    assert run_cli().returncode == 2  # argparse: the arguments are missing


# The real catalogue ------------------------------------------------------------------------


@pytest.mark.skipif(
    not REAL.is_file(),
    reason=f"the shared copy of free-exercise-db is not at "
    f"{REAL} (set FREE_EXERCISE_DB to its path)",
)
def test_the_real_catalogue_imports_and_loads(tmp_path):
    out = tmp_path / "free-exercise-db"
    report = import_free_exercise_db(REAL, out)
    assert len(report) == 123
    assert set(report["status"].unique()) <= {"imported", "skipped"}  # no crash, no error
    skipped = report[report["status"] == "skipped"]
    kinds = skipped["reason"].str.split(":").str[0]
    assert set(kinds) == {"self-massage with a foam roller"} and len(skipped) == 14
    assert skipped["reason"].str.endswith("with its own technique and cautions").all()
    imported = report[report["status"] == "imported"]
    assert len(imported) == 109  # all the rest: 81 held stretches and 28 dynamic moves
    assert imported["kind"].value_counts().to_dict() == {"hold": 81, "movement": 28}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cat = load_catalog(out, builtin=True)
    assert len(cat) == len(BUILTIN_IDS) + len(imported) and cat.replaced == ()
    flexors = imported[imported["name"].str.contains("Hip Flexor")]
    assert len(flexors) == 3
    assert all("hip flexors" in cat[sid].primary for sid in flexors["stretch_id"])
    moves = imported[imported["kind"] == "movement"].set_index("id")
    assert all(cat[sid].is_movement for sid in moves["stretch_id"])
    assert (moves.loc["90_90_Hamstring", "reps"], moves.loc["Arm_Circles", "pace"]) == (10, "4 s")
    assert moves.loc["Front_Leg_Raises", ["reps", "sides"]].tolist() == [5, "each"]


def test_imported_stretches_plan_and_show_as_cards(tmp_path):
    from handbook.week.planner import plan_week
    from handbook.widgets import StretchCard

    report = import_free_exercise_db(SAMPLE, tmp_path / "mine")
    cat = load_catalog(tmp_path / "mine", builtin=True)
    imported = [sid for sid in report.loc[report["status"] == "imported", "stretch_id"]]
    assert imported and all(sid in cat for sid in imported)
    card = StretchCard(cat[imported[0]], log=False)
    assert card.picture.pictures[0][0].startswith("<svg")  # a neutral figure for its position
    assert cat[imported[0]].name in card.details.value.replace("&#x27;", "'")
    card.close()
    plan = plan_week(cat, minutes=30, level="advanced")
    assert not plan.table().empty


# Dynamic moves become movements ---------------------------------------------------------------


def test_a_dynamic_move_is_imported_as_a_movement(report, out):
    row = report.loc["Leg_Swings"]
    assert (row["status"], row["kind"], row["stretch_id"]) == (
        "imported",
        "movement",
        "leg-swings-2",
    )
    assert (row["reps"], row["pace"], row["hold_s"]) == (10, "3 s", 30)
    data = toml_of(out, "leg-swings-2")
    assert (data["kind"], data["reps"], data["pace"]) == ("movement", 10, "3 s")
    assert "hold" not in data and data["summary"].startswith("Moves and warms the hamstrings")
    assert rules.MOVEMENT_CAUTION in data["cautions"]
    said = comments_of(out, "leg-swings-2")
    assert '# kind: movement, as the text says "Swings": done in reps, not held' in said
    assert (
        '# reps: 10, inferred from "Stand beside a support and let one leg swing forward '
        'and back ten times"' in said
    )
    assert "# pace: 3 s a rep by default; the source gives no pace" in said
    assert set(row["defaults"]) >= {"pace"} and "reps" not in row["defaults"]
    moving = load_catalog(out, builtin=True)["leg-swings-2"]
    assert moving.is_movement and moving.hold_s == 30


@pytest.mark.parametrize(
    ("steps", "reps", "pace", "defaults"),
    [
        (["Circle the arms slowly.", "Repeat for 10-20 repetitions."], 10, "4 s", set()),
        (
            ["Swing the leg quickly forward and back.", "Repeat 5-10 times on each leg."],
            5,
            "2 s",
            set(),
        ),
        (["Make circles with the arms.", "Continue for about ten seconds."], 4, "3 s", {"pace"}),
        (
            ["Make circles with the hips.", "Tip: One circle equals 1 repetition."],
            10,
            "3 s",
            {"reps", "pace"},
        ),
    ],
)
def test_a_movement_s_reps_and_pace_come_from_its_words(tmp_path, steps, reps, pace, defaults):
    source = write_json(
        tmp_path / "x.json", [entry(id="Hip_Circles", name="Hip Circles", instructions=steps)]
    )
    row = import_free_exercise_db(source, tmp_path / "out").iloc[0]
    assert (row["kind"], row["reps"], row["pace"]) == ("movement", reps, pace)
    assert {"reps", "pace"} & set(row["defaults"]) == defaults


def test_jumps_get_their_own_caution(tmp_path):
    source = write_json(
        tmp_path / "x.json",
        [entry(id="Frog_Hops", name="Frog Hops", instructions=["Jump forward, 5-10 times."])],
    )
    import_free_exercise_db(source, tmp_path / "out")
    assert rules.JUMP_CAUTION in toml_of(tmp_path / "out", "frog-hops")["cautions"]


# Hostile source files and out folders -------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests tables or lists too deeply"),
        ("[" * 40 + "]" * 40, "nests tables or lists more than 32 levels deep"),
        ("[" + "9" * 5000 + "]", "holds a number too long to read"),
        ('[{"id": 99999999999999999999}]', "[1].id: holds a whole number too large"),
    ],
)
def test_a_hostile_source_is_a_source_error(tmp_path, body, message):
    path = tmp_path / "exercises.json"
    path.write_text(body)
    with pytest.raises(SourceError, match=re.escape(f"{path}: ")) as caught:
        import_free_exercise_db(path, tmp_path / "out")
    assert message in str(caught.value)


@pytest.mark.parametrize("make", [os.mkfifo, lambda p: p.symlink_to("/dev/zero")])
def test_a_source_that_is_not_a_file_is_a_source_error(tmp_path, make):
    path = tmp_path / "exercises.json"
    make(path)
    with pytest.raises(SourceError, match="not a file"):
        import_free_exercise_db(path, tmp_path / "out")


def test_the_command_line_reports_deep_nesting_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "exercises.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert cli.main([str(path), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: nests tables or lists too deeply")
    assert "Traceback" not in err


@pytest.mark.parametrize("where", ["a-file", "a-file/inside"])
def test_an_out_folder_that_cannot_be_one_is_a_catalog_error(tmp_path, where):
    (tmp_path / "a-file").write_text("notes")
    out = tmp_path / where
    with pytest.raises(
        CatalogError, match=re.escape(f"{out}: is a file, or inside one, not a folder")
    ):
        import_free_exercise_db(SAMPLE, out)
    assert (tmp_path / "a-file").read_text() == "notes"


@READER_SETTINGS
@given(data=damaged(SAMPLE.read_bytes()))
def test_damaged_sources_import_or_get_a_source_error(data):
    with tempfile.TemporaryDirectory() as folder:
        hold_to_its_error(
            lambda p: import_free_exercise_db(p, Path(folder) / "out"),
            Path(folder) / "exercises.json",
            data,
            SourceError,
        )


def test_the_importer_never_writes_what_the_loader_refuses(tmp_path):
    """Before: a 1.38 MB file was written, and then the whole folder failed to load."""
    base = {
        "category": "stretching",
        "level": "beginner",
        "primaryMuscles": ["calves"],
        "secondaryMuscles": [],
        "equipment": None,
    }
    step = "Hold for 30 seconds. " + "Keep the heel down and breathe slowly " * 25
    big = {**base, "id": "Big_Calf", "name": "Big calf stretch", "instructions": [step] * 1500}
    hostile = {**base, "id": "Odd", "name": "Odd\u202e stretch", "instructions": [step]}
    good = {**base, "id": "Calf", "name": "Calf stretch", "instructions": ["Hold for 30 s."]}
    source = tmp_path / "exercises.json"
    source.write_text(json.dumps([big, hostile, good]))
    report = import_free_exercise_db(source, tmp_path / "out").set_index("id")
    assert report.loc["Big_Calf", "status"] == "error"
    assert "larger than 1 MB" in report.loc["Big_Calf", "reason"]
    assert report.loc["Odd", "status"] == "error" and "U+202E" in report.loc["Odd", "reason"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["calf.toml"]
    assert list(load_catalog(tmp_path / "out").ids) == ["calf"]
