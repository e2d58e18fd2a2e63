"""A stretch as HTML: every field shown, labels from the vocabulary, data escaped."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from handbook.output.cards import details_html, facts, hold_summary

EVIL = "<img src=x onerror=alert(1)>"


def test_facts_use_display_labels(catalog):
    found = dict(facts(catalog["kneeling-hip-flexor"]))
    assert found["Targets"].startswith("Hip flexors, Quadriceps")
    assert found["Position"] == "Kneeling"
    assert found["Equipment"] == "Mat, Cushion"
    assert found["Hold"] == "5 deep breaths (about 50 s), each side, once"


def test_hold_summary_for_symmetrical_repeated_stretches(catalog):
    stretch = dataclasses.replace(
        catalog["double-knee-hug"], hold_breaths=None, hold_fixed_s=20, reps=3
    )
    assert hold_summary(stretch) == "20 s, both sides together, 3 times"


def test_every_part_of_the_stretch_is_shown(catalog):
    stretch = catalog["crossover-hamstring"]
    page = details_html(stretch)
    for text in (*stretch.steps, *stretch.cues, *stretch.mistakes, *stretch.cautions):
        assert ET.fromstring(f"<p>{text}</p>") is not None  # sanity: plain text
    body = ET.fromstring(f"<div>{page}</div>")
    assert [li.text for li in body.find(".//ol")] == list(stretch.steps)
    cautions = body.find(".//div[@class='hb-cautions']")
    assert [li.text for li in cautions.iter("li")] == list(stretch.cautions)
    assert "Common mistakes" in page and "How it should feel" in page


def test_text_from_data_is_escaped_everywhere(catalog):
    stretch = dataclasses.replace(
        catalog["standing-quad"],
        name=EVIL,
        summary=EVIL,
        steps=(EVIL,),
        cues=(EVIL,),
        mistakes=(EVIL,),
        cautions=(EVIL,),
        source=EVIL,
    )
    page = details_html(stretch)
    assert "<img" not in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") == 7


def test_a_movement_card_gives_its_reps_and_pace(catalog):
    cat_cow = catalog["cat-cow"]
    assert hold_summary(cat_cow) == "5 reps of arch 5 s, round 5 s (50 s), both sides together"
    assert hold_summary(catalog["leg-swings"]).endswith("(40 s), each side")
    assert dict(facts(cat_cow))["Reps"] == hold_summary(cat_cow)
    assert "Hold" not in dict(facts(cat_cow)) and "Hold" in dict(facts(catalog["neck-turn"]))


def test_card_text_wraps_long_words_wherever_it_is_shown(catalog):
    page = details_html(dataclasses.replace(catalog["neck-turn"], name="W" * 3000))
    assert page.startswith('<div class="hb-card-text" style="overflow-wrap: anywhere">')
    assert page.endswith("</div>")
