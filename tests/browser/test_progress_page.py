"""A timer used in one notebook shows up in 06-my-progress."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.lab import button, open_notebook, outputs, run_all


def test_a_timer_used_in_01_shows_up_in_my_progress(page: Page, lab):
    open_notebook(page, lab, "01-back-pain-stretches.ipynb")
    run_all(page)
    timer = page.locator(".hb-card").first.locator(".hb-timer")
    button(timer, "Start").click()
    expect(timer.locator(".hb-phase")).to_have_text("Hold: left side", timeout=15_000)
    page.wait_for_timeout(3000)
    button(timer, "Reset").click()  # stopped part-way: recorded, not completed
    expect(timer.locator(".hb-phase")).to_have_text("Get ready")

    open_notebook(page, lab, "06-my-progress.ipynb")
    run_all(page)
    recorded = re.compile(r"\d+ holds? recorded")  # earlier browser tests may add more
    expect(outputs(page).filter(has_text=recorded)).to_have_count(1)
    expect(outputs(page).locator("table").filter(has_text="kneeling-hip-flexor").first) \
        .to_be_visible()
