"""Choosing the language, and the Spanish catalogue of the code's words kept whole."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import handbook
from handbook import i18n
from tests.english import english_sentences

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "handbook" / "locale" / "es" / "LC_MESSAGES" / "handbook.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}


@pytest.fixture(autouse=True)
def english_after():
    yield
    handbook.set_language("en")


def spanish() -> object:
    with PO.open("rb") as handle:
        return read_po(handle)


def test_english_is_the_default_and_spanish_can_be_chosen():
    assert handbook.language() == "en"
    assert handbook.languages() == ("en", "es")
    handbook.set_language("es-MX")
    assert handbook.language() == "es"


def test_an_unknown_language_names_those_there_are():
    with pytest.raises(handbook.LanguageError, match=r"'fr'.*'en', 'es'.*translating"):
        handbook.set_language("fr")
    assert handbook.language() == "en"


def test_the_environment_chooses_before_the_first_word():
    code = "import handbook; print(handbook.language())"
    env = {"HANDBOOK_LANG": "es_ES.UTF-8", "PATH": "/usr/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "es"


def test_listeners_hear_a_change_once():
    heard: list[str] = []
    i18n.on_change(heard.append)
    try:
        handbook.set_language("es")
        handbook.set_language("es")
        handbook.set_language("en")
    finally:
        i18n._listeners.remove(heard.append)
    assert heard == ["es", "en"]


def test_every_spanish_entry_is_translated_and_none_is_fuzzy():
    catalog = spanish()
    empty = [
        m.id
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not empty, (
        f"{len(empty)} Spanish entries untranslated (make po, then translate): {empty[:5]}"
    )
    assert not fuzzy, f"{len(fuzzy)} Spanish entries marked fuzzy: {fuzzy[:5]}"


def test_every_word_the_code_marks_is_in_the_spanish_catalogue():
    method_map = [
        ("handbook/**.py", "python"),
        ("hub/**.py", "python"),
        ("handbook/**/templates/**.j2", "jinja2"),
        ("handbook/**/templates/**.html", "jinja2"),
        ("share/jupyter/voila/templates/**.j2", "jinja2"),
    ]
    options = {pattern: {"extensions": "jinja2.ext.i18n"} for pattern in ("**.j2", "**.html")}
    marked = {
        msg if isinstance(msg, str) else msg[0]
        for _file, _line, msg, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options, keywords=KEYWORDS
        )
    }
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in spanish() if m.id}
    missing = sorted(marked - known)
    assert not missing, (
        f"{len(missing)} marked words not in es/handbook.po (run make po): {missing[:5]}"
    )


def test_the_compiled_words_agree_with_the_po_file():
    compiled = i18n.compile_po(PO)
    assert compiled[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
    assert isinstance(io.BytesIO(compiled).read(), bytes)


def test_english_is_found_where_it_is_left():
    assert english_sentences("Estira la pierna derecha con la espalda recta.") == []
    assert english_sentences("Keep your back straight and breathe.") == [
        "Keep your back straight and breathe."
    ]
    assert english_sentences("Pause") == ["Pause"]
