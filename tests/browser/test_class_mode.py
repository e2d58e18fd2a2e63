"""Class mode as the room sees it: a Voila app with no code, big time, Start and Next."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from tests.browser.lab import button, seconds


def test_class_mode_as_a_voila_app(page: Page, voila):
    page.goto(voila.url("voila/render/05-class-mode.ipynb"))
    room = page.locator(".hb-class")
    expect(room).to_be_visible(timeout=90_000)

    # no code: no input area of a code cell, no source text, no traceback
    expect(page.locator(".jp-CodeCell .jp-InputArea")).to_have_count(0)
    expect(page.locator(".jp-InputArea-editor")).to_have_count(0)
    body = page.locator("body").inner_text()
    for code in ("import handbook", "ClassMode(", "assert ", "Traceback"):
        assert code not in body, code

    # readable from the back of the room
    remaining = room.locator(".hb-remaining")
    expect(remaining).to_have_text("0:05")
    size = remaining.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 96, size
    assert remaining.bounding_box()["height"] >= 96

    name, phase = room.locator(".hb-class-name"), room.locator(".hb-phase")
    expect(name).to_have_text("Kneeling hip flexor stretch")
    expect(room.locator(".hb-class-progress")).to_have_text("Stretch 1 of 4")
    page.wait_for_timeout(1500)
    expect(remaining).to_have_text("0:05")  # nothing started by itself

    button(room, "Start").click()
    expect(phase).to_have_text("Hold: right knee down", timeout=10_000)
    t0, r0 = time.monotonic(), seconds(remaining.inner_text())
    page.wait_for_timeout(3000)
    t1, r1 = time.monotonic(), seconds(remaining.inner_text())
    assert r1 < r0 and abs((r0 - r1) - (t1 - t0)) <= 1.2, (r0, r1, t1 - t0)  # real time

    button(room, "Next").click()
    expect(name).to_have_text("Crossover hamstring stretch")
    expect(room.locator(".hb-class-progress")).to_have_text("Stretch 2 of 4")
    expect(phase).to_have_text("Hold: right leg behind")
    picture = room.locator(".hb-class-picture")
    expect(picture).to_contain_text("Crossover hamstring stretch")  # the picture follows

    # a presenter's clicker: keys on the page, nothing focused, no scrolling
    page.locator("body").click(position={"x": 2, "y": 2})
    top = page.evaluate("window.scrollY")
    page.keyboard.press("PageDown")
    expect(name).to_have_text("Standing quad stretch")
    page.keyboard.press("PageUp")  # within two seconds: the stretch before
    expect(name).to_have_text("Crossover hamstring stretch")
    page.keyboard.press("Space")
    expect(button(room, "Start")).to_be_enabled()  # paused
    frozen = remaining.inner_text()
    page.wait_for_timeout(1500)
    expect(remaining).to_have_text(frozen)
    page.keyboard.press("ArrowRight")
    expect(name).to_have_text("Standing quad stretch")
    assert page.evaluate("window.scrollY") == top
