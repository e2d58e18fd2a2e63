"""A movement in JupyterLab: its picture shows both ends, its player counts every rep aloud."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.lab import button, open_notebook, run_all, seconds

SPOKEN = "window.__spoken = []; speechSynthesis.speak = (u) => window.__spoken.push(u.text);"


def test_cat_cow_counts_each_arch_and_round(page: Page, lab):
    page.add_init_script(SPOKEN)  # headless Chromium has no voices: record what is said
    open_notebook(page, lab, "02-explore-the-catalogue.ipynb")
    run_all(page)
    card = page.locator(".hb-card").filter(has_text="Cat-cow").first
    expect(card.locator(".hb-figure-end")).to_have_count(1)
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
    spoken = page.evaluate("window.__spoken")
    assert spoken[-3:] == ["Arch · 1 of 5", "Round · 1 of 5", "Arch · 2 of 5"], spoken
    button(timer, "Skip").click()  # the rest of the movement, not one count
    expect(phase).to_have_text("Done")
    expect(remaining).to_have_text("0:00")
