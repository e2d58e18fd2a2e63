"""Notebooks are stored clean, start from their generated cells, never start a timer, show
readers no test code, and run for a reader with a few sessions in the log without a word on
stderr; the checks of what each chapter computes run here, in its kernel, after its cells."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from handbook.progress.store import ProgressLog

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_a_start_page():
    assert ROOT / "notebooks" / "00-start-here.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs_or_widget_state(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_and_closes_with_navigation(path):
    nb = nbformat.read(path, as_version=4)
    for cell in (nb.cells[1], nb.cells[-1]):
        assert "navigation" in cell.metadata.get("tags", [])
    assert nb.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_cell_starts_a_timer(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert ".start()" not in cell.source and "time.sleep" not in cell.source


def test_generated_cells_and_readme_map_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "navigation.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"run `make nav`: {result.stdout}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_test_code_for_readers(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert "assert " not in cell.source and "test suite" not in cell.source, cell.source


# What each chapter computes, checked in its own kernel after its last cell. None changes
# what a reader of the notebook would see.
CHECKS = {
    "00-start-here.ipynb": """
assert len(cat) >= 24
assert (coverage["primary"] > 0).all(), coverage.index[coverage["primary"] == 0].tolist()
assert positions.sum() == len(cat)
assert {"kneeling-hip-flexor", "crossover-hamstring", "standing-quad",
        "hip-and-lower-back-twist"} <= set(cat.find(tag="founding-four").index)
""",
    "01-back-pain-stretches.ipynb": """
assert [s.id for s in routine.stretches] == four
assert all("founding-four" in cat[sid].tags for sid in four)
assert routine.timer.status == "idle"
assert routine.guide.timeline["phases"][0]["label"] == "Get ready"
assert routine.timer.total > 4 * 2 * 50
""",
    "02-explore-the-catalogue.ipynb": """
assert set(cat.find(muscle="hamstrings", primary_only=True).index) <= set(
    cat.find(muscle="hamstrings").index)
assert (desk["position"] == "seated-chair").all() and len(desk) >= 3
assert by_region[["primary"]].sum().item() == (cat.targets["role"] == "primary").sum()
assert explorer.card is not None and len(explorer.matches.options) == len(cat)
assert explorer.muscle.label == "Any"
assert set(safe.index).isdisjoint(cat.ruled_out(["osteoporosis", "knee-problems"])) and len(safe)
explorer.conditions.value = ("hip-replacement",)
assert not {sid for _, sid in explorer.matches.options} & set(cat.ruled_out(["hip-replacement"]))
explorer.conditions.value = ()
assert len(moves) >= 9 and moves["pace"].str.len().gt(0).all()
assert minutes["cat-cow"] == cat["cat-cow"].hold_s / 60  # five rounds, no rests between
""",
    "03-build-a-routine.ipynb": """
assert again == mine and again.stretches[1].hold_s == 40 and again.stretches[1].reps == 2
assert all(r.duration > 0 for r in builtin.values()) and mine.duration > 0
assert len(desk.timeline()) > 0 and desk.timeline()["end"].max() == desk.duration
assert builder.routine.items == ()
assert player.routine.items[len(warm.items):] == desk.items
assert warm_then_mine.warm_up_items == len(warm.items) and 180 <= warm.duration <= 300
assert 'download="desk-break-handout.html"' in link._repr_html_()  # a link, not a file
assert "Five-minute desk break" in link.data and not list(scratch.glob("*.html"))
""",
    "04-plan-your-week.ipynb": """
assert (plan.minutes_per_day()["planned"] <= plan.minutes_per_day()["available"]).all()
assert plan.check().loc["lower back", "target_days"] == 3
assert (plan.check()["days"] >= plan.check()["target_days"]).all()
assert plan.settings.warm_up and all(plan.days[d].warm_up_items > 0 for d in ("Mon", "Sat"))
assert not short.shortfall.empty and "more minutes a week" in short.notes()[0]
assert again.table().equals(plan.table())
ics = (folder / "week.ics").read_text()
assert ics.count("BEGIN:VEVENT") == 6 and "T183000" in ics and "COUNT=12" in ics
assert set(hip.table()["stretch"]).isdisjoint(cat.ruled_out(["hip-replacement"]))
""",
    "05-class-mode.ipynb": """
import handbook
first = room.guide.timeline["phases"][0]
assert room.timer.status == "idle" and len(room.guide.timeline["items"]) >= 1
assert (first["label"], first["end"] - first["start"]) == ("Get ready", 5.0)
assert "hb-class" in room._dom_classes and room.status.value == ""
assert len(room.choose.options) >= len(handbook.routines())
""",
    "06-my-progress.ipynb": """
assert list(coverage.index) == list(cat.vocabulary.keys("muscles"))
assert (coverage >= 0).all().all() and len(coverage.columns) == 28
assert coverage.to_numpy().sum() > 0  # the sessions of this week are in it
assert streak >= 1 and (weeks >= 0).all() and weeks.sum() > 0
assert log.summary().startswith("This week: ")
table = log.week_against(plan)
assert len(table) == 7 and not table.isna().any().any()
assert len(log.recent(cat)) == 4
""",
}


def test_every_notebook_has_its_checks():
    assert set(CHECKS) == {p.name for p in NOTEBOOKS}


@pytest.fixture
def reader(tmp_path, monkeypatch):
    """A reader's folder (a copy of the notebooks) and a log holding a few sessions."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "notebooks", work)
    home = tmp_path / "home"
    log = ProgressLog(home / "progress.sqlite")
    now = dt.datetime.now().replace(microsecond=0)
    log.record("kneeling-hip-flexor", 50, 50, side="left", routine="plan-mon", when=now)
    log.record(
        "kneeling-hip-flexor",
        50,
        31.5,
        side="right",
        routine="plan-mon",
        when=now - dt.timedelta(minutes=1),
    )
    log.record("neck-turn", 30, 30, when=now - dt.timedelta(days=3))
    log.record("standing-quad", 50, 50, side="left", when=now - dt.timedelta(days=9))
    monkeypatch.setenv("HANDBOOK_HOME", str(home))
    return work


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_reader_sees_no_warnings_and_the_checks_hold(path, reader):
    nb = nbformat.read(reader / path.name, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECKS[path.name]))
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(reader)}}
    ).execute()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"{path.name}: a cell wrote to stderr:\n{cell.source}\n---\n{output.text}"
            )
