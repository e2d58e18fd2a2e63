"""The back-pain chapter in JupyterLab: cards with pictures, and a timer a person can drive."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from tests.browser.lab import button, open_notebook, run_all, seconds


def test_cards_and_timer_in_jupyterlab(page: Page, lab):
    open_notebook(page, lab, "01-back-pain-stretches.ipynb")
    run_all(page)
    cards = page.locator(".hb-card")
    expect(cards).to_have_count(4)
    expect(cards.first.locator(".hb-card-picture svg")).to_be_visible()
    expect(cards.first.locator(".hb-cautions")).to_contain_text("Cautions")
    expect(page.locator(".hb-timer")).to_have_count(5)  # four cards and the whole routine

    timer = cards.first.locator(".hb-timer")
    phase, remaining = timer.locator(".hb-phase"), timer.locator(".hb-remaining")
    expect(phase).to_have_text("Get ready")
    expect(remaining).to_have_text("0:05")
    page.wait_for_timeout(1500)
    expect(remaining).to_have_text("0:05")  # nothing started by itself

    button(timer, "Start").click()
    expect(phase).to_have_text("Hold: right knee down", timeout=10_000)
    t0, r0 = time.monotonic(), seconds(remaining.inner_text())
    page.wait_for_timeout(4000)
    t1, r1 = time.monotonic(), seconds(remaining.inner_text())
    assert abs((r0 - r1) - (t1 - t0)) <= 1.2, (r0, r1, t1 - t0)  # real-time speed

    button(timer, "Pause").click()
    frozen = remaining.inner_text()
    page.wait_for_timeout(2500)
    expect(remaining).to_have_text(frozen)
    expect(phase).to_have_text("Hold: right knee down")

    button(timer, "Reset").click()
    expect(phase).to_have_text("Get ready")
    expect(remaining).to_have_text("0:05")

    picture = cards.first.locator(".hb-card-picture")
    first_side = picture.inner_html()
    button(timer, "Skip").click()
    expect(phase).to_have_text("Hold: right knee down")
    expect(remaining).to_have_text("0:50")
    button(timer, "Skip").click()
    expect(phase).to_have_text("Switch sides: now left knee down")  # what to change, by name
    button(timer, "Skip").click()
    expect(phase).to_have_text("Hold: left knee down")
    # the figure is mirrored for the second side
    page.wait_for_function(
        "([el, before]) => el.innerHTML !== before",
        arg=[picture.element_handle(), first_side],
        timeout=10_000,
    )
