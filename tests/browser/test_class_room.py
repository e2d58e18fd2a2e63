"""Class mode in a room, as `make class` serves it: a projector, a phone, a clicker, links."""

from __future__ import annotations

import tempfile
import urllib.parse
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.lab import button

SHOTS = Path(tempfile.gettempdir())  # screenshots to look at after a run


def open_class(browser: Browser, app, width: int, height: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(app.url(""))
    expect(page.locator(".hb-class .hb-remaining")).to_have_text("0:05", timeout=90_000)
    return page


def on_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    view = page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= view["width"] + 1
        and box["y"] + box["height"] <= view["height"] + 1
    )


def test_a_projector_shows_the_whole_stage_once_the_class_starts(browser: Browser, class_app):
    page = open_class(browser, class_app, 1024, 768)
    room = page.locator(".hb-class")
    panel = room.locator(".hb-class-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("For the teacher")
    for code in ("import ", "ClassMode(", "make class", "Serving the class"):
        assert code not in page.locator("body").inner_text(), code  # code and JupyterLab notes
    assert room.locator(".hb-remaining").bounding_box()["height"] >= 96

    heading = page.get_by_role("heading", name="Class mode")
    expect(heading).to_be_visible()
    button(room, "Start").click()
    expect(panel).to_be_hidden()
    expect(heading).to_be_hidden()  # the room sees the class, not the page's title
    expect(room.locator(".hb-phase")).not_to_have_text("Get ready", timeout=10_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "class-projector.png"))
    for part in (
        ".hb-remaining",
        ".hb-class-picture svg",
        ".hb-pause",
        ".hb-class-name",
        ".hb-skip",
    ):
        assert on_screen(page, part), part
    top = page.evaluate("window.scrollY")
    page.locator("body").click(position={"x": 2, "y": 2})
    name = room.locator(".hb-class-name")
    page.keyboard.press("PageDown")
    expect(name).to_have_text("Crossover hamstring stretch")
    for _ in range(3):
        page.keyboard.press("PageUp")  # the clicker's Back: never scrolls the stage away
    expect(name).to_have_text("Kneeling hip flexor stretch")
    assert page.evaluate("window.scrollY") == top and on_screen(page, ".hb-remaining")
    page.close()


def test_the_end_says_what_was_held_and_what_was_skipped(browser: Browser, class_app):
    page = open_class(browser, class_app, 1024, 768)
    room = page.locator(".hb-class")
    button(room, "Start").click()
    page.locator("body").click(position={"x": 2, "y": 2})
    for _ in range(4):  # Next through the whole class in a few seconds
        page.keyboard.press("PageDown")
    # Every stretch cut short: no praise, a plain headline over the true numbers.
    expect(room.locator(".hb-class-name")).to_have_text("The class is over")
    held = room.locator(".hb-class-total")
    expect(held).to_contain_text("of stretching held, of 6:40 planned")  # 4 x 2 x 50 s of holds
    assert not held.inner_text().startswith("6:40")  # not what was planned: what was held
    expect(room.locator(".hb-class-cue")).to_contain_text("Skipped:")
    expect(room.locator(".hb-class-panel")).to_be_visible()  # set up again for the next class
    page.close()


def test_a_phone_shows_the_whole_time_and_nothing_sideways(browser: Browser, class_app):
    page = open_class(browser, class_app, 390, 844)
    remaining = page.locator(".hb-class .hb-remaining")
    assert remaining.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # "0:05", whole
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    button(page.locator(".hb-class"), "Start").click()
    expect(page.locator(".hb-class .hb-phase")).not_to_have_text("Get ready", timeout=10_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "class-phone.png"))
    wide = page.evaluate(
        "[document.documentElement.scrollWidth, "
        "document.querySelector('#rendered_cells')?.scrollWidth ?? 0]"
    )
    assert max(wide) <= 390, wide
    assert remaining.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert on_screen(page, ".hb-class .hb-remaining")
    for control in ("Pause", "Next", "Back"):  # in reach while the stretch runs
        assert on_screen(page, f".hb-class .hb-controls button:text-is('{control}')"), control
    page.close()


def test_every_link_on_the_page_answers(browser: Browser, class_app):
    page = open_class(browser, class_app, 1024, 768)
    button(page.locator(".hb-class"), "Handout").click()
    expect(page.locator(".hb-download")).to_be_visible()
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
    checked = 0
    for href in hrefs:
        scheme = urllib.parse.urlparse(href).scheme
        if scheme in ("data", "javascript", "mailto") or href.endswith("#"):
            continue
        assert page.request.get(href).status == 200, href
        checked += 1
    assert "data:text/html" in page.locator(".hb-download").get_attribute("href")
    page.close()


def test_present_puts_the_class_on_the_whole_screen(browser: Browser, class_app):
    page = open_class(browser, class_app, 1024, 768)
    room = page.locator(".hb-class")
    button(room, "Present").click()
    page.wait_for_function("document.fullscreenElement !== null", timeout=5_000)
    assert page.evaluate("document.fullscreenElement.classList.contains('hb-class')")
    expect(button(room, "Leave full screen")).to_be_visible()
    expect(room.locator(".hb-class-panel")).to_be_hidden()  # the projector shows the stage only
    button(room, "Leave full screen").click()
    page.wait_for_function("document.fullscreenElement === null", timeout=5_000)
    page.close()


def test_pictures_sit_on_the_dark_theme_without_a_white_square(browser: Browser, class_app):
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(class_app.url("?theme=dark"))  # as `make class CLASS_THEME=dark`
    expect(page.locator(".hb-class .hb-remaining")).to_have_text("0:05", timeout=90_000)
    picture = page.locator(".hb-class-picture svg").first
    assert picture.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(map(int, dark[4:-1].split(","))) < 3 * 60, dark  # a dark page behind it
    filled = picture.evaluate("""el => [...el.querySelectorAll('rect, path, circle, polygon')]
        .filter(s => !s.classList.contains('hb-eye'))  // the eye: a dot on the grey head
        .map(s => getComputedStyle(s).fill).filter(f => f === 'rgb(255, 255, 255)').length""")
    assert filled == 0  # no white shape to glare in a dim room
    page.close()
