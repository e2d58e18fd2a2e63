"""The start page, as a person meets it in JupyterLab and as a Voila app."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.lab import open_notebook, outputs, run_all


def test_start_page_runs_and_shows_the_catalogue(page: Page, lab):
    open_notebook(page, lab, "00-start-here.ipynb")
    expect(page.get_by_role("heading", name="Before you start: safety")).to_be_visible()
    run_all(page)
    table = outputs(page).locator("table").filter(has_text="Kneeling hip flexor stretch")
    expect(table.first).to_be_visible()
    expect(outputs(page).locator("img")).to_have_count(2)  # the two charts
    expect(outputs(page).filter(has_text="Traceback")).to_have_count(0)
    expect(page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')).to_have_count(0)


def test_start_page_as_a_voila_app_hides_the_code(page: Page, voila):
    page.goto(voila.url("voila/render/00-start-here.ipynb"))
    expect(page.locator("table").filter(has_text="Crossover hamstring").first).to_be_visible(
        timeout=90_000
    )
    expect(page.get_by_text("import handbook")).to_have_count(0)
    expect(page.get_by_text("assert len(cat)")).to_have_count(0)
