"""The README's screenshots, taken in a real browser: `make screenshots`.

Not part of the test run (the file name does not start with test_); run it by name. Each
picture is one element at a 1280x800 window, written to docs/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.lab import button, open_notebook, run_all

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
MAX_BYTES = 300_000


def shoot(element, name: str) -> Path:
    """Screenshot one element into docs/screenshots and check its size.

    JupyterLab scrolls a notebook inside its own panel, which would cut off an element
    taller than the window: the window grows (keeping its width) until the element fits.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page = element.page
    height = element.bounding_box()["height"]
    if height + 240 > VIEWPORT["height"]:
        page.set_viewport_size({"width": VIEWPORT["width"], "height": int(height) + 240})
        page.wait_for_timeout(500)
    element.scroll_into_view_if_needed()
    element.screenshot(path=path, animations="disabled")
    assert path.stat().st_size <= MAX_BYTES, f"{name}: {path.stat().st_size} bytes"
    return path


def open_wide(page: Page, lab, name: str) -> None:
    """Open a notebook at 1280x800 and fold the left sidebar away (a click on its open tab)."""
    page.set_viewport_size(VIEWPORT)
    open_notebook(page, lab, name)
    if page.locator("#jp-left-stack").is_visible():
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
    expect(page.locator("#jp-left-stack")).to_be_hidden()


def test_stretch_card(page: Page, lab):
    open_wide(page, lab, "01-back-pain-stretches.ipynb")
    run_all(page)
    card = page.locator(".hb-card").first
    expect(card.locator(".hb-card-picture svg")).to_be_visible()
    expect(card.locator(".hb-timer .hb-remaining")).to_have_text("0:05")
    shoot(card, "stretch-card.png")


def test_week_planner(page: Page, lab):
    open_wide(page, lab, "04-plan-your-week.ipynb")
    run_all(page)
    planner = page.locator(".hb-planner").first
    expect(planner).to_be_visible()
    button(planner, "Plan my week").click()
    expect(planner.locator(".hb-week")).not_to_be_empty(timeout=30_000)
    page.wait_for_timeout(1000)  # let the charts settle
    shoot(planner, "week-planner.png")


def test_class_mode(page: Page, voila):
    page.set_viewport_size(VIEWPORT)
    page.goto(voila.url("voila/render/05-class-mode.ipynb"))
    room = page.locator(".hb-class")
    expect(room).to_be_visible(timeout=90_000)
    button(room, "Start").click()
    expect(room.locator(".hb-remaining")).not_to_have_text("0:05", timeout=10_000)
    page.wait_for_timeout(3000)
    shoot(room, "class-mode.png")
