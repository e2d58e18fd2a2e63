"""The catalogue in other languages: translation files, their checks, the fallback to English,
the report, switching language, the Spanish search, and the Spanish files held to the rules."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
import tomli
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import handbook
from handbook import CatalogError, CatalogWarning, load_catalog
from handbook.catalog import translations
from handbook.paths import builtin_data_dir
from tests.english import english_sentences
from tests.helpers import write_stretch

DATA = builtin_data_dir()
FOUNDING_FOUR = (
    "kneeling-hip-flexor",
    "crossover-hamstring",
    "standing-quad",
    "hip-and-lower-back-twist",
)
SPANISH_FILES = sorted((DATA / "stretches" / "es").glob("*.toml"))
SIDE_WORD = re.compile(r"\b(derech[ao]|izquierd[ao])\b", re.IGNORECASE)
NAMES = {"right": "right foot back", "left": "left foot back"}
MOVEMENT = {
    "hold": None,
    "kind": "movement",
    "reps": 5,
    "pace": "arch 4 s, round 4 s",
    "side_names": NAMES,
}


@pytest.fixture(autouse=True)
def english_after():
    yield
    handbook.set_language("en")


def quietly(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CatalogWarning)
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def spanish() -> handbook.Catalog:
    return quietly(load_catalog, language="es")


@pytest.fixture(scope="module")
def english() -> handbook.Catalog:
    return load_catalog(language="en")


def translate(folder: Path, sid: str, **fields) -> Path:
    path = folder / "es" / f"{sid}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(fields), encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        quietly(load_catalog, folder, language="es")
    return [str(p) for p in info.value.problems]


# --- Every Spanish file present loads, and says what the English says -----------------


def test_every_spanish_file_present_loads_without_problems(spanish):
    assert len(spanish) == len(load_catalog(language="en"))
    assert translations.vocabulary("es").label("muscles", "lower back") == "Zona lumbar"
    routines = quietly(handbook.routines, spanish)
    assert set(routines) == {p.stem for p in (DATA / "routines").glob("*.toml")}
    for path in SPANISH_FILES:
        assert path.stem in spanish, path


def test_the_founding_four_routines_vocabulary_and_safety_are_whole_in_spanish():
    report = handbook.translation_report("es")
    assert not set(report["id"]) & set(FOUNDING_FOUR)
    assert set(report["kind"]) <= {"stretch"}, report[report["kind"] != "stretch"]


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda p: p.stem)
def test_translated_text_reads_as_spanish(path, spanish):
    stretch = spanish[path.stem]
    texts = [stretch.name, stretch.summary, *stretch.steps, *stretch.cues, *stretch.mistakes]
    texts += [*stretch.cautions, *(name for _side, name in stretch.side_names)]
    texts += [c.how for c in stretch.conditions]
    with open(path, "rb") as handle:
        given_fields = set(tomli.load(handle))
    if given_fields >= {"name", "summary", "steps", "cues", "mistakes", "cautions"}:
        assert not [t for t in texts if english_sentences(t)], path


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda p: p.stem)
def test_spanish_side_names_say_their_side_and_the_steps_start_on_the_first(path, spanish):
    stretch = spanish[path.stem]
    if stretch.sides != "each" or not stretch.side_names:
        return
    for side, words in (("right", ("derecha", "derecho")), ("left", ("izquierda", "izquierdo"))):
        name = stretch.side_name(side).lower()
        assert any(re.search(rf"\b{w}\b", name) for w in words), name
    words = [m.group(1).lower()[:5] for step in stretch.steps for m in SIDE_WORD.finditer(step)]
    first = {"right": "derec", "left": "izqui"}[stretch.first_side]
    assert words and words[0] == first, stretch.steps


@pytest.mark.parametrize("sid", FOUNDING_FOUR)
def test_spanish_changes_the_words_and_nothing_else(sid, spanish, english):
    es, en = spanish[sid], english[sid]
    for key in ("id", "primary", "secondary", "position", "level", "sides", "first_side"):
        assert getattr(es, key) == getattr(en, key)
    assert es.hold_s == en.hold_s and es.positions == en.positions
    assert [(c.condition, c.advice, c.instead) for c in es.conditions] == [
        (c.condition, c.advice, c.instead) for c in en.conditions
    ]
    assert es.name != en.name and es.steps != en.steps


def test_every_condition_the_english_says_how_to_handle_is_said_in_spanish(spanish, english):
    for sid in FOUNDING_FOUR:
        for es, en in zip(spanish[sid].conditions, english[sid].conditions, strict=True):
            assert es.how and (es.how != en.how or not en.how), (sid, es)


def test_the_spanish_safety_note_keeps_the_english_shape_and_names_every_condition():
    english = (DATA / "safety.md").read_text(encoding="utf-8").splitlines()
    spanish = translations.safety_note("es").splitlines()
    shape = [re.match(r"\s*(- )?", line)[0] for line in english]  # type: ignore[index]
    assert [re.match(r"\s*(- )?", line)[0] for line in spanish] == shape  # type: ignore[index]
    note = translations.safety_note("es").lower()
    for key, label in translations.vocabulary("es").labels["conditions"].items():
        assert label.split()[0].lower() in note, key
    assert not english_sentences(translations.safety_note("es"))


def test_every_vocabulary_label_has_a_spanish_form():
    es, en = translations.vocabulary("es"), translations.vocabulary("en")
    for kind, labels in en.labels.items():
        for key, label in labels.items():
            assert es.label(kind, key) and (es.label(kind, key) != label or kind == "conditions")
    assert not translations.vocabulary_missing("es")


# --- Switching language ----------------------------------------------------------------


def test_switching_language_gives_the_spanish_then_the_english_catalogue():
    handbook.set_language("es")
    cat = quietly(load_catalog)
    assert cat.language == "es"
    assert cat["standing-quad"].name == "Estiramiento de cuádriceps de pie"
    assert cat.label("muscles", "quadriceps") == "Cuádriceps"
    assert quietly(handbook.routines)["warm-up"].name == "Calentamiento"
    handbook.set_language("en")
    cat = load_catalog()
    assert cat["standing-quad"].name == "Standing quad stretch"
    assert handbook.routines()["warm-up"].name == "Warm-up"


def test_a_spanish_catalogue_still_takes_english_keys_and_labels(spanish):
    by_key = spanish.find(muscle="hamstrings")
    assert list(spanish.find(muscle="Hamstrings").index) == list(by_key.index)
    assert list(spanish.find(muscle="isquiotibiales").index) == list(by_key.index)


def test_the_handout_safety_note_follows_the_language():
    from handbook.output.handout import safety_html

    handbook.set_language("es")
    assert "no es consejo médico" in safety_html()
    handbook.set_language("en")
    assert "not medical advice" in safety_html()


# --- Search in Spanish -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("isquiotibial", "crossover-hamstring"),
        ("isquiotibiales", "crossover-hamstring"),
        ("rodilla", "kneeling-hip-flexor"),
        ("rodillas", "kneeling-hip-flexor"),
        ("cuadriceps", "standing-quad"),
        ("cuádriceps", "standing-quad"),
        ("CUÁDRICEPS de pie", "standing-quad"),
        ("estiramiento de la zona lumbar", "hip-and-lower-back-twist"),
        ("giro", "hip-and-lower-back-twist"),
    ],
)
def test_spanish_search_finds_word_forms_with_or_without_accents(spanish, asked, found):
    assert found in list(spanish.find(text=asked).index), asked


def test_english_search_is_unchanged(english):
    assert "crossover-hamstring" in english.find(text="hamstring").index
    assert "standing-quad" not in english.find(text="cuadriceps").index


# --- A translation file's problems, each named with its fix ----------------------------


@pytest.mark.parametrize(
    ("fields", "english", "expected"),
    [
        ({"hold": {"seconds": 20}}, {}, "hold: is not a field a translation holds"),
        ({"nmae": "Gemelo"}, {}, "did you mean 'name'?"),
        ({"name": 3}, {}, "name: must be text, got 3"),
        ({"name": ""}, {}, "name: must not be empty"),
        ({"name": "Gemelo\u202e"}, {}, "bidirectional control"),
        ({"steps": ["Uno.", "Dos."]}, {}, "steps: lists 2 items, the English 3"),
        ({"steps": "Uno."}, {}, "steps: must be a list of texts"),
        ({"cues": ["Uno.", "Dos."]}, {}, "cues: lists 2 items, the English 1"),
        ({"pace": "arquea 4 s, redondea 5 s"}, MOVEMENT, "does not keep the English parts"),
        ({"pace": "arquea 4 s"}, MOVEMENT, "does not keep the English parts"),
        ({"pace": "arquea"}, MOVEMENT, "pace: part 1"),
        ({"pace": "3 s"}, {}, "pace: is only for a movement"),
        (
            {"side_names": {"right": "pie izquierdo atrás", "left": "pie izquierdo delante"}},
            {"side_names": NAMES},
            "side_names.right: 'pie izquierdo atrás' names the other side ('izquierdo') first",
        ),
        (
            {"side_names": {"right": "pie atrás", "left": "pie izquierdo atrás"}},
            {"side_names": NAMES},
            "side_names.right: 'pie atrás' does not say 'derecha' or 'derecho'",
        ),
        (
            {"side_names": {"right": "pie derecho atrás"}},
            {"side_names": NAMES},
            "side_names.left: is missing",
        ),
        (
            {"side_names": {"right": "a", "left": "b"}},
            {"sides": "both"},
            "the English stretch is not done on each side in turn",
        ),
        (
            {"conditions": {"pregnancy": {"how": "Con cuidado."}}},
            {"conditions": {"knee-problems": {"advice": "modify", "how": "Pad the knee."}}},
            "conditions.pregnancy: is not a condition the English stretch says how to handle",
        ),
        (
            {"conditions": {"knee-problems": {"how": "Con un cojín.", "advice": "skip"}}},
            {"conditions": {"knee-problems": {"advice": "modify", "how": "Pad the knee."}}},
            "conditions.knee-problems.advice: is not translated",
        ),
    ],
)
def test_a_bad_translation_is_named_with_the_fix(tmp_path, fields, english, expected):
    write_stretch(tmp_path, "test-calf", **english)
    path = translate(tmp_path, "test-calf", **fields)
    before = path.read_bytes()
    found = problems_of(tmp_path)
    assert any(str(path) in p and expected in p for p in found), found
    assert path.read_bytes() == before  # reported, never rewritten


def test_a_translation_of_a_stretch_that_does_not_exist_suggests_the_near_id(tmp_path):
    write_stretch(tmp_path, "test-calf")
    translate(tmp_path, "test-calff", name="Gemelo")
    found = problems_of(tmp_path)
    assert any("test-calff.toml" in p and "did you mean 'test-calf'?" in p for p in found), found


def test_a_translation_that_is_not_toml_is_named(tmp_path):
    write_stretch(tmp_path, "test-calf")
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "test-calf.toml").write_text('name = "sin cerrar', encoding="utf-8")
    assert any("is not valid TOML" in p for p in problems_of(tmp_path))


def test_a_bad_vocabulary_translation_is_named():
    english = translations.builtin_vocabulary()
    data = {"muscles": {"hamstring": {"label": "Isquios"}}, "levels": {"beginner": {"x": "y"}}}
    _good, problems = translations.check_vocabulary(data, english, "es/vocabulary.toml")
    said = [str(p) for p in problems]
    assert any("muscles.hamstring" in p and "did you mean 'hamstrings'?" in p for p in said)
    assert any("levels.beginner.x" in p for p in said), said


def test_a_routine_translation_with_a_field_it_cannot_hold_is_named(tmp_path):
    (tmp_path / "es").mkdir()
    (tmp_path / "legs.toml").write_text("", encoding="utf-8")
    (tmp_path / "es" / "legs.toml").write_text('name = "Piernas"\nrest = 3\n', encoding="utf-8")
    text, problems, missing = translations.routine_text(tmp_path / "legs.toml", "es")
    assert text == {"name": "Piernas"}
    assert any(p.field == "rest" for p in problems)
    assert [m.field for m in missing] == ["description"]


# --- A person's own folder: fallback, the warning, the report --------------------------


def test_a_users_folder_carries_its_own_translations_and_falls_back_to_english(tmp_path):
    write_stretch(tmp_path, "test-calf", side_names=NAMES)
    write_stretch(tmp_path, "test-hamstring", name="Test hamstring")
    translate(
        tmp_path,
        "test-calf",
        name="Gemelo de prueba",
        side_names={"right": "pie derecho atrás", "left": "pie izquierdo atrás"},
    )
    with pytest.warns(CatalogWarning, match=r"texts have no translation into 'es'") as said:
        cat = load_catalog(tmp_path, language="es")
    assert len(said) == 1
    assert cat["test-calf"].name == "Gemelo de prueba"
    assert cat["test-calf"].side_name("right") == "pie derecho atrás"
    assert cat["test-calf"].steps == load_catalog(tmp_path)["test-calf"].steps  # English
    assert cat["test-hamstring"].name == "Test hamstring"
    with warnings.catch_warnings():
        warnings.simplefilter("error", CatalogWarning)
        again = load_catalog(tmp_path, language="es")  # warned once per language
    assert again["test-calf"].name == "Gemelo de prueba"


def test_the_language_folder_is_not_read_as_stretches(tmp_path):
    write_stretch(tmp_path, "test-calf")
    translate(tmp_path, "test-calf", name="Gemelo")
    assert load_catalog(tmp_path).ids == ("test-calf",)


def test_a_users_folder_joins_the_spanish_builtin_catalogue(tmp_path):
    write_stretch(tmp_path, "test-calf")
    translate(tmp_path, "test-calf", name="Gemelo")
    cat = quietly(load_catalog, tmp_path, builtin=True, language="es")
    assert cat["test-calf"].name == "Gemelo"
    assert cat["standing-quad"].name == "Estiramiento de cuádriceps de pie"


def test_class_mode_keeps_a_user_stretch_in_english_when_its_translation_is_broken(tmp_path):
    from handbook.catalog.loader import load_with_own

    write_stretch(tmp_path, "test-calf")
    translate(tmp_path, "test-calf", name="Gemelo", steps=["Uno."])
    base = quietly(load_catalog, language="es")
    cat, problems = quietly(load_with_own, tmp_path, base)
    assert cat["test-calf"].name == "Gemelo"  # the good field is used
    assert any(p.field == "steps" for p in problems)


def test_the_report_lists_what_is_missing_and_where_it_would_go():
    report = handbook.translation_report("es")
    assert list(report.columns) == ["kind", "id", "field", "file"]
    for row in report.itertuples():
        assert row.file.endswith(f"/es/{row.id}.toml"), row
    english = handbook.translation_report("en")
    assert english.empty


def test_the_report_refuses_a_language_the_handbook_does_not_speak():
    with pytest.raises(handbook.LanguageError):
        handbook.translation_report("xx")


# --- Invariants ------------------------------------------------------------------------


@given(st.lists(st.text(alphabet="abcdefghij ", min_size=1, max_size=12), max_size=6))
def test_a_list_is_taken_only_item_for_item(tmp_path_factory, steps):
    english = load_catalog(language="en")["standing-quad"]
    good, problems = translations.check_stretch({"steps": steps}, english, "es", "x.toml")
    usable = len(steps) == len(english.steps) and all(s.strip() for s in steps)
    assert ("steps" in good) == usable
    assert bool(problems) != usable


@given(
    st.sampled_from(["rodilla", "pie", "pierna", "brazo"]),
    st.sampled_from(["derecha", "derecho", "Derecha"]),
    st.sampled_from(["izquierda", "izquierdo"]),
)
def test_a_side_name_leading_with_its_own_side_is_taken(part, right, left):
    assert translations.side_name_problem("es", "right", f"{part} {right} sobre {left}") is None
    assert translations.side_name_problem("es", "left", f"{part} {right} sobre {left}")


# A skipped stretch's reason is shown as "Prótesis de cadera: sáltate este estiramiento (<why>);
# o haz <otro> en su lugar". In Spanish a bare verb reads as an order ("Cruza las piernas" tells
# the reader to cross them), so a reason is a statement, and the view says the skip and the
# alternative: the reason names neither. Found by the Spanish physiotherapist's review.
ORDERS = re.compile(
    r"^(?:No hagas|Sáltate|Haz|Evita|Cruza|Dobla|Flexiona|Redondea|Lleva|Une|Gira|Carga)\b"
)


def test_a_spanish_reason_to_skip_is_a_statement_not_an_order():
    found = []
    for path in sorted((DATA / "stretches" / "es").glob("*.toml")):
        spanish = tomli.loads(path.read_text())
        english = tomli.loads((DATA / "stretches" / path.name).read_text())
        for condition, entry in english.get("conditions", {}).items():
            how = spanish.get("conditions", {}).get(condition, {}).get("how", "")
            ordered = ORDERS.match(how) or re.search(r"en su lugar|sáltat", how, re.IGNORECASE)
            if entry.get("advice") == "skip" and ordered:
                found.append(f"{path.stem}: {condition}: {how}")
    assert not found, "\n".join(found)
