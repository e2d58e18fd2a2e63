"""What the handbook prints and says, in Spanish: no English word of the code's is left.

The catalogue's own texts (names, steps, cautions, the safety note) are data, translated in
the catalogue; until a text is, it reads in English. These tests hold the code's words: each
page is rendered in Spanish, the data's texts are taken out, and what is left must read as
Spanish (``tests/english.py``). They hold before and after the catalogue speaks Spanish.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

import pandas as pd
import pytest

import handbook
from handbook.catalog.stretch import Stretch
from handbook.output.cards import details_html
from handbook.output.charts import coverage_svg, minutes_svg, weeks_svg
from handbook.output.classplan import class_plan_html
from handbook.output.download import handout_link
from handbook.output.notebook import WIDGET_VIEW, keep_what_lasts
from handbook.output.tables import readable
from handbook.pictures.words import sentence, swap_sides
from handbook.timing.payload import player_timeline
from tests.english import english_sentences


@pytest.fixture
def spanish() -> Iterator[None]:
    handbook.set_language("es")
    try:
        yield
    finally:
        handbook.set_language("en")


def stretch_texts(stretches: Iterable[Stretch]) -> list[str]:
    """Every text a stretch brings from data, longest first (so a long one goes whole)."""
    found: list[str] = []
    for s in stretches:
        found += [s.name, s.summary, s.hold_text, *s.steps, *s.cues, *s.mistakes, *s.cautions]
        found += [s.source or "", s.side_name("left"), s.side_name("right")]
        found += [swap_sides(step) for step in s.steps]
        found += [c.note for c in s.conditions if getattr(c, "note", None)]
    return sorted({t for t in found if t}, key=len, reverse=True)


def vocabulary_texts(catalog: handbook.Catalog) -> list[str]:
    """Every label of the vocabulary (data), as written and in lower case, longest first."""
    labels = [v for kind in catalog.vocabulary.labels.values() for v in kind.values()]
    return sorted({*labels, *(v.lower() for v in labels)}, key=len, reverse=True)


def words_of(page: str, data: Iterable[str] = ()) -> str:
    """The page's text as a person reads it, the data's own texts taken out."""
    page = re.sub(r"<(style|script)\b[^>]*>.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", page))
    for said in sorted(set(data), key=len, reverse=True):  # a long text goes whole
        text = text.replace(said, "\n")
    return text


def test_a_card_speaks_spanish(catalog, spanish):
    stretch = catalog["standing-quad"]
    page = details_html(stretch, catalog.vocabulary)
    assert "Cómo hacerlo" in page and "Precauciones" in page
    data = stretch_texts([stretch]) + vocabulary_texts(catalog)
    assert english_sentences(words_of(page, data)) == []


def test_a_handout_is_a_spanish_page(catalog, spanish):
    routine = handbook.routines(catalog)["back-pain-basics"]
    page = routine.to_html()
    assert '<html lang="es">' in page
    assert "estiramientos, unos" in page and "Seguridad" in page
    safety = words_of(handbook.output.handout.safety_html())  # the note is data
    data = [*stretch_texts(routine.stretches), routine.name, routine.description]
    data += [line for line in safety.split("\n") if line.strip()]
    data += vocabulary_texts(catalog)
    assert english_sentences(words_of(page, data)) == []
    printed = re.findall(r'content:\s*"([^"]*)"', page)  # what the stylesheet prints: the footer
    assert any("no es consejo médico" in words for words in printed), printed
    assert english_sentences("\n".join(printed)) == []


def test_the_handout_link_and_class_plan_speak_spanish(catalog, spanish):
    routine = handbook.routines(catalog)["back-pain-basics"]
    assert "Descargar la ficha" in handout_link(routine)._repr_html_()
    plan = class_plan_html(routine)
    assert "en total" in plan
    data = [*stretch_texts(catalog[sid] for sid in catalog.stretches.index), routine.name]
    data += vocabulary_texts(catalog)
    assert english_sentences(words_of(plan, data)) == []


def test_a_readable_table_has_spanish_heads_and_caption(catalog, spanish):
    frame = pd.DataFrame({"name": ["a", "b", "c"], "hold_s": [30, 40, 50], "tags": [True] * 3})
    table = readable(frame, catalog.vocabulary, rows=2)
    assert list(table.data.columns) == ["Estiramiento", "Tiempo (s)", "Etiquetas"]
    shown = table.to_html()
    assert "Las primeras 2 de 3 filas." in shown and ">sí<" in shown
    assert english_sentences(words_of(shown)) == []


def test_a_plans_check_reads_in_spanish_head_and_values(catalog, spanish):
    """The check keeps its status and cause as keys; a person reads them as words."""
    plan = handbook.plan_week(catalog, minutes={"Mon": 3}, focus=["lower back", "hamstrings"])
    check = plan.check()
    assert {"too few days", "on track"} & set(check["status"])  # the keys stay English
    table = readable(check, catalog.vocabulary, rows=None).data
    assert "Tiempo más corto (s)" in table.columns and "Estado" in table.columns
    assert set(table["Estado"]) <= {"vas bien", "faltan días", "ajustar"}
    causes = set(table["Causa"]) - {"", "\u2014"}
    english = {"level", "equipment", "catalogue", "room", "days", "minutes", "conditions"}
    assert causes and not causes & english, causes
    shown = [str(c) for c in table.columns] + [str(v) for v in table["Estado"]]
    assert english_sentences("\n".join(shown)) == []


def svg_words(svg: str) -> str:
    """What a matplotlib SVG says: the text it keeps in comments and <title>s (its glyphs are
    drawn as paths)."""
    return "\n".join(html.unescape(t) for t in re.findall(r"<!-- (.*?) -->", svg))


def test_each_chart_speaks_spanish(catalog, spanish):
    plan = handbook.plan_week(catalog, minutes=10)
    days = pd.date_range("2026-11-28", periods=5)
    grid = pd.DataFrame([[30.0] * 5], index=["hamstrings"], columns=days)
    weeks = pd.Series([20.0, 35.5], index=pd.to_datetime(["2026-11-23", "2026-11-30"]))
    charts = {
        "coverage": coverage_svg(grid),
        "weeks": weeks_svg(weeks),
        "empty weeks": weeks_svg(pd.Series([], dtype=float)),
        "minutes": minutes_svg(plan.minutes_per_day()),
    }
    said = {name: svg_words(svg) for name, svg in charts.items()}
    assert "Segundos de estiramiento por grupo muscular y día" in said["coverage"]
    assert "dic" in said["coverage"]  # the month in Spanish (Babel), not "Dec"
    assert "Minutos por semana" in said["weeks"] and "30 nov" in said["weeks"]
    assert "Todavía no hay práctica registrada" in said["empty weeks"]
    assert "Minutos por día" in said["minutes"] and "previsto" in said["minutes"]
    for name, words in said.items():
        days_of_plan = [str(d) for d in plan.minutes_per_day().index]  # the plan's own words
        assert english_sentences(words_of(words, ["hamstrings", *days_of_plan])) == [], name


def test_the_class_page_is_spanish(catalog, spanish):
    routine = handbook.routines(catalog)["back-pain-basics"]
    page = routine.to_class_page()
    assert page.startswith('<!doctype html>\n<html lang="es"')
    assert "Prepárate" in page and "Estiramiento 1 de 4" in page
    data = [*stretch_texts(routine.stretches), routine.name]
    assert english_sentences(words_of(page, data)) == []


def test_the_player_is_sent_spanish_words_and_voice(catalog, spanish):
    routine = handbook.routines(catalog)["back-pain-basics"]
    timeline = player_timeline(routine.phases(), breaths_per_minute=6)
    assert timeline["lang"] == "es-ES"
    words = timeline["words"]
    assert words["well_done"] == "¡Muy bien!" and words["class_over"] == "La clase ha terminado"
    filled = [re.sub(r"\{\w+\}", "3", w) for w in words.values()]  # placeholders filled
    assert english_sentences("\n".join(filled)) == []
    data = stretch_texts(routine.stretches)
    said = [cue["say"] for cue in timeline["cues"] if cue["say"]]
    shown = [p["shown"] for p in timeline["phases"]]
    assert "Prepárate: " + routine.stretches[0].name in said and "Terminado" in said
    assert english_sentences(words_of("\n".join(said + shown), data)) == []


def test_the_player_in_english_is_unchanged(catalog):
    timeline = player_timeline(
        handbook.routines(catalog)["desk-break"].phases(), breaths_per_minute=6
    )
    assert timeline["lang"] == "en" and timeline["words"]["done"] == "Done"
    assert timeline["phases"][0]["label"] == "Get ready"


def test_a_picture_is_described_in_spanish(catalog, spanish):
    stretch = catalog["standing-quad"]
    said = sentence(stretch, "right", ends=True)
    assert said.startswith("De pie, ") and "El estiramiento se nota en: " in said
    assert "Dos imágenes" in said
    data = stretch_texts([stretch]) + vocabulary_texts(catalog)
    assert english_sentences(words_of(said, data)) == []


def test_sides_swap_by_the_limb_in_spanish():
    assert swap_sides("Apoya la pierna izquierda y el brazo Derecho.") == (
        "Apoya la pierna derecha y el brazo Izquierdo."
    )


def test_a_saved_view_says_how_to_bring_it_back_in_spanish(spanish):
    cell = {"outputs": [{"data": {"text/plain": "x", WIDGET_VIEW: {}}}]}
    keep_what_lasts({"type": "notebook", "content": {"cells": [cell]}})
    assert cell["outputs"][0]["data"]["text/plain"].startswith("Ejecuta las celdas")
