"""The picture beside a player, in Chromium: it moves with the player's clock, and stays
still (two panels) when the person asks for reduced motion. No Jupyter: picture.js is
rendered into a page with a stand-in player on the registry guide.js keeps."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from playwright.sync_api import Page

from handbook import load_catalog
from handbook.pictures.draw import svg
from handbook.timing.payload import player_timeline
from handbook.timing.timeline import TimedItem, build_phases

ROOT = Path(__file__).resolve().parents[2]

PAGE = """
window.st = null;
const player = { followers: new Set(), where: { item: 0, side: 0 }, tl: { phases: PHASES },
                 state: () => window.st };
globalThis.__handbookPlayers = { players: new Map([["k", player]]), waiting: new Map() };
const model = { get: (name) => ({ pictures: [[PICTURE, PICTURE]], follows: "k" })[name],
                on() {}, off() {} };
const { default: widget } = await import("data:text/javascript;base64,SOURCE");
widget.render({ model, el: document.getElementById("here") });
window.ready = true;
"""


def _open(page: Page) -> list[dict]:
    stretch = load_catalog()["cat-cow"]
    phases = player_timeline(
        build_phases([TimedItem.from_stretch(stretch)], get_ready=5), breaths_per_minute=6
    )["phases"]
    source = (ROOT / "handbook" / "widgets" / "picture.js").read_bytes()
    script = (
        PAGE.replace("PHASES", json.dumps(phases))
        .replace("PICTURE", json.dumps(svg(stretch, motion=True)))
        .replace("SOURCE", base64.b64encode(source).decode())
    )
    page.set_content('<div id="here"></div>')
    page.add_script_tag(content=script, type="module")
    page.wait_for_function("window.ready === true")
    return phases


def _shown(page: Page) -> dict:
    return page.evaluate(
        """() => ({
        motion: document.querySelector(".hb-motion").getAttribute("display"),
        panels: getComputedStyle(document.querySelector(".hb-panels")).display,
        frames: [...document.querySelectorAll(".hb-frame")]
          .filter((f) => f.getAttribute("display") === "inline").length,
        head: [...document.querySelectorAll(".hb-frame")]
          .filter((f) => f.getAttribute("display") === "inline")
          .map((f) => f.querySelector(".hb-head").getAttribute("cy"))[0] || null,
    })"""
    )


def test_the_figure_moves_with_the_count(page: Page):
    phases = _open(page)
    assert _shown(page)["panels"] != "none"  # not started: the two panels
    move = next(i for i, p in enumerate(phases) if p["kind"] == "move")
    heads = []
    for progress in (0.0, 0.5, 1.0):
        page.evaluate(
            f"window.st = {{status: 'running', index: {move}, phaseProgress: {progress}}}"
        )
        page.wait_for_timeout(120)
        shown = _shown(page)
        assert shown["motion"] == "inline" and shown["panels"] == "none" and shown["frames"] == 1
        heads.append(float(shown["head"]))
    assert heads[0] != heads[2] and min(heads[0], heads[2]) <= heads[1] <= max(heads[0], heads[2])


def test_nothing_moves_under_reduced_motion(page: Page):
    page.emulate_media(reduced_motion="reduce")
    phases = _open(page)
    move = next(i for i, p in enumerate(phases) if p["kind"] == "move")
    page.evaluate(f"window.st = {{status: 'running', index: {move}, phaseProgress: 0.5}}")
    page.wait_for_timeout(150)
    shown = _shown(page)
    assert shown["motion"] == "none" and shown["panels"] != "none" and shown["frames"] == 0
