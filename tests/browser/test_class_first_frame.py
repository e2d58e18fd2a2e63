"""Class mode's first frame: the stage is painted as plain HTML before the widgets connect."""

from __future__ import annotations

from playwright.sync_api import Browser, expect


def test_the_stage_shows_before_any_script_of_voila_runs(browser: Browser, class_app):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    # Voila's scripts never arrive: what shows is the page as served, plain HTML only.
    context.route("**/voila/static/**", lambda route: route.abort())
    page = context.new_page()
    page.goto(class_app.url(""))
    frame = page.locator("#hb-first-frame")
    expect(frame.locator(".hb-class-name")).to_have_text("Kneeling hip flexor stretch")
    expect(frame.locator(".hb-phase")).to_have_text("Get ready")
    expect(frame.locator(".hb-remaining")).to_have_text("0:05")
    expect(frame.locator("svg")).to_be_visible()
    expect(page.locator("#loading")).to_be_hidden()  # in place of Voila's spinner
    context.close()


def test_the_live_stage_takes_its_place(browser: Browser, class_app):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(class_app.url(""))
    expect(page.locator("#rendered_cells .hb-class .hb-start")).to_be_visible(timeout=90_000)
    expect(page.locator("#hb-first-frame")).to_be_hidden()
    expect(page.locator(".hb-class-name:visible")).to_have_count(1)  # one stage, not two
    page.close(run_before_unload=True)
    context.close()
