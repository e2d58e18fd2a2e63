"""Word search: forms of a word find the same stretches, across names, summaries, muscles, steps."""

from __future__ import annotations

import handbook
from handbook.catalog.search import query_stems, stems
from tests.helpers import write_stretch


def test_word_forms_share_a_stem():
    assert stems("Kneeling stretches") == ["kneel", "stretch"]
    assert stems("calves") == stems("calf") and stems("Hamstrings") == stems("hamstring")
    assert query_stems("a neck stretch") == ["neck"]


def test_forms_of_a_muscle_find_what_the_muscle_filter_finds(catalog):
    by_muscle = set(catalog.find(muscle="hamstrings").index)
    for text in ("hamstring", "hamstrings", "Hamstrings", "HAMSTRING"):
        assert by_muscle <= set(catalog.find(text=text).index), text
    assert set(catalog.find(muscle="lower back").index) == set(
        catalog.find(text="lower back").index
    )  # the muscle, not "lower" and "back" anywhere


def test_generic_words_are_left_out(catalog):
    neck = set(catalog.find(text="neck").index)
    assert neck and set(catalog.find(text="neck stretch").index) == neck
    assert len(catalog.find(text="stretch")) == len(catalog)


def test_every_field_is_searched_and_every_word_must_match(tmp_path):
    write_stretch(
        tmp_path,
        "a",
        name="Alpha reach",
        summary="Opens the chest.",
        primary=["chest"],
        secondary=[],
        steps=["Kneel on the mat."],
    )
    write_stretch(
        tmp_path,
        "b",
        name="Beta fold",
        summary="Eases the spine.",
        primary=["hamstrings"],
        secondary=[],
        steps=["Sit tall."],
    )
    cat = handbook.load_catalog(tmp_path)
    assert list(cat.find(text="reaching").index) == ["a"]  # name
    assert list(cat.find(text="spine").index) == ["b"]  # summary
    assert list(cat.find(text="hamstring").index) == ["b"]  # muscles
    assert list(cat.find(text="kneeling").index) == ["a"]  # steps
    assert list(cat.find(text="kneel spine").index) == []  # both words are needed
    assert list(cat.find(text="hams").index) == ["b"]  # a word still being typed
    assert list(cat.find(text="kneel", muscle="hamstrings").index) == []


def test_name_matches_come_first(tmp_path):
    write_stretch(
        tmp_path, "a-steps", name="Other", primary=["neck"], secondary=[], steps=["Hold a strap."]
    )
    write_stretch(tmp_path, "b-name", name="Strap reach", primary=["neck"], secondary=[])
    assert list(handbook.load_catalog(tmp_path).find(text="strap").index) == ["b-name", "a-steps"]


def test_loosen_counts_the_matches_without_each_filter(catalog):
    counts = catalog.loosen(muscle="neck", position="supine", text=None)
    assert counts == {
        "muscle": len(catalog.find(position="supine")),
        "position": len(catalog.find(muscle="neck")),
    }
