"""The guided player in JupyterLab: on time while the kernel is busy, by eye, ear and voice,
with the keys, and still counting (and saying so) when the kernel restarts."""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import Page, expect

from handbook import ProgressLog
from tests.browser.lab import button, open_notebook

# A short timer: 2 s to get ready, 6 s looking right, 2 s to switch, 6 s looking left: 16 s.
SETUP = """import dataclasses
import handbook
from handbook.widgets import StretchTimer

cat = handbook.load_catalog()
t = StretchTimer(dataclasses.replace(cat["neck-turn"], reps=1), hold_s=6, get_ready=2, switch=2)
t"""
TOTAL_MS = 16_000

# Spoken words are recorded (headless Chromium has no voices); click and Done times are taken
# in the page, on the clock the player itself uses.
RECORDER = """
window.__spoken = [];
speechSynthesis.speak = (u) => window.__spoken.push(u.text);
document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest(".hb-start")) window.__clicked = performance.now();
}, true);
new MutationObserver(() => {
  const phase = document.querySelector(".hb-timer .hb-phase");
  if (phase && phase.textContent === "Done" && !window.__done) window.__done = performance.now();
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

PACER = """() => new Promise((resolve) => {
  const seen = new Set();
  const end = performance.now() + 2000;
  function frame() {
    const circle = document.querySelector(".hb-timer .hb-breath");
    seen.add(getComputedStyle(circle).transform);
    if (performance.now() < end) requestAnimationFrame(frame); else resolve(seen.size);
  }
  requestAnimationFrame(frame);
})"""


@pytest.fixture
def notebook(lab):
    """A notebook with the short timer, and a cell that keeps the kernel busy for 20 s."""
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(SETUP),
            nbformat.v4.new_code_cell("import time\ntime.sleep(20)"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, lab.root / "player-check.ipynb")
    return "player-check.ipynb"


def run_cell(page: Page, n: int) -> None:
    """Select code cell n and run it (Shift+Enter), as a person does."""
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").nth(n).locator(
        ".jp-InputArea-prompt"
    ).click()
    page.keyboard.press("Shift+Enter")


def log_rows() -> list[tuple[str, str]]:
    """The neck-turn records in this test run's progress log (HANDBOOK_HOME)."""
    found = ProgressLog().sessions()
    return [(r.stretch, r.side) for r in found.itertuples() if r.stretch == "neck-turn"]


def test_on_time_while_the_kernel_is_busy_by_eye_ear_and_voice(page: Page, lab, notebook):
    page.add_init_script(RECORDER)
    open_notebook(page, lab, notebook)
    run_cell(page, 0)
    timer = page.locator(".hb-timer")
    phase, remaining = timer.locator(".hb-phase"), timer.locator(".hb-remaining")
    expect(phase).to_have_text("Get ready", timeout=60_000)
    expect(remaining).to_have_text("0:02")  # before Start: what comes first
    before = len(log_rows())

    run_cell(page, 1)  # the kernel sleeps for 20 s
    expect(page.get_by_role("button", name=re.compile(r"\| Busy"))).to_be_visible()
    button(timer, "Start").click()
    expect(remaining).to_have_text("0:01", timeout=1_500)  # at once, busy kernel or not
    expect(phase).to_have_text("Hold: look to the right", timeout=3_000)
    frames = page.evaluate(PACER)
    assert frames >= 50, frames  # a smooth breath, not steps
    expect(phase).to_have_text("Done", timeout=20_000)
    assert page.get_by_role("button", name=re.compile(r"\| Busy")).is_visible()  # still asleep
    late = page.evaluate("window.__done - window.__clicked") - TOTAL_MS
    assert abs(late) <= 50, late

    spoken = page.evaluate("window.__spoken")
    assert spoken == [
        "Get ready: Neck turn",
        "Neck turn, look to the right",
        "Last three",
        "Switch sides: now look to the left",
        "Neck turn, look to the left",
        "Last three",
        "Done",
    ], spoken

    expect(page.get_by_role("button", name=re.compile(r"\| Idle"))).to_be_visible(
        timeout=30_000
    )  # the sleep ends: the kernel hears the events and records both sides
    page.wait_for_timeout(1500)
    assert log_rows()[before:] == [("neck-turn", "right"), ("neck-turn", "left")]


def test_keys_and_a_kernel_restart(page: Page, lab, notebook):
    open_notebook(page, lab, notebook)
    run_cell(page, 0)
    timer = page.locator(".hb-timer")
    player = timer.locator(".hb-guide")
    phase, remaining = timer.locator(".hb-phase"), timer.locator(".hb-remaining")
    expect(phase).to_have_text("Get ready", timeout=60_000)
    scroller = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer")
    top = scroller.evaluate("el => el.scrollTop")

    player.click(position={"x": 5, "y": 5})
    page.keyboard.press("Space")
    expect(player).to_have_class(re.compile(r"\bhb-running\b"))
    page.keyboard.press("ArrowRight")
    expect(phase).to_have_text("Hold: look to the right")
    page.keyboard.press("PageDown")
    expect(phase).to_have_text("Switch sides: now look to the left")
    page.keyboard.press("ArrowLeft")  # within two seconds: the phase before
    expect(phase).to_have_text("Hold: look to the right")
    page.keyboard.press("Space")
    expect(player).not_to_have_class(re.compile(r"\bhb-running\b"))
    page.keyboard.press("r")
    expect(phase).to_have_text("Get ready")
    expect(remaining).to_have_text("0:02")
    assert scroller.evaluate("el => el.scrollTop") == top  # no key scrolled the page
    expect(page.locator(".jp-Notebook .jp-Cell.jp-mod-selected")).to_have_count(1)

    page.wait_for_timeout(1000)  # the moments of holding the keys passed through are
    before = len(log_rows())  # recorded too (part-way); count from here
    button(timer, "Start").click()
    expect(phase).to_have_text("Switch sides: now look to the left", timeout=15_000)  # side 1 ends
    page.wait_for_timeout(1000)
    assert log_rows()[before:] == [("neck-turn", "right")]  # written at once
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Restart Kernel…")).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()  # "Restart"
    status = timer.locator(".hb-status")
    expect(status).to_contain_text("this run is not being recorded", timeout=15_000)
    expect(status).to_contain_text("Run the cell again to reconnect")
    shown = (phase.inner_text(), remaining.inner_text())
    page.wait_for_timeout(1500)
    assert (phase.inner_text(), remaining.inner_text()) != shown  # still counting
    expect(phase).to_have_text("Done", timeout=15_000)
    assert log_rows()[before:] == [("neck-turn", "right")]  # the finished hold is in the log


# Every tone fails as it is made, as on a browser whose audio device went away mid-class.
BROKEN_AUDIO = """
const Context = window.AudioContext || window.webkitAudioContext;
if (Context) Context.prototype.createOscillator = () => { throw new Error("no audio device"); };
"""


def test_a_failing_sound_never_stops_the_clock(page: Page, lab, notebook):
    page.add_init_script(BROKEN_AUDIO + RECORDER)
    open_notebook(page, lab, notebook)
    run_cell(page, 0)
    timer = page.locator(".hb-timer")
    phase = timer.locator(".hb-phase")
    expect(phase).to_have_text("Get ready", timeout=60_000)
    button(timer, "Start").click()
    expect(phase).to_have_text("Hold: look to the right", timeout=3_000)
    expect(phase).to_have_text("Done", timeout=TOTAL_MS + 2_000)
    assert page.evaluate("window.__spoken")[-1] == "Done"  # the voice goes on without sound
