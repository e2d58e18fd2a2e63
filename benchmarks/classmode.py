"""Figures of issue 5: class mode's first render in Voila, and one class-mode kernel's memory.

The render is timed as a person meets it: Chromium opens the page and the clock stops when
the widget is on screen; the baseline is a notebook with the same imports and no widget,
served by the same Voila, with the repository's voila.json (the settings of `make class`).
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

from .common import Figure
from .kernel import notebook_memory_figure

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "05-class-mode.ipynb"
CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
                 if os.access(p, os.X_OK)), None)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
BARE_MARKER = "hb-bare-marker"
REPEAT = 5


def _bare_notebook() -> nbformat.NotebookNode:
    """The class-mode notebook's imports and a visible marker, without the widget."""
    imports = ("import handbook\nfrom handbook.widgets import ClassMode\n"
               "from IPython.display import HTML\n"
               f'HTML(\'<div class="{BARE_MARKER}">ready</div>\')')
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Bare"),
                                         nbformat.v4.new_code_cell(imports)])
    nb.metadata = nbformat.read(NOTEBOOK, as_version=4).metadata
    return nb


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Voila:
    """Voila on 127.0.0.1 serving a folder, started from the repository (so voila.json applies)."""

    def __init__(self, folder: Path, tmp: Path):
        self.port = _free_port()
        env = os.environ | {"JUPYTER_CONFIG_DIR": str(tmp / "config"),
                            "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
        self.log = tmp / "voila.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "voila"), "--no-browser",
                 "--Voila.ip=127.0.0.1", f"--port={self.port}", str(folder)],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while True:  # a static file answers without starting a kernel
            try:
                with urllib.request.urlopen(f"{self.url('voila/static/voila.js')}", timeout=2):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"voila did not start:\n{self.log.read_text()}") from None
                time.sleep(0.25)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _render_times(voila: _Voila) -> tuple[list[float], list[float]]:
    """Seconds from opening each page to its widget (or marker) on screen, alternating."""
    from playwright.sync_api import sync_playwright

    pages = [("voila/render/05-class-mode.ipynb", ".hb-class .hb-remaining"),
             ("voila/render/bare.ipynb", f".{BARE_MARKER}")]
    times: dict[str, list[float]] = {path: [] for path, _ in pages}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in range(REPEAT + 1):  # the first round warms the server up and is dropped
            for path, selector in pages:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(voila.url(path), wait_until="commit")
                page.locator(selector).wait_for(state="visible", timeout=120_000)
                took = time.perf_counter() - start
                context.close()  # the page goes: Voila shuts its kernel down
                if n:
                    times[path].append(took)
                time.sleep(1)
        browser.close()
    return times[pages[0][0]], times[pages[1][0]]


def _render_figure() -> Figure:
    with tempfile.TemporaryDirectory(prefix="hb-bench-voila-") as name:
        tmp = Path(name)
        folder = tmp / "work"
        folder.mkdir()
        shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
        nbformat.write(_bare_notebook(), folder / "bare.ipynb")
        voila = _Voila(folder, tmp)
        try:
            class_mode, bare = _render_times(voila)
        finally:
            voila.stop()
    value, baseline = statistics.median(class_mode), statistics.median(bare)
    return Figure("Voila first render of 05-class-mode (median)", value, "s", "<= 1.3x",
                  value <= 1.3 * baseline, baseline, "same imports, no widget")


def _memory_figure() -> Figure:
    return notebook_memory_figure(NOTEBOOK, "kernel memory of one class (05 run)")


def figures() -> list[Figure]:
    """Measure this issue's figures (about a minute: twelve page loads and two kernels)."""
    found = []
    if CHROMIUM is None:
        print("classmode: Debian's chromium is missing (make chromium); render not measured",
              file=sys.stderr)
    else:
        found.append(_render_figure())
    found.append(_memory_figure())
    return found
