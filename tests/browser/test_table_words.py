"""Tables keep words whole on a narrow page, in JupyterLab and in Voila: the planner's week
read "D ay", "Pla nne d" before; only a word too long for its cell may break."""

from __future__ import annotations

import nbformat
import pytest
from playwright.sync_api import Page, expect

from tests.browser.lab import open_notebook, run_all

CELLS = [
    "import handbook\nfrom handbook.output.tables import readable\n"
    "from handbook.widgets import WeekPlanner\ncat = handbook.load_catalog()",
    "planner = WeekPlanner(cat, stretches=None)\n"
    "planner.show(handbook.plan_week(cat, minutes=10))\nplanner",
    "readable(planner.plan.check(), cat.vocabulary)",
]

# Every word of every cell drawn on one line: a word split across lines has two boxes.
BROKEN_WORDS = """tables => {
  const broken = [];
  for (const table of tables) {
    for (const cell of table.querySelectorAll("th, td")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.textContent.matchAll(/[A-Za-z]{2,14}/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
  }
  return broken;
}"""


def notebook(root, name: str) -> str:
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(c) for c in CELLS],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        ),
        root / name,
    )
    return name


def check(page: Page) -> None:
    week = page.locator(".hb-planner .hb-week table")
    expect(week).to_be_visible(timeout=90_000)
    tables = page.locator("table")
    assert tables.count() >= 2
    assert tables.evaluate_all(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 900  # no page-wide table


@pytest.mark.parametrize("width", [420])
def test_tables_keep_words_whole_in_voila(page: Page, voila, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(voila.url(f"voila/render/{notebook(voila.root, 'narrow-tables.ipynb')}"))
    check(page)


def test_tables_keep_words_whole_in_jupyterlab(page: Page, lab):
    open_notebook(page, lab, notebook(lab.root, "narrow-tables.ipynb"))
    run_all(page)
    page.set_viewport_size({"width": 700, "height": 900})  # after: the status bar needs room
    page.locator(".hb-planner .hb-week table").scroll_into_view_if_needed()
    check(page)
