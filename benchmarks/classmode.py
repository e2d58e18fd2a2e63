"""Class mode in Voila: its render cold and warm, the memory of the preheated pool and of a kernel.

The render is timed as a person meets it: Chromium opens the page and the page itself notes
when the stage is on screen: its first frame (plain HTML painted before the widgets connect,
Voila's handbook-class template) and the live controls. Cold: every page starts a kernel and
runs the notebook (the baseline is a notebook with the same imports and no widget, served by
the same Voila).
Warm: `make class`'s settings (the repository's voila.json), whose preheated pool has run
the notebook before anyone asks; its baseline is the cold render of the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

from .common import CHROMIUM, CHROMIUM_ARGS, Figure, free_port, stop
from .kernel import notebook_memory_figure

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "05-class-mode.ipynb"
BARE_MARKER = "hb-bare-marker"
REPEAT = 5


def _bare_notebook() -> nbformat.NotebookNode:
    """The class-mode notebook's imports and a visible marker, without the widget."""
    imports = (
        "import handbook\nfrom handbook.widgets import ClassMode\n"
        "from IPython.display import HTML\n"
        f"HTML('<div class=\"{BARE_MARKER}\">ready</div>')"
    )
    nb: nbformat.NotebookNode = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Bare"), nbformat.v4.new_code_cell(imports)]
    )
    nb.metadata = nbformat.read(NOTEBOOK, as_version=4).metadata
    return nb


class _Voila:
    """Voila on 127.0.0.1 serving a folder, started from the repository (so voila.json applies)."""

    def __init__(self, folder: Path, tmp: Path, *options: str):
        self.port = free_port()
        env = os.environ | {
            "JUPYTER_CONFIG_DIR": str(tmp / "config"),
            "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        }
        self.log = tmp / "voila.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "voila"),
                    "--no-browser",
                    "--Voila.ip=127.0.0.1",
                    f"--port={self.port}",
                    *options,
                    str(folder),
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
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
        stop(self.process)


CLASS_PAGE = ("voila/render/05-class-mode.ipynb", "#rendered_cells .hb-class .hb-start")
FIRST_FRAME = ".hb-remaining"  # the stage as plain HTML, or the live one
POOL = json.loads((ROOT / "voila.json").read_text())["VoilaConfiguration"]["default_pool_size"]
REFILL_S = 8.0  # a pooled kernel used is replaced in about 4 s on 2 cores: wait longer

# Seconds from the start of navigation to the first frame each selector matched, as the page
# itself saw it (a MutationObserver from the first byte on; Playwright's polling adds ~0.1 s).
SEEN = """selectors => {
  window.__seen = {};
  const look = () => {
    for (const selector of selectors) {
      if (!(selector in window.__seen) && document.querySelector(selector)) {
        window.__seen[selector] = performance.now() / 1000;
      }
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true });
}"""


def _render_times(
    voila: _Voila, pages: list[tuple[str, str]], pause: float = 1.0, first: str | None = None
) -> list[list[float]]:
    """Seconds from opening each page to its widget (or marker) on screen, alternating; with
    `first`, also (as a last list) the seconds to the first frame that matched it."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {path: [] for path, _ in pages}
    frames: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in range(REPEAT + 1):  # the first round warms the server up and is dropped
            for path, selector in pages:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                watched = [selector] + ([first] if first else [])
                page.add_init_script(f"({SEEN})({json.dumps(watched)})")
                page.goto(voila.url(path), wait_until="commit")
                page.locator(selector).wait_for(state="visible", timeout=120_000)
                seen = page.evaluate("window.__seen")
                context.close()  # the page goes: Voila shuts its kernel down
                if n:
                    times[path].append(seen[selector])
                    if first:
                        frames.append(seen[first])
                time.sleep(pause)
        browser.close()
    return [times[path] for path, _ in pages] + ([frames] if first else [])


def _kernels_rss_mb(parent: int) -> tuple[int, float]:
    """How many kernels a process has started, and their resident memory in MB (from /proc)."""
    count, total = 0, 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            cmdline = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields.get("PPid", "0")) == parent and b"ipykernel" in cmdline:
            count += 1
            total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
    return count, total


def _pool_memory(voila: _Voila, timeout: float = 120.0) -> tuple[int, float]:
    """Wait for the pool to fill and settle; then its kernels and their memory."""
    deadline, last = time.monotonic() + timeout, (0, 0.0)
    while time.monotonic() < deadline:
        now = _kernels_rss_mb(voila.process.pid)
        if now[0] >= POOL and abs(now[1] - last[1]) < 2.0:
            return now
        last = now
        time.sleep(3)
    return last


def _render_figures() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="hb-bench-voila-") as name:
        tmp = Path(name)
        folder, alone = tmp / "work", tmp / "class"
        folder.mkdir()
        alone.mkdir()
        shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
        shutil.copy(NOTEBOOK, alone / NOTEBOOK.name)
        nbformat.write(_bare_notebook(), folder / "bare.ipynb")
        voila = _Voila(folder, tmp, "--preheat_kernel=False")
        try:
            cold, bare = _render_times(
                voila, [CLASS_PAGE, ("voila/render/bare.ipynb", f".{BARE_MARKER}")]
            )
        finally:
            voila.stop()
        voila = _Voila(alone, tmp)  # voila.json as `make class` uses it: a preheated pool
        try:
            kernels, pool_mb = _pool_memory(voila)
            warm, frame = _render_times(voila, [CLASS_PAGE], pause=REFILL_S, first=FIRST_FRAME)
        finally:
            voila.stop()
    cold_s, bare_s, warm_s, frame_s = (statistics.median(t) for t in (cold, bare, warm, frame))
    return [
        Figure(
            "class mode's first frame for a new visitor (median)",
            frame_s,
            "s",
            "<= 0.8 s",
            frame_s <= 0.8,
            warm_s,
            "controls live",
        ),
        Figure(
            "Voila render of 05-class-mode, cold (median)",
            cold_s,
            "s",
            "<= 1.3x",
            cold_s <= 1.3 * bare_s,
            bare_s,
            "same imports, no widget",
        ),
        Figure(
            "Voila render of 05-class-mode, warm pool, controls live (median)",
            warm_s,
            "s",
            "<= 1.5 s",
            warm_s <= 1.5,
            cold_s,
            "cold render",
        ),
        Figure(
            f"memory the pool holds ({kernels} kernels)",
            pool_mb,
            "MB",
            f"{POOL} kernels",
            kernels >= POOL,
            None,
        ),
    ]


def _memory_figure() -> Figure:
    return notebook_memory_figure(NOTEBOOK, "kernel memory of one class (05 run)")


def figures() -> list[Figure]:
    """Measure this issue's figures (about a minute: twelve page loads and two kernels)."""
    found = []
    if CHROMIUM is None:
        print(
            "classmode: Debian's chromium is missing (make chromium); render not measured",
            file=sys.stderr,
        )
    else:
        found += _render_figures()
    found.append(_memory_figure())
    return found
