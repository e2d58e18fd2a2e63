"""The player for everyone, in JupyterLab: axe-core finds nothing serious in a card's timer, in
the light and the dark theme; a screen reader hears each part once; Large is large; and the
breath pacer holds still for a person who asked for less motion."""

from __future__ import annotations

import os
import re

import nbformat
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT
from tests.browser.lab import button, open_notebook

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

SETUP = """import dataclasses
import handbook
from handbook.widgets import StretchCard

cat = handbook.load_catalog()
quad = dataclasses.replace(cat["standing-quad"], reps=1)
StretchCard(quad, get_ready=2, switch=2, hold_s=8, log=False)"""

# Tones made (each an oscillator), counted in the page.
TONES = """
window.__tones = 0;
const Context = window.AudioContext || window.webkitAudioContext;
const make = Context.prototype.createOscillator;
Context.prototype.createOscillator = function () { window.__tones += 1; return make.call(this); };
"""

# Every text change of the live region, with the time it came.
LIVE = """
window.__live = [];
new MutationObserver(() => {
  const live = document.querySelector(".hb-timer .hb-live");
  const said = window.__live;
  if (live && live.textContent && live.textContent !== said[said.length - 1]) {
    said.push(live.textContent);
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

STILL = """() => new Promise((resolve) => {
  const seen = new Set();
  const end = performance.now() + 1500;
  function frame() {
    seen.add(getComputedStyle(document.querySelector(".hb-timer .hb-breath")).transform);
    if (performance.now() < end) requestAnimationFrame(frame); else resolve(seen.size);
  }
  requestAnimationFrame(frame);
})"""


@pytest.fixture
def card(lab):
    if not AXE.is_file():
        message = "axe-core is not installed: run `make node_modules/.installed` (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, lab.root / "access-check.ipynb")
    return "access-check.ipynb"


def serious(page: Page) -> list[str]:
    """axe-core's serious and critical findings inside the card, one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
          const result = await axe.run({ include: [[".hb-card"]] });
          return result.violations.filter((v) => ["serious", "critical"].includes(v.impact))
            .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        }"""
    )
    return found


def start(page: Page, lab, notebook: str):
    open_notebook(page, lab, notebook)
    page.locator(".jp-CodeCell .jp-InputArea-prompt").first.click()
    page.keyboard.press("Shift+Enter")
    timer = page.locator(".hb-timer")
    expect(timer.locator(".hb-phase")).to_have_text("Get ready", timeout=60_000)
    return timer


def test_axe_finds_nothing_serious_in_light_and_dark_and_parts_are_said_once(page: Page, lab, card):
    page.add_init_script(LIVE + TONES)
    timer = start(page, lab, card)
    assert serious(page) == []
    live = timer.locator(".hb-live")
    assert live.get_attribute("aria-live") == "polite"
    button(timer, "Start").click()
    expect(timer.locator(".hb-phase")).to_have_text(re.compile("^Hold: "), timeout=5_000)
    page.wait_for_timeout(4_000)  # four seconds into an 8 s hold
    said = page.evaluate("window.__live")
    assert said == [
        "Get ready: Standing quad stretch",
        "Hold: right foot in hand: Standing quad stretch",
    ], said  # each part once, never the seconds
    # get ready (1 tone), its 3-2-1 (one tick: it is 2 s long), the hold (2), its 3-2-1 to come
    assert page.evaluate("window.__tones") == 4
    assert serious(page) == []  # running: the hold's colours, the pacer, Pause enabled

    theme(page, "JupyterLab Dark")
    try:
        expect(page.locator("body")).to_have_attribute("data-jp-theme-light", "false")
        page.wait_for_timeout(1_000)
        assert serious(page) == []
    finally:  # the server's settings outlive this page: the other tests' pages stay light
        theme(page, "JupyterLab Light")
        expect(page.locator("body")).to_have_attribute("data-jp-theme-light", "true")


def theme(page: Page, name: str) -> None:
    """Settings > Theme > name, as from the menu bar."""
    page.get_by_role("menuitem", name="Settings", exact=True).click()
    page.locator(".lm-Menu-item").filter(has_text=re.compile(r"^Theme\s*$")).hover()
    page.get_by_role("menuitem", name=name, exact=True).click()


def test_large_makes_text_and_buttons_big_and_the_pacer_can_hold_still(page: Page, lab, card):
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script(TONES)
    timer = start(page, lab, card)
    button(timer, "Mute").click()  # no tone at all, the countdown's included
    large = button(timer, "Large")
    assert large.get_attribute("aria-pressed") == "false"
    large.click()
    expect(large).to_have_attribute("aria-pressed", "true")
    sizes = timer.locator(".hb-guide").evaluate(
        """(el) => ({
          buttons: [...el.querySelectorAll("button")].map((b) => {
            const box = b.getBoundingClientRect(); return Math.min(box.width, box.height); }),
          text: [...el.querySelectorAll(".hb-phase, .hb-next, .hb-total, .hb-breath-word, button")]
            .map((e) => parseFloat(getComputedStyle(e).fontSize)),
        })"""
    )
    assert min(sizes["buttons"]) >= 44 and min(sizes["text"]) >= 20, sizes
    button(timer, "Start").click()
    expect(timer.locator(".hb-phase")).to_have_text(re.compile("^Hold: "), timeout=5_000)
    assert page.evaluate(STILL) == 1  # one size all along: the words pace the breath
    assert page.evaluate("window.__tones") == 0
    expect(timer.locator(".hb-breath-word")).to_have_text(re.compile("^Breathe (in|out)$"))
    page.reload()  # Large is remembered by this browser
    timer = start(page, lab, card)
    expect(button(timer, "Large")).to_have_attribute("aria-pressed", "true")
