"""One text rule for every field that reaches a person: control characters, bidirectional
controls, invisible-only text, length, and side names that name the other side."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook import CatalogError, load_catalog
from handbook.catalog.text import LINE, NAME, side_problem, text_problem
from tests.helpers import write_stretch

HOSTILE = {
    "a NUL": "Calf\x00 stretch",
    "an ESC": "Calf \x1b[31mstretch",
    "a CR": "Calf\rstretch",
    "a line break": "Calf\nstretch",
    "a right-to-left override": "\u202eCalf stretch",
    "an isolate": "Calf \u2067stretch\u2069",
    "zero-width spaces only": "\u200b\u200b\u200d",
    "combining marks only": "\u0301\u0301\u0308",
    "a soft hyphen and a BOM only": "\u00ad\ufeff",
    "too long": "W" * (NAME + 1),
}


@pytest.mark.parametrize("label", HOSTILE)
def test_a_hostile_name_is_refused_naming_file_and_field(tmp_path, label):
    path = write_stretch(tmp_path, "calf", name=HOSTILE[label])
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path)
    (problem,) = info.value.problems
    assert problem.file == str(path) and problem.field == "name"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"steps": ["Face the wall.", "Step \x1b back."]}, "steps"),
        ({"cues": ["\u202eA pull."]}, "cues"),
        ({"cautions": ["\u200b"]}, "cautions"),
        ({"mistakes": ["x" * (LINE + 1)]}, "mistakes"),
        ({"summary": "Stretches\x07 the calf."}, "summary"),
        (
            {"conditions": {"knee-problems": {"advice": "modify", "how": "Kneel\x00 softly."}}},
            "conditions.knee-problems.how",
        ),
        ({"side_names": {"left": "left\x00 foot back", "right": "right foot back"}}, None),
        ({"side_names": {"left": "left \u202efoot", "right": "right foot back"}}, None),
    ],
)
def test_every_text_field_keeps_the_rule(tmp_path, fields, field):
    write_stretch(tmp_path, "calf", **fields)
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path)
    fields_named = [p.field for p in info.value.problems]
    assert field in fields_named if field else any("side_names" in f for f in fields_named)


def test_a_side_name_must_not_lead_with_the_other_side(tmp_path):
    write_stretch(
        tmp_path,
        "calf",
        side_names={"left": "right leg over left", "right": "left leg over right"},
    )
    with pytest.raises(CatalogError, match="names the right side first"):
        load_catalog(tmp_path)
    assert side_problem("right", "right ankle over left knee") is None
    assert side_problem("left", "left ankle over right knee") is None


def test_ordinary_text_passes():
    for text in ("Kneeling hip flexor stretch", "Étirement du mollet", "前屈", "Kneel; breathe."):
        assert text_problem(text) is None
    assert text_problem("Two lines\nof text", one_line=False) is None
    assert text_problem("Two lines\nof text") == "must be one line; it holds a line break"


@given(st.text(max_size=60))
def test_the_rule_never_fails_and_what_passes_is_visible_and_one_line(text):
    found = text_problem(text)
    if found is None:
        assert text.strip() and "\n" not in text and "\x00" not in text
        assert not any(0x202A <= ord(c) <= 0x202E for c in text)
    else:
        assert isinstance(found, str) and found


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("áéíóúñü¿¡ \u200d\u0301\u202e\u2028\x85\x9f\ufdd0\U0001fffe\n\t"),
            st.characters(),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_the_quick_reading_of_other_scripts_agrees_with_the_character_by_character_one(
    text, one_line
):
    from unittest import mock

    import handbook.catalog.text as rule

    quick = text_problem(text, one_line=one_line)
    with mock.patch.object(rule, "_SEEN", re.compile("(?!)")):
        slow = text_problem(text, one_line=one_line)
    assert quick == slow
