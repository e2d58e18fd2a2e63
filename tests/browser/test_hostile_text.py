"""Text from data never runs: every notebook, run in JupyterLab over a catalogue, routines and
a progress log whose every text carries a script, runs none of them.

Before (issue 24): a two-row progress CSV ran its payloads through notebook 06, and stretch
names ran theirs through the tables and Markdown of notebooks 02-04. A canary notebook that
shows the same payload as HTML on purpose proves the detector sees a script that runs.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
import tomli_w
from playwright.sync_api import Page, expect

from handbook.progress.store import ProgressLog
from tests.browser.conftest import ROOT, Server, _stop, _workspace, start_lab
from tests.browser.lab import open_notebook, outputs, run_all

# Both books: the Spanish one's chapters are in es/ (its start page there too).
NOTEBOOKS = sorted(
    str(p.relative_to(ROOT / "notebooks"))
    for p in [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "notebooks" / "es").glob("*.ipynb")]
)
RECORDER = "window.pw = k => (window.__ran = window.__ran || []).push(String(k));"


def payload(key: str) -> str:
    """Markup that calls pw(key) if it is ever run as HTML (an image that fails to load)."""
    return f"<img src=x onerror=pw('{key}')>"


def poison_catalogue(data: Path) -> None:
    """Every text a person reads, in every stretch and routine, carries a payload."""
    for path in sorted((data / "stretches").glob("*.toml")):
        doc = tomllib.loads(path.read_text())
        sid = path.stem
        doc["name"] = f"{doc['name']} {payload(sid + ':name')}"
        doc["summary"] = f"{doc['summary']} {payload(sid + ':summary')}"
        for key in ("steps", "cues", "mistakes", "cautions"):
            if doc.get(key):
                doc[key][0] = f"{doc[key][0]} {payload(f'{sid}:{key}')}"
        if "side_names" in doc:  # at most 40 characters, starting with their side
            doc["side_names"] = {
                side: f"{side} <img src=x onerror=pw(7)>" for side in doc["side_names"]
            }
        for entry in doc.get("conditions", {}).values():
            if entry.get("how"):
                entry["how"] = f"{entry['how']} {payload(sid + ':how')}"
        path.write_text(tomli_w.dumps(doc))
    for path in sorted((data / "routines").glob("*.toml")):
        doc = tomllib.loads(path.read_text())
        doc["name"] = f"{doc['name']} {payload(path.stem + ':routine')}"
        doc["description"] = f"{doc.get('description', 'About.')} {payload(path.stem + ':about')}"
        path.write_text(tomli_w.dumps(doc))


def poison_home(home: Path, root: Path) -> None:
    """A progress log and a routine of the person's own, their texts all payloads."""
    log = ProgressLog(home / "progress.sqlite")
    for n, sid in enumerate(["kneeling-hip-flexor", payload("log:stretch"), "neck-turn"]):
        log.record(sid, 30, 30, routine=payload(f"log:routine{n}"), side="left")
    mine = root / "my-routines"
    mine.mkdir()
    (mine / "mine.toml").write_text(
        tomli_w.dumps(
            {
                "name": payload("mine:name"),
                "description": payload("mine:about"),
                "items": [{"stretch": "neck-turn"}],
            }
        )
    )
    canary = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                f'from IPython.display import HTML\nHTML("{payload("canary")}")'
            )
        ]
    )
    canary.metadata = nbformat.read(ROOT / "notebooks" / NOTEBOOKS[0], as_version=4).metadata
    nbformat.write(canary, root / "canary.ipynb")


@pytest.fixture(scope="module")
def hostile_lab(tmp_path_factory) -> Iterator[Server]:
    """JupyterLab whose kernels import a copy of the handbook with the poisoned catalogue,
    with a poisoned log in HANDBOOK_HOME, every cell drawn (no windowing)."""
    tmp = tmp_path_factory.mktemp("hostile")
    code = tmp / "code"
    shutil.copytree(ROOT / "handbook", code / "handbook")
    shutil.copytree(ROOT / "data", code / "data")
    poison_catalogue(code / "data")
    root, env = _workspace(tmp)
    poison_home(tmp / "home", root)
    tracker = tmp / "config" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    env = env | {"PYTHONPATH": str(code), "HANDBOOK_HOME": str(tmp / "home")}
    server, process = start_lab(root, env, tmp / "lab.log", token="handbook-hostile")
    yield server
    _stop(process)


def ran(page: Page) -> list[str]:
    return page.evaluate("window.__ran || []")


def test_the_detector_sees_a_script_that_runs(page: Page, hostile_lab):
    page.add_init_script(RECORDER)
    open_notebook(page, hostile_lab, "canary.ipynb")
    run_all(page)
    expect(outputs(page)).to_have_count(1)
    page.wait_for_timeout(500)
    assert ran(page) == ["canary"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_text_from_data_runs_in_any_notebook(page: Page, hostile_lab, name):
    page.add_init_script(RECORDER)
    open_notebook(page, hostile_lab, name)
    run_all(page)
    page.wait_for_timeout(1500)  # images fail to load at once; let every error fire
    assert ran(page) == [], f"{name} ran scripts from data"
    errors = page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
    )
    said = errors.all_inner_texts()  # only the log's own warning about a stretch it lacks
    lacks = "se dejaron fuera registros" if name.startswith("es/") else "left out records"
    assert all(f"ProgressWarning: {lacks}" in text for text in said), said
    # The payloads reached the page, as text. The Spanish book reads its own routines from
    # es/my-routines/ and its stretches' words from their translations (not poisoned here);
    # the log, in HANDBOOK_HOME, is the same for both books.
    if name.startswith(("02", "03", "06", "es/06")):
        expect(page.locator(".jp-Notebook").get_by_text("onerror=pw(").first).to_be_attached()
