"""The class page from a file, as a teacher opens it from a USB stick: offline, on any screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from handbook.timing.routinefile import routines

SAY_RECORDER = (
    "window.__said = [];"
    "speechSynthesis.speak = (u) => window.__said.push({ text: u.text, lang: u.lang });"
)


@pytest.fixture(scope="module")
def class_file(tmp_path_factory, catalog) -> str:
    path = tmp_path_factory.mktemp("stick") / "back-pain-basics-class.html"
    routines(catalog)["back-pain-basics"].to_class_page(path)
    return path.as_uri()


def offline_page(browser: Browser, width: int, height: int) -> tuple[Page, list[str]]:
    """A fresh browser context that blocks every request not made from the file itself."""
    context = browser.new_context(viewport={"width": width, "height": height})
    asked: list[str] = []

    def block(route):
        asked.append(route.request.url)
        route.abort()

    context.route("http*://**/*", block)
    page = context.new_page()
    page.add_init_script(SAY_RECORDER)
    return page, asked


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)], ids=["laptop", "phone"])
def test_a_class_runs_from_a_file_offline(browser, class_file, width, height):
    page, asked = offline_page(browser, width, height)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(class_file)
    stage = page.locator(".hb-guide-class")
    expect(stage.locator(".hb-class-name")).to_have_text("Kneeling hip flexor stretch")
    expect(page.get_by_role("button", name="Start")).to_be_enabled()

    page.keyboard.press("Space")  # Space starts, as on a presenter's clicker
    expect(page.get_by_role("button", name="Pause")).to_be_enabled()
    expect(stage.locator(".hb-phase")).to_have_text("Get ready")
    expect(stage.locator(".hb-phase")).to_have_text("Hold: right knee down", timeout=15_000)
    for control in ("Pause", "Next", "Back"):  # in reach while a stretch runs, phone included
        assert in_view(page, f".hb-controls button:text-is('{control}')"), control
    assert in_view(page, ".hb-remaining")

    page.keyboard.press("PageDown")  # the clicker's Next
    expect(stage.locator(".hb-class-name")).to_have_text("Crossover hamstring stretch")
    page.wait_for_function(  # the voice is given each stretch's words
        "() => ['Kneeling hip flexor', 'Crossover hamstring'].every("
        "name => window.__said.some(s => s.text.includes(name)))"
    )
    assert asked == [] and errors == []
    page.context.close()


def test_the_picture_follows_the_class(browser, class_file):
    page, _ = offline_page(browser, 1280, 800)
    page.goto(class_file)
    picture = page.locator("#hb-picture svg")
    expect(picture).to_have_count(1)
    first = picture.evaluate("svg => svg.outerHTML")
    page.get_by_role("button", name="Next").click()
    expect(page.locator(".hb-class-name")).to_have_text("Crossover hamstring stretch")
    page.wait_for_function(
        "first => document.querySelector('#hb-picture svg').outerHTML !== first", arg=first
    )
    page.context.close()


def test_a_class_runs_where_it_is_served_sandboxed(browser, class_file):
    """A participant opens the hub's link: Jupyter serves files sandboxed (no cookies, no
    storage). The class runs there as from a stick."""
    from pathlib import Path
    from urllib.parse import urlparse

    context = browser.new_context()
    body = Path(urlparse(class_file).path).read_text()
    context.route(
        "http://hub.test/files/class-page.html",
        lambda route: route.fulfill(
            body=body,
            content_type="text/html",
            headers={"Content-Security-Policy": "frame-ancestors 'self'; sandbox allow-scripts"},
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("http://hub.test/files/class-page.html")
    page.keyboard.press("Space")
    expect(page.locator(".hb-guide-class .hb-phase")).to_have_text("Get ready")
    assert errors == []
    context.close()
