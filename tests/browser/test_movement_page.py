"""A movement in JupyterLab: its picture shows both ends, its timer counts every rep."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.lab import button, open_notebook, run_all, seconds


def test_cat_cow_counts_each_arch_and_round(page: Page, lab):
    open_notebook(page, lab, "02-explore-the-catalogue.ipynb")
    run_all(page)
    card = page.locator(".hb-card").filter(has_text="Cat-cow").first
    expect(card.locator(".hb-card-picture svg .hb-figure-end")).to_have_count(1)
    expect(card).to_contain_text("5 reps of arch 5 s, round 5 s")
    timer = card.locator(".hb-timer")
    phase, remaining = timer.locator(".hb-phase"), timer.locator(".hb-remaining")
    expect(phase).to_have_text("Get ready")

    button(timer, "Start").click()
    expect(phase).to_have_text("Arch · 1 of 5", timeout=15_000)
    assert seconds(remaining.inner_text()) <= 5
    expect(phase).to_have_text("Round · 1 of 5", timeout=10_000)  # by itself, no rest between
    expect(phase).to_have_text("Arch · 2 of 5", timeout=10_000)
    button(timer, "Pause").click()
    page.wait_for_timeout(800)
    button(timer, "Skip").click()
    expect(phase).to_have_text("Round · 2 of 5")
    expect(remaining).to_have_text("0:05")
