"""My conditions in the explorer, in JupyterLab: a condition leaves out what it rules out,
and the open card gives its advice."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.lab import open_notebook, run_all
from tests.helpers import builtin_catalog


def test_my_conditions_filter_the_explorer_and_advise_on_the_card(page: Page, lab):
    open_notebook(page, lab, "02-explore-the-catalogue.ipynb")
    run_all(page)
    explorer = page.locator(".hb-explorer")
    count = explorer.locator(".hb-count")
    everything = f"{len(builtin_catalog())} stretches match"
    expect(count).to_contain_text(everything)
    explorer.locator(".hb-matches select").select_option(label="Seated chair twist")
    explorer.locator(".hb-conditions-choice select").select_option(label="Osteoporosis")
    expect(count).not_to_contain_text(everything)
    expect(explorer.locator(".hb-matches option", has_text="Double knee hug")).to_have_count(0)
    advice = explorer.locator(".hb-details .hb-conditions")
    expect(advice).to_contain_text("Osteoporosis: keep the turn small")
