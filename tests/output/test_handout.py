"""The printable handout of a routine: pictures, steps, cautions, safety; data escaped."""

from __future__ import annotations

import dataclasses
import re

import handbook
from handbook.timing.routine import Routine
from handbook.timing.routinefile import routines


def test_handout_holds_every_stretch(catalog, tmp_path):
    routine = routines(catalog)["back-pain-basics"]
    path = tmp_path / "handout.html"
    page = routine.to_html(path)
    assert path.read_text(encoding="utf-8") == page
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert page.count("<svg") == 4 and page.count('class="hb-cautions"') == 4
    for stretch in routine.stretches:
        assert stretch.steps[0] in page or stretch.steps[0].replace("'", "&#x27;") in page
    assert "not medical advice" in page and "<strong>" in page  # the safety note, rendered


def test_handout_escapes_data(catalog):
    evil = "<script>alert(1)</script>"
    routine = Routine.from_ids(catalog, ["neck-turn"], name=evil, description=evil)
    page = routine.to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    hostile = dataclasses.replace(catalog["neck-turn"], name=evil)
    cat = handbook.catalog.Catalog([hostile], catalog.vocabulary)
    assert "<script>" not in Routine.from_ids(cat, ["neck-turn"]).to_html()


def test_a_hold_the_teacher_sets_reaches_the_steps(catalog):
    basics = routines(catalog)["back-pain-basics"]
    items = tuple(
        dataclasses.replace(item, hold_s=120.0, hold_breaths=None) for item in basics.items
    )
    page = dataclasses.replace(basics, items=items).to_html()
    steps = re.findall(r"<h3>How to do it</h3><ol>(.*?)</ol>", page)
    assert len(steps) == 4 and all("for 120 s" in s and "breaths" not in s for s in steps)
    assert page.count("120 s, each side, once") == 4  # all four are done one side at a time


def test_a_handout_is_laid_out_for_paper(catalog):
    page = routines(catalog)["back-pain-basics"].to_html()
    assert "@page" in page and "size: A4" in page and "break-inside: avoid" in page
    assert page.count('class="hb-safety"') == 1 and page.count("<section") == 4


def test_a_handout_prints_the_gentler_alternatives(catalog):
    page = routines(catalog)["back-pain-basics"].to_html()
    assert page.count('class="hb-alternatives"') == 4  # each of the founding four has one
    assert (
        "<b>Gentler instead:</b> Seated chair twist (osteoporosis, hip replacement, "
        "knee problems, pregnancy)</p>"
    ) in page


def test_long_words_wrap_in_the_handout(catalog):
    word = "W" * 3000
    stretch = dataclasses.replace(catalog["neck-turn"], name=word, steps=(word,))
    cat = handbook.catalog.Catalog([stretch], catalog.vocabulary)
    page = Routine.from_ids(cat, ["neck-turn"], name=word).to_html()
    body_rule = page[page.index("body {") : page.index("}", page.index("body {"))]
    assert "overflow-wrap: anywhere" in body_rule  # measured in Chromium: tests/browser
