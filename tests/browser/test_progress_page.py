"""A timer used in one notebook shows up in 06-my-progress, which reads as a page for people
and lets a wrong record be deleted after a confirm."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.lab import button, open_notebook, outputs, run_all


def test_a_timer_used_in_01_shows_up_in_my_progress(page: Page, lab):
    open_notebook(page, lab, "01-back-pain-stretches.ipynb")
    run_all(page)
    timer = page.locator(".hb-card").first.locator(".hb-timer")
    button(timer, "Start").click()
    expect(timer.locator(".hb-phase")).to_have_text("Hold: right knee down", timeout=15_000)
    page.wait_for_timeout(6500)  # a few seconds at least: a key tried is not recorded
    button(timer, "Reset").click()  # stopped part-way: recorded, not completed
    expect(timer.locator(".hb-phase")).to_have_text("Get ready")

    open_notebook(page, lab, "06-my-progress.ipynb")
    run_all(page)
    expect(outputs(page).filter(has_text=re.compile(r"^This week: "))).to_have_count(1)
    table = outputs(page).locator("table").filter(has_text="Kneeling hip flexor stretch").first
    expect(table).to_be_visible()
    expect(table).to_contain_text("stopped part-way")
    expect(table).to_contain_text(re.compile(r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d\d:\d\d"))
    for raw in ("NaN", "kneeling-hip-flexor", "+00:00", "dtype"):
        expect(outputs(page).filter(has_text=raw)).to_have_count(0)
    expect(
        page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    ).to_have_count(0)
    expect(outputs(page).locator("svg")).to_have_count(2)  # minutes per week, muscles by day

    editor = page.locator(".hb-progress")
    newest = editor.locator(".hb-progress-records option").first.inner_text()
    button(editor, "Delete…").click()
    expect(editor.locator(".hb-progress-question")).to_contain_text(
        f"Delete {newest}? This cannot be undone."
    )
    button(editor, "Keep it").click()
    expect(editor.locator(".hb-progress-question")).to_be_hidden()
    button(editor, "Delete…").click()
    button(editor, "Yes, delete it").click()
    expect(editor.locator(".hb-progress-status")).to_have_text(f"Deleted {newest}.")
