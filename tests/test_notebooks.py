"""Notebooks are stored clean, start from their generated cells, never start a timer, show
readers no test code, and run for a reader with a few sessions in the log without a word on
stderr; the checks of what each chapter computes run here, in its kernel, after its cells.
Both books are held to it: the English one (notebooks/) and the Spanish one (notebooks/es/),
which has the same chapters, by number, and chooses its language in its first code cell."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from handbook.progress.store import ProgressLog
from tests.english import english_sentences

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "notebooks"
SPANISH = BOOK / "es"
NOTEBOOKS = sorted([*BOOK.glob("*.ipynb"), *SPANISH.glob("*.ipynb")])


def _id(path: Path) -> str:
    return str(path.relative_to(BOOK))


def test_there_is_a_start_page():
    assert BOOK / "00-start-here.ipynb" in NOTEBOOKS
    assert SPANISH / "00-empieza-aqui.ipynb" in NOTEBOOKS


def test_the_spanish_book_has_the_same_chapters_with_the_same_code():
    """Chapter by chapter, by number: the same cells in the same order, each code cell the same
    but for the first, which chooses Spanish, its strings for readers and its comments."""
    english = sorted(BOOK.glob("[0-9][0-9]-*.ipynb"))
    spanish = sorted(SPANISH.glob("[0-9][0-9]-*.ipynb"))
    assert [p.name[:3] for p in spanish] == [p.name[:3] for p in english]
    for en, es in zip(english, spanish, strict=True):
        a, b = (nbformat.read(p, as_version=4) for p in (en, es))
        assert [c.cell_type for c in b.cells] == [c.cell_type for c in a.cells], es.name
        assert [c.metadata.get("tags", []) for c in b.cells] == [
            c.metadata.get("tags", []) for c in a.cells
        ], es.name
        assert b.metadata == a.metadata, es.name
        code = [c.source for c in b.cells if c.cell_type == "code"]
        assert 'handbook.set_language("es")' in code[0], f"{es.name}: first code cell"
        assert not any("set_language" in c for c in code[1:]), es.name
        calls = [_calls(c.source) for c in a.cells if c.cell_type == "code"]
        assert _same_calls(calls, [_calls(c) for c in code]), es.name


def _calls(source: str) -> list[str]:
    """The names a cell calls, in order (strings and comments aside)."""
    return re.findall(r"([A-Za-z_][A-Za-z_0-9.]*)\(", re.sub(r'"[^"\n]*"|#[^\n]*', "", source))


def _same_calls(english: list[list[str]], spanish: list[list[str]]) -> bool:
    """Each Spanish code cell calls what its English one does; the first also chooses the
    language, and a chart may name its legend's entries in Spanish."""
    extra = {"handbook.set_language", "ax.legend"}
    return all(
        [c for c in es if c not in extra] == [c for c in en if c not in extra]
        for en, es in zip(english, spanish, strict=True)
    )


@pytest.mark.parametrize("path", sorted(SPANISH.glob("*.ipynb")), ids=_id)
def test_the_spanish_book_reads_spanish(path):
    """No English sentence in what the Spanish book's reader reads: its Markdown (code spans,
    code blocks and links' addresses aside) and its code cells' comments."""
    nb = nbformat.read(path, as_version=4)
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            prose = re.sub(r"```.*?```|`[^`]*`|\]\([^)]*\)", " ", cell.source, flags=re.S)
            prose = prose.replace("[Read this in English", "")
        else:
            prose = "\n".join(re.findall(r"#\s*(.*)", cell.source))
        assert not english_sentences(prose), f"{path.name} cell {n}: {english_sentences(prose)}"


def test_each_start_page_links_to_the_other_book():
    english = nbformat.read(BOOK / "00-start-here.ipynb", as_version=4)
    spanish = nbformat.read(SPANISH / "00-empieza-aqui.ipynb", as_version=4)
    assert "[Leer en español](es/00-empieza-aqui.ipynb)" in english.cells[1].source
    assert "[Read this in English](../00-start-here.ipynb)" in spanish.cells[1].source
    for nb, folder in ((english, BOOK), (spanish, SPANISH)):
        for link in re.findall(r"\]\(([^)]+\.ipynb)\)", "".join(c.source for c in nb.cells)):
            assert (folder / link).resolve().is_file(), link


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_stored_without_outputs_or_widget_state(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_opens_and_closes_with_navigation(path):
    nb = nbformat.read(path, as_version=4)
    for cell in (nb.cells[1], nb.cells[-1]):
        assert "navigation" in cell.metadata.get("tags", [])
    assert nb.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
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


# The Spanish book's chapters hold the same, but for the words the engine says (English until
# its catalogue says them in Spanish), and they speak Spanish.
SPANISH_CHECKS = {
    "es/00-empieza-aqui.ipynb": CHECKS["00-start-here.ipynb"],
    "es/01-estiramientos-para-la-espalda.ipynb": """
assert [s.id for s in routine.stretches] == four
assert all("founding-four" in cat[sid].tags for sid in four)
assert routine.timer.status == "idle"
assert routine.timer.total > 4 * 2 * 50
""",
    "es/02-explora-el-catalogo.ipynb": "\n".join(
        line
        for line in CHECKS["02-explore-the-catalogue.ipynb"].splitlines()
        if "explorer.muscle.label" not in line
    ),
    "es/03-crea-una-rutina.ipynb": """
assert again == mine and again.stretches[1].hold_s == 40 and again.stretches[1].reps == 2
assert all(r.duration > 0 for r in builtin.values()) and mine.duration > 0
assert len(desk.timeline()) > 0 and desk.timeline()["end"].max() == desk.duration
assert builder.routine.items == ()
assert player.routine.items[len(warm.items):] == desk.items
assert warm_then_mine.warm_up_items == len(warm.items) and 180 <= warm.duration <= 300
assert 'download="desk-break-handout.html"' in link._repr_html_()  # a link, not a file
assert not list(scratch.glob("*.html"))
""",
    "es/04-planifica-tu-semana.ipynb": """
assert (plan.minutes_per_day()["planned"] <= plan.minutes_per_day()["available"]).all()
assert plan.check().loc["lower back", "target_days"] == 3
assert (plan.check()["days"] >= plan.check()["target_days"]).all()
assert plan.settings.warm_up and all(plan.days[d].warm_up_items > 0 for d in ("Mon", "Sat"))
assert not short.shortfall.empty and short.notes()
assert again.table().equals(plan.table())
ics = (folder / "week.ics").read_text()
assert ics.count("BEGIN:VEVENT") == 6 and "T183000" in ics and "COUNT=12" in ics
assert set(hip.table()["stretch"]).isdisjoint(cat.ruled_out(["hip-replacement"]))
""",
    "es/05-modo-clase.ipynb": """
import handbook
first = room.guide.timeline["phases"][0]
assert room.timer.status == "idle" and len(room.guide.timeline["items"]) >= 1
assert first["end"] - first["start"] == 5.0
assert "hb-class" in room._dom_classes and room.status.value == ""
assert len(room.choose.options) >= len(handbook.routines())
""",
    "es/06-mi-progreso.ipynb": "\n".join(
        line for line in CHECKS["06-my-progress.ipynb"].splitlines() if "This week" not in line
    ),
}
CHECKS |= {
    k: v + '\nimport handbook\nassert handbook.language() == "es"\n'
    for k, v in SPANISH_CHECKS.items()
}


def test_every_notebook_has_its_checks():
    assert set(CHECKS) == {_id(p) for p in NOTEBOOKS}


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
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_a_reader_sees_no_warnings_and_the_checks_hold(path, reader):
    where = reader / path.relative_to(BOOK)
    nb = nbformat.read(where, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECKS[_id(path)]))
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(where.parent)}}
    ).execute()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"{path.name}: a cell wrote to stderr:\n{cell.source}\n---\n{output.text}"
            )


@pytest.mark.parametrize("path", sorted(SPANISH.glob("*.ipynb")), ids=_id)
def test_the_spanish_chapters_link_to_spanish_chapters(path):
    """Navigation in Spanish words, and every link to a chapter stays in the Spanish book but
    the start page's one to the English book."""
    nb = nbformat.read(path, as_version=4)
    bars = [c.source for c in nb.cells if "navigation" in c.metadata.get("tags", [])]
    assert len(bars) == 2 and all(b.startswith("*El manual de estiramientos* | ") for b in bars)
    if path.name != "00-empieza-aqui.ipynb":
        assert "[Índice](00-empieza-aqui.ipynb)" in bars[0] or "< [Empieza aquí]" in bars[0]
    for link in re.findall(r"\]\(([^)]+\.ipynb)\)", "".join(c.source for c in nb.cells)):
        target = (SPANISH / link).resolve()
        assert target.is_file(), link
        assert target.parent == SPANISH or link == "../00-start-here.ipynb", link
