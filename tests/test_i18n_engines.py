"""The engines in Spanish: the planner's notes and checks, the calendar, the progress log and
its CSV, and every error the handbook raises from its data files, with no English sentence."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import handbook
from handbook.errors import (
    CatalogError,
    DataFileError,
    FileReadError,
    PlanError,
    ProgressBusyError,
    ProgressError,
)
from handbook.files import read_data
from handbook.progress.csvfile import csv_headers
from handbook.progress.store import ProgressLog
from handbook.week.export import describe_calendar, long_date, plan_ics
from handbook.week.planfile import PlanExistsError
from tests.english import english_sentences

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@pytest.fixture
def spanish():
    """The handbook speaks Spanish for the test, and English again after it."""
    handbook.set_language("es")
    yield
    handbook.set_language("en")


@pytest.fixture(autouse=True)
def english_after():
    yield
    handbook.set_language("en")


@pytest.fixture(scope="module")
def catalog():
    """The catalogue as a Spanish reader has it: its own text from its Spanish files."""
    return handbook.load_catalog(language="es")


def data_words(catalog: handbook.Catalog) -> list[str]:
    """The catalogue's own texts (names, labels, stand-ins): data, translated by its own files,
    so taken out before the code's words are checked; longest first."""
    vocab = catalog.vocabulary
    words = {catalog[sid].name for sid in catalog.ids}
    words |= {label for labels in vocab.labels.values() for label in labels.values()}
    words |= {
        label[:1].lower() + label[1:]
        for labels in vocab.labels.values()
        for label in labels.values()
    }
    words |= {how for table in vocab.stands_in.values() for how in table.values()}
    return sorted(words, key=len, reverse=True)


DATA: list[str] = []


def no_english(*texts: str) -> None:
    if not DATA:
        DATA.extend(data_words(handbook.load_catalog(language="es")))
    for text in texts:
        for word in DATA:
            text = text.replace(word, "X")
        assert not english_sentences(text), (text, english_sentences(text))


def plan_words(plan: handbook.WeekPlan) -> list[str]:
    """Everything the planner says of a plan: its notes, its check's advice, its day names."""
    return [*plan.notes(), *plan.check()["advice"], *plan.summary()["stretches"]]


# The planner: notes and checks -----------------------------------------------------------
SETTINGS = [
    {"minutes": 3},
    {"minutes": 10},
    {"minutes": {"Mon": 10, "Thu": 15}, "focus": ["lower back"], "equipment": ["mat"]},
    {"minutes": 10, "conditions": ["osteoporosis"], "older_adult": True},
    {"minutes": {"Mon": 30}, "focus": ["hamstrings", "calves"], "equipment": []},
    {"minutes": {"Wed": 4}, "warm_up": True},
    {"minutes": 20, "level": "advanced", "focus": ["neck"], "warm_up": False},
]


@pytest.mark.parametrize("kwargs", SETTINGS, ids=range(len(SETTINGS)))
def test_the_planner_speaks_spanish_for_one_stretch_and_many(spanish, catalog, kwargs):
    plan = handbook.plan_week(catalog, **kwargs)
    words = plan_words(plan)
    assert words
    no_english(*words)
    assert not any("day" in w.lower().split() for w in words)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    minutes=st.dictionaries(st.sampled_from(DAYS), st.integers(0, 40), max_size=7),
    focus=st.lists(st.sampled_from(["neck", "hamstrings", "lower back", "calves"]), max_size=2),
    older=st.booleans(),
)
def test_any_week_the_planner_makes_has_no_english_note(spanish, catalog, minutes, focus, older):
    handbook.set_language("es")
    plan = handbook.plan_week(catalog, minutes=minutes, focus=focus, older_adult=older)
    no_english(*plan_words(plan))


def test_plural_forms_follow_the_count(spanish, catalog):
    one = handbook.plan_week(catalog, minutes={"Mon": 10}, focus=["neck"])
    advice = " ".join(one.check()["advice"])
    assert "Se estira 1 día a la semana" in advice and "1 días" not in advice
    many = handbook.plan_week(catalog, minutes={"Mon": 10, "Wed": 10, "Fri": 10})
    assert any("Vas bien: 3 días a la semana" in a for a in many.check()["advice"])
    older = handbook.plan_week(catalog, minutes={"Mon": 5}, older_adult=True)
    assert any(n.endswith("esta semana tiene 0 días así.") for n in older.notes())


def test_the_english_notes_are_as_before(catalog):
    plan = handbook.plan_week(catalog, minutes={"Mon": 10}, focus=["neck"])
    assert plan.check().loc["neck", "advice"].startswith("Stretched on 1 day a week; it needs")
    handbook.set_language("es")
    handbook.set_language("en")
    assert plan.summary().loc["Tue", "stretches"] == "Rest day"


def test_a_plan_with_too_little_equipment_names_its_limits_in_spanish(spanish, catalog):
    plan = handbook.plan_week(catalog, minutes=10, equipment=[])
    notes = " ".join(plan.notes())
    assert "Ningún estiramiento que se ajuste a tu material" in notes
    no_english(notes)


# The calendar ------------------------------------------------------------------------------
def test_calendar_events_are_in_spanish(spanish, catalog):
    plan = handbook.plan_week(catalog, minutes={"Mon": 10, "Thu": 15})
    text = plan_ics(plan, start="2026-12-07", at="07:30", weeks=4).decode()
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Estiramientos: Estiramientos del lunes (" in unfolded
    assert "DESCRIPTION:lunes: " in unfolded and "no es consejo médico" in unfolded
    assert "DESCRIPTION:Hora de estirar: Estiramientos del jueves" in unfolded
    assert "X-WR-CALNAME:Plan de estiramientos" in unfolded
    assert "RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=MO" in unfolded  # machine fields stay as they are
    assert "DTSTART:20261207T073000" in unfolded
    for line in unfolded.split("\r\n"):
        if line.startswith(("SUMMARY:", "DESCRIPTION:", "X-WR-CALNAME:")):
            no_english(line.split(":", 1)[1].replace("\\n", "\n").replace("\\,", ","))


def test_the_calendar_in_a_spanish_sentence(spanish, catalog):
    plan = handbook.plan_week(catalog, minutes={"Mon": 10, "Thu": 15})
    said = describe_calendar(plan, start="2026-12-07", at="07:30", weeks=4)
    assert said == (
        "Lunes y jueves a las 07:30, durante 4 semanas desde el lunes 7 de diciembre de 2026, "
        "con un aviso 10 minutos antes."
    )
    one = describe_calendar(
        plan, start="2026-12-07", at={"Mon": "7:00", "Thu": "18:30"}, weeks=1, reminder_minutes=60
    )
    assert "durante 1 semana " in one and "un aviso 1 hora antes" in one
    assert long_date(dt.date(2027, 1, 4)) == "lunes 4 de enero de 2027"


# The progress log and its CSV ----------------------------------------------------------------
@pytest.fixture
def log(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    log = ProgressLog(tmp_path / "progress.sqlite")
    when = dt.datetime(2026, 12, 1, 18, 30, tzinfo=dt.UTC)
    log.record("neck-turn", 30, 30, side="left", when=when, routine="plan-tue")
    log.record("cat-cow", 40, 20, completed=False, when=when + dt.timedelta(minutes=1))
    yield log
    monkeypatch.undo()
    time.tzset()


def test_a_csv_written_in_spanish_reads_back_in_either_language(spanish, log, tmp_path):
    path = log.to_csv(tmp_path / "registro.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,fecha,rutina,estiramiento,lado,previsto_s,hecho_s,completado"
    assert header.split(",") == list(csv_headers())
    again = ProgressLog(tmp_path / "es.sqlite")
    assert again.import_csv(path) == 2
    handbook.set_language("en")
    other = ProgressLog(tmp_path / "en.sqlite")
    assert other.import_csv(path) == 2
    assert other.sessions()["stretch"].tolist() == ["neck-turn", "cat-cow"]


def test_an_english_csv_still_reads_in_spanish(log, tmp_path):
    path = log.to_csv(tmp_path / "log.csv")
    assert path.read_text().startswith("id,when,routine,stretch,side,planned_s,done_s,completed")
    handbook.set_language("es")
    again = ProgressLog(tmp_path / "es.sqlite")
    assert again.import_csv(path) == 2
    assert again.sessions()["done_s"].tolist() == [30.0, 20.0]


def test_progress_tables_and_summary_speak_spanish(spanish, log, catalog):
    table = log.recent(catalog)
    assert list(table.columns) == [
        "Cuándo",
        "Estiramiento",
        "Lado",
        "Tiempo",
        "Terminado",
        "Rutina",
    ]
    assert table.iloc[1]["Rutina"] == "plan del martes" and table.iloc[1]["Lado"] == "izquierdo"
    assert table.iloc[1]["Cuándo"].startswith("mar 1 dic")
    assert table.iloc[0]["Terminado"] == "sin terminar"
    sessions = log.by_session(catalog)
    no_english(*[str(v) for v in sessions.to_numpy().ravel()])
    summary = log.summary(today="2026-12-02")
    assert summary.startswith("Esta semana: ") and "1 día" in summary
    no_english(summary, *[str(v) for v in table.to_numpy().ravel()])


# Every error class, provoked ------------------------------------------------------------------
def spanish_error(message: str, *names: str, folder: Path | None = None) -> None:
    """The message names each of ``names`` and has no English sentence once the test's own
    folder (whose name is English) and the fields (TOML keys) named before a colon are out."""
    for name in names:
        assert name in message, (name, message)
    if folder is not None:
        message = message.replace(str(folder), "X")
    bare = re.sub(r"(?m)^(\s*- )?([\w.\[\]/'-]+: )+", "", message)
    no_english(bare)


def test_a_bad_stretch_folder_gives_a_spanish_catalog_error(spanish, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "calf.toml").write_text('name = "Calf"\nhold = { seconds = 900 }\nlevel = "expert"\n')
    with pytest.raises(CatalogError) as caught:
        handbook.load_catalog(folder)
    message = str(caught.value)
    assert message.startswith("1 problema en ") or " problemas en " in message.splitlines()[0]
    spanish_error(message, "calf.toml", "hold", "level", "summary", folder=tmp_path)


def test_an_empty_folder_and_a_missing_one_are_spanish_errors(spanish, tmp_path):
    with pytest.raises(CatalogError) as caught:
        handbook.load_catalog(tmp_path)
    spanish_error(
        str(caught.value), str(tmp_path), "no contiene archivos de estiramientos", folder=tmp_path
    )
    with pytest.raises(CatalogError) as caught:
        handbook.load_catalog(tmp_path / "none")
    spanish_error(str(caught.value), "none", "no existe", folder=tmp_path)


def test_a_bad_plan_file_gives_a_spanish_plan_error(spanish, catalog, tmp_path):
    plan = handbook.plan_week(catalog, minutes={"Mon": 10})
    path = plan.save(tmp_path / "semana.toml")
    text = path.read_text().replace("older_adult = false", "older_adult = 3")
    text = text.replace('level = "beginner"', 'level = "expert"')
    path.write_text(text)
    with pytest.raises(PlanError) as caught:
        handbook.load_plan(path)
    spanish_error(
        str(caught.value), "semana.toml", "settings.older_adult", "settings.level", folder=tmp_path
    )
    path.write_text("kind = 'otra cosa'\n")
    with pytest.raises(PlanError) as caught:
        handbook.load_plan(path)
    spanish_error(str(caught.value), "semana.toml", "schema", "esquema", folder=tmp_path)
    path.write_text("= no es toml")
    with pytest.raises(PlanError) as caught:
        handbook.load_plan(path)
    spanish_error(str(caught.value), "semana.toml", "TOML", folder=tmp_path)


def test_saving_over_another_plan_gives_a_spanish_plan_exists_error(spanish, catalog, tmp_path):
    path = tmp_path / "semana.toml"
    handbook.plan_week(catalog, minutes={"Mon": 10}).save(path)
    with pytest.raises(PlanExistsError) as caught:
        handbook.plan_week(catalog, minutes={"Tue": 10}).save(path)
    spanish_error(
        str(caught.value), "semana.toml", "overwrite=True", "contiene otro plan", folder=tmp_path
    )


def test_bad_planner_settings_are_spanish_value_errors(spanish, catalog):
    for kwargs, names in (
        ({"minutes": {"Funday": 10}}, ("'Funday'", "no es un día")),
        ({"minutes": {"Mon": -3}}, ("Mon", "debe estar entre 0 y")),
        ({"minutes": "ten"}, ("'ten'", "número de minutos")),
    ):
        with pytest.raises(ValueError) as caught:
            handbook.plan_week(catalog, **kwargs)
        spanish_error(str(caught.value), *names)
    plan = handbook.plan_week(catalog, minutes={"Mon": 10})
    for kwargs, names in (
        ({"at": "7 in the morning"}, ("at", "'07:00'")),
        ({"weeks": 0}, ("weeks", "número entero")),
        ({"start": "someday"}, ("start", "'2027-01-04'")),
        ({"reminder_minutes": 5000}, ("reminder_minutes", "1440")),
    ):
        with pytest.raises(ValueError) as caught:
            describe_calendar(plan, **kwargs)
        spanish_error(str(caught.value), *names)


def test_a_bad_csv_gives_a_spanish_progress_error(spanish, tmp_path):
    log = ProgressLog(tmp_path / "log.sqlite")
    bad = tmp_path / "malo.csv"
    for text, names in (
        ("", ("malo.csv", "fila de cabecera", "fecha")),
        ("id,cuando,stretch\n", ("malo.csv", "fila 1", "'cuando'")),
        ("id,fecha,estiramiento,previsto_s\n", ("malo.csv", "fila 1", "'hecho_s'")),
        (
            "id,fecha,estiramiento,previsto_s,hecho_s\nabc,2026-12-01T10:00:00+00:00,x,30,30\n",
            ("malo.csv", "fila 2", "'id'"),
        ),
        (
            "id,when,stretch,planned_s,done_s\n" + "a" * 32 + ",ayer,neck-turn,30,30\n",
            ("malo.csv", "fila 2", "'fecha'", "'ayer'"),
        ),
    ):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ProgressError) as caught:
            log.import_csv(bad)
        spanish_error(str(caught.value), *names, folder=tmp_path)


def test_a_foreign_file_and_a_busy_log_give_spanish_progress_errors(spanish, tmp_path):
    other = tmp_path / "otro.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ProgressError) as caught:
        ProgressLog(other).record("neck-turn", 30, 30)
    spanish_error(str(caught.value), "otro.sqlite", "SQLite", folder=tmp_path)
    log = ProgressLog(tmp_path / "log.sqlite")
    log.record("neck-turn", 30, 30)
    holder = sqlite3.connect(log.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ProgressBusyError) as caught:
            log.record("neck-turn", 30, 30, timeout=0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    spanish_error(
        str(caught.value), "log.sqlite", "está ocupado", "no se registró nada", folder=tmp_path
    )


def test_an_unreadable_data_file_gives_a_spanish_file_read_error(spanish, tmp_path):
    with pytest.raises(FileReadError) as caught:
        read_data(tmp_path)
    spanish_error(str(caught.value), str(tmp_path), "es una carpeta", folder=tmp_path)
    latin = tmp_path / "latin1.toml"
    latin.write_bytes('name = "Estiramiento de gemelos en escal\xf3n"'.encode("latin-1"))
    with pytest.raises(FileReadError) as caught:
        read_data(latin)
    spanish_error(str(caught.value), "latin1.toml", "UTF-8", "línea 1", folder=tmp_path)


def test_a_problem_heading_counts_in_spanish(spanish):
    one = DataFileError([handbook.Problem("a.toml", "hold", "x")], folder="mis-estiramientos")
    assert str(one).splitlines()[0] == "1 problema en mis-estiramientos:"
    two = DataFileError([handbook.Problem("a.toml", None, "x")] * 2)
    assert str(two).splitlines()[0] == "2 problemas:"


def test_english_errors_are_as_before(tmp_path):
    with pytest.raises(CatalogError, match=r"(?s)^1 problem in .*holds no stretch files"):
        handbook.load_catalog(tmp_path)
    assert Path(tmp_path).exists()


def test_days_may_be_named_in_spanish(spanish, catalog):
    plan = handbook.plan_week(catalog, minutes={"lunes": 10, "Miércoles": 10, "sabado": 5})
    assert [d for d, r in plan.days.items() if r is not None] == ["Mon", "Wed", "Sat"]
