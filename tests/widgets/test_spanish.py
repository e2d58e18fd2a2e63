"""Every view in Spanish: no English label, button, option, tooltip or status line.

Each view is built with the handbook speaking Spanish, its widget tree walked, and every text a
person reads gathered: descriptions, tooltips, placeholders, option labels, tab titles, the
status lines and headings the view writes. Texts that come from the catalogue's data (names,
vocabulary labels) or from the engines' HTML (a card's details, a plan's notes, class cues) are
left out: other parts of the handbook translate them, and their own tests hold them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

import handbook
from handbook.output.cards import hold_summary
from handbook.widgets import (
    ClassMode,
    Explorer,
    ProgressEditor,
    RoutineBuilder,
    RoutinePlayer,
    StretchCard,
    StretchTimer,
    WeekPlanner,
)
from handbook.widgets.guide import Guide
from tests.english import english_sentences
from tests.widgets.helpers import Browser

# HTML the engines and the output layer make, shown as it comes: not the views' own words.
MADE_ELSEWHERE = {
    "hb-details",
    "hb-card-picture",
    "hb-class-plan",
    "hb-class-picture",
    "hb-notes",
    "hb-heatmap",
    "hb-minutes",
}
TABLES = {"hb-week", "hb-check"}  # their headers are the view's, their cells the engine's
_TAG = re.compile(r"<[^>]+>")
_HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.S)


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    handbook.set_language("es")
    yield
    handbook.set_language("en")


def data_words(catalog: handbook.Catalog) -> list[str]:
    """The catalogue's own texts a view shows: names, vocabulary labels, routine names."""
    words = {s.name for s in catalog}
    for kind, labels in catalog.vocabulary.labels.items():
        words |= {str(label) for label in labels.values()}
        words |= {str(key) for key in catalog.vocabulary.keys(kind)}
    words |= {r.name for r in handbook.routines().values()}
    return sorted(words, key=len, reverse=True)  # longest first: a name holding another


def texts(widget: widgets.Widget) -> Iterator[str]:
    """Every text of a widget and the widgets inside it that a person reads."""
    classes = set(getattr(widget, "_dom_classes", ()))
    own = not classes & MADE_ELSEWHERE
    if isinstance(widget, widgets.HTML) and own and "<style>" not in widget.value:
        value = widget.value
        if classes & TABLES:
            value = " | ".join(_HEADER.findall(value))
        yield html.unescape(_TAG.sub(" ", value))
    for name in ("description", "tooltip", "placeholder", "unit"):
        text = getattr(widget, name, None)
        if isinstance(text, str) and text:
            yield text
    if isinstance(widget, Guide):
        yield widget.status
    if isinstance(widget, widgets.Tab):
        yield from widget.titles
    if isinstance(widget, widgets.widgets.widget_selection._Selection):
        yield from (label for label in widget._options_labels)
    if isinstance(widget, widgets.widgets.widget_selection._MultipleSelection):
        yield from (label for label in widget._options_labels)
    for child in getattr(widget, "children", ()):
        yield from texts(child)


def summaries(routine: handbook.Routine) -> tuple[str, ...]:
    """How each stretch of a routine is held, as the output layer says it."""
    return tuple(hold_summary(s) for s in routine.stretches)


def english_in(
    view: widgets.Widget, catalog: handbook.Catalog, *, paths: tuple[object, ...] = ()
) -> list[str]:
    """The English a view shows, once the catalogue's own texts (and the file paths and
    output texts the test names) are taken out."""
    data = [str(p) for p in paths] + data_words(catalog)
    found = []
    for text in texts(view):
        for word in data:
            text = text.replace(word, " ")
        found += english_sentences(text)
    return found


def test_a_card_with_its_timer(catalog):
    card = StretchCard(catalog["standing-quad"], log=False)
    assert english_in(card, catalog) == []
    assert card.timer is not None and card.timer.hold.description == "Tiempo"
    card.close()


def test_a_timer_of_several_and_a_movement(catalog):
    several = StretchTimer([catalog["standing-quad"], catalog["cat-cow"]], log=False)
    assert " y luego " in several.title
    moving = StretchTimer(catalog["cat-cow"], log=False)
    for view in (several, moving):
        assert english_in(view, catalog) == []
        view.close()


def test_a_routine_player(catalog):
    player = RoutinePlayer(handbook.routines()["back-pain-basics"], log=False)
    assert english_in(player, catalog) == []
    player.close()


def test_the_explorer_with_and_without_matches(catalog):
    explorer = Explorer(catalog, timer=False)
    assert "estiramientos coinciden" in explorer.count.value
    assert english_in(explorer, catalog) == []
    explorer.text.value = "zzzz-nothing"
    assert "Ningún estiramiento" in explorer.count.value
    assert english_in(explorer, catalog) == []
    explorer.close()


def test_the_builder_through_its_files(catalog, tmp_path: Path):
    routine = handbook.Routine.from_ids(catalog, ["standing-quad", "cat-cow"], name="Mía")
    builder = RoutineBuilder(catalog, routine, tmp_path, budget_s=10, log=False)
    assert "Sobran" in builder.total.value
    assert english_in(builder, catalog) == []
    builder.save_button.click()
    assert "Se ha guardado en" in builder.status.value
    assert english_in(builder, catalog, paths=(tmp_path, *summaries(routine))) == []
    builder.handout_button.click()
    assert english_in(builder, catalog, paths=(tmp_path,)) == []
    builder.name.value = "Otra"
    builder.saved.value = builder.saved.options[1][1]
    builder.open_button.click()  # unsaved edits: the question
    assert "no están guardados" in builder.question.value
    assert english_in(builder, catalog, paths=(tmp_path,)) == []
    builder.close()


def test_the_planner_with_a_plan_and_a_day(catalog, tmp_path: Path):
    planner = WeekPlanner(
        catalog, folder=str(tmp_path), stretches=None, today=lambda: dt.date(2026, 12, 7)
    )
    assert planner.day.options[0][0] == "Lunes"
    assert english_in(planner, catalog) == []
    planner.plan_button.click()
    assert planner.plan is not None
    assert "Grupo muscular" in planner.check.value
    planner.edit_button.click()
    assert planner.apply_button.description == "Usar para Lunes"
    planner.apply_button.click()
    planner.ics_button.click()
    planner.save_button.click()
    assert "Plan guardado" in planner.status.value
    assert planner.builder is not None
    made = (tmp_path, *summaries(planner.builder.routine))
    assert english_in(planner, catalog, paths=made) == []
    planner.close()


def test_the_progress_editor(catalog, tmp_path: Path):
    log = handbook.ProgressLog(tmp_path / "progress.sqlite")
    when = dt.datetime(2026, 12, 8, 7, 30)
    editor = ProgressEditor(log, catalog, now=lambda: when)
    editor.stretch.value = "standing-quad"
    editor.side.value = "both"
    editor.add_button.click()
    status = editor.status.value
    assert "martes 8 de diciembre a las 07:30" in status, status
    assert "izquierdo y derecho" in status, status
    editor.records.options = []  # the records' labels are the progress tables' words
    assert english_in(editor, catalog) == []
    editor.close()


def test_class_mode_and_its_language_switch(catalog):
    room = ClassMode(catalog, stretches=None, log=False)
    assert room.language.options == (("English", "en"), ("Español", "es"))
    assert room.language.value == "es"
    assert room.choose.description == "Rutina"
    assert english_in(room, catalog) == []

    sent = room.guide.timeline
    room.language.value = "en"  # the teacher switches the class to English
    assert handbook.language() == "en"
    assert room.choose.description == "Routine"
    assert "For the teacher" in room.notes.value
    assert room.guide.timeline != sent or room.guide.timeline["id"] != sent["id"]
    room.language.value = "es"
    assert room.choose.description == "Rutina"
    assert "Para quien da la clase" in room.notes.value
    assert english_in(room, catalog) == []
    room.close()


def test_class_mode_keeps_its_language_while_the_class_runs(catalog):
    room = ClassMode(catalog, stretches=None, log=False)
    Browser(room.guide)("start", 0)
    assert room.language.disabled
    room.language.value = "en"  # changed before the kernel heard Start: put back
    assert room.language.value == "es" and handbook.language() == "es"
    room.close()
