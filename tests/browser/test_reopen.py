"""The next day: a notebook run, saved and reopened after the server restarts shows the
handbook, never "Error displaying widget: model not found" (JupyterLab as `make lab` runs it)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from handbook.output.notebook import RERUN, WIDGET_VIEW
from tests.browser.conftest import ROOT, Server, _stop, _workspace, start_lab
from tests.browser.lab import open_notebook, outputs, run_all


def make_lab_arguments() -> list[str]:
    """The Makefile's LAB_ARGS: what `make lab` gives JupyterLab, read from the Makefile."""
    text = (ROOT / "Makefile").read_text()
    block = re.search(r"^LAB_ARGS := (.*?)(?<!\\)\n", text, re.M | re.S)
    assert block, "the Makefile names LAB_ARGS"
    words = re.findall(r"'[^']*'|\S+", block[1].replace("\\\n", " "))
    args = [w.strip("'") for w in words if w != "$(QUIET_SERVER)"]
    assert any("pre_save_hook=handbook.output.notebook.keep_what_lasts" in a for a in args)
    return args


@pytest.fixture
def server(tmp_path) -> Iterator[tuple[Path, dict, list]]:
    """A folder of the notebooks and the means to start JupyterLab on it, as often as asked."""
    root, env = _workspace(tmp_path)
    running: list = []
    yield root, env, running
    for process in running:
        _stop(process)


def start(root: Path, env: dict, running: list, log: Path) -> Server:
    server, process = start_lab(root, env, log, *make_lab_arguments())
    running.append(process)
    return server


def test_a_reopened_notebook_shows_the_handbook_not_broken_widgets(page: Page, server, tmp_path):
    root, env, running = server
    lab = start(root, env, running, tmp_path / "first.log")
    open_notebook(page, lab, "01-back-pain-stretches.ipynb")
    run_all(page)
    expect(page.locator(".hb-card").first).to_be_visible()
    page.keyboard.press("Control+s")
    expect(page.locator(".jp-mod-dirty")).to_have_count(0)  # saved
    _stop(running.pop())

    saved = json.loads((root / "01-back-pain-stretches.ipynb").read_text())
    bundles = [o.get("data", {}) for c in saved["cells"] for o in c.get("outputs", [])]
    assert bundles and not any(WIDGET_VIEW in b for b in bundles)
    texts = ["".join(b.get("text/plain", "")) for b in bundles]  # stored as a list of lines
    assert texts.count(RERUN) >= 4  # a card for each stretch
    assert "widgets" not in saved["metadata"]

    lab = start(root, env, running, tmp_path / "second.log")  # the next day
    page.goto(lab.url("lab/tree/01-back-pain-stretches.ipynb?reset"))
    expect(page.get_by_role("button", name=re.compile(r"\| Idle"))).to_be_visible(timeout=60_000)
    expect(outputs(page).filter(has_text=RERUN).first).to_be_visible()
    expect(page.get_by_text("Error displaying widget")).to_have_count(0)
    expect(page.get_by_text("model not found")).to_have_count(0)
    outputs(page).filter(has_text=RERUN).first.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "reopened.png"))  # to look at, beside the log
    run_all(page)  # and the one line's advice works
    expect(page.locator(".hb-card").first).to_be_visible()
