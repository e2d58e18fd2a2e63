"""The explorer in JupyterLab: its dropdowns say "Any", Clear filters, and a word search."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.lab import button, open_notebook, run_all


def shown(select) -> str:
    """The text a dropdown shows: its selected option's label."""
    return select.evaluate("el => el.selectedIndex < 0 ? '' : el.options[el.selectedIndex].text")


def test_the_explorer_says_any_and_clears_its_filters(page: Page, lab):
    open_notebook(page, lab, "02-explore-the-catalogue.ipynb")
    run_all(page)
    explorer = page.locator(".hb-explorer")
    expect(explorer).to_have_count(1)
    selects = explorer.locator("select").filter(has=page.locator("option", has_text="Any"))
    expect(selects).to_have_count(4)
    assert [shown(selects.nth(n)) for n in range(4)] == ["Any"] * 4
    count = explorer.locator(".hb-count")
    everything = count.inner_text()
    assert re.fullmatch(r"\d+ stretches match", everything)

    muscle, position = selects.nth(0), selects.nth(1)
    muscle.select_option(label="Neck")
    position.select_option(label="Lying on your back")
    expect(count).to_contain_text("No stretch matches all of these.")
    expect(count).to_contain_text("without Position Lying on your back")
    button(explorer, "Clear filters").click()
    expect(count).to_have_text(everything)
    assert shown(muscle) == shown(position) == "Any"

    explorer.get_by_placeholder(re.compile("a word")).fill("hamstrings")
    expect(explorer.locator(".hb-matches option").first).to_contain_text("amstring")
