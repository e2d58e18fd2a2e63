"""One unbroken 3,000-letter word from data wraps: the handout, a card and class mode stay
as wide as the window (before: 29,035 px and 23,179 px)."""

from __future__ import annotations

import dataclasses

import nbformat
from playwright.sync_api import Page, expect

import handbook
from handbook.timing.routine import Routine

WORD = "W" * 3000
SETUP = f"""import dataclasses, handbook
from handbook.widgets import ClassMode, StretchCard
cat = handbook.load_catalog()
word = {WORD[:1]!r} * {len(WORD)}
long = dataclasses.replace(cat["kneeling-hip-flexor"], name=word, summary=word, steps=(word,),
                           cautions=(word,), source=word)
cat = handbook.Catalog([long if s.id == long.id else s for s in cat], cat.vocabulary)"""


def width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_handout_keeps_to_the_page(page: Page, catalog):
    stretch = dataclasses.replace(catalog["neck-turn"], name=WORD, summary=WORD, steps=(WORD,))
    cat = handbook.Catalog([stretch], catalog.vocabulary)
    page.set_content(Routine.from_ids(cat, ["neck-turn"], name=WORD).to_html())
    assert width(page) <= page.viewport_size["width"]


def test_a_card_and_class_mode_keep_to_the_window_in_voila(page: Page, voila):
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(SETUP),
            nbformat.v4.new_code_cell("StretchCard(long, timer=False)"),
            nbformat.v4.new_code_cell("ClassMode(cat)"),
        ]
    )
    nbformat.write(notebook, voila.root / "long-words.ipynb")
    page.goto(voila.url("voila/render/long-words.ipynb"))
    expect(page.locator(".hb-class .hb-class-name")).to_contain_text("WWWW", timeout=90_000)
    expect(page.locator(".hb-card .hb-name")).to_contain_text("WWWW")
    window = page.viewport_size["width"]
    assert width(page) <= window
    for part in (
        ".hb-card",
        ".hb-card .hb-name",
        ".hb-card .hb-summary",
        ".hb-class",
        ".hb-class .hb-class-name",
    ):  # before: the card's name 50,308 px wide
        wide = page.locator(part).evaluate(
            "el => Math.max(el.scrollWidth, el.getBoundingClientRect().width)"
        )
        assert wide <= window, (part, wide)
